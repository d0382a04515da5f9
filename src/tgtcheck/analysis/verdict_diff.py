"""How each verdict moved between two evaluations (two as-of years, two spec versions, or both).

``compare(old, new, renamed)`` pairs the verdicts of two evaluations by
target id (a renamed target and the pieces of a split one are paired with
their old id, from ``differ.renamed_targets``) and returns one frozen
``VerdictChange`` per target, in the new spec's order, then the targets only
the old evaluation had.  Each record keeps both verdicts whole and lists the
numbers that moved (actual value, expected line value, thresholds, goal);
the missing readings are compared too, so `pending → on_track` can say which
集計中 value arrived.  Pure, like ``differ``: the formats do the wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..judging.evaluate import Reading, Verdict

#: the numbers of a verdict whose movement is reported, in this order
MOVED_FIELDS = ("actual", "expected", "threshold", "upper", "tolerance", "goal")


@dataclass(frozen=True, slots=True)
class Moved:
    """One number of a verdict in the old and the new evaluation (percents flagged per side)."""

    field: str
    old: Fraction | None
    new: Fraction | None
    old_percent: bool = False
    new_percent: bool = False


@dataclass(frozen=True, slots=True)
class VerdictChange:
    old: Verdict | None  # None: the target is new
    new: Verdict | None  # None: the target was removed
    moved: tuple[Moved, ...] = ()

    @property
    def id(self) -> str:
        v = self.new or self.old
        assert v is not None
        return v.target.id

    @property
    def old_id(self) -> str | None:
        return self.old.target.id if self.old is not None else None

    @property
    def status_changed(self) -> bool:
        return self.old is None or self.new is None or self.old.status != self.new.status

    @property
    def missing_changed(self) -> bool:
        return _missing(self.old) != _missing(self.new)

    @property
    def changed(self) -> bool:
        """Anything to report: the status, a number or what is missing moved."""
        return self.status_changed or bool(self.moved) or self.missing_changed


def compare(old: list[Verdict], new: list[Verdict], renamed: dict[str, str] | None = None) -> tuple[VerdictChange, ...]:
    """One record per target of either side; ``renamed`` maps a new id to its old id."""
    renamed = renamed or {}
    by_old = {v.target.id: v for v in old}
    used: set[str] = set()
    out: list[VerdictChange] = []
    for v in new:
        old_id = v.target.id if v.target.id in by_old else renamed.get(v.target.id)
        before = by_old.get(old_id) if old_id is not None else None
        if before is not None:
            used.add(before.target.id)
        out.append(VerdictChange(before, v, _moved(before, v)))
    out.extend(VerdictChange(v, None) for v in old if v.target.id not in used)
    return tuple(out)


def _moved(a: Verdict | None, b: Verdict) -> tuple[Moved, ...]:
    if a is None:
        return ()
    out = []
    for name in MOVED_FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        if _shown(x, a.percent) != _shown(y, b.percent):
            out.append(Moved(name, x, y, a.percent, b.percent))
    return tuple(out)


def _shown(value: Fraction | None, percent: bool) -> tuple[Fraction, bool] | None:
    return None if value is None else (value, percent)


def _missing(v: Verdict | None) -> tuple[tuple[str, int, object], ...]:
    if v is None:
        return ()
    return tuple(_reading_key(r) for r in v.missing if not isinstance(r.value, Fraction))  # a trend lists its numbers too


def _reading_key(r: Reading) -> tuple[str, int, object]:
    return (r.indicator, r.year, r.value)
