/* chart.h - the geometry of server-drawn horizontal bar charts: arithmetic only, no HTML, no I/O. */
#ifndef KPP_CHART_H
#define KPP_CHART_H

#include <stddef.h>

/*
 * A chart is a column of rows, one per bar: the bar's label as text above
 * it, the bar from the axis, and the value as text just after the bar's
 * end, so every figure reads without colour. Below the rows are the axis
 * ticks. All lengths are SVG user units (CSS pixels at full width).
 */

#define CHART_WIDTH	380	/* the usual width: about what it gets beside its table */
#define CHART_ROW_H	44	/* one bar with its label */
#define CHART_BAR_H	16
#define CHART_CHAR_W	8	/* room for one character of the 14px chart font */
#define CHART_MAXTICKS	8

enum chart_anchor {
	CHART_START,		/* text-anchor="start": the tick at the axis */
	CHART_MIDDLE,
	CHART_END		/* the last tick, so its label stays inside */
};

struct chart_bar {
	int		 w;		/* length; 0 only for a value <= 0 */
	int		 label_y;	/* baseline of the label, which starts at plot_x */
	int		 bar_y;		/* top of the bar */
	int		 value_x;	/* where the value's text starts */
	int		 value_y;	/* its baseline */
};

struct chart_tick {
	long long	 value;
	int		 x;
	enum chart_anchor anchor;
	int		 labelled;	/* its value is written: 0, the last, and those with room */
};

struct chart {
	int		 width, height;	/* of the whole drawing */
	int		 plot_x;	/* where bars start: the axis */
	int		 plot_w;	/* the length of a bar worth axis_max */
	int		 plot_h;	/* the height of the rows (gridlines run over it) */
	int		 tick_y;	/* baseline of the tick labels */
	long long	 step;		/* between ticks; 0 when every value is 0 */
	long long	 axis_max;	/* the last tick: a multiple of step >= every value */
	size_t		 nticks;
	struct chart_tick ticks[CHART_MAXTICKS];
};

/*
 * The distance between axis ticks for values up to max: 1, 2 or 5 times a
 * power of ten, the smallest that covers max in at most five steps. Returns
 * 0 for max <= 0 (no scale to draw).
 */
long long	 chart_nice_step(long long max);

/*
 * Lays out n bars for values[0..n) into c and bars[0..n) (the caller's
 * array of n). value_chars is the length, in characters, of the longest
 * value text that will stand after a bar: the room kept for it on the
 * right. Bars are scaled to the axis maximum, the nice multiple of the
 * step at or above the largest value, so the longest bar is never longer
 * than plot_w; a value > 0 always gets at least one unit, and a value <= 0
 * none (amounts and counts are never negative). Every value, up to
 * LLONG_MAX, is laid out without overflow. n == 0 gives just the axis.
 * Every tick has a gridline; a tick's value is written only where it
 * cannot run into its neighbour's (the axis's 0 and end always are), the
 * length of the axis maximum's digits and group separators telling.
 */
void		 chart_layout(struct chart *c, const long long *values, size_t n,
		    size_t value_chars, struct chart_bar *bars);

#endif
