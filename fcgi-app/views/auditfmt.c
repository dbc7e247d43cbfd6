/* auditfmt.c - audit rows made readable: a small JSON reader that flattens before/after, and Swedish time. */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/calendar.h"
#include "http/form.h"
#include "views/auditfmt.h"

/* ---- JSON, flattened ---------------------------------------------------------------------------------- */

/* One scalar (or empty container) of a document, at its path. */
struct leaf {
	const char	*path;
	const char	*text;
	int		 string;
	int		 used;		/* matched with the other side's leaf already */
};

struct flat {
	struct leaf	*v;
	size_t		 n, cap;
};

struct parser {
	struct arena	*a;
	const char	*s;
	int		 depth;
	struct flat	*f;
};

static void
ws(struct parser *p)
{
	while (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r')
		p->s++;
}

static void
leaf_add(struct parser *p, const char *path, const char *text, int string)
{
	struct flat *f = p->f;
	struct leaf *v;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		v = arena_alloc(p->a, f->cap * sizeof(*v));
		if (f->n > 0)
			memcpy(v, f->v, f->n * sizeof(*v));
		f->v = v;
	}
	f->v[f->n].path = path;
	f->v[f->n].text = text;
	f->v[f->n].string = string;
	f->v[f->n].used = 0;
	f->n++;
}

static int
hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		v <<= 4;
		if (s[i] >= '0' && s[i] <= '9')
			v |= (unsigned)(s[i] - '0');
		else if (s[i] >= 'a' && s[i] <= 'f')
			v |= (unsigned)(s[i] - 'a' + 10);
		else if (s[i] >= 'A' && s[i] <= 'F')
			v |= (unsigned)(s[i] - 'A' + 10);
		else
			return 0;
	}
	*out = v;
	return 1;
}

static void
put_utf8(struct buf *b, unsigned c)
{
	if (c < 0x80)
		buf_putc(b, (char)c);
	else if (c < 0x800) {
		buf_putc(b, (char)(0xc0 | (c >> 6)));
		buf_putc(b, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		buf_putc(b, (char)(0xe0 | (c >> 12)));
		buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3f)));
		buf_putc(b, (char)(0x80 | (c & 0x3f)));
	} else {
		buf_putc(b, (char)(0xf0 | (c >> 18)));
		buf_putc(b, (char)(0x80 | ((c >> 12) & 0x3f)));
		buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3f)));
		buf_putc(b, (char)(0x80 | (c & 0x3f)));
	}
}

/* A string at p->s (its opening quote), unescaped into *out. */
static int
string(struct parser *p, const char **out)
{
	struct buf b;
	unsigned c, lo;

	buf_init(&b, p->a, 32);
	p->s++;
	for (;;) {
		c = (unsigned char)*p->s;
		if (c == '"')
			break;
		if (c < 0x20)		/* the end of the text, or a raw control character */
			return 0;
		if (c != '\\') {
			buf_putc(&b, (char)c);
			p->s++;
			continue;
		}
		p->s++;
		switch (*p->s) {
		case '"': case '\\': case '/':
			buf_putc(&b, *p->s);
			break;
		case 'b': buf_putc(&b, '\b'); break;
		case 'f': buf_putc(&b, '\f'); break;
		case 'n': buf_putc(&b, '\n'); break;
		case 'r': buf_putc(&b, '\r'); break;
		case 't': buf_putc(&b, '\t'); break;
		case 'u':
			if (!hex4(p->s + 1, &c))
				return 0;
			p->s += 4;
			if (c >= 0xd800 && c < 0xdc00 && p->s[1] == '\\' &&
			    p->s[2] == 'u' && hex4(p->s + 3, &lo) &&
			    lo >= 0xdc00 && lo < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
				p->s += 6;
			} else if ((c >= 0xd800 && c < 0xe000) || c == 0)
				c = 0xfffd;	/* a lone surrogate, or NUL: not text */
			put_utf8(&b, c);
			break;
		default:
			return 0;
		}
		p->s++;
	}
	p->s++;
	*out = b.data;
	return 1;
}

static int
digits(struct parser *p)
{
	const char *start = p->s;

	while (*p->s >= '0' && *p->s <= '9')
		p->s++;
	return p->s > start;
}

static int
parse_number(struct parser *p, const char **out)
{
	const char *start = p->s;

	if (*p->s == '-')
		p->s++;
	if (*p->s == '0')
		p->s++;
	else if (!digits(p))
		return 0;
	if (*p->s == '.') {
		p->s++;
		if (!digits(p))
			return 0;
	}
	if (*p->s == 'e' || *p->s == 'E') {
		p->s++;
		if (*p->s == '+' || *p->s == '-')
			p->s++;
		if (!digits(p))
			return 0;
	}
	*out = arena_strndup(p->a, start, (size_t)(p->s - start));
	return 1;
}

static const char *
child_path(struct parser *p, const char *path, const char *key)
{
	return *path == '\0' ? key : arena_printf(p->a, "%s.%s", path, key);
}

static int	value(struct parser *, const char *);

static int
object(struct parser *p, const char *path)
{
	const char *key;

	p->s++;
	ws(p);
	if (*p->s == '}') {
		p->s++;
		leaf_add(p, path, "{}", 0);
		return 1;
	}
	for (;;) {
		ws(p);
		if (*p->s != '"' || !string(p, &key))
			return 0;
		ws(p);
		if (*p->s++ != ':' || !value(p, child_path(p, path, key)))
			return 0;
		ws(p);
		if (*p->s == '}') {
			p->s++;
			return 1;
		}
		if (*p->s++ != ',')
			return 0;
	}
}

static int
array(struct parser *p, const char *path)
{
	size_t i;

	p->s++;
	ws(p);
	if (*p->s == ']') {
		p->s++;
		leaf_add(p, path, "[]", 0);
		return 1;
	}
	for (i = 0;; i++) {
		if (!value(p, arena_printf(p->a, "%s[%zu]", path, i)))
			return 0;
		ws(p);
		if (*p->s == ']') {
			p->s++;
			return 1;
		}
		if (*p->s++ != ',')
			return 0;
	}
}

static int
expect_word(struct parser *p, const char *path, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(p->s, word, n) != 0)
		return 0;
	p->s += n;
	leaf_add(p, path, word, 0);
	return 1;
}

static int
value(struct parser *p, const char *path)
{
	const char *text;
	int ok;

	ws(p);
	switch (*p->s) {
	case '{':
	case '[':
		if (++p->depth > AUDITFMT_MAX_DEPTH)
			return 0;
		ok = *p->s == '{' ? object(p, path) : array(p, path);
		p->depth--;
		return ok;
	case '"':
		if (!string(p, &text))
			return 0;
		leaf_add(p, path, text, 1);
		return 1;
	case 't':
		return expect_word(p, path, "true");
	case 'f':
		return expect_word(p, path, "false");
	case 'n':
		return expect_word(p, path, "null");
	default:
		if (!parse_number(p, &text))
			return 0;
		leaf_add(p, path, text, 0);
		return 1;
	}
}

/* Flattens one document; NULL is a document without fields. */
static int
flatten(struct arena *a, const char *json, struct flat *f)
{
	struct parser p;

	memset(f, 0, sizeof(*f));
	if (json == NULL)
		return 1;
	if (!utf8_valid(json, strlen(json)))
		return 0;
	p.a = a;
	p.s = json;
	p.depth = 0;
	p.f = f;
	if (!value(&p, ""))
		return 0;
	ws(&p);
	return *p.s == '\0';
}

/* The first leaf of f at path not matched yet, or NULL. */
static struct leaf *
find(struct flat *f, const char *path)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (!f->v[i].used && strcmp(f->v[i].path, path) == 0)
			return &f->v[i];
	return NULL;
}

enum kerr
auditfmt_changes(struct arena *a, const char *before, const char *after,
    struct audit_change **out, size_t *n)
{
	struct flat fb, fa;
	struct audit_change *c;
	struct leaf *l, *m;
	size_t i, k = 0;

	*out = NULL;
	*n = 0;
	if (!flatten(a, before, &fb) || !flatten(a, after, &fa))
		return KERR_INVALID;
	c = arena_calloc(a, fb.n + fa.n + 1, sizeof(*c));
	for (i = 0; i < fa.n; i++) {
		l = &fa.v[i];
		if ((m = find(&fb, l->path)) != NULL) {
			m->used = 1;
			if (m->string == l->string && strcmp(m->text, l->text) == 0)
				continue;
		}
		c[k].field = l->path;
		c[k].before = m != NULL ? m->text : NULL;
		c[k].before_string = m != NULL && m->string;
		c[k].after = l->text;
		c[k].after_string = l->string;
		k++;
	}
	for (i = 0; i < fb.n; i++) {
		m = &fb.v[i];
		if (m->used)
			continue;
		c[k].field = m->path;
		c[k].before = m->text;
		c[k].before_string = m->string;
		k++;
	}
	*out = c;
	*n = k;
	return KERR_OK;
}

/* ---- Swedish time ---------------------------------------------------------------------------------- */

char *
auditfmt_day_start_utc(struct arena *a, int y, int m, int d)
{
	long long midnight = calendar_day(y, m, d) * 86400, t, z;
	struct ymd day;

	/* Midnight is never in the hour the clocks skip or repeat, so one offset fits. */
	t = calendar_swedish_offset(midnight - 7200) == 7200 ? midnight - 7200 :
	    midnight - 3600;
	z = calendar_day_of(t);
	day = calendar_date(z);
	t -= z * 86400;
	return arena_printf(a, "%04d-%02d-%02d %02d:%02d:%02d", day.y, day.m, day.d,
	    (int)(t / 3600), (int)(t / 60 % 60), (int)(t % 60));
}
