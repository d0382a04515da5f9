"""Digits tgtcheck reads: ASCII ``0-9`` and full-width ``０-９``, nothing else.

Python's ``int()``, ``Decimal()`` and regular expressions' ``\\d`` accept
the decimal digits of every script, so ``H1৪`` (BENGALI DIGIT FOUR, which
looks like 8) would be read as H14.  Whatever reads a number or a year from
text the user wrote (data keys and values, command-line years) asks
``foreign_digit`` first and refuses the text with the character named.
"""

from __future__ import annotations

import unicodedata

_READ = frozenset("0123456789０１２３４５６７８９")


def foreign_digit(text: str) -> str | None:
    """The first digit in ``text`` that is neither ASCII nor full-width (``৪``, ``²``, ``①``), or None."""
    if text.isascii():
        return None
    for ch in text:
        if ch.isdigit() and ch not in _READ:
            return ch
    return None


def named(ch: str) -> str:
    """``U+09EA BENGALI DIGIT FOUR``: a character as a message names it."""
    name = unicodedata.name(ch, "") or _CONTROLS.get(ord(ch)) or ("CONTROL CHARACTER" if unicodedata.category(ch) == "Cc" else "UNNAMED CHARACTER")
    return f"U+{ord(ch):04X} {name}"


_CONTROLS = {0x00: "NULL (NUL)", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "TAB", 0x0A: "LINE FEED", 0x0B: "LINE TABULATION",
             0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE"}


def refusal(text: str) -> str | None:
    """Why ``text`` cannot be read as a number or a year (a foreign digit), or None."""
    ch = foreign_digit(text)
    if ch is None:
        return None
    shown = text if len(text) <= 40 else text[:40] + "…"
    return f"'{shown}' contains {named(ch)} ('{ch}'); only the digits 0-9 (or full-width ０-９) are read as numbers and years"


HELP = "retype the digit as 0-9: a digit of another script can look like a different one"
