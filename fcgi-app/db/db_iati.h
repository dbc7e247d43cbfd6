/* db_iati.h - reading projects for the IATI export, a page of them per statement. */
#ifndef KPP_DB_IATI_H
#define KPP_DB_IATI_H

#include <stddef.h>

#include "core/kerr.h"

struct arena;
struct iati_filter;
struct iati_project;

/*
 * Reads up to limit projects that the filter selects and whose code sorts
 * after after ("" for the first page), in code order, each with everything
 * the IATI export takes from it: one statement for the whole page. The
 * projects and their strings are allocated in a; *n gets how many (fewer
 * than limit on the last page). cache_version > 0 answers from the
 * worker's result cache at that data version (for one project's page);
 * 0 reads fresh, as the export must not fill the cache with pages.
 * Returns KERR_OK or KERR_DB.
 */
enum kerr	db_iati_page(struct arena *a, const char *reqid,
		    const struct iati_filter *f, const char *after, size_t limit,
		    unsigned long long cache_version, struct iati_project **out,
		    size_t *n);

#endif
