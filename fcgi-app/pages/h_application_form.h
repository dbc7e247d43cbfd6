/* h_application_form.h - the routes of h_application_form.c: the application form: start a draft, the task list, one page per section, check your answers, submit. */
#ifndef KPP_H_APPLICATION_FORM_H
#define KPP_H_APPLICATION_FORM_H

struct req;

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

#endif
