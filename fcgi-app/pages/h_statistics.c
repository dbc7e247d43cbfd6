/* h_statistics.c - the programme in figures for ICLD and Sida: charts drawn on the server, tables beside them. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db_statistics.h"
#include "domain/labels.h"
#include "http/app.h"
#include "http/form.h"
#include "http/req.h"
#include "pages/h_statistics.h"
#include "views/chart.h"
#include "views/page.h"
#include "views/view.h"

/* Columns a figure's table has after the charted one. */
#define COL_UNDER_WAY	1u
#define COL_AMOUNT	2u

/* One chart with its table; the strings are msgids. */
struct figure {
	const char	*id;		/* stem of its element ids */
	const char	*heading;
	const char	*hint;		/* how the figure is counted, or NULL */
	const char	*col_label;	/* heading of the label column */
	const char	*col_value;	/* heading of the charted column */
	int		 money;		/* charts amount (kronor), else n */
	int		 coded;		/* labels are codes that label() words */
	unsigned	 cols;		/* COL_* */
};

enum fig {
	FIG_COUNTRIES,
	FIG_THEMES,
	FIG_TYPES,
	FIG_ROUNDS,
	FIG_ACTIVE,
	FIG_APPROVED,
	FIG_DISBURSED,
	FIG__MAX
};

static const struct figure figures[FIG__MAX] = {
	[FIG_COUNTRIES] = { "countries", N_("Projects by partner country"), NULL,
	    N_("Country"), N_("Projects"), 0, 0, COL_AMOUNT },
	[FIG_THEMES] = { "themes", N_("Projects by thematic area"), NULL,
	    N_("Thematic area"), N_("Projects"), 0, 0, COL_AMOUNT },
	[FIG_TYPES] = { "types", N_("Projects by project type"), NULL,
	    N_("Project type"), N_("Projects"), 0, 1, COL_AMOUNT },
	[FIG_ROUNDS] = { "rounds", N_("Projects by round"), NULL,
	    N_("Round"), N_("Projects"), 0, 0, COL_UNDER_WAY | COL_AMOUNT },
	[FIG_ACTIVE] = { "active", N_("Projects active each calendar year"),
	    N_("A project counts in every calendar year from its start to its end."),
	    N_("Year"), N_("Projects"), 0, 0, 0 },
	[FIG_APPROVED] = { "approved", N_("Amount approved per year (SEK)"),
	    N_("The approved budget of all project years, in the year of the decision."),
	    N_("Year"), N_("Amount approved"), 1, 0, 0 },
	[FIG_DISBURSED] = { "disbursed", N_("Amount disbursed per year (SEK)"),
	    N_("Reimbursements paid after approved reports, in the year of payment."),
	    N_("Year"), N_("Amount disbursed"), 1, 0, 0 },
};

static const char *
anchor_name(enum chart_anchor a)
{
	return a == CHART_START ? "start" : a == CHART_END ? "end" : "middle";
}

/* Appends the figure's chart geometry and table under the page's "figures". */
static void
view_figure(struct req *r, const struct figure *fig, const struct count *c, size_t n)
{
	struct vobj *f = vobj_push(r->view, "figures"), *o, *x;
	long long *values = arena_calloc(r->a, n + 1, sizeof(*values));
	struct chart_bar *bars = arena_calloc(r->a, n + 1, sizeof(*bars));
	const char **texts = arena_calloc(r->a, n + 1, sizeof(*texts));
	const char *lab;
	size_t i, chars = 0;
	struct chart ch;
	struct buf desc;

	vobj_str(f, "id", fig->id);
	vobj_str(f, "heading", i18n_tr(r->lang, fig->heading));
	vobj_str(f, "hint", fig->hint != NULL ? i18n_tr(r->lang, fig->hint) : NULL);
	vobj_str(f, "col_label", i18n_tr(r->lang, fig->col_label));
	vobj_str(f, "col_value", i18n_tr(r->lang, fig->col_value));
	if (fig->cols & COL_UNDER_WAY)
		vobj_str(vobj_push(f, "extra_heads"), "text",
		    i18n_tr(r->lang, N_("Under way")));
	if (fig->cols & COL_AMOUNT)
		vobj_str(vobj_push(f, "extra_heads"), "text",
		    i18n_tr(r->lang, N_("Approved budget")));
	vobj_bool(f, "has_bars", n > 0);
	if (n == 0)
		return;

	for (i = 0; i < n; i++) {
		values[i] = fig->money ? c[i].amount : c[i].n;
		texts[i] = fig->money ? fmt_amount(r->a, values[i], r->lang) :
		    fmt_number(r->a, values[i], r->lang);
		if (utf8_chars(texts[i]) > chars)
			chars = utf8_chars(texts[i]);
	}
	chart_layout(&ch, values, n, chars, bars);
	vobj_int(f, "width", ch.width);
	vobj_int(f, "height", ch.height);
	vobj_int(f, "plot_x", ch.plot_x);
	vobj_int(f, "plot_h", ch.plot_h);
	vobj_int(f, "tick_y", ch.tick_y);
	vobj_int(f, "bar_h", CHART_BAR_H);
	for (i = 0; i < ch.nticks; i++) {
		o = vobj_push(f, "ticks");
		vobj_int(o, "x", ch.ticks[i].x);
		vobj_str(o, "anchor", anchor_name(ch.ticks[i].anchor));
		/* The unit is in the heading: ticks stay short. NULL: a gridline alone. */
		vobj_str(o, "label", ch.ticks[i].labelled ?
		    fmt_number(r->a, ch.ticks[i].value, r->lang) : NULL);
	}

	buf_init(&desc, r->a, 256);
	for (i = 0; i < n; i++) {
		lab = fig->coded ? label(r->lang, c[i].key) :
		    c[i].label != NULL ? c[i].label : c[i].key;
		o = vobj_push(f, "bars");
		vobj_str(o, "label", lab);
		vobj_str(o, "value", texts[i]);
		vobj_int(o, "w", bars[i].w);
		vobj_int(o, "label_y", bars[i].label_y);
		vobj_int(o, "bar_y", bars[i].bar_y);
		vobj_int(o, "value_x", bars[i].value_x);
		vobj_int(o, "value_y", bars[i].value_y);
		if (fig->cols & COL_UNDER_WAY) {
			x = vobj_push(o, "extras");
			vobj_str(x, "text", fmt_number(r->a, c[i].under_way, r->lang));
		}
		if (fig->cols & COL_AMOUNT) {
			x = vobj_push(o, "extras");
			vobj_str(x, "text", fmt_amount(r->a, c[i].amount, r->lang));
		}
		/* The chart's text alternative: every label with its value. */
		buf_printf(&desc, "%s%s: %s", i > 0 ? ", " : "", lab, texts[i]);
	}
	vobj_str(f, "desc", desc.data);
}

/* The round filter: every round, the chosen one selected. */
static void
view_filter(struct req *r, const struct statistics *s, long long round)
{
	struct vobj *f = vobj_obj(r->view, "filter"), *o;
	size_t i;

	vobj_str(f, "id", "round");
	vobj_str(f, "label", i18n_tr(r->lang, N_("Round")));
	vobj_str(f, "none", i18n_tr(r->lang, N_("All rounds")));
	for (i = 0; i < s->nround_opts; i++) {
		o = vobj_push(f, "opts");
		vobj_str(o, "value", s->round_opts[i].key);
		vobj_str(o, "label", s->round_opts[i].label);
		vobj_bool(o, "selected", atoll(s->round_opts[i].key) == round);
	}
}

/* The round named by the query, or NULL when round is none of them. */
static const struct count *
find_round(const struct statistics *s, long long round)
{
	size_t i;

	for (i = 0; i < s->nround_opts; i++)
		if (atoll(s->round_opts[i].key) == round)
			return &s->round_opts[i];
	return NULL;
}

/* GET /statistics[?round=ID] -> 200 | 400 round is not a round's id | 503 */
int
h_statistics(struct req *r)
{
	const char *q = req_query(r, "round");
	const struct count *chosen = NULL;
	const struct count *lists[FIG__MAX];
	size_t lens[FIG__MAX], i;
	struct vobj *v = r->view, *o;
	struct statistics s;
	long long round = 0;
	enum kerr e;

	/* The select's "all rounds" sends round= empty. */
	if (q != NULL && q[0] != '\0' && (round = path_id(q)) == 0)
		return 400;
	if ((e = db_statistics(r->a, r->id, r->sess->data_version, r->lang, round, &s)) != KERR_OK)
		return http_status(e);
	if (round != 0 && (chosen = find_round(&s, round)) == NULL)
		return 400;

	vobj_str(v, "title", i18n_tr(r->lang, N_("Statistics")));
	vobj_str(v, "selection", chosen != NULL ? chosen->label :
	    i18n_tr(r->lang, N_("All rounds")));
	view_filter(r, &s, round);
	vobj_bool(v, "has_projects", s.projects > 0);
	vobj_str(v, "projects", fmt_number(r->a, s.projects, r->lang));
	vobj_str(v, "under_way", fmt_number(r->a, s.under_way, r->lang));
	vobj_str(v, "members_count", fmt_number(r->a, (long long)s.nmembers, r->lang));
	vobj_str(v, "approved_total", fmt_amount(r->a, s.approved_total, r->lang));
	vobj_str(v, "disbursed_total", fmt_amount(r->a, s.disbursed_total, r->lang));
	if (s.ref_year > 0) {
		vobj_str(v, "earlier_under_way", fmt_number(r->a, s.earlier_under_way,
		    r->lang));
		vobj_int(v, "ref_year", s.ref_year);
	}

	lists[FIG_COUNTRIES] = s.countries;	lens[FIG_COUNTRIES] = s.ncountries;
	lists[FIG_THEMES] = s.themes;		lens[FIG_THEMES] = s.nthemes;
	lists[FIG_TYPES] = s.types;		lens[FIG_TYPES] = s.ntypes;
	lists[FIG_ROUNDS] = s.rounds;		lens[FIG_ROUNDS] = s.nrounds;
	lists[FIG_ACTIVE] = s.active;		lens[FIG_ACTIVE] = s.nactive;
	lists[FIG_APPROVED] = s.approved;	lens[FIG_APPROVED] = s.napproved;
	lists[FIG_DISBURSED] = s.disbursed;	lens[FIG_DISBURSED] = s.ndisbursed;
	if (s.projects > 0)
		for (i = 0; i < FIG__MAX; i++)
			view_figure(r, &figures[i], lists[i], lens[i]);
	for (i = 0; i < s.nmembers; i++) {
		o = vobj_push(v, "members");
		vobj_str(o, "name", s.members[i].label);
		vobj_str(o, "n", fmt_number(r->a, s.members[i].n, r->lang));
	}

	view_crumb(r, "/statistics", i18n_tr(r->lang, N_("Statistics")));
	return render(r, TPL_STATISTICS);
}
