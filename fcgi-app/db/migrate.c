/* migrate.c - the schema migrator: splits the sql/ files, checks them against the ledger, applies what is new. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/migrate.h"

/* A migration file read from disk. */
struct mfile {
	unsigned	 version;
	char		*name;
	char		*sql;
	size_t		 len;
	char		 sha[65];
};

/* A row of the ledger. */
struct lrow {
	unsigned	 version;
	char		 name[256];
	char		 sha[65];
};

/* What the statement callback of migrate_run needs. */
struct applyctx {
	struct dbop	*o;
	const char	*file;
	unsigned	 count;
	char		*err;
	size_t		 errlen;
};

/*
 * The ledger is the migrator's own table, so it is created here: it must
 * exist before the first file is looked at.
 */
static const char ledger_ddl[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version INT UNSIGNED NOT NULL COMMENT 'the NNNN of the file name',"
	" filename VARCHAR(255) NOT NULL COMMENT 'the file applied, without directory',"
	" sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL"
	"  COMMENT 'SHA-256 of the file as applied, lower-case hex: an edit afterwards is refused',"
	" applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when (UTC)',"
	" PRIMARY KEY (version)"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci"
	" COMMENT='migrations applied to this database, written by kpp''s migrator only'";

/*
 * Every statement of a migration runs under the same rules whatever the
 * server's defaults: strict, no silent engine swap, and UTC timestamps.
 */
static const char session_sql[] =
	"SET SESSION autocommit = 1, sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
	"ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', time_zone = '+00:00'";

static void	seterr(char *err, size_t errlen, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Puts "what: the server's message" in err; returns e, dbop_*()'s error. */
static enum kerr
migrate_db_fail(struct dbop *o, enum kerr e, const char *what, char *err, size_t errlen)
{
	seterr(err, errlen, "%s: %s", what, dbop_error(o));
	return e;
}

int
migrate_name_version(const char *name, unsigned *version)
{
	const char *p = name;
	unsigned long v = 0;
	size_t digits = 0, rest;

	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > UINT_MAX)
			return 0;
	}
	if (digits < 4 || v == 0 || *p++ != '_')
		return 0;
	rest = strlen(p);
	if (rest <= 4 || strcmp(p + rest - 4, ".sql") != 0)
		return 0;
	for (; rest > 4; p++, rest--)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
			return 0;
	*version = (unsigned)v;
	return 1;
}

static int
cmp_names(const void *a, const void *b)
{
	unsigned va = 0, vb = 0;

	migrate_name_version(*(const char *const *)a, &va);
	migrate_name_version(*(const char *const *)b, &vb);
	return va < vb ? -1 : va > vb;
}

enum kerr
migrate_sort_names(const char **names, size_t n, char *err, size_t errlen)
{
	unsigned v, prev = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (!migrate_name_version(names[i], &v)) {
			seterr(err, errlen, "%s: not a migration name (NNNN_name.sql)", names[i]);
			return KERR_INVALID;
		}
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		migrate_name_version(names[i], &v);
		if (i > 0 && v == prev) {
			seterr(err, errlen, "%s and %s share the number %04u",
			    names[i - 1], names[i], v);
			return KERR_INVALID;
		}
		prev = v;
	}
	return KERR_OK;
}

void
migrate_sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char sum[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(sum, data, len);
	sodium_bin2hex(hex, 65, sum, sizeof(sum));
}

static int
is_sql_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * Skips the quoted string or identifier opening at *ip, counting lines.
 * Backslash escapes hold in strings (the server's default sql_mode), not
 * in `identifiers`; a doubled quote is part of the text in both.
 */
static int
skip_quoted(const char *s, size_t len, size_t *ip, unsigned *line)
{
	char q = s[*ip];
	size_t i = *ip + 1;

	while (i < len) {
		if (s[i] == '\n')
			(*line)++;
		if (s[i] == '\\' && q != '`') {
			if (i + 1 < len && s[i + 1] == '\n')
				(*line)++;
			i += 2;
			continue;
		}
		if (s[i] == q) {
			if (i + 1 < len && s[i + 1] == q) {
				i += 2;
				continue;
			}
			*ip = i + 1;
			return 1;
		}
		i++;
	}
	return 0;
}

static int
is_delimiter_cmd(const char *s, size_t len)
{
	static const char kw[] = "delimiter";
	size_t i;

	if (len <= sizeof(kw) - 1)
		return 0;
	for (i = 0; i < sizeof(kw) - 1; i++)
		if ((s[i] | 0x20) != kw[i])
			return 0;
	return s[i] == ' ' || s[i] == '\t';
}

static enum kerr
emit(const char *s, size_t start, size_t end, unsigned line, migrate_stmt_fn fn, void *arg)
{
	while (end > start && (is_sql_space(s[end - 1]) || s[end - 1] == '\n'))
		end--;
	return fn(arg, s + start, end - start, line);
}

enum kerr
migrate_split(const char *s, size_t len, migrate_stmt_fn fn, void *arg, char *err, size_t errlen)
{
	char delim[16] = ";";
	size_t dlen = 1, i = 0, start = 0, j;
	unsigned line = 1, sline = 0, qline;
	int started = 0, linebare = 1;
	enum kerr e;

	while (i < len) {
		char c = s[i];

		if (!started && linebare && is_delimiter_cmd(s + i, len - i)) {
			for (i += 9; i < len && is_sql_space(s[i]); i++)
				continue;
			for (j = i; j < len && !is_sql_space(s[j]) && s[j] != '\n'; j++)
				continue;
			if (j == i || j - i >= sizeof(delim)) {
				seterr(err, errlen, "line %u: DELIMITER needs one word of"
				    " at most %zu characters", line, sizeof(delim) - 1);
				return KERR_INVALID;
			}
			memcpy(delim, s + i, j - i);
			dlen = j - i;
			delim[dlen] = '\0';
			for (i = j; i < len && s[i] != '\n'; i++)
				continue;
			continue;
		}
		if (c == '\n') {
			line++;
			linebare = 1;
			i++;
			continue;
		}
		if (is_sql_space(c)) {
			i++;
			continue;
		}
		linebare = 0;
		if (len - i >= dlen && memcmp(s + i, delim, dlen) == 0) {
			if (started && (e = emit(s, start, i, sline, fn, arg)) != KERR_OK)
				return e;
			started = 0;
			i += dlen;
			continue;
		}
		if (c == '\'' || c == '"' || c == '`') {
			if (!started) {
				started = 1;
				start = i;
				sline = line;
			}
			qline = line;
			if (!skip_quoted(s, len, &i, &line)) {
				seterr(err, errlen, "line %u: unterminated %c", qline, c);
				return KERR_INVALID;
			}
			continue;
		}
		if (c == '#' || (c == '-' && i + 1 < len && s[i + 1] == '-' &&
		    (i + 2 == len || (unsigned char)s[i + 2] <= ' '))) {
			while (i < len && s[i] != '\n')
				i++;
			continue;
		}
		if (c == '/' && i + 1 < len && s[i + 1] == '*') {
			/* The server runs what an executable comment (slash, star, bang) holds: content. */
			if (!started && i + 2 < len && (s[i + 2] == '!' ||
			    (s[i + 2] == 'M' && i + 3 < len && s[i + 3] == '!'))) {
				started = 1;
				start = i;
				sline = line;
			}
			qline = line;
			for (i += 2; i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'); i++)
				if (s[i] == '\n')
					line++;
			if (i + 1 >= len) {
				seterr(err, errlen, "line %u: unterminated comment", qline);
				return KERR_INVALID;
			}
			i += 2;
			continue;
		}
		if (!started) {
			started = 1;
			start = i;
			sline = line;
		}
		i++;
	}
	if (started)
		return emit(s, start, len, sline, fn, arg);
	return KERR_OK;
}

static void
free_files(struct mfile *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(f[i].name);
		free(f[i].sql);
	}
	free(f);
}

static enum kerr
read_sql_file(const char *path, char **data, size_t *len, char *err, size_t errlen)
{
	FILE *fp;
	char *buf = NULL, *nbuf;
	size_t cap = 0, n = 0, got;

	if ((fp = fopen(path, "rb")) == NULL) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return KERR_SYSTEM;
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16384;
			if ((nbuf = realloc(buf, cap + 1)) == NULL) {
				free(buf);
				fclose(fp);
				seterr(err, errlen, "%s: out of memory", path);
				return KERR_NOMEM;
			}
			buf = nbuf;
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		seterr(err, errlen, "%s: read error", path);
		free(buf);
		fclose(fp);
		return KERR_SYSTEM;
	}
	fclose(fp);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return KERR_OK;
}

/* Reads every *.sql of dir, ordered by number, with its checksum. */
static enum kerr
read_dir(const char *dir, struct mfile **out, size_t *nout, char *err, size_t errlen)
{
	DIR *d;
	struct dirent *de;
	const char **names = NULL, **nn;
	struct mfile *files = NULL;
	size_t n = 0, cap = 0, i, l;
	char path[PATH_MAX];
	enum kerr e = KERR_OK;

	if ((d = opendir(dir)) == NULL) {
		seterr(err, errlen, "%s: %s", dir, strerror(errno));
		return KERR_SYSTEM;
	}
	while ((de = readdir(d)) != NULL) {
		l = strlen(de->d_name);
		if (l < 4 || strcmp(de->d_name + l - 4, ".sql") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nn = realloc(names, cap * sizeof(*names))) == NULL) {
				e = KERR_NOMEM;
				goto out;
			}
			names = nn;
		}
		if ((names[n] = strdup(de->d_name)) == NULL) {
			e = KERR_NOMEM;
			goto out;
		}
		n++;
	}
	if ((e = migrate_sort_names(names, n, err, errlen)) != KERR_OK)
		goto out;
	if (n > 0 && (files = calloc(n, sizeof(*files))) == NULL) {
		e = KERR_NOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		migrate_name_version(names[i], &files[i].version);
		files[i].name = (char *)names[i];
		names[i] = NULL;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, files[i].name) >= sizeof(path)) {
			seterr(err, errlen, "%s/%s: path too long", dir, files[i].name);
			e = KERR_SYSTEM;
			goto out;
		}
		if ((e = read_sql_file(path, &files[i].sql, &files[i].len, err, errlen)) != KERR_OK)
			goto out;
		migrate_sha256_hex(files[i].sql, files[i].len, files[i].sha);
	}
	*out = files;
	*nout = n;
	files = NULL;
out:
	if (e == KERR_NOMEM)
		seterr(err, errlen, "%s: out of memory", dir);
	closedir(d);
	if (files != NULL)
		free_files(files, n);
	if (names != NULL)
		for (i = 0; i < n; i++)
			free((char *)names[i]);
	free(names);
	return e;
}

static enum kerr
read_ledger(struct dbop *o, struct lrow **out, size_t *nout, char *err, size_t errlen)
{
	struct arena *a;
	struct dbres res;
	struct lrow *rows = NULL;
	size_t i;
	enum kerr e;

	if ((a = arena_new(16384)) == NULL) {
		seterr(err, errlen, "out of memory");
		return KERR_NOMEM;
	}
	if ((e = dbop_query(o, a, "SELECT version, filename, sha256 FROM schema_migrations ORDER BY version",
	    &res)) != KERR_OK)
		e = migrate_db_fail(o, e, "reading schema_migrations", err, errlen);
	else if ((rows = calloc(res.nrows + 1, sizeof(*rows))) == NULL) {
		seterr(err, errlen, "out of memory");
		e = KERR_NOMEM;
	}
	for (i = 0; rows != NULL && i < res.nrows; i++) {
		rows[i].version = (unsigned)strtoul(res.rows[i][0], NULL, 10);
		snprintf(rows[i].name, sizeof(rows[i].name), "%s", res.rows[i][1]);
		snprintf(rows[i].sha, sizeof(rows[i].sha), "%s", res.rows[i][2]);
	}
	arena_free(a);
	*out = rows;
	*nout = rows != NULL ? res.nrows : 0;
	return e;
}

/*
 * Compares disk and ledger, both ordered by number. Returns in *first the
 * index of the first file to apply; everything from it on is new.
 */
static enum kerr
check_ledger(const char *dir, const struct mfile *f, size_t nf, const struct lrow *r, size_t nr,
    size_t *first, char *err, size_t errlen)
{
	size_t i, j = 0;

	for (i = 0; i < nr; i++) {
		if (j < nf && f[j].version < r[i].version) {
			seterr(err, errlen, "%s is not applied but sorts before the applied %s:"
			    " renumber it after %04u", f[j].name, r[nr - 1].name, r[nr - 1].version);
			return KERR_INVALID;
		}
		if (j == nf || f[j].version != r[i].version) {
			seterr(err, errlen, "%s was applied (schema_migrations) but is missing from %s",
			    r[i].name, dir);
			return KERR_INVALID;
		}
		if (strcmp(f[j].name, r[i].name) != 0) {
			seterr(err, errlen, "%s was applied under the name %s: restore the old name",
			    f[j].name, r[i].name);
			return KERR_INVALID;
		}
		if (strcmp(f[j].sha, r[i].sha) != 0) {
			seterr(err, errlen, "%s was changed after it was applied (SHA-256 %.12s..., "
			    "recorded %.12s...): restore it and put the change in a new migration",
			    f[j].name, f[j].sha, r[i].sha);
			return KERR_INVALID;
		}
		j++;
	}
	*first = j;
	return KERR_OK;
}

static enum kerr
exec_stmt(void *arg, const char *stmt, size_t len, unsigned line)
{
	struct applyctx *a = arg;
	char what[300];
	enum kerr e;

	if ((e = dbop_run(a->o, stmt, len)) != KERR_OK) {
		snprintf(what, sizeof(what), "%s:%u", a->file, line);
		return migrate_db_fail(a->o, e, what, a->err, a->errlen);
	}
	a->count++;
	return KERR_OK;
}

static enum kerr
no_op(void *arg, const char *stmt, size_t len, unsigned line)
{
	(void)arg;
	(void)stmt;
	(void)len;
	(void)line;
	return KERR_OK;
}

/* Splits the pending files (first on) before any runs: a broken one stops the run with nothing applied. */
static enum kerr
presplit(const struct mfile *f, size_t first, size_t n, char *err, size_t errlen)
{
	char why[512];
	size_t i;

	for (i = first; i < n; i++)
		if (migrate_split(f[i].sql, f[i].len, no_op, NULL, why, sizeof(why)) != KERR_OK) {
			seterr(err, errlen, "%s: %s", f[i].name, why);
			return KERR_INVALID;
		}
	return KERR_OK;
}

static enum kerr
record(struct dbop *o, const struct mfile *f, char *err, size_t errlen)
{
	const struct dbval v[] = {
		{ DBV_INT, f->version, NULL }, { DBV_TEXT, 0, f->name }, { DBV_TEXT, 0, f->sha },
	};
	enum kerr e;

	if ((e = dbop_exec(o, "INSERT INTO schema_migrations (version, filename, sha256) VALUES (?, ?, ?)",
	    v, sizeof(v) / sizeof(v[0]), NULL)) != KERR_OK)
		seterr(err, errlen, "%s: recording it in schema_migrations: %s", f->name, dbop_error(o));
	return e;
}

static enum kerr
apply(struct dbop *o, const struct mfile *f, FILE *log, char *err, size_t errlen)
{
	struct applyctx a = { o, f->name, 0, err, errlen };
	char why[8];
	enum kerr e;

	/* presplit() has split the file already: only exec_stmt() can fail here, and it fills err. */
	if ((e = migrate_split(f->sql, f->len, exec_stmt, &a, why, sizeof(why))) != KERR_OK)
		return e;
	if ((e = record(o, f, err, errlen)) != KERR_OK)
		return e;
	if (log != NULL)
		fprintf(log, "migrate: applied %s (%u statements)\n", f->name, a.count);
	return KERR_OK;
}

enum kerr
migrate_run(struct dbop *o, const char *dir, FILE *log, char *err, size_t errlen)
{
	struct mfile *files = NULL;
	struct lrow *rows = NULL;
	size_t nfiles = 0, nrows = 0, first = 0, i;
	enum kerr e;

	if (sodium_init() < 0) {
		seterr(err, errlen, "sodium_init() failed");
		return KERR_SYSTEM;
	}
	if ((e = dbop_run(o, session_sql, sizeof(session_sql) - 1)) != KERR_OK)
		return migrate_db_fail(o, e, "setting up the session", err, errlen);
	if ((e = dbop_run(o, ledger_ddl, sizeof(ledger_ddl) - 1)) != KERR_OK)
		return migrate_db_fail(o, e, "creating schema_migrations", err, errlen);
	if ((e = read_dir(dir, &files, &nfiles, err, errlen)) != KERR_OK)
		goto out;
	if ((e = read_ledger(o, &rows, &nrows, err, errlen)) != KERR_OK)
		goto out;
	if ((e = check_ledger(dir, files, nfiles, rows, nrows, &first, err, errlen)) != KERR_OK)
		goto out;
	if ((e = presplit(files, first, nfiles, err, errlen)) != KERR_OK)
		goto out;
	for (i = first; i < nfiles; i++)
		if ((e = apply(o, &files[i], log, err, errlen)) != KERR_OK)
			goto out;
out:
	free(rows);
	free_files(files, nfiles);
	return e;
}
