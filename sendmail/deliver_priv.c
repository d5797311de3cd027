/* deliver_priv.c - the ONE place where the ids a mailer (or the *file*
 * writer) runs as are decided and applied: U= of the mailer, F=S (keep
 * ours), the controlling user of the recipient (qf C line
 * "user:uid:gid:ruser"), else DefaultUser. Touches process credentials
 * (in the child only) and reads the passwd database. */
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "deliver.h"
#include "recipient.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

/* Parse "user:uid:gid:ruser": 0 ok with the ids, -1 malformed. */
static int priv_ctl(const char *ctl, long *uid, long *gid, char **user)
{
	const char *p = strchr(ctl, ':');
	char *end;
	if (p == NULL)
		return -1;
	*uid = strtol(p + 1, &end, 10);
	if (*end != ':')
		return -1;
	*gid = strtol(end + 1, &end, 10);
	const char *ru = *end == ':' ? end + 1 : NULL;
	*user = ru != NULL && *ru != '\0' ? mem_strdup(ru) : mem_strndup(ctl, (size_t)(p - ctl));
	return 0;
}

/* Lookups are kept for PRIV_KEEP seconds: a queue run asks the same
 * questions for every message (and NSS modules can be slow). */
#define PRIV_KEEP 5

static struct {
	char *user;             /* NULL: looked up by uid */
	uid_t uid;
	time_t when;
	int found;
	char *home;
} priv_hc;

static void priv_home(struct deliver_cred *c)
{
	time_t now = time(NULL);
	if (priv_hc.when != 0 && now - priv_hc.when < PRIV_KEEP && priv_hc.uid == c->uid &&
	    ((c->user == NULL && priv_hc.user == NULL) ||
	     (c->user != NULL && priv_hc.user != NULL && strcmp(c->user, priv_hc.user) == 0))) {
		if (priv_hc.found)
			c->home = mem_strdup(priv_hc.home);
		return;
	}
	struct passwd *pw = c->user != NULL ? getpwnam(c->user) : getpwuid(c->uid);
	if (pw == NULL && c->user != NULL)
		pw = getpwuid(c->uid);
	mem_free(priv_hc.user);
	mem_free(priv_hc.home);
	priv_hc.user = c->user ? mem_strdup(c->user) : NULL;
	priv_hc.uid = c->uid;
	priv_hc.when = now;
	priv_hc.found = pw != NULL && pw->pw_uid == c->uid;
	priv_hc.home = priv_hc.found ? mem_strdup(pw->pw_dir) : NULL;
	if (priv_hc.found)
		c->home = mem_strdup(pw->pw_dir);
}

void deliver_priv_decide(const struct config *cf, const struct mailer *m,
			 const char *ctl, struct deliver_cred *c)
{
	long uid = -1, gid = -1;
	char *user = NULL;
	memset(c, 0, sizeof *c);
	c->uid = geteuid();
	c->gid = getegid();
	if (ctl != NULL && priv_ctl(ctl, &uid, &gid, &user) == 0 && uid != 0) {
		c->uid = (uid_t)uid;
		c->gid = (gid_t)gid;
		struct passwd *pw = getpwuid(c->uid);
		if (pw != NULL && gid == 0)     /* the reference takes the user's group */
			c->gid = pw->pw_gid;
		c->user = user;
		user = NULL;
	} else if (uid == 0) {
		c->uid = 0;
		c->gid = gid >= 0 ? (gid_t)gid : 0;
	}
	mem_free(user);
	if (geteuid() != 0 || mailer_flag(m, 'S')) {
		priv_home(c);
		return;
	}
	c->change = 1;
	if (m->uid >= 0) {
		c->uid = (uid_t)m->uid;
		c->gid = m->gid >= 0 ? (gid_t)m->gid : c->gid;
	} else if (c->uid == 0) {
		uid_t du;
		gid_t dg;
		include_defuser(cf, &du, &dg);
		c->uid = du;
		c->gid = dg;
		mem_free(c->user);
		c->user = NULL;
	}
	priv_home(c);
}

/* The supplementary groups for c, looked up before the fork: the child
 * (a vfork child sharing our memory) then only makes system calls. */
void deliver_priv_groups(const struct deliver_cred *c, struct deliver_groups *g)
{
	static char *last;      /* the last answer, kept PRIV_KEEP seconds */
	static gid_t lastgid;
	static time_t when;
	static struct deliver_groups lastg;
	g->n = 1;
	g->list[0] = c->gid;
	if (!c->change || c->user == NULL)
		return;
	time_t now = time(NULL);
	if (last != NULL && now - when < PRIV_KEEP && lastgid == c->gid && strcmp(last, c->user) == 0) {
		*g = lastg;
		return;
	}
	int n = (int)(sizeof g->list / sizeof g->list[0]);
	if (getgrouplist(c->user, c->gid, g->list, &n) >= 0)
		g->n = (size_t)n;
	else {
		g->n = 1;
		g->list[0] = c->gid;
	}
	mem_free(last);
	last = mem_strdup(c->user);
	lastgid = c->gid;
	when = now;
	lastg = *g;
}

int deliver_priv_apply(const struct deliver_cred *c, const struct deliver_groups *g)
{
	if (!c->change)
		return 0;
	if (setgroups(g->n, g->list) < 0 && setgroups(1, &c->gid) < 0)
		return -1;
	if (setgid(c->gid) < 0 || setuid(c->uid) < 0)
		return -1;
	return 0;
}

void deliver_priv_free(struct deliver_cred *c)
{
	mem_free(c->user);
	mem_free(c->home);
	c->user = c->home = NULL;
}
