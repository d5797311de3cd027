/* submit_collect.c - reading a submitted message (sendmail's collect for
 * non-SMTP input): an optional "From " line (dropped), the header block
 * (fields and continuation lines, ended by an empty line, or by a line
 * that is not a field which then starts the body), the body kept byte
 * for byte; line ends, the lone "." (unless -i / IgnoreDots) and dot
 * unstuffing as submit_input.c. Reads rq->infd or rq->inbuf only. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "submit_int.h"
#include "options.h"
#include "xlog.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

#define EX_IOERR 74

/* The whole input into raw (or a view of rq->inbuf). */
static int sc_read(const struct submit_req *rq, struct str *raw)
{
	if (rq->infd < 0) {
		str_addn(raw, rq->inbuf, rq->inlen);
		return 0;
	}
	char buf[65536];
	for (;;) {
		ssize_t n = read(rq->infd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return EX_IOERR;
		if (n == 0)
			return 0;
		str_addn(raw, buf, (size_t)n);
	}
}

struct sc_state {
	struct submit_msg *m;
	struct str field;         /* the header field being collected */
	int inhdr;                /* still in the header block */
	int first;
	int inplace;              /* a DSN: fields take the cf default's place */
	size_t hdrbytes, maxhdr;
};

static void sc_flush_field(struct sc_state *st)
{
	if (st->field.len == 0)
		return;
	if (st->maxhdr == 0 || st->hdrbytes <= st->maxhdr)
		(void)(st->inplace ? header_chomp_inplace : header_chomp)(&st->m->hl,
			st->field.s, st->field.len);
	else
		st->m->toolarge = 1;
	str_clear(&st->field);
}

/* One line (with its '\n' when it had one) of the header block. */
static void sc_header_line(struct sc_state *st, const char *l, size_t n)
{
	size_t len = n > 0 && l[n - 1] == '\n' ? n - 1 : n;
	if ((l[0] == ' ' || l[0] == '\t') && st->field.len > 0 && len > 0) {
		st->hdrbytes += n;
		str_addc(&st->field, '\n');
		str_addn(&st->field, l, len);
		return;
	}
	sc_flush_field(st);
	if (len == 0 && n > 0) {          /* the empty line ends the block */
		st->inhdr = 0;
		return;
	}
	if (header_field_len(l, len) == 0) {
		st->inhdr = 0;
		str_addn(&st->m->body, l, n);
		return;
	}
	st->hdrbytes += n;
	str_addn(&st->field, l, len);
}

static void sc_line(struct sc_state *st, const char *l, size_t n)
{
	st->m->msgsize += n;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)l[i] & 0200)
			st->m->eightbit = 1;
	if (st->first) {
		st->first = 0;
		if (n >= 5 && memcmp(l, "From ", 5) == 0)
			return;
	}
	if (st->inhdr && (n == 0 || l[n - 1] != '\n')) {
		/* cut off in the header block: the partial line is lost, and
		 * the field it continues */
		if (n > 0 && (l[0] == ' ' || l[0] == '\t'))
			str_clear(&st->field);
		return;
	}
	if (st->inhdr)
		sc_header_line(st, l, n);
	else
		str_addn(&st->m->body, l, n);
}

int submit_collect(const struct submit_req *rq, const struct config *cf,
		   struct submit_msg *m)
{
	struct str raw, in;
	str_init(&raw, 0);
	str_init(&in, 0);
	int r = sc_read(rq, &raw);
	if (r != 0) {
		str_free(&raw);
		return r;
	}
	int igndots = (rq->flags & SUBMIT_IGNDOTS) || option_num(cf, "IgnoreDots", 0);
	/* -X: the input as read, logged when submit.c says (after the
	 * messages about the argument recipients, as the reference) */
	int traced = rq->infd >= 0 && xlog_active();
	char prefix[32];
	xlog_prefix(prefix, sizeof prefix, "<<<");
	(void)submit_input_scan(raw.s ? raw.s : "", raw.len, igndots, &in,
				traced ? &m->trace : NULL, prefix);
	str_free(&raw);
	struct sc_state st = { .m = m, .inhdr = 1, .first = 1 };
	st.maxhdr = (size_t)option_num(cf, "MaxHeadersLength", 0);
	st.inplace = (rq->flags & SUBMIT_DSN) != 0;
	str_init(&st.field, 0);
	const char *p = in.s ? in.s : "", *end = p + in.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		sc_line(&st, p, n);
		p += n;
	}
	sc_flush_field(&st);
	str_free(&st.field);
	str_free(&in);
	return 0;
}

void submit_msg_free(struct submit_msg *m)
{
	header_list_free(&m->hl);
	str_free(&m->body);
	str_free(&m->trace);
}
