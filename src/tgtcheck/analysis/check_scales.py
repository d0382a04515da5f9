"""Static checks of rating scales and roll-ups (TGT240-250): called by ``check.Checker``.

A scale's ratio bands must give every value exactly one grade: the checker
sorts the bands of the scale's ratio by their lower limits and names each
gap (``a value of 70% gets no grade``) and each overlap (``both hold at
80%``) with the exact edge, so the author sees which value falls through.
Grades are listed best first (a higher band before a lower), so the order
written is the scale's order, read by people and by ``rollup score``.
Unknown words get a did-you-mean, as every other word clause does.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from ..core.diagnostics import (
    BAD_BAND,
    BANDS_GAP,
    BANDS_OVERLAP,
    DUPLICATE_GRADE,
    GRADES_OUT_OF_ORDER,
    ROLLUP_INCOMPLETE,
    SCALE_MIXES_RATIOS,
    UNKNOWN_MEASURE,
    UNKNOWN_SCALE,
    UNKNOWN_STATUS,
)
from ..core.suggest import suggest
from ..judging.scales import RATIOS, STATUSES, Interval, interval, known_names, resolve
from ..language.nodes import Grade, Scale, Spec

Report = Callable[..., None]  # Checker.report(code, span, help, message, **fields)


def check_scales(spec: Spec, report: Report) -> None:
    seen: set[str] = set()
    for scale in spec.scales:
        if scale.id in seen:
            report(DUPLICATE_GRADE, scale.span, "give each scale its own name", f"scale '{scale.id}' is declared twice")
        seen.add(scale.id)
        _scale(scale, report)
    policy = spec.policy
    if policy.rated is not None and resolve(spec) is None:
        known = known_names(spec)
        best = suggest(policy.rated, known)
        report(UNKNOWN_SCALE, policy.span, f"did you mean `rated on {best}`?" if best else "declare it with `scale NAME …`",
               name=policy.rated, known=", ".join(known))
    _rollup(spec, report)


def _rollup(spec: Spec, report: Report) -> None:
    how, policy = spec.policy.rollup, spec.policy
    if how == "main" and not any(t.main for t in spec.targets):
        report(ROLLUP_INCOMPLETE, policy.span, "mark the 主要な測定指標 with `main` (or 主要) after their condition",
               "`rollup main` judges over the targets marked main, and no target is")
    if how == "score":
        scale = resolve(spec)
        if policy.rated is None:
            report(ROLLUP_INCOMPLETE, policy.span, "add `rated on NAME` (a declared scale, eurostat or mic)",
                   "`rollup score` averages the targets' grades, and the policy is rated on no scale")
        elif scale is not None and all(g.score is None for g in scale.grades):
            report(ROLLUP_INCOMPLETE, policy.span, f"give the grades scores: `… score 2` (scale {scale.id})",
                   f"`rollup score` averages the grades' scores, and no grade of scale {scale.id} has one")


def _scale(scale: Scale, report: Report) -> None:
    names: set[str] = set()
    statuses: dict[str, str] = {}
    bands: list[tuple[Interval, Grade]] = []
    ratios: dict[str, Grade] = {}
    for g in scale.grades:
        if g.id in names:
            report(DUPLICATE_GRADE, g.span, "give each grade of a scale its own name", f"grade '{g.id}' is declared twice in scale {scale.id}")
        names.add(g.id)
        if g.measure == "status":
            if g.limits:
                report(BAD_BAND, g.span, "list statuses: `when status met, exceeded`", "a status band lists statuses, not limits")
            for s in g.statuses:
                if s not in STATUSES:
                    best = suggest(s, list(STATUSES))
                    report(UNKNOWN_STATUS, g.measure_span, f"did you mean `{best}`?" if best else None,
                           name=s, grade=g.id, known=", ".join(STATUSES))
                elif s in statuses:
                    report(BANDS_OVERLAP, g.span, "list each status in one grade only",
                           f"status {s} is in grade {statuses[s]} and in grade {g.id}")
                else:
                    statuses[s] = g.id
            continue
        if g.measure not in RATIOS:
            best = suggest(g.measure, [*RATIOS, "status"])
            report(UNKNOWN_MEASURE, g.measure_span, f"did you mean `when {best}`?" if best else None, name=g.measure, grade=g.id)
            continue
        if g.statuses:
            report(BAD_BAND, g.span, f"write limits: `when {g.measure} >= 80% and < 100%`", f"a {g.measure} band has limits, not names")
            continue
        band = interval(g)
        if isinstance(band, str):
            report(BAD_BAND, g.span, "write one lower limit (>= or >) and at most one upper (<= or <), each a number", band)
            continue
        ratios.setdefault(g.measure, g)
        bands.append((band, g))
    if len(ratios) > 1:
        first, *others = ratios.values()
        for g in others:
            report(SCALE_MIXES_RATIOS, g.measure_span, f"band it on {first.measure}, as grade {first.id}",
                   f"scale {scale.id} grades on {first.measure} (grade {first.id}) and on {g.measure} (grade {g.id})")
        return
    _order(scale, bands, report)
    _tiling(scale, bands, report)


def _low_key(band: Interval) -> tuple[int, Fraction, int]:
    """Sorts bands from the lowest values up: unbounded below first; at one edge, the band that includes it first."""
    low, low_in, _, _ = band
    return (0, Fraction(0), 0) if low is None else (1, low, 0 if low_in else 1)


def _order(scale: Scale, bands: list[tuple[Interval, Grade]], report: Report) -> None:
    """Best first: each band written lies above the next one written."""
    for (a, ga), (b, gb) in zip(bands, bands[1:], strict=False):
        if _low_key(a) < _low_key(b):
            report(GRADES_OUT_OF_ORDER, gb.span, f"write grade {gb.id} before grade {ga.id}",
                   f"grade {gb.id} ({gb.measure} {_text(b)}) lies above grade {ga.id} ({_text(a)}) but is written after it")
            return


def _tiling(scale: Scale, bands: list[tuple[Interval, Grade]], report: Report) -> None:
    """Every value of the ratio in exactly one band: gaps and overlaps named with their edge."""
    if not bands:
        return
    rising = sorted(bands, key=lambda bg: _low_key(bg[0]))
    measure = rising[0][1].measure
    lowest, g0 = rising[0]
    if lowest[0] is not None:
        report(BANDS_GAP, g0.span, f"let the lowest band reach down: `when {measure} < …` (grade {g0.id})",
               f"in scale {scale.id}, {_a(measure)} {_edge(lowest[0], lowest[1], below=True)} gets no grade")
    for (a, ga), (b, gb) in zip(rising, rising[1:], strict=False):
        a_high, a_high_in, b_low, b_low_in = a[2], a[3], b[0], b[1]
        later = max(ga, gb, key=lambda g: g.span.start_pos)  # reported at the grade written second
        if a_high is None or b_low is None or a_high > b_low:
            top = a_high if b[2] is None or (a_high is not None and a_high < b[2]) else b[2]
            span_text = (f"from {_num(b_low)}" if b_low is not None else "below " + _num(top) if top is not None else "of any value") + \
                (f" to {_num(top)}" if b_low is not None and top is not None else " up" if b_low is not None else "")
            report(BANDS_OVERLAP, later.span, f"make grades {ga.id} and {gb.id} meet at one edge, included by one of them",
                   f"in scale {scale.id}, grades {ga.id} and {gb.id} both hold for {_a(measure)} {span_text}")
        elif a_high < b_low:
            report(BANDS_GAP, later.span, f"let grade {gb.id} start where grade {ga.id} ends ({_num(a_high)})",
                   f"in scale {scale.id}, {_a(measure)} between {_num(a_high)} and {_num(b_low)} gets no grade "
                   f"(grade {ga.id} ends at {_num(a_high)}, grade {gb.id} starts at {_num(b_low)})")
        elif a_high_in and b_low_in:
            report(BANDS_OVERLAP, later.span, f"write `<` in grade {ga.id} or `>` in grade {gb.id}",
                   f"in scale {scale.id}, grades {ga.id} and {gb.id} both hold for {_a(measure)} of exactly {_num(b_low)}")
        elif not a_high_in and not b_low_in:
            report(BANDS_GAP, later.span, f"write `<=` in grade {ga.id} or `>=` in grade {gb.id}",
                   f"in scale {scale.id}, {_a(measure)} of exactly {_num(b_low)} gets no grade")
    highest, gh = rising[-1]
    if highest[2] is not None:
        report(BANDS_GAP, gh.span, f"let the highest band reach up: `when {measure} >= …` (grade {gh.id})",
               f"in scale {scale.id}, {_a(measure)} {_edge(highest[2], highest[3], below=False)} gets no grade")


def _a(measure: str) -> str:
    return f"an {measure}" if measure[0] in "aeiou" else f"a {measure}"


def _num(x: Fraction) -> str:
    """An edge as a percent, exactly: 4/5 is 80%, 1/8 is 12.5%, 1/3 is 100/3%."""
    p = x * 100
    d = p.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d != 1:
        return f"{p.numerator}/{p.denominator}%"
    from decimal import Decimal

    return f"{Decimal(p.numerator) / Decimal(p.denominator):f}%"


def _edge(x: Fraction, included: bool, below: bool) -> str:
    """The values beyond an edge: "below 60%" when 60% is in the band, "of 60% or below" when it is not."""
    if below:
        return f"below {_num(x)}" if included else f"of {_num(x)} or below"
    return f"above {_num(x)}" if included else f"of {_num(x)} or above"


def _text(band: Interval) -> str:
    low, low_in, high, high_in = band
    parts = ([f"{'>=' if low_in else '>'} {_num(low)}"] if low is not None else []) + \
        ([f"{'<=' if high_in else '<'} {_num(high)}"] if high is not None else [])
    return " and ".join(parts) or "any value"

