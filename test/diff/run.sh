#!/bin/sh
# test/diff/run.sh - differential tests: `sendmail -bt` of Osprey against the
# reference sendmail 8.17.1.9 (Debian build) for the same cf and input, compared
# command by command (see compare.py), plus stderr and the exit status.
# Touches only test/out/diff/ (and .cache/ref through test/lib/ref-fetch.sh).
#
# cf files: test/diff/mc/*.mc turned into cf by the REFERENCE's m4 macros, and
# handwritten test/diff/cf/*.cf; "@OUT@" in them becomes test/out/diff.
# Inputs: test/diff/in/all-*.in run on every mc-generated cf;
#         test/diff/in/<cf>-*.in run on that cf only.
#
# Usage: sh test/diff/run.sh [-r] [-o BIN] [-c CF] [-j N]
#        sh test/diff/run.sh [-r] [-o BIN] -v CF IN     full diff of one pair
#   -r      compare the reference against itself (sanity check of the harness)
#   -o BIN  the binary under test (default sendmail/sendmail)
#   -c CF   only the pairs of this cf;  -j N  parallel jobs (default 2)
#   -k      after the PASS/FAIL lines, group the differences by command kind
#   -s      only set up test/out/diff (data, maps, cf files); used by bench
#   IN is the input name without .in (e.g. "generic all-addr"; "generic addr" works)
#   DIFF_TIMEOUT (seconds, default 30) bounds each binary run.
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
ours=$top/sendmail/sendmail
self=0 only= verbose= jobs=2 setup_only= classes=
while [ $# -gt 0 ]; do
	case $1 in
	-r) self=1;;
	-s) setup_only=1;;
	-k) classes=1;;
	-o) ours=$2; shift;;
	-c) only=$2; shift;;
	-j) jobs=$2; shift;;
	-v) verbose=1; vcf=$2; vin=${3%.in}; only=$2; shift 2;;
	--pair) pair=1;;
	*) break;;
	esac
	shift
done
OUT=$top/test/out/diff
TMO=${DIFF_TIMEOUT:-30}
export OUT TMO

# run_one CF IN: run both binaries on one pair (called through xargs)
run_one() {
	cf=$1 in=$2
	res=$OUT/res/$cf
	mkdir -p "$res"
	for who in ref ours; do
		if [ $who = ref ]; then bin=$REFBIN; else bin=$OURBIN; fi
		(cd "$OUT/run" && timeout "$TMO" sh "$top/test/lib/ns.sh" "$bin" -bt \
			-C "$OUT/cf/$cf.cf" < "$top/test/diff/in/$in.in" \
			> "$res/$in.$who.out" 2> "$res/$in.$who.err"
		 echo $? > "$res/$in.$who.rc")
	done
}
if [ -n "$pair" ]; then run_one "$1" "$2"; exit 0; fi

mkdir -p "$OUT"
R=$(sh test/lib/ref-fetch.sh 2>"$top/test/out/ref-fetch.log") || R=
REFBIN=$R/usr/libexec/sendmail/sendmail
if [ -z "$R" ] || [ ! -x "$REFBIN" ]; then
	echo "FAIL diff/setup: reference not available (see test/out/ref-fetch.log)"; exit 0
fi
[ $self = 1 ] && ours=$REFBIN
case $ours in /*) ;; *) ours=$top/$ours;; esac
OURBIN=$ours
export REFBIN OURBIN
for t in python3 m4 unshare timeout; do
	command -v $t >/dev/null 2>&1 || { echo "FAIL diff/setup: $t not installed"; exit 0; }
done

# --- set up test/out/diff: data files, maps, cf files (never the tree) ---
umask 022
rm -rf "$OUT/etc" "$OUT/cf" "$OUT/mc" "$OUT/res/${only:-}" "$OUT/run"
mkdir -p "$OUT/etc" "$OUT/cf" "$OUT/mc" "$OUT/res" "$OUT/run"
chmod 755 "$OUT" "$OUT/etc" "$OUT/cf" "$OUT/mc" "$OUT/res" "$OUT/run"
cp test/diff/data/* "$OUT/etc/"
chmod 644 "$OUT/etc/"*
mkmap() {  # mkmap class name: build $OUT/etc/name.db from data/name.src
	"$R/usr/libexec/sendmail/makemap" -C "$OUT/etc/makemap.cf" "$1" "$OUT/etc/$2" < "$OUT/etc/$2.src" \
		>> "$OUT/makemap.log" 2>&1 || echo "FAIL diff/setup: makemap $2"
}
: > "$OUT/makemap.log"
echo "# empty cf: makemap must not read /etc/mail/sendmail.cf" > "$OUT/etc/makemap.cf"
for m in access virtusertable mailertable domaintable genericstable; do mkmap hash $m; done
grep -v "^empty" "$OUT/etc/textmap.txt" > "$OUT/etc/btmap.src"; mkmap btree btmap
grep -v "^empty" "$OUT/etc/textmap.txt" > "$OUT/etc/hashmap.src"; mkmap hash hashmap
printf '#!/bin/sh\necho "prog<$*>"\n' > "$OUT/etc/prog.sh"; chmod 755 "$OUT/etc/prog.sh"
: > "$OUT/m4.log"
for mc in test/diff/mc/*.mc; do
	n=$(basename "$mc" .mc)
	sed "s|@OUT@|$OUT|g" "$mc" > "$OUT/mc/$n.mc"
	m4 -D_CF_DIR_="$R/usr/share/sendmail/cf/" "$R/usr/share/sendmail/cf/m4/cf.m4" \
		"$OUT/mc/$n.mc" > "$OUT/cf/$n.cf" 2>> "$OUT/m4.log" ||
		echo "FAIL diff/setup: m4 $n.mc"
done
for cf in test/diff/cf/*.cf; do
	[ -f "$cf" ] || continue
	sed "s|@OUT@|$OUT|g" "$cf" > "$OUT/cf/$(basename "$cf")"
done

[ -n "$setup_only" ] && exit 0
if [ -n "$verbose" ] && [ ! -f "test/diff/in/$vin.in" ]; then   # "-v generic addr"
	for v in "all-$vin" "$vcf-$vin"; do [ -f "test/diff/in/$v.in" ] && vin=$v; done
fi

# --- the (cf, input) pairs ---
list=$OUT/pairs
: > "$list"
for cf in "$OUT"/cf/*.cf; do
	n=$(basename "$cf" .cf)
	[ -z "$only" ] || [ "$only" = "$n" ] || continue
	ins=
	[ -f "test/diff/mc/$n.mc" ] && ins=$(ls test/diff/in/all-*.in 2>/dev/null)
	ins="$ins $(ls test/diff/in/"$n"-*.in 2>/dev/null)"
	for i in $ins; do
		i=$(basename "$i" .in)
		[ -z "$verbose" ] || [ "$i" = "$vin" ] || continue
		echo "$n $i $top/test/diff/in/$i.in" >> "$list"
	done
done
if [ ! -s "$list" ]; then echo "FAIL diff/setup: no (cf, input) pairs selected"; exit 0; fi
if [ ! -x "$OURBIN" ]; then echo "FAIL diff/setup: $OURBIN not built"; exit 0; fi

cut -d' ' -f1,2 "$list" | xargs -P "$jobs" -n 2 sh "$top/test/diff/run.sh" --pair

if [ -n "$verbose" ]; then
	python3 test/diff/compare.py show "$OUT" "$vcf" "$vin" "$top/test/diff/in/$vin.in"
	exit $?
fi
python3 test/diff/compare.py pairs "$OUT" "$list"
[ -n "$classes" ] && python3 test/diff/compare.py classes "$OUT" "$list"
exit 0
