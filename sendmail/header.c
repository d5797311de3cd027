/* header.c - the header list at collection time (see header.h): the
 * built-in field table, chomping message fields, the cf defaults.
 * Touches only the lists it is given. */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "header.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static const struct { const char *name; unsigned flags; } header_tab[] = {
	{ "resent-sender", HDR_FROM | HDR_RESENT }, { "resent-from", HDR_FROM | HDR_RESENT },
	{ "resent-reply-to", HDR_FROM | HDR_RESENT }, { "sender", HDR_FROM },
	{ "from", HDR_FROM }, { "reply-to", HDR_FROM }, { "errors-to", HDR_FROM },
	{ "full-name", HDR_ACHECK }, { "return-receipt-to", HDR_FROM },
	{ "delivery-receipt-to", HDR_FROM }, { "disposition-notification-to", HDR_FROM },
	{ "to", HDR_RCPT }, { "resent-to", HDR_RCPT | HDR_RESENT },
	{ "cc", HDR_RCPT }, { "resent-cc", HDR_RCPT | HDR_RESENT },
	{ "bcc", HDR_RCPT | HDR_BCC }, { "resent-bcc", HDR_RCPT | HDR_BCC | HDR_RESENT },
	{ "apparently-to", HDR_RCPT },
	{ "resent-message-id", HDR_RESENT }, { "resent-date", HDR_RESENT },
	{ "received", HDR_TRACE }, { "x400-received", HDR_TRACE }, { "via", HDR_TRACE },
	{ "mail-from", HDR_TRACE }, { "return-path", HDR_BINDLATE },
};

unsigned header_info(const char *name)
{
	for (size_t i = 0; i < sizeof header_tab / sizeof header_tab[0]; i++)
		if (strcasecmp(name, header_tab[i].name) == 0)
			return header_tab[i].flags;
	return 0;
}

void header_list_init(struct hdr_list *hl)
{
	hl->head = NULL;
	hl->tail = &hl->head;
}

static void header_free_one(struct hdr *h)
{
	mem_free(h->rawname);
	mem_free(h->name);
	mem_free(h->value);
	mem_free(h);
}

void header_list_free(struct hdr_list *hl)
{
	struct hdr *h, *n;
	for (h = hl->head; h != NULL; h = n) {
		n = h->next;
		header_free_one(h);
	}
	header_list_init(hl);
}

struct hdr *header_add(struct hdr_list *hl, const char *name, const char *value,
		       unsigned flags)
{
	struct hdr *h = mem_zalloc(sizeof *h);
	h->name = mem_strdup(name);
	h->value = mem_strdup(value);
	h->flags = flags | header_info(name);
	*hl->tail = h;
	hl->tail = &h->next;
	return h;
}

struct hdr *header_find(const struct hdr_list *hl, const char *name)
{
	for (struct hdr *h = hl->head; h != NULL; h = h->next)
		if (strcasecmp(h->name, name) == 0)
			return h;
	return NULL;
}

void header_remove(struct hdr_list *hl, struct hdr *h)
{
	struct hdr **pp;
	for (pp = &hl->head; *pp != NULL && *pp != h; pp = &(*pp)->next)
		;
	if (*pp == NULL)
		return;
	*pp = h->next;
	if (hl->tail == &h->next)
		hl->tail = pp;
	header_free_one(h);
}

static int header_has_mflags(const struct hdr_tpl *t)
{
	for (size_t i = 0; i < sizeof t->mflags; i++)
		if (t->mflags[i] != 0)
			return 1;
	return 0;
}

void header_add_defaults(struct hdr_list *hl, const struct config *cf)
{
	for (const struct hdr_tpl *t = cf->headers; t != NULL; t = t->next) {
		if (t->value == NULL)
			continue;
		struct hdr *h = header_add(hl, t->name, t->value, HDR_DEFAULT);
		h->tpl = t;
		if (header_has_mflags(t))
			h->flags |= HDR_CHECK;
	}
}

size_t header_field_len(const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && (unsigned char)line[i] > ' ' && (unsigned char)line[i] < 0177 &&
	       line[i] != ':')
		i++;
	size_t n = i;
	if (n == 0)
		return 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i < len && line[i] == ':' ? n : 0;
}

int header_chomp(struct hdr_list *hl, const char *line, size_t len)
{
	size_t n = header_field_len(line, len);
	if (n == 0)
		return -1;
	char *name = mem_strndup(line, n);
	const char *v = memchr(line, ':', len) + 1;
	char *value = mem_strndup(v, len - (size_t)(v - line));
	unsigned info = header_info(name);
	struct hdr *h, *nx;
	const struct hdr_tpl *tpl = NULL;
	for (h = hl->head; h != NULL; h = nx) {
		nx = h->next;
		if (!(h->flags & HDR_DEFAULT) || strcasecmp(h->name, name) != 0)
			continue;
		if (info & (HDR_TRACE | HDR_BINDLATE))
			continue;       /* the cf's Received / Return-Path stay too */
		if (h->flags & HDR_CHECK)
			tpl = h->tpl;
		header_remove(hl, h);
	}
	h = header_add(hl, name, value, 0);
	h->rawname = mem_strndup(line, (size_t)(v - 1 - line));
	if ((info & HDR_ACHECK) && tpl != NULL) {
		h->tpl = tpl;
		h->flags |= HDR_CHECK;
	}
	mem_free(name);
	mem_free(value);
	return 0;
}

int header_chomp_inplace(struct hdr_list *hl, const char *line, size_t len)
{
	size_t n = header_field_len(line, len);
	if (n == 0)
		return -1;
	char *name = mem_strndup(line, n);
	struct hdr *h = header_find(hl, name);
	if (h == NULL || !(h->flags & HDR_DEFAULT) ||
	    (header_info(name) & (HDR_TRACE | HDR_BINDLATE))) {
		mem_free(name);
		return header_chomp(hl, line, len);
	}
	const char *v = memchr(line, ':', len) + 1;
	mem_free(h->value);
	h->value = mem_strndup(v, len - (size_t)(v - line));
	mem_free(h->rawname);
	h->rawname = mem_strndup(line, (size_t)(v - 1 - line));
	h->flags = header_info(name) | (h->flags & HDR_CHECK);
	mem_free(name);
	return 0;
}

int header_hops(const struct hdr_list *hl)
{
	int n = 0;
	for (const struct hdr *h = hl->head; h != NULL; h = h->next)
		if ((h->flags & (HDR_TRACE | HDR_DEFAULT)) == HDR_TRACE)
			n++;
	return n;
}
