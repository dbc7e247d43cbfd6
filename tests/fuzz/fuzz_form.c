/* fuzz_form.c - libFuzzer target for form.c: decoded pairs and cookies are always NUL-free UTF-8, and encoding round-trips. */
/* fuzz-sources: fcgi-app/http/form.c fcgi-app/core/arena.c fcgi-app/core/buf.c */
/* fuzz-libs: -luriparser */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/form.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct arena *A;

/* What every decoded string must be: as long as said, NUL-free, UTF-8. */
static void
check_string(const char *s, size_t len)
{
	if (s == NULL || strlen(s) != len || !utf8_valid(s, len))
		abort();
}

static void
check_urlencoded(const char *s, size_t len)
{
	struct params p, q;
	struct buf b;
	size_t i;

	/* A small limit, so that refusing too many pairs is exercised as well. */
	if (form_parse_urlencoded(A, s, len, 64, &p) != KERR_OK) {
		if (p.n != 0 || p.v != NULL)
			abort();
		return;
	}
	buf_init(&b, A, len * 3 + 1);
	for (i = 0; i < p.n; i++) {
		check_string(p.v[i].name, strlen(p.v[i].name));
		check_string(p.v[i].value, p.v[i].valuelen);
		buf_printf(&b, "%s%s=%s", i ? "&" : "",
		    form_urlencode(A, p.v[i].name), form_urlencode(A, p.v[i].value));
	}
	/* Encoding what was decoded and decoding it again gives the same pairs. */
	if (form_parse_urlencoded(A, b.data, b.len, 64, &q) != KERR_OK || q.n != p.n)
		abort();
	for (i = 0; i < p.n; i++)
		if (strcmp(p.v[i].name, q.v[i].name) != 0 ||
		    strcmp(p.v[i].value, q.v[i].value) != 0 ||
		    p.v[i].valuelen != q.v[i].valuelen)
			abort();
}

static void
check_cookies(const char *header)
{
	struct params p;
	size_t i, j;

	if (form_parse_cookies(A, header, &p) != KERR_OK)
		abort();
	for (i = 0; i < p.n; i++) {
		if (p.v[i].name[0] == '\0')
			abort();
		check_string(p.v[i].name, strlen(p.v[i].name));
		check_string(p.v[i].value, p.v[i].valuelen);
		for (j = 0; j < p.v[i].valuelen; j++)
			if ((unsigned char)p.v[i].value[j] < 0x20 ||
			    p.v[i].value[j] == 0x7f)
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *header;

	if (A == NULL && (A = arena_new(65536)) == NULL)
		abort();
	/* libFuzzer's buffer is exactly size bytes: overreads trip ASan. */
	check_urlencoded((const char *)data, size);
	if ((header = malloc(size + 1)) == NULL)
		abort();
	memcpy(header, data, size);
	header[size] = '\0';
	check_cookies(header);
	free(header);
	arena_reset(A);
	return 0;
}
