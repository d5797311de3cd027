/* submit_input.c - the reference's input state machine for a submitted
 * message (see submit_input_scan in submit_int.h): line ends (CRLF ->
 * LF, a bare CR kept), the lone-dot end of input and dot unstuffing, and
 * what the -X traffic log shows of it (every byte read, a byte pushed
 * back after a CR read twice). Pure: touches only the strings given. */
#include <string.h>
#include "submit_int.h"
#include "../libsmutil/poison.h"

enum si_state { SI_BOL, SI_NORM, SI_CR, SI_DOT, SI_DOTCR };

struct si {
	const char *raw;
	size_t n, pos;
	int pushed;               /* a byte pushed back (read again) */
	int igndots;
	enum si_state st;
	struct str *out, *trace;
	const char *prefix;
};

/* The next byte (-1 at the end), logged as read. */
static int si_get(struct si *s)
{
	int c;
	if (s->pushed >= 0) {
		c = s->pushed;
		s->pushed = -1;
	} else
		c = s->pos < s->n ? (unsigned char)s->raw[s->pos++] : -1;
	if (s->trace != NULL) {
		if (s->st == SI_BOL)
			str_add(s->trace, s->prefix);
		if (c < 0)
			str_add(s->trace, "[EOF]\n");
		else
			str_addc(s->trace, c);
	}
	return c;
}

/* A byte in no special state: CR waits for its LF. */
static void si_plain(struct si *s, int c)
{
	if (c == '\r') {
		s->st = SI_CR;
		return;
	}
	str_addc(s->out, c);
	s->st = c == '\n' ? SI_BOL : SI_NORM;
}

/* One byte read in the current state; 1 when a lone dot ended the input. */
static int si_step(struct si *s, int c)
{
	switch (s->st) {
	case SI_BOL:
		if (c == '.') {
			s->st = SI_DOT;
			return 0;
		}
		break;
	case SI_DOT:
		if (c == '\n' && !s->igndots)
			return 1;
		if (c == '\r') {
			s->st = SI_DOTCR;
			return 0;
		}
		if (c != '.' || s->igndots)
			str_addc(s->out, '.');
		break;
	case SI_DOTCR:
		if (c == '\n' && !s->igndots)
			return 1;
		str_addc(s->out, '.');
		__attribute__((fallthrough));   /* then as after a CR */
	case SI_CR:
		if (c == '\n') {
			str_addc(s->out, '\n');
			s->st = SI_BOL;
			return 0;
		}
		s->pushed = c;
		str_addc(s->out, '\r');
		s->st = SI_NORM;
		return 0;
	case SI_NORM:
		break;
	}
	si_plain(s, c);
	return 0;
}

int submit_input_scan(const char *raw, size_t n, int igndots, struct str *out,
		      struct str *trace, const char *prefix)
{
	struct si s = { .raw = raw, .n = n, .pushed = -1, .igndots = igndots,
			.st = SI_BOL, .out = out, .trace = trace,
			.prefix = prefix != NULL ? prefix : "" };
	for (;;) {
		int c = si_get(&s);
		if (c < 0)
			return 0;       /* a CR or dot still pending is dropped */
		if (si_step(&s, c))
			return 1;
	}
}
