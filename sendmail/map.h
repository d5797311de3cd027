/* map.h - the map registry (K lines, $( $), $[ $], /map) and map classes.
 * One file per class (map_<class>.c), registered in one table (map.c). */
#ifndef SM_MAP_H
#define SM_MAP_H
#include <stdio.h>

struct config;
struct macros;

/* map flags (generic, K-line options) */
#define MF_OPTIONAL   0x00000001  /* -o */
#define MF_INCLNULL   0x00000002  /* -N */
#define MF_TRY0NULL   0x00000004  /* try without NUL (adaptive) */
#define MF_TRY1NULL   0x00000008  /* try with NUL (adaptive) */
#define MF_NOFOLDCASE 0x00000010  /* -f */
#define MF_MATCHONLY  0x00000020  /* -m */
#define MF_NODEFER    0x00000040  /* -t tempfail => notfound */
#define MF_KEEPQUOTES 0x00000080  /* -q */
#define MF_DEFER      0x00000100  /* -D */
#define MF_ALIAS      0x00000200  /* alias map */
#define MF_APPEND     0x00000400  /* -A */
#define MF_OPEN       0x00000800  /* opened successfully */
#define MF_VALID      0x00001000  /* parsed ok */
#define MF_OPENBOGUS  0x00002000  /* open failed */
#define MF_REGEX_NOT  0x00004000  /* regex -n */
#define MF_SINGLEMATCH 0x00008000
#define MF_IMPLHASH   0x00010000
#define MF_IMPLNDBM   0x00020000

/* lookup status (sendmail's EX_ codes) */
#define MAPS_OK       0
#define MAPS_TEMPFAIL 75
#define MAPS_NOTFOUND (-1)

struct map;
struct lookup_ctx {
	const struct config *cf;
	struct macros *mac;          /* runtime macros (macro map writes here) */
	int depth;                   /* sequence/switch recursion */
};

struct map_class {
	const char *name;
	unsigned cflags;             /* MCF_* */
	/* parse class-specific args (the text after generic flags); 0 ok */
	int (*parse)(struct map *m, const char *args);
	/* open; 0 ok, -1 failed (message already printed unless optional) */
	int (*open)(struct map *m, const struct config *cf);
	/* lookup key (already case-folded per flags); returns malloc'd value
	 * (before -a/-T/%n processing) or NULL with *stat = MAPS_OK (not
	 * found) or MAPS_TEMPFAIL. av = %1..%9 arguments (NULL-terminated). */
	char *(*lookup)(struct map *m, const char *key, char **av, int *stat,
			struct lookup_ctx *lc);
	void (*close)(struct map *m);
};
#define MCF_ALIASOK   0x01   /* usable as an alias file class */
#define MCF_REBUILDABLE 0x02
#define MCF_OPTFILE   0x04   /* file name optional */
#define MCF_NOTPERSIST 0x08

struct map {
	char *name;
	const struct map_class *cls;
	unsigned long flags;         /* MF_* */
	char *file;                  /* file or class-specific spec */
	char *rebuild;
	char *app;                   /* -a */
	char *tapp;                  /* -T */
	char *keycol, *valcol;       /* -k -v */
	char coldelim;               /* -z (0 = whitespace) */
	char spacesub;               /* -S (default BlankSub) */
	char dqspace;                /* -s (dequote) */
	long timeout;                /* -d */
	int retries;                 /* -r */
	char *args;                  /* remaining args as given */
	struct map **stack;          /* sequence/switch members */
	int nstack;
	void *priv;                  /* class state */
	int opened;                  /* 0 not tried, 1 ok, -1 failed */
};

const struct map_class *map_class_find(const char *name);
/* Parse a K line (text after 'K'); registers in cf. */
void map_parse_kline(struct config *cf, const char *line);
struct map *map_find(const struct config *cf, const char *name);
/* Open lazily (first lookup / /map); returns 0 if usable. */
int map_open(struct map *m, const struct config *cf);
/* Full sendmail lookup semantics: case folding, dequoting, NUL tries,
 * -m, -a, -T, %0..%9 substitution. Returns malloc'd result or NULL;
 * *stat gets MAPS_OK/MAPS_TEMPFAIL/other EX_ code. */
char *map_lookup(struct map *m, const char *key, char **av, int *stat,
		 struct lookup_ctx *lc);
/* Rewrite "%0..%9" in value using key/av (map_rewrite). */
char *map_rewrite(const struct map *m, const char *val, const char *key, char **av);
/* Define maps sendmail always has: host ($[ $]), dequote, and aliases
 * when AliasFile is set. Called after the cf is read. */
void map_builtins(struct config *cf);
#endif
