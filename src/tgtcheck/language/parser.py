"""Text to syntax tree: the fast path (``descent``) for well-formed text, Lark's LALR parser for the rest.

Shape and reasons:
- The grammar is the one file ``grammar/tgt.lark`` (shipped in the package).
  Lark's parser is built once, lazily, on first use (``functools.lru_cache``)
  and Lark's grammar cache, kept in a directory of the user's own
  (``cache_path``), spares later processes the LALR table construction:
  ``tgtcheck --version`` never builds it.
- A well-formed spec never reaches Lark: ``descent.py`` reads it (a
  recursive descent over the grammar's own terminals, a third of Lark's
  time).  Where descent gives up, it goes on declaration by declaration
  (``descent.Partial``) and Lark reads only the pieces descent could not,
  with the policy header, in a copy of the text where everything else is
  blanked (same length, newlines kept, so positions are the file's).  So a
  syntax error costs one descent pass and a Lark parse of a few lines
  however large the spec, and Lark is imported only for specs that need it.
- Lark is the reference: its own contextual lexer and LALR parser, nothing
  of its internals; every syntax error comes from it.  One pass reports the
  errors of several declarations (``_Recovery``): through Lark's interactive
  parser, each error's declaration is dropped, the parser taken back to
  where that declaration began and the lexer moved on to the next line that
  starts a declaration.
- The ``Lower`` transformer runs inside the parser (one pass, no Lark tree):
  that is about twice as fast as building a tree and transforming it.  Lark
  gives an internal transformer no ``meta``, so the parser keeps all tokens
  (``keep_all_tokens``) and ``_rule`` computes each node's span from its
  first and last child, then drops the keyword tokens.
- What both parsers share (limits, ``normalize``, token values, spans) is in
  ``lexical.py``: descent imports that, never this module.
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
from typing import TYPE_CHECKING, Any

from ..core.diagnostics import NOT_A_YEAR, Diagnostic, Location, Severity, Span
from ..core.years import YearError, western_year
from .lexical import (
    MAX_DIGITS,
    MAX_NESTING,
    OPS,
    TooLong,
    approx,
    cached_year,
    grammar_file,
    normalize,
    number,
    year_node,
)
from .nodes import (
    MAX_DEPTH,
    Between,
    BinOp,
    Call,
    Compare,
    Constant,
    Deadline,
    Each,
    EveryYear,
    Grade,
    Indicator,
    Judgement,
    Limit,
    Milestone,
    Neg,
    Number,
    Policy,
    Ref,
    Scale,
    Spec,
    Target,
    Trend,
    Year,
)

if TYPE_CHECKING:
    from pathlib import Path

# the terminals whose text matters; every other token is a keyword or punctuation
_KEPT = frozenset({"STRING", "NAME", "NUMBER", "COMPARE", "PLUSMINUS", "PERCENT", "ERA_YEAR", "FY_YEAR", "LOWER_YEAR"})

def grammar_text() -> str:
    with open(grammar_file(), encoding="utf-8") as f:
        return f.read()


def grammar_path() -> Path:
    from pathlib import Path

    return Path(grammar_file())


@functools.lru_cache(maxsize=1)
def lark_parser() -> Any:
    from lark import Lark

    return Lark(
        grammar_text(), parser="lalr", lexer="contextual",
        maybe_placeholders=True, keep_all_tokens=True, transformer=Lower(), cache=cache_path() or False,
    )


def terminals_source() -> str:
    """The text of ``terminals.py``: the grammar's terminals as Lark's lexer configures them, for ``descent``.

    From Lark's lexer configuration (``Lark.lexer_conf``: terminals, ignored
    terminals, regex flags) with Lark's lexer rules applied: terminals in its
    order of preference (priority, longest, name), and a string that a pattern
    of the same priority matches whole (`by` for NAME) recognised by its text
    after a match of the pattern.  Regenerate with ``python -m tests.test_descent``
    (a test fails while it is stale).
    """
    import re as regex

    from lark.lexer import PatternStr

    from .descent import grammar_crc32

    conf = lark_parser().lexer_conf
    flags = int(conf.g_regex_flags)
    ignore = set(conf.ignore)
    terminals = sorted((t for t in conf.terminals if t.name not in ignore),
                       key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name))
    strings = [t for t in terminals if isinstance(t.pattern, PatternStr)]
    keywords: dict[str, str] = {}
    absorbed: set[str] = set()
    for pat in (t for t in terminals if not isinstance(t.pattern, PatternStr)):
        whole = regex.compile(pat.pattern.to_regexp(), flags).fullmatch
        for t in strings:
            if t.priority == pat.priority and whole(t.pattern.value):
                if pat.name == "NAME":
                    keywords[t.pattern.value] = t.name
                if t.pattern.flags <= pat.pattern.flags:
                    absorbed.add(t.name)
    skipped = "|".join(t.pattern.to_regexp() for t in conf.terminals if t.name in ignore)
    lines = [
        '"""The terminals of grammar/tgt.lark, as the fast path (``descent.py``) scans them.',
        "",
        "GENERATED from Lark's lexer configuration of the grammar by ``parser.terminals_source``:",
        "do not edit; regenerate with ``python -m tests.test_descent`` (a test fails while this is stale).",
        "The fast path is used only while GRAMMAR_CRC32 is the installed grammar's.",
        '"""',
        "",
        f"GRAMMAR_CRC32 = {grammar_crc32()}",
        "",
        "# (name, regex) of each terminal, in Lark's order of preference (priority, longest, name)",
        "TERMINALS = (",
        *(f"    ({t.name!r}, {t.pattern.to_regexp()!r})," for t in terminals if t.name not in absorbed),
        ")",
        "",
        "# what is ignored between tokens (spaces, comments)",
        f"SKIP = {skipped!r}",
        "",
        f"FLAGS = {flags}",
        "",
        "# keywords: a NAME match with this text is this terminal (Lark's rule for strings a pattern matches whole)",
        "KEYWORDS = {",
        *(f"    {word!r}: {name!r}," for word, name in sorted(keywords.items())),
        "}",
    ]
    return "\n".join(lines) + "\n"


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

    from .. import __version__

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


def parse(text: str, filename: str = "<spec>") -> tuple[Spec | None, list[Diagnostic]]:
    """Parse spec text.  Returns the tree (None if there is a syntax error) and diagnostics.

    The syntax errors of up to ``MAX_SYNTAX_ERRORS`` declarations are reported
    in one run, as all static problems are.
    """
    from ..core.gcpause import paused
    from . import descent

    with paused():  # hundreds of thousands of acyclic nodes for a large spec: see gcpause
        read = descent.read(text)  # a well-formed spec, fast; else the pieces Lark must read
        if isinstance(read, Spec):
            return _checked(read, filename)
        return _slow(text, read, filename)


MAX_SYNTAX_ERRORS = 10


def _slow(text: str, read: Any, filename: str) -> tuple[Spec | None, list[Diagnostic]]:
    """Lark reads what descent could not (``read``, a ``descent.Partial``), and reports every error."""
    lexed = read.text
    if _no_header(lexed):
        what = "empty" if not lexed.strip() else "only comments"
        return None, [Diagnostic("TGT109", Severity.ERROR, f"the spec is {what}: there is no policy header", Location(filename, Span(1, 1, 1, 1)),
                                 'start with: policy "6-2" "施策名" base H13 due H18')]
    kept = _kept_text(lexed, read.keep)
    depth = max((_depth(lexed[a:b]) for a, b in read.keep), default=0)
    if depth > MAX_NESTING:
        from .syntax_errors import nth_paren

        return None, [Diagnostic("TGT108", Severity.ERROR, f"parentheses nested {depth} deep; at most {MAX_NESTING} are allowed",
                                 Location(filename, nth_paren(kept, MAX_NESTING + 1)), "simplify the expression")]
    tree, diags = _Recovery(lexed, filename).run(kept)
    foreign = _foreign_digits(kept, filename)
    if foreign:  # named wherever they are; Lark's errors in their declarations are only their consequences
        spans = [d.location.span for d in foreign if d.location.span is not None]
        diags = [d for d in diags if not any(_same_declaration(kept, s.start_pos, d.location.span.start_pos)
                                                 for s in spans if d.location.span is not None)]
        diags = sorted(foreign + diags, key=lambda d: d.location.span.start_pos if d.location.span else 0)[:MAX_SYNTAX_ERRORS]
    if tree is None or diags:
        return None, diags
    # Lark's reading of the kept pieces, descent's of the others, in the order of the text
    declarations = sorted([*tree.declarations, *(d for d, _ in read.declarations)], key=lambda d: d.span.start_pos)
    duplicates = sorted([*tree.duplicates, *(dup for _, dups in read.declarations for dup in dups)], key=lambda d: d[1].start_pos)
    comments = tuple(normalize(text)[1])
    return _checked(Spec(tree.policy, tuple(declarations), comments, tuple(duplicates)), filename)


# a digit of another script than ASCII and full-width (mapped by normalize), outside strings and comments
_FOREIGN_DIGIT = re.compile(r'"[^"\n]*"?|「[^」\n]*」?|#[^\n]*|((?![0-9])\d)')


def _foreign_digits(text: str, filename: str) -> list[Diagnostic]:
    """TGT111 for each digit of another script outside strings and comments: refused and named, never read."""
    from .syntax_errors import foreign_digit_diagnostic

    found = []
    for m in _FOREIGN_DIGIT.finditer(text):
        if m.group(1) is not None:
            pos = m.start(1)
            line = text.count("\n", 0, pos) + 1
            column = pos - (text.rfind("\n", 0, pos) + 1) + 1
            found.append(foreign_digit_diagnostic(m.group(1), Span(line, column, line, column + 1, pos, pos + 1), filename))
    return found


def _same_declaration(text: str, a: int, b: int) -> bool:
    """Whether positions ``a`` and ``b`` are in one declaration (no line starting a declaration between them)."""
    low, high = min(a, b), max(a, b)
    line_start = text.rfind("\n", 0, low) + 1
    return _DECLARATION_LINE.search(text, line_start + 1, high + 1) is None


def _no_header(text: str) -> bool:
    """Whether the text is empty or only comments (the first line with anything else ends the search)."""
    return all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())


def _kept_text(text: str, keep: tuple[tuple[int, int], ...]) -> str:
    """``text`` with everything outside ``keep`` turned to spaces (newlines kept): same length, same positions."""
    out: list[str] = []
    pos = 0
    for a, b in keep:
        out.append(_blank(text[pos:a]))
        out.append(text[a:b])
        pos = b
    out.append(_blank(text[pos:]))
    return "".join(out)


def _blank(gap: str) -> str:
    return "\n".join(" " * len(line) for line in gap.split("\n")) if gap else ""


def _depth(text: str) -> int:
    """The deepest nesting of parentheses in the code of ``text`` (strings and comments left out)."""
    depth = deepest = 0
    if "(" not in text:
        return 0
    for c in _STRINGS_AND_COMMENTS.sub("", text):
        if c == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif c == ")":
            depth -= 1
    return deepest


_STRINGS_AND_COMMENTS = re.compile(r'"[^"\n]*"?|「[^」\n]*」?|#[^\n]*')
# a line where a declaration starts: where the parser picks up again after a syntax error
_DECLARATION_LINE = re.compile(r"^[ \t]*(?:target|indicator|constant|scale)(?![A-Za-z0-9_])", re.MULTILINE)
_DECLARATION_KEYWORDS = frozenset({"TARGET", "INDICATOR", "CONSTANT", "SCALE"})
# errors after which the rest of the file can still be read
_RECOVERABLE = frozenset({"TGT101", "TGT102", "TGT104", "TGT105", "TGT110", "TGT111"})


class _Recovery:
    """One Lark parse that reports the first syntax error of each declaration.

    Lark's interactive parser (its public error-handling interface) is fed
    token by token.  Before each declaration keyword the parser is copied;
    after an error the copy taken before the broken declaration is resumed,
    so that declaration is dropped, and the lexer is moved on to the next
    line that starts a declaration (where the error was the keyword of the
    next declaration itself, that keyword is fed again).  An error in the
    policy header, at the end of the file, or the MAX_SYNTAX_ERRORS-th ends
    the parse: what follows could not be read reliably.
    """

    def __init__(self, lexed: str, filename: str) -> None:
        self.lexed, self.filename = lexed, filename
        self.diags: list[Diagnostic] = []

    def run(self, text: str) -> tuple[Any, list[Diagnostic]]:
        from lark.exceptions import LarkError

        try:
            return self.parse(text), self.diags
        except (LarkError, RecursionError) as err:  # noqa: BLE001 - any other parser failure is the user's input
            self.diags.append(Diagnostic("TGT102", Severity.ERROR, f"cannot parse the spec: {err}", Location(self.filename, Span(1, 1, 1, 1))))
            return None, self.diags

    def parse(self, text: str) -> Any:
        from lark.exceptions import UnexpectedInput, UnexpectedToken

        parser = lark_parser().parse_interactive(text)
        start: Any = None  # the parser before the keyword of the declaration being read
        before: Any = None  # the parser before the last declaration keyword seen, until the parser has taken it
        keyword: Any = None  # that keyword
        token: Any = None
        while True:
            try:
                for token in parser.iter_parse():
                    if before is not None:  # the keyword before this token was taken
                        start, before = before, None
                    if token.type in _DECLARATION_KEYWORDS:
                        before, keyword = parser.copy(deepcopy_values=False), token
                return parser.feed_eof(token)
            except (UnexpectedInput, TooLong) as err:
                diagnostic = self.diagnostic(err)
                self.diags.append(diagnostic)
                bad = getattr(err, "token", None)
                # at the keyword: the parser did not take it (an error there, or a number too long in the declaration
                # before, found when the keyword ended it); else the keyword was taken and the error is after it
                at_keyword = before is not None and (bad is keyword or isinstance(err, TooLong))
                if before is not None and not at_keyword and isinstance(err, (UnexpectedToken, UnexpectedInput)):
                    start, before = before, None
                if (start is None or diagnostic.code not in _RECOVERABLE or len(self.diags) >= MAX_SYNTAX_ERRORS
                        or (bad is not None and bad.type == "$END")):
                    return None
                lexer = parser.lexer_thread
                parser = start.copy(deepcopy_values=False)  # the broken declaration dropped
                parser.lexer_thread = lexer
                if at_keyword:  # read the keyword again, as the start of the next declaration
                    before = parser.copy(deepcopy_values=False)
                    parser.feed_token(keyword)
                    start, before = before, None
                    continue
                before = None
                where = lexer.state.line_ctr.char_pos
                span = diagnostic.location.span
                line_end = text.find("\n", span.start_pos if span is not None else where)
                resume = _DECLARATION_LINE.search(text, line_end) if line_end >= 0 else None
                if resume is None or resume.start() < where:
                    return None
                lexer.state.line_ctr.feed(text[where:resume.start()])  # as Lark's own on_error skips a character

    def diagnostic(self, err: Any) -> Diagnostic:
        from lark.exceptions import UnexpectedCharacters

        from .syntax_errors import bad_character, unexpected

        if isinstance(err, TooLong):
            return _too_long(err, self.filename)
        if isinstance(err, UnexpectedCharacters):
            return bad_character(err, self.lexed, self.filename)
        return unexpected(err, self.lexed, self.filename)


def _too_long(err: TooLong, filename: str) -> Diagnostic:
    span = _tok_span(err.token)
    if err.token.type in ("ERA_YEAR", "LOWER_YEAR"):
        return Diagnostic(NOT_A_YEAR.code, Severity.ERROR, f"'{str(err.token)[:12]}…' is not a year: it has {len(err.token)} characters",
                          Location(filename, span), NOT_A_YEAR.fix)
    return Diagnostic("TGT110", Severity.ERROR, f"this number is {len(err.token)} characters long; at most {MAX_DIGITS} are allowed",
                      Location(filename, span), "write it in a larger unit (千件, 億円) so it stays short")


def _checked(spec: Spec, filename: str) -> tuple[Spec | None, list[Diagnostic]]:
    """A parsed tree, or TGT108 when an expression nests too deep for the later passes."""
    from .syntax_errors import too_deep

    deep = too_deep(spec, filename, MAX_DEPTH)
    if deep:
        return None, deep
    return spec, []


def parse_file(path: str) -> tuple[Spec | None, list[Diagnostic], str | None]:
    """Read and parse one spec file: (tree, diagnostics, text)."""
    from ..core.sources import read_spec

    text, problem = read_spec(path)
    if problem is not None or text is None:
        return None, [problem] if problem else [], None
    spec, diags = parse(text, path)
    return spec, diags, text


# -- the lowering -------------------------------------------------------------------
def _tok_span(t: Any) -> Span:
    return Span(t.line, t.column, t.end_line, t.end_column, t.start_pos, t.end_pos)


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
        return Span(p.line, p.column, q.end_line, q.end_column, p.start_pos, q.end_pos)
    return Span(a.line, a.column, b.end_line, b.end_column, a.start_pos, b.end_pos)


def _rule(fn: Any) -> Any:
    """Call ``fn(self, span, *children)`` with the span of all children and the keywords dropped."""
    return _reduction(fn, spanned=True)


def _unspanned(fn: Any) -> Any:
    """As ``_rule``, for a rule that does not use its span (it returns a child): none is computed."""
    return _reduction(fn, spanned=False)


def _reduction(fn: Any, spanned: bool) -> Any:
    make_span, kept_types = Span, _KEPT  # Lark's tokens come with their lines and columns counted

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
                return fn(self, make_span(a.line, a.column, b.end_line, b.end_column, a.start_pos, b.end_pos), *kept)
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
        clauses = rest[1:] if schedule else rest
        judgements = tuple(c.value for c in clauses if c.name == "judged")  # one per year: the checker sees to it
        fields, dups = _clauses([c for c in clauses if c.name != "judged"])
        node = Target(_string(tid), _string(title), cond, schedule, span=span, id_span=_tok_span(tid), judgements=judgements,
                      **fields)
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
    rated_clause = _clause("rated", str)
    rollup_clause = _clause("rollup", str)

    @_rule
    def main_clause(self, span: Span) -> _Part:
        return _Part("main", True, span)

    # -- rating scales (scales.py)
    @_rule
    def scale(self, span: Span, name: Any, ja: Any, en: Any, *grades: Grade) -> _Part:
        return _Part("scale", Scale(str(name), _string(ja), _string(en), grades, span=span), span)

    @_rule
    def grade(self, span: Span, name: Any, ja: Any, en: Any, band: _Part, score: Number | None = None) -> Grade:
        measure, limits, statuses = band.value
        return Grade(str(name), _string(ja), _string(en), measure, limits, statuses, score, span=span, measure_span=band.extra)

    @_rule
    def ratio_band(self, span: Span, measure: Any, *limits: Limit) -> _Part:
        return _Part("band", (str(measure), limits, ()), span, _tok_span(measure))

    @_rule
    def status_band(self, span: Span, measure: Any, *statuses: Any) -> _Part:
        return _Part("band", (str(measure), (), tuple(str(s) for s in statuses)), span, _tok_span(measure))

    @_rule
    def limit(self, span: Span, op: Any, value: Any) -> Limit:
        return Limit(OPS[str(op)], value, span=span)

    @_rule
    def score(self, span: Span, value: Any) -> Number:
        return Number(number(str(value)), False, str(value), span=span)

    @_rule
    def judged_clause(self, span: Span, status: Any, year: Year, by: Any, because: Any) -> _Part:
        return _Part("judged", Judgement(str(status), year, _string(by), _string(because), span=span,
                                         status_span=_tok_span(status)), span)

    # -- conditions
    @_rule
    def compare(self, span: Span, left: Any, op: Any, bound: _Part) -> Compare:
        return Compare(left, OPS[str(op)], bound.value, bound.extra, span=span)

    @_rule
    def between(self, span: Span, operand: Any, rng: _Part) -> Between:
        low, high = rng.value
        return Between(operand, low, high, rng.extra, span=span)

    @_rule
    def trend(self, span: Span, call: Call) -> Trend:
        return Trend(call, span=span)

    @_rule
    def bound(self, span: Span, about: Any, expr: Any, tol: Any = None) -> _Part:
        return _Part("bound", expr, span, approx(about.span if about is not None else None, tol))

    @_rule
    def range(self, span: Span, about: Any, low: Any, high: Any, tol: Any = None) -> _Part:
        return _Part("range", (low, high), span, approx(about.span if about is not None else None, tol))

    @_rule
    def about(self, span: Span) -> _Part:
        return _Part("about", None, span)

    @_unspanned
    def tolerance(self, span: Span, _pm: Any, expr: Any) -> Any:
        return expr

    @_rule
    def deadline(self, span: Span, year: Year, *milestones: Milestone) -> Deadline:
        return Deadline(year, span=span, milestones=milestones)

    @_rule
    def milestone(self, span: Span, bound: _Part, year: Year) -> Milestone:
        return Milestone(bound.value, year, bound.extra, span=span)

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
        return Number(number(t), False, str(t), span=span)

    @_rule
    def percent(self, span: Span, t: Any, sign: Any) -> Number:
        scale = 10 if str(sign) == "割" else 1
        value = number(t)
        return Number(value * scale if scale != 1 else value, True, str(t) + str(sign), span=span)

    @_rule
    def ref(self, span: Span, t: Any) -> Ref:
        return Ref(str(t), span=span)

    @_rule
    def selected(self, span: Span, name: Any, *keys: Any) -> Ref:
        return Ref(str(name), span=span, keys=tuple(keys))

    @_unspanned
    def key(self, span: Span, dimension: Any, value: Any) -> tuple[str, str]:
        return str(dimension), (_string(value) if value.type == "STRING" else str(value))

    @_rule
    def for_each(self, span: Span, dimension: Any) -> _Part:
        return _Part("each", Each(str(dimension), None, span=span), span)

    @_rule
    def for_at_least(self, span: Span, count: Any, dimension: Any) -> _Part:
        return _Part("each", Each(str(dimension), Number(number(count), False, str(count), span=_tok_span(count)), span=span), span)

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
            raise TooLong(t)
        return year_node(cached_year(s), s, span)

    @_rule
    def fy_year(self, span: Span, t: Any) -> Year:
        return year_node(cached_year(str(t)), str(t), span)

    @_rule
    def western_year(self, span: Span, t: Any) -> Year:
        s = str(t)
        if len(s) > MAX_DIGITS:
            raise TooLong(t)
        return year_node(western_year(int(s)) if s.isdigit() else YearError(s, ""), s, span)


def _clauses(clauses: Any) -> tuple[dict[str, Any], list[tuple[str, Span]]]:
    fields: dict[str, Any] = {}
    dups: list[tuple[str, Span]] = []
    for c in clauses:
        if c.name in fields:
            dups.append((c.name, c.span))
        else:
            fields[c.name] = c.value
    return fields, dups
