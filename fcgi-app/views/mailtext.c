/* mailtext.c - renders an e-mail's subject and body from its template in the recipient's language. */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/str.h"
#include "views/mailtext.h"
#include "views/tpl.h"
#include "views/view.h"

#define SUBJECT	"Subject: "

enum kerr
mailtext_load(struct mailtext *m, const char *templates_dir, char *err, size_t errlen)
{
	char dir[4096];
	enum kerr e;
	int l;

	memset(m, 0, sizeof(*m));
	for (l = 0; l < LANG__MAX; l++) {
		snprintf(dir, sizeof(dir), "%s/mail/%s", templates_dir, i18n_code((enum lang)l));
		if ((e = tplset_load_text(dir, 1, NULL, NULL, &m->set[l], err, errlen)) != KERR_OK) {
			mailtext_free(m);
			return e;
		}
	}
	return KERR_OK;
}

void
mailtext_free(struct mailtext *m)
{
	int l;

	for (l = 0; l < LANG__MAX; l++) {
		tplset_free(m->set[l]);
		m->set[l] = NULL;
	}
}

enum kerr
mailtext_render(struct arena *a, const char *reqid, const struct mailtext *m, enum mail_kind kind,
    enum lang l, const struct vobj *root, const char **subject, const char **body)
{
	const char *name = mail_kind(kind)->name, *text, *nl;
	struct buf out;
	enum kerr e;

	buf_init(&out, a, 0);
	if ((e = tpl_render(m->set[l], tplset_find(m->set[l], name), 0, root, NULL, &out)) != KERR_OK) {
		log_err(reqid, "mail/%s/%s.txt: missing, or nested too deep", i18n_code(l), name);
		return e;
	}
	text = out.data != NULL ? out.data : "";
	nl = strchr(text, '\n');
	if (strncmp(text, SUBJECT, strlen(SUBJECT)) != 0 || nl == NULL || nl[1] != '\n' ||
	    nl == text + strlen(SUBJECT)) {
		log_err(reqid, "mail/%s/%s.txt: wants \"" SUBJECT "...\", an empty line, then the text",
		    i18n_code(l), name);
		return KERR_INVALID;
	}
	*subject = arena_strndup(a, text + strlen(SUBJECT), (size_t)(nl - text) - strlen(SUBJECT));
	*body = nl + 2;
	return KERR_OK;
}

enum kerr
mailtext_both(struct arena *a, const char *reqid, const struct mailtext *m, enum mail_kind kind,
    struct vobj *const roots[LANG__MAX], const char *subject[LANG__MAX], const char *body[LANG__MAX])
{
	enum kerr e;
	int l;

	for (l = 0; l < LANG__MAX; l++)
		if ((e = mailtext_render(a, reqid, m, kind, (enum lang)l, roots[l], &subject[l],
		    &body[l])) != KERR_OK)
			return e;
	return KERR_OK;
}

void
mailtext_footer(struct vobj *root, struct arena *a, enum mail_kind kind, const char *public_url,
    const char *org)
{
	const struct mail_kind_info *k = mail_kind(kind);

	if (org != NULL)
		vobj_str(root, "org", org);
	vobj_bool(root, "officer", k->audience == MAIL_TO_OFFICERS);
	vobj_bool(root, "optional", k->optional);
	vobj_str(root, "account_url", str_url(a, public_url, "/account"));
}
