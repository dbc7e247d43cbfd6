/* project_status.c - the status a project shows on a day: approved until its first day, then as stored. */
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "labels.h"
#include "project_status.h"

static int
not_started(const char *status, const char *starts, const char *today)
{
	/* ISO dates compare as strings. */
	return status != NULL && strcmp(status, "implementation") == 0 && starts != NULL &&
	    today != NULL && strcmp(starts, today) > 0;
}

const char *
project_status_on(const char *status, const char *starts, const char *today)
{
	return not_started(status, starts, today) ? "approved" : status;
}

const char *
project_status_label(struct arena *a, enum lang l, const char *status, const char *starts,
    const char *today)
{
	if (not_started(status, starts, today))
		return arena_printf(a, "%s %s", i18n_tr(l, N_("Approved, starts on")), starts);
	return label(l, status);
}
