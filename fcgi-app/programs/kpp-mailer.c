/*
 * kpp-mailer.c - sends the outbox: claims a batch of due rows, builds each message, hands it to the relay,
 * records the answer; and once a day queues the reminders and digests (daily.c).
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/log.h"
#include "core/signals.h"
#include "db/db.h"
#include "db/db_outbox.h"
#include "domain/mailkinds.h"
#include "mail/mime.h"
#include "mail/smtp.h"
#include "programs/daily.h"

static volatile sig_atomic_t stopping;

/*
 * SIGTERM (systemd) and SIGINT end the loop after the message in hand: they
 * cut short the pause between polls, never an SMTP dialogue (libcurl is told
 * not to use signals, and goes on after an interrupted wait).
 */
static void
on_stop(int sig)
{
	stopping = 1;
}

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: kpp-mailer [-c config] [--daily]\n"
	    "  sends the queued e-mail (table outbox) through [mail] relay until SIGTERM, and once a day\n"
	    "  at [mail] daily_at queues the reminders of reports due, rounds' news and officers' digests\n"
	    "  --daily  queues the day's reminders and digests now (those not yet queued), then exits\n");
	exit(2);
}

/*
 * The relay's password: the first line of [mail] password_file, which
 * must be readable by its owner alone (the workers read kpp.conf and
 * never need it). Returns NULL with the reason in err.
 */
static char *
read_password(const char *path, char *err, size_t errlen)
{
	char line[1024], *p;
	struct stat st;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL || fstat(fileno(f), &st) != 0) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		if (f != NULL)
			fclose(f);
		return NULL;
	}
	if ((st.st_mode & 077) != 0) {
		snprintf(err, errlen, "%s: readable by others than its owner (mode %04o): chmod 600 it",
		    path, (unsigned)(st.st_mode & 07777));
		fclose(f);
		return NULL;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	if ((p = strdup(line)) == NULL)
		snprintf(err, errlen, "out of memory");
	return p;
}

/* What every message needs besides its row. */
struct mailer {
	const struct conf	*c;
	struct smtp_relay	 relay;
	char			 holder[100];	/* host:pid, the lease holder */
	unsigned		 lease;		/* seconds a claim holds its rows */
};

/* Records an outcome's failure to be recorded: the row stays sending until its lease runs out. */
static void
unrecorded(const char *reqid, enum kerr e)
{
	if (e == KERR_CONFLICT)
		log_err(reqid, "the lease ran out before the answer was recorded: "
		    "another mailer may send this message too");
	else if (e != KERR_OK)
		log_err(reqid, "the answer could not be recorded; the message is sent again "
		    "when its lease runs out");
}

/* Builds, sends and records one claimed row; one log line says what became of it. */
static void
deliver(struct mailer *m, struct arena *a, const struct outbox_row *r)
{
	const struct conf *c = m->c;
	struct mime_msg mm;
	struct smtp_answer ans;
	const char *reqid = arena_printf(a, "outbox-%lld", r->id), *msg;
	unsigned delay;
	size_t len;
	enum kerr e;
	int failed;

	mime_of_row(a, &mm, c, r, time(NULL));
	if (mime_build(a, &mm, &msg, &len) != KERR_OK) {
		log_err(reqid, "%s to %s: failed: the message cannot be built (an address that does not parse)",
		    r->kind, r->to_email);
		unrecorded(reqid, db_outbox_fail(reqid, r->id, m->holder,
		    "not sent: the message could not be built (an address that does not parse)"));
		return;
	}
	smtp_send(&m->relay, c->mail_from_address, r->to_email, msg, len, &ans);
	switch (smtp_verdict(&ans)) {
	case SMTP_SENT:
		log_info(reqid, "%s to %s: sent (attempt %u): %s", r->kind, r->to_email, r->attempts, ans.text);
		e = db_outbox_sent(reqid, r->id, m->holder, ans.text);
		break;
	case SMTP_REFUSED:
		log_info(reqid, "%s to %s: failed (refused): %s", r->kind, r->to_email, ans.text);
		e = db_outbox_fail(reqid, r->id, m->holder, ans.text);
		break;
	default:
		delay = smtp_backoff(r->attempts, c->mail_retry_first_seconds, c->mail_max_retry_hours * 3600u);
		e = db_outbox_retry(reqid, r->id, m->holder, ans.text, delay, c->mail_max_retry_hours, &failed);
		if (e == KERR_OK && failed)
			log_info(reqid, "%s to %s: failed (not delivered within %u hours, %u attempts): %s",
			    r->kind, r->to_email, c->mail_max_retry_hours, r->attempts, ans.text);
		else if (e == KERR_OK)
			log_info(reqid, "%s to %s: not delivered (attempt %u), again in %u s: %s",
			    r->kind, r->to_email, r->attempts, delay, ans.text);
		break;
	}
	unrecorded(reqid, e);
}

/* One pass: a dead mailer's rows back in the queue, a batch claimed and sent. How many were claimed, or -1. */
static long
pass(struct mailer *m, struct arena *a)
{
	struct outbox_row *rows;
	unsigned long long n = 0;
	size_t nrows, i;

	if (db_outbox_requeue_expired(NULL, &n) != KERR_OK)
		return -1;
	if (n > 0)
		log_info(NULL, "%llu message(s) of a mailer that stopped while sending them are queued again", n);
	if (db_outbox_claim(a, NULL, m->holder, m->c->mail_batch, m->lease, &rows, &nrows) != KERR_OK)
		return -1;
	for (i = 0; i < nrows && !stopping; i++)
		deliver(m, a, &rows[i]);
	/* Stopped with rows in hand: back to the queue for the next mailer, not left until the lease ends. */
	for (; i < nrows; i++)
		if (db_outbox_release(NULL, rows[i].id, m->holder) != KERR_OK)
			log_err(NULL, "outbox %lld: not released; queued again when its lease runs out", rows[i].id);
	return (long)nrows;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "daily", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *conf_path = KPP_SYSCONFDIR "/kpp.conf";
	struct mailer m;
	struct daily daily;
	struct conf c;
	struct arena *a;
	char err[512], host[64], *password = NULL;
	int ch, tls, once = 0, rc;
	long n;

	log_init("kpp-mailer");
	while ((ch = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1) {
		if (ch == 'd')
			once = 1;
		else if (ch == 'c')
			conf_path = optarg;
		else
			usage();
	}
	if (optind != argc)
		usage();
	if (conf_load(&c, conf_path, err, sizeof(err)) != KERR_OK) {
		fprintf(stderr, "kpp-mailer: %s\n", err);
		return 1;
	}
	memset(&m, 0, sizeof(m));
	m.c = &c;
	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(m.holder, sizeof(m.holder), "%s:%ld", host, (long)getpid());
	if (daily_init(&daily, &c, m.holder, err, sizeof(err)) != KERR_OK) {
		fprintf(stderr, "kpp-mailer: the e-mail templates ([app] templates): %s\n", err);
		return 1;
	}
	db_init(&c);
	a = arena_new(65536);
	if (once) {
		rc = daily_run(&daily, a, (long long)time(NULL)) == KERR_OK ? 0 : 1;
		db_close();
		arena_free(a);
		daily_free(&daily);
		return rc;
	}
	if ((tls = smtp_tls_parse(c.mail_starttls)) < 0) {
		fprintf(stderr, "kpp-mailer: %s: mail.starttls must be required, optional or off\n", conf_path);
		return 1;
	}
	m.relay.url = c.mail_relay;
	m.relay.tls = (enum smtp_tls)tls;
	m.relay.user = c.mail_user;
	m.relay.timeout = (long)c.mail_timeout_seconds;
	if (c.mail_user[0] != '\0' &&
	    (password = read_password(c.mail_password_file, err, sizeof(err))) == NULL) {
		fprintf(stderr, "kpp-mailer: [mail] password_file: %s\n", err);
		return 1;
	}
	m.relay.password = password;
	/* Each message may take the whole timeout: the lease outlasts a batch sent at the slowest. */
	m.lease = c.mail_timeout_seconds * (c.mail_batch + 1);
	if (smtp_init() != KERR_OK) {
		fprintf(stderr, "kpp-mailer: libcurl could not be initialised\n");
		return 1;
	}
	mime_init();
	signals_on_stop(on_stop, 0);
	log_info(NULL, "sending through %s as %s", c.mail_relay, m.holder);
	while (!stopping) {
		daily_tick(&daily, a, (long long)time(NULL));
		arena_reset(a);
		n = pass(&m, a);
		arena_reset(a);
		/*
		 * A full batch: more may be due at once, over the same connection.
		 * Nothing, or the database away: a pause, without holding the
		 * relay's connection open meanwhile.
		 */
		if (n < (long)c.mail_batch && !stopping) {
			smtp_close(&m.relay);
			sleep(c.mail_poll_seconds);
		}
	}
	smtp_close(&m.relay);
	log_info(NULL, "stopped");
	db_close();
	arena_free(a);
	daily_free(&daily);
	free(password);
	return 0;
}
