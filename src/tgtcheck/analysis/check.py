"""Static checks: every problem a spec has, found without evaluating it.

The checker walks the tree once, computes the kind of every expression
(number, percent, year, indicator, trend) from the one function table in
``functions``, and collects diagnostics; it never raises and never stops at
the first problem.  ``check_data`` adds the checks that need the data file
(an indicator without a row), naming both the spec position and the data
line.  ``strict=True`` adds the lints of ``tgtcheck check --strict``.
"""

from __future__ import annotations

import functools
from fractions import Fraction

from ..core.diagnostics import (
    ABOUT_WITHOUT_TOLERANCE,
    CONSTANT_CYCLE,
    COUNT_OF_PERCENT,
    DEADLINE_BEFORE_BASE,
    DIRECTION_CONTRADICTS,
    DUPLICATE_CLAUSE,
    DUPLICATE_DECLARATION,
    DUPLICATE_TARGET,
    HEADER_INCOMPLETE,
    HEISEI_AFTER_ITS_END,
    INDICATOR_AS_NUMBER,
    JUDGED_OTHER_YEAR,
    JUDGED_TWICE,
    JUDGED_WITHOUT_REASON,
    MILESTONES_AGAINST_DIRECTION,
    MILESTONES_NEED_COMPARISON,
    MILESTONES_OUT_OF_ORDER,
    NO_DATA,
    NO_DEADLINE,
    NOT_A_YEAR,
    PERCENT_AND_COUNT,
    PERCENT_MISMATCH,
    REVERSED_PERIOD,
    REVERSED_RANGE,
    TARGET_ID_HIDDEN,
    TOLERANCE_KIND,
    TOO_DEEP,
    TREND_AS_NUMBER,
    UNDECLARED_DATA,
    UNEXPECTED_TOKEN,
    UNKNOWN_DIRECTION,
    UNKNOWN_FUNCTION,
    UNKNOWN_JUDGE,
    UNKNOWN_JUDGED_STATUS,
    UNKNOWN_METHOD,
    UNKNOWN_NAME,
    UNKNOWN_ROLLUP,
    UNKNOWN_YEAR_KIND,
    UNUSED,
    WRONG_ARGUMENT_COUNT,
    WRONG_ARGUMENT_KIND,
    YEAR_AS_NUMBER,
    Code,
    Diagnostic,
    Location,
    Span,
)
from ..core.suggest import Budget, suggest
from ..core.years import ParsedYear, YearError, parse_year
from ..data.dataset import Dataset, Series
from ..judging.functions import FUNCTIONS, Kind
from ..judging.methods import METHODS
from ..language.direction import declared_direction, implied_direction
from ..language.nodes import (
    CLAUSE_WORDS,
    MAX_DEPTH,
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
    deeper_than,
)


class Checker:
    def __init__(self, spec: Spec, file: str, strict: bool = False) -> None:
        self.spec, self.file, self.strict = spec, file, strict
        self.diags: list[Diagnostic] = []
        self.indicators: dict[str, Indicator] = {}
        self.constants: dict[str, Constant] = {}
        self.constant_kinds: dict[str, Kind] = {}
        self.constant_values: dict[str, Fraction | None] | None = None
        self.used: set[str] = set()
        self.budget = Budget()  # did-you-mean comparisons left: thousands of misspellings stay linear
        self.hints: dict[tuple[str, bool], str | None] = {}  # (name, indicators only) -> hint, for a misspelling repeated

    # -- reporting
    def report(self, code: Code, span: Span, help: str | None = None, message: str | None = None, **fields: object) -> None:
        """One diagnostic: the code's message template filled with ``fields``, or a variant's own ``message``."""
        text = message if message is not None else code.text(**fields)
        self.diags.append(Diagnostic(code.code, code.severity, text, Location(self.file, span), help))

    # -- the pass
    def run(self) -> list[Diagnostic]:
        spec = self.spec
        for clause, span in spec.duplicates:
            self.report(DUPLICATE_CLAUSE, span, "remove one of them", clause=clause)
        self.policy_header()
        for decl in spec.declarations:
            if isinstance(decl, (Indicator, Constant)):
                self.declare(decl)
        self.constant_kinds_in_order()
        from .check_scales import check_scales

        check_scales(spec, self.report)  # rating scales, `rated on`, `rollup` (TGT240-250)
        seen: dict[str, Target] = {}
        for target in spec.targets:
            self.target_id(target, seen)
            self.target(target)
        if self.strict:
            self.lint_unused()
        from .check_breakdown import static

        self.diags += static(spec, self.file)
        return sorted(self.diags, key=lambda d: (d.location.span.line if d.location.span else 0,
                                                 d.location.span.column if d.location.span else 0, d.code))

    def target_id(self, target: Target, seen: dict[str, Target]) -> None:
        """TGT226 for an id that is empty or hides characters; TGT202 for one that is, or looks, the same as an earlier one."""
        problem = id_problem(target.id)
        if problem is not None:
            self.report(TARGET_ID_HIDDEN, target.id_span, "write the id with visible characters only, without spaces around it: \"6-2-1\"",
                        message=f"target id \"{target.id}\" {problem}")
        key = lookalike(target.id)
        first = seen.get(key)
        if first is None:
            seen[key] = target
        elif first.id == target.id:
            self.report(DUPLICATE_TARGET, target.id_span, "give each target its own id", id=target.id, line=first.span.line)
        else:
            self.report(DUPLICATE_TARGET, target.id_span, "give each target its own id, and write the same id the same way everywhere",
                        message=f"target id \"{target.id}\" looks the same as \"{first.id}\" on line {first.span.line} "
                        f"but differs in {_difference(first.id, target.id)}")

    def policy_header(self) -> None:
        p = self.spec.policy
        for name, year in (("base", p.base), ("due", p.due)):
            if year is None:
                self.report(HEADER_INCOMPLETE, p.span, f"add `{name} H13`-style clause to the policy header (基準年度 / 達成年度)", clause=name)
            else:
                self.year(year)
        if p.base and p.due and p.base.value and p.due.value and p.due.value < p.base.value:
            self.report(DEADLINE_BEFORE_BASE, p.due.span, "the due year (達成年度) must not be before the base year (基準年度)",
                        message=f"the due year {p.due.text} is before the base year {p.base.text}")
        self.method(p.method, p.span)
        self.word("judge", p.judge, p.span)
        self.word("years", p.years, p.span)
        self.word("rollup", p.rollup, p.span)

    def word(self, clause: str, value: str | None, span: Span) -> None:
        """A clause whose value is one of a few words (``better higher``): an unknown one, with a did-you-mean."""
        known = CLAUSE_WORDS[clause]
        if value is not None and value not in known:
            code, meaning = _WORD_CODES[clause]
            forms = [f"`{clause} {k}`" for k in known]
            fix = f"write {', '.join(forms[:-1])} or {forms[-1]}"
            best = suggest(value, list(known))
            self.report(code, span, f"did you mean `{clause} {best}`? {fix}" if best else fix,
                        message=f"unknown {meaning} '{value}' in `{clause} {value}`; known: {', '.join(known)}")

    def judgements(self, t: Target) -> None:
        """Recorded judgements: a known status word (with a did-you-mean), a valid year, one per year."""
        known = CLAUSE_WORDS["judged"]
        first: dict[int, int] = {}
        for j in t.judgements:
            if j.status not in known:
                best = suggest(j.status, list(known))
                fix = UNKNOWN_JUDGED_STATUS.fix
                self.report(UNKNOWN_JUDGED_STATUS, j.status_span, f"did you mean `judged {best}`? {fix}" if best else fix,
                            word=j.status, known=", ".join(known))
            self.year(j.year)
            blank = [what for what, text in (("after `by`", j.by), ("after `because`", j.because)) if not text.strip()]
            if blank:  # the sheet's author overrides the rule: who and why are what an auditor reads
                self.report(JUDGED_WITHOUT_REASON, j.span, JUDGED_WITHOUT_REASON.fix, id=t.id, year=j.year.text,
                            what=" and ".join(blank))
            if j.year.value in first:
                self.report(JUDGED_TWICE, j.span, "keep one judgement per year", id=t.id, year=j.year.text, line=first[j.year.value])
            else:
                first[j.year.value] = j.span.line

    def direction(self, t: Target) -> None:
        """A declared desirable direction (`better`) must agree with a comparison or trend (a range takes any)."""
        cond = t.condition
        if isinstance(cond, Between):
            return
        declared, where = declared_direction(t, self.indicators)
        implied = implied_direction(cond)
        if declared is not None and implied is not None and declared != implied:
            stated = "increasing/decreasing" if isinstance(cond, Trend) else f"`{cond.op}`"
            self.report(DIRECTION_CONTRADICTS, cond.span, f"reverse the comparison, or declare `better {implied}` on the target",
                        where=where, declared=declared, stated=stated, wants=_WANTS[implied])

    def method(self, name: str | None, span: Span) -> None:
        if name is not None and name not in METHODS:
            self.report(UNKNOWN_METHOD, span, _did_you_mean(name, list(METHODS)), name=name, known=", ".join(sorted(METHODS)))

    def declare(self, decl: Indicator | Constant) -> None:
        if decl.id in self.indicators or decl.id in self.constants:
            other = self.indicators.get(decl.id) or self.constants[decl.id]
            self.report(DUPLICATE_DECLARATION, decl.span, "declare each indicator and constant once, with its own name",
                        name=decl.id, line=other.span.line)
            return
        if isinstance(decl, Indicator):
            self.indicators[decl.id] = decl
            self.word("better", decl.better, decl.span)
        else:
            self.constants[decl.id] = decl

    def constant_kinds_in_order(self) -> None:
        """The kind of every constant, each after the constants it uses (a chain of 10,000 recurses no deeper
        than one), and TGT221 once for each constant on a cycle."""
        from ..judging.evaluate import constant_order

        order, cycles = constant_order(self.constants)
        for name in order:
            const = self.constants[name]
            if name in cycles:
                self.report(CONSTANT_CYCLE, const.span, "define constants from numbers and other constants, without a cycle",
                            name=name, cycle=" -> ".join(cycles[name]))
            self.constant_kinds[name] = self.constant_kind(const)
        for const in self.spec.constants:
            if self.constants.get(const.id) is not const:  # a second declaration (TGT208): its value is still checked
                self.constant_kind(const)

    def constant_kind(self, const: Constant) -> Kind:
        if deeper_than(const.value):
            self.report(TOO_DEEP, const.span, "simplify the expression", what=f"constant '{const.id}'", depth=MAX_DEPTH)
            return Kind.NUMBER
        return self.kind(const.value, in_constant=(const.id,))

    def target(self, t: Target) -> None:
        if deeper_than(t.condition):
            self.report(TOO_DEEP, t.span, "simplify the expression", what=f'the condition of target "{t.id}"', depth=MAX_DEPTH)
            return
        self.method(t.method, t.span)
        self.word("better", t.better, t.span)
        self.word("judge", t.judge, t.span)
        if t.judgements:
            self.judgements(t)
        self.direction(t)
        base = t.base or self.spec.policy.base
        if t.base is not None:
            self.year(t.base)
        cond = t.condition
        if isinstance(cond, Trend):
            self.trend(cond)
        elif isinstance(cond, Compare):
            left, right = self.kind(cond.left), self.kind(cond.right)
            self.same_kind(left, right, cond.right.span, cond.op)
            if cond.approx is not None:
                self.approx(cond.approx.tolerance, right, cond.approx.span)
        elif isinstance(cond, Between):
            k, low, high = self.kind(cond.operand), self.kind(cond.low), self.kind(cond.high)
            self.same_kind(k, low, cond.low.span, "between")
            self.same_kind(k, high, cond.high.span, "between")
            lo, hi = self.fold(cond.low), self.fold(cond.high)
            if lo is not None and hi is not None and lo > hi:
                self.report(REVERSED_RANGE, cond.span, "write `between LOW and HIGH` with the smaller number first")
            if cond.approx is not None:
                self.approx(cond.approx.tolerance, low, cond.approx.span)
        sched = t.schedule
        if isinstance(sched, Deadline):
            self.year(sched.year)
            if base is not None and base.value and sched.year.value and sched.year.value < base.value:
                if sched.milestones:  # `by H10` here is the first milestone's year, not the deadline
                    self.report(DEADLINE_BEFORE_BASE, sched.year.span, "move the first milestone after the base year, or give the "
                                "target its own `base YEAR`",
                                message=f"the first milestone's year {sched.year.text} is before the base year {base.text}")
                else:
                    self.report(DEADLINE_BEFORE_BASE, sched.year.span, "move the deadline after the base year, or give the target "
                                "its own `base YEAR`", deadline=sched.year.text, base=base.text)
            if sched.milestones:
                self.milestones(cond, sched)
        elif isinstance(sched, EveryYear):
            self.year(sched.start)
            if sched.end is not None:
                self.year(sched.end)
                if sched.start.value and sched.end.value and sched.end.value < sched.start.value:
                    self.report(REVERSED_PERIOD, sched.span, "write `every year from START to END` with the earlier year first",
                                end=sched.end.text, start=sched.start.text)
        elif self.strict and not isinstance(cond, Trend):
            self.report(NO_DEADLINE, cond.span, "add `by YEAR` (or `every year from YEAR`)", id=t.id)
        if self.strict:
            approx = getattr(cond, "approx", None)
            if approx is not None and approx.tolerance is None:
                self.report(ABOUT_WITHOUT_TOLERANCE, approx.span, "state how much is close enough: `about 10 ± 1`")

    def milestones(self, cond: Compare | Between | Trend, sched: Deadline) -> None:
        """Milestones follow a comparison (`value(x) >= 49 by H17, 163 by H18`), in increasing years, each a
        threshold of the comparison's kind."""
        first = sched.milestones[0]
        if not isinstance(cond, Compare):
            what = "a range" if isinstance(cond, Between) else "a trend"
            self.report(MILESTONES_NEED_COMPARISON, first.span, "write the target as a comparison (>=, <=, …) to give it milestones, "
                        "or remove the milestones", message=f"milestones after {what}: only a comparison takes yearly milestones")
            return
        left = self.kind(cond.left)
        previous = sched.year
        in_order = True
        for m in sched.milestones:
            self.year(m.year)
            kind = self.kind(m.value)
            self.same_kind(left, kind, m.value.span, cond.op)
            if m.approx is not None:
                self.approx(m.approx.tolerance, kind, m.approx.span)
            if m.year.value and previous.value and m.year.value <= previous.value:
                self.report(MILESTONES_OUT_OF_ORDER, m.year.span, "write the milestones in the order of their years, each after the one before",
                            message=f"the milestone {m.year.text} is not after the one before ({previous.text})")
                in_order = False
            previous = m.year
        if in_order:  # out of order, the values' direction means nothing yet
            self.milestone_direction(cond, sched)

    def milestone_direction(self, cond: Compare, sched: Deadline) -> None:
        """A path to `>=` that falls (or to `<=` that rises) is most likely a typo in a milestone: a warning, at the
        first milestone that turns back. Only thresholds written as numbers are compared (a constant's value is the
        evaluator's to fold)."""
        rising = cond.op in (">=", ">")
        if not rising and cond.op not in ("<=", "<"):
            return
        previous = cond.right
        for m in sched.milestones:
            before, now = previous, m.value
            if isinstance(before, Number) and isinstance(now, Number) and before.percent == now.percent:
                turned = now.fraction < before.fraction if rising else now.fraction > before.fraction
                if turned:
                    self.report(MILESTONES_AGAINST_DIRECTION, now.span,
                                f"check the value for {m.year.text}: a path to `{cond.op}` runs {'upwards' if rising else 'downwards'}",
                                value=now.text or str(now.value), year=m.year.text, relation="below" if rising else "above",
                                previous=before.text or str(before.value), op=cond.op, way="upwards" if rising else "downwards")
                    return
            previous = now

    def approx(self, tolerance: Expr | None, threshold_kind: Kind, span: Span) -> None:
        if tolerance is None:
            return
        k = self.kind(tolerance)
        if k in (Kind.NUMBER, Kind.PERCENT) and threshold_kind in (Kind.NUMBER, Kind.PERCENT) and k != threshold_kind:
            self.report(TOLERANCE_KIND, tolerance.span, "give the tolerance in the threshold's kind: `about 30% ± 3%`, `about 10 ± 1`",
                        kind=k.value, threshold=threshold_kind.value)

    def trend(self, cond: Trend) -> None:
        call = cond.call
        sig = FUNCTIONS.get(call.func)
        if sig is None or sig.result is not Kind.TREND:
            self.kind(call)
            if sig is not None:
                self.report(UNEXPECTED_TOKEN, call.span, f"compare it with a threshold: {call.func}(…) >= 10",
                            message=f"{call.func}(…) is a number, not a condition")
            return
        self.kind(call, allow_trend=True)

    def same_kind(self, a: Kind, b: Kind, span: Span, op: str) -> None:
        numeric = (Kind.NUMBER, Kind.PERCENT)
        if a in numeric and b in numeric and a != b:
            pct, other = ("left", "right") if a is Kind.PERCENT else ("right", "left")
            self.report(PERCENT_AND_COUNT, span, "write both sides as percents (30%) or both as plain numbers", percent=pct, other=other)

    def year(self, y: Year) -> None:
        checked = _checked_year(y.text)
        if isinstance(checked, YearError):
            self.report(NOT_A_YEAR, y.span, checked.help, message=checked.message)
        elif checked.warning:
            self.report(HEISEI_AFTER_ITS_END, y.span, "write the Reiwa year to avoid confusion", message=checked.warning)

    def fold(self, e: Expr) -> Fraction | None:
        """The value of an expression made of numbers and constants only."""
        from ..judging.evaluate import constant_values, fold_with

        if self.constant_values is None:
            self.constant_values = constant_values(self.constants)
        return fold_with(e, self.constant_values)

    # -- kinds of expressions
    def kind(self, e: Expr, allow_trend: bool = False, in_constant: tuple[str, ...] = ()) -> Kind:
        if isinstance(e, Number):
            return Kind.PERCENT if e.percent else Kind.NUMBER
        if isinstance(e, Year):
            self.year(e)
            where = f" in constant '{in_constant[-1]}'" if in_constant else ""
            self.report(YEAR_AS_NUMBER, e.span, "years go only where a function asks for one: value(x, H13)",
                        message=f"the year {e.text} is used as a number{where}")
            return Kind.YEAR
        if isinstance(e, Ref):
            return self.ref(e, in_constant)
        if isinstance(e, Neg):
            return self.numeric(self.kind(e.operand, in_constant=in_constant), e.operand)
        if isinstance(e, BinOp):
            a = self.numeric(self.kind(e.left, in_constant=in_constant), e.left)
            b = self.numeric(self.kind(e.right, in_constant=in_constant), e.right)
            return self.binop(e, a, b)
        if isinstance(e, Call):
            return self.call(e, allow_trend, in_constant)
        raise AssertionError(f"unknown node {e!r}")

    def numeric(self, k: Kind, e: Expr) -> Kind:
        if k in (Kind.INDICATOR, Kind.TREND, Kind.YEAR):
            return Kind.ANY  # already reported where it was found
        return k

    def binop(self, e: BinOp, a: Kind, b: Kind) -> Kind:
        if Kind.ANY in (a, b):
            return Kind.ANY
        if e.op in "+-":
            if a != b:
                self.report(PERCENT_AND_COUNT, e.span, "add or subtract numbers of one kind: 30% + 5%, or 10 + 5",
                            message=f"a percent and a count or amount are combined with {e.op}")
                return Kind.ANY
            return a
        if e.op == "*":
            return Kind.PERCENT if a is b is Kind.PERCENT else Kind.NUMBER if Kind.NUMBER in (a, b) and a != b else a
        # division: a percent of a number stays a percent; number / percent and percent / percent are numbers
        return Kind.PERCENT if (a, b) == (Kind.PERCENT, Kind.NUMBER) else Kind.NUMBER

    def ref(self, e: Ref, in_constant: tuple[str, ...]) -> Kind:
        self.used.add(e.name)
        if e.name in self.constants:
            return self.constant_kinds.get(e.name, Kind.NUMBER)  # those it uses come first (constant_kinds_in_order)
        if e.name in self.indicators:
            if in_constant:
                self.report(INDICATOR_AS_NUMBER, e.span, "use the indicator in the target's condition instead",
                            message=f"constant '{in_constant[-1]}' reads indicator '{e.name}'; a constant is a fixed number")
            else:
                self.report(INDICATOR_AS_NUMBER, e.span, f"write value({e.name}) or count({e.name}) for its value", name=e.name)
            return Kind.INDICATOR
        self.report(UNKNOWN_NAME, e.span, self.hint(e.name, False), name=e.name)
        return Kind.ANY

    def call(self, e: Call, allow_trend: bool, in_constant: tuple[str, ...]) -> Kind:
        sig = FUNCTIONS.get(e.func)
        if sig is None:
            hint = _did_you_mean(e.func, list(FUNCTIONS))
            self.report(UNKNOWN_FUNCTION, e.func_span, hint, name=e.func, known=", ".join(FUNCTIONS))
            for a in e.args:
                if not isinstance(a, (Ref, Year)):
                    self.kind(a, in_constant=in_constant)
            return Kind.ANY
        if in_constant:
            self.report(INDICATOR_AS_NUMBER, e.span, "use the function in the target's condition instead",
                        message=f"constant '{in_constant[-1]}' calls {e.func}(…); a constant is a fixed number")
        if sig.result is Kind.TREND and not allow_trend:
            self.report(TREND_AS_NUMBER, e.span, f"write it as the whole condition: target \"…\" \"…\" {e.func}(x)", name=e.func)
        if not sig.min_args <= len(e.args) <= len(sig.params):
            n = f"{sig.min_args}" if sig.min_args == len(sig.params) else f"{sig.min_args} to {len(sig.params)}"
            self.report(WRONG_ARGUMENT_COUNT, e.span, f"write {sig.usage()}",
                        name=e.func, n=n, s="s" if len(sig.params) > 1 else "", got=len(e.args))
        indicator: Indicator | None = None
        for param, arg in zip(sig.params, e.args, strict=False):
            if param.kind is Kind.INDICATOR:
                indicator = self.indicator_arg(e, param.name, arg)
            elif param.kind is Kind.YEAR:
                self.year_arg(e, param.name, arg)
            else:  # QUANTITY: an indicator (its value) or a number
                if isinstance(arg, Ref) and arg.name in self.indicators:
                    self.used.add(arg.name)
                    if self.indicators[arg.name].is_percent:
                        self.report(PERCENT_AND_COUNT, arg.span, "divide counts, not percents",
                                    message=f"'{arg.name}' is measured in %; {e.func}() needs counts or amounts")
                else:
                    k = self.kind(arg, in_constant=in_constant)
                    if k is Kind.PERCENT:
                        self.report(WRONG_ARGUMENT_KIND, arg.span, f"{e.func}() takes counts or amounts",
                                    message=f"the {param.name} of {e.func}() is a percent")
        if sig.result is Kind.NUMBER and indicator is not None and indicator.is_percent:  # a count of a percent
            self.report(COUNT_OF_PERCENT, e.span, f"write value({indicator.id})", name=e.func, indicator=indicator.id)
        if sig.result is Kind.OF_INDICATOR:
            if indicator is None:
                return Kind.ANY  # the argument's problem is already reported
            return Kind.PERCENT if indicator.is_percent else Kind.NUMBER
        return sig.result

    def indicator_arg(self, e: Call, name: str, arg: Expr) -> Indicator | None:
        if isinstance(arg, Ref):
            self.used.add(arg.name)
            if arg.name in self.indicators:
                return self.indicators[arg.name]
            if arg.name in self.constants:
                self.report(WRONG_ARGUMENT_KIND, arg.span, "pass an indicator declared with `indicator`",
                            message=f"'{arg.name}' is a constant; {e.func}() needs an indicator")
                return None
            hint = self.hint(arg.name, True) or f"declare it with `indicator {arg.name} \"…\"`"
            self.report(UNKNOWN_NAME, arg.span, hint, message=f"unknown indicator '{arg.name}'")
            return None
        self.report(WRONG_ARGUMENT_KIND, arg.span, f"write {FUNCTIONS[e.func].usage()}", param=name, name=e.func, kind="an indicator name")
        return None

    def year_arg(self, e: Call, name: str, arg: Expr) -> None:
        if isinstance(arg, Year):
            self.year(arg)
        elif isinstance(arg, Number) and not arg.percent and arg.value.denominator == 1:
            self.year(Year(int(arg.value), arg.text, span=arg.span))
        else:
            self.report(WRONG_ARGUMENT_KIND, arg.span, "write a year: H13, 2001 or FY2001", param=name, name=e.func, kind="a year")

    def hint(self, name: str, indicators_only: bool) -> str | None:
        """Did-you-mean for an unknown name, once per name and within the pass's budget."""
        key = (name, indicators_only)
        if key not in self.hints:
            names = list(self.indicators) if indicators_only else [*self.indicators, *self.constants]
            self.hints[key] = _did_you_mean(name, names, declare=not indicators_only, budget=self.budget)
        return self.hints[key]

    def lint_unused(self) -> None:
        for name, decl in list(self.indicators.items()) + list(self.constants.items()):
            if name not in self.used:
                what = "indicator" if isinstance(decl, Indicator) else "constant"
                self.report(UNUSED, decl.span, "remove it or use it in a target", what=what, name=name)


def check(spec: Spec, file: str, strict: bool = False) -> list[Diagnostic]:
    """All static problems of a parsed spec."""
    return Checker(spec, file, strict).run()


def check_data(spec: Spec, spec_file: str, data: Dataset, strict: bool = False) -> list[Diagnostic]:
    """Problems between a spec and its data: rows that are missing, or (strict) not declared."""
    diags: list[Diagnostic] = []
    declared = {i.id for i in spec.indicators}
    budget = Budget()
    rows: list[str] = []
    for ind in spec.indicators:
        if ind.id not in data.series:
            rows = rows or list(data.series)
            hint = _did_you_mean(ind.id, rows, budget=budget)
            diags.append(Diagnostic(NO_DATA.code, NO_DATA.severity, NO_DATA.text(indicator=ind.id, file=data.file),
                                    Location(spec_file, ind.span), hint or f"add `{ind.id}:` with its values under `indicators:`",
                                    (Location(data.file),)))
        elif ind.is_percent != _data_is_percent(data.series[ind.id]):
            series = data.series[ind.id]
            said = "in %" if ind.is_percent else f"in {ind.unit!r}" if ind.unit else "not in %"
            diags.append(Diagnostic(PERCENT_MISMATCH.code, PERCENT_MISMATCH.severity,
                                    f"indicator '{ind.id}' is {said} in the spec, but its data says "
                                    f"{'kind: percent / unit %' if not ind.is_percent else 'it is not a percent'}",
                                    Location(spec_file, ind.span),
                                    'make them agree: `unit "%"` on the indicator and `kind: percent` (or `unit: "%"`) in the data, or neither; '
                                    "a percent read as a count would be off by a factor of 100",
                                    (Location(data.file, series.span, f"indicators.{ind.id}"),)))
    from .check_breakdown import against_data

    diags += against_data(spec, spec_file, data)
    if strict:
        latest = data.latest_year()  # the as-of year `run` takes without --as-of
        if latest is not None:
            diags.extend(check_judged_years(spec, spec_file, latest))
        for sid, series in data.series.items():
            if "[" in sid:  # one breakdown key's series (employment[region=DE]): its indicator is what is declared
                continue
            if sid not in declared:
                diags.append(Diagnostic(UNDECLARED_DATA.code, UNDECLARED_DATA.severity, UNDECLARED_DATA.text(file=data.file, indicator=sid),
                                        Location(data.file, series.span, f"indicators.{sid}"), "declare it or remove the row",
                                        (Location(spec_file, spec.policy.span),)))
    return diags


def check_judged_years(spec: Spec, spec_file: str, as_of: int) -> list[Diagnostic]:
    """--strict: a recorded judgement for another year than the as-of year is not used (TGT262)."""
    from ..core.years import label

    return [Diagnostic(JUDGED_OTHER_YEAR.code, JUDGED_OTHER_YEAR.severity,
                       JUDGED_OTHER_YEAR.text(id=t.id, year=label(j.year.value), as_of=label(as_of)),
                       Location(spec_file, j.span), JUDGED_OTHER_YEAR.fix)
            for t in spec.targets for j in t.judgements if j.year.value and j.year.value != as_of]


def _data_is_percent(series: Series) -> bool:
    """The data row's own word on whether it is a percent: `kind: percent` or a % unit (no word: agrees with the spec)."""
    unit = (series.unit or "").strip()
    return series.kind == "percent" or unit in ("%", "％")


# the code and the words for an unknown value of each word clause (nodes.CLAUSE_WORDS)
_WORD_CODES = {"better": (UNKNOWN_DIRECTION, "direction"), "judge": (UNKNOWN_JUDGE, "value to judge"), "years": (UNKNOWN_YEAR_KIND, "kind of year"),
               "rollup": (UNKNOWN_ROLLUP, "roll-up")}
# what a condition of each implied direction asks for, in TGT230's message
_WANTS = {"higher": "higher values", "lower": "lower values", "within": "a value at its target, neither higher nor lower"}


_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u30fc\uff70")  # read as -


def lookalike(id: str) -> str:
    """What an id looks like: compatibility forms folded (６ -> 6), dashes as -, invisible characters and outer spaces gone."""
    import unicodedata

    if id.isascii():
        return id.strip()
    folded = unicodedata.normalize("NFKC", id)
    return "".join("-" if c in _DASHES else c for c in folded if not _invisible(c)).strip()


def id_problem(id: str) -> str | None:
    """Why a target id cannot be told from another one on screen: empty, spaces around it, invisible characters."""
    if not id.strip():
        return "is empty" if not id else "is only spaces"
    if id != id.strip():
        return "has spaces before or after it"
    hidden = next((c for c in id if _invisible(c)), None)
    if hidden is not None:
        from ..core.digits import named

        return f"contains the invisible character {named(hidden)}"
    return None


def _invisible(c: str) -> bool:
    import unicodedata

    return unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp") or (c.isspace() and c != " ")


def _difference(a: str, b: str) -> str:
    """The first characters where two look-alike ids differ, named."""
    from ..core.digits import named

    for x, y in zip(a, b, strict=False):
        if x != y:
            return f"{named(x)} against {named(y)}"
    longer = a if len(a) > len(b) else b
    return f"{named(longer[min(len(a), len(b))])}"


def _did_you_mean(name: str, candidates: list[str], declare: bool = False, budget: Budget | None = None) -> str | None:
    best = suggest(name, candidates, budget)
    if best:
        return f"did you mean '{best}'?"
    return f"declare it with `indicator {name} \"…\"` or `constant {name} = …`" if declare else None


@functools.lru_cache(maxsize=1024)
def _checked_year(text: str) -> ParsedYear | YearError:
    """A year's text read again (the parser keeps an invalid one as 0): once per text, as a spec repeats its years."""
    return parse_year(text)
