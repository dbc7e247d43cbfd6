/* db_review.h - reviews of submitted applications: who reviews, their scores, and the writes with their audit rows. */
#ifndef KPP_DB_REVIEW_H
#define KPP_DB_REVIEW_H

#include <stddef.h>

#include "core/kerr.h"
#include "db/db_outbox.h"
#include "domain/score.h"

struct arena;
struct req;

/*
 * A person who may review (an active admin account), or who reviews.
 * conflict: they work for the applicant or one of its Swedish
 * co-applicants (users.org_id), and may not review this application.
 */
struct reviewer {
	long long	 id;		/* users.id */
	const char	*name;
	const char	*org_name;	/* their organisation, or NULL */
	int		 conflict;
};

/* One review row. Strings live in the request's arena; NULL where nothing was written. */
struct review {
	long long	 id;
	struct reviewer	 who;
	int		 score[CRIT__MAX];	/* SCORE_MIN..SCORE_MAX, 0 when not scored */
	const char	*comment[CRIT__MAX];
	const char	*recommendation;	/* approve, reject, undecided */
	const char	*summary;
	const char	*completed;	/* YYYY-MM-DD when marked complete; NULL while a draft */
	unsigned	 version;
};

/* Why a write was refused; what db_review_assign/unassign/save found, in r's arena. */
struct review_refusal {
	const char	*status;	/* the application's status when it cannot be reviewed */
	int		 not_reviewer;	/* assign: the account is not an active admin */
	int		 conflict;	/* the reviewer works for an applying organisation */
	int		 started;	/* unassign: the reviewer has written something */
	struct reviewer	 who;		/* assign: the reviewer chosen */
	unsigned	 version;	/* save: the review's version now (someone saved meanwhile) */
};

/* Whether an application with this status can be reviewed: submitted or under review. */
int		 review_open(const char *status);

/* Whether the reviewer has written anything in rv: a score, a comment or the summary. */
int		 review_begun(const struct review *rv);

/*
 * The reviews of application app_id, by reviewer name, and the active
 * admins not assigned to it, by name: one statement through the result
 * cache. Arrays and strings in a. KERR_DB when the database fails.
 */
enum kerr	 db_review_panel(struct arena *a, const char *reqid,
		    unsigned long long data_version, long long app_id,
		    struct review **reviews, size_t *nreviews,
		    struct reviewer **others, size_t *nothers);

/*
 * The review of application app_id by reviewer_id into out (through the
 * result cache). KERR_NOTFOUND when they are not assigned to it.
 */
enum kerr	 db_review_get(struct arena *a, const char *reqid,
		    unsigned long long data_version, long long app_id,
		    long long reviewer_id, struct review *out);

/*
 * Assigns reviewer_id to application app_id: the review row with no
 * scores; the first assignment moves a submitted application to under
 * review. Audit rows review.assign (and application.review), and mail (the
 * reviewer's e-mail) queued, in the same transaction. Returns KERR_OK; KERR_NOTFOUND without such an
 * application; KERR_FORBIDDEN when it cannot be reviewed (f->status);
 * KERR_INVALID when the account is not an active admin (f->not_reviewer)
 * or works for an applying organisation (f->conflict, f->who);
 * KERR_CONFLICT when the reviewer is assigned already (a re-sent form).
 */
enum kerr	 db_review_assign(struct req *r, long long app_id,
		    long long reviewer_id, const struct outbox_send *mail,
		    struct review_refusal *f);

/*
 * Removes reviewer_id from application app_id while they have written
 * nothing (no score, comment or summary), with the audit row
 * review.unassign. KERR_OK also when they were not assigned (a re-sent
 * form); KERR_NOTFOUND without such an application; KERR_FORBIDDEN when
 * it cannot be reviewed any more (f->status) or the review has begun
 * (f->started).
 */
enum kerr	 db_review_unassign(struct req *r, long long app_id,
		    long long reviewer_id, struct review_refusal *f);

/*
 * Stores rv's scores, comments, recommendation and summary as the
 * review of application app_id by reviewer_id, seen at version; complete
 * marks it complete (the caller has checked that every criterion has a
 * score), else it is a draft. Audit row review.complete or review.save.
 * Returns KERR_OK; KERR_NOTFOUND when they are not assigned;
 * KERR_FORBIDDEN when the application cannot be reviewed any more
 * (f->status) or they work for an applying organisation (f->conflict);
 * KERR_CONFLICT when someone saved it since version (f->version is the
 * stored one).
 */
enum kerr	 db_review_save(struct req *r, long long app_id,
		    long long reviewer_id, const struct review *rv, int complete,
		    unsigned version, struct review_refusal *f);

#endif
