/* map_builtin.c - the maps sendmail defines without K lines (host,
 * aliases, aliases.files, Alias0.., aliases.nis ...) and the service
 * switch file reader. Touches: cf->maps, the ServiceSwitchFile (read). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "map.h"
#include "map_int.h"
#include "config.h"
#include "options.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/safefile.h"
#include "../libsmutil/poison.h"

#define MAP_SWITCH_DEFAULT "/etc/mail/service.switch"

/* Services of one switch-file line, if it names service; -1 if not. */
static int map_switch_line(char *buf, const char *service, char **types, int n)
{
	char *p = strpbrk(buf, "#\n");
	if (p != NULL)
		*p = '\0';
	p = strpbrk(buf, " \t");
	if (p != NULL)
		*p++ = '\0';
	if (buf[0] == '\0' || p == NULL || strcmp(buf, service) != 0)
		return -1;
	while (isascii((unsigned char)*p) && isspace((unsigned char)*p))
		p++;
	if (*p == '\0')
		return -1;
	int k = 0;
	while (k < n && *p != '\0') {
		char *e = strpbrk(p, " \t");
		types[k++] = e == NULL ? mem_strdup(p) : mem_strndup(p, (size_t)(e - p));
		if (e == NULL)
			break;
		p = e + 1;
		while (isascii((unsigned char)*p) && isspace((unsigned char)*p))
			p++;
	}
	return k;
}

/* sendmail's safe-file path warnings come out as message 051 (shown
 * only when verbose, i.e. once the -bt banner is up). */
static void map_switch_warn(const char *text)
{
	err_message("051 %s", text);
}

/* The reference reads the switch file once per service (then caches it):
 * the directory warnings appear on the first read only. */
static int map_switch_first(const char *service)
{
	static char *seen[32];
	static int nseen;
	for (int i = 0; i < nseen; i++)
		if (strcmp(seen[i], service) == 0)
			return 0;
	if (nseen < (int)(sizeof seen / sizeof seen[0]))
		seen[nseen++] = mem_strdup(service);
	return 1;
}

int map_switch_find(const struct config *cf, const char *service, char **types, int n)
{
	const char *file = cf != NULL ?
		option_str(cf, "ServiceSwitchFile", MAP_SWITCH_DEFAULT) : MAP_SWITCH_DEFAULT;
	int found = -1;
	if (file != NULL && map_switch_first(service)) {
		const char *why = NULL;
		char whybuf[256];
		safefile_set_warn(map_switch_warn);
		(void)safefile_check(file, geteuid(), getegid(), SFF_REGONLY, S_IRUSR,
				     &why, whybuf, sizeof whybuf);
		safefile_set_warn(NULL);
	}
	FILE *fp = file != NULL ? fopen(file, "r") : NULL;
	if (fp != NULL) {
		struct str line;
		str_init(&line, 0);
		while (str_getline(&line, fp) >= 0) {
			char *tmp[MAXMAPSTACK];
			int k = map_switch_line(line.s, service, tmp, n < MAXMAPSTACK ? n : MAXMAPSTACK);
			if (k < 0)
				continue;
			for (int i = 0; i < found; i++)   /* a later line wins */
				mem_free(types[i]);
			for (int i = 0; i < k; i++)
				types[i] = tmp[i];
			found = k;
		}
		str_free(&line);
		fclose(fp);
	}
	if (found >= 0)
		return found;
	if (strcmp(service, "aliases") == 0 && n >= 1) {
		types[0] = mem_strdup("files");
		return 1;
	}
	if (strcmp(service, "hosts") == 0 && n >= 2) {
		types[0] = mem_strdup("dns");
		types[1] = mem_strdup("files");
		return 2;
	}
	return -1;
}

/* Parse "name class args" as a K line unless name is already defined. */
static void map_builtin_define(struct config *cf, const char *name, const char *kline)
{
	if (map_find(cf, name) == NULL)
		(void)map_parse_kline(cf, kline);
}

/* One AliasFile entry: "[class:]file" as map Alias<n>. */
static struct map *map_builtin_alias(struct config *cf, int n, const char *spec)
{
	const char *cname = "implicit", *colon = strchr(spec, ':');
	char *cbuf = NULL;
	if (colon != NULL && spec[0] != '/' && memchr(spec, '/', (size_t)(colon - spec)) == NULL) {
		cbuf = mem_strndup(spec, (size_t)(colon - spec));
		cname = cbuf;
		spec = colon + 1;
	}
	const struct map_class *cls = map_class_find(cname);
	errno = 0;
	struct map *m = NULL;
	if (cls == NULL)
		err_syserr("setalias: unknown alias class %s", cname);
	else if (!(cls->cflags & MCF_ALIASOK))
		err_syserr("setalias: map class %s can't handle aliases", cname);
	else {
		char name[32];
		snprintf(name, sizeof name, "Alias%d", n);
		m = map_define(cf, name, cls);
		m->flags |= MF_ALIAS;
		if (map_parse_args(cf, m, spec))
			m->flags |= MF_VALID;
		else
			m = NULL;
	}
	mem_free(cbuf);
	return m;
}

/* AliasFile=a,b,...: Alias0.. plus the "aliases.files" sequence. */
static void map_builtin_aliasfiles(struct config *cf, const char *list)
{
	struct map *seq = NULL;
	int n = 0, cap = 0;
	char *copy = mem_strdup(list), *p = copy;
	while (p != NULL && *p != '\0') {
		while (isascii((unsigned char)*p) && isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		char *e = strchr(p, ',');
		if (e != NULL)
			*e++ = '\0';
		struct map *m = map_builtin_alias(cf, n, p);
		if (m != NULL) {
			if (seq == NULL) {
				seq = map_define(cf, "aliases.files", &map_class_sequence);
				seq->flags |= MF_VALID;
			}
			map_stack_add(seq, m, &cap);
			n++;
		}
		p = e;
	}
	mem_free(copy);
}

void map_builtins(struct config *cf)
{
	if (cf->level >= 2)
		map_builtin_define(cf, "host", "host host -a. -D");
	else
		map_builtin_define(cf, "host", "host host");
	const char *af = option_str(cf, "AliasFile", NULL);
	if (af != NULL && *af != '\0' && map_find(cf, "aliases.files") == NULL)
		map_builtin_aliasfiles(cf, af);
	char *types[MAXMAPSTACK];
	int n = map_switch_find(cf, "aliases", types, MAXMAPSTACK);
	for (int i = 0; i < n; i++) {
		if (strcmp(types[i], "files") == 0)
			map_builtin_define(cf, "aliases.files", "aliases.files null");
		else if (strcmp(types[i], "nis") == 0)
			map_builtin_define(cf, "aliases.nis", "aliases.nis nis -q mail.aliases");
		else if (strcmp(types[i], "nisplus") == 0)
			map_builtin_define(cf, "aliases.nisplus",
				"aliases.nisplus nisplus -kalias -vexpansion mail_aliases.org_dir");
		mem_free(types[i]);
	}
	map_builtin_define(cf, "aliases", "aliases switch aliases");
}
