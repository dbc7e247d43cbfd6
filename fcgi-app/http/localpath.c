/* localpath.c - whether a string is a path on this site (see localpath.h). */
#include <stddef.h>

#include "http/localpath.h"

int
local_path_ok(const char *p)
{
	const unsigned char *s = (const unsigned char *)p;

	if (s == NULL || s[0] != '/' || s[1] == '/')
		return 0;
	for (; *s != '\0'; s++)
		if (*s < 0x21 || *s == 0x7f || *s == '\\')
			return 0;
	return 1;
}
