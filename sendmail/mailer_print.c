/* mailer_print.c - the built-in mailers (prog, *file*, *include*, and
 * the internal *error* / *discard*), level compatibility flags, and the
 * -bt "=M" listing in the reference's exact format. */
#include <string.h>
#include "config.h"
#include "mailer.h"
#include "macro.h"
#include "ruleset.h"
#include "token.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

void mailer_builtins(struct config *cf)
{
	static const char *const defs[] = {
		"prog, P=/bin/sh, F=lsouDq9, T=X-Unix/X-Unix/X-Unix, A=sh -c $u",
		"*file*, P=[FILE], F=lsDFMPEouq9, T=X-Unix/X-Unix/X-Unix, A=FILE $u",
		"*include*, P=/dev/null, F=su, A=INCLUDE $u",
	};
	struct str t;
	str_init(&t, 0);
	for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
		macro_translate(&t, defs[i], 0);
		mailer_parse_line(cf, t.s);
	}
	str_free(&t);
}

void mailer_compat(struct config *cf)
{
	struct mailer *local = mailer_find(cf, "local");
	struct mailer *prog = mailer_find(cf, "prog");
	if (cf->level < 7) {
		if (local != NULL)
			mailer_setflag(local, 'q', 1);
		if (prog != NULL)
			mailer_setflag(prog, 'q', 1);
	}
	if (cf->level < 6) {
		if (local != NULL)
			for (const char *f = "Aw5:|/@"; *f != '\0'; f++)
				mailer_setflag(local, *f, 1);
		if (prog != NULL)
			mailer_setflag(prog, 'o', 1);
	}
}

/* Ruleset as =M shows it: its name, else the number. */
static void mailer_print_rs(FILE *fp, const struct config *cf, int rs, const char *after)
{
	const char *n = ruleset_name(cf, rs);
	if (n != NULL)
		fprintf(fp, "%s%s", n, after);
	else
		fprintf(fp, "%d%s", rs, after);
}

void mailer_print(FILE *fp, const struct config *cf, const struct mailer *m)
{
	fprintf(fp, "mailer %d (%s): P=%s S=", m->number, m->name, m->path);
	mailer_print_rs(fp, cf, m->s_env, "/");
	mailer_print_rs(fp, cf, m->s_hdr, " R=");
	mailer_print_rs(fp, cf, m->r_env, "/");
	mailer_print_rs(fp, cf, m->r_hdr, " ");
	fprintf(fp, "M=%ld U=%d:%d F=", m->maxsize, (int)m->uid, (int)m->gid);
	for (int c = 0; c < 0200; c++)
		if (mailer_flag(m, c))
			putc(c, fp);
	fprintf(fp, " L=%d E=", m->linelimit);
	tok_xputs(fp, m->eol);
	if (m->charset != NULL)
		fprintf(fp, " C=%s", m->charset);
	fprintf(fp, " T=%s/%s/%s", m->mtatype ? m->mtatype : "<undefined>",
		m->addrtype ? m->addrtype : "<undefined>",
		m->diagtype ? m->diagtype : "<undefined>");
	fprintf(fp, " r=%d", m->maxrcpt);
	if (m->argv != NULL) {
		fputs(" A=", fp);
		for (char **a = m->argv; *a != NULL; a++) {
			if (a != m->argv)
				putc(' ', fp);
			tok_xputs(fp, *a);
		}
	}
	putc('\n', fp);
}
