/* test_tpl.c - unit tests for the view model (view.c) and the template engine (tpl.c). */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/localpath.h"
#include "unit.h"
#include "views/tpl.h"
#include "views/view.h"

static struct arena *A;
static char err[512];

/* Language 0 is the msgid language; language 1 has a few translations. */
static const char *
translate(unsigned lang, const char *msgid, void *arg)
{
	static const char *const sv[][2] = {
		{ "Save", "Spara" },
		{ "Close", "Stäng" },
		{ "Quote", "Citat \"x\" <b> & 'y'" },
		{ "Applications", "Ansökningar" },
		{ "Empty", "" },
	};
	size_t i;

	(*(unsigned *)arg)++;
	if (lang == 1)
		for (i = 0; i < sizeof(sv) / sizeof(sv[0]); i++)
			if (strcmp(sv[i][0], msgid) == 0)
				return sv[i][1];
	return msgid;
}

static unsigned ncalls;

/* The layout's names of the sets loadv() loads. */
static const char *const layout_names[] = { "who_org", "signed", NULL };

/* Loads templates given as name, text, ..., NULL in two languages; stores the message in err. */
static enum kerr
loadv(struct tplset **t, ...)
{
	struct tplsrc src[80];
	unsigned n = 0;
	va_list ap;
	enum kerr e;

	va_start(ap, t);
	while ((src[n].name = va_arg(ap, const char *)) != NULL) {
		src[n].text = va_arg(ap, const char *);
		src[n].len = strlen(src[n].text);
		n++;
	}
	va_end(ap);
	err[0] = '\0';
	e = tplset_load_mem(src, n, 2, translate, &ncalls, layout_names, t, err, sizeof(err));
	if (e != KERR_OK && getenv("TPL_TEST_VERBOSE") != NULL)
		fprintf(stderr, "load: %s\n", err);
	return e;
}

/* Renders template name in lang; returns the page (in A) or NULL on error. */
static const char *
render(const struct tplset *t, const char *name, unsigned lang, const struct vobj *root)
{
	struct buf b;

	buf_init(&b, A, 0);
	if (tpl_render(t, tplset_find(t, name), lang, root, NULL, &b) != KERR_OK)
		return NULL;
	return b.data;
}

/* Compiles text as template "t", renders it in language 0 and frees the set. */
static const char *
render1(const char *text, const struct vobj *root)
{
	struct tplset *t;
	const char *out;

	if (loadv(&t, "t", text, NULL) != KERR_OK) {
		fprintf(stderr, "unexpected load error: %s\n", err);
		return NULL;
	}
	out = render(t, "t", 0, root);
	tplset_free(t);
	return out;
}

/* Whether text fails to load with a message starting at where and containing why. */
static int
fails(const char *text, const char *where, const char *why)
{
	struct tplset *t;

	if (loadv(&t, "t", text, NULL) != KERR_INVALID || t != NULL)
		return 0;
	if (strncmp(err, where, strlen(where)) != 0 || strstr(err, why) == NULL) {
		fprintf(stderr, "\n  message \"%s\", wanted \"%s ... %s\"\n", err, where, why);
		return 0;
	}
	return 1;
}

static struct vobj *
view(void)
{
	return vobj_new(A);
}

/* Renders text with a view holding "v" = val. */
static const char *
with(const char *text, const char *val)
{
	struct vobj *o = view();

	vobj_str(o, "v", val);
	return render1(text, o);
}

/* Compares a page with what was expected, showing both when they differ. */
static int
eq(const char *got, const char *want)
{
	if (got != NULL && strcmp(got, want) == 0)
		return 1;
	fprintf(stderr, "\n  got  \"%s\"\n  want \"%s\"\n", got ? got : "(null)", want);
	return 0;
}

#define EQ(got, want)	CU_ASSERT(eq((got), (want)))

/* Loads text as text template "t" in two languages, renders it in lang with root, frees the set. */
static const char *
render_text(const char *text, unsigned lang, const struct vobj *root)
{
	struct tplsrc src = { "t", text, strlen(text) };
	struct tplset *t;
	const char *out;

	err[0] = '\0';
	if (tplset_load_text_mem(&src, 1, 2, translate, &ncalls, &t, err, sizeof(err)) != KERR_OK)
		return NULL;
	out = render(t, "t", lang, root);
	tplset_free(t);
	return out;
}

/* A text template (e-mail): nothing escaped, no HTML contexts, section lines leave no blank line. */
static void
test_tpl_text_mode(void)
{
	struct vobj *o = view(), *it;
	struct tplsrc src = { "t", "{{{v}}}", 7 };
	struct tplset *t = NULL;

	vobj_str(o, "v", "<b> & \"Växjö\" 'x' /a?b=c");
	vobj_bool(o, "yes", 1);
	it = vobj_push(o, "items");
	vobj_str(it, "n", "one");
	it = vobj_push(o, "items");
	vobj_str(it, "n", "two");
	/* Verbatim, also where HTML would be a tag, an attribute or a script. */
	EQ(render_text("<a href={{v}}>{{v}}</a><script>{{v}}</script>", 0, o),
	    "<a href=<b> & \"Växjö\" 'x' /a?b=c><b> & \"Växjö\" 'x' /a?b=c</a>"
	    "<script><b> & \"Växjö\" 'x' /a?b=c</script>");
	/* Translations unescaped, in each language. */
	EQ(render_text("{{_ Quote}}", 1, o), "Citat \"x\" <b> & 'y'");
	EQ(render_text("{{_ Quote}}", 0, o), "Quote");
	/* A section tag or comment alone on its line takes its line end; elsewhere it does not. */
	EQ(render_text("A\n{{#items}}\n- {{n}}\n{{/items}}\n{{! why}}\n{{^yes}}\nno\n{{/yes}}\nB\n", 0, o),
	    "A\n- one\n- two\nB\n");
	EQ(render_text("A {{#yes}}x{{/yes}}\nB", 0, o), "A x\nB");
	/* An unterminated tag is no error in text. */
	EQ(render_text("a < b {{v}}", 0, o), "a < b <b> & \"Växjö\" 'x' /a?b=c");
	/* {{{v}}} is refused: {{v}} is already verbatim. */
	CU_ASSERT(tplset_load_text_mem(&src, 1, 2, translate, &ncalls, &t, err, sizeof(err)) ==
	    KERR_INVALID);
	CU_ASSERT(t == NULL);
	CU_ASSERT(strstr(err, "write {{v}}") != NULL);
}

static void
test_tpl_text_only(void)
{
	EQ(render1("", NULL), "");
	EQ(render1("<!DOCTYPE html>\n<p>Hej { } }} </p>\n", NULL),
	    "<!DOCTYPE html>\n<p>Hej { } }} </p>\n");
}

static void
test_tpl_substitution_types(void)
{
	struct vobj *o = view();

	vobj_str(o, "s", "text");
	vobj_int(o, "i", -42);
	vobj_int(o, "max", LLONG_MAX);
	vobj_int(o, "min", LLONG_MIN);
	vobj_int(o, "zero", 0);
	vobj_bool(o, "b", 1);
	vobj_str(o, "null", NULL);
	vobj_obj(o, "obj");
	vobj_push(o, "list");
	EQ(render1("[{{s}}|{{i}}|{{max}}|{{min}}|{{zero}}|{{b}}|{{null}}|{{missing}}|{{obj}}|{{list}}]", o),
	    "[text|-42|9223372036854775807|-9223372036854775808|0|||||]");
	EQ(render1("{{ s }}{{s}}", o), "texttext");
}

static void
test_tpl_escape_text(void)
{
	EQ(with("<p>{{v}}</p>", "<script>alert(1)</script>"),
	    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
	EQ(with("{{v}}", "a & b \"c\" 'd'"), "a &amp; b &quot;c&quot; &#39;d&#39;");
	EQ(with("{{v}}", "{{v}}"), "{{v}}");
}

static void
test_tpl_escape_paths_agree(void)
{
	static const char *const vals[] = {
		"", "&", "plain text longer than eight", "<<>>&&\"\"''", "abcdefg&", "abcdefgh&",
		"12345678<12345678>1234567\"", "Växjö & 中文 <Кириллица> 'x'", NULL
	};
	const char *const *v;
	struct tplset *t;
	struct vobj *o;
	struct buf big, small;

	CU_ASSERT_EQUAL_FATAL(loadv(&t, "t", "<p title=\"{{v}}\">{{v}}</p>", NULL), KERR_OK);
	for (v = vals; *v != NULL; v++) {
		o = view();
		vobj_str(o, "v", *v);
		/* A roomy buffer takes the direct path, an empty one goes through buf_html(). */
		buf_init(&big, A, 4096);
		buf_init(&small, A, 0);
		CU_ASSERT_EQUAL(tpl_render(t, 0, 0, o, NULL, &big), KERR_OK);
		CU_ASSERT_EQUAL(tpl_render(t, 0, 0, o, NULL, &small), KERR_OK);
		EQ(big.data, small.data);
		CU_ASSERT_EQUAL(big.len, strlen(big.data));
	}
	EQ(big.data, "<p title=\"Växjö &amp; 中文 &lt;Кириллица&gt; &#39;x&#39;\">"
	    "Växjö &amp; 中文 &lt;Кириллица&gt; &#39;x&#39;</p>");
	tplset_free(t);
}

static void
test_tpl_escape_attribute_quotes(void)
{
	EQ(with("<input value=\"{{v}}\">", "\"><script>alert(1)</script>"),
	    "<input value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">");
	EQ(with("<input value='{{v}}'>", "' onfocus='alert(1)"),
	    "<input value='&#39; onfocus=&#39;alert(1)'>");
	EQ(with("<p class=\"a {{v}} b\" data-x = \"{{v}}\">", "x\"y"),
	    "<p class=\"a x&quot;y b\" data-x = \"x&quot;y\">");
}

static void
test_tpl_escape_textarea_title(void)
{
	EQ(with("<title>{{v}}</title>", "</title><script>alert(1)</script>"),
	    "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>");
	EQ(with("<textarea name=\"t\">{{v}}</TextArea >{{v}}", "</textarea>"),
	    "<textarea name=\"t\">&lt;/textarea&gt;</TextArea >&lt;/textarea&gt;");
}

static void
test_tpl_url_unsafe_is_hash(void)
{
	static const char *const bad[] = {
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
		"\x01\x02javascript:alert(1)", "java\tscript:alert(1)", "java\nscript:x",
		"data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "//evil.example/",
		"/\\evil.example/", "\\\\evil.example", "/\t/evil.example", " //evil.example",
		"javascript&colon;alert(1):", "file:///etc/passwd", "foo:bar",
		"/\n/evil.example", "/\r\n\t/evil.example", "\t/\t/evil.example", "/a\\..\\..\\x",
		"/a b", "/a\x7f", "\t/x", NULL
	};
	const char *const *b;

	for (b = bad; *b != NULL; b++) {
		EQ(with("<a href=\"{{v}}\">x</a>", *b), "<a href=\"#\">x</a>");
		EQ(with("<img src='{{v}}'>", *b), "<img src='#'>");
	}
	EQ(with("<form action=\"{{v}}\"><button formaction=\"{{v}}\"></button></form>",
	    "javascript:x"), "<form action=\"#\"><button formaction=\"#\"></button></form>");
	EQ(with("<blockquote cite=\"{{v}}\"><video poster=\"{{v}}\"></video></blockquote>",
	    "data:x"), "<blockquote cite=\"#\"><video poster=\"#\"></video></blockquote>");
	/* Blanks before the substitution do not make it a URL component. */
	EQ(with("<a href=\"  {{v}}\">", "javascript:alert(1)"), "<a href=\"  #\">");
	EQ(with("<A HREF = \"{{v}}\">", "javascript:alert(1)"), "<A HREF = \"#\">");
}

static void
test_tpl_url_safe_kept(void)
{
	EQ(with("<a href=\"{{v}}\">", "/applications/12"), "<a href=\"/applications/12\">");
	EQ(with("<a href=\"{{v}}\">", "#field-title"), "<a href=\"#field-title\">");
	EQ(with("<a href=\"{{v}}\">", "?page=2&sort=name"), "<a href=\"?page=2&amp;sort=name\">");
	EQ(with("<a href=\"{{v}}\">", "edit"), "<a href=\"edit\">");
	EQ(with("<a href=\"{{v}}\">", "a/b:c"), "<a href=\"a/b:c\">");
	EQ(with("<a href=\"{{v}}\">", "https://icld.se/?a=1&b=\"2\""),
	    "<a href=\"https://icld.se/?a=1&amp;b=&quot;2&quot;\">");
	EQ(with("<a href=\"{{v}}\">", "HTTP://example.org/"), "<a href=\"HTTP://example.org/\">");
	EQ(with("<a href=\"{{v}}\">", "mailto:info@icld.se"), "<a href=\"mailto:info@icld.se\">");
	EQ(with("<a href=\"{{v}}\">", ""), "<a href=\"\">");
	EQ(with("<a href=\"{{v}}\">", "/"), "<a href=\"/\">");
}

/*
 * A URL attribute that starts with a path keeps it exactly when a redirect
 * would follow it: one check (local_path_ok()) for both, tried with every
 * byte after the first '/'.
 */
static void
test_tpl_url_path_is_redirects_check(void)
{
	static const char *const post[] = { "/evil.example/", "", "x" };
	char s[32], want[64];
	size_t i;
	int b;

	for (i = 0; i < sizeof(post) / sizeof(post[0]); i++)
		for (b = 1; b < 256; b++) {
			snprintf(s, sizeof(s), "/%c%s", b, post[i]);
			if (b == '"' || b == '&' || b == '<' || b == '>' || b == '\'')
				continue;	/* HTML-escaped, shown above */
			snprintf(want, sizeof(want), "<a href=\"%s\">",
			    local_path_ok(s) ? s : "#");
			EQ(with("<a href=\"{{v}}\">", s), want);
		}
}

static void
test_tpl_url_component_percent_encoded(void)
{
	struct vobj *o = view();

	vobj_int(o, "id", 2016);
	vobj_str(o, "q", "a b&c/d=e?f#g\"<å>");
	EQ(render1("<a href=\"/applications/{{id}}?q={{q}}\">", o),
	    "<a href=\"/applications/2016?q=a%20b%26c%2Fd%3De%3Ff%23g%22%3C%C3%A5%3E\">");
	EQ(with("<a href=\"/x/{{v}}\">", "AZaz09-._~"), "<a href=\"/x/AZaz09-._~\">");
	/* After a prefix nothing can form a scheme: ':' is encoded too. */
	EQ(with("<a href=\"java{{v}}\">", "script:alert(1)"),
	    "<a href=\"javascript%3Aalert%281%29\">");
	EQ(with("<a href=\"{{v}}{{v}}\">", "/a&b"), "<a href=\"/a&amp;b%2Fa%26b\">");
}

static void
test_tpl_utf8_passthrough(void)
{
	const char *s = "Västerås, Växjö, Borlänge — 中文 Кириллица";

	EQ(with("<p title=\"{{v}}\">{{v}}</p>", s),
	    "<p title=\"Västerås, Växjö, Borlänge — 中文 Кириллица\">"
	    "Västerås, Växjö, Borlänge — 中文 Кириллица</p>");
	EQ(with("<a href=\"/s?q={{v}}\">", "åäö中Ж"), "<a href=\"/s?q=%C3%A5%C3%A4%C3%B6%E4%B8%AD%D0%96\">");
	EQ(with("<p>Åsa: {{v}}</p>", "Ö"), "<p>Åsa: Ö</p>");
}

static void
test_tpl_section_list(void)
{
	struct vobj *o = view(), *r;
	int i;

	for (i = 1; i <= 3; i++) {
		r = vobj_push(o, "rows");
		vobj_int(r, "n", i);
	}
	vobj_push(o, "one");
	EQ(render1("<ul>{{#rows}}<li>{{n}}</li>{{/rows}}</ul>", o),
	    "<ul><li>1</li><li>2</li><li>3</li></ul>");
	EQ(render1("{{#none}}x{{/none}}{{^none}}empty{{/none}}", o), "empty");
	EQ(render1("{{#one}}[{{n}}]{{/one}}", o), "[]");
}

static void
test_tpl_section_object(void)
{
	struct vobj *o = view(), *c;

	c = vobj_obj(o, "user");
	vobj_str(c, "name", "Anna");
	vobj_obj(o, "empty");
	EQ(render1("{{#user}}Hej {{name}}{{/user}}{{^user}}anon{{/user}}", o), "Hej Anna");
	EQ(render1("{{#empty}}shown{{/empty}}", o), "shown");
	EQ(render1("{{name}}", o), "");
}

static void
test_tpl_section_truthiness(void)
{
	struct vobj *o = view();
	const char *t = "{{#v}}T{{/v}}{{^v}}F{{/v}}";

	vobj_bool(o, "v", 1);
	EQ(render1(t, o), "T");
	vobj_bool(o, "v", 0);
	EQ(render1(t, o), "F");
	vobj_str(o, "v", "x");
	EQ(render1(t, o), "T");
	vobj_str(o, "v", "");
	EQ(render1(t, o), "F");
	vobj_str(o, "v", NULL);
	EQ(render1(t, o), "F");
	vobj_int(o, "v", 7);
	EQ(render1(t, o), "T");
	vobj_int(o, "v", 0);
	EQ(render1(t, o), "F");
	EQ(render1("{{#nokey}}T{{/nokey}}{{^nokey}}F{{/nokey}}", o), "F");
	/* A true scalar keeps the scope: its siblings stay visible. */
	vobj_bool(o, "v", 1);
	vobj_str(o, "w", "sib");
	EQ(render1("{{#v}}{{w}}{{/v}}", o), "sib");
}

static void
test_tpl_scope_lookup(void)
{
	struct vobj *o = view(), *r;

	vobj_str(o, "csrf", "tok");
	vobj_str(o, "title", "Page");
	vobj_str(o, "note", "root note");
	r = vobj_push(o, "rows");
	vobj_str(r, "title", "Row 1");
	r = vobj_push(o, "rows");
	vobj_str(r, "title", "Row 2");
	vobj_str(r, "note", NULL);
	EQ(render1("{{#rows}}{{title}}/{{csrf}}/{{note}};{{/rows}}{{title}}", o),
	    "Row 1/tok/root note;Row 2/tok/;Page");
}

static void
test_tpl_nested_lists(void)
{
	struct vobj *o = view(), *ob, *res;
	int i, j;

	vobj_str(o, "lang", "sv");
	for (i = 1; i <= 2; i++) {
		ob = vobj_push(o, "objectives");
		vobj_int(ob, "n", i);
		for (j = 1; j <= 2; j++) {
			res = vobj_push(ob, "results");
			vobj_strf(res, "r", "%d.%d", i, j);
		}
	}
	EQ(render1("{{#objectives}}<h2>{{n}}</h2>{{#results}}<p lang=\"{{lang}}\">{{r}} of {{n}}"
	    "</p>{{/results}}{{/objectives}}", o),
	    "<h2>1</h2><p lang=\"sv\">1.1 of 1</p><p lang=\"sv\">1.2 of 1</p>"
	    "<h2>2</h2><p lang=\"sv\">2.1 of 2</p><p lang=\"sv\">2.2 of 2</p>");
}

static void
test_tpl_partial(void)
{
	struct tplset *t;
	struct vobj *o = view(), *f;

	CU_ASSERT_EQUAL_FATAL(loadv(&t,
	    "page", "{{>_header}}<main>{{#fields}}{{>_field}}{{/fields}}</main>{{>_footer}}",
	    "_header", "<h1>{{title}}</h1>",
	    "_field", "<label for=\"{{id}}\">{{label}}</label>{{^last}}, {{/last}}",
	    "_footer", "<footer>{{_ Close}}</footer>\n",
	    NULL), KERR_OK);
	vobj_str(o, "title", "Ansökan <1>");
	f = vobj_push(o, "fields");
	vobj_str(f, "id", "title");
	vobj_str(f, "label", "Title");
	f = vobj_push(o, "fields");
	vobj_str(f, "id", "sum\"");
	vobj_str(f, "label", "Summary");
	vobj_bool(f, "last", 1);
	EQ(render(t, "page", 0, o), "<h1>Ansökan &lt;1&gt;</h1><main><label for=\"title\">Title"
	    "</label>, <label for=\"sum&quot;\">Summary</label></main><footer>Close</footer>\n");
	EQ(render(t, "page", 1, o), "<h1>Ansökan &lt;1&gt;</h1><main><label for=\"title\">Title"
	    "</label>, <label for=\"sum&quot;\">Summary</label></main><footer>Stäng</footer>\n");
	tplset_free(t);
}

static void
test_tpl_translation_per_language(void)
{
	struct tplset *t;

	ncalls = 0;
	CU_ASSERT_EQUAL_FATAL(loadv(&t, "t",
	    "<button title=\"{{_ Close}}\">{{_   Save  }}</button>{{_ Quote}}|{{_ Not translated}}|"
	    "{{_ Empty}}|<title>{{_ Applications}}</title>", NULL), KERR_OK);
	/* Six msgids, two languages, all at load. */
	CU_ASSERT_EQUAL(ncalls, 12);
	EQ(render(t, "t", 0, NULL), "<button title=\"Close\">Save</button>Quote|Not translated|"
	    "Empty|<title>Applications</title>");
	EQ(render(t, "t", 1, NULL), "<button title=\"Stäng\">Spara</button>"
	    "Citat &quot;x&quot; &lt;b&gt; &amp; &#39;y&#39;|Not translated||"
	    "<title>Ansökningar</title>");
	CU_ASSERT_EQUAL(ncalls, 12);
	tplset_free(t);
	CU_ASSERT(fails("<a href=\"{{_ Save}}\">", "t.html:1: ", "translations are text"));
	CU_ASSERT(fails("<script>{{_ Save}}</script>", "t.html:1: ", "inside <script>"));
	CU_ASSERT(fails("\n{{_   }}", "t.html:2: ", "without text"));
}

static void
test_tpl_comment(void)
{
	struct vobj *o = view();

	vobj_str(o, "v", "x");
	EQ(render1("a{{! a comment with {{braces} }}b{{!\nmulti\nline\n}}c", o), "abc");
	/* Lines inside comments count for the messages after them. */
	CU_ASSERT(fails("{{!\n\n}}\n<a {{v}}>", "t.html:4: ", "inside a tag"));
	/* HTML comments pass through; substitutions may not stand in them. */
	EQ(render1("<!-- note --><p>{{v}}</p><!---->{{v}}<!-->{{v}}<!-- a --!>{{v}}", o),
	    "<!-- note --><p>x</p><!---->x<!-->x<!-- a --!>x");
	CU_ASSERT(fails("<!-- {{v}} -->", "t.html:1: ", "inside a comment"));
	CU_ASSERT(fails("<!-- -> {{v}} -->", "t.html:1: ", "inside a comment"));
	CU_ASSERT(fails("<!DOCTYPE {{v}}>", "t.html:1: ", "inside a comment or declaration"));
}

static void
test_tpl_raw_output(void)
{
	struct vobj *o = view();

	vobj_str(o, "html", "<b>bold</b> & \"q\"");
	EQ(render1("<div>{{{html}}}</div>{{{ html }}}", o),
	    "<div><b>bold</b> & \"q\"</div><b>bold</b> & \"q\"");
	CU_ASSERT(fails("{{{html}}", "t.html:1: ", "{{{ without }}}"));
	CU_ASSERT(fails("{{{a b}}}", "t.html:1: ", "bad name"));
}

static void
test_tpl_view_replace_and_grow(void)
{
	struct vobj *o = view(), *l;
	char key[20][8];
	const struct vval *v;
	int i;

	vobj_str(o, "k", "one");
	vobj_str(o, "k", "two");
	EQ(render1("{{k}}", o), "two");
	vobj_int(o, "k", 3);
	EQ(render1("{{k}}", o), "3");
	l = vobj_push(o, "k");
	vobj_str(l, "x", "a");
	vobj_str(vobj_push(o, "k"), "x", "b");
	EQ(render1("{{#k}}{{x}}{{/k}}", o), "ab");
	vobj_str(o, "k", "str again");
	EQ(render1("{{#k}}[{{k}}]{{/k}}", o), "[str again]");
	/* Same key through another pointer is the same key. */
	snprintf(key[0], sizeof(key[0]), "k");
	vobj_str(o, key[0], "dup");
	EQ(render1("{{k}}", o), "dup");
	for (i = 0; i < 20; i++) {
		snprintf(key[i], sizeof(key[i]), "key%d", i);
		vobj_int(o, key[i], i);
	}
	EQ(render1("{{key0}},{{key9}},{{key19}},{{k}}", o), "0,9,19,dup");
	v = vobj_get(o, "key7", vkey_hash("key7"));
	CU_ASSERT(v != NULL && v->type == VT_INT && v->u.i == 7);
	CU_ASSERT(vobj_get(o, "nokey", vkey_hash("nokey")) == NULL);
	vobj_strf(o, "f", "%s-%04d", "ICLD", 33);
	EQ(render1("{{f}}", o), "ICLD-0033");
}

static void
test_tpl_attribute_toggles(void)
{
	struct vobj *o = view();
	const char *t = "<input type=\"checkbox\" name=\"p\"{{#c}} checked{{/c}}>"
	    "<input{{#c}} checked{{/c}}><option value=\"{{v}}\"{{#c}} selected{{/c}}>{{v}}</option>"
	    "<li class=\"item{{#c}} current{{/c}}\"><a href=\"{{u}}\"{{#c}} aria-current=\"page\"{{/c}}>";

	vobj_str(o, "v", "<x>");
	vobj_str(o, "u", "/a");
	vobj_bool(o, "c", 1);
	EQ(render1(t, o), "<input type=\"checkbox\" name=\"p\" checked><input checked>"
	    "<option value=\"&lt;x&gt;\" selected>&lt;x&gt;</option><li class=\"item current\">"
	    "<a href=\"/a\" aria-current=\"page\">");
	vobj_bool(o, "c", 0);
	EQ(render1(t, o), "<input type=\"checkbox\" name=\"p\"><input>"
	    "<option value=\"&lt;x&gt;\">&lt;x&gt;</option><li class=\"item\"><a href=\"/a\">");
}

static void
test_tpl_markup_variants(void)
{
	struct vobj *o = view();

	vobj_str(o, "v", "<&>");
	EQ(render1("<br/>{{v}}<img src=\"/i.png\" alt=\"{{v}}\"/><p\n\tclass=\"c\"\n>{{v}}</p\n>", o),
	    "<br/>&lt;&amp;&gt;<img src=\"/i.png\" alt=\"&lt;&amp;&gt;\"/><p\n\tclass=\"c\"\n>"
	    "&lt;&amp;&gt;</p\n>");
	EQ(render1("<SCRIPT src=\"/a.js\">var a = 1;</ScRiPt >{{v}}<style>p>a{}</style>{{v}}", o),
	    "<SCRIPT src=\"/a.js\">var a = 1;</ScRiPt >&lt;&amp;&gt;<style>p>a{}</style>&lt;&amp;&gt;");
	EQ(render1("a < b {{v}} <> < 3 <?xml x?>{{v}}", o), "a < b &lt;&amp;&gt; <> < 3 <?xml x?>&lt;&amp;&gt;");
	EQ(render1("<a title='it\"s {{v}}'>", o), "<a title='it\"s &lt;&amp;&gt;'>");
}

static void
test_tpl_err_unbalanced_section(void)
{
	CU_ASSERT(fails("<p>\n{{#rows}}\n<li>x</li>\n", "t.html:2: ", "{{#rows}} is never closed"));
	CU_ASSERT(fails("<p>\n\n{{/rows}}", "t.html:3: ", "closes no section"));
	CU_ASSERT(fails("{{#a}}\n{{#b}}\n{{/a}}{{/b}}", "t.html:3: ",
	    "{{/a}} does not close {{#b}} (line 2)"));
	CU_ASSERT(fails("{{^a}}x{{/b}}", "t.html:1: ", "does not close"));
	CU_ASSERT(fails("{{#a b}}{{/a b}}", "t.html:1: ", "bad section name"));
}

static void
test_tpl_err_substitution_in_script(void)
{
	CU_ASSERT(fails("<html>\n<body>\n<script>var x = \"{{v}}\";</script>", "t.html:3: ",
	    "{{v}} inside <script>"));
	CU_ASSERT(fails("<style>\np { color: {{v}} }</style>", "t.html:2: ", "inside <style>"));
	CU_ASSERT(fails("<noscript>{{v}}</noscript>", "t.html:1: ", "inside <noscript>"));
	CU_ASSERT(fails("<script>if (a < b) x();</script>", "t.html:1: ", "must start its end tag"));
	CU_ASSERT(fails("<title>a <b>c</b></title>", "t.html:1: ", "must start its end tag"));
	CU_ASSERT(fails("<script></scriptx>{{v}}", "t.html:1: ", "must start its end tag"));
	CU_ASSERT(fails("<plaintext>", "t.html:1: ", "not supported"));
	CU_ASSERT(fails("<svg><![CDATA[x]]></svg>", "t.html:1: ", "CDATA"));
}

static void
test_tpl_err_unquoted_attribute(void)
{
	CU_ASSERT(fails("<p>\n<a title={{v}}>", "t.html:2: ", "in an unquoted attribute value"));
	CU_ASSERT(fails("<a title=x{{v}}>", "t.html:1: ", "in an unquoted attribute value"));
	CU_ASSERT(fails("<a href={{v}}>", "t.html:1: ", "unquoted"));
}

static void
test_tpl_err_in_tag(void)
{
	CU_ASSERT(fails("<a {{v}}>", "t.html:1: ", "{{v}} inside a tag"));
	CU_ASSERT(fails("<{{v}}>", "t.html:1: ", "inside a tag"));
	CU_ASSERT(fails("<a ti{{v}}=\"\">", "t.html:1: ", "inside a tag"));
	CU_ASSERT(fails("<a title=\"x\"{{v}}>", "t.html:1: ", "inside a tag"));
	CU_ASSERT(fails("</{{v}}>", "t.html:1: ", "inside a tag"));
	CU_ASSERT(fails("<p>{{>_x}}", "t.html:1: ", "no _x.html"));
	CU_ASSERT(fails("<a title=\"{{>_x}}\">", "t.html:1: ", "partials may stand only in text"));
}

static void
test_tpl_err_code_attributes(void)
{
	CU_ASSERT(fails("<a onclick=\"go('{{v}}')\">", "t.html:1: ", "script, style"));
	CU_ASSERT(fails("<body ONLOAD='{{v}}'>", "t.html:1: ", "script, style"));
	CU_ASSERT(fails("<p style=\"width: {{v}}%\">", "t.html:1: ", "script, style"));
	CU_ASSERT(fails("<iframe srcdoc=\"{{v}}\">", "t.html:1: ", "script, style"));
	CU_ASSERT(fails("<img srcset=\"{{v}}\">", "t.html:1: ", "script, style"));
	CU_ASSERT(fails("<svg><a><animate attributeName=\"href\" to=\"{{v}}\"/></a></svg>",
	    "t.html:1: ", "animation attribute"));
	/* Whole names count: data-on and data-href are plain; any on* name is refused. */
	EQ(with("<p data-on=\"{{v}}\" data-href=\"{{v}}\">", "javascript:"),
	    "<p data-on=\"javascript:\" data-href=\"javascript:\">");
	CU_ASSERT(fails("<p onward=\"{{v}}\">", "t.html:1: ", "script, style"));
}

static void
test_tpl_err_unknown_partial(void)
{
	struct tplset *t;

	CU_ASSERT_EQUAL(loadv(&t, "page", "<p>\n\n{{> _nosuch }}\n", "_f", "", NULL), KERR_INVALID);
	CU_ASSERT_PTR_NULL(t);
	CU_ASSERT_STRING_EQUAL(err, "page.html:3: {{>_nosuch}}: there is no _nosuch.html");
}

static void
test_tpl_err_partial_cycle(void)
{
	struct tplset *t;

	CU_ASSERT_EQUAL(loadv(&t, "a", "{{>b}}", "b", "x\n{{#c}}{{>a}}{{/c}}", NULL), KERR_INVALID);
	CU_ASSERT(strstr(err, ".html:") != NULL && strstr(err, "include itself") != NULL);
	CU_ASSERT_EQUAL(loadv(&t, "a", "\n{{>a}}", NULL), KERR_INVALID);
	CU_ASSERT_STRING_EQUAL(err, "a.html:2: {{>a}} makes a include itself");
}

static void
test_tpl_err_unterminated(void)
{
	CU_ASSERT(fails("<p>\n<a href=\"x\"\n", "t.html:2: ", "unterminated: the template ends inside a tag"));
	CU_ASSERT(fails("<p>\n<a title=\"x>\n", "t.html:2: ", "unterminated"));
	CU_ASSERT(fails("x\n<!-- note\n", "t.html:2: ", "inside a comment"));
	CU_ASSERT(fails("<script>\nx\n", "t.html:1: ", "ends inside <script>"));
	CU_ASSERT(fails("x\n{{v", "t.html:2: ", "{{ without }}"));
}

static void
test_tpl_err_unknown_syntax(void)
{
	CU_ASSERT(fails("\n{{&v}}", "t.html:2: ", "unknown tag {{&v}}"));
	CU_ASSERT(fails("{{=<% %>=}}", "t.html:1: ", "unknown tag"));
	CU_ASSERT(fails("{{ }}", "t.html:1: ", "empty"));
	CU_ASSERT(fails("{{a.b}}", "t.html:1: ", "bad name"));
	CU_ASSERT(fails("{{1x}}", "t.html:1: ", "unknown tag"));
	CU_ASSERT(fails("{{>a b}}", "t.html:1: ", "bad partial name"));
}

static void
test_tpl_err_context_depends_on_section(void)
{
	/* If the section is skipped, y would be the whole URL: refuse to guess. */
	CU_ASSERT(fails("<a href=\"{{^x}}/a/{{/x}}{{y}}\">", "t.html:1: ",
	    "{{y}}: its HTML context depends on whether a section above it is rendered"));
	/* If the section is skipped, y would land in a tag. */
	CU_ASSERT(fails("<p>\n<a {{#x}}title=\"{{/x}}{{y}}\">", "t.html:2: ", "another context"));
	CU_ASSERT(fails("{{#x}}<a title={{/x}}{{y}}>", "t.html:1: ", "in an unquoted"));
	CU_ASSERT(fails("{{#x}}<p title=\"{{/x}}{{>p}}", "t.html:1: ", "another context"));
	CU_ASSERT(fails("{{^x}}<p title=\"{{/x}}{{>p}}", "t.html:1: ", "partials may stand only in text"));
}

static void
test_tpl_err_nesting_limit(void)
{
	char t[600];
	int i;

	t[0] = '\0';
	for (i = 0; i < 17; i++)
		strcat(t, "{{#a}}");
	for (i = 0; i < 17; i++)
		strcat(t, "{{/a}}");
	CU_ASSERT(fails(t, "t.html:1: ", "nested more than"));
}

/*
 * The layout's values live in their own scope: a page's value of the same meaning (the letter's
 * addressee beside the signed-in person's organisation) never stands for one, at the root or in
 * a section, and the layout's is read only as {{@name}}.
 */
static void
test_tpl_layout_scope(void)
{
	struct vobj *page = view(), *layout = view(), *row;
	struct tplset *t;
	struct buf b;

	CU_ASSERT_EQUAL_FATAL(loadv(&t, "t", "<p title=\"{{@who_org}}\">{{#@signed}}{{@who_org}}"
	    "{{/@signed}}|{{org}}|{{#rows}}{{@who_org}}{{/rows}}{{^@absent_ok}}{{/@absent_ok}}</p>",
	    NULL), KERR_INVALID);
	CU_ASSERT(strstr(err, "{{^@absent_ok}}: absent_ok is none of the layout's names") != NULL);
	CU_ASSERT_EQUAL_FATAL(loadv(&t, "t", "<p title=\"{{@who_org}}\">{{#@signed}}{{@who_org}}"
	    "{{/@signed}}|{{org}}|{{#rows}}{{@who_org}}{{/rows}}</p>", NULL), KERR_OK);
	vobj_str(layout, "who_org", "ICLD");
	vobj_bool(layout, "signed", 1);
	/* The page sets the same names, at its root and in a row: none reaches the layout's. */
	vobj_str(page, "who_org", "Växjö kommun");
	vobj_bool(page, "signed", 0);
	vobj_str(page, "org", "Växjö kommun");
	row = vobj_push(page, "rows");
	vobj_str(row, "who_org", "Borlänge kommun");
	buf_init(&b, A, 0);
	CU_ASSERT_EQUAL(tpl_render(t, 0, 0, page, layout, &b), KERR_OK);
	EQ(b.data, "<p title=\"ICLD\">ICLD|Växjö kommun|ICLD</p>");
	/* Without a layout, the layout's values are absent, whatever the page holds. */
	buf_init(&b, A, 0);
	CU_ASSERT_EQUAL(tpl_render(t, 0, 0, page, NULL, &b), KERR_OK);
	EQ(b.data, "<p title=\"\">|Växjö kommun|</p>");
	tplset_free(t);

	/* A layout's name without "@" would read the page's value: refused at load, saying how. */
	CU_ASSERT(fails("<p>{{who_org}}</p>", "t.html:1: ",
	    "{{who_org}}: who_org is the layout's: write {{@who_org}}"));
	CU_ASSERT(fails("{{#signed}}x{{/signed}}", "t.html:1: ", "write {{#@signed}}"));
	CU_ASSERT(fails("{{@nobody}}", "t.html:1: ", "nobody is none of the layout's names"));
	CU_ASSERT(fails("{{#@signed}}x{{/signed}}", "t.html:1: ", "does not close {{#@signed}}"));
	CU_ASSERT(fails("{{@}}", "t.html:1: ", "bad name"));
	CU_ASSERT(fails("{{@@signed}}", "t.html:1: ", "bad name"));
}

static void
test_tpl_render_depth_guard(void)
{
	struct tplsrc src[70];
	char names[70][8], texts[70][16];
	struct tplset *t;
	struct buf b;
	unsigned i;

	for (i = 0; i < 70; i++) {
		snprintf(names[i], sizeof(names[i]), "p%02u", i);
		if (i < 69)
			snprintf(texts[i], sizeof(texts[i]), "-{{>p%02u}}", i + 1);
		else
			snprintf(texts[i], sizeof(texts[i]), "end");
		src[i].name = names[i];
		src[i].text = texts[i];
		src[i].len = strlen(texts[i]);
	}
	CU_ASSERT_EQUAL_FATAL(tplset_load_mem(src, 70, 1, NULL, NULL, NULL, &t, err, sizeof(err)),
	    KERR_OK);
	buf_init(&b, A, 0);
	CU_ASSERT_EQUAL(tpl_render(t, tplset_find(t, "p00"), 0, NULL, NULL, &b), KERR_INVALID);
	buf_init(&b, A, 0);
	CU_ASSERT_EQUAL(tpl_render(t, tplset_find(t, "p20"), 0, NULL, NULL, &b), KERR_OK);
	CU_ASSERT_EQUAL(b.len, 49 + 3);
	tplset_free(t);
}

static void
test_tpl_render_bad_args(void)
{
	struct tplset *t;
	struct buf b;

	CU_ASSERT_EQUAL_FATAL(loadv(&t, "a", "x", "b", "y", NULL), KERR_OK);
	buf_init(&b, A, 0);
	CU_ASSERT_EQUAL(tpl_render(t, -1, 0, NULL, NULL, &b), KERR_INVALID);
	CU_ASSERT_EQUAL(tpl_render(t, 2, 0, NULL, NULL, &b), KERR_INVALID);
	CU_ASSERT_EQUAL(tpl_render(t, 0, 2, NULL, NULL, &b), KERR_INVALID);
	CU_ASSERT_EQUAL(tpl_render(NULL, 0, 0, NULL, NULL, &b), KERR_INVALID);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_EQUAL(tpl_render(t, 1, 1, NULL, NULL, &b), KERR_OK);
	EQ(b.data, "y");
	tplset_free(t);
	tplset_free(NULL);
}

static void
test_tpl_find(void)
{
	struct tplset *t;

	CU_ASSERT_EQUAL_FATAL(loadv(&t, "zeta", "z", "_header", "h", "alpha", "a", NULL), KERR_OK);
	CU_ASSERT(tplset_find(t, "alpha") >= 0);
	CU_ASSERT(tplset_find(t, "zeta") >= 0);
	CU_ASSERT(tplset_find(t, "_header") >= 0);
	CU_ASSERT_EQUAL(tplset_find(t, "beta"), -1);
	CU_ASSERT_EQUAL(tplset_find(t, ""), -1);
	CU_ASSERT_EQUAL(tplset_find(NULL, "alpha"), -1);
	EQ(render(t, "zeta", 0, NULL), "z");
	tplset_free(t);
	CU_ASSERT_EQUAL(loadv(&t, "a", "x", "a", "y", NULL), KERR_INVALID);
	CU_ASSERT(strstr(err, "a second template") != NULL);
}

static void
test_tpl_load_nlang_zero(void)
{
	struct tplsrc s = { "t", "x", 1 };
	struct tplset *t;

	CU_ASSERT_EQUAL(tplset_load_mem(&s, 1, 0, NULL, NULL, NULL, &t, err, sizeof(err)), KERR_INVALID);
	CU_ASSERT_PTR_NULL(t);
}

/* Makes a temporary directory holding the given name, text, ..., NULL files. */
static char *
tmpdir_with(const char *name, ...)
{
	static char dir[64];
	char path[256];
	va_list ap;
	FILE *f;

	snprintf(dir, sizeof(dir), "/tmp/test_tpl.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return NULL;
	va_start(ap, name);
	for (; name != NULL; name = va_arg(ap, const char *)) {
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if ((f = fopen(path, "w")) == NULL)
			break;
		fputs(va_arg(ap, const char *), f);
		fclose(f);
	}
	va_end(ap);
	return dir;
}

static void
rm_dir(const char *dir, ...)
{
	char path[256];
	const char *name;
	va_list ap;

	va_start(ap, dir);
	while ((name = va_arg(ap, const char *)) != NULL) {
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		unlink(path);
	}
	va_end(ap);
	rmdir(dir);
}

static void
test_tpl_load_dir(void)
{
	struct tplset *t;
	struct vobj *o = view();
	char *dir, want[256];
	unsigned n = 0;

	dir = tmpdir_with("page.html", "{{>_header}}<p>{{v}}</p>", "_header.html", "<h1>{{_ Save}}</h1>",
	    "README", "not a template {{", ".hidden.html", "{{", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	CU_ASSERT_EQUAL_FATAL(tplset_load(dir, 2, translate, &n, NULL, &t, err, sizeof(err)), KERR_OK);
	vobj_str(o, "v", "Växjö");
	EQ(render(t, "page", 1, o), "<h1>Spara</h1><p>Växjö</p>");
	CU_ASSERT_EQUAL(tplset_find(t, "README"), -1);
	CU_ASSERT_EQUAL(tplset_find(t, ".hidden"), -1);
	tplset_free(t);
	rm_dir(dir, "page.html", "_header.html", "README", ".hidden.html", NULL);

	dir = tmpdir_with("ok.html", "fine", "bad.html", "<p>\n<script>{{x}}</script>", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	CU_ASSERT_EQUAL(tplset_load(dir, 1, NULL, NULL, NULL, &t, err, sizeof(err)), KERR_INVALID);
	CU_ASSERT_PTR_NULL(t);
	snprintf(want, sizeof(want), "%s/bad.html:2: {{x}} inside <script>", dir);
	CU_ASSERT(strncmp(err, want, strlen(want)) == 0);
	rm_dir(dir, "ok.html", "bad.html", NULL);

	CU_ASSERT_EQUAL(tplset_load("/nonexistent/kpp", 1, NULL, NULL, NULL, &t, err, sizeof(err)),
	    KERR_SYSTEM);
	CU_ASSERT(strstr(err, "/nonexistent/kpp") != NULL);
}

/* Runs the raw check of set t against an allow-list holding list; returns its result and report. */
static int
raw_check(const struct tplset *t, const char *list, char *report, size_t len)
{
	char path[] = "/tmp/test_tpl_allow.XXXXXX";
	FILE *f, *rep;
	size_t n;
	int fd, r;

	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL)
		return -99;
	fputs(list, f);
	fclose(f);
	rep = tmpfile();
	r = tplset_raw_check(t, path, rep);
	rewind(rep);
	n = fread(report, 1, len - 1, rep);
	report[n] = '\0';
	fclose(rep);
	unlink(path);
	return r;
}

static void
test_tpl_raw_check(void)
{
	struct tplset *t;
	char rep[1024];
	FILE *r;

	CU_ASSERT_EQUAL_FATAL(loadv(&t, "a", "x\n{{{svg}}}{{#l}}\n{{{cell}}}{{/l}}",
	    "b", "{{{svg}}}", "c", "{{v}}", NULL), KERR_OK);
	CU_ASSERT_EQUAL(raw_check(t, "# nothing may be raw yet\n\n", rep, sizeof(rep)), 3);
	CU_ASSERT(strstr(rep, "a.html:2: {{{svg}}} is not in") != NULL);
	CU_ASSERT(strstr(rep, "a.html:3: {{{cell}}} is not in") != NULL);
	CU_ASSERT(strstr(rep, "b.html:1: {{{svg}}} is not in") != NULL);
	CU_ASSERT_EQUAL(raw_check(t, "# charts are SVG built by stats.c\na svg\n  a\tcell  # why\n",
	    rep, sizeof(rep)), 1);
	CU_ASSERT(strstr(rep, "b.html:1: {{{svg}}}") != NULL && strstr(rep, "a.html") == NULL);
	CU_ASSERT_EQUAL(raw_check(t, "a svg\na cell\nb svg\n", rep, sizeof(rep)), 0);
	EQ(rep, "");
	CU_ASSERT_EQUAL(raw_check(t, "a svg extra\n", rep, sizeof(rep)), -1);
	CU_ASSERT(strstr(rep, ":1: expected") != NULL);
	r = tmpfile();
	CU_ASSERT_EQUAL(tplset_raw_check(t, "/nonexistent/raw-allowlist", r), -1);
	fclose(r);
	tplset_free(t);
}

static const struct unit_test tests[] = {
	{ "test_tpl_text_only", test_tpl_text_only },
	{ "test_tpl_substitution_types", test_tpl_substitution_types },
	{ "test_tpl_escape_text", test_tpl_escape_text },
	{ "test_tpl_escape_paths_agree", test_tpl_escape_paths_agree },
	{ "test_tpl_escape_attribute_quotes", test_tpl_escape_attribute_quotes },
	{ "test_tpl_escape_textarea_title", test_tpl_escape_textarea_title },
	{ "test_tpl_url_unsafe_is_hash", test_tpl_url_unsafe_is_hash },
	{ "test_tpl_url_safe_kept", test_tpl_url_safe_kept },
	{ "test_tpl_url_path_is_redirects_check", test_tpl_url_path_is_redirects_check },
	{ "test_tpl_url_component_percent_encoded", test_tpl_url_component_percent_encoded },
	{ "test_tpl_utf8_passthrough", test_tpl_utf8_passthrough },
	{ "test_tpl_section_list", test_tpl_section_list },
	{ "test_tpl_section_object", test_tpl_section_object },
	{ "test_tpl_section_truthiness", test_tpl_section_truthiness },
	{ "test_tpl_scope_lookup", test_tpl_scope_lookup },
	{ "test_tpl_nested_lists", test_tpl_nested_lists },
	{ "test_tpl_partial", test_tpl_partial },
	{ "test_tpl_translation_per_language", test_tpl_translation_per_language },
	{ "test_tpl_comment", test_tpl_comment },
	{ "test_tpl_raw_output", test_tpl_raw_output },
	{ "test_tpl_view_replace_and_grow", test_tpl_view_replace_and_grow },
	{ "test_tpl_attribute_toggles", test_tpl_attribute_toggles },
	{ "test_tpl_markup_variants", test_tpl_markup_variants },
	{ "test_tpl_err_unbalanced_section", test_tpl_err_unbalanced_section },
	{ "test_tpl_err_substitution_in_script", test_tpl_err_substitution_in_script },
	{ "test_tpl_err_unquoted_attribute", test_tpl_err_unquoted_attribute },
	{ "test_tpl_err_in_tag", test_tpl_err_in_tag },
	{ "test_tpl_err_code_attributes", test_tpl_err_code_attributes },
	{ "test_tpl_err_unknown_partial", test_tpl_err_unknown_partial },
	{ "test_tpl_err_partial_cycle", test_tpl_err_partial_cycle },
	{ "test_tpl_err_unterminated", test_tpl_err_unterminated },
	{ "test_tpl_err_unknown_syntax", test_tpl_err_unknown_syntax },
	{ "test_tpl_err_context_depends_on_section", test_tpl_err_context_depends_on_section },
	{ "test_tpl_err_nesting_limit", test_tpl_err_nesting_limit },
	{ "test_tpl_layout_scope", test_tpl_layout_scope },
	{ "test_tpl_render_depth_guard", test_tpl_render_depth_guard },
	{ "test_tpl_render_bad_args", test_tpl_render_bad_args },
	{ "test_tpl_find", test_tpl_find },
	{ "test_tpl_load_nlang_zero", test_tpl_load_nlang_zero },
	{ "test_tpl_load_dir", test_tpl_load_dir },
	{ "test_tpl_raw_check", test_tpl_raw_check },
	{ "test_tpl_text_mode", test_tpl_text_mode },
	{ NULL, NULL }
};

int
main(void)
{
	int r;

	if ((A = arena_new(1 << 16)) == NULL)
		return 2;
	r = unit_run("tpl", tests);
	arena_free(A);
	return r;
}
