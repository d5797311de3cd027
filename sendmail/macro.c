/* macro.c - macro ids ($x, ${name}), macro value scopes, the cf-level
 * $-notation translation and run-time expansion ($x, $?x $| $.).
 * Process-wide state: the long-name id registry (like sendmail's). */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include "macro.h"
#include "meta.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define MAXMACNAMELEN 25
#define FIRSTLONGID   0240

/* Like the reference: {opMode} has the fixed id 0202 and {deliveryMode}
 * and {load_avg} are named before the cf is read (0240, 0241). */
static char *macro_longname[256] = {
	[0202] = "{opMode}", [0240] = "{deliveryMode}", [0241] = "{load_avg}",
};
static int macro_nextid = FIRSTLONGID + 2;
static char macro_short[256][2];

/* The names the reference first allocates right after reading the cf. */
static const char *const macro_postcf[] = {
	"checkMIMEFieldHeaders", "checkMIMETextHeaders", "checkMIMEHeaders",
	"persistentMacros", "quarantine", "addr_type",
};
static int macro_cfdone;            /* macro_ids_after_cf() has run */
static int macro_tempid = MAXMACROID + 1; /* lowest id handed out from the top */

static int macro_is_postcf(const char *name)
{
	for (size_t i = 0; i < sizeof macro_postcf / sizeof macro_postcf[0]; i++)
		if (strcmp(name, macro_postcf[i]) == 0)
			return 1;
	return 0;
}

/* Registered id of name (no braces), 0 if none; the temporary ids at the
 * top win over their place-holders in the ordinary sequence. */
static int macro_findid(const char *name)
{
	size_t len = strlen(name);
	for (int id = MAXMACROID; id >= FIRSTLONGID; id--) {
		if (id < macro_tempid && id >= macro_nextid)
			continue;
		if (macro_longname[id] != NULL &&
		    strncmp(macro_longname[id] + 1, name, len) == 0 &&
		    strcmp(macro_longname[id] + 1 + len, "}") == 0)
			return id;
	}
	return 0;
}

/* Name id with "{name}". */
static void macro_setname(int id, const char *name)
{
	size_t len = strlen(name);
	char *s = mem_alloc(len + 3);
	s[0] = '{';
	memcpy(s + 1, name, len);
	s[len + 1] = '}';
	s[len + 2] = '\0';
	macro_longname[id] = s;
}

/* Find or allocate the id for a long name (no braces). Names the reference
 * allocates only after the cf, asked for before (our predefinitions), get a
 * temporary id from the top so that the cf's names get the reference's. */
static int macro_longid(const char *name)
{
	if (strcmp(name, "opMode") == 0)
		return 0202;
	int id = macro_findid(name);
	if (id != 0)
		return id;
	if (!macro_cfdone && macro_is_postcf(name) && macro_tempid - 1 > macro_nextid) {
		macro_setname(--macro_tempid, name);
		return macro_tempid;
	}
	if (macro_nextid >= macro_tempid || macro_nextid > MAXMACROID - 1) {
		errno = 0;
		err_syserr("Macro/class {%s}: too many long names", name);
		return 0;
	}
	macro_setname(macro_nextid, name);
	return macro_nextid++;
}

int macid_parse(const char *p, const char **ep)
{
	char mbuf[MAXMACNAMELEN + 1];
	size_t n = 0;
	int id = 0;
	if (*p == '\0' || (p[0] == '{' && p[1] == '}')) {
		errno = 0;
		err_syserr("Name required for macro/class");
		if (ep)
			*ep = *p == '\0' ? p : p + 2;
		return 0;
	}
	if (*p != '{') {
		if (ep)
			*ep = p + 1;
		return (unsigned char)*p;
	}
	while (*++p != '\0' && *p != '}' && n < sizeof mbuf - 1) {
		if ((unsigned char)*p < 0200 && (isalnum((unsigned char)*p) || *p == '_'))
			mbuf[n++] = *p;
		else {
			errno = 0;
			err_syserr("Invalid macro/class character %c", *p);
		}
	}
	mbuf[n] = '\0';
	if (*p != '}') {
		errno = 0;
		if (*p == '\0')
			err_syserr("Unbalanced { on %s", mbuf);
		else
			err_syserr("Macro/class name ({%s}) too long (%d chars max)", mbuf,
				   MAXMACNAMELEN);
		/* like sendmail, the id is then -1, which cannot be assigned */
		errno = 0;
		err_syserr("Unable to assign macro/class ID (mid = 0x%x)", 0xffffffffU);
	} else {
		if (n == 1 && (unsigned char)mbuf[0] >= 0x20)
			id = (unsigned char)mbuf[0];
		else if (n > 0)
			id = macro_longid(mbuf);
		p++;
	}
	if (ep)
		*ep = p;
	return id;
}

int macid(const char *name)
{
	const char *ep;
	if (name == NULL || *name == '\0')
		return 0;
	if (name[0] != '{' && name[1] != '\0') {
		/* bare long name */
		return macro_longid(name);
	}
	return macid_parse(name, &ep);
}

const char *macname(int id)
{
	id &= 0377;
	if ((id >= FIRSTLONGID || id == 0202) && macro_longname[id] != NULL)
		return macro_longname[id];
	if (id >= FIRSTLONGID)
		return "{***UNDEFINED MACRO***}";
	macro_short[id][0] = (char)id;
	macro_short[id][1] = '\0';
	return macro_short[id];
}

void macro_init_ids(void)
{
	/* metasymbols are handled directly by macro_translate/macro_expand */
}

void macro_ids_after_cf(void)
{
	const char *const *names = macro_postcf;
	size_t nnames = sizeof macro_postcf / sizeof macro_postcf[0];
	if (macro_cfdone)
		return;
	macro_cfdone = 1;
	for (size_t i = 0; i < nnames; i++) {
		int id = macro_findid(names[i]);
		if (id != 0 && id < macro_tempid)
			continue;
		if (macro_nextid >= macro_tempid)
			break;
		/* a temporary id keeps its data; its place-holder shows the name */
		macro_setname(macro_nextid++, names[i]);
	}
}

void macros_init(struct macros *m, struct macros *parent)
{
	memset(m->val, 0, sizeof m->val);
	m->parent = parent;
}

void macros_free(struct macros *m)
{
	for (int i = 0; i < 256; i++) {
		mem_free(m->val[i]);
		m->val[i] = NULL;
	}
}

const char *macro_get(const struct macros *m, int id)
{
	id &= 0377;
	for (; m != NULL; m = m->parent)
		if (m->val[id] != NULL)
			return m->val[id];
	return NULL;
}

void macro_set(struct macros *m, int id, const char *value)
{
	id &= 0377;
	char *old = m->val[id];
	m->val[id] = value ? mem_strdup(value) : NULL;
	mem_free(old);
}

/* Metasymbol byte for "$c" (0 if c names an ordinary macro). Bytes that
 * take an id (& = ~ ?) or a digit are flagged with 0x100. */
static int macro_metabyte(int c)
{
	switch (c) {
	case '*': return META_MATCHZANY;
	case '+': return META_MATCHANY;
	case '-': return META_MATCHONE;
	case '#': return META_CANONNET;
	case '@': return META_CANONHOST;
	case ':': return META_CANONUSER;
	case '>': return META_CALLSUBR;
	case '|': return META_CONDELSE;
	case '.': return META_CONDFI;
	case '[': return META_HOSTBEGIN;
	case ']': return META_HOSTEND;
	case '(': return META_LOOKUPBEGIN;
	case ')': return META_LOOKUPEND;
	case '&': return 0x100 | META_MACRODEXPAND;
	case '=': return 0x100 | META_MATCHCLASS;
	case '~': return 0x100 | META_MATCHNCLASS;
	case '?': return 0x100 | META_CONDIF;
	default:
		if (c >= '0' && c <= '9')
			return 0x200 | META_MATCHREPL;
		return 0;
	}
}

/* Translate the "$..." at in (in[0] == '$', in[1] != 0) like the
 * reference: every "$c" becomes MACROEXPAND c ($= $~ $& $? keep their
 * operator char before the id); metasymbols only appear on expansion,
 * as the values of the predefined macros * + - ... 0-9. Returns chars
 * used, 0 when the name was bad: like the reference (which stores the
 * failed id, 0, as a NUL in the line) the rest of the line is dropped. */
static size_t macro_tr_dollar(struct str *out, const char *in)
{
	const char *ep;
	const char *p = in + 1;
	if (*p == '$') {
		str_addc(out, '$');
		return 2;
	}
	str_addc(out, META_MACROEXPAND);
	if (*p == '=' || *p == '~' || *p == '&' || *p == '?')
		str_addc(out, *p++);
	int id = macid_parse(p, &ep);
	if (id == 0)
		return 0;
	str_addc(out, id);
	return (size_t)(ep - in);
}

void macro_translate(struct str *out, const char *in, int cfcomments)
{
	str_clear(out);
	for (size_t i = 0; in[i] != '\0';) {
		if (in[i] == '$' && in[i + 1] != '\0') {
			size_t used = macro_tr_dollar(out, in + i);
			if (used == 0)
				break;
			i += used;
			continue;
		}
		if (in[i] == '#' && cfcomments && i > 0) {
			if (in[i - 1] == '\\' && out->len > 0) {
				out->s[out->len - 1] = '#';
				i++;
				continue;
			}
			while (out->len > 0 && (out->s[out->len - 1] == ' ' ||
						out->s[out->len - 1] == '\t'))
				str_truncate(out, out->len - 1);
			while (in[i] != '\0' && in[i] != '\n')
				i++;
			continue;
		}
		str_addc(out, (unsigned char)in[i++]);
	}
}

/* Value of macro id during expansion; undefined metasymbol names
 * (reached as ${*} etc.) give their metasymbol byte like sendmail's
 * predefined macros. buf must have room for 3 bytes. */
static const char *macro_value(const struct macros *m, int id, char *buf)
{
	const char *v = macro_get(m, id);
	if (v != NULL)
		return v;
	int mb = macro_metabyte(id);
	if (mb == 0)
		return NULL;
	buf[0] = (char)(mb & 0377);
	buf[1] = (mb & 0x200) ? (char)id : '\0';
	buf[2] = '\0';
	return buf;
}

/* One expansion pass; returns 1 if a macro value contained metachars. */
static int macro_pass(struct str *xb, const unsigned char *s, const struct macros *m)
{
	int skipping = 0, skiplev = 0, iflev = 0, recurse = 0;
	char mbuf[3];
	for (; *s != '\0'; s++) {
		int c = *s;
		const char *q = NULL;
		switch (c) {
		case META_CONDIF:
			if (s[1] == '\0')
				continue;
			c = *++s;
			if (skipping)
				skiplev++;
			else {
				const char *mv = macro_value(m, c, mbuf);
				skipping = (mv == NULL || *mv == '\0');
			}
			iflev++;
			continue;
		case META_CONDELSE:
			if (iflev == 0)
				break;
			if (skiplev == 0)
				skipping = !skipping;
			continue;
		case META_CONDFI:
			if (iflev == 0)
				break;
			iflev--;
			if (skiplev == 0)
				skipping = 0;
			if (skipping)
				skiplev--;
			continue;
		case META_MACROEXPAND:
			if (s[1] == '\0')
				continue;
			q = macro_value(m, *++s, mbuf);
			if (q == NULL)
				continue;
			break;
		}
		if (skipping)
			continue;
		if (q == NULL) {
			str_addc(xb, c);
			continue;
		}
		int hide = 0;
		for (; *q != '\0'; q++) {
			int qc = (unsigned char)*q;
			if (!hide && (qc & 0340) == 0200)
				recurse = 1;
			str_addc(xb, qc);
			hide = (qc == META_QUOTE);
		}
	}
	return recurse;
}

void macro_expand(struct str *out, const char *in, const struct macros *m)
{
	struct str a, b;
	str_init(&a, 0);
	str_init(&b, 0);
	const char *src = in;
	int level = 0;
	for (;;) {
		str_clear(&a);
		int rec = macro_pass(&a, (const unsigned char *)src, m);
		if (!rec)
			break;
		if (++level > 10) {
			errno = 0;
			err_syserr("expand: recursion too deep (%d max)", 10);
			break;
		}
		str_clear(&b);
		str_add(&b, a.s);
		src = b.s;
	}
	str_clear(out);
	str_add(out, a.s);
	str_free(&a);
	str_free(&b);
}
