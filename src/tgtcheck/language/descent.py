"""The fast path for well-formed specs: recursive descent over pre-scanned tokens.

Why it exists: on a 10,000-target spec, parsing was half of a whole
`tgtcheck run`, and what cost was not the grammar but the machinery
around it (a token object per token, a table step per token, a generic
callback per reduction).  A spec that is written correctly, which is
almost every spec on almost every run, does not need that machinery.

How it stays the grammar's parser and not a second language:

- The tokens are the grammar's terminals as Lark's own lexer configures
  them (the regexes of grammar/tgt.lark, in Lark's order of preference,
  keywords recognised by their text), written to ``terminals.py`` by
  ``parser.terminals_source`` so that this path never
  imports Lark (a third of the start-up of a small run), and scanned in
  one pass over the text.  ``terminals.py`` holds the grammar's hash and is
  ignored when the installed grammar differs.
- The descent follows tgt.lark rule by rule (the comments name the rules)
  and builds the nodes the way ``parser.Lower`` does, spans included: a
  node's span runs from its first child to its last, a parenthesised
  expression keeps the span of what is inside the parentheses.
- It only ever accepts.  Wherever the text leaves the common path (a token
  the rule does not expect there, a keyword used as a name, a year where a
  name fits, a character no terminal matches, a number too long), ``parse``
  returns None and the caller parses the text with the LALR parser, which
  reports every error and reads the rare valid corners (``value(year)``,
  ``dueH18``) that differ between a contextual and a plain lexer.  So
  diagnostics and error recovery have one source.
- Lark reads only what descent cannot: ``read`` goes on declaration by
  declaration after one it gives up on and returns a ``Partial`` (the
  declarations it read, the ranges Lark must read), so a syntax error in a
  large spec costs one pass of this module and a Lark parse of a few lines.
- It imports ``lexical`` (what both parsers share), never ``parser``.

``tests/test_properties.py`` parses random valid specs in random layouts and
mutated specs both ways and requires every tree this module returns to be
the LALR parser's tree, spans included, and requires it not to give up on
the generated valid specs or on spec/policy_6_2.tgt.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..core.diagnostics import LineStarts, Span, span_at
from ..core.years import YearError, western_year
from .lexical import MAX_DIGITS, MAX_NESTING, OPS, approx, cached_year, grammar_file, normalize, number, year_node
from .nodes import (
    CLAUSE_WORDS,
    Between,
    BinOp,
    Call,
    Comment,
    Compare,
    Constant,
    Deadline,
    Declaration,
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

_END = "$END"
_BAD = "$BAD"  # a character no terminal matches (in a partial reading)
_DECLARATIONS = frozenset({"TARGET", "INDICATOR", "CONSTANT", "SCALE"})
_STARTS = _DECLARATIONS | {_END}  # what may follow a whole declaration
# what may follow a condition (FOLLOW(condition) in tgt.lark): a bare call before one of these is a trend
_AFTER_CONDITION = frozenset({"BY", "EVERY", "BASE", "METHOD", "BETTER", "JUDGE", "JUDGED", "MAIN", "主要", "FOR", "INDICATOR",
                              "CONSTANT", "TARGET", "SCALE", _END})


class _GiveUp(Exception):
    """The text left the common path: the LALR parser takes over."""


@functools.lru_cache(maxsize=1)
def _scanner() -> tuple[Any, Any, dict[str, str], Any] | None:
    """(scanner of ignored text + one token, match of ignored text, keyword table, match of a lower-case year),
    from ``terminals``.

    None when ``terminals.py`` was generated from another grammar than the one
    installed (someone edited tgt.lark and did not regenerate): then every
    spec goes to the LALR parser, which reads the grammar itself.
    """
    from . import terminals

    if grammar_crc32() != terminals.GRAMMAR_CRC32:
        return None
    alternation = "|".join(f"(?P<{name}>{regex})" for name, regex in terminals.TERMINALS)
    # ASCII-only: `\\d` and the like match no full-width digit, which only `normalize` may map (see ``parse``)
    flags = terminals.FLAGS | re.ASCII
    pattern: Any = re.compile(f"(?:{terminals.SKIP})*+(?:{alternation})", flags)
    if hasattr(pattern, "scanner"):
        # one match after another, each where the last ended, in C: CPython's undocumented but long-standing
        # scanner object (``re.Scanner`` is built on it)
        def tokens(text: str, pos: int = 0) -> Iterator[Any]:
            return iter(pattern.scanner(text, pos).match, None)
    else:
        def tokens(text: str, pos: int = 0) -> Iterator[Any]:
            match = pattern.match
            while (m := match(text, pos)) is not None:
                yield m
                pos = m.end()
    skip = re.compile(f"(?:{terminals.SKIP})*", flags).match
    lower_year = re.compile(dict(terminals.TERMINALS)["LOWER_YEAR"], flags).fullmatch
    return tokens, skip, terminals.KEYWORDS, lower_year


def grammar_crc32() -> int:
    """A checksum of the grammar's text with LF line ends (a checkout with CRLF is the same grammar).

    It only has to notice an edit someone forgot to regenerate ``terminals.py``
    after, so CRC-32 (zlib, no start-up cost) does.
    """
    import zlib

    with open(grammar_file(), encoding="utf-8") as f:
        return zlib.crc32(f.read().replace("\r\n", "\n").encode("utf-8"))


def parse(text: str) -> Spec | None:
    """The tree of ``text`` (comments included), or None: then the LALR parser decides.

    The text is first read as written, without ``lexical.normalize`` (which
    costs a quarter of the parse of a large spec): the scanner's regexes are
    compiled ASCII-only, so a full-width or other non-ASCII digit, letter or
    symbol outside strings and comments matches no terminal, and a text
    with a full-width quote ＂ (which may close an ASCII one) is not read at
    all; where neither occurs, ``normalize`` would change nothing.  A text
    with full-width forms is read again after ``normalize``, with its comments.
    """
    read = _parse(text, None)
    if read is None and _FULL_WIDTH.search(text):
        lexed, comments, depth = normalize(text)
        if depth <= MAX_NESTING:
            read = _parse(lexed, tuple(comments))
    return read if isinstance(read, Spec) else None


@dataclass(frozen=True, slots=True)
class Partial:
    """What descent read of a text it could not read whole: Lark reads the rest (``parser``).

    ``text`` is the text the parsers read (``normalize``d where it had
    full-width forms).  The text is cut into pieces at each declaration's
    keyword (the policy header is the first piece); ``declarations`` are the
    pieces descent read, each with its clauses given twice.  ``keep`` are
    the character ranges Lark must read: the policy header, each piece
    descent gave up on and the piece after it (so that Lark sees what
    follows a broken declaration, as it would in the whole text).  A piece
    Lark also reads replaces descent's reading of it.
    """

    text: str
    declarations: tuple[tuple[Declaration, tuple[tuple[str, Span], ...]], ...]
    keep: tuple[tuple[int, int], ...]


def read(text: str) -> Spec | Partial:
    """The tree of ``text``, or what descent could read of it (see ``Partial``)."""
    if _FULL_WIDTH.search(text) or "＂" in text:
        spec = _parse(text, None)
        if isinstance(spec, Spec):
            return spec
        lexed, comments, depth = normalize(text)
        if depth > MAX_NESTING:
            return Partial(lexed, (), ((0, len(lexed)),))
        return _parse(lexed, tuple(comments), partial=True) or Partial(lexed, (), ((0, len(lexed)),))
    return _parse(text, None, partial=True) or Partial(text, (), ((0, len(text)),))


# what normalize maps: full-width ASCII forms, the ideographic space, the minus sign
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000\u2212]")


def _parse(text: str, comments: tuple[Comment, ...] | None, partial: bool = False) -> Spec | Partial | None:
    """The tree of ``text`` with ``comments`` (given when ``text`` is normalized, else collected here), or None;
    with ``partial``, what descent could read of it instead of None.

    A normalized text may still hold ＂, but only inside 「…」 strings and comments, where it is text.
    """
    scanner = _scanner()
    if scanner is None or (comments is None and "＂" in text):
        return None
    tokens, skip, keywords, lower_year = scanner
    kinds: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    while True:
        for m in tokens(text, pos):  # token after token, each where the last ended
            kind: str = m.lastgroup or ""  # each alternative is a named group
            start, end = m.span(kind)
            if kind == "NAME":
                kind = keywords.get(text[start:end], "NAME")
            elif kind == "LOWER_YEAR" and text[start:end].isalnum() and text[start:end].isascii():
                # h18, fy2006: a year where only a year fits, a NAME everywhere else (Lark's contextual lexer); year() tells
                kind = "NAME"
            kinds.append(kind)
            starts.append(start)
            ends.append(end)
            pos = end
        after = skip(text, pos).end()
        if after == len(text):
            break
        if not partial:  # a character no terminal matches (a trailing comment is skipped)
            return None
        kinds.append(_BAD)  # it stops the declaration it is in; the scan goes on after it
        starts.append(after)
        ends.append(after + 1)
        pos = after + 1
    kinds.append(_END)
    starts.append(len(text))
    lines = LineStarts(text)  # one table for every span of the text: spans hold offsets
    descent = _Descent(text, kinds, starts, ends, lines, lower_year)
    if partial:
        return descent.pieces()
    try:
        spec = descent.spec()
    except Exception:  # noqa: BLE001 - _GiveUp, or anything unusual (a number too long): the LALR parser decides
        return None
    if comments is None:
        comments = _comments(text, starts, ends, lines)
    return Spec(spec.policy, spec.declarations, comments, spec.duplicates)


def _comments(text: str, starts: list[int], ends: list[int], lines: LineStarts) -> tuple[Comment, ...]:
    """The comments: each ``#`` outside the tokens (strings) and outside an earlier comment, to the line's end."""
    found: list[Comment] = []
    covered = 0
    at = text.find("#")
    while at >= 0:
        k = bisect_right(starts, at) - 1
        if at >= covered and (k < 0 or at >= ends[k]):
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            found.append(Comment(text[at:end], span_at(at, end, lines)))
            covered = end
        at = text.find("#", at + 1)
    return tuple(found)


class _Descent:
    """One parse: the token lists and the position ``i`` in them.

    The hot constructors below take their fields by position, spans included:
    a fifth cheaper than by keyword, on some 100,000 nodes for 10,000 targets.
    """

    __slots__ = ("depth", "ends", "i", "kinds", "lines", "lower_year", "starts", "text")

    def __init__(self, text: str, kinds: list[str], starts: list[int], ends: list[int], lines: LineStarts, lower_year: Any) -> None:
        self.text, self.kinds, self.starts, self.ends = text, kinds, starts, ends
        self.lower_year = lower_year
        self.lines = lines
        self.i = 0
        self.depth = 0  # parentheses open around the current token

    # -- tokens
    def span(self, k: int) -> Span:
        """The span of token ``k``."""
        return span_at(self.starts[k], self.ends[k], self.lines)

    def tokens_span(self, a: int, b: int) -> Span:
        """From the start of token ``a`` to the end of token ``b``, without a span for each."""
        return span_at(self.starts[a], self.ends[b], self.lines)

    def from_token(self, a: int, last: Span) -> Span:
        """From the start of token ``a`` to the end of ``last``."""
        return span_at(self.starts[a], last.end_pos, self.lines)

    def join(self, a: Span, b: Span) -> Span:
        """From the start of ``a`` to the end of ``b``: a node's span from its first and last child."""
        return span_at(a.start_pos, b.end_pos, self.lines)

    def take(self, kind: str) -> int:
        """The index of the next token, which must be a ``kind``."""
        i = self.i
        if self.kinds[i] != kind:
            raise _GiveUp
        self.i = i + 1
        return i

    def word(self, k: int) -> str:
        return self.text[self.starts[k] : self.ends[k]]

    def string(self, k: int) -> str:
        return self.text[self.starts[k] + 1 : self.ends[k] - 1]

    # -- start: policy declaration*
    def spec(self) -> Spec:
        policy, dups = self.policy()
        kinds = self.kinds
        declarations: list[Any] = []
        node: Target | Indicator | Constant | Scale
        more: list[tuple[str, Span]] | tuple[()]
        while True:
            kind = kinds[self.i]
            if kind == "TARGET":
                node, more = self.target()
            elif kind == "INDICATOR":
                node, more = self.indicator()
            elif kind == "CONSTANT":
                node, more = self.constant(), ()
            elif kind == "SCALE":
                node, more = self.scale(), ()
            elif kind == _END:
                return Spec(policy, tuple(declarations), (), tuple(dups))
            else:
                raise _GiveUp
            declarations.append(node)
            dups.extend(more)

    # the same, declaration by declaration, going on after one it cannot read
    def pieces(self) -> Partial:
        """A partial reading (``Partial``): each declaration read where descent can, the rest left to Lark."""
        kinds, starts = self.kinds, self.starts
        end = len(kinds) - 1
        declarations: list[tuple[Any, tuple[tuple[str, Span], ...]]] = []
        keep: list[tuple[int, int]] = []
        try:
            self.policy()
            policy_read = kinds[self.i] in _STARTS
        except Exception:  # noqa: BLE001 - _GiveUp or a number too long: Lark reads (and reports) it
            policy_read = False
        k = self.i if policy_read else self.next_declaration(0)
        keep.append((0, starts[k]))
        context = not policy_read  # the piece after a piece descent gave up on goes to Lark too
        while k < end:
            self.i, self.depth = k, 0
            kind = kinds[k]
            node: Any = None
            dups: Any = ()
            try:
                if kind == "TARGET":
                    node, dups = self.target()
                elif kind == "INDICATOR":
                    node, dups = self.indicator()
                elif kind == "SCALE":
                    node = self.scale()
                else:
                    node = self.constant()
                if kinds[self.i] not in _STARTS:
                    node = None
            except Exception:  # noqa: BLE001 - as above
                node = None
            after = self.i if node is not None else self.next_declaration(k + 1)
            if node is None or context:
                keep.append((starts[k], starts[after]))
            else:
                declarations.append((node, tuple(dups)))
            context = node is None
            k = after
        return Partial(self.text, tuple(declarations), tuple(_merged(keep)))

    def next_declaration(self, k: int) -> int:
        """The first token from ``k`` on that starts a declaration (or the end)."""
        kinds = self.kinds
        while kinds[k] not in _STARTS:
            k += 1
        return k

    # policy: "policy" STRING STRING policy_clause*
    def policy(self) -> tuple[Policy, list[tuple[str, Span]]]:
        first = self.take("POLICY")
        pid, title = self.take("STRING"), self.take("STRING")
        last: Span | None = None
        fields: dict[str, Any] = {}
        dups: list[tuple[str, Span]] = []
        kinds = self.kinds
        while True:
            kind = kinds[self.i]
            if kind == "BASE" or kind == "DUE":
                name, value, last = self.year_clause()
            elif kind == "DATA" or kind == "GOAL":
                name, value, last = self.string_clause()
            elif kind == "METHOD" or kind == "JUDGE" or kind == "YEARS" or kind == "ROLLUP":
                name, value, last = self.name_clause()
            elif kind == "RATED":  # "rated" "on" NAME
                k = self.i
                self.i += 1
                self.take("ON")
                scale = self.take("NAME")
                name, value, last = "rated", self.word(scale), self.tokens_span(k, scale)
            else:
                break
            _clause(fields, dups, name, value, last)
        span = self.from_token(first, last) if last is not None else self.tokens_span(first, title)
        return Policy(self.string(pid), self.string(title), span=span, **fields), dups

    # "base" year | "due" year
    def year_clause(self) -> tuple[str, Any, Span]:
        k = self.i
        self.i += 1
        year = self.year()
        return self.kinds[k].lower(), year, self.from_token(k, year.span)

    # "data" STRING | "goal" STRING | "unit" STRING | "note" STRING
    def string_clause(self) -> tuple[str, Any, Span]:
        k = self.i
        self.i += 1
        s = self.take("STRING")
        return self.kinds[k].lower(), self.string(s), self.tokens_span(k, s)

    # "method" NAME | "better" NAME | "judge" NAME | "years" NAME
    def name_clause(self) -> tuple[str, Any, Span]:
        k = self.i
        name = k + 1
        clause = self.kinds[k].lower()
        # Lark's contextual lexer reads a keyword as a NAME where only a NAME fits; of those corners, the
        # fast path takes the one a clause's own word makes common (`judge year`) and leaves the rest to Lark
        if self.kinds[name] != "NAME" and self.word(name) not in CLAUSE_WORDS.get(clause, ()):
            raise _GiveUp
        self.i = name + 1
        return clause, self.word(name), self.tokens_span(k, name)

    # indicator: "indicator" NAME STRING indicator_clause*
    def indicator(self) -> tuple[Indicator, list[tuple[str, Span]]]:
        first = self.take("INDICATOR")
        name, label = self.take("NAME"), self.take("STRING")
        last: Span | None = None
        fields: dict[str, Any] = {}
        dups: list[tuple[str, Span]] = []
        kinds = self.kinds
        while True:
            kind = kinds[self.i]
            if kind == "UNIT" or kind == "NOTE":
                clause, value, last = self.string_clause()
            elif kind == "BETTER":
                clause, value, last = self.name_clause()
            else:
                break
            _clause(fields, dups, clause, value, last)
        span = self.from_token(first, last) if last is not None else self.tokens_span(first, label)
        return Indicator(self.word(name), self.string(label), span=span, **fields), dups

    # constant: "constant" NAME "=" expr note_clause?
    def constant(self) -> Constant:
        first = self.take("CONSTANT")
        name = self.take("NAME")
        self.take("EQUAL")
        value = self.expr()
        note = None
        last = value.span
        if self.kinds[self.i] == "NOTE":
            _, note, last = self.string_clause()
        return Constant(self.word(name), value, note, span=self.from_token(first, last))

    # target: "target" STRING STRING condition schedule? target_clause*
    def target(self) -> tuple[Target, list[tuple[str, Span]]]:
        first = self.take("TARGET")
        tid, title = self.take("STRING"), self.take("STRING")
        condition = self.condition()
        last = condition.span
        kinds = self.kinds
        kind = kinds[self.i]
        schedule: Deadline | EveryYear | None = None
        if kind == "BY" or kind == "EVERY":
            schedule = self.schedule()
            last = schedule.span
        fields: dict[str, Any] = {}
        dups: list[tuple[str, Span]] = []
        judgements: list[Judgement] = []
        while True:
            kind = kinds[self.i]
            if kind == "BASE":
                name, value, last = self.year_clause()
            elif kind == "METHOD" or kind == "BETTER" or kind == "JUDGE":
                name, value, last = self.name_clause()
            elif kind == "JUDGED":
                judgement = self.judged()
                judgements.append(judgement)
                last = judgement.span
                continue
            elif kind == "MAIN" or kind == "主要":  # main_clause: "main" | "主要"
                name, value, last = "main", True, self.span(self.i)
                self.i += 1
            elif kind == "FOR":
                name, value, last = self.each_clause()
            else:
                break
            _clause(fields, dups, name, value, last)
        node = Target(self.string(tid), self.string(title), condition, schedule, fields.get("base"), fields.get("method"),
                      fields.get("better"), fields.get("judge"), self.from_token(first, last), self.span(tid),
                      tuple(judgements), fields.get("main", False), fields.get("each"))
        return node, dups

    # judged_clause: "judged" NAME "in" year "by" STRING "because" STRING
    def judged(self) -> Judgement:
        k = self.take("JUDGED")
        status = self.take("NAME")  # a keyword as the word: Lark's contextual lexer decides
        self.take("IN")
        year = self.year()
        self.take("BY")
        by = self.take("STRING")
        self.take("BECAUSE")
        because = self.take("STRING")
        return Judgement(self.word(status), year, self.string(by), self.string(because), self.tokens_span(k, because),
                         self.span(status))

    # scale: "scale" NAME STRING STRING grade+
    def scale(self) -> Scale:
        first = self.take("SCALE")
        name, ja, en = self.take("NAME"), self.take("STRING"), self.take("STRING")
        grades = [self.grade()]
        while self.kinds[self.i] == "GRADE":
            grades.append(self.grade())
        return Scale(self.word(name), self.string(ja), self.string(en), tuple(grades), self.from_token(first, grades[-1].span))

    # grade: "grade" NAME STRING STRING "when" band score?
    # band: NAME limit ("and" limit)? -> ratio_band | NAME NAME ("," NAME)* -> status_band;  limit: COMPARE expr
    def grade(self) -> Grade:
        first = self.take("GRADE")
        name, ja, en = self.take("NAME"), self.take("STRING"), self.take("STRING")
        self.take("WHEN")
        measure = self.take("NAME")
        kinds = self.kinds
        limits: list[Limit] = []
        statuses: list[str] = []
        if kinds[self.i] == "COMPARE":
            while True:
                op = self.take("COMPARE")
                value = self.expr()
                limits.append(Limit(OPS[self.word(op)], value, self.from_token(op, value.span)))
                if len(limits) == 2 or kinds[self.i] != "AND":
                    break
                self.i += 1
            last = limits[-1].span
        else:
            statuses.append(self.word(self.take("NAME")))
            while kinds[self.i] == "COMMA":
                self.i += 1
                statuses.append(self.word(self.take("NAME")))
            last = self.span(self.i - 1)
        score = None
        if kinds[self.i] == "SCORE":
            self.i += 1
            k = self.take("NUMBER")
            t = self.word(k)
            score = Number(number(t), False, t, self.tokens_span(k - 1, k))
            last = score.span
        return Grade(self.word(name), self.string(ja), self.string(en), self.word(measure), tuple(limits), tuple(statuses), score,
                     self.from_token(first, last), self.span(measure))

    # each_clause: "for" "each" NAME -> for_each | "for" "at" "least" NUMBER "of" NAME -> for_at_least
    def each_clause(self) -> tuple[str, Each, Span]:
        k = self.take("FOR")
        count = None
        if self.kinds[self.i] == "EACH":
            self.i += 1
        else:
            self.take("AT")
            self.take("LEAST")
            n = self.take("NUMBER")
            t = self.word(n)
            if len(t) > MAX_DIGITS:
                raise _GiveUp
            count = Number(number(t), False, t, self.span(n))
            self.take("OF")
        d = self.take("NAME")
        span = self.tokens_span(k, d)
        return "each", Each(self.word(d), count, span), span

    # condition: expr COMPARE bound | expr "between" range | call
    def condition(self) -> Compare | Between | Trend:
        begin = self.i
        left = self.expr()
        kinds = self.kinds
        kind = kinds[self.i]
        if kind == "COMPARE":
            op = self.word(self.i)
            self.i += 1
            about, right, tolerance, end = self.bound()
            return Compare(left, OPS[op], right, approx(about, tolerance), self.join(left.span, end))
        if kind == "BETWEEN":
            self.i += 1
            about, low, high, tolerance, end = self.range()
            return Between(left, low, high, approx(about, tolerance), self.join(left.span, end))
        if type(left) is Call and kinds[begin] == "NAME" and kind in _AFTER_CONDITION:  # the call alone, unparenthesised
            return Trend(left, left.span)
        raise _GiveUp

    # bound: [about] expr [tolerance]
    def bound(self) -> tuple[Span | None, Any, Any, Span]:
        about = self.about()
        value = self.expr()
        tolerance = self.tolerance()
        return about, value, tolerance, (tolerance or value).span

    # range: [about] expr "and" expr [tolerance]
    def range(self) -> tuple[Span | None, Any, Any, Any, Span]:
        about = self.about()
        low = self.expr()
        self.take("AND")
        high = self.expr()
        tolerance = self.tolerance()
        return about, low, high, tolerance, (tolerance or high).span

    # about: "about" | "程度"
    def about(self) -> Span | None:
        kind = self.kinds[self.i]
        if kind == "ABOUT" or kind == "程度":
            self.i += 1
            return self.span(self.i - 1)
        return None

    # tolerance: PLUSMINUS expr
    def tolerance(self) -> Any:
        if self.kinds[self.i] == "PLUSMINUS":
            self.i += 1
            return self.expr()
        return None

    # schedule: "by" year | "every" "year" "from" year ("to" year)?
    def schedule(self) -> Deadline | EveryYear:
        k = self.i
        self.i += 1
        if self.kinds[k] == "BY":
            year = self.year()
            last = year.span
            milestones: list[Milestone] = []
            while self.kinds[self.i] == "COMMA":  # milestone: "," bound "by" year
                m = self.i
                self.i += 1
                about, value, tolerance, _ = self.bound()
                self.take("BY")
                at = self.year()
                milestones.append(Milestone(value, at, approx(about, tolerance), self.from_token(m, at.span)))
                last = at.span
            return Deadline(year, self.from_token(k, last), tuple(milestones))
        self.take("YEAR")
        self.take("FROM")
        start = self.year()
        end = None
        if self.kinds[self.i] == "TO":
            self.i += 1
            end = self.year()
        return EveryYear(start, end, self.from_token(k, (end or start).span))

    # year: year_literal | NUMBER -> western_year | LOWER_YEAR -> era_year
    def year(self) -> Year:
        kind = self.kinds[self.i]
        if kind == "LOWER_YEAR" or (kind == "NAME" and self.lower_year(self.word(self.i))):
            k = self.i
            s = self.word(k)
            if len(s) > MAX_DIGITS:
                raise _GiveUp
            self.i = k + 1
            return year_node(cached_year(s), s, self.span(k))
        if kind == "NUMBER":
            k = self.i
            self.i += 1
            s = self.word(k)
            if len(s) > MAX_DIGITS:
                raise _GiveUp
            return year_node(western_year(int(s)) if s.isdigit() else YearError(s, ""), s, self.span(k))
        return self.year_literal()

    # year_literal: ERA_YEAR | FY_YEAR
    def year_literal(self) -> Year:
        k = self.i
        kind = self.kinds[k]
        s = self.word(k)
        if kind == "ERA_YEAR" or kind == "FY_YEAR":
            if len(s) > MAX_DIGITS:
                raise _GiveUp
            parsed: Any = cached_year(s)
        else:
            raise _GiveUp
        self.i = k + 1
        return year_node(parsed, s, self.span(k))

    # -- expressions
    # expr: term (("+" | "-") term)*  and  term: factor (("*" | "/") factor)*, both left associative,
    # in one loop: one call per operand instead of one per level
    def expr(self) -> Any:
        kinds = self.kinds
        left = self.factor()
        while True:
            kind = kinds[self.i]
            if kind == "STAR" or kind == "SLASH":
                self.i += 1
                right = self.factor()
                left = BinOp("*" if kind == "STAR" else "/", left, right, self.join(left.span, right.span))
            elif kind == "PLUS" or kind == "MINUS":
                self.i += 1
                right = self.factor()
                while True:  # the term on the right: its * and / bind first
                    op = kinds[self.i]
                    if op != "STAR" and op != "SLASH":
                        break
                    self.i += 1
                    factor = self.factor()
                    right = BinOp("*" if op == "STAR" else "/", right, factor, self.join(right.span, factor.span))
                left = BinOp("+" if kind == "PLUS" else "-", left, right, self.join(left.span, right.span))
            else:
                return left

    # factor: "-" factor | atom   (a run of minus signs counted, not recursed into)
    def factor(self) -> Any:
        kinds = self.kinds
        first = self.i
        if kinds[first] != "MINUS":
            return self.atom()
        while kinds[self.i] == "MINUS":
            self.i += 1
        last = self.i - 1
        node = self.atom()
        for k in range(last, first - 1, -1):
            node = Neg(node, self.from_token(k, node.span))
        return node

    # atom: NUMBER | NUMBER PERCENT | NAME | year_literal | call | "(" expr ")"
    def atom(self) -> Any:
        k = self.i
        kinds = self.kinds
        kind = kinds[k]
        if kind == "NUMBER":
            t = self.word(k)
            if kinds[k + 1] == "PERCENT":
                self.i = k + 2
                sign = self.word(k + 1)
                value = number(t)
                return Number(value * 10 if sign == "割" else value, True, t + sign, self.tokens_span(k, k + 1))
            self.i = k + 1
            return Number(number(t), False, t, self.span(k))
        if kind == "NAME":
            if kinds[k + 1] == "LPAR":
                return self.call()
            if kinds[k + 1] == "LSQB":
                return self.selected()
            self.i = k + 1
            return Ref(self.word(k), self.span(k))
        if kind == "LPAR":
            self.depth += 1
            if self.depth > MAX_NESTING:  # the LALR path reports it (TGT108)
                raise _GiveUp
            self.i = k + 1
            inner = self.expr()
            self.take("RPAR")
            self.depth -= 1
            return inner
        return self.year_literal()

    # NAME "[" key ("," key)* "]" -> selected, key: NAME "=" (NAME | STRING)
    def selected(self) -> Ref:
        name = self.i
        self.i += 2
        keys: list[tuple[str, str]] = []
        while True:
            dimension = self.take("NAME")
            self.take("EQUAL")
            k = self.i
            kind = self.kinds[k]
            if kind != "NAME" and kind != "STRING":
                raise _GiveUp
            self.i = k + 1
            keys.append((self.word(dimension), self.word(k) if kind == "NAME" else self.string(k)))
            if self.kinds[self.i] != "COMMA":
                break
            self.i += 1
        end = self.take("RSQB")
        return Ref(self.word(name), self.tokens_span(name, end), tuple(keys))

    # call: NAME "(" [expr ("," expr)*] ")"
    def call(self) -> Call:
        name = self.i
        self.i += 2
        args = []
        kinds = self.kinds
        if kinds[self.i] != "RPAR":
            args.append(self.expr())
            while kinds[self.i] == "COMMA":
                self.i += 1
                args.append(self.expr())
        end = self.take("RPAR")
        return Call(self.word(name), tuple(args), self.tokens_span(name, end), self.span(name))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent ranges joined: (0, 5), (5, 9) is (0, 9)."""
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        if out and out[-1][1] == a:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _clause(fields: dict[str, Any], dups: list[tuple[str, Span]], name: str, value: Any, span: Span) -> None:
    """The first clause of a name is the value; a repeated one is kept for the checker (as ``parser._clauses``)."""
    if name in fields:
        dups.append((name, span))
    else:
        fields[name] = value
