/* sysident.h - the host's identity: $w $j $m $k, classes w and k, as
 * sendmail computes them (host name, hosts file via the service switch,
 * interface addresses probed after the cf is read). */
#ifndef SM_SYSIDENT_H
#define SM_SYSIDENT_H
struct config;
/* Before the cf lines: set $w $j $m $k and put $j in class w, $k in k. */
void sysident_init(struct config *cf);
/* After the cf: $w becomes the first label (level >= 5), the interface
 * probe fills class w (unless DontProbeInterfaces), and the "not
 * qualified" warning is printed. */
void sysident_finish(struct config *cf);
/* getcanonname(): canonicalize host in place through the service switch
 * "hosts" order (files = HostsFile). Returns 1 if found (host rewritten),
 * 0 if not (host unchanged; *statp = 68 not found or 75 temporary). */
int sysident_canon(const struct config *cf, char *host, unsigned size, int *statp);
#endif
