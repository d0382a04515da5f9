"""The plain tree a data format's parser produces, and the helpers every parser shares.

``data.py`` builds a ``Dataset`` from this tree; ``data_yaml``, ``data_json``
and ``data_csv`` produce it.  These names live here, below all four, so the
parsers never import ``data`` (which imports them): no import loop.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..core.diagnostics import NOT_A_YEAR_KEY, Span
from ..core.digits import HELP as DIGITS_HELP
from ..core.digits import refusal
from ..core.years import ParsedYear, YearError, parse_year

MAX_DEPTH = 32  # nesting of mappings/lists; real data needs 5
MAX_YEAR_KEY = 64  # characters of a year key: 平成14年度 is 6; Python's int() refuses more than 4,300 digits

Path = tuple[str, ...]
Tree = Any  # dict[str, Tree] | list[Tree] | int | Decimal | str | None | (anything YAML builds)


class Positions(Protocol):
    """Where things are in the file a tree came from."""

    def span(self, path: Path, key: bool = False) -> Span | None:
        """The span of the value at ``path`` (of its key with ``key=True``); error path only."""

    def spans(self, mapping: dict[str, Any], path: Path, key: bool) -> dict[str, Span] | None:
        """Spans of every entry of ``mapping`` (keys or values) at once, for the happy path."""


class Oversized(str):
    """A number in the file too large for any exact type (``1e99999999999999999999``): reported as TGT305."""


def year_of(key: Any) -> ParsedYear | YearError:
    """A year key or column name read as a year: foreign digits and overlong text refused before parsing."""
    if not isinstance(key, str):
        return YearError(f"'{key}' is not a year", "")
    if len(key) > MAX_YEAR_KEY:
        return YearError(f"'{clip(key)}' is not a year", NOT_A_YEAR_KEY.fix)
    why = refusal(key)
    if why is not None:
        return YearError(why, DIGITS_HELP)
    return parse_year(key)


def clip(text: str, width: int = 40) -> str:
    """A text cut to about ``width`` characters for a message: 'abc…(5,000 characters)'."""
    return text if len(text) <= width else f"{text[:width]}…({len(text):,} characters)"


def did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    from ..core.suggest import suggest

    return suggest(word, choices)  # a few fixed choices: no budget needed


def dotted(path: Path) -> str | None:
    return ".".join(path) if path else None
