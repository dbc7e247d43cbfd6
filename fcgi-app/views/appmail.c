/* appmail.c - the e-mails an application causes, rendered in both languages for the outbox. */
#include <stdio.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "core/str.h"
#include "db/db_application.h"
#include "db/db_decision.h"
#include "domain/labels.h"
#include "http/app.h"
#include "http/req.h"
#include "views/appmail.h"
#include "views/page.h"
#include "views/view.h"

/*
 * What every mail about application a says, in each language: its
 * reference as the pages give it ("Ansökan 12", "Application 12"), its
 * title, round and organisation, and the footer. Fills s's addressing and
 * link (path on this site) and roots, one per language.
 */
static void
about(struct req *r, const struct application *a, const struct application_extra *x,
    struct outbox_send *s, enum mail_kind kind, const char *path, struct vobj *roots[LANG__MAX])
{
	const struct mail_kind_info *k = mail_kind(kind);
	enum lang l;
	int i;

	s->kind = kind;
	s->link = str_url(r->a, app.conf.public_url, path);
	for (i = 0; i < LANG__MAX; i++) {
		l = (enum lang)i;
		roots[i] = vobj_new(r->a);
		vobj_str(roots[i], "reference", arena_printf(r->a, "%s %lld",
		    i18n_tr(l, N_("Application")), a->id));
		vobj_str(roots[i], "app_title", page_app_title_in(r->a, l, a->title_sv, a->title_en,
		    a->id));
		vobj_str(roots[i], "round", i18n_pick(l, x->round_sv, x->round_en));
		vobj_str(roots[i], "org_name", x->org_name);
		vobj_str(roots[i], "type", a->type >= 0 && a->type < PT__MAX ?
		    label(l, ptype_code[a->type]) : NULL);
		vobj_str(roots[i], "link", s->link);
		mailtext_footer(roots[i], r->a, kind, app.conf.public_url,
		    k->audience == MAIL_TO_APPLICANTS ? x->org_name : NULL);
	}
}

/* A date of the programme as a letter writes it in l: "30 september 2016". */
static const char *
long_date(struct arena *ar, struct ymd d, enum lang l)
{
	return fmt_date_long(ar, d.y, d.m, d.d, l);
}

enum kerr
appmail_submitted(struct req *r, const struct application *a, const struct application_extra *x,
    const char *submitted, struct outbox_send out[2])
{
	struct vobj *roots[LANG__MAX];
	const char *local = fmt_time(r->a, submitted);
	const char *path = page_app_path(r, a->id, "");
	struct ymd day;
	enum kerr e;
	int l;

	about(r, a, x, &out[0], MAIL_APPLICATION_RECEIPT, path, roots);
	out[0].to = OUTBOX_TO_ORG;
	out[0].to_id = a->org_id;
	/* The moment in Swedish time, as every page gives it: its date in words, then the time of day. */
	if (local != NULL && sscanf(local, "%d-%d-%d", &day.y, &day.m, &day.d) == 3)
		for (l = 0; l < LANG__MAX; l++) {
			vobj_str(roots[l], "submitted_date", long_date(r->a, day, (enum lang)l));
			vobj_str(roots[l], "submitted_time", local + 11);
		}
	if ((e = mailtext_both(r->a, r->id, &app.mail, MAIL_APPLICATION_RECEIPT, roots,
	    out[0].subject, out[0].body)) != KERR_OK)
		return e;

	about(r, a, x, &out[1], MAIL_APPLICATION_SUBMITTED, path, roots);
	out[1].to = OUTBOX_TO_OFFICERS;
	out[1].to_id = a->round_id;
	return mailtext_both(r->a, r->id, &app.mail, MAIL_APPLICATION_SUBMITTED, roots,
	    out[1].subject, out[1].body);
}

enum kerr
appmail_decision(struct req *r, const struct application *a, const struct application_extra *x,
    const struct decision_record *d, struct outbox_send *out)
{
	struct vobj *roots[LANG__MAX], *o;
	long long total = 0;
	enum lang l;
	int i, y;

	about(r, a, x, out, MAIL_DECISION, page_app_path(r, a->id, "/letter"), roots);
	out->to = OUTBOX_TO_ORG;
	out->to_id = a->org_id;
	for (y = 0; d->outcome == OUTCOME_APPROVE && y < d->plan.years; y++)
		total += d->year_total[y];
	for (i = 0; i < LANG__MAX; i++) {
		l = (enum lang)i;
		vobj_bool(roots[i], "approved", d->outcome == OUTCOME_APPROVE);
		if (d->outcome != OUTCOME_APPROVE || d->plan.years == 0)
			continue;
		vobj_str(roots[i], "starts", long_date(r->a, d->start, l));
		vobj_str(roots[i], "ends", long_date(r->a, d->end, l));
		vobj_str(roots[i], "total", fmt_amount(r->a, total, l));
		for (y = 0; y < d->plan.years; y++) {
			o = vobj_push(roots[i], "years");
			vobj_int(o, "year", y + 1);
			vobj_str(o, "starts", long_date(r->a, d->plan.year[y].start, l));
			vobj_str(o, "ends", long_date(r->a, d->plan.year[y].end, l));
			vobj_str(o, "amount", fmt_amount(r->a, d->year_total[y], l));
		}
	}
	return mailtext_both(r->a, r->id, &app.mail, MAIL_DECISION, roots, out->subject, out->body);
}

enum kerr
appmail_reviewer(struct req *r, const struct application *a, const struct application_extra *x,
    long long reviewer_id, struct outbox_send *out)
{
	struct vobj *roots[LANG__MAX];

	about(r, a, x, out, MAIL_REVIEWER_ASSIGNED, page_app_path(r, a->id, "/review"), roots);
	out->to = OUTBOX_TO_USER;
	out->to_id = reviewer_id;
	return mailtext_both(r->a, r->id, &app.mail, MAIL_REVIEWER_ASSIGNED, roots, out->subject,
	    out->body);
}
