/* demo.h - the deterministic demo data set (the programme as it stood on 30 September 2016), loaded into an empty, migrated database. */
#ifndef KPP_DEMO_H
#define KPP_DEMO_H

#include <stddef.h>
#include <stdio.h>

#include "core/kerr.h"

struct dbop;

/* The password of every demo account. */
#define DEMO_PASSWORD	"demo-password"

/*
 * Loads the demo data set into a migrated database that has no users yet,
 * in one transaction through prepared statements: the 2016 round as ICLD
 * announced it (32 approved projects, Kenya and China first), rounds
 * 2013-2015 with their projects, reports and disbursements, an open call
 * "Utlysning 2027" (2026-09-01 to 2027-03-31) with applications in every
 * state, and the accounts demo_print_accounts() lists. The same data every
 * time: no clock, no seed from outside. Returns KERR_OK; KERR_INVALID with
 * a message in err when users exist or the schema is missing, nothing
 * written; KERR_DB or KERR_SYSTEM when a statement fails (rolled back).
 * Logs a summary line to log (may be NULL). Sets the session to UTC
 * (dbop_open() gives utf8mb4).
 */
enum kerr	demo_load(struct dbop *o, FILE *log, char *err, size_t errlen);

/*
 * Prints the demo accounts, one "email role name" line each, and the
 * password, for ./run.sh demo. Needs no database: the list is fixed.
 */
void		demo_print_accounts(FILE *f);

#endif
