"""The built-in functions: one record each, read by every pass.

A ``Function`` holds everything about one function: its name, parameters and
their kinds, the kind of its result, the exact computation, its words in
English and Japanese, its formula line in `explain`, and how the report's
chart shows a condition on it.  The checker (kinds, arity), the evaluator
(value and percent flag), `explain`, the report, the language server's
completion and the function table of docs/language.md all read ``FUNCTIONS``;
adding a function is adding one record here (jmespath's function table is
the model: one declaration, every user).

A computation never reads the data itself: it is given its arguments
(indicator names, years, values of quantities) and a *reader*,
``(indicator, year) -> Fraction | Unknown``, which is the evaluator's own, so
as-of cuts and missing values apply to functions as to everything else.

Kinds: ``number`` (a count or an amount), ``percent``, ``year``,
``indicator`` (a bare indicator name), ``trend`` (a whole condition).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from typing import NamedTuple

from ..language.nodes import Call
from .verdict import Result, Unknown
from .why import Why


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


#: the evaluator's read of one cell: an exact value, or Unknown saying what is missing
Reader = Callable[[str, int], Result]
#: a computation's result and the operands it worked on (shown in `explain`'s formula)
Computation = tuple[Result, tuple[Result, ...]]


class Arguments:
    """A call's arguments as its computation needs them, one per parameter.

    An indicator parameter is the indicator's name, a year parameter the year
    (None when an optional one is left out), a quantity the value of the
    argument in the judged year.  A plain class: one is made per call evaluated.
    """

    __slots__ = ("call", "year", "read", "values")

    def __init__(self, call: Call, year: int, read: Reader, values: tuple[str | int | Result | None, ...]) -> None:
        self.call, self.year, self.read, self.values = call, year, read, values  # year: the judged year

    def indicator(self, i: int) -> str:
        name = self.values[i]
        assert isinstance(name, str)
        return name

    def year_or_judged(self, i: int) -> int:
        """A year argument; the judged year when an optional one is left out."""
        y = self.values[i] if i < len(self.values) else None
        if y is None:
            return self.year
        assert isinstance(y, int)
        return y

    def quantity(self, i: int) -> Result:
        v = self.values[i]
        assert isinstance(v, (Fraction, Unknown))
        return v

    def text(self, i: int) -> str:
        """The argument as written (for a message)."""
        from ..language.printer import expr_text

        return expr_text(self.call.args[i])


def exactly(operands: tuple[Result, ...], compute: Callable[..., Fraction | Why]) -> Computation:
    """``compute`` over the operands when all are numbers, else what is missing; a ``Why`` result says why it is undefined."""
    for o in operands:
        if type(o) is Unknown:
            unknown = Unknown()
            for u in operands:
                if type(u) is Unknown:
                    unknown = unknown + u
            return unknown, operands
    result = compute(*operands)
    return (Unknown(undefined=(result,)) if isinstance(result, Why) else result), operands


class Formula(NamedTuple):
    """The computation in numbers, for `explain`: ``template`` filled with the operands.

    ``of`` names, per operand, the argument it comes from (so it is shown as
    that argument's kind: 25.5% for a % indicator), or None for a plain number.
    """

    template: str  # "({0} - {1}) / {1}"
    of: tuple[int | None, ...]


class ChartAs(NamedTuple):
    """How the report charts a condition on this function.

    ``indicator``: the chart shows the indicator's own yearly values (else the
    value the condition computes).  ``target`` converts a threshold into the
    indicator's unit from the indicator's value in the function's year
    argument (30% growth over 5,264 is 6,843.2); ``tolerance`` does the same
    for a tolerance.  ``noun`` names what the threshold measures, in the note
    under the chart (English, Japanese).
    """

    indicator: bool = False
    target: Callable[[Fraction, Fraction], Fraction] | None = None
    tolerance: Callable[[Fraction, Fraction], Fraction] | None = None
    noun: tuple[str, str] = ("", "")


@dataclass(frozen=True, slots=True)
class Function:
    name: str
    params: tuple[Param, ...]
    result: Kind  # NUMBER, PERCENT, OF_INDICATOR (the indicator argument's kind) or TREND (a whole condition)
    doc: str  # what it computes, in the docs' terms (judged year y)
    doc_ja: str
    compute: Callable[[Arguments], Computation] | None = None  # None for a trend, which the evaluator judges as a condition
    formula: Formula | None = None
    chart: ChartAs = ChartAs()
    #: the position of the (first) indicator parameter, whose kind an OF_INDICATOR result takes
    indicator_index: int | None = field(init=False, default=None)

    @property
    def min_args(self) -> int:
        return sum(1 for p in self.params if not p.optional)

    def usage(self) -> str:
        parts = [f"[{p.name}]" if p.optional else p.name for p in self.params]
        return f"{self.name}({', '.join(parts)})"

    def __post_init__(self) -> None:
        object.__setattr__(self, "indicator_index", next((i for i, p in enumerate(self.params) if p.kind is Kind.INDICATOR), None))


# -- the computations ---------------------------------------------------------------------
def _value(a: Arguments) -> Computation:
    return a.read(a.indicator(0), a.year_or_judged(1)), ()


def _growth(a: Arguments) -> Computation:
    x, since = a.indicator(0), a.year_or_judged(1)

    def relative(now: Fraction, base: Fraction) -> Fraction | Why:
        if base:
            return (now - base) / base
        return Why(f"growth of {x} from {_era(since)} is undefined: its value there is 0",
                   f"{x} の{_year_ja(since)}からの伸び率は定義できない（{_year_ja(since)}の値が0）")

    return exactly((a.read(x, a.year), a.read(x, since)), relative)


def _change(a: Arguments) -> Computation:
    x = a.indicator(0)
    return exactly((a.read(x, a.year), a.read(x, a.year_or_judged(1))), lambda now, base: now - base)


def _ratio(a: Arguments) -> Computation:
    def share(part: Fraction, whole: Fraction) -> Fraction | Why:
        if whole:
            return part / whole
        return Why(f"ratio {_call_text(a.call)} is undefined: {a.text(1)} is 0 in {_era(a.year)}",
                   f"比率 {_call_text(a.call)} は定義できない（{_year_ja(a.year)}の{a.text(1)}が0）")

    return exactly((a.quantity(0), a.quantity(1)), share)


def _era(year: int) -> str:
    from ..core.years import era_label

    return era_label(year)


def _year_ja(year: int) -> str:
    from ..core.years import label

    return label(year, "ja")


def _call_text(call: Call) -> str:
    from ..language.printer import expr_text

    return expr_text(call)


_X = Param("indicator", Kind.INDICATOR)
_BASE = Param("base_year", Kind.YEAR)
_RAW = ChartAs(indicator=True)

FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        Function("count", (_X,), Kind.NUMBER,
                 "the value of `indicator` in `y`, as a count", "指標の値（件数・拠点数）",
                 _value, chart=_RAW),
        Function("value", (_X, Param("year", Kind.YEAR, optional=True)), Kind.OF_INDICATOR,
                 "the value of `indicator` in `y`, or in `year`", "指標の値（年度指定可）",
                 _value, chart=_RAW),
        Function("growth", (_X, _BASE), Kind.PERCENT,
                 "relative change since `base_year`: `(indicator(y) − indicator(base_year)) / indicator(base_year)`", "基準年度からの増加率",
                 _growth, Formula("({0} - {1}) / {1}", (0, 0)),
                 ChartAs(True, lambda x, base: base * (1 + x), lambda d, base: base * d, ("growth", "増加率"))),
        Function("change", (_X, _BASE), Kind.OF_INDICATOR,
                 "absolute change since `base_year`: `indicator(y) − indicator(base_year)`", "基準年度からの増減",
                 _change, Formula("{0} - {1}", (0, 0)),
                 ChartAs(True, lambda x, base: base + x, lambda d, base: d, ("change", "増加分"))),
        Function("ratio", (Param("part", Kind.QUANTITY), Param("whole", Kind.QUANTITY)), Kind.PERCENT,
                 "`part / whole`; an indicator stands for its value in `y`", "割合",
                 _ratio, Formula("{0} / {1}", (0, 1))),
        Function("increasing", (_X, Param("from_year", Kind.YEAR, optional=True)), Kind.TREND,
                 "every yearly value of `indicator` is above the one before (from `from_year`, else from the first)", "毎年増加"),
        Function("decreasing", (_X, Param("from_year", Kind.YEAR, optional=True)), Kind.TREND,
                 "every yearly value of `indicator` is below the one before (from `from_year`, else from the first)", "毎年減少"),
    )
}




def markdown_table() -> str:
    """The function table of docs/language.md, from the records (``tests/test_functions.py`` keeps the docs in step)."""
    kinds = {Kind.NUMBER: "number", Kind.PERCENT: "percent", Kind.OF_INDICATOR: "the indicator's (percent if its unit is `%`)",
             Kind.TREND: "a whole condition"}
    rows = ["| function | value in the judged year `y` | 意味 | kind |", "| --- | --- | --- | --- |"]
    for f in FUNCTIONS.values():
        rows.append(f"| `{f.usage()}` | {f.doc} | {f.doc_ja} | {kinds[f.result]} |")
    return "\n".join(rows) + "\n"
