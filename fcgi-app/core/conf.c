/* conf.c - reads the INI configuration file with libinih. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ini.h>

#include "core/conf.h"

enum ctype { C_STR, C_UINT, C_ULONG, C_BOOL, C_LANG };

struct key {
	const char	*section;
	const char	*name;
	enum ctype	 type;
	size_t		 off;
	const char	*dflt;
	int		 cred;	/* in the credentials file ([migrate] credentials), never in kpp.conf */
};

#define K(s, n, t, f, d) { s, n, t, offsetof(struct conf, f), d, 0 }
#define KCRED(s, n, t, f, d) { s, n, t, offsetof(struct conf, f), d, 1 }

/* Every key the file may set, with its default: the one place to look. */
static const struct key keys[] = {
	K("database", "host", C_STR, db_host, ""),
	K("database", "port", C_UINT, db_port, "3306"),
	K("database", "socket", C_STR, db_socket, "/run/mysqld/mysqld.sock"),
	K("database", "name", C_STR, db_name, "kpp"),
	K("database", "user", C_STR, db_user, "kpp_app"),
	K("database", "password", C_STR, db_password, ""),
	K("database", "connect_timeout", C_UINT, db_connect_timeout, "3"),
	K("database", "read_timeout", C_UINT, db_read_timeout, "5"),
	K("database", "write_timeout", C_UINT, db_write_timeout, "5"),
	K("migrate", "credentials", C_STR, migrate_credentials, KPP_SYSCONFDIR "/migrate.conf"),
	KCRED("migrate", "user", C_STR, migrate_user, "kpp_migrate"),
	KCRED("migrate", "password", C_STR, migrate_password, ""),
	K("server", "socket", C_STR, socket, "/run/kpp/kpp.sock"),
	K("server", "workers", C_UINT, workers, "4"),
	K("app", "templates", C_STR, templates_dir, KPP_DATADIR "/templates"),
	K("app", "locale_dir", C_STR, locale_dir, KPP_LOCALEDIR),
	K("app", "sql_dir", C_STR, sql_dir, KPP_DATADIR "/sql"),
	K("app", "static_dir", C_STR, static_dir, KPP_DATADIR "/static"),
	K("app", "tmp_dir", C_STR, tmp_dir, "/var/lib/kpp/tmp"),
	K("app", "public_dir", C_STR, public_dir, "/var/lib/kpp/public"),
	K("app", "public_min_interval", C_UINT, public_min_interval, "60"),
	K("app", "default_language", C_LANG, default_lang, "sv"),
	K("app", "secure_cookies", C_BOOL, secure_cookies, "false"),
	K("app", "session_idle_minutes", C_UINT, session_idle_minutes, "60"),
	K("app", "session_absolute_hours", C_UINT, session_absolute_hours, "12"),
	K("app", "max_body", C_ULONG, max_body, "10485760"),
	K("app", "attachments_dir", C_STR, attachments_dir, "/var/lib/kpp/attachments"),
	K("app", "attachment_max", C_ULONG, attachment_max, "5242880"),
	K("app", "attachments_per_report", C_UINT, attachments_per_report, "20"),
	K("app", "today", C_STR, today, ""),
	K("app", "public_url", C_STR, public_url, ""),
	K("iati", "reporting_org_ref", C_STR, iati_org_ref, "SE-ON-2220000315"),
	K("iati", "reporting_org_type", C_STR, iati_org_type, "15"),
	K("iati", "reporting_org_name", C_STR, iati_org_name,
	    "International Centre for Local Democracy (ICLD)"),
	K("iati", "contact_email", C_STR, iati_contact_email, "info@icld.se"),
	K("iati", "sida_activity_id", C_STR, iati_sida_activity, ""),
	K("iati", "schema_dir", C_STR, iati_schema_dir, KPP_DATADIR "/iati/schema"),
	K("mail", "relay", C_STR, mail_relay, "smtp://localhost:25"),
	K("mail", "starttls", C_STR, mail_starttls, "optional"),
	K("mail", "user", C_STR, mail_user, ""),
	K("mail", "password_file", C_STR, mail_password_file, ""),
	K("mail", "from_address", C_STR, mail_from_address, "noreply@icld.se"),
	K("mail", "from_name", C_STR, mail_from_name, "ICLD"),
	K("mail", "reply_to", C_STR, mail_reply_to, ""),
	K("mail", "message_id_domain", C_STR, mail_message_id_domain, "kpp.icld.se"),
	K("mail", "timeout_seconds", C_UINT, mail_timeout_seconds, "60"),
	K("mail", "batch", C_UINT, mail_batch, "20"),
	K("mail", "poll_seconds", C_UINT, mail_poll_seconds, "5"),
	K("mail", "retry_first_seconds", C_UINT, mail_retry_first_seconds, "60"),
	K("mail", "max_retry_hours", C_UINT, mail_max_retry_hours, "48"),
	K("mail", "daily_at", C_STR, mail_daily_at, "07:00"),
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

struct loadctx {
	struct loadctx	*prev;		/* earlier loads, kept like this one */
	struct conf	*c;
	/*
	 * A copy of *c as loaded: its strings live for the whole process and
	 * stay reachable from here even when the caller's struct is reused.
	 */
	struct conf	 kept;
	char		*err;
	size_t		 errlen;
	const char	*path;
	int		 cred;		/* reading the credentials file, not kpp.conf */
	/* The text each key was set from, for conf_get(). */
	char		*raw[NKEYS];
};

static struct loadctx *last_loaded;

static int
set(struct loadctx *ctx, const struct key *k, const char *v)
{
	char *base = (char *)ctx->c + k->off, *end;
	unsigned long ul;

	switch (k->type) {
	case C_STR:
		free(*(char **)base);
		if ((*(char **)base = strdup(v)) == NULL)
			goto bad;
		return 1;
	case C_UINT:
	case C_ULONG:
		errno = 0;
		ul = strtoul(v, &end, 10);
		if (*v == '\0' || *v == '-' || *end != '\0' || errno != 0 ||
		    (k->type == C_UINT && ul > 0xffffffffUL))
			goto bad;
		if (k->type == C_UINT)
			*(unsigned *)base = (unsigned)ul;
		else
			*(unsigned long *)base = ul;
		return 1;
	case C_BOOL:
		if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "1") == 0)
			*(int *)base = 1;
		else if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0 || strcmp(v, "0") == 0)
			*(int *)base = 0;
		else
			goto bad;
		return 1;
	case C_LANG:
		if (strcmp(v, "sv") == 0)
			*(enum lang *)base = LANG_SV;
		else if (strcmp(v, "en") == 0)
			*(enum lang *)base = LANG_EN;
		else
			goto bad;
		return 1;
	}
bad:
	snprintf(ctx->err, ctx->errlen, "%s: bad value \"%s\" for %s.%s",
	    ctx->path, v, k->section, k->name);
	return 0;
}

static int
on_key(void *arg, const char *section, const char *name, const char *value)
{
	struct loadctx *ctx = arg;
	size_t i;

	/* libinih goes on after an error: keep the message about the first. */
	if (ctx->err[0] != '\0')
		return 0;
	for (i = 0; i < NKEYS; i++) {
		if (strcmp(keys[i].section, section) != 0 ||
		    strcmp(keys[i].name, name) != 0)
			continue;
		/*
		 * The workers read kpp.conf; the schema owner's password would give
		 * any of them the power to drop the audit log's triggers.
		 */
		if (keys[i].cred != ctx->cred) {
			snprintf(ctx->err, ctx->errlen, keys[i].cred ?
			    "%s: %s.%s belongs in the credentials file that migrate.credentials "
			    "names, which only kpp-admin reads" :
			    "%s: %s.%s belongs in kpp.conf, not in the credentials file",
			    ctx->path, section, name);
			return 0;
		}
		if (!set(ctx, &keys[i], value))
			return 0;
		free(ctx->raw[i]);
		ctx->raw[i] = strdup(value);
		return 1;
	}
	snprintf(ctx->err, ctx->errlen, "%s: unknown key %s.%s",
	    ctx->path, section, name);
	return 0;
}

/* Frees what a failed load allocated and clears c's strings. */
static void
ctx_free(struct loadctx *ctx)
{
	size_t i;
	char **p;

	for (i = 0; i < NKEYS; i++) {
		if (keys[i].type == C_STR) {
			p = (char **)((char *)ctx->c + keys[i].off);
			free(*p);
			*p = NULL;
		}
		free(ctx->raw[i]);
	}
	free(ctx);
}

enum kerr
conf_load(struct conf *c, const char *path, char *err, size_t errlen)
{
	struct loadctx *ctx;
	enum kerr e = KERR_INVALID;
	size_t i;
	int rc;

	memset(c, 0, sizeof(*c));
	err[0] = '\0';
	if ((ctx = calloc(1, sizeof(*ctx))) == NULL)
		return KERR_NOMEM;
	ctx->c = c;
	ctx->err = err;
	ctx->errlen = errlen;
	ctx->path = path;
	for (i = 0; i < NKEYS; i++) {
		if (!set(ctx, &keys[i], keys[i].dflt) ||
		    (ctx->raw[i] = strdup(keys[i].dflt)) == NULL) {
			e = KERR_NOMEM;
			goto fail;
		}
	}
	rc = ini_parse(path, on_key, ctx);
	if (rc < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		goto fail;
	}
	if (rc > 0) {
		if (err[0] == '\0')
			snprintf(err, errlen, "%s:%d: syntax error", path, rc);
		goto fail;
	}
	if (c->today[0] != '\0' && (strlen(c->today) != 10 ||
	    strspn(c->today, "0123456789-") != 10)) {
		snprintf(err, errlen, "%s: app.today must be YYYY-MM-DD or empty", path);
		goto fail;
	}
	if (c->attachments_dir[0] != '/') {
		snprintf(err, errlen, "%s: app.attachments_dir must be an absolute path", path);
		goto fail;
	}
	if (strlen(c->iati_org_type) == 0 || strlen(c->iati_org_type) > 3 ||
	    strspn(c->iati_org_type, "0123456789") != strlen(c->iati_org_type)) {
		snprintf(err, errlen, "%s: iati.reporting_org_type must be an OrganisationType code (15)", path);
		goto fail;
	}
	if (c->workers == 0 || c->workers > 256) {
		snprintf(err, errlen, "%s: server.workers must be 1..256", path);
		goto fail;
	}
	if (strncmp(c->mail_relay, "smtp://", 7) != 0 && strncmp(c->mail_relay, "smtps://", 8) != 0) {
		snprintf(err, errlen, "%s: mail.relay must be smtp://host:port or smtps://host:port", path);
		goto fail;
	}
	if (strchr(c->mail_from_address, '@') == NULL || c->mail_message_id_domain[0] == '\0') {
		snprintf(err, errlen, "%s: mail.from_address must be an address and "
		    "mail.message_id_domain a domain", path);
		goto fail;
	}
	if (c->mail_batch == 0 || c->mail_batch > 1000 || c->mail_poll_seconds == 0 ||
	    c->mail_timeout_seconds == 0 || c->mail_retry_first_seconds == 0 ||
	    c->mail_max_retry_hours == 0) {
		snprintf(err, errlen, "%s: mail.batch must be 1..1000, and mail.timeout_seconds, "
		    "poll_seconds, retry_first_seconds and max_retry_hours at least 1", path);
		goto fail;
	}
	if (c->mail_daily_at[0] != '\0' && (strlen(c->mail_daily_at) != 5 || c->mail_daily_at[2] != ':' ||
	    strspn(c->mail_daily_at, "0123456789") != 2 || strspn(c->mail_daily_at + 3, "0123456789") != 2 ||
	    atoi(c->mail_daily_at) > 23 || atoi(c->mail_daily_at + 3) > 59)) {
		snprintf(err, errlen, "%s: mail.daily_at must be HH:MM (Swedish time) or empty", path);
		goto fail;
	}
	/* The configuration lives for the whole process; so does its raw text. */
	ctx->kept = *c;
	ctx->prev = last_loaded;
	last_loaded = ctx;
	return KERR_OK;
fail:
	ctx_free(ctx);
	return e;
}

enum kerr
conf_load_credentials(struct conf *c, char *err, size_t errlen)
{
	struct loadctx ctx;
	struct stat st;
	const char *path = c->migrate_credentials;
	size_t i;
	int rc;

	memset(&ctx, 0, sizeof(ctx));
	err[0] = '\0';
	ctx.c = c;
	ctx.err = err;
	ctx.errlen = errlen;
	ctx.path = path;
	ctx.cred = 1;
	if (stat(path, &st) != 0) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return KERR_INVALID;
	}
	if ((st.st_mode & 077) != 0) {
		snprintf(err, errlen, "%s: readable by others than its owner (mode %04o): "
		    "chmod 600 it", path, (unsigned)(st.st_mode & 07777));
		return KERR_INVALID;
	}
	rc = ini_parse(path, on_key, &ctx);
	/* conf_get() answers from kpp.conf alone: the password is never printed. */
	for (i = 0; i < NKEYS; i++)
		free(ctx.raw[i]);
	if (rc < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return KERR_INVALID;
	}
	if (rc > 0) {
		if (err[0] == '\0')
			snprintf(err, errlen, "%s:%d: syntax error", path, rc);
		return KERR_INVALID;
	}
	/* The strings set() replaced were the ones kept reachable since conf_load(). */
	if (last_loaded != NULL && last_loaded->c == c)
		last_loaded->kept = *c;
	return KERR_OK;
}

const char *
conf_get(const struct conf *c, const char *dotted)
{
	const char *dot;
	size_t i, slen;

	if (last_loaded == NULL || last_loaded->c != c ||
	    (dot = strchr(dotted, '.')) == NULL)
		return NULL;
	slen = (size_t)(dot - dotted);
	for (i = 0; i < NKEYS; i++)
		if (strlen(keys[i].section) == slen &&
		    strncmp(keys[i].section, dotted, slen) == 0 &&
		    strcmp(keys[i].name, dot + 1) == 0)
			return last_loaded->raw[i];
	return NULL;
}
