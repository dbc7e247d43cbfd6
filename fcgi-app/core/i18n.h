/* i18n.h - Swedish and English through gettext catalogues, switched per request. */
#ifndef KPP_I18N_H
#define KPP_I18N_H

/* The interface's languages; an array by language has LANG__MAX entries. */
enum lang {
	LANG_SV = 0,
	LANG_EN,
	LANG__MAX
};

/* Marks a string for the catalogue without translating it here. */
#define N_(s)	(s)

/*
 * Marks s in context ctx (a msgctxt in the catalogue), for English words that Swedish says in more
 * than one way: a report is "godkänd" where an application is "beviljad", both "Approved".
 * i18n_tr() takes it as any msgid; untranslated it reads as s.
 */
#define NC_(ctx, s)	ctx "\004" s

/*
 * Binds the "kpp" text domain to localedir (laid out as
 * <dir>/sv/LC_MESSAGES/kpp.mo). Returns 0, or -1 when the process cannot
 * use a UTF-8 locale.
 */
int		 i18n_init(const char *localedir);

/* The translation of msgid in language l (msgid itself for English or when missing). */
const char	*i18n_tr(enum lang l, const char *msgid);

/*
 * Of a text stored in both languages, the one in l when given, else the
 * other: many texts are written in one language only.
 */
const char	*i18n_pick(enum lang l, const char *sv, const char *en);

/* "sv" or "en"; and back (returns -1 for anything else). */
const char	*i18n_code(enum lang l);
int		 i18n_parse(const char *code);

/* The language a browser prefers from its Accept-Language header, or dflt. */
enum lang	 i18n_from_accept(const char *header, enum lang dflt);

#endif
