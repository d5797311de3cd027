#!/bin/sh
# test/diff/t_verify.sh - differential tests of `sendmail -bv` (alias
# expansion, :include:, .forward, loops, errors, owner- lists, -v, -n):
# Osprey against the reference sendmail 8.17 for the same generated cf,
# aliases.db (built by the REFERENCE newaliases) and arguments; stdout,
# stderr and exit status must be identical.
# Touches only test/out/verify/ (and .cache/ref through test/lib/ref-fetch.sh).
# Usage: sh test/diff/t_verify.sh [-o BIN]   (BIN default sendmail/sendmail)
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
ours=$top/sendmail/sendmail
[ "$1" = -o ] && { ours=$2; case $ours in /*) ;; *) ours=$top/$ours;; esac; }
OUT=$top/test/out/verify/t
R=$(sh test/lib/ref-fetch.sh 2>"$top/test/out/ref-fetch.log") || R=
REF=$R/usr/libexec/sendmail/sendmail
if [ -z "$R" ] || [ ! -x "$REF" ]; then
	echo "FAIL verify/setup: reference not available"; exit 0
fi
rm -rf "$OUT"
mkdir -p "$OUT/etc" "$OUT/fwd" "$OUT/inc" "$OUT/q" "$OUT/res"
chmod 755 "$top/test/out/verify" "$OUT" "$OUT/etc" "$OUT/fwd" "$OUT/inc" "$OUT/res"
chmod 700 "$OUT/q"
printf 'hosts files\naliases files\n' > "$OUT/etc/service.switch"
cat > "$OUT/etc/hosts" <<EOF
127.0.0.1	localhost
192.0.2.1	vm.example.com vm
EOF
echo vm.example.com > "$OUT/etc/local-host-names"
: > "$OUT/etc/trusted-users"
cat > "$OUT/v.mc" <<EOF
VERSIONID(\`osprey verify')dnl
define(\`confSERVICE_SWITCH_FILE', \`$OUT/etc/service.switch')dnl
define(\`confHOSTS_FILE', \`$OUT/etc/hosts')dnl
define(\`confCW_FILE', \`$OUT/etc/local-host-names')dnl
define(\`confCT_FILE', \`$OUT/etc/trusted-users')dnl
define(\`ALIAS_FILE', \`$OUT/etc/aliases')dnl
OSTYPE(\`linux')dnl
DOMAIN(\`generic')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
EOF
m4 -D_CF_DIR_="$R/usr/share/sendmail/cf/" "$R/usr/share/sendmail/cf/m4/cf.m4" \
	"$OUT/v.mc" > "$OUT/v.cf.in" || echo "FAIL verify/setup: m4"
sed -e "s|^O ForwardPath=.*|O ForwardPath=$OUT/fwd/\$u.a:$OUT/fwd/\$u|" \
    -e "s|^O QueueDirectory=.*|O QueueDirectory=$OUT/q|" "$OUT/v.cf.in" > "$OUT/v.cf"
I=$OUT/inc
cat > "$OUT/etc/aliases" <<EOF
postmaster: root
mailer-daemon: postmaster
list1: root, daemon
nested: list1, nobody, bin
deep: nested, sys
prog: "|/bin/cat"
file: /tmp/xx
inc: :include:$I/inc1
incmiss: :include:$I/nosuch
incgw: :include:$I/gw
incnest: :include:$I/nest
loop1: loop2
loop2: loop1
l0: l1
l1: l2
l2: l3
l3: l4
l4: l5
l5: l6
l6: l7
l7: l8
l8: l9
l9: l10
l10: l11
l11: l12
l12: root
err: error:nouser No such person
remote: joe@example.com, x@[192.0.2.7]
mylist: root, daemon
owner-mylist: root
owner-biglist: a@b, c
biglist: daemon, mylist
self: self, root
bs: \\root
unk: nosuchuser
mixed: root, nosuchuser, "|/bin/echo hi", /tmp/f1, joe@example.com
dup: root, root, daemon, root
sp: root ,  daemon  , bin
upper: ROOT, Daemon
quoted: "root", "sp ace"
nouser1: nouser2
nouser2: nouser3
tofwd: sync
EOF
printf 'root\ndaemon, nobody\n# comment\n\nbin #@# comment\n' > "$I/inc1"
printf 'root\n' > "$I/gw"; chmod 664 "$I/gw"
printf ':include:%s\nsys\n' "$I/inc1" > "$I/nest"
printf 'root, "|/bin/true"\n' > "$OUT/fwd/daemon"
printf '\\bin, /tmp/fwdfile\n' > "$OUT/fwd/bin"
printf 'sync, list1\n' > "$OUT/fwd/sync"
printf 'nobody\n' > "$OUT/fwd/games"; chmod 666 "$OUT/fwd/games"
printf '# only a comment\n' > "$OUT/fwd/man"
printf 'loop1\n' > "$OUT/fwd/lp.a"
chmod 644 "$OUT/fwd/daemon" "$OUT/fwd/bin" "$OUT/fwd/sync" "$OUT/fwd/man" "$OUT/fwd/lp.a"
(cd "$OUT" && sh "$top/test/lib/ns.sh" "$REF" -bi -C "$OUT/v.cf" > "$OUT/newaliases.log" 2>&1) ||
	echo "FAIL verify/setup: reference newaliases"
n=0
while IFS= read -r args; do
	case $args in ''|'#'*) continue;; esac
	n=$((n + 1))
	for who in ref ours; do
		if [ $who = ref ]; then bin=$REF; else bin=$ours; fi
		# shellcheck disable=SC2086
		(cd "$OUT" && eval "timeout 30 sh '$top/test/lib/ns.sh' '$bin' -C '$OUT/v.cf' $args" \
			> "$OUT/res/$n.$who.out" 2> "$OUT/res/$n.$who.err" < /dev/null
		 echo $? > "$OUT/res/$n.$who.rc")
	done
	name=$(printf "verify/%s(%s)" "$n" "$args")
	if cmp -s "$OUT/res/$n.ref.out" "$OUT/res/$n.ours.out" &&
	   cmp -s "$OUT/res/$n.ref.err" "$OUT/res/$n.ours.err" &&
	   cmp -s "$OUT/res/$n.ref.rc" "$OUT/res/$n.ours.rc"; then
		echo "PASS $name"
	else
		echo "FAIL $name: see $OUT/res/$n.*"
	fi
done <<'EOF'
-bv root
-bv list1
-bv -v list1
-bv nested
-bv -v deep
-bv -v prog
-bv file
-bv -v inc
-bv -v incmiss
-bv -v incgw
-bv -v incnest
-bv -v loop1
-bv -v l0
-bv l0
-bv -v l2
-bv -v err
-bv -v remote
-bv -v mylist
-bv -v biglist
-bv -v self
-bv -v bs
-bv unk
-bv -v mixed
-bv -v dup
-bv -v sp
-bv -v upper
-bv -v quoted
-bv -v nouser1
-bv -v daemon
-bv daemon
-bv -v bin
-bv -v sync
-bv -v tofwd
-bv -v games
-bv -v man
-bv -v postmaster
-bv -v MAILER-DAEMON
-bv -v PostMaster
-bv -v root list1 root nosuchuser
-bv -v "root, daemon" nobody
-bv -v '|/bin/cat'
-bv /tmp/x
-bv ':include:/etc/passwd'
-bv -v joe@example.com root@vm.example.com '<root>' '\root'
-bv ''
-bv -v -n list1 root
-bv -n nested
-bv -v 'root daemon'
-bv -v 'a@b@c'
-bv -v '<unbalanced'
-bv a@zz.com b@aa.com root c@mm.com d@aa.com 'x@[192.0.2.9]' '|/bin/x' daemon
-bv e@AB.com d@aa.com c@aa.Com b@aa.com bin /tmp/q
-bv -v root@vm.example.com remote list1
-bv -v lp
-bv
EOF
