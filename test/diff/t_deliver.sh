#!/bin/sh
# test/diff/t_deliver.sh - differential tests of one delivery attempt
# (job_run through test/diff/deliver_run.c) against the reference's
# `sendmail -q -v` on an identical copy of a queue written by the
# REFERENCE (`-odq`): -v output, mailbox / file / program output bytes
# and the test mailer's argv+uid log, the queue after the attempt (qf
# rewrite after deferrals, removal after success), normalised for times.
# Bounces go to the sender "nobody" (postmaster copies to root) and are
# compared too, with queue IDs, dates and boundaries normalised.
# Touches only test/out/deliver/.
# Usage: sh test/diff/t_deliver.sh
DSUITE=deliver
. "$(dirname "$0")/deliver_lib.sh"

printf 'Subject: from lines\n\nFrom the start\n>From quoted\nFrom: not a header\nlast\n' > "$OUT/msgfrom"
printf 'Subject: 8bit\nContent-Type: text/plain; charset=iso-8859-1\n\ncaf\351 \344\366\374\nplain\n' > "$OUT/msg8"
awk 'BEGIN { printf "Subject: long\n\n"; for (i = 0; i < 2000; i++) printf "x"; printf "\nshort\n" }' > "$OUT/msglong"
printf 'Subject: rcpt headers\nTo: root, Daemon <daemon>\nCc: bin\nBcc: secret@example.org\n\nbody\n' > "$OUT/msgbcc"
printf 'Subject: no newline\n\nlast line without newline' > "$OUT/msgnonl"
printf 'Subject: only headers\n' > "$OUT/msgempty"
printf 'Subject: dated\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nMessage-Id: <given@example.org>\n\nbody\n' > "$OUT/msgdate"
printf 'From: Fred <fred@example.org>\nSubject: full name\n\nbody\n' > "$OUT/msgfn"
awk 'BEGIN { printf "Subject: big\n\n"; for (i = 0; i < 8000; i++) printf "%070d\n", i }' > "$OUT/msgbig"

# local mailer, one and several recipients, F=m grouping and r=
tc local1 d.cf msg1 v -- root
tc local2 d.cf msg1 v -- root daemon
tc local3 d.cf msg1 v -- root daemon bin
tc local_alias d.cf msg1 v -- both
tc local_m2 dm.cf msg1 v -- root daemon
tc local_m3 dm.cf msg1 v -- root daemon bin
tc local_m_r2 dr2.cf msg1 v -- root daemon bin sys
tc local_fail_m dm.cf msg1 v -- -f nobody root ex75 daemon
tc local_ex67 d.cf msg1 v -- -f nobody root ex67
tc local_quiet d.cf msg1 - -- root daemon
# senders, From_ lines, headers per mailer flags
tc sender_f d.cf msg1 v -- -f nobody root
tc sender_null d.cf msg1 v -- -f '<>' root
tc fullname d.cf msgfn v -- -F 'Fred Full' root
tc fullname_x dx.cf msgfn v -- -F 'Fred Full' root
tc date_given d.cf msgdate v -- root
tc bcc_hdrs d.cf msgbcc v -- root
tc bcc_hdrs_file d.cf msgbcc v -- tof
tc eol_crlf de.cf msg1 v -- root
tc from_escape d7.cf msgfrom v -- root
tc body8 d.cf msg8 v -- root
tc longline d.cf msglong v -- root
tc nonl d.cf msgnonl v -- root
tc emptybody d.cf msgempty v -- root
# *file*
tc file_new d.cf msg1 v -- tof
tc file_exist d.cf msg1 v -- tofe
tc file_from d.cf msgfrom v -- tof
tc file_ro d.cf msg1 v -- -f nobody tofro
tc file_dir d.cf msg1 v -- -f nobody todir
tc file_nodir d.cf msg1 v -- -f nobody tofnodir
# prog
tc prog_ok d.cf msg1 v -- okp
tc prog_ids d.cf msg1 v -- pid
tc prog_echo d.cf msg1 v -- pecho
tc prog_75 d.cf msg1 v -- -f nobody ex75
tc prog_sig d.cf msg1 v -- -f nobody sig
# programs exiting without reading a message larger than a pipe buffer
tc prog_noread0 d.cf msgbig v -- -f nobody noread0
tc prog_noread69 d.cf msgbig v -- -f nobody noread69
tc prog_closein0 d.cf msg1 v -- -f nobody closein0
tc prog_closein69 d.cf msg1 v -- -f nobody closein69
for c in 1 2 64 65 66 67 68 69 70 71 72 73 74 76 77 78; do
	tc "prog_exit$c" d.cf msg1 v -- -f nobody "e$c"
done
# [IPC] recipients: the connection attempt (no network: refused / no DNS)
tcl ipc_nodns dh.cf msg1 v -- -f nobody someone@remote.example
tc ipc_literal ds1.cf msg1 v -- -f nobody someone@remote.example
tcl ipc_badname ds2.cf msg1 v -- -f nobody someone@remote.example
tcl ipc_quad ds3.cf msg1 v -- -f nobody someone@remote.example root
tc ipc_two ds1.cf msg1 v -- -f nobody a@remote.example b@other.example
# syslog: a delivery, senders with and without ctladdr, a deferral, a
# bounce, an [IPC] deferral, a queue run without -v
tcl log_sent d.cf msg1 v -- -f nobody root daemon
tcl log_root d.cf msg1 v -- root tof
tcl log_remote d.cf msg1 v -- -f me@example.org root
tcl log_defer d.cf msg1 v -- -f nobody ex75 root
tcl log_bounce d.cf msg1 v -- -f nobody e67
# the DSN's line after the to= lines, its pri= (1024 + the original's
# size as readqf counts it: df bytes + each H line less 3), the log's
# dsn= of a mailer exit (giveresponse's, not the DSN's Status:), a root
# alias's C line (":postmaster") naming no ctladdr, a queuereturn timeout
tcl log_bounce2 d.cf msg1 v -- -f nobody e67 root
tcl log_bounce64 d.cf msg1 v -- -f nobody e64
tcl log_bounce70 d.cf msg1 v -- -f nobody e70
tcl log_bounce73 d.cf msg1 v -- -f nobody e73
tcl log_pm d.cf msg1 v -- -f nobody postmaster
QFEDIT='s/^T.*/T1600000000/'
tcl log_return d.cf msg1 v -- -f nobody ex75 root
QFEDIT=
tcl log_ipc ds1.cf msg1 v -- -f nobody someone@remote.example
tcl log_quiet d.cf msg1 - -- -f nobody root ex75
# mixtures and deferrals (qf rewrite)
tc mix d.cf msg1 v -- mix
tc defer_mixed d.cf msg1 v -- -f nobody root ex75 daemon
tc defer_two d.cf msg1 v -- -f nobody ex75 sig
tc fail_mixed d.cf msg1 v -- -f nobody root e67 okp e71
# a queue run expands the recipients it reads (the qf edited to hold
# unexpanded ones): aliases ("aliased to"), :include: (refused without a
# C line; with one, read with its ids), .forward of local users (a
# ForwardPath into $OUT/fwd), duplicates, "User unknown" (logged, in the
# DSN with its reason); deferred expanded recipients rewritten with
# their C lines and the parent's notify flags, r line and A flag
sed -e "s|^O ForwardPath=.*|O ForwardPath=$OUT/fwd/\$u.forward|" "$OUT/d.cf" > "$OUT/dfw.cf"
printf 'daemon\nbin\n' > "$OUT/etc/list"
printf 'ex75r, daemon, both\n' > "$OUT/etc/list2"
printf '"|cat >/dev/null; exit 75"\nbin\n' > "$OUT/etc/list3"
chmod 644 "$OUT/etc/list" "$OUT/etc/list2" "$OUT/etc/list3"
mkdir -p "$OUT/fwd"
printf 'bin, nobody\n' > "$OUT/fwd/daemon.forward"
chown daemon "$OUT/fwd/daemon.forward"
printf '"|cat >/dev/null; exit 75", daemon\n' > "$OUT/fwd/root.forward"
QFEDIT='s/^RPFD:root$/RPFD:both/'
tcl qexp_alias d.cf msg1 v -- -f nobody root
tcl qexp_alias_quiet d.cf msg1 - -- -f nobody root
QFEDIT="s|^RPFD:root\$|RPFD::include:$OUT/etc/list|"
tcl qexp_incl_noctl d.cf msg1 v -- -f nobody root
tcl qexp_incl_noctl_quiet d.cf msg1 - -- -f nobody root
QFEDIT="s|^RPFD:root\$|Cdaemon:1:1:daemon\nRPFD::include:$OUT/etc/list|"
tcl qexp_incl_ctl d.cf msg1 v -- -f nobody root
# (queued without the ForwardPath: only the queue run reads .forward)
SUBCF=d.cf
QFEDIT='s/^RPFD:root$/RPFD:daemon/'
tcl qexp_forward dfw.cf msg1 v -- -f nobody root
QFEDIT=
tcl qexp_defer_forward dfw.cf msg1 v -- -f nobody root
SUBCF=
QFEDIT='s/^RPFD:root$/RPFD:both\nRPFD:root/'
tcl qexp_dup d.cf msg1 v -- -f nobody root
QFEDIT='s/^RPFD:root$/RPFD:nosuchuserx\nRPFD:both/'
tcl qexp_unknown d.cf msg1 v -- -f nobody root
QFEDIT='s/^RPFD:root$/RPFD:ex75r/'
tcl qexp_defer_alias d.cf msg1 v -- -f nobody root
QFEDIT="s|^RPFD:root\$|Cdaemon:1:1:daemon\nRPFD::include:$OUT/etc/list2|"
tcl qexp_defer_incl d.cf msg1 v -- -f nobody root
QFEDIT="s|^RPFD:root\$|Cdaemon:1:1:daemon\nRPFD::include:$OUT/etc/list3|"
tcl qexp_defer_inclprog d.cf msg1 v -- -f nobody root
QFEDIT=
tcl qexp_both d.cf msg1 v -- -f nobody both
# a member failing: "expanded from" names its parent (not the r line);
# a C line naming no user: no ctladdr= for *file* and prog
QFEDIT='s/^RPFD:root$/RPFD:e67/'
tcl qexp_fail_member d.cf msg1 v -- -f nobody root
QFEDIT="s|^RPFD:root\$|C:both\nRPFD:$F/direct.file|"
tcl qexp_file_ctl d.cf msg1 v -- -f nobody root
QFEDIT='s|^RPFD:root$|C:both\nRPFD:"\|cat >/dev/null"|'
tcl qexp_prog_ctl d.cf msg1 v -- -f nobody root
# a program or file without a C line: refused, the DSN's
# X-Actual-Recipient in the mailer's address type
QFEDIT="s|^RPFD:root\$|RPFD:$F/direct.file|"
tcl qexp_file_noctl d.cf msg1 v -- -f nobody root
QFEDIT='s|^RPFD:root$|RPFD:"\|cat >/dev/null"|'
tcl qexp_prog_noctl d.cf msg1 v -- -f nobody root
QFEDIT=
