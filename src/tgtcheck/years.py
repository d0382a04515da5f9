"""Japanese fiscal years in every form the language and the data accept.

All forms mean the same thing, a fiscal year (April to March), and are
compared by that meaning: ``H18``, ``2006`` and ``FY2006`` are one year.
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

_FULLWIDTH = str.maketrans("０１２３４５６７８９ＭＴＳＨＲＦＹ", "0123456789MTSHRFY")
_ERA_RE = re.compile(r"([MTSHR])(\d+|元)")
_FY_RE = re.compile(r"(?:FY)?(\d{4})")


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
    """Read one year in any accepted form (``H18``, ``R元``, ``2006``, ``FY2006``)."""
    raw = text.strip().translate(_FULLWIDTH)
    m = _ERA_RE.fullmatch(raw)
    if m:
        return era_year(m.group(1), m.group(2))
    m = _FY_RE.fullmatch(raw)
    if m:
        return western_year(int(m.group(1)))
    return YearError(
        f"'{text}' is not a year",
        "write an era year such as H18 or R2, a western year such as 2006, or FY2006",
    )


def era_year(letter: str, number: str) -> ParsedYear | YearError:
    """The western year of era year ``letter`` + ``number`` (``number`` may be ``元``)."""
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
            "write a four-digit western year such as 2006 or an era year such as H18",
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
