/* deliver_ipc.c - [IPC] mailers (esmtp, relay, smtp, ...): for now only
 * the connection attempt. The host ([literal], dotted quad, else an MX
 * lookup through the resolver, then its A records), a TCP connect to the
 * A= port (default smtp); nothing is sent yet: every outcome leaves the
 * recipients queued (or failed for a host that does not exist), with the
 * reference's texts ("Deferred: Connection refused by [127.0.0.1]",
 * "Name server: x: host name lookup failure") and its host status record
 * (HostStatusDirectory). Touches: the network (connect only), the host
 * status files. */
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "deliver.h"
#include "options.h"
#include "../libsmutil/hoststat.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* What one attempt came to: the status, the text, the host status. */
struct ipc_res {
	int st;                 /* sysexits */
	int err, herr;          /* errno, h_errno for the host status */
	const char *dsn;        /* 4.4.1 ... */
	struct str text;        /* "Connection refused by [127.0.0.1]" */
	struct str relay;       /* the log's relay=: "name [addr]" */
};

/* The port: the word after $h in A= ("TCP $h 2525"), else smtp. */
static int ipc_port(const struct mailer *m)
{
	if (m->argv != NULL && m->argv[0] != NULL && m->argv[1] != NULL && m->argv[2] != NULL) {
		int p = atoi(m->argv[2]);
		if (p > 0 && p < 65536)
			return p;
		struct servent *se = getservbyname(m->argv[2], "tcp");
		if (se != NULL)
			return ntohs((unsigned short)se->s_port);
	}
	struct servent *se = getservbyname("smtp", "tcp");
	return se != NULL ? ntohs((unsigned short)se->s_port) : 25;
}

static int all_numeric(const char *h)
{
	for (; *h != '\0'; h++)
		if ((*h < '0' || *h > '9') && *h != '.')
			return 0;
	return 1;
}

static void ipc_nameserver_fail(struct ipc_res *r, const char *host, int herr)
{
	str_clear(&r->text);
	if (herr == HOST_NOT_FOUND) {
		r->st = 68;
		r->dsn = "5.1.2";
		r->err = 0;
		str_printf(&r->text, "Host unknown (Name server: %s: host not found)", host);
	} else {
		r->st = 75;
		r->dsn = "4.4.3";
		r->err = EAGAIN;
		str_printf(&r->text, "Name server: %s: host name lookup failure", host);
	}
	r->herr = herr;
}

/* The name to connect to: the best MX (or the host itself when it has
 * none). 0 ok (*target set, heap), -1 (r filled). */
static int ipc_mx(const char *host, struct ipc_res *r, char **target)
{
	unsigned char ans[4096];
	res_init();
	int n = res_query(host, C_IN, T_MX, ans, sizeof ans);
	if (n < 0) {
		if (h_errno == NO_DATA) {
			*target = mem_strdup(host);
			return 0;
		}
		ipc_nameserver_fail(r, host, h_errno);
		return -1;
	}
	ns_msg msg;
	ns_rr rr;
	int best = 65536;
	char name[NS_MAXDNAME];
	*target = NULL;
	if (ns_initparse(ans, n, &msg) < 0)
		return *target = mem_strdup(host), 0;
	for (int i = 0; i < ns_msg_count(msg, ns_s_an); i++) {
		if (ns_parserr(&msg, ns_s_an, i, &rr) < 0 || ns_rr_type(rr) != ns_t_mx)
			continue;
		const unsigned char *rd = ns_rr_rdata(rr);
		int pref = ns_get16(rd);
		if (pref < best && dn_expand(ns_msg_base(msg), ns_msg_end(msg), rd + 2, name,
					     sizeof name) >= 0) {
			best = pref;
			mem_free(*target);
			*target = mem_strdup(name);
		}
	}
	if (*target == NULL)
		*target = mem_strdup(host);
	return 0;
}

static int ipc_resolve(const char *name, struct in_addr *a, struct ipc_res *r)
{
	struct addrinfo hints, *ai = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	int rc = getaddrinfo(name, NULL, &hints, &ai);
	if (rc != 0 || ai == NULL) {
		ipc_nameserver_fail(r, name, rc == EAI_NONAME ? HOST_NOT_FOUND : TRY_AGAIN);
		return -1;
	}
	*a = ((struct sockaddr_in *)(void *)ai->ai_addr)->sin_addr;
	freeaddrinfo(ai);
	return 0;
}

/* connect() errors the reference reports as "<text> by <host>". */
static void ipc_connect_fail(struct ipc_res *r, const char *host, int e)
{
	r->st = 75;
	r->err = e;
	r->herr = 0;
	r->dsn = "4.4.1";
	str_clear(&r->text);
	str_add(&r->text, strerror(e));
	if (e == ECONNREFUSED || e == ETIMEDOUT || e == EHOSTDOWN || e == EHOSTUNREACH)
		str_printf(&r->text, " by %s", host);
}

static void ipc_try(const struct mailer *m, const char *host, struct ipc_res *r)
{
	struct in_addr a;
	size_t n = strlen(host);
	int ok;
	if (host[0] == '[' && n > 2 && host[n - 1] == ']') {
		char *lit = mem_strndup(host + 1, n - 2);
		ok = inet_pton(AF_INET, lit, &a) == 1;
		mem_free(lit);
		if (!ok) {
			ipc_nameserver_fail(r, host, HOST_NOT_FOUND);
			return;
		}
	} else if (all_numeric(host)) {
		if (ipc_resolve(host, &a, r) < 0)
			return;
	} else {
		char *t = NULL;
		if (ipc_mx(host, r, &t) < 0)
			return;
		ok = ipc_resolve(t, &a, r) == 0;
		mem_free(t);
		if (!ok)
			return;
	}
	char ab[INET_ADDRSTRLEN];
	str_clear(&r->relay);
	str_printf(&r->relay, "%s [%s]", host, inet_ntop(AF_INET, &a, ab, sizeof ab) ? ab : "");
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)ipc_port(m));
	sa.sin_addr = a;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		ipc_connect_fail(r, host, errno);
		if (fd >= 0)
			close(fd);
		return;
	}
	close(fd);  /* no SMTP client yet: the message stays queued */
	r->st = 75;
	r->err = r->herr = 0;
	r->dsn = "4.0.0";
	str_clear(&r->text);
}

/* Record the attempt under HostStatusDirectory (relative: to the queue). */
static void ipc_hoststat(struct deliver_ctx *dc, const char *host, const struct ipc_res *r)
{
	const char *d = option_str(dc->j->cf, "HostStatusDirectory", NULL);
	if (d == NULL || *d == '\0')
		return;
	struct str dir, path;
	str_init(&dir, 0);
	str_init(&path, 0);
	if (d[0] != '/')
		str_printf(&dir, "%s/", dc->j->qdir);
	str_add(&dir, d);
	if (hoststat_path(dir.s, host, &path) == 0) {
		struct hoststat_rec h = { .err = (short)r->err, .herr = (short)r->herr,
			.exitstat = (short)r->st, .dstatus = (char *)r->dsn,
			.lastuse = (long)time(NULL) };
		(void)hoststat_store(path.s, &h, 0600);
	}
	str_free(&dir);
	str_free(&path);
}

void deliver_ipc(struct deliver_ctx *dc, struct deliver_batch *b, const char *to)
{
	const char *host = b->host ? b->host : "";
	/* -odd: the submitting process makes no connection (nor lookup) */
	const char *dm = option_str(dc->j->cf, "DeliveryMode", "b");
	if ((dc->j->flags & JOB_INTERACTIVE) && dm != NULL && *dm == 'd') {
		deliver_status_queued(dc, b);
		return;
	}
	struct ipc_res r = { .st = 75, .dsn = "4.0.0" };
	str_init(&r.text, 0);
	str_init(&r.relay, 0);
	struct str t;
	str_init(&t, 0);
	str_printf(&t, "Connecting to %s via %s...", host, b->m->name);
	deliver_say(dc, to, NULL, t.s);
	str_free(&t);
	str_add(&r.relay, host);
	ipc_try(b->m, host, &r);
	ipc_hoststat(dc, host, &r);
	deliver_status(dc, b, r.st, r.text.len ? r.text.s : NULL);
	for (size_t i = 0; i < b->n; i++) {
		struct job_rcpt *jr = &dc->j->r[b->idx[i]];
		mem_free(jr->relay);
		jr->relay = r.relay.len ? mem_strdup(r.relay.s) : NULL;
		if (r.st == 75) {
			mem_free(jr->status);
			jr->status = mem_strdup(r.dsn);
			mem_free(jr->logdsn);   /* the log shows this status */
			jr->logdsn = NULL;
		}
	}
	str_free(&r.text);
	str_free(&r.relay);
}
