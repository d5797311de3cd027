/* qf.c - the qf line list: parse a qf image, format it back, typed views,
 * ordered builders. Mail layer of libsmutil; touches only memory and the
 * descriptor handed to qf_parse_fd. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include "qf.h"
#include "mem.h"
#include "poison.h"

void qf_env_init(struct qf_env *e)
{
	memset(e, 0, sizeof(*e));
}

void qf_env_free(struct qf_env *e)
{
	for (size_t i = 0; i < e->nlines; i++)
		mem_free(e->lines[i].val);
	mem_free(e->lines);
	mem_free(e->rcpts);
	mem_free(e->hdrs);
	memset(e, 0, sizeof(*e));
}

/* Make a line at position pos (shifting the rest). */
static void qf_insert(struct qf_env *e, size_t pos, char code, const char *val, size_t len)
{
	if (e->nlines == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 32;
		e->lines = mem_realloc(e->lines, e->cap * sizeof(*e->lines));
	}
	memmove(e->lines + pos + 1, e->lines + pos, (e->nlines - pos) * sizeof(*e->lines));
	e->lines[pos].code = code;
	e->lines[pos].val = mem_strndup(val, len);
	e->lines[pos].len = len;
	e->nlines++;
}

void qf_env_append(struct qf_env *e, char code, const char *val, size_t len)
{
	qf_insert(e, e->nlines, code, val, len);
}

/* Position rank of a code in queueup()'s order; recipient lines share one. */
static int qf_rank(char code, int after_sender)
{
	static const char order[] = "VTKNPdIBqMF$SZA!";
	const char *p;
	if (code == 'M' && after_sender)
		return 16;
	switch (code) {
	case 'C': case 'Q': case 'r': case 'R': return 16;
	case 'H': return 17;
	case '.': return 18;
	}
	p = strchr(order, code);
	return p != NULL && code != '\0' ? (int)(p - order) : 16;
}

/* Index after the last line ranked <= rank (envelope part only). */
static size_t qf_slot(const struct qf_env *e, int rank)
{
	size_t pos = 0;
	int after_s = 0;
	for (size_t i = 0; i < e->nlines; i++) {
		char c = e->lines[i].code;
		if (qf_rank(c, after_s) <= rank)
			pos = i + 1;
		if (c == 'S')
			after_s = 1;
	}
	return pos;
}

static void qf_add(struct qf_env *e, char code, const char *val)
{
	qf_insert(e, qf_slot(e, qf_rank(code, code != 'M')), code, val, strlen(val));
}

/* Find the envelope line with code (M only before S); -1 if none. */
static long qf_find(const struct qf_env *e, char code)
{
	for (size_t i = 0; i < e->nlines; i++) {
		if (e->lines[i].code == code)
			return (long)i;
		if (e->lines[i].code == 'S' && code == 'M')
			break;
	}
	return -1;
}

void qf_env_set(struct qf_env *e, char code, const char *val)
{
	long i = qf_find(e, code);
	if (i >= 0) {
		mem_free(e->lines[i].val);
		e->lines[i].val = mem_strdup(val);
		e->lines[i].len = strlen(val);
	} else {
		qf_add(e, code, val);
	}
	qf_env_index(e);
}

void qf_env_setf(struct qf_env *e, char code, const char *fmt, ...)
{
	struct str b;
	va_list ap;
	str_init(&b, 0);
	va_start(ap, fmt);
	str_vprintf(&b, fmt, ap);
	va_end(ap);
	qf_env_set(e, code, b.s);
	str_free(&b);
}

void qf_env_unset(struct qf_env *e, char code)
{
	long i = qf_find(e, code);
	if (i < 0)
		return;
	mem_free(e->lines[i].val);
	memmove(e->lines + i, e->lines + i + 1, (e->nlines - (size_t)i - 1) * sizeof(*e->lines));
	e->nlines--;
	qf_env_index(e);
}

void qf_env_add_macro(struct qf_env *e, const char *name, const char *val)
{
	struct str b;
	str_init(&b, 0);
	str_printf(&b, "%s%s", name, val);
	qf_add(e, '$', b.s);
	str_free(&b);
	qf_env_index(e);
}

void qf_env_add_rcpt(struct qf_env *e, const char *ctl, const char *orcpt,
		     const char *final, const char *flags, const char *addr)
{
	struct str b;
	if (ctl != NULL)
		qf_add(e, 'C', ctl);
	if (orcpt != NULL)
		qf_add(e, 'Q', orcpt);
	if (final != NULL)
		qf_add(e, 'r', final);
	str_init(&b, 0);
	str_printf(&b, "%s:%s", flags != NULL ? flags : "", addr);
	qf_add(e, 'R', b.s);
	str_free(&b);
	qf_env_index(e);
}

void qf_env_add_header(struct qf_env *e, const char *cond, const char *text)
{
	struct str b;
	str_init(&b, 0);
	str_printf(&b, "?%s?%s", cond != NULL ? cond : "", text);
	qf_add(e, 'H', b.s);
	str_free(&b);
	qf_env_index(e);
}

void qf_env_terminate(struct qf_env *e)
{
	if (e->nlines == 0 || e->lines[e->nlines - 1].code != '.')
		qf_env_append(e, '.', "", 0);
}

void qf_format(const struct qf_env *e, struct str *out)
{
	for (size_t i = 0; i < e->nlines; i++) {
		str_addc(out, e->lines[i].code);
		str_addn(out, e->lines[i].val, e->lines[i].len);
		str_addc(out, '\n');
	}
}

/* Codes readqf() accepts. */
static int qf_code_ok(int c)
{
	return c != '\0' && strchr("VABCdDEFHIKLMNPqQrRSTZ!$.", c) != NULL;
}

/* Take one logical (folded) line from buf at *off into (start, len). */
static int qf_next_line(const char *buf, size_t len, size_t *off, size_t *ls, size_t *ll, int *nphys)
{
	size_t p = *off, s = p;
	if (p >= len)
		return 0;
	*nphys = 0;
	for (;;) {
		const char *nl = memchr(buf + p, '\n', len - p);
		size_t end = nl != NULL ? (size_t)(nl - buf) : len;
		(*nphys)++;
		p = nl != NULL ? end + 1 : len;
		if (p >= len || (buf[p] != ' ' && buf[p] != '\t')) {
			*ls = s;
			*ll = end - s;
			*off = p;
			return 1;
		}
	}
}

int qf_parse(struct qf_env *e, const char *buf, size_t len, int *lineno_r,
	     const char **error_r)
{
	static char ebuf[160];
	size_t off = 0, s, l;
	int lineno = 0, n;
	while (qf_next_line(buf, len, &off, &s, &l, &n)) {
		int code = (unsigned char)buf[s];
		lineno++;
		if (l == 0 || !qf_code_ok(code) || memchr(buf + s, '\0', l) != NULL) {
			snprintf(ebuf, sizeof(ebuf), "line %d: bad line \"%.*s\"", lineno,
				 (int)(l > 100 ? 100 : l), buf + s);
			if (lineno_r != NULL)
				*lineno_r = lineno;
			*error_r = ebuf;
			qf_env_index(e);
			return -1;
		}
		qf_env_append(e, (char)code, buf + s + 1, l - 1);
		if (code == 'V' && atoi(e->lines[e->nlines - 1].val) > QF_VERSION) {
			snprintf(ebuf, sizeof(ebuf), "unsupported queue file version %d",
				 atoi(e->lines[e->nlines - 1].val));
			if (lineno_r != NULL)
				*lineno_r = lineno;
			*error_r = ebuf;
			qf_env_index(e);
			return -1;
		}
		lineno += n - 1;
		if (code == '.')
			break;
	}
	qf_env_index(e);
	return 0;
}

int qf_parse_fd(struct qf_env *e, int fd, int *lineno_r, const char **error_r)
{
	struct str b;
	char chunk[16384];
	ssize_t n;
	int rc;
	str_init(&b, 0);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*error_r = strerror(errno);
			str_free(&b);
			return -1;
		}
		str_addn(&b, chunk, (size_t)n);
	}
	rc = qf_parse(e, b.s, b.len, lineno_r, error_r);
	str_free(&b);
	return rc;
}
