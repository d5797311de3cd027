/* mm_parse.c - makemap's input-line parser: splits "key<sep>value" lines
 * the way sendmail's makemap does (ASCII white space or the -t byte ends
 * the key, a run of separators is skipped, the rest is the value).
 * Touches only the line buffer it is given. */
#include <ctype.h>
#include <string.h>
#include "mm_parse.h"
#include "../libsmutil/poison.h"

/* Is c a key/value separator under o? */
static int mm_issep(int c, const struct mm_popts *o)
{
	if (o->sep == 0)
		return c != 0 && isascii(c) && isspace(c);
	return c == o->sep;
}

int mm_parse_chomp(char *buf)
{
	char *nl = strchr(buf, '\n');
	if (nl == NULL)
		return 0;
	*nl = '\0';
	return 1;
}

enum mm_pres mm_parse_line(char *line, const struct mm_popts *o, struct mm_rec *r)
{
	unsigned char *p = (unsigned char *)line;
	if (p[0] == '\0' || p[0] == (unsigned char)o->comment)
		return MM_SKIP;
	if (o->sep == 0 && isascii(p[0]) && isspace(p[0]))
		return MM_LEADSP;
	for (; *p != '\0' && !mm_issep(*p, o); p++) {
		if (o->foldcase && isascii(*p) && isupper(*p))
			*p = (unsigned char)tolower(*p);
	}
	r->key = line;
	r->klen = (size_t)((char *)p - line) + (o->inclnull ? 1 : 0);
	if (*p != '\0')
		*p++ = '\0';
	while (*p != '\0' && mm_issep(*p, o))
		p++;
	r->val = (char *)p;
	if (*p == '\0' && !o->allowempty)
		return MM_NORHS;
	r->vlen = strlen(r->val) + (o->inclnull ? 1 : 0);
	return MM_REC;
}
