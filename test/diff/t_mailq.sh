#!/bin/sh
# t_mailq.sh - differential suite: our mailq/mailq against the reference
# sendmail 8.17's -bp (and its mailq personality) on queues written by the
# reference itself: several recipients, long addresses, deferred messages
# (status lines), quarantined (hf) items, locked qf files, filters
# (-qI/-qR/-qS with !, -qQ), -v, empty queues, QueueDirectory=.../qd*,
# qf/ df/ subdirectories, MaxQueueRunSize, crafted qf variants (missing df,
# non-printables, C lines, body type, warnings). Every reference-written
# qf is also parsed by libsmutil/qf and re-written: must be byte-identical.
# Prints "PASS name" / "FAIL name: detail". Writes only test/out/mailq.
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
R=$(sh test/lib/ref-fetch.sh 2>/dev/null) || { echo "FAIL mailq/setup: reference not available"; exit 1; }
SM=$R/usr/libexec/sendmail/sendmail
[ -x mailq/mailq ] || make -s mailq/mailq >/dev/null 2>&1
[ -x mailq/mailq ] || { echo "FAIL mailq/setup: mailq/mailq not built"; exit 1; }
W=$top/test/out/mailq
rm -rf "$W"; mkdir -p "$W"; chmod 755 "$W"
NS="sh $top/test/lib/ns.sh"
MQ=$top/mailq/mailq
OSM=$top/sendmail/sendmail
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
cc -std=c17 -D_GNU_SOURCE -O2 $OSPREY_SANFLAGS -I. -o "$W/rt" test/diff/t_mailq_rt.c libsmutil/libsmutil.a 2>"$W/rt.err" ||
	{ echo "FAIL mailq/setup: round-trip helper: $(head -1 "$W/rt.err")"; exit 1; }
ln -s "$SM" "$W/mailq"      # the reference's mailq personality
printf '#!/bin/sh\nexit 75\n' > "$W/defer.sh"; chmod 755 "$W/defer.sh"

# mkcf NAME QDIR [extra O lines...]: a small cf with sendmail-like H lines
mkcf() {
	n=$1 q=$2; shift 2
	{
	printf 'V10\nDj vm.example.com\nDwvm\nDnMAILER-DAEMON\n'
	printf 'O QueueDirectory=%s\nO DeliveryMode=q\nO ForwardPath=\nO SuperSafe=True\n' "$q"
	for o in "$@"; do printf 'O %s\n' "$o"; done
	printf 'S0\nR$*\t$#local $: $1\nS1\nS2\nS3\nS4\nS5\n'
	printf 'Mlocal, P=%s, F=lsDFMq, S=0, R=0, A=defer $u\n' "$W/defer.sh"
	printf 'H?P?Return-Path: <$g>\n'
	printf 'HReceived: by $j id $i; $b\n'
	printf 'H?D?Date: $a\nH?F?From: $q\nH?M?Message-Id: <$t.$i@$j>\n'
	} > "$W/$n.cf"
}
# submit CASE SENDER BODYSIZE RCPT... : queue a message with the reference
submit() {
	c=$1 s=$2 sz=$3; shift 3
	awk -v n="$sz" 'BEGIN { printf "Subject: test %d\n\n", n; for (i = 0; i < n; i++) printf "%s", (i % 60 == 59) ? "\n" : "x"; print "" }' |
		(cd "$W" && $NS "$SM" -C "$W/$c.cf" -odq -f "$s" "$@") >> "$W/$c.submit" 2>&1
}
# cmpq CASE NAME ARGS...: reference -bp vs ours
cmpq() {
	c=$1 n=$2; shift 2
	(cd "$W" && $NS "$SM" -C "$W/$c.cf" -bp "$@" > "$W/$c.$n.ref" 2>&1; echo "rc=$?" >> "$W/$c.$n.ref")
	(cd "$W" && $NS "$MQ" -C "$W/$c.cf" "$@" > "$W/$c.$n.ours" 2>&1; echo "rc=$?" >> "$W/$c.$n.ours")
	if cmp -s "$W/$c.$n.ref" "$W/$c.$n.ours"; then ok "mailq/$c/$n"
	else ko "mailq/$c/$n" "differs (diff $W/$c.$n.ref $W/$c.$n.ours)"; fi
	# and our sendmail -bp, which shares mailq's code
	(cd "$W" && $NS "$OSM" -C "$W/$c.cf" -bp "$@" > "$W/$c.$n.bp" 2>&1; echo "rc=$?" >> "$W/$c.$n.bp")
	if cmp -s "$W/$c.$n.ref" "$W/$c.$n.bp"; then ok "mailq/$c/$n/bp"
	else ko "mailq/$c/$n/bp" "differs (diff $W/$c.$n.ref $W/$c.$n.bp)"; fi
}
allflags() {
	c=$1
	cmpq $c plain; cmpq $c v -v; cmpq $c qQ -qQ; cmpq $c qQv -qQ -v
}
# round trip of every control file the reference wrote
roundtrip() {
	c=$1
	files=$(find "$W/$c" -type f \( -name 'qf*' -o -name 'hf*' \) | sort)
	[ -n "$files" ] || return 0
	if "$W/rt" $files > "$W/$c.rt" 2>&1; then ok "qf-roundtrip/$c ($(echo $files | wc -w) files)"
	else ko "qf-roundtrip/$c" "$(grep DIFF "$W/$c.rt" | head -2)"; fi
}
newq() { mkdir -p "$W/$1/q"; chmod 700 "$W/$1/q"; }

# ---- empty queue
newq empty; mkcf empty "$W/empty/q"; allflags empty
# ---- basic: several messages, recipients, long addresses
newq basic; mkcf basic "$W/basic/q"
submit basic sender 10 rcpt1 rcpt2 rcpt3
submit basic someone@example.org 200 'Very Long Name <a.very.long.local.part.for.testing.purposes@sub.domain.example.com>'
submit basic 'a.very.long.sender.address.for.mailq.columns@somewhere.example.net' 3000 x@y.example \
	'an.even.longer.recipient.address.that.goes.past.seventy.one.columns.in.verbose.mode@example.com'
submit basic '<>' 77 postmaster
submit basic 'back\slash@example.org' 5 'quo"ted"@example.org'
allflags basic
cmpq basic mailqname -bp   # (same flags twice is harmless)
(cd "$W" && $NS "$W/mailq" -C "$W/basic.cf" > "$W/basic.pers.ref" 2>&1)
if cmp -s "$W/basic.pers.ref" "$W/basic.plain.ours" 2>/dev/null || { head -n -1 "$W/basic.plain.ours" | cmp -s - "$W/basic.pers.ref"; }; then
	ok "mailq/basic/personality"; else ko "mailq/basic/personality" "reference mailq name differs"; fi
for f in -qIA '-q!IA' -qRrcpt -qRRCPT2 '-q!Rrcpt' -qSsender -qSexample -qRexample -qSsender\ -qRrcpt3 -qRnomatch; do
	cmpq basic "f$(echo "$f" | tr -c 'A-Za-z0-9\n' _)" $f
done
cmpq basic maxrun -OMaxQueueRunSize=2
cmpq basic sortf -OQueueSortOrder=filename
roundtrip basic
# ---- deferred (status messages) and quarantined
newq defer; mkcf defer "$W/defer/q"
submit defer alice 10 bob carol
submit defer dave 300 erin
submit defer frank 5000 grace heidi ivan
(cd "$W" && $NS "$SM" -C "$W/defer.cf" -qf) >/dev/null 2>&1
id1=$(ls "$W/defer/q" | sed -n 's/^qf//p' | head -1)
(cd "$W" && $NS "$SM" -C "$W/defer.cf" -Q'suspicious content from a sender that writes a very long quarantine reason text' -qI"$id1") >/dev/null 2>&1
allflags defer
cmpq defer qQfilt -qQsuspicious
cmpq defer qQnofilt -qQnomatch
roundtrip defer
# ---- locked qf (flock held while listing: the reference uses flock, not fcntl)
id2=$(ls "$W/defer/q" | sed -n 's/^qf//p' | head -1)
python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR); fcntl.flock(fd, fcntl.LOCK_EX)
open(sys.argv[2], "w").close(); time.sleep(30)' "$W/defer/q/qf$id2" "$W/locked.flag" &
lpid=$!
for i in 1 2 3 4 5 6 7 8 9 10; do [ -f "$W/locked.flag" ] && break; sleep 0.2; done
cmpq defer locked; cmpq defer lockedv -v
kill $lpid 2>/dev/null; wait $lpid 2>/dev/null
# ---- multiple queue directories (qd*) and qf/df subdirectories
mkdir -p "$W/multi/q/qd1" "$W/multi/q/qd2" "$W/multi/q/qd3/qf" "$W/multi/q/qd3/df" "$W/multi/q/other"
chmod -R 700 "$W/multi/q"; mkcf multi "$W/multi/q/qd*"
i=0; while [ $i -lt 6 ]; do submit multi "s$i" $((i * 13 + 1)) "r$i" "x$i"; i=$((i + 1)); done
allflags multi
roundtrip multi
newq sub; mkdir -p "$W/sub/q/qf" "$W/sub/q/df"; chmod 700 "$W/sub/q/qf" "$W/sub/q/df"; mkcf sub "$W/sub/q"
submit sub a 1 b; submit sub c 22 d e
allflags sub
roundtrip sub
newq subq; mkdir -p "$W/subq/q/qf"; chmod 700 "$W/subq/q/qf"; mkcf subq "$W/subq/q"
submit subq a 1 b
allflags subq
# ---- crafted variants of a reference qf
newq craft; mkcf craft "$W/craft/q"
submit craft base 50 r1 r2
b=$(ls "$W/craft/q" | sed -n 's/^qf//p' | head -1)
mk() {  # mk SUFFIX sed-script : copy qf+df of the base under a new ID
	# position 7 becomes 'y', which a base-60 sequence character never is,
	# so a crafted ID can never collide with the base ID
	id=$(echo "$b" | cut -c1-6)y"$1"$(echo "$b" | cut -c9-)
	sed "$2" "$W/craft/q/qf$b" > "$W/craft/q/qf$id"
	cp "$W/craft/q/df$b" "$W/craft/q/df$id"
}
mk a 's/^Sbase/S\x01ctl\x7f\xe9\\\\back/; s/^P.*/P1/'
mk b 's/^P.*/P2/; s/^F.*/Fws/; /^\$_/i\
B8BITMIME\
MDeferred: a status message that is rather long, longer than sixty characters, to see the cut'
mk c 's/^P.*/P3/; /^RPFD:r1/i\
Cuser:1000:1000:ctl@example.org
/^RPFD:r2/i\
MPer-recipient status message'
mk d 's/^P.*/P4/; /^T/d'
mk e 's/^P.*/P5/'; rm -f "$W/craft/q/df$id"
mk f 's/^P.*/P6/; s/^RPFD:r1/RPFD:'"$(printf 'x%.0s' $(seq 1 80))"'/'
mk g 's/^P.*/P7/; /^\.$/d'
mk h 's/^P.*/P8/; s/^Sbase/S'"$(printf 'a\\\\%.0s' $(seq 1 25))"'/'
: > "$W/craft/q/qf$(echo "$b" | cut -c1-6)yi$(echo "$b" | cut -c9-)"
allflags craft
cmpq craft sorttime -OQueueSortOrder=time
roundtrip craft

echo "mailq: $pass passed, $fail failed" >&2
[ $fail -eq 0 ]
