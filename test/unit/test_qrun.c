/* test_qrun.c - queue run internals: -q flag parsing, the selectors
 * (same letter OR-ed, different letters AND-ed, '!' negation), sort
 * orders, which orders leave control files unread, the QueueLA
 * arithmetic, and the quarantine line edit's neighbours via qf parsing. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "../../sendmail/qrun.h"
#include "../../sendmail/options.h"
#include "../../libsmutil/qf.h"
#include "../../libsmutil/mem.h"

static const char qf1[] = "V8\nT100\nK0\nN0\nP30000\nSalice@example.org\n"
	"RPFD:bob@example.com\nRPFD:carol@example.net\nH??Subject: x\n.\n";

static int parse(struct qrun_opts *o, const char *a, const char *b)
{
	char *v[2] = { (char *)a, (char *)b };
	memset(o, 0, sizeof *o);
	return qrun_args_parse(o, v, b != NULL ? 2 : 1);
}

static int sel(struct qf_env *e, const char *a, const char *b)
{
	struct qrun_opts o;
	parse(&o, a, b);
	return qrun_select(&o, "6ALFabcd000001", e);
}

int main(void)
{
	struct qrun_opts o;
	struct qf_env e;
	const char *err;
	unit_err_capture();
	CHECK(parse(&o, "-q0", NULL) == 0 && o.once && o.interval == 0, "-q once");
	CHECK(parse(&o, "-q30m", NULL) == 0 && !o.once && o.interval == 1800, "-q30m");
	CHECK(parse(&o, "-q1h", NULL) == 0 && o.interval == 3600, "-q1h");
	CHECK(parse(&o, "-qp", NULL) == 0 && o.persistent && o.interval == 1, "-qp");
	CHECK(parse(&o, "-qp5m", NULL) == 0 && o.persistent && o.interval == 300, "-qp5m");
	CHECK(parse(&o, "-qf", NULL) == 0 && o.foreground && o.once, "-qf");
	CHECK(parse(&o, "-qx", NULL) == 64, "-qx bad unit");
	CHECK(parse(&o, "-q!Gx", NULL) == 64, "-q!G");
	CHECK(parse(&o, "-qGa", "-qGb") == 64, "two -qG");
	CHECK(parse(&o, "-qGa", NULL) == 0 && strcmp(o.group, "a") == 0, "-qGa");
	CHECK(parse(&o, "-qQ", NULL) == 0 && o.quarantined && o.nsel == 0, "-qQ");
	CHECK(parse(&o, "-qQspam", NULL) == 0 && o.quarantined && o.nsel == 1, "-qQspam");
	CHECK(parse(&o, "-qL", NULL) == 0 && o.lost, "-qL");
	CHECK(parse(&o, "-Ac", "-q") == 0 && o.once, "-A skipped");

	qf_env_init(&e);
	CHECK(qf_parse(&e, qf1, strlen(qf1), NULL, &err) == 0, "parse qf");
	CHECK(sel(&e, "-qIabcd", NULL), "I substring");
	CHECK(!sel(&e, "-qIABCD", NULL), "I is case-sensitive");
	CHECK(!sel(&e, "-q!Iabcd", NULL), "!I");
	CHECK(sel(&e, "-qRCAROL", NULL), "R case-insensitive");
	CHECK(sel(&e, "-qRnobody", "-qRbob"), "same letter OR");
	CHECK(!sel(&e, "-qSalice", "-qRnobody"), "different letters AND");
	CHECK(sel(&e, "-qSalice", "-qRbob"), "S and R");
	CHECK(!sel(&e, "-q!Salice", NULL), "!S");
	CHECK(!sel(&e, "-qQspam", NULL), "Q without q line");
	CHECK(sel(&e, "-q!Qspam", NULL), "!Q without q line");
	qf_env_free(&e);

	struct qrun_job jobs[3];
	struct qrun_list l = { jobs, 3, 3 };
	memset(jobs, 0, sizeof jobs);
	jobs[0].name = "qfC"; jobs[0].pri = 300; jobs[0].ctime = 1; jobs[0].host = "b";
	jobs[1].name = "qfA"; jobs[1].pri = 100; jobs[1].ctime = 3; jobs[1].host = "c";
	jobs[2].name = "qfB"; jobs[2].pri = 200; jobs[2].ctime = 2; jobs[2].host = "a";
	qrun_sort(&l, 'p');
	CHECK(strcmp(jobs[0].name, "qfA") == 0 && strcmp(jobs[2].name, "qfC") == 0, "priority");
	qrun_sort(&l, 'f');
	CHECK(strcmp(jobs[0].name, "qfA") == 0 && strcmp(jobs[1].name, "qfB") == 0, "filename");
	qrun_sort(&l, 't');
	CHECK(strcmp(jobs[0].name, "qfC") == 0 && strcmp(jobs[2].name, "qfA") == 0, "time");
	qrun_sort(&l, 'h');
	CHECK(strcmp(jobs[0].name, "qfB") == 0 && strcmp(jobs[2].name, "qfA") == 0, "host");
	qrun_sort(&l, 'n');
	CHECK(strcmp(jobs[0].name, "qfB") == 0, "none keeps order");
	CHECK(parse(&o, "-q", NULL) == 0 && qrun_noread(&o, 'f') && qrun_noread(&o, 'n'), "noread f n");
	CHECK(qrun_noread(&o, 'm') && qrun_noread(&o, 'r'), "noread m r");
	CHECK(!qrun_noread(&o, 'p') && !qrun_noread(&o, 'h') && !qrun_noread(&o, 't'), "p h t read");
	CHECK(parse(&o, "-qIab", NULL) == 0 && qrun_noread(&o, 'f'), "-qI needs no read");
	CHECK(parse(&o, "-qRab", NULL) == 0 && !qrun_noread(&o, 'f'), "-qR reads");
	CHECK(parse(&o, "-q!Sab", NULL) == 0 && !qrun_noread(&o, 'f'), "-q!S reads");

	struct config *cf = config_new();
	options_parse_line(cf, " QueueLA=2", 0);
	CHECK(!qrun_shouldqueue(cf, 1000000, 1), "below QueueLA");
	CHECK(!qrun_shouldqueue(cf, 600000, 2) && qrun_shouldqueue(cf, 600001, 2), "at QueueLA");
	CHECK(!qrun_shouldqueue(cf, 85714, 8) && qrun_shouldqueue(cf, 85715, 8), "600000/7");
	CHECK(!qrun_la_toohigh(cf, 21) && qrun_la_toohigh(cf, 22), "RecipientFactor 30000");
	options_parse_line(cf, " QueueFactor=100000", 0);
	CHECK(!qrun_shouldqueue(cf, 33333, 4) && qrun_shouldqueue(cf, 33334, 4), "QueueFactor");
	options_parse_line(cf, " QueueLA=0", 0);
	CHECK(!qrun_shouldqueue(cf, 100000, 0) && qrun_shouldqueue(cf, 50001, 1), "QueueLA=0 is 0");
	options_parse_line(cf, " QueueLA=-5", 0);
	options_parse_line(cf, " RecipientFactor=5000", 0);
	CHECK(qrun_shouldqueue(cf, 30000, 0) && !qrun_la_toohigh(cf, 10), "negative QueueLA");
	config_free(cf);
	return unit_done();
}
