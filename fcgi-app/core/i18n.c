/* i18n.c - gettext with the language chosen per request through LANGUAGE. */
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"

/* glibc caches lookups; bumping this counter tells it LANGUAGE changed. */
extern int _nl_msg_cat_cntr;

static int current = -1;

int
i18n_init(const char *localedir)
{
	/*
	 * C.UTF-8 is always present on Debian and, unlike "C", does not make
	 * gettext ignore LANGUAGE. No sv_SE locale needs to be generated.
	 */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return -1;
	bindtextdomain("kpp", localedir);
	bind_textdomain_codeset("kpp", "UTF-8");
	textdomain("kpp");
	return 0;
}

const char *
i18n_tr(enum lang l, const char *msgid)
{
	const char *t = msgid, *ctx;

	if (l != LANG_EN) {
		if (current != (int)l) {
			setenv("LANGUAGE", i18n_code(l), 1);
			++_nl_msg_cat_cntr;
			current = (int)l;
		}
		t = dgettext("kpp", msgid);
	}
	/* A msgid in a context (NC_(), gettext's "ctx\4msgid") untranslated is the words after it. */
	if (t == msgid && (ctx = strchr(msgid, '\004')) != NULL)
		return ctx + 1;
	return t;
}

const char *
i18n_code(enum lang l)
{
	return l == LANG_EN ? "en" : "sv";
}

int
i18n_parse(const char *code)
{
	if (code == NULL)
		return -1;
	if (strcmp(code, "sv") == 0)
		return LANG_SV;
	if (strcmp(code, "en") == 0)
		return LANG_EN;
	return -1;
}

enum lang
i18n_from_accept(const char *h, enum lang dflt)
{
	const char *p;

	/* The first language we speak wins; quality values are rarely needed here. */
	for (p = h; p != NULL && *p != '\0'; ) {
		while (*p == ' ' || *p == ',')
			p++;
		if (strncasecmp(p, "sv", 2) == 0 &&
		    (p[2] == '\0' || p[2] == '-' || p[2] == ';' || p[2] == ','))
			return LANG_SV;
		if (strncasecmp(p, "en", 2) == 0 &&
		    (p[2] == '\0' || p[2] == '-' || p[2] == ';' || p[2] == ','))
			return LANG_EN;
		p = strchr(p, ',');
	}
	return dflt;
}

const char *
i18n_pick(enum lang l, const char *sv, const char *en)
{
	const char *first = l == LANG_EN ? en : sv;

	if (first != NULL && *first != '\0')
		return first;
	return l == LANG_EN ? sv : en;
}
