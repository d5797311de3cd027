/* map_lookup.c - lookups with sendmail's generic semantics: the class
 * level (key folding, -m, %0..%9, -a: what -bt's /map shows) and the
 * rewriting-engine level (lazy open, -D, dequoting, -T, -t), plus the
 * map file safety check. Touches only the maps it is given. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "map.h"
#include "map_int.h"
#include "config.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/safefile.h"
#include "../libsmutil/poison.h"

char *map_lower(const char *s)
{
	char *r = mem_strdup(s);
	for (char *p = r; *p; p++)
		if (isascii((unsigned char)*p) && isupper((unsigned char)*p))
			*p = (char)tolower((unsigned char)*p);
	return r;
}

/* Append the value of "%c" (c the char after '%') to o; returns 1 if c
 * was consumed. */
static int map_rewrite_pct(struct str *o, int c, char **av)
{
	if (c == '%') {
		str_addc(o, '%');
		return 1;
	}
	if (!isascii((unsigned char)c) || !isdigit((unsigned char)c)) {
		str_addc(o, '%');
		return 0;
	}
	int i;
	for (i = 0; i < c - '0' && av[i] != NULL; i++)
		;
	if (av[i] != NULL)
		str_add(o, av[i]);
	return 1;
}

char *map_rewrite(const struct map *m, const char *val, char **av)
{
	struct str o;
	str_init(&o, 0);
	if (av == NULL) {
		str_add(&o, val);
	} else {
		for (const char *p = val; *p; p++) {
			if (*p != '%')
				str_addc(&o, *p);
			else if (p[1] == '\0')
				str_addc(&o, '%');
			else if (map_rewrite_pct(&o, (unsigned char)p[1], av))
				p++;
		}
	}
	if (m != NULL && m->app != NULL)
		str_add(&o, m->app);
	char *r = str_steal(&o);
	str_free(&o);
	return r;
}

/* errno after a class lookup, per map_int.h's MAP_ERRNO_* policy. */
static void map_lookup_errno(int mode, int olderrno, int found)
{
	switch (mode) {
	case MAP_ERRNO_KEEP: errno = olderrno; break;
	case MAP_ERRNO_CLEAR: errno = 0; break;
	case MAP_ERRNO_CLEARHIT: errno = found ? 0 : olderrno; break;
	default: break;
	}
}

char *map_lookup_class(struct map *m, const char *key, char **av, int *stat,
		       struct lookup_ctx *lc)
{
	*stat = MAPS_OK;
	if (m->flags & MF_OPENBOGUS) {
		*stat = MAPS_TEMPFAIL;
		return NULL;
	}
	if (!(m->flags & MF_OPEN) || m->cls->lookup == NULL)
		return NULL;
	const struct map_reg *reg = map_reg_find(m->cls);
	char *fkey = reg->fold && !(m->flags & MF_NOFOLDCASE) ?
		map_lower(key) : mem_strdup(key);
	int olderrno = errno;
	char *v = m->cls->lookup(m, fkey, av, stat, lc);
	map_lookup_errno(reg->errno_mode, olderrno, v != NULL);
	if (v != NULL && reg->rewrite) {
		char *r;
		if (m->flags & MF_MATCHONLY)
			r = map_rewrite(m, key, NULL);
		else
			r = map_rewrite(m, v, av);
		mem_free(v);
		v = r;
	}
	if (v != NULL)
		*stat = MAPS_OK;
	mem_free(fkey);
	return v;
}

/* sendmail's stripquotes: drop '"', a backslash keeps the next byte. */
static char *map_stripquotes(const char *s)
{
	char *r = mem_alloc(strlen(s) + 1), *q = r;
	for (const char *p = s; *p; p++) {
		if (*p == '\\') {
			if (*++p == '\0')
				break;
		} else if (*p == '"')
			continue;
		*q++ = *p;
	}
	*q = '\0';
	return r;
}

char *map_lookup(struct map *m, const char *key, char **av, int *stat,
		 struct lookup_ctx *lc)
{
	*stat = MAPS_OK;
	if (m == NULL)
		return NULL;
	if (map_open(m, lc != NULL ? lc->cf : NULL) != 0)
		return NULL;
	if (lc != NULL && lc->defermode && (m->flags & MF_DEFER)) {
		*stat = MAPS_TEMPFAIL;
		return NULL;
	}
	char *k = (m->flags & MF_KEEPQUOTES) ? mem_strdup(key) : map_stripquotes(key);
	int st = MAPS_OK;
	char *av0 = NULL;
	if (av != NULL) {          /* %0 is the dequoted key, as in sendmail */
		av0 = av[0];
		av[0] = k;
	}
	char *v = map_lookup_class(m, k, av, &st, lc);
	if (av != NULL)
		av[0] = av0;
	if (st == MAPS_TEMPFAIL) {
		if (!(m->flags & MF_NODEFER))
			*stat = MAPS_TEMPFAIL;
		if (m->tapp != NULL) {
			struct str o;
			str_init(&o, 0);
			str_add(&o, k);
			str_add(&o, m->tapp);
			mem_free(v);
			v = str_steal(&o);
			str_free(&o);
		}
	}
	mem_free(k);
	return v;
}

char *map_lookup_slash(struct map *m, const char *key, int *stat,
		       struct lookup_ctx *lc)
{
	char *av[2] = { (char *)key, NULL };
	*stat = MAPS_OK;
	if (m == NULL)
		return NULL;
	return map_lookup_class(m, key, av, stat, lc);
}

int map_file_check(const char *path, const char **why, char *buf, size_t bufsz)
{
	long sff = SFF_ROOTOK | SFF_REGONLY | SFF_SAFEDIRPATH | SFF_NOWLINK;
	*why = NULL;
	return safefile_check(path, geteuid(), getegid(), sff, S_IRUSR, why, buf, bufsz);
}
