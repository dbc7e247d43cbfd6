/* db_users.h - accounts: creating them and listing them. */
#ifndef KPP_DB_USERS_H
#define KPP_DB_USERS_H

#include <stddef.h>

#include "kerr.h"

struct arena;

struct account {
	const char	*email;
	const char	*role;
	const char	*org;	/* NULL for admin and sida */
};

/*
 * Creates an active admin account. KERR_CONFLICT when the email is taken.
 * reqid tags log lines (NULL outside a request).
 */
enum kerr	db_user_create_admin(const char *reqid, const char *email,
		    const char *name, const char *hash, long long *id);

/* Every account, admins and Sida first, then applicants by organisation (Swedish order). */
enum kerr	db_user_list(struct arena *a, const char *reqid,
		    struct account **out, size_t *n);

#endif
