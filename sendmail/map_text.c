/* map_text.c - the text map class: a flat file searched line by line on
 * every lookup; -k/-v column numbers, -z column delimiter (default: runs
 * of white space). Touches: the map's file (read-only). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "map.h"
#include "map_int.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

struct map_text_priv { int keycol, valcol; };

/* Is s a column number (leading digit, like sendmail's check)? */
static int map_text_colno(const struct map *m, const char *s, int letter, int *out)
{
	if (s == NULL) {
		*out = 0;
		return 0;
	}
	if (!isascii((unsigned char)*s) || !isdigit((unsigned char)*s)) {
		errno = 0;
		err_syserr("text map \"%s\", file %s: -%c should specify a number, not %s",
			   m->name, m->file, letter, s);
		return -1;
	}
	*out = atoi(s);
	return 0;
}

static int map_text_open(struct map *m, const struct config *cf)
{
	int loud = !(m->flags & MF_OPTIONAL);
	if (m->file == NULL)
		return -1;
	if (m->file[0] != '/') {
		if (loud) {
			errno = 0;
			err_syserr("text map \"%s\": file name must be fully qualified", m->name);
		}
		return -1;
	}
	const char *why;
	char whybuf[256];
	if (map_file_check(m->file, &why, whybuf, sizeof whybuf) != 0) {
		if (loud) {
			errno = 0;
			err_syserr("text map \"%s\": unsafe map file %s", m->name, m->file);
		}
		return -1;
	}
	struct map_text_priv t;
	if (map_text_colno(m, m->keycol, 'k', &t.keycol) != 0 ||
	    map_text_colno(m, m->valcol, 'v', &t.valcol) != 0)
		return -1;
	struct map_text_priv *p = mem_alloc(sizeof *p);
	*p = t;
	m->priv = p;
	return 0;
}

/* Column col of line (delim 0 = white space runs); NULL if none.
 * Returns a malloc'd copy. */
static char *map_text_column(const char *line, int col, int delim)
{
	const char *delims = delim == 0 ? "\n\t " : NULL;
	char one[2] = { (char)delim, '\0' };
	if (delims == NULL)
		delims = one;
	if (*line == '\0')
		return NULL;
	if (delim != 0 && *line == (char)delim && col == 0)
		return NULL;
	const char *b = line;
	if (col == 0 && delim == 0)
		while (*b && isascii((unsigned char)*b) && isspace((unsigned char)*b))
			b++;
	for (int i = 0; i < col; i++) {
		b = strpbrk(b, delims);
		if (b == NULL)
			return NULL;
		b++;
		if (delim == 0)
			while (*b && isascii((unsigned char)*b) && isspace((unsigned char)*b))
				b++;
	}
	const char *e = strpbrk(b, delims);
	size_t n = e == NULL ? strlen(b) : (size_t)(e - b);
	if (n > 1023)
		n = 1023;
	return mem_strndup(b, n);
}

static char *map_text_lookup(struct map *m, const char *key, char **av, int *stat,
			     struct lookup_ctx *lc)
{
	struct map_text_priv *t = m->priv;
	FILE *fp = fopen(m->file, "r");
	if (fp == NULL || t == NULL) {
		if (fp != NULL)
			fclose(fp);
		*stat = 69;   /* EX_UNAVAILABLE */
		return NULL;
	}
	struct str line;
	str_init(&line, 0);
	char *val = NULL;
	int found = 0;
	while (str_getline(&line, fp) >= 0) {
		if (line.s[0] == '#')
			continue;
		char *nl = strchr(line.s, '\n');
		if (nl != NULL)
			*nl = '\0';
		char *k = map_text_column(line.s, t->keycol, m->coldelim);
		found = k != NULL && strcasecmp(k, key) == 0;
		mem_free(k);
		if (found) {
			val = map_text_column(line.s, t->valcol, m->coldelim);
			break;
		}
	}
	fclose(fp);
	str_free(&line);
	*stat = val == NULL ? 68 : MAPS_OK;   /* EX_NOTFOUND */
	return val;
}

static void map_text_close(struct map *m)
{
	mem_free(m->priv);
	m->priv = NULL;
}

const struct map_class map_class_text = {
	"text", MCF_ALIASOK, NULL, map_text_open, map_text_lookup, map_text_close
};
