"""Diagnostics as data: what is wrong, where, and how to fix it.

Detection (parser, checker, data loaders) builds ``Diagnostic`` values and
collects them; nothing is raised for a user's mistake.  Rendering lives in
``render_diagnostic`` here and in the output formats, apart from detection.

Codes are stable and grouped in families, as ruff and mypy do:
``TGT1xx`` syntax, ``TGT2xx`` static checks, ``TGT3xx`` data, ``TGT4xx``
evaluation, ``TGT5xx`` usage and files.  ``CODES`` is the one registry:
a title and a fix for each; docs/diagnostics.md is generated from the same
table and a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file; lines and columns count from 1, columns in characters."""

    line: int
    column: int
    end_line: int
    end_column: int
    start_pos: int = 0
    end_pos: int = 0

    # Lark's position propagation reads these names from nodes it does not know.
    def __lark_meta__(self) -> Span:
        return self


@dataclass(frozen=True, slots=True)
class Location:
    """A span in a named file (spec or data)."""

    file: str
    span: Span | None = None
    path: str | None = None  # a data path such as indicators.patents.values.H14


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    location: Location
    help: str | None = None
    related: tuple[Location, ...] = field(default=())  # e.g. the spec position that uses a data row

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True, slots=True)
class Code:
    title: str
    fix: str
    example: str = ""


CODES: dict[str, Code] = {
    # -- syntax --------------------------------------------------------------
    "TGT100": Code("file cannot be read", "check the path; a spec is a UTF-8 text file", "tgtcheck run missing.tgt"),
    "TGT101": Code("unexpected character", "remove the character or put text inside quotes", 'target "1" "t" value(x) >= 10 $'),
    "TGT102": Code("unexpected token", "follow the hint for what may come at this point", "target 6-2-1 ..."),
    "TGT103": Code("unexpected end of file", "finish the last declaration", 'target "1" "t" value(x) >='),
    "TGT104": Code("unclosed string", 'close the string with " on the same line', 'policy "6-2 "title"'),
    "TGT105": Code("not a year", "write an era year (H18, R2), a western year (2006) or FY2006", "by H0"),
    "TGT106": Code("Heisei year after the era's end", "write the Reiwa year the message names", "by H32"),
    "TGT107": Code("not text", "save the file as UTF-8 text", "a file in Shift_JIS or binary data"),
    "TGT108": Code("nesting too deep", "simplify the expression", "((((((…))))))"),
    "TGT109": Code("empty spec", 'start the file with a policy header: policy "ID" "TITLE" base H13 due H18', "(an empty file)"),
    "TGT110": Code("not a number", "write digits, optionally with , between thousands (1,234)", "value(x) >= 1,23"),
    # -- static checks -------------------------------------------------------
    "TGT201": Code("unknown indicator or constant", "declare it, or fix the name (see the suggestion)", "value(patent)"),
    "TGT202": Code("duplicate target id", "give each target its own id", 'target "6-2-1" … target "6-2-1"'),
    "TGT203": Code("deadline before the base year", "move the deadline after the base year", "by H12 with base H13"),
    "TGT204": Code("percent compared with a count", "write both sides as percents (30%) or both as numbers", "growth(x, H13) >= 30"),
    "TGT205": Code("unknown function", "use one of the functions the message lists", "grow(x, H13)"),
    "TGT206": Code("wrong number of arguments", "give the function the arguments its signature lists", "growth(x)"),
    "TGT207": Code("wrong kind of argument", "pass what the signature asks for: an indicator, a year or a number", "growth(x, 10)"),
    "TGT208": Code("duplicate declaration", "declare each indicator and constant once", "indicator x … indicator x"),
    "TGT209": Code("duplicate clause", "give each clause once", "base H13 base H14"),
    "TGT210": Code("unknown evaluation method", "use one of the methods the message lists", "method fancy"),
    "TGT211": Code("a trend is not a number", "use increasing(x) / decreasing(x) as a whole condition", "increasing(x) >= 1"),
    "TGT212": Code("a year is not a number", "use a year only where a function asks for one", "value(x) >= H18"),
    "TGT213": Code("tolerance of the wrong kind", "give the tolerance in the threshold's kind (30% ± 3%, 10 ± 1)", "about 30% ± 3"),
    "TGT214": Code("empty or reversed range", "write the lower bound first", "between 20 and 15"),
    "TGT215": Code("every-year period ends before it starts", "swap the years", "every year from H18 to H14"),
    "TGT216": Code("indicator used as a number", "wrap it in value(x) or count(x)", "patents >= 10"),
    "TGT217": Code("unused indicator or constant", "remove it or use it in a target (reported with --strict)", "indicator unused …"),
    "TGT218": Code("target without a deadline", "add `by YEAR` or `every year from YEAR` (reported with --strict)", "value(x) >= 10"),
    "TGT219": Code("approximation without a tolerance", "add ± D after the threshold (reported with --strict)", "about 10"),
    "TGT220": Code("policy header incomplete", "give the policy header base and due years", 'policy "6-2" "t" base H13'),
    "TGT221": Code("constant depends on itself", "define constants from numbers and earlier constants", "constant a = b  constant b = a"),
    "TGT222": Code("count of a percent indicator", "use value(x) for an indicator measured in %", "count(share)"),
    "TGT223": Code("target id empty or with hidden characters", "write the id with visible characters only, without spaces around it",
                   'target "" "t" …'),
    # -- data ----------------------------------------------------------------
    "TGT300": Code("data file cannot be read", "check the data path given in the spec or with --data", "data \"missing.yaml\""),
    "TGT301": Code("data syntax error", "fix the YAML/JSON/CSV syntax at the position shown", "values: {H13: 208"),
    "TGT302": Code("duplicate key in data", "keep one entry: a second one would silently replace the first", "H13: 208 … H13: 210"),
    "TGT303": Code("value is not a number", "write a number, 集計中/pending, －/n/a, or leave it empty (null)", "H13: 多数"),
    "TGT304": Code("negative count", "a count cannot be below zero: check the number", "H13: -5"),
    "TGT305": Code("not a finite number", "write a finite number", "H13: .nan"),
    "TGT306": Code("not a year key", "write the year as H13, 2001 or FY2001", "values: {13: 208}"),
    "TGT307": Code("data shape does not match the schema", "follow the data file schema (the message names the field)", "indicators: [patents]"),
    "TGT308": Code("unknown field in data", "remove or rename the field; it would otherwise be ignored", "valeus: {…}"),
    "TGT309": Code("data too large or too deeply nested", "split the file, remove YAML aliases", "a YAML alias bomb"),
    "TGT310": Code("indicator has no data", "add the indicator's values to the data file", "a spec indicator missing from the data"),
    "TGT312": Code("percent in the spec but not in the data, or the other way",
                   'give both `unit "%"` (spec) and `kind: percent` (data), or neither',
                   'indicator share "s" unit "%" with kind: count in the data'),
    "TGT311": Code("data for an undeclared indicator", "declare the indicator in the spec or remove its data (reported with --strict)", ""),
    # -- evaluation ----------------------------------------------------------
    "TGT401": Code("division by zero", "the target cannot be judged from a zero base or denominator; see its explanation", "growth(x, H13) with x(H13) = 0"),
    # -- usage ---------------------------------------------------------------
    "TGT501": Code("bad command-line usage", "see tgtcheck --help", "tgtcheck run --as-of H0 spec.tgt"),
    "TGT502": Code("output cannot be written", "check the disk space and that the output file or pipe is still open",
                   "tgtcheck run spec.tgt --format json > /dev/full"),
    "TGT520": Code("spec revision cannot be read from git",
                   "check the revision and the path in it; paths are relative to the repository root, or write REV:./path",
                   "tgtcheck diff HEAD~9:spec/x.tgt spec/x.tgt"),
}


def render_diagnostic(d: Diagnostic, source_lines: list[str] | None = None, color: bool = False, lang: str = "en") -> str:
    """``FILE:LINE:COL: error[CODE]: message``, then the source line with a caret, then help.

    With ``lang="ja"`` a Japanese line (``diagnostics_ja``) follows; the first line stays the same
    in every language, because tools and editors parse it.
    """
    loc = d.location
    where = loc.file
    if loc.span is not None:
        where += f":{loc.span.line}:{loc.span.column}"
    if loc.path:
        where += f": {loc.path}"
    sev = d.severity.value
    if color:
        sev = ("\x1b[1;31m" if d.is_error else "\x1b[1;33m") + sev + "\x1b[0m"
    out = [f"{_clip_runs(visible(where))}: {sev}[{d.code}]: {_clip_runs(visible(d.message))}"]
    if loc.span is not None and source_lines is not None and 0 < loc.span.line <= len(source_lines):
        text = visible(source_lines[loc.span.line - 1].rstrip("\r\n"))
        prefix = f"{loc.span.line:>5} | "
        start = loc.span.column - 1
        width = max(1, (loc.span.end_column - loc.span.column) if loc.span.end_line == loc.span.line else len(text) - start)
        text, start, width = _around(text, start, width)
        out.append(prefix + text)
        pad = "".join("\t" if c == "\t" else (" " * _width(c)) for c in text[:start])
        caret = "^" * display_width(text[start : start + width]) or "^"
        out.append(" " * (len(prefix) - 2) + "| " + pad + caret)
    for rel in d.related:
        where_rel = rel.file + (f":{rel.span.line}:{rel.span.column}" if rel.span else "") + (f": {rel.path}" if rel.path else "")
        out.append(f"  note: see {visible(where_rel)}")
    if d.help:
        out.append(f"  help: {visible(d.help)}")
    if lang == "ja":
        from .diagnostics_ja import line

        ja = line(d.code)
        if ja:
            out.append(f"  説明: {ja}")
    return "\n".join(out)


def visible(text: str) -> str:
    """Control characters (but tab and line feed) as their visible symbols (NUL as ␀, ESC as ␛): never sent to a terminal."""
    return text.translate(_VISIBLE) if not text.isprintable() else text


_VISIBLE = {c: 0x2400 + c for c in (*range(0x00, 0x09), *range(0x0B, 0x20))} | {0x7F: 0x2421} | dict.fromkeys(range(0x80, 0xA0), 0xFFFD)


MAX_SHOWN_LINE = 120  # characters of a source line shown under a diagnostic; a longer one is cut around the column
_CONTEXT = 40  # characters kept before the column when a line is cut


def _clip_runs(text: str) -> str:
    """Words of the file quoted in a message (a 5,000-digit key, a 1 MB text) cut to their first characters."""
    if len(text) < _LONG_RUN:
        return text
    import re

    return re.sub(rf"\S{{{_LONG_RUN},}}", lambda m: f"{m.group(0)[:_CONTEXT]}…({len(m.group(0)):,} characters)", text)


_LONG_RUN = 100


def _around(text: str, start: int, width: int) -> tuple[str, int, int]:
    """A long line cut around ``start`` (a 10 KB one-line JSON file): (text shown, caret start, caret width) within it."""
    if len(text) <= MAX_SHOWN_LINE:
        return text, start, width
    width = min(width, MAX_SHOWN_LINE - _CONTEXT)
    begin = max(0, min(start - _CONTEXT, len(text) - MAX_SHOWN_LINE))
    end = begin + MAX_SHOWN_LINE
    head = "…" if begin > 0 else ""
    tail = "…" if end < len(text) else ""
    return head + text[begin:end] + tail, start - begin + len(head), width


def _width(ch: str) -> int:
    """Terminal cells of one character: East Asian wide and full-width take two."""
    import unicodedata

    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal cells of a text (Japanese characters take two), for carets and aligned columns."""
    return sum(_width(c) for c in text)
