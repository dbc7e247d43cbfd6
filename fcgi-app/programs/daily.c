/* daily.c - kpp-mailer's daily pass: what it records comes from db_schedule.c, each message's text from here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/conf.h"
#include "core/fmt.h"
#include "core/log.h"
#include "core/str.h"
#include "db/db_schedule.h"
#include "programs/daily.h"
#include "views/view.h"

/* What the callbacks need while a pass renders. */
struct texts {
	struct arena		*a;
	const char		*reqid;
	const struct daily	*d;
	const char		*today;		/* YYYY-MM-DD */
};

/* The stages' sections in templates/mail/<lang>/report_due.txt. */
static const char *const stage_names[STAGE__MAX] = {
	[STAGE_DUE_30] = "due_30",
	[STAGE_DUE_7] = "due_7",
	[STAGE_OVERDUE_1] = "overdue_1",
	[STAGE_OVERDUE_14] = "overdue_14",
};

enum kerr
daily_init(struct daily *d, const struct conf *c, const char *by, char *err, size_t errlen)
{
	memset(d, 0, sizeof(*d));
	d->c = c;
	d->by = by;
	/* conf.c has checked the form: HH:MM, or empty. */
	d->at = c->mail_daily_at[0] != '\0' ? atoi(c->mail_daily_at) * 60 + atoi(c->mail_daily_at + 3) : -1;
	/* Said once: every link of the daily mail would lead nowhere. */
	if (c->public_url[0] == '\0')
		log_err(NULL, "app.public_url is empty: the links in reminders and digests will not be absolute");
	return mailtext_load(&d->mail, c->templates_dir, err, errlen);
}

void
daily_free(struct daily *d)
{
	mailtext_free(&d->mail);
}

/* A date as MariaDB writes it (YYYY-MM-DD) as a letter writes it in l: "31 oktober 2016". */
static const char *
long_date(struct arena *a, const char *iso, enum lang l)
{
	int y, m, dd;

	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &dd) != 3)
		return "";
	return fmt_date_long(a, y, m, dd, l);
}

/* A count of days for the templates: the number, and whether it is one (a singular) or none (today). */
static void
days(struct vobj *o, long long n)
{
	n = llabs(n);
	vobj_int(o, "days", n);
	vobj_bool(o, "one", n == 1);
	vobj_bool(o, "today", n == 0);
}

/* The roots of a mail in both languages, each with its footer. */
static void
roots_new(struct texts *x, struct vobj *roots[LANG__MAX], enum mail_kind kind, const char *org)
{
	int l;

	for (l = 0; l < LANG__MAX; l++) {
		roots[l] = vobj_new(x->a);
		mailtext_footer(roots[l], x->a, kind, x->d->c->public_url, org);
	}
}

static enum kerr
report_text(void *ctx, const struct sched_report *r, struct outbox_send *s)
{
	struct texts *x = ctx;
	struct vobj *roots[LANG__MAX];
	int l;

	s->link = str_url(x->a, x->d->c->public_url, arena_printf(x->a, "/reports/%lld", r->id));
	roots_new(x, roots, MAIL_REPORT_DUE, r->org_name);
	for (l = 0; l < LANG__MAX; l++) {
		vobj_bool(roots[l], stage_names[r->stage], 1);
		vobj_bool(roots[l], "soon", r->stage <= STAGE_DUE_7);
		vobj_bool(roots[l], "late", r->stage >= STAGE_OVERDUE_1);
		vobj_str(roots[l], "code", r->code);
		vobj_str(roots[l], "title", r->title[l]);
		vobj_bool(roots[l], "final", r->final);
		vobj_int(roots[l], "year", r->year);
		vobj_str(roots[l], "due", long_date(x->a, r->deadline, (enum lang)l));
		days(roots[l], r->days);
		vobj_str(roots[l], "link", s->link);
	}
	return mailtext_both(x->a, x->reqid, &x->d->mail, MAIL_REPORT_DUE, roots, s->subject, s->body);
}

static enum kerr
round_text(void *ctx, const struct sched_round *r, struct outbox_send *s)
{
	struct texts *x = ctx;
	struct vobj *roots[LANG__MAX];
	int l;

	s->link = str_url(x->a, x->d->c->public_url, "/applications/new");
	/* To every applicant who asked for it: no one organisation to name. */
	roots_new(x, roots, MAIL_ROUND_NEWS, NULL);
	for (l = 0; l < LANG__MAX; l++) {
		vobj_bool(roots[l], "closing", r->closing);
		vobj_str(roots[l], "name", r->name[l]);
		vobj_str(roots[l], "opens", long_date(x->a, r->opens_on, (enum lang)l));
		vobj_str(roots[l], "closes", long_date(x->a, r->closes_on, (enum lang)l));
		days(roots[l], r->days);
		vobj_str(roots[l], "link", s->link);
	}
	return mailtext_both(x->a, x->reqid, &x->d->mail, MAIL_ROUND_NEWS, roots, s->subject, s->body);
}

/* The digest's list of one kind (applications or reports) in language l, or nothing when it has none. */
static void
digest_list(struct texts *x, struct vobj *root, const struct sched_digest *dg, int reports, enum lang l)
{
	const struct sched_item *it;
	struct vobj *o = NULL, *e;
	size_t i, n = 0;

	for (i = 0; i < dg->nitems; i++) {
		it = &dg->items[i];
		if (it->report != reports)
			continue;
		if (o == NULL)
			o = vobj_obj(root, reports ? "reports" : "applications");
		e = vobj_push(o, "list");
		vobj_str(e, "title", it->title[l]);
		vobj_str(e, "org", it->org_name);
		vobj_str(e, "at", fmt_time(x->a, it->submitted_at));
		vobj_str(e, "link", str_url(x->a, x->d->c->public_url,
		    arena_printf(x->a, reports ? "/reports/%lld" : "/applications/%lld", it->id)));
		if (reports) {
			vobj_str(e, "code", it->code);
			vobj_bool(e, "final", it->final);
			vobj_int(e, "year", it->year);
		} else
			vobj_str(e, "round", it->round[l]);
		n++;
	}
	if (o != NULL)
		vobj_int(o, "count", (long long)n);
}

static enum kerr
digest_text(void *ctx, const struct sched_digest *dg, struct outbox_send *s)
{
	struct texts *x = ctx;
	struct vobj *roots[LANG__MAX];
	const struct sched_item *first = &dg->items[0];
	int l;

	/* The first thing listed: where the officer starts. */
	s->link = str_url(x->a, x->d->c->public_url,
	    arena_printf(x->a, first->report ? "/reports/%lld" : "/applications/%lld", first->id));
	roots_new(x, roots, MAIL_DIGEST, NULL);
	for (l = 0; l < LANG__MAX; l++) {
		vobj_str(roots[l], "date", long_date(x->a, x->today, (enum lang)l));
		vobj_str(roots[l], "since", fmt_time(x->a, dg->since));
		digest_list(x, roots[l], dg, 0, (enum lang)l);
		digest_list(x, roots[l], dg, 1, (enum lang)l);
	}
	return mailtext_both(x->a, x->reqid, &x->d->mail, MAIL_DIGEST, roots, s->subject, s->body);
}

/* The programme's day (YYYY-MM-DD) and clock (UTC, as MariaDB writes a DATETIME) at the moment t. */
static void
programme_time(const struct conf *c, long long t, char today[16], char now[32])
{
	long long m = calendar_programme_moment(c->today, t), z = calendar_day_of(m), s = m - z * 86400;
	struct ymd d = calendar_swedish_date(m), u = calendar_date(z);

	snprintf(today, 16, "%04d-%02d-%02d", d.y % 10000, d.m, d.d);
	snprintf(now, 32, "%04d-%02d-%02d %02d:%02d:%02d", u.y % 10000, u.m, u.d, (int)(s / 3600),
	    (int)(s / 60 % 60), (int)(s % 60));
}

static long long
ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (long long)(t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

enum kerr
daily_run(struct daily *d, struct arena *a, long long t)
{
	char today[16], now[32];
	struct texts x = { a, NULL, d, today };
	struct sched_mail m = { &x, report_text, round_text, digest_text };
	struct sched_counts n;
	struct timespec t0;
	enum kerr e;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	programme_time(d->c, t, today, now);
	x.reqid = arena_printf(a, "daily-%s", today);
	if ((e = db_schedule_pass(a, x.reqid, today, now, d->by, &m, &n)) != KERR_OK) {
		log_err(x.reqid, "the daily pass failed: nothing of it was recorded or queued");
		return e;
	}
	snprintf(d->done, sizeof(d->done), "%s", today);
	log_info(x.reqid, "daily pass %u for %s: %zu report reminder(s), %zu round news, %zu digest(s): "
	    "%llu message(s) queued in %lld ms", n.run, today, n.reports, n.rounds, n.digests, n.queued,
	    ms_since(&t0));
	return KERR_OK;
}

void
daily_tick(struct daily *d, struct arena *a, long long t)
{
	char today[16], now[32];
	long long local;
	enum kerr e;
	int ran;

	if (d->at < 0 || t < d->retry_at)
		return;
	programme_time(d->c, t, today, now);
	local = t + calendar_swedish_offset(t);
	if (strcmp(today, d->done) == 0 || (local - calendar_day_of(local) * 86400) / 60 < d->at)
		return;
	/* Run today already (another mailer, or this one before a restart): nothing to do until tomorrow. */
	if ((e = db_schedule_ran(a, NULL, today, &ran)) == KERR_OK && ran) {
		snprintf(d->done, sizeof(d->done), "%s", today);
		return;
	}
	if (e != KERR_OK || daily_run(d, a, t) != KERR_OK)
		d->retry_at = t + 60;
}
