/* auditview.c - an audit row as pages show it: its record, action and changed fields in words, for who reads them. */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/fmt.h"
#include "core/i18n.h"
#include "db/db_auditlog.h"
#include "domain/labels.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/req.h"
#include "http/route.h"
#include "views/auditfmt.h"
#include "views/auditshow.h"
#include "views/auditview.h"
#include "views/view.h"

/*
 * The kinds of record the log names (audit_log.entity), which the filter
 * offers: its allow-list. Other kinds show as stored.
 */
const struct audit_entity audit_entities[] = {
	{ "application", N_("Application") },
	{ "country", N_("Country") },
	{ "decision", N_("Decision") },
	{ "disbursement", N_("Payment") },
	{ "organisation", N_("Organisation") },
	{ "outbox", N_("E-mail") },
	{ "project", N_("Project") },
	{ "report", N_("Report") },
	{ "review", N_("Review") },
	{ "round", N_("Round") },
	{ "thematic_area", N_("Thematic area") },
	{ "user", N_("User") },
};

const size_t naudit_entities = sizeof(audit_entities) / sizeof(audit_entities[0]);

const char *
audit_entity_label(enum lang l, const char *code)
{
	size_t i;

	for (i = 0; i < naudit_entities; i++)
		if (strcmp(audit_entities[i].code, code) == 0)
			return i18n_tr(l, audit_entities[i].msgid);
	return code;
}

/* An action in words; one the table does not know shows as stored. */
const char *
audit_action_label(enum lang l, const char *code)
{
	const struct audit_action *a = auditshow_action(code);

	return a != NULL ? i18n_tr(l, a->msgid) : code;
}

/* path, when a page an admin may open is routed there; else NULL. The fragment is not routed. */
static const char *
routed(struct req *r, const char *path)
{
	const char *args[REQ_MAXARGS], *allow, *hash = strchr(path, '#');
	const struct route *rt;
	enum kerr e;

	rt = route_find(METHOD_GET, hash != NULL ? arena_strndup(r->a, path,
	    (size_t)(hash - path)) : path, args, r->a, &e, &allow);
	return rt != NULL && (rt->may & MAY_ADMIN) ? path : NULL;
}

/* The page of the record an audit row is about, for ICLD's officers; NULL when it has none. */
static const char *
record_href(struct req *r, const struct audit_entry *e)
{
	const char *s = e->entity;

	if (strcmp(s, "project") == 0 && e->project_code != NULL)
		return routed(r, arena_printf(r->a, "/projects/%s", e->project_code));
	if (strcmp(s, "report") == 0 && e->project_code != NULL)
		return routed(r, arena_printf(r->a, "/projects/%s#reports", e->project_code));
	if (strcmp(s, "disbursement") == 0 && e->project_code != NULL)
		return routed(r, arena_printf(r->a, "/projects/%s#payments", e->project_code));
	if ((strcmp(s, "decision") == 0 || strcmp(s, "review") == 0) &&
	    e->application_id > 0)
		return routed(r, arena_printf(r->a, "/applications/%lld", e->application_id));
	if (e->entity_id <= 0)
		return NULL;
	if (strcmp(s, "application") == 0)
		return routed(r, arena_printf(r->a, "/applications/%lld", e->entity_id));
	if (strcmp(s, "round") == 0)
		return routed(r, arena_printf(r->a, "/rounds/%lld/edit", e->entity_id));
	if (strcmp(s, "user") == 0)
		return routed(r, arena_printf(r->a, "/users/%lld", e->entity_id));
	if (strcmp(s, "organisation") == 0)
		return routed(r, arena_printf(r->a, "/organisations/%lld", e->entity_id));
	if (strcmp(s, "outbox") == 0)
		return routed(r, arena_printf(r->a, "/outbox/%lld", e->entity_id));
	return NULL;
}

/* A field's path with a zero-width space after each dot, where a long one may break: "rules.project.max_amount". */
static const char *
breakable(struct req *r, const char *path)
{
	struct buf b;

	buf_init(&b, r->a, strlen(path) + 16);
	for (; *path != '\0'; path++) {
		buf_putc(&b, *path);
		if (*path == '.' && path[1] != '\0')
			buf_puts(&b, "\xe2\x80\x8b");
	}
	return b.data;
}

/*
 * A value of a change to a record of entity as people read it, as the table says the field reads
 * (a report's statuses in its own words); NULL for none.
 */
static const char *
change_value(struct req *r, const char *entity, const struct audit_field *f, const char *v,
    int string)
{
	const char *t;
	long long n;

	if (v == NULL || (!string && strcmp(v, "null") == 0))
		return NULL;
	switch (f != NULL ? f->value : AV_TEXT) {
	case AV_CODE:
		if (!string)
			return v;
		return strcmp(entity, "report") == 0 ? label_report(r->lang, v) : label(r->lang, v);
	case AV_AMOUNT:
		return !string && valid_int_range(v, 0, VALID_AMOUNT_MAX, &n) == KERR_OK ?
		    fmt_amount(r->a, n, r->lang) : v;
	case AV_YESNO:
		if (!string && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0))
			return i18n_tr(r->lang, N_("Yes"));
		if (!string && (strcmp(v, "0") == 0 || strcmp(v, "false") == 0))
			return i18n_tr(r->lang, N_("No"));
		return v;
	case AV_TIME:
		/* Links made before times were kept with their seconds are shown as stored, in UTC. */
		return string && (t = fmt_time(r->a, v)) != NULL ? t : v;
	case AV_TEXT:
		break;
	}
	return v;
}

/* The row as _audit_row.html reads it; a field the role may not read is left out. */
void
view_audit_entry(struct req *r, struct vobj *o, const struct audit_entry *e,
    int links)
{
	enum role role = r->sess->user.role;
	const struct audit_field *f;
	struct audit_change *c;
	struct vobj *w;
	size_t n, i;
	int shown = 0;

	vobj_int(o, "audit_id", e->id);
	vobj_str(o, "when", fmt_time(r->a, e->at));
	vobj_str(o, "who", e->user_id > 0 ? e->user_name : NULL);
	vobj_str(o, "email", e->user_id > 0 ? e->user_email : NULL);
	vobj_str(o, "what", audit_action_label(r->lang, e->action));
	/* A no-break space keeps "Report 199" on one line in a narrow column. */
	vobj_str(o, "record", strcmp(e->entity, "project") == 0 &&
	    e->project_code != NULL ? arena_printf(r->a, "%s\xc2\xa0%s",
	    audit_entity_label(r->lang, e->entity), e->project_code) :
	    e->entity_id > 0 ? arena_printf(r->a, "%s\xc2\xa0%lld",
	    audit_entity_label(r->lang, e->entity), e->entity_id) :
	    audit_entity_label(r->lang, e->entity));
	vobj_str(o, "href", links ? record_href(r, e) : NULL);
	vobj_bool(o, "unreadable", 0);
	vobj_str(o, "raw_before", NULL);
	vobj_str(o, "raw_after", NULL);
	vobj_bool(o, "has_changes", 0);
	if (auditfmt_changes(r->a, e->before, e->after, &c, &n) != KERR_OK) {
		/* Not JSON after all: shown as stored rather than not at all, to ICLD, who reads every field. */
		if ((AUDIT_ICLD & (1u << role)) != 0) {
			vobj_bool(o, "unreadable", 1);
			vobj_str(o, "raw_before", e->before);
			vobj_str(o, "raw_after", e->after);
		}
		return;
	}
	for (i = 0; i < n; i++) {
		if (!auditshow_may_read_field(role, e->action, c[i].field))
			continue;
		f = auditshow_field(e->action, c[i].field);
		w = vobj_push(o, "changes");
		shown++;
		/* A field without words (a row the table lacks) shows as its path. */
		vobj_str(w, "field", f != NULL ? auditshow_field_words(r->a, r->lang,
		    e->action, c[i].field) : NULL);
		vobj_str(w, "path", f == NULL && *c[i].field != '\0' ?
		    breakable(r, c[i].field) : NULL);
		vobj_str(w, "before", change_value(r, e->entity, f, c[i].before,
		    c[i].before_string));
		vobj_str(w, "after", change_value(r, e->entity, f, c[i].after,
		    c[i].after_string));
	}
	vobj_bool(o, "has_changes", shown > 0);
}
