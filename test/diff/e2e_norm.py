#!/usr/bin/env python3
"""e2e_norm.py - normalised snapshot of one end-to-end case directory, for
test/diff/t_e2e.sh: stdout/stderr/exit codes of the steps, the final mailq
listing, every delivered mailbox and file, dead.letter and the remaining
queue (file names and qf contents), with queue IDs, dates, times, epoch
seconds and pids replaced by stable tokens (IDs numbered in order of first
appearance, so a message referred to twice stays the same token).
Touches nothing: reads DIR, writes the snapshot to stdout.
Usage: e2e_norm.py DIR
"""
import os
import re
import sys

QID = re.compile(rb'(?:\b|(?<=[dqtxhQHT]f))[0-9A-Za-x]{8}[0-9]{5,7}\b')
SUBS = [
    # Sat, 21 Nov 2026 15:07:06 GMT  /  ... +0000 (UTC)
    (re.compile(rb'\b[A-Z][a-z]{2}, {1,2}\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d'
                rb'( (GMT|UTC|[-+]\d{4})( \([A-Za-z]+\))?)?'), b'<DATE>'),
    # From_ line and ctime: Sat Nov 21 15:03:09 2026
    (re.compile(rb'\b[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\b'), b'<CTIME>'),
    # mailq: "Sat Nov 21 15:07" and "Nov 21 15:07"
    (re.compile(rb'\b([A-Z][a-z]{2} )?[A-Z][a-z]{2} [ \d]\d \d\d:\d\d\b'), b'<QTIME>'),
    (re.compile(rb'<\d{12}\.'), b'<MSGID.'),
    (re.compile(rb'\b1[6-9]\d{8}\b'), b'<EPOCH>'),
    (re.compile(rb'^([TKZ!])\d+$', re.M), rb'\1<N>'),
    (re.compile(rb'^I\d+/\d+/\d+$', re.M), b'I<DEV/INO>'),
    (re.compile(rb'\bpid[= ]\d+', re.I), b'pid=<PID>'),
    (re.compile(rb'\[\d+\]'), b'[<PID>]'),
]


class Norm:
    def __init__(self):
        self.ids = {}

    def qid(self, m):
        k = m.group(0)
        if k not in self.ids:
            self.ids[k] = b'QID%d' % (len(self.ids) + 1)
        return self.ids[k]

    def text(self, data):
        data = QID.sub(self.qid, data)
        for rx, rep in SUBS:
            data = rx.sub(rep, data)
        return data


def files(d):
    if not os.path.isdir(d):
        return []
    out = []
    for root, dirs, names in os.walk(d):
        dirs.sort()
        for n in sorted(names):
            out.append(os.path.join(root, n))
    return out


def main():
    top = sys.argv[1]
    n = Norm()
    w = sys.stdout.buffer
    sections = []
    for name in ('steps.out', 'steps.err', 'mailq.out'):
        p = os.path.join(top, name)
        if os.path.exists(p):
            sections.append((name, p))
    for sub in ('mbox', 'files', 'home'):
        for p in files(os.path.join(top, sub)):
            sections.append((os.path.relpath(p, top), p))
    # queue files: grouped by ID, groups ordered by their normalised qf
    # (random ID characters must not decide the order)
    qfiles = files(os.path.join(top, 'q'))
    groups = {}
    for p in qfiles:
        b = os.path.basename(p)
        groups.setdefault(b[2:] if b[1:2] == 'f' else b, []).append(p)

    def gkey(item):
        qid, ps = item
        body = b''
        for p in sorted(ps):
            with open(p, 'rb') as f:
                body += f.read().replace(qid.encode(), b'QID')
        return Norm().text(body)
    qfiles = []
    for qid, ps in sorted(groups.items(), key=gkey):
        qfiles.extend(sorted(ps, key=lambda p: os.path.basename(p)))
    for p in qfiles:
        sections.append((os.path.relpath(p, top), p))
    for name, p in sections:
        label = n.text(name.encode())
        st = os.stat(p)
        w.write(b'==== %s mode %o owner %d:%d\n' % (label, st.st_mode & 0o7777, st.st_uid, st.st_gid))
        with open(p, 'rb') as f:
            w.write(n.text(f.read()))
        w.write(b'\n')


main()
