"""`--as-of` is checked, and an evaluation as of a year says what it rests on (issue 11, items 1, 2, 5).

Through the installed command, as a user runs it: an as-of year before the
policy's base year is an error (TGT402, exit 2); one after the data's latest
year is a warning (TGT403) and the targets are judged on the latest values,
each naming the year of its value (JSON ``value_year``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import SPEC_6_2, run_cli

CASES = Path(__file__).parent / "cases" / "run"


def test_as_of_before_the_base_year_is_an_error() -> None:
    for as_of in ("1990", "H12"):
        proc = run_cli("run", str(SPEC_6_2), "--as-of", as_of)
        assert proc.returncode == 2, proc.stdout
        assert "TGT402" in proc.stderr and "base year H13" in proc.stderr
        assert proc.stdout == "" and "Traceback" not in proc.stderr


def test_as_of_after_the_data_is_judged_on_the_latest_values_with_a_warning() -> None:
    proc = run_cli("run", str(SPEC_6_2), "--as-of", "H20", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    (warning,) = [d for d in doc["diagnostics"] if d["code"] == "TGT403"]
    assert warning["severity"] == "warning" and "H14" in warning["message"]
    by_id = {t["id"]: t for t in doc["targets"]}
    assert by_id["6-2-1"]["status"] == "met" and by_id["6-2-1"]["value_year"]["label"] == "H14"
    assert "latest value" in by_id["6-2-1"]["explanation"]
    assert by_id["6-2-7"]["status"] == "on_track" and by_id["6-2-7"]["value_year"]["year"] == 2002
    # no target is not met, so the policy is not "not achieved": its judgement is not final yet
    assert doc["assessment"]["key"] == "not_final"
    for t in doc["targets"]:
        assert t["status"] != "not_met"


def test_the_readmes_diff_between_two_years_judges_on_latest_values() -> None:
    proc = run_cli("diff", str(SPEC_6_2), "--as-of", "H14", "--as-of", "H15", "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    text = json.dumps(doc, ensure_ascii=False)
    assert text.count("insufficient_data") < 7 * 2  # not every verdict turned into データ不足


def test_policy_6_2_as_of_h14_keeps_its_verdicts() -> None:
    proc = run_cli("run", str(SPEC_6_2), "--as-of", "H14", "--format", "json", "--lang", "ja")
    doc = json.loads(proc.stdout)
    assert [t["status"] for t in doc["targets"]] == [
        "met", "met", "pending", "pending", "met", "insufficient_data", "on_track"]
    assert doc["assessment"]["text"] == "概ね順調に進捗"
    assert all(t["value_year"] is None or t["value_year"]["year"] == 2002 for t in doc["targets"])


def test_explain_words_a_downward_target_the_right_way_round() -> None:
    spec = CASES / "direction_lower" / "spec.tgt"
    proc = run_cli("explain", str(spec), "wait", "--as-of", "R3", "--lang", "ja")
    assert proc.returncode == 0, proc.stderr
    assert "実績 33: 見込み値を下回る → 順調に進捗" in proc.stdout
    assert "見込み値以上" not in proc.stdout
    proc = run_cli("explain", str(spec), "wait", "--as-of", "R3")
    assert "actual 33: below the line → on track" in proc.stdout


def test_a_calendar_year_policy_never_prints_an_era() -> None:
    spec = CASES / "calendar_years" / "spec.tgt"
    era = re.compile(r"(?<![A-Za-z])[MTSHR]\d{1,2}(?!\d)|明治|大正|昭和|平成|令和|\d年度")  # a year label, not the word 年度
    for args in (["run", str(spec)], ["run", str(spec), "--lang", "ja"], ["run", str(spec), "--format", "json"],
                 ["run", str(spec), "--format", "markdown", "--lang", "ja"], ["explain", str(spec), "emp", "--lang", "ja"],
                 ["explain", str(spec), "emp"]):
        proc = run_cli(*args)
        assert proc.returncode in (0, 1), proc.stderr
        assert "2019" in proc.stdout
        assert not era.search(proc.stdout), (args, era.search(proc.stdout))
