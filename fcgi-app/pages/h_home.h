/* h_home.h - the routes of h_home.c: the start page for each role, the health check and the accessibility statement. */
#ifndef KPP_H_HOME_H
#define KPP_H_HOME_H

struct req;

int	h_home(struct req *);
int	h_health(struct req *);
int	h_accessibility(struct req *);

#endif
