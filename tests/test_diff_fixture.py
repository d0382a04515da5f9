"""The repository's example: spec/policy_6_2.tgt against the invented revision in tests/cases/diff/.

Pins the exact set of edits (threshold raised, deadline moved, a target
split, one renamed, an indicator relabelled, a constant's new value; nothing
for the layout, comment, order and year-form changes) and the verdict diff
H14 → H15, through the library and once through the installed command.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from tgtcheck.analysis.differ import diff, renamed_targets
from tgtcheck.analysis.verdict_diff import compare
from tgtcheck.pipeline import load, run

from .conftest import SPEC_6_2, run_cli
from .test_diff import summary

REVISED = Path(__file__).parent / "cases" / "diff" / "policy_6_2_revised.tgt"

EXPECTED_EDITS = [
    "changed policy 6-2 data: policy_6_2.yaml → policy_6_2_revised.yaml",
    "changed indicator joint_meetings label: 知的クラスターと産業クラスターの合同会合数 → "
    "知的クラスターと産業クラスターの合同成果発表会等の開催数",
    "added indicator cluster_firms",
    "added indicator city_area_firms",
    "removed indicator participating_firms",
    "changed constant prefectures_and_cities value: 60 → 61",
    "changed constant prefectures_and_cities note: ※4 都道府県、政令指定都市の数（平成15年4月時点） → "
    "※4 都道府県、政令指定都市の数（平成17年4月の静岡市の政令指定都市移行後）",
    "changed target 6-2-1 title: 平成18年度までに、知的クラスターを10拠点程度育成する → "
    "平成18年度までに、知的クラスターを15拠点程度育成する",
    "changed target 6-2-1 threshold: 10 → 15",
    "changed target 6-2-7 title: 平成18年度までに、全ての都道府県、政令指定都市が独自の科学技術政策大綱や方針を策定するように促す → "
    "平成22年度までに、全ての都道府県、政令指定都市が独自の科学技術政策大綱や方針を策定するように促す",
    "changed target 6-2-7 deadline: H18 → H22",
    "renamed target 6-2-5 → 6-2-8 title: 知的クラスター創成事業の実施地域で産業クラスターとの合同成果発表会等を毎年開催する → "
    "知的クラスター創成事業の実施地域で産業クラスターとの合同成果発表会等を毎年度開催する",
    "split target 6-2-6 → 6-2-6-1, 6-2-6-2",
]

EXPECTED_STATUSES = {  # new id: (old id, status at H14 under the old spec, status at H15 under the revision)
    "6-2-1": ("6-2-1", "met", "met"),
    "6-2-2": ("6-2-2", "met", "exceeded"),
    "6-2-3": ("6-2-3", "pending", "met"),
    "6-2-4": ("6-2-4", "pending", "behind"),
    "6-2-6-1": ("6-2-6", "insufficient_data", "met"),
    "6-2-6-2": ("6-2-6", "insufficient_data", "met"),
    "6-2-7": ("6-2-7", "on_track", "on_track"),
    "6-2-8": ("6-2-5", "met", "met"),
}


@pytest.fixture(scope="module")
def loaded() -> tuple:  # type: ignore[type-arg]
    old, new = load(str(SPEC_6_2)), load(str(REVISED))
    assert old.ok and new.ok, [d.message for d in old.diagnostics + new.diagnostics]
    return old, new


def test_fixture_is_marked_as_invented() -> None:
    head = REVISED.read_text(encoding="utf-8")[:400]
    assert "TEST FIXTURE" in head and "NOT the ministry's real revision" in head
    assert "invented" in REVISED.with_suffix(".yaml").read_text(encoding="utf-8")[:400]


def test_exact_edits(loaded: tuple) -> None:  # type: ignore[type-arg]
    old, new = loaded
    assert summary(diff(old.spec, new.spec)) == EXPECTED_EDITS


def test_verdicts_h14_to_h15(loaded: tuple) -> None:  # type: ignore[type-arg]
    old, new = loaded
    r_old, r_new = run(old, 2002), run(new, 2003)
    assert r_old is not None and r_new is not None
    changes = compare(r_old.verdicts, r_new.verdicts, renamed_targets(diff(old.spec, new.spec)))
    got = {c.id: (c.old_id, c.old.status.value, c.new.status.value) for c in changes if c.old and c.new}
    assert got == EXPECTED_STATUSES
    assert all(c.old is not None and c.new is not None for c in changes)  # every old target is accounted for
    by_id = {c.id: c for c in changes}
    moved = {m.field: (m.old, m.new) for m in by_id["6-2-7"].moved}
    assert moved["actual"] == (50, 53)
    assert moved["expected"] == (Fraction(244, 5), Fraction(148, 3))  # 48.8 -> 49.33…: the line now runs to 61 in H22
    assert moved["threshold"] == (60, 61)
    assert by_id["6-2-3"].missing_changed and not by_id["6-2-3"].new.missing  # the 集計中 value arrived
    assert by_id["6-2-1"].changed and not by_id["6-2-1"].status_changed


def test_one_spec_two_years() -> None:
    new = load(str(REVISED))
    r14, r15 = run(new, 2002), run(new, 2003)
    assert r14 is not None and r15 is not None
    statuses = {c.id: (c.old.status.value, c.new.status.value) for c in compare(r14.verdicts, r15.verdicts)}  # type: ignore[union-attr]
    assert statuses["6-2-4"] == ("on_track", "behind")
    assert statuses["6-2-2"] == ("met", "exceeded")
    assert statuses["6-2-8"] == ("met", "met")


def test_cli_json(tmp_path: Path) -> None:
    proc = run_cli("diff", str(SPEC_6_2), str(REVISED), "--as-of", "H14", "--as-of", "H15", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["summary"] == {"changed": 5, "added": 2, "removed": 1, "renamed": 1, "split": 1,
                              "verdict_changes": 8, "status_changes": 5}
    by_id = {t["id"]: t for t in doc["verdicts"]["targets"]}
    assert {i: (t["old_id"], t["old_status"], t["new_status"]) for i, t in by_id.items()} == EXPECTED_STATUSES
    assert doc["verdicts"]["old_as_of"] == {"year": 2002, "label": "H14"}
