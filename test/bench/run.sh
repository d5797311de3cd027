#!/bin/sh
# test/bench/run.sh - `make bench`: Osprey vs the reference sendmail on one
# -bt run of N addresses (default 10000) through `3,0` and `/parse` with the
# generic cf (from test/diff/mc/generic.mc); prints wall/CPU time and peak
# RSS of each and the ratios Osprey/reference.  Not a pass/fail test.
# Touches test/out/diff (cf set-up) and test/out/bench only.
# Usage: sh test/bench/run.sh [-n N] [-r REPEATS] [-o BIN]
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
n=10000 reps=3 ours=$top/sendmail/sendmail
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift;; -r) reps=$2; shift;; -o) ours=$2; shift;;
	*) echo "usage: $0 [-n N] [-r REPEATS] [-o BIN]" >&2; exit 2;;
	esac
	shift
done
if [ ! -x /usr/bin/time ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null 2>&1
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1; }
fi
[ -x /usr/bin/time ] || { echo "bench: GNU time not available"; exit 1; }
sh test/diff/run.sh -s -c generic || exit 1
R=$(sh test/lib/ref-fetch.sh) || exit 1
ref=$R/usr/libexec/sendmail/sendmail
case $ours in /*) ;; *) ours=$top/$ours;; esac
[ -x "$ours" ] || { echo "bench: $ours not built"; exit 1; }
B=$top/test/out/bench
mkdir -p "$B"; chmod 755 "$B"
python3 test/bench/gen.py "$n" > "$B/input.in"
cf=$top/test/out/diff/cf/generic.cf
: > "$B/times"
i=0
while [ $i -lt "$reps" ]; do
	for who in ref ours; do
		if [ $who = ref ]; then bin=$ref; else bin=$ours; fi
		(cd "$B" && sh "$top/test/lib/ns.sh" /usr/bin/time -o "$B/t.$who" \
			-f '%e %U %S %M' "$bin" -bt -C "$cf" < "$B/input.in" > "$B/out.$who" 2>&1)
		echo "$who $(cat "$B/t.$who" | tail -1)" >> "$B/times"
	done
	i=$((i + 1))
done
cmp -s "$B/out.ref" "$B/out.ours" && same=identical || same=DIFFERENT
awk -v n="$n" -v same="$same" '
	{ w[$1] = w[$1] " " $2; c[$1] = c[$1] " " ($3 + $4); m[$1] = ($5 > m[$1]) ? $5 : m[$1] }
	function med(s,   a, k, i, j, t) { k = split(s, a, " ");
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return a[int((k + 1) / 2)] }
	END {
		rw = med(w["ref"]); ow = med(w["ours"]); rc = med(c["ref"]); oc = med(c["ours"])
		printf "bench: %d addresses x (3,0 + /parse), generic cf, median of %d runs; transcripts %s\n", n, split(w["ref"], x, " "), same
		printf "%-10s %10s %10s %12s\n", "", "wall s", "cpu s", "peak RSS KB"
		printf "%-10s %10.2f %10.2f %12d\n", "reference", rw, rc, m["ref"]
		printf "%-10s %10.2f %10.2f %12d\n", "osprey", ow, oc, m["ours"]
		printf "ratio osprey/reference: wall %.2f  cpu %.2f  peak RSS %.2f\n",
			(rw > 0 ? ow / rw : 0), (rc > 0 ? oc / rc : 0), (m["ref"] > 0 ? m["ours"] / m["ref"] : 0)
	}' "$B/times" | tee "$B/result.txt"
sh test/bench/bench_makemap.sh
sh test/bench/bench_aliases.sh
sh test/bench/bench_lookup.sh
# issue 4: submission, queue-run delivery and mailq (10,000 and 100,000)
sh test/bench/bench_submit.sh
sh test/bench/bench_deliver.sh
sh test/bench/bench_mailq.sh
