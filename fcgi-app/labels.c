/* labels.c - one table from stored codes to msgids; gettext gives the Swedish. */
#include <string.h>

#include "i18n.h"
#include "labels.h"

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
	{ "en", N_("English") },
	{ NULL, NULL }
};

int
local_lang_index(const char *code)
{
	int i;

	for (i = 0; code != NULL && local_langs[i].code != NULL; i++)
		if (strcmp(local_langs[i].code, code) == 0)
			return i;
	return -1;
}
