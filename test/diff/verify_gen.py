#!/usr/bin/env python3
# verify_gen.py - seeded random alias graphs for t_verify.sh: writes an
# aliases source, :include: files and .forward files under DIR (random
# lists, nesting, loops, includes, programs, files, error: entries,
# owner- lists, -request names, existing system users and unknown ones,
# unsafe file modes) and prints the -bv case lines (one per line, in
# t_verify.sh's format, "CF=rnd" prefixed) on stdout.
# Touches only DIR. Usage: verify_gen.py DIR SEED NCASES
import os
import random
import sys


def main():
    d, seed, ncases = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    r = random.Random(seed)
    for sub in ('inc', 'fwd'):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
        os.chmod(os.path.join(d, sub), 0o755)
    os.chmod(d, 0o755)
    sysusers = ['root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp',
                'mail', 'news', 'uucp', 'proxy', 'www-data', 'backup', 'list',
                'irc', 'nobody', 'postgres', 'cloudsdk']
    unknown = ['ghost', 'nosuchuser', 'x123', 'Root', 'DAEMON', '0']
    nal = r.randint(8, 30)
    names = ['a%d' % i for i in range(nal)]
    ninc = r.randint(1, 6)
    incs = ['i%d' % i for i in range(ninc)]

    def elem(depth=0):
        k = r.random()
        if k < 0.30:
            return r.choice(names)
        if k < 0.50:
            return r.choice(sysusers)
        if k < 0.56:
            return r.choice(unknown)
        if k < 0.62:
            return '"|/bin/prog%d"' % r.randint(0, 3)
        if k < 0.67:
            return '/tmp/file%d' % r.randint(0, 3)
        if k < 0.74:
            return ':include:%s/inc/%s' % (d, r.choice(incs + ['missing']))
        if k < 0.78:
            return 'u%d@example.com' % r.randint(0, 3)
        if k < 0.82:
            return '\\' + r.choice(sysusers + unknown)
        if k < 0.85:
            return r.choice(names) + '+d%d' % r.randint(0, 2)
        if k < 0.88:
            return r.choice(sysusers) + '@vm.example.com'
        if k < 0.90:
            return '"%s"' % r.choice(sysusers)
        if k < 0.92:
            return 'owner-' + r.choice(names)
        return r.choice(names + sysusers)

    def rhs(lo=1, hi=5):
        return ', '.join(elem() for _ in range(r.randint(lo, hi)))

    lines = []
    for n in names:
        k = r.random()
        if k < 0.06:
            lines.append('%s: error:nouser No such list %s' % (n, n))
        elif k < 0.10:
            lines.append('%s: %s' % (n, n))            # self
        else:
            lines.append('%s: %s' % (n, rhs()))
        if r.random() < 0.25:
            v = r.choice([r.choice(sysusers), rhs(1, 2), n + '-request'])
            lines.append('owner-%s: %s' % (n, v))
        if r.random() < 0.15:
            lines.append('%s-request: %s' % (n, r.choice(sysusers)))
    if r.random() < 0.5:
        lines.append('owner-owner: %s' % r.choice(sysusers))
    if r.random() < 0.4:
        lines.append('%s: %s' % (r.choice(sysusers), rhs(1, 3)))
    r.shuffle(lines)
    with open(os.path.join(d, 'aliases'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    for i in incs:
        p = os.path.join(d, 'inc', i)
        with open(p, 'w') as f:
            for _ in range(r.randint(0, 4)):
                f.write(r.choice(['', '# c\n', '']) + rhs(1, 3) + '\n')
        os.chmod(p, r.choice([0o644] * 6 + [0o664, 0o666, 0o600]))
    for u in r.sample(sysusers, r.randint(2, 8)):
        p = os.path.join(d, 'fwd', u)
        with open(p, 'w') as f:
            f.write(rhs(1, 3) + '\n')
        os.chmod(p, r.choice([0o644] * 6 + [0o664, 0o666]))
    senders = sysusers + ['joe@example.com', 'ghost']
    for _ in range(ncases):
        members = [r.choice(names + sysusers + unknown) for _ in range(r.randint(1, 3))]
        if r.random() < 0.1:
            members.append('"%s"' % ', '.join(r.choice(names) for _ in range(2)))
        flags = ['-bv']
        if r.random() < 0.6:
            flags.append('-v')
        if r.random() < 0.08:
            flags.append('-n')
        if r.random() < 0.15:
            flags += ['-OMeToo=false', '-f', r.choice(senders)]
        if r.random() < 0.05:
            flags.append('-OMaxAliasRecursion=%d' % r.randint(1, 4))
        args = ' '.join(flags + ["'%s'" % m.replace("'", '') for m in members])
        print('CF=rnd%d -OAliasFile=%s/aliases %s' % (seed, d, args))


main()
