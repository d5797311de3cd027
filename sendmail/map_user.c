/* map_user.c - the user map class: getpwnam(); -v selects the field
 * (name passwd uid gid gecos dir shell; default the name).
 * Touches: the passwd database through libc. */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "map.h"
#include "map_int.h"
#include "err.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/str.h"
#include "../libsmutil/poison.h"

static const char *const map_user_cols[] = {
	"name", "passwd", "uid", "gid", "gecos", "dir", "shell"
};

static int map_user_open(struct map *m, const struct config *cf)
{
	long col = 1;
	if (m->valcol != NULL) {
		col = 0;
		for (size_t i = 0; i < sizeof map_user_cols / sizeof map_user_cols[0]; i++)
			if (strcasecmp(m->valcol, map_user_cols[i]) == 0)
				col = (long)i + 1;
		if (col == 0) {
			errno = 0;
			err_syserr("User map %s: unknown column name %s", m->name, m->valcol);
			return -1;
		}
	}
	m->priv = (void *)col;
	return 0;
}

static char *map_user_lookup(struct map *m, const char *key, char **av, int *stat,
			     struct lookup_ctx *lc)
{
	struct passwd *pw = getpwnam(key);
	if (pw == NULL) {
		*stat = 67;   /* EX_NOUSER */
		return NULL;
	}
	long col = (long)m->priv;
	struct str o;
	str_init(&o, 0);
	switch (col) {
	case 2: str_add(&o, pw->pw_passwd); break;
	case 3: str_printf(&o, "%d", (int)pw->pw_uid); break;
	case 4: str_printf(&o, "%d", (int)pw->pw_gid); break;
	case 5: str_add(&o, pw->pw_gecos); break;
	case 6: str_add(&o, pw->pw_dir); break;
	case 7: str_add(&o, pw->pw_shell); break;
	default: str_add(&o, key); break;
	}
	char *r = str_steal(&o);
	str_free(&o);
	return r;
}

static void map_user_close(struct map *m)
{
	m->priv = NULL;
}

const struct map_class map_class_user = {
	"user", MCF_OPTFILE, NULL, map_user_open, map_user_lookup, map_user_close
};
