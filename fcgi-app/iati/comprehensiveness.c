/*
 * comprehensiveness.c - IATI's Dashboard's comprehensiveness tests on kpp's activities. Each test follows
 * the Dashboard's stricter reading ("with validation"): an element is there and its codes, dates, values,
 * percentages, coordinates and URLs are sound, so that a pass here is a pass there.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/i18n.h"
#include "domain/labels.h"
#include "iati/comprehensiveness.h"
#include "iati/dac_sectors.h"
#include "iati/iati_rules.h"

const struct comp_test_info comp_tests[CT__MAX] = {
	[CT_VERSION] = { "version", N_("Version"), CG_CORE },
	[CT_REPORTING_ORG] = { "reporting-org", N_("Reporting organisation"), CG_CORE },
	[CT_IDENTIFIER] = { "iati-identifier", N_("IATI identifier"), CG_CORE },
	[CT_PARTICIPATING_ORG] = { "participating-org", N_("Participating organisation (a funder)"), CG_CORE },
	[CT_TITLE] = { "title", N_("Title"), CG_CORE },
	[CT_DESCRIPTION] = { "description", N_("Description"), CG_CORE },
	[CT_STATUS] = { "activity-status", N_("Status"), CG_CORE },
	[CT_DATE] = { "activity-date", N_("Activity dates"), CG_CORE },
	[CT_SECTOR] = { "sector", N_("Sector"), CG_CORE },
	[CT_COUNTRY] = { "country_or_region", N_("Country or region"), CG_CORE },
	[CT_COMMITMENT] = { "transaction_commitment", N_("Commitment"), CG_FINANCIALS },
	[CT_SPEND] = { "transaction_spend", N_("Disbursement or expenditure"), CG_FINANCIALS },
	[CT_TRACEABILITY] = { "transaction_traceability", N_("Traceability of incoming funds"), CG_FINANCIALS },
	[CT_BUDGET] = { "budget", N_("Budget"), CG_FINANCIALS },
	[CT_CONTACT] = { "contact-info", N_("Contact"), CG_VALUE_ADDED },
	[CT_LOCATION] = { "location", N_("Location details"), CG_VALUE_ADDED },
	[CT_COORDINATES] = { "location_point_pos", N_("Geographic coordinates"), CG_VALUE_ADDED },
	[CT_DAC_SECTOR] = { "sector_dac", N_("DAC sectors"), CG_VALUE_ADDED },
	[CT_CAPITAL_SPEND] = { "capital-spend", N_("Capital spend"), CG_VALUE_ADDED },
	[CT_DOCUMENT] = { "document-link", N_("Activity documents"), CG_VALUE_ADDED },
	[CT_AID_TYPE] = { "aid_type", N_("Aid type"), CG_VALUE_ADDED },
	[CT_RECIPIENT_LANGUAGE] = { "recipient_language", N_("Recipient language"), CG_VALUE_ADDED },
	[CT_RESULT_INDICATOR] = { "result_indicator", N_("Result indicators"), CG_VALUE_ADDED },
};

/* IATI's AidType codelist (vocabulary 1), which the aid type test looks the default aid type up in. */
static const char *const aid_types[] = { "A01", "A02", "B01", "B02", "B021", "B022", "B03", "B031", "B032",
	"B033", "B04", "C01", "D01", "D02", "E01", "E02", "F01", "G01", "H01", "H02", "H03", "H04", "H05", "H06", NULL };

static int
one_of(const char *s, const char *const *list)
{
	for (; s != NULL && *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static int
date_sound(const char *s)
{
	struct ymd d;

	return s != NULL && iati_date_parse(s, &d) == 0;
}

/* A DocumentCategory code: A01-A12 (activity level), B01-B18 (organisation level). */
static int
document_category(const char *c)
{
	int n;

	if (c == NULL || strlen(c) != 3 || (c[0] != 'A' && c[0] != 'B') ||
	    c[1] < '0' || c[1] > '9' || c[2] < '0' || c[2] > '9')
		return 0;
	n = (c[1] - '0') * 10 + (c[2] - '0');
	return n >= 1 && n <= (c[0] == 'A' ? 12 : 18);
}

/* A decimal number: optional sign, digits, optional fraction; its value into *v. */
static int
decimal_number(const char *s, size_t n, double *v)
{
	char buf[40];
	size_t i = 0, digits = 0;

	if (n == 0 || n >= sizeof(buf))
		return 0;
	if (s[i] == '-' || s[i] == '+')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (i != n || digits == 0)
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*v = strtod(buf, NULL);
	return 1;
}

int
comp_valid_coords(const char *pos)
{
	const char *sp;
	double lat, lng;

	if (pos == NULL || (sp = strchr(pos, ' ')) == NULL)
		return 0;
	if (!decimal_number(pos, (size_t)(sp - pos), &lat) ||
	    !decimal_number(sp + 1, strlen(sp + 1), &lng))
		return 0;
	/* "0 0" is where missing coordinates end up, in the Atlantic: never a municipality. */
	if (lat == 0 && lng == 0)
		return 0;
	return lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180;
}

int
comp_valid_url(const char *url)
{
	const char *host;
	size_t n;

	if (url == NULL || url[strcspn(url, " \t\r\n")] != '\0')
		return 0;
	if (strncmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		host = url + 7;
	else
		return 0;
	n = strcspn(host, "/?#");
	return n > 0 && host[0] != ':' && host[0] != '@';
}

int
comp_is_current(const struct iati_activity *act, const char *today)
{
	struct ymd now, year_ago, d;
	int planned_end = 0;
	size_t i;

	if (iati_date_parse(today, &now) != 0)
		return 0;
	year_ago = calendar_add_years(now, -1);
	for (i = 0; i < act->ndates; i++) {
		if (iati_date_parse(act->dates[i].date, &d) != 0)
			continue;
		if (act->dates[i].type == 3) {
			planned_end = 1;
			if (calendar_cmp(d, now) >= 0)
				return 1;
		}
		if (act->dates[i].type == 4 && calendar_cmp(d, year_ago) >= 0 && calendar_cmp(d, now) <= 0)
			return 1;
	}
	return !planned_end && (act->status == 2 || act->status == 4);
}

/* The activity's start as the Dashboard takes it: the actual start, else the planned one. */
static int
start_date(const struct iati_activity *act, struct ymd *out)
{
	size_t i;

	for (i = 0; i < act->ndates; i++)
		if (act->dates[i].type == 2 && iati_date_parse(act->dates[i].date, out) == 0)
			return 1;
	for (i = 0; i < act->ndates; i++)
		if (act->dates[i].type == 1 && iati_date_parse(act->dates[i].date, out) == 0)
			return 1;
	return 0;
}

/* The funder or extending organisation is the publisher itself, which is then not asked to trace its funds. */
static int
donor_publisher(const struct iati_activity *act)
{
	size_t i;
	int funds = 0;

	if (act->reporting_ref == NULL)
		return 0;
	for (i = 0; i < act->norgs; i++) {
		const struct iati_porg *o = &act->orgs[i];

		if (o->ref == NULL || strcmp(o->ref, act->reporting_ref) != 0)
			continue;
		if (o->role == 4)
			return 0;
		if (o->role == 1 || o->role == 3)
			funds = 1;
	}
	return funds;
}

static int
transactions_of(const struct iati_activity *act, int type, int other)
{
	size_t i, n = 0;

	for (i = 0; i < act->ntransactions; i++) {
		const struct iati_transaction *t = &act->transactions[i];

		if (t->type != type && t->type != other)
			continue;
		if (!date_sound(t->date))
			return 0;
		n++;
	}
	return n > 0;
}

/* A title or description in a language of the country: a narrative's own language, or the activity's. */
static int
text_in(const struct iati_activity *act, const struct iati_text *t, const char *langs)
{
	size_t i;

	for (i = 0; i < t->count; i++)
		if (iati_has_text(t->n[i].text) &&
		    lang_list_has(langs, t->n[i].lang != NULL ? t->n[i].lang : act->lang))
			return 1;
	return 0;
}

static void
score_core(const struct iati_activity *act, struct comp_score *o)
{
	int start = 0, dates_ok = 1, sum = 0;
	size_t i;

	/* The writer declares version 2.03 on every file, a version IATI's Version codelist has. */
	o->passes[CT_VERSION] = 1;
	o->passes[CT_REPORTING_ORG] = iati_has_text(act->reporting_ref) && iati_has_narrative(&act->reporting_name);
	o->passes[CT_IDENTIFIER] = iati_has_text(act->identifier) && act->reporting_ref != NULL &&
	    strncmp(act->identifier, act->reporting_ref, strlen(act->reporting_ref)) == 0;
	for (i = 0; i < act->norgs; i++)
		if (act->orgs[i].role == 1)
			o->passes[CT_PARTICIPATING_ORG] = 1;
	o->passes[CT_TITLE] = iati_has_narrative(&act->title);
	o->passes[CT_DESCRIPTION] = iati_has_narrative(&act->description);
	o->passes[CT_STATUS] = act->status >= 1 && act->status <= 6;
	for (i = 0; i < act->ndates; i++) {
		start |= act->dates[i].type == 1 || act->dates[i].type == 2;
		dates_ok &= date_sound(act->dates[i].date);
	}
	o->passes[CT_DATE] = start && dates_ok;
	for (i = 0; i < act->nsectors; i++)
		sum += act->sectors[i].percentage;
	o->passes[CT_SECTOR] = act->nsectors == 1 || (act->nsectors > 1 && sum == 100);
	o->passes[CT_COUNTRY] = act->country != NULL && *act->country != '\0';

	o->fix[CT_REPORTING_ORG] = o->fix[CT_IDENTIFIER] = o->fix[CT_PARTICIPATING_ORG] = IF_NONE;
	o->fix[CT_TITLE] = o->fix[CT_DESCRIPTION] = IF_APP_PROJECT;
	o->fix[CT_STATUS] = o->fix[CT_DATE] = IF_PROJECT;
	o->fix[CT_SECTOR] = IF_THEME;
	o->fix_id[CT_SECTOR] = act->src != NULL ? act->src->theme_id : 0;
	o->fix[CT_COUNTRY] = IF_APP_PARTNERS;
}

static void
score_financials(const struct iati_activity *act, const char *today, struct comp_score *o)
{
	struct ymd now, start;
	size_t i, incoming = 0;
	int traced = 1, budgets_ok = 1;

	o->passes[CT_COMMITMENT] = transactions_of(act, IATI_COMMITMENT, 11);
	/* Disbursements or expenditure are asked of an activity once it is more than 365 days old. */
	o->applies[CT_SPEND] = iati_date_parse(today, &now) == 0 && start_date(act, &start) &&
	    calendar_cmp(start, now) < 0 &&
	    calendar_day(now.y, now.m, now.d) - calendar_day(start.y, start.m, start.d) > 365;
	o->passes[CT_SPEND] = transactions_of(act, IATI_DISBURSEMENT, IATI_EXPENDITURE);
	for (i = 0; i < act->ntransactions; i++) {
		const struct iati_transaction *t = &act->transactions[i];

		if (t->type != IATI_INCOMING)
			continue;
		incoming++;
		traced &= t->from_sida;
	}
	/* Incoming funds are traced by their provider's activity, which the writer takes from Sida's org. */
	for (i = 0; i < act->norgs; i++)
		if (act->orgs[i].role == 1 && !iati_has_text(act->orgs[i].activity_id))
			traced = 0;
	o->applies[CT_TRACEABILITY] = incoming > 0 || donor_publisher(act);
	o->passes[CT_TRACEABILITY] = (incoming > 0 && traced) || donor_publisher(act);
	for (i = 0; i < act->nbudgets; i++)
		budgets_ok &= date_sound(act->budgets[i].start) && date_sound(act->budgets[i].end) &&
		    date_sound(act->budgets[i].value_date);
	o->passes[CT_BUDGET] = act->nbudgets > 0 && budgets_ok;

	o->fix[CT_COMMITMENT] = IF_DECISION;
	o->fix[CT_SPEND] = IF_PAYMENTS;
	o->fix[CT_TRACEABILITY] = incoming > 0 ? IF_NONE : IF_FUNDS;
	o->fix[CT_BUDGET] = IF_BUDGET;
}

static void
score_value_added(const struct iati_activity *act, struct comp_score *o)
{
	const struct dac_sector *sec;
	size_t i;
	int ok;

	o->passes[CT_CONTACT] = iati_has_text(act->contact_email);
	o->fix[CT_CONTACT] = IF_NONE;

	/* Location: a name or a point; the coordinates test asks every point to be sound. */
	o->fix[CT_LOCATION] = o->fix[CT_COORDINATES] = IF_APP_PARTNERS;
	for (i = 0, ok = 1; i < act->nlocations; i++) {
		const struct iati_location *l = &act->locations[i];

		if (iati_has_narrative(&l->name) || l->pos != NULL)
			o->passes[CT_LOCATION] = 1;
		if (!comp_valid_coords(l->pos) && ok) {
			ok = 0;
			o->fix[CT_COORDINATES] = IF_ORG;
			o->fix_id[CT_COORDINATES] = l->org_id;
		}
	}
	o->passes[CT_COORDINATES] = act->nlocations > 0 && ok;

	for (i = 0, ok = act->nsectors > 0; i < act->nsectors; i++)
		if ((sec = dac_sector_find(act->sectors[i].code)) == NULL || !sec->active)
			ok = 0;
	o->passes[CT_DAC_SECTOR] = ok;
	o->fix[CT_DAC_SECTOR] = IF_THEME;
	o->fix_id[CT_DAC_SECTOR] = act->src != NULL ? act->src->theme_id : 0;

	o->passes[CT_CAPITAL_SPEND] = act->capital_spend != NULL;
	o->fix[CT_CAPITAL_SPEND] = IF_CAPITAL;

	for (i = 0, ok = act->ndoclinks > 0; i < act->ndoclinks; i++)
		ok &= comp_valid_url(act->doclinks[i].url) && document_category(act->doclinks[i].category);
	o->passes[CT_DOCUMENT] = ok;
	o->fix[CT_DOCUMENT] = IF_NONE;

	o->passes[CT_AID_TYPE] = one_of(act->aid, aid_types);
	o->fix[CT_AID_TYPE] = IF_NONE;

	/* The title and the description each in one of the official languages of the one recipient country. */
	o->applies[CT_RECIPIENT_LANGUAGE] = act->country != NULL && *act->country != '\0';
	o->passes[CT_RECIPIENT_LANGUAGE] = text_in(act, &act->title, act->country_langs) &&
	    text_in(act, &act->description, act->country_langs);
	o->fix[CT_RECIPIENT_LANGUAGE] = iati_has_text(act->country_langs) ? IF_APP_PROJECT : IF_COUNTRY;

	for (i = 0; i < act->nresults; i++)
		if (act->results[i].nindicators > 0)
			o->passes[CT_RESULT_INDICATOR] = 1;
	o->fix[CT_RESULT_INDICATOR] = IF_APP_RESULTS;
}

void
comp_score_activity(const struct iati_activity *act, const char *today, struct comp_score *out)
{
	size_t t;

	memset(out, 0, sizeof(*out));
	for (t = 0; t < CT__MAX; t++)
		out->applies[t] = 1;
	score_core(act, out);
	score_financials(act, today, out);
	score_value_added(act, out);
	out->current = comp_is_current(act, today);
	for (t = 0; t < CT__MAX; t++) {
		out->applies[t] &= out->current;
		out->passes[t] &= out->applies[t];
	}
}

/* ---- a publisher's summary ------------------------------------------------------------------------ */

void
comp_summary_init(struct comp_summary *s, struct arena *a)
{
	memset(s, 0, sizeof(*s));
	s->a = a;
}

void
comp_summary_add(struct comp_summary *s, const struct iati_activity *act, const char *today)
{
	struct comp_score sc;
	size_t t;

	s->activities++;
	comp_score_activity(act, today, &sc);
	if (!sc.current)
		return;
	s->current++;
	for (t = 0; t < CT__MAX; t++) {
		if (!sc.applies[t])
			continue;
		s->denominator[t]++;
		if (sc.passes[t]) {
			s->numerator[t]++;
			continue;
		}
		if (s->nmisses[t] < COMP_MISSES_KEPT) {
			struct comp_miss *m = &s->misses[t][s->nmisses[t]];
			const char *href = iati_href(s->a, act, sc.fix[t], sc.fix_id[t]);

			m->code = arena_strdup(s->a, act->src->code);
			m->href = href;
			m->field = sc.fix[t];
		}
		s->nmisses[t]++;
	}
}

int
comp_percent(const struct comp_summary *s, enum comp_test t)
{
	if (s->denominator[t] == 0)
		return -1;
	return (int)((s->numerator[t] * 200 + s->denominator[t]) / (s->denominator[t] * 2));
}

int
comp_group_average(const struct comp_summary *s, enum comp_group g)
{
	long sum = 0, n = 0;
	size_t t;
	int p;

	for (t = 0; t < CT__MAX; t++) {
		if (comp_tests[t].group != g)
			continue;
		p = comp_percent(s, (enum comp_test)t);
		sum += p > 0 ? p : 0;
		n++;
	}
	return n > 0 ? (int)((sum * 2 + n) / (n * 2)) : -1;
}
