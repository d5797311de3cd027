#!/bin/sh
# test/run.sh - run the test suites and print "Tests: N passed, N failed".
# Usage: sh test/run.sh [all|unit|golden|diff|crash]
# Every suite prints "PASS name" / "FAIL name: detail" lines; we count them.
cd "$(dirname "$0")/.." || exit 2
what=${1:-all}
out=test/out
mkdir -p $out
: > $out/results
run_suite() {
	name=$1; shift
	echo "== $name"
	"$@" > $out/suite.log 2>&1
	rc=$?
	# a suite that dies (crash, non-zero exit) without saying FAIL still fails
	if [ $rc -ne 0 ] && ! grep -q '^FAIL ' $out/suite.log; then
		echo "FAIL $name: exited with status $rc" >> $out/suite.log
	fi
	cat $out/suite.log >> $out/results
	grep -v '^PASS ' $out/suite.log || true
}
if [ "$what" = all ] || [ "$what" = unit ]; then
	for t in test/unit/test_*; do
		case $t in *.c) continue;; esac
		[ -x "$t" ] || continue
		run_suite "unit $(basename $t)" "$t"
	done
fi
if [ "$what" = all ] || [ "$what" = golden ]; then
	[ -f test/golden/run.sh ] && run_suite golden sh test/golden/run.sh
fi
if [ "$what" = all ] || [ "$what" = diff ]; then
	[ -f test/diff/run.sh ] && run_suite diff sh test/diff/run.sh
	# further differential suites (makemap, aliases, -bv, ...): test/diff/t_*.sh
	for t in test/diff/t_*.sh; do
		[ -f "$t" ] && run_suite "diff $(basename $t .sh)" sh "$t"
	done
fi
if [ "$what" = all ] || [ "$what" = crash ]; then
	# crash safety: SIGKILLs at random points, full disk, read-only queue
	[ -f test/crash/run.sh ] && run_suite crash sh test/crash/run.sh
fi
pass=$(grep -c '^PASS ' $out/results)
fail=$(grep -c '^FAIL ' $out/results)
echo "Tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
