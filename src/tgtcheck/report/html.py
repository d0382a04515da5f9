"""The report as one self-contained HTML file, laid out like the evaluation sheet.

Everything the page needs is inside it: the CSS inline, the charts as
inline SVG, no script, no web font and no ``http(s)://`` address, so it
opens from a file share or a mail attachment without a network.  Fonts are
the reader's own, named in order of preference (Noto Sans CJK, Hiragino,
Yu Gothic, Meiryo).  A status is a colour, a word and a symbol, with a
border style of its own, so it survives black-and-white printing.

Sections follow the sheet: header (施策目標, 基準年度/達成年度), ④ basic goal
with the overall judgement and its rule, the targets (one ``<section
id="6-2-1">`` each, with its chart), ⑥ the indicator table with 備考.
"""

from __future__ import annotations

import re
from html import escape

from .. import __version__
from ..core.years import era_label, label
from ..judging.evaluate import Status
from . import charts
from .model import NO_ENTRY, SYMBOLS, Report, TargetView, word

FONT_STACK = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", "YuGothic", Meiryo, sans-serif'

# (border colour, background, border style): the style differs too, for black-and-white print
STATUS_STYLE: dict[Status, tuple[str, str, str]] = {
    Status.MET: ("#1a7f37", "#e6f4ea", "solid"),
    Status.EXCEEDED: ("#0b6e79", "#e3f4f6", "double"),
    Status.ON_TRACK: ("#2f6f2f", "#eef6e8", "solid"),
    Status.BEHIND: ("#9a5b00", "#fff4e0", "dashed"),
    Status.NOT_MET: ("#b42318", "#fdecea", "double"),
    Status.PENDING: ("#1f4e99", "#e8eef9", "dashed"),
    Status.INSUFFICIENT_DATA: ("#5b4a8a", "#f0edf7", "dotted"),
}


def _css() -> str:
    status_rules = "\n".join(
        f".status.st-{s.value} {{ border: 2px {style} {color}; background: {bg}; color: {color}; }}\n"
        f".target.st-{s.value} {{ border-left: 6px {style} {color}; }}"
        for s, (color, bg, style) in STATUS_STYLE.items()
    )
    return f"""
* {{ box-sizing: border-box; }}
body {{ font-family: {FONT_STACK}; color: #1b1b1b; background: #fff; margin: 0; line-height: 1.6; }}
main {{ max-width: 1040px; margin: 0 auto; padding: 24px 28px 48px; }}
h1 {{ font-size: 1.5rem; margin: 0.2rem 0 0.6rem; }}
h2 {{ font-size: 1.2rem; border-bottom: 2px solid #1b1b1b; padding-bottom: 2px; margin: 2rem 0 0.8rem; }}
h3 {{ font-size: 1.05rem; margin: 0 0 0.4rem; }}
.kicker {{ margin: 0; color: #444; font-size: 0.9rem; }}
dl.facts {{ display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; font-size: 0.95rem; }}
dl.facts dt {{ font-weight: bold; }}
dl.facts dd {{ margin: 0; }}
.goal {{ border: 1px solid #999; padding: 10px 14px; margin: 0 0 12px; }}
.judgement {{ border: 2px solid #1b1b1b; padding: 10px 14px; }}
.judgement .word {{ font-size: 1.3rem; font-weight: bold; }}
.judgement p {{ margin: 0.2rem 0; }}
.recorded {{ border-left: 4px solid #555; padding-left: 8px; }}
.recorded[data-differs="true"] {{ border-left-color: #b00020; font-weight: bold; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.92rem; }}
th, td {{ border: 1px solid #777; padding: 4px 8px; vertical-align: top; }}
thead th {{ background: #f0f0f0; }}
tbody th {{ text-align: left; font-weight: normal; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
td.pending {{ text-align: center; font-style: italic;
  background: repeating-linear-gradient(135deg, #fff 0 4px, #e4e4e4 4px 6px); }}
td.na, td.unknown, td.none {{ text-align: center; color: #555; }}
.related {{ display: block; font-size: 0.85em; color: #444; }}
.status {{ display: inline-block; padding: 1px 10px; border-radius: 3px; font-weight: bold; white-space: nowrap; }}
.status .sym {{ margin-right: 0.35em; }}
{status_rules}
.target {{ border: 1px solid #bbb; padding: 12px 16px; margin: 0 0 18px; background: #fff; break-inside: avoid; }}
.target .title {{ font-weight: bold; }}
.target header {{ display: flex; gap: 12px; align-items: baseline; justify-content: space-between; flex-wrap: wrap; }}
.target .cond code {{ font-family: ui-monospace, "DejaVu Sans Mono", Consolas, monospace; background: #f4f4f4; padding: 1px 4px; }}
.target p {{ margin: 0.3rem 0; }}
figure {{ margin: 10px 0 0; }}
svg.chart {{ width: 100%; height: auto; display: block; }}
svg.chart * {{ stroke-linejoin: round; stroke-linecap: butt; }}
svg.chart text {{ font-family: {FONT_STACK} !important; }}
figcaption {{ font-size: 0.85rem; color: #333; }}
ol.notes {{ list-style: none; padding: 0; font-size: 0.9rem; }}
#sec-indicators h3 {{ margin-top: 1rem; }}
ul.legend {{ list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 10px; }}
footer {{ margin-top: 2rem; font-size: 0.85rem; color: #444; }}
a {{ color: inherit; }}
@media print {{ main {{ max-width: none; padding: 0; }} }}
"""


def anchor(target_id: str) -> str:
    """A target's section id: the target's own id (6-2-1), whitespace aside (an HTML id has none)."""
    return re.sub(r"\s", "_", target_id)


def _id_safe(text: str) -> str:
    """Only [A-Za-z0-9_-], for ids used inside SVG references (url(#…))."""
    return re.sub(r"[^A-Za-z0-9_-]", lambda m: f"_{ord(m.group()):x}", text)


def _label(key: str, lang: str) -> str:
    """'条件：' / 'Condition: '."""
    return _e(word(key, lang)) + ("：" if lang == "ja" else ": ")


def _e(text: object) -> str:
    return escape(str(text))


def status_badge(symbol: str, text: str, status: Status) -> str:
    return (f'<span class="status st-{status.value}" data-status="{status.value}">'
            f'<span class="sym" aria-hidden="true">{symbol}</span>{_e(text)}</span>')


def render(report: Report) -> str:
    lang = report.lang

    def w(key: str) -> str:
        return _e(word(key, lang))

    title = f"{word('policy', lang)}{report.policy_id} {report.policy_title}" if lang == "ja" else \
        f"{word('policy', lang)} {report.policy_id}: {report.policy_title}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="tgtcheck {__version__}">',
        f"<title>{_e(title)} — {w('doc_title')}</title>",
        f"<style>{_css()}</style>",
        "</head>",
        "<body>",
        "<main>",
        '<header id="sec-header">',
        f'<p class="kicker">{w("doc_title")}</p>',
        f"<h1>{_e(title)}</h1>",
        '<dl class="facts">',
    ]
    parts += [f"<dt>{w(key)}</dt><dd>{_e(value)}</dd>" for key, value in report.facts]
    parts += ["</dl>", "</header>", _goal(report), _targets(report), _indicators(report), _footer(report),
              "</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _goal(report: Report) -> str:
    lang = report.lang
    counts = ("、" if lang == "ja" else ", ").join(
        f"{SYMBOLS[s]} {_e(_status_word(s, lang))} {n}" for s, n in report.counts)
    rows = "\n".join(
        f'<tr><td><a href="#{_e(anchor(t.id))}">{_e(t.id)}</a></td><td>{_e(t.title)}</td>'
        f"<td>{status_badge(t.symbol, t.status_word, t.status)}</td>" + (f'<td class="grade">{_e(t.grade)}</td>' if t.grade else "") + "</tr>"
        for t in report.targets)
    goal = f'<p class="goal">{_e(report.goal)}</p>' if report.goal else ""
    return f"""<section id="sec-goal">
<h2>{_e(word('goal', lang))}</h2>
{goal}
<div class="judgement" data-judgement="{_e(report.judgement_key)}">
<p>{_label('judgement', lang)}<span class="word">{_e(report.judgement)}</span></p>
<p>{_label('rule', lang)}{_e(report.rule)}</p>{f'<p class="recorded-note">{_e(report.recorded_note)}</p>' if report.recorded_note else ''}
<p>{_label('counts', lang)}{counts}</p>
</div>
<table class="summary">
<thead><tr><th scope="col">{_e(word('number', lang))}</th><th scope="col">{_e(word('target', lang))}</th>\
<th scope="col">{_e(word('status', lang))}</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</section>"""


def _status_word(s: Status, lang: str) -> str:
    from ..judging.wording import status_word

    return status_word(s, lang)


def _targets(report: Report) -> str:
    sections = "\n".join(_target(report, t) for t in report.targets)
    return f'<section id="sec-targets">\n<h2>{_e(word("targets", report.lang))}</h2>\n{sections}\n</section>'


def _target(report: Report, t: TargetView) -> str:
    lang = report.lang
    heading = f"{word('target', lang)}{t.id}" if lang == "ja" else f"{word('target', lang)} {t.id}"
    consts = ""
    if t.constants:
        items = ("、" if lang == "ja" else ", ").join(f"<code>{_e(c)} = {_e(v)}</code>" + (f"（{_e(n)}）" if n and lang == "ja" else f" ({_e(n)})" if n else "")
                                                  for c, v, n in t.constants)
        consts = f'<p class="consts">{_label("constants", lang)}{items}</p>'
    chart_title = f"{heading} {t.chart.title}" + (f" [{t.grade}]" if t.grade else "")
    grade = f' <span class="grade">{_e(t.grade)}</span>' if t.grade else ""
    main = f' <span class="main">{_e(word("main", lang))}</span>' if t.main else ""
    rating = f'<p class="rating">{_e(t.rating)}</p>' if t.rating else ""
    svg = charts.svg(t.chart, lang, "c" + _id_safe(t.id), chart_title)
    notes = "".join(f"<p>{_e(n)}</p>" for n in t.chart.notes if n)
    return f"""<section class="target st-{t.status.value}" id="{_e(anchor(t.id))}" data-status="{t.status.value}">
<header><h3>{_e(heading)}</h3>{status_badge(t.symbol, t.status_word, t.status)}{grade}{main}</header>
<p class="title">{_e(t.title)}</p>
<p class="cond">{_label('condition', lang)}<code>{_e(t.condition)}</code></p>
{consts}
<p class="explanation">{_e(t.explanation)}</p>{f'<p class="figures">{_e(t.figures)}</p>' if t.figures else ''}{_recorded(t)}{rating}{_keys(t, lang)}
<figure>
{svg}<figcaption>{_label('chart', lang)}{_e(t.chart.title)}{f" [{_e(t.grade)}]" if t.grade else ""}{notes}</figcaption>
</figure>
</section>"""


def _keys(t: TargetView, lang: str) -> str:
    """A breakdown target's keys in a small table, best first (status, then achievement ratio)."""
    if not t.keys:
        return ""
    from .model import key_word

    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in (t.dimension, word("status", lang), key_word("value", lang),
                                                              key_word("threshold", lang), key_word("achievement", lang)))
    rows = "".join(f'<tr data-status="{k.status.value}"><th scope="row">{_e(k.key)}</th><td>{status_badge(k.symbol, k.status_word, k.status)}</td>'
                   f'<td class="num">{_e(k.actual)}</td><td class="num">{_e(k.threshold)}</td><td class="num">{_e(k.achievement)}</td></tr>'
                   for k in t.keys)
    return (f'\n<table class="keys"><caption>{_e(t.keys_summary)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def _indicators(report: Report) -> str:
    lang = report.lang
    head = "".join(f'<th scope="col" title="{_e(label(y, lang))}">{_e(era_label(y))}</th>' for y in report.years)
    rows = []
    for r in report.rows:
        related = "".join(
            f'<span class="related">（{_e(word("target", lang))}{_e(t)}関係）</span>' if lang == "ja"
            else f'<span class="related">(target {_e(t)})</span>' for t in r.targets)
        marks = f" {_e(' '.join(r.marks))}" if r.marks else ""
        cells = "".join(
            f'<td class="{"num" if c.kind == "number" else "na" if c.kind == "n/a" else c.kind}" data-kind="{c.kind}"'
            + (f' title="{_e(word(NO_ENTRY, lang))}"' if c.kind == NO_ENTRY else "")
            + f">{_e(c.text)}{_e(c.mark or '')}</td>"
            for c in r.cells)
        rows.append(f'<tr id="ind-{_e(r.indicator)}"><th scope="row">{_e(r.label)}{marks}{related}</th>'
                    f"<td>{_e(r.unit or '')}</td>{cells}</tr>")
    notes = "\n".join(f"<li>{_e(m)} {_e(t)}</li>" for m, t in report.footnotes)
    notes_block = f'<h3>{_e(word("notes", lang))}</h3>\n<ol class="notes">\n{notes}\n</ol>' if notes else ""
    return f"""<section id="sec-indicators">
<h2>{_e(word('indicators', lang))}</h2>
<table class="indicators">
<thead><tr><th scope="col">{_e(word('indicator', lang))}</th><th scope="col">{_e(word('unit', lang))}</th>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
{notes_block}
</section>"""


def _footer(report: Report) -> str:
    lang = report.lang
    legend = "".join(f"<li>{status_badge(SYMBOLS[s], _status_word(s, lang), s)}</li>" for s in Status)
    generated = word("generated", lang).format(version=__version__, spec=report.spec_file)
    return f"""<footer id="sec-footer">
<p>{_label('legend', lang)}</p>
<ul class="legend">{legend}</ul>
<p>{_e(generated)}</p>
</footer>"""


def _recorded(t: TargetView) -> str:
    """The recorded judgement beside the rule's status, marked when it differs (``data-differs``)."""
    if not t.recorded:
        return ""
    return f'<p class="recorded" data-differs="{"true" if t.recorded_differs else "false"}">{_e(t.recorded)}</p>'
