/* map_arith.c - the "arith" map class: $(arith OP $@ A $@ B $) computes
 * A OP B for OP in + - * / % | & l(<) = r(random in [A,B]).  Results are
 * decimal longs (cut to 15 chars like sendmail's 16-byte buffer) or
 * TRUE/FALSE.  -a and -m are ignored, as in sendmail.  Pure. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "mapclass.h"
#include "../libsmutil/mem.h"
#include "../libsmutil/poison.h"

static int arith_parse(struct map *m, const char *args)
{
	return mapclass_flags(m, args, NULL, NULL) ? 0 : -1;
}

static int arith_open(struct map *m, const struct config *cf)
{
	return 0;
}

/* Compute; 0 ok, -1 error (division by zero, bad range, unknown op). */
static int arith_compute(int op, long a, long b, long *res, int *isbool)
{
	unsigned long ua = (unsigned long)a, ub = (unsigned long)b;

	*isbool = 0;
	switch (op) {
	case '+': *res = (long)(ua + ub); break;
	case '-': *res = (long)(ua - ub); break;
	case '*': *res = (long)(ua * ub); break;
	case '|': *res = a | b; break;
	case '&': *res = a & b; break;
	case '/': case '%':
		if (b == 0)
			return -1;
		if (b == -1)	/* avoid LONG_MIN / -1 trap */
			*res = op == '/' ? (long)(0 - ua) : 0;
		else
			*res = op == '/' ? a / b : a % b;
		break;
	case 'l': *res = a < b; *isbool = 1; break;
	case '=': *res = a == b; *isbool = 1; break;
	case 'r':
		if (a > b)
			return -1;
		*res = (long)(ua + (unsigned long)random() % (ub - ua + 1));
		break;
	default:
		return -1;
	}
	return 0;
}

/* key = operator (first char), av[1] = A, av[2] = B, exactly two args
 * (av[0] is the key, map.h). */
static char *arith_lookup(struct map *m, const char *key, char **av,
			  int *stat, struct lookup_ctx *lc)
{
	long res;
	int isbool;
	char buf[16];

	if (av == NULL || av[0] == NULL || av[1] == NULL || av[2] == NULL ||
	    av[3] != NULL) {
		*stat = MAPCLASS_EX_CONFIG;
		return NULL;
	}
	long a = strtol(av[1], NULL, 10), b = strtol(av[2], NULL, 10);
	if (arith_compute((unsigned char)key[0], a, b, &res, &isbool) < 0) {
		*stat = MAPCLASS_EX_CONFIG;
		return NULL;
	}
	*stat = MAPS_OK;
	if (isbool)
		return mem_strdup(res ? "TRUE" : "FALSE");
	snprintf(buf, sizeof buf, "%ld", res);
	return mem_strdup(buf);
}

const struct map_class map_class_arith = {
	"arith", MCF_RAWKEY | MCF_NOREWRITE,
	arith_parse, arith_open, arith_lookup, NULL
};
