/* qrun_select.c - which queued jobs a queue run (or -Q) works on: the
 * -q[!]I/R/S/Q selectors (same letter OR-ed, different letters AND-ed;
 * I is case-sensitive on the ID, the others case-insensitive substrings
 * of the sender, a recipient address, the quarantine reason). Reads only
 * the parsed qf image it is given. */
#include <strings.h>
#include "qrun.h"
#include "../libsmutil/qf.h"
#include "../libsmutil/poison.h"

static int qrun_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (hay == NULL)
		return 0;
	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return n == 0;
}

static int qrun_sel_match(const struct qrun_sel *s, const char *id, const struct qf_env *e)
{
	switch (s->letter) {
	case 'I':
		return strstr(id, s->text) != NULL;
	case 'S':
		return e != NULL && qrun_contains(e->sender, s->text);
	case 'Q':
		return e != NULL && qrun_contains(e->quarmsg, s->text);
	default:
		if (e == NULL)
			return 0;
		for (size_t i = 0; i < e->nrcpts; i++)
			if (qrun_contains(e->rcpts[i].addr, s->text))
				return 1;
		return 0;
	}
}

int qrun_select(const struct qrun_opts *o, const char *id, const struct qf_env *e)
{
	static const char letters[] = "IRSQ";
	for (const char *l = letters; *l != '\0'; l++) {
		int have = 0, any = 0;
		for (int i = 0; i < o->nsel; i++) {
			const struct qrun_sel *s = &o->sel[i];
			if (s->letter != *l)
				continue;
			have = 1;
			int m = qrun_sel_match(s, id, e);
			any |= s->negate ? !m : m;
		}
		if (have && !any)
			return 0;
	}
	return 1;
}
