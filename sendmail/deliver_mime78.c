/* deliver_mime78.c - sendmail's limited 7->8 conversion (mime7to8) at
 * delivery, the behaviour found by running the reference: for an F=9
 * mailer without F=7, a message whose top-level Content-Type is
 * text/plain and whose Content-Transfer-Encoding is exactly base64 or
 * quoted-printable (any case) is decoded: that header is replaced by
 * "8bit" plus X-MIME-Autoconverted after the other headers, and the body
 * decoded - base64 as lines (CRLF or LF ends them, 2048 bytes at most),
 * quoted-printable as one stream (soft breaks join; an '=' not followed
 * by two hex digits drops the rest of the input line, hex digits may be
 * separated by junk) - with one more line end at the end. Reads the df,
 * writes through deliver_msg_*. */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "deliver.h"
#include "macro.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#define M78_LINE 2048   /* the reference's MAXLINE: buffers and reads */

/* The value of top-level header name without leading blanks, or NULL. */
static const char *m78_hvalue(const struct qf_env *e, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < e->nhdrs; i++)
		if (e->hdrs[i].namelen == n && strncasecmp(e->hdrs[i].name, name, n) == 0) {
			const char *v = e->hdrs[i].value;
			while (*v == ' ' || *v == '\t')
				v++;
			return v;
		}
	return NULL;
}

int deliver_mime78_wanted(const struct deliver_ctx *dc, const struct mailer *m)
{
	const struct qf_env *e = &dc->j->env;
	if (!mailer_flag(m, '9') || mailer_flag(m, '7') || dc->dont_mime)
		return 0;
	const char *cte = m78_hvalue(e, "Content-Transfer-Encoding");
	const char *ct = m78_hvalue(e, "Content-Type");
	if (cte == NULL || ct == NULL ||
	    (strcasecmp(cte, "base64") != 0 && strcasecmp(cte, "quoted-printable") != 0))
		return 0;
	return strncasecmp(ct, "text/plain", 10) == 0 &&
	       (ct[10] == '\0' || ct[10] == ' ' || ct[10] == ';');
}

static int m78_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* quoted-printable: one read of the reference (at most 2047 bytes of a
 * line) decoded onto the stream; complete lines are written. */
static void m78_qp_piece(struct deliver_out *o, struct str *acc, const char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		int c = (unsigned char)p[i++];
		if (c == '=') {
			if (i >= n)
				break;
			int h1 = m78_hex((unsigned char)p[i]);
			if (p[i++] == '\n' || h1 < 0)
				break;          /* soft break, junk: the rest ignored */
			int h2 = -1;
			while (i < n && (h2 = m78_hex((unsigned char)p[i++])) < 0)
				;
			if (h2 < 0)
				break;
			c = h1 << 4 | h2;
		}
		if (c == '\n') {
			deliver_msg_bodyline(o, acc->s, acc->len);
			str_clear(acc);
		} else
			str_addc(acc, c);
	}
}

static void m78_qp(struct deliver_out *o, FILE *df)
{
	struct str l, acc;
	str_init(&l, 0);
	str_init(&acc, 0);
	while (str_getline(&l, df) >= 0)
		for (size_t off = 0; off < l.len; off += M78_LINE - 1) {
			size_t n = l.len - off < M78_LINE - 1 ? l.len - off : M78_LINE - 1;
			m78_qp_piece(o, &acc, l.s + off, n);
		}
	deliver_msg_bodyline(o, acc.s, acc.len);    /* the added line end */
	str_free(&l);
	str_free(&acc);
}

/* base64: one decoded byte onto the current line. */
static void m78_b64_byte(struct deliver_out *o, struct str *line, unsigned c)
{
	c &= 0xff;
	str_addc(line, (int)c);
	if (c == '\n') {
		size_t n = line->len - 1;
		if (n > 0 && line->s[n - 1] == '\r')
			n--;
		deliver_msg_bodyline(o, line->s, n);
		str_clear(line);
	} else if (line->len >= M78_LINE) {
		deliver_msg_bodyline(o, line->s, line->len);
		str_clear(line);
	}
}

static int m78_b64_val(int c)
{
	static const char code[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c > 0 && c < 0200 ? strchr(code, c) : NULL;
	return p != NULL ? (int)(p - code) : -1;
}

/* The next character that is not ASCII white space, EOF at the end. */
static int m78_b64_getc(FILE *df)
{
	int c;
	while ((c = getc(df)) != EOF && c < 0200 && isspace(c))
		;
	return c;
}

/* Groups of four (invalid characters count as all ones, a group that
 * starts with '=' is skipped, as the reference does). */
static void m78_b64(struct deliver_out *o, FILE *df)
{
	struct str line;
	int c[4];
	str_init(&line, 0);
	for (;;) {
		int k;
		for (k = 0; k < 4 && (c[k] = m78_b64_getc(df)) != EOF; k++)
			;
		if (k < 4)
			break;
		if (c[0] == '=' || c[1] == '=')
			continue;
		unsigned v1 = (unsigned)m78_b64_val(c[0]), v2 = (unsigned)m78_b64_val(c[1]);
		m78_b64_byte(o, &line, (v1 << 2) | ((v2 & 0x30) >> 4));
		if (c[2] == '=')
			continue;
		unsigned v3 = (unsigned)m78_b64_val(c[2]);
		m78_b64_byte(o, &line, ((v2 & 0x0f) << 4) | ((v3 & 0x3c) >> 2));
		if (c[3] == '=')
			continue;
		m78_b64_byte(o, &line, ((v3 & 0x03) << 6) | (unsigned)m78_b64_val(c[3]));
	}
	if (line.len > 0)
		deliver_msg_bodyline(o, line.s, line.len);
	deliver_msg_line(o, "", 0);                 /* the added line end */
	str_free(&line);
}

void deliver_mime78_body(struct deliver_ctx *dc, struct deliver_out *o, FILE *df)
{
	const char *cte = m78_hvalue(&dc->j->env, "Content-Transfer-Encoding");
	const char *j = macro_get(dc->rc->mac, 'j'), *id = macro_get(dc->rc->mac, 'i');
	struct str t;
	str_init(&t, 0);
	str_add(&t, "Content-Transfer-Encoding: 8bit");
	deliver_msg_line(o, t.s, t.len);
	str_clear(&t);
	str_printf(&t, "X-MIME-Autoconverted: from %.200s to 8bit by %s id %s", cte,
		   j != NULL ? j : "", id != NULL ? id : "");
	deliver_msg_line(o, t.s, t.len);
	str_free(&t);
	deliver_msg_line(o, "", 0);
	if (strcasecmp(cte, "base64") == 0)
		m78_b64(o, df);
	else
		m78_qp(o, df);
}
