#!/bin/sh
# test/diff/t_verify.sh - differential tests of `sendmail -bv` (alias
# expansion, :include:, .forward, loops, errors, owner- lists, -v, -n):
# Osprey against the reference sendmail 8.17 for the same generated cf,
# aliases.db (built by the REFERENCE newaliases) and arguments; stdout,
# stderr and exit status must be identical.
# Touches only test/out/verify/ (and .cache/ref through test/lib/ref-fetch.sh).
# Then random alias graphs (test/diff/verify_gen.py, seeded: the default
# run is one fixed seed, deterministic and fast; -s FIRST:COUNT and -c N
# run larger sweeps: COUNT seeds from FIRST, N cases each).
# Usage: sh test/diff/t_verify.sh [-o BIN] [-s FIRST:COUNT] [-c N]
#        (BIN default sendmail/sendmail; default -s 1:1 -c 60)
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
ours=$top/sendmail/sendmail
seeds=1:1 ncases=60
while [ $# -gt 1 ]; do
	case $1 in
	-o) ours=$2; case $ours in /*) ;; *) ours=$top/$ours;; esac;;
	-s) seeds=$2;;
	-c) ncases=$2;;
	*) break;;
	esac
	shift 2
done
OUT=$top/test/out/verify/t
# a sweep works in its own directory (the suite may run the default meanwhile)
[ "$seeds:$ncases" = 1:1:60 ] || OUT=$top/test/out/verify/sweep
R=$(sh test/lib/ref-fetch.sh 2>"$top/test/out/ref-fetch.log") || R=
REF=$R/usr/libexec/sendmail/sendmail
if [ -z "$R" ] || [ ! -x "$REF" ]; then
	echo "FAIL verify/setup: reference not available"; exit 0
fi
rm -rf "$OUT"
mkdir -p "$OUT/etc" "$OUT/fwd" "$OUT/inc" "$OUT/q" "$OUT/res"
# a private copy: the tree may be rebuilt while the cases run
cp "$ours" "$OUT/osprey-sendmail" && ours=$OUT/osprey-sendmail
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
# mkcf NAME FORWARDPATH: a cf with that ForwardPath (cf-level $ macros;
# a -O on the command line keeps '$' literal, as the reference does)
mkcf() {
	sed -e "s|^O ForwardPath=.*|O ForwardPath=$2|" \
	    -e "s|^O QueueDirectory=.*|O QueueDirectory=$OUT/q|" "$OUT/v.cf.in" > "$OUT/$1.cf"
}
mkcf v "$OUT/fwd/\$u.a:$OUT/fwd/\$u"
mkcf fp "$OUT/fwd2/\$u"
mkcf fph "$OUT/fwd2/\$u+\$h:$OUT/fwd2/\$u"
mkcf fpw "$OUT/fwd2/\$u.\$w:$OUT/fwd2/\$u"
mkcf fpwh "$OUT/fwd2/\$u.\$w+\$h:$OUT/fwd2/\$u"
mkcf fpdirs "$OUT/fwd2/gwd/\$u:$OUT/fwd2/wwd/\$u:$OUT/fwd2/ok/\$u"
mkcf fpww "$OUT/fwd2/wwd/\$u:$OUT/fwd2/ok/\$u"
mkcf fpgw "$OUT/fwd2/gwd/\$u:$OUT/fwd2/ok/\$u"
mkcf fpwwonly "$OUT/fwd2/wwd/\$u"
mkcf fpnosuch "$OUT/fwd2/gwd/nosuch:$OUT/fwd2/ok/\$u"
mkcf fpnodir "$OUT/fwd2/nosuchdir/\$u:$OUT/fwd2/ok/\$u"
mkcf fpempty ""
mkcf fptrail "$OUT/fwd2/\$u:"
mkcf fpz "\$z/.forward"
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
# ---- a second forward tree for the safety / ForwardPath / +detail cases
F=$OUT/fwd2
mkdir -p "$F/gwd" "$F/wwd" "$F/ok" "$I/wwd" "$I/gwd"
chmod 755 "$F" "$F/ok"; chmod 775 "$F/gwd" "$I/gwd"; chmod 1777 "$F/wwd"; chmod 777 "$I/wwd"
printf '"|/bin/gwprog", /tmp/gwfile, root\n' > "$F/mail"; chmod 664 "$F/mail"
printf '"|/bin/wwprog", /tmp/wwfile, root\n' > "$F/news"; chmod 666 "$F/news"
printf 'root\n' > "$F/uucp"; chown 2:2 "$F/uucp"; chmod 644 "$F/uucp"
ln -s "$F/mail" "$F/proxy"
printf ':include:%s\n' "$I/inc1" > "$F/list"
printf '\\irc, "|/bin/x"\n' > "$F/irc"
printf '"|/bin/pgprog", /tmp/pgfile, \\postgres\n' > "$F/postgres"
printf 'root\n' > "$F/postgres+foo"
printf 'list1\n' > "$F/lp"
printf 'sync\n' > "$F/man"
printf '"|/bin/x"\n' > "$F/games"
printf 'nosuchuser, daemon\n' > "$F/sys"
printf '"|/bin/rootgw"\n' > "$F/gwd/root"
printf '"|/bin/rootww", /tmp/rootww\n' > "$F/wwd/root"
printf 'root, "|/bin/rootok"\n' > "$F/ok/root"
printf 'nobody\n' > "$F/postgres+"
printf 'daemon\n' > "$F/backup.vm"
printf 'bin\n' > "$F/backup"
printf '"|/bin/gwd", root\n' > "$F/gwd/www-data"
printf '"|/bin/wwd", root\n' > "$F/wwd/www-data"
printf '"|/bin/okprog"\n' > "$F/ok/www-data"
printf 'postgres, "|/bin/p2"\n' > "$F/cloudsdk"; chown 1000:1000 "$F/cloudsdk"
for f in lp man games sys gwd/root wwd/root ok/root irc postgres postgres+foo postgres+ backup.vm backup gwd/www-data wwd/www-data ok/www-data list; do
	chmod 644 "$F/$f"
done
# include files: world-writable, in unsafe dirs, owned by other users
printf '"|/bin/incww", /tmp/incwwf, root\n' > "$I/ww"; chmod 666 "$I/ww"
printf '"|/bin/incgw", /tmp/incgwf, daemon\n' > "$I/gwp"; chmod 664 "$I/gwp"
printf '"|/bin/incd", root\n' > "$I/wwd/f"; chmod 644 "$I/wwd/f"
printf '"|/bin/incg", root\n' > "$I/gwd/f"; chmod 644 "$I/gwd/f"
printf '"|/bin/bydaemon", /tmp/bydaemon, root\n' > "$I/bydaemon"; chown 1:1 "$I/bydaemon"
printf '"|/bin/bypg", /tmp/bypg, root\n' > "$I/bypg"; chown 101:104 "$I/bypg"
printf '"|/bin/byuid", /tmp/byuid, root\n' > "$I/byuid"; chown 4242:4242 "$I/byuid"
printf ':include:%s\n' "$I/bypg" > "$I/nestpg"; chown 101:104 "$I/nestpg"
cat >> "$OUT/etc/aliases" <<EOF2
incww: :include:$I/ww
incgwp: :include:$I/gwp
incwwd: :include:$I/wwd/f
incgwd: :include:$I/gwd/f
incbyd: :include:$I/bydaemon
incbypg: :include:$I/bypg
incbyuid: :include:$I/byuid
incnestpg: :include:$I/nestpg
incdir: :include:$I
increl: :include:inc1
tomail: mail
tonews: news
toirc: irc
topg: postgres
prog2: "|/bin/prog2 arg", root
EOF2
# owner- lists: recipients split into envelopes per owner (report order)
mkdir -p "$OUT/own"; chmod 755 "$OUT/own"
cat > "$OUT/own/aliases" <<EOF2
la: daemon, bin
owner-la: root
lb: sys, sync
owner-lb: nobody
lc: games, man
owner-lc: "|/bin/x"
ld: lp, la
top: mail, la, news, lb, uucp
le: x@example.com, y@example.org, root, z@example.com
owner-le: nobody
owner-lf: nobody
lf: lp, la
owner-x: nobody
owner-owner: daemon
owner-lg: bin
lg: sys
EOF2
(cd "$OUT" && sh "$top/test/lib/ns.sh" "$REF" -bi -C "$OUT/v.cf" -OAliasFile="$OUT/own/aliases" \
	> "$OUT/own/newaliases.log" 2>&1)
# alias databases: out of date, none (text version), no "@" sentinel
mkdir -p "$OUT/old" "$OUT/nodb" "$OUT/nos"; chmod 755 "$OUT/old" "$OUT/nodb" "$OUT/nos"
printf 'list1: root\nlist2: daemon, list1\nroot: nobody\n' > "$OUT/nodb/aliases"
printf 'list1: root\nlist2: daemon, list1\n' > "$OUT/nos/aliases"
touch -d '2001-01-01' "$OUT/nos/aliases"
printf 'list1 root\nlist2 daemon, list1\n' | "$R/usr/sbin/makemap" -C "$OUT/v.cf" -N hash "$OUT/nos/aliases"
(cd "$OUT" && sh "$top/test/lib/ns.sh" "$REF" -bi -C "$OUT/v.cf" > "$OUT/newaliases.log" 2>&1) ||
	echo "FAIL verify/setup: reference newaliases"
cp -p "$OUT/etc/aliases" "$OUT/etc/aliases.db" "$OUT/old/"
touch -d '2037-01-01' "$OUT/old/aliases"
n=0
pass=0 fail=0
run_cases() {
while IFS= read -r args; do
	case $args in ''|'#'*) continue;; esac
	n=$((n + 1))
	args=$(printf '%s' "$args" | sed "s#@T@#$OUT#g")
	cf=v
	case $args in CF=*) cf=${args%% *}; cf=${cf#CF=}; args=${args#* };; esac
	for who in ref ours; do
		if [ $who = ref ]; then bin=$REF; else bin=$ours; fi
		# shellcheck disable=SC2086
		(cd "$OUT" && eval "timeout 30 sh '$top/test/lib/ns.sh' '$bin' -C '$OUT/$cf.cf' $args" \
			> "$OUT/res/$n.$who.out" 2> "$OUT/res/$n.$who.err" < /dev/null
		 echo $? > "$OUT/res/$n.$who.rc")
	done
	name=$(printf "verify/%s(%s%s)" "$n" "$([ $cf = v ] || echo "CF=$cf ")" "$args")
	if cmp -s "$OUT/res/$n.ref.out" "$OUT/res/$n.ours.out" &&
	   cmp -s "$OUT/res/$n.ref.err" "$OUT/res/$n.ours.err" &&
	   cmp -s "$OUT/res/$n.ref.rc" "$OUT/res/$n.ours.rc"; then
		echo "PASS $name"; pass=$((pass + 1))
	else
		echo "FAIL $name: see $OUT/res/$n.*"; fail=$((fail + 1))
	fi
done
}
run_cases <<'EOF'
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
# forward safety (fwd2 tree) and DontBlameSendmail
CF=fp -bv -v mail news uucp proxy list irc postgres
CF=fp -bv -v tomail tonews toirc topg
CF=fp -bv -v -ODontBlameSendmail=groupwritableforwardfile mail
CF=fp -bv -v -ODontBlameSendmail=groupwritableforwardfile,groupwritableforwardfilesafe mail
CF=fp -bv -v -ODontBlameSendmail=worldwritableforwardfile news
CF=fp -bv -v -ODontBlameSendmail=worldwritableforwardfile,groupwritableforwardfile mail news
CF=fp -bv -v -ODontBlameSendmail=linkedforwardfileinwritabledir proxy
CF=fp -bv -v -ODontBlameSendmail=filedeliverytosymlink,groupwritableforwardfile proxy
CF=fp -bv -v cloudsdk
CF=fpdirs -bv -v www-data
CF=fpww -bv -v www-data
CF=fpgw -bv -v -ODontBlameSendmail=forwardfileinunsafedirpath www-data
CF=fpww -bv -v -ODontBlameSendmail=forwardfileinunsafedirpath www-data
CF=fpwwonly -bv -v -ODontBlameSendmail=forwardfileinunsafedirpath,forwardfileinunsafedirpathsafe www-data
CF=fpnosuch -bv -v www-data
CF=fpnosuch -bv -v -ODontBlameSendmail=dontwarnforwardfileinunsafedirpath www-data
CF=fpnodir -bv -v www-data
# ForwardPath entries with $h (+detail) and $w
CF=fph -bv -v postgres+foo postgres+bar postgres
CF=fph -bv -v 'postgres+'
CF=fpw -bv -v backup
CF=fpwh -bv -v backup+x backup
CF=fpempty -bv -v daemon
CF=fpz -bv -v daemon root postgres cloudsdk
-bv -v '-OForwardPath=@T@/fwd2/$u' postgres
-bv -v '-OForwardPath=@T@/fwd2/postgres' postgres daemon
CF=fptrail -bv -v daemon postgres
CF=fp -bv -v '\postgres' '\mail' 'postgres'
# include safety
-bv -v incww incgwp incwwd incgwd
-bv -v incbyd incbypg incbyuid incnestpg
-bv -v incdir increl
-bv -v -ODontBlameSendmail=worldwritableincludefile incww
-bv -v -ODontBlameSendmail=groupwritableincludefile incgwp
-bv -v -ODontBlameSendmail=groupwritableincludefile,groupwritableincludefilesafe incgwp
-bv -v -ODontBlameSendmail=includefileinunsafedirpath incwwd incgwd
-bv -v -ODontBlameSendmail=includefileinunsafedirpath,includefileinunsafedirpathsafe incwwd incgwd
-bv -v -ODontBlameSendmail=worldwritableincludefile,groupwritableincludefile,includefileinunsafedirpath incww incgwp incwwd
# direct mailing restrictions
-bv -v '"|/bin/cat"' '/tmp/direct' ':include:@T@/inc/inc1' prog2
CF=fp -bv -v '\irc' irc toirc
-bv -v -OMaxAliasRecursion=3 l0
-bv -v -OMaxAliasRecursion=3 deep
# a .forward whose entries are duplicates, expanded lists, bad users
CF=fp -bv -v root lp
CF=fp -bv -v lp
CF=fp -bv -v list1 lp
CF=fp -bv -v man games
CF=fp -bv -v root games sys
CF=fpdirs -bv -v root
CF=fpww -bv -v root
CF=fpww -bv -v -ODontBlameSendmail=forwardfileinunsafedirpath root www-data
CF=fpww -bv -v -ODontBlameSendmail=truststickybit root www-data
CF=fpgw -bv -v -ODontBlameSendmail=forwardfileinunsafedirpath root
# the envelope sender (-f/-r) and MeToo (default on; off removes the sender)
-bv -v -OMeToo=false -f root root
-bv -v -OMeToo=false -f root root list1
-bv -v -OMeToo=false -f root list1 root
-bv -v -OMeToo=false -f root list1
-bv -OMeToo=false -f ROOT list1
-bv -v -OMeToo=false -f nobody nested
-bv -v -OMeToo=false -f nobody@vm.example.com nested
-bv -v -OMeToo=false -f joe@example.com remote
-bv -v -OMeToo=false -f 'x@[192.0.2.7]' remote
-bv -v -OMeToo=false -f '\root' list1
-bv -v -OMeToo=false -f list1 list1
-bv -v -OMeToo=false -f self self
-bv -v -OMeToo=false -f nobody loop1
-bv -v -OMeToo=false -f nobody nobody
-bv -v -OMeToo=false -f daemon mylist
-bv -v -OMeToo=false -f bin nested
-bv -v -OMeToo=false mylist
-bv -v -OMeToo=true -f root list1
-bv -v -om -f nobody nested
-bv -v -oMeToo=false -f Nobody nested
-bv -v -f '|/bin/cat' prog
-bv -v -f /tmp/x file
-bv -v -OMeToo=false -f '<bad' list1
-bv -f '' root
-bv -f '<>' root
-bv -f 'a b' root
-bv -OMeToo=false -f 'x@' root
-bv -f ':include:/x' root
-bv -OMeToo=false -f nosuchuser unk
-bv -OMeToo=false -r nobody nested
-bv -f nobody -f bin root
-bv -f nobody -r bin root
# owner- splits
-bv -OAliasFile=@T@/own/aliases lc la root lb
-bv -OAliasFile=@T@/own/aliases list top
-bv -OAliasFile=@T@/own/aliases -f daemon lc la root lb
-bv -OAliasFile=@T@/own/aliases -f daemon list top
-bv -v -OAliasFile=@T@/own/aliases -f nobody la lb le root
-bv -OAliasFile=@T@/own/aliases ld lb lf
-bv -OAliasFile=@T@/own/aliases la ld
-bv -OAliasFile=@T@/own/aliases a@b.com le c@a.com lb
-bv -OAliasFile=@T@/own/aliases owner-la lg owner-lg
-bv -OAliasFile=@T@/own/aliases -OMeToo=false -f nobody lb top
# AliasWait / out-of-date / text version / several AliasFile entries
-bv -v -OAliasFile=@T@/old/aliases root list1
-bv -OAliasFile=@T@/old/aliases list1
-bv -v -OAliasFile=@T@/old/aliases '|/bin/x' nested
-bv -v -OAliasFile=@T@/nodb/aliases list1 root
-bv -v -OAliasFile=@T@/nodb/aliases list2 root
-bv -OAliasFile=@T@/nodb/aliases list2
-bv -v -OAliasFile=@T@/nos/aliases -OAliasWait=1s list2
-bv -v -OAliasFile=@T@/nos/aliases -OAliasWait=0 list2
-bv -v -OAliasFile=@T@/nodb/aliases,@T@/etc/aliases list2 list1 nested
-bv -v -OAliasFile=@T@/etc/aliases,@T@/nodb/aliases list2 list1 nested
-bv -v -OAliasFile=@T@/nosuchdir/aliases,@T@/etc/aliases list2 list1
-bv -v -OAliasFile=@T@/old/aliases,@T@/nodb/aliases root list2
-bv -v -OAliasFile=hash:@T@/etc/aliases list1
-bv -v -OAliasFile=@T@/nosuch list1
-bv -v '-OAliasFile=' list1
# relative :include: (relative to the queue directory) and the chdir
-bv -v -OQueueDirectory=@T@/inc increl
-bv -v -OQueueDirectory=@T@/nosuch root
-bv -v -OQueueDirectory=@T@/etc/aliases root
EOF

# ---- random alias graphs
first=${seeds%%:*} count=${seeds#*:}
seed=$first
while [ "$seed" -lt $((first + count)) ]; do
	D=$OUT/rnd$seed
	rm -rf "$D"; mkdir -p "$D"
	python3 "$top/test/diff/verify_gen.py" "$D" "$seed" "$ncases" > "$D/cases" ||
		echo "FAIL verify/setup: generator seed $seed"
	mkcf "rnd$seed" "$D/fwd/\$u"
	(cd "$OUT" && sh "$top/test/lib/ns.sh" "$REF" -bi -C "$OUT/v.cf" -OAliasFile="$D/aliases" \
		> "$D/newaliases.log" 2>&1)
	run_cases < "$D/cases"
	seed=$((seed + 1))
done
echo "verify: $pass passed, $fail failed" >&2
