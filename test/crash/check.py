#!/usr/bin/env python3
"""check.py - the crash test's verdict for one MTA directory (after the
kills and a final queue run): every acknowledged message (run/acked) must be
delivered (mbox/new/*, one file per delivery written by the test mailer
through tmp + rename) or still queued (a qf in q/ carrying its X-Crash-Id);
every delivered copy of an acknowledged message must be intact (stumps
cut short because the MTA was killed while piping to the mailer, which then
sees end-of-file, are counted apart: truncated_by_kill) (its body equal to the generated one);
duplicates are counted; the queue must hold no tf/xf leftovers and no qf
without df. Prints one summary line "key=value ..." and, with -v, details.
Touches nothing. Usage: check.py DIR [-v]
"""
import os
import re
import sys

ID = re.compile(rb'^X-Crash-Id: (\d+)$', re.M)


def body_of(n):
    return b''.join(b'line %d of message %d, padding padding padding padding\n' % (k, n)
                    for k in range(40))


def main():
    d = sys.argv[1]
    verbose = '-v' in sys.argv
    acked = set()
    p = os.path.join(d, 'run', 'acked')
    if os.path.exists(p):
        acked = {int(x) for x in open(p).read().split()}
    delivered = {}
    badcopy = []
    truncated = []
    garbled = []
    bounced = set()
    new = os.path.join(d, 'mbox', 'new')
    for f in sorted(os.listdir(new)) if os.path.isdir(new) else []:
        data = open(os.path.join(new, f), 'rb').read()
        head, _, body = data.partition(b'\n\n')
        m = ID.search(head)
        if not m:
            if b'MAILER-DAEMON' in head:
                for x in ID.findall(body):
                    bounced.add(int(x))
                continue
            # no complete header: the MTA died while piping it to the mailer,
            # which saw end-of-file (any pipe mailer delivers such a stump)
            truncated.append(f)
            continue
        n = int(m.group(1))
        delivered[n] = delivered.get(n, 0) + 1
        if body != body_of(n) and body_of(n).startswith(body):
            truncated.append(f)
            delivered[n] -= 1
            if not delivered[n]:
                del delivered[n]
            continue
        if body != body_of(n):
            # a submission killed before it was acknowledged may legitimately
            # be delivered in part (the reference does: "No Message Collected")
            (badcopy if n in acked else garbled).append((f, n))
            continue
    # an acknowledged message delivered garbled: a corrupt delivery when no
    # intact copy exists, else a garbled duplicate (the reference does this:
    # a queue run killed between unlinking df and qf; the next run sends the
    # qf with "<<< No Message Collected >>>")
    corrupt = [f for f, n in badcopy if n not in delivered]
    garbled_dup = [f for f, n in badcopy if n in delivered]
    garbled = [f for f, n in garbled]
    q = os.path.join(d, 'q')
    names = os.listdir(q) if os.path.isdir(q) else []
    queued = set()
    for f in names:
        if f.startswith('qf'):
            m = ID.search(open(os.path.join(q, f), 'rb').read().replace(b'H??X-Crash-Id', b'X-Crash-Id'))
            if m:
                queued.add(int(m.group(1)))
    qf = {f[2:] for f in names if f.startswith('qf')}
    df = {f[2:] for f in names if f.startswith('df')}
    leftovers = [f for f in names if f[:2] in ('tf', 'xf')]
    # anything else (temporary files of a killed process, e.g. .xf.<pid>)
    others = [f for f in names if f[:2] not in ('tf', 'xf', 'qf', 'df')]
    tmp = os.path.join(d, 'mbox', 'tmp')
    lost = sorted(acked - set(delivered) - queued)
    dups = sum(c - 1 for c in delivered.values())
    unacked_delivered = sorted(set(delivered) - acked)
    trials = 0
    tp = os.path.join(d, 'run', 'trials')
    if os.path.exists(tp):
        trials = len(open(tp).read().splitlines())
    print('trials=%d acked=%d delivered=%d queued=%d lost=%d duplicates=%d corrupt=%d '
          'garbled_duplicates=%d truncated_by_kill=%d bounced=%d unacked_delivered=%d unacked_garbled=%d qf_without_df=%d df_without_qf=%d tf_xf_left=%d '
          'other_files_left=%d mailer_tmp_left=%d' % (
              trials, len(acked), len(delivered), len(queued), len(lost), dups, len(corrupt), len(garbled_dup), len(truncated),
              len(bounced), len(unacked_delivered), len(garbled), len(qf - df), len(df - qf), len(leftovers), len(others),
              len(os.listdir(tmp)) if os.path.isdir(tmp) else 0))
    if verbose:
        print('lost:', lost[:50])
        print('corrupt:', corrupt[:20])
        print('garbled duplicates:', garbled_dup[:20])
        print('truncated (MTA killed while piping):', truncated[:20])
        print('unacknowledged, delivered garbled:', garbled[:20])
        print('bounced:', sorted(bounced)[:50])
        print('qf without df:', sorted(qf - df)[:20], 'df without qf:', sorted(df - qf)[:20])
        print('tf/xf:', leftovers[:20])
        print('other files in the queue:', others[:20])


main()
