#!/bin/sh
# t_aliases.sh - differential suite: the aliases file and its building
# (`sendmail -bi`, i.e. newaliases) of Osprey against the reference
# sendmail 8.17. Every case writes one aliases source, runs `sendmail -bi`
# of both binaries on the same cf (made by the reference m4 from a small mc
# with a hermetic service switch) and compares stdout, stderr, the exit
# status, the database content (dumped with NULs visible, and by the
# reference makemap -u), the db mode, and `/map` lookups in -bt of both
# (ours also on the reference's database).
# Prints "PASS name" / "FAIL name: detail". Writes only test/out/aliases.
# OSPREY_SENDMAIL overrides the binary under test (default sendmail/sendmail).
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
R=$(sh test/lib/ref-fetch.sh 2>/dev/null) || { echo "FAIL aliases/setup: reference not available"; exit 1; }
REF=$R/usr/libexec/sendmail/sendmail
OURS=${OSPREY_SENDMAIL:-$top/sendmail/sendmail}
case $OURS in /*) ;; *) OURS=$top/$OURS;; esac
[ -x "$OURS" ] || make -s sendmail/sendmail >/dev/null 2>&1
[ -x "$OURS" ] || { echo "FAIL aliases/setup: $OURS not built"; exit 1; }
W=$top/test/out/aliases
rm -rf "$W/ref" "$W/ours" "$W/etc" "$W/cmp"
mkdir -p "$W/ref" "$W/ours" "$W/etc" "$W/q" "$W/cmp"
chmod 755 "$W" "$W/ref" "$W/ours" "$W/etc" "$W/q"
NS="sh $top/test/lib/ns.sh"
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# ---- the dumper (our db layer: NULs shown as \0)
[ -f libsmutil/libsmutil.a ] || make -s libsmutil/libsmutil.a >/dev/null 2>&1
cc -std=c17 -D_GNU_SOURCE -O2 $OSPREY_SANFLAGS -I. -o "$W/dump" test/diff/t_aliases_dump.c \
	libsmutil/libsmutil.a -ldb 2>"$W/dump.err" ||
	{ echo "FAIL aliases/setup: dumper: $(head -1 "$W/dump.err")"; exit 1; }

# ---- a hermetic cf from the reference m4
printf 'hosts files\naliases files\n' > "$W/etc/service.switch"
: > "$W/etc/local-host-names"
cat > "$W/etc/a.mc" <<EOF
OSTYPE(linux)dnl
DOMAIN(generic)dnl
define(\`confSERVICE_SWITCH_FILE',\`$W/etc/service.switch')dnl
define(\`confHOSTS_FILE',\`$W/etc/hosts')dnl
define(\`confCW_FILE',\`$W/etc/local-host-names')dnl
define(\`QUEUE_DIR',\`$W/q')dnl
define(\`ALIAS_FILE',\`$W/etc/aliases')dnl
MAILER(local)dnl
MAILER(smtp)dnl
EOF
printf '127.0.0.1 localhost\n' > "$W/etc/hosts"
m4 -D_CF_DIR_="$R/usr/share/sendmail/cf/" "$R/usr/share/sendmail/cf/m4/cf.m4" \
	"$W/etc/a.mc" > "$W/etc/a.cf" 2>"$W/etc/m4.err" ||
	{ echo "FAIL aliases/setup: m4"; exit 1; }
CF=$W/etc/a.cf
LARGS=

# run_bi WHO NAME ARGS...: newaliases of WHO in the case directory
run_bi() {
	who=$1 name=$2; shift 2
	d=$W/$who/$name
	if [ $who = ref ]; then bin=$REF; else bin=$OURS; fi
	af="-OAliasFile=$d/aliases"
	[ -n "$AF" ] && af="-OAliasFile=$(echo "$AF" | sed "s#@D@#$d#g")"
	(cd "$d" && eval "$LOCKCMD" timeout 60 $NS "$bin" -bi -C "$CF" "$af" "$@" \
		> "$d.out" 2> "$d.err"; echo $? > "$d.rc")
	sed -i "s#$W/$who/#@/#g" "$d.out" "$d.err"
	for db in "$d"/*.db; do
		[ -f "$db" ] || continue
		b=$(basename "$db")
		t=hash; case "$AF" in *btree:*"$b"*|*btree:*) t=btree;; esac
		"$W/dump" $t "$db" | LC_ALL=C sort > "$d.dump.$b"
		stat -c '%a' "$db" >> "$d.dump.$b"
		"$R/usr/sbin/makemap" -C "$CF" -u $t "${db%.db}" 2>&1 | LC_ALL=C sort > "$d.mm.$b"
	done
}

# run_bt WHO NAME DBDIR: /map lookups of every key (from ref's dump)
run_bt() {
	who=$1 name=$2 dbdir=$3
	if [ $who = ref ]; then bin=$REF; else bin=$OURS; fi
	af="-OAliasFile=$dbdir/aliases"
	[ -n "$AF" ] && af="-OAliasFile=$(echo "$AF" | sed "s#@D@#$dbdir#g")"
	{ cut -f1 "$W/ref/$name.dump.aliases.db" 2>/dev/null | grep -v '^[0-9]*$' |
		sed 's/\\0$//' | grep -v '\\' | sed 's#^#/map aliases #'
	  echo "/map aliases nosuchalias"; echo "/map Alias0 postmaster"; } > "$W/cmp/$name.bt"
	(cd "$dbdir" && timeout 60 $NS "$bin" -bt -C "$CF" "$af" < "$W/cmp/$name.bt" \
		> "$W/cmp/$name.bt.$who$4" 2>&1)
	sed -i "s#$W/[a-z]*/#@/#g" "$W/cmp/$name.bt.$who$4"
}

# acase NAME PRINTF-FORMAT [sendmail args...]  (AF=, LOCKCMD= from env)
acase() {
	name=$1 fmt=$2; shift 2
	for who in ref ours; do
		d=$W/$who/$name
		mkdir -p "$d"; chmod 755 "$d"
		[ "$fmt" != - ] && printf "$fmt" > "$d/aliases"
		[ -n "$SETUP" ] && (cd "$d" && sh -c "$SETUP")
		run_bi $who $name "$@"
	done
	r=$W/ref/$name o=$W/ours/$name
	for x in out err rc; do
		if ! cmp -s "$r.$x" "$o.$x"; then
			ko "aliases/$name" "$x differs: $(diff "$r.$x" "$o.$x" | grep '^[<>]' | head -2 | tr '\n' ' ')"
			return
		fi
	done
	for f in "$r".dump.* "$r".mm.*; do
		[ -f "$f" ] || continue
		g=$o${f#$r}
		if ! cmp -s "$f" "$g"; then
			ko "aliases/$name" "db differs ($(basename "$f")): $(diff "$f" "$g" 2>&1 | grep '^[<>]' | head -2 | tr '\n' ' ')"
			return
		fi
	done
	if [ -z "$NOBT" ] && [ -f "$r.dump.aliases.db" ]; then
		run_bt ref $name "$r"; run_bt ours $name "$o"; run_bt ours $name "$r" .refdb
		for s in ours ours.refdb; do
			if ! cmp -s "$W/cmp/$name.bt.ref" "$W/cmp/$name.bt.$s"; then
				ko "aliases/$name" "-bt /map differs ($s): $(diff "$W/cmp/$name.bt.ref" "$W/cmp/$name.bt.$s" | grep '^[<>]' | head -2 | tr '\n' ' ')"
				return
			fi
		done
	fi
	ok "aliases/$name"
}

. "$top/test/diff/aliases_cases.sh"

echo "aliases: $pass passed, $fail failed" >&2
[ $fail -eq 0 ]
