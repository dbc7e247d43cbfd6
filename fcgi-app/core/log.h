/* log.h - one line per event on stderr (journald or the run directory's log), tagged with the request id. */
#ifndef KPP_LOG_H
#define KPP_LOG_H

/* Names the program in every line ("kpp-fcgi"). */
void	log_init(const char *prog);

/*
 * Writes "TIME PROG[PID] req=ID LEVEL message". reqid may be NULL outside
 * a request. Never fails: logging must not take a request down.
 */
void	log_err(const char *reqid, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	log_info(const char *reqid, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
