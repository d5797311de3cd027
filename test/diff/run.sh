#!/bin/sh
# test/diff/run.sh - differential tests: `sendmail -bt` of Osprey against the
# reference sendmail 8.17.1.9 (Debian build) for the same cf and input, compared
# command by command (see compare.py), plus stderr and the exit status.
# Touches only test/out/diff/ (and .cache/ref through test/lib/ref-fetch.sh).
#
# cf files: test/diff/mc/*.mc turned into cf by the REFERENCE's m4 macros, and
# handwritten test/diff/cf/*.cf; "@OUT@" in them becomes test/out/diff.
# Also the reference package's own example .mc files
# (.cache/ref/root/usr/share/sendmail/cf/cf/*.mc, used in place, never copied)
# become test/out/diff/cf/ref-<name>.cf: m4 reads cf.m4, the .mc, then
# test/diff/ref-hermetic.m4 (service switch, hosts, class w / trusted-users
# files, help file under test/out/diff/etc), and sed rewrites every remaining
# "/etc/mail/" of the generated cf to test/out/diff/etc/ (where the test maps
# are).  DIFF_NOREF=1 leaves them out.
# Inputs: test/diff/in/all-*.in run on every mc-generated cf (ours and ref-*);
#         test/diff/in/<cf>-*.in run on that cf only;
#         generated at test time by gen_random.py (seeded, deterministic) into
#         test/out/diff/in/: gen-rand*.in (random addresses) on every
#         mc-generated cf, <cf>-auto*.in (every ruleset, mailer, map, class
#         and macro of that cf) on that cf.
#
# Usage: sh test/diff/run.sh [-r] [-B] [-o BIN] [-c CF] [-j N]
#        sh test/diff/run.sh [-r] [-o BIN] -v CF IN     full diff of one pair
#   -r      compare the reference against itself (sanity check of the harness)
#   -o BIN  the binary under test (default sendmail/sendmail)
#   -c CF   only the pairs of this cf;  -j N  parallel jobs (default 2)
#   -k      after the PASS/FAIL lines, group the differences by command kind
#   -s      only set up test/out/diff (data, maps, cf files); used by bench
#   -B      big run: many more generated inputs (also DIFF_BIG=1)
#   IN is the input name without .in (e.g. "generic all-addr"; "generic addr" works)
#   DIFF_TIMEOUT (seconds, default 30) bounds each binary run.
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
ours=$top/sendmail/sendmail
self=0 only= verbose= jobs=2 setup_only= classes= big=${DIFF_BIG:-}
[ "$big" = 0 ] && big=
while [ $# -gt 0 ]; do
	case $1 in
	-r) self=1;;
	-s) setup_only=1;;
	-k) classes=1;;
	-B) big=1;;
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

# run_one CF IN INFILE: run both binaries on one pair (called through xargs)
run_one() {
	cf=$1 in=$2 infile=$3
	res=$OUT/res/$cf
	mkdir -p "$res"
	for who in ref ours; do
		if [ $who = ref ]; then bin=$REFBIN; else bin=$OURBIN; fi
		(cd "$OUT/run" && timeout "$TMO" sh "$top/test/lib/ns.sh" "$bin" -bt \
			-C "$OUT/cf/$cf.cf" < "$infile" \
			> "$res/$in.$who.out" 2> "$res/$in.$who.err"
		 echo $? > "$res/$in.$who.rc")
	done
}
if [ -n "$pair" ]; then run_one "$1" "$2" "$3"; exit 0; fi

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
rm -rf "$OUT/etc" "$OUT/cf" "$OUT/mc" "$OUT/res/${only:-}" "$OUT/run" "$OUT/in"
mkdir -p "$OUT/etc" "$OUT/cf" "$OUT/mc" "$OUT/res" "$OUT/run" "$OUT/in"
chmod 755 "$OUT" "$OUT/etc" "$OUT/cf" "$OUT/mc" "$OUT/res" "$OUT/run" "$OUT/in"
cp test/diff/data/* "$OUT/etc/"
chmod 644 "$OUT/etc/"*
mkmap() {  # mkmap class name: build $OUT/etc/name.db from data/name.src
	"$R/usr/libexec/sendmail/makemap" -C "$OUT/etc/makemap.cf" "$1" "$OUT/etc/$2" < "$OUT/etc/$2.src" \
		>> "$OUT/makemap.log" 2>&1 || echo "FAIL diff/setup: makemap $2"
}
: > "$OUT/makemap.log"
echo "# empty cf: makemap must not read /etc/mail/sendmail.cf" > "$OUT/etc/makemap.cf"
for m in access virtusertable mailertable domaintable genericstable \
	xaccess xvirtuser xgenerics xmailertable uudomain bitdomain authinfo; do mkmap hash $m; done
cp "$OUT/etc/canon-domains" "$OUT/etc/canonify-domains"
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
: > "$OUT/mcgen"
for mc in test/diff/mc/*.mc; do basename "$mc" .mc >> "$OUT/mcgen"; done
if [ "${DIFF_NOREF:-0}" = 0 ]; then
	sed "s|@OUT@|$OUT|g" test/diff/ref-hermetic.m4 > "$OUT/mc/ref-hermetic.m4"
	for mc in "$R"/usr/share/sendmail/cf/cf/*.mc; do
		n=ref-$(basename "$mc" .mc)
		m4 -D_CF_DIR_="$R/usr/share/sendmail/cf/" "$R/usr/share/sendmail/cf/m4/cf.m4" \
			"$mc" "$OUT/mc/ref-hermetic.m4" 2>> "$OUT/m4.log" |
			sed "s|/etc/mail/|$OUT/etc/|g" > "$OUT/cf/$n.cf" || echo "FAIL diff/setup: m4 $n"
		echo "$n" >> "$OUT/mcgen"
	done
fi
for cf in test/diff/cf/*.cf; do
	[ -f "$cf" ] || continue
	sed "s|@OUT@|$OUT|g" "$cf" > "$OUT/cf/$(basename "$cf")"
done

# generated inputs (seeded): gen-rand*.in for all mc-generated cfs, <cf>-auto*.in
gcfs=
for n in $(cat "$OUT/mcgen"); do
	[ -z "$only" ] || [ "$only" = "$n" ] || continue
	gcfs="$gcfs $OUT/cf/$n.cf"
done
python3 test/diff/gen_random.py "$OUT" test/diff/data ${big:+--big} $gcfs ||
	echo "FAIL diff/setup: gen_random.py"

[ -n "$setup_only" ] && exit 0
indir() {  # indir NAME: the directory holding input NAME.in
	if [ -f "test/diff/in/$1.in" ]; then echo "$top/test/diff/in"; else echo "$OUT/in"; fi
}
if [ -n "$verbose" ] && [ ! -f "$(indir "$vin")/$vin.in" ]; then   # "-v generic addr"
	for v in "all-$vin" "$vcf-$vin" "gen-$vin" "$vcf-auto${vin#auto}"; do
		[ -f "$(indir "$v")/$v.in" ] && vin=$v
	done
fi

# --- the (cf, input) pairs ---
list=$OUT/pairs
: > "$list"
for cf in "$OUT"/cf/*.cf; do
	n=$(basename "$cf" .cf)
	[ -z "$only" ] || [ "$only" = "$n" ] || continue
	ins=
	grep -qx "$n" "$OUT/mcgen" &&
		ins="$(ls test/diff/in/all-*.in "$OUT"/in/gen-*.in 2>/dev/null)"
	ins="$ins $(ls test/diff/in/"$n"-*.in "$OUT/in/$n"-auto*.in 2>/dev/null)"
	for i in $ins; do
		d=$(dirname "$i"); case $d in /*) ;; *) d=$top/$d;; esac
		i=$(basename "$i" .in)
		[ -z "$verbose" ] || [ "$i" = "$vin" ] || continue
		echo "$n $i $d/$i.in" >> "$list"
	done
done
if [ ! -s "$list" ]; then echo "FAIL diff/setup: no (cf, input) pairs selected"; exit 0; fi
if [ ! -x "$OURBIN" ]; then echo "FAIL diff/setup: $OURBIN not built"; exit 0; fi

xargs -P "$jobs" -n 3 sh "$top/test/diff/run.sh" --pair < "$list"

if [ -n "$verbose" ]; then
	python3 test/diff/compare.py show "$OUT" "$vcf" "$vin" "$(indir "$vin")/$vin.in"
	exit $?
fi
python3 test/diff/compare.py pairs "$OUT" "$list"
[ -n "$classes" ] && python3 test/diff/compare.py classes "$OUT" "$list"
exit 0
