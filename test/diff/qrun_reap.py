import ctypes, os, sys, time
libc = ctypes.CDLL(None, use_errno=True)
libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
t0 = time.time()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, st = os.waitpid(pid, 0)
t1 = time.time()
rc = os.waitstatus_to_exitcode(st)
n = 0
while True:
    try:
        os.wait(); n += 1
    except ChildProcessError:
        break
sys.stderr.write("[reap rc=%d first=%.2f orphans=%d all=%.2f]\n" % (rc, t1 - t0, n, time.time() - t0))
sys.exit(rc)
