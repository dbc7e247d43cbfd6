/* buf.h - a growable byte buffer whose memory comes from an arena. */
#ifndef KPP_BUF_H
#define KPP_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct buf {
	struct arena	*a;
	char		*data;	/* always NUL-terminated after any append */
	size_t		 len;
	size_t		 cap;
};

/* Starts an empty buffer of capacity cap (may be 0) in arena a. */
void	buf_init(struct buf *b, struct arena *a, size_t cap);
void	buf_append(struct buf *b, const char *s, size_t n);
void	buf_puts(struct buf *b, const char *s);
void	buf_putc(struct buf *b, char c);
void	buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
/* Appends s with & < > " ' replaced by entities: safe in text and quoted attributes. */
void	buf_html(struct buf *b, const char *s, size_t n);
void	buf_reset(struct buf *b);

#endif
