/* arena.c - per-request allocator: bump allocation in chunks, cleanups run at reset. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

#define ALIGN	(sizeof(max_align_t))

struct chunk {
	struct chunk	*next;
	size_t		 size;
	size_t		 used;
	/* data follows, aligned */
};

struct cleanup {
	struct cleanup	*next;
	void		(*fn)(void *);
	void		*arg;
};

struct arena {
	struct chunk	*head;		/* chunk being filled */
	struct chunk	*first;		/* kept across resets */
	struct cleanup	*cleanups;
	size_t		 chunk_size;
	size_t		 used;
};

static unsigned fail_countdown;

#define CHUNK_HDR	((sizeof(struct chunk) + ALIGN - 1) & ~(ALIGN - 1))

static struct chunk *
chunk_new(size_t size)
{
	struct chunk *c;

	/* Near SIZE_MAX the header would wrap the sum to a tiny block. */
	if (size > SIZE_MAX - CHUNK_HDR)
		return NULL;
	if ((c = malloc(CHUNK_HDR + size)) == NULL)
		return NULL;
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

struct arena *
arena_new(size_t chunk)
{
	struct arena *a;

	if (chunk < 1024)
		chunk = 1024;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	if ((a->first = chunk_new(chunk)) == NULL) {
		free(a);
		return NULL;
	}
	a->head = a->first;
	a->chunk_size = chunk;
	return a;
}

void *
arena_try_alloc(struct arena *a, size_t size)
{
	struct chunk *c;
	size_t need;

	if (fail_countdown > 0 && --fail_countdown == 0)
		return NULL;
	need = (size + ALIGN - 1) & ~(ALIGN - 1);
	if (need < size)
		return NULL;
	c = a->head;
	if (c->size - c->used < need) {
		size_t sz = need > a->chunk_size ? need : a->chunk_size;

		if ((c = chunk_new(sz)) == NULL)
			return NULL;
		/* A big one-off block goes behind the head so the head keeps filling. */
		if (need > a->chunk_size) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	c->used += need;
	a->used += need;
	return (char *)c + CHUNK_HDR + c->used - need;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	void *p;

	if ((p = arena_try_alloc(a, size)) == NULL) {
		fprintf(stderr, "kpp: out of memory allocating %lu bytes\n",
		    (unsigned long)size);
		abort();
	}
	return p;
}

void *
arena_calloc(struct arena *a, size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size) {
		fprintf(stderr, "kpp: allocation overflow\n");
		abort();
	}
	p = arena_alloc(a, n * size);
	memset(p, 0, n * size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	char *p;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_cleanup_add(struct arena *a, void (*fn)(void *), void *arg)
{
	struct cleanup *c = arena_alloc(a, sizeof(*c));

	c->fn = fn;
	c->arg = arg;
	c->next = a->cleanups;
	a->cleanups = c;
}

static void
run_cleanups(struct arena *a)
{
	struct cleanup *c;

	/* Unlink first: a cleanup must never run twice, even if one re-enters. */
	while ((c = a->cleanups) != NULL) {
		a->cleanups = c->next;
		c->fn(c->arg);
	}
}

static void
free_chunks_but_first(struct arena *a)
{
	struct chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		if (c != a->first)
			free(c);
	}
	a->first->next = NULL;
	a->first->used = 0;
	a->head = a->first;
	a->used = 0;
}

void
arena_reset(struct arena *a)
{
	run_cleanups(a);
	free_chunks_but_first(a);
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	free(a->first);
	free(a);
}

size_t
arena_used(const struct arena *a)
{
	return a->used;
}

void
arena_fail_after(unsigned n)
{
	fail_countdown = n;
}
