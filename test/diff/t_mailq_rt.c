/* t_mailq_rt.c - helper of t_mailq.sh: parse each qf file named on the
 * command line with libsmutil/qf and write it back to stdout-compared
 * form; prints "same <file>" or "DIFF <file>: <why>". Test-only; reads
 * the files given, writes nothing. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "libsmutil/qf.h"
#include "libsmutil/str.h"

int main(int argc, char **argv)
{
	int bad = 0;
	for (int i = 1; i < argc; i++) {
		struct qf_env e;
		struct str img, orig;
		const char *err = NULL;
		char chunk[8192];
		ssize_t n;
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) { printf("DIFF %s: open\n", argv[i]); bad = 1; continue; }
		str_init(&orig, 0);
		while ((n = read(fd, chunk, sizeof(chunk))) > 0)
			str_addn(&orig, chunk, (size_t)n);
		close(fd);
		qf_env_init(&e);
		str_init(&img, 0);
		if (qf_parse(&e, orig.s, orig.len, NULL, &err) < 0) {
			printf("DIFF %s: parse: %s\n", argv[i], err);
			bad = 1;
		} else {
			qf_format(&e, &img);
			if (img.len != orig.len || memcmp(img.s, orig.s, img.len) != 0) {
				printf("DIFF %s: rewrite differs\n", argv[i]);
				bad = 1;
			} else {
				printf("same %s (%zu rcpts, %zu headers)\n", argv[i], e.nrcpts, e.nhdrs);
			}
		}
		qf_env_free(&e);
		str_free(&img);
		str_free(&orig);
	}
	return bad;
}
