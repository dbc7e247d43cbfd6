/* dac_sector_find.c - looking a code up in the compiled-in DAC sector list (kept apart from the generated table). */
#include <stdlib.h>
#include <string.h>

#include "iati/dac_sectors.h"

static int
cmp(const void *key, const void *item)
{
	return strcmp(key, ((const struct dac_sector *)item)->code);
}

const struct dac_sector *
dac_sector_find(const char *s)
{
	if (s == NULL)
		return NULL;
	return bsearch(s, dac_sectors, dac_sectors_count, sizeof(dac_sectors[0]), cmp);
}
