"""Text to syntax tree: Lark's LALR parser with the lowering to ``nodes``
done inside the parser.

Shape and reasons:
- The grammar is the one file ``grammar/tgt.lark`` (shipped in the package).
  The parser is built once, lazily, on first use (``functools.lru_cache``)
  and Lark's grammar cache, kept in a directory of the user's own
  (``cache_path``), spares later processes the LALR table construction:
  ``tgtcheck --version`` never builds it.
- A well-formed spec never reaches Lark: ``descent.py`` reads it first (a
  recursive descent over the grammar's own terminals, a third of the time)
  and gives up on anything unusual, which the LALR parser then reads and,
  if it is wrong, reports.  So Lark is imported only for the specs that
  need it, and every syntax error has one source.
- ``lalr.py`` runs the tables: Lark's contextual lexer and shift-reduce loop
  without their per-token bookkeeping; Lark's own loop is the fallback and
  the reference the property tests compare with.
- The ``Lower`` transformer runs inside the parser (one pass, no Lark tree):
  that is about twice as fast as building a tree and transforming it.  Lark
  gives an internal transformer no ``meta``, so the parser keeps all tokens
  (``keep_all_tokens``) and ``_rule`` computes each node's span from its
  first and last child, then drops the keyword tokens.
- Full-width digits and symbols are mapped to ASCII outside strings and
  comments before lexing, one character for one, so every position reported
  is the position in the user's file.  Comments are collected by the same
  scan, for the formatter.
- Syntax errors become ``Diagnostic`` values (TGT1xx) with a message in the
  language's own words (``syntax_errors.py``); ``parse`` never raises for any
  input.  Limits keep every later pass safe: parentheses nested at most
  MAX_NESTING deep, any expression at most MAX_DEPTH (the checker, the
  evaluator and the printer recurse), numbers at most MAX_DIGITS long.
- The cyclic garbage collector is paused while a tree is built (``gcpause``).
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, Location, Severity, Span
from .nodes import (
    MAX_DEPTH,
    Approx,
    Between,
    BinOp,
    Call,
    Comment,
    Compare,
    Constant,
    Deadline,
    EveryYear,
    Indicator,
    Neg,
    Number,
    Policy,
    Ref,
    Spec,
    Target,
    Trend,
    Year,
)
from .years import YEAR_HELP, YearError, parse_year, western_year

if TYPE_CHECKING:
    from pathlib import Path

# the terminals whose text matters; every other token is a keyword or punctuation
_KEPT = frozenset({"STRING", "NAME", "NUMBER", "COMPARE", "PLUSMINUS", "PERCENT", "ERA_YEAR", "FY_YEAR", "LOWER_YEAR"})

MAX_NESTING = 100  # parentheses, checked before parsing
MAX_DIGITS = 100  # in one number or year: exact arithmetic stays small (see evaluate.MAX_BITS)

# full-width ASCII variants (！ to ～) and the ideographic space, one for one
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH[0x2212] = 0x2D  # minus sign


def grammar_text() -> str:
    with open(grammar_file(), encoding="utf-8") as f:
        return f.read()


def grammar_path() -> Path:
    from pathlib import Path

    return Path(grammar_file())


def grammar_file() -> str:
    """The one grammar file: in the package (the wheel's copy, or the checkout's symlink to grammar/)."""
    import os

    packaged = os.path.join(os.path.dirname(os.path.abspath(__file__)), "grammar", "tgt.lark")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "grammar", "tgt.lark")


@functools.lru_cache(maxsize=1)
def lark_parser() -> Any:
    from lark import Lark

    from .lalr import ContextualLexer

    return Lark(
        grammar_text(), parser="lalr", lexer=ContextualLexer,
        maybe_placeholders=True, keep_all_tokens=True, transformer=Lower(), cache=cache_path() or False,
    )


def cache_path() -> str | None:
    """Where Lark keeps the built LALR tables (0.5 s to build, 10 ms to load), or None for no cache.

    Lark's own ``cache=True`` writes a pickle to the shared temp directory
    under a guessable name, which another user could plant first.  This is a
    directory of the user's own (``$XDG_CACHE_HOME/tgtcheck``, else
    ``~/.cache/tgtcheck``, else ``tgtcheck-UID`` in the temp directory) that
    nobody else can write; when none can be made, the tables are built each
    time, which is only slower.  Lark checks the grammar's hash stored in the
    file, so a stale cache is rebuilt, and it gives up quietly on a file it
    cannot read or write.
    """
    import os
    import sys
    import tempfile

    from . import __version__

    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    candidates = [os.path.join(home, "tgtcheck")]
    if hasattr(os, "getuid"):
        try:
            candidates.append(os.path.join(tempfile.gettempdir(), f"tgtcheck-{os.getuid()}"))
        except OSError:  # no usable temp directory at all
            pass
    for folder in candidates:
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            st = os.stat(folder)
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                continue  # someone else's, or writable by others: a planted pickle would run as us
        except OSError:
            continue
        return os.path.join(folder, f"grammar-{__version__}-py{sys.version_info[0]}{sys.version_info[1]}.lark")
    return None


@functools.lru_cache(maxsize=1)
def _runner() -> Any:
    from .lalr import runner

    return runner(lark_parser())


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


def parse(text: str, filename: str = "<spec>") -> tuple[Spec | None, list[Diagnostic]]:
    """Parse spec text.  Returns the tree (None if there is a syntax error) and diagnostics.

    After a syntax error the declaration that holds it is blanked out (same
    length, so every later position stays that of the file) and the text is
    parsed again, up to ``MAX_SYNTAX_ERRORS`` times: one run reports the syntax
    errors of several declarations, as it reports all static problems.
    """
    from .gcpause import paused

    with paused():  # hundreds of thousands of acyclic nodes for a large spec: see gcpause
        spec, diags = _parse(text, filename)
        current = text
        while spec is None and 0 < len(diags) < MAX_SYNTAX_ERRORS and diags[-1].code in _RECOVERABLE:
            span = diags[-1].location.span
            blanked = _blank_declaration(current, span.line) if span is not None else None
            if blanked is None:
                break
            current = blanked
            _, more = _parse(current, filename)
            if not more or more[0].code not in _RECOVERABLE or more[0].location.span is None or span is None \
                    or (more[0].location.span.line, more[0].location.span.column) <= (span.line, span.column):
                break
            diags.append(more[0])
        return spec, diags


MAX_SYNTAX_ERRORS = 10
# errors after which the rest of the file can still be read: not an empty file, too deep nesting or binary data
_RECOVERABLE = frozenset({"TGT101", "TGT102", "TGT103", "TGT104", "TGT105", "TGT110", "TGT111"})
_DECLARATION_LINE = re.compile(r"[ \t\u3000]*(target|indicator|constant|policy)(?![A-Za-z0-9_])")


def _blank_declaration(text: str, line: int) -> str | None:
    """``text`` with the declaration around ``line`` replaced by spaces (newlines kept); None for the header."""
    lines = text.split("\n")
    start = line - 1
    while start > 0 and not _DECLARATION_LINE.match(lines[start]):
        start -= 1
    m = _DECLARATION_LINE.match(lines[start])
    if m is None or m.group(1) == "policy":
        return None  # the policy header itself is broken: nothing after it can be read reliably
    end = line
    while end < len(lines) and not _DECLARATION_LINE.match(lines[end]):
        end += 1
    for i in range(start, end):
        lines[i] = " " * len(lines[i])
    return "\n".join(lines)


def _parse(text: str, filename: str) -> tuple[Spec | None, list[Diagnostic]]:
    from . import descent

    tree = descent.parse(text)  # a well-formed spec, fast; None: the LALR parser decides (and reports)
    if tree is not None:
        return _checked(tree, filename)
    lexed, comments, depth = normalize(text)
    if not lexed.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in lexed.splitlines()):
        what = "empty" if not lexed.strip() else "only comments"
        return None, [Diagnostic("TGT109", Severity.ERROR, f"the spec is {what}: there is no policy header", Location(filename, Span(1, 1, 1, 1)),
                                 'start with: policy "6-2" "施策名" base H13 due H18')]
    if depth > MAX_NESTING:
        from .syntax_errors import nth_paren

        pos = nth_paren(lexed, MAX_NESTING + 1)
        return None, [Diagnostic("TGT108", Severity.ERROR, f"parentheses nested {depth} deep; at most {MAX_NESTING} are allowed",
                                 Location(filename, pos), "simplify the expression")]
    # Lark is imported only here: a well-formed spec never needs it
    from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput

    from .syntax_errors import bad_character, unexpected

    try:
        fast = _runner()
        tree = fast.parse(lexed) if fast is not None else lark_parser().parse(lexed)
    except _TooLong as err:
        span = _tok_span(err.token)
        if err.token.type == "ERA_YEAR":
            return None, [Diagnostic("TGT105", Severity.ERROR, f"'{str(err.token)[:12]}…' is not a year: it has {len(err.token)} characters",
                                     Location(filename, span), YEAR_HELP)]
        return None, [Diagnostic("TGT110", Severity.ERROR, f"this number is {len(err.token)} characters long; at most {MAX_DIGITS} are allowed",
                                 Location(filename, span), "write it in a larger unit (千件, 億円) so it stays short")]
    except UnexpectedCharacters as err:
        return None, [bad_character(err, lexed, filename)]
    except UnexpectedInput as err:
        return None, [unexpected(err, lexed, filename)]
    except (LarkError, RecursionError) as err:  # noqa: BLE001 - any parser failure is the user's input
        return None, [Diagnostic("TGT102", Severity.ERROR, f"cannot parse the spec: {err}", Location(filename, Span(1, 1, 1, 1)))]
    spec: Spec = tree
    return _checked(Spec(spec.policy, spec.declarations, tuple(comments), spec.duplicates), filename)


def _checked(spec: Spec, filename: str) -> tuple[Spec | None, list[Diagnostic]]:
    """A parsed tree, or TGT108 when an expression nests too deep for the later passes."""
    from .syntax_errors import too_deep

    deep = too_deep(spec, filename, MAX_DEPTH)
    if deep:
        return None, deep
    return spec, []


def parse_file(path: str) -> tuple[Spec | None, list[Diagnostic], str | None]:
    """Read and parse one spec file: (tree, diagnostics, text)."""
    from .sources import read_spec

    text, problem = read_spec(path)
    if problem is not None or text is None:
        return None, [problem] if problem else [], None
    spec, diags = parse(text, path)
    return spec, diags, text


# -- the lowering -------------------------------------------------------------------
class _SpanSlots:
    """``Span``'s slot layout with a plain ``__init__``: ``_new_span`` builds one and makes it a Span.

    ``Span`` is a frozen dataclass, whose ``__init__`` sets six fields through
    ``object.__setattr__`` (1 µs); the parser makes one for every node, some
    200,000 for a 10,000-target spec.  An object of this class, with the same
    slots in the same order, is filled by ordinary assignments (0.3 µs) and
    then has its ``__class__`` set to ``Span``, which Python allows between
    classes of the same layout.  The result is an ordinary, frozen ``Span``.
    If ``Span``'s layout ever changes, the check below falls back to ``Span``.
    """

    __slots__ = ("line", "column", "end_line", "end_column", "start_pos", "end_pos")  # noqa: RUF023 - Span's order

    def __init__(self, line: int, column: int, end_line: int, end_column: int, start_pos: int, end_pos: int) -> None:
        self.line, self.column, self.end_line, self.end_column = line, column, end_line, end_column
        self.start_pos, self.end_pos = start_pos, end_pos


def _swapped_span(line: int, column: int, end_line: int, end_column: int, start_pos: int, end_pos: int) -> Span:
    s: Any = _SpanSlots(line, column, end_line, end_column, start_pos, end_pos)
    s.__class__ = Span
    return s  # type: ignore[no-any-return]


def _span_builder() -> Any:
    try:
        if tuple(Span.__slots__) == _SpanSlots.__slots__ and _swapped_span(1, 2, 3, 4, 5, 6) == Span(1, 2, 3, 4, 5, 6):
            return _swapped_span
    except TypeError:  # "object layout differs": Span changed shape
        pass
    return Span


_new_span: Any = _span_builder()


def _tok_span(t: Any) -> Span:
    return _new_span(t.line, t.column, t.end_line, t.end_column, t.start_pos, t.end_pos)  # type: ignore[no-any-return]


def _position(c: Any) -> Span | None:
    if c is None:
        return None
    if isinstance(c, str):  # a lark Token (a str subclass); no node is a str
        return _tok_span(c)
    return getattr(c, "span", None)


def _edges(children: list[Any]) -> Span:
    """The span from the first to the last positioned child (the hot path of every reduction)."""
    first = last = None
    for c in children:
        if c is not None:
            first = c
            break
    for c in reversed(children):
        if c is not None:
            last = c
            break
    if first is None or last is None:
        return Span(0, 0, 0, 0)
    a: Any = first if isinstance(first, str) else first.span
    b: Any = last if isinstance(last, str) else last.span
    if not (a.line and b.line):  # a child without a position: take the next one that has one
        p = next((p for p in map(_position, children) if p is not None and p.line), None)
        q = next((p for p in map(_position, reversed(children)) if p is not None and p.line), None)
        if p is None or q is None:
            return Span(0, 0, 0, 0)
        return _new_span(p.line, p.column, q.end_line, q.end_column, p.start_pos, q.end_pos)  # type: ignore[no-any-return]
    return _new_span(a.line, a.column, b.end_line, b.end_column, a.start_pos, b.end_pos)  # type: ignore[no-any-return]


def _rule(fn: Any) -> Any:
    """Call ``fn(self, span, *children)`` with the span of all children and the keywords dropped."""
    return _reduction(fn, spanned=True)


def _unspanned(fn: Any) -> Any:
    """As ``_rule``, for a rule that does not use its span (it returns a child): none is computed."""
    return _reduction(fn, spanned=False)


def _reduction(fn: Any, spanned: bool) -> Any:
    new_span, kept_types = _new_span, _KEPT

    def reduce(self: Any, children: list[Any]) -> Any:
        # the keywords and punctuation go; a token is a str (a lark Token), no node is
        kept = [c for c in children if not isinstance(c, str) or c.type in kept_types]  # type: ignore[attr-defined]
        if not spanned:
            return fn(self, _NOSPAN, *kept)
        first, last = children[0], children[-1]  # the usual case, inline: both are there and positioned
        if first is not None and last is not None:
            a: Any = first if isinstance(first, str) else first.span
            b: Any = last if isinstance(last, str) else last.span
            if a.line and b.line:
                return fn(self, new_span(a.line, a.column, b.end_line, b.end_column, a.start_pos, b.end_pos), *kept)
        return fn(self, _edges(children), *kept)

    reduce.__name__ = fn.__name__
    return reduce


_NOSPAN = Span(0, 0, 0, 0)


class _Part:
    """An intermediate result (a clause, a bound, a node with duplicate clauses) with its span."""

    __slots__ = ("extra", "name", "span", "value")

    def __init__(self, name: str, value: Any, span: Span, extra: Any = None) -> None:
        self.name, self.value, self.span, self.extra = name, value, span, extra


def _string(t: Any) -> str:
    return str(t)[1:-1]


class _TooLong(Exception):
    """A number or year token longer than MAX_DIGITS: raised out of the lowering, reported by ``parse``."""

    def __init__(self, token: Any) -> None:
        super().__init__(str(token))
        self.token = token


def _number(t: Any) -> Fraction:
    s = str(t)
    if len(s) > MAX_DIGITS:
        raise _TooLong(t)
    return _fraction(s)


# A spec writes the same few numbers and years thousands of times: each text is converted once.
# The results (Fractions, ParsedYear, YearError) are immutable, so sharing them changes nothing.
@functools.lru_cache(maxsize=4096)
def _fraction(s: str) -> Fraction:
    return Fraction(int(s)) if s.isdigit() else Fraction(s.replace(",", ""))


_parse_year = functools.lru_cache(maxsize=4096)(parse_year)


class Lower:
    """Lark rules to ``nodes``; method names follow the grammar's rule and alias names.

    Each method gets the span of the whole rule and its meaningful children.
    """

    @_unspanned
    def start(self, span: Span, policy: _Part, *decls: Any) -> Spec:
        dups = list(policy.extra or ())
        for d in decls:
            dups.extend(d.extra or ())
        return Spec(policy.value, tuple(d.value for d in decls), (), tuple(dups))

    @_rule
    def policy(self, span: Span, pid: Any, title: Any, *clauses: _Part) -> _Part:
        fields, dups = _clauses(clauses)
        return _Part("policy", Policy(_string(pid), _string(title), span=span, **fields), span, dups)

    @_rule
    def indicator(self, span: Span, name: Any, label: Any, *clauses: _Part) -> _Part:
        fields, dups = _clauses(clauses)
        return _Part("indicator", Indicator(str(name), _string(label), span=span, **fields), span, dups)

    @_rule
    def constant(self, span: Span, name: Any, value: Any, note: _Part | None = None) -> _Part:
        return _Part("constant", Constant(str(name), value, note.value if note else None, span=span), span)

    @_rule
    def target(self, span: Span, tid: Any, title: Any, cond: Any, *rest: Any) -> _Part:
        schedule = rest[0] if rest and isinstance(rest[0], (Deadline, EveryYear)) else None
        fields, dups = _clauses(rest[1:] if schedule else rest)
        node = Target(_string(tid), _string(title), cond, schedule, span=span, id_span=_tok_span(tid), **fields)
        return _Part("target", node, span, dups)

    def _clause(name: str, convert: Any) -> Any:  # type: ignore[misc]  # noqa: N805 - a factory used in the class body
        @_rule
        def clause(self: Any, span: Span, value: Any) -> _Part:
            return _Part(name, convert(value), span)

        return clause

    base_clause = _clause("base", lambda y: y)
    due_clause = _clause("due", lambda y: y)
    data_clause = _clause("data", _string)
    goal_clause = _clause("goal", _string)
    method_clause = _clause("method", str)
    better_clause = _clause("better", str)
    judge_clause = _clause("judge", str)
    years_clause = _clause("years", str)
    unit_clause = _clause("unit", _string)
    note_clause = _clause("note", _string)

    # -- conditions
    @_rule
    def compare(self, span: Span, left: Any, op: Any, bound: _Part) -> Compare:
        return Compare(left, _OPS[str(op)], bound.value, bound.extra, span=span)

    @_rule
    def between(self, span: Span, operand: Any, rng: _Part) -> Between:
        low, high = rng.value
        return Between(operand, low, high, rng.extra, span=span)

    @_rule
    def trend(self, span: Span, call: Call) -> Trend:
        return Trend(call, span=span)

    @_rule
    def bound(self, span: Span, about: Any, expr: Any, tol: Any = None) -> _Part:
        return _Part("bound", expr, span, _approx(about.span if about is not None else None, tol))

    @_rule
    def range(self, span: Span, about: Any, low: Any, high: Any, tol: Any = None) -> _Part:
        return _Part("range", (low, high), span, _approx(about.span if about is not None else None, tol))

    @_rule
    def about(self, span: Span) -> _Part:
        return _Part("about", None, span)

    @_unspanned
    def tolerance(self, span: Span, _pm: Any, expr: Any) -> Any:
        return expr

    @_rule
    def deadline(self, span: Span, year: Year) -> Deadline:
        return Deadline(year, span=span)

    @_rule
    def every_year(self, span: Span, start: Year, end: Year | None = None) -> EveryYear:
        return EveryYear(start, end, span=span)

    # -- expressions
    def _binary(op: str) -> Any:  # type: ignore[misc]  # noqa: N805
        @_rule
        def binary(self: Any, span: Span, a: Any, b: Any) -> BinOp:
            return BinOp(op, a, b, span=span)

        return binary

    add, sub, mul, div = _binary("+"), _binary("-"), _binary("*"), _binary("/")

    @_rule
    def neg(self, span: Span, a: Any) -> Neg:
        return Neg(a, span=span)

    @_unspanned
    def atom(self, span: Span, inner: Any) -> Any:  # "(" expr ")"
        return inner

    @_rule
    def number(self, span: Span, t: Any) -> Number:
        return Number(_number(t), False, str(t), span=span)

    @_rule
    def percent(self, span: Span, t: Any, sign: Any) -> Number:
        scale = 10 if str(sign) == "割" else 1
        value = _number(t)
        return Number(value * scale if scale != 1 else value, True, str(t) + str(sign), span=span)

    @_rule
    def ref(self, span: Span, t: Any) -> Ref:
        return Ref(str(t), span=span)

    @_rule
    def call(self, span: Span, name: Any, *args: Any) -> Call:
        return Call(str(name), tuple(a for a in args if a is not None), span=span, func_span=_tok_span(name))

    # -- years: an invalid year is kept with value 0; the checker reports it from its text
    @_unspanned
    def year(self, span: Span, y: Year) -> Year:
        return y

    @_rule
    def era_year(self, span: Span, t: Any) -> Year:
        s = str(t)
        if len(s) > MAX_DIGITS:
            raise _TooLong(t)
        return _year(_parse_year(s), s, span)

    @_rule
    def fy_year(self, span: Span, t: Any) -> Year:
        return _year(_parse_year(str(t)), str(t), span)

    @_rule
    def western_year(self, span: Span, t: Any) -> Year:
        s = str(t)
        if len(s) > MAX_DIGITS:
            raise _TooLong(t)
        return _year(western_year(int(s)) if s.isdigit() else YearError(s, ""), s, span)


_OPS = {"≧": ">=", "≥": ">=", "≦": "<=", "≤": "<=", "≠": "!="}
_OPS.update({op: op for op in (">=", "<=", "==", "!=", ">", "<")})


def _year(parsed: Any, text: str, span: Span) -> Year:
    return Year(0 if isinstance(parsed, YearError) else parsed.value, text, span=span)


def _approx(about: Span | None, tolerance: Any) -> Approx | None:
    """`about` (its span) with its tolerance; `± D` alone also marks the threshold as approximate.

    Shared by the two parsers (``Lower`` and ``descent``), so they cannot disagree on it."""
    if about is None and tolerance is None:
        return None
    return Approx(tolerance, about if about is not None else tolerance.span)


def _clauses(clauses: Any) -> tuple[dict[str, Any], list[tuple[str, Span]]]:
    fields: dict[str, Any] = {}
    dups: list[tuple[str, Span]] = []
    for c in clauses:
        if c.name in fields:
            dups.append((c.name, c.span))
        else:
            fields[c.name] = c.value
    return fields, dups
