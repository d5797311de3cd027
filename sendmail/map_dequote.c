/* map_dequote.c - the "dequote" map class: strips quotes and backslashes
 * from the key (sendmail's dequote_map).  Only its own struct map. */
#include <stdlib.h>
#include <string.h>
#include "mapclass.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* dequote_init accepts -a -D -S/-s only; other letters are ignored. */
static int dequote_flag(struct map *m, int letter, const char *val, void *ctx)
{
	switch (letter) {
	case 'a': case 'D':
		return 1;
	case 's': case 'S':
		m->dqspace = m->spacesub = (char)mapclass_charval(val);
		return 0;
	default:
		return 0;
	}
}

/* Like sendmail's dequote_init: the key keeps its quotes in rewriting
 * (-q implied) and the blank substitute is only what -s/-S give (0 =>
 * the engine joins key tokens with BlankSub, the class keeps blanks). */
static int dequote_parse(struct map *m, const char *args)
{
	m->flags |= MF_KEEPQUOTES;
	m->spacesub = m->dqspace = '\0';
	return mapclass_flags(m, args, dequote_flag, NULL) ? 0 : -1;
}

static int dequote_open(struct map *m, const struct config *cf)
{
	return 0;
}

/* Remove double quotes (backslashes stay); NULL if unbalanced, if no
 * quote was removed, or if blanks remain (unless -s substitutes them). */
static char *dequote_lookup(struct map *m, const char *key, char **av,
			    int *stat, struct lookup_ctx *lc)
{
	char *buf = mem_strdup(key), *q = buf;
	int quote = 0, bslash = 0, angle = 0, cmnt = 0, spaces = 0, changed = 0;
	char sub = m->dqspace;   /* only -s/-S given to dequote, never BlankSub */

	*stat = MAPS_OK;
	for (const char *p = key; *p != '\0'; p++) {
		char c = *p;
		if (bslash) {
			bslash = 0;
			*q++ = c;
			continue;
		}
		if (c == ' ' && sub != '\0')
			c = sub;
		switch (c) {
		case '\\': bslash = 1; break;
		case '(': cmnt++; break;
		case ')': if (cmnt-- <= 0) goto fail; break;
		case ' ': case '\t': spaces++; break;
		}
		if (cmnt > 0) {
			*q++ = c;
			continue;
		}
		switch (c) {
		case '"': quote = !quote; changed = 1; continue;
		case '<': angle++; break;
		case '>': if (angle-- <= 0) goto fail; break;
		}
		*q++ = c;
	}
	*q = '\0';
	if (angle != 0 || cmnt != 0 || bslash || quote || spaces != 0 || !changed)
		goto fail;
	char *r = mapclass_rewrite(m, buf, strlen(buf), NULL, NULL);
	mem_free(buf);
	return r;
fail:
	mem_free(buf);
	return NULL;
}

const struct map_class map_class_dequote = {
	"dequote", MCF_RAWKEY | MCF_NOREWRITE | MCF_OWNARGS,
	dequote_parse, dequote_open, dequote_lookup, NULL
};
