/* readcf_lines.c - handlers for the simple cf line types: V (level and
 * vendor), D (macros), C/T (classes), P (precedences), E (mailer
 * environment), X (filters), Q (queue groups), K (maps), O (options),
 * M (mailers) and unknown lines. Touches the config being built. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "config.h"
#include "readcf.h"
#include "macro.h"
#include "class.h"
#include "map.h"
#include "options.h"
#include "meta.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

void readcf_lines_bad(struct config *cf, char *line)
{
	errno = 0;
	err_syserr("unknown configuration line \"%s\"", line);
}

/* V level effects: short $w (>= 5), ColonOkInAddr off (>= 6). */
static void readcf_lines_level(struct config *cf)
{
	if (cf->level >= 5) {
		const char *w = macro_get(&cf->macros, 'w');
		const char *dot = w != NULL ? strchr(w, '.') : NULL;
		if (dot != NULL) {
			char *s = mem_strndup(w, (size_t)(dot - w));
			macro_set(&cf->macros, 'w', s);
			mem_free(s);
		}
	}
	if (cf->level >= 6)
		cf->colon_ok = 0;
	cf->nocomments_table = cf->level >= 9;
}

void readcf_lines_V(struct config *cf, char *line)
{
	char *p = line + 1, *ep;
	while (isspace((unsigned char)*p))
		p++;
	if (!isdigit((unsigned char)*p)) {
		errno = 0;
		err_syserr("invalid argument to V line: \"%.20s\"", line + 1);
		return;
	}
	cf->level = (int)strtol(p, &ep, 10);
	readcf_lines_level(cf);
	if (*ep++ != '/')
		return;
	for (p = ep; (unsigned char)*p < 0200 && isalpha((unsigned char)*p); p++)
		;
	*p = '\0';
	/* this build knows only Berkeley (no SUN_EXTENSIONS) */
	if (strcasecmp(ep, "Berkeley") == 0) {
		mem_free(cf->vendor);
		cf->vendor = mem_strdup(ep);
	} else {
		errno = 0;
		err_syserr("invalid V line vendor code: \"%s\"", ep);
	}
}

void readcf_lines_D(struct config *cf, char *line)
{
	const char *ep;
	int id = macid_parse(line + 1, &ep);
	if (id == 0)
		return;
	struct str v;
	str_init(&v, 0);
	readcf_util_munch(&v, ep, NULL, '\0');
	macro_set(&cf->macros, id, v.s);
	str_free(&v);
}

/* C (expanded) and T (class t, literal) lines. */
static void readcf_lines_collect(const char *w, void *ctx)
{
	struct str *s = ctx;
	str_add(s, w);
	str_addc(s, ' ');
}

/* The words of a C line: a word "$=Y" (translated: META_MATCHCLASS and
 * Y's id) copies the current members of class Y, like the reference;
 * anything after the class name in that word is ignored. */
static void readcf_lines_cwords(struct config *cf, int id, const char *s)
{
	while (*s != '\0') {
		while (*s != '\0' && isspace((unsigned char)*s))
			s++;
		const char *w = s;
		while (*s != '\0' && !isspace((unsigned char)*s))
			s++;
		if (s == w)
			break;
		char *word = mem_strndup(w, (size_t)(s - w));
		if ((unsigned char)word[0] != META_MATCHCLASS) {
			class_add(cf->classes, id, word);
		} else {
			int from = macid_parse(word + 1, NULL);
			if (from != 0) {
				struct str m;
				str_init(&m, 0);
				class_walk(cf->classes, from, readcf_lines_collect, &m);
				if (m.s != NULL)
					class_add_words(cf->classes, id, m.s);
				str_free(&m);
			}
		}
		mem_free(word);
	}
}

void readcf_lines_C(struct config *cf, char *line)
{
	if (line[0] == 'T') {
		class_add_words(cf->classes, 't', line + 1);
		return;
	}
	const char *ep;
	int id = macid_parse(line + 1, &ep);
	if (id == 0)
		return;
	struct str x;
	str_init(&x, 0);
	macro_expand(&x, ep, &cf->macros);
	readcf_lines_cwords(cf, id, x.s);
	str_free(&x);
}

void readcf_lines_P(struct config *cf, char *line)
{
	errno = 0;
	if (cf->nprios >= MAXPRIORITIES) {
		err_syserr("too many %c lines, %d max", 'P', MAXPRIORITIES);
		return;
	}
	char *p = strchr(line + 1, '=');
	if (p == NULL) {
		readcf_lines_bad(cf, line);
		return;
	}
	*p++ = '\0';
	cf->prios[cf->nprios].name = mem_strdup(line + 1);
	cf->prios[cf->nprios].value = atoi(p);
	cf->nprios++;
}

/* E name=value / E name (copied from our environment when set). */
void readcf_lines_E(struct config *cf, char *line)
{
	char *name = line + 1, *val = strchr(line, '=');
	if (val != NULL)
		*val++ = '\0';
	else if ((val = getenv(name)) == NULL)
		return;
	size_t n = strlen(name);
	struct str e;
	str_init(&e, 0);
	str_printf(&e, "%s=%s", name, val);
	for (int i = 0; i < cf->nenv; i++)
		if (strncmp(cf->env[i], name, n) == 0 && cf->env[i][n] == '=') {
			mem_free(cf->env[i]);
			cf->env[i] = str_steal(&e);
			return;
		}
	cf->env = mem_realloc(cf->env, sizeof(char *) * (size_t)(cf->nenv + 2));
	cf->env[cf->nenv++] = str_steal(&e);
	cf->env[cf->nenv] = NULL;
	str_free(&e);
}

void readcf_lines_K(struct config *cf, char *line)
{
	struct str x;
	str_init(&x, 0);
	macro_expand(&x, line + 1, &cf->macros);
	(void)map_parse_kline(cf, x.s);
	str_free(&x);
}

void readcf_lines_O(struct config *cf, char *line)
{
	options_parse_line(cf, line + 1, 0);
}

void readcf_lines_M(struct config *cf, char *line)
{
	mailer_parse_line(cf, line + 1);
}
