/* conf.h - the application's configuration, read once at start-up from an INI file (libinih). */
#ifndef KPP_CONF_H
#define KPP_CONF_H

#include <stddef.h>

#include "core/i18n.h"	/* enum lang: the default language */
#include "core/kerr.h"

struct conf {
	/* [database] the application's connection (DML rights only) */
	char	*db_host;		/* empty: connect through db_socket */
	unsigned db_port;
	char	*db_socket;
	char	*db_name;
	char	*db_user;
	char	*db_password;
	unsigned db_connect_timeout;	/* seconds */
	unsigned db_read_timeout;
	unsigned db_write_timeout;
	/*
	 * [migrate] the account that owns the schema (DDL), used by kpp-admin
	 * only: its user and password are in the credentials file, which only
	 * kpp-admin reads (conf_load_credentials()), never in kpp.conf.
	 */
	char	*migrate_credentials;
	char	*migrate_user;
	char	*migrate_password;
	/* [server] read by kpp-serve (spawn-fcgi + multiwatch) */
	char	*socket;
	unsigned workers;
	/* [app] */
	char	*templates_dir;
	char	*locale_dir;
	char	*sql_dir;
	char	*static_dir;
	char	*tmp_dir;		/* private scratch files (downloads being built); made 0700 if missing */
	char	*public_dir;		/* the public IATI files, which nginx sends (X-Accel-Redirect) through its group */
	unsigned public_min_interval;	/* seconds at least between two writes of one public file */
	enum lang default_lang;
	int	 secure_cookies;	/* behind TLS: cookies get Secure */
	unsigned session_idle_minutes;
	unsigned session_absolute_hours;
	unsigned long max_body;		/* bytes; larger bodies are 413 */
	char	*attachments_dir;	/* uploaded files by SHA-256 (attach_store.c); made 0700 if missing */
	unsigned long attachment_max;	/* bytes of one uploaded file; larger ones are refused next to their field */
	unsigned attachments_per_report; /* files one report may have */
	/*
	 * The programme's "today" (YYYY-MM-DD) for what depends on the date:
	 * rounds open, reports due. Empty: the real date. The demo sets it
	 * so its 2016 data stays current.
	 */
	char	*today;
	/* The portal's public address (https://host, no trailing slash), for absolute links in the IATI files. */
	char	*public_url;
	/* [iati] */
	char	*iati_org_ref;
	char	*iati_org_type;		/* its code in IATI's OrganisationType codelist */
	char	*iati_org_name;
	char	*iati_contact_email;
	char	*iati_sida_activity;	/* Sida's IATI activity for its grant to ICLD: where the funds come from */
	char	*iati_schema_dir;
	/* [mail] kpp-mailer: the relay it sends through and what its messages say they are from */
	char	*mail_relay;		/* smtp://host:port (STARTTLS per mail_starttls) or smtps://host:port */
	char	*mail_starttls;		/* "required", "optional" or "off": smtp:// only (kpp-mailer checks it) */
	char	*mail_user;		/* empty: no AUTH */
	char	*mail_password_file;	/* the relay password's file, which only kpp-mailer reads */
	char	*mail_from_address;
	char	*mail_from_name;
	char	*mail_reply_to;		/* empty: no Reply-To */
	char	*mail_message_id_domain;	/* the right part of every Message-ID */
	unsigned mail_timeout_seconds;	/* one message's SMTP dialogue at most */
	unsigned mail_batch;		/* rows claimed at a time */
	unsigned mail_poll_seconds;	/* the pause when nothing is due */
	unsigned mail_retry_first_seconds;	/* the first wait after a 4xx or no connection; then doubling */
	unsigned mail_max_retry_hours;	/* a message not delivered this long after it was queued fails */
	char	*mail_daily_at;		/* HH:MM in Sweden: the daily pass (reminders, digests); empty: none */
};

/*
 * Fills c with defaults, then reads path over them. Returns KERR_OK, or
 * KERR_INVALID with a message "file: why" in err (naming the key;
 * Debian's libinih does not pass line numbers to the handler).
 * The strings are heap-allocated for the life of the process.
 */
enum kerr	conf_load(struct conf *c, const char *path, char *err, size_t errlen);

/*
 * Reads the schema owner's user and password (migrate.user, .password)
 * from the credentials file that c's migrate.credentials names, over what
 * conf_load() set: kpp-admin's migrate and demo do, never the workers.
 * Returns KERR_OK, or KERR_INVALID with "file: why" in err: the file is
 * missing, readable by anyone but its owner, or sets another key.
 */
enum kerr	conf_load_credentials(struct conf *c, char *err, size_t errlen);

/*
 * Looks up "section.key" as the file set it (after defaults), for scripts:
 * kpp-admin config server.socket. Returns NULL when the key is unknown.
 */
const char	*conf_get(const struct conf *c, const char *dotted);

#endif
