/* test_migrate.c - unit tests of the migrator's pure parts: statement splitting, file names and order, checksums. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "db/migrate.h"
#include "unit.h"

#define MAXSTMTS	16

/* What the splitter handed over. */
static struct {
	char		 text[MAXSTMTS][512];
	unsigned	 line[MAXSTMTS];
	size_t		 n;
} got;

static enum kerr
collect(void *arg, const char *stmt, size_t len, unsigned line)
{
	(void)arg;
	CU_ASSERT_FATAL(got.n < MAXSTMTS);
	CU_ASSERT_FATAL(len < sizeof(got.text[0]));
	memcpy(got.text[got.n], stmt, len);
	got.text[got.n][len] = '\0';
	got.line[got.n] = line;
	got.n++;
	return KERR_OK;
}

static enum kerr
split(const char *sql, char *err, size_t errlen)
{
	memset(&got, 0, sizeof(got));
	return migrate_split(sql, strlen(sql), collect, NULL, err, errlen);
}

static void
test_migrate_split_statements(void)
{
	char err[128];

	CU_ASSERT_EQUAL(split("CREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (1);\n", err, sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(got.n, 2);
	CU_ASSERT_STRING_EQUAL(got.text[0], "CREATE TABLE a (x INT)");
	CU_ASSERT_STRING_EQUAL(got.text[1], "INSERT INTO a VALUES (1)");
	CU_ASSERT_EQUAL(got.line[0], 1);
	CU_ASSERT_EQUAL(got.line[1], 3);
}

static void
test_migrate_split_quotes(void)
{
	char err[128];

	CU_ASSERT_EQUAL(split("INSERT INTO t VALUES ('a;b', \"c;d\");\nSELECT `odd;name` FROM t;", err,
	    sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(got.n, 2);
	CU_ASSERT_STRING_EQUAL(got.text[0], "INSERT INTO t VALUES ('a;b', \"c;d\")");
	CU_ASSERT_STRING_EQUAL(got.text[1], "SELECT `odd;name` FROM t");
}

static void
test_migrate_split_escaped_quotes(void)
{
	char err[128];

	/* A doubled quote and a backslash-escaped one both stay inside the string. */
	CU_ASSERT_EQUAL(split("COMMENT 'partner''s; name';\nSELECT 'it\\'s; here';\nSELECT 'a\\\\';", err,
	    sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(got.n, 3);
	CU_ASSERT_STRING_EQUAL(got.text[0], "COMMENT 'partner''s; name'");
	CU_ASSERT_STRING_EQUAL(got.text[1], "SELECT 'it\\'s; here'");
	CU_ASSERT_STRING_EQUAL(got.text[2], "SELECT 'a\\\\'");
}

static void
test_migrate_split_comments(void)
{
	char err[128];

	CU_ASSERT_EQUAL(split("-- header; not a statement\n"
	    "# another; one\n"
	    "/* block; comment\n over lines */\n"
	    "SELECT 1 -- trailing; comment\n"
	    ";\n"
	    "SELECT 2 /* inside; */ + 3;\n", err, sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(got.n, 2);
	CU_ASSERT_STRING_EQUAL(got.text[0], "SELECT 1 -- trailing; comment");
	CU_ASSERT_EQUAL(got.line[0], 5);
	CU_ASSERT_STRING_EQUAL(got.text[1], "SELECT 2 /* inside; */ + 3");
	CU_ASSERT_EQUAL(got.line[1], 7);
}

static void
test_migrate_split_double_dash_needs_space(void)
{
	char err[128];

	/* As in MySQL, "--" starts a comment only when a space or control character follows. */
	CU_ASSERT_EQUAL(split("SELECT 5--1;\nSELECT 6;", err, sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(got.n, 2);
	CU_ASSERT_STRING_EQUAL(got.text[0], "SELECT 5--1");
}

static void
test_migrate_split_comment_only(void)
{
	char err[128];

	CU_ASSERT_EQUAL(split("-- nothing here\n\n/* still nothing */\n;;\n", err, sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(got.n, 0);
	CU_ASSERT_EQUAL(split("", err, sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(got.n, 0);
}

static void
test_migrate_split_last_without_delimiter(void)
{
	char err[128];

	CU_ASSERT_EQUAL(split("SELECT 1;\nSELECT 2\n  \n", err, sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(got.n, 2);
	CU_ASSERT_STRING_EQUAL(got.text[1], "SELECT 2");
}

static void
test_migrate_split_executable_comment(void)
{
	char err[128];

	/* The server runs the inside of an executable comment, so it is a statement of its own. */
	CU_ASSERT_EQUAL(split("/*!40101 SET @x = 1 */;\nSELECT 1;", err, sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(got.n, 2);
	CU_ASSERT_STRING_EQUAL(got.text[0], "/*!40101 SET @x = 1 */");
}

static void
test_migrate_split_delimiter(void)
{
	char err[128];

	CU_ASSERT_EQUAL(split("CREATE TABLE t (x INT);\n"
	    "DELIMITER //\n"
	    "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW\n"
	    "BEGIN\n"
	    "  IF NEW.x < 0 THEN SET NEW.x = 0; END IF;\n"
	    "END//\n"
	    "delimiter ;\n"
	    "SELECT 1;\n", err, sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(got.n, 3);
	CU_ASSERT_STRING_EQUAL(got.text[1], "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW\n"
	    "BEGIN\n"
	    "  IF NEW.x < 0 THEN SET NEW.x = 0; END IF;\n"
	    "END");
	CU_ASSERT_EQUAL(got.line[1], 3);
	CU_ASSERT_STRING_EQUAL(got.text[2], "SELECT 1");
	CU_ASSERT_EQUAL(got.line[2], 8);
}

static void
test_migrate_split_delimiter_inside_statement(void)
{
	char err[128];

	/* Only between statements is DELIMITER a directive; inside one it is text. */
	CU_ASSERT_EQUAL(split("SELECT 1,\nDELIMITER //\n;", err, sizeof(err)), KERR_OK);
	CU_ASSERT_EQUAL(got.n, 1);
	CU_ASSERT_STRING_EQUAL(got.text[0], "SELECT 1,\nDELIMITER //");
}

static void
test_migrate_split_errors(void)
{
	char err[128];

	CU_ASSERT_EQUAL(split("SELECT 1;\nSELECT 'open;\n", err, sizeof(err)), KERR_INVALID);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 2"));
	CU_ASSERT_EQUAL(split("SELECT 1;\n\n/* never closed", err, sizeof(err)), KERR_INVALID);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 3"));
	CU_ASSERT_EQUAL(split("SELECT `x;", err, sizeof(err)), KERR_INVALID);
	CU_ASSERT_EQUAL(split("DELIMITER \nSELECT 1;", err, sizeof(err)), KERR_INVALID);
}

static enum kerr
refuse_second(void *arg, const char *stmt, size_t len, unsigned line)
{
	int *calls = arg;

	(void)stmt;
	(void)len;
	(void)line;
	return ++*calls == 2 ? KERR_DB : KERR_OK;
}

static void
test_migrate_split_callback_error_stops(void)
{
	static const char sql[] = "SELECT 1; SELECT 2; SELECT 3;";
	char err[128];
	int calls = 0;

	CU_ASSERT_EQUAL(migrate_split(sql, strlen(sql), refuse_second, &calls, err, sizeof(err)), KERR_DB);
	CU_ASSERT_EQUAL(calls, 2);
}

static void
test_migrate_name_version(void)
{
	unsigned v = 0;

	CU_ASSERT_TRUE(migrate_name_version("0001_reference.sql", &v));
	CU_ASSERT_EQUAL(v, 1);
	CU_ASSERT_TRUE(migrate_name_version("0042_add-index_2.sql", &v));
	CU_ASSERT_EQUAL(v, 42);
	CU_ASSERT_TRUE(migrate_name_version("10000_later.sql", &v));
	CU_ASSERT_EQUAL(v, 10000);
	CU_ASSERT_FALSE(migrate_name_version("001_short.sql", &v));
	CU_ASSERT_FALSE(migrate_name_version("0000_zero.sql", &v));
	CU_ASSERT_FALSE(migrate_name_version("0003-dash.sql", &v));
	CU_ASSERT_FALSE(migrate_name_version("0003_.sql", &v));
	CU_ASSERT_FALSE(migrate_name_version("0003_x.sql~", &v));
	CU_ASSERT_FALSE(migrate_name_version("0003_x y.sql", &v));
	CU_ASSERT_FALSE(migrate_name_version("0003_x.SQL", &v));
	CU_ASSERT_FALSE(migrate_name_version("README", &v));
	CU_ASSERT_FALSE(migrate_name_version("99999999999_overflow.sql", &v));
}

static void
test_migrate_sort_names_by_number(void)
{
	const char *names[] = { "0010_ten.sql", "0002_two.sql", "10000_big.sql", "0001_one.sql" };
	char err[128];

	CU_ASSERT_EQUAL(migrate_sort_names(names, 4, err, sizeof(err)), KERR_OK);
	CU_ASSERT_STRING_EQUAL(names[0], "0001_one.sql");
	CU_ASSERT_STRING_EQUAL(names[1], "0002_two.sql");
	CU_ASSERT_STRING_EQUAL(names[2], "0010_ten.sql");
	CU_ASSERT_STRING_EQUAL(names[3], "10000_big.sql");
}

static void
test_migrate_sort_names_refuses(void)
{
	const char *dup[] = { "0002_a.sql", "0001_x.sql", "0002_b.sql" };
	const char *bad[] = { "0001_x.sql", "2_late.sql" };
	char err[128];

	CU_ASSERT_EQUAL(migrate_sort_names(dup, 3, err, sizeof(err)), KERR_INVALID);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "0002"));
	CU_ASSERT_EQUAL(migrate_sort_names(bad, 2, err, sizeof(err)), KERR_INVALID);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "2_late.sql"));
	CU_ASSERT_EQUAL(migrate_sort_names(NULL, 0, err, sizeof(err)), KERR_OK);
}

static void
test_migrate_sha256_hex(void)
{
	char hex[65];

	migrate_sha256_hex("", 0, hex);
	CU_ASSERT_STRING_EQUAL(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	migrate_sha256_hex("abc", 3, hex);
	CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static enum kerr
count(void *arg, const char *stmt, size_t len, unsigned line)
{
	(void)stmt;
	(void)line;
	CU_ASSERT(len > 0);
	++*(unsigned *)arg;
	return KERR_OK;
}

/* Every migration shipped in sql/ is well named, unique in number, and splits cleanly. */
static void
test_migrate_shipped_files_split(void)
{
	const char *srcdir = getenv("srcdir");
	const char *names[256];
	char dir[1024], path[2048], err[256], *buf;
	struct dirent *de;
	size_t n = 0, i, len;
	unsigned stmts;
	DIR *d;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/sql", srcdir != NULL ? srcdir : ".");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d = opendir(dir));
	while ((de = readdir(d)) != NULL && n < 256) {
		len = strlen(de->d_name);
		if (len > 4 && strcmp(de->d_name + len - 4, ".sql") == 0)
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	CU_ASSERT(n >= 5);
	CU_ASSERT_EQUAL(migrate_sort_names(names, n, err, sizeof(err)), KERR_OK);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(path, "rb"));
		CU_ASSERT_PTR_NOT_NULL_FATAL(buf = malloc(1 << 20));
		len = fread(buf, 1, 1 << 20, f);
		fclose(f);
		stmts = 0;
		CU_ASSERT_EQUAL(migrate_split(buf, len, count, &stmts, err, sizeof(err)), KERR_OK);
		CU_ASSERT(stmts > 0);
		free(buf);
		free((char *)names[i]);
	}
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_migrate_split_statements", test_migrate_split_statements },
		{ "test_migrate_split_quotes", test_migrate_split_quotes },
		{ "test_migrate_split_escaped_quotes", test_migrate_split_escaped_quotes },
		{ "test_migrate_split_comments", test_migrate_split_comments },
		{ "test_migrate_split_double_dash_needs_space", test_migrate_split_double_dash_needs_space },
		{ "test_migrate_split_comment_only", test_migrate_split_comment_only },
		{ "test_migrate_split_last_without_delimiter", test_migrate_split_last_without_delimiter },
		{ "test_migrate_split_executable_comment", test_migrate_split_executable_comment },
		{ "test_migrate_split_delimiter", test_migrate_split_delimiter },
		{ "test_migrate_split_delimiter_inside_statement", test_migrate_split_delimiter_inside_statement },
		{ "test_migrate_split_errors", test_migrate_split_errors },
		{ "test_migrate_split_callback_error_stops", test_migrate_split_callback_error_stops },
		{ "test_migrate_name_version", test_migrate_name_version },
		{ "test_migrate_sort_names_by_number", test_migrate_sort_names_by_number },
		{ "test_migrate_sort_names_refuses", test_migrate_sort_names_refuses },
		{ "test_migrate_sha256_hex", test_migrate_sha256_hex },
		{ "test_migrate_shipped_files_split", test_migrate_shipped_files_split },
		{ NULL, NULL },
	};

	if (sodium_init() < 0)
		return 2;
	return unit_run("migrate", tests);
}
