/* signals.c - the stop signals of a long-running program. */
#include <signal.h>
#include <string.h>

#include "core/signals.h"

void
signals_on_stop(void (*handler)(int), int extra)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (extra != 0)
		sigaction(extra, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}
