"""The evaluator's rule table as data: one record per rule, read by every pass.

A verdict names the rule that chose its status (``Verdict.rule``, e.g.
``behind.off_line``).  Each rule is one ``Rule`` here: the status it gives,
whether the condition held in the year judged (``holds``; None when it could
not be computed), and what the rule means in English and Japanese.  The
evaluator (``evaluate.py``) chooses rules by these ids; ``explain`` prints
their meaning; docs/language.md's rule table lists them; a test fails when
the evaluator uses an id that is not here or a rule here is never worded.
Adding a rule is one entry here and its sentence in ``wording.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .verdict import Status


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    status: Status
    holds: bool | None  # whether the condition held in the year judged (None: not computed)
    en: str
    ja: str

    def meaning(self, lang: str = "en") -> str:
        return self.ja if lang == "ja" else self.en


_M, _E, _O, _B, _N, _P, _I = (Status.MET, Status.EXCEEDED, Status.ON_TRACK, Status.BEHIND, Status.NOT_MET, Status.PENDING,
                              Status.INSUFFICIENT_DATA)

RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("met.holds", _M, True,
         "the condition holds on the value judged (that of the judged year, or the latest before it), so the target is met",
         "判断に用いた値（判断年度の値、またはそれ以前の直近値）で条件を満たしているので達成"),
    Rule("met.every_year", _M, True, "the condition held in every year of the period judged so far, so the target is met",
         "これまでの期間の毎年度に条件を満たしているので達成"),
    Rule("met.trend", _M, None, "every yearly value moved in the required direction from the year before, so the target is met",
         "毎年度、前年度から求められた方向に変化しているので達成"),
    Rule("exceeded.beyond_range", _E, False,
         "the value is beyond the range (tolerance included) on the side the target declares better, so the target is exceeded: "
         "achieved beyond the range",
         "望ましい方向に範囲（許容幅を含む）を超えているので目標超過達成"),
    Rule("on_track.on_line", _O, False,
         "the condition does not hold yet on a value from before the deadline, but that value is at or beyond the progress "
         "line's expectation for its year in the desirable direction, so the target is on track",
         "期限前の値で条件は未達だが、その年度の進捗直線上の見込み値に望ましい方向で達しているので順調に進捗"),
    Rule("behind.off_line", _B, False,
         "the condition does not hold yet on a value from before the deadline, and that value falls short of the progress "
         "line's expectation for its year, so the target is behind",
         "期限前の値で条件は未達、その年度の進捗直線上の見込み値に届いていないので遅れ"),
    Rule("on_track.projection", _O, False,
         "the condition does not hold yet on a value from before the deadline, but the least-squares trend of the values "
         "since the base year, projected to the deadline, reaches the goal (method trend), so the target is on track",
         "期限前の値で条件は未達だが、基準年度以降の値の傾向線（最小二乗法）を期限まで延ばすと目標に届くので順調に進捗"),
    Rule("behind.projection", _B, False,
         "the condition does not hold yet on a value from before the deadline, and the least-squares trend of the values "
         "since the base year, projected to the deadline, falls short of the goal (method trend), so the target is behind",
         "期限前の値で条件は未達、基準年度以降の値の傾向線（最小二乗法）を期限まで延ばしても目標に届かないので遅れ"),
    Rule("on_track.growth_rate", _O, False,
         "the condition does not hold yet on a value from before the deadline, but the observed compound annual growth rate "
         "since the base year is at least 95% of the rate required to reach the goal by the deadline (method cagr), so the "
         "target is on track",
         "期限前の値で条件は未達だが、基準年度からの実績の年平均成長率が目標達成に必要な率の95%以上なので順調に進捗"),
    Rule("behind.growth_rate", _B, False,
         "the condition does not hold yet on a value from before the deadline, and the observed compound annual growth rate "
         "since the base year is below 95% of the rate required to reach the goal by the deadline (method cagr; its grade "
         "says how far: acceleration needed, limited progress, deterioration), so the target is behind",
         "期限前の値で条件は未達、基準年度からの実績の年平均成長率が目標達成に必要な率の95%未満なので遅れ（区分は加速が必要・進展が限定的・悪化）"),
    Rule("on_track.milestone_met", _O, False,
         "the deadline's target is not reached yet, but the value meets the milestone of its year, so the target is on track",
         "期限の目標は未達だが、その年度の中間目標を達成しているので順調に進捗"),
    Rule("behind.milestone_missed", _B, False,
         "the value misses the milestone of its year, and the deadline is still ahead, so the target is behind",
         "その年度の中間目標に達しておらず、期限はまだ先なので遅れ"),
    Rule("behind.outside_range", _B, False,
         "before the deadline the value is outside a range to keep within (on either side), so the target is behind",
         "期限前で、値が保つべき範囲の外にある（上下どちらでも）ので遅れ"),
    Rule("behind.trend_broken", _B, None,
         "the value failed to move in the required direction in some year, and the deadline is still ahead, so the target is behind",
         "求められた方向に変化しなかった年度があり、期限はまだ先なので遅れ"),
    Rule("not_met.no_deadline", _N, False,
         "the condition does not hold and the target has no deadline to progress towards, so it is not met",
         "条件を満たしておらず、進捗を測る期限もないので未達成"),
    Rule("not_met.deadline_reached", _N, False,
         "the deadline is reached and the condition does not hold on the deadline's value (or, when the deadline year has "
         "none, on the latest value after it), so the target is not met",
         "期限に至り、期限の年度の値（それがなければ期限後の直近値）で条件を満たしていないので未達成"),
    Rule("not_met.year_broken", _N, False, "the condition failed in at least one year of the every-year period, so the target is not met",
         "毎年度の期間中に条件を満たさない年度があるので未達成"),
    Rule("not_met.trend_broken", _N, None,
         "the value failed to move in the required direction in some year, and the deadline is reached (or there is none), "
         "so the target is not met",
         "求められた方向に変化しなかった年度があり、期限に至っている（または期限がない）ので未達成"),
    Rule("pending.value_pending", _P, None, "a value the condition needs is still being tallied (集計中), so the target is pending",
         "条件の判断に必要な値が集計中なので集計中"),
    Rule("pending.line_pending", _P, False,
         "the condition does not hold yet and the base-year value of the progress line is still being tallied (集計中), "
         "so the target is pending",
         "条件は未達で、進捗直線の基準年度の値が集計中なので集計中"),
    Rule("insufficient.value_missing", _I, None,
         "a value the condition needs is missing (no entry, － or empty) and no earlier value answers, so the target cannot be judged",
         "条件の判断に必要な値がなく（データなし、－、空欄）、直近値もないのでデータ不足"),
    Rule("insufficient.line_missing", _I, False,
         "the condition does not hold yet and the base-year value of the progress line is missing, so progress cannot be judged",
         "条件は未達で、進捗直線の基準年度の値がないのでデータ不足"),
    Rule("insufficient.undefined", _I, None,
         "a computation is undefined (a division by zero, such as growth from a base of 0), so the target cannot be judged",
         "計算が定義されない（0による割り算、基準値0からの増加率など）のでデータ不足"),
    Rule("insufficient.no_base_year", _I, False,
         "the condition does not hold yet and neither the target nor the policy gives a base year to draw the progress line from",
         "条件は未達で、進捗直線を引く基準年度が目標にも施策にもない"),
    Rule("insufficient.at_base_year", _I, False,
         "the value judged is the base year's own and does not meet the target: there is no progress to judge yet",
         "判断できる値が基準年度のもので目標に達しておらず、まだ進捗を判断できない"),
    Rule("insufficient.after_as_of", _I, None,
         "the target needs a value of a year after the as-of year, which an evaluation as of that year cannot read",
         "評価年度より後の年度の値が必要で、その評価年度の時点では判断できない"),
    Rule("insufficient.not_started", _I, None,
         "the target's period has not started by the as-of year, so there is nothing to judge yet",
         "評価年度までに対象期間が始まっておらず、まだ判断の対象がない"),
    Rule("insufficient.trend_points", _I, None, "a trend needs numbers for at least two years, and there are fewer",
         "増減の判断には2年度以上の数値が必要だが、足りない"),
    # breakdown targets (`for each region`, `for at least 10 of region`): the count of keys decides (breakdown.py)
    Rule("met.keys_met", _M, True, "the keys met or exceeded reach the number needed (every key, under `for each`), so the target is met",
         "必要な数（for each では全て）の区分が達成・超過達成しているので達成"),
    Rule("not_met.keys_short", _N, False,
         "even if every key still open (on track, behind, pending or without data) were met, fewer than the keys needed would be: "
         "the target is not met",
         "未確定の区分（順調・遅れ・集計中・データ不足）が全て達成しても必要な数に届かないので未達成"),
    Rule("on_track.keys_on_track", _O, False, "the keys met and the keys on track together reach the number needed, so the target is on track",
         "達成した区分と順調に進捗している区分を合わせて必要な数に達するので順調に進捗"),
    Rule("pending.keys_pending", _P, None,
         "whether enough keys are met depends on keys still being tallied (集計中), so the target is pending (never counted as failed)",
         "必要な数に達するかは集計中の区分次第のため集計中"),
    Rule("insufficient.keys_missing", _I, None,
         "whether enough keys are met depends on keys without data (or still tallied), so the target cannot be judged",
         "必要な数に達するかはデータのない（または集計中の）区分次第のため判断できない"),
    Rule("behind.keys_behind", _B, False,
         "the keys met or on track fall short of the number needed, and reaching it needs keys that are behind: the target is behind",
         "達成・順調の区分が必要な数に届かず、遅れている区分の挽回が必要なので遅れ"),
    Rule("insufficient.no_keys", _I, None, "the data has no key of the dimension for any indicator of the condition: nothing to judge",
         "条件の指標のいずれにも、その区分のデータがないため判断できない"),
)}


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]
