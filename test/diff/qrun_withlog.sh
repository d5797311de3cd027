#!/bin/sh
# qrun_withlog.sh LOGFILE DEVDIR cmd...: run inside ns.sh's mount namespace
# with a private /dev whose "log" socket is a unix-dgram listener writing
# every syslog datagram as one line to LOGFILE (the real /dev is untouched).
L=$1 D=$2; shift 2
mkdir -p "$D"
python3 "$(dirname "$0")/qrun_syslogd.py" "$D/log" "$L" & sp=$!
n=0; while [ ! -e "$D/log.ready" ] && [ $n -lt 300 ]; do sleep 0.01; n=$((n + 1)); done
for f in null zero urandom random tty full; do
	touch "$D/$f"; mount --bind /dev/$f "$D/$f"
done
mount --bind "$D" /dev
"$@"; rc=$?
sleep 0.3
kill $sp
exit $rc
