/* attach_store.h - uploaded files on disk, stored once by their SHA-256: received, checked, committed, served. */
#ifndef KPP_ATTACH_STORE_H
#define KPP_ATTACH_STORE_H

#include <stddef.h>

#include "core/kerr.h"
#include "http/sniff.h"

struct arena;
struct req;
struct attach_tmp;

/*
 * The store keeps a file as <dir>/ab/cd/<sha256> (ab, cd: the hash's
 * first two pairs of hex digits), dir being [app] attachments_dir, outside
 * any web root. A file being received lives in <dir>/tmp/ until it is
 * committed; only committed files are ever named by the database. Files
 * are never changed or removed by the application: the same content
 * uploaded again is the same file.
 */

/* What became of one uploaded file; the handler shows all but ATTACH_OK next to its field. */
enum attach_err {
	ATTACH_OK = 0,
	ATTACH_EMPTY,	/* no file chosen (a file input left empty), or a file of 0 bytes */
	ATTACH_TOOBIG,	/* larger than [app] attachment_max */
	ATTACH_TYPE	/* not a kind sniff.h accepts, or not what its name or type claims */
};

/* A received file, as attach_receive_end() found it. */
struct attach_file {
	enum attach_err		 err;
	enum sniff_kind		 kind;		/* SNIFF_NONE unless ATTACH_OK */
	const char		*type;		/* the media type kpp stores for it; NULL unless ATTACH_OK */
	unsigned long long	 size;		/* bytes received, also those past the limit */
	char			 sha256[65];	/* lower-case hex; "" unless ATTACH_OK */
};

/*
 * Starts receiving a file called filename (may be NULL or "") whose part
 * claimed claimed_type (may be NULL), to keep in dir at most max bytes.
 * Nothing touches the disk until the file's first SNIFF_HEAD bytes (or all
 * of it, when shorter) have been judged by sniff_kind(); then it goes to a
 * new temporary file <dir>/tmp/upload-XXXXXX (mode 0600, O_EXCL; dir and
 * dir/tmp are made 0700 when missing) while being hashed. Whatever was not
 * committed when a is reset, the temporary file included, is removed then.
 * Returns KERR_OK and *out (in a); the strings are copied.
 */
enum kerr	 attach_receive_start(struct arena *a, const char *reqid,
		    const char *dir, unsigned long long max, const char *filename,
		    const char *claimed_type, struct attach_tmp **out);

/*
 * The file's next len bytes. Past max, or once its kind is refused, the
 * rest is only counted and the temporary file is removed at once. Returns
 * KERR_OK, or KERR_SYSTEM when the disk fails (logged): then the request
 * should end in 500 and keeps nothing.
 */
enum kerr	 attach_receive(struct attach_tmp *t, const char *data, size_t len);

/*
 * Ends the file: fills *out with its verdict, type, size and hash, and
 * closes the temporary file (kept, for attach_commit()). Returns KERR_OK
 * (whatever the verdict) or KERR_SYSTEM (logged).
 */
enum kerr	 attach_receive_end(struct attach_tmp *t, struct attach_file *out);

/*
 * Makes an ATTACH_OK file permanent: fsync, then link (or, where the file
 * system has no links, rename) into <dir>/ab/cd/<sha256>, and fsync the
 * directories, so that after a crash the file is either whole there or not
 * there at all. When that name exists already, the content is the same and
 * is kept once. Call it before the database names the file. Committing
 * twice is harmless. Returns KERR_OK, KERR_INVALID for a file that was
 * refused or not ended, or KERR_SYSTEM (logged).
 */
enum kerr	 attach_commit(struct attach_tmp *t);

/*
 * Removes the temporary files in <dir>/tmp/ older than max_age seconds:
 * what a worker killed in the middle of receiving a file left behind
 * (a live upload is far younger: nginx has the whole body before a worker
 * reads it). For a worker's start; failures are logged and ignored.
 */
void		 attach_sweep(const char *dir, unsigned max_age);

/* Whether s is a SHA-256 as the store names files: 64 lower-case hex digits. */
int		 attach_sha256_ok(const char *s);

/*
 * Answers a download of the stored file sha256 (a GET handler returns
 * what this returns): its content streamed from disk (resp_file()), with
 * the stored media_type (application/octet-stream if it is none of
 * sniff.h's) and "Content-Disposition: attachment; filename=...;
 * filename*=UTF-8''..." naming it filename (an ASCII stand-in for old
 * browsers, the UTF-8 name for the rest), so that it is saved, never shown
 * inline; loop.c adds X-Content-Type-Options: nosniff to every response.
 * Returns 200, or 500 (logged) when sha256 is malformed or the file is
 * missing or unreadable. Check first that the person may see it.
 */
int		 attach_send(struct req *r, const char *sha256,
		    const char *filename, const char *media_type);

#endif
