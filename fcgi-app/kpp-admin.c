/* kpp-admin.c - the operator's command: migrations, demo data, accounts, config values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mysql.h>
#include <sodium.h>

#include "app.h"
#include "arena.h"
#include "auth.h"
#include "db.h"
#include "db_users.h"
#include "demo.h"
#include "log.h"
#include "migrate.h"
#include "valid.h"

static _Noreturn void
usage(void)
{
	fprintf(stderr,
	    "usage: kpp-admin [-c config] command\n"
	    "  migrate               apply the schema migrations not yet applied\n"
	    "  demo                  load the demo data into an empty database\n"
	    "  accounts              list the active accounts\n"
	    "  create-admin EMAIL    create an ICLD admin; the password is read from stdin\n"
	    "  config SECTION.KEY    print a configuration value\n");
	exit(2);
}

/*
 * Schema changes and the demo load run as the account that owns the
 * schema, whose password is in a file of its own that the workers never
 * read ([migrate] credentials).
 */
static MYSQL *
connect_owner(void)
{
	struct conf *c = &app.conf;
	unsigned int t = c->db_connect_timeout;
	const char *host = c->db_host[0] != '\0' ? c->db_host : NULL;
	char err[512];
	MYSQL *m;

	if (conf_load_credentials(c, err, sizeof(err)) != KERR_OK) {
		fprintf(stderr, "kpp-admin: %s\n", err);
		return NULL;
	}
	if ((m = mysql_init(NULL)) == NULL)
		return NULL;
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &t);
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(m, host, c->migrate_user, c->migrate_password,
	    c->db_name, c->db_port, host == NULL ? c->db_socket : NULL,
	    CLIENT_MULTI_STATEMENTS) == NULL) {
		fprintf(stderr, "kpp-admin: cannot connect as %s: %s\n",
		    c->migrate_user, mysql_error(m));
		mysql_close(m);
		return NULL;
	}
	return m;
}

/*
 * After a bulk load InnoDB's statistics still describe empty tables, and
 * the optimizer would scan where it should look up: refresh them.
 */
static int
analyze_tables(MYSQL *m)
{
	static const char list[] = "SELECT table_name FROM information_schema.tables "
	    "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'";
	MYSQL_RES *res;
	MYSQL_ROW row;
	char sql[256];
	int rc = 0;

	if (mysql_query(m, list) != 0 || (res = mysql_store_result(m)) == NULL) {
		fprintf(stderr, "kpp-admin: listing the tables: %s\n", mysql_error(m));
		return -1;
	}
	while (rc == 0 && (row = mysql_fetch_row(res)) != NULL) {
		MYSQL_RES *out;

		snprintf(sql, sizeof(sql), "ANALYZE TABLE `%s`", row[0]);
		if (mysql_query(m, sql) != 0) {
			fprintf(stderr, "kpp-admin: %s: %s\n", sql, mysql_error(m));
			rc = -1;
		} else if ((out = mysql_store_result(m)) != NULL)
			mysql_free_result(out);
	}
	mysql_free_result(res);
	return rc;
}

static int
cmd_owner(int demo)
{
	char err[1024];
	enum kerr e;
	MYSQL *m;
	int rc;

	if ((m = connect_owner()) == NULL)
		return 1;
	e = demo ? demo_load(m, stdout, err, sizeof(err)) :
	    migrate_run(m, app.conf.sql_dir, stdout, err, sizeof(err));
	if (e != KERR_OK) {
		fprintf(stderr, "kpp-admin: %s\n", err);
		mysql_close(m);
		return 1;
	}
	rc = demo ? analyze_tables(m) : 0;
	mysql_close(m);
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
	else
		usage();
	db_close();
	return rc;
}
