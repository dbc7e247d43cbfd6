/*
 * test_chart.c - unit tests for chart.c (nice axis steps, bar scaling, zeros, one bar, large amounts, layout)
 * and for the chart's template, templates/_bar_chart.html: SVG inside HTML, every name escaped.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/req.h"
#include "unit.h"
#include "views/chart.h"
#include "views/tpl.h"
#include "views/view.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* Whether s is 1, 2 or 5 times a power of ten. */
static int
is_nice(long long s)
{
	while (s >= 10 && s % 10 == 0)
		s /= 10;
	return s == 1 || s == 2 || s == 5;
}

static void
test_chart_nice_step(void)
{
	CU_ASSERT_EQUAL(chart_nice_step(0), 0);
	CU_ASSERT_EQUAL(chart_nice_step(-7), 0);
	CU_ASSERT_EQUAL(chart_nice_step(1), 1);
	CU_ASSERT_EQUAL(chart_nice_step(5), 1);
	CU_ASSERT_EQUAL(chart_nice_step(6), 2);
	CU_ASSERT_EQUAL(chart_nice_step(8), 2);
	CU_ASSERT_EQUAL(chart_nice_step(10), 2);
	CU_ASSERT_EQUAL(chart_nice_step(11), 5);
	CU_ASSERT_EQUAL(chart_nice_step(25), 5);
	CU_ASSERT_EQUAL(chart_nice_step(26), 10);
	CU_ASSERT_EQUAL(chart_nice_step(32), 10);
	CU_ASSERT_EQUAL(chart_nice_step(51), 20);
	CU_ASSERT_EQUAL(chart_nice_step(100), 20);
	CU_ASSERT_EQUAL(chart_nice_step(6125500), 2000000);
	CU_ASSERT_EQUAL(chart_nice_step(41380000), 10000000);
	CU_ASSERT_EQUAL(chart_nice_step(LLONG_MAX), 2000000000000000000LL);
}

/* For every maximum, the axis ends at the first multiple of a nice step at or above it, in at most five steps. */
static void
test_chart_nice_maximum(void)
{
	static const long long big[] = { 999999999LL, 123456789012LL, 1000000000000000000LL,
	    LLONG_MAX / 3, LLONG_MAX - 1 };
	struct chart_bar bar;
	struct chart c;
	long long v;
	size_t i;

	for (v = 1; v <= 20000; v += v < 200 ? 1 : 37) {
		chart_layout(&c, &v, 1, 3, &bar);
		CU_ASSERT(is_nice(c.step));
		CU_ASSERT(c.axis_max >= v);
		CU_ASSERT(c.axis_max - c.step < v);
		CU_ASSERT_EQUAL(c.axis_max % c.step, 0);
		CU_ASSERT(c.axis_max / c.step <= 5);
		CU_ASSERT_EQUAL((long long)c.nticks, c.axis_max / c.step + 1);
		CU_ASSERT_EQUAL(c.ticks[c.nticks - 1].value, c.axis_max);
	}
	chart_layout(&c, (long long[]){ 7 }, 1, 1, &bar);
	CU_ASSERT_EQUAL(c.axis_max, 8);
	chart_layout(&c, (long long[]){ 32 }, 1, 2, &bar);
	CU_ASSERT_EQUAL(c.axis_max, 40);
	for (i = 0; i < N(big); i++) {
		chart_layout(&c, &big[i], 1, 20, &bar);
		CU_ASSERT(is_nice(c.step));
		CU_ASSERT(c.axis_max >= big[i]);
		CU_ASSERT(c.nticks >= 2 && c.nticks <= 6);
	}
}

/* Widths are proportional to the values on the axis; the largest bar is as long as its share of the axis. */
static void
test_chart_scaling(void)
{
	long long v[] = { 8, 4, 2, 6 };
	struct chart_bar b[N(v)];
	struct chart c;
	size_t i;

	chart_layout(&c, v, N(v), 1, b);
	CU_ASSERT_EQUAL(c.step, 2);
	CU_ASSERT_EQUAL(c.axis_max, 8);
	CU_ASSERT_EQUAL(b[0].w, c.plot_w);
	CU_ASSERT(b[1].w - c.plot_w / 2 <= 1 && c.plot_w / 2 - b[1].w <= 1);
	CU_ASSERT(b[2].w - c.plot_w / 4 <= 1 && c.plot_w / 4 - b[2].w <= 1);
	CU_ASSERT(b[3].w - c.plot_w * 3 / 4 <= 1 && c.plot_w * 3 / 4 - b[3].w <= 1);
	for (i = 0; i < N(v); i++)
		CU_ASSERT_EQUAL(b[i].value_x, c.plot_x + b[i].w + 6);
	/* The ticks: 0 at the axis, written from it; the last at the end of the plot. */
	CU_ASSERT_EQUAL(c.nticks, 5);
	CU_ASSERT_EQUAL(c.ticks[0].x, c.plot_x);
	CU_ASSERT_EQUAL(c.ticks[0].anchor, CHART_START);
	CU_ASSERT_EQUAL(c.ticks[2].value, 4);
	CU_ASSERT_EQUAL(c.ticks[2].anchor, CHART_MIDDLE);
	CU_ASSERT_EQUAL(c.ticks[4].x, c.plot_x + c.plot_w);
	CU_ASSERT_EQUAL(c.ticks[4].anchor, CHART_END);
	for (i = 1; i < c.nticks; i++)
		CU_ASSERT(c.ticks[i].x > c.ticks[i - 1].x);
	for (i = 0; i < c.nticks; i++)
		CU_ASSERT(c.ticks[i].labelled);
}

/* Long tick values are written only where they cannot run into each other; 0 and the end always are. */
static void
test_chart_tick_labels_keep_apart(void)
{
	long long v[] = { 41380000, 15640000 };
	struct chart_bar b[N(v)];
	struct chart c;
	int w, prev = -1, n = 0;
	size_t i;

	chart_layout(&c, v, N(v), 13, b);
	CU_ASSERT_EQUAL(c.axis_max, 50000000);
	CU_ASSERT_EQUAL(c.nticks, 6);
	CU_ASSERT(c.ticks[0].labelled);
	CU_ASSERT(c.ticks[c.nticks - 1].labelled);
	/* "50 000 000" is 10 characters: written labels are at least a label apart, centred ones half each side. */
	w = 10 * CHART_CHAR_W;
	for (i = 0; i < c.nticks; i++) {
		if (!c.ticks[i].labelled)
			continue;
		n++;
		if (prev >= 0)
			CU_ASSERT(c.ticks[i].x - prev >= w);
		prev = c.ticks[i].x;
	}
	CU_ASSERT(n >= 2 && n < 6);
	for (i = 1; i + 1 < c.nticks; i++)
		if (c.ticks[i].labelled) {
			CU_ASSERT(c.ticks[i].x - c.ticks[0].x >= w + w / 2);
			CU_ASSERT(c.ticks[c.nticks - 1].x - c.ticks[i].x >= w + w / 2);
		}
	/* Short values: every tick is written. */
	chart_layout(&c, (long long[]){ 8 }, 1, 1, b);
	for (i = 0; i < c.nticks; i++)
		CU_ASSERT(c.ticks[i].labelled);
	/* All zero: the one tick at 0 is written. */
	chart_layout(&c, (long long[]){ 0 }, 1, 1, b);
	CU_ASSERT_EQUAL(c.nticks, 1);
	CU_ASSERT(c.ticks[0].labelled);
}

/* A zero draws no bar; the smallest value that is not zero still shows. */
static void
test_chart_zero_values(void)
{
	long long v[] = { 0, 1, 1000000, 0 };
	struct chart_bar b[N(v)];
	struct chart c;

	chart_layout(&c, v, N(v), 12, b);
	CU_ASSERT_EQUAL(c.axis_max, 1000000);
	CU_ASSERT_EQUAL(b[0].w, 0);
	CU_ASSERT_EQUAL(b[1].w, 1);
	CU_ASSERT_EQUAL(b[2].w, c.plot_w);
	CU_ASSERT_EQUAL(b[3].w, 0);
	CU_ASSERT_EQUAL(b[0].value_x, c.plot_x + 6);
	/* Negative values (none are expected) draw nothing rather than leave the axis. */
	chart_layout(&c, (long long[]){ -5, 10 }, 2, 2, b);
	CU_ASSERT_EQUAL(b[0].w, 0);
	CU_ASSERT_EQUAL(b[1].w, c.plot_w);
}

static void
test_chart_one_bar(void)
{
	long long v = 7;
	struct chart_bar b;
	struct chart c;

	chart_layout(&c, &v, 1, 1, &b);
	CU_ASSERT_EQUAL(c.axis_max, 8);
	CU_ASSERT_EQUAL(b.w, (c.plot_w * 7 + 4) / 8);
	CU_ASSERT_EQUAL(c.plot_h, CHART_ROW_H + 4);
	CU_ASSERT(b.label_y > 0 && b.label_y < b.bar_y);
	CU_ASSERT(b.bar_y + CHART_BAR_H <= c.plot_h);
	CU_ASSERT(c.tick_y > c.plot_h && c.tick_y <= c.height);
	chart_layout(&c, (long long[]){ 1 }, 1, 1, &b);
	CU_ASSERT_EQUAL(c.axis_max, 1);
	CU_ASSERT_EQUAL(c.nticks, 2);
	CU_ASSERT_EQUAL(b.w, c.plot_w);
}

/* Nothing to scale: no bars, one tick at 0, and no division by zero. */
static void
test_chart_all_zero(void)
{
	long long v[] = { 0, 0, 0 };
	struct chart_bar b[N(v)];
	struct chart c;
	size_t i;

	chart_layout(&c, v, N(v), 1, b);
	CU_ASSERT_EQUAL(c.step, 0);
	CU_ASSERT_EQUAL(c.axis_max, 0);
	CU_ASSERT_EQUAL(c.nticks, 1);
	CU_ASSERT_EQUAL(c.ticks[0].value, 0);
	CU_ASSERT_EQUAL(c.ticks[0].x, c.plot_x);
	for (i = 0; i < N(v); i++)
		CU_ASSERT_EQUAL(b[i].w, 0);
	CU_ASSERT_EQUAL(c.plot_h, 3 * CHART_ROW_H + 4);
	chart_layout(&c, NULL, 0, 0, NULL);
	CU_ASSERT_EQUAL(c.nticks, 1);
	CU_ASSERT_EQUAL(c.plot_h, 4);
	CU_ASSERT(c.height > c.plot_h);
}

/* Amounts in the tens of millions, and values near LLONG_MAX, scale without overflow. */
static void
test_chart_large_amounts(void)
{
	long long v[] = { 31230000, 41380000, 15640000 };
	long long huge[] = { LLONG_MAX, LLONG_MAX / 2, 1 };
	struct chart_bar b[3];
	struct chart c;
	size_t i;

	chart_layout(&c, v, N(v), 13, b);
	CU_ASSERT_EQUAL(c.step, 10000000);
	CU_ASSERT_EQUAL(c.axis_max, 50000000);
	CU_ASSERT_EQUAL(b[1].w, (int)((41380000.0 * c.plot_w) / 50000000 + 0.5));
	CU_ASSERT(b[0].w > b[2].w && b[1].w > b[0].w);
	chart_layout(&c, huge, N(huge), 30, b);
	CU_ASSERT(c.axis_max >= LLONG_MAX / 2);
	CU_ASSERT(b[0].w <= c.plot_w && b[0].w >= c.plot_w * 9 / 10);
	CU_ASSERT(b[1].w > 0 && b[1].w < b[0].w);
	CU_ASSERT_EQUAL(b[2].w, 1);
	for (i = 0; i < c.nticks; i++) {
		CU_ASSERT(c.ticks[i].value >= 0 && c.ticks[i].value <= c.axis_max);
		CU_ASSERT(c.ticks[i].x >= c.plot_x && c.ticks[i].x <= c.plot_x + c.plot_w);
	}
}

/* The height follows the number of bars, rows never overlap, and a value's text fits in the drawing. */
static void
test_chart_rows_and_room(void)
{
	long long v[12];
	struct chart_bar b[N(v)];
	struct chart c;
	size_t i;

	for (i = 0; i < N(v); i++)
		v[i] = (long long)(i + 1) * 3;
	chart_layout(&c, v, N(v), 2, b);
	CU_ASSERT_EQUAL(c.plot_h, (int)N(v) * CHART_ROW_H + 4);
	CU_ASSERT_EQUAL(c.height, c.plot_h + 22);
	CU_ASSERT_EQUAL(c.width, CHART_WIDTH);
	for (i = 1; i < N(v); i++) {
		CU_ASSERT_EQUAL(b[i].bar_y - b[i - 1].bar_y, CHART_ROW_H);
		CU_ASSERT(b[i].label_y - 14 > b[i - 1].bar_y + CHART_BAR_H);
	}
	for (i = 0; i < N(v); i++)
		CU_ASSERT(b[i].value_x + 2 * 8 <= c.width);
	/* Longer value texts leave less room for bars, down to a floor; then the drawing widens. */
	chart_layout(&c, v, N(v), 15, b);
	CU_ASSERT(c.plot_w < CHART_WIDTH - 2 * 8);
	CU_ASSERT(b[N(v) - 1].value_x + 15 * 8 <= c.width);
	chart_layout(&c, v, N(v), 60, b);
	CU_ASSERT(c.plot_w >= 160);
	CU_ASSERT(c.width > CHART_WIDTH);
	CU_ASSERT(b[N(v) - 1].value_x + 60 * 8 <= c.width);
}

/*
 * The real partial, as the page renders it, with names that are markup:
 * the engine takes the SVG elements inside HTML, and escapes what stands
 * in <title>, <desc>, <text>, table cells and attributes alike.
 */
static void
test_chart_partial_escapes_names(void)
{
	static const char evil[] = "<script>alert(1)</script> \"Kenya\" & 'Kina'";
	static const char safe[] = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;Kenya&quot; &amp; &#39;Kina&#39;";
	char dir[4096], err[512];
	const char *srcdir, *p;
	struct tplset *t = NULL;
	struct vobj *f, *o;
	struct arena *a;
	struct buf out;
	size_t n = 0;

	if ((srcdir = getenv("srcdir")) == NULL || *srcdir == '\0')
		srcdir = ".";
	snprintf(dir, sizeof(dir), "%s/templates", srcdir);
	CU_ASSERT_EQUAL_FATAL(tplset_load(dir, 1, NULL, NULL, view_layout_names, &t, err, sizeof(err)), KERR_OK);
	CU_ASSERT_FATAL((a = arena_new(8192)) != NULL);
	f = vobj_new(a);
	vobj_str(f, "id", "countries");
	vobj_str(f, "heading", evil);
	vobj_str(f, "col_label", "Land");
	vobj_str(f, "col_value", "Projekt");
	vobj_bool(f, "has_bars", 1);
	vobj_str(f, "desc", evil);
	vobj_int(f, "width", 380);
	vobj_int(f, "plot_x", 2);
	vobj_int(f, "bar_h", CHART_BAR_H);
	o = vobj_push(f, "ticks");
	vobj_int(o, "x", 2);
	vobj_str(o, "anchor", "start");
	vobj_str(o, "label", "0");
	o = vobj_push(f, "bars");
	vobj_str(o, "label", evil);
	vobj_str(o, "value", "8");
	vobj_int(o, "w", 100);
	vobj_int(o, "bar_y", 21);
	buf_init(&out, a, 4096);
	CU_ASSERT_EQUAL_FATAL(tpl_render(t, tplset_find(t, "_bar_chart"), 0, f, NULL, &out), KERR_OK);
	CU_ASSERT(strstr(out.data, "<script") == NULL);
	CU_ASSERT(strstr(out.data, "\"Kenya\"") == NULL);
	for (p = out.data; (p = strstr(p, safe)) != NULL; p++)
		n++;
	/* The heading, the chart's title and caption, its desc, the bar's label and its table row. */
	CU_ASSERT_EQUAL(n, 6);
	CU_ASSERT(strstr(out.data, "<svg role=\"img\" aria-labelledby=\"countries-title countries-desc\"") != NULL);
	CU_ASSERT(strstr(out.data, "<title id=\"countries-title\">") != NULL);
	CU_ASSERT(strstr(out.data, "<rect class=\"bar\" x=\"2\" y=\"21\" width=\"100\" height=\"16\"/>") != NULL);
	/* An attribute takes a name escaped too (quotes cannot end it). */
	vobj_str(f, "id", evil);
	buf_reset(&out);
	CU_ASSERT_EQUAL(tpl_render(t, tplset_find(t, "_bar_chart"), 0, f, NULL, &out), KERR_OK);
	CU_ASSERT(strstr(out.data, "aria-labelledby=\"&lt;script&gt;alert(1)&lt;/script&gt; &quot;Kenya&quot;") != NULL);
	CU_ASSERT(strstr(out.data, "<script") == NULL);
	arena_free(a);
	tplset_free(t);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_chart_nice_step", test_chart_nice_step },
		{ "test_chart_nice_maximum", test_chart_nice_maximum },
		{ "test_chart_scaling", test_chart_scaling },
		{ "test_chart_zero_values", test_chart_zero_values },
		{ "test_chart_one_bar", test_chart_one_bar },
		{ "test_chart_all_zero", test_chart_all_zero },
		{ "test_chart_large_amounts", test_chart_large_amounts },
		{ "test_chart_rows_and_room", test_chart_rows_and_room },
		{ "test_chart_tick_labels_keep_apart", test_chart_tick_labels_keep_apart },
		{ "test_chart_partial_escapes_names", test_chart_partial_escapes_names },
		{ NULL, NULL }
	};

	return unit_run("chart", tests);
}
