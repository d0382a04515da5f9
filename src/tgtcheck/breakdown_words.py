"""Breakdown targets in words: "met in 14 of 27 region" / 「region 27のうち14で達成」, the count per status, and
the target's sentence.  The formats, ``explain`` and the report read these, so every output counts alike.

Counts name every status that has a key, in the order met, exceeded, on track, behind, not met, pending,
insufficient data; a pending key (集計中) is counted as pending, never as failed.
"""

from __future__ import annotations

from .verdict import STATUS_ORDER, Breakdown, Status, Verdict

_ORDER = (Status.MET, Status.EXCEEDED, Status.ON_TRACK, Status.BEHIND, Status.NOT_MET, Status.PENDING, Status.INSUFFICIENT_DATA)
assert set(_ORDER) == set(STATUS_ORDER)


def summary(b: Breakdown, lang: str = "en") -> str:
    """'met in 14 of 27 region' / 「region 27のうち14で達成」 (met counts exceeded too)."""
    if lang == "ja":
        return f"{b.dimension} {len(b.keys)}のうち{b.met}で達成"
    return f"met in {b.met} of {len(b.keys)} {b.dimension}"


def counts_text(b: Breakdown, lang: str = "en") -> str:
    """'12 met, 2 exceeded, 11 not met, 2 pending' / 「達成12、目標超過達成2、未達成11、集計中2」."""
    from .wording import status_word

    parts = [(status_word(s, lang), b.count(s)) for s in _ORDER if b.count(s)]
    if lang == "ja":
        return "、".join(f"{w}{n}" for w, n in parts)
    return ", ".join(f"{n} {w}" for w, n in parts)


def needed_text(b: Breakdown, lang: str = "en") -> str:
    if lang == "ja":
        return "全区分で達成が必要" if b.every else f"{b.needed}以上で達成が必要"
    return "every key needed" if b.every else f"at least {b.needed} needed"


def keys_with(b: Breakdown, status: Status) -> list[str]:
    return [k for k, v in b.keys if v.status is status]


def sentence(v: Verdict, lang: str = "en") -> str:
    """The explanation of a breakdown target: the count, the rule's reason, the keys that wait."""
    from .printer import condition_text, each_text, schedule_text
    from .rules import rule

    b = v.breakdown
    assert b is not None
    cond = condition_text(v.target.condition) + (f" {schedule_text(v.target.schedule)}" if v.target.schedule else "")
    assert v.target.each is not None
    head = f"{cond} {each_text(v.target.each)}"
    if not b.keys:
        return (f"{head}: データに{b.dimension}の区分がない。" if lang == "ja" else f"{head}: the data has no key of {b.dimension}.")
    waiting = keys_with(b, Status.PENDING)
    missing = keys_with(b, Status.INSUFFICIENT_DATA)
    if lang == "ja":
        text = f"{summary(b, 'ja')}（{needed_text(b, 'ja')}；{counts_text(b, 'ja')}）。{rule(v.rule).ja}。"
        if waiting:
            text += f"集計中：{'、'.join(waiting)}。"
        if missing:
            text += f"データ不足：{'、'.join(missing)}。"
        return text + f"目標：{head}"
    text = f"{summary(b)} ({needed_text(b)}; {counts_text(b)}): {rule(v.rule).en}."
    if waiting:
        text += f" Pending: {', '.join(waiting)}."
    if missing:
        text += f" Without data: {', '.join(missing)}."
    return text + f" Target: {head}"
