/* testmode_cmds.c - -bt commands selected by their first character:
 * ? (help), .D/.C, =S/=M, -d, $x/$=x. One small handler per command.
 * Touches stdout, the runtime macros, the config's classes (.C). */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "testmode.h"
#include "token.h"
#include "macro.h"
#include "class.h"
#include "options.h"
#include "debug.h"
#include "err.h"
#include "ruleset.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

/* Is every directory above path free of world-writable bits? */
static int tm_safepath(const char *path)
{
	char dir[4096];
	size_t n = strlen(path);
	if (n >= sizeof dir)
		return 0;
	memcpy(dir, path, n + 1);
	for (char *s = strrchr(dir, '/'); s != NULL; s = strrchr(dir, '/')) {
		struct stat sb;
		*s = '\0';
		if (stat(dir[0] ? dir : "/", &sb) == 0 && (sb.st_mode & S_IWOTH))
			return 0;
	}
	return 1;
}

static void tm_help(struct tm_state *st, char *line)
{
	const char *hf = option_str(st->cf, "HelpFile", NULL);
	FILE *fp = NULL;
	struct str l;
	int found = 0;
	if (hf != NULL && *hf != '\0' && tm_safepath(hf))
		fp = fopen(hf, "r");
	if (fp == NULL) {
		printf("Sendmail 8.17.1.9 -- HELP not implemented\n");
		return;
	}
	str_init(&l, 0);
	while (str_getline(&l, fp) >= 0) {
		if (l.s[0] == '#' || strncmp(l.s, "-bt", 3) != 0)
			continue;
		char *p = strpbrk(l.s, " \t\n");
		fputs(p != NULL && *p != '\n' ? p + 1 : "\n", stdout);
		if (l.len > 0 && l.s[l.len - 1] != '\n')
			fputc('\n', stdout);
		found = 1;
	}
	fclose(fp);
	str_free(&l);
	if (found)
		printf("End of HELP info\n");
	else
		printf("HELP topic \"-bt\" unknown\n");
}

static void tm_define(struct tm_state *st, char *line)
{
	const char *ep;
	int id = macid_parse(line + 2, &ep);
	if (id == 0)
		return;
	struct str v;
	str_init(&v, 0);
	macro_translate(&v, ep, 0);
	macro_set(&st->mac, id, v.s);
	str_free(&v);
}

static void tm_class(struct tm_state *st, char *line)
{
	const char *ep;
	if (line[2] == '\0')
		return;
	int id = macid_parse(line + 2, &ep);
	if (id == 0)
		return;
	struct str t, v;
	str_init(&t, 0);
	str_init(&v, 0);
	macro_translate(&t, ep, 0);
	macro_expand(&v, t.s, &st->mac);
	class_add_words(st->cf->classes, id, v.s);
	str_free(&t);
	str_free(&v);
}

static void tm_dot(struct tm_state *st, char *line)
{
	if (line[1] == 'D')
		tm_define(st, line);
	else if (line[1] == 'C')
		tm_class(st, line);
	else if (line[1] == '\0')
		printf("Usage: .[DC]macro value(s)\n");
	else
		printf("Unknown \".\" command %s\n", line);
}

/* Print one rule: R + LHS tokens, two TABs, RHS tokens. */
static void tm_printrule(const struct rule *r)
{
	fputc('R', stdout);
	for (char **t = r->lhs; t && *t; t++) {
		tok_xputs(stdout, *t);
		fputc(' ', stdout);
	}
	fputs("\t\t", stdout);
	for (char **t = r->rhs; t && *t; t++) {
		tok_xputs(stdout, *t);
		fputc(' ', stdout);
	}
	fputc('\n', stdout);
}

static void tm_showrules(struct tm_state *st, char *name)
{
	int rs = ruleset_parse(st->cf, name, NULL, 0);
	if (rs < 0) {
		printf("Undefined ruleset %s\n", name);
		return;
	}
	for (const struct rule *r = st->cf->rs.first[rs]; r != NULL; r = r->next)
		tm_printrule(r);
}

static void tm_equal(struct tm_state *st, char *line)
{
	if (line[1] == 'S')
		tm_showrules(st, line + 2);
	else if (line[1] == 'M') {
		for (int i = 0; i < st->cf->nmailers; i++)
			if (st->cf->mailers[i] != NULL)
				mailer_print(stdout, st->cf, st->cf->mailers[i]);
	} else if (line[1] == '\0')
		printf("Usage: =Sruleset or =M\n");
	else
		printf("Unknown \"=\" command %s\n", line);
}

static void tm_dash(struct tm_state *st, char *line)
{
	if (line[1] == 'd')
		(void)debug_parse(line + 2);
	else if (line[1] == '\0')
		printf("Usage: -d{debug arguments}\n");
	else
		printf("Unknown \"-\" command %s\n", line);
}

static void tm_class_word(const char *w, void *ctx)
{
	(void)ctx;
	/* class members are printed as stored (no xputs) */
	fputs(w, stdout);
	fputc('\n', stdout);
}

static void tm_dollar(struct tm_state *st, char *line)
{
	const char *ep;
	if (line[1] == '=') {
		int id = macid_parse(line + 2, &ep);
		if (id != 0)
			class_walk(st->cf->classes, id, tm_class_word, NULL);
		return;
	}
	int id = macid_parse(line + 1, &ep);
	if (id == 0)
		return;
	const char *v = macro_get(&st->mac, id);
	if (v == NULL)
		printf("Undefined\n");
	else {
		tok_xputs(stdout, v);
		fputc('\n', stdout);
	}
}

static const struct { int c; tm_handler *fn; } tm_table[] = {
	{ '?', tm_help }, { '.', tm_dot }, { '=', tm_equal },
	{ '-', tm_dash }, { '$', tm_dollar }, { '/', testmode_slash },
};

tm_handler *testmode_cmds_find(int c)
{
	for (size_t i = 0; i < sizeof tm_table / sizeof tm_table[0]; i++)
		if (tm_table[i].c == c)
			return tm_table[i].fn;
	return NULL;
}
