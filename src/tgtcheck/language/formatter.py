"""A spec in one canonical layout, with every comment kept: `tgtcheck fmt`.

The layout is the one spec/policy_6_2.tgt is written in: a declaration's
first line (``policy "6-2" "…"``, ``indicator x "…"``, ``constant x = 60``,
``target "6-2-1" "…"``), then each clause on its own line indented by two
spaces, a target's condition and schedule together on its second line.
Clauses come in a fixed order (base, due, data, goal, method, judge, years;
unit, better, note; a target's base, method, better, judge, then its recorded
judgements, each on its own line, in the order written).
Declarations are separated by one blank line, except that a run of
indicators (or of constants) is a table: there a blank line is kept where
the author left one, to group rows.  Expressions, conditions and years are
written by ``printer`` (the one tree-to-text path), so numbers and years
keep their text as written (``1,000``, ``H18``) in ASCII, operators are
ASCII (``≧`` becomes ``>=``) and strings are ``"…"`` unless they contain a
double quote.  The output is LF-terminated text, written as UTF-8 without a
byte order mark.

Comments are not in the tree; the parser collects them with positions, and
the formatter puts each one back next to the tokens it was next to (as gofmt
and sqlglot do, by position):
- a comment after code on its line stays at the end of the output line that
  holds the token before it (when several land on one line, all but the last
  move just above it, so none is merged into another);
- a comment on its own line stays above the output line that holds the token
  after it, indented like that line; at the end of the file it stays last.
Blank lines around comments between declarations are kept (at most one).

The formatter never changes meaning: ``parse(fmt(x)) == parse(x)`` and
``fmt(fmt(x)) == fmt(x)``.  A file the tree cannot reproduce exactly (a
clause given twice) is refused with a diagnostic rather than silently
shortened.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

from ..core.diagnostics import DUPLICATE_CLAUSE, Diagnostic, Location, Severity
from .nodes import Comment, Constant, Declaration, Indicator, Policy, Scale, Spec, Target, Year
from .printer import condition_text, each_text, expr_text, grade_text, judgement_text, schedule_text, string_text, year_text

INDENT = "  "
POLICY_CLAUSES = ("base", "due", "data", "goal", "method", "judge", "years", "rated", "rollup")
INDICATOR_CLAUSES = ("unit", "better", "note")
TARGET_CLAUSES = ("base", "method", "better", "judge", "main")

# Tokens of the (already parsed, full-width-mapped) text, for their positions only.
_TOKEN = re.compile(
    r'"[^"\n]*"?|「[^」\n]*」?|#[^\n]*'
    r"|(?:[MTSHRmtshr]|明治|大正|昭和|平成|令和)(?:[0-9]+|元)(?:年度)?(?![A-Za-z0-9_])|[0-9]+年度(?![A-Za-z0-9_])"  # a year is one token
    r"|[MTSHR]元|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![A-Za-z0-9_])|\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*"
    r"|>=|<=|==|!=|\+-|\S"
)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Line:
    """One output line of a declaration, and where its first token is in the source (-1: no source)."""

    text: str
    indent: str
    start: int


@dataclass(frozen=True, slots=True)
class Block:
    """A declaration's lines, in output order (the first line is always the first in the source too)."""

    kind: str
    lines: tuple[Line, ...]
    start: int


# -- public API ----------------------------------------------------------------------
def format_spec(spec: Spec, source: str | None = None) -> str:
    """The canonical text of ``spec``; ``source`` (the text it was parsed from) brings back comments."""
    if source is None:
        blocks = [_block(d, None) for d in (spec.policy, *spec.declarations)]
        return _render_plain(blocks)
    return _Placement(spec, source).render()


def format_text(text: str, filename: str = "<spec>") -> tuple[str | None, list[Diagnostic]]:
    """Parse and format decoded spec text: (canonical text, []) or (None, diagnostics)."""
    from .parser import parse

    spec, diags = parse(text, filename)
    if spec is None or any(d.is_error for d in diags):
        return None, diags
    problems = lossy(spec, filename)
    if problems:
        return None, problems
    return format_spec(spec, text), []


def format_bytes(raw: bytes, filename: str = "<spec>") -> tuple[str | None, list[Diagnostic]]:
    """Decode (UTF-8, BOM and CRLF accepted) and format the bytes of a spec file."""
    from ..core.sources import decode

    text, problem = decode(raw, filename)
    if text is None:
        return None, [problem] if problem else []
    return format_text(text, filename)


def tokens(lexed: str) -> list[Token]:
    """The tokens of parser-normalized text, comments left out."""
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(lexed) if not m.group().startswith("#")]


def lossy(spec: Spec, filename: str) -> list[Diagnostic]:
    """What the tree does not keep of the text, so formatting would delete it: a clause given twice."""
    return [Diagnostic(DUPLICATE_CLAUSE.code, Severity.ERROR, f"`{clause}` is given twice; fmt keeps one of each clause, so remove the other first",
                       Location(filename, span), "remove one of them") for clause, span in spec.duplicates]


# -- declarations to lines -----------------------------------------------------------
def _block(d: Policy | Declaration, toks: list[Token] | None) -> Block:
    if isinstance(d, Policy):
        values = {"base": _year(d.base), "due": _year(d.due), "data": _quoted(d.data),
                  "goal": _quoted(d.goal), "method": d.method, "judge": d.judge, "years": d.years,
                  "rated": None if d.rated is None else f"on {d.rated}", "rollup": d.rollup}
        head = f"policy {string_text(d.id)} {string_text(d.title)}"
        return _with_clauses("policy", head, POLICY_CLAUSES, values, toks, 3)
    if isinstance(d, Indicator):
        head = f"indicator {d.id} {string_text(d.label)}"
        values = {"unit": _quoted(d.unit), "better": d.better, "note": _quoted(d.note)}
        return _with_clauses("indicator", head, INDICATOR_CLAUSES, values, toks, 3)
    if isinstance(d, Constant):
        lines = [Line(f"constant {d.id} = {expr_text(d.value)}", "", _at(toks, 0))]
        if d.note is not None:
            lines.append(Line(f"note {string_text(d.note)}", INDENT, _at(toks, -2)))
        return Block("constant", tuple(lines), lines[0].start)
    if isinstance(d, Scale):
        return _scale(d, toks)
    return _target(d, toks)


def _scale(s: Scale, toks: list[Token] | None) -> Block:
    """The scale's head, then a line per grade: `grade B "概ね達成" "mostly met" when achievement >= 80% and < 100% score 2`."""
    lines = [Line(f"scale {s.id} {string_text(s.ja)} {string_text(s.en)}", "", _at(toks, 0))]
    lines += [Line(grade_text(g), INDENT, g.span.start_pos if toks else -1) for g in s.grades]
    return Block("scale", tuple(lines), lines[0].start)


def _target(t: Target, toks: list[Token] | None) -> Block:
    head = f"target {string_text(t.id)} {string_text(t.title)}"
    cond = condition_text(t.condition) + (f" {schedule_text(t.schedule)}" if t.schedule is not None else "")
    values = {"base": _year(t.base), "method": t.method, "better": t.better, "judge": t.judge, "main": "" if t.main else None}
    judged: list[Line] = []
    if t.judgements:  # a recorded judgement is eight tokens: the two-token clauses are read without them
        inside = [(j.span.start_pos, j.span.end_pos) for j in t.judgements]
        judged = [Line(judgement_text(j), INDENT, j.span.start_pos if toks else -1) for j in t.judgements]
        if toks is not None:
            toks = [tok for tok in toks if not any(a <= tok.start < b for a, b in inside)]
    clauses = sum(v is not None for v in values.values())
    each_start = -1
    if t.each is not None and toks:  # `for each region` is 3 tokens, not a clause's 2: set apart, placed by its own start
        each_tokens = [tk for tk in toks if t.each.span.start_pos <= tk.start < t.each.span.end_pos]
        each_start = each_tokens[0].start if each_tokens else -1
        toks = [tk for tk in toks if tk not in each_tokens]
    after = (t.schedule or t.condition).span.end_pos  # the clauses' tokens follow the condition and schedule
    first = len(toks) - 2 * clauses if toks else 0
    if toks and after:
        first = next((i for i, tok in enumerate(toks) if tok.start >= after), len(toks))
    block = _with_clauses("target", head, TARGET_CLAUSES, values, toks, first)
    lines = list(block.lines)
    lines.insert(1, Line(cond, INDENT, _at(toks, 3)))
    if t.each is not None:
        lines.insert(2, Line(each_text(t.each), INDENT, each_start))
    return Block("target", (*lines, *judged), block.start)


def _with_clauses(kind: str, head: str, order: tuple[str, ...], values: dict[str, str | None],
                  toks: list[Token] | None, first_clause: int) -> Block:
    """A head line, then one line per clause in ``order``; a clause is its keyword and its value (`rated on X`: two
    words; `main`, `主要`: none, written `main`)."""
    starts: dict[str, int] = {}
    if toks is not None:
        for tok in toks[first_clause:]:
            name = "main" if tok.text in ("主", "主要") else tok.text  # 主要 is two tokens here
            if name in order and name not in starts:
                starts[name] = tok.start
    lines = [Line(head, "", _at(toks, 0))]
    lines += [Line(f"{name} {values[name]}".rstrip(), INDENT, starts.get(name, -1)) for name in order if values[name] is not None]
    return Block(kind, tuple(lines), lines[0].start)


def _year(y: Year | None) -> str | None:
    return None if y is None else year_text(y)


def _quoted(text: str | None) -> str | None:
    return None if text is None else string_text(text)


def _at(toks: list[Token] | None, i: int) -> int:
    return toks[i].start if toks else -1


def _separated(prev: Block, block: Block) -> bool:
    """Whether a blank line must come before ``block``: everywhere but inside a run of indicators or constants."""
    return not (block.kind == prev.kind and block.kind in ("indicator", "constant"))


def _render_plain(blocks: list[Block]) -> str:
    out: list[str] = []
    for i, block in enumerate(blocks):
        if i and _separated(blocks[i - 1], block):
            out.append("")
        out.extend(line.indent + line.text for line in block.lines)
    return "\n".join(out) + "\n"


# -- comments back in place ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Note:
    """A comment as it will be written, with its source position."""

    text: str
    start: int
    end: int


class _Placement:
    """Where each comment of a parsed spec goes among the output lines."""

    def __init__(self, spec: Spec, source: str) -> None:
        from .lexical import normalize

        self.source = source
        self.toks = tokens(normalize(source)[0])
        self.tok_starts = [t.start for t in self.toks]
        self.tok_ends = [t.end for t in self.toks]
        decls = (spec.policy, *spec.declarations)
        bounds = [d.span.start_pos for d in decls] + [len(source)]
        self.blocks = [_block(d, self.toks[bisect.bisect_left(self.tok_starts, bounds[i]):bisect.bisect_left(self.tok_starts, bounds[i + 1])])
                       for i, d in enumerate(decls)]
        index = sorted((line.start, b, n) for b, block in enumerate(self.blocks) for n, line in enumerate(block.lines))
        self.line_starts = [s for s, _, _ in index]
        self.line_keys = [(b, n) for _, b, n in index]
        self.leading: dict[tuple[int, int], list[_Note]] = defaultdict(list)
        self.trailing: dict[tuple[int, int], list[_Note]] = defaultdict(list)
        self.at_end: list[_Note] = []
        for c in spec.comments:
            self.place(c)

    def line_of(self, pos: int) -> tuple[int, int]:
        return self.line_keys[max(0, bisect.bisect_right(self.line_starts, pos) - 1)]

    def place(self, c: Comment) -> None:
        text = c.text.rstrip()
        note = _Note("#" + text[1:] if text.startswith("＃") else text, c.span.start_pos, c.span.end_pos)
        line_begin = self.source.rfind("\n", 0, note.start) + 1
        if self.source[line_begin:note.start].strip():  # after code on its line
            k = bisect.bisect_right(self.tok_ends, note.start) - 1
            self.trailing[self.line_of(self.toks[max(k, 0)].start)].append(note)
            return
        k = bisect.bisect_left(self.tok_starts, note.end)
        if k == len(self.toks):
            self.at_end.append(note)
        else:
            self.leading[self.line_of(self.toks[k].start)].append(note)

    def blank(self, start: int, end: int) -> bool:
        """Whether the source has an empty line between two positions."""
        return self.source.count("\n", start, end) >= 2

    def token_end_before(self, pos: int) -> int:
        k = bisect.bisect_left(self.tok_starts, pos) - 1
        return self.tok_ends[k] if k >= 0 else 0

    def render(self) -> str:
        out: list[str] = []
        for b, block in enumerate(self.blocks):
            for n, line in enumerate(block.lines):
                trailing = self.trailing.get((b, n), [])
                above = sorted(self.leading.get((b, n), []), key=lambda x: x.start) + trailing[:-1]
                if n == 0:
                    self.head(out, b, above)
                else:
                    out.extend(line.indent + c.text for c in above)
                out.append(line.indent + line.text + (f"  {trailing[-1].text}" if trailing else ""))
        if self.at_end:
            prev = self.token_end_before(self.at_end[0].start)
            for c in self.at_end:
                if self.blank(prev, c.start):
                    out.append("")
                out.append(c.text)
                prev = c.end
        return "\n".join(out) + "\n"

    def head(self, out: list[str], b: int, above: list[_Note]) -> None:
        """The blank line before a declaration and the comments above it, keeping the author's blank lines between them."""
        block = self.blocks[b]
        gap = [c for c in above if c.start < block.start]
        first = gap[0].start if gap else block.start
        if b and (_separated(self.blocks[b - 1], block) or self.blank(self.token_end_before(first), first)):
            out.append("")
        for i, c in enumerate(above):
            out.append(c.text)
            if i + 1 < len(gap):
                following: int | None = gap[i + 1].start
            else:  # the last comment before the declaration keeps its blank line unless more comments come
                following = block.start if i + 1 == len(gap) == len(above) else None
            if following is not None and self.blank(c.end, following):
                out.append("")
