/* header.h - the in-memory header list of a message at collection time
 * (sendmail's e_header): the cf's H templates first (flagged DEFAULT,
 * expanded when the qf is written), then the message's own fields in
 * input order. A field of the message drops the cf default of the same
 * name. Knows sendmail's built-in header semantics (recipient, trace,
 * resent, originator fields). Owner: header*.c (used by submit*.c). */
#ifndef SM_HEADER_H
#define SM_HEADER_H
#include <stddef.h>
#include "config.h"
#include "../libsmutil/str.h"

/* semantic flags (sendmail's H_*) */
#define HDR_DEFAULT 0x0001   /* cf template, not yet expanded */
#define HDR_RCPT    0x0002   /* holds recipients (To Cc Bcc ...) */
#define HDR_TRACE   0x0004   /* counts as a hop (Received ...) */
#define HDR_RESENT  0x0008   /* Resent-* */
#define HDR_FROM    0x0010   /* originator field */
#define HDR_BCC     0x0020   /* Bcc / Resent-Bcc */
#define HDR_BINDLATE 0x0040  /* macros bound at delivery (Return-Path) */
#define HDR_CHECK   0x0080   /* cf ?flags? condition (kept in the qf) */
#define HDR_ACHECK  0x0100   /* a message field that keeps the cf's ?flags? */

struct hdr {
	char *name;
	char *rawname;           /* message fields: the text before ':' as typed */
	char *value;             /* after "name:" as stored (leading space
	                          * kept, continuation lines joined by '\n') */
	unsigned flags;          /* HDR_* */
	const struct hdr_tpl *tpl; /* the cf template (DEFAULT ones) */
	struct hdr *next;
};

struct hdr_list {
	struct hdr *head;
	struct hdr **tail;
};

void header_list_init(struct hdr_list *hl);
void header_list_free(struct hdr_list *hl);
/* The built-in semantic flags of a field name (HDR_* without DEFAULT). */
unsigned header_info(const char *name);
/* Append a field (copies); returns it. */
struct hdr *header_add(struct hdr_list *hl, const char *name, const char *value,
		       unsigned flags);
/* First field named name (case-insensitive), or NULL. */
struct hdr *header_find(const struct hdr_list *hl, const char *name);
/* Remove and free h. */
void header_remove(struct hdr_list *hl, struct hdr *h);
/* The cf templates as DEFAULT entries, in cf order. */
void header_add_defaults(struct hdr_list *hl, const struct config *cf);
/* A message field ("Name: value", continuation lines joined with '\n',
 * no final newline): drops the cf default of the same name, appends.
 * Returns 0, or -1 when line is not a header field. */
int header_chomp(struct hdr_list *hl, const char *line, size_t len);
/* The same for a message the MTA builds itself (a DSN): a field with a
 * cf default of the same name takes the default's place and ?flags?. */
int header_chomp_inplace(struct hdr_list *hl, const char *line, size_t len);
/* Length of the field name at line if it is a header field line (name
 * of printable non-colon chars, optional blanks, ':'), else 0. */
size_t header_field_len(const char *line, size_t len);
/* Number of trace fields (hop count). */
int header_hops(const struct hdr_list *hl);
#endif
