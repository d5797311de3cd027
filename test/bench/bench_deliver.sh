#!/bin/sh
# bench_deliver.sh - queue-run delivery speed, Osprey vs the reference: a
# queue of N messages (default 500, 5 KB, one local recipient) written by
# the REFERENCE (`sendmail -odq`), copied into each side's
# test/diff/e2e_env.sh directory (identical cf, in test/lib/ns.sh plus a pid
# namespace), then `sendmail -q` delivers them through the local test mailer
# (appends to mbox/root); timed until the last process of the run is gone.
# Alternates reference/Osprey for R repeats (median). Prints messages/s of
# each, delivered/left counts and the ratio (target >= 2).
# Not a pass/fail test. Touches test/out/bench/deliver only.
# Two targets, measured separately: "tofile" (an alias to a file: the
# *file* mailer, the MTA's own work) and "root" (the local mailer, a shell
# script whose fork/exec cost both sides pay alike) and "cmail" (the same
# local mailer compiled, test/bench/lmail.c, as a real mail.local is: the
# MTA's own share of the work shows more).
# Usage: sh test/bench/bench_deliver.sh [-n N] [-r REPEATS] [-o BIN] [-t "TARGETS"]
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
n=500 reps=3 ours=$top/sendmail/sendmail targets="tofile root cmail"
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift;; -r) reps=$2; shift;; -o) ours=$2; shift;; -t) targets=$2; shift;;
	*) echo "usage: $0 [-n N] [-r REPEATS] [-o BIN]" >&2; exit 2;;
	esac
	shift
done
case $ours in /*) ;; *) ours=$top/$ours;; esac
. "$top/test/diff/e2e_env.sh"
. "$top/test/bench/bench_e2e.sh"
B=$top/test/out/bench/deliver
e2e_ref || { echo "bench_deliver: reference not available"; exit 1; }
rm -rf "$B"; mkdir -p "$B"; chmod 755 "$B"
bench_sides "$B" "$ours" || exit 1
sides="ref ours"   # the queue run is measured even while submission is a stub
cc -O2 -o "$B/lmail" "$top/test/bench/lmail.c" || exit 1
for who in ref ours; do cp "$B/$who/lmail.sh" "$B/$who/lmail.sh.orig"; done
for t in $targets; do
rcpt=$t
for who in ref ours; do cp "$B/$who/lmail.sh.orig" "$B/$who/lmail.sh"; done
case $t in
tofile) target="a file (alias to *file*)";;
cmail) rcpt=root; target="the local mailer, compiled (root)"
	for who in ref ours; do cp "$B/lmail" "$B/$who/lmail.sh.new" && mv "$B/$who/lmail.sh.new" "$B/$who/lmail.sh"; done;;
*) target="the local mailer, a shell script ($rcpt)";;
esac
rm -rf "$B/ref/q" "$B/ref/mbox"/* "$B/ref/files"/*; mkdir -p "$B/ref/q"; chmod 700 "$B/ref/q"
awk 'BEGIN { printf "Subject: bench\nFrom: bench@example.org\nTo: root\n\n";
	for (i = 0; i < 80; i++) { for (j = 0; j < 63; j++) printf "%c", 97 + (i + j) % 26; printf "\n" } }' > "$B/ref/msg"
# the queue, written once by the reference
e2e_run "$B/ref" sh -c 'i=0; while [ $i -lt "$0" ]; do
	/media/bin/sendmail -C /media/e2e.cf -odq "$1" < /media/msg; i=$((i + 1)); done' "$n" "$rcpt"
rm -rf "$B/queue"; cp -a "$B/ref/q" "$B/queue"
echo "bench_deliver: $(ls "$B/queue" | grep -c ^qf) messages queued by the reference"
: > "$B/times"
i=0
while [ $i -lt "$reps" ]; do
	for who in $sides; do
		rm -rf "$B/$who/q" "$B/$who/mbox"/* "$B/$who/files"/*; cp -a "$B/queue" "$B/$who/q"
		e2e_run "$B/$who" unshare --pid --fork --mount-proc sh -c '
			s=$(date +%s%N)
			/media/bin/sendmail -C /media/e2e.cf -q
			while :; do
				busy=
				for p in /proc/[0-9]*; do
					[ "${p#/proc/}" = 1 ] && continue
					read -r _ _ st _ < "$p/stat" 2>/dev/null || continue
					[ "$st" = Z ] || { busy=1; break; }
				done
				[ -z "$busy" ] && break
				sleep 0.005
			done
			e=$(date +%s%N)
			echo "$(( (e - s) / 1000 )) $(cat /media/mbox/root /media/files/filed 2>/dev/null | grep -c "^Subject: bench") $(ls /media/q | grep -c ^qf)"' > "$B/t" 2>"$B/err.$who"
		echo "$who $(cat "$B/t")" >> "$B/times"
	done
	i=$((i + 1))
done
awk -v n="$n" -v target="$target" '
	{ t[$1] = t[$1] " " $2; d[$1] = $3; q[$1] = $4 }
	function med(s,   a, k, i, j, x) { k = split(s, a, " ");
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { x = a[i]; a[i] = a[j]; a[j] = x }
		return a[int((k + 1) / 2)] }
	END {
		r = med(t["ref"]) / 1e6; o = ("ours" in t) ? med(t["ours"]) / 1e6 : 0
		printf "bench_deliver: queue of %d reference-written 5 KB messages to %s, sendmail -q, median of %d runs\n", n, target, split(t["ref"], x, " ")
		printf "%-10s %10s %12s %10s %8s\n", "", "wall s", "msgs/s", "delivered", "left"
		printf "%-10s %10.2f %12.1f %10d %8d\n", "reference", r, n / r, d["ref"], q["ref"]
		printf "%-10s %10.2f %12.1f %10d %8d\n", "osprey", o, (o > 0 ? n / o : 0), d["ours"], q["ours"]
		if (d["ours"] == n && d["ref"] == n)
			printf "ratio osprey/reference: rate %.2fx (target >= 2)\n", r / o
		else
			printf "ratio: not comparable (delivered: reference %d, osprey %d of %d)\n", d["ref"], d["ours"], n
	}' "$B/times" | tee -a "$B/result.txt"
done
