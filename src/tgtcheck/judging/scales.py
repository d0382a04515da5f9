"""Rating scales: the grades a sheet reports its targets on, and the grade of a verdict.

A scale (``scale NAME "表題" "title" grade…``, nodes.Scale) lists grades best
first; each grade has labels in Japanese and English and a band: of a ratio
(``achievement``, ``progress`` or ``pace``; one or two limits) or of
statuses (``status met, exceeded``).  ``rate`` gives a verdict the first
grade, in the order written, whose band holds; none: the target is not
graded.  The bands of a ratio are the spec author's, exact fractions; the
checker (``check_scales``) holds them to no gap and no overlap, so a value
falls in exactly one band.  A policy selects its scale with ``rated on
NAME``: a scale the spec declares, else a shipped one (``SHIPPED``).

The measures, exactly (docs/language.md, "Rating scales"):

- ``achievement``: the achievement ratio in the desirable direction:
  actual ÷ target value, or target value ÷ actual for a target whose value
  should fall (an actual of 0 there is better than any band's number: it
  falls in the band without an upper limit).
- ``progress``: the progress ratio, (actual − base value) ÷ (target value −
  base value), as the verdict reports it.
- ``pace``: the progress ratio ÷ the share of the period elapsed,
  (value year − base year) ÷ (deadline, or the milestone's year − base
  year), at most 1: the straight-line analogue of Eurostat's ratio of the
  actual to the required growth rate (1 = exactly on the line).

The shipped scales are written in the language itself (``SHIPPED_TEXT``),
so docs/language.md shows the very text tgtcheck reads.  Eurostat's four
categories and thresholds (95 %, 60 %, 0) follow Eurostat's SDG monitoring
report methodology for indicators with a quantified target; its ratio is of
compound growth rates (``method cagr`` applies that ratio itself), this
scale's of the straight line (``pace``).  MIC's five labels are the
guideline's; MIC gives no cut-offs, so the ``mic`` scale's bands and both
scales' scores are tgtcheck's.
"""

from __future__ import annotations

import functools
from fractions import Fraction

from ..language.nodes import Grade, Limit, Neg, Number, Scale, Spec
from ..language.printer import expr_text
from .rating import Rating
from .verdict import Verdict

RATIOS = ("achievement", "progress", "pace")
STATUSES = ("met", "exceeded", "on_track", "behind", "not_met", "pending", "insufficient_data")
LOWER_OPS = (">=", ">")
UPPER_OPS = ("<=", "<")

SHIPPED_TEXT: dict[str, str] = {
    "eurostat": """\
scale eurostat "ユーロスタット型の進捗区分" "Eurostat-style progress categories"
  grade significant_progress "目標に向けて大きく進展" "significant progress towards the target" when pace >= 95% score 3
  grade moderate_progress "目標に向けて緩やかに進展" "moderate progress towards the target" when pace >= 60% and < 95% score 2
  grade insufficient_progress "進展が不十分" "insufficient progress towards the target" when pace >= 0 and < 60% score 1
  grade movement_away "目標から遠ざかっている" "movement away from the target" when pace < 0 score 0
""",
    "mic": """\
scale mic "総務省の5区分（範囲は tgtcheck の例）" "MIC's five categories (bands are tgtcheck's example)"
  grade exceeded "目標超過達成" "target exceeded" when progress >= 120% score 4
  grade achieved "目標達成" "target achieved" when progress >= 100% and < 120% score 3
  grade considerable "相当程度進展あり" "considerable progress" when progress >= 50% and < 100% score 2
  grade small "進展が大きくない" "progress not large" when progress >= 0 and < 50% score 1
  grade away "目標に向かっていない" "not moving towards the target" when progress < 0 score 0
""",
}


@functools.cache
def shipped(name: str) -> Scale | None:
    """A shipped scale by name, read from its text (``SHIPPED_TEXT``)."""
    text = SHIPPED_TEXT.get(name)
    if text is None:
        return None
    from ..language.parser import parse

    spec, _ = parse(f'policy "shipped" "{name}"\n{text}', f"<shipped scale {name}>")
    assert spec is not None and spec.scales, f"the shipped scale {name} does not parse"
    return spec.scales[0]


def resolve(spec: Spec) -> Scale | None:
    """The scale the policy is rated on: declared in the spec, else shipped; None when none (or unknown: TGT240)."""
    name = spec.policy.rated
    if name is None:
        return None
    for s in spec.scales:
        if s.id == name:
            return s
    return shipped(name)


def known_names(spec: Spec) -> list[str]:
    return list(dict.fromkeys([s.id for s in spec.scales] + list(SHIPPED_TEXT)))


# -- a band's meaning ----------------------------------------------------------------------------
def edge(limit: Limit) -> Fraction | None:
    """A limit's number (80% is 4/5); None when it is not a number (TGT243)."""
    v = limit.value
    if isinstance(v, Number):
        return v.fraction
    if isinstance(v, Neg) and isinstance(v.operand, Number):
        return -v.operand.fraction
    return None


Interval = tuple[Fraction | None, bool, Fraction | None, bool]  # (low, low included, high, high included); None: unbounded


def interval(g: Grade) -> Interval | str:
    """The band of a ratio grade as an interval, or why it is not one (TGT243)."""
    low: Fraction | None = None
    high: Fraction | None = None
    low_in = high_in = False
    lows = highs = 0
    for limit in g.limits:
        value = edge(limit)
        if value is None:
            return f"the limit `{limit.op} {expr_text(limit.value)}` is not a number (write 80% or 0.8)"
        if limit.op in LOWER_OPS:
            lows += 1
            low, low_in = value, limit.op == ">="
        elif limit.op in UPPER_OPS:
            highs += 1
            high, high_in = value, limit.op == "<="
        else:
            return f"`{limit.op}` cannot bound a band: use >=, >, <= or <"
    if lows > 1 or highs > 1:
        return "a band has at most one lower limit (>= or >) and one upper limit (<= or <)"
    if low is not None and high is not None and (low > high or (low == high and not (low_in and high_in))):
        return f"no value is {band_text(g)}: the band is empty"
    return (low, low_in, high, high_in)


def band_text(g: Grade) -> str:
    if g.measure == "status":
        return ", ".join(g.statuses)
    return " and ".join(f"{limit.op} {expr_text(limit.value)}" for limit in g.limits)


def holds(band: Interval, x: Fraction) -> bool:
    low, low_in, high, high_in = band
    if low is not None and (x < low or (x == low and not low_in)):
        return False
    return not (high is not None and (x > high or (x == high and not high_in)))


# -- a verdict's grade ------------------------------------------------------------------------------
_UNBOUNDED = "unbounded"  # a value better than any number: target ÷ actual with an actual of 0 (better lower)


def measure(name: str, v: Verdict) -> Fraction | str | None:
    """The value of a ratio measure for a verdict (see the module's docstring); None when it has none."""
    return _measure(name, v.achievement, v.progress, v.direction, v.base_year, v.value_year if v.value_year is not None else v.judged_year,
                    v.milestone[0] if v.milestone is not None else v.deadline)


def _measure(name: str, achievement: Fraction | None, progress: Fraction | None, direction: str | None, base: int | None,
             year: int | None, end: int | None) -> Fraction | str | None:
    if name == "progress":
        return progress
    if name == "achievement":
        if achievement is None or direction != "lower":
            return achievement
        return _UNBOUNDED if achievement == 0 else 1 / achievement
    if name == "pace":
        if progress is None or base is None or year is None or end is None or not (base < year and base < end):
            return None
        return progress / min(Fraction(year - base, end - base), Fraction(1))
    return None


_NOT_JUDGED = frozenset({"pending", "insufficient_data"})


class Rater:
    """A scale made ready to grade many verdicts: each band's interval and text computed once (the evaluator keeps one)."""

    __slots__ = ("grades", "scale")

    def __init__(self, scale: Scale) -> None:
        self.scale = scale
        self.grades: list[tuple[int, Grade, Interval | None, str, Fraction | None]] = []
        for rank, g in enumerate(scale.grades):
            band = None if g.measure == "status" else interval(g)
            if isinstance(band, str):
                continue  # not a band (TGT243): it grades nothing
            self.grades.append((rank, g, band, band_text(g), g.score.fraction if g.score is not None else None))

    def rate(self, status: str, achievement: Fraction | None, progress: Fraction | None, direction: str | None,
             base: int | None, year: int | None, end: int | None) -> Rating | None:
        """The first grade, in the order written, whose band holds; None: not graded."""
        values: dict[str, Fraction | str | None] = {}
        for rank, g, band, text, score in self.grades:
            value: Fraction | str | None = None
            if band is None:
                if status not in g.statuses:
                    continue
            else:
                if status in _NOT_JUDGED:  # a ratio of a target not judged yet grades nothing: only a status band can
                    continue
                if g.measure not in values:
                    values[g.measure] = _measure(g.measure, achievement, progress, direction, base, year, end)
                value = values[g.measure]
                if value is None:
                    continue
                if value == _UNBOUNDED:
                    if band[2] is not None:
                        continue
                elif not holds(band, value):  # type: ignore[arg-type]
                    continue
            return Rating(self.scale.id, g.id, g.en, g.ja, g.measure, text, value if isinstance(value, Fraction) else None, score, rank,
                          inverse=g.measure == "achievement" and direction == "lower")
        return None


def rate(scale: Scale, v: Verdict) -> Rating | None:
    """The first grade, in the order written, whose band holds for the verdict; None: not graded."""
    return Rater(scale).rate(v.status.value, v.achievement, v.progress, v.direction, v.base_year,
                             v.value_year if v.value_year is not None else v.judged_year,
                             v.milestone[0] if v.milestone is not None else v.deadline)


def rating_of(scale: Scale, grade: str) -> Rating | None:
    """The rating of a grade by name, without a value (a roll-up's result)."""
    for rank, g in enumerate(scale.grades):
        if g.id == grade:
            return Rating(scale.id, g.id, g.en, g.ja, g.measure, band_text(g), None,
                          g.score.fraction if g.score is not None else None, rank)
    return None
