"""Ways of judging progress towards a target before its deadline.

A method answers one question: which value should the indicator have
reached in a given year, on the way from its base-year value to the target
at the deadline?  The evaluator compares the actual value with that
expectation; everything else (markers, statuses, explanations) is the
evaluator's and stays the same for every method.

``linear`` is the straight line of the evaluation sheets.  A method is
chosen per policy (``method NAME`` in the header) or per target, so a new
one (Eurostat's compound-growth method, say) is one class added to
``METHODS``; the checker reports unknown names from the same table.
Arithmetic is exact: methods take and return ``Fraction``s.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol


class ProgressMethod(Protocol):
    @property
    def name(self) -> str: ...

    def expected(self, base_value: Fraction, target: Fraction, base_year: int, deadline: int, year: int) -> Fraction:
        """The value expected in ``year`` (``base_year <= year <= deadline``)."""
        ...


@dataclass(frozen=True)
class Linear:
    name: str = "linear"

    def expected(self, base_value: Fraction, target: Fraction, base_year: int, deadline: int, year: int) -> Fraction:
        if deadline <= base_year:
            return target
        return base_value + (target - base_value) * Fraction(year - base_year, deadline - base_year)


METHODS: dict[str, ProgressMethod] = {m.name: m for m in (Linear(),)}
DEFAULT_METHOD = "linear"
