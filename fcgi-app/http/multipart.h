/* multipart.h - a streaming multipart/form-data parser (RFC 7578, RFC 2046): fed the body in pieces of any size. */
#ifndef KPP_MULTIPART_H
#define KPP_MULTIPART_H

#include <stddef.h>

#include "core/kerr.h"

struct arena;
struct params;
struct multipart;

#define MP_BOUNDARY_MAX	70	/* RFC 2046's longest boundary */
#define MP_MAX_HEADERS	16	/* header lines a part may have */

struct mp_limits {
	unsigned long long max_body;	/* bytes fed in all; more: KERR_TOOLARGE */
	size_t	max_parts;		/* parts, fields and files together; more: KERR_TOOLARGE */
	size_t	max_field;		/* bytes of one ordinary field's value; more: KERR_TOOLARGE */
	size_t	max_header_line;	/* bytes of a part's header line, CRLF not counted; more: KERR_BADREQ */
};

/* A part's headers as its begin callback sees them; the strings live in the parser's arena. */
struct mp_part {
	const char	*name;		/* Content-Disposition's name: UTF-8, never empty */
	/*
	 * Its filename, without any directory (the part after the last '/'
	 * or '\\'): UTF-8, "" when the browser sent none (a file input left
	 * empty) or only a directory. NULL for an ordinary field.
	 */
	const char	*filename;
	const char	*content_type;	/* the part's Content-Type as sent (UTF-8); NULL when absent */
};

/*
 * Where file parts go as they arrive: begin with the headers, data with
 * each piece of content (any size, in order; the pointer is only valid
 * during the call), end when the part's closing boundary has been seen.
 * Any callback may be NULL. One that returns anything but KERR_OK stops
 * the parse: that code is what mp_feed() and mp_finish() return from then
 * on. After an error (theirs or the parser's) a part that had begun never
 * gets its end: the caller throws away what it received for it.
 */
struct mp_sink {
	enum kerr	(*begin)(void *arg, const struct mp_part *p);
	enum kerr	(*data)(void *arg, const char *data, size_t len);
	enum kerr	(*end)(void *arg);
	void		*arg;
};

/*
 * Whether content_type (a request's Content-Type) is multipart/form-data,
 * whatever its parameters: then the body is the parser's, and a missing
 * or bad boundary makes it malformed.
 */
int		 mp_is_form_data(const char *content_type);

/*
 * Starts parsing a body sent with content_type. Its boundary parameter
 * (token or quoted-string, case-insensitive name) must be 1 to 70 of
 * RFC 2046's bchars, not ending with a space; otherwise, or when the type
 * is not multipart/form-data, returns KERR_BADREQ.
 *
 * Parts are told apart by their Content-Disposition (which must be
 * "form-data" with a name; RFC 7578): a part with a filename parameter is
 * a file and goes to sink; every other part is an ordinary field, whose
 * value (no NUL, valid UTF-8, line breaks as sent) the parser appends to
 * fields in the order sent, as form_parse_urlencoded() would: form_get()
 * reads them. Parameter values are tokens or quoted-strings; in those a
 * backslash escapes the next character when it is a tspecial ('"', '\\',
 * '/', ...) and is kept otherwise, so that an old browser's
 * "C:\Users\x.pdf" keeps its path separators until the directory is cut
 * off. filename* (RFC 5987) is ignored, as RFC 7578 tells senders not to
 * use it. Other headers are ignored, but each must be "name: value"
 * ending in CRLF, with no control characters; no more than MP_MAX_HEADERS.
 *
 * All memory comes from a; fields must be empty (n = 0) and stay as long
 * as a. *out is set on success.
 */
enum kerr	 mp_new(struct arena *a, const char *content_type,
		    const struct mp_limits *lim, struct params *fields,
		    const struct mp_sink *sink, struct multipart **out);

/*
 * Parses the next len bytes of the body (len may be 0). Returns KERR_OK;
 * KERR_BADREQ for a malformed body (a boundary line followed by anything
 * but "--" or optional blanks and CRLF, a header line that breaks the rules
 * above, a bare CR or LF among the headers, a field that is not UTF-8);
 * KERR_TOOLARGE past a limit; or a sink's error. An error sticks: further
 * calls return it and do nothing. The preamble before the first boundary
 * and the epilogue after the last are ignored.
 */
enum kerr	 mp_feed(struct multipart *m, const char *data, size_t len);

/*
 * Says the body has ended. Returns KERR_OK when its closing boundary
 * ("--boundary--") was seen, KERR_BADREQ when the body stopped short (a
 * truncated upload), or the error that stopped the parse.
 */
enum kerr	 mp_finish(struct multipart *m);

#endif
