"""The rating methods' arithmetic, checked against an independent computation.

- ``iroot`` and ``root_bounds`` bracket every root, exactly when it is rational;
- the cagr category of R is decided exactly at its thresholds (95 %, 60 %, 0):
  random growth paths are compared with a 60-digit decimal computation of R,
  and the rational boundary cases of tests/cases/run/methods_cagr fall on the
  upper side;
- the least-squares line is the normal equations' solution, exactly.
"""

from __future__ import annotations

import decimal
import os
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from tgtcheck.judging.methods import THRESHOLDS, Line, cagr_grade, iroot, least_squares, root_bounds

SETTINGS = settings(max_examples=int(os.environ.get("TGTCHECK_EXAMPLES", "300")), deadline=None)


@given(st.integers(0, 10**60), st.integers(1, 12))
@SETTINGS
def test_iroot_is_the_floor_of_the_root(n: int, k: int) -> None:
    r = iroot(n, k)
    assert r**k <= n < (r + 1) ** k


@given(st.fractions(min_value=Fraction(1, 10**6), max_value=10**6), st.integers(1, 20), st.integers(1, 40))
@SETTINGS
def test_root_bounds_bracket_the_root(x: Fraction, k: int, digits: int) -> None:
    lo, hi = root_bounds(x, k, digits)
    assert lo**k <= x <= hi**k
    assert (lo == hi) == (lo**k == x)


def test_a_rational_root_is_found_exactly() -> None:
    assert root_bounds(Fraction(14161, 10000), 2, 3) == (Fraction(119, 100), Fraction(119, 100))
    assert root_bounds(Fraction(4, 9), 2, 1) == (Fraction(2, 3), Fraction(2, 3))


def _decimal_grade(line: Line) -> tuple[str, decimal.Decimal]:
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        d = decimal.Decimal
        a = d(line.actual.numerator) / d(line.actual.denominator) / (d(line.base_value.numerator) / d(line.base_value.denominator))
        b = d(line.goal.numerator) / d(line.goal.denominator) / (d(line.base_value.numerator) / d(line.base_value.denominator))
        observed = a ** (d(1) / d(line.year - line.base_year)) - 1
        required = b ** (d(1) / d(line.deadline - line.base_year)) - 1
        r = observed / required
        for k, grade in THRESHOLDS:
            if r >= d(k.numerator) / d(k.denominator):
                return grade, r
        return "deterioration", r


@given(st.integers(1, 10**6), st.integers(1, 10**6), st.integers(1, 10**6), st.integers(1, 9), st.integers(1, 9))
@SETTINGS
def test_cagr_categories_agree_with_a_60_digit_computation(base: int, actual: int, goal: int, years: int, more: int) -> None:
    upward = goal > base
    if goal == base or (actual >= goal if upward else actual <= goal):
        return  # reached, or no required growth: the evaluator never asks the method
    line = Line(2010, Fraction(base), Fraction(goal), 2010 + years + more, 2010 + years, Fraction(actual), upward)
    graded = cagr_grade(line)
    assert not isinstance(graded, str)
    expected, r = _decimal_grade(line)
    near = min(abs(r - decimal.Decimal(k.numerator) / decimal.Decimal(k.denominator)) for k, _ in THRESHOLDS)
    if near > decimal.Decimal(10) ** -50:  # far enough from a threshold for 60 digits to decide
        assert graded[0] == expected, (base, actual, goal, years, more, r)


def test_cagr_thresholds_are_inclusive_when_r_is_exactly_on_them() -> None:
    def grade(actual: int) -> str:
        result = cagr_grade(Line(2010, Fraction(10000), Fraction(20736), 2014, 2012, Fraction(actual), True))
        assert not isinstance(result, str)
        return result[0]

    # 20736 = 10000 × 1.2⁴ (20 % a year needed); 14161 = 10000 × 1.19² (R = 95 %); 12544 = 10000 × 1.12² (R = 60 %)
    assert [grade(a) for a in (14161, 14160, 12544, 12543, 10000, 9999)] == [
        "on_track", "acceleration_needed", "acceleration_needed", "limited_progress", "limited_progress", "deterioration"]


def test_a_goal_behind_the_base_in_the_desirable_direction_is_deterioration() -> None:
    # the base value 100 already met `>= 90`; the value fell to 80: moving away, whatever the ratio of two falls says
    result = cagr_grade(Line(2010, Fraction(100), Fraction(90), 2020, 2015, Fraction(80), True))
    assert not isinstance(result, str) and result[0] == "deterioration"


@given(st.lists(st.tuples(st.integers(2000, 2030), st.fractions(min_value=-1000, max_value=1000, max_denominator=100)),
                min_size=2, max_size=12, unique_by=lambda p: p[0]))
@SETTINGS
def test_least_squares_solves_the_normal_equations(points: list[tuple[int, Fraction]]) -> None:
    slope, intercept = least_squares(tuple(points))
    residuals = [y - (intercept + slope * x) for x, y in points]
    assert sum(residuals) == 0
    assert sum(r * x for r, (x, _) in zip(residuals, points, strict=True)) == 0
