"""Indicator data in memory: yearly cells with exact values and their sources.

A cell is a number (``Fraction``, exact) or one of three markers that are
not numbers and never become numbers: ``PENDING`` (集計中: tallied later),
``NOT_APPLICABLE`` (－: the programme did not exist), ``UNKNOWN`` (null).
The evaluator carries them as values, so a verdict can say what it waits for.

Every cell remembers where it came from (file, line, column, data path), so
a message about a number can point at it.  The loaders (``data_yaml``,
``data_json``, ``data_csv`` via ``data.load_data``) all build this model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from typing import Union

from ..core.diagnostics import Span


class Marker(str, Enum):
    PENDING = "pending"  # 集計中
    NOT_APPLICABLE = "n/a"  # －
    UNKNOWN = "unknown"  # null / empty


Value = Union[Fraction, Marker]
Pairs = tuple[tuple[str, str], ...]  # a breakdown key: (dimension, key) pairs sorted by dimension, (("region", "DE"),)


def series_id(indicator: str, pairs: Pairs) -> str:
    """The id of one breakdown key's series: ``employment[region=DE]``, ``employment[region=DE,sex=F]``; the total's id
    is the indicator's own (no pairs).  The dataset holds every breakdown series under this id, so a reader of the
    total and a reader of one key look a series up the same way (docs/data.md, *Breakdowns*)."""
    if not pairs:
        return indicator
    return f"{indicator}[{','.join(f'{d}={k}' for d, k in pairs)}]"


@dataclass(frozen=True, slots=True)
class Cell:
    year: int  # western fiscal year
    value: Value
    span: Span | None = field(default=None, compare=False)  # position of the value in the data file
    note: str | None = None  # a per-year footnote


@dataclass(frozen=True, slots=True)
class Series:
    """One indicator's row: the cells by year, plus the row's own metadata."""

    id: str
    cells: dict[int, Cell]
    label: str | None = None
    unit: str | None = None
    kind: str | None = None  # "count" (non-negative), "amount", "percent"
    footnote: str | None = None
    span: Span | None = field(default=None, compare=False)  # position of the indicator's key

    def get(self, year: int) -> Cell | None:
        return self.cells.get(year)

    def years(self) -> list[int]:
        return sorted(self.cells)


@dataclass(frozen=True, slots=True)
class Dataset:
    file: str  # the path as the user gave it (or as the spec names it)
    series: dict[str, Series]
    notes: dict[str, str] = field(default_factory=dict)  # free footnotes of the table (※1 …)
    # what the user should know about how the file was read (a CSV read as CP932, a hidden sheet skipped)
    notices: tuple[str, ...] = field(default=(), compare=False)
    # indicator -> the breakdown keys it has values for (each a sorted tuple of (dimension, key) pairs)
    breakdowns: dict[str, tuple[Pairs, ...]] = field(default_factory=dict)

    def dimensions(self, indicator: str) -> tuple[str, ...]:
        """The dimensions an indicator is broken down by, sorted (``("region", "sex")``)."""
        return tuple(sorted({d for pairs in self.breakdowns.get(indicator, ()) for d, _ in pairs}))

    def keys(self, indicator: str, dimension: str, fixed: Pairs = (), by: int | None = None) -> tuple[str, ...]:
        """The keys of ``dimension`` the indicator has a series for, the other dimensions held at ``fixed``; with ``by``
        (an as-of year), only the keys whose series has an entry in that year or before: a key the data first gives
        later did not exist yet as of ``by`` (the as-of cut)."""
        want = {d: k for d, k in fixed if d != dimension}
        out: list[str] = []
        for pairs in self.breakdowns.get(indicator, ()):
            named = dict(pairs)
            if dimension in named and len(named) == len(want) + 1 and all(named.get(d) == k for d, k in want.items()):
                if by is not None:
                    series = self.series.get(series_id(indicator, pairs))
                    if series is None or not any(year <= by for year in series.cells):
                        continue
                out.append(named[dimension])
        return tuple(out)

    def first_year(self) -> int | None:
        """The earliest year that has any entry (number or marker) in any row."""
        years = [min(s.cells) for s in self.series.values() if s.cells]
        return min(years) if years else None

    def latest_year(self) -> int | None:
        """The latest year that has any entry (number or marker) in any row."""
        years = [y for s in self.series.values() for y in s.cells]
        return max(years) if years else None
