/* rules.c - the submission rules of an application: required fields, round, country, duration, budget, team, results. */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "domain/labels.h"
#include "domain/rules.h"
#include "domain/valid.h"

/* The team rules are the programme's, not the round's: round_rules has no say in them. */
#define INCEPTION_SERVANTS	2
#define PROJECT_SERVANTS_MIN	3
#define PROJECT_SERVANTS_MAX	5

struct ctx {
	struct rule_list	 e;		/* the problems found */
	const struct application *app;
	const struct round	*r;
	const struct country	*c;
	int			 type;		/* enum ptype, or -1 when not chosen or unknown */
	const struct round_rule	*rule;		/* the round's rule for type; NULL when not allowed */
	enum section		 sec;		/* the section being checked */
	int			 approving;	/* the amounts are ICLD's approved ones, not those applied for */
};

const char *
rules_fill(struct arena *a, const char *s, const char *const *pairs)
{
	const char *const *p;
	const char *open, *close, *v;
	struct buf b;
	size_t len;

	if (s == NULL)
		return arena_strdup(a, "");
	buf_init(&b, a, strlen(s) + 64);
	while ((open = strchr(s, '{')) != NULL) {
		buf_append(&b, s, (size_t)(open - s));
		v = NULL;
		if ((close = strchr(open + 1, '}')) != NULL) {
			len = (size_t)(close - open - 1);
			for (p = pairs; p != NULL && p[0] != NULL; p += 2)
				if (strlen(p[0]) == len &&
				    memcmp(p[0], open + 1, len) == 0) {
					v = p[1] != NULL ? p[1] : "";
					break;
				}
		}
		if (v != NULL) {
			buf_puts(&b, v);
			s = close + 1;
		} else {
			/* Not ours: copied, and the search goes on after this brace. */
			buf_putc(&b, '{');
			s = open + 1;
		}
	}
	buf_puts(&b, s);
	return b.data;
}

void
rules_fail(struct rule_list *x, enum section s, const char *field,
    const char *msgid, const char *const *pairs)
{
	if (x->n < x->max) {
		x->out[x->n].field = field;
		x->out[x->n].section = s;
		x->out[x->n].text = rules_fill(x->a, i18n_tr(x->l, msgid),
		    pairs);
	}
	x->n++;
}

static void
add_problem(struct ctx *x, const char *field, const char *msgid,
    const char *const *pairs)
{
	rules_fail(&x->e, x->sec, field, msgid, pairs);
}

int
rules_blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == '\f' || *s == '\v')
			continue;
		if ((unsigned char)s[0] == 0xc2 &&
		    (unsigned char)s[1] == 0xa0) {
			s++;
			continue;
		}
		return 0;
	}
	return 1;
}

static void
require(struct ctx *x, const char *s, const char *field, const char *msgid)
{
	if (rules_blank(s))
		add_problem(x, field, msgid, NULL);
}

static const char *
number_text(struct ctx *x, long long n)
{
	return fmt_number(x->e.a, n, x->e.l);
}

static const char *
kronor(struct ctx *x, long long n)
{
	return fmt_amount(x->e.a, n, x->e.l);
}

/* A round's date as a letter writes it ("1 March 2016"); as stored if it is not a date. */
static const char *
day(struct ctx *x, const char *iso)
{
	int y, m, d;

	if (valid_date(iso, &y, &m, &d) != KERR_OK)
		return iso;
	return fmt_date_long(x->e.a, y, m, d, x->e.l);
}

static size_t
partners_needed(const struct ctx *x)
{
	return x->type == PT_THREE_PARTY ? 2 : 1;
}

/*
 * Partner k (0-based) must be in the application's country: the rules,
 * the statistics and the IATI file all follow that country.
 */
static void
check_partner_country(struct ctx *x, size_t k)
{
	const struct partner_place *pp = &x->app->partner_at[k];
	const char *its;

	if (x->app->partner[k] == 0 || x->c == NULL || pp->country == NULL ||
	    strcmp(pp->country, x->c->code) == 0)
		return;
	its = i18n_pick(x->e.l, pp->country_sv, pp->country_en);
	add_problem(x, "country", N_("{organisation} is in {its_country}, not in "
	    "{country}: choose {its_country} as the partner country, or a "
	    "partner organisation in {country}"), (const char *const []){
	    "organisation", pp->name != NULL ? pp->name :
	    i18n_tr(x->e.l, N_("The partner organisation")),
	    "its_country", its != NULL ? its : pp->country,
	    "country", i18n_pick(x->e.l, x->c->name_sv, x->c->name_en), NULL });
}

static void
check_partners(struct ctx *x, const char *today)
{
	const struct application *app = x->app;
	const char *pairs[3] = { "date", NULL, NULL };
	size_t k;

	if (x->type < 0)
		add_problem(x, "type", N_("Choose the type of project"), NULL);
	else if (x->rule == NULL)
		add_problem(x, "type", N_("This round does not accept this type of "
		    "project: choose another type"), NULL);
	/* An inception in a round that takes them all year is never late; an unknown type may still be one. */
	if (today != NULL &&
	    !(x->r->inception_all_year &&
	    (x->type == PT_INCEPTION || x->type < 0))) {
		if (strcmp(today, x->r->opens_on) < 0) {
			pairs[1] = day(x, x->r->opens_on);
			add_problem(x, "type", N_("The round opens on {date}: you can "
			    "submit the application from that day"), pairs);
		} else if (strcmp(today, x->r->closes_on) > 0) {
			pairs[1] = day(x, x->r->closes_on);
			add_problem(x, "type", x->r->inception_all_year ?
			    N_("The round closed on {date}: it now accepts "
			    "inception applications only") :
			    N_("The round closed on {date}: applications can "
			    "no longer be submitted to it"), pairs);
		}
	}

	if (app->partner[0] == 0)
		add_problem(x, "partner-1", partners_needed(x) == 2 ?
		    N_("Choose the first partner organisation") :
		    N_("Choose the partner organisation"), NULL);
	if (partners_needed(x) == 2 && app->partner[1] == 0)
		add_problem(x, "partner-2", N_("Choose the second partner "
		    "organisation"), NULL);
	else if (partners_needed(x) == 1 && app->partner[1] != 0 &&
	    x->type >= 0)
		add_problem(x, "partner-2", N_("Remove the second partner "
		    "organisation, or choose a three-party project"), NULL);

	if (x->c == NULL)
		add_problem(x, "country", N_("Choose the partner's country"), NULL);
	else if (!x->c->eligible) {
		pairs[0] = "country";
		pairs[1] = i18n_pick(x->e.l, x->c->name_sv, x->c->name_en);
		add_problem(x, "country", N_("{country} is not a partner country of "
		    "the programme: choose an eligible country"), pairs);
	}
	for (k = 0; k < partners_needed(x); k++)
		check_partner_country(x, k);
}

/* The language of the title and summary in the partner's language. */
static void
check_partner_lang(struct ctx *x)
{
	const struct application *app = x->app;
	const char *pairs[5] = { "language", NULL, "country", NULL, NULL };
	int k;

	if (rules_blank(app->title_local_lang)) {
		if (!rules_blank(app->title_local) || !rules_blank(app->summary_local))
			add_problem(x, "title_local_lang", N_("Choose the language of the "
			    "title and summary in the partner's language"), NULL);
		return;
	}
	/* Until a country is chosen, that is the problem to fix (check_partners). */
	if (x->c == NULL || partner_lang_ok(x->c->languages, app->title_local_lang))
		return;
	k = local_lang_index(app->title_local_lang);
	pairs[1] = k >= 0 ? i18n_tr(x->e.l, local_langs[k].msgid) :
	    app->title_local_lang;
	pairs[3] = i18n_pick(x->e.l, x->c->name_sv, x->c->name_en);
	add_problem(x, "title_local_lang", N_("The language {language} is not one of the "
	    "languages of {country}: choose one of them, or none"), pairs);
}

static void
check_project(struct ctx *x)
{
	const struct application *app = x->app;
	size_t i;
	int any;

	require(x, app->title_sv, "title_sv", N_("Enter the title in Swedish"));
	require(x, app->title_en, "title_en", N_("Enter the title in English"));
	check_partner_lang(x);
	require(x, app->summary_en, "summary_en",
	    N_("Enter a summary in English"));
	require(x, app->background, "background",
	    N_("Describe the background and the problem the project "
	    "addresses"));
	if (app->theme_id == 0)
		add_problem(x, "theme", N_("Choose the thematic area"), NULL);

	for (any = 0, i = 0; i < sizeof(app->principle) /
	    sizeof(app->principle[0]); i++)
		any |= app->principle[i] != 0;
	if (!any)
		add_problem(x, "principles", N_("Choose at least one of the four "
		    "principles the project strengthens"), NULL);
	for (any = 0, i = 1; i < sizeof(app->sdg) / sizeof(app->sdg[0]); i++)
		any |= app->sdg[i] != 0;
	if (!any)
		add_problem(x, "sdgs", N_("Choose at least one Sustainable "
		    "Development Goal the project contributes to"), NULL);

	require(x, app->target_groups, "target_groups",
	    N_("Describe the target groups"));
	if (app->citizen_dialogue != 0 && app->citizen_dialogue != 1)
		add_problem(x, "citizen_dialogue", N_("Answer whether the project "
		    "develops citizen dialogue"), NULL);
	else if (app->citizen_dialogue == 1)
		require(x, app->dialogue_text, "dialogue_text",
		    N_("Describe how the project develops citizen dialogue"));
	require(x, app->vulnerable_text, "vulnerable_text",
	    N_("Describe how the project considers vulnerable groups"));
	require(x, app->gender_text, "gender_text",
	    N_("Describe how the project promotes women's participation"));
}

static void
check_indicator(struct ctx *x, const struct indicator *ind,
    size_t o, size_t r, size_t i)
{
	const char *pairs[] = { "indicator",
	    arena_printf(x->e.a, "%zu.%zu.%zu", o, r, i), NULL };

	if (rules_blank(ind->name))
		add_problem(x, arena_printf(x->e.a, "indicator-%zu-%zu-%zu-name",
		    o, r, i), N_("Enter what indicator {indicator} measures"),
		    pairs);
	if (rules_blank(ind->baseline))
		add_problem(x, arena_printf(x->e.a, "indicator-%zu-%zu-%zu-baseline",
		    o, r, i), N_("Enter the baseline of indicator {indicator}"),
		    pairs);
	if (rules_blank(ind->target))
		add_problem(x, arena_printf(x->e.a, "indicator-%zu-%zu-%zu-target",
		    o, r, i), N_("Enter the target of indicator {indicator}"),
		    pairs);
}

static void
check_results(struct ctx *x)
{
	const struct application *app = x->app;
	const struct objective *ob;
	const struct expected_result *er;
	const char *pairs[3] = { NULL, NULL, NULL };
	size_t o, r, i;

	require(x, app->overall_objective, "overall_objective",
	    N_("Enter the overall objective"));
	if (app->nobj == 0)
		add_problem(x, "objective-1", N_("Add at least one objective, with an "
		    "expected result and an indicator"), NULL);
	for (o = 1; o <= app->nobj; o++) {
		ob = &app->obj[o - 1];
		pairs[0] = "objective";
		pairs[1] = number_text(x, (long long)o);
		if (rules_blank(ob->description))
			add_problem(x, arena_printf(x->e.a, "objective-%zu", o),
			    N_("Describe objective {objective}"), pairs);
		if (ob->nres == 0)
			add_problem(x, arena_printf(x->e.a, "result-%zu-1", o),
			    N_("Add an expected result to objective "
			    "{objective}"), pairs);
		for (r = 1; r <= ob->nres; r++) {
			er = &ob->res[r - 1];
			pairs[0] = "result";
			pairs[1] = arena_printf(x->e.a, "%zu.%zu", o, r);
			if (rules_blank(er->description))
				add_problem(x, arena_printf(x->e.a, "result-%zu-%zu",
				    o, r), N_("Describe expected result "
				    "{result}"), pairs);
			if (er->nind == 0)
				add_problem(x, arena_printf(x->e.a,
				    "indicator-%zu-%zu-1-name", o, r),
				    N_("Add an indicator to expected result "
				    "{result}"), pairs);
			for (i = 1; i <= er->nind; i++)
				check_indicator(x, &er->ind[i - 1], o, r, i);
		}
	}
}

/* How many members of each role one side of the team has. */
struct tally {
	int	majority, opposition, servants;
};

/*
 * The side member m counts on: 0 the Swedish side, 1 + k partner k. With
 * one partner every member abroad is that partner's, whatever org_id says;
 * with two it must name one of them, else -1.
 */
static int
member_side(const struct ctx *x, const struct member *m)
{
	size_t k;

	if (m->partner_side == 0)
		return 0;
	if (partners_needed(x) == 1)
		return 1;
	for (k = 0; k < MAX_PARTNERS; k++)
		if (m->org_id != 0 && m->org_id == x->app->partner[k])
			return 1 + (int)k;
	return -1;
}

/* Checks the tally t of side s (as member_side() numbers them) against the type's rule. */
static void
check_side(struct ctx *x, int s, const struct tally *t)
{
	static const char *const fields[1 + MAX_PARTNERS] = {
		"team-swedish", "team-partner-1", "team-partner-2"
	};
	/* The sides' names with one partner, then with two. */
	static const char *const names[MAX_PARTNERS][1 + MAX_PARTNERS] = {
		{ N_("the Swedish side"), N_("the partner's side"), NULL },
		{ N_("the Swedish side"), N_("the first partner's side"),
		    N_("the second partner's side") }
	};
	const char *pairs[] = {
		"side", i18n_tr(x->e.l, names[partners_needed(x) - 1][s]),
		"count", number_text(x, t->servants),
		"min", NULL, "max", NULL, NULL
	};

	if (x->type == PT_INCEPTION) {
		pairs[5] = number_text(x, INCEPTION_SERVANTS);
		if (t->majority == 0)
			add_problem(x, fields[s], N_("Add a politician from the "
			    "majority to the team on {side}"), pairs);
		if (t->opposition == 0)
			add_problem(x, fields[s], N_("Add a politician from the "
			    "opposition to the team on {side}"), pairs);
		if (t->servants < INCEPTION_SERVANTS)
			add_problem(x, fields[s], N_("Give the team on {side} at least "
			    "{min} civil servants; it now has {count}"), pairs);
	} else if (t->servants < PROJECT_SERVANTS_MIN ||
	    t->servants > PROJECT_SERVANTS_MAX) {
		pairs[5] = number_text(x, PROJECT_SERVANTS_MIN);
		pairs[7] = number_text(x, PROJECT_SERVANTS_MAX);
		add_problem(x, fields[s], N_("Give the team on {side} {min} to {max} "
		    "civil servants; it now has {count}"), pairs);
	}
}

static void
check_team(struct ctx *x)
{
	const struct application *app = x->app;
	const struct member *m;
	struct tally t[1 + MAX_PARTNERS];
	const char *pairs[3] = { "name", NULL, NULL };
	size_t i;
	int s;

	if (x->type < 0)
		return;
	memset(t, 0, sizeof(t));
	for (i = 0; i < app->nteam; i++) {
		m = &app->team[i];
		if (rules_blank(m->name))
			continue;
		if ((s = member_side(x, m)) < 0) {
			/* Until both partners are chosen, the member may be the missing one's. */
			if (app->partner[0] == 0 || app->partner[1] == 0)
				continue;
			pairs[1] = m->name;
			add_problem(x, arena_printf(x->e.a, "member-%zu-org", i + 1),
			    N_("Choose which partner organisation {name} works "
			    "for"), pairs);
		} else if (m->role == ROLE_POLITICIAN_MAJORITY)
			t[s].majority++;
		else if (m->role == ROLE_POLITICIAN_OPPOSITION)
			t[s].opposition++;
		else if (m->role == ROLE_CIVIL_SERVANT)
			t[s].servants++;
	}
	for (s = 0; s <= (int)partners_needed(x); s++)
		/* A partner not chosen yet can have nobody; Partners asks for it. */
		if (s == 0 || partners_needed(x) == 1 || app->partner[s - 1] != 0)
			check_side(x, s, &t[s]);
}

enum match {
	WHOLE,		/* the word itself */
	PREFIX,		/* a word starting so */
	SUFFIX,		/* a word ending so: Swedish compounds put the head last */
	ANYWHERE	/* inside any word */
};

/*
 * Words that name salaries or per diems, lower case, with how they must
 * match a word of the description. Stems are kept narrow where a looser
 * match would catch innocent words ("lönsam" profitable, "lönn" maple,
 * "belöning" reward; "wager").
 */
static const struct {
	const char	*stem;
	enum match	 how;
	const char	*lead;	/* a word before it that is part of the term, or NULL */
} salary_words[] = {
	{ "lön", SUFFIX, NULL },		/* lön, månadslön, timlön */
	{ "löne", ANYWHERE, NULL },		/* löner, lönen, lönekostnader, timlönerna */
	{ "arvod", ANYWHERE, NULL },		/* arvode, arvoden, sammanträdesarvode */
	{ "traktament", ANYWHERE, NULL },	/* traktamente, dagtraktamenten */
	{ "salar", PREFIX, NULL },		/* salary, salaries, salaried */
	{ "wage", WHOLE, NULL },
	{ "wages", WHOLE, NULL },
	{ "allowance", PREFIX, NULL },		/* allowance, allowances */
	{ "honorari", PREFIX, NULL },		/* honorarium, honoraria */
	{ "diem", WHOLE, "per" },		/* per diem, per-diem */
	{ "diems", WHOLE, "per" },
	{ "perdiem", PREFIX, NULL }		/* perdiem, perdiems */
};

/*
 * The length of the character at s if it is a letter, else 0. Letters are
 * ASCII letters and every character from U+00C0 up, save × and ÷ and the
 * punctuation blocks U+2000-U+206F and U+3000-U+303F, so that Swedish,
 * other Latin and non-Latin words stay whole and quotes, dashes and
 * no-break spaces separate them.
 */
static size_t
letter(const unsigned char *s)
{
	if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
		return 1;
	if (*s == 0xc3 && s[1] >= 0x80 && s[1] <= 0xbf)
		return s[1] == 0x97 || s[1] == 0xb7 ? 0 : 2;
	if (*s >= 0xc4 && *s <= 0xdf && (s[1] & 0xc0) == 0x80)
		return 2;
	if (*s >= 0xe0 && *s <= 0xef && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		if ((*s == 0xe2 && (s[1] == 0x80 || s[1] == 0x81)) ||
		    (*s == 0xe3 && s[1] == 0x80))
			return 0;
		return 3;
	}
	if (*s >= 0xf0 && *s <= 0xf4 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80)
		return 4;
	return 0;
}

/*
 * A copy of s in lower case, for ASCII and for the Latin-1 letters À-Þ
 * (Å Ä Ö É among them), whose lower case is 0x20 further in UTF-8's
 * second byte: the copy has the same length, so a word found in it is at
 * the same place in s.
 */
static char *
fold(struct arena *a, const char *s)
{
	char *f = arena_strdup(a, s);
	unsigned char *p;

	for (p = (unsigned char *)f; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
		else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0x9e &&
		    p[1] != 0x97)
			*++p += 0x20;
	return f;
}

static int
word_matches(const char *w, size_t n, const char *stem, enum match how)
{
	size_t len = strlen(stem), i;

	if (len > n)
		return 0;
	switch (how) {
	case WHOLE:
		return len == n && memcmp(w, stem, n) == 0;
	case PREFIX:
		return memcmp(w, stem, len) == 0;
	case SUFFIX:
		return memcmp(w + n - len, stem, len) == 0;
	case ANYWHERE:
		for (i = 0; i + len <= n; i++)
			if (memcmp(w + i, stem, len) == 0)
				return 1;
		return 0;
	}
	return 0;
}

/* Whether the bytes from..to of f only join two words of one term: spaces, hyphens, no-break spaces. */
static int
joins(const char *f, size_t from, size_t to)
{
	if (from == to)
		return 0;
	while (from < to)
		if (f[from] == ' ' || f[from] == '-')
			from++;
		else if ((unsigned char)f[from] == 0xc2 &&
		    (unsigned char)f[from + 1] == 0xa0)
			from += 2;
		else
			return 0;
	return 1;
}

/*
 * The first term of s naming salaries or per diems, as written there, or
 * NULL: the word, with the word before it when the two are one term
 * ("per diem", "Per-diems"), so that the message quotes what the person
 * wrote rather than half of it.
 */
static const char *
salary_word(struct arena *a, const char *s)
{
	const char *f = fold(a, s);
	size_t at, end, len, k, pat = 0, pend = 0;
	int prev = 0;

	for (at = 0; f[at] != '\0'; ) {
		if ((len = letter((const unsigned char *)f + at)) == 0) {
			at++;
			continue;
		}
		for (end = at; (len = letter((const unsigned char *)f + end))
		    != 0; end += len)
			continue;
		for (k = 0; k < sizeof(salary_words) / sizeof(salary_words[0]);
		    k++) {
			if (!word_matches(f + at, end - at, salary_words[k].stem,
			    salary_words[k].how))
				continue;
			if (prev && salary_words[k].lead != NULL &&
			    word_matches(f + pat, pend - pat, salary_words[k].lead,
			    WHOLE) && joins(f, pend, at))
				at = pat;
			return arena_strndup(a, s + at, end - at);
		}
		prev = 1;
		pat = at;
		pend = at = end;
	}
	return NULL;
}

static void
check_years(struct ctx *x)
{
	const struct round_rule *rule = x->rule;
	const char *pairs[5] = { NULL, NULL, NULL, NULL, NULL };

	if (x->app->years <= 0) {
		add_problem(x, "years", N_("Choose how many years the project will "
		    "last"), NULL);
		return;
	}
	if (rule == NULL || (x->app->years >= rule->min_years &&
	    x->app->years <= rule->max_years))
		return;
	if (rule->min_years == rule->max_years) {
		pairs[0] = "years";
		pairs[1] = number_text(x, rule->min_years);
		add_problem(x, "years", N_("Choose {years} as the number of years"),
		    pairs);
	} else {
		pairs[0] = "min";
		pairs[1] = number_text(x, rule->min_years);
		pairs[2] = "max";
		pairs[3] = number_text(x, rule->max_years);
		add_problem(x, "years", N_("Choose a number of years between {min} "
		    "and {max}"), pairs);
	}
}

/* Checks the amounts of project year y (0-based). */
static void
check_year(struct ctx *x, int y)
{
	const struct application *app = x->app;
	const struct round_rule *rule = x->rule;
	const char *field = arena_printf(x->e.a, "amount-%d", y + 1);
	const char *year = number_text(x, y + 1);
	long long total = app->year_total[y], lo, hi, sum;
	int k;

	if (total < 0) {
		add_problem(x, field, N_("Enter the amount for year {year}"),
		    (const char *const []){ "year", year, NULL });
		return;
	}
	if (rule != NULL && x->c != NULL && x->c->region >= 0 &&
	    x->c->region < REGION__MAX) {
		/* A year with nothing applied for is no project year, whatever the round's minimum. */
		lo = rule->min_amount > 1 ? rule->min_amount : 1;
		hi = rule->max_amount[x->c->region];
		if (total < lo || total > hi)
			add_problem(x, field, N_("Enter an amount between {min} and "
			    "{max} for year {year}"), (const char *const []){
			    "min", kronor(x, lo), "max", kronor(x, hi),
			    "year", year, NULL });
	}
	for (sum = 0, k = 0; k < CAT__MAX; k++)
		if (app->amount[y][k] > 0)
			sum += app->amount[y][k];
	if (sum != total)
		add_problem(x, field, x->approving ?
		    N_("The costs for year {year} add up to {sum}, not the "
		    "{total} approved for the year: correct the costs or the "
		    "amount approved") :
		    N_("The costs for year {year} add up to {sum}, "
		    "not the {total} applied for: correct the costs or the "
		    "amount"), (const char *const []){ "year", year,
		    "sum", kronor(x, sum), "total", kronor(x, total), NULL });
}

/*
 * Whether project year y (0-based) counts: one of the years chosen, for
 * amounts left from a longer plan do not; while no number is chosen, a
 * year with anything typed, so that its problems are named at once
 * rather than after the number is chosen.
 */
static int
year_counts(const struct application *app, int y)
{
	int k;

	if (app->years > 0)
		return y < app->years;
	if (app->year_total[y] >= 0)
		return 1;
	for (k = 0; k < CAT__MAX; k++)
		if (app->amount[y][k] >= 0)
			return 1;
	return 0;
}

/* The number of years and the amounts of each year that counts. */
static void
check_amounts(struct ctx *x)
{
	int y;

	check_years(x);
	for (y = 0; y < MAX_YEARS; y++)
		if (year_counts(x->app, y))
			check_year(x, y);
}

static void
check_budget(struct ctx *x)
{
	const struct application *app = x->app;
	const char *word;
	int y, other;

	check_amounts(x);
	for (other = 0, y = 0; y < MAX_YEARS; y++)
		other |= year_counts(app, y) && app->amount[y][CAT_OTHER] > 0;
	if (other && rules_blank(app->other_costs))
		add_problem(x, "other_costs", N_("Describe what the other costs "
		    "cover"), NULL);
	if (!rules_blank(app->other_costs) &&
	    (word = salary_word(x->e.a, app->other_costs)) != NULL)
		add_problem(x, "other_costs", N_("Salaries and per diems are not "
		    "eligible costs: remove \"{word}\" from the description of "
		    "the other costs"),
		    (const char *const []){ "word", word, NULL });
}

static void
check_contact(struct ctx *x)
{
	const struct application *app = x->app;

	require(x, app->contact_name, "contact_name",
	    N_("Enter the contact person's name"));
	if (rules_blank(app->contact_email))
		add_problem(x, "contact_email", N_("Enter the contact person's email "
		    "address"), NULL);
	else if (!valid_email(app->contact_email))
		add_problem(x, "contact_email", N_("Enter an email address in the "
		    "right format, like name@kommun.se"), NULL);
	require(x, app->contact_phone, "contact_phone",
	    N_("Enter the contact person's telephone number"));
}

static void
ctx_init(struct ctx *x, struct arena *a, enum lang l,
    const struct application *app, const struct round *r,
    const struct country *c, struct rule_error *out, size_t max)
{
	memset(x, 0, sizeof(*x));
	x->e.a = a;
	x->e.l = l;
	x->app = app;
	x->r = r;
	x->c = c;
	x->e.out = out;
	x->e.max = out != NULL ? max : 0;
	x->type = app->type >= 0 && app->type < PT__MAX ? app->type : -1;
	if (x->type >= 0 && r->rules[x->type].allowed)
		x->rule = &r->rules[x->type];
}

/* Checks section s; today is NULL when completing a section, the date when submitting. */
static void
check_one_section(struct ctx *x, enum section s, const char *today)
{
	x->sec = s;
	switch (s) {
	case SEC_PARTNERS:
		check_partners(x, today);
		break;
	case SEC_PROJECT:
		check_project(x);
		break;
	case SEC_RESULTS:
		check_results(x);
		break;
	case SEC_TEAM:
		check_team(x);
		break;
	case SEC_BUDGET:
		check_budget(x);
		break;
	case SEC_CONTACT:
		check_contact(x);
		break;
	case SEC__MAX:
		break;
	}
}

size_t
rules_check(struct arena *a, enum lang l, const struct application *app,
    const struct round *r, const struct country *c, const char *today,
    struct rule_error *out, size_t max)
{
	struct ctx x;
	int s;

	ctx_init(&x, a, l, app, r, c, out, max);
	for (s = 0; s < SEC__MAX; s++)
		check_one_section(&x, (enum section)s, today);
	return x.e.n;
}

size_t
rules_check_section(struct arena *a, enum lang l, enum section s,
    const struct application *app, const struct round *r,
    const struct country *c, struct rule_error *out, size_t max)
{
	struct ctx x;

	if ((int)s < 0 || s >= SEC__MAX)
		return 0;
	ctx_init(&x, a, l, app, r, c, out, max);
	check_one_section(&x, s, NULL);
	return x.e.n;
}

size_t
rules_check_amounts(struct arena *a, enum lang l,
    const struct application *app, const struct round *r,
    const struct country *c, struct rule_error *out, size_t max)
{
	struct ctx x;

	ctx_init(&x, a, l, app, r, c, out, max);
	x.sec = SEC_BUDGET;
	x.approving = 1;
	check_amounts(&x);
	return x.e.n;
}
