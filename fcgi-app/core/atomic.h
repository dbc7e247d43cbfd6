/* atomic.h - a file written whole or not at all: through a temporary file beside it, renamed into place. */
#ifndef KPP_ATOMIC_H
#define KPP_ATOMIC_H

#include <sys/types.h>

#include "core/kerr.h"

/* Writes the file's content to fd; returns KERR_OK, or an error (KERR_SYSTEM with errno set). */
typedef enum kerr (*atomic_write_fn)(int fd, void *arg);

/*
 * Writes path: fn fills a new temporary file in path's directory (mkstemp,
 * so private while half-written), which then gets mode, is fsynced and
 * renamed over path. A reader, or a crash, never meets half a file; two
 * writers at once both leave a whole one. On any failure the temporary
 * file is removed, path is left as it was, and the error is returned
 * (fn's, or KERR_SYSTEM with errno set and *what naming the step).
 */
enum kerr	atomic_write(const char *path, mode_t mode, atomic_write_fn fn, void *arg,
		    const char **what);

#endif
