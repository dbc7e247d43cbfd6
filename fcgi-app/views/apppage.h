/* apppage.h - an application's page and its parts: the one place that shows an application's answers. */
#ifndef KPP_APPPAGE_H
#define KPP_APPPAGE_H

#include <stddef.h>

#include "domain/application.h"
#include "domain/score.h"

struct application;
struct application_extra;
struct req;
struct review;
struct vobj;

/*
 * The application r->args[0] names, read-only (application.html): every section, the decision's
 * part and, for ICLD's officers, the reviews; the caller may have set an error or r->status (a
 * form on the page answered). Returns the status to answer: 200, 404 (also another
 * organisation's), 503.
 */
int		 app_page(struct req *r);

/*
 * Every section of the application as the applicant gave it ("s_partners"... "s_contact" of r's
 * view, for _application_sections.html), the one summary of the page and of check your answers:
 * with change, every answer has its Change link, and lang_problem, when not NULL, is said beside
 * the partner language.
 */
void		 app_summary(struct req *r, const struct application *a,
		    const struct application_extra *x, int change, const char *lang_problem);

/* The link that changes field of section s from check your answers: the section saved goes back there. */
const char	*app_change_href(struct req *r, long long id, enum section s, const char *field);

/* The sections' slugs (in their pages' paths) and titles (msgids), in the task list's order. */
extern const char *const	app_section_slugs[SEC__MAX];
extern const char *const	app_section_titles[SEC__MAX];

/* The words (msgids) of a team member's role, and of the four principles of local democracy. */
extern const char *const	app_role_labels[TEAM_ROLE__MAX];
extern const char *const	app_principle_labels[4];

/* The application in short ("about", _application_rows.html), so that ICLD decides without leaving the decision's page. */
void		 app_about(struct req *r, const struct application *a, const struct application_extra *x);

/* The partners' names, joined (NULL: none). */
const char	*app_partners_text(struct req *r, const struct application_extra *x);

/* Whether the applicant may still take it back: until ICLD decides. */
int		 app_withdrawable(const char *status);

/* Whether a draft may be deleted: it never reached ICLD. */
int		 app_deletable(const struct application *a, const struct application_extra *x);

/* The application's title in the reader's language; NULL while it has none. */
const char	*app_title_or_null(struct req *r, const struct application *a);

/* The review's criteria in words (msgids), and the recommendations a review gives (reviews.recommendation). */
extern const char *const	review_crit_names[CRIT__MAX];
struct review_rec {
	const char	*code;
	const char	*label;
};
extern const struct review_rec	review_recs[];
extern const size_t		nreview_recs;

/* A review's state tag into o ("state": its class, as the task list's; "state_label": its words). */
void		 view_review_state(struct req *r, struct vobj *o, const struct review *rv);

#endif
