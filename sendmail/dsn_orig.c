/* dsn_orig.c - the original message as a DSN returns it and as
 * dead.letter saves it: its headers as the *file* mailer gets them
 * (?flags? conditions against *file*'s F=, Bcc dropped, address headers
 * rewritten through 3, 1|2, *file*'s S=/R= header set, 4 (deliver_hdr.c),
 * macros expanded with $g the sender through 3, 1, 4), its body from the
 * df, and the dead.letter append (From_ line, headers, body, blank line).
 * Reads the df; writes only the dead.letter file it is given. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <strings.h>
#include "xlog.h"
#include "deliver.h"
#include "dsn.h"
#include "header.h"
#include "macro.h"
#include "mailer.h"
#include "meta.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* Is a "?cond?" satisfied for mailer m: any of its flags, or a set
 * macro for a ?${macro}? / ?$x? condition. */
static int dsn_cond_ok(const struct mailer *m, const struct macros *mac,
		       const char *c, size_t n)
{
	if (n == 0)
		return 1;
	if ((unsigned char)c[0] == 0201 || c[0] == '$') {
		const char *v = n > 1 ? macro_get(mac, (unsigned char)c[1]) : NULL;
		return v != NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (m != NULL && mailer_flag(m, (unsigned char)c[i]))
			return 1;
	return 0;
}

static const char *dsn_sender(const struct job *j)
{
	const char *s = j->env.sender;
	if (s == NULL || *s == '\0' || strcmp(s, "<>") == 0) {
		s = macro_get(&j->cf->macros, 'n');
		return s ? s : "MAILER-DAEMON";
	}
	return s;
}

/* One header h as *file* (m) gets it: an address header without macros
 * through deliver_commaize (3, 1|2, m's S=/R= header set, 4, F=c, F=C
 * of the sender's mailer), others with their macros expanded. */
static void dsn_orig_header(struct deliver_ctx *dc, const struct mailer *m,
			    const struct qf_hdr *h, struct str *out)
{
	struct str x, v;
	str_init(&x, 0);
	str_init(&v, 0);
	str_addn(&x, h->name, h->namelen);
	unsigned info = header_info(x.s);
	if (m != NULL && (info & (HDR_FROM | HDR_RCPT)) &&
	    strchr(h->value, META_MACROEXPAND) == NULL) {
		deliver_commaize(dc, m, x.s, h->value, (info & HDR_FROM) != 0, 0, &v);
	} else {
		str_addc(&x, ':');
		macro_expand(&v, h->value, dc->rc->mac);
		str_add(&x, v.s ? v.s : "");
		str_clear(&v);
		str_add(&v, x.s);
	}
	str_addn(out, v.s, v.len);
	str_addc(out, '\n');
	str_free(&x);
	str_free(&v);
}

void dsn_orig_headers(const struct job *j, struct str *out)
{
	const struct mailer *m = mailer_find(j->cf, "*file*");
	struct macros mac;
	struct rw_ctx rc;
	struct deliver_ctx dc;
	macros_init(&mac, &j->cf->macros);
	memset(&rc, 0, sizeof rc);
	rc.cf = j->cf;
	rc.mac = &mac;
	rc.ar = arena_new(16384);
	memset(&dc, 0, sizeof dc);
	dc.rc = &rc;
	dc.dffd = -1;
	/* a null sender's Return-Path stays "<>" */
	const char *s = j->env.sender;
	int null = s == NULL || *s == '\0' || strcmp(s, "<>") == 0;
	dc.sender = null ? "" : s;
	char *g = null ? mem_strdup("") : deliver_sender_text(&rc, s);
	macro_set(&mac, 'g', g);
	mem_free(g);
	deliver_fromdomain(&dc);
	for (size_t i = 0; i < j->env.nhdrs; i++) {
		const struct qf_hdr *h = &j->env.hdrs[i];
		if (h->cond && !dsn_cond_ok(m, &mac, h->cond, h->condlen))
			continue;
		if (h->namelen == 3 && strncasecmp(h->name, "Bcc", 3) == 0)
			continue;
		dsn_orig_header(&dc, m, h, out);
	}
	arena_free(rc.ar);
	macros_free(&mac);
}

static const char *dsn_mbody;
static size_t dsn_mbody_len;

void dsn_set_body(const char *s, size_t n)
{
	dsn_mbody = s;
	dsn_mbody_len = s != NULL ? n : 0;
}

int dsn_orig_body(const struct job *j, struct str *out)
{
	if (j->dfpath == NULL && dsn_mbody != NULL) {
		str_addn(out, dsn_mbody, dsn_mbody_len);
		return 0;
	}
	if (j->dfpath == NULL)
		return -1;
	int fd = open(j->dfpath, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char buf[8192];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		str_addn(out, buf, (size_t)n);
	close(fd);
	return n < 0 ? -1 : 0;
}

static int dsn_has8(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] & 0x80)
			return 1;
	return 0;
}

int dsn_orig_8bit(const struct job *j)
{
	if (j->env.bodytype && strcasecmp(j->env.bodytype, "8BITMIME") == 0)
		return 1;
	struct str b;
	str_init(&b, 0);
	dsn_orig_body(j, &b);
	int r = dsn_has8(b.s ? b.s : "", b.len);
	str_free(&b);
	return r;
}

int dsn_dead_letter(const struct job *j, const char *path)
{
	struct str o;
	char d[32];
	time_t t = j->now ? j->now : time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(d, sizeof d, "%a %b %e %H:%M:%S %Y", &tm);
	str_init(&o, 0);
	str_printf(&o, "From %s %s\n", dsn_sender(j), d);
	dsn_orig_headers(j, &o);
	str_addc(&o, '\n');
	dsn_orig_body(j, &o);
	str_addc(&o, '\n');
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	int rc = -1;
	if (fd >= 0) {
		xlog_out_text(o.s, o.len);     /* -X: as the reference writes it */
		size_t off = 0;
		while (off < o.len) {
			ssize_t w = write(fd, o.s + off, o.len - off);
			if (w <= 0)
				break;
			off += (size_t)w;
		}
		rc = off == o.len && fsync(fd) == 0 ? 0 : -1;
		int e = errno;
		close(fd);
		errno = e;
	}
	str_free(&o);
	return rc;
}
