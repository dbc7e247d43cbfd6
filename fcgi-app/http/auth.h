/* auth.h - passwords (Argon2id), session tokens and CSRF tokens, all through libsodium. */
#ifndef KPP_AUTH_H
#define KPP_AUTH_H

#include <stddef.h>

#define AUTH_HASH_MAX	128	/* crypto_pwhash_STRBYTES */
#define AUTH_TOKEN_HEX	65	/* 256 bits as hex, plus NUL */
#define AUTH_PASSWORD_MIN	12	/* characters */
#define AUTH_PASSWORD_MAX	200	/* characters: a passphrase, not a file */
#define AUTH_EMAIL_BYTES	254	/* the longest e-mail address sign-in reads (RFC 5321's path) */
#define AUTH_SIGNIN_PW_BYTES	1024	/* the longest password sign-in hashes: anything longer is no password of ours */
#define AUTH_FREE_FAILURES	5	/* wrong passwords in a row before an address and account pair waits */

/* What is wrong with a password someone chooses (typed twice). */
enum auth_pw {
	AUTH_PW_OK = 0,
	AUTH_PW_EMPTY,		/* nothing typed */
	AUTH_PW_SHORT,		/* fewer than AUTH_PASSWORD_MIN characters */
	AUTH_PW_LONG,		/* more than AUTH_PASSWORD_MAX characters */
	AUTH_PW_MISMATCH,	/* again differs from pw (NULL again: not checked) */
	AUTH_PW__MAX
};

/* Initialises libsodium and the dummy hash used for unknown accounts. Returns 0 or -1. */
int	auth_init(void);

/* Hashes pw with Argon2id (interactive limits) into out. Returns 0, or -1 when out of memory. */
int	auth_password_hash(const char *pw, char out[AUTH_HASH_MAX]);

/*
 * Returns 1 when pw matches hash. A NULL hash (no such account) is checked
 * against a dummy so the answer takes as long either way.
 */
int	auth_password_verify(const char *hash, const char *pw);

/*
 * Checks a new password pw, and that again (when not NULL) is the same: characters are counted as
 * code points of the UTF-8 text, so that "lösenordsfras" is as long as it looks. NULL pw is empty.
 */
enum auth_pw	auth_password_check(const char *pw, const char *again);

/*
 * How many seconds an address and account pair waits after its failures-th wrong password in a row:
 * none before AUTH_FREE_FAILURES, then a minute, doubling with each further failure up to an hour,
 * so that guessing slows to a crawl while a person who mistyped waits little.
 */
long	auth_throttle_seconds(long long failures);

/* A fresh random 256-bit token as lowercase hex. */
void	auth_token_new(char hex[AUTH_TOKEN_HEX]);

/*
 * The SHA-256 of a token given as hex, as sessions are stored.
 * Returns 0, or -1 when hex is not 64 hex digits.
 */
int	auth_token_hash(const char *hex, unsigned char hash[32]);

/* Compares two NUL-terminated secrets in time independent of where they differ. */
int	auth_equal(const char *a, const char *b);

#endif
