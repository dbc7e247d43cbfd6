/* h_kept.h - the routes of h_kept.c: a form kept after its session lapsed (kept.c): shown to its author once signed in again, and saved on their word. */
#ifndef KPP_H_KEPT_H
#define KPP_H_KEPT_H

struct req;

int	h_kept_show(struct req *);
int	h_kept_save(struct req *);

#endif
