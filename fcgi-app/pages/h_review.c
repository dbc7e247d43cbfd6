/* h_review.c - reviews of submitted applications: assigning reviewers, the reviewer's scoring form (apppage.c shows the scores). */
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db_application.h"
#include "db/db_review.h"
#include "domain/application.h"
#include "domain/rules.h"
#include "domain/score.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/req.h"
#include "pages/h_review.h"
#include "views/appmail.h"
#include "views/apppage.h"
#include "views/page.h"
#include "views/view.h"

/*
 * Reviews are ICLD's own: only admins reach anything here (pages/routes.c), and
 * the application's page builds its reviews part for admins only. Of the
 * admins, only the reviewer assigned has a form; to everyone else it does
 * not exist (404).
 */


/* The review's criteria (score.h): the form's field names, and the words for each. */
static const struct {
	const char	*score;		/* field name of the score, and id of its first radio button */
	const char	*comment;	/* field name of the comment */
	const char	*hint;
	const char	*comment_label;
	const char	*missing;	/* no score when the review is marked complete */
	const char	*bad;		/* a score that is not one of 1..5 */
} crit[CRIT__MAX] = {
	[CRIT_RELEVANCE] = { "score_relevance", "comment_relevance",
	    N_("How the project strengthens local democracy and ICLD's four principles: inclusion, participation, transparency and accountability."),
	    N_("Comment on relevance to local democracy"),
	    N_("Choose a score for relevance to local democracy to mark the review complete"),
	    N_("Choose a score from 1 to 5 for relevance to local democracy") },
	[CRIT_FEASIBILITY] = { "score_feasibility", "comment_feasibility",
	    N_("Whether the activities, the time plan and the organisation can reach the objectives."),
	    N_("Comment on feasibility"),
	    N_("Choose a score for feasibility to mark the review complete"),
	    N_("Choose a score from 1 to 5 for feasibility") },
	[CRIT_OWNERSHIP] = { "score_ownership", "comment_ownership",
	    N_("Whether both partners have shaped the application and take part in the work, politicians and civil servants alike."),
	    N_("Comment on ownership by both partners"),
	    N_("Choose a score for ownership by both partners to mark the review complete"),
	    N_("Choose a score from 1 to 5 for ownership by both partners") },
	[CRIT_GENDER] = { "score_gender", "comment_gender",
	    N_("How the project furthers women's participation and considers vulnerable groups."),
	    N_("Comment on gender and inclusion"),
	    N_("Choose a score for gender and inclusion to mark the review complete"),
	    N_("Choose a score from 1 to 5 for gender and inclusion") },
	[CRIT_BUDGET] = { "score_budget", "comment_budget",
	    N_("Whether the budget is realistic and follows from the activities."),
	    N_("Comment on budget realism"),
	    N_("Choose a score for budget realism to mark the review complete"),
	    N_("Choose a score from 1 to 5 for budget realism") },
};

/* The scoring form as the person sees it: what they typed or what is stored, and what is wrong with it. */
struct review_form {
	struct review	 rv;
	const char	*raw_score[CRIT__MAX];	/* a score that could not be read, as sent */
	const char	*score_err[CRIT__MAX];
	const char	*comment_err[CRIT__MAX];
	const char	*rec_err;
	const char	*summary_err;
	unsigned	 version;	/* the one the form sends back */
	int		 nerr;
};

/* The message for a reviewer who works for an applying organisation. */
static const char *
conflict_text(struct req *r, const struct reviewer *w)
{
	return rules_fill(r->a, tr(r,
	    N_("{name} works for {org}, which is applying; choose another reviewer")),
	    (const char *const []){ "name", w->name, "org", w->org_name != NULL ?
	    w->org_name : "", NULL });
}

/* ---- assigning and removing reviewers --------------------------------------------------------------- */

/* The application's page again, answering a form on it with an error: status 200 or 409. */
static int
page_again(struct req *r, int status)
{
	r->status = status;
	return app_page(r);
}

/* An error next to the reviewer select, and in the summary. */
static int
reviewer_error(struct req *r, const char *text)
{
	vobj_str(r->view, "reviewer_error", text);
	view_error(r, "reviewer", text);
	return page_again(r, 200);
}

/* The words for an application that can no longer be reviewed. */
static const char *
closed_text(struct req *r, const char *status)
{
	return tr(r, status != NULL && strcmp(status, "draft") == 0 ?
	    N_("The application has not been submitted: it cannot be reviewed yet.") :
	    N_("The application can no longer be reviewed: ICLD has decided on it, or it has been withdrawn."));
}

/* The application's page with that message; a draft's page has no reviews part to point at. */
static int
closed_page(struct req *r, const char *status)
{
	view_error(r, status != NULL && strcmp(status, "draft") == 0 ? "main" :
	    "reviews", closed_text(r, status));
	return page_again(r, 409);
}

/*
 * POST /applications/{id}/reviewers (reviewer: a user id)
 *   -> 303 the application's reviews (also for a re-sent form)
 *    | 200 the page with the error next to the select, the choice kept:
 *      none chosen, not a reviewer, or one who works for an applying organisation
 *    | 409 the page when the application cannot be reviewed | 404 | 503
 *    | 500 the reviewer's e-mail cannot be written (nobody is assigned)
 */
int
h_review_assign(struct req *r)
{
	struct review_refusal f;
	struct application a;
	struct application_extra x;
	struct outbox_send mail;
	long long id = path_id(r->args[0]), who;
	const char *s = req_form(r, "reviewer");
	enum kerr e;

	if (id == 0)
		return 404;
	/* Whatever was chosen, the application's state is checked first: 0 is nobody. */
	if (valid_int_range(s, 1, 4294967295LL, &who) != KERR_OK)
		who = 0;
	/* The reviewer's e-mail goes with the assignment, or not at all. */
	if ((e = db_application_load(r->a, r->id, r->sess->data_version, id, 0, &a,
	    &x)) != KERR_OK)
		return http_status(e);
	if (appmail_reviewer(r, &a, &x, who, &mail) != KERR_OK)
		return 500;
	e = db_review_assign(r, id, who, &mail, &f);
	if (e == KERR_OK || e == KERR_CONFLICT)
		return redirect(r, page_app_path(r, id, "#reviews"));
	if (e == KERR_INVALID)
		return reviewer_error(r, f.conflict ? conflict_text(r, &f.who) :
		    tr(r, rules_blank(s) ? N_("Choose a reviewer") :
		    N_("Choose a reviewer from the list")));
	if (e == KERR_FORBIDDEN)
		return closed_page(r, f.status);
	return http_status(e);
}

/*
 * POST /applications/{id}/reviewers/{user}/remove
 *   -> 303 the application's reviews (also when already removed)
 *    | 409 the page: the reviewer has begun, or the application cannot be reviewed | 404 | 503
 */
int
h_review_unassign(struct req *r)
{
	struct review_refusal f;
	long long id = path_id(r->args[0]), who = path_id(r->args[1]);
	enum kerr e;

	if (id == 0 || who == 0)
		return 404;
	e = db_review_unassign(r, id, who, &f);
	if (e == KERR_OK)
		return redirect(r, page_app_path(r, id, "#reviews"));
	if (e != KERR_FORBIDDEN)
		return http_status(e);
	if (!f.started)
		return closed_page(r, f.status);
	view_error(r, "reviews", rules_fill(r->a, tr(r,
	    N_("{name} has begun the review, so they can no longer be removed: what they have written stays.")),
	    (const char *const []){ "name", f.who.name, NULL }));
	return page_again(r, 409);
}

/* ---- the reviewer's form ---------------------------------------------------------------------------- */

static struct vobj *
review_textarea(struct req *r, struct vobj *o, const char *key, const char *id,
    const char *lbl, const char *value, const char *error)
{
	return page_textarea(page_input(r, o, key, id, lbl, NULL, value, error), 4,
	    PAGE_TEXT_MAX);
}

/* The radio buttons of field name under a legend (page_choices()); the first's id is name. */
static struct vobj *
review_radios(struct req *r, struct vobj *o, const char *key, const char *name,
    const char *legend, const char *hint, const char *error)
{
	return page_choices(r, o, key, "radio", name, name, legend, hint, error);
}

/* The form's errors in the summary, in the order of the page. */
static void
summary_errors(struct req *r, const struct review_form *f)
{
	int k;

	for (k = 0; k < CRIT__MAX; k++) {
		if (f->score_err[k] != NULL)
			view_error(r, crit[k].score, f->score_err[k]);
		if (f->comment_err[k] != NULL)
			view_error(r, crit[k].comment, f->comment_err[k]);
	}
	if (f->rec_err != NULL)
		view_error(r, "recommendation", f->rec_err);
	if (f->summary_err != NULL)
		view_error(r, "summary", f->summary_err);
}

/*
 * The scoring page of application a: the form (f), or when closed is
 * given only that message with the way back. Status 200, or r->status.
 */
static int
show_review_form(struct req *r, const struct application *a, const struct review *stored,
    const struct review_form *f, const char *closed)
{
	struct vobj *v = r->view, *w, *ch;
	int k, s;

	vobj_str(v, "title", tr(r, N_("Your review")));
	vobj_str(v, "reference", arena_printf(r->a, "%s %lld",
	    tr(r, N_("Application")), a->id));
	vobj_str(v, "app_title", page_app_title(r, a->title_sv, a->title_en, a->id));
	vobj_str(v, "app_href", page_app_path(r, a->id, ""));
	view_review_state(r, v, stored);
	view_crumb(r, page_app_path(r, a->id, ""), arena_printf(r->a, "%s %lld",
	    tr(r, N_("Application")), a->id));
	view_crumb(r, page_app_path(r, a->id, "/review"), tr(r, N_("Your review")));
	if (closed != NULL) {
		view_error(r, "review-closed", closed);
		vobj_str(v, "closed", closed);
		return render(r, TPL_REVIEW_FORM);
	}
	summary_errors(r, f);
	vobj_bool(v, "form", 1);
	vobj_str(v, "action", page_app_path(r, a->id, "/review"));
	vobj_int(v, "version", f->version);
	for (k = 0; k < CRIT__MAX; k++) {
		w = vobj_push(v, "criteria");
		ch = review_radios(r, w, "choices", crit[k].score, tr(r, review_crit_names[k]),
		    tr(r, crit[k].hint), f->score_err[k]);
		for (s = SCORE_MIN; s <= SCORE_MAX; s++)
			page_choice(ch, s == SCORE_MIN ? crit[k].score : arena_printf(r->a,
			    "%s-%d", crit[k].score, s), arena_printf(r->a, "%d", s),
			    s == SCORE_MIN ? arena_printf(r->a, "1 %s", tr(r, N_("(weak)"))) :
			    s == SCORE_MAX ? arena_printf(r->a, "5 %s", tr(r, N_("(strong)"))) :
			    arena_printf(r->a, "%d", s), NULL, f->rv.score[k] == s);
		review_textarea(r, w, "comment", crit[k].comment, tr(r, crit[k].comment_label),
		    f->rv.comment[k], f->comment_err[k]);
	}
	ch = review_radios(r, v, "c_recommendation", "recommendation",
	    tr(r, N_("Your recommendation")), NULL, f->rec_err);
	for (s = 0; s < (int)nreview_recs; s++)
		page_choice(ch, s == 0 ? "recommendation" : arena_printf(r->a,
		    "recommendation-%s", review_recs[s].code), review_recs[s].code,
		    tr(r, review_recs[s].label), NULL, f->rv.recommendation != NULL &&
		    strcmp(f->rv.recommendation, review_recs[s].code) == 0);
	review_textarea(r, v, "f_summary", "summary", tr(r, N_("Summary of your review")),
	    f->rv.summary, f->summary_err);
	return render(r, TPL_REVIEW_FORM);
}

/* Reads a comment or the summary: as typed, blank as none; over PAGE_TEXT_MAX an error, the text kept. */
static void
read_comment(struct req *r, struct review_form *f, const char *name,
    const char **out, const char **err)
{
	const char *s = req_form(r, name), *msg = page_too_long(r, s, PAGE_TEXT_MAX);

	*out = rules_blank(s) ? NULL : s;
	if (msg != NULL) {
		*out = s;
		*err = msg;
		f->nerr++;
	}
}

/*
 * The form as sent into f. Every problem that keeps it from being stored
 * (a score that is not 1 to 5, a text too long, an unknown
 * recommendation) is counted in f->nerr with its message.
 */
static void
read_review_form(struct req *r, struct review_form *f)
{
	const char *s;
	long long v;
	size_t i;
	int k;

	for (k = 0; k < CRIT__MAX; k++) {
		s = req_form(r, crit[k].score);
		if (!rules_blank(s)) {
			if (valid_int_range(s, SCORE_MIN, SCORE_MAX, &v) == KERR_OK)
				f->rv.score[k] = (int)v;
			else {
				f->score_err[k] = tr(r, crit[k].bad);
				f->nerr++;
			}
		}
		read_comment(r, f, crit[k].comment, &f->rv.comment[k], &f->comment_err[k]);
	}
	s = req_form(r, "recommendation");
	f->rv.recommendation = "undecided";
	if (!rules_blank(s)) {
		for (i = 0; i < nreview_recs && strcmp(s, review_recs[i].code) != 0; i++)
			continue;
		if (i < nreview_recs)
			f->rv.recommendation = review_recs[i].code;
		else {
			f->rec_err = tr(r, N_("Choose approval, rejection or undecided"));
			f->nerr++;
		}
	}
	read_comment(r, f, "summary", &f->rv.summary, &f->summary_err);
}

/* The application and the signed-in admin's own review of it; 0, or the status to answer (404: not theirs). */
static int
load_own_review(struct req *r, long long id, struct application *a, struct review *rv)
{
	enum kerr e;

	if (id == 0)
		return 404;
	if ((e = db_application_load(r->a, r->id, r->sess->data_version, id, 0, a,
	    NULL)) != KERR_OK ||
	    (e = db_review_get(r->a, r->id, r->sess->data_version, id, r->sess->user.id,
	    rv)) != KERR_OK)
		return http_status(e);
	return 0;
}

/* What a reviewer who works for an applying organisation reads instead of the form. */
static const char *
own_org_text(struct req *r, const struct reviewer *w)
{
	return rules_fill(r->a, tr(r,
	    N_("You work for {org}, which is applying: you may not review this application.")),
	    (const char *const []){ "org", w->org_name != NULL ? w->org_name : "",
	    NULL });
}

/* GET /applications/{id}/review -> 200 the assigned reviewer's form | 303 the application, once decided | 404 | 503 */
int
h_review_form(struct req *r)
{
	struct application a;
	struct review_form f;
	struct review rv;
	int status;

	if ((status = load_own_review(r, path_id(r->args[0]), &a, &rv)) != 0)
		return status;
	if (!review_open(a.status))
		return redirect(r, page_app_path(r, a.id, "#reviews"));
	memset(&f, 0, sizeof(f));
	f.rv = rv;
	f.version = rv.version;
	return show_review_form(r, &a, &rv, &f, rv.who.conflict ?
	    own_org_text(r, &rv.who) : NULL);
}

/*
 * POST /applications/{id}/review (version, action: draft | complete, the
 * scores, comments, recommendation and summary)
 *   -> 303 the application's reviews
 *    | 200 the form with the errors next to their fields, input kept and
 *      nothing saved: a score not 1 to 5, a text too long, or (to
 *      complete) a criterion without a score
 *    | 409 the form with the input kept: saved meanwhile elsewhere (stale);
 *      or a message: the application was decided, or the reviewer works
 *      for an applying organisation
 *    | 400 no version | 404 not their review | 503
 */
int
h_review_save(struct req *r)
{
	struct application a;
	struct review_form f;
	struct review_refusal why;
	struct review rv;
	long long version;
	int status, complete, k;
	enum kerr e;

	if ((status = load_own_review(r, path_id(r->args[0]), &a, &rv)) != 0)
		return status;
	if (valid_int_range(req_form(r, "version"), 1, 4294967295LL,
	    &version) != KERR_OK)
		return 400;
	memset(&f, 0, sizeof(f));
	f.version = (unsigned)version;
	f.rv.who = rv.who;
	read_review_form(r, &f);
	complete = req_form(r, "action") != NULL &&
	    strcmp(req_form(r, "action"), "complete") == 0;
	if (complete && f.nerr == 0)
		for (k = 0; k < CRIT__MAX; k++)
			if (f.rv.score[k] == 0) {
				f.score_err[k] = tr(r, crit[k].missing);
				f.nerr++;
			}
	if (f.nerr > 0)
		return show_review_form(r, &a, &rv, &f, NULL);
	e = db_review_save(r, a.id, r->sess->user.id, &f.rv, complete,
	    f.version, &why);
	if (e == KERR_OK)
		return redirect(r, page_app_path(r, a.id, arena_printf(r->a,
		    "#review-%lld", r->sess->user.id)));
	if (e == KERR_CONFLICT) {
		/* What they typed stays; the version is the one stored now, so saving again works. */
		view_error(r, crit[0].score, tr(r,
		    N_("This review was saved in another window or by someone else while you were editing it, and your changes have not been saved. Check what you typed below and save again.")));
		f.version = why.version;
		r->status = 409;
		return show_review_form(r, &a, &rv, &f, NULL);
	}
	if (e != KERR_FORBIDDEN)
		return http_status(e);
	r->status = 409;
	return show_review_form(r, &a, &rv, &f, why.conflict ? own_org_text(r, &why.who) :
	    closed_text(r, why.status));
}
