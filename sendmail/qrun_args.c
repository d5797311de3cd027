/* qrun_args.c - the -q flags of the command line as the reference reads
 * them: -q<time>, -qp[<time>], -qf, -qG<group>, -q[!]I/R/S<text>,
 * -qQ[<text>], -qL, '!' negation. Touches nothing but the options struct
 * and the error output. */
#include <sysexits.h>
#include "qrun.h"
#include "err.h"
#include "../libsmutil/interval.h"
#include "../libsmutil/poison.h"

static void qrun_badunit(int c, void *ctx)
{
	(void)ctx;
	err_usrerr("Invalid time unit `%c'", c & 0177);
}

static int qrun_args_time(struct qrun_opts *o, const char *t)
{
	long secs = 0;
	if (interval_parse_cb(t, 'm', &secs, qrun_badunit, NULL) > 0)
		return EX_USAGE;
	if (secs < 0) {
		err_usrerr("Invalid -q value");
		return EX_USAGE;
	}
	o->interval = secs;
	return 0;
}

static int qrun_args_sel(struct qrun_opts *o, char letter, int neg, const char *t)
{
	if (o->nsel < QRUN_MAXSEL) {
		o->sel[o->nsel].letter = letter;
		o->sel[o->nsel].negate = neg;
		o->sel[o->nsel].text = t;
		o->nsel++;
	}
	return 0;
}

/* One "-q..." argument (a = text after "-q"). */
static int qrun_args_one(struct qrun_opts *o, const char *a)
{
	int neg = *a == '!';
	if (neg)
		a++;
	switch (*a) {
	case 'G':
		if (neg) {
			err_usrerr("Can not use -q!G");
			return EX_USAGE;
		}
		if (o->group != NULL) {
			err_usrerr("Can not use multiple -qG options");
			return EX_USAGE;
		}
		o->group = a + 1;
		return 0;
	case 'I': case 'R': case 'S':
		return qrun_args_sel(o, *a, neg, a + 1);
	case 'f':
		o->foreground = 1;
		return 0;
	case 'Q':
		if (a[1] != '\0')
			qrun_args_sel(o, 'Q', neg, a + 1);
		o->quarantined = 1;
		o->lost = 0;
		return 0;
	case 'L':
		o->lost = 1;
		o->quarantined = 0;
		return 0;
	case 'p':
		o->persistent = 1;
		if (o->interval == 0)
			o->interval = 1;
		if (a[1] == '\0')
			return 0;
		return qrun_args_time(o, a + 1);
	default:
		return qrun_args_time(o, a);
	}
}

int qrun_args_parse(struct qrun_opts *o, char *const *args, int nargs)
{
	int rc = 0;
	for (int i = 0; i < nargs; i++) {
		const char *a = args[i];
		if (a[0] != '-' || a[1] != 'q')
			continue;      /* -A... */
		int r = qrun_args_one(o, a + 2);
		if (r != 0 && rc == 0)
			rc = r;
	}
	if (o->interval == 0)
		o->once = 1;
	return rc;
}
