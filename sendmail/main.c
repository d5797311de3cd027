/* main.c - the sendmail binary's entry: argv[0] personality, sendmail-
 * style flag parsing (-b -C -d -o -O -v -X ...), and mode dispatch.
 * Modes not built yet exit EX_UNAVAILABLE. Touches process state only
 * through the modules it calls. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "options.h"
#include "mailer.h"
#include "macro.h"
#include "map.h"
#include "debug.h"
#include "err.h"
#include "testmode.h"
#include "alias.h"
#include "verify.h"
#include "../mailq/mailq.h"
#include "hoststat_mode.h"
#include "cmdline.h"
#include "submit.h"
#include "qrun.h"
#include "xlog.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define EX_USAGE 64
#define EX_UNAVAILABLE 69
#define EX_OSFILE 72


static const struct { const char *name; int mode; } main_personalities[] = {
	{ "newaliases", 'i' }, { "mailq", 'p' }, { "hoststat", 'h' },
	{ "purgestat", 'H' }, { "smtpd", 'd' },
};

static int main_personality(const char *argv0)
{
	const char *b = strrchr(argv0, '/');
	b = b ? b + 1 : argv0;
	for (size_t i = 0; i < sizeof main_personalities / sizeof main_personalities[0]; i++)
		if (strcmp(b, main_personalities[i].name) == 0)
			return main_personalities[i].mode;
	return 'm';
}

static void main_addopt(struct main_args *ma, const char *prefix, const char *val)
{
	size_t n = strlen(prefix) + strlen(val) + 1;
	char *s = mem_alloc(n);
	snprintf(s, n, "%s%s", prefix, val);
	ma->opts = mem_realloc(ma->opts, (size_t)(ma->nopts + 1) * sizeof *ma->opts);
	ma->opts[ma->nopts++] = s;
}

/* Remember "-<c><val>" for a mode that re-reads it (-bp takes -q/-A). */
static void main_addarg(struct main_args *ma, int c, const char *val)
{
	size_t n = strlen(val) + 3;
	char *s = mem_alloc(n);
	snprintf(s, n, "-%c%s", c, val);
	ma->qargs = mem_realloc(ma->qargs, (size_t)(ma->nqargs + 1) * sizeof *ma->qargs);
	ma->qargs[ma->nqargs++] = s;
}

static void main_addmacro(struct main_args *ma, const char *val)
{
	ma->macros = mem_realloc(ma->macros, (size_t)(ma->nmacros + 1) * sizeof *ma->macros);
	ma->macros[ma->nmacros++] = (char *)val;
}

/* Submission flags: remembered, checked by the mode that uses them. */
static int main_subflag(struct main_args *ma, int c, const char *val)
{
	switch (c) {
	case 't': ma->tflag = 1; break;
	case 'F': ma->fullname = val; break;
	case 'N': ma->notify = val; break;
	case 'R':
		if (ma->ret != NULL)
			ma->reterr = 1;
		ma->ret = val;
		break;
	case 'V': ma->envid = val; break;
	case 'B': ma->bodytype = val; break;
	case 'h': ma->hopcount = val; break;
	case 'p': ma->proto = val; break;
	case 'X': ma->xlog = val; break;
	case 'G': ma->gflag = 1; break;
	case 'U': ma->uflag = 1; break;
	case 'M': main_addmacro(ma, val); main_addopt(ma, "M", val); break;
	case 'Q': ma->quarantine = val; break;
	default: return 0;
	}
	return 1;
}

/* One flag with its value (NULL for boolean flags). */
static void main_flag(struct main_args *ma, int c, const char *val)
{
	if (main_subflag(ma, c, val))
		return;
	switch (c) {
	case 'b': ma->mode = (unsigned char)val[0]; break;
	case 'C': ma->cffile = val; ma->cfgiven = 1; break;
	case 'd': (void)debug_parse(val); break;
	case 'o': main_addopt(ma, "", val); break;
	case 'O': main_addopt(ma, " ", val); break;
	case 'e': main_addopt(ma, "e", val); break;
	case 'v': ma->verbose = 1; break;
	case 'n': ma->noalias = 1; break;
	case 'q': ma->queuerun = 1; main_addarg(ma, c, val); break;
	case 'A': main_addarg(ma, c, val); break;
	case 'i': ma->ignoredots = 1; main_addopt(ma, "i", ""); break;
	case 'm': case 'c': case 'T': {
		char o[2] = { (char)c, '\0' };
		main_addopt(ma, o, "");
		break;
	}
	case 's': main_addopt(ma, "f", ""); break;
	case 'f': case 'r':
		if (ma->from != NULL) {
			printf("More than one \"from\" person\n");
			ma->fromerr = 1;
		} else {
			ma->from = val;
			ma->fromflag = c;
		}
		break;
	default: break;    /* accepted, not used yet */
	}
}

/* Value for a flag given alone ("-d", "-C", "-q"); NULL = required. */
static const char *main_default_val(int c)
{
	switch (c) {
	case 'd': return "";
	case 'C': return "sendmail.cf";
	case 'q': return "0";
	case 'Q': return "";     /* -Q alone: release quarantined jobs */
	default: return NULL;
	}
}

static void main_usage_exit(const char *argv0, const char *what, int c)
{
	fprintf(stderr, "%s: %s -- %c\n", argv0, what, c);
	exit(EX_USAGE);
}

/* Parse argv; returns the index of the first non-flag argument. */
static int main_parse(struct main_args *ma, int argc, char **argv)
{
	static const char withval[] = "ABbCDdeFfhLMNOopQqRrVX";
	static const char boolean[] = "cGIimnsTtUv";
	int i;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			return i + 1;
		if (a[0] != '-' || a[1] == '\0')
			return i;
		for (const char *p = a + 1; *p; p++) {
			int c = (unsigned char)*p;
			if (strchr(withval, c) != NULL) {
				const char *val = p + 1;
				if (*val == '\0') {
					if (i + 1 < argc && argv[i + 1][0] != '-')
						val = argv[++i];
					else if ((val = main_default_val(c)) == NULL)
						main_usage_exit(ma->argv0, "option requires an argument", c);
				}
				main_flag(ma, c, val);
				break;
			}
			if (strchr(boolean, c) == NULL)
				main_usage_exit(ma->argv0, "illegal option", c);
			main_flag(ma, c, NULL);
		}
	}
	return i;
}

/* Read the configuration as sendmail does for mode `mode`. */
static struct config *main_readcf(struct main_args *ma)
{
	if (tTd(0, 1))
		debug_print_version(stdout);
	struct config *cf = config_new();
	cf->opmode = ma->mode;
	cf->testmode = ma->mode == 't';
	cf->verbose = ma->verbose;
	for (int i = 0; i < ma->nopts; i++)
		options_parse_line(cf, ma->opts[i], 1);
	struct config *r = readcf(ma->cffile, ma->mode, cf);
	if (r == NULL) {
		fflush(stdout);
		exit(err_exitstat() ? err_exitstat() : EX_OSFILE);
	}
	/* readcf ran sysident_init/probe, printed the -d0.1 identity block,
	 * the host name warning and the "No local mailer defined" check. */
	return r;
}

static int main_testmode(struct main_args *ma)
{
	err_set_output(stdout, 1);
	struct config *cf = main_readcf(ma);
	int verbose = cf->verbose ? cf->verbose : 2;	/* -v, or O Verbose in the cf */
	err_set_verbose(verbose);
	return testmode_run(cf, verbose);
}

/* -bi / newaliases: rebuild the alias databases. */
static int main_newaliases(struct main_args *ma)
{
	err_set_output(stdout, 1);
	if (ma->fromerr)
		return EX_USAGE;
	return alias_newaliases(main_readcf(ma));
}

/* -bv: verify (resolve and expand) the addresses, no delivery. */
static int main_verify(struct main_args *ma)
{
	err_set_output(stdout, 1);
	if (ma->fromerr)
		return EX_USAGE;
	struct config *cf = main_readcf(ma);
	return verify_main_from(cf, ma->rest, ma->noalias ? VERIFY_NOALIAS : 0, ma->from);
}

/* -bp / the mailq personality: the mailq program's listing. */
static int main_printqueue(struct main_args *ma)
{
	char **av = mem_array((size_t)(2 * ma->nopts + ma->nqargs + 5), sizeof *av);
	int n = 0;
	av[n++] = "mailq";
	if (ma->cfgiven) {
		av[n++] = "-C";
		av[n++] = (char *)ma->cffile;
	}
	for (int i = 0; i < ma->nopts; i++) {
		const char *o = ma->opts[i];
		av[n++] = o[0] == ' ' ? "-O" : "-o";
		av[n++] = (char *)(o[0] == ' ' ? o + 1 : o);
	}
	if (ma->verbose)
		av[n++] = "-v";
	for (int i = 0; i < ma->nqargs; i++)
		av[n++] = ma->qargs[i];
	av[n] = NULL;
	fflush(stdout);
	return mailq_main(n, av);
}

static int main_printopts(struct main_args *ma)
{
	(void)ma;
	options_print_names();
	return 0;
}

static int main_frozen(struct main_args *ma)
{
	(void)ma;
	printf("Frozen configurations unsupported\n");
	return EX_USAGE;
}

/* -bh / hoststat and -bH / purgestat: the host status directory. */
static int main_hoststat(struct main_args *ma)
{
	err_set_output(stdout, 1);
	return hoststat_main(main_readcf(ma), ma->mode == 'H');
}

/* -bm, the default: submission from stdin; with -q a queue run, with
 * -Q (un)quarantining of the selected jobs. */
static int main_submit(struct main_args *ma)
{
	err_set_output(stdout, 1);
	if (ma->fromerr)
		return EX_USAGE;
	struct config *cf = main_readcf(ma);
	if (ma->queuerun || ma->quarantine != NULL)
		return qrun_main(cf, ma);
	return submit_main(cf, ma);
}

static int main_notyet(struct main_args *ma)
{
	fprintf(stderr, "%s: mode -b%c not yet implemented\n", ma->argv0, ma->mode);
	return EX_UNAVAILABLE;
}

/* -bd / -bD (in the foreground): no SMTP listener yet; with -q<time> the
 * daemon's queue runs. */
static int main_daemon(struct main_args *ma)
{
	if (!ma->queuerun)
		return main_notyet(ma);
	return main_submit(ma);
}

/* The operation modes (-b letters), one small handler each. */
static const struct {
	int mode;
	int (*run)(struct main_args *ma);
} main_modes[] = {
	{ 't', main_testmode }, { 'i', main_newaliases }, { 'v', main_verify },
	{ 'O', main_printopts }, { 'z', main_frozen },
	{ 'm', main_submit }, { 's', main_notyet }, { 'a', main_notyet },
	{ 'C', main_notyet }, { 'd', main_daemon }, { 'D', main_daemon },
	{ 'p', main_printqueue }, { 'P', main_notyet }, { 'h', main_hoststat },
	{ 'H', main_hoststat },
};

int main(int argc, char **argv)
{
	struct main_args ma;
	memset(&ma, 0, sizeof ma);
	ma.argv0 = argv[0] ? argv[0] : "sendmail";
	ma.mode = main_personality(ma.argv0);
	ma.cffile = "/etc/mail/sendmail.cf";
	int first = main_parse(&ma, argc, argv);
	ma.rest = argv + (first < argc ? first : argc);
	ma.nrest = argc - (first < argc ? first : argc);
	alias_init();
	if (ma.xlog != NULL && xlog_open(ma.xlog) < 0) {
		printf("cannot open %s: %s\n", ma.xlog, strerror(errno));
		return 73;    /* EX_CANTCREAT */
	}
	for (size_t i = 0; i < sizeof main_modes / sizeof main_modes[0]; i++)
		if (main_modes[i].mode == ma.mode)
			return main_modes[i].run(&ma);
	printf("Invalid operation mode %c\n", ma.mode);
	return EX_USAGE;
}
