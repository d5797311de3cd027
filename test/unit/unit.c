/* unit.c - implementation of the tiny unit test framework. */
#include <stdio.h>
#include "unit.h"

int unit_failed;

void unit_check(int ok, const char *name, const char *file, int line, const char *detail)
{
	if (ok) {
		printf("PASS %s\n", name);
		return;
	}
	unit_failed++;
	printf("FAIL %s: %s:%d: %s\n", name, file, line, detail);
}

void unit_check_str(const char *got, const char *want, const char *name, const char *file, int line)
{
	if (got != NULL && want != NULL && strcmp(got, want) == 0) {
		printf("PASS %s\n", name);
		return;
	}
	unit_failed++;
	printf("FAIL %s: %s:%d: got \"%s\", want \"%s\"\n", name, file, line,
	       got ? got : "(null)", want ? want : "(null)");
}

int unit_done(void)
{
	return unit_failed ? 1 : 0;
}
