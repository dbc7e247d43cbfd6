/* kpp-admin.c - the operator's command: migrations, demo data, accounts, config values, a test message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "db/db_outbox.h"
#include "db/db_users.h"
#include "db/migrate.h"
#include "domain/valid.h"
#include "http/app.h"
#include "http/auth.h"
#include "programs/demo.h"

static _Noreturn void
usage(void)
{
	fprintf(stderr,
	    "usage: kpp-admin [-c config] command\n"
	    "  migrate               apply the schema migrations not yet applied\n"
	    "  demo                  load the demo data into an empty database\n"
	    "  accounts              list the active accounts\n"
	    "  create-admin EMAIL    create an ICLD admin; the password is read from stdin\n"
	    "  config SECTION.KEY    print a configuration value\n"
	    "  mail-test EMAIL       queue a test message to EMAIL, which kpp-mailer sends: checks [mail]\n");
	exit(2);
}

/*
 * Schema changes and the demo load run as the account that owns the
 * schema, whose password is in a file of its own that the workers never
 * read ([migrate] credentials).
 */
static struct dbop *
connect_owner(void)
{
	struct conf *c = &app.conf;
	char err[512];
	struct dbop *o;

	if (conf_load_credentials(c, err, sizeof(err)) != KERR_OK) {
		fprintf(stderr, "kpp-admin: %s\n", err);
		return NULL;
	}
	if ((o = dbop_open(c, c->migrate_user, c->migrate_password, err, sizeof(err))) == NULL)
		fprintf(stderr, "kpp-admin: cannot connect as %s: %s\n", c->migrate_user, err);
	return o;
}

/*
 * After a bulk load InnoDB's statistics still describe empty tables, and
 * the optimizer would scan where it should look up: refresh them.
 */
static int
analyze_tables(struct dbop *o)
{
	static const char list[] = "SELECT table_name FROM information_schema.tables "
	    "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'";
	struct arena *a;
	struct dbres res;
	char sql[256];
	size_t i;
	int rc = 0;

	if ((a = arena_new(16384)) == NULL) {
		fprintf(stderr, "kpp-admin: out of memory\n");
		return -1;
	}
	if (dbop_query(o, a, list, &res) != KERR_OK) {
		fprintf(stderr, "kpp-admin: listing the tables: %s\n", dbop_error(o));
		rc = -1;
	}
	for (i = 0; rc == 0 && i < res.nrows; i++) {
		snprintf(sql, sizeof(sql), "ANALYZE TABLE `%s`", db_str(&res, i, 0));
		if (dbop_run(o, sql, strlen(sql)) != KERR_OK) {
			fprintf(stderr, "kpp-admin: %s: %s\n", sql, dbop_error(o));
			rc = -1;
		}
	}
	arena_free(a);
	return rc;
}

static int
cmd_owner(int demo)
{
	char err[1024];
	struct dbop *o;
	enum kerr e;
	int rc;

	if ((o = connect_owner()) == NULL)
		return 1;
	e = demo ? demo_load(o, stdout, err, sizeof(err)) :
	    migrate_run(o, app.conf.sql_dir, stdout, err, sizeof(err));
	if (e != KERR_OK) {
		fprintf(stderr, "kpp-admin: %s\n", err);
		dbop_close(o);
		return 1;
	}
	rc = demo ? analyze_tables(o) : 0;
	dbop_close(o);
	return rc == 0 ? 0 : 1;
}

static int
cmd_accounts(void)
{
	struct account *acc;
	struct arena *a;
	size_t i, n;

	if ((a = arena_new(65536)) == NULL ||
	    db_user_list(a, NULL, &acc, &n) != KERR_OK) {
		fprintf(stderr, "kpp-admin: cannot list the accounts (see above)\n");
		return 1;
	}
	for (i = 0; i < n; i++)
		printf("  %-34s %-9s %s\n", acc[i].email, acc[i].role,
		    acc[i].org != NULL ? acc[i].org : "");
	arena_free(a);
	return 0;
}

static int
cmd_create_admin(const char *email)
{
	char pw[256], hash[AUTH_HASH_MAX];
	long long id;
	enum kerr e;
	size_t n;

	if (!valid_email(email)) {
		fprintf(stderr, "kpp-admin: \"%s\" is not an email address\n", email);
		return 1;
	}
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "Password for %s (at least %d characters): ", email,
		    AUTH_PASSWORD_MIN);
	if (fgets(pw, sizeof(pw), stdin) == NULL) {
		fprintf(stderr, "kpp-admin: no password given\n");
		return 1;
	}
	n = strcspn(pw, "\r\n");
	pw[n] = '\0';
	/* The rule people choosing theirs with a link meet too (h_user.c). */
	if (auth_password_check(pw, NULL) != AUTH_PW_OK) {
		fprintf(stderr, "kpp-admin: the password must have at least %d characters "
		    "(and at most %d)\n", AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX);
		return 1;
	}
	if (auth_password_hash(pw, hash) != 0) {
		fprintf(stderr, "kpp-admin: out of memory hashing the password\n");
		return 1;
	}
	sodium_memzero(pw, sizeof(pw));
	e = db_user_create_admin(NULL, email, email, hash, &id);
	if (e == KERR_CONFLICT) {
		fprintf(stderr, "kpp-admin: %s already has an account\n", email);
		return 1;
	}
	if (e != KERR_OK)
		return 1;
	printf("created admin %s (user %lld)\n", email, id);
	return 0;
}

/*
 * Queues a message to email as every message is queued, in a transaction
 * of its own here: the operator's check of the relay and of kpp-mailer
 * (its log names the row: req=outbox-<id>).
 */
static int
cmd_mail_test(const char *email)
{
	struct outbox_msg m = {
		.kind = "test", .to_email = email, .lang = app.conf.default_lang,
		.subject = "kpp: testmeddelande / test message",
		.body = "Det här är ett testmeddelande från kpp: e-posten fungerar.\n\n"
		    "This is a test message from kpp: e-mail works.\n",
	};
	long long id;

	if (!valid_email(email)) {
		fprintf(stderr, "kpp-admin: \"%s\" is not an email address\n", email);
		return 1;
	}
	if (db_begin(NULL) != KERR_OK)
		return 1;
	if (db_outbox_add(NULL, &m, &id) != KERR_OK) {
		db_rollback(NULL);
		return 1;
	}
	if (db_commit(NULL) != KERR_OK)
		return 1;
	printf("queued test message %lld to %s: kpp-mailer sends it (its log: req=outbox-%lld)\n", id, email, id);
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *conf_path = KPP_SYSCONFDIR "/kpp.conf", *v;
	char err[512];
	int c, rc;

	log_init("kpp-admin");
	while ((c = getopt(argc, argv, "c:")) != -1) {
		if (c != 'c')
			usage();
		conf_path = optarg;
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	/* "config" must work before templates or the database exist. */
	if (strcmp(argv[0], "config") == 0) {
		if (argc != 2)
			usage();
		if (conf_load(&app.conf, conf_path, err, sizeof(err)) != KERR_OK) {
			fprintf(stderr, "kpp-admin: %s\n", err);
			return 1;
		}
		if ((v = conf_get(&app.conf, argv[1])) == NULL) {
			fprintf(stderr, "kpp-admin: no such setting: %s\n", argv[1]);
			return 1;
		}
		printf("%s\n", v);
		return 0;
	}
	if (conf_load(&app.conf, conf_path, err, sizeof(err)) != KERR_OK ||
	    auth_init() != 0) {
		fprintf(stderr, "kpp-admin: %s\n", err);
		return 1;
	}
	db_init(&app.conf);
	if (strcmp(argv[0], "migrate") == 0 && argc == 1)
		rc = cmd_owner(0);
	else if (strcmp(argv[0], "demo") == 0 && argc == 1)
		rc = cmd_owner(1);
	else if (strcmp(argv[0], "accounts") == 0 && argc == 1)
		rc = cmd_accounts();
	else if (strcmp(argv[0], "create-admin") == 0 && argc == 2)
		rc = cmd_create_admin(argv[1]);
	else if (strcmp(argv[0], "mail-test") == 0 && argc == 2)
		rc = cmd_mail_test(argv[1]);
	else
		usage();
	db_close();
	return rc;
}
