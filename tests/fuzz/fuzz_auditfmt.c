/* fuzz_auditfmt.c - libFuzzer target for auditfmt.c: the JSON reader and the Swedish time conversion (fmt.c). */
/* fuzz-sources: fcgi-app/views/auditfmt.c fcgi-app/core/fmt.c fcgi-app/core/i18n.c fcgi-app/core/calendar.c fcgi-app/http/form.c fcgi-app/core/arena.c fcgi-app/core/buf.c */
/* fuzz-libs: -luriparser */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "http/form.h"
#include "views/auditfmt.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct arena *A;

static void
check_text(const char *s)
{
	if (s != NULL && !utf8_valid(s, strlen(s)))
		abort();
}

static void
check_json(const char *s)
{
	struct audit_change *c, *d;
	size_t n, m, i;

	if (auditfmt_changes(A, NULL, s, &c, &n) != KERR_OK) {
		if (auditfmt_changes(A, s, NULL, &c, &n) != KERR_INVALID)
			abort();
		return;
	}
	/* A document against itself changes nothing; against nothing, every field goes. */
	if (auditfmt_changes(A, s, s, &d, &m) != KERR_OK || m != 0)
		abort();
	if (auditfmt_changes(A, s, NULL, &d, &m) != KERR_OK || m != n)
		abort();
	for (i = 0; i < n; i++) {
		if (c[i].before != NULL || c[i].after == NULL ||
		    d[i].after != NULL || strcmp(d[i].before, c[i].after) != 0 ||
		    strcmp(d[i].field, c[i].field) != 0)
			abort();
		check_text(c[i].field);
		check_text(c[i].after);
	}
}

static void
check_time(const char *s)
{
	const char *t = fmt_time(A, s);

	if (t != NULL && (strlen(t) != 16 || t[4] != '-' || t[10] != ' '))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (A == NULL && (A = arena_new(65536)) == NULL)
		abort();
	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	check_json(s);
	check_time(s);
	free(s);
	arena_reset(A);
	return 0;
}
