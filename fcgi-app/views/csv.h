/* csv.h - CSV that opens right in Swedish Excel: UTF-8 with BOM, ';' between cells, CRLF, no formula injection. */
#ifndef KPP_CSV_H
#define KPP_CSV_H

#include <stddef.h>

struct buf;

/*
 * A CSV document being written into a buffer. Swedish Excel reads a
 * double-clicked file with ';' as the separator (',' is its decimal
 * comma) and needs the byte order mark to take it as UTF-8 rather than
 * Windows-1252. Lines end in CRLF as RFC 4180 says.
 */
struct csv {
	struct buf	*b;
	size_t		 col;	/* cells written on the current row */
};

/* Starts a document in b (appending to it) with the UTF-8 byte order mark. */
void	csv_start(struct csv *c, struct buf *b);

/*
 * Writes a text cell. A cell that starts with '=', '+', '-', '@', a tab or
 * a CR gets a leading "'" so that a spreadsheet shows it as text instead of
 * running it as a formula (CSV injection: a title such as
 * "=HYPERLINK(...)" typed by an applicant). Then the cell is quoted when it
 * holds ';', '"', CR or LF, with each '"' doubled. NULL writes an empty cell.
 */
void	csv_text(struct csv *c, const char *s);

/* Writes a number cell as a plain integer: no thousands separators, no quoting, never neutralised. */
void	csv_int(struct csv *c, long long n);

/* Writes an empty cell (a missing amount or date). */
void	csv_empty(struct csv *c);

/* Ends the current row with CRLF. */
void	csv_row_end(struct csv *c);

#endif
