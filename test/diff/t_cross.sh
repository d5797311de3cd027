#!/bin/sh
# t_cross.sh - the queue is shared both ways with the reference sendmail
# 8.17: messages queued by one binary are listed by the other (identical
# -bp output on the very same queue) and delivered by the other's queue run
# (mailbox bytes identical, after normalising IDs, dates and pids, to what
# the writer itself delivers). Same paths for every run: each side runs in
# turn in test/out/cross/w, saved between runs.
# Prints "PASS cross/..." / "FAIL cross/...: why". Writes test/out/cross.
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
R=$(sh test/lib/ref-fetch.sh 2>/dev/null) || { echo "FAIL cross/setup: reference not available"; exit 0; }
REF=$R/usr/libexec/sendmail/sendmail
OURS=$top/sendmail/sendmail
OUT=$top/test/out/cross
W=$OUT/w
NS="sh $top/test/lib/ns.sh"
rm -rf "$OUT"; mkdir -p "$OUT/save"; chmod 755 "$OUT"
pass=0
ok() { echo "PASS cross/$1"; }
ko() { echo "FAIL cross/$1: $2"; }

# fresh W: cf from the reference's m4 (generic), test local mailer,
# aliases (file and program targets), queue dir
fresh() {
	rm -rf "$W"; mkdir -p "$W/etc" "$W/q" "$W/mbox" "$W/home"
	chmod 755 "$W" "$W/etc"; chmod 700 "$W/q"; chmod 777 "$W/mbox"
	printf 'hosts files\naliases files\n' > "$W/etc/service.switch"
	printf '127.0.0.1\tlocalhost\n192.0.2.1\tvm.example.com vm\n' > "$W/etc/hosts"
	echo vm.example.com > "$W/etc/local-host-names"
	: > "$W/etc/trusted-users"
	cat > "$W/lmail.sh" <<'EOF'
#!/bin/sh
d=$(dirname "$0")/mbox
shift
for u in "$@"; do cat >> "$d/$u"; done
exit 0
EOF
	chmod 755 "$W/lmail.sh"
	cat > "$W/etc/aliases" <<EOF
postmaster: root
alist: root, daemon
tofile: $W/mbox/filed
toprog: "|cat >> $W/mbox/progged"
EOF
	cat > "$W/c.mc" <<EOF
VERSIONID(\`osprey cross')dnl
define(\`confSERVICE_SWITCH_FILE', \`$W/etc/service.switch')dnl
define(\`confHOSTS_FILE', \`$W/etc/hosts')dnl
define(\`confCW_FILE', \`$W/etc/local-host-names')dnl
define(\`confCT_FILE', \`$W/etc/trusted-users')dnl
define(\`ALIAS_FILE', \`$W/etc/aliases')dnl
define(\`QUEUE_DIR', \`$W/q')dnl
OSTYPE(\`linux')dnl
DOMAIN(\`generic')dnl
define(\`LOCAL_MAILER_PATH', \`$W/lmail.sh')dnl
define(\`LOCAL_MAILER_ARGS', \`lmail -d \$u')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
EOF
	m4 -D_CF_DIR_="$R/usr/share/sendmail/cf/" "$R/usr/share/sendmail/cf/m4/cf.m4" \
		"$W/c.mc" > "$W/c.cf" || ko setup m4
	inns "$REF" -C "$W/c.cf" -bi > /dev/null 2>&1
}
# inns BIN ARGS...: run in the namespace with a private /root and a
# private pid namespace whose init (a shell) waits until every process
# the command left behind (background deliveries, forked queue runners)
# has finished: the results are complete when inns returns
inns() {
	(cd "$W" && $NS unshare --pid --fork --mount-proc python3 "$top/test/lib/pidwait.py" -r "$W/home" "$@")
}
# submit BIN: the case's messages, queued only
submit() {
	b=$1
	printf 'Subject: one\nFrom: Me <me@example.org>\n\nfirst body\n' |
		inns "$b" -C "$W/c.cf" -odq root > /dev/null 2>&1
	printf 'Subject: two\nTo: root\n\nsecond body\n.\nafter a dot\n' |
		inns "$b" -C "$W/c.cf" -odq -oi alist tofile > /dev/null 2>&1
	printf 'Subject: three\n\n8-bit: \303\251t\303\251\n' |
		inns "$b" -C "$W/c.cf" -odq -f daemon -F 'Daemon Process' toprog root > /dev/null 2>&1
}
# norm FILE: IDs, dates, pids and times out of delivered text
norm() {
	sed -E -e 's/[0-9A-Za-z]{8}[0-9]{6}/QUEUEID/g' \
	    -e 's/[A-Z][a-z]{2}, [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} [-+A-Z0-9]+/DATE/g' \
	    -e 's/^From ([^ ]*) .*/From \1 DATE/' \
	    -e 's/<[0-9]{12}\.QUEUEID@/<STAMP.QUEUEID@/g' "$1"
}
# delivered NAME: normalised mailboxes -> $OUT/save/NAME
delivered() {
	for f in "$W"/mbox/*; do
		[ -f "$f" ] || continue
		echo "== $(basename "$f")"; norm "$f" | sort
	done > "$OUT/save/$1"
	ls "$W/q" > "$OUT/save/$1.queue"
}
cmpsave() {
	if cmp -s "$OUT/save/$2" "$OUT/save/$3"; then ok "$1"
	else ko "$1" "differs (diff $OUT/save/$2 $OUT/save/$3)"; fi
}

# 1. each binary lists the other's queue exactly as the other does
for writer in ours ref; do
	fresh
	if [ $writer = ours ]; then submit "$OURS"; else submit "$REF"; fi
	n=$(ls "$W/q" | grep -c '^qf')
	if [ "$n" = 3 ]; then ok "$writer-writes/3-jobs"; else ko "$writer-writes/3-jobs" "$n qf files"; fi
	inns "$REF" -C "$W/c.cf" -bp > "$OUT/save/bp.$writer.ref" 2>&1
	inns "$OURS" -C "$W/c.cf" -bp > "$OUT/save/bp.$writer.ours" 2>&1
	cmpsave "$writer-writes/bp" "bp.$writer.ref" "bp.$writer.ours"
	inns "$top/mailq/mailq" -C "$W/c.cf" > "$OUT/save/mq.$writer.ours" 2>&1
	cmpsave "$writer-writes/mailq" "bp.$writer.ref" "mq.$writer.ours"
	cp -a "$W/q" "$OUT/save/q.$writer"
done
# 2. each queue run by each binary: the same mail comes out
for writer in ours ref; do
	for runner in ours ref; do
		fresh
		rm -rf "$W/q"; cp -a "$OUT/save/q.$writer" "$W/q"
		if [ $runner = ours ]; then bin=$OURS; else bin=$REF; fi
		inns "$bin" -C "$W/c.cf" -q > "$OUT/save/run.$writer.$runner.out" 2>&1
		echo "rc=$?" >> "$OUT/save/run.$writer.$runner.out"
		delivered "mb.$writer.$runner"
	done
	cmpsave "$writer-writes/run-output" "run.$writer.ref.out" "run.$writer.ours.out"
	cmpsave "$writer-writes/delivered" "mb.$writer.ref" "mb.$writer.ours"
	cmpsave "$writer-writes/queue-after" "mb.$writer.ref.queue" "mb.$writer.ours.queue"
done
# 3. what the reference delivers from its own queue equals what it
#    delivers from ours (the queue files carry the same message)
cmpsave "ref-runs/same-mail" "mb.ref.ref" "mb.ours.ref"
exit 0
