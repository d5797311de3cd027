/* deliver_mime_int.h - what deliver_mime.c (the MIME structure walk) and
 * deliver_mime_enc.c (the quoted-printable and base64 writers) share:
 * the conversion state, the df line reader and the boundary test.
 * Owner: deliver_mime*.c. */
#ifndef SM_DELIVER_MIME_INT_H
#define SM_DELIVER_MIME_INT_H
#include <stdio.h>
#include "deliver.h"
#include "../libsmutil/str.h"

#define DELIVER_MIME_MAXNEST 20     /* open multipart boundaries at most */

/* what a df line is (sendmail's MBT_*) */
enum { MIME_NOTSEP, MIME_INTERMED, MIME_FINAL };

struct deliver_mime {
	struct deliver_ctx *dc;
	struct deliver_out *o;
	FILE *fp;                   /* the df */
	const char *bound[DELIVER_MIME_MAXNEST];   /* the open boundaries */
	size_t nb;
	int escfrom;                /* F=E: quoted-printable "From=20" */
	int convert;                /* 8->7 (else the structure only) */
	struct str line;            /* the line last read, with its '\n' */
};

/* deliver_mime.c: the next df line into mx->line; -1 at the end. */
int deliver_mime_getline(struct deliver_mime *mx);
/* Is mx->line "--b" or "--b--" for an open boundary b (trailing blanks
 * ignored)? */
int deliver_mime_boundary(const struct deliver_mime *mx);

/* deliver_mime_enc.c: the body of a leaf up to the next boundary (its
 * type returned; MIME_FINAL at the end of the df), encoded. */
int deliver_mime_enc_qp(struct deliver_mime *mx);
int deliver_mime_enc_base64(struct deliver_mime *mx);
#endif
