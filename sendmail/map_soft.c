/* map_soft.c - map classes backed by network services: socket (real
 * sendmail socketmap protocol over inet/inet6/local sockets) and the ones
 * we do not provide (nis, nisplus, userdb; ldap is map_ldap.c), which parse their K
 * lines and fail softly with the reference's messages.  (hesiod, netinfo,
 * ph and nsd are "not available" in the reference build: not defined.)
 * Touches only its own sockets. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "mapclass.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#define EX_UNAVAILABLE 69

/* Flags, then the required spec ("No file name ..." when missing). */
static char *soft_spec(struct map *m, const char *args)
{
	const char *rest = mapclass_flags(m, args, NULL, NULL);
	if (rest == NULL)
		return NULL;
	char *spec = mapclass_spec(m, rest);
	if (spec == NULL) {
		errno = 0;
		err_syserr("No file name for %s map %s", m->cls->name, m->name);
	}
	return spec;
}

static int soft_parse(struct map *m, const char *args)
{
	char *spec = soft_spec(m, args);
	if (spec == NULL)
		return -1;
	m->priv = spec;
	return 0;
}

static int soft_open_fail(struct map *m, const struct config *cf)
{
	return -1;
}

static char *soft_lookup(struct map *m, const char *key, char **av,
			 int *stat, struct lookup_ctx *lc)
{
	*stat = MAPS_TEMPFAIL;
	return NULL;
}

static void soft_close(struct map *m)
{
	mem_free(m->priv);
	m->priv = NULL;
}

/* nis: no NIS domain here. */
static int nis_open(struct map *m, const struct config *cf)
{
	if (!(m->flags & MF_OPTIONAL)) {
		errno = 0;
		err_syserr("451 4.3.5 NIS map %s specified, but NIS not running",
			   m->priv ? (char *)m->priv : m->name);
	}
	return -1;
}

static char *userdb_lookup(struct map *m, const char *key, char **av,
			   int *stat, struct lookup_ctx *lc)
{
	*stat = MAPS_OK;
	return NULL;
}

static int userdb_open(struct map *m, const struct config *cf)
{
	return 0;
}

/* socket: connection state in priv. */
struct sock_priv { char *spec; int fd; };

static int sock_parse(struct map *m, const char *args)
{
	char *spec = soft_spec(m, args);	/* the class name is "socket" */
	if (spec == NULL)
		return -1;
	struct sock_priv *sp = mem_zalloc(sizeof *sp);
	sp->spec = spec;
	sp->fd = -1;
	m->priv = sp;
	return 0;
}

/* "local:/path" / "unix:/path": the socket must exist. */
static int sock_local(struct map *m, const char *path)
{
	struct sockaddr_un sun;
	struct stat st;
	if (stat(path, &st) < 0 || strlen(path) >= sizeof sun.sun_path) {
		if (!(m->flags & MF_OPTIONAL))
			err_syserr("socket map \"%s\": local socket name %s unsafe",
				   m->name, path);
		return -1;
	}
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path));
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sun, sizeof sun) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* "inet:port@addr" / "inet6:port@addr" (numeric addresses). */
static int sock_inet(const char *spec, int v6)
{
	const char *at = strchr(spec, '@');
	if (at == NULL)
		return -1;
	int port = atoi(spec);
	struct sockaddr_storage ss;
	socklen_t sl;
	memset(&ss, 0, sizeof ss);
	if (v6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((unsigned short)port);
		if (inet_pton(AF_INET6, at + 1, &s6->sin6_addr) != 1)
			return -1;
		sl = sizeof *s6;
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons((unsigned short)port);
		if (inet_pton(AF_INET, at + 1, &s4->sin_addr) != 1)
			return -1;
		sl = sizeof *s4;
	}
	int fd = socket(ss.ss_family, SOCK_STREAM, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&ss, sl) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static int sock_open(struct map *m, const struct config *cf)
{
	struct sock_priv *sp = m->priv;
	if (sp == NULL)
		return -1;
	if (sp->fd >= 0)
		return 0;
	const char *s = sp->spec;
	if (strncasecmp(s, "local:", 6) == 0 || strncasecmp(s, "unix:", 5) == 0)
		sp->fd = sock_local(m, strchr(s, ':') + 1);
	else if (strncasecmp(s, "inet:", 5) == 0)
		sp->fd = sock_inet(s + 5, 0);
	else if (strncasecmp(s, "inet6:", 6) == 0)
		sp->fd = sock_inet(s + 6, 1);
	return sp->fd >= 0 ? 0 : -1;
}

/* Read one netstring "<len>:<data>," into b; -1 on error. */
static int sock_read_netstring(int fd, struct str *b)
{
	char c;
	size_t len = 0;
	for (;;) {
		if (read(fd, &c, 1) != 1) return -1;
		if (c == ':') break;
		if (c < '0' || c > '9' || len > 100000) return -1;
		len = len * 10 + (size_t)(c - '0');
	}
	while (b->len < len) {
		char buf[512];
		size_t want = len - b->len < sizeof buf ? len - b->len : sizeof buf;
		ssize_t n = read(fd, buf, want);
		if (n <= 0) return -1;
		str_addn(b, buf, (size_t)n);
	}
	return read(fd, &c, 1) == 1 && c == ',' ? 0 : -1;
}

/* Send "<len>:<map> <key>," and map the reply status. */
static char *sock_lookup(struct map *m, const char *key, char **av,
			 int *stat, struct lookup_ctx *lc)
{
	struct sock_priv *sp = m->priv;
	struct str q, r;
	char *val = NULL;

	*stat = MAPS_TEMPFAIL;
	if (sp == NULL || (sp->fd < 0 && sock_open(m, NULL) < 0))
		return NULL;
	str_init(&q, 0);
	str_printf(&q, "%zu:%s %s,", strlen(m->name) + 1 + strlen(key), m->name, key);
	str_init(&r, 0);
	if (write(sp->fd, q.s, q.len) != (ssize_t)q.len ||
	    sock_read_netstring(sp->fd, &r) < 0) {
		close(sp->fd);
		sp->fd = -1;
	} else if (strncmp(r.s, "OK", 2) == 0 && (r.s[2] == ' ' || r.s[2] == '\0')) {
		*stat = MAPS_OK;
		val = mapclass_result(m, r.s[2] ? r.s + 3 : "", key, av);
	} else if (strncmp(r.s, "NOTFOUND", 8) == 0) {
		*stat = MAPS_OK;
	} else if (strncmp(r.s, "PERM", 4) == 0) {
		*stat = EX_UNAVAILABLE;
	}
	str_free(&q);
	str_free(&r);
	return val;
}

static void sock_close(struct map *m)
{
	struct sock_priv *sp = m->priv;
	if (sp != NULL) {
		if (sp->fd >= 0)
			close(sp->fd);
		mem_free(sp->spec);
		mem_free(sp);
		m->priv = NULL;
	}
}

const struct map_class map_class_socket = {
	"socket", MCF_ALIASOK | MCF_NOREWRITE,
	sock_parse, sock_open, sock_lookup, sock_close
};

const struct map_class map_class_nis = {
	"nis", MCF_ALIASOK, soft_parse, nis_open, soft_lookup, soft_close
};
const struct map_class map_class_nisplus = {
	"nisplus", MCF_ALIASOK, soft_parse, soft_open_fail, soft_lookup, soft_close
};
const struct map_class map_class_userdb = {
	"userdb", 0, soft_parse, userdb_open, userdb_lookup, soft_close
};
