/* h_list.h - the routes of h_list.c: the admin lists: the inbox of submitted applications, the projects list and the reports list, with their downloads. */
#ifndef KPP_H_LIST_H
#define KPP_H_LIST_H

struct req;

int	h_inbox(struct req *);
int	h_inbox_csv(struct req *);
int	h_inbox_xlsx(struct req *);
int	h_project_list(struct req *);
int	h_project_list_csv(struct req *);
int	h_project_list_xlsx(struct req *);
int	h_report_list(struct req *);
int	h_report_list_csv(struct req *);
int	h_report_list_xlsx(struct req *);

#endif
