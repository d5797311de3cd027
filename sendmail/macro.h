/* macro.h - macro ids ($x, ${name}) and macro values.
 * Ids: single printable chars use their own byte; long names get bytes
 * 0240..0376 allocated in order of first use (shared with class names,
 * {x} == x). The id registry is process-wide (like sendmail's). Values live
 * in a struct macros chain: a runtime scope points to the config's globals. */
#ifndef SM_MACRO_H
#define SM_MACRO_H
#include "../libsmutil/str.h"

struct macros {
	char *val[256];          /* NULL = undefined; owned (heap) */
	struct macros *parent;   /* consulted when val[id] is NULL */
};

/* Parse a macro/class name at p ("x" or "{name}"); returns the id (0 on
 * error, after reporting "Name required for macro/class" or
 * "Invalid macro/class character %c" through err_syserr); *ep = end. */
int macid_parse(const char *p, const char **ep);
int macid(const char *name);        /* id for "x" or "name" or "{name}"; 0 if bad */
const char *macname(int id);        /* "x" or "{name}" for display */
void macro_init_ids(void);          /* predefine the metasymbol macros */
/* Name the ids the reference allocates right after reading the cf, in its
 * order ({checkMIMEFieldHeaders} .. {addr_type}); idempotent. Call at the
 * end of readcf, before anything else asks for those names. */
void macro_ids_after_cf(void);

void macros_init(struct macros *m, struct macros *parent);
void macros_free(struct macros *m);
const char *macro_get(const struct macros *m, int id);  /* walks parents */
void macro_set(struct macros *m, int id, const char *value); /* copies; NULL undefines */

/* Convert $-notation in a cf line to the reference's stored form:
 * $$ -> $, every other $c / ${name} -> 0201 id, with $= $~ $& $? keeping
 * their operator char before the id ($* is 0201 '*', $=X is 0201 '=' X).
 * Metasymbol bytes only appear on expansion (the predefined macros * + -
 * = ~ # @ : > ? | . [ ] ( ) & 0-9 hold them), costing one pass each.
 * Also applies the level>=3 mid-line '#' comment rule when cfcomments. */
void macro_translate(struct str *out, const char *in, int cfcomments);
/* Expand 0201 references and $? $| $. conditionals (recursive, 10 levels). */
void macro_expand(struct str *out, const char *in, const struct macros *m);
#endif
