"""Words for people: statuses, numbers and explanations in English and Japanese.

Japanese uses the evaluation sheets' vocabulary (達成, 概ね順調, 集計中, －).
Numbers are shown exactly when they are finite decimals and otherwise to
two decimals with ≈, so an explanation never claims a precision it lacks;
the status itself was decided on the exact values.

A run writes an explanation for every target, so the few distinct years and
numbers a run names are each formatted once (``functools.lru_cache`` and the
``memo.by_value``); the functions are pure, so the words are the same.
"""

from __future__ import annotations

import functools
from fractions import Fraction

from ..core.memo import by_value
from ..core.years import calendar_years
from ..core.years import era_label as _era_label_uncached
from ..core.years import label as _label_uncached
from ..data.dataset import Marker
from ..language.nodes import Deadline
from ..language.printer import condition_text, each_text, schedule_text
from .evaluate import Reading, Status, Verdict
from .methods import GRADE_WORDS, Fact
from .verdict import Breakdown


# a run of 10,000 targets names the same dozen years some 50,000 times; the key includes the year style
@functools.lru_cache(maxsize=1024)
def _era_label(year: int, calendar: bool) -> str:
    return _era_label_uncached(year)


@functools.lru_cache(maxsize=1024)
def _label(year: int, lang: str, calendar: bool) -> str:
    return _label_uncached(year, lang)


def era_label(year: int) -> str:
    return _era_label(year, calendar_years())


def label(year: int, lang: str = "en") -> str:
    return _label(year, lang, calendar_years())

STATUS_WORDS = {
    Status.MET: ("met", "達成"),
    Status.EXCEEDED: ("exceeded", "目標超過達成"),
    Status.ON_TRACK: ("on track", "順調に進捗"),
    Status.BEHIND: ("behind", "遅れ"),
    Status.NOT_MET: ("not met", "未達成"),
    Status.PENDING: ("pending", "集計中"),
    Status.INSUFFICIENT_DATA: ("insufficient data", "データ不足"),
}

MARKER_WORDS = {
    Marker.PENDING: ("pending (集計中)", "集計中"),
    Marker.NOT_APPLICABLE: ("not applicable (－)", "－（該当なし）"),
    Marker.UNKNOWN: ("unknown (empty)", "不明（空欄）"),
    None: ("no entry", "データなし"),
}


def status_word(status: Status, lang: str = "en") -> str:
    return STATUS_WORDS[status][lang == "ja"]


@by_value
def number(value: Fraction, percent: bool = False) -> str:
    """1234 -> '1,234'; 61/5 -> '12.2'; 1/3 -> '≈0.33'; percents ×100 with %."""
    v = value * 100 if percent else value
    sign = "-" if v < 0 else ""
    v = abs(v)
    whole, rest = divmod(v.numerator, v.denominator)
    if rest == 0:
        text = f"{whole:,}"
    else:
        scaled = v * 10**4
        if scaled.denominator == 1:  # at most four decimals: exact
            digits = str(scaled.numerator).rjust(5, "0")
            text = f"{int(digits[:-4]):,}.{digits[-4:].rstrip('0')}"
        else:
            hundredths = int(v * 100 + Fraction(1, 2))  # half up; v is not negative here
            text = f"≈{hundredths // 100:,}.{hundredths % 100:02d}"
    if text.startswith("≈"):  # ≈-5.13, not -≈5.13
        return "≈" + sign + text[1:] + ("%" if percent else "")
    return sign + text + ("%" if percent else "")


def reading_text(r: Reading, lang: str = "en") -> str:
    """'patents H13 = 208' / '特許出願件数（平成13年度）＝208件'."""
    if isinstance(r.value, Fraction):
        value = number(r.value) + (r.unit or "" if lang == "ja" else "")
    else:
        value = MARKER_WORDS[r.value][lang == "ja"]
    if lang == "ja":
        return f"{r.label or r.indicator}（{label(r.year, 'ja')}）＝{value}"
    return f"{r.indicator} {era_label(r.year)} = {value}"


def _years(first: int, last: int, lang: str) -> str:
    if first == last:
        return label(first, "ja") if lang == "ja" else era_label(first)
    return f"{label(first, 'ja')}～{label(last, 'ja')}" if lang == "ja" else f"{era_label(first)}–{era_label(last)}"


def _known(v: Verdict, lang: str) -> str:
    """The numbers read so far, for verdicts that wait for others."""
    parts = [reading_text(r, lang) for r in v.readings if isinstance(r.value, Fraction)]
    return ("、" if lang == "ja" else ", ").join(parts)


def explanation(v: Verdict, lang: str = "en") -> str:
    """One paragraph naming every number the status rests on."""
    return _ja(v) if lang == "ja" else _en(v)


def _n(v: Verdict, x: Fraction | None) -> str:
    return number(x, v.percent) if x is not None else "?"


def _threshold(v: Verdict, lang: str = "en") -> str:
    tol = f" ± {_n(v, v.tolerance)}" if v.tolerance else ""
    if v.upper is not None:
        return f"{_n(v, v.threshold)}{'～' if lang == 'ja' else '–'}{_n(v, v.upper)}{tol}"
    return f"{_n(v, v.threshold)}{tol}"


def _missing(v: Verdict, lang: str) -> str:
    parts = [reading_text(r, lang) for r in v.missing]
    return ", ".join(parts) if lang != "ja" else "、".join(parts)


def ratio_text(x: Fraction) -> str:
    """An achievement or progress ratio as a percent: 1.46 -> '146%'."""
    return number(x, percent=True)


def ratio_figures(v: Verdict, lang: str = "en") -> str:
    """'achievement 83.33%, progress 28.57%' / '達成率≈83.33%、進捗率≈28.57%', with a rating method's grade; '' if none."""
    ja = lang == "ja"
    parts = []
    if v.achievement is not None:
        parts.append(("達成率" if ja else "achievement ") + ratio_text(v.achievement))
    if v.progress is not None:
        parts.append(("進捗率" if ja else "progress ") + ratio_text(v.progress))
    if v.grade is not None:
        parts.append(("区分：" if ja else "grade: ") + GRADE_WORDS[v.grade][ja])
    text = ("、" if ja else ", ").join(parts)
    if text and v.milestone is not None and (v.achievement is not None or v.progress is not None):
        at, value = v.milestone
        text += (f"（{label(at, 'ja')}の中間目標{_n(v, value)}に対して）" if ja else f" (against the milestone for {era_label(at)}, {_n(v, value)})")
    return text


def fact_text(f: Fact) -> str:
    """A method's number: exact, or marked ≈ when it approximates an irrational one (a root)."""
    text = number(f.value, f.percent)
    return text if not f.approximate or "≈" in text else "≈" + text


# -- comparisons, worded from the exact comparison that decided -----------------------------
def relation(a: Fraction, b: Fraction) -> int:
    """1 when a > b, 0 when equal, -1 when a < b: the one comparison every comparison word is chosen by."""
    return (a > b) - (a < b)


REL_EN = {1: "above", 0: "equal to", -1: "below"}
REL_JA = {1: "を上回る", 0: "と同じ", -1: "を下回る"}


def compared(a: str, rel: int, noun_en: str, noun_ja: str, b: str, lang: str) -> str:
    """'33 is below the expected value 38' / '実績33は見込み値38を下回る'."""
    if lang == "ja":
        return f"実績{a}は{noun_ja}{b}{REL_JA[rel]}"
    return f"{a} is {REL_EN[rel]} {noun_en}{' ' if noun_en else ''}{b}"


def plainly_holds(op: str, actual: Fraction, threshold: Fraction) -> bool:
    """Whether the comparison holds without its tolerance: only a value that needs the tolerance is said to be
    "within the tolerance" (31 against `>= about 30 ± 5` simply meets the target)."""
    return {">=": actual >= threshold, ">": actual > threshold, "<=": actual <= threshold, "<": actual < threshold,
            "==": actual == threshold, "!=": actual != threshold}.get(op, False)


def _against(v: Verdict, lang: str) -> str:
    """The actual value against the target, in words chosen by the exact comparisons."""
    a, tol = v.actual, v.tolerance or Fraction(0)
    if a is None or v.threshold is None:
        return ""
    ja = lang == "ja"
    if v.upper is not None:  # a range
        if a > v.upper:
            text = compared(_n(v, a), relation(a, v.upper), "the upper bound", "上限", _n(v, v.upper), lang)
            inside = a <= v.upper + tol
        elif a < v.threshold:
            text = compared(_n(v, a), relation(a, v.threshold), "the lower bound", "下限", _n(v, v.threshold), lang)
            inside = a >= v.threshold - tol
        else:
            return f"実績{_n(v, a)}は範囲{_threshold(v, 'ja')}の内" if ja else f"{_n(v, a)} is within the range {_threshold(v)}"
        if inside:
            text += f"が、許容幅±{_n(v, tol)}の内" if ja else f" but within the tolerance ± {_n(v, tol)}"
        return text
    rel = relation(a, v.threshold)
    text = compared(_n(v, a), rel, "the target", "目標", _n(v, v.threshold), lang)
    op = getattr(v.target.condition, "op", "")
    if tol and rel != 0 and abs(a - v.threshold) <= tol and not plainly_holds(op, a, v.threshold):
        if abs(a - v.threshold) == tol and op in ("<", ">"):  # on the edge of the tolerance, which a strict comparison excludes
            text += (f"で、許容幅±{_n(v, tol)}の端（{op} は端を含まない）" if ja
                     else f", on the edge of the tolerance ± {_n(v, tol)}, which `{op}` excludes")
        else:
            text += f"が、許容幅±{_n(v, tol)}の内" if ja else f" but within the tolerance ± {_n(v, tol)}"
    return text


def _value_year(v: Verdict, lang: str) -> str:
    """The year of the value judged; the latest available one (直近値) says so."""
    year = v.value_year or v.judged_year or v.as_of
    if lang == "ja":
        return f"直近値（{label(year, 'ja')}）の" if year != v.judged_year else label(year, "ja")
    if year != v.judged_year and v.judged_year is not None:
        return f"{era_label(year)} (latest value; {era_label(v.judged_year)} has none)"
    return era_label(year)


def _line_end(v: Verdict) -> int:
    """Where the progress line ends: the next milestone's year, else the deadline."""
    return v.milestone[0] if v.milestone is not None else v.deadline or 0


def _schedule(v: Verdict, lang: str) -> str:
    """' by H18' / '（期限：平成18年度）'; a target with milestones names them all."""
    sched = v.target.schedule
    if isinstance(sched, Deadline) and sched.milestones:
        return f" {schedule_text(sched)}" if lang != "ja" else f"（{schedule_text(sched)}）"
    if not v.deadline:
        return ""
    return f"（期限：{label(v.deadline, 'ja')}）" if lang == "ja" else f" by {era_label(v.deadline)}"


def _later(v: Verdict, lang: str) -> str:
    if lang == "ja":
        return "、".join(label(y, "ja") for y in v.later)
    return ", ".join(era_label(y) for y in v.later)


# -- the sentences -----------------------------------------------------------------------------
def _en(v: Verdict) -> str:
    if v.breakdown is not None:
        return breakdown_sentence(v, "en")
    cond = condition_text(v.target.condition)
    y = era_label(v.judged_year) if v.judged_year else None
    by = _schedule(v, "en")
    rule = v.rule
    if rule.startswith("pending"):
        known = f" Known: {_known(v, 'en')}." if _known(v, "en") else ""
        return f"waiting for {_missing(v, 'en')}: {cond}{by} cannot be judged until it is tallied.{known}"
    if rule == "insufficient.after_as_of":
        return (f"{cond}{by} needs the value of {_later(v, 'en')}, after the as-of year {era_label(v.as_of)}: "
                f"it cannot be judged as of {era_label(v.as_of)}.")
    if rule == "insufficient.undefined":
        return f"{'; '.join(u.en for u in v.undefined)}; {cond}{by} cannot be judged."
    if rule == "insufficient.trend_points":
        have = ", ".join(reading_text(r) for r in v.readings if isinstance(r.value, Fraction)) or "none"
        return f"a trend needs numbers for at least two years; numeric values: {have}."
    if rule == "insufficient.not_started":
        return (f"the period starts in {era_label(v.period[0]) if v.period else '?'}, after the as-of year "
                f"{era_label(v.as_of)}; nothing to judge yet.")
    due = f" by {era_label(v.deadline)}" if v.deadline else ""
    head = f"{_value_year(v, 'en')}: {_n(v, v.actual)} against {_threshold(v)}{due}"
    if rule == "insufficient.no_base_year":
        return f"{head}: {_against(v, 'en')}; not met yet and there is no base year to draw the progress line from."
    if rule == "insufficient.at_base_year":
        return f"{head}: {_against(v, 'en')}; this is the base year's value, so there is no progress to judge yet."
    if rule.startswith("insufficient"):
        what = "the base-year value for the progress line" if "line" in rule else "a value"
        known = f" Known: {_known(v, 'en')}." if _known(v, "en") else ""
        return f"{what} is missing: {_missing(v, 'en')}.{known}"
    if rule in ("met.trend", "behind.trend_broken", "not_met.trend_broken"):
        values = ", ".join(reading_text(r) for r in v.readings if isinstance(r.value, Fraction))
        if rule == "met.trend":
            return f"{cond} holds from {era_label(v.base_year or 0)} to {era_label(v.value_year or 0)}: {values}."
        broken = ", ".join(era_label(b) for b in v.broken_years)
        return f"{cond} is broken in {broken}: {values}" + (f" (deadline {era_label(v.deadline)})." if v.deadline else ".")
    if v.period:  # every year
        span = _years(*v.period, "en")
        latest = f"latest {y}: {_against(v, 'en') or _n(v, v.actual)}"
        if rule == "met.every_year":
            if v.period[0] != v.period[1]:
                return f"{cond} held in every year {span}; {latest}."
            return f"{cond} holds in {y}, the only year judged so far: {_against(v, 'en') or _n(v, v.actual)}."
        years = ", ".join(era_label(b) for b in v.broken_years)
        if rule.startswith("exceeded"):
            return f"{cond} held in every year {span}, beyond the range on the better side in {years}; {latest}: exceeded."
        return f"{cond} failed in {years} (judged {span}); {latest}."
    against = _against(v, "en")
    if rule == "met.holds":
        early = " (before the deadline)" if v.deadline and v.value_year and v.value_year < v.deadline else ""
        return f"{head}: {against}: the condition holds{early}."
    if rule == "exceeded.beyond_range":
        return f"{head}: {against}, the better side: exceeded (achieved beyond the range)."
    if rule == "not_met.no_deadline":
        return f"{head}: {against}: not met, and the target has no deadline."
    if rule.startswith("not_met"):
        return f"{head}: {against}: not met, and the deadline is reached."
    if rule == "behind.outside_range":
        return f"{head}: {against}, outside the range to keep within: behind, before the deadline."
    if rule.endswith(("milestone_met", "milestone_missed")):
        assert v.milestone is not None and v.actual is not None
        at, value = v.milestone
        seen = compared(_n(v, v.actual), relation(v.actual, value), f"the milestone for {era_label(at)},", "", _n(v, value), "en")
        op = getattr(v.target.condition, "op", "")
        if (v.milestone_tolerance and v.actual != value and abs(v.actual - value) <= v.milestone_tolerance
                and not plainly_holds(op, v.actual, value)):
            seen += f", within its tolerance ± {_n(v, v.milestone_tolerance)}"
        word = "on track" if rule.startswith("on_track") else "behind"
        if v.deadline is not None and v.as_of >= v.deadline:  # judged on an earlier year's value (直近値) at the deadline
            return (f"{head}: {seen}: {word} (the deadline's target {_n(v, v.threshold)} by {era_label(v.deadline)} "
                    f"has no value of its year yet).")
        return f"{head}: {seen}: {word} (the deadline's target {_n(v, v.threshold)} by {era_label(v.deadline or 0)} is still ahead)."
    if rule.endswith(".projection"):
        assert v.projection is not None and v.goal is not None
        seen = compared(_n(v, v.projection), relation(v.projection, v.goal), "the goal", "目標", _n(v, v.goal), "en")
        word = "on track" if rule.startswith("on_track") else "behind"
        return (f"{head}: {against}, not reached yet; the least-squares trend of the values since {era_label(v.base_year or 0)} "
                f"projects {_n(v, v.projection)} for {era_label(v.deadline or 0)}, and {seen}: {word}.")
    if rule.endswith(".growth_rate"):
        facts = {f.key: fact_text(f) for f in v.method_facts}
        grade = GRADE_WORDS[v.grade][0] if v.grade else "?"
        ratio = f" (R {facts['ratio']})" if "ratio" in facts else ""
        return (f"{head}: {against}, not reached yet; the compound annual growth rate since {era_label(v.base_year or 0)} is "
                f"{facts.get('observed_rate', '?')} against {facts.get('required_rate', '?')} needed to reach {_n(v, v.goal)} by "
                f"{era_label(v.deadline or 0)}{ratio}: {grade}.")
    assert v.expected is not None and v.actual is not None
    year = era_label(v.value_year or v.as_of)
    line = (f"the {'straight' if v.method == 'linear' else v.method} line from {_n(v, v.base_value)} in {era_label(v.base_year or 0)} "
            f"to {_n(v, v.goal)} in {era_label(_line_end(v))} expects {_n(v, v.expected)} in {year}")
    seen = compared(_n(v, v.actual), relation(v.actual, v.expected), "the expected", "見込み値", _n(v, v.expected), "en")
    word = "on track" if rule == "on_track.on_line" else "behind"
    return f"{head}: {against}, not reached yet; {line}, and {seen}: {word}."


def _ja(v: Verdict) -> str:
    if v.breakdown is not None:
        return breakdown_sentence(v, "ja")
    cond = condition_text(v.target.condition)
    y = label(v.judged_year, "ja") if v.judged_year else None
    by = _schedule(v, "ja")
    rule = v.rule
    if rule.startswith("pending"):
        known = f"（判明分：{_known(v, 'ja')}）" if _known(v, "ja") else ""
        return f"{_missing(v, 'ja')}のため判断できない{known}。目標：{cond}{by}"
    if rule == "insufficient.after_as_of":
        return f"判断には評価年度（{label(v.as_of, 'ja')}）より後の{_later(v, 'ja')}の値が必要で、まだ判断できない。目標：{cond}{by}"
    if rule == "insufficient.undefined":
        return f"計算できない（{'；'.join(u.ja for u in v.undefined)}）。{cond}{by}"
    if rule == "insufficient.trend_points":
        have = "、".join(reading_text(r, "ja") for r in v.readings if isinstance(r.value, Fraction)) or "なし"
        return f"増減の判断には2年度以上の数値が必要（数値：{have}）。"
    if rule == "insufficient.not_started":
        return f"期間は{label(v.period[0], 'ja') if v.period else '?'}から。評価年度（{label(v.as_of, 'ja')}）にはまだ判断の対象がない。"
    due = f"（期限：{label(v.deadline, 'ja')}）" if v.deadline else ""
    head = f"{_value_year(v, 'ja')}実績{_n(v, v.actual)}（目標{_threshold(v, 'ja')}{due}）"
    if rule == "insufficient.no_base_year":
        return f"{head}：{_against(v, 'ja')}。未達成で、進捗を測る基準年度がない。"
    if rule == "insufficient.at_base_year":
        return f"{head}：{_against(v, 'ja')}。基準年度の値で、まだ進捗を判断できない。"
    if rule.startswith("insufficient"):
        known = f"（判明分：{_known(v, 'ja')}）" if _known(v, "ja") else ""
        return f"データ不足：{_missing(v, 'ja')}{known}。"
    values = "、".join(reading_text(r, "ja") for r in v.readings if isinstance(r.value, Fraction))
    if rule == "met.trend":
        return f"{cond}：{label(v.base_year or 0, 'ja')}から{label(v.value_year or 0, 'ja')}まで満たしている（{values}）。"
    if rule in ("behind.trend_broken", "not_met.trend_broken"):
        broken = "、".join(label(b, "ja") for b in v.broken_years)
        return f"{cond}：{broken}に満たしていない（{values}）。"
    if v.period:  # every year
        latest = f"{y}：{_against(v, 'ja') or _n(v, v.actual)}"
        if rule == "met.every_year":
            if v.period[0] != v.period[1]:
                return f"{cond}：{_years(*v.period, 'ja')}の毎年度満たしている（{latest}）。"
            return f"{cond}：{y}は満たしている（{_against(v, 'ja') or _n(v, v.actual)}）。"
        years = "、".join(label(b, "ja") for b in v.broken_years)
        if rule.startswith("exceeded"):
            return f"{cond}：毎年度満たし、{years}は望ましい方向に範囲を超えている（{latest}）。目標超過達成。"
        return f"{cond}：{years}に満たしていない（{latest}、目標{_threshold(v, 'ja')}）。"
    against = _against(v, "ja")
    if rule == "met.holds":
        return f"{head}：{against}。目標を達成。"
    if rule == "exceeded.beyond_range":
        return f"{head}：{against}（望ましい方向）。目標超過達成。"
    if rule == "not_met.no_deadline":
        return f"{head}：{against}。目標に達していない。"
    if rule.startswith("not_met"):
        return f"{head}：{against}。期限に至り、目標に達していない。"
    if rule == "behind.outside_range":
        return f"{head}：{against}。保つべき範囲の外で、期限前のため遅れ。"
    if rule.endswith(("milestone_met", "milestone_missed")):
        assert v.milestone is not None and v.actual is not None
        at, value = v.milestone
        word = "順調に進捗" if rule.startswith("on_track") else "遅れ"
        seen = compared(_n(v, v.actual), relation(v.actual, value), "", f"{label(at, 'ja')}の中間目標", _n(v, value), "ja")
        op = getattr(v.target.condition, "op", "")
        if (v.milestone_tolerance and v.actual != value and abs(v.actual - value) <= v.milestone_tolerance
                and not plainly_holds(op, v.actual, value)):
            seen += f"が、許容幅±{_n(v, v.milestone_tolerance)}の内"
        if v.deadline is not None and v.as_of >= v.deadline:  # judged on an earlier year's value (直近値) at the deadline
            return f"{head}：{seen}（{word}）。期限の目標{_n(v, v.threshold)}（{label(v.deadline, 'ja')}）の年度の値はまだない。"
        return f"{head}：{seen}（{word}）。期限の目標{_n(v, v.threshold)}（{label(v.deadline or 0, 'ja')}）はまだ先。"
    if rule.endswith(".projection"):
        assert v.projection is not None and v.goal is not None
        rel = relation(v.projection, v.goal)
        word = "順調に進捗" if rule.startswith("on_track") else "遅れ"
        return (f"{head}：{against}ため目標に未達。{label(v.base_year or 0, 'ja')}以降の値の傾向線（最小二乗法）による"
                f"{label(v.deadline or 0, 'ja')}の見込みは{_n(v, v.projection)}で、目標{_n(v, v.goal)}{REL_JA[rel]}（{word}）。")
    if rule.endswith(".growth_rate"):
        facts = {f.key: fact_text(f) for f in v.method_facts}
        grade = GRADE_WORDS[v.grade][1] if v.grade else "?"
        ratio = f"（R {facts['ratio']}）" if "ratio" in facts else ""
        return (f"{head}：{against}ため目標に未達。{label(v.base_year or 0, 'ja')}からの年平均成長率は{facts.get('observed_rate', '?')}で、"
                f"{label(v.deadline or 0, 'ja')}に{_n(v, v.goal)}へ達するのに必要な{facts.get('required_rate', '?')}に対し{ratio}、"
                f"{grade}（{'順調に進捗' if rule.startswith('on_track') else '遅れ'}）。")
    assert v.expected is not None and v.actual is not None
    line = (f"{label(v.base_year or 0, 'ja')}の{_n(v, v.base_value)}から{label(_line_end(v), 'ja')}の"
            f"{_n(v, v.goal)}への直線上の{label(v.value_year or v.as_of, 'ja')}の見込み値は{_n(v, v.expected)}")
    seen = compared(_n(v, v.actual), relation(v.actual, v.expected), "", "見込み値", _n(v, v.expected), "ja")
    word = "順調に進捗" if rule == "on_track.on_line" else "遅れ"
    return f"{head}：{against}ため目標に未達。{line}で、{seen}（{word}）。"


# -- the grade on the rating scale (`rated on`; scales.py) ----------------------------------------
def rating_word(v: Verdict, lang: str = "en") -> str:
    """The grade's label, or 'not graded' / '区分なし' when no band of the scale holds."""
    from .rating import UNGRADED

    return v.rating.word(lang) if v.rating is not None else UNGRADED[lang == "ja"]


def rating_text(v: Verdict, lang: str = "en") -> str:
    """'rating: mostly met (achievement ratio 80%: >= 80% and < 100%)' / '評価：概ね達成（達成率80%：>= 80% and < 100%）'."""
    from .rating import MEASURE_WORDS

    ja = lang == "ja"
    head = "評価：" if ja else "rating: "
    r = v.rating
    if r is None:
        return head + rating_word(v, lang) + ("（どの区分の範囲にも当たらない）" if ja else " (no band of the scale holds)")
    measure = MEASURE_WORDS["achievement_inverse" if r.inverse else r.measure][ja]
    if r.value is not None:
        why = f"{measure}{number(r.value, True)}：{r.band}" if ja else f"{measure} {number(r.value, True)}: {r.band}"
    else:
        why = f"{measure}：{r.band}" if ja else f"{measure}: {r.band}"
    return f"{head}{r.word(lang)}（{why}）" if ja else f"{head}{r.word(lang)} ({why})"


# -- breakdown targets (`for each region`, `for at least 10 of region`) -------------------------------------
# "met in 14 of 27 region" / 「region 27のうち14で達成」, the keys per status, and the target's sentence; the formats,
# `explain` and the report read these, so every output counts alike.  Counts name every status that has a key, in
# the order met, exceeded, on track, behind, not met, pending, insufficient data: a key still 集計中 is pending,
# never failed.
_KEY_ORDER = (Status.MET, Status.EXCEEDED, Status.ON_TRACK, Status.BEHIND, Status.NOT_MET, Status.PENDING, Status.INSUFFICIENT_DATA)


def breakdown_summary(b: Breakdown, lang: str = "en") -> str:
    """'met in 14 of 27 region' / 「region 27のうち14で達成」 (met counts exceeded too)."""
    if lang == "ja":
        return f"{b.dimension} {len(b.keys)}のうち{b.met}で達成"
    return f"met in {b.met} of {len(b.keys)} {b.dimension}"


def breakdown_counts(b: Breakdown, lang: str = "en") -> str:
    """'12 met, 2 exceeded, 11 not met, 2 pending' / 「達成12、目標超過達成2、未達成11、集計中2」."""
    parts = [(status_word(s, lang), b.count(s)) for s in _KEY_ORDER if b.count(s)]
    if lang == "ja":
        return "、".join(f"{w}{n}" for w, n in parts)
    return ", ".join(f"{n} {w}" for w, n in parts)


def breakdown_needed(b: Breakdown, lang: str = "en") -> str:
    if lang == "ja":
        return "全区分で達成が必要" if b.every else f"{b.needed}以上で達成が必要"
    return "every key needed" if b.every else f"at least {b.needed} needed"


def breakdown_sentence(v: Verdict, lang: str = "en") -> str:
    """The explanation of a breakdown target: the count, the rule's reason, the keys that wait."""
    from .rules import rule

    b = v.breakdown
    assert b is not None and v.target.each is not None
    head = condition_text(v.target.condition) + (f" {schedule_text(v.target.schedule)}" if v.target.schedule else "")
    head += f" {each_text(v.target.each)}"
    if not b.keys:
        return f"{head}: データに{b.dimension}の区分がない。" if lang == "ja" else f"{head}: the data has no key of {b.dimension}."
    waiting = [k for k, kv in b.keys if kv.status is Status.PENDING]
    missing = [k for k, kv in b.keys if kv.status is Status.INSUFFICIENT_DATA]
    if lang == "ja":
        text = f"{breakdown_summary(b, 'ja')}（{breakdown_needed(b, 'ja')}；{breakdown_counts(b, 'ja')}）。{rule(v.rule).ja}。"
        text += f"集計中：{'、'.join(waiting)}。" if waiting else ""
        text += f"データ不足：{'、'.join(missing)}。" if missing else ""
        return text + f"目標：{head}"
    text = f"{breakdown_summary(b)} ({breakdown_needed(b)}; {breakdown_counts(b)}): {rule(v.rule).en}."
    text += f" Pending: {', '.join(waiting)}." if waiting else ""
    text += f" Without data: {', '.join(missing)}." if missing else ""
    return text + f" Target: {head}"
