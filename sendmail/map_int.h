/* map_int.h - internals shared by the map module's own files (map.c,
 * map_lookup.c, map_builtin.c and the H4 class files). Not for callers. */
#ifndef SM_MAP_INT_H
#define SM_MAP_INT_H
#include "map.h"

struct map_reg {
	const struct map_class *cls;
	unsigned char fold;      /* class folds keys unless -f */
	unsigned char rewrite;   /* -m / %n / -a applied to results */
	const char *own;         /* flag letters parsed by the class; "*" all */
	const char *accept;      /* letters the K line may carry (the
				  * reference's per-class check); NULL =
				  * any (the class ignores unknown ones) */
	unsigned char errno_mode; /* MAP_ERRNO_*: errno after a lookup */
};
/* What a lookup leaves in errno, per class, as the reference's lookups
 * do (it shows in a later syserr's ": <strerror>" suffix): KEEP = as
 * before the lookup (regex, null, dequote, macro, syslog ...), CLEAR = 0
 * (text, program, user, host), CLASS = what the class set (hash/btree:
 * 0 on a hit, DB_NOTFOUND on a miss; dns: the resolver's; sequence: its
 * members'), CLEARHIT = 0 after a success, else kept (arith). */
enum { MAP_ERRNO_KEEP, MAP_ERRNO_CLEAR, MAP_ERRNO_CLASS, MAP_ERRNO_CLEARHIT };
/* The flag letters sendmail's generic K-line parser accepts; any other
 * "-x" on a map of a class that uses it is "Illegal option x map NAME". */
#define MAP_GENERIC_FLAGS "adfkmoqtvzADNOST"
/* Flag letters accepted by the ldap class (its own parser) and syslog. */
#define MAP_LDAP_FLAGS "abcdfhklmnopqrstvwxzADHKMNOPRSTVZ1"
#define MAP_SYSLOG_FLAGS "DLS"
/* 1 if a K line of class cls may carry "-letter" (map_reg's accept). */
int map_flag_accepted(const struct map_class *cls, int letter);

/* The config a K line is being parsed into (for class parsers that look
 * up other maps, e.g. sequence members); NULL outside map_parse_args. */
extern struct config *map_parse_cf;
const struct map_reg *map_reg_find(const struct map_class *cls);
struct map *map_new(const struct config *cf, const char *name,
		    const struct map_class *cls);
/* Define (or redefine in place) a map; does not parse arguments. */
struct map *map_define(struct config *cf, const char *name,
		       const struct map_class *cls);
/* Parse K-line arguments into m; 1 = valid. */
int map_parse_args(struct config *cf, struct map *m, const char *args);
void map_free(struct map *m);
/* Lower-case copy of s (ASCII). */
char *map_lower(const char *s);
/* Hash/btree open shared by hash, btree, implicit: quiet = no messages. */
int map_hash_open_type(struct map *m, int btree, int quiet);
char *map_hash_lookup_db(struct map *m, const char *key, int *stat);
void map_hash_close_db(struct map *m);
/* stab class pieces reused by implicit */
int map_stab_open(struct map *m, const struct config *cf);
char *map_stab_lookup(struct map *m, const char *key, char **av, int *stat,
		      struct lookup_ctx *lc);
void map_stab_close(struct map *m);
/* Append member to m->stack (growing; *cap = allocated slots). */
void map_stack_add(struct map *m, struct map *member, int *cap);
/* sequence lookup over m->stack (shared by sequence and switch) */
char *map_sequence_lookup(struct map *m, const char *key, char **av, int *stat,
			  struct lookup_ctx *lc);
#endif
