"""Markdown tables: for ``$GITHUB_STEP_SUMMARY`` or for pasting into an evaluation sheet.

`run` gives a heading (policy, as-of year), one row per target (id, title,
status, explanation) and the overall judgement; statuses in --fail-on are
bold.  `check` gives one row per diagnostic.  Headings and statuses follow
--lang (Japanese uses the sheets' words: 達成, 概ね順調に進捗).

Cells are escaped for GitHub Flavored Markdown (cmark-gfm, which the tests
use to render the tables): ``|`` as ``\\|`` so it does not split the cell,
backslashes and the other inline markers (`` ` * _ [ ] < > ~``) with a
backslash so a title shows as written, line breaks as ``<br>``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..core.diagnostics import CODES, Diagnostic
from ..core.years import label
from ..judging.evaluate import Status
from ..judging.recorded import final_status
from ..judging.recorded_words import line as recorded_line
from ..judging.wording import explanation, rating_text, rating_word, status_word
from ..pipeline import Loaded, RunResult
from . import Options

if TYPE_CHECKING:
    from ..pipeline.portfolio import Portfolio

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")

WORDS = {
    "target": ("ID", "番号"), "title": ("Target", "達成目標"), "status": ("Status", "判定"), "grade": ("Grade", "評価"),
    "explanation": ("Explanation", "説明"), "overall": ("Overall", "総合判定"), "summary": ("Summary", "内訳"),
    "file": ("File", "ファイル"), "line": ("Line", "行"), "severity": ("Severity", "種別"), "code": ("Code", "コード"),
    "message": ("Message", "内容"), "diagnostics": ("Diagnostics", "診断"), "none": ("No problems found.", "問題は見つかりませんでした。"),
    "error": ("error", "エラー"), "warning": ("warning", "警告"),
    "spec": ("Spec", "仕様"), "policy": ("Policy", "施策目標"), "judgement": ("Judgement", "総合判定"),
    "targets": ("Targets", "達成目標"), "not_judged": ("not judged: errors", "エラーのため判定できず"),
}


def word(key: str, lang: str) -> str:
    return WORDS[key][lang == "ja"]


def cell(text: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", text.strip())
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def table(header: list[str], rows: list[list[str]]) -> str:
    """A GFM table of cells already escaped with ``cell``."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _diagnostic_rows(diags: list[Diagnostic], lang: str) -> list[list[str]]:
    rows = []
    for d in diags:
        s = d.location.span
        title = CODES[d.code].title if d.code in CODES else ""
        rows.append([cell(d.location.file), str(s.line) if s else "", word(d.severity.value, lang), cell(f"{d.code} {title}"),
                     cell(d.message + (f" ({d.help})" if d.help else ""))])
    return rows


def _diagnostics(diags: list[Diagnostic], lang: str) -> str:
    header = [word(k, lang) for k in ("file", "line", "severity", "code", "message")]
    return table(header, _diagnostic_rows(diags, lang))


def render_run(result: RunResult, opts: Options) -> str:
    lang, p = opts.lang, result.spec.policy
    ja = lang == "ja"
    head = (f"施策目標{p.id} {p.title}（{label(result.as_of, 'ja')}時点）" if ja
            else f"Policy {p.id} {p.title} (as of {label(result.as_of)})")
    rows = []
    rated = p.rated is not None  # the grade on the rating scale, in a column beside the status
    for v in result.verdicts:
        status = cell(status_word(v.status, lang))
        shown = f"**{status}**" if final_status(v).value in opts.fail_on else status
        recorded = recorded_line(v, lang)  # the sheet author's judgement beside the rule's status
        graded = [cell(rating_word(v, lang))] if rated else []
        why = explanation(v, lang) + (f" {recorded}" if recorded else "") + (f" {rating_text(v, lang)}" if rated else "")
        rows.append([cell(v.target.id), cell(v.target.title), shown, *graded, cell(why)])
    a = result.assessment
    sep = "、" if ja else ", "
    counts = sep.join(f"{status_word(Status(k), lang)} {n}" for k, n in a.counts.items() if n)
    colon = "：" if ja else ": "
    out = ["### " + cell(head), "",
           table([word(k, lang) for k in ("target", "title", "status", *(("grade",) if rated else ()), "explanation")], rows),
           f"**{word('overall', lang)}**{colon}{cell(a.word(lang))}" + (f"（{cell(a.rule(lang))}）" if ja else f" ({cell(a.rule(lang))})"),
           "", f"{word('summary', lang)}{colon}{cell(counts)}"]
    note = a.note(lang)  # the policy's judgement counts recorded judgements: it says so
    if note is not None:
        out += ["", cell(note)]
    out += _breakdowns(result, opts)
    if result.loaded.diagnostics:
        out += ["", f"#### {word('diagnostics', lang)}", "", _diagnostics(result.loaded.diagnostics, lang).rstrip("\n")]
    return "\n".join(out) + "\n"


def _breakdowns(result: RunResult, opts: Options) -> list[str]:
    """Under the table, one small table per breakdown target: its keys best first (status, then achievement)."""
    from ..judging.wording import breakdown_counts as counts_text
    from ..judging.wording import breakdown_needed as needed_text
    from ..judging.wording import breakdown_summary as summary
    from ..judging.wording import number

    lang = opts.lang
    ja = lang == "ja"
    out: list[str] = []
    for v in result.verdicts:
        b = v.breakdown
        if b is None:
            continue
        head = f"{v.target.id} {v.target.title}: {summary(b, lang)} ({needed_text(b, lang)}; {counts_text(b, lang)})"
        rows = []
        for key, k in b.by_achievement():
            status = cell(status_word(k.status, lang))
            shown = f"**{status}**" if k.status.value in opts.fail_on else status
            value = number(k.actual, k.percent) if k.actual is not None else ""
            target = number(k.threshold, k.percent) if k.threshold is not None else ""
            rows.append([cell(key), shown, cell(value), cell(target), cell(explanation(k, lang))])
        header = [b.dimension, word("status", lang), "実績" if ja else "Value", "目標" if ja else "Target", word("explanation", lang)]
        out += ["", "#### " + cell(head), "", table([cell(h) for h in header], rows).rstrip("\n")]
    return out


def render_check(checked: dict[str, list[Diagnostic]], sources: dict[str, list[str]], opts: Options) -> str:
    diags = [d for ds in checked.values() for d in ds]
    errors = sum(1 for d in diags if d.is_error)
    warnings = len(diags) - errors
    if opts.lang == "ja":
        head = f"### tgtcheck check：{len(checked)}件の仕様、エラー{errors}件、警告{warnings}件"
    else:
        head = (f"### tgtcheck check: {len(checked)} spec{'s' if len(checked) != 1 else ''}, "
                f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
    body = _diagnostics(diags, opts.lang) if diags else word("none", opts.lang) + "\n"
    return f"{head}\n\n{body}"


def render_failed_run(loaded: Loaded, sources: dict[str, list[str]], opts: Options) -> str:
    return render_check({loaded.spec_file: loaded.diagnostics}, sources, opts)


# -- several specs (portfolio.py) --------------------------------------------------------------------------------
def portfolio_piece(loaded: Loaded, result: RunResult | None, sources: dict[str, list[str]], opts: Options) -> dict[str, Any]:
    """One spec's section (as ``render_run``, or its diagnostics) and its row of the overview table."""
    lang = opts.lang
    sep = "、" if lang == "ja" else ", "
    policy = loaded.spec.policy if loaded.spec else None
    name = cell(f"{policy.id} {policy.title}") if policy else ""
    if result is not None:
        counts = sep.join(f"{status_word(Status(k), lang)} {n}" for k, n in result.assessment.counts.items() if n)
        judgement = cell(result.assessment.word(lang))
        failing = any(final_status(v).value in opts.fail_on for v in result.verdicts)
        row = [cell(loaded.spec_file), name, f"**{judgement}**" if failing else judgement, cell(counts)]
        return {"row": row, "section": render_run(result, opts)}
    head = "### " + cell(loaded.spec_file)
    section = f"{head}\n\n{_diagnostics(loaded.diagnostics, lang)}"
    return {"row": [cell(loaded.spec_file), name, f"**{word('not_judged', lang)}**", ""], "section": section}


def render_portfolio(portfolio: Portfolio, opts: Options) -> str:
    """A heading with the overall count, a table of the specs (one row each), then each spec's section."""
    lang = opts.lang
    lines = portfolio.overall(lang)
    out = ["## " + cell(lines[0]), "", "\n\n".join(cell(line) for line in lines[1:]), "",
           table([word(k, lang) for k in ("spec", "policy", "judgement", "targets")],
                 [list(o.piece["row"]) for o in portfolio.outcomes]).rstrip("\n")]
    if portfolio.diagnostics:
        out += ["", f"### {word('diagnostics', lang)}", "", _diagnostics(portfolio.diagnostics, lang).rstrip("\n")]
    out += ["", *(str(o.piece["section"]).rstrip("\n") + "\n" for o in portfolio.outcomes)]
    return "\n".join(out).rstrip("\n") + "\n"
