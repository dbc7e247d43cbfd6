/* test_mailtext.c - unit tests for the e-mails' texts (views/mailtext.c) over templates in a scratch directory. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "unit.h"
#include "views/mailtext.h"
#include "views/view.h"

static struct arena *A;
static char dir[] = "/tmp/kpp-mailtext-XXXXXX";

static void
put(const char *lang, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/mail/%s/%s.txt", dir, lang, name);
	if ((f = fopen(path, "w")) == NULL)
		abort();
	fputs(text, f);
	fclose(f);
}

static void
test_mailtext_render_both_languages(void)
{
	struct mailtext m;
	struct vobj *roots[LANG__MAX];
	const char *subject[LANG__MAX], *body[LANG__MAX];
	char err[256];
	int l;

	put("sv", "decision", "Subject: Beslut om {{title}}\n\nHej!\n{{#approved}}\nBeviljad.\n{{/approved}}\n{{>_footer}}");
	put("en", "decision", "Subject: Decision on {{title}}\n\nHello!\n{{#approved}}\nApproved.\n{{/approved}}\n{{>_footer}}");
	put("sv", "_footer", "-- \n{{#org}}\nKonto för {{org}}.\n{{/org}}\n{{#optional}}\nkan stängas av\n{{/optional}}\n{{account_url}}\n");
	put("en", "_footer", "-- \n{{#org}}\nAccount for {{org}}.\n{{/org}}\n{{account_url}}\n");
	CU_ASSERT_FATAL(mailtext_load(&m, dir, err, sizeof(err)) == KERR_OK);
	for (l = 0; l < LANG__MAX; l++) {
		roots[l] = vobj_new(A);
		vobj_str(roots[l], "title", "Växjö & <Kisumu>");
		vobj_bool(roots[l], "approved", 1);
		mailtext_footer(roots[l], A, MAIL_DECISION, "http://kpp.example/", "Växjö kommun");
	}
	CU_ASSERT_FATAL(mailtext_both(A, "t", &m, MAIL_DECISION, roots, subject, body) == KERR_OK);
	/* Nothing escaped; the section lines leave no blank line; a decision cannot be switched off. */
	CU_ASSERT_STRING_EQUAL(subject[LANG_SV], "Beslut om Växjö & <Kisumu>");
	CU_ASSERT_STRING_EQUAL(body[LANG_SV], "Hej!\nBeviljad.\n-- \nKonto för Växjö kommun.\nhttp://kpp.example/account\n");
	CU_ASSERT_STRING_EQUAL(subject[LANG_EN], "Decision on Växjö & <Kisumu>");
	CU_ASSERT_STRING_EQUAL(body[LANG_EN], "Hello!\nApproved.\n-- \nAccount for Växjö kommun.\nhttp://kpp.example/account\n");
	/* A kind without a template, and a template without its subject line: an error, not a message. */
	CU_ASSERT(mailtext_render(A, "t", &m, MAIL_PAYMENT, LANG_SV, roots[0], &subject[0], &body[0]) ==
	    KERR_INVALID);
	mailtext_free(&m);
	put("sv", "payment", "Hej!\n\nText\n");
	put("en", "payment", "Subject: \n\nText\n");
	CU_ASSERT_FATAL(mailtext_load(&m, dir, err, sizeof(err)) == KERR_OK);
	for (l = 0; l < LANG__MAX; l++)
		CU_ASSERT(mailtext_render(A, "t", &m, MAIL_PAYMENT, (enum lang)l, roots[l], &subject[l],
		    &body[l]) == KERR_INVALID);
	mailtext_free(&m);
}

static const struct unit_test tests[] = {
	{ "test_mailtext_render_both_languages", test_mailtext_render_both_languages },
	{ NULL, NULL }
};

int
main(void)
{
	char path[256];
	int r;

	if ((A = arena_new(1 << 16)) == NULL || mkdtemp(dir) == NULL)
		return 2;
	snprintf(path, sizeof(path), "%s/mail", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/mail/sv", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/mail/en", dir);
	mkdir(path, 0700);
	r = unit_run("mailtext", tests);
	arena_free(A);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		r = 1;
	return r;
}
