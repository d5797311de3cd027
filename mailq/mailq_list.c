/* mailq_list.c - list one queue directory the way sendmail -bp does:
 * gather control files (qf, hf with -qQ, Qf with -qL), filter (-qI -qR
 * -qS -qQ), sort (QueueSortOrder), print each job from its qf lines.
 * Reads the queue directory only (read locks are tests, never kept).
 * A pipeline: this thread reads the directory and hands the names out in
 * blocks; each job is read, filtered and formatted by whichever worker
 * takes its block (a few threads once the queue is big: each qf read, df
 * stat and entry is independent, and threads overlap a cold queue's disk
 * reads); only the formatted entries are kept, then sorted and written out
 * in large writes. Filtering and MaxQueueRunSize stay in directory order. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "mailq.h"
#include "libsmutil/mem.h"
#include "libsmutil/qf.h"
#include "libsmutil/str.h"
#include "libsmutil/poison.h"

#define MQ_WORKERS 4       /* threads beside this one (fewer CPUs: still 4, for I/O) */
#define MQ_MAXWORKERS 8    /* ... and at most one per CPU beyond that */
#define MQ_BLK 64          /* jobs per block handed to a worker */
#define MQ_RAMP 4          /* one more thread every MQ_RAMP blocks read */
#define MQ_OUTBLK 65536    /* output is written in blocks of this size */

struct mq_dir {
	struct str qfdir, dfdir, path;
	unsigned subdirs;
	int qfd, dfd;      /* descriptors of the qf and df directories */
	long nlocked;      /* -1: test each qf with flock */
	unsigned long *locked;  /* inodes with an exclusive flock */
};

struct mq_job {
	union {
		const char *name;   /* qf<ID> in its block's names, until loaded */
		const char *out;    /* then its packed entry (a worker's arena),
		                       followed by the name to sort by name */
	} p;
	union {
		unsigned long ino;  /* directory entry's inode, until loaded */
		long key;           /* then the sort key: priority or creation time */
	} u;
	unsigned seq;      /* position in the directory */
	unsigned olen;     /* length of the packed entry; 0: not wanted */
};

/* Jobs in directory order, MQ_BLK per block, with their names (freed once
 * the block is loaded). */
struct mq_blk {
	struct mq_blk *next;
	size_t n;
	char *names;
	struct mq_job jobs[MQ_BLK];
};

/* Shared by the reader and the workers (under mu): published blocks, the
 * next one to take, whether the directory has been read entirely. */
struct mq_ctx {
	const struct mq_opts *o;
	const struct mq_dir *d;
	const char *dfshow;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct mq_blk *head, *tail, *take;
	int done;
};

struct mq_worker {
	struct mq_ctx *c;
	struct arena *out;      /* the entries this worker formatted */
	struct str fmt;         /* the entry being formatted */
	char *rbuf;             /* the qf being read */
	size_t rcap;
	struct mq_tcache tc;
	int qfd, dfd;           /* its own descriptors of the directories, or -1 */
};

/* Case-insensitive substring. */
static int mq_contains(const char *hay, size_t hlen, const char *needle, int icase)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= hlen; i++)
		if ((icase ? strncasecmp(hay + i, needle, n) : strncmp(hay + i, needle, n)) == 0)
			return 1;
	return 0;
}

/* Does any line with code c (value after skip) contain text? */
static int mq_line_match(const struct mq_src *s, char c, const char *text)
{
	const char *p = s->data;
	while (p != NULL && *p != '\0') {
		const char *e = strchr(p, '\n');
		size_t l = e != NULL ? (size_t)(e - p) : strlen(p);
		if (*p == c && l > 0) {
			const char *v = p + 1;
			if (c == 'R') {
				const char *colon = memchr(v, ':', l - 1);
				v = colon != NULL ? colon + 1 : v;
			}
			if (mq_contains(v, l - (size_t)(v - p), text, 1))
				return 1;
		}
		p = e != NULL ? e + 1 : NULL;
	}
	return 0;
}

/* Filters: same letter OR-ed, different letters AND-ed. */
static int mq_wanted(const struct mq_opts *o, const struct mq_src *s)
{
	static const char letters[] = "IRSQ";
	for (const char *l = letters; *l != '\0' && o->nfilters > 0; l++) {
		int have = 0, any = 0;
		for (int i = 0; i < o->nfilters; i++) {
			const struct mq_filter *f = &o->filters[i];
			int m;
			if (f->letter != *l)
				continue;
			have = 1;
			if (*l == 'I')
				m = strstr(s->name + 2, f->text) != NULL;
			else if (s->data == NULL)
				m = 0;
			else
				m = mq_line_match(s, *l == 'Q' ? 'q' : *l, f->text);
			any |= f->negate ? !m : m;
		}
		if (have && !any)
			return 0;
	}
	return 1;
}

/* Read the whole qf into w->rbuf (NUL-terminated); returns its length.
 * A short read of a regular file is its end. */
static size_t mq_read(struct mq_worker *w, int fd)
{
	size_t len = 0;
	for (;;) {
		if (w->rcap - len < 4097) {
			w->rcap *= 2;
			w->rbuf = mem_realloc(w->rbuf, w->rcap);
		}
		size_t room = w->rcap - len - 1;
		ssize_t n = read(fd, w->rbuf + len, room);
		if (n <= 0)
			break;
		len += (size_t)n;
		if ((size_t)n < room)
			break;
	}
	w->rbuf[len] = '\0';
	return len;
}

/* The sort keys: the P and T lines (they come before S). */
static void mq_keys(const char *p, long *pri, long *ctime)
{
	while (*p != '\0') {
		if (*p == 'P')
			*pri = mailq_atol(p + 1);
		else if (*p == 'T')
			*ctime = mailq_atol(p + 1);
		else if (*p == 'S' || *p == '.')
			break;
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		p++;
	}
}

/* The df's size (-1 and errno in *err if it cannot be stat'ed). */
static long mq_dfsize(const struct mq_worker *w, const char *name, int *err)
{
	char dfname[260];   /* names are < 256 bytes */
	struct stat sb;
	int dfd = w->dfd >= 0 ? w->dfd : w->c->d->dfd;
	dfname[0] = 'd';
	memcpy(dfname + 1, name + 1, strlen(name + 1) + 1);
	if (fstatat(dfd, dfname, &sb, 0) == 0)
		return (long)sb.st_size;
	*err = errno;
	return -1;
}

/* Read, test the lock of, filter and format one job. */
static void mq_load(struct mq_worker *w, struct mq_job *j)
{
	const struct mq_dir *d = w->c->d;
	const struct mq_opts *o = w->c->o;
	const char *name = j->p.name;
	struct mq_src s = { .name = name, .dfsize = -1 };
	long pri = 0x7fffffff, ctime = 0;      /* jobs in creation sort last */
	int fd = openat(w->qfd >= 0 ? w->qfd : d->qfd, name, O_RDONLY);
	if (fd < 0) {
		s.err = errno;
	} else {
		if (d->nlocked >= 0)
			s.lock = qf_lock_scan_has(d->locked, d->nlocked, j->u.ino);
		else
			s.lock = qf_lock(fd, 0, 0) == 1;  /* close() drops ours */
		s.len = mq_read(w, fd);
		s.data = w->rbuf;
		close(fd);
		if (s.len > 0)
			s.dfsize = mq_dfsize(w, name, &s.dferr);
		mq_keys(s.data, &pri, &ctime);
	}
	j->u.key = o->sortorder == 't' ? ctime : pri;
	j->p.out = NULL;
	j->olen = 0;
	if (mq_wanted(o, &s)) {
		str_clear(&w->fmt);
		mailq_format_job(o, w->c->dfshow, &s, &w->tc, &w->fmt);
		size_t nl = o->sortorder == 'f' ? strlen(name) + 1 : 0;
		char *p = arena_alloc_packed(w->out, w->fmt.len + nl);
		memcpy(p, w->fmt.s, w->fmt.len);
		memcpy(p + w->fmt.len, name, nl);
		j->p.out = p;
		j->olen = (unsigned)w->fmt.len;   /* never 0; an entry is far below 4 GB */
	}
}

/* The next published block nobody took yet; NULL once the directory is
 * read and every block taken. */
static struct mq_blk *mq_take(struct mq_ctx *c)
{
	struct mq_blk *b;
	pthread_mutex_lock(&c->mu);
	while (c->take == NULL && !c->done)
		pthread_cond_wait(&c->cv, &c->mu);
	b = c->take;
	if (b != NULL)
		c->take = b->next;
	pthread_mutex_unlock(&c->mu);
	return b;
}

static void *mq_work(void *arg)
{
	struct mq_worker *w = arg;
	struct mq_blk *b;
	while ((b = mq_take(w->c)) != NULL) {
		for (size_t i = 0; i < b->n; i++)
			mq_load(w, &b->jobs[i]);
		mem_free(b->names);   /* not needed any more */
		b->names = NULL;
	}
	return NULL;
}

/* Hand the block b (names in nm, at the offsets off) to the workers. */
static void mq_publish(struct mq_ctx *c, struct mq_blk *b, struct str *nm, const size_t *off)
{
	b->names = str_steal(nm);
	for (size_t i = 0; i < b->n; i++)
		b->jobs[i].p.name = b->names + off[i];
	pthread_mutex_lock(&c->mu);
	if (c->tail != NULL)
		c->tail->next = b;
	else
		c->head = b;
	c->tail = b;
	if (c->take == NULL)
		c->take = b;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

/* The worker pool: w[0] is this thread; w[1..] start while the directory
 * is read, one per MQ_RAMP blocks (a small queue needs none). */
struct mq_pool {
	struct mq_worker w[MQ_MAXWORKERS + 1];
	pthread_t t[MQ_MAXWORKERS + 1];
	int nw, max;
};

/* A worker opens the directories again: threads sharing one descriptor
 * would all count references on its one open file (a contended line). */
static void mq_worker_init(struct mq_ctx *c, struct mq_worker *w, int own)
{
	const struct mq_dir *d = c->d;
	memset(w, 0, sizeof(*w));
	w->c = c;
	w->out = arena_new(64 * 1024);
	str_init(&w->fmt, 0);
	w->rcap = 16384;
	w->rbuf = mem_alloc(w->rcap);
	w->qfd = own ? open(d->qfdir.s, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	w->dfd = own && d->dfd >= 0 ? open(d->path.s, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
}

/* Close what mq_worker_init opened (the entries stay). */
static void mq_worker_done(struct mq_worker *w)
{
	str_free(&w->fmt);
	mem_free(w->rbuf);
	if (w->qfd >= 0)
		close(w->qfd);
	if (w->dfd >= 0)
		close(w->dfd);
}

static void mq_pool_grow(struct mq_ctx *c, struct mq_pool *p)
{
	struct mq_worker *w;
	if (p->nw > p->max)
		return;
	w = &p->w[p->nw];
	mq_worker_init(c, w, 1);
	if (pthread_create(&p->t[p->nw], NULL, mq_work, w) == 0) {
		p->nw++;
	} else {
		mq_worker_done(w);
		arena_free(w->out);
		p->max = 0;       /* no more tries */
	}
}

/* Read the control file names (directory order) into blocks handed to
 * the workers; returns how many. */
static size_t mq_names(struct mq_ctx *c, DIR *dp, struct mq_pool *p)
{
	char pfx0 = c->o->quarantine ? 'h' : c->o->lost ? 'Q' : 'q';
	struct mq_blk *b = NULL;
	struct dirent *de;
	struct str nm;
	size_t n = 0, nblk = 0, off[MQ_BLK];
	str_init(&nm, 0);
	while ((de = readdir(dp)) != NULL) {
		size_t l;
		if (de->d_name[0] != pfx0 || de->d_name[1] != 'f' || de->d_name[2] == '\0' ||
		    (l = strlen(de->d_name)) >= 256)
			continue;
		if (b == NULL) {
			b = mem_alloc(sizeof(*b));
			b->next = NULL;
			b->n = 0;
			str_clear(&nm);
		}
		struct mq_job *j = &b->jobs[b->n];
		off[b->n++] = nm.len;
		str_addn(&nm, de->d_name, l + 1);
		memset(j, 0, sizeof(*j));
		j->u.ino = (unsigned long)de->d_ino;
		j->seq = (unsigned)n++;
		if (b->n == MQ_BLK) {
			mq_publish(c, b, &nm, off);
			b = NULL;
			if (++nblk % MQ_RAMP == 0)
				mq_pool_grow(c, p);
		}
	}
	if (b != NULL)
		mq_publish(c, b, &nm, off);
	str_free(&nm);
	pthread_mutex_lock(&c->mu);
	c->done = 1;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
	return n;
}

/* Read the directory and load its jobs (this thread joins the workers once
 * the names are read); returns the jobs kept, in directory order: the
 * wanted ones, only the first MaxQueueRunSize like sendmail (sorting comes
 * after); *n how many are kept, *total how many are wanted. */
static struct mq_job **mq_gather(struct mq_ctx *c, struct mq_dir *d, struct mq_pool *p,
				 size_t *n, size_t *total)
{
	DIR *dp = opendir(d->qfdir.s);
	struct stat st;
	struct mq_job **kept;
	size_t all = 0, k = 0;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	*total = 0;
	d->nlocked = -1;
	d->locked = NULL;
	p->max = cpus < MQ_WORKERS ? MQ_WORKERS : cpus > MQ_MAXWORKERS ? MQ_MAXWORKERS : (int)cpus;
	mq_worker_init(c, &p->w[0], 0);
	p->nw = 1;
	if (dp != NULL) {
		d->qfd = dirfd(dp);
		if (fstat(d->qfd, &st) == 0)
			d->nlocked = qf_lock_scan(major(st.st_dev), minor(st.st_dev), &d->locked);
		all = mq_names(c, dp, p);
		mq_work(&p->w[0]);
		for (int i = 1; i < p->nw; i++)
			pthread_join(p->t[i], NULL);
		closedir(dp);
	}
	for (int i = 0; i < p->nw; i++)
		mq_worker_done(&p->w[i]);
	kept = mem_array(all + 1, sizeof(*kept));
	for (struct mq_blk *b = c->head; b != NULL; b = b->next)
		for (size_t i = 0; i < b->n; i++) {
			if (b->jobs[i].olen == 0)
				continue;
			(*total)++;
			if (c->o->maxrun <= 0 || k < (size_t)c->o->maxrun)
				kept[k++] = &b->jobs[i];
		}
	*n = k;
	return kept;
}

/* Jobs are visited in sorted, i.e. random, order: ask for a[i] early. */
#define MQ_PREFETCH(a, i, n) do { if ((i) < (n)) __builtin_prefetch((a)[i]); } while (0)

/* Sort jobs (in directory order) by key, stably: an LSD radix sort over
 * the bytes in which the keys differ; tmp has room for n. */
static void mq_sort_key(struct mq_job **a, struct mq_job **tmp, size_t n)
{
	const unsigned long sign = (unsigned long)LONG_MIN;  /* signed order as unsigned */
	unsigned long diff = 0, first;
	struct mq_job **from = a, **to = tmp, **t;
	size_t cnt[257];
	if (n < 2)
		return;
	first = (unsigned long)a[0]->u.key ^ sign;
	for (size_t i = 1; i < n; i++)
		diff |= ((unsigned long)a[i]->u.key ^ sign) ^ first;
	for (int sh = 0; sh < (int)sizeof(long) * 8; sh += 8) {
		if (((diff >> sh) & 0xff) == 0)
			continue;
		memset(cnt, 0, sizeof(cnt));
		for (size_t i = 0; i < n; i++) {
			MQ_PREFETCH(from, i + 16, n);
			cnt[((((unsigned long)from[i]->u.key ^ sign) >> sh) & 0xff) + 1]++;
		}
		for (int b = 0; b < 256; b++)
			cnt[b + 1] += cnt[b];
		for (size_t i = 0; i < n; i++) {
			MQ_PREFETCH(from, i + 16, n);
			to[cnt[(((unsigned long)from[i]->u.key ^ sign) >> sh) & 0xff]++] = from[i];
		}
		t = from;
		from = to;
		to = t;
	}
	if (from != a)
		memcpy(a, from, n * sizeof(*a));
}

static int mq_cmp_name(const void *a, const void *b)
{
	const struct mq_job *x = *(struct mq_job *const *)a, *y = *(struct mq_job *const *)b;
	int r = strcmp(x->p.out + x->olen, y->p.out + y->olen);   /* the names */
	return r != 0 ? r : x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The entries in QueueSortOrder, written in MQ_OUTBLK blocks. */
static void mq_print(const struct mq_opts *o, struct mq_job **jobs, size_t n, FILE *out)
{
	struct mq_obuf ob = { .b = mem_alloc(MQ_OUTBLK), .cap = MQ_OUTBLK, .fp = out };
	if (o->sortorder == 'f') {
		qsort(jobs, n, sizeof(*jobs), mq_cmp_name);
	} else if (o->sortorder != 'n' && o->sortorder != 'r') {
		struct mq_job **tmp = mem_array(n + 1, sizeof(*tmp));
		mq_sort_key(jobs, tmp, n);
		mem_free(tmp);
	}
	for (size_t i = 0; i < n; i++) {
		MQ_PREFETCH(jobs, i + 16, n);
		if (i + 8 < n)
			__builtin_prefetch(jobs[i + 8]->p.out);
		mailq_unpack(jobs[i]->p.out, jobs[i]->olen, &ob);
	}
	mailq_oflush(&ob);
	mem_free(ob.b);
}

static void mq_header(const struct mq_opts *o, const char *name, size_t n, size_t total,
		      FILE *out)
{
	if (total == 0) {
		fprintf(out, "%s is empty\n", name);
		return;
	}
	fprintf(out, "\t\t%s (%zu request%s", name, total, total == 1 ? "" : "s");
	if (n < total)
		fprintf(out, ", only %zu printed", n);
	fprintf(out, ")\n%s\n", o->verbose ?
		"-----Q-ID----- --Size-- -Priority- ---Q-Time--- --------Sender/Recipient--------" :
		"-----Q-ID----- --Size-- -----Q-Time----- ------------Sender/Recipient-----------");
}

long mailq_list_dir(const struct mq_opts *o, const char *dir, FILE *out)
{
	struct mq_dir d;
	struct mq_ctx c;
	struct mq_pool *p = mem_alloc(sizeof(*p));
	struct mq_job **jobs;
	size_t n, total;
	const char *name = dir;
	memset(&c, 0, sizeof(c));
	pthread_mutex_init(&c.mu, NULL);
	pthread_cond_init(&c.cv, NULL);
	c.o = o;
	c.d = &d;
	d.subdirs = qf_path_subdirs(dir);
	/* the reference shows a queue with a df/ subdirectory as "<dir>/df" */
	c.dfshow = (d.subdirs & QF_SUB_DF) ? "df/" : "./";
	str_init(&d.qfdir, 0);
	str_init(&d.dfdir, 0);
	qf_path_dir(&d.qfdir, dir, d.subdirs, 'q');
	if (d.subdirs & QF_SUB_DF)
		name = qf_path_dir(&d.dfdir, dir, d.subdirs, 'd');
	str_init(&d.path, 0);
	d.dfd = open(qf_path_dir(&d.path, dir, d.subdirs, 'd'), O_RDONLY | O_DIRECTORY);
	jobs = mq_gather(&c, &d, p, &n, &total);
	mq_header(o, name, n, total, out);
	mq_print(o, jobs, n, out);
	mem_free(jobs);
	for (int i = 0; i < p->nw; i++)
		arena_free(p->w[i].out);
	mem_free(p);
	for (struct mq_blk *b = c.head, *next; b != NULL; b = next) {
		next = b->next;
		mem_free(b->names);
		mem_free(b);
	}
	pthread_mutex_destroy(&c.mu);
	pthread_cond_destroy(&c.cv);
	if (d.dfd >= 0)
		close(d.dfd);
	mem_free(d.locked);
	str_free(&d.qfdir);
	str_free(&d.dfdir);
	str_free(&d.path);
	return (long)total;
}
