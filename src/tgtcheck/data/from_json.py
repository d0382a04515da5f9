"""JSON data files to a plain tree: exact numbers, duplicate keys found, positions on demand.

Shape and reasons:
- ``json.loads`` (the C scanner) with ``parse_float=Decimal`` and
  ``parse_constant`` keeps every number exact and turns ``NaN``/``Infinity``
  into non-finite ``Decimal`` values the builder reports (TGT305).
- ``object_pairs_hook`` sees every object's pairs, so a key given twice is
  noticed (the plain ``dict`` would keep the last silently); the first value
  is kept, as in YAML, and the duplicate is reported with both lines.
- The standard library gives no positions for a parsed JSON value.  The
  happy path needs none, so ``JsonPositions`` finds a path's line only when
  a message is being written: it searches the text for the path's keys in
  order (``"indicators"``, then ``"patents"`` after it, …).  This is cheap
  and right for any file a person or a tool writes; a key spelled with
  ``\\u`` escapes is simply reported without a line.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..core.diagnostics import CODES, DATA_SYNTAX, DUPLICATE_KEY, Diagnostic, Location, Severity, Span
from .tree import Oversized, Path, Tree, dotted

_CONSTANTS = {"NaN": "NaN", "Infinity": "Infinity", "-Infinity": "-Infinity"}
MAX_SEARCHES = 500  # text searches for positions per file; see JsonPositions.find_key


def parse_json(text: str, file: str) -> tuple[Tree, JsonPositions | None, list[Diagnostic]]:
    """The tree of a JSON data file, where its keys are, and what is wrong with it."""
    import json

    positions = JsonPositions(text)
    if not text.strip():
        return None, positions, []
    duplicated: list[tuple[dict[str, Any], list[str]]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        d = dict(items)
        if len(d) == len(items):
            return d
        first: dict[str, Any] = {}
        again: list[str] = []
        for k, v in items:
            if k in first:
                again.append(k)
            else:
                first[k] = v
        duplicated.append((first, again))
        return first

    constant = lambda s: Decimal(_CONSTANTS[s])  # noqa: E731
    try:
        try:
            tree = json.loads(text, parse_float=_decimal, parse_constant=constant, object_pairs_hook=pairs)
        except ValueError as exc:  # an integer of more than 4,300 digits: again, reading integers in Python (slower)
            if isinstance(exc, json.JSONDecodeError):
                raise
            duplicated.clear()
            tree = json.loads(text, parse_float=_decimal, parse_int=_integer, parse_constant=constant, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        span = Span(exc.lineno, exc.colno, exc.lineno, exc.colno + 1, exc.pos, exc.pos + 1)
        return None, None, [Diagnostic(DATA_SYNTAX.code, Severity.ERROR, f"JSON syntax error: {exc.msg}", Location(file, span),
                                       DATA_SYNTAX.fix)]
    except RecursionError:
        return None, None, [Diagnostic("TGT309", Severity.ERROR, "the data is nested too deeply", Location(file), CODES["TGT309"].fix)]
    if "\\u" in text and _SURROGATE_ESCAPE.search(text):
        surrogates = _lone_surrogates(tree, file, positions)
        if surrogates:  # not built: every later message would carry the half character (SARIF hashes it as UTF-8)
            return None, None, surrogates
    paths = _paths_of(tree, [d for d, _ in duplicated]) if duplicated else {}
    diags = [positions.duplicate(file, paths[id(d)], key) for d, keys in duplicated if id(d) in paths for key in keys]
    return tree, positions, diags


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_REPORTED = 100


def _lone_surrogates(tree: Any, file: str, positions: JsonPositions) -> list[Diagnostic]:
    """TGT301 for each text (key or value) with half of a UTF-16 pair (``"\\ud800"``): JSON allows it, UTF-8 cannot hold it."""
    out: list[Diagnostic] = []
    stack: list[tuple[Any, Path]] = [(tree, ())]
    while stack and len(out) < MAX_REPORTED:
        node, path = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for k, v in items:
            key = str(k)
            texts = [key, v] if isinstance(v, str) else [key]
            bad = next((m for t in texts if (m := _SURROGATE.search(t))), None)
            if bad is not None:
                shown = tuple(p.encode("utf-8", "backslashreplace").decode("utf-8") for p in (*path, key))
                half = bad.group(0).encode("utf-8", "backslashreplace").decode("ascii")
                out.append(Diagnostic(
                    "TGT301", Severity.ERROR, f"the text at {dotted(shown)} has {half}, half of a UTF-16 surrogate pair, which is no character",
                    Location(file, positions.span(path if bad.string is key else (*path, key)) if path else None, dotted(shown)),
                    "remove the \\u escape or write the whole character (two escapes, \\ud83d\\ude00, or the character itself)"))
            if isinstance(v, (dict, list)):
                stack.append((v, (*path, key)))
    return out


def _paths_of(tree: Any, targets: list[dict[str, Any]]) -> dict[int, Path]:
    """The data paths of the objects ``targets`` in ``tree``: one walk, no recursion (error path only)."""
    wanted = {id(t) for t in targets}
    found: dict[int, Path] = {}
    stack: list[tuple[Any, Path]] = [(tree, ())]
    while stack and len(found) < len(wanted):
        node, path = stack.pop()
        if id(node) in wanted:
            found[id(node)] = path
        if isinstance(node, dict):
            stack.extend((v, (*path, k)) for k, v in node.items() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, (*path, str(i))) for i, v in enumerate(node) if isinstance(v, (dict, list)))
    return found


def _decimal(text: str) -> Decimal | Oversized:
    try:
        return Decimal(text)
    except InvalidOperation:  # an exponent beyond what Decimal holds: 1e99999999999999999999
        return Oversized(text)


def _integer(text: str) -> int | Decimal:
    """Short integers as ``int``; long ones as ``Decimal`` (``int()`` refuses 4,300 digits; the builder bounds the size)."""
    return int(text) if len(text) < 19 else Decimal(text)


class JsonPositions:
    """Finds the line of a data path by searching the text for its keys, in order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[Path, re.Match[str] | None] = {}  # searches done, by path
        self.searches = 0

    def spans(self, mapping: dict[str, Any], path: Path, key: bool) -> dict[str, Span] | None:
        return None  # no positions on the happy path: see the module docstring

    def at(self, start: int, end: int) -> Span:
        line = self.text.count("\n", 0, start) + 1
        col = start - self.text.rfind("\n", 0, start)
        end_line = line + self.text.count("\n", start, end)
        end_col = end - self.text.rfind("\n", 0, end)
        return Span(line, col, end_line, end_col, start, end)

    def find_key(self, path: Path, start: int = 0) -> re.Match[str] | None:
        """The match of the last key of ``path``, searching each key after the one before.

        Each search is linear in the text, so only the first ``MAX_SEARCHES``
        paths are searched: later messages (of a file with thousands of errors)
        go without a line rather than take minutes.
        """
        import json

        m = None
        from_start = start == 0
        for i, part in enumerate(path):
            prefix = path[: i + 1]
            if from_start and prefix in self.found:
                m = self.found[prefix]
            elif self.searches >= MAX_SEARCHES:
                return None
            else:
                self.searches += 1
                m = re.compile(re.escape(json.dumps(part, ensure_ascii=False)) + r"\s*:\s*").search(self.text, start)
                if from_start:
                    self.found[prefix] = m
            if m is None:
                return None
            start = m.end()
        return m

    def span(self, path: Path, key: bool = False) -> Span | None:
        if not path:  # the whole document: its first character
            start = len(self.text) - len(self.text.lstrip())
            return self.at(start, start + 1)
        m = self.find_key(path)
        if m is None:
            return self.span(path[:-1], key) if len(path) > 1 else None
        if key:
            return self.at(m.start(), m.start() + len(m.group(0).rstrip().rstrip(":").rstrip()))
        return self.at(m.end(), self.value_end(m.end()))

    def value_end(self, start: int) -> int:
        """Where the (scalar) value starting at ``start`` ends, roughly: for a caret under it."""
        text = self.text
        if text.startswith('"', start):
            m = re.compile(r'"(?:[^"\\\n]|\\.)*"?').match(text, start)
        else:
            m = re.compile(r"[^,}\]\s]*").match(text, start)
        return max(m.end() if m else start + 1, start + 1)

    def duplicate(self, file: str, path: Path, key: str) -> Diagnostic:
        first = self.find_key((*path, key))
        second = self.find_key((key,), first.end()) if first else None
        span1 = self.at(first.start(), first.start() + len(key) + 2) if first else None
        span2 = self.at(second.start(), second.start() + len(key) + 2) if second else None
        lines = f" (lines {span1.line} and {span2.line})" if span1 and span2 else ""
        where = dotted(path) or "the top of the file"
        return Diagnostic(
            DUPLICATE_KEY.code, Severity.ERROR, f"'{key}' is given twice in {where}{lines}",
            Location(file, span2 or span1, dotted((*path, key))),
            "keep one entry: JSON readers would silently keep only one of them",
            (Location(file, span1, dotted((*path, key))),),
        )
