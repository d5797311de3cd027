/* deliver_mime.c - sendmail's mime8to7 at delivery (the behaviour found
 * by running the reference). Converting (an F=7 mailer, an 8-bit MIME
 * message or any 8-bit message under EightBitMode=m / body 8BITMIME):
 * the body is walked part by part - each multipart (unless class n)
 * with its preamble and epilogue, message/<class s> (rfc822) into the
 * inner message (which gets MIME-Version), every other leaf with 8-bit
 * bytes re-encoded (base64 when more than one byte in eight has the high
 * bit or it was "binary", never for class q types; else
 * quoted-printable) with Content-Transfer-Encoding and
 * X-MIME-Autoconverted after its headers; the rest copied (F=7 strips
 * the high bit). Otherwise (MaxMimeHeaderLength not 0/0) the same walk
 * without any conversion: part headers rewritten, closing boundaries
 * supplied, bad structures reported. Reads the df, writes through
 * deliver_msg_*; sets dc->dont_mime on a bad structure. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "deliver_mime_int.h"
#include "class.h"
#include "config.h"
#include "macro.h"
#include "options.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define MF_OUTER  1     /* the message itself (not a part) */
#define MF_DIGEST 2     /* a part of multipart/digest */
#define MF_NO8    4     /* never re-encode (class n, other encodings) */

/* A header as it is written: "Name:value" (continuation lines joined
 * with '\n'), the name without blanks before the colon. */
struct mime_hdr {
	char *text;
	size_t namelen;
};

struct mime_hdrs {
	struct mime_hdr *v;
	size_t n, cap;
};

/* the parts of a Content-Type value */
struct mime_ct {
	struct str type, sub, bound;
	int hasbound;
};

int deliver_mime_wanted(const struct deliver_ctx *dc, const struct mailer *m)
{
	const struct qf_env *e = &dc->j->env;
	if (!mailer_flag(m, '7') || e->flags == NULL || strchr(e->flags, '8') == NULL ||
	    dc->dont_mime)
		return 0;
	if (e->bodytype != NULL && strcasecmp(e->bodytype, "8BITMIME") == 0)
		return 1;
	for (size_t i = 0; i < e->nhdrs; i++)
		if (e->hdrs[i].namelen == 12 && strncasecmp(e->hdrs[i].name, "MIME-Version", 12) == 0)
			return 1;
	const char *mode = option_str(dc->j->cf, "EightBitMode", NULL);
	return mode != NULL && mode[0] == 'm';
}

int deliver_mime_walk(const struct deliver_ctx *dc)
{
	const char *v = option_str(dc->j->cf, "MaxMimeHeaderLength", NULL);
	if (v == NULL)
		return 1;   /* 2048/1024 */
	const char *f = strchr(v, '/');
	return atol(v) > 0 || (f != NULL && atol(f + 1) > 0);
}

int deliver_mime_getline(struct deliver_mime *mx)
{
	return str_getline(&mx->line, mx->fp);
}

static int mime_isbound(const struct deliver_mime *mx, const char *p, size_t n)
{
	for (size_t i = 0; i < mx->nb; i++)
		if (strlen(mx->bound[i]) == n && memcmp(mx->bound[i], p, n) == 0)
			return 1;
	return 0;
}

int deliver_mime_boundary(const struct deliver_mime *mx)
{
	const char *s = mx->line.s;
	size_t n = mx->line.len;
	if (mx->nb == 0 || n < 2 || s[0] != '-' || s[1] != '-')
		return MIME_NOTSEP;
	if (s[n - 1] == '\n')
		n--;
	while (n > 2 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (mime_isbound(mx, s + 2, n - 2))
		return MIME_INTERMED;
	if (n >= 4 && s[n - 1] == '-' && s[n - 2] == '-' && mime_isbound(mx, s + 2, n - 4))
		return MIME_FINAL;
	return MIME_NOTSEP;
}

static void mime_line(struct deliver_mime *mx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One generated line (a header, a boundary). */
static void mime_line(struct deliver_mime *mx, const char *fmt, ...)
{
	struct str s;
	va_list ap;
	str_init(&s, 0);
	va_start(ap, fmt);
	str_vprintf(&s, fmt, ap);
	va_end(ap);
	deliver_msg_line(mx->o, s.s, s.len);
	str_free(&s);
}

/* A complaint of the conversion, shown as "to... text" (sendmail's
 * syserr/usrerr while writing): this delivery goes on, but no later one
 * of the job is converted. */
static void mime_say(struct deliver_mime *mx, const char *text)
{
	deliver_say(mx->dc, mx->dc->to, NULL, text);
	mx->dc->dont_mime = 1;
}

static void hdrs_add(struct mime_hdrs *h, const char *name, size_t namelen,
		     const char *rest, size_t restlen)
{
	struct str t;
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 8;
		h->v = mem_realloc(h->v, h->cap * sizeof *h->v);
	}
	str_init(&t, 0);
	str_addn(&t, name, namelen);
	str_addc(&t, ':');
	str_addn(&t, rest, restlen);
	h->v[h->n].namelen = namelen;
	h->v[h->n++].text = str_steal(&t);
}

static void hdrs_free(struct mime_hdrs *h)
{
	for (size_t i = 0; i < h->n; i++)
		mem_free(h->v[i].text);
	mem_free(h->v);
	memset(h, 0, sizeof *h);
}

/* The value of the first header name (after the colon), NULL if none. */
static const char *hdrs_get(const struct mime_hdrs *h, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].namelen == n && strncasecmp(h->v[i].text, name, n) == 0)
			return h->v[i].text + n + 1;
	return NULL;
}

static int hdr_is_cte(const struct mime_hdr *h)
{
	return h->namelen == 25 && strncasecmp(h->text, "Content-Transfer-Encoding", 25) == 0;
}

/* The headers (converting: but Content-Transfer-Encoding, written by
 * the leaf). */
static void hdrs_put(struct deliver_mime *mx, const struct mime_hdrs *h)
{
	for (size_t i = 0; i < h->n; i++) {
		if (mx->convert && hdr_is_cte(&h->v[i]))
			continue;
		const char *s = h->v[i].text, *nl;
		while ((nl = strchr(s, '\n')) != NULL) {
			deliver_msg_line(mx->o, s, (size_t)(nl - s));
			s = nl + 1;
		}
		deliver_msg_line(mx->o, s, strlen(s));
	}
}

/* The length of the field name if line is "name:" (blanks allowed
 * before the colon), else 0. */
static size_t hdr_namelen(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (unsigned char)s[i] > ' ' && (unsigned char)s[i] < 0177 && s[i] != ':')
		i++;
	size_t name = i;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return name > 0 && i < n && s[i] == ':' ? name : 0;
}

/* The header block of a part or inner message from the df, up to the
 * empty line; a line that is no header ends it too (and is lost, as in
 * the reference). */
static void hdrs_read(struct deliver_mime *mx, struct mime_hdrs *h)
{
	while (deliver_mime_getline(mx) == 0) {
		const char *s = mx->line.s;
		size_t n = mx->line.len;
		if (s[n - 1] == '\n')
			n--;
		if (n == 0)
			return;
		if ((s[0] == ' ' || s[0] == '\t') && h->n > 0) {
			struct str t;
			str_init(&t, 0);
			str_add(&t, h->v[h->n - 1].text);
			str_addc(&t, '\n');
			str_addn(&t, s, n);
			mem_free(h->v[h->n - 1].text);
			h->v[h->n - 1].text = str_steal(&t);
			continue;
		}
		size_t nl = hdr_namelen(s, n);
		if (nl == 0)
			return;
		const char *colon = memchr(s, ':', n);
		hdrs_add(h, s, nl, colon + 1, n - (size_t)(colon + 1 - s));
	}
}

static void hdrs_from_qf(const struct qf_env *e, struct mime_hdrs *h)
{
	for (size_t i = 0; i < e->nhdrs; i++) {
		const struct qf_hdr *q = &e->hdrs[i];
		hdrs_add(h, q->name, q->namelen, q->value, strlen(q->value));
	}
}

/* Blanks, newlines and (comments). */
static const char *ct_skip(const char *p)
{
	for (;;) {
		while (*p != '\0' && isspace((unsigned char)*p))
			p++;
		if (*p != '(')
			return p;
		for (int depth = 0; *p != '\0'; p++) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == '(')
				depth++;
			else if (*p == ')' && --depth == 0) {
				p++;
				break;
			}
		}
	}
}

static const char *ct_token(const char *p, struct str *out)
{
	str_clear(out);
	while (*p != '\0' && (unsigned char)*p > ' ' && strchr("()<>@,;:\\\"/[]?=", *p) == NULL)
		str_addc(out, *p++);
	return p;
}

/* A parameter value: a token or a quoted string. */
static const char *ct_value(const char *p, struct str *out)
{
	if (*p != '"')
		return ct_token(p, out);
	str_clear(out);
	for (p++; *p != '\0' && *p != '"'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		str_addc(out, *p);
	}
	return *p == '"' ? p + 1 : p;
}

/* type "/" subtype *(";" name "=" value): only boundary= is kept. */
static void ct_parse(const char *v, struct mime_ct *ct)
{
	struct str name, val;
	str_init(&name, 0);
	str_init(&val, 0);
	const char *p = ct_token(ct_skip(v), &ct->type);
	p = ct_skip(p);
	if (*p == '/')
		p = ct_token(ct_skip(p + 1), &ct->sub);
	while ((p = strchr(p, ';')) != NULL) {
		p = ct_token(ct_skip(p + 1), &name);
		p = ct_skip(p);
		if (*p != '=')
			continue;
		p = ct_value(ct_skip(p + 1), &val);
		if (!ct->hasbound && strcasecmp(name.s, "boundary") == 0) {
			str_add(&ct->bound, val.s);
			ct->hasbound = 1;
		}
	}
	str_free(&name);
	str_free(&val);
}

/* Lines up to the next boundary (or the end) as they are; strip: with
 * the high bit cleared (a preamble or epilogue, whatever the mailer). A
 * last line without '\n' is left open (a closing boundary follows on
 * it, as in the reference). */
static int mime_copy(struct deliver_mime *mx, int strip)
{
	while (deliver_mime_getline(mx) == 0) {
		int bt = deliver_mime_boundary(mx);
		if (bt != MIME_NOTSEP)
			return bt;
		size_t n = mx->line.len;
		int nl = mx->line.s[n - 1] == '\n';
		for (size_t i = 0; strip && i < n; i++)
			mx->line.s[i] &= 0177;
		if (nl)
			deliver_msg_bodyline(mx->o, mx->line.s, n - 1);
		else    /* the last, unended: what follows continues it */
			deliver_msg_partial(mx->o, mx->line.s, n);
	}
	return MIME_FINAL;
}

/* Bytes and 8-bit bytes up to the next boundary; the reading stops
 * early once 4096 bytes are in and a quarter is 8-bit (counted per
 * 2047-byte piece of a line, like the reference's fgets). */
static void mime_scan(struct deliver_mime *mx, size_t *size, size_t *high)
{
	long pos = ftell(mx->fp);
	int done = 0;
	while (!done && deliver_mime_getline(mx) == 0 && deliver_mime_boundary(mx) == MIME_NOTSEP) {
		for (size_t i = 0; i < mx->line.len && !done; i++) {
			(*size)++;
			if ((unsigned char)mx->line.s[i] & 0200)
				(*high)++;
			if ((i + 1) % 2047 == 0 || i + 1 == mx->line.len)
				done = *size >= 4096 && *high > *size / 4;
		}
	}
	clearerr(mx->fp);
	(void)fseek(mx->fp, pos, SEEK_SET);
}

static int mime_part(struct deliver_mime *mx, const struct mime_hdrs *h, int flags, int level);

/* A leaf: as it is when it has no 8-bit byte, else re-encoded. */
static int mime_leaf(struct deliver_mime *mx, const struct mime_ct *ct, int hasct,
		     const char *cte, int flags)
{
	const struct config *cf = mx->dc->j->cf;
	size_t size = 0, high = 0;
	if (!mx->convert) {
		deliver_msg_line(mx->o, "", 0);
		return mime_copy(mx, 0);
	}
	if (!(flags & MF_NO8))
		mime_scan(mx, &size, &high);
	if ((flags & MF_OUTER) && !hasct) {
		const char *cs = option_str(cf, "DefaultCharSet", NULL);
		mime_line(mx, "Content-Type: text/plain; charset=%s",
			  cs != NULL && *cs != '\0' ? cs : "unknown-8bit");
	}
	if (high == 0) {
		if (cte != NULL)
			mime_line(mx, "Content-Transfer-Encoding: %s", cte);
		deliver_msg_line(mx->o, "", 0);
		return mime_copy(mx, 0);
	}
	struct str ts;
	str_init(&ts, 0);
	str_printf(&ts, "%s/%s", ct->type.s, ct->sub.s);
	int qponly = class_member(cf->classes, 'q', ts.s) ||
		     class_member(cf->classes, 'q', ct->type.s);
	str_free(&ts);
	int binary = cte != NULL && strcasecmp(cte, "binary") == 0;
	const char *enc = !qponly && (binary || size / 8 < high) ? "base64" : "quoted-printable";
	const char *j = macro_get(mx->dc->rc->mac, 'j'), *id = macro_get(mx->dc->rc->mac, 'i');
	mime_line(mx, "Content-Transfer-Encoding: %s", enc);
	mime_line(mx, "X-MIME-Autoconverted: from 8bit to %s by %s id %s", enc,
		  j != NULL ? j : "", id != NULL ? id : "");
	deliver_msg_line(mx->o, "", 0);
	return enc[0] == 'b' ? deliver_mime_enc_base64(mx) : deliver_mime_enc_qp(mx);
}

/* The parts of a multipart up to its closing boundary, then its
 * epilogue. A missing boundary= or too deep a nesting is reported and
 * the body passed on as it is. */
static int mime_multipart(struct deliver_mime *mx, const struct mime_ct *ct, const char *ctval,
			  int flags, int level)
{
	const char *bb = ct->hasbound ? ct->bound.s : "---";
	struct str t;
	str_init(&t, 0);
	if (!ct->hasbound) {
		while (*ctval == ' ' || *ctval == '\t')
			ctval++;
		str_printf(&t, "mime8to7: Content-Type: \"missing\": %s boundary", ctval);
		mime_say(mx, t.s);
	}
	str_free(&t);
	int pushed = mx->nb < DELIVER_MIME_MAXNEST;
	if (pushed)
		mx->bound[mx->nb++] = bb;
	else
		mime_say(mx, "mime8to7: multipart nesting boundary too deep");
	int cflags = flags & MF_NO8;
	if (strcasecmp(ct->sub.s, "digest") == 0)
		cflags |= MF_DIGEST;
	deliver_msg_line(mx->o, "", 0);
	int bt = mime_copy(mx, 1);
	while (bt != MIME_FINAL) {
		struct mime_hdrs ph;
		memset(&ph, 0, sizeof ph);
		mime_line(mx, "--%s", bb);
		hdrs_read(mx, &ph);
		hdrs_put(mx, &ph);
		bt = mime_part(mx, &ph, cflags, level + 1);
		hdrs_free(&ph);
	}
	mime_line(mx, "--%s--", bb);
	if (pushed)             /* not a boundary in the epilogue any more */
		mx->nb--;
	return mime_copy(mx, 1);
}

/* message/rfc822: the inner message's headers (MIME-Version added when
 * missing) and its body. */
static int mime_message(struct deliver_mime *mx, int flags, int level)
{
	struct mime_hdrs ih;
	memset(&ih, 0, sizeof ih);
	deliver_msg_line(mx->o, "", 0);
	hdrs_read(mx, &ih);
	hdrs_put(mx, &ih);
	if (mx->convert && hdrs_get(&ih, "MIME-Version") == NULL)
		mime_line(mx, "MIME-Version: 1.0");
	int bt = mime_part(mx, &ih, flags & MF_NO8, level + 1);
	hdrs_free(&ih);
	return bt;
}

/* One part (or the message: level 0) whose headers h are written
 * already but for Content-Transfer-Encoding: the rest of its header,
 * the blank line, its body. Deeper than DELIVER_MIME_MAXNEST levels it
 * is reported and passed on as it is. Returns the boundary type that
 * ended it. */
static int mime_part(struct deliver_mime *mx, const struct mime_hdrs *h, int flags, int level)
{
	const struct config *cf = mx->dc->j->cf;
	struct mime_ct ct;
	struct str cte, ts;
	memset(&ct, 0, sizeof ct);
	str_init(&ct.type, 0);
	str_init(&ct.sub, 0);
	str_init(&ct.bound, 0);
	str_init(&cte, 0);
	str_init(&ts, 0);
	const char *ctval = hdrs_get(h, "Content-Type");
	ct_parse(ctval != NULL ? ctval : (flags & MF_DIGEST) ? "message/rfc822" : "text/plain", &ct);
	const char *cv = hdrs_get(h, "Content-Transfer-Encoding");
	if (cv != NULL)
		(void)ct_token(ct_skip(cv), &cte);
	const char *ctok = cte.len > 0 ? cte.s : NULL;
	if (mx->convert && (flags & MF_OUTER) && hdrs_get(h, "MIME-Version") == NULL)
		mime_line(mx, "MIME-Version: 1.0");
	const char *type = ct.type.s, *sub = ct.sub.s;
	str_printf(&ts, "%s/%s", type, sub);
	if (class_member(cf->classes, 'n', ts.s))
		flags |= MF_NO8;
	if (ctok != NULL && !class_member(cf->classes, 'e', ctok))
		flags |= MF_NO8;
	int bt;
	if (level > DELIVER_MIME_MAXNEST) {
		str_clear(&ts);
		str_printf(&ts, "mime8to7: recursion level %d exceeded", level);
		mime_say(mx, ts.s);
		bt = mime_leaf(mx, &ct, ctval != NULL, ctok, flags | MF_NO8);
	} else if (strcasecmp(type, "multipart") == 0 && !(flags & MF_NO8))
		bt = mime_multipart(mx, &ct, ctval != NULL ? ctval : "", flags, level);
	else if (strcasecmp(type, "message") == 0 && class_member(cf->classes, 's', sub))
		bt = mime_message(mx, flags, level);
	else {
		if (strcasecmp(type, "message") == 0)
			flags |= MF_NO8;
		bt = mime_leaf(mx, &ct, ctval != NULL, ctok, flags);
	}
	str_free(&ct.type);
	str_free(&ct.sub);
	str_free(&ct.bound);
	str_free(&cte);
	str_free(&ts);
	return bt;
}

void deliver_mime_body(struct deliver_ctx *dc, const struct mailer *m,
		       struct deliver_out *o, FILE *df, int convert)
{
	struct deliver_mime mx;
	struct mime_hdrs top;
	memset(&mx, 0, sizeof mx);
	memset(&top, 0, sizeof top);
	mx.dc = dc;
	mx.o = o;
	mx.fp = df;
	mx.escfrom = mailer_flag(m, 'E');
	mx.convert = convert;
	str_init(&mx.line, 0);
	hdrs_from_qf(&dc->j->env, &top);
	(void)mime_part(&mx, &top, MF_OUTER, 0);
	hdrs_free(&top);
	str_free(&mx.line);
}
