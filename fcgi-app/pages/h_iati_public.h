/* h_iati_public.h - the routes of h_iati_public.c: the public IATI files (/iati/activities.xml, /iati/organisation.xml), written once per public version and day. */
#ifndef KPP_H_IATI_PUBLIC_H
#define KPP_H_IATI_PUBLIC_H

struct req;

int	h_iati_activities(struct req *);
int	h_iati_organisation(struct req *);

#endif
