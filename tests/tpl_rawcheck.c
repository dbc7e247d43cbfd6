/* tpl_rawcheck.c - make check: all templates load; {{{raw}}} only where raw-allowlist lets it. */
#include <stdio.h>
#include <stdlib.h>

#include "http/req.h"
#include "views/tpl.h"

/*
 * Usage: tpl_rawcheck [templates-dir]. Without an argument it checks
 * "$srcdir/templates" (the automake test driver exports srcdir), so that
 * VPATH builds find the sources. Exits 0 when all is well, 1 naming each
 * template that does not load or each raw use not allowed.
 */
int
main(int argc, char **argv)
{
	char dir[4096], allow[4200], err[1024];
	const char *srcdir;
	struct tplset *t;
	int bad;

	if (argc > 2) {
		fprintf(stderr, "usage: tpl_rawcheck [templates-dir]\n");
		return 2;
	}
	if (argc == 2)
		snprintf(dir, sizeof(dir), "%s", argv[1]);
	else {
		if ((srcdir = getenv("srcdir")) == NULL || *srcdir == '\0')
			srcdir = ".";
		snprintf(dir, sizeof(dir), "%s/templates", srcdir);
	}
	snprintf(allow, sizeof(allow), "%s/raw-allowlist", dir);
	/* One language and no translations: this checks markup, not wording. */
	if (tplset_load(dir, 1, NULL, NULL, view_layout_names, &t, err, sizeof(err)) != KERR_OK) {
		fprintf(stderr, "tpl_rawcheck: %s\n", err);
		return 1;
	}
	bad = tplset_raw_check(t, allow, stderr);
	tplset_free(t);
	if (bad != 0) {
		if (bad > 0)
			fprintf(stderr, "tpl_rawcheck: %d raw output(s) not allowed: escape them, "
			    "or list them in %s with the reason\n", bad, allow);
		return 1;
	}
	printf("tpl_rawcheck: %s loads; raw output only where %s allows\n", dir, allow);
	return 0;
}
