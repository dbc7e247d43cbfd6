/* migrate.h - applies the numbered sql/NNNN_*.sql migrations once each, recorded with their SHA-256. */
#ifndef KPP_MIGRATE_H
#define KPP_MIGRATE_H

#include <stddef.h>
#include <stdio.h>

#include "core/kerr.h"

struct dbop;

/*
 * Applies, in order, every sql/NNNN_*.sql in dir not yet recorded in
 * schema_migrations (created here if missing), each file's statements
 * then its ledger row; refuses (KERR_INVALID, message in err, nothing
 * applied) when an applied file's SHA-256 differs from the ledger (someone
 * edited an applied migration), a recorded file is missing or renamed, a
 * new file sorts before an applied one, two files share a number, a
 * *.sql file is not named NNNN_name.sql, or a new file does not split
 * (an unterminated quote or comment). Logs one line per applied file to
 * log (may be NULL). A failing statement stops the run with KERR_SYSTEM
 * (KERR_DB when the connection is lost) and "file:line: error" in err;
 * the files before it stay applied and recorded, the failing file's
 * earlier statements took effect (DDL commits by itself) and it is not
 * recorded. Sets the session to autocommit, strict sql_mode and UTC,
 * which every kpp connection wants anyway (dbop_open() gives utf8mb4).
 * Run one migrator at a time.
 */
enum kerr	migrate_run(struct dbop *o, const char *dir, FILE *log, char *err, size_t errlen);

/*
 * Receives one statement: len bytes at stmt (not NUL-terminated, without
 * its delimiter, trimmed), and the 1-based line it starts on. Returns
 * KERR_OK to go on; anything else stops migrate_split, which returns it.
 */
typedef enum kerr (*migrate_stmt_fn)(void *arg, const char *stmt, size_t len, unsigned line);

/*
 * Splits a migration file into statements the way the mariadb client
 * does: a statement ends at the delimiter (";" at first) outside quotes
 * ('..', "..", `..`) and comments (-- , #, C-style); a line
 * "DELIMITER xx" between statements changes the delimiter, for compound
 * trigger or procedure bodies. Text after the last delimiter is a final
 * statement; comment-only stretches are no statement. Returns KERR_OK,
 * KERR_INVALID with "line N: why" in err for an unterminated quote or
 * comment or an empty DELIMITER, or the first error fn returned.
 */
enum kerr	migrate_split(const char *sql, size_t len, migrate_stmt_fn fn, void *arg,
		    char *err, size_t errlen);

/*
 * Returns 1 and the number in *version when name is a migration file
 * name: four or more digits (not all zero), '_', letters, digits, '_' or
 * '-', then ".sql". Returns 0 for any other name.
 */
int		migrate_name_version(const char *name, unsigned *version);

/*
 * Sorts the n names (migration file names) in place by their numbers.
 * Returns KERR_OK, or KERR_INVALID with a message in err when one is not
 * a migration file name or two share a number.
 */
enum kerr	migrate_sort_names(const char **names, size_t n, char *err, size_t errlen);

/* Writes the SHA-256 of len bytes at data as 64 lower-case hex digits and a NUL into hex. */
void		migrate_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
