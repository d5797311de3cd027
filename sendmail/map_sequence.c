/* map_sequence.c - the sequence and switch map classes: try member maps
 * in order. sequence names its members on the K line; switch takes them
 * from the service switch file ("<map>.<service>" for each service).
 * Touches: member maps (opened lazily), the service switch file. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include "map.h"
#include "map_int.h"
#include "config.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

static int map_seq_namechar(int c)
{
	return isascii(c) && (isalnum(c) || c == '_' || c == '.');
}

void map_stack_add(struct map *m, struct map *member, int *cap)
{
	if (m->nstack >= *cap) {
		*cap = *cap ? *cap * 2 : 8;
		m->stack = mem_realloc(m->stack, (size_t)*cap * sizeof *m->stack);
	}
	m->stack[m->nstack++] = member;
}

/* Member names: runs of [alnum _ .]; anything else separates. */
static int map_sequence_parse(struct map *m, const char *args)
{
	const struct config *cf = map_parse_cf;
	const char *p = args;
	int cap = 0;
	m->nstack = 0;
	while (*p != '\0') {
		while (*p != '\0' && isascii((unsigned char)*p) && isspace((unsigned char)*p))
			p++;
		const char *b = p;
		while (map_seq_namechar((unsigned char)*p))
			p++;
		char *name = mem_strndup(b, (size_t)(p - b));
		if (*p != '\0')
			p++;
		while (*p != '\0' && !(isascii((unsigned char)*p) && isalnum((unsigned char)*p)))
			p++;
		if (*name == '\0') {
			mem_free(name);
			continue;
		}
		struct map *mm = map_find(cf, name);
		if (mm == NULL) {
			errno = 0;
			err_syserr("Sequence map %s: unknown member map %s", m->name, name);
		} else {
			map_stack_add(m, mm, &cap);
		}
		mem_free(name);
	}
	return 0;
}

/* The reference recurses without end into a sequence that contains
 * itself and dies of SIGSEGV (exit -11), losing unflushed output; so do
 * we, deliberately, for byte-identical transcripts. */
static void map_sequence_crash(void)
{
#ifdef __GLIBC__
	/* the reference's stdout is out up to the last complete line */
	const char *b = stdout->_IO_write_base, *e = stdout->_IO_write_ptr;
	while (b != NULL && e > b && e[-1] != '\n')
		e--;
	if (b != NULL && e > b && write(1, b, (size_t)(e - b)) < 0)
		_exit(139);
#endif
	signal(SIGSEGV, SIG_DFL);
	raise(SIGSEGV);
	_exit(139);
}

char *map_sequence_lookup(struct map *m, const char *key, char **av, int *stat,
			  struct lookup_ctx *lc)
{
	int tempfail = 0;
	*stat = MAPS_OK;
	if (lc != NULL && lc->depth > 20)     /* a sequence that contains itself */
		map_sequence_crash();
	if (lc != NULL)
		lc->depth++;
	char *v = NULL;
	for (int i = 0; i < m->nstack && v == NULL; i++) {
		struct map *mm = m->stack[i];
		if (mm == NULL)
			continue;
		if (mm == m)
			map_sequence_crash();
		if (map_open(mm, lc != NULL ? lc->cf : NULL) != 0)
			continue;
		v = map_lookup_class(mm, key, av, stat, lc);
		if (v == NULL && *stat == MAPS_TEMPFAIL)
			tempfail = 1;
	}
	if (lc != NULL)
		lc->depth--;
	if (v != NULL) {
		*stat = MAPS_OK;
		return v;
	}
	if (tempfail)
		*stat = MAPS_TEMPFAIL;
	else if (*stat == MAPS_OK)
		*stat = 68;   /* EX_NOTFOUND */
	return NULL;
}

static int map_switch_open(struct map *m, const struct config *cf)
{
	char *types[MAXMAPSTACK];
	if (m->file == NULL)
		return -1;
	int n = map_switch_find(cf, m->file, types, MAXMAPSTACK);
	if (n <= 0)
		return -1;
	mem_free(m->stack);
	m->stack = mem_zalloc(MAXMAPSTACK * sizeof *m->stack);
	m->nstack = n;
	for (int i = 0; i < n; i++) {
		struct str nm;
		str_init(&nm, 0);
		str_printf(&nm, "%s.%s", m->name, types[i]);
		m->stack[i] = map_find(cf, nm.s);
		if (m->stack[i] == NULL) {
			errno = 0;
			err_syserr("Switch map %s: unknown member map %s", m->name, nm.s);
		}
		str_free(&nm);
		mem_free(types[i]);
	}
	return 0;
}

static char *map_seq_lookup(struct map *m, const char *key, char **av, int *stat,
			    struct lookup_ctx *lc)
{
	return map_sequence_lookup(m, key, av, stat, lc);
}

const struct map_class map_class_sequence = {
	"sequence", MCF_OPTFILE | MCF_RAWKEY | MCF_NOREWRITE | MCF_OWNARGS, map_sequence_parse, NULL, map_seq_lookup, NULL
};

const struct map_class map_class_switch = {
	"switch", MCF_RAWKEY | MCF_NOREWRITE, NULL, map_switch_open, map_seq_lookup, NULL
};
