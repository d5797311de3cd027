#!/bin/sh
# t_hoststat.sh - differential suite: hoststat (-bh, -bh -v, the hoststat
# personality), purgestat (-bH, Timeout.hoststatus) and mailstats (every
# flag) of ours against the reference sendmail 8.17. Host status trees and
# StatusFiles are synthesized in the reference's formats (python), some
# entries locked (flock) while listing. Prints "PASS name" / "FAIL name:
# detail". Writes only test/out/hoststat.
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
R=$(sh test/lib/ref-fetch.sh 2>/dev/null) || { echo "FAIL hoststat/setup: reference not available"; exit 1; }
RX=$R/usr/libexec/sendmail
[ -x sendmail/sendmail ] && [ -x mailq/mailstats ] || make -s sendmail/sendmail mailq/mailstats >/dev/null 2>&1
[ -x mailq/mailstats ] || { echo "FAIL hoststat/setup: mailstats not built"; exit 1; }
W=$top/test/out/hoststat
rm -rf "$W"; mkdir -p "$W/bin.ref" "$W/bin.ours" "$W/q"; chmod 755 "$W" "$W/q"
for n in sendmail hoststat purgestat; do
	ln -s "$RX/sendmail" "$W/bin.ref/$n"; ln -s "$top/sendmail/sendmail" "$W/bin.ours/$n"
done
ln -s "$RX/mailstats" "$W/bin.ref/mailstats"; ln -s "$top/mailq/mailstats" "$W/bin.ours/mailstats"
NS="sh $top/test/lib/ns.sh"
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# cf NAME 'extra O lines' - a small hand-written cf in $W
cf() {
	{ printf 'V10\nCwlocalhost\nO QueueDirectory=%s/q\n' "$W"; printf "$2"
	  printf 'Mlocal, P=/bin/cat, F=lsDFMAq5:/|@, S=10/30, R=20/40, A=cat\n'
	  printf 'Mprog, P=/bin/sh, F=lsDFMoqeu9, S=10/30, R=20/40, A=sh -c $u\n'
	  printf 'Msmtp, P=[IPC], F=mDFMuX, S=11/31, R=21, A=TCP $h\nS0\nR$+\t$#local $: $1\n'
	} > "$W/$1.cf"
}

# run WHO NAME ARGV... : stdout+stderr and status of one side into $W/out
run() {
	who=$1 name=$2; shift 2
	(cd "$W" && PATH="$W/bin.$who:$PATH" $NS "$@" > "out/$name.$who.out" 2> "out/$name.$who.err"; echo $? > "out/$name.$who.rc")
}
mkdir -p "$W/out"
# cmpcase NAME ARGV... : both sides, compare out/err/rc (retry on a second
# tick, since ages are relative to the current time)
cmpcase() {
	name=$1; shift
	for try in 1 2 3; do
		run ref "$name" "$@"; run ours "$name" "$@"
		d=""
		for x in out err rc; do
			cmp -s "$W/out/$name.ref.$x" "$W/out/$name.ours.$x" || d="$d $x"
		done
		[ -z "$d" ] && break
	done
	if [ -z "$d" ]; then ok "$name"; else ko "$name" "differs:$d (see $W/out/$name.*)"; fi
}

# ---- host status trees
python3 - "$W" <<'PY'
import os, sys, random, time
W = sys.argv[1]; r = random.Random(4)
now = int(time.time())
def put(root, rel, text, age=None):
    p = os.path.join(root, rel); os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p, 'w').write(text)
    if age is not None: os.utime(p, (now - age, now - age))
def rec(e=0, h=0, s=0, d=None, rr=None, u=None, dot=True):
    t = 'V0\nE%d\nH%d\nS%d\n' % (e, h, s)
    if d is not None: t += 'D%s\n' % d
    if rr is not None: t += 'R%s\n' % rr
    if u is not None: t += 'U%d\n' % u
    return t + ('.\n' if dot else '')
def path_of(host):
    labels = host.lower().split('.')
    return '/'.join([l + '.' for l in reversed(labels[1:])] + [labels[0]])
replies = ['421 4.4.1 Connection refused by remote host', '550 5.1.1 <u@x>... User unknown',
           '250 2.0.0 OK', '451 4.3.0 Temporary ' + 'x' * 120, '', 'short', '554 ' + 'y' * 70]
tlds = ['com', 'org', 'net', 'example', 'de', 'co.uk']
big = os.path.join(W, 'trees/big')
for i in range(400):
    depth = r.randint(0, 5)
    host = '.'.join(['h%d' % i] + [r.choice(['mail', 'mx', 'a', 'b-c', 'x1', 'sub']) for _ in range(depth)] + [r.choice(tlds)] * (depth > 0))
    if i % 37 == 0: host = '%d.%d.%d.%d' % (r.randint(1, 254), r.randint(0, 255), r.randint(0, 255), i % 250)
    if i % 53 == 0: host = host.upper()
    kind = r.random()
    e = r.choice([0, 0, 0, 111, 110, 113, 101, 2, 4, 256, 261, 277, 280, 300, 330, 356, 400, 5000, 20000, -3, 99999])
    s = r.choice([0, 0, 75, 75, 68, 67, 69, 64, 78, 79, 1, 200, -2])
    u = now - r.choice([0, 5, 59, 61, 3599, 3600, 3725, 86399, 86400, 90061, 10 * 86400 + 7, 400 * 86400]) if kind > 0.05 else None
    if 0.05 < kind < 0.08: u = now + r.choice([100, 90061])
    rr = r.choice(replies) if r.random() < 0.4 else None
    d = r.choice(['4.4.1', '5.1.2', '2.0.0', 'x' * 90]) if r.random() < 0.5 else None
    put(big, path_of(host), rec(e, r.randint(0, 4), s, d, rr, u, dot=r.random() > 0.05))
# odd files
put(big, 'com./bad./unk', 'V0\nE0\nX1\nU%d\n.\n' % now)
put(big, 'com./bad./empty', '')
put(big, 'com./bad./blank', 'V0\n\nE5\n.\n')
put(big, 'com./bad./v1', 'V1\nE5\nU%d\n.\n' % now)
put(big, 'com./bad./vneg', 'V-1\nE0\nS0\nU%d\n.\n' % now)
put(big, 'com./bad./crlf', 'V0\r\nE5\r\nS75\r\nU%d\r\n.\r\n' % now)
put(big, 'com./bad./dupr', 'V0\nR1 first\nR2 second\nU%d\n.\n' % now)
put(big, 'com./bad./spaces', 'V0\nE 12\nS 68\nU %d\n.\n' % now)
put(big, 'com./bad./after', rec(0, 0, 0, u=now) + 'X garbage\n')
put(big, 'com./bad./longline', 'V0\nR' + 'z' * 3000 + '\nU%d\n.\n' % now)
put(big, 'com./bad./.hidden', rec(u=now))
put(big, 'plain/inner', rec(u=now))
put(big, 'trail.', rec(u=now))
put(big, 'org./ww./f', rec(u=now)); os.chmod(os.path.join(big, 'org./ww.'), 0o777)
put(big, 'org./gw', rec(u=now)); os.chmod(os.path.join(big, 'org./gw'), 0o666)
os.symlink('gw', os.path.join(big, 'org./sym'))
os.mkfifo(os.path.join(big, 'org./fifo'))
for n in ('lock1', 'lock2'): put(big, 'net./locked./' + n, rec(111, 0, 75, u=now - 10))
# purge tree: files and dirs of various ages
pt = os.path.join(W, 'trees/purge')
for i in range(120):
    host = '.'.join(['p%d' % i] + [r.choice(['a', 'b', 'c'])] * r.randint(0, 3) + [r.choice(['com', 'org'])])
    put(pt, path_of(host), rec(u=now), age=r.choice([0, 60, 299, 301, 1700, 1801, 7200, 86400]))
for dname in ('empty.', 'emptynew.', 'emptyplain', 'com./deadend.', 'org./x./y.'):
    os.makedirs(os.path.join(pt, dname), exist_ok=True)
put(pt, 'top_old', rec(u=now), age=7200)
for dirpath, dirs, files in os.walk(pt, topdown=False):
    if dirpath != pt and not dirpath.endswith('emptynew.'):
        os.utime(dirpath, (now - 7200, now - 7200))
os.makedirs(os.path.join(W, 'trees/empty'))
os.makedirs(os.path.join(W, 'q/.rel./com.'))
put(os.path.join(W, 'q'), '.rel./com./relhost', rec(u=now))
put(os.path.join(W, 'q'), '.rel./bad', 'junk\n')
open(os.path.join(W, 'afile'), 'w').write('x')
open(os.path.join(W, 'trees/purge.t0'), 'w').write('%d\n' % now)
PY
chmod 755 "$W/trees" "$W/trees/"*

cf big "O HostStatusDirectory=$W/trees/big\n"
cf empty "O HostStatusDirectory=$W/trees/empty\n"
cf unset ""
cf missing "O HostStatusDirectory=$W/trees/nonexistent\n"
cf notdir "O HostStatusDirectory=$W/afile\n"
cf rel "O HostStatusDirectory=.rel\n"
cf relmissing "O HostStatusDirectory=.nothere\n"
sed "s|QueueDirectory=.*|QueueDirectory=$W/noqueue|" "$W/rel.cf" > "$W/noq.cf"
grep -v QueueDirectory "$W/big.cf" > "$W/unsetq.cf"

# hold flocks on two entries while listing
python3 - "$W/trees/big/net./locked./lock1" "$W/trees/big/net./locked./lock2" "$W/lock.ready" <<'PY' &
import fcntl, sys, time
a = open(sys.argv[1]); fcntl.flock(a, fcntl.LOCK_EX)
b = open(sys.argv[2]); fcntl.flock(b, fcntl.LOCK_SH)
open(sys.argv[3], 'w').close(); time.sleep(60)
PY
lockpid=$!
for i in 1 2 3 4 5 6 7 8 9 10; do [ -f "$W/lock.ready" ] && break; sleep 0.2; done

cmpcase bh-big sendmail -C big.cf -bh
cmpcase bh-big-v sendmail -C big.cf -bh -v
cmpcase bh-big-personality hoststat -C big.cf
cmpcase bh-big-personality-v hoststat -v -C big.cf
cmpcase bh-big-bad-only sendmail -C big.cf -bh -d0.0
kill "$lockpid" 2>/dev/null; wait "$lockpid" 2>/dev/null
cmpcase bh-big-unlocked sendmail -C big.cf -bh -v
for c in empty unset missing notdir rel relmissing noq unsetq; do
	cmpcase "bh-$c" sendmail -C $c.cf -bh
	cmpcase "bH-$c" sendmail -C $c.cf -bH
done
for c in empty rel; do cmpcase "hoststat-v-$c" hoststat -v -C $c.cf; done
[ -s "$W/out/bh-big.ref.out" ] && [ "$(wc -l < "$W/out/bh-big-v.ref.out")" -gt 400 ] && ok "bh-big-nonempty" || ko "bh-big-nonempty" "reference listing unexpectedly small"
grep -q '^\*' "$W/out/bh-big.ref.out" && ok "bh-big-has-locked" || ko "bh-big-has-locked" "no locked entry in the reference listing"

# ---- purgestat: each side on its own copy of the tree; compare what remains
tree() { (cd "$1" && find . | LC_ALL=C sort); }
pcase() {
	name=$1 timeout=$2 prog=$3
	for who in ref ours; do
		rm -rf "$W/ptree.$who"; cp -a "$W/trees/purge" "$W/ptree.$who"
		# ages as made, at this moment (files 299 s and 301 s old sit on
		# each side of 5m: a slow run must not age one across)
		python3 - "$W/ptree.$who" "$W/trees/purge.t0" <<'PY'
import os, sys, time
d = time.time() - int(open(sys.argv[2]).read())
for dp, dirs, files in os.walk(sys.argv[1], topdown=False):
    for n in files + [None]:
        p = os.path.join(dp, n) if n else dp
        st = os.lstat(p)
        os.utime(p, (st.st_atime + d, st.st_mtime + d), follow_symlinks=False)
PY
		sed "s|^O QueueDirectory.*|&\nO HostStatusDirectory=$W/ptree.$who|" "$W/unset.cf" > "$W/p.$who.cf"
		[ -n "$timeout" ] && printf 'O Timeout.hoststatus=%s\n' "$timeout" >> "$W/p.$who.cf"
		run $who "$name" $prog -C "p.$who.cf" $4
		tree "$W/ptree.$who" > "$W/out/$name.$who.tree"
	done
	d=""
	for x in out err rc tree; do cmp -s "$W/out/$name.ref.$x" "$W/out/$name.ours.$x" || d="$d $x"; done
	if [ -z "$d" ]; then ok "$name"; else ko "$name" "differs:$d"; fi
}
pcase bH-default "" sendmail -bH
pcase bH-5m 5m sendmail -bH
pcase bH-0 0 sendmail -bH
pcase bH-2d 2d sendmail -bH
pcase purgestat-personality 10m purgestat ""
[ "$(wc -l < "$W/out/bH-default.ref.tree")" -lt "$(cd "$W/trees/purge" && find . | wc -l)" ] && ok "bH-removed-something" || ko "bH-removed-something" "reference purge removed nothing"
# second purge run on the already purged copies (empty dirs now old?)
pcase2() {
	for who in ref ours; do
		find "$W/ptree.$who" -type d -exec touch -d '-3 hours' {} +
		run $who bH-again sendmail -C "p.$who.cf" -bH
		tree "$W/ptree.$who" > "$W/out/bH-again.$who.tree"
	done
	d=""
	for x in out err rc tree; do cmp -s "$W/out/bH-again.ref.$x" "$W/out/bH-again.ours.$x" || d="$d $x"; done
	if [ -z "$d" ]; then ok bH-again; else ko bH-again "differs:$d"; fi
}
pcase2

# ---- mailstats
S=$W/st; mkdir -p "$S"; chmod 755 "$S"
python3 - "$S" <<'PY'
import struct, sys, random
S = sys.argv[1]; r = random.Random(9)
def mk(name, itime, conn, arrays, magic=0x1B1DE, ver=4, size=1448, extra=b''):
    b = struct.pack('=iiqh6x', magic, ver, itime, size) + struct.pack('=3q', *conn)
    for a in arrays:
        b += struct.pack('=25q', *(list(a) + [0] * (25 - len(a))))
    open(S + '/' + name, 'wb').write(b + extra)
z = lambda: [0] * 25
a = [z() for _ in range(7)]
for m in (0, 3, 4):
    for k in range(7): a[k][m] = r.randint(1, 999)
mk('basic', 1700000000, (3, 4, 5), a)
a = [[r.choice([0, 0, 1, 7, 123456, 99999999]) for _ in range(25)] for _ in range(7)]
mk('full', 1600000000, (123456789, 2, 0), a)
a = [z() for _ in range(7)]
a[4][5] = 1; a[6][6] = 2; a[5][7] = 3; a[0][24] = 4; a[1][9] = 1 << 40; a[3][0] = -5; a[2][12] = 10 ** 12
mk('sparse', 1234567890, (0, 0, 0), a)
mk('zero', 1500000000, (0, 0, 0), [z() for _ in range(7)])
mk('wide', 1700000001, (10 ** 10, 10 ** 9, 10 ** 7), [[10 ** 9 + i for i in range(25)] for _ in range(7)])
mk('badmagic', 1, (1, 1, 1), [z() for _ in range(7)], magic=5)
mk('badver', 1, (1, 1, 1), [z() for _ in range(7)], ver=3)
mk('badsize', 1, (1, 1, 1), [z() for _ in range(7)], size=1000)
mk('long', 1700000000, (1, 2, 3), [[1] * 25 for _ in range(7)], extra=b'xxxx')
open(S + '/short', 'wb').write(open(S + '/basic', 'rb').read()[:100])
open(S + '/tiny', 'wb').write(b'\x01')
open(S + '/empty', 'wb').write(b'')
PY
printf 'V10\nO StatusFile=%s/st/basic\nMlocal, P=/bin/cat, A=cat\nMprog, P=/bin/sh, A=sh\nMsmtp, P=[IPC], A=TCP $h\nMesmtp,P=[IPC]\nM relay, P=[IPC]\nMuucp\tP=x\nMlocal, P=dup\nM*file*, P=x\nMcyrus#comment\nMlast   , P=x\n' "$W" > "$W/ms.cf"
printf 'Mlocal\nO StatusFile = /nonexistent#x\nOS%s/st/full\n' "$W" > "$W/ms2.cf"
printf 'Mlocal\n' > "$W/nost.cf"
printf 'O StatusFileX=/a\nO  StatusFile=/b\nOstatusfile=c\nO statusfile=%s/st/sparse  \nO StatusFile\n' "$W" > "$W/ms3.cf"
python3 -c "
import sys
print(''.join('Mm%d, P=x\n' % i for i in range(30)), end='')" > "$W/many.cf"
python3 -c "
import sys
print(''.join('Mm%d, P=x\n' % i for i in range(22)), end='')" > "$W/m22.cf"
msc() { name=$1; shift; cmpcase "ms-$name" mailstats "$@"; }
for f in basic full sparse zero wide long empty; do
	msc "$f" -C ms.cf -f st/$f
	msc "$f-o" -C ms.cf -o -f st/$f
done
for f in badmagic badver badsize short tiny nonexistent; do msc "$f" -C ms.cf -f st/$f; done
msc cf-statusfile -C ms.cf
msc cf-statusfile-last -C ms2.cf
msc cf-statusfile-forms -C ms3.cf
msc cf-nostatusfile -C nost.cf
msc cf-missing -C /nonexistent.cf
msc many-mailers -C many.cf -f st/full
msc m22 -C m22.cf -f st/full
msc submit -c -f st/basic
msc badopt -x
msc noarg -C
msc extra -C ms.cf extra
msc both-C-c -C ms.cf -c
# -P / -p print "<itime> <now>": mask the now
for who in ref ours; do
	mkdir -p "$W/pst.$who"
	for f in basic full sparse zero empty; do
		for fl in -P -p "-p -o" "-P -o"; do
			n=$(echo "$f$fl" | tr -d ' ')
			cp "$S/$f" "$W/pst.$who/$f"
			# times after 2026-09 are "now" (an empty file starts at now)
			(cd "$W" && PATH="$W/bin.$who:$PATH" mailstats -C ms.cf $fl -f pst.$who/$f 2>&1; echo "rc=$?") |
				awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i > 1790000000) $i = "NOW" } { print }' > "$W/out/p-$n.$who"
			(cd "$W" && PATH="$W/bin.$who:$PATH" mailstats -C ms.cf -P -f pst.$who/$f 2>&1; echo "rc=$?") |
				awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i > 1790000000) $i = "NOW" } { print }' > "$W/out/p-$n-after.$who"
			wc -c < "$W/pst.$who/$f" >> "$W/out/p-$n-after.$who"
		done
	done
done
for f in "$W"/out/p-*.ref; do
	b=$(basename "$f" .ref)
	if cmp -s "$f" "$W/out/$b.ours"; then ok "ms-$b"; else ko "ms-$b" "differs"; fi
done

echo "hoststat suite: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
