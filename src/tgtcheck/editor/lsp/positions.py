"""Positions between tgtcheck and LSP.

tgtcheck counts lines and columns from 1, columns in characters (code
points), as Lark does.  LSP counts from 0, and columns in the code units of
the negotiated position encoding: UTF-16 unless client and server agree on
another (LSP 3.17 ``general.positionEncodings``).  Japanese text is in the
Basic Multilingual Plane, so characters and UTF-16 units usually agree; a
character outside it (an emoji, a rare kanji such as 𠮷) is two UTF-16 units,
and every column after it on the line shifts.

Lines are split on "\\n" only, as the parser counts them; a "\\r" before it
is part of no column that matters.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.diagnostics import LineStarts, Span

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(ch: str, encoding: str = UTF16) -> int:
    """Code units of one character in the encoding."""
    if encoding == UTF32:
        return 1
    if encoding == UTF8:
        return len(ch.encode("utf-8"))
    return 2 if ord(ch) > 0xFFFF else 1


@dataclass(frozen=True, slots=True)
class Lines:
    """A document's text, split as the parser counts lines, with offset lookups."""

    text: str
    starts: tuple[int, ...]  # offset of each line's first character

    @classmethod
    def of(cls, text: str) -> Lines:
        return cls(text, tuple(LineStarts(text).starts()[:-1]))  # the parser's line table, without its end

    def line(self, index: int) -> str:
        """Line ``index`` (0-based) without its line break."""
        if not 0 <= index < len(self.starts):
            return ""
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[index] : end]

    def to_client(self, line: int, char: int, encoding: str = UTF16) -> tuple[int, int]:
        """0-based line and character column -> 0-based line and column in code units."""
        text = self.line(line)
        return line, sum(units(c, encoding) for c in text[:char])

    def from_client(self, line: int, column: int, encoding: str = UTF16) -> tuple[int, int]:
        """0-based line and column in code units -> 0-based line and character column.

        A column inside a surrogate pair or past the line's end is clamped.
        """
        text = self.line(line)
        seen = 0
        for i, c in enumerate(text):
            if seen >= column:
                return line, i
            seen += units(c, encoding)
        return line, len(text)

    def offset(self, line: int, char: int) -> int:
        """Offset in the text of a 0-based line and character column."""
        if line >= len(self.starts):
            return len(self.text)
        return min(self.starts[max(line, 0)] + char, len(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """0-based line and character column of an offset."""
        import bisect

        line = bisect.bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]


def span_range(span: Span | None, lines: Lines, encoding: str = UTF16) -> tuple[tuple[int, int], tuple[int, int]]:
    """A tgtcheck span to ((line, col), (line, col)) in client units; no span is the file's start.

    An empty span is widened to the character it points at, so an editor can show it.
    """
    if span is None or span.line <= 0:
        return (0, 0), (0, 0)
    start = (span.line - 1, max(span.column - 1, 0))
    end = (span.end_line - 1, max(span.end_column - 1, 0)) if span.end_line > 0 else start
    if end <= start:
        end = (start[0], min(start[1] + 1, len(lines.line(start[0]))))
    return lines.to_client(*start, encoding), lines.to_client(*end, encoding)
