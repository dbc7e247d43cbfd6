/* log.c - line-oriented logging to stderr with time, pid and request id. */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"

static const char *progname = "kpp";

void
log_init(const char *prog)
{
	progname = prog;
}

static void
vlog(const char *level, const char *reqid, const char *fmt, va_list ap)
{
	char line[2048], when[32];
	struct timespec ts;
	struct tm tm;
	int n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	n = snprintf(line, sizeof(line), "%s.%03ldZ %s[%ld] req=%s %s ", when,
	    ts.tv_nsec / 1000000, progname, (long)getpid(),
	    reqid != NULL ? reqid : "-", level);
	if (n < 0 || (size_t)n >= sizeof(line))
		return;
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	/* One fputs per line so lines from concurrent workers don't interleave. */
	fprintf(stderr, "%s\n", line);
	fflush(stderr);
}

void
log_err(const char *reqid, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("error", reqid, fmt, ap);
	va_end(ap);
}

void
log_info(const char *reqid, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("info", reqid, fmt, ap);
	va_end(ap);
}
