/* map_syslog.c - the "syslog" map class: logs the key at the -L level
 * (default LOG_NOTICE) and returns "".  Flags: -L<level> -D -S<c>; any
 * other is illegal (map_int.h MAP_SYSLOG_FLAGS).  Touches syslog only. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include "mapclass.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static const struct { const char *name; int level; } syslog_levels[] = {
	{ "EMERG", LOG_EMERG }, { "ALERT", LOG_ALERT }, { "CRIT", LOG_CRIT },
	{ "ERR", LOG_ERR }, { "WARNING", LOG_WARNING },
	{ "NOTICE", LOG_NOTICE }, { "INFO", LOG_INFO }, { "DEBUG", LOG_DEBUG },
};

/* "LOG_WARNING" or "warning" (any case); -1 if unknown. */
static int syslog_level(const char *v)
{
	for (size_t i = 0; i < sizeof syslog_levels / sizeof syslog_levels[0]; i++)
		if (strcasecmp(v, syslog_levels[i].name) == 0)
			return syslog_levels[i].level;
	return -1;
}

static int syslog_isspace(int c) { return c == ' ' || c == '\t' || c == '\n'; }

/* -L's value: the rest of the word, else the next word; NULL if none. */
static char *syslog_value(const char **pp)
{
	const char *p = *pp;
	while (syslog_isspace((unsigned char)*p))
		p++;
	if (*p == '\0') {
		*pp = p;
		return NULL;
	}
	const char *s = p;
	while (*p != '\0' && !syslog_isspace((unsigned char)*p))
		p++;
	*pp = p;
	return mem_strndup(s, (size_t)(p - s));
}

/* The reference's syslog parser: -D -S<c> -L<level> only; anything else
 * is "Illegal option c map syslog" (it names the class, not the map). */
static void syslog_one_flag(struct map *m, const char **pp, char **lval)
{
	const char *p = *pp;
	int c = (unsigned char)*p;
	if (c != '\0')
		p++;
	if (c == 'D') {
		m->flags |= MF_DEFER;
	} else if (c == 'S') {
		m->spacesub = *p;
	} else if (c == 'L') {
		char *v = syslog_value(&p);
		if (v != NULL) {       /* checked after the whole flag list */
			mem_free(*lval);
			*lval = v;
		}
	} else {
		/* the reference does not skip the rest of an illegal word: a
		 * glued value ("-k0") ends the flag list */
		errno = 0;
		err_syserr("Illegal option %c map syslog", c);
		*pp = p;
		return;
	}
	while (*p != '\0' && !syslog_isspace((unsigned char)*p))
		p++;
	*pp = p;
}

static int syslogmap_parse(struct map *m, const char *args)
{
	int *lvl = mem_alloc(sizeof *lvl);
	const char *p = args ? args : "";
	char *lval = NULL;
	*lvl = LOG_NOTICE;
	for (;;) {
		while (syslog_isspace((unsigned char)*p))
			p++;
		if (*p != '-')
			break;
		p++;
		syslog_one_flag(m, &p, &lval);
	}
	if (lval != NULL) {
		const char *n = strncasecmp(lval, "LOG_", 4) == 0 ? lval + 4 : lval;
		int l = syslog_level(n);
		if (l < 0) {
			errno = 0;
			err_syserr("syslog_map_parseargs: Unknown priority %s", n);
		} else
			*lvl = l;
		mem_free(lval);
	}
	m->priv = lvl;
	return 0;
}

static int syslogmap_open(struct map *m, const struct config *cf)
{
	return 0;
}

static char *syslogmap_lookup(struct map *m, const char *key, char **av,
			      int *stat, struct lookup_ctx *lc)
{
	int lvl = m->priv ? *(int *)m->priv : LOG_NOTICE;
	syslog(lvl, "%s", key);
	*stat = MAPS_OK;
	return mem_strdup("");
}

static void syslogmap_close(struct map *m)
{
	mem_free(m->priv);
	m->priv = NULL;
}

const struct map_class map_class_syslog = {
	"syslog", MCF_RAWKEY | MCF_NOREWRITE | MCF_OWNARGS,
	syslogmap_parse, syslogmap_open, syslogmap_lookup, syslogmap_close
};
