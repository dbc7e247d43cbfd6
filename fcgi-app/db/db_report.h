/* db_report.h - SQL of reports: a report with all its page shows, saving and submitting it, ICLD's decision, the payment. */
#ifndef KPP_DB_REPORT_H
#define KPP_DB_REPORT_H

#include <stddef.h>

#include "core/kerr.h"
#include "domain/application.h"

struct arena;
struct outbox_send;
struct req;
struct upload;

/* The narrative of a report, in the form's order; NARR__MAX texts. */
enum narrative {
	NARR_ACTIVITIES = 0,
	NARR_RESULTS,
	NARR_DEVIATIONS,
	NARR_LESSONS,
	NARR_PARTICIPATION,
	NARR__MAX
};

/* The columns of reports and report_revisions that hold them, also the form's field names. */
extern const char *const narrative_code[NARR__MAX];

/* An indicator of the project's results framework, with what the report says it reached. */
struct report_indicator {
	long long	 id;
	long long	 objective_id;
	const char	*objective;	/* its objective's description */
	const char	*result;	/* its expected result's */
	const char	*name, *unit;	/* unit may be NULL */
	int		 qualitative;	/* measured in words: no value, only text */
	const char	*baseline, *target;	/* as text ("12.5", or words) */
	const char	*value;		/* the actual value as stored ("12.5"); NULL when none */
	const char	*text;		/* the value in words, or a comment on it; NULL when none */
};

/* A cost category of the report's year. */
struct report_line {
	long long	 budget;	/* approved for the year; -1 when there is no line */
	long long	 actual;	/* the actual cost reported, a refund below 0; REIMBURSE_NONE when not given */
	const char	*explanation;	/* of the variance; NULL when none */
};

/* A year of the project, for a final report's totals and the project's page. */
struct report_year {
	int		 year;
	long long	 amount;			/* approved */
	long long	 budget[CAT__MAX];		/* -1: no line */
	long long	 actual[CAT__MAX];		/* in its progress report, refunds below 0; REIMBURSE_NONE: not given */
	const char	*status;			/* its progress report's status; NULL when none */
	long long	 paid;				/* paid through its reports */
};

/* A submission of the report and what ICLD made of it. */
struct report_revision {
	int		 revision;		/* 1 for the first submission */
	const char	*submitted_at;		/* UTC, "YYYY-MM-DD HH:MM:SS" */
	const char	*submitted_by;		/* the person's name */
	const char	*outcome;		/* approved, returned; NULL while ICLD has not decided */
	const char	*comment;		/* ICLD's, NULL when none */
	const char	*decided_at;		/* UTC; NULL while pending */
	const char	*decided_by;
};

/* ICLD's payment of a report. */
struct report_payment {
	long long	 id;			/* 0: nothing has been paid for the report */
	long long	 amount;
	const char	*paid_on;		/* YYYY-MM-DD */
	const char	*note;
	const char	*recorded_by;
};

struct report_view {
	long long		 id;
	unsigned		 version;
	const char		*kind;			/* progress, final */
	int			 year;			/* the project year covered; a final report's: the last */
	const char		*status;		/* draft, submitted, approved, returned */
	const char		*due;			/* YYYY-MM-DD: when it is due now (reports.deadline) */
	const char		*first_due;		/* when it was first due (reports.due_on): due is other while returned */
	long long		 days_left;		/* due less today; negative when past */
	int			 revision;		/* submissions so far */
	const char		*text[NARR__MAX];	/* the narrative as it stands; NULL when empty */
	const char		*admin_comment;		/* ICLD's comment on its latest decision */
	const char		*submitted_at;		/* UTC of the latest submission, or NULL */

	long long		 project_id;
	const char		*code;
	const char		*title_sv, *title_en;
	const char		*project_status;
	const char		*org_name;		/* the Swedish applicant */
	long long		 org_id;		/* its id: whose people the report's mails go to */
	long long		 round_id;		/* the round of the project's application: whose officers */
	const char		*year_start, *year_end;	/* the report's project year */
	const char		*project_start, *project_end;	/* planned */
	long long		 year_amount;		/* approved for the report's year */
	int			 progress_open;		/* the project's progress reports not yet approved */

	struct report_line	 line[CAT__MAX];	/* the report's year */
	struct report_year	*years;			/* every year of the project, in order */
	size_t			 nyears;
	struct report_indicator	*ind;			/* by objective, result and indicator */
	size_t			 nind;
	struct report_revision	*revs;			/* oldest first */
	size_t			 nrevs;
	long long		 paid_before;		/* paid for the report's year through other reports */
	struct report_payment	 pay;			/* this report's payment */
};

/*
 * Report id with everything its page shows, when org_id is 0 (ICLD) or
 * its project's applicant is org_id: KERR_NOTFOUND otherwise, as other
 * organisations' records don't exist for an applicant. days_left counts
 * from today (YYYY-MM-DD). KERR_OK or KERR_DB. Strings in a.
 */
enum kerr	db_report_get(struct arena *a, const char *reqid, long long id, long long org_id,
		    const char *today, struct report_view *out);

/*
 * Puts submission rev of the report in v (db_report_get()'s) in place of
 * what it holds now: its narrative, costs and explanations, indicator
 * values, as they were sent. KERR_NOTFOUND when the report has no such
 * revision.
 */
enum kerr	db_report_revision(struct arena *a, const char *reqid,
		    struct report_view *v, int rev);

/* What an applicant saves: the narrative, the costs of the categories shown, the indicators' values. */
struct report_input {
	const char	*text[NARR__MAX];		/* NULL: empty */
	int		 shown[CAT__MAX];		/* the category is on the form */
	long long	 actual[CAT__MAX];		/* refunds below 0; REIMBURSE_NONE: not given */
	const char	*explanation[CAT__MAX];		/* NULL: none */
	const char	**value;			/* per indicator of the view: DECIMAL literal or NULL */
	const char	**value_text;			/* per indicator: words or NULL */
	const struct upload **files;			/* files to attach (upload.h), each ATTACH_OK */
	size_t		 nfiles;
};

/* Why a write was refused, for the page to say. */
struct report_refusal {
	const char	*status;	/* the report's status now */
	unsigned	 version;	/* its version now (stale: the form then saves against it) */
	const char	*project_status;
	size_t		 files;		/* the files the report has (KERR_INVALID: too many) */
};

/*
 * Whether an applicant may still change a report of status whose project
 * has project_status: a draft or returned report of a project under way.
 */
int		report_editable(const char *status, const char *project_status);

/*
 * Saves the input into report v (loaded by db_report_get() for org_id) as
 * seen at version, and with submit also submits it: a new revision with
 * the narrative, costs (with their budget and variance) and indicator
 * values as sent, its audit row and mail (queued with db_outbox_send(): it
 * goes if the submission commits, and only then); the files of in are
 * attached first (db_attachment_insert(), each with its audit row), so a
 * submission holds them. One transaction. Returns KERR_OK;
 * KERR_NOTFOUND when it is not org_id's; KERR_CONFLICT when another save
 * came first (why->version); KERR_FORBIDDEN when it can no longer be
 * changed (submitted, approved, or its project ended: why says which);
 * KERR_INVALID when the files would be more than [app] attachments_per_report
 * (why->files: those it has); KERR_SYSTEM when a file cannot be stored.
 */
enum kerr	db_report_save(struct req *r, const struct report_view *v,
		    long long org_id, unsigned version, const struct report_input *in,
		    int submit, const struct outbox_send *mail, struct report_refusal *why);

/*
 * Attaches the files of in (each ATTACH_OK) to report v of org_id alone,
 * when the rest of the form could not be saved: a good file is kept
 * whatever else was wrong with the form. It leaves the report's version
 * as it is, so the form sent again still saves. Returns KERR_OK,
 * KERR_FORBIDDEN, KERR_INVALID or KERR_SYSTEM as db_report_save() does.
 */
enum kerr	db_report_attach(struct req *r, const struct report_view *v,
		    long long org_id, const struct report_input *in,
		    struct report_refusal *why);

/*
 * ICLD's decision on submitted report v as seen at version: approve, or
 * return with comment and the date the revised report is due, revise_by
 * (YYYY-MM-DD; NULL with an approval), from which lateness then counts
 * (the comment is kept with an approval too). The
 * revision gets the outcome; an approved progress report of the project's
 * last year moves the project from implementation to finalisation, an
 * approved final report closes it (its actual end the planned one unless
 * set); each with its audit row, in one transaction, which also queues
 * mail (db_outbox_send()). Returns KERR_OK;
 * KERR_CONFLICT when the report changed meanwhile (why: its status and
 * version now); KERR_FORBIDDEN when it is not submitted (decided already:
 * a re-sent form); KERR_INVALID for a final report while a progress
 * report is not approved or the project was cancelled.
 */
enum kerr	db_report_decide(struct req *r, const struct report_view *v,
		    unsigned version, int approve, const char *comment,
		    const char *revise_by, const struct outbox_send *mail, struct report_refusal *why);

/*
 * Records ICLD's payment of approved progress report id: amount on
 * paid_on (YYYY-MM-DD) with note. The report's project year is locked
 * first, so that payments of one year are recorded one after another, and
 * the ceiling is worked out again inside the transaction from what is
 * stored (reimburse_compute()): *due gets it. The payment's audit row and
 * mail (db_outbox_send()) are written in its transaction. Returns KERR_OK; KERR_INVALID
 * when amount is more than that; KERR_CONFLICT when the report has been
 * paid already (a re-sent form, or another admin at once: the unique key
 * on disbursements.report_id stands behind the check); KERR_FORBIDDEN
 * when it is no approved progress report; KERR_NOTFOUND.
 */
enum kerr	db_report_pay(struct req *r, long long id, long long amount,
		    const char *paid_on, const char *note, const struct outbox_send *mail, long long *due);

#endif
