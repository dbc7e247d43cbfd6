/* project_status.c - the status a project shows on a day: approved until its first day, then as stored. */
#include <string.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "domain/labels.h"
#include "domain/project_status.h"

const char *const project_statuses[PROJECT_NSTATUSES] = {
	"approved", "implementation", "finalisation", "closed", "cancelled",
};

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

const char *
project_status_word(enum lang l, const char *status)
{
	if (status != NULL && strcmp(status, "approved") == 0)
		return i18n_tr(l, N_("Approved, not yet started"));
	return label(l, status);
}
