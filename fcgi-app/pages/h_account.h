/* h_account.h - the routes of h_account.c: a person's own account, its language and the e-mail they choose. */
#ifndef KPP_H_ACCOUNT_H
#define KPP_H_ACCOUNT_H

struct req;

int	h_account_show(struct req *);
int	h_account_save(struct req *);

#endif
