"""Roll-ups: how the targets' verdicts become the policy's judgement (``rollup`` in the policy header).

- ``sheet`` (the default): the evaluation sheets' rule over every target
  (``assessment.assess_statuses``: 順調に進捗, 概ね順調に進捗 …).
- ``main``: the same rule over the targets marked ``main`` / ``主要`` only
  (MIC's 主要な測定指標: the sheet's judgement rests on them); the checker
  requires at least one (TGT250).
- ``score``: the mean of the graded targets' scores on the rating scale
  (each grade's ``score N``), exact, rounded to the nearest score a grade
  of the scale has; a mean exactly halfway between two scores goes to the
  lower one (never rounds a policy up); of grades with the same score, the
  first written.  Targets without a grade are left out and counted.  The
  judgement is that grade's label, as Eurostat summarises a goal by its
  indicators' categories.  No graded target: not assessable.

The inputs are the statuses, the main marks and the grade names, in the
targets' order: what a run written target by target (``pipeline.run_pieces``)
keeps of each verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ..language.nodes import Scale, Spec
from .assessment import Assessment, assess_statuses
from .scales import rating_of, resolve
from .verdict import Status

_FAILING = (Status.BEHIND, Status.NOT_MET)


def roll_up(spec: Spec, statuses: Sequence[Status], mains: Sequence[bool], grades: Sequence[str | None], as_of: int,
            due: int | None, recorded: int = 0, recorded_differs: int = 0) -> Assessment:
    """The policy's judgement by the spec's roll-up; ``statuses`` are those counted (a recorded judgement's where a
    target has one), ``recorded`` and ``recorded_differs`` say how many were recorded (the judgement's note)."""
    how = spec.policy.rollup or "sheet"
    noted = (recorded, recorded_differs)
    if how == "main":
        chosen = [s for s, main in zip(statuses, mains, strict=False) if main]
        judged = assess_statuses(chosen, as_of, due)
        counts = assess_statuses(list(statuses), as_of, due).counts
        return Assessment(judged.key, counts, *noted, rollup="main", over=len(chosen))
    scale = resolve(spec)
    if how == "score" and scale is not None:
        return _by_score(scale, statuses, grades, as_of, due, noted)
    return assess_statuses(list(statuses), as_of, due, recorded, recorded_differs)


def _by_score(scale: Scale, statuses: Sequence[Status], grades: Sequence[str | None], as_of: int, due: int | None,
              noted: tuple[int, int]) -> Assessment:
    counts = assess_statuses(list(statuses), as_of, due).counts
    scores = {g.id: g.score.fraction for g in scale.grades if g.score is not None}
    lowest = min(scores.values(), default=None)
    taken, floored = [], 0
    for status, g in zip(statuses, grades, strict=False):
        if g is not None and g in scores:
            taken.append(scores[g])
        elif status in _FAILING and lowest is not None:
            # behind or not met, but no band of the scale grades it (a trend, a breakdown, a base already past the
            # target): it counts at the scale's lowest score, so that a failing target never drops out of the mean
            taken.append(lowest)
            floored += 1
    if not taken:
        return Assessment("not_assessable", counts, *noted, rollup="score")
    mean = Fraction(sum(taken, Fraction(0)), len(taken))
    grade = nearest(scale, mean)
    return Assessment("score", counts, *noted, rollup="score", mean=mean, graded=len(taken), rating=rating_of(scale, grade),
                      floored=floored)


def nearest(scale: Scale, mean: Fraction) -> str:
    """The grade whose score is nearest the mean; halfway: the lower score; equal scores: the first written."""
    best: tuple[Fraction, Fraction, int] | None = None
    name = ""
    for i, g in enumerate(scale.grades):
        if g.score is None:
            continue
        score = g.score.fraction
        key = (abs(score - mean), score, i)  # nearer, then lower, then first
        if best is None or key < best:
            best, name = key, g.id
    return name
