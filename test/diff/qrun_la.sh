#!/bin/sh
# qrun_la.sh LAFILE CPUS cmd...: run inside ns.sh's mount namespace with
# LAFILE bind-mounted over /proc/loadavg (the reference and glibc read the
# load average there; whoever can write LAFILE changes the load seen) and
# a file saying CPUS ("0-1") over /sys/devices/system/cpu/online (the
# processor count behind QueueLA's default). The real files are untouched.
L=$1 C=$2; shift 2
mount --bind "$L" /proc/loadavg || exit 2
printf '%s\n' "$C" > "$L.cpus"
mount --bind "$L.cpus" /sys/devices/system/cpu/online || exit 2
exec "$@"
