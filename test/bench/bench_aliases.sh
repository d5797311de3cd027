#!/bin/sh
# test/bench/bench_aliases.sh - newaliases (`sendmail -bi`) of N aliases
# (default 100000: local names, lists, continuations, programs, files,
# :include:s, some duplicates) by Osprey and by the reference sendmail with
# the same cf (the t_aliases.sh one, from the reference m4); prints wall and
# CPU time and peak RSS of each (best of R runs) and the ratios
# Osprey/reference. Not a pass/fail test. Touches test/out/bench_aliases.
# Usage: sh test/bench/bench_aliases.sh [-n N] [-r REPEATS] [-o BIN]
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
n=100000 reps=3 ours=${OSPREY_SENDMAIL:-$top/sendmail/sendmail}
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift;; -r) reps=$2; shift;; -o) ours=$2; shift;;
	*) echo "usage: $0 [-n N] [-r REPEATS] [-o BIN]" >&2; exit 2;;
	esac
	shift
done
[ -x /usr/bin/time ] || { echo "bench_aliases: GNU time not available (apt-get install time)"; exit 1; }
R=$(sh test/lib/ref-fetch.sh 2>/dev/null) || { echo "bench_aliases: no reference"; exit 1; }
ref=$R/usr/libexec/sendmail/sendmail
case $ours in /*) ;; *) ours=$top/$ours;; esac
[ -x "$ours" ] || { echo "bench_aliases: $ours not built"; exit 1; }
B=$top/test/out/bench_aliases
rm -rf "$B"; mkdir -p "$B/etc" "$B/q" "$B/ref" "$B/ours"; chmod 755 "$B" "$B/etc" "$B/q" "$B/ref" "$B/ours"
printf 'hosts files\naliases files\n' > "$B/etc/service.switch"
: > "$B/etc/local-host-names"; printf '127.0.0.1 localhost\n' > "$B/etc/hosts"
cat > "$B/etc/a.mc" <<MC
OSTYPE(linux)dnl
DOMAIN(generic)dnl
define(\`confSERVICE_SWITCH_FILE',\`$B/etc/service.switch')dnl
define(\`confHOSTS_FILE',\`$B/etc/hosts')dnl
define(\`confCW_FILE',\`$B/etc/local-host-names')dnl
define(\`QUEUE_DIR',\`$B/q')dnl
define(\`ALIAS_FILE',\`$B/etc/aliases')dnl
MAILER(local)dnl
MAILER(smtp)dnl
MC
m4 -D_CF_DIR_="$R/usr/share/sendmail/cf/" "$R/usr/share/sendmail/cf/m4/cf.m4" "$B/etc/a.mc" > "$B/etc/a.cf" || exit 1
python3 - "$B/aliases" "$n" <<'PY'
import sys, random
path, n = sys.argv[1], int(sys.argv[2])
r = random.Random(42)
out = ['# generated: %d aliases\n' % n, 'MAILER-DAEMON: postmaster\n', 'postmaster: root\n']
for i in range(n):
    k = r.random()
    name = 'User%d.%s' % (i, r.choice(['ops', 'dev', 'Sales', 'x-request', 'owner-list']))
    if k < 0.5:
        v = 'u%d@example.com' % r.randint(0, 10**6)
    elif k < 0.7:
        v = ', '.join('m%d' % r.randint(0, 9999) for _ in range(r.randint(2, 8)))
    elif k < 0.8:
        v = 'a%d,\n\tb%d,\n  c%d' % (i, i, i)
    elif k < 0.87:
        v = '"|/usr/bin/procmail -a %d"' % i
    elif k < 0.94:
        v = '/var/mail/archive/%d' % i
    else:
        v = ':include:/etc/mail/lists/l%d' % i
    if k > 0.995:
        name = 'User%d.ops' % r.randint(0, i + 1)   # duplicates
    out.append('%s: %s\n' % (name, v))
open(path, 'w').write(''.join(out))
PY
# one run: prints "wall user+sys maxrss_kb"
run1() {
	d=$B/$1; bin=$2
	cp "$B/aliases" "$d/aliases"; rm -f "$d/aliases.db"
	(cd "$d" && /usr/bin/time -f '%e %U %S %M' -o "$d/time" sh "$top/test/lib/ns.sh" "$bin" \
		-bi -C "$B/etc/a.cf" "-OAliasFile=$d/aliases" > "$d/out" 2>&1)
	awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }' "$d/time"
}
best() {   # who bin -> best wall, its cpu, max rss over the runs
	i=0; bw=; bc=; br=0
	while [ $i -lt $reps ]; do
		set -- $(run1 "$1" "$2") ; w=$1 c=$2 m=$3
		set -- "$who" "$bin"
		if [ -z "$bw" ] || awk "BEGIN{exit !($w < $bw)}"; then bw=$w bc=$c; fi
		[ "$m" -gt "$br" ] && br=$m
		i=$((i + 1))
	done
	echo "$bw $bc $br"
}
who=ref bin=$ref; set -- $(best ref "$ref"); rw=$1 rc=$2 rr=$3
who=ours bin=$ours; set -- $(best ours "$ours"); ow=$1 oc=$2 or=$3
tail -1 "$B/ref/out" | sed 's#^#  reference: #'
tail -1 "$B/ours/out" | sed 's#^#  osprey:    #'
if [ "$(sed 's#/ref/#/X/#' "$B/ref/out")" != "$(sed 's#/ours/#/X/#' "$B/ours/out")" ]; then echo "  NOTE: outputs differ (see $B/*/out)"; fi
printf 'newaliases %d aliases   wall s   cpu s   peak RSS KiB\n' "$n"
printf '  reference          %7s  %6s  %8s\n' "$rw" "$rc" "$rr"
printf '  osprey             %7s  %6s  %8s\n' "$ow" "$oc" "$or"
awk -v a="$ow" -v b="$rw" -v c="$oc" -v d="$rc" -v e="$or" -v f="$rr" 'BEGIN {
	printf "  ratio osprey/ref   %7.2f  %6.2f  %8.2f\n", (b > 0 ? a / b : 0), (d > 0 ? c / d : 0), (f > 0 ? e / f : 0) }'
