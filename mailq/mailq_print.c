/* mailq_print.c - format one queue entry in sendmail's -bp layout from its
 * qf lines: "%13s" ID + status char, size/time/sender at the S line,
 * quarantine reason, body type + status message, controlling users (-v),
 * recipients (and their messages with -v). Runs in the listing's worker
 * threads: memory only (the caller read the qf and stat'ed the df);
 * hand-rolled formatting instead of printf (hot path). Entries are made
 * packed - runs of blanks and the recipient line prefix as NUL + a code
 * byte - and unpacked into the output block when written. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include "mailq.h"
#include "libsmutil/str.h"
#include "libsmutil/poison.h"

/* Printable in the C locale (isascii && isprint): copied as is. */
#define MQ_PLAIN(c) ((c) >= 0x20 && (c) < 0x7f && (c) != '\\')
/* Append a string literal. */
#define MQ_LIT(out, lit) str_addn((out), (lit), sizeof(lit) - 1)

/* Packing: an entry never holds a NUL (names have none, texts are cut at
 * one or shown as \000), so NUL + code stands for: 1..63 that many
 * spaces, 65..127 (code - 64) tabs, 128 the recipient prefix. */
#define MQ_RCPT "\n\t\t\t\t\t "
#define MQ_RCPTLEN (sizeof(MQ_RCPT) - 1)
#define MQ_XMAX 63         /* the longest run one code stands for */

/* n blanks (' ' or '\t'), packed. */
static void mq_blanks(struct str *out, int c, size_t n)
{
	while (n >= 3) {
		size_t k = n < MQ_XMAX ? n : MQ_XMAX;
		char x[2] = { '\0', (char)(c == ' ' ? k : 64 + k) };
		str_addn(out, x, 2);
		n -= k;
	}
	while (n-- > 0)
		str_addc(out, c);
}

static void mq_spaces(struct str *out, size_t n)
{
	mq_blanks(out, ' ', n);
}

long mailq_atol(const char *p)
{
	unsigned long v = 0, lim;
	int neg = 0, over = 0;
	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	lim = neg ? (unsigned long)LONG_MAX + 1 : (unsigned long)LONG_MAX;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (over || v > (lim - d) / 10)
			over = 1;
		else
			v = v * 10 + d;
	}
	if (over)
		return neg ? LONG_MIN : LONG_MAX;
	return neg ? (long)(0UL - v) : (long)v;
}

/* printf("%*ld", width, v). */
static void mq_num(struct str *out, long v, size_t width)
{
	char b[24];
	size_t i = sizeof(b);
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do
		b[--i] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		b[--i] = '-';
	if (sizeof(b) - i < width)
		mq_spaces(out, width - (sizeof(b) - i));
	str_addn(out, b + i, sizeof(b) - i);
}

/* printf("%.*s", max, s) of a value of length len (stops at a NUL). */
static void mq_cut(struct str *out, const char *s, size_t len, size_t max)
{
	str_addn(out, s, strnlen(s, len < max ? len : max));
}

/* At most ml columns of s: backslash doubled, non-printables \ooo (a
 * character that does not fit entirely is dropped and ends the text). */
static void mq_prtstr(struct str *out, const char *s, size_t len, int ml)
{
	size_t i = 0;
	while (i < len && ml > 0) {
		size_t r = i;
		while (r < len && r - i < (size_t)ml && MQ_PLAIN((unsigned char)s[r]))
			r++;
		if (r > i) {
			str_addn(out, s + i, r - i);
			ml -= (int)(r - i);
			i = r;
			continue;
		}
		int c = (unsigned char)s[i++];
		ml--;
		if (c == '\\') {
			if (ml-- > 0)
				MQ_LIT(out, "\\\\");
		} else if ((ml -= 3) > 0) {
			char o[4] = { '\\', (char)('0' + (c >> 6)), (char)('0' + ((c >> 3) & 7)),
				      (char)('0' + (c & 7)) };
			str_addn(out, o, 4);
		}
	}
}

/* The first 16 bytes of ctime(t) ("Www Mmm dd hh:mm"), into b; returns
 * their length (0 when ctime fails). Cached per local hour: within
 * [lo, hi) the UTC offset was checked constant, so only minutes vary. */
static size_t mq_ctime16(struct mq_tcache *tc, time_t t, char b[16])
{
	struct tm tm, t0, t1;
	char full[64];
	if (tc->hi > tc->lo && t >= tc->lo && t < tc->hi) {
		long m = (long)(t - tc->lo) / 60;
		memcpy(b, tc->pfx, 14);
		b[14] = (char)('0' + m / 10);
		b[15] = (char)('0' + m % 10);
		return 16;
	}
	if (ctime_r(&t, full) == NULL || strlen(full) < 16)
		return 0;
	memcpy(b, full, 16);
	if (t < 0 || t > LONG_MAX / 2 || localtime_r(&t, &tm) == NULL)
		return 16;
	time_t lo = t - tm.tm_min * 60 - tm.tm_sec, last = lo + 3599;
	if (localtime_r(&lo, &t0) != NULL && localtime_r(&last, &t1) != NULL &&
	    t0.tm_min == 0 && t0.tm_sec == 0 && t1.tm_min == 59 && t1.tm_sec == 59 &&
	    t0.tm_hour == tm.tm_hour && t1.tm_hour == tm.tm_hour &&
	    t0.tm_gmtoff == tm.tm_gmtoff && t1.tm_gmtoff == tm.tm_gmtoff) {
		tc->lo = lo;
		tc->hi = lo + 3600;
		memcpy(tc->pfx, full, 14);
	}
	return 16;
}

/* Message values as the reference keeps them: a bounded copy, which a
 * NUL inside ends. */
struct mq_val {
	const char *s;
	size_t len;
};

struct mq_state {
	struct mq_val statmsg, quarmsg, bodytype;
	long ctime, pri;
	int warned, sawT;
	struct mq_tcache *tc;
};

static void mq_set(struct mq_val *v, const char *s, size_t l, size_t size)
{
	v->s = s;
	v->len = strnlen(s, l < size - 1 ? l : size - 1);
}

/* The S line: size, time, sender, then quarantine and status. */
static void mq_sender(const struct mq_opts *o, struct mq_state *st, long dfsize,
		      const char *v, size_t l, struct str *out)
{
	char ct[16];
	size_t ctl = mq_ctime16(st->tc, (time_t)st->ctime, ct);
	mq_num(out, dfsize, 8);
	str_addc(out, ' ');
	if (o->verbose) {
		mq_num(out, st->pri, 10);
		str_addc(out, st->warned ? '+' : ' ');
		if (ctl > 4)
			str_addn(out, ct + 4, ctl - 4 < 12 ? ctl - 4 : 12);
		str_addc(out, ' ');
		mq_prtstr(out, v, l, 78);
	} else {
		str_addn(out, ct, ctl);
		str_addc(out, ' ');
		mq_prtstr(out, v, l, 39);
	}
	if (st->quarmsg.len > 0) {
		str_addc(out, '\n');
		mq_spaces(out, 5);
		MQ_LIT(out, "QUARANTINE: ");
		mq_cut(out, st->quarmsg.s, st->quarmsg.len, o->verbose ? 100 : 60);
		st->quarmsg.len = 0;
	}
	if (st->statmsg.len > 0 || st->bodytype.len > 0) {
		size_t bl = st->bodytype.len < 10 ? st->bodytype.len : 10;
		/* "\n    %10.10s   (": the blanks packed as one run when they meet */
		str_addc(out, '\n');
		mq_spaces(out, 14 - bl + (bl == 0 && st->statmsg.len > 0 ? 3 : 0));
		if (bl > 0)
			str_addn(out, st->bodytype.s, bl);
		if (st->statmsg.len > 0) {
			if (bl > 0)
				mq_spaces(out, 3);
			str_addc(out, '(');
			mq_cut(out, st->statmsg.s, st->statmsg.len, o->verbose ? 100 : 60);
			str_addc(out, ')');
		}
		st->statmsg.len = 0;
	}
}

/* An R line (after the flags' ':'). */
static void mq_rcpt(const struct mq_opts *o, struct mq_state *st, const char *v, size_t l,
		    struct str *out)
{
	const char *colon = memchr(v, ':', l);
	if (colon != NULL) {
		l -= (size_t)(colon + 1 - v);
		v = colon + 1;
	}
	if (o->verbose) {
		str_addc(out, '\n');
		mq_blanks(out, '\t', 6);
		mq_prtstr(out, v, l, 71);
		if (st->statmsg.len > 0) {
			MQ_LIT(out, "\n\t\t (");
			mq_cut(out, st->statmsg.s, st->statmsg.len, 100);
			str_addc(out, ')');
			st->statmsg.len = 0;
		}
	} else {
		str_addn(out, "\0\200", 2);      /* MQ_RCPT */
		mq_prtstr(out, v, l, 38);
	}
}

/* One qf line (code + value of length l). */
static void mq_line(const struct mq_opts *o, struct mq_state *st, long dfsize,
		    char c, const char *v, size_t l, struct str *out)
{
	switch (c) {
	case 'T': st->ctime = mailq_atol(v); st->sawT = 1; break;
	case 'P': st->pri = mailq_atol(v); break;
	case 'F': st->warned = memchr(v, 'w', l) != NULL; break;
	case 'M': mq_set(&st->statmsg, v, l, 1024); break;
	case 'q': mq_set(&st->quarmsg, v, l, 1024); break;
	case 'B': mq_set(&st->bodytype, v, l, 64); break;
	case 'S': mq_sender(o, st, dfsize, v, l, out); break;
	case 'C':
		if (o->verbose) {
			str_addc(out, '\n');
			mq_blanks(out, '\t', 6);
			MQ_LIT(out, "(---");
			mq_cut(out, v, l, 64);
			MQ_LIT(out, "---)");
		}
		break;
	case 'R': mq_rcpt(o, st, v, l, out); break;
	}
}

/* The entry of a job whose qf could not be opened or is empty. */
static void mq_short(const struct mq_src *s, struct str *out)
{
	if (s->data == NULL) {
		if (s->err == ENOENT)
			MQ_LIT(out, " (job completed)\n");
		else if (s->err == EPERM || s->err == EACCES)
			MQ_LIT(out, " (permission denied)\n");
		else {
			MQ_LIT(out, " (");
			str_add(out, strerror(s->err));
			MQ_LIT(out, ")\n");
		}
	} else {         /* a job being created: no df check */
		str_addc(out, s->lock ? '*' : ' ');
		MQ_LIT(out, " (no control file)\n");
	}
}

void mailq_format_job(const struct mq_opts *o, const char *dfshow,
		      const struct mq_src *s, struct mq_tcache *tc, struct str *out)
{
	struct mq_state st;
	const char *p, *end, *id = s->name + 2;
	size_t idl = strlen(id);
	if (idl < 13)
		mq_spaces(out, 13 - idl);
	str_addn(out, id, idl);
	if (s->data == NULL || s->len == 0) {
		mq_short(s, out);
		return;
	}
	if (s->dfsize < 0) {
		MQ_LIT(out, "readqf: cannot open ");
		str_add(out, dfshow);
		MQ_LIT(out, "df");
		str_addn(out, id, idl);
		MQ_LIT(out, ": ");
		str_add(out, strerror(s->dferr));
		str_addc(out, '\n');
	}
	str_addc(out, s->lock ? '*' : o->lost ? '?' : ' ');
	memset(&st, 0, sizeof(st));
	st.tc = tc;
	for (p = s->data, end = s->data + s->len; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (l > 0 && *p != ' ' && *p != '\t')
			mq_line(o, &st, s->dfsize, *p, p + 1, l - 1, out);
		if (l > 0 && *p == '.')
			break;
		p += l + 1;
	}
	if (!st.sawT)
		MQ_LIT(out, " (no control file)");
	str_addc(out, '\n');
}

void mailq_oflush(struct mq_obuf *o)
{
	if (o->len > 0)
		fwrite(o->b, 1, o->len, o->fp);
	o->len = 0;
}

/* Append n bytes to the output block, writing it out when full. */
static void mq_oput(struct mq_obuf *o, const char *s, size_t n)
{
	if (o->len + n > o->cap) {
		mailq_oflush(o);
		if (n > o->cap) {
			fwrite(s, 1, n, o->fp);
			return;
		}
	}
	memcpy(o->b + o->len, s, n);
	o->len += n;
}

/* What NUL + code stands for (code not 0). */
static const char *mq_code(unsigned c, size_t *len)
{
	static const char sp[] = "                                                               ";
	static const char tb[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t"
				 "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
	_Static_assert(sizeof(sp) - 1 >= MQ_XMAX && sizeof(tb) - 1 >= MQ_XMAX, "runs");
	if (c == 128) {
		*len = MQ_RCPTLEN;
		return MQ_RCPT;
	}
	*len = c > 64 ? (c - 64) & 63 : c & 63;
	return c > 64 ? tb : sp;
}

void mailq_unpack(const char *s, size_t n, struct mq_obuf *o)
{
	const char *end = s + n;
	size_t k;
	/* a code stands for at most MQ_XMAX bytes: when the whole entry
	 * surely fits, copy without checks */
	if (n <= (o->cap - o->len) / (MQ_XMAX / 2 + 1)) {
		char *d = o->b + o->len;
		while (s < end) {
			const char *z = memchr(s, '\0', (size_t)(end - s));
			size_t l = z != NULL ? (size_t)(z - s) : (size_t)(end - s);
			memcpy(d, s, l);
			d += l;
			if (z == NULL || z + 1 >= end)
				break;
			const char *x = mq_code((unsigned char)z[1], &k);
			memcpy(d, x, k);
			d += k;
			s = z + 2;
		}
		o->len = (size_t)(d - o->b);
		return;
	}
	while (s < end) {
		const char *z = memchr(s, '\0', (size_t)(end - s));
		mq_oput(o, s, z != NULL ? (size_t)(z - s) : (size_t)(end - s));
		if (z == NULL || z + 1 >= end)
			return;
		const char *x = mq_code((unsigned char)z[1], &k);
		mq_oput(o, x, k);
		s = z + 2;
	}
}
