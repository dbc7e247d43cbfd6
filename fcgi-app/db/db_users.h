/* db_users.h - accounts: creating them and listing them, (de)activating them, and their one-time password links. */
#ifndef KPP_DB_USERS_H
#define KPP_DB_USERS_H

#include <stddef.h>

#include "core/kerr.h"

struct arena;
struct outbox_send;
struct req;

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

/* One account as the admins' pages show it. */
struct user_row {
	long long	 id;
	const char	*email, *name;
	const char	*role;		/* applicant, admin, sida */
	const char	*lang;		/* sv, en */
	long long	 org_id;	/* 0: none */
	const char	*org_name;
	int		 active;
	int		 has_password;	/* 0 until the person chose one with a link */
	const char	*last_login;	/* "YYYY-MM-DD HH:MM:SS" (UTC), or NULL: never */
	const char	*link_expires;	/* a link that works, until "YYYY-MM-DD HH:MM:SS" (UTC), or NULL */
};

/* The orders of the list (h_user.c's columns that sort). */
enum user_sort {
	USER_SORT_NAME = 0,
	USER_SORT_EMAIL,
	USER_SORT_ORG,
	USER_SORT_LOGIN,
	USER_SORT__MAX
};

/* What the list shows: each filter NULL (or 0, -1) for all; like a LIKE pattern (list_like). */
struct user_filter {
	const char	*role, *like;
	long long	 org_id;
	int		 active;	/* -1 all, 0 deactivated, 1 active */
	enum user_sort	 sort;
	int		 desc;
	long long	 limit, offset;
};

/* The new account an admin's form asks for. */
struct user_new {
	const char	*email, *name, *role, *lang;
	long long	 org_id;	/* 0: none */
};

/* How long a password link works: one an admin makes, one the person asks for ("Forgot your password?"). */
#define USER_LINK_HOURS		72
#define USER_FORGOT_HOURS	24

/*
 * "Forgot your password?" mails at most so many links: an hour for one
 * address typed, a day for one account. Enough for a person who lost a
 * mail or two; not a way to flood their mailbox.
 */
#define USER_FORGOT_PER_ADDRESS_HOUR	3
#define USER_FORGOT_PER_ACCOUNT_DAY	5

/*
 * One page of accounts matching f in the order asked (then by name), and how many match in all.
 * *out and its strings are in a. Returns KERR_OK or KERR_DB.
 */
enum kerr	db_user_page(struct arena *a, const char *reqid, const struct user_filter *f,
		    struct user_row **out, size_t *n, long long *total);

/* One account. Returns KERR_OK, KERR_NOTFOUND or KERR_DB; strings in a. */
enum kerr	db_user_get(struct arena *a, const char *reqid, long long id, struct user_row *out);

/*
 * Creates the active account u without a password, remembering token (64 hex digits, the form's
 * one-time token), and its first password link (link_hash: SHA-256 of the link's token, working
 * USER_LINK_HOURS), with an audit row (user.create) and mail, the link's message (its recipient
 * set here: the new account), queued in one transaction. Stores the new id in *id
 * and the link's expiry ("YYYY-MM-DD HH:MM:SS", UTC, in r's arena) in *expires. Returns KERR_OK;
 * KERR_CONFLICT when an account was created with token already (its id in *id, nothing written);
 * KERR_INVALID when the email address has an account (nothing written); KERR_DB.
 */
enum kerr	db_user_create(struct req *r, const struct user_new *u, const char *token,
		    const unsigned char link_hash[32], struct outbox_send *mail, long long *id,
		    const char **expires);

/*
 * Deactivates (active 0) or reactivates (1) account id, with an audit row (user.deactivate,
 * user.reactivate) in one transaction; deactivating also ends the account's sessions and its
 * password links at once. *changed says whether it was otherwise before (an account already as
 * asked is left alone, without an audit row). Returns KERR_OK, KERR_NOTFOUND or KERR_DB.
 */
enum kerr	db_user_set_active(struct req *r, long long id, int active, int *changed);

/*
 * Gives active account id a new password link (link_hash as above), ending its earlier ones, with
 * an audit row (user.password_link, the expiry but never the token) and mail, the link's message
 * (to account id), queued in one transaction; *expires as above. Returns KERR_OK; KERR_INVALID
 * when the account is deactivated; KERR_NOTFOUND; KERR_DB.
 */
enum kerr	db_user_new_link(struct req *r, long long id, const unsigned char link_hash[32],
		    struct outbox_send *mail, const char **expires);

/* The active account of email (any case), as db_user_get(). KERR_NOTFOUND when none is. */
enum kerr	db_user_by_email(struct arena *a, const char *reqid, const char *email,
		    struct user_row *out);

/*
 * "Forgot your password?" for email (as typed, normalised), whose account
 * is id: a new link (link_hash, working USER_FORGOT_HOURS, made by nobody)
 * ending the earlier ones, the request counted, an audit row
 * (user.password_link, by the account) and mail queued to the account, in
 * one transaction; *expires as above. Returns KERR_OK; KERR_INVALID when
 * the account is not active (any more); KERR_CONFLICT, nothing written,
 * past USER_FORGOT_PER_ADDRESS_HOUR or USER_FORGOT_PER_ACCOUNT_DAY;
 * KERR_NOTFOUND; KERR_DB.
 */
enum kerr	db_password_request(struct req *r, const char *email, long long id,
		    const unsigned char link_hash[32], struct outbox_send *mail,
		    const char **expires);

/* What a person chooses for themselves on /account. */
struct user_prefs {
	const char	*lang;		/* sv, en */
	const char	*mail_kinds;	/* users.mail_kinds: the optional kinds chosen, comma-separated */
	unsigned	 version;	/* users.version the choices were read at */
};

/* Account id's choices; strings in a. KERR_OK, KERR_NOTFOUND or KERR_DB. */
enum kerr	db_user_prefs(struct arena *a, const char *reqid, long long id, struct user_prefs *out);

/*
 * Saves the signed-in person's choices p if their account is still at
 * p->version, with an audit row (user.account). KERR_CONFLICT, nothing
 * written, when it was saved since (*current gets the version now
 * stored); KERR_DB.
 */
enum kerr	db_user_prefs_set(struct req *r, const struct user_prefs *p, unsigned *current);

/*
 * The account whose password the link with token hash h sets, if the link works: not expired,
 * and the account active. Fills out's id, email, name and lang. Returns KERR_OK, KERR_NOTFOUND
 * (unknown, used, replaced or expired: the caller does not say which) or KERR_DB.
 */
enum kerr	db_link_find(struct arena *a, const char *reqid, const unsigned char h[32],
		    struct user_row *out);

/*
 * Sets the password of the link's account to hash (crypto_pwhash_str output) if the link still
 * works, ending the link, the account's other links and its sessions, with an audit row
 * (user.password_set, by the account itself) in one transaction; *user_id is the account.
 * Returns KERR_OK, KERR_NOTFOUND (as db_link_find) or KERR_DB.
 */
enum kerr	db_link_use(struct req *r, const unsigned char h[32], const char *hash,
		    long long *user_id);

#endif
