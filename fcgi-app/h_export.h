/* h_export.h - the routes of h_export.c: the Sida export: the IATI file (GET /export/iati.xml), its check (GET /export), a project's problems. */
#ifndef KPP_H_EXPORT_H
#define KPP_H_EXPORT_H

struct req;

int	h_export_page(struct req *);
int	h_export_iati(struct req *);

#endif
