"""Lark's LALR tables, run fast: the contextual lexer and the shift-reduce loop.

``parser.py`` builds its parser with Lark from ``grammar/tgt.lark`` as usual
(LALR tables, the ``Lower`` transformer); this module only makes running it
cheaper.  Profiling a 10,000-target spec showed Lark's Python bookkeeping, not
the grammar, taking most of the time:

- ``ContextualLexer`` (given to Lark as ``lexer=``, its public hook for a
  custom lexer) keeps the meaning of Lark's contextual lexer: the terminals
  are the grammar's own, each parser state matches only the terminals it
  accepts, in Lark's order of preference (priority, longest, name), and a
  keyword that is also a ``NAME`` is matched as a ``NAME`` and recognised by
  its text, so a keyword can still be a name where only a name fits.  What
  it drops: ignored text (spaces, comments) is skipped in the same regex
  match as the token after it instead of token by token, and lines are
  counted with ``str.count`` over the gap.
- ``Runner`` is Lark's shift-reduce loop (``ParserState.feed_token``) over
  Lark's own table and callbacks, with the table compiled once so a step is
  one dict lookup, and the pass-through reductions of ``?rule``s (``expr ->
  term -> factor -> atom``: half of all reductions) done without a call.
  It reads three Lark internals (the parse table, its callbacks and
  ``Shift``); ``runner()`` returns None when they are not there, and the
  parser then calls ``Lark.parse`` as before.

Errors are Lark's exceptions with Lark's fields, raised where Lark raises
them.  ``tests/test_properties.py`` parses random and mutated specs through
both paths and requires the same trees, spans and diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NoReturn

from lark.exceptions import UnexpectedCharacters, UnexpectedToken
from lark.lexer import Lexer, PatternStr, Token

_new_token = str.__new__


class _StateLexer:
    """The terminals of one parser state: one compiled alternation and its keyword tables."""

    __slots__ = ("allowed", "alternation", "keywords", "match", "scan")

    def __init__(self, terminals: list[Any], flags: int, skip: str = "") -> None:
        strings = [t for t in terminals if isinstance(t.pattern, PatternStr)]
        patterns = [t for t in terminals if not isinstance(t.pattern, PatternStr)]
        absorbed: set[str] = set()
        # Lark's rule (lexer._create_unless): a string a same-priority pattern matches
        # whole (`by` for NAME) is matched by the pattern, then recognised by its text
        self.keywords: dict[str, dict[str, str]] = {}
        for pat in patterns:
            compiled = re.compile(pat.pattern.to_regexp(), flags)
            whole = [s for s in strings if s.priority == pat.priority and compiled.fullmatch(s.pattern.value)]
            if whole:
                self.keywords[pat.name] = {s.pattern.value: s.name for s in whole}
                absorbed.update(s.name for s in whole if s.pattern.flags <= pat.pattern.flags)
        kept = [t for t in terminals if t.name not in absorbed]
        self.allowed = {t.name for t in kept}
        self.alternation = alternation = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in kept)
        self.match = re.compile(alternation, flags).match if kept else (lambda *a: None)
        # the ignored text and the next token in one match: `*+` takes all the ignored text and never
        # gives any back, so the token found is the one `match` finds where the skip ends
        self.scan = re.compile(f"(?:{skip})*+(?:{alternation})", flags).match if kept and skip else self.match


class ContextualLexer(Lexer):
    """Lark's contextual lexer with its per-token overhead removed (see the module docstring)."""

    __future_interface__ = 2

    def __init__(self, conf: Any) -> None:
        self.flags = conf.g_regex_flags
        ignore = set(conf.ignore)
        self.terminals = sorted((t for t in conf.terminals if t.name not in ignore),
                                key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name))
        self.skipped = "|".join(t.pattern.to_regexp() for t in conf.terminals if t.name in ignore)
        self.skip = re.compile(f"(?:{self.skipped})*" if self.skipped else "", self.flags).match
        self.by_state: dict[Any, _StateLexer] = {}
        self.by_accepts: dict[frozenset[str], _StateLexer] = {}
        self.root = _StateLexer(self.terminals, self.flags)

    def for_state(self, state: Any, table: dict[Any, dict[str, Any]]) -> _StateLexer:
        row = table[state]
        accepts = frozenset(t.name for t in self.terminals if t.name in row)
        lexer = self.by_accepts.get(accepts)
        if lexer is None:
            lexer = self.by_accepts[accepts] = _StateLexer([t for t in self.terminals if t.name in accepts], self.flags, self.skipped)
        self.by_state[state] = lexer
        return lexer

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        source = lexer_state.text  # a lark.utils.TextSlice (lark >= 1.2.2) or the text itself
        text, pos, end = (source, 0, len(source)) if isinstance(source, str) else (source.text, source.start, source.end)
        skip, by_state, table = self.skip, self.by_state, parser_state.parse_conf.states
        stack = parser_state.state_stack
        new_token = _new_token
        line = text.count("\n", 0, pos) + 1
        line_start = text.rfind("\n", 0, pos) + 1
        last = None
        while True:
            state = stack[-1]
            lexer = by_state.get(state) or self.for_state(state, table)
            m = lexer.scan(text, pos, end)  # the ignored text, then a token (the usual case: one match)
            if m is None:  # the end, or no token fits: skip the ignored text alone and look again
                gap = skip(text, pos, end).end()  # type: ignore[union-attr]  # (?:…)* always matches
                if gap != pos:
                    breaks = text.count("\n", pos, gap)
                    if breaks:
                        line += breaks
                        line_start = text.rfind("\n", pos, gap) + 1
                    pos = gap
                if pos >= end:
                    return
                m = lexer.match(text, pos, end)
                if m is None:
                    self.fail(lexer, text, pos, end, line, pos - line_start + 1, parser_state, last)
            kind: str = m.lastgroup  # type: ignore[assignment]  # each alternative is a named group
            start, after = m.span(kind)
            if start != pos:  # ignored text before the token
                breaks = text.count("\n", pos, start)
                if breaks:
                    line += breaks
                    line_start = text.rfind("\n", pos, start) + 1
                pos = start
            value = text[pos:after]
            words = lexer.keywords.get(kind)
            if words is not None:
                kind = words.get(value, kind)
            # Token(...) checks its arguments on every call; here every field is known
            last = new_token(Token, value)
            column = pos - line_start + 1
            last.type, last.value, last.start_pos, last.line, last.column = kind, value, pos, line, column
            last.end_line, last.end_column, last.end_pos = line, column + after - pos, after
            if "\n" in value:  # no terminal of tgt.lark spans lines; kept right for any grammar
                line += value.count("\n")
                line_start = text.rfind("\n", pos, after) + 1
                last.end_line, last.end_column = line, after - line_start + 1
            pos = after
            yield last

    def fail(self, lexer: _StateLexer, text: str, pos: int, end: int, line: int, column: int,
             parser_state: Any, last: Token | None) -> NoReturn:
        """Raise as Lark's contextual lexer does: a known token in the wrong place, or no token at all."""
        allowed = lexer.allowed or {"<END-OF-FILE>"}
        m = self.root.match(text, pos, end)
        if m is None:
            raise UnexpectedCharacters(text, pos, line, column, allowed=allowed, state=parser_state,  # type: ignore[no-untyped-call]
                                       token_history=last and [last])
        kind = m.lastgroup
        words = self.root.keywords.get(kind)  # type: ignore[arg-type]
        value = m.group()
        if words is not None:
            kind = words.get(value, kind)
        token = _token(kind, value, pos, line, column, m.end())  # type: ignore[arg-type]
        raise UnexpectedToken(token, allowed, state=parser_state, token_history=[last])  # type: ignore[no-untyped-call]


def _token(kind: str, value: str, pos: int, line: int, column: int, end: int) -> Token:
    # Token(...) checks its arguments on every call; the fields are all known here
    t = _new_token(Token, value)
    t.type, t.value, t.start_pos, t.line, t.column = kind, value, pos, line, column
    t.end_line, t.end_column, t.end_pos = line, column + (end - pos), end
    return t


class _ParseConf:
    __slots__ = ("states",)

    def __init__(self, states: dict[Any, dict[str, Any]]) -> None:
        self.states = states


class _ParserState:
    """What the lexer reads of the parser: the state stack and the table (Lark's ``ParserState`` names)."""

    __slots__ = ("parse_conf", "state_stack")

    def __init__(self, stack: list[Any], states: dict[Any, dict[str, Any]]) -> None:
        self.state_stack, self.parse_conf = stack, _ParseConf(states)

    @property
    def position(self) -> Any:
        return self.state_stack[-1]


class _TextState:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Runner:
    """Lark's parse table and callbacks, compiled for ``parse``."""

    def __init__(self, lexer: ContextualLexer, table: Any, callbacks: dict[Any, Any], shift: Any, unit: type, start: str) -> None:
        self.lexer = lexer
        self.states = table.states
        self.start, self.end = table.start_states[start], table.end_states[start]
        # state -> symbol -> next state (shift, goto) | (callback or None for a pass-through, size, rule name)
        self.actions: dict[Any, dict[str, Any]] = {}
        for state, row in table.states.items():
            compiled: dict[str, Any] = {}
            for symbol, (action, arg) in row.items():
                if action is shift:
                    compiled[symbol] = arg
                else:
                    callback = callbacks[arg]
                    passes = type(callback) is unit and len(arg.expansion) == 1  # ExpandSingleChild of one child: the child
                    compiled[symbol] = (None if passes else callback, len(arg.expansion), arg.origin.name)
            self.actions[state] = compiled

    def parse(self, text: str) -> Any:
        actions, end = self.actions, self.end
        stack: list[Any] = [self.start]
        values: list[Any] = []
        state = _ParserState(stack, self.states)
        token = None
        for token in self.lexer.lex(_TextState(text), state):
            kind = token.type
            while True:
                act = actions[stack[-1]].get(kind)
                if act is None:
                    raise self.unexpected(token, stack, state)
                if type(act) is int:
                    stack.append(act)
                    values.append(token)
                    break
                callback, size, origin = act
                if callback is None:  # a pass-through: the value stays, only the state changes
                    stack.pop()
                else:
                    children = values[-size:] if size else []
                    if size:
                        del stack[-size:]
                        del values[-size:]
                    values.append(callback(children))
                stack.append(actions[stack[-1]][origin])
        token = Token.new_borrow_pos("$END", "", token) if token is not None else Token("$END", "", 0, 1, 1)
        # the reduce step below repeats the one in the token loop on purpose: a method call per
        # reduction would cost more than the loop's own work on a large spec (docs/performance.md)
        while True:
            act = actions[stack[-1]].get("$END")
            if act is None or type(act) is int:
                raise self.unexpected(token, stack, state)
            callback, size, origin = act
            if callback is None:
                stack.pop()
            else:
                children = values[-size:] if size else []
                if size:
                    del stack[-size:]
                    del values[-size:]
                values.append(callback(children))
            stack.append(actions[stack[-1]][origin])
            if stack[-1] == end:
                return values[-1]

    def unexpected(self, token: Token, stack: list[Any], state: _ParserState) -> UnexpectedToken:
        expected = {s for s in self.states[stack[-1]] if s.isupper()}
        return UnexpectedToken(token, expected, state=state)  # type: ignore[no-untyped-call]


def runner(lark: Any, start: str = "start") -> Runner | None:
    """The fast loop for a Lark LALR parser built with ``ContextualLexer``; None if Lark's internals differ."""
    try:
        from lark.parse_tree_builder import ExpandSingleChild
        from lark.parsers.lalr_analysis import Shift

        frontend = lark.parser
        core = frontend.parser.parser
        if not isinstance(frontend.lexer, ContextualLexer):
            return None
        return Runner(frontend.lexer, core.parse_table, core.callbacks, Shift, ExpandSingleChild, start)
    except (ImportError, AttributeError, KeyError, TypeError):
        return None
