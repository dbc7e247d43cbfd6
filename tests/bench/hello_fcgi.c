/*
 * hello_fcgi.c - the "FastCGI ceiling" of tests/bench/http: a libfcgi responder that does no work. It reads a
 * file once at start and answers every request with exactly its bytes, from memory, with the Content-Type
 * given on the command line. Run like kpp-fcgi: spawn-fcgi hands it the listening socket as fd 0, multiwatch
 * forks N of them.
 *
 *   cc -O2 -o hello_fcgi tests/bench/hello_fcgi.c -lfcgi
 *   spawn-fcgi -n -s SOCKET -M 0660 -- multiwatch -f N -- hello_fcgi BODY_FILE 'text/html; charset=utf-8'
 *
 * It loops like fcgi-app/programs/main.c (FCGX_Accept_r / FCGX_Finish_r on one request) and stops the same way:
 * SIGTERM or SIGUSR1 (multiwatch's) ends it after the request in flight.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (data = malloc((size_t)n + 1)) != NULL) {
		if (fread(data, 1, (size_t)n, f) != (size_t)n) {
			free(data);
			data = NULL;
		} else
			*len = (size_t)n;
	}
	fclose(f);
	return data;
}

int
main(int argc, char *argv[])
{
	struct sigaction sa;
	FCGX_Request req;
	char head[512];
	char *body;
	size_t len = 0;
	int hlen;

	if (argc != 3) {
		fprintf(stderr, "usage: hello_fcgi BODY_FILE CONTENT_TYPE\n");
		return 2;
	}
	if ((body = slurp(argv[1], &len)) == NULL) {
		perror(argv[1]);
		return 1;
	}
	hlen = snprintf(head, sizeof(head), "Status: 200 OK\r\nContent-Type: %s\r\nContent-Length: %lu\r\n\r\n",
	    argv[2], (unsigned long)len);
	if (hlen < 0 || (size_t)hlen >= sizeof(head)) {
		fprintf(stderr, "hello_fcgi: content type too long\n");
		return 2;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		fprintf(stderr, "hello_fcgi: cannot initialise FastCGI\n");
		return 1;
	}
	while (!stopping && FCGX_Accept_r(&req) >= 0) {
		FCGX_PutStr(head, hlen, req.out);
		FCGX_PutStr(body, (int)len, req.out);
		FCGX_Finish_r(&req);
	}
	free(body);
	return 0;
}
