/* options_special.c - option values with their own syntax or messages:
 * EightBitMode, DeliveryMode, PrivacyOptions, DontBlameSendmail,
 * Timeout.*, users/groups, OperatorChars, BlankSub, ... Each handler
 * stores its value in cf->options (and hot copies in struct config) and
 * reports like sendmail. */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "config.h"
#include "options_int.h"
#include "readcf.h"
#include "macro.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

#define OPT_EX_USAGE 64

/* Store val under the option's name (generic string form). */
static void options_special_put(struct config *cf, const struct opt_def *o, const char *val,
				long num, int sticky)
{
	char kb[2] = { (char)o->code, '\0' };
	options_store(cf, o->name[0] ? o->name : kb, val, num, sticky);
}

/* syserr then exit(EX_USAGE) like sendmail's finis() for fatal values. */
static void options_special_fatal(const char *what, int c)
{
	errno = 0;
	err_syserr("Unknown %s %c", what, c);
	exit(OPT_EX_USAGE);
}

int options_special_eightbit(struct config *cf, const struct opt_def *o, char *val,
			     const char *sub, int sticky)
{
	if (*val != 'p' && *val != 'm' && *val != 's')
		options_special_fatal("8-bit mode", *val);
	options_special_put(cf, o, val, *val, sticky);
	return 0;
}

int options_special_delivery(struct config *cf, const struct opt_def *o, char *val,
			     const char *sub, int sticky)
{
	int c = *val ? *val : 'i';
	if (strchr("iqdb", c) == NULL)
		options_special_fatal("delivery mode", c);
	char v[2] = { (char)c, '\0' };
	options_special_put(cf, o, v, c, sticky);
	/* ${deliveryMode} follows the command line (-O/-od) only; the
	 * cf's setting does not show in -bt (observed) */
	if (sticky)
		macro_set(&cf->macros, macid("{deliveryMode}"), v);
	return 0;
}

int options_special_errmode(struct config *cf, const struct opt_def *o, char *val,
			    const char *sub, int sticky)
{
	if (*val != '\0' && strchr("qmewp", *val) != NULL)
		options_special_put(cf, o, val, *val, sticky);
	return 0;
}

int options_special_blanksub(struct config *cf, const struct opt_def *o, char *val,
			     const char *sub, int sticky)
{
	cf->blanksub = *val ? (unsigned char)*val : ' ';
	options_special_put(cf, o, val, cf->blanksub, sticky);
	return 0;
}

int options_special_colonok(struct config *cf, const struct opt_def *o, char *val,
			    const char *sub, int sticky)
{
	cf->colon_ok = readcf_util_atobool(val);
	options_special_put(cf, o, val, cf->colon_ok, sticky);
	return 0;
}

int options_special_minfree(struct config *cf, const struct opt_def *o, char *val,
			    const char *sub, int sticky)
{
	char *p = strchr(val, '/');
	if (p != NULL) {
		*p++ = '\0';
		options_store(cf, "MaxMessageSize", p, atol(p), sticky);
	}
	options_special_put(cf, o, val, atol(val), sticky);
	return 0;
}

int options_special_aliasfile(struct config *cf, const struct opt_def *o, char *val,
			      const char *sub, int sticky)
{
	const struct opt_value *cur = option_get(cf, o->name);
	struct str s;
	str_init(&s, 0);
	if (cur != NULL && cur->str[0] != '\0')
		str_printf(&s, "%s,", cur->str);  /* each A line adds files */
	str_add(&s, *val ? val : "aliases");
	options_special_put(cf, o, s.s, 0, sticky);
	str_free(&s);
	options_extra_setalias(cf, *val ? val : "aliases");
	return 0;
}

int options_special_aliaswait(struct config *cf, const struct opt_def *o, char *val,
			      const char *sub, int sticky)
{
	options_special_put(cf, o, val, *val ? readcf_util_convtime(val, 'm') : 300, sticky);
	return 0;
}

int options_special_group(struct config *cf, const struct opt_def *o, char *val,
			  const char *sub, int sticky)
{
	long gid = -1;
	if (isdigit((unsigned char)*val))
		gid = atoi(val);
	else {
		struct group *gr = getgrnam(val);
		errno = 0;
		if (gr == NULL)
			err_syserr("readcf: option %c: unknown group %s", o->code, val);
		else
			gid = gr->gr_gid;
	}
	options_store(cf, "DefaultGroup", val, gid, sticky);
	return 0;
}

int options_special_user(struct config *cf, const struct opt_def *o, char *val,
			 const char *sub, int sticky)
{
	char *p = val;
	while (*p != '\0' && *p != '.' && *p != '/' && *p != ':')
		p++;
	if (*p != '\0')
		*p++ = '\0';
	long uid;
	if (isdigit((unsigned char)*val))
		uid = atoi(val);
	else {
		struct passwd *pw = getpwnam(val);
		errno = 0;
		if (pw == NULL) {
			err_syserr("readcf: option u: unknown user %s", val);
			return 0;
		}
		uid = pw->pw_uid;
		options_store(cf, "DefaultGroup", "", pw->pw_gid, sticky);
	}
	options_special_put(cf, o, val, uid, sticky);
	if (*p != '\0')
		options_special_group(cf, &options_table[14], p, sub, sticky);
	return 0;
}

/* RunAsUser / TrustedUser: a user name (or number) must exist. */
static int options_special_pwuser(struct config *cf, const struct opt_def *o, char *val,
				  int sticky, int group)
{
	char *p = val;
	while (group && *p != '\0' && *p != '.' && *p != '/' && *p != ':')
		p++;
	if (group && *p != '\0')
		*p++ = '\0';
	if (!isdigit((unsigned char)*val) && getpwnam(val) == NULL) {
		errno = 0;
		err_syserr("readcf: option %s: unknown user %s", o->name, val);
		return 0;
	}
	if (group && *p != '\0' && !isdigit((unsigned char)*p) && getgrnam(p) == NULL) {
		errno = 0;
		err_syserr("readcf: option %s: unknown group %s", o->name, p);
		return 0;
	}
	options_special_put(cf, o, val, 0, sticky);
	return 0;
}

int options_special_runas(struct config *cf, const struct opt_def *o, char *val,
			  const char *sub, int sticky)
{
	return options_special_pwuser(cf, o, val, sticky, 1);
}

int options_special_trusted(struct config *cf, const struct opt_def *o, char *val,
			    const char *sub, int sticky)
{
	return options_special_pwuser(cf, o, val, sticky, 0);
}

int options_special_macro(struct config *cf, const struct opt_def *o, char *val,
			  const char *sub, int sticky)
{
	const char *ep;
	int id = macid_parse(val, &ep);
	if (id != 0)
		macro_set(&cf->macros, id, ep);
	return 1;
}

int options_special_supersafe(struct config *cf, const struct opt_def *o, char *val,
			      const char *sub, int sticky)
{
	int c = tolower((unsigned char)*val);
	long v = c == 'i' ? 'i' : c == 'p' ? 'p' : readcf_util_atobool(val);
	options_special_put(cf, o, val, v, sticky);
	return 0;
}

int options_special_sortorder(struct config *cf, const struct opt_def *o, char *val,
			      const char *sub, int sticky)
{
	if (*val == '\0' || strchr("fFhHmMpPtTrRnN", *val) == NULL) {
		errno = 0;
		err_syserr("Invalid queue sort order \"%s\"", val);
		return 0;
	}
	options_special_put(cf, o, val, tolower((unsigned char)*val), sticky);
	return 0;
}

int options_special_norcpt(struct config *cf, const struct opt_def *o, char *val,
			   const char *sub, int sticky)
{
	static const char *const ok[] = { "none", "add-to", "add-apparently-to",
		"add-bcc", "add-to-undisclosed" };
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strcasecmp(val, ok[i]) == 0) {
			options_special_put(cf, o, ok[i], (long)i, sticky);
			return 0;
		}
	errno = 0;
	err_syserr("Invalid NoRecipientAction: %s", val);
	return 0;
}

int options_special_mustquote(struct config *cf, const struct opt_def *o, char *val,
			      const char *sub, int sticky)
{
	if (strlen(val) >= 50 - 10) {
		readcf_util_stdout("Warning: MustQuoteChars too long, ignored.\n");
		val = "";
	}
	struct str s;
	str_init(&s, 0);
	str_printf(&s, "@,;:\\()[]%s", val);
	options_special_put(cf, o, s.s, 0, sticky);
	str_free(&s);
	return 0;
}

int options_special_munch(struct config *cf, const struct opt_def *o, char *val,
			  const char *sub, int sticky)
{
	struct str s;
	str_init(&s, 0);
	readcf_util_munch(&s, val, NULL, '\0');
	options_special_put(cf, o, s.s, 0, sticky);
	str_free(&s);
	return 0;
}

int options_special_opchars(struct config *cf, const struct opt_def *o, char *val,
			    const char *sub, int sticky)
{
	if (cf->operators != NULL)
		readcf_util_stdout("Warning: OperatorChars is being redefined.\n"
				   "         It should only be set before ruleset definitions.\n");
	struct str s;
	str_init(&s, 0);
	readcf_util_munch(&s, val, NULL, '\0');
	mem_free(cf->operators);
	cf->operators = mem_strdup(s.s);
	options_special_put(cf, o, s.s, 0, sticky);
	str_free(&s);
	return 0;
}

int options_special_mimelen(struct config *cf, const struct opt_def *o, char *val,
			    const char *sub, int sticky)
{
	char *p = strchr(val, '/');
	if (p != NULL)
		*p++ = '\0';
	long h = atoi(val), f = (p != NULL && *p != '\0') ? atoi(p) : h / 2;
	if (h < 0)
		h = 0;
	else if (h > 0 && h < 128)
		readcf_util_stdout("Warning: MaxMimeHeaderLength: header length limit set lower than 128\n");
	if (f < 0)
		f = 0;
	else if (f > 0 && f < 40)
		readcf_util_stdout("Warning: MaxMimeHeaderLength: field length limit set lower than 40\n");
	char buf[64];
	snprintf(buf, sizeof buf, "%ld/%ld", h, f);
	options_special_put(cf, o, buf, h, sticky);
	return 0;
}

int options_special_hdrslen(struct config *cf, const struct opt_def *o, char *val,
			    const char *sub, int sticky)
{
	long n = atoi(val);
	if (n > 0 && n < 32768 / 2)
		readcf_util_stdout("Warning: MaxHeadersLength: headers length limit set lower than %d\n",
				   32768 / 2);
	options_special_put(cf, o, val, n, sticky);
	return 0;
}

int options_special_authopts(struct config *cf, const struct opt_def *o, char *val,
			     const char *sub, int sticky)
{
	options_special_put(cf, o, val, 0, sticky);
	for (const char *p = val; p != NULL && *p != '\0';) {
		if (strchr("Aacdfmpy \t,", *p) == NULL)
			readcf_util_stdout("Warning: Option: %s unknown parameter '%c'\n", o->name,
					   (unsigned char)*p < 0200 && isprint((unsigned char)*p) ? *p : '?');
		p = strpbrk(p + 1, ", \t");
		if (p != NULL)
			p++;
	}
	return 0;
}
