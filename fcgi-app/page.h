/* page.h - pieces of the admin pages' views: breadcrumbs, and form fields for the shared partials. */
#ifndef KPP_PAGE_H
#define KPP_PAGE_H

struct req;
struct vobj;

/*
 * Whether h can stand for a host in a URL: a name or IPv4 address (letters, digits, dots and
 * hyphens), or an IPv6 address in brackets, then optionally ':' and a port; at most 255 bytes.
 */
int		 page_host_ok(const char *h);

/*
 * The absolute URL of path on this site, as the person's browser reached it (its Host header, and
 * https when the request came over TLS or the configuration says the site is behind TLS), for a
 * link someone passes on; path alone when the Host header is missing or no host. In the arena.
 */
const char	*page_url(struct req *r, const char *path);

/* Adds a breadcrumb after "Start" (the layout's _head.html). href and text must outlive the request. */
void		 page_crumb(struct req *r, const char *href, const char *text);

/*
 * The version a form sent back (a whole number from 1 up, as the version columns hold), or 0 when
 * s is none: the handler then answers 400.
 */
unsigned	 page_version(const char *s);

/* The index of s in the NULL-terminated list of allowed values, or -1 (also for NULL s). */
int		 page_index(const char *const *list, const char *s);

/* Whether s is a token auth_token_new() made (64 lowercase hex digits): a form's one-time token. */
int		 page_token_ok(const char *s);

/*
 * Sets key of parent to a text field for _app_field.html: id (also the name), label, hint and error
 * (either may be NULL), value as shown (NULL shows empty). Every key the partial reads is set, so
 * that none shows a value of an outer scope. Returns the field, for its other keys (type, width,
 * autocomplete, lang, maxlength). All strings must outlive the request.
 */
struct vobj	*page_input(struct req *r, struct vobj *parent, const char *key,
		    const char *id, const char *label, const char *hint,
		    const char *value, const char *error);

/*
 * Sets key of parent to a select for _app_select.html, with none (the words of the empty first
 * option, or NULL for no empty option); add its options with page_option().
 */
struct vobj	*page_select(struct req *r, struct vobj *parent, const char *key,
		    const char *id, const char *label, const char *hint,
		    const char *none, const char *error);
void		 page_option(struct vobj *select, const char *value, const char *label,
		    int selected);

/*
 * Sets key of parent to a fieldset of radio buttons or checkboxes (kind "radio" or "checkbox") for
 * _app_choices.html, all sent as name; add them with page_choice(). The first choice's id should be
 * id, which error summaries link to.
 */
struct vobj	*page_choices(struct req *r, struct vobj *parent, const char *key,
		    const char *kind, const char *id, const char *name,
		    const char *legend, const char *hint, const char *error);
void		 page_choice(struct req *r, struct vobj *choices, const char *id,
		    const char *value, const char *label, const char *hint, int checked);

#endif
