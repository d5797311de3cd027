/* token_scan.c - sendmail's address tokenizer ("prescan"): the three
 * character-class tables built from OperatorChars and the scanning state
 * machine with its quoting, comment, angle-bracket and repair rules.
 * Touches only its arguments (tokens go to the caller's arena) and
 * reports problems through err.h. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include "token.h"
#include "meta.h"
#include "err.h"
#include "../libsmutil/poison.h"

/* character classes / scanner states */
enum { C_OPR = 0, C_ATM = 1, C_QST = 2, C_SPC = 3, C_ONE = 4, C_ILL = 5 };
#define ST_TYPE  017
#define ST_DROP  020   /* character is consumed, not stored */
#define ST_BREAK 040   /* the current token ends before this char */

/* Transition table: [current state][class of next char]. */
static const unsigned char tok_next[6][6] = {
	/* from OPR */ { C_OPR | ST_BREAK, C_ATM | ST_BREAK, C_QST | ST_BREAK,
			 C_SPC | ST_DROP | ST_BREAK, C_ONE | ST_BREAK, C_ILL | ST_DROP | ST_BREAK },
	/* from ATM */ { C_OPR | ST_BREAK, C_ATM, C_QST | ST_BREAK,
			 C_SPC | ST_DROP | ST_BREAK, C_ONE | ST_BREAK, C_ILL | ST_DROP | ST_BREAK },
	/* from QST */ { C_QST, C_QST, C_OPR, C_QST, C_QST, C_QST },
	/* from SPC */ { C_OPR, C_ATM, C_QST, C_SPC | ST_DROP, C_ONE, C_ILL | ST_DROP | ST_BREAK },
	/* from ONE */ { C_OPR, C_OPR, C_OPR, C_OPR, C_OPR, C_ILL | ST_DROP | ST_BREAK },
	/* from ILL */ { C_OPR | ST_BREAK, C_ATM | ST_BREAK, C_QST | ST_BREAK,
			 C_SPC | ST_DROP | ST_BREAK, C_ONE | ST_BREAK, C_ILL | ST_DROP },
};

struct tok_tables {
	unsigned char tab[3][256];
};

/* Fill the low (ASCII) half shared by all three tables. */
static void tok_fill_low(unsigned char *t, int parens_are_ops)
{
	for (int i = 0; i < 128; i++)
		t[i] = C_ATM;
	t['\t'] = t['\n'] = t['\v'] = t['\f'] = t['\r'] = t[' '] = C_SPC;
	t['"'] = C_QST;
	t['('] = t[')'] = parens_are_ops ? C_OPR : C_SPC;
}

/* High half of the internal tables: metachars 0200-0237 are operators,
 * except the ones that carry an id byte, which glue it (ONE). */
static void tok_fill_high_internal(unsigned char *t)
{
	for (int i = 0200; i < 0400; i++)
		t[i] = (i < 0240) ? C_OPR : C_ATM;
	t[META_MACRODEXPAND] = t[META_MATCHCLASS] = t[META_MATCHNCLASS] = C_ONE;
	t[META_MATCHREPL] = t[META_QUOTE] = C_ONE;
}

struct tok_tables *tok_tables_new(const char *operators)
{
	struct tok_tables *tt = mem_zalloc(sizeof *tt);
	static const char fixed[] = "()<>,;\r\n";
	tok_fill_low(tt->tab[TOK_EXTERNAL], 0);
	for (int i = 0200; i < 0400; i++)
		tt->tab[TOK_EXTERNAL][i] = C_ATM;
	tok_fill_low(tt->tab[TOK_INTERNAL], 0);
	tok_fill_high_internal(tt->tab[TOK_INTERNAL]);
	tok_fill_low(tt->tab[TOK_NOCOMMENT], 1);
	tok_fill_high_internal(tt->tab[TOK_NOCOMMENT]);
	if (operators == NULL)
		operators = ".:@[]";
	for (int pass = 0; pass < 2; pass++) {
		const unsigned char *p = (const unsigned char *)(pass ? fixed : operators);
		for (; *p != '\0'; p++)
			for (int w = 0; w < 3; w++)
				if (tt->tab[w][*p] == C_ATM)
					tt->tab[w][*p] = C_OPR;
	}
	return tt;
}

void tok_tables_free(struct tok_tables *t)
{
	mem_free(t);
}

/* Is the token an atom (for cataddr's blank substitution)? */
int tok_is_atom(const struct tok_tables *t, const char *tok)
{
	return t->tab[TOK_INTERNAL][(unsigned char)tok[0]] == C_ATM;
}

/* Scanner working state. */
struct scan {
	const unsigned char *tab;
	const char *addr, *p;
	int delim, flags;
	char buf[PSBUFSIZE];
	char *q;                 /* write pointer in buf */
	char *av[MAXATOM + 1];
	int nav;
	int bsl;                 /* backslash mode (persists across tokens) */
};

/* Report a repair/limit error. Like the reference, the scanned text
 * becomes the "addr... " context and stays so after the scan (later
 * messages of the same parse keep the prefix). */
static void tok_err(struct scan *s, const char *msg)
{
	if (s->flags & PS_IGNORE)
		return;
	err_set_addr(s->addr);
	err_usrerr("%s", msg);
}

#define NOCHAR (-1)

/* Does the '<' at p-1 start route syntax (next non-space is '@')? */
static int tok_route(const char *p)
{
	while (*p != '\0' && (unsigned char)*p < 0200 && isspace((unsigned char)*p))
		p++;
	return *p == '@';
}

/* Chew up comments, angle brackets and backslashes; returns the (possibly
 * replaced) character or NOCHAR. *bsl tracks backslash mode. */
static int tok_special(struct scan *s, int c, int state, int *cmnt, int *angle, int *bsl,
		       int *route)
{
	if (c == '\\')
		*bsl = 1;
	else if (state == C_QST)
		;
	else if (c == '(' && s->tab['('] == C_SPC)
		(*cmnt)++, c = NOCHAR;
	else if (c == ')' && s->tab['('] == C_SPC) {
		if (*cmnt <= 0) {
			if (!(s->flags & PS_IGNORE)) {
				tok_err(s, "553 Unbalanced ')'");
				c = NOCHAR;
			}
		} else
			(*cmnt)--;
	} else if (*cmnt > 0)
		c = NOCHAR;
	else if (c == '<') {
		(*angle)++;
		if (tok_route(s->p))   /* set by "<@", cleared only by '>' */
			*route = 1;
	} else if (c == '>') {
		*route = 0;
		if (*angle <= 0) {
			if (!(s->flags & PS_IGNORE)) {
				tok_err(s, "553 Unbalanced '>'");
				c = NOCHAR;
			}
		} else
			(*angle)--;
	} else if (s->delim == ' ' && c < 0200 && isspace(c))
		c = ' ';
	return c;
}

/* Store c into the buffer; -1 if the buffer is full. */
static int tok_store(struct scan *s, int c)
{
	if (s->q >= &s->buf[PSBUFSIZE - 5]) {
		tok_err(s, "553 5.1.1 Address too long");
		return -1;
	}
	if (c == 0377)
		c = 0177;
	*s->q++ = (char)c;
	return 0;
}

/* Scan one token into buf; returns the last char read (0 at end, delim at
 * delimiter, NOCHAR/other otherwise) or -2 on overflow. */
static int tok_one(struct scan *s, int *c, int *state, int *cmnt, int *angle, int *route)
{
	for (;;) {
		if (*c != NOCHAR && !s->bsl && tok_store(s, *c) < 0)
			return -2;
		*c = (unsigned char)*s->p++;
		if (*c == '\0') {
			if (s->flags & PS_IGNORE)
				break;
			if (*state == C_QST) {
				tok_err(s, "553 Unbalanced '\"'");
				*c = '"';
			} else if (*cmnt > 0) {
				tok_err(s, "553 Unbalanced '('");
				*c = ')';
			} else if (*angle > 0) {
				*c = '>';
				tok_err(s, "553 Unbalanced '<'");
			} else
				break;
			s->p--;
		} else if (*c == s->delim && *cmnt <= 0 && *state != C_QST) {
			if (*angle <= 0)
				break;
			if (s->delim == ',' && !*route && !(s->flags & PS_IGNORE)) {
				tok_err(s, "553 Unbalanced '<'");
				*c = '>';
				s->p--;
			}
		}
		if (s->bsl) {
			s->bsl = 0;
			if (*cmnt > 0) {
				*c = NOCHAR;
				continue;
			}
			if (*c != '!' || *state == C_QST) {
				if (s->q >= &s->buf[PSBUFSIZE - 5]) {
					tok_err(s, "553 5.1.1 Address too long");
					return -2;
				}
				*s->q++ = '\\';
				continue;
			}
		}
		*c = tok_special(s, *c, *state, cmnt, angle, &s->bsl, route);
		if (*c == NOCHAR)
			continue;
		if (*c == s->delim && *angle <= 0 && *state != C_QST)
			break;
		int ns = tok_next[*state][s->tab[*c & 0xff]];
		*state = ns & ST_TYPE;
		if (*state == C_ILL) {
			char m[64];
			if (*c < 0200 && isprint(*c))
				snprintf(m, sizeof m, "553 Illegal character %c", *c);
			else
				snprintf(m, sizeof m, "553 Illegal character 0x%02x", *c & 0xff);
			tok_err(s, m);
		}
		if (ns & ST_DROP)
			*c = NOCHAR;
		if (ns & ST_BREAK)
			break;
	}
	return *c;
}

/* Finish the token started at tok; -1 on a limit error. */
static int tok_finish(struct scan *s, char *tok)
{
	if (tok == s->q)
		return 0;
	if (s->q >= &s->buf[PSBUFSIZE - 5]) {
		tok_err(s, "553 5.1.1 Address too long");
		return -1;
	}
	*s->q++ = '\0';
	if (s->nav >= MAXATOM) {
		tok_err(s, "553 5.1.0 prescan: too many tokens");
		return -1;
	}
	if (s->q - tok - 1 > MAXNAME) {   /* the text, without its NUL */
		tok_err(s, "553 5.1.0 prescan: token too long");
		return -1;
	}
	s->av[s->nav++] = tok;
	return 0;
}

/* Copy the scanned tokens into the arena as one vector + one text block. */
static void tok_export(struct scan *s, struct arena *ar, struct prescan_res *res)
{
	size_t textlen = (size_t)(s->q - s->buf);
	char *text = arena_alloc(ar, textlen ? textlen : 1);
	char **v = arena_alloc(ar, (size_t)(s->nav + 1) * sizeof *v);
	memcpy(text, s->buf, textlen);
	for (int i = 0; i < s->nav; i++)
		v[i] = text + (s->av[i] - s->buf);
	v[s->nav] = NULL;
	res->pvp = s->nav ? v : NULL;
	res->ntok = s->nav;
}

int prescan_ex(const struct tok_tables *t, enum tok_table which, const char *addr,
	       int delim, int flags, struct arena *ar, struct prescan_res *res)
{
	static struct scan scanbuf;   /* large; prescan never nests */
	struct scan *mine = &scanbuf;
	int c = NOCHAR, state = C_ATM, cmnt = 0, angle = 0, route = 0, rv = 0;
	mine->tab = t->tab[which];
	mine->addr = mine->p = addr;
	mine->delim = delim;
	mine->flags = flags;
	mine->q = mine->buf;
	mine->nav = 0;
	mine->bsl = 0;
	errno = 0;
	do {
		char *tok = mine->q;
		if (tok_one(mine, &c, &state, &cmnt, &angle, &route) == -2 ||
		    tok_finish(mine, tok) < 0) {
			rv = -1;
			break;
		}
	} while (c != '\0' && (c != delim || angle > 0));
	if (mine->p > addr)
		mine->p--;
	res->end = mine->p;
	if (rv < 0) {
		res->pvp = NULL;
		res->ntok = 0;
	} else
		tok_export(mine, ar, res);
	return rv;
}

int prescan(const struct tok_tables *t, enum tok_table which, const char *addr,
	    int delim, struct arena *ar, struct prescan_res *res)
{
	return prescan_ex(t, which, addr, delim, 0, ar, res);
}
