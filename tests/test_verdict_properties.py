"""Verdicts you can trust, as properties over random targets and data (hypothesis).

- **No look-ahead**: changing, adding or removing any value of a year after
  the as-of year never changes a status, an explanation (both languages) or
  the derivation `explain` prints.
- **Words follow the numbers**: every comparison an explanation states
  ("33 is below the expected 38", 「実績33は見込み値38を下回る」) agrees with
  the exact comparison of the two numbers it prints, in both languages, and
  an on-track or behind verdict's words agree with its direction.
- **Monotonic in the desirable direction**: a better value in any year after
  the base year never gives a worse status (higher for `higher`, lower for
  `lower`; for a range to keep within, closer to the range).

Specs are written as text, so the parser, checker and evaluator are the
ones users run.  200 examples each in CI; TGTCHECK_EXAMPLES=5000 digs deeper.
"""

from __future__ import annotations

import os
import re
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tgtcheck.analysis.check import check
from tgtcheck.data.dataset import Cell, Dataset, Marker, Series
from tgtcheck.judging.derivation import derive, render_text
from tgtcheck.judging.evaluate import Status, Verdict, evaluate
from tgtcheck.judging.wording import explanation, number, relation
from tgtcheck.language.nodes import Spec
from tgtcheck.language.parser import parse

SETTINGS = settings(max_examples=int(os.environ.get("TGTCHECK_EXAMPLES", "200")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
BASE, DUE = 2010, 2016  # H22 .. H28
YEARS = range(BASE - 2, DUE + 4)
RANK = {Status.NOT_MET: 0, Status.BEHIND: 1, Status.ON_TRACK: 2, Status.MET: 3, Status.EXCEEDED: 3}
JUDGED = set(RANK)


@st.composite
def target_line(draw: st.DrawFn, i: int) -> str:
    """One target of any shape the language has: a comparison, a range with or without a direction, a growth,
    a change, a value of a given year, every-year, a trend; tolerances and `judge year` among them."""
    n = st.integers(0, 60)
    x = draw(st.sampled_from(["value(x)", "value(y)", f"growth(x, {draw(st.sampled_from(list(YEARS)))})",
                              f"change(y, {BASE})", f"value(x, {draw(st.sampled_from(list(YEARS)))})", "value(x) - value(y)"]))
    percent = "growth" in x
    unit = "%" if percent else ""
    tol = f" ± {draw(st.integers(1, 5))}{unit}" if draw(st.booleans()) else ""
    about = "about " if tol else ""
    kind = draw(st.sampled_from(["compare", "compare", "range", "every", "trend"]))
    when = f"by {draw(st.sampled_from([BASE + 2, DUE, DUE + 2]))}"
    if kind == "trend":
        cond = f"{draw(st.sampled_from(['increasing', 'decreasing']))}({draw(st.sampled_from(['x', 'y']))})"
        when = draw(st.sampled_from([f"by {DUE}", f"every year from {BASE + 3} to {DUE}"]))
    elif kind == "range":
        low = draw(n)
        cond = f"{x} between {about}{low}{unit} and {low + draw(st.integers(0, 30))}{unit}{tol}"
    else:
        cond = f"{x} {draw(st.sampled_from(['>=', '>', '<=', '<', '==']))} {about}{draw(n)}{unit}{tol}"
        if kind == "every":
            when = f"every year from {draw(st.sampled_from([BASE + 1, DUE - 1, DUE + 1]))} to {DUE + 1}"
    clauses = ""
    if kind == "range" and draw(st.booleans()):
        clauses += f" better {draw(st.sampled_from(['higher', 'lower', 'within']))}"
    if draw(st.integers(0, 4)) == 0:
        clauses += " judge year"
    return f'target "t{i}" "t" {cond} {when}{clauses}'


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, dict[str, dict[int, Any]], int]:
    targets = [draw(target_line(i)) for i in range(draw(st.integers(1, 4)))]
    text = "\n".join([f'policy "P" "p" base {BASE} due {DUE} data "d.yaml"', 'indicator x "x"', 'indicator y "y"', *targets])
    value = st.one_of(st.integers(0, 80).map(Fraction), st.sampled_from([None, None, Marker.PENDING, Marker.NOT_APPLICABLE]))
    values = {name: {y: draw(value) for y in YEARS} for name in ("x", "y")}
    as_of = draw(st.sampled_from(list(range(BASE, DUE + 3))))
    return text, values, as_of


def spec_of(text: str) -> Spec:
    spec, diags = parse(text, "p.tgt")
    assert spec is not None, diags
    return spec


def dataset(values: dict[str, dict[int, Any]]) -> Dataset:
    return Dataset("d.yaml", {name: Series(name, {y: Cell(y, v) for y, v in cells.items() if v is not None})
                              for name, cells in values.items()})


def verdicts(text: str, values: dict[str, dict[int, Any]], as_of: int) -> list[Verdict]:
    spec = spec_of(text)
    return evaluate(spec, dataset(values), as_of)


def everything_said(text: str, values: dict[str, dict[int, Any]], as_of: int) -> list[tuple[Any, ...]]:
    spec, data = spec_of(text), dataset(values)
    out = []
    for v in evaluate(spec, data, as_of):
        d = derive(v, spec, data)
        out.append((v.status, v.rule, explanation(v, "en"), explanation(v, "ja"), render_text(d, "en"), render_text(d, "ja")))
    return out


# -- no look-ahead ---------------------------------------------------------------------------
@given(cases(), st.data())
@SETTINGS
def test_no_value_after_the_as_of_year_changes_anything(case: tuple[str, dict[str, dict[int, Any]], int], data: st.DataObject) -> None:
    text, values, as_of = case
    assert not [d for d in check(spec_of(text), "p.tgt") if d.is_error]
    later = {name: {y: (data.draw(st.one_of(st.none(), st.integers(0, 99).map(Fraction), st.just(Marker.PENDING)))
                        if y > as_of else v) for y, v in cells.items()} for name, cells in values.items()}
    assert everything_said(text, later, as_of) == everything_said(text, values, as_of)


def test_a_value_of_a_later_year_is_not_read() -> None:
    """The issue's repro: value(n, H19) >= 100 by H19 as of H17 was met on H19's 130."""
    text = 'policy "P" "p" base H16 due H19 data "d.yaml"\nindicator n "n"\ntarget "1" "t" value(n, H19) >= 100 by H19'
    values = {"n": {2004: Fraction(0), 2005: Fraction(29), 2006: Fraction(94), 2007: Fraction(130)}}
    (v,) = verdicts(text, values, 2005)
    assert (v.status, v.rule, v.later) == (Status.INSUFFICIENT_DATA, "insufficient.after_as_of", (2007,))
    assert "H19" in explanation(v) and "130" not in explanation(v) and "130" not in explanation(v, "ja")
    (v,) = verdicts(text.replace("value(n, H19)", "growth(n, H19)").replace(">= 100", ">= 10%"), values, 2005)
    assert v.rule == "insufficient.after_as_of"


# -- words follow the numbers -------------------------------------------------------------------
NUM = r"(-?≈?-?\d{1,3}(?:,\d{3})*(?:\.\d+)?%?)"
EN = re.compile(NUM + r" is (above|equal to|below) (the target|the upper bound|the lower bound|the expected) " + NUM)
JA = re.compile("実績" + NUM + "は(目標|上限|下限|見込み値)" + NUM + "(を上回る|と同じ|を下回る)")
EN_WORDS = {"above": 1, "equal to": 0, "below": -1}
JA_WORDS = {"を上回る": 1, "と同じ": 0, "を下回る": -1}
NOUNS = {"the target": "threshold", "目標": "threshold", "the lower bound": "threshold", "下限": "threshold",
         "the upper bound": "upper", "上限": "upper", "the expected": "expected", "見込み値": "expected"}


def comparisons(v: Verdict) -> list[tuple[str, str, str, int]]:
    found = [(a, noun, b, EN_WORDS[w]) for a, w, noun, b in EN.findall(explanation(v, "en"))]
    found += [(a, noun, b, JA_WORDS[w]) for a, noun, b, w in JA.findall(explanation(v, "ja"))]
    return found


@given(cases())
@SETTINGS
def test_every_comparison_word_agrees_with_the_numbers(case: tuple[str, dict[str, dict[int, Any]], int]) -> None:
    text, values, as_of = case
    for v in verdicts(text, values, as_of):
        said = comparisons(v)
        if v.expected is not None and v.actual is not None:
            assert any(n in ("the expected", "見込み値") for _, n, _, _ in said), explanation(v)
        for a, noun, b, rel in said:
            other = getattr(v, NOUNS[noun])
            assert v.actual is not None and other is not None
            assert a == number(v.actual, v.percent) and b == number(other, v.percent), (a, b, explanation(v))
            assert rel == relation(v.actual, other), explanation(v)
        if v.status in (Status.ON_TRACK, Status.BEHIND) and v.expected is not None and v.actual is not None:
            rel = relation(v.actual, v.expected)
            ahead = rel >= 0 if v.goal is not None and v.base_value is not None and _rising(v) else rel <= 0
            assert ahead == (v.status is Status.ON_TRACK), explanation(v)
        for wrong in ("at or ahead", "これ以上", "上限超過", "見込み値以上"):
            assert wrong not in explanation(v) + explanation(v, "ja")


def _rising(v: Verdict) -> bool:
    return v.direction == "higher" or (v.direction == "within" and v.goal is not None and v.base_value is not None
                                       and v.goal >= v.base_value)


# -- monotonic in the desirable direction ------------------------------------------------------------
@st.composite
def directed(draw: st.DrawFn) -> tuple[str, dict[str, dict[int, Any]], int, int, int]:
    direction = draw(st.sampled_from(["higher", "lower", "within"]))
    low = draw(st.integers(10, 50))
    high = low + draw(st.integers(0, 20))
    tol = draw(st.sampled_from(["", " ± 2"]))
    about = "about " if tol else ""
    shape = draw(st.sampled_from(["compare", "range", "every"]))
    if shape == "range" or direction == "within":
        cond = f"value(x) between {about}{low} and {high}{tol}"
        clause = f" better {direction}" if direction != "within" or draw(st.booleans()) else ""
    else:
        op = draw(st.sampled_from([">=", ">"] if direction == "higher" else ["<=", "<"]))
        cond, clause = f"value(x) {op} {about}{low}{tol}", ""
    when = f"every year from {BASE + 1} to {DUE}" if shape == "every" else f"by {draw(st.sampled_from([DUE, BASE + 3]))}"
    judge = draw(st.sampled_from(["", " judge year"]))
    text = f'policy "P" "p" base {BASE} due {DUE} data "d.yaml"\nindicator x "x"\ntarget "t" "t" {cond} {when}{clause}{judge}'
    values = {"x": {y: draw(st.one_of(st.integers(0, 80).map(Fraction), st.none())) for y in YEARS}}
    values["x"][BASE] = Fraction(draw(st.integers(0, 80)))
    as_of = draw(st.integers(BASE + 1, DUE + 2))
    year = draw(st.integers(BASE + 1, as_of))
    step = draw(st.integers(1, 30))
    return text, values, as_of, year, step if direction != "lower" else -step


@given(directed())
@SETTINGS
def test_a_better_value_never_gives_a_worse_status(case: tuple[str, dict[str, dict[int, Any]], int, int, int]) -> None:
    text, values, as_of, year, step = case
    (before,) = verdicts(text, values, as_of)
    current = values["x"][year]
    if current is None:
        return
    if before.direction == "within":  # better: closer to the range, never across it
        low, high = before.threshold, before.upper
        if low is None or high is None:
            return
        better = min(current + abs(step), low) if current < low else max(current - abs(step), high) if current > high else current
    else:
        better = current + step
    improved = {"x": {**values["x"], year: Fraction(better)}}
    (after,) = verdicts(text, improved, as_of)
    if before.status in JUDGED and after.status in JUDGED:
        assert RANK[after.status] >= RANK[before.status], (text, year, current, better, explanation(before), explanation(after))
    else:  # a failing year made good may reveal other years without numbers; a good status never becomes unjudgeable
        assert before.status not in (Status.MET, Status.EXCEEDED, Status.ON_TRACK) or after.status in JUDGED, (
            explanation(before), explanation(after))


# -- no look-ahead for the keys of a breakdown either ----------------------------------------------
KEYS = ("east", "north", "south", "west")


@st.composite
def keyed_cases(draw: st.DrawFn) -> tuple[str, dict[str, dict[int, Any]], int]:
    """A breakdown target (`for each region` or `for at least N of region`) over keys with random cells; some keys
    begin late (their first entry after the base year), as a region added to the statistics does."""
    lines = [f'policy "P" "p" base {BASE} due {DUE} data "d.yaml"', 'indicator x "x"']
    for i in range(draw(st.integers(1, 3))):
        count = draw(st.sampled_from(["for each region", "for at least 1 of region", "for at least 2 of region"]))
        lines.append(f'target "t{i}" "t" value(x) {draw(st.sampled_from([">=", "<="]))} {draw(st.integers(0, 60))} '
                     f'by {draw(st.sampled_from([BASE + 2, DUE]))} {count}')
    value = st.one_of(st.integers(0, 80).map(Fraction), st.sampled_from([None, Marker.PENDING]))
    values = {}
    for key in KEYS:
        start = draw(st.sampled_from(list(YEARS)))
        values[key] = {y: draw(value) for y in YEARS if y >= start}
    return "\n".join(lines), values, draw(st.sampled_from(list(range(BASE, DUE + 3))))


def keyed_dataset(values: dict[str, dict[int, Any]]) -> Dataset:
    series = {f"x[region={k}]": Series(f"x[region={k}]", {y: Cell(y, v) for y, v in cells.items() if v is not None})
              for k, cells in values.items()}
    series = {sid: s for sid, s in series.items() if s.cells}
    pairs = tuple(((("region", sid[len("x[region="):-1]),)) for sid in series)
    return Dataset("d.yaml", series, breakdowns={"x": pairs})


@given(keyed_cases(), st.data())
@SETTINGS
def test_no_value_or_key_after_the_as_of_year_changes_a_breakdown(case: tuple[str, dict[str, dict[int, Any]], int],
                                                                   data: st.DataObject) -> None:
    """Changing later cells, or adding a key whose first entry is after the as-of year, changes no status, rule or
    sentence (the as-of cut, for keys as for years: a new user's trial found a key first given later counted)."""
    text, values, as_of = case
    spec = spec_of(text)
    later = {k: {y: (data.draw(st.one_of(st.none(), st.integers(0, 99).map(Fraction))) if y > as_of else v)
                 for y, v in cells.items()} for k, cells in values.items()}
    later["late"] = {y: Fraction(data.draw(st.integers(0, 99))) for y in YEARS if y > as_of}

    def said(vals: dict[str, dict[int, Any]]) -> list[tuple[Any, ...]]:
        return [(v.status, v.rule, explanation(v, "en"), explanation(v, "ja"))
                for v in evaluate(spec, keyed_dataset(vals), as_of)]

    assert said(later) == said(values)
