# Ironbox's TCK (SeccompContract): tries each system call a sandbox must not make and prints "name result" per line,
# result being "ok" or the errno's name. Arguments are chosen so that the kernel itself would NOT answer EPERM/ENOSYS
# (a bad fd, a bad command, NULL where a pointer belongs, or a call an unprivileged user may make): those answers can
# only come from the seccomp filter. Last, the ordinary things a sandbox must still do: fork, spawn, threads.
# Each probe runs in a forked child, so a call that got through does not change what the next one sees.
import ctypes, errno, os, platform, signal, struct, subprocess, threading

NUMBERS = {
    "x86_64": dict(clone=56, clone3=435, unshare=272, setns=308, keyctl=250, add_key=248, request_key=249,
                   bpf=321, userfaultfd=323, perf_event_open=298),
    "aarch64": dict(clone=220, clone3=435, unshare=97, setns=268, keyctl=219, add_key=217, request_key=218,
                    bpf=280, userfaultfd=282, perf_event_open=241),
}[platform.machine()]
CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET = 0x00020000, 0x10000000, 0x40000000

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


def raw(name, *args):
    ctypes.set_errno(0)
    return libc.syscall(ctypes.c_long(NUMBERS[name]), *[a if isinstance(a, ctypes.c_char_p) else ctypes.c_long(a)
                                                         for a in args])


def result(value):
    return "ok" if value >= 0 else errno.errorcode.get(ctypes.get_errno(), str(ctypes.get_errno()))


def forked(value):
    """A clone that got through: the child leaves at once, the parent reaps it."""
    if value == 0:
        os._exit(0)
    if value > 0:
        os.waitpid(value, 0)
    return result(value)


def clone3(flags):
    args = ctypes.create_string_buffer(struct.pack("=11Q", flags, 0, 0, 0, signal.SIGCHLD, 0, 0, 0, 0, 0, 0))
    return forked(libc.syscall(ctypes.c_long(NUMBERS["clone3"]), args, ctypes.c_long(88)))


def probe(name, attempt):
    """Each probe in a child of its own: a call that got through (a new namespace) must not change the next one's."""
    pid = os.fork()
    if pid == 0:
        try:
            outcome = attempt()
        except Exception as e:  # noqa: BLE001 - the line must say what happened
            outcome = "error:" + type(e).__name__
        print(name, outcome, flush=True)
        os._exit(0)
    os.waitpid(pid, 0)


probe("unshare-user", lambda: result(raw("unshare", CLONE_NEWUSER)))
probe("unshare-mount", lambda: result(raw("unshare", CLONE_NEWNS)))
probe("unshare-net", lambda: result(raw("unshare", CLONE_NEWNET)))
probe("setns", lambda: result(raw("setns", -1, 0)))
probe("clone-newuser", lambda: forked(raw("clone", CLONE_NEWUSER | signal.SIGCHLD, 0, 0, 0, 0)))
probe("clone-newns", lambda: forked(raw("clone", CLONE_NEWNS | signal.SIGCHLD, 0, 0, 0, 0)))
probe("clone-newnet", lambda: forked(raw("clone", CLONE_NEWNET | signal.SIGCHLD, 0, 0, 0, 0)))
probe("clone3-newuser", lambda: clone3(CLONE_NEWUSER))
probe("keyctl", lambda: result(raw("keyctl", 0x7fff, 0, 0, 0, 0)))
probe("add_key", lambda: result(raw("add_key", 0, 0, 0, 0, -2)))
probe("request_key", lambda: result(raw("request_key", 0, 0, 0, -2)))
probe("bpf", lambda: result(raw("bpf", 0x7fff, 0, 0)))
probe("userfaultfd", lambda: result(raw("userfaultfd", 0x7fffffff)))
probe("perf_event_open", lambda: result(raw("perf_event_open", 0, 0, -1, -1, -1)))

probe("clone-plain", lambda: forked(raw("clone", signal.SIGCHLD, 0, 0, 0, 0)))


def fork():
    pid = os.fork()
    if pid == 0:
        os._exit(7)
    return "ok" if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 7 else "wrong-exit"


def thread():
    seen = []
    t = threading.Thread(target=lambda: seen.append(threading.get_native_id()))
    t.start()
    t.join()
    return "ok" if seen and seen[0] != threading.get_native_id() else "no-thread"


probe("fork", fork)
probe("spawn", lambda: "ok" if subprocess.run(["sh", "-c", "exit 3"]).returncode == 3 else "wrong-exit")
probe("thread", thread)
