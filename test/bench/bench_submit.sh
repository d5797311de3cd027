#!/bin/sh
# bench_submit.sh - submission speed, Osprey vs the reference: N messages
# (default 500) of 5 KB piped to `sendmail -odq root` one after the other,
# each binary in its own test/diff/e2e_env.sh directory (identical cf, in
# test/lib/ns.sh), alternating reference/Osprey for R repeats (median).
# Prints messages/s of each and the ratio Osprey/reference (target >= 2).
# Not a pass/fail test. Touches test/out/bench/submit only.
# Usage: sh test/bench/bench_submit.sh [-n N] [-r REPEATS] [-o BIN]
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
n=500 reps=3 ours=$top/sendmail/sendmail
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift;; -r) reps=$2; shift;; -o) ours=$2; shift;;
	*) echo "usage: $0 [-n N] [-r REPEATS] [-o BIN]" >&2; exit 2;;
	esac
	shift
done
case $ours in /*) ;; *) ours=$top/$ours;; esac
. "$top/test/diff/e2e_env.sh"
. "$top/test/bench/bench_e2e.sh"
B=$top/test/out/bench/submit
e2e_ref || { echo "bench_submit: reference not available"; exit 1; }
rm -rf "$B"; mkdir -p "$B"; chmod 755 "$B"
bench_sides "$B" "$ours" || exit 1
# one 5 KB message
awk 'BEGIN { printf "Subject: bench\nFrom: bench@example.org\nTo: root\n\n";
	for (i = 0; i < 80; i++) { for (j = 0; j < 63; j++) printf "%c", 97 + (i + j) % 26; printf "\n" } }' > "$B/ref/msg"
cp "$B/ref/msg" "$B/ours/msg"
: > "$B/times"
i=0
while [ $i -lt "$reps" ]; do
	for who in $sides; do
		rm -rf "$B/$who/q"/*
		e2e_run "$B/$who" sh -c '
			s=$(date +%s%N); i=0; bad=0
			while [ $i -lt "$0" ]; do
				/media/bin/sendmail -C /media/e2e.cf -odq root < /media/msg || bad=$((bad + 1))
				i=$((i + 1))
			done
			e=$(date +%s%N)
			echo "$(( (e - s) / 1000 )) $bad $(ls /media/q | grep -c ^qf)"' "$n" > "$B/t" 2>"$B/err.$who"
		echo "$who $(cat "$B/t")" >> "$B/times"
	done
	i=$((i + 1))
done
awk -v n="$n" '
	{ t[$1] = t[$1] " " $2; bad[$1] += $3; q[$1] = $4 }
	function med(s,   a, k, i, j, x) { k = split(s, a, " ");
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { x = a[i]; a[i] = a[j]; a[j] = x }
		return a[int((k + 1) / 2)] }
	END {
		r = med(t["ref"]) / 1e6; o = ("ours" in t) ? med(t["ours"]) / 1e6 : 0
		printf "bench_submit: %d x 5 KB messages, sendmail -odq from stdin, median of %d runs\n", n, split(t["ref"], x, " ")
		printf "%-10s %10s %12s %8s %8s\n", "", "wall s", "msgs/s", "failed", "queued"
		printf "%-10s %10.2f %12.1f %8d %8d\n", "reference", r, n / r, bad["ref"], q["ref"]
		if (o > 0) {
			printf "%-10s %10.2f %12.1f %8d %8d\n", "osprey", o, n / o, bad["ours"], q["ours"]
			printf "ratio osprey/reference: rate %.2fx (target >= 2)\n", r / o
		} else
			print "osprey: submission is still the stub (exit 69): not measured"
	}' "$B/times" | tee "$B/result.txt"
