# e2e_env.sh - shared set-up for the end-to-end tests (test/diff/t_e2e.sh,
# test/crash/run.sh, test/bench/bench_submit.sh, bench_deliver.sh): a
# self-contained MTA directory (cf from a small mc, aliases + the reference's
# aliases.db, a test local mailer, queue, mailboxes, a private home) and a
# runner that executes a command in test/lib/ns.sh with that directory
# bind-mounted on /media (so every side sees identical paths: the reference
# and Osprey run with byte-identical cfs) and <dir>/home bind-mounted on /root
# (dead.letter stays in the directory). Source it after setting $top.
# Functions touch only the directories they are given.
#
#   e2e_ref                    -> sets REFROOT, REF (reference sendmail) or fails
#   e2e_mkdir DIR BIN [MQ]     -> a fresh MTA directory using BIN as sendmail
#                                 (copied to DIR/bin/sendmail; MQ -> DIR/bin/mailq,
#                                 default: a mailq symlink to sendmail)
#   e2e_cf DIR [MC-LINES...]   -> DIR/e2e.cf (m4) and aliases.db (reference -bi)
#   e2e_run DIR CMD...         -> run CMD in the namespace (cwd /media)
#   E2E=/media                 -> the path the cf and scripts refer to

E2E=/media

e2e_ref() {
	REFROOT=$(sh "$top/test/lib/ref-fetch.sh" 2>/dev/null) || return 1
	REFROOT=$(readlink -f "$REFROOT")
	REF=$REFROOT/usr/libexec/sendmail/sendmail
	[ -x "$REF" ]
}

# e2e_mc EXTRA...: the mc (extra lines appended before the mailers)
e2e_mc() {
	cat <<MC
VERSIONID(\`osprey e2e')dnl
define(\`confSERVICE_SWITCH_FILE', \`$E2E/etc/service.switch')dnl
define(\`confHOSTS_FILE', \`$E2E/etc/hosts')dnl
define(\`confCW_FILE', \`$E2E/etc/local-host-names')dnl
define(\`confCT_FILE', \`$E2E/etc/trusted-users')dnl
define(\`ALIAS_FILE', \`$E2E/etc/aliases')dnl
define(\`QUEUE_DIR', \`$E2E/q')dnl
define(\`STATUS_FILE', \`$E2E/etc/statistics')dnl
define(\`confHELP_FILE', \`$E2E/etc/helpfile')dnl
define(\`confFORWARD_PATH', \`')dnl
OSTYPE(\`linux')dnl
DOMAIN(\`generic')dnl
define(\`LOCAL_MAILER_PATH', \`$E2E/lmail.sh')dnl
define(\`LOCAL_MAILER_ARGS', \`lmail -d \$u')dnl
MC
	for l in "$@"; do printf '%s\n' "$l"; done
	printf "MAILER(\`local')dnl\nMAILER(\`smtp')dnl\n"
}

e2e_mkdir() {
	d=$1 bin=$2 mq=$3
	rm -rf "$d"
	mkdir -p "$d/etc" "$d/q" "$d/mbox" "$d/home" "$d/bin" "$d/files"
	chmod 755 "$d" "$d/etc" "$d/mbox" "$d/bin" "$d/files"
	chmod 700 "$d/q" "$d/home"
	# file and program deliveries for alias targets run as DefaultUser (daemon)
	chown 1:1 "$d/files"
	cp "$bin" "$d/bin/sendmail" || return 1
	if [ -n "$mq" ]; then cp "$mq" "$d/bin/mailq"; else ln -s sendmail "$d/bin/mailq"; fi
	printf 'hosts files\naliases files\n' > "$d/etc/service.switch"
	printf '127.0.0.1\tlocalhost\n192.0.2.1\tvm.example.com vm\n' > "$d/etc/hosts"
	echo vm.example.com > "$d/etc/local-host-names"
	: > "$d/etc/trusted-users"
	: > "$d/etc/statistics"
	cat > "$d/etc/aliases" <<AL
postmaster: root
mailer-daemon: postmaster
alist: daemon, bin
tofile: $E2E/files/filed
toprog: "|/bin/sh -c 'cat >> $E2E/files/progged'"
mixed: sys, $E2E/files/mixed, nosuchuser
nested: alist, sync
self: self, games
failprog: "|/bin/sh -c 'exit 67'"
tempprog: "|/bin/sh -c 'exit 75'"
oserrprog: "|/bin/sh -c 'exit 71'"
badfile: $E2E/etc/nowrite/file
inclist: :include:$E2E/etc/inclist
AL
	printf 'daemon, bin\n' > "$d/etc/inclist"; chmod 644 "$d/etc/inclist"
	# the test local mailer: lmail [-f sender] -d user... appends stdin to mbox/<user>
	# (exit code forced by a file mbox/.exit-<user> if present) and its
	# arguments to mbox/.argv (-f is given only where the reference gives it)
	cat > "$d/lmail.sh" <<'LM'
#!/bin/sh
d=$(dirname "$0")/mbox
echo "$*" >> "$d/.argv"
while :; do
	case $1 in -f|-r) shift 2;; -d) shift;; *) break;; esac
done
for u in "$@"; do
	if [ -f "$d/.exit-$u" ]; then cat > /dev/null; exit $(cat "$d/.exit-$u"); fi
	cat >> "$d/$u"
done
exit 0
LM
	chmod 755 "$d/lmail.sh"
}

# e2e_cf DIR [EXTRA-MC-LINES...]: generate DIR/e2e.cf with m4 and build the
# aliases.db with the reference newaliases (needs REFROOT)
e2e_cf() {
	d=$1; shift
	e2e_mc "$@" > "$d/e2e.mc"
	m4 -D_CF_DIR_="$REFROOT/usr/share/sendmail/cf/" "$REFROOT/usr/share/sendmail/cf/m4/cf.m4" \
		"$d/e2e.mc" > "$d/e2e.cf" || return 1
	e2e_run "$d" "$REF" -bi -C "$E2E/e2e.cf" > "$d/newaliases.log" 2>&1
}

e2e_run() {
	d=$1; shift
	sh "$top/test/lib/ns.sh" sh -c '
		mount --bind "$0" /media && mount --bind /media/home /root && cd /media && exec "$@"' "$d" "$@"
}
