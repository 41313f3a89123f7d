"""Run the command line in this process and, at exit, write this process's peak RSS (VmHWM, kB) to the file
named by IZLEM_RSS_FILE.

VmHWM belongs to the process's own address space, which exec starts afresh. ``wait4``'s ru_maxrss does not:
Linux carries the forking parent's peak over exec, so a child of a large pytest process would report the
parent's size."""

import atexit
import os
import sys


def _report() -> None:
    try:
        with open("/proc/self/status") as fh:
            hwm = next(line.split()[1] for line in fh if line.startswith("VmHWM:"))
        with open(os.environ["IZLEM_RSS_FILE"], "w") as out:
            out.write(hwm)
    except (OSError, KeyError, StopIteration):
        pass


atexit.register(_report)
from izlem_audit.cli import main  # noqa: E402

sys.argv = ["izlem-audit", *sys.argv[1:]]
main()
