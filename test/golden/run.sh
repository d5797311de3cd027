#!/bin/sh
# test/golden/run.sh - golden tests: feed each test/golden/bt/*.in to
# `sendmail -bt` (in ns.sh namespaces) and compare stdout+stderr plus the
# exit status with the .ref captured from the REFERENCE binary.
# Test <cf>-<what>.in uses bt/<cf>.cf, or bt/<cf>.mc turned into a cf with
# the reference m4 files; optional bt/<name>.args holds extra flags.
# Usage: sh test/golden/run.sh [--update]   (--update rewrites the .ref)
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
update=0
[ "$1" = --update ] && update=1
bin=$top/sendmail/sendmail
out=test/out/golden
mkdir -p "$out"
chmod 755 "$out"
ref_root=
need_ref() {
	[ -n "$ref_root" ] && return 0
	ref_root=$(sh test/lib/ref-fetch.sh) || { echo "FAIL golden/setup: cannot fetch the reference"; exit 1; }
}
# cf_for <name> -> prints the cf path (relative, identical for both runs)
cf_for() {
	base=${1%%-*}
	if [ -f "test/golden/bt/$base.cf" ]; then
		echo "test/golden/bt/$base.cf"
	elif [ -f "test/golden/bt/$base.mc" ]; then
		need_ref
		m4 -D_CF_DIR_="$ref_root/usr/share/sendmail/cf/" \
			"$ref_root/usr/share/sendmail/cf/m4/cf.m4" \
			"test/golden/bt/$base.mc" > "$out/$base.cf" || return 1
		echo "$out/$base.cf"
	else
		return 1
	fi
}
run_one() { # binary cf args infile outfile
	sh test/lib/ns.sh "$1" -bt -C "$2" $3 < "$4" > "$5" 2>&1
	echo "exit=$?" >> "$5"
}
for in in test/golden/bt/*.in; do
	[ -f "$in" ] || continue
	name=$(basename "$in" .in)
	ref=test/golden/bt/$name.ref
	args=
	[ -f "test/golden/bt/$name.args" ] && args=$(cat "test/golden/bt/$name.args")
	cf=$(cf_for "$name") || { echo "FAIL golden/$name: no cf for $name"; continue; }
	if [ $update = 1 ]; then
		need_ref
		run_one "$ref_root/usr/libexec/sendmail/sendmail" "$cf" "$args" "$in" "$ref"
		echo "UPDATED golden/$name"
		continue
	fi
	if [ ! -f "$ref" ]; then
		echo "FAIL golden/$name: missing $ref (run with --update)"
		continue
	fi
	if [ ! -x "$bin" ]; then
		echo "FAIL golden/$name: $bin not built"
		continue
	fi
	run_one "$bin" "$cf" "$args" "$in" "$out/$name.out"
	if cmp -s "$ref" "$out/$name.out"; then
		echo "PASS golden/$name"
	else
		line=$(diff "$ref" "$out/$name.out" | sed -n '1,3p' | tr '\n' ' ' | cut -c1-200)
		echo "FAIL golden/$name: $line"
	fi
done
