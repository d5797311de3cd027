/* test_queue_write.c - the one queue writer: a committed message has df
 * and qf (no tf), qf is locked until close and readable back; abort and
 * failed commits leave nothing (no qf without df, no tf); a full disk
 * (simulated with RLIMIT_FSIZE) fails cleanly; rewrite replaces a qf via
 * tf and removes a stale tf. Works in test/out/unit-queue_write. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "../../libsmutil/queue_write.h"
#include "../../libsmutil/qf.h"
#include "../../libsmutil/str.h"

static const char *Q = "test/out/unit-queue_write";

static int count(const char *prefix)
{
	DIR *d = opendir(Q);
	struct dirent *de;
	int n = 0;
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		n += strncmp(de->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

static void build(struct qf_env *e, const char *rcpt)
{
	qf_env_init(e);
	qf_env_set(e, 'V', "8");
	qf_env_set(e, 'T', "1795269219");
	qf_env_set(e, 'K', "0");
	qf_env_set(e, 'N', "0");
	qf_env_set(e, 'P', "30005");
	qf_env_set(e, 'S', "sender");
	qf_env_add_rcpt(e, NULL, NULL, NULL, "PFD", rcpt);
	qf_env_add_header(e, "P", "Return-Path: <\201g>");
}

static void commit_ok(void)
{
	struct queue_write qw;
	struct qf_env e, back;
	struct str p;
	const char *err = NULL;
	int fd;
	build(&e, "rcpt1");
	CHECK(queue_write_begin(&qw, Q, 0600, QUEUE_WRITE_SUPERSAFE, 0, &err) == 0, "begin");
	/* the df is unnamed until commit (O_TMPFILE), else created first */
	CHECK(count("qf") == 0 && count("tf") == 0 && count("df") == (qw.dftmp ? 0 : 1),
	      "nothing but a df (or nothing at all) before commit");
	CHECK(queue_write_body(&qw, "hello\n", 6, &err) == 0, "body");
	CHECK(queue_write_commit(&qw, &e, &err) == 0, "commit");
	CHECK(count("qf") == 1 && count("df") == 1 && count("tf") == 0, "qf and df named, no tf left");
	str_init(&p, 0);
	qf_path(&p, Q, 0, 'q', qw.id);
	fd = open(p.s, O_RDONLY);
	CHECK(fd >= 0 && qf_lock_busy(fd), "qf locked while the writer holds it");
	queue_write_close(&qw);
	CHECK(!qf_lock_busy(fd), "unlocked after close");
	qf_env_init(&back);
	CHECK(qf_parse_fd(&back, fd, NULL, &err) == 0 && back.nrcpts == 1 && back.nhdrs == 1, "read back");
	close(fd);
	/* rewrite through tf, with a stale tf lying around */
	qf_path(&p, Q, 0, 't', back.nrcpts ? qw.id : "");
	close(open(p.s, O_WRONLY | O_CREAT, 0600));
	qf_env_set(&back, 'N', "1");
	CHECK(queue_write_rewrite(Q, 0, qw.id, 'q', &back, 0600, 0, NULL, &err) == 0, "rewrite over stale tf");
	CHECK(count("tf") == 0 && count("qf") == 1, "rewrite leaves one qf");
	str_free(&p);
	qf_env_free(&back);
	qf_env_free(&e);
}

static void aborts(void)
{
	struct queue_write qw;
	struct qf_env e;
	const char *err = NULL;
	int before = count("df");
	CHECK(queue_write_begin(&qw, Q, 0600, 0, 0, &err) == 0, "begin 2");
	queue_write_body(&qw, "x", 1, &err);
	queue_write_abort(&qw);
	CHECK(count("df") == before, "abort removes df");
	/* a commit that fails: the disk "fills" while writing the body */
	build(&e, "rcpt2");
	struct rlimit old, lim;
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = 4096;
	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &lim);
	CHECK(queue_write_begin(&qw, Q, 0600, QUEUE_WRITE_SUPERSAFE, 0, &err) == 0, "begin 3");
	int rc = 0;
	char big[1000];
	memset(big, 'y', sizeof(big));
	for (int i = 0; i < 100 && rc == 0; i++)
		rc = queue_write_body(&qw, big, sizeof(big), &err);
	if (rc == 0)
		rc = queue_write_commit(&qw, &e, &err);
	else
		queue_write_abort(&qw);
	setrlimit(RLIMIT_FSIZE, &old);
	CHECK(rc < 0 && err != NULL && strstr(err, "File too large") != NULL, "full disk => error");
	CHECK(count("df") == before && count("tf") == 0 && count("qf") == before, "nothing half-written");
	/* unwritable queue directory */
	CHECK(queue_write_begin(&qw, "test/out/unit-queue_write/nonexistent", 0600, 0, 0, &err) < 0 &&
	      strstr(err, "No such file") != NULL, "missing queue dir => error");
	qf_env_free(&e);
}

static void no_qf_without_df(void)
{
	/* every qf in the directory has its df */
	DIR *d = opendir(Q);
	struct dirent *de;
	int orphans = 0;
	char path[512];
	struct stat st;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "qf", 2) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/df%s", Q, de->d_name + 2);
		orphans += stat(path, &st) != 0;
	}
	closedir(d);
	CHECK(orphans == 0, "no qf without df");
}

int main(void)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf %s && mkdir -p %s", Q, Q);
	if (system(cmd) != 0)
		return 1;
	commit_ok();
	aborts();
	no_qf_without_df();
	return unit_done();
}
