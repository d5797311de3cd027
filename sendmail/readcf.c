/* readcf.c - the cf reader's driver: opens the file, assembles logical
 * lines (folding keeps the newline, CRLF -> LF, '#' comment units),
 * translates $-notation, dispatches each line to its handler through a
 * table, and runs the before/after steps (builtins, system identity,
 * maps, level warnings). Touches the config being built and err.c's
 * file/line context. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "config.h"
#include "readcf.h"
#include "macro.h"
#include "class.h"
#include "map.h"
#include "sysident.h"
#include "debug.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#define READCF_MAXLEVEL 10
#define READCF_VERSION "8.17.1.9"

/* Read one folded logical line into b (no final LF); *lineno counts
 * physical lines. Returns 0, or -1 at EOF with nothing read. */
static int readcf_getfolded(FILE *fp, struct str *b, int *lineno)
{
	int c;
	str_clear(b);
	while ((c = getc_unlocked(fp)) != EOF) {
		if (c == '\r') {
			c = getc_unlocked(fp);
			if (c != '\n') {
				if (c != EOF)
					ungetc(c, fp);
				c = '\r';
			}
		}
		str_addc(b, c);
		if (c == '\n') {
			(*lineno)++;
			c = getc_unlocked(fp);
			if (c != EOF)
				ungetc(c, fp);
			if (c != ' ' && c != '\t')
				break;
		}
	}
	if (b->len == 0)
		return -1;
	if (b->s[b->len - 1] == '\n')
		str_truncate(b, b->len - 1);
	return 0;
}

static void readcf_comment(struct config *cf, char *line) { (void)cf; (void)line; }

/* The handler for a line type, by its first character. */
static readcf_handler *readcf_dispatch(int c)
{
	static const struct { char c; readcf_handler *fn; } tab[] = {
		{ '\0', readcf_comment }, { '#', readcf_comment },
		{ 'R', readcf_rule_R }, { 'S', readcf_rule_S },
		{ 'D', readcf_lines_D }, { 'C', readcf_lines_C },
		{ 'T', readcf_lines_C }, { 'F', readcf_fclass_F },
		{ 'H', readcf_header_H }, { 'O', readcf_lines_O },
		{ 'M', readcf_lines_M }, { 'P', readcf_lines_P },
		{ 'K', readcf_lines_K }, { 'V', readcf_lines_V },
		{ 'E', readcf_lines_E }, { 'Q', readcf_lines_Q },
		{ 'X', readcf_lines_X },
	};
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (tab[i].c == c)
			return tab[i].fn;
	return readcf_lines_bad;
}

/* Read and interpret every line of fp. */
static void readcf_lines(struct config *cf, FILE *fp, const char *path)
{
	struct str raw, tr;
	int lineno = 0;
	str_init(&raw, 0);
	str_init(&tr, 0);
	readcf_rule_reset();
	while (readcf_getfolded(fp, &raw, &lineno) == 0) {
		if (raw.s[0] == '#')
			continue;
		err_set_file(path, lineno);
		macro_translate(&tr, raw.s, cf->level >= 3);
		/* trailing blanks go, but never the first character: a
		 * blank line " " is an unknown configuration line */
		while (tr.len > 1 && strchr(" \t\n\r\f\v", tr.s[tr.len - 1]) != NULL)
			str_truncate(&tr, tr.len - 1);
		errno = 0;
		readcf_dispatch((unsigned char)tr.s[0])(cf, tr.s);
	}
	err_set_file(NULL, 0);
	str_free(&raw);
	str_free(&tr);
}

/* Open the cf like sendmail: "cannot open" / "not a plain file" => 72. */
static FILE *readcf_open(const char *path)
{
	struct stat st;
	FILE *fp = fopen(path, "r");
	err_set_file(path, 0);
	if (fp == NULL) {
		err_syserr("cannot open");
	} else if (fstat(fileno(fp), &st) == 0 && !S_ISREG(st.st_mode)) {
		errno = 0;
		err_syserr("not a plain file");
		fclose(fp);
		fp = NULL;
	}
	err_set_file(NULL, 0);
	if (fp == NULL)
		err_set_exitstat(72);
	return fp;
}

/* After the last line: level warnings, local mailer, derived state. */
static void readcf_after(struct config *cf)
{
	if (option_num(cf, "SuperSafe", 1) == 'i' && option_num(cf, "DeliveryMode", 0) != 'i')
		readcf_util_stdout("WARNING: SuperSafe=interactive should only be used with\n"
				   "         DeliveryMode=interactive\n");
	const char *mbdb = option_str(cf, "MailboxDatabase", "pw");
	if (strcmp(mbdb, "pw") != 0) {
		readcf_util_stdout("Can't initialize mailbox database \"%s\": Service unavailable\n", mbdb);
		err_set_exitstat(69);
	}
	if (option_num(cf, "SingleThreadDelivery", 0) &&
	    *option_str(cf, "HostStatusDirectory", "") == '\0')
		readcf_util_stdout("Warning: HostStatusDirectory required for SingleThreadDelivery\n");
	errno = 0;
	if (cf->level > READCF_MAXLEVEL)
		err_syserr("Warning: .cf version level (%d) exceeds sendmail version %s functionality (%d)",
			   cf->level, READCF_VERSION, READCF_MAXLEVEL);
	else if (cf->level < READCF_MAXLEVEL)
		readcf_util_stdout("Warning: .cf file is out of date: sendmail %s supports version %d, .cf file is version %d\n",
				   READCF_VERSION, READCF_MAXLEVEL, cf->level);
	mailer_compat(cf);
	config_tok(cf);
	map_builtins(cf);
	/* the reference's order: interface probe (-d0.4 a.k.a. lines), the
	 * -d0.1 identity block, the unqualified-name warning, then the
	 * local mailer check */
	sysident_probe(cf);
	if (tTd(0, 1))
		debug_print_identity(stdout, cf);
	sysident_warn(cf);
	if (mailer_find(cf, "local") == NULL) {
		errno = 0;
		err_syserr("No local mailer defined");
	}
	const char *m = macro_get(&cf->macros, 'm');
	if (m != NULL && *m != '\0')
		class_add(cf->classes, 'm', m);
}

struct config *readcf(const char *path, int opmode, struct config *pre)
{
	FILE *fp = readcf_open(path);
	if (fp == NULL)
		return NULL;
	struct config *cf = pre != NULL ? pre : config_new();
	mem_free(cf->file);
	cf->file = mem_strdup(path);
	cf->opmode = opmode;
	cf->testmode = opmode == 't';
	config_predefine(cf);
	mailer_builtins(cf);
	sysident_init(cf);
	readcf_lines(cf, fp, path);
	fclose(fp);
	readcf_after(cf);
	return cf;
}
