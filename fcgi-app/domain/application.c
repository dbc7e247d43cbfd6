/* application.c - the codes the database stores for the enums of application.h, in one place. */
#include <string.h>

#include "domain/application.h"

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

/* The id of each group's first name field, as the rules name them (rules.h); the last has none. */
const char *const team_group_ids[G__MAX] = {
	"team-swedish", "team-partner-1", "team-partner-2", NULL
};

/*
 * Whether the application has two partners abroad: its type decides (a three-party project, once
 * the second is chosen); a second partner stored on a draft of a one-partner kind is not one.
 */
int
application_two_partners(const struct application *a)
{
	return a->type == PT_THREE_PARTY && a->partner[1] != 0;
}

/* The group of the team member m is in: the Swedish side, a partner's side, or a partner side not given. */
int
application_member_group(const struct application *a, const struct member *m)
{
	if (!m->partner_side)
		return G_SWEDISH;
	if (!application_two_partners(a))
		return G_PARTNER1;
	if (m->org_id != 0 && m->org_id == a->partner[0])
		return G_PARTNER1;
	if (m->org_id != 0 && m->org_id == a->partner[1])
		return G_PARTNER2;
	return G_NOTGIVEN;
}
