"""The desirable direction of a target: which way is better.

Every target has one: ``higher`` (>=, >, increasing), ``lower`` (<=, <,
decreasing) or ``within`` (a range, ==); ``!=`` has none.  A range may be
declared ``better higher`` or ``better lower`` (on the target, or on the
indicator its value comes from): then beyond the bound on that side is
*exceeded* (achieved beyond the range) and the other side fails.  A
comparison or trend states its own direction; a declaration that
contradicts it is an error (TGT230, ``check.py``).  The evaluator, the
checker, the wording and the report all take the direction from here.
"""

from __future__ import annotations

from collections.abc import Mapping

from .nodes import DIRECTIONS, Between, Call, Compare, Expr, Indicator, Ref, Target, Trend

__all__ = ["DIRECTIONS", "HIGHER", "LOWER", "WITHIN", "declared_direction", "implied_direction", "indicator_of"]

HIGHER, LOWER, WITHIN = DIRECTIONS


def implied_direction(cond: Compare | Between | Trend) -> str | None:
    """The direction a condition states by itself: >= and > higher, <= and < lower, a range and == within, != none."""
    if isinstance(cond, Between):
        return WITHIN
    if isinstance(cond, Trend):
        return HIGHER if cond.call.func == "increasing" else LOWER
    return {">=": HIGHER, ">": HIGHER, "<=": LOWER, "<": LOWER, "==": WITHIN}.get(cond.op)


def indicator_of(e: Expr) -> str | None:
    """The indicator whose desirable direction an expression shares: that of value/count/growth/change(x)."""
    if isinstance(e, Call) and e.func in ("value", "count", "growth", "change") and e.args and isinstance(e.args[0], Ref):
        return e.args[0].name
    return None


def declared_direction(t: Target, indicators: Mapping[str, Indicator]) -> tuple[str | None, str]:
    """The direction a spec declares for a target, and where: its own `better`, else that of the indicator its
    condition measures (value/count/growth/change(x), a range's operand, a trend's indicator); (None, "") if none."""
    if t.better in DIRECTIONS:
        return t.better, "the target"
    cond = t.condition
    if isinstance(cond, Trend):
        first = cond.call.args[0] if cond.call.args else None
        name = first.name if isinstance(first, Ref) else None
    else:
        name = indicator_of(cond.operand if isinstance(cond, Between) else cond.left)
    ind = indicators.get(name) if name else None
    if ind is not None and ind.better in DIRECTIONS:
        return ind.better, f"indicator {name}"
    return None, ""
