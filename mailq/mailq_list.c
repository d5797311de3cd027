/* mailq_list.c - list one queue directory the way sendmail -bp does:
 * gather control files (qf, hf with -qQ, Qf with -qL), filter (-qI -qR
 * -qS -qQ), sort (QueueSortOrder), print each job from its qf lines.
 * Reads the queue directory only (read locks are tests, never kept).
 * Large queues are read by two threads (each job's qf read and df stat
 * are independent); filtering and printing stay in directory order. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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


struct mq_dir {
	const char *dir;
	struct str qfdir, dfdir, path;
	unsigned subdirs;
	int qfd, dfd;      /* descriptors of the qf and df directories */
	long nlocked;      /* -1: test each qf with flock */
	unsigned long *locked;  /* inodes with an exclusive flock */
};

/* Read the whole qf and test its lock; fills j. */
static void mq_load(struct mq_dir *d, struct mq_job *j, unsigned long ino)
{
	char chunk[8192];
	struct str b;
	ssize_t n;
	int fd = openat(d->qfd, j->name, O_RDONLY);
	if (fd < 0) {
		j->err = errno;
		return;
	}
	if (d->nlocked >= 0)
		j->lock = qf_lock_scan_has(d->locked, d->nlocked, ino);
	else
		j->lock = qf_lock(fd, 0, 0) == 1;  /* close() drops ours */
	n = read(fd, chunk, sizeof(chunk));
	if (n >= 0 && (size_t)n < sizeof(chunk)) {
		j->len = (size_t)n;
		j->data = mem_strndup(chunk, j->len);
	} else {
		str_init(&b, 0);
		if (n > 0)
			str_addn(&b, chunk, (size_t)n);
		while ((n = read(fd, chunk, sizeof(chunk))) > 0)
			str_addn(&b, chunk, (size_t)n);
		j->len = b.len;
		j->data = str_steal(&b);
	}
	close(fd);
	if (j->len > 0 && d->dfd >= 0) {
		char dfname[300];
		struct stat sb;
		snprintf(dfname, sizeof(dfname), "df%s", j->name + 2);
		j->dfdone = 1;
		j->dfsize = fstatat(d->dfd, dfname, &sb, 0) == 0 ? (long)sb.st_size : -1;
		j->dferr = j->dfsize < 0 ? errno : 0;
	}
	for (const char *p = j->data; p != NULL && *p != '\0'; ) {
		if (*p == 'P')
			j->pri = strtol(p + 1, NULL, 10);
		else if (*p == 'T')
			j->ctime = strtol(p + 1, NULL, 10);
		else if (*p == 'S' || *p == '.')
			break;     /* P and T come before S */
		p = strchr(p, '\n');
		p = p != NULL ? p + 1 : NULL;
	}
}

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
static int mq_line_match(const struct mq_job *j, char c, const char *text)
{
	const char *p = j->data;
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
static int mq_wanted(const struct mq_opts *o, const struct mq_job *j)
{
	static const char letters[] = "IRSQ";
	for (const char *l = letters; *l != '\0'; l++) {
		int have = 0, any = 0;
		for (int i = 0; i < o->nfilters; i++) {
			const struct mq_filter *f = &o->filters[i];
			int m;
			if (f->letter != *l)
				continue;
			have = 1;
			if (*l == 'I')
				m = strstr(j->name + 2, f->text) != NULL;
			else if (j->data == NULL)
				m = 0;
			else
				m = mq_line_match(j, *l == 'Q' ? 'q' : *l, f->text);
			any |= f->negate ? !m : m;
		}
		if (have && !any)
			return 0;
	}
	return 1;
}

static int mq_cmp_pri(const void *a, const void *b)
{
	const struct mq_job *x = a, *y = b;
	return x->pri == y->pri ? 0 : x->pri > y->pri ? 1 : -1;
}

static int mq_cmp_name(const void *a, const void *b)
{
	const struct mq_job *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static int mq_cmp_time(const void *a, const void *b)
{
	const struct mq_job *x = a, *y = b;
	return x->ctime == y->ctime ? 0 : x->ctime > y->ctime ? 1 : -1;
}

/* Gather the jobs of d (readdir order); returns the array, *n its size. */
struct mq_part {
	struct mq_dir *d;
	struct mq_job *jobs;
	size_t from, to;
};

static void *mq_load_part(void *arg)
{
	struct mq_part *pt = arg;
	for (size_t i = pt->from; i < pt->to; i++)
		mq_load(pt->d, &pt->jobs[i], pt->jobs[i].ino);
	return NULL;
}

/* Load every job; the second half in a thread when there are many. */
static void mq_load_all(struct mq_dir *d, struct mq_job *jobs, size_t n)
{
	struct mq_part a = { d, jobs, 0, n }, b = { d, jobs, n / 2, n };
	pthread_t t;
	if (n >= 512 && pthread_create(&t, NULL, mq_load_part, &b) == 0) {
		a.to = n / 2;
		mq_load_part(&a);
		pthread_join(t, NULL);
	} else
		mq_load_part(&a);
}

/* The control files of the directory (names and inodes, directory order). */
static struct mq_job *mq_names(const struct mq_opts *o, DIR *dp, size_t *n)
{
	char pfx0 = o->quarantine ? 'h' : o->lost ? 'Q' : 'q';
	size_t cap = 64;
	struct mq_job *jobs = mem_array(cap, sizeof(*jobs));
	struct dirent *de;
	*n = 0;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] != pfx0 || de->d_name[1] != 'f' || de->d_name[2] == '\0' ||
		    strlen(de->d_name) >= 256)
			continue;
		if (*n == cap)
			jobs = mem_realloc(jobs, (cap *= 2) * sizeof(*jobs));
		memset(&jobs[*n], 0, sizeof(*jobs));
		jobs[*n].name = mem_strdup(de->d_name);
		jobs[*n].pri = 0x7fffffff;     /* jobs in creation sort last */
		jobs[*n].ino = (unsigned long)de->d_ino;
		(*n)++;
	}
	return jobs;
}

static struct mq_job *mq_gather(const struct mq_opts *o, struct mq_dir *d, size_t *n,
				 size_t *total)
{
	DIR *dp = opendir(d->qfdir.s);
	struct stat st;
	size_t all, k = 0;
	*n = *total = 0;
	d->nlocked = -1;
	d->locked = NULL;
	if (dp == NULL)
		return mem_array(1, sizeof(struct mq_job));
	d->qfd = dirfd(dp);
	if (fstat(d->qfd, &st) == 0)
		d->nlocked = qf_lock_scan(major(st.st_dev), minor(st.st_dev), &d->locked);
	struct mq_job *jobs = mq_names(o, dp, &all);
	mq_load_all(d, jobs, all);
	closedir(dp);
	for (size_t i = 0; i < all; i++) {
		/* like sendmail, only the first MaxQueueRunSize wanted jobs
		 * (directory order) are kept; sorting happens afterwards */
		int keep = mq_wanted(o, &jobs[i]);
		if (keep)
			(*total)++;
		if (keep && (o->maxrun <= 0 || k < (size_t)o->maxrun)) {
			jobs[k++] = jobs[i];
			continue;
		}
		mem_free(jobs[i].name);
		mem_free(jobs[i].data);
	}
	*n = k;
	return jobs;
}

long mailq_list_dir(const struct mq_opts *o, const char *dir, FILE *out)
{
	struct mq_dir d;
	struct mq_job *jobs;
	size_t n, total;
	const char *name = dir;
	d.dir = dir;
	d.subdirs = qf_path_subdirs(dir);
	str_init(&d.qfdir, 0);
	str_init(&d.dfdir, 0);
	qf_path_dir(&d.qfdir, dir, d.subdirs, 'q');
	/* the reference shows a queue with a df/ subdirectory as "<dir>/df" */
	if (d.subdirs & QF_SUB_DF)
		name = qf_path_dir(&d.dfdir, dir, d.subdirs, 'd');
	str_init(&d.path, 0);
	d.dfd = open(qf_path_dir(&d.path, dir, d.subdirs, 'd'), O_RDONLY | O_DIRECTORY);
	jobs = mq_gather(o, &d, &n, &total);
	if (o->sortorder == 'f')
		qsort(jobs, n, sizeof(*jobs), mq_cmp_name);
	else if (o->sortorder == 't')
		qsort(jobs, n, sizeof(*jobs), mq_cmp_time);
	else if (o->sortorder != 'n' && o->sortorder != 'r')
		qsort(jobs, n, sizeof(*jobs), mq_cmp_pri);
	if (total == 0) {
		fprintf(out, "%s is empty\n", name);
	} else {
		fprintf(out, "\t\t%s (%zu request%s", name, total, total == 1 ? "" : "s");
		if (n < total)
			fprintf(out, ", only %zu printed", n);
		fprintf(out, ")\n%s\n", o->verbose ?
			"-----Q-ID----- --Size-- -Priority- ---Q-Time--- --------Sender/Recipient--------" :
			"-----Q-ID----- --Size-- -----Q-Time----- ------------Sender/Recipient-----------");
		for (size_t i = 0; i < n; i++) {
			mailq_print_job(o, d.dfd, (d.subdirs & QF_SUB_DF) ? "df/" : "./",
					&jobs[i], out);
		}
	}
	for (size_t i = 0; i < n; i++) {
		mem_free(jobs[i].name);
		mem_free(jobs[i].data);
	}
	mem_free(jobs);
	if (d.dfd >= 0)
		close(d.dfd);
	mem_free(d.locked);
	str_free(&d.qfdir);
	str_free(&d.dfdir);
	str_free(&d.path);
	return (long)total;
}
