/* err.c - sendmail-style user-visible messages: reply code + enhanced code
 * handling, "file: line N: " and "<addr>... " context, terminal (codes
 * stripped) vs protocol output, and the accumulated exit status.
 * Process-wide state by design (it mirrors one output channel). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include "err.h"
#include "../libsmutil/str.h"
#include "../libsmutil/safefile.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static FILE *err_fp;
static int err_strip = 1;
static char *err_file;
static int err_line;
static char *err_addr;
static int err_exit;
static int err_errors;
static int err_verbose;
static struct str err_lastmsg;
static char err_lastcodes[24];

void err_set_output(FILE *fp, int strip_codes)
{
	err_fp = fp;
	err_strip = strip_codes;
}

void err_set_file(const char *file, int line)
{
	mem_free(err_file);
	err_file = file ? mem_strdup(file) : NULL;
	err_line = line;
}

int err_get_line(void) { return err_line; }

void err_set_addr(const char *addr)
{
	char *old = err_addr;   /* addr may be err_get_addr() itself */
	err_addr = addr ? mem_strdup(addr) : NULL;
	mem_free(old);
}

const char *err_get_addr(void) { return err_addr; }

void err_set_verbose(int v) { err_verbose = v; }
int err_get_verbose(void) { return err_verbose; }
int err_exitstat(void) { return err_exit; }
void err_reset_exitstat(void) { err_exit = 0; }
void err_set_exitstat(int code) { err_exit = code; }
int err_count(void) { return err_errors; }
void err_reset_count(void) { err_errors = 0; }
const char *err_last(void) { return err_lastmsg.s ? err_lastmsg.s : ""; }
const char *err_last_codes(void) { return err_lastcodes; }

/* Does the code take the "<addr>... " prefix? */
static int err_code_wants_addr(const char *code)
{
	static const char *const list[] = { "050", "250", "252", "450", "550", "553" };
	for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
		if (memcmp(code, list[i], 3) == 0)
			return 1;
	return 0;
}

/* Split "NNN [x.y.z ]text" into code/ecode/text; missing parts defaulted. */
static const char *err_split(const char *msg, const char *defcode, char code[4], char ecode[16])
{
	const char *p = msg;
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
	    isdigit((unsigned char)p[2]) && (p[3] == ' ' || p[3] == '-' || p[3] == '\0')) {
		memcpy(code, p, 3);
		p += p[3] ? 4 : 3;
	} else
		memcpy(code, defcode, 3);
	code[3] = '\0';
	ecode[0] = '\0';
	/* enhanced code: digit '.' digits '.' digits ' ' */
	const char *q = p;
	if (isdigit((unsigned char)*q) && q[1] == '.') {
		q += 2;
		while (isdigit((unsigned char)*q)) q++;
		if (*q == '.') {
			q++;
			while (isdigit((unsigned char)*q)) q++;
			if (*q == ' ' && (size_t)(q - p) < 15) {
				memcpy(ecode, p, (size_t)(q - p));
				ecode[q - p] = '\0';
				return q + 1;
			}
		}
	}
	if (code[0] == '5' || code[0] == '4' || code[0] == '2') {
		ecode[0] = code[0];
		memcpy(ecode + 1, ".0.0", 5);
	}
	return p;
}

/* Format and emit one message. */
/* c1q: a user error's text shows bytes 0200-0237 as "?" (syserr: bit 8 cleared). */
static void err_emit(const char *defcode, int show, int c1q, const char *fmt, va_list ap)
{
	struct str raw, out;
	char code[4], ecode[16];
	str_init(&raw, 0);
	str_vprintf(&raw, fmt, ap);
	const char *text = err_split(raw.s, defcode, code, ecode);
	snprintf(err_lastcodes, sizeof err_lastcodes, "%s%s%s", code, ecode[0] ? " " : "", ecode);
	str_init(&out, 0);
	if (!err_strip) {
		str_printf(&out, "%s %s%s", code, ecode, ecode[0] ? " " : "");
	}
	if (err_file != NULL)
		str_printf(&out, "%s: line %d: ", err_file, err_line);
	if (err_addr != NULL && err_code_wants_addr(code)) {
		/* sendmail's shortenstring(e_to, MAXSHORTSTR = 203) */
		size_t l = strlen(err_addr);
		if (l < 203)
			str_printf(&out, "%s... ", err_addr);
		else
			str_printf(&out, "%.100s...%s... ", err_addr, err_addr + l - 100);
	}
	size_t body = out.len;	/* the prefixes above are shown raw */
	str_add(&out, text);
	if (err_lastmsg.s == NULL)
		str_init(&err_lastmsg, 0);
	str_clear(&err_lastmsg);
	str_add(&err_lastmsg, out.s);
	if (show) {
		FILE *fp = err_fp ? err_fp : stderr;
		/* like sendmail, messages are shown with the 8th bit cleared; in a
		 * user error's own text, bytes 0200-0237 become '?' first */
		for (size_t i = 0; i < out.len; i++) {
			unsigned char u = (unsigned char)out.s[i];
			out.s[i] = c1q && i >= body && (u & 0340) == 0200 ? '?' : (char)(u & 0x7f);
		}
		fputs(out.s, fp);
		fputs(err_strip ? "\n" : "\r\n", fp);
		fflush(fp);
	}
	str_free(&raw);
	str_free(&out);
}

void err_usrerr(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_errors++;
	err_emit("550", 1, 1, fmt, ap);
	va_end(ap);
}

void err_syserr(const char *fmt, ...)
{
	int saved = errno;
	int fatal = 0;
	va_list ap;
	if (*fmt == '!' || *fmt == '@') {
		fatal = *fmt == '!';
		if (*fmt == '@')
			saved = 0;
		fmt++;
	}
	struct str f;
	str_init(&f, 0);
	str_add(&f, fmt);
	if (saved != 0) {
		/* sendmail appends the errno text; escape it for the format */
		str_add(&f, ": ");
		for (const char *e = safefile_strerror(saved); *e; e++) {
			if (*e == '%')
				str_addc(&f, '%');
			str_addc(&f, *e);
		}
	}
	va_start(ap, fmt);
	err_errors++;
	err_emit(saved ? "451" : "554", 1, 0, f.s, ap);
	va_end(ap);
	str_free(&f);
	if (err_exit == 0)
		err_exit = saved ? 71 : 70;
	if (fatal)
		exit(err_exit);
	errno = 0;	/* like sendmail, a reported error clears errno */
}

void err_message(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_emit("050", err_verbose, 1, fmt, ap);
	va_end(ap);
}

void err_warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_emit("000", 1, 0, fmt, ap);
	va_end(ap);
}
