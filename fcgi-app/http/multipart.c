/* multipart.c - streaming multipart/form-data: boundaries found across pieces, fields collected, files passed on. */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/str.h"
#include "http/form.h"
#include "http/multipart.h"

enum st {
	ST_PREAMBLE,	/* before the first boundary: dropped */
	ST_AFTER,	/* right after a boundary: "--", blanks or CRLF follow */
	ST_PADDING,	/* blanks after a boundary (RFC 2046's transport padding) */
	ST_BOUNDARY_LF,	/* the CR after a boundary line */
	ST_CLOSE,	/* the first '-' of a closing boundary */
	ST_HEADER,	/* in a part's header line */
	ST_HEADER_LF,	/* the CR ending a header line */
	ST_DATA,	/* a part's content */
	ST_EPILOGUE	/* after the closing boundary: dropped */
};

struct multipart {
	struct arena		*a;
	struct mp_limits	 lim;
	struct params		*fields;
	size_t			 fields_cap;
	struct mp_sink		 sink;
	/* What ends a part: CRLF "--" boundary. It has no CR after the first byte (bchars have none). */
	char			 delim[4 + MP_BOUNDARY_MAX];
	size_t			 dlen;
	size_t			 matched;	/* bytes of delim seen at the end of the last piece */
	enum st			 st;
	enum kerr		 err;
	unsigned long long	 fed;
	size_t			 nparts;
	size_t			 padding;
	char			*line;		/* the header line being read */
	size_t			 linelen;
	size_t			 nheaders;
	int			 seen_disposition, seen_type;
	struct mp_part		 part;
	struct buf		 value;		/* an ordinary field's value so far */
};

/* RFC 7230's tchar. */
static int
is_tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* RFC 2045's tspecials: the characters a quoted-pair may stand for in a Content-Disposition. */
static int
is_tspecial(unsigned char c)
{
	return c != '\0' && strchr("()<>@,;:\\\"/[]?=", c) != NULL;
}

/* RFC 2046's bchars: what a boundary is made of. */
static int
is_bchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

static int
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* A header value being read: "token; name=value; name="quoted"". */
struct cursor {
	const char	*s;
	size_t		 n, i;
};

static void
skip_ows(struct cursor *c)
{
	while (c->i < c->n && is_ows(c->s[c->i]))
		c->i++;
}

/* Reads a token; its length (0 when there is none there). */
static size_t
token(struct cursor *c, const char **start)
{
	*start = c->s + c->i;
	while (c->i < c->n && is_tchar((unsigned char)c->s[c->i]))
		c->i++;
	return (size_t)(c->s + c->i - *start);
}

/*
 * Reads a quoted-string, the cursor on its opening quote, into the arena.
 * With ie, a backslash escapes only a tspecial (see mp_new()); otherwise
 * any character, as RFC 7230's quoted-pair. NULL when it is not closed or
 * holds a control character.
 */
static char *
quoted(struct arena *a, struct cursor *c, int ie)
{
	char *out = arena_alloc(a, c->n - c->i + 1), *o = out;
	unsigned char ch;

	for (c->i++; c->i < c->n; c->i++) {
		ch = (unsigned char)c->s[c->i];
		if (ch == '"') {
			c->i++;
			*o = '\0';
			return out;
		}
		if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
			return NULL;
		if (ch == '\\' && c->i + 1 < c->n &&
		    (!ie || is_tspecial((unsigned char)c->s[c->i + 1])))
			ch = (unsigned char)c->s[++c->i];
		*o++ = (char)ch;
	}
	return NULL;
}

/*
 * Reads the next "; name=value" of a header value into *name (length
 * *namelen, not NUL-terminated) and *value (in the arena). Returns 1 for a
 * parameter, 0 at the end (a trailing ';' is allowed), -1 when malformed.
 */
static int
next_param(struct arena *a, struct cursor *c, int ie, const char **name,
    size_t *namelen, char **value)
{
	const char *v;
	size_t vlen;

	for (;;) {
		skip_ows(c);
		if (c->i == c->n)
			return 0;
		if (c->s[c->i] != ';')
			return -1;
		c->i++;
		skip_ows(c);
		if (c->i == c->n)
			return 0;
		if (c->s[c->i] != ';')
			break;
	}
	if ((*namelen = token(c, name)) == 0)
		return -1;
	skip_ows(c);
	if (c->i == c->n || c->s[c->i] != '=')
		return -1;
	c->i++;
	skip_ows(c);
	if (c->i < c->n && c->s[c->i] == '"') {
		if ((*value = quoted(a, c, ie)) == NULL)
			return -1;
		return 1;
	}
	if ((vlen = token(c, &v)) == 0)
		return -1;
	*value = arena_strndup(a, v, vlen);
	return 1;
}

/* Moves the cursor past a media type ("type/subtype"); whether it is multipart/form-data. */
static int
form_data_type(struct cursor *c)
{
	size_t start;

	skip_ows(c);
	start = c->i;
	while (c->i < c->n && (is_tchar((unsigned char)c->s[c->i]) || c->s[c->i] == '/'))
		c->i++;
	if (!str_eq_lower(c->s + start, c->i - start, "multipart/form-data"))
		return 0;
	skip_ows(c);
	return c->i == c->n || c->s[c->i] == ';';
}

int
mp_is_form_data(const char *content_type)
{
	struct cursor c = { content_type, strlen(content_type), 0 };

	return form_data_type(&c);
}

/* The boundary parameter of a multipart/form-data Content-Type; NULL when missing or not RFC 2046's. */
static const char *
boundary_of(struct arena *a, const char *content_type)
{
	struct cursor c = { content_type, strlen(content_type), 0 };
	const char *name, *found = NULL;
	char *value;
	size_t namelen, i, len;
	int r;

	if (!form_data_type(&c))
		return NULL;
	while ((r = next_param(a, &c, 0, &name, &namelen, &value)) == 1) {
		if (!str_eq_lower(name, namelen, "boundary"))
			continue;
		if (found != NULL)
			return NULL;
		found = value;
	}
	if (r < 0 || found == NULL)
		return NULL;
	len = strlen(found);
	if (len == 0 || len > MP_BOUNDARY_MAX || found[len - 1] == ' ')
		return NULL;
	for (i = 0; i < len; i++)
		if (!is_bchar((unsigned char)found[i]))
			return NULL;
	return found;
}

enum kerr
mp_new(struct arena *a, const char *content_type, const struct mp_limits *lim,
    struct params *fields, const struct mp_sink *sink, struct multipart **out)
{
	struct multipart *m;
	const char *b;

	if ((b = boundary_of(a, content_type)) == NULL)
		return KERR_BADREQ;
	m = arena_calloc(a, 1, sizeof(*m));
	m->a = a;
	m->lim = *lim;
	m->fields = fields;
	if (sink != NULL)
		m->sink = *sink;
	memcpy(m->delim, "\r\n--", 4);
	memcpy(m->delim + 4, b, strlen(b));
	m->dlen = 4 + strlen(b);
	/* The first boundary may open the body: as if a CRLF came before it. */
	m->st = ST_PREAMBLE;
	m->matched = 2;
	m->line = arena_alloc(a, lim->max_header_line + 1);
	*out = m;
	return KERR_OK;
}

static void
set_error(struct multipart *m, enum kerr e)
{
	if (m->err == KERR_OK)
		m->err = e;
}

/* Content of the current part (dropped in the preamble). */
static void
content(struct multipart *m, const char *p, size_t n)
{
	enum kerr e;

	if (n == 0 || m->st != ST_DATA)
		return;
	if (m->part.filename != NULL) {
		if (m->sink.data != NULL &&
		    (e = m->sink.data(m->sink.arg, p, n)) != KERR_OK)
			set_error(m, e);
		return;
	}
	if (n > m->lim.max_field - m->value.len) {
		set_error(m, KERR_TOOLARGE);
		return;
	}
	buf_append(&m->value, p, n);
}

static void
add_field(struct multipart *m, const char *name, const char *value, size_t len)
{
	struct params *f = m->fields;
	struct param *v;

	if (f->n == m->fields_cap) {
		m->fields_cap = m->fields_cap ? 2 * m->fields_cap : 16;
		v = arena_calloc(m->a, m->fields_cap, sizeof(*v));
		if (f->n > 0)
			memcpy(v, f->v, f->n * sizeof(*v));
		f->v = v;
	}
	f->v[f->n].name = name;
	f->v[f->n].value = value;
	f->v[f->n].valuelen = len;
	f->n++;
}

/* The current part's closing boundary was seen. */
static void
part_end(struct multipart *m)
{
	enum kerr e;

	if (m->part.filename != NULL) {
		if (m->sink.end != NULL && (e = m->sink.end(m->sink.arg)) != KERR_OK)
			set_error(m, e);
		return;
	}
	if (memchr(m->value.data, '\0', m->value.len) != NULL ||
	    !utf8_valid(m->value.data, m->value.len)) {
		set_error(m, KERR_BADREQ);
		return;
	}
	add_field(m, m->part.name, m->value.data, m->value.len);
}

static void
boundary_seen(struct multipart *m)
{
	if (m->st == ST_DATA)
		part_end(m);
	m->st = ST_AFTER;
	m->padding = 0;
}

/*
 * Content up to the next boundary, in the preamble or a part. Content runs
 * are passed on whole, however many CRs they hold; only a possible
 * boundary cut by the end of the piece is held back, as the count of its
 * bytes matched (they are delim's, so they need no copy). Returns the bytes
 * consumed: all of them, or up to the end of a boundary.
 */
static size_t
scan(struct multipart *m, const char *p, size_t n)
{
	const char *cr;
	size_t k = 0, run, c, j;

	if (m->matched > 0) {
		while (k < n && m->matched < m->dlen && p[k] == m->delim[m->matched]) {
			m->matched++;
			k++;
		}
		if (m->matched == m->dlen) {
			m->matched = 0;
			boundary_seen(m);
			return k;
		}
		if (k == n)
			return n;
		/* Not a boundary after all: what looked like one was content. */
		content(m, m->delim, m->matched);
		m->matched = 0;
		if (m->err != KERR_OK)
			return n;
	}
	run = k;
	while (k < n && (cr = memchr(p + k, '\r', n - k)) != NULL) {
		c = (size_t)(cr - p);
		for (j = 1; j < m->dlen && c + j < n && p[c + j] == m->delim[j]; j++)
			continue;
		if (j == m->dlen) {
			content(m, p + run, c - run);
			if (m->err == KERR_OK)
				boundary_seen(m);
			return c + j;
		}
		if (c + j == n) {
			content(m, p + run, c - run);
			m->matched = j;
			return n;
		}
		/* The delimiter has no CR after its first byte: the next can start no earlier than the next CR. */
		k = c + 1;
	}
	content(m, p + run, n - run);
	return n;
}

/*
 * A filename without its directories: old browsers sent whole paths, with
 * either separator. "." and ".." name nothing.
 */
static const char *
basename_of(const char *filename)
{
	const char *s = filename, *p;

	for (p = filename; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			s = p + 1;
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return "";
	return s;
}

static enum kerr
disposition(struct multipart *m, const char *v, size_t n)
{
	struct cursor c = { v, n, 0 };
	const char *type, *name;
	char *value, *pname = NULL, *pfile = NULL;
	size_t tlen, namelen;
	int r;

	tlen = token(&c, &type);
	if (!str_eq_lower(type, tlen, "form-data"))
		return KERR_BADREQ;
	while ((r = next_param(m->a, &c, 1, &name, &namelen, &value)) == 1) {
		if (str_eq_lower(name, namelen, "name")) {
			if (pname != NULL)
				return KERR_BADREQ;
			pname = value;
		} else if (str_eq_lower(name, namelen, "filename")) {
			if (pfile != NULL)
				return KERR_BADREQ;
			pfile = value;
		}
	}
	if (r < 0 || pname == NULL || *pname == '\0' ||
	    !utf8_valid(pname, strlen(pname)) ||
	    (pfile != NULL && !utf8_valid(pfile, strlen(pfile))))
		return KERR_BADREQ;
	m->part.name = pname;
	m->part.filename = pfile != NULL ? basename_of(pfile) : NULL;
	return KERR_OK;
}

/* One complete header line (without CRLF) in m->line. */
static enum kerr
header_line(struct multipart *m)
{
	const char *l = m->line, *colon, *v, *end;
	size_t namelen, i;

	if (++m->nheaders > MP_MAX_HEADERS)
		return KERR_BADREQ;
	if ((colon = memchr(l, ':', m->linelen)) == NULL)
		return KERR_BADREQ;
	namelen = (size_t)(colon - l);
	if (namelen == 0)
		return KERR_BADREQ;
	for (i = 0; i < namelen; i++)
		if (!is_tchar((unsigned char)l[i]))
			return KERR_BADREQ;
	v = colon + 1;
	end = l + m->linelen;
	while (v < end && is_ows(*v))
		v++;
	while (end > v && is_ows(end[-1]))
		end--;
	if (str_eq_lower(l, namelen, "content-disposition")) {
		if (m->seen_disposition++)
			return KERR_BADREQ;
		return disposition(m, v, (size_t)(end - v));
	}
	if (str_eq_lower(l, namelen, "content-type")) {
		if (m->seen_type++ || !utf8_valid(v, (size_t)(end - v)))
			return KERR_BADREQ;
		m->part.content_type = arena_strndup(m->a, v, (size_t)(end - v));
	}
	return KERR_OK;
}

/* The blank line after a part's headers: its content starts. */
static enum kerr
headers_end(struct multipart *m)
{
	if (!m->seen_disposition)
		return KERR_BADREQ;
	m->st = ST_DATA;
	m->matched = 0;
	if (m->part.filename != NULL)
		return m->sink.begin != NULL ? m->sink.begin(m->sink.arg, &m->part) : KERR_OK;
	buf_init(&m->value, m->a, 0);
	return KERR_OK;
}

static void
part_start(struct multipart *m)
{
	if (++m->nparts > m->lim.max_parts) {
		set_error(m, KERR_TOOLARGE);
		return;
	}
	memset(&m->part, 0, sizeof(m->part));
	m->seen_disposition = m->seen_type = 0;
	m->linelen = 0;
	m->nheaders = 0;
	m->st = ST_HEADER;
}

/* One byte outside content, preamble and epilogue. */
static void
byte(struct multipart *m, unsigned char c)
{
	switch (m->st) {
	case ST_AFTER:
	case ST_PADDING:
		if (c == '-' && m->st == ST_AFTER)
			m->st = ST_CLOSE;
		else if (c == ' ' || c == '\t') {
			m->st = ST_PADDING;
			if (++m->padding > m->lim.max_header_line)
				set_error(m, KERR_BADREQ);
		} else if (c == '\r')
			m->st = ST_BOUNDARY_LF;
		else
			set_error(m, KERR_BADREQ);
		break;
	case ST_CLOSE:
		if (c == '-')
			m->st = ST_EPILOGUE;
		else
			set_error(m, KERR_BADREQ);
		break;
	case ST_BOUNDARY_LF:
		if (c == '\n')
			part_start(m);
		else
			set_error(m, KERR_BADREQ);
		break;
	case ST_HEADER:
		if (c == '\r')
			m->st = ST_HEADER_LF;
		else if ((c < 0x20 && c != '\t') || c == 0x7f ||
		    m->linelen == m->lim.max_header_line ||
		    (m->linelen == 0 && c == '\t') || (m->linelen == 0 && c == ' '))
			/* Bare LF, controls, too long, or a folded continuation line. */
			set_error(m, KERR_BADREQ);
		else
			m->line[m->linelen++] = (char)c;
		break;
	case ST_HEADER_LF:
		if (c != '\n') {
			set_error(m, KERR_BADREQ);
			break;
		}
		m->st = ST_HEADER;
		if (m->linelen == 0)
			set_error(m, headers_end(m));
		else {
			set_error(m, header_line(m));
			m->linelen = 0;
		}
		break;
	default:
		break;
	}
}

enum kerr
mp_feed(struct multipart *m, const char *data, size_t len)
{
	size_t i = 0;

	if (m->err != KERR_OK)
		return m->err;
	if (len > m->lim.max_body - m->fed) {
		set_error(m, KERR_TOOLARGE);
		return m->err;
	}
	m->fed += len;
	while (i < len && m->err == KERR_OK) {
		switch (m->st) {
		case ST_PREAMBLE:
		case ST_DATA:
			i += scan(m, data + i, len - i);
			break;
		case ST_EPILOGUE:
			i = len;
			break;
		default:
			byte(m, (unsigned char)data[i++]);
			break;
		}
	}
	return m->err;
}

enum kerr
mp_finish(struct multipart *m)
{
	if (m->err == KERR_OK && m->st != ST_EPILOGUE)
		m->err = KERR_BADREQ;
	return m->err;
}
