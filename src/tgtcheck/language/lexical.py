"""What both parsers share: the limits, the text the lexer reads, and tokens made values.

``descent.py`` (the fast path) and ``parser.py`` (Lark) must build the same
nodes from the same text, spans included; everything they both need to do so
lives here, so neither imports the other's private names and there is no
import loop between them (parser imports descent, descent imports only this).

- ``normalize``: full-width forms to ASCII outside strings and comments, one
  character for one, so positions stay the file's; comments collected.
- ``number``, ``year``, ``approx``, ``OPS``: a token's text to its value, with
  the limits (``MAX_DIGITS``) that keep exact arithmetic small; numbers and
  years are converted once per distinct text (a spec repeats them).
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction
from typing import Any

from ..core.diagnostics import Span
from ..core.years import YearError, parse_year
from .nodes import Approx, Comment, Year

MAX_NESTING = 100  # parentheses, checked before parsing
MAX_DIGITS = 100  # in one number or year: exact arithmetic stays small (see evaluate.MAX_BITS)

# full-width ASCII variants (！ to ～) and the ideographic space, one for one
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH[0x2212] = 0x2D  # minus sign



def grammar_file() -> str:
    """The one grammar file: in the package (the wheel's copy, or the checkout's symlink to grammar/)."""
    import os

    packaged = os.path.join(os.path.dirname(os.path.abspath(__file__)), "grammar", "tgt.lark")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))), "grammar", "tgt.lark")



def normalize(text: str) -> tuple[str, list[Comment], int]:
    """Map full-width forms to ASCII outside strings and comments; collect comments.

    Returns the lexer's text (same length as ``text``), the comments, and the
    deepest parenthesis nesting seen.  Strings are copied as written (only a
    full-width quote ＂ becomes "), comments too (＃ becomes #); an unclosed
    string runs to the end of its line.
    """
    out: list[str] = []
    comments: list[Comment] = []
    depth = max_depth = 0
    pos = line_start = counted = 0
    line = 1
    for m in _SPECIAL.finditer(text):
        start, end = m.span()
        if start > pos:
            gap = text[pos:start].translate(_FULLWIDTH)
            if "(" in gap or ")" in gap:
                depth, max_depth = _nesting(gap, depth, max_depth)
            out.append(gap)
        token = m.group()
        first = token[0]
        if first == "#" or first == "＃":
            breaks = text.count("\n", counted, start)
            if breaks:
                line += breaks
                line_start = text.rfind("\n", counted, start) + 1
            counted = start
            col = start - line_start + 1
            comments.append(Comment(token, Span(line, col, line, col + end - start, start, end)))
            out.append("#" + token[1:])
        elif first == "「":
            out.append(token)
        else:  # "…" or ＂…＂, either quote closing either
            closed = len(token) > 1 and token[-1] in '"＂'
            out.append('"' + token[1:-1] + '"' if closed else '"' + token[1:])
        pos = end
    if pos < len(text):
        gap = text[pos:].translate(_FULLWIDTH)
        if "(" in gap or ")" in gap:
            depth, max_depth = _nesting(gap, depth, max_depth)
        out.append(gap)
    return "".join(out), comments, max_depth


# strings (closed, or running to the end of their line) and comments, the parts normalize copies as written
_SPECIAL = re.compile(r'["＂][^"＂\n]*["＂]?|「[^」\n]*」?|[#＃][^\n]*')
_PARENS = re.compile(r"[()]")


def _nesting(gap: str, depth: int, max_depth: int) -> tuple[int, int]:
    for m in _PARENS.finditer(gap):
        if m.group() == "(":
            depth += 1
            max_depth = max(max_depth, depth)
        else:
            depth -= 1
    return depth, max_depth


# -- token text to values --------------------------------------------------
class TooLong(Exception):
    """A number or year token longer than MAX_DIGITS: raised out of the lowering, reported by ``parser.parse``."""

    def __init__(self, token: Any) -> None:
        super().__init__(str(token))
        self.token = token


def number(t: Any) -> Fraction:
    s = str(t)
    if len(s) > MAX_DIGITS:
        raise TooLong(t)
    return _fraction(s)


# A spec writes the same few numbers and years thousands of times: each text is converted once.
# The results (Fractions, ParsedYear, YearError) are immutable, so sharing them changes nothing.
@functools.lru_cache(maxsize=4096)
def _fraction(s: str) -> Fraction:
    return Fraction(int(s)) if s.isdigit() else Fraction(s.replace(",", ""))


cached_year = functools.lru_cache(maxsize=4096)(parse_year)

OPS = {"≧": ">=", "≥": ">=", "≦": "<=", "≤": "<=", "≠": "!="}
OPS.update({op: op for op in (">=", "<=", "==", "!=", ">", "<")})


def year_node(parsed: Any, text: str, span: Span) -> Year:
    return Year(0 if isinstance(parsed, YearError) else parsed.value, text, span=span)


def approx(about: Span | None, tolerance: Any) -> Approx | None:
    """`about` (its span) with its tolerance; `± D` alone also marks the threshold as approximate.

    Shared by the two parsers (``Lower`` and ``descent``), so they cannot disagree on it."""
    if about is None and tolerance is None:
        return None
    return Approx(tolerance, about if about is not None else tolerance.span)

