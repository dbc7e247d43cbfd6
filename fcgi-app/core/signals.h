/* signals.h - the signals that ask a long-running program (a worker, the mailer) to finish what it holds and stop. */
#ifndef KPP_SIGNALS_H
#define KPP_SIGNALS_H

/*
 * Has handler run on SIGTERM, SIGINT and extra (0: none), without
 * SA_RESTART, so that a call waiting (accept(), sleep()) returns early
 * and the program sees it should stop; and ignores SIGPIPE, so that a
 * write to a closed socket fails as an error the caller handles instead
 * of ending the program.
 */
void	signals_on_stop(void (*handler)(int), int extra);

#endif
