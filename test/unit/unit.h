/* unit.h - the tiny in-tree unit test framework.
 * Each check prints "PASS <name>" or "FAIL <name>: <detail>"; test/run.sh
 * counts those lines. A test binary exits non-zero if any check failed. */
#ifndef UNIT_H
#define UNIT_H
#include <string.h>
extern int unit_failed;
void unit_check(int ok, const char *name, const char *file, int line, const char *detail);
void unit_check_str(const char *got, const char *want, const char *name, const char *file, int line);
int unit_done(void);
/* Send sendmail's user-visible messages (err.h) to a scratch file ... */
void unit_err_capture(void);
/* ... and return (then forget) everything printed there since last time. */
char *unit_err_text(void);
#define CHECK(cond, name) unit_check(!!(cond), (name), __FILE__, __LINE__, #cond)
#define CHECK_STR(got, want, name) unit_check_str((got), (want), (name), __FILE__, __LINE__)
#endif
