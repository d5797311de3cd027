/* crackaddr.c - turn a header address into a template where the address
 * proper is replaced by the $g macro reference (0201 'g'); the phrase,
 * comments and group syntax are kept, and a phrase that needs it is
 * quoted. Pure function: touches nothing but its own buffers. */
#include <ctype.h>
#include <string.h>
#include "parseaddr.h"
#include "meta.h"
#include "../libsmutil/str.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define CRACK_MUSTQUOTE "@,;:\\()[].'"

struct crack {
	struct str out;
	const char *src;       /* whole input */
	const char *p;         /* next input char */
	const char *ahead;     /* start of the current phrase in the input */
	size_t head;           /* output offset of the current phrase */
	const char *mustquote;
	int colon_ok;
	int copylev, cmtlev, anglelev, bracklev, qmode, realqmode;
	int gotcolon, gotangle, putg, quoteit;
};

static int crack_copying(const struct crack *c) { return c->copylev > 0; }

/* Drop the last output byte (used when a stray ')' or '>' was copied). */
static void crack_unput(struct crack *c)
{
	if (c->out.len > c->head)
		str_truncate(&c->out, c->out.len - 1);
}

/* Insert the $g reference if the address proper starts here. */
static void crack_putg(struct crack *c)
{
	if (c->copylev > 0 || c->putg)
		return;
	if (c->out.len > 0 && c->out.s[c->out.len - 1] == ')')
		str_addc(&c->out, ' ');
	str_addc(&c->out, META_MACROEXPAND);
	str_addc(&c->out, 'g');
	c->putg = 1;
}

/* Re-emit the phrase [ahead, stop) (quoted if needed) followed by the
 * input up to and including the delimiter at *delim. */
static void crack_phrase(struct crack *c, const char *delim)
{
	const char *end = delim;
	str_truncate(&c->out, c->head);
	if (c->quoteit) {
		while (end > c->ahead && isspace((unsigned char)end[-1]))
			end--;
		size_t start = c->out.len;
		str_addc(&c->out, '"');
		for (const char *q = c->ahead; q < end; q++) {
			if (*q == '"')
				str_addc(&c->out, '\\');
			str_addc(&c->out, *q);
		}
		if (c->out.len == start + 1)
			str_truncate(&c->out, start);
		else
			str_addc(&c->out, '"');
	} else
		end = c->ahead;
	str_addn(&c->out, end, (size_t)(delim + 1 - end));
	c->copylev = 0;
	c->putg = 0;
}

/* ':' of a "group: list;" construct (or DECnet "::" / ":."). */
static void crack_colon(struct crack *c)
{
	const char *colon = c->p - 1;
	if (*c->p == ':' || *c->p == '.') {
		c->quoteit = 1;
		if (crack_copying(c))
			str_addc(&c->out, *c->p);
		c->p++;
		crack_putg(c);
		return;
	}
	c->gotcolon = 1;
	crack_phrase(c, colon);
	while (isspace((unsigned char)*c->p))
		str_addc(&c->out, *c->p++);
	c->head = c->out.len;
	c->ahead = c->p;
}

static void crack_langle(struct crack *c)
{
	if (c->gotangle)
		c->quoteit = 1;
	c->gotangle = 1;
	c->anglelev = 1;
	crack_phrase(c, c->p - 1);
}

static void crack_rangle(struct crack *c)
{
	if (c->anglelev > 0)
		c->anglelev--;
	else {
		if (crack_copying(c))
			crack_unput(c);
		c->quoteit = 1;
		return;
	}
	if (c->copylev++ <= 0)
		str_addc(&c->out, '>');
}

/* Comment handling; returns 1 if the char was consumed. */
static int crack_comment(struct crack *c, int ch)
{
	if (ch == '(') {
		c->cmtlev++;
		if (c->copylev++ <= 0) {
			if (c->out.len != c->head)
				str_addc(&c->out, ' ');
			str_addc(&c->out, '(');
		}
		return 1;
	}
	if (c->cmtlev > 0) {
		if (ch == ')') {
			c->cmtlev--;
			c->copylev--;
		}
		return 1;
	}
	if (ch == ')') {
		if (crack_copying(c))
			crack_unput(c);
		return 1;
	}
	return 0;
}

/* One input character. */
static void crack_char(struct crack *c, int ch)
{
	if (crack_copying(c))
		str_addc(&c->out, ch);
	if (ch == '\\') {
		if (*c->p == '\0')
			return;
		ch = (unsigned char)*c->p++;
		if (c->cmtlev <= 0 && !c->qmode)
			c->quoteit = 1;
		if (crack_copying(c))
			str_addc(&c->out, ch);
		crack_putg(c);
		return;
	}
	if (ch == '"' && c->cmtlev <= 0) {
		c->qmode = !c->qmode;
		if (crack_copying(c))
			c->realqmode = !c->realqmode;
		return;
	}
	if (c->qmode) {
		crack_putg(c);
		return;
	}
	if (crack_comment(c, ch))
		return;
	if (ch == '[')
		c->bracklev++;
	else if (ch == ']')
		c->bracklev--;
	if (ch == ':' && c->anglelev <= 0 && c->bracklev <= 0 && !c->gotcolon && !c->colon_ok) {
		crack_colon(c);
		return;
	}
	if (ch == ';' && c->copylev <= 0 && !c->colon_ok)
		str_addc(&c->out, ';');
	if (strchr(c->mustquote, ch) != NULL)
		c->quoteit = 1;
	if (ch == '<') {
		crack_langle(c);
		return;
	}
	if (ch == '>') {
		crack_rangle(c);
		return;
	}
	crack_putg(c);
}

char *crackaddr(const char *addr, int colon_ok, const char *mustquote)
{
	struct crack c;
	memset(&c, 0, sizeof c);
	str_init(&c.out, 0);
	c.src = c.p = c.ahead = addr;
	c.colon_ok = colon_ok;
	c.mustquote = mustquote ? mustquote : CRACK_MUSTQUOTE;
	while (isspace((unsigned char)*c.p))
		c.p++;
	c.ahead = c.p;
	while (*c.p != '\0') {
		int ch = (unsigned char)*c.p++;
		crack_char(&c, ch);
	}
	if (c.realqmode)
		str_addc(&c.out, '"');
	while (c.cmtlev-- > 0)
		str_addc(&c.out, ')');
	if (c.gotangle && c.anglelev > 0)
		str_addc(&c.out, '>');
	return str_steal(&c.out);
}
