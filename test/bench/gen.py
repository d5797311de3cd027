#!/usr/bin/env python3
"""gen.py - deterministic benchmark input for test/bench/run.sh: N addresses
(default 10000), each through `3,0` and `/parse`, in one -bt script on stdout.
Touches nothing (writes stdout)."""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
rnd = random.Random(4242)
locs = ["user", "first.last", "postmaster", "root", "a+b", '"q u"', "x%y", "h!u"]
doms = ["example.com", "vm.example.com", "vm", "mail.example.com", "[127.0.0.1]",
        "sub.example.org", "x.example.net", "relay.example.net", "localhost"]
forms = ["{l}@{d}", "{l}", "<{l}@{d}>", "Name <{l}@{d}>", "{l}@{d} (Comment)",
         "<@{d}:{l}@{d}>", "{d}!{l}", "{l}%{d}@{d}"]
out = sys.stdout
for i in range(n):
    f = rnd.choice(forms).format(l=rnd.choice(locs) + str(i % 97), d=rnd.choice(doms))
    out.write("3,0 %s\n/parse %s\n" % (f, f))
