/* h_audit.h - the routes of h_audit.c: the audit log for ICLD's officers (GET /audit). */
#ifndef KPP_H_AUDIT_H
#define KPP_H_AUDIT_H

struct req;

int	h_audit_list(struct req *);

#endif
