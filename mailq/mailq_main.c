/* mailq_main.c - the mailq program (sendmail -bp): list the mail queue in
 * sendmail 8.17's format. Options: -C cf, -v, -O opt=val (-oXval), -Ac/-Am,
 * -q[!]I/R/S/Q<substr>, -qQ (quarantined), -qL (lost), -bp (no-op).
 * Links libsmutil only; reads the cf and the queue directories. */
#include <stdlib.h>
#include <unistd.h>
#include "mailq.h"
#include "libsmutil/mem.h"
#include "libsmutil/qf.h"
#include "libsmutil/poison.h"

#define MQ_EX_USAGE  64
#define MQ_EX_CONFIG 78

static void mq_usage(void)
{
	fprintf(stderr, "usage: mailq [-C cf] [-v] [-O opt=val] [-Ac|-Am] [-q[!][IRSQ]substr] [-qQ] [-qL]\n");
	exit(MQ_EX_USAGE);
}

/* -q argument (after "-q"). */
static void mq_qarg(struct mq_opts *o, const char *a)
{
	int neg = 0;
	if (*a == '\0')
		return;
	if (*a == '!') {
		neg = 1;
		a++;
	}
	if (*a == 'Q' && a[1] == '\0' && !neg) {
		o->quarantine = 1;
		return;
	}
	if (*a == 'L' && a[1] == '\0' && !neg) {
		o->lost = 1;
		return;
	}
	if ((*a == 'I' || *a == 'R' || *a == 'S' || *a == 'Q') && o->nfilters < MQ_MAXFILTERS) {
		if (*a == 'Q')
			o->quarantine = 1;
		o->filters[o->nfilters].letter = *a;
		o->filters[o->nfilters].negate = neg;
		o->filters[o->nfilters].text = a + 1;
		o->nfilters++;
	}
}

static void mq_addir(const char *dir, void *ctx)
{
	struct mq_opts *o = ctx;
	if (o->ndirs < MQ_MAXDIRS)
		o->dirs[o->ndirs++] = mem_strdup(dir);
}

/* Next option argument: rest of this word or the next word. */
static const char *mq_optarg(char **argv, int *i, const char *rest)
{
	if (*rest != '\0')
		return rest;
	if (argv[*i + 1] == NULL)
		mq_usage();
	return argv[++*i];
}

int mailq_main(int argc, char **argv)
{
	struct mq_opts o;
	const char *overrides[64];
	int nover = 0, acf = 'm';
	long total = 0;
	memset(&o, 0, sizeof(o));
	o.sortorder = 'p';
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (a[0] != '-' || a[1] == '\0')
			mq_usage();
		if (strcmp(a, "--") == 0)
			break;
		switch (a[1]) {
		case 'C': o.cf = mq_optarg(argv, &i, a + 2); break;
		case 'v': o.verbose = 1; break;
		case 'q': mq_qarg(&o, a + 2); break;
		case 'A': acf = *mq_optarg(argv, &i, a + 2); break;
		case 'b': case 'd': break;
		case 'O': case 'o':
			if (nover < 64)
				overrides[nover++] = a[1] == 'O' ? mq_optarg(argv, &i, a + 2) : a + 2;
			break;
		default: mq_usage();
		}
	}
	if (o.cf == NULL)
		o.cf = acf == 'c' ? "/etc/mail/submit.cf" : "/etc/mail/sendmail.cf";
	if (mailq_cf_read(&o, o.cf) < 0)
		return MQ_EX_CONFIG;
	for (int i = 0; i < nover; i++) {
		char *copy = mem_strdup(overrides[i]), *eq = strchr(copy, '=');
		if (eq != NULL) {
			*eq = '\0';
			mailq_cf_option(&o, copy, eq + 1);
		} else if (copy[0] != '\0') {
			char n[2] = { copy[0], '\0' };
			mailq_cf_option(&o, n, copy + 1);
		}
		mem_free(copy);
	}
	if (o.qdir == NULL)
		o.qdir = mem_strdup("mqueue");
	qf_path_expand(o.qdir, mq_addir, &o);
	for (int i = 0; i < o.ndirs; i++) {
		total += mailq_list_dir(&o, o.dirs[i], stdout);
		mem_free(o.dirs[i]);
	}
	mem_free(o.qdir);
	printf("\t\tTotal requests: %ld\n", total);
	return fflush(stdout) == 0 ? 0 : 74;
}
