"""The plain tree a data format's parser produces, and the helpers every parser shares.

``data.py`` builds a ``Dataset`` from this tree; ``data_yaml``, ``data_json``
and ``data_csv`` produce it.  These names live here, below all four, so the
parsers never import ``data`` (which imports them): no import loop.
"""

from __future__ import annotations

from typing import Any, Protocol

from .diagnostics import Span

MAX_DEPTH = 32  # nesting of mappings/lists; real data needs 5

Path = tuple[str, ...]
Tree = Any  # dict[str, Tree] | list[Tree] | int | Decimal | str | None | (anything YAML builds)


class Positions(Protocol):
    """Where things are in the file a tree came from."""

    def span(self, path: Path, key: bool = False) -> Span | None:
        """The span of the value at ``path`` (of its key with ``key=True``); error path only."""

    def spans(self, mapping: dict[str, Any], path: Path, key: bool) -> dict[str, Span] | None:
        """Spans of every entry of ``mapping`` (keys or values) at once, for the happy path."""


def did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def dotted(path: Path) -> str | None:
    return ".".join(path) if path else None
