/* test_class.c - class membership and sendmail's stab listing order. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "../../sendmail/class.h"
#include "../../sendmail/macro.h"

static char got[1024];
static void cat(const char *w, void *ctx)
{
	(void)ctx;
	strncat(got, w, sizeof got - strlen(got) - 2);
	strncat(got, ",", sizeof got - strlen(got) - 1);
}

int main(void)
{
	struct classes *c = classes_new();
	int foo = macid("{Foo}");
	class_add_words(c, foo, " a b\tc ");
	class_walk(c, foo, cat, NULL);
	CHECK_STR(got, "b,c,a,", "stab order: .C{Foo} a b c lists b c a");
	CHECK(class_member(c, foo, "A"), "case-insensitive");
	CHECK(!class_member(c, 'w', "a"), "other class");
	class_add(c, 'w', "Vm.Example.COM");
	class_add(c, 'w', "vm.example.com");
	got[0] = '\0';
	class_walk(c, 'w', cat, NULL);
	CHECK_STR(got, "Vm.Example.COM,", "first spelling kept, no duplicate");
	CHECK(class_member(c, 'w', "VM.EXAMPLE.COM"), "member fold");
	CHECK(!class_member(c, 'w', "vm.example"), "not member");
	classes_free(c);
	return unit_done();
}
