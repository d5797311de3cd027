#!/bin/sh
# t_smrsh.sh - differential suite: Osprey's smrsh against the reference
# sendmail 8.17 smrsh. Both run under identical conditions (same argv0, same
# program directory bind-mounted over /etc/mail/smrsh inside a private mount
# namespace, private /dev/log); each case compares stdout (which includes
# what the programs print about their argv, parent command line, cwd,
# environment, umask, signals and fds), stderr, exit status and the syslog
# lines (time stamps dropped). Prints "PASS smrsh/NAME" / "FAIL smrsh/NAME:
# why". Writes only test/out/smrsh. Cases: smrsh_cases.sh.
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
R=$(sh test/lib/ref-fetch.sh 2>/dev/null) || { echo "FAIL smrsh/setup: reference not available"; exit 1; }
[ -x smrsh/smrsh ] || make -s smrsh/smrsh >/dev/null 2>&1
[ -x smrsh/smrsh ] || { echo "FAIL smrsh/setup: smrsh not built"; exit 1; }
W=$top/test/out/smrsh
rm -rf "$W"; mkdir -p "$W/bin" "$W/prog/dir" "$W/cwd" "$W/res.ref" "$W/res.ours"
chmod 755 "$W" "$W/bin" "$W/prog" "$W/cwd"
: > "$W/bin/smrsh"; ln -s smrsh "$W/bin/alias"

# ---- the program directory
P=$W/prog
cat > "$P/pa" <<'PA'
#!/bin/sh
printf '$0=%s\n' "$0"
for a in "$@"; do printf 'arg=[%s]\n' "$a"; done
printf 'parent=%s\n' "$(tr '\0' '|' < /proc/$PPID/cmdline)"
printf 'cwd=%s uid=%s umask=%s\n' "$(pwd)" "$(id -u)" "$(umask)"
env | sort | sed 's/^/env: /'
grep -E '^SigIgn' /proc/$$/status
printf 'open fds:'
for fd in 3 4 5 6 7 8 9; do { : >&$fd; } 2>/dev/null && printf ' %s' $fd; done
echo
PA
printf '#!/bin/sh\necho "prog-echo $*"\n' > "$P/echo"
printf '#!/bin/sh\necho "prog-exec $*"\n' > "$P/exec"
printf '#!/bin/sh\necho m0100\n' > "$P/m0100"
printf '#!/bin/sh\necho m0001\n' > "$P/m0001"
printf '#!/bin/sh\necho q\n' > "$P/noexec"
printf '#!/bin/sh\necho "q;r"\n' > "$P/q;r"
chmod 755 "$P/pa" "$P/echo" "$P/exec" "$P/q;r"; chmod 644 "$P/noexec"
chmod 0100 "$P/m0100"; chmod 0001 "$P/m0001"
ln -s /bin/cat "$P/cat"; ln -s dir "$P/dirlink"; ln -s /nonexistent "$P/dangling"
ln -s ../prog/pa "$P/rel"

# ---- both sides
for side in ref ours; do
	case $side in ref) bin=$R/usr/libexec/sendmail/smrsh ;; ours) bin=$top/smrsh/smrsh ;; esac
	SMRSH_BIN=$bin SMRSH_RES=$W/res.$side sh test/lib/ns.sh \
		sh test/diff/qrun_withlog.sh "$W/log.$side" "$W/dev.$side" \
		sh "$top/test/diff/smrsh_side.sh" "$W" > "$W/side.$side.log" 2>&1
done

# ---- split the logs into per-case files (time stamps dropped)
for side in ref ours; do
	python3 - "$W/log.$side" "$W/res.$side" <<'PY'
import re, sys
cur = []
for line in open(sys.argv[1], 'rb').read().split(b'\n'):
    m = re.match(rb'<\d+>\w{3} [ \d]\d \d\d:\d\d:\d\d (?:\S+ )?\S+: END (\S+)$', line)
    if m:
        open(sys.argv[2] + '/' + m.group(1).decode() + '.log', 'wb').write(b'\n'.join(cur))
        cur = []
    elif line:
        cur.append(re.sub(rb'^(<\d+>)\w{3} [ \d]\d \d\d:\d\d:\d\d ', rb'\1', line))
PY
done

pass=0 fail=0
for f in "$W/res.ref"/*.rc; do
	n=$(basename "$f" .rc)
	d=""
	for x in out err rc log; do
		[ -e "$W/res.ref/$n.$x" ] || { d="$d $x(no ref)"; continue; }
		cmp -s "$W/res.ref/$n.$x" "$W/res.ours/$n.$x" || d="$d $x"
	done
	if [ -z "$d" ]; then echo "PASS smrsh/$n"; pass=$((pass + 1))
	else echo "FAIL smrsh/$n: differs:$d (see $W/res.*/$n.*)"; fail=$((fail + 1)); fi
done
[ $((pass + fail)) -gt 100 ] || echo "FAIL smrsh/setup: only $((pass + fail)) cases ran (see $W/side.*.log)"
