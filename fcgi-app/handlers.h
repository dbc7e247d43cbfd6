/* handlers.h - every page handler, one file per resource (h_<resource>.c). */
#ifndef KPP_HANDLERS_H
#define KPP_HANDLERS_H

struct req;

/* h_auth.c */
int	h_login_form(struct req *);
int	h_login(struct req *);
int	h_logout(struct req *);
int	h_language(struct req *);

/* h_home.c */
int	h_home(struct req *);
int	h_health(struct req *);
int	h_accessibility(struct req *);

/* h_application.c */
int	h_application_show(struct req *);
int	h_application_withdraw_form(struct req *);
int	h_application_withdraw(struct req *);

/* h_application_form.c */
int	h_appform_new(struct req *);
int	h_appform_create(struct req *);
int	h_appform_tasks(struct req *);
int	h_appform_partners(struct req *);
int	h_appform_partners_save(struct req *);
int	h_appform_project(struct req *);
int	h_appform_project_save(struct req *);
int	h_appform_results(struct req *);
int	h_appform_results_save(struct req *);
int	h_appform_team(struct req *);
int	h_appform_team_save(struct req *);
int	h_appform_budget(struct req *);
int	h_appform_budget_save(struct req *);
int	h_appform_contact(struct req *);
int	h_appform_contact_save(struct req *);
int	h_appform_check(struct req *);
int	h_appform_submit(struct req *);
int	h_appform_submitted(struct req *);

/* h_project.c */
int	h_project_show(struct req *);

/* h_round.c */
int	h_round_list(struct req *);
int	h_round_new(struct req *);
int	h_round_create(struct req *);
int	h_round_edit(struct req *);
int	h_round_update(struct req *);
int	h_country_list(struct req *);
int	h_country_create(struct req *);
int	h_country_update(struct req *);

/* h_audit.c */
int	h_audit_list(struct req *);

/* Helpers the handlers share (h_application.c). */
long long	 confined_org(const struct req *);	/* 0 for ICLD and Sida */
long long	 path_id(const char *);			/* 0 unless a positive id */
const char	*lang_ok(const char *);			/* a code fit for lang="", else NULL */

struct audit_entry;
struct vobj;

/*
 * h_audit.c: an audit row into o for _audit_row.html (when, who, what,
 * the record, linked to its page when links and an admin may open one,
 * and the fields it changed).
 */
void		 view_audit_entry(struct req *, struct vobj *o,
		    const struct audit_entry *, int links);

/* h_home.c: a report's days left, or overdue, in words into o ("days", "overdue"). */
void		 view_days(struct req *, struct vobj *o, long long days);

#endif
