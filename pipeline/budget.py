"""Budgets for one worker process: a memory cap, a clock that ends a file past its time, death with the parent."""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import TimeLimit

GIB = 1 << 30
PR_SET_PDEATHSIG = 1
_in_worker = False  # set in pool workers: only there may a stuck file end the process


class Overtime(BaseException):
    """Raised when a file has run past its time limit and the grace after it: ends the file, whatever stage it is in.

    A BaseException, so the stages' `except Exception` (which keep a bad page or stage from costing
    the rest) do not swallow it."""


def default_memory_limit(jobs: int) -> int:
    """Bytes of address space a worker may take: a quarter of the machine's memory shared among the
    workers, between 1 and 4 GiB (a worker reading the whole corpus peaks near 0.5 GiB)."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        total = 8 * GIB
    return int(min(4 * GIB, max(GIB, total // max(1, jobs) // 4)))


def _address_space() -> int:
    """Bytes of address space this process holds now (what a forked worker inherits from its parent)."""
    try:
        with open("/proc/self/status") as fh:
            return next(int(ln.split()[1]) * 1024 for ln in fh if ln.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        return 0


def limit_worker(memory_limit: int | None, parent: int) -> None:
    """Pool initializer: cap the address space the worker may add to what it inherited, and have the
    kernel kill it when its parent dies."""
    global _in_worker
    _in_worker = True
    if memory_limit:
        cap = _address_space() + memory_limit
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or cap < hard:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the kernel was told to kill this worker with it
        os._exit(1)


def grace(time_limit: float) -> float:
    """Seconds a file may run past its time limit (to finish the stages after reading) before it is given up."""
    return min(60.0, max(5.0, time_limit / 2))


@contextmanager
def deadline(time_limit: float | None) -> Iterator[None]:
    """Within the block: TimeLimit is raised at `time_limit` seconds (inside a page, not only between pages),
    Overtime at `time_limit` + grace; a process stuck in a library call past twice the grace is killed,
    which the writer records as a crashed file (in pool workers only). Only the main thread can take signals; elsewhere
    (a thread of a Dask worker) the block runs with the checks between pages only."""
    if not time_limit or time_limit <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    extra = grace(time_limit)
    fired: list[str] = []

    def on_alarm(signum, frame):
        if not fired:
            fired.append("soft")
            signal.setitimer(signal.ITIMER_REAL, extra)
            raise TimeLimit(f"the time limit of {time_limit:g} s was reached")
        raise Overtime(f"the time limit of {time_limit:g} s and {extra:g} s of grace were passed")

    # A library call (PDFium parsing a page) holds off Python signals until it returns: the process ends then.
    killer = threading.Timer(time_limit + 2 * extra, os.kill, (os.getpid(), signal.SIGKILL)) if _in_worker else None
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, time_limit)
    if killer:
        killer.daemon = True
        killer.start()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if killer:
            killer.cancel()
