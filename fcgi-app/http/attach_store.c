/* attach_store.c - uploads streamed to a private temporary file, hashed and sniffed, then linked into place. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "http/app.h"
#include "http/attach_store.h"
#include "http/form.h"
#include "http/req.h"

struct attach_tmp {
	struct arena		*a;
	const char		*reqid;
	const char		*dir;
	unsigned long long	 max;
	const char		*filename, *claimed;
	crypto_hash_sha256_state sha;
	unsigned char		 head[SNIFF_HEAD];
	size_t			 headlen;
	enum sniff_kind		 kind;
	int			 judged;	/* kind decided from head */
	enum attach_err		 err;
	unsigned long long	 size;
	char			*path;		/* the temporary file, while it exists */
	int			 fd;
	int			 ended, committed;
	char			 sha256[65];
};

/* Removes what was not committed: the request ended (or failed) before. */
static void
tmp_cleanup(void *arg)
{
	struct attach_tmp *t = arg;

	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	if (t->path != NULL && unlink(t->path) != 0 && errno != ENOENT)
		log_err(t->reqid, "unlink(%s) failed: %s", t->path, strerror(errno));
	t->path = NULL;
}

/* The file will not be kept (too big, refused): gone from the disk now, not at the end of the request. */
static void
drop(struct attach_tmp *t, enum attach_err why)
{
	t->err = why;
	tmp_cleanup(t);
}

static int
make_dir(const char *reqid, const char *dir)
{
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		log_err(reqid, "mkdir(%s) failed: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

enum kerr
attach_receive_start(struct arena *a, const char *reqid, const char *dir,
    unsigned long long max, const char *filename, const char *claimed_type,
    struct attach_tmp **out)
{
	struct attach_tmp *t = arena_calloc(a, 1, sizeof(*t));

	t->a = a;
	t->reqid = reqid;
	t->dir = arena_strdup(a, dir);
	t->max = max;
	t->filename = filename != NULL ? arena_strdup(a, filename) : NULL;
	t->claimed = claimed_type != NULL ? arena_strdup(a, claimed_type) : NULL;
	t->fd = -1;
	crypto_hash_sha256_init(&t->sha);
	arena_cleanup_add(a, tmp_cleanup, t);
	*out = t;
	return KERR_OK;
}

static enum kerr
write_all(struct attach_tmp *t, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		if ((n = write(t->fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			log_err(t->reqid, "write(%s) failed: %s", t->path, strerror(errno));
			return KERR_SYSTEM;
		}
		p += n;
		len -= (size_t)n;
	}
	return KERR_OK;
}

/* Judges the head; a file of an accepted kind gets its temporary file, which the head starts. */
static enum kerr
judge(struct attach_tmp *t)
{
	t->judged = 1;
	t->kind = sniff_kind(t->head, t->headlen, t->filename, t->claimed);
	if (t->kind == SNIFF_NONE) {
		t->err = ATTACH_TYPE;
		return KERR_OK;
	}
	if (make_dir(t->reqid, t->dir) != 0 ||
	    make_dir(t->reqid, arena_printf(t->a, "%s/tmp", t->dir)) != 0)
		return KERR_SYSTEM;
	t->path = arena_printf(t->a, "%s/tmp/upload-XXXXXX", t->dir);
	/* mkostemp: O_CREAT | O_EXCL, mode 0600. */
	if ((t->fd = mkostemp(t->path, O_CLOEXEC)) < 0) {
		log_err(t->reqid, "mkostemp(%s) failed: %s", t->path, strerror(errno));
		t->path = NULL;
		return KERR_SYSTEM;
	}
	return write_all(t, t->head, t->headlen);
}

enum kerr
attach_receive(struct attach_tmp *t, const char *data, size_t len)
{
	size_t take;
	enum kerr e;

	/* While the file is kept its size is at most max. */
	if (t->err == ATTACH_OK && len > t->max - t->size)
		drop(t, ATTACH_TOOBIG);
	t->size += len;
	if (t->err != ATTACH_OK || len == 0)
		return KERR_OK;
	crypto_hash_sha256_update(&t->sha, (const unsigned char *)data, len);
	if (!t->judged) {
		take = SNIFF_HEAD - t->headlen < len ? SNIFF_HEAD - t->headlen : len;
		memcpy(t->head + t->headlen, data, take);
		t->headlen += take;
		if (t->headlen < SNIFF_HEAD)
			return KERR_OK;
		if ((e = judge(t)) != KERR_OK || t->err != ATTACH_OK)
			return e;
		data += take;
		len -= take;
	}
	return len > 0 ? write_all(t, data, len) : KERR_OK;
}

enum kerr
attach_receive_end(struct attach_tmp *t, struct attach_file *out)
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	enum kerr e;

	memset(out, 0, sizeof(*out));
	t->ended = 1;
	if (t->err == ATTACH_OK && t->size == 0)
		t->err = ATTACH_EMPTY;
	if (t->err == ATTACH_OK && !t->judged && (e = judge(t)) != KERR_OK)
		return e;
	out->size = t->size;
	if (t->err != ATTACH_OK) {
		drop(t, t->err);
		out->err = t->err;
		return KERR_OK;
	}
	if (close(t->fd) != 0) {
		t->fd = -1;
		log_err(t->reqid, "close(%s) failed: %s", t->path, strerror(errno));
		return KERR_SYSTEM;
	}
	t->fd = -1;
	crypto_hash_sha256_final(&t->sha, hash);
	sodium_bin2hex(t->sha256, sizeof(t->sha256), hash, sizeof(hash));
	out->err = ATTACH_OK;
	out->kind = t->kind;
	out->type = sniff_media_type(t->kind);
	memcpy(out->sha256, t->sha256, sizeof(out->sha256));
	return KERR_OK;
}

/* fsync of a file or directory by name. */
static int
sync_path(const char *reqid, const char *path, int flags)
{
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | flags)) < 0) {
		log_err(reqid, "open(%s) failed: %s", path, strerror(errno));
		return -1;
	}
	if ((rc = fsync(fd)) != 0)
		log_err(reqid, "fsync(%s) failed: %s", path, strerror(errno));
	close(fd);
	return rc;
}

/* The name that the same content already has stays; a wrong-sized one (never expected) is replaced. */
static int
keep_existing(struct attach_tmp *t, const char *final)
{
	struct stat st;

	if (stat(final, &st) == 0 && (unsigned long long)st.st_size == t->size)
		return 1;
	log_err(t->reqid, "%s exists with another size: replaced", final);
	return 0;
}

enum kerr
attach_commit(struct attach_tmp *t)
{
	const char *d1, *d2, *final;
	int replace;

	if (t->committed)
		return KERR_OK;
	if (!t->ended || t->err != ATTACH_OK || t->path == NULL)
		return KERR_INVALID;
	d1 = arena_printf(t->a, "%s/%.2s", t->dir, t->sha256);
	d2 = arena_printf(t->a, "%s/%.2s", d1, t->sha256 + 2);
	final = arena_printf(t->a, "%s/%s", d2, t->sha256);
	if (sync_path(t->reqid, t->path, O_NOFOLLOW) != 0 ||
	    make_dir(t->reqid, d1) != 0 || make_dir(t->reqid, d2) != 0)
		return KERR_SYSTEM;
	/* link() never replaces a file, so two workers storing the same content both succeed. */
	if (link(t->path, final) == 0)
		replace = 0;
	else if (errno == EEXIST)
		replace = !keep_existing(t, final);
	else if (errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS ||
	    errno == EMLINK)
		replace = 1;	/* a file system without hard links */
	else {
		log_err(t->reqid, "link(%s, %s) failed: %s", t->path, final,
		    strerror(errno));
		return KERR_SYSTEM;
	}
	if (replace && rename(t->path, final) != 0) {
		log_err(t->reqid, "rename(%s, %s) failed: %s", t->path, final,
		    strerror(errno));
		return KERR_SYSTEM;
	}
	tmp_cleanup(t);
	/* The new names must survive a crash as well as the content. */
	if (sync_path(t->reqid, d2, O_DIRECTORY) != 0 ||
	    sync_path(t->reqid, d1, O_DIRECTORY) != 0 ||
	    sync_path(t->reqid, t->dir, O_DIRECTORY) != 0)
		return KERR_SYSTEM;
	t->committed = 1;
	return KERR_OK;
}

void
attach_sweep(const char *dir, unsigned max_age)
{
	char path[4096];
	struct dirent *e;
	struct stat st;
	time_t now = time(NULL);
	DIR *d;

	if ((size_t)snprintf(path, sizeof(path), "%s/tmp", dir) >= sizeof(path) ||
	    (d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "upload-", 7) != 0 ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode) || st.st_mtime > now - (time_t)max_age)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) != 0)
			log_err(NULL, "unlink(%s/%s) failed: %s", path, e->d_name, strerror(errno));
		else
			log_info(NULL, "removed %s/%s, left by an upload that never ended", path, e->d_name);
	}
	closedir(d);
}

int
attach_sha256_ok(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[64] == '\0';
}

/* A name for Content-Disposition's plain filename: printable ASCII, '_' for each other character. */
static char *
ascii_name(struct arena *a, const char *s)
{
	struct buf b;
	unsigned char c;

	buf_init(&b, a, strlen(s) + 1);
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c & 0xc0) == 0x80)
			continue;
		buf_putc(&b, c >= 0x20 && c < 0x7f && c != '"' && c != '\\' &&
		    c != '%' ? (char)c : '_');
	}
	return b.data;
}

int
attach_send(struct req *r, const char *sha256, const char *filename,
    const char *media_type)
{
	enum sniff_kind k = sniff_of_media_type(media_type);
	const char *path;
	int fd;

	if (sha256 == NULL || !attach_sha256_ok(sha256)) {
		log_err(r->id, "attachment with a malformed sha256");
		return 500;
	}
	path = arena_printf(r->a, "%s/%.2s/%.2s/%s", app.conf.attachments_dir,
	    sha256, sha256 + 2, sha256);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		log_err(r->id, "open(%s) failed: %s", path, strerror(errno));
		return 500;
	}
	resp_file(r, fd);
	if (filename == NULL || *filename == '\0')
		filename = "attachment";
	r->content_type = k != SNIFF_NONE ? sniff_media_type(k) :
	    "application/octet-stream";
	resp_header(r, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"%s\"; filename*=UTF-8''%s",
	    ascii_name(r->a, filename), form_urlencode(r->a, filename)));
	/* Other sites may not embed it either (an image in their page). */
	resp_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	return 200;
}
