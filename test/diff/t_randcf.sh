#!/bin/sh
# test/diff/t_randcf.sh - differential tests of `sendmail -bt` on RANDOM cf
# files (test/diff/randcf.py): every line type, odd syntax, malformed lines,
# maps, rulesets and an input script per cf; Osprey and the reference
# sendmail 8.17 must print the same transcript (stdout, stderr, exit status).
# Touches only test/out/randcf/ (and .cache/ref through test/lib/ref-fetch.sh).
#
# Usage: sh test/diff/t_randcf.sh [-n N] [-s SEED] [-j JOBS] [-o BIN] [-m] [-a]
#   default: the fixed seeds 1..150, no minimization (fast, deterministic);
#   -n/-s    another range of seeds (minimizes each new difference into
#            test/out/randcf/fail/<seed>/{t.cf,t.in,ref.out,ours.out,desc});
#   -m       minimize in the default mode too; -a save/minimize every failure
#            (default: only the first of each kind); -j parallel jobs (2).
# A summary (cfs, commands, identical, differing) goes to stderr and the
# kinds of differences to test/out/randcf/classes.txt.
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
n=150 s=1 j=2 ours=$top/sendmail/sendmail min=--no-min all=
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; min=; shift;;
	-s) s=$2; min=; shift;;
	-j) j=$2; shift;;
	-o) ours=$2; case $ours in /*) ;; *) ours=$top/$ours;; esac; shift;;
	-m) min=;;
	-a) all=--all;;
	*) echo "usage: $0 [-n N] [-s SEED] [-j JOBS] [-o BIN] [-m] [-a]" >&2; exit 2;;
	esac
	shift
done
R=$(sh test/lib/ref-fetch.sh 2>"$top/test/out/ref-fetch.log") || R=
if [ -z "$R" ] || [ ! -x "$R/usr/libexec/sendmail/sendmail" ]; then
	echo "FAIL randcf/setup: reference not available (see test/out/ref-fetch.log)"; exit 0
fi
for t in python3 unshare timeout; do
	command -v $t >/dev/null 2>&1 || { echo "FAIL randcf/setup: $t not installed"; exit 0; }
done
rm -rf "$top/test/out/randcf/fail"
# In the default (fixed-seed) mode the seeds in randcf_known.txt are known
# differences, each with its reason; they print KNOWN, not FAIL, until fixed.
known=
[ "$min" = --no-min ] && [ "$s" = 1 ] && known="--known test/diff/randcf_known.txt"
exec python3 test/diff/randcf.py -n "$n" -s "$s" -j "$j" -o "$ours" -r "$R" $min $all $known
