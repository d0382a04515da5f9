"""Output formats of `tgtcheck run` and `tgtcheck check`.

Each format is a module with ``render_run(result, options) -> str`` and
``render_check(checked, sources, options) -> str`` (or ``render_diagnostics``); ``FORMATS`` maps the
``--format`` name to the module path, imported only when chosen, so a format's
dependencies never slow the others.  A format whose targets are independent
pieces of text may also have ``target_piece(verdict, options, spec_file) -> str``
and ``render_pieces(pieces_result, options) -> str``: `tgtcheck run` then writes
each target as it is judged, a large spec's in two processes
(``pipeline.run_pieces``); JSON does.  For several specs (``portfolio.py``)
every format has ``portfolio_piece(loaded, result_or_None, sources, options)``,
one spec's part as a plain value (it may come back from another process), and
``render_portfolio(portfolio, options) -> str``, the combined document.

May import: ``core``, ``language``, ``data``, ``judging``, ``analysis``, ``pipeline``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

FORMATS: dict[str, str] = {
    "text": "tgtcheck.formats.text",
    "json": "tgtcheck.formats.json_format",
    "junit": "tgtcheck.formats.junit",
    "junit-xunit1": "tgtcheck.formats.junit_xunit1",
    "sarif": "tgtcheck.formats.sarif",
    "github": "tgtcheck.formats.github",
    "markdown": "tgtcheck.formats.markdown",
}


@dataclass(frozen=True)
class Options:
    lang: str = "en"
    color: bool = False
    fail_on: frozenset[str] = frozenset({"behind", "not_met"})
    ratios: bool = False  # text output: each target's achievement and progress ratios and grade on a line of their own
    keys: bool = False  # text output: every key of a breakdown target on a line of its own, under the target


def get(name: str) -> ModuleType:
    return importlib.import_module(FORMATS[name])
