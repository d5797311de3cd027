/* sysident.h - the host's identity: $w $j $m $k, classes w and k, as
 * sendmail 8.17 computes them (host name via the system resolver, hosts
 * file via the service switch, IPv4 interface addresses probed after the
 * cf is read), and getcanonname() for /canon and the host map.
 *
 * Call order (what the reference shows):
 *   sysident_init(cf)        before the cf lines (readcf does it);
 *   V line level >= 5 shortens $w - readcf_lines.c does that itself;
 *   sysident_probe(cf)       after the cf lines (prints "\ta.k.a.: " lines
 *                            under -d0.4);
 *   [main prints the -d0.1 SYSTEM IDENTITY block here]
 *   sysident_warn(cf)        "WARNING: local host name (x) is not
 *                            qualified; see cf/README: WHO AM I?";
 *   [then the "No local mailer defined" check]
 * sysident_finish(cf) = sysident_probe + sysident_warn, for callers that
 * do not print the identity block in between. */
#ifndef SM_SYSIDENT_H
#define SM_SYSIDENT_H
#include <stddef.h>
struct config;

/* Before the cf lines: set $w $j $m $k, class w ($j, node name, the host
 * name's aliases and "[addr]" of its addresses) and class k (node name).
 * -d0.4 prints "Canonical name: ", " UUCP nodename: ", "\ta.k.a.: ". */
void sysident_init(struct config *cf);
/* After the cf: each up IPv4 interface address "[a.b.c.d]" not yet in
 * class w is added with its hosts name(s) and "[name]" (unless
 * DontProbeInterfaces is true; "loopback" skips names of loopback ifs). */
void sysident_probe(struct config *cf);
/* The unqualified-$j warning (stdout). */
void sysident_warn(const struct config *cf);
void sysident_finish(struct config *cf);

/* getcanonname(): canonicalize host in place through the service switch
 * "hosts" order (files = HostsFile, dns = resolver; default "dns files").
 * Returns 1 if found (host rewritten, qualified with $m if it had no dot
 * or ended in '.'), 0 if not (*statp = 68 not found, 69 unavailable,
 * 75 temporary failure; host is unchanged unless a service found it but
 * it could not be qualified for lack of $m - then it holds the hosts-file
 * name, as in the reference). cf may be NULL. */
int sysident_canon(const struct config *cf, char *host, unsigned size, int *statp);

/* "[a.b.c.d]" or "[IPv6:x:x:x:x:x:x:x:x]" (sendmail's IPV6_FULL form,
 * no "::" compression) for a 4- or 16-byte address; returns buf. */
char *sysident_addr_literal(int af, const void *addr, char *buf, size_t size);
#endif
