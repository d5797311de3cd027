/* ruleset.h - compiled rewriting rules and ruleset names/numbers. */
#ifndef SM_RULESET_H
#define SM_RULESET_H

struct config;

struct rule {
	char **lhs;          /* NULL-terminated token vector */
	char **rhs;
	int line;            /* cf line number (for diagnostics) */
	struct rule *next;
};

struct ruleset_tab {
	struct rule *first[256];  /* indexed by ruleset number 0..199 */
	struct rule *last[256];
	char *name[256];          /* NULL for unnamed */
	int defined[256];         /* S line seen */
	int next_auto;            /* next automatic number, starts 199 */
	struct htab *byname;      /* name -> (number+1) as intptr */
};

/* Resolve a ruleset reference (number or name). create=1 allocates a number
 * for an unknown name (S lines, M S=/R=, H $>). Returns -1 if unknown and
 * !create, after printing sendmail's error when report is set. */
int ruleset_lookup(struct config *cf, const char *name, int create, int report);
/* Parse an S line's argument ("3", "name", "name=3"): returns number or -1. */
int ruleset_define(struct config *cf, const char *arg);
const char *ruleset_name(const struct config *cf, int rs); /* name or NULL */
/* Name for trace lines: name or decimal number. buf >= 16 bytes. */
const char *ruleset_label(const struct config *cf, int rs, char *buf, unsigned sz);
void ruleset_add_rule(struct config *cf, int rs, struct rule *r);
/* sendmail's strtorwset: p = "3" / "name" / "name=3" (create only);
 * *endp (if set) gets the end of the reference. Prints sendmail's errors
 * ("bad ruleset %d (100 max)", "invalid ruleset name", ...). An unknown
 * name with !create returns -1 silently. */
int ruleset_parse(struct config *cf, const char *p, const char **endp, int create);
void ruleset_free(struct config *cf);
#endif
