/* fuzz_tpl.c - libFuzzer target: compiles the input as a template, renders it, checks the escaping. */
/* fuzz-sources: fcgi-app/views/tpl.c fcgi-app/core/str.c fcgi-app/http/localpath.c fcgi-app/views/view.c fcgi-app/core/arena.c fcgi-app/core/buf.c */
/* Built and run by tests/fuzz/run.sh (FUZZ_SECONDS=300 tests/fuzz/run.sh tpl for a longer run). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "views/tpl.h"
#include "views/view.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Every value and translation carries these; only raw output may let them through. */
#define MARK_TAG	"<xss>"
#define MARK_DQ		"\"onxss="
#define MARK_SQ		"'onxss="

static const char *
translate(unsigned lang, const char *msgid, void *arg)
{
	return lang == 1 ? "Sv " MARK_TAG MARK_DQ MARK_SQ : msgid;
}

static void
fill(struct vobj *o, int depth)
{
	struct vobj *r;
	int i;

	vobj_str(o, "s", MARK_TAG MARK_DQ MARK_SQ " åäö");
	vobj_str(o, "u", "javascript:alert(1)" MARK_TAG);
	vobj_str(o, "p", "/applications/1?a=b&c=" MARK_DQ);
	vobj_str(o, "e", "");
	vobj_str(o, "null", NULL);
	vobj_int(o, "n", -12345);
	vobj_int(o, "z", 0);
	vobj_bool(o, "t", 1);
	vobj_bool(o, "f", 0);
	if (depth == 0)
		return;
	fill(vobj_obj(o, "obj"), depth - 1);
	vobj_push(o, "empty");
	vobj_obj(o, "none");
	for (i = 0; i < 3; i++) {
		r = vobj_push(o, "rows");
		fill(r, depth - 1);
		vobj_int(r, "i", i);
	}
}

/* Whether s (n bytes, maybe with NULs) holds w, ignoring ASCII case when nocase. */
static int
has(const char *s, size_t n, const char *w, int nocase)
{
	size_t i, j, l = strlen(w);
	int m = nocase ? 0x20 : 0;

	for (i = 0; i + l <= n; i++) {
		for (j = 0; j < l; j++)
			if ((s[i + j] | m) != (w[j] | m))
				break;
		if (j == l)
			return 1;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char part[] = "<b title=\"{{s}}\">{{#rows}}{{s}}{{/rows}}</b>";
	/* The layout's scope ({{@lay}}, {{#@lays}}) holds the same markers. */
	static const char *const layout_names[] = { "lay", "lays", NULL };
	struct tplsrc src[2];
	struct tplset *t;
	struct arena *a;
	struct vobj *root, *layout;
	struct buf out;
	char err[256];
	unsigned lang;
	int idx, checked;

	src[0].name = "t";
	src[0].text = (const char *)data;
	src[0].len = size;
	src[1].name = "_p";
	src[1].text = part;
	src[1].len = sizeof(part) - 1;
	if (tplset_load_mem(src, 2, 2, translate, NULL, layout_names, &t, err, sizeof(err)) != KERR_OK) {
		/* Every refusal must name the file and line. */
		if (strncmp(err, "t.html:", 7) != 0 && strncmp(err, "_p.html:", 8) != 0)
			abort();
		return 0;
	}
	/* Text the template wrote itself may hold the markers; only then are they no sign of a bug. */
	checked = !has((const char *)data, size, "xss", 1) &&
	    !has((const char *)data, size, "{{{", 0);
	if ((a = arena_new(64 * 1024)) == NULL)
		abort();
	root = vobj_new(a);
	fill(root, 2);
	layout = vobj_new(a);
	vobj_str(layout, "lay", MARK_TAG MARK_DQ MARK_SQ);
	fill(vobj_push(layout, "lays"), 1);
	idx = tplset_find(t, "t");
	for (lang = 0; lang < 2; lang++) {
		buf_init(&out, a, lang == 0 ? 0 : 1 << 16);
		if (tpl_render(t, idx, lang, root, layout, &out) != KERR_OK)
			abort();
		if (out.len != strlen(out.data) && memchr(data, '\0', size) == NULL)
			abort();
		if (checked && (has(out.data, out.len, MARK_TAG, 0) ||
		    has(out.data, out.len, MARK_DQ, 0) || has(out.data, out.len, MARK_SQ, 0))) {
			fprintf(stderr, "unescaped value in output:\n%.*s\n", (int)out.len, out.data);
			abort();
		}
	}
	arena_free(a);
	tplset_free(t);
	return 0;
}
