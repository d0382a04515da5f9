"""Syntax errors in the language's own words, and the depth a tree may have.

``parser.parse`` turns Lark's exceptions into one ``Diagnostic`` each
(TGT101-TGT105) with what was expected in words a policy officer knows (a
year, a quoted text, `by`), and refuses trees nested deeper than the passes
after it can recurse (TGT108).  Kept apart from the parser so that the parser
reads as the grammar's lowering.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.diagnostics import FOREIGN_DIGIT, NOT_A_YEAR, Diagnostic, Location, Severity, Span
from ..core.years import ERA_NAMES_JA, ERAS, YearError, foreign_digit, parse_year
from .nodes import Constant, Spec, Target, deeper_than, depth


def _token_span(t: Any) -> Span:
    return Span(t.line, t.column, t.end_line, t.end_column, t.start_pos, t.end_pos)


# -- expressions too deep for the passes that recurse ------------------------------
def too_deep(spec: Spec, filename: str, limit: int) -> list[Diagnostic]:
    """TGT108 for each expression nested more than ``limit`` levels (``1 + 1 + …`` with 10,000 terms).

    Parentheses are limited before parsing; a long chain of operators or of
    minus signs nests as deep without any.  The checker, the evaluator, the
    printer and node equality all recurse, so such a tree is refused here,
    where every pass gets its trees (``nodes.deeper_than`` measures only long ones).
    """
    found: list[Diagnostic] = []
    for decl in spec.declarations:
        if isinstance(decl, Target):
            root: Any = decl.condition
            what = f'the condition of target "{decl.id}"'
        elif isinstance(decl, Constant):
            root, what = decl.value, f"constant '{decl.id}'"
        else:
            continue
        if deeper_than(root, limit):
            found.append(Diagnostic("TGT108", Severity.ERROR, f"{what} is nested {depth(root)} levels deep; at most {limit} are allowed",
                                    Location(filename, decl.span), "split it with named constants, or simplify the expression"))
    return found


# -- syntax error messages -----------------------------------------------------------
_EXPECTED_WORDS = {
    "STRING": 'a quoted text ("…")',
    "NAME": "a name",
    "NUMBER": "a number",
    "ERA_YEAR": "a year (H18)",
    "FY_YEAR": "a year (FY2006)",
    "LOWER_YEAR": "a year (h18)",
    "COMPARE": "a comparison (>=, >, <=, <, ==, !=)",
    "PLUSMINUS": "± and a tolerance",
    "PERCENT": "`%`",
    "LPAR": "`(`",
    "RPAR": "`)`",
    "COMMA": "`,`",
    "EQUAL": "`=`",
    "PLUS": "`+`",
    "MINUS": "`-`",
    "STAR": "`*`",
    "SLASH": "`/`",
    "$END": "the end of the file",
}


def _describe(expected: set[str]) -> str:
    if {"ERA_YEAR", "FY_YEAR"} <= expected:
        expected = (expected - {"ERA_YEAR", "FY_YEAR", "LOWER_YEAR", "NUMBER"}) | {"YEAR"}
    words = ["a year (H18, 平成18年度, 2006 or FY2006)"] if "YEAR" in expected else []
    expected = expected - {"YEAR"}
    for name in sorted(expected):
        if name in _EXPECTED_WORDS:
            words.append(_EXPECTED_WORDS[name])
        elif name.isupper() and name.isalpha():
            words.append(f"`{name.lower()}`")  # a keyword such as BY -> `by`
        elif name.startswith("__ANON"):
            continue
        else:
            words.append(name)
    words = sorted(set(words))
    if len(words) > 8:
        words = words[:8] + ["…"]
    return ", ".join(words)


def unexpected(err: Any, text: str, filename: str) -> Diagnostic:
    token = getattr(err, "token", None)
    expected = set(getattr(err, "expected", None) or getattr(err, "accepts", None) or ())
    if token is None or token.type == "$END":
        line, col = _end_position(text)
        return Diagnostic("TGT103", Severity.ERROR, f"the file ends too early; expected {_describe(expected)}",
                          Location(filename, Span(line, col, line, col + 1)), "finish the last declaration")
    span = _token_span(token)
    shown = str(token)
    if expected & {"ERA_YEAR", "FY_YEAR"} and token.type in ("NAME", "NUMBER"):
        check = parse_year(shown)
        msg = check.message if isinstance(check, YearError) else f"'{shown}' is not a year here"
        msg, help = _era_letter(shown) or (msg, NOT_A_YEAR.fix)
        return Diagnostic(NOT_A_YEAR.code, Severity.ERROR, msg, Location(filename, span), help)
    if shown == "," and _between_digits(text, token.start_pos):
        return _bad_grouping(text, token.start_pos, filename)
    keyword = _word_before(text, token.start_pos)
    if expected & {"ERA_YEAR", "FY_YEAR"} and keyword in _YEAR_KEYWORDS:  # `by` and then the next target
        where = "on the next line" if token.line > _line_of(text, token.start_pos - len(keyword)) else "after it"
        return Diagnostic("TGT102", Severity.ERROR, f"`{keyword}` must be followed by a year; found {_token_words(token)} {where}",
                          Location(filename, span), f"write the year after `{keyword}`: {NOT_A_YEAR.fix.removeprefix('write ')}")
    if keyword in ("by", "every") and not expected & {"ERA_YEAR", "FY_YEAR"}:
        # `value(x) >= by H18`: with the threshold missing, `by` stood where a name may stand and was read as one
        start = text.rfind(keyword, 0, token.start_pos)
        line = _line_of(text, start)
        column = start - text.rfind("\n", 0, start)
        return Diagnostic("TGT102", Severity.ERROR, f"something is missing before `{keyword}` (it was read as a name)",
                          Location(filename, Span(line, column, line, column + len(keyword), start, start + len(keyword))),
                          f"write the threshold before `{keyword}`: value(x) >= 10 {keyword} …")
    hint = None
    if token.type == "STRING" and "COMPARE" in expected:
        hint = "a condition compares an expression with a threshold, e.g. value(x) >= 10"
    elif "STRING" in expected and token.type in ("NAME", "NUMBER", "MINUS"):
        hint = 'ids and titles are quoted: target "6-2-1" "タイトル"'
    elif token.type == "PLUSMINUS":
        hint = "a tolerance follows `about`: >= about 10 ± 1"
    return Diagnostic("TGT102", Severity.ERROR, f"unexpected {_token_words(token)}; expected {_describe(expected)}",
                      Location(filename, span), hint)


def _between_digits(text: str, pos: int) -> bool:
    return 0 < pos < len(text) - 1 and text[pos - 1] in _DIGITS and text[pos + 1] in _DIGITS


_DIGITS = frozenset("0123456789０１２３４５６７８９")


def _bad_grouping(text: str, pos: int, filename: str) -> Diagnostic:
    """TGT110 for ``1,23``: a comma inside a number that does not group thousands (the number read up to it)."""
    start, end = pos, pos
    while start > 0 and (text[start - 1] in _DIGITS or text[start - 1] in ",，"):
        start -= 1
    while end < len(text) and (text[end] in _DIGITS or text[end] in ",，."):
        end += 1
    number = text[start:end]
    line = _line_of(text, start)
    column = start - text.rfind("\n", 0, start)
    return Diagnostic("TGT110", Severity.ERROR,
                      f"'{number}' is not a number: a comma separates thousands, in groups of three digits",
                      Location(filename, Span(line, column, line, column + len(number), start, end)),
                      "write 1,234 (thousands) or 1.23 (a decimal point); a list is not allowed here")


_YEAR_KEYWORDS = ("by", "base", "due", "from", "to")


def _word_before(text: str, pos: int) -> str:
    """The word that ends just before ``pos`` (spaces and comments between), for messages."""
    m = re.search(r"([A-Za-z_]+)[^\S\n]*(?:#[^\n]*)?\s*\Z", text[max(0, pos - 200) : pos])
    return m.group(1) if m else ""


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, max(0, pos)) + 1


def _token_words(token: Any) -> str:
    s = str(token)
    return f"'{s}'" if token.type not in ("STRING",) else f"text {s}"


def bad_character(err: Any, text: str, filename: str) -> Diagnostic:
    line, col = err.line, err.column
    ch = text[err.pos_in_stream] if 0 <= err.pos_in_stream < len(text) else "?"
    span = Span(line, col, line, col + 1, err.pos_in_stream, err.pos_in_stream + 1)
    if foreign_digit(ch) is not None:
        return foreign_digit_diagnostic(ch, span, filename)
    year = _year_word(text, err.pos_in_stream)
    if year is not None:
        return Diagnostic(NOT_A_YEAR.code, Severity.ERROR, f"'{year}' is not a year tgtcheck reads", Location(filename, span),
                          f"{NOT_A_YEAR.fix} (a fiscal year is 年度: 令和7年度)")
    if ch in ('"', "「"):
        return Diagnostic("TGT104", Severity.ERROR, "this string is not closed before the end of the line",
                          Location(filename, span), 'close it with " (or 」) on the same line')
    if ch.isdigit() or (ch.isalpha() and ch.isascii()):
        word = _word_at(text, err.pos_in_stream)
        check = parse_year(word)
        wants_year = bool({"ERA_YEAR", "FY_YEAR"} & set(err.allowed or ()))
        if isinstance(check, YearError) and any(c.isdigit() for c in word) and (wants_year or word[:1] in "MTSHR"):
            msg, help = _era_letter(word) or (check.message, check.help)
            return Diagnostic(NOT_A_YEAR.code, Severity.ERROR, msg, Location(filename, span), help)
        return Diagnostic("TGT102", Severity.ERROR, f"unexpected '{word}'; expected {_describe(set(err.allowed or ()))}",
                          Location(filename, span), None)
    code = f"U+{ord(ch):04X}"
    return Diagnostic("TGT101", Severity.ERROR, f"unexpected character '{ch}' ({code}); expected {_describe(set(err.allowed or ()))}",
                      Location(filename, span), "remove it, or put text inside quotes")


# a year written in a form tgtcheck does not read: 令和7年 (not 年度), 平成十四年度, 2006年 …
_YEAR_LIKE = re.compile(r"(?:明治|大正|昭和|平成|令和|[MTSHRmtshr]|[0-9]+)[0-9元一二三四五六七八九十〇]*年度?")


def _year_word(text: str, pos: int) -> str | None:
    """The year-like word around ``pos`` (an era name, 年 or 度 there), or None."""
    start = pos
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in '(),"#':
        start -= 1
    m = _YEAR_LIKE.match(text, start)
    return m.group() if m is not None and m.start() <= pos < max(m.end(), pos + 1) else None


def foreign_digit_diagnostic(ch: str, span: Span, filename: str) -> Diagnostic:
    """TGT111: a digit of another script (a Bengali ৪, which looks like 8 and Python reads as 4), named."""
    return Diagnostic(FOREIGN_DIGIT.code, Severity.ERROR, f"{foreign_digit(ch)} is a digit of another script; tgtcheck reads only 0-9 and ０-９",
                      Location(filename, span), "write the digit as 0-9 (it may look like another digit)")


def _era_letter(word: str) -> tuple[str, str] | None:
    """(message, help) for a letter and digits whose letter is no era letter: Q18, h18."""
    if len(word) < 2 or not word[0].isascii() or not word[0].isalpha() or not (word[1:].isdigit() or word[1:] == "元"):
        return None
    letter = word[0]
    if letter in ERAS:
        return None
    if letter.upper() in ERAS:
        return f"'{word}' is not a year: era letters are capitals", f"write {letter.upper()}{word[1:]}"
    eras = ", ".join(f"{k} {ERA_NAMES_JA[k]}" for k in ERAS)
    return (f"'{word}' is not a year: {letter} is not an era letter (the eras are {eras})",
            NOT_A_YEAR.fix)


def _word_at(text: str, pos: int) -> str:
    end = pos
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return text[pos:end] or text[pos : pos + 1]


def _end_position(text: str) -> tuple[int, int]:
    stripped = text.rstrip()
    line = stripped.count("\n") + 1
    col = len(stripped) - (stripped.rfind("\n") + 1) + 1
    return line, col


def nth_paren(text: str, n: int) -> Span:
    depth = 0
    line, col = 1, 1
    for i, c in enumerate(text):
        if c == "(":
            depth += 1
            if depth == n:
                return Span(line, col, line, col + 1, i, i + 1)
        elif c == ")":
            depth -= 1
        if c == "\n":
            line, col = line + 1, 1
        else:
            col += 1
    return Span(1, 1, 1, 1)
