/* h_report.h - the routes of h_report.c: a project's report: the applicant's form (drafts, submission), ICLD's decision and payment, every revision. */
#ifndef KPP_H_REPORT_H
#define KPP_H_REPORT_H

struct req;

int	h_report_show(struct req *);
int	h_report_save(struct req *);
int	h_report_check(struct req *);
int	h_report_submit(struct req *);
int	h_report_revision(struct req *);
int	h_report_decide(struct req *);
int	h_report_pay(struct req *);
int	h_report_file(struct req *);
int	h_report_file_remove(struct req *);

#endif
