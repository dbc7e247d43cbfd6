/* test_core.c - unit tests for the core modules: arena, buf, str, conf, route, auth, http paths, i18n, labels. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/conf.h"
#include "core/i18n.h"
#include "core/str.h"
#include "domain/labels.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/req.h"
#include "http/route.h"
#include "unit.h"

static struct arena *A;

/* arena */

static int
aligned(const void *p)
{
	return (uintptr_t)p % _Alignof(max_align_t) == 0;
}

static void
test_arena_every_allocation_aligned(void)
{
	struct arena *a = arena_new(1024);
	unsigned char *p[300];
	size_t i, j, n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	/* Odd sizes, crossing chunk boundaries, each filled with its own byte. */
	for (i = 0; i < 300; i++) {
		n = 1 + i % 97;
		p[i] = arena_alloc(a, n);
		CU_ASSERT_PTR_NOT_NULL_FATAL(p[i]);
		CU_ASSERT(aligned(p[i]));
		memset(p[i], (int)(i & 0xff), n);
	}
	CU_ASSERT(aligned(arena_calloc(a, 3, 7)));
	CU_ASSERT(aligned(arena_strdup(a, "x")));
	CU_ASSERT(aligned(arena_printf(a, "%d", 7)));
	/* No allocation overlapped another. */
	for (i = 0; i < 300; i++)
		for (j = 0, n = 1 + i % 97; j < n; j++)
			if (p[i][j] != (unsigned char)(i & 0xff)) {
				CU_FAIL("allocations overlap");
				i = 300;
				break;
			}
	arena_free(a);
}

static void
test_arena_many_small_and_one_huge(void)
{
	struct arena *a = arena_new(4096);
	enum { NSMALL = 20000, SMALL = 24, HUGE = 4 * 1024 * 1024 };
	unsigned char **p = calloc(NSMALL, sizeof(*p));
	unsigned char *huge;
	size_t i, j;
	int intact = 1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	for (i = 0; i < NSMALL / 2; i++) {
		p[i] = arena_alloc(a, SMALL);
		memset(p[i], (int)(i % 251), SMALL);
	}
	huge = arena_alloc(a, HUGE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(huge);
	CU_ASSERT(aligned(huge));
	memset(huge, 0xab, HUGE);
	for (; i < NSMALL; i++) {
		p[i] = arena_alloc(a, SMALL);
		CU_ASSERT(aligned(p[i]));
		memset(p[i], (int)(i % 251), SMALL);
	}
	for (i = 0; i < NSMALL && intact; i++)
		for (j = 0; j < SMALL; j++)
			if (p[i][j] != (unsigned char)(i % 251))
				intact = 0;
	CU_ASSERT(intact);
	CU_ASSERT(huge[0] == 0xab && huge[HUGE - 1] == 0xab);
	CU_ASSERT(arena_used(a) >= (size_t)NSMALL * SMALL + HUGE);
	/* Reset frees the extra chunks; the arena is usable again. */
	arena_reset(a);
	CU_ASSERT_EQUAL(arena_used(a), 0);
	huge = arena_alloc(a, HUGE);
	memset(huge, 0, HUGE);
	CU_ASSERT_EQUAL(arena_used(a) >= HUGE, 1);
	free(p);
	arena_free(a);
}

static int order[8];
static int norder;

static void
record(void *arg)
{
	if (norder < 8)
		order[norder] = *(int *)arg;
	norder++;
}

static void
test_arena_reset_runs_cleanups_last_first_once(void)
{
	static int one = 1, two = 2, three = 3, four = 4;
	struct arena *a = arena_new(1024);

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	norder = 0;
	arena_cleanup_add(a, record, &one);
	arena_cleanup_add(a, record, &two);
	arena_cleanup_add(a, record, &three);
	CU_ASSERT_EQUAL(norder, 0);
	arena_reset(a);
	CU_ASSERT_EQUAL_FATAL(norder, 3);
	CU_ASSERT_EQUAL(order[0], 3);
	CU_ASSERT_EQUAL(order[1], 2);
	CU_ASSERT_EQUAL(order[2], 1);
	/* A second reset runs nothing again. */
	arena_reset(a);
	CU_ASSERT_EQUAL(norder, 3);
	/* Cleanups added after a reset run at arena_free, once. */
	arena_cleanup_add(a, record, &four);
	arena_free(a);
	CU_ASSERT_EQUAL_FATAL(norder, 4);
	CU_ASSERT_EQUAL(order[3], 4);
}

static void
test_arena_reset_keeps_memory_reusable(void)
{
	struct arena *a = arena_new(1024);
	char *first, *again;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	first = arena_alloc(a, 100);
	memset(first, 'x', 100);
	/* Spill into more chunks, then reset. */
	for (i = 0; i < 100; i++)
		memset(arena_alloc(a, 500), 'y', 500);
	CU_ASSERT(arena_used(a) >= 100 * 500);
	arena_reset(a);
	CU_ASSERT_EQUAL(arena_used(a), 0);
	/* The first chunk is kept: the first allocation lands where it did. */
	again = arena_alloc(a, 100);
	CU_ASSERT_PTR_EQUAL(again, first);
	memset(again, 'z', 100);
	CU_ASSERT(arena_used(a) >= 100);
	for (i = 0; i < 100; i++)
		memset(arena_alloc(a, 500), 'w', 500);
	arena_free(a);
	arena_free(NULL);
}

static void
test_arena_printf(void)
{
	char big[5000];
	const char *s;

	CU_ASSERT_STRING_EQUAL(arena_printf(A, "%s-%d-%05.1f", "x", 42, 3.14159),
	    "x-42-003.1");
	CU_ASSERT_STRING_EQUAL(arena_printf(A, "%s", ""), "");
	CU_ASSERT_STRING_EQUAL(arena_printf(A, "%lld%%", -9223372036854775807LL - 1),
	    "-9223372036854775808%");
	/* Longer than a chunk. */
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	s = arena_printf(A, "<%s>", big);
	CU_ASSERT_EQUAL_FATAL(strlen(s), sizeof(big) + 1);
	CU_ASSERT(s[0] == '<' && s[1] == 'q' && s[sizeof(big) - 1] == 'q' &&
	    s[sizeof(big)] == '>');
	CU_ASSERT(aligned(s));
}

static void
test_arena_strndup(void)
{
	static const char unterminated[3] = { 'a', 'b', 'c' };
	char *s;

	CU_ASSERT_STRING_EQUAL(arena_strndup(A, "hello world", 5), "hello");
	CU_ASSERT_STRING_EQUAL(arena_strndup(A, "hello", 0), "");
	/* Reads only n bytes: the source needs no terminator. */
	CU_ASSERT_STRING_EQUAL(arena_strndup(A, unterminated, 3), "abc");
	s = arena_strdup(A, "copy");
	CU_ASSERT_STRING_EQUAL(s, "copy");
	s[0] = 'C';
	CU_ASSERT_STRING_EQUAL(s, "Copy");
}

static void
test_arena_try_alloc_fails_at_nth(void)
{
	struct arena *a = arena_new(1024);
	size_t used;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	arena_fail_after(3);
	CU_ASSERT_PTR_NOT_NULL(arena_try_alloc(a, 16));
	CU_ASSERT_PTR_NOT_NULL(arena_try_alloc(a, 16));
	used = arena_used(a);
	CU_ASSERT_PTR_NULL(arena_try_alloc(a, 16));
	CU_ASSERT_EQUAL(arena_used(a), used);
	/* Only that one: afterwards allocations succeed again. */
	CU_ASSERT_PTR_NOT_NULL(arena_try_alloc(a, 16));
	CU_ASSERT_PTR_NOT_NULL(arena_try_alloc(a, 16));

	arena_fail_after(1);
	CU_ASSERT_PTR_NULL(arena_try_alloc(a, 16));
	CU_ASSERT_PTR_NOT_NULL(arena_try_alloc(a, 16));

	/* 0 turns the hook off. */
	arena_fail_after(2);
	arena_fail_after(0);
	CU_ASSERT_PTR_NOT_NULL(arena_try_alloc(a, 16));
	CU_ASSERT_PTR_NOT_NULL(arena_try_alloc(a, 16));
	CU_ASSERT_PTR_NOT_NULL(arena_try_alloc(a, 16));
	arena_free(a);
}

static void
test_arena_try_alloc_refuses_overflowing_size(void)
{
	struct arena *a = arena_new(1024);
	size_t k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	/* Sizes whose rounding or chunk header would wrap around SIZE_MAX. */
	for (k = 0; k < sizeof(max_align_t); k++)
		CU_ASSERT_PTR_NULL(arena_try_alloc(a, SIZE_MAX - k));
	CU_ASSERT_EQUAL(arena_used(a), 0);
	CU_ASSERT_PTR_NOT_NULL(arena_try_alloc(a, 16));
	arena_free(a);
}

/* buf */

static void
test_buf_grows_over_many_appends(void)
{
	struct buf b;
	size_t i;
	int ok = 1;

	buf_init(&b, A, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b.data);
	CU_ASSERT_STRING_EQUAL(b.data, "");
	CU_ASSERT_EQUAL(b.len, 0);
	for (i = 0; i < 10000; i++) {
		buf_append(&b, "abc", 3);
		buf_putc(&b, (char)('0' + i % 10));
	}
	buf_puts(&b, "end");
	CU_ASSERT_EQUAL_FATAL(b.len, 40003);
	CU_ASSERT(b.cap > b.len);
	CU_ASSERT_EQUAL(strlen(b.data), b.len);
	for (i = 0; i < 10000 && ok; i++)
		ok = memcmp(b.data + 4 * i, "abc", 3) == 0 &&
		    b.data[4 * i + 3] == (char)('0' + i % 10);
	CU_ASSERT(ok);
	CU_ASSERT_STRING_EQUAL(b.data + 40000, "end");
	buf_reset(&b);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_STRING_EQUAL(b.data, "");
	buf_puts(&b, "again");
	CU_ASSERT_STRING_EQUAL(b.data, "again");
}

static void
test_buf_printf(void)
{
	struct buf b;
	char big[1000];

	buf_init(&b, A, 4);
	buf_puts(&b, "n=");
	buf_printf(&b, "%d, s=%s, x=%04x", 42, "ok", 255);
	CU_ASSERT_STRING_EQUAL(b.data, "n=42, s=ok, x=00ff");
	CU_ASSERT_EQUAL(b.len, strlen("n=42, s=ok, x=00ff"));
	buf_printf(&b, "%s", "");
	CU_ASSERT_STRING_EQUAL(b.data, "n=42, s=ok, x=00ff");
	/* Past the current capacity. */
	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_reset(&b);
	buf_printf(&b, "[%s]", big);
	CU_ASSERT_EQUAL_FATAL(b.len, sizeof(big) + 1);
	CU_ASSERT_EQUAL(strlen(b.data), b.len);
	CU_ASSERT(b.data[0] == '[' && b.data[b.len - 1] == ']');
}

static void
test_buf_html_escapes(void)
{
	static const char in[] = "<a href=\"x\" title='y'>Tom & Jerry</a>";
	struct buf b;

	buf_init(&b, A, 0);
	buf_html(&b, in, strlen(in));
	CU_ASSERT_STRING_EQUAL(b.data,
	    "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;");
	buf_reset(&b);
	buf_html(&b, "&&<<>>\"\"''", 10);
	CU_ASSERT_STRING_EQUAL(b.data,
	    "&amp;&amp;&lt;&lt;&gt;&gt;&quot;&quot;&#39;&#39;");
	/* Only n bytes are read. */
	buf_reset(&b);
	buf_html(&b, "a<b<c", 2);
	CU_ASSERT_STRING_EQUAL(b.data, "a&lt;");
	buf_reset(&b);
	buf_html(&b, "plain", 5);
	CU_ASSERT_STRING_EQUAL(b.data, "plain");
	buf_reset(&b);
	buf_html(&b, "", 0);
	CU_ASSERT_STRING_EQUAL(b.data, "");
}

/* str */

static void
test_str_lower_ascii_only(void)
{
	CU_ASSERT_EQUAL(str_lower('A'), 'a');
	CU_ASSERT_EQUAL(str_lower('Z'), 'z');
	CU_ASSERT_EQUAL(str_lower('a'), 'a');
	CU_ASSERT_EQUAL(str_lower('@'), '@');	/* just below 'A' */
	CU_ASSERT_EQUAL(str_lower('['), '[');	/* just above 'Z' */
	/* Bytes of UTF-8 ("Ö" is C3 96) are never letters here, signed char or not. */
	CU_ASSERT_EQUAL(str_lower((char)0xc3), (char)0xc3);
	CU_ASSERT_EQUAL(str_lower(0xd6), 0xd6);
}

static void
test_str_eq_lower(void)
{
	CU_ASSERT_TRUE(str_eq_lower("Content-Type", 12, "content-type"));
	CU_ASSERT_TRUE(str_eq_lower("FORM-DATA; name", 9, "form-data"));	/* s need not end there */
	CU_ASSERT_TRUE(str_eq_lower("", 0, ""));
	CU_ASSERT_FALSE(str_eq_lower("form-dat", 8, "form-data"));	/* s shorter */
	CU_ASSERT_FALSE(str_eq_lower("form-datas", 10, "form-data"));	/* s longer */
	CU_ASSERT_FALSE(str_eq_lower("name\0x", 6, "name"));		/* a NUL inside s differs */
	CU_ASSERT_FALSE(str_eq_lower("NAME", 4, "NAME"));		/* t is lower case */
	CU_ASSERT_FALSE(str_eq_lower("\xc3\x96", 2, "\xc3\xb6"));	/* only ASCII folds: Ö is not ö */
}

static void
test_str_digit(void)
{
	CU_ASSERT_TRUE(str_digit('0'));
	CU_ASSERT_TRUE(str_digit('9'));
	CU_ASSERT_FALSE(str_digit('/'));
	CU_ASSERT_FALSE(str_digit(':'));
	CU_ASSERT_FALSE(str_digit((char)0xd9));	/* a byte of "٩" (U+0669), whatever the locale says */
}

static void
test_str_same_null_is_only_null(void)
{
	CU_ASSERT_TRUE(str_same(NULL, NULL));
	CU_ASSERT_FALSE(str_same(NULL, ""));
	CU_ASSERT_FALSE(str_same("", NULL));
	CU_ASSERT_FALSE(str_same("se", NULL));
	CU_ASSERT_TRUE(str_same("se", "se"));
	CU_ASSERT_TRUE(str_same("", ""));
	CU_ASSERT_FALSE(str_same("se", "SE"));
	CU_ASSERT_FALSE(str_same("se", "sek"));
}

static void
test_buf_html_passes_utf8(void)
{
	/* "Örebro – Malmö 5 €" and "åäö<" */
	static const char u[] = "\xc3\x96rebro \xe2\x80\x93 Malm\xc3\xb6 5 \xe2\x82\xac";
	struct buf b;

	buf_init(&b, A, 0);
	buf_html(&b, u, strlen(u));
	CU_ASSERT_STRING_EQUAL(b.data, u);
	buf_reset(&b);
	buf_html(&b, "\xc3\xa5\xc3\xa4\xc3\xb6<", 7);
	CU_ASSERT_STRING_EQUAL(b.data, "\xc3\xa5\xc3\xa4\xc3\xb6&lt;");
}

/* conf */

/* Loads text as a configuration file; the file is removed afterwards. */
static enum kerr
load(struct conf *c, const char *text, char *err, size_t errlen)
{
	char path[] = "/tmp/kpp-test-conf-XXXXXX";
	enum kerr e;
	FILE *f;
	int fd;

	if ((fd = mkstemp(path)) == -1)
		return KERR_SYSTEM;
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(path);
		return KERR_SYSTEM;
	}
	fputs(text, f);
	fclose(f);
	e = conf_load(c, path, err, errlen);
	unlink(path);
	return e;
}

/* Whether text is refused with a message that names key. */
static int
refused(const char *text, const char *key)
{
	struct conf c;
	char err[256];

	if (load(&c, text, err, sizeof(err)) != KERR_INVALID)
		return 0;
	if (strstr(err, key) == NULL) {
		fprintf(stderr, "\n  message \"%s\" does not name %s\n", err, key);
		return 0;
	}
	return 1;
}

static void
test_conf_defaults_when_absent(void)
{
	static struct conf c;
	char err[256];

	CU_ASSERT_EQUAL_FATAL(load(&c, "; nothing set\n[app]\n", err, sizeof(err)),
	    KERR_OK);
	CU_ASSERT_STRING_EQUAL(err, "");
	CU_ASSERT_STRING_EQUAL(c.db_host, "");
	CU_ASSERT_EQUAL(c.db_port, 3306);
	CU_ASSERT_STRING_EQUAL(c.db_socket, "/run/mysqld/mysqld.sock");
	CU_ASSERT_STRING_EQUAL(c.db_name, "kpp");
	CU_ASSERT_STRING_EQUAL(c.db_user, "kpp_app");
	CU_ASSERT_STRING_EQUAL(c.db_password, "");
	CU_ASSERT_EQUAL(c.db_connect_timeout, 3);
	CU_ASSERT_EQUAL(c.db_read_timeout, 5);
	CU_ASSERT_EQUAL(c.db_write_timeout, 5);
	CU_ASSERT_STRING_EQUAL(c.migrate_user, "kpp_migrate");
	CU_ASSERT_STRING_EQUAL(c.migrate_password, "");
	CU_ASSERT_STRING_EQUAL(c.migrate_credentials, KPP_SYSCONFDIR "/migrate.conf");
	CU_ASSERT_STRING_EQUAL(c.socket, "/run/kpp/kpp.sock");
	CU_ASSERT_EQUAL(c.workers, 4);
	CU_ASSERT_STRING_EQUAL(c.templates_dir, KPP_DATADIR "/templates");
	CU_ASSERT_STRING_EQUAL(c.locale_dir, KPP_LOCALEDIR);
	CU_ASSERT_STRING_EQUAL(c.sql_dir, KPP_DATADIR "/sql");
	CU_ASSERT_STRING_EQUAL(c.static_dir, KPP_DATADIR "/static");
	CU_ASSERT_EQUAL(c.default_lang, LANG_SV);
	CU_ASSERT_EQUAL(c.secure_cookies, 0);
	CU_ASSERT_EQUAL(c.session_idle_minutes, 60);
	CU_ASSERT_EQUAL(c.session_absolute_hours, 12);
	CU_ASSERT_EQUAL(c.max_body, 10485760UL);
	CU_ASSERT_STRING_EQUAL(c.attachments_dir, "/var/lib/kpp/attachments");
	CU_ASSERT_EQUAL(c.attachment_max, 5242880UL);
	CU_ASSERT_EQUAL(c.attachments_per_report, 20);
	CU_ASSERT_STRING_EQUAL(c.today, "");
	CU_ASSERT_STRING_EQUAL(c.mail_daily_at, "07:00");
	CU_ASSERT_STRING_EQUAL(c.iati_org_ref, "SE-ON-2220000315");
	CU_ASSERT_STRING_EQUAL(c.iati_contact_email, "info@icld.se");
	CU_ASSERT_STRING_EQUAL(c.iati_schema_dir, KPP_DATADIR "/iati/schema");
}

static void
test_conf_parses_each_type(void)
{
	static struct conf c;
	char err[256];

	CU_ASSERT_EQUAL_FATAL(load(&c,
	    "[database]\n"
	    "host = db.example.org\n"
	    "port = 3307\n"
	    "user = app\n"
	    "password = p=ss;word\n"
	    "connect_timeout = 0\n"
	    "[migrate]\n"
	    "credentials = /etc/kpp-test/migrate.conf\n"
	    "[server]\n"
	    "socket = /tmp/kpp.sock\n"
	    "workers = 256\n"
	    "[app]\n"
	    "default_language = en\n"
	    "secure_cookies = true\n"
	    "session_idle_minutes = 4294967295\n"
	    "max_body = 4294967296\n"
	    "today = 2016-05-31\n",
	    err, sizeof(err)), KERR_OK);
	CU_ASSERT_STRING_EQUAL(c.db_host, "db.example.org");
	CU_ASSERT_EQUAL(c.db_port, 3307);
	CU_ASSERT_STRING_EQUAL(c.db_user, "app");
	CU_ASSERT_STRING_EQUAL(c.migrate_credentials, "/etc/kpp-test/migrate.conf");
	CU_ASSERT_EQUAL(c.db_connect_timeout, 0);
	CU_ASSERT_STRING_EQUAL(c.socket, "/tmp/kpp.sock");
	CU_ASSERT_EQUAL(c.workers, 256);
	CU_ASSERT_EQUAL(c.default_lang, LANG_EN);
	CU_ASSERT_EQUAL(c.secure_cookies, 1);
	CU_ASSERT_EQUAL(c.session_idle_minutes, 4294967295U);
	CU_ASSERT_EQUAL(c.max_body, 4294967296UL);
	CU_ASSERT_STRING_EQUAL(c.today, "2016-05-31");
	/* Untouched keys keep their defaults. */
	CU_ASSERT_STRING_EQUAL(c.db_name, "kpp");
	CU_ASSERT_EQUAL(c.session_absolute_hours, 12);
}

static void
test_conf_bool_spellings(void)
{
	static const char *yes[] = { "true", "yes", "1" };
	static const char *no[] = { "false", "no", "0" };
	static struct conf c;
	char text[128], err[256];
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(text, sizeof(text), "[app]\nsecure_cookies = %s\n", yes[i]);
		CU_ASSERT_EQUAL(load(&c, text, err, sizeof(err)), KERR_OK);
		CU_ASSERT_EQUAL(c.secure_cookies, 1);
		snprintf(text, sizeof(text), "[app]\nsecure_cookies = %s\n", no[i]);
		CU_ASSERT_EQUAL(load(&c, text, err, sizeof(err)), KERR_OK);
		CU_ASSERT_EQUAL(c.secure_cookies, 0);
	}
	snprintf(text, sizeof(text), "[app]\ndefault_language = sv\n");
	CU_ASSERT_EQUAL(load(&c, text, err, sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(c.default_lang, LANG_SV);
}

static void
test_conf_bad_number_refused(void)
{
	CU_ASSERT(refused("[database]\nport = abc\n", "database.port"));
	CU_ASSERT(refused("[database]\nport = -1\n", "database.port"));
	CU_ASSERT(refused("[database]\nport = 12x\n", "database.port"));
	CU_ASSERT(refused("[database]\nport =\n", "database.port"));
	CU_ASSERT(refused("[database]\nport = 4294967296\n", "database.port"));
	CU_ASSERT(refused("[app]\nmax_body = -5\n", "app.max_body"));
	CU_ASSERT(refused("[app]\nmax_body = 99999999999999999999999\n",
	    "app.max_body"));
	CU_ASSERT(refused("[app]\nattachments_dir = var/attachments\n", "app.attachments_dir"));
	CU_ASSERT(refused("[app]\nattachment_max = 5M\n", "app.attachment_max"));
	CU_ASSERT(refused("[server]\nworkers = 0\n", "server.workers"));
	CU_ASSERT(refused("[server]\nworkers = 257\n", "server.workers"));
}

static void
test_conf_bad_bool_refused(void)
{
	CU_ASSERT(refused("[app]\nsecure_cookies = maybe\n", "app.secure_cookies"));
	CU_ASSERT(refused("[app]\nsecure_cookies = TRUE1\n", "app.secure_cookies"));
	CU_ASSERT(refused("[app]\nsecure_cookies =\n", "app.secure_cookies"));
}

static void
test_conf_bad_language_refused(void)
{
	CU_ASSERT(refused("[app]\ndefault_language = de\n", "app.default_language"));
	CU_ASSERT(refused("[app]\ndefault_language = sv-SE\n", "app.default_language"));
	CU_ASSERT(refused("[app]\ndefault_language =\n", "app.default_language"));
}

static void
test_conf_bad_today_refused(void)
{
	CU_ASSERT(refused("[app]\ntoday = 2016/05/31\n", "app.today"));
	CU_ASSERT(refused("[app]\ntoday = yesterday\n", "app.today"));
	CU_ASSERT(refused("[app]\ntoday = 2016-05-311\n", "app.today"));
	CU_ASSERT(refused("[app]\ntoday = 2016-5-31\n", "app.today"));
}

static void
test_conf_daily_at(void)
{
	struct conf c;
	char err[256];

	CU_ASSERT(refused("[mail]\ndaily_at = 7:00\n", "mail.daily_at"));
	CU_ASSERT(refused("[mail]\ndaily_at = 24:00\n", "mail.daily_at"));
	CU_ASSERT(refused("[mail]\ndaily_at = 07:60\n", "mail.daily_at"));
	CU_ASSERT(refused("[mail]\ndaily_at = 07.00\n", "mail.daily_at"));
	CU_ASSERT_EQUAL(load(&c, "[mail]\ndaily_at = 23:59\n", err, sizeof(err)), KERR_OK);
	CU_ASSERT_STRING_EQUAL(c.mail_daily_at, "23:59");
	/* Empty: no daily pass from this mailer. */
	CU_ASSERT_EQUAL(load(&c, "[mail]\ndaily_at =\n", err, sizeof(err)), KERR_OK);
	CU_ASSERT_STRING_EQUAL(c.mail_daily_at, "");
}

static void
test_conf_unknown_key_refused(void)
{
	CU_ASSERT(refused("[app]\ncolour = blue\n", "app.colour"));
	CU_ASSERT(refused("[nosuch]\nport = 1\n", "nosuch.port"));
	/* A key outside any section. */
	CU_ASSERT(refused("port = 1\n", "port"));
}

static void
test_conf_first_error_reported(void)
{
	/* Two bad lines: the message is about the first. */
	CU_ASSERT(refused("[database]\nport = abc\n[app]\nsecure_cookies = maybe\n",
	    "database.port"));
}

static void
test_conf_missing_file_refused(void)
{
	struct conf c;
	char err[256];

	CU_ASSERT_EQUAL(conf_load(&c, "/nonexistent/kpp-test/kpp.conf", err,
	    sizeof(err)), KERR_INVALID);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "/nonexistent/kpp-test/kpp.conf"));
}

/* The workers read kpp.conf: the schema owner's account is refused there, by name. */
static void
test_conf_migrate_account_refused(void)
{
	CU_ASSERT_TRUE(refused("[migrate]\npassword = secret\n", "migrate.password"));
	CU_ASSERT_TRUE(refused("[migrate]\nuser = kpp_migrate\n", "migrate.user"));
	CU_ASSERT_TRUE(refused("[database]\nport = 3306\n[migrate]\npassword =\n", "credentials file"));
}

/* Writes text into a new file of mode under /tmp; returns its path (static) or NULL. */
static const char *
temp_file(const char *text, mode_t mode)
{
	static char path[64];
	FILE *f;
	int fd;

	/* mkstemp() makes the name unique in place of the six X. */
	snprintf(path, sizeof(path), "/tmp/kpp-test-cred-XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		return NULL;
	if (fchmod(fd, mode) != 0 || (f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(path);
		return NULL;
	}
	fputs(text, f);
	fclose(f);
	return path;
}

/* conf_load_credentials() on a credentials file of text and mode, after a kpp.conf naming it. */
static enum kerr
load_cred(struct conf *c, const char *text, mode_t mode, char *err, size_t errlen)
{
	const char *path = temp_file(text, mode);
	char conf[128];
	enum kerr e;

	if (path == NULL)
		return KERR_SYSTEM;
	snprintf(conf, sizeof(conf), "[migrate]\ncredentials = %s\n", path);
	if ((e = load(c, conf, err, errlen)) == KERR_OK)
		e = conf_load_credentials(c, err, errlen);
	unlink(path);
	return e;
}

static void
test_conf_credentials_file(void)
{
	static struct conf c;
	char err[256];

	CU_ASSERT_EQUAL_FATAL(load_cred(&c, "[migrate]\nuser = owner\npassword = p=ss;w\n", 0600,
	    err, sizeof(err)), KERR_OK);
	CU_ASSERT_STRING_EQUAL(c.migrate_user, "owner");
	CU_ASSERT_STRING_EQUAL(c.migrate_password, "p=ss;w");
	/* config prints what kpp.conf says, never the password. */
	CU_ASSERT_STRING_EQUAL(conf_get(&c, "migrate.password"), "");
	/* Readable by anyone but its owner: refused, whatever it says. */
	CU_ASSERT_EQUAL(load_cred(&c, "[migrate]\npassword = x\n", 0640, err, sizeof(err)), KERR_INVALID);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "chmod 600"));
	CU_ASSERT_EQUAL(load_cred(&c, "[migrate]\npassword = x\n", 0604, err, sizeof(err)), KERR_INVALID);
	/* Only the account: the rest belongs in kpp.conf. */
	CU_ASSERT_EQUAL(load_cred(&c, "[database]\npassword = x\n", 0600, err, sizeof(err)), KERR_INVALID);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "database.password"));
	CU_ASSERT_EQUAL(load_cred(&c, "[migrate]\ncredentials = /x\n", 0600, err, sizeof(err)), KERR_INVALID);
	CU_ASSERT_EQUAL_FATAL(load(&c, "[migrate]\ncredentials = /nonexistent/kpp-test/migrate.conf\n",
	    err, sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(conf_load_credentials(&c, err, sizeof(err)), KERR_INVALID);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "/nonexistent/kpp-test/migrate.conf"));
}

static void
test_conf_get(void)
{
	static struct conf c;
	char err[256];

	CU_ASSERT_EQUAL_FATAL(load(&c, "[database]\nport = 3307\n", err,
	    sizeof(err)), KERR_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(conf_get(&c, "server.socket"));
	CU_ASSERT_STRING_EQUAL(conf_get(&c, "server.socket"), "/run/kpp/kpp.sock");
	CU_ASSERT_STRING_EQUAL(conf_get(&c, "database.port"), "3307");
	CU_ASSERT_STRING_EQUAL(conf_get(&c, "migrate.user"), "kpp_migrate");
	CU_ASSERT_PTR_NULL(conf_get(&c, "server.nosuch"));
	CU_ASSERT_PTR_NULL(conf_get(&c, "nosuch.socket"));
	CU_ASSERT_PTR_NULL(conf_get(&c, "socket"));
	CU_ASSERT_PTR_NULL(conf_get(&c, "server."));
	CU_ASSERT_PTR_NULL(conf_get(&c, ".socket"));

	CU_ASSERT_EQUAL_FATAL(load(&c, "[server]\nsocket = /tmp/other.sock\n", err,
	    sizeof(err)), KERR_OK);
	CU_ASSERT_STRING_EQUAL(conf_get(&c, "server.socket"), "/tmp/other.sock");
}

/* route */

static const struct route *
find(enum method m, const char *path, const char *args[REQ_MAXARGS],
    enum kerr *e, const char **allow)
{
	*e = KERR__MAX;
	*allow = NULL;
	memset(args, 0, REQ_MAXARGS * sizeof(*args));
	return route_find(m, path, args, A, e, allow);
}

static void
test_route_root_and_healthz_match(void)
{
	const char *args[REQ_MAXARGS], *allow;
	const struct route *r;
	enum kerr e;

	r = find(METHOD_GET, "/", args, &e, &allow);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(e, KERR_OK);
	CU_ASSERT_STRING_EQUAL(r->pattern, "/");
	CU_ASSERT_EQUAL(r->method, METHOD_GET);
	CU_ASSERT_PTR_NULL(args[0]);

	r = find(METHOD_GET, "/healthz", args, &e, &allow);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(e, KERR_OK);
	CU_ASSERT_STRING_EQUAL(r->pattern, "/healthz");
	CU_ASSERT(r->flags & ROUTE_NOSESSION);
}

static void
test_route_captures_segment(void)
{
	const char *args[REQ_MAXARGS], *allow;
	const struct route *r;
	enum kerr e;

	r = find(METHOD_GET, "/applications/12", args, &e, &allow);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(e, KERR_OK);
	CU_ASSERT_STRING_EQUAL(r->pattern, "/applications/{id}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(args[0]);
	CU_ASSERT_STRING_EQUAL(args[0], "12");
	CU_ASSERT_PTR_NULL(args[1]);

	r = find(METHOD_GET, "/projects/2016-KE-01", args, &e, &allow);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_STRING_EQUAL(r->pattern, "/projects/{code}");
	CU_ASSERT_STRING_EQUAL(args[0], "2016-KE-01");
}

static void
test_route_empty_or_extra_segment_not_found(void)
{
	const char *args[REQ_MAXARGS], *allow;
	enum kerr e;

	CU_ASSERT_PTR_NULL(find(METHOD_GET, "/applications/", args, &e, &allow));
	CU_ASSERT_EQUAL(e, KERR_NOTFOUND);
	CU_ASSERT_PTR_NULL(find(METHOD_GET, "/applications/12/x", args, &e, &allow));
	CU_ASSERT_EQUAL(e, KERR_NOTFOUND);
	/* POST /applications starts a draft; GET is no page. */
	CU_ASSERT_PTR_NULL(find(METHOD_GET, "/applications", args, &e, &allow));
	CU_ASSERT_EQUAL(e, KERR_METHOD);
	CU_ASSERT_PTR_NULL(find(METHOD_GET, "/applications/12/tasks/x", args, &e, &allow));
	CU_ASSERT_EQUAL(e, KERR_NOTFOUND);
	CU_ASSERT_PTR_NULL(find(METHOD_GET, "/applications//", args, &e, &allow));
	CU_ASSERT_EQUAL(e, KERR_NOTFOUND);
}

static void
test_route_post_on_get_only_path(void)
{
	const char *args[REQ_MAXARGS], *allow;
	enum kerr e;

	CU_ASSERT_PTR_NULL(find(METHOD_POST, "/", args, &e, &allow));
	CU_ASSERT_EQUAL(e, KERR_METHOD);
	CU_ASSERT_PTR_NOT_NULL_FATAL(allow);
	CU_ASSERT_STRING_EQUAL(allow, "GET, HEAD");

	CU_ASSERT_PTR_NULL(find(METHOD_POST, "/applications/12", args, &e, &allow));
	CU_ASSERT_EQUAL(e, KERR_METHOD);
	CU_ASSERT_PTR_NOT_NULL_FATAL(allow);
	CU_ASSERT_STRING_EQUAL(allow, "GET, HEAD");
}

static void
test_route_get_on_post_only_path(void)
{
	const char *args[REQ_MAXARGS], *allow;
	enum kerr e;

	CU_ASSERT_PTR_NULL(find(METHOD_GET, "/logout", args, &e, &allow));
	CU_ASSERT_EQUAL(e, KERR_METHOD);
	CU_ASSERT_PTR_NOT_NULL_FATAL(allow);
	CU_ASSERT_STRING_EQUAL(allow, "POST");

	CU_ASSERT_PTR_NULL(find(METHOD_HEAD, "/logout", args, &e, &allow));
	CU_ASSERT_EQUAL(e, KERR_METHOD);
	CU_ASSERT_PTR_NOT_NULL_FATAL(allow);
	CU_ASSERT_STRING_EQUAL(allow, "POST");

	/* /login takes both. */
	CU_ASSERT_PTR_NULL(find(METHOD_OTHER, "/login", args, &e, &allow));
	CU_ASSERT_EQUAL(e, KERR_METHOD);
	CU_ASSERT_PTR_NOT_NULL_FATAL(allow);
	CU_ASSERT_STRING_EQUAL(allow, "GET, HEAD, POST");
}

static void
test_route_head_like_get(void)
{
	const char *args[REQ_MAXARGS], *allow;
	const struct route *get, *head;
	enum kerr e;

	get = find(METHOD_GET, "/healthz", args, &e, &allow);
	head = find(METHOD_HEAD, "/healthz", args, &e, &allow);
	CU_ASSERT_PTR_NOT_NULL(head);
	CU_ASSERT_EQUAL(e, KERR_OK);
	CU_ASSERT_PTR_EQUAL(head, get);

	head = find(METHOD_HEAD, "/applications/7", args, &e, &allow);
	CU_ASSERT_PTR_NOT_NULL_FATAL(head);
	CU_ASSERT_STRING_EQUAL(head->pattern, "/applications/{id}");
	CU_ASSERT_STRING_EQUAL(args[0], "7");

	/* POST routes still answer POST. */
	CU_ASSERT_PTR_NOT_NULL(find(METHOD_POST, "/logout", args, &e, &allow));
	CU_ASSERT_EQUAL(e, KERR_OK);
}

static void
test_route_unknown_path_not_found(void)
{
	static const char *paths[] = {
		"/nosuch", "", "/healthz/", "/HEALTHZ", "//", "/login/x",
		"/applications12",
	};
	const char *args[REQ_MAXARGS], *allow;
	enum method m;
	size_t i;
	enum kerr e;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		for (m = METHOD_GET; m < METHOD__MAX; m++) {
			CU_ASSERT_PTR_NULL(find(m, paths[i], args, &e, &allow));
			CU_ASSERT_EQUAL(e, KERR_NOTFOUND);
		}
}

/* auth (auth_init ran in main) */

static void
test_auth_password_hash_and_verify(void)
{
	char hash[AUTH_HASH_MAX];

	CU_ASSERT_EQUAL_FATAL(auth_password_hash("correct horse", hash), 0);
	CU_ASSERT_EQUAL(strncmp(hash, "$argon2id$", 10), 0);
	CU_ASSERT_EQUAL(auth_password_verify(hash, "correct horse"), 1);
	CU_ASSERT_EQUAL(auth_password_verify(hash, "correct hors"), 0);
	CU_ASSERT_EQUAL(auth_password_verify(hash, "Correct horse"), 0);
	CU_ASSERT_EQUAL(auth_password_verify(hash, ""), 0);
	CU_ASSERT_EQUAL(auth_password_verify("not a hash", "correct horse"), 0);
}

static void
test_auth_password_verify_null_hash(void)
{
	CU_ASSERT_EQUAL(auth_password_verify(NULL, "anything"), 0);
	CU_ASSERT_EQUAL(auth_password_verify(NULL, ""), 0);
	/* Not even the dummy's own password. */
	CU_ASSERT_EQUAL(auth_password_verify(NULL, "kpp dummy password"), 0);
}

/* A pair's wait grows with its failures in a row, from nothing to an hour, and never overflows. */
static void
test_auth_throttle_seconds(void)
{
	CU_ASSERT_EQUAL(auth_throttle_seconds(0), 0);
	CU_ASSERT_EQUAL(auth_throttle_seconds(AUTH_FREE_FAILURES - 1), 0);
	CU_ASSERT_EQUAL(auth_throttle_seconds(AUTH_FREE_FAILURES), 60);
	CU_ASSERT_EQUAL(auth_throttle_seconds(AUTH_FREE_FAILURES + 1), 120);
	CU_ASSERT_EQUAL(auth_throttle_seconds(AUTH_FREE_FAILURES + 2), 240);
	CU_ASSERT_EQUAL(auth_throttle_seconds(AUTH_FREE_FAILURES + 5), 1920);
	CU_ASSERT_EQUAL(auth_throttle_seconds(AUTH_FREE_FAILURES + 6), 3600);
	CU_ASSERT_EQUAL(auth_throttle_seconds(4000000000LL), 3600);
}

static void
test_auth_password_hash_salted(void)
{
	char h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];

	CU_ASSERT_EQUAL_FATAL(auth_password_hash("same", h1), 0);
	CU_ASSERT_EQUAL_FATAL(auth_password_hash("same", h2), 0);
	CU_ASSERT_STRING_NOT_EQUAL(h1, h2);
	CU_ASSERT_EQUAL(auth_password_verify(h1, "same"), 1);
	CU_ASSERT_EQUAL(auth_password_verify(h2, "same"), 1);
}

static int
lower_hex64(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static void
test_auth_token_new_lowercase_hex(void)
{
	char t1[AUTH_TOKEN_HEX], t2[AUTH_TOKEN_HEX];

	auth_token_new(t1);
	auth_token_new(t2);
	CU_ASSERT(lower_hex64(t1));
	CU_ASSERT(lower_hex64(t2));
	CU_ASSERT_STRING_NOT_EQUAL(t1, t2);
}

static void
test_auth_token_hash(void)
{
	char t1[AUTH_TOKEN_HEX], t2[AUTH_TOKEN_HEX];
	unsigned char h1[32], h1b[32], h2[32];

	auth_token_new(t1);
	auth_token_new(t2);
	CU_ASSERT_EQUAL_FATAL(auth_token_hash(t1, h1), 0);
	CU_ASSERT_EQUAL_FATAL(auth_token_hash(t1, h1b), 0);
	CU_ASSERT_EQUAL_FATAL(auth_token_hash(t2, h2), 0);
	CU_ASSERT_EQUAL(memcmp(h1, h1b, 32), 0);
	CU_ASSERT_NOT_EQUAL(memcmp(h1, h2, 32), 0);
	CU_ASSERT_EQUAL(auth_token_hash(
	    "0000000000000000000000000000000000000000000000000000000000000000",
	    h2), 0);
}

static void
test_auth_token_hash_rejects_bad_hex(void)
{
	char t[AUTH_TOKEN_HEX], bad[80];
	unsigned char h[32];

	auth_token_new(t);
	/* 63 characters */
	memcpy(bad, t, 63);
	bad[63] = '\0';
	CU_ASSERT_EQUAL(auth_token_hash(bad, h), -1);
	/* 65 characters */
	memcpy(bad, t, 64);
	bad[64] = 'a';
	bad[65] = '\0';
	CU_ASSERT_EQUAL(auth_token_hash(bad, h), -1);
	/* a non-hex character, at the end, at the start, in the middle */
	memcpy(bad, t, 65);
	bad[63] = 'g';
	CU_ASSERT_EQUAL(auth_token_hash(bad, h), -1);
	memcpy(bad, t, 65);
	bad[0] = 'z';
	CU_ASSERT_EQUAL(auth_token_hash(bad, h), -1);
	memcpy(bad, t, 65);
	bad[31] = ' ';
	CU_ASSERT_EQUAL(auth_token_hash(bad, h), -1);
	memcpy(bad, t, 65);
	bad[40] = ':';
	CU_ASSERT_EQUAL(auth_token_hash(bad, h), -1);
	CU_ASSERT_EQUAL(auth_token_hash("", h), -1);
	CU_ASSERT_EQUAL(auth_token_hash(NULL, h), -1);
}

static void
test_auth_equal(void)
{
	CU_ASSERT_EQUAL(auth_equal("abc", "abc"), 1);
	CU_ASSERT_EQUAL(auth_equal("abc", "abd"), 0);
	CU_ASSERT_EQUAL(auth_equal("abc", "ab"), 0);
	CU_ASSERT_EQUAL(auth_equal("ab", "abc"), 0);
	CU_ASSERT_EQUAL(auth_equal(NULL, "abc"), 0);
	CU_ASSERT_EQUAL(auth_equal("abc", NULL), 0);
	CU_ASSERT_EQUAL(auth_equal(NULL, NULL), 0);
	CU_ASSERT_EQUAL(auth_equal("", ""), 0);
	CU_ASSERT_EQUAL(auth_equal("", "a"), 0);
}

/* http */

static void
test_http_local_path_ok(void)
{
	CU_ASSERT_TRUE(local_path_ok("/x"));
	CU_ASSERT_TRUE(local_path_ok("/"));
	CU_ASSERT_TRUE(local_path_ok("/applications/12?tab=budget"));
	CU_ASSERT_TRUE(local_path_ok("/partnerships?q=V%C3%A4xj%C3%B6"));
	CU_ASSERT_TRUE(local_path_ok("/partnerships?q=V\xc3\xa4xj\xc3\xb6"));
	CU_ASSERT_FALSE(local_path_ok("//evil"));
	CU_ASSERT_FALSE(local_path_ok("//evil.example/x"));
	CU_ASSERT_FALSE(local_path_ok("/\\evil"));
	CU_ASSERT_FALSE(local_path_ok("http://x"));
	CU_ASSERT_FALSE(local_path_ok("x"));
	CU_ASSERT_FALSE(local_path_ok(""));
	CU_ASSERT_FALSE(local_path_ok(NULL));
	CU_ASSERT_FALSE(local_path_ok("/a\r\nSet-Cookie: x=1"));
	CU_ASSERT_FALSE(local_path_ok("/a\nb"));
	CU_ASSERT_FALSE(local_path_ok("/a\rb"));
	/* Browsers drop the tab or newline and go to evil.example. */
	CU_ASSERT_FALSE(local_path_ok("/\t/evil.example/"));
	CU_ASSERT_FALSE(local_path_ok("/\n/evil.example/"));
	CU_ASSERT_FALSE(local_path_ok("/\r\n\t/evil.example/"));
	CU_ASSERT_FALSE(local_path_ok(" //evil.example/"));
	CU_ASSERT_FALSE(local_path_ok("\t/x"));
	CU_ASSERT_FALSE(local_path_ok("/x\\..\\..\\evil"));
	CU_ASSERT_FALSE(local_path_ok("/x\x7f"));
	CU_ASSERT_FALSE(local_path_ok("/a b"));
}

/*
 * What a browser makes of a Location or href that starts with '/': it
 * drops every tab, LF and CR, and reads '\' as '/'. Returns whether the
 * result leaves the site ("//host").
 */
static int
browser_leaves_site(const unsigned char *s, size_t n)
{
	unsigned char seen[2];
	size_t i, k = 0;

	for (i = 0; i < n && k < 2; i++) {
		if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			continue;
		seen[k++] = s[i] == '\\' ? '/' : s[i];
	}
	return k == 2 && seen[0] == '/' && seen[1] == '/';
}

/*
 * Every byte in each place of a few paths: accepted exactly when it is
 * printable ASCII but '\\', or not ASCII, and does not make "//".
 */
static void
test_http_local_path_ok_every_byte(void)
{
	static const struct {
		const char	*pre, *post;	/* around the byte */
	} shape[] = {
		{ "", "" }, { "/", "" }, { "/", "/evil.example/" }, { "/a", "" },
		{ "/a?b=", "" }, { "/", "\\/evil.example" }
	};
	unsigned char s[32];
	size_t i, n, at;
	int b, ok, want;

	for (i = 0; i < sizeof(shape) / sizeof(shape[0]); i++)
		for (b = 1; b < 256; b++) {
			n = (size_t)snprintf((char *)s, sizeof(s), "%s%c%s", shape[i].pre, b, shape[i].post);
			at = strlen(shape[i].pre);
			ok = b > 0x20 && b != 0x7f && b != '\\';
			want = at == 0 ? b == '/' && *shape[i].post == '\0' :
			    ok && !(at == 1 && b == '/') && strchr(shape[i].post, '\\') == NULL;
			if (local_path_ok((const char *)s) != want)
				CU_FAIL_FATAL("local_path_ok() disagrees with the table");
			/* Nothing it accepts can lead a browser off the site. */
			if (local_path_ok((const char *)s) && browser_leaves_site(s, n))
				CU_FAIL_FATAL("local_path_ok() accepts a way off the site");
		}
}

static void
test_http_cookie_secure_over_tls(void)
{
	struct arena *a = arena_new(4096);
	struct req r;

	memset(&r, 0, sizeof(r));
	r.a = a;
	app.conf.secure_cookies = 0;
	resp_cookie(&r, "kpp_session", "abc", 60);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.headers[0].value, "HttpOnly"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.headers[0].value, "SameSite=Lax"));
	CU_ASSERT_PTR_NULL(strstr(r.headers[0].value, "Secure"));
	r.https = 1;
	resp_cookie(&r, "kpp_session", "abc", 60);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.headers[1].value, "; Secure"));
	r.https = 0;
	app.conf.secure_cookies = 1;
	resp_cookie(&r, "kpp_session", "abc", 60);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.headers[2].value, "; Secure"));
	app.conf.secure_cookies = 0;
	arena_free(a);
}

/* i18n */

static void
test_i18n_parse(void)
{
	CU_ASSERT_EQUAL(i18n_parse("sv"), LANG_SV);
	CU_ASSERT_EQUAL(i18n_parse("en"), LANG_EN);
	CU_ASSERT_EQUAL(i18n_parse("de"), -1);
	CU_ASSERT_EQUAL(i18n_parse("SV"), -1);
	CU_ASSERT_EQUAL(i18n_parse("sv-SE"), -1);
	CU_ASSERT_EQUAL(i18n_parse(""), -1);
	CU_ASSERT_EQUAL(i18n_parse(NULL), -1);
}

static void
test_i18n_code(void)
{
	CU_ASSERT_STRING_EQUAL(i18n_code(LANG_SV), "sv");
	CU_ASSERT_STRING_EQUAL(i18n_code(LANG_EN), "en");
	CU_ASSERT_EQUAL(i18n_parse(i18n_code(LANG_SV)), LANG_SV);
	CU_ASSERT_EQUAL(i18n_parse(i18n_code(LANG_EN)), LANG_EN);
}

static void
test_i18n_from_accept(void)
{
	CU_ASSERT_EQUAL(i18n_from_accept("sv-SE,sv;q=0.9,en", LANG_EN), LANG_SV);
	CU_ASSERT_EQUAL(i18n_from_accept("en-GB,en", LANG_SV), LANG_EN);
	CU_ASSERT_EQUAL(i18n_from_accept("fr, en;q=0.5", LANG_SV), LANG_EN);
	CU_ASSERT_EQUAL(i18n_from_accept("EN-us", LANG_SV), LANG_EN);
	CU_ASSERT_EQUAL(i18n_from_accept("sv", LANG_EN), LANG_SV);
	/* Nothing we speak: the default, whichever it is. */
	CU_ASSERT_EQUAL(i18n_from_accept("de-DE", LANG_SV), LANG_SV);
	CU_ASSERT_EQUAL(i18n_from_accept("de-DE", LANG_EN), LANG_EN);
	CU_ASSERT_EQUAL(i18n_from_accept("", LANG_SV), LANG_SV);
	CU_ASSERT_EQUAL(i18n_from_accept("", LANG_EN), LANG_EN);
	CU_ASSERT_EQUAL(i18n_from_accept(NULL, LANG_EN), LANG_EN);
	CU_ASSERT_EQUAL(i18n_from_accept("*", LANG_EN), LANG_EN);
	/* "svx" and "eng" are not sv and en. */
	CU_ASSERT_EQUAL(i18n_from_accept("svx, eng", LANG_EN), LANG_EN);
	CU_ASSERT_EQUAL(i18n_from_accept("eng, sv", LANG_EN), LANG_SV);
}

static void
test_i18n_pick_falls_back(void)
{
	CU_ASSERT_STRING_EQUAL(i18n_pick(LANG_SV, "Hej", "Hello"), "Hej");
	CU_ASSERT_STRING_EQUAL(i18n_pick(LANG_EN, "Hej", "Hello"), "Hello");
	CU_ASSERT_STRING_EQUAL(i18n_pick(LANG_SV, NULL, "Hello"), "Hello");
	CU_ASSERT_STRING_EQUAL(i18n_pick(LANG_SV, "", "Hello"), "Hello");
	CU_ASSERT_STRING_EQUAL(i18n_pick(LANG_EN, "Hej", NULL), "Hej");
	CU_ASSERT_STRING_EQUAL(i18n_pick(LANG_EN, "Hej", ""), "Hej");
}

/* labels */

static void
test_labels_english(void)
{
	CU_ASSERT_STRING_EQUAL(label(LANG_EN, "under_review"), "Under review");
	CU_ASSERT_STRING_EQUAL(label(LANG_EN, "draft"), "Draft");
	CU_ASSERT_STRING_EQUAL(label(LANG_EN, "latin_america"), "Latin America");
}

/* A report's status in its own words; a msgid in a gettext context reads, untranslated, as its words. */
static void
test_labels_report(void)
{
	CU_ASSERT_STRING_EQUAL(i18n_tr(LANG_EN, NC_("report", "Approved")), "Approved");
	CU_ASSERT_STRING_EQUAL(label_report(LANG_EN, "approved"), "Approved");
	CU_ASSERT_STRING_EQUAL(label_report(LANG_EN, "returned"), "Returned for revision");
	CU_ASSERT_STRING_EQUAL(label_report(LANG_EN, NULL), "");
}

static void
test_labels_unknown_code_as_is(void)
{
	CU_ASSERT_STRING_EQUAL(label(LANG_EN, "no_such_code"), "no_such_code");
	CU_ASSERT_STRING_EQUAL(label(LANG_SV, "no_such_code"), "no_such_code");
	CU_ASSERT_STRING_EQUAL(label(LANG_EN, ""), "");
}

static void
test_labels_null_is_empty(void)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(label(LANG_EN, NULL));
	CU_ASSERT_STRING_EQUAL(label(LANG_EN, NULL), "");
	CU_ASSERT_STRING_EQUAL(label(LANG_SV, NULL), "");
}

static void
test_str_url(void)
{
	CU_ASSERT_STRING_EQUAL(str_url(A, "https://portal.icld.se", "/applications/4"),
	    "https://portal.icld.se/applications/4");
	CU_ASSERT_STRING_EQUAL(str_url(A, "https://portal.icld.se/", "/applications/4"),
	    "https://portal.icld.se/applications/4");
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_arena_every_allocation_aligned", test_arena_every_allocation_aligned },
		{ "test_arena_many_small_and_one_huge", test_arena_many_small_and_one_huge },
		{ "test_arena_reset_runs_cleanups_last_first_once", test_arena_reset_runs_cleanups_last_first_once },
		{ "test_arena_reset_keeps_memory_reusable", test_arena_reset_keeps_memory_reusable },
		{ "test_arena_printf", test_arena_printf },
		{ "test_arena_strndup", test_arena_strndup },
		{ "test_arena_try_alloc_fails_at_nth", test_arena_try_alloc_fails_at_nth },
		{ "test_arena_try_alloc_refuses_overflowing_size", test_arena_try_alloc_refuses_overflowing_size },
		{ "test_buf_grows_over_many_appends", test_buf_grows_over_many_appends },
		{ "test_buf_printf", test_buf_printf },
		{ "test_buf_html_escapes", test_buf_html_escapes },
		{ "test_str_lower_ascii_only", test_str_lower_ascii_only },
		{ "test_str_eq_lower", test_str_eq_lower },
		{ "test_str_digit", test_str_digit },
		{ "test_str_same_null_is_only_null", test_str_same_null_is_only_null },
		{ "test_buf_html_passes_utf8", test_buf_html_passes_utf8 },
		{ "test_conf_defaults_when_absent", test_conf_defaults_when_absent },
		{ "test_conf_parses_each_type", test_conf_parses_each_type },
		{ "test_conf_bool_spellings", test_conf_bool_spellings },
		{ "test_conf_bad_number_refused", test_conf_bad_number_refused },
		{ "test_conf_bad_bool_refused", test_conf_bad_bool_refused },
		{ "test_conf_bad_language_refused", test_conf_bad_language_refused },
		{ "test_conf_bad_today_refused", test_conf_bad_today_refused },
		{ "test_conf_daily_at", test_conf_daily_at },
		{ "test_conf_unknown_key_refused", test_conf_unknown_key_refused },
		{ "test_conf_first_error_reported", test_conf_first_error_reported },
		{ "test_conf_missing_file_refused", test_conf_missing_file_refused },
		{ "test_conf_get", test_conf_get },
		{ "test_conf_migrate_account_refused", test_conf_migrate_account_refused },
		{ "test_conf_credentials_file", test_conf_credentials_file },
		{ "test_route_root_and_healthz_match", test_route_root_and_healthz_match },
		{ "test_route_captures_segment", test_route_captures_segment },
		{ "test_route_empty_or_extra_segment_not_found", test_route_empty_or_extra_segment_not_found },
		{ "test_route_post_on_get_only_path", test_route_post_on_get_only_path },
		{ "test_route_get_on_post_only_path", test_route_get_on_post_only_path },
		{ "test_route_head_like_get", test_route_head_like_get },
		{ "test_route_unknown_path_not_found", test_route_unknown_path_not_found },
		{ "test_auth_password_hash_and_verify", test_auth_password_hash_and_verify },
		{ "test_auth_password_verify_null_hash", test_auth_password_verify_null_hash },
		{ "test_auth_throttle_seconds", test_auth_throttle_seconds },
		{ "test_auth_password_hash_salted", test_auth_password_hash_salted },
		{ "test_auth_token_new_lowercase_hex", test_auth_token_new_lowercase_hex },
		{ "test_auth_token_hash", test_auth_token_hash },
		{ "test_auth_token_hash_rejects_bad_hex", test_auth_token_hash_rejects_bad_hex },
		{ "test_auth_equal", test_auth_equal },
		{ "test_http_local_path_ok", test_http_local_path_ok },
		{ "test_http_local_path_ok_every_byte", test_http_local_path_ok_every_byte },
		{ "test_http_cookie_secure_over_tls", test_http_cookie_secure_over_tls },
		{ "test_i18n_parse", test_i18n_parse },
		{ "test_i18n_code", test_i18n_code },
		{ "test_i18n_from_accept", test_i18n_from_accept },
		{ "test_i18n_pick_falls_back", test_i18n_pick_falls_back },
		{ "test_labels_english", test_labels_english },
		{ "test_labels_report", test_labels_report },
		{ "test_labels_unknown_code_as_is", test_labels_unknown_code_as_is },
		{ "test_labels_null_is_empty", test_labels_null_is_empty },
		{ "test_str_url", test_str_url },
		{ NULL, NULL }
	};
	int rc;

	if (auth_init() != 0) {
		fprintf(stderr, "auth_init failed\n");
		return 2;
	}
	if ((A = arena_new(4096)) == NULL)
		return 2;
	rc = unit_run("core", tests);
	arena_free(A);
	return rc;
}
