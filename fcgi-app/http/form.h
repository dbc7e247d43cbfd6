/* form.h - request input decoding: urlencoded forms and query strings, cookies, UTF-8 checks. */
#ifndef KPP_FORM_H
#define KPP_FORM_H

#include <stddef.h>

#include "core/kerr.h"

struct arena;

/* One decoded pair; name and value are NUL-terminated and contain no NUL. */
struct param {
	const char	*name;
	const char	*value;
	size_t		 valuelen;	/* strlen(value), kept for callers that copy */
};

/* The pairs in the order the client sent them; names may repeat. */
struct params {
	struct param	*v;
	size_t		 n;
};

/*
 * Decodes application/x-www-form-urlencoded input s of len bytes (s need
 * not be NUL-terminated; it may be NULL when len is 0); query strings use
 * the same syntax. Pairs are separated by '&', and empty pieces ("a=1&&b=2",
 * a trailing '&') are skipped as browsers do. In names and values '+' is a
 * space and %XX an escaped byte (either case of hex digit). A pair without
 * '=' has the value "", and "=x" has the name "".
 * Returns KERR_OK and fills out, or KERR_BADREQ (out is then n = 0) for a
 * malformed escape ("%G1", "%4" at the end), an escaped or raw NUL byte,
 * a name or value that is not valid UTF-8 once decoded (see utf8_valid()),
 * or more than max_params pairs. Empty input gives n = 0.
 * All memory comes from a and lives as long as it; s is not kept.
 */
enum kerr	 form_parse_urlencoded(struct arena *a, const char *s, size_t len,
		    size_t max_params, struct params *out);

/* Returns the first value sent for name, or NULL if there is none; it points into p. */
const char	*form_get(const struct params *p, const char *name);

/*
 * Stores in vals, in the order sent, the values of up to max pairs called
 * name (checkboxes send one pair per ticked box) and returns how many it
 * stored: never more than max, so further pairs are dropped. The strings
 * point into p.
 */
size_t		 form_get_all(const struct params *p, const char *name,
		    const char **vals, size_t max);

/*
 * Returns 1 if the len bytes at s are well-formed UTF-8 (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF, no truncated
 * sequence), else 0. U+0000 counts as valid: callers that must refuse NUL
 * check for it themselves, as the parsers here do.
 */
int		 utf8_valid(const char *s, size_t len);

/*
 * Parses a Cookie header ("a=1; b=2") into out, leniently: spaces and tabs
 * around pairs are ignored, a value in double quotes loses them, and a piece
 * that is not a cookie (no '=', an empty name or one with characters outside
 * RFC 6265's token, a value with control characters or invalid UTF-8) is
 * skipped, because browsers send odd cookies set by other applications on
 * the domain and one of them must not break the request. Values are not
 * percent-decoded. Duplicate names are all kept in the order sent (browsers
 * send the most specific path first, which is what form_get() returns).
 * header may be NULL (no Cookie header). Always returns KERR_OK; memory
 * comes from a.
 */
enum kerr	 form_parse_cookies(struct arena *a, const char *header,
		    struct params *out);

/*
 * Returns s percent-encoded for use as a URL query component or form value:
 * every byte but the unreserved ones (A-Z a-z 0-9 - . _ ~) becomes %XX with
 * upper-case hex, a space included (as %20, never '+'), so the result is
 * also safe inside an HTML attribute. The string is allocated from a.
 */
char		*form_urlencode(struct arena *a, const char *s);

/*
 * The pairs of p in the order sent, as application/x-www-form-urlencoded (form_urlencode()'s
 * escapes), leaving out those called skip (NULL: none): what form_parse_urlencoded() reads back
 * as the same pairs. "" when none is left. Allocated from a.
 */
char		*form_encode(struct arena *a, const struct params *p, const char *skip);

/* s without surrounding blanks (space, tab, CR, LF), in the arena; "" for NULL. */
char		*form_trim(struct arena *a, const char *s);

/* The characters (code points) in UTF-8 text, as MariaDB's lengths count them; 0 for NULL. */
size_t		 utf8_chars(const char *s);

#endif
