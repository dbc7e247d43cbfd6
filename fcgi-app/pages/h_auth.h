/* h_auth.h - the routes of h_auth.c: sign-in, sign-out and the language switch. */
#ifndef KPP_H_AUTH_H
#define KPP_H_AUTH_H

struct req;

int	h_login_form(struct req *);
int	h_login(struct req *);
int	h_logout(struct req *);
int	h_language(struct req *);
int	h_language_get(struct req *);

#endif
