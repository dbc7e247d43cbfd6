/* form.c - strict urlencoded-form and query-string decoding, lenient cookie parsing, UTF-8 checks. */
#include <string.h>

#include <uriparser/Uri.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/form.h"

/* Our own test, not isxdigit(): that one depends on the locale gettext sets. */
static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, need, k;
	unsigned char lo, hi;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		/*
		 * The first continuation byte's range depends on the lead byte:
		 * that is what rules out overlongs (E0, F0), surrogates (ED)
		 * and code points above U+10FFFF (F4), as in Unicode's
		 * table 3-7 of well-formed sequences.
		 */
		lo = 0x80;
		hi = 0xbf;
		if (p[i] >= 0xc2 && p[i] <= 0xdf)
			need = 1;
		else if (p[i] >= 0xe0 && p[i] <= 0xef) {
			need = 2;
			if (p[i] == 0xe0)
				lo = 0xa0;
			else if (p[i] == 0xed)
				hi = 0x9f;
		} else if (p[i] >= 0xf0 && p[i] <= 0xf4) {
			need = 3;
			if (p[i] == 0xf0)
				lo = 0x90;
			else if (p[i] == 0xf4)
				hi = 0x8f;
		} else
			return 0;
		if (len - i <= need)
			return 0;
		if (p[i + 1] < lo || p[i + 1] > hi)
			return 0;
		for (k = 2; k <= need; k++)
			if (p[i + k] < 0x80 || p[i + k] > 0xbf)
				return 0;
		i += need + 1;
	}
	return 1;
}

/*
 * Refuses what uriparser's decoder would let through: it copies a
 * malformed escape as it is and decodes %00 into a NUL that would cut
 * the string short.
 */
static int
raw_ok(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\0')
			return 0;
		if (s[i] != '%')
			continue;
		if (n - i < 3 || !is_hex(s[i + 1]) || !is_hex(s[i + 2]))
			return 0;
		if (s[i + 1] == '0' && s[i + 2] == '0')
			return 0;
		i += 2;
	}
	return 1;
}

/* Decodes n raw bytes into the arena; NULL if they are malformed or not UTF-8. */
static const char *
decode(struct arena *a, const char *s, size_t n, size_t *outlen)
{
	const char *end;
	char *p;

	if (!raw_ok(s, n))
		return NULL;
	p = arena_strndup(a, s, n);
	/* Line breaks are kept as sent: textareas send CRLF, and callers decide. */
	end = uriUnescapeInPlaceExA(p, URI_TRUE, URI_BR_DONT_TOUCH);
	*outlen = (size_t)(end - p);
	return utf8_valid(p, *outlen) ? p : NULL;
}

/* Index just past the piece that starts at i: the next sep, or len. */
static size_t
piece_end(const char *s, size_t len, size_t i, char sep)
{
	const char *q = memchr(s + i, sep, len - i);

	return q != NULL ? (size_t)(q - s) : len;
}

enum kerr
form_parse_urlencoded(struct arena *a, const char *s, size_t len,
    size_t max_params, struct params *out)
{
	struct param *v;
	const char *eq;
	size_t i, j, n = 0, count = 0, namelen, decodedlen;

	out->v = NULL;
	out->n = 0;
	/* Count first, so that a flood of pairs is refused before any work. */
	for (i = 0; i < len; i = j + 1)
		if ((j = piece_end(s, len, i, '&')) > i)
			count++;
	if (count > max_params)
		return KERR_BADREQ;
	if (count == 0)
		return KERR_OK;
	v = arena_calloc(a, count, sizeof(*v));
	for (i = 0; i < len; i = j + 1) {
		if ((j = piece_end(s, len, i, '&')) == i)
			continue;
		eq = memchr(s + i, '=', j - i);
		namelen = eq != NULL ? (size_t)(eq - (s + i)) : j - i;
		if ((v[n].name = decode(a, s + i, namelen, &decodedlen)) == NULL)
			return KERR_BADREQ;
		if (eq == NULL) {
			v[n].value = "";
			v[n].valuelen = 0;
		} else if ((v[n].value = decode(a, eq + 1, j - i - namelen - 1,
		    &v[n].valuelen)) == NULL)
			return KERR_BADREQ;
		n++;
	}
	out->v = v;
	out->n = n;
	return KERR_OK;
}

const char *
form_get(const struct params *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			return p->v[i].value;
	return NULL;
}

size_t
form_get_all(const struct params *p, const char *name, const char **vals,
    size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < p->n && n < max; i++)
		if (strcmp(p->v[i].name, name) == 0)
			vals[n++] = p->v[i].value;
	return n;
}

/* RFC 7230's tchar, which RFC 6265 uses for cookie names. */
static int
is_token(const char *s, size_t n)
{
	static const char tchar[] = "!#$%&'*+-.^_`|~";
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'))
			continue;
		if (memchr(tchar, c, sizeof(tchar) - 1) == NULL)
			return 0;
	}
	return 1;
}

static int
has_ctl(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 1;
	return 0;
}

static int
is_cookie_space(char c)
{
	return c == ' ' || c == '\t';
}

enum kerr
form_parse_cookies(struct arena *a, const char *header, struct params *out)
{
	struct param *v;
	const char *eq;
	size_t len, i, j, nb, ne, vb, ve, n = 0, count = 0;

	out->v = NULL;
	out->n = 0;
	if (header == NULL)
		return KERR_OK;
	len = strlen(header);
	for (i = 0; i < len; i = j + 1)
		if ((j = piece_end(header, len, i, ';')) > i)
			count++;
	if (count == 0)
		return KERR_OK;
	v = arena_calloc(a, count, sizeof(*v));
	for (i = 0; i < len; i = j + 1) {
		j = piece_end(header, len, i, ';');
		if ((eq = memchr(header + i, '=', j - i)) == NULL)
			continue;
		/* Blanks may surround the pair and the '=' inside it. */
		for (nb = i; nb < j && is_cookie_space(header[nb]); nb++)
			continue;
		for (ne = (size_t)(eq - header); ne > nb &&
		    is_cookie_space(header[ne - 1]); ne--)
			continue;
		for (vb = (size_t)(eq - header) + 1; vb < j &&
		    is_cookie_space(header[vb]); vb++)
			continue;
		for (ve = j; ve > vb && is_cookie_space(header[ve - 1]); ve--)
			continue;
		if (ve - vb >= 2 && header[vb] == '"' && header[ve - 1] == '"') {
			vb++;
			ve--;
		}
		if (!is_token(header + nb, ne - nb) ||
		    has_ctl(header + vb, ve - vb) ||
		    !utf8_valid(header + vb, ve - vb))
			continue;
		v[n].name = arena_strndup(a, header + nb, ne - nb);
		v[n].value = arena_strndup(a, header + vb, ve - vb);
		v[n].valuelen = ve - vb;
		n++;
	}
	out->v = n > 0 ? v : NULL;
	out->n = n;
	return KERR_OK;
}

char *
form_urlencode(struct arena *a, const char *s)
{
	size_t len = strlen(s);
	char *out;

	/* Every byte may become three: uriEscapeExA's documented bound. */
	out = arena_alloc(a, 3 * len + 1);
	uriEscapeExA(s, s + len, out, URI_FALSE, URI_FALSE);
	return out;
}

char *
form_encode(struct arena *a, const struct params *p, const char *skip)
{
	struct buf b;
	size_t i;

	buf_init(&b, a, 256);
	for (i = 0; i < p->n; i++) {
		if (skip != NULL && strcmp(p->v[i].name, skip) == 0)
			continue;
		buf_printf(&b, "%s%s=%s", b.len > 0 ? "&" : "",
		    form_urlencode(a, p->v[i].name), form_urlencode(a, p->v[i].value));
	}
	return b.len > 0 ? b.data : arena_strdup(a, "");
}

char *
form_trim(struct arena *a, const char *s)
{
	size_t n;

	if (s == NULL)
		return arena_strdup(a, "");
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(a, s, n);
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}
