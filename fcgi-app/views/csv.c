/* csv.c - the CSV writer of the list downloads (see csv.h for the dialect and why). */
#include <string.h>

#include "core/buf.h"
#include "views/csv.h"

void
csv_start(struct csv *c, struct buf *b)
{
	c->b = b;
	c->col = 0;
	buf_puts(b, "\xef\xbb\xbf");
}

static void
separate(struct csv *c)
{
	if (c->col++ > 0)
		buf_putc(c->b, ';');
}

void
csv_text(struct csv *c, const char *s)
{
	const char *p;
	int neutralise, quote;

	separate(c);
	if (s == NULL || *s == '\0')
		return;
	neutralise = strchr("=+-@\t\r", *s) != NULL;
	quote = strpbrk(s, ";\"\r\n") != NULL;
	if (quote)
		buf_putc(c->b, '"');
	if (neutralise)
		buf_putc(c->b, '\'');
	if (!quote) {
		buf_puts(c->b, s);
		return;
	}
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(c->b, '"');
		buf_putc(c->b, *p);
	}
	buf_putc(c->b, '"');
}

void
csv_int(struct csv *c, long long n)
{
	separate(c);
	buf_printf(c->b, "%lld", n);
}

void
csv_empty(struct csv *c)
{
	separate(c);
}

void
csv_row_end(struct csv *c)
{
	buf_puts(c->b, "\r\n");
	c->col = 0;
}
