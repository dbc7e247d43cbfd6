/* dac_sectors.h - the OECD DAC 5-digit sector codes IATI allows (its Sector codelist), compiled in. */
#ifndef KPP_DAC_SECTORS_H
#define KPP_DAC_SECTORS_H

#include <stddef.h>

struct dac_sector {
	const char	*code;		/* five digits */
	const char	*name;		/* the codelist's English name */
	int		 active;	/* 0: withdrawn, not for new data */
};

/* Every code of the codelist, in ascending order (dac_sectors.c, generated). */
extern const struct dac_sector dac_sectors[];
extern const size_t dac_sectors_count;

/* The sector with code s, or NULL when the codelist has none (also for NULL). */
const struct dac_sector *dac_sector_find(const char *s);

#endif
