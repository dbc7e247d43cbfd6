/* h_outbox.c - the outbox for ICLD's officers: every e-mail queued, its delivery, the message as sent, retry and cancel. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db_outbox.h"
#include "domain/labels.h"
#include "domain/mailkinds.h"
#include "http/app.h"
#include "http/req.h"
#include "mail/mime.h"
#include "pages/h_outbox.h"
#include "views/list.h"
#include "views/page.h"
#include "views/view.h"

#define ANSWER_SHORT	60	/* bytes of a server's answer the list shows, but of a failed message */

/* ---- GET /outbox ------------------------------------------------------------------------------------ */

enum { OF_ADDRESS, OF_STATE, OF__MAX };

static const struct list_filter outbox_filters[OF__MAX] = {
	[OF_ADDRESS] = { "address", N_("Recipient's address, or part of it"), LF_TEXT, NULL, 0, NULL },
	[OF_STATE] = { "state", N_("State"), LF_ENUM, outbox_states, OUTBOX_NSTATES, NULL },
};

/* One order, the newest first: the headings do not sort. */
static const struct list_col outbox_cols[] = {
	{ .head = N_("When queued") },
	{ .head = N_("Kind") },
	{ .head = N_("Recipient") },
	{ .head = N_("Subject") },
	{ .head = N_("State") },
	{ .head = N_("Attempts"), .num = 1 },
	{ .head = N_("The server's last answer") },
	{ .head = N_("Sent") },
};

static const struct list_spec outbox_spec = {
	.path = "/outbox",
	.filters = outbox_filters,
	.nfilters = OF__MAX,
	.cols = outbox_cols,
	.ncols = sizeof(outbox_cols) / sizeof(outbox_cols[0]),
	.status_filter = OF_STATE,
	.showing = N_("Messages {from} to {to} of {total}, newest first"),
};

/* The words of a kind of e-mail: mailkinds.c's, or kpp-admin's test message. */
static const char *
kind_words(struct req *r, const char *kind)
{
	int k = mail_kind_parse(kind);

	if (k >= 0)
		return tr(r, mail_kind((enum mail_kind)k)->label);
	if (strcmp(kind, "test") == 0)
		return tr(r, N_("Test message"));
	return kind;
}

/* An answer cut to about n bytes, at a character's start, with an ellipsis when cut. */
static const char *
shortened(struct req *r, const char *s, size_t n)
{
	if (s == NULL || strlen(s) <= n)
		return s;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return arena_printf(r->a, "%.*s…", (int)n, s);
}

/* The keys a row and the message's page share. */
static void
view_entry(struct req *r, struct vobj *o, const struct outbox_entry *e)
{
	vobj_str(o, "href", arena_printf(r->a, "/outbox/%lld", e->row.id));
	vobj_str(o, "kind", kind_words(r, e->row.kind));
	/* The message is in its recipient's language, whatever the page's. */
	vobj_str(o, "msg_lang", e->row.lang);
	vobj_str(o, "to_email", e->row.to_email);
	vobj_str(o, "to_name", *e->row.to_name != '\0' ? e->row.to_name : NULL);
	vobj_str(o, "state", e->state);
	vobj_str(o, "state_label", label(r->lang, e->state));
	vobj_str(o, "attempts", fmt_number(r->a, e->row.attempts, r->lang));
	vobj_str(o, "queued", fmt_time(r->a, e->created_at));
	vobj_str(o, "sent", fmt_time(r->a, e->sent_at));
}

/* GET /outbox?address&state&page -> 200 | 400 a state or page off its allow-list | 404 (not an admin) | 503 */
int
h_outbox_list(struct req *r)
{
	struct vobj *sel[LIST_MAXFILTERS], *o;
	struct outbox_filter f;
	struct outbox_entry *rows;
	struct list_count *counts;
	struct list_query q;
	long long total;
	size_t n, ncounts, i;
	enum kerr e;

	if (list_query_parse(r, &outbox_spec, &q) != KERR_OK)
		return 400;
	f.state = q.val[OF_STATE];
	f.like = q.val[OF_ADDRESS] != NULL ? list_like(r->a, q.val[OF_ADDRESS]) : NULL;
	if ((e = db_outbox_page(r->a, r->id, &f, list_offset(&q), LIST_PAGE_SIZE, &rows, &n,
	    &counts, &ncounts)) != KERR_OK)
		return http_status(e);
	vobj_str(r->view, "title", tr(r, N_("Outbox")));
	view_crumb(r, "/outbox", tr(r, N_("Outbox")));
	total = list_view_counts(r, &outbox_spec, &q, counts, ncounts, outbox_states, OUTBOX_NSTATES, label);
	list_view(r, &outbox_spec, &q, total, sel);
	list_view_codes(r, &q, sel[OF_STATE], OF_STATE, outbox_states, OUTBOX_NSTATES);
	for (i = 0; i < n; i++) {
		o = vobj_push(r->view, "rows");
		view_entry(r, o, &rows[i]);
		vobj_str(o, "subject", rows[i].row.subject);
		/* A failed message's answer says why: the whole of it. */
		vobj_str(o, "answer", strcmp(rows[i].state, "failed") == 0 ? rows[i].last_answer :
		    shortened(r, rows[i].last_answer, ANSWER_SHORT));
	}
	return render(r, TPL_OUTBOX);
}

/* ---- GET /outbox/{id} ------------------------------------------------------------------------------- */

/* A UTC "YYYY-MM-DD HH:MM:SS" as seconds since 1970; now when it is no such time. */
static time_t
utc_seconds(const char *s)
{
	int y, mo, d, h, mi, sec;

	if (s == NULL || sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6)
		return time(NULL);
	return (time_t)(calendar_day(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec);
}

/* One line of the headers' list; lang: the language of a value that is text (the Subject), else NULL. */
static void
header_row(struct vobj *v, const char *name, const char *value, const char *lang)
{
	struct vobj *o;

	if (value == NULL)
		return;
	o = vobj_push(v, "headers");
	vobj_str(o, "name", name);
	vobj_str(o, "value", value);
	vobj_str(o, "lang", lang);
}

/*
 * The message's page: its headers and text as kpp-mailer builds it, and its
 * delivery; problem (NULL: none) at the top, with status. Returns the status.
 */
static int
show(struct req *r, long long id, const char *problem, int status)
{
	struct outbox_entry e;
	struct mime_shown m;
	struct mime_msg mm;
	struct vobj *v = r->view;
	const char *raw, *done;
	size_t len;
	enum kerr k;

	if ((k = db_outbox_get(r->a, r->id, id, &e)) != KERR_OK)
		return http_status(k);
	/* Dated as it was sent, or as it would be now. */
	mime_of_row(r->a, &mm, &app.conf, &e.row, utc_seconds(e.sent_at));
	if ((k = mime_build(r->a, &mm, &raw, &len)) == KERR_OK)
		k = mime_read(r->a, raw, len, &m);
	if (problem != NULL)
		view_error(r, "delivery", problem);
	r->status = status;
	vobj_str(v, "title", e.row.subject);
	view_crumb(r, "/outbox", tr(r, N_("Outbox")));
	view_crumb(r, arena_printf(r->a, "/outbox/%lld", id), tr(r, N_("Message")));
	view_entry(r, v, &e);
	vobj_bool(v, "built", k == KERR_OK);
	if (k == KERR_OK) {
		header_row(v, "From", m.from, NULL);
		header_row(v, "Reply-To", m.reply_to, NULL);
		header_row(v, "To", m.to, NULL);
		header_row(v, "Subject", m.subject, e.row.lang);
		header_row(v, "Date", m.date, NULL);
		header_row(v, "Message-ID", m.message_id, NULL);
		header_row(v, "Auto-Submitted", m.auto_submitted, NULL);
		vobj_str(v, "text", m.text);
		vobj_str(v, "source", raw);
	}
	vobj_str(v, "lang_words", strcmp(e.row.lang, "sv") == 0 ? tr(r, N_("Swedish")) : tr(r, N_("English")));
	vobj_str(v, "link", e.link);
	vobj_str(v, "retried", fmt_time(r->a, e.retried_at));
	vobj_str(v, "next_attempt", strcmp(e.state, "queued") == 0 ? fmt_time(r->a, e.next_attempt_at) : NULL);
	vobj_str(v, "lease_holder", e.lease_holder);
	vobj_str(v, "lease_until", fmt_time(r->a, e.lease_until));
	vobj_str(v, "answer", e.last_answer);
	vobj_str(v, "retry_action", strcmp(e.state, "failed") == 0 ?
	    arena_printf(r->a, "/outbox/%lld/retry", id) : NULL);
	vobj_str(v, "cancel_action", strcmp(e.state, "queued") == 0 ?
	    arena_printf(r->a, "/outbox/%lld/cancel", id) : NULL);
	done = req_query(r, "done");
	vobj_str(v, "done", problem != NULL || done == NULL ? NULL :
	    strcmp(done, "retry") == 0 ? tr(r, N_("The message is queued again: it is sent at once, and retried for as long as a new message would be.")) :
	    strcmp(done, "cancel") == 0 ? tr(r, N_("The message is cancelled: it will not be sent.")) : NULL);
	return render(r, TPL_OUTBOX_MESSAGE);
}

/* GET /outbox/{id} -> 200 | 404 no such message, or not an admin | 503 */
int
h_outbox_show(struct req *r)
{
	long long id = path_id(r->args[0]);

	if (id == 0)
		return 404;
	return show(r, id, NULL, 200);
}

/* What the officer is told when the message is no longer in the state their button was for. */
static const char *
moved_on(struct req *r, const char *state, int retry)
{
	if (strcmp(state, "sent") == 0)
		return tr(r, retry ? N_("The message has been sent meanwhile: there is nothing to retry.") :
		    N_("The message was sent before it could be cancelled."));
	if (strcmp(state, "sending") == 0)
		return tr(r, retry ? N_("The message is being sent right now: there is nothing to retry.") :
		    N_("The message is being sent right now and can no longer be cancelled."));
	if (strcmp(state, "cancelled") == 0)
		return tr(r, retry ? N_("The message has been cancelled: it cannot be retried.") :
		    N_("The message has been cancelled already."));
	if (strcmp(state, "queued") == 0)
		return tr(r, N_("The message is queued already: it is sent as soon as it is due."));
	return tr(r, N_("The message has failed: it is not queued any more, so there is nothing to cancel. Retry it instead."));
}

static int
change(struct req *r, int retry)
{
	long long id = path_id(r->args[0]);
	const char *state = NULL;
	enum kerr e;

	if (id == 0)
		return 404;
	e = retry ? db_outbox_officer_retry(r, id, &state) : db_outbox_officer_cancel(r, id, &state);
	if (e == KERR_CONFLICT)
		return show(r, id, moved_on(r, state, retry), 409);
	if (e != KERR_OK)
		return http_status(e);
	return redirect(r, arena_printf(r->a, "/outbox/%lld?done=%s", id, retry ? "retry" : "cancel"));
}

/* POST /outbox/{id}/retry -> 303 the message, queued again | 409 the message, not failed (any more) | 404 | 503 */
int
h_outbox_retry(struct req *r)
{
	return change(r, 1);
}

/* POST /outbox/{id}/cancel -> 303 the message, cancelled | 409 the message, not queued (any more) | 404 | 503 */
int
h_outbox_cancel(struct req *r)
{
	return change(r, 0);
}
