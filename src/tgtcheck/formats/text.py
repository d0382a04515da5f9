"""The terminal table of `tgtcheck run` and the ruff-style diagnostics of `check`.

Columns are padded by display width (Japanese characters take two cells),
so the table lines up in a terminal.  Colour only when asked for
(``Options.color``, decided by the CLI from --color, NO_COLOR, FORCE_COLOR
and whether stdout is a terminal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.diagnostics import Diagnostic, display_width, render_diagnostic
from ..core.years import label
from ..judging.evaluate import Status
from ..judging.recorded_words import line as recorded_line
from ..judging.verdict import Breakdown
from ..judging.wording import explanation, rating_text, rating_word, ratio_figures, status_word
from ..pipeline import Loaded, RunResult
from . import Options

if TYPE_CHECKING:
    from ..pipeline.portfolio import Portfolio

_COLORS = {
    Status.MET: "32", Status.EXCEEDED: "36", Status.ON_TRACK: "32", Status.BEHIND: "33",
    Status.NOT_MET: "31", Status.PENDING: "34", Status.INSUFFICIENT_DATA: "35",
}


width = display_width


def pad(s: str, n: int) -> str:
    return s + " " * max(0, n - width(s))


def render_run(result: RunResult, opts: Options) -> str:
    ja = opts.lang == "ja"
    spec = result.spec
    head = (f"施策目標{spec.policy.id} {spec.policy.title}（{label(result.as_of, 'ja')}時点）" if ja
            else f"policy {spec.policy.id} {spec.policy.title} (as of {label(result.as_of)})")
    rated = spec.policy.rated is not None  # a grade on the rating scale beside each status
    rows = [(v.target.id, status_word(v.status, opts.lang) + (f" [{rating_word(v, opts.lang)}]" if rated else ""), v)
            for v in result.verdicts]
    id_w = max([width(r[0]) for r in rows] + [6])
    st_w = max([width(r[1]) for r in rows] + [6])
    lines = [head, ""]
    for tid, word, v in rows:
        shown = pad(word, st_w)
        if opts.color:
            shown = f"\x1b[{_COLORS[v.status]}m{shown}\x1b[0m"
        lines.append(f"{pad(tid, id_w)}  {shown}  {v.target.title}")
        lines.append(f"{' ' * id_w}  {' ' * st_w}  {explanation(v, opts.lang)}")
        if v.recorded is not None:  # the sheet author's judgement, beside the rule's status
            lines.append(f"{' ' * id_w}  {' ' * st_w}  {recorded_line(v, opts.lang)}")
        if rated:
            lines.append(f"{' ' * id_w}  {' ' * st_w}  {rating_text(v, opts.lang)}")
        if opts.ratios:
            figures = ratio_figures(v, opts.lang)
            if figures:
                lines.append(f"{' ' * id_w}  {' ' * st_w}  {figures}")
        if opts.keys and v.breakdown is not None:
            lines += key_lines(v.breakdown, id_w + st_w + 4, opts)
    a = result.assessment
    counts = ", ".join(f"{status_word(Status(k), opts.lang)} {n}" for k, n in a.counts.items() if n)
    lines.append("")
    if ja:
        lines.append(f"総合判定：{a.word('ja')}（{a.rule('ja')}）")
        lines.append(f"内訳：{counts}")
    else:
        lines.append(f"overall: {a.word()} ({a.rule()})")
        lines.append(f"summary: {counts}")
    note = a.note(opts.lang)
    if note is not None:
        lines.append(f"※{note}" if ja else f"note: {note}")
    return "\n".join(lines) + "\n"


def key_lines(b: Breakdown, indent: int, opts: Options) -> list[str]:
    """`--keys`: one line per key, best first (``Breakdown.by_achievement``): key, status, explanation."""
    key_w = max([width(k) for k, _ in b.keys] + [3])
    st_w = max([width(status_word(v.status, opts.lang)) for _, v in b.keys] + [3])
    out = []
    for key, v in b.by_achievement():
        word = pad(status_word(v.status, opts.lang), st_w)
        if opts.color:
            word = f"\x1b[{_COLORS[v.status]}m{word}\x1b[0m"
        out.append(f"{' ' * indent}{pad(key, key_w)}  {word}  {explanation(v, opts.lang)}")
    return out


MAX_PER_CODE = 50  # diagnostics of one code in one file shown as text; the count of the rest follows


def capped(diags: list[Diagnostic]) -> tuple[list[Diagnostic], dict[tuple[str, str], int]]:
    """The diagnostics to show (at most MAX_PER_CODE of each code in each file), and how many of each were left out."""
    seen: dict[tuple[str, str], int] = {}
    shown: list[Diagnostic] = []
    hidden: dict[tuple[str, str], int] = {}
    for d in diags:
        key = (d.location.file, d.code)
        n = seen[key] = seen.get(key, 0) + 1
        if n <= MAX_PER_CODE:
            shown.append(d)
        else:
            hidden[key] = n - MAX_PER_CODE
    return shown, hidden


def render_diagnostics(diags: list[Diagnostic], sources: dict[str, list[str]], opts: Options) -> str:
    if not diags:
        return ""
    shown, hidden = capped(diags)
    out = [render_diagnostic(d, sources.get(d.location.file), opts.color, opts.lang) for d in shown]
    for (file, code), n in hidden.items():
        out.append(f"{file}: … and {n} more {code} not shown (--format json lists every one)" if opts.lang != "ja"
                   else f"{file}: … ほか {code} {n} 件（--format json ですべて表示）")
    errors = sum(1 for d in diags if d.is_error)
    warnings = len(diags) - errors
    if opts.lang == "ja":
        out.append(f"エラー {errors} 件" + (f"、警告 {warnings} 件。" if warnings else "。"))
    else:
        out.append(f"Found {errors} error{'s' if errors != 1 else ''}" + (f" and {warnings} warning{'s' if warnings != 1 else ''}." if warnings else "."))
    return "\n".join(out) + "\n"


# -- several specs (portfolio.py) ------------------------------------------------------------------------------
def portfolio_piece(loaded: Loaded, result: RunResult | None, sources: dict[str, list[str]], opts: Options) -> str:
    """One spec's part: its file, then its table as ``render_run`` writes it, or why it was not judged."""
    head = f"== {loaded.spec_file}"
    if result is not None:
        return f"{head}\n{render_run(result, opts)}"
    errors = sum(1 for d in loaded.diagnostics if d.is_error)
    why = (f"判定できません：エラー {errors} 件（標準エラー出力を参照）" if opts.lang == "ja"
           else f"not judged: {errors} error{'s' if errors != 1 else ''} (on stderr)")
    return f"{head}\n{why}\n"


def render_portfolio(portfolio: Portfolio, opts: Options) -> str:
    """Each spec's part, then the overall count."""
    parts = [o.piece for o in portfolio.outcomes]
    return "\n".join([*parts, "\n".join(portfolio.overall(opts.lang))]) + "\n"
