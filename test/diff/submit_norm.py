#!/usr/bin/env python3
"""submit_norm.py DIR: print a normalised view of the queue directory DIR
(every qf then df, sorted by file kind) for t_submit.sh: queue IDs, T/K
times, dates and the $t stamp in headers and pids become fixed tokens."""
import os, re, sys

d = sys.argv[1]
files = sorted(os.listdir(d)) if os.path.isdir(d) else []
ids = {}
out = []
for f in files:
    m = re.match(r'^([a-zA-Z])f(\w+)$', f)
    if m:
        ids.setdefault(m.group(2), 'QID%d' % len(ids))
date = re.compile(rb'(Mon|Tue|Wed|Thu|Fri|Sat|Sun), +\d+ \w\w\w \d{4} \d\d:\d\d:\d\d (GMT|[-+]\d{4})')
for f in files:
    data = open(os.path.join(d, f), 'rb').read()
    for k, v in ids.items():
        data = data.replace(k.encode(), v.encode())
        f = f.replace(k, v)
    data = re.sub(rb'^([TK])\d+$', rb'\1<time>', data, flags=re.M)
    data = date.sub(b'<date>', data)
    data = re.sub(rb'<\d{12}\.', b'<STAMP.', data)
    out.append(b'== ' + f.encode() + b'\n' + data)
sys.stdout.buffer.write(b''.join(out))
