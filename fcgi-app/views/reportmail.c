/* reportmail.c - a report's e-mails: what each says of the report, in each language, and where it links. */
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "core/str.h"
#include "db/db_report.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/req.h"
#include "views/mailtext.h"
#include "views/reportmail.h"
#include "views/view.h"

/*
 * One root per language with what every report mail names: the project
 * (code, its title in that language), the applicant organisation, which
 * report (progress with its year, or final), the link, and the footer
 * (why the person gets it: the organisation's people are told theirs).
 * Returns the link: path on the portal's public address.
 */
static const char *
roots_of(struct req *r, const struct report_view *v, enum mail_kind kind, const char *path,
    struct vobj *roots[LANG__MAX])
{
	const char *link = str_url(r->a, app.conf.public_url, path);
	int l;

	for (l = 0; l < LANG__MAX; l++) {
		struct vobj *o = roots[l] = vobj_new(r->a);

		vobj_str(o, "code", v->code);
		vobj_str(o, "title", i18n_pick((enum lang)l, v->title_sv, v->title_en));
		vobj_str(o, "applicant", v->org_name);
		vobj_bool(o, "progress", strcmp(v->kind, "progress") == 0);
		vobj_int(o, "year", v->year);
		vobj_str(o, "link", link);
		mailtext_footer(o, r->a, kind, app.conf.public_url,
		    mail_kind(kind)->audience == MAIL_TO_APPLICANTS ? v->org_name : NULL);
	}
	return link;
}

/* Renders kind with roots into out, addressed to to/to_id and linking link. */
static enum kerr
fill_send(struct req *r, enum mail_kind kind, enum outbox_to to, long long to_id, const char *link,
    struct vobj *const roots[LANG__MAX], struct outbox_send *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = kind;
	out->to = to;
	out->to_id = to_id;
	out->link = link;
	return mailtext_both(r->a, r->id, &app.mail, kind, roots, out->subject, out->body);
}

/* A date as the pages show it in l. */
static const char *
date_in(struct req *r, const char *ymd, enum lang l)
{
	int y, m, d;

	return valid_date(ymd, &y, &m, &d) == KERR_OK ? fmt_date(r->a, y, m, d, l) : ymd;
}

enum kerr
reportmail_submitted(struct req *r, const struct report_view *v, struct outbox_send *out)
{
	struct vobj *roots[LANG__MAX];
	const char *link;

	link = roots_of(r, v, MAIL_REPORT_SUBMITTED, arena_printf(r->a, "/reports/%lld", v->id), roots);
	return fill_send(r, MAIL_REPORT_SUBMITTED, OUTBOX_TO_OFFICERS, v->round_id, link, roots, out);
}

enum kerr
reportmail_decided(struct req *r, const struct report_view *v, int returned, const char *comment,
    const char *revise_by, struct outbox_send *out)
{
	enum mail_kind kind = returned ? MAIL_REPORT_RETURNED : MAIL_REPORT_APPROVED;
	struct vobj *roots[LANG__MAX];
	const char *link;
	int l;

	link = roots_of(r, v, kind, arena_printf(r->a, "/reports/%lld", v->id), roots);
	for (l = 0; l < LANG__MAX; l++) {
		vobj_str(roots[l], "comment", comment);
		vobj_str(roots[l], "due", returned ? date_in(r, revise_by, (enum lang)l) : NULL);
	}
	return fill_send(r, kind, OUTBOX_TO_ORG, v->org_id, link, roots, out);
}

enum kerr
reportmail_payment(struct req *r, const struct report_view *v, long long amount, const char *paid_on,
    struct outbox_send *out)
{
	struct vobj *roots[LANG__MAX];
	const char *link;
	int l;

	link = roots_of(r, v, MAIL_PAYMENT, arena_printf(r->a, "/projects/%s", v->code), roots);
	for (l = 0; l < LANG__MAX; l++) {
		vobj_str(roots[l], "amount", fmt_amount(r->a, amount, (enum lang)l));
		vobj_str(roots[l], "date", date_in(r, paid_on, (enum lang)l));
	}
	return fill_send(r, MAIL_PAYMENT, OUTBOX_TO_ORG, v->org_id, link, roots, out);
}
