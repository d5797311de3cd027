/* debug.h - sendmail's -dX.Y trace categories behind one cheap macro. */
#ifndef SM_DEBUG_H
#define SM_DEBUG_H
extern unsigned char debug_levels[100];
#define tTd(cat, lvl) (debug_levels[(cat)] >= (lvl))
/* Parse a -d argument ("21.1", "0-99.1", "3,5.2"); returns 0 ok, -1 bad. */
int debug_parse(const char *spec);
#endif
