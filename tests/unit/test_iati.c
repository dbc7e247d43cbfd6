/* test_iati.c - the IATI export: each element's mapping, budget periods by the calendar, shares, text for XML, the rules. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/arena.h"
#include "core/conf.h"
#include "domain/project_status.h"
#include "iati/iati.h"
#include "iati/iati_rules.h"
#include "unit.h"

#define D(y, m, d)	((struct ymd){ (y), (m), (d) })

static struct arena *A;

static const char *
iso(struct ymd d)
{
	static char buf[8][16];
	static int k;

	k = (k + 1) % 8;
	snprintf(buf[k], sizeof(buf[k]), "%04d-%02d-%02d", d.y, d.m, d.d);
	return buf[k];
}

/* The configuration's [iati] as conf/kpp.conf has it, and a day in the programme's life. */
static void
ctx_make(struct iati_ctx *ctx, const char *today, const char *now)
{
	static struct conf c;

	c.iati_org_ref = "SE-ON-2220000315";
	c.iati_org_type = "15";
	c.iati_org_name = "International Centre for Local Democracy (ICLD)";
	c.iati_contact_email = "info@icld.se";
	iati_ctx_init(ctx, &c, today, 0);
	snprintf(ctx->now, sizeof(ctx->now), "%s", now);
	/* The tests' real moments are at midday, the same day in Sweden as in UTC. */
	snprintf(ctx->real_today, sizeof(ctx->real_today), "%.10s", now);
	snprintf(ctx->today, sizeof(ctx->today), "%s", today);
}

/*
 * A project as db_iati.c reads one: two partners (one with a Swahili name), a co-applicant, two SDGs,
 * three project years of which the second runs three months over a year, two payments, an approved
 * report's expenditure, and a results framework with a quantitative and a qualitative indicator.
 */
static struct iati_project *
sample(void)
{
	struct iati_project *p = arena_calloc(A, 1, sizeof(*p));
	struct iati_presult *res;
	struct iati_pindicator *ind;

	p->id = 7;
	p->application_id = 70;
	p->code = "2016-0033";
	p->type = "project";
	p->status = "implementation";
	p->planned_start = "2016-07-01";
	p->planned_end = "2019-06-30";
	p->actual_start = "2016-07-01";
	p->gender_marker = 2;
	p->updated = "2016-09-01T10:00:00Z";
	p->title_en = "Citizen dialogue in Kisumu";
	p->title_sv = "Medborgardialog i Kisumu";
	p->title_local = "Mazungumzo na wananchi Kisumu";
	p->title_local_lang = "sw";
	p->summary_en = "Borlänge and Kisumu develop citizen dialogue.";
	p->summary_sv = "Borlänge och Kisumu utvecklar medborgardialog.";
	p->country = "KE";
	p->country_name = "Kenya";
	p->theme_id = 2;
	p->dac_code = "15150";
	p->decided_on = "2016-05-24";
	p->follows = "2015-0004";
	p->applicant = (struct iati_org){ 11, "Borlänge kommun", NULL, NULL, "212000-2171", NULL, NULL };
	p->coapplicants = arena_calloc(A, 1, sizeof(*p->coapplicants));
	p->coapplicants[0] = (struct iati_org){ 12, "Falu kommun", NULL, NULL, "212000-2148", NULL, NULL };
	p->ncoapplicants = 1;
	p->partners = arena_calloc(A, 2, sizeof(*p->partners));
	p->partners[0] = (struct iati_org){ 21, "Kisumu County", "Kaunti ya Kisumu", "sw", NULL, NULL, NULL };
	p->partners[1] = (struct iati_org){ 22, "Kisumu City", NULL, NULL, NULL, NULL, NULL };
	p->npartners = 2;
	p->sdgs = arena_calloc(A, 2, sizeof(*p->sdgs));
	p->sdgs[0] = (struct iati_sdg){ 5, "Gender equality" };
	p->sdgs[1] = (struct iati_sdg){ 16, "Peace, justice and strong institutions" };
	p->nsdgs = 2;
	p->years = arena_calloc(A, 3, sizeof(*p->years));
	p->years[0] = (struct iati_pyear){ 1, "2016-07-01", "2017-06-30", 400000 };
	p->years[1] = (struct iati_pyear){ 2, "2017-07-01", "2018-09-30", 460000 };
	p->years[2] = (struct iati_pyear){ 3, "2018-10-01", "2019-06-30", 300000 };
	p->nyears = 3;
	p->payments = arena_calloc(A, 2, sizeof(*p->payments));
	p->payments[0] = (struct iati_payment){ "2016-09-20", 120000, "progress", 1 };
	p->payments[1] = (struct iati_payment){ "2016-06-15", 50000, "progress", 1 };
	p->npayments = 2;
	p->spends = arena_calloc(A, 1, sizeof(*p->spends));
	/* Year 1 reports 170 000: travel 30 000 over its line, meetings 20 000 under hers; 140 000 eligible. */
	p->spends[0] = (struct iati_spend){ .approved_on = "2016-09-10", .report_kind = "progress",
	    .report_year = 1, .actual = { 130000, REIMBURSE_NONE, 40000, REIMBURSE_NONE, REIMBURSE_NONE,
	    REIMBURSE_NONE },
	    .line = { 100000, 100000, 60000, 100000, 20000, 20000 } };
	p->nspends = 1;
	p->results = res = arena_calloc(A, 2, sizeof(*res));
	p->nresults = 2;
	res[0].objective = "Citizens take part in planning.";
	res[0].text = "Dialogues held in every ward.";
	res[0].indicators = ind = arena_calloc(A, 1, sizeof(*ind));
	res[0].nindicators = 1;
	ind->name = "Dialogues held";
	ind->measure = "unit";
	ind->unit = "dialogues";
	ind->ascending = 1;
	ind->baseline_value = "2.00";
	ind->baseline_year = 2016;
	ind->target_value = "12.50";
	ind->actuals = arena_calloc(A, 2, sizeof(*ind->actuals));
	ind->actuals[0] = (struct iati_actual){ 1, 0, "4.00", NULL };
	ind->actuals[1] = (struct iati_actual){ 1, 1, "5.00", "Counted again for the final report" };
	ind->nactuals = 2;
	res[1].objective = "The council publishes its budget.";
	res[1].text = "Citizens' budget published.";
	res[1].indicators = ind = arena_calloc(A, 1, sizeof(*ind));
	res[1].nindicators = 1;
	ind->name = "Citizens' budget";
	ind->measure = "qualitative";
	ind->baseline_year = 2016;
	ind->baseline_text = "Not published";
	ind->target_text = "Published every year";
	return p;
}

static struct iati_ctx CTX;

static void
map(const struct iati_project *p, struct iati_activity *act)
{
	iati_map(A, &CTX, p, act);
}

static void
test_iati_identification(void)
{
	struct iati_activity act;

	map(sample(), &act);
	CU_ASSERT_STRING_EQUAL(act.identifier, "SE-ON-2220000315-2016-0033");
	CU_ASSERT_STRING_EQUAL(act.last_updated, "2016-09-01T10:00:00Z");
	CU_ASSERT_STRING_EQUAL(act.lang, "en");
	CU_ASSERT_STRING_EQUAL(act.currency, "SEK");
	CU_ASSERT_STRING_EQUAL(act.reporting_ref, "SE-ON-2220000315");
	CU_ASSERT_STRING_EQUAL(act.reporting_type, "15");
	CU_ASSERT_EQUAL(act.reporting_name.count, 1);
	CU_ASSERT_STRING_EQUAL(act.collaboration, "1");
	CU_ASSERT_STRING_EQUAL(act.flow, "10");
	CU_ASSERT_STRING_EQUAL(act.finance, "110");
	CU_ASSERT_STRING_EQUAL(act.aid, "C01");
	CU_ASSERT_STRING_EQUAL(act.contact_email, "info@icld.se");
}

static void
test_iati_texts(void)
{
	struct iati_project *p = sample();
	struct iati_activity act;

	map(p, &act);
	CU_ASSERT_EQUAL_FATAL(act.title.count, 3);
	CU_ASSERT_PTR_NULL(act.title.n[0].lang);
	CU_ASSERT_STRING_EQUAL(act.title.n[0].text, "Citizen dialogue in Kisumu");
	CU_ASSERT_STRING_EQUAL(act.title.n[1].lang, "sv");
	CU_ASSERT_STRING_EQUAL(act.title.n[2].lang, "sw");
	CU_ASSERT_STRING_EQUAL(act.title.n[2].text, "Mazungumzo na wananchi Kisumu");
	CU_ASSERT_EQUAL_FATAL(act.description.count, 2);
	CU_ASSERT_STRING_EQUAL(act.description.n[1].lang, "sv");
	/* A partner-language title said to be English, or blank texts, add nothing. */
	p->title_local_lang = "en";
	p->summary_sv = "  \n";
	map(p, &act);
	CU_ASSERT_EQUAL(act.title.count, 2);
	CU_ASSERT_EQUAL(act.description.count, 1);
}

static void
test_iati_participants(void)
{
	struct iati_activity act;

	map(sample(), &act);
	CU_ASSERT_EQUAL_FATAL(act.norgs, 6);
	/* Sida funds, ICLD extends, the Swedish members and the partners implement. */
	CU_ASSERT_EQUAL(act.orgs[0].role, 1);
	CU_ASSERT_STRING_EQUAL(act.orgs[0].ref, "SE-0");
	CU_ASSERT_STRING_EQUAL(act.orgs[0].type, "10");
	CU_ASSERT_EQUAL(act.orgs[1].role, 3);
	CU_ASSERT_STRING_EQUAL(act.orgs[1].ref, "SE-ON-2220000315");
	CU_ASSERT_EQUAL(act.orgs[2].role, 4);
	CU_ASSERT_STRING_EQUAL(act.orgs[2].ref, "SE-ON-2120002171");
	CU_ASSERT_STRING_EQUAL(act.orgs[2].type, "11");
	CU_ASSERT_STRING_EQUAL(act.orgs[2].name.n[0].lang, "sv");
	CU_ASSERT_STRING_EQUAL(act.orgs[3].ref, "SE-ON-2120002148");
	CU_ASSERT_EQUAL(act.orgs[4].role, 4);
	CU_ASSERT_PTR_NULL(act.orgs[4].ref);
	CU_ASSERT_STRING_EQUAL(act.orgs[4].type, "11");
	CU_ASSERT_EQUAL_FATAL(act.orgs[4].name.count, 2);
	CU_ASSERT_STRING_EQUAL(act.orgs[4].name.n[1].lang, "sw");
	CU_ASSERT_STRING_EQUAL(act.orgs[4].name.n[1].text, "Kaunti ya Kisumu");
	CU_ASSERT_EQUAL(act.orgs[4].org_id, 21);
	CU_ASSERT_EQUAL(act.orgs[5].name.count, 1);
}

static void
test_iati_status_and_dates(void)
{
	static const char *const st[] = { "implementation", "finalisation", "closed", "cancelled" };
	struct iati_project *p = sample();
	struct iati_activity act;
	int i;

	for (i = 0; i < 4; i++) {
		p->status = st[i];
		map(p, &act);
		CU_ASSERT_EQUAL(act.status, i + 2);
	}
	p->status = "implementation";
	map(p, &act);
	CU_ASSERT_EQUAL_FATAL(act.ndates, 3);
	CU_ASSERT_EQUAL(act.dates[0].type, 1);
	CU_ASSERT_EQUAL(act.dates[1].type, 2);
	CU_ASSERT_EQUAL(act.dates[2].type, 3);
	CU_ASSERT_STRING_EQUAL(act.dates[2].date, "2019-06-30");
	/* An actual date after the programme's today has not happened: left out, and noted. */
	p->actual_start = "2016-10-01";
	p->actual_end = "2016-12-31";
	map(p, &act);
	CU_ASSERT_EQUAL(act.ndates, 2);
	CU_ASSERT_STRING_EQUAL(act.future_actual_start, "2016-10-01");
	CU_ASSERT_STRING_EQUAL(act.future_actual_end, "2016-12-31");
	p->actual_start = "2016-07-01";
	p->actual_end = "2016-09-30";
	map(p, &act);
	CU_ASSERT_EQUAL(act.ndates, 4);
	CU_ASSERT_EQUAL(act.dates[3].type, 4);
	CU_ASSERT_PTR_NULL(act.future_actual_end);
}

static void
test_iati_status_before_start(void)
{
	struct iati_project *p = sample();
	struct iati_activity act;

	/* Approved in 2016, starting in July 2017: pipeline (1) until its first day, the planned one. */
	p->actual_start = NULL;
	p->planned_start = "2017-07-01";
	map(p, &act);
	CU_ASSERT_EQUAL(act.status, 1);
	ctx_make(&CTX, "2017-06-30", "2017-06-30T12:00:00Z");
	map(p, &act);
	CU_ASSERT_EQUAL(act.status, 1);
	ctx_make(&CTX, "2017-07-01", "2017-07-01T12:00:00Z");
	map(p, &act);
	CU_ASSERT_EQUAL(act.status, 2);
	/* An actual start, where known, is the first day. */
	ctx_make(&CTX, "2016-09-30", "2016-09-30T12:00:00Z");
	p->actual_start = "2016-09-01";
	map(p, &act);
	CU_ASSERT_EQUAL(act.status, 2);
	/* Only an implementation waits for its start: a project cancelled before it is cancelled. */
	p->actual_start = NULL;
	p->status = "cancelled";
	map(p, &act);
	CU_ASSERT_EQUAL(act.status, 5);
	/* The words the pages show for it, through the same rule. */
	CU_ASSERT_STRING_EQUAL(project_status_on("implementation", "2017-07-01", "2016-09-30"), "approved");
	CU_ASSERT_STRING_EQUAL(project_status_on("implementation", "2017-07-01", "2017-07-01"),
	    "implementation");
	CU_ASSERT_STRING_EQUAL(project_status_label(A, LANG_EN, "implementation", "2017-07-01",
	    "2016-09-30"), "Approved, starts on 2017-07-01");
}

static void
test_iati_classifications(void)
{
	struct iati_project *p = sample();
	struct iati_activity act;

	map(p, &act);
	CU_ASSERT_STRING_EQUAL(act.country, "KE");
	CU_ASSERT_EQUAL(act.country_percentage, 100);
	CU_ASSERT_EQUAL_FATAL(act.nsectors, 1);
	CU_ASSERT_STRING_EQUAL(act.sectors[0].code, "15150");
	CU_ASSERT_EQUAL(act.sectors[0].percentage, 100);
	CU_ASSERT_EQUAL_FATAL(act.ntags, 2);
	CU_ASSERT_EQUAL(act.tags[0].goal, 5);
	CU_ASSERT_EQUAL(act.tags[1].goal, 16);
	CU_ASSERT_EQUAL(act.gender_significance, 2);
	CU_ASSERT_EQUAL_FATAL(act.nrelated, 1);
	CU_ASSERT_STRING_EQUAL(act.related[0].ref, "SE-ON-2220000315-2015-0004");
	CU_ASSERT_EQUAL(act.related[0].type, 3);
	/* No thematic area, no country, no marker: none of them in the activity. */
	p->dac_code = NULL;
	p->country = NULL;
	p->gender_marker = -1;
	p->follows = NULL;
	p->followed_by = (const char *[]){ "2017-0002" };
	p->nfollowed_by = 1;
	map(p, &act);
	CU_ASSERT_EQUAL(act.nsectors, 0);
	CU_ASSERT_PTR_NULL(act.country);
	CU_ASSERT_EQUAL(act.gender_significance, -1);
	CU_ASSERT_EQUAL_FATAL(act.nrelated, 1);
	CU_ASSERT_STRING_EQUAL(act.related[0].ref, "SE-ON-2220000315-2017-0002");
}

static void
test_iati_budgets(void)
{
	struct iati_activity act;
	long long sum = 0;
	size_t i;

	map(sample(), &act);
	/* Year 2 (2017-07-01 to 2018-09-30) becomes a year and a quarter. */
	CU_ASSERT_EQUAL_FATAL(act.nbudgets, 4);
	CU_ASSERT_STRING_EQUAL(act.budgets[0].start, "2016-07-01");
	CU_ASSERT_STRING_EQUAL(act.budgets[0].end, "2017-06-30");
	CU_ASSERT_EQUAL(act.budgets[0].value, 400000);
	CU_ASSERT_EQUAL(act.budgets[0].part, 0);
	CU_ASSERT_STRING_EQUAL(act.budgets[1].start, "2017-07-01");
	CU_ASSERT_STRING_EQUAL(act.budgets[1].end, "2018-06-30");
	CU_ASSERT_STRING_EQUAL(act.budgets[2].start, "2018-07-01");
	CU_ASSERT_STRING_EQUAL(act.budgets[2].end, "2018-09-30");
	CU_ASSERT_EQUAL(act.budgets[1].part, 1);
	CU_ASSERT_EQUAL(act.budgets[2].parts, 2);
	CU_ASSERT_STRING_EQUAL(act.budgets[2].value_date, "2018-07-01");
	/* Shared by days: 365 and 92 of 457. */
	CU_ASSERT_EQUAL(act.budgets[1].value, 367396);	/* 367 396.06 */
	CU_ASSERT_EQUAL(act.budgets[2].value, 92604);	/* 92 603.94: the remainder's krona */
	CU_ASSERT_EQUAL(act.budgets[1].value + act.budgets[2].value, 460000);
	for (i = 0; i < act.nbudgets; i++)
		sum += act.budgets[i].value;
	CU_ASSERT_EQUAL(sum, 400000 + 460000 + 300000);
}

static void
test_iati_transactions(void)
{
	struct iati_activity act;

	map(sample(), &act);
	CU_ASSERT_EQUAL_FATAL(act.ntransactions, 4);
	/* By date: the commitment at the decision with the years' total, then as paid and reported. */
	CU_ASSERT_EQUAL(act.transactions[0].type, 2);
	CU_ASSERT_STRING_EQUAL(act.transactions[0].date, "2016-05-24");
	CU_ASSERT_EQUAL(act.transactions[0].value, 1160000);
	CU_ASSERT_EQUAL(act.transactions[1].type, 3);
	CU_ASSERT_STRING_EQUAL(act.transactions[1].date, "2016-06-15");
	/* The expenditure is what ICLD judged eligible, and its description says so. */
	CU_ASSERT_EQUAL(act.transactions[2].type, 4);
	CU_ASSERT_EQUAL(act.transactions[2].value, 140000);
	CU_ASSERT_PTR_NOT_NULL_FATAL(strstr(act.transactions[2].description,
	    "Eligible costs approved in the progress report for project year 1: the reported costs, "
	    "each cost category up to its approved budget line"));
	CU_ASSERT_EQUAL(act.transactions[3].type, 3);
	CU_ASSERT_EQUAL(act.transactions[3].value, 120000);
	CU_ASSERT(act.transactions[3].receiver);
	CU_ASSERT_FALSE(act.transactions[2].receiver);
}

/*
 * A year's costs net of refunds as its expenditure: a category's refund (a negative cost, money that
 * came back) lowers the eligible sum as it lowers the reimbursement; a year where more came back than
 * was spent has no expenditure at all.
 */
static void
test_iati_expenditure_net_of_refunds(void)
{
	static const long long lines[REIMBURSE_CATEGORIES] = { 100000, 100000, 60000, 100000, 20000, 20000 };
	struct iati_project *p = sample();
	struct iati_activity act;
	size_t i, k, n;

	p->spends = arena_calloc(A, 3, sizeof(*p->spends));
	p->spends[0] = (struct iati_spend){ .approved_on = "2016-09-10", .report_kind = "progress",
	    .report_year = 1, .actual = { 90000, -5000, 40000, REIMBURSE_NONE, REIMBURSE_NONE,
	    REIMBURSE_NONE } };	/* 130 000 less a refund of 5 000 */
	p->spends[1] = (struct iati_spend){ .approved_on = "2017-09-10", .report_kind = "progress",
	    .report_year = 2, .actual = { 1000, -5000, REIMBURSE_NONE, REIMBURSE_NONE, REIMBURSE_NONE,
	    REIMBURSE_NONE } };	/* more came back than was spent */
	p->spends[2] = (struct iati_spend){ .approved_on = "2018-09-10", .report_kind = "progress",
	    .report_year = 3, .actual = { 0, 0, 0, 0, 0, 0 } };
	for (i = 0; i < 3; i++)
		for (k = 0; k < REIMBURSE_CATEGORIES; k++)
			p->spends[i].line[k] = lines[k];
	p->nspends = 3;
	map(p, &act);
	for (i = n = 0; i < act.ntransactions; i++) {
		if (act.transactions[i].type != 4)
			continue;
		n++;
		CU_ASSERT_EQUAL(act.transactions[i].value, 125000);
		CU_ASSERT_STRING_EQUAL(act.transactions[i].date, "2016-09-10");
	}
	/* No expenditure of nothing or less than nothing: the money that came back was never spent. */
	CU_ASSERT_EQUAL(n, 1);
}

static void
test_iati_results(void)
{
	struct iati_activity act;
	const struct iati_indicator *q, *t;

	map(sample(), &act);
	CU_ASSERT_EQUAL_FATAL(act.nresults, 2);
	CU_ASSERT_EQUAL(act.results[0].type, 1);
	CU_ASSERT_STRING_EQUAL(act.results[0].title.n[0].text, "Dialogues held in every ward.");
	CU_ASSERT_STRING_EQUAL(act.results[0].description.n[0].text,
	    "Project objective: Citizens take part in planning.");
	CU_ASSERT_EQUAL_FATAL(act.results[0].nindicators, 1);
	q = &act.results[0].indicators[0];
	CU_ASSERT_EQUAL(q->measure, 1);
	CU_ASSERT_EQUAL(q->ascending, 1);
	CU_ASSERT_STRING_EQUAL(q->description.n[0].text, "Unit: dialogues");
	CU_ASSERT_EQUAL(q->baseline_year, 2016);
	CU_ASSERT_STRING_EQUAL(q->baseline_value, "2");
	/* Year 1 with the final report's value; the target in the last year, 12.50 as 12.5. */
	CU_ASSERT_EQUAL_FATAL(q->nperiods, 2);
	CU_ASSERT_STRING_EQUAL(q->periods[0].start, "2016-07-01");
	CU_ASSERT(q->periods[0].has_actual);
	CU_ASSERT_STRING_EQUAL(q->periods[0].actual, "5");
	CU_ASSERT_STRING_EQUAL(q->periods[0].actual_comment, "Counted again for the final report");
	CU_ASSERT_FALSE(q->periods[0].has_target);
	CU_ASSERT_STRING_EQUAL(q->periods[1].start, "2018-10-01");
	CU_ASSERT_STRING_EQUAL(q->periods[1].target, "12.5");
	t = &act.results[1].indicators[0];
	CU_ASSERT_EQUAL(t->measure, 5);
	CU_ASSERT_EQUAL(t->ascending, -1);
	CU_ASSERT_PTR_NULL(t->baseline_value);
	CU_ASSERT_STRING_EQUAL(t->baseline_comment, "Not published");
	CU_ASSERT_EQUAL_FATAL(t->nperiods, 1);
	CU_ASSERT_PTR_NULL(t->periods[0].target);
	CU_ASSERT_STRING_EQUAL(t->periods[0].target_comment, "Published every year");
}

/* ---- the calendar of budget periods -------------------------------------------------------------------- */

static size_t
split(struct ymd s, struct ymd e, struct ymd (*out)[2])
{
	return iati_split_year(s, e, out, 8);
}

static void
test_iati_period_rule(void)
{
	/* start + 1 year >= end, by the calendar: a leap year's 366 days are a year too. */
	CU_ASSERT(iati_period_ok(D(2016, 1, 1), D(2016, 12, 31)));
	CU_ASSERT(iati_period_ok(D(2016, 1, 1), D(2017, 1, 1)));
	CU_ASSERT_FALSE(iati_period_ok(D(2016, 1, 1), D(2017, 1, 2)));
	CU_ASSERT(iati_period_ok(D(2015, 3, 1), D(2016, 3, 1)));
	CU_ASSERT_FALSE(iati_period_ok(D(2015, 3, 1), D(2016, 3, 2)));
	/* 29 February + 1 year is 1 March, as calendar.c and IATI's validator count it. */
	CU_ASSERT(iati_period_ok(D(2016, 2, 29), D(2017, 3, 1)));
	CU_ASSERT_FALSE(iati_period_ok(D(2016, 2, 29), D(2017, 3, 2)));
	CU_ASSERT(iati_period_ok(D(2016, 12, 31), D(2017, 12, 31)));
}

static void
test_iati_split_leap_years(void)
{
	struct ymd p[8][2];

	CU_ASSERT_EQUAL(split(D(2016, 2, 29), D(2017, 3, 1), p), 1);
	CU_ASSERT_EQUAL_FATAL(split(D(2016, 2, 29), D(2017, 3, 2), p), 2);
	CU_ASSERT_STRING_EQUAL(iso(p[0][0]), "2016-02-29");
	CU_ASSERT_STRING_EQUAL(iso(p[0][1]), "2017-02-28");
	CU_ASSERT_STRING_EQUAL(iso(p[1][0]), "2017-03-01");
	CU_ASSERT_STRING_EQUAL(iso(p[1][1]), "2017-03-02");
	/* Into a leap year: 2015-03-01 to 2016-02-29 is 366 days and still a year. */
	CU_ASSERT_EQUAL(split(D(2015, 3, 1), D(2016, 2, 29), p), 1);
	CU_ASSERT_EQUAL_FATAL(split(D(2015, 3, 1), D(2016, 3, 2), p), 2);
	CU_ASSERT_STRING_EQUAL(iso(p[0][1]), "2016-02-29");
	CU_ASSERT_STRING_EQUAL(iso(p[1][0]), "2016-03-01");
	/* 2000 was a leap year, 2100 will not be. */
	CU_ASSERT_EQUAL_FATAL(split(D(2099, 3, 1), D(2100, 3, 5), p), 2);
	CU_ASSERT_STRING_EQUAL(iso(p[0][1]), "2100-02-28");
	CU_ASSERT_EQUAL_FATAL(split(D(1999, 3, 1), D(2000, 3, 5), p), 2);
	CU_ASSERT_STRING_EQUAL(iso(p[0][1]), "2000-02-29");
}

static void
test_iati_split_year_ends(void)
{
	struct ymd p[8][2];
	size_t i, n;

	CU_ASSERT_EQUAL(split(D(2016, 1, 1), D(2016, 12, 31), p), 1);
	CU_ASSERT_EQUAL_FATAL(split(D(2016, 1, 1), D(2017, 1, 2), p), 2);
	CU_ASSERT_STRING_EQUAL(iso(p[0][1]), "2016-12-31");
	CU_ASSERT_STRING_EQUAL(iso(p[1][0]), "2017-01-01");
	CU_ASSERT_STRING_EQUAL(iso(p[1][1]), "2017-01-02");
	CU_ASSERT_EQUAL_FATAL(split(D(2016, 12, 31), D(2019, 1, 15), p), 3);
	CU_ASSERT_STRING_EQUAL(iso(p[0][1]), "2017-12-30");
	CU_ASSERT_STRING_EQUAL(iso(p[1][0]), "2017-12-31");
	CU_ASSERT_STRING_EQUAL(iso(p[2][0]), "2018-12-31");
	CU_ASSERT_STRING_EQUAL(iso(p[2][1]), "2019-01-15");
	/* Every period passes the rule, each starts the day after the one before, none is left out. */
	n = split(D(2016, 7, 1), D(2021, 6, 29), p);
	CU_ASSERT_EQUAL_FATAL(n, 5);
	for (i = 0; i < n; i++) {
		CU_ASSERT(iati_period_ok(p[i][0], p[i][1]));
		if (i > 0)
			CU_ASSERT_EQUAL(calendar_day(p[i][0].y, p[i][0].m, p[i][0].d),
			    calendar_day(p[i - 1][1].y, p[i - 1][1].m, p[i - 1][1].d) + 1);
	}
	/* Reversed dates stay as they are, for the rules to report. */
	CU_ASSERT_EQUAL_FATAL(split(D(2017, 1, 1), D(2016, 1, 1), p), 1);
	CU_ASSERT_STRING_EQUAL(iso(p[0][0]), "2017-01-01");
	/* More than max periods: counted, only max written; the last year may be a full calendar one. */
	CU_ASSERT_EQUAL(iati_split_year(D(2000, 1, 1), D(2010, 1, 1), p, 2), 10);
}

static void
test_iati_apportion_to_exactly_100(void)
{
	long long w[7], out[7], sum;
	size_t n, i;

	for (n = 1; n <= 7; n++) {
		for (i = 0; i < n; i++)
			w[i] = 1;
		iati_apportion(100, w, n, out);
		for (i = 0, sum = 0; i < n; i++)
			sum += out[i];
		CU_ASSERT_EQUAL(sum, 100);
	}
	/* Three equal shares: 33.33 each, the one left over to the first. */
	iati_apportion(100, (long long[]){ 1, 1, 1 }, 3, out);
	CU_ASSERT_EQUAL(out[0], 34);
	CU_ASSERT_EQUAL(out[1], 33);
	CU_ASSERT_EQUAL(out[2], 33);
	/* 66.67 and 33.33: the largest remainder rounds up. */
	iati_apportion(100, (long long[]){ 2, 1 }, 2, out);
	CU_ASSERT_EQUAL(out[0], 67);
	CU_ASSERT_EQUAL(out[1], 33);
	/* 14.29 x 5 and 28.57: remainders .57 first, then the earliest .29s. */
	iati_apportion(100, (long long[]){ 1, 1, 1, 1, 1, 2 }, 6, out);
	CU_ASSERT_EQUAL(out[5], 29);
	CU_ASSERT_EQUAL(out[0] + out[1] + out[2] + out[3] + out[4] + out[5], 100);
	CU_ASSERT_EQUAL(out[0], 15);
	CU_ASSERT_EQUAL(out[4], 14);
	/* Weights all nought share equally. */
	iati_apportion(100, (long long[]){ 0, 0 }, 2, out);
	CU_ASSERT_EQUAL(out[0], 50);
	CU_ASSERT_EQUAL(out[1], 50);
}

/* ---- text for XML -------------------------------------------------------------------------------------- */

/* An empty narrative is no narrative: XML's white space is none, a no-break space is text. */
static void
test_iati_has_text(void)
{
	struct iati_text t;

	CU_ASSERT_FALSE(iati_has_text(NULL));
	CU_ASSERT_FALSE(iati_has_text(""));
	CU_ASSERT_FALSE(iati_has_text(" \t\r\n"));
	CU_ASSERT_TRUE(iati_has_text(" x "));
	CU_ASSERT_TRUE(iati_has_text("\xc2\xa0"));
	memset(&t, 0, sizeof(t));
	CU_ASSERT_FALSE(iati_has_narrative(&t));
	t.n[0].text = " \n";
	t.n[1].text = NULL;
	t.count = 2;
	CU_ASSERT_FALSE(iati_has_narrative(&t));
	t.n[1].text = "Vatten";
	CU_ASSERT_TRUE(iati_has_narrative(&t));
}

static void
test_iati_text_clean(void)
{
	const char *ok = "Kisumu – 基苏木 – Кисуму – كيسومو 🇰🇪\ttab\nline";

	CU_ASSERT_PTR_EQUAL(iati_text_clean(A, ok), ok);
	CU_ASSERT_PTR_NULL(iati_text_clean(A, NULL));
	/* Controls XML 1.0 forbids are left out; tab, newline and carriage return stay. */
	CU_ASSERT_STRING_EQUAL(iati_text_clean(A, "a\x01" "b\x1f" "c\r\n"), "abc\r\n");
	CU_ASSERT_STRING_EQUAL(iati_text_clean(A, "x\x7f" "y"), "x\x7f" "y");
	/* U+FFFE and U+FFFF are not characters. */
	CU_ASSERT_STRING_EQUAL(iati_text_clean(A, "a\xef\xbf\xbe" "b\xef\xbf\xbf"), "ab");
	/* Bytes that are not UTF-8 (a Latin-1 ä, a lone surrogate, an overlong slash) become U+FFFD. */
	CU_ASSERT_STRING_EQUAL(iati_text_clean(A, "V\xe4xj\xf6"), "V\xef\xbf\xbdxj\xef\xbf\xbd");
	CU_ASSERT_STRING_EQUAL(iati_text_clean(A, "\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	CU_ASSERT_STRING_EQUAL(iati_text_clean(A, "\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");
	CU_ASSERT_STRING_EQUAL(iati_text_clean(A, "end\xe5\x9f"), "end\xef\xbf\xbd\xef\xbf\xbd");
}

/* ---- the XML ------------------------------------------------------------------------------------------ */

struct mem {
	char	buf[262144];
	size_t	len;
	int	fail_after;	/* > 0: calls after that many fail */
	int	calls;
};

static int
mem_out(void *arg, const char *buf, int len)
{
	struct mem *m = arg;

	if (m->fail_after > 0 && ++m->calls > m->fail_after)
		return -1;
	if (m->len + (size_t)len >= sizeof(m->buf))
		return -1;
	memcpy(m->buf + m->len, buf, (size_t)len);
	m->len += (size_t)len;
	m->buf[m->len] = '\0';
	return len;
}

static struct mem M;

/* The document of act, written into M. */
static enum kerr
write_doc(const struct iati_activity *act)
{
	struct iati_writer *w;
	enum kerr e;

	memset(&M, 0, sizeof(M));
	w = iati_writer_new(mem_out, &M, "2016-09-30T12:00:00Z");
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	if ((e = iati_write_activity(w, act)) != KERR_OK) {
		iati_writer_free(w);
		return e;
	}
	return iati_writer_end(w);
}

static void
test_iati_xml_elements(void)
{
	struct iati_activity act;
	xmlDocPtr doc;

	map(sample(), &act);
	CU_ASSERT_EQUAL_FATAL(write_doc(&act), KERR_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<iati-activities version=\"2.03\" "
	    "generated-datetime=\"2016-09-30T12:00:00Z\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<iati-activity last-updated-datetime=\"2016-09-01T10:00:00Z\" "
	    "xml:lang=\"en\" default-currency=\"SEK\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<iati-identifier>SE-ON-2220000315-2016-0033</iati-identifier>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<reporting-org ref=\"SE-ON-2220000315\" type=\"15\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<narrative xml:lang=\"sw\">Mazungumzo na wananchi Kisumu</narrative>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<participating-org ref=\"SE-0\" type=\"10\" role=\"1\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<participating-org ref=\"SE-ON-2120002171\" type=\"11\" role=\"4\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<activity-status code=\"2\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<activity-date type=\"1\" iso-date=\"2016-07-01\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<recipient-country code=\"KE\" percentage=\"100\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<sector vocabulary=\"1\" code=\"15150\" percentage=\"100\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<tag vocabulary=\"2\" code=\"16\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<policy-marker vocabulary=\"1\" code=\"1\" significance=\"2\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<default-aid-type code=\"C01\" vocabulary=\"1\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<budget type=\"1\" status=\"2\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<value value-date=\"2018-07-01\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<transaction-type code=\"2\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<value value-date=\"2016-05-24\">1160000</value>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<related-activity ref=\"SE-ON-2220000315-2015-0004\" type=\"3\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<indicator measure=\"1\" ascending=\"1\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<baseline year=\"2016\" value=\"2\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<target value=\"12.5\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<indicator measure=\"5\">"));
	/* The whole document parses, ending with a newline. */
	CU_ASSERT_EQUAL(M.buf[M.len - 1], '\n');
	doc = xmlReadMemory(M.buf, (int)M.len, "t.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
	CU_ASSERT_PTR_NOT_NULL(doc);
	xmlFreeDoc(doc);
}

static void
test_iati_xml_escaping_and_scripts(void)
{
	struct iati_project *p = sample();
	struct iati_activity act;
	xmlDocPtr doc;
	xmlNodePtr n;
	xmlChar *text;

	p->title_en = "Roads & <bridges> \"quoted\" 'apostrophe' ]]> \x01\x08 end";
	p->title_local = "基苏木县的公民对话";
	p->title_local_lang = "zh";
	p->partners[0].name = "Kisumu & Co <County>";
	p->summary_en = "Line one\r\nLine two\ttabbed – Ωμέγα – عربى";
	map(p, &act);
	CU_ASSERT_EQUAL_FATAL(write_doc(&act), KERR_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "Roads &amp; &lt;bridges&gt; &quot;quoted&quot; 'apostrophe' ]]&gt;  end"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "<narrative xml:lang=\"zh\">基苏木县的公民对话</narrative>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(M.buf, "Kisumu &amp; Co &lt;County&gt;"));
	CU_ASSERT_PTR_NULL(strstr(M.buf, "\x01"));
	/* Read back, every text is what was meant, less the forbidden controls. */
	doc = xmlReadMemory(M.buf, (int)M.len, "t.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	for (n = xmlDocGetRootElement(doc)->children; n != NULL && (n->type != XML_ELEMENT_NODE ||
	    strcmp((const char *)n->name, "iati-activity") != 0); n = n->next)
		;
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	for (n = n->children; n != NULL && (n->type != XML_ELEMENT_NODE ||
	    strcmp((const char *)n->name, "title") != 0); n = n->next)
		;
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	for (n = n->children; n != NULL && n->type != XML_ELEMENT_NODE; n = n->next)
		;
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	text = xmlNodeGetContent(n);
	CU_ASSERT_STRING_EQUAL((const char *)text, "Roads & <bridges> \"quoted\" 'apostrophe' ]]>  end");
	xmlFree(text);
	xmlFreeDoc(doc);
}

static void
test_iati_xml_output_failure(void)
{
	struct iati_activity act;

	map(sample(), &act);
	/* A client that goes away (the output refuses) fails the export instead of sending half. */
	memset(&M, 0, sizeof(M));
	M.fail_after = 1;
	{
		struct iati_writer *w = iati_writer_new(mem_out, &M, "2016-09-30T12:00:00Z");
		enum kerr e = KERR_OK;
		int i;

		CU_ASSERT_PTR_NOT_NULL_FATAL(w);
		for (i = 0; i < 10 && e == KERR_OK; i++)
			e = iati_write_activity(w, &act);
		if (e == KERR_OK)
			e = iati_writer_end(w);
		else
			iati_writer_free(w);
		CU_ASSERT_EQUAL(e, KERR_SYSTEM);
	}
}

/* ---- the rules ---------------------------------------------------------------------------------------- */

/* The problems of p, and whether rule is among them (with the given severity and link). */
static struct iati_problems PR;

static void
check(const struct iati_project *p)
{
	struct iati_activity act;

	map(p, &act);
	iati_problems_init(&PR, A);
	iati_check(&CTX, &act, &PR);
}

static const struct iati_problem *
found(const char *rule)
{
	size_t i;

	for (i = 0; i < PR.n; i++)
		if (strcmp(PR.v[i].rule, rule) == 0)
			return &PR.v[i];
	return NULL;
}

static void
test_iati_rules_clean(void)
{
	struct iati_project *p = sample();
	size_t i;

	p->years[1].ends = "2018-06-30";
	check(p);
	for (i = 0; i < PR.n; i++)
		fprintf(stderr, "unexpected: %s %s\n", PR.v[i].rule, PR.v[i].message);
	CU_ASSERT_EQUAL(PR.n, 0);
}

static void
test_iati_rules_split_year(void)
{
	const struct iati_problem *pr;

	check(sample());
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr = found("7.5.3"));
	/* The file itself is within the rule: a warning, pointing at the project's years. */
	CU_ASSERT_EQUAL(pr->severity, IATI_WARNING);
	CU_ASSERT_EQUAL(PR.errors, 0);
	CU_ASSERT_STRING_EQUAL(pr->detail, "2017-07-01 – 2018-09-30");
	CU_ASSERT_STRING_EQUAL(pr->href, "/projects/2016-0033#budget");
}

static void
test_iati_rules_dates(void)
{
	struct iati_project *p = sample();
	const struct iati_problem *pr;

	p->years[1].ends = "2018-06-30";
	p->planned_end = "2016-06-30";
	p->years[2].starts = "2019-07-01";
	check(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr = found("11.1.2"));
	CU_ASSERT_EQUAL(pr->severity, IATI_ERROR);
	CU_ASSERT_STRING_EQUAL(pr->detail, "2016-07-01 – 2016-06-30");
	CU_ASSERT_STRING_EQUAL(pr->href, "/projects/2016-0033");
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr = found("8.6.3"));
	CU_ASSERT_STRING_EQUAL(pr->detail, "2019-07-01 – 2019-06-30");
	CU_ASSERT_PTR_NOT_NULL(found("8.6.1"));
	/* An actual date to come is left out of the file and said so; a payment dated ahead is an error. */
	p = sample();
	p->years[1].ends = "2018-06-30";
	p->actual_end = "2017-01-01";
	p->payments[0].paid_on = "2031-01-01";
	check(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr = found("11.1.5"));
	CU_ASSERT_EQUAL(pr->severity, IATI_WARNING);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr = found("11.2.1"));
	CU_ASSERT_EQUAL(pr->severity, IATI_ERROR);
	CU_ASSERT_STRING_EQUAL(pr->href, "/projects/2016-0033#payments");
	CU_ASSERT_STRING_EQUAL(pr->detail, "2031-01-01");
}

static void
test_iati_rules_classifications(void)
{
	struct iati_project *p = sample();
	const struct iati_problem *pr;

	p->years[1].ends = "2018-06-30";
	p->dac_code = NULL;
	p->theme_id = 0;
	p->country = NULL;
	check(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr = found("6.2.2"));
	CU_ASSERT_EQUAL(pr->severity, IATI_ERROR);
	CU_ASSERT_STRING_EQUAL(pr->href, "/applications/70#project");
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr = found("3.7.1"));
	CU_ASSERT_STRING_EQUAL(pr->href, "/applications/70#partners");
	/* A withdrawn DAC code is fixed on the thematic area. */
	p = sample();
	p->years[1].ends = "2018-06-30";
	p->dac_code = "11321";
	check(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr = found("codelist"));
	CU_ASSERT_STRING_EQUAL(pr->href, "/thematic-areas/2/edit#dac_code");
	CU_ASSERT_STRING_EQUAL(pr->detail, "11321");
}

static void
test_iati_rules_narratives_and_results(void)
{
	struct iati_project *p = sample();
	const struct iati_problem *pr;

	p->years[1].ends = "2018-06-30";
	p->title_en = p->title_sv = p->title_local = NULL;
	p->summary_en = "";
	p->summary_sv = NULL;
	p->results[0].indicators[0].baseline_value = NULL;
	p->results[0].indicators[0].target_value = NULL;
	p->results[1].indicators[0].baseline_value = "3.00";
	p->results[0].text = "";
	check(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr = found("4.3.1"));
	CU_ASSERT_STRING_EQUAL(pr->detail, "title");
	CU_ASSERT_PTR_NOT_NULL(found("4.4.1"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr = found("8.8.1"));
	CU_ASSERT_STRING_EQUAL(pr->href, "/applications/70#results");
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr = found("8.8.3"));
	CU_ASSERT_EQUAL(pr->severity, IATI_WARNING);
	/* A quantitative target without a value: no target in the file, nothing to report. */
	CU_ASSERT_PTR_NULL(found("8.9.1"));
}

static void
test_iati_rules_identifier(void)
{
	struct iati_ctx bad = CTX;
	struct iati_activity act;

	/* A reference with a slash and a trailing space breaks three of the identifier rules. */
	bad.org_ref = "SE/ON ";
	iati_map(A, &bad, sample(), &act);
	iati_problems_init(&PR, A);
	iati_check(&bad, &act, &PR);
	CU_ASSERT_PTR_NOT_NULL(found("1.3.13"));
	CU_ASSERT_PTR_NOT_NULL(found("1.14.13"));
	CU_ASSERT_PTR_NOT_NULL(found("1.14.1"));
	CU_ASSERT_PTR_NULL(found("1.1.21"));
	CU_ASSERT_PTR_NULL(found("1.14.13")->href);
}

/* The schema: $KPP_IATI_DIR, else the checkout's own copy (iati/schema). */
static const char *
schema_dir(void)
{
	static char dir[PATH_MAX + 32];
	const char *env = getenv("KPP_IATI_DIR"), *src = getenv("srcdir");

	snprintf(dir, sizeof(dir), "%s/%s", env != NULL ? env : src != NULL ? src : ".",
	    env != NULL ? "schema" : "iati/schema");
	return dir;
}

static void
test_iati_schema(void)
{
	const char *dir = schema_dir();
	struct iati_project *p = sample();
	struct iati_activity act;

	p->title_en = "Roads & <bridges> 基苏木";
	map(p, &act);
	iati_problems_init(&PR, A);
	CU_ASSERT_EQUAL_FATAL(iati_schema_check(dir, NULL, &act, &PR), 1);
	CU_ASSERT_EQUAL(PR.n, 0);
	/* No description narrative breaks the schema too, and the schema says so. */
	p->summary_en = p->summary_sv = NULL;
	map(p, &act);
	iati_problems_init(&PR, A);
	iati_schema_check(dir, NULL, &act, &PR);
	CU_ASSERT_PTR_NOT_NULL(found("schema"));
}

static void
test_iati_year_parse(void)
{
	CU_ASSERT_EQUAL(iati_year_parse("2016"), 2016);
	CU_ASSERT_EQUAL(iati_year_parse("1900"), 1900);
	CU_ASSERT_EQUAL(iati_year_parse("1899"), 0);
	CU_ASSERT_EQUAL(iati_year_parse("20161"), 0);
	CU_ASSERT_EQUAL(iati_year_parse("201"), 0);
	CU_ASSERT_EQUAL(iati_year_parse("20x6"), 0);
	CU_ASSERT_EQUAL(iati_year_parse("-201"), 0);
	CU_ASSERT_EQUAL(iati_year_parse(""), 0);
	CU_ASSERT_EQUAL(iati_year_parse(NULL), 0);
}

static void
test_iati_ctx_today(void)
{
	struct iati_ctx c;
	struct conf conf;

	memset(&conf, 0, sizeof(conf));
	conf.iati_org_ref = "SE-ON-2220000315";
	/* 2016-09-30 12:00 UTC: the programme's today when earlier, never a day after the real one. */
	iati_ctx_init(&c, &conf, "2016-05-01", 1475236800LL);
	CU_ASSERT_STRING_EQUAL(c.now, "2016-09-30T12:00:00Z");
	CU_ASSERT_STRING_EQUAL(c.today, "2016-05-01");
	iati_ctx_init(&c, &conf, "2017-01-01", 1475236800LL);
	CU_ASSERT_STRING_EQUAL(c.today, "2016-09-30");
	iati_ctx_init(&c, &conf, NULL, 1475236800LL);
	CU_ASSERT_STRING_EQUAL(c.today, "2016-09-30");
	/*
	 * The real day is Sweden's, as the file's dates of stamps are: 2016-12-31
	 * 23:30 UTC is 00:30 on New Year's Day there, a stamp of that night is
	 * dated then and is not in the future.
	 */
	iati_ctx_init(&c, &conf, NULL, 1483227000LL);
	CU_ASSERT_STRING_EQUAL(c.now, "2016-12-31T23:30:00Z");
	CU_ASSERT_STRING_EQUAL(c.real_today, "2017-01-01");
	CU_ASSERT_STRING_EQUAL(c.today, "2017-01-01");
	iati_ctx_init(&c, &conf, "2016-12-31", 1483227000LL);
	CU_ASSERT_STRING_EQUAL(c.today, "2016-12-31");
	/* 2016-06-30 22:30 UTC: 00:30 summer time on 1 July. */
	iati_ctx_init(&c, &conf, NULL, 1467325800LL);
	CU_ASSERT_STRING_EQUAL(c.real_today, "2016-07-01");
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_iati_identification", test_iati_identification },
		{ "test_iati_texts", test_iati_texts },
		{ "test_iati_participants", test_iati_participants },
		{ "test_iati_status_and_dates", test_iati_status_and_dates },
		{ "test_iati_status_before_start", test_iati_status_before_start },
		{ "test_iati_classifications", test_iati_classifications },
		{ "test_iati_budgets", test_iati_budgets },
		{ "test_iati_transactions", test_iati_transactions },
		{ "test_iati_expenditure_net_of_refunds", test_iati_expenditure_net_of_refunds },
		{ "test_iati_results", test_iati_results },
		{ "test_iati_period_rule", test_iati_period_rule },
		{ "test_iati_split_leap_years", test_iati_split_leap_years },
		{ "test_iati_split_year_ends", test_iati_split_year_ends },
		{ "test_iati_apportion_to_exactly_100", test_iati_apportion_to_exactly_100 },
		{ "test_iati_has_text", test_iati_has_text },
		{ "test_iati_text_clean", test_iati_text_clean },
		{ "test_iati_xml_elements", test_iati_xml_elements },
		{ "test_iati_xml_escaping_and_scripts", test_iati_xml_escaping_and_scripts },
		{ "test_iati_xml_output_failure", test_iati_xml_output_failure },
		{ "test_iati_rules_clean", test_iati_rules_clean },
		{ "test_iati_rules_split_year", test_iati_rules_split_year },
		{ "test_iati_rules_dates", test_iati_rules_dates },
		{ "test_iati_rules_classifications", test_iati_rules_classifications },
		{ "test_iati_rules_narratives_and_results", test_iati_rules_narratives_and_results },
		{ "test_iati_rules_identifier", test_iati_rules_identifier },
		{ "test_iati_schema", test_iati_schema },
		{ "test_iati_year_parse", test_iati_year_parse },
		{ "test_iati_ctx_today", test_iati_ctx_today },
		{ NULL, NULL },
	};
	int rc;

	A = arena_new(1 << 20);
	ctx_make(&CTX, "2016-09-30", "2016-09-30T12:00:00Z");
	rc = unit_run("iati", tests);
	arena_free(A);
	return rc;
}
