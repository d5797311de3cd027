/* cmdline.h - the parsed sendmail command line (main.c fills it, the
 * modes read it). Strings point into argv or are heap copies owned by
 * main; nothing here is modified after parsing. */
#ifndef SM_CMDLINE_H
#define SM_CMDLINE_H

struct main_args {
	const char *argv0;
	int mode;                 /* -b letter ('m' default) */
	const char *cffile;
	int cfgiven;              /* -C was used */
	int verbose;              /* -v */
	char **opts;              /* option texts as after 'O' (-o x / -O " Name=v") */
	int nopts;
	int noalias;              /* -n */
	char **qargs;             /* -q... and -A... as typed ("-qIabc"), in order */
	int nqargs;
	int queuerun;             /* a -q flag was given */
	const char *from;         /* -f / -r (NULL: none; "" = <>) */
	int fromflag;             /* 'f' or 'r': the flag that gave from */
	int fromerr;              /* -f given twice */
	/* submission flags (-bm) */
	int tflag;                /* -t */
	int ignoredots;           /* -i / -oi (also set through the option) */
	const char *fullname;     /* -F */
	const char *notify;       /* -N text as given */
	const char *ret;          /* -R text as given */
	int reterr;               /* -R twice */
	const char *envid;        /* -V */
	const char *bodytype;     /* -B */
	const char *hopcount;     /* -h text (checked by the mode) */
	const char *proto;        /* -p proto[:host] */
	const char *xlog;         /* -X traffic log file */
	const char *quarantine;   /* -Q[reason] ("" = unquarantine) */
	int gflag;                /* -G */
	int uflag;                /* -U */
	char **macros;            /* -M<x><val> as typed after -M */
	int nmacros;
	char **rest;              /* arguments after the flags (NULL-terminated) */
	int nrest;
};
#endif
