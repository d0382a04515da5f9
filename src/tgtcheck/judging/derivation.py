"""The full derivation of one verdict, step by step: `tgtcheck explain`.

``derive`` gathers, from a verdict and the spec and data it came from, every
fact the status rests on: each value read (with the spec's ``note`` for the
indicator, the data row's footnote and the cell's own note), the constants
used, each computation with its formula in numbers and its exact result, the
threshold and tolerance, the progress line's formula in numbers, and the rule
that chose the status with a sentence saying what that rule means.  The facts
are data (``Derivation``); ``render_text`` (English or Japanese) and
``to_json`` only lay them out, so the two cannot disagree.

Nothing is judged again here: whether the condition held is read from the
rule the evaluator chose (``HOLDS``), so an explanation can never contradict
its verdict.  Exact fractions are shown beside their decimals
(``21/104 ≈ 20.19%``), as the evaluator decided on the exact values.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.years import era_label, label
from ..data.dataset import Dataset, Marker
from ..language.nodes import Between, Compare, Constant, Node, Ref, Scale, Spec, Trend, walk
from ..language.printer import condition_text, expr_text, schedule_text
from .evaluate import Evaluator, Step, Verdict
from .functions import FUNCTIONS
from .methods import FACT_WORDS, GRADE_WORDS, METHODS
from .rules import RULES as _RULES
from .wording import MARKER_WORDS, REL_EN, REL_JA, fact_text, number, ratio_text, relation, status_word

# rule id -> (English, Japanese) and whether the condition held: read from the one rule table (rules.py)
RULES: dict[str, tuple[str, str]] = {r.id: (r.en, r.ja) for r in _RULES.values()}
HOLDS: dict[str, bool | None] = {r.id: r.holds for r in _RULES.values()}


@dataclass(frozen=True, slots=True)
class ReadFact:
    """One value read from the data, with every footnote about it."""

    indicator: str
    label: str | None
    unit: str | None
    year: int
    value: Fraction | Marker | None
    spec_note: str | None  # the indicator's `note` in the spec
    footnote: str | None  # the data row's footnote
    cell_note: str | None  # the note on this year's cell
    percent: bool


@dataclass(frozen=True, slots=True)
class ConstantFact:
    name: str
    expression: str
    value: Fraction | None
    percent: bool
    note: str | None


@dataclass(frozen=True, slots=True)
class StepFact:
    expression: str
    year: int
    formula: str | None  # the computation in numbers: (250 - 208) / 208
    result: Fraction | None
    percent: bool


@dataclass(frozen=True, slots=True)
class LineFact:
    """The progress line: from the base-year value to the goal at the deadline, read in ``year``."""

    method: str
    base_year: int
    base_value: Fraction
    goal: Fraction
    goal_formula: str | None  # 30% - 3% when the goal is the threshold less its tolerance
    deadline: int
    year: int
    expected: Fraction
    formula: str | None  # linear: 46 + (60 - 46) × (H14 - H13) / (H18 - H13)
    percent: bool


@dataclass(frozen=True, slots=True)
class Derivation:
    verdict: Verdict
    condition: str  # the condition and schedule as written canonically
    op: str | None  # >=, …, "between", or None for a trend
    reads: tuple[ReadFact, ...]
    constants: tuple[ConstantFact, ...]
    steps: tuple[StepFact, ...]
    line: LineFact | None
    holds: bool | None
    scale: Scale | None = None  # the rating scale the policy is rated on (`rated on`), for the grade's lines

    @property
    def rule(self) -> str:
        return self.verdict.rule

    @property
    def ratios(self) -> bool:
        return self.verdict.achievement is not None or self.verdict.progress is not None


def rule_text(rule: str, lang: str = "en") -> str:
    words = RULES.get(rule)
    return words[lang == "ja"] if words else rule


def derive(v: Verdict, spec: Spec, data: Dataset) -> Derivation:
    """Every fact behind ``v``, which ``evaluate`` made from ``spec`` and ``data``."""
    ev = Evaluator(spec, data, v.as_of)
    t = v.target
    cond = t.condition
    written = condition_text(cond) + (f" {schedule_text(t.schedule)}" if t.schedule is not None else "")
    op = "between" if isinstance(cond, Between) else cond.op if isinstance(cond, Compare) else None
    from .scales import resolve

    return Derivation(v, written, op, tuple(_read(r.indicator, r.year, r.value, r.note, spec, data) for r in v.readings),
                      _constants(v, spec, ev), tuple(_step(s, ev) for s in v.steps), _line(v, op), HOLDS.get(v.rule), resolve(spec))


def _read(name: str, year: int, value: Fraction | Marker | None, cell_note: str | None, spec: Spec, data: Dataset) -> ReadFact:
    ind = next((i for i in spec.indicators if i.id == name.partition("[")[0]), None)  # employment[region=DE]: employment
    series = data.series.get(name)
    return ReadFact(name, ind.label if ind else None, ind.unit if ind else None, year, value, ind.note if ind else None,
                    series.footnote if series else None, cell_note, bool(ind and ind.is_percent))


def _constants(v: Verdict, spec: Spec, ev: Evaluator) -> tuple[ConstantFact, ...]:
    """The constants the condition uses, and those they use."""
    by_name = {c.id: c for c in spec.constants}
    seen: dict[str, Constant] = {}
    roots: list[Node] = [v.target.condition]
    while roots:
        for e in walk(roots.pop()):
            if isinstance(e, Ref) and e.name in by_name and e.name not in seen:
                seen[e.name] = by_name[e.name]
                roots.append(by_name[e.name].value)
    return tuple(ConstantFact(c.id, expr_text(c.value), ev.constant_values.get(c.id), ev.is_percent(c.value), c.note)
                 for c in sorted(seen.values(), key=lambda c: c.id))


def _step(s: Step, ev: Evaluator) -> StepFact:
    """One computation, with its formula in numbers from the function's record (``Function.formula``)."""
    call, formula = s.call, None
    fn = FUNCTIONS.get(call.func) if call is not None else None
    if fn is not None and fn.formula is not None and len(s.inputs) == len(fn.formula.of):
        shown = [_plain(x, i is not None and ev.argument_percent(call, i)) for x, i in zip(s.inputs, fn.formula.of, strict=True)]
        formula = fn.formula.template.format(*shown)
    return StepFact(s.text, s.year, formula, s.result, s.percent)


def _plain(x: Fraction | None, percent: bool) -> str:
    """An operand in a formula; ? when it is not a number."""
    return "?" if x is None else number(x, percent).replace("≈", "≈ ")


def exact(x: Fraction | None, percent: bool = False) -> str:
    """A number for reading: 48.8, 30%, or 21/104 ≈ 20.19% when it is not a short decimal."""
    if x is None:
        return "?"
    shown = number(x, percent)
    if not shown.startswith(("≈", "-≈")):
        return shown
    return f"{x.numerator}/{x.denominator} ≈ {shown.replace('≈', '')}"


def _line(v: Verdict, op: str | None) -> LineFact | None:
    if v.base_year is None or v.base_value is None or v.goal is None or v.expected is None or v.deadline is None:
        return None
    end = v.milestone[0] if v.milestone is not None else v.deadline  # the next milestone, else the deadline
    year = v.value_year if v.value_year is not None else max(v.base_year, min(v.as_of, v.deadline))
    p = v.percent
    goal_formula = None
    if v.tolerance and v.threshold is not None:
        falling = op in ("<=", "<") or (op == "between" and v.direction == "lower")
        bound = v.upper if op == "between" and v.direction == "lower" and v.upper is not None else v.threshold
        goal_formula = f"{number(bound, p)} {'+' if falling else '-'} {number(v.tolerance, p)}"
    formula = None
    if v.method == "linear":
        formula = (f"{_plain(v.base_value, p)} + ({_plain(v.goal, p)} - {_plain(v.base_value, p)}) × "
                   f"({era_label(year)} - {era_label(v.base_year)}) / ({era_label(end)} - {era_label(v.base_year)})")
    return LineFact(v.method, v.base_year, v.base_value, v.goal, goal_formula, end, year, v.expected, formula, p)


# -- text ---------------------------------------------------------------------------------
_HEADINGS = {
    "reads": ("values read", "読み取った値"), "constants": ("constants", "定数"), "steps": ("computations", "計算"),
    "threshold": ("threshold", "目標値"), "line": ("progress line", "進捗の直線"), "rule": ("rule", "判定規則"),
    "status": ("status", "判定"), "condition": ("condition", "条件"), "as_of": ("as of", "評価年度"),
}


def render_text(d: Derivation, lang: str = "en") -> str:
    ja = lang == "ja"
    v = d.verdict

    def h(key: str) -> str:
        return _HEADINGS[key][ja]

    def y(year: int) -> str:
        return label(year, "ja") if ja else label(year)

    out = [f"{v.target.id}  {v.target.title}", f"  {h('condition')}: {d.condition}"]
    when = [f"{h('as_of')} {y(v.as_of)}"]
    if v.judged_year is not None and v.judged_year != v.as_of:
        when.append(("判断年度 " if ja else "judged in ") + y(v.judged_year))
    if v.value_year is not None and v.value_year != v.judged_year:
        when.append(("直近値 " if ja else "latest value ") + y(v.value_year))
    if v.deadline is not None:
        when.append(("期限 " if ja else "deadline ") + y(v.deadline))
    if v.base_year is not None:
        when.append(("基準年度 " if ja else "base year ") + y(v.base_year))
    if v.period is not None:
        first, last = (era_label(x) for x in v.period)
        when.append(("対象期間 " if ja else "years judged ") + (first if first == last else f"{first}–{last}"))
    out.append("  " + ("、" if ja else "; ").join(when))
    if d.reads:
        out += ["", h("reads")] + _read_lines(d.reads, lang)
    if d.constants:
        out += ["", h("constants")]
        for c in d.constants:
            value = exact(c.value, c.percent)
            out.append(f"  {c.name} = {c.expression}" + (f" = {value}" if value != c.expression else ""))
            if c.note:
                out.append(f"      note: {c.note}" if not ja else f"      注: {c.note}")
    if d.steps:
        out += ["", h("steps")]
        for s in d.steps:
            where = f"（{label(s.year, 'ja')}）" if ja else f" in {era_label(s.year)}"
            formula = f" = {s.formula}" if s.formula else ""
            result = exact(s.result, s.percent) if s.result is not None else ("計算できない" if ja else "not a number")
            out.append(f"  {s.expression}{where}{formula} = {result}")
    threshold = _threshold_lines(d, lang)
    if threshold:
        out += ["", h("threshold")] + threshold
    if d.line is not None:
        out += ["", f"{h('line')} ({d.line.method})"] + _line_lines(d, lang)
    if v.method_facts or v.grade:
        out += ["", f"{'評価方法' if ja else 'method'} {v.method}: {_method_words(v.method, lang)}"] + _method_lines(v, lang)
    if d.ratios:
        out += ["", "達成率・進捗率" if ja else "ratios"] + [f"  {words}: {text}" for words, text in _ratio_lines(v, lang)]
    if d.scale is not None:
        out += ["", f"評価区分表 {d.scale.id}（{d.scale.ja}）" if ja else f"rating scale {d.scale.id} ({d.scale.en})"]
        out += _rating_lines(d.scale, v, lang)
    if d.op is None:
        out += ["", "増減" if ja else "trend"] + _trend_lines(d, lang)
    if v.breakdown is not None:
        out += ["", *_key_lines(v, lang)]
    missing = [r for r in v.missing if not isinstance(r.value, Fraction)] if v.breakdown is None else []
    if missing or v.undefined:
        out += ["", "足りないもの" if ja else "missing"]
        out += [f"  {r.indicator} {era_label(r.year)}: {_value(r.value, False, None, lang)}" for r in missing]
        out += [f"  {u.text(lang)}" for u in v.undefined]
    if v.broken_years and d.op is not None:
        out += ["", ("満たさなかった年度: " if ja else "years that break it: ") + ", ".join(era_label(b) for b in v.broken_years)]
    out += ["", f"{h('rule')}: {v.rule}", f"  {rule_text(v.rule, lang)}", "", f"{h('status')}: {status_word(v.status, lang)}"]
    if v.recorded is not None:  # the sheet author's judgement of the as-of year, beside the rule's
        out += ["", *_recorded_lines(v, lang)]
    return "\n".join(out) + "\n"


def _recorded_lines(v: Verdict, lang: str) -> list[str]:
    """The recorded judgement: its status, who, why, and whether it differs from the rule's status."""
    from .recorded_words import word

    r = v.recorded
    assert r is not None
    ja = lang == "ja"
    head = f"{word('recorded', lang)}（{label(r.year, 'ja')}）" if ja else f"{word('recorded', lang)} ({label(r.year)})"
    return [f"{head}: {status_word(r.status, lang)}",
            f"  {word('by', lang)}: {r.by}", f"  {word('because', lang)}: {r.because}",
            f"  {word('mechanical', lang)}: {status_word(r.mechanical, lang)} — {word('differs' if r.differs else 'same', lang)}",
            f"  {word('counted', lang)}"]


def _key_lines(v: Verdict, lang: str) -> list[str]:
    """A breakdown target: the count, then each key (best first) with its status, rule and numbers; `--key K` derives one."""
    from .wording import breakdown_counts as counts_text
    from .wording import breakdown_needed as needed_text
    from .wording import breakdown_summary as summary

    b = v.breakdown
    assert b is not None
    ja = lang == "ja"
    out = [f"{'区分' if ja else 'keys'} ({b.dimension}): {summary(b, lang)}; {needed_text(b, lang)}; {counts_text(b, lang)}"]
    width = max([len(k) for k, _ in b.keys] + [3])
    for key, k in b.by_achievement():
        numbers = ""
        if k.actual is not None and k.threshold is not None:
            numbers = f"  {exact(k.actual, k.percent)} / {exact(k.threshold, k.percent)}"
        out.append(f"  {key.ljust(width)}  {status_word(k.status, lang)}  {k.rule}{numbers}")
    out.append("  (" + ("各区分の導出: tgtcheck explain SPEC TARGET --key KEY" if ja else "each key's derivation: tgtcheck explain SPEC TARGET --key KEY")
               + ")")
    return out


def _method_words(name: str, lang: str) -> str:
    method = METHODS.get(name)
    return "" if method is None else method.ja if lang == "ja" else method.en


def _method_lines(v: Verdict, lang: str) -> list[str]:
    """The numbers a rating method computed (the rates and their ratio, the slope and the projection) and its grade."""
    ja = lang == "ja"
    lines = [f"  {FACT_WORDS[f.key][ja]} = {fact_text(f)}" for f in v.method_facts]
    if v.goal is not None:
        lines.append(f"  {'到達目標' if ja else 'goal'} ({era_label(v.deadline or 0)}) = {exact(v.goal, v.percent)}")
    if v.grade:
        lines.append(f"  {'区分' if ja else 'grade'}: {GRADE_WORDS[v.grade][ja]}")
    return lines


def _rating_lines(scale: Scale, v: Verdict, lang: str) -> list[str]:
    """How the grade was found: the measure's value (how it is computed) and the band that holds, or why none does."""
    from .rating import MEASURE_WORDS
    from .scales import measure

    ja = lang == "ja"
    r = v.rating
    ratios = [g.measure for g in scale.grades if g.measure in MEASURE_WORDS and g.measure != "status"]
    out: list[str] = []
    if ratios:
        name = ratios[0]
        value = measure(name, v)
        word = MEASURE_WORDS["achievement_inverse" if name == "achievement" and v.direction == "lower" else name][ja]
        if value is None:
            out.append(f"  {word}: なし（{_NO_MEASURE[name][1]}）" if ja else f"  {word}: none ({_NO_MEASURE[name][0]})")
        else:
            shown = ("目標値÷実績が0除算（実績0）：どの数値より良い" if ja else "target ÷ an actual of 0: better than any number") \
                if not isinstance(value, Fraction) else ratio_text(value)
            out.append(f"  {word} = {shown}" + _measure_how(name, v, lang))
    if r is None:
        out.append("  どの区分の範囲にも当たらない：区分なし" if ja else "  no grade's band holds: not graded")
        return out
    score = (f"、{exact(r.score)}点" if ja else f", score {exact(r.score)}") if r.score is not None else ""
    if ja:
        out.append(f"  {r.band} に当たる：区分 {r.grade}「{r.ja}」{score}")
    else:
        out.append(f"  {r.band} holds: grade {r.grade} ({r.en}){score}")
    return out


_NO_MEASURE = {
    "achievement": ("no target value to divide by, or a range to keep within", "割る目標値がない、または範囲内に保つ目標"),
    "progress": ("no base-year value, or the base already had the target", "基準年度の値がない、または基準年度に既に目標に達していた"),
    "pace": ("no progress ratio, or no year elapsed since the base year", "進捗率がない、または基準年度から年数が経っていない"),
}


def _measure_how(name: str, v: Verdict, lang: str) -> str:
    """How a measure's value is computed, in numbers where they help."""
    ja = lang == "ja"
    if name == "achievement":
        if v.direction == "lower":
            return "（目標値÷実績：低いほど良い目標）" if ja else " (target ÷ actual: the value should fall)"
        return "（実績÷目標値）" if ja else " (actual ÷ target)"
    if name == "progress":
        return "（基準からの変化÷必要な変化）" if ja else " (change since base ÷ change required)"
    base, year = v.base_year, v.value_year if v.value_year is not None else v.judged_year
    end = v.milestone[0] if v.milestone is not None else v.deadline
    if v.progress is None or base is None or year is None or end is None:
        return ""
    share = min(Fraction(year - base, end - base), Fraction(1))
    if ja:
        return (f"（進捗率{ratio_text(v.progress)}÷経過の割合（{era_label(year)}−{era_label(base)}）÷（{era_label(end)}−{era_label(base)}）"
                f"＝{exact(share)}）")
    return (f" (progress ratio {ratio_text(v.progress)} ÷ share of the period elapsed ({era_label(year)} − {era_label(base)}) ÷ "
            f"({era_label(end)} − {era_label(base)}) = {exact(share)})")


def _ratio_lines(v: Verdict, lang: str) -> list[tuple[str, str]]:
    """The achievement ratio (actual ÷ target) and the progress ratio (change since the base ÷ change required)."""
    ja = lang == "ja"
    out = []
    if v.achievement is not None:
        out.append(("達成率（実績÷目標値）" if ja else "achievement ratio (actual ÷ target)", ratio_text(v.achievement)))
    if v.progress is not None:
        out.append(("進捗率（基準からの変化÷必要な変化）" if ja else "progress ratio (change since base ÷ change required)",
                    ratio_text(v.progress)))
    return out


def _read_lines(reads: tuple[ReadFact, ...], lang: str) -> list[str]:
    """Per indicator: its label and footnotes once, then each value read with its cell's note."""
    ja = lang == "ja"
    lines: list[str] = []
    for name in dict.fromkeys(r.indicator for r in reads):
        mine = [r for r in reads if r.indicator == name]
        first = mine[0]
        lines.append(f"  {name}" + (f" ({first.label})" if first.label else ""))
        same = first.footnote == first.spec_note
        notes = [(("note in the spec and the data", "仕様とデータの注") if same else ("note in the spec", "仕様の注"), first.spec_note),
                 (("footnote in the data", "データの脚注"), None if same else first.footnote)]
        lines += [f"      {words[ja]}: {note}" for words, note in notes if note]
        for r in mine:
            lines.append(f"    {era_label(r.year)} = {_value(r.value, r.percent, r.unit, lang)}")
            if r.cell_note:
                lines.append(f"      {'年度の注' if ja else 'note'}: {r.cell_note}")
    return lines


def _value(x: Fraction | Marker | None, percent: bool, unit: str | None, lang: str) -> str:
    if isinstance(x, Fraction):
        return number(x) + ("%" if percent else f" {unit}" if unit else "")
    return MARKER_WORDS[x][lang == "ja"]


def _threshold_lines(d: Derivation, lang: str) -> list[str]:
    v, ja, p = d.verdict, lang == "ja", d.verdict.percent
    if v.threshold is None or d.op is None:
        return []
    tol = v.tolerance or Fraction(0)
    if d.op == "between":
        bound = f"{exact(v.threshold, p)} – {exact(v.upper, p)}"
        if tol:
            bound += f" ± {exact(tol, p)}: {exact(v.threshold - tol, p)} – {exact((v.upper or 0) + tol, p)}"
    else:
        bound = f"{d.op} {exact(v.threshold, p)}"
        if tol:
            edge = {">=": -tol, ">": -tol, "<=": tol, "<": tol}.get(d.op)
            bound += f" ± {exact(tol, p)}" + (f": {d.op} {exact(v.threshold + edge, p)}" if edge is not None else f" (|difference| <= {exact(tol, p)})")
    lines = [f"  {'目標' if ja else 'required'}: {bound}"]
    if v.actual is not None and v.judged_year is not None:
        verdict = {True: ("満たす", "holds"), False: ("満たさない", "does not hold"), None: ("?", "?")}[d.holds][not ja]
        if v.rule == "exceeded.beyond_range":
            verdict = "望ましい方向に範囲を超える（目標超過達成）" if ja else "beyond the range on the better side (exceeded)"
        year = v.value_year if v.value_year is not None else v.judged_year
        lines.append(f"  {'実績' if ja else 'actual'} {era_label(year)}: {exact(v.actual, p)} → {verdict}")
    return lines


def _trend_lines(d: Derivation, lang: str) -> list[str]:
    """Each number against the one before; ✗ marks the years the evaluator found breaking the trend."""
    v, ja = d.verdict, lang == "ja"
    call = v.target.condition.call if isinstance(v.target.condition, Trend) else None
    rising = call is not None and call.func == "increasing"
    points = [r for r in d.reads if isinstance(r.value, Fraction)]
    rule = ("各年度の値が前年度を上回ること" if rising else "各年度の値が前年度を下回ること") if ja else \
        f"each number must be {'above' if rising else 'below'} the one before"
    lines = [f"  {rule}"]
    for before, after in itertools.pairwise(points):
        assert isinstance(before.value, Fraction) and isinstance(after.value, Fraction)
        mark = "✗" if after.year in v.broken_years else "✓"
        lines.append(f"  {era_label(before.year)} {number(before.value)} → {era_label(after.year)} {number(after.value)} {mark}")
    if len(points) < 2:
        have = ", ".join(f"{era_label(r.year)} {number(r.value)}" for r in points if isinstance(r.value, Fraction))
        lines.append(f"  {'数値のある年度' if ja else 'years with a number'}: {have or ('なし' if ja else 'none')}")
    return lines


def _line_lines(d: Derivation, lang: str) -> list[str]:
    line, v, ja = d.line, d.verdict, lang == "ja"
    assert line is not None
    p = line.percent
    goal = f"{line.goal_formula} = {exact(line.goal, p)}" if line.goal_formula else exact(line.goal, p)
    lines = [f"  {'到達目標' if ja else 'goal'} ({era_label(line.deadline)}) = {goal}",
             f"  {'基準値' if ja else 'start'} ({era_label(line.base_year)}) = {exact(line.base_value, p)}"]
    formula = f" = {line.formula}" if line.formula else ""
    lines.append(f"  {'見込み値' if ja else 'expected'} ({era_label(line.year)}){formula} = {exact(line.expected, p)}")
    if v.actual is not None:
        rel = relation(v.actual, line.expected)
        word = REL_JA[rel] if ja else REL_EN[rel] + " the line"
        status = status_word(v.status, lang)
        lines.append(f"  {'実績' if ja else 'actual'} {exact(v.actual, p)}: {'見込み値' if ja else ''}{word} → {status}")
    return lines


# -- JSON ---------------------------------------------------------------------------------
def to_json(d: Derivation, lang: str = "en") -> dict[str, Any]:
    from .json_numbers import exact as exact_string
    from .json_numbers import year

    v, p = d.verdict, d.verdict.percent

    def both(x: Fraction | None, percent: bool) -> dict[str, Any] | None:
        return None if x is None else {"exact": exact_string(x, percent), "text": exact(x, percent)}

    line = d.line
    return {
        "id": v.target.id, "title": v.target.title, "condition": d.condition,
        "as_of": year(v.as_of), "judged_year": year(v.judged_year), "deadline": year(v.deadline), "base_year": year(v.base_year),
        "period": [year(v.period[0]), year(v.period[1])] if v.period else None,
        "status": v.status.value, "status_text": status_word(v.status, lang), "rule": v.rule, "rule_text": rule_text(v.rule, lang),
        "percent": p,
        "readings": [{"indicator": r.indicator, "label": r.label, "unit": r.unit, "year": year(r.year),
                      "value": exact_string(r.value) if isinstance(r.value, Fraction) else None,
                      "marker": r.value.value if isinstance(r.value, Marker) else "missing" if r.value is None else None,
                      "note": r.spec_note, "footnote": r.footnote, "cell_note": r.cell_note} for r in d.reads],
        "constants": [{"name": c.name, "expression": c.expression, "value": both(c.value, c.percent), "note": c.note} for c in d.constants],
        "steps": [{"expression": s.expression, "year": year(s.year), "formula": s.formula, "result": both(s.result, s.percent),
                   "percent": s.percent} for s in d.steps],
        "threshold": None if v.threshold is None else {
            "op": d.op, "value": both(v.threshold, p), "upper": both(v.upper, p), "tolerance": both(v.tolerance, p),
            "actual": both(v.actual, p), "holds": d.holds},
        "line": None if line is None else {
            "method": line.method, "base_year": year(line.base_year), "base_value": both(line.base_value, p),
            "goal": both(line.goal, p), "goal_formula": line.goal_formula, "deadline": year(line.deadline), "year": year(line.year),
            "expected": both(line.expected, p), "formula": line.formula},
        "method": {"name": v.method, "grade": v.grade,
                   "facts": [{"key": f.key, "value": exact_string(f.value, f.percent), "approximate": f.approximate,
                              "percent": f.percent} for f in v.method_facts]},
        "achievement": exact_string(v.achievement, True), "progress": exact_string(v.progress, True),
        "main": v.target.main, "rating": _rating_json(v, lang),
        "broken_years": [year(b) for b in v.broken_years],
        "missing": [{"indicator": r.indicator, "year": year(r.year),
                     "marker": r.value.value if isinstance(r.value, Marker) else "missing"} for r in v.missing],
        "undefined": [u.en for u in v.undefined],
        "recorded": None if v.recorded is None else {
            "status": v.recorded.status.value, "status_text": status_word(v.recorded.status, lang), "year": year(v.recorded.year),
            "by": v.recorded.by, "because": v.recorded.because, "mechanical": v.recorded.mechanical.value,
            "differs": v.recorded.differs},
        "breakdown": _breakdown_json(v, lang),
    }


def _rating_json(v: Verdict, lang: str) -> dict[str, Any] | None:
    from .json_parts import rating

    return rating(v.rating, lang)


def _breakdown_json(v: Verdict, lang: str) -> dict[str, Any] | None:
    from .json_parts import breakdown

    return breakdown(v, lang)
