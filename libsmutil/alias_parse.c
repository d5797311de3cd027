/* alias_parse.c - the aliases source reader (see alias_parse.h): splits a
 * buffer into logical lines the way sendmail's readaliases does, including
 * its overflow behaviour (the rest of an overlong line, its backslash
 * continuations and following whitespace lines are dropped without being
 * counted), and hands LHS/RHS entries to a callback.
 * Touches: only the caller's buffer/stream (read-only). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "alias_parse.h"
#include "mem.h"
#include "poison.h"

struct ap_state {
	const unsigned char *p, *end;
	const char *file;
	int lineno;
	size_t len;
	char buf[ALIAS_PARSE_BUFSIZE];
	const struct alias_parse_ops *ops;
	void *ctx;
};

enum { AP_END, AP_LINE, AP_OVERFLOW };

static int ap_getc(struct ap_state *st)
{
	return st->p < st->end ? *st->p++ : EOF;
}

static int ap_peek(const struct ap_state *st)
{
	return st->p < st->end ? *st->p : EOF;
}

static void ap_error(struct ap_state *st, const char *text)
{
	if (st->ops->error != NULL)
		st->ops->error(st->ctx, st->file, st->lineno, text);
}

/* Discard input up to a newline that does not follow a backslash,
 * starting with character c (EOF: nothing to discard). Not counted. */
static void ap_flush(struct ap_state *st, int c)
{
	int prev = 0;
	while (c != EOF && !(c == '\n' && prev != '\\')) {
		prev = c;
		c = ap_getc(st);
	}
}

/* After an overflow: report, drop the rest (c = first unread char, or
 * -2 when the line's newline was already consumed), then every
 * following SPACE/TAB-initial line. */
static int ap_overflow(struct ap_state *st, int c)
{
	ap_error(st, ALIAS_PARSE_E_TOOLONG);
	if (c != -2)
		ap_flush(st, c);
	while (ap_peek(st) == ' ' || ap_peek(st) == '\t')
		ap_flush(st, ap_getc(st));
	return AP_OVERFLOW;
}

/* Append one physical line (and its backslash-newline joins) to buf. */
static int ap_physical(struct ap_state *st)
{
	int nul = 0;
	size_t nulpos = 0;
	for (;;) {
		int c = ap_getc(st);
		if (c == EOF) {
			if (nul)
				st->len = nulpos;
			return AP_LINE;
		}
		if (c == '\n') {
			if (st->len >= sizeof st->buf - 1)
				return ap_overflow(st, -2);
			if (nul)      /* sendmail's strchr stops at the NUL */
				return ap_overflow(st, ap_getc(st));
			if (st->len > 0 && st->buf[st->len - 1] == '\\') {
				st->len--;
				if (st->p < st->end)   /* no count at end of input */
					st->lineno++;
				continue;
			}
			return AP_LINE;
		}
		if (st->len >= sizeof st->buf - 1)
			return ap_overflow(st, c);
		if (c == '\0' && !nul) {
			nul = 1;
			nulpos = st->len;
		}
		st->buf[st->len++] = (char)c;
	}
}

/* Read one logical line into buf; AP_END at end of input. */
static int ap_logical(struct ap_state *st)
{
	if (st->p >= st->end)
		return AP_END;
	st->len = 0;
	st->lineno++;
	if (ap_physical(st) == AP_OVERFLOW)
		return AP_OVERFLOW;
	if (st->len == 0)
		return AP_LINE;
	while (ap_peek(st) == ' ' || ap_peek(st) == '\t') {
		st->lineno++;
		if (ap_physical(st) == AP_OVERFLOW)
			return AP_OVERFLOW;
	}
	return AP_LINE;
}

/* Split a regular line at its first colon and hand it over; 1 = stop. */
static int ap_entry(struct ap_state *st)
{
	char *colon = memchr(st->buf, ':', st->len);
	if (colon == NULL) {
		ap_error(st, ALIAS_PARSE_E_COLON);
		return 0;
	}
	char *rhs = colon + 1;
	while (isascii((unsigned char)*rhs) && isspace((unsigned char)*rhs))
		rhs++;
	struct alias_parse_entry e = {
		st->file, st->lineno, st->buf, st->len,
		(size_t)(colon - st->buf), rhs
	};
	return st->ops->entry != NULL && st->ops->entry(st->ctx, &e) != 0;
}

long alias_parse_buffer(const char *buf, size_t len, const char *file,
			const struct alias_parse_ops *ops, void *ctx)
{
	struct ap_state *st = mem_alloc(sizeof *st);
	long n = 0;
	int skipping = 0, r;
	st->p = (const unsigned char *)buf;
	st->end = st->p + len;
	st->file = file;
	st->lineno = 0;
	st->ops = ops;
	st->ctx = ctx;
	while ((r = ap_logical(st)) != AP_END) {
		if (r == AP_OVERFLOW || st->len == 0)
			continue;
		st->buf[st->len] = '\0';
		if (st->buf[0] == '#') {
			skipping = 0;
			continue;
		}
		if (st->buf[0] == ' ' || st->buf[0] == '\t') {
			if (!skipping)
				ap_error(st, ALIAS_PARSE_E_NONCONT);
			skipping = 1;
			continue;
		}
		skipping = 0;
		if (memchr(st->buf, ':', st->len) != NULL)
			n++;
		if (ap_entry(st))
			break;
	}
	mem_free(st);
	return n;
}

long alias_parse_stream(FILE *fp, const char *file,
			const struct alias_parse_ops *ops, void *ctx)
{
	size_t cap = 65536, len = 0, got;
	char *buf = mem_alloc(cap);
	while ((got = fread(buf + len, 1, cap - len, fp)) > 0) {
		len += got;
		if (len == cap) {
			cap *= 2;
			buf = mem_realloc(buf, cap);
		}
	}
	if (ferror(fp)) {
		int e = errno;
		mem_free(buf);
		errno = e;
		return -1;
	}
	long n = alias_parse_buffer(buf, len, file, ops, ctx);
	mem_free(buf);
	return n;
}
