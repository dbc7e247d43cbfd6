/* h_user.h - the routes of h_user.c: accounts: the admins' list, a new account, (de)activation, one-time password links (mailed), "Forgot your password?", and choosing a password with one. */
#ifndef KPP_H_USER_H
#define KPP_H_USER_H

struct req;

int	h_user_list(struct req *);
int	h_user_new(struct req *);
int	h_user_create(struct req *);
int	h_user_deactivate(struct req *);
int	h_user_reactivate(struct req *);
int	h_user_reset_link(struct req *);
int	h_password_forgot_form(struct req *);
int	h_password_forgot(struct req *);
int	h_password_form(struct req *);
int	h_password_set(struct req *);

#endif
