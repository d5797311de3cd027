/* fuzz_qf.c - libFuzzer harness for the qf parser (libsmutil/qf): any
 * input either fails with a "line N: ..." / version error or parses; a
 * parsed file re-formatted and parsed again must give the same image
 * (idempotent round trip), and the typed views must point inside lines.
 * Crashes, leaks and failed invariants (abort) are findings. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "libsmutil/qf.h"
#include "libsmutil/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qf_env e, f;
	struct str a, b;
	const char *err = NULL;
	int line = 0;
	qf_env_init(&e);
	if (qf_parse(&e, (const char *)data, size, &line, &err) < 0) {
		if (err == NULL || (strncmp(err, "line ", 5) != 0 && strncmp(err, "unsupported", 11) != 0) ||
		    line <= 0)
			abort();
		qf_env_free(&e);
		return 0;
	}
	str_init(&a, 0);
	str_init(&b, 0);
	qf_format(&e, &a);
	qf_env_init(&f);
	if (qf_parse(&f, a.s, a.len, &line, &err) < 0)
		abort();
	qf_format(&f, &b);
	if (a.len != b.len || memcmp(a.s, b.s, a.len) != 0 || e.nrcpts != f.nrcpts || e.nhdrs != f.nhdrs)
		abort();
	for (size_t i = 0; i < e.nrcpts; i++)
		if (e.rcpts[i].line >= e.nlines || e.lines[e.rcpts[i].line].code != 'R')
			abort();
	qf_env_free(&e);
	qf_env_free(&f);
	str_free(&a);
	str_free(&b);
	return 0;
}
