#!/usr/bin/env python3
# test/diff/randcf.py - differential fuzzer of `sendmail -bt` with RANDOM cf
# files: a seeded generator writes a cf mixing every line type (V D C F T P E
# H M O K S R, continuation lines, comments, escapes, malformed lines) and an
# input script (=S, =M, $x, $=X, ruleset lists, /parse, /try, /tryflags,
# /map, .D/.C, -d21.1, ...); Osprey and the reference sendmail 8.17 run on
# both and the whole transcript (stdout, stderr, exit status) must match.
# A difference is minimized (input lines, then cf lines dropped while the
# outputs still differ) and saved under WORK/fail/<seed>/.
# Touches only test/out/randcf/ (WORK).
#
# Usage: randcf.py [-n N] [-s SEED] [-j JOBS] [-o OURS] [-r REF] [--no-min]
#                  [--keep] [--summary]
#   seeds SEED .. SEED+N-1; prints "PASS randcf/<seed>" or "FAIL randcf/<seed>: ..."
import argparse
import os
import difflib
import random
import re
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
WORK = os.path.join(TOP, 'test', 'out', 'randcf')
ETC = os.path.join(WORK, 'etc')
NS = os.path.join(TOP, 'test', 'lib', 'ns.sh')
TMO = 20

# ---------------------------------------------------------------- data ---

TEXTMAP = """# text map for randcf
alpha\tfirst value
beta\tsecond
gamma\tthird:%1:%2
a.b\tjoined.dot
a_b\tunder_score
user\tuser@mapped.example
foo\t$#local $: foo
host.example\tmapped.example
x\ty
empty
"""
HELPFILE = """#vers\t2
-bt\trandcf help line one.
-bt\tline two with $j in it.
smtp\tnot shown.
"""


def setup(refroot):
    """Create WORK/etc: maps (built by the reference makemap), files, prog."""
    os.umask(0o022)
    for d in (os.path.dirname(WORK), WORK, ETC):
        os.makedirs(d, exist_ok=True)
        os.chmod(d, 0o755)
    def put(name, text, mode=0o644):
        p = os.path.join(ETC, name)
        with open(p, 'w') as f:
            f.write(text)
        os.chmod(p, mode)
        return p
    put('text.txt', TEXTMAP)
    put('colon.txt', 'alpha:one:two:three\nbeta:x:y:z\nroot:0:0:root\n')
    put('service.switch', 'hosts files\naliases files\n')
    put('hosts', '127.0.0.1\tlocalhost\n192.0.2.1\tvm.example.com vm\n'
        '192.0.2.10\tmail.example.com mail\n198.51.100.5\trelay.example.net\n'
        '203.0.113.9\tMixed.Case.Example.ORG\n')
    put('helpfile', HELPFILE)
    put('class.txt', '# comment\nfoo bar\nbaz.example\n  spaced  words  \nx@y\n')
    put('classfmt.txt', 'root:x:0:0\ndaemon:x:1:1\nfoo bar:baz\n#skip:me\n')
    put('prog.sh', '#!/bin/sh\necho "prog<$*>"\n', 0o755)
    put('empty.txt', '')
    put('makemap.cf', '# empty\n')
    mk = os.path.join(refroot, 'usr', 'libexec', 'sendmail', 'makemap')
    src = ''.join(l + '\n' for l in TEXTMAP.splitlines()
                  if l and not l.startswith('#') and l != 'empty')
    for cls, name in (('hash', 'hash'), ('btree', 'bt')):
        subprocess.run([mk, '-C', os.path.join(ETC, 'makemap.cf'), cls,
                        os.path.join(ETC, name)], input=src.encode(),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

# ------------------------------------------------------------ generator ---

WORDS = ['a', 'b', 'foo', 'bar', 'user', 'root', 'alpha', 'beta', 'x', 'host',
         'example', 'com', 'local', 'Foo', 'BAR', 'a1', 'z-z', 'q_q', '0', '42',
         'vm', 'localhost', 'mail', 'net', 'Mixed']
OPS = ['@', '.', ':', '<', '>', ',', ';', '!', '%', '/', '[', ']', '+', '=', '^',
       '(', ')', '-', '|', '*', '?', '#']
CLASSES1 = list('ABCDEFGHIJKLNOPQRSUVXYZ') + ['w', 'm', 't', 'k', 'e', 's']
MACROS1 = list('ABCDEFGHIJKLNOPQRSUVXYZ') + ['j', 'w', 'm', 'k', 'n', 'v', 'q',
                                             'r', 's', 'x', 'z', 'e', 'l', 'o']
LONGNAMES = ['Foo', 'Long_name', 'x1', 'client_addr', 'opMode', 'addr_type',
             'LongNameThatIsQuiteLongIndeed', 'daemon_flags', 'Abc', 'A']
MAILER_FLAGS = 'aAbBcCdDeEfFgGhiIjkKlLmMnopPqrRsSuUvwWxXz0123456789:|/@%!_~+-'
VENDORS = ['Berkeley', 'berkeley', 'Sun', 'Digital', 'Bogus', 'B3rk', '']


class Gen:
    def __init__(self, seed):
        self.seed = seed
        self.r = random.Random(seed)
        self.units = []          # cf logical lines (may contain "\n\t...")
        self.level = 10
        self.macros = set()
        self.classes = set(['w'])
        self.rulesets = []       # names/numbers usable in input
        self.mailers = ['prog', '*file*', '*include*']
        self.maps = []
        self.nwild = 0

    # -- helpers --
    def ch(self, seq):
        return self.r.choice(seq)

    def p(self, prob):
        return self.r.random() < prob

    def mname(self, defined_bias=0.7):
        """a macro reference name: single char or {long}"""
        r = self.r
        if self.macros and self.p(defined_bias):
            return self.ch(sorted(self.macros))
        if self.p(0.3):
            return '{%s}' % self.ch(LONGNAMES)
        return self.ch(MACROS1)

    def cname(self):
        if self.classes and self.p(0.7):
            return self.ch(sorted(self.classes))
        if self.p(0.25):
            return '{%s}' % self.ch(LONGNAMES)
        return self.ch(CLASSES1)

    def word(self):
        r = self.r
        x = r.random()
        if x < 0.6:
            return self.ch(WORDS)
        if x < 0.7:
            return '"%s"' % ' '.join(self.ch(WORDS) for _ in range(r.randint(0, 2)))
        if x < 0.78:
            return self.ch(WORDS) + '\\' + self.ch(OPS + ['#', ' '])
        if x < 0.84:
            return self.ch(WORDS) + '.' + self.ch(WORDS)
        if x < 0.88:
            return '$$' + self.ch(WORDS)
        if x < 0.9:
            return self.ch(WORDS) + '\xe9'
        return self.ch(WORDS).upper()

    def cont(self, s):
        """maybe fold a line at a space into a continuation line"""
        if self.p(0.12) and ' ' in s[2:]:
            idx = [i for i, c in enumerate(s) if c == ' ' and i > 1]
            i = self.ch(idx)
            s = s[:i] + '\n' + self.ch(['\t', ' ', '  ', '\t ']) + s[i + 1:]
        if self.p(0.06) and self.level >= 3:
            s += self.ch([' # comment', '\t# tab comment', '#x', ' \\# not', ' $# sharp'])
        return s

    def add(self, s):
        self.units.append(s)

    # -- line generators --
    def gen_V(self):
        r = self.r
        x = r.random()
        if x < 0.75:
            lvl = r.randint(0, 11)
            v = ''
            if self.p(0.8):
                v = '/' + self.ch(VENDORS)
            self.level = lvl if lvl > 0 else 10
            self.add('V%d%s' % (lvl, v))
        else:
            self.add(self.ch(['V', 'Vx', 'V10 /Berkeley', 'V 10', 'V10/', 'V99/Sun',
                              'V-1', 'V10/Berkeley extra', 'V8x']))

    def dvalue(self):
        r = self.r
        parts = []
        for _ in range(r.randint(0, 5)):
            x = r.random()
            if x < 0.4:
                parts.append(self.word())
            elif x < 0.6:
                parts.append('$' + self.mname())
            elif x < 0.7:
                m = self.mname()
                parts.append('$?%s%s$|%s$.' % (m, self.word(), self.word()))
            elif x < 0.75:
                parts.append('$?%s%s$.' % (self.mname(), self.word()))
            elif x < 0.8:
                parts.append(self.ch(['\\n', '\\t', '\\r', '\\\\', '\\"', '"q q"', '\\b']))
            elif x < 0.85:
                parts.append('$&' + self.mname())
            elif x < 0.9:
                parts.append(self.ch(['$*', '$+', '$1', '$:', '$@', '$#', '$|', '$=A', '$[']))
            else:
                parts.append(self.ch(OPS))
        return self.ch([' ', '', '  ']).join(parts)

    def gen_D(self):
        r = self.r
        if self.p(0.05):
            self.add(self.ch(['D', 'D{', 'D{}x', 'D{bad name}x', 'D{a.b}v',
                              'D\x01x', 'D{%s' % self.ch(LONGNAMES)]))
            return
        if self.p(0.35):
            n = '{%s}' % self.ch(LONGNAMES)
        else:
            n = self.ch(MACROS1[:23] + ['x', 'k', 'n', 'e', 'q', 'l', 'o', 'z'])
        self.macros.add(n)
        self.add(self.cont('D%s%s' % (n, self.dvalue())))

    def gen_C(self):
        r = self.r
        c = self.cname() if self.p(0.2) else (
            '{%s}' % self.ch(LONGNAMES) if self.p(0.3) else self.ch(CLASSES1))
        if self.p(0.04):
            self.add(self.ch(['C', 'C{', 'C{}a', 'C{bad x}y']))
            return
        self.classes.add(c)
        ws = []
        for _ in range(r.randint(0, 5)):
            x = r.random()
            if x < 0.6:
                ws.append(self.word())
            elif x < 0.75:
                ws.append('$' + self.mname())
            elif x < 0.85:
                ws.append(self.ch(WORDS) + '@' + self.ch(WORDS))
            else:
                ws.append('.'.join(self.ch(WORDS) for _ in range(r.randint(2, 3))))
        self.add(self.cont('C%s%s%s' % (c, self.ch([' ', '', '\t']), ' '.join(ws))))

    def gen_F(self):
        c = self.ch(CLASSES1[:20] + ['{%s}' % self.ch(LONGNAMES)])
        self.classes.add(c)
        x = self.r.random()
        e = ETC
        if x < 0.3:
            s = 'F%s%s/class.txt' % (c, e)
        elif x < 0.5:
            s = 'F%s %s/classfmt.txt %s' % (c, e, self.ch(['%[^:]', '%s', '%[a-z]', '%d', 'bad%']))
        elif x < 0.6:
            s = 'F%s -o %s/nosuch' % (c, e)
        elif x < 0.7:
            s = 'F%s %s/nosuch' % (c, e)
        elif x < 0.8:
            s = 'F%s|%s/prog.sh %s' % (c, e, self.ch(WORDS))
        elif x < 0.88:
            s = 'F%s%s/empty.txt' % (c, e)
        elif x < 0.94:
            s = 'F%s@text:%s/text.txt' % (c, e)
        else:
            s = self.ch(['F', 'F{', 'F%s' % c, 'F%s -o' % c])
        self.add(s)

    def gen_T(self):
        self.add('T' + ' '.join(self.ch(['root', 'daemon', 'nobody', 'foo', '$j', 'x@y'])
                                for _ in range(self.r.randint(0, 3))))
        self.classes.add('t')

    def gen_P(self):
        if self.p(0.15):
            self.add(self.ch(['Pbad', 'P=1', 'Pfoo=', 'Pfoo=x', 'P x = 3']))
        else:
            self.add('P%s=%d' % (self.ch(['first-class', 'junk', 'bulk', 'list', 'x']),
                                 self.r.randint(-200, 200)))

    def gen_E(self):
        self.add(self.ch(['EFOO=bar', 'EPATH', 'E', 'ETZ=UTC', 'E=x', 'EX=$j', 'ELANG']))

    def gen_H(self):
        x = self.r.random()
        name = self.ch(['X-Foo', 'Subject', 'From', 'To', 'Date', 'Received', 'X'])
        val = self.dvalue()
        if x < 0.3:
            s = 'H%s: %s' % (name, val)
        elif x < 0.5:
            s = 'H?%s?%s: %s' % (''.join(self.ch(MAILER_FLAGS) for _ in range(self.r.randint(0, 3))),
                                 name, val)
        elif x < 0.65:
            s = 'H?$%s?%s: %s' % (self.mname(), name, val)
        elif x < 0.8:
            s = 'H%s: $>%s' % (name, self.ch(['+', '']) + self.rsref())
        else:
            s = self.ch(['H', 'HFoo', 'H?$?X: y', 'H?$ab?X: y', 'H?x', 'H*: $>Check',
                         'H: x', 'H?\xe9?X: y', 'H?${}?X: y'])
        self.add(self.cont(s))

    def gen_M(self):
        r = self.r
        name = self.ch(['local', 'smtp', 'relay', 'prog', 'esmtp', 'uucp', 'm1', 'X', 'Long_mailer',
                        'local', 'local'])
        if self.p(0.06):
            self.add(self.ch(['M', 'Mfoo', 'Mfoo,', 'Mfoo, P', 'Mfoo P=/bin/true',
                              'Mfoo, P=[TCP], A=x', 'Mfoo, Q=x, P=/x, A=y',
                              'Mfoo, P=[IPC], A=FOO', 'Mfoo, P=[FILE], A=x']))
            return
        fs = []
        if self.p(0.93):
            fs.append('P=' + self.ch(['/bin/true', '[IPC]', '[FILE]', '/bin/sh', '[LPC]',
                                      'relative', '/usr/bin/procmail']))
        if self.p(0.8):
            fs.append('F=' + ''.join(self.ch(MAILER_FLAGS) for _ in range(r.randint(0, 8))))
        if self.p(0.5):
            v = self.rsref()
            if self.p(0.4):
                v += '/' + self.rsref()
            fs.append('S=' + v)
        if self.p(0.5):
            v = self.rsref()
            if self.p(0.4):
                v += '/' + self.rsref()
            fs.append('R=' + v)
        for f, gen in (('E', lambda: self.ch(['\\r\\n', '\\n', 'x', '"a,b"'])),
                       ('L', lambda: str(r.randint(-1, 2000))),
                       ('M', lambda: str(r.randint(0, 99999))),
                       ('m', lambda: str(r.randint(0, 9))),
                       ('r', lambda: str(r.randint(0, 200))),
                       ('N', lambda: str(r.randint(-5, 5))),
                       ('D', lambda: self.ch(['$z:/', '/tmp', '/a:/b'])),
                       ('C', lambda: self.ch(['iso-8859-1', 'utf-8'])),
                       ('T', lambda: self.ch(['DNS/RFC822/SMTP', 'X-Unix', 'a/b', 'x//y', '/'])),
                       ('U', lambda: self.ch(['root', '0:0', 'daemon:daemon', 'nosuchuser', '1', ':1'])),
                       ('W', lambda: self.ch(['5m', '10', '1h', 'x'])),
                       ('/', lambda: self.ch(['/tmp', '/'])),
                       ('Q', lambda: self.ch(['mqueue', 'nosuch'])),
                       ('Z', lambda: 'x'), ('k', lambda: '3')):
            if self.p(0.12):
                fs.append('%s=%s' % (f, gen()))
        if self.p(0.93):
            fs.append('A=' + ' '.join(self.ch(['mail', '-d', '$u', 'TCP', '$h', 'FILE', 'sh', '-c',
                                               '$g', '25', 'procmail', '$j'])
                                      for _ in range(r.randint(1, 4))))
        r.shuffle(fs)
        seps = [', ', ',', ' ', ',\t', ' , ']
        s = 'M' + name + self.ch([', ', ',', ' ', '\t']) + ''.join(f + self.ch(seps) for f in fs[:-1]) + \
            (fs[-1] if fs else '')
        if name not in self.mailers:
            self.mailers.append(name)
        self.add(self.cont(s))

    OPTS = [
        ('BlankSub', 'B', lambda s: s.ch(['.', '_', '', 'xy', ' '])),
        ('OperatorChars', None, lambda s: ''.join(s.ch('.:%@!^/[]+=-') for _ in range(s.r.randint(0, 8)))),
        ('ColonOkInAddr', None, lambda s: s.ch(['True', 'False', 'yes', 'x', ''])),
        ('DontProbeInterfaces', None, lambda s: s.ch(['True', 'False', 'loopback', 'x'])),
        ('HelpFile', 'H', lambda s: s.ch([ETC + '/helpfile', ETC + '/nosuch', ''])),
        ('DeliveryMode', 'd', lambda s: s.ch(['i', 'b', 'q', 'd', 'x', 'interactive', ''])),
        ('MaxHopCount', 'h', lambda s: s.ch(['25', '0', '-1', 'x', '99999999999'])),
        ('LogLevel', 'L', lambda s: s.ch(['9', '0', '99', 'x'])),
        ('SmtpGreetingMessage', None, lambda s: '$j ESMTP $v'),
        ('UnixFromLine', None, lambda s: 'From $g'),
        ('MustQuoteChars', None, lambda s: s.ch(['.', "'", '']) ),
        ('PrivacyOptions', 'p', lambda s: s.ch(['goaway', 'authwarnings,noexpn', 'bogus', 'public novrfy', ''])),
        ('DontBlameSendmail', None, lambda s: s.ch(['safe', 'bogus', 'GroupWritableDirPathSafe,ForwardFileInUnsafeDirPath', ''])),
        ('EightBitMode', '8', lambda s: s.ch(['pass8', 'mime8', 'strict', 'x', ''])),
        ('ResolverOptions', 'I', lambda s: s.ch(['+AAONLY', '-DNSRCH', 'HasWildcardMX', 'bogus', '+x'])),
        ('Timeout.queuereturn', None, lambda s: s.ch(['5d', '1x', 'now', '-1h', '4h30m'])),
        ('Timeout.bogus', None, lambda s: '5m'),
        ('Timeout', 'r', lambda s: s.ch(['5m', 'helo=1m,mail=2m', 'x=1'])),
        ('QueueSortOrder', None, lambda s: s.ch(['host', 'bogus', 'Time', ''])),
        ('NoRecipientAction', None, lambda s: s.ch(['add-to', 'bogus', 'none'])),
        ('SuperSafe', 's', lambda s: s.ch(['True', 'Interactive', 'PostMilter', 'x'])),
        ('MaxMimeHeaderLength', None, lambda s: s.ch(['2048/1024', '10', 'x/y', '/5'])),
        ('QueueFileMode', None, lambda s: s.ch(['0600', '644', '9', 'x'])),
        ('DaemonPortOptions', 'O', lambda s: s.ch(['Port=25,Name=MTA', 'Family=inet6', 'Bogus=1', 'M=Ea', 'Addr=127.0.0.1'])),
        ('ClientPortOptions', None, lambda s: s.ch(['Family=inet', 'Port=x', 'Zap=1'])),
        ('MaxMessageSize', None, lambda s: s.ch(['1000', 'x', '-1'])),
        ('AliasFile', 'A', lambda s: s.ch(['text:' + ETC + '/text.txt', ETC + '/nosuch', '', 'bogus:x'])),
        ('DefaultUser', 'u', lambda s: s.ch(['daemon', '1:1', 'nosuch', 'root:root'])),
        ('TimeZoneSpec', 't', lambda s: s.ch(['UTC', ''])),
        ('MeToo', 'm', lambda s: s.ch(['', 'False'])),
        ('Verbose', 'v', lambda s: s.ch(['', 'False', 'True'])),
        ('DoubleBounceAddress', None, lambda s: s.ch(['postmaster', ''])),
        ('ForwardPath', 'J', lambda s: '$z/.forward'),
        ('MinFreeBlocks', 'b', lambda s: s.ch(['100', '100/2000', 'x'])),
        ('Milter.LogLevel', None, lambda s: '3'),
        ('Milter.macros.connect', None, lambda s: 'j, _'),
        ('Milter.bogus', None, lambda s: '3'),
        ('SevenBitInput', '7', lambda s: ''),
        ('QueueDirectory', 'Q', lambda s: s.ch([ETC, ''])),
        ('AuthOptions', None, lambda s: s.ch(['A p', 'x', ''])),
        ('HeloName', None, lambda s: 'helo.example'),
        ('CheckpointInterval', 'C', lambda s: s.ch(['10', 'x'])),
        ('ConnectionCacheTimeout', 'K', lambda s: s.ch(['5m', '3x'])),
        ('SendMimeErrors', 'j', lambda s: ''),
        ('MaxRecipientsPerMessage', None, lambda s: '5'),
        ('RunAsUser', None, lambda s: s.ch(['root', 'nosuchuser'])),
        ('RejectNUL', None, lambda s: 'True'),
        ('UseMSP', None, lambda s: 'True'),
        ('SMTPUTF8', None, lambda s: 'True'),
        ('DialDelay', None, lambda s: s.ch(['5s', 'x'])),
    ]
    UNKNOWN_OPTS = ['Bogus', 'NoSuchOption', 'X', 'Max', 'Time', 'Dont', 'Queue', 'Maxh', 'blanksub',
                    'OPERATORCHARS', 'Hel', 'Mil', 'Deliv', 'Colo', 'Timeout.', 'Eight']

    def gen_O(self):
        r = self.r
        x = r.random()
        if x < 0.6:
            name, short, vg = self.ch(self.OPTS)
            if self.p(0.15) and len(name) > 4 and '.' not in name:
                name = name[:r.randint(3, len(name) - 1)]
            if self.p(0.1):
                name = name.lower() if self.p(0.5) else name.upper()
            v = vg(self)
            self.add('O %s%s%s' % (name, self.ch(['=', ' = ', '=', '= ']), v) if self.p(0.9)
                     else 'O %s' % name)
        elif x < 0.8:
            name, short, vg = self.ch([o for o in self.OPTS if o[1]])
            self.add('O%s%s' % (short, vg(self)))
        elif x < 0.93:
            self.add('O %s=%s' % (self.ch(self.UNKNOWN_OPTS), self.ch(['1', 'x', ''])))
        else:
            self.add(self.ch(['O', 'O ', 'O =x', 'O\x01x', 'OZ', 'O{x', 'O=', 'O  BlankSub=.']))

    def gen_K(self):
        r = self.r
        name = self.ch(['m1', 'm2', 'tx', 'hs', 'bt', 'dq', 'ar', 'mac', 'rx', 'seq', 'sw',
                        'st', 'us', 'ho', 'pg', 'nu', 'im', 'a.b', 'A_B', 'm.x'])
        cls = self.ch(['text', 'hash', 'btree', 'dequote', 'arith', 'macro', 'regex', 'sequence',
                       'switch', 'stab', 'user', 'host', 'program', 'null', 'implicit', 'syslog',
                       'bogus', 'dbm', 'ldap', 'nis'])
        flags = []
        for _ in range(r.randint(0, 3)):
            flags.append(self.ch(['-o', '-N', '-O', '-a<A>', '-a.', '-T<T>', '-f', '-m', '-q',
                                  '-S_', '-t', '-D', '-k0', '-v1', '-z:', '-s_', '-x', '-A',
                                  '-d5', '-n', '-b', '-a', '-k', '-v2', '-z', '-s1', '-s1,2']))
        if self.p(0.05):
            self.add(self.ch(['K', 'Kfoo', 'K foo text', 'K1x text', 'Kfoo bogus x']))
            return
        arg = ''
        if cls == 'text':
            arg = self.ch([ETC + '/text.txt', ETC + '/colon.txt', ETC + '/nosuch', ''])
            if 'colon' in arg and self.p(0.7):
                flags.append(self.ch(['-z:', '-z: -k0 -v2', '-v3 -z:']))
        elif cls in ('hash', 'btree', 'dbm'):
            arg = self.ch([ETC + '/hash', ETC + '/bt', ETC + '/nosuch', ETC + '/hash.db', ''])
        elif cls == 'implicit':
            arg = self.ch([ETC + '/hash', ETC + '/text.txt', ETC + '/nosuch'])
        elif cls == 'regex':
            arg = self.ch(['^[a-z]+$', '^([a-z]+)@([a-z.]+)$', '(', '^a.*b$', '^(x)(y)?$', '', 'foo|bar'])
            if self.p(0.4):
                flags.append(self.ch(['-s1', '-s2', '-s1,2', '-d+', '-s3', '-s0']))
        elif cls in ('sequence', 'switch'):
            arg = ' '.join(self.ch(self.maps + ['nosuch', 'aliases', 'hosts']) for _ in range(r.randint(0, 3))) \
                if cls == 'sequence' else self.ch(['aliases', 'hosts', 'nosuch', ''])
        elif cls == 'program':
            arg = self.ch([ETC + '/prog.sh', ETC + '/prog.sh extra', '/nonexistent', ''])
        elif cls == 'host':
            pass
        s = 'K%s %s%s%s' % (name, cls, ''.join(' ' + f for f in flags), (' ' + arg) if arg else '')
        if name not in self.maps:
            self.maps.append(name)
        self.add(s)

    def rsref(self):
        r = self.r
        if self.rulesets and self.p(0.7):
            return str(self.ch(self.rulesets))
        return self.ch(['0', '1', '2', '3', '4', '5', '7', '99', '100', 'Nope', 'Foo', 'check_x', '-1', ''])

    def gen_S(self):
        r = self.r
        x = r.random()
        if x < 0.4:
            n = str(r.choice([0, 0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 42, 98, 99]))
            self.add('S' + self.ch(['', ' ']) + n)
            if n not in self.rulesets:
                self.rulesets.append(n)
        elif x < 0.75:
            n = self.ch(['Foo', 'Bar', 'check_x', 'Local_check', 'A', 'a_b', 'Foo',
                         'VeryLongRulesetNameXYZ', 'Z9', 'canonify', 'parse', 'final'])
            self.add('S' + n)
            if n not in self.rulesets:
                self.rulesets.append(n)
        elif x < 0.92:
            n = self.ch(['Foo', 'Bar', 'canonify', 'parse', 'final', 'Name', 'Foo'])
            num = self.ch([0, 3, 4, 5, 7, 12, 99, 100, 150])
            self.add('S%s%s=%s%d' % (n, self.ch(['', ' ']), self.ch(['', ' ']), num))
            for v in (n, str(num)):
                if v not in self.rulesets:
                    self.rulesets.append(v)
        else:
            self.add(self.ch(['S', 'S100', 'S-1', 'S bad name', 'S1x', 'S=5', 'S$x', 'SFoo=', 'SFoo=x',
                              'S200', 'S_x', 'S9999999999']))
        self.cur_rs = True

    def lhs(self):
        r = self.r
        toks = []
        self.nwild = 0
        for _ in range(r.randint(1, 6)):
            x = r.random()
            if x < 0.3:
                toks.append(self.ch(['$*', '$*', '$+', '$-']))
                self.nwild += 1
            elif x < 0.38:
                toks.append('$=' + self.cname())
                self.nwild += 1
            elif x < 0.43:
                toks.append('$~' + self.cname())
                self.nwild += 1
            elif x < 0.63:
                toks.append(self.word())
            elif x < 0.83:
                toks.append(self.ch(OPS))
            elif x < 0.87:
                toks.append('$&' + self.mname())
            elif x < 0.9:
                toks.append('$' + self.mname())
            elif x < 0.93:
                toks.append(self.ch(['$@', '$|', '$#']))
            elif x < 0.95:
                toks.append(self.ch(['$1', '$:', '$>', '$[', '$(', '$?', '$.', '$]', '$)', '$9']))
            else:
                toks.append(self.ch(['$*', '$+']) * r.randint(2, 4))
                self.nwild += 2
        if self.p(0.02):
            toks = ['$*'] * 10
            self.nwild = 10
        return self.ch([' ', '', ' ']).join(toks) if self.p(0.8) else ' '.join(toks)

    def rhs_items(self, depth=0):
        r = self.r
        toks = []
        for _ in range(r.randint(0, 4)):
            x = r.random()
            if x < 0.3:
                n = r.randint(1, max(1, self.nwild)) if self.p(0.93) else r.randint(0, 9)
                toks.append('$%d' % n)
            elif x < 0.5:
                toks.append(self.word())
            elif x < 0.62:
                toks.append(self.ch(OPS))
            elif x < 0.66:
                toks.append('$&' + self.mname())
            elif x < 0.69:
                toks.append('$' + self.mname())
            elif x < 0.8 and depth < 2:
                m = self.ch(self.maps + ['nosuch', 'macro', 'host']) if self.maps and self.p(0.85) else \
                    self.ch(['nosuch', 'dequote', 'host'])
                t = '$( %s %s' % (m, ' '.join(self.rhs_items(depth + 1)))
                for _ in range(r.randint(0, 2) if self.p(0.4) else 0):
                    t += ' $@ ' + ' '.join(self.rhs_items(depth + 1))
                if self.p(0.4):
                    t += ' $: ' + ' '.join(self.rhs_items(depth + 1))
                if self.p(0.95):
                    t += ' $)'
                toks.append(t)
            elif x < 0.84 and depth < 2:
                t = '$[ ' + ' '.join(self.rhs_items(depth + 1))
                if self.p(0.3):
                    t += ' $: ' + self.word()
                if self.p(0.95):
                    t += ' $]'
                toks.append(t)
            elif x < 0.9:
                toks.append('$>' + self.ch(['', ' ']) + self.rsref())
            elif x < 0.93:
                toks.append('$|')
            elif x < 0.95:
                toks.append(self.ch(['$*', '$=A', '$~A', '$+', '$-']))
            else:
                toks.append(self.ch(['$@', '$:', '$#', '$.', '$?', '$]', '$)']))
        return toks

    def rhs(self):
        r = self.r
        x = r.random()
        pre = self.ch(['$: ', '$@ ', '$: ', '', '$:', '$@'])
        if pre == '' and self.p(0.5):
            pre = '$: '
        if x < 0.2:
            mailer = self.ch(self.mailers + ['error', 'discard', 'local', 'nosuch'])
            t = '$#%s' % mailer
            if mailer == 'error':
                if self.p(0.6):
                    t += ' $@ ' + self.ch(['5.1.1', '4.2.0', 'nouser', '75', 'x', '5.7.1'])
                t += ' $: ' + self.ch(['"550 no such user"', 'bad', '"421 temp"', '$1', '450 4.1.1 hmm'])
            elif mailer == 'discard':
                t += self.ch([' $: discard', '', ' $: $1'])
            else:
                if self.p(0.7):
                    t += ' $@ ' + ' '.join(self.rhs_items(1) or [self.word()])
                if self.p(0.9):
                    t += ' $: ' + ' '.join(self.rhs_items(1) or ['$1' if self.nwild else 'u'])
            return self.ch(['$@ ', '', '$: ']) + t
        toks = self.rhs_items()
        if not toks and self.p(0.7):
            toks = [self.word()]
        return pre + ' '.join(toks)

    def gen_R(self):
        if self.p(0.04):
            self.add(self.ch(['R', 'R$*', 'R$* $: $1', 'Rfoo bar', 'R\t$@ x', 'R$*\t',
                              'R$*\t\t', 'R$* ## $*\tfoo', 'R$*\t$( x', 'R$*\t$[ x',
                              'R$* ( x\t$1', 'R$*\t$( a $( b $) $)', 'R$* $+ $-\t$4',
                              'R$*\t$( m1 x $@ a $@ b $@ c $@ d $@ e $@ f $@ g $@ h $@ i $@ j $)']))
            return
        l = self.lhs()
        rh = self.rhs()
        s = 'R%s%s%s' % (l, self.ch(['\t', '\t\t', '\t \t', '\t']), rh)
        if self.p(0.3):
            s += '\t' + self.ch(['comment', 'a comment here', '$1 stuff', ''])
        self.add(self.cont(s))

    def generate(self):
        r = self.r
        if self.p(0.9):
            self.gen_V()
        if self.p(0.9):
            self.add('O ServiceSwitchFile=%s/service.switch' % ETC)
            self.add('O HostsFile=%s/hosts' % ETC)
        if self.p(0.3):
            self.add('O HelpFile=%s/helpfile' % ETC)
        n = r.randint(5, 45)
        kinds = ['D'] * 5 + ['C'] * 4 + ['F'] * 2 + ['T', 'P', 'E', 'H', 'H'] + ['M'] * 3 + \
            ['O'] * 4 + ['K'] * 4 + ['S'] * 4 + ['R'] * 16 + ['V', '#']
        # mailers and maps first so rules can refer to them (mostly)
        if self.p(0.9):
            self.add('Mlocal, P=/bin/true, F=%s, A=mail -d $u' % self.ch(['lsDFMAw5:/|@q', 'l', '', 'lsDFM5']))
            self.mailers.append('local')
        for _ in range(r.randint(0, 3)):
            self.gen_K()
        for _ in range(r.randint(0, 2)):
            self.gen_M()
        started = False
        for _ in range(n):
            k = self.ch(kinds)
            if k == 'R' and not started and self.p(0.9):
                k = 'S'
            if k == 'S':
                started = True
            if k == '#':
                self.add(self.ch(['# comment', '', '#', '   ', '\t# indented?']))
                continue
            getattr(self, 'gen_' + k)()
        return self.units

    # -- inputs --
    def addr(self):
        r = self.r
        x = r.random()
        w = self.ch(WORDS)
        if x < 0.25:
            return '%s@%s' % (w, self.ch(['example.com', 'host', 'vm.example.com', 'x.y.z', '[1.2.3.4]']))
        if x < 0.35:
            return '<%s@%s>' % (w, self.ch(WORDS))
        if x < 0.42:
            return '"%s %s"@%s' % (w, self.ch(WORDS), self.ch(WORDS))
        if x < 0.48:
            return '%s (comment) %s' % (w, self.ch(WORDS))
        if x < 0.52:
            return '<@a,@b:%s@c>' % w
        if x < 0.56:
            return '%s!%s!%s' % (w, self.ch(WORDS), self.ch(WORDS))
        if x < 0.6:
            return '%s%%%s@%s' % (w, self.ch(WORDS), self.ch(WORDS))
        if x < 0.63:
            return self.ch(['a\\', '"unbal', '<a', 'a>', 'a)', '(x', '', '@', '<>', '<<a>>', ':;', 'a,b',
                            'a, b, <c@d>', '\xe9t\xe9@x', '|prog', '/file', ':include:/x', '"\\"q"'])
        toks = []
        for _ in range(r.randint(1, 7)):
            toks.append(self.word() if self.p(0.55) else self.ch(OPS))
        return self.ch(['', ' ']).join(toks).replace('\xe9', self.ch(['\xe9', 'e']))

    def rslist(self):
        r = self.r
        pool = self.rulesets + ['3', '0', '1', '2', '4', '5']
        k = r.randint(1, 3)
        l = ','.join(str(self.ch(pool)) for _ in range(k))
        if self.p(0.05):
            l = self.ch(['Nope', '150', '3,Nope,0', '3,', ',3', '3,,0', '-1', 'abc'])
        return l

    def inputs(self):
        r = self.r
        ins = []
        for rs in self.rulesets:
            ins.append('=S%s' % rs)
        ins.append('=M')
        if self.p(0.2):
            ins.append(self.ch(['=SNope', '=S', '=', '=X', '=S100', '=S 3']))
        for m in sorted(self.macros):
            ins.append('$%s' % m)
        for c in sorted(self.classes):
            ins.append('$=%s' % c)
        body = []
        for _ in range(r.randint(8, 30)):
            x = r.random()
            if x < 0.55:
                body.append('%s %s' % (self.rslist(), self.addr()))
            elif x < 0.65:
                body.append('/parse %s' % self.addr())
            elif x < 0.73:
                body.append('/try %s %s' % (self.ch(self.mailers + ['nosuch']), self.addr()))
            elif x < 0.77:
                body.append('/tryflags %s' % self.ch(['HS', 'hr', 'ES', 'er', 'S', 'x', '', 'HSx']))
            elif x < 0.85 and self.maps:
                body.append('/map %s %s' % (self.ch(self.maps + ['nosuch']),
                                            self.ch(['alpha', 'Beta', 'a.b', 'root', 'vm.example.com',
                                                     'x', '"alpha"', 'a b', '1 + 2', 'foo@bar', ''])))
            elif x < 0.9:
                m = self.mname(0.5)
                body.append('.D%s%s' % (m, self.ch(['', ' ', ''])) + self.ch(WORDS + ['$j', 'a b', '$$x']))
            elif x < 0.94:
                body.append('.C%s %s' % (self.cname(), ' '.join(self.ch(WORDS) for _ in range(r.randint(0, 3)))))
            elif x < 0.96:
                body.append(self.ch(['-d21.1', '-d21.12', '-d0', '-d', '-x', '-d21.0']))
            else:
                body.append(self.ch(['?', '.', '.X', '/', '/foo', '/parse', '/try', '/map', '/map m1',
                                     '/canon localhost', '$', '$=', '# comment', '', '   3 a',
                                     '/expand $j', '/header From: x', '/sender a@b']))
        # re-run after .D/.C: query macros/classes again
        for m in sorted(self.macros)[:3]:
            body.append('$%s' % m)
        if self.p(0.3):
            body.insert(r.randint(0, len(body)), '-d21.1')
        return ins + body


# ------------------------------------------------------------- running ---

def run_bin(binp, wdir, cf_text, in_text):
    cfp = os.path.join(wdir, 't.cf')
    with open(cfp, 'wb') as f:
        f.write(cf_text.encode('latin-1'))
    try:
        p = subprocess.run(['timeout', str(TMO), 'sh', NS, binp, '-bt', '-C', 't.cf'],
                           input=in_text.encode('latin-1'), cwd=wdir,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return (p.stdout, p.stderr, p.returncode)
    except Exception as e:  # noqa
        return (b'', str(e).encode(), -1)


def both(ref, ours, wdir, units, ins):
    cf_text = '\n'.join(units) + '\n'
    in_text = ''.join(l + '\n' for l in ins)
    a = run_bin(ref, wdir, cf_text, in_text)
    b = run_bin(ours, wdir, cf_text, in_text)
    return a, b


def _norm(x):
    return re.sub(rb'line \d+', b'line N', x)


def sigs(a, b, limit=6):
    """every difference (up to limit), without its position: a line only
    the reference printed, a line only we printed, or a changed pair"""
    out = []
    if a[0] != b[0]:
        la, lb = a[0].split(b'\n'), b[0].split(b'\n')
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, la, lb, autojunk=False).get_opcodes():
            if op == 'equal':
                continue
            if op == 'delete':
                out.append('only ref: %r' % _norm(la[i1]))
            elif op == 'insert':
                out.append('only ours: %r' % _norm(lb[j1]))
            else:
                out.append('ref %r ours %r' % (_norm(la[i1]), _norm(lb[j1])))
            if len(out) >= limit:
                break
    if a[1] != b[1]:
        out.append('stderr: ref %r ours %r' % (a[1][:200], b[1][:200]))
    if a[2] != b[2]:
        out.append('exit: ref %d ours %d' % (a[2], b[2]))
    return out


def sig(a, b):
    """the first difference (minimizer key)"""
    l = sigs(a, b, 1)
    return l[0] if l else ''


def kind(sg):
    """a coarser class key for a difference: quoted text, numbers and
    macro/class names collapsed, first 70 characters"""
    k = re.sub(r'"[^"]*"', '"_"', sg)
    k = re.sub(r'\d+', 'N', k)
    k = re.sub(r'(map|for|class|option|name|mailer|queue|ruleset) \S+', r'\1 _', k)
    return k[:70]


def first_diff(a, b):
    """a short description of the first difference"""
    if a[0] != b[0]:
        la = a[0].split(b'\n')
        lb = b[0].split(b'\n')
        for i in range(max(len(la), len(lb))):
            x = la[i] if i < len(la) else b'<EOF>'
            y = lb[i] if i < len(lb) else b'<EOF>'
            if x != y:
                return 'stdout line %d: ref %r ours %r' % (i + 1, x[:200], y[:200])
    if a[1] != b[1]:
        return 'stderr: ref %r ours %r' % (a[1][:200], b[1][:200])
    return 'exit: ref %d ours %d' % (a[2], b[2])


def minimize(ref, ours, wdir, units, ins, key, budget=300):
    """drop input lines, then cf units, while difference `key` persists"""
    runs = [0]

    def differs(u, i):
        runs[0] += 1
        a, b = both(ref, ours, wdir, u, i)
        return a != b and key in sigs(a, b, 50)

    def shrink(lst, test):
        n = 2
        while len(lst) >= 1 and runs[0] < budget:
            chunk = max(1, len(lst) // n)
            changed = False
            i = 0
            while i < len(lst) and runs[0] < budget:
                cand = lst[:i] + lst[i + chunk:]
                if test(cand):
                    lst = cand
                    changed = True
                else:
                    i += chunk
            if not changed:
                if chunk == 1:
                    break
                n *= 2
        return lst
    ins = shrink(list(ins), lambda c: differs(units, c))
    units = shrink(list(units), lambda c: differs(c, ins))
    ins = shrink(list(ins), lambda c: differs(units, c))
    return units, ins


def save(fdir, units, ins, a, b, desc):
    if os.path.isdir(fdir):
        shutil.rmtree(fdir)
    os.makedirs(fdir)
    with open(os.path.join(fdir, 't.cf'), 'wb') as f:
        f.write(('\n'.join(units) + '\n').encode('latin-1'))
    with open(os.path.join(fdir, 't.in'), 'wb') as f:
        f.write(''.join(l + '\n' for l in ins).encode('latin-1'))
    for who, res in (('ref', a), ('ours', b)):
        with open(os.path.join(fdir, who + '.out'), 'wb') as f:
            f.write(res[0] + b'\n--- stderr\n' + res[1] + b'\n--- exit %d\n' % res[2])
    with open(os.path.join(fdir, 'desc'), 'w') as f:
        f.write(desc + '\n')


SEEN = set()
SEEN_LOCK = threading.Lock()


def one(seed, args, slot):
    wdir = os.path.join(WORK, 'w%d' % slot)
    os.makedirs(wdir, exist_ok=True)
    os.chmod(wdir, 0o755)
    g = Gen(seed)
    units = g.generate()
    ins = g.inputs()
    a, b = both(args.ref, args.ours, wdir, units, ins)
    ncmd = len(ins)
    if a == b:
        return (seed, True, ncmd, None)
    all_sigs = sigs(a, b)
    desc = all_sigs[0] if all_sigs else 'outputs differ'
    new = []
    with SEEN_LOCK:
        for sg in all_sigs:
            k = kind(sg)
            if args.all or k not in SEEN:
                SEEN.add(k)
                new.append(sg)
    if not new:
        return (seed, False, ncmd, desc + ' [kind seen before]')
    fdir = os.path.join(WORK, 'fail', str(seed))
    if args.no_min:
        save(fdir, units, ins, a, b, desc)
        return (seed, False, ncmd, desc)
    for i, sg in enumerate(new[:3]):
        u, n = minimize(args.ref, args.ours, wdir, units, ins, sg)
        a2, b2 = both(args.ref, args.ours, wdir, u, n)
        save(fdir + ('' if i == 0 else '.%d' % i), u, n, a2, b2, sg)
    return (seed, False, ncmd, desc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('-n', type=int, default=150)
    ap.add_argument('-s', type=int, default=1)
    ap.add_argument('-j', type=int, default=2)
    ap.add_argument('-o', dest='ours', default=os.path.join(TOP, 'sendmail', 'sendmail'))
    ap.add_argument('-r', dest='refroot', default=os.path.join(TOP, '.cache', 'ref', 'root'))
    ap.add_argument('--no-min', action='store_true')
    ap.add_argument('--all', action='store_true',
                    help='save/minimize every failure, not only new first differences')
    ap.add_argument('--gen', type=int, help='print the cf and input of one seed')
    ap.add_argument('-w', dest='work', help='work directory (default test/out/randcf)')
    ap.add_argument('--known', help='file of "SEED reason" lines: known differences, '
                    'reported as KNOWN (not PASS/FAIL) while they still differ')
    args = ap.parse_args()
    known = {}
    if args.known:
        with open(args.known) as f:
            for line in f:
                if line.strip() and not line.startswith('#'):
                    k, _, why = line.strip().partition(' ')
                    known[int(k)] = why.strip()
    global WORK, ETC
    if args.work:
        WORK = os.path.abspath(args.work)
        ETC = os.path.join(WORK, 'etc')
    args.ref = os.path.join(args.refroot, 'usr', 'libexec', 'sendmail', 'sendmail')
    if args.gen is not None:
        g = Gen(args.gen)
        sys.stdout.write('\n'.join(g.generate()) + '\n==== input\n' + '\n'.join(g.inputs()) + '\n')
        return 0
    if not os.access(args.ref, os.X_OK):
        print('FAIL randcf/setup: reference not available')
        return 0
    if not os.access(args.ours, os.X_OK):
        print('FAIL randcf/setup: %s not built' % args.ours)
        return 0
    setup(args.refroot)
    fails = 0
    nknown = 0
    cmds = 0
    seeds = list(range(args.s, args.s + args.n))
    import queue
    slots = queue.Queue()
    for k in range(args.j):
        slots.put(k)

    def task(seed):
        k = slots.get()
        try:
            return one(seed, args, k)
        finally:
            slots.put(k)
    with ThreadPoolExecutor(max_workers=args.j) as ex:
        for seed, ok, ncmd, desc in ex.map(task, seeds):
            cmds += ncmd
            if ok:
                print('PASS randcf/%d%s' % (seed, ' (listed as known: remove it from the list)'
                                           if seed in known else ''))
            elif seed in known:
                nknown += 1
                print('KNOWN randcf/%d: %s; first difference: %s' % (seed, known[seed], desc))
            else:
                fails += 1
                print('FAIL randcf/%d: %s (reproducer: test/out/randcf/fail/%d)' % (seed, desc, seed))
            sys.stdout.flush()
    classes = {}
    for d in sorted(os.listdir(os.path.join(WORK, 'fail'))) if os.path.isdir(os.path.join(WORK, 'fail')) else []:
        try:
            with open(os.path.join(WORK, 'fail', d, 'desc')) as f:
                k = kind(f.read().strip())
        except OSError:
            continue
        classes.setdefault(k[:160], []).append(d)
    with open(os.path.join(WORK, 'classes.txt'), 'w') as f:
        for k, v in sorted(classes.items()):
            f.write('%s\n    seeds: %s\n' % (k, ' '.join(v[:10])))
    sys.stderr.write('randcf: %d cfs, %d commands, %d identical, %d differ (%d of them known)\n'
                     % (len(seeds), cmds, len(seeds) - fails - nknown, fails + nknown, nknown))
    return 0


if __name__ == '__main__':
    sys.exit(main())
