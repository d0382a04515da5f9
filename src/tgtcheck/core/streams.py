"""Standard output that survives any encoding and a reader that stops reading.

Two things the command line must not do: stop with a traceback because the
console cannot show a character (a Japanese Windows console is CP932, where
"15–20"'s en dash does not exist; ``PYTHONIOENCODING=ascii``), and exit 0
because the reader of a pipe went away (``tgtcheck run | head`` must still
exit 1 when a target is behind, for ``set -o pipefail``).

- ``tolerant()`` sets an error handler on stdout and stderr: a character the
  encoding lacks becomes its nearest neighbour there (– as -, ≥ as >=, ◌ as
  ○ in CP932 or o in ASCII), else ``?``.  UTF-8 streams are left alone but
  for lone surrogates, which no UTF-8 stream can hold.
- ``PipeAware`` wraps stdout: once a write fails with a broken pipe it
  writes nowhere, so the command goes on to its end and returns the exit
  code its verdicts give.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from typing import BinaryIO, TextIO

HANDLER = "tgtcheck.substitute"

# a character -> what may stand for it, best first; the first the encoding has is used
_NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "–": ("-",), "—": ("―", "-"), "‐": ("-",), "‑": ("-",), "−": ("－", "-"), "―": ("-",),
    "≥": (">=",), "≤": ("<=",), "≠": ("!=",), "±": ("+/-",), "×": ("x",), "÷": ("/",), "→": ("->",), "←": ("<-",),
    "…": ("...",), "‘": ("'",), "’": ("'",), "“": ('"',), "”": ('"',), "「": ('"',), "」": ('"',),
    "◌": ("○", "o"), "○": ("o",), "●": ("*",), "◎": ("○", "o"), "△": ("^",), "▲": ("^",), "▼": ("v",),
    "✓": ("○", "v"), "✗": ("×", "x"), "■": ("#",), "□": ("[ ]",), "·": ("・", "."), "・": (".",),
    "％": ("%",), "＋": ("+",), "～": ("〜", "~"), "〜": ("~",), "　": (" ",), "※": ("*",), "年": ("y",),
    "\u00a0": (" ",),
}


def _substitute(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start:exc.end]:
        out.append(_neighbour(ch, exc.encoding))
    return "".join(out), exc.end


def _neighbour(ch: str, encoding: str) -> str:
    for candidate in _NEIGHBOURS.get(ch, ()):
        try:
            candidate.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            continue
        return candidate
    return "?"


codecs.register_error(HANDLER, _substitute)


def tolerant() -> None:
    """stdout and stderr replace what their encoding cannot hold instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            try:
                stream.reconfigure(errors=HANDLER)
            except (ValueError, OSError):  # closed, or written to already in a way that forbids it
                pass


class PipeAware(io.TextIOBase):
    """stdout that turns a broken pipe into silence (and remembers it), so the command still returns its code."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.broken = False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.stream, "encoding", "utf-8"))

    def write(self, s: str) -> int:
        if not self.broken:
            try:
                return self.stream.write(s)
            except BrokenPipeError:
                self.closed_by_reader()
        return len(s)

    def flush(self) -> None:
        if not self.broken:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self.closed_by_reader()

    def closed_by_reader(self) -> None:
        self.broken = True
        try:  # Python's own flush at exit would fail again on the pipe ("Exception ignored", exit 120)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass

    @property
    def buffer(self) -> BinaryIO:
        """The byte stream below, for writers of bytes (the language server's protocol): not guarded."""
        return self.stream.buffer

    def isatty(self) -> bool:
        return bool(self.stream.isatty())

    def fileno(self) -> int:
        return int(self.stream.fileno())

    def writable(self) -> bool:
        return True
