/* h_audit.c - the audit log for ICLD's officers (GET /audit); auditview.c shows its rows. */
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db_auditlog.h"
#include "domain/rules.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/req.h"
#include "pages/h_audit.h"
#include "views/auditfmt.h"
#include "views/auditshow.h"
#include "views/auditview.h"
#include "views/list.h"
#include "views/view.h"

/* ---- GET /audit ------------------------------------------------------------------------------------- */

enum { AF_USER, AF_ENTITY, AF_RECORD, AF_ACTION, AF_FROM, AF_TO, AF__MAX };

/*
 * The query string. Who (an account's id, or "system"), the kind of
 * record and the action are checked against what the selects offer; the
 * number and the dates are typed, and what is wrong with them is said
 * beside their fields. The page builds its own form (view_filters).
 */
static const struct list_filter audit_filters[AF__MAX] = {
	[AF_USER] = { "user", NULL, LF_CODE, NULL, 0, NULL },
	[AF_ENTITY] = { "entity", NULL, LF_CODE, NULL, 0, NULL },
	[AF_RECORD] = { "record", NULL, LF_TEXT, NULL, 0, NULL },
	[AF_ACTION] = { "action", NULL, LF_CODE, NULL, 0, NULL },
	[AF_FROM] = { "from", NULL, LF_TEXT, NULL, 0, NULL },
	[AF_TO] = { "to", NULL, LF_TEXT, NULL, 0, NULL },
};

/* One order: the newest first. */
static const struct list_spec audit_spec = {
	.path = "/audit",
	.filters = audit_filters,
	.nfilters = AF__MAX,
	.showing = N_("Entries {from} to {to} of {total}, newest first"),
};

/* The filters as typed (kept on the page; "" when none) and as understood. */
struct audit_form {
	const char	*user, *entity, *record, *action, *from, *to;
	const char	*err_entity, *err_record, *err_from, *err_to;
	struct audit_filter f;
	struct list_query q;
};

/* Every key _app_field.html reads, so that none shows an outer scope's value. */
static struct vobj *
filter_field(struct req *r, const char *key, const char *id, const char *lbl,
    const char *hint, const char *value, const char *error)
{
	struct vobj *o = vobj_obj(r->view, key);

	vobj_str(o, "id", id);
	vobj_str(o, "name", id);
	vobj_str(o, "label", lbl);
	vobj_str(o, "hint", hint);
	vobj_str(o, "error", error);
	vobj_str(o, "value", value);
	vobj_str(o, "describedby", hint != NULL && error != NULL ?
	    arena_printf(r->a, "%s-hint %s-error", id, id) : hint != NULL ?
	    arena_printf(r->a, "%s-hint", id) : error != NULL ?
	    arena_printf(r->a, "%s-error", id) : NULL);
	vobj_bool(o, "textarea", 0);
	vobj_str(o, "type", "text");
	vobj_str(o, "width", "input-medium");
	vobj_str(o, "lang", NULL);
	vobj_str(o, "autocomplete", "off");
	vobj_bool(o, "numeric", 0);
	vobj_str(o, "maxlength", NULL);
	vobj_bool(o, "visually_hidden_label", 0);
	return o;
}

/* Every key _app_select.html reads; options with opt(). */
static struct vobj *
filter_select(struct req *r, const char *key, const char *id, const char *lbl,
    const char *none, const char *error)
{
	struct vobj *o = vobj_obj(r->view, key);

	vobj_str(o, "id", id);
	vobj_str(o, "label", lbl);
	vobj_str(o, "hint", NULL);
	vobj_str(o, "error", error);
	vobj_str(o, "none", none);
	vobj_str(o, "describedby", error != NULL ?
	    arena_printf(r->a, "%s-error", id) : NULL);
	vobj_bool(o, "visually_hidden_label", 0);
	vobj_bool(o, "opts", 0);
	vobj_bool(o, "groups", 0);
	return o;
}

static void
opt(struct vobj *s, const char *value, const char *lbl, const char *chosen)
{
	struct vobj *o = vobj_push(s, "opts");

	vobj_str(o, "value", value);
	vobj_str(o, "label", lbl);
	vobj_bool(o, "selected", chosen != NULL && strcmp(value, chosen) == 0);
}

static const char *
or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* A typed date: *utc set when there is one (the next day's start with next_day), *err when it is no date. */
static void
read_date_filter(struct req *r, const char *s, int next_day, const char **utc,
    const char **err)
{
	int y, m, d;

	*utc = NULL;
	if (*s == '\0')
		return;
	if (valid_date(s, &y, &m, &d) != KERR_OK)
		*err = i18n_tr(r->lang, N_("Enter the date as a real date, such as 2016-05-31"));
	else
		*utc = auditfmt_day_start_utc(r->a, y, m, next_day ? d + 1 : d);
}

/*
 * Reads the query. Values only a select offers (user, kind of record,
 * action) or the pager writes (page) that are none of them make the
 * request a 400: no form sends them. Typed values that are wrong (a
 * record number, dates) are noted for their fields. Returns 0 or 400.
 */
static int
form_read(struct req *r, struct audit_form *a)
{
	long long v;
	size_t i;

	memset(a, 0, sizeof(*a));
	if (list_query_parse(r, &audit_spec, &a->q) != KERR_OK)
		return 400;
	a->user = or_empty(a->q.val[AF_USER]);
	a->entity = or_empty(a->q.val[AF_ENTITY]);
	a->record = or_empty(a->q.val[AF_RECORD]);
	a->action = or_empty(a->q.val[AF_ACTION]);
	a->from = or_empty(a->q.val[AF_FROM]);
	a->to = or_empty(a->q.val[AF_TO]);

	if (strcmp(a->user, "system") == 0)
		a->f.system = 1;
	else if (*a->user != '\0') {
		/* Checked against the accounts once they are read. */
		if (valid_int_range(a->user, 1, 4294967295LL, &v) != KERR_OK)
			return 400;
		a->f.user_id = v;
	}
	if (*a->entity != '\0') {
		for (i = 0; i < naudit_entities && strcmp(audit_entities[i].code, a->entity) != 0; i++)
			;
		if (i == naudit_entities)
			return 400;
		a->f.entity = audit_entities[i].code;
	}
	/* Checked against the log's actions once they are read. */
	if (*a->action != '\0')
		a->f.action = a->action;

	if (*a->record != '\0') {
		if (valid_int_range(a->record, 1, 999999999999LL, &v) != KERR_OK)
			a->err_record = i18n_tr(r->lang, N_("Enter the record's number in digits, such as 84"));
		else if (a->f.entity == NULL)
			a->err_entity = i18n_tr(r->lang, N_("Choose the kind of record the number belongs to"));
		else
			a->f.entity_id = v;
	}
	read_date_filter(r, a->from, 0, &a->f.from_utc, &a->err_from);
	/* "To" includes its whole day: the log is read up to the next day's start. */
	read_date_filter(r, a->to, 1, &a->f.to_utc, &a->err_to);
	if (a->f.from_utc != NULL && a->f.to_utc != NULL &&
	    strcmp(a->f.to_utc, a->f.from_utc) <= 0)
		a->err_to = i18n_tr(r->lang, N_("Enter an end date that is the same as or after the start date"));
	if (a->err_entity != NULL)
		view_error(r, "entity", a->err_entity);
	if (a->err_record != NULL)
		view_error(r, "record", a->err_record);
	if (a->err_from != NULL)
		view_error(r, "from", a->err_from);
	if (a->err_to != NULL)
		view_error(r, "to", a->err_to);
	return 0;
}

static int
has_errors(const struct audit_form *a)
{
	return a->err_entity != NULL || a->err_record != NULL ||
	    a->err_from != NULL || a->err_to != NULL;
}

/* A date picker; what was typed that is no date comes back as text, as an <input type="date"> may not hold it. */
static void
date_field(struct req *r, const char *key, const char *id, const char *msgid,
    const char *value, const char *error)
{
	struct vobj *s = filter_field(r, key, id, i18n_tr(r->lang, msgid), NULL, value, error);
	int y, m, d;

	vobj_str(s, "type", *value == '\0' || valid_date(value, &y, &m, &d) == KERR_OK ?
	    "date" : "text");
	vobj_str(s, "width", "");
}

static void
view_filters(struct req *r, const struct audit_form *a, const struct audit_page *pg)
{
	struct vobj *s;
	size_t i;

	s = filter_select(r, "f_user", "user", i18n_tr(r->lang, N_("Who")),
	    i18n_tr(r->lang, N_("Anyone")), NULL);
	opt(s, "system", i18n_tr(r->lang, N_("System")), a->user);
	for (i = 0; i < pg->nusers; i++)
		opt(s, arena_printf(r->a, "%lld", pg->users[i].id),
		    arena_printf(r->a, "%s (%s)", pg->users[i].name,
		    pg->users[i].email), a->user);

	s = filter_select(r, "f_entity", "entity", i18n_tr(r->lang, N_("Kind of record")),
	    i18n_tr(r->lang, N_("Any")), a->err_entity);
	for (i = 0; i < naudit_entities; i++)
		opt(s, audit_entities[i].code, i18n_tr(r->lang, audit_entities[i].msgid), a->entity);
	s = filter_field(r, "f_record", "record", i18n_tr(r->lang, N_("Record number")),
	    i18n_tr(r->lang, N_("With a kind of record: the number in its address, such as 84")),
	    a->record, a->err_record);
	vobj_bool(s, "numeric", 1);
	vobj_str(s, "width", "input-short");

	s = filter_select(r, "f_action", "action", i18n_tr(r->lang, N_("What")),
	    i18n_tr(r->lang, N_("Anything")), NULL);
	for (i = 0; i < pg->nactions; i++)
		opt(s, pg->actions[i], audit_action_label(r->lang, pg->actions[i]), a->action);

	date_field(r, "f_from", "from", N_("From"), a->from, a->err_from);
	date_field(r, "f_to", "to", N_("Up to and including"), a->to, a->err_to);
}

/* GET /audit?user&entity&record&action&from&to&page -> 200 | 400 (a value no form offers; a typed one is shown by its field) | 404 (not an admin) | 503 */
int
h_audit_list(struct req *r)
{
	struct list_query first;
	struct audit_form a;
	struct audit_page pg;
	struct vobj *o;
	const char *showing;
	size_t i;
	enum kerr e;
	int status, ok;

	if ((status = form_read(r, &a)) != 0)
		return status;
	if ((e = db_auditlog_page(r->a, r->id, &a.f, list_offset(&a.q),
	    has_errors(&a) ? 0 : LIST_PAGE_SIZE, &pg)) != KERR_OK)
		return http_status(e);
	if (a.f.user_id > 0) {
		for (i = 0, ok = 0; i < pg.nusers; i++)
			ok |= pg.users[i].id == a.f.user_id;
		if (!ok)
			return 400;
	}
	if (a.f.action != NULL) {
		for (i = 0, ok = 0; i < pg.nactions; i++)
			ok |= strcmp(pg.actions[i], a.f.action) == 0;
		if (!ok)
			return 400;
	}

	vobj_str(r->view, "title", i18n_tr(r->lang, N_("Audit log")));
	view_filters(r, &a, &pg);
	vobj_bool(r->view, "breadcrumbs", 1);
	o = vobj_push(r->view, "crumbs");
	vobj_str(o, "href", "/audit");
	vobj_str(o, "text", i18n_tr(r->lang, N_("Audit log")));
	if (has_errors(&a)) {
		r->status = 400;
		return render(r, TPL_AUDIT);
	}

	o = vobj_obj(r->view, "results");
	showing = list_showing(r, &audit_spec, &a.q, pg.total);
	vobj_str(o, "count_text", showing != NULL ? showing : rules_fill(r->a,
	    i18n_tr(r->lang, pg.total == 1 ? N_("1 entry") : N_("{total} entries")),
	    (const char *const []){ "total", fmt_number(r->a, pg.total, r->lang), NULL }));
	vobj_bool(o, "has_rows", pg.nrows > 0);
	vobj_bool(o, "past_last", pg.nrows == 0 && pg.total > 0);
	first = a.q;
	first.page = 1;
	vobj_str(o, "first_href", list_href(r, &audit_spec, &first, ""));
	for (i = 0; i < pg.nrows; i++)
		view_audit_entry(r, vobj_push(o, "entries"), &pg.rows[i], 1);
	list_view_paging(r, &audit_spec, &a.q, pg.total);
	return render(r, TPL_AUDIT);
}
