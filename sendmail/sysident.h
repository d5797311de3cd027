/* sysident.h - the host's identity: $w $j $m $k, class w ($=w) from the
 * host name, its aliases, interface addresses, as sendmail computes them
 * (hosts file / service switch, IPV6_FULL address forms). */
#ifndef SM_SYSIDENT_H
#define SM_SYSIDENT_H
struct config;
/* Before readcf: set $w $j $m $k $v $b $_ ... and fill class w/k. */
void sysident_init(struct config *cf);
/* After readcf: qualify $j if the cf did not define it, warnings. */
void sysident_finish(struct config *cf);
/* getcanonname(): canonicalize host via service switch hosts order. */
int sysident_canon(const struct config *cf, char *host, unsigned size, int *statp);
#endif
