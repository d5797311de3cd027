/* testmode.h - sendmail -bt (address test mode): the read loop and a
 * table of small command handlers (testmode_cmds.c, testmode_slash.c). */
#ifndef SM_TESTMODE_H
#define SM_TESTMODE_H
#include <stdio.h>
#include "config.h"
#include "rewrite.h"

struct tm_state {
	struct config *cf;
	struct macros mac;        /* runtime scope (.D), parent = cf globals */
	struct rw_ctx rc;
	int tryflags;             /* RF_* used by /parse and /try */
	int done;                 /* /quit seen */
};

typedef void tm_handler(struct tm_state *st, char *line);
struct tm_cmd { const char *name; tm_handler *fn; };

/* Run the -bt loop on stdin/stdout; returns the exit status. */
int testmode_run(struct config *cf, int verbose);
/* Execute one input line (leading blanks already skipped). */
void testmode_line(struct tm_state *st, char *line);
/* Handler for a line starting with c (testmode_cmds.c). */
tm_handler *testmode_cmds_find(int c);
/* Handlers for "/" commands (testmode_slash.c). */
void testmode_slash(struct tm_state *st, char *line);
/* Ruleset-list lines ("3,0 addr, addr"). */
void testmode_rulesets(struct tm_state *st, char *line);
/* /header (testmode_header.c). */
void testmode_header(struct tm_state *st, char *line);
/* /sender (testmode_sender.c): sendmail's setsender; returns the
 * sender's user part (heap string). */
char *testmode_setsender(struct rw_ctx *rc, const char *from);
/* parseaddr for -bt: -1 unparsable, 1 parsed but a bad address (error
 * mailer or control characters: sendmail's QS_BADADDR), 0 good. */
struct address;
int testmode_parse(struct rw_ctx *rc, const char *addr, struct address *a, int flags,
		   int delim);
/* Split "word rest": NUL-terminates word, returns rest (blanks skipped). */
char *testmode_word(char *s);
#endif
