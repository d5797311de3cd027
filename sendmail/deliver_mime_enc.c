/* deliver_mime_enc.c - the two encoders of the 8->7 conversion (the
 * behaviour of sendmail's mime8to7, found by running the reference):
 * quoted-printable line by line (=XX for controls but tab, '=' and bytes
 * >= 0177; a blank before a line end as =20/=09; soft breaks once 73
 * columns are used, never just before a '.' unless the line is already
 * too long; a lone "." as =2E; under F=E the blank of a leading "From "
 * as =20) and base64 in lines of 72 with every '\n' sent as CRLF. For
 * both the '\n' before a boundary is not part of the data. Reads the
 * df through mx, writes through deliver_msg_*. */
#include <string.h>
#include "deliver_mime_int.h"
#include "../libsmutil/poison.h"

static const char qp_hex[] = "0123456789ABCDEF";

/* quoted-printable: the output line being built */
struct qp {
	struct deliver_mime *mx;
	struct str buf;
	size_t linelen;
	int fromstate;          /* how much of "From" starts the line */
	int pending;            /* a blank not written yet (0: none) */
	int prev;               /* the previous input byte */
};

static int qp_bad(int c)
{
	return (c < 0x20 && c != '\t') || c == '=' || c >= 0x7f;
}

static void qp_addhex(struct qp *q, int c)
{
	str_addc(&q->buf, '=');
	str_addc(&q->buf, qp_hex[(c >> 4) & 0xf]);
	str_addc(&q->buf, qp_hex[c & 0xf]);
	q->linelen += 3;
}

static void qp_flush(struct qp *q)
{
	deliver_msg_bodyline(q->mx->o, q->buf.s, q->buf.len);
	str_clear(&q->buf);
	q->linelen = 0;
	q->fromstate = 0;
}

/* A soft line break before c when the line is full: a '.' may still
 * follow (up to column 75), and a '.' just written moves on to the next
 * line when the break comes right after it. */
static void qp_softbreak(struct qp *q, int c)
{
	if (q->linelen <= 72)
		return;
	int movedot = q->linelen > 73 && q->prev == '.';
	if (q->linelen <= 75 && c == '.' && !movedot)
		return;
	if (movedot)
		str_truncate(&q->buf, q->buf.len - 1);
	str_addc(&q->buf, '=');
	qp_flush(q);
	if (movedot) {
		str_addc(&q->buf, '.');
		q->linelen = 1;
	}
}

static void qp_char(struct qp *q, int c)
{
	if (q->pending == ' ' && q->linelen == 4 && q->fromstate == 4 && q->mx->escfrom) {
		str_add(&q->buf, "=20");
		q->linelen += 3;
	} else if (q->pending != 0) {
		str_addc(&q->buf, q->pending);
		q->linelen++;
	}
	q->pending = 0;
	qp_softbreak(q, c);
	if (qp_bad(c))
		qp_addhex(q, c);
	else if (c == ' ' || c == '\t')
		q->pending = c;
	else {
		if (q->linelen < 4 && c == "From"[q->linelen])
			q->fromstate++;
		str_addc(&q->buf, c);
		q->linelen++;
	}
	q->prev = c;
}

/* A pending blank encoded. */
static void qp_blank(struct qp *q)
{
	if (q->pending != 0)
		qp_addhex(q, q->pending);
	q->pending = 0;
}

/* The end of an input line: "." alone as "=2E". */
static void qp_eol(struct qp *q)
{
	qp_blank(q);
	if (q->buf.len == 1 && q->buf.s[0] == '.') {
		str_clear(&q->buf);
		str_add(&q->buf, "=2E");
	}
	qp_flush(q);
	q->prev = '\n';
}

int deliver_mime_enc_qp(struct deliver_mime *mx)
{
	struct qp q;
	int bt = MIME_NOTSEP, pendnl = 0;
	memset(&q, 0, sizeof q);
	q.mx = mx;
	q.prev = '\n';
	str_init(&q.buf, 0);
	while (deliver_mime_getline(mx) == 0) {
		bt = deliver_mime_boundary(mx);
		if (bt != MIME_NOTSEP)
			break;
		if (pendnl)
			qp_eol(&q);
		size_t n = mx->line.len;
		pendnl = n > 0 && mx->line.s[n - 1] == '\n';
		for (size_t i = 0; i < n - (size_t)pendnl; i++)
			qp_char(&q, (unsigned char)mx->line.s[i]);
	}
	/* the '\n' before a boundary belongs to it: the last line is
	 * flushed without the "." rule; inside a multipart even when empty
	 * (at the end of the df too, as the reference) */
	if (bt == MIME_NOTSEP) {
		bt = MIME_FINAL;
		if (pendnl)
			qp_eol(&q);
	}
	qp_blank(&q);
	if (q.linelen > 0 || mx->nb > 0)
		qp_flush(&q);
	str_free(&q.buf);
	return bt;
}

static const char b64_code[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* base64: up to 3 input bytes waiting, the output line */
struct b64 {
	struct deliver_mime *mx;
	unsigned char in[3];
	int nin;
	struct str out;
};

static void b64_group(struct b64 *b)
{
	unsigned char *p = b->in;
	if (b->out.len >= 72) {
		deliver_msg_bodyline(b->mx->o, b->out.s, b->out.len);
		str_clear(&b->out);
	}
	str_addc(&b->out, b64_code[p[0] >> 2]);
	str_addc(&b->out, b64_code[((p[0] & 3) << 4) | (b->nin > 1 ? p[1] >> 4 : 0)]);
	str_addc(&b->out, b->nin < 2 ? '=' : b64_code[((p[1] & 0xf) << 2) | (b->nin > 2 ? p[2] >> 6 : 0)]);
	str_addc(&b->out, b->nin < 3 ? '=' : b64_code[p[2] & 0x3f]);
	b->nin = 0;
	memset(b->in, 0, sizeof b->in);
}

static void b64_bytes(struct b64 *b, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		b->in[b->nin++] = (unsigned char)p[i];
		if (b->nin == 3)
			b64_group(b);
	}
}

int deliver_mime_enc_base64(struct deliver_mime *mx)
{
	struct b64 b;
	int bt = MIME_NOTSEP, pendnl = 0;
	memset(&b, 0, sizeof b);
	b.mx = mx;
	str_init(&b.out, 0);
	while (deliver_mime_getline(mx) == 0) {
		bt = deliver_mime_boundary(mx);
		if (bt != MIME_NOTSEP)
			break;
		if (pendnl)
			b64_bytes(&b, "\r\n", 2);
		size_t n = mx->line.len;
		pendnl = n > 0 && mx->line.s[n - 1] == '\n';
		b64_bytes(&b, mx->line.s, n - (size_t)pendnl);
	}
	/* the '\n' before a boundary belongs to the boundary */
	if (bt == MIME_NOTSEP) {
		bt = MIME_FINAL;
		if (pendnl)
			b64_bytes(&b, "\r\n", 2);
	}
	if (b.nin > 0)
		b64_group(&b);
	if (b.out.len > 0)
		deliver_msg_bodyline(mx->o, b.out.s, b.out.len);
	str_free(&b.out);
	return bt;
}
