# pidwait.py - init of a private pid namespace for tests: optionally
# bind-mounts a private directory over /root, runs the command, then reaps
# every process the command left behind (forked deliveries and queue
# runners are re-parented to us) and exits with the command's status, so
# a run's effects are complete when it returns.
# Usage: unshare --pid --fork --mount-proc python3 pidwait.py [-r HOME] cmd...
import os, subprocess, sys
args = sys.argv[1:]
if args[:1] == ['-r']:
    home = args[1]
    # a tree that lives under /root itself (a clone in /root/x) stays
    # visible: its top directory is bound into the private home first
    cwd = os.getcwd()
    if cwd.startswith('/root/'):
        top = '/root/' + cwd.split('/')[2]
        keep = os.path.join(home, top[len('/root/'):])
        os.makedirs(keep, exist_ok=True)
        if subprocess.call(['mount', '--bind', top, keep]) != 0:
            sys.exit(71)
    if subprocess.call(['mount', '--rbind', home, '/root']) != 0:
        sys.exit(71)
    args = args[2:]
rc = subprocess.call(args)
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
sys.exit(rc if rc >= 0 else 128 - rc)
