/* mailstats.c - mailstats(8): print (and with -p reset) the StatusFile,
 * output identical to sendmail 8.17's. Links libsmutil only: the cf is
 * read by a tiny scanner (M lines give mailer numbers after the built-in
 * prog, *file*, *include*; O StatusFile / OS give the file, last wins).
 * Touches only the statistics file (truncated by -p). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include "../libsmutil/stats.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define EX_USAGE 64
#define EX_NOINPUT 66
#define EX_SOFTWARE 70
#define EX_OSERR 71
#define EX_OSFILE 72
#define MAILSTATS_LINE 2048

struct mailstats {
	char *names[STATS_MAXMAILERS];
	int nnames;
	char *sfile;          /* from the cf */
};

static void mailstats_usage(void)
{
	fprintf(stderr, "usage: mailstats [-C cffile] [-c] [-P] [-f stfile] [-o] [-p]\n");
	exit(EX_USAGE);
}

static void mailstats_mailer(struct mailstats *ms, char *b)
{
	char *s = b;
	while (*s != '\0' && *s != ',' && !isspace((unsigned char)*s))
		s++;
	*s = '\0';
	for (int i = 0; i < ms->nnames; i++)
		if (strcmp(ms->names[i], b) == 0)
			return;
	if (ms->nnames >= STATS_MAXMAILERS) {
		fprintf(stderr, "Too many mailers defined, %d max.\n", STATS_MAXMAILERS);
		exit(EX_SOFTWARE);
	}
	ms->names[ms->nnames++] = mem_strdup(b);
}

static void mailstats_option(struct mailstats *ms, char *b)
{
	if (strncasecmp(b, " StatusFile", 11) == 0 && !isalnum((unsigned char)b[11])) {
		if ((b = strchr(b, '=')) == NULL)
			return;
		while (isspace((unsigned char)*++b))
			;
	} else if (*b++ != 'S')
		return;
	mem_free(ms->sfile);
	ms->sfile = mem_strdup(b);
}

/* One cf line: cut at '#' (or the newline), trailing blanks dropped. */
static void mailstats_line(struct mailstats *ms, char *buf)
{
	char *e = strchr(buf, '#');
	if (e == NULL && (e = strchr(buf, '\n')) == NULL)
		e = buf + strlen(buf);
	while (e > buf && isspace((unsigned char)e[-1]))
		e--;
	*e = '\0';
	if (buf[0] == 'M')
		mailstats_mailer(ms, buf + 1);
	else if (buf[0] == 'O')
		mailstats_option(ms, buf + 1);
}

static void mailstats_readcf(struct mailstats *ms, const char *cfile)
{
	static const char *const builtin[] = { "prog", "*file*", "*include*" };
	for (int i = 0; i < 3; i++)
		ms->names[ms->nnames++] = mem_strdup(builtin[i]);
	FILE *fp = fopen(cfile, "r");
	if (fp == NULL) {
		fprintf(stderr, "mailstats: %s: %s\n", cfile, strerror(errno));
		exit(EX_NOINPUT);
	}
	char buf[MAILSTATS_LINE];
	while (fgets(buf, sizeof buf, fp) != NULL)
		mailstats_line(ms, buf);
	fclose(fp);
}

static int mailstats_row_used(const struct stats_file *st, int i)
{
	return st->msgs_from[i] || st->msgs_to[i] || st->rejected[i] ||
	       st->discarded[i] || st->quarantined[i];
}

/* The rows and totals; prog: -p/-P format (no K, short C line). */
static void mailstats_print(const struct mailstats *ms, const struct stats_file *st,
			    int prog, int names)
{
	const char *k = prog ? "" : "K";
	long t[7] = { 0 };
	for (int i = 0; i < STATS_MAXMAILERS; i++) {
		if (!mailstats_row_used(st, i))
			continue;
		long v[7] = { st->msgs_from[i], st->kb_from[i], st->msgs_to[i], st->kb_to[i],
			      st->rejected[i], st->discarded[i], st->quarantined[i] };
		printf("%2d %8ld %10ld%s %8ld %10ld%s   %6ld  %6ld  %6ld", i, v[0], v[1], k,
		       v[2], v[3], k, v[4], v[5], v[6]);
		if (names)
			printf("  %s", i < ms->nnames ? ms->names[i] : "");
		printf("\n");
		for (int j = 0; j < 7; j++)
			t[j] += v[j];
	}
	if (!prog)
		printf("=====================================================================\n");
	printf(" T %8ld %10ld%s %8ld %10ld%s   %6ld  %6ld  %6ld\n", t[0], t[1], k, t[2], t[3], k,
	       t[4], t[5], t[6]);
	if (prog)
		printf(" C %8ld %8ld %6ld\n", st->conn_from, st->conn_to, st->conn_rej);
	else
		printf(" C %8ld             %8ld               %6ld\n", st->conn_from,
		       st->conn_to, st->conn_rej);
}

static void mailstats_load(const char *sfile, int trunc, struct stats_file *st, int *fdp)
{
	int fd = open(sfile, trunc ? O_RDWR : O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "mailstats: %s: %s\n", sfile, strerror(errno));
		exit(EX_NOINPUT);
	}
	switch (stats_read(fd, st, time(NULL))) {
	case STATS_OK:
		*fdp = fd;
		return;
	case STATS_BADMAGIC:
		fprintf(stderr, "mailstats: incorrect magic number in %s\n", sfile);
		break;
	case STATS_BADVERSION:
		fprintf(stderr, "mailstats version (%d) incompatible with %s version (%d)\n",
			STATS_VERSION, sfile, st->version);
		break;
	case STATS_BADSIZE:
		fprintf(stderr, "mailstats: file size changed.\n");
		break;
	default:
		fprintf(stderr, "mailstats: %s: %s\n", sfile, strerror(errno));
		break;
	}
	exit(EX_OSERR);
}

int main(int argc, char **argv)
{
	const char *cfile = "/etc/mail/sendmail.cf", *sfile = NULL;
	int prog = 0, trunc = 0, names = 1, c;
	while ((c = getopt(argc, argv, "cC:f:opP")) != -1) {
		switch (c) {
		case 'c': cfile = "/etc/mail/submit.cf"; break;
		case 'C': cfile = optarg; break;
		case 'f': sfile = optarg; break;
		case 'o': names = 0; break;
		case 'p': prog = trunc = 1; break;
		case 'P': prog = 1; break;
		default: mailstats_usage();
		}
	}
	if (optind != argc)
		mailstats_usage();
	struct mailstats ms;
	memset(&ms, 0, sizeof ms);
	mailstats_readcf(&ms, cfile);
	if (sfile == NULL && (sfile = ms.sfile) == NULL) {
		fprintf(stderr, "mailstats: no statistics file located\n");
		exit(EX_OSFILE);
	}
	struct stats_file st;
	int fd = -1;
	mailstats_load(sfile, trunc, &st, &fd);
	if (prog)
		printf("%ld %ld\n", (long)st.itime, (long)time(NULL));
	else {
		printf("Statistics from %s", ctime(&st.itime));
		printf(" M   msgsfr  bytes_from   msgsto    bytes_to  msgsrej msgsdis msgsqur%s\n",
		       names ? "  Mailer" : "");
	}
	mailstats_print(&ms, &st, prog, names);
	if (trunc && ftruncate(fd, 0) < 0) {
		fprintf(stderr, "mailstats: %s: %s\n", sfile, strerror(errno));
		exit(EX_OSERR);
	}
	close(fd);
	return 0;
}
