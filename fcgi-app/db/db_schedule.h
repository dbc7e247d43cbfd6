/* db_schedule.h - the daily pass's statements: reports due, rounds' news and officers' digests, each recorded once (sql/0030). */
#ifndef KPP_DB_SCHEDULE_H
#define KPP_DB_SCHEDULE_H

#include <stddef.h>

#include "core/i18n.h"
#include "core/kerr.h"
#include "db/db_outbox.h"

struct arena;

/* The stages of a report's reminders, in the order they come (report_reminders.stage). */
enum report_stage {
	STAGE_DUE_30,		/* due in 30 days or less */
	STAGE_DUE_7,		/* due in 7 days or less */
	STAGE_OVERDUE_1,	/* 1 day overdue or more */
	STAGE_OVERDUE_14,	/* 14 days overdue or more */
	STAGE__MAX
};

/* A report not yet submitted that reached a stage, with what its reminder says. */
struct sched_report {
	long long	 id;
	enum report_stage stage;
	const char	*deadline;	/* YYYY-MM-DD: the date it is due now */
	long long	 days;		/* to the deadline from the day: left (>= 0), or overdue (< 0) */
	int		 final;		/* 1: the final report; 0: a progress report */
	int		 year;		/* the project year it covers */
	const char	*code;		/* the project's */
	const char	*title[LANG__MAX];	/* the project's title in each language, or the other's when missing */
	long long	 org_id;	/* the Swedish organisation that reports */
	const char	*org_name;
};

/* A round that opened, or closes in 7 days or less. */
struct sched_round {
	long long	 id;
	int		 closing;	/* 0: it opened; 1: it closes soon */
	const char	*name[LANG__MAX];
	const char	*opens_on, *closes_on;	/* YYYY-MM-DD */
	long long	 days;		/* from the day to its last day */
};

/* One thing an officer's digest lists: an application or a report submitted. */
struct sched_item {
	int		 report;	/* 1: a report (id is the report's); 0: an application */
	long long	 id;
	const char	*submitted_at;	/* UTC, as MariaDB writes a DATETIME */
	const char	*title[LANG__MAX];	/* the application's or project's, or the other language's */
	const char	*org_name;
	const char	*round[LANG__MAX];	/* the round's name (an application) */
	const char	*code;		/* the project's code (a report) */
	int		 final;		/* a report: the final one, else a progress report ... */
	int		 year;		/* ... for this project year */
};

/* An officer's digest: what was submitted in the rounds they handle since their previous one. */
struct sched_digest {
	long long	 user_id;
	const char	*since;		/* UTC: it lists what was submitted after this ... */
	const char	*until;		/* ... up to this */
	struct sched_item *items;
	size_t		 nitems;	/* never 0 */
};

/*
 * What the pass mails for each thing it records: each callback fills the
 * message's texts (subject[], body[], link) in s, whose kind and
 * recipients are set, or returns an error that rolls the pass back. Called
 * inside the pass's transaction: they render, and do no I/O.
 */
struct sched_mail {
	void		*ctx;
	enum kerr	(*report)(void *ctx, const struct sched_report *r, struct outbox_send *s);
	enum kerr	(*round)(void *ctx, const struct sched_round *r, struct outbox_send *s);
	enum kerr	(*digest)(void *ctx, const struct sched_digest *d, struct outbox_send *s);
};

/* What a pass did. */
struct sched_counts {
	unsigned		 run;		/* which of the day's passes it was: 1 for the first */
	size_t			 reports;	/* reminders of reports recorded */
	size_t			 rounds;	/* rounds' news recorded */
	size_t			 digests;	/* digests recorded */
	unsigned long long	 queued;	/* messages queued for all of them (one per recipient) */
};

/*
 * The daily pass for the programme's day today (YYYY-MM-DD), now being the
 * programme's clock (UTC, "YYYY-MM-DD HH:MM:SS"; the digests cover what
 * was submitted up to a minute before, so that a submission stamped before
 * now and committed after is in the next one): in one transaction, after
 * locking the day's row of mail_daily_passes (two passes take turns, the
 * second reading what the first recorded), it records
 * - for each report not yet submitted, of a project under way, the most
 *   urgent stage its deadline has reached on today, unless that stage or
 *   a later one was recorded for that deadline: to its organisation;
 * - for each round open on today, that it opened, or closes in 7 days or
 *   less (not an opening after its closing): to every applicant who chose
 *   round_news;
 * - for each officer who chose the digest and has none on today, a digest
 *   of the applications and reports submitted, in the rounds they handle
 *   (all rounds when a round names no officer), since their previous
 *   digest (the first: in the day before), when there is any;
 * and queues each one's message with m's texts (db_outbox_send(); the
 * reports' 16 at a time, db_outbox_send_orgs()).
 * by (host:pid) is recorded as the day's last runner. *n (may be NULL)
 * gets what it did. KERR_DB, or a callback's error: nothing recorded, no
 * message queued.
 */
enum kerr	db_schedule_pass(struct arena *a, const char *reqid, const char *today, const char *now,
		    const char *by, const struct sched_mail *m, struct sched_counts *n);

/* Whether a pass has run for the day today: *ran 1 or 0. */
enum kerr	db_schedule_ran(struct arena *a, const char *reqid, const char *today, int *ran);

#endif
