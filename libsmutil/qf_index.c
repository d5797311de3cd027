/* qf_index.c - typed views of a qf line list (times, sender, recipients
 * with their C/Q/r/M lines, headers split into ?cond?, name and value).
 * Mail layer of libsmutil; memory only. */
#include <stdlib.h>
#include "qf.h"
#include "mem.h"
#include "poison.h"

/* Split "?cond?Name: value" (the ?cond? part optional). */
static void qf_index_header(struct qf_hdr *h, const char *raw)
{
	const char *p = raw, *c;
	h->raw = raw;
	h->cond = NULL;
	h->condlen = 0;
	if (*p == '?' && (c = strchr(p + 1, '?')) != NULL) {
		h->cond = p + 1;
		h->condlen = (size_t)(c - (p + 1));
		p = c + 1;
	}
	h->name = p;
	c = strchr(p, ':');
	h->namelen = c != NULL ? (size_t)(c - p) : strlen(p);
	h->value = c != NULL ? c + 1 : p + h->namelen;
}

static long qf_index_num(const char *v)
{
	return strtol(v, NULL, 10);
}

/* Scalar envelope lines: 1 if handled. */
static int qf_index_scalar(struct qf_env *e, const struct qf_line *l, int after_s)
{
	switch (l->code) {
	case 'V': e->version = atoi(l->val); return 1;
	case 'T': e->ctime = qf_index_num(l->val); e->has_T = 1; return 1;
	case 'K': e->dtime = qf_index_num(l->val); return 1;
	case 'N': e->ntries = qf_index_num(l->val); return 1;
	case 'P': e->prio = qf_index_num(l->val); return 1;
	case 'd': e->ddir = l->val; return 1;
	case 'I': e->inode = l->val; return 1;
	case 'B': e->bodytype = l->val; return 1;
	case 'q': e->quarmsg = l->val; return 1;
	case 'F': e->flags = l->val; return 1;
	case 'S': e->sender = l->val; return 1;
	case 'Z': e->envid = l->val; return 1;
	case 'A': e->auth = l->val; return 1;
	case '!': e->deliverby = l->val; return 1;
	case '$': e->nmacros++; return 1;
	case 'M':
		if (after_s)
			return 0;
		e->msg = l->val;
		return 1;
	}
	return 0;
}

void qf_env_index(struct qf_env *e)
{
	size_t nr = 0, nh = 0;
	const char *ctl = NULL, *orcpt = NULL, *final = NULL, *msg = NULL;
	int after_s = 0;
	for (size_t i = 0; i < e->nlines; i++) {
		nr += e->lines[i].code == 'R';
		nh += e->lines[i].code == 'H';
	}
	mem_free(e->rcpts);
	mem_free(e->hdrs);
	e->rcpts = mem_array(nr + 1, sizeof(*e->rcpts));
	e->hdrs = mem_array(nh + 1, sizeof(*e->hdrs));
	e->nrcpts = e->nhdrs = e->nmacros = 0;
	e->version = 0;
	e->ctime = e->dtime = e->ntries = e->prio = 0;
	e->has_T = 0;
	e->ddir = e->inode = e->bodytype = e->quarmsg = e->msg = e->flags = NULL;
	e->sender = e->envid = e->auth = e->deliverby = NULL;
	for (size_t i = 0; i < e->nlines; i++) {
		const struct qf_line *l = &e->lines[i];
		if (qf_index_scalar(e, l, after_s)) {
			after_s |= l->code == 'S';
			continue;
		}
		switch (l->code) {
		case 'C': ctl = l->len > 0 ? l->val : NULL; break;
		case 'Q': orcpt = l->val; break;
		case 'r': final = l->val; break;
		case 'M': msg = l->val; break;
		case 'H': qf_index_header(&e->hdrs[e->nhdrs++], l->val); break;
		case 'R': {
			struct qf_rcpt *r = &e->rcpts[e->nrcpts++];
			const char *c = strchr(l->val, ':');
			r->flags = c != NULL ? l->val : "";
			r->flen = c != NULL ? (size_t)(c - l->val) : 0;
			r->addr = c != NULL ? c + 1 : l->val;
			r->ctl = ctl;
			r->orcpt = orcpt;
			r->final = final;
			r->msg = msg;
			r->line = i;
			orcpt = final = msg = NULL;
			break;
		}
		}
	}
}
