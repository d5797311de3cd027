/* map.c - the map registry: the one table of map classes, K line parsing
 * with sendmail's generic flags, map_find and lazy opening (openmap).
 * Touches: cf->maps (creates it on first use), err.c for diagnostics.
 * Lookups live in map_lookup.c, built-in maps in map_builtin.c. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "map.h"
#include "map_int.h"
#include "config.h"
#include "err.h"
#include "../libsmutil/htab.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

/* The classes this build offers (the reference's "Compiled with" set:
 * no dbm, cdb, hesiod, netinfo, ph, nsd). fold/rewrite/own are derived
 * from each class's MCF_RAWKEY / MCF_NOREWRITE / MCF_OWNARGS on first
 * use; own lists flag letters the class parses itself ("*" = all). */
#define G MAP_GENERIC_FLAGS
#define K MAP_ERRNO_KEEP
#define C MAP_ERRNO_CLEAR
#define X MAP_ERRNO_CLASS
static struct map_reg map_reg_table[] = {
	{ &map_class_hash, 0, 0, NULL, G, X },
	{ &map_class_btree, 0, 0, NULL, G, X },
	{ &map_class_implicit, 0, 0, NULL, G, X },
	{ &map_class_text, 0, 0, NULL, G, C },
	{ &map_class_stab, 0, 0, NULL, G, K },
	{ &map_class_user, 0, 0, NULL, G, C },
	{ &map_class_sequence, 0, 0, NULL, NULL, X },
	{ &map_class_switch, 0, 0, NULL, G, X },
	{ &map_class_nis, 0, 0, NULL, G, K },
	{ &map_class_nisplus, 0, 0, NULL, G, K },
	{ &map_class_ldap, 0, 0, NULL, MAP_LDAP_FLAGS, K },
	{ &map_class_host, 0, 0, NULL, NULL, C },
	{ &map_class_bestmx, 0, 0, NULL, G, X },
	{ &map_class_dns, 0, 0, NULL, NULL, X },
	{ &map_class_arpa, 0, 0, NULL, NULL, K },
	{ &map_class_dequote, 0, 0, NULL, NULL, K },
	{ &map_class_regex, 0, 0, NULL, NULL, K },
	{ &map_class_program, 0, 0, NULL, G, C },
	{ &map_class_syslog, 0, 0, NULL, MAP_SYSLOG_FLAGS, K },
	{ &map_class_macro, 0, 0, NULL, NULL, K },
	{ &map_class_arith, 0, 0, NULL, NULL, MAP_ERRNO_CLEARHIT },
	{ &map_class_socket, 0, 0, NULL, G, K },
	{ &map_class_null, 0, 0, NULL, G, K },
	{ &map_class_userdb, 0, 0, NULL, G, K },
};
#undef G
#undef K
#undef C
#undef X
#define MAP_NREG (sizeof map_reg_table / sizeof map_reg_table[0])

struct config *map_parse_cf;

/* Fill the derived fields of the table once. */
static void map_reg_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	for (size_t i = 0; i < MAP_NREG; i++) {
		struct map_reg *r = &map_reg_table[i];
		unsigned f = r->cls->cflags;
		r->fold = !(f & MCF_RAWKEY);
		r->rewrite = !(f & MCF_NOREWRITE);
		if (f & MCF_OWNARGS)
			r->own = "*";
	}
}

const struct map_reg *map_reg_find(const struct map_class *cls)
{
	static const struct map_reg dflt = { NULL, 1, 1, NULL, NULL, 0 };
	map_reg_init();
	for (size_t i = 0; i < MAP_NREG; i++)
		if (map_reg_table[i].cls == cls)
			return &map_reg_table[i];
	return &dflt;
}

int map_flag_accepted(const struct map_class *cls, int letter)
{
	const struct map_reg *r = map_reg_find(cls);
	return r->accept == NULL ||
	       (letter != '\0' && strchr(r->accept, letter) != NULL);
}

const struct map_class *map_class_find(const char *name)
{
	for (size_t i = 0; i < MAP_NREG; i++)
		if (strcasecmp(map_reg_table[i].cls->name, name) == 0)
			return map_reg_table[i].cls;
	return NULL;
}

struct map *map_find(const struct config *cf, const char *name)
{
	if (cf == NULL || cf->maps == NULL || name == NULL)
		return NULL;
	return htab_get(cf->maps, name);
}

/* Free a map and what it owns (not its stack members). */
/* Close what is open (and class state set up at parse time), free fields. */
static void map_release(struct map *m)
{
	if (m->cls != NULL && m->cls->close != NULL &&
	    (((m->flags & MF_OPEN) && !(m->flags & MF_OPENBOGUS)) || m->priv != NULL))
		m->cls->close(m);
	mem_free(m->file);
	mem_free(m->rebuild);
	mem_free(m->app);
	mem_free(m->tapp);
	mem_free(m->keycol);
	mem_free(m->valcol);
	mem_free(m->args);
	mem_free(m->stack);
}

void map_free(struct map *m)
{
	if (m == NULL)
		return;
	map_release(m);
	mem_free(m->name);
	mem_free(m);
}

static int map_free_cb(const char *key, void *val, void *ctx)
{
	(void)key; (void)ctx;
	map_free(val);
	return 0;
}

void map_free_all(struct config *cf)
{
	if (cf == NULL || cf->maps == NULL)
		return;
	htab_walk(cf->maps, map_free_cb, NULL);
	htab_free(cf->maps, NULL);
	cf->maps = NULL;
}

/* Empty a map in place (a K line redefining a name reuses the entry, so
 * sequences that point at it see the new definition). */
static void map_reset(struct map *m, const struct config *cf,
		      const struct map_class *cls)
{
	char *name = m->name;
	map_release(m);
	memset(m, 0, sizeof *m);
	m->name = name;
	m->cls = cls;
	m->flags = MF_TRY0NULL | MF_TRY1NULL;
	m->spacesub = '\0';	/* unset: keys are joined with BlankSub at lookup time */
}

/* The map named name of class cls: the existing entry emptied, or a new
 * one entered into cf->maps. */
struct map *map_define(struct config *cf, const char *name,
		       const struct map_class *cls)
{
	if (cf->maps == NULL)
		cf->maps = htab_new(64, 1);
	struct map *m = htab_get(cf->maps, name);
	if (m != NULL) {
		map_reset(m, cf, cls);
		return m;
	}
	m = map_new(cf, name, cls);
	htab_put(cf->maps, name, m);
	return m;
}

/* sendmail's convtime for -d: digits with an optional unit (default s). */
static long map_convtime(const char *p)
{
	long total = 0;
	while (*p != '\0') {
		long v = 0;
		while (isdigit((unsigned char)*p))
			v = v * 10 + (*p++ - '0');
		switch (*p) {
		case 'w': v *= 7 * 24 * 3600; p++; break;
		case 'd': v *= 24 * 3600; p++; break;
		case 'h': v *= 3600; p++; break;
		case 'm': v *= 60; p++; break;
		case 's': p++; break;
		case '\0': break;
		default: p++; break;
		}
		total += v;
	}
	return total;
}

static int map_isspace(int c) { return isascii(c) && isspace(c); }

/* Copy of the word at *pp (up to whitespace); advances *pp past it. */
static char *map_word(const char **pp)
{
	const char *p = *pp, *s = p;
	while (*p != '\0' && !map_isspace((unsigned char)*p))
		p++;
	*pp = p;
	return mem_strndup(s, (size_t)(p - s));
}

/* Handle one generic flag; p points at the letter. Returns 1 if handled. */
static int map_generic_flag(struct map *m, const char **pp)
{
	const char *p = *pp;
	const char *q;
	switch (*p) {
	case 'A': m->flags |= MF_APPEND; break;
	case 'a': p++; mem_free(m->app); m->app = map_word(&p); break;
	case 'D': m->flags |= MF_DEFER; break;
	case 'd': {
		char *w;
		p++;
		w = map_word(&p);
		m->timeout = map_convtime(w);
		mem_free(w);
		break;
	}
	case 'f': m->flags |= MF_NOFOLDCASE; break;
	case 'k': case 'v':
		q = p + 1;
		while (map_isspace((unsigned char)*q))
			q++;
		if (*p == 'k') { mem_free(m->keycol); m->keycol = map_word(&q); }
		else { mem_free(m->valcol); m->valcol = map_word(&q); }
		p = q;
		break;
	case 'm': m->flags |= MF_MATCHONLY; break;
	case 'N': m->flags |= MF_INCLNULL; m->flags &= ~MF_TRY0NULL; break;
	case 'O': m->flags &= ~MF_TRY1NULL; break;
	case 'o': m->flags |= MF_OPTIONAL; break;
	case 'q': m->flags |= MF_KEEPQUOTES; break;
	case 'S': m->spacesub = p[1]; if (p[1] != '\0') p++; break;
	case 'T': p++; mem_free(m->tapp); m->tapp = map_word(&p); break;
	case 't': m->flags |= MF_NODEFER; break;
	case 'z':
		if (p[1] != '\\')
			m->coldelim = p[1];
		else {
			p++;
			m->coldelim = p[1] == 'n' ? '\n' : p[1] == 't' ? '\t' : '\\';
		}
		if (p[1] != '\0')
			p++;
		break;
	default:
		return 0;
	}
	*pp = p;
	return 1;
}

/* Parse the generic part of a K line's arguments into m; the '-x' words
 * left for the class go to cls (a str). Returns where the rest starts. */
static const char *map_parse_flags(struct map *m, const struct map_reg *reg,
				   const char *p, struct str *cls)
{
	for (;;) {
		while (map_isspace((unsigned char)*p))
			p++;
		if (*p != '-')
			break;
		const char *word = p++;
		int own = reg->own != NULL && *p != '\0' && strchr(reg->own, *p) != NULL;
		if (!own && !map_flag_accepted(m->cls, *p)) {
			errno = 0;
			err_syserr("Illegal option %c map %s", *p, m->name);
		} else if (own || !map_generic_flag(m, &p)) {
			if (own || m->cls->parse != NULL) {
				const char *e = word;
				while (*e != '\0' && !map_isspace((unsigned char)*e))
					e++;
				if (cls->len)
					str_addc(cls, ' ');
				str_addn(cls, word, (size_t)(e - word));
			} else {
				errno = 0;
				err_syserr("Illegal option %c map %s", *p, m->name);
			}
		}
		while (*p != '\0' && !map_isspace((unsigned char)*p))
			p++;
	}
	return p;
}

/* The file word and rebuild text after the flags. */
static void map_parse_file(struct map *m, const char *p)
{
	/* a redefinition keeps the old file when none is given (sendmail
	 * reuses the map entry without clearing it) */
	if (*p != '\0') {
		mem_free(m->file);
		m->file = map_word(&p);
	}
	while (map_isspace((unsigned char)*p))
		p++;
	if (*p != '\0') {
		mem_free(m->rebuild);
		m->rebuild = mem_strdup(p);
	}
}

/* Parse args of map m (generic flags, file, class parser). 1 = valid. */
int map_parse_args(struct config *cf, struct map *m, const char *args)
{
	const struct map_reg *reg = map_reg_find(m->cls);
	map_parse_cf = cf;
	if (reg->own != NULL && strcmp(reg->own, "*") == 0) {
		m->args = mem_strdup(args);
		int ok = m->cls->parse == NULL || m->cls->parse(m, args) == 0;
		map_parse_cf = NULL;
		return ok;
	}
	struct str rest;
	str_init(&rest, 0);
	if (reg->accept != NULL && strcmp(reg->accept, MAP_GENERIC_FLAGS) == 0)
		m->spacesub = '\0';   /* reset by every generic parse */
	const char *p = map_parse_flags(m, reg, args, &rest);
	map_parse_file(m, p);
	if (reg->accept != NULL && strcmp(reg->accept, MAP_GENERIC_FLAGS) == 0 &&
	    m->file == NULL && !(m->cls->cflags & MCF_OPTFILE)) {
		/* sendmail's generic parser checks this before any class work */
		map_parse_cf = NULL;
		str_free(&rest);
		errno = 0;
		err_syserr("No file name for %s map %s", m->cls->name, m->name);
		return 0;
	}
	if (m->cls->parse != NULL) {
		if (rest.len && *p)
			str_addc(&rest, ' ');
		str_add(&rest, p);
		m->args = str_steal(&rest);
		str_free(&rest);
		int ok = m->cls->parse(m, m->args) == 0;
		map_parse_cf = NULL;
		return ok;
	}
	map_parse_cf = NULL;
	str_free(&rest);
	if (m->file == NULL && !(m->cls->cflags & MCF_OPTFILE)) {
		errno = 0;
		err_syserr("No file name for %s map %s", m->cls->name, m->name);
		return 0;
	}
	return 1;
}

/* A fresh map of class cls named name, with sendmail's defaults. */
struct map *map_new(const struct config *cf, const char *name,
		    const struct map_class *cls)
{
	struct map *m = mem_zalloc(sizeof *m);
	m->name = mem_strdup(name);
	m->cls = cls;
	m->flags = MF_TRY0NULL | MF_TRY1NULL;
	m->spacesub = '\0';	/* unset: keys are joined with BlankSub at lookup time */
	return m;
}

/* The entry a K line defines: new, or the existing one reused the way
 * sendmail reuses it - not cleared, so the file, -a, -k, flags ... of the
 * previous definition stay unless the new line sets them; only the old
 * class's own state (priv, members) is dropped. */
static struct map *map_kline_entry(struct config *cf, const char *name,
				   const struct map_class *cls)
{
	if (cf->maps == NULL)
		cf->maps = htab_new(64, 1);
	struct map *m = htab_get(cf->maps, name);
	if (m == NULL) {
		m = map_new(cf, name, cls);
		htab_put(cf->maps, name, m);
		return m;
	}
	if (m->cls != NULL && m->cls->close != NULL &&
	    (((m->flags & MF_OPEN) && !(m->flags & MF_OPENBOGUS)) || m->priv != NULL))
		m->cls->close(m);
	m->priv = NULL;
	mem_free(m->args);
	m->args = NULL;
	mem_free(m->stack);
	m->stack = NULL;
	m->nstack = 0;
	m->cls = cls;
	m->flags &= ~(unsigned long)(MF_OPEN | MF_OPENBOGUS | MF_VALID);
	m->flags |= MF_TRY0NULL | MF_TRY1NULL;
	m->opened = 0;
	return m;
}

static int map_namechar(int c) { return isascii(c) && (isalnum(c) || c == '_' || c == '.'); }

struct map *map_parse_kline(struct config *cf, const char *line)
{
	const char *p = line;
	while (map_isspace((unsigned char)*p))
		p++;
	if (!(isascii((unsigned char)*p) && isalnum((unsigned char)*p))) {
		errno = 0;
		err_syserr("readcf: config K line: no map name");
		return NULL;
	}
	const char *n0 = p;
	while (map_namechar((unsigned char)*++p))
		;
	char *name = mem_strndup(n0, (size_t)(p - n0));
	if (*p != '\0')
		p++;
	while (map_isspace((unsigned char)*p))
		p++;
	if (!(isascii((unsigned char)*p) && isalnum((unsigned char)*p))) {
		errno = 0;
		err_syserr("readcf: config K line, map %s: no map class", name);
		mem_free(name);
		return NULL;
	}
	const char *c0 = p;
	while (isascii((unsigned char)*++p) && isalnum((unsigned char)*p))
		;
	char *cname = mem_strndup(c0, (size_t)(p - c0));
	if (*p != '\0')
		p++;
	const struct map_class *cls = map_class_find(cname);
	if (cls == NULL) {
		errno = 0;
		err_syserr("readcf: map %s: class %s not available", name, cname);
		mem_free(name);
		mem_free(cname);
		return NULL;
	}
	mem_free(cname);
	struct map *m = map_kline_entry(cf, name, cls); /* entered first: a
							* sequence may name itself */
	mem_free(name);
	if (map_parse_args(cf, m, p))
		m->flags |= MF_VALID;
	return m;
}

int map_open(struct map *m, const struct config *cf)
{
	if (m == NULL || !(m->flags & MF_VALID))
		return -1;
	if (m->flags & MF_OPEN)
		return 0;
	errno = 0;
	if (m->cls->open == NULL || m->cls->open(m, cf) == 0) {
		m->flags |= MF_OPEN;
		m->opened = 1;
		return 0;
	}
	if (!(m->flags & MF_OPTIONAL)) {
		/* sendmail's bogus map: open, but every lookup tempfails */
		m->flags |= MF_OPEN | MF_OPENBOGUS;
		m->opened = -1;
		return 0;
	}
	m->flags &= ~MF_VALID;   /* don't try again */
	m->opened = -1;
	return -1;
}
