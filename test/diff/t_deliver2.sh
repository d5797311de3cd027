#!/bin/sh
# test/diff/t_deliver2.sh - differential delivery tests (deliver_lib.sh)
# of what the mailer sees: header addresses through rulesets 3, 1|2, the
# mailer's S=/R= header set, 4 (masquerading, always_add_domain, F=C,
# folding), the envelope through S=/R= envelope sets (Return-Path, From_
# line, $u), mailer flags (L=, l/u/h, s, 7), the error mailer and
# discard at delivery, *file* rules. Generic m4 cfs and handwritten
# ones. Touches only test/out/deliver2/.
# Usage: sh test/diff/t_deliver2.sh
DSUITE=deliver2
. "$(dirname "$0")/deliver_lib.sh"

mkcf dad "FEATURE(\`always_add_domain')dnl"
mkcf dmq "MASQUERADE_AS(\`masq.example')dnl
FEATURE(\`always_add_domain')dnl
FEATURE(\`masquerade_envelope')dnl" "MAILER(\`procmail')dnl"
mkcf dmh "MASQUERADE_AS(\`masq.example')dnl"
# F=C on the local mailer: header addresses without a domain get the
# sender's domain
sed -e '/^Mlocal/s/F=/F=C/' "$OUT/d.cf" > "$OUT/dc.cf"
# a handwritten cf: every ruleset leaves a mark
cat > "$OUT/h.cf" <<EOF
V10
Cwvm.example.com localhost
O QueueDirectory=$OUT/q
O AliasFile=$OUT/etc/aliases
O StatusFile=$OUT/stats
O ServiceSwitchFile=$OUT/etc/service.switch
O HostsFile=$OUT/etc/hosts
O DefaultUser=daemon:daemon
O DeliveryMode=b
O OldStyleHeaders=True
H?P?Return-Path: <\$g>
HReceived: by \$j id \$i
H?D?Date: \$a
H?F?From: \$?x\$x <\$g>\$|\$g\$.
H?M?Message-Id: <\$t.\$i@\$j>
S3
R\$* < \$* > \$*	\$2
S0
R\$+ @ up . \$+	\$#caseu \$@ \$2 \$: \$1
R\$+ @ low . \$+	\$#case \$@ \$2 \$: \$1
R\$+ @ hup . \$+	\$#caseh \$@ \$2 \$: \$1
R\$+ @ q . \$+	\$#quote \$@ \$2 \$: \$1
R\$+ @ seven	\$#seven \$@ x \$: \$1
R\$+ @ err	\$#error \$@ 5.1.1 \$: "550 no such user here"
R\$+ @ terr	\$#error \$@ 4.2.0 \$: "450 try again later"
R\$+ @ nerr	\$#error \$: 67 no such
R\$+ @ disc	\$#discard \$: \$1
R\$+ @ \$=w	\$#local \$: \$1
R\$+ @ \$+	\$#local \$: \$1
R\$+	\$#local \$: \$1
S1
R\$+	\$: \$1 . s1
S2
R\$+	\$: \$1 . s2
S4
R\$+	\$: \$1 . s4
S11
R\$+	\$: env-s < \$1 >
S12
R\$+	\$: \$1 . hs
S21
R\$+	\$: env-r . \$1
S22
R\$+	\$: \$1 . hr
Mlocal, P=$OUT/tmail.sh, F=flsDFMA5:/|@qS, S=11/12, R=21/22, A=lmail -d \$u
Mcaseu, P=$OUT/tmail.sh, F=u, A=lmail -d \$u \$h
Mcase, P=$OUT/tmail.sh, F=, A=lmail -d \$u \$h
Mcaseh, P=$OUT/tmail.sh, F=h, A=lmail -d \$u \$h
Mquote, P=$OUT/tmail.sh, F=s, A=lmail -d \$u
Mseven, P=$OUT/tmail.sh, F=7n, A=lmail -d \$u
Mprog, P=/bin/sh, F=lsDFMoqeu9, S=11/12, R=21/22, D=\$z:/, A=sh -c \$u
EOF
# the From_ line in a form the snapshot does not normalise
sed -e 's|^O DeliveryMode=b|&\nO UnixFromLine=From $g [$d]|' "$OUT/h.cf" > "$OUT/hx.cf"
# L=40 (the From_ line without the date: its pieces would differ)
sed -e 's|^Mlocal.*|&, L=40|' -e 's|^O DeliveryMode=b|&\nO UnixFromLine=From $g|' "$OUT/h.cf" > "$OUT/hl.cf"

F=$OUT/fdir
printf 'Subject: hdrs\nFrom: "Joe Q. Public" <joe> (the man)\nTo: root, Daemon <daemon> (d), bin@vm.example.com\nCc: a.long.address.number.one@example.org, a.long.address.number.two@example.org, a.long.address.number.three@example.org, x\nReply-To: joe\nSender: Jack <jack>\nErrors-To: err\nResent-From: rf\nResent-To: rt, rt2\nBcc: hidden\nX-Other: root, daemon\n\nbody\n' > "$OUT/msghdr"
printf 'Subject: grp\nTo: friends: a, b <b@x.example>;, c\nFrom: me@vm.example.com\n\nbody\n' > "$OUT/msggrp"

tc hdr_generic d.cf msghdr v -- root
tc hdr_add dad.cf msghdr v -- root
tc hdr_masq dmq.cf msghdr v -- root
tc hdr_masq_hdronly dmh.cf msghdr v -- root
tc hdr_masq_f dmq.cf msghdr v -- -f me@vm.example.com root
tc hdr_c dc.cf msghdr v -- -f me@other.example root
tc hdr_group dad.cf msggrp v -- root
tc hdr_file dad.cf msghdr v -- tof
tc hdr_prog dmq.cf msghdr v -- okp
tc hand1 h.cf msghdr v -- root
tc hand_f h.cf msghdr v -- -f me@x.example root daemon
tc hand_l hl.cf msghdr v -- root
# L= line limits: header and body lines split with '!'
cp /tmp/x "$OUT/msgL" 2>/dev/null
tc hand_lbody hl.cf msgL v -- root
# at delivery only: rules that did not apply at submission
grep -v -e "^R\\$+ @ err" -e "^R\\$+ @ terr" -e "^R\\$+ @ nerr" -e "^R\\$+ @ disc" "$OUT/h.cf" > "$OUT/hsub.cf"
printf 'Subject: 8bit\nContent-Type: text/plain; charset=iso-8859-1\n\ncaf\351 \344\366\374\nplain\n' > "$OUT/msg8"
printf 'Subject: 8bit\nMIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\n\ncaf\351 \344\366\374\nplain\n' > "$OUT/msg8m"
# mailer flags: case of $u and $h, F=s, F=7
tc case_u h.cf msg1 v -- 'MiXed@up.Host.Example'
tc case_l h.cf msg1 v -- 'MiXed@low.Host.Example'
tc case_h h.cf msg1 v -- 'MiXed@hup.Host.Example'
tc quote_s h.cf msg1 v -- '"quoted user"@q.x'
# seven, seven_hdr: the REFERENCE dies of SIGSEGV here (an 8-bit body
# without MIME-Version for a F=7 mailer: after "Cannot send 8-bit data to
# 7-bit destination"), leaving the queue as it was; we stop the same way
# (job_run's job_8to7_dies). deliver_lib.sh keeps the shell's
# "Segmentation fault" report out of the output; the results are compared.
tc seven h.cf msg8 v -- 'eight@seven'
tc seven_hdr d7.cf msg8 v -- root
tc seven_mime d7.cf msg8m v -- root
SUBCF=hsub.cf
tc err_deliv h.cf msg1 v -- -f nobody 'who@err' root
tc terr_deliv h.cf msg1 v -- -f nobody 'who@terr' root
tc nerr_deliv h.cf msg1 v -- -f nobody 'who@nerr'
tc disc_deliv h.cf msg1 v -- -f nobody 'who@disc' root
# $#error at delivery, the reply/enhanced codes of its message: a text
# without a reply code is "553 5.3.0" whatever $@ says (an exit code, a
# name, x.y.z); a text's own codes win over $@; $@ 70/78 notify the
# postmaster too
awk '/^R\$\+ @ nerr/{print;
print "R$+ @ x1\t$#error $: no such";
print "R$+ @ x2\t$#error $: 550 no such";
print "R$+ @ x3\t$#error $@ 68 $: no such";
print "R$+ @ x4\t$#error $@ nouser $: no such";
print "R$+ @ x5\t$#error $@ 5.1.2 $: no such";
print "R$+ @ x6\t$#error $@ 68 $: 551 no such";
print "R$+ @ x7\t$#error $: 75 no such";
print "R$+ @ x8\t$#error $: 5.1.3 no such";
print "R$+ @ x9\t$#error $: 550 5.1.4 no such";
print "R$+ @ xa\t$#error $@ 5.1.2 $: 551 no such";
print "R$+ @ xb\t$#error $@ 64 $: no such";
print "R$+ @ xe\t$#error $@ 4.2.0 $: no such";
print "R$+ @ xf\t$#error $@ 70 $: no such";
print "R$+ @ xg\t$#error $@ 78 $: no such";
print "R$+ @ xh\t$#error $@ 5.1.2 $: 551 5.1.7 no such";
next} {print}' "$OUT/h.cf" > "$OUT/herr.cf"
for x in x1 x2 x3 x4 x5 x6 x7 x8 x9 xa xb xe xf xg xh; do
	tc "errcode_$x" herr.cf msg1 v -- -f nobody "who@$x"
done
# the returned original's headers as *file* gets them: its S=/R= header
# rulesets (S=12/22 leave hs/hr), F=P for Return-Path (<$g>: the sender
# through 3, 1, 4 only), F=c (no comments), F=C on the sender's mailer
# (the domain from the sender rewritten twice, ruleset 3 rerun after
# appending it), a From: generated at submission rewritten again
cp "$OUT/h.cf" "$OUT/hf1.cf"; echo "M*file*, P=[FILE], F=lsDFMPEouq9, S=11/12, R=21/22, A=FILE \$u" >> "$OUT/hf1.cf"
cp "$OUT/h.cf" "$OUT/hf2.cf"; echo "M*file*, P=[FILE], F=lsDFMEouq9, A=FILE \$u" >> "$OUT/hf2.cf"
cp "$OUT/h.cf" "$OUT/hf4.cf"; echo "M*file*, P=[FILE], F=lsDFMPEouq9c, S=12, R=22, A=FILE \$u" >> "$OUT/hf4.cf"
sed -e '/^Mlocal/s/F=/F=C/' "$OUT/h.cf" > "$OUT/hfc.cf"
sed -e '/^Mlocal/s/F=/F=C/' "$OUT/hsub.cf" > "$OUT/hfcsub.cf"
printf 'Subject: nofrom\n\nbody\n' > "$OUT/msgnf"
tc ret_hdr h.cf msghdr v -- -f nobody 'who@err'
tc ret_hdr_file_s hf1.cf msghdr v -- -f nobody 'who@err'
tc ret_hdr_file_nop hf2.cf msghdr v -- -f nobody 'who@err'
tc ret_hdr_file_c hf4.cf msghdr v -- -f nobody 'who@err'
tc ret_hdr_nofrom hf1.cf msgnf v -- -f nobody 'who@err'
SUBCF=hfcsub.cf
tc ret_hdr_fc hfc.cf msghdr v -- -f me@other.example 'who@err'
SUBCF=
# F=C in a plain delivery, ruleset 3 leaving marks (local part and domain)
sed -e '/^Mlocal/s/F=/F=C/' -e 's/^R\$\* < \$\* > \$\*	\$2/&\nR$+ @ $+	$: $1 . L3 @ $2 . s3/' "$OUT/h.cf" > "$OUT/hc3.cf"
printf 'Subject: hdrs\nFrom: "Joe Q. Public" <joe> (the man)\nTo: root, x@y.example\n\nbody\n' > "$OUT/msgc3"
tc hand_c3 hc3.cf msgc3 v -- -f me@other.example root
# the From_ line of an old queued message
QFEDIT='s/^T.*/T1600000000/'
tc old_from hx.cf msg1 v -- root
QFEDIT=
# *file*: modes and owners of targets and their directories,
# SafeFileEnvironment, DontBlameSendmail
cat >> "$OUT/etc/aliases" <<EOA
fx: $F/x.file
fsuid: $F/suid.file
fgsid: $F/sgid.file
fgw: $F/gw/f
fww: $F/ww/f
fwwe: $F/ww/e
fown: $F/own.file
fsafe: $F/safe/in
fsafe2: $F/out
fln: $F/link
fdev: /dev/null
EOA
( cd "$OUT" && $NS "$REF" -C "$OUT/d.cf" -bi >/dev/null 2>&1 ) || echo "FAIL $DSUITE/setup: newaliases"
PREP='printf "x\n" > "$F/x.file"; chmod 755 "$F/x.file"
printf "s\n" > "$F/suid.file"; chmod 4644 "$F/suid.file"
printf "g\n" > "$F/sgid.file"; chmod 2644 "$F/sgid.file"
mkdir -p "$F/gw" "$F/ww" "$F/safe"; chmod 775 "$F/gw"; chmod 777 "$F/ww"
printf "e\n" > "$F/ww/e"; chown "$dun:$dgn" "$F/ww/e"
printf "o\n" > "$F/own.file"; chown bin:bin "$F/own.file"; chmod 666 "$F/own.file"
ln -s "$F/exist.file" "$F/link"'
sed -e "s|^#\{0,1\}O SafeFileEnvironment=.*|O SafeFileEnvironment=$F/safe|" "$OUT/d.cf" > "$OUT/dsafe.cf"
grep -q '^O SafeFileEnvironment' "$OUT/dsafe.cf" || echo "O SafeFileEnvironment=$F/safe" >> "$OUT/dsafe.cf"
sed -e "s|^#\{0,1\}O DontBlameSendmail=.*|O DontBlameSendmail=GroupWritableDirPathSafe,FileDeliveryToSymlink|" "$OUT/d.cf" > "$OUT/ddbs.cf"
for a in fx fsuid fgsid fgw fww fwwe fown fln fdev; do
	tc "file_$a" d.cf msg1 v -- -f nobody "$a"
done
tc file_safe_in dsafe.cf msg1 v -- -f nobody fsafe
tc file_safe_out dsafe.cf msg1 v -- -f nobody fsafe2
tc file_dbs_gw ddbs.cf msg1 v -- -f nobody fgw
tc file_dbs_ww ddbs.cf msg1 v -- -f nobody fww
tc file_dbs_ln ddbs.cf msg1 v -- -f nobody fln
PREP=
# MIME 8->7 at delivery to an F=7 mailer (deliver_mime.c): quoted-
# printable or base64 by the share of 8-bit bytes, multiparts, declared
# encodings, soft breaks, EightBitMode=m, -B8BITMIME/-B7BIT, class q,
# DefaultCharSet, F=7 without E, L=. Messages from mime_msgs.py,
# submitted with -oi (lone dots).
python3 test/diff/mime_msgs.py "$OUT"
sed -e 's/^#O EightBitMode=.*/O EightBitMode=m/' "$OUT/d7.cf" > "$OUT/d7m.cf"
sed -e 's|^Cwlocalhost|&\nCqtext|' -e 's/^#O DefaultCharSet=.*/O DefaultCharSet=iso-8859-2/' "$OUT/d7.cf" > "$OUT/d7qc.cf"
sed -e '/^Mlocal/s/F=7E/F=7/' "$OUT/d7.cf" > "$OUT/d7ne.cf"
sed -e '/^Mlocal/s/F=/L=40, F=/' "$OUT/d7.cf" > "$OUT/d7l.cf"
for c in qp b64 ratio multi nested cte cte_top long ws dot hdr8 nobound deep bounds \
	eof_qp eof_b64 scan4k scan4k_line; do
	tc "mime_$c" d7.cf "mime_$c" v -- -oi root
done
tc mime_mode_m d7m.cf mime_nomime v -- -oi root
tc mime_mode_m_ct d7m.cf mime_nomime_ct v -- -oi root
tc mime_b8 d7.cf mime_nomime v -- -oi -B8BITMIME root
tc mime_b7 d7.cf mime_nomime v -- -oi -B7BIT root
tc mime_q d7qc.cf mime_multi v -- -oi root
tc mime_charset d7qc.cf mime_cte_top v -- -oi root
tc mime_noe d7ne.cf mime_ws v -- -oi root
tc mime_l d7l.cf mime_long v -- -oi root
# without F=7 the body is still walked part by part (MaxMimeHeaderLength
# not 0/0); 0/0 turns that off
sed -e 's/^#O MaxMimeHeaderLength=.*/O MaxMimeHeaderLength=0/' "$OUT/d.cf" > "$OUT/dmh0.cf"
for c in walk multi nested cte bounds nobound deep eof_qp eof_b64; do
	tc "mime8_$c" d.cf "mime_$c" v -- -oi root
done
tc mime8_walk_off dmh0.cf mime_walk v -- -oi root
# 7->8 (deliver_mime78.c): the local mailer has F=9; with F=E too
sed -e '/^Mlocal/s/F=/F=E/' "$OUT/d.cf" > "$OUT/dE.cf"
for c in to8_qp to8_b64 to8_long to8_long64 to8_html to8_comment; do
	tc "mime_$c" d.cf "mime_$c" v -- -oi root
done
tc mime_to8_qp_e dE.cf mime_to8_qp v -- -oi root
tc mime_to8_b64_e dE.cf mime_to8_b64 v -- -oi root
