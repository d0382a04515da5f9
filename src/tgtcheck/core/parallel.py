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

``in_chunks(work, items)`` is the same idea for many items over every CPU (a
portfolio of specs): item ``i`` goes to process ``i % n``, with ``n`` from
``TGTCHECK_JOBS`` or the CPUs this process may use, and the results come back
in the order of the items, so the output never depends on the scheduling.
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


# -- many items over every CPU (a portfolio of specs) -----------------------------------------------------
MIN_SPECS = 8  # below this many specs, judging them is quicker than starting processes


def jobs() -> int:
    """How many processes may work: ``TGTCHECK_JOBS`` (a positive number; 1 turns the splitting off), else the CPUs this
    process may use."""
    wanted = os.environ.get("TGTCHECK_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        return int(wanted)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def in_chunks(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], min_items: int | None = None) -> list[R]:
    """``work(items)`` with the items dealt round-robin over ``jobs()`` processes (this one and forked children).

    Item ``i`` goes to process ``i % n``, so large items that sit together (a folder of big specs) are spread out;
    the results are put back in the order of ``items``, so the output is the same whatever the scheduling and however
    many processes there are.  ``work`` must be per item (``len(work(xs)) == len(xs)``).  A child that fails in any way
    has its share computed here, as ``in_halves`` does.
    """
    n = min(jobs(), len(items))
    if n < 2 or len(items) < max(MIN_SPECS if min_items is None else min_items, 2) or not hasattr(os, "fork"):
        return work(items)
    import pickle

    children: list[tuple[int, int, int]] = []  # (share, pid, read end)
    for share in range(1, n):
        try:
            read_end, write_end = os.pipe()
            pid = os.fork()
        except OSError:  # no more processes or descriptors: this process does the share
            break
        if pid == 0:
            code = 1
            try:
                os.close(read_end)
                for _, _, other in children:  # the pipes of earlier children are not this child's to hold open
                    os.close(other)
                payload = pickle.dumps(work(items[share::n]), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        children.append((share, pid, read_end))
    started = {share for share, _, _ in children}
    shares: dict[int, list[R]] = {}
    payloads: dict[int, bytes | None] = {}
    try:
        shares[0] = work(items[0::n])
        for share in range(1, n):
            if share not in started:
                shares[share] = work(items[share::n])
    finally:  # even when this process's share raised: no child is left a zombie
        for share, pid, read_end in children:
            with os.fdopen(read_end, "rb") as pipe:
                sent = pipe.read()  # until the child closes its end
            _, status = os.waitpid(pid, 0)
            payloads[share] = sent if status == 0 and sent else None
    for share, got in payloads.items():
        result: list[R] | None = None if got is None else pickle.loads(got)  # noqa: S301 - our own child's output
        shares[share] = result if result is not None and len(result) == len(items[share::n]) else work(items[share::n])
    out: list[R] = [None] * len(items)  # type: ignore[list-item]
    for share, results in shares.items():
        out[share::n] = results
    return out
