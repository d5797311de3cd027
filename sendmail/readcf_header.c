/* readcf_header.c - H lines: default header templates with ?flags? or
 * ?$x? conditions, and header checks "$>rs" / "$>+rs" (sendmail's
 * chompheader for cf defaults). Touches cf->headers and ruleset names. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include "config.h"
#include "readcf.h"
#include "ruleset.h"
#include "macro.h"
#include "meta.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

static void readcf_header_syntax(const char *line)
{
	errno = 0;
	err_syserr("553 5.3.0 header syntax error, line \"%s\"", line);
}

/* The reference translates every "$c" of a cf line to MACROEXPAND c
 * (metasymbols are only made later, for rules): put ours back in that
 * form for H-line parsing and messages. */
static void readcf_header_refform(struct str *out, const char *line)
{
	static const char chars[] = "&()*+-=~#@:>?|.[]";
	static const unsigned char metas[] = { META_MACRODEXPAND, META_LOOKUPBEGIN,
		META_LOOKUPEND, META_MATCHZANY, META_MATCHANY, META_MATCHONE,
		META_MATCHCLASS, META_MATCHNCLASS, META_CANONNET, META_CANONHOST,
		META_CANONUSER, META_CALLSUBR, META_CONDIF, META_CONDELSE,
		META_CONDFI, META_HOSTBEGIN, META_HOSTEND };
	str_clear(out);
	for (const char *p = line; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		const unsigned char *m = c >= 0200 ? memchr(metas, c, sizeof metas) : NULL;
		if (c == META_MATCHREPL)
			str_addc(out, (char)META_MACROEXPAND);   /* the digit follows */
		else if (m != NULL) {
			str_addc(out, (char)META_MACROEXPAND);
			str_addc(out, chars[m - metas]);
		} else
			str_addc(out, *p);
		/* a macro/class id byte (any value) follows these */
		if ((c == META_MACROEXPAND || c == META_MACRODEXPAND || c == META_CONDIF ||
		     c == META_MATCHCLASS || c == META_MATCHNCLASS) && p[1] != '\0')
			str_addc(out, *++p);
	}
}

/* Parse "?...?" at line (line[0] == '?'); returns the text after it or
 * NULL after a syntax error. Fills h->mflags / h->macro_cond. */
static char *readcf_header_cond(char *line, struct hdr_tpl *h)
{
	char *p = line + 1, *q = strchr(p, '?');
	if (q == NULL)
		return readcf_header_syntax(line), NULL;
	*q = '\0';
	int c = (unsigned char)*p;
	if (c == META_MACROEXPAND) {   /* ?$x? */
		if (*++p == '\0' || p[1] != '\0') {
			*q = '?';
			return readcf_header_syntax(line), NULL;
		}
		h->macro_cond = (unsigned char)*p;
	} else {
		for (; *p != '\0'; p++) {
			if ((unsigned char)*p >= 0200) {
				*q = '?';
				return readcf_header_syntax(line), NULL;
			}
			h->mflags[(unsigned char)*p >> 3] |= (unsigned char)(1u << (*p & 7));
		}
	}
	return q + 1;
}

/* "$>rs" / "$>+rs" value: header check; returns 1 if it was one. */
static int readcf_header_check(struct config *cf, struct hdr_tpl *h, const char *val)
{
	struct str x;
	str_init(&x, 0);
	macro_expand(&x, val, &cf->macros);
	const char *p = x.s, *endp;
	while (isspace((unsigned char)*p))
		p++;
	if ((unsigned char)*p++ != META_CALLSUBR) {
		str_free(&x);
		return 0;
	}
	int strc = *p == '+';
	if (strc)
		p++;
	if (ruleset_parse(cf, p, &endp, 1) > 0) {
		h->ruleset = mem_strndup(p, (size_t)(endp - p));
		h->keep_comments = strc;
	}
	str_free(&x);
	return 1;
}

/* Parse the reference's form of the line (see readcf_header_refform);
 * on success nothing before the value was changed by that form, so the
 * value is taken at the same offset of our line. */
void readcf_header_H(struct config *cf, char *line)
{
	struct str rf;
	str_init(&rf, 0);
	readcf_header_refform(&rf, line + 1);
	char *start = rf.s, *p = start;
	struct hdr_tpl *h = mem_zalloc(sizeof *h);
	if (*p == '?' && (p = readcf_header_cond(start, h)) == NULL)
		goto bad;
	char *fname = p;
	while ((unsigned char)*p < 0200 && isgraph((unsigned char)*p) && *p != ':')
		p++;
	char *fend = p;
	while (isspace((unsigned char)*p))
		p++;
	if (*p++ != ':' || fname == fend) {
		readcf_header_syntax(start);
		goto bad;
	}
	*fend = '\0';
	if (*p == ' ')
		p++;
	h->name = mem_strdup(fname);
	p = line + 1 + (p - start);
	if (readcf_header_check(cf, h, p) && h->ruleset == NULL)
		goto bad;
	if (h->ruleset == NULL)
		h->value = mem_strdup(p);
	struct hdr_tpl **tail = &cf->headers;
	while (*tail != NULL)
		tail = &(*tail)->next;
	*tail = h;
	str_free(&rf);
	return;
bad:
	str_free(&rf);
	mem_free(h->name);
	mem_free(h);
}
