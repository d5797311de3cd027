#!/bin/sh
# ns.sh - run a command in private UTS and network namespaces with loopback
# up and host name vm.example.com, so outputs are machine-independent and
# nothing leaves the machine. Usage: sh test/lib/ns.sh [-h host] cmd args...
host=vm.example.com
if [ "$1" = -h ]; then host=$2; shift 2; fi
exec unshare --uts --net sh -c 'hostname "$0" && ip link set lo up && exec "$@"' "$host" "$@"
