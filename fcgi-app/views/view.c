/* view.c - the view model: small ordered key/value objects in the request's arena. */
#include <stdarg.h>
#include <string.h>

#include "core/arena.h"
#include "views/view.h"

/* Most objects (a table row, a form field) have fewer keys than this. */
#define VOBJ_INITIAL	8

struct ventry {
	const char	*key;
	unsigned	 hash;
	struct vval	 v;
};

struct vobj {
	struct arena	*a;
	struct vobj	*next;		/* next item when this object is in a list */
	struct ventry	*e;
	unsigned	 n;
	unsigned	 cap;
};

unsigned
vkey_hash(const char *key)
{
	const unsigned char *p = (const unsigned char *)key;
	unsigned h = 2166136261u;

	/* FNV-1a: keys are short, so a byte loop is as fast as anything. */
	while (*p != '\0')
		h = (h ^ *p++) * 16777619u;
	return h;
}

struct vobj *
vobj_new(struct arena *a)
{
	struct vobj *o;

	/* One allocation for the object and its first entries. */
	o = arena_alloc(a, sizeof(*o) + VOBJ_INITIAL * sizeof(struct ventry));
	o->a = a;
	o->next = NULL;
	o->e = (struct ventry *)(o + 1);
	o->n = 0;
	o->cap = VOBJ_INITIAL;
	return o;
}

/* Key equality for short keys: inline, as a library strcmp() costs more than the loop. */
static int
key_eq(const char *a, const char *b)
{
	if (a == b)
		return 1;
	while (*a == *b) {
		if (*a == '\0')
			return 1;
		a++;
		b++;
	}
	return 0;
}

/* Returns the entry for key, appending an absent one if there is none. */
static struct vval *
slot(struct vobj *o, const char *key)
{
	struct ventry *e;
	unsigned h, i;

	for (i = 0; i < o->n; i++)
		if (o->e[i].key == key)
			return &o->e[i].v;
	h = vkey_hash(key);
	for (i = 0; i < o->n; i++)
		if (o->e[i].hash == h && key_eq(o->e[i].key, key))
			return &o->e[i].v;
	if (o->n == o->cap) {
		e = arena_alloc(o->a, 2 * o->cap * sizeof(*e));
		memcpy(e, o->e, o->n * sizeof(*e));
		o->e = e;
		o->cap *= 2;
	}
	e = &o->e[o->n++];
	e->key = key;
	e->hash = h;
	e->v.type = VT_ABSENT;
	return &e->v;
}

void
vobj_str(struct vobj *o, const char *key, const char *val)
{
	struct vval *v = slot(o, key);

	if (val == NULL) {
		v->type = VT_ABSENT;
		return;
	}
	v->type = VT_STR;
	v->u.s = val;
}

void
vobj_strf(struct vobj *o, const char *key, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = arena_vprintf(o->a, fmt, ap);
	va_end(ap);
	vobj_str(o, key, s);
}

void
vobj_int(struct vobj *o, const char *key, long long val)
{
	struct vval *v = slot(o, key);

	v->type = VT_INT;
	v->u.i = val;
}

void
vobj_bool(struct vobj *o, const char *key, int val)
{
	struct vval *v = slot(o, key);

	v->type = VT_BOOL;
	v->u.b = val != 0;
}

struct vobj *
vobj_obj(struct vobj *o, const char *key)
{
	struct vobj *c = vobj_new(o->a);
	struct vval *v = slot(o, key);

	v->type = VT_OBJ;
	v->u.o = c;
	return c;
}

struct vobj *
vobj_push(struct vobj *o, const char *key)
{
	struct vobj *c = vobj_new(o->a);
	struct vval *v = slot(o, key);

	if (v->type != VT_LIST) {
		v->type = VT_LIST;
		v->u.l.head = v->u.l.tail = c;
		v->u.l.n = 1;
		return c;
	}
	v->u.l.tail->next = c;
	v->u.l.tail = c;
	v->u.l.n++;
	return c;
}

const struct vval *
vobj_get(const struct vobj *o, const char *key, unsigned hash)
{
	const struct ventry *e, *end;

	for (e = o->e, end = e + o->n; e < end; e++)
		if (e->hash == hash && key_eq(e->key, key))
			return &e->v;
	return NULL;
}

const struct vobj *
vobj_next(const struct vobj *item)
{
	return item->next;
}
