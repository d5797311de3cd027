#!/bin/sh
# test/fuzz/run.sh - `make fuzz`: build every test/fuzz/fuzz_<name>.c with
# clang -fsanitize=fuzzer,address,undefined against the project's sources
# (libsmutil/*.c and sendmail/*.c except main.c, compiled directly) and run
# each for a bounded time on its corpus test/fuzz/corpus_<name>/ (new inputs
# go to test/out/fuzz/corpus_<name>/, never into the tree).
# Prints "PASS fuzz/<name>" or "FAIL fuzz/<name>: ..." lines.
# Usage: sh test/fuzz/run.sh [-t SECONDS] [name...]   (FUZZ_TIME also works;
# FUZZ_LEAKS=0 turns LeakSanitizer off)
cd "$(dirname "$0")/../.." || exit 2
secs=${FUZZ_TIME:-60}
if [ "$1" = -t ]; then secs=$2; shift 2; fi
command -v clang >/dev/null 2>&1 || { echo "FAIL fuzz/setup: clang not installed"; exit 1; }
OUT=test/out/fuzz
mkdir -p "$OUT"
srcs="$(ls libsmutil/*.c) $(ls sendmail/*.c | grep -v '^sendmail/main\.c$')"
flags="-std=c17 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -I."
names=$*
[ -n "$names" ] || names=$(ls test/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')
rc=0
for n in $names; do
	bin=$OUT/fuzz_$n
	if ! clang $flags -o "$bin" "test/fuzz/fuzz_$n.c" $srcs -ldb -lresolv > "$OUT/build_$n.log" 2>&1; then
		echo "FAIL fuzz/$n: build failed (see $OUT/build_$n.log)"; rc=1; continue
	fi
	mkdir -p "$OUT/corpus_$n" "$OUT/artifacts_$n"
	seeds=test/fuzz/corpus_$n
	[ -d "$seeds" ] || seeds=
	(cd "$OUT" && ASAN_OPTIONS=detect_leaks=${FUZZ_LEAKS:-1} UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"./fuzz_$n" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="artifacts_$n/" "corpus_$n" ${seeds:+"../../../$seeds"} \
		> "run_$n.log" 2>&1)
	st=$?
	if [ $st -eq 0 ]; then
		echo "PASS fuzz/$n ($(grep -c . "$OUT/run_$n.log") log lines; $(ls "$OUT/corpus_$n" | wc -l) corpus files)"
	else
		echo "FAIL fuzz/$n: exit $st, see $OUT/run_$n.log and $OUT/artifacts_$n/"
		grep -m3 'ERROR\|SUMMARY\|runtime error\|fuzz target exited' "$OUT/run_$n.log" | sed 's/^/    /'
		rc=1
	fi
done
exit $rc
