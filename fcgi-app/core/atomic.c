/* atomic.c - a file written whole or not at all. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic.h"

enum kerr
atomic_write(const char *path, mode_t mode, atomic_write_fn fn, void *arg, const char **what)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash != NULL ? (size_t)(slash - path) : 1;
	char *tmp;
	enum kerr e;
	int fd, saved;

	*what = "writing";
	if ((tmp = malloc(dirlen + sizeof("/.kpp-XXXXXX"))) == NULL) {
		*what = "malloc";
		return KERR_SYSTEM;
	}
	snprintf(tmp, dirlen + sizeof("/.kpp-XXXXXX"), "%.*s/.kpp-XXXXXX", (int)dirlen,
	    slash != NULL ? path : ".");
	if ((fd = mkstemp(tmp)) < 0) {
		*what = "mkstemp";
		free(tmp);
		return KERR_SYSTEM;
	}
	e = fn(fd, arg);
	if (e == KERR_OK && (fchmod(fd, mode) != 0 || fsync(fd) != 0)) {
		*what = "fchmod/fsync";
		e = KERR_SYSTEM;
	}
	if (close(fd) != 0 && e == KERR_OK) {
		*what = "close";
		e = KERR_SYSTEM;
	}
	if (e == KERR_OK && rename(tmp, path) != 0) {
		*what = "rename";
		e = KERR_SYSTEM;
	}
	if (e != KERR_OK) {
		saved = errno;
		unlink(tmp);
		errno = saved;
	}
	free(tmp);
	return e;
}
