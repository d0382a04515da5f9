"""Work on a long list in two processes: the second half in a forked child.

What it is for: a large spec's targets are judged and written one by one,
independently, and on a 2-core CI runner the second core would otherwise
sit idle while one core does all of them.  ``in_halves(work, items)``
returns ``work(items)``; when the list is long and a second CPU and
``os.fork`` are there, a child process computes ``work(items[half:])`` and
sends it back pickled through a pipe while this process computes the first
half.  The child is a fork, so it already has everything (the tree, the
data, the evaluator) without pickling any of it; only the results travel,
and they should be plain (text, names), which pickle fast.

It changes no result: ``work`` over a list must be the concatenation of
``work`` over its halves, which holds for per-item work.  If the child
fails in any way (an exception, a signal, a broken pipe), this process
computes the second half itself, so a result is never lost, only slower.
``TGTCHECK_JOBS=1`` turns the split off (to profile, or to debug); any
other value, or none, lets it split.  The child leaves with ``os._exit``:
it runs no clean-up of its parent's (atexit handlers, stdio buffers).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 2000  # below this, a fork and a pipe cost more than half the work saves


def in_halves(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], min_items: int | None = None) -> list[R]:
    """``work(items)``, the second half computed by a forked child when that is worth it (``min_items``: MIN_ITEMS)."""
    if len(items) < max(MIN_ITEMS if min_items is None else min_items, 2) or not _two_cpus():
        return work(items)
    import pickle  # here: a run that does not split never pays for importing it

    half = len(items) // 2
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:  # no more processes or descriptors: one process does it all
        return work(items)
    if pid == 0:  # the child: compute, send, leave without running anything of the parent's
        code = 1
        try:
            os.close(read_end)
            payload = pickle.dumps(work(items[half:]), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        first = work(items[:half])
    finally:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()  # until the child closes its end
        _, status = os.waitpid(pid, 0)
    if status == 0 and payload:
        second: list[R] = pickle.loads(payload)  # noqa: S301 - our own child's output, through our own pipe
    else:
        second = work(items[half:])
    return first + second


def _two_cpus() -> bool:
    if not hasattr(os, "fork") or os.environ.get("TGTCHECK_JOBS", "").strip() == "1":
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2  # the CPUs this process may use (a container's share)
    except AttributeError:  # not on Linux
        return (os.cpu_count() or 1) >= 2
