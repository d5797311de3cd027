/* praliases.c - praliases(8): print the alias databases named by the
 * AliasFile option of the cf (or -f), whole or for the given keys.
 * Links libsmutil only (never sendmail/ code). Reads the cf and the
 * alias .db files; writes nothing. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mm_cf.h"
#include "../libsmutil/db.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

static void pa_usage(void)
{
	fprintf(stderr, "usage: praliases [-C cffile] [-f aliasfile] [key ...]\n");
	exit(64);
}

/* Print n bytes of s, stopping at a NUL (like %.*s). */
static void pa_putn(const void *s, size_t n)
{
	const char *z = memchr(s, '\0', n);
	fwrite(s, 1, z != NULL ? (size_t)(z - (const char *)s) : n, stdout);
}

static int pa_print(const void *k, size_t kl, const void *v, size_t vl, void *ctx)
{
	(void)ctx;
	pa_putn(k, kl);
	putchar(':');
	pa_putn(v, vl);
	putchar('\n');
	return 0;
}

/* Open "file" (".db" appended) as type t (0: hash, then btree). */
static struct db_map *pa_open(const char *file, enum db_map_type t, int *err)
{
	struct str p;
	str_init(&p, 0);
	str_add(&p, file);
	size_t n = strlen(file);
	if (n < 3 || strcmp(file + n - 3, ".db") != 0)
		str_add(&p, ".db");
	struct db_map *d;
	if (t != 0)
		d = db_map_open(p.s, t, err);
	else {
		d = db_map_open(p.s, DB_MAP_HASH, err);
		if (d == NULL)
			d = db_map_open(p.s, DB_MAP_BTREE, err);
		if (d == NULL)
			*err = -1;
	}
	str_free(&p);
	return d;
}

static void pa_keys(struct db_map *d, char **keys, int nkeys)
{
	for (int i = 0; i < nkeys; i++) {
		const void *v;
		size_t vl, kl = strlen(keys[i]);
		if (db_map_get(d, keys[i], kl, &v, &vl) == 0 ||
		    db_map_get(d, keys[i], kl + 1, &v, &vl) == 0) {
			printf("%s:", keys[i]);
			pa_putn(v, vl);
			putchar('\n');
		} else
			printf("%s: No such key\n", keys[i]);
	}
}

/* One AliasFile element: [type:][-flags ]file. */
static void pa_one(char *spec, char **keys, int nkeys)
{
	enum db_map_type t = 0;
	char *colon = strchr(spec, ':');
	char *file = spec;
	if (colon != NULL) {
		*colon = '\0';
		t = db_map_typebyname(spec);
		if (t == 0) {
			fprintf(stderr, "praliases: Skipping non-file based alias type %s\n", spec);
			return;
		}
		file = colon + 1;
		while (*file == '-') {
			while (*file != '\0' && !isspace((unsigned char)*file))
				file++;
			while (isspace((unsigned char)*file))
				file++;
		}
	}
	int err = 0;
	struct db_map *d = pa_open(file, t, &err);
	if (d == NULL) {
		fprintf(stderr, "praliases: %s: open: %s\n", file,
			err < 0 ? "Unknown database type" : strerror(err));
		return;
	}
	if (nkeys > 0)
		pa_keys(d, keys, nkeys);
	else if (db_map_walk(d, pa_print, NULL) != 0)
		fprintf(stderr, "praliases: %s: get value at cursor: %s\n", file, strerror(errno));
	db_map_abort(d);
}

/* Split an AliasFile value at commas (white space around elements
 * dropped, except after the last one) and print each. */
static void pa_list(char *spec, char **keys, int nkeys)
{
	char *p = spec;
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		char *comma = strchr(p, ',');
		if (comma != NULL) {
			char *e = comma;
			while (e > p && isspace((unsigned char)e[-1]))
				e--;
			*e = '\0';
		}
		if (*p != '\0')
			pa_one(p, keys, nkeys);
		if (comma == NULL)
			break;
		p = comma + 1;
	}
}

int main(int argc, char **argv)
{
	const char *cf = "/etc/mail/sendmail.cf";
	char *file = NULL;
	int c;
	db_map_quiet(1);
	while ((c = getopt(argc, argv, "C:f:l")) != -1) {
		switch (c) {
		case 'C': cf = optarg; break;
		case 'f': file = optarg; break;
		case 'l': printf("hash\nbtree\nimplicit\n"); return 0;
		default: pa_usage();
		}
	}
	char **keys = argv + optind;
	int nkeys = argc - optind;
	if (file != NULL) {
		char *s = mem_strdup(file);
		pa_one(s, keys, nkeys);
		mem_free(s);
		return 0;
	}
	char **specs = NULL;
	int n = mm_cf_aliasfiles(cf, &specs);
	if (n < 0) {
		fprintf(stderr, "praliases: %s: %s\n", cf, strerror(errno));
		return 66;
	}
	for (int i = 0; i < n; i++) {
		pa_list(specs[i], keys, nkeys);
		mem_free(specs[i]);
	}
	mem_free(specs);
	return 0;
}
