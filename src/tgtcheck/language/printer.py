"""Expressions, conditions, schedules, years and strings back to text, in canonical form.

The one way from a tree back to source text (sqlglot's rule): explanations
quote the condition with it, and the formatter (``formatter.py``) builds
whole files on top of it.  Parentheses are written only where precedence
needs them, so ``print(parse(x))`` parses back to the same tree.  Numbers
and years keep their text as written (``1,000``, ``H18``); a node built
without text gets a form that parses back to it.
"""

from __future__ import annotations

from fractions import Fraction

from .nodes import Approx, Between, BinOp, Call, Compare, Condition, Deadline, Each, Expr, Grade, Judgement, Neg, Number, Ref, Schedule, Trend, Year

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def number_text(value: Fraction) -> str:
    """An exact number as the language writes it (no thousands separators)."""
    if value.denominator == 1:
        return str(value.numerator)
    s = _finite_decimal(value)
    return s if s is not None else f"({value.numerator} / {value.denominator})"


def _finite_decimal(value: Fraction) -> str | None:
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return None
    digits = max(twos, fives)
    scaled = abs(value.numerator) * (10**digits) // value.denominator
    sign = "-" if value < 0 else ""
    whole, frac = divmod(scaled, 10**digits)
    return f"{sign}{whole}.{frac:0{digits}d}"


def year_text(y: Year) -> str:
    """The year as written; without text its era form (H18), which reads as a year anywhere."""
    from ..core.years import era_label

    return y.text or era_label(y.value)


def string_text(text: str) -> str:
    """A quoted string: "…", or 「…」 when the text itself contains a double quote."""
    return f"「{text}」" if '"' in text or "＂" in text else f'"{text}"'


def judgement_text(j: Judgement) -> str:
    """A recorded judgement as written: `judged met in H18 by "…" because "…"`."""
    return f"judged {j.status} in {year_text(j.year)} by {string_text(j.by)} because {string_text(j.because)}"


def schedule_text(s: Schedule) -> str:
    if isinstance(s, Deadline):
        later = "".join(f", {_approx_text(m.approx, expr_text(m.value))} by {year_text(m.year)}" for m in s.milestones)
        return f"by {year_text(s.year)}{later}"
    end = f" to {year_text(s.end)}" if s.end is not None else ""
    return f"every year from {year_text(s.start)}{end}"


def expr_text(e: Expr, parent: int = 0, right_side: bool = False) -> str:
    if isinstance(e, Number):
        return e.text or (number_text(e.value) + ("%" if e.percent else ""))
    if isinstance(e, Year):
        return year_text(e)
    if isinstance(e, Ref):
        return e.name if not e.keys else f"{e.name}[{', '.join(f'{d}={_key_text(k)}' for d, k in e.keys)}]"
    if isinstance(e, Call):
        return f"{e.func}({', '.join(expr_text(a) for a in e.args)})"
    if isinstance(e, Neg):
        inner = expr_text(e.operand, 3)
        return ("- " if inner.startswith("-") else "-") + inner  # `- -x`, never `--x`
    if isinstance(e, BinOp):
        p = _PRECEDENCE[e.op]
        text = f"{expr_text(e.left, p)} {e.op} {expr_text(e.right, p, True)}"
        return f"({text})" if p < parent or (p == parent and right_side) else text
    raise AssertionError(f"unknown expression {e!r}")


def _key_text(key: str) -> str:
    """A breakdown key as written: a name bare (DE), anything else quoted (「東京都」)."""
    import re

    return key if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) and key not in _KEYWORDS else string_text(key)


_KEYWORDS = frozenset(("about", "and", "at", "base", "better", "between", "by", "constant", "data", "due", "each", "every", "for",
                       "from", "goal", "indicator", "judge", "least", "method", "note", "of", "policy", "target", "to", "unit",
                       "year", "years"))


def each_text(each: Each) -> str:
    """``for each region`` / ``for at least 10 of region``."""
    if each.at_least is None:
        return f"for each {each.dimension}"
    return f"for at least {expr_text(each.at_least)} of {each.dimension}"


def _approx_text(approx: Approx | None, value: str) -> str:
    """A threshold with its `about` and tolerance: 'about 10 ± 1'."""
    if approx is None:
        return value
    t = approx.tolerance
    tol = "" if t is None else f" ± ({expr_text(t)})" if isinstance(t, BinOp) else f" ± {expr_text(t)}"
    return f"about {value}{tol}"


def condition_text(c: Condition) -> str:
    if isinstance(c, Trend):
        return expr_text(c.call)
    about = "about " if c.approx is not None else ""
    tol = ""
    if c.approx is not None and c.approx.tolerance is not None:  # `± (1 + 1)`: a sum would read as part of the bound
        t = c.approx.tolerance
        tol = f" ± ({expr_text(t)})" if isinstance(t, BinOp) else f" ± {expr_text(t)}"
    if isinstance(c, Compare):
        return f"{expr_text(c.left)} {c.op} {about}{expr_text(c.right)}{tol}"
    if isinstance(c, Between):
        return f"{expr_text(c.operand)} between {about}{expr_text(c.low)} and {expr_text(c.high)}{tol}"
    raise AssertionError(f"unknown condition {c!r}")


def band_text(g: Grade) -> str:
    """A grade's band as written: `achievement >= 80% and < 100%`, `status pending, insufficient_data`."""
    if g.measure == "status" or g.statuses:
        return f"{g.measure} {', '.join(g.statuses)}"
    return f"{g.measure} " + " and ".join(f"{limit.op} {expr_text(limit.value)}" for limit in g.limits)


def grade_text(g: Grade) -> str:
    """`grade B "概ね達成" "mostly met" when achievement >= 80% and < 100% score 2`."""
    score = f" score {expr_text(g.score)}" if g.score is not None else ""
    return f"grade {g.id} {string_text(g.ja)} {string_text(g.en)} when {band_text(g)}{score}"
