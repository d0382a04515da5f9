"""The built-in functions, declared once: name, parameters, result kind.

The checker uses this table to check calls (name, arity, argument kinds) and
to compute the kind of an expression; the evaluator uses the same entries to
compute values.  Adding a function means adding one ``Signature`` here and
one case in ``evaluate.call`` (jmespath's rule: one declaration, two users).

Kinds: ``number`` (a count or an amount), ``percent``, ``year``,
``indicator`` (a bare indicator name), ``trend`` (a whole condition).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    NUMBER = "number"
    PERCENT = "percent"
    YEAR = "year"
    INDICATOR = "indicator"
    TREND = "trend"
    #: the kind of the indicator argument (value(x) of a % indicator is a percent)
    OF_INDICATOR = "of-indicator"
    #: an indicator (its value in the judged year) or a number
    QUANTITY = "quantity"
    #: the kind of an expression already reported as wrong: checked against nothing, so one mistake gives one message
    ANY = "any"


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    kind: Kind
    optional: bool = False


@dataclass(frozen=True, slots=True)
class Signature:
    name: str
    params: tuple[Param, ...]
    result: Kind
    doc: str
    doc_ja: str

    @property
    def min_args(self) -> int:
        return sum(1 for p in self.params if not p.optional)

    def usage(self) -> str:
        parts = [f"[{p.name}]" if p.optional else p.name for p in self.params]
        return f"{self.name}({', '.join(parts)})"


_X = Param("indicator", Kind.INDICATOR)
_BASE = Param("base_year", Kind.YEAR)

FUNCTIONS: dict[str, Signature] = {
    s.name: s
    for s in (
        Signature("count", (_X,), Kind.NUMBER,
                  "the indicator's value in the judged year, as a count", "指標の値（件数・拠点数）"),
        Signature("value", (_X, Param("year", Kind.YEAR, optional=True)), Kind.OF_INDICATOR,
                  "the indicator's value in the judged year, or in the given year", "指標の値（年度指定可）"),
        Signature("growth", (_X, _BASE), Kind.PERCENT,
                  "relative change since the base year, in percent: (now - base) / base", "基準年度からの増加率"),
        Signature("change", (_X, _BASE), Kind.OF_INDICATOR,
                  "absolute change since the base year: now - base", "基準年度からの増減"),
        Signature("ratio", (Param("part", Kind.QUANTITY), Param("whole", Kind.QUANTITY)), Kind.PERCENT,
                  "part / whole in percent; an indicator stands for its value in the judged year", "割合"),
        Signature("increasing", (_X, Param("from_year", Kind.YEAR, optional=True)), Kind.TREND,
                  "every yearly value is above the one before (from the given year, else from the first)", "毎年増加"),
        Signature("decreasing", (_X, Param("from_year", Kind.YEAR, optional=True)), Kind.TREND,
                  "every yearly value is below the one before (from the given year, else from the first)", "毎年減少"),
    )
}


MAX_SUGGEST_LENGTH = 64  # a longer word is no misspelling of a name: no did-you-mean (difflib is quadratic in length)


def suggest(name: str, candidates: list[str] | tuple[str, ...], budget: Budget | None = None) -> str | None:
    """The closest candidate, for a did-you-mean; None when ``budget`` has no comparisons left."""
    import difflib

    if len(name) > MAX_SUGGEST_LENGTH:
        return None
    if budget is not None and not budget.spend(len(candidates)):
        return None
    match = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return match[0] if match else None


class Budget:
    """Comparisons did-you-mean may still make in one pass.

    Each suggestion compares a word with every candidate: 3,000 misspelt names
    among 3,000 declared ones took two minutes.  The first misspellings get
    their suggestion; once the budget is spent the rest get none, and a pass
    stays linear.
    """

    def __init__(self, comparisons: int = 100_000) -> None:
        self.left = comparisons

    def spend(self, n: int) -> bool:
        if n > self.left:
            return False
        self.left -= n
        return True
