"""Analysis results as LSP values: diagnostics, completion items, hover.

Only lsprotocol types are used here, no server, so every feature is a plain
function of an ``Analysis`` and a position.

Where a diagnostic goes: a problem in the spec at its span; a problem in
the data file (which the editor may not have open) on the declaration of
the indicator its data path names (``indicators.patents.values.H14``), else
on a related position in the spec, else on the spec's ``data "…"`` clause,
else at the top of the file, with the data file's own position kept as
related information and in the message.  ``help`` is appended to the
message, as the CLI prints it under the problem.
"""

from __future__ import annotations

import os
import re
from fractions import Fraction
from pathlib import Path

from lsprotocol import types

from ...core.diagnostics import Diagnostic, Location, Severity, Span
from ...core.years import label
from ...data.dataset import Marker, Series
from ...judging import functions
from ...judging.evaluate import Verdict, fold_constant
from ...judging.wording import MARKER_WORDS, explanation, number, rating_text, status_word
from ...language.lexical import normalize
from ...language.nodes import CLAUSE_WORDS, Constant, Indicator, Spec, Target
from ...language.printer import expr_text
from .analysis import Analysis, declared_names
from .positions import UTF16, Lines, span_range

SOURCE = "tgtcheck"

KEYWORDS: tuple[str, ...] = (
    "policy", "indicator", "constant", "target", "base", "due", "data", "goal", "method", "unit", "note",
    "better", "judge", "years", "judged", "in", "because",
    "by", "every", "year", "from", "to", "between", "and", "about", "程度",
    "rated", "on", "rollup", "main", "主要", "scale", "grade", "when", "score",
    "for", "each", "at", "least", "of",  # breakdowns: for each region, for at least 10 of region
)

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DATA_CLAUSE = re.compile(r'\bdata\s+("[^"\n]*"|「[^」\n]*」)')


def _words(lang: str) -> dict[str, str]:
    if lang == "ja":
        return {"unit": "単位", "note": "注", "latest": "最新", "latest_number": "最新の数値", "no_data": "データなし",
                "no_row": "データファイルに行がない", "constant": "定数", "as_of": "時点", "cannot": "評価できない",
                "errors": "仕様かデータにエラーがある（問題パネルを参照）", "no_verdict": "評価結果なし"}
    return {"unit": "unit", "note": "note", "latest": "latest", "latest_number": "latest number", "no_data": "no data",
            "no_row": "no row in the data file", "constant": "constant", "as_of": "as of", "cannot": "cannot be evaluated",
            "errors": "the spec or its data has errors (see the problems)", "no_verdict": "no verdict"}


# -- diagnostics -------------------------------------------------------------------------
def to_range(span: Span | None, lines: Lines, encoding: str = UTF16) -> types.Range:
    (sl, sc), (el, ec) = span_range(span, lines, encoding)
    return types.Range(types.Position(sl, sc), types.Position(el, ec))


def diagnostics(analysis: Analysis, uri: str, encoding: str = UTF16) -> list[types.Diagnostic]:
    """Every problem of the analysis, placed in the spec document."""
    lines = Lines.of(analysis.text)
    data_lines: dict[str, Lines | None] = {}
    return [_diagnostic(d, analysis, uri, lines, data_lines, encoding) for d in analysis.diagnostics]


def _same_file(a: str, b: str) -> bool:
    return os.path.normcase(os.path.normpath(a)) == os.path.normcase(os.path.normpath(b))


def _diagnostic(d: Diagnostic, analysis: Analysis, uri: str, lines: Lines, data_lines: dict[str, Lines | None],
                encoding: str) -> types.Diagnostic:
    message = d.message
    related: list[types.DiagnosticRelatedInformation] = []
    if _same_file(d.location.file, analysis.path):
        rng = to_range(d.location.span, lines, encoding)
    else:
        rng = _placement(d, analysis, lines, encoding)
        message = f"{_where(d.location)}: {message}"
        related.append(types.DiagnosticRelatedInformation(_location(d.location, analysis, uri, lines, data_lines, encoding), d.message))
    for rel in d.related:
        related.append(types.DiagnosticRelatedInformation(_location(rel, analysis, uri, lines, data_lines, encoding), f"see {_where(rel)}"))
    if d.help:
        message += f"\nhelp: {d.help}"
    return types.Diagnostic(
        range=rng, message=message, severity=types.DiagnosticSeverity.Error if d.severity is Severity.ERROR else types.DiagnosticSeverity.Warning,
        code=d.code, source=SOURCE, related_information=related or None,
    )


def _where(loc: Location) -> str:
    where = os.path.basename(loc.file)
    if loc.span is not None and loc.span.line > 0:
        where += f":{loc.span.line}:{loc.span.column}"
    if loc.path:
        where += f" ({loc.path})"
    return where


def _placement(d: Diagnostic, analysis: Analysis, lines: Lines, encoding: str) -> types.Range:
    """Where in the spec a problem of another file (the data) is shown."""
    spec = analysis.spec
    if spec is not None and d.location.path:
        parts = d.location.path.split(".")
        if len(parts) >= 2 and parts[0] == "indicators":
            ind = next((i for i in spec.indicators if i.id == parts[1]), None)
            if ind is not None:
                return to_range(name_span(ind, analysis.text), lines, encoding)
    for rel in d.related:
        if _same_file(rel.file, analysis.path) and rel.span is not None:
            return to_range(rel.span, lines, encoding)
    m = _DATA_CLAUSE.search(analysis.normalized)
    if m is not None:
        return to_range(_offsets_span(lines, m.start(), m.end()), lines, encoding)
    return to_range(None, lines, encoding)


def _location(loc: Location, analysis: Analysis, uri: str, lines: Lines, data_lines: dict[str, Lines | None],
              encoding: str) -> types.Location:
    if _same_file(loc.file, analysis.path):
        return types.Location(uri, to_range(loc.span, lines, encoding))
    if loc.file not in data_lines:
        try:
            data_lines[loc.file] = Lines.of(Path(loc.file).read_text(encoding="utf-8-sig", errors="replace"))
        except OSError:
            data_lines[loc.file] = None
    other = data_lines[loc.file] or Lines.of("")
    return types.Location(Path(os.path.abspath(loc.file)).as_uri(), to_range(loc.span, other, encoding))


def _offsets_span(lines: Lines, start: int, end: int) -> Span:
    sl, sc = lines.position(start)
    el, ec = lines.position(end)
    return Span(sl + 1, sc + 1, el + 1, ec + 1, start, end)


def name_span(decl: Indicator | Constant, text: str) -> Span:
    """The span of a declaration's name (its span covers the whole declaration)."""
    lines = Lines.of(text)
    lexed = normalize(text)[0]
    start = decl.span.start_pos
    m = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(decl.id)}(?![A-Za-z0-9_])").search(lexed, start, max(decl.span.end_pos, start))
    if m is None:
        return decl.span
    return _offsets_span(lines, m.start(), m.end())


# -- completion -------------------------------------------------------------------------
def completions(analysis: Analysis, lang: str = "ja") -> list[types.CompletionItem]:
    """Indicator and constant names of the document, the built-in functions, the keywords."""
    items: list[types.CompletionItem] = []
    spec = analysis.spec
    if spec is not None:
        for ind in spec.indicators:
            items.append(types.CompletionItem(ind.id, kind=types.CompletionItemKind.Variable, detail=_indicator_detail(ind),
                                              documentation=ind.note, sort_text=f"0{ind.id}"))
        for c in spec.constants:
            items.append(types.CompletionItem(c.id, kind=types.CompletionItemKind.Constant, detail=f"= {expr_text(c.value)}",
                                              documentation=c.note, sort_text=f"0{c.id}"))
    else:
        names = declared_names(analysis.text)
        for name in names["indicator"]:
            items.append(types.CompletionItem(name, kind=types.CompletionItemKind.Variable, detail="indicator", sort_text=f"0{name}"))
        for name in names["constant"]:
            items.append(types.CompletionItem(name, kind=types.CompletionItemKind.Constant, detail="constant", sort_text=f"0{name}"))
    for sig in functions.FUNCTIONS.values():
        items.append(types.CompletionItem(
            sig.name, kind=types.CompletionItemKind.Function, detail=sig.usage(),
            documentation=types.MarkupContent(types.MarkupKind.Markdown, _function_doc(sig, lang)), sort_text=f"1{sig.name}",
        ))
    for kw in KEYWORDS:
        items.append(types.CompletionItem(kw, kind=types.CompletionItemKind.Keyword, sort_text=f"2{kw}"))
    for clause, words in CLAUSE_WORDS.items():  # the words `better`, `judge`, `years` and `rollup` take
        for word in words:
            items.append(types.CompletionItem(word, kind=types.CompletionItemKind.EnumMember, detail=f"{clause} {word}",
                                              sort_text=f"3{word}"))
    items += _scale_items(analysis, lang)
    return items


def _scale_items(analysis: Analysis, lang: str) -> list[types.CompletionItem]:
    """Rating scales: the scales `rated on` may name (declared and shipped), the measures and statuses a band takes."""
    from ...judging.rating import MEASURE_WORDS
    from ...judging.scales import SHIPPED_TEXT, STATUSES

    ja = lang == "ja"
    declared = [s.id for s in analysis.spec.scales] if analysis.spec is not None else []
    items = [types.CompletionItem(name, kind=types.CompletionItemKind.Class, sort_text=f"3{name}",
                                  detail=("評価区分表" if ja else "rating scale") + (" (shipped)" if name not in declared else ""))
             for name in dict.fromkeys(declared + list(SHIPPED_TEXT))]
    items += [types.CompletionItem(m, kind=types.CompletionItemKind.EnumMember, detail=f"when {m} … ({words[ja]})", sort_text=f"3{m}")
              for m, words in MEASURE_WORDS.items()]
    items += [types.CompletionItem(s, kind=types.CompletionItemKind.EnumMember, detail=f"when status {s}", sort_text=f"3{s}")
              for s in STATUSES]
    return items


def _indicator_detail(ind: Indicator) -> str:
    return f"{ind.label}（{ind.unit}）" if ind.unit else ind.label


def _function_doc(sig: functions.Function, lang: str) -> str:
    first, second = (sig.doc_ja, sig.doc) if lang == "ja" else (sig.doc, sig.doc_ja)
    return f"`{sig.usage()}`\n\n{first}\n\n{second}"


# -- hover ------------------------------------------------------------------------------
def hover(analysis: Analysis, line: int, column: int, encoding: str = UTF16, lang: str = "ja") -> types.Hover | None:
    """What the word under the cursor names, and the verdict of the target around it."""
    lines = Lines.of(analysis.text)
    line, char = lines.from_client(line, column, encoding)
    offset = lines.offset(line, char)
    lexed = analysis.normalized
    parts: list[str] = []
    word = _word_at(lexed, offset)
    rng: types.Range | None = None
    spec = analysis.spec
    target = _target_at(spec, offset) if spec is not None else None
    if word is not None:
        name, start, end = word
        text = _name_hover(name, spec, analysis, lang)
        if not text:  # a keyword, a clause word, a milestone, a recorded judgement: what it means
            from .constructs import construct_hover

            text = construct_hover(name, start, offset, target, analysis, lang)
        if text:
            parts.append(text)
            rng = to_range(_offsets_span(lines, start, end), lines, encoding)
    elif target is not None:  # a number or a string of a milestone or a recorded judgement
        from .constructs import construct_hover

        text = construct_hover("", offset, offset, target, analysis, lang)
        if text:
            parts.append(text)
    if target is not None:
        parts.append(_target_hover(target, analysis, lang))
        if rng is None:
            rng = to_range(target.id_span if target.id_span.start_pos <= offset < target.id_span.end_pos else target.span, lines, encoding)
    if not parts:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(parts)), rng)


def _word_at(text: str, offset: int) -> tuple[str, int, int] | None:
    """The name (letters, digits, _) that the offset is in or just after."""

    def inside(c: str) -> bool:
        return c.isascii() and (c.isalnum() or c == "_")

    start = end = offset
    while start > 0 and inside(text[start - 1]):
        start -= 1
    while end < len(text) and inside(text[end]):
        end += 1
    if start == end or _WORD.fullmatch(text, start, end) is None:
        return None
    return text[start:end], start, end


def _target_at(spec: Spec, offset: int) -> Target | None:
    for t in spec.targets:
        if t.span.start_pos <= offset < t.span.end_pos:
            return t
    return None


def _name_hover(name: str, spec: Spec | None, analysis: Analysis, lang: str) -> str | None:
    if spec is not None:
        ind = next((i for i in spec.indicators if i.id == name), None)
        if ind is not None:
            return indicator_hover(ind, analysis.data.series.get(name) if analysis.data else None, analysis.data is not None, lang)
        const = next((c for c in spec.constants if c.id == name), None)
        if const is not None:
            return _constant_hover(const, spec, lang)
    sig = functions.FUNCTIONS.get(name)
    if sig is not None:
        return _function_doc(sig, lang)
    return None


def indicator_hover(ind: Indicator, series: Series | None, have_data: bool, lang: str = "ja") -> str:
    w = _words(lang)
    out = [f"**{ind.id}**: {ind.label}"]
    unit = ind.unit or (series.unit if series else None)
    if unit:
        out.append(f"{w['unit']}: {unit}")
    note = ind.note or (series.footnote if series else None)
    if note:
        out.append(f"{w['note']}: {note}")
    if series is not None:
        out.append(latest_text(series, unit, lang))
    elif have_data:
        out.append(w["no_row"])
    return "\n\n".join(out)


def latest_text(series: Series, unit: str | None, lang: str = "ja") -> str:
    """The latest entry of a row (a number or a marker such as 集計中), and the latest number if that is a marker."""
    w = _words(lang)
    years = series.years()
    if not years:
        return f"{w['latest']}: {w['no_data']}"
    suffix = unit or ""

    def shown(value: Fraction | Marker) -> str:
        return number(value) + suffix if isinstance(value, Fraction) else MARKER_WORDS[value][lang == "ja"]

    last = series.cells[years[-1]]
    text = f"{w['latest']}: {label(last.year, lang)} {shown(last.value)}"
    if not isinstance(last.value, Fraction):
        numeric = [y for y in years if isinstance(series.cells[y].value, Fraction)]
        if numeric:
            earlier = f"{w['latest_number']}: {label(numeric[-1], lang)} {shown(series.cells[numeric[-1]].value)}"
            text += f"（{earlier}）" if lang == "ja" else f" ({earlier})"
    return text


def _constant_hover(c: Constant, spec: Spec, lang: str) -> str:
    w = _words(lang)
    value = fold_constant(c.value, {k.id: k for k in spec.constants})
    text = expr_text(c.value)
    out = f"**{c.id}** ({w['constant']}) = {text}"
    if value is not None and number(value) != text:
        out += f" = {number(value)}"
    if c.note:
        out += f"\n\n{w['note']}: {c.note}"
    return out


def _target_hover(t: Target, analysis: Analysis, lang: str) -> str:
    w = _words(lang)
    head = f"**{t.id}** {t.title}"
    result = analysis.result()
    if result is None:
        return f"{head}\n\n{w['cannot']}: {w['errors']}"
    verdict: Verdict | None = next((v for v in result.verdicts if v.target.id == t.id), None)
    if verdict is None:
        return f"{head}\n\n{w['no_verdict']}"
    status = f"**{status_word(verdict.status, lang)}** (`{verdict.status.value}`)"
    as_of = f"{label(result.as_of, lang)}{w['as_of']}" if lang == "ja" else f"{w['as_of']} {label(result.as_of, lang)}"
    text = f"{head}\n\n{status}, {as_of}\n\n{explanation(verdict, lang)}"
    if result.spec.policy.rated is not None:  # the grade on the scale
        text += f"\n\n{rating_text(verdict, lang)}"
    if verdict.recorded is not None:  # the sheet author's judgement, beside the rule's status
        from ...judging.recorded_words import line as recorded_line

        text += f"\n\n{recorded_line(verdict, lang)}"
    return text
