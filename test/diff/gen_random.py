#!/usr/bin/env python3
"""gen_random.py - seeded, deterministic -bt input generator for the
Osprey differential tests (test/diff/run.sh).  Run at test time; writes only
under OUTDIR/in (test/out/diff/in), never into the tree.

  gen_random.py OUTDIR DATADIR [--big] CF...

Writes
  OUTDIR/in/gen-randN.in  random addresses (a grammar of local parts,
                          domains, wrappers and mutations) through 3,0,
                          3,1,4 / 3,2,4, /parse, /tryflags + /parse; run on
                          every mc-generated cf (same input for all)
  OUTDIR/in/CF-autoN.in   per-cf inputs derived from the cf text: =S for
                          every ruleset, every named ruleset run on a few
                          addresses, =M, $x / ${x} for its macros, $=X for
                          every class, /map for every map (keys from the
                          test data), /try for every mailer with /tryflags
                          variants, check_* with client macro setups, /sender
Each file is kept to about CHUNK commands so one crash does not hide the
rest.  Same arguments => byte-identical files (random.Random with fixed
seeds; the per-cf seed is the crc32 of the cf name).
Exclusions: "# diff-skip-next: <reason>" lines are emitted before commands
whose output depends on the time or the process (see compare.py).
"""
import os
import random
import re
import sys
import zlib

CHUNK = 1200
BIG = False

SKIP_MACROS = {"a": "origination date", "b": "current date", "d": "ctime date",
               "t": "current time", "i": "queue id (time and pid based)",
               "p": "process id"}
SKIP_LONG = {"load_avg": "the machine's load average"}

LOCAL_NAMES = ["user", "User", "USER", "alice", "bob", "carol", "dave", "eve", "root",
               "postmaster", "Postmaster", "MAILER-DAEMON", "mailer-daemon", "info",
               "sales", "nobody", "list", "joe", "luser", "abuse", "spammer", "friend",
               "hater", "blocked", "spamtrap", "discard", "special1", "Special3", "test",
               "uucphost", "bitnode", "cyrus", "fax", "news", "pager", "ph", "x", "a1",
               "123", "0", "first.last", "f.m.last", "_under", "-dash", "tab", "error",
               "tempfail", "bounce-admin", "smmsp", "daemon", "mailadm", "cyrus.user"]
DOMAIN_BASE = ["example.com", "vm.example.com", "vm", "localhost", "localhost.localdomain",
               "mail.example.com", "mail", "www.example.com", "host.sub.example.com",
               "sub.example.com", "a.sub.example.com", "example.org", "sub.example.org",
               "x.sub.example.org", "remote.example.net", "x.example.net", "example.net",
               "relay.example.net", "mailhub.example.net", "smart.example.net",
               "Mixed.Case.Example.ORG", "v6host.example.com", "localdomain.test",
               "masq.example.com", "keep.example.com", "gen.example", "generic.example",
               "vdom.example", "sub.vdom.example", "entire.example", "sub.entire.example",
               "deep.sub.entire.example", "virtual.example", "old.example",
               "legacy.example.com", "relayed.example.org", "x.relayed.example.org",
               "partner.example", "friend.example.org", "alias.example.com",
               "relay-sub.example", "a.relay-sub.example", "canon.example", "bestmx.example",
               "fax.example", "cyrus.example", "lmtp.example", "usenet.example",
               "qpage.example", "uucp-host.example", "local.example", "error.example",
               "spam.example", "junk.example", "okdomain.example", "bulk.example",
               "haters.example", "bad.example", "badmx.example", "relayer.example",
               "tempfail.example", "secure.example", "nonexistent.invalid", "x.invalid",
               "uucphost", "uucphost.UUCP", "host.uucp", "bitnode.BITNET", "x.bitnet",
               "node.DECNET", "dnet::user", "foo.FAX", "example.co.uk", "a.b.c.d.e.f.g",
               "tld.zzzz", "x.y", "com", "EXAMPLE.COM", "Vm.Example.Com"]
IP_LITERALS = ["[127.0.0.1]", "[192.0.2.1]", "[192.0.2.10]", "[192.0.2.50]",
               "[198.51.100.5]", "[10.1.2.3]", "[IPv6:2001:db8::25]", "[IPv6:::1]",
               "[IPv6:2001:DB8:0:0:0:0:0:25]", "[IPv6:::ffff:192.0.2.1]", "[IPv6:1:2:3:4:5:6:7:8]",
               "[1.2.3]", "[999.1.1.1]", "[]", "[ 127.0.0.1 ]", "[IPv6:]", "[IPv6:zz::1]",
               "[127.0.0.1", "127.0.0.1]", "[[127.0.0.1]]", "[127.0.0.1.]", "[IPv4:1.2.3.4]",
               "[0.0.0.0]", "[255.255.255.255]", "[01.02.03.04]", "[192.0.2.1]."]
SPECIALCH = list("!#$%&'*+-/=?^_`{|}~.") + ["\\\\", "\\\"", "\\(", " "]
EIGHTBIT = [b"\xe9", b"\xff", b"\x80", b"\xa0", b"\xc3\xa9", b"\xfe", b"\x9b", b"\x7f"]
CONTROLS = [b"\x01", b"\x02", b"\x07", b"\x08", b"\x0b", b"\x0c", b"\x0d", b"\x1b", b"\x1f",
            b"\t"]


def data_keys(datadir):
    """Keys and domains of the test map sources (left column)."""
    keys, doms = [], []
    for fn in sorted(os.listdir(datadir)):
        if not (fn.endswith(".src") or fn.endswith(".txt") or "domains" in fn
                or fn in ("local-host-names", "trusted-users")):
            continue
        with open(os.path.join(datadir, fn), encoding="latin-1") as f:
            for ln in f:
                if not ln.strip() or ln.startswith("#"):
                    continue
                k = re.split(r"[\s:]", ln.strip(), 1)[0] if fn == "colmap.txt" else ln.split()[0]
                keys.append(k)
                d = k.split("@")[-1].split(":")[-1]
                if "." in d and d.strip(".") and "<" not in d:
                    doms.append(d.lstrip("."))
    return sorted(set(keys)), sorted(set(doms))


class Gen:
    def __init__(self, seed, domains):
        self.r = random.Random(seed)
        self.domains = domains

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def p(self, x):
        return self.r.random() < x

    def atom(self):
        r = self.r
        if self.p(0.6):
            return self.pick(LOCAL_NAMES)
        n = r.randint(1, 12)
        alpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
        return "".join(self.pick(alpha) for _ in range(n))

    def quoted(self):
        body = []
        for _ in range(self.r.randint(0, 6)):
            body.append(self.pick([self.atom(), " ", "@", ",", "<", ">", ";", ":", "(",
                                   ")", "\\\"", "\\\\", "\\a", ".", "[", "]", "\t"]))
        q = '"' + "".join(body)
        return q if self.p(0.05) else q + '"'

    def local(self):
        k = self.r.randrange(100)
        if k < 40:
            lp = self.atom()
        elif k < 52:
            lp = ".".join(self.atom() for _ in range(self.r.randint(2, 4)))
        elif k < 62:
            lp = self.atom() + "+" + (self.atom() if self.p(0.8) else "")
        elif k < 70:
            lp = self.quoted()
        elif k < 78:
            lp = self.atom() + "%" + self.domain(plain=True)
            if self.p(0.3):
                lp += "%" + self.domain(plain=True)
        elif k < 85:
            hops = [self.pick(["uucphost", "host", "a", "vm", "bitnode", "x.example.net",
                               "host.UUCP", "[127.0.0.1]"]) for _ in range(self.r.randint(1, 3))]
            lp = "!".join(hops + [self.atom()])
        elif k < 88:
            lp = "\\" + self.atom()
        elif k < 91:
            lp = self.atom() + self.pick(SPECIALCH) + self.atom()
        elif k < 94:
            lp = self.pick(["|/bin/prog", "/var/mail/file", ":include:/x/list", ".dot",
                            "dot.", "a..b", "-", "+detail", "%", "!", "::"])
        elif k < 97:
            lp = self.atom() + "::" + self.atom()       # DECnet
        else:
            lp = ""
        return lp

    def domain(self, plain=False):
        k = self.r.randrange(100)
        if k < 55:
            d = self.pick(self.domains)
        elif k < 65 and not plain:
            d = self.pick(IP_LITERALS)
        elif k < 80:
            d = ".".join(self.atom().lower() for _ in range(self.r.randint(1, 4)))
            d += self.pick([".com", ".example", ".invalid", ".zz", "", ".local", ".UUCP"])
        elif k < 88:
            d = self.pick(self.domains).upper() if self.p(0.5) else self.pick(self.domains)
            d = self.pick(["", "www.", "mx.", "a.b."]) + d
        else:
            d = self.pick(self.domains) + "."
        if self.p(0.02):
            d = d.replace(".", "..", 1)
        if self.p(0.02):
            d = "." + d
        return d

    def addr_spec(self):
        lp = self.local()
        k = self.r.randrange(100)
        if k < 80:
            return lp + "@" + self.domain()
        if k < 92:
            return lp
        if k < 95:
            return lp + "@" + self.domain() + "@" + self.domain()
        if k < 97:
            return "@" + self.domain()
        return lp + "@"

    def route(self):
        hops = ",".join("@" + self.domain() for _ in range(self.r.randint(1, 3)))
        return "<" + hops + ":" + self.addr_spec() + ">"

    def phrase(self):
        if self.p(0.3):
            return self.quoted()
        return " ".join(self.atom() for _ in range(self.r.randint(1, 3)))

    def comment(self):
        c = "(" + self.phrase()
        if self.p(0.1):
            c += " (nested " + self.atom() + ")"
        return c + (")" if self.p(0.95) else "")

    def address(self):
        k = self.r.randrange(100)
        a = self.addr_spec()
        if k < 45:
            out = a
        elif k < 60:
            out = "<" + a + ">"
        elif k < 70:
            out = self.phrase() + " <" + a + ">"
        elif k < 77:
            out = a + " " + self.comment()
        elif k < 80:
            out = self.comment() + " " + a
        elif k < 85:
            out = self.route()
        elif k < 89:
            out = self.atom() + ": " + ", ".join(self.addr_spec() for _ in
                                                  range(self.r.randint(0, 3))) + ";"
        elif k < 93:
            out = ", ".join(self.addr_spec() for _ in range(self.r.randint(2, 4)))
        elif k < 96:
            out = "<" + a
        elif k < 98:
            out = a + ">"
        else:
            out = "<<" + a + ">>"
        return self.mutate(out.encode("latin-1"))

    def mutate(self, b):
        r = self.r
        if self.p(0.06) and b:
            i = r.randrange(len(b) + 1)
            b = b[:i] + self.pick(EIGHTBIT) + b[i:]
        if self.p(0.03) and b:
            i = r.randrange(len(b) + 1)
            b = b[:i] + self.pick(CONTROLS) + b[i:]
        if self.p(0.02):
            i = r.randrange(len(b) + 1)
            b = b[:i] + b"x" * r.choice([64, 200, 256, 300, 900]) + b[i:]
        if self.p(0.01):
            b = b + b"." * r.randint(60, 300)
        if self.p(0.02) and b:
            i = r.randrange(len(b))
            b = b[:i] + b[i + 1:]                    # drop one byte
        if self.p(0.02):
            b = b + self.pick([b" ", b"\t", b"  ", b" ,", b";", b"\\"])
        if self.p(0.01):
            b = self.pick([b"$j", b"$w", b"$=w", b"$#", b"$:", b"$@", b"$|", b"$&j"]) + b
        return b


def write_chunks(outdir, stem, lines, header):
    paths = []
    n = 0
    for i in range(0, max(len(lines), 1), CHUNK):
        n += 1
        part = lines[i:i + CHUNK]
        # never split a diff-skip-next line from its command
        path = os.path.join(outdir, "in", "%s%d.in" % (stem, n))
        with open(path, "wb") as f:
            for h in header:
                f.write(b"# " + h.encode() + b"\n")
            for ln in part:
                assert b"\n" not in ln and b"\0" not in ln
                f.write(ln + b"\n")
        paths.append(path)
    return paths


def fix_skips(lines):
    """Move a diff-skip-next that would end a chunk to the next chunk."""
    out = []
    for ln in lines:
        if len(out) % CHUNK == CHUNK - 1 and ln.startswith(b"# diff-skip-next"):
            out.append(b"# (chunk padding)")
        out.append(ln)
    return out


def rand_lines(gen, n):
    out = []
    flags = [b"HS", b"HR", b"ES", b"ER", b"hs", b"Er", b"eS", b"HSx"]
    for k in range(n):
        a = gen.address()
        c = gen.r.randrange(100)
        if c < 35:
            out.append(b"3,0 " + a)
        elif c < 50:
            out.append(b"3,1,4 " + a)
        elif c < 65:
            out.append(b"3,2,4 " + a)
        elif c < 90:
            out.append(b"/parse " + a)
        elif c < 95:
            out.append(b"/tryflags " + gen.pick(flags))
            out.append(b"/parse " + a)
        else:
            out.append(b"canonify,parse " + a if gen.p(0.5) else b"3,final " + a)
    return out


# ---------------------------------------------------------------- cf info
def cf_info(path):
    info = {"rulesets": [], "mailers": [], "maps": [], "classes": [], "macros": []}
    with open(path, "rb") as f:
        text = f.read().decode("latin-1")
    for ln in text.split("\n"):
        if not ln:
            continue
        c, rest = ln[0], ln[1:]
        if c == "S":
            name = rest.split()[0] if rest.split() else ""
            name = name.split("=")[0]
            if name and name not in info["rulesets"]:
                info["rulesets"].append(name)
        elif c == "M":
            m = re.match(r"([^,\s]+)", rest)
            if m and m.group(1) not in info["mailers"]:
                info["mailers"].append(m.group(1))
        elif c == "K":
            m = re.match(r"\s*([^\s]+)\s+([^\s]+)", rest)
            if m and m.group(1) not in [x[0] for x in info["maps"]]:
                info["maps"].append((m.group(1), m.group(2)))
        elif c in "CF":
            m = re.match(r"(\{[^}]*\}|.)", rest)
            if m and m.group(1) not in info["classes"]:
                info["classes"].append(m.group(1))
        elif c == "D":
            m = re.match(r"(\{[^}]*\}|.)", rest)
            if m and m.group(1) not in info["macros"]:
                info["macros"].append(m.group(1))
    return info


CLIENTS = [("127.0.0.1", "localhost", "OK"), ("192.0.2.50", "host.sub.example.com", "OK"),
           ("192.0.2.77", "[192.0.2.77]", "FAIL"), ("10.1.2.3", "spam.example", "FORGED"),
           ("198.51.100.99", "bad.example.net", "TEMP"), ("203.0.113.5", "unknown.example", "OK"),
           ("IPv6:2001:db8::25", "v6host.example.com", "OK"), ("192.0.2.99", "[192.0.2.99]", "FAIL"),
           ("0", "localhost", "OK"), ("", "", "")]
AUTH = [("", ""), ("PLAIN", "alice"), ("LOGIN", "bob@example.com"), ("CRAM-MD5", "x")]


def macro_cmd(m):
    return b"$" + m.encode() if len(m) == 1 else b"${" + m.strip("{}").encode() + b"}"


def auto_lines(gen, info, keys, nmore):
    out = []
    rs = info["rulesets"]
    out += [b"=S" + r.encode() for r in rs]
    out.append(b"=M")
    for m in info["macros"]:
        name = m.strip("{}")
        reason = SKIP_MACROS.get(name) if len(m) == 1 else SKIP_LONG.get(name)
        if reason:
            out.append(("# diff-skip-next: $%s is the %s" % (name, reason)).encode())
        out.append(macro_cmd(m))
    for c in info["classes"]:
        out.append(b"$=" + c.encode())
    for name, cls in info["maps"]:
        ks = [gen.pick(keys) for _ in range(4)] + ["nosuchkey", "", gen.atom(),
                                                 gen.domain(plain=True)]
        if cls in ("host", "dns", "bestmx"):
            ks = ["vm.example.com", "mail", "nonexistent.invalid", "localhost", "vm"]
        if cls == "arith":
            ks = ["+ $@ 1 $@ 2", "l $@ 3 $@ 4", "/ $@ 1 $@ 0", "u $@ 2 $@ 1"]
        if cls in ("syslog", "macro"):
            # syslog: output goes to the system log, not to -bt;
            # macro: the reference segfaults on some keys ("/map macro joe"
            # with a storage map "Kx macro"), which would end the whole file
            out.append(("# no /map %s: map class %s is not swept (see gen_random.py)"
                        % (name, cls)).encode())
            continue
        for k in ks:
            out.append(("/map %s %s" % (name, k)).encode("latin-1").rstrip())
    flags = [b"HS", b"HR", b"ES", b"ER", b"hs", b"er"]
    for i, m in enumerate(info["mailers"]):
        out.append(b"/tryflags " + flags[i % len(flags)])
        for _ in range(4 + nmore):
            out.append(b"/try " + m.encode() + b" " + gen.address())
    out.append(b"/tryflags")
    named = [r for r in rs if not r.isdigit()] + ["0", "3", "4", "5", "96", "98"]
    for r in named:
        for _ in range(1 + nmore // 4):
            out.append(r.encode() + b" " + gen.address())
    for (addr, name, res) in CLIENTS:
        out += [b".D{client_addr}" + addr.encode(), b".D{client_name}" + name.encode(),
                b".D{client_resolve}" + res.encode(), b".D{client_ptr}" + name.encode()]
        at, aa = gen.pick(AUTH)
        out += [b".D{auth_type}" + at.encode(), b".D{auth_authen}" + aa.encode(),
                b".D{daemon_flags}" + gen.pick([b"", b"c", b"u", b"cu", b"CC"])]
        for r in ("check_relay", "Basic_check_relay", "Local_check_relay"):
            if r in rs:
                out.append(("%s %s $| %s" % (r, name, addr)).encode())
        if "check_mail" in rs:
            for _ in range(2 + nmore // 4):
                out.append(b"check_mail " + gen.address())
            out.append(b"check_mail <>")
        if "check_rcpt" in rs:
            out.append(b".D{mail_from}" + gen.addr_spec().encode("latin-1"))
            for _ in range(3 + nmore // 4):
                out.append(b"check_rcpt " + gen.address())
        if "check_compat" in rs:
            out.append(b"check_compat " + gen.addr_spec().encode("latin-1") + b" $| " +
                       gen.addr_spec().encode("latin-1"))
    for _ in range(3):
        out.append(b"/sender " + gen.address())
        out.append(b"3,0 " + gen.address())
    out.append(b"/sender")
    return out


def main(argv):
    global BIG
    args = [a for a in argv[1:] if a != "--big"]
    BIG = "--big" in argv
    outdir, datadir, cfs = args[0], args[1], args[2:]
    os.makedirs(os.path.join(outdir, "in"), exist_ok=True)
    keys, doms = data_keys(datadir)
    domains = sorted(set(DOMAIN_BASE + doms))
    hdr = ["generated at test time by test/diff/gen_random.py -- do not edit"]
    g = Gen(20240611, domains)
    nrand = 24000 if BIG else 3600
    write_chunks(outdir, "gen-rand", fix_skips(rand_lines(g, nrand)),
                 hdr + ["random addresses, seed 20240611"])
    for cf in cfs:
        name = os.path.basename(cf)[:-3]
        gen = Gen(zlib.crc32(name.encode()), domains)
        lines = auto_lines(gen, cf_info(cf), keys, 12 if BIG else 0)
        write_chunks(outdir, name + "-auto", fix_skips(lines),
                     hdr + ["per-cf commands for %s, seed crc32(name)" % name])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
