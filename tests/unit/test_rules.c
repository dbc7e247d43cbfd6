/* test_rules.c - unit tests for rules.c: every submission rule of an application, its boundaries, field ids and messages. */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "domain/rules.h"
#include "unit.h"

#define NBSP	"\xc2\xa0"

#define TODAY	"2016-03-01"	/* inside the round below */
#define NERR	64

/* Organisation ids: the Swedish applicant and the partners abroad. */
#define SWEDISH		10
#define PARTNER1	101
#define PARTNER2	102

static struct arena *A;

/* A complete application and the arrays it points to, rebuilt by valid() for every test. */
static struct {
	struct application	 app;
	struct objective	 obj[2];
	struct expected_result	 res[2];
	struct indicator	 ind[2];
	struct member		 team[24];
} F;
static struct round R;
static struct rule_error E[NERR];
static size_t N;

static const struct country KENYA = { "KE", "Kenya", "Kenya", REGION_AFRICA, 1, "sw,en" };
static const struct country CHINA = { "CN", "Kina", "China", REGION_ASIA, 1, "zh" };
static const struct country KOSOVO = { "XK", "Kosovo", "Kosovo", REGION_EUROPE, 1, "sq,sr,bs,tr" };
static const struct country VIETNAM = { "VN", "Vietnam", "Viet Nam", REGION_ASIA, 0, "vi" };
static const struct country ZAMBIA = { "ZM", "Zambia", "Zambia", REGION_AFRICA, 1, "en" };

/* The round with the programme's defaults (h_round.c), open from 1 February to 31 March 2016. */
static void
round_defaults(void)
{
	static const struct round_rule inception = {
		1, 1, 1, 0, { 275000, 275000, 220000, 275000 }
	};
	static const struct round_rule project = {
		1, 1, 3, 300000, { 500000, 500000, 500000, 500000 }
	};
	static const struct round_rule three_party = {
		1, 1, 3, 0, { 650000, 650000, 600000, 650000 }
	};

	memset(&R, 0, sizeof(R));
	R.id = 1;
	R.year = 2016;
	R.name_sv = "Utlysning 2016";
	R.name_en = "Call 2016";
	R.opens_on = "2016-02-01";
	R.closes_on = "2016-03-31";
	R.rules[PT_INCEPTION] = inception;
	R.rules[PT_PROJECT] = project;
	R.rules[PT_THREE_PARTY] = three_party;
}

static struct member *
add_member(int side, long long org, const char *name, enum team_role role)
{
	struct member *m = &F.app.team[F.app.nteam++];

	m->partner_side = side;
	m->org_id = org;
	m->name = name;
	m->role = role;
	m->position = "Planeringschef";
	return m;
}

/* Sets year y (1-based) to total, spread over the categories with consultants left empty. */
static void
set_year(int y, long long total)
{
	long long *c = F.app.amount[y - 1];
	int k;

	F.app.year_total[y - 1] = total;
	for (k = 0; k < CAT__MAX; k++)
		c[k] = -1;
	if (total < 40000) {
		c[CAT_TRAVEL] = total;
		return;
	}
	c[CAT_TRAVEL] = total / 2;
	c[CAT_ACCOMMODATION] = total / 4;
	c[CAT_TRANSLATION] = 10000;
	c[CAT_OTHER] = 10000;
	c[CAT_MEETINGS] = total - c[CAT_TRAVEL] - c[CAT_ACCOMMODATION] - 20000;
}

/* Gives a side of the team its members for type t. */
static void
add_side(enum ptype t, int side, long long org)
{
	if (t == PT_INCEPTION) {
		add_member(side, org, "Maria Kamau", ROLE_POLITICIAN_MAJORITY);
		add_member(side, org, "Erik Lind", ROLE_POLITICIAN_OPPOSITION);
		add_member(side, org, "Wanjiru Otieno", ROLE_CIVIL_SERVANT);
		add_member(side, org, "Sara Berg", ROLE_CIVIL_SERVANT);
		return;
	}
	add_member(side, org, "Maria Kamau", ROLE_POLITICIAN_MAJORITY);
	add_member(side, org, "Wanjiru Otieno", ROLE_CIVIL_SERVANT);
	add_member(side, org, "Sara Berg", ROLE_CIVIL_SERVANT);
	add_member(side, org, "Liu Wei", ROLE_CIVIL_SERVANT);
}

/* Makes F a complete application of type t to R that breaks no rule. */
static void
valid(enum ptype t)
{
	struct application *a = &F.app;
	int y;

	arena_reset(A);
	round_defaults();
	memset(&F, 0, sizeof(F));
	memset(E, 0, sizeof(E));
	a->id = 7;
	a->version = 3;
	a->status = "draft";
	a->round_id = R.id;
	a->type = (int)t;
	a->org_id = SWEDISH;
	a->country = "KE";
	a->partner[0] = PARTNER1;
	a->partner[1] = t == PT_THREE_PARTY ? PARTNER2 : 0;
	a->title_sv = "Medborgardialog i Kisumu och Borlänge";
	a->title_en = "Citizen dialogue in Kisumu and Borlänge";
	a->summary_sv = "Kommunerna utvecklar medborgardialog tillsammans.";
	a->summary_en = "The municipalities develop citizen dialogue together.";
	a->background = "Few residents take part in planning.";
	a->theme_id = 2;
	a->principle[1] = 1;
	a->sdg[16] = 1;
	a->target_groups = "Residents of informal settlements";
	a->citizen_dialogue = 1;
	a->dialogue_text = "Open meetings in every ward.";
	a->vulnerable_text = "Meetings in the settlements themselves.";
	a->gender_text = "Half of the speakers are women.";

	a->overall_objective = "Residents shape the services they use.";
	F.ind[0].name = "Citizen dialogues held";
	F.ind[0].unit = "dialogues";
	F.ind[0].baseline = "0";
	F.ind[0].target = "4";
	F.res[0].description = "A method for dialogue is in use";
	F.res[0].ind = &F.ind[0];
	F.res[0].nind = 1;
	F.obj[0].description = "Better dialogue in planning";
	F.obj[0].res = &F.res[0];
	F.obj[0].nres = 1;
	a->obj = F.obj;
	a->nobj = 1;

	a->team = F.team;
	add_side(t, 0, SWEDISH);
	add_side(t, 1, PARTNER1);
	if (t == PT_THREE_PARTY)
		add_side(t, 1, PARTNER2);

	a->years = t == PT_INCEPTION ? 1 : t == PT_PROJECT ? 2 : 3;
	a->planned_start = "2016-09-01";
	for (y = 1; y <= MAX_YEARS; y++)
		set_year(y, -1);
	for (y = 1; y <= a->years; y++)
		set_year(y, t == PT_INCEPTION ? 250000 : t == PT_PROJECT ?
		    400000 : 600000);
	a->other_costs = "Printing of study material";

	a->contact_name = "Anna Svensson";
	a->contact_email = "anna.svensson@borlange.se";
	a->contact_phone = "+46 243 740 00";
}

/* Prints what was found, so that a failing test says why. */
static void
dump(void)
{
	size_t i;

	for (i = 0; i < N && i < NERR; i++)
		printf("\n  [%zu] %s (section %d): %s", i, E[i].field,
		    (int)E[i].section, E[i].text);
}

static size_t
check_in(enum lang l, const struct country *c, const char *today)
{
	N = rules_check(A, l, &F.app, &R, c, today, E, NERR);
	return N;
}

static size_t
check(const struct country *c)
{
	return check_in(LANG_EN, c, TODAY);
}

static void
expect_none(const struct country *c)
{
	if (check(c) != 0)
		dump();
	CU_ASSERT_EQUAL(N, 0);
}

/* Asserts that the last check found exactly one problem, at field in section s. */
static void
expect_one(const char *field, enum section s)
{
	if (N != 1 || strcmp(E[0].field, field) != 0)
		dump();
	CU_ASSERT_EQUAL_FATAL(N, 1);
	CU_ASSERT_STRING_EQUAL(E[0].field, field);
	CU_ASSERT_EQUAL(E[0].section, s);
	CU_ASSERT_PTR_NOT_NULL(E[0].text);
}

/* Whether the first problem's message contains part. */
static int
says(const char *part)
{
	return strstr(E[0].text, part) != NULL;
}

static void
test_rules_valid_inception_passes(void)
{
	valid(PT_INCEPTION);
	expect_none(&KENYA);
	CU_ASSERT_EQUAL(check_in(LANG_SV, &KENYA, TODAY), 0);
}

static void
test_rules_valid_project_passes(void)
{
	valid(PT_PROJECT);
	expect_none(&KENYA);
	CU_ASSERT_EQUAL(check_in(LANG_SV, &KENYA, TODAY), 0);
}

static void
test_rules_valid_three_party_passes(void)
{
	valid(PT_THREE_PARTY);
	expect_none(&KENYA);
	CU_ASSERT_EQUAL(check_in(LANG_SV, &KENYA, TODAY), 0);
}

static void
test_rules_valid_sections_pass(void)
{
	int t, s;

	for (t = 0; t < PT__MAX; t++) {
		valid((enum ptype)t);
		for (s = 0; s < SEC__MAX; s++)
			CU_ASSERT_EQUAL(rules_check_section(A, LANG_EN,
			    (enum section)s, &F.app, &R, &KENYA, E, NERR), 0);
	}
}

static void
test_rules_fill_replaces_names(void)
{
	const char *pairs[] = { "min", "300 000", "max", "500 000",
	    "year", "2", NULL };

	CU_ASSERT_STRING_EQUAL(rules_fill(A, "Enter an amount between {min} "
	    "and {max} for year {year}", pairs),
	    "Enter an amount between 300 000 and 500 000 for year 2");
	/* Translations may reorder and repeat. */
	CU_ASSERT_STRING_EQUAL(rules_fill(A, "{year}: {max}/{max}", pairs),
	    "2: 500 000/500 000");
	/* A value is not filled again. */
	CU_ASSERT_STRING_EQUAL(rules_fill(A, "{v}",
	    (const char *const []){ "v", "{v}{min}", NULL }), "{v}{min}");
	/* A name without a value is filled with nothing. */
	CU_ASSERT_STRING_EQUAL(rules_fill(A, "[{v}]",
	    (const char *const []){ "v", NULL }), "[]");
}

static void
test_rules_fill_survives_bad_translations(void)
{
	const char *pairs[] = { "min", "1", NULL };

	CU_ASSERT_STRING_EQUAL(rules_fill(A, "%s%n%d %%", pairs), "%s%n%d %%");
	CU_ASSERT_STRING_EQUAL(rules_fill(A, "{mni} {min", pairs), "{mni} {min");
	CU_ASSERT_STRING_EQUAL(rules_fill(A, "{{min}}", pairs), "{1}");
	CU_ASSERT_STRING_EQUAL(rules_fill(A, "}{}{", pairs), "}{}{");
	CU_ASSERT_STRING_EQUAL(rules_fill(A, "{", pairs), "{");
	CU_ASSERT_STRING_EQUAL(rules_fill(A, "{min}", NULL), "{min}");
	CU_ASSERT_STRING_EQUAL(rules_fill(A, "", pairs), "");
	CU_ASSERT_STRING_EQUAL(rules_fill(A, NULL, pairs), "");
}

static void
test_rules_type_required(void)
{
	valid(PT_PROJECT);
	F.app.type = -1;
	check(&KENYA);
	/* The rules that depend on the type wait for it. */
	expect_one("type", SEC_PARTNERS);
	CU_ASSERT(says("Choose the type of project"));
	F.app.type = PT__MAX;
	check(&KENYA);
	expect_one("type", SEC_PARTNERS);
}

static void
test_rules_type_not_allowed_in_round(void)
{
	valid(PT_THREE_PARTY);
	R.rules[PT_THREE_PARTY].allowed = 0;
	check(&KENYA);
	expect_one("type", SEC_PARTNERS);
	CU_ASSERT(says("does not accept this type"));
}

static void
test_rules_round_closed_before_it_opens(void)
{
	valid(PT_PROJECT);
	check_in(LANG_EN, &KENYA, "2016-01-31");
	expect_one("type", SEC_PARTNERS);
	CU_ASSERT(says("1" NBSP "February" NBSP "2016"));
	check_in(LANG_SV, &KENYA, "2016-01-31");
	expect_one("type", SEC_PARTNERS);
	CU_ASSERT(says("1" NBSP "februari" NBSP "2016"));
}

static void
test_rules_round_open_on_both_boundary_days(void)
{
	valid(PT_PROJECT);
	CU_ASSERT_EQUAL(check_in(LANG_EN, &KENYA, "2016-02-01"), 0);
	CU_ASSERT_EQUAL(check_in(LANG_EN, &KENYA, "2016-03-31"), 0);
}

static void
test_rules_round_closed_after_it_closes(void)
{
	valid(PT_PROJECT);
	check_in(LANG_EN, &KENYA, "2016-04-01");
	expect_one("type", SEC_PARTNERS);
	CU_ASSERT(says("closed on 31" NBSP "March" NBSP "2016"));
	CU_ASSERT(says("can no longer be submitted"));
	valid(PT_INCEPTION);
	check_in(LANG_EN, &KENYA, "2017-01-01");
	expect_one("type", SEC_PARTNERS);
}

static void
test_rules_inception_all_year(void)
{
	valid(PT_INCEPTION);
	R.inception_all_year = 1;
	CU_ASSERT_EQUAL(check_in(LANG_EN, &KENYA, "2016-01-04"), 0);
	CU_ASSERT_EQUAL(check_in(LANG_EN, &KENYA, "2016-11-30"), 0);
	/* The setting is for inceptions: a project still waits for the round. */
	valid(PT_PROJECT);
	R.inception_all_year = 1;
	check_in(LANG_EN, &KENYA, "2016-11-30");
	expect_one("type", SEC_PARTNERS);
	CU_ASSERT(says("inception applications only"));
	check_in(LANG_EN, &KENYA, "2016-01-04");
	expect_one("type", SEC_PARTNERS);
	/* Without a type it may become an inception: only the type is asked for. */
	F.app.type = -1;
	check_in(LANG_EN, &KENYA, "2016-11-30");
	expect_one("type", SEC_PARTNERS);
	CU_ASSERT(says("Choose the type"));
	/* In a round without the setting, the date is late for any type. */
	R.inception_all_year = 0;
	check_in(LANG_EN, &KENYA, "2016-11-30");
	CU_ASSERT_EQUAL_FATAL(N, 2);
	CU_ASSERT(strstr(E[1].text, "can no longer be submitted") != NULL);
}

static void
test_rules_partner_required(void)
{
	valid(PT_PROJECT);
	F.app.partner[0] = 0;
	check(&KENYA);
	expect_one("partner-1", SEC_PARTNERS);
	CU_ASSERT(says("Choose the partner organisation"));
}

static void
test_rules_three_party_needs_two_partners(void)
{
	valid(PT_THREE_PARTY);
	F.app.partner[1] = 0;
	/* Its members wait for it, as does the team rule of its side. */
	check(&KENYA);
	expect_one("partner-2", SEC_PARTNERS);
	CU_ASSERT(says("second partner"));
	valid(PT_THREE_PARTY);
	F.app.partner[0] = 0;
	F.app.nteam = 4;
	add_side(PT_THREE_PARTY, 1, 0);
	add_side(PT_THREE_PARTY, 1, PARTNER2);
	check(&KENYA);
	expect_one("partner-1", SEC_PARTNERS);
	CU_ASSERT(says("first partner"));
}

static void
test_rules_one_partner_types_refuse_a_second(void)
{
	valid(PT_PROJECT);
	F.app.partner[1] = PARTNER2;
	check(&KENYA);
	expect_one("partner-2", SEC_PARTNERS);
	CU_ASSERT(says("three-party"));
	valid(PT_INCEPTION);
	F.app.partner[1] = PARTNER2;
	check(&KENYA);
	expect_one("partner-2", SEC_PARTNERS);
}

static void
test_rules_country_required(void)
{
	valid(PT_PROJECT);
	/* Without a country there is no ceiling: only the country is missing. */
	set_year(1, 900000);
	check(NULL);
	expect_one("country", SEC_PARTNERS);
}

static void
test_rules_country_ineligible(void)
{
	valid(PT_PROJECT);
	check(&VIETNAM);
	expect_one("country", SEC_PARTNERS);
	CU_ASSERT(says("Viet Nam is not a partner country"));
	check_in(LANG_SV, &VIETNAM, TODAY);
	expect_one("country", SEC_PARTNERS);
	CU_ASSERT(says("Vietnam"));
}

static const struct partner_place KISUMU = { "Kisumu County", "KE", "Kenya", "Kenya" };
static const struct partner_place NAKURU = { "Nakuru County", "KE", "Kenya", "Kenya" };
static const struct partner_place GULU = { "Gulu District", "UG", "Uganda", "Uganda" };

/* A partner abroad must be in the application's country, which the rules, statistics and IATI follow. */
static void
test_rules_partner_in_another_country(void)
{
	static const struct country UGANDA = { "UG", "Uganda", "Uganda", REGION_AFRICA, 1, "sw,en" };

	valid(PT_PROJECT);
	F.app.partner_at[0] = KISUMU;
	expect_none(&KENYA);
	check(&UGANDA);
	expect_one("country", SEC_PARTNERS);
	CU_ASSERT(says("Kisumu County is in Kenya, not in Uganda: choose Kenya "
	    "as the partner country, or a partner organisation in Uganda"));
	N = rules_check_section(A, LANG_SV, SEC_PARTNERS, &F.app, &R, &UGANDA,
	    E, NERR);
	expect_one("country", SEC_PARTNERS);
	CU_ASSERT(says("Kisumu County"));
	/* A partner whose place is not known is not judged. */
	memset(&F.app.partner_at[0], 0, sizeof(F.app.partner_at[0]));
	expect_none(&UGANDA);

	/* Three parties: each partner is judged; both elsewhere, two problems at the country. */
	valid(PT_THREE_PARTY);
	F.app.partner_at[0] = KISUMU;
	F.app.partner_at[1] = NAKURU;
	expect_none(&KENYA);
	F.app.partner_at[1] = GULU;
	check(&KENYA);
	expect_one("country", SEC_PARTNERS);
	CU_ASSERT(says("Gulu District is in Uganda, not in Kenya"));
	F.app.partner_at[0] = GULU;
	F.app.partner_at[1] = GULU;
	check(&KENYA);
	CU_ASSERT_EQUAL(N, 2);
	CU_ASSERT_STRING_EQUAL(E[0].field, "country");
	CU_ASSERT_STRING_EQUAL(E[1].field, "country");
	/* A second partner a project must not have is that problem only, wherever it is. */
	valid(PT_PROJECT);
	F.app.partner_at[0] = KISUMU;
	F.app.partner[1] = PARTNER2;
	F.app.partner_at[1] = GULU;
	check(&KENYA);
	expect_one("partner-2", SEC_PARTNERS);
}

/* Blanks out *field of a valid application of type t and expects one problem at id. */
static void
expect_required(enum ptype t, const char **field, const char *id,
    enum section s)
{
	static const char *const blanks[] = { NULL, "", "  \t\n", NBSP " " };
	size_t i;

	for (i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
		valid(t);
		*field = blanks[i];
		check(&KENYA);
		expect_one(id, s);
	}
}

static void
test_rules_titles_required(void)
{
	expect_required(PT_PROJECT, &F.app.title_sv, "title_sv", SEC_PROJECT);
	CU_ASSERT(says("title in Swedish"));
	expect_required(PT_PROJECT, &F.app.title_en, "title_en", SEC_PROJECT);
	CU_ASSERT(says("title in English"));
	valid(PT_PROJECT);
	F.app.title_local = NULL;
	expect_none(&KENYA);
}

/* The title and summary in the partner's language: optional, in a language of the country, never English. */
static void
test_rules_partner_language(void)
{
	valid(PT_PROJECT);
	F.app.title_local = "Mazungumzo ya wananchi";
	F.app.summary_local = "Kaunti zinaendeleza mazungumzo na wananchi.";
	F.app.title_local_lang = "sw";
	expect_none(&KENYA);

	/* A text without its language: named at the language's select. */
	F.app.title_local_lang = NULL;
	check(&KENYA);
	expect_one("title_local_lang", SEC_PROJECT);
	CU_ASSERT(says("Choose the language of the title and summary"));
	F.app.title_local = NULL;
	check(&KENYA);
	expect_one("title_local_lang", SEC_PROJECT);
	F.app.summary_local = " ";
	expect_none(&KENYA);

	/* A language alone is kept as chosen, as long as it is the country's. */
	F.app.title_local_lang = "sw";
	expect_none(&KENYA);

	/* The country changed since: the language no longer fits, in both languages of the interface. */
	F.app.title_local = "Mazungumzo ya wananchi";
	check(&CHINA);
	expect_one("title_local_lang", SEC_PROJECT);
	CU_ASSERT(says("Swahili is not one of the languages of China"));
	check_in(LANG_SV, &CHINA, TODAY);
	CU_ASSERT_EQUAL_FATAL(N, 1);
	CU_ASSERT(says("Kina"));
	F.app.title_local_lang = "zh";
	expect_none(&CHINA);
	check(&KENYA);
	expect_one("title_local_lang", SEC_PROJECT);

	/* English is the form's own language, and Zambia has no other. */
	F.app.title_local_lang = "en";
	check(&KENYA);
	expect_one("title_local_lang", SEC_PROJECT);
	check(&ZAMBIA);
	expect_one("title_local_lang", SEC_PROJECT);

	/* No country yet: that is the problem named, not the language. */
	F.app.title_local_lang = "zh";
	check(NULL);
	expect_one("country", SEC_PARTNERS);
	/* Completing the section checks it too. */
	N = rules_check_section(A, LANG_EN, SEC_PROJECT, &F.app, &R, &KOSOVO, E, NERR);
	expect_one("title_local_lang", SEC_PROJECT);
	F.app.title_local_lang = "sr";
	N = rules_check_section(A, LANG_EN, SEC_PROJECT, &F.app, &R, &KOSOVO, E, NERR);
	CU_ASSERT_EQUAL(N, 0);
}

static void
test_rules_summary_in_english_required(void)
{
	expect_required(PT_PROJECT, &F.app.summary_en, "summary_en",
	    SEC_PROJECT);
	CU_ASSERT(says("summary in English"));
	valid(PT_PROJECT);
	F.app.summary_sv = NULL;
	expect_none(&KENYA);
}

static void
test_rules_background_required(void)
{
	expect_required(PT_INCEPTION, &F.app.background, "background",
	    SEC_PROJECT);
}

static void
test_rules_theme_required(void)
{
	valid(PT_PROJECT);
	F.app.theme_id = 0;
	check(&KENYA);
	expect_one("theme", SEC_PROJECT);
}

static void
test_rules_no_principle(void)
{
	valid(PT_PROJECT);
	F.app.principle[1] = 0;
	check(&KENYA);
	expect_one("principles", SEC_PROJECT);
	CU_ASSERT(says("four principles"));
	F.app.principle[3] = 1;
	expect_none(&KENYA);
}

static void
test_rules_no_sdg(void)
{
	valid(PT_PROJECT);
	F.app.sdg[16] = 0;
	/* sdg[0] is no goal. */
	F.app.sdg[0] = 1;
	check(&KENYA);
	expect_one("sdgs", SEC_PROJECT);
	CU_ASSERT(says("Sustainable Development Goal"));
	F.app.sdg[17] = 1;
	expect_none(&KENYA);
}

static void
test_rules_target_groups_required(void)
{
	expect_required(PT_PROJECT, &F.app.target_groups, "target_groups",
	    SEC_PROJECT);
}

static void
test_rules_citizen_dialogue_answered(void)
{
	valid(PT_PROJECT);
	F.app.citizen_dialogue = -1;
	check(&KENYA);
	expect_one("citizen_dialogue", SEC_PROJECT);
	/* No: nothing to describe. */
	F.app.citizen_dialogue = 0;
	F.app.dialogue_text = NULL;
	expect_none(&KENYA);
	/* Yes: say how. */
	expect_required(PT_PROJECT, &F.app.dialogue_text, "dialogue_text",
	    SEC_PROJECT);
}

static void
test_rules_vulnerable_and_gender_texts_required(void)
{
	expect_required(PT_PROJECT, &F.app.vulnerable_text, "vulnerable_text",
	    SEC_PROJECT);
	expect_required(PT_PROJECT, &F.app.gender_text, "gender_text",
	    SEC_PROJECT);
	CU_ASSERT(says("women's participation"));
}

static void
test_rules_overall_objective_required(void)
{
	expect_required(PT_PROJECT, &F.app.overall_objective,
	    "overall_objective", SEC_RESULTS);
}

static void
test_rules_no_objective(void)
{
	valid(PT_PROJECT);
	F.app.nobj = 0;
	check(&KENYA);
	expect_one("objective-1", SEC_RESULTS);
	CU_ASSERT(says("at least one objective"));
	expect_required(PT_PROJECT, &F.obj[0].description, "objective-1",
	    SEC_RESULTS);
}

static void
test_rules_objective_without_result(void)
{
	valid(PT_PROJECT);
	F.obj[0].nres = 0;
	check(&KENYA);
	expect_one("result-1-1", SEC_RESULTS);
	CU_ASSERT(says("objective 1"));
	expect_required(PT_PROJECT, &F.res[0].description, "result-1-1",
	    SEC_RESULTS);
	CU_ASSERT(says("expected result 1.1"));
}

static void
test_rules_missing_indicator(void)
{
	valid(PT_PROJECT);
	F.res[0].nind = 0;
	check(&KENYA);
	expect_one("indicator-1-1-1-name", SEC_RESULTS);
	CU_ASSERT(says("Add an indicator to expected result 1.1"));
}

static void
test_rules_indicator_needs_name_baseline_target(void)
{
	expect_required(PT_PROJECT, &F.ind[0].name, "indicator-1-1-1-name",
	    SEC_RESULTS);
	CU_ASSERT(says("indicator 1.1.1"));
	expect_required(PT_PROJECT, &F.ind[0].baseline,
	    "indicator-1-1-1-baseline", SEC_RESULTS);
	CU_ASSERT(says("baseline"));
	expect_required(PT_PROJECT, &F.ind[0].target, "indicator-1-1-1-target",
	    SEC_RESULTS);
	CU_ASSERT(says("target"));
	valid(PT_PROJECT);
	F.ind[0].unit = NULL;
	expect_none(&KENYA);
}

static void
test_rules_results_numbered_by_position(void)
{
	valid(PT_PROJECT);
	F.ind[1] = F.ind[0];
	F.ind[1].target = "";
	F.res[1].description = "Residents know the plans";
	F.res[1].ind = &F.ind[1];
	F.res[1].nind = 1;
	F.obj[1].description = "Open plans";
	F.obj[1].res = &F.res[1];
	F.obj[1].nres = 1;
	F.app.nobj = 2;
	check(&KENYA);
	expect_one("indicator-2-1-1-target", SEC_RESULTS);
	CU_ASSERT(says("indicator 2.1.1"));
}

/* Asserts one team problem at field whose message has all of the parts. */
static void
expect_team(const char *field, const char *p1, const char *p2)
{
	check(&KENYA);
	expect_one(field, SEC_TEAM);
	CU_ASSERT(says(p1));
	CU_ASSERT(p2 == NULL || says(p2));
}

static void
test_rules_team_inception_swedish_side(void)
{
	valid(PT_INCEPTION);
	F.team[1].role = ROLE_OTHER_MEMBER;	/* the opposition politician */
	expect_team("team-swedish", "politician from the opposition",
	    "the Swedish side");
	valid(PT_INCEPTION);
	F.team[0].role = ROLE_POLITICIAN_OPPOSITION;	/* two from the opposition, none from the majority */
	expect_team("team-swedish", "politician from the majority",
	    "the Swedish side");
	valid(PT_INCEPTION);
	F.team[3].role = ROLE_POLITICIAN_MAJORITY;
	expect_team("team-swedish", "at least 2 civil servants",
	    "it now has 1");
}

static void
test_rules_team_inception_partner_side(void)
{
	valid(PT_INCEPTION);
	F.team[4].role = ROLE_CIVIL_SERVANT;	/* the majority politician */
	expect_team("team-partner-1", "politician from the majority",
	    "the partner's side");
	valid(PT_INCEPTION);
	F.app.nteam = 7;	/* one civil servant short */
	expect_team("team-partner-1", "the partner's side at least 2 civil servants", NULL);
	valid(PT_INCEPTION);
	F.app.nteam = 4;	/* no partner side at all: three problems */
	check(&KENYA);
	CU_ASSERT_EQUAL(N, 3);
	CU_ASSERT_STRING_EQUAL(E[2].field, "team-partner-1");
	CU_ASSERT(strstr(E[2].text, "it now has 0") != NULL);
	/* More than the rule asks is fine. */
	valid(PT_INCEPTION);
	add_member(1, PARTNER1, "Otieno Ouma", ROLE_CIVIL_SERVANT);
	add_member(1, PARTNER1, "Achieng Odhiambo", ROLE_OTHER_MEMBER);
	expect_none(&KENYA);
}

static void
test_rules_team_project_three_to_five_civil_servants(void)
{
	valid(PT_PROJECT);
	F.team[3].role = ROLE_POLITICIAN_OPPOSITION;
	expect_team("team-swedish", "3 to 5 civil servants", "it now has 2");
	CU_ASSERT(says("the Swedish side"));
	valid(PT_PROJECT);
	add_member(0, SWEDISH, "Per Holm", ROLE_CIVIL_SERVANT);
	add_member(0, SWEDISH, "Lena Ek", ROLE_CIVIL_SERVANT);
	expect_none(&KENYA);	/* five */
	add_member(0, SWEDISH, "Ola Ström", ROLE_CIVIL_SERVANT);
	expect_team("team-swedish", "3 to 5 civil servants", "it now has 6");
}

static void
test_rules_team_project_partner_side(void)
{
	valid(PT_PROJECT);
	F.team[7].role = ROLE_OTHER_MEMBER;
	expect_team("team-partner-1", "the partner's side", "it now has 2");
	/* With one partner, members need not say which. */
	valid(PT_PROJECT);
	F.team[5].org_id = 0;
	F.team[6].org_id = 999;
	expect_none(&KENYA);
}

static void
test_rules_team_three_party_each_partner(void)
{
	valid(PT_THREE_PARTY);
	F.team[11].role = ROLE_POLITICIAN_MAJORITY;
	expect_team("team-partner-2", "the second partner's side",
	    "it now has 2");
	valid(PT_THREE_PARTY);
	F.app.nteam = 8;
	add_side(PT_THREE_PARTY, 1, PARTNER2);
	add_side(PT_THREE_PARTY, 1, PARTNER2);	/* eight civil servants for the second partner */
	F.team[5].role = ROLE_OTHER_MEMBER;
	check(&KENYA);
	CU_ASSERT_EQUAL_FATAL(N, 2);
	CU_ASSERT_STRING_EQUAL(E[0].field, "team-partner-1");
	CU_ASSERT(strstr(E[0].text, "the first partner's side") != NULL);
	CU_ASSERT_STRING_EQUAL(E[1].field, "team-partner-2");
	CU_ASSERT(strstr(E[1].text, "it now has 6") != NULL);
	valid(PT_THREE_PARTY);
	F.app.nteam = 4;
	check(&KENYA);
	CU_ASSERT_EQUAL(N, 2);
	valid(PT_THREE_PARTY);
	F.team[0].role = ROLE_OTHER_MEMBER;
	F.team[1].role = ROLE_OTHER_MEMBER;
	expect_team("team-swedish", "the Swedish side", "it now has 2");
}

static void
test_rules_team_three_party_member_without_partner(void)
{
	valid(PT_THREE_PARTY);
	add_member(1, 0, "Jovana Petrović", ROLE_CIVIL_SERVANT);
	expect_team("member-13-org", "Jovana Petrović", NULL);
	valid(PT_THREE_PARTY);
	F.team[9].org_id = 999;	/* a partner no longer in the application */
	check(&KENYA);
	CU_ASSERT_EQUAL_FATAL(N, 2);
	CU_ASSERT_STRING_EQUAL(E[0].field, "member-10-org");
	CU_ASSERT_STRING_EQUAL(E[1].field, "team-partner-2");
}

static void
test_rules_team_counts_named_members_only(void)
{
	valid(PT_PROJECT);
	F.team[3].name = " ";
	add_member(0, SWEDISH, NULL, ROLE_CIVIL_SERVANT);
	expect_team("team-swedish", "it now has 2", NULL);
}

static void
test_rules_years_required(void)
{
	valid(PT_PROJECT);
	F.app.years = 0;
	check(&KENYA);
	expect_one("years", SEC_BUDGET);
	CU_ASSERT(says("how many years"));
}

/* Until the number of years is chosen, each year typed is judged too: every problem at once. */
static void
test_rules_years_not_chosen_typed_years_checked(void)
{
	valid(PT_PROJECT);
	F.app.years = 0;
	set_year(1, 600000);
	F.app.amount[0][CAT_TRAVEL]++;
	set_year(2, -1);
	check(&KENYA);
	if (N != 3)
		dump();
	CU_ASSERT_EQUAL_FATAL(N, 3);
	CU_ASSERT_STRING_EQUAL(E[0].field, "years");
	CU_ASSERT_STRING_EQUAL(E[1].field, "amount-1");
	CU_ASSERT(strstr(E[1].text, "between") != NULL);
	CU_ASSERT_STRING_EQUAL(E[2].field, "amount-1");
	CU_ASSERT(strstr(E[2].text, "add up to") != NULL);
	/* A year with nothing typed is no year. */
	set_year(1, -1);
	check(&KENYA);
	expect_one("years", SEC_BUDGET);
}

static void
test_rules_project_one_to_three_years(void)
{
	valid(PT_PROJECT);
	F.app.years = 1;
	expect_none(&KENYA);
	set_year(3, 500000);
	F.app.years = 3;
	expect_none(&KENYA);
	F.app.years = 4;
	check(&KENYA);
	expect_one("years", SEC_BUDGET);
	CU_ASSERT(says("between 1 and 3"));
}

static void
test_rules_inception_two_years_refused(void)
{
	valid(PT_INCEPTION);
	set_year(2, 250000);
	F.app.years = 2;
	check(&KENYA);
	expect_one("years", SEC_BUDGET);
	CU_ASSERT(says("Choose 1 as the number of years"));
}

static void
test_rules_duration_follows_the_round(void)
{
	valid(PT_PROJECT);
	R.rules[PT_PROJECT].min_years = 2;
	R.rules[PT_PROJECT].max_years = 2;
	F.app.years = 1;
	check(&KENYA);
	expect_one("years", SEC_BUDGET);
	CU_ASSERT(says("Choose 2 as"));
}

/* The project's first year set to total; returns the number of problems in language l. */
static size_t
project_year(long long total, const struct country *c, enum lang l)
{
	valid(PT_PROJECT);
	set_year(1, total);
	return check_in(l, c, TODAY);
}

static void
test_rules_amount_boundaries_swedish(void)
{
	CU_ASSERT_EQUAL(project_year(299999, &KENYA, LANG_SV), 1);
	expect_one("amount-1", SEC_BUDGET);
	CU_ASSERT(says("300" NBSP "000" NBSP "kr"));
	CU_ASSERT(says("500" NBSP "000" NBSP "kr"));
	CU_ASSERT(says("year 1"));
	CU_ASSERT_EQUAL(project_year(300000, &KENYA, LANG_SV), 0);
	CU_ASSERT_EQUAL(project_year(500000, &KENYA, LANG_SV), 0);
	CU_ASSERT_EQUAL(project_year(500001, &KENYA, LANG_SV), 1);
	expect_one("amount-1", SEC_BUDGET);
	CU_ASSERT(says("between 300" NBSP "000" NBSP "kr and 500" NBSP "000"
	    NBSP "kr"));
}

static void
test_rules_amount_boundaries_english(void)
{
	CU_ASSERT_EQUAL(project_year(299999, &KENYA, LANG_EN), 1);
	expect_one("amount-1", SEC_BUDGET);
	CU_ASSERT(says("Enter an amount between SEK" NBSP "300,000 and SEK"
	    NBSP "500,000 for year 1"));
	CU_ASSERT_EQUAL(project_year(500001, &CHINA, LANG_EN), 1);
	CU_ASSERT(says("SEK" NBSP "500,000"));
}

static void
test_rules_amount_checked_every_year(void)
{
	valid(PT_PROJECT);
	set_year(2, 500001);
	check(&KENYA);
	expect_one("amount-2", SEC_BUDGET);
	CU_ASSERT(says("for year 2"));
	/* Years past the duration are not in the form, whatever they hold. */
	set_year(2, 400000);
	set_year(3, 900000);
	expect_none(&KENYA);
}

static void
test_rules_three_party_ceiling_by_region(void)
{
	valid(PT_THREE_PARTY);
	set_year(2, 600000);
	expect_none(&KOSOVO);
	set_year(2, 600001);
	check(&KOSOVO);
	expect_one("amount-2", SEC_BUDGET);
	CU_ASSERT(says("SEK" NBSP "600,000"));
	expect_none(&KENYA);
	set_year(2, 650000);
	expect_none(&KENYA);
	expect_none(&CHINA);
	set_year(2, 650001);
	check(&KENYA);
	expect_one("amount-2", SEC_BUDGET);
	CU_ASSERT(says("SEK" NBSP "650,000"));
}

static void
test_rules_inception_ceiling_by_region(void)
{
	valid(PT_INCEPTION);
	set_year(1, 275000);
	expect_none(&KENYA);
	set_year(1, 275001);
	check(&KENYA);
	expect_one("amount-1", SEC_BUDGET);
	CU_ASSERT(says("SEK" NBSP "275,000"));
	set_year(1, 220000);
	expect_none(&KOSOVO);
	set_year(1, 220001);
	check(&KOSOVO);
	expect_one("amount-1", SEC_BUDGET);
	CU_ASSERT(says("SEK" NBSP "220,000"));
}

static void
test_rules_zero_amount_refused(void)
{
	/* The inception rule has no minimum, but a year applied for with nothing is no year. */
	valid(PT_INCEPTION);
	set_year(1, 0);
	check(&KENYA);
	expect_one("amount-1", SEC_BUDGET);
	CU_ASSERT(says("between SEK" NBSP "1 and SEK" NBSP "275,000"));
	set_year(1, 1);
	expect_none(&KENYA);
}

static void
test_rules_year_total_empty(void)
{
	valid(PT_PROJECT);
	F.app.year_total[1] = -1;
	check(&KENYA);
	expect_one("amount-2", SEC_BUDGET);
	CU_ASSERT(says("Enter the amount for year 2"));
}

static void
test_rules_sums_off_by_one_krona(void)
{
	valid(PT_PROJECT);
	F.app.amount[0][CAT_TRAVEL]++;
	check_in(LANG_SV, &KENYA, TODAY);
	expect_one("amount-1", SEC_BUDGET);
	CU_ASSERT(says("400" NBSP "001" NBSP "kr"));
	CU_ASSERT(says("400" NBSP "000" NBSP "kr"));
	valid(PT_PROJECT);
	F.app.amount[1][CAT_OTHER]--;
	check(&KENYA);
	expect_one("amount-2", SEC_BUDGET);
	CU_ASSERT(says("add up to SEK" NBSP "399,999, not the SEK" NBSP
	    "400,000 applied for"));
}

static void
test_rules_empty_categories_count_as_zero(void)
{
	int k;

	valid(PT_PROJECT);
	for (k = 0; k < CAT__MAX; k++)
		F.app.amount[0][k] = -1;
	F.app.amount[0][CAT_CONSULTANTS] = 400000;
	expect_none(&KENYA);
	F.app.amount[0][CAT_CONSULTANTS] = -1;
	check(&KENYA);
	expect_one("amount-1", SEC_BUDGET);
	CU_ASSERT(says("add up to SEK" NBSP "0,"));
}

static void
test_rules_other_costs_need_description(void)
{
	valid(PT_PROJECT);
	F.app.other_costs = " ";
	check(&KENYA);
	expect_one("other_costs", SEC_BUDGET);
	CU_ASSERT(says("Describe what the other costs cover"));
	/* Nothing under other: nothing to describe. */
	F.app.amount[0][CAT_OTHER] = 0;
	F.app.amount[0][CAT_TRAVEL] += 10000;
	F.app.amount[1][CAT_OTHER] = -1;
	F.app.amount[1][CAT_TRAVEL] += 10000;
	expect_none(&KENYA);
}

/* Asserts that each description is refused and the message quotes the word as written. */
static void
expect_salary(const char *const list[][2], size_t n)
{
	size_t i;
	char want[128];

	for (i = 0; i < n; i++) {
		valid(PT_PROJECT);
		F.app.other_costs = list[i][0];
		check(&KENYA);
		expect_one("other_costs", SEC_BUDGET);
		snprintf(want, sizeof(want), "\"%s\"", list[i][1]);
		if (!says(want))
			printf("\n  %s: %s", list[i][0], E[0].text);
		CU_ASSERT(says(want));
		CU_ASSERT(says("not eligible"));
	}
}

static void
test_rules_salaries_in_swedish(void)
{
	static const char *const list[][2] = {
		{ "Lön till projektledaren", "Lön" },
		{ "Löner för två tjänstepersoner", "Löner" },
		{ "lönekostnader, resor", "lönekostnader" },
		{ "Koordinatorns månadslön", "månadslön" },
		{ "ÖVERTIDSLÖN", "ÖVERTIDSLÖN" },
		{ "Timlönerna", "Timlönerna" },
		{ "Arvode till talare", "Arvode" },
		{ "sammanträdesARVODEN", "sammanträdesARVODEN" },
		{ "Traktamente under resan", "Traktamente" },
		{ "Tryck och dagtraktamenten", "dagtraktamenten" },
		{ "Tryck (\xe2\x80\x9ctraktamente\xe2\x80\x9d)", "traktamente" }
	};

	expect_salary(list, sizeof(list) / sizeof(list[0]));
}

static void
test_rules_salaries_in_english(void)
{
	static const char *const list[][2] = {
		{ "Salary of the coordinator", "Salary" },
		{ "Staff salaries", "salaries" },
		{ "WAGES", "WAGES" },
		{ "Printing; wage for a driver", "wage" },
		/* A term of two words is quoted whole, as written. */
		{ "per diem for the delegation", "per diem" },
		{ "Per-diems", "Per-diems" },
		{ "PER" NBSP "DIEM", "PER" NBSP "DIEM" },
		{ "Per, diem", "diem" },
		{ "Carpe diem", "diem" },
		{ "perdiems", "perdiems" },
		{ "Daily allowances", "allowances" },
		{ "Honoraria for speakers", "Honoraria" }
	};

	expect_salary(list, sizeof(list) / sizeof(list[0]));
}

static void
test_rules_salary_words_spare_innocent_words(void)
{
	static const char *const ok[] = {
		"Lönsamhetskalkyl", "Belöningar till volontärer", "Lönnträd",
		"Wagering", "Diet", "Salad for the workshop", "Allowed items",
		"Tryckkostnader och lokalhyra", "Printing, office supplies",
		"Kisumu–Borlänge (flyg)", "会议室租金"
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		valid(PT_PROJECT);
		F.app.other_costs = ok[i];
		if (check(&KENYA) != 0)
			printf("\n  %s", ok[i]);
		CU_ASSERT_EQUAL(N, 0);
	}
}

static void
test_rules_contact_required(void)
{
	expect_required(PT_PROJECT, &F.app.contact_name, "contact_name",
	    SEC_CONTACT);
	expect_required(PT_PROJECT, &F.app.contact_email, "contact_email",
	    SEC_CONTACT);
	CU_ASSERT(says("email address"));
	expect_required(PT_PROJECT, &F.app.contact_phone, "contact_phone",
	    SEC_CONTACT);
}

static void
test_rules_contact_email_valid(void)
{
	static const char *const bad[] = {
		"anna", "anna@", "@borlange.se", "anna@borlange",
		"Anna <anna@borlange.se>", "anna@borlange.se, per@borlange.se"
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		valid(PT_PROJECT);
		F.app.contact_email = bad[i];
		check(&KENYA);
		expect_one("contact_email", SEC_CONTACT);
		CU_ASSERT(says("name@kommun.se"));
	}
}

static void
test_rules_empty_draft_lists_every_field_in_form_order(void)
{
	static const char *const want[] = {
		"type", "partner-1", "country", "title_sv", "title_en",
		"summary_en", "background", "theme", "principles", "sdgs",
		"target_groups", "citizen_dialogue", "vulnerable_text",
		"gender_text", "overall_objective", "objective-1", "years",
		"contact_name", "contact_email", "contact_phone"
	};
	struct application *a = &F.app;
	size_t i;
	int y;

	valid(PT_PROJECT);
	memset(a, 0, sizeof(*a));
	a->type = -1;
	a->citizen_dialogue = -1;
	for (y = 1; y <= MAX_YEARS; y++)
		set_year(y, -1);
	check(NULL);
	if (N != sizeof(want) / sizeof(want[0]))
		dump();
	CU_ASSERT_EQUAL_FATAL(N, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < N; i++) {
		CU_ASSERT_STRING_EQUAL(E[i].field, want[i]);
		CU_ASSERT(E[i].text[0] != '\0');
		CU_ASSERT(i == 0 || E[i - 1].section <= E[i].section);
	}
}

/* Breaks one rule in every section, and submits after the round closed. */
static void
break_every_section(void)
{
	valid(PT_PROJECT);
	F.app.partner[0] = 0;			/* partners */
	F.app.gender_text = NULL;		/* project */
	F.ind[0].baseline = NULL;		/* results */
	F.team[7].role = ROLE_OTHER_MEMBER;	/* team */
	F.app.year_total[0]++;			/* budget */
	F.app.contact_phone = "";		/* contact */
}

static void
test_rules_check_section_reports_its_own_section(void)
{
	static const char *const want[SEC__MAX] = {
		"partner-1", "gender_text", "indicator-1-1-1-baseline",
		"team-partner-1", "amount-1", "contact_phone"
	};
	int s;

	break_every_section();
	for (s = 0; s < SEC__MAX; s++) {
		/* No date: the closed round is for submission to judge. */
		N = rules_check_section(A, LANG_EN, (enum section)s, &F.app, &R,
		    &KENYA, E, NERR);
		expect_one(want[s], (enum section)s);
	}
	N = rules_check(A, LANG_EN, &F.app, &R, &KENYA, "2016-04-01", E, NERR);
	CU_ASSERT_EQUAL_FATAL(N, SEC__MAX + 1);
	CU_ASSERT_STRING_EQUAL(E[0].field, "type");
	for (s = 0; s < SEC__MAX; s++) {
		CU_ASSERT_STRING_EQUAL(E[s + 1].field, want[s]);
		CU_ASSERT_EQUAL(E[s + 1].section, (enum section)s);
	}
	CU_ASSERT_EQUAL(rules_check_section(A, LANG_EN, SEC__MAX, &F.app, &R,
	    &KENYA, E, NERR), 0);
}

static void
test_rules_max_smaller_than_count(void)
{
	struct rule_error sentinel = { "untouched", SEC_CONTACT, "untouched" };

	break_every_section();
	E[2] = sentinel;
	N = rules_check(A, LANG_EN, &F.app, &R, &KENYA, "2016-04-01", E, 2);
	CU_ASSERT_EQUAL(N, SEC__MAX + 1);
	CU_ASSERT_STRING_EQUAL(E[0].field, "type");
	CU_ASSERT_STRING_EQUAL(E[1].field, "partner-1");
	CU_ASSERT_PTR_EQUAL(E[2].field, sentinel.field);
	CU_ASSERT_PTR_EQUAL(E[2].text, sentinel.text);
	CU_ASSERT_EQUAL(rules_check(A, LANG_EN, &F.app, &R, &KENYA,
	    "2016-04-01", NULL, 0), SEC__MAX + 1);
	CU_ASSERT_EQUAL(rules_check_section(A, LANG_EN, SEC_BUDGET, &F.app, &R,
	    &KENYA, NULL, 0), 1);
}

/* The one meaning of blank: NULL, empty, ASCII white space and no-break spaces, nothing else. */
static void
test_rules_blank(void)
{
	CU_ASSERT_TRUE(rules_blank(NULL));
	CU_ASSERT_TRUE(rules_blank(""));
	CU_ASSERT_TRUE(rules_blank(" \t\r\n\f\v"));
	CU_ASSERT_TRUE(rules_blank(NBSP));
	CU_ASSERT_TRUE(rules_blank(" " NBSP "\n" NBSP NBSP));
	CU_ASSERT_FALSE(rules_blank("a"));
	CU_ASSERT_FALSE(rules_blank("  x  "));
	CU_ASSERT_FALSE(rules_blank(NBSP "."));
	/* Half a no-break space, or another character of the same lead byte, is text. */
	CU_ASSERT_FALSE(rules_blank("\xc2"));
	CU_ASSERT_FALSE(rules_blank(" \xc2"));
	CU_ASSERT_FALSE(rules_blank("\xc2\xa1"));
	CU_ASSERT_FALSE(rules_blank("\xe2\x80\x8b"));	/* U+200B ZERO WIDTH SPACE is not counted */
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_rules_blank", test_rules_blank },
		{ "test_rules_valid_inception_passes", test_rules_valid_inception_passes },
		{ "test_rules_valid_project_passes", test_rules_valid_project_passes },
		{ "test_rules_valid_three_party_passes", test_rules_valid_three_party_passes },
		{ "test_rules_valid_sections_pass", test_rules_valid_sections_pass },
		{ "test_rules_fill_replaces_names", test_rules_fill_replaces_names },
		{ "test_rules_fill_survives_bad_translations", test_rules_fill_survives_bad_translations },
		{ "test_rules_type_required", test_rules_type_required },
		{ "test_rules_type_not_allowed_in_round", test_rules_type_not_allowed_in_round },
		{ "test_rules_round_closed_before_it_opens", test_rules_round_closed_before_it_opens },
		{ "test_rules_round_open_on_both_boundary_days", test_rules_round_open_on_both_boundary_days },
		{ "test_rules_round_closed_after_it_closes", test_rules_round_closed_after_it_closes },
		{ "test_rules_inception_all_year", test_rules_inception_all_year },
		{ "test_rules_partner_required", test_rules_partner_required },
		{ "test_rules_three_party_needs_two_partners", test_rules_three_party_needs_two_partners },
		{ "test_rules_one_partner_types_refuse_a_second", test_rules_one_partner_types_refuse_a_second },
		{ "test_rules_country_required", test_rules_country_required },
		{ "test_rules_country_ineligible", test_rules_country_ineligible },
		{ "test_rules_partner_in_another_country", test_rules_partner_in_another_country },
		{ "test_rules_titles_required", test_rules_titles_required },
		{ "test_rules_partner_language", test_rules_partner_language },
		{ "test_rules_summary_in_english_required", test_rules_summary_in_english_required },
		{ "test_rules_background_required", test_rules_background_required },
		{ "test_rules_theme_required", test_rules_theme_required },
		{ "test_rules_no_principle", test_rules_no_principle },
		{ "test_rules_no_sdg", test_rules_no_sdg },
		{ "test_rules_target_groups_required", test_rules_target_groups_required },
		{ "test_rules_citizen_dialogue_answered", test_rules_citizen_dialogue_answered },
		{ "test_rules_vulnerable_and_gender_texts_required", test_rules_vulnerable_and_gender_texts_required },
		{ "test_rules_overall_objective_required", test_rules_overall_objective_required },
		{ "test_rules_no_objective", test_rules_no_objective },
		{ "test_rules_objective_without_result", test_rules_objective_without_result },
		{ "test_rules_missing_indicator", test_rules_missing_indicator },
		{ "test_rules_indicator_needs_name_baseline_target", test_rules_indicator_needs_name_baseline_target },
		{ "test_rules_results_numbered_by_position", test_rules_results_numbered_by_position },
		{ "test_rules_team_inception_swedish_side", test_rules_team_inception_swedish_side },
		{ "test_rules_team_inception_partner_side", test_rules_team_inception_partner_side },
		{ "test_rules_team_project_three_to_five_civil_servants", test_rules_team_project_three_to_five_civil_servants },
		{ "test_rules_team_project_partner_side", test_rules_team_project_partner_side },
		{ "test_rules_team_three_party_each_partner", test_rules_team_three_party_each_partner },
		{ "test_rules_team_three_party_member_without_partner", test_rules_team_three_party_member_without_partner },
		{ "test_rules_team_counts_named_members_only", test_rules_team_counts_named_members_only },
		{ "test_rules_years_required", test_rules_years_required },
		{ "test_rules_years_not_chosen_typed_years_checked", test_rules_years_not_chosen_typed_years_checked },
		{ "test_rules_project_one_to_three_years", test_rules_project_one_to_three_years },
		{ "test_rules_inception_two_years_refused", test_rules_inception_two_years_refused },
		{ "test_rules_duration_follows_the_round", test_rules_duration_follows_the_round },
		{ "test_rules_amount_boundaries_swedish", test_rules_amount_boundaries_swedish },
		{ "test_rules_amount_boundaries_english", test_rules_amount_boundaries_english },
		{ "test_rules_amount_checked_every_year", test_rules_amount_checked_every_year },
		{ "test_rules_three_party_ceiling_by_region", test_rules_three_party_ceiling_by_region },
		{ "test_rules_inception_ceiling_by_region", test_rules_inception_ceiling_by_region },
		{ "test_rules_zero_amount_refused", test_rules_zero_amount_refused },
		{ "test_rules_year_total_empty", test_rules_year_total_empty },
		{ "test_rules_sums_off_by_one_krona", test_rules_sums_off_by_one_krona },
		{ "test_rules_empty_categories_count_as_zero", test_rules_empty_categories_count_as_zero },
		{ "test_rules_other_costs_need_description", test_rules_other_costs_need_description },
		{ "test_rules_salaries_in_swedish", test_rules_salaries_in_swedish },
		{ "test_rules_salaries_in_english", test_rules_salaries_in_english },
		{ "test_rules_salary_words_spare_innocent_words", test_rules_salary_words_spare_innocent_words },
		{ "test_rules_contact_required", test_rules_contact_required },
		{ "test_rules_contact_email_valid", test_rules_contact_email_valid },
		{ "test_rules_empty_draft_lists_every_field_in_form_order", test_rules_empty_draft_lists_every_field_in_form_order },
		{ "test_rules_check_section_reports_its_own_section", test_rules_check_section_reports_its_own_section },
		{ "test_rules_max_smaller_than_count", test_rules_max_smaller_than_count },
		{ NULL, NULL }
	};
	int rc;

	if ((A = arena_new(1 << 16)) == NULL)
		return 2;
	rc = unit_run("rules", tests);
	arena_free(A);
	return rc;
}
