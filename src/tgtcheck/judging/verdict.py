"""What the evaluator hands out: a status per target and the values it rests on.

``Verdict`` is one target's judgement: its ``Status``, the rule that chose
it (a row of docs/language.md's table), the numbers compared, the
``Reading``s taken from the data and the ``Step``s computed.  ``Unknown`` is
the value of anything that is not a number (a marker, a missing entry, a
division by zero) and says why.  The evaluator (``evaluate.py``) makes
these; the formats, the report and ``tgtcheck explain`` read them.
``evaluate`` re-exports every name here, so ``from tgtcheck.judging.evaluate import
Verdict`` keeps working.

All are frozen dataclasses with ``nodes.fast_init``'s constructor: a run of
10,000 targets makes tens of thousands of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction

from ..data.dataset import Marker
from ..language.nodes import Call, Target, fast_init
from .methods import DEFAULT_METHOD, Fact
from .rating import Rating
from .why import Why


class Status(str, Enum):
    MET = "met"
    EXCEEDED = "exceeded"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NOT_MET = "not_met"
    PENDING = "pending"
    INSUFFICIENT_DATA = "insufficient_data"


@fast_init
@dataclass(frozen=True, slots=True)
class Reading:
    """One value read from the data."""

    indicator: str
    year: int
    value: Fraction | Marker | None  # None: the data has no entry for this year
    note: str | None = None
    label: str | None = field(default=None, compare=False)  # the indicator's label and unit, for people
    unit: str | None = field(default=None, compare=False)


@fast_init
@dataclass(frozen=True, slots=True)
class Unknown:
    """Not a number, and why: the readings that are not numbers, or an undefined operation."""

    missing: tuple[Reading, ...] = ()
    undefined: tuple[Why, ...] = ()
    later: tuple[int, ...] = ()  # years after the as-of year that the value needs: not read (the as-of cut)

    def __add__(self, other: Unknown) -> Unknown:
        return Unknown(uniq(self.missing + other.missing), uniq(self.undefined + other.undefined),
                       tuple(sorted(set(self.later + other.later))))


Result = Fraction | Unknown


@fast_init
@dataclass(frozen=True, slots=True)
class Step:
    """One computation: the call, the year it was computed for, its exact result.

    Its text (``growth(patents, H13)``) is made when asked for, by `explain`:
    a run of 10,000 targets makes 10,000 steps and shows none of them.
    """

    call: Call
    year: int
    result: Fraction | None
    percent: bool = False
    inputs: tuple[Fraction | None, ...] = ()  # its operands: (now, base) or (part, whole); None if not a number

    @property
    def text(self) -> str:
        from ..language.printer import expr_text

        return expr_text(self.call)


@fast_init
@dataclass(frozen=True, slots=True)
class Verdict:
    target: Target
    status: Status
    rule: str  # which row of the rule table chose the status
    as_of: int
    judged_year: int | None = None
    actual: Fraction | None = None
    threshold: Fraction | None = None  # the right-hand side, or a range's lower bound
    upper: Fraction | None = None  # a range's upper bound
    tolerance: Fraction | None = None
    percent: bool = False  # actual and thresholds are percents (shown ×100 with %)
    base_year: int | None = None
    base_value: Fraction | None = None
    deadline: int | None = None
    goal: Fraction | None = None  # the value the progress line aims at
    expected: Fraction | None = None  # the progress line's value in the as-of year
    method: str = DEFAULT_METHOD
    readings: tuple[Reading, ...] = ()
    missing: tuple[Reading, ...] = ()
    undefined: tuple[Why, ...] = ()
    broken_years: tuple[int, ...] = ()
    period: tuple[int, int] | None = None  # every-year: the years judged so far
    steps: tuple[Step, ...] = field(default=())
    direction: str | None = None  # the desirable direction: "higher", "lower", "within" (None: none, as for !=)
    value_year: int | None = None  # the year of the value the verdict rests on (直近値 when before judged_year)
    later: tuple[int, ...] = ()  # years after the as-of year the target needs (insufficient.after_as_of)
    projection: Fraction | None = None  # the trend method's projection for the deadline
    grade: str | None = None  # the method's own category (cagr: methods.GRADE_WORDS)
    method_facts: tuple[Fact, ...] = ()  # the numbers the method computed (rates, ratio, slope), for explain
    milestone: tuple[int, Fraction] | None = None  # the milestone judged (of the value's year) or worked towards (the next)
    milestone_tolerance: Fraction | None = None  # that milestone's tolerance (`about 80 ± 5`)
    achievement: Fraction | None = None  # achievement ratio: actual ÷ target value
    progress: Fraction | None = None  # progress ratio: (actual − base value) ÷ (target value − base value)
    recorded: Recorded | None = None  # the sheet author's judgement for the as-of year (`judged …`), beside ``status``
    rating: Rating | None = None  # the grade on the policy's rating scale (`rated on`; scales.py), not the method's `grade`
    breakdown: Breakdown | None = None  # a `for each` / `for at least N of` target: the verdict of every key


@fast_init
@dataclass(frozen=True, slots=True)
class Recorded:
    """A recorded judgement that applies (its year is the as-of year): the author's status, who, why.

    ``status`` of the verdict stays the rule's (mechanical) status; this one is the sheet's, and the
    policy's judgement and the exit code follow it (``recorded.final_status``)."""

    status: Status
    year: int
    by: str
    because: str
    mechanical: Status  # the rule's status, the same as the verdict's

    @property
    def differs(self) -> bool:
        return self.status is not self.mechanical


@fast_init
@dataclass(frozen=True, slots=True)
class Breakdown:
    """The keys of a breakdown target (``for each region``), each with its own verdict, and the count they are judged by.

    ``needed`` keys must be met (or exceeded): ``at_least`` of ``for at least N of``, every key of ``for each``.
    ``keys`` are in the data's key order (sorted); ``by_achievement`` sorts them for a report's table."""

    dimension: str
    needed: int
    keys: tuple[tuple[str, Verdict], ...]
    every: bool = True  # `for each` (True) or `for at least N of` (False)

    def count(self, *statuses: Status) -> int:
        return sum(1 for _, v in self.keys if v.status in statuses)

    @property
    def met(self) -> int:
        return self.count(Status.MET, Status.EXCEEDED)

    def counts(self) -> dict[str, int]:
        """Keys per status, every status named (0 included), in ``Status`` order."""
        return {s.value: self.count(s) for s in Status}

    def by_achievement(self) -> tuple[tuple[str, Verdict], ...]:
        """The keys best first: by status (met … insufficient), then the achievement ratio (highest first), then the key."""
        order = {s: i for i, s in enumerate(STATUS_ORDER)}

        def rank(item: tuple[str, Verdict]) -> tuple[int, Fraction, str]:
            key, v = item
            return order[v.status], -(v.achievement if v.achievement is not None else Fraction(-10**9)), key

        return tuple(sorted(self.keys, key=rank))


STATUS_ORDER = (Status.EXCEEDED, Status.MET, Status.ON_TRACK, Status.BEHIND, Status.NOT_MET, Status.PENDING, Status.INSUFFICIENT_DATA)


def uniq(items: tuple) -> tuple:  # type: ignore[type-arg]
    return tuple(dict.fromkeys(items))
