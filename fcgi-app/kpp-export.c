/* kpp-export.c - the Sida export from the command line (a nightly job): the same IATI file as GET /export/iati.xml. */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "db.h"
#include "iati.h"
#include "log.h"

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
	char err[512], *tmp = NULL, *dir;
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

	/*
	 * The file is written beside its final name and renamed over it when
	 * complete: a reader (or a crash) never meets half of it.
	 */
	if (output != NULL) {
		char *copy = strdup(output);

		if (copy == NULL)
			abort();
		dir = dirname(copy);
		if ((tmp = malloc(strlen(dir) + 32)) == NULL)
			abort();
		sprintf(tmp, "%s/.kpp-export-XXXXXX", dir);
		free(copy);
		fd = mkstemp(tmp);
	} else {
		FILE *t = tmpfile();

		fd = t != NULL ? dup(fileno(t)) : -1;
		if (t != NULL)
			fclose(t);
	}
	if (fd < 0) {
		fprintf(stderr, "kpp-export: cannot make a file to write to: %s\n", strerror(errno));
		free(tmp);
		db_close();
		return 1;
	}
	e = iati_export(NULL, &ctx, &f, iati_fd_out, &fd, &count);
	if (e == KERR_OK && output != NULL) {
		/* mkstemp's 0600 is for the half-written file; the finished one gets the usual mode. */
		mask = umask(0);
		umask(mask);
		if (fchmod(fd, 0666 & ~mask) != 0 || fsync(fd) != 0)
			e = KERR_SYSTEM;
	}
	if (e == KERR_OK && output == NULL && copy_out(fd) != 0)
		e = KERR_SYSTEM;
	if (close(fd) != 0 && e == KERR_OK)
		e = KERR_SYSTEM;
	if (e == KERR_OK && output != NULL && rename(tmp, output) != 0) {
		fprintf(stderr, "kpp-export: cannot rename %s to %s: %s\n", tmp, output, strerror(errno));
		e = KERR_SYSTEM;
	}
	if (e != KERR_OK) {
		if (tmp != NULL)
			unlink(tmp);
		fprintf(stderr, "kpp-export: %s; nothing written\n", e == KERR_DB ?
		    "the database failed during the export" : e == KERR_SYSTEM ?
		    "the file could not be written" : "the export failed");
	} else
		fprintf(stderr, "kpp-export: %zu activities written to %s\n", count,
		    output != NULL ? output : "standard output");
	free(tmp);
	db_close();
	return e == KERR_OK ? 0 : 1;
}
