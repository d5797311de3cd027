#!/bin/sh
# test/crash/driver.sh - runs INSIDE the crash test's namespace (cwd /media,
# pid namespace: we are pid 1, every process we start dies with us): kills
# sendmail at random points and records which submissions were acknowledged.
# Usage (from test/crash/run.sh): driver.sh KIND TRIALS FIRSTID
#   KIND: odq (kill `sendmail -odq`), odi (kill `sendmail -odi`), qrun (queue
#   some messages, kill `sendmail -q` or its whole process group), mailer
#   (kill the local mailer while `sendmail -q` delivers), drain (run the
#   queue to completion, no kills).
# Writes /media/run/acked (one message number per line, exit 0 submissions)
# and /media/run/log. Touches only /media.
SM="/media/bin/sendmail -C /media/e2e.cf"
kind=$1 trials=$2 id=$3
R=/media/run
mkdir -p $R
# rnd N: a random integer in [0, N)
rnd() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 )); }
msleep() { sleep "$(awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }')"; }
submit() { # submit ID MODE: exit status of an un-killed submission
	$SM "-od$2" root < /media/msgs/$1 > /dev/null 2>>$R/log
	rc=$?
	[ $rc -eq 0 ] && echo "$1" >> $R/acked
	return $rc
}
# killat MS MODE PID: after MS ms SIGKILL PID (MODE pid), or every sendmail
# and mailer process of this pid namespace (MODE all: the runner, its forked
# job processes, which sendmail puts in sessions of their own, and mailers)
killat() {
	msleep "$1"
	if [ "$2" = all ]; then
		for p in /proc/[0-9]*; do
			read -r c < "$p/comm" 2>/dev/null || continue
			case $c in sendmail|lmail.sh) kill -9 "${p#/proc/}" 2>/dev/null;; esac
		done
	else
		kill -9 "$3" 2>/dev/null
	fi
}
settle() {
	i=0
	while [ $i -lt 400 ]; do
		busy=
		for p in /proc/[0-9]*; do
			pid=${p#/proc/}
			[ "$pid" = 1 ] && continue
			[ "$pid" = "$$" ] && continue
			read -r _ _ st _ < "$p/stat" 2>/dev/null || continue
			[ "$st" = Z ] || { busy=1; break; }
		done
		[ -z "$busy" ] && return
		sleep 0.05; i=$((i + 1))
	done
	echo "settle: processes still running:" >> $R/log
	ps -eo pid,ppid,stat,args >> $R/log
}
n=0
case $kind in
odq|odi)
	m=${kind#od}
	[ "$kind" = odq ] && max=25 || max=80
	while [ $n -lt "$trials" ]; do
		$SM "-od$m" root < /media/msgs/$id > /dev/null 2>>$R/log &
		pid=$!
		killat "$(rnd $max)" "$(if [ "$(rnd 2)" = 1 ]; then echo all; else echo pid; fi)" $pid
		wait $pid
		rc=$?
		settle
		echo "$kind $id rc=$rc" >> $R/trials
		[ $rc -eq 0 ] && echo "$id" >> $R/acked
		n=$((n + 1)) id=$((id + 1))
	done;;
qrun|mailer)
	while [ $n -lt "$trials" ]; do
		# a few acknowledged messages, then a killed queue run
		for k in 1 2 3; do submit $id q; id=$((id + 1)); done
		rm -f $R/mailer.pid
		$SM -q > /dev/null 2>>$R/log &
		pid=$!
		if [ "$kind" = qrun ]; then
			killat "$(rnd 120)" all $pid
		else
			i=0
			while [ ! -s $R/mailer.pid ] && [ $i -lt 100 ] && kill -0 $pid 2>/dev/null; do
				sleep 0.005; i=$((i + 1))
			done
			[ -s $R/mailer.pid ] && killat "$(rnd 15)" pid "$(cat $R/mailer.pid)"
		fi
		wait $pid
		settle
		echo "$kind q rc=$?" >> $R/trials
		n=$((n + 1))
	done;;
drain)
	settle
	# (its own counter: settle's i is global; the reference's empty qf
	# files of killed submissions stay until they are old)
	n=0
	while [ $n -lt 3 ]; do
		$SM -q > /dev/null 2>>$R/log
		settle
		ls /media/q | grep -q '^qf' || break
		n=$((n + 1))
	done;;
esac
settle
echo "$id" > $R/nextid
