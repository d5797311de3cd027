/* options_int.h - internals of the option table (options.c,
 * options_table.c, options_special.c). */
#ifndef SM_OPTIONS_INT_H
#define SM_OPTIONS_INT_H
#include "options.h"

#define OI_SAFE   0x01     /* may be set by anyone from the command line */
#define OI_SUBOPT 0x02     /* Name.sub=value (stickiness per suboption) */

struct opt_def;
/* Special handler: val is modifiable; returns 1 when the option must
 * not become sticky (PrivacyOptions, DontBlameSendmail, M). */
typedef int options_handler(struct config *cf, const struct opt_def *o,
			    char *val, const char *subopt, int sticky);

struct opt_def {
	const char *name;      /* long name ("" for short-only) */
	int code;              /* short name or internal code >= 0x80 */
	enum opt_type type;
	int flags;             /* OI_* */
	char unit;             /* default time unit */
	options_handler *fn;   /* NULL = generic store by type */
};

extern const struct opt_def options_table[];
extern const int options_count;

/* options.c */
struct opt_value *options_slot(struct config *cf, const char *key);
void options_store(struct config *cf, const char *key, const char *val, long num, int sticky);

/* options_special.c: the special handlers */
options_handler options_special_eightbit, options_special_blanksub,
	options_special_minfree, options_special_delivery,
	options_special_errmode, options_special_group,
	options_special_resolver, options_special_macro,
	options_special_privacy,
	options_special_timeout, options_special_supersafe,
	options_special_qtimeout, options_special_user,
	options_special_sortorder, options_special_norcpt,
	options_special_colonok, options_special_mustquote,
	options_special_munch, options_special_opchars,
	options_special_runas, options_special_dbs,
	options_special_mimelen, options_special_hdrslen,
	options_special_trusted, options_special_authopts,
	options_special_aliasfile, options_special_aliaswait;
/* options_extra.c */
options_handler options_extra_milter, options_extra_smtputf8,
	options_extra_portopts, options_extra_verbose;
/* sendmail's setalias: define Alias<n> / "aliases.files" from a list. */
void options_extra_setalias(struct config *cf, const char *list);
/* options_tls.c */
options_handler options_tls_sslopts, options_tls_srvopts, options_tls_connonly;
#endif
