/* h_application.h - the routes of h_application.c: an application read-only, withdrawing it, deleting a draft. */
#ifndef KPP_H_APPLICATION_H
#define KPP_H_APPLICATION_H

struct req;

int	h_application_show(struct req *);
int	h_application_withdraw_form(struct req *);
int	h_application_withdraw(struct req *);
int	h_application_delete_form(struct req *);
int	h_application_delete(struct req *);

#endif
