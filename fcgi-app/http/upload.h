/* upload.h - file uploads for handlers: a multipart/form-data POST read into the form and the files' verdicts. */
#ifndef KPP_UPLOAD_H
#define KPP_UPLOAD_H

#include <stddef.h>

#include "core/kerr.h"
#include "http/attach_store.h"
#include "http/sniff.h"

struct req;

/*
 * How a page takes files
 * ----------------------
 * 1. Its POST route has the flag ROUTE_UPLOAD (route.h). Only such routes
 *    accept multipart/form-data; any other answers 415. Its form says
 *    method="post" enctype="multipart/form-data" and carries the csrf
 *    field like every form (put it first: a wrong token then stops the
 *    upload before any file is written).
 * 2. Before the handler runs, loop.c has read the body streaming
 *    (upload_read_body()): the ordinary fields are in r->form, read with
 *    req_form() as for any POST; the CSRF token has been checked (403
 *    otherwise); each file part is a struct upload in r->uploads, its
 *    content in a temporary file, not yet kept. A body over [app]
 *    max_body was 413, a malformed or truncated one 400: the handler
 *    never sees those, and nothing of them is stored.
 * 3. u = upload_get(r, "accounts"): NULL when the form had no such file
 *    field; otherwise u->err says what became of it (ATTACH_EMPTY: no
 *    file chosen, or an empty one). When it is not ATTACH_OK, show
 *    upload_error_text() (or the page's own words) next to the field with
 *    view_error(r, "accounts", ...) and render the form again with the
 *    other input kept; the browser cannot keep the file itself. u->kind
 *    lets a field take fewer kinds (photos: SNIFF_JPEG, SNIFF_PNG).
 * 4. To keep a file: db_attachment_insert(r, report_id, u, &id)
 *    (db_attachment.h) in the handler's transaction, then 303. It first
 *    commits the file to its place on disk (upload_commit(): fsynced,
 *    linked by its SHA-256), then writes its row and audit row, so a
 *    database failure leaves at most a file that nothing names, never a
 *    row without its file.
 * 5. Everything not committed is deleted when the request ends, whatever
 *    the status; a handler that refuses the form commits nothing.
 * 6. Serving a file back: db_attachment_get() (confined to the person's
 *    organisation), then return attach_send(r, a.sha256, a.filename,
 *    a.mime) from a GET handler (attach_store.h).
 */

/* One file part of the request; the strings live in the request's arena. */
struct upload {
	const char		*field;		/* the form field's name */
	const char		*filename;	/* as sent, without directories; "" when none */
	enum attach_err		 err;		/* ATTACH_OK, or why it is refused */
	enum sniff_kind		 kind;		/* what it is (SNIFF_NONE unless ATTACH_OK) */
	const char		*type;		/* the media type to store, by content; NULL unless ATTACH_OK */
	unsigned long long	 size;		/* bytes received */
	char			 sha256[65];	/* its SHA-256, lower-case hex; "" unless ATTACH_OK */
	struct attach_tmp	*tmp;		/* the store's state, for upload_commit() */
};

/* The first file sent as field, or NULL when there is none. Points into r. */
const struct upload *upload_get(const struct req *r, const char *field);

/*
 * Stores in v, in the order sent, up to max files sent as field (an input
 * with "multiple" sends one part per file) and returns how many it stored.
 */
size_t		 upload_get_all(const struct req *r, const char *field,
		    const struct upload **v, size_t max);

/*
 * Keeps u's file for good (attach_commit()): call it once the form is
 * accepted, before the database names the file. Returns KERR_OK (also
 * when done before), KERR_INVALID when u->err is not ATTACH_OK, or
 * KERR_SYSTEM (logged: answer 500).
 */
enum kerr	 upload_commit(struct req *r, const struct upload *u);

/*
 * The words for u's error in r's language, for view_error() next to the
 * field (after GOV.UK's file upload pattern: "Select a file", "The selected
 * file is empty", "... must be smaller than 5 MB", "... must be a PDF,
 * ..."); NULL when u->err is ATTACH_OK. In r's arena.
 */
const char	*upload_error_text(struct req *r, const struct upload *u);

/*
 * A file's size as people say it, in r's language and arena: "5 MB",
 * "1,5 MB" (Swedish), "1.5 MB" (English), "500 kB" (below 1 MB, rounded
 * up), MB in tenths rounded down; 1 MB is 1024 x 1024 bytes.
 */
const char	*upload_size_words(struct req *r, unsigned long long bytes);

/*
 * Reads into *buf up to len bytes of the request body; returns how many
 * (0 at its end), or < 0 on a read error.
 */
typedef long	(*upload_reader)(void *arg, char *buf, size_t len);

/*
 * For loop.c (and tests): reads the len bytes of a multipart/form-data
 * body of type content_type from rd, never holding a file in memory:
 * ordinary fields go to r->form (at most 256 KiB each), files through the
 * store (attach_store.h; [app] attachments_dir, attachment_max) into
 * r->uploads; no more than max_parts parts. If the csrf field has arrived
 * before a file part and is wrong, stops there. Returns KERR_OK;
 * KERR_BADREQ for a malformed body or one that ends before len bytes or
 * its closing boundary; KERR_TOOLARGE past a limit; KERR_FORBIDDEN for a
 * wrong token; KERR_SYSTEM when the disk fails (logged). After an error
 * the request keeps nothing: its temporary files go with the arena.
 */
enum kerr	 upload_read_body(struct req *r, const char *content_type,
		    unsigned long long len, upload_reader rd, void *arg,
		    size_t max_parts);

#endif
