/* db_attachment.h - SQL for attachments: what is known of each uploaded file (its content is on disk). */
#ifndef KPP_DB_ATTACHMENT_H
#define KPP_DB_ATTACHMENT_H

#include <stddef.h>

#include "core/kerr.h"

struct arena;
struct req;
struct upload;

/* An attachments row with its owners; strings in the request's arena. */
struct attachment {
	long long		 id;
	long long		 report_id;		/* 0 when it belongs to an application */
	long long		 application_id;	/* 0 when it belongs to a report */
	long long		 project_id;		/* the report's project; 0 for an application's */
	const char		*project_code;		/* the report's project's code; NULL for an application's */
	long long		 org_id;		/* the Swedish member that owns the project or application */
	const char		*sha256;		/* names the file (attach_send()) */
	const char		*filename;		/* as uploaded, without directories */
	const char		*mime;			/* the type kpp found in the content */
	long long		 size;			/* bytes */
	long long		 uploaded_by;		/* users.id */
	const char		*uploaded_by_name;
	const char		*uploaded_at;		/* YYYY-MM-DD HH:MM:SS, UTC */
	int			 revision;		/* the report's revision that first held it; 0: not submitted */
};

/*
 * Attaches the uploaded file u (u->err must be ATTACH_OK) to report
 * report_id, uploaded by the signed-in person: first makes the file
 * permanent on disk (upload_commit(); so a row never names a missing
 * file), then inserts the row (the name cut to the column's 255
 * characters) and its audit row "report.attach". Call it inside the
 * handler's transaction, after checking that the person may change the
 * report. Returns KERR_OK with the new row's id in *id (may be NULL),
 * KERR_INVALID for a refused file, KERR_SYSTEM (disk) or KERR_DB.
 */
enum kerr	 db_attachment_insert(struct req *r, long long report_id,
		    const struct upload *u, long long *id);

/*
 * The attachment id, when org_id is 0 (ICLD and Sida) or owns the report's
 * project or the application it belongs to: KERR_NOTFOUND otherwise, as
 * other organisations' records do not exist for an applicant. The caller
 * still checks that the person may see that report (its status, role).
 */
enum kerr	 db_attachment_get(struct arena *a, const char *reqid, long long id,
		    long long org_id, struct attachment *out);

/*
 * The attachments of report report_id, oldest first, in *out (the arena;
 * *n of them). Not confined: read the report, confined, first.
 */
enum kerr	 db_attachment_list(struct arena *a, const char *reqid, long long report_id,
		    struct attachment **out, size_t *n);

/* How many files report report_id has, in *n. Not confined. KERR_OK or KERR_DB. */
enum kerr	 db_attachment_count(struct arena *a, const char *reqid,
		    long long report_id, size_t *n);

/* Why db_attachment_remove() refused; strings in the request's arena. */
struct attachment_refusal {
	const char	*status;		/* the report's status; NULL when it is not org_id's */
	const char	*project_status;
	const char	*filename;		/* the file's name; NULL when the report has no such file */
	int		 sent;			/* submitted to ICLD with the report */
};

/*
 * Marks the files of report report_id not yet submitted as first held by
 * its revision revision: call it in the submission's transaction, after
 * the files sent with it are attached. KERR_OK or KERR_DB.
 */
enum kerr	 db_attachment_submitted(const char *reqid, long long report_id, int revision);

/*
 * Removes attachment id from report report_id when org_id is 0 or owns
 * the report, the report can still be changed (report_editable()) and the
 * file was not submitted with it: a file ICLD has received stays in the
 * report's history (each revision lists the files it was submitted with).
 * Deletes the row only, with its audit row "report.detach", in one
 * transaction that locks the report as a save does; the file stays on
 * disk, as other rows may name the same content. Returns KERR_OK;
 * KERR_NOTFOUND when the report is not org_id's (why->status NULL) or has
 * no such file (why->filename NULL: a removal sent twice); KERR_FORBIDDEN
 * when it may not be removed (why says why); KERR_DB.
 */
enum kerr	 db_attachment_remove(struct req *r, long long report_id,
		    long long id, long long org_id, struct attachment_refusal *why);

#endif
