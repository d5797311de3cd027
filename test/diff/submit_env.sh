#!/bin/sh
# test/diff/submit_env.sh - the environment of t_submit.sh: a cf generated
# by the reference m4 from an mc (local mailer = a test script appending to
# mbox/<user>), aliases (built by the reference newaliases), trusted users,
# hosts, one queue directory per side. Sourced with OUT, R set.
mkdir -p "$OUT/etc" "$OUT/mbox" "$OUT/home" "$OUT/qref" "$OUT/qours"
chmod 755 "$OUT" "$OUT/etc" "$OUT/home"
chmod 777 "$OUT/mbox"
chmod 700 "$OUT/qref" "$OUT/qours"
printf 'hosts files\naliases files\n' > "$OUT/etc/service.switch"
printf '127.0.0.1\tlocalhost\n192.0.2.1\tvm.example.com vm\n' > "$OUT/etc/hosts"
echo vm.example.com > "$OUT/etc/local-host-names"
: > "$OUT/etc/trusted-users"
cat > "$OUT/lmail.sh" <<'EOS'
#!/bin/sh
d=$(dirname "$0")/mbox
f=$1; shift
for u in "$@"; do cat >> "$d/$u"; done
exit 0
EOS
chmod 755 "$OUT/lmail.sh"
cat > "$OUT/etc/aliases" <<EOS
postmaster: root
alist: alice, bob
rlist: root, daemon
tofile: $OUT/mbox/filed
toprog: "|cat >> $OUT/mbox/progged"
mixed: root, nosuchuser, "|/bin/echo hi", $OUT/mbox/f1
dup: root, root, daemon
bad: nosuch1, nosuch2
err: error:nouser No such person
EOS
cat > "$OUT/s.mc" <<EOS
VERSIONID(\`osprey submit')dnl
define(\`confSERVICE_SWITCH_FILE', \`$OUT/etc/service.switch')dnl
define(\`confHOSTS_FILE', \`$OUT/etc/hosts')dnl
define(\`confCW_FILE', \`$OUT/etc/local-host-names')dnl
define(\`confCT_FILE', \`$OUT/etc/trusted-users')dnl
define(\`ALIAS_FILE', \`$OUT/etc/aliases')dnl
define(\`QUEUE_DIR', \`$OUT/q')dnl
OSTYPE(\`linux')dnl
DOMAIN(\`generic')dnl
define(\`LOCAL_MAILER_PATH', \`$OUT/lmail.sh')dnl
define(\`LOCAL_MAILER_ARGS', \`lmail -d \$u')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
EOS
m4 -D_CF_DIR_="$R/usr/share/sendmail/cf/" "$R/usr/share/sendmail/cf/m4/cf.m4" \
	"$OUT/s.mc" > "$OUT/s.cf.in"
sed "s|^O QueueDirectory=.*|O QueueDirectory=$OUT/qref|" "$OUT/s.cf.in" > "$OUT/ref.cf"
sed "s|^O QueueDirectory=.*|O QueueDirectory=$OUT/qours|" "$OUT/s.cf.in" > "$OUT/ours.cf"
# the users of user= cases: /etc/passwd plus an upper-case login and a
# second name of nobody's uid (bound over /etc/passwd for those cases)
cp /etc/passwd "$OUT/etc/passwd"
printf 'Upper:x:4242:4242:Up Per:/nonexistent:/bin/sh\nnob2:x:65534:65534:Nob Two:/nonexistent:/bin/sh\n' \
	>> "$OUT/etc/passwd"
chmod 644 "$OUT/etc/passwd"
# cf variants (cf=V): noaw = PrivacyOptions without authwarnings; trust =
# nobody in class t; nt = root not in class t
for s in ref ours; do
	sed 's/^O PrivacyOptions=.*/O PrivacyOptions=noexpn/' "$OUT/$s.cf" > "$OUT/$s-noaw.cf"
	sed 's/^Tuucp$/Tuucp\
Tnobody/' "$OUT/$s.cf" > "$OUT/$s-trust.cf"
	sed '/^Troot$/d' "$OUT/$s.cf" > "$OUT/$s-nt.cf"
done
