/* iati.c - the Sida export: a project mapped to an IATI 2.03 activity and written with libxml2's xmlTextWriter. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/conf.h"
#include "core/log.h"
#include "db/db_iati.h"
#include "domain/project_status.h"
#include "iati/iati.h"

/* Projects read per statement: enough to make the round trips cheap, few enough to keep memory small. */
#define IATI_PAGE	200

/* The codes every activity carries (their codelists in iati/codelists). */
#define SIDA_REF	"SE-0"		/* Sweden, as Sida reports its funding */
#define SIDA_TYPE	"10"		/* OrganisationType: Government */
#define SIDA_NAME	"Swedish International Development Cooperation Agency (Sida)"
#define LOCAL_GOV	"11"		/* OrganisationType: Local Government */
#define SWEDISH_ORG	"SE-ON-"	/* org-id.guide's prefix for Swedish organisation numbers */

void
iati_ctx_init(struct iati_ctx *ctx, const struct conf *c, const char *today,
    long long now)
{
	time_t t = (time_t)now;
	struct tm tm;
	struct ymd sd;

	ctx->org_ref = c->iati_org_ref;
	ctx->org_type = c->iati_org_type;
	ctx->org_name = c->iati_org_name;
	ctx->contact_email = c->iati_contact_email;
	ctx->public_url = c->public_url != NULL ? c->public_url : "";
	ctx->sida_activity = c->iati_sida_activity != NULL ? c->iati_sida_activity : "";
	gmtime_r(&t, &tm);
	strftime(ctx->now, sizeof(ctx->now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	sd = calendar_swedish_date(now);
	snprintf(ctx->real_today, sizeof(ctx->real_today), "%04d-%02d-%02d", sd.y, sd.m, sd.d);
	/* What has happened is what happened by the programme's today, which is never after the real one. */
	snprintf(ctx->today, sizeof(ctx->today), "%s", ctx->real_today);
	if (today != NULL && strlen(today) == 10 && strcmp(today, ctx->today) < 0)
		snprintf(ctx->today, sizeof(ctx->today), "%s", today);
}

/* ---- text ----------------------------------------------------------------------------------------------- */

/* Decodes one UTF-8 character at s (n bytes left); returns its length, or 0 when the bytes are not UTF-8. */
static size_t
utf8_char(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond U+10FFFF are not UTF-8. */
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* XML 1.0's Char production. */
static int
xml_char(unsigned long c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	    (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

const char *
iati_text_clean(struct arena *a, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, len, i, k;
	unsigned long c;
	char *out;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	for (i = 0; i < n; i += len)
		if ((len = utf8_char(p + i, n - i, &c)) == 0 || !xml_char(c))
			break;
	if (i == n)
		return s;
	/* Each bad byte may become U+FFFD, three bytes. */
	out = arena_alloc(a, n * 3 + 1);
	for (i = 0, k = 0; i < n; i += len) {
		if ((len = utf8_char(p + i, n - i, &c)) == 0) {
			memcpy(out + k, "\xef\xbf\xbd", 3);
			k += 3;
			len = 1;
		} else if (xml_char(c)) {
			memcpy(out + k, s + i, len);
			k += len;
		}
	}
	out[k] = '\0';
	return out;
}

int
iati_has_text(const char *s)
{
	return s != NULL && s[strspn(s, " \t\r\n")] != '\0';
}

int
iati_has_narrative(const struct iati_text *t)
{
	size_t i;

	for (i = 0; i < t->count; i++)
		if (iati_has_text(t->n[i].text))
			return 1;
	return 0;
}

/* A language code fit for xml:lang: two or three lower-case letters. */
static int
lang_code(const char *s)
{
	size_t n = s != NULL ? strspn(s, "abcdefghijklmnopqrstuvwxyz") : 0;

	return (n == 2 || n == 3) && s[n] == '\0';
}

/* Adds a narrative when text has any (cleaned); lang NULL is the default. */
static void
narrative(struct arena *a, struct iati_text *t, const char *lang, const char *text)
{
	if (!iati_has_text(text) || t->count == IATI_MAXNARR)
		return;
	t->n[t->count].lang = lang;
	t->n[t->count].text = iati_text_clean(a, text);
	t->count++;
}

/* A DECIMAL as the database gives it ("12.50") without the zeros that say nothing ("12.5"). */
static const char *
decimal(struct arena *a, const char *s)
{
	char *out, *dot;
	size_t n;

	if (s == NULL)
		return NULL;
	out = arena_strdup(a, s);
	if ((dot = strchr(out, '.')) == NULL)
		return out;
	n = strlen(out);
	while (n > 0 && out[n - 1] == '0')
		out[--n] = '\0';
	if (out + n - 1 == dot)
		*dot = '\0';
	return out;
}

/* ---- dates and amounts -------------------------------------------------------------------------------- */

int
iati_date_parse(const char *s, struct ymd *out)
{
	struct ymd d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    strspn(s, "0123456789") != 4 || strspn(s + 5, "0123456789") != 2 ||
	    strspn(s + 8, "0123456789") != 2)
		return -1;
	d.y = atoi(s);
	d.m = atoi(s + 5);
	d.d = atoi(s + 8);
	/* A day the calendar does not have would come back as another one. */
	if (d.m < 1 || d.m > 12 || d.d < 1 ||
	    calendar_cmp(calendar_date(calendar_day(d.y, d.m, d.d)), d) != 0)
		return -1;
	*out = d;
	return 0;
}

static char *
date_str(struct arena *a, struct ymd d)
{
	return arena_printf(a, "%04d-%02d-%02d", d.y, d.m, d.d);
}

int
iati_period_ok(struct ymd start, struct ymd end)
{
	return calendar_cmp(calendar_add_years(start, 1), end) >= 0;
}

size_t
iati_split_year(struct ymd start, struct ymd end, struct ymd (*out)[2], size_t max)
{
	struct ymd next;
	size_t n;

	/* Reversed dates pass iati_period_ok() and come back whole. */
	for (n = 0; !iati_period_ok(start, end); n++) {
		next = calendar_add_years(start, 1);
		if (n < max) {
			out[n][0] = start;
			out[n][1] = calendar_add_days(next, -1);
		}
		start = next;
	}
	if (n < max) {
		out[n][0] = start;
		out[n][1] = end;
	}
	return n + 1;
}

void
iati_apportion(long long total, const long long *weights, size_t n, long long *out)
{
	long long sum = 0, given = 0, best;
	long long *rem;
	size_t i, k, pick;
	int equal;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		sum += weights[i];
	equal = sum <= 0;
	if (equal)
		sum = (long long)n;
	rem = calloc(n, sizeof(*rem));
	if (rem == NULL)
		abort();
	for (i = 0; i < n; i++) {
		long long w = equal ? 1 : weights[i];

		/* total * w fits: totals are kronor of one project, weights days or counts. */
		out[i] = total * w / sum;
		rem[i] = total * w % sum;
		given += out[i];
	}
	for (k = 0; given < total && k < n; k++, given++) {
		best = -1;
		pick = 0;
		for (i = 0; i < n; i++)
			if (rem[i] > best) {
				best = rem[i];
				pick = i;
			}
		out[pick]++;
		rem[pick] = -1;
	}
	free(rem);
}

/* ---- the mapping --------------------------------------------------------------------------------------- */

/* The ActivityStatus of a project's status as it shows on a day (project_status_on()). */
static int
status_code(const char *s)
{
	static const char *const names[] = { "approved", "implementation", "finalisation", "closed",
	    "cancelled" };
	size_t i;

	for (i = 0; s != NULL && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i + 1;	/* ActivityStatus 1 Pipeline/identification ... 5 Cancelled */
	return 0;
}

/* A Swedish organisation's identifier: SE-ON- and the organisation number's ten digits. */
static const char *
swedish_ref(struct arena *a, const char *org_number)
{
	char digits[16];
	size_t i, k = 0;

	if (org_number == NULL)
		return NULL;
	for (i = 0; org_number[i] != '\0' && k < 10; i++)
		if (org_number[i] >= '0' && org_number[i] <= '9')
			digits[k++] = org_number[i];
	digits[k] = '\0';
	return k == 10 ? arena_printf(a, SWEDISH_ORG "%s", digits) : NULL;
}

static void
map_orgs(struct arena *a, const struct iati_ctx *ctx, const struct iati_project *p,
    struct iati_activity *out)
{
	struct iati_porg *o;
	size_t i;

	out->orgs = arena_calloc(a, 3 + p->ncoapplicants + p->npartners, sizeof(*out->orgs));
	o = &out->orgs[out->norgs++];
	o->role = 1;
	o->ref = SIDA_REF;
	o->type = SIDA_TYPE;
	narrative(a, &o->name, NULL, SIDA_NAME);
	/* Traceability: the grant of Sida's that pays for this activity. */
	if (iati_has_text(ctx->sida_activity))
		o->activity_id = iati_text_clean(a, ctx->sida_activity);
	o = &out->orgs[out->norgs++];
	o->role = 3;
	o->ref = iati_text_clean(a, ctx->org_ref);
	o->type = ctx->org_type;
	narrative(a, &o->name, NULL, ctx->org_name);
	for (i = 0; i <= p->ncoapplicants; i++) {
		const struct iati_org *m = i == 0 ? &p->applicant : &p->coapplicants[i - 1];

		o = &out->orgs[out->norgs++];
		o->role = 4;
		o->ref = swedish_ref(a, m->org_number);
		o->type = LOCAL_GOV;
		/* Swedish members are named in Swedish (Borlänge kommun). */
		narrative(a, &o->name, "sv", m->name);
		o->org_id = m->id;
	}
	for (i = 0; i < p->npartners; i++) {
		const struct iati_org *m = &p->partners[i];

		o = &out->orgs[out->norgs++];
		o->role = 4;
		o->type = LOCAL_GOV;
		narrative(a, &o->name, NULL, m->name);
		if (lang_code(m->local_lang) && strcmp(m->local_lang, "en") != 0)
			narrative(a, &o->name, m->local_lang, m->name_local);
		o->org_id = m->id;
	}
}

static void
map_dates(const struct iati_ctx *ctx, const struct iati_project *p, struct iati_activity *out)
{
	/* IATI's order: planned start, actual start, planned end, actual end. */
	out->dates[out->ndates].type = 1;
	out->dates[out->ndates++].date = p->planned_start;
	if (p->actual_start != NULL) {
		if (strcmp(p->actual_start, ctx->today) <= 0) {
			out->dates[out->ndates].type = 2;
			out->dates[out->ndates++].date = p->actual_start;
		} else
			out->future_actual_start = p->actual_start;
	}
	out->dates[out->ndates].type = 3;
	out->dates[out->ndates++].date = p->planned_end;
	if (p->actual_end != NULL) {
		if (strcmp(p->actual_end, ctx->today) <= 0) {
			out->dates[out->ndates].type = 4;
			out->dates[out->ndates++].date = p->actual_end;
		} else
			out->future_actual_end = p->actual_end;
	}
}

#define MAXSPLIT	8

/* One budget per project year, split into periods of at most a year, the amount shared by days. */
static void
map_budgets(struct arena *a, const struct iati_project *p, struct iati_activity *out)
{
	struct ymd per[MAXSPLIT][2], s, e;
	long long days[MAXSPLIT], parts[MAXSPLIT];
	size_t i, k, n, cap = 0;

	for (i = 0; i < p->nyears; i++)
		cap += MAXSPLIT;
	out->budgets = arena_calloc(a, cap + 1, sizeof(*out->budgets));
	for (i = 0; i < p->nyears; i++) {
		const struct iati_pyear *y = &p->years[i];
		struct iati_budget *b;

		if (iati_date_parse(y->starts, &s) != 0 || iati_date_parse(y->ends, &e) != 0)
			n = 0;
		else if ((n = iati_split_year(s, e, per, MAXSPLIT)) > MAXSPLIT)
			n = 0;	/* a "year" of more than eight: left whole for the rules to report */
		if (n <= 1) {
			b = &out->budgets[out->nbudgets++];
			b->start = y->starts;
			b->end = y->ends;
			b->value_date = y->starts;
			b->value = y->amount;
			b->year = y->year;
			b->year_start = y->starts;
			b->year_end = y->ends;
			continue;
		}
		for (k = 0; k < n; k++)
			days[k] = calendar_day(per[k][1].y, per[k][1].m, per[k][1].d) -
			    calendar_day(per[k][0].y, per[k][0].m, per[k][0].d) + 1;
		iati_apportion(y->amount, days, n, parts);
		for (k = 0; k < n; k++) {
			b = &out->budgets[out->nbudgets++];
			b->start = date_str(a, per[k][0]);
			b->end = date_str(a, per[k][1]);
			b->value_date = b->start;
			b->value = parts[k];
			b->year = y->year;
			b->part = (int)k + 1;
			b->parts = (int)n;
			b->year_start = y->starts;
			b->year_end = y->ends;
		}
	}
}

static int
cmp_transaction(const void *x, const void *y)
{
	const struct iati_transaction *a = x, *b = y;
	int c = strcmp(a->date != NULL ? a->date : "", b->date != NULL ? b->date : "");

	if (c != 0)
		return c;
	return a->type != b->type ? a->type - b->type : a->seq - b->seq;
}

static const char *
report_words(struct arena *a, const char *kind, int year, const char *what)
{
	if (kind != NULL && strcmp(kind, "final") == 0)
		return arena_printf(a, "%s the final report", what);
	return arena_printf(a, "%s the progress report for project year %d", what, year);
}

/*
 * What ICLD judged eligible of a report's costs, as the report's page and
 * the payment work it out (reimburse_compute()): each category's reported
 * cost up to its approved line, the whole up to the year's approved amount.
 * Costs above that were the members' own and not ICLD's expenditure.
 */
static long long
spend_eligible(const struct iati_project *p, const struct iati_spend *s)
{
	struct reimbursement rb;
	long long year_amount = 0;
	size_t i;

	for (i = 0; i < p->nyears; i++)
		if (p->years[i].year == s->report_year)
			year_amount = p->years[i].amount;
	reimburse_compute(s->line, s->actual, year_amount, 0, &rb);
	return rb.capped;
}

static void
map_transactions(struct arena *a, const struct iati_project *p, struct iati_activity *out)
{
	struct iati_transaction *t;
	long long approved = 0;
	size_t i;

	out->transactions = arena_calloc(a, 1 + p->nincomes + p->npayments + p->nspends,
	    sizeof(*out->transactions));
	for (i = 0; i < p->nincomes; i++) {
		t = &out->transactions[out->ntransactions++];
		t->type = IATI_INCOMING;
		t->date = p->incomes[i].received_on;
		t->value = p->incomes[i].amount;
		t->description = "Funds received from Sida for the project";
		t->from_sida = 1;
	}
	for (i = 0; i < p->nyears; i++)
		approved += p->years[i].amount;
	if (p->decided_on != NULL) {
		t = &out->transactions[out->ntransactions++];
		t->type = IATI_COMMITMENT;
		t->date = p->decided_on;
		t->value = approved;
		t->description = "Grant approved by ICLD for the project's years";
		t->receiver = 1;
	}
	for (i = 0; i < p->npayments; i++) {
		t = &out->transactions[out->ntransactions++];
		t->type = IATI_DISBURSEMENT;
		t->date = p->payments[i].paid_on;
		t->value = p->payments[i].amount;
		t->description = report_words(a, p->payments[i].report_kind,
		    p->payments[i].report_year, "Reimbursement after");
		t->receiver = 1;
	}
	for (i = 0; i < p->nspends; i++) {
		long long eligible = spend_eligible(p, &p->spends[i]);

		if (eligible <= 0)
			continue;
		t = &out->transactions[out->ntransactions++];
		t->type = IATI_EXPENDITURE;
		t->date = p->spends[i].approved_on;
		t->value = eligible;
		t->description = arena_printf(a, "%s: the reported costs, each cost category up to its "
		    "approved budget line, at most the year's approved amount", report_words(a,
		    p->spends[i].report_kind, p->spends[i].report_year, "Eligible costs approved in"));
	}
	for (i = 0; i < out->ntransactions; i++)
		out->transactions[i].seq = (int)i;
	qsort(out->transactions, out->ntransactions, sizeof(*out->transactions), cmp_transaction);
}

static int
measure_code(const char *m)
{
	if (m != NULL && strcmp(m, "percentage") == 0)
		return 2;
	if (m != NULL && strcmp(m, "qualitative") == 0)
		return 5;
	return 1;
}

/*
 * An indicator's periods: one per project year, the target in the last
 * (it is the value aimed for by the end), each year's actual value from
 * its approved report (the final report's over the year's progress
 * report). Periods with neither are left out.
 */
static void
map_periods(struct arena *a, const struct iati_project *p, const struct iati_pindicator *pi,
    struct iati_indicator *ind)
{
	size_t i, k, n = p->nyears > 0 ? p->nyears : 1;
	struct iati_period *all = arena_calloc(a, n, sizeof(*all));
	int qual = ind->measure == 5;

	for (i = 0; i < n; i++) {
		all[i].start = p->nyears > 0 ? p->years[i].starts : p->planned_start;
		all[i].end = p->nyears > 0 ? p->years[i].ends : p->planned_end;
	}
	if ((!qual && pi->target_value != NULL) || iati_has_text(pi->target_text)) {
		all[n - 1].has_target = 1;
		all[n - 1].target = decimal(a, pi->target_value);
		all[n - 1].target_comment = iati_has_text(pi->target_text) ?
		    iati_text_clean(a, pi->target_text) : NULL;
	}
	for (k = 0; k < pi->nactuals; k++) {
		const struct iati_actual *v = &pi->actuals[k];

		for (i = 0; i < n && !(p->nyears > 0 && p->years[i].year == v->year); i++)
			;
		if (p->nyears == 0)
			i = 0;
		if (i == n || (all[i].has_actual && !v->final))
			continue;
		all[i].has_actual = 1;
		all[i].actual = decimal(a, v->value);
		all[i].actual_comment = iati_has_text(v->text) ? iati_text_clean(a, v->text) : NULL;
	}
	ind->periods = arena_calloc(a, n, sizeof(*ind->periods));
	for (i = 0; i < n; i++)
		if (all[i].has_target || all[i].has_actual)
			ind->periods[ind->nperiods++] = all[i];
}

static void
map_results(struct arena *a, const struct iati_project *p, struct iati_activity *out)
{
	size_t i, k;

	out->results = arena_calloc(a, p->nresults + 1, sizeof(*out->results));
	for (i = 0; i < p->nresults; i++) {
		const struct iati_presult *pr = &p->results[i];
		struct iati_result *r;

		/* IATI wants an indicator in every result: one without is not yet measurable. */
		if (pr->nindicators == 0)
			continue;
		r = &out->results[out->nresults++];
		/* ICLD's framework: the expected results of the project objectives are its outputs. */
		r->type = 1;
		r->title.count = 0;
		if (pr->text != NULL) {
			r->title.n[0].text = iati_text_clean(a, pr->text);
			r->title.count = 1;
		}
		if (iati_has_text(pr->objective))
			narrative(a, &r->description, NULL,
			    arena_printf(a, "Project objective: %s", pr->objective));
		r->indicators = arena_calloc(a, pr->nindicators, sizeof(*r->indicators));
		for (k = 0; k < pr->nindicators; k++) {
			const struct iati_pindicator *pi = &pr->indicators[k];
			struct iati_indicator *ind = &r->indicators[r->nindicators++];
			int qual;

			ind->measure = measure_code(pi->measure);
			qual = ind->measure == 5;
			ind->ascending = qual ? -1 : pi->ascending;
			if (pi->name != NULL) {
				ind->title.n[0].text = iati_text_clean(a, pi->name);
				ind->title.count = 1;
			}
			if (ind->measure == 1 && iati_has_text(pi->unit))
				narrative(a, &ind->description, NULL,
				    arena_printf(a, "Unit: %s", pi->unit));
			if (pi->baseline_year > 0) {
				ind->baseline_year = pi->baseline_year;
				ind->baseline_value = decimal(a, pi->baseline_value);
				ind->baseline_comment = iati_has_text(pi->baseline_text) ?
				    iati_text_clean(a, pi->baseline_text) : NULL;
			}
			map_periods(a, p, pi, ind);
		}
	}
}

/* A coordinate as stored ("-0.091700") without the zeros that say nothing, or NULL when it is not a number. */
static const char *
coordinate(struct arena *a, const char *s)
{
	char *end;

	if (s == NULL || *s == '\0')
		return NULL;
	(void)strtod(s, &end);
	return *end == '\0' ? decimal(a, s) : NULL;
}

/* Each partner municipality is where the activity happens: its name, and its point when ICLD has it. */
static void
map_locations(struct arena *a, const struct iati_project *p, struct iati_activity *out)
{
	size_t i;

	out->locations = arena_calloc(a, p->npartners + 1, sizeof(*out->locations));
	for (i = 0; i < p->npartners; i++) {
		const struct iati_org *m = &p->partners[i];
		struct iati_location *l = &out->locations[out->nlocations];
		const char *lat = coordinate(a, m->lat), *lng = coordinate(a, m->lng);

		narrative(a, &l->name, NULL, m->name);
		if (lang_code(m->local_lang) && strcmp(m->local_lang, "en") != 0)
			narrative(a, &l->name, m->local_lang, m->name_local);
		if (lat != NULL && lng != NULL)
			l->pos = arena_printf(a, "%s %s", lat, lng);
		l->org_id = m->id;
		if (l->name.count > 0)
			out->nlocations++;
	}
}

/* The project's page on the public register: IATI's "activity web page". */
static void
map_doclinks(struct arena *a, const struct iati_ctx *ctx, const struct iati_project *p,
    struct iati_activity *out)
{
	struct iati_doclink *d;

	out->doclinks = arena_calloc(a, 1, sizeof(*out->doclinks));
	if (!iati_has_text(ctx->public_url))
		return;
	d = &out->doclinks[out->ndoclinks++];
	d->url = iati_text_clean(a, arena_printf(a, "%s/partnerships/%s", ctx->public_url, p->code));
	d->format = "text/html";
	d->category = "A12";
	narrative(a, &d->title, NULL, "The project in ICLD's public register of partnerships");
	narrative(a, &d->title, "sv", "Projektet i ICLD:s offentliga register över partnerskap");
	d->langs[d->nlangs++] = "sv";
	d->langs[d->nlangs++] = "en";
}

void
iati_map(struct arena *a, const struct iati_ctx *ctx, const struct iati_project *p,
    struct iati_activity *out)
{
	long long one = 1, share;
	size_t i, n;

	memset(out, 0, sizeof(*out));
	out->src = p;
	out->identifier = iati_text_clean(a, arena_printf(a, "%s-%s", ctx->org_ref, p->code));
	out->last_updated = p->updated;
	out->lang = "en";
	out->currency = "SEK";
	out->reporting_ref = iati_text_clean(a, ctx->org_ref);
	out->reporting_type = ctx->org_type;
	narrative(a, &out->reporting_name, NULL, ctx->org_name);

	/* Titles and summaries in English, Swedish and the partner's language: at least the element, for the rules. */
	narrative(a, &out->title, NULL, p->title_en);
	narrative(a, &out->title, "sv", p->title_sv);
	if (lang_code(p->title_local_lang) && strcmp(p->title_local_lang, "en") != 0 &&
	    strcmp(p->title_local_lang, "sv") != 0)
		narrative(a, &out->title, p->title_local_lang, p->title_local);
	narrative(a, &out->description, NULL, p->summary_en);
	narrative(a, &out->description, "sv", p->summary_sv);
	if (lang_code(p->title_local_lang) && strcmp(p->title_local_lang, "en") != 0 &&
	    strcmp(p->title_local_lang, "sv") != 0)
		narrative(a, &out->description, p->title_local_lang, p->summary_local);

	map_orgs(a, ctx, p, out);
	out->status = status_code(project_status_on(p->status,
	    p->actual_start != NULL ? p->actual_start : p->planned_start, ctx->today));
	map_dates(ctx, p, out);
	out->contact_org = iati_text_clean(a, ctx->org_name);
	out->contact_email = iati_text_clean(a, ctx->contact_email);
	if (p->country != NULL && *p->country != '\0') {
		out->country = p->country;
		out->country_name = iati_text_clean(a, p->country_name);
		iati_apportion(100, &one, 1, &share);
		out->country_percentage = (int)share;
		out->country_langs = p->country_langs;
	}
	map_locations(a, p, out);
	/* The thematic area's DAC sector; shares kept general in case an activity ever has several. */
	if (p->dac_code != NULL && *p->dac_code != '\0') {
		long long w[1] = { 1 }, pct[1];

		n = 1;
		iati_apportion(100, w, n, pct);
		for (i = 0; i < n; i++) {
			out->sectors[out->nsectors].code = p->dac_code;
			out->sectors[out->nsectors++].percentage = (int)pct[i];
		}
	}
	out->tags = arena_calloc(a, p->nsdgs + 1, sizeof(*out->tags));
	for (i = 0; i < p->nsdgs; i++) {
		out->tags[out->ntags].goal = p->sdgs[i].goal;
		out->tags[out->ntags++].name = iati_text_clean(a, p->sdgs[i].name);
	}
	out->gender_significance = p->gender_marker;
	out->collaboration = "1";	/* bilateral */
	out->flow = "10";		/* ODA */
	out->finance = "110";		/* standard grant */
	out->aid = "C01";		/* project-type interventions */
	map_budgets(a, p, out);
	out->capital_spend = decimal(a, p->capital_spend != NULL ? p->capital_spend : "0");
	map_transactions(a, p, out);
	map_doclinks(a, ctx, p, out);
	out->related = arena_calloc(a, p->nfollowed_by + 2, sizeof(*out->related));
	/*
	 * An inception project and the project that continues it are phases
	 * of one partnership, neither a part of the other: siblings
	 * (RelatedActivityType 3), each naming the other.
	 */
	if (p->follows != NULL) {
		out->related[out->nrelated].ref = arena_printf(a, "%s-%s", out->reporting_ref, p->follows);
		out->related[out->nrelated++].type = 3;
	}
	for (i = 0; i < p->nfollowed_by; i++) {
		out->related[out->nrelated].ref = arena_printf(a, "%s-%s", out->reporting_ref,
		    p->followed_by[i]);
		out->related[out->nrelated++].type = 3;
	}
	map_results(a, p, out);
}

/* ---- the writer ---------------------------------------------------------------------------------------- */

struct iati_writer {
	xmlTextWriterPtr w;
	iati_out_fn	 out;
	void		*arg;
	int		 failed;	/* a libxml2 call or the output failed */
	int		 discard;	/* being freed after a failure: nothing more goes out */
};

static int
write_cb(void *ctx, const char *buf, int len)
{
	struct iati_writer *w = ctx;

	if (w->discard)
		return len;
	if (w->failed || w->out(w->arg, buf, len) != len) {
		w->failed = 1;
		return -1;
	}
	return len;
}

static int
close_cb(void *ctx)
{
	return 0;
}

/* The calls below note a failure and go on: iati_write_activity reports it once at the end. */
static void
chk(struct iati_writer *w, int rc)
{
	if (rc < 0)
		w->failed = 1;
}

static void
start(struct iati_writer *w, const char *name)
{
	chk(w, xmlTextWriterStartElement(w->w, BAD_CAST name));
}

static void
end(struct iati_writer *w)
{
	chk(w, xmlTextWriterEndElement(w->w));
}

static void
attr(struct iati_writer *w, const char *name, const char *value)
{
	if (value != NULL)
		chk(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST name, BAD_CAST value));
}

static void
attr_int(struct iati_writer *w, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	attr(w, name, buf);
}

/* <name code="code"/>, the codelist elements. */
static void
code_element(struct iati_writer *w, const char *name, const char *code)
{
	start(w, name);
	attr(w, "code", code);
	end(w);
}

static void
code_int(struct iati_writer *w, const char *name, int code)
{
	start(w, name);
	attr_int(w, "code", code);
	end(w);
}

static void
narratives(struct iati_writer *w, const struct iati_text *t)
{
	size_t i;

	for (i = 0; i < t->count; i++) {
		start(w, "narrative");
		attr(w, "xml:lang", t->n[i].lang);
		chk(w, xmlTextWriterWriteString(w->w, BAD_CAST t->n[i].text));
		end(w);
	}
}

/* <name> with narratives, the text types; left out when it has none and may be. */
static void
text_element(struct iati_writer *w, const char *name, const struct iati_text *t, int required)
{
	if (t->count == 0 && !required)
		return;
	start(w, name);
	narratives(w, t);
	end(w);
}

static void
one_narrative(struct iati_writer *w, const char *name, const char *text)
{
	struct iati_text t;

	memset(&t, 0, sizeof(t));
	if (text != NULL) {
		t.n[0].text = text;
		t.count = 1;
	}
	text_element(w, name, &t, 0);
}

static void
value_element(struct iati_writer *w, long long value, const char *value_date)
{
	start(w, "value");
	attr(w, "value-date", value_date);
	chk(w, xmlTextWriterWriteFormatString(w->w, "%lld", value));
	end(w);
}

static void
date_element(struct iati_writer *w, const char *name, const char *date)
{
	start(w, name);
	attr(w, "iso-date", date);
	end(w);
}

int
iati_fd_out(void *arg, const char *buf, int len)
{
	int fd = *(int *)arg, done = 0;
	ssize_t n;

	while (done < len) {
		if ((n = write(fd, buf + done, (size_t)(len - done))) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		done += (int)n;
	}
	return len;
}

/* Starts a document whose root is root (version 2.03, generated-datetime generated); NULL when libxml2 cannot. */
static struct iati_writer *
writer_open(iati_out_fn out, void *arg, const char *root, const char *generated)
{
	struct iati_writer *w;
	xmlOutputBufferPtr buf;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	w->out = out;
	w->arg = arg;
	if ((buf = xmlOutputBufferCreateIO(write_cb, close_cb, w, NULL)) == NULL) {
		free(w);
		return NULL;
	}
	if ((w->w = xmlNewTextWriter(buf)) == NULL) {
		xmlOutputBufferClose(buf);
		free(w);
		return NULL;
	}
	chk(w, xmlTextWriterSetIndent(w->w, 1));
	chk(w, xmlTextWriterSetIndentString(w->w, BAD_CAST " "));
	chk(w, xmlTextWriterStartDocument(w->w, "1.0", "UTF-8", NULL));
	start(w, root);
	attr(w, "version", "2.03");
	attr(w, "generated-datetime", generated);
	return w;
}

struct iati_writer *
iati_writer_new(iati_out_fn out, void *arg, const char *generated)
{
	return writer_open(out, arg, "iati-activities", generated);
}

static void
write_orgs(struct iati_writer *w, const struct iati_activity *act)
{
	size_t i;

	for (i = 0; i < act->norgs; i++) {
		const struct iati_porg *o = &act->orgs[i];

		start(w, "participating-org");
		attr(w, "ref", o->ref);
		attr(w, "type", o->type);
		attr_int(w, "role", o->role);
		attr(w, "activity-id", o->activity_id);
		narratives(w, &o->name);
		end(w);
	}
}

static void
write_transactions(struct iati_writer *w, const struct iati_activity *act)
{
	const struct iati_porg *member = NULL, *icld = NULL, *sida = NULL;
	size_t i;

	for (i = 0; i < act->norgs; i++) {
		if (act->orgs[i].role == 1 && sida == NULL)
			sida = &act->orgs[i];
		if (act->orgs[i].role == 3 && icld == NULL)
			icld = &act->orgs[i];
		if (act->orgs[i].role == 4 && member == NULL)
			member = &act->orgs[i];
	}
	for (i = 0; i < act->ntransactions; i++) {
		const struct iati_transaction *t = &act->transactions[i];

		start(w, "transaction");
		code_int(w, "transaction-type", t->type);
		date_element(w, "transaction-date", t->date);
		value_element(w, t->value, t->date);
		one_narrative(w, "description", t->description);
		if (t->receiver && icld != NULL && member != NULL) {
			start(w, "provider-org");
			attr(w, "ref", icld->ref);
			attr(w, "type", icld->type);
			narratives(w, &icld->name);
			end(w);
			start(w, "receiver-org");
			attr(w, "ref", member->ref);
			attr(w, "type", member->type);
			narratives(w, &member->name);
			end(w);
		}
		if (t->from_sida && sida != NULL && icld != NULL) {
			start(w, "provider-org");
			attr(w, "ref", sida->ref);
			attr(w, "provider-activity-id", sida->activity_id);
			attr(w, "type", sida->type);
			narratives(w, &sida->name);
			end(w);
			start(w, "receiver-org");
			attr(w, "ref", icld->ref);
			attr(w, "receiver-activity-id", act->identifier);
			attr(w, "type", icld->type);
			narratives(w, &icld->name);
			end(w);
		}
		end(w);
	}
}

static void
write_period(struct iati_writer *w, const struct iati_period *p)
{
	start(w, "period");
	date_element(w, "period-start", p->start);
	date_element(w, "period-end", p->end);
	if (p->has_target) {
		start(w, "target");
		attr(w, "value", p->target);
		one_narrative(w, "comment", p->target_comment);
		end(w);
	}
	if (p->has_actual) {
		start(w, "actual");
		attr(w, "value", p->actual);
		one_narrative(w, "comment", p->actual_comment);
		end(w);
	}
	end(w);
}

static void
write_results(struct iati_writer *w, const struct iati_activity *act)
{
	size_t i, k, j;

	for (i = 0; i < act->nresults; i++) {
		const struct iati_result *r = &act->results[i];

		start(w, "result");
		attr_int(w, "type", r->type);
		text_element(w, "title", &r->title, 1);
		text_element(w, "description", &r->description, 0);
		for (k = 0; k < r->nindicators; k++) {
			const struct iati_indicator *ind = &r->indicators[k];

			start(w, "indicator");
			attr_int(w, "measure", ind->measure);
			if (ind->ascending >= 0)
				attr(w, "ascending", ind->ascending ? "1" : "0");
			text_element(w, "title", &ind->title, 1);
			text_element(w, "description", &ind->description, 0);
			if (ind->baseline_year > 0) {
				start(w, "baseline");
				attr_int(w, "year", ind->baseline_year);
				attr(w, "value", ind->baseline_value);
				one_narrative(w, "comment", ind->baseline_comment);
				end(w);
			}
			for (j = 0; j < ind->nperiods; j++)
				write_period(w, &ind->periods[j]);
			end(w);
		}
		end(w);
	}
}

enum kerr
iati_write_activity(struct iati_writer *w, const struct iati_activity *act)
{
	size_t i;

	start(w, "iati-activity");
	attr(w, "last-updated-datetime", act->last_updated);
	attr(w, "xml:lang", act->lang);
	attr(w, "default-currency", act->currency);
	start(w, "iati-identifier");
	chk(w, xmlTextWriterWriteString(w->w, BAD_CAST act->identifier));
	end(w);
	start(w, "reporting-org");
	attr(w, "ref", act->reporting_ref);
	attr(w, "type", act->reporting_type);
	narratives(w, &act->reporting_name);
	end(w);
	text_element(w, "title", &act->title, 1);
	start(w, "description");
	attr(w, "type", "1");
	narratives(w, &act->description);
	end(w);
	write_orgs(w, act);
	if (act->status > 0)
		code_int(w, "activity-status", act->status);
	for (i = 0; i < act->ndates; i++) {
		start(w, "activity-date");
		attr_int(w, "type", act->dates[i].type);
		attr(w, "iso-date", act->dates[i].date);
		end(w);
	}
	start(w, "contact-info");
	attr(w, "type", "1");	/* general enquiries */
	one_narrative(w, "organisation", act->contact_org);
	if (act->contact_email != NULL && *act->contact_email != '\0') {
		start(w, "email");
		chk(w, xmlTextWriterWriteString(w->w, BAD_CAST act->contact_email));
		end(w);
	}
	end(w);
	if (act->country != NULL) {
		start(w, "recipient-country");
		attr(w, "code", act->country);
		attr_int(w, "percentage", act->country_percentage);
		if (act->country_name != NULL) {
			start(w, "narrative");
			chk(w, xmlTextWriterWriteString(w->w, BAD_CAST act->country_name));
			end(w);
		}
		end(w);
	}
	for (i = 0; i < act->nlocations; i++) {
		const struct iati_location *l = &act->locations[i];

		start(w, "location");
		code_element(w, "location-reach", "1");	/* the activity happens there */
		text_element(w, "name", &l->name, 0);
		if (l->pos != NULL) {
			start(w, "point");
			attr(w, "srsName", "http://www.opengis.net/def/crs/EPSG/0/4326");
			start(w, "pos");
			chk(w, xmlTextWriterWriteString(w->w, BAD_CAST l->pos));
			end(w);
			end(w);
		}
		code_element(w, "location-class", "1");	/* an administrative region */
		end(w);
	}
	for (i = 0; i < act->nsectors; i++) {
		start(w, "sector");
		attr(w, "vocabulary", "1");
		attr(w, "code", act->sectors[i].code);
		attr_int(w, "percentage", act->sectors[i].percentage);
		end(w);
	}
	for (i = 0; i < act->ntags; i++) {
		start(w, "tag");
		attr(w, "vocabulary", "2");
		attr_int(w, "code", act->tags[i].goal);
		if (act->tags[i].name != NULL) {
			start(w, "narrative");
			chk(w, xmlTextWriterWriteString(w->w, BAD_CAST act->tags[i].name));
			end(w);
		}
		end(w);
	}
	if (act->gender_significance >= 0) {
		start(w, "policy-marker");
		attr(w, "vocabulary", "1");
		attr(w, "code", "1");	/* gender equality */
		attr_int(w, "significance", act->gender_significance);
		end(w);
	}
	code_element(w, "collaboration-type", act->collaboration);
	code_element(w, "default-flow-type", act->flow);
	code_element(w, "default-finance-type", act->finance);
	start(w, "default-aid-type");
	attr(w, "code", act->aid);
	attr(w, "vocabulary", "1");
	end(w);
	for (i = 0; i < act->nbudgets; i++) {
		const struct iati_budget *b = &act->budgets[i];

		start(w, "budget");
		attr(w, "type", "1");	/* original */
		attr(w, "status", "2");	/* committed: the decision approved it */
		date_element(w, "period-start", b->start);
		date_element(w, "period-end", b->end);
		value_element(w, b->value, b->value_date);
		end(w);
	}
	if (act->capital_spend != NULL) {
		start(w, "capital-spend");
		attr(w, "percentage", act->capital_spend);
		end(w);
	}
	write_transactions(w, act);
	for (i = 0; i < act->ndoclinks; i++) {
		const struct iati_doclink *d = &act->doclinks[i];
		size_t k;

		start(w, "document-link");
		attr(w, "url", d->url);
		attr(w, "format", d->format);
		text_element(w, "title", &d->title, 1);
		code_element(w, "category", d->category);
		for (k = 0; k < d->nlangs; k++)
			code_element(w, "language", d->langs[k]);
		end(w);
	}
	for (i = 0; i < act->nrelated; i++) {
		start(w, "related-activity");
		attr(w, "ref", act->related[i].ref);
		attr_int(w, "type", act->related[i].type);
		end(w);
	}
	write_results(w, act);
	end(w);
	return w->failed ? KERR_SYSTEM : KERR_OK;
}

enum kerr
iati_writer_end(struct iati_writer *w)
{
	int failed;

	chk(w, xmlTextWriterEndDocument(w->w));
	chk(w, xmlTextWriterFlush(w->w));
	/* A text file ends with a newline, which libxml2 leaves out. */
	write_cb(w, "\n", 1);
	failed = w->failed;
	iati_writer_free(w);
	return failed ? KERR_SYSTEM : KERR_OK;
}

void
iati_writer_free(struct iati_writer *w)
{
	if (w == NULL)
		return;
	/* What libxml2 still holds goes nowhere: the output is complete, or thrown away whole. */
	w->discard = 1;
	xmlFreeTextWriter(w->w);
	free(w);
}

/* ---- the whole export ---------------------------------------------------------------------------------- */

enum kerr
iati_each(const char *reqid, const struct iati_ctx *ctx, const struct iati_filter *f,
    unsigned long long cache_version, iati_visit_fn fn, void *arg)
{
	struct iati_project *page;
	struct iati_activity act;
	char after[32] = "";
	struct arena *a;
	size_t i, n;
	enum kerr e = KERR_OK;

	if ((a = arena_new(1 << 20)) == NULL)
		return KERR_NOMEM;
	for (;;) {
		if ((e = db_iati_page(a, reqid, f, after, IATI_PAGE, cache_version,
		    &page, &n)) != KERR_OK)
			break;
		for (i = 0; i < n && e == KERR_OK; i++) {
			iati_map(a, ctx, &page[i], &act);
			e = fn(arg, &act);
		}
		if (e != KERR_OK || n < IATI_PAGE)
			break;
		snprintf(after, sizeof(after), "%s", page[n - 1].code);
		arena_reset(a);
	}
	arena_free(a);
	return e;
}

struct export_state {
	struct iati_writer *w;
	size_t		    count;
};

static enum kerr
export_one(void *arg, const struct iati_activity *act)
{
	struct export_state *s = arg;
	enum kerr e;

	if ((e = iati_write_activity(s->w, act)) == KERR_OK)
		s->count++;
	return e;
}

enum kerr
iati_export(const char *reqid, const struct iati_ctx *ctx, const struct iati_filter *f,
    iati_out_fn out, void *arg, size_t *count)
{
	struct export_state s;
	enum kerr e;

	*count = 0;
	memset(&s, 0, sizeof(s));
	if ((s.w = iati_writer_new(out, arg, ctx->now)) == NULL)
		return KERR_NOMEM;
	if ((e = iati_each(reqid, ctx, f, 0, export_one, &s)) != KERR_OK) {
		iati_writer_free(s.w);
		return e;
	}
	*count = s.count;
	return iati_writer_end(s.w);
}

int
iati_year_parse(const char *s)
{
	int y;

	if (s == NULL || strlen(s) != 4 || strspn(s, "0123456789") != 4)
		return 0;
	y = atoi(s);
	return y >= 1900 && y <= 2999 ? y : 0;
}

/* ---- the organisation file ----------------------------------------------------------------------------- */

/* A calendar year's figures, of the whole programme (country "") or of one recipient country. */
struct org_fig {
	int		 year;
	char		 country[4];
	long long	 budget, spent;
};

struct org_sum {
	struct org_fig	*figs;		/* malloc'd: a few per year and country, whatever the number of projects */
	size_t		 n, cap;
	char		 updated[32];	/* the latest last-updated-datetime of an activity */
};

static struct org_fig *
org_fig(struct org_sum *s, int year, const char *country)
{
	struct org_fig *f;
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->figs[i].year == year && strcmp(s->figs[i].country, country) == 0)
			return &s->figs[i];
	if (s->n == s->cap) {
		size_t cap = s->cap > 0 ? s->cap * 2 : 32;

		if ((f = realloc(s->figs, cap * sizeof(*f))) == NULL)
			return NULL;
		s->figs = f;
		s->cap = cap;
	}
	f = &s->figs[s->n++];
	memset(f, 0, sizeof(*f));
	f->year = year;
	snprintf(f->country, sizeof(f->country), "%s", country);
	return f;
}

#define ORG_MAXYEARS	8

/*
 * Splits a budget period over the calendar years it touches, in
 * proportion to its days in each, and adds the parts to the programme's
 * budget and to that of the country.
 */
static enum kerr
org_budget(struct org_sum *s, const struct iati_budget *b, const char *country)
{
	long long w[ORG_MAXYEARS], part[ORG_MAXYEARS], from, to;
	struct ymd st, en;
	struct org_fig *f;
	size_t i, n;

	if (iati_date_parse(b->start, &st) != 0 || iati_date_parse(b->end, &en) != 0 ||
	    en.y < st.y || en.y - st.y >= ORG_MAXYEARS)
		return KERR_OK;		/* the activity file's rules report such a period */
	n = (size_t)(en.y - st.y + 1);
	for (i = 0; i < n; i++) {
		int y = st.y + (int)i;

		from = i == 0 ? calendar_day(st.y, st.m, st.d) : calendar_day(y, 1, 1);
		to = i == n - 1 ? calendar_day(en.y, en.m, en.d) : calendar_day(y, 12, 31);
		w[i] = to >= from ? to - from + 1 : 0;
	}
	iati_apportion(b->value, w, n, part);
	for (i = 0; i < n; i++) {
		if ((f = org_fig(s, st.y + (int)i, "")) == NULL)
			return KERR_NOMEM;
		f->budget += part[i];
		if (country == NULL)
			continue;
		if ((f = org_fig(s, st.y + (int)i, country)) == NULL)
			return KERR_NOMEM;
		f->budget += part[i];
	}
	return KERR_OK;
}

/* ICLD's expenditure is what it paid out: the disbursements to the Swedish members, by the year paid. */
static enum kerr
org_visit(void *arg, const struct iati_activity *act)
{
	struct org_sum *s = arg;
	struct org_fig *f;
	struct ymd d;
	size_t i;
	enum kerr e;

	for (i = 0; i < act->nbudgets; i++)
		if ((e = org_budget(s, &act->budgets[i], act->country)) != KERR_OK)
			return e;
	for (i = 0; i < act->ntransactions; i++) {
		const struct iati_transaction *t = &act->transactions[i];

		if (t->type != IATI_DISBURSEMENT || iati_date_parse(t->date, &d) != 0)
			continue;
		if ((f = org_fig(s, d.y, "")) == NULL)
			return KERR_NOMEM;
		f->spent += t->value;
	}
	if (act->last_updated != NULL && strcmp(act->last_updated, s->updated) > 0)
		snprintf(s->updated, sizeof(s->updated), "%s", act->last_updated);
	return KERR_OK;
}

/* The programme's figures first, then each country's, by year. */
static int
cmp_fig(const void *x, const void *y)
{
	const struct org_fig *a = x, *b = y;
	int c = strcmp(a->country, b->country);

	return c != 0 ? c : (a->year > b->year) - (a->year < b->year);
}

/* <name status="2"> (committed: approved budgets) with a calendar year's period and its value. */
static void
org_period(struct iati_writer *w, const char *name, const char *status,
    const char *country, int year, long long value)
{
	char from[16], to[16];

	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	start(w, name);
	attr(w, "status", status);
	if (country != NULL)
		code_element(w, "recipient-country", country);
	date_element(w, "period-start", from);
	date_element(w, "period-end", to);
	value_element(w, value, from);
	end(w);
}

enum kerr
iati_org_export(const char *reqid, const struct iati_ctx *ctx, const struct iati_filter *f,
    iati_out_fn out, void *arg)
{
	struct iati_writer *w;
	struct org_sum s;
	struct iati_text name;
	size_t i;
	enum kerr e;

	memset(&s, 0, sizeof(s));
	if ((e = iati_each(reqid, ctx, f, 0, org_visit, &s)) != KERR_OK) {
		free(s.figs);
		return e;
	}
	qsort(s.figs, s.n, sizeof(*s.figs), cmp_fig);
	if ((w = writer_open(out, arg, "iati-organisations", ctx->now)) == NULL) {
		free(s.figs);
		return KERR_NOMEM;
	}
	memset(&name, 0, sizeof(name));
	name.n[0].text = ctx->org_name;
	name.count = 1;
	start(w, "iati-organisation");
	attr(w, "last-updated-datetime", s.updated[0] != '\0' ? s.updated : ctx->now);
	attr(w, "xml:lang", "en");
	attr(w, "default-currency", "SEK");
	start(w, "organisation-identifier");
	chk(w, xmlTextWriterWriteString(w->w, BAD_CAST ctx->org_ref));
	end(w);
	text_element(w, "name", &name, 1);
	start(w, "reporting-org");
	attr(w, "ref", ctx->org_ref);
	attr(w, "type", ctx->org_type);
	narratives(w, &name);
	end(w);
	for (i = 0; i < s.n; i++)
		if (s.figs[i].country[0] == '\0')
			org_period(w, "total-budget", "2", NULL, s.figs[i].year, s.figs[i].budget);
	for (i = 0; i < s.n; i++)
		if (s.figs[i].country[0] != '\0')
			org_period(w, "recipient-country-budget", "2", s.figs[i].country,
			    s.figs[i].year, s.figs[i].budget);
	for (i = 0; i < s.n; i++)
		if (s.figs[i].country[0] == '\0' && s.figs[i].spent > 0)
			org_period(w, "total-expenditure", NULL, NULL, s.figs[i].year, s.figs[i].spent);
	end(w);
	free(s.figs);
	return iati_writer_end(w);
}
