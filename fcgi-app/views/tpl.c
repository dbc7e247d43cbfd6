/* tpl.c - template engine: compiled once, each substitution escaped for its HTML context. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/kerr.h"
#include "core/str.h"
#include "http/localpath.h"
#include "views/tpl.h"
#include "views/view.h"

#define MAXNEST		16		/* sections nested in one template */
#define MAXLEVEL	64		/* sections and partials nested while rendering */
#define MAXSTATES	8		/* HTML contexts one point of a template may be in */
#define NAMEMAX		15		/* longest tag or attribute name that matters */
#define MAXFILE		(4u << 20)

/*
 * The compiled form: a tree of nodes. Text already holds each language's
 * translations, HTML-escaped, merged with the literal text around them.
 */
enum ntype {
	N_TEXT,
	N_VAR,
	N_SECTION,
	N_INVERTED,
	N_PARTIAL
};

enum esc {
	E_HTML,		/* text, <title>, <textarea>, quoted attribute value */
	E_URL,		/* starts a URL attribute: safe URL or "#", HTML-escaped */
	E_URLPART,	/* later in a URL attribute: percent-encoded */
	E_RAW		/* {{{name}}}: verbatim */
};

struct tstr {
	const char	*s;
	size_t		 len;
};

struct node {
	unsigned char	 type;
	unsigned char	 esc;
	unsigned char	 layout;	/* {{@key}}: read from the layout's scope only */
	unsigned	 hash;		/* vkey_hash(key) */
	unsigned	 line;
	const char	*key;		/* variable, section or partial name */
	union {
		const struct tstr *text;	/* N_TEXT: one per language */
		struct {
			struct node *kids;
			size_t	 n;
		} sec;
		int	 partial;	/* N_PARTIAL: template index once resolved */
	} u;
};

struct tpl {
	const char	*name;
	struct node	*nodes;
	size_t		 n;
};

struct tplset {
	struct arena	*a;		/* everything below lives here */
	unsigned	 nlang;
	int		 text;		/* plain text (e-mail): no HTML contexts, nothing escaped */
	struct tpl	*tpl;		/* sorted by name */
	unsigned	 ntpl;
	const char	*prefix;	/* directory for messages, "" from memory */
};

/*
 * The HTML context: a cut-down HTML5 tokenizer (WHATWG 13.2.5) that knows
 * just enough to say where a substitution stands. Every field that does
 * not matter in a state is zero, so that equal contexts compare equal
 * with memcmp() and sets of them stay small.
 */
enum tok {
	T_TEXT,
	T_TAG_OPEN,		/* after < */
	T_END_TAG_OPEN,		/* after </ */
	T_TAG_NAME,
	T_BEFORE_ATTR,
	T_ATTR_NAME,
	T_AFTER_ATTR_NAME,
	T_BEFORE_VALUE,
	T_VALUE_DQ,
	T_VALUE_SQ,
	T_VALUE_UNQ,
	T_AFTER_VALUE,
	T_SELF_CLOSING,
	T_MARKUP,		/* after <! */
	T_MARKUP_DASH,		/* after <!- */
	T_COMMENT,
	T_COMMENT_BANG,		/* after -- ! in a comment */
	T_BOGUS,		/* <!DOCTYPE ...>, <?...>, </ 1> up to > */
	T_RAW,			/* content of <script>, <title>... */
	T_RAW_LT,		/* < in that content */
	T_RAW_END		/* </ and part of the element's name */
};

enum attrkind {
	A_NONE,
	A_PLAIN,
	A_URL,
	A_CODE			/* script, CSS or HTML in disguise: never substituted */
};

struct hst {
	unsigned char	 tok;
	unsigned char	 elem;		/* elems[] index: tag being read, or raw content's */
	unsigned char	 endtag;
	unsigned char	 attr;		/* enum attrkind of the attribute read */
	unsigned char	 vstart;	/* URL value has nothing but blanks so far */
	/* Name length (NAMEMAX + 1: too long), comment dashes or end-tag bytes matched. */
	unsigned char	 n;
	char		 name[NAMEMAX];
};

struct hset {
	unsigned	 n;
	struct hst	 s[MAXSTATES];
};

/* Elements whose content is not markup; index 0 is "none". */
static const struct {
	const char	*name;
	int		 rcdata;	/* text with entities: substitutions allowed */
	const char	*where;		/* for messages */
} elems[] = {
	{ "", 0, "" },
	{ "script", 0, "inside <script>" },
	{ "style", 0, "inside <style>" },
	{ "xmp", 0, "inside <xmp>" },
	{ "iframe", 0, "inside <iframe>" },
	{ "noembed", 0, "inside <noembed>" },
	{ "noframes", 0, "inside <noframes>" },
	{ "noscript", 0, "inside <noscript>" },
	{ "textarea", 1, "inside <textarea>" },
	{ "title", 1, "inside <title>" },
	{ "plaintext", 0, "" },
};
#define ELEM_PLAINTEXT	10

static const char *const url_attrs[] = {
	"action", "archive", "background", "cite", "classid", "codebase", "data",
	"dynsrc", "formaction", "href", "icon", "longdesc", "lowsrc", "manifest",
	"poster", "profile", "src", "usemap", "xlink:href", "xml:base", NULL
};

/*
 * Besides these, every on* attribute is code. SVG's animation attributes
 * can set an href to javascript: (<animate attributeName="href" to="...">).
 */
static const char *const code_attrs[] = {
	"style", "srcdoc", "srcset", "ping", "attributename", "values", "from", "to",
	"by", NULL
};

static int
is_space(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int
is_alpha(unsigned c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static void
name_add(struct hst *s, unsigned c)
{
	if (s->n < NAMEMAX)
		s->name[s->n++] = (char)str_lower((int)c);
	else
		s->n = NAMEMAX + 1;
}

static int
name_is(const struct hst *s, const char *w)
{
	size_t l = strlen(w);

	return s->n == l && memcmp(s->name, w, l) == 0;
}

static void
name_clear(struct hst *s)
{
	memset(s->name, 0, sizeof(s->name));
	s->n = 0;
}

static void
to_text(struct hst *s)
{
	memset(s, 0, sizeof(*s));
}

static void
tag_named(struct hst *s)
{
	size_t i;

	s->elem = 0;
	if (!s->endtag)
		for (i = 1; i < sizeof(elems) / sizeof(elems[0]); i++)
			if (name_is(s, elems[i].name))
				s->elem = (unsigned char)i;
	name_clear(s);
}

static void
attr_named(struct hst *s)
{
	size_t i;

	s->attr = A_PLAIN;
	for (i = 0; url_attrs[i] != NULL; i++)
		if (name_is(s, url_attrs[i]))
			s->attr = A_URL;
	for (i = 0; code_attrs[i] != NULL; i++)
		if (name_is(s, code_attrs[i]))
			s->attr = A_CODE;
	if (s->n >= 2 && s->name[0] == 'o' && s->name[1] == 'n')
		s->attr = A_CODE;
	name_clear(s);
}

static void
attr_start(struct hst *s, unsigned c)
{
	s->tok = T_ATTR_NAME;
	s->attr = A_NONE;
	name_clear(s);
	name_add(s, c);
}

static void
to_before_attr(struct hst *s, enum tok tok)
{
	s->tok = (unsigned char)tok;
	s->attr = A_NONE;
	s->vstart = 0;
	name_clear(s);
}

/* The > that ends a tag: back to text, or into the content of <script>... */
static const char *
tag_end(struct hst *s)
{
	unsigned char e = s->endtag ? 0 : s->elem;

	to_text(s);
	if (e == ELEM_PLAINTEXT)
		return "<plaintext> is not supported";
	if (e != 0) {
		s->tok = T_RAW;
		s->elem = e;
	}
	return NULL;
}

/* Moves s over one byte of literal template text. Returns NULL, or why the text is refused. */
static const char *
step(struct hst *s, unsigned c)
{
	const char *w;

	switch (s->tok) {
	case T_TEXT:
		if (c == '<')
			s->tok = T_TAG_OPEN;
		return NULL;
	case T_TAG_OPEN:
		if (is_alpha(c)) {
			s->tok = T_TAG_NAME;
			name_add(s, c);
		} else if (c == '/')
			s->tok = T_END_TAG_OPEN;
		else if (c == '!')
			s->tok = T_MARKUP;
		else if (c == '?')
			s->tok = T_BOGUS;
		else {
			to_text(s);
			return step(s, c);
		}
		return NULL;
	case T_END_TAG_OPEN:
		if (is_alpha(c)) {
			s->tok = T_TAG_NAME;
			s->endtag = 1;
			name_add(s, c);
		} else if (c == '>')
			to_text(s);
		else
			s->tok = T_BOGUS;
		return NULL;
	case T_TAG_NAME:
		if (is_space(c)) {
			tag_named(s);
			s->tok = T_BEFORE_ATTR;
		} else if (c == '/') {
			tag_named(s);
			s->tok = T_SELF_CLOSING;
		} else if (c == '>') {
			tag_named(s);
			return tag_end(s);
		} else
			name_add(s, c);
		return NULL;
	case T_BEFORE_ATTR:
		if (is_space(c))
			return NULL;
		if (c == '/')
			to_before_attr(s, T_SELF_CLOSING);
		else if (c == '>')
			return tag_end(s);
		else
			attr_start(s, c);
		return NULL;
	case T_ATTR_NAME:
		if (is_space(c)) {
			attr_named(s);
			s->tok = T_AFTER_ATTR_NAME;
		} else if (c == '=') {
			attr_named(s);
			s->tok = T_BEFORE_VALUE;
		} else if (c == '/')
			to_before_attr(s, T_SELF_CLOSING);
		else if (c == '>')
			return tag_end(s);
		else
			name_add(s, c);
		return NULL;
	case T_AFTER_ATTR_NAME:
		if (is_space(c))
			return NULL;
		if (c == '=')
			s->tok = T_BEFORE_VALUE;
		else if (c == '/')
			to_before_attr(s, T_SELF_CLOSING);
		else if (c == '>')
			return tag_end(s);
		else
			attr_start(s, c);
		return NULL;
	case T_BEFORE_VALUE:
		if (is_space(c))
			return NULL;
		if (c == '"' || c == '\'') {
			s->tok = c == '"' ? T_VALUE_DQ : T_VALUE_SQ;
			s->vstart = s->attr == A_URL;
		} else if (c == '>')
			return tag_end(s);
		else
			s->tok = T_VALUE_UNQ;
		return NULL;
	case T_VALUE_DQ:
	case T_VALUE_SQ:
		if (c == (s->tok == T_VALUE_DQ ? '"' : '\''))
			to_before_attr(s, T_AFTER_VALUE);
		else if (c > 0x20)
			/* URL parsers skip leading blanks and controls. */
			s->vstart = 0;
		return NULL;
	case T_VALUE_UNQ:
		if (is_space(c))
			to_before_attr(s, T_BEFORE_ATTR);
		else if (c == '>')
			return tag_end(s);
		return NULL;
	case T_AFTER_VALUE:
		if (is_space(c))
			s->tok = T_BEFORE_ATTR;
		else if (c == '/')
			s->tok = T_SELF_CLOSING;
		else if (c == '>')
			return tag_end(s);
		else
			attr_start(s, c);
		return NULL;
	case T_SELF_CLOSING:
		if (c == '>')
			return tag_end(s);
		s->tok = T_BEFORE_ATTR;
		return step(s, c);
	case T_MARKUP:
		if (c == '-')
			s->tok = T_MARKUP_DASH;
		else if (c == '[')
			/* A bogus comment outside <svg>, CDATA inside: refuse both. */
			return "<![CDATA[ is not supported";
		else {
			s->tok = T_BOGUS;
			return step(s, c);
		}
		return NULL;
	case T_MARKUP_DASH:
		if (c == '-') {
			/* As if "--" were already seen: <!--> and <!---> end at once. */
			s->tok = T_COMMENT;
			s->n = 2;
			return NULL;
		}
		s->tok = T_BOGUS;
		return step(s, c);
	case T_COMMENT:
		if (c == '-') {
			if (s->n < 2)
				s->n++;
		} else if (c == '>' && s->n == 2)
			to_text(s);
		else if (c == '!' && s->n == 2) {
			s->tok = T_COMMENT_BANG;
			s->n = 0;
		} else
			s->n = 0;
		return NULL;
	case T_COMMENT_BANG:
		if (c == '>')
			to_text(s);
		else {
			s->tok = T_COMMENT;
			s->n = c == '-';
		}
		return NULL;
	case T_BOGUS:
		if (c == '>')
			to_text(s);
		return NULL;
	case T_RAW:
		if (c == '<')
			s->tok = T_RAW_LT;
		return NULL;
	case T_RAW_LT:
		if (c != '/')
			break;
		s->tok = T_RAW_END;
		s->n = 0;
		return NULL;
	case T_RAW_END:
		w = elems[s->elem].name;
		if (s->n < strlen(w) && str_lower((int)c) == (unsigned char)w[s->n]) {
			s->n++;
			return NULL;
		}
		if (s->n != strlen(w) || !(is_space(c) || c == '/' || c == '>'))
			break;
		s->tok = T_TAG_NAME;
		s->endtag = 1;
		s->n = 0;
		return step(s, c);
	}
	/*
	 * Inside <svg> or <math> these elements hold markup, outside they hold
	 * text: refusing "<" makes both readings the same.
	 */
	return "a '<' inside <script>, <style>, <title>, <textarea> or the like "
	    "must start its end tag";
}

static int
hset_has(const struct hset *h, const struct hst *s)
{
	unsigned i;

	for (i = 0; i < h->n; i++)
		if (memcmp(&h->s[i], s, sizeof(*s)) == 0)
			return 1;
	return 0;
}

/* Returns -1 when the set is full. */
static int
hset_add(struct hset *h, const struct hst *s)
{
	if (hset_has(h, s))
		return 0;
	if (h->n == MAXSTATES)
		return -1;
	h->s[h->n++] = *s;
	return 0;
}

static int
hset_union(struct hset *h, const struct hset *o)
{
	unsigned i;

	for (i = 0; i < o->n; i++)
		if (hset_add(h, &o->s[i]) == -1)
			return -1;
	return 0;
}

static int
hset_sub(const struct hset *a, const struct hset *b)
{
	unsigned i;

	for (i = 0; i < a->n; i++)
		if (!hset_has(b, &a->s[i]))
			return 0;
	return 1;
}

/* Where a context is, for messages about what may not stand there. */
static const char *
where(const struct hst *s)
{
	switch (s->tok) {
	case T_TEXT:
		return "in text";
	case T_VALUE_UNQ:
	case T_BEFORE_VALUE:
		return "in an unquoted attribute value";
	case T_VALUE_DQ:
	case T_VALUE_SQ:
		if (s->attr == A_CODE)
			return "in a script, style, URL-list or animation attribute";
		return "in an attribute value";
	case T_MARKUP:
	case T_MARKUP_DASH:
	case T_COMMENT:
	case T_COMMENT_BANG:
	case T_BOGUS:
		return "inside a comment or declaration";
	case T_RAW:
		return elems[s->elem].where;
	case T_RAW_LT:
	case T_RAW_END:
		return "in an end tag";
	default:
		return "inside a tag";
	}
}

/* Returns the escaping a substitution needs in s, or -1 where none is safe. */
static int
esc_of(const struct hst *s)
{
	switch (s->tok) {
	case T_TEXT:
		return E_HTML;
	case T_RAW:
		return elems[s->elem].rcdata ? E_HTML : -1;
	case T_VALUE_DQ:
	case T_VALUE_SQ:
		if (s->attr == A_URL)
			return s->vstart ? E_URL : E_URLPART;
		return s->attr == A_CODE ? -1 : E_HTML;
	default:
		return -1;
	}
}

/* What a compiler of one template needs. */
struct parser {
	struct tplset	*t;
	tpl_translate_fn translate;
	void		*arg;
	const char *const *layout;	/* the layout's names, NULL-terminated; NULL: none */
	const char	*name;
	const char	*src;
	size_t		 len;
	unsigned	 tagline;	/* where the last tag in text opened */
	char		*err;
	size_t		 errlen;
};

/* The nodes of one sequence being built, and its pending text run. */
struct seq {
	struct node	*v;
	size_t		 n;
	size_t		 cap;
	struct buf	*run;		/* one per language */
	int		 inrun;
};

static int	parse_seq(struct parser *, size_t *, unsigned *, struct hset *,
		    const char *, unsigned, unsigned, struct seq *);

static int
perr(struct parser *p, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
perr(struct parser *p, unsigned line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->err == NULL || p->errlen == 0)
		return -1;
	n = snprintf(p->err, p->errlen, "%s%s.html:%u: ", p->t->prefix, p->name, line);
	if (n >= 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static void
run_start(struct parser *p, struct seq *q)
{
	unsigned i;

	if (q->inrun)
		return;
	if (q->run == NULL)
		q->run = arena_alloc(p->t->a, p->t->nlang * sizeof(*q->run));
	for (i = 0; i < p->t->nlang; i++)
		buf_init(&q->run[i], p->t->a, 64);
	q->inrun = 1;
}

/*
 * What an empty template or section points at, so that walking its zero
 * nodes never does arithmetic on a null pointer. Never written.
 */
static struct node no_nodes[1];

/* Appends a zeroed node of type to q. */
static struct node *
push(struct parser *p, struct seq *q, enum ntype type)
{
	struct node *v;

	if (q->n == q->cap) {
		q->cap = q->cap ? 2 * q->cap : 8;
		v = arena_alloc(p->t->a, q->cap * sizeof(*v));
		if (q->n)
			memcpy(v, q->v, q->n * sizeof(*v));
		q->v = v;
	}
	v = &q->v[q->n++];
	memset(v, 0, sizeof(*v));
	v->type = (unsigned char)type;
	return v;
}

/* Ends the pending text run as one N_TEXT node. */
static void
run_flush(struct parser *p, struct seq *q)
{
	struct tstr *ts;
	unsigned i;

	if (!q->inrun)
		return;
	q->inrun = 0;
	for (i = 0; i < p->t->nlang && q->run[i].len == 0; i++)
		continue;
	if (i == p->t->nlang)
		return;
	ts = arena_alloc(p->t->a, p->t->nlang * sizeof(*ts));
	for (i = 0; i < p->t->nlang; i++) {
		ts[i].s = q->run[i].data;
		ts[i].len = q->run[i].len;
	}
	push(p, q, N_TEXT)->u.text = ts;
}

/* Appends a variable, section or partial node after the pending text. */
static struct node *
node_add(struct parser *p, struct seq *q, enum ntype type)
{
	run_flush(p, q);
	return push(p, q, type);
}

/* Returns the first pat (plen > 0 bytes) in s[0..n), or NULL: memmem() is GNU-only. */
static const char *
find_bytes(const char *s, size_t n, const char *pat, size_t plen)
{
	const char *e = s + n;

	while ((size_t)(e - s) >= plen) {
		if ((s = memchr(s, pat[0], (size_t)(e - s) - plen + 1)) == NULL)
			return NULL;
		if (memcmp(s, pat, plen) == 0)
			return s;
		s++;
	}
	return NULL;
}

static unsigned
count_nl(const char *s, size_t n)
{
	const char *e = s + n;
	unsigned c = 0;

	while ((s = memchr(s, '\n', (size_t)(e - s))) != NULL) {
		c++;
		s++;
	}
	return c;
}

/* Appends literal text, moving the HTML contexts over it. */
static int
literal(struct parser *p, struct seq *q, const char *s, size_t n, unsigned *line,
    struct hset *hs)
{
	struct hset next;
	const char *why;
	unsigned i, j;
	size_t k;

	if (n == 0)
		return 0;
	run_start(p, q);
	for (i = 0; i < p->t->nlang; i++)
		buf_append(&q->run[i], s, n);
	if (p->t->text) {
		*line += count_nl(s, n);
		return 0;
	}
	for (k = 0; k < n; k++) {
		next.n = 0;
		for (j = 0; j < hs->n; j++) {
			if (s[k] == '<' && hs->s[j].tok == T_TEXT)
				p->tagline = *line;
			if ((why = step(&hs->s[j], (unsigned char)s[k])) != NULL)
				return perr(p, *line, "%s", why);
			/* Contexts only merge here, so the set cannot grow. */
			(void)hset_add(&next, &hs->s[j]);
		}
		*hs = next;
		if (s[k] == '\n')
			(*line)++;
	}
	return 0;
}

/* After output that is text (escaped or raw), no URL value is at its start any more. */
static void
hset_written(struct hset *hs)
{
	struct hset next;
	unsigned i;

	next.n = 0;
	for (i = 0; i < hs->n; i++) {
		hs->s[i].vstart = 0;
		(void)hset_add(&next, &hs->s[i]);
	}
	*hs = next;
}

/*
 * Returns the escaping for a substitution shown as open+name+"}}" in
 * every context of hs, or -1 after an error.
 */
static int
hset_esc(struct parser *p, const struct hset *hs, unsigned line, const char *open,
    const char *name)
{
	unsigned i;
	int e, e0 = -1;

	if (p->t->text)
		return E_RAW;
	for (i = 0; i < hs->n; i++) {
		if ((e = esc_of(&hs->s[i])) == -1)
			return perr(p, line, "%s%s}} %s: substitutions may stand only "
			    "in text and quoted attribute values", open, name,
			    where(&hs->s[i]));
		if (i > 0 && e != e0)
			return perr(p, line, "%s%s}}: its HTML context depends on "
			    "whether a section above it is rendered", open, name);
		e0 = e;
	}
	return e0;
}

static const char *
trim(const char *s, size_t *n)
{
	while (*n > 0 && is_space((unsigned char)s[0])) {
		s++;
		(*n)--;
	}
	while (*n > 0 && is_space((unsigned char)s[*n - 1]))
		(*n)--;
	return s;
}

/* Names of values: a letter, then letters, digits, _ and -; partials may also hold dots. */
static int
name_ok(const char *s, size_t n, int partial)
{
	size_t i;

	if (n == 0 || n > 64 || !(is_alpha((unsigned char)s[0]) || partial))
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!(is_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		    (partial && c == '.')))
			return 0;
	}
	return 1;
}

/* Whether name (n bytes) is one of the layout's. */
static int
layout_name(const struct parser *p, const char *name, size_t n)
{
	size_t i;

	for (i = 0; p->layout != NULL && p->layout[i] != NULL; i++)
		if (strlen(p->layout[i]) == n && memcmp(p->layout[i], name, n) == 0)
			return 1;
	return 0;
}

/*
 * Reads the name of a value or section, shown in messages as open+name:
 * "@name" is the layout's and must be one of its names; any other is the
 * page's and must not be one, so that neither scope is ever read as the
 * other. Sets *full (as written, for {{/...}}) and *key (without "@") in
 * the set's arena, and *layout. Returns 0, or -1 after an error.
 */
static int
read_name(struct parser *p, const char *name, size_t nlen, unsigned line,
    const char *open, const char **full, const char **key, int *layout)
{
	int at = nlen > 0 && name[0] == '@';

	if (!name_ok(name + at, nlen - (size_t)at, 0)) {
		if (open[2] == '#' || open[2] == '^')
			return perr(p, line, "bad section name \"%.*s\"",
			    (int)(nlen > 40 ? 40 : nlen), name);
		return perr(p, line, "bad name \"%.*s\" in %s", (int)(nlen > 40 ? 40 : nlen),
		    name, open);
	}
	if (at && !layout_name(p, name + 1, nlen - 1))
		return perr(p, line, "%s%.*s}}: %.*s is none of the layout's names", open,
		    (int)nlen, name, (int)nlen - 1, name + 1);
	if (!at && layout_name(p, name, nlen))
		return perr(p, line, "%s%.*s}}: %.*s is the layout's: write %s@%.*s}}", open,
		    (int)nlen, name, (int)nlen, name, open, (int)nlen, name);
	*full = arena_strndup(p->t->a, name, nlen);
	*key = *full + at;
	*layout = at;
	return 0;
}

static int
add_var(struct parser *p, struct seq *q, const char *name, size_t nlen, unsigned line,
    struct hset *hs, int raw)
{
	struct node *n;
	const char *full, *key;
	int e = E_RAW, layout;

	if (read_name(p, name, nlen, line, raw ? "{{{" : "{{", &full, &key, &layout) == -1)
		return -1;
	if (raw && p->t->text)
		return perr(p, line, "{{{%s}}} in a text template: it escapes nothing, write {{%s}}",
		    full, full);
	if (!raw && (e = hset_esc(p, hs, line, "{{", full)) == -1)
		return -1;
	n = node_add(p, q, N_VAR);
	n->key = key;
	n->hash = vkey_hash(key);
	n->layout = (unsigned char)layout;
	n->esc = (unsigned char)e;
	n->line = line;
	hset_written(hs);
	return 0;
}

static int
add_trans(struct parser *p, struct seq *q, const char *s, size_t n, unsigned line,
    struct hset *hs)
{
	const char *msgid, *tr;
	unsigned i;
	int e;

	s = trim(s, &n);
	if (n == 0)
		return perr(p, line, "{{_}} without text");
	msgid = arena_strndup(p->t->a, s, n);
	if ((e = hset_esc(p, hs, line, "{{_ ", msgid)) == -1)
		return -1;
	if (e != E_HTML && !p->t->text)
		return perr(p, line, "{{_ %s}} in a URL attribute: translations are text", msgid);
	run_start(p, q);
	for (i = 0; i < p->t->nlang; i++) {
		if (p->translate == NULL || (tr = p->translate(i, msgid, p->arg)) == NULL)
			tr = msgid;
		if (p->t->text)
			buf_append(&q->run[i], tr, strlen(tr));
		else
			buf_html(&q->run[i], tr, strlen(tr));
	}
	hset_written(hs);
	return 0;
}

static int
add_section(struct parser *p, struct seq *q, const char *name, size_t nlen, int inverted,
    size_t *pos, unsigned *line, struct hset *hs, unsigned open_line, unsigned nest)
{
	struct hset start = *hs, end;
	struct seq body;
	struct node *n;
	const char *full, *key;
	unsigned bline, pass;
	size_t bpos;
	int layout;

	if (read_name(p, name, nlen, open_line, inverted ? "{{^" : "{{#", &full, &key,
	    &layout) == -1)
		return -1;
	if (nest >= MAXNEST)
		return perr(p, open_line, "sections nested more than %d deep", MAXNEST);
	/*
	 * A section renders zero, one or many times, so what follows it (and
	 * its own next round) may be in the context before it or after it.
	 * Compile the body again from both when it moves the context (as in
	 * <input{{#c}} checked{{/c}}>); a body that keeps moving it is refused.
	 */
	for (pass = 0;; pass++) {
		memset(&body, 0, sizeof(body));
		bpos = *pos;
		bline = *line;
		end = start;
		if (parse_seq(p, &bpos, &bline, &end, full, open_line, nest + 1, &body) == -1)
			return -1;
		if (inverted) {
			if (hset_union(&start, &end) == -1)
				goto toomany;
			break;
		}
		if (hset_sub(&end, &start))
			break;
		if (pass == 1)
			return perr(p, open_line, "{{#%s}}: each round of the section "
			    "leaves the HTML in another context; close tags and quotes "
			    "inside it", full);
		if (hset_union(&start, &end) == -1)
			goto toomany;
	}
	*hs = start;
	*pos = bpos;
	*line = bline;
	n = node_add(p, q, inverted ? N_INVERTED : N_SECTION);
	n->key = key;
	n->hash = vkey_hash(key);
	n->layout = (unsigned char)layout;
	n->line = open_line;
	n->u.sec.kids = body.v != NULL ? body.v : no_nodes;
	n->u.sec.n = body.n;
	return 0;
toomany:
	return perr(p, open_line, "{{%c%s}}: too many possible HTML contexts after it",
	    inverted ? '^' : '#', full);
}

/*
 * Compiles from *pos up to the end of the template (close == NULL) or the
 * {{/close}} of the section opened on open_line, moving *pos, *line and
 * the contexts hs past it, into q.
 */
static int
parse_seq(struct parser *p, size_t *pos, unsigned *line, struct hset *hs,
    const char *close, unsigned open_line, unsigned nest, struct seq *q)
{
	const char *s, *o, *in, *e;
	size_t rest, lit, ilen;
	unsigned tline, i;
	struct node *n;
	int inverted;

	while (*pos < p->len) {
		s = p->src + *pos;
		rest = p->len - *pos;
		o = find_bytes(s, rest, "{{", 2);
		lit = o != NULL ? (size_t)(o - s) : rest;
		if (literal(p, q, s, lit, line, hs) == -1)
			return -1;
		*pos += lit;
		if (o == NULL)
			break;
		tline = *line;
		rest -= lit;
		if (rest > 2 && o[2] == '{') {
			e = find_bytes(o + 3, rest - 3, "}}}", 3);
			if (e == NULL)
				return perr(p, tline, "{{{ without }}}");
			in = o + 3;
			ilen = (size_t)(e - in);
			*line += count_nl(in, ilen);
			*pos += ilen + 6;
			in = trim(in, &ilen);
			if (add_var(p, q, in, ilen, tline, hs, 1) == -1)
				return -1;
			continue;
		}
		e = find_bytes(o + 2, rest - 2, "}}", 2);
		if (e == NULL)
			return perr(p, tline, "{{ without }}");
		in = o + 2;
		ilen = (size_t)(e - in);
		*line += count_nl(in, ilen);
		*pos += ilen + 4;
		in = trim(in, &ilen);
		if (ilen == 0)
			return perr(p, tline, "empty {{}}");
		/*
		 * In text, a section tag or comment alone on its line takes
		 * its line end with it, as in mustache: the line it stands on
		 * is not a blank line of the message.
		 */
		if (p->t->text && strchr("#^/!", in[0]) != NULL && (o == p->src || o[-1] == '\n') &&
		    *pos < p->len && p->src[*pos] == '\n') {
			(*pos)++;
			(*line)++;
		}
		switch (in[0]) {
		case '!':
			break;
		case '_':
			if (add_trans(p, q, in + 1, ilen - 1, tline, hs) == -1)
				return -1;
			break;
		case '#':
		case '^':
			inverted = in[0] == '^';
			in++;
			ilen--;
			in = trim(in, &ilen);
			if (add_section(p, q, in, ilen, inverted, pos, line, hs, tline,
			    nest) == -1)
				return -1;
			break;
		case '/':
			in++;
			ilen--;
			in = trim(in, &ilen);
			if (close == NULL)
				return perr(p, tline, "{{/%.*s}} closes no section",
				    (int)(ilen > 40 ? 40 : ilen), in);
			if (strlen(close) != ilen || memcmp(close, in, ilen) != 0)
				return perr(p, tline, "{{/%.*s}} does not close {{#%s}} "
				    "(line %u)", (int)(ilen > 40 ? 40 : ilen), in, close,
				    open_line);
			run_flush(p, q);
			return 0;
		case '>':
			in++;
			ilen--;
			in = trim(in, &ilen);
			if (!name_ok(in, ilen, 1))
				return perr(p, tline, "bad partial name \"%.*s\"",
				    (int)(ilen > 40 ? 40 : ilen), in);
			for (i = 0; i < hs->n; i++)
				if (hs->s[i].tok != T_TEXT)
					return perr(p, tline, "{{>%.*s}} %s: partials may "
					    "stand only in text", (int)ilen, in,
					    where(&hs->s[i]));
			n = node_add(p, q, N_PARTIAL);
			n->key = arena_strndup(p->t->a, in, ilen);
			n->line = tline;
			break;
		default:
			if (!is_alpha((unsigned char)in[0]) && in[0] != '@')
				return perr(p, tline, "unknown tag {{%.*s}}",
				    (int)(ilen > 40 ? 40 : ilen), in);
			if (add_var(p, q, in, ilen, tline, hs, 0) == -1)
				return -1;
			break;
		}
	}
	if (close != NULL)
		return perr(p, open_line, "{{#%s}} is never closed", close);
	run_flush(p, q);
	return 0;
}

/* Compiles src into tp. Returns 0, or -1 with the message in p->err. */
static int
compile(struct parser *p, struct tpl *tp, const struct tplsrc *src)
{
	struct hset hs;
	struct seq q;
	size_t pos = 0;
	unsigned line = 1, i;

	p->name = tp->name;
	p->src = src->text;
	p->len = src->len;
	p->tagline = 1;
	hs.n = 1;
	to_text(&hs.s[0]);
	memset(&q, 0, sizeof(q));
	if (parse_seq(p, &pos, &line, &hs, NULL, 0, 0, &q) == -1)
		return -1;
	for (i = 0; i < hs.n; i++)
		if (hs.s[i].tok != T_TEXT)
			return perr(p, p->tagline, "unterminated: the template ends %s",
			    where(&hs.s[i]));
	tp->nodes = q.v != NULL ? q.v : no_nodes;
	tp->n = q.n;
	return 0;
}

/* Turns each {{>name}} under nodes into a template index. */
static int
resolve(struct parser *p, struct node *n, size_t cnt)
{
	size_t i;

	for (i = 0; i < cnt; i++, n++) {
		if (n->type == N_SECTION || n->type == N_INVERTED) {
			if (resolve(p, n->u.sec.kids, n->u.sec.n) == -1)
				return -1;
		} else if (n->type == N_PARTIAL &&
		    (n->u.partial = tplset_find(p->t, n->key)) == -1)
			return perr(p, n->line, "{{>%s}}: there is no %s.html", n->key, n->key);
	}
	return 0;
}

/*
 * Refuses a template that includes itself, through others or not: nothing
 * in a logic-less view could stop the recursion, and this way the
 * renderer's depth guard only ever meets deep but finite pages.
 */
static int
acyclic(struct parser *p, unsigned char *mark, unsigned i, const struct node *n, size_t cnt)
{
	unsigned j;
	size_t k;

	for (k = 0; k < cnt; k++, n++) {
		if (n->type == N_SECTION || n->type == N_INVERTED) {
			if (acyclic(p, mark, i, n->u.sec.kids, n->u.sec.n) == -1)
				return -1;
			continue;
		}
		if (n->type != N_PARTIAL)
			continue;
		j = (unsigned)n->u.partial;
		if (mark[j] == 1) {
			p->name = p->t->tpl[i].name;
			return perr(p, n->line, "{{>%s}} makes %s include itself",
			    n->key, n->key);
		}
		if (mark[j] == 0) {
			mark[j] = 1;
			if (acyclic(p, mark, j, p->t->tpl[j].nodes, p->t->tpl[j].n) == -1)
				return -1;
			mark[j] = 2;
		}
	}
	return 0;
}

static int
src_cmp(const void *a, const void *b)
{
	const struct tplsrc *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static enum kerr
load_templates(const struct tplsrc *src, unsigned n, const char *prefix, int text, unsigned nlang,
    tpl_translate_fn translate, void *arg, const char *const *layout,
    struct tplset **out, char *err, size_t errlen)
{
	const struct tplsrc **order;
	struct parser p;
	struct tplset *t;
	struct arena *a;
	unsigned char *mark;
	unsigned i;

	*out = NULL;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (nlang == 0) {
		if (err != NULL && errlen > 0)
			snprintf(err, errlen, "tplset_load: no languages");
		return KERR_INVALID;
	}
	if ((a = arena_new(64 * 1024)) == NULL)
		return KERR_NOMEM;
	t = arena_calloc(a, 1, sizeof(*t));
	t->a = a;
	t->nlang = nlang;
	t->text = text;
	t->prefix = arena_strdup(a, prefix);
	t->ntpl = n;
	t->tpl = arena_calloc(a, n + 1, sizeof(*t->tpl));
	order = arena_calloc(a, n + 1, sizeof(*order));
	for (i = 0; i < n; i++)
		order[i] = &src[i];
	qsort(order, n, sizeof(*order), src_cmp);
	memset(&p, 0, sizeof(p));
	p.t = t;
	p.translate = translate;
	p.arg = arg;
	p.layout = layout;
	p.err = err;
	p.errlen = errlen;
	for (i = 0; i < n; i++) {
		t->tpl[i].name = arena_strdup(a, order[i]->name);
		if (i > 0 && strcmp(order[i - 1]->name, order[i]->name) == 0) {
			p.name = t->tpl[i].name;
			perr(&p, 1, "a second template of that name");
			goto fail;
		}
		if (compile(&p, &t->tpl[i], order[i]) == -1)
			goto fail;
	}
	for (i = 0; i < n; i++) {
		p.name = t->tpl[i].name;
		if (resolve(&p, t->tpl[i].nodes, t->tpl[i].n) == -1)
			goto fail;
	}
	mark = arena_calloc(a, n + 1, 1);
	for (i = 0; i < n; i++) {
		if (mark[i] != 0)
			continue;
		mark[i] = 1;
		if (acyclic(&p, mark, i, t->tpl[i].nodes, t->tpl[i].n) == -1)
			goto fail;
		mark[i] = 2;
	}
	*out = t;
	return KERR_OK;
fail:
	arena_free(a);
	return KERR_INVALID;
}

enum kerr
tplset_load_mem(const struct tplsrc *src, unsigned n, unsigned nlang,
    tpl_translate_fn translate, void *arg, const char *const *layout,
    struct tplset **out, char *err, size_t errlen)
{
	return load_templates(src, n, "", 0, nlang, translate, arg, layout, out, err, errlen);
}

enum kerr
tplset_load_text_mem(const struct tplsrc *src, unsigned n, unsigned nlang,
    tpl_translate_fn translate, void *arg, struct tplset **out, char *err, size_t errlen)
{
	return load_templates(src, n, "", 1, nlang, translate, arg, NULL, out, err, errlen);
}

/* Returns a malloc'ed copy of s[0..n), or NULL (strndup() is POSIX, not C11). */
static char *
dupn(const char *s, size_t n)
{
	char *p;

	if ((p = malloc(n + 1)) != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* Reads path into a malloc'ed buffer. Returns 0, or -1 with errno set. */
static int
read_file(const char *path, char **text, size_t *len)
{
	FILE *f;
	char *p = NULL, *np;
	size_t cap = 0, n = 0, r;
	int saved;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	for (;;) {
		if (n == cap) {
			if (cap >= MAXFILE) {
				errno = EFBIG;
				goto fail;
			}
			cap = cap ? 2 * cap : 16384;
			if ((np = realloc(p, cap)) == NULL)
				goto fail;
			p = np;
		}
		if ((r = fread(p + n, 1, cap - n, f)) == 0)
			break;
		n += r;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	*text = p;
	*len = n;
	return 0;
fail:
	saved = errno;
	fclose(f);
	free(p);
	errno = saved;
	return -1;
}

/* Loads dir's files whose names end in suffix, as text templates or HTML. */
static enum kerr
load_dir(const char *dir, const char *suffix, int text, unsigned nlang,
    tpl_translate_fn translate, void *arg, const char *const *layout, struct tplset **out,
    char *err, size_t errlen)
{
	struct tplsrc *src = NULL, *ns;
	struct dirent *de;
	char *path = NULL, *prefix, *body;
	unsigned n = 0, cap = 0, i;
	enum kerr e = KERR_SYSTEM;
	size_t l, sl = strlen(suffix);
	DIR *d;

	*out = NULL;
	if ((prefix = malloc(strlen(dir) + 2)) == NULL)
		return KERR_NOMEM;
	l = strlen(dir);
	snprintf(prefix, l + 2, "%s%s", dir, l > 0 && dir[l - 1] == '/' ? "" : "/");
	if ((d = opendir(dir)) == NULL) {
		if (err != NULL && errlen > 0)
			snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		free(prefix);
		return KERR_SYSTEM;
	}
	while ((de = readdir(d)) != NULL) {
		l = strlen(de->d_name);
		if (l <= sl || de->d_name[0] == '.' || strcmp(de->d_name + l - sl, suffix) != 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			if ((ns = realloc(src, cap * sizeof(*src))) == NULL) {
				e = KERR_NOMEM;
				goto out;
			}
			src = ns;
		}
		free(path);
		if ((path = malloc(strlen(prefix) + l + 1)) == NULL ||
		    (src[n].name = dupn(de->d_name, l - sl)) == NULL) {
			e = KERR_NOMEM;
			goto out;
		}
		sprintf(path, "%s%s", prefix, de->d_name);
		if (read_file(path, &body, &src[n].len) == -1) {
			if (err != NULL && errlen > 0)
				snprintf(err, errlen, "%s: %s", path, strerror(errno));
			free((char *)src[n].name);
			goto out;
		}
		src[n++].text = body;
	}
	e = load_templates(src, n, prefix, text, nlang, translate, arg, layout, out, err, errlen);
out:
	closedir(d);
	for (i = 0; i < n; i++) {
		free((char *)src[i].name);
		free((char *)src[i].text);
	}
	free(src);
	free(path);
	free(prefix);
	return e;
}

enum kerr
tplset_load(const char *dir, unsigned nlang, tpl_translate_fn translate, void *arg,
    const char *const *layout, struct tplset **out, char *err, size_t errlen)
{
	return load_dir(dir, ".html", 0, nlang, translate, arg, layout, out, err, errlen);
}

enum kerr
tplset_load_text(const char *dir, unsigned nlang, tpl_translate_fn translate, void *arg,
    struct tplset **out, char *err, size_t errlen)
{
	return load_dir(dir, ".txt", 1, nlang, translate, arg, NULL, out, err, errlen);
}

void
tplset_free(struct tplset *t)
{
	if (t != NULL)
		arena_free(t->a);
}

int
tplset_find(const struct tplset *t, const char *name)
{
	unsigned lo = 0, hi, mid;
	int c;

	if (t == NULL || name == NULL)
		return -1;
	hi = t->ntpl;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(name, t->tpl[mid].name)) == 0)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/*
 * Whether s may start a URL attribute: a relative reference that is not
 * protocol-relative, or http:, https: or mailto:. Browsers drop leading
 * blanks and controls and every tab and newline, and read \ as / (so
 * "/\evil" and "java\tscript:" are what they look like to them): what
 * starts with a path, a blank, a control or a backslash must be a local
 * path by the redirects' own check.
 */
static int
url_safe(const char *s)
{
	static const char *const schemes[] = { "http", "https", "mailto", NULL };
	const unsigned char *p = (const unsigned char *)s;
	char scheme[8];
	size_t n = 0, i;
	int c;

	if (*p == '/' || *p == '\\' || *p < 0x21 || *p == 0x7f)
		return *p == '\0' || local_path_ok(s);
	for (; (c = *p) != '\0'; p++) {
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '/' || c == '?' || c == '#')
			return 1;
		if (c == ':')
			break;
		if (n < sizeof(scheme))
			scheme[n] = (char)str_lower(c);
		n++;
	}
	if (c == '\0')
		return 1;
	for (i = 0; schemes[i] != NULL; i++)
		if (n == strlen(schemes[i]) && memcmp(scheme, schemes[i], n) == 0)
			return 1;
	return 0;
}

/* Unreserved bytes (RFC 3986) stay as they are in a URL component. */
static const unsigned char unreserved[256] = {
	['-'] = 1, ['.'] = 1, ['_'] = 1, ['~'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
	['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
	['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/*
 * Rendering writes straight into the buffer when the worst case fits and
 * leaves growing to buf.h otherwise: the calls per field were most of the
 * time of a list page. Both paths keep buf's invariants (len, NUL).
 */
static void
out_append(struct buf *out, const char *s, size_t n)
{
	if (out->cap - out->len <= n) {
		buf_append(out, s, n);
		return;
	}
	memcpy(out->data + out->len, s, n);
	out->len += n;
	out->data[out->len] = '\0';
}

/* The same entities as buf_html(). */
static const char *const entity[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;"
};

#define ONES		0x0101010101010101ull
#define HAS_ZERO(v)	(((v) - ONES) & ~(v) & (ONES << 7))
#define HAS_BYTE(v, c)	HAS_ZERO((v) ^ (ONES * (unsigned char)(c)))

static void
put_html(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *end, *run;
	size_t n = strlen(s);
	unsigned long long w;
	const char *e;
	char *d;

	if ((out->cap - out->len) / 6 <= n) {
		buf_html(out, s, n);
		return;
	}
	d = out->data + out->len;
	for (end = p + n; p < end;) {
		/* Most text has nothing to escape: skip it eight bytes at a time. */
		for (run = p; end - p >= 8; p += 8) {
			memcpy(&w, p, sizeof(w));
			if (HAS_BYTE(w, '&') | HAS_BYTE(w, '<') | HAS_BYTE(w, '>') |
			    HAS_BYTE(w, '"') | HAS_BYTE(w, '\''))
				break;
		}
		while (p < end && entity[*p] == NULL)
			p++;
		memcpy(d, run, (size_t)(p - run));
		d += p - run;
		if (p == end)
			break;
		for (e = entity[*p++]; *e != '\0'; e++)
			*d++ = *e;
	}
	*d = '\0';
	out->len = (size_t)(d - out->data);
}

static void
put_pct(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s, *run = p;
	char e[3];

	for (; *p != '\0'; p++) {
		if (unreserved[*p])
			continue;
		if (p > run)
			buf_append(out, (const char *)run, (size_t)(p - run));
		e[0] = '%';
		e[1] = hex[*p >> 4];
		e[2] = hex[*p & 15];
		buf_append(out, e, 3);
		run = p + 1;
	}
	if (p > run)
		buf_append(out, (const char *)run, (size_t)(p - run));
}

static void
put_value(struct buf *out, int esc, const struct vval *v)
{
	char d[24], *p = d + sizeof(d);
	unsigned long long u;

	switch (v->type) {
	case VT_STR:
		switch (esc) {
		case E_HTML:
			put_html(out, v->u.s);
			break;
		case E_URL:
			if (url_safe(v->u.s))
				put_html(out, v->u.s);
			else
				buf_putc(out, '#');
			break;
		case E_URLPART:
			put_pct(out, v->u.s);
			break;
		default:
			buf_puts(out, v->u.s);
			break;
		}
		break;
	case VT_INT:
		/* Digits and '-' need no escaping in any context. */
		u = v->u.i < 0 ? -(unsigned long long)v->u.i : (unsigned long long)v->u.i;
		do
			*--p = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		if (v->u.i < 0)
			*--p = '-';
		out_append(out, p, (size_t)(d + sizeof(d) - p));
		break;
	default:
		break;
	}
}

struct rctx {
	const struct tplset *t;
	unsigned	 lang;
	struct buf	*out;
	unsigned	 level;		/* sections and partials entered */
	unsigned	 depth;		/* scopes in use */
	const struct vobj *scope[MAXLEVEL + 1];
	const struct vobj *layout;	/* {{@name}}'s scope, never searched for others */
};

static const struct vval *
lookup(const struct rctx *c, const struct node *n)
{
	const struct vval *v;
	unsigned i = c->depth;

	if (n->layout)
		return c->layout != NULL ? vobj_get(c->layout, n->key, n->hash) : NULL;
	while (i-- > 0)
		if ((v = vobj_get(c->scope[i], n->key, n->hash)) != NULL)
			return v;
	return NULL;
}

static int	render_nodes(struct rctx *, const struct node *, size_t);

static int
render_section(struct rctx *c, const struct node *n)
{
	const struct vval *v = lookup(c, n);
	const struct vobj *it;
	int on, r = 0;

	if (v == NULL)
		on = 0;
	else
		switch (v->type) {
		case VT_STR:
			on = v->u.s[0] != '\0';
			break;
		case VT_INT:
			on = v->u.i != 0;
			break;
		case VT_BOOL:
			on = v->u.b;
			break;
		case VT_OBJ:
			on = 1;
			break;
		case VT_LIST:
			on = v->u.l.n > 0;
			break;
		default:
			on = 0;
			break;
		}
	if (n->type == N_INVERTED ? on : !on)
		return 0;
	if (++c->level > MAXLEVEL)
		return -1;
	if (n->type == N_INVERTED || (v->type != VT_OBJ && v->type != VT_LIST))
		r = render_nodes(c, n->u.sec.kids, n->u.sec.n);
	else if (v->type == VT_OBJ) {
		c->scope[c->depth++] = v->u.o;
		r = render_nodes(c, n->u.sec.kids, n->u.sec.n);
		c->depth--;
	} else
		for (it = v->u.l.head; it != NULL && r == 0; it = vobj_next(it)) {
			c->scope[c->depth++] = it;
			r = render_nodes(c, n->u.sec.kids, n->u.sec.n);
			c->depth--;
		}
	c->level--;
	return r;
}

static int
render_nodes(struct rctx *c, const struct node *n, size_t cnt)
{
	const struct node *end = n + cnt;
	const struct vval *v;
	const struct tpl *tp;

	for (; n < end; n++)
		switch (n->type) {
		case N_TEXT:
			out_append(c->out, n->u.text[c->lang].s, n->u.text[c->lang].len);
			break;
		case N_VAR:
			if ((v = lookup(c, n)) != NULL)
				put_value(c->out, n->esc, v);
			break;
		case N_PARTIAL:
			if (++c->level > MAXLEVEL)
				return -1;
			tp = &c->t->tpl[n->u.partial];
			if (render_nodes(c, tp->nodes, tp->n) == -1)
				return -1;
			c->level--;
			break;
		default:
			if (render_section(c, n) == -1)
				return -1;
			break;
		}
	return 0;
}

enum kerr
tpl_render(const struct tplset *t, int idx, unsigned lang, const struct vobj *root,
    const struct vobj *layout, struct buf *out)
{
	struct rctx c;

	if (t == NULL || idx < 0 || (unsigned)idx >= t->ntpl || lang >= t->nlang)
		return KERR_INVALID;
	c.t = t;
	c.lang = lang;
	c.out = out;
	c.level = 0;
	c.depth = 0;
	c.layout = layout;
	if (root != NULL)
		c.scope[c.depth++] = root;
	if (render_nodes(&c, t->tpl[idx].nodes, t->tpl[idx].n) == -1)
		return KERR_INVALID;
	return KERR_OK;
}

struct allow {
	char		*tpl;
	char		*name;
};

static int
raw_nodes(const struct tplset *t, const struct tpl *tp, const struct node *n, size_t cnt,
    const struct allow *al, size_t nal, const char *path, FILE *report)
{
	const struct node *end = n + cnt;
	int bad = 0;
	size_t i;

	for (; n < end; n++) {
		if (n->type == N_SECTION || n->type == N_INVERTED)
			bad += raw_nodes(t, tp, n->u.sec.kids, n->u.sec.n, al, nal, path, report);
		if (n->type != N_VAR || n->esc != E_RAW)
			continue;
		for (i = 0; i < nal; i++)
			if (strcmp(al[i].tpl, tp->name) == 0 && strcmp(al[i].name, n->key) == 0)
				break;
		if (i == nal) {
			fprintf(report, "%s%s.html:%u: {{{%s}}} is not in %s\n", t->prefix,
			    tp->name, n->line, n->key, path);
			bad++;
		}
	}
	return bad;
}

int
tplset_raw_check(const struct tplset *t, const char *path, FILE *report)
{
	struct allow *al = NULL, *nal;
	size_t n = 0, cap = 0, i;
	char line[512], *w[3], *p;
	unsigned lineno = 0, k;
	int bad = -1;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(report, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		for (k = 0, p = strtok(line, " \t\r\n"); p != NULL && k < 3;
		    p = strtok(NULL, " \t\r\n"))
			w[k++] = p;
		if (k == 0)
			continue;
		if (k != 2) {
			fprintf(report, "%s:%u: expected \"template-name name\"\n", path, lineno);
			goto out;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			if ((nal = realloc(al, cap * sizeof(*al))) == NULL)
				goto nomem;
			al = nal;
		}
		al[n].tpl = dupn(w[0], strlen(w[0]));
		al[n].name = dupn(w[1], strlen(w[1]));
		n++;
		if (al[n - 1].tpl == NULL || al[n - 1].name == NULL)
			goto nomem;
	}
	if (ferror(f)) {
		fprintf(report, "%s: %s\n", path, strerror(errno));
		goto out;
	}
	bad = 0;
	for (k = 0; k < t->ntpl; k++)
		bad += raw_nodes(t, &t->tpl[k], t->tpl[k].nodes, t->tpl[k].n, al, n, path,
		    report);
	goto out;
nomem:
	fprintf(report, "%s: out of memory\n", path);
out:
	fclose(f);
	for (i = 0; i < n; i++) {
		free(al[i].tpl);
		free(al[i].name);
	}
	free(al);
	return bad;
}
