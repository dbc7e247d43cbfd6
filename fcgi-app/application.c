/* application.c - the codes the database stores for the enums of application.h, in one place. */
#include <string.h>

#include "application.h"

const char *const ptype_code[PT__MAX] = {
	[PT_INCEPTION] = "inception",
	[PT_PROJECT] = "project",
	[PT_THREE_PARTY] = "three_party",
};

const char *const region_code[REGION__MAX] = {
	[REGION_AFRICA] = "africa",
	[REGION_ASIA] = "asia",
	[REGION_EUROPE] = "europe",
	[REGION_LATIN_AMERICA] = "latin_america",
};

const char *const category_code[CAT__MAX] = {
	[CAT_TRAVEL] = "travel",
	[CAT_ACCOMMODATION] = "accommodation",
	[CAT_MEETINGS] = "meetings",
	[CAT_CONSULTANTS] = "consultants",
	[CAT_TRANSLATION] = "translation",
	[CAT_OTHER] = "other",
};

const char *const team_role_code[TEAM_ROLE__MAX] = {
	[ROLE_POLITICIAN_MAJORITY] = "politician_majority",
	[ROLE_POLITICIAN_OPPOSITION] = "politician_opposition",
	[ROLE_CIVIL_SERVANT] = "civil_servant",
	[ROLE_OTHER_MEMBER] = "other",
};

int
code_index(const char *const *codes, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(codes[i], s) == 0)
			return (int)i;
	return -1;
}
