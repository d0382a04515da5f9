"""GitHub Actions annotations: one workflow command per failing target or diagnostic.

``::error file=F,line=L,col=C,endColumn=…,title=T::MESSAGE`` is
what the runner turns into an annotation on the file's line in the pull
request.  Only what needs attention is written: targets whose status is in
--fail-on (``not_met`` as ``::error``, any other failing status as
``::warning``: a target behind its line is a warning sign, not yet a miss)
and diagnostics (errors as ``::error``, warnings as ``::warning``).

Escaping follows the runner (actions/toolkit, ``command.ts``): in the
message ``%``, CR and LF become ``%25``, ``%0D``, ``%0A``; in a property
value ``:`` and ``,`` also become ``%3A`` and ``%2C``, since they separate
properties.  Paths are relative to the repository (``GITHUB_WORKSPACE``,
else the working directory) with ``/``, as the runner matches them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..core.diagnostics import CODES, Diagnostic, Location
from ..judging.evaluate import Status, Verdict
from ..judging.wording import explanation, rating_text, status_word
from ..pipeline import Loaded, RunResult
from . import Options

if TYPE_CHECKING:
    from ..pipeline.portfolio import Portfolio


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def repo_path(path: str) -> str:
    """``path`` relative to the repository root, with forward slashes; as given when outside it."""
    root = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, os.path.abspath(root))
    except ValueError:  # another drive on Windows
        rel = path
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        rel = path
    return rel.replace(os.sep, "/")


def target_level(status: Status) -> str:
    """The level of a failing target: a missed deadline is an error, anything else a warning."""
    return "error" if status is Status.NOT_MET else "warning"


def command(level: str, loc: Location, title: str, message: str) -> str:
    props = [("file", repo_path(loc.file))]
    s = loc.span
    if s is not None and s.line > 0:
        props.append(("line", str(s.line)))
        if s.end_line == s.line:  # columns only on one line (actions/toolkit: not when line != endLine)
            props += [("col", str(s.column)), ("endColumn", str(s.end_column))]
        elif s.end_line > s.line:
            props.append(("endLine", str(s.end_line)))
    props.append(("title", title))
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{level} {joined}::{escape_data(message)}"


def diagnostic_command(d: Diagnostic) -> str:
    message = d.message
    for rel in d.related:
        message += f"\nsee {repo_path(rel.file)}" + (f":{rel.span.line}" if rel.span else "")
    if d.help:
        message += f"\nhelp: {d.help}"
    code = CODES.get(d.code)
    title = f"{d.code} {code.title}" if code else d.code
    return command("error" if d.is_error else "warning", d.location, title, message)


def target_command(v: Verdict, spec_file: str, opts: Options) -> str:
    t = v.target
    title = f"{t.id} {t.title} ({status_word(v.status, opts.lang)}" + (f", {v.rating.word(opts.lang)})" if v.rating is not None else ")")
    message = explanation(v, opts.lang) + (f"\n{rating_text(v, opts.lang)}" if v.rating is not None else "")
    return command(target_level(v.status), Location(spec_file, t.span), title, message)


def render_run(result: RunResult, opts: Options) -> str:
    lines = [diagnostic_command(d) for d in result.loaded.diagnostics]
    from ..judging.recorded import final_status  # a recorded judgement decides whether a target fails, as for the exit code

    lines += [target_command(v, result.loaded.spec_file, opts) for v in result.verdicts if final_status(v).value in opts.fail_on]
    return "".join(line + "\n" for line in lines)


def render_check(checked: dict[str, list[Diagnostic]], sources: dict[str, list[str]], opts: Options) -> str:
    return "".join(diagnostic_command(d) + "\n" for diags in checked.values() for d in diags)


def render_failed_run(loaded: Loaded, sources: dict[str, list[str]], opts: Options) -> str:
    return render_check({loaded.spec_file: loaded.diagnostics}, sources, opts)


# -- several specs (portfolio.py): the annotations of every spec, in order --------------------------------------
def portfolio_piece(loaded: Loaded, result: RunResult | None, sources: dict[str, list[str]], opts: Options) -> str:
    return render_run(result, opts) if result is not None else render_failed_run(loaded, sources, opts)


def render_portfolio(portfolio: Portfolio, opts: Options) -> str:
    return "".join(str(o.piece) for o in portfolio.outcomes) + "".join(diagnostic_command(d) + "\n" for d in portfolio.diagnostics)
