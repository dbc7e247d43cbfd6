/* iati_rules.c - IATI's standard ruleset and the 2.03 schema, checked on an activity before it is sent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "core/log.h"
#include "domain/labels.h"
#include "iati/dac_sectors.h"
#include "iati/iati.h"
#include "iati/iati_rules.h"

void
iati_problems_init(struct iati_problems *p, struct arena *a)
{
	memset(p, 0, sizeof(*p));
	p->a = a;
}

const char *
iati_href(struct arena *a, const struct iati_activity *act, enum iati_field field, long long id)
{
	const struct iati_project *p = act->src;

	switch (field) {
	case IF_PROJECT:
		return arena_printf(a, "/projects/%s", p->code);
	case IF_BUDGET:
		return arena_printf(a, "/projects/%s#budget", p->code);
	case IF_PAYMENTS:
		return arena_printf(a, "/projects/%s#payments", p->code);
	case IF_REPORTS:
		return arena_printf(a, "/projects/%s#reports", p->code);
	case IF_DECISION:
		return arena_printf(a, "/applications/%lld/decision", p->application_id);
	case IF_APP_PROJECT:
		return arena_printf(a, "/applications/%lld#project", p->application_id);
	case IF_APP_PARTNERS:
		return arena_printf(a, "/applications/%lld#partners", p->application_id);
	case IF_APP_RESULTS:
		return arena_printf(a, "/applications/%lld#results", p->application_id);
	case IF_ORG:
		return id > 0 ? arena_printf(a, "/organisations/%lld/edit", id) : NULL;
	case IF_THEME:
		return id > 0 ? arena_printf(a, "/thematic-areas/%lld/edit#dac_code", id) :
		    arena_printf(a, "/applications/%lld#project", p->application_id);
	case IF_COUNTRY:
		return "/countries";
	case IF_CAPITAL:
		return arena_printf(a, "/projects/%s#capital", p->code);
	case IF_FUNDS:
		return arena_printf(a, "/projects/%s#incoming-funds", p->code);
	default:
		return NULL;
	}
}

/* The state of one check run: where problems go and which activity they are about. */
struct run {
	const struct iati_ctx	   *ctx;
	const struct iati_activity *act;
	struct iati_problems	   *out;
};

static void
add_finding(struct run *r, const char *rule, enum iati_severity sev, const char *message,
    const char *detail, enum iati_field field, long long id)
{
	struct iati_problems *o = r->out;
	struct iati_problem *p;

	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 8;
		struct iati_problem *v = arena_calloc(o->a, cap, sizeof(*v));

		if (o->n > 0)
			memcpy(v, o->v, o->n * sizeof(*v));
		o->v = v;
		o->cap = cap;
	}
	p = &o->v[o->n++];
	p->rule = rule;
	p->severity = sev;
	p->message = message;
	p->detail = detail;
	p->field = field;
	p->href = iati_href(o->a, r->act, field, id);
	if (sev == IATI_ERROR)
		o->errors++;
}

/* no_spaces: the value does not start or end with white space. */
static int
spaced(const char *s)
{
	size_t n;

	if (s == NULL || *s == '\0')
		return 0;
	n = strlen(s);
	return strchr(" \t\r\n", s[0]) != NULL || strchr(" \t\r\n", s[n - 1]) != NULL;
}

/* regex_matches ^[^/&|?]+$ of rules 1.3.13 and 1.14.13. */
static int
bad_symbols(const char *s)
{
	return s != NULL && strpbrk(s, "/&|?") != NULL;
}

/* The real date in Sweden, which "in the future" is measured against: the files' dates are Swedish days. */
static const char *
today_real(struct run *r)
{
	return r->ctx->real_today;
}

static const char *
span(struct run *r, const char *a, const char *b)
{
	return arena_printf(r->out->a, "%s – %s", a != NULL ? a : "?", b != NULL ? b : "?");
}

/* A decimal number as XPath's number() reads one: digits with at most one point, and a sign. */
static int
is_number(const char *s)
{
	size_t n;

	if (s == NULL)
		return 0;
	if (*s == '-')
		s++;
	n = strspn(s, "0123456789");
	if (s[n] == '.')
		n += 1 + strspn(s + n + 1, "0123456789");
	return n > 0 && s[n] == '\0' && strcmp(s, ".") != 0;
}

static void
check_identifiers(struct run *r)
{
	const struct iati_activity *a = r->act;
	size_t i;

	if (a->reporting_ref != NULL && strcmp(a->identifier, a->reporting_ref) == 0)
		add_finding(r, "1.1.3", IATI_ERROR, N_("The activity identifier must be different to the "
		    "organisation identifier of the reporting organisation."), a->identifier, IF_NONE, 0);
	if (a->reporting_ref == NULL || *a->reporting_ref == '\0' ||
	    strncmp(a->identifier, a->reporting_ref, strlen(a->reporting_ref)) != 0 ||
	    a->identifier[strlen(a->reporting_ref)] != '-')
		add_finding(r, "1.1.21", IATI_WARNING, N_("The activity identifier should begin with your IATI "
		    "organisation identifier."), a->identifier, IF_NONE, 0);
	if (bad_symbols(a->identifier))
		add_finding(r, "1.3.13", IATI_WARNING, N_("The iati-identifier must not contain any of the "
		    "symbols /, &, | or ?."), a->identifier, IF_NONE, 0);
	if (bad_symbols(a->reporting_ref))
		add_finding(r, "1.14.13", IATI_WARNING, N_("The reporting-org identifier must not contain any "
		    "of the symbols /, &, | or ?."), a->reporting_ref, IF_NONE, 0);
	if (spaced(a->identifier))
		add_finding(r, "1.3.1", IATI_WARNING, N_("The iati-identifier should not start or end with "
		    "spaces or newlines."), a->identifier, IF_NONE, 0);
	if (spaced(a->reporting_ref))
		add_finding(r, "1.14.1", IATI_WARNING, N_("The reporting-org identifier should not start or "
		    "end with spaces or newlines."), a->reporting_ref, IF_NONE, 0);
	for (i = 0; i < a->norgs; i++) {
		const struct iati_porg *o = &a->orgs[i];

		if (o->ref == NULL && !iati_has_narrative(&o->name))
			add_finding(r, "6.10.1", IATI_ERROR, N_("The participating organisation must have an "
			    "identifier or a narrative."), NULL, o->org_id > 0 ? IF_ORG : IF_NONE, o->org_id);
		if (spaced(o->ref))
			add_finding(r, "1.8.1", IATI_WARNING, N_("The participating-org identifier should not "
			    "start or end with spaces or newlines."), o->ref, IF_NONE, 0);
	}
	for (i = 0; i < a->nrelated; i++)
		if (spaced(a->related[i].ref))
			add_finding(r, "1.7.1", IATI_WARNING, N_("The related activity identifier should not "
			    "start or end with spaces or newlines."), a->related[i].ref, IF_PROJECT, 0);
}

/* The language of every narrative is one IATI's Language codelist has: kpp's own list, Swedish or English. */
static void
check_lang(struct run *r, const struct iati_text *t, enum iati_field field, long long id)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		const char *l = t->n[i].lang;

		if (l != NULL && strcmp(l, "sv") != 0 && local_lang_index(l) < 0)
			add_finding(r, "codelist", IATI_ERROR, N_("The language code is not in IATI's Language "
			    "codelist."), l, field, id);
	}
}

static void
check_activity_texts(struct run *r)
{
	const struct iati_activity *a = r->act;
	size_t i, k;

	/* 4.1.1: a default language, or one on every narrative. */
	if (a->lang == NULL || *a->lang == '\0')
		add_finding(r, "4.1.1", IATI_ERROR, N_("The activity should specify a default language OR the "
		    "language must be specified for each narrative element."), NULL, IF_NONE, 0);
	if (!iati_has_narrative(&a->title))
		add_finding(r, "4.3.1", IATI_ERROR, N_("The title must contain narrative content."), "title",
		    IF_APP_PROJECT, 0);
	if (!iati_has_narrative(&a->description))
		add_finding(r, "4.4.1", IATI_ERROR, N_("The description must contain narrative content."),
		    "description", IF_APP_PROJECT, 0);
	check_lang(r, &a->title, IF_APP_PROJECT, 0);
	check_lang(r, &a->description, IF_APP_PROJECT, 0);
	for (i = 0; i < a->nlocations; i++)
		check_lang(r, &a->locations[i].name, IF_ORG, a->locations[i].org_id);
	for (i = 0; i < a->norgs; i++)
		check_lang(r, &a->orgs[i].name, IF_ORG, a->orgs[i].org_id);
	for (i = 0; i < a->nresults; i++) {
		const struct iati_result *res = &a->results[i];

		if (!iati_has_narrative(&res->title))
			add_finding(r, "4.3.1", IATI_ERROR, N_("The title must contain narrative content."),
			    "result/title", IF_APP_RESULTS, 0);
		for (k = 0; k < res->nindicators; k++)
			if (!iati_has_narrative(&res->indicators[k].title))
				add_finding(r, "4.3.1", IATI_ERROR, N_("The title must contain narrative "
				    "content."), "result/indicator/title", IF_APP_RESULTS, 0);
	}
}

static void
check_activity_dates(struct run *r)
{
	const struct iati_activity *a = r->act;
	const char *d[5] = { NULL, NULL, NULL, NULL, NULL }, *now = today_real(r);
	size_t i;

	for (i = 0; i < a->ndates; i++)
		if (a->dates[i].type >= 1 && a->dates[i].type <= 4 && d[a->dates[i].type] == NULL)
			d[a->dates[i].type] = a->dates[i].date;
	if (d[1] == NULL && d[2] == NULL)
		add_finding(r, "6.11.1", IATI_ERROR, N_("The activity must have a planned start date or an "
		    "actual start date."), NULL, IF_PROJECT, 0);
	if (d[1] != NULL && d[3] != NULL && strcmp(d[1], d[3]) > 0)
		add_finding(r, "11.1.2", IATI_ERROR, N_("The planned start date of the activity must be before "
		    "the planned end date."), span(r, d[1], d[3]), IF_PROJECT, 0);
	if (d[2] != NULL && d[4] != NULL && strcmp(d[2], d[4]) > 0)
		add_finding(r, "11.1.3", IATI_ERROR, N_("The actual start date of the activity must be before "
		    "the actual end date."), span(r, d[2], d[4]), IF_PROJECT, 0);
	if (d[2] != NULL && strcmp(d[2], now) > 0)
		add_finding(r, "11.1.4", IATI_ERROR, N_("The actual start date of the activity must not be in "
		    "the future."), d[2], IF_PROJECT, 0);
	if (d[4] != NULL && strcmp(d[4], now) > 0)
		add_finding(r, "11.1.5", IATI_ERROR, N_("The actual end date of the activity must not be in "
		    "the future."), d[4], IF_PROJECT, 0);
	/* What the mapping left out to stay within 11.1.4 and 11.1.5. */
	if (a->future_actual_start != NULL)
		add_finding(r, "11.1.4", IATI_WARNING, N_("The actual start date is after today: the file leaves "
		    "it out until that day comes."), a->future_actual_start, IF_PROJECT, 0);
	if (a->future_actual_end != NULL)
		add_finding(r, "11.1.5", IATI_WARNING, N_("The actual end date is after today: the file leaves "
		    "it out until that day comes."), a->future_actual_end, IF_PROJECT, 0);
	if (a->last_updated != NULL && strcmp(a->last_updated, r->ctx->now) > 0)
		add_finding(r, "11.1.1", IATI_ERROR, N_("The last updated datetime of the activity must not be "
		    "in the future."), a->last_updated, IF_PROJECT, 0);
	if (a->status == 0)
		add_finding(r, "codelist", IATI_ERROR, N_("The project's status has no code in IATI's "
		    "ActivityStatus codelist."), a->src->status, IF_PROJECT, 0);
}

static void
check_places(struct run *r)
{
	const struct iati_activity *a = r->act;
	const struct dac_sector *sec;
	long long sum = 0;
	size_t i;

	if (a->country == NULL)
		add_finding(r, "3.7.1", IATI_ERROR, N_("Recipient country or recipient region should be "
		    "declared for either the activity or for all transactions."), NULL, IF_APP_PARTNERS, 0);
	else {
		if (a->country_percentage < 0 || a->country_percentage > 100)
			add_finding(r, "12.1.1", IATI_ERROR, N_("The country/region percentage value must be "
			    "between 0.0 and 100.0 (inclusive)."), a->country, IF_APP_PARTNERS, 0);
		if (a->country_percentage != 100)
			add_finding(r, "3.1.4", IATI_ERROR, N_("When a single recipient country is declared, the "
			    "percentage must either be omitted, or set to 100."), a->country,
			    IF_APP_PARTNERS, 0);
	}
	if (a->nsectors == 0)
		add_finding(r, "6.2.2", IATI_ERROR, N_("Each activity must have a specified sector, either at "
		    "activity level OR for all transactions."), NULL, IF_APP_PROJECT, 0);
	for (i = 0; i < a->nsectors; i++) {
		sum += a->sectors[i].percentage;
		if (a->sectors[i].percentage < 0 || a->sectors[i].percentage > 100)
			add_finding(r, "12.3.1", IATI_ERROR, N_("The sector percentage value must be between 0.0 "
			    "and 100.0 (inclusive)."), a->sectors[i].code, IF_THEME, a->src->theme_id);
		if ((sec = dac_sector_find(a->sectors[i].code)) == NULL || !sec->active)
			add_finding(r, "codelist", IATI_ERROR, N_("The DAC sector code of the thematic area is not "
			    "an active code of IATI's Sector codelist."), a->sectors[i].code, IF_THEME,
			    a->src->theme_id);
	}
	if (a->nsectors == 1 && sum != 100)
		add_finding(r, "2.1.4", IATI_ERROR, N_("When a single sector is declared, the percentage must "
		    "either be omitted, or set to 100."), a->sectors[0].code, IF_THEME, a->src->theme_id);
	if (a->nsectors > 1 && sum != 100)
		add_finding(r, "2.1.2", IATI_ERROR, N_("Percentage values for sectors, within a vocabulary "
		    "(e.g. 1 - OECD DAC), must add up to 100 per cent."), arena_printf(r->out->a, "%lld", sum),
		    IF_THEME, a->src->theme_id);
	if (a->gender_significance > 4)
		add_finding(r, "codelist", IATI_ERROR, N_("The gender equality marker has no code in IATI's "
		    "PolicySignificance codelist."), arena_printf(r->out->a, "%d",
		    a->gender_significance), IF_PROJECT, 0);
}

static void
check_money(struct run *r)
{
	const struct iati_activity *a = r->act;
	const char *now = today_real(r);
	struct ymd s, e;
	size_t i;

	for (i = 0; i < a->nbudgets; i++) {
		const struct iati_budget *b = &a->budgets[i];

		if (b->part == 1)
			add_finding(r, "7.5.3", IATI_WARNING, N_("A project year is longer than a year: the file "
			    "splits its budget into periods of at most a year by the calendar. Correct the "
			    "year's dates."), span(r, b->year_start, b->year_end), IF_BUDGET, 0);
		if (iati_date_parse(b->start, &s) != 0 || iati_date_parse(b->end, &e) != 0)
			continue;
		if (calendar_cmp(s, e) > 0)
			add_finding(r, "8.6.3", IATI_ERROR, N_("The start of the period must be before the end of "
			    "the period."), span(r, b->start, b->end), IF_BUDGET, 0);
		else if (!iati_period_ok(s, e))
			add_finding(r, "7.5.3", IATI_ERROR, N_("Budget Period must not be longer than one year."),
			    span(r, b->start, b->end), IF_BUDGET, 0);
	}
	/* 7.8.1: a default currency, or one on every value. */
	if (a->currency == NULL || *a->currency == '\0')
		add_finding(r, "7.8.1", IATI_ERROR, N_("The activity should specify a default currency OR the "
		    "currency must be specified for each monetary value."), NULL, IF_NONE, 0);
	for (i = 0; i < a->ntransactions; i++) {
		const struct iati_transaction *t = &a->transactions[i];
		enum iati_field f = t->type == IATI_COMMITMENT ? IF_DECISION :
		    t->type == IATI_DISBURSEMENT ? IF_PAYMENTS : IF_REPORTS;

		/* The transaction's value-date is its date: one check says both 11.2.1 and 11.2.2. */
		if (t->date != NULL && strcmp(t->date, now) > 0)
			add_finding(r, "11.2.1", IATI_ERROR, N_("The transaction date must not be in the future."),
			    t->date, f, 0);
	}
}

static void
check_result_indicator(struct run *r, const struct iati_indicator *ind)
{
	int qual = ind->measure == 5;
	struct ymd s, e;
	size_t i;

	if (ind->baseline_year > 0) {
		if (!qual && ind->baseline_value == NULL)
			add_finding(r, "8.8.1", IATI_ERROR, N_("The baseline must have a value when the indicator "
			    "measure is non-qualitative (e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = "
			    "ordinal)."), NULL, IF_APP_RESULTS, 0);
		else if (!qual && !is_number(ind->baseline_value))
			add_finding(r, "8.8.2", IATI_WARNING, N_("The baseline value should be a valid number for "
			    "all non-qualitative measures."), ind->baseline_value, IF_APP_RESULTS, 0);
		if (qual && ind->baseline_value != NULL)
			add_finding(r, "8.8.3", IATI_WARNING, N_("The baseline value should be omitted for "
			    "qualitative measures."), ind->baseline_value, IF_APP_RESULTS, 0);
	}
	for (i = 0; i < ind->nperiods; i++) {
		const struct iati_period *p = &ind->periods[i];

		if (iati_date_parse(p->start, &s) == 0 && iati_date_parse(p->end, &e) == 0 &&
		    calendar_cmp(s, e) > 0)
			add_finding(r, "8.6.1", IATI_ERROR, N_("The start date of the indicator period must be "
			    "before the end date of the indicator period."), span(r, p->start, p->end),
			    IF_BUDGET, 0);
		if (p->has_target) {
			if (!qual && p->target == NULL)
				add_finding(r, "8.9.1", IATI_ERROR, N_("The target must have a value when indicator "
				    "measure is non-qualitative."), NULL, IF_APP_RESULTS, 0);
			else if (!qual && !is_number(p->target))
				add_finding(r, "8.9.2", IATI_WARNING, N_("The target value should be a valid number "
				    "for all non-qualitative measures."), p->target, IF_APP_RESULTS, 0);
			if (qual && p->target != NULL)
				add_finding(r, "8.9.3", IATI_WARNING, N_("The target value should be omitted for "
				    "qualitative measures."), p->target, IF_APP_RESULTS, 0);
		}
		if (p->has_actual) {
			if (!qual && p->actual == NULL)
				add_finding(r, "8.10.1", IATI_ERROR, N_("The actual must have a value when the "
				    "indicator measure is non-qualitative."), NULL, IF_REPORTS, 0);
			else if (!qual && !is_number(p->actual))
				add_finding(r, "8.10.2", IATI_WARNING, N_("The actual value should be a valid number "
				    "for all non-qualitative indicator measures."), p->actual, IF_REPORTS, 0);
			if (qual && p->actual != NULL)
				add_finding(r, "8.10.3", IATI_WARNING, N_("The actual value should be omitted for "
				    "qualitative indicator measures."), p->actual, IF_REPORTS, 0);
		}
	}
}

void
iati_check(const struct iati_ctx *ctx, const struct iati_activity *act, struct iati_problems *out)
{
	struct run r = { ctx, act, out };
	size_t i, k;

	check_identifiers(&r);
	check_activity_texts(&r);
	check_activity_dates(&r);
	check_places(&r);
	check_money(&r);
	for (i = 0; i < act->nresults; i++)
		for (k = 0; k < act->results[i].nindicators; k++)
			check_result_indicator(&r, &act->results[i].indicators[k]);
}

/* ---- the schema --------------------------------------------------------------------------------------- */

#define SCHEMA_FILE	"iati-activities-schema.xsd"
#define MAX_SCHEMA_ERRORS	5

/* Parsed once per worker; the schema never changes while it runs. */
static xmlSchemaPtr schema;
static int schema_failed;

static void
schema_parse_error(void *ctx, xmlErrorPtr err)
{
	const char *reqid = ctx;

	if (err != NULL && err->message != NULL)
		log_err(reqid, "IATI schema: %s line %d: %.*s", err->file ? err->file : "?",
		    err->line, (int)strcspn(err->message, "\n"), err->message);
}

static int
schema_load(const char *dir, const char *reqid)
{
	xmlSchemaParserCtxtPtr pc;
	char *path;

	if (schema != NULL)
		return 1;
	if (schema_failed)
		return 0;
	if ((path = malloc(strlen(dir) + sizeof(SCHEMA_FILE) + 2)) == NULL)
		abort();
	sprintf(path, "%s/%s", dir, SCHEMA_FILE);
	if ((pc = xmlSchemaNewParserCtxt(path)) != NULL) {
		xmlSchemaSetParserStructuredErrors(pc, schema_parse_error, (void *)reqid);
		schema = xmlSchemaParse(pc);
		xmlSchemaFreeParserCtxt(pc);
	}
	if (schema == NULL) {
		log_err(reqid, "the IATI schema %s cannot be read ([iati] schema_dir)", path);
		schema_failed = 1;
	}
	free(path);
	return schema != NULL;
}

/* The activity alone, in memory. */
struct membuf {
	char	*p;
	size_t	 n, cap;
};

static int
mem_out(void *arg, const char *buf, int len)
{
	struct membuf *m = arg;

	if (m->n + (size_t)len + 1 > m->cap) {
		size_t cap = (m->n + (size_t)len + 1) * 2;
		char *p = realloc(m->p, cap);

		if (p == NULL)
			return -1;
		m->p = p;
		m->cap = cap;
	}
	memcpy(m->p + m->n, buf, (size_t)len);
	m->n += (size_t)len;
	return len;
}

struct schema_run {
	struct run	*r;
	int		 count;
};

static void
schema_error(void *ctx, xmlErrorPtr err)
{
	struct schema_run *s = ctx;
	const char *msg;

	if (err == NULL || err->level < XML_ERR_ERROR || s->count++ >= MAX_SCHEMA_ERRORS)
		return;
	msg = err->message != NULL ? err->message : "";
	add_finding(s->r, "schema", IATI_ERROR, N_("The activity does not follow the IATI 2.03 schema."),
	    arena_printf(s->r->out->a, "%.*s", (int)strcspn(msg, "\n"), msg), IF_PROJECT, 0);
}

int
iati_schema_check(const char *dir, const char *reqid, const struct iati_activity *act,
    struct iati_problems *out)
{
	struct run r = { NULL, act, out };
	struct schema_run s = { &r, 0 };
	struct membuf m = { NULL, 0, 0 };
	struct iati_writer *w;
	xmlSchemaValidCtxtPtr vc;
	xmlDocPtr doc = NULL;
	int rc;

	if (!schema_load(dir, reqid))
		return 0;
	if ((w = iati_writer_new(mem_out, &m, NULL)) == NULL)
		abort();
	if (iati_write_activity(w, act) != KERR_OK || iati_writer_end(w) != KERR_OK) {
		free(m.p);
		abort();	/* only memory can fail here */
	}
	doc = xmlReadMemory(m.p, (int)m.n, "activity.xml", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	free(m.p);
	if (doc == NULL) {
		add_finding(&r, "schema", IATI_ERROR, N_("The activity does not follow the IATI 2.03 schema."),
		    "not well-formed XML", IF_PROJECT, 0);
		return 1;
	}
	if ((vc = xmlSchemaNewValidCtxt(schema)) == NULL)
		abort();
	xmlSchemaSetValidStructuredErrors(vc, schema_error, &s);
	rc = xmlSchemaValidateDoc(vc, doc);
	if (rc != 0 && s.count == 0)
		add_finding(&r, "schema", IATI_ERROR, N_("The activity does not follow the IATI 2.03 schema."),
		    NULL, IF_PROJECT, 0);
	xmlSchemaFreeValidCtxt(vc);
	xmlFreeDoc(doc);
	return 1;
}
