/* h_organisation.h - the routes of h_organisation.c: the organisations: the admins' list with its filters, and the forms to add and edit one. */
#ifndef KPP_H_ORGANISATION_H
#define KPP_H_ORGANISATION_H

struct req;

int	h_org_list(struct req *);
int	h_org_new(struct req *);
int	h_org_create(struct req *);
int	h_org_edit(struct req *);
int	h_org_update(struct req *);

#endif
