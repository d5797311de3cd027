#!/bin/sh
# qrun_drun.sh SCENARIO BIN SUBMITTER ARGS...: run BIN -C $PWD/x.cf
# -O PidFile=$PWD/sm.pid ARGS (a queue runner daemon) in the current side
# directory and print what can be seen of it, normalised (BIN -> BIN):
# its exit status and whether it returned at once, PidFile's command
# line, the titles of its processes (ps), then per SCENARIO:
#   deliver N   a message queued (by SUBMITTER) a second after the start is
#               delivered within N seconds (or not)
#   fg N        the same for a daemon that stays in the foreground (-bD)
#   kill9       the persistent runner killed: restarted under a new pid?
#   hup         SIGHUP: the daemon restarts (a new pid in PidFile)
#   none        nothing
# and finally that SIGTERM to PidFile's pid stops every process of the
# daemon and removes PidFile. Runs inside ns.sh; touches only cwd.
scen=$1 n=$2 B=$3 S=$4; shift 4
d=$(pwd)
titles() {     # titles of the processes of session $1
	ps -e -o sid=,stat=,args= | awk -v s="$1" '$1 == s && $2 !~ /^Z/ { $1 = ""; $2 = ""; sub(/^  /, ""); print }' |
		sed "s#$B#BIN#g; s#$d#D#g; s/ *\$//" | sort
}
waitfor() {    # waitfor TENTHS CMD...: poll until CMD succeeds
	t=$1; shift
	while [ "$t" -gt 0 ]; do "$@" && return 0; sleep 0.1; t=$((t - 1)); done
	return 1
}
alive() { ps -o stat= -p "$1" 2>/dev/null | grep -q '^[^Z]'; }
session_gone() { [ -z "$(ps -e -o sid=,stat= | awk -v s="$1" '$1 == s && $2 !~ /^Z/')" ]; }
t0=$(date +%s)
if [ "$scen" = fg ]; then
	# a foreground daemon (-bD): started in the background here
	"$B" -C "$d/x.cf" -O PidFile="$d/sm.pid" "$@" < /dev/null & bp=$!
else
	# (bounded: a daemon that stays in the foreground is killed after 10s)
	timeout -s KILL 10 "$B" -C "$d/x.cf" -O PidFile="$d/sm.pid" "$@" < /dev/null; rc=$?
	[ $(($(date +%s) - t0)) -le 1 ] && echo "rc=$rc at once" || echo "rc=$rc late"
fi
waitfor 50 test -s sm.pid || { echo "no pid file"; exit 0; }
sleep 0.5
pid=$(head -1 sm.pid)
echo "pid file: $(sed -n 2p sm.pid | sed "s#$B#BIN#g; s#$d#D#g")"
alive "$pid" && echo "daemon alive" || echo "daemon not running"
titles "$pid"
[ "$scen" = fg ] && { [ "$pid" = "$bp" ] && echo "in the foreground" || echo "not in the foreground"; }
case $scen in
deliver|fg)
	sleep 0.5
	printf 'Subject: late\n\nqueued after the start\n' | "$S" -C x.cf -odq late
	if waitfor $((n * 10)) test -s mbox/late; then echo "delivered within ${n}s"
	else echo "not delivered within ${n}s"; fi
	# (the runner removes the qf just after the mailbox write: give it
	# that moment before SIGTERM, or the snapshot races it)
	waitfor 20 sh -c '! ls q | grep -q "^qf"' ;;
kill9)
	kid=$(ps -e -o ppid=,pid=,stat= | awk -v p="$pid" '$1 == p && $3 !~ /^Z/ { print $2; exit }')
	[ -n "$kid" ] && kill -9 "$kid"
	sleep 1
	nkid=$(ps -e -o ppid=,pid=,stat= | awk -v p="$pid" '$1 == p && $3 !~ /^Z/ { print $2; exit }')
	[ -n "$nkid" ] && [ "$nkid" != "$kid" ] && echo "runner restarted" || echo "runner not restarted"
	titles "$pid" ;;
hup)
	kill -HUP "$pid"
	waitfor 50 sh -c "[ -s sm.pid ] && [ \"\$(head -1 sm.pid)\" != $pid ]" &&
		echo "restarted: new pid" || echo "no new pid"
	sleep 0.5
	alive "$pid" && echo "old pid alive" || echo "old pid gone"
	pid=$(head -1 sm.pid)
	alive "$pid" && echo "new daemon alive"
	titles "$pid" ;;
esac
kill "$pid" && echo "SIGTERM sent"
waitfor 50 session_gone "$pid" && echo "all stopped" || {
	echo "still running:"; titles "$pid"
	ps -e -o sid=,pid= | awk -v s="$pid" '$1 == s { print $2 }' | xargs -r kill -9; }
[ -e sm.pid ] && echo "pid file left" || echo "pid file removed"
[ "$scen" = fg ] && { wait "$bp"; echo "foreground daemon exited: rc=$?"; }
exit 0
