/* page.c - breadcrumbs and form fields of the admin pages, as the shared partials read them. */
#include <string.h>

#include "app.h"
#include "arena.h"
#include "page.h"
#include "req.h"
#include "valid.h"
#include "view.h"

int
page_host_ok(const char *h)
{
	size_t n;

	if (h == NULL || *h == '\0' || strlen(h) > 255)
		return 0;
	if (*h == '[') {
		n = 1 + strspn(h + 1, "0123456789abcdefABCDEF:.");
		if (n == 1 || h[n] != ']')
			return 0;
		n++;
	} else if ((n = strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789.-")) == 0 || h[0] == '.' || h[0] == '-')
		return 0;
	if (h[n] == '\0')
		return 1;
	return h[n] == ':' && h[n + 1] != '\0' &&
	    strspn(h + n + 1, "0123456789") == strlen(h + n + 1) &&
	    strlen(h + n + 1) <= 5;
}

const char *
page_url(struct req *r, const char *path)
{
	if (!page_host_ok(r->host))
		return path;
	return arena_printf(r->a, "%s://%s%s", r->https || app.conf.secure_cookies ?
	    "https" : "http", r->host, path);
}

void
page_crumb(struct req *r, const char *href, const char *text)
{
	struct vobj *c = vobj_push(r->view, "crumbs");

	vobj_bool(r->view, "breadcrumbs", 1);
	vobj_str(c, "href", href);
	vobj_str(c, "text", text);
}

unsigned
page_version(const char *s)
{
	long long v;

	return valid_int_range(s, 1, 4294967295LL, &v) == KERR_OK ?
	    (unsigned)v : 0;
}

int
page_index(const char *const *list, const char *s)
{
	int i;

	for (i = 0; s != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

int
page_token_ok(const char *s)
{
	return s != NULL && strlen(s) == 64 &&
	    strspn(s, "0123456789abcdef") == 64;
}

/* The ids of the hint and the error a control is described by, or NULL. */
static const char *
described(struct req *r, const char *id, const char *hint_suffix,
    const char *hint, const char *error)
{
	if (hint != NULL && error != NULL)
		return arena_printf(r->a, "%s%s %s-error", id, hint_suffix, id);
	if (hint != NULL)
		return arena_printf(r->a, "%s%s", id, hint_suffix);
	if (error != NULL)
		return arena_printf(r->a, "%s-error", id);
	return NULL;
}

struct vobj *
page_input(struct req *r, struct vobj *parent, const char *key, const char *id,
    const char *label, const char *hint, const char *value, const char *error)
{
	struct vobj *o = vobj_obj(parent, key);

	vobj_str(o, "id", id);
	vobj_str(o, "name", id);
	vobj_str(o, "label", label);
	vobj_str(o, "hint", hint);
	vobj_str(o, "error", error);
	vobj_str(o, "value", value != NULL ? value : "");
	vobj_str(o, "describedby", described(r, id, "-hint", hint, error));
	vobj_bool(o, "textarea", 0);
	vobj_int(o, "rows", 0);
	vobj_str(o, "type", "text");
	vobj_str(o, "width", "");
	vobj_str(o, "lang", NULL);
	vobj_str(o, "autocomplete", NULL);
	vobj_bool(o, "numeric", 0);
	vobj_str(o, "maxlength", NULL);
	vobj_bool(o, "visually_hidden_label", 0);
	return o;
}

struct vobj *
page_select(struct req *r, struct vobj *parent, const char *key, const char *id,
    const char *label, const char *hint, const char *none, const char *error)
{
	struct vobj *o = vobj_obj(parent, key);

	vobj_str(o, "id", id);
	vobj_str(o, "label", label);
	vobj_str(o, "hint", hint);
	vobj_str(o, "error", error);
	vobj_str(o, "describedby", described(r, id, "-hint", hint, error));
	vobj_str(o, "none", none);
	vobj_bool(o, "visually_hidden_label", 0);
	vobj_bool(o, "opts", 0);
	vobj_bool(o, "groups", 0);
	return o;
}

void
page_option(struct vobj *select, const char *value, const char *label,
    int selected)
{
	struct vobj *o = vobj_push(select, "opts");

	vobj_str(o, "value", value);
	vobj_str(o, "label", label);
	vobj_bool(o, "selected", selected);
}

struct vobj *
page_choices(struct req *r, struct vobj *parent, const char *key,
    const char *kind, const char *id, const char *name, const char *legend,
    const char *hint, const char *error)
{
	struct vobj *o = vobj_obj(parent, key);

	vobj_str(o, "key", id);
	vobj_str(o, "kind", kind);
	vobj_str(o, "name", name);
	vobj_str(o, "legend", legend);
	vobj_str(o, "hint", hint);
	vobj_str(o, "error", error);
	vobj_str(o, "describedby", described(r, id, "-legend-hint", hint, error));
	vobj_bool(o, "items", 0);
	return o;
}

void
page_choice(struct req *r, struct vobj *choices, const char *id,
    const char *value, const char *label, const char *hint, int checked)
{
	struct vobj *o = vobj_push(choices, "items");

	vobj_str(o, "id", id);
	vobj_str(o, "value", value);
	vobj_str(o, "label", label);
	vobj_str(o, "item_hint", hint);
	vobj_bool(o, "checked", checked);
}
