/* mailtext.h - the text of each e-mail, from templates/mail/<lang>/<kind>.txt through the template engine. */
#ifndef KPP_MAILTEXT_H
#define KPP_MAILTEXT_H

#include <stddef.h>

#include "core/i18n.h"
#include "core/kerr.h"
#include "domain/mailkinds.h"

struct arena;
struct tplset;
struct vobj;

/*
 * The e-mail templates, one text set per language: a mail is prose, and
 * each language's text is written whole (templates/mail/sv/ and en/), not
 * assembled from translated phrases. A template's first line is
 * "Subject: " and the subject, then a blank line, then the body;
 * substitutions are verbatim (tplset_load_text()). _footer.txt, included
 * by every template, says why the person gets the mail and where they
 * choose what they get.
 */
struct mailtext {
	struct tplset	*set[LANG__MAX];
};

/*
 * Loads <templates_dir>/mail/sv and .../en (tests/mail_templates_check.sh
 * makes sure every kind of mailkinds.h has its template in both). Returns
 * KERR_OK, or the loader's error with the reason in err.
 */
enum kerr	mailtext_load(struct mailtext *m, const char *templates_dir, char *err, size_t errlen);

void		mailtext_free(struct mailtext *m);

/*
 * Renders kind's template in language l with root: *subject and *body,
 * in a. KERR_INVALID (logged with reqid) for a missing template, one
 * without its "Subject: " line and the blank line after it, or a subject
 * left empty.
 */
enum kerr	mailtext_render(struct arena *a, const char *reqid, const struct mailtext *m,
		    enum mail_kind kind, enum lang l, const struct vobj *root,
		    const char **subject, const char **body);

/*
 * Renders kind in both languages, language l with roots[l]: subject[l]
 * and body[l], ready for an outbox_send (db/db_outbox.h). As
 * mailtext_render().
 */
enum kerr	mailtext_both(struct arena *a, const char *reqid, const struct mailtext *m,
		    enum mail_kind kind, struct vobj *const roots[LANG__MAX],
		    const char *subject[LANG__MAX], const char *body[LANG__MAX]);

/*
 * Sets in root what _footer.txt says: why the person gets the mail (org,
 * the organisation's name for its people, NULL for others; officer for
 * ICLD's kinds), whether they may switch it off (optional) and where
 * (account_url, the absolute address of /account).
 */
void		mailtext_footer(struct vobj *root, struct arena *a, enum mail_kind kind,
		    const char *public_url, const char *org);

#endif
