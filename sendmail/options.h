/* options.h - the typed option table (O lines, -o/-O). Long names,
 * short names, abbreviations, sticky command-line settings. */
#ifndef SM_OPTIONS_H
#define SM_OPTIONS_H

struct config;

enum opt_type { OT_BOOL, OT_INT, OT_LONG, OT_TIME, OT_MODE, OT_STR, OT_CHAR, OT_SPECIAL };

struct opt_value {
	int set;           /* ever set */
	int sticky;        /* set from the command line: cf can't override */
	long num;          /* bool/int/long/time(secs)/mode */
	char *str;         /* string form (as given, after parsing) */
};

/* Parse the text after 'O' of an O line (or a -o/-O argument when cmdline).
 * line[0] is the option: a one-char name, or ' ' for the long form
 * (" Name=value", " Timeout.ident=5s"); so -oXval passes "Xval" and
 * -O Name=val passes " Name=val". Reports sendmail's messages ("readcf:
 * unknown option name X", ...). cmdline values are sticky. */
void options_parse_line(struct config *cf, const char *line, int cmdline);
/* Set by name ("OperatorChars") with value; returns 0 or -1 unknown. */
int option_set(struct config *cf, const char *name, const char *value, int cmdline);
const struct opt_value *option_get(const struct config *cf, const char *name);
/* Convenience accessors; default returned when unset. */
const char *option_str(const struct config *cf, const char *name, const char *dflt);
long option_num(const struct config *cf, const char *name, long dflt);
void options_print_names(void);   /* -bO: option names, one per line */
/* Is the DontBlameSendmail word (lower case, e.g. "classfileinunsafedirpath") set? */
int options_dbs(const struct config *cf, const char *word);
/* Is the PrivacyOptions word (e.g. "noexpn", "goaway") in effect? */
int options_privacy(const struct config *cf, const char *word);
#endif
