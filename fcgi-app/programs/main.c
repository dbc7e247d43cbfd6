/* main.c - kpp-fcgi: a FastCGI worker that accepts on the socket spawn-fcgi hands it as fd 0. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/signals.h"
#include "db/db.h"
#include "http/app.h"
#include "http/attach_store.h"
#include "programs/loop.h"

static volatile sig_atomic_t stopping;

/*
 * SIGTERM (systemd) and SIGUSR1 (the signal Debian's multiwatch sends) let the
 * request in flight finish; they interrupt a waiting accept(), which
 * FCGI_FAIL_ACCEPT_ON_INTR turns into a clean exit.
 */
static void
on_stop(int sig)
{
	stopping = 1;
	/* Tells libfcgi's accept loop to give up instead of retrying. */
	FCGX_ShutdownPending();
}

int
main(int argc, char *argv[])
{
	const char *conf_path = KPP_SYSCONFDIR "/kpp.conf";
	FCGX_Request req;
	struct arena *a;
	char err[512];
	int c;

	log_init("kpp-fcgi");
	while ((c = getopt(argc, argv, "c:")) != -1) {
		switch (c) {
		case 'c':
			conf_path = optarg;
			break;
		default:
			fprintf(stderr, "usage: kpp-fcgi [-c config]\n");
			return 2;
		}
	}
	if (app_init(conf_path, err, sizeof(err)) != KERR_OK) {
		log_err(NULL, "cannot start: %s", err);
		return 1;
	}
	signals_on_stop(on_stop, SIGUSR1);
	if (FCGX_Init() != 0 ||
	    FCGX_InitRequest(&req, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0 ||
	    (a = arena_new(64 * 1024)) == NULL) {
		log_err(NULL, "cannot initialise FastCGI");
		return 1;
	}
	/* Connect now so the first request doesn't pay for it; failure is retried per request. */
	db_connect(NULL);
	attach_sweep(app.conf.attachments_dir, 3600);
	while (!stopping && FCGX_Accept_r(&req) >= 0) {
		loop_handle(&req, a);
		FCGX_Finish_r(&req);
		arena_reset(a);
	}
	db_close();
	arena_free(a);
	log_info(NULL, "stopped");
	return 0;
}
