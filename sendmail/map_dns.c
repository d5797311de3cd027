/* map_dns.c - the "dns" and "bestmx" map classes, on res_nquery.
 * dns: -R<type> (required), -z<delim> (all records, else the first),
 * -B<base> (appended to the key), -d<secs> retransmit, -r<n> retries.
 * bestmx: the most preferred MX host (all, joined by -z<delim>), only when
 * the service switch lists dns for hosts.  Failures: TRY_AGAIN or a
 * transient errno => 75, else 68.  Touches the resolver only. */
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <netdb.h>
#include <resolv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mapclass.h"
#include "err.h"
#include "options.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#define DNS_MAXRR 64

struct dns_priv { int type; char *base; };

/* Network-order 16-bit field (ns_get16 lives in libresolv; we avoid it). */
static int dns_get16(const unsigned char *p)
{
	return (p[0] << 8) | p[1];
}
struct dns_rr { int type; int pref; char text[NS_MAXDNAME + 32]; };

static const struct { const char *name; int type; } dns_types[] = {
	{ "A", ns_t_a }, { "AAAA", ns_t_aaaa }, { "MX", ns_t_mx },
	{ "CNAME", ns_t_cname }, { "NS", ns_t_ns }, { "PTR", ns_t_ptr },
	{ "TXT", ns_t_txt }, { "SRV", ns_t_srv }, { "SOA", ns_t_soa },
	{ "AFSDB", ns_t_afsdb }, { "TLSA", ns_t_tlsa },
};

static int dns_type_byname(const char *n)
{
	for (size_t i = 0; i < sizeof dns_types / sizeof dns_types[0]; i++)
		if (strcasecmp(n, dns_types[i].name) == 0)
			return dns_types[i].type;
	return 0;
}

/* -R<type>: an unknown type is reported with the rest of the line, as
 * the reference does (it has not cut the word yet at that point). */
static void dns_set_type(struct map *m, struct dns_priv *dp, const char *word,
			 const char *rest)
{
	dp->type = dns_type_byname(word);
	if (dp->type == 0) {
		errno = 0;
		err_syserr("dns map %s: wrong type %s", m->name, rest);
	}
}

/* The dns class reads its own flags: -R and -B take their value after
 * optional blanks ("-R A"); the others are glued ("-a." "-z,") and go to
 * the generic setter.  Parsing stops at the first word without '-'. */
static void dns_flags(struct map *m, struct dns_priv *dp, const char *p)
{
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '-' || p[1] == '\0')
			return;
		int letter = (unsigned char)p[1];
		const char *v = p + 2;
		if (letter == 'R' || letter == 'B')
			while (*v == ' ' || *v == '\t')
				v++;
		const char *e = v;
		while (*e != '\0' && *e != ' ' && *e != '\t')
			e++;
		char *val = mem_strndup(v, (size_t)(e - v));
		if (letter == 'R')
			dns_set_type(m, dp, val, v);
		else if (letter == 'B') {
			mem_free(dp->base);
			dp->base = mem_strdup(val);
		} else
			(void)mapclass_generic_flag(m, letter, val);
		mem_free(val);
		p = e;
	}
}

static int dns_parse(struct map *m, const char *args)
{
	struct dns_priv *dp = mem_zalloc(sizeof *dp);
	dns_flags(m, dp, args ? args : "");
	if (dp->type == 0) {
		errno = 0;
		err_syserr("dns map %s: missing -R type", m->name);
	}
	m->priv = dp;
	return 0;
}

static int dns_open(struct map *m, const struct config *cf)
{
	return 0;
}

/* Text of one answer RR (sendmail's formats); 0 ok, -1 skip. */
static int dns_rr_text(const unsigned char *msg, const unsigned char *eom,
		       const unsigned char *rd, int type, int rdlen,
		       struct dns_rr *rr)
{
	char name[NS_MAXDNAME];
	rr->type = type;
	rr->pref = 0;
	switch (type) {
	case ns_t_a:
		if (rdlen != 4) return -1;
		return inet_ntop(AF_INET, rd, rr->text, sizeof rr->text) ? 0 : -1;
	case ns_t_aaaa:
		if (rdlen != 16) return -1;
		return inet_ntop(AF_INET6, rd, rr->text, sizeof rr->text) ? 0 : -1;
	case ns_t_cname: case ns_t_ns: case ns_t_ptr:
		if (dn_expand(msg, eom, rd, name, sizeof name) < 0) return -1;
		snprintf(rr->text, sizeof rr->text, "%s", name);
		return 0;
	case ns_t_mx: case ns_t_afsdb:
		if (rdlen < 3 || dn_expand(msg, eom, rd + 2, name, sizeof name) < 0)
			return -1;
		rr->pref = dns_get16(rd);
		snprintf(rr->text, sizeof rr->text, "%d %s", rr->pref, name);
		return 0;
	case ns_t_srv:
		if (rdlen < 7 || dn_expand(msg, eom, rd + 6, name, sizeof name) < 0)
			return -1;
		snprintf(rr->text, sizeof rr->text, "%d %d %d %s", dns_get16(rd),
			 dns_get16(rd + 2), dns_get16(rd + 4), name);
		return 0;
	case ns_t_txt: {
		size_t o = 0;
		for (int i = 0; i < rdlen && o + 1 < sizeof rr->text; ) {
			int l = rd[i++];
			for (int k = 0; k < l && i < rdlen && o + 1 < sizeof rr->text; k++)
				rr->text[o++] = (char)rd[i++];
		}
		rr->text[o] = '\0';
		return 0;
	}
	default:
		return -1;
	}
}

/* Query name/type; fills rrs, returns count or -1 with *stat set. */
static int dns_query(const char *name, int type, const struct map *m,
		     struct dns_rr *rrs, int *stat)
{
	unsigned char ans[NS_PACKETSZ * 4];
	struct __res_state rs;
	memset(&rs, 0, sizeof rs);
	if (res_ninit(&rs) != 0) {
		*stat = 75;
		return -1;
	}
	if (m->timeout > 0) rs.retrans = (int)m->timeout;
	if (m->retries > 0) rs.retry = m->retries;
	errno = 0;
	int len = res_nquery(&rs, name, ns_c_in, type, ans, sizeof ans);
	int herr = rs.res_h_errno;
	res_nclose(&rs);
	if (len < 0) {
		*stat = (herr == TRY_AGAIN || errno == ECONNREFUSED ||
			 errno == ETIMEDOUT || errno == ENETUNREACH ||
			 errno == EHOSTUNREACH) ? 75 : MAPCLASS_EX_NOHOST;
		return -1;
	}
	const unsigned char *eom = ans + (len > (int)sizeof ans ? (int)sizeof ans : len);
	const unsigned char *p = ans + NS_HFIXEDSZ;
	int qd = dns_get16(ans + 4), an = dns_get16(ans + 6), n = 0;
	char tmp[NS_MAXDNAME];
	for (int i = 0; i < qd; i++) {
		int l = dn_expand(ans, eom, p, tmp, sizeof tmp);
		if (l < 0) return n;
		p += l + NS_QFIXEDSZ;
	}
	for (int i = 0; i < an && n < DNS_MAXRR && p < eom; i++) {
		int l = dn_expand(ans, eom, p, tmp, sizeof tmp);
		if (l < 0 || p + l + NS_RRFIXEDSZ > eom) break;
		p += l;
		int t = dns_get16(p), rdlen = dns_get16(p + 8);
		p += NS_RRFIXEDSZ;
		if (p + rdlen > eom) break;
		if (t == type && dns_rr_text(ans, eom, p, t, rdlen, &rrs[n]) == 0)
			n++;
		p += rdlen;
	}
	return n;
}

static char *dns_lookup(struct map *m, const char *key, char **av,
			int *stat, struct lookup_ctx *lc)
{
	struct dns_priv *dp = m->priv;
	struct dns_rr *rrs;
	struct str name, val;

	if (dp == NULL || dp->type == 0) {
		*stat = MAPCLASS_EX_NOHOST;
		return NULL;
	}
	str_init(&name, 0);
	str_add(&name, key);
	if (dp->base != NULL)
		str_printf(&name, ".%s", dp->base);
	rrs = mem_array(DNS_MAXRR, sizeof *rrs);
	int n = dns_query(name.s, dp->type, m, rrs, stat);
	str_free(&name);
	if (n <= 0) {
		if (n == 0)
			*stat = MAPCLASS_EX_NOHOST;
		mem_free(rrs);
		return NULL;
	}
	*stat = MAPS_OK;
	str_init(&val, 0);
	for (int i = 0; i < n && (i == 0 || m->coldelim != '\0'); i++) {
		if (i > 0)
			str_addc(&val, m->coldelim);
		str_add(&val, rrs[i].text);
	}
	mem_free(rrs);
	char *r = mapclass_result(m, val.s, key, av);
	str_free(&val);
	return r;
}

static void dns_close(struct map *m)
{
	struct dns_priv *dp = m->priv;
	if (dp != NULL) {
		mem_free(dp->base);
		mem_free(dp);
		m->priv = NULL;
	}
}

/* Does the service switch list "dns" for hosts (sendmail's UseNameServer)? */
static int bestmx_use_dns(const struct config *cf)
{
	const char *path = cf ? option_str(cf, "ServiceSwitchFile",
					   "/etc/mail/service.switch")
			      : "/etc/mail/service.switch";
	FILE *fp = fopen(path, "r");
	char line[512];
	int dns = 1;

	if (fp == NULL)
		return 1;       /* default: hosts dns files */
	while (fgets(line, sizeof line, fp) != NULL) {
		char *save = NULL, *w = strtok_r(line, " \t\r\n", &save);
		if (w == NULL || strcmp(w, "hosts") != 0)
			continue;
		dns = 0;
		while ((w = strtok_r(NULL, " \t\r\n", &save)) != NULL)
			if (strcmp(w, "dns") == 0)
				dns = 1;
		break;
	}
	fclose(fp);
	return dns;
}

static int bestmx_cmp(const void *a, const void *b)
{
	const struct dns_rr *x = a, *y = b;
	return x->pref - y->pref;
}

static int bestmx_parse(struct map *m, const char *args)
{
	return mapclass_flags(m, args, NULL, NULL) ? 0 : -1;
}

/* The best MX host (or all of them, in preference order, with -z). */
static char *bestmx_lookup(struct map *m, const char *key, char **av,
			   int *stat, struct lookup_ctx *lc)
{
	struct dns_rr *rrs;
	struct str val;

	*stat = MAPS_OK;
	if (!bestmx_use_dns(lc ? lc->cf : NULL))
		return NULL;
	rrs = mem_array(DNS_MAXRR, sizeof *rrs);
	int n = dns_query(key, ns_t_mx, m, rrs, stat);
	if (n <= 0) {
		if (n == 0)
			*stat = MAPS_OK;
		mem_free(rrs);
		return NULL;
	}
	qsort(rrs, (size_t)n, sizeof *rrs, bestmx_cmp);
	str_init(&val, 0);
	for (int i = 0; i < n && (i == 0 || m->coldelim != '\0'); i++) {
		const char *h = strchr(rrs[i].text, ' ');
		if (i > 0)
			str_addc(&val, m->coldelim);
		str_add(&val, h ? h + 1 : rrs[i].text);
	}
	mem_free(rrs);
	char *r = mapclass_result(m, val.s, key, av);
	str_free(&val);
	return r;
}

const struct map_class map_class_bestmx = {
	"bestmx", MCF_OPTFILE | MCF_RAWKEY | MCF_NOREWRITE,
	bestmx_parse, dns_open, bestmx_lookup, NULL
};

const struct map_class map_class_dns = {
	"dns", MCF_RAWKEY | MCF_NOREWRITE | MCF_OWNARGS,
	dns_parse, dns_open, dns_lookup, dns_close
};
