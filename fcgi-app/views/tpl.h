/* tpl.h - the HTML template engine: compiled once at start-up, escaped by construction. */
#ifndef KPP_TPL_H
#define KPP_TPL_H

#include <stddef.h>
#include <stdio.h>

#include "core/kerr.h"

struct buf;
struct vobj;

/*
 * A set of compiled templates, read-only once loaded: many requests (and
 * threads) may render from one set at the same time.
 *
 * Syntax (logic-less, mustache-like):
 *   {{name}}            value, escaped for where it stands (see below)
 *   {{#name}}..{{/name}} section: once per list item (item is the new scope),
 *                       once inside an object, once for true / non-empty /
 *                       non-zero; skipped for absent, false, empty, 0
 *   {{^name}}..{{/name}} inverted: rendered when the section would be skipped
 *   {{>name}}           includes template name (in text only, not in a tag)
 *   {{_ Some text}}     translated at load, HTML-escaped
 *   {{{name}}}          raw, verbatim: only where templates/raw-allowlist says
 *   {{! comment}}       nothing
 *   {{@name}}, {{#@name}}..{{/@name}}, {{^@name}}..{{/@name}}
 *                       the layout's value (tpl_render()'s layout scope)
 * Names are looked up from the innermost scope out to the root; a name
 * with "@" only in the layout's scope, which no other lookup searches.
 * The layout's names are declared at load: "@" with any other name, and
 * one of them without "@", are load errors, so that a page's value can
 * never stand for the layout's, nor the layout's for a page's.
 * Substitutions may stand in text, in <title>/<textarea>, and in quoted
 * attribute values: HTML-escaped; a URL attribute (href, src, action...)
 * that starts with one gets a safe URL or "#"; later in a URL attribute
 * it is percent-encoded. Anywhere else (a tag, an unquoted value, <script>,
 * <style>, a comment, on*, style, srcset and SVG animation attributes) is a
 * load error, as is a substitution whose context depends on whether a
 * section before it renders, and a template that ends inside a tag.
 */
struct tplset;

/*
 * Looks up the translation of msgid in language lang (0..nlang-1). Returns
 * it, or msgid itself when there is none; the string need only stay valid
 * until the next call (the loader copies it, HTML-escaped).
 */
typedef const char *(*tpl_translate_fn)(unsigned lang, const char *msgid, void *arg);

/*
 * Loads every *.html file in dir (the template's name is the file name
 * without ".html") and compiles it for nlang (at least 1) languages,
 * calling translate for each language and each {{_ ...}} string, so that
 * rendering needs no lookups. layout lists the layout's names (NULL-
 * terminated; NULL for none), read only during the call. On success stores the set in *out (free it
 * with tplset_free()) and returns KERR_OK. Returns KERR_INVALID with
 * "file:line: why" in err for a template that breaks a rule, KERR_SYSTEM
 * with the failing call in err when dir or a file cannot be read.
 */
enum kerr	 tplset_load(const char *dir, unsigned nlang, tpl_translate_fn translate,
		    void *arg, const char *const *layout, struct tplset **out,
		    char *err, size_t errlen);

/* One template given in memory: name (no ".html") and its text. */
struct tplsrc {
	const char	*name;
	const char	*text;
	size_t		 len;
};

/*
 * As tplset_load() but from n templates in memory (for tests and the
 * fuzzer); the sources need not outlive the call. Names must be distinct;
 * messages name "name.html".
 */
enum kerr	 tplset_load_mem(const struct tplsrc *src, unsigned n, unsigned nlang,
		    tpl_translate_fn translate, void *arg, const char *const *layout,
		    struct tplset **out, char *err, size_t errlen);

/*
 * As tplset_load() and tplset_load_mem(), for plain text (e-mail): reads
 * dir's *.txt files, and every {{name}} and {{_ text}} stands verbatim:
 * there are no HTML contexts and nothing is escaped ({{{name}}} is a load
 * error, since {{name}} is already verbatim), and no layout. A section tag
 * or comment alone on its line takes that line's end with it, so that it
 * leaves no blank line in the message.
 */
enum kerr	 tplset_load_text(const char *dir, unsigned nlang, tpl_translate_fn translate,
		    void *arg, struct tplset **out, char *err, size_t errlen);
enum kerr	 tplset_load_text_mem(const struct tplsrc *src, unsigned n, unsigned nlang,
		    tpl_translate_fn translate, void *arg, struct tplset **out, char *err,
		    size_t errlen);

/* Frees the set and everything compiled into it; NULL is allowed. */
void		 tplset_free(struct tplset *t);

/* Returns the index of template name, or -1 when the set has none. */
int		 tplset_find(const struct tplset *t, const char *name);

/*
 * Renders template idx in language lang with root as the outermost scope
 * and layout as the scope of {{@name}} (either may be NULL: nothing is
 * found there), appending to out (whose arena holds the output). Returns
 * KERR_OK, or KERR_INVALID for a bad idx or lang, or when sections and
 * partials nest deeper than the renderer allows (out then holds a partial
 * page).
 */
enum kerr	 tpl_render(const struct tplset *t, int idx, unsigned lang,
		    const struct vobj *root, const struct vobj *layout, struct buf *out);

/*
 * Checks every {{{name}}} in the set against the allow-list file at path
 * (lines "template-name name"; blank lines and # comments ignored) and
 * writes "file:line: {{{name}}} is not in path" to report for each one not
 * listed. Returns how many were not listed, or -1 (with the reason written
 * to report) when the allow-list cannot be read or has a malformed line.
 */
int		 tplset_raw_check(const struct tplset *t, const char *path, FILE *report);

#endif
