#!/bin/sh
# test/diff/deliver_lib.sh - the common part of the delivery suites
# (t_deliver.sh, t_deliver2.sh), sourced with DSUITE set (the suite name:
# output under test/out/$DSUITE, case names "$DSUITE/name"): the
# reference, the driver, the generic m4 cf d.cf (mkcf makes variants with
# extra mc lines), the test local mailer, aliases, and tc/tcl: queue with
# the reference (-odq), run the reference's `-q -v` on one copy and our
# job_run (deliver_run.c) on another, compare -v output, delivered
# bytes, the queue left and (tcl) syslog. Touches only test/out/$DSUITE.
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
OUT=$top/test/out/$DSUITE
R=$(sh test/lib/ref-fetch.sh 2>"$top/test/out/ref-fetch.log") || R=
REF=$R/usr/libexec/sendmail/sendmail
if [ -z "$R" ] || [ ! -x "$REF" ]; then
	echo "FAIL $DSUITE/setup: reference not available"; exit 0
fi
REF=$(readlink -f "$REF")
rm -rf "$OUT"
mkdir -p "$OUT/etc" "$OUT/res"
chmod 755 "$top/test/out" "$OUT" "$OUT/etc"
cc -std=c17 -D_GNU_SOURCE -O1 -g $OSPREY_SANFLAGS -I. -o "$OUT/drun" test/diff/deliver_run.c \
	sendmail/libsendmail.a libsmutil/libsmutil.a -ldb -lresolv 2>"$OUT/drun.err" ||
	{ echo "FAIL $DSUITE/setup: driver does not build"; exit 0; }
printf 'hosts files\naliases files\n' > "$OUT/etc/service.switch"
printf '127.0.0.1\tlocalhost\n192.0.2.1\tvm.example.com vm\n' > "$OUT/etc/hosts"
echo vm.example.com > "$OUT/etc/local-host-names"
: > "$OUT/etc/trusted-users"
# the test local mailer: argv/ids/cwd to mbox/.log, stdin to mbox/<user>
cat > "$OUT/tmail.sh" <<'EOF'
#!/bin/sh
d=$(dirname "$0")/mbox
echo "argv: $* uid=$(id -u) gid=$(id -g) cwd=$(pwd)" >> "$d/.log"
shift; shift
t=$d/.in.$$
cat > "$t"
for u in "$@"; do
	case $u in
	ex*) rm -f "$t"; echo "tmail: failing $u" >&2; exit ${u#ex};;
	esac
	cat "$t" >> "$d/$u"
done
rm -f "$t"
exit 0
EOF
chmod 755 "$OUT/tmail.sh"
# mkcf NAME [MC-LINES-AFTER-DOMAIN [MC-LINES-AFTER-MAILERS]]: $OUT/NAME.cf
mkcf() {
	cat > "$OUT/$1.mc" <<EOF
VERSIONID(\`osprey deliver')dnl
define(\`confSERVICE_SWITCH_FILE', \`$OUT/etc/service.switch')dnl
define(\`confHOSTS_FILE', \`$OUT/etc/hosts')dnl
define(\`confCW_FILE', \`$OUT/etc/local-host-names')dnl
define(\`confCT_FILE', \`$OUT/etc/trusted-users')dnl
define(\`ALIAS_FILE', \`$OUT/etc/aliases')dnl
define(\`QUEUE_DIR', \`$OUT/q')dnl
define(\`STATUS_FILE', \`$OUT/stats')dnl
OSTYPE(\`linux')dnl
DOMAIN(\`generic')dnl
${2:-dnl}
define(\`LOCAL_MAILER_PATH', \`$OUT/tmail.sh')dnl
define(\`LOCAL_MAILER_ARGS', \`lmail -d \$u')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
${3:-dnl}
EOF
	m4 -D_CF_DIR_="$R/usr/share/sendmail/cf/" "$R/usr/share/sendmail/cf/m4/cf.m4" \
		"$OUT/$1.mc" > "$OUT/$1.cf" || echo "FAIL $DSUITE/setup: m4 $1"
}
mkcf d
# variants: F=m on the local mailer; F=m with r=2; E=\r\n; F=7 and F=E; no F=n (From_ line)
sed -e '/^Mlocal/s/F=/F=m/' "$OUT/d.cf" > "$OUT/dm.cf"
sed -e '/^Mlocal/s/F=/r=2, F=m/' "$OUT/d.cf" > "$OUT/dr2.cf"
sed -e '/^Mlocal/s/F=/E=\\r\\n, F=/' "$OUT/d.cf" > "$OUT/de.cf"
sed -e '/^Mlocal/s/F=/F=7E/' -e '/^Mlocal/s/Pfhn9/Pfh9/' "$OUT/d.cf" > "$OUT/d7.cf"
sed -e '/^Mlocal/s/F=/F=xb/' "$OUT/d.cf" > "$OUT/dx.cf"
# [IPC]: the host status directory on; smart hosts: a closed port on a
# literal and on a dotted quad, a name that does not resolve
sed -e "s|^#O HostStatusDirectory=.*|O HostStatusDirectory=$OUT/hs|" "$OUT/d.cf" > "$OUT/dh.cf"
sed -e 's/^DS$/DSesmtp:[127.0.0.1]/' "$OUT/dh.cf" > "$OUT/ds1.cf"
sed -e 's/^DS$/DSnosuch.invalid/' "$OUT/dh.cf" > "$OUT/ds2.cf"
sed -e 's/^DS$/DS127.0.0.1/' "$OUT/dh.cf" > "$OUT/ds3.cf"
F=$OUT/fdir
cat > "$OUT/etc/aliases" <<EOF
postmaster: root
tof: $F/new.file
tofe: $F/exist.file
tofro: $F/ro.file
todir: $F
tofnodir: $OUT/nosuchdir/x
okp: "|cat > $F/prog.out"
pid: "|id > $F/id.out; pwd >> $F/id.out"
pecho: "|echo hello; cat >/dev/null"
ex75: "|echo deferring; exit 75"
ex75r: "|cat >/dev/null; echo deferring; exit 75"
sig: "|kill -9 \$\$"
noread0: "|exit 0"
noread69: "|exit 69"
closein0: "|exec 0<&-; sleep 1; exit 0"
closein69: "|exec 0<&-; sleep 1; exit 69"
both: root, daemon
mix: root, "|cat > $F/mix.out", $F/mix.file
EOF
# (the programs read their input: one exiting before the reference writes
# makes it report "putbody: write error: Broken pipe", a race)
for c in 1 2 64 65 66 67 68 69 70 71 72 73 74 76 77 78; do
	echo "e$c: \"|cat >/dev/null; echo out$c; echo err$c >&2; exit $c\""
done >> "$OUT/etc/aliases"
# runs a command in the namespaces with a private /root (dead.letter)
cat > "$OUT/ns-run.sh" <<EOF
#!/bin/bash
d=/run/osp-$DSUITE.\$\$
mkdir -p \$d && mount --bind $top \$d &&
mount -t tmpfs -o mode=755 none /root && mkdir -p $top && mount --move \$d $top &&
rmdir \$d 2>/dev/null; cd $OUT && exec "\$@"
EOF
NS="sh $top/test/lib/ns.sh bash $OUT/ns-run.sh"
case $top in /root/*) ;; *) NS="sh $top/test/lib/ns.sh";; esac
printf 'Subject: hello\nFrom: Me <me@example.org>\n\nbody line 1\n' > "$OUT/msg1"
dun=$(id -u daemon); dgn=$(id -g daemon)

# fresh queue, mailboxes and the file-target directory (owned by daemon)
reset_dirs() {
	rm -rf "$OUT/q" "$OUT/mbox" "$F" "$OUT/stats" "$OUT/hs"
	mkdir -p "$OUT/q" "$OUT/mbox" "$F" "$OUT/hs"
	chmod 700 "$OUT/q"; chmod 777 "$OUT/mbox"
	chown "$dun:$dgn" "$F"; chmod 755 "$F"
	printf 'old line\n' > "$F/exist.file"; chown "$dun:$dgn" "$F/exist.file"; chmod 600 "$F/exist.file"
	printf 'ro\n' > "$F/ro.file"; chmod 444 "$F/ro.file"
	: > "$OUT/stats"; chmod 644 "$OUT/stats"
	# PREP: shell code run after each reset (files a case needs)
	if [ -n "$PREP" ]; then eval "$PREP"; fi
}
# snapshot of what delivery left: files with owner/mode/bytes, queue
snap() {
	for f in "$OUT"/mbox/* "$OUT"/mbox/.log "$F"/* "$F"/*/*; do
		[ -f "$f" ] || continue
		echo "== ${f#$OUT/} $(stat -c '%U:%G %a' "$f")"
		sed -E -e 's/^(>?From [^ ]+ +)[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [0-9]{4}/\1DATE/' \
		    -e "s/\\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} $(date +%Y)\\]/[DATE-THIS-YEAR]/" \
		    -e 's/[0-9A-Za-z]{8}[0-9]{6}/QID/g' -e 's/\.[0-9]{10}\//.EPOCH\//' \
		    -e 's/[A-Z][a-z]{2}, [ 0-9]{1,2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} (GMT|[-+][0-9]{4}( \([A-Z]+\))?)/DATE/g' \
		    -e 's/<[0-9]{12}\.QID@/<STAMP.QID@/' "$f"
	done
	find "$OUT/hs" -type f | sort | while read -r f; do
		echo "== ${f#$OUT/} $(stat -c '%U:%G %a' "$f")"
		sed -e 's/^U[0-9]*$/U<t>/' "$f"
	done
	for f in "$OUT"/q/*; do
		[ -f "$f" ] || continue
		echo "== q/$(basename "$f")"
		case $f in */qf*) sed -e 's/^K[0-9]*$/K<t>/' -e 's/^I.*/I<df>/' "$f";; *) cat "$f";; esac
	done
}
reset_dirs
( cd "$OUT" && $NS "$REF" -C "$OUT/d.cf" -bi >/dev/null 2>&1 ) || echo "FAIL $DSUITE/setup: newaliases"
# tc NAME CF MSG FLAGS -- submit args...
tc() {
	name=$1 cf=$OUT/$2 msg=$3 fl=$4; shift 5
	W=$OUT/res/$name; mkdir -p "$W"
	reset_dirs
	# SUBCF: another cf for the submission (rules that differ at delivery)
	scf=$cf; [ -n "$SUBCF" ] && scf=$OUT/$SUBCF
	( cd "$OUT" && $NS "$REF" -C "$scf" -odq "$@" < "$msg" > "$W/submit.out" 2>&1 )
	id=$(ls "$OUT/q" | sed -n 's/^qf//p' | head -1)
	if [ -z "$id" ]; then echo "FAIL $DSUITE/$name: reference queued nothing"; return; fi
	# QFEDIT: a sed script applied to the queued qf (an old message, ...)
	if [ -n "$QFEDIT" ]; then
		cp "$OUT/q/qf$id" "$W/qf.orig"
		sed -i -e "$QFEDIT" "$OUT/q/qf$id"
		if cmp -s "$W/qf.orig" "$OUT/q/qf$id"; then
			echo "FAIL $DSUITE/$name: QFEDIT changed nothing"; return
		fi
	fi
	rm -rf "$W/q"; cp -a "$OUT/q" "$W/q"
	# a failure at submission is bounced by the submitting process itself
	# (in the background): only the queue run is compared
	if grep -q 'User unknown' "$W/submit.out"; then
		sleep 1; rm -rf "$OUT/mbox"; mkdir -p "$OUT/mbox"; chmod 777 "$OUT/mbox"
	fi
	v=-v; [ "$fl" = - ] && v=
	WL=; [ -n "$LOG" ] && WL="sh $top/test/diff/qrun_withlog.sh $W/ref.log $W/dev.ref"
	# (the subshell, its stderr /dev/null, waits for the reference (the
	# inner sh execs it with stderr joined to ref.raw): a reference dying
	# of a signal -- it does, on an 8-bit body for a F=7 mailer -- is
	# reported by dash into /dev/null, not as "Segmentation fault" on
	# the terminal or in ref.raw; ':' stops dash exec'ing the last command)
	( cd "$OUT" || exit; exec > "$W/ref.raw"
	  sh -c 'exec "$@" 2>&1' sh $NS $WL "$REF" -C "$cf" -q $v; : ) 2>/dev/null
	# without -v the reference runs the queue in a background child
	[ -z "$v" ] && sleep 1
	# the reference sometimes reports "putbody: write error: Broken pipe"
	# even for a program that reads all its input (seen under load, 1 run
	# in many): a race of its own, not a behaviour to match
	grep -v -e '^$' -e '^Running ' -e '^putbody: write error: Broken pipe$' "$W/ref.raw" > "$W/ref.out"
	snap | sed '/^451 4\.0\.0 putbody: write error: Broken pipe$/d' > "$W/ref.snap"
	reset_dirs; rm -rf "$OUT/q"; cp -a "$W/q" "$OUT/q"
	WL=; [ -n "$LOG" ] && WL="sh $top/test/diff/qrun_withlog.sh $W/our.log $W/dev.our"
	( cd "$OUT" && $NS $WL "$OUT/drun" "$cf" "$OUT/q" "${fl}q" "$id" > "$W/our.raw" 2>&1 )
	grep -v -e '^$' "$W/our.raw" > "$W/our.out"
	snap > "$W/our.snap"
	if [ -n "$LOG" ]; then lognorm "$W/ref.log"; lognorm "$W/our.log"; fi
	if ! cmp -s "$W/ref.out" "$W/our.out"; then
		echo "FAIL $DSUITE/$name: -v output differs ($(diff "$W/ref.out" "$W/our.out" | sed -n 2p))"
	elif ! cmp -s "$W/ref.snap" "$W/our.snap"; then
		echo "FAIL $DSUITE/$name: delivered bytes/queue differ ($(diff "$W/ref.snap" "$W/our.snap" | sed -n 2p))"
	elif [ -n "$LOG" ] && ! cmp -s "$W/ref.log.n" "$W/our.log.n"; then
		echo "FAIL $DSUITE/$name: syslog differs ($(diff "$W/ref.log.n" "$W/our.log.n" | sed -n 2p))"
	else
		echo "PASS $DSUITE/$name"
	fi
}
# syslog lines with time, pid, queue IDs and delays normalised
lognorm() {
	[ -f "$1" ] || : > "$1"
	sed -E -e 's/^(<[0-9]+>)[A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} ([a-z-]+)\[[0-9]+\]: /\1\2: /' \
	    -e 's/[0-9A-Za-z]{8}[0-9]{6}/QID/g' -e 's/(x?delay)=[0-9:+]+/\1=D/g' "$1" > "$1.n"
}
# tcl: tc with the syslog of both runs compared too
tcl() {
	LOG=1
	rm -rf "$OUT/res/$1/ref.log" "$OUT/res/$1/our.log" "$OUT/res/$1/dev.ref" "$OUT/res/$1/dev.our"
	tc "$@"
	LOG=
}

