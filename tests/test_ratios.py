"""Achievement and progress ratios (issue 13, item 2): exact in JSON, shown by explain, by the text output on
request (--ratios) and by the report."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import SPEC_6_2, run_cli


def test_json_carries_exact_ratios() -> None:
    doc = json.loads(run_cli("run", str(SPEC_6_2), "--format", "json").stdout)
    by_id = {t["id"]: t for t in doc["targets"]}
    # 6-2-7: 50 of 60 (H14), from 46 in H13: 50/60 = 5/6 -> 250/3 %, (50 - 46) / (60 - 46) = 2/7 -> 200/7 %
    assert (by_id["6-2-7"]["achievement"], by_id["6-2-7"]["progress"]) == ("250/3", "200/7")
    assert by_id["6-2-1"]["achievement"] == "120"  # 12 hubs of 10
    assert by_id["6-2-1"]["progress"] is None  # the base year H13 is － (no hubs yet): no progress ratio
    assert by_id["6-2-3"]["achievement"] is None  # pending: no number to rest a ratio on


def test_text_shows_ratios_only_on_request() -> None:
    plain = run_cli("run", str(SPEC_6_2)).stdout
    assert "achievement" not in plain
    shown = run_cli("run", str(SPEC_6_2), "--ratios").stdout
    assert "achievement ≈83.33%, progress ≈28.57%" in shown
    ja = run_cli("run", str(SPEC_6_2), "--ratios", "--lang", "ja").stdout
    assert "達成率≈83.33%、進捗率≈28.57%" in ja


def test_explain_and_report_show_ratios() -> None:
    out = run_cli("explain", str(SPEC_6_2), "6-2-7", "--lang", "ja").stdout
    assert "達成率（実績÷目標値）: ≈83.33%" in out
    md = run_cli("report", str(SPEC_6_2), "--format", "markdown", "--lang", "ja").stdout
    assert "達成率≈83.33%、進捗率≈28.57%" in md


def test_no_progress_ratio_from_a_base_already_past_the_target() -> None:
    spec = str(Path(__file__).parent / "cases" / "run" / "milestones_line" / "spec.tgt")
    doc = json.loads(run_cli("run", spec, "--format", "json").stdout)
    by_id = {t["id"]: t for t in doc["targets"]}
    assert by_id["past"]["progress"] is None and by_id["past"]["achievement"] == "80"
    # a milestone target's ratios are against the milestone of the year (or the next), and say so
    assert by_id["first"]["achievement"] == "62.5"  # 50 of the R4 milestone 80, in percent
    text = run_cli("run", spec, "--ratios").stdout
    assert "achievement 62.5%, progress 50% (against the milestone for R4, 80)" in text
