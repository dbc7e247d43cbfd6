/* iati_view.h - the IATI export's problems as pages show them (the export's check page, a project's page). */
#ifndef KPP_IATI_VIEW_H
#define KPP_IATI_VIEW_H

#include "iati/iati_rules.h"

struct iati_ctx;
struct req;
struct vobj;

/* The export's context now: kpp.conf's IATI settings, today and this moment. */
void		 iati_view_ctx(struct iati_ctx *ctx);

/* The words (a msgid) of a link to where field f is fixed. */
const char	*iati_field_words(enum iati_field f);

/* A problem into o: rule, severity, message, the values, and (when links) where to fix it. */
void		 iati_view_problem(struct req *r, struct vobj *o, const struct iati_problem *p,
		    int links);

/* A project's IATI problems for _iati_problems.html ("iati"), for ICLD's officers; nothing for the others. */
void		 view_iati_problems(struct req *r, const char *code);

#endif
