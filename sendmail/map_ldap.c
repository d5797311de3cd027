/* map_ldap.c - the "ldap" map class as the reference behaves with no
 * directory server reachable: its own K-line parser (flag letters of
 * map_int.h's MAP_LDAP_FLAGS; value flags take the glued text or else the
 * next word; -s -r -M -w -P checked with the reference's messages; a
 * filter, -k, is required), and an open that always fails with
 * "ldap_init/ldap_bind failed to HOST in map NAME" and the errno the
 * reference's LDAP library leaves for that host (observed: loopback,
 * IP literals and dotless names ENOTCONN, other names EAGAIN (resolver),
 * ldapi ENOENT; methods none/krbv4 no errno).  Never contacts a server.
 * Touches only the struct map it is given (and reads the -P file). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "mapclass.h"
#include "map_int.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

struct ldap_priv {
	char *host;      /* -h value, or -H URI, as named in the message */
	int uri;         /* host is a -H URI */
	int nobind;      /* -M none / krbv4: the message carries no errno */
};

static int ldap_isspace(int c) { return c == ' ' || c == '\t' || c == '\n'; }

/* Letters whose value may be the next word when nothing is glued on. */
#define LDAP_VALUE_FLAGS "bcdhklpvrsMPwHZ"

static int ldap_oneof(const char *v, const char *const *set)
{
	for (; *set != NULL; set++)
		if (strcasecmp(v, *set) == 0)
			return 1;
	return 0;
}

/* Check one value flag; 0 ok, -1 = error printed (the line is invalid). */
static int ldap_check(struct map *m, struct ldap_priv *lp, int c, const char *v)
{
	static const char *const scope[] = { "base", "one", "sub", NULL };
	static const char *const deref[] = { "never", "always", "search", "find", NULL };
	static const char *const meth[] = { "none", "simple", "krbv4", NULL };
	errno = 0;
	switch (c) {
	case 's':
		if (ldap_oneof(v, scope))
			return 0;
		err_syserr("Scope must be [base|one|sub] (not %s) in map %s", v, m->name);
		return -1;
	case 'r':
		if (ldap_oneof(v, deref))
			return 0;
		err_syserr("Deref must be [never|always|search|find] (not %s) in map %s",
			   v, m->name);
		return -1;
	case 'M':
		if (!ldap_oneof(v, meth)) {
			err_syserr("Method for binding must be [none|simple|krbv4] (not %s) in map %s",
				   v, m->name);
			return -1;
		}
		lp->nobind = strcasecmp(v, "simple") != 0;
		return 0;
	case 'w': {
		int ver = atoi(v);
		if (ver < 2) {
			err_syserr("LDAP version %d is lower than min of 2 in map %s", ver, m->name);
			return -1;
		}
		if (ver > 3) {
			err_syserr("LDAP version %d exceeds max of 3 in map %s", ver, m->name);
			return -1;
		}
		return 0;
	}
	case 'P': {
		int fd = open(v, O_RDONLY);
		if (fd < 0) {
			err_syserr("LDAP map: cannot open secret %s", v);
			return -1;
		}
		close(fd);
		return 0;
	}
	case 'h': case 'H':
		mem_free(lp->host);
		lp->host = mem_strdup(v);
		lp->uri = c == 'H';
		return 0;
	case 'k':
		mem_free(m->keycol);
		m->keycol = mem_strdup(v);
		return 0;
	case 'v':
		mem_free(m->valcol);
		m->valcol = mem_strdup(v);
		return 0;
	default:
		return 0;
	}
}

/* One "-x..." word at *pp (just after the '-'); -1 = line invalid. */
static int ldap_flag(struct map *m, struct ldap_priv *lp, const char **pp)
{
	const char *p = *pp;
	int c = (unsigned char)*p;
	if (c != '\0')
		p++;
	if (!map_flag_accepted(m->cls, c)) {
		errno = 0;
		err_syserr("Illegal option %c map %s", c, m->name);
	} else if (strchr(LDAP_VALUE_FLAGS, c) != NULL) {
		while (*p != '\0' && ldap_isspace((unsigned char)*p))
			p++;
		const char *s = p;
		while (*p != '\0' && !ldap_isspace((unsigned char)*p))
			p++;
		char *v = mem_strndup(s, (size_t)(p - s));
		int r = ldap_check(m, lp, c, v);
		mem_free(v);
		*pp = p;
		return r;
	} else {
		const char *s = p;
		while (*p != '\0' && !ldap_isspace((unsigned char)*p))
			p++;
		char *v = mem_strndup(s, (size_t)(p - s));
		(void)mapclass_generic_flag(m, c, v);
		mem_free(v);
	}
	while (*p != '\0' && !ldap_isspace((unsigned char)*p))
		p++;
	*pp = p;
	return 0;
}

static void ldap_free(struct ldap_priv *lp)
{
	if (lp == NULL)
		return;
	mem_free(lp->host);
	mem_free(lp);
}

static int ldap_parse(struct map *m, const char *args)
{
	struct ldap_priv *lp = mem_zalloc(sizeof *lp);
	const char *p = args ? args : "";
	/* the filter and attributes live in the reference's ldap state, which
	 * every parse starts afresh (a redefinition does not inherit them) */
	mem_free(m->keycol);
	mem_free(m->valcol);
	m->keycol = m->valcol = NULL;
	for (;;) {
		while (ldap_isspace((unsigned char)*p))
			p++;
		if (*p != '-')
			break;
		p++;
		if (ldap_flag(m, lp, &p) < 0) {
			ldap_free(lp);
			return -1;
		}
	}
	if (m->keycol == NULL) {        /* "-k" at the end = empty filter: ok */
		ldap_free(lp);
		errno = 0;
		err_syserr("No filter given in map %s", m->name);
		return -1;
	}
	if (lp->host == NULL)
		lp->host = mem_strdup("localhost");
	m->priv = lp;
	return 0;
}

/* The host part of "name", "name:port" or "scheme://name:port/...". */
static char *ldap_hostpart(const char *h, int uri)
{
	const char *s = h;
	if (uri && strstr(h, "://") != NULL)
		s = strstr(h, "://") + 3;
	size_t n = strcspn(s, s[0] == '[' ? "]/" : ":/");
	if (s[0] == '[')
		return mem_strndup(s + 1, n > 0 ? n - 1 : 0);
	/* a bare IPv6 literal ("::1") has colons of its own */
	if (!uri && strchr(s, ':') != strrchr(s, ':'))
		return mem_strdup(s);
	return mem_strndup(s, n);
}

/* The errno the reference's connect attempt leaves for host. */
static int ldap_errno(const struct ldap_priv *lp)
{
	if (lp->nobind)
		return 0;
	if (lp->uri && strncasecmp(lp->host, "ldapi:", 6) == 0)
		return ENOENT;
	char *h = ldap_hostpart(lp->host, lp->uri);
	int e = ENOTCONN;
	if (strchr(h, '.') != NULL && strcasecmp(h, "localhost") != 0 &&
	    strspn(h, "0123456789.") != strlen(h) && strchr(h, ':') == NULL)
		e = EAGAIN;
	mem_free(h);
	return e;
}

static int ldap_open(struct map *m, const struct config *cf)
{
	const struct ldap_priv *lp = m->priv;
	if (!(m->flags & MF_OPTIONAL)) {
		errno = lp != NULL ? ldap_errno(lp) : ENOTCONN;
		err_syserr("ldap_init/ldap_bind failed to %s in map %s",
			   lp != NULL ? lp->host : "localhost", m->name);
	}
	return -1;
}

static char *ldap_lookup(struct map *m, const char *key, char **av,
			 int *stat, struct lookup_ctx *lc)
{
	*stat = MAPS_TEMPFAIL;
	return NULL;
}

static void ldap_close(struct map *m)
{
	ldap_free(m->priv);
	m->priv = NULL;
}

const struct map_class map_class_ldap = {
	"ldap", MCF_ALIASOK | MCF_NOTPERSIST | MCF_OWNARGS,
	ldap_parse, ldap_open, ldap_lookup, ldap_close
};
