/* map.h - the map registry (K lines, $( $), $[ $], /map) and map classes.
 * One file per class (map_<class>.c), registered in one table (map.c). */
#ifndef SM_MAP_H
#define SM_MAP_H
#include <stdio.h>
#include <stddef.h>

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
	int defermode;               /* DeliveryMode=defer: -D maps tempfail */
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
	 * found) or MAPS_TEMPFAIL. av: see "argument vector" below. */
	char *(*lookup)(struct map *m, const char *key, char **av, int *stat,
			struct lookup_ctx *lc);
	void (*close)(struct map *m);
};
#define MCF_ALIASOK   0x01   /* usable as an alias file class */
#define MCF_REBUILDABLE 0x02
#define MCF_OPTFILE   0x04   /* file name optional */
#define MCF_NOTPERSIST 0x08
/* How map.c's generic layer treats a class (sendmail does these per
 * class): RAWKEY = never fold the key (else folded unless -f);
 * NOREWRITE = results are final (else -m, %0..%9 and -a applied by
 * map_lookup_class); OWNARGS = parse() gets the whole text after the
 * class name and handles generic flags itself (mapclass.h helpers). */
#ifndef MCF_RAWKEY
#define MCF_RAWKEY    0x10
#define MCF_NOREWRITE 0x20
#define MCF_OWNARGS   0x40
#endif

/* The argument vector (av) convention, sendmail's, used by every lookup
 * function here (class lookups, map_lookup_class, map_lookup, map_rewrite):
 * av is NULL (no %n substitution at all: value copied raw) or a
 * NULL-terminated vector whose av[0] is the key as given (after the
 * engine's dequoting, before case folding) and av[1..] the $@ arguments
 * of a $( $) lookup in order.  %0 = av[0], %n = av[n] (empty when av
 * ends earlier), "%%" = "%", "%x" = "%x"; -a is appended unrewritten.
 * So arith reads its operands from av[1], av[2]; macro its value from
 * av[1]; -bt's /map passes { key, NULL }. */
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
/* Parse a K line (text after 'K', already macro-expanded); registers in cf.
 * Errors as sendmail: "readcf: config K line: no map name", "readcf:
 * config K line, map X: no map class", "readcf: map X: class Y not
 * available", "Illegal option c map X", "No file name for C map X".
 * Generic flags handled here: -A -a -D -d -f -k -m -N -O -o -q -S -T -t
 * -v -z. A class with a parse function receives, as args, the '-x' words
 * map.c does not handle for it (see map.c's table) followed by the rest of
 * the line; m->file (first word of the rest) and m->rebuild (what follows
 * it) are already set. Returns the map (NULL on a fatal line error). */
struct map *map_parse_kline(struct config *cf, const char *line);
struct map *map_find(const struct config *cf, const char *name);
/* Open lazily (first lookup / /map) like sendmail's openmap: returns 0 if
 * usable. A failed non-optional open leaves the map "bogus" (usable:
 * every lookup tempfails, 75); a failed optional one returns -1 ever
 * after (-bt: Map named "x" not open). */
int map_open(struct map *m, const struct config *cf);
/* The class-level lookup, as -bt's /map and sequence members use it: no
 * dequoting, no -T/-t/-D. Folds the key (unless -f, for classes that
 * fold), calls the class, applies -m, %0..%9 and -a. The map must have
 * been opened with map_open. *stat: MAPS_OK (not found / found),
 * MAPS_TEMPFAIL, or another EX_ code (68 not found in text/sequence...). */
char *map_lookup_class(struct map *m, const char *key, char **av, int *stat,
		       struct lookup_ctx *lc);
/* The rewriting-engine lookup ($( $), $[ $]): opens lazily (open failure
 * => NULL, *stat MAPS_OK), -D in defer mode, dequotes unless -q, calls
 * map_lookup_class, then: tempfail => *stat MAPS_TEMPFAIL unless -t;
 * tempfail with -T => returns key + -T string. *stat is only ever
 * MAPS_OK or MAPS_TEMPFAIL here. Result is malloc'd (mem_free). */
char *map_lookup(struct map *m, const char *key, char **av, int *stat,
		 struct lookup_ctx *lc);
/* -bt's /map lookup: what the reference does after "map_lookup: %s (%s) "
 * has been printed and flushed (the caller prints that prefix after
 * map_open succeeded, then "returns %s (%d)\n" or "no match (%d)\n").
 * Key used exactly as given (no dequoting, no -T/-t/-D); av = { key,
 * NULL }; *stat = the class's status (0, 68 not found in text/seq/null,
 * 67 user, 75 tempfail/bogus map, 78 arith error...). malloc'd or NULL. */
char *map_lookup_slash(struct map *m, const char *key, int *stat,
		       struct lookup_ctx *lc);
/* Rewrite "%0..%9" in val (%n = av[n], missing = empty, "%%" = "%")
 * and append -a; av NULL => plain copy + -a. malloc'd. */
char *map_rewrite(const struct map *m, const char *val, char **av);
/* Define maps sendmail always has, called after the cf is read: "host"
 * (-a. -D at level >= 2) unless the cf defined it; the AliasFile maps
 * Alias0.. (implicit unless "class:file") with "aliases.files" as their
 * sequence; otherwise per the service switch "aliases.files" (null),
 * "aliases.nis"/"aliases.nisplus"; and "aliases" (switch aliases). */
void map_builtins(struct config *cf);
/* Close and free every map of cf (call before config_free, which only
 * releases the table). */
void map_free_all(struct config *cf);

/* --- helpers shared by the class files --- */
/* The service switch: fills types[] (max n) for service; returns the
 * count, or -1 when neither the file nor the built-in fallback knows it.
 * Reads ServiceSwitchFile (default /etc/mail/service.switch). */
int map_switch_find(const struct config *cf, const char *service,
		    char **types, int n);
/* stab class: the in-memory table aliases read from a text file fill. */
void map_stab_store(struct map *m, const char *key, const char *val);
/* Hook set by the aliases module: read an alias text file into map m
 * (via map_stab_store) when a stab/implicit alias map falls back to the
 * text version. NULL = nothing is read. */
extern void (*map_alias_reader)(struct map *m, FILE *fp, const struct config *cf);
/* Safety check of a map file (sendmail's safefile for maps): 0 safe,
 * else errno-like; *why gets the reason text. */
int map_file_check(const char *path, const char **why, char *buf, size_t bufsz);
#define MAXMAPSTACK 12

/* every class, defined in its own file (map_<class>.c) */
extern const struct map_class map_class_hash, map_class_btree,
	map_class_text, map_class_implicit, map_class_stab, map_class_user,
	map_class_sequence, map_class_switch;                /* H4 */
extern const struct map_class map_class_dequote, map_class_arith,
	map_class_macro, map_class_regex, map_class_program, map_class_host,
	map_class_dns, map_class_bestmx, map_class_null, map_class_nis,
	map_class_nisplus, map_class_ldap, map_class_hesiod, map_class_socket,
	map_class_netinfo, map_class_ph, map_class_nsd, map_class_syslog,
	map_class_arpa, map_class_userdb;
#endif
