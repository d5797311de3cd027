#!/bin/sh
# test/diff/t_submit.sh - differential tests of the submission path
# (`sendmail [flags] addr... < message` with -odq): the same messages and
# flags to the reference sendmail 8.17 and to Osprey, each with its own
# queue directory under the same generated cf; the queue files (qf lines
# and df bytes, normalised by submit_norm.py: IDs, times, dates), stdout,
# stderr and the exit status must be identical. Cases: submit_cases.txt.
# A case may end in a fourth field of words: user=U runs the submission
# as user U (setpriv; the queue directory is U's, /etc/passwd gains the
# test users of submit_env.sh); cf=V uses the cf variant V (V.cf of
# submit_env.sh); nocf runs without -C (the cf bound at the default path
# /etc/mail/sendmail.cf over a private overlay of /etc); xlog adds
# -X FILE and compares the traffic logs too. Paths of the two sides
# (q<side>, <side>.cf) are normalised to SIDE; $QDIR in args is the
# side's queue directory.
# Touches only test/out/submit/.
# Usage: sh test/diff/t_submit.sh [-o BIN] [-k NAME-PATTERN]
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
ours=$top/sendmail/sendmail
only=
while [ $# -gt 1 ]; do
	case $1 in
	-o) ours=$2; case $ours in /*) ;; *) ours=$top/$ours;; esac;;
	-k) only=$2;;
	*) break;;
	esac
	shift 2
done
OUT=$top/test/out/submit/t
R=$(sh test/lib/ref-fetch.sh 2>"$top/test/out/ref-fetch.log") || R=
REF=$R/usr/libexec/sendmail/sendmail
if [ -z "$R" ] || [ ! -x "$REF" ]; then
	echo "FAIL submit/setup: reference not available"; exit 0
fi
rm -rf "$OUT"
mkdir -p "$OUT"
chmod 755 "$top/test/out/submit"
cp "$ours" "$OUT/osprey-sendmail" && ours=$OUT/osprey-sendmail
export OUT R
sh test/diff/submit_env.sh || { echo "FAIL submit/setup: env"; exit 0; }
sh test/lib/ns.sh "$REF" -C "$OUT/ref.cf" -bi >/dev/null 2>&1
# one run inside the namespace: /root replaced by $OUT/home (dead.letter
# lands there), the tree bound back inside it when it lives under /root
cat > "$OUT/run.sh" <<'EOS'
#!/bin/sh
bin=$1 cf=$2 top=$3; shift 3
case $top in
/root/*) first=${top#/root/}; first=${first%%/*}
	mkdir -p "$OUT/home/$first"
	mount --bind "/root/$first" "$OUT/home/$first" || exit 99;;
esac
mount --rbind "$OUT/home" /root || exit 99
# a case named ro_*: the queue directory is read-only (write failure)
if [ -n "$RO" ]; then
	mount --bind "$RO" "$RO" && mount -o remount,ro,bind "$RO" || exit 99
fi
if [ -n "$NOCF" ]; then
	mkdir -p "$OUT/ov/up" "$OUT/ov/work"
	mount -t overlay overlay -o "lowerdir=/etc,upperdir=$OUT/ov/up,workdir=$OUT/ov/work" /etc ||
		exit 99
	mkdir -p /etc/mail && cp "$cf" /etc/mail/sendmail.cf || exit 99
fi
eval "set -- $*"
[ -n "$XLOG" ] && set -- -X "$XLOG" "$@"
[ -z "$NOCF" ] && set -- -C "$cf" "$@"
if [ -n "$SUSER" ]; then
	mount --bind "$OUT/etc/passwd" /etc/passwd || exit 99
	mount --bind "$OUT/vartmp" /var/tmp || exit 99
	g=$(id -g "$SUSER") || exit 99
	exec setpriv --reuid="$SUSER" --regid="$g" --clear-groups "$bin" "$@"
fi
exec "$bin" "$@"
EOS
run() { # side bin args < msg
	side=$1 bin=$2; shift 2
	rm -rf "$OUT/q$side" "$OUT/ov" "$OUT/vartmp"; mkdir -p "$OUT/q$side" "$OUT/vartmp"
	chmod 700 "$OUT/q$side"; chmod 1777 "$OUT/vartmp"
	rm -f "$OUT/home/dead.letter" "$OUT/x.$side"
	cf=$OUT/$side.cf; [ -n "$cfv" ] && cf=$OUT/$side-$cfv.cf
	xl=; if [ -n "$xlog" ]; then xl=$OUT/x.$side; : > "$xl"; fi
	if [ -n "$suser" ]; then
		uid=$(awk -F: -v u="$suser" '$1 == u { print $3; exit }' "$OUT/etc/passwd")
		chown "$uid" "$OUT/q$side" $xl
	fi
	RO=; case $name in ro_*) RO=$OUT/q$side;; esac
	RO=$RO SUSER=$suser NOCF=$nocf XLOG=$xl QDIR=$OUT/q$side \
		sh test/lib/ns.sh sh "$OUT/run.sh" "$bin" "$cf" "$top" "$@" \
		> "$OUT/$side.out" 2> "$OUT/$side.err"
	echo "rc=$?" > "$OUT/$side.rc"
	# the two sides' own paths (queue directory, cf) read as SIDE
	sub="s|$OUT/q$side|$OUT/qSIDE|g; s|$OUT/$side|$OUT/SIDE|g"
	sed "s|$bin|sendmail|g; $sub" "$OUT/$side.err" > "$OUT/$side.e2" && mv "$OUT/$side.e2" "$OUT/$side.err"
	sed 's/\([dq]f\)[0-9A-Za-x]\{8\}[0-9]\{6,\}/\1QID/g' "$OUT/$side.out" | sed "$sub" > "$OUT/$side.o2"
	python3 test/diff/submit_norm.py "$OUT/q$side" "$OUT/q$side=$OUT/qSIDE" \
		"$OUT/$side=$OUT/SIDE" > "$OUT/$side.q"
	if [ -n "$xl" ]; then
		python3 test/diff/submit_norm.py --xlog "$xl" "$OUT/q$side=$OUT/qSIDE" \
			"$OUT/$side=$OUT/SIDE" > "$OUT/$side.x"
	else
		: > "$OUT/$side.x"
	fi
}
grep -v '^#' test/diff/submit_cases.txt | while IFS='|' read -r name args msg env; do
	if [ -n "$only" ]; then
		case $name in $only) ;; *) continue;; esac
	fi
	suser= cfv= nocf= xlog=
	for w in $env; do
		case $w in
		user=*) suser=${w#user=};;
		cf=*) cfv=${w#cf=};;
		nocf) nocf=1;;
		xlog) xlog=1;;
		*) echo "FAIL submit/$name: bad case word $w"; continue 2;;
		esac
	done
	printf "$msg" > "$OUT/msg"
	run ref "$REF" "$args" < "$OUT/msg"
	run ours "$ours" "$args" < "$OUT/msg"
	why=
	for k in rc o2 err q x; do
		cmp -s "$OUT/ref.$k" "$OUT/ours.$k" || why="$why $k"
	done
	if [ -z "$why" ]; then
		echo "PASS submit/$name"
	else
		echo "FAIL submit/$name: differs:$why"
		mkdir -p "$OUT/fail/$name"
		for k in rc o2 err q x; do cp "$OUT/ref.$k" "$OUT/ours.$k" "$OUT/fail/$name/"; done
	fi
done
