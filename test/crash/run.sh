#!/bin/sh
# test/crash/run.sh - crash safety of submission, queue runs and delivery:
# SIGKILL `sendmail -odq`, `sendmail -odi`, `sendmail -q` (the process or its
# whole process group) and the local mailer at random points (random delays),
# then run the queue to completion and check (test/crash/check.py): no
# acknowledged (exit 0) message lost, none corrupted, no qf without df, no
# tf/xf left; duplicates counted and reported. Then the disk-full cases (a
# small tmpfs mounted on the queue directory, filled leaving 0-3 pages) and a
# read-only queue: the submitter must fail with a "try again" status
# (71 EX_OSERR or 74 EX_IOERR as the reference exits, or 75 EX_TEMPFAIL)
# with the reference's message and leave nothing half-written.
# Everything runs in test/lib/ns.sh namespaces (plus a pid namespace: no
# process survives a run) on a test/diff/e2e_env.sh directory. The same
# checks run against the reference (the yardstick); while Osprey's
# submission is still the stub only the reference runs ("crash-ref/" lines).
# Touches only test/out/crash/ (a -n sweep: test/out/crash-sweep/).
# Usage: sh test/crash/run.sh [-n TRIALS-PER-KIND] [-o BIN] [-r] [-v]
#   (default 6 trials per kind: odq, odi, qrun, mailer; -r: reference only)
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
ours=$top/sendmail/sendmail trials=6 refonly= verbose=
while [ $# -gt 0 ]; do
	case $1 in
	-n) trials=$2; shift;; -o) ours=$2; shift;; -r) refonly=1;; -v) verbose=-v;;
	*) echo "usage: $0 [-n TRIALS] [-o BIN] [-r] [-v]" >&2; exit 2;;
	esac
	shift
done
case $ours in /*) ;; *) ours=$top/$ours;; esac
. "$top/test/diff/e2e_env.sh"
O=$top/test/out/crash
# a sweep works in its own directory (the suite may run the default meanwhile)
[ "$trials" = 6 ] || O=$top/test/out/crash-sweep
e2e_ref || { echo "FAIL crash/setup: reference not available"; exit 0; }
rm -rf "$O"; mkdir -p "$O"; chmod 755 "$O"

# mkside NAME BIN: an MTA directory with the crash mailer and messages
mkside() {
	d=$O/$1
	e2e_mkdir "$d" "$2" || return 1
	mkdir -p "$d/mbox/new" "$d/mbox/tmp" "$d/run" "$d/msgs"
	cat > "$d/lmail.sh" <<'LM'
#!/bin/sh
# crash-test mailer: each delivery to mbox/tmp, then renamed into mbox/new
d=/media/mbox
while :; do
	case $1 in -f|-r) shift 2;; -d) shift;; *) break;; esac
done
echo $$ > /media/run/mailer.pid
for u in "$@"; do
	t=$d/tmp/$$.$u
	cat > "$t" || exit 75
	sleep 0.01
	mv "$t" "$d/new/$$.$(date +%s%N).$u" || exit 75
done
exit 0
LM
	chmod 755 "$d/lmail.sh"
	cp "$top/test/crash/driver.sh" "$d/driver.sh"
	awk -v n="$3" -v dir="$d/msgs" 'BEGIN {
		for (i = 1; i <= n; i++) {
			f = dir "/" i
			printf "Subject: crash %d\nFrom: crash@example.org\nX-Crash-Id: %d\n\n", i, i > f
			for (k = 0; k < 40; k++)
				printf "line %d of message %d, padding padding padding padding\n", k, i > f
			close(f)
		}
	}'
	if [ "$1" = ref ]; then e2e_cf "$d"; else cp "$O/ref/e2e.cf" "$d/" && cp "$O/ref/etc/aliases.db" "$d/etc/"; fi
}
nmsg=$((trials * 8 + 10))
mkside ref "$REF" $nmsg || { echo "FAIL crash/setup: reference directory"; exit 0; }
sides=ref
if [ -z "$refonly" ]; then
	mkside ours "$ours" $nmsg || { echo "FAIL crash/setup: osprey directory"; exit 0; }
	# is Osprey's submission path there yet?
	cp -a "$O/ours" "$O/probe"
	e2e_run "$O/probe" sh -c '/media/bin/sendmail -C /media/e2e.cf -odq root < /media/msgs/1' > "$O/probe.out" 2>&1
	prc=$?
	rm -rf "$O/probe"
	if [ $prc -eq 69 ] && [ ! -s "$O/probe.out" ]; then
		echo "crash: Osprey submission is still the stub (exit 69): reference only"
	else
		sides="ref ours"
	fi
fi
tag() { if [ "$1" = ref ]; then echo crash-ref; else echo crash; fi; }

# --- kills at random points, then a final queue run
kills() {
	side=$1 d=$O/$1 id=1
	for kind in odq odi qrun mailer; do
		e2e_run "$d" unshare --pid --fork --mount-proc sh /media/driver.sh $kind "$trials" $id >> "$d/run.log" 2>&1
		id=$(cat "$d/run/nextid" 2>/dev/null || echo $((id + trials * 3)))
	done
	e2e_run "$d" unshare --pid --fork --mount-proc sh /media/driver.sh drain 0 $id >> "$d/run.log" 2>&1
	res=$(python3 "$top/test/crash/check.py" "$d" $verbose)
	echo "$res" > "$d/verdict"
	line=$(echo "$res" | head -1)
	# both: nothing acknowledged lost, nothing corrupted, no qf without its df.
	# Osprey also: no tf/xf and no orphan df left after the final queue run,
	# no garbled second copy
	# (the reference leaves them: reported in its line)
	why=
	case " $line " in *" acked=0 "*) why="nothing acknowledged";; esac
	for k in lost corrupt qf_without_df; do
		case " $line " in *" $k=0 "*) ;; *) why="$why $k";; esac
	done
	if [ "$side" = ours ]; then
		for k in tf_xf_left df_without_qf garbled_duplicates other_files_left; do
			case " $line " in *" $k=0 "*) ;; *) why="$why $k";; esac
		done
	fi
	if [ -z "$why" ]; then echo "PASS $(tag $side)/kills: $line"
	else echo "FAIL $(tag $side)/kills:$why: $line"; fi
	[ -n "$verbose" ] && echo "$res" | tail -n +2
}

# --- full disk and read-only queue: SETUP is run in the namespace first.
# Osprey must exit 71, 74 or 75, print the reference's first message and
# leave nothing in the queue (or, when the message fitted after all, exit 0
# with exactly one df and one qf queued). The reference's own behaviour is reported
# ("INFO crash-ref/..."): it does not meet that bar (measured: exit 71/74,
# a df/qf or Qf left behind).
# fullcase SIDE NAME FLAGS SETUP: submit a message -odq, record exit, stderr, queue
fullcase() {
	side=$1 name=$2 flags=$3 setup=$4 d=$O/$1
	rm -rf "$d/q" "$d/home"/*; mkdir "$d/q"; chmod 700 "$d/q"
	e2e_run "$d" sh -c "$setup
		/media/bin/sendmail -C /media/e2e.cf -odq $flags root < /media/msgs/1 > /media/run/$name.out 2>&1
		echo \$? > /media/run/$name.rc
		ls -a /media/q | grep -v '^\\.*\$' | grep -v '^filler\$' > /media/run/$name.q" > "$d/run/$name.log" 2>&1
	rc=$(cat "$d/run/$name.rc" 2>/dev/null)
	left=$(sed 's/^\(..\).*/\1/' "$d/run/$name.q" | sort | uniq -c | tr -s ' \n' '  ')
	msg=$(head -1 "$d/run/$name.out" 2>/dev/null | sed 's/\([dqtx]f\)\{0,1\}[0-9A-Za-x]\{8\}[0-9]\{5,7\}/\1QID/g')
	if [ "$side" = ref ]; then
		echo "INFO crash-ref/$name: exit $rc; left in queue:${left:- nothing}; '$msg'"
		return
	fi
	rmsg=$(head -1 "$O/ref/run/$name.out" 2>/dev/null | sed 's/\([dqtx]f\)\{0,1\}[0-9A-Za-x]\{8\}[0-9]\{5,7\}/\1QID/g')
	why=
	if [ "$rc" = 0 ]; then
		# it fitted after all: accepted, then it must be queued whole
		[ "$(tr '\n' ' ' < "$d/run/$name.q" | sed 's/\(..\)[^ ]* /\1 /g')" = "df qf " ] ||
			why="exit 0 but queue holds:$left;"
	else
		case $rc in 71|74|75) ;; *) why="exit $rc, not 71/74/75;";; esac
		[ -s "$d/run/$name.q" ] && why="$why left in queue:$left;"
	fi
	# the reference's first line, when it prints one (enospc: it may not)
	[ "$rc" = 0 ] || [ -z "$rmsg" ] || [ "$msg" = "$rmsg" ] || why="$why message '$msg' vs reference '$rmsg'"
	if [ -z "$why" ]; then echo "PASS crash/$name: exit $rc, '$msg'"
	else echo "FAIL crash/$name: $why"; fi
}
# a queue tmpfs filled to the brim, leaving K free 1k blocks
fill='mount -t tmpfs -o size=2m,mode=700 crashq /media/q &&
	free=$(df -k --output=avail /media/q | tail -1) &&
	dd if=/dev/zero of=/media/q/filler bs=1k count=$((free - K)) 2>/dev/null'
for side in $sides; do
	kills $side
	# below MinFreeBlocks (the cf's 100), then real ENOSPC at each write
	fullcase $side full "" "K=0; $fill"
	for k in 0 4 8; do
		fullcase $side enospc$k -OMinFreeBlocks=0 "K=$k; $fill"
	done
	fullcase $side readonly "" 'mount --bind /media/q /media/q && mount -o remount,bind,ro /media/q'
done
exit 0
