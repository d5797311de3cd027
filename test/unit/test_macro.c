/* test_macro.c - macro ids, $-translation (incl. level>=3 '#' comments)
 * and expansion with conditionals, as observed with sendmail 8.17. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "../../sendmail/macro.h"
#include "../../sendmail/meta.h"
#include "../../sendmail/err.h"

static const char *tr(const char *in, int cmt)
{
	static struct str s;
	if (s.s == NULL)
		str_init(&s, 0);
	macro_translate(&s, in, cmt);
	return s.s;
}

int main(void)
{
	err_set_output(tmpfile(), 1);
	CHECK(macid("x") == 'x', "short id");
	/* the reference's order: {opMode} fixed at 0202, {deliveryMode} and
	 * {load_avg} predefined, the cf's first new name gets 0242 */
	CHECK(macid("{opMode}") == 0202, "opMode id");
	CHECK(macid("{load_avg}") == 0241, "load_avg predefined");
	int early = macid("{quarantine}");   /* asked before the cf: temporary */
	CHECK(early > 0300, "post-cf name asked early gets a temporary id");
	int l1 = macid("{client_addr}");
	CHECK(l1 == 0242, "first new long id");
	macro_ids_after_cf();
	CHECK(macid("{checkMIMEFieldHeaders}") == 0243, "post-cf names follow");
	CHECK(macid("{addr_type}") == 0250, "addr_type last of them");
	CHECK(macid("{quarantine}") == early, "temporary id kept");
	CHECK_STR(macname(0247), "{quarantine}", "place-holder shows the name");
	CHECK_STR(macname(0300), "{***UNDEFINED MACRO***}", "undefined long id");
	CHECK(macid("{client_addr}") == l1, "same long id");
	CHECK(macid("{y}") == 'y', "{y} == y");
	CHECK_STR(macname(l1), "{client_addr}", "macname long");
	CHECK_STR(macname('j'), "j", "macname short");
	const char *ep;
	CHECK(macid_parse("{}", &ep) == 0, "empty name rejected");
	CHECK_STR(tr("a$$b", 0), "a$b", "$$");
	CHECK_STR(tr("$j", 0), "\201j", "$j");
	char want[8] = { (char)0201, 0, 0 };
	want[1] = (char)l1;
	CHECK_STR(tr("${client_addr}", 0), want, "${long}");
	CHECK_STR(tr("$*$+$-$#$@$:$>", 0), "\201*\201+\201-\201#\201@\201:\201>",
		  "metasymbols stored as MACROEXPAND c");
	CHECK_STR(tr("$=X$~Y$&z$1", 0), "\201=X\201~Y\201&z\2011", "id-taking metas");
	CHECK_STR(tr("$?x a $| b $.", 0), "\201?x a \201| b \201.", "conditionals");
	CHECK_STR(tr("$[$]$($)", 0), "\201[\201]\201(\201)", "lookups");
	CHECK_STR(tr("trailing $", 0), "trailing $", "lone trailing $");
	CHECK_STR(tr("a${} rest", 0), "a\201", "bad name ends the line");
	CHECK_STR(tr("a$={LongNameThatIsQuiteLongIndeed} x", 0), "a\201=",
		  "too long name ends the line");
	CHECK_STR(tr("DAa  # comment", 1), "DAa", "mid-line comment + blanks");
	CHECK_STR(tr("DBx \\# y", 1), "DBx # y", "\\# survives");
	CHECK_STR(tr("DCp\n  # q\n  r", 1), "DCp\n\n  r", "comment to end of physical line");
	CHECK_STR(tr("R$#x", 1), "R\201#x", "$# survives");
	CHECK_STR(tr("DAa # b", 0), "DAa # b", "no comments below level 3");
	/* expansion */
	struct macros g, m;
	macros_init(&g, NULL);
	macros_init(&m, &g);
	macro_set(&g, 'j', "vm.example.com");
	macro_set(&g, 'w', "vm");
	macro_set(&m, 'X', "\232yB\233C\234");
	struct str o;
	str_init(&o, 0);
	macro_expand(&o, "$j", &m);
	CHECK_STR(o.s, "$j", "untranslated text unchanged");
	macro_expand(&o, tr("<$j>", 0), &m);
	CHECK_STR(o.s, "<vm.example.com>", "expand $j via parent");
	macro_expand(&o, tr("$X", 0), &m);
	CHECK_STR(o.s, "C", "conditional in value: y unset");
	macro_set(&m, 'y', "1");
	macro_expand(&o, tr("$X", 0), &m);
	CHECK_STR(o.s, "B", "conditional in value: y set");
	macro_set(&m, 'y', "");
	macro_expand(&o, tr("$?y yes $| no $.", 0), &m);
	CHECK_STR(o.s, " no ", "empty value counts as unset");
	macro_expand(&o, tr("$?w$?j both$|w only$.$|none$.", 0), &m);
	CHECK_STR(o.s, " both", "nested conditionals");
	macro_expand(&o, tr("a$|b", 0), &m);
	CHECK_STR(o.s, "a\233b", "$| outside conditional copied");
	macro_expand(&o, tr("$=w $&j $1", 0), &m);
	CHECK_STR(o.s, "\223w \202j \2251", "deferred forms untouched");
	macro_expand(&o, tr("$*$+$-$#$@$:$>$[$]$($)", 0), &m);
	CHECK_STR(o.s, "\220\221\222\226\227\230\231\235\236\205\206",
		  "metasymbols appear on expansion");
	macro_expand(&o, tr("$=w $~w $&j $1", 0), &m);
	CHECK_STR(o.s, "\223w \224w \202j \2251", "operator macros");
	macro_set(&m, 'X', tr("$?yB$|C$.", 0));
	macro_set(&m, 'y', "1");
	macro_expand(&o, tr("<$X>", 0), &m);
	CHECK_STR(o.s, "<B>", "translated conditional in a value");
	/* a chain of 10 macro references fits; a metasymbol at its end costs
	 * one more pass, like the reference's predefined macros */
	for (int c = 'A'; c < 'J'; c++) {
		char v[3] = { (char)0201, (char)(c + 1), 0 };
		macro_set(&m, c, v);
	}
	macro_set(&m, 'J', "end");
	macro_expand(&o, "\201A", &m);
	CHECK_STR(o.s, "end", "10 passes are allowed");
	CHECK(strstr(err_last(), "recursion too deep") == NULL, "no error yet");
	macro_set(&m, 'J', tr("$*", 0));
	macro_expand(&o, "\201A", &m);
	CHECK(strstr(err_last(), "recursion too deep") != NULL, "metasymbol costs a level");
	macro_set(&m, 'r', "\201r");
	macro_expand(&o, "\201r", &m);
	CHECK(strstr(err_last(), "recursion too deep") != NULL, "recursion limit");
	CHECK(macro_get(&m, 'j') != NULL && macro_get(&g, 'X') == NULL, "scopes");
	macro_set(&m, 'y', NULL);
	CHECK(macro_get(&m, 'y') == NULL, "undefine");
	str_free(&o);
	macros_free(&m);
	macros_free(&g);
	return unit_done();
}
