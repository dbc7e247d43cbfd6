/* labels.h - the words shown for the codes stored in the database (statuses, types, categories). */
#ifndef KPP_LABELS_H
#define KPP_LABELS_H

#include "conf.h"

/* Translates every label once; after i18n_init(). */
void		 labels_init(void);

/*
 * The label of code in language l: statuses of applications, projects and
 * reports, project types, report kinds, cost categories, region groups.
 * An unknown code is returned as it is, so nothing shows blank.
 */
const char	*label(enum lang l, const char *code);

/* The kinds of partner organisations as stored (organisations.kind), in the forms' order; NULL-terminated. */
extern const char *const partner_kinds[];

#endif
