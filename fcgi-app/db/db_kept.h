/* db_kept.h - the statements behind forms kept after their session lapsed (kept.c, sql/0019). */
#ifndef KPP_DB_KEPT_H
#define KPP_DB_KEPT_H

#include "core/kerr.h"

struct arena;

/* A kept form: where it was posted and what it sent (urlencoded), in the request's arena. */
struct kept_post {
	const char	*path;
	const char	*body;
	int		 files_dropped;	/* files were chosen with it, which are not kept */
};

/*
 * Keeps body, posted to path by user_id's lapsed session, under token hash h for hours hours:
 * expired forms of everyone are purged first, and the person's oldest is dropped when they
 * already have max.
 */
enum kerr	db_kept_store(struct arena *a, const char *reqid, const unsigned char h[32],
		    long long user_id, const char *path, const char *body, int files_dropped, int hours,
		    int max);

/* The unexpired form kept under h for user_id (anybody else's is not found): KERR_NOTFOUND. */
enum kerr	db_kept_find(struct arena *a, const char *reqid, const unsigned char h[32],
		    long long user_id, struct kept_post *k);

enum kerr	db_kept_delete(const char *reqid, const unsigned char h[32]);

#endif
