# pidwait.py - init of a private pid namespace for tests: optionally
# bind-mounts a private directory over /root, runs the command, then reaps
# every process the command left behind (forked deliveries and queue
# runners are re-parented to us) and exits with the command's status, so
# a run's effects are complete when it returns.
# Usage: unshare --pid --fork --mount-proc python3 pidwait.py [-r HOME] cmd...
import os, subprocess, sys
args = sys.argv[1:]
if args[:1] == ['-r']:
    if subprocess.call(['mount', '--bind', args[1], '/root']) != 0:
        sys.exit(71)
    args = args[2:]
rc = subprocess.call(args)
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
sys.exit(rc if rc >= 0 else 128 - rc)
