/* auth.c - Argon2id password hashing and random tokens with libsodium. */
#include <string.h>

#include <sodium.h>

#include "http/auth.h"
#include "http/form.h"

static char dummy_hash[crypto_pwhash_STRBYTES];

int
auth_init(void)
{
	if (sodium_init() < 0)
		return -1;
	return auth_password_hash("kpp dummy password", dummy_hash);
}

int
auth_password_hash(const char *pw, char out[AUTH_HASH_MAX])
{
	_Static_assert(AUTH_HASH_MAX >= crypto_pwhash_STRBYTES, "hash room");
	return crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ? 0 : -1;
}

int
auth_password_verify(const char *hash, const char *pw)
{
	int ok;

	ok = crypto_pwhash_str_verify(hash != NULL ? hash : dummy_hash, pw,
	    strlen(pw)) == 0;
	return hash != NULL && ok;
}

enum auth_pw
auth_password_check(const char *pw, const char *again)
{
	size_t n;

	if (pw == NULL || *pw == '\0')
		return AUTH_PW_EMPTY;
	n = utf8_chars(pw);
	if (n < AUTH_PASSWORD_MIN)
		return AUTH_PW_SHORT;
	if (n > AUTH_PASSWORD_MAX)
		return AUTH_PW_LONG;
	if (again != NULL && strcmp(pw, again) != 0)
		return AUTH_PW_MISMATCH;
	return AUTH_PW_OK;
}

long
auth_throttle_seconds(long long failures)
{
	long s = 60;

	if (failures < AUTH_FREE_FAILURES)
		return 0;
	for (; failures > AUTH_FREE_FAILURES && s < 3600; failures--)
		s *= 2;
	return s < 3600 ? s : 3600;
}

void
auth_token_new(char hex[AUTH_TOKEN_HEX])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(hex, AUTH_TOKEN_HEX, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

int
auth_token_hash(const char *hex, unsigned char hash[32])
{
	unsigned char raw[32];
	size_t len;
	const char *end;

	if (hex == NULL || strlen(hex) != 64 ||
	    sodium_hex2bin(raw, sizeof(raw), hex, 64, NULL, &len, &end) != 0 ||
	    len != sizeof(raw) || *end != '\0')
		return -1;
	crypto_hash_sha256(hash, raw, sizeof(raw));
	return 0;
}

int
auth_equal(const char *a, const char *b)
{
	size_t la, lb;

	if (a == NULL || b == NULL)
		return 0;
	la = strlen(a);
	lb = strlen(b);
	if (la != lb || la == 0)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}
