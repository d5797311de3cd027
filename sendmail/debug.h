/* debug.h - sendmail's -dX.Y trace categories behind one cheap macro,
 * plus the -d0.1 version / system identity displays. */
#ifndef SM_DEBUG_H
#define SM_DEBUG_H
#include <stdio.h>
extern unsigned char debug_levels[100];
#define tTd(cat, lvl) (debug_levels[(cat)] >= (lvl))
/* Parse a -d argument ("21.1", "0-99.1", "3,5.2", "" = 0-99.1);
 * returns 0 ok, -1 bad (nothing useful set). */
int debug_parse(const char *spec);
/* Stream for debug output (stdout unless -D file). */
FILE *debug_fp(void);
void debug_set_fp(FILE *fp);
/* -d21.2: the value a $&x in a rule's RHS expanded to (NULL = unset);
 * the rewriting engine calls it for every $&x it expands. */
void debug_rhs_macro(int id, const char *val);
/* The same for side "LHS" (a $&x tried while matching) or "RHS". */
void debug_rw_macro(const char *side, int id, const char *val);
/* sendmail's xputs: like tok_xputs, but with -d84.1 a byte with the
 * high bit set shows as " 0x%x " (the raw value). */
void debug_xputs(FILE *fp, const char *s);
struct config;
/* -d0.1: "Version ..." and the compiled-with list (before readcf). */
void debug_print_version(FILE *fp);
/* -d0.1: the SYSTEM IDENTITY block (after readcf). */
void debug_print_identity(FILE *fp, const struct config *cf);
#endif
