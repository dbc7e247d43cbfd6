/* db_statistics.h - the programme's figures for the statistics page, for all rounds or one. */
#ifndef KPP_DB_STATISTICS_H
#define KPP_DB_STATISTICS_H

#include <stddef.h>

#include "core/kerr.h"
#include "db/db_home.h"

struct arena;

/*
 * The figures of a selection of projects: every approved project of one
 * round, or of all rounds, whatever its status now. Each list is of
 * struct count (db_home.h): key, label in the reader's language, n, amount.
 */
struct statistics {
	struct count	*countries;	size_t ncountries;	/* most projects first */
	struct count	*themes;	size_t nthemes;		/* most projects first */
	struct count	*types;		size_t ntypes;		/* key: project type; most first */
	struct count	*rounds;	size_t nrounds;		/* oldest first; under_way set */
	struct count	*active;	size_t nactive;		/* key: a calendar year; n: projects running in it */
	/* Both keyed by calendar year, the same years in both, oldest first; amount 0 where none. */
	struct count	*approved;	size_t napproved;	/* amount: approved, by the decision's year */
	struct count	*disbursed;	size_t ndisbursed;	/* amount: paid, by the payment's year */
	struct count	*members;	size_t nmembers;	/* Swedish order; n: projects applied for or with */
	struct count	*round_opts;	size_t nround_opts;	/* every round, newest first: key id, n year */
	long long	 projects;		/* in the selection */
	long long	 under_way;		/* of those, in implementation or finalisation today */
	long long	 approved_total;	/* kronor */
	long long	 disbursed_total;	/* kronor */
	int		 ref_year;		/* the round's year, or the latest with projects; 0: none */
	long long	 earlier_under_way;	/* projects under way from rounds before ref_year (any) */
};

/*
 * The figures of round_id's projects (0: all rounds) in one statement,
 * answered from the worker's cache while the data version stays. Whether
 * round_id names a round is for the caller to see in round_opts. Labels
 * in lang; lists and strings live in a. Returns KERR_OK or KERR_DB.
 */
enum kerr	db_statistics(struct arena *a, const char *reqid, unsigned long long data_version,
		    enum lang lang, long long round_id, struct statistics *out);

#endif
