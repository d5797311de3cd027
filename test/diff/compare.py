#!/usr/bin/env python3
"""compare.py - compare two `sendmail -bt` transcripts command by command.

Part of the Osprey differential tests (test/diff/run.sh).  Touches nothing:
reads the input script and the captured stdout/stderr/exit status of the
reference and of Osprey, prints PASS/FAIL lines and per-cf statistics.

-bt prints the prompt "> " (no newline) before reading each input line, so
the output of a command starts on the prompt's line.  We split stdout into
segments, one per line read: the startup text before the first prompt, one
segment per line read (sendmail reads at most 2048 bytes at a time, so an
over-long line is several reads), and whatever follows the last prompt.

A prompt is searched only at the start of a line (or right after the previous
prompt), except after `/expand`, whose output has no trailing newline.

Exclusions: an input line "# diff-skip-next: <reason>" makes the NEXT
command's segment not count (it is still run); the reason is mandatory.

Usage:
  compare.py pairs OUTDIR LISTFILE      LISTFILE lines: "cf in infile"
  compare.py show OUTDIR CF IN INFILE   full diff of one pair
  compare.py classes OUTDIR LISTFILE    group differences by command kind
"""
import difflib
import os
import sys

READ_CHUNK = 2048      # bytes per -bt read (measured on the reference)


def reads_of(script):
    """Split the input script into the lines -bt reads (bytes)."""
    out = []
    pos = 0
    while pos < len(script):
        nl = script.find(b"\n", pos, pos + READ_CHUNK)
        end = nl + 1 if nl >= 0 else min(pos + READ_CHUNK, len(script))
        out.append(script[pos:end].rstrip(b"\n"))
        pos = end
    return out


def next_prompt(data, start, cmd):
    """Position of the prompt that ends the output of cmd started at start."""
    if cmd.lstrip().startswith(b"/expand"):
        q = data.find(b"> ", start)
        return q if q >= 0 else len(data)
    if data.startswith(b"> ", start):
        return start
    q = data.find(b"\n> ", start)
    return q + 1 if q >= 0 else len(data)


def segments(data, cmds):
    """Return [startup, seg(cmd1), ..., seg(cmdN), trailer]; None = missing."""
    if data.startswith(b"> "):
        p = 0
    else:
        p = data.find(b"\n> ")
        p = p + 1 if p >= 0 else len(data)
    segs = [data[:p]]
    for c in cmds:
        if p >= len(data):
            segs.append(None)
            continue
        start = p + 2
        q = next_prompt(data, start, c)
        segs.append(data[start:q])
        p = q
    segs.append(data[p + 2:] if p < len(data) else b"")
    return segs


def skipped(cmds):
    """Indexes of commands excluded by a preceding diff-skip-next comment."""
    skip = set()
    for i, c in enumerate(cmds):
        if c.lstrip().startswith(b"# diff-skip-next:"):
            if not c.split(b":", 1)[1].strip():
                raise SystemExit("diff-skip-next without a reason: %r" % c)
            skip.add(i + 1)
    return skip


def load(prefix):
    res = {}
    for ext in ("out", "err", "rc"):
        try:
            with open(prefix + "." + ext, "rb") as f:
                res[ext] = f.read()
        except OSError:
            res[ext] = b"" if ext != "rc" else b"missing"
    res["rc"] = res["rc"].strip()
    return res


def compare_pair(outdir, cf, inname, infile):
    """Return (ncmds, nsame, first_bad_desc, details list)."""
    with open(infile, "rb") as f:
        cmds = reads_of(f.read())
    base = os.path.join(outdir, "res", cf, inname)
    ref, ours = load(base + ".ref"), load(base + ".ours")
    rs, os_ = segments(ref["out"], cmds), segments(ours["out"], cmds)
    skip = skipped(cmds)
    labels = ["(startup)"] + [c.decode("latin-1") for c in cmds] + ["(eof)"]
    ncmd = nsame = 0
    bad = []
    for i, (a, b) in enumerate(zip(rs, os_)):
        if 1 <= i <= len(cmds):
            if (i - 1) in skip:
                continue
        ncmd += 1
        if a == b:
            nsame += 1
        else:
            bad.append((labels[i], a, b))
    for what in ("err", "rc"):
        ncmd += 1
        if ref[what] == ours[what]:
            nsame += 1
        else:
            bad.append(("(std%s)" % what if what == "err" else "(exit status)",
                        ref[what], ours[what]))
    return ncmd, nsame, bad


def short(s, n=60):
    s = s.replace("\n", "\\n")
    return s if len(s) <= n else s[:n] + "..."


def first_diff_line(a, b):
    la = (a or b"").decode("latin-1").split("\n")
    lb = (b or b"").decode("latin-1").split("\n") if b is not None else ["<missing>"]
    for x, y in zip(la, lb):
        if x != y:
            return "ref %r ours %r" % (short(x, 70), short(y, 70))
    if len(la) != len(lb):
        return "ref %d lines, ours %d lines" % (len(la), len(lb))
    return "differs"


def cmd_pairs(outdir, listfile):
    stats = {}
    nfail = 0
    with open(listfile) as f:
        pairs = [ln.split() for ln in f if ln.strip()]
    for cf, inname, infile in pairs:
        ncmd, nsame, bad = compare_pair(outdir, cf, inname, infile)
        st = stats.setdefault(cf, [0, 0, 0, 0])
        st[0] += 1
        st[1] += ncmd
        st[2] += nsame
        if not bad:
            st[3] += 1
            print("PASS diff/%s/%s" % (cf, inname))
            continue
        nfail += 1
        lab, a, b = bad[0]
        print("FAIL diff/%s/%s: %d of %d commands differ; first: %s: %s"
              % (cf, inname, len(bad), ncmd, short(lab, 50), first_diff_line(a, b)))
    lines = ["%-14s %6s %6s %9s %9s %7s" % ("cf", "pairs", "passed", "commands", "identical", "pct")]
    tot = [0, 0, 0, 0]
    for cf in sorted(stats):
        st = stats[cf]
        tot = [x + y for x, y in zip(tot, st)]
        lines.append("%-14s %6d %6d %9d %9d %6.2f%%" % (cf, st[0], st[3], st[1], st[2],
                                                    100.0 * st[2] / max(st[1], 1)))
    lines.append("%-14s %6d %6d %9d %9d %6.2f%%" % ("TOTAL", tot[0], tot[3], tot[1], tot[2],
                                                  100.0 * tot[2] / max(tot[1], 1)))
    with open(os.path.join(outdir, "summary.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("summary (" + os.path.join(outdir, "summary.txt") + "):")
    for ln in lines:
        print("  " + ln)
    return 0


def cmd_show(outdir, cf, inname, infile):
    ncmd, nsame, bad = compare_pair(outdir, cf, inname, infile)
    print("diff/%s/%s: %d of %d commands identical" % (cf, inname, nsame, ncmd))
    for lab, a, b in bad:
        print("=" * 72)
        print("command: %s" % lab)
        la = (a or b"").decode("latin-1").splitlines(True)
        lb = ["<missing segment>\n"] if b is None else b.decode("latin-1").splitlines(True)
        sys.stdout.writelines(difflib.unified_diff(la, lb, "reference", "osprey", n=2))
        if la and not la[-1].endswith("\n") or lb and not lb[-1].endswith("\n"):
            print("\n(no newline at end of a segment)")
    return 1 if bad else 0


def verb(label):
    """Command class of a segment label: first word, shortened."""
    if label.startswith("("):
        return label
    w = label.split()[0] if label.split() else "(empty)"
    for pre in ("=S", "$=", "${", ".D", ".C", "-d"):
        if w.startswith(pre):
            return pre
    if w.startswith("$"):
        return "$x"
    return w if len(w) < 24 else w[:24]


def cmd_classes(outdir, listfile):
    """Group differing segments by command class; show counts and an example."""
    groups = {}
    with open(listfile) as f:
        pairs = [ln.split() for ln in f if ln.strip()]
    for cf, inname, infile in pairs:
        _, _, bad = compare_pair(outdir, cf, inname, infile)
        for lab, a, b in bad:
            g = groups.setdefault(verb(lab), [0, set(), None])
            g[0] += 1
            g[1].add(cf)
            if g[2] is None:
                g[2] = (cf, inname, lab, first_diff_line(a, b))
    print("difference classes (command kind: segments differing, cfs, example):")
    for k, (n, cfs, ex) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
        print("  %-12s %5d  in %d cf(s)  e.g. diff/%s/%s  %s => %s"
              % (k, n, len(cfs), ex[0], ex[1], short(ex[2], 50), ex[3]))
    return 0


def main(argv):
    if len(argv) >= 4 and argv[1] == "pairs":
        return cmd_pairs(argv[2], argv[3])
    if len(argv) >= 4 and argv[1] == "classes":
        return cmd_classes(argv[2], argv[3])
    if len(argv) >= 6 and argv[1] == "show":
        return cmd_show(argv[2], argv[3], argv[4], argv[5])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
