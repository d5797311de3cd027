/* options.c - O lines and -o/-O: finding the option (long names, unique
 * prefixes with the abbreviation message, short names), stickiness of
 * command-line values, generic typed storage, and the accessors used by
 * the rest of sendmail. Values live in cf->options. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "config.h"
#include "options_int.h"
#include "readcf.h"
#include "err.h"
#include "../libsmutil/htab.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

struct opt_value *options_slot(struct config *cf, const char *key)
{
	struct opt_value *v = htab_get(cf->options, key);
	if (v == NULL) {
		v = mem_zalloc(sizeof *v);
		htab_put(cf->options, key, v);
	}
	return v;
}

void options_store(struct config *cf, const char *key, const char *val, long num, int sticky)
{
	struct opt_value *v = options_slot(cf, key);
	mem_free(v->str);
	v->str = mem_strdup(val != NULL ? val : "");
	v->num = num;
	v->set = 1;
	if (sticky)
		v->sticky = 1;
}

/* Long-name lookup with sendmail's prefix rules; NULL after a message. */
static const struct opt_def *options_find_long(const char *val, const struct opt_def **sel_r)
{
	const struct opt_def *sel = NULL;
	size_t n = strlen(val);
	int i;
	for (i = 0; i < options_count; i++) {
		const struct opt_def *o = &options_table[i];
		if (strncasecmp(o->name, val, n) != 0)
			continue;
		if (strlen(o->name) == n) {
			sel = NULL;
			break;
		}
		if (sel != NULL)
			break;
		sel = o;
	}
	*sel_r = sel;
	errno = 0;
	if (sel != NULL && i == options_count)
		return sel;
	if (i == options_count) {
		err_syserr("readcf: unknown option name %s", val);
		return NULL;
	}
	if (sel != NULL) {
		err_syserr("readcf: ambiguous option name %s (matches %s and %s)",
			   val, sel->name, options_table[i].name);
		return NULL;
	}
	return &options_table[i];
}

static const struct opt_def *options_find_code(int code)
{
	for (int i = 0; i < options_count; i++)
		if (options_table[i].code == code)
			return &options_table[i];
	return NULL;
}

/* Split " Name[.sub][ ]=[ ]value": returns the option or NULL. */
static const struct opt_def *options_split(struct config *cf, char *val, char **value, char **subopt)
{
	char *p = strchr(val, '=');
	if (p == NULL)
		p = val + strlen(val);
	char *e = p;
	while (e > val && e[-1] == ' ')
		e--;
	if (e == val) {
		errno = 0;
		err_syserr("readcf: null option name");
		return NULL;
	}
	if (*p == '=')
		p++;
	*e = '\0';
	while (*p == ' ')
		p++;
	*subopt = strchr(val, '.');
	if (*subopt != NULL)
		*(*subopt)++ = '\0';
	const struct opt_def *sel, *o = options_find_long(val, &sel);
	if (o != NULL && strlen(val) != strlen(o->name)) {
		err_set_verbose(1);
		err_message("Option %s used as abbreviation for %s", val, o->name);
		err_set_verbose(cf->verbose);
	}
	*value = p;
	return o;
}

/* Key under which an option's value is stored. */
static const char *options_key(const struct opt_def *o, char *buf, size_t sz)
{
	if (o->name[0] != '\0')
		return o->name;
	snprintf(buf, sz, "%c", o->code);
	return buf;
}

/* Generic store by type. */
static void options_generic(struct config *cf, const struct opt_def *o, const char *val, int sticky)
{
	char kb[4];
	long num = 0;
	switch (o->type) {
	case OT_BOOL: num = readcf_util_atobool(val); break;
	case OT_INT: num = atoi(val); break;
	case OT_LONG: num = atol(val); break;
	case OT_TIME: num = readcf_util_convtime(val, o->unit); break;
	case OT_MODE: num = readcf_util_atooct(val) & 0777; break;
	case OT_CHAR: num = (unsigned char)*val; break;
	default: break;
	}
	options_store(cf, options_key(o, kb, sizeof kb), val, num, sticky);
}

void options_parse_line(struct config *cf, const char *line, int cmdline)
{
	char *buf = mem_strdup(line), *val, *subopt = NULL, kb[4];
	const struct opt_def *o;
	if (buf[0] == ' ')
		o = options_split(cf, buf + 1, &val, &subopt);
	else {
		val = buf + (buf[0] != '\0');
		if ((o = options_find_code((unsigned char)buf[0])) == NULL) {
			errno = 0;
			err_syserr("readcf: unknown option name 0x%x", (unsigned char)buf[0]);
		}
	}
	if (o == NULL)
		goto out;
	if (subopt != NULL && !(o->flags & OI_SUBOPT))
		subopt = NULL;
	const struct opt_value *cur = htab_get(cf->options, options_key(o, kb, sizeof kb));
	if (!cmdline && cur != NULL && cur->sticky && !(o->flags & OI_SUBOPT))
		goto out;
	int nosticky = 0;
	if (o->fn != NULL)
		nosticky = o->fn(cf, o, val, subopt, cmdline);
	else if (o->flags & OI_SUBOPT) {
		struct str k;
		str_init(&k, 0);
		str_printf(&k, "%s.%s", o->name, subopt ? subopt : "");
		struct opt_value *v = htab_get(cf->options, k.s);
		if (cmdline || v == NULL || !v->sticky)
			options_store(cf, k.s, val, 0, cmdline);
		str_free(&k);
	} else
		options_generic(cf, o, val, cmdline);
	if (cmdline && !nosticky && !(o->flags & OI_SUBOPT))
		options_slot(cf, options_key(o, kb, sizeof kb))->sticky = 1;
out:
	mem_free(buf);
}

int option_set(struct config *cf, const char *name, const char *value, int cmdline)
{
	const struct opt_def *sel = NULL;
	int known = 0;
	for (int i = 0; i < options_count && !known; i++)
		known = strcasecmp(options_table[i].name, name) == 0;
	(void)sel;
	if (!known)
		return -1;
	struct str l;
	str_init(&l, 0);
	str_printf(&l, " %s=%s", name, value ? value : "");
	options_parse_line(cf, l.s, cmdline);
	str_free(&l);
	return 0;
}

const struct opt_value *option_get(const struct config *cf, const char *name)
{
	const struct opt_value *v = htab_get(cf->options, name);
	return v != NULL && v->set ? v : NULL;
}

const char *option_str(const struct config *cf, const char *name, const char *dflt)
{
	const struct opt_value *v = option_get(cf, name);
	return v != NULL ? v->str : dflt;
}

long option_num(const struct config *cf, const char *name, long dflt)
{
	const struct opt_value *v = option_get(cf, name);
	return v != NULL ? v->num : dflt;
}

void options_print_names(void)
{
	for (int i = 0; i < options_count; i++)
		printf("%s\n", options_table[i].name);
}
