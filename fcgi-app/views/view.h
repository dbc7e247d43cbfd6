/* view.h - the view model: what a handler hands to a template, built in the request's arena. */
#ifndef KPP_VIEW_H
#define KPP_VIEW_H

#include <stddef.h>

struct arena;

/*
 * An object: keys in the order first set, each holding a string, an
 * integer, a boolean, a child object or a list of objects. Setting a key
 * again replaces its value in place. Keys must be string literals (or
 * other storage that outlives the rendering): they are never copied.
 * Everything is allocated from the arena given to vobj_new() and lives
 * until that arena is reset; nothing is ever freed by hand.
 */
struct vobj;

/* Returns a new empty object in arena a. Aborts on out-of-memory. */
struct vobj	*vobj_new(struct arena *a);

/*
 * Sets key to the string val. val is not copied: it must outlive the
 * rendering (arena or static storage). A NULL val means "absent": the key
 * renders as empty, its sections are skipped, and it hides the same key
 * in outer scopes (a row's missing title does not show the page's title).
 */
void		 vobj_str(struct vobj *o, const char *key, const char *val);

/* Sets key to a string formatted by fmt into the object's arena. */
void		 vobj_strf(struct vobj *o, const char *key, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

/* Sets key to the integer v (rendered in decimal). */
void		 vobj_int(struct vobj *o, const char *key, long long v);

/* Sets key to a boolean, for {{#key}} / {{^key}} sections: nonzero is true. */
void		 vobj_bool(struct vobj *o, const char *key, int v);

/* Sets key to a new empty child object and returns it (owned by the arena). */
struct vobj	*vobj_obj(struct vobj *o, const char *key);

/*
 * Appends a new empty object to the list under key and returns it; the
 * list is created on the first call (replacing any other value the key
 * had). Items render in the order pushed.
 */
struct vobj	*vobj_push(struct vobj *o, const char *key);

/*
 * The renderer's side (tpl.c and tests): reading a view. Handlers build
 * views only with the functions above.
 */
enum vtype {
	VT_ABSENT,	/* set with a NULL string */
	VT_STR,
	VT_INT,
	VT_BOOL,
	VT_OBJ,
	VT_LIST,
	VT__MAX
};

struct vval {
	enum vtype	 type;
	union {
		const char	*s;
		long long	 i;
		int		 b;
		struct vobj	*o;
		struct {
			struct vobj	*head;
			struct vobj	*tail;
			size_t		 n;
		} l;
	} u;
};

/*
 * The hash a key is looked up by. Templates compute it once at load so
 * that a render-time lookup compares integers before strings.
 */
unsigned	 vkey_hash(const char *key);

/*
 * Returns the value of key in o (hash = vkey_hash(key)), or NULL when o
 * has no such key. The value belongs to o's arena.
 */
const struct vval *vobj_get(const struct vobj *o, const char *key, unsigned hash);

/* Returns the list item after item, or NULL after the last. */
const struct vobj *vobj_next(const struct vobj *item);

#endif
