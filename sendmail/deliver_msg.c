/* deliver_msg.c - the message as one mailer sees it (sendmail's
 * putfromline/putheader/putbody): the From_ line unless F=n, the qf
 * headers with ?flags? / ?$x? conditions evaluated for the mailer, late
 * macros (Return-Path's $g) expanded now, Bcc dropped, a blank line, the
 * body from the df with F=E From-escaping, F=7 and E= line ends; *file*
 * gets a trailing blank line. The body goes through deliver_mime78.c
 * (7->8 for F=9) or deliver_mime.c (the MIME structure, 8->7 for F=7;
 * unless MaxMimeHeaderLength is 0/0); they write with deliver_msg_*.
 * Touches the df (read) and the given fd. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "deliver.h"
#include "xlog.h"
#include "header.h"
#include "meta.h"
#include "options.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

struct deliver_out {
	int fd;
	const char *eol;
	int strip8;
	int limit;              /* L= (0: none) */
	struct str buf;
	int err;
	int xlog;               /* -X: each line as sent into the traffic log */
	int escape;             /* F=E: ">From " */
	int lastblank;          /* the last line written was empty */
	struct str pend;        /* a line without its end, continued by the
	                         * next line written */
};

static void out_flush(struct deliver_out *o)
{
	size_t off = 0;
	while (off < o->buf.len && o->err == 0) {
		ssize_t w = write(o->fd, o->buf.s + off, o->buf.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			o->err = errno ? errno : EIO;
		else
			off += (size_t)w;
	}
	str_clear(&o->buf);
}

static void out_piece(struct deliver_out *o, const char *p, size_t n)
{
	if (o->strip8) {
		for (size_t i = 0; i < n; i++)
			str_addc(&o->buf, p[i] & 0x7f);
	} else
		str_addn(&o->buf, p, n);
}

/* The line(s) added to the buffer since start, each without its line
 * end, into the -X log (">>> line"). */
static void out_xlog(struct deliver_out *o, size_t start)
{
	size_t el = strlen(o->eol), i = start;
	for (size_t k = start; k + el <= o->buf.len; k++)
		if (memcmp(o->buf.s + k, o->eol, el) == 0) {
			xlog_out(o->buf.s + i, k - i);
			k += el - 1;
			i = k + 1;
		}
	xlog_out(o->buf.s + i, o->buf.len - i);
}

/* One line (no '\n') plus the mailer's line end; over L= it is cut
 * into pieces ending in '!', the later ones starting with a blank. */
static void out_line(struct deliver_out *o, const char *p, size_t n)
{
	if (o->pend.len > 0) {
		struct str t;
		str_init(&t, 0);
		str_addn(&t, o->pend.s, o->pend.len);
		str_addn(&t, p, n);
		str_clear(&o->pend);
		out_line(o, t.s, t.len);
		str_free(&t);
		return;
	}
	size_t slop = 0, start = o->buf.len;
	while (o->limit > 1 && n + slop > (size_t)o->limit) {
		size_t k = (size_t)o->limit - slop - 1;
		out_piece(o, p, k);
		str_addc(&o->buf, '!');
		str_add(&o->buf, o->eol);
		str_addc(&o->buf, ' ');
		p += k;
		n -= k;
		slop = 1;
	}
	out_piece(o, p, n);
	if (o->xlog)
		out_xlog(o, start);
	str_add(&o->buf, o->eol);
	o->lastblank = n == 0;
	if (o->buf.len > 65536)
		out_flush(o);
}

void deliver_msg_line(struct deliver_out *o, const char *p, size_t n)
{
	out_line(o, p, n);
}

void deliver_msg_partial(struct deliver_out *o, const char *p, size_t n)
{
	if (o->escape && o->pend.len == 0 && n >= 5 && strncmp(p, "From ", 5) == 0)
		str_addc(&o->pend, '>');
	str_addn(&o->pend, p, n);
}

void deliver_msg_bodyline(struct deliver_out *o, const char *p, size_t n)
{
	if (o->escape && o->pend.len == 0 && n >= 5 && strncmp(p, "From ", 5) == 0) {
		struct str esc;
		str_init(&esc, 0);
		str_addc(&esc, '>');
		str_addn(&esc, p, n);
		out_line(o, esc.s, esc.len);
		str_free(&esc);
	} else
		out_line(o, p, n);
}

/* Text that may hold '\n' (folded header): each piece as a line. */
static void out_text(struct deliver_out *o, const char *s)
{
	const char *nl;
	while ((nl = strchr(s, '\n')) != NULL) {
		out_line(o, s, (size_t)(nl - s));
		s = nl + 1;
	}
	out_line(o, s, strlen(s));
}

/* Does the ?cond? of h allow it for mailer m? */
static int hdr_wanted(struct deliver_ctx *dc, const struct mailer *m,
		      const struct qf_hdr *h)
{
	if (h->cond == NULL || h->condlen == 0)
		return 1;
	if ((unsigned char)h->cond[0] == META_MACROEXPAND && h->condlen >= 2) {
		int id = (unsigned char)h->cond[1];
		return macro_get(dc->rc->mac, id) != NULL;
	}
	for (size_t i = 0; i < h->condlen; i++)
		if (mailer_flag(m, (unsigned char)h->cond[i]))
			return 1;
	return 0;
}

/* The qf headers for mailer m (nocte: without Content-Transfer-Encoding,
 * which the MIME conversion writes itself). */
static void put_headers(struct deliver_ctx *dc, const struct mailer *m, struct deliver_out *o,
			int nocte)
{
	const struct qf_env *e = &dc->j->env;
	struct str line, exp;
	str_init(&line, 0);
	str_init(&exp, 0);
	for (size_t i = 0; i < e->nhdrs; i++) {
		const struct qf_hdr *h = &e->hdrs[i];
		if (!hdr_wanted(dc, m, h))
			continue;
		if (h->namelen == 3 && strncasecmp(h->name, "Bcc", 3) == 0)
			continue;
		if (nocte && h->namelen == 25 &&
		    strncasecmp(h->name, "Content-Transfer-Encoding", 25) == 0)
			continue;
		str_clear(&line);
		str_addn(&line, h->name, h->namelen);
		unsigned info = header_info(line.s);
		if ((info & (HDR_FROM | HDR_RCPT)) && strchr(h->value, META_MACROEXPAND) == NULL) {
			str_clear(&exp);
			deliver_commaize(dc, m, line.s, h->value, (info & HDR_FROM) != 0, 0, &exp);
			out_text(o, exp.s);
			continue;
		}
		str_addc(&line, ':');
		str_add(&line, h->value);
		if (strchr(line.s, META_MACROEXPAND) != NULL) {
			str_clear(&exp);
			macro_expand(&exp, line.s, dc->rc->mac);
			out_text(o, exp.s);
		} else
			out_text(o, line.s);
	}
	str_free(&line);
	str_free(&exp);
}

static void put_fromline(struct deliver_ctx *dc, struct deliver_out *o)
{
	struct str t, x;
	str_init(&t, 0);
	str_init(&x, 0);
	str_add(&t, option_str(dc->j->cf, "UnixFromLine", "From $g  $d"));
	if (strchr(t.s, META_MACROEXPAND) == NULL && strchr(t.s, '$') != NULL) {
		struct str tr;
		str_init(&tr, 0);
		macro_translate(&tr, t.s, 0);
		str_clear(&t);
		str_add(&t, tr.s);
		str_free(&tr);
	}
	macro_expand(&x, t.s, dc->rc->mac);
	out_line(o, x.s, x.len);
	str_free(&t);
	str_free(&x);
}

/* The df as a stream from its start (NULL, errno set, if unreadable). */
static FILE *open_df(struct deliver_ctx *dc)
{
	int fd = dc->dffd >= 0 ? dup(dc->dffd) : -1;
	FILE *fp = fd >= 0 && lseek(fd, 0, SEEK_SET) == 0 ? fdopen(fd, "r") : NULL;
	if (fp == NULL && fd >= 0) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return fp;
}

/* The body: line by line from the df. */
static void put_body(FILE *fp, struct deliver_out *o)
{
	struct str l;
	str_init(&l, 0);
	while (str_getline(&l, fp) >= 0) {
		size_t n = l.len;
		if (n > 0 && l.s[n - 1] == '\n')
			n--;
		deliver_msg_bodyline(o, l.s, n);
	}
	str_free(&l);
}

int deliver_msg_write(struct deliver_ctx *dc, const struct mailer *m, int fd, int isfile)
{
	struct deliver_out o;
	memset(&o, 0, sizeof o);
	o.fd = fd;
	o.eol = m->eol != NULL ? m->eol : "\n";
	o.strip8 = mailer_flag(m, '7');
	o.escape = mailer_flag(m, 'E');
	o.limit = m->linelimit;
	o.xlog = xlog_active();      /* *file*: from its child, line-buffered */
	str_init(&o.buf, 0);
	str_init(&o.pend, 0);
	int mime = deliver_mime_wanted(dc, m);
	int to8 = !mime && deliver_mime78_wanted(dc, m);
	if (!mailer_flag(m, 'n'))
		put_fromline(dc, &o);
	put_headers(dc, m, &o, mime || to8);
	FILE *fp = open_df(dc);
	if (fp == NULL) {
		out_line(&o, "", 0);
		o.err = errno ? errno : EIO;
	} else {
		if (to8)
			deliver_mime78_body(dc, &o, fp);
		else if (mime || deliver_mime_walk(dc))
			deliver_mime_body(dc, m, &o, fp, mime);
		else {
			out_line(&o, "", 0);
			put_body(fp, &o);
		}
		fclose(fp);
	}
	if (o.pend.len > 0)
		out_line(&o, "", 0);
	if (isfile || (mailer_flag(m, 'b') && !o.lastblank))
		out_line(&o, "", 0);
	out_flush(&o);
	str_free(&o.buf);
	str_free(&o.pend);
	if (o.err != 0) {
		errno = o.err;
		return -1;
	}
	return 0;
}
