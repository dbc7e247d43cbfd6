/* labels.h - the words shown for the codes stored in the database (statuses, types, categories). */
#ifndef KPP_LABELS_H
#define KPP_LABELS_H

#include <stddef.h>

#include "core/i18n.h"

struct arena;

/* Translates every label once; after i18n_init(). */
void		 labels_init(void);

/*
 * The label of code in language l: statuses of applications, projects and
 * reports, project types, report kinds, cost categories, region groups.
 * An unknown code is returned as it is, so nothing shows blank.
 */
const char	*label(enum lang l, const char *code);

/*
 * The label of a report's status or kind: as label(), but a report is approved where an
 * application is granted, which Swedish says in other words (godkänd, beviljad).
 */
const char	*label_report(enum lang l, const char *code);

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

/* The most official languages a country may have (countries.languages holds 60 characters). */
#define LANG_LIST_MAX	6

/*
 * Whether code is one of languages, a country's official languages as
 * countries.languages stores them: ISO 639-1 codes separated by commas
 * ("sq,sr"). NULL or empty code or list: no.
 */
int		 lang_list_has(const char *languages, const char *code);

/*
 * Whether an application's title and summary in the partner's language
 * may be in code, for a country with those official languages: one of
 * them other than English, which is the form's own language.
 */
int		 partner_lang_ok(const char *languages, const char *code);

/*
 * The partner languages of a country with those official languages, as
 * partner_lang_ok() allows them, in the country's order: up to max codes
 * (from local_langs, so each has a label) into out. Returns how many.
 */
size_t		 partner_langs(const char *languages, const char **out, size_t max);

/*
 * The names of a list of official languages as stored, in language l:
 * "sq,sr" is "Albanian, Serbian" (a code without a label as it is).
 * NULL for an empty list or NULL; otherwise allocated from a.
 */
const char	*lang_list_names(struct arena *a, enum lang l, const char *languages);

/*
 * Reads a list of official languages as an admin types it ("sq, sr"):
 * ISO 639-1 codes of two small letters, separated by commas, each known
 * to local_langs, none twice, at most LANG_LIST_MAX; blanks around the
 * codes and empty items are ignored. On success stores the list as
 * countries.languages holds it ("sq,sr"; "" for none) in *out, allocated
 * from a, and returns NULL. Otherwise returns the msgid of the problem,
 * with {code} to be filled with *bad, the code at fault (NULL for a
 * problem with the list as a whole).
 */
const char	*lang_list_read(struct arena *a, const char *typed, const char **out,
		    const char **bad);

#endif
