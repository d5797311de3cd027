/* bench_mailq_gen.c - fill a queue directory with N messages through the
 * one queue writer (libsmutil/queue_write) for bench_mailq.sh: df + qf in
 * sendmail's format (readable by the reference mailq), distinct
 * priorities, 1-3 recipients, a few deferred/quarantine-free status
 * lines. Usage: bench_mailq_gen QDIR N. Writes only into QDIR. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "libsmutil/queue_write.h"
#include "libsmutil/qf.h"

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 1000;
	time_t t0 = 1795269219 - n / 3600 - 1;
	char body[600];
	if (argc < 3)
		return 2;
	for (size_t i = 0; i < sizeof(body); i++)
		body[i] = (i % 60 == 59) ? '\n' : (char)('a' + i % 26);
	for (long i = 0; i < n; i++) {
		struct queue_write qw;
		struct qf_env e;
		const char *err = NULL;
		char a[128];
		time_t now = t0 + i / 3600;
		if (queue_write_begin(&qw, argv[1], 0600, 0, now, &err) < 0 ||
		    queue_write_body(&qw, body, (size_t)(100 + i % 500), &err) < 0) {
			fprintf(stderr, "gen: %s\n", err);
			return 1;
		}
		qf_env_init(&e);
		qf_env_set(&e, 'V', "8");
		qf_env_setf(&e, 'T', "%ld", (long)now);
		qf_env_set(&e, 'K', "0");
		qf_env_setf(&e, 'N', "%ld", i % 3);
		qf_env_setf(&e, 'P', "%ld", 100000 + i);
		if (i % 3 != 0)
			qf_env_setf(&e, 'M', "Deferred: Connection refused by mx%ld.example.net", i % 17);
		qf_env_set(&e, 'F', "s");
		qf_env_add_macro(&e, "_", "root@localhost");
		qf_env_add_macro(&e, "{daemon_flags}", "c u");
		snprintf(a, sizeof(a), "user%ld@sender%ld.example.org", i, i % 101);
		qf_env_set(&e, 'S', a);
		for (long r = 0; r <= i % 3; r++) {
			snprintf(a, sizeof(a), "rcpt%ld.%ld@dest%ld.example.com", i, r, i % 53);
			qf_env_add_rcpt(&e, NULL, NULL, NULL, "PFD", a);
		}
		qf_env_add_header(&e, "P", "Return-Path: <\201g>");
		qf_env_add_header(&e, NULL, "Subject: bench");
		if (queue_write_commit(&qw, &e, &err) < 0) {
			fprintf(stderr, "gen: %s\n", err);
			return 1;
		}
		queue_write_close(&qw);
		qf_env_free(&e);
	}
	return 0;
}
