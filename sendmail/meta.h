/* meta.h - internal metacharacter bytes used in tokenized rules, expanded
 * macros and -bt displays. These values are part of observable behaviour
 * (qf files keep 0201 macro references; -bt shows M-x for unknown bytes). */
#ifndef SM_META_H
#define SM_META_H

#define META_MACROEXPAND  0201  /* $x  : followed by macro id byte */
#define META_MACRODEXPAND 0202  /* $&x : followed by macro id byte (deferred) */
#define META_LOOKUPBEGIN  0205  /* $(  */
#define META_LOOKUPEND    0206  /* $)  */
#define META_MATCHZANY    0220  /* $*  */
#define META_MATCHANY     0221  /* $+  */
#define META_MATCHONE     0222  /* $-  */
#define META_MATCHCLASS   0223  /* $=X : followed by class id byte */
#define META_MATCHNCLASS  0224  /* $~X : followed by class id byte */
#define META_MATCHREPL    0225  /* $n  : followed by '0'..'9' */
#define META_CANONNET     0226  /* $#  */
#define META_CANONHOST    0227  /* $@  */
#define META_CANONUSER    0230  /* $:  */
#define META_CALLSUBR     0231  /* $>  */
#define META_CONDIF       0232  /* $?  : followed by macro id byte */
#define META_CONDELSE     0233  /* $|  */
#define META_CONDFI       0234  /* $.  */
#define META_HOSTBEGIN    0235  /* $[  */
#define META_HOSTEND      0236  /* $]  */
#define META_QUOTE        0377  /* quotes the next byte */

#define MAXATOM      1000   /* max tokens in an address */
#define MAXNAME      256    /* max token/name length */
#define MAXLINE      2048
#define PSBUFSIZE    (MAXNAME + MAXATOM)  /* prescan buffer: 1256 */
#define MAXRWSETS    200    /* ruleset numbers 0..199 */
#define MAXRWNUM     100    /* numeric rulesets 0..99 */
#define MAXMATCH     9      /* wildcards per LHS */
#define MAXMACROID   0377
#define MAXMAILERS   25
#define MAXPRIORITIES 25
#define MAXRULERECURSION 50
#define MAXSTRINGLOOPS   100
#endif
