"""Properties of the formatter over random syntax trees (hypothesis).

Trees are generated from the node types (nodes.py): valid years in every
written form, numbers as exact finite decimals (with and without thousands
separators, % and 割), names that are not keywords or years, strings with
either quote style.  For each tree: the formatted text parses back to the
same tree, and formatting that text again changes nothing.  Comments added
at random places survive formatting, in number and text.
"""

from __future__ import annotations

import re
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tgtcheck.core.years import ERA_NAMES_JA, ERAS, MAX_YEAR, MIN_YEAR
from tgtcheck.language.formatter import format_spec, format_text
from tgtcheck.language.nodes import (
    DIRECTIONS,
    JUDGING,
    ROLLUPS,
    YEAR_KINDS,
    Approx,
    Between,
    BinOp,
    Call,
    Compare,
    Constant,
    Deadline,
    Each,
    EveryYear,
    Expr,
    Grade,
    Indicator,
    Limit,
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
from tgtcheck.language.parser import grammar_text, parse

KEYWORDS = frozenset(re.findall(r'"([a-z]+)"', grammar_text()))
YEARLIKE = re.compile(r"[MTSHR](\d+|元)|FY\d+")

names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,7}", fullmatch=True).filter(
    lambda n: n not in KEYWORDS and not YEARLIKE.fullmatch(n))
strings = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12).filter(
    lambda s: not (('"' in s or "＂" in s) and "」" in s))
optional_strings = st.none() | strings


@st.composite
def years(draw: st.DrawFn, western: bool = True) -> Year:
    """A year with one of its written forms: era (H18, R元, H32), FY2006, 2006, or no text."""
    value = draw(st.integers(MIN_YEAR, MAX_YEAR))
    forms = ["", f"FY{value}", f"{value}年度"] + ([str(value), f"fy{value}"] if western else [])
    for letter, (first, last) in ERAS.items():
        n = value - first + 1
        if n >= 1 and (last is None or n <= last or letter == "H"):
            number = "元" if n == 1 and draw(st.booleans()) else str(n)
            forms += [f"{letter}{number}", f"{letter}{number}年度", f"{ERA_NAMES_JA[letter]}{number}年度"]
            if western:  # a lower-case era letter is a year only where only a year fits
                forms.append(f"{letter.lower()}{number}")
    return Year(value, draw(st.sampled_from(forms)))


@st.composite
def numbers(draw: st.DrawFn) -> Number:
    whole = draw(st.integers(0, 10**7))
    places = draw(st.integers(0, 3))
    value = Fraction(whole, 10**places)
    kind = draw(st.sampled_from(["plain", "text", "percent", "wari"]))
    if kind == "wari":
        return Number(Fraction(whole) * 10, True, f"{whole}割")
    if kind == "text" and places == 0:
        return Number(value, False, f"{whole:,}")
    return Number(value, kind == "percent")


# a breakdown key: a name (DE) or any text a string can hold that a key may be (東京都, "north east")
key_texts = names | st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters='"＂「」[]=,\n'), min_size=1, max_size=6)
keyed_refs = st.builds(lambda n, keys: Ref(n, keys=tuple(keys)), names, st.lists(st.tuples(names, key_texts), min_size=1, max_size=2))
eaches = st.none() | st.builds(Each, names, st.none() | st.integers(1, 10**4).map(lambda n: Number(Fraction(n))))


def exprs() -> st.SearchStrategy[Expr]:
    leaves = numbers() | names.map(Ref) | keyed_refs | years(western=False)

    def extend(inner: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
        return (st.builds(BinOp, st.sampled_from("+-*/"), inner, inner)
                | st.builds(Neg, inner)
                | st.builds(Call, names, st.lists(inner, max_size=3).map(tuple)))

    return st.recursive(leaves, extend, max_leaves=8)


approx = st.none() | st.builds(Approx, st.none() | exprs())
calls = st.builds(Call, names, st.lists(exprs(), max_size=2).map(tuple))
conditions = (st.builds(Compare, exprs(), st.sampled_from([">=", ">", "<=", "<", "==", "!="]), exprs(), approx)
              | st.builds(Between, exprs(), exprs(), exprs(), approx)
              | st.builds(Trend, calls))
schedules = st.none() | st.builds(Deadline, years()) | st.builds(EveryYear, years(), st.none() | years())


def words(known: tuple[str, ...]) -> st.SearchStrategy[str | None]:
    """A clause's value: none, one of its words (`judge year`: a keyword read as a name), or any name."""
    return st.none() | st.sampled_from(known) | names


# rating scales: grades with ratio bands (one or two limits) or status bands, with or without a score
scores = st.none() | st.integers(0, 1000).map(lambda n: Number(Fraction(n)))
limits = st.builds(Limit, st.sampled_from([">=", ">", "<=", "<", "==", "!="]), exprs())
grades = (st.builds(Grade, names, strings, strings, names.filter(lambda n: n != "status"), st.lists(limits, min_size=1, max_size=2).map(tuple),
                    st.just(()), scores)
          | st.builds(Grade, names, strings, strings, st.just("status"), st.just(()), st.lists(names, min_size=1, max_size=3).map(tuple), scores))
scales = st.builds(Scale, names, strings, strings, st.lists(grades, min_size=1, max_size=4).map(tuple))

declarations = (st.builds(Indicator, names, strings, optional_strings, optional_strings, words(DIRECTIONS))
                | st.builds(Constant, names, exprs(), optional_strings)
                | st.builds(Target, strings, strings, conditions, schedules, st.none() | years(), st.none() | names,
                            words(DIRECTIONS), words(JUDGING), main=st.booleans(), each=eaches)
                | scales)
specs = st.builds(
    Spec,
    st.builds(Policy, strings, strings, st.none() | years(), st.none() | years(), optional_strings, optional_strings, st.none() | names,
              words(JUDGING), words(YEAR_KINDS), rated=st.none() | names, rollup=words(ROLLUPS)),
    st.lists(declarations, max_size=6).map(tuple),
)


def reparse(text: str) -> Spec:
    spec, diags = parse(text)
    assert spec is not None, (text, diags)
    return spec


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs)
def test_formatted_tree_parses_back_to_itself(spec: Spec) -> None:
    text = format_spec(spec)
    assert reparse(text) == spec


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs)
def test_formatting_is_idempotent(spec: Spec) -> None:
    text = format_spec(spec)
    assert format_text(text) == (text, [])


comment_texts = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=10).map(lambda s: ("# " + s).rstrip())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs, st.data())
def test_comments_survive(spec: Spec, data: st.DataObject) -> None:
    lines = format_spec(spec).splitlines()
    spots = data.draw(st.lists(st.tuples(st.integers(0, len(lines)), st.booleans(), comment_texts), max_size=6))
    for where, trailing, comment in sorted(spots, reverse=True):  # from the bottom, so indexes stay valid
        if trailing and where < len(lines):
            lines[where] += f"  {comment}"
        else:
            lines.insert(where, comment)
    source = "\n".join(lines) + "\n"
    once, diags = format_text(source)
    assert once is not None, diags
    assert sorted(c.text for c in reparse(once).comments) == sorted(c.text for c in reparse(source).comments)
    assert reparse(once) == spec
    assert format_text(once) == (once, [])
