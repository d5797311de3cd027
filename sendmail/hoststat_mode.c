/* hoststat_mode.c - the hoststat (-bh) listing and purgestat (-bH) modes
 * over HostStatusDirectory, output byte-compatible with sendmail 8.17.
 * Reads the tree (libsmutil/hoststat.c does the walking and the format);
 * purgestat removes expired entries. Changes the working directory to the
 * queue directory, like the reference. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "config.h"
#include "options.h"
#include "err.h"
#include "hoststat_mode.h"
#include "../libsmutil/hoststat.h"
#include "../libsmutil/safefile.h"
#include "../libsmutil/poison.h"

#define EX_CONFIG 78

struct hoststat_print {
	int width;        /* 25, or 78 with -v */
	int header_done;
	int line;         /* the reference's LineNumber (kept across files) */
	const char *path; /* file being read (message context) */
	time_t now;
};

/* sendmail's brief interval: [D+]HH:MM:SS, C division for negatives. */
static void hoststat_age(long secs, char *buf, size_t size)
{
	long s = secs % 60, m = (secs / 60) % 60, h = (secs / 3600) % 24, d = secs / 86400;
	if (d > 0)
		snprintf(buf, size, "%ld+%02ld:%02ld:%02ld", d, h, m, s);
	else
		snprintf(buf, size, "%02ld:%02ld:%02ld", h, m, s);
}

static void hoststat_badver(int ver, void *ctx)
{
	struct hoststat_print *hp = ctx;
	err_set_file(hp->path, hp->line);
	errno = 0;
	err_syserr("Unknown host status version %d: %d max", ver, 0);
}

/* The results column of one entry. */
static void hoststat_result(const struct hoststat_rec *r, int width)
{
	char buf[128];
	if (r->rstatus != NULL)
		printf("%.*s\n", width, r->rstatus);
	else if (r->exitstat == 75 && r->err != 0)
		printf("Deferred: %.*s\n", width - 10, hoststat_errstring(r->err, buf, sizeof buf));
	else if (r->exitstat != 0) {
		const char *t = hoststat_sysexit_text(r->exitstat);
		if (t == NULL) {
			snprintf(buf, sizeof buf, "Unknown mailer error %d", r->exitstat);
			t = buf;
		}
		printf("%.*s\n", width, t);
	} else if (r->err == 0)
		printf("OK\n");
	else
		printf("OK: %.*s\n", width - 4, hoststat_errstring(r->err, buf, sizeof buf));
}

static int hoststat_print_entry(const char *path, const char *host, void *ctx)
{
	struct hoststat_print *hp = ctx;
	if (host == NULL)
		return 0;
	if (!hp->header_done) {
		hp->header_done = 1;
		printf(" -------------- Hostname --------------- How long ago ---------Results---------\n");
	}
	const char *why = NULL;
	char whybuf[256];
	FILE *fp = safefile_fopen(path, SFF_NOSLINK | SFF_REGONLY | SFF_SAFEDIRPATH |
				  SFF_OPENASROOT, &why, whybuf, sizeof whybuf);
	if (fp == NULL)
		return 0;
	struct hoststat_rec r;
	struct hoststat_rd rd = { &hp->line, hoststat_badver, hp };
	hp->path = path;
	if (hoststat_read(fp, &r, &rd) < 0) {
		err_set_file(path, hp->line);
		errno = 0;
		err_syserr("%s: could not read status file", path);
		err_set_file(NULL, 0);
		hoststat_rec_free(&r);
		fclose(fp);
		return 0;
	}
	err_set_file(NULL, 0);
	int locked = hoststat_is_locked(fileno(fp));
	fclose(fp);
	char age[64];
	hoststat_age((long)(hp->now - r.lastuse), age, sizeof age);
	printf("%c%-39s %12s ", locked ? '*' : ' ', host, age);
	hoststat_result(&r, hp->width);
	hoststat_rec_free(&r);
	return 0;
}

static int hoststat_purge_action(const char *path, const char *host, void *ctx)
{
	const long *timeout = ctx;
	return hoststat_purge_entry(path, host, *timeout, time(NULL));
}

/* Startup checks as the reference does them; returns 0 or an exit code
 * (after the HostStatusDirectory check, which still runs). */
static int hoststat_chdir(struct config *cf, const char **dirp)
{
	const char *q = option_str(cf, "QueueDirectory", NULL);
	int rc = 0;
	if (q == NULL || *q == '\0') {
		printf("QueueDirectory (Q) option must be set\n");
		return EX_CONFIG;
	}
	if (chdir(q) < 0) {
		printf("can not chdir(%s/): %s\n", q, strerror(errno));
		rc = EX_CONFIG;
	}
	const char *d = option_str(cf, "HostStatusDirectory", NULL);
	struct stat st;
	if (d != NULL && *d != '\0') {
		if (stat(d, &st) < 0)
			printf("Warning: Cannot use HostStatusDirectory = %s: %s\n", d, strerror(errno));
		else if (!S_ISDIR(st.st_mode))
			printf("Warning: Cannot use HostStatusDirectory = %s: %s\n", d, strerror(ENOTDIR));
		else
			*dirp = d;
	}
	return rc;
}

int hoststat_main(struct config *cf, int purge)
{
	const char *dir = NULL;
	err_set_output(stdout, 1);
	int rc = hoststat_chdir(cf, &dir);
	if (rc != 0 || dir == NULL) {
		fflush(stdout);
		return rc;
	}
	if (purge) {
		long timeout = option_num(cf, "Timeout.hoststatus", 30 * 60);
		(void)hoststat_traverse(dir, hoststat_purge_action, &timeout, 1);
		return 0;
	}
	struct hoststat_print hp = { cf->verbose ? 78 : 25, 0, err_get_line(), NULL, time(NULL) };
	(void)hoststat_traverse(dir, hoststat_print_entry, &hp, 0);
	fflush(stdout);
	return 0;
}
