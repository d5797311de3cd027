/* mailq_print.c - print one queue entry in sendmail's -bp layout from its
 * qf lines: "%13s" ID + status char, size/time/sender at the S line,
 * quarantine reason, body type + status message, controlling users (-v),
 * recipients (and their messages with -v). Reads the df's size only. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "mailq.h"
#include "libsmutil/poison.h"

/* Print at most ml columns of s: backslash doubled, non-printables \ooo. */
static void mq_prtstr(FILE *out, const char *s, size_t len, int ml)
{
	for (size_t i = 0; i < len && ml-- > 0; i++) {
		int c = (unsigned char)s[i];
		if (c == '\\') {
			if (ml-- > 0) {
				putc(c, out);
				putc(c, out);
			}
		} else if (isascii(c) && isprint(c)) {
			putc(c, out);
		} else if ((ml -= 3) > 0) {
			fprintf(out, "\\%03o", c);
		}
	}
}

struct mq_state {
	char statmsg[1024], quarmsg[1024], bodytype[64];
	long ctime, pri;
	int warned, sawT;
};

static void mq_copy(char *dst, size_t size, const char *v, size_t l)
{
	if (l >= size)
		l = size - 1;
	memcpy(dst, v, l);
	dst[l] = '\0';
}

/* The S line: size, time, sender, then quarantine and status. */
static void mq_sender(const struct mq_opts *o, struct mq_state *st, long dfsize,
		      const char *v, size_t l, FILE *out)
{
	time_t t = (time_t)st->ctime;
	char tbuf[64];
	const char *ct = ctime_r(&t, tbuf);
	if (ct == NULL)
		ct = "";
	if (o->verbose) {
		fprintf(out, "%8ld %10ld%c%.12s ", dfsize, st->pri, st->warned ? '+' : ' ',
			strlen(ct) > 4 ? ct + 4 : "");
		mq_prtstr(out, v, l, 78);
	} else {
		fprintf(out, "%8ld %.16s ", dfsize, ct);
		mq_prtstr(out, v, l, 39);
	}
	if (st->quarmsg[0] != '\0') {
		fprintf(out, "\n     QUARANTINE: %.*s", o->verbose ? 100 : 60, st->quarmsg);
		st->quarmsg[0] = '\0';
	}
	if (st->statmsg[0] != '\0' || st->bodytype[0] != '\0') {
		fprintf(out, "\n    %10.10s", st->bodytype);
		if (st->statmsg[0] != '\0')
			fprintf(out, "   (%.*s)", o->verbose ? 100 : 60, st->statmsg);
		st->statmsg[0] = '\0';
	}
}

/* One qf line (code + value of length l). */
static void mq_line(const struct mq_opts *o, struct mq_state *st, long dfsize,
		    char c, const char *v, size_t l, FILE *out)
{
	const char *colon;
	switch (c) {
	case 'T': st->ctime = strtol(v, NULL, 10); st->sawT = 1; break;
	case 'P': st->pri = strtol(v, NULL, 10); break;
	case 'F': st->warned = memchr(v, 'w', l) != NULL; break;
	case 'M': mq_copy(st->statmsg, sizeof(st->statmsg), v, l); break;
	case 'q': mq_copy(st->quarmsg, sizeof(st->quarmsg), v, l); break;
	case 'B': mq_copy(st->bodytype, sizeof(st->bodytype), v, l); break;
	case 'S': mq_sender(o, st, dfsize, v, l, out); break;
	case 'C':
		if (o->verbose)
			fprintf(out, "\n\t\t\t\t\t\t(---%.*s---)", (int)(l > 64 ? 64 : l), v);
		break;
	case 'R':
		colon = memchr(v, ':', l);
		if (colon != NULL) {
			l -= (size_t)(colon + 1 - v);
			v = colon + 1;
		}
		if (o->verbose) {
			fputs("\n\t\t\t\t\t\t", out);
			mq_prtstr(out, v, l, 71);
			if (st->statmsg[0] != '\0') {
				fprintf(out, "\n\t\t (%.100s)", st->statmsg);
				st->statmsg[0] = '\0';
			}
		} else {
			fputs("\n\t\t\t\t\t ", out);
			mq_prtstr(out, v, l, 38);
		}
		break;
	}
}

void mailq_print_job(const struct mq_opts *o, int dfdir, const char *dfshow,
		     const struct mq_job *j, FILE *out)
{
	struct mq_state st;
	struct stat sb;
	long dfsize = -1;
	const char *p, *end;
	fprintf(out, "%13s", j->name + 2);
	if (j->data == NULL) {
		if (j->err == ENOENT)
			fputs(" (job completed)\n", out);
		else if (j->err == EPERM || j->err == EACCES)
			fputs(" (permission denied)\n", out);
		else
			fprintf(out, " (%s)\n", strerror(j->err));
		return;
	}
	if (j->len == 0) {      /* a job being created: no df check */
		fprintf(out, "%c (no control file)\n", j->lock ? '*' : ' ');
		return;
	}
	char dfname[300];
	snprintf(dfname, sizeof(dfname), "df%s", j->name + 2);
	if (j->dfdone) {
		dfsize = j->dfsize;
		errno = j->dferr;
	} else if (fstatat(dfdir, dfname, &sb, 0) == 0)
		dfsize = (long)sb.st_size;
	if (dfsize < 0)
		fprintf(out, "readqf: cannot open %s%s: %s\n", dfshow, dfname, strerror(errno));
	putc(j->lock ? '*' : o->lost ? '?' : ' ', out);
	memset(&st, 0, sizeof(st));
	for (p = j->data, end = j->data + j->len; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (l > 0 && *p != ' ' && *p != '\t')
			mq_line(o, &st, dfsize, *p, p + 1, l - 1, out);
		if (l > 0 && *p == '.')
			break;
		p += l + 1;
	}
	if (!st.sawT)
		fputs(" (no control file)", out);
	putc('\n', out);
}
