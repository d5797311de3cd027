#!/bin/sh
# test/bench/bench_lookup.sh - alias lookups on a large aliases.db: 10,000
# `/map aliases <key>` lines in one -bt run, and `-bv` of 2,000 aliases in
# one run, Osprey vs the reference on the same cf and the same database
# (built by the reference's newaliases from bench_aliases.sh's source).
# Prints wall/CPU/peak RSS and the ratios. Not a pass/fail test.
# Touches test/out/bench_lookup (and runs bench_aliases.sh's set-up if needed).
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
ours=${OSPREY_SENDMAIL:-$top/sendmail/sendmail}
R=$(sh test/lib/ref-fetch.sh 2>/dev/null) || { echo "bench_lookup: no reference"; exit 1; }
ref=$R/usr/libexec/sendmail/sendmail
A=$top/test/out/bench_aliases
[ -f "$A/etc/a.cf" ] && [ -f "$A/aliases" ] || sh test/bench/bench_aliases.sh -r 1 > /dev/null 2>&1
[ -f "$A/etc/a.cf" ] || { echo "bench_lookup: no alias set-up"; exit 1; }
B=$top/test/out/bench_lookup
rm -rf "$B"; mkdir -p "$B"; chmod 755 "$B"
cp "$A/aliases" "$B/aliases"
sh test/lib/ns.sh "$ref" -bi -C "$A/etc/a.cf" "-OAliasFile=$B/aliases" > "$B/bi.out" 2>&1
# keys: every 10th alias name, lower-cased as stored; addresses for -bv
python3 - "$B" <<'PY'
import sys
b = sys.argv[1]
names = [l.split(':', 1)[0] for l in open(b + '/aliases') if l[:1].isalpha() and ':' in l]
keys = names[2::10][:10000]
open(b + '/map.in', 'w').write(''.join('/map aliases %s\n' % k.lower() for k in keys))
open(b + '/bv.args', 'w').write(' '.join(names[3::37][:2000]))
PY
t() {   # label bin args... (stdin from $IN): prints "wall cpu rss"
	lab=$1; bin=$2; shift 2
	(cd "$B" && /usr/bin/time -f '%e %U %S %M' -o "$B/time.$lab" sh "$top/test/lib/ns.sh" \
		"$bin" "$@" < "$IN" > "$B/out.$lab" 2>&1)
	tail -1 "$B/time.$lab" | awk '{ printf "%.2f %.2f %d", $1, $2 + $3, $4 }'
}
row() {  # name refvals oursvals
	set -- "$1" $2 $3
	printf '  %-22s ref %6ss %6ss %7sKB   osprey %6ss %6ss %7sKB   ratio wall %.2f rss %.2f\n' \
		"$1" "$2" "$3" "$4" "$5" "$6" "$7" \
		"$(awk -v a="$5" -v b="$2" 'BEGIN{print (b>0?a/b:0)}')" \
		"$(awk -v a="$7" -v b="$4" 'BEGIN{print (b>0?a/b:0)}')"
}
IN=$B/map.in
r=$(t mapref "$ref" -bt -C "$A/etc/a.cf" "-OAliasFile=$B/aliases")
o=$(t mapours "$ours" -bt -C "$A/etc/a.cf" "-OAliasFile=$B/aliases")
echo "alias lookups ($(grep -c . "$B/map.in") /map in -bt, $(wc -l < "$B/aliases") line aliases file):"
row "/map aliases" "$r" "$o"
cmp -s "$B/out.mapref" "$B/out.mapours" || echo "  NOTE: /map transcripts differ"
IN=/dev/null
r=$(t bvref "$ref" -bv -C "$A/etc/a.cf" "-OAliasFile=$B/aliases" $(cat "$B/bv.args"))
o=$(t bvours "$ours" -bv -C "$A/etc/a.cf" "-OAliasFile=$B/aliases" $(cat "$B/bv.args"))
row "-bv ($(wc -w < "$B/bv.args") addresses)" "$r" "$o"
cmp -s "$B/out.bvref" "$B/out.bvours" || echo "  NOTE: -bv outputs differ"
