"""`tgtcheck explain`: the derivations of the 6-2 targets, one case per rule id
(tests/cases/explain/rules: spec, data, and expected.yaml with the rule of each
target and the numbers its derivation must show), and unknown target ids.
Assertions are about what a reader notices: numbers, rule ids, statuses.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tgtcheck.core.years import parse_year
from tgtcheck.judging.derivation import RULES, derive, render_text, to_json
from tgtcheck.judging.evaluate import Verdict, evaluate
from tgtcheck.language.parser import parse
from tgtcheck.pipeline import RunResult, load, run

from .conftest import ROOT, SPEC_6_2, run_cli

RULES_CASE = ROOT / "tests" / "cases" / "explain" / "rules"
EXPECTED: dict[str, Any] = yaml.safe_load((RULES_CASE / "expected.yaml").read_text(encoding="utf-8"))


def evaluated(spec: Path, as_of: str | None = None) -> RunResult:
    loaded = load(str(spec))
    assert loaded.ok, [d.message for d in loaded.diagnostics]
    year = parse_year(as_of).value if as_of else None  # type: ignore[union-attr]
    result = run(loaded, year)
    assert result is not None
    return result


def verdict_of(result: RunResult, target: str) -> Verdict:
    return next(v for v in result.verdicts if v.target.id == target)


def lines_with(text: str, needle: str) -> list[str]:
    return [line for line in text.splitlines() if needle in line]


# -- one target per rule ---------------------------------------------------------------
@pytest.fixture(scope="module")
def rules_result() -> RunResult:
    return evaluated(RULES_CASE / "spec.tgt", EXPECTED["as_of"])


@pytest.mark.parametrize("target", sorted(EXPECTED["rules"]))
def test_each_rule(rules_result: RunResult, target: str) -> None:
    v = verdict_of(rules_result, target)
    assert v.rule == EXPECTED["rules"][target]
    assert rules_result.loaded.data is not None
    d = derive(v, rules_result.spec, rules_result.loaded.data)
    for lang in ("en", "ja"):
        text = render_text(d, lang)
        assert f": {v.rule}\n" in text
        assert RULES[v.rule][lang == "ja"] in text
        for shown in EXPECTED.get("shows", {}).get(target, []):
            assert shown in text, (lang, shown)
    doc = to_json(d)
    assert (doc["rule"], doc["status"]) == (v.rule, v.status.value)
    assert doc["rule_text"] == RULES[v.rule][0]


def test_no_base_year_rule() -> None:
    """A policy without a base year fails `check`, so evaluate the tree directly."""
    text = (RULES_CASE / "spec.tgt").read_text(encoding="utf-8").replace("  base H13\n", "", 1)
    spec, diags = parse(text)
    assert spec is not None, diags
    data = evaluated(RULES_CASE / "spec.tgt").loaded.data
    assert data is not None
    v = next(v for v in evaluate(spec, data, 2002) if v.target.id == "on-line")
    assert v.rule == "insufficient.no_base_year"
    assert "insufficient.no_base_year" in render_text(derive(v, spec, data))


def test_every_rule_has_a_sentence_and_a_case() -> None:
    evaluator = (ROOT / "src" / "tgtcheck" / "judging" / "evaluate.py").read_text(encoding="utf-8")
    literal = set(re.findall(r'"((?:met|exceeded|on_track|behind|not_met|pending|insufficient)\.[a-z_]+)"', evaluator))
    prefixes = set(re.findall(r'rule_prefix(?:: str)? ?= ?"(\w+)"', evaluator))  # f"pending.{rule_prefix}_pending"
    assert prefixes == {"value", "line"}
    prefixed = {f"{kind}.{prefix}_{end}" for kind, end in (("pending", "pending"), ("insufficient", "missing")) for prefix in prefixes}
    produced = literal | prefixed
    assert produced <= set(RULES), produced - set(RULES)
    assert set(RULES) == set(EXPECTED["rules"].values()) | {"insufficient.no_base_year"}


# -- policy 6-2 ----------------------------------------------------------------------------
def test_6_2_7_shows_the_straight_line() -> None:
    r = run_cli("explain", str(SPEC_6_2), "6-2-7")
    assert r.returncode == 0, r.stderr
    line = lines_with(r.stdout, "48.8")
    assert line and all(n in line[0] for n in ("46", "60", "H13", "H14", "H18"))
    assert any("50" in x for x in lines_with(r.stdout, "H14"))
    assert "on_track.on_line" in r.stdout
    assert "prefectures_and_cities" in r.stdout and "※4" in r.stdout


def test_6_2_7_json() -> None:
    r = run_cli("explain", str(SPEC_6_2), "6-2-7", "--format", "json")
    assert r.returncode == 0, r.stderr
    t = json.loads(r.stdout)["targets"][0]
    assert (t["rule"], t["status"]) == ("on_track.on_line", "on_track")
    assert (t["line"]["base_value"]["exact"], t["line"]["goal"]["exact"], t["line"]["expected"]["exact"]) == ("46", "60", "48.8")
    assert t["threshold"]["actual"]["exact"] == "50"
    assert {(x["year"]["label"], x["value"]) for x in t["readings"]} == {("H14", "50"), ("H13", "46")}
    assert t["constants"][0]["name"] == "prefectures_and_cities"


def test_6_2_7_japanese() -> None:
    r = run_cli("explain", str(SPEC_6_2), "6-2-7", "--lang", "ja")
    assert r.returncode == 0
    assert "順調に進捗" in r.stdout and "48.8" in r.stdout


def test_6_2_footnotes_of_values_read() -> None:
    r = run_cli("explain", str(SPEC_6_2), "6-2-4")
    assert r.returncode == 0
    assert "※2" in r.stdout and "集計中" in r.stdout and "208" in r.stdout
    assert "pending.value_pending" in r.stdout


def test_6_2_every_target_agrees_with_run() -> None:
    ran = json.loads(run_cli("run", str(SPEC_6_2), "--format", "json").stdout)
    for t in ran["targets"]:
        r = run_cli("explain", str(SPEC_6_2), t["id"], "--format", "json")
        assert r.returncode == 0, r.stderr
        explained = json.loads(r.stdout)["targets"][0]
        assert (explained["rule"], explained["status"]) == (t["rule"], t["status"])


def test_as_of_and_data_options(tmp_path: Path) -> None:
    data = tmp_path / "later.yaml"
    data.write_text("indicators:\n  patents: {values: {H13: 208, H14: 250}}\n", encoding="utf-8")
    r = run_cli("explain", str(SPEC_6_2), "6-2-4", "--data", str(data), "--as-of", "H14")
    # the other indicators have no rows in this file, so check_data reports them: explain refuses like run does
    assert r.returncode == 2 and "TGT310" in r.stderr
    full = tmp_path / "full.yaml"
    full.write_text((ROOT / "spec" / "policy_6_2.yaml").read_text(encoding="utf-8").replace("H13: 208, H14: 集計中", "H13: 208, H14: 250"),
                    encoding="utf-8")
    r = run_cli("explain", str(SPEC_6_2), "6-2-4", "--data", str(full), "--as-of", "H14")
    assert r.returncode == 0, r.stderr
    assert "(250 - 208) / 208" in r.stdout and "21/104" in r.stdout and "20.19%" in r.stdout
    early = run_cli("explain", str(SPEC_6_2), "6-2-7", "--as-of", "H13", "--format", "json")
    assert json.loads(early.stdout)["targets"][0]["as_of"]["label"] == "H13"


# -- unknown target ----------------------------------------------------------------------
def test_unknown_target_suggests_the_closest() -> None:
    r = run_cli("explain", str(SPEC_6_2), "6-2-8")
    assert (r.returncode, r.stdout) == (2, "")
    assert "error[TGT501]" in r.stderr and '"6-2-7"' in r.stderr


def test_unknown_target_without_a_close_match_lists_them() -> None:
    r = run_cli("explain", str(SPEC_6_2), "patents")
    assert r.returncode == 2
    assert "6-2-1" in r.stderr and "6-2-7" in r.stderr


def test_invalid_spec_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tgt"
    bad.write_text('policy "p" "t"\ntarget 1 "t" value(x) >= 1\n', encoding="utf-8")
    r = run_cli("explain", str(bad), "1")
    assert r.returncode == 2 and "error[TGT102]" in r.stderr
