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
};

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
