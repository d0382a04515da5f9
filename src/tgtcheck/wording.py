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

from .dataset import Marker
from .evaluate import Reading, Status, Verdict
from .memo import by_value
from .printer import condition_text
from .years import era_label as _era_label_uncached
from .years import label as _label_uncached

# a run of 10,000 targets names the same dozen years some 50,000 times
era_label = functools.lru_cache(maxsize=1024)(_era_label_uncached)
label = functools.lru_cache(maxsize=1024)(_label_uncached)

STATUS_WORDS = {
    Status.MET: ("met", "達成"),
    Status.EXCEEDED: ("exceeded", "上限超過"),
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


def _en(v: Verdict) -> str:
    cond = condition_text(v.target.condition)
    y = era_label(v.judged_year) if v.judged_year else None
    by = f" by {era_label(v.deadline)}" if v.deadline else ""
    rule = v.rule
    if rule.startswith("pending"):
        known = f" Known: {_known(v, 'en')}." if _known(v, "en") else ""
        return f"waiting for {_missing(v, 'en')}: {cond}{by} cannot be judged until it is tallied.{known}"
    if rule == "insufficient.undefined":
        return f"{'; '.join(v.undefined)}; {cond}{by} cannot be judged."
    if rule == "insufficient.trend_points":
        have = ", ".join(reading_text(r) for r in v.readings if isinstance(r.value, Fraction)) or "none"
        return f"a trend needs numbers for at least two years; numeric values: {have}."
    if rule == "insufficient.no_base_year":
        return f"{cond}{by} is not met yet and there is no base year to draw the progress line from."
    if rule.startswith("insufficient"):
        what = "the base-year value for the progress line" if "line" in rule else "a value"
        known = f" Known: {_known(v, 'en')}." if _known(v, "en") else ""
        return f"{what} is missing: {_missing(v, 'en')}.{known}"
    if rule == "on_track.not_started":
        return f"the period starts in {era_label(v.period[0]) if v.period else '?'}; nothing to judge yet."
    if rule in ("met.trend", "behind.trend_broken", "not_met.trend_broken"):
        values = ", ".join(reading_text(r) for r in v.readings if isinstance(r.value, Fraction))
        if rule == "met.trend":
            return f"{cond} holds from {era_label(v.base_year or 0)} to {y}: {values}."
        broken = ", ".join(era_label(b) for b in v.broken_years)
        return f"{cond} is broken in {broken}: {values}" + (f" (deadline {era_label(v.deadline)})." if v.deadline else ".")
    if rule in ("met.every_year", "not_met.year_broken") or (v.period and rule.startswith("exceeded")):
        span = _years(*v.period, "en") if v.period else ""
        if rule == "met.every_year":
            if v.period and v.period[0] != v.period[1]:
                return f"{cond} held in every year {span}; latest {y}: {_n(v, v.actual)}."
            return f"{cond} holds in {y}, the only year judged so far: {_n(v, v.actual)}."
        broken = ", ".join(era_label(b) for b in v.broken_years)
        return f"{cond} failed in {broken} (judged {span}); latest {y}: {_n(v, v.actual)} against {_threshold(v)}."
    head = f"{y}: {_n(v, v.actual)} against {_threshold(v)}{by}"
    if rule == "met.holds":
        return f"{head}: the condition holds" + (" (before the deadline)." if v.deadline and v.judged_year and v.judged_year < v.deadline else ".")
    if rule == "exceeded.above_range":
        return f"{head}: above the upper bound {_n(v, v.upper)}."
    if rule.startswith("not_met"):
        why = "the deadline is reached" if v.deadline else "the target has no deadline"
        return f"{head}: not reached, and {why}."
    line = (f"the {'straight' if v.method == 'linear' else v.method} line from {_n(v, v.base_value)} in {era_label(v.base_year or 0)} "
            f"to {_n(v, v.goal)} in {era_label(v.deadline or 0)} expects {_n(v, v.expected)} in {era_label(v.as_of)}")
    if rule == "on_track.on_line":
        return f"{head}: not reached yet; {line}, and {_n(v, v.actual)} is at or ahead of it."
    return f"{head}: not reached yet; {line}, and {_n(v, v.actual)} is behind it."


def _ja(v: Verdict) -> str:
    cond = condition_text(v.target.condition)
    y = label(v.judged_year, "ja") if v.judged_year else None
    by = f"（期限：{label(v.deadline, 'ja')}）" if v.deadline else ""
    rule = v.rule
    if rule.startswith("pending"):
        known = f"（判明分：{_known(v, 'ja')}）" if _known(v, "ja") else ""
        return f"{_missing(v, 'ja')}のため判断できない{known}。目標：{cond}{by}"
    if rule == "insufficient.undefined":
        return f"計算できない（{'；'.join(v.undefined)}）。{cond}{by}"
    if rule == "insufficient.trend_points":
        have = "、".join(reading_text(r, "ja") for r in v.readings if isinstance(r.value, Fraction)) or "なし"
        return f"増減の判断には2年度以上の数値が必要（数値：{have}）。"
    if rule == "insufficient.no_base_year":
        return f"未達成で、進捗を測る基準年度がない。{cond}{by}"
    if rule.startswith("insufficient"):
        known = f"（判明分：{_known(v, 'ja')}）" if _known(v, "ja") else ""
        return f"データ不足：{_missing(v, 'ja')}{known}。"
    if rule == "on_track.not_started":
        return f"期間は{label(v.period[0], 'ja') if v.period else '?'}から。まだ判断の対象年度がない。"
    values = "、".join(reading_text(r, "ja") for r in v.readings if isinstance(r.value, Fraction))
    if rule == "met.trend":
        return f"{cond}：{label(v.base_year or 0, 'ja')}から{y}まで満たしている（{values}）。"
    if rule in ("behind.trend_broken", "not_met.trend_broken"):
        broken = "、".join(label(b, "ja") for b in v.broken_years)
        return f"{cond}：{broken}に満たしていない（{values}）。"
    if rule == "met.every_year":
        if v.period and v.period[0] != v.period[1]:
            return f"{cond}：{_years(*v.period, 'ja')}の毎年度満たしている（{y}：{_n(v, v.actual)}）。"
        return f"{cond}：{y}は満たしている（{_n(v, v.actual)}）。"
    if rule == "not_met.year_broken" or (v.period and rule.startswith("exceeded")):
        broken = "、".join(label(b, "ja") for b in v.broken_years)
        return f"{cond}：{broken}に満たしていない（{y}：{_n(v, v.actual)}、目標{_threshold(v, 'ja')}）。"
    head = f"{y}実績{_n(v, v.actual)}（目標{_threshold(v, 'ja')}{by}）"
    if rule == "met.holds":
        return f"{head}：目標を達成。"
    if rule == "exceeded.above_range":
        return f"{head}：上限{_n(v, v.upper)}を超えている。"
    if rule.startswith("not_met"):
        return f"{head}：期限に至り、目標に達していない。" if v.deadline else f"{head}：目標に達していない。"
    line = (f"{label(v.base_year or 0, 'ja')}の{_n(v, v.base_value)}から{label(v.deadline or 0, 'ja')}の"
            f"{_n(v, v.goal)}への直線上の{label(v.as_of, 'ja')}の見込み値は{_n(v, v.expected)}")
    if rule == "on_track.on_line":
        return f"{head}：未達成だが、{line}で、実績はこれ以上（順調に進捗）。"
    return f"{head}：未達成で、{line}に届いていない（遅れ）。"
