#!/usr/bin/env python3
"""submit_norm.py DIR [OLD=NEW]...: print a normalised view of the queue
directory DIR (every qf then df, sorted by file kind) for t_submit.sh:
queue IDs, T/K times, dates and the $t stamp in headers and pids become
fixed tokens; each OLD=NEW replaces a side's own path (queue directory,
cf) by a common one.
submit_norm.py --xlog FILE [OLD=NEW]...: the same for a -X traffic log:
the pid opening each line, dates, queue IDs and times of From_ lines."""
import os, re, sys

DATE = re.compile(rb'(Mon|Tue|Wed|Thu|Fri|Sat|Sun), +\d+ \w\w\w \d{4} \d\d:\d\d:\d\d (GMT|[-+]\d{4})')
CTIME = re.compile(rb'(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w\w\w [ \d]\d \d\d:\d\d:\d\d \d{4}')


def subs(args):
    out = []
    for a in args:
        old, _, new = a.partition('=')
        out.append((old.encode(), new.encode()))
    return out


def paths(data, pairs):
    for old, new in pairs:
        data = data.replace(old, new)
    return data


def queue(d, pairs):
    files = sorted(os.listdir(d)) if os.path.isdir(d) else []
    ids = {}
    out = []
    for f in files:
        m = re.match(r'^([a-zA-Z])f(\w+)$', f)
        if m:
            ids.setdefault(m.group(2), 'QID%d' % len(ids))
    for f in files:
        data = paths(open(os.path.join(d, f), 'rb').read(), pairs)
        for k, v in ids.items():
            data = data.replace(k.encode(), v.encode())
            f = f.replace(k, v)
        data = re.sub(rb'^([TK])\d+$', rb'\1<time>', data, flags=re.M)
        data = DATE.sub(b'<date>', data)
        data = re.sub(rb'<\d{12}\.', b'<STAMP.', data)
        data = re.sub(rb'(QID\d+)\.\d{9,}/', rb'\1.<time>/', data)   # MIME boundaries
        out.append(b'== ' + f.encode() + b'\n' + data)
    return b''.join(out)


def xlog(path, pairs):
    data = paths(open(path, 'rb').read(), pairs)
    data = re.sub(rb'^\d{5,} ', b'PID ', data, flags=re.M)
    data = DATE.sub(b'<date>', data)
    data = CTIME.sub(b'<ctime>', data)
    data = re.sub(rb'(?<![0-9A-Za-z])([dq]f)?[0-9A-Za-x]{8}\d{6,}\b', rb'\1QID', data)
    data = re.sub(rb'<\d{12}\.', b'<STAMP.', data)
    data = re.sub(rb'QID\.\d{9,}/', b'QID.<time>/', data)
    return data


if sys.argv[1] == '--xlog':
    sys.stdout.buffer.write(xlog(sys.argv[2], subs(sys.argv[3:])))
else:
    sys.stdout.buffer.write(queue(sys.argv[1], subs(sys.argv[2:])))
