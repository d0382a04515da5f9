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

The verdict and value types are in ``verdict.py`` and constant folding in
``folding.py``; both are re-exported here.  Each judging method drafts its
verdict as a dict of fields and ``Evaluator.finish`` builds it once, with the
readings and steps gathered on the way; a cell read by many targets is
looked up once per run (``Evaluator.read``).
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.years import MAX_YEAR, MIN_YEAR
from ..data.dataset import Dataset, Marker, series_id
from ..language.direction import HIGHER, LOWER, WITHIN, declared_direction, implied_direction

# constant folding lives in folding.py; re-exported here, where callers have always imported it
from ..language.folding import MAX_BITS, _arith, constant_order, constant_values, fold_constant, fold_with
from ..language.nodes import (
    Approx,
    Between,
    BinOp,
    Call,
    Compare,
    Constant,
    Deadline,
    EveryYear,
    Expr,
    Indicator,
    Neg,
    Number,
    Ref,
    Spec,
    Target,
    Trend,
    Year,
)
from ..language.printer import expr_text
from .functions import FUNCTIONS, Arguments, Kind
from .methods import DEFAULT_METHOD, METHODS, Line

# the verdict and value types live in verdict.py; re-exported here, where callers have always imported them
from .verdict import Reading, Result, Status, Step, Unknown, Verdict
from .why import Why, refused

__all__ = [
    "MAX_BITS", "Evaluator", "Reading", "Result", "Status", "Step", "Unknown", "Verdict",
    "constant_order", "constant_values", "evaluate", "line_goal", "fold_constant", "fold_with",
]

# A verdict is drafted as a dict of its fields (``_Draft``) by the judging methods and built once, in
# ``Evaluator.finish``, with the readings and steps gathered on the way: one frozen object per target.
_Draft = dict[str, Any]


class Evaluator:
    def __init__(self, spec: Spec, data: Dataset, as_of: int) -> None:
        self.spec, self.data, self.as_of = spec, data, as_of
        self.indicators: dict[str, Indicator] = {i.id: i for i in spec.indicators}
        self.constants: dict[str, Constant] = {c.id: c for c in spec.constants}
        self._readings: dict[tuple[str, int], Reading] = {}  # those of the target being judged, in order
        # every cell read so far, as (reading, value): the data and the declarations do not change
        self._cells: dict[tuple[str, int], tuple[Reading, Result]] = {}
        self._steps: list[Step] = []
        # constants once, each after those it uses: no recursion through a chain of them
        self.constant_values = constant_values(self.constants)
        from .scales import Rater, resolve

        scale = resolve(spec)  # the rating scale (`rated on`): each verdict gets its grade (scales.Rater)
        self.rater = Rater(scale) if scale is not None else None
        order, cycles = constant_order(self.constants)
        self._percent: dict[str, bool] = dict.fromkeys(cycles, False)
        for name in order:
            self._percent.setdefault(name, self.is_percent(self.constants[name].value))

    # -- values
    def read(self, indicator: str, year: int) -> Result:
        if year > self.as_of:  # the as-of cut: a later year is never read, so a past sheet can be reproduced
            return Unknown(later=(year,))
        key = (indicator, year)
        known = self._cells.get(key)
        if known is None:
            known = self._cells[key] = self._read(indicator, year)
        reading, result = known
        self._readings.setdefault(key, reading)
        return result

    def _read(self, indicator: str, year: int) -> tuple[Reading, Result]:
        """One cell as a reading and a value; ``read`` keeps it, as many targets read the same cells."""
        series = self.data.series.get(indicator)
        cell = series.get(year) if series is not None else None
        value = cell.value if cell is not None else None
        ind = self.indicators.get(indicator)
        label = ind.label if ind else None
        if ind is None and "[" in indicator:  # one breakdown key's series, employment[region=DE]: the indicator's unit
            name, _, keys = indicator.partition("[")
            ind = self.indicators.get(name)
            label = f"{ind.label}[{keys}" if ind else None
        reading = Reading(indicator, year, value, cell.note if cell is not None else None,
                          label, ind.unit if ind else None)
        if isinstance(value, Fraction):
            return reading, value / 100 if ind is not None and ind.is_percent else value  # 25.5 (%) is 0.255
        return reading, Unknown((reading,))

    def value(self, e: Expr, year: int) -> Result:
        if isinstance(e, Number):
            return _percent_fraction(e.value) if e.percent else e.value
        if isinstance(e, Ref):
            if e.name in self.constants:
                folded = self.constant_values.get(e.name)
                return folded if folded is not None else Unknown(undefined=(Why(f"constant {e.name} cannot be computed", f"定数 {e.name} を計算できない"),))
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
                return Unknown(undefined=(Why(f"division by zero in {expr_text(e)}", f"{expr_text(e)} は0で割っている"),))
            r = _arith(e.op, a, b)
            if r is None:
                return Unknown(undefined=(Why(f"{expr_text(e)} is too large a number to compute exactly",
                                              f"{expr_text(e)} は正確に計算するには大きすぎる"),))
            return r
        if isinstance(e, Call):
            return self.call(e, year)
        raise AssertionError(f"unknown expression {e!r}")

    def call(self, e: Call, year: int) -> Result:
        """A function's value, by its record in ``functions``; the step is kept for `explain`."""
        problem = _invalid_call(e)
        if problem is not None:  # the checker reports it (TGT205-207); unchecked trees still get a verdict
            return Unknown(undefined=(problem,))
        fn = FUNCTIONS[e.func]
        compute = fn.compute
        if compute is None:
            raise AssertionError(f"{e.func} is not a numeric function")
        # each argument as the computation takes it: an indicator's name, a year, or a quantity's value in ``year``
        values: list[str | int | Result] = []
        for param, arg in zip(fn.params, e.args, strict=False):
            kind = param.kind
            if kind is Kind.INDICATOR:  # a breakdown key's series under its own id: employment[region=DE]
                values.append(arg.name if not arg.keys else series_id(arg.name, arg.pairs))  # type: ignore[union-attr]
            else:
                values.append(_year_of(arg) if kind is Kind.YEAR else self.value(arg, year))
        result, operands = compute(Arguments(e, year, self.read, tuple(values)))
        inputs = tuple(v if isinstance(v, Fraction) else None for v in operands)
        self._steps.append(Step(e, year, result if isinstance(result, Fraction) else None, self.is_percent(e), inputs))
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
            fn = FUNCTIONS.get(e.func)
            if fn is None:
                return False
            if fn.result is Kind.OF_INDICATOR:
                i = fn.indicator_index
                arg = e.args[i] if i is not None and i < len(e.args) else None
                ind = self.indicators.get(arg.name) if isinstance(arg, Ref) else None
                return ind is not None and ind.is_percent
            return fn.result is Kind.PERCENT
        return False

    def argument_percent(self, call: Call, i: int) -> bool:
        """Whether the call's ``i``-th argument is a percent: an indicator's unit, else the expression's kind."""
        if i >= len(call.args):
            return False
        arg = call.args[i]
        if isinstance(arg, Ref) and arg.name in self.indicators:
            return self.indicators[arg.name].is_percent
        return self.is_percent(arg)

    # -- targets
    def target(self, t: Target) -> Verdict:
        if t.each is not None:  # judged per key of a breakdown dimension: breakdown.py
            from .breakdown import judge_each

            return judge_each(self, t)
        self._readings, self._steps = {}, []
        method = t.method or self.spec.policy.method or DEFAULT_METHOD
        base = t.base or self.spec.policy.base
        latest = (t.judge or self.spec.policy.judge or "latest") == "latest"
        ctx = _Context(t, self.as_of, base.value if base else None, method, self.direction(t), latest, _milestones(t))
        problem = _invalid_years(t, self.spec.policy.base)
        if problem is not None:  # reported by the checker (TGT105)
            return self.finish(ctx, _unknown_verdict(ctx.common(None, None, None, None, None, Fraction(0), False),
                                                     Unknown(undefined=(problem,))))
        if isinstance(t.condition, Trend):
            problem = _invalid_call(t.condition.call, trend=True)
            if problem is not None:  # reported by the checker (TGT102, TGT205-207)
                return self.finish(ctx, _unknown_verdict(ctx.common(None, None, None, None, None, Fraction(0), False),
                                                         Unknown(undefined=(problem,))))
            return self.finish(ctx, self.trend(ctx, t.condition))
        if ctx.method not in METHODS:  # reported by the checker (TGT210)
            return self.finish(ctx, _unknown_verdict(ctx.common(None, None, None, None, None, Fraction(0), False),
                                                     Unknown(undefined=(refused(f"unknown evaluation method '{ctx.method}'"),))))
        if isinstance(t.schedule, EveryYear):
            return self.finish(ctx, self.every_year(ctx, t.schedule))
        return self.finish(ctx, self.by_deadline(ctx))

    def direction(self, t: Target) -> str | None:
        """The desirable direction: a range's declared one (else within); a comparison's or trend's own (the checker
        reports a declaration that contradicts it, TGT230)."""
        if isinstance(t.condition, Between):
            return declared_direction(t, self.indicators)[0] or WITHIN
        return implied_direction(t.condition)

    def finish(self, ctx: _Context, draft: _Draft) -> Verdict:
        """The verdict of a draft, with the readings and steps of the target just judged (and the recorded
        judgement of the as-of year, if the spec records one: ``recorded.py``)."""
        if self.rater is not None:  # the grade on the rating scale, from the draft's numbers
            get = draft.get
            value_year = get("value_year")
            milestone = get("milestone")
            draft["rating"] = self.rater.rate(
                draft["status"].value, get("achievement"), get("progress"), ctx.direction, get("base_year"),
                value_year if value_year is not None else get("judged_year"), milestone[0] if milestone is not None else get("deadline"))
        if ctx.target.judgements:
            from .recorded import recorded_for

            draft["recorded"] = recorded_for(ctx.target, self.as_of, draft["status"])
        return Verdict(**draft, readings=tuple(self._readings.values()), steps=tuple(self._steps), method=ctx.method,
                       direction=ctx.direction)

    def bounds(self, ctx: _Context, year: int, stage: int = -1) -> tuple[Result, Result | None, Result]:
        """(lower-or-only threshold, upper bound, tolerance) of the condition in ``year``; any may be unknown.

        A target with milestones has one threshold per milestone: ``stage`` picks it (the last, the deadline's,
        unless told)."""
        cond = ctx.target.condition
        approx = getattr(cond, "approx", None)
        if ctx.milestones and isinstance(cond, Compare):
            _, right, approx = ctx.milestones[stage]
        elif isinstance(cond, Compare):
            right = cond.right
        tol: Result = Fraction(0)
        if approx is not None and approx.tolerance is not None:
            t = self.value(approx.tolerance, year)
            tol = abs(t) if isinstance(t, Fraction) else t
        if isinstance(cond, Between):
            return self.value(cond.low, year), self.value(cond.high, year), tol
        return self.value(right, year), None, tol

    def judge(self, ctx: _Context, year: int, stage: int = -1) -> tuple[str, Result, Result, Result | None, Result]:
        """In one year: ('holds' | 'fails' | 'exceeded' | 'unknown', actual, threshold, upper, tolerance).

        'exceeded': beyond a range's bound on the side of the desirable direction."""
        cond = ctx.target.condition
        left = cond.operand if isinstance(cond, Between) else cond.left  # type: ignore[union-attr]
        actual = self.value(left, year)
        low, high, tol = self.bounds(ctx, year, stage)
        if isinstance(actual, Unknown) or isinstance(low, Unknown) or isinstance(high, Unknown) or isinstance(tol, Unknown):
            return "unknown", actual, low, high, tol
        if isinstance(cond, Between):
            assert high is not None
            if actual > high + tol:
                return ("exceeded" if ctx.direction == HIGHER else "fails"), actual, low, high, tol
            if actual < low - tol:
                return ("exceeded" if ctx.direction == LOWER else "fails"), actual, low, high, tol
            return "holds", actual, low, high, tol
        return ("holds" if _compare(cond.op, actual, low, tol) else "fails"), actual, low, high, tol  # type: ignore[union-attr]

    def by_deadline(self, ctx: _Context) -> _Draft:
        t = ctx.target
        deadline = t.schedule.final.value if isinstance(t.schedule, Deadline) else None
        judged = min(self.as_of, deadline) if deadline is not None else self.as_of
        year, (outcome, actual, low, high, tol) = self.latest_judgement(ctx, judged, deadline)
        common = ctx.common(judged, deadline, actual, low, high, tol, self.is_percent(_left(t)))
        if outcome == "unknown":
            return _unknown_verdict(common, _join(actual, low, high, tol))
        common["value_year"] = year
        self.ratios(ctx, common, year, actual, low, high)  # type: ignore[arg-type]
        if outcome == "holds":
            return dict(common, status=Status.MET, rule="met.holds")
        if outcome == "exceeded":
            return dict(common, status=Status.EXCEEDED, rule="exceeded.beyond_range")
        if deadline is None:
            return dict(common, status=Status.NOT_MET, rule="not_met.no_deadline")
        if year >= deadline:
            return dict(common, status=Status.NOT_MET, rule="not_met.deadline_reached")
        if ctx.milestones:
            return self.milestone(ctx, common, year, actual)  # type: ignore[arg-type]
        return self.progress(ctx, common, year, actual, low, high, tol)  # type: ignore[arg-type]

    def milestone(self, ctx: _Context, common: _Draft, year: int, actual: Fraction) -> _Draft:
        """Before the deadline of a target with milestones: the milestone of the value's year is judged (met:
        on track, missed: behind); between milestones, the straight line from the previous milestone (or the
        base year's value) to the next one."""
        stage = ctx.stage(year)
        at = ctx.milestones[stage][0]
        outcome, _, low, high, tol = self.judge(ctx, year, stage)
        if at == year:
            if outcome == "unknown":
                return _unknown_verdict(common, _join(low, tol))
            common.update(milestone=(at, low), milestone_tolerance=tol if isinstance(tol, Fraction) and tol else None)
            met = outcome == "holds"
            return dict(common, status=Status.ON_TRACK if met else Status.BEHIND,
                        rule="on_track.milestone_met" if met else "behind.milestone_missed")
        goal_low, _, goal_tol = self.bounds(ctx, at, stage)  # the next milestone, in its own year
        if isinstance(goal_low, Unknown) or isinstance(goal_tol, Unknown):
            return _unknown_verdict(common, _join(goal_low, goal_tol))
        common["milestone"] = (at, goal_low)
        if stage == 0:
            return self.progress(ctx, common, year, actual, goal_low, None, goal_tol, end=at)
        previous_year = ctx.milestones[stage - 1][0]
        previous, _, _ = self.bounds(ctx, previous_year, stage - 1)
        if isinstance(previous, Unknown):
            return _unknown_verdict(common, previous)
        return self.progress(ctx, common, year, actual, goal_low, None, goal_tol, start=(previous_year, previous), end=at)

    def latest_judgement(self, ctx: _Context, judged: int, deadline: int | None) -> tuple[int, _Judgement]:
        """The judgement in ``judged``, or (judging on the latest value, 直近値) in the latest earlier year that has the values.

        Only cells with no number and no 集計中 (no entry, －, empty) in the year tried move the judgement to
        another year; at or after the deadline the years after it up to the as-of year come next, latest first,
        then the years before it."""
        first = self.judge(ctx, judged)
        if not ctx.latest or not _absent_in(first, judged):
            return judged, first
        floor = ctx.base_year if ctx.base_year is not None else self.first_year
        after = range(self.as_of, judged, -1) if deadline is not None and judged == deadline else range(0)
        readings, steps = dict(self._readings), list(self._steps)
        for year in (*after, *range(judged - 1, floor - 1, -1)):
            self._readings, self._steps = dict(readings), list(steps)  # the first try's readings and the used year's
            outcome = self.judge(ctx, year)
            if not _absent_in(outcome, year):  # a judgement, or the latest year is still 集計中 or undefined
                return year, outcome
        self._readings, self._steps = readings, steps
        return judged, first

    def ratios(self, ctx: _Context, common: _Draft, year: int, actual: Fraction, low: Fraction, high: Fraction | None) -> None:
        """The achievement ratio (actual ÷ target value) and the progress ratio ((actual − base) ÷ (target − base)).

        The target value is the threshold, or a directed range's bound on its better side's way (the lower bound
        for `better higher`, the upper for `better lower`); a range to keep within has neither ratio."""
        cond = ctx.target.condition
        target: Fraction | None
        if isinstance(cond, Between):
            target = low if ctx.direction == HIGHER else high if ctx.direction == LOWER else None
        elif ctx.milestones:  # the milestone of the value's year, or the next one: the year's target
            stage = ctx.stage(year)
            staged = self.bounds(ctx, ctx.milestones[stage][0], stage)[0]
            target = staged if isinstance(staged, Fraction) else None
        else:
            target = low
        if target is None or ctx.direction not in (HIGHER, LOWER, WITHIN):  # `!=` states no target value to reach
            return
        if target > 0 and actual >= 0:  # a ratio of amounts: a target of -10 (a fall) has none, progress says it
            common["achievement"] = actual / target
        base_year, left = ctx.base_year, _left(ctx.target)
        if base_year is None or base_year > self.as_of or (isinstance(left, Call) and len(left.args) > 1 and left.func == "value"):
            return  # no base year, or a value of a fixed year: nothing progressed from the base
        base = self.value(left, base_year)
        if not isinstance(base, Fraction):
            return
        common["base_value"] = base
        rising = target > base
        if target != base and (ctx.direction == WITHIN or rising == (ctx.direction == HIGHER)):
            # only when the base had the target still to reach in the desirable direction
            common["progress"] = (actual - base) / (target - base)

    @functools.cached_property
    def first_year(self) -> int:
        """The data's earliest year: where the search for a latest value stops when there is no base year."""
        first = self.data.first_year()
        return first if first is not None else self.as_of

    def progress(self, ctx: _Context, common: _Draft, year: int, actual: Fraction, low: Fraction, high: Fraction | None,
                 tol: Fraction, start: tuple[int, Fraction] | None = None, end: int | None = None) -> _Draft:
        """Not holding on a value from before the deadline: compare with the method's expected value for ``year``.

        The line runs from the base year's value to the goal at the deadline, or (milestones) from ``start``
        (the previous milestone's year and value) to the goal at ``end`` (the next milestone's year)."""
        t, base_year, deadline = ctx.target, ctx.base_year, end if end is not None else common["deadline"]
        if base_year is not None and year <= base_year:
            return dict(common, status=Status.INSUFFICIENT_DATA, rule="insufficient.at_base_year")
        if ctx.direction == WITHIN and isinstance(t.condition, Between):
            return dict(common, status=Status.BEHIND, rule="behind.outside_range")
        if start is not None:
            base_year, base_value = start
            common["base_year"] = base_year
        elif base_year is None:
            return dict(common, status=Status.INSUFFICIENT_DATA, rule="insufficient.no_base_year")
        else:
            measured = self.value(_left(t), base_year)
            if isinstance(measured, Unknown):
                return _unknown_verdict(common, measured, rule_prefix="line")
            base_value = measured
        goal, upward = line_goal(t.condition, ctx.direction, low, high, tol, base_value)
        method = METHODS[ctx.method]
        points = self.points(_left(t), base_year, year) if method.needs_points else ()
        judged = method.judge(Line(base_year, base_value, goal, deadline, year, actual, upward, points))
        common.update(base_value=base_value, goal=goal)
        if judged.problem is not None:
            return dict(common, status=Status.INSUFFICIENT_DATA, rule="insufficient.undefined", undefined=(judged.problem,))
        common.update(expected=judged.expected, projection=judged.projection, grade=judged.grade, method_facts=judged.facts)
        on_track, behind = method.rules
        return dict(common, status=Status.ON_TRACK if judged.on_track else Status.BEHIND, rule=on_track if judged.on_track else behind)

    def points(self, e: Expr, first: int, last: int) -> tuple[tuple[int, Fraction], ...]:
        """The numbers of an expression from ``first`` to ``last`` (years without one are left out)."""
        out = []
        for y in range(first, last + 1):
            v = self.value(e, y)
            if isinstance(v, Fraction):
                out.append((y, v))
        return tuple(out)

    def every_year(self, ctx: _Context, sched: EveryYear) -> _Draft:
        t = ctx.target
        end = min(self.as_of, sched.end.value) if sched.end else self.as_of
        years = list(range(sched.start.value, end + 1))
        deadline = sched.end.value if sched.end else None
        percent = self.is_percent(_left(t))
        if not years:
            common = ctx.common(None, deadline, None, None, None, Fraction(0), percent)
            return dict(common, status=Status.INSUFFICIENT_DATA, rule="insufficient.not_started", period=(sched.start.value, end))
        broken, beyond, unknown = [], [], Unknown()
        last = None
        for y in years:
            last = self.judge(ctx, y)
            outcome = last[0]
            if outcome == "fails":
                broken.append(y)
            elif outcome == "exceeded":
                beyond.append(y)
            elif outcome == "unknown":
                unknown = unknown + _join(*last[1:])
        assert last is not None
        _, actual, low, high, tol = last
        common = ctx.common(years[-1], deadline, actual, low, high, tol, percent)
        common["period"] = (years[0], years[-1])
        common["value_year"] = years[-1] if isinstance(actual, Fraction) else None
        if broken:
            return dict(common, status=Status.NOT_MET, rule="not_met.year_broken", broken_years=tuple(broken))
        if unknown.missing or unknown.undefined or unknown.later:
            return _unknown_verdict(common, unknown)
        if beyond:
            return dict(common, status=Status.EXCEEDED, rule="exceeded.beyond_range", broken_years=tuple(beyond))
        return dict(common, status=Status.MET, rule="met.every_year")

    def trend(self, ctx: _Context, cond: Trend) -> _Draft:
        t, call = ctx.target, cond.call
        first = call.args[0] if call.args else None
        name = (first.name if not first.keys else series_id(first.name, first.pairs)) if isinstance(first, Ref) else ""
        sched = t.schedule
        deadline = sched.final.value if isinstance(sched, Deadline) else sched.end.value if isinstance(sched, EveryYear) and sched.end else None
        end = min(self.as_of, deadline) if deadline is not None else self.as_of
        series = self.data.series.get(name)
        if len(call.args) > 1:
            start = _year_of(call.args[1])
        elif isinstance(sched, EveryYear):
            start = sched.start.value
        else:
            start = min(series.cells, default=end) if series else end
        common = ctx.common(end, deadline, None, None, None, Fraction(0), False)
        common["period"] = (start, end)
        if start > self.as_of:  # the trend's period has not started by the as-of year
            return dict(common, status=Status.INSUFFICIENT_DATA, rule="insufficient.not_started")
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
            return dict(common, status=Status.INSUFFICIENT_DATA, rule="insufficient.trend_points", missing=missing)
        rising = call.func == "increasing"
        broken = tuple(y2 for (y1, a), (y2, b) in itertools.pairwise(points) if (b <= a if rising else b >= a))
        common["actual"], common["value_year"] = points[-1][1], points[-1][0]
        common["base_value"], common["base_year"] = points[0][1], points[0][0]
        if not broken:
            return dict(common, status=Status.MET, rule="met.trend", missing=unknown.missing)
        if deadline is not None and self.as_of < deadline:
            return dict(common, status=Status.BEHIND, rule="behind.trend_broken", broken_years=broken)
        return dict(common, status=Status.NOT_MET, rule="not_met.trend_broken", broken_years=broken)


# one year's judgement: (outcome, actual, threshold, upper, tolerance)
_Judgement = tuple[str, Result, Result, Result | None, Result]


def line_goal(cond: Compare | Between | Trend, direction: str | None, low: Fraction, high: Fraction | None, tol: Fraction,
              base_value: Fraction) -> tuple[Fraction, bool]:
    """The value the progress line aims at (the bound on the way, its tolerance included) and whether it rises.

    >=/> (and a range under `better higher`) rise to the lower bound less the tolerance, <=/< (and a range under
    `better lower`) fall to the upper bound plus the tolerance, == runs from the base value to its value."""
    if isinstance(cond, Between):
        if direction == LOWER:
            assert high is not None
            return high + tol, False
        return low - tol, True
    op = cond.op if isinstance(cond, Compare) else ">="
    if op in (">=", ">"):
        return low - tol, True
    if op in ("<=", "<"):
        return low + tol, False
    return low, low >= base_value


def _milestones(t: Target) -> tuple[tuple[int, Expr, Approx | None], ...]:
    """A `by` target's milestones, the condition's own first: () when it has only its deadline."""
    sched, cond = t.schedule, t.condition
    if not isinstance(sched, Deadline) or not sched.milestones or not isinstance(cond, Compare):
        return ()
    first = (sched.year.value, cond.right, cond.approx)
    return (first, *((m.year.value, m.value, m.approx) for m in sched.milestones))


def _absent_in(judgement: _Judgement, year: int) -> bool:
    """The judgement could not be made only because cells of ``year`` have no number and are not 集計中."""
    if judgement[0] != "unknown":
        return False
    u = _join(*judgement[1:])
    return bool(u.missing) and not u.undefined and not u.later and all(
        r.year == year and r.value is not Marker.PENDING for r in u.missing)


@dataclass
class _Context:
    target: Target
    as_of: int
    base_year: int | None
    method: str
    direction: str | None = None
    latest: bool = True  # judged on the latest value at or before the year (直近値), not only on the year's own
    milestones: tuple[tuple[int, Expr, Approx | None], ...] = ()  # (year, threshold, about): all of them, the first included

    def stage(self, year: int) -> int:
        """The milestone of ``year``, or the next one after it (the last after every milestone): its index."""
        return next((i for i, (at, _, _) in enumerate(self.milestones) if at >= year), len(self.milestones) - 1)

    def common(self, year: int | None, deadline: int | None, actual: object, low: object, high: object,
               tol: object, percent: bool) -> _Draft:
        return dict(
            target=self.target, as_of=self.as_of, judged_year=year, deadline=deadline, base_year=self.base_year,
            actual=actual if isinstance(actual, Fraction) else None,
            threshold=low if isinstance(low, Fraction) else None,
            upper=high if isinstance(high, Fraction) else None,
            tolerance=(tol or None) if isinstance(tol, Fraction) else None, percent=percent,
        )


def _unknown_verdict(common: _Draft, unknown: Result | None, rule_prefix: str = "value") -> _Draft:
    u = unknown if isinstance(unknown, Unknown) else Unknown()
    if u.later:  # the as-of cut: a year after the as-of year cannot be read yet
        return dict(common, status=Status.INSUFFICIENT_DATA, rule="insufficient.after_as_of", later=u.later,
                    missing=u.missing, undefined=u.undefined)
    pending = u.missing and not u.undefined and all(r.value is Marker.PENDING for r in u.missing)
    if pending:
        return dict(common, status=Status.PENDING, rule=f"pending.{rule_prefix}_pending", missing=u.missing)
    rule = "insufficient.undefined" if u.undefined else f"insufficient.{rule_prefix}_missing"
    return dict(common, status=Status.INSUFFICIENT_DATA, rule=rule, missing=u.missing, undefined=u.undefined)


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


def _invalid_call(e: Call, trend: bool = False) -> Why | None:
    """Why a call cannot be computed, by the one function table (``functions``); None when it can."""
    sig = FUNCTIONS.get(e.func)
    if sig is None or (sig.result is Kind.TREND) != trend:
        return refused(f"{e.func}(…) is not a {'condition' if trend else 'function that gives a number'}")
    args, params = e.args, sig.params
    n = len(args)
    if n > len(params) or (n < len(params) and n < sig.min_args):
        return refused(f"{e.func}(…) is given {n} argument{'s' if n != 1 else ''}: write {sig.usage()}")
    for param, arg in zip(params, args, strict=False):
        kind = param.kind
        if kind is Kind.INDICATOR and type(arg) is not Ref:
            return refused(f"the {param.name} of {e.func}(…) is not an indicator name")
        if kind is Kind.YEAR and not _is_year(arg):
            return refused(f"the {param.name} of {e.func}(…) is not a year")
    return None


def _is_year(e: Expr) -> bool:
    """A year the evaluator can read: a valid Year (the parser keeps an invalid one as 0) or a whole number in range."""
    if type(e) is Year:
        return MIN_YEAR <= e.value <= MAX_YEAR
    return type(e) is Number and not e.percent and e.value.denominator == 1 and MIN_YEAR <= e.value <= MAX_YEAR


def _invalid_years(t: Target, policy_base: Year | None) -> Why | None:
    """Why the target's years cannot be used (the checker reports it: TGT105), or None."""
    sched = t.schedule
    years: tuple[Year | None, ...] = (t.base or policy_base,)
    if type(sched) is Deadline:
        years += (sched.year, *(m.year for m in sched.milestones))
    elif type(sched) is EveryYear:
        years += (sched.start, sched.end)
    for y in years:
        if y is not None and not _is_year(y):
            return refused(f"{y.text or y.value} is not a year")
    return None


_fractions: dict[tuple[int, int], Fraction] = {}


def _percent_fraction(value: Fraction) -> Fraction:
    """``Number.fraction`` of a percent (30% is 3/10), once per value: thresholds repeat in every target."""
    key = (value.numerator, value.denominator)  # a Fraction's own hash runs Python code
    known = _fractions.get(key)
    if known is None:
        if len(_fractions) >= 4096:
            _fractions.clear()
        known = _fractions[key] = value / 100
    return known


def _year_of(e: Expr) -> int:
    if isinstance(e, Year):
        return e.value
    assert isinstance(e, Number)
    return int(e.value)


def evaluate(spec: Spec, data: Dataset, as_of: int) -> list[Verdict]:
    """One verdict per target, in the spec's order."""
    from ..core.gcpause import paused

    ev = Evaluator(spec, data, as_of)
    with paused():  # verdicts, readings and Fractions form no cycles: see gcpause
        return [ev.target(t) for t in spec.targets]

