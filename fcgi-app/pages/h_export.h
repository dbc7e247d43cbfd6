/* h_export.h - the routes of h_export.c: the Sida export's IATI file (GET /export/iati.xml) and its check (GET /export). */
#ifndef KPP_H_EXPORT_H
#define KPP_H_EXPORT_H

struct req;

int	h_export_page(struct req *);
int	h_export_iati(struct req *);

#endif
