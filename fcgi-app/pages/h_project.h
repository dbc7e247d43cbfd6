/* h_project.h - the routes of h_project.c: a project page: who takes part, its budget, reports and payments, for ICLD and Sida its history and the funds from Sida; cancelling it, its capital spend. */
#ifndef KPP_H_PROJECT_H
#define KPP_H_PROJECT_H

struct req;

int	h_project_show(struct req *);
int	h_project_cancel_form(struct req *);
int	h_project_cancel(struct req *);
int	h_project_withhold(struct req *);
int	h_project_publish(struct req *);
int	h_project_capital(struct req *);
int	h_project_fund_record(struct req *);
int	h_project_fund_remove(struct req *);

#endif
