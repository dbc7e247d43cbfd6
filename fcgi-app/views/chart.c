/* chart.c - the geometry of server-drawn horizontal bar charts (see chart.h). */
#include <limits.h>
#include <string.h>

#include "views/chart.h"

#define PLOT_X		2	/* keeps the axis line's stroke inside the drawing */
#define VALUE_GAP	6	/* between a bar's end and its value */
#define LABEL_GAP	8	/* at least between two tick labels */
#define MIN_PLOT_W	160	/* the drawing widens rather than squash the bars */
#define MAXSTEPS	5

long long
chart_nice_step(long long max)
{
	static const long long mult[] = { 1, 2, 5, 10 };
	long long raw, p = 1;
	size_t i;

	if (max <= 0)
		return 0;
	raw = max / MAXSTEPS + (max % MAXSTEPS != 0);
	while (p <= raw / 10)
		p *= 10;
	/* raw < 2e18, so p <= 1e18 and 2p covers it: the guard only skips factors never needed. */
	for (i = 0; i < sizeof(mult) / sizeof(mult[0]); i++)
		if (p <= LLONG_MAX / mult[i] && p * mult[i] >= raw)
			return p * mult[i];
	return raw;
}

/* The length of value v on an axis whose axis_max is plot_w long; long double keeps LLONG_MAX exact enough. */
static int
scale(long long v, long long axis_max, int plot_w)
{
	int w;

	if (v <= 0 || axis_max <= 0)
		return 0;
	w = (int)((long double)v * plot_w / axis_max + 0.5L);
	if (w < 1)
		w = 1;
	return w > plot_w ? plot_w : w;
}

/* The characters of v written with its thousands grouped ("50 000 000"), as fmt_number() does. */
static int
grouped_chars(long long v)
{
	int digits = 1;

	while (v >= 10) {
		v /= 10;
		digits++;
	}
	return digits + (digits - 1) / 3;
}

/*
 * Writes the values of the first and last ticks, and of those between
 * whose labels keep clear of the last one written and of the last tick's.
 * The first label runs right of its tick and the last left of its own, a
 * whole label wide; the others are centred on theirs.
 */
static void
label_ticks(struct chart *c)
{
	int w = grouped_chars(c->axis_max) * CHART_CHAR_W + LABEL_GAP, prev, need;
	size_t i, last = c->nticks - 1;

	c->ticks[0].labelled = 1;
	c->ticks[last].labelled = 1;
	prev = c->ticks[0].x;
	need = w + w / 2;
	for (i = 1; i < last; i++)
		if (c->ticks[i].x - prev >= need && c->ticks[last].x - c->ticks[i].x >= w + w / 2) {
			c->ticks[i].labelled = 1;
			prev = c->ticks[i].x;
			need = w;
		}
}

void
chart_layout(struct chart *c, const long long *values, size_t n,
    size_t value_chars, struct chart_bar *bars)
{
	long long max = 0, k, steps;
	size_t i;
	int room;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	/* Far beyond any formatted number: it only keeps the int from overflowing. */
	if (value_chars > 64)
		value_chars = 64;
	room = (int)value_chars * CHART_CHAR_W + VALUE_GAP;
	c->plot_x = PLOT_X;
	c->width = CHART_WIDTH;
	c->plot_w = c->width - c->plot_x - room;
	if (c->plot_w < MIN_PLOT_W) {
		c->plot_w = MIN_PLOT_W;
		c->width = c->plot_x + c->plot_w + room;
	}
	c->plot_h = (int)n * CHART_ROW_H + 4;
	c->tick_y = c->plot_h + 16;
	c->height = c->plot_h + 22;

	c->step = chart_nice_step(max);
	if (c->step > 0) {
		steps = max / c->step + (max % c->step != 0);
		/* Near LLONG_MAX the rounded-up axis would overflow: end it at the largest value. */
		c->axis_max = steps <= LLONG_MAX / c->step ? steps * c->step : max;
	}
	for (k = 0; c->nticks < CHART_MAXTICKS; k++) {
		struct chart_tick *t = &c->ticks[c->nticks++];

		t->value = k * c->step;
		t->x = c->plot_x + scale(t->value, c->axis_max, c->plot_w);
		t->anchor = k == 0 ? CHART_START : CHART_MIDDLE;
		if (c->step == 0 || k >= c->axis_max / c->step)
			break;
	}
	if (c->nticks > 1)
		c->ticks[c->nticks - 1].anchor = CHART_END;
	label_ticks(c);

	for (i = 0; i < n; i++) {
		int top = (int)i * CHART_ROW_H;

		bars[i].w = scale(values[i], c->axis_max, c->plot_w);
		bars[i].label_y = top + 15;
		bars[i].bar_y = top + 21;
		bars[i].value_x = c->plot_x + bars[i].w + VALUE_GAP;
		bars[i].value_y = bars[i].bar_y + 13;
	}
}
