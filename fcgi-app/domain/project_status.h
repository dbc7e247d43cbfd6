/* project_status.h - the status a project shows on a day: approved until its first day, then as stored. */
#ifndef KPP_PROJECT_STATUS_H
#define KPP_PROJECT_STATUS_H

#include "core/i18n.h"

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

/*
 * The statuses a project shows, in their lifecycle's order (the order
 * DB_PROJECT_STATUS_RANK sorts in): what the lists count and filter by.
 */
#define PROJECT_NSTATUSES	5
extern const char *const project_statuses[PROJECT_NSTATUSES];

/*
 * The words for a status a project shows, where no date goes with it (a
 * count, a filter's choice): "Approved, not yet started" for approved,
 * else the status's label().
 */
const char	*project_status_word(enum lang l, const char *status);

#endif
