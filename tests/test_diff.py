"""The semantic differ: the cases of tests/cases/diff/unit/cases.yaml, then the rules they rest on.

Each case edits a copy of base.tgt and lists the edits ``differ.diff`` must
report, one line per changed field with the values as written on each side;
an empty list is a "no semantic change" case (comments, spacing, order, year
forms, 3割, full-width digits, 1,000).  The loader is the whole test runner.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tgtcheck.analysis.differ import (
    RENAME_SIMILARITY,
    Added,
    Changed,
    Edit,
    FieldChange,
    Removed,
    Renamed,
    Split,
    diff,
    renamed_targets,
    title_similarity,
)
from tgtcheck.formats.diff_common import group_of, value_text
from tgtcheck.language.nodes import Spec, Year
from tgtcheck.language.parser import parse

UNIT = Path(__file__).parent / "cases" / "diff" / "unit"
BASE = (UNIT / "base.tgt").read_text(encoding="utf-8")
CASES: list[dict[str, Any]] = yaml.safe_load((UNIT / "cases.yaml").read_text(encoding="utf-8"))


def spec_of(text: str) -> Spec:
    spec, diags = parse(text)
    assert spec is not None, [d.message for d in diags]
    return spec


def edited(case: dict[str, Any]) -> str:
    text = BASE
    for old, new in case.get("replace", []):
        assert old in text, f"{case['name']}: {old!r} is not in base.tgt"
        text = text.replace(old, new)
    if case.get("reorder"):
        blocks = text.split("\n\n")
        rest = [b if not b.startswith("indicator") else "\n".join(reversed(b.splitlines())) for b in blocks[2:]]
        text = "\n\n".join(blocks[:2] + rest[::-1]) + "\n"
    return text + case.get("append", "")


def summary(edits: tuple[Edit, ...]) -> list[str]:
    """One line per changed field: 'changed target 1 threshold: 10 → 15' (field keys, not the CLI's words)."""
    lines = []
    for e in edits:
        if isinstance(e, Split):
            lines.append(f"split target {e.old.id} → {', '.join(p.id for p in e.new)}")
            continue
        head = f"{group_of(e)} {e.kind} " + (f"{e.old.id} → {e.new.id}" if isinstance(e, Renamed) else e.id)
        changes = e.changes if isinstance(e, (Changed, Renamed)) else ()
        if isinstance(e, Renamed) and not changes:
            lines.append(head)
        lines.extend(f"{head} {_field(c)}" for c in changes)
        if isinstance(e, (Added, Removed)):
            lines.append(head)
    return lines


def _field(c: FieldChange) -> str:
    def text(v: object) -> str:
        shown = value_text(c.field, v, "en", quote=False)
        return "(none)" if shown is None else shown

    return f"{c.field}: {text(c.old)} → {text(c.new)}"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    old, new = spec_of(BASE), spec_of(edited(case))
    assert sorted(summary(diff(old, new))) == sorted(case["edits"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_no_change_both_ways(case: dict[str, Any]) -> None:
    """Diffing back finds a change exactly when diffing forward does."""
    old, new = spec_of(BASE), spec_of(edited(case))
    assert bool(diff(new, old)) == bool(case["edits"])


def test_base_against_itself_is_empty() -> None:
    assert diff(spec_of(BASE), spec_of(BASE)) == ()


def test_cases_cover_every_field() -> None:
    from tgtcheck.formats.diff_common import FIELD_WORDS

    seen = {c.field for case in CASES for e in diff(spec_of(BASE), spec_of(edited(case)))
            for c in getattr(e, "changes", ())}
    seen |= {"id"}  # the policy id: covered by policy_header, listed to be explicit
    assert set(FIELD_WORDS) == seen


# -- the rules under the cases -------------------------------------------------------
def test_records_are_frozen_and_compare_by_meaning() -> None:
    a = diff(spec_of(BASE), spec_of(BASE.replace(">= about 10 ± 1 by H18", ">= about 15 ± 1 by H18")))
    b = diff(spec_of(BASE), spec_of(BASE.replace(">= about 10 ± 1 by H18", ">= about 15 ± 1 by 2006")))
    assert a == b  # spans and the way a year is written never matter
    change = a[0].changes[0]  # type: ignore[union-attr]
    with pytest.raises(AttributeError):
        change.field = "x"  # type: ignore[misc]


def test_values_are_the_nodes_as_written() -> None:
    edits = diff(spec_of(BASE.replace("1000 by H18", "1000 by 2006")), spec_of(BASE.replace("1000 by H18", "1000 by H22")))
    (change,) = edits[0].changes  # type: ignore[union-attr]
    assert change == FieldChange("deadline", Year(2006), Year(2010))
    assert (change.old.text, change.new.text) == ("2006", "H22")


def test_rename_similarity_threshold() -> None:
    assert RENAME_SIMILARITY == 0.8
    assert title_similarity("毎年開催する", "毎年開催する") == 1.0
    assert title_similarity("合同成果発表会等を毎年開催する", "合同成果発表会等を毎年度開催する") >= 0.8
    assert title_similarity("参加企業を増加させる", "地域の中小企業の参加を毎年度拡大する") < 0.8


def test_best_rename_pair_wins() -> None:
    """Two candidates for one removed target: the identical one is the rename, the other is added."""
    old = spec_of(BASE)
    block = 'target "5" "参加企業を増加させる"\n  increasing(firms) by H18'
    new = spec_of(BASE.replace(block, block.replace('"5" "参加企業を増加させる"', '"A" "参加企業を増加させる。"')
                               + "\n" + block.replace('"5"', '"B"')))
    got = summary(diff(old, new))
    assert sorted(got) == ["added target A", "renamed target 5 → B"]


def test_renamed_targets_map_for_verdicts() -> None:
    new_text = BASE.replace('target "3"', 'target "3a"').replace(
        'target "5" "参加企業を増加させる"\n  increasing(firms) by H18',
        'target "5-1" "a"\n  increasing(firms) by H18\ntarget "5-2" "b"\n  increasing(hubs) by H18')
    assert renamed_targets(diff(spec_of(BASE), spec_of(new_text))) == {"3a": "3", "5-1": "5", "5-2": "5"}


def test_a_single_piece_is_not_a_split() -> None:
    new_text = BASE.replace('target "5" "参加企業を増加させる"\n  increasing(firms)', 'target "5-1" "企業を増やす"\n  increasing(hubs)')
    assert sorted(summary(diff(spec_of(BASE), spec_of(new_text)))) == ["added target 5-1", "removed target 5"]


def test_edit_order_policy_then_kinds() -> None:
    new_text = (BASE.replace("due H18", "due H20").replace('"1" "平成18', '"1b" "平成18')
                .replace("constant cities = 60", "constant cities = 61") + '\nindicator staff "研究者数"\n')
    kinds = [(group_of(e), e.kind) for e in diff(spec_of(BASE), spec_of(new_text))]
    assert kinds == [("changed", "policy"), ("added", "indicator"), ("changed", "constant"), ("renamed", "target")]


# -- verdict_diff ---------------------------------------------------------------------------
def test_verdict_changes_between_years_and_versions() -> None:
    from tgtcheck.analysis.verdict_diff import compare
    from tgtcheck.pipeline import load, run

    old = load(str(UNIT / "base.tgt"))
    assert old.ok, [d.message for d in old.diagnostics]
    r14, r15 = run(old, 2002), run(old, 2003)
    assert r14 is not None and r15 is not None
    by_id = {c.id: c for c in compare(r14.verdicts, r15.verdicts)}
    assert (by_id["2"].old.status.value, by_id["2"].new.status.value) == ("pending", "met")  # 270 / 208: +29.8%  # type: ignore[union-attr]
    assert by_id["2"].status_changed and by_id["2"].missing_changed
    assert [m.field for m in by_id["1"].moved] == ["actual"] and not by_id["1"].status_changed
    assert by_id["1"].moved[0].old == 12 and by_id["1"].moved[0].new == 14

    # a removed and an added target: one side is None
    only_new = [v for v in r15.verdicts if v.target.id != "5"]
    changes = compare(r14.verdicts, only_new)
    gone = [c for c in changes if c.new is None]
    assert [c.id for c in gone] == ["5"] and gone[0].status_changed
    fresh = compare(only_new, r15.verdicts)
    assert [(c.id, c.old) for c in fresh if c.old is None] == [("5", None)]


def test_unchanged_verdict_is_not_a_change() -> None:
    from tgtcheck.analysis.verdict_diff import compare
    from tgtcheck.pipeline import load, run

    loaded = load(str(UNIT / "base.tgt"))
    r = run(loaded, 2002)
    assert r is not None
    assert not any(c.changed for c in compare(r.verdicts, r.verdicts))


def _spec_files() -> list[Path]:
    root = Path(__file__).resolve().parents[1]
    return sorted([*root.glob("spec/*.tgt"), *(root / "tests" / "cases" / "diff").rglob("*.tgt")])


@pytest.mark.parametrize("path", _spec_files(), ids=lambda p: p.name)
def test_formatting_is_no_semantic_change(path: Path) -> None:
    """The canonical layout of `tgtcheck fmt` never reads as a change (the formatter is the other user of node equality)."""
    formatter = pytest.importorskip("tgtcheck.language.formatter")
    text = path.read_text(encoding="utf-8")
    formatted, diags = formatter.format_text(text, str(path))
    assert formatted is not None, [d.message for d in diags]
    assert diff(spec_of(text), spec_of(formatted)) == ()
