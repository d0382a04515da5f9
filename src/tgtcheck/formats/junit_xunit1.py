"""`--format junit-xunit1`: the JUnit XML of ``junit`` with ``file`` and ``line`` on every testcase.

The attributes GitLab and the JUnit test-report actions read to link a
result to its line; the strict Jenkins XSD forbids them, hence a family of
its own (pytest's ``junit_family=xunit1``).  Everything else is ``junit.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.diagnostics import Diagnostic
from ..pipeline import Loaded, RunResult
from . import Options
from .junit import check_xml, portfolio_xml, run_xml
from .junit import portfolio_piece as _piece

if TYPE_CHECKING:
    from ..pipeline.portfolio import Portfolio


def render_run(result: RunResult, opts: Options) -> str:
    return run_xml(result, opts, xunit1=True)


def render_check(checked: dict[str, list[Diagnostic]], sources: dict[str, list[str]], opts: Options) -> str:
    return check_xml(checked, sources, "tgtcheck check", xunit1=True)


def render_failed_run(loaded: Loaded, sources: dict[str, list[str]], opts: Options) -> str:
    return check_xml({loaded.spec_file: loaded.diagnostics}, sources, "tgtcheck run", xunit1=True)


def portfolio_piece(loaded: Loaded, result: RunResult | None, sources: dict[str, list[str]], opts: Options) -> str:
    return _piece(loaded, result, sources, opts, xunit1=True)


def render_portfolio(portfolio: Portfolio, opts: Options) -> str:
    return portfolio_xml(portfolio, opts, xunit1=True)
