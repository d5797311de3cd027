#!/bin/sh
# t_dsn.sh - differential suite for failures: the same failing submissions
# to the reference and to ours (inside ns.sh, /root and /var/tmp replaced
# by private directories), comparing stdout/stderr, exit status, the
# bounces the test local mailer delivered (IDs, dates, boundaries
# normalised) and dead.letter bytes. Runs only once our sendmail delivers
# (submit + job merged); until then it says so on stderr and counts nothing.
# Prints "PASS dsn/<case>" / "FAIL dsn/<case>: why". Writes test/out/dsn.
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
R=$(sh test/lib/ref-fetch.sh 2>/dev/null) || { echo "FAIL dsn/setup: reference not available"; exit 1; }
REF=$R/usr/libexec/sendmail/sendmail OURS=$top/sendmail/sendmail
W=$top/test/out/dsn
rm -rf "$W"; mkdir -p "$W/etc" "$W/q" "$W/mbox"; chmod 755 "$W"; chmod 700 "$W/q"; chmod 777 "$W/mbox"
printf 'hosts files\naliases files\n' > "$W/etc/service.switch"
printf '127.0.0.1\tlocalhost\n192.0.2.1\tvm.example.com vm\n' > "$W/etc/hosts"
echo vm.example.com > "$W/etc/local-host-names"; : > "$W/etc/trusted-users"
printf 'postmaster: root\nalist: alice, bob\nbadlist: root, nosuch2\n' > "$W/etc/aliases"
cat > "$W/lmail.sh" <<'E2'
#!/bin/sh
d=$(dirname "$0")/mbox
while [ $# -gt 0 ]; do case $1 in -d) shift; break;; -f) shift 2;; *) shift;; esac; done
# the message is read first: a mailer exiting unread races with the
# writer (EPIPE makes the reference's status EX_IOERR some of the time)
m=$(cat; echo x)
for u in "$@"; do
 if [ -e "$d/$u.defer" ]; then exit 75; fi
 if [ -e "$d/$u.fail" ]; then echo "mailbox for $u is broken" >&2; exit 67; fi
 printf '%s' "${m%x}" >> "$d/$u"
done
exit 0
E2
chmod 755 "$W/lmail.sh"
cat > "$W/run.sh" <<E2
H=\$1; shift
mkdir -p "\$H/root" "\$H/vartmp" "\$H/root/${top#/root/}"
case "$top" in /root/*) mount --bind "$top" "\$H/root/${top#/root/}";; esac
mount --rbind "\$H/root" /root && mount --bind "\$H/vartmp" /var/tmp && exec "\$@"
E2
sed "s|/work/main/test/out/probe|$W|g" /root/probe-example/p.mc > "$W/p.mc" 2>/dev/null ||
	{ echo "FAIL dsn/setup: probe mc"; exit 1; }
m4 -D_CF_DIR_="$R/usr/share/sendmail/cf/" "$R/usr/share/sendmail/cf/m4/cf.m4" "$W/p.mc" > "$W/p.cf" || echo "FAIL dsn/setup: m4"
printf 'Subject: hello\nFrom: Me <me@example.org>\n\nbody line 1\n.\nbody after dot\n' > "$W/msg1"
NS="sh $top/test/lib/ns.sh"
# run BIN CASE PRE args...: one submission, results into $W/res/BIN/CASE
run() {
	b=$1 c=$2 pre=$3; shift 3
	eval sm=\$$b; o=$W/res/$b/$c; rm -rf "$o" "$W/h" "$W"/mbox/* "$W"/q/*; mkdir -p "$o" "$W/h"
	(cd "$W" && eval "$pre"; $NS sh "$W/run.sh" "$W/h" "$sm" -C "$W/p.cf" "$@" < "$W/${MSG:-msg1}" > "$o/out" 2> "$o/err"; echo "rc=$?" >> "$o/out"
	 [ -n "$WAIT" ] && sleep "$WAIT")    # a queue run delivers in a detached child
	cp -r "$W/mbox" "$o/mbox"; [ -f "$W/h/root/dead.letter" ] && cp "$W/h/root/dead.letter" "$o/dead.letter"
	find "$o" -type f | while read -r f; do
		sed -E -e 's/[0-9A-Za-z]{8}[0-9]{6}/QID/g' -e 's/\.[0-9]{10}\//.EPOCH\//' \
		    -e 's/[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} GMT/DATE/g' \
		    -e 's/[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [0-9]{4}/CTIME/' \
		    -e 's/<[0-9]{12}\.QID@/<STAMP.QID@/' "$f" > "$f.n" && mv "$f.n" "$f"
	done
}
probe_ok() {
	run OURS probe '' -odi root
	[ -s "$W/res/OURS/probe/mbox/root" ]
}
if ! probe_ok; then echo "t_dsn: our sendmail does not deliver yet (submit/job not merged): no cases run" >&2; exit 0; fi
pass=0 fail=0
case_() {
	c=$1 pre=$2; shift 2
	run REF "$c" "$pre" "$@"; run OURS "$c" "$pre" "$@"
	if d=$(diff -r "$W/res/REF/$c" "$W/res/OURS/$c" 2>&1); then echo "PASS dsn/$c"; pass=$((pass + 1))
	else echo "FAIL dsn/$c: $(echo "$d" | head -3 | tr '\n' ' ')"; fail=$((fail + 1)); fi
}
(cd "$W" && $NS "$REF" -C "$W/p.cf" -bi >/dev/null 2>&1)
for m in p m e q w; do
	case_ "oe$m-nosuch" '' -odi -oe$m nosuch
	case_ "oe$m-mixed" '' -odi -oe$m nosuch root
	case_ "oe$m-alist" '' -odi -oe$m alist
	case_ "oe$m-mfail" 'touch mbox/daemon.fail' -odi -oe$m daemon
done
case_ hdrs '' -odi -oem -R hdrs nosuch
case_ full '' -odi -oem -R full nosuch
case_ never '' -odi -oem -N never nosuch
case_ success '' -odi -oem -N success root
case_ succfail '' -odi -oem -N success,failure nosuch root
case_ failonly '' -odi -oem -N failure nosuch
case_ envid '' -odi -oem -V my.envid nosuch
case_ nomime '' -odi -oem -OSendMimeErrors=False nosuch
case_ pmcopy '' -odi -oem -OPostmasterCopy=daemon nosuch
case_ nonlocal-sender '' -odi -f nobody2 nosuch
case_ dead-dir 'mkdir -p h/root/dead.letter' -odi nosuch
case_ null-sender '' -odi -oem -f '<>' nosuch
case_ double 'touch mbox/root.fail' -odi -oem alist
case_ queued '' -odq -oem nosuch root
case_ queued-p '' -odq nosuch root
# queue runs: a deferring mailer, then a run past Timeout.queuewarn /
# queuereturn (the sender, daemon, gets the warning / the return)
Q='touch mbox/root.defer; $NS sh run.sh h "$sm" -C p.cf -odq -f daemon root < msg1 >/dev/null; sleep 2'
WAIT=2
case_ delay-warn "$Q" -q -OTimeout.queuewarn=1s
case_ delay-never "$Q; rm -f q/*; $NS sh run.sh h \"\$sm\" -C p.cf -odq -N never -f daemon root < msg1 >/dev/null; sleep 2" -q -OTimeout.queuewarn=1s
case_ queue-return "$Q" -q -OTimeout.queuereturn=1s
WAIT=
case_ delay-notify "touch mbox/root.defer" -odi -oem -N delay,failure -f daemon -OTimeout.queuewarn=0s root
# originals: 8-bit body, hop count, a message of many Received fields
printf 'Subject: eight\n\nb\344dy \351t\351\n' > "$W/msg8"
{ i=0; while [ $i -lt 4 ]; do echo "Received: from h$i by x; Sat, 21 Nov 2026 15:00:00 GMT"; i=$((i + 1)); done
  printf 'Subject: hops\n\nbody\n'; } > "$W/msghops"
MSG=msg8 case_ eightbit '' -odi -oem nosuch
MSG=msg8 case_ eightbit-hdrs '' -odi -oem -R hdrs nosuch
MSG=msghops case_ hops '' -odi -oem -OMaxHopCount=3 root
MSG=msghops case_ hops-ok '' -odi -oem -OMaxHopCount=10 root
MSG=msghops case_ hops-p '' -odi -OMaxHopCount=3 root
case_ receipt-alias '' -odi -oem -N success alist root
case_ double-addr 'touch mbox/root.fail' -odi -oem -ODoubleBounceAddress=daemon alist
# a DSN's own failure: the reference (holding the DSN in memory, sender
# $n) resolves $n as a recipient -- "MAILER-DAEMON... User unknown" in
# the transcript, silent when an alias names a user -- but never mails
# a DSN back; an explicit -f MAILER-DAEMON is returned to as any sender
case_ double-unk-sender 'touch mbox/root.fail' -odi -oem -ODoubleBounceAddress=daemon -f nobody2 root
case_ md-sender 'touch mbox/root.fail' -odi -oem -ODoubleBounceAddress=daemon -f MAILER-DAEMON root
case_ double-pmcopy 'touch mbox/root.fail' -odi -oem -ODoubleBounceAddress=daemon -OPostmasterCopy=bin alist
cp "$W/etc/aliases" "$W/etc/aliases.save"
for a in bin nosuchx; do
	cp "$W/etc/aliases.save" "$W/etc/aliases"; echo "MAILER-DAEMON: $a" >> "$W/etc/aliases"
	(cd "$W" && $NS "$REF" -C "$W/p.cf" -bi >/dev/null 2>&1)
	case_ "double-md-$a" 'touch mbox/root.fail' -odi -oem -ODoubleBounceAddress=daemon alist
	case_ "md-sender-$a" 'touch mbox/root.fail' -odi -oem -ODoubleBounceAddress=daemon -f MAILER-DAEMON root
done
cp "$W/etc/aliases.save" "$W/etc/aliases"; (cd "$W" && $NS "$REF" -C "$W/p.cf" -bi >/dev/null 2>&1)
echo "dsn: $pass passed, $fail failed" >&2
# syslog lines (a unix-dgram listener over /dev/log, see qrun_withlog.sh)
# and the StatusFile counters of a submission: from=, failures,
# stat=queued, the DSN line; pids, IDs and stamps normalised, and the
# last digit of delays (a slow moment makes 00:00:01 of 00:00:00)
logcase() {
	c=$1; shift
	for b in REF OURS; do
		eval sm=\$$b; o=$W/res/$b/$c; rm -rf "$o" "$W/h" "$W/dev" "$W"/mbox/* "$W"/q/*; mkdir -p "$o" "$W/h"
		sed "s|^#O StatusFile.*|O StatusFile=$W/stats|" "$W/p.cf" > "$W/ps.cf"; : > "$W/stats"
		(cd "$W" && $NS sh "$top/test/diff/qrun_withlog.sh" "$o/log" "$W/dev" sh "$W/run.sh" "$W/h" "$sm" \
			-C "$W/ps.cf" "$@" < "$W/msg1" > /dev/null 2>&1)
		sed -E -e 's/^<[0-9]+>[A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} //' -e 's/\[[0-9]+\]/[PID]/' \
		    -e 's/[0-9A-Za-z]{8}[0-9]{6}/QID/g' -e 's/<[0-9]{12}\.QID@/<STAMP.QID@/' \
		    -e 's/(x?delay=[0-9:+]*)[0-9]/\1X/g' "$o/log" > "$o/log.n"
		python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(); print(d[:8].hex(), struct.unpack("<178q",d[24:1448]) if len(d)==1448 else len(d))' "$W/stats" > "$o/stats"
		rm -f "$o/log"
	done
	if d=$(diff -r "$W/res/REF/$c" "$W/res/OURS/$c" 2>&1); then echo "PASS dsn/$c"
	else echo "FAIL dsn/$c: $(echo "$d" | head -3 | tr '\n' ' ')"; fi
}
logcase log-queued -odq root daemon
logcase log-fail-queued -odq -oem nosuch root
logcase log-deliver -odi root
logcase log-nothing -odi nosuch
logcase log-null -odq -f '<>' root
