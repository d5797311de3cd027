#!/bin/sh
# ns.sh - run a command in private UTS, network and mount namespaces with
# loopback up and host name vm.example.com, so outputs are machine-
# independent and nothing leaves the machine: the system resolver is pointed
# at 127.0.0.1 (a private resolv.conf bind-mounted over /etc/resolv.conf),
# so even libc host lookups only ever reach loopback.
# Usage: sh test/lib/ns.sh [-h host] cmd args...
host=vm.example.com
if [ "$1" = -h ]; then host=$2; shift 2; fi
rc=${TMPDIR:-/tmp}/osprey-ns-resolv.conf
if [ ! -s "$rc" ]; then
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "$rc.$$" && mv "$rc.$$" "$rc"
fi
exec unshare --uts --net --mount sh -c '
	hostname "$0" && ip link set lo up &&
	mount --bind "$1" /etc/resolv.conf && shift && exec "$@"' "$host" "$rc" "$@"
