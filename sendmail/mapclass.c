/* mapclass.c - helpers shared by the algorithmic and network map classes:
 * flag-word scanning, sendmail's map_rewrite (%0..%9, -a) and -m.
 * Touches only the struct map it is given. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "mapclass.h"
#include "map_int.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

/* Parse "\n" "\t" "\\" "\x" or a plain char; 0 for "". */
int mapclass_charval(const char *val)
{
	if (val[0] != '\\')
		return (unsigned char)val[0];
	switch (val[1]) {
	case 'n': return '\n';
	case 't': return '\t';
	case '\0': return '\\';
	default: return (unsigned char)val[1];
	}
}

/* Replace a heap string field. */
static void setstr(char **field, const char *val)
{
	mem_free(*field);
	*field = mem_strdup(val);
}

/* Generic flag letters (sendmail's map_parseargs); 1 if not generic. */
int mapclass_generic_flag(struct map *m, int letter, const char *val)
{
	switch (letter) {
	case 'N': m->flags |= MF_INCLNULL; m->flags &= ~MF_TRY0NULL; break;
	case 'O': m->flags &= ~MF_TRY1NULL; break;
	case 'o': m->flags |= MF_OPTIONAL; break;
	case 'f': m->flags |= MF_NOFOLDCASE; break;
	case 'm': m->flags |= MF_MATCHONLY; break;
	case 'A': m->flags |= MF_APPEND; break;
	case 'q': m->flags |= MF_KEEPQUOTES; break;
	case 't': m->flags |= MF_NODEFER; break;
	case 'D': m->flags |= MF_DEFER; break;
	case 'a': setstr(&m->app, val); break;
	case 'T': setstr(&m->tapp, val); break;
	case 'k': setstr(&m->keycol, val); break;
	case 'v': setstr(&m->valcol, val); break;
	case 'z': m->coldelim = (char)mapclass_charval(val); break;
	case 'S': m->spacesub = (char)mapclass_charval(val); break;
	case 's': m->dqspace = (char)mapclass_charval(val); break;
	case 'd': m->timeout = strtol(val, NULL, 10); break;
	case 'r': m->retries = (int)strtol(val, NULL, 10); break;
	default: return 1;
	}
	return 0;
}

/* Walk the leading "-x" words of args. */
const char *mapclass_flags(struct map *m, const char *args,
			   mapclass_flag_fn fn, void *ctx)
{
	const char *p = args ? args : "";

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '-' || p[1] == '\0')
			return p;
		int letter = (unsigned char)p[1];
		const char *v = p + 2, *e = v;
		while (*e != '\0' && *e != ' ' && *e != '\t')
			e++;
		char *val = mem_strndup(v, (size_t)(e - v));
		int r = fn ? fn(m, letter, val, ctx) : 1;
		if (r == 1)
			(void)mapclass_generic_flag(m, letter, val);
		mem_free(val);
		if (r < 0)
			return NULL;
		p = e;
	}
}

/* Does the generic wrapper (map_reg_table in map.c) rewrite results of
 * this class itself?  Then the class must hand back the raw value. */
int mapclass_wrapper_rewrites(const struct map *m)
{
	return map_reg_find(m->cls)->rewrite;
}

/* sendmail's map_rewrite: %n = av[n] (av[0] is the key; map.h), then -a
 * appended.  key is unused (the key is av[0]). */
char *mapclass_rewrite(const struct map *m, const char *s, size_t slen,
		       const char *key, char **av)
{
	(void)key;
	if (mapclass_wrapper_rewrites(m)) {
		struct str b;
		str_init(&b, 0);
		str_addn(&b, s, slen);
		return str_steal(&b);
	}
	char *val = mem_strndup(s, slen);
	char *r = map_rewrite(m, val, av);
	mem_free(val);
	return r;
}

/* -m returns the key, otherwise the value (both through map_rewrite). */
char *mapclass_result(const struct map *m, const char *val, const char *key,
		      char **av)
{
	if ((m->flags & MF_MATCHONLY) && !mapclass_wrapper_rewrites(m))
		return mapclass_rewrite(m, key, strlen(key), NULL, NULL);
	return mapclass_rewrite(m, val, strlen(val), key, av);
}

/* What follows the flags: args, or the generic parser's file/rebuild. */
char *mapclass_spec(const struct map *m, const char *args)
{
	while (args != NULL && (*args == ' ' || *args == '\t'))
		args++;
	if (args != NULL && *args != '\0')
		return mem_strdup(args);
	if (m->file == NULL)
		return NULL;
	struct str b;
	str_init(&b, 0);
	str_add(&b, m->file);
	if (m->rebuild != NULL) {
		str_addc(&b, ' ');
		str_add(&b, m->rebuild);
	}
	return str_steal(&b);
}
