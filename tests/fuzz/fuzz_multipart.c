/* fuzz_multipart.c - libFuzzer target for multipart.c: any cut of the body parses alike; what comes out is well-formed. */
/* fuzz-sources: fcgi-app/http/multipart.c fcgi-app/core/str.c fcgi-app/http/form.c fcgi-app/core/arena.c fcgi-app/core/buf.c */
/* fuzz-libs: -luriparser */
/*
 * Input: an optional first line (up to 80 bytes) that is the boundary parameter as sent (quoted or not),
 * then the body; without a line break in the first 81 bytes the boundary is XyZ and all of it is body.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/form.h"
#include "http/multipart.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct arena *A;

static const struct mp_limits LIM = { 1 << 20, 64, 4096, 256 };

struct run {
	struct buf	 t;		/* what the sink saw */
	int		 open;		/* a file part has begun and not ended */
};

static int
no_separator(const char *s)
{
	return strchr(s, '/') == NULL && strchr(s, '\\') == NULL;
}

static enum kerr
f_begin(void *arg, const struct mp_part *p)
{
	struct run *r = arg;

	if (r->open || p->name == NULL || *p->name == '\0' || p->filename == NULL ||
	    !utf8_valid(p->name, strlen(p->name)) ||
	    !utf8_valid(p->filename, strlen(p->filename)) || !no_separator(p->filename) ||
	    (p->content_type != NULL && !utf8_valid(p->content_type, strlen(p->content_type))))
		abort();
	r->open = 1;
	buf_printf(&r->t, "B%s%c%s%c%s%c", p->name, 0, p->filename, 0,
	    p->content_type != NULL ? p->content_type : "(none)", 0);
	return KERR_OK;
}

static enum kerr
f_data(void *arg, const char *d, size_t len)
{
	struct run *r = arg;

	if (!r->open || len == 0)
		abort();
	buf_append(&r->t, d, len);
	return KERR_OK;
}

static enum kerr
f_end(void *arg)
{
	struct run *r = arg;

	if (!r->open)
		abort();
	r->open = 0;
	buf_putc(&r->t, 'E');
	return KERR_OK;
}

/*
 * Parses body fed in pieces (sizes from a generator seeded with seed; one
 * piece when seed is 0) and writes everything it produced into r->t.
 */
static void
run(const char *ct, const char *body, size_t len, unsigned seed, struct run *r)
{
	struct mp_sink sink = { f_begin, f_data, f_end, r };
	struct params fields = { NULL, 0 };
	struct multipart *m;
	size_t at = 0, n, i;
	enum kerr e;

	buf_init(&r->t, A, 256);
	r->open = 0;
	if ((e = mp_new(A, ct, &LIM, &fields, &sink, &m)) != KERR_OK) {
		buf_printf(&r->t, "new %d", e);
		return;
	}
	while (at < len) {
		if (seed == 0)
			n = len - at;
		else {
			seed = seed * 1103515245u + 12345u;
			n = 1 + (seed >> 16) % 67;
			if (n > len - at)
				n = len - at;
		}
		if (mp_feed(m, body + at, n) != KERR_OK)
			break;
		at += n;
	}
	e = mp_finish(m);
	if (e != KERR_OK)
		/* After an error only the error counts: how far each run got before it may differ. */
		buf_reset(&r->t);
	for (i = 0; e == KERR_OK && i < fields.n; i++) {
		const struct param *p = &fields.v[i];

		if (*p->name == '\0' || !utf8_valid(p->name, strlen(p->name)) ||
		    strlen(p->value) != p->valuelen || !utf8_valid(p->value, p->valuelen) ||
		    p->valuelen > LIM.max_field)
			abort();
		buf_printf(&r->t, "F%s%c", p->name, 0);
		buf_append(&r->t, p->value, p->valuelen);
		buf_putc(&r->t, 0);
	}
	if (e == KERR_OK && r->open)
		abort();
	buf_printf(&r->t, "=%d", e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nl, *body = in;
	struct run whole, cut;
	size_t len = size, i;
	unsigned seed = 1;
	char *ct;

	if (A == NULL && (A = arena_new(65536)) == NULL)
		abort();
	nl = memchr(in, '\n', size < 81 ? size : 81);
	if (nl != NULL) {
		ct = arena_printf(A, "multipart/form-data; boundary=%.*s", (int)(nl - in), in);
		if (strlen(ct) != (size_t)(nl - in) + 30)
			ct = "multipart/form-data; boundary=XyZ";
		body = nl + 1;
		len = size - (size_t)(body - in);
	} else
		ct = "multipart/form-data; boundary=XyZ";
	for (i = 0; i < size; i++)
		seed = seed * 31u + data[i];
	run(ct, body, len, 0, &whole);
	run(ct, body, len, seed | 1, &cut);
	if (whole.t.len != cut.t.len || memcmp(whole.t.data, cut.t.data, whole.t.len) != 0)
		abort();
	arena_reset(A);
	return 0;
}
