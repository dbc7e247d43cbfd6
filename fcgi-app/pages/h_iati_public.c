/* h_iati_public.c - the public IATI files (/iati/activities.xml, /iati/organisation.xml), written once per public version and day. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "core/arena.h"
#include "core/atomic.h"
#include "core/log.h"
#include "db/db_public.h"
#include "http/app.h"
#include "http/req.h"
#include "iati/iati.h"
#include "pages/h_iati_public.h"

#define XML_TYPE	"application/xml; charset=utf-8"
/*
 * How long a cache may keep a file without asking again. Short: the ETag
 * makes asking cheap (a 304 reads one row), and a withheld project must
 * leave the file soon.
 */
#define IATI_MAX_AGE	300

/* Writes one public file into fd. KERR_OK, KERR_DB or KERR_SYSTEM. */
typedef enum kerr (*public_write_fn)(struct req *r, int fd);

static enum kerr
write_activities(struct req *r, int fd)
{
	struct iati_filter f = { 0, NULL, 1 };
	struct iati_ctx ctx;
	size_t count;
	enum kerr e;

	iati_ctx_init(&ctx, &app.conf, app_today(), (long long)time(NULL));
	e = iati_export(r->id, &ctx, &f, iati_fd_out, &fd, &count);
	if (e == KERR_OK)
		log_info(r->id, "public IATI activity file: %zu activities", count);
	return e;
}

/* ICLD's organisation file, from the same activities: what is withheld is not in its sums either. */
static enum kerr
write_organisation(struct req *r, int fd)
{
	struct iati_filter f = { 0, NULL, 1 };
	struct iati_ctx ctx;

	iati_ctx_init(&ctx, &app.conf, app_today(), (long long)time(NULL));
	return iati_org_export(r->id, &ctx, &f, iati_fd_out, &fd);
}

/*
 * How long a file of an earlier version stays: nginx may be about to open
 * it for a request that began before the data changed.
 */
#define IATI_KEEP_OLD	60

/*
 * Removes the files of earlier versions: name starts with prefix, is
 * neither keep nor prev (nor their compressed copies), and is older than
 * IATI_KEEP_OLD. prev is the file other workers were sending while this
 * one was written: nginx may be about to open it.
 */
static void
sweep(struct req *r, const char *dir, const char *prefix, const char *keep, const char *prev)
{
	struct dirent *d;
	struct stat st;
	time_t now = time(NULL);
	DIR *dp;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((d = readdir(dp)) != NULL) {
		if (strncmp(d->d_name, prefix, strlen(prefix)) != 0 ||
		    (*keep != '\0' && strncmp(d->d_name, keep, strlen(keep)) == 0) ||
		    (*prev != '\0' && strncmp(d->d_name, prev, strlen(prev)) == 0) ||
		    fstatat(dirfd(dp), d->d_name, &st, 0) != 0 ||
		    now - st.st_mtime < IATI_KEEP_OLD)
			continue;
		/* Another worker may have removed it first, or nginx still be sending it: both are fine on POSIX. */
		if (unlinkat(dirfd(dp), d->d_name, 0) != 0 && errno != ENOENT)
			log_err(r->id, "unlink(%s/%s) failed: %s", dir, d->d_name, strerror(errno));
	}
	closedir(dp);
}

/*
 * What a public file is made of: the data at a public version, on a day.
 * The day counts as much as the data: a project approved to start later
 * becomes "implementation" on its first day (iati.c reads the programme's
 * today), with no row changed. A file is named prefix<day>-<version>.xml,
 * day as YYYYMMDD; day 0 and version 0 is no file.
 */
struct file_key {
	unsigned long		day;
	unsigned long long	v;
};

/* Today's key at public version v: the programme's today (app_today(), YYYY-MM-DD) as YYYYMMDD. */
static struct file_key
key_today(unsigned long long v)
{
	const char *t = app_today();
	struct file_key k = { 0, v };
	int i;

	for (i = 0; t[i] != '\0'; i++)
		if (t[i] >= '0' && t[i] <= '9')
			k.day = k.day * 10 + (unsigned long)(t[i] - '0');
	return k;
}

/* Whether a is older than b: by day, then by version. */
static int
key_older(struct file_key a, struct file_key b)
{
	return a.day != b.day ? a.day < b.day : a.v < b.v;
}

/*
 * The key of the newest file prefix<day>-<version>.xml in dir, { 0, 0 }
 * when there is none: what is sent while a newer one is being written or
 * waits for app.public_min_interval.
 */
static struct file_key
newest(const char *dir, const char *prefix)
{
	struct file_key best = { 0, 0 }, k;
	size_t n = strlen(prefix);
	struct dirent *d;
	char *end;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL)
		return best;
	while ((d = readdir(dp)) != NULL) {
		if (strncmp(d->d_name, prefix, n) != 0 ||
		    d->d_name[n] < '0' || d->d_name[n] > '9')
			continue;
		errno = 0;
		k.day = strtoul(d->d_name + n, &end, 10);
		if (errno != 0 || *end != '-' || end[1] < '0' || end[1] > '9')
			continue;
		k.v = strtoull(end + 1, &end, 10);
		if (errno == 0 && strcmp(end, ".xml") == 0 && key_older(best, k))
			best = k;
	}
	closedir(dp);
	return best;
}

/* A public file's writer and its request, as atomic_write() hands them on. */
struct public_job {
	struct req	*r;
	public_write_fn	 fn;
};

static enum kerr
public_job_write(int fd, void *arg)
{
	struct public_job *job = arg;

	return job->fn(job->r, fd);
}

/*
 * The public files' mode: nginx reads them through the public directory's
 * group (setgid, so that the files take it: README), never as "others".
 */
#define PUBLIC_FILE_MODE	0640

/*
 * Writes the file at path whole or not at all (atomic_write()): no request
 * ever sends half a file, and two workers writing at once both leave a
 * whole one.
 */
static enum kerr
generate(struct req *r, const char *path, public_write_fn fn)
{
	struct public_job job = { r, fn };
	const char *what;
	enum kerr e;

	if ((e = atomic_write(path, PUBLIC_FILE_MODE, public_job_write, &job, &what)) == KERR_SYSTEM)
		log_err(r->id, "%s of %s failed: %s", what, path, strerror(errno));
	return e;
}

/* The file at path (the one just written), gzipped into fd: what nginx sends to a client that takes gzip. */
static enum kerr
gzip_copy(int fd, void *arg)
{
	const char *path = arg;
	char buf[1 << 16];
	gzFile gz;
	ssize_t n;
	int in, gfd, ok = 1;

	if ((in = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return KERR_SYSTEM;
	/* gzclose() closes the descriptor it was given; atomic_write() closes its own. */
	if ((gfd = dup(fd)) < 0 || (gz = gzdopen(gfd, "wb9")) == NULL) {
		if (gfd >= 0)
			close(gfd);
		close(in);
		return KERR_SYSTEM;
	}
	while (ok && (n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		ok = n > 0 && gzwrite(gz, buf, (unsigned)n) == (int)n;
	}
	ok = gzclose(gz) == Z_OK && ok;
	close(in);
	if (!ok && errno == 0)
		errno = EIO;
	return ok ? KERR_OK : KERR_SYSTEM;
}

/* The name of key k's file, prefix<day>-<version>.xml, in r's arena. */
static const char *
file_name(struct req *r, const char *prefix, struct file_key k)
{
	return arena_printf(r->a, "%s%lu-%llu.xml", prefix, k.day, k.v);
}

/* Writes dir/name and its gzipped copy, then removes the earlier versions but prev. */
static enum kerr
write_version(struct req *r, const char *dir, const char *prefix, const char *name,
    const char *prev, public_write_fn fn)
{
	const char *path = arena_printf(r->a, "%s/%s", dir, name);
	const char *gz = arena_printf(r->a, "%s.gz", path), *what;
	enum kerr e;

	if ((e = generate(r, path, fn)) != KERR_OK)
		return e;
	/*
	 * Compressed once here rather than by nginx at every request (0.2 s of CPU for a
	 * 56 MB file). Without it nginx compresses on the fly: a failure costs only time.
	 */
	if (atomic_write(gz, PUBLIC_FILE_MODE, gzip_copy, (void *)path, &what) != KERR_OK)
		log_err(r->id, "%s of %s failed: %s", what, gz, strerror(errno));
	sweep(r, dir, prefix, name, prev);
	/* Temporary files left by a worker that died while writing (their mtime stops moving). */
	sweep(r, dir, ".kpp-", "", "");
	return KERR_OK;
}

/*
 * Decides which file to send when the data and the day are at key v,
 * writing v's file first when it is this worker's turn; the key of the
 * file sent goes in *sent. One worker writes (a lock file per kind
 * of file, taken without waiting) while the others go on sending the
 * newest file there is; only when there is none yet do they wait for it.
 * A file is written at most once per app.public_min_interval: until then
 * the newest one stays.
 */
static enum kerr
current(struct req *r, const char *dir, const char *prefix, struct file_key v,
    public_write_fn fn, struct file_key *sent)
{
	const char *lock = arena_printf(r->a, "%s/.%slock", dir, prefix);
	const char *want = file_name(r, prefix, v);
	const char *path = arena_printf(r->a, "%s/%s", dir, want);
	struct file_key prev;
	enum kerr e = KERR_OK;
	struct stat st;
	int fd;

	if (stat(path, &st) == 0) {
		*sent = v;
		return KERR_OK;
	}
	if ((fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
		log_err(r->id, "open(%s) failed: %s", lock, strerror(errno));
		return KERR_SYSTEM;
	}
	prev = newest(dir, prefix);
	while (flock(fd, LOCK_EX | (prev.v != 0 ? LOCK_NB : 0)) != 0) {
		if (errno == EWOULDBLOCK) {
			/* Another worker is writing the new version: the previous one meanwhile. */
			close(fd);
			*sent = prev;
			return KERR_OK;
		}
		if (errno != EINTR) {
			log_err(r->id, "flock(%s) failed: %s", lock, strerror(errno));
			close(fd);
			return KERR_SYSTEM;
		}
	}
	/* The worker that held the lock may have written this version meanwhile. */
	prev = newest(dir, prefix);
	if (stat(path, &st) == 0) {
		*sent = v;
	} else if (prev.v != 0 && stat(arena_printf(r->a, "%s/%s", dir,
	    file_name(r, prefix, prev)), &st) == 0 &&
	    time(NULL) - st.st_mtime < (time_t)app.conf.public_min_interval) {
		*sent = prev;
	} else if ((e = write_version(r, dir, prefix, want, prev.v != 0 ?
	    file_name(r, prefix, prev) : "", fn)) == KERR_OK) {
		*sent = v;
	}
	close(fd);	/* and with it the lock */
	return e;
}

/* An HTTP date (RFC 9110's IMF-fixdate) of t. */
static const char *
http_date(struct req *r, time_t t)
{
	char s[64];
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(s, sizeof(s), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	return arena_strdup(r->a, s);
}

/*
 * Whether If-None-Match names etag (or is *), compared weakly as RFC 9110
 * says for GET: nginx's gzip turns the ETag it passes on into W/"...".
 */
static int
etag_matches(const char *header, const char *etag)
{
	const char *p = header;
	size_t n = strlen(etag);

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' ||
		    p[n] == ' ' || p[n] == '\t'))
			return 1;
		while (*p != '\0' && *p != ',')
			p++;
	}
	return 0;
}

/* RFC 9110 13.2.2: If-None-Match wins over If-Modified-Since, which a date we cannot read leaves out. */
static int
not_modified(struct req *r, const char *etag, time_t mtime)
{
	struct tm tm;
	const char *end;

	if (*r->if_none_match != '\0')
		return etag_matches(r->if_none_match, etag);
	if (*r->if_modified_since == '\0')
		return 0;
	memset(&tm, 0, sizeof(tm));
	end = strptime(r->if_modified_since, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	return end != NULL && *end == '\0' && mtime <= timegm(&tm);
}

/*
 * The public directory, made when missing. In production the operator
 * makes it beforehand with nginx's group of its own, setgid (README):
 * nginx reads the files through that group and nothing else of kpp's.
 */
static int
public_dir(struct req *r, const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
		log_err(r->id, "mkdir(%s) failed: %s", dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		log_err(r->id, "app.public_dir %s is not a directory", dir);
		return -1;
	}
	return 0;
}

/*
 * Answers with the public file prefix<day>-<version>.xml of public_dir: the
 * one of today and the public version (sql/0020), written by fn first if it has none
 * yet, or the previous one while that is being written or is younger than
 * app.public_min_interval (current()). A request costs one row read,
 * however many projects there are. A conditional GET that matches is
 * answered 304 here; otherwise nginx sends the file itself
 * (X-Accel-Redirect to its internal location /_kpp_public/), compressed.
 */
static int
serve(struct req *r, const char *prefix, public_write_fn fn)
{
	const char *dir = app.conf.public_dir, *name, *path, *etag;
	unsigned long long v;
	struct file_key sent;
	struct stat st;
	enum kerr e;

	if ((e = db_public_files_version(r->a, r->id, &v)) != KERR_OK)
		return http_status(e);
	if (public_dir(r, dir) != 0)
		return 500;
	if ((e = current(r, dir, prefix, key_today(v), fn, &sent)) != KERR_OK)
		return http_status(e);
	name = file_name(r, prefix, sent);
	path = arena_printf(r->a, "%s/%s", dir, name);
	if (stat(path, &st) != 0) {
		log_err(r->id, "stat(%s) failed: %s", path, strerror(errno));
		return 500;
	}
	etag = arena_printf(r->a, "\"%s%lu-%llu\"", prefix, sent.day, sent.v);
	/* Weak: the plain file and its gzipped copy are one resource under one tag. */
	resp_header(r, "ETag", arena_printf(r->a, "W/%s", etag));
	resp_header(r, "Last-Modified", http_date(r, st.st_mtime));
	r->content_type = XML_TYPE;
	resp_public(r, IATI_MAX_AGE);
	if (not_modified(r, etag, st.st_mtime))
		return 304;
	resp_header(r, "X-Accel-Redirect", arena_printf(r->a, "/_kpp_public/%s", name));
	return 200;
}

/*
 * GET /iati/activities.xml -> 200 the IATI activity file of every published project | 304 | 503 | 500
 * For anyone: the URL the IATI Registry points at.
 */
int
h_iati_activities(struct req *r)
{
	return serve(r, "iati-activities-", write_activities);
}

/* GET /iati/organisation.xml -> 200 ICLD's IATI organisation file | 304 | 503 | 500, for anyone. */
int
h_iati_organisation(struct req *r)
{
	return serve(r, "iati-organisation-", write_organisation);
}
