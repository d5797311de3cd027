/* testmode.c - the -bt read loop (banner, "> " prompt or echo, EOF) and
 * the ruleset-list command. Touches stdout, the runtime macro scope and
 * the exit status via err.h. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "testmode.h"
#include "token.h"
#include "macro.h"
#include "meta.h"
#include "err.h"
#include "ruleset.h"
#include "parseaddr.h"
#include "../libsmutil/str.h"
#include "debug.h"
#include "../libsmutil/poison.h"

char *testmode_word(char *s)
{
	while (*s && !isspace((unsigned char)*s))
		s++;
	if (*s)
		*s++ = '\0';
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

void testmode_line(struct tm_state *st, char *line)
{
	while (*line == ' ')
		line++;
	if (*line == '\0' || *line == '#')
		return;
	tm_handler *fn = testmode_cmds_find((unsigned char)*line);
	if (fn != NULL)
		fn(st, line);
	else
		testmode_rulesets(st, line);
}

/* Run one tokenized address through the list of rulesets (each looked
 * up from its position in the list, like sendmail's strtorwset). */
static void tm_runlist(struct tm_state *st, const char *list, char **pvp)
{
	const char *p = list;
	while (*p != '\0') {
		int rs = ruleset_parse(st->cf, p, NULL, 0);
		if (rs < 0) {
			printf("Undefined ruleset %s\n", p);
			return;
		}
		errno = 0;	/* the reference clears errno between rulesets */
		int stat = rewrite(&st->rc, rs, pvp, MAXATOM + 1);
		if (stat != 0)
			printf("== Ruleset %s (%d) status %d\n", p, rs, stat);
		while (*p != '\0' && *p++ != ',')
			;
	}
}

void testmode_rulesets(struct tm_state *st, char *line)
{
	while (isspace((unsigned char)*line))
		line++;
	char *p = line;
	while (*p != '\0' && !isspace((unsigned char)*p))
		p++;
	if (*p == '\0') {
		printf("No address!\n");
		return;
	}
	*p++ = '\0';
	/* the length check reports in whatever context the previous command left */
	if (parseaddr_invalid(p, NULL, 1, 0))
		return;
	enum tok_table tt = st->cf->level >= 9 ? TOK_NOCOMMENT : TOK_EXTERNAL;
	for (;;) {
		struct prescan_res res;
		memset(&res, 0, sizeof res);
		err_set_addr(p);
		int ps = prescan(st->cf->tok, tt, p, ',', st->rc.ar, &res);
		const char *next = res.end ? res.end : p + strlen(p);
		if (ps == 0 && res.pvp != NULL) {
			char **buf = arena_alloc(st->rc.ar, (MAXATOM + 1) * sizeof *buf);
			int n = tok_count(res.pvp);
			if (n > MAXATOM)
				n = MAXATOM;
			memcpy(buf, res.pvp, (size_t)n * sizeof *buf);
			buf[n] = NULL;
			tm_runlist(st, line, buf);
		}
		if (*next == '\0' || next < p)
			break;
		p = (char *)next + 1;
	}
	err_set_addr(NULL);
}

int testmode_run(struct config *cf, int verbose)
{
	struct tm_state st;
	struct str line;
	int tty = isatty(0);
	/* sendmail makes Verbose 2 for -bt only when neither -v nor the
	 * cf's Verbose option set it: "Ov" gives the echo mode */
	if (verbose == 2 && cf->verbose != 0) {
		verbose = cf->verbose;
		err_set_verbose(verbose);
	}
	int prompt = verbose == 2 || tty;
	int echo = !tty && verbose != 2;
	memset(&st, 0, sizeof st);
	st.cf = cf;
	macros_init(&st.mac, &cf->macros);
	macro_ids_after_cf();
	macro_set(&st.mac, macid("{addr_type}"), "e r");
	st.rc.cf = cf;
	st.rc.mac = &st.mac;
	st.rc.ar = arena_new(65536);
	st.rc.trace_fp = stdout;
	st.rc.trace_prefix = "";
	printf("ADDRESS TEST MODE (ruleset 3 NOT automatically invoked)\n"
	       "Enter <ruleset> <address>\n");
	str_init(&line, 0);
	while (!st.done) {
		if (prompt)
			fputs("> ", stdout);
		fflush(stdout);
		if (str_getline(&line, stdin) < 0)
			break;
		while (line.len > 0 && line.s[line.len - 1] == '\n')
			str_truncate(&line, line.len - 1);
		if (echo)
			printf("> %s\n", line.s);
		testmode_line(&st, line.s);
		arena_reset(st.rc.ar);
	}
	fflush(stdout);
	str_free(&line);
	if (tTd(2, 1))   /* sendmail's finis() */
		fprintf(debug_fp(), "\n====finis: stat %d e_id=NOQUEUE e_flags=4000<METOO>\n",
			err_exitstat());
	return err_exitstat();
}
