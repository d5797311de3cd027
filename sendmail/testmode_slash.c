/* testmode_slash.c - the -bt "/" commands (/quit /mx /canon /map /parse
 * /try /tryflags /sender /expand /header), one small handler each.
 * Touches stdout, the runtime macros and the try flags. */
#include <ctype.h>
#include <string.h>
#include "testmode.h"
#include "parseaddr.h"
#include "token.h"
#include "macro.h"
#include "map.h"
#include "options.h"
#include "sysident.h"
#include "err.h"
#include "../libsmutil/str.h"
#include "debug.h"
#include "../libsmutil/poison.h"

static void ts_quit(struct tm_state *st, char *args) { st->done = 1; }

static void ts_mx(struct tm_state *st, char *args)
{
	if (*args == '\0') {
		printf("Usage: /mx address\n");
		return;
	}
	/* No resolver yet: behaves like a host without network. */
	printf("getmxrr(%s) returns 0 value(s):\n", args);
}

static void ts_canon(struct tm_state *st, char *args)
{
	char host[1025];
	int stat = 0;
	if (*args == '\0') {
		printf("Usage: /canon address\n");
		return;
	}
	if (strlen(args) >= 256) {
		printf("Name too long\n");
		return;
	}
	memcpy(host, args, strlen(args) + 1);
	(void)sysident_canon(st->cf, host, sizeof host, &stat);
	printf("getcanonname(%s) returns %s\n", args, host);
}

static void ts_map(struct tm_state *st, char *args)
{
	if (*args == '\0') {
		printf("Usage: /map mapname key\n");
		return;
	}
	/* the key is everything after the one blank ending the map name */
	char *key = strpbrk(args, " \t");
	if (key == NULL) {
		printf("No key specified\n");
		return;
	}
	*key++ = '\0';
	struct map *m = map_find(st->cf, args);
	if (m == NULL) {
		printf("Map named \"%s\" not found\n", args);
		return;
	}
	if (map_open(m, st->cf) != 0) {
		printf("Map named \"%s\" not open\n", args);
		return;
	}
	printf("map_lookup: %s (%s) ", args, key);
	fflush(stdout);
	struct lookup_ctx lc;
	memset(&lc, 0, sizeof lc);
	lc.cf = st->cf;
	lc.mac = &st->mac;
	int stat = 0;
	char *v = map_lookup_slash(m, key, &stat, &lc);
	if (v != NULL)
		printf("returns %s (%d)\n", v, stat);
	else
		printf("no match (%d)\n", stat);
	mem_free(v);
}

static const char *ts_kind(int flags, int which)
{
	if (which == 0)
		return (flags & RF_HEADERADDR) ? "header" : "envelope";
	return (flags & RF_SENDERADDR) ? "sender" : "recipient";
}

static void ts_parse(struct tm_state *st, char *args)
{
	struct address a;
	if (*args == '\0') {
		printf("Usage: /parse address\n");
		return;
	}
	char *c = crackaddr(args, st->cf->colon_ok, option_str(st->cf, "MustQuoteChars", NULL));
	fputs("Cracked address = ", stdout);
	debug_xputs(stdout, c);
	fputc('\n', stdout);
	mem_free(c);
	printf("Parsing %s %s address\n", ts_kind(st->tryflags, 0), ts_kind(st->tryflags, 1));
	int pr = testmode_parse(&st->rc, args, &a, st->tryflags, '\0');
	if (pr < 0) {
		printf("Cannot parse\n");
		return;
	}
	/* sendmail's parseaddr picks a queue group for good recipient
	 * addresses through the "queuegroup" ruleset, if there is one */
	if (pr == 0 && !(st->tryflags & (RF_SENDERADDR | RF_HEADERADDR))) {
		char **qv;
		(void)rewrite_rscap(&st->rc, "queuegroup", a.user, NULL, &qv);
	}
	if (a.host != NULL)
		printf("mailer %s, host %s, user %s\n", a.mailer->name, a.host, a.user);
	else
		printf("mailer %s, user %s\n", a.mailer->name, a.user);
	parseaddr_free(&a);
}

/* ${addr_type} for the current /tryflags ("e r", "h s", ...). */
static void ts_set_addr_type(struct tm_state *st)
{
	char at[4] = { (st->tryflags & RF_HEADERADDR) ? 'h' : 'e', ' ',
		       (st->tryflags & RF_SENDERADDR) ? 's' : 'r', '\0' };
	macro_set(&st->mac, macid("{addr_type}"), at);
}

static void ts_try(struct tm_state *st, char *args)
{
	char *addr = testmode_word(args);
	if (*args == '\0' || *addr == '\0') {
		printf("Usage: /try mailer address\n");
		return;
	}
	const struct mailer *m = mailer_find(st->cf, args);
	if (m == NULL) {
		printf("Unknown mailer %s\n", args);
		return;
	}
	ts_set_addr_type(st);
	printf("Trying %s %s address %s for mailer %s\n", ts_kind(st->tryflags, 0),
	       ts_kind(st->tryflags, 1), addr, m->name);
	int stat = 0;
	char *r = parseaddr_remotename(&st->rc, addr, m, st->tryflags, &stat);
	printf("Rcode = %d, addr = %s\n", stat, r ? r : "<NULL>");
	mem_free(r);
}

static void ts_tryflags(struct tm_state *st, char *args)
{
	if (*args == '\0') {
		printf("Usage: /tryflags [Hh|Ee][Ss|Rr]\n");
		return;
	}
	for (char *p = args; *p; p++) {
		switch (*p) {
		case 'H': case 'h': st->tryflags |= RF_HEADERADDR; break;
		case 'E': case 'e': st->tryflags &= ~RF_HEADERADDR; break;
		case 'S': case 's': st->tryflags |= RF_SENDERADDR; break;
		case 'R': case 'r': st->tryflags &= ~RF_SENDERADDR; break;
		default: break;
		}
	}
	ts_set_addr_type(st);
}

static void ts_sender(struct tm_state *st, char *args)
{
	char *u = testmode_setsender(&st->rc, args);
	printf("addr=%s\n", u);
	mem_free(u);
}

static void ts_expand(struct tm_state *st, char *args)
{
	if (*args == '\0') {
		printf("Usage: /expand string\n");
		return;
	}
	struct str s;
	str_init(&s, 0);
	macro_expand(&s, args, &st->mac);
	tok_xputs(stdout, s.s);
	str_free(&s);
}

static const struct tm_cmd ts_table[] = {
	{ "quit", ts_quit }, { "mx", ts_mx }, { "canon", ts_canon },
	{ "map", ts_map }, { "parse", ts_parse }, { "try", ts_try },
	{ "tryflags", ts_tryflags }, { "sender", ts_sender },
	{ "expand", ts_expand }, { "header", testmode_header },
};

void testmode_slash(struct tm_state *st, char *line)
{
	if (line[1] == '\0') {
		printf("Usage: /[canon|map|mx|parse|try|tryflags]\n");
		return;
	}
	/* trailing blanks are dropped, then the command word is split off */
	size_t n = strlen(line);
	while (n > 0 && isspace((unsigned char)line[n - 1]))
		line[--n] = '\0';
	char *args = testmode_word(line);
	for (size_t i = 0; i < sizeof ts_table / sizeof ts_table[0]; i++) {
		if (strcasecmp(line + 1, ts_table[i].name) == 0) {
			ts_table[i].fn(st, args);
			return;
		}
	}
	printf("Unknown \"/\" command %s\n", line);
}
