/* kpp-export.c - the Sida export from the command line (a nightly job): the same IATI file as GET /export/iati.xml. */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/atomic.h"
#include "core/log.h"
#include "db/db.h"
#include "http/app.h"
#include "iati/iati.h"

static _Noreturn void
usage(void)
{
	fprintf(stderr,
	    "usage: kpp-export [-c config] [--year YEAR] [--output FILE]\n"
	    "  writes the IATI 2.03 activity file of the programme's projects (those active in\n"
	    "  YEAR, or all) to FILE, replacing it whole, or to standard output\n");
	exit(2);
}

/* Copies the finished file to standard output: nothing reaches it from an export that failed. */
static int
copy_out(int fd)
{
	char buf[65536];
	ssize_t n;
	int out = STDOUT_FILENO;

	if (lseek(fd, 0, SEEK_SET) != 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (iati_fd_out(&out, buf, (int)n) != (int)n)
			return -1;
	}
	return 0;
}

/* What atomic_write() hands on to the export. */
struct export_job {
	const struct iati_ctx		*ctx;
	const struct iati_filter	*f;
	size_t				*count;
};

static enum kerr
export_to(int fd, void *arg)
{
	struct export_job *job = arg;

	return iati_export(NULL, job->ctx, job->f, iati_fd_out, &fd, job->count);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *conf_path = KPP_SYSCONFDIR "/kpp.conf", *output = NULL;
	struct iati_filter f = { 0, NULL, 0 };
	struct iati_ctx ctx;
	struct export_job job;
	const char *what;
	char err[512];
	size_t count = 0;
	mode_t mask;
	enum kerr e;
	int c, fd;

	log_init("kpp-export");
	while ((c = getopt_long(argc, argv, "c:y:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			conf_path = optarg;
			break;
		case 'y':
			if ((f.year = iati_year_parse(optarg)) == 0) {
				fprintf(stderr, "kpp-export: \"%s\" is not a year (four digits, such as 2016)\n",
				    optarg);
				return 2;
			}
			break;
		case 'o':
			output = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (conf_load(&app.conf, conf_path, err, sizeof(err)) != KERR_OK) {
		fprintf(stderr, "kpp-export: %s\n", err);
		return 1;
	}
	db_init(&app.conf);
	/* Before any file is made: without the database there is nothing to write. */
	if (db_connect(NULL) != KERR_OK) {
		fprintf(stderr, "kpp-export: the database does not answer; nothing written\n");
		return 1;
	}
	iati_ctx_init(&ctx, &app.conf, app_today(), (long long)time(NULL));

	if (output != NULL) {
		/* Written whole or not at all (atomic_write): a reader, or a crash, never meets half of it. */
		mask = umask(0);
		umask(mask);
		job.ctx = &ctx;
		job.f = &f;
		job.count = &count;
		if ((e = atomic_write(output, 0666 & ~mask, export_to, &job, &what)) == KERR_SYSTEM)
			fprintf(stderr, "kpp-export: %s of %s failed: %s\n", what, output, strerror(errno));
	} else {
		/* Standard output only once the whole file is made, so a failure writes nothing there either. */
		FILE *t = tmpfile();

		if (t == NULL || (fd = dup(fileno(t))) < 0) {
			fprintf(stderr, "kpp-export: cannot make a file to write to: %s\n", strerror(errno));
			if (t != NULL)
				fclose(t);
			db_close();
			return 1;
		}
		fclose(t);
		e = iati_export(NULL, &ctx, &f, iati_fd_out, &fd, &count);
		if (e == KERR_OK && copy_out(fd) != 0)
			e = KERR_SYSTEM;
		if (close(fd) != 0 && e == KERR_OK)
			e = KERR_SYSTEM;
	}
	if (e != KERR_OK) {
		fprintf(stderr, "kpp-export: %s; nothing written\n", e == KERR_DB ?
		    "the database failed during the export" : e == KERR_SYSTEM ?
		    "the file could not be written" : "the export failed");
	} else
		fprintf(stderr, "kpp-export: %zu activities written to %s\n", count,
		    output != NULL ? output : "standard output");
	db_close();
	return e == KERR_OK ? 0 : 1;
}
