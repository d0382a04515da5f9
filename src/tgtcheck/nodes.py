"""The syntax tree of a .tgt spec: small frozen dataclasses.

Every node carries a ``span`` that is excluded from equality and hashing,
so two trees are equal exactly when they mean the same thing (sqlglot's
rule): the formatter's round-trip test and the semantic differ rely on it.
Years are stored as western fiscal years and numbers as exact ``Fraction``s,
so ``H18`` equals ``2006`` and ``1,000`` equals ``1000``.  Comments are kept
beside the tree (``Spec.comments``), not in it.

The whole vocabulary fits on one screen; the grammar (grammar/tgt.lark)
says how each node is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Union

from .diagnostics import Span

NOSPAN = Span(0, 0, 0, 0)


def _span() -> Span:
    return field(default=NOSPAN, compare=False, repr=False)  # type: ignore[return-value]


# -- expressions ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Number:
    value: Fraction  # as written: 30% has value 30 and percent=True
    percent: bool = False
    text: str = field(default="", compare=False)  # the source text, for faithful output
    span: Span = _span()

    @property
    def fraction(self) -> Fraction:
        """The number itself: 30% is 3/10."""
        return self.value / 100 if self.percent else self.value


@dataclass(frozen=True, slots=True)
class Year:
    value: int  # western fiscal year
    text: str = field(default="", compare=False)  # H18, FY2006, 2006: as written
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Ref:
    name: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Call:
    func: str
    args: tuple["Expr", ...]
    span: Span = _span()
    func_span: Span = _span()


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str  # "+", "-", "*", "/"
    left: "Expr"
    right: "Expr"
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Neg:
    operand: "Expr"
    span: Span = _span()


Expr = Union[Number, Year, Ref, Call, BinOp, Neg]


# -- conditions ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Approx:
    """The sheet's 「程度」: ``about`` with an optional tolerance ``± D``."""

    tolerance: Expr | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Compare:
    left: Expr
    op: str  # ">=", ">", "<=", "<", "==", "!="
    right: Expr
    approx: Approx | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Between:
    operand: Expr
    low: Expr
    high: Expr
    approx: Approx | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Trend:
    """``increasing(x)`` / ``decreasing(x)``: a whole condition."""

    call: Call
    span: Span = _span()


Condition = Union[Compare, Between, Trend]


@dataclass(frozen=True, slots=True)
class Deadline:
    year: Year
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class EveryYear:
    start: Year
    end: Year | None = None
    span: Span = _span()


Schedule = Union[Deadline, EveryYear]


# -- declarations ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Target:
    id: str
    title: str
    condition: Condition
    schedule: Schedule | None = None
    base: Year | None = None  # overrides the policy's base year
    method: str | None = None  # overrides the policy's progress method
    span: Span = _span()
    id_span: Span = _span()


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    label: str
    unit: str | None = None
    note: str | None = None
    span: Span = _span()

    @property
    def is_percent(self) -> bool:
        return self.unit is not None and self.unit.strip() in ("%", "％", "percent", "パーセント")


@dataclass(frozen=True, slots=True)
class Constant:
    id: str
    value: Expr
    note: str | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Policy:
    id: str
    title: str
    base: Year | None = None
    due: Year | None = None
    data: str | None = None
    goal: str | None = None
    method: str | None = None
    span: Span = _span()


Declaration = Union[Indicator, Constant, Target]


@dataclass(frozen=True, slots=True)
class Comment:
    text: str  # including the leading #
    span: Span


@dataclass(frozen=True, slots=True)
class Spec:
    policy: Policy
    declarations: tuple[Declaration, ...]
    comments: tuple[Comment, ...] = field(default=(), compare=False)
    # clauses given twice etc. are reported by the checker, so the parser keeps them here
    duplicates: tuple[tuple[str, Span], ...] = field(default=(), compare=False)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(d for d in self.declarations if isinstance(d, Indicator))

    @property
    def constants(self) -> tuple[Constant, ...]:
        return tuple(d for d in self.declarations if isinstance(d, Constant))

    @property
    def targets(self) -> tuple[Target, ...]:
        return tuple(d for d in self.declarations if isinstance(d, Target))
