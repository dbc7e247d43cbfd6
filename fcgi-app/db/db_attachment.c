/* db_attachment.c - SQL for attachments: inserting an upload's row, reading one confined to its owner, listing, removing. */
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/db_attachment.h"
#include "db/db_auth.h"
#include "db/db_report.h"
#include "http/app.h"
#include "http/req.h"
#include "http/upload.h"

#define FILENAME_CHARS	255	/* attachments.filename VARCHAR(255) */

enum q {
	Q_INSERT,
	Q_GET,
	Q_LIST,
	Q_COUNT,
	Q_REPORT_LOCK,
	Q_OF_REPORT,
	Q_DELETE,
	Q_SUBMITTED,
	Q__MAX
};

/*
 * Every read returns these columns; the owner is the applicant of the
 * report's project's application, or of the attachment's application.
 */
#define ATTACHMENT_COLUMNS "SELECT a.id, a.report_id, a.application_id, " \
	"r.project_id, p.code, COALESCE(pa.applicant_org_id, aa.applicant_org_id), " \
	"a.sha256, a.filename, a.mime, a.size, a.uploaded_by, u.name, " \
	"DATE_FORMAT(a.uploaded_at, '%Y-%m-%d %H:%i:%s'), a.submitted_revision " \
	"FROM attachments a " \
	"LEFT JOIN reports r ON r.id = a.report_id " \
	"LEFT JOIN projects p ON p.id = r.project_id " \
	"LEFT JOIN applications pa ON pa.id = p.application_id " \
	"LEFT JOIN applications aa ON aa.id = a.application_id " \
	"JOIN users u ON u.id = a.uploaded_by "

static struct dbstmt q[Q__MAX] = {
	[Q_INSERT] = { "INSERT INTO attachments (report_id, sha256, filename, mime, "
	    "size, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    NULL, 0 },
	[Q_GET] = { ATTACHMENT_COLUMNS "WHERE a.id = ? AND (? = 0 OR "
	    "COALESCE(pa.applicant_org_id, aa.applicant_org_id) = ?)", NULL, 0 },
	[Q_LIST] = { ATTACHMENT_COLUMNS "WHERE a.report_id = ? "
	    "ORDER BY a.uploaded_at, a.id", NULL, 0 },
	[Q_COUNT] = { "SELECT COUNT(*) FROM attachments WHERE report_id = ?", NULL, 0 },
	/* As a save of the report locks it (db_report.c): a removal and a submission wait for each other. */
	[Q_REPORT_LOCK] = { "SELECT rp.status, p.status FROM reports rp "
	    "JOIN projects p ON p.id = rp.project_id JOIN applications a ON a.id = p.application_id "
	    "WHERE rp.id = ? AND (? = 0 OR a.applicant_org_id = ?) FOR UPDATE", NULL, 0 },
	[Q_OF_REPORT] = { "SELECT filename, mime, size, sha256, submitted_revision IS NOT NULL "
	    "FROM attachments WHERE id = ? AND report_id = ?", NULL, 0 },
	[Q_DELETE] = { "DELETE FROM attachments WHERE id = ? AND report_id = ? "
	    "AND submitted_revision IS NULL", NULL, 0 },
	[Q_SUBMITTED] = { "UPDATE attachments SET submitted_revision = ? "
	    "WHERE report_id = ? AND submitted_revision IS NULL", NULL, 0 },
};

static void
attachment_of(const struct dbres *res, size_t i, struct attachment *a)
{
	a->id = db_ll(res, i, 0);
	a->report_id = db_ll(res, i, 1);
	a->application_id = db_ll(res, i, 2);
	a->project_id = db_ll(res, i, 3);
	a->project_code = db_str(res, i, 4);
	a->org_id = db_ll(res, i, 5);
	a->sha256 = db_str(res, i, 6);
	a->filename = db_str(res, i, 7);
	a->mime = db_str(res, i, 8);
	a->size = db_ll(res, i, 9);
	a->uploaded_by = db_ll(res, i, 10);
	a->uploaded_by_name = db_str(res, i, 11);
	a->uploaded_at = db_str(res, i, 12);
	a->revision = (int)db_ll(res, i, 13);
}

/* s cut to n characters (code points), in the arena when cut. */
static const char *
cut_chars(struct req *r, const char *s, size_t n)
{
	const char *p = s;

	for (; *p != '\0'; p++)
		if (((unsigned char)*p & 0xc0) != 0x80 && n-- == 0)
			return arena_strndup(r->a, s, (size_t)(p - s));
	return s;
}

enum kerr
db_attachment_insert(struct req *r, long long report_id,
    const struct upload *u, long long *id)
{
	char now[APP_STAMP_LEN];
	unsigned long long newid;
	const char *name;
	enum kerr e;

	if ((e = upload_commit(r, u)) != KERR_OK)
		return e;
	name = cut_chars(r, u->filename, FILENAME_CHARS);
	if ((e = db_exec(r->id, &q[Q_INSERT], NULL, &newid, "isssuis", report_id,
	    u->sha256, name, u->type, u->size,
	    r->sess != NULL ? r->sess->user.id : 0, app_stamp(now))) != KERR_OK)
		return e;
	if ((e = db_audit(r, 0, "report.attach", "report", report_id, NULL,
	    arena_printf(r->a, "{\"attachment\": %llu, \"filename\": %s, "
	    "\"type\": %s, \"size\": %llu, \"sha256\": %s}", newid,
	    json_str(r->a, name), json_str(r->a, u->type), u->size,
	    json_str(r->a, u->sha256)))) != KERR_OK)
		return e;
	if (id != NULL)
		*id = (long long)newid;
	return KERR_OK;
}

enum kerr
db_attachment_get(struct arena *a, const char *reqid, long long id, long long org_id,
    struct attachment *out)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(a, reqid, &q[Q_GET], &res, "iii", id, org_id,
	    org_id)) != KERR_OK)
		return e;
	if (res.nrows == 0)
		return KERR_NOTFOUND;
	attachment_of(&res, 0, out);
	return KERR_OK;
}

enum kerr
db_attachment_list(struct arena *a, const char *reqid, long long report_id,
    struct attachment **out, size_t *n)
{
	struct dbres res;
	enum kerr e;
	size_t i;

	if ((e = db_query(a, reqid, &q[Q_LIST], &res, "i", report_id)) != KERR_OK)
		return e;
	*out = arena_calloc(a, res.nrows + 1, sizeof(**out));
	for (i = 0; i < res.nrows; i++)
		attachment_of(&res, i, &(*out)[i]);
	*n = res.nrows;
	return KERR_OK;
}

enum kerr
db_attachment_count(struct arena *a, const char *reqid, long long report_id, size_t *n)
{
	struct dbres res;
	enum kerr e;

	if ((e = db_query(a, reqid, &q[Q_COUNT], &res, "i", report_id)) != KERR_OK)
		return e;
	*n = (size_t)db_ll(&res, 0, 0);
	return KERR_OK;
}

enum kerr
db_attachment_remove(struct req *r, long long report_id, long long id,
    long long org_id, struct attachment_refusal *why)
{
	struct dbres res;
	enum kerr e;

	memset(why, 0, sizeof(*why));
	if ((e = db_begin(r->id)) != KERR_OK)
		return e;
	if ((e = db_query_row(r->a, r->id, &q[Q_REPORT_LOCK], &res, "iii", report_id, org_id,
	    org_id)) != KERR_OK)
		goto out;
	why->status = res.rows[0][0];
	why->project_status = res.rows[0][1];
	if ((e = db_query_row(r->a, r->id, &q[Q_OF_REPORT], &res, "ii", id, report_id)) != KERR_OK)
		goto out;
	why->filename = res.rows[0][0];
	why->sent = db_ll(&res, 0, 4) != 0;
	if (!report_editable(why->status, why->project_status) || why->sent) {
		e = KERR_FORBIDDEN;
		goto out;
	}
	/* The row only: the file may be another row's too (it is stored once by its content). */
	if ((e = db_exec(r->id, &q[Q_DELETE], NULL, NULL, "ii", id, report_id)) != KERR_OK ||
	    (e = db_audit(r, 0, "report.detach", "report", report_id,
	    arena_printf(r->a, "{\"attachment\": %lld, \"filename\": %s, \"type\": %s, "
	    "\"size\": %lld, \"sha256\": %s}", id, json_str(r->a, res.rows[0][0]),
	    json_str(r->a, res.rows[0][1]), db_ll(&res, 0, 2), json_str(r->a, res.rows[0][3])),
	    NULL)) != KERR_OK)
		goto out;
	return db_commit(r->id);
out:
	db_rollback(r->id);
	return e;
}

enum kerr
db_attachment_submitted(const char *reqid, long long report_id, int revision)
{
	return db_exec(reqid, &q[Q_SUBMITTED], NULL, NULL, "ii", (long long)revision, report_id);
}
