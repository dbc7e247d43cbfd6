/* labels.c - one table from stored codes to msgids; gettext gives the Swedish. */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "domain/labels.h"

static const struct {
	const char	*code;
	const char	*msgid;
} labels[] = {
	/* application statuses */
	{ "draft", N_("Draft") },
	{ "submitted", N_("Submitted") },
	{ "under_review", N_("Under review") },
	{ "approved", N_("Approved") },
	{ "rejected", N_("Rejected") },
	{ "withdrawn", N_("Withdrawn") },
	/* project statuses */
	{ "implementation", N_("Implementation") },
	{ "finalisation", N_("Finalisation") },
	{ "closed", N_("Closed") },
	{ "cancelled", N_("Cancelled") },
	/* the states of an e-mail in the outbox ("cancelled" is above) */
	{ "queued", N_("Queued") },
	{ "sending", N_("Being sent") },
	{ "sent", N_("Sent") },
	{ "failed", N_("Failed") },
	/* report statuses and kinds */
	{ "returned", N_("Returned for revision") },
	{ "progress", N_("Progress report") },
	{ "final", N_("Final report") },
	/* project types */
	{ "inception", N_("Inception") },
	{ "project", N_("Project") },
	{ "three_party", N_("Three-party project") },
	/* cost categories */
	{ "travel", N_("Travel") },
	{ "accommodation", N_("Accommodation") },
	{ "meetings", N_("Meetings and workshops") },
	{ "consultants", N_("Consultants") },
	{ "translation", N_("Translation") },
	{ "other", N_("Other") },
	/* kinds of partner organisations ("other" is above) */
	{ "municipality", N_("Municipality") },
	{ "county", N_("County") },
	{ "city", N_("City") },
	{ "province", N_("Province") },
	{ "district", N_("District") },
	/* kinds of Swedish member organisations (organisations.kind) */
	{ "kommun", N_("Municipality (kommun)") },
	{ "landsting", N_("County council (landsting)") },
	{ "region", N_("Region") },
	/* sides of organisations, roles of users */
	{ "swedish", N_("Swedish member") },
	{ "partner", N_("Partner abroad") },
	{ "applicant", N_("Applicant") },
	{ "admin", N_("ICLD administrator") },
	{ "sida", N_("Sida") },
	/* region groups */
	{ "africa", N_("Africa") },
	{ "asia", N_("Asia") },
	{ "europe", N_("Europe") },
	{ "latin_america", N_("Latin America") },
};

#define NLABELS	(sizeof(labels) / sizeof(labels[0]))

/* The labels in each language, looked up in the catalogue once at start-up. */
static const char *translated[LANG__MAX][NLABELS];

void
labels_init(void)
{
	size_t i;
	int l;

	for (l = 0; l < LANG__MAX; l++)
		for (i = 0; i < NLABELS; i++)
			translated[l][i] = i18n_tr((enum lang)l, labels[i].msgid);
}

const char *
label(enum lang l, const char *code)
{
	size_t i;

	if (code == NULL)
		return "";
	for (i = 0; i < NLABELS; i++)
		if (strcmp(labels[i].code, code) == 0)
			return translated[l][i] != NULL ? translated[l][i] :
			    i18n_tr(l, labels[i].msgid);
	return code;
}

/* Where a report's words differ from an application's for the same code. */
static const struct {
	const char	*code;
	const char	*msgid;
} report_labels[] = {
	{ "approved", NC_("report", "Approved") },
};

const char *
label_report(enum lang l, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < sizeof(report_labels) / sizeof(report_labels[0]); i++)
		if (strcmp(report_labels[i].code, code) == 0)
			return i18n_tr(l, report_labels[i].msgid);
	return label(l, code);
}

const char *const partner_kinds[] = {
	"municipality", "county", "city", "province", "district", "other", NULL
};

const char *const swedish_kinds[] = { "kommun", "landsting", "region", NULL };

const struct local_lang local_langs[] = {
	{ "sw", N_("Swahili") },
	{ "zh", N_("Chinese") },
	{ "sq", N_("Albanian") },
	{ "sr", N_("Serbian") },
	{ "bs", N_("Bosnian") },
	{ "uk", N_("Ukrainian") },
	{ "es", N_("Spanish") },
	{ "pt", N_("Portuguese") },
	{ "fr", N_("French") },
	{ "ar", N_("Arabic") },
	{ "am", N_("Amharic") },
	/* The official languages of the partner countries (sql/0017, countries.languages). */
	{ "tn", N_("Setswana") },
	{ "zu", N_("isiZulu") },
	{ "xh", N_("isiXhosa") },
	{ "af", N_("Afrikaans") },
	{ "st", N_("Sesotho") },
	{ "sn", N_("chiShona") },
	{ "nd", N_("isiNdebele") },
	{ "de", N_("German") },
	{ "id", N_("Indonesian") },
	{ "vi", N_("Vietnamese") },
	{ "hr", N_("Croatian") },
	{ "tr", N_("Turkish") },
	{ "mk", N_("Macedonian") },
	{ "ro", N_("Romanian") },
	{ "ru", N_("Russian") },
	{ "ka", N_("Georgian") },
	{ "qu", N_("Quechua") },
	{ "ay", N_("Aymara") },
	{ "en", N_("English") },
	{ NULL, NULL }
};

/* The index in local_langs of the len bytes at s, or -1. */
static int
lang_index(const char *s, size_t len)
{
	int i;

	for (i = 0; local_langs[i].code != NULL; i++)
		if (strlen(local_langs[i].code) == len &&
		    memcmp(local_langs[i].code, s, len) == 0)
			return i;
	return -1;
}

int
local_lang_index(const char *code)
{
	return code != NULL ? lang_index(code, strlen(code)) : -1;
}

/*
 * The item of a comma-separated list at *p, its length in *len, with *p
 * moved past it and its comma; NULL at the end of the list (or for NULL).
 */
static const char *
next_item(const char **p, size_t *len)
{
	const char *s = *p, *end;

	if (s == NULL || *s == '\0')
		return NULL;
	if ((end = strchr(s, ',')) != NULL)
		*p = end + 1;
	else
		*p = end = s + strlen(s);
	*len = (size_t)(end - s);
	return s;
}

/* Whether the len bytes at code are one of the items of list. */
static int
list_has(const char *list, const char *code, size_t len)
{
	const char *s;
	size_t n;

	while ((s = next_item(&list, &n)) != NULL)
		if (n == len && memcmp(s, code, len) == 0)
			return 1;
	return 0;
}

int
lang_list_has(const char *languages, const char *code)
{
	return code != NULL && *code != '\0' && list_has(languages, code, strlen(code));
}

int
partner_lang_ok(const char *languages, const char *code)
{
	return lang_list_has(languages, code) && strcmp(code, "en") != 0;
}

size_t
partner_langs(const char *languages, const char **out, size_t max)
{
	const char *s;
	size_t len, n = 0;
	int k;

	while ((s = next_item(&languages, &len)) != NULL)
		if ((k = lang_index(s, len)) >= 0 && strcmp(local_langs[k].code, "en") != 0 &&
		    n < max)
			out[n++] = local_langs[k].code;
	return n;
}

const char *
lang_list_names(struct arena *a, enum lang l, const char *languages)
{
	const char *s;
	struct buf b;
	size_t len;
	int k;

	if (languages == NULL || *languages == '\0')
		return NULL;
	buf_init(&b, a, 64);
	while ((s = next_item(&languages, &len)) != NULL) {
		if (b.len > 0)
			buf_puts(&b, ", ");
		if ((k = lang_index(s, len)) >= 0)
			buf_puts(&b, i18n_tr(l, local_langs[k].msgid));
		else
			buf_append(&b, s, len);
	}
	return b.data;
}

const char *
lang_list_read(struct arena *a, const char *typed, const char **out, const char **bad)
{
	struct buf b;
	const char *s, *e;
	size_t len, n = 0;

	*bad = NULL;
	buf_init(&b, a, 32);
	while ((s = next_item(&typed, &len)) != NULL) {
		/* Blanks around a code are how people type lists; a blank item is nothing. */
		for (e = s + len; s < e && (*s == ' ' || *s == '\t'); s++)
			continue;
		for (; e > s && (e[-1] == ' ' || e[-1] == '\t'); e--)
			continue;
		if (s == e)
			continue;
		*bad = arena_strndup(a, s, (size_t)(e - s));
		if (e - s != 2 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z')
			return N_("Write each language as its ISO 639-1 code of two small letters, such as sw or zh: \"{code}\" is not one");
		if (lang_index(s, 2) < 0)
			return N_("kpp does not know the language \"{code}\": write one of the codes listed below");
		if (list_has(b.data, s, 2))
			return N_("\"{code}\" is named twice: name each language once");
		if (++n > LANG_LIST_MAX) {
			*bad = NULL;
			return N_("Name at most 6 languages");
		}
		if (b.len > 0)
			buf_putc(&b, ',');
		buf_append(&b, s, 2);
	}
	*bad = NULL;
	*out = b.data;
	return NULL;
}
