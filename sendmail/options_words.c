/* options_words.c - options made of words: PrivacyOptions,
 * DontBlameSendmail, ResolverOptions, and the Timeout table (Timeout.*,
 * the old "Or" list form, QueueTimeout). Touches cf->privacy,
 * cf->dontblame and cf->options. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "config.h"
#include "options_int.h"
#include "readcf.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

static const char *const options_privwords[] = {
	"public", "needmailhelo", "needexpnhelo", "needvrfyhelo", "noexpn",
	"novrfy", "noverb", "noetrn", "authwarnings", "restrictmailq",
	"restrictqrun", "restrictexpand", "noreceipts", "nobodyreturn",
	"noactualrecipient", "goaway", NULL
};
#define PRIV_GOAWAY_WORDS "needmailhelo needexpnhelo needvrfyhelo noexpn novrfy noverb authwarnings noactualrecipient"

static const char *const options_dbswords[] = {
	"safe", "assumesafechown", "groupwritabledirpathsafe",
	"groupwritableforwardfilesafe", "groupwritableincludefilesafe",
	"groupwritablealiasfile", "worldwritablealiasfile",
	"forwardfileinunsafedirpath", "mapinunsafedirpath",
	"linkedaliasfileinwritabledir", "linkedclassfileinwritabledir",
	"linkedforwardfileinwritabledir", "linkedincludefileinwritabledir",
	"linkedmapinwritabledir", "linkedserviceswitchfileinwritabledir",
	"filedeliverytohardlink", "filedeliverytosymlink", "writemaptohardlink",
	"writemaptosymlink", "writestatstohardlink", "writestatstosymlink",
	"forwardfileingroupwritabledirpath", "includefileingroupwritabledirpath",
	"classfileinunsafedirpath", "errorheaderinunsafedirpath",
	"helpfileinunsafedirpath", "forwardfileinunsafedirpathsafe",
	"includefileinunsafedirpathsafe", "runprograminunsafedirpath",
	"runwritableprogram", "includefileinunsafedirpath", "nonrootsafeaddr",
	"truststickybit", "dontwarnforwardfileinunsafedirpath",
	"insufficiententropy", "groupreadablesasldbfile",
	"groupwritablesasldbfile", "groupwritableforwardfile",
	"groupwritableincludefile", "worldwritableforwardfile",
	"worldwritableincludefile", "groupreadablekeyfile",
	"groupreadabledefaultauthinfofile", NULL
};

static int options_word_index(const char *const *list, const char *w)
{
	for (int i = 0; list[i] != NULL; i++)
		if (strcasecmp(list[i], w) == 0)
			return i;
	return -1;
}

/* Split val into words (runs of alnum, separated by blanks/punct). */
static char *options_next_word(char **pp)
{
	char *p = *pp;
	while ((unsigned char)*p < 0200 && (isspace((unsigned char)*p) || ispunct((unsigned char)*p)))
		p++;
	if (*p == '\0')
		return NULL;
	char *w = p;
	while ((unsigned char)*p < 0200 && isalnum((unsigned char)*p))
		p++;
	if (*p != '\0')
		*p++ = '\0';
	*pp = p;
	return w;
}

static void options_priv_set(struct config *cf, int i)
{
	if (strcmp(options_privwords[i], "goaway") == 0) {
		char buf[] = PRIV_GOAWAY_WORDS, *p = buf, *w;
		while ((w = options_next_word(&p)) != NULL)
			cf->privacy |= 1UL << options_word_index(options_privwords, w);
	}
	cf->privacy |= 1UL << i;
}

int options_special_privacy(struct config *cf, const struct opt_def *o, char *val,
			    const char *sub, int sticky)
{
	struct str all;
	str_init(&all, 0);
	str_add(&all, option_str(cf, o->name, ""));
	for (char *p = val, *w; (w = options_next_word(&p)) != NULL;) {
		int i = options_word_index(options_privwords, w);
		if (i < 0) {
			errno = 0;
			err_syserr("readcf: Op line: %s unrecognized", w);
			continue;
		}
		options_priv_set(cf, i);
		str_printf(&all, "%s%s", all.len ? "," : "", options_privwords[i]);
	}
	options_store(cf, o->name, all.s, (long)cf->privacy, 0);
	str_free(&all);
	return 1;
}

int options_privacy(const struct config *cf, const char *word)
{
	int i = options_word_index(options_privwords, word);
	return i >= 0 && ((cf->privacy >> i) & 1);
}

int options_special_dbs(struct config *cf, const struct opt_def *o, char *val,
			const char *sub, int sticky)
{
	for (char *p = val, *w; (w = options_next_word(&p)) != NULL;) {
		int i = options_word_index(options_dbswords, w);
		errno = 0;
		if (i < 0)
			err_syserr("readcf: DontBlameSendmail option: %s unrecognized", w);
		else if (i == 0)
			memset(cf->dontblame, 0, sizeof cf->dontblame);
		else
			cf->dontblame[i >> 3] |= (unsigned char)(1u << (i & 7));
	}
	options_store(cf, o->name, val, 0, 0);
	return 1;
}

int options_dbs(const struct config *cf, const char *word)
{
	int i = options_word_index(options_dbswords, word);
	return i > 0 && ((cf->dontblame[i >> 3] >> (i & 7)) & 1);
}

int options_special_resolver(struct config *cf, const struct opt_def *o, char *val,
			     const char *sub, int sticky)
{
	static const char *const flags[] = { "debug", "aaonly", "usevc", "primary",
		"igntc", "recurse", "defnames", "stayopen", "dnsrch", "true",
		"use_inet6", "use_edns0", "use_dnssec", "trustad",
		"HasWildcardMX", "WorkAroundBrokenAAAA", NULL };
	options_store(cf, o->name, val, 0, sticky);
	for (char *p = val; *p != '\0';) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		if (*p == '+' || *p == '-')
			p++;
		char *q = p;
		while (*p != '\0' && !isspace((unsigned char)*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
		if (options_word_index(flags, q) < 0) {
			errno = 0;
			err_syserr("readcf: I option value %s unrecognized", q);
		}
	}
	return 0;
}
