/* str.h - small string tests every layer shares: ASCII case and digits, and two texts being the same. */
#ifndef KPP_STR_H
#define KPP_STR_H

#include <stddef.h>

/*
 * c in lower case when it is an ASCII capital A-Z, else c unchanged: protocol words (header and
 * parameter names, media types, URL schemes, HTML tag names) ignore ASCII case only, whatever
 * the locale says of other letters.
 */
int	str_lower(int c);

/*
 * Whether the n bytes at s equal the NUL-terminated lower-case t, ignoring ASCII case in s (t
 * must be written in lower case). s need not be NUL-terminated; a NUL within s[0..n) differs.
 */
int	str_eq_lower(const char *s, size_t n, const char *t);

/* Whether c is an ASCII digit: isdigit() depends on the locale gettext sets. */
int	str_digit(int c);

/* Whether a and b are the same text; NULL (none) is the same as NULL only. */
int	str_same(const char *a, const char *b);

struct arena;

/* base, an address with or without its final slash ([app] public_url), and path ("/..."): one absolute address, in a. */
const char	*str_url(struct arena *a, const char *base, const char *path);

#endif
