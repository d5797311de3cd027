/* map_syslog.c - the "syslog" map class: logs the key at the -L level
 * (default LOG_NOTICE) and returns "".  Flags: -L<level> -D -S<c>.
 * Touches syslog only. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include "mapclass.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static const struct { const char *name; int level; } syslog_levels[] = {
	{ "EMERG", LOG_EMERG }, { "ALERT", LOG_ALERT }, { "CRIT", LOG_CRIT },
	{ "ERR", LOG_ERR }, { "WARNING", LOG_WARNING },
	{ "NOTICE", LOG_NOTICE }, { "INFO", LOG_INFO }, { "DEBUG", LOG_DEBUG },
};

/* "LOG_WARNING", "warning" or a number; -1 if unknown. */
static int syslog_level(const char *v)
{
	if (isdigit((unsigned char)*v))
		return atoi(v);
	if (strncasecmp(v, "LOG_", 4) == 0)
		v += 4;
	for (size_t i = 0; i < sizeof syslog_levels / sizeof syslog_levels[0]; i++)
		if (strcasecmp(v, syslog_levels[i].name) == 0)
			return syslog_levels[i].level;
	return -1;
}

static int syslog_flag(struct map *m, int letter, const char *val, void *ctx)
{
	int *lvl = ctx;
	switch (letter) {
	case 'L':
		if (*val != '\0' && syslog_level(val) >= 0)
			*lvl = syslog_level(val);
		return 0;
	case 'D': case 'S':
		return 1;
	default:
		return 0;
	}
}

static int syslogmap_parse(struct map *m, const char *args)
{
	int *lvl = mem_alloc(sizeof *lvl);
	*lvl = LOG_NOTICE;
	if (mapclass_flags(m, args, syslog_flag, lvl) == NULL) {
		mem_free(lvl);
		return -1;
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
