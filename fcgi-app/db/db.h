/* db.h - the worker's database connection: reconnect, prepared-statement cache, transactions. */
#ifndef KPP_DB_H
#define KPP_DB_H

#include <stddef.h>

#include "core/i18n.h"
#include "core/kerr.h"

struct arena;
struct conf;

/*
 * A statement of one db_<resource>.c file. Files keep them in a static
 * array indexed by their own enum; each is prepared on first use and again
 * after a reconnect (the connection's generation changes). Only db.c reads
 * st, the prepared statement (the MySQL API's MYSQL_STMT): no other file
 * needs that API's names.
 */
struct dbstmt {
	const char	*sql;
	void		*st;
	unsigned	 gen;
};

/* A result set, every value as a NUL-terminated string in the arena (NULL for SQL NULL). */
struct dbres {
	size_t		  nrows;
	size_t		  ncols;
	char		***rows;	/* rows[i][j] */
};

/*
 * SQL: column col holds the text of a list_like() pattern (the next
 * parameter), as people search: whatever the case and the accents, so
 * that "vaxjo" finds Växjö. The columns' own Swedish collation tells ä
 * from a, as Swedish sorting must; a search compares in Unicode's
 * accent- and case-insensitive collation instead.
 */
#define DB_LIKE(col) \
	"CONVERT(" col " USING utf8mb4) COLLATE utf8mb4_uca1400_ai_ci LIKE ? ESCAPE '!'"

/*
 * SQL: the UTC DATETIME t (a column or expression) as Swedish local time,
 * for every date the pages and files show, filter or group by of a time
 * stamped (a submission, a decision, ...): a stamp made just after
 * midnight in Sweden is that Swedish day's, as fmt_time() shows it. The
 * rule of calendar_swedish_offset(): UTC+2 from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October, else UTC+1,
 * written out so that it needs no time zone tables in MariaDB.
 */
#define DB_SWEDISH(t) \
	"(" t " + INTERVAL IF(" t " >= " DB_LAST_SUNDAY_1AM(t, "2") " AND " t " < " \
	DB_LAST_SUNDAY_1AM(t, "9") ", 2, 1) HOUR)"
/* SQL: 01:00 on the last Sunday of the month that is months (text) after January of t's year. */
#define DB_LAST_SUNDAY_1AM(t, months) \
	"(LAST_DAY(MAKEDATE(YEAR(" t "), 1) + INTERVAL " months " MONTH) - INTERVAL " \
	"(DAYOFWEEK(LAST_DAY(MAKEDATE(YEAR(" t "), 1) + INTERVAL " months " MONTH)) - 1) DAY " \
	"+ INTERVAL 1 HOUR)"
/* SQL: the day in Sweden (YYYY-MM-DD) of the UTC DATETIME t: DB_SWEDISH(). */
#define DB_SWEDISH_DAY(t) "DATE_FORMAT(" DB_SWEDISH(t) ", '%Y-%m-%d')"

/*
 * SQL: the status project p (a table alias) shows on the programme's
 * today, for what MariaDB counts, filters and sorts by it: the rule of
 * project_status_on() (approved while its first day, the actual start
 * where known, else the planned one, is still to come; else as stored),
 * so that no count or filter disagrees with the pages. It reads the day
 * from DB_TODAY_CTE, which a statement using it puts first in its WITH:
 * the day (YYYY-MM-DD) is then the statement's first parameter, and the
 * worker's cache keys a result on the day as well as the data version.
 */
#define DB_TODAY_CTE	"kpp_today AS (SELECT CAST(? AS DATE) AS d)"
#define DB_PROJECT_STATUS(p) \
	"IF(" p ".status = 'implementation' AND COALESCE(" p ".actual_start, " p ".planned_start) > " \
	"(SELECT d FROM kpp_today), 'approved', " p ".status)"
/* SQL: whether project p is under way on that day: in implementation or finalisation. */
#define DB_PROJECT_UNDER_WAY(p) \
	DB_PROJECT_STATUS(p) " IN ('implementation', 'finalisation')"
/* SQL: its place in the lifecycle (project_statuses[]), for sorting by it. */
#define DB_PROJECT_STATUS_RANK(p) \
	"FIELD(" DB_PROJECT_STATUS(p) ", 'approved', 'implementation', 'finalisation', 'closed', " \
	"'cancelled')"

/*
 * Binds for db_query/db_exec are given by a format string, one letter per
 * parameter: 's' const char * (NULL binds SQL NULL), 'i' long long,
 * 'u' unsigned long long, 'b' const void * then size_t (binary).
 */

/* Remembers the connection settings; connects lazily. */
void		 db_init(const struct conf *c);

/*
 * Makes sure the connection is up, reconnecting when it was lost.
 * Returns KERR_OK or KERR_DB (logged with reqid).
 */
enum kerr	 db_connect(const char *reqid);

/* Runs a SELECT; rows land in res, allocated in a. KERR_DB on failure (logged). */
enum kerr	 db_query(struct arena *a, const char *reqid, struct dbstmt *s,
		    struct dbres *res, const char *fmt, ...);

/*
 * Like db_query, for a SELECT that must find a row (a record to change,
 * locked FOR UPDATE): KERR_NOTFOUND, not logged, when it finds none.
 */
enum kerr	 db_query_row(struct arena *a, const char *reqid, struct dbstmt *s,
		    struct dbres *res, const char *fmt, ...);

/*
 * Like db_query, but answered from this worker's cache when the same
 * statement ran with the same parameters at the same data version (the
 * session's, which sql/0006's triggers move forward at every write). Only
 * for statements whose result depends on nothing but their parameters and
 * the data: no NOW(), no user variables.
 */
enum kerr	 db_query_cached(struct arena *a, const char *reqid,
		    struct dbstmt *s, unsigned long long version,
		    struct dbres *res, const char *fmt, ...);

/*
 * Runs an INSERT/UPDATE/DELETE. affected and insert_id may be NULL.
 * A duplicate key gives KERR_CONFLICT (not logged: callers expect it).
 */
enum kerr	 db_exec(const char *reqid, struct dbstmt *s,
		    unsigned long long *affected, unsigned long long *insert_id,
		    const char *fmt, ...);

/* Transactions for multi-row writes. db_rollback never fails loudly. */
enum kerr	 db_begin(const char *reqid);
enum kerr	 db_commit(const char *reqid);
void		 db_rollback(const char *reqid);

/* Answers whether the database responds (GET /healthz). */
enum kerr	 db_ping(const char *reqid);

/* Closes the connection and frees every prepared statement. */
void		 db_close(void);

/* Helpers for reading a result: the value at (row, col) as a number, 0 for NULL. */
long long	 db_ll(const struct dbres *r, size_t row, size_t col);
const char	*db_str(const struct dbres *r, size_t row, size_t col);

/*
 * The operator's connection, for kpp-admin's migrations and demo data:
 * its own, as the account it is given (the schema's owner, not the
 * workers'), one statement text at a time or prepared, with errors told
 * back as text for the operator rather than logged. The workers' db_*
 * functions above never use it.
 */
struct dbop;

/* A value for a parameter of dbop_exec(). */
struct dbval {
	enum { DBV_NULL, DBV_INT, DBV_TEXT } kind;
	long long	 i;	/* DBV_INT */
	const char	*s;	/* DBV_TEXT, NUL-terminated */
};

/*
 * Connects as user to c's database (c's host, else its socket; its port
 * and connect timeout) in utf8mb4, taking statements that hold several
 * (a trigger's body). Returns NULL with the reason in err.
 */
struct dbop	*dbop_open(const struct conf *c, const char *user, const char *password,
		    char *err, size_t errlen);
void		 dbop_close(struct dbop *o);

/*
 * Errors of the functions below: KERR_DB when the client library failed
 * (the server is gone, out of reach), KERR_SYSTEM when the server refused
 * the statement; the message is dbop_error()'s.
 */

/* Runs the len bytes of SQL at sql as they are; rows it returns are read and dropped. */
enum kerr	 dbop_run(struct dbop *o, const char *sql, size_t len);

/* Runs a statement that returns rows (a SELECT); they land in res, allocated in a. */
enum kerr	 dbop_query(struct dbop *o, struct arena *a, const char *sql, struct dbres *res);

/*
 * Runs sql as a prepared statement with the n values v for its
 * parameters; insert_id (may be NULL) gets its AUTO_INCREMENT id. The
 * statement stays prepared for the next run of the same text, until
 * dbop_close().
 */
enum kerr	 dbop_exec(struct dbop *o, const char *sql, const struct dbval *v, size_t n,
		    unsigned long long *insert_id);

/* The message of the last failure. */
const char	*dbop_error(const struct dbop *o);

/*
 * A many-part statement: a UNION ALL whose parts share one shape, so that
 * a page's records come in one round trip. A row starts with its part's
 * tag (one letter), then the statement's sort keys, then the part's own
 * values from one offset that every part shares. A file names each
 * part's values with an enum counted from 0 at that offset, and walks
 * the rows with db_part_next():
 *
 *	for (db_parts(&p, &res, 7, NULL); db_part_next(&p); )
 *		switch (p.tag) { case 'a': a->status = p.c[A_STATUS]; ... }
 */
struct dbpart {
	const struct dbres *res;
	size_t		 from;	/* the column of every part's first value */
	const char	*tags;	/* the parts to visit; NULL for all */
	size_t		 i;	/* the current row (after db_part_next()) */
	char		 tag;	/* its tag */
	char		**c;	/* its part's values: c[0] is column from */
};

/* Starts p on res before its first row, to visit the parts whose tag is in tags (NULL: all). */
void		 db_parts(struct dbpart *p, const struct dbres *res, size_t from,
		    const char *tags);
/* Puts p on row i of res, a row known to be there (a statement's only one). */
void		 db_part_at(struct dbpart *p, const struct dbres *res, size_t from, size_t i);
/* Moves p to the next row of a part it visits: 1, or 0 at the end. */
int		 db_part_next(struct dbpart *p);
/* The current row's value col of its part as a number, 0 for NULL. */
long long	 db_part_ll(const struct dbpart *p, size_t col);
/* The current row's sort key k (1 for the column after the tag) as a number, 0 for NULL. */
long long	 db_part_key(const struct dbpart *p, size_t k);
/* How many rows of res have the tag. */
size_t		 db_parts_count(const struct dbres *res, char tag);
/* n as a statement's text parameter ("%lld"), or NULL, SQL's NULL, when it is none (0 or less): an id, a year, an answer. */
const char	*db_id_text(struct arena *a, long long n);

/* A choice of a list's filter (a select box): the value it sends, its label in the reader's language. */
struct db_option {
	const char	*value, *label;
};

/*
 * Reads the choices of a list's filters from res, a statement whose rows are tagged by the first
 * letter of column 0 and give each choice its place in Swedish and in English order (so that one
 * cached result serves both): columns tag, place sv, place en, value, label sv, label en. The
 * rows tagged tags[k] become *lists[k], *lens[k] of them in arena a (one more, empty, ends the
 * list), each at its place in l's order with its label in l (i18n_pick()); a place out of range
 * leaves its choice empty (value NULL). Rows of other tags are left to the caller.
 */
void		 db_options(struct arena *a, enum lang l, const struct dbres *res,
		    const char *tags, struct db_option **lists[], size_t *lens[]);

#endif
