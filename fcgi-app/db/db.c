/* db.c - one MariaDB connection per worker, with reconnect and a lazy prepared-statement cache. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/conf.h"
#include "core/i18n.h"
#include "core/log.h"
#include "db/db.h"

/* The most parameters of a statement: db_outbox_send_orgs() binds 100, for 16 messages at once. */
#define MAXPARAMS	128

static const struct conf *cfg;
static MYSQL *conn;
/* Bumped at every (re)connect so statements know to prepare again. */
static unsigned generation = 1;
/* Every statement prepared on the current connection, to close them with it. */
static struct dbstmt **prepared;
static size_t nprepared, capprepared;
/*
 * Set between db_begin and its commit or rollback: a connection lost in
 * between must fail the transaction, never reconnect and carry on in
 * autocommit with half of it applied.
 */
static int in_transaction;

void
db_init(const struct conf *c)
{
	cfg = c;
}

static void
forget_statements(void)
{
	size_t i;

	for (i = 0; i < nprepared; i++) {
		if (prepared[i]->st != NULL)
			mysql_stmt_close(prepared[i]->st);
		prepared[i]->st = NULL;
		prepared[i]->gen = 0;
	}
	nprepared = 0;
}

void
db_close(void)
{
	forget_statements();
	if (conn != NULL)
		mysql_close(conn);
	conn = NULL;
}

/* A lost connection is closed here and reopened by the next request. */
static int
is_conn_error(unsigned e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == CR_CONNECTION_ERROR || e == CR_CONN_HOST_ERROR ||
	    e == CR_SERVER_LOST_EXTENDED || e == ER_CONNECTION_KILLED ||
	    e == CR_COMMANDS_OUT_OF_SYNC;
}

static enum kerr
fail_call(const char *reqid, const char *call, unsigned e, const char *msg)
{
	if (e == ER_DUP_ENTRY)
		return KERR_CONFLICT;
	log_err(reqid, "%s failed: %u %s", call, e, msg);
	if (is_conn_error(e) || e == 0)
		db_close();
	return KERR_DB;
}

enum kerr
db_connect(const char *reqid)
{
	unsigned int ct, rt, wt;
	const char *host;

	if (conn != NULL)
		return KERR_OK;
	if (in_transaction) {
		log_err(reqid, "connection lost inside a transaction");
		return KERR_DB;
	}
	if ((conn = mysql_init(NULL)) == NULL)
		return KERR_NOMEM;
	ct = cfg->db_connect_timeout;
	rt = cfg->db_read_timeout;
	wt = cfg->db_write_timeout;
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &ct);
	mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &rt);
	mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &wt);
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(conn, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', collation_connection = 'utf8mb4_swedish_ci'");
	host = cfg->db_host[0] != '\0' ? cfg->db_host : NULL;
	if (mysql_real_connect(conn, host, cfg->db_user, cfg->db_password,
	    cfg->db_name, cfg->db_port, host == NULL ? cfg->db_socket : NULL,
	    0) == NULL) {
		log_err(reqid, "mysql_real_connect() failed: %u %s",
		    mysql_errno(conn), mysql_error(conn));
		mysql_close(conn);
		conn = NULL;
		return KERR_DB;
	}
	generation++;
	return KERR_OK;
}

static enum kerr
prepare(const char *reqid, struct dbstmt *s)
{
	struct dbstmt **p;
	enum kerr e;

	if ((e = db_connect(reqid)) != KERR_OK)
		return e;
	if (s->st != NULL && s->gen == generation)
		return KERR_OK;
	if ((s->st = mysql_stmt_init(conn)) == NULL)
		return KERR_NOMEM;
	if (mysql_stmt_prepare(s->st, s->sql, strlen(s->sql)) != 0) {
		e = fail_call(reqid, "mysql_stmt_prepare()", mysql_stmt_errno(s->st),
		    mysql_stmt_error(s->st));
		if (s->st != NULL) {
			mysql_stmt_close(s->st);
			s->st = NULL;
		}
		return e;
	}
	if (nprepared == capprepared) {
		capprepared = capprepared ? capprepared * 2 : 64;
		if ((p = realloc(prepared, capprepared * sizeof(*p))) == NULL)
			abort();
		prepared = p;
	}
	prepared[nprepared++] = s;
	s->gen = generation;
	return KERR_OK;
}

struct params {
	MYSQL_BIND	 b[MAXPARAMS];
	long long	 ll[MAXPARAMS];
	unsigned long	 len[MAXPARAMS];
	char		 isnull[MAXPARAMS];
};

static int
bind_params(struct params *p, const char *fmt, va_list ap)
{
	size_t i;
	const char *sv;

	memset(p->b, 0, sizeof(p->b));
	for (i = 0; fmt[i] != '\0'; i++) {
		if (i == MAXPARAMS)
			return -1;
		switch (fmt[i]) {
		case 's':
			sv = va_arg(ap, const char *);
			p->b[i].buffer_type = MYSQL_TYPE_STRING;
			p->isnull[i] = sv == NULL;
			p->b[i].is_null = (my_bool *)&p->isnull[i];
			p->b[i].buffer = (void *)(sv != NULL ? sv : "");
			p->len[i] = sv != NULL ? strlen(sv) : 0;
			p->b[i].buffer_length = p->len[i];
			p->b[i].length = &p->len[i];
			break;
		case 'i':
		case 'u':
			p->ll[i] = fmt[i] == 'i' ? va_arg(ap, long long) :
			    (long long)va_arg(ap, unsigned long long);
			p->b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			p->b[i].is_unsigned = fmt[i] == 'u';
			p->b[i].buffer = &p->ll[i];
			break;
		case 'b':
			p->b[i].buffer_type = MYSQL_TYPE_BLOB;
			p->b[i].buffer = (void *)va_arg(ap, const void *);
			p->len[i] = (unsigned long)va_arg(ap, size_t);
			p->b[i].buffer_length = p->len[i];
			p->b[i].length = &p->len[i];
			break;
		default:
			return -1;
		}
	}
	return (int)i;
}

static enum kerr
run(const char *reqid, struct dbstmt *s, const char *fmt, va_list ap)
{
	struct params p;
	enum kerr e;
	int n;

	if ((e = prepare(reqid, s)) != KERR_OK)
		return e;
	if ((n = bind_params(&p, fmt, ap)) < 0 ||
	    (unsigned long)n != mysql_stmt_param_count(s->st)) {
		log_err(reqid, "statement binds %d parameters, needs %lu: %s", n,
		    mysql_stmt_param_count(s->st), s->sql);
		return KERR_SYSTEM;
	}
	if (n > 0 && mysql_stmt_bind_param(s->st, p.b) != 0)
		return fail_call(reqid, "mysql_stmt_bind_param()",
		    mysql_stmt_errno(s->st), mysql_stmt_error(s->st));
	if (mysql_stmt_execute(s->st) != 0)
		return fail_call(reqid, "mysql_stmt_execute()",
		    mysql_stmt_errno(s->st), mysql_stmt_error(s->st));
	return KERR_OK;
}

/* Room for a column's longest value as text, from its metadata. */
static unsigned long
column_room(const MYSQL_FIELD *f)
{
	unsigned long n = f->max_length > f->length ? f->max_length : f->length;

	switch (f->type) {
	case MYSQL_TYPE_TINY_BLOB:
	case MYSQL_TYPE_MEDIUM_BLOB:
	case MYSQL_TYPE_LONG_BLOB:
	case MYSQL_TYPE_BLOB:
	case MYSQL_TYPE_STRING:
	case MYSQL_TYPE_VAR_STRING:
	case MYSQL_TYPE_JSON:
		n = f->max_length;
		break;
	default:
		if (n < 64)
			n = 64;
		break;
	}
	return n + 1;
}

static enum kerr
vquery(struct arena *a, const char *reqid, struct dbstmt *s,
    struct dbres *res, const char *fmt, va_list ap)
{
	MYSQL_BIND *out = NULL;
	MYSQL_RES *meta = NULL;
	MYSQL_FIELD *fields;
	unsigned long *lens = NULL;
	my_bool *nulls = NULL, one = 1;
	size_t i, j, ncols, nrows;
	enum kerr e;
	int rc;

	memset(res, 0, sizeof(*res));
	if ((e = run(reqid, s, fmt, ap)) != KERR_OK)
		return e;
	mysql_stmt_attr_set(s->st, STMT_ATTR_UPDATE_MAX_LENGTH, &one);
	if (mysql_stmt_store_result(s->st) != 0)
		return fail_call(reqid, "mysql_stmt_store_result()",
		    mysql_stmt_errno(s->st), mysql_stmt_error(s->st));
	if ((meta = mysql_stmt_result_metadata(s->st)) == NULL) {
		e = fail_call(reqid, "mysql_stmt_result_metadata()",
		    mysql_stmt_errno(s->st), mysql_stmt_error(s->st));
		goto out;
	}
	ncols = mysql_num_fields(meta);
	fields = mysql_fetch_fields(meta);
	nrows = (size_t)mysql_stmt_num_rows(s->st);
	out = arena_calloc(a, ncols, sizeof(*out));
	lens = arena_calloc(a, ncols, sizeof(*lens));
	nulls = arena_calloc(a, ncols, sizeof(*nulls));
	for (j = 0; j < ncols; j++) {
		out[j].buffer_type = MYSQL_TYPE_STRING;
		out[j].buffer_length = column_room(&fields[j]);
		out[j].buffer = arena_alloc(a, out[j].buffer_length);
		out[j].length = &lens[j];
		out[j].is_null = &nulls[j];
	}
	if (ncols > 0 && mysql_stmt_bind_result(s->st, out) != 0) {
		e = fail_call(reqid, "mysql_stmt_bind_result()",
		    mysql_stmt_errno(s->st), mysql_stmt_error(s->st));
		goto out;
	}
	res->ncols = ncols;
	res->rows = arena_calloc(a, nrows ? nrows : 1, sizeof(*res->rows));
	for (i = 0; i < nrows; i++) {
		rc = mysql_stmt_fetch(s->st);
		if (rc == MYSQL_NO_DATA)
			break;
		if (rc == 1) {
			e = fail_call(reqid, "mysql_stmt_fetch()",
			    mysql_stmt_errno(s->st), mysql_stmt_error(s->st));
			goto out;
		}
		res->rows[i] = arena_alloc(a, ncols * sizeof(char *));
		for (j = 0; j < ncols; j++)
			res->rows[i][j] = nulls[j] ? NULL :
			    arena_strndup(a, out[j].buffer,
			    lens[j] < out[j].buffer_length ? lens[j] :
			    out[j].buffer_length - 1);
	}
	res->nrows = i;
out:
	if (meta != NULL)
		mysql_free_result(meta);
	if (s->st != NULL)
		mysql_stmt_free_result(s->st);
	return e;
}

enum kerr
db_query(struct arena *a, const char *reqid, struct dbstmt *s,
    struct dbres *res, const char *fmt, ...)
{
	enum kerr e;
	va_list ap;

	va_start(ap, fmt);
	e = vquery(a, reqid, s, res, fmt, ap);
	va_end(ap);
	return e;
}

enum kerr
db_query_row(struct arena *a, const char *reqid, struct dbstmt *s,
    struct dbres *res, const char *fmt, ...)
{
	enum kerr e;
	va_list ap;

	va_start(ap, fmt);
	e = vquery(a, reqid, s, res, fmt, ap);
	va_end(ap);
	return e == KERR_OK && res->nrows == 0 ? KERR_NOTFOUND : e;
}

/*
 * The result cache: a direct-mapped table of copies of results, each
 * tagged with its statement, parameters and the data version it was read
 * at. Memory is bounded by the slot count and the size limit.
 */
#define CACHE_SLOTS	256
#define CACHE_MAX_BYTES	(256 * 1024)	/* larger results are not kept */

struct cached {
	const struct dbstmt *s;
	unsigned long long version;
	char		*key;
	size_t		 keylen;
	size_t		 nrows, ncols;
	char		**cells;	/* nrows * ncols, strings follow in the same block */
};

static struct cached cache[CACHE_SLOTS];

/* The parameters as bytes: a key that tells apart any two different bindings. */
static char *
cache_key(struct arena *a, const char *fmt, va_list ap, size_t *len)
{
	struct buf b;
	const char *sv;
	long long ll;
	size_t n;

	buf_init(&b, a, 128);
	for (; *fmt != '\0'; fmt++) {
		buf_putc(&b, *fmt);
		switch (*fmt) {
		case 's':
			sv = va_arg(ap, const char *);
			n = sv != NULL ? strlen(sv) + 1 : 0;
			buf_append(&b, (const char *)&n, sizeof(n));
			if (sv != NULL)
				buf_append(&b, sv, n);
			break;
		case 'i':
		case 'u':
			ll = fmt[0] == 'i' ? va_arg(ap, long long) :
			    (long long)va_arg(ap, unsigned long long);
			buf_append(&b, (const char *)&ll, sizeof(ll));
			break;
		case 'b':
			sv = va_arg(ap, const char *);
			n = va_arg(ap, size_t);
			buf_append(&b, (const char *)&n, sizeof(n));
			buf_append(&b, sv, n);
			break;
		}
	}
	*len = b.len;
	return b.data;
}

static size_t
cache_slot(const struct dbstmt *s, const char *key, size_t len)
{
	uint64_t h = 1469598103934665603ULL ^ (uintptr_t)s;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 1099511628211ULL;
	return (size_t)(h % CACHE_SLOTS);
}

static void
cache_store(struct cached *c, const struct dbstmt *s,
    unsigned long long version, const char *key, size_t keylen,
    const struct dbres *res)
{
	size_t i, cells = res->nrows * res->ncols, bytes = keylen;
	char *p;

	for (i = 0; i < cells; i++)
		if (res->rows[i / res->ncols][i % res->ncols] != NULL)
			bytes += strlen(res->rows[i / res->ncols][i % res->ncols]) + 1;
	free(c->cells);
	memset(c, 0, sizeof(*c));
	if (bytes > CACHE_MAX_BYTES ||
	    (c->cells = malloc(cells * sizeof(char *) + bytes + 1)) == NULL)
		return;
	p = (char *)(c->cells + cells);
	for (i = 0; i < cells; i++) {
		const char *v = res->rows[i / res->ncols][i % res->ncols];

		if (v == NULL) {
			c->cells[i] = NULL;
			continue;
		}
		c->cells[i] = p;
		p = stpcpy(p, v) + 1;
	}
	c->key = p;
	memcpy(c->key, key, keylen);
	c->keylen = keylen;
	c->s = s;
	c->version = version;
	c->nrows = res->nrows;
	c->ncols = res->ncols;
}

/* Copies a cached result into the arena: the cache may change before the request ends. */
static void
cache_load(struct arena *a, const struct cached *c, struct dbres *res)
{
	size_t i, j;

	res->nrows = c->nrows;
	res->ncols = c->ncols;
	res->rows = arena_calloc(a, c->nrows ? c->nrows : 1, sizeof(*res->rows));
	for (i = 0; i < c->nrows; i++) {
		res->rows[i] = arena_alloc(a, c->ncols * sizeof(char *));
		for (j = 0; j < c->ncols; j++) {
			const char *v = c->cells[i * c->ncols + j];

			res->rows[i][j] = v != NULL ? arena_strdup(a, v) : NULL;
		}
	}
}

enum kerr
db_query_cached(struct arena *a, const char *reqid, struct dbstmt *s,
    unsigned long long version, struct dbres *res, const char *fmt, ...)
{
	struct cached *c;
	size_t keylen;
	enum kerr e;
	va_list ap;
	char *key;

	va_start(ap, fmt);
	key = cache_key(a, fmt, ap, &keylen);
	va_end(ap);
	c = &cache[cache_slot(s, key, keylen)];
	if (c->s == s && c->version == version && c->keylen == keylen &&
	    memcmp(c->key, key, keylen) == 0) {
		cache_load(a, c, res);
		return KERR_OK;
	}
	va_start(ap, fmt);
	e = vquery(a, reqid, s, res, fmt, ap);
	va_end(ap);
	if (e == KERR_OK)
		cache_store(c, s, version, key, keylen, res);
	return e;
}

enum kerr
db_exec(const char *reqid, struct dbstmt *s, unsigned long long *affected,
    unsigned long long *insert_id, const char *fmt, ...)
{
	enum kerr e;
	va_list ap;

	va_start(ap, fmt);
	e = run(reqid, s, fmt, ap);
	va_end(ap);
	if (e != KERR_OK)
		return e;
	if (affected != NULL)
		*affected = mysql_stmt_affected_rows(s->st);
	if (insert_id != NULL)
		*insert_id = mysql_stmt_insert_id(s->st);
	return KERR_OK;
}

static enum kerr
simple(const char *reqid, const char *sql)
{
	enum kerr e;

	if ((e = db_connect(reqid)) != KERR_OK)
		return e;
	if (mysql_real_query(conn, sql, strlen(sql)) != 0)
		return fail_call(reqid, sql, mysql_errno(conn), mysql_error(conn));
	return KERR_OK;
}

enum kerr
db_begin(const char *reqid)
{
	enum kerr e;

	if ((e = simple(reqid, "START TRANSACTION")) == KERR_OK)
		in_transaction = 1;
	return e;
}

enum kerr
db_commit(const char *reqid)
{
	enum kerr e = simple(reqid, "COMMIT");

	in_transaction = 0;
	return e;
}

void
db_rollback(const char *reqid)
{
	if (in_transaction && conn != NULL &&
	    mysql_real_query(conn, "ROLLBACK", 8) != 0)
		fail_call(reqid, "ROLLBACK", mysql_errno(conn), mysql_error(conn));
	in_transaction = 0;
}

enum kerr
db_ping(const char *reqid)
{
	return simple(reqid, "DO 1");
}

long long
db_ll(const struct dbres *r, size_t row, size_t col)
{
	const char *v = r->rows[row][col];

	return v != NULL ? strtoll(v, NULL, 10) : 0;
}

const char *
db_str(const struct dbres *r, size_t row, size_t col)
{
	return r->rows[row][col];
}

/*
 * The operator's connection (kpp-admin): apart from the worker's above,
 * with no reconnect, no logging and no cache: a program that runs once
 * and tells its operator what failed.
 */

#define DBOP_MAXPARAMS	64

struct dbop {
	MYSQL		*m;
	/* The statements dbop_exec() prepared, by their text. */
	struct {
		char		*sql;
		MYSQL_STMT	*st;
	}		*stmts;
	size_t		 nstmts, capstmts;
	char		 err[MYSQL_ERRMSG_SIZE];
};

/* Client-side errors (2000-2999) mean the server is gone, not that the SQL was wrong. */
static enum kerr
op_fail(struct dbop *o, unsigned no, const char *msg)
{
	snprintf(o->err, sizeof(o->err), "%s", msg);
	return no >= CR_MIN_ERROR && no <= CR_MAX_ERROR ? KERR_DB : KERR_SYSTEM;
}

struct dbop *
dbop_open(const struct conf *c, const char *user, const char *password, char *err,
    size_t errlen)
{
	unsigned int t = c->db_connect_timeout;
	const char *host = c->db_host[0] != '\0' ? c->db_host : NULL;
	struct dbop *o;

	if ((o = calloc(1, sizeof(*o))) == NULL || (o->m = mysql_init(NULL)) == NULL) {
		free(o);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	mysql_options(o->m, MYSQL_OPT_CONNECT_TIMEOUT, &t);
	mysql_options(o->m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(o->m, host, user, password, c->db_name, c->db_port,
	    host == NULL ? c->db_socket : NULL, CLIENT_MULTI_STATEMENTS) == NULL ||
	    mysql_set_character_set(o->m, "utf8mb4") != 0) {
		snprintf(err, errlen, "%s", mysql_error(o->m));
		dbop_close(o);
		return NULL;
	}
	return o;
}

void
dbop_close(struct dbop *o)
{
	size_t i;

	if (o == NULL)
		return;
	for (i = 0; i < o->nstmts; i++) {
		mysql_stmt_close(o->stmts[i].st);
		free(o->stmts[i].sql);
	}
	free(o->stmts);
	mysql_close(o->m);
	free(o);
}

const char *
dbop_error(const struct dbop *o)
{
	return o->err;
}

enum kerr
dbop_run(struct dbop *o, const char *sql, size_t len)
{
	MYSQL_RES *res;
	int st;

	if (mysql_real_query(o->m, sql, (unsigned long)len) != 0)
		return op_fail(o, mysql_errno(o->m), mysql_error(o->m));
	/* A statement that returns rows (a SELECT in a migration, ANALYZE TABLE) must be drained. */
	do {
		if ((res = mysql_store_result(o->m)) != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(o->m) != 0)
			return op_fail(o, mysql_errno(o->m), mysql_error(o->m));
	} while ((st = mysql_next_result(o->m)) == 0);
	if (st > 0)
		return op_fail(o, mysql_errno(o->m), mysql_error(o->m));
	return KERR_OK;
}

enum kerr
dbop_query(struct dbop *o, struct arena *a, const char *sql, struct dbres *res)
{
	MYSQL_RES *r;
	MYSQL_ROW row;
	unsigned long *lens;
	size_t i, j;

	memset(res, 0, sizeof(*res));
	if (mysql_query(o->m, sql) != 0 || (r = mysql_store_result(o->m)) == NULL)
		return op_fail(o, mysql_errno(o->m), mysql_error(o->m));
	res->ncols = mysql_num_fields(r);
	res->rows = arena_calloc(a, mysql_num_rows(r) + 1, sizeof(*res->rows));
	for (i = 0; (row = mysql_fetch_row(r)) != NULL; i++) {
		lens = mysql_fetch_lengths(r);
		res->rows[i] = arena_alloc(a, res->ncols * sizeof(char *));
		for (j = 0; j < res->ncols; j++)
			res->rows[i][j] = row[j] != NULL ? arena_strndup(a, row[j], lens[j]) : NULL;
	}
	res->nrows = i;
	mysql_free_result(r);
	return KERR_OK;
}

/* The statement sql, prepared on its first run. */
static enum kerr
op_prepare(struct dbop *o, const char *sql, MYSQL_STMT **out)
{
	MYSQL_STMT *st;
	enum kerr e;
	size_t i, cap;
	void *p;

	for (i = 0; i < o->nstmts; i++)
		if (strcmp(o->stmts[i].sql, sql) == 0) {
			*out = o->stmts[i].st;
			return KERR_OK;
		}
	if (o->nstmts == o->capstmts) {
		cap = o->capstmts ? o->capstmts * 2 : 32;
		if ((p = realloc(o->stmts, cap * sizeof(*o->stmts))) == NULL)
			return op_fail(o, CR_OUT_OF_MEMORY, "out of memory");
		o->stmts = p;
		o->capstmts = cap;
	}
	if ((st = mysql_stmt_init(o->m)) == NULL)
		return op_fail(o, mysql_errno(o->m), mysql_error(o->m));
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		e = op_fail(o, mysql_stmt_errno(st), mysql_stmt_error(st));
		mysql_stmt_close(st);
		return e;
	}
	if ((o->stmts[o->nstmts].sql = strdup(sql)) == NULL) {
		mysql_stmt_close(st);
		return op_fail(o, CR_OUT_OF_MEMORY, "out of memory");
	}
	o->stmts[o->nstmts++].st = st;
	*out = st;
	return KERR_OK;
}

enum kerr
dbop_exec(struct dbop *o, const char *sql, const struct dbval *v, size_t n,
    unsigned long long *insert_id)
{
	MYSQL_BIND b[DBOP_MAXPARAMS];
	unsigned long len[DBOP_MAXPARAMS];
	MYSQL_STMT *st;
	enum kerr e;
	size_t i;

	if ((e = op_prepare(o, sql, &st)) != KERR_OK)
		return e;
	if (n != mysql_stmt_param_count(st) || n > DBOP_MAXPARAMS) {
		snprintf(o->err, sizeof(o->err), "%zu values for %lu parameters", n,
		    mysql_stmt_param_count(st));
		return KERR_SYSTEM;
	}
	memset(b, 0, sizeof(b));
	for (i = 0; i < n; i++)
		switch (v[i].kind) {
		case DBV_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DBV_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&v[i].i;
			break;
		case DBV_TEXT:
			len[i] = strlen(v[i].s);
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)v[i].s;
			b[i].length = &len[i];
			break;
		}
	if (mysql_stmt_bind_param(st, b) != 0 || mysql_stmt_execute(st) != 0)
		return op_fail(o, mysql_stmt_errno(st), mysql_stmt_error(st));
	if (insert_id != NULL)
		*insert_id = mysql_stmt_insert_id(st);
	return KERR_OK;
}

void
db_parts(struct dbpart *p, const struct dbres *res, size_t from, const char *tags)
{
	memset(p, 0, sizeof(*p));
	p->res = res;
	p->from = from;
	p->tags = tags;
	p->i = (size_t)-1;
}

void
db_part_at(struct dbpart *p, const struct dbres *res, size_t from, size_t i)
{
	db_parts(p, res, from, NULL);
	p->i = i;
	p->tag = res->rows[i][0] != NULL ? res->rows[i][0][0] : '\0';
	p->c = res->rows[i] + from;
}

int
db_part_next(struct dbpart *p)
{
	const char *tag;

	while (++p->i < p->res->nrows) {
		tag = p->res->rows[p->i][0];
		if (tag == NULL || tag[0] == '\0' ||
		    (p->tags != NULL && strchr(p->tags, tag[0]) == NULL))
			continue;
		p->tag = tag[0];
		p->c = p->res->rows[p->i] + p->from;
		return 1;
	}
	p->tag = '\0';
	p->c = NULL;
	return 0;
}

long long
db_part_ll(const struct dbpart *p, size_t col)
{
	return db_ll(p->res, p->i, p->from + col);
}

long long
db_part_key(const struct dbpart *p, size_t k)
{
	return db_ll(p->res, p->i, k);
}

size_t
db_parts_count(const struct dbres *res, char tag)
{
	size_t i, n = 0;

	for (i = 0; i < res->nrows; i++)
		n += res->rows[i][0] != NULL && res->rows[i][0][0] == tag;
	return n;
}

const char *
db_id_text(struct arena *a, long long n)
{
	return n > 0 ? arena_printf(a, "%lld", n) : NULL;
}

void
db_options(struct arena *a, enum lang l, const struct dbres *res, const char *tags,
    struct db_option **lists[], size_t *lens[])
{
	/* A choice's values after its tag. */
	enum { OPT_PLACE_SV, OPT_PLACE_EN, OPT_VALUE, OPT_LABEL_SV, OPT_LABEL_EN };
	struct dbpart p;
	size_t k;
	long long place;

	for (k = 0; tags[k] != '\0'; k++) {
		*lens[k] = db_parts_count(res, tags[k]);
		*lists[k] = arena_calloc(a, *lens[k] + 1, sizeof(struct db_option));
	}
	for (db_parts(&p, res, 1, tags); db_part_next(&p); ) {
		k = (size_t)(strchr(tags, p.tag) - tags);
		place = db_part_ll(&p, l == LANG_EN ? OPT_PLACE_EN : OPT_PLACE_SV);
		if (place < 1 || (size_t)place > *lens[k])
			continue;
		(*lists[k])[place - 1].value = p.c[OPT_VALUE];
		(*lists[k])[place - 1].label = i18n_pick(l, p.c[OPT_LABEL_SV], p.c[OPT_LABEL_EN]);
	}
}
