/* t_aliases_dump.c - helper of t_aliases.sh (built at test time): dump a
 * Berkeley DB hash/btree file as "key<TAB>value" lines with NUL and
 * non-printable bytes escaped (\0, \ooo), so trailing-NUL conventions are
 * compared too. Usage: t_aliases_dump hash|btree file.db */
#include <stdio.h>
#include <string.h>
#include "libsmutil/db.h"
#include "libsmutil/poison.h"

static void dump_bytes(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == 0)
			fputs("\\0", stdout);
		else if (p[i] < 32 || p[i] >= 127 || p[i] == '\\')
			printf("\\%03o", p[i]);
		else
			putchar(p[i]);
	}
}

static int dump_one(const void *k, size_t kl, const void *v, size_t vl, void *ctx)
{
	(void)ctx;
	dump_bytes(k, kl);
	putchar('\t');
	dump_bytes(v, vl);
	putchar('\n');
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 64;
	int err = 0;
	struct db_map *d = db_map_open(argv[2], db_map_typebyname(argv[1]), &err);
	if (d == NULL) {
		printf("cannot open %s (%d)\n", argv[2], err);
		return 1;
	}
	int r = db_map_walk(d, dump_one, NULL);
	db_map_abort(d);
	return r == 0 ? 0 : 1;
}
