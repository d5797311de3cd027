/* unit.c - implementation of the tiny unit test framework. */
#include <stdio.h>
#include <unistd.h>
#include "unit.h"
#include "../../sendmail/err.h"

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

static FILE *unit_errfp;

void unit_err_capture(void)
{
	unit_errfp = tmpfile();
	err_set_output(unit_errfp, 1);
}

char *unit_err_text(void)
{
	static char buf[4096];
	buf[0] = '\0';
	if (unit_errfp == NULL)
		return buf;
	fflush(unit_errfp);
	long n = ftell(unit_errfp);
	rewind(unit_errfp);
	size_t got = fread(buf, 1, n > 0 && n < (long)sizeof buf ? (size_t)n : sizeof buf - 1, unit_errfp);
	buf[got] = '\0';
	rewind(unit_errfp);
	if (ftruncate(fileno(unit_errfp), 0) != 0)
		buf[0] = '\0';
	return buf;
}
