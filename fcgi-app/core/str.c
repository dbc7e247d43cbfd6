/* str.c - small string tests every layer shares. */
#include <string.h>

#include "core/arena.h"
#include "core/str.h"

int
str_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
str_eq_lower(const char *s, size_t n, const char *t)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i] == '\0' || str_lower(s[i]) != t[i])
			return 0;
	return t[n] == '\0';
}

int
str_digit(int c)
{
	return c >= '0' && c <= '9';
}

int
str_same(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

const char *
str_url(struct arena *a, const char *base, const char *path)
{
	size_t n = strlen(base);

	if (n > 0 && base[n - 1] == '/')
		n--;
	return arena_printf(a, "%.*s%s", (int)n, base, path);
}
