/* arena.h - per-request allocator with a cleanup list (after nginx's pool). */
#ifndef KPP_ARENA_H
#define KPP_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/*
 * Creates an arena whose chunks are at least chunk bytes.
 * Returns NULL when out of memory.
 */
struct arena	*arena_new(size_t chunk);

/*
 * Allocates size bytes aligned for any type, valid until the next
 * arena_reset() or arena_free(). Aborts on out-of-memory: the worker's
 * supervisor restarts it: a worker that cannot allocate cannot answer
 * anything either, and unwinding every caller for it would cost more than
 * it saves.
 */
void		*arena_alloc(struct arena *a, size_t size);
void		*arena_calloc(struct arena *a, size_t n, size_t size);
char		*arena_strdup(struct arena *a, const char *s);
char		*arena_strndup(struct arena *a, const char *s, size_t n);
char		*arena_printf(struct arena *a, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
char		*arena_vprintf(struct arena *a, const char *fmt, va_list ap)
		    __attribute__((format(printf, 2, 0)));

/*
 * Registers fn(arg) to run at the next reset or free, last registered
 * first: for foreign resources (libxml2 documents, result sets).
 */
void		 arena_cleanup_add(struct arena *a, void (*fn)(void *), void *arg);

/* Runs the cleanups and makes all memory reusable; keeps the first chunk. */
void		 arena_reset(struct arena *a);
void		 arena_free(struct arena *a);

/* Bytes handed out since the last reset (for tests and statistics). */
size_t		 arena_used(const struct arena *a);

/*
 * Test hook: when n > 0, the n-th following allocation from any arena
 * fails, so error paths can be exercised: arena_try_alloc() returns NULL,
 * arena_alloc() and the functions built on it abort as they would on a
 * real out-of-memory.
 */
void		*arena_try_alloc(struct arena *a, size_t size);
void		 arena_fail_after(unsigned n);

#endif
