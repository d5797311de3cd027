/* token_print.c - token-vector helpers: sendmail's printav/xputs display
 * (the -bt trace format), cataddr-style joining, counting and copying.
 * Touches only its arguments and the given FILE. */
#include <string.h>
#include "token.h"
#include "meta.h"
#include "macro.h"
#include "debug.h"
#include "../libsmutil/poison.h"

/* metasymbol byte -> display letter (0 = none) */
static char tok_metaname(int c)
{
	switch (c) {
	case META_MATCHZANY: return '*';
	case META_MATCHANY: return '+';
	case META_MATCHONE: return '-';
	case META_MATCHCLASS: return '=';
	case META_MATCHNCLASS: return '~';
	case META_CANONNET: return '#';
	case META_CANONHOST: return '@';
	case META_CANONUSER: return ':';
	case META_CALLSUBR: return '>';
	case META_CONDIF: return '?';
	case META_CONDELSE: return '|';
	case META_CONDFI: return '.';
	case META_HOSTBEGIN: return '[';
	case META_HOSTEND: return ']';
	case META_LOOKUPBEGIN: return '(';
	case META_LOOKUPEND: return ')';
	default: return 0;
	}
}

/* Print an ASCII char: printable as is, \n \r \t escaped, others nothing. */
static void tok_printchar(FILE *fp, int c)
{
	if (c >= 0x20 && c < 0x7f) {
		putc(c, fp);
		return;
	}
	if (c == '\n')
		c = 'n';
	else if (c == '\r')
		c = 'r';
	else if (c == '\t')
		c = 't';
	else
		return;
	putc('\\', fp);
	putc(c, fp);
}

/* Print a macro/class id byte: long ids as {name}. */
static void tok_printid(FILE *fp, int id)
{
	if (id & 0200)
		fputs(macname(id), fp);
	else
		putc(id, fp);
}

/* Handle one high byte at s[-1] == c; returns the advanced pointer. */
static const unsigned char *tok_xhigh(FILE *fp, int c, const unsigned char *s)
{
	if (c == META_MATCHREPL) {
		putc('$', fp);
		if (*s != '\0')
			tok_printchar(fp, *s++);
		return s;
	}
	if (c == META_MACROEXPAND || c == META_MACRODEXPAND) {
		fputs(c == META_MACRODEXPAND ? "$&" : "$", fp);
		if (*s == '\0')
			return s;
		if (strchr("=~&?", *s) != NULL)
			putc(*s++, fp);
		if (*s != '\0')
			tok_printid(fp, *s++);
		return s;
	}
	char name = tok_metaname(c);
	if (name != 0) {
		putc('$', fp);
		putc(name, fp);
		if ((c == META_MATCHCLASS || c == META_MATCHNCLASS ||
		     c == META_CONDIF) && *s != '\0')
			tok_printid(fp, *s++);
		return s;
	}
	fputs("M-", fp);
	tok_printchar(fp, c & 0177);
	return s;
}

void tok_xputs(FILE *fp, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	int c;
	if (str == NULL) {
		fputs("<null>", fp);
		return;
	}
	while ((c = *s++) != '\0') {
		if (tTd(84, 1) && ((c & 0200) || c < 040))
			fprintf(fp, " 0x%x ", c);   /* -d84.1: raw byte values */
		else if (c & 0200)
			s = tok_xhigh(fp, c, s);
		else
			tok_printchar(fp, c);
	}
}

void tok_print(FILE *fp, char *const *pvp)
{
	if (pvp != NULL)
		for (; *pvp != NULL; pvp++) {
			putc(' ', fp);
			tok_xputs(fp, *pvp);
		}
	putc('\n', fp);
}

void tok_join_t(struct str *out, const struct tok_tables *t, char *const *pvp,
		int n, int spacesub, int external)
{
	int prev_atom = 0;
	str_clear(out);
	if (pvp == NULL)
		return;
	for (int i = 0; pvp[i] != NULL && (n < 0 || i < n); i++) {
		const char *q = pvp[i];
		int atom = tok_is_atom(t, q);
		if (prev_atom && atom && spacesub != 0)
			str_addc(out, spacesub);
		if (!external || strchr(q, (char)META_QUOTE) == NULL)
			str_add(out, q);
		else
			for (; *q != '\0'; q++) {
				if ((unsigned char)*q == META_QUOTE && q[1] != '\0')
					q++;
				str_addc(out, (unsigned char)*q);
			}
		prev_atom = atom;
	}
}

/* Default tables (OperatorChars ".:@[]") for callers without a config. */
static const struct tok_tables *tok_default_tables(void)
{
	static struct tok_tables *def;
	if (def == NULL)
		def = tok_tables_new(NULL);
	return def;
}

void tok_join(struct str *out, char *const *pvp, int spacesub)
{
	tok_join_t(out, tok_default_tables(), pvp, -1, spacesub, 0);
}

int tok_count(char *const *pvp)
{
	int n = 0;
	if (pvp != NULL)
		while (pvp[n] != NULL)
			n++;
	return n;
}

char **tok_copy(struct arena *ar, char *const *pvp, int n)
{
	int cnt = tok_count(pvp);
	if (n < 0 || n > cnt)
		n = cnt;
	char **v = arena_alloc(ar, (size_t)(n + 1) * sizeof *v);
	for (int i = 0; i < n; i++)
		v[i] = arena_strdup(ar, pvp[i]);
	v[n] = NULL;
	return v;
}
