/* h_public.h - the routes of h_public.c: the public register of partnerships: the list and a page per published project, for anyone. */
#ifndef KPP_H_PUBLIC_H
#define KPP_H_PUBLIC_H

struct req;

int	h_public_list(struct req *);
int	h_public_project(struct req *);

#endif
