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

from .diagnostics import Span


class Marker(str, Enum):
    PENDING = "pending"  # 集計中
    NOT_APPLICABLE = "n/a"  # －
    UNKNOWN = "unknown"  # null / empty


Value = Union[Fraction, Marker]


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

    def first_year(self) -> int | None:
        """The earliest year that has any entry (number or marker) in any row."""
        years = [min(s.cells) for s in self.series.values() if s.cells]
        return min(years) if years else None

    def latest_year(self) -> int | None:
        """The latest year that has any entry (number or marker) in any row."""
        years = [y for s in self.series.values() for y in s.cells]
        return max(years) if years else None
