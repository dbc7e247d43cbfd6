/* project_status.h - the status a project shows on a day: approved until its first day, then as stored. */
#ifndef KPP_PROJECT_STATUS_H
#define KPP_PROJECT_STATUS_H

#include "conf.h"

struct arena;

/*
 * The status a project shows on today (YYYY-MM-DD): what is stored,
 * except that a project in implementation whose first day (starts: the
 * actual start where known, else the planned one, YYYY-MM-DD) is still to
 * come is "approved" (IATI's pipeline) until that day. The decision makes
 * a project in implementation at once, however late it starts; the
 * register, the project's page, the lists and the IATI file all read its
 * status through here, so that none says it is under way before it is.
 */
const char	*project_status_on(const char *status, const char *starts, const char *today);

/*
 * The words for that status in l: "Approved, starts on 2017-07-01" for a
 * project still to start (allocated from a), else the status's label().
 */
const char	*project_status_label(struct arena *a, enum lang l, const char *status,
		    const char *starts, const char *today);

#endif
