# bench_e2e.sh - shared by bench_submit.sh and bench_deliver.sh (sourced
# after test/diff/e2e_env.sh): bench_sides DIR OURS makes DIR/ref and
# DIR/ours (identical cf and aliases.db, built with the reference) and sets
# $sides to "ref ours", or "ref" while Osprey's submission is the stub.
bench_sides() {
	e2e_mkdir "$1/ref" "$REF" && e2e_cf "$1/ref" || { echo "bench: reference set-up failed"; return 1; }
	e2e_mkdir "$1/ours" "$2" "$top/mailq/mailq" || return 1
	cp "$1/ref/e2e.cf" "$1/ours/" && cp "$1/ref/etc/aliases.db" "$1/ours/etc/"
	sides="ref ours"
	cp -a "$1/ours" "$1/probe"
	printf 'Subject: probe\n\nprobe\n' |
		e2e_run "$1/probe" /media/bin/sendmail -C /media/e2e.cf -odq root > "$1/probe.out" 2>&1
	[ $? -eq 69 ] && [ ! -s "$1/probe.out" ] && sides=ref
	rm -rf "$1/probe"
	return 0
}
