"""What the diff formats (text, JSON, Markdown) share: the report they render, its words, its values.

Every value is shown through ``printer`` as it was written on its own side,
so a moved deadline reads ``H18 → H22`` and a year written ``2006`` stays
``2006``.  Japanese uses the evaluation sheets' words (変更, 追加, 削除,
名称変更, 判定の変化; 目標値, 達成年度, 基準年度 …).  The diff renderers
import this one table, so the three formats cannot name a field differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

from ..analysis.differ import Added, Changed, Edit, FieldChange, Removed, Renamed, Split
from ..analysis.verdict_diff import Moved, VerdictChange
from ..core.years import era_label, label
from ..judging.evaluate import Reading, Verdict
from ..judging.wording import MARKER_WORDS, number, reading_text, status_word
from ..language.nodes import Condition, Constant, Deadline, Each, EveryYear, Expr, Grade, Indicator, Judgement, Milestone, Scale, Spec, Target, Year
from ..language.printer import band_text, condition_text, each_text, expr_text, grade_text, judgement_text, string_text, year_text
from ..language.printer import schedule_text as printed_schedule


@dataclass(frozen=True)
class DiffReport:
    """Everything a diff format shows: both sides, the spec edits and, when evaluated, the verdict changes."""

    old_name: str
    new_name: str
    old: Spec
    new: Spec
    edits: tuple[Edit, ...]
    verdicts: tuple[VerdictChange, ...] | None = None
    old_as_of: int | None = None
    new_as_of: int | None = None
    old_data: str | None = None
    new_data: str | None = None
    header: str | None = None  # the text format's first line, instead of "OLD → NEW" (git's driver sets it)

    @property
    def verdict_changes(self) -> tuple[VerdictChange, ...]:
        return tuple(c for c in self.verdicts or () if c.changed)

    @property
    def changed(self) -> bool:
        return bool(self.edits) or bool(self.verdict_changes)


GROUPS = ("changed", "added", "removed", "renamed", "split")

_GROUP_WORDS = {
    "changed": ("changed", "変更"),
    "added": ("added", "追加"),
    "removed": ("removed", "削除"),
    "renamed": ("renamed", "名称変更"),
    "split": ("split", "分割"),
}

_KIND_WORDS = {
    "policy": ("policy", "施策目標"),
    "target": ("target", "達成目標"),
    "indicator": ("indicator", "指標"),
    "constant": ("constant", "定数"),
    "scale": ("rating scale", "評価区分表"),
}

FIELD_WORDS = {
    "id": ("id", "ID"),
    "title": ("title", "名称"),
    "base": ("base year", "基準年度"),
    "due": ("due year", "達成年度"),
    "data": ("data file", "データファイル"),
    "goal": ("goal", "目標"),
    "method": ("method", "評価方法"),
    "better": ("desirable direction", "望ましい方向"),
    "judge": ("value judged", "判定に用いる値"),
    "years": ("kind of year", "年度の種類"),
    "label": ("label", "名称"),
    "unit": ("unit", "単位"),
    "note": ("note", "注記"),
    "value": ("value", "値"),
    "condition": ("condition", "条件"),
    "measure": ("measure", "測定式"),
    "function": ("function", "関数"),
    "operator": ("operator", "比較"),
    "threshold": ("threshold", "目標値"),
    "lower": ("lower bound", "下限"),
    "upper": ("upper bound", "上限"),
    "about": ("about (程度)", "程度"),
    "tolerance": ("tolerance", "許容幅"),
    "schedule": ("schedule", "期限・期間"),
    "deadline": ("deadline", "達成年度"),
    "milestones": ("milestones", "年度ごとの中間目標"),
    "start": ("first year", "開始年度"),
    "end": ("last year", "終了年度"),
    "judged": ("recorded judgement", "記録された判断"),
    "rated": ("rating scale", "評価区分表"),
    "rollup": ("roll-up (the policy's judgement)", "総合判定の方法"),
    "main": ("main target (主要な測定指標)", "主要な測定指標"),
    "scale_ja": ("Japanese title", "表題（日本語）"),
    "scale_en": ("English title", "表題（英語）"),
    "grade": ("grade", "区分"),
    "band": ("band of a grade", "区分の範囲"),
    "grade_labels": ("labels of a grade", "区分の名称"),
    "score": ("score of a grade", "区分の点"),
    "grade_order": ("order of the grades", "区分の順序"),
    "breakdown": ("judged per key", "区分ごとの判断"),
}

#: the numbers of a verdict (verdict_diff.MOVED_FIELDS) and its missing readings
VERDICT_WORDS = {
    "actual": ("actual", "実績値"),
    "expected": ("expected", "見込み値"),
    "threshold": ("threshold", "目標値"),
    "upper": ("upper bound", "上限"),
    "tolerance": ("tolerance", "許容幅"),
    "goal": ("line goal", "直線の到達値"),
    "missing": ("missing", "欠測"),
}

PHRASES = {
    "no_change": ("no semantic change", "意味上の変更なし"),
    "verdicts": ("verdicts", "判定の変化"),
    "verdict_changes": ("Verdict changes", "判定の変化"),
    "no_verdict_change": ("no verdict change", "判定の変化なし"),
    "unchanged": ("unchanged", "変化なし"),
    "none": ("(none)", "（なし）"),
    "exact": ("exact", "厳密"),
    "new_target": ("(new)", "（新規）"),
    "gone_target": ("(removed)", "（削除）"),
    "item": ("Item", "項目"),
    "field": ("Field", "内容"),
    "before": ("Before", "変更前"),
    "after": ("After", "変更後"),
    "change": ("Change", "区分"),
    "target_col": ("Target", "達成目標"),
    "status_changes": ("status changes", "判定の変化"),
    "numbers_moved": ("Numbers moved", "数値の変化"),
    "target_changes": ("Target changes", "目標の変更"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "ja" else pair[0]


def group_word(group: str, lang: str) -> str:
    return _pick(_GROUP_WORDS[group], lang)


def kind_word(kind: str, lang: str) -> str:
    return _pick(_KIND_WORDS[kind], lang)


def field_word(name: str, lang: str) -> str:
    return _pick(FIELD_WORDS.get(name, (name, name)), lang)


def verdict_word(name: str, lang: str) -> str:
    return _pick(VERDICT_WORDS.get(name, (name, name)), lang)


def phrase(key: str, lang: str) -> str:
    return _pick(PHRASES[key], lang)


def group_of(e: Edit) -> str:
    return {Changed: "changed", Added: "added", Removed: "removed", Renamed: "renamed", Split: "split"}[type(e)]


def grouped(edits: tuple[Edit, ...]) -> list[tuple[str, list[Edit]]]:
    """The edits by group, in the order of ``GROUPS``; empty groups left out."""
    return [(g, [e for e in edits if group_of(e) == g]) for g in GROUPS if any(group_of(e) == g for e in edits)]


def edit_id(e: Edit) -> str:
    """``6-2-1``, ``6-2-5 → 6-2-8``, ``6-2-6 → 6-2-6-1, 6-2-6-2``."""
    if isinstance(e, Renamed):
        return f"{e.old.id} → {e.new.id}"
    if isinstance(e, Split):
        return f"{e.old.id} → {', '.join(p.id for p in e.new)}"
    return e.id


# -- values as written -------------------------------------------------------------------
def schedule_text(s: Deadline | EveryYear | None) -> str:
    return "" if s is None else printed_schedule(s)


def milestones_text(milestones: tuple[Milestone, ...]) -> str:
    """`163 by H18, 340 by H19`: the milestones after the first, as written."""
    return ", ".join(printed_schedule(Deadline(m.year, milestones=(m,)))[len(f"by {year_text(m.year)}, "):] for m in milestones)


def target_text(t: Target) -> str:
    """The target's condition and schedule as one line: ``count(x) >= about 10 ± 1 by H18``."""
    parts = [condition_text(t.condition), schedule_text(t.schedule)]
    parts += [f"base {year_text(t.base)}"] if t.base is not None else []
    parts += [f"method {t.method}"] if t.method is not None else []
    return " ".join(p for p in parts if p)


def value_text(field: str, value: Any, lang: str = "en", quote: bool = True) -> str | None:
    """A field's value as written, or None when the field is absent on that side; texts in quotes if ``quote``."""
    if value is None:
        return None
    if field == "about":
        return "about" if value else phrase("exact", lang)
    if isinstance(value, Judgement):  # `met in H18 by "…" because "…"`: the clause without its keyword
        return judgement_text(value).removeprefix("judged ")
    if field == "main":
        return ("主要" if value else "主要でない") if lang == "ja" else ("main" if value else "not main")
    if isinstance(value, Grade):  # a grade's band, labels or score, named by the grade
        if field == "band":
            return f"{value.id}: {band_text(value)}"
        if field == "grade_labels":
            return f"{value.id}: {string_text(value.ja)} {string_text(value.en)}"
        if field == "score":
            return f"{value.id}: " + (expr_text(value.score) if value.score is not None else phrase("none", lang))
        return grade_text(value)
    if field == "grade_order":
        return " > ".join(value)
    if isinstance(value, str):
        return value if field in ("operator", "method", "rated", "rollup") or not quote else f'"{value}"'
    if isinstance(value, Year):
        return year_text(value)
    if isinstance(value, (Deadline, EveryYear)):
        return schedule_text(value)
    if isinstance(value, Each):
        return each_text(value)
    if field == "milestones":
        return milestones_text(value) or phrase("none", lang)
    if field == "condition":
        return condition_text(cast(Condition, value))
    return expr_text(cast(Expr, value))


def shown(field: str, value: Any, lang: str) -> str:
    text = value_text(field, value, lang)
    return phrase("none", lang) if text is None else text


def year_of(c: FieldChange) -> tuple[int | None, int | None] | None:
    """The western years of a year field's two sides, for machine output."""
    if isinstance(c.old, Year) or isinstance(c.new, Year):
        return (c.old.value if isinstance(c.old, Year) else None, c.new.value if isinstance(c.new, Year) else None)
    return None


def described(e: Edit, quote: bool = True) -> str:
    """What an added or removed declaration is: a target's title and condition, an indicator's label."""
    node = e.node if isinstance(e, (Added, Removed)) else None
    q = '"' if quote else ""
    if isinstance(node, Target):
        return f"{q}{node.title}{q}  {target_text(node)}"
    if isinstance(node, Indicator):
        return f"{q}{node.label}{q}" + (f" ({node.unit})" if node.unit else "")
    if isinstance(node, Constant):
        return f"= {expr_text(node.value)}"
    if isinstance(node, Scale):
        return f"{q}{node.ja}{q} {q}{node.en}{q}: " + ", ".join(f"{g.id} ({band_text(g)})" for g in node.grades)
    return ""


# -- verdicts ----------------------------------------------------------------------------
def status_text(v: Verdict | None, lang: str, new_side: bool) -> str:
    if v is None:
        return phrase("new_target" if not new_side else "gone_target", lang)
    return status_word(v.status, lang)


def moved_text(m: Moved, lang: str) -> str:
    return f"{verdict_word(m.field, lang)} {_number(m.old, m.old_percent)} → {_number(m.new, m.new_percent)}"


def _number(value: Fraction | None, percent: bool) -> str:
    return "?" if value is None else number(value, percent)


def missing_text(v: Verdict | None, lang: str) -> str:
    """The readings a verdict lacks, consecutive years of one marker folded: ``x H10–H13 = n/a``."""
    runs: list[list[Reading]] = []
    for r in missing_readings(v):
        last = runs[-1][-1] if runs else None
        if last is not None and (last.indicator, last.value, last.year + 1) == (r.indicator, r.value, r.year):
            runs[-1].append(r)
        else:
            runs.append([r])
    if not runs:
        return phrase("none", lang)
    return ("、" if lang == "ja" else ", ").join(reading_text(run[0], lang) if len(run) == 1 else _run_text(run, lang) for run in runs)


def _run_text(run: list[Reading], lang: str) -> str:
    first, last = run[0], run[-1]
    marker = MARKER_WORDS[first.value][lang == "ja"]  # type: ignore[index]
    if lang == "ja":
        name = getattr(first, "label", None) or first.indicator
        return f"{name}（{label(first.year, 'ja')}～{label(last.year, 'ja')}）＝{marker}"
    return f"{first.indicator} {era_label(first.year)}–{era_label(last.year)} = {marker}"


def missing_readings(v: Verdict | None) -> tuple[Reading, ...]:
    """The readings of a verdict that are not numbers (a trend's verdict lists all it read)."""
    return tuple(r for r in (v.missing if v is not None else ()) if not isinstance(r.value, Fraction))


def change_summary(c: VerdictChange, lang: str) -> list[str]:
    """The moved numbers and the missing values of one verdict change, one phrase each."""
    parts = [moved_text(m, lang) for m in c.moved]
    if c.missing_changed:
        parts.append(f"{verdict_word('missing', lang)} {missing_text(c.old, lang)} → {missing_text(c.new, lang)}")
    return parts


def status_arrow(c: VerdictChange, lang: str) -> str:
    return f"{status_text(c.old, lang, False)} → {status_text(c.new, lang, True)}"


def as_of_text(year: int, lang: str) -> str:
    return label(year, lang)


def status_value(v: Verdict | None) -> str | None:
    return v.status.value if v is not None else None
