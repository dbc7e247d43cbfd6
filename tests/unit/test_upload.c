/* test_upload.c - unit tests for upload.c and attach_store.c: a multipart body read into the form and the store. */
#include <sys/stat.h>
#include <sys/time.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/app.h"
#include "http/attach_store.h"
#include "http/form.h"
#include "http/req.h"
#include "http/upload.h"
#include "unit.h"

#define CT	"multipart/form-data; boundary=----kppTest0123"
#define DELIM	"------kppTest0123"
#define TOKEN	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define PDF	"%PDF-1.4\n% a small document with \r\n------kppTest012 inside\n%%EOF\n"

static struct arena *A;
static char dir[64];
static struct req R;

/* A fresh request: the pre-session cookie whose token the form must carry. */
static struct req *
new_req(void)
{
	struct req *r = &R;

	arena_reset(A);
	memset(r, 0, sizeof(*r));
	r->a = A;
	strcpy(r->id, "test");
	r->lang = LANG_EN;
	r->body_fd = -1;
	form_parse_cookies(A, "kpp_pre=" TOKEN, &r->cookies);
	return r;
}

struct source {
	const char	*data;
	size_t		 len, at;
	size_t		 piece;		/* the most a read gives, as a slow client would */
};

static long
from_memory(void *arg, char *buf, size_t len)
{
	struct source *s = arg;
	size_t n = s->len - s->at;

	if (n > len)
		n = len;
	if (n > s->piece)
		n = s->piece;
	memcpy(buf, s->data + s->at, n);
	s->at += n;
	return (long)n;
}

/* Reads body (claiming claimed bytes) into r, in pieces of at most piece bytes. */
static enum kerr
read_body(struct req *r, const char *body, size_t len, unsigned long long claimed, size_t piece)
{
	struct source s = { body, len, 0, piece };

	return upload_read_body(r, CT, claimed, from_memory, &s, 100);
}

static enum kerr
read_all(struct req *r, const char *body)
{
	return read_body(r, body, strlen(body), strlen(body), 7);
}

/* A part of the body: a field, or a file when filename is not NULL. */
static void
part(struct buf *b, const char *name, const char *filename, const char *type,
    const char *content, size_t len)
{
	buf_printf(b, DELIM "\r\nContent-Disposition: form-data; name=\"%s\"", name);
	if (filename != NULL)
		buf_printf(b, "; filename=\"%s\"", filename);
	buf_puts(b, "\r\n");
	if (type != NULL)
		buf_printf(b, "Content-Type: %s\r\n", type);
	buf_puts(b, "\r\n");
	buf_append(b, content, len);
	buf_puts(b, "\r\n");
}

static void
end(struct buf *b)
{
	buf_puts(b, DELIM "--\r\n");
}

/* How many entries a directory has besides . and .. (-1 when it does not exist). */
static int
entries(const char *path)
{
	DIR *d;
	struct dirent *e;
	int n = 0;

	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static char *
path_of(const char *sha)
{
	return arena_printf(A, "%s/%.2s/%.2s/%s", dir, sha, sha + 2, sha);
}

static void
sha_hex(const char *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Empties the store between tests. */
static void
clear_store(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'/*", dir);
	CU_ASSERT_EQUAL(system(cmd), 0);
}

static void
test_upload_fields_and_file(void)
{
	struct req *r = new_req();
	const struct upload *u;
	struct buf b;
	struct stat st;
	char sha[65], *path;

	buf_init(&b, A, 1024);
	part(&b, "csrf", NULL, NULL, TOKEN, 64);
	part(&b, "comment", NULL, NULL, "Bokslut \xc3\xa5r 1", 13);
	part(&b, "accounts", "C:\\Documents\\bokslut.pdf", "application/pdf", PDF, strlen(PDF));
	end(&b);
	CU_ASSERT_EQUAL_FATAL(read_all(r, b.data), KERR_OK);
	CU_ASSERT_STRING_EQUAL(req_form(r, "csrf"), TOKEN);
	CU_ASSERT_STRING_EQUAL(req_form(r, "comment"), "Bokslut \xc3\xa5r 1");
	CU_ASSERT(csrf_ok(r));
	CU_ASSERT_EQUAL_FATAL(r->nuploads, 1);
	CU_ASSERT_PTR_NULL(upload_get(r, "comment"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(u = upload_get(r, "accounts"));
	CU_ASSERT_STRING_EQUAL(u->field, "accounts");
	CU_ASSERT_STRING_EQUAL(u->filename, "bokslut.pdf");
	CU_ASSERT_EQUAL(u->err, ATTACH_OK);
	CU_ASSERT_EQUAL(u->kind, SNIFF_PDF);
	CU_ASSERT_STRING_EQUAL(u->type, "application/pdf");
	CU_ASSERT_EQUAL(u->size, strlen(PDF));
	sha_hex(PDF, strlen(PDF), sha);
	CU_ASSERT_STRING_EQUAL(u->sha256, sha);
	CU_ASSERT_PTR_NULL(upload_error_text(r, u));
	/* Received, not yet kept: one temporary file, nothing in its place. */
	CU_ASSERT_EQUAL(entries(arena_printf(A, "%s/tmp", dir)), 1);
	path = path_of(sha);
	CU_ASSERT_NOT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL_FATAL(upload_commit(r, u), KERR_OK);
	CU_ASSERT_EQUAL(upload_commit(r, u), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_size, (off_t)strlen(PDF));
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	CU_ASSERT_EQUAL(st.st_nlink, 1);
	CU_ASSERT_EQUAL(entries(arena_printf(A, "%s/tmp", dir)), 0);
	/* The end of the request leaves the kept file. */
	arena_reset(A);
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	clear_store();
}

static void
test_upload_any_piece_size(void)
{
	struct req *r;
	const struct upload *u;
	struct buf b;
	char *body, sha[65];
	size_t len, piece;
	unsigned char bin[3000];
	size_t i;

	/* A "JPEG" with every byte value, CRs and LFs among them, and a boundary-like line. */
	for (i = 0; i < sizeof(bin); i++)
		bin[i] = (unsigned char)(i * 7 + i / 256);
	memcpy(bin, "\xff\xd8\xff\xe0", 4);
	memcpy(bin + 1000, "\r\n------kppTest012\r\n", 20);
	sha_hex((const char *)bin, sizeof(bin), sha);
	for (piece = 1; piece <= 300; piece += piece < 20 ? 1 : 37) {
		r = new_req();
		buf_init(&b, A, 4096);
		part(&b, "csrf", NULL, NULL, TOKEN, 64);
		part(&b, "photo", "bild.jpg", "image/jpeg", (const char *)bin, sizeof(bin));
		end(&b);
		body = b.data;
		len = b.len;
		CU_ASSERT_EQUAL_FATAL(read_body(r, body, len, len, piece), KERR_OK);
		CU_ASSERT_PTR_NOT_NULL_FATAL(u = upload_get(r, "photo"));
		CU_ASSERT_EQUAL(u->err, ATTACH_OK);
		CU_ASSERT_EQUAL(u->size, sizeof(bin));
		CU_ASSERT_STRING_EQUAL(u->sha256, sha);
	}
	arena_reset(A);
	CU_ASSERT_EQUAL(entries(arena_printf(A, "%s/tmp", dir)), 0);
	clear_store();
}

static void
test_upload_refused_files(void)
{
	struct req *r = new_req();
	const struct upload *v[4];
	struct buf b;
	char big[4097];

	memset(big, 'x', sizeof(big));
	memcpy(big, "%PDF-", 5);
	buf_init(&b, A, 4096);
	part(&b, "csrf", NULL, NULL, TOKEN, 64);
	part(&b, "f", "", "application/octet-stream", "", 0);
	part(&b, "f", "empty.pdf", "application/pdf", "", 0);
	part(&b, "f", "big.pdf", "application/pdf", big, sizeof(big));
	part(&b, "f", "page.pdf", "application/pdf", "<html><script>", 14);
	part(&b, "name", NULL, NULL, "kept", 4);
	end(&b);
	CU_ASSERT_EQUAL_FATAL(read_all(r, b.data), KERR_OK);
	/* The other input is all there for the form shown again. */
	CU_ASSERT_STRING_EQUAL(req_form(r, "name"), "kept");
	CU_ASSERT_EQUAL_FATAL(upload_get_all(r, "f", v, 4), 4);
	CU_ASSERT_EQUAL(upload_get_all(r, "f", v, 2), 2);
	upload_get_all(r, "f", v, 4);
	CU_ASSERT_EQUAL(v[0]->err, ATTACH_EMPTY);
	CU_ASSERT_STRING_EQUAL(upload_error_text(r, v[0]), "Select a file");
	CU_ASSERT_EQUAL(v[1]->err, ATTACH_EMPTY);
	CU_ASSERT_STRING_EQUAL(upload_error_text(r, v[1]), "The selected file is empty");
	CU_ASSERT_EQUAL(v[2]->err, ATTACH_TOOBIG);
	CU_ASSERT_EQUAL(v[2]->size, sizeof(big));
	CU_ASSERT_STRING_EQUAL(upload_error_text(r, v[2]), "The selected file must be smaller than 4 kB");
	CU_ASSERT_EQUAL(v[3]->err, ATTACH_TYPE);
	CU_ASSERT_PTR_NULL(v[3]->type);
	CU_ASSERT_STRING_EQUAL(v[3]->sha256, "");
	CU_ASSERT_PTR_NOT_NULL(strstr(upload_error_text(r, v[3]), "must be a PDF"));
	CU_ASSERT_EQUAL(upload_commit(r, v[3]), KERR_INVALID);
	/* None of them is on the disk, even before the request ends. */
	CU_ASSERT(entries(arena_printf(A, "%s/tmp", dir)) <= 0);
	CU_ASSERT(entries(dir) <= 1);
	clear_store();
}

static void
test_upload_error_text_sizes(void)
{
	struct req *r = new_req();
	struct upload u;
	unsigned long max = app.conf.attachment_max;

	memset(&u, 0, sizeof(u));
	u.filename = "a.pdf";
	u.err = ATTACH_TOOBIG;
	app.conf.attachment_max = 5242880;
	CU_ASSERT_STRING_EQUAL(upload_error_text(r, &u), "The selected file must be smaller than 5 MB");
	app.conf.attachment_max = 1572864;
	CU_ASSERT_STRING_EQUAL(upload_error_text(r, &u), "The selected file must be smaller than 1.5 MB");
	r->lang = LANG_SV;
	CU_ASSERT_PTR_NOT_NULL(strstr(upload_error_text(r, &u), " 1,5 MB"));
	app.conf.attachment_max = max;
}

static void
test_upload_size_words(void)
{
	struct req *r = new_req();

	CU_ASSERT_STRING_EQUAL(upload_size_words(r, 1), "1 kB");
	CU_ASSERT_STRING_EQUAL(upload_size_words(r, 1024), "1 kB");
	CU_ASSERT_STRING_EQUAL(upload_size_words(r, 1025), "2 kB");
	CU_ASSERT_STRING_EQUAL(upload_size_words(r, 1024 * 1024 - 1), "1024 kB");
	CU_ASSERT_STRING_EQUAL(upload_size_words(r, 1024 * 1024), "1 MB");
	CU_ASSERT_STRING_EQUAL(upload_size_words(r, 2 * 1024 * 1024 - 1), "1.9 MB");
	r->lang = LANG_SV;
	CU_ASSERT_STRING_EQUAL(upload_size_words(r, 3 * 1024 * 1024 / 2), "1,5 MB");
}

static void
test_upload_truncated_keeps_nothing(void)
{
	struct req *r;
	struct buf b;
	size_t cut;
	char big[600];

	memset(big, 'y', sizeof(big));
	memcpy(big, "%PDF-", 5);
	for (cut = 0; cut < 900; cut += 23) {
		r = new_req();
		buf_init(&b, A, 4096);
		part(&b, "csrf", NULL, NULL, TOKEN, 64);
		part(&b, "a", "a.pdf", NULL, big, sizeof(big));
		end(&b);
		if (cut >= b.len)
			break;
		/* The body ends early although its length said more, or its closing boundary is missing. */
		CU_ASSERT_EQUAL(read_body(r, b.data, cut, b.len, 50), KERR_BADREQ);
		arena_reset(A);
		r = new_req();
		CU_ASSERT_EQUAL(read_body(r, b.data, cut, cut, 50), KERR_BADREQ);
		arena_reset(A);
		CU_ASSERT(entries(arena_printf(A, "%s/tmp", dir)) <= 0);
	}
	CU_ASSERT(entries(dir) <= 1);
	clear_store();
}

static void
test_upload_wrong_token_before_file(void)
{
	struct req *r = new_req();
	struct buf b;

	buf_init(&b, A, 1024);
	part(&b, "csrf", NULL, NULL, "forged", 6);
	part(&b, "accounts", "a.pdf", NULL, PDF, strlen(PDF));
	end(&b);
	CU_ASSERT_EQUAL(read_all(r, b.data), KERR_FORBIDDEN);
	CU_ASSERT_EQUAL(r->nuploads, 0);
	CU_ASSERT_EQUAL(entries(dir), 0);
	/* A token after the file is checked by loop.c once the body is read. */
	r = new_req();
	buf_init(&b, A, 1024);
	part(&b, "accounts", "a.pdf", NULL, PDF, strlen(PDF));
	part(&b, "csrf", NULL, NULL, "forged", 6);
	end(&b);
	CU_ASSERT_EQUAL(read_all(r, b.data), KERR_OK);
	CU_ASSERT(!csrf_ok(r));
	arena_reset(A);
	CU_ASSERT_EQUAL(entries(arena_printf(A, "%s/tmp", dir)), 0);
	clear_store();
}

static void
test_upload_same_content_stored_once(void)
{
	struct req *r = new_req();
	struct buf b;
	const struct upload *v[2];
	struct stat st;

	buf_init(&b, A, 1024);
	part(&b, "csrf", NULL, NULL, TOKEN, 64);
	part(&b, "a", "first.pdf", NULL, PDF, strlen(PDF));
	part(&b, "a", "second.pdf", NULL, PDF, strlen(PDF));
	end(&b);
	CU_ASSERT_EQUAL_FATAL(read_all(r, b.data), KERR_OK);
	CU_ASSERT_EQUAL_FATAL(upload_get_all(r, "a", v, 2), 2);
	CU_ASSERT_STRING_EQUAL(v[0]->sha256, v[1]->sha256);
	CU_ASSERT_EQUAL(upload_commit(r, v[0]), KERR_OK);
	CU_ASSERT_EQUAL(upload_commit(r, v[1]), KERR_OK);
	CU_ASSERT_EQUAL(stat(path_of(v[0]->sha256), &st), 0);
	CU_ASSERT_EQUAL(st.st_nlink, 1);
	CU_ASSERT_EQUAL(entries(arena_printf(A, "%s/tmp", dir)), 0);
	/* ab/ holds cd/, which holds the one file. */
	CU_ASSERT_EQUAL(entries(arena_printf(A, "%s/%.2s/%.2s", dir, v[0]->sha256,
	    v[0]->sha256 + 2)), 1);
	clear_store();
}

static void
test_upload_limits(void)
{
	struct req *r = new_req();
	struct buf b;
	char field[256 * 1024 + 1];
	int i;

	/* A field over 256 KiB. */
	memset(field, 'z', sizeof(field));
	buf_init(&b, A, sizeof(field) + 1024);
	part(&b, "text", NULL, NULL, field, sizeof(field));
	end(&b);
	CU_ASSERT_EQUAL(read_all(r, b.data), KERR_TOOLARGE);
	r = new_req();
	buf_init(&b, A, sizeof(field) + 1024);
	part(&b, "text", NULL, NULL, field, sizeof(field) - 1);
	end(&b);
	CU_ASSERT_EQUAL(read_all(r, b.data), KERR_OK);
	/* More parts than allowed (100 here). */
	r = new_req();
	buf_init(&b, A, 8192);
	for (i = 0; i < 101; i++)
		part(&b, "n", NULL, NULL, "1", 1);
	end(&b);
	CU_ASSERT_EQUAL(read_all(r, b.data), KERR_TOOLARGE);
	/* A body that is not multipart at all, or has no boundary. */
	r = new_req();
	CU_ASSERT_EQUAL(upload_read_body(r, "multipart/form-data", 0, from_memory, NULL, 10),
	    KERR_BADREQ);
}

static void
test_attach_send(void)
{
	struct req *r = new_req();
	const struct upload *u;
	struct buf b;
	char sha[65];
	int status;

	buf_init(&b, A, 1024);
	/* As a quoted-string: the quotes escaped. */
	part(&b, "a", "\xc3\x85rsbokslut \\\"2016\\\".pdf", NULL, PDF, strlen(PDF));
	end(&b);
	CU_ASSERT_EQUAL_FATAL(read_all(r, b.data), KERR_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(u = upload_get(r, "a"));
	CU_ASSERT_EQUAL_FATAL(upload_commit(r, u), KERR_OK);
	strcpy(sha, u->sha256);
	CU_ASSERT_STRING_EQUAL(u->filename, "\xc3\x85rsbokslut \"2016\".pdf");

	r = new_req();
	status = attach_send(r, sha, "\xc3\x85rsbokslut \"2016\".pdf", "application/pdf");
	CU_ASSERT_EQUAL_FATAL(status, 200);
	CU_ASSERT(r->body_fd >= 0);
	CU_ASSERT_STRING_EQUAL(r->content_type, "application/pdf");
	CU_ASSERT_EQUAL_FATAL(r->nheaders, 2);
	CU_ASSERT_STRING_EQUAL(r->headers[0].name, "Content-Disposition");
	CU_ASSERT_STRING_EQUAL(r->headers[0].value, "attachment; filename=\"_rsbokslut _2016_.pdf\"; "
	    "filename*=UTF-8''%C3%85rsbokslut%20%222016%22.pdf");
	/* The request closes the file. */
	arena_reset(A);
	CU_ASSERT(fcntl(R.body_fd, F_GETFD) < 0);

	/* A type the store does not know is served as bytes; no name is "attachment". */
	r = new_req();
	CU_ASSERT_EQUAL(attach_send(r, sha, "", "text/html"), 200);
	CU_ASSERT_STRING_EQUAL(r->content_type, "application/octet-stream");
	CU_ASSERT_STRING_EQUAL(r->headers[0].value, "attachment; filename=\"attachment\"; "
	    "filename*=UTF-8''attachment");
	/* A missing file or a malformed name is a fault of the server's, never a path outside the store. */
	r = new_req();
	CU_ASSERT_EQUAL(attach_send(r, "0000000000000000000000000000000000000000000000000000000000000000",
	    "a.pdf", "application/pdf"), 500);
	CU_ASSERT_EQUAL(attach_send(r, "../../../../etc/passwd", "a.pdf", "application/pdf"), 500);
	CU_ASSERT_EQUAL(r->body_fd, -1);
	arena_reset(A);
	clear_store();
}

static void
test_attach_sha256_ok(void)
{
	CU_ASSERT(attach_sha256_ok("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
	CU_ASSERT(!attach_sha256_ok("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"));
	CU_ASSERT(!attach_sha256_ok("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85"));
	CU_ASSERT(!attach_sha256_ok("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555"));
	CU_ASSERT(!attach_sha256_ok("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85/"));
	CU_ASSERT(!attach_sha256_ok(""));
}

static void
test_attach_store_disk_failure(void)
{
	struct req *r = new_req();
	struct buf b;
	char *saved = app.conf.attachments_dir;

	/* A store whose parent does not exist: the disk's fault, 500, not the client's. */
	app.conf.attachments_dir = "/nonexistent/kpp/attachments";
	buf_init(&b, A, 1024);
	part(&b, "a", "a.pdf", NULL, PDF, strlen(PDF));
	end(&b);
	CU_ASSERT_EQUAL(read_all(r, b.data), KERR_SYSTEM);
	app.conf.attachments_dir = saved;
}

/* Makes file path (empty) with its modification time age seconds ago. */
static void
touch_aged(const char *path, long age)
{
	struct timeval tv[2];
	int fd;

	CU_ASSERT_FATAL((fd = open(path, O_WRONLY | O_CREAT, 0600)) >= 0);
	close(fd);
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= age;
	tv[1] = tv[0];
	CU_ASSERT_EQUAL(utimes(path, tv), 0);
}

static void
test_attach_sweep(void)
{
	struct stat st;

	arena_reset(A);
	CU_ASSERT_EQUAL_FATAL(mkdir(arena_printf(A, "%s/tmp", dir), 0700), 0);
	touch_aged(arena_printf(A, "%s/tmp/upload-left", dir), 7200);
	touch_aged(arena_printf(A, "%s/tmp/upload-live", dir), 60);
	touch_aged(arena_printf(A, "%s/tmp/other", dir), 7200);
	attach_sweep(dir, 3600);
	CU_ASSERT_NOT_EQUAL(stat(arena_printf(A, "%s/tmp/upload-left", dir), &st), 0);
	CU_ASSERT_EQUAL(stat(arena_printf(A, "%s/tmp/upload-live", dir), &st), 0);
	CU_ASSERT_EQUAL(stat(arena_printf(A, "%s/tmp/other", dir), &st), 0);
	/* A store not made yet is no error. */
	attach_sweep("/nonexistent/kpp", 3600);
	clear_store();
}

int
main(void)
{
	static const struct unit_test tests[] = {
		{ "test_upload_fields_and_file", test_upload_fields_and_file },
		{ "test_upload_any_piece_size", test_upload_any_piece_size },
		{ "test_upload_refused_files", test_upload_refused_files },
		{ "test_upload_error_text_sizes", test_upload_error_text_sizes },
		{ "test_upload_truncated_keeps_nothing", test_upload_truncated_keeps_nothing },
		{ "test_upload_wrong_token_before_file", test_upload_wrong_token_before_file },
		{ "test_upload_same_content_stored_once", test_upload_same_content_stored_once },
		{ "test_upload_limits", test_upload_limits },
		{ "test_upload_size_words", test_upload_size_words },
		{ "test_attach_send", test_attach_send },
		{ "test_attach_sha256_ok", test_attach_sha256_ok },
		{ "test_attach_store_disk_failure", test_attach_store_disk_failure },
		{ "test_attach_sweep", test_attach_sweep },
		{ NULL, NULL }
	};
	char cmd[96];
	int rc;

	if (sodium_init() < 0 || (A = arena_new(65536)) == NULL)
		return 2;
	snprintf(dir, sizeof(dir), "%s/kpp-upload-XXXXXX",
	    getenv("TMPDIR") != NULL && strlen(getenv("TMPDIR")) < 30 ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 2;
	app.conf.attachments_dir = dir;
	app.conf.attachment_max = 4096;
	rc = unit_run("upload", tests);
	arena_free(A);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
