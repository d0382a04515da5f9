"""The report as Markdown: the HTML report's content without the charts.

For a wiki page, a pull request or a mail.  The same ``Report`` model as the
HTML, so both say the same thing; where the HTML draws a chart, the
Markdown keeps the chart's notes (a target converted into the indicator's
unit, a line that cannot be drawn).  The indicator table is a pipe table
with the years as columns, as in section ⑥ of the sheet.
"""

from __future__ import annotations

from .. import __version__
from ..core.years import era_label
from ..formats.markdown import cell
from ..judging.evaluate import Status
from ..judging.wording import status_word
from .model import SYMBOLS, Report, TargetView, word


def _e(text: object) -> str:
    """Text safe in Markdown, on one line: the run format's ``cell`` escaping, whitespace folded."""
    return cell(" ".join(str(text).split()))


def render(report: Report) -> str:
    lang = report.lang
    ja = lang == "ja"
    sep = "：" if ja else ": "
    title = (f"{word('policy', lang)}{report.policy_id} {report.policy_title}" if ja
             else f"{word('policy', lang)} {report.policy_id}: {report.policy_title}")
    out = [f"# {_e(title)}", ""]
    out += [f"- {word(key, lang)}{sep}{_e(value)}" for key, value in report.facts]
    out += ["", f"## {word('goal', lang)}", ""]
    if report.goal:
        out += [_e(report.goal), ""]
    counts = ("、" if ja else ", ").join(f"{SYMBOLS[s]} {status_word(s, lang)} {n}" for s, n in report.counts)
    out += [
        f"**{word('judgement', lang)}{sep}{_e(report.judgement)}**",
        "",
        f"- {word('rule', lang)}{sep}{_e(report.rule)}",
        *([f"- {_e(report.recorded_note)}"] if report.recorded_note else []),
        f"- {word('counts', lang)}{sep}{_e(counts)}",
        "",
    ]
    rated = any(t.grade for t in report.targets)  # the grade on the rating scale, in a column beside the status
    if rated:
        out += [f"| {word('number', lang)} | {word('target', lang)} | {word('status', lang)} | {word('grade', lang)} |",
                "| --- | --- | --- | --- |"]
        out += [f"| {_e(t.id)} | {_e(t.title)} | {t.symbol} {_e(t.status_word)} | {_e(t.grade)} |" for t in report.targets]
    else:
        out += [f"| {word('number', lang)} | {word('target', lang)} | {word('status', lang)} |", "| --- | --- | --- |"]
        out += [f"| {_e(t.id)} | {_e(t.title)} | {t.symbol} {_e(t.status_word)} |" for t in report.targets]
    out += ["", f"## {word('targets', lang)}", ""]
    for t in report.targets:
        heading = f"{word('target', lang)}{t.id}" if ja else f"{word('target', lang)} {t.id}"
        out += [f"### {_e(heading)} {t.symbol} {_e(t.status_word)}", "", _e(t.title), "",
                f"- {word('status', lang)}{sep}{t.symbol} {_e(t.status_word)}",
                f"- {word('condition', lang)}{sep}`{t.condition}`"]
        for c, v, note in t.constants:
            out.append(f"- {word('constants', lang)}{sep}`{c} = {v}`" + (f"（{_e(note)}）" if note and ja else f" ({_e(note)})" if note else ""))
        out.append(f"- {word('explanation', lang)}{sep}{_e(t.explanation)}")
        if t.figures:
            out.append(f"- {word('figures', lang)}{sep}{_e(t.figures)}")
        if t.recorded:  # the sheet author's judgement beside the rule's status; a difference in bold
            out.append(f"- **{_e(t.recorded)}**" if t.recorded_differs else f"- {_e(t.recorded)}")
        if t.rating:
            out.append(f"- {word('grade', lang)}{sep}{_e(t.rating)}")
        if t.main:
            out.append(f"- {_e(word('main', lang))}")
        out += [f"- {_e(n)}" for n in t.chart.notes if n]
        if t.keys:
            out += ["", f"{_e(t.keys_summary)}", "", _key_table(t, lang)]
        out.append("")
    out += [f"## {word('indicators', lang)}", "", _table(report), ""]
    if report.footnotes:
        out += [f"{word('notes', lang)}{sep}", ""]
        out += [f"- {_e(m)} {_e(text)}" for m, text in report.footnotes]
        out.append("")
    legend = ("、" if ja else ", ").join(f"{SYMBOLS[s]} {status_word(s, lang)}" for s in Status)
    out += [f"{word('legend', lang)}{sep}{legend}", "",
            "*" + _e(word("generated", lang).format(version=__version__, spec=report.spec_file)) + "*", ""]
    return "\n".join(out)


def _key_table(t: TargetView, lang: str) -> str:
    """A breakdown target's keys, best first: key, status, value, target, achievement ratio."""
    from .model import key_word

    header = (t.dimension, word("status", lang), key_word("value", lang), key_word("threshold", lang), key_word("achievement", lang))
    lines = [f"| {' | '.join(_e(h) for h in header)} |", "| --- | --- | ---: | ---: | ---: |"]
    lines += [f"| {_e(k.key)} | {k.symbol} {_e(k.status_word)} | {_e(k.actual)} | {_e(k.threshold)} | {_e(k.achievement)} |" for k in t.keys]
    return "\n".join(lines)


def _table(report: Report) -> str:
    lang = report.lang
    head = f"| {word('indicator', lang)} | {word('unit', lang)} | " + " | ".join(era_label(y) for y in report.years) + " |"
    rule = "| --- | --- | " + " | ".join("---:" for _ in report.years) + " |"
    lines = [head, rule]
    for r in report.rows:
        related = "".join(f"（{word('target', lang)}{t}関係）" if lang == "ja" else f" (target {t})" for t in r.targets)
        name = _e(r.label + (" " + " ".join(r.marks) if r.marks else "") + related)
        cells = " | ".join(_e(c.text + (c.mark or "")) for c in r.cells)
        lines.append(f"| {name} | {_e(r.unit or '')} | {cells} |")
    return "\n".join(lines)
