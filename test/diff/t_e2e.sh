#!/bin/sh
# test/diff/t_e2e.sh - end-to-end differential suite: the same sequence of
# submissions (-odi, -odq then -q, -t, -f/-r/-F, aliases to lists, files and
# programs, unknown users with -oem/-oep/-oeq, mailer temp/perm failures, -N,
# -R, -V, 8-bit, dots, hop counts, queue-run filters...) run by the reference
# sendmail 8.17 and by Osprey, each in its own fresh copy of one MTA
# directory (test/diff/e2e_env.sh: identical cf, aliases.db, test mailer,
# mounted on /media in a private namespace). Compared: stdout, stderr and
# exit codes of every step, the final mailq listing, delivered mailbox and
# file bytes, dead.letter and the remaining queue (names and qf contents),
# all normalised by test/diff/e2e_norm.py (IDs, dates, times, pids).
# Cases: test/diff/e2e_cases.txt. One PASS/FAIL line per case.
# Cases x_* submit with the reference and run the queue with the side's own
# binary (Osprey runs a reference-written queue). While an Osprey part is
# still the stub (exit 69: submission for most cases, queue runs for x_*),
# the reference is compared with a second run of itself instead (checks the
# harness and the normalisation), lines "e2e-ref/NAME".
# Touches only test/out/e2e/.
# Usage: sh test/diff/t_e2e.sh [-o BIN] [-m MAILQ] [-k CASE] [-v]
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
ours=$top/sendmail/sendmail oursmq=$top/mailq/mailq only= verbose=
while [ $# -gt 0 ]; do
	case $1 in
	-o) ours=$2; shift;; -m) oursmq=$2; shift;;
	-k) only=$2; shift;; -v) verbose=1;;
	*) echo "usage: $0 [-o BIN] [-m MAILQ] [-k CASE] [-v]" >&2; exit 2;;
	esac
	shift
done
case $ours in /*) ;; *) ours=$top/$ours;; esac
case $oursmq in /*) ;; *) oursmq=$top/$oursmq;; esac
. "$top/test/diff/e2e_env.sh"
O=$top/test/out/e2e
e2e_ref || { echo "FAIL e2e/setup: reference not available"; exit 0; }
[ -x "$ours" ] || { echo "FAIL e2e/setup: $ours not built"; exit 0; }
rm -rf "$O"; mkdir -p "$O"; chmod 755 "$O"

# the messages
mkmsgs() {
	m=$1; mkdir -p "$m"; chmod 755 "$m"
	printf 'Subject: hi\nFrom: Me <me@example.org>\n\nbody line 1\n.\nbody after dot\n' > "$m/m1"
	printf 'To: root, daemon\nCc: bin\nBcc: sys\nSubject: t flag\n\nhello all\n' > "$m/m2"
	printf 'Subject: 8bit\nFrom: x@example.org\n\ncaf\303\251 cr\303\250me br\303\273l\303\251e\n' > "$m/m3"
	printf 'just a body line, no headers\nsecond\n' > "$m/m4"
	printf 'Message-Id: <kept.1@example.org>\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nSubject: kept\n\nbody\n' > "$m/m5"
	awk 'BEGIN { printf "Subject: five k\nFrom: big@example.org\n\n"; for (i = 0; i < 80; i++) { for (j = 0; j < 63; j++) printf "%c", 97 + (i + j) % 26; printf "\n" } }' > "$m/m6"
	: > "$m/m7"
	awk 'BEGIN { printf "Subject: "; for (i = 0; i < 1200; i++) printf "%c", 65 + i % 26; printf "\nX-Folded: a\n\tb\n\n.x\nbody\n" }' > "$m/m8"
	printf 'To: root, nosuchuser\nSubject: t unknown\n\nhi\n' > "$m/m9"
	awk 'BEGIN { for (i = 0; i < 30; i++) printf "Received: from h%d.example.org by h%d.example.org; Mon, 2 Mar 2026 10:00:00 +0100\n", i, i + 1; printf "Subject: loop\n\nbody\n" }' > "$m/m10"
	printf 'Subject: noeol\n\nlast line without newline' > "$m/m11"
	printf 'Subject: dots\n\n..two dots\n.leading\n..\nend\n.\nafter lone dot\n' > "$m/m12"
}
# lib.sh: sourced by every case script inside the namespace
mklib() {
	cat > "$1/lib.sh" <<'LIB'
SM="/media/bin/sendmail -C /media/e2e.cf"
SMR="/media/bin/sendmail.ref -C /media/e2e.cf"
M=/media/msgs
# r: one step; then wait for what it left running (sendmail -q returns
# while its forked runner still delivers)
r() { "$@"; rc=$?; echo "[exit $rc]"; echo "[exit $rc]" >&2; settle; }
# wait until no other live process is left in this pid namespace (the
# steps run in pid 1 itself, no subshell: orphans of background deliveries are reparented to us)
settle() {
	i=0
	while [ $i -lt 300 ]; do
		busy=
		for p in /proc/[0-9]*; do
			pid=${p#/proc/}
			[ "$pid" = 1 ] && continue
			{ read -r _ _ st _ < "$p/stat"; } 2>/dev/null || continue
			[ "$st" = Z ] || { busy=1; break; }
		done
		[ -z "$busy" ] && return
		sleep 0.05; i=$((i + 1))
	done
}
LIB
}
mktpl() {
	e2e_mkdir "$O/tpl.$1" "$2" "$3" || return 1
	cp "$REF" "$O/tpl.$1/bin/sendmail.ref"
	mkmsgs "$O/tpl.$1/msgs"; mklib "$O/tpl.$1"
}
mktpl ref "$REF" && e2e_cf "$O/tpl.ref" ||
	{ echo "FAIL e2e/setup: reference template (m4/newaliases)"; exit 0; }
# is Osprey's submission path there yet?
mktpl ours "$ours" "$oursmq" || { echo "FAIL e2e/setup: osprey template"; exit 0; }
cp "$O/tpl.ref/e2e.cf" "$O/tpl.ref/etc/aliases.db" "$O/tpl.ours/" 2>/dev/null
mv "$O/tpl.ours/aliases.db" "$O/tpl.ours/etc/aliases.db"
# probe which Osprey parts are still stubs, in a throw-away copy
cp -a "$O/tpl.ours" "$O/probe"
printf 'Subject: probe\n\nprobe\n' | e2e_run "$O/probe" /media/bin/sendmail -C /media/e2e.cf -odq root > "$O/probe.out" 2>&1
prc=$?
rm -rf "$O/probe/q"/*
e2e_run "$O/probe" /media/bin/sendmail -C /media/e2e.cf -q > "$O/probe-q.out" 2>&1
qrc=$?
rm -rf "$O/probe"
# a part that is still the stub (exit 69, silent): its cases compare the
# reference with a second run of itself ("e2e-ref/" lines)
sub_ok=1 qrun_ok=1
[ $prc -eq 69 ] && [ ! -s "$O/probe.out" ] && sub_ok=
[ $qrc -eq 69 ] && [ ! -s "$O/probe-q.out" ] && qrun_ok=
[ -z "$sub_ok" ] && echo "e2e: Osprey submission is still the stub (exit 69): its cases run reference vs reference"
[ -z "$qrun_ok" ] && echo "e2e: Osprey queue run is still the stub (exit 69): x_* cases run reference vs reference"
mv "$O/tpl.ours" "$O/tpl.osprey"
cp -a "$O/tpl.ref" "$O/tpl.refagain"

# runcase SIDE NAME STEPS: fresh copy of the template, run, snapshot
runcase() {
	side=$1 name=$2 steps=$3
	d=$O/$name.$side
	rm -rf "$d"; mkdir "$d"; cp -a "$O/tpl.$side/." "$d"; chmod 755 "$d"
	e2e_run "$d" unshare --pid --fork --mount-proc sh -c '
		. /media/lib.sh
		exec 3>/media/steps.out 4>/media/steps.err
		eval "$0" >&3 2>&4 < /dev/null
		settle
		/media/bin/mailq -C /media/e2e.cf > /media/mailq.out 2>&1
		echo "[exit $?]" >> /media/mailq.out' "$steps" > "$d.run.log" 2>&1
	mkdir -p "$d.keep"; mv "$d/steps.out" "$d/steps.err" "$d/mailq.out" "$d.keep/" 2>/dev/null
	for x in mbox files home q; do [ -d "$d/$x" ] && mv "$d/$x" "$d.keep/"; done
	python3 "$top/test/diff/e2e_norm.py" "$d.keep" > "$O/$name.$side.snap"
	rm -rf "$d"
}
n=0 bad=0
grep -v '^#' "$top/test/diff/e2e_cases.txt" | grep . > "$O/cases"
while IFS='|' read -r name steps; do
	[ -n "$only" ] && [ "$only" != "$name" ] && continue
	case $name in x_*) ok=$qrun_ok;; *) ok=$sub_ok;; esac
	if [ -n "$ok" ]; then tag=e2e; other=osprey; else tag=e2e-ref; other=refagain; fi
	rm -rf "$O/tpl.ours"; ln -s "tpl.$other" "$O/tpl.ours"
	runcase ref "$name" "$steps"
	runcase ours "$name" "$steps"
	n=$((n + 1))
	if cmp -s "$O/$name.ref.snap" "$O/$name.ours.snap"; then
		echo "PASS $tag/$name"
	else
		bad=$((bad + 1))
		why=$(diff "$O/$name.ref.snap" "$O/$name.ours.snap" | grep -a '^[<>]' | head -2 | tr '\n\t' '  ' | cut -c1-160)
		echo "FAIL $tag/$name: ref vs ours: $why"
		[ -n "$verbose" ] && diff "$O/$name.ref.snap" "$O/$name.ours.snap" | head -40
	fi
done < "$O/cases"
[ $n -gt 0 ] || echo "FAIL e2e/setup: no case ran"
exit 0
