"""A target's grade on the spec's rating scale: what every output shows beside its status.

A ``Rating`` is the value ``scales.rate`` gives a verdict (``Verdict.rating``):
the scale and the grade, the grade's labels in both languages, the measure
the band is of and the exact value that fell in it, and the band as written.
It is not ``Verdict.grade``, which is the ``cagr`` method's own category of
its growth-rate ratio; a spec may have both.  This module imports nothing of
tgtcheck, so the verdict type can hold one without an import loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

# the measures' names in both languages (the bands' words; `status` bands list statuses)
MEASURE_WORDS: dict[str, tuple[str, str]] = {
    "achievement": ("achievement ratio", "達成率"),
    # a target whose value should fall is graded on target ÷ actual (more is better on every scale): named otherwise,
    # so that it never reads as the achievement ratio (actual ÷ target) printed beside it
    "achievement_inverse": ("achievement (target ÷ actual, fewer is better)", "達成度（目標÷実績、少ないほどよい）"),
    "progress": ("progress ratio", "進捗率"),
    "pace": ("pace ratio", "進捗の速さ"),
    "status": ("status", "判定"),
}

UNGRADED = ("not graded", "区分なし")  # a target no band of the scale holds for (no ratio, a status no grade lists)


@dataclass(frozen=True, slots=True)
class Rating:
    scale: str  # the scale's name
    grade: str  # the grade's name (A, significant_progress)
    en: str
    ja: str
    measure: str  # "achievement", "progress", "pace" or "status"
    band: str  # the band as written: ">= 80% and < 100%", "met, exceeded"
    value: Fraction | None = None  # the measure's value that fell in the band (None for a status band)
    score: Fraction | None = None  # the grade's score (`score N`), for `rollup score`
    rank: int = 0  # the grade's place in the scale, 0 the best
    inverse: bool = False  # an achievement band of a target that should fall: ``value`` is target ÷ actual

    def word(self, lang: str = "en") -> str:
        return self.ja if lang == "ja" else self.en
