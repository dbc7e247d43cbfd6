/*
 * test_comprehensiveness.c - IATI's Dashboard's comprehensiveness tests as kpp computes them: which activities
 * are current, the 365-day rule for disbursements or expenditure, percentages, coordinates, URLs, recipient
 * languages, traceability, and a publisher's summary with its misses.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/conf.h"
#include "domain/labels.h"
#include "iati/comprehensiveness.h"
#include "iati/iati.h"
#include "unit.h"

static struct arena *A;
static struct iati_ctx CTX;

/* A Chinese partnership as db_iati.c reads one, on the demo's story date: everything the tests ask for. */
static struct iati_project *
project(void)
{
	struct iati_project *p = arena_calloc(A, 1, sizeof(*p));
	struct iati_presult *res;

	p->code = "2016-0012";
	p->application_id = 12;
	p->status = "implementation";
	p->planned_start = "2015-07-01";
	p->planned_end = "2017-06-30";
	p->actual_start = "2015-07-01";
	p->gender_marker = 1;
	p->updated = "2016-09-01T10:00:00Z";
	p->title_en = "Open budgeting in Harbin";
	p->title_sv = "Öppen budget i Harbin";
	p->title_local = "哈尔滨公开透明的预算编制";
	p->title_local_lang = "zh";
	p->summary_en = "Uppsala and Harbin open the budget process to residents.";
	p->summary_local = "哈尔滨与瑞典伙伴城市合作，公开预算编制过程。";
	p->country = "CN";
	p->country_name = "China";
	p->country_langs = "zh";
	p->capital_spend = "0.00";
	p->theme_id = 3;
	p->dac_code = "15150";
	p->decided_on = "2015-05-24";
	p->applicant = (struct iati_org){ 11, "Uppsala kommun", NULL, NULL, "212000-3005", NULL, NULL };
	p->partners = arena_calloc(A, 1, sizeof(*p->partners));
	p->partners[0] = (struct iati_org){ 31, "Harbin", "哈尔滨", "zh", NULL, "45.803800", "126.535000" };
	p->npartners = 1;
	p->years = arena_calloc(A, 2, sizeof(*p->years));
	p->years[0] = (struct iati_pyear){ 1, "2015-07-01", "2016-06-30", 400000 };
	p->years[1] = (struct iati_pyear){ 2, "2016-07-01", "2017-06-30", 400000 };
	p->nyears = 2;
	p->payments = arena_calloc(A, 1, sizeof(*p->payments));
	p->payments[0] = (struct iati_payment){ "2016-09-20", 380000, "progress", 1 };
	p->npayments = 1;
	p->incomes = arena_calloc(A, 1, sizeof(*p->incomes));
	p->incomes[0] = (struct iati_income){ "2015-07-20", 400000 };
	p->nincomes = 1;
	p->results = res = arena_calloc(A, 1, sizeof(*res));
	p->nresults = 1;
	res->text = "The budget is published.";
	res->indicators = arena_calloc(A, 1, sizeof(*res->indicators));
	res->nindicators = 1;
	res->indicators[0].name = "Citizens' budget published";
	res->indicators[0].measure = "qualitative";
	return p;
}

static void
score(const struct iati_project *p, const char *today, struct comp_score *s)
{
	struct iati_activity act;

	iati_map(A, &CTX, p, &act);
	comp_score_activity(&act, today, s);
}

static void
test_comp_full_marks(void)
{
	struct comp_score s;
	size_t t;

	score(project(), "2016-09-30", &s);
	CU_ASSERT_TRUE(s.current);
	for (t = 0; t < CT__MAX; t++) {
		if (!s.applies[t] || !s.passes[t])
			fprintf(stderr, "\n  %s: applies %d, passes %d", comp_tests[t].slug, s.applies[t],
			    s.passes[t]);
		CU_ASSERT_TRUE(s.applies[t]);
		CU_ASSERT_TRUE(s.passes[t]);
	}
}

/* The export's context on another day: the actual dates up to then are written. */
static const struct iati_ctx *
on(const char *today)
{
	static struct iati_ctx ctx;

	ctx = CTX;
	snprintf(ctx.today, sizeof(ctx.today), "%s", today);
	return &ctx;
}

static void
test_comp_current_activity(void)
{
	struct iati_project *p = project();
	struct iati_activity act;

	iati_map(A, &CTX, p, &act);
	/* A planned end on or after today. */
	CU_ASSERT_TRUE(comp_is_current(&act, "2017-06-30"));
	CU_ASSERT_FALSE(comp_is_current(&act, "2017-07-01"));
	/* Ended: current for a year after its actual end, on the day a year later included. */
	p->status = "closed";
	p->actual_end = "2017-06-30";
	iati_map(A, on("2018-06-30"), p, &act);
	CU_ASSERT_TRUE(comp_is_current(&act, "2018-06-30"));
	CU_ASSERT_FALSE(comp_is_current(&act, "2018-07-01"));
	/* An actual end still to come is not written (map), so only the planned end counts. */
	p->actual_end = "2017-01-31";
	p->planned_end = "2016-12-31";
	iati_map(A, &CTX, p, &act);
	CU_ASSERT_EQUAL(act.ndates, 3);
	CU_ASSERT_TRUE(comp_is_current(&act, "2016-12-31"));
	CU_ASSERT_FALSE(comp_is_current(&act, "2017-01-01"));
	/* 29 February: the year before is 1 March of the year before. */
	p->actual_start = "2014-07-01";
	p->actual_end = "2015-03-01";
	p->planned_end = "2015-02-28";
	iati_map(A, on("2016-02-29"), p, &act);
	CU_ASSERT_TRUE(comp_is_current(&act, "2016-02-29"));
	p->actual_end = "2015-02-28";
	iati_map(A, on("2016-02-29"), p, &act);
	CU_ASSERT_FALSE(comp_is_current(&act, "2016-02-29"));
	/* No planned end: current while implementing (2) or closed (4), not when cancelled (5). */
	iati_map(A, &CTX, project(), &act);
	act.ndates = 1;
	act.status = 2;
	CU_ASSERT_TRUE(comp_is_current(&act, "2030-01-01"));
	act.status = 4;
	CU_ASSERT_TRUE(comp_is_current(&act, "2030-01-01"));
	act.status = 5;
	CU_ASSERT_FALSE(comp_is_current(&act, "2030-01-01"));
}

static void
test_comp_not_current_counts_nowhere(void)
{
	struct comp_score s;
	size_t t;

	score(project(), "2017-07-01", &s);
	CU_ASSERT_FALSE(s.current);
	for (t = 0; t < CT__MAX; t++)
		CU_ASSERT_FALSE(s.applies[t] || s.passes[t]);
}

static void
test_comp_365_day_rule(void)
{
	struct iati_project *p = project();
	struct comp_score s;

	/* Started 2015-07-01, actually: more than 365 days before 2016-07-01 (2016 is a leap year: 366). */
	score(p, "2016-07-01", &s);
	CU_ASSERT_TRUE(s.applies[CT_SPEND]);
	/* Exactly 365 days is not more than 365. */
	p->actual_start = "2015-07-02";
	score(p, "2016-07-01", &s);
	CU_ASSERT_FALSE(s.applies[CT_SPEND]);
	/* Without an actual start, the planned one counts. */
	p->actual_start = NULL;
	p->planned_start = "2015-06-30";
	score(p, "2016-07-01", &s);
	CU_ASSERT_TRUE(s.applies[CT_SPEND]);
	/* Old enough and nothing paid or spent: a miss, fixed where payments are recorded. */
	p->npayments = 0;
	score(p, "2016-07-01", &s);
	CU_ASSERT_TRUE(s.applies[CT_SPEND]);
	CU_ASSERT_FALSE(s.passes[CT_SPEND]);
	CU_ASSERT_EQUAL(s.fix[CT_SPEND], IF_PAYMENTS);
	/* Expenditure from an approved report is enough. */
	p->spends = arena_calloc(A, 1, sizeof(*p->spends));
	p->spends[0] = (struct iati_spend){ .approved_on = "2016-06-20", .report_kind = "progress",
	    .report_year = 1, .actual = { 150000, -1, -1, -1, -1, -1 },
	    .line = { 150000, -1, -1, -1, -1, -1 } };
	p->nspends = 1;
	score(p, "2016-07-01", &s);
	CU_ASSERT_TRUE(s.passes[CT_SPEND]);
}

static void
test_comp_percentages(void)
{
	struct iati_activity act;
	struct comp_score s;

	iati_map(A, &CTX, project(), &act);
	/* One sector passes whatever its percentage, as the Dashboard reads it; several must add up to 100. */
	act.sectors[1] = (struct iati_sector){ "15110", 40 };
	act.sectors[0].percentage = 60;
	act.nsectors = 2;
	comp_score_activity(&act, "2016-09-30", &s);
	CU_ASSERT_TRUE(s.passes[CT_SECTOR]);
	act.sectors[1].percentage = 30;
	comp_score_activity(&act, "2016-09-30", &s);
	CU_ASSERT_FALSE(s.passes[CT_SECTOR]);
	CU_ASSERT_EQUAL(s.fix[CT_SECTOR], IF_THEME);
	CU_ASSERT_EQUAL(s.fix_id[CT_SECTOR], 3);
	/* A withdrawn or unknown DAC code fails the DAC sector test. */
	act.nsectors = 1;
	act.sectors[0] = (struct iati_sector){ "99999", 100 };
	comp_score_activity(&act, "2016-09-30", &s);
	CU_ASSERT_TRUE(s.passes[CT_SECTOR]);
	CU_ASSERT_FALSE(s.passes[CT_DAC_SECTOR]);
	/* No country: neither the country test nor, with no one recipient country, the language test. */
	act.country = NULL;
	comp_score_activity(&act, "2016-09-30", &s);
	CU_ASSERT_FALSE(s.passes[CT_COUNTRY]);
	CU_ASSERT_FALSE(s.applies[CT_RECIPIENT_LANGUAGE]);
}

static void
test_comp_coordinates(void)
{
	struct iati_project *p = project();
	struct comp_score s;

	CU_ASSERT_TRUE(comp_valid_coords("45.8038 126.535"));
	CU_ASSERT_TRUE(comp_valid_coords("-0.091702 34.767956"));
	CU_ASSERT_TRUE(comp_valid_coords("0 34.7"));
	CU_ASSERT_TRUE(comp_valid_coords("-90 180"));
	CU_ASSERT_FALSE(comp_valid_coords("0 0"));
	CU_ASSERT_FALSE(comp_valid_coords("0.000 -0.0"));
	CU_ASSERT_FALSE(comp_valid_coords("90.5 10"));
	CU_ASSERT_FALSE(comp_valid_coords("10 -180.01"));
	CU_ASSERT_FALSE(comp_valid_coords("45.8,126.5"));
	CU_ASSERT_FALSE(comp_valid_coords("45.8  126.5"));
	CU_ASSERT_FALSE(comp_valid_coords("45.8 126.5 3"));
	CU_ASSERT_FALSE(comp_valid_coords("north east"));
	CU_ASSERT_FALSE(comp_valid_coords("1e1 2"));
	CU_ASSERT_FALSE(comp_valid_coords(""));
	CU_ASSERT_FALSE(comp_valid_coords(NULL));
	/* The partner's coordinates become the location's point, the stored zeros left out. */
	score(p, "2016-09-30", &s);
	CU_ASSERT_TRUE(s.passes[CT_LOCATION]);
	CU_ASSERT_TRUE(s.passes[CT_COORDINATES]);
	{
		struct iati_activity act;

		iati_map(A, &CTX, p, &act);
		CU_ASSERT_EQUAL_FATAL(act.nlocations, 1);
		CU_ASSERT_STRING_EQUAL(act.locations[0].pos, "45.8038 126.535");
	}
	/* A partner without coordinates still names the place, and the miss links to the partner. */
	p->partners[0].lat = NULL;
	p->partners[0].lng = NULL;
	score(p, "2016-09-30", &s);
	CU_ASSERT_TRUE(s.passes[CT_LOCATION]);
	CU_ASSERT_FALSE(s.passes[CT_COORDINATES]);
	CU_ASSERT_EQUAL(s.fix[CT_COORDINATES], IF_ORG);
	CU_ASSERT_EQUAL(s.fix_id[CT_COORDINATES], 31);
	/* No partner at all: no location. */
	p->npartners = 0;
	score(p, "2016-09-30", &s);
	CU_ASSERT_FALSE(s.passes[CT_LOCATION]);
	CU_ASSERT_FALSE(s.passes[CT_COORDINATES]);
}

static void
test_comp_urls(void)
{
	struct iati_ctx ctx = CTX;
	struct iati_activity act;
	struct comp_score s;

	CU_ASSERT_TRUE(comp_valid_url("https://portal.icld.se/partnerships/2016-0012"));
	CU_ASSERT_TRUE(comp_valid_url("http://127.0.0.1:8080/partnerships/2016-0012"));
	CU_ASSERT_FALSE(comp_valid_url("ftp://portal.icld.se/x"));
	CU_ASSERT_FALSE(comp_valid_url("https://"));
	CU_ASSERT_FALSE(comp_valid_url("https:///partnerships"));
	CU_ASSERT_FALSE(comp_valid_url("/partnerships/2016-0012"));
	CU_ASSERT_FALSE(comp_valid_url("https://portal.icld.se/a b"));
	CU_ASSERT_FALSE(comp_valid_url(""));
	CU_ASSERT_FALSE(comp_valid_url(NULL));
	/* The public page's absolute URL, category A12, from the configured address. */
	iati_map(A, &ctx, project(), &act);
	CU_ASSERT_EQUAL_FATAL(act.ndoclinks, 1);
	CU_ASSERT_STRING_EQUAL(act.doclinks[0].url, "https://portal.icld.se/partnerships/2016-0012");
	CU_ASSERT_STRING_EQUAL(act.doclinks[0].category, "A12");
	/* No address configured: no link, and the miss points to the configuration. */
	ctx.public_url = "";
	iati_map(A, &ctx, project(), &act);
	CU_ASSERT_EQUAL(act.ndoclinks, 0);
	comp_score_activity(&act, "2016-09-30", &s);
	CU_ASSERT_FALSE(s.passes[CT_DOCUMENT]);
	CU_ASSERT_EQUAL(s.fix[CT_DOCUMENT], IF_NONE);
	/* A link with a bad address or category fails the test. */
	ctx.public_url = "portal.icld.se";
	iati_map(A, &ctx, project(), &act);
	comp_score_activity(&act, "2016-09-30", &s);
	CU_ASSERT_FALSE(s.passes[CT_DOCUMENT]);
	iati_map(A, &CTX, project(), &act);
	act.doclinks[0].category = "A13";
	comp_score_activity(&act, "2016-09-30", &s);
	CU_ASSERT_FALSE(s.passes[CT_DOCUMENT]);
}

static void
test_comp_recipient_languages(void)
{
	struct iati_project *p = project();
	struct comp_score s;

	CU_ASSERT_TRUE(lang_list_has("sq,sr,bs", "sr"));
	CU_ASSERT_TRUE(lang_list_has("zh", "zh"));
	CU_ASSERT_FALSE(lang_list_has("sq,sr", "s"));
	CU_ASSERT_FALSE(lang_list_has("sq,sr", "sr,"));
	CU_ASSERT_FALSE(lang_list_has("", "en"));
	CU_ASSERT_FALSE(lang_list_has(NULL, "en"));
	/* China: the title and the description in Chinese. */
	score(p, "2016-09-30", &s);
	CU_ASSERT_TRUE(s.passes[CT_RECIPIENT_LANGUAGE]);
	/* The title alone is not enough. */
	p->summary_local = NULL;
	score(p, "2016-09-30", &s);
	CU_ASSERT_TRUE(s.applies[CT_RECIPIENT_LANGUAGE]);
	CU_ASSERT_FALSE(s.passes[CT_RECIPIENT_LANGUAGE]);
	CU_ASSERT_EQUAL(s.fix[CT_RECIPIENT_LANGUAGE], IF_APP_PROJECT);
	/* Kenya speaks English: the activity's own language passes. */
	p = project();
	p->country = "KE";
	p->country_langs = "sw,en";
	p->title_local = NULL;
	p->summary_local = NULL;
	score(p, "2016-09-30", &s);
	CU_ASSERT_TRUE(s.passes[CT_RECIPIENT_LANGUAGE]);
	/* A country whose languages nobody recorded: the miss points to the country. */
	p->country_langs = "";
	score(p, "2016-09-30", &s);
	CU_ASSERT_FALSE(s.passes[CT_RECIPIENT_LANGUAGE]);
	CU_ASSERT_EQUAL(s.fix[CT_RECIPIENT_LANGUAGE], IF_COUNTRY);
	/* Swedish is no language of China's. */
	p = project();
	p->title_local_lang = "sv";
	score(p, "2016-09-30", &s);
	CU_ASSERT_FALSE(s.passes[CT_RECIPIENT_LANGUAGE]);
}

static void
test_comp_traceability(void)
{
	struct iati_project *p = project();
	struct iati_ctx ctx = CTX;
	struct iati_activity act;
	struct comp_score s;
	size_t i;

	/* Sida's activity on the funder and on the incoming funds. */
	iati_map(A, &ctx, p, &act);
	CU_ASSERT_STRING_EQUAL(act.orgs[0].activity_id, "SE-0-SE-6-5501017701-GGG-15112");
	for (i = 0; i < act.ntransactions && act.transactions[i].type != IATI_INCOMING; i++)
		;
	CU_ASSERT_FATAL(i < act.ntransactions);
	CU_ASSERT_STRING_EQUAL(act.transactions[i].date, "2015-07-20");
	CU_ASSERT_EQUAL(act.transactions[i].value, 400000);
	CU_ASSERT_TRUE(act.transactions[i].from_sida);
	/* ICLD extends the funds: the Dashboard counts it as a donor publisher, traced by definition. */
	comp_score_activity(&act, "2016-09-30", &s);
	CU_ASSERT_TRUE(s.applies[CT_TRACEABILITY] && s.passes[CT_TRACEABILITY]);
	/* Not the extending organisation: the incoming funds must name Sida's activity. */
	act.orgs[1].ref = "SE-0";
	comp_score_activity(&act, "2016-09-30", &s);
	CU_ASSERT_TRUE(s.applies[CT_TRACEABILITY] && s.passes[CT_TRACEABILITY]);
	ctx.sida_activity = "";
	iati_map(A, &ctx, p, &act);
	act.orgs[1].ref = "SE-0";
	comp_score_activity(&act, "2016-09-30", &s);
	CU_ASSERT_TRUE(s.applies[CT_TRACEABILITY]);
	CU_ASSERT_FALSE(s.passes[CT_TRACEABILITY]);
	/* Neither incoming funds nor a donor publisher: the test does not apply. */
	p->nincomes = 0;
	iati_map(A, &ctx, p, &act);
	act.orgs[1].ref = "SE-0";
	comp_score_activity(&act, "2016-09-30", &s);
	CU_ASSERT_FALSE(s.applies[CT_TRACEABILITY]);
	/* Capital spend: 0 is a value, and it is written. */
	iati_map(A, &CTX, project(), &act);
	CU_ASSERT_STRING_EQUAL(act.capital_spend, "0");
}

static void
test_comp_summary(void)
{
	struct comp_summary *sum = arena_calloc(A, 1, sizeof(*sum));
	struct iati_project *p;
	struct iati_activity act;
	int i;

	comp_summary_init(sum, A);
	/* 3 current activities, one without coordinates; 1 ended long ago. */
	for (i = 0; i < 4; i++) {
		p = project();
		p->code = arena_printf(A, "2016-00%02d", i + 1);
		if (i == 1)
			p->partners[0].lat = NULL;
		if (i == 3) {
			p->planned_end = "2016-06-30";
			p->actual_end = "2014-06-30";
		}
		iati_map(A, &CTX, p, &act);
		comp_summary_add(sum, &act, "2016-09-30");
	}
	CU_ASSERT_EQUAL(sum->activities, 4);
	CU_ASSERT_EQUAL(sum->current, 3);
	CU_ASSERT_EQUAL(sum->denominator[CT_COORDINATES], 3);
	CU_ASSERT_EQUAL(sum->numerator[CT_COORDINATES], 2);
	CU_ASSERT_EQUAL(comp_percent(sum, CT_COORDINATES), 67);
	CU_ASSERT_EQUAL(comp_percent(sum, CT_TITLE), 100);
	CU_ASSERT_EQUAL_FATAL(sum->nmisses[CT_COORDINATES], 1);
	CU_ASSERT_STRING_EQUAL(sum->misses[CT_COORDINATES][0].code, "2016-0002");
	CU_ASSERT_STRING_EQUAL(sum->misses[CT_COORDINATES][0].href, "/organisations/31/edit");
	/* Value added: 8 of 9 tests at 100, one at 67: (800 + 67) / 9 = 96.3. */
	CU_ASSERT_EQUAL(comp_group_average(sum, CG_VALUE_ADDED), 96);
	CU_ASSERT_EQUAL(comp_group_average(sum, CG_CORE), 100);
	/* A test nothing applies to is no percentage, and weighs 0 in its group's average. */
	comp_summary_init(sum, A);
	p = project();
	p->actual_start = "2016-07-01";
	p->planned_start = "2016-07-01";
	iati_map(A, &CTX, p, &act);
	comp_summary_add(sum, &act, "2016-09-30");
	CU_ASSERT_EQUAL(comp_percent(sum, CT_SPEND), -1);
	CU_ASSERT_EQUAL(comp_group_average(sum, CG_FINANCIALS), 75);
	/* Rounding half up: 1 of 8 is 12.5 %. */
	sum->denominator[CT_BUDGET] = 8;
	sum->numerator[CT_BUDGET] = 1;
	CU_ASSERT_EQUAL(comp_percent(sum, CT_BUDGET), 13);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_comp_full_marks", test_comp_full_marks },
		{ "test_comp_current_activity", test_comp_current_activity },
		{ "test_comp_not_current_counts_nowhere", test_comp_not_current_counts_nowhere },
		{ "test_comp_365_day_rule", test_comp_365_day_rule },
		{ "test_comp_percentages", test_comp_percentages },
		{ "test_comp_coordinates", test_comp_coordinates },
		{ "test_comp_urls", test_comp_urls },
		{ "test_comp_recipient_languages", test_comp_recipient_languages },
		{ "test_comp_traceability", test_comp_traceability },
		{ "test_comp_summary", test_comp_summary },
		{ NULL, NULL },
	};
	static struct conf c;
	int rc;

	A = arena_new(1 << 20);
	c.iati_org_ref = "SE-ON-2220000315";
	c.iati_org_type = "15";
	c.iati_org_name = "International Centre for Local Democracy (ICLD)";
	c.iati_contact_email = "info@icld.se";
	c.public_url = "https://portal.icld.se";
	c.iati_sida_activity = "SE-0-SE-6-5501017701-GGG-15112";
	iati_ctx_init(&CTX, &c, "2016-09-30", 1480000000);
	rc = unit_run("comprehensiveness", tests);
	arena_free(A);
	return rc;
}
