"""The policy's overall judgement, derived from its targets' statuses.

The rule, first match wins (docs/language.md states it too):

1. no target could be judged (all pending or insufficient_data)
   -> ``not_assessable``   判断できない（集計中等）
2. as of the due year or later, every target met or exceeded
   -> ``achieved``         達成
3. as of the due year or later, some target not met
   -> ``not_achieved``     想定どおりには達成できなかった
3b. as of the due year or later, none not met but not every target met yet
   (judged on values from before the deadline, or waiting for values)
   -> ``not_final``        達成年度に至ったが、判断の確定していない達成目標がある
4. before the due year, every target met or exceeded
   -> ``on_schedule``      順調に進捗
5. before the due year, no target behind or not_met
   -> ``mostly_on_schedule`` 概ね順調に進捗
6. before the due year, fewer than half of the judged targets behind or not_met
   -> ``partly_delayed``   一部に遅れが見られる
7. otherwise -> ``delayed`` 進捗に遅れが見られる

"Judged" targets are those with met, exceeded, on_track, behind or not_met.
A target with a recorded judgement for the as-of year (`judged …`) counts
with the recorded status, not the rule's (``recorded.final_status``), and
the judgement says so (``Assessment.recorded``, ``note``).
The wording is the evaluation sheets' (施策目標6-2 was 概ね順調に進捗).

That rule is the default roll-up (``rollup sheet``).  ``rollup.py`` gives the
two others: the same rule over the targets marked ``main`` only, and the
mean score of the targets' grades on the rating scale; an ``Assessment``
says which it came from (``rollup``) and carries their numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from .evaluate import Status, Verdict
from .rating import Rating

JUDGED = {Status.MET, Status.EXCEEDED, Status.ON_TRACK, Status.BEHIND, Status.NOT_MET}
FAILING = {Status.BEHIND, Status.NOT_MET}

WORDS = {
    "not_assessable": ("not assessable yet", "判断できない（集計中等）"),
    "achieved": ("achieved", "達成"),
    "not_achieved": ("not achieved as planned", "想定どおりには達成できなかった"),
    "not_final": ("due year reached, not final yet", "達成年度に至ったが未確定"),
    "on_schedule": ("on schedule", "順調に進捗"),
    "mostly_on_schedule": ("mostly on schedule", "概ね順調に進捗"),
    "partly_delayed": ("partly delayed", "一部に遅れが見られる"),
    "delayed": ("delayed", "進捗に遅れが見られる"),
}

RULES = {
    "not_assessable": ("no target could be judged: all are pending or lack data",
                       "全ての達成目標が集計中またはデータ不足のため判断できない"),
    "achieved": ("the due year is reached and every target is met", "達成年度に至り、全ての達成目標を達成"),
    "not_achieved": ("the due year is reached and some target is not met", "達成年度に至り、未達成の達成目標がある"),
    "not_final": (("the due year is reached and no target is not met, but some are judged on values from before the deadline "
                   "or still wait for values"),
                  "達成年度に至り未達成の達成目標はないが、期限前の値で判断したもの、または値を待つものがある"),
    "on_schedule": ("every target is already met", "全ての達成目標を既に達成"),
    "mostly_on_schedule": ("no target is behind or not met", "遅れている・未達成の達成目標がない"),
    "partly_delayed": ("fewer than half of the judged targets are behind or not met",
                       "判断できる達成目標の半数未満に遅れ・未達成がある"),
    "delayed": ("half or more of the judged targets are behind or not met",
                "判断できる達成目標の半数以上に遅れ・未達成がある"),
}


@dataclass(frozen=True, slots=True)
class Assessment:
    key: str  # a key of WORDS, or "score" (`rollup score`: the grade the mean score rounds to)
    counts: dict[str, int]
    recorded: int = 0  # targets counted with a recorded judgement
    recorded_differs: int = 0  # of those, how many differ from the rule's status
    rollup: str = "sheet"  # how it was reached: "sheet", "main" (over the main targets), "score" (rollup.py)
    over: int | None = None  # rollup main: how many targets are marked main
    mean: Fraction | None = None  # rollup score: the mean score of the graded targets
    graded: int = 0  # rollup score: how many targets have a grade
    rating: Rating | None = None  # rollup score: the grade the mean rounds to
    floored: int = 0  # rollup score: targets behind or not met that no band grades, counted at the lowest score

    def note(self, lang: str = "en") -> str | None:
        """The sentence that says the judgement counts recorded judgements, or None."""
        if not self.recorded:
            return None
        n, d = self.recorded, self.recorded_differs
        if lang == "ja":
            return f"記録された判断を用いた（{n}件、うち規則による判定と異なるもの{d}件）"
        return (f"counts {n} recorded judgement{'s' if n != 1 else ''} instead of the rule's status "
                f"({d} differ{'s' if d == 1 else ''} from the rule)")

    def word(self, lang: str = "en") -> str:
        if self.rating is not None:
            return self.rating.word(lang)
        return WORDS[self.key][1 if lang == "ja" else 0]

    def rule(self, lang: str = "en") -> str:
        ja = lang == "ja"
        if self.key == "score" and self.mean is not None:
            from .wording import number

            mean, total = number(self.mean), sum(self.counts.values())
            left = total - self.graded
            floored = self.floored
            if ja:
                return (f"点のある達成目標{self.graded}件の平均点{mean}を最も近い区分の点に丸めた（ちょうど中間は低い方）"
                        + (f"。うち区分のない遅れ・未達成{floored}件は最低点で数えた" if floored else "")
                        + (f"。点のない{left}件は除く" if left else ""))
            return (f"the mean score {mean} of the {self.graded} targets with a score, rounded to the nearest grade's score "
                    f"(a mean exactly halfway goes to the lower)"
                    + (f"; {floored} behind or not met without a grade counted at the lowest score" if floored else "")
                    + (f"; {left} without a score, left out" if left else ""))
        text = RULES[self.key][1 if ja else 0]
        if self.rollup == "main" and self.over is not None:
            return f"主要な測定指標{self.over}件について、{text}" if ja else f"over the {self.over} target{'' if self.over == 1 else 's'} marked main: {text}"
        return text


def assess(verdicts: list[Verdict], as_of: int, due: int | None) -> Assessment:
    from .recorded import final_status

    recorded = [v.recorded for v in verdicts if v.recorded is not None]
    return assess_statuses([final_status(v) for v in verdicts], as_of, due,
                           len(recorded), sum(r.differs for r in recorded))


def assess_statuses(statuses: list[Status], as_of: int, due: int | None, recorded: int = 0,
                    recorded_differs: int = 0) -> Assessment:
    """The policy's judgement from its targets' statuses (all that it depends on): the recorded ones where a
    target has one for the as-of year."""
    counts = Counter(statuses)
    judged = sum(n for s, n in counts.items() if s in JUDGED)
    failing = sum(n for s, n in counts.items() if s in FAILING)
    met = counts[Status.MET] + counts[Status.EXCEEDED]
    if judged == 0:
        key = "not_assessable"
    elif due is not None and as_of >= due:
        key = "achieved" if met == len(statuses) else "not_achieved" if counts[Status.NOT_MET] else "not_final"
    elif failing == 0:
        key = "on_schedule" if met == len(statuses) else "mostly_on_schedule"
    elif failing * 2 < judged:
        key = "partly_delayed"
    else:
        key = "delayed"
    return Assessment(key, {s.value: counts.get(s, 0) for s in Status}, recorded, recorded_differs)
