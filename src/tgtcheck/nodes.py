"""The syntax tree of a .tgt spec: small frozen dataclasses.

Every node carries a ``span`` that is excluded from equality and hashing,
so two trees are equal exactly when they mean the same thing (sqlglot's
rule): the formatter's round-trip test and the semantic differ rely on it.
Years are stored as western fiscal years and numbers as exact ``Fraction``s,
so ``H18`` equals ``2006`` and ``1,000`` equals ``1000``.  Comments are kept
beside the tree (``Spec.comments``), not in it.

The whole vocabulary fits on one screen; the grammar (grammar/tgt.lark)
says how each node is written.

Construction is on the hot path (a 10,000-target spec makes some 200,000
nodes and spans; the evaluator makes verdicts of 24 fields), so every class
here gets the ``fast_init`` constructor below: the dataclass's own signature
and behaviour, at about two thirds of the cost.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from fractions import Fraction
from typing import Any, TypeVar, Union

from .diagnostics import Span

NOSPAN = Span(0, 0, 0, 0)

_C = TypeVar("_C", bound=type)


def fast_init(cls: _C) -> _C:
    """Give a ``dataclass(frozen=True, slots=True)`` a faster ``__init__``, same signature and defaults.

    The generated ``__init__`` of a frozen dataclass sets each field with
    ``object.__setattr__(self, name, value)``: a global lookup, an attribute
    lookup and a call per field.  This one calls each slot's own descriptor
    (``cls.name.__set__``, what ``object.__setattr__`` ends up calling),
    bound once as a default argument.  Assignment after construction still
    raises ``FrozenInstanceError``; equality, hashing, ``repr`` and
    ``dataclasses.replace`` are the dataclass's own.  Only plain defaults are
    supported (no ``default_factory``, no ``__post_init__``): checked here.
    """
    params: list[str] = []
    body: list[str] = []
    env: dict[str, Any] = {}
    for f in fields(cls):
        assert f.init and f.default_factory is MISSING, f"fast_init: {cls.__name__}.{f.name} needs the dataclass __init__"
        if f.default is MISSING:
            params.append(f.name)
        else:
            env[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
        env[f"_s_{f.name}"] = cls.__dict__[f.name].__set__  # the slot's member descriptor
        body.append(f"        _s_{f.name}(self, {f.name})")
    assert not hasattr(cls, "__post_init__"), f"fast_init: {cls.__name__} has __post_init__"
    # the setters and defaults are closure variables of a factory, so __init__'s signature is the dataclass's
    source = (f"def _factory({', '.join(env)}):\n"
              f"    def __init__(self, {', '.join(params)}):\n" + "\n".join(body or ["        pass"]) + "\n"
              "    return __init__\n")
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # noqa: S102 - generated from the class's own field names, as dataclasses does
    init = namespace["_factory"](**env)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = dict(cls.__init__.__annotations__)  # type: ignore[misc]
    cls.__init__ = init  # type: ignore[misc]
    return cls


def _span() -> Span:
    return field(default=NOSPAN, compare=False, repr=False)


# -- the words a clause may take (the grammar reads a NAME; the checker holds it to these) --
DIRECTIONS = ("higher", "lower", "within")  # `better`: which way is good
JUDGING = ("latest", "year")  # `judge`: the latest value at or before the year (直近値), or the year's own
YEAR_KINDS = ("fiscal", "calendar")  # `years`: Japanese fiscal years (printed as eras) or calendar years
CLAUSE_WORDS: dict[str, tuple[str, ...]] = {"better": DIRECTIONS, "judge": JUDGING, "years": YEAR_KINDS}


# -- expressions ---------------------------------------------------------------
@fast_init
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


@fast_init
@dataclass(frozen=True, slots=True)
class Year:
    value: int  # western fiscal year
    text: str = field(default="", compare=False)  # H18, FY2006, 2006: as written
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Ref:
    name: str
    span: Span = _span()
    # a breakdown key (``employment[region=DE]``): (dimension, key) pairs as written; () for the total
    keys: tuple[tuple[str, str], ...] = ()

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """The key's pairs sorted by dimension, as the dataset names a breakdown series (``dataset.series_id``)."""
        return tuple(sorted(self.keys)) if len(self.keys) > 1 else self.keys


@fast_init
@dataclass(frozen=True, slots=True)
class Call:
    func: str
    args: tuple[Expr, ...]
    span: Span = _span()
    func_span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class BinOp:
    op: str  # "+", "-", "*", "/"
    left: Expr
    right: Expr
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Neg:
    operand: Expr
    span: Span = _span()


Expr = Union[Number, Year, Ref, Call, BinOp, Neg]


# -- conditions ----------------------------------------------------------------
@fast_init
@dataclass(frozen=True, slots=True)
class Approx:
    """The sheet's 「程度」: ``about`` with an optional tolerance ``± D``."""

    tolerance: Expr | None = None
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Compare:
    left: Expr
    op: str  # ">=", ">", "<=", "<", "==", "!="
    right: Expr
    approx: Approx | None = None
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Between:
    operand: Expr
    low: Expr
    high: Expr
    approx: Approx | None = None
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Trend:
    """``increasing(x)`` / ``decreasing(x)``: a whole condition."""

    call: Call
    span: Span = _span()


Condition = Union[Compare, Between, Trend]


@fast_init
@dataclass(frozen=True, slots=True)
class Deadline:
    year: Year
    span: Span = _span()
    milestones: tuple[Milestone, ...] = ()  # the milestones after the first (`by H17, 163 by H18, 340 by H19`)

    @property
    def final(self) -> Year:
        """The deadline: the last milestone's year."""
        return self.milestones[-1].year if self.milestones else self.year


@fast_init
@dataclass(frozen=True, slots=True)
class Milestone:
    """`, 163 by H18`: a later milestone of a `by` target; its value is a threshold like the condition's."""

    value: Expr
    year: Year
    approx: Approx | None = None
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class EveryYear:
    start: Year
    end: Year | None = None
    span: Span = _span()


Schedule = Union[Deadline, EveryYear]


@fast_init
@dataclass(frozen=True, slots=True)
class Each:
    """``for each region`` (every key judged, ``at_least`` None) or ``for at least 10 of region`` (a count of keys)."""

    dimension: str
    at_least: Number | None = None
    span: Span = _span()


# -- declarations ---------------------------------------------------------------
@fast_init
@dataclass(frozen=True, slots=True)
class Target:
    id: str
    title: str
    condition: Condition
    schedule: Schedule | None = None
    base: Year | None = None  # overrides the policy's base year
    method: str | None = None  # overrides the policy's progress method
    better: str | None = None  # the desirable direction (DIRECTIONS); overrides the indicator's
    judge: str | None = None  # the value judged (JUDGING); overrides the policy's
    span: Span = _span()
    id_span: Span = _span()
    each: Each | None = None  # judged per key of a breakdown dimension (docs/language.md, *Breakdowns*)


@fast_init
@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    label: str
    unit: str | None = None
    note: str | None = None
    better: str | None = None  # the desirable direction (DIRECTIONS)
    span: Span = _span()

    @property
    def is_percent(self) -> bool:
        return self.unit is not None and self.unit.strip() in ("%", "％", "percent", "パーセント")


@fast_init
@dataclass(frozen=True, slots=True)
class Constant:
    id: str
    value: Expr
    note: str | None = None
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Policy:
    id: str
    title: str
    base: Year | None = None
    due: Year | None = None
    data: str | None = None
    goal: str | None = None
    method: str | None = None
    judge: str | None = None  # the value judged (JUDGING), for every target that does not say
    years: str | None = None  # what the policy's years are (YEAR_KINDS)
    span: Span = _span()


Declaration = Union[Indicator, Constant, Target]


@fast_init
@dataclass(frozen=True, slots=True)
class Comment:
    text: str  # including the leading #
    span: Span


@fast_init
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


# -- how deep a tree nests -------------------------------------------------------
MAX_DEPTH = 200  # levels in one condition or expression: the passes that recurse stay far from Python's limit


def depth(root: Condition | Expr) -> int:
    """Nesting depth of a condition or an expression (the root is level 1), measured without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(root, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(node, BinOp):
            children: tuple[Any, ...] = (node.left, node.right)
        elif isinstance(node, Neg):
            children = (node.operand,)
        elif isinstance(node, Call):
            children = node.args
        elif isinstance(node, Trend):
            children = (node.call,)
        elif isinstance(node, (Compare, Between)):
            tolerance = node.approx.tolerance if node.approx is not None else None
            children = (node.left, node.right) if isinstance(node, Compare) else (node.operand, node.low, node.high)
            children += (tolerance,) if tolerance is not None else ()
        else:
            continue
        stack.extend((c, level + 1) for c in children)
    return deepest


def deeper_than(root: Condition | Expr, limit: int = MAX_DEPTH) -> bool:
    """``depth(root) > limit``, without measuring a parsed expression too short to be that deep:
    n characters nest at most n + 1 levels (each level takes an operator, a sign or a parenthesis).
    A tree made in code (no positions) is always measured."""
    span = root.span
    if 0 < span.end_pos - span.start_pos < limit:
        return False
    return depth(root) > limit
