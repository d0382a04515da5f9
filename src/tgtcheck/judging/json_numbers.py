"""Numbers and years as the JSON documents write them: exact strings, years with their era label.

Shared by the run document (``json_format``), the target-by-target writer
(``json_targets``), `diff`'s JSON and `explain`'s JSON; it imports none of
them, so they do not import one another.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.memo import by_value
from .wording import era_label as year_label  # cached by year and year style: a run of 10,000 targets names 50,000

__all__ = ["exact", "exact_text", "year", "year_label"]


def exact(value: Fraction | None, percent: bool = False) -> str | None:
    """A number as the documents write it: "48.8", "5264/4029"; percents ×100."""
    if value is None:
        return None
    return exact_text(value, percent)


@by_value
def exact_text(value: Fraction, percent: bool) -> str:
    v = value * 100 if percent else value
    if v.denominator == 1:
        return str(v.numerator)
    den = v.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    if den == 1:
        from ..language.printer import number_text

        return number_text(v)
    return f"{v.numerator}/{v.denominator}"


def year(y: int | None) -> dict[str, Any] | None:
    return None if y is None else {"year": y, "label": year_label(y)}

