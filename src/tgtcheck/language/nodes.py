"""The syntax tree of a .tgt spec: small frozen dataclasses.

Every node carries a ``span`` that is excluded from equality and hashing,
so two trees are equal exactly when they mean the same thing (sqlglot's
rule): the formatter's round-trip test and the semantic differ rely on it.
Years are stored as western fiscal years and numbers as exact ``Fraction``s,
so ``H18`` equals ``2006`` and ``1,000`` equals ``1000``.  Comments are kept
beside the tree (``Spec.comments``), not in it.

The whole vocabulary fits on one screen; the grammar (grammar/tgt.lark)
says how each node is written.  Each class names the fields that hold its
child nodes once (``CHILDREN``, sqlglot's ``arg_types``); ``children`` and
``walk`` read that, so a pass that only visits nodes knows no class.
A span holds offsets into its text (see ``diagnostics.Span``).

Construction is on the hot path (a 10,000-target spec makes some 200,000
nodes and spans; the evaluator makes verdicts of 24 fields), so every class
here gets the ``fast_init`` constructor below: the dataclass's own signature
and behaviour, at about two thirds of the cost.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import MISSING, dataclass, field, fields
from fractions import Fraction
from typing import Any, ClassVar, Protocol, TypeVar, Union

from ..core.diagnostics import Span

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
# `judged`: the statuses a recorded judgement may state (those of a judged target: pending and insufficient_data
# are what the data says, never a judgement)
JUDGED_STATUSES = ("met", "exceeded", "on_track", "behind", "not_met")
CLAUSE_WORDS: dict[str, tuple[str, ...]] = {"better": DIRECTIONS, "judge": JUDGING, "years": YEAR_KINDS,
                                            "judged": JUDGED_STATUSES, "rollup": ("sheet", "main", "score")}


# -- expressions ---------------------------------------------------------------
@fast_init
@dataclass(frozen=True, slots=True)
class Number:
    CHILDREN: ClassVar[tuple[str, ...]] = ()
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
    CHILDREN: ClassVar[tuple[str, ...]] = ()
    value: int  # western fiscal year
    text: str = field(default="", compare=False)  # H18, FY2006, 2006: as written
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Ref:
    CHILDREN: ClassVar[tuple[str, ...]] = ()
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
    CHILDREN: ClassVar[tuple[str, ...]] = ("args",)
    func: str
    args: tuple[Expr, ...]
    span: Span = _span()
    func_span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class BinOp:
    CHILDREN: ClassVar[tuple[str, ...]] = ("left", "right")
    op: str  # "+", "-", "*", "/"
    left: Expr
    right: Expr
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Neg:
    CHILDREN: ClassVar[tuple[str, ...]] = ("operand",)
    operand: Expr
    span: Span = _span()


Expr = Union[Number, Year, Ref, Call, BinOp, Neg]


# -- conditions ----------------------------------------------------------------
@fast_init
@dataclass(frozen=True, slots=True)
class Approx:
    """The sheet's 「程度」: ``about`` with an optional tolerance ``± D``."""

    CHILDREN: ClassVar[tuple[str, ...]] = ("tolerance",)
    tolerance: Expr | None = None
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Compare:
    CHILDREN: ClassVar[tuple[str, ...]] = ("left", "right", "approx")
    left: Expr
    op: str  # ">=", ">", "<=", "<", "==", "!="
    right: Expr
    approx: Approx | None = None
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Between:
    CHILDREN: ClassVar[tuple[str, ...]] = ("operand", "low", "high", "approx")
    operand: Expr
    low: Expr
    high: Expr
    approx: Approx | None = None
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Trend:
    """``increasing(x)`` / ``decreasing(x)``: a whole condition."""

    CHILDREN: ClassVar[tuple[str, ...]] = ("call",)
    call: Call
    span: Span = _span()


Condition = Union[Compare, Between, Trend]


@fast_init
@dataclass(frozen=True, slots=True)
class Deadline:
    CHILDREN: ClassVar[tuple[str, ...]] = ("year", "milestones")
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

    CHILDREN: ClassVar[tuple[str, ...]] = ("value", "year", "approx")
    value: Expr
    year: Year
    approx: Approx | None = None
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class EveryYear:
    CHILDREN: ClassVar[tuple[str, ...]] = ("start", "end")
    start: Year
    end: Year | None = None
    span: Span = _span()


Schedule = Union[Deadline, EveryYear]


@fast_init
@dataclass(frozen=True, slots=True)
class Judgement:
    """`judged met in H18 by "WHO" because "WHY"`: the sheet's author's judgement of a target for one year,
    recorded beside the rule's (「当初の目的は達成されている」).  ``status`` is the word as written (the checker
    holds it to JUDGED_STATUSES, TGT260)."""
    CHILDREN: ClassVar[tuple[str, ...]] = ("year",)

    status: str
    year: Year
    by: str
    because: str
    span: Span = _span()
    status_span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Each:
    """``for each region`` (every key judged, ``at_least`` None) or ``for at least 10 of region`` (a count of keys)."""
    CHILDREN: ClassVar[tuple[str, ...]] = ("at_least",)

    dimension: str
    at_least: Number | None = None
    span: Span = _span()


# -- declarations ---------------------------------------------------------------
@fast_init
@dataclass(frozen=True, slots=True)
class Target:
    CHILDREN: ClassVar[tuple[str, ...]] = ("condition", "schedule", "base", "judgements", "each")
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
    judgements: tuple[Judgement, ...] = ()  # recorded judgements (`judged … in YEAR …`), one per year, as written
    main: bool = False  # `main` / `主要`: a 主要な測定指標, counted by `rollup main`
    each: Each | None = None  # judged per key of a breakdown dimension (docs/language.md, *Breakdowns*)


@fast_init
@dataclass(frozen=True, slots=True)
class Indicator:
    CHILDREN: ClassVar[tuple[str, ...]] = ()
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
    CHILDREN: ClassVar[tuple[str, ...]] = ("value",)
    id: str
    value: Expr
    note: str | None = None
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Policy:
    CHILDREN: ClassVar[tuple[str, ...]] = ("base", "due")
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
    rated: str | None = None  # `rated on NAME`: the scale every target is graded on (declared or shipped)
    rollup: str | None = None  # `rollup NAME`: how the policy's judgement is reached (ROLLUPS)


# -- rating scales (scales.py gives them meaning) -------------------------------------
MEASURES = ("achievement", "progress", "pace")  # the ratios a band may be of; `status` bands list statuses
ROLLUPS = ("sheet", "main", "score")  # `rollup`: the sheet rule over all targets, over the main ones, the mean score


@fast_init
@dataclass(frozen=True, slots=True)
class Limit:
    """One limit of a ratio band: ``>= 80%``."""
    CHILDREN: ClassVar[tuple[str, ...]] = ("value",)

    op: str  # ">=", ">", "<=", "<" (the checker refuses the others)
    value: Expr
    span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Grade:
    """``grade B "概ね達成" "mostly met" when achievement >= 80% and < 100% score 2``."""
    CHILDREN: ClassVar[tuple[str, ...]] = ("limits", "score")

    id: str
    ja: str
    en: str
    measure: str  # a MEASURES word, or "status"
    limits: tuple[Limit, ...] = ()  # a ratio band's one or two limits
    statuses: tuple[str, ...] = ()  # a status band's statuses
    score: Number | None = None
    span: Span = _span()
    measure_span: Span = _span()


@fast_init
@dataclass(frozen=True, slots=True)
class Scale:
    """``scale NAME "表題" "title" grade…``: the grades a sheet reports its targets on, best first."""
    CHILDREN: ClassVar[tuple[str, ...]] = ("grades",)

    id: str
    ja: str
    en: str
    grades: tuple[Grade, ...]
    span: Span = _span()


Declaration = Union[Indicator, Constant, Target, Scale]


@fast_init
@dataclass(frozen=True, slots=True)
class Comment:
    CHILDREN: ClassVar[tuple[str, ...]] = ()
    text: str  # including the leading #
    span: Span


@fast_init
@dataclass(frozen=True, slots=True)
class Spec:
    CHILDREN: ClassVar[tuple[str, ...]] = ("policy", "declarations")
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

    @property
    def scales(self) -> tuple[Scale, ...]:
        return tuple(d for d in self.declarations if isinstance(d, Scale))


# -- the tree protocol: children and walk --------------------------------------------
class Node(Protocol):
    """Any node above: its class names the fields that hold its child nodes, in field order.

    ``CHILDREN`` is the one declaration every generic pass reads (sqlglot's
    ``arg_types``): a field named there holds a node, a tuple of nodes, or
    None.  A new node class writes it in its body, ``CHILDREN = ()`` for a
    leaf; tests/test_tree.py fails, naming the line to add, when a class
    holds a node in a field it does not declare.  Comments are kept beside
    the tree (``Spec.comments``), so they are no child of it.
    """

    CHILDREN: ClassVar[tuple[str, ...]]


def children(node: Node) -> list[Node]:
    """The child nodes of ``node``, in the order of its fields (a tuple field's nodes in order; None left out)."""
    out: list[Node] = []
    for name in node.CHILDREN:
        value = getattr(node, name)
        if type(value) is tuple:
            out.extend(value)
        elif value is not None:
            out.append(value)
    return out


def walk(root: Node) -> Iterator[Node]:
    """``root`` and every node under it, parents before children, children in field order.

    Iterative (an explicit stack), so a tree of any depth is walked: the
    checker, folding, explain, the differ and the report visit nodes through
    here instead of each knowing which fields of which class hold nodes.
    """
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(children(node)))


# -- how deep a tree nests -------------------------------------------------------
MAX_DEPTH = 200  # levels in one condition or expression: the passes that recurse stay far from Python's limit


def depth(root: Condition | Expr) -> int:
    """Nesting depth of a condition or an expression (the root is level 1), measured without recursion.

    An ``about`` clause is part of its condition, not a level: its tolerance is one level below the condition.
    """
    deepest = 0
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((c, level if type(c) is Approx else level + 1) for c in children(node))
    return deepest


def deeper_than(root: Condition | Expr, limit: int = MAX_DEPTH) -> bool:
    """``depth(root) > limit``, without measuring a parsed expression too short to be that deep:
    n characters nest at most n + 1 levels (each level takes an operator, a sign or a parenthesis).
    A tree made in code (no positions) is always measured."""
    span = root.span
    if 0 < span.end_pos - span.start_pos < limit:
        return False
    return depth(root) > limit
