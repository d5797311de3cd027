/* hoststat.c - persistent host status files: host -> path mapping, the
 * record reader/writer, flock locks, and the tree walk used by hoststat
 * (-bh) and purgestat (-bH). Touches only files below the directory it is
 * given. Texts (errno, sysexits) live in hoststat_text.c. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/file.h>
#include <sys/stat.h>
#include "hoststat.h"
#include "mem.h"
#include "poison.h"

#define HOSTSTAT_LINE 2048   /* the reference reads lines in MAXLINE chunks */

/* Strip [brackets] of an address literal; 0 if valid, -1 if not. */
static int hoststat_literal(const char *host, struct str *out)
{
	size_t n = strlen(host);
	if (n < 2 || host[n - 1] != ']')
		return -1;
	char *in = mem_strndup(host + 1, n - 2);
	struct in_addr a4;
	struct in6_addr a6;
	int ok = inet_pton(AF_INET, in, &a4) == 1 ||
		(strncasecmp(in, "IPv6:", 5) == 0 && inet_pton(AF_INET6, in + 5, &a6) == 1);
	if (ok)
		str_add(out, in);
	mem_free(in);
	return ok ? 0 : -1;
}

int hoststat_path(const char *dir, const char *host, struct str *out)
{
	struct str h;
	str_init(&h, 0);
	if (host == NULL || *host == '\0' ||
	    (host[0] == '[' ? hoststat_literal(host, &h) : str_add(&h, host)) < 0) {
		str_free(&h);
		return -1;
	}
	while (h.len > 0 && h.s[h.len - 1] == '.')
		str_truncate(&h, h.len - 1);
	if (h.len == 0 || strstr(h.s, "..") != NULL || h.s[0] == '.') {
		str_free(&h);
		return -1;
	}
	for (size_t i = 0; i < h.len; i++)
		h.s[i] = h.s[i] == '/' ? ':' : (char)tolower((unsigned char)h.s[i]);
	str_clear(out);
	str_add(out, dir);
	/* labels in reverse order; all but the first label are "label." dirs */
	size_t end = h.len;
	for (;;) {
		size_t start = end;
		while (start > 0 && h.s[start - 1] != '.')
			start--;
		str_addc(out, '/');
		str_addn(out, h.s + start, end - start);
		if (start == 0)
			break;
		str_addc(out, '.');
		end = start - 1;
	}
	str_free(&h);
	return 0;
}

static short hoststat_short(const char *p)
{
	return (short)(int)strtol(p, NULL, 10);
}

int hoststat_read(FILE *fp, struct hoststat_rec *r, const struct hoststat_rd *rd)
{
	char buf[HOSTSTAT_LINE];
	int dummy = 0, *line = rd && rd->line ? rd->line : &dummy;
	int saved = *line;
	memset(r, 0, sizeof *r);
	*line = 0;
	while (fgets(buf, sizeof buf, fp) != NULL) {
		(*line)++;
		char *nl = strchr(buf, '\n');
		if (nl != NULL)
			*nl = '\0';
		switch (buf[0]) {
		case 'V': {
			int ver = (int)strtol(buf + 1, NULL, 10);
			if (ver != 0 && rd != NULL && rd->badver != NULL)
				rd->badver(ver, rd->ctx);
			break;
		}
		case 'E': r->err = hoststat_short(buf + 1); break;
		case 'H': r->herr = hoststat_short(buf + 1); break;
		case 'S': r->exitstat = hoststat_short(buf + 1); break;
		case 'D': mem_free(r->dstatus); r->dstatus = mem_strdup(buf + 1); break;
		case 'R': mem_free(r->rstatus); r->rstatus = mem_strdup(buf + 1); break;
		case 'U': r->lastuse = strtol(buf + 1, NULL, 10); break;
		case '.': return 0;
		default:
			*line = saved;
			return -1;
		}
	}
	*line = saved;
	return ftell(fp) == 0 ? -1 : 0;   /* an empty file is unreadable */
}

void hoststat_rec_free(struct hoststat_rec *r)
{
	mem_free(r->dstatus);
	mem_free(r->rstatus);
	r->dstatus = r->rstatus = NULL;
}

int hoststat_write(FILE *fp, const struct hoststat_rec *r)
{
	rewind(fp);
	fprintf(fp, "V0\nE%d\nH%d\nS%d\n", r->err, r->herr, r->exitstat);
	if (r->dstatus != NULL)
		fprintf(fp, "D%.80s\n", r->dstatus);
	if (r->rstatus != NULL)
		fprintf(fp, "R%.80s\n", r->rstatus);
	fprintf(fp, "U%ld\n.\n", r->lastuse);
	if (fflush(fp) != 0)
		return -1;
	return ftruncate(fileno(fp), ftell(fp));
}

int hoststat_lock(int fd, int excl, int nb)
{
	int op = (excl ? LOCK_EX : LOCK_SH) | (nb ? LOCK_NB : 0);
	while (flock(fd, op) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

int hoststat_is_locked(int fd)
{
	if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
		(void)flock(fd, LOCK_UN);
		return 0;
	}
	return errno == EWOULDBLOCK;
}

int hoststat_store(const char *path, const struct hoststat_rec *r, int mode)
{
	char *p = mem_strdup(path);
	for (char *s = strchr(p + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			mem_free(p);
			return -1;
		}
		*s = '/';
	}
	mem_free(p);
	int fd = open(path, O_RDWR | O_CREAT, mode);
	if (fd < 0)
		return -1;
	FILE *fp = fdopen(fd, "r+");
	if (fp == NULL) {
		close(fd);
		return -1;
	}
	int rc = hoststat_lock(fd, 1, 0) < 0 ? -1 : hoststat_write(fp, r);
	int e = errno;
	if (fclose(fp) != 0 && rc == 0)
		rc = -1;
	else
		errno = e;
	return rc;
}

/* Host name from a file path: the last component (one trailing '.'
 * dropped), then every parent component ending in '.' (without it). */
static void hoststat_hostname(const char *path, struct str *host)
{
	const char *end = path + strlen(path) - 1;
	str_clear(host);
	do {
		if (host->len > 0)
			str_addc(host, '.');
		const char *start = end;
		while (start > path && start[-1] != '/')
			start--;
		if (*end == '.')
			end--;
		if (end >= start)
			str_addn(host, start, (size_t)(end - start + 1));
		end = start - 2;
	} while (end > path && *end == '.');
}

/* One pass over an open directory; see hoststat_traverse. */
static int hoststat_dirpass(DIR *d, struct str *np, size_t base, hoststat_action action,
			    void *ctx, int purge, int *leftone, int *removed)
{
	int ret = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		str_truncate(np, base);
		str_add(np, e->d_name);
		char *child = mem_strdup(np->s);
		ret = hoststat_traverse(child, action, ctx, purge);
		mem_free(child);
		if (ret < 0)
			break;
		if (ret == 1)
			*leftone = 1;
		if (!*removed && ret == 0 && purge)
			*removed = 1;
	}
	return ret;
}

int hoststat_traverse(const char *path, hoststat_action action, void *ctx, int purge)
{
	struct stat st;
	int ret = 0;
	if (stat(path, &st) < 0)
		return -1;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (d == NULL)
			return -1;
		struct str np;
		str_init(&np, 0);
		str_printf(&np, "%s/", path);
		size_t base = np.len;
		int leftone, removed;
		do {
			leftone = removed = 0;
			ret = hoststat_dirpass(d, &np, base, action, ctx, purge, &leftone, &removed);
			if (ret < 0)
				break;
			if (removed)
				rewinddir(d);
		} while (removed);
		if (!leftone)
			ret = action(path, NULL, ctx);
		str_free(&np);
		closedir(d);
	} else if (S_ISREG(st.st_mode)) {
		struct str host;
		str_init(&host, 0);
		hoststat_hostname(path, &host);
		ret = action(path, host.s, ctx);
		str_free(&host);
	}
	return ret;
}

int hoststat_purge_entry(const char *path, const char *host, long timeout, time_t now)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return -1;
	if (now - st.st_mtime <= timeout)
		return 1;
	if (host != NULL)
		return unlink(path) < 0 ? -1 : 0;
	size_t n = strlen(path);
	if (n == 0 || path[n - 1] != '.')
		return 1;   /* the top directory, or not a "label." directory */
	return rmdir(path) < 0 ? 1 : 0;
}
