/* mailer.h - mailer definitions from M lines (and the built-in ones). */
#ifndef SM_MAILER_H
#define SM_MAILER_H
#include <stdio.h>

struct config;

struct mailer {
	char *name;
	char *path;              /* P= */
	unsigned char flags[256 / 8]; /* F= letters as a bitmap */
	int s_env, s_hdr;        /* S= rulesets (-1 unset... 0 default) */
	int r_env, r_hdr;        /* R= rulesets */
	long maxsize;            /* M= */
	int maxmsgs;             /* m= */
	int maxrcpt;             /* r= (default 100) */
	int linelimit;           /* L= */
	int nice;                /* N= */
	char *eol;               /* E= (unescaped) */
	char **argv;             /* A= words (macro references kept) */
	char *execdir;           /* D= */
	char *rootdir;           /* /= */
	char *charset;           /* C= */
	char *mtatype, *addrtype, *diagtype; /* T= (NULL = <undefined>) */
	char *qgrp;              /* Q= */
	long waittime;           /* W= */
	long uid, gid;           /* U= (-1 unset) */
	int number;              /* index in config mailer table */
};

int mailer_flag(const struct mailer *m, int c);
void mailer_setflag(struct mailer *m, int c, int on);
/* Parse the text after 'M' of an M line, add/replace into cf. Errors via err_. */
void mailer_parse_line(struct config *cf, const char *line);
/* Define prog, *file*, *include* as sendmail does before reading the cf. */
void mailer_builtins(struct config *cf);
struct mailer *mailer_find(const struct config *cf, const char *name); /* case-insens. */
/* One "=M" line: mailer N (name): P=... (format of the reference). */
void mailer_print(FILE *fp, const struct config *cf, const struct mailer *m);
void mailer_free(struct mailer *m);
/* After the cf: level < 7 adds F=q to local and prog; level < 6 also
 * A w 5 : | / @ to local and o to prog (sendmail's compatibility). */
void mailer_compat(struct config *cf);
/* The A= argv split on blanks (macro bytes kept); NULL-terminated. */
char **mailer_makeargv(const char *p);
#endif
