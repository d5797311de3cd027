/* fuzz_aliases.c - libFuzzer harness for the aliases source parser
 * (libsmutil/alias_parse): the input is parsed as an aliases file; every
 * entry's invariants are checked (colon inside the line, rhs inside the
 * line, no leading whitespace on rhs, line within the sendmail buffer
 * size, line numbers never decreasing). Crashes, leaks and failed
 * invariants (abort) are findings. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "libsmutil/alias_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fz_state { int last; long entries, errors; };

static int fz_entry(void *ctx, struct alias_parse_entry *e)
{
	struct fz_state *st = ctx;
	if (e->colon >= e->len || e->line[e->colon] != ':' ||
	    e->rhs < e->line + e->colon + 1 || e->rhs > e->line + e->len ||
	    e->len >= ALIAS_PARSE_BUFSIZE || strlen(e->line) != e->len ||
	    e->lineno < st->last || e->line[0] == ' ' || e->line[0] == '\t' ||
	    e->line[0] == '#' || *e->rhs == ' ' || *e->rhs == '\t')
		abort();
	st->last = e->lineno;
	st->entries++;
	return 0;
}

static void fz_error(void *ctx, const char *file, int lineno, const char *text)
{
	struct fz_state *st = ctx;
	if (lineno < st->last || strncmp(text, "554 5.3.", 8) != 0)
		abort();
	st->last = lineno;
	st->errors++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct alias_parse_ops ops = { fz_entry, fz_error };
	struct fz_state st = { 0, 0, 0 };
	long n = alias_parse_buffer((const char *)data, size, "fuzz", &ops, &st);
	if (n != st.entries)
		abort();
	return 0;
}
