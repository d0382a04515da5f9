"""Two processes give the result one gives (parallel.py, and `run --format json` over it).

The split is forced on small inputs (``min_items``, or ``parallel.MIN_ITEMS``
patched), so these tests fork even on the 6-2 spec.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from tgtcheck.cli import main
from tgtcheck.core import parallel
from tgtcheck.core.parallel import in_halves
from tgtcheck.formats import Options
from tgtcheck.formats.json_format import render_run
from tgtcheck.pipeline import load, run

from .conftest import ROOT, SPEC_6_2

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here: everything runs in one process")


def squares_with_pid(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(i * i, os.getpid()) for i in items]


def test_second_half_in_a_child(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TGTCHECK_JOBS", raising=False)
    monkeypatch.setattr(parallel, "_two_cpus", lambda: True)
    out = in_halves(squares_with_pid, list(range(10)), min_items=2)
    assert [v for v, _ in out] == [i * i for i in range(10)]
    pids = [p for _, p in out]
    assert set(pids[:5]) == {os.getpid()}
    assert len(set(pids[5:])) == 1 and pids[5] != os.getpid()  # the child's


def test_jobs_1_keeps_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TGTCHECK_JOBS", "1")
    out = in_halves(squares_with_pid, list(range(10)), min_items=2)
    assert {p for _, p in out} == {os.getpid()}


def test_short_lists_stay_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_two_cpus", lambda: True)
    out = in_halves(squares_with_pid, list(range(10)), min_items=11)
    assert {p for _, p in out} == {os.getpid()}


def test_a_failing_child_is_redone_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_two_cpus", lambda: True)
    parent = os.getpid()

    def fails_in_child(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("the child breaks")
        return [i + 1 for i in items]

    assert in_halves(fails_in_child, list(range(6)), min_items=2) == [1, 2, 3, 4, 5, 6]


def test_a_killed_child_is_redone_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_two_cpus", lambda: True)
    parent = os.getpid()

    def dies_in_child(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            os.kill(os.getpid(), 9)
        return [i + 1 for i in items]

    assert in_halves(dies_in_child, list(range(6)), min_items=2) == [1, 2, 3, 4, 5, 6]


SPECS = [SPEC_6_2, ROOT / "tests" / "cases" / "explain" / "rules" / "spec.tgt", *sorted((ROOT / "tests" / "cases" / "run").glob("*/spec.tgt"))]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.parent.name)
def test_run_json_split_is_the_one_process_document(spec: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`run --format json` through two processes writes what ``render_run`` writes in one, and exits the same."""
    result = run(load(str(spec)))
    assert result is not None
    expected = render_run(result, Options())
    failing = any(v.status.value in ("behind", "not_met") for v in result.verdicts)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    monkeypatch.setattr(parallel, "_two_cpus", lambda: True)
    forks = []
    fork = os.fork

    def counted_fork() -> int:
        pid = fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted_fork)
    code = main(["run", str(spec), "--format", "json"])
    assert capsys.readouterr().out == expected
    assert code == (1 if failing else 0)
    assert len(forks) == (1 if len(result.verdicts) >= 2 else 0)
