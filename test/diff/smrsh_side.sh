#!/bin/sh
# smrsh_side.sh W - one side of t_smrsh.sh, run inside ns.sh's mount
# namespace under qrun_withlog.sh (private /dev/log). /etc gets a private
# overlay (upper dir in W, the real /etc is never written), W/prog is
# bind-mounted over /etc/mail/smrsh (the compiled-in program directory of
# both binaries) and BIN over W/bin/smrsh, so both sides run with the same
# argv0 and the same programs. Each case writes $SMRSH_RES/NAME.{out,err,rc}; the
# syslog lines of a case end at an "END NAME" marker sent through the same
# socket. The binary comes in $SMRSH_BIN (so that the command line of this
# script, which an exec'd program sees as its parent, is the same for both
# sides). Cases: test/diff/smrsh_cases.sh.
W=$1 BIN=$SMRSH_BIN R=$SMRSH_RES
mkdir -p "$R/ov/up" "$R/ov/wk"
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$R/ov/up,workdir=$R/ov/wk" /etc || exit 1
mkdir -p /etc/mail/smrsh /etc/mail/bin
mount --bind "$W/prog" /etc/mail/smrsh || exit 1
mount --bind "$BIN" "$W/bin/smrsh" || exit 1
: > /etc/mail/bin/smrsh && mount --bind "$BIN" /etc/mail/bin/smrsh || exit 1
B=$W/bin/smrsh
cd "$W/cwd" || exit 1
umask 022

# done NAME: record the status and mark the end of the case in the log
done_case() {
	echo "$rc" > "$R/$1.rc"
	logger -u /dev/log "END $1" 2>/dev/null
}
# c NAME COMMAND: smrsh -c COMMAND with a scrubbed environment
c() {
	env -i HOME=/nonexistent FOO=bar PATH=/nowhere IFS=: "$B" -c "$2" \
		< /dev/null > "$R/$1.out" 2> "$R/$1.err"; rc=$?
	done_case "$1"
}
# a NAME ARGS...: smrsh ARGS...
a() {
	n=$1; shift
	env -i PATH=/nowhere "$B" "$@" < /dev/null > "$R/$n.out" 2> "$R/$n.err"; rc=$?
	done_case "$n"
}
# x NAME CODE: arbitrary shell code ($B is the binary)
x() {
	eval "$2" < /dev/null > "$R/$1.out" 2> "$R/$1.err"; rc=$?
	done_case "$1"
}
. "$(dirname "$0")/smrsh_cases.sh"
