"""Rating methods: how progress towards a target is judged before its deadline.

A target that does not hold yet on a value from before its deadline is
*on track* or *behind*; a method decides which, from a ``Line``: the base
year and its value, the goal at the deadline (the bound on the way,
tolerance included), the year judged and its value, the desirable direction,
and the values since the base year.  A method is one ``Method`` record: its
name, its words, its judgement and the line the report draws.  The
evaluator, the checker (TGT210 for an unknown name), `explain` and the
report read ``METHODS``; adding a method is one record here and its
sentence in ``wording.py``.

- ``linear`` (the default): the straight line of the evaluation sheets from
  the base-year value to the goal; on track when the value is at or beyond
  the line's value for its year, in the desirable direction.
- ``trend``: the least-squares line through the values from the base year
  to the year judged, projected to the deadline; on track when the
  projection reaches the goal.  Exact: slope and projection are fractions.
- ``cagr``: the compound-growth method of Statistics Canada and Open SDG,
  after Eurostat's SDG monitoring: R = observed compound annual growth rate
  since the base year ÷ the rate required to reach the goal by the deadline.
  R ≥ 95 % on track; 60 % ≤ R < 95 % progress made but acceleration needed;
  0 ≤ R < 60 % limited progress; R < 0 deterioration (the last three are
  *behind*; a target already reached is met before any method is asked).
  Reference: Open SDG, "Progress Measurement Methodology" (docs/progress-
  methodology.md, methodology 2, with the thresholds 0.95 / 0.6 / 0).
  Roots are irrational in general, so R's category is decided exactly with
  rational bounds on the roots (integer n-th roots), refined until the
  bounds fall on one side of the threshold: exact whenever the roots are
  rational; otherwise to 1e-256, and a value closer than that to a
  threshold counts as on it (the upper category).  The rates and R are
  printed as approximations (≈), never used to decide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from .why import Why


@dataclass(frozen=True, slots=True)
class Line:
    """What a method judges."""

    base_year: int
    base_value: Fraction
    goal: Fraction
    deadline: int
    year: int  # the year of the value judged (base_year < year)
    actual: Fraction
    upward: bool  # the desirable direction: the value should rise (else fall)
    points: tuple[tuple[int, Fraction], ...] = ()  # (year, value) from the base year to ``year``, numbers only


@dataclass(frozen=True, slots=True)
class Fact:
    """A number a method computed, for `explain`: exact, or an approximation (printed with ≈) of an irrational one."""

    key: str  # a key of FACT_WORDS
    value: Fraction
    approximate: bool = False
    percent: bool = False


@dataclass(frozen=True, slots=True)
class Progress:
    on_track: bool
    expected: Fraction | None = None  # the value the method expects in the year (linear)
    projection: Fraction | None = None  # the value projected for the deadline (trend)
    grade: str | None = None  # the method's own category (cagr: a key of GRADE_WORDS)
    facts: tuple[Fact, ...] = ()
    problem: Why | None = None  # why the method cannot judge (then on_track means nothing)


@dataclass(frozen=True, slots=True)
class Method:
    name: str
    en: str
    ja: str
    judge: Callable[[Line], Progress]
    path: Callable[[Line], tuple[tuple[int, Fraction], ...]]  # the line the report draws, base year to deadline
    rules: tuple[str, str]  # the rule ids of on track and of behind (rules.py)
    needs_points: bool = False  # reads every year's value from the base year (Line.points)


FACT_WORDS: dict[str, tuple[str, str]] = {
    "slope": ("slope of the least-squares line (per year)", "最小二乗法による傾き（1年あたり）"),
    "projection": ("projected value at the deadline", "期限年度の見込み（傾向線）"),
    "points": ("years fitted", "当てはめた年度の数"),
    "observed_rate": ("observed compound annual growth rate", "実績の年平均成長率"),
    "required_rate": ("required compound annual growth rate", "目標達成に必要な年平均成長率"),
    "ratio": ("ratio R of observed to required rate", "成長率の比 R（実績÷必要）"),
}

GRADE_WORDS: dict[str, tuple[str, str]] = {
    "on_track": ("on track (R ≥ 95%)", "順調（R ≥ 95%）"),
    "acceleration_needed": ("progress made but acceleration needed (60% ≤ R < 95%)", "進展しているが加速が必要（60% ≤ R < 95%）"),
    "limited_progress": ("limited progress (0 ≤ R < 60%)", "進展が限定的（0 ≤ R < 60%）"),
    "deterioration": ("deterioration (R < 0)", "悪化（R < 0）"),
}


# -- linear ------------------------------------------------------------------------------------
def linear_value(line: Line, year: int) -> Fraction:
    if line.deadline <= line.base_year:
        return line.goal
    return line.base_value + (line.goal - line.base_value) * Fraction(year - line.base_year, line.deadline - line.base_year)


def _linear(line: Line) -> Progress:
    expected = linear_value(line, line.year)
    ahead = line.actual >= expected if line.upward else line.actual <= expected
    return Progress(ahead, expected=expected)


def _linear_path(line: Line) -> tuple[tuple[int, Fraction], ...]:
    return tuple((y, linear_value(line, y)) for y in range(line.base_year, line.deadline + 1))


# -- trend: least squares, exact ----------------------------------------------------------------
def least_squares(points: tuple[tuple[int, Fraction], ...]) -> tuple[Fraction, Fraction]:
    """(slope, mean-centred intercept): value(year) = intercept + slope × (year − mean year)."""
    n = len(points)
    mean_x = Fraction(sum(x for x, _ in points), n)
    mean_y = sum((y for _, y in points), Fraction(0)) / n
    sxx = sum(((x - mean_x) ** 2 for x, _ in points), Fraction(0))
    sxy = sum(((x - mean_x) * (y - mean_y) for x, y in points), Fraction(0))
    return sxy / sxx, mean_y - (sxy / sxx) * mean_x


def _trend(line: Line) -> Progress:
    if len(line.points) < 2:
        return Progress(False, problem=Why("the trend method needs numbers for at least two years since the base year",
                                           "トレンド法には基準年度以降の2か年以上の数値が必要"))
    slope, intercept = least_squares(line.points)
    projection = intercept + slope * line.deadline
    ahead = projection >= line.goal if line.upward else projection <= line.goal
    return Progress(ahead, projection=projection, facts=(Fact("points", Fraction(len(line.points))), Fact("slope", slope),
                                                         Fact("projection", projection)))


def _trend_path(line: Line) -> tuple[tuple[int, Fraction], ...]:
    if len(line.points) < 2:
        return ()
    slope, intercept = least_squares(line.points)
    return tuple((y, intercept + slope * y) for y in range(line.base_year, line.deadline + 1))


# -- cagr: compound growth, categories decided exactly -------------------------------------------
THRESHOLDS = ((Fraction(95, 100), "on_track"), (Fraction(60, 100), "acceleration_needed"), (Fraction(0), "limited_progress"))
MAX_DIGITS = 256


def iroot(n: int, k: int) -> int:
    """The integer k-th root of n >= 0, rounded down."""
    if n < 2:
        return n
    x = 1 << -(-n.bit_length() // k)  # above the root
    while True:
        y = ((k - 1) * x + n // x ** (k - 1)) // k
        if y >= x:
            break
        x = y
    while x**k > n:
        x -= 1
    while (x + 1) ** k <= n:
        x += 1
    return x


def root_bounds(x: Fraction, k: int, digits: int) -> tuple[Fraction, Fraction]:
    """Rational lo <= x**(1/k) <= hi for x > 0, hi - lo <= 10**-digits / denominator; lo == hi when the root is rational."""
    p, q = x.numerator, x.denominator
    scale = 10**digits
    big = p * q ** (k - 1) * scale**k
    r = iroot(big, k)
    lo = Fraction(r, q * scale)
    return (lo, lo) if r**k == big else (lo, Fraction(r + 1, q * scale))


def _sign_of(a: Fraction, n: int, b: Fraction, m: int, k: Fraction) -> int:
    """The sign of a**(1/n) − k·b**(1/m) − (1 − k), exactly (0 only when within 10**-MAX_DIGITS of 0)."""
    digits = 16
    while True:
        al, ah = root_bounds(a, n, digits)
        bl, bh = root_bounds(b, m, digits)
        low, high = al - k * bh - (1 - k), ah - k * bl - (1 - k)
        if low > 0:
            return 1
        if high < 0:
            return -1
        if low == high == 0 or digits >= MAX_DIGITS:
            return 0
        digits *= 2


def cagr_grade(line: Line) -> tuple[str, tuple[Fact, ...]] | Why:
    """The category of R, and the approximate rates and R; or why the method cannot judge."""
    x0, xt, goal = line.base_value, line.actual, line.goal
    if x0 <= 0 or xt <= 0 or goal <= 0:
        return Why("the compound-growth method needs positive values (base, latest and target)",
                   "複利成長率による方法には正の値（基準値、直近値、目標値）が必要")
    n, m = line.year - line.base_year, line.deadline - line.base_year
    a, b = xt / x0, goal / x0
    (alpha, alpha_exact), (beta, beta_exact) = _approx_root(a, n), _approx_root(b, m)
    observed, required = alpha - 1, beta - 1
    facts = [Fact("observed_rate", observed, approximate=not alpha_exact, percent=True),
             Fact("required_rate", required, approximate=not beta_exact, percent=True)]
    if b == 1 or (b > 1) != line.upward:
        # the goal is the base value, or lies on the other side of the base than the desirable direction (the base
        # value already met it): not reached now, so the value moved away from it
        return "deterioration", tuple(facts)
    facts.append(Fact("ratio", observed / required, approximate=not (alpha_exact and beta_exact), percent=True))
    s = 1 if b > 1 else -1  # the sign of the required rate
    for k, grade in THRESHOLDS:
        if s * _sign_of(a, n, b, m, k) >= 0:  # R >= k
            return grade, tuple(facts)
    return "deterioration", tuple(facts)


def _approx_root(x: Fraction, k: int) -> tuple[Fraction, bool]:
    """x**(1/k) to 12 digits, and whether that is exact (the root is rational): for printing, never for deciding."""
    lo, hi = root_bounds(x, k, 12)
    return (lo + hi) / 2, lo == hi


def _cagr(line: Line) -> Progress:
    graded = cagr_grade(line)
    if isinstance(graded, Why):
        return Progress(False, problem=graded)
    grade, facts = graded
    return Progress(grade == "on_track", grade=grade, facts=facts)


def _cagr_path(line: Line) -> tuple[tuple[int, Fraction], ...]:
    """The path of the required constant growth rate (approximate: for drawing only)."""
    if line.base_value <= 0 or line.goal <= 0 or line.deadline <= line.base_year:
        return ()
    span = line.deadline - line.base_year
    ratio = line.goal / line.base_value
    return tuple((y, line.base_value * _approx_root(ratio**(y - line.base_year), span)[0]) for y in range(line.base_year, line.deadline + 1))


METHODS: dict[str, Method] = {m.name: m for m in (
    Method("linear", "straight line from the base-year value to the goal at the deadline",
           "基準年度の値から期限の目標値への直線", _linear, _linear_path, ("on_track.on_line", "behind.off_line")),
    Method("trend", "least-squares line through the values since the base year, projected to the deadline",
           "基準年度以降の値の最小二乗法による傾向線を期限まで延長", _trend, _trend_path,
           ("on_track.projection", "behind.projection"), needs_points=True),
    Method("cagr", "ratio of the observed to the required compound annual growth rate (Statistics Canada / Open SDG, after Eurostat)",
           "実績と必要な年平均成長率の比（カナダ統計局・Open SDG、Eurostat の手法）", _cagr, _cagr_path,
           ("on_track.growth_rate", "behind.growth_rate")),
)}
DEFAULT_METHOD = "linear"
