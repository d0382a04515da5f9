"""Japanese fiscal years in every form the language and the data accept.

All forms mean the same thing, a fiscal year (April to March), and are
compared by that meaning: ``H18``, ``平成18年度``, ``H18年度``, ``h18``,
``2006``, ``2006年度`` and ``FY2006`` are one year (``FORMS`` lists them
all, with the year each means, for the docs and the tests).  Digits are
ASCII or full-width (mapped here); the digits of other scripts are not
digits here (``\\d`` and ``int`` would read a Bengali ৪ as 4).
Era years follow the official tables (M1 = 1868, T1 = 1912, S1 = 1926,
H1 = 1989, R1 = 2019); ``元`` is year 1.  Heisei years past the era's end
(H32 and later, common in plans written before 2019) are accepted and mean
the western year they would have been; the caller warns with the Reiwa name.

Pure functions, no I/O: the parser, the data loaders and the renderers all
use this one table.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass

# era letter -> (western year of year 1, last year of the era in that era's count or None)
ERAS: dict[str, tuple[int, int | None]] = {
    "M": (1868, 45),
    "T": (1912, 15),
    "S": (1926, 64),
    "H": (1989, 31),
    "R": (2019, None),
}
ERA_NAMES_JA = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}
MIN_YEAR, MAX_YEAR = 1868, 2200

ERA_LETTERS = {name: letter for letter, name in ERA_NAMES_JA.items()}  # 平成 -> H

# full-width ASCII (！ to ～) to ASCII, one for one
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
# an era year: H18, h18, 平成18, each with 年度 or without; the number may be 元 (year 1)
_ERA_RE = re.compile(r"([MTSHRmtshr]|明治|大正|昭和|平成|令和)([0-9]+|元)(?:年度)?")
# a western year: 2006, FY2006, fy2006, 2006年度
_FY_RE = re.compile(r"(?:FY|fy)?([0-9]{4})|([0-9]{4})年度")
MAX_ERA_DIGITS = 4  # an era year longer than this is no year (and int() stays cheap)

#: every way to write a year, each with the year it means (docs/language.md's table and tests/test_years.py)
FORMS: tuple[tuple[str, int], ...] = (
    ("H14", 2002), ("H14年度", 2002), ("平成14年度", 2002), ("平成14", 2002), ("h14", 2002), ("Ｈ１４", 2002),
    ("R元", 2019), ("R1", 2019), ("R元年度", 2019), ("令和元年度", 2019), ("令和7年度", 2025), ("r7", 2025),
    ("2002", 2002), ("2002年度", 2002), ("FY2002", 2002), ("fy2002", 2002), ("２００２年度", 2002), ("ＦＹ２００２", 2002),
)

#: the help for a text that is no year: forms that work (each parses, see tests/test_years.py)
YEAR_HELP = "write an era year (H18, 平成18年度, R元), 2006年度, a western year (2006) or FY2006"


@dataclass(frozen=True, slots=True)
class YearError:
    """Why a text is not a year, with a suggested fix."""

    message: str
    help: str


@dataclass(frozen=True, slots=True)
class ParsedYear:
    value: int  # the western fiscal year
    warning: str | None = None  # e.g. "H32 is R2 (2020)"


def parse_year(text: str) -> ParsedYear | YearError:
    """Read one year in any accepted form (``FORMS``: ``H18``, ``平成18年度``, ``h18``, ``R元``, ``2006年度``, ``FY2006``)."""
    raw = text.strip().translate(_FULLWIDTH)
    m = _ERA_RE.fullmatch(raw)
    if m:
        era = m.group(1)
        return era_year(ERA_LETTERS.get(era) or era.upper(), m.group(2))
    m = _FY_RE.fullmatch(raw)
    if m:
        return western_year(int(m.group(1) or m.group(2)))
    foreign = foreign_digit(raw)
    if foreign is not None:
        return YearError(f"'{text}' is not a year: {foreign} is not a digit tgtcheck reads", "write the digits as 0-9 (or ０-９)")
    return YearError(f"'{text}' is not a year", YEAR_HELP)


def foreign_digit(text: str) -> str | None:
    """The first digit of another script than ASCII and full-width in ``text``, named (``U+09EA BENGALI DIGIT FOUR``)."""
    import unicodedata

    for ch in text:
        if ch.isdecimal() and not ("0" <= ch <= "9" or "０" <= ch <= "９"):
            return f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'DIGIT')})"
    return None


def era_year(letter: str, number: str) -> ParsedYear | YearError:
    """The western year of era year ``letter`` + ``number`` (``number`` may be ``元``)."""
    if len(number) > MAX_ERA_DIGITS:
        return YearError(f"{letter}{number[:8]}… is not a year: it has {len(number)} digits", YEAR_HELP)
    n = 1 if number == "元" else int(number)
    first, last = ERAS[letter]
    if n < 1:
        return YearError(
            f"{letter}{number} is not a year: era years start at 1 ({letter}1 or {letter}元)",
            f"write {letter}1 for the first year of {ERA_NAMES_JA[letter]}",
        )
    western = first + n - 1
    if western > MAX_YEAR:
        return YearError(f"{letter}{number} is year {western}, past {MAX_YEAR}", "check the year")
    if last is not None and n > last:
        if letter == "H":
            reiwa = western - ERAS["R"][0] + 1
            return ParsedYear(western, f"H{n} is after the Heisei era: it means R{reiwa} ({western})")
        return YearError(
            f"{letter}{n} does not exist: {ERA_NAMES_JA[letter]} ended in {letter}{last}",
            f"write the year in the next era or as a western year ({western})",
        )
    return ParsedYear(western)


def western_year(n: int) -> ParsedYear | YearError:
    if not MIN_YEAR <= n <= MAX_YEAR:
        return YearError(
            f"{n} is not a fiscal year tgtcheck knows (it must be between {MIN_YEAR} and {MAX_YEAR})",
            YEAR_HELP,
        )
    return ParsedYear(n)


# A policy that declares `years calendar` (Eurostat, WHO, EU targets) counts calendar years and is printed
# with western years only: pipeline.load sets this for the spec being processed, and every printer of years
# (era_label, label) follows it, so no output names an era for such a policy.
_CALENDAR: ContextVar[bool] = ContextVar("tgtcheck_calendar_years", default=False)


def use_calendar_years(on: bool) -> None:
    """Print years as calendar years (2020, 2020年) from now on in this context, or as fiscal eras."""
    _CALENDAR.set(on)


def calendar_years() -> bool:
    return _CALENDAR.get()


def era_label(year: int) -> str:
    """The era form used on evaluation sheets: 2006 -> 'H18', 2019 -> 'R1' (a calendar-year policy: '2006')."""
    if _CALENDAR.get():
        return str(year)
    for letter in ("R", "H", "S", "T", "M"):
        first, _ = ERAS[letter]
        if year >= first:
            # fiscal 2019 is R1 (the era changed in May 2019, inside FY2019)
            return f"{letter}{year - first + 1}"
    return str(year)


def label(year: int, lang: str = "en") -> str:
    """How a year is shown to people: 'H18 (2006)' or '平成18年度' (a calendar-year policy: '2006', '2006年')."""
    if _CALENDAR.get():
        return f"{year}年" if lang == "ja" else str(year)
    if lang == "ja":
        era = era_label(year)
        number = "元" if era[1:] == "1" else era[1:]
        return f"{ERA_NAMES_JA[era[0]]}{number}年度"
    return f"{era_label(year)} ({year})"
