/* upload.c - a multipart POST read in pieces: fields into the form, files through the store, for handlers. */
#include <string.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "http/app.h"
#include "http/attach_store.h"
#include "http/multipart.h"
#include "http/req.h"
#include "http/upload.h"

#define MAX_FIELD	(256 * 1024)	/* a narrative of a report is at most a TEXT column: 64 KiB */
#define MAX_HEADER_LINE	4096		/* a 255-character name in UTF-8 with its parameters fits */
#define READ_CHUNK	65536

struct reading {
	struct req	*r;
	size_t		 cap;		/* of r->uploads */
	struct upload	*cur;		/* the file part being read */
};

static enum kerr
file_begin(void *arg, const struct mp_part *p)
{
	struct reading *rd = arg;
	struct req *r = rd->r;
	struct upload *u, *v;

	/* A forged form is stopped before its files reach the disk when its token came first. */
	if (req_form(r, "csrf") != NULL && !csrf_ok(r))
		return KERR_FORBIDDEN;
	if (r->nuploads == rd->cap) {
		rd->cap = rd->cap ? 2 * rd->cap : 4;
		v = arena_calloc(r->a, rd->cap, sizeof(*v));
		if (r->nuploads > 0)
			memcpy(v, r->uploads, r->nuploads * sizeof(*v));
		r->uploads = v;
	}
	u = rd->cur = &r->uploads[r->nuploads++];
	memset(u, 0, sizeof(*u));
	u->field = p->name;
	u->filename = p->filename;
	return attach_receive_start(r->a, r->id, app.conf.attachments_dir,
	    app.conf.attachment_max, p->filename, p->content_type, &u->tmp);
}

static enum kerr
file_data(void *arg, const char *data, size_t len)
{
	struct reading *rd = arg;

	return attach_receive(rd->cur->tmp, data, len);
}

static enum kerr
file_end(void *arg)
{
	struct reading *rd = arg;
	struct upload *u = rd->cur;
	struct attach_file f;
	enum kerr e;

	if ((e = attach_receive_end(u->tmp, &f)) != KERR_OK)
		return e;
	u->err = f.err;
	u->kind = f.kind;
	u->type = f.type;
	u->size = f.size;
	memcpy(u->sha256, f.sha256, sizeof(u->sha256));
	rd->cur = NULL;
	return KERR_OK;
}

enum kerr
upload_read_body(struct req *r, const char *content_type,
    unsigned long long len, upload_reader rdr, void *arg, size_t max_parts)
{
	struct reading rd = { r, 0, NULL };
	struct mp_sink sink = { file_begin, file_data, file_end, &rd };
	struct mp_limits lim = { len, max_parts, MAX_FIELD, MAX_HEADER_LINE };
	struct multipart *m;
	char chunk[READ_CHUNK];
	enum kerr e;
	long got;

	if ((e = mp_new(r->a, content_type, &lim, &r->form, &sink, &m)) != KERR_OK)
		return e;
	while (len > 0) {
		got = rdr(arg, chunk, len < sizeof(chunk) ? (size_t)len : sizeof(chunk));
		if (got <= 0)
			return KERR_BADREQ;
		if ((e = mp_feed(m, chunk, (size_t)got)) != KERR_OK)
			return e;
		len -= (unsigned long long)got;
	}
	return mp_finish(m);
}

const struct upload *
upload_get(const struct req *r, const char *field)
{
	size_t i;

	for (i = 0; i < r->nuploads; i++)
		if (strcmp(r->uploads[i].field, field) == 0)
			return &r->uploads[i];
	return NULL;
}

size_t
upload_get_all(const struct req *r, const char *field,
    const struct upload **v, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < r->nuploads && n < max; i++)
		if (strcmp(r->uploads[i].field, field) == 0)
			v[n++] = &r->uploads[i];
	return n;
}

enum kerr
upload_commit(struct req *r, const struct upload *u)
{
	(void)r;
	if (u->err != ATTACH_OK)
		return KERR_INVALID;
	return attach_commit(u->tmp);
}

const char *
upload_size_words(struct req *r, unsigned long long bytes)
{
	unsigned long long tenths = bytes * 10 / (1024 * 1024);

	/* Up, so that a small file is never "0 kB". */
	if (bytes < 1024 * 1024)
		return arena_printf(r->a, "%llu kB", (bytes + 1023) / 1024);
	if (tenths % 10 == 0)
		return arena_printf(r->a, "%llu MB", tenths / 10);
	return arena_printf(r->a, "%llu%c%llu MB", tenths / 10,
	    r->lang == LANG_SV ? ',' : '.', tenths % 10);
}

const char *
upload_error_text(struct req *r, const struct upload *u)
{
	switch (u->err) {
	case ATTACH_OK:
		return NULL;
	case ATTACH_EMPTY:
		return i18n_tr(r->lang, u->filename[0] == '\0' ?
		    N_("Select a file") : N_("The selected file is empty"));
	case ATTACH_TOOBIG:
		return arena_printf(r->a, "%s %s", i18n_tr(r->lang,
		    N_("The selected file must be smaller than")),
		    upload_size_words(r, app.conf.attachment_max));
	case ATTACH_TYPE:
	default:
		return i18n_tr(r->lang, N_("The selected file must be a PDF, an Excel "
		    "or OpenDocument spreadsheet (xlsx, ods), or a JPEG or PNG image"));
	}
}
