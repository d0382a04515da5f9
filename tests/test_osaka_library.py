"""spec/osaka_library_h25_27.tgt: a published evaluation with yearly targets, reproduced (issue 13, "Must show").

The Osaka Prefectural Library's 重点目標評価シート (平成25-27年度) grade four
indicators each year on the scale of its 評価の目安; the spec's comments cite
the pages.  ``PUBLISHED`` is the sheet's grade per indicator and year;
``RULE`` is tgtcheck's status by the rule; where they differ, the spec records
the sheet's judgement for the final year (H27) and tgtcheck counts it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tgtcheck.core.years import parse_year
from tgtcheck.pipeline import load, run

from .conftest import run_cli

SPEC = Path(__file__).resolve().parent.parent / "spec" / "osaka_library_h25_27.tgt"

# the sheet's grades [1][2]: A and B are 「数値目標を上回る成果を達成」 / 「数値目標を達成」 (or 「順調に増加」 in years 1-2
# of a final-year target) on the scale of [3]
PUBLISHED = {
    "1-1-a": {"H25": "B", "H26": "B", "H27": "B"},
    "1-1-b": {"H25": "B", "H26": "B", "H27": "A"},
    "5-1-a": {"H25": "B", "H26": "B", "H27": "B"},
    "5-1-b": {"H25": "B", "H26": "A", "H27": "A"},
}
RULE = {
    "H25": {"1-1-a": "behind", "1-1-b": "met", "5-1-a": "behind", "5-1-b": "met"},
    "H26": {"1-1-a": "behind", "1-1-b": "met", "5-1-a": "behind", "5-1-b": "met"},
    "H27": {"1-1-a": "not_met", "1-1-b": "met", "5-1-a": "not_met", "5-1-b": "met"},
}
# a grade the scale calls achieving, as tgtcheck's statuses say it
ACHIEVING = {"A", "B"}


def verdicts(year: str) -> dict[str, object]:
    loaded = load(str(SPEC))
    assert loaded.ok, [d.message for d in loaded.diagnostics]
    result = run(loaded, parse_year(year).value)  # type: ignore[union-attr]
    assert result is not None
    return {"result": result, **{v.target.id: v for v in result.verdicts}}


@pytest.mark.parametrize("year", sorted(RULE))
def test_statuses_by_the_rule(year: str) -> None:
    got = verdicts(year)
    assert {tid: got[tid].status.value for tid in RULE[year]} == RULE[year]  # type: ignore[attr-defined]


def test_h27_reproduces_every_published_grade_with_the_recorded_judgements() -> None:
    got = verdicts("H27")
    for tid, grades in PUBLISHED.items():
        v = got[tid]
        final = v.recorded.status.value if v.recorded else v.status.value  # type: ignore[attr-defined]
        assert (final == "met") == (grades["H27"] in ACHIEVING), tid
    # the two recorded judgements are the two targets the rule finds below their target
    differs = sorted(tid for tid in PUBLISHED if got[tid].recorded and got[tid].recorded.differs)  # type: ignore[attr-defined]
    assert differs == ["1-1-a", "5-1-a"]
    assessment = got["result"].assessment  # type: ignore[attr-defined]
    assert (assessment.key, assessment.recorded, assessment.recorded_differs) == ("achieved", 2, 2)


def test_where_rule_and_sheet_agree_without_a_recorded_judgement() -> None:
    for year in RULE:
        got = verdicts(year)
        for tid in ("1-1-b", "5-1-b"):
            assert got[tid].status.value == "met" and PUBLISHED[tid][year] in ACHIEVING  # type: ignore[attr-defined]
            assert got[tid].recorded is None  # type: ignore[attr-defined]


def test_cli_h27_json_and_exit_code() -> None:
    proc = run_cli("run", str(SPEC), "--as-of", "H27", "--format", "json")
    assert proc.returncode == 0, proc.stderr  # the recorded judgements decide: no target fails
    doc = json.loads(proc.stdout)
    rows = {t["id"]: (t["status"], t["recorded"] and t["recorded"]["status"]) for t in doc["targets"]}
    assert rows == {"1-1-a": ("not_met", "met"), "1-1-b": ("met", None), "5-1-a": ("not_met", "met"), "5-1-b": ("met", None)}
    assert doc["assessment"]["recorded_differs"] == 2


def test_strict_check_is_clean_and_fmt_canonical() -> None:
    assert run_cli("check", "--strict", str(SPEC)).returncode == 0
    assert run_cli("fmt", "--check", str(SPEC)).returncode == 0
