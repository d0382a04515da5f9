"""A portfolio: several specs judged in one run, each with its own data, and their combined result.

A ministry keeps one spec per policy measure and checks them together (``tgtcheck run specs/``).
Each spec is loaded, checked and judged on its own, exactly as ``tgtcheck run SPEC`` would (its
``data`` clause, its years, its errors), and becomes an ``Outcome``: its part of the output, already
written by the chosen format (``portfolio_piece``), and the few facts the combined result needs
(statuses, judgement, error count).  Writing each spec's part as soon as it is judged keeps nothing
of its tree or verdicts, makes the per-spec global state (calendar years) right for its own part,
and lets the specs be judged in several processes (``parallel.in_chunks``): only the outcomes
travel back, in the order of the files, so the output is the same byte for byte whatever the
number of processes.

The combined result (``Portfolio``): per spec, then an overall count (specs judged and not,
policy judgements, target statuses), in English and Japanese; the exit code is the worst of
the specs' (2 when any spec could not be judged, else 1 when a target fails, else 0).
A spec with an error is not judged, but the others are, and all are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..core.diagnostics import Diagnostic
from ..data.dataset import Dataset
from ..judging.assessment import WORDS as ASSESSMENT_WORDS
from ..judging.evaluate import Status
from ..judging.recorded import final_status
from . import Loaded, RunResult


class Format(Protocol):
    def portfolio_piece(self, loaded: Loaded, result: RunResult | None, sources: dict[str, list[str]], opts: Any) -> Any: ...


@dataclass(frozen=True)
class Outcome:
    """One spec of a portfolio: its part of the output and what the combined result counts."""

    spec_file: str
    piece: Any  # the format's part for this spec (text, or a JSON-able value): plain, so it pickles fast
    judged: bool  # evaluated: the spec and its data had no error
    policy: str | None = None  # the policy's id
    assessment: str | None = None  # the policy's judgement (assessment key)
    statuses: tuple[str, ...] = ()
    errors: int = 0
    warnings: int = 0
    stderr: str = ""  # notices and diagnostics as text, written to stderr in the order of the specs


@dataclass(frozen=True)
class Portfolio:
    outcomes: list[Outcome]
    diagnostics: list[Diagnostic] = field(default_factory=list)  # found while reading the folders (TGT503-505)
    as_of: int | None = None  # --as-of, if given (each spec is judged in it, else in its data's latest year)

    def target_counts(self) -> dict[str, int]:
        counts = dict.fromkeys((s.value for s in Status), 0)
        for o in self.outcomes:
            for s in o.statuses:
                counts[s] += 1
        return counts

    def assessment_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ASSESSMENT_WORDS, 0)
        for o in self.outcomes:
            if o.assessment is not None:
                counts[o.assessment] = counts.get(o.assessment, 0) + 1  # "score": a `rollup score` policy's grade
        return counts

    @property
    def judged(self) -> int:
        return sum(1 for o in self.outcomes if o.judged)

    @property
    def errors(self) -> int:
        return sum(o.errors for o in self.outcomes) + sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return sum(o.warnings for o in self.outcomes) + sum(1 for d in self.diagnostics if not d.is_error)

    def summary(self) -> dict[str, Any]:
        """The overall count as data (the JSON document's ``summary``)."""
        return {"specs": len(self.outcomes), "judged": self.judged, "not_judged": len(self.outcomes) - self.judged,
                "assessments": self.assessment_counts(), "targets": self.target_counts(),
                "errors": self.errors, "warnings": self.warnings}

    def exit_code(self, fail_on: frozenset[str], exit_zero: bool) -> int:
        """The worst of the specs': 2 when one could not be judged (or a folder could not be read), else 1 when a target
        fails (0 with --exit-zero), else 0."""
        if self.errors or self.judged != len(self.outcomes):
            return 2
        failing = any(s in fail_on for o in self.outcomes for s in o.statuses)
        return 1 if failing and not exit_zero else 0

    def overall(self, lang: str) -> list[str]:
        """The overall count in words, one line each: specs, policy judgements, target statuses."""
        from ..judging.wording import status_word

        ja = lang == "ja"
        n, judged = len(self.outcomes), self.judged
        if ja:
            specs = f"全体：仕様 {n} 件（判定 {judged} 件" + (f"、エラーで判定できず {n - judged} 件）" if n > judged else "）")
            sep = "、"
        else:
            specs = (f"portfolio: {n} spec{'s' if n != 1 else ''}, {judged} judged"
                     + (f", {n - judged} not judged (errors)" if n > judged else ""))
            sep = ", "
        judgements = sep.join(f"{_JUDGEMENT_WORDS.get(k, ASSESSMENT_WORDS.get(k, (k, k)))[ja]} {c}"
                              for k, c in self.assessment_counts().items() if c) or "-"
        targets = sep.join(f"{status_word(Status(k), lang)} {c}" for k, c in self.target_counts().items() if c) or "-"
        if ja:
            return [specs, f"総合判定の内訳：{judgements}", f"達成目標の内訳：{targets}"]
        return [specs, f"policies: {judgements}", f"targets: {targets}"]


# a `rollup score` policy's judgement is a grade of its own scale: counted together, named as such
_JUDGEMENT_WORDS = {"score": ("graded on its scale (rollup score)", "区分の平均点による評価")}


def judge(files: list[str], fmt: Format, opts: Any, as_of: int | None,
          data_loader: Callable[[str], tuple[Dataset | None, list[Diagnostic]]] | None,
          describe: Callable[[Loaded], tuple[dict[str, list[str]], str]]) -> list[Outcome]:
    """Each spec loaded with its own data, judged as of ``as_of`` and written by ``fmt``, over every CPU for many specs.

    ``describe`` gives the lines of the files a spec's diagnostics point into, and its notices and diagnostics as text
    for stderr (the command's choice of colour and language)."""
    from ..core.parallel import in_chunks

    def work(chunk: Any) -> list[Outcome]:
        return [_outcome(spec, fmt, opts, as_of, data_loader, describe) for spec in chunk]

    return in_chunks(work, files)


def _outcome(spec: str, fmt: Format, opts: Any, as_of: int | None,
             data_loader: Callable[[str], tuple[Dataset | None, list[Diagnostic]]] | None,
             describe: Callable[[Loaded], tuple[dict[str, list[str]], str]]) -> Outcome:
    from . import load, run

    loaded = load(spec, None, data_loader=data_loader)
    result = run(loaded, as_of) if loaded.ok else None  # run adds TGT402/403 for --as-of
    sources, stderr = describe(loaded)
    piece = fmt.portfolio_piece(loaded, result, sources, opts)
    errors = sum(1 for d in loaded.diagnostics if d.is_error)
    return Outcome(
        spec, piece, result is not None, loaded.spec.policy.id if loaded.spec else None,
        result.assessment.key if result else None, tuple(final_status(v).value for v in result.verdicts) if result else (),
        errors, len(loaded.diagnostics) - errors, stderr)
