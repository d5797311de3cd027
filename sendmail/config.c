/* config.c - creation and destruction of struct config (the parsed cf),
 * the macros/classes sendmail predefines before reading the cf, and the
 * lazily built token tables. Touches only the config it is given. */
#include <pwd.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "class.h"
#include "token.h"
#include "macro.h"
#include "map.h"
#include "meta.h"
#include "../libsmutil/htab.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

struct config *config_new(void)
{
	struct config *cf = mem_zalloc(sizeof *cf);
	macros_init(&cf->macros, NULL);
	cf->classes = classes_new();
	cf->rs.next_auto = MAXRWSETS;
	cf->maps = htab_new(32, 1);
	cf->options = htab_new(64, 1);
	cf->blanksub = ' ';
	cf->colon_ok = 1;
	cf->arena = arena_new(64 * 1024);
	return cf;
}

/* Add the words of s (blank separated) to class name. */
static void config_class(struct config *cf, const char *name, const char *words)
{
	int id = macid(name);
	if (id != 0)
		class_add_words(cf->classes, id, words);
}

/* The metasymbol macros: $* $+ ... show as themselves, $0..$9 too. */
static void config_metamacros(struct config *cf)
{
	static const struct { char name; unsigned char val; } mm[] = {
		{ '*', META_MATCHZANY }, { '+', META_MATCHANY }, { '-', META_MATCHONE },
		{ '=', META_MATCHCLASS }, { '~', META_MATCHNCLASS },
		{ '#', META_CANONNET }, { '@', META_CANONHOST }, { ':', META_CANONUSER },
		{ '>', META_CALLSUBR }, { '?', META_CONDIF }, { '|', META_CONDELSE },
		{ '.', META_CONDFI }, { '[', META_HOSTBEGIN }, { ']', META_HOSTEND },
		{ '(', META_LOOKUPBEGIN }, { ')', META_LOOKUPEND },
		{ '&', META_MACRODEXPAND },
	};
	char v[3] = { 0, 0, 0 };
	for (size_t i = 0; i < sizeof mm / sizeof mm[0]; i++) {
		v[0] = (char)mm[i].val;
		macro_set(&cf->macros, (unsigned char)mm[i].name, v);
	}
	v[0] = (char)META_MATCHREPL;
	for (int d = '0'; d <= '9'; d++) {
		v[1] = (char)d;
		macro_set(&cf->macros, d, v);
	}
}

void config_predefine(struct config *cf)
{
	char mode[2] = { (char)(cf->opmode ? cf->opmode : 'i'), '\0' };
	config_metamacros(cf);
	macro_set(&cf->macros, 'n', "MAILER-DAEMON");
	macro_set(&cf->macros, 'v', "8.17.1.9");
	macro_set(&cf->macros, macid("{opMode}"), mode);
	if (macro_get(&cf->macros, macid("{deliveryMode}")) == NULL)
		macro_set(&cf->macros, macid("{deliveryMode}"), "i");
	macro_set(&cf->macros, macid("{quarantine}"), "");
	/* $_: the authentication info of a non-socket stdin */
	struct passwd *pw = getpwuid(getuid());
	struct str a;
	str_init(&a, 0);
	str_printf(&a, "%s@localhost", pw != NULL ? pw->pw_name : "root");
	macro_set(&cf->macros, '_', a.s);
	str_free(&a);
	config_class(cf, "e", "7bit 8bit binary");
	config_class(cf, "n", "multipart/signed");
	config_class(cf, "s", "rfc822");
	config_class(cf, "{persistentMacros}", "r s _ {if_addr} {daemon_flags}");
	config_class(cf, "{checkMIMETextHeaders}", "content-description");
}

struct tok_tables *config_tok(struct config *cf)
{
	if (cf->tok != NULL)
		return cf->tok;
	const char *ops = cf->operators;
	if (ops == NULL && cf->level < 7)
		ops = macro_get(&cf->macros, 'o');
	if (ops == NULL)
		ops = ".:@[]";
	struct str x;
	str_init(&x, 0);
	macro_expand(&x, ops, &cf->macros);
	cf->tok = tok_tables_new(x.s);
	if (cf->operators == NULL)
		cf->operators = mem_strdup(ops);
	str_free(&x);
	return cf->tok;
}

static void config_free_optval(void *v)
{
	struct opt_value *o = v;
	mem_free(o->str);
	mem_free(o);
}

/* Free header templates, queue groups, environment and X lines. */
static void config_free_lists(struct config *cf)
{
	for (struct hdr_tpl *h = cf->headers, *n; h != NULL; h = n) {
		n = h->next;
		mem_free(h->name);
		mem_free(h->value);
		mem_free(h->ruleset);
		mem_free(h);
	}
	for (struct qgrp_def *q = cf->qgroups, *n; q != NULL; q = n) {
		n = q->next;
		mem_free(q->name);
		mem_free(q->path);
		mem_free(q->flags);
		mem_free(q);
	}
	for (int i = 0; i < cf->nenv; i++)
		mem_free(cf->env[i]);
	mem_free(cf->env);
	for (int i = 0; i < cf->nxfilters; i++)
		mem_free(cf->xfilters[i]);
	mem_free(cf->xfilters);
	for (int i = 0; i < cf->nprios; i++)
		mem_free(cf->prios[i].name);
}

void config_free(struct config *cf)
{
	if (cf == NULL)
		return;
	for (int i = 0; i < cf->nmailer_names; i++)
		mailer_free(cf->mailer_names[i]);
	mem_free(cf->mailer_names);
	config_free_lists(cf);
	ruleset_free(cf);
	if (cf->options != NULL)
		htab_free(cf->options, config_free_optval);
	map_free_all(cf);	/* maps and their table belong to the map module */
	if (cf->tok != NULL)
		tok_tables_free(cf->tok);
	classes_free(cf->classes);
	macros_free(&cf->macros);
	mem_free(cf->operators);
	mem_free(cf->file);
	mem_free(cf->vendor);
	arena_free(cf->arena);
	mem_free(cf);
}
