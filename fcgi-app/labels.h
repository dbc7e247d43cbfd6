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

/* The kinds of Swedish member organisations as stored, in the forms' order; NULL-terminated. */
extern const char *const swedish_kinds[];

/*
 * The languages a partner organisation's own name and an application's partner-language title may
 * be in (ISO 639-1 code and msgid), in the forms' order; ends with a NULL code.
 */
struct local_lang {
	const char	*code;
	const char	*msgid;
};
extern const struct local_lang local_langs[];

/* The index of code in local_langs, or -1 (also for NULL). */
int		 local_lang_index(const char *code);

#endif
