/* handlers.h - every page handler, one file per resource (h_<resource>.c). */
#ifndef KPP_HANDLERS_H
#define KPP_HANDLERS_H

struct application;
struct req;

/* h_auth.c */
int	h_login_form(struct req *);
int	h_login(struct req *);
int	h_logout(struct req *);
int	h_language(struct req *);
int	h_language_get(struct req *);
int	h_kept_show(struct req *);
int	h_kept_save(struct req *);
char	*email_normalise(struct req *, const char *);	/* trimmed, lower case, in the arena */

/* h_home.c */
int	h_home(struct req *);
int	h_health(struct req *);
int	h_accessibility(struct req *);

/* h_application.c */
int	h_application_show(struct req *);
int	h_application_withdraw_form(struct req *);
int	h_application_withdraw(struct req *);
int	h_application_delete_form(struct req *);
int	h_application_delete(struct req *);

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

/* h_decision.c */
int	h_decision_form(struct req *);
int	h_decision_save(struct req *);
int	h_decision_letter(struct req *);
struct application;
struct application_extra;
/* The decision's part of an application's page (_app_decision.html): deciding, the decision, the letter. */
void	view_decision_box(struct req *, const struct application *,
	    const struct application_extra *);

/* h_project.c */
int	h_project_show(struct req *);
int	h_project_cancel_form(struct req *);
int	h_project_cancel(struct req *);
int	h_project_withhold(struct req *);
int	h_project_publish(struct req *);
int	h_project_capital(struct req *);
int	h_project_fund_record(struct req *);
int	h_project_fund_remove(struct req *);

/* h_report.c */
int	h_report_show(struct req *);
int	h_report_save(struct req *);
int	h_report_check(struct req *);
int	h_report_submit(struct req *);
int	h_report_revision(struct req *);
int	h_report_decide(struct req *);
int	h_report_pay(struct req *);
int	h_report_file(struct req *);
int	h_report_file_remove(struct req *);

/* h_list.c */
int	h_inbox(struct req *);
int	h_inbox_csv(struct req *);
int	h_inbox_xlsx(struct req *);
int	h_project_list(struct req *);
int	h_project_list_csv(struct req *);
int	h_project_list_xlsx(struct req *);
int	h_report_list(struct req *);
int	h_report_list_csv(struct req *);
int	h_report_list_xlsx(struct req *);

/* h_round.c */
int	h_round_list(struct req *);
int	h_round_new(struct req *);
int	h_round_create(struct req *);
int	h_round_edit(struct req *);
int	h_round_update(struct req *);
int	h_country_list(struct req *);
int	h_country_create(struct req *);
int	h_country_update(struct req *);
int	h_country_edit(struct req *);

/* h_review.c */
int	h_review_assign(struct req *);
int	h_review_unassign(struct req *);
int	h_review_form(struct req *);
int	h_review_save(struct req *);
/* The reviews part of an application's page, for admins: 0, or the status to answer instead. */
int	review_view(struct req *, const struct application *);
/* h_statistics.c */
int	h_statistics(struct req *);
/* h_organisation.c */
int	h_org_list(struct req *);
int	h_org_new(struct req *);
int	h_org_create(struct req *);
int	h_org_edit(struct req *);
int	h_org_update(struct req *);

/* h_user.c */
int	h_user_list(struct req *);
int	h_user_new(struct req *);
int	h_user_create(struct req *);
int	h_user_deactivate(struct req *);
int	h_user_reactivate(struct req *);
int	h_user_reset_link(struct req *);
int	h_password_form(struct req *);
int	h_password_set(struct req *);

/* h_thematic.c */
int	h_theme_list(struct req *);
int	h_theme_create(struct req *);
int	h_theme_edit(struct req *);
int	h_theme_update(struct req *);
/* h_audit.c */
int	h_audit_list(struct req *);

/* h_export.c */
int	h_export_page(struct req *);
int	h_export_iati(struct req *);
/* A project's IATI problems for _iati_problems.html ("iati"), for ICLD's officers; nothing for the others. */
void	view_iati_problems(struct req *, const char *code);
/* h_public.c: the public register of partnerships, for anyone */
int	h_public_list(struct req *);
int	h_public_project(struct req *);
/* h_iati_public.c: the public IATI files, for anyone */
int	h_iati_activities(struct req *);
int	h_iati_organisation(struct req *);

/* Helpers the handlers share (h_application.c). */
long long	 confined_org(const struct req *);	/* 0 for ICLD and Sida */
long long	 path_id(const char *);			/* 0 unless a positive id */
const char	*lang_ok(const char *);			/* a code fit for lang="", else NULL */
int		 project_code_ok(const char *);		/* <year>-<four digits> (h_project.c) */

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
