#!/bin/sh
# bench_makemap.sh - makemap/praliases speed and memory, Osprey vs the
# reference: build a hash map of N keys (default 1,000,000), dump it (-u),
# and look up K keys (praliases -f map key...; default 20,000). Prints the
# median wall/CPU time and peak RSS of each and the ratios Osprey/reference.
# Not a pass/fail test. Touches test/out/bench/makemap only.
# Usage: sh test/bench/bench_makemap.sh [-n N] [-k K] [-r REPEATS]
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
n=1000000 k=20000 reps=3
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift;; -k) k=$2; shift;; -r) reps=$2; shift;;
	*) echo "usage: $0 [-n N] [-k K] [-r REPEATS]" >&2; exit 2;;
	esac
	shift
done
[ -x /usr/bin/time ] || { echo "bench_makemap: GNU time not available"; exit 1; }
R=$(sh test/lib/ref-fetch.sh) || exit 1
RX=$R/usr/libexec/sendmail
[ -x makemap/makemap ] || { echo "bench_makemap: makemap/makemap not built"; exit 1; }
B=$top/test/out/bench/makemap
rm -rf "$B"; mkdir -p "$B"; chmod 755 "$B"
printf 'V10\n' > "$B/m.cf"
awk -v n="$n" 'BEGIN { srand(11); for (i = 0; i < n; i++)
	printf "User%d@Host%d.Example.COM\tsmtp:[relay%d.example.net] %d\n", i, int(rand() * 100000), i % 97, i }' > "$B/input"
awk -v n="$n" -v k="$k" 'BEGIN { srand(5); for (i = 0; i < k; i++) printf "user%d@host%d.example.com\n", int(rand() * n), i }' > "$B/keys"
# lookups use the real keys for half of them
awk -v k="$k" 'NR % 2 == 0 { split($1, a, "\t"); print tolower(a[1]) } NR >= k { exit }' "$B/input" >> "$B/keys"
: > "$B/times"
run() {   # who what cmd...
	who=$1 what=$2; shift 2
	/usr/bin/time -o "$B/t" -f '%e %U %S %M' "$@" > "$B/out.$what.$who" 2>&1
	echo "$what $who $(tail -1 "$B/t")" >> "$B/times"
}
i=0
while [ $i -lt "$reps" ]; do
	for who in ref ours; do
		if [ $who = ref ]; then mm=$RX/makemap pa=$RX/praliases; else mm=$top/makemap/makemap pa=$top/makemap/praliases; fi
		run $who build sh -c "'$mm' -C '$B/m.cf' hash '$B/map.$who' < '$B/input'"
		run $who dump "$mm" -C "$B/m.cf" -u hash "$B/map.$who"
		run $who lookup sh -c "xargs -a '$B/keys' '$pa' -f '$B/map.$who'"
	done
	i=$((i + 1))
done
same=identical
cmp -s "$B/out.dump.ref" "$B/out.dump.ours" || same=DIFFERENT
cmp -s "$B/out.lookup.ref" "$B/out.lookup.ours" || same="$same, lookups DIFFERENT"
awk -v n="$n" -v k="$(wc -l < "$B/keys")" -v same="$same" '
	{ key = $1 " " $2; w[key] = w[key] " " $3; c[key] = c[key] " " ($4 + $5); m[key] = ($6 > m[key]) ? $6 : m[key] }
	function med(s,   a, j, i, l, t) { j = split(s, a, " ");
		for (i = 1; i <= j; i++) for (l = i + 1; l <= j; l++) if (a[l] + 0 < a[i] + 0) { t = a[i]; a[i] = a[l]; a[l] = t }
		return a[int((j + 1) / 2)] }
	END {
		printf "bench_makemap: hash map of %d keys, %d lookups (praliases -f); dumps %s\n", n, k, same
		printf "%-8s %-10s %8s %8s %12s\n", "step", "who", "wall s", "cpu s", "peak RSS KB"
		split("build dump lookup", steps, " ")
		for (s = 1; s <= 3; s++) {
			st = steps[s]; r = st " ref"; o = st " ours"
			printf "%-8s %-10s %8.2f %8.2f %12d\n", st, "reference", med(w[r]), med(c[r]), m[r]
			printf "%-8s %-10s %8.2f %8.2f %12d\n", st, "osprey", med(w[o]), med(c[o]), m[o]
			printf "%-8s ratio osprey/reference: wall %.2f  cpu %.2f  peak RSS %.2f\n", st,
				(med(w[r]) > 0 ? med(w[o]) / med(w[r]) : 0), (med(c[r]) > 0 ? med(c[o]) / med(c[r]) : 0),
				(m[r] > 0 ? m[o] / m[r] : 0)
		}
	}' "$B/times" | tee "$B/result.txt"
