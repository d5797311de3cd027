#!/usr/bin/env python3
"""gen_inputs.py - generate the big -bt input scripts of the differential
tests (test/diff/in/all-*.in).  Deterministic: the output is committed, and
regenerated only when this file changes:  python3 test/diff/gen_inputs.py
Touches only test/diff/in/all-*.in.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
IN = os.path.join(HERE, "in")

LOCALS = [
    "user", "User", "first.last", "user+detail", "postmaster", "MAILER-DAEMON",
    "root", "alice", "bob", "luser", "info", "sales", "nobody", "list",
    '"john doe"', '"a@b"', "user%host", "u-s_e.r", "123", "x",
    "spammer", "friend", "blocked", "spamtrap", "abuse",
]
DOMAINS = [
    "example.com", "vm.example.com", "vm", "localhost", "Mixed.Case.Example.ORG",
    "sub.example.com", "host.sub.example.com", "mail.example.com",
    "remote.example.net", "a.sub.example.org", "old.example", "virtual.example",
    "relayed.example.org", "partner.example", "uucp-host.example",
    "local.example", "error.example", "x.example.net", "example.com.",
    "[127.0.0.1]", "[192.0.2.1]", "[IPv6:2001:db8::25]", "[IPv6:::1]",
    "host.uucp", "friend.example.org", "alias.example.com", "nonexistent.invalid",
]
SPECIAL = [
    # plain
    "user", "user@example.com", "User@EXAMPLE.COM", "user@vm.example.com.",
    "@example.com", "user@", "@", "user@@example.com", "user@example..com",
    ".user@example.com", "user.@example.com", "user@.example.com",
    "a@b@c", "user@example.com@", "localhost", "vm", "user@[]", "user@[1.2.3]",
    "user@[IPv6:foo]", "user@[999.1.1.1]", "user@[127.0.0.1", "user@127.0.0.1]",
    "[127.0.0.1]", "user@[ 127.0.0.1 ]",
    # quoted
    '"john doe"@example.com', '"quoted"@example.com', '"a\\"b"@example.com',
    '"a@b"@c.example', '""@example.com', '""', '"unterminated@example.com',
    '"two words" <tw@example.com>', '"Doe, John" <jd@example.com>',
    'ab"c d"e@example.com', '"\\\\"@example.com', '"tab\there"@x',
    # comments
    "user@example.com (John Doe)", "John Doe <user@example.com>",
    "(comment) user@example.com", "user(comment)@example.com",
    "user@(comment)example.com", "(a (nested (deep)) c) user@example.com",
    "<user@example.com> (trailing)", "user@example.com (unclosed",
    "user@example.com unbalanced)", "((()))", "(only a comment)",
    "Full Name <user@example.com>", "Full \"Q\" Name <u@e.x>",
    "<user@example.com>", "<<user@example.com>>", "<user@example.com",
    "user@example.com>", "<>", "<<>>", "< >", "<@>", "<user>",
    # routes
    "<@a.example,@b.example:u@c.example>", "<@a.example:u@c.example>",
    "@a.example:u@c.example", "<@a,@b,@c:user@d.example>",
    "<@vm.example.com:user@example.com>", "<@[192.0.2.1]:u@x.example>",
    "<@a.example,u@c.example>", "<@:u@c>", "<@a.example:>", "@a,@b:u@c",
    # % hack
    "user%host@relay.example.net", "user%host%host2@relay.example.net",
    "user%host", "u%h@vm.example.com", "u%h%vm.example.com", "%@x",
    "user%x.example.net@example.com", "a%b%c%d%e@f",
    # bang paths
    "host!user", "host1!host2!user", "host!user@relay.example.net",
    "vm!user", "uucphost!user", "a!b%c@d.example", "!user", "user!",
    "host.UUCP!user", "x!y!z!w@vm", "[127.0.0.1]!user", "host!user%other",
    # local forms
    ":include:/etc/mail/list", "|/bin/prog arg", '"|/bin/prog arg"',
    "/var/mail/file", '"/var/mail/file"', "\\user", "\\user@example.com",
    "user\\@example.com", "a\\\\b@example.com", "trailing\\",
    "user+detail@vm.example.com", "user+@vm", "+detail@vm",
    "user.uucp", "user@host.UUCP", "user@x.bitnet",
    # lists and groups
    "a@x.example, b@y.example", "a, b, c", "group: a@b.example, c@d.example;",
    "undisclosed-recipients:;", ":;", ";", ",", ":", "a:b", "a;b", "a,",
    ",a", "a@b.example,,c@d.example",
    # odd punctuation
    "user@exa_mple.com", "user@-example.com", "user name@example.com",
    "user@example com", "us\ter@example.com", "$user@example.com",
    "user@$j", "$#local $: user", "a=b@example.com", "a/b@example.com",
    "a^b@example.com", "a*b@example.com", "{user}@example.com",
    "user@example.com?subject", "user@example.com#frag", "'user'@example.com",
    "user@[192.0.2.1]:25", "mailto:user@example.com",
]


def eightbit():
    return [
        b"us\xe9r@ex\xe1mple.com", b"\xff\xfe@example.com",
        "user@b\u00fccher.example".encode("utf-8"), b"\x80\x81\x82@x.example",
        b"user@\xe9.example", b'"\xe9t\xe9"@example.com', b"\x01ctl@example.com",
        b"a\x7fb@example.com", b"(com\xe9nt) user@example.com",
    ]


def longones():
    return [
        ("a" * 300 + "@example.com").encode(),        # > 255 bytes
        ("u@" + "d" * 250 + ".example").encode(),
        ("x" * 254 + "@x").encode(),
        ("x" * 250 + "@exa").encode(),               # 255 bytes exactly
        ("x" * 251 + "@exa").encode(),               # 256 bytes
        ("t" * 300).encode(),                        # token > 256 bytes
        (".".join(["a"] * 501)).encode(),           # 1001 tokens
        (".".join(["a"] * 499)).encode(),           # 997 tokens
        ("@".join(["b"] * 520)).encode(),           # > 1000 tokens
        ("<" * 40 + "u@x" + ">" * 40).encode(),
        ("(" * 30 + "c" + ")" * 30 + "u@x").encode(),
        (",".join(["u%d@x.example" % i for i in range(60)])).encode(),
        ("u@" + ".".join(["lbl%d" % i for i in range(120)])).encode(),
        ("%".join(["h%d" % i for i in range(80)]) + "@relay.example.net").encode(),
    ]


def addresses():
    out = [s.encode("latin-1") for s in SPECIAL]
    for i, lp in enumerate(LOCALS):
        for j, d in enumerate(DOMAINS):
            if (i + j) % 2 == 0 or i < 4:
                out.append(("%s@%s" % (lp, d)).encode("latin-1"))
    out += eightbit() + longones()
    return out


def write(name, lines, header):
    path = os.path.join(IN, name)
    with open(path, "wb") as f:
        for h in header:
            f.write(b"# " + h.encode() + b"\n")
        for ln in lines:
            assert b"\n" not in ln
            f.write(ln + b"\n")


def main():
    addrs = addresses()
    hdr = ["generated by test/diff/gen_inputs.py -- do not edit"]
    write("all-addr.in", [b"3,0 " + a for a in addrs],
          hdr + ["every address through rulesets 3 then 0"])
    write("all-addr1.in", [b"3,1,4 " + a for a in addrs[::3]] +
          [b"3,2,4 " + a for a in addrs[1::3]] + [b"canonify,final " + a for a in addrs[2::7]],
          hdr + ["sender/recipient rewriting chains, named ruleset lists"])
    sel = addrs[::2]
    write("all-parse.in", [b"/parse " + a for a in sel], hdr + ["/parse (envelope recipient)"])
    lines = []
    flags = [b"HS", b"HR", b"ES", b"ER", b"hs", b"er", b"Hr", b"eS"]
    mailers = [b"esmtp", b"local", b"smtp", b"relay", b"prog", b"smtp8", b"dsmtp"]
    for k, a in enumerate(addrs[::3]):
        if k % 10 == 0:
            lines.append(b"/tryflags " + flags[(k // 10) % len(flags)])
        lines.append(b"/try " + mailers[k % len(mailers)] + b" " + a)
        if k % 4 == 0:
            lines.append(b"/parse " + a)
    lines += [b"/tryflags", b"/tryflags XY", b"/tryflags H", b"/tryflags S",
              b"/try", b"/try esmtp", b"/try nosuchmailer a@b", b"/try uucp-dom host!user",
              b"/try procmail user@example.com"]
    write("all-try.in", lines, hdr + ["/try with /tryflags variants"])

    write("all-checks.in", checks(), hdr + ["check_* rulesets with client macros"])
    write("all-cmds.in", cmds(), hdr + ["the other -bt commands"])


CLIENTS = [
    # client_addr, client_name, client_resolve
    ("127.0.0.1", "localhost", "OK"),
    ("192.0.2.50", "host.sub.example.com", "OK"),
    ("192.0.2.77", "[192.0.2.77]", "FAIL"),
    ("10.1.2.3", "spam.example", "FORGED"),
    ("198.51.100.99", "bad.example.net", "TEMP"),
    ("203.0.113.5", "unknown.example", "OK"),
    ("IPv6:2001:db8::25", "v6host.example.com", "OK"),
    ("192.0.2.99", "[192.0.2.99]", "FAIL"),
]
MAILS = ["<user@example.com>", "<spammer@x.example>", "<a@junk.example>",
         "<friend@partner.example>", "<u@okdomain.example>", "<u@bulk.example>",
         "<>", "<user>", "user@example.com", "<u@nonexistent.invalid>",
         "<u@[192.0.2.1]>", "<@a.example:u@b.example>", "<u@sub.example.org>",
         "<MAILER-DAEMON@vm.example.com>", "<u@x.example.net>", '<"q u"@example.com>']
RCPTS = ["<user@vm.example.com>", "<user@elsewhere.example>", "<blocked@example.com>",
         "<postmaster@elsewhere.example>", "<u@partner.example>", "<u@relayed.example.org>",
         "<spamtrap@example.com>", "<user%elsewhere.example@vm.example.com>",
         "<host!user@vm.example.com>", "<u@example.net>", "<u@sub.example.org>",
         "<info@example.com>", "<u@[127.0.0.1]>", "<@vm.example.com:u@elsewhere.example>",
         "<user>", "<>", "<u@friend.example.org>", "<u@x.relayed.example.org>"]


def checks():
    out = []
    for k, (addr, name, res) in enumerate(CLIENTS):
        out += [b".D{client_addr}" + addr.encode(), b".D{client_name}" + name.encode(),
                b".D{client_resolve}" + res.encode()]
        if k % 3 == 1:
            out += [b".D{auth_type}PLAIN", b".D{auth_authen}alice"]
        elif k % 3 == 2:
            out += [b".D{auth_type}", b".D{auth_authen}"]
        out.append(("check_relay %s $| %s" % (name, addr)).encode())
        out.append(("Basic_check_relay %s $| %s" % (name, addr)).encode())
        for m in MAILS[k % 3::2]:
            out.append(b"check_mail " + m.encode())
        for r in RCPTS[k % 2::2 if k < 4 else 1]:
            out.append(b"check_rcpt " + r.encode())
        out.append(b".D{mail_from}user@example.com")
        for r in RCPTS[:4]:
            out.append(b"Local_check_rcpt " + r.encode())
            out.append(b"Local_check_mail " + r.encode())
        out.append(b"check_compat user@example.com $| user@elsewhere.example")
        out.append(b"Relay_ok " + addr.encode())
        out.append(b"SearchList <+ Connect> $| " + addr.encode() + b" <>")
        out.append(b"Rcpt_ok user < @ elsewhere . example . >")
    out += [b"checkmail <u@x>", b"checkrcpt <u@x>", b"checkrelay a $| b", b"trust_auth alice",
            b"Local_trust_auth alice", b"srv_features <x>", b"clt_features <x>",
            b"tls_client $| MAIL", b"tls_server OK", b"tls_rcpt u@x", b"authinfo x",
            b"TLS_connection OK", b"Delay_TLS_Clt x", b"max x", b"check_eoh x $| y",
            b"BadMX 10.0.0.1", b"A x", b"D x", b"E x", b"F x", b"U x", b"SearchList x",
            b"Mailertable < remote . example . net > u < @ remote . example . net >",
            b"Mailertable < x . example . net > u < @ x . example . net >",
            b"Mailertable < a . sub . example . org > u < @ a . sub . example . org >"]
    return out


MACROS = "abcdefghijklmnoqrsuvwxyz" "ABCDEFGHIJKLMNOPQRSTUVWXYZ" "_!&*+-.:@[]|#"
LONGMACROS = ["opMode", "addr_type", "client_addr", "client_name", "daemon_flags",
              "daemon_name", "deliveryMode", "queue_interval", "nosuch", "MTAHost",
              "Mailertable", "TLS_Server_Addr", "load_avg", "bodytype", "ntries",
              "rcpt_mailer", "mail_mailer", "auth_type", "if_name", "hdrlen"]
RULESETS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "90", "93",
            "94", "95", "96", "97", "98", "99", "100", "150", "199", "198", "canonify",
            "Canonify2", "parse", "Parse0", "Parse1", "ParseLocal", "final", "localaddr",
            "MailerToTriple", "Mailertable", "MasqEnv", "MasqHdr", "MasqRelay", "MasqSMTP",
            "PseudoToReal", "EnvFromSMTP", "EnvToSMTP", "HdrFromSMTP", "EnvFromL",
            "EnvToL", "HdrFromL", "HdrToL", "EnvFromUD", "EnvFromUUD", "EnvToU", "HdrToU",
            "FromU", "AddDomain", "CanonAddr", "CanonLocal", "Recurse", "SearchList",
            "check_mail", "check_rcpt", "check_relay", "Basic_check_mail",
            "Basic_check_rcpt", "Basic_check_relay", "Local_check_mail",
            "Local_check_rcpt", "Local_check_relay", "Local_localaddr", "Rcpt_ok",
            "Relay_ok", "RelayTLS", "Relay_Auth", "Local_Relay_Auth", "trust_auth",
            "Local_trust_auth", "tls_client", "tls_server", "tls_rcpt", "TLS_connection",
            "TLS_req", "try_tls", "srv_features", "clt_features", "authinfo", "max",
            "BadMX", "ParseRecipient", "FullAddr", "Delay_TLS_Clt", "Delay_TLS_Clt2",
            "A", "D", "E", "F", "U", "nosuch", "Canonify", "CANONIFY", "", "-1", "3x"]


def cmds():
    out = [b"=S" + r.encode() for r in RULESETS]
    out += [b"=M", b"=", b"=X", b"=m", b"= S3", b"=S 3"]
    # exclusions of time- and process-dependent macros:
    skip = {"i": "queue id (time and pid based)", "a": "origination date", "b": "current date", "d": "ctime date",
            "t": "current time", "p": "process id"}
    skipl = {"load_avg": "the machine's load average"}
    for m in MACROS:
        if m in skip:
            out.append(("# diff-skip-next: $%s is the %s (differs run to run)"
                        % (m, skip[m])).encode())
        out.append(b"$" + m.encode())
    for m in LONGMACROS:
        if m in skipl:
            out.append(("# diff-skip-next: ${%s} is %s" % (m, skipl[m])).encode())
        out.append(b"${" + m.encode() + b"}")
    out += [b"$", b"${", b"${}", b"${unterminated", b"$ab", b"${ nosuch }"]
    for c in ["w", "k", "m", "n", "e", "q", "s", "t", "R", "G", "M", "N", "E", "P",
              "Z", "{persistentMacros}", "{checkMIMETextHeaders}", "{VirtHost}",
              "{VirtUser}", "{LocalTLD}", "{Accept}", "{ResOk}", "{nosuch}", "{tls}",
              "{src}", "O", "V", "X", "=w"]:
        out.append(b"$=" + c.encode())
    out += [b"$~w", b"$=", b"$={", b"$=}"]
    out += [b'/map dequote "abc"', b"/map dequote abc def", b'/map dequote "a b" c',
            b"/map arith + $@ 1 $@ 2", b"/map arith", b"/map nosuch key", b"/map",
            b"/map access connect:127.0.0.1", b"/map access Connect:127.0.0.1",
            b"/map access nosuch", b"/map virtuser info@example.com",
            b"/map virtuser @virtual.example", b"/map mailertable remote.example.net",
            b"/map mailertable .example.net", b"/map domaintable old.example",
            b"/map generics alice", b"/map macro x", b"/map host vm.example.com",
            b"/map host mail", b"/map host nonexistent.invalid", b"/map resolve vm.example.com",
            b"/map resolve nonexistent.invalid", b"/map user root", b"/map user nosuchuser",
            b"/map badmx 10.0.0.1.", b"/map BadMXIP 127.0.0.1", b"/map BadMXIP 192.0.2.1",
            b"/map dequote", b'/map    dequote   "spaced"  ']
    out += [b"/canon vm", b"/canon vm.example.com", b"/canon mail", b"/canon localhost",
            b"/canon nonexistent.invalid", b"/canon [127.0.0.1]", b"/canon Mixed.Case.Example.ORG",
            b"/canon", b"/canon " + b"x" * 300]
    out += [b"/mx", b"/mx nonexistent.invalid", b"/mx vm.example.com"]
    out += [b"/expand $j", b"/expand $w and $m", b"/expand $$", b"/expand ${opMode}",
            b"/expand $?{client_addr}yes$|no$.", b"/expand $&j", b"/expand", b"/expand plain",
            b"/expand $n@$j", b"/expand $q"]
    out += [b"/header From: user@example.com", b"/header To: a@b", b"/header Subject: x",
            b"/header Received: from x", b"/header X-Foo: y", b"/header Bcc: z",
            b"/header Resent-From: a", b"/header", b"/header nocolon", b"/header Message-Id: <x@y>",
            b"/header Content-Type: text/plain", b"/header Return-Path: <a@b>"]
    out += [b"/sender user@example.com", b"/sender <>", b"/sender alice",
            b"/sender user@nonexistent.invalid", b"/sender", b'/sender "q u"@x']
    out += [b".D{client_addr}127.0.0.1", b"${client_addr}", b".Dxvalue with spaces",
            b"$x", b".Dx", b"$x", b".D", b".D{}", b".D{toolongmacronameistoolongreally}v",
            b".D{bad-name}v", b".Dz$j", b"$z", b"/expand $z", b".C", b".Cw", b".Cw extra.example",
            b"$=w", b".C{Foo} a b c", b"$={Foo}", b".C{Foo} d", b"$={Foo}", b".", b".X", b".Q x",
            b".Djjj.example", b"$j", b"3,0 user@jjj.example"]
    out += [b"-d21.1", b"3,0 user@example.com", b"-d21.2", b"3 a@b", b"-d21.0",
            b"-x", b"-d99.100", b"3 a@b", b"-d99.0", b"-dfoo.1", b"-d21", b"3 c@d",
            b"-d21.0", b"-", b"-d27.1", b"/parse user@example.com", b"-d27.0"]
    out += [b"?", b"/", b"/quux", b"foo", b"foo bar", b"  3 leading@space",
            b"3,", b",3 x", b"3,,0 x", b"3 , 0 x", b"3,nosuch,0 x", b"150 x", b"-1 x",
            b"3	x@y", b"3", b"0 $# local $: user", b"	", b"   ", b"# comment",
            b"=Sfinal", b"/tryflags HS", b"/parse <@bad>", b"/QUIT x"]
    out += [b"3,0 after quit is never read"]
    return out


if __name__ == "__main__":
    main()
