/* crackaddr.c - turn a header address into a template where the address
 * proper is replaced by the $g macro reference (0201 'g'); the phrase,
 * comments and group syntax are kept, and a phrase that needs it is
 * quoted. Like the reference, the template is built in a MAXNAME+1 byte
 * buffer: open comments and angle brackets reserve room for their
 * closing character; a byte that does not fit, or a template that fills
 * the buffer, gives "<$g>" instead. Note the reference's quirk: a quote
 * opened while copying (after '>' of "<addr>") *releases* a byte it does
 * not have, which leaves no room for any further byte.
 * Pure function: touches nothing but its own buffers. */
#include <ctype.h>
#include <string.h>
#include "parseaddr.h"
#include "meta.h"
#include "debug.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define CRACK_MUSTQUOTE "@,;:\\()[].'"
#define CRACK_BUFSIZE (MAXNAME + 1)

struct crack {
	char buf[CRACK_BUFSIZE];
	char *bp;              /* write position */
	char *lim;             /* writes allowed below lim (room reserved) */
	char *end;             /* &buf[CRACK_BUFSIZE - 1] */
	char *head;            /* output start of the current phrase */
	const char *addr;      /* input after the leading blanks */
	const char *ahead;     /* input start of the current phrase */
	const char *p;         /* next input char */
	const char *mustquote;
	int colon_ok;
	int copylev, cmtlev, realcmtlev, anglelev, bracklev;
	int qmode, realqmode, gotcolon, gotangle, addangle, putg, quoteit;
	int failed;            /* a byte did not fit: the result is "<$g>" */
};

static int crack_room(const struct crack *c)
{
	return c->bp < c->lim && c->lim <= c->end;
}

static void crack_put(struct crack *c, int ch)
{
	if (crack_room(c))
		*c->bp++ = (char)ch;
	else
		c->failed = 1;
}

static int crack_space(int ch)
{
	return ch >= 0 && ch < 0200 && isspace(ch);
}

/* Insert the $g reference if the address proper starts here. */
static void crack_putg(struct crack *c)
{
	if (c->copylev > 0 || c->putg)
		return;
	if (c->bp > c->buf && c->bp[-1] == ')')
		crack_put(c, ' ');
	crack_put(c, META_MACROEXPAND);
	crack_put(c, 'g');
	c->putg = 1;
}

/* Re-emit the phrase [ahead, delim) - quoted if needed - and the input
 * up to and including the delimiter ch ('<' or ':'). first: the output
 * position where an empty quoted phrase is dropped again. */
static void crack_phrase(struct crack *c, int ch, const char *first)
{
	const char *stop = c->p;          /* just after the delimiter */
	c->bp = c->head;
	if (c->quoteit) {
		crack_put(c, '"');
		stop = c->p - 1;          /* back up over it and blanks */
		while (stop > c->addr && crack_space((unsigned char)*--stop))
			;
		stop++;
	}
	for (const char *q = c->ahead; q < stop; q++) {
		if (c->quoteit && *q == '"')
			crack_put(c, '\\');
		crack_put(c, *q);
	}
	if (c->quoteit) {
		if (c->bp == first)
			c->bp--;
		else
			crack_put(c, '"');
		while (*stop != '\0' && *stop != ch)
			crack_put(c, *stop++);
		if (*stop != '\0')
			crack_put(c, *stop++);
		c->p = stop;
	}
	c->copylev = 0;
	c->putg = 0;
	c->quoteit = 0;
}

/* ':' of a "group: list;" construct (or DECnet "::" / ":."); returns 1
 * if the char is done, 0 to go on to the address-char step. */
static int crack_colon(struct crack *c)
{
	if (*c->p == ':' || *c->p == '.') {
		c->quoteit = 1;
		if (c->copylev > 0) {   /* sic: the ':' goes out twice */
			crack_put(c, ':');
			crack_put(c, *c->p);
		}
		c->p++;
		return 0;
	}
	c->gotcolon = 1;
	crack_phrase(c, ':', c->head + 1);
	while (crack_space((unsigned char)*c->p))
		crack_put(c, *c->p++);
	c->head = c->bp;
	c->ahead = c->p;
	return 1;
}

static void crack_langle(struct crack *c)
{
	if (c->gotangle)
		c->quoteit = 1;
	c->gotangle = 1;
	c->anglelev = 1;
	if (crack_room(c)) {
		if (!c->addangle)
			c->lim--;
		c->addangle = 1;
	}
	crack_phrase(c, '<', c->buf + 1);
}

static void crack_rangle(struct crack *c)
{
	if (c->anglelev > 0) {
		c->anglelev--;
		if (crack_room(c)) {
			if (c->addangle)
				c->lim++;
			c->addangle = 0;
		}
	} else if (crack_room(c)) {
		/* unmatched '>': take it back */
		if (c->copylev > 0 && c->bp > c->head)
			c->bp--;
		c->quoteit = 1;
		return;
	}
	if (c->copylev++ <= 0)
		crack_put(c, '>');
}

/* Comments; returns 1 if the char was consumed. */
static int crack_comment(struct crack *c, int ch)
{
	if (ch == '(') {
		c->cmtlev++;
		if (crack_room(c)) {      /* room for the closing paren */
			c->lim--;
			c->realcmtlev++;
			if (c->copylev++ <= 0) {
				if (c->bp != c->head)
					crack_put(c, ' ');
				crack_put(c, '(');
			}
		}
	}
	if (c->cmtlev > 0) {
		if (ch == ')') {
			c->cmtlev--;
			c->copylev--;
			if (crack_room(c)) {
				c->realcmtlev--;
				c->lim++;
			}
		}
		return 1;
	}
	if (ch == ')' && c->copylev > 0 && crack_room(c) && c->bp > c->head)
		c->bp--;          /* unmatched ')': take it back, go on */
	return 0;
}

/* A '"' outside comments; quotes being copied reserve their closing. */
static void crack_quote(struct crack *c)
{
	c->qmode = !c->qmode;
	if (c->copylev > 0 && crack_room(c)) {
		if (c->realqmode)
			c->lim--;
		else
			c->lim++;     /* sic: see the top of the file */
		c->realqmode = !c->realqmode;
	}
}

/* One input character (outside quotes, comments and escapes). */
static void crack_plain(struct crack *c, int ch)
{
	if (ch == '[')
		c->bracklev++;
	else if (ch == ']')
		c->bracklev--;
	if (ch == ':' && c->anglelev <= 0 && c->bracklev <= 0 && !c->gotcolon &&
	    !c->colon_ok) {
		if (crack_colon(c))
			return;
		crack_putg(c);
		return;
	}
	if (ch == ';' && c->copylev <= 0 && !c->colon_ok)
		crack_put(c, ';');
	if (ch != '\0' && strchr(c->mustquote, ch) != NULL)
		c->quoteit = 1;
	if (ch == '<')
		crack_langle(c);
	else if (ch == '>')
		crack_rangle(c);
	else
		crack_putg(c);
}

static void crack_char(struct crack *c, int ch)
{
	if (c->copylev > 0)
		crack_put(c, ch);
	if (ch == '\\') {
		if (c->cmtlev <= 0 && !c->qmode)
			c->quoteit = 1;
		if (*c->p != '\0') {
			ch = (unsigned char)*c->p++;
			if (c->copylev > 0)
				crack_put(c, ch);
		}
		crack_putg(c);
		return;
	}
	if (ch == '"' && c->cmtlev <= 0) {
		crack_quote(c);
		return;
	}
	if (c->qmode) {
		crack_putg(c);
		return;
	}
	if (!crack_comment(c, ch))
		crack_plain(c, ch);
}

char *crackaddr(const char *addr, int colon_ok, const char *mustquote)
{
	if (tTd(33, 1))
		fprintf(debug_fp(), "crackaddr(%s)\n", addr);
	struct crack *c = mem_zalloc(sizeof *c);
	c->bp = c->buf;
	c->lim = c->end = &c->buf[CRACK_BUFSIZE - 1];
	c->colon_ok = colon_ok;
	c->mustquote = mustquote ? mustquote : CRACK_MUSTQUOTE;
	while (crack_space((unsigned char)*addr))   /* kept, outside phrases */
		crack_put(c, *addr++);
	c->head = c->bp;
	c->addr = c->ahead = c->p = addr;
	while (*c->p != '\0' && !c->failed)
		crack_char(c, (unsigned char)*c->p++);
	/* repair any syntactic damage */
	if (c->realqmode && c->bp < c->end)
		*c->bp++ = '"';
	while (c->realcmtlev-- > 0 && c->bp < c->end)
		*c->bp++ = ')';
	if (c->addangle && c->bp < c->end)
		*c->bp++ = '>';
	char *out;
	if (c->bp < c->end && !c->failed)
		out = mem_strndup(c->buf, (size_t)(c->bp - c->buf));
	else
		out = mem_strdup("<\201g>");   /* did not fit */
	mem_free(c);
	if (tTd(33, 1)) {
		fputs("crackaddr=>`", debug_fp());
		debug_xputs(debug_fp(), out);
		fputs("'\n", debug_fp());
	}
	return out;
}
