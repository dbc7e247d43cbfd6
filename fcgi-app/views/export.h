/* export.h - a list as a download, the same table as CSV (csv.c) or as an Excel workbook (libxlsxwriter). */
#ifndef KPP_EXPORT_H
#define KPP_EXPORT_H

#include <stddef.h>

struct req;

/* What a column holds, which decides how each format writes it. */
enum xkind {
	XK_TEXT = 0,	/* a string, neutralised against formulas in CSV */
	XK_NUMBER,	/* an integer shown as it is (a reference, a year) */
	XK_AMOUNT,	/* whole kronor: a plain integer in CSV, a number with thousands grouped in Excel */
	XK_DATE,	/* YYYY-MM-DD: as it is in CSV, a real date in Excel */
	XK__MAX
};

struct xcol {
	const char	*head;		/* the heading, already in the reader's language */
	enum xkind	 kind;
	double		 width;		/* Excel column width, in characters */
};

/*
 * The table: ncols columns, and nrows rows of cells stored row by row
 * (cells[row * ncols + col]), each a string as the database gave it
 * (numbers in decimal, dates as YYYY-MM-DD) or NULL for an empty cell.
 */
struct xtable {
	const struct xcol *cols;
	size_t		   ncols;
	const char	 **cells;
	size_t		   nrows;
	const char	  *sheet;	/* the worksheet's name: at most 31 characters, none of []:*?/\ */
};

/* Allocates the cells of a table of nrows rows in the request's arena, all NULL. */
void	export_alloc(struct req *r, struct xtable *t, size_t nrows);

/*
 * Answers the table as a CSV download called name + ".csv" (an ASCII
 * name: it goes into Content-Disposition unquoted by anything else).
 * Returns 200.
 */
int	export_csv(struct req *r, const struct xtable *t, const char *name);

/*
 * Answers the table as an Excel workbook called name + ".xlsx": the
 * headings in bold over frozen panes and an autofilter, amounts and dates
 * as real numbers and dates with their formats, the given widths. The
 * workbook is written to a file of mode 0600 in the configured tmp_dir
 * (made 0700 when missing), which is unlinked as soon as it is opened
 * again for sending: the response streams it from the open descriptor,
 * which the request's arena closes. Returns 200, or 500 (logged) when
 * the file cannot be made.
 */
int	export_xlsx(struct req *r, const struct xtable *t, const char *name);

/*
 * Makes the scratch directory dir (app.tmp_dir) private (0700) when it is
 * missing. Returns 0, or -1 (logged) when it cannot be made or is not a
 * directory.
 */
int	export_scratch_dir(struct req *r, const char *dir);

#endif
