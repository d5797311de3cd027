#!/bin/sh
# bench_mailq.sh - mailq speed, Osprey vs the reference (sendmail -bp) on
# queues of N messages (default 10000 and 100000) written by our queue
# writer (libsmutil/queue_write; the reference must list them too - the
# outputs are compared). Prints median wall/CPU time and peak RSS and the
# ratio Osprey/reference. A timing covers 50000/N runs (at least one),
# divided back, so small queues are timed finer than GNU time's 10 ms.
# Not a pass/fail test. Touches test/out/bench/mailq only.
# Usage: sh test/bench/bench_mailq.sh [-n "N1 N2"] [-r REPEATS]
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
sizes="10000 100000" reps=3
while [ $# -gt 0 ]; do
	case $1 in
	-n) sizes=$2; shift;; -r) reps=$2; shift;;
	*) echo "usage: $0 [-n \"N1 N2\"] [-r REPEATS]" >&2; exit 2;;
	esac
	shift
done
[ -x /usr/bin/time ] || { echo "bench_mailq: GNU time not available"; exit 1; }
R=$(sh test/lib/ref-fetch.sh) || exit 1
SM=$R/usr/libexec/sendmail/sendmail
[ -x mailq/mailq ] || make -s mailq/mailq >/dev/null 2>&1
[ -x mailq/mailq ] || { echo "bench_mailq: mailq/mailq not built"; exit 1; }
B=$top/test/out/bench/mailq
rm -rf "$B"; mkdir -p "$B"; chmod 755 "$B"
[ -f libsmutil/libsmutil.a ] || make -s libsmutil/libsmutil.a >/dev/null 2>&1
cc -std=c17 -D_GNU_SOURCE -O2 -I. -o "$B/gen" test/bench/bench_mailq_gen.c libsmutil/libsmutil.a ||
	{ echo "bench_mailq: generator build failed"; exit 1; }
NS="sh $top/test/lib/ns.sh"
for n in $sizes; do
	q=$B/q$n
	mkdir -p "$q"; chmod 700 "$q"
	printf 'V10\nDj vm.example.com\nO QueueDirectory=%s\nMlocal, P=/bin/true, F=l, A=true\n' "$q" > "$B/m$n.cf"
	"$B/gen" "$q" "$n" || exit 1
	: > "$B/times$n"
	k=$((50000 / n)); [ $k -ge 1 ] || k=1
	i=0
	while [ $i -lt "$reps" ]; do
		for who in ref ours; do
			if [ $who = ref ]; then cmd="$SM -bp"; else cmd="$top/mailq/mailq"; fi
			(cd "$B" && $NS /usr/bin/time -o "$B/t" -f '%e %U %S %M' sh -c '
				k=$1 out=$2; shift 2; j=0
				while [ $j -lt "$k" ]; do "$@" > "$out" 2>&1; j=$((j + 1)); done' \
				sh "$k" "$B/out$n.$who" $cmd -C "$B/m$n.cf")
			echo "$who $(tail -1 "$B/t") $k" >> "$B/times$n"
		done
		i=$((i + 1))
	done
	cmp -s "$B/out$n.ref" "$B/out$n.ours" && same=identical || same=DIFFERENT
	awk -v n="$n" -v same="$same" '
		{ w[$1] = w[$1] " " $2 / $6; c[$1] = c[$1] " " ($3 + $4) / $6; m[$1] = ($5 > m[$1]) ? $5 : m[$1] }
		function med(s,   a, k, i, j, t) { k = split(s, a, " ");
			for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
			return a[int((k + 1) / 2)] }
		END {
			rw = med(w["ref"]); ow = med(w["ours"]); rc = med(c["ref"]); oc = med(c["ours"])
			printf "bench_mailq: %d queued messages (written by our queue writer); listings %s\n", n, same
			printf "%-10s %10s %10s %12s\n", "", "wall s", "cpu s", "peak RSS KB"
			printf "%-10s %10.3f %10.3f %12d\n", "reference", rw, rc, m["ref"]
			printf "%-10s %10.3f %10.3f %12d\n", "osprey", ow, oc, m["ours"]
			printf "ratio osprey/reference: wall %.3f  cpu %.3f  peak RSS %.2f  (speed-up %.1fx)\n",
				(rw > 0 ? ow / rw : 0), (rc > 0 ? oc / rc : 0), (m["ref"] > 0 ? m["ours"] / m["ref"] : 0),
				(ow > 0 ? rw / ow : 0)
		}' "$B/times$n" | tee -a "$B/result.txt"
done
