/* mapclass.h - helpers shared by the algorithmic and network map classes
 * (map_dequote.c ... map_soft.c) and the class-behaviour flags they need
 * from the generic wrapper in map.c.  Owned by H4b; touches nothing else.
 *
 * PROPOSED cflags (map.h has MCF_* up to 0x08; these are free bits).  In
 * sendmail each class does its own key handling and result rewriting, so:
 *   MCF_RAWKEY    the wrapper must not case-fold the key (the class sees
 *                 the key exactly as given - regex, program, dequote ...)
 *   MCF_NOREWRITE the wrapper must not apply -m, -a or %n to the result:
 *                 the class already did what sendmail does (or, like
 *                 arith/macro/syslog, deliberately ignores -a and -m)
 *   MCF_OWNARGS   parse() wants the whole text after the class name
 *                 (the class parses generic and its own flags itself,
 *                 like sendmail's regex/dns/host/dequote/syslog/ldap). */
#ifndef SM_MAPCLASS_H
#define SM_MAPCLASS_H
#include "map.h"

#define MCF_RAWKEY    0x10
#define MCF_NOREWRITE 0x20
#define MCF_OWNARGS   0x40

/* sysexits values used as lookup status */
#define MAPCLASS_EX_DATAERR  65
#define MAPCLASS_EX_NOHOST   68   /* EX_NOTFOUND */
#define MAPCLASS_EX_SOFTWARE 70
#define MAPCLASS_EX_OSFILE   72
#define MAPCLASS_EX_CONFIG   78

/* One "-x..." flag: letter and the value glued to it (may be ""). */
typedef int (*mapclass_flag_fn)(struct map *m, int letter, const char *val,
				void *ctx);
/* Walk leading "-x" words of args; each goes to fn (or, when fn returns
 * 1 = "not mine", to the generic setter).  Returns the rest of args
 * after flags and spaces (pointer into args), or NULL if fn returned -1. */
const char *mapclass_flags(struct map *m, const char *args,
			   mapclass_flag_fn fn, void *ctx);
/* Generic flag letters (a T m f q o t D N O A S s d r k v z); 1 if the
 * letter is not generic. */
int mapclass_generic_flag(struct map *m, int letter, const char *val);
/* Parse "\n" "\t" "\\" style one-char values (-z, -d of regex). */
int mapclass_charval(const char *val);
/* sendmail's map_rewrite: copy s[0..slen), replacing %0..%9 by av[0..9]
 * (av[0] = the key, map.h's convention) unless av is NULL (copied raw),
 * then append m->app.  key is unused (kept for the callers). */
char *mapclass_rewrite(const struct map *m, const char *s, size_t slen,
		       const char *key, char **av);
/* 1 if map.c's table says the generic wrapper applies -m/-a/%n to this
 * class; then mapclass_rewrite/mapclass_result return the raw value. */
int mapclass_wrapper_rewrites(const struct map *m);
/* Result for a successful lookup, honouring -m (key) like sendmail's
 * classes do: -m => rewrite(key, no av), else rewrite(val, av). */
char *mapclass_result(const struct map *m, const char *val, const char *key,
		      char **av);
/* Remaining argument text after parse: args if non-empty, else m->file
 * (plus " " m->rebuild).  malloc'd, NULL if nothing. */
char *mapclass_spec(const struct map *m, const char *args);
#endif
