#!/bin/sh
# t_makemap.sh - differential suite: makemap and praliases (ours) against
# the reference sendmail 8.17 binaries. Same inputs through both makemaps
# must give the same stdout, stderr, exit status, files (mode, owner) and
# -u dumps; maps built by either are dumped by both and looked up by the
# reference sendmail -bt (/map); praliases output is compared on alias
# databases built by the reference newaliases (sendmail -bi).
# Prints "PASS name" / "FAIL name: detail". Writes only test/out/makemap.
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
R=$(sh test/lib/ref-fetch.sh 2>/dev/null) || { echo "FAIL makemap/setup: reference not available"; exit 1; }
RX=$R/usr/libexec/sendmail
[ -x makemap/makemap ] && [ -x makemap/praliases ] || make -s makemap/makemap makemap/praliases >/dev/null 2>&1
[ -x makemap/makemap ] || { echo "FAIL makemap/setup: makemap not built"; exit 1; }
W=$top/test/out/makemap
rm -rf "$W"; mkdir -p "$W/in" "$W/bin.ref" "$W/bin.ours"; chmod 755 "$W" "$W/in"
ln -s "$RX/makemap" "$W/bin.ref/makemap"; ln -s "$RX/praliases" "$W/bin.ref/praliases"
ln -s "$top/makemap/makemap" "$W/bin.ours/makemap"; ln -s "$top/makemap/praliases" "$W/bin.ours/praliases"
NS="sh $top/test/lib/ns.sh"
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# ---- inputs
I=$W/in
printf 'Foo bar\nbaz qux quux\nConnect:10.0.0.1 RELAY\nFrom:Spammer@Example.COM REJECT\n' > $I/basic
printf '# comment\n\nA b\nA c\na d\nB e\nb f\n' > $I/dups
printf 'a b\r\nc\0d e\nf g\0h\n\0xx\n   \n\t\n#c\nk\tv  w \nnorhs\nnorhs2   \nUP\tCASE Value\n%%pct x\n' > $I/odd
printf 'a:b\n:c\n d:e\nf::g: h\ni j:k\nl:\nm\n%%x:y\n#z:w\n' > $I/sep
printf 'k v' > $I/noeol
python3 - "$I" <<'PY'
import sys, random
d = sys.argv[1]
r = random.Random(7)
def w(n, s): open(d + '/' + n, 'w').write(s)
w('long', 'k ' + 'v' * 1100 + '\na b\n' + 'x' * 2100 + '\n' +
  ''.join('L%d %s\n' % (n, 'v' * (n - len('L%d ' % n))) for n in range(1018, 1027)) +
  'e ' + 'v' * 1021)
w('long2', 'q ' + 'v' * 1020)
lines = []
for i in range(6000):
    k = ''.join(r.choice('abcdefghijklmnopqrstuvwxyzABC0123456789.-@') for _ in range(r.randint(1, 30)))
    v = ' '.join(''.join(r.choice('abcdefxyz!#$%') for _ in range(r.randint(1, 8))) for _ in range(r.randint(1, 4)))
    lines.append('%s\t%s\n' % (k, v))
w('big', ''.join(lines))
w('big2', ''.join('key%d value%d\n' % (i, i) for i in range(20000)))
PY

# ---- one makemap case in both trees: NAME 'setup-cmds' INPUT ARGS...
# setup runs (sh -c) in each case directory first; INPUT is a file in $I
# or - for none. Stdout, stderr, status, files and dumps are compared.
mmcase() {
	name=$1 setup=$2 input=$3; shift 3
	for who in ref ours; do
		d=$W/$who/$name
		mkdir -p "$d"; chmod 755 "$d"
		cp "$W/cf/"*.cf "$d/"
		(cd "$d" && PATH="$W/bin.$who:$PATH" sh -c "$setup") >/dev/null 2>&1
		in=/dev/null; [ "$input" != - ] && in=$I/$input
		(cd "$d" && PATH="$W/bin.$who:$PATH" makemap "$@" < "$in" > "$d.out" 2> "$d.err"; echo $? > "$d.rc")
		(cd "$d" && for f in $(ls | sort); do stat -c '%n %a %U %F' "$f"; done) > "$d.files"
	done
	a=$W/ref/$name b=$W/ours/$name why=
	cmp -s "$a.out" "$b.out" || why="$why stdout"
	cmp -s "$a.err" "$b.err" || why="$why stderr"
	cmp -s "$a.rc" "$b.rc" || why="$why status($(cat $a.rc)/$(cat $b.rc))"
	cmp -s "$a.files" "$b.files" || why="$why files"
	for db in $(cd "$a" && ls *.db 2>/dev/null); do
		[ -f "$b/$db" ] || continue
		[ -L "$a/$db" ] && continue
		for dt in hash btree; do
			"$RX/makemap" -C "$a/m.cf" -u $dt "$a/$db" > "$a.$db.u" 2>/dev/null || continue
			"$RX/makemap" -C "$a/m.cf" -u $dt "$b/$db" > "$b.$db.u" 2>&1
			"$top/makemap/makemap" -C "$a/m.cf" -u $dt "$a/$db" > "$b.$db.uo" 2>&1
			cmp -s "$a.$db.u" "$b.$db.u" || why="$why dump($db)"
			cmp -s "$a.$db.u" "$b.$db.uo" || why="$why our-dump-of-ref($db)"
			break
		done
	done
	if [ -z "$why" ]; then ok "makemap/$name"; else ko "makemap/$name" "differs:$why (see $W/{ref,ours}/$name.*)"; fi
}

mkdir -p "$W/cf"
printf 'V10\n' > $W/cf/m.cf
printf 'V10\nO TrustedUser=nobody\n' > $W/cf/tu.cf
printf 'V10\nO TrustedUser = daemon\nO TrustedUser=bin\n' > $W/cf/tu2.cf
printf 'V10\nO TrustedUser=nosuchuser\n' > $W/cf/tu3.cf
printf 'V10\nO TrustedUser=65534\nO TrustedUserX=bin\nO  TrustedUser=bin\nOTrustedUser=bin\n' > $W/cf/tu4.cf
printf 'V10\nO TrustedUser=daemon # c\n' > $W/cf/tu5.cf
printf 'V10\nKfoo btree -o k1\nKbar hash k2.db\nKbaz dbm k3\nKq implicit k4\nKa hash -o -m k7 extra\nKb\tbtree\t-a.x\tk8\nKc  btree   k9\nkd btree k10\nKe hash k1\nKf\tbtree -o\tk11\nK g btree k12 \nKh btree k13\r\nKi  k14\nKj btree k15 # c\nKh host k16\nKk sequence a b k17\n' > $W/cf/k.cf

m=m.cf
mmcase usage '' - -C $m
mmcase usage1 '' - -C $m hash
mmcase usage3 '' - -C $m hash a b
mmcase badopt '' - -C $m -Z hash x
mmcase noarg-t '' - -C $m hash x -t
mmcase list '' - -l
mmcase listL '' - -L
mmcase listx '' - -x
mmcase list-after '' - -C $m -l -Z
for t in hash btree implicit; do
	mmcase basic-$t '' basic -C $m $t map
	mmcase basicN-$t '' basic -C $m -N $t map
	mmcase basicf-$t '' basic -C $m -f $t map
	mmcase dups-$t '' dups -C $m $t map
	mmcase dupsr-$t '' dups -C $m -r $t map
	mmcase dupsd-$t '' dups -C $m -d $t map
	mmcase dupsdv-$t '' dups -C $m -d -v $t map
	mmcase odd-$t '' odd -C $m -v $t map
	mmcase odde-$t '' odd -C $m -e -v $t map
	mmcase oddN-$t '' odd -C $m -N -e $t map
	mmcase sep-$t '' sep -C $m -v -t: $t map
	mmcase sepD-$t '' sep -C $m -v -t: -D% -e $t map
	mmcase sepnone-$t '' sep -C $m -t '' $t map
	mmcase comnone-$t '' sep -C $m -D '' -v $t map
	mmcase long-$t '' long -C $m $t map
	mmcase long2-$t '' long2 -C $m $t map
	mmcase noeol-$t '' noeol -C $m $t map
	mmcase big-$t '' big -C $m $t map
	mmcase bigN-$t '' big -C $m -N -r $t map
	mmcase big2-$t '' big2 -C $m $t map
	mmcase cache-$t '' big2 -C $m -c 65536 $t map
	mmcase cachebad-$t '' basic -C $m -c abc $t map
	mmcase dotdb-$t '' basic -C $m $t map.db
	mmcase dump-$t "makemap -C $m -N $t map < $I/basic" - -C $m -u $t map
	mmcase dumpsep-$t "makemap -C $m $t map < $I/basic" - -C $m -u -t: $t map
	mmcase append-$t "makemap -C $m $t map < $I/basic" dups -C $m -o $t map
	mmcase appendr-$t "makemap -C $m $t map < $I/basic" dups -C $m -o -r $t map
	mmcase append-missing-$t '' basic -C $m -o $t map
	mmcase dump-missing-$t '' - -C $m -u $t map
	mmcase junk-$t 'echo junk > map.db' basic -C $m $t map
	mmcase junk-o-$t 'echo junk > map.db' basic -C $m -o $t map
	mmcase junk-u-$t 'echo junk > map.db' - -C $m -u $t map
	mmcase mode-$t "makemap -C $m $t map < $I/dups; chmod 604 map.db" basic -C $m -r $t map
	mmcase symlink-$t "makemap -C $m $t real < $I/dups; ln -s real.db map.db" basic -C $m $t map
	mmcase symlinks-$t "makemap -C $m $t real < $I/dups; ln -s real.db map.db" basic -C $m -s $t map
	mmcase symlinkso-$t "makemap -C $m $t real < $I/dups; ln -s real.db map.db" basic -C $m -s -o -r $t map
	mmcase symlinksu-$t "makemap -C $m $t real < $I/dups; ln -s real.db map.db" - -C $m -s -u $t map
	mmcase danglings-$t "ln -s real.db map.db" basic -C $m -s $t map
	mmcase hardlink-$t "makemap -C $m $t real < $I/dups; ln real.db map.db" basic -C $m $t map
	mmcase hardlinks-$t "makemap -C $m $t real < $I/dups; ln real.db map.db" basic -C $m -s -r $t map
	mmcase wwdir-$t 'mkdir -p ww/sub; chmod 777 ww' basic -C $m $t ww/sub/map
	mmcase gwdir-$t 'mkdir -p gw; chmod 775 gw' basic -C $m $t gw/map
	mmcase nodir-$t '' basic -C $m $t nodir/map
	mmcase tu-$t '' basic -C tu.cf $t map
	mmcase tu2-$t '' basic -C tu2.cf $t map
	mmcase tu3-$t '' basic -C tu3.cf $t map
	mmcase tu4-$t '' basic -C tu4.cf $t map
	mmcase tu5-$t '' basic -C tu5.cf $t map
	mmcase tu-u-$t "makemap -C $m $t map < $I/basic" - -C tu.cf -u $t map
	mmcase tu-o-$t "makemap -C $m $t map < $I/basic" dups -C tu.cf -o -r $t map
done
mmcase btree-as-hash 'makemap -C m.cf btree map < '$I/basic - -C $m -u hash map
mmcase hash-as-btree 'makemap -C m.cf hash map < '$I/basic basic -C $m -o btree map
mmcase nocf '' basic -C nosuch.cf hash map
mmcase nocf-u '' - -C nosuch.cf -u hash map
mmcase nocf-cf '' basic -C nosuch.cf cf map
for ty in dbm cdb ndbm HASH ldap; do mmcase type-$ty '' basic -C $m $ty map; done
for k in k1 k2 k2.db k3 k4 k7 k8 k9 k10 k11 k12 k13 k14 k15 k16 k17 k5; do
	mmcase cf-$k '' basic -C k.cf cf $k
	mmcase CF-$k '' basic -C k.cf -v CF $k
done
mmcase cf-fallback '' basic -C k.cf -i btree cf k5
mmcase cf-fallbackv '' basic -C k.cf -v -i btree cf k5
mmcase cf-fallbackbad '' basic -C k.cf -i zzz cf k5
mmcase cf-i-ignored '' basic -C k.cf -i btree hash k6
mmcase usage-nocf '' - -C nosuch.cf hash
mmcase verbose-u "makemap -C $m hash map < $I/basic" - -C $m -v -u hash map
mmcase sep-u-N "makemap -C $m -N -t: btree map < $I/sep" - -C $m -u -t: btree map
mmcase opts-all '' sep -C $m -N -c 200000 -D % -d -e -f -r -s -t : -v btree map

# ---- lookups: the reference sendmail -bt answers /map queries the same on
# our maps and on its own (hash and btree, with and without -N)
cat > $W/cf/bt.cf.in <<'XX'
V10
O QueueDirectory=@W@/q
Khm hash @D@/lk-hash.db
Khn hash -N @D@/lkN-hash.db
Kbm btree @D@/lk-btree.db
Kbn btree @D@/lkN-btree.db
Kha hash -A @D@/lk-hash.db
S0
R$+	$#local $: $1
Mlocal, P=/bin/true, F=lsDFMAw5:/|@q, S=10/30, R=20/40, A=mail -d $u
XX
mkdir -p $W/q; chmod 700 $W/q
awk 'NR % 97 == 1 { print "/map hm " $1; print "/map hn " $1; print "/map bm " $1; print "/map bn " $1; print "/map ha " toupper($1) }' $I/big > $W/in/queries
printf '/map hm foo\n/map hm Foo\n/map hm connect:10.0.0.1\n/map hn from:spammer@example.com\n/map bm nosuch\n/map bn baz\n' >> $W/in/queries
for who in ref ours; do
	D=$W/$who/lookup; mkdir -p $D; chmod 755 $D
	for t in hash btree; do
		cat $I/big $I/basic | PATH="$W/bin.$who:$PATH" makemap -C $W/cf/m.cf -r $t $D/lk-$t > /dev/null 2>&1
		cat $I/big $I/basic | PATH="$W/bin.$who:$PATH" makemap -C $W/cf/m.cf -N -r $t $D/lkN-$t > /dev/null 2>&1
	done
	sed "s|@W@|$W|; s|@D@|$D|g" $W/cf/bt.cf.in > $D/bt.cf
	(cd $D && $NS "$RX/sendmail" -bt -C $D/bt.cf < $W/in/queries > $D.bt 2>&1)
done
if [ "$(grep -c . $W/ref/lookup.bt)" -gt 100 ] && cmp -s $W/ref/lookup.bt $W/ours/lookup.bt; then
	ok "makemap/lookup-sendmail-bt ($(grep -c . $W/in/queries) queries)"
else
	ko makemap/lookup-sendmail-bt "reference sendmail answers differ (see $W/{ref,ours}/lookup.bt)"
fi

# ---- praliases on alias databases built by the reference newaliases
A=$W/alias; mkdir -p $A; chmod 755 $A
cat > $A/aliases <<'XX'
# test aliases
root: admin
MAILER-DAEMON: postmaster
postmaster: root
list: a, b,
	c
list2: x, \
 y
Owner-List: someone
prog: "|/bin/cat"
file: /tmp/file
incl: :include:/etc/list
XX
python3 -c "
import random; r = random.Random(3)
for i in range(800): print('user%d: %s' % (i, ', '.join('m%d@h%d.example' % (r.randint(0, 99), r.randint(0, 9)) for _ in range(r.randint(1, 5)))))" > $A/aliases2
cat > $A/pa.cf.in <<'XX'
V10
O AliasFile=@A@/aliases
O QueueDirectory=@W@/q
S0
R$+	$#local $: $1
Mlocal, P=/bin/true, F=lsDFMAw5:/|@q, S=10/30, R=20/40, A=mail -d $u
XX
sed "s|@A@|$A|; s|@W@|$W|" $A/pa.cf.in > $A/pa.cf
sed "s|@A@/aliases|hash:$A/aliases,$A/aliases2|; s|@W@|$W|" $A/pa.cf.in > $A/pa2.cf
sed "s|^O AliasFile=@A@/aliases|OA$A/aliases2\nO AliasFile = nis:x, $A/aliases , sequence:y|; s|@W@|$W|" $A/pa.cf.in > $A/pa3.cf
printf 'V10\n' > $A/none.cf
(cd $A && $NS "$RX/sendmail" -bi -C $A/pa2.cf > $A/bi.out 2>&1)
printf 'a b\nc d\n' | "$RX/makemap" -C $A/none.cf hash $A/mm > /dev/null 2>&1
printf 'a b\nc d\n' | "$RX/makemap" -C $A/none.cf -N btree $A/mmb > /dev/null 2>&1
pacase() {
	name=$1; shift
	for who in ref ours; do
		(cd $A && PATH="$W/bin.$who:$PATH" praliases "$@" > $A/$name.$who.out 2> $A/$name.$who.err; echo $? > $A/$name.$who.rc)
	done
	why=
	for x in out err rc; do cmp -s $A/$name.ref.$x $A/$name.ours.$x || why="$why $x"; done
	if [ -z "$why" ]; then ok "praliases/$name"; else ko "praliases/$name" "differs:$why (see $A/$name.*)"; fi
}
grep -q '^.*aliases2: 800 aliases' $A/bi.out && ok praliases/newaliases-built || ko praliases/newaliases-built "$(head -3 $A/bi.out)"
pacase dump -C $A/pa.cf
pacase dump2 -C $A/pa2.cf
pacase dump3 -C $A/pa3.cf
pacase keys -C $A/pa.cf root list mailer-daemon MAILER-DAEMON nosuch @ owner-list
pacase keys2 -C $A/pa2.cf user1 user799 user800 root
pacase nocf -C $A/nosuch.cf
pacase none -C $A/none.cf
pacase f -f $A/aliases
pacase f-hash -f hash:$A/aliases root
pacase f-btree -f btree:$A/aliases
pacase f-flags -f "hash:-o $A/aliases" list
pacase f-dotdb -f $A/aliases.db
pacase f-missing -f $A/nosuch
pacase f-missing-hash -f hash:$A/nosuch
pacase f-nis -f nis:aliases
pacase f-implicit -f implicit:aliases
pacase f-makemap -f mm a c x
pacase f-makemap-btree -f mmb a c x
pacase f-makemap-btree-typed -f btree:mmb
pacase list -l
pacase badopt -x
pacase noarg -f
pacase dashdash -f $A/aliases -- -x root

echo "makemap suite: $pass passed, $fail failed"
[ $fail -eq 0 ]
