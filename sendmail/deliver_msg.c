/* deliver_msg.c - the message as one mailer sees it (sendmail's
 * putfromline/putheader/putbody): the From_ line unless F=n, the qf
 * headers with ?flags? / ?$x? conditions evaluated for the mailer, late
 * macros (Return-Path's $g) expanded now, Bcc dropped, a blank line, the
 * body from the df with F=E From-escaping, F=7 and E= line ends; *file*
 * gets a trailing blank line. Touches the df (read) and the given fd. */
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

struct msg_out {
	int fd;
	const char *eol;
	int strip8;
	int limit;              /* L= (0: none) */
	struct str buf;
	int err;
	int xlog;               /* -X: each line as sent into the traffic log */
};

static void out_flush(struct msg_out *o)
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

static void out_piece(struct msg_out *o, const char *p, size_t n)
{
	if (o->strip8) {
		for (size_t i = 0; i < n; i++)
			str_addc(&o->buf, p[i] & 0x7f);
	} else
		str_addn(&o->buf, p, n);
}

/* The line(s) added to the buffer since start, each without its line
 * end, into the -X log (">>> line"). */
static void out_xlog(struct msg_out *o, size_t start)
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
static void out_line(struct msg_out *o, const char *p, size_t n)
{
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
	if (o->buf.len > 65536)
		out_flush(o);
}

/* Text that may hold '\n' (folded header): each piece as a line. */
static void out_text(struct msg_out *o, const char *s)
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

static void put_headers(struct deliver_ctx *dc, const struct mailer *m, struct msg_out *o)
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

static void put_fromline(struct deliver_ctx *dc, struct msg_out *o)
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

/* The body: line by line from the df. Returns 1 if it ended blank. */
static int put_body(struct deliver_ctx *dc, const struct mailer *m, struct msg_out *o)
{
	int fd = dc->dffd >= 0 ? dup(dc->dffd) : -1;
	FILE *fp = fd >= 0 && lseek(fd, 0, SEEK_SET) == 0 ? fdopen(fd, "r") : NULL;
	struct str l, esc;
	int blank = 1, escape = mailer_flag(m, 'E');
	if (fp == NULL) {
		o->err = errno ? errno : EIO;
		if (fd >= 0)
			close(fd);
		return 1;
	}
	str_init(&l, 0);
	str_init(&esc, 0);
	while (str_getline(&l, fp) >= 0) {
		size_t n = l.len;
		if (n > 0 && l.s[n - 1] == '\n')
			n--;
		if (escape && n >= 5 && strncmp(l.s, "From ", 5) == 0) {
			str_clear(&esc);
			str_addc(&esc, '>');
			str_addn(&esc, l.s, n);
			out_line(o, esc.s, esc.len);
		} else
			out_line(o, l.s, n);
		blank = n == 0;
		str_clear(&l);
	}
	str_free(&l);
	str_free(&esc);
	fclose(fp);
	return blank;
}

int deliver_msg_write(struct deliver_ctx *dc, const struct mailer *m, int fd, int isfile)
{
	struct msg_out o;
	memset(&o, 0, sizeof o);
	o.fd = fd;
	o.eol = m->eol != NULL ? m->eol : "\n";
	o.strip8 = mailer_flag(m, '7');
	o.limit = m->linelimit;
	o.xlog = !isfile && xlog_active();   /* *file* writes in a child */
	str_init(&o.buf, 0);
	if (!mailer_flag(m, 'n'))
		put_fromline(dc, &o);
	put_headers(dc, m, &o);
	out_line(&o, "", 0);
	int blank = put_body(dc, m, &o);
	if (isfile || (mailer_flag(m, 'b') && !blank))
		out_line(&o, "", 0);
	out_flush(&o);
	str_free(&o.buf);
	if (o.err != 0) {
		errno = o.err;
		return -1;
	}
	return 0;
}
