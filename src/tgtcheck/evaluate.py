"""The evaluator: every target gets exactly one status, with the numbers it rests on.

Values are exact ``Fraction``s.  A value that is not a number (集計中, －,
null, no entry, a division by zero) travels as ``Unknown``, which says what
is missing, so one missing number never stops the other targets and every
verdict can name what it waits for (cel-python's rule: errors are values).

A target is judged in the *judged year* ``min(as_of, deadline)``:
  holds                          -> met (exceeded above a range's upper bound)
  deadline reached, not holding  -> not_met
  before the deadline            -> on_track / behind against the progress
                                    method's expectation (``methods.py``)
Every-year conditions are judged in each year of their period so far; a
broken year is not_met.  Trends (increasing/decreasing) need two numbers.
Missing values give pending (all of them 集計中) or insufficient_data.
The full rule table is in docs/language.md; ``Verdict.rule`` names the row.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from enum import Enum
from fractions import Fraction
from typing import Union

from .dataset import Dataset, Marker
from .functions import FUNCTIONS, Kind
from .methods import DEFAULT_METHOD, METHODS
from .nodes import (
    Between, BinOp, Call, Compare, Constant, Deadline, EveryYear, Expr, Indicator, Neg,
    Number, Ref, Spec, Target, Trend, Year,
)
from .printer import expr_text
from .years import MAX_YEAR, MIN_YEAR


class Status(str, Enum):
    MET = "met"
    EXCEEDED = "exceeded"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NOT_MET = "not_met"
    PENDING = "pending"
    INSUFFICIENT_DATA = "insufficient_data"


STATUS_ORDER = tuple(Status)


@dataclass(frozen=True, slots=True)
class Reading:
    """One value read from the data."""

    indicator: str
    year: int
    value: Fraction | Marker | None  # None: the data has no entry for this year
    note: str | None = None
    label: str | None = field(default=None, compare=False)  # the indicator's label and unit, for people
    unit: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Unknown:
    """Not a number, and why: the readings that are not numbers, or an undefined operation."""

    missing: tuple[Reading, ...] = ()
    undefined: tuple[str, ...] = ()

    def __add__(self, other: "Unknown") -> "Unknown":
        return Unknown(_uniq(self.missing + other.missing), _uniq(self.undefined + other.undefined))


Result = Union[Fraction, Unknown]


@dataclass(frozen=True, slots=True)
class Step:
    """One computation: the expression, the year it was computed for, its exact result."""

    text: str
    year: int
    result: Fraction | None
    percent: bool = False
    call: Call | None = field(default=None, compare=False)  # the call computed, for `tgtcheck explain`
    inputs: tuple[Fraction | None, ...] = ()  # its operands: (now, base) or (part, whole); None if not a number


@dataclass(frozen=True, slots=True)
class Verdict:
    target: Target
    status: Status
    rule: str  # which row of the rule table chose the status
    as_of: int
    judged_year: int | None = None
    actual: Fraction | None = None
    threshold: Fraction | None = None  # the right-hand side, or a range's lower bound
    upper: Fraction | None = None  # a range's upper bound
    tolerance: Fraction | None = None
    percent: bool = False  # actual and thresholds are percents (shown ×100 with %)
    base_year: int | None = None
    base_value: Fraction | None = None
    deadline: int | None = None
    goal: Fraction | None = None  # the value the progress line aims at
    expected: Fraction | None = None  # the progress line's value in the as-of year
    method: str = DEFAULT_METHOD
    readings: tuple[Reading, ...] = ()
    missing: tuple[Reading, ...] = ()
    undefined: tuple[str, ...] = ()
    broken_years: tuple[int, ...] = ()
    period: tuple[int, int] | None = None  # every-year: the years judged so far
    steps: tuple[Step, ...] = field(default=())


@functools.lru_cache(maxsize=1)
def _verdict_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Verdict) if f.init)


def _uniq(items: tuple) -> tuple:  # type: ignore[type-arg]
    return tuple(dict.fromkeys(items))


def fold_constant(e: Expr, constants: dict[str, Constant]) -> Fraction | None:
    """The value of an expression of numbers and constants (None if it reads data or cannot be computed)."""
    return fold_with(e, constant_values(constants, _refs(e)))


def constant_values(constants: dict[str, Constant], names: Iterable[str] | None = None) -> dict[str, Fraction | None]:
    """The values of the constants ``names`` (default: all) and of those they use.

    None for a constant that reads data, divides by zero or depends on itself.
    Each constant is folded once, after the ones it uses, so a chain of
    10,000 constants costs 10,000 folds and no deep recursion.
    """
    order, cyclic = constant_order(constants, names)
    values: dict[str, Fraction | None] = {}
    for name in order:
        values[name] = None if name in cyclic else fold_with(constants[name].value, values)
    return values


def constant_order(constants: dict[str, Constant], names: Iterable[str] | None = None) -> tuple[list[str], dict[str, list[str]]]:
    """The constants ``names`` (default: all) and those they use, each after the ones it uses,
    and the cycles: for each constant on one, the cycle from it back to it (``[a, b, a]``)."""
    order: list[str] = []
    cycles: dict[str, list[str]] = {}
    done: set[str] = set()
    for root in (constants if names is None else names):
        if root in done or root not in constants:
            continue
        path = [root]  # an explicit stack: a depth-first walk without recursion
        todo = [iter(_refs(constants[root].value))]
        on_path = {root}
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                todo.pop()
                name = path.pop()
                on_path.discard(name)
                done.add(name)
                order.append(name)
            elif nxt in on_path:
                loop = path[path.index(nxt):]
                for i, member in enumerate(loop):
                    cycles.setdefault(member, loop[i:] + loop[:i] + [member])
            elif nxt not in done and nxt in constants:
                path.append(nxt)
                on_path.add(nxt)
                todo.append(iter(_refs(constants[nxt].value)))
    return order, cycles


def _refs(e: Expr) -> list[str]:
    """The names an expression refers to, left to right."""
    found: list[str] = []
    stack: list[Expr] = [e]
    while stack:
        node = stack.pop()
        if isinstance(node, Ref):
            found.append(node.name)
        elif isinstance(node, BinOp):
            stack += (node.right, node.left)
        elif isinstance(node, Neg):
            stack.append(node.operand)
        elif isinstance(node, Call):
            stack += reversed(node.args)
    return found


def fold_with(e: Expr, values: dict[str, Fraction | None]) -> Fraction | None:
    """The value of an expression given the constants' values (``constant_values``); None as for fold_constant."""
    if isinstance(e, Number):
        return e.fraction
    if isinstance(e, Ref):
        return values.get(e.name)
    if isinstance(e, Neg):
        v = fold_with(e.operand, values)
        return None if v is None else -v
    if isinstance(e, BinOp):
        a, b = fold_with(e.left, values), fold_with(e.right, values)
        if a is None or b is None or (e.op == "/" and b == 0):
            return None
        return _arith(e.op, a, b)
    return None


# No policy figure needs more than a few dozen digits.  The cap keeps every exact number a spec can
# build small: a chain of squared constants would otherwise grow past memory, and Python refuses
# to print integers of more than 4,300 digits.
MAX_BITS = 4096  # about 1,230 decimal digits, in the numerator or the denominator


def _arith(op: str, a: Fraction, b: Fraction) -> Fraction | None:
    """``a op b``, or None when the result would be larger than MAX_BITS."""
    if op == "+":
        r = a + b
    elif op == "-":
        r = a - b
    elif op == "*":
        r = a * b
    else:
        r = a / b
    if r.numerator.bit_length() > MAX_BITS or r.denominator.bit_length() > MAX_BITS:
        return None  # the operands are at most MAX_BITS each, so computing r was cheap
    return r


class Evaluator:
    def __init__(self, spec: Spec, data: Dataset, as_of: int) -> None:
        self.spec, self.data, self.as_of = spec, data, as_of
        self.indicators: dict[str, Indicator] = {i.id: i for i in spec.indicators}
        self.constants: dict[str, Constant] = {c.id: c for c in spec.constants}
        self._readings: dict[tuple[str, int], Reading] = {}
        self._steps: list[Step] = []
        # constants once, each after those it uses: no recursion through a chain of them
        self.constant_values = constant_values(self.constants)
        order, cycles = constant_order(self.constants)
        self._percent: dict[str, bool] = dict.fromkeys(cycles, False)
        for name in order:
            self._percent.setdefault(name, self.is_percent(self.constants[name].value))

    # -- values
    def read(self, indicator: str, year: int) -> Result:
        series = self.data.series.get(indicator)
        cell = series.get(year) if series is not None else None
        value = cell.value if cell is not None else None
        ind = self.indicators.get(indicator)
        reading = Reading(indicator, year, value, cell.note if cell is not None else None,
                          ind.label if ind else None, ind.unit if ind else None)
        self._readings.setdefault((indicator, year), reading)
        if isinstance(value, Fraction):
            return value / 100 if ind is not None and ind.is_percent else value  # 25.5 (%) is 0.255
        return Unknown((reading,))

    def value(self, e: Expr, year: int) -> Result:
        if isinstance(e, Number):
            return e.fraction
        if isinstance(e, Ref):
            if e.name in self.constants:
                folded = self.constant_values.get(e.name)
                return folded if folded is not None else Unknown(undefined=(f"constant {e.name} cannot be computed",))
            return self.read(e.name, year)
        if isinstance(e, Year):
            return Fraction(e.value)
        if isinstance(e, Neg):
            v = self.value(e.operand, year)
            return -v if isinstance(v, Fraction) else v
        if isinstance(e, BinOp):
            a, b = self.value(e.left, year), self.value(e.right, year)
            if isinstance(a, Unknown) or isinstance(b, Unknown):
                return _join(a, b)
            if e.op == "/" and b == 0:
                return Unknown(undefined=(f"division by zero in {expr_text(e)}",))
            r = _arith(e.op, a, b)
            return r if r is not None else Unknown(undefined=(f"{expr_text(e)} is too large a number to compute exactly",))
        if isinstance(e, Call):
            return self.call(e, year)
        raise AssertionError(f"unknown expression {e!r}")

    def call(self, e: Call, year: int) -> Result:
        problem = _invalid_call(e)
        if problem is not None:  # the checker reports it (TGT205-207); unchecked trees still get a verdict
            return Unknown(undefined=(problem,))
        args = e.args
        name = args[0].name if args and isinstance(args[0], Ref) else ""
        operands: tuple[Result, ...] = ()
        if e.func in ("count", "value"):
            at = _year_of(args[1]) if len(args) > 1 else year
            result = self.read(name, at)
        elif e.func in ("growth", "change"):
            base_year = _year_of(args[1])
            now, base = self.read(name, year), self.read(name, base_year)
            operands = (now, base)
            if isinstance(now, Unknown) or isinstance(base, Unknown):
                result = _join(now, base)
            elif e.func == "change":
                result = now - base
            elif base == 0:
                result = Unknown(undefined=(f"growth of {name} from {_label(base_year)} is undefined: its value there is 0",))
            else:
                result = (now - base) / base
        elif e.func == "ratio":
            part, whole = self.value(args[0], year), self.value(args[1], year)
            operands = (part, whole)
            if isinstance(part, Unknown) or isinstance(whole, Unknown):
                result = _join(part, whole)
            elif whole == 0:
                result = Unknown(undefined=(f"ratio {expr_text(e)} is undefined: {expr_text(args[1])} is 0 in {_label(year)}",))
            else:
                result = part / whole
        else:
            raise AssertionError(f"{e.func} is not a numeric function")
        inputs = tuple(v if isinstance(v, Fraction) else None for v in operands)
        self._steps.append(Step(expr_text(e), year, result if isinstance(result, Fraction) else None, self.is_percent(e), e, inputs))
        return result

    def is_percent(self, e: Expr) -> bool:
        if isinstance(e, Number):
            return e.percent
        if isinstance(e, Ref):
            return self._percent.get(e.name, False)
        if isinstance(e, Neg):
            return self.is_percent(e.operand)
        if isinstance(e, BinOp):
            a, b = self.is_percent(e.left), self.is_percent(e.right)
            if e.op in "+-":
                return a
            return (a and b) if e.op == "*" else (a and not b)
        if isinstance(e, Call):
            if e.func in ("growth", "ratio"):
                return True
            if e.func in ("value", "change") and e.args and isinstance(e.args[0], Ref):
                ind = self.indicators.get(e.args[0].name)
                return ind is not None and ind.is_percent
        return False

    # -- targets
    def target(self, t: Target) -> Verdict:
        self._readings, self._steps = {}, []
        method = t.method or self.spec.policy.method or DEFAULT_METHOD
        base = t.base or self.spec.policy.base
        ctx = _Context(t, self.as_of, base.value if base else None, method)
        problem = _invalid_years(t, self.spec.policy.base)
        if problem is not None:  # reported by the checker (TGT105)
            common = ctx.common(None, None, None, None, None, Fraction(0), False)
            return self.finish(ctx, _unknown_verdict(common, Unknown(undefined=(problem,))))
        if isinstance(t.condition, Trend):
            problem = _invalid_call(t.condition.call, trend=True)
            if problem is not None:  # reported by the checker (TGT102, TGT205-207)
                common = ctx.common(None, None, None, None, None, Fraction(0), False)
                return self.finish(ctx, _unknown_verdict(common, Unknown(undefined=(problem,))))
            return self.finish(ctx, self.trend(ctx, t.condition))
        if ctx.method not in METHODS:  # reported by the checker (TGT210)
            common = ctx.common(None, None, None, None, None, Fraction(0), False)
            return self.finish(ctx, _unknown_verdict(common, Unknown(undefined=(f"unknown evaluation method '{ctx.method}'",))))
        if isinstance(t.schedule, EveryYear):
            return self.finish(ctx, self.every_year(ctx, t.schedule))
        return self.finish(ctx, self.by_deadline(ctx))

    def finish(self, ctx: "_Context", v: Verdict) -> Verdict:
        # dataclasses.replace, without its per-call introspection (a quarter of the evaluation time)
        values = {name: getattr(v, name) for name in _verdict_fields()}
        values.update(readings=tuple(self._readings.values()), steps=tuple(self._steps), method=ctx.method)
        return Verdict(**values)

    def bounds(self, ctx: "_Context", year: int) -> tuple[Result, Result | None, Fraction]:
        """(lower-or-only threshold, upper bound, tolerance) of the condition in ``year``."""
        cond = ctx.target.condition
        tol = Fraction(0)
        approx = getattr(cond, "approx", None)
        if approx is not None and approx.tolerance is not None:
            t = self.value(approx.tolerance, year)
            tol = abs(t) if isinstance(t, Fraction) else Fraction(0)
        if isinstance(cond, Between):
            return self.value(cond.low, year), self.value(cond.high, year), tol
        assert isinstance(cond, Compare)
        return self.value(cond.right, year), None, tol

    def judge(self, ctx: "_Context", year: int) -> tuple[str, Result, Result, Result | None, Fraction]:
        """In one year: ('holds' | 'fails' | 'above' | 'unknown', actual, threshold, upper, tolerance)."""
        cond = ctx.target.condition
        left = cond.operand if isinstance(cond, Between) else cond.left  # type: ignore[union-attr]
        actual = self.value(left, year)
        low, high, tol = self.bounds(ctx, year)
        if isinstance(actual, Unknown) or isinstance(low, Unknown) or isinstance(high, Unknown):
            return "unknown", actual, low, high, tol
        if isinstance(cond, Between):
            assert high is not None
            if actual > high + tol:
                return "above", actual, low, high, tol
            return ("holds" if actual >= low - tol else "fails"), actual, low, high, tol
        return ("holds" if _compare(cond.op, actual, low, tol) else "fails"), actual, low, high, tol

    def by_deadline(self, ctx: "_Context") -> Verdict:
        t = ctx.target
        deadline = t.schedule.year.value if isinstance(t.schedule, Deadline) else None
        year = min(self.as_of, deadline) if deadline is not None else self.as_of
        outcome, actual, low, high, tol = self.judge(ctx, year)
        common = ctx.common(year, deadline, actual, low, high, tol, self.is_percent(_left(t)))
        if outcome == "unknown":
            return _unknown_verdict(common, _join(actual, low, high))
        if outcome == "holds":
            return Verdict(status=Status.MET, rule="met.holds", **common)
        if outcome == "above":
            return Verdict(status=Status.EXCEEDED, rule="exceeded.above_range", **common)
        if deadline is None:
            return Verdict(status=Status.NOT_MET, rule="not_met.no_deadline", **common)
        if self.as_of >= deadline:
            return Verdict(status=Status.NOT_MET, rule="not_met.deadline_reached", **common)
        return self.progress(ctx, common, actual, low, tol)  # type: ignore[arg-type]

    def progress(self, ctx: "_Context", common: dict, actual: Fraction, low: Fraction, tol: Fraction) -> Verdict:  # type: ignore[type-arg]
        """Before the deadline: compare with the method's expected value for the as-of year."""
        t, base_year, deadline = ctx.target, ctx.base_year, common["deadline"]
        if base_year is None:
            return Verdict(status=Status.INSUFFICIENT_DATA, rule="insufficient.no_base_year", **common)
        base_value = self.value(_left(t), base_year)
        if isinstance(base_value, Unknown):
            return _unknown_verdict(common, base_value, rule_prefix="line")
        cond = t.condition
        op = ">=" if isinstance(cond, Between) else cond.op  # type: ignore[union-attr]
        goal = low - tol if op in (">=", ">") or isinstance(cond, Between) else low + tol if op in ("<=", "<") else low
        upward = op in (">=", ">") or isinstance(cond, Between) or (op in ("==", "!=") and goal >= base_value)
        year = max(base_year, min(self.as_of, deadline))
        expected = METHODS[ctx.method].expected(base_value, goal, base_year, deadline, year)
        ahead = actual >= expected if upward else actual <= expected
        status, rule = (Status.ON_TRACK, "on_track.on_line") if ahead else (Status.BEHIND, "behind.below_line")
        common.update(base_value=base_value, goal=goal, expected=expected)
        return Verdict(status=status, rule=rule, **common)

    def every_year(self, ctx: "_Context", sched: EveryYear) -> Verdict:
        t = ctx.target
        end = min(self.as_of, sched.end.value) if sched.end else self.as_of
        years = list(range(sched.start.value, end + 1))
        deadline = sched.end.value if sched.end else None
        percent = self.is_percent(_left(t))
        if not years:
            common = ctx.common(None, deadline, None, None, None, Fraction(0), percent)
            return Verdict(status=Status.ON_TRACK, rule="on_track.not_started", period=(sched.start.value, end), **common)
        broken, above, unknown = [], [], Unknown()
        last = None
        for y in years:
            last = self.judge(ctx, y)
            outcome = last[0]
            if outcome == "fails":
                broken.append(y)
            elif outcome == "above":
                above.append(y)
            elif outcome == "unknown":
                unknown = unknown + _join(last[1], last[2], last[3])
        assert last is not None
        _, actual, low, high, tol = last
        common = ctx.common(years[-1], deadline, actual, low, high, tol, percent)
        common["period"] = (years[0], years[-1])
        if broken or above:
            status = Status.EXCEEDED if above and not broken else Status.NOT_MET
            rule = "exceeded.above_range" if status is Status.EXCEEDED else "not_met.year_broken"
            return Verdict(status=status, rule=rule, broken_years=tuple(broken + above), **common)
        if unknown.missing or unknown.undefined:
            return _unknown_verdict(common, unknown)
        return Verdict(status=Status.MET, rule="met.every_year", **common)

    def trend(self, ctx: "_Context", cond: Trend) -> Verdict:
        t, call = ctx.target, cond.call
        name = call.args[0].name if call.args and isinstance(call.args[0], Ref) else ""
        deadline = t.schedule.year.value if isinstance(t.schedule, Deadline) else None
        end = min(self.as_of, deadline) if deadline is not None else self.as_of
        series = self.data.series.get(name)
        start = _year_of(call.args[1]) if len(call.args) > 1 else min(series.cells, default=end) if series else end
        common = ctx.common(end, deadline, None, None, None, Fraction(0), False)
        common["period"] = (start, end)
        points: list[tuple[int, Fraction]] = []
        unknown = Unknown()
        for y in range(start, end + 1):
            v = self.read(name, y)
            if isinstance(v, Fraction):
                points.append((y, v))
            elif not (v.missing and v.missing[0].value is Marker.NOT_APPLICABLE and not points):
                unknown = unknown + v  # n/a before the first number: the programme did not exist yet
        last_reading = self._readings.get((name, end))
        if last_reading is not None and last_reading.value is Marker.PENDING:
            return _unknown_verdict(common, Unknown((last_reading,)))
        if len(points) < 2:
            missing = unknown.missing or tuple(self._readings.values())
            return Verdict(status=Status.INSUFFICIENT_DATA, rule="insufficient.trend_points", missing=missing, **common)
        rising = call.func == "increasing"
        broken = tuple(y2 for (y1, a), (y2, b) in zip(points, points[1:]) if (b <= a if rising else b >= a))
        common["actual"] = points[-1][1]
        common["base_value"], common["base_year"] = points[0][1], points[0][0]
        if not broken:
            return Verdict(status=Status.MET, rule="met.trend", missing=unknown.missing, **common)
        if deadline is not None and self.as_of < deadline:
            return Verdict(status=Status.BEHIND, rule="behind.trend_broken", broken_years=broken, **common)
        return Verdict(status=Status.NOT_MET, rule="not_met.trend_broken", broken_years=broken, **common)


@dataclass
class _Context:
    target: Target
    as_of: int
    base_year: int | None
    method: str

    def common(self, year: int | None, deadline: int | None, actual: object, low: object, high: object,
               tol: Fraction, percent: bool) -> dict:  # type: ignore[type-arg]
        return dict(
            target=self.target, as_of=self.as_of, judged_year=year, deadline=deadline, base_year=self.base_year,
            actual=actual if isinstance(actual, Fraction) else None,
            threshold=low if isinstance(low, Fraction) else None,
            upper=high if isinstance(high, Fraction) else None,
            tolerance=tol or None, percent=percent,
        )


def _unknown_verdict(common: dict, unknown: Result | None, rule_prefix: str = "value") -> Verdict:  # type: ignore[type-arg]
    u = unknown if isinstance(unknown, Unknown) else Unknown()
    pending = u.missing and not u.undefined and all(r.value is Marker.PENDING for r in u.missing)
    if pending:
        return Verdict(status=Status.PENDING, rule=f"pending.{rule_prefix}_pending", missing=u.missing, **common)
    rule = "insufficient.undefined" if u.undefined else f"insufficient.{rule_prefix}_missing"
    return Verdict(status=Status.INSUFFICIENT_DATA, rule=rule, missing=u.missing, undefined=u.undefined, **common)


def _join(*results: object) -> Unknown:
    out = Unknown()
    for r in results:
        if isinstance(r, Unknown):
            out = out + r
    return out


def _compare(op: str, a: Fraction, b: Fraction, tol: Fraction) -> bool:
    if op == ">=":
        return a >= b - tol
    if op == ">":
        return a > b - tol
    if op == "<=":
        return a <= b + tol
    if op == "<":
        return a < b + tol
    if op == "==":
        return abs(a - b) <= tol
    return abs(a - b) > tol  # "!="


def _left(t: Target) -> Expr:
    c = t.condition
    return c.operand if isinstance(c, Between) else c.left  # type: ignore[union-attr]


def _invalid_call(e: Call, trend: bool = False) -> str | None:
    """Why a call cannot be computed, by the one function table (``functions``); None when it can."""
    sig = FUNCTIONS.get(e.func)
    if sig is None or (sig.result is Kind.TREND) != trend:
        return f"{e.func}(…) is not a {'condition' if trend else 'function that gives a number'}"
    args = e.args
    if not sig.min_args <= len(args) <= len(sig.params):
        return f"{e.func}(…) is given {len(args)} argument{'s' if len(args) != 1 else ''}: write {sig.usage()}"
    for param, arg in zip(sig.params, args):
        kind = param.kind
        if kind is Kind.INDICATOR and type(arg) is not Ref:
            return f"the {param.name} of {e.func}(…) is not an indicator name"
        if kind is Kind.YEAR and not _is_year(arg):
            return f"the {param.name} of {e.func}(…) is not a year"
    return None


def _is_year(e: Expr) -> bool:
    """A year the evaluator can read: a valid Year (the parser keeps an invalid one as 0) or a whole number in range."""
    if type(e) is Year:
        return MIN_YEAR <= e.value <= MAX_YEAR
    return type(e) is Number and not e.percent and e.value.denominator == 1 and MIN_YEAR <= e.value <= MAX_YEAR


def _invalid_years(t: Target, policy_base: Year | None) -> str | None:
    """Why the target's years cannot be used (the checker reports it: TGT105), or None."""
    sched = t.schedule
    years = [y for y in (t.base or policy_base, getattr(sched, "year", None), getattr(sched, "start", None),
                         getattr(sched, "end", None)) if y is not None]
    bad = next((y for y in years if not _is_year(y)), None)
    return f"{bad.text or bad.value} is not a year" if bad is not None else None


def _year_of(e: Expr) -> int:
    if isinstance(e, Year):
        return e.value
    assert isinstance(e, Number)
    return int(e.value)


def _label(year: int) -> str:
    from .years import era_label

    return era_label(year)


def evaluate(spec: Spec, data: Dataset, as_of: int) -> list[Verdict]:
    """One verdict per target, in the spec's order."""
    from .gcpause import paused

    ev = Evaluator(spec, data, as_of)
    with paused():  # verdicts, readings and Fractions form no cycles: see gcpause
        return [ev.target(t) for t in spec.targets]


def default_as_of(data: Dataset) -> int | None:
    return data.latest_year()
