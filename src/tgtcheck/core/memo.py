"""One cache for functions that turn an exact number into text.

A run writes the same few numbers many times (10,000 targets, a handful of
thresholds), so ``wording.number`` and ``json_format.exact`` format each
distinct value once.  The key is made of ints: a ``Fraction``'s own
``__hash__`` runs Python code and costs as much as the formatting it would
save, which is why ``functools.lru_cache`` is not used.  The table is bounded
for a long-running process such as the language server.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Protocol

_BOUND = 4096


class NumberText(Protocol):
    def __call__(self, value: Fraction, percent: bool = False) -> str: ...


def by_value(fn: Callable[[Fraction, bool], str]) -> NumberText:
    """``fn(value, percent)`` computed once per (numerator, denominator, percent)."""
    table: dict[tuple[int, int, bool], str] = {}

    def cached(value: Fraction, percent: bool = False) -> str:
        key = (value.numerator, value.denominator, percent)
        text = table.get(key)
        if text is None:
            if len(table) >= _BOUND:
                table.clear()
            text = table[key] = fn(value, percent)
        return text

    cached.__doc__ = fn.__doc__
    return cached
