/* test_dsn.c - the DSN body builder against bounces the reference
 * delivered (test/diff/dsn_data/<case>.qf/.df = the original as the
 * reference queued it, <case>.ref = its bounce as the local mailer got
 * it): the job is built by hand from the qf, the DSN image compared with
 * the reference's bytes minus the headers submit adds (Return-Path,
 * Received, Date, Message-Id); ID and epoch taken from its boundary.
 * Also the NOTIFY selection, dead.letter bytes and arpadate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../sendmail/dsn.h"
#include "../../sendmail/submit.h"
#include "../../sendmail/config.h"
#include "../../sendmail/readcf.h"
#include "../../sendmail/err.h"
#include "../../libsmutil/mem.h"
#include "unit.h"

#define DIR "test/out/unit-dsn"
#define DATA "test/diff/dsn_data"

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct str s;
	str_init(&s, 0);
	if (fp != NULL) {
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
			str_addn(&s, buf, n);
		fclose(fp);
	}
	if (len)
		*len = s.len;
	return s.s ? str_steal(&s) : mem_strdup("");
}

static struct config *mkcf(int mime)
{
	mkdir("test/out", 0755);
	mkdir(DIR, 0755);
	FILE *fp = fopen(DIR "/t.cf", "w");
	if (fp == NULL)
		return NULL;
	fprintf(fp, "V10/Berkeley\nDjvm.example.com\nDnMAILER-DAEMON\n"
		"O SendMimeErrors=%s\nO Timeout.queuereturn=5d\nO Timeout.queuewarn=4h\n"
		"S3\nR$* < $* > $*\t$2\n"     /* header addresses are rewritten */
		"S0\nR$+\t$#local $: $1\n"
		"Mlocal, P=/bin/true, F=lsDFMAw5:/|@qSPfhn9, T=DNS/RFC822/X-Unix, A=x $u\n",
		mime ? "True" : "False");
	fclose(fp);
	err_set_output(stdout, 1);
	struct config *cf = config_new();
	return readcf(DIR "/t.cf", 'm', cf);
}

/* A job from a reference qf with its one recipient failed as a broken
 * local mailbox (exit 67, text on stderr). */
static void mkjob(struct job *j, struct config *cf, const char *name)
{
	char path[256];
	memset(j, 0, sizeof *j);
	j->cf = cf;
	j->lockfd = -1;
	qf_env_init(&j->env);
	snprintf(path, sizeof path, DATA "/%s.qf", name);
	size_t len;
	char *qf = slurp(path, &len);
	const char *err = NULL;
	CHECK(qf_parse(&j->env, qf, len, NULL, &err) == 0, "dsn/qf-parse");
	mem_free(qf);
	snprintf(path, sizeof path, DATA "/%s.df", name);
	j->dfpath = mem_strdup(path);
	snprintf(j->id, sizeof j->id, "6ALFB5xs009049");
	j->nr = j->env.nrcpts;
	j->r = mem_zalloc(j->nr * sizeof *j->r);
	for (size_t i = 0; i < j->nr; i++) {
		struct job_rcpt *r = &j->r[i];
		r->addr = mem_strdup(j->env.rcpts[i].addr);
		r->final = j->env.rcpts[i].final ? mem_strdup(j->env.rcpts[i].final) : NULL;
		r->state = JR_FAILED;
		r->exitstat = 67;
		r->mailer = mem_strdup("local");
	}
	str_init(&j->transcript, 0);
	str_add(&j->transcript, "mailbox for daemon is broken\n550 5.1.1 daemon... User unknown\n");
}

static void freejob(struct job *j)
{
	for (size_t i = 0; i < j->nr; i++) {
		mem_free(j->r[i].addr);
		mem_free(j->r[i].final);
		mem_free(j->r[i].mailer);
	}
	mem_free(j->r);
	mem_free(j->dfpath);
	qf_env_free(&j->env);
	str_free(&j->transcript);
}

/* The reference bounce without the headers submit adds. */
static char *strip_ref(const char *ref, char *id, long *epoch)
{
	struct str o;
	str_init(&o, 0);
	const char *p = ref;
	int inhdr = 1, skip = 0;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p + 1) : strlen(p);
		if (inhdr && n == 1)
			inhdr = 0;
		if (inhdr && p[0] != '\t' && p[0] != ' ')
			skip = !strncmp(p, "Return-Path:", 12) || !strncmp(p, "Received:", 9) ||
			       !strncmp(p, "Date:", 5) || !strncmp(p, "Message-Id:", 11);
		if (!inhdr || !skip)
			str_addn(&o, p, n);
		p += n;
	}
	const char *b = strstr(ref, "boundary=\"");
	if (b == NULL)
		b = strstr(ref, "id ");     /* plain variant: the Received id */
	else
		b += 10;
	if (b != NULL && !strncmp(b, "id ", 3))
		b += 3;
	if (b != NULL)
		sscanf(b, "%31[^.;].%ld", id, epoch);
	return o.s ? str_steal(&o) : mem_strdup("");
}

static void one(const char *name, int mime)
{
	struct config *cf = mkcf(mime);
	if (cf == NULL) {
		CHECK(0, "dsn/cf");
		return;
	}
	struct job j;
	char path[256], id[32] = "", tname[64];
	long epoch = 0;
	mkjob(&j, cf, name);
	snprintf(path, sizeof path, DATA "/%s.ref", name);
	char *ref = slurp(path, NULL);
	char *want = strip_ref(ref, id, &epoch);
	if (!mime) {        /* the plain bounce's time: its Date: header */
		struct tm tm;
		memset(&tm, 0, sizeof tm);
		const char *d = strstr(ref, "\nDate: ");
		if (d && strptime(d + 7, "%a, %d %b %Y %H:%M:%S", &tm))
			epoch = (long)timegm(&tm);
	}
	for (size_t i = 0; i < j.nr; i++)
		j.r[i].lastattempt = (time_t)epoch;
	struct dsn_spec s = { .kind = DSN_FAIL, .id = id, .now = (time_t)epoch,
		.to = "root", .mime = mime,
		.hdrs_only = j.env.flags && strchr(j.env.flags, 'n') != NULL };
	struct str out;
	str_init(&out, 0);
	dsn_text_build(&j, &s, &out);
	snprintf(tname, sizeof tname, "dsn/body/%s", name);
	CHECK_STR(out.s, want, tname);
	if (strcmp(out.s, want) != 0) {   /* for diff(1) */
		char f[128];
		snprintf(f, sizeof f, DIR "/%s.got", name);
		FILE *fp = fopen(f, "w");
		if (fp) { fputs(out.s, fp); fclose(fp); }
		snprintf(f, sizeof f, DIR "/%s.want", name);
		if ((fp = fopen(f, "w")) != NULL) { fputs(want, fp); fclose(fp); }
	}
	str_free(&out);
	mem_free(ref);
	mem_free(want);
	freejob(&j);
	config_free(cf);
}

static void notify_sel(void)
{
	struct config *cf = mkcf(1);
	struct job j;
	mkjob(&j, cf, "plain");
	static const struct { int state; unsigned notify; int kind, want; } t[] = {
		{ JR_FAILED, 0, DSN_FAIL, 1 },
		{ JR_FAILED, SUBMIT_NOTIFY_NEVER, DSN_FAIL, 0 },
		{ JR_FAILED, SUBMIT_NOTIFY_SUCCESS, DSN_FAIL, 0 },
		{ JR_FAILED, SUBMIT_NOTIFY_FAILURE, DSN_FAIL, 1 },
		{ JR_SENT, 0, DSN_SUCCESS, 0 },
		{ JR_SENT, SUBMIT_NOTIFY_SUCCESS, DSN_SUCCESS, 1 },
		{ JR_SENT, SUBMIT_NOTIFY_SUCCESS, DSN_FAIL, 1 },
		{ JR_DEFERRED, 0, DSN_DELAY, 1 },
		{ JR_DEFERRED, SUBMIT_NOTIFY_FAILURE, DSN_DELAY, 0 },
		{ JR_DEFERRED, 0, DSN_FAIL, 0 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char n[64];
		j.r[0].state = t[i].state;
		j.r[0].notify = t[i].notify;
		snprintf(n, sizeof n, "dsn/notify/%zu", i);
		CHECK(dsn_rcpt_in(&j, 0, t[i].kind) == t[i].want, n);
	}
	/* dead.letter: From_ line, *file* headers, body, blank line */
	unlink(DIR "/dead.letter");
	j.now = 1795273606;
	CHECK(dsn_dead_letter(&j, DIR "/dead.letter") == 0, "dsn/dead/write");
	char *dl = slurp(DIR "/dead.letter", NULL);
	CHECK(!strncmp(dl, "From root Sat Nov 21 15:06:46 2026\nReturn-Path: <root>\nReceived:", 64),
	      "dsn/dead/fromline");
	size_t n = strlen(dl);
	CHECK(n > 13 && !strcmp(dl + n - 13, "body line 1\n\n"), "dsn/dead/tail");
	CHECK(strstr(dl, "Full-Name") == NULL, "dsn/dead/no-x-headers");
	mem_free(dl);
	char d[80];
	CHECK_STR(dsn_date(1795273606, d, sizeof d), "Sat, 21 Nov 2026 15:06:46 GMT", "dsn/date");
	freejob(&j);
	config_free(cf);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	one("plain", 1);
	one("hdrs", 1);
	one("envid", 1);
	one("eight", 1);
	one("nomime", 0);
	notify_sel();
	return unit_done();
}
