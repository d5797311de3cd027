/* options_extra.c - option values checked like the reference while the
 * cf is read: Milter.<sub> names, SmtpUTF8 (no EAI support), the
 * Daemon/ClientPortOptions parameter lists (setsockaddroptions) and the
 * AliasFile list (setalias: Alias<n> maps and their "aliases.files"
 * sequence, built at option time so messages carry the cf line).
 * Touches cf->options and cf->maps. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>
#include "config.h"
#include "options_int.h"
#include "readcf.h"
#include "map.h"
#include "map_int.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#define OPTX_MAXFILTERMACROS 50

/* Milter.<sub>: LogLevel or macros.<stage>; a macro list has at most 50
 * names. Stored under "Milter.<sub>" like other sub-options. */
int options_extra_milter(struct config *cf, const struct opt_def *o, char *val,
			 const char *sub, int sticky)
{
	static const char *const subs[] = { "LogLevel", "macros.connect",
		"macros.helo", "macros.envfrom", "macros.envrcpt", "macros.data",
		"macros.eom", "macros.eoh" };
	errno = 0;
	if (sub == NULL) {
		err_syserr("milter_set_option: invalid Milter option, must specify suboption");
		return 0;
	}
	size_t i, n = sizeof subs / sizeof subs[0];
	for (i = 0; i < n && strcasecmp(subs[i], sub) != 0; i++)
		;
	if (i == n) {
		err_syserr("milter_set_option: invalid Milter option %s", sub);
		return 0;
	}
	if (i > 0) {
		int count = 0;
		for (const char *p = val; *p != '\0';) {
			while (*p == ',' || isspace((unsigned char)*p))
				p++;
			if (*p == '\0')
				break;
			count++;
			while (*p != '\0' && *p != ',' && !isspace((unsigned char)*p))
				p++;
		}
		if (count > OPTX_MAXFILTERMACROS) {
			err_syserr("milter_set_option: too many macros in Milter.%s (max %d)",
				   subs[i], OPTX_MAXFILTERMACROS);
			return 0;
		}
	}
	struct str k;
	str_init(&k, 0);
	str_printf(&k, "%s.%s", o->name, sub);
	const struct opt_value *v = option_get(cf, k.s);
	if (sticky || v == NULL || !v->sticky)
		options_store(cf, k.s, val, 0, sticky);
	str_free(&k);
	return 0;
}

/* SmtpUTF8: this build (like the reference) has no EAI support. */
int options_extra_smtputf8(struct config *cf, const struct opt_def *o, char *val,
			   const char *sub, int sticky)
{
	if (readcf_util_atobool(val)) {
		errno = 0;
		err_syserr("readcf: option: %s set but no USE_EAI support", o->name);
	} else
		readcf_util_stdout("Warning: Option: %s requires USE_EAI support\n", o->name);
	options_store(cf, o->name, val, 0, sticky);
	return 0;
}

/* Is name one of this host's own names (the reference resolves its own
 * host name for AF_INET even when the resolver cannot)? */
static int options_extra_myname(const char *name)
{
	char h[256];
	if (gethostname(h, sizeof h) != 0)
		return 0;
	h[sizeof h - 1] = '\0';
	return strcasecmp(h, name) == 0;
}

/* The Addr= check after all parameters, per family. */
static void options_extra_addr(int family, const char *addr)
{
	unsigned char buf[16];
	if (family == AF_INET) {
		if (isdigit((unsigned char)*addr) && inet_addr(addr) != INADDR_NONE)
			return;
		if (options_extra_myname(addr))
			return;
	} else if (family == AF_INET6) {
		if (isxdigit((unsigned char)*addr) && inet_pton(AF_INET6, addr, buf) == 1)
			return;
	} else
		return;
	errno = 0;
	if (gethostbyname2(addr, family) == NULL)
		err_syserr("host \"%s\" unknown", addr);
}

/* The Port= check after all parameters. */
static void options_extra_port(int family, const char *port)
{
	errno = 0;
	if (family != AF_INET && family != AF_INET6) {
		err_syserr("Port= option unsupported for family %d", family);
		return;
	}
	if (isdigit((unsigned char)*port))
		return;
	if (getservbyname(port, "tcp") == NULL) {
		errno = 0;
		err_syserr("service \"%s\" unknown", port);
	}
}

static int options_extra_family(const char *v)
{
	if (strcasecmp(v, "inet") == 0)
		return AF_INET;
	if (strcasecmp(v, "inet6") == 0)
		return AF_INET6;
	if (strcasecmp(v, "local") == 0 || strcasecmp(v, "unix") == 0)
		return AF_UNIX;
	errno = 0;
	err_syserr("Unknown address family %s in Family=option", v);
	return -1;
}

/* One "name=value" parameter, chosen by its first character. */
static void options_extra_param(char *f, char *v, int *family, char **addr, char **port)
{
	int fam;
	errno = 0;
	switch (*f) {
	case 'A': case 'a': *addr = v; break;
	case 'P': case 'p': *port = v; break;
	case 'F': case 'f':
		if ((fam = options_extra_family(v)) >= 0)
			*family = fam;
		break;
	case 'D':
		if (*v == '\0' || strchr("ibqd", *v) == NULL)
			err_syserr("Unknown delivery mode %.1s", v);
		break;
	case 'I': case 'i': case 'L': case 'l': case 'M': case 'm':
	case 'N': case 'n': case 'R': case 'r': case 'S': case 's':
	case 'c': case 'd': case 'q':
		break;
	default:
		err_syserr("PortOptions parameter \"%s\" unknown", f);
		break;
	}
}

/* sendmail's setsockaddroptions on a copy of val: messages only. */
static void options_extra_sockaddr(const char *val)
{
	char *copy = mem_strdup(val), *p = copy, *addr = NULL, *port = NULL;
	int family = AF_INET;
	while (p != NULL) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		char *f = p, *v;
		p = strchr(p, ',');
		if (p != NULL)
			*p++ = '\0';
		if ((v = strchr(f, '=')) == NULL)
			continue;
		while (isascii((unsigned char)*++v) && isspace((unsigned char)*v))
			;
		options_extra_param(f, v, &family, &addr, &port);
	}
	if (addr != NULL)
		options_extra_addr(family, addr);
	if (port != NULL)
		options_extra_port(family, port);
	mem_free(copy);
}

/* DaemonPortOptions (each occurrence one listener, kept newline-joined)
 * and ClientPortOptions. */
int options_extra_portopts(struct config *cf, const struct opt_def *o, char *val,
			   const char *sub, int sticky)
{
	options_extra_sockaddr(val);
	const struct opt_value *cur = option_get(cf, o->name);
	struct str all;
	str_init(&all, 0);
	if (cur != NULL && o->code == 'O')
		str_printf(&all, "%s\n", cur->str);
	str_add(&all, val);
	options_store(cf, o->name, all.s, 0, sticky);
	str_free(&all);
	return 0;
}

/* Classes the reference accepts for aliases besides those flagged
 * MCF_ALIASOK by the map module. */
static int options_extra_aliasok(const struct map_class *cls)
{
	return (cls->cflags & MCF_ALIASOK) || strcmp(cls->name, "sequence") == 0 ||
	       strcmp(cls->name, "switch") == 0 || strcmp(cls->name, "program") == 0;
}

/* One entry "[class:]spec" as map Alias<n>; 1 if it joined the list. */
static int options_extra_alias1(struct config *cf, struct map *seq, int n,
				const char *cname, const char *spec)
{
	const struct map_class *cls = map_class_find(cname);
	errno = 0;
	if (cls == NULL) {
		err_syserr("setalias: unknown alias class %s", cname);
		return 0;
	}
	if (!options_extra_aliasok(cls)) {
		err_syserr("setalias: map class %s can't handle aliases", cname);
		return 0;
	}
	char name[32];
	snprintf(name, sizeof name, "Alias%d", n);
	struct map *m = map_define(cf, name, cls);
	m->flags |= MF_ALIAS;
	if (!map_parse_args(cf, m, spec))
		return 0;
	m->flags |= MF_VALID;
	int cap = 0;
	while (seq->nstack > 0 && cap < seq->nstack)
		cap = cap ? cap * 2 : 8;
	map_stack_add(seq, m, &cap);
	return 1;
}

/* sendmail's setalias: comma-separated entries; "class:" only when ':'
 * comes before any of " ,/"; a ',' inside "..." does not end an entry. */
void options_extra_setalias(struct config *cf, const char *list)
{
	char *copy = mem_strdup(list), *p = copy;
	struct opt_value *cnt = options_slot(cf, "AliasFile.count");
	while (p != NULL) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		char *spec = p;
		const char *cname = "implicit";
		struct map *seq = map_find(cf, "aliases.files");
		if (seq == NULL || !cnt->set) {
			seq = map_define(cf, "aliases.files", &map_class_sequence);
			seq->flags |= MF_VALID;
			cnt->set = 1;
		}
		p = strpbrk(p, " ,/:");
		if (p != NULL && *p == ':') {
			*p++ = '\0';
			cname = spec;
			spec = p;
		}
		for (int quoted = 0; p != NULL && *p != '\0'; p++) {
			if (*p == '"')
				quoted = !quoted;
			else if (*p == ',' && !quoted) {
				*p++ = '\0';
				break;
			}
		}
		if (options_extra_alias1(cf, seq, (int)cnt->num, cname, spec))
			cnt->num++;
	}
	mem_free(copy);
}

/* Verbose: mirrored in cf->verbose (a -v given on the command line, seen
 * as cf->verbose set before any Verbose option, holds like sendmail's
 * sticky -v). -bt's prompt/echo choice reads cf->verbose. */
int options_extra_verbose(struct config *cf, const struct opt_def *o, char *val,
			  const char *sub, int sticky)
{
	int on = readcf_util_atobool(val);
	if (!sticky && option_get(cf, o->name) == NULL && cf->verbose != 0) {
		options_store(cf, o->name, "True", 1, 1);   /* -v holds */
		return 0;
	}
	cf->verbose = on;
	options_store(cf, o->name, val, on, sticky);
	return 0;
}
