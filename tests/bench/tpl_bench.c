/* tpl_bench.c - times rendering a 50-row list page with layout partials; prints, asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "views/tpl.h"
#include "views/view.h"

#define ROWS	50
#define BATCHES	21		/* the median of these resists other jobs on the machine */
#define ROUNDS	1000		/* renders per batch */

static const struct {
	const char	*file;
	const char	*text;
} files[] = {
	{ "_header.html",
	  "<!DOCTYPE html>\n<html lang=\"{{lang}}\">\n<head>\n<meta charset=\"utf-8\">\n"
	  "<title>{{#error}}{{_ Error:}} {{/error}}{{title}} – {{_ ICLD grants}}</title>\n"
	  "<link rel=\"stylesheet\" href=\"/static/kpp.css\">\n</head>\n<body>\n"
	  "<a class=\"skip\" href=\"#main\">{{_ Skip to content}}</a>\n"
	  "<header><a href=\"/\">{{_ ICLD grants}}</a>\n"
	  "{{#user}}<p>{{name}}, {{org}}</p>{{/user}}\n"
	  "<nav><a href=\"?lang=sv\" lang=\"sv\">Svenska</a> <a href=\"?lang=en\" lang=\"en\">English</a>\n"
	  "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"{{csrf}}\">"
	  "<button>{{_ Sign out}}</button></form></nav></header>\n"
	  "<nav class=\"crumbs\"><a href=\"/\">{{_ Start}}</a> › {{title}}</nav>\n<main id=\"main\">\n" },
	{ "_footer.html",
	  "</main>\n<footer><a href=\"/accessibility\">{{_ Accessibility statement}}</a> "
	  "<a href=\"mailto:{{contact}}\">{{contact}}</a></footer>\n</body>\n</html>\n" },
	{ "list.html",
	  "{{>_header}}<h1>{{title}}</h1>\n"
	  "<form method=\"get\" action=\"/applications\"><label for=\"q\">{{_ Search}}</label>"
	  "<input id=\"q\" name=\"q\" value=\"{{q}}\"><button>{{_ Filter}}</button></form>\n"
	  "<table>\n<caption>{{_ Applications}} ({{total}})</caption>\n<thead><tr>"
	  "<th><a href=\"?sort=ref&amp;q={{q}}\">{{_ Reference}}</a></th>"
	  "<th><a href=\"?sort=title&amp;q={{q}}\">{{_ Title}}</a></th>"
	  "<th>{{_ Organisation}}</th><th>{{_ Country}}</th><th>{{_ Status}}</th></tr></thead>\n<tbody>\n"
	  "{{#rows}}<tr><td><a href=\"/applications/{{id}}\">{{ref}}</a></td><td>{{title}}</td>"
	  "<td>{{org}}</td><td>{{country}}</td><td><strong class=\"tag\">{{status}}</strong></td></tr>\n"
	  "{{/rows}}{{^rows}}<tr><td colspan=\"5\">{{_ No applications}}</td></tr>{{/rows}}"
	  "</tbody>\n</table>\n{{>_footer}}" },
};

static const char *const orgs[] = {
	"Borlänge kommun", "Borås stad", "Västerås stad", "Växjö kommun", "Region Gotland",
	"Landstinget Västernorrland", "Malmö stad", "Skellefteå kommun"
};
static const char *const countries[] = { "Kenya", "China", "Botswana", "Uganda", "South Africa", "Kosovo" };

static struct vobj *
build(struct arena *a)
{
	struct vobj *v = vobj_new(a), *u, *r;
	int i;

	vobj_str(v, "lang", "sv");
	vobj_str(v, "title", "Ansökningar 2016");
	vobj_str(v, "csrf", "k3J9aP0qZx7vT2mN8bC4dE6fG1hJ5lR");
	vobj_str(v, "contact", "info@icld.se");
	vobj_str(v, "q", "");
	vobj_int(v, "total", ROWS);
	u = vobj_obj(v, "user");
	vobj_str(u, "name", "Anna Andersson");
	vobj_str(u, "org", "Borlänge kommun");
	for (i = 0; i < ROWS; i++) {
		r = vobj_push(v, "rows");
		vobj_int(r, "id", 1000 + i);
		vobj_strf(r, "ref", "2016-%04d", i + 1);
		vobj_str(r, "title", "Local democracy & citizen dialogue in partner municipalities");
		vobj_str(r, "org", orgs[i % 8]);
		vobj_str(r, "country", countries[i % 6]);
		vobj_str(r, "status", i % 3 ? "Submitted" : "Approved");
	}
	return v;
}

static int
dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(void)
{
	char dir[] = "/tmp/tpl_bench.XXXXXX", path[256], err[256];
	struct tplset *t;
	struct arena *a;
	struct vobj *v;
	struct buf b;
	double t0, tb[BATCHES], tr[BATCHES];
	size_t i, k;
	int idx, r = 1;
	FILE *f;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].file);
		if ((f = fopen(path, "w")) == NULL || fputs(files[i].text, f) == EOF ||
		    fclose(f) == EOF) {
			perror(path);
			goto out;
		}
	}
	t0 = now();
	if (tplset_load(dir, 2, NULL, NULL, NULL, &t, err, sizeof(err)) != KERR_OK) {
		fprintf(stderr, "tpl_bench: %s\n", err);
		goto out;
	}
	printf("tpl load 3 templates: %.1f us\n", (now() - t0) * 1e6);
	idx = tplset_find(t, "list");
	a = arena_new(64 * 1024);

	/* The view is built once per request too: time it apart from rendering. */
	for (k = 0; k < BATCHES; k++) {
		t0 = now();
		for (i = 0; i < ROUNDS; i++) {
			arena_reset(a);
			build(a);
		}
		tb[k] = (now() - t0) / ROUNDS;
	}

	arena_reset(a);
	v = build(a);
	buf_init(&b, a, 32 * 1024);
	for (k = 0; k < BATCHES; k++) {
		t0 = now();
		for (i = 0; i < ROUNDS; i++) {
			buf_reset(&b);
			if (tpl_render(t, idx, i & 1, v, NULL, &b) != KERR_OK) {
				fprintf(stderr, "tpl_bench: render failed\n");
				goto done;
			}
		}
		tr[k] = (now() - t0) / ROUNDS;
	}
	qsort(tr, BATCHES, sizeof(tr[0]), dbl_cmp);
	qsort(tb, BATCHES, sizeof(tb[0]), dbl_cmp);
	printf("tpl render %d rows: %.1f us/page (goal < 20 us; best %.1f, %zu bytes)\n", ROWS,
	    tr[BATCHES / 2] * 1e6, tr[0] * 1e6, b.len);
	printf("view build %d rows: %.1f us/page (best %.1f)\n", ROWS, tb[BATCHES / 2] * 1e6,
	    tb[0] * 1e6);
	r = 0;
done:
	arena_free(a);
	tplset_free(t);
out:
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].file);
		unlink(path);
	}
	rmdir(dir);
	return r;
}
