# smrsh_cases.sh - the cases of t_smrsh.sh, sourced by smrsh_side.sh (c:
# smrsh -c CMD, a: smrsh ARGS, x: shell code). Programs in the program
# directory (made by t_smrsh.sh): pa (prints its argv, parent command line,
# cwd, environment, umask, signals, fds), cat -> /bin/cat, echo (a script),
# exec (a script), noexec (mode 644), m0100, m0001, dir/, dirlink -> dir,
# dangling -> /nonexistent, rel -> ../prog/pa, "q;r".
nl='
'
cr=$(printf '\r')
# ---- argument vector
a noargs
a c-only -c
a extra-arg -c pa x
a wrong-flag -x pa
a no-flag pa
a flag-glued -cpa
a c-twice -c -c
a dashdash -- -c pa
c empty ''
c blank ' '
c ws-only "$(printf '\t\v\f\r')"
c newline-only "$nl"
# ---- programs and names
c prog 'pa a b'
c prog-spaces 'pa  a   b  '
c prog-quotes "pa \"a b\" 'c d' e\\ f"
c prog-glob 'pa * ? [a] {b} ~ #c !d %e =f'
c symlink-cat 'cat /etc/hostname'
x stdin 'echo from-stdin | env -i "$B" -c cat'
c echo 'echo hi there'
c echo-empty 'echo'
c echo-prog-in-dir '/bin/echo hi'
c echo-upper 'ECHO hi'
c echox 'echox hi'
c exit 'exit'
c exit3 'exit 3'
c exit300 'exit 300'
c exit-bad 'exit x'
c exit-path '/x/exit 1'
c nosuch 'nosuch arg'
c noexec 'noexec'
c dir 'dir'
c dirlink 'dirlink'
c dangling 'dangling'
c rel-symlink 'rel a'
c abs-path '/usr/local/bin/pa z'
c dot-slash './pa'
c dotdot '../smrsh/pa'
c trailing-slash 'pa/ z'
c name-semicolon 'q;r'
c name-meta 'nosuch;x'
c name-newline "pa${nl}x"
c name-highslash "$(printf 'x\257pa')"
c var-assign 'X=1 pa'
c mode0001 'm0001'
c mode0100 'm0100'
x nobody-0100 'setpriv --reuid=65534 --regid=65534 --clear-groups sh -c "cd / && exec env -i /etc/mail/bin/smrsh -c m0100"'
x nobody-0001 'setpriv --reuid=65534 --regid=65534 --clear-groups sh -c "cd / && exec env -i /etc/mail/bin/smrsh -c m0001"'
x nobody-pa 'setpriv --reuid=65534 --regid=65534 --clear-groups sh -c "cd / && exec env -i /etc/mail/bin/smrsh -c \"pa x\""'
# ---- blanks
c lead-blank '  	pa x'
c lead-newline "${nl}pa"
c lead-vt "$(printf '\v\fpa')"
c tab-sep "$(printf 'pa\tx\ty')"
c trail-blank 'pa x  	'
# ---- exec
c exec 'exec pa e f'
c exec-spaces 'exec    pa "a b"  c'
c exec-tab "$(printf 'exec\tpa')"
c exec-vt "$(printf 'exec\vpa')"
c exec-newline-after "exec ${nl}pa"
c exec-bare 'exec'
c exec-space 'exec '
c exec-blanks 'exec   	 '
c exec-exec 'exec exec pa'
c exec-exec-bare 'exec exec'
c exec-echo 'exec echo hi'
c exec-exit 'exec exit 3'
c exec-andand 'exec pa a && pa b'
c exec-path 'exec /x/y/pa z'
c exec-later 'pa 1 && exec pa 2'
c exec-later-bare 'pa && exec'
c exec-later-space 'pa && exec '
c exec-slash 'exec/pa'
# ---- && and ||
c andand 'pa 1 && pa 2'
c oror 'pa 1 || pa 2'
c and-nospace 'pa &&pa'
c and-glued 'pa&&pa'
c and-glued-after 'pa&& pa'
c and-tab "$(printf 'pa &&\t pa')"
c and-newline "pa &&${nl}pa"
c and-trailing 'pa &&'
c and-trailing-blank 'pa &&   '
c and-lead '&& pa'
c and3 'pa &&& pa'
c or3 'pa ||| pa'
c and-and 'pa && && pa'
c pipe-amp 'pa |& pa'
c single-amp 'pa & pa'
c later-nosuch 'pa && nosuch'
c later-meta 'pa && pa ; x'
c later-echo 'pa && echo hi && exit 4'
c quoted-andand 'pa "a && b"'
c quoted-meta 'pa "a;b"'
c many 'pa 1 && pa 2 || pa 3 && echo 4 && exit 5'
# ---- metacharacters (and the same bytes with the high bit set)
for ch in ';' '$' '`' '(' ')' '<' '>' '|' '&' '^' "$nl" "$cr"; do
	o=$(printf '%s' "$ch" | od -An -tx1 | tr -d ' \n')
	c "meta-$o" "pa x${ch}y"
	c "meta-high-$o" "$(printf "pa x\\$(printf '%o' $((0x$o | 0x80)))y")"
done
c meta-trailing-newline "pa x$nl"
c meta-backslash-end 'pa a\'
c meta-quote-dq 'pa a"b'
c meta-quote-sq "pa a'b"
c meta-high-nul "$(printf 'pa x\200y')"
x bytes-after-word 'for i in $(seq 1 255); do o=$(printf "\\$(printf %o $i)"); echo "== $i"; env -i "$B" -c "pa x${o}y" 2>&1; echo "rc=$?"; done'
x bytes-as-separator 'for i in $(seq 1 255); do o=$(printf "\\$(printf %o $i)"); echo "== $i"; env -i "$B" -c "pa${o}x" 2>&1; echo "rc=$?"; done'
x bytes-leading 'for i in $(seq 1 255); do o=$(printf "\\$(printf %o $i)"); echo "== $i"; env -i "$B" -c "${o}pa" 2>&1; echo "rc=$?"; done'
# ---- lengths (982 bytes of command, 998 rewritten)
A900=$(printf '%0900d' 0 | tr 0 a)
c len-982 "pa ${A900}$(printf '%079d' 0 | tr 0 a)"
c len-983 "pa ${A900}$(printf '%080d' 0 | tr 0 a)"
c len-983-echo "echo ${A900}$(printf '%078d' 0 | tr 0 a)"
c len-blank-983 "$(printf '%983s' '')"
c rewrite-998 "pa && pa && pa ${A900}$(printf '%037d' 0 | tr 0 a)"
c rewrite-999 "pa && pa && pa ${A900}$(printf '%038d' 0 | tr 0 a)"
c rewrite-name-998 "pa ${A900}$(printf '%058d' 0 | tr 0 a) && pa"
c rewrite-name-999 "pa ${A900}$(printf '%059d' 0 | tr 0 a) && pa"
c rewrite-meta-first "pa && pa && pa ${A900}$(printf '%040d' 0 | tr 0 a);"
c rewrite-over-then-meta "pa ${A900}$(printf '%060d' 0 | tr 0 a) && pa ; x"
c rewrite-over-then-nosuch "pa && pa && pa ${A900}$(printf '%040d' 0 | tr 0 a) && nosuch"
c rewrite-over-trailing-and "pa && pa && pa ${A900}$(printf '%040d' 0 | tr 0 a) &&"
c long-name "${A900}$(printf '%070d' 0 | tr 0 a)"
# ---- process state handed to the program
x env-kept 'env -i A=1 HOME=/h SHELL=/bin/false PATH=/x TZ=UTC LANG=C "$B" -c "pa"'
x cwd 'cd / && env -i "$B" -c "pa"'
x umask 'umask 077 && env -i "$B" -c "pa"'
x sig-ignored 'trap "" HUP INT && env -i "$B" -c "pa"'
x argv0-relative 'cd "$W/bin" && env -i ./smrsh -c nosuch'
x argv0-symlink 'env -i "$W/bin/alias" -c nosuch'
x argv0-symlink-usage 'env -i "$W/bin/alias"'
x no-sh 'mount --bind /etc/hostname /bin/sh && { env -i "$B" -c pa; rc=$?; umount /bin/sh; (exit $rc); }'
x sh-noperm 'mount --bind "$W/prog/noexec" /bin/sh && { env -i "$B" -c pa; rc=$?; umount /bin/sh; (exit $rc); }'
c rewrite-over-echo "pa && pa && pa ${A900}$(printf '%032d' 0 | tr 0 a) && echo x y"
c rewrite-over-exec "pa && pa && pa ${A900}$(printf '%032d' 0 | tr 0 a) && exec pa x y"
c rewrite-over-exit "pa && pa && pa ${A900}$(printf '%032d' 0 | tr 0 a) && exit 3"
c rewrite-over-path "pa ${A900}$(printf '%060d' 0 | tr 0 a) && /a/b/pa x"
c rewrite-over-exec-name "pa && pa && pa ${A900}$(printf '%020d' 0 | tr 0 a) && exec pa x y"
c rewrite-over-space "pa ${A900}$(printf '%058d' 0 | tr 0 a) && pa x"
c rewrite-over-space-tab "pa ${A900}$(printf '%058d' 0 | tr 0 a) && pa	x"
c rewrite-over-echo-tab "pa && pa && pa ${A900}$(printf '%032d' 0 | tr 0 a) && echo	x y"
c echo-tab "$(printf 'echo\tx\ty')"
c exit-tab "$(printf 'exit\t3')"
c tab-then-meta "$(printf 'pa\tx;y')"
c tab-then-nosuch "$(printf 'pa\tx && nosuch\ty')"
c tab-name-nosuch "$(printf 'nosuch\ty')"
c tab-exec-then-meta "$(printf 'exec\tpa\tx;y')"
c exec-then-meta 'exec pa x;y'
c exec-later-then-meta 'pa && exec pa x;y'
c exec-later-then-nosuch 'pa && exec pa x && nosuch y'
c exec-then-over "exec pa ${A900}$(printf '%060d' 0 | tr 0 a) && pa x"
