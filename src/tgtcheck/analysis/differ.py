"""The semantic diff of two specs: what changed in the targets, not in the file.

``diff(old, new)`` compares two ``nodes.Spec`` trees and returns a tuple of
small frozen edit records, as sqlglot's ``diff.py`` does (Insert, Remove,
Update, Move there; ``Added``, ``Removed``, ``Changed``, ``Renamed`` and
``Split`` here).  A changed declaration carries one ``FieldChange`` per field
that changed, with the old and the new *nodes*, so a renderer can show each
side as it was written (``H18 → H22``) through ``printer``.  The function is
pure: no I/O, no wording; ``formats/diff_*.py`` turn the records into text.

Matching, and what is *not* a change:
- declarations are matched by kind and id; order, comments, spacing, line
  breaks and the way a year or number is written never matter, because node
  equality ignores spans and source text (``H18 == 2006 == FY2006``,
  ``30% == 3割``, ``1,000 == 1000``, full-width digits);
- an explicit clause equal to what would apply anyway is no change: a
  target's ``base H13`` under a policy with ``base H13``, ``method linear``
  (the default method), ``judge latest`` under ``judge latest``,
  ``data "./x.yaml"`` for ``data "x.yaml"``;
- a renamed indicator (same label) or constant (same value and note) is
  matched as such, and references are compared under the new name, so the
  targets that use it are not reported as changed.

Renames and splits of targets (the rule docs/diff.md states):
- a removed and an added target are one *renamed* target when they have the
  same condition and schedule and titles with a ``difflib`` ratio of at
  least ``RENAME_SIMILARITY`` (0.8), or the same title and condition; the
  best-scoring pairs are taken first;
- a removed target whose id is extended by two or more added ids
  (``6-2-6`` → ``6-2-6-1``, ``6-2-6a``; not ``6-2-61``) is *split*; splits
  are found before renames, so a piece that kept the old condition does not
  turn the split into a rename and an addition.
"""

from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass, replace
from typing import Any, Union

from ..judging.functions import FUNCTIONS, Kind
from ..judging.methods import DEFAULT_METHOD
from ..language.nodes import (
    Approx,
    Between,
    Call,
    Compare,
    Condition,
    Constant,
    Deadline,
    Declaration,
    EveryYear,
    Grade,
    Indicator,
    Judgement,
    Number,
    Policy,
    Ref,
    Scale,
    Schedule,
    Spec,
    Target,
    Trend,
    Year,
)

RENAME_SIMILARITY = 0.8

KINDS = ("indicator", "constant", "target", "scale")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a declaration: its old and new value (a node, a text, a flag or None)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class Added:
    kind: str  # "indicator" | "constant" | "target"
    node: Declaration

    @property
    def id(self) -> str:
        return self.node.id


@dataclass(frozen=True, slots=True)
class Removed:
    kind: str
    node: Declaration

    @property
    def id(self) -> str:
        return self.node.id


@dataclass(frozen=True, slots=True)
class Changed:
    kind: str  # "policy" | "indicator" | "constant" | "target"
    old: Declaration | Policy
    new: Declaration | Policy
    changes: tuple[FieldChange, ...]

    @property
    def id(self) -> str:
        return self.new.id


@dataclass(frozen=True, slots=True)
class Renamed:
    """The same declaration under a new id; ``changes`` lists what else moved (a title's wording)."""

    kind: str
    old: Declaration
    new: Declaration
    changes: tuple[FieldChange, ...] = ()

    @property
    def id(self) -> str:
        return self.new.id


@dataclass(frozen=True, slots=True)
class Split:
    """One target replaced by several whose ids extend its id."""

    old: Target
    new: tuple[Target, ...]
    kind: str = "target"

    @property
    def id(self) -> str:
        return self.old.id


Edit = Union[Added, Removed, Changed, Renamed, Split]


def diff(old: Spec, new: Spec) -> tuple[Edit, ...]:
    """Every semantic difference from ``old`` to ``new``; empty when they mean the same."""
    edits: list[Edit] = []
    policy = _policy_changes(old.policy, new.policy)
    if policy:
        edits.append(Changed("policy", old.policy, new.policy, policy))
    refs: dict[str, str] = {}  # old name -> new name of renamed indicators and constants
    for kind in KINDS:
        olds, news = _by_id(old, kind), _by_id(new, kind)
        gone = [d for i, d in olds.items() if i not in news]
        born = [d for i, d in news.items() if i not in olds]
        splits = _splits(gone, born) if kind == "target" else []  # before renames: a piece may look renamed
        for split in splits:
            gone.remove(split.old)
            born = [d for d in born if d not in split.new]
        pairs = _pair_renamed(kind, gone, born, refs, old.policy, new.policy)
        if kind != "target":
            refs.update({a.id: b.id for a, b in pairs})
        for ident, node in news.items():
            if ident in olds:
                changes = _changes(kind, olds[ident], node, refs, old.policy, new.policy)
                if changes:
                    edits.append(Changed(kind, olds[ident], node, changes))
        for a, b in pairs:
            edits.append(Renamed(kind, a, b, _changes(kind, a, b, refs, old.policy, new.policy)))
        paired_old = {a.id for a, _ in pairs}
        paired_new = {b.id for _, b in pairs}
        gone = [d for d in gone if d.id not in paired_old]
        born = [d for d in born if d.id not in paired_new]
        edits.extend(splits)
        edits.extend(Added(kind, d) for d in born)
        edits.extend(Removed(kind, d) for d in gone)
    return tuple(edits)


def renamed_targets(edits: tuple[Edit, ...]) -> dict[str, str]:
    """New target id -> old target id, for renamed targets and the pieces of split ones."""
    out: dict[str, str] = {}
    for e in edits:
        if isinstance(e, Renamed) and e.kind == "target":
            out[e.new.id] = e.old.id
        elif isinstance(e, Split):
            out.update({piece.id: e.old.id for piece in e.new})
    return out


# -- matching ---------------------------------------------------------------------------
def _by_id(spec: Spec, kind: str) -> dict[str, Any]:
    cls = {"indicator": Indicator, "constant": Constant, "target": Target, "scale": Scale}[kind]
    out: dict[str, Any] = {}
    for d in spec.declarations:
        if isinstance(d, cls):
            out.setdefault(d.id, d)  # a duplicate id is the checker's TGT202/TGT208; the first one counts
    return out


def _pair_renamed(kind: str, gone: list[Any], born: list[Any], refs: dict[str, str],
                  old_policy: Policy, new_policy: Policy) -> list[tuple[Any, Any]]:
    scored: list[tuple[tuple[int, float], int, int]] = []
    for i, a in enumerate(gone):
        for j, b in enumerate(born):
            score = _rename_score(kind, a, b, refs, old_policy, new_policy)
            if score is not None:
                scored.append((score, i, j))
    scored.sort(key=lambda s: (-s[0][0], -s[0][1], s[1], s[2]))
    pairs: list[tuple[Any, Any]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in scored:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((gone[i], born[j]))
    return sorted(pairs, key=lambda p: born.index(p[1]))


def _rename_score(kind: str, a: Any, b: Any, refs: dict[str, str], op: Policy, np: Policy) -> tuple[int, float] | None:
    """(same everything but the id?, title similarity) when ``b`` is ``a`` renamed, else None."""
    if kind == "indicator":
        return (int(a == replace(b, id=a.id)), 1.0) if a.label == b.label else None
    if kind == "constant":
        same = _mapped(a.value, refs) == _mapped(b.value) and a.note == b.note
        return (1, 1.0) if same else None
    if kind == "scale":  # the same grades under a new name
        return (1, 1.0) if a.grades == b.grades else None
    same_condition = _mapped(a.condition, refs) == _mapped(b.condition)
    if not same_condition:
        return None
    ratio = title_similarity(a.title, b.title)
    same_schedule = a.schedule == b.schedule
    if (same_schedule and ratio >= RENAME_SIMILARITY) or a.title == b.title:
        exact = same_schedule and a.title == b.title and not _changes("target", a, b, refs, op, np)
        return (int(exact), ratio)
    return None


def title_similarity(a: str, b: str) -> float:
    """``difflib.SequenceMatcher`` ratio of two titles (1.0 when equal), without the junk heuristic."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _extends(new_id: str, old_id: str) -> bool:
    if not new_id.startswith(old_id) or len(new_id) == len(old_id):
        return False
    rest = new_id[len(old_id):]
    return not (old_id[-1:].isdigit() and rest[0].isdigit())  # 6-2-61 is not a piece of 6-2-6


def _splits(gone: list[Target], born: list[Target]) -> list[Split]:
    out: list[Split] = []
    taken: set[str] = set()
    for t in sorted(gone, key=lambda t: -len(t.id)):  # the longest id claims its pieces first
        pieces = tuple(b for b in born if b.id not in taken and _extends(b.id, t.id))
        if len(pieces) >= 2:
            taken.update(p.id for p in pieces)
            out.append(Split(t, pieces))
    return sorted(out, key=lambda s: gone.index(s.old))


# -- field by field -------------------------------------------------------------------------
def _changes(kind: str, a: Any, b: Any, refs: dict[str, str], op: Policy, np: Policy) -> tuple[FieldChange, ...]:
    if kind == "indicator":
        return _plain(a, b, ("label", "unit", "note", "better"))
    if kind == "constant":
        out = [FieldChange("value", a.value, b.value)] if _mapped(a.value, refs) != _mapped(b.value) else []
        return tuple(out) + _plain(a, b, ("note",))
    if kind == "scale":
        return _scale_changes(a, b)
    return _target_changes(a, b, refs, op, np)


def _scale_changes(a: Scale, b: Scale) -> tuple[FieldChange, ...]:
    """A scale's titles, then grade by grade (matched by name): its band, labels, score; a grade added or removed;
    the order of the grades that stayed."""
    out = [FieldChange(f"scale_{lang}", getattr(a, lang), getattr(b, lang)) for lang in ("ja", "en") if getattr(a, lang) != getattr(b, lang)]
    olds: dict[str, Grade] = {g.id: g for g in a.grades}
    news: dict[str, Grade] = {g.id: g for g in b.grades}
    for g in b.grades:
        was = olds.get(g.id)
        if was is None:
            out.append(FieldChange("grade", None, g))
            continue
        if (was.measure, was.limits, was.statuses) != (g.measure, g.limits, g.statuses):
            out.append(FieldChange("band", was, g))
        if (was.ja, was.en) != (g.ja, g.en):
            out.append(FieldChange("grade_labels", was, g))
        if was.score != g.score:
            out.append(FieldChange("score", was, g))
    out.extend(FieldChange("grade", g, None) for g in a.grades if g.id not in news)
    kept_old = tuple(g.id for g in a.grades if g.id in news)
    kept_new = tuple(g.id for g in b.grades if g.id in olds)
    if kept_old != kept_new:
        out.append(FieldChange("grade_order", kept_old, kept_new))
    return tuple(out)


def _plain(a: Any, b: Any, names: tuple[str, ...]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(n, getattr(a, n), getattr(b, n)) for n in names if getattr(a, n) != getattr(b, n))


def _policy_changes(a: Policy, b: Policy) -> tuple[FieldChange, ...]:
    out = list(_plain(a, b, ("id", "title", "base", "due")))
    if _data_path(a.data) != _data_path(b.data):
        out.append(FieldChange("data", a.data, b.data))
    out.extend(_plain(a, b, ("goal",)))
    if (a.method or DEFAULT_METHOD) != (b.method or DEFAULT_METHOD):
        out.append(FieldChange("method", a.method, b.method))
    out.extend(_plain(a, b, ("judge", "years", "rated")))
    if (a.rollup or "sheet") != (b.rollup or "sheet"):  # `rollup sheet` is the default
        out.append(FieldChange("rollup", a.rollup, b.rollup))
    return tuple(out)


def _data_path(path: str | None) -> str | None:
    return None if path is None else posixpath.normpath(path.replace("\\", "/"))


def _target_changes(a: Target, b: Target, refs: dict[str, str], op: Policy, np: Policy) -> tuple[FieldChange, ...]:
    out: list[FieldChange] = []
    if a.title != b.title:
        out.append(FieldChange("title", a.title, b.title))
    out.extend(_condition_changes(a.condition, b.condition, refs))
    out.extend(_schedule_changes(a.schedule, b.schedule))
    # a target's own clause counts against what it inherits: `base H13` under `base H13` is no change
    if (a.base or b.base) and (a.base or op.base) != (b.base or np.base):
        out.append(FieldChange("base", a.base, b.base))
    if (a.method or b.method) and (a.method or op.method or DEFAULT_METHOD) != (b.method or np.method or DEFAULT_METHOD):
        out.append(FieldChange("method", a.method, b.method))
    if a.better != b.better:
        out.append(FieldChange("better", a.better, b.better))
    if (a.judge or b.judge) and (a.judge or op.judge) != (b.judge or np.judge):  # as `base`: against the policy's
        out.append(FieldChange("judge", a.judge, b.judge))
    if a.judgements != b.judgements:
        out.extend(_judgement_changes(a.judgements, b.judgements))
    if a.main != b.main:
        out.append(FieldChange("main", a.main, b.main))
    if a.each != b.each:  # `for each region` / `for at least 10 of region` added, removed or changed
        out.append(FieldChange("breakdown", a.each, b.each))
    return tuple(out)


def _judgement_changes(a: tuple[Judgement, ...], b: tuple[Judgement, ...]) -> list[FieldChange]:
    """Recorded judgements year by year: one change per year whose judgement was added, removed or changed
    (its status, who or why); a judgement only moved in the text is no change."""
    old = {j.year.value: j for j in a}
    new = {j.year.value: j for j in b}
    return [FieldChange("judged", old.get(y), new.get(y)) for y in sorted(old.keys() | new.keys()) if old.get(y) != new.get(y)]


def _condition_changes(a: Condition, b: Condition, refs: dict[str, str]) -> list[FieldChange]:
    """The changed parts of a condition: compared as ``_mapped`` makes them, reported as written."""
    ka, kb = _mapped(a, refs), _mapped(b)
    if ka == kb:
        return []
    if type(a) is not type(b):
        return [FieldChange("condition", a, b)]
    out: list[FieldChange] = []
    if isinstance(a, Trend):
        return _measure(a.call, b.call, ka.call, kb.call)  # type: ignore[union-attr]
    if isinstance(a, Compare) and isinstance(b, Compare):
        out.extend(_measure(a.left, b.left, ka.left, kb.left))
        if a.op != b.op:
            out.append(FieldChange("operator", a.op, b.op))
        if ka.right != kb.right:
            out.append(FieldChange("threshold", a.right, b.right))
    elif isinstance(a, Between) and isinstance(b, Between):
        out.extend(_measure(a.operand, b.operand, ka.operand, kb.operand))
        if ka.low != kb.low:
            out.append(FieldChange("lower", a.low, b.low))
        if ka.high != kb.high:
            out.append(FieldChange("upper", a.high, b.high))
    out.extend(_approx_changes(a.approx, b.approx, ka.approx, kb.approx))  # type: ignore[union-attr]
    return out


def _measure(a: Any, b: Any, ka: Any, kb: Any) -> list[FieldChange]:
    """The measured expression: a different function over the same arguments is `function`."""
    if ka == kb:
        return []
    if isinstance(ka, Call) and isinstance(kb, Call) and ka.func != kb.func and ka.args == kb.args:
        return [FieldChange("function", a, b)]
    return [FieldChange("measure", a, b)]


def _approx_changes(a: Approx | None, b: Approx | None, ka: Approx | None, kb: Approx | None) -> list[FieldChange]:
    out: list[FieldChange] = []
    if (a is None) != (b is None):
        out.append(FieldChange("about", a is not None, b is not None))
    if (ka.tolerance if ka else None) != (kb.tolerance if kb else None):
        out.append(FieldChange("tolerance", a.tolerance if a else None, b.tolerance if b else None))
    return out


def _schedule_changes(a: Schedule | None, b: Schedule | None) -> list[FieldChange]:
    if a == b:
        return []
    if isinstance(a, Deadline) and isinstance(b, Deadline):
        out = [FieldChange("deadline", a.year, b.year)] if a.year != b.year else []
        return out + ([FieldChange("milestones", a.milestones, b.milestones)] if a.milestones != b.milestones else [])
    if isinstance(a, EveryYear) and isinstance(b, EveryYear):
        out = [FieldChange("start", a.start, b.start)] if a.start != b.start else []
        return out + ([FieldChange("end", a.end, b.end)] if a.end != b.end else [])
    return [FieldChange("schedule", a, b)]


def _mapped(node: Any, refs: dict[str, str] | None = None) -> Any:
    """``node`` as compared: renamed references under their new names, year arguments as years.

    ``growth(x, 2001)`` reads 2001 as a number (the grammar has no other way
    to tell), ``growth(x, H13)`` as a year; both mean fiscal 2001, so a year
    parameter's whole number is made a ``Year`` here.
    """
    if isinstance(node, Ref):
        return replace(node, name=refs.get(node.name, node.name)) if refs else node
    if isinstance(node, tuple):
        return tuple(_mapped(x, refs) for x in node)
    if isinstance(node, Call):
        sig = FUNCTIONS.get(node.func)
        kinds = [p.kind for p in sig.params] if sig else []
        args = tuple(_as_year(a) if i < len(kinds) and kinds[i] is Kind.YEAR else _mapped(a, refs) for i, a in enumerate(node.args))
        return replace(node, args=args)
    declared: tuple[str, ...] = getattr(type(node), "CHILDREN", ())  # a node's children (nodes.Node); the rest as it is
    if declared:
        return replace(node, **{name: _mapped(getattr(node, name), refs) for name in declared})
    return node


def _as_year(e: Any) -> Any:
    if isinstance(e, Number) and not e.percent and e.value.denominator == 1:
        return Year(int(e.value))
    return e
