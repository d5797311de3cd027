/* config.h - the parsed sendmail.cf: one struct passed as context.
 * Built by readcf, then treated as read-only by everything except the -bt
 * commands .D/.C (which behave like the reference and mutate it). */
#ifndef SM_CONFIG_H
#define SM_CONFIG_H
#include "meta.h"
#include "macro.h"
#include "ruleset.h"
#include "mailer.h"
#include "options.h"
#include "../libsmutil/htab.h"

struct classes;
struct tok_tables;
struct map;

struct hdr_tpl {              /* H line */
	char *name;
	char *value;              /* translated, unexpanded */
	unsigned char mflags[32]; /* ?flags? bitmap */
	int macro_cond;           /* ?$x? id, 0 if none */
	char *ruleset;            /* header check "$>name" (NULL if none) */
	int keep_comments;        /* $>+ */
	struct hdr_tpl *next;
};

struct prio { char *name; int value; };

struct qgrp_def {             /* Q line */
	char *name; char *path; char *flags; int runners; long interval;
	int nice; int jobs; int rcpts; int sort; struct qgrp_def *next;
};

struct config {
	char *file;               /* path of the cf */
	int level;                /* V level (0 if no V line) */
	char *vendor;
	struct macros macros;     /* global macros (D lines, predefined) */
	struct classes *classes;
	struct ruleset_tab rs;
	struct mailer *mailers[MAXMAILERS + 4];
	int nmailers;             /* slots in use (listing bound) */
	int next_mailer;          /* sendmail's NextMailer (see mailer_U) */
	struct mailer **mailer_names; /* every mailer by name (sendmail's stab):
	                           * may hold some no longer in a slot */
	int nmailer_names;
	struct hdr_tpl *headers;
	struct prio prios[MAXPRIORITIES];
	int nprios;
	struct htab *maps;        /* name -> struct map* (case-insens.) */
	struct htab *options;     /* option name -> struct opt_value* */
	struct qgrp_def *qgroups;
	char **env;               /* E lines */
	int nenv;
	struct tok_tables *tok;   /* built from OperatorChars */
	/* hot-path option values mirrored by options.c */
	char *operators;          /* OperatorChars (NULL = default ".:@[]") */
	int blanksub;             /* BlankSub, default ' ' */
	int colon_ok;             /* ColonOkInAddr */
	int nocomments_table;     /* level >= 9 */
	int opmode;               /* 't' for -bt, 'v', 'p' ... */
	int testmode;             /* -bt */
	int verbose;
	long debug_dummy;
	/* added by the cf reader (H3) */
	struct arena *arena;      /* rule tokens, long-lived strings */
	int vendor_sun;           /* V line vendor is Sun */
	unsigned long privacy;    /* PrivacyOptions bits (PRIV_*, options.h) */
	unsigned char dontblame[8]; /* DontBlameSendmail bits (DBS_*, options.h) */
	char **xfilters;          /* X lines (raw text after 'X'), NULL-terminated */
	int nxfilters;
};

struct config *config_new(void);
/* Macros and classes sendmail defines before reading the cf ($n,
 * ${opMode}, classes e n q s {persistentMacros} {checkMIMETextHeaders}). */
void config_predefine(struct config *cf);
/* Token tables for R lines / -bt input: built on first use from
 * OperatorChars (level < 7: $o), then frozen like sendmail's. */
struct tok_tables *config_tok(struct config *cf);
/* Read the cf file; errors printed as "<file>: line N: msg" and exit status
 * accumulated in err.c. Returns NULL only if the file can't be opened
 * (EX_OSFILE set). pre (or a new config) gets, in this order:
 * config_predefine, mailer_builtins, sysident_init, the cf lines, then
 * map_builtins and sysident_finish - callers must not repeat those. */
struct config *readcf(const char *path, int opmode, struct config *pre);
void config_free(struct config *cf);
#endif
