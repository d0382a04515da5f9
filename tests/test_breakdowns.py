"""Breakdowns end to end: one key's series, `for each`, `for at least N of`, in every data format and every output.

The statuses and counts of the cases are in tests/cases/run/breakdown_pending and real_europe2020_national
(expected.yaml); here: the data formats agree (YAML, JSON, CSV wide and long, Excel), an Excel cell is named in
an error, and each output shows the keys grouped under their target as a reader would look for them.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from tgtcheck.data.dataset import Dataset, Marker
from tgtcheck.data.load import load_data
from tgtcheck.pipeline import load, run

from .conftest import ROOT, run_cli

GOOD = ROOT / "tests" / "cases" / "data" / "good"
PENDING = ROOT / "tests" / "cases" / "run" / "breakdown_pending" / "spec.tgt"
EUROPE = ROOT / "tests" / "cases" / "run" / "real_europe2020_national" / "spec.tgt"


def cells(d: Dataset) -> dict[str, dict[int, Any]]:
    return {sid: {y: c.value for y, c in s.cells.items()} for sid, s in d.series.items()}


def loaded(path: Path | str) -> Dataset:
    dataset, diags = load_data(str(path))
    assert diags == [] and dataset is not None, diags
    return dataset


# -- data -----------------------------------------------------------------------------------------
def test_every_text_format_gives_the_same_breakdowns() -> None:
    reference = loaded(GOOD / "breakdown.yaml")
    assert reference.series["employment[region=DE]"].cells[2020].value == Fraction("80.1")  # exact
    assert reference.series["employment[region=EL]"].cells[2020].value is Marker.PENDING
    assert reference.series["employment[region=FR]"].cells[2020].value is Marker.UNKNOWN
    assert reference.series["employment[region=DE,sex=F]"].cells[2020].value is Marker.NOT_APPLICABLE
    assert reference.keys("employment", "region") == ("DE", "EL", "FR")
    assert reference.keys("employment", "region", (("sex", "F"),)) == ("DE",)
    assert reference.dimensions("employment") == ("region", "sex")
    assert reference.series["national_target"].cells == {}  # breakdown instead of the total
    for name in ("breakdown.json", "breakdown_long.csv"):
        other = loaded(GOOD / name)
        assert cells(other) == cells(reference), name
        assert other.breakdowns == reference.breakdowns, name
    # the wide layout has a cell for every year column: an empty one is unknown (null), as in any CSV
    wide = loaded(GOOD / "breakdown_wide.csv")
    assert known(cells(wide)) == known(cells(reference)) and wide.breakdowns == reference.breakdowns
    assert wide.series["employment[region=DE]"].cells[2011].value is Marker.UNKNOWN


def known(table: dict[str, dict[int, Any]]) -> dict[str, dict[int, Any]]:
    return {sid: {y: v for y, v in row.items() if v is not Marker.UNKNOWN} for sid, row in table.items()}


def _workbook(path: Path, rows: list[list[Any]]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "R2"
    for row in rows:
        ws.append(row)
    wb.save(path)


def test_excel_long_layout_with_a_dimension_column(tmp_path: Path) -> None:
    book = tmp_path / "data.xlsx"
    _workbook(book, [["indicator", "region", "year", "value"], ["rate", None, 2010, 68.6], ["rate", "DE", 2010, 74.9],
                     ["rate", "EL", 2010, "集計中"]])
    d = loaded(book)
    assert d.series["rate[region=DE]"].cells[2010].value == Fraction("74.9")
    assert d.series["rate[region=EL]"].cells[2010].value is Marker.PENDING
    assert d.series["rate"].cells[2010].value == Fraction("68.6")


def test_excel_error_names_the_sheet_and_cell(tmp_path: Path) -> None:
    book = tmp_path / "data.xlsx"
    _workbook(book, [["indicator", "region", "year", "value"], ["rate", "DE", 2010, 74.9], ["rate", "EL", 2010, "多数"]])
    dataset, diags = load_data(str(book))
    assert dataset is None and [d.code for d in diags] == ["TGT303"]
    assert "sheet 'R2', cell D3" in diags[0].location.file
    assert diags[0].location.path == "indicators.rate.by.region.EL.2010"


# -- the language, through the outputs --------------------------------------------------------------
def test_text_is_one_line_per_target_and_the_keys_on_request() -> None:
    plain = run_cli("run", str(PENDING), "--as-of", "R5")
    keyed = run_cli("run", str(PENDING), "--as-of", "R5", "--keys")
    assert plain.returncode == keyed.returncode == 1
    assert "met in 2 of 6 prefecture" in plain.stdout
    assert "沖縄県" not in plain.stdout.split("met in 2 of 6")[1].split("\n")[1]  # no key lines without --keys
    key_lines = [line.split() for line in keyed.stdout.splitlines() if line.strip().startswith(("北海道", "沖縄県", "福岡県"))]
    assert [words[:2] for words in key_lines[:3]] == [["北海道", "met"], ["沖縄県", "behind"], ["福岡県", "pending"]]


def test_json_groups_the_keys_under_their_target_and_follows_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    proc = run_cli("run", str(PENDING), "--as-of", "R5", "--format", "json")
    doc = json.loads(proc.stdout)
    schema = json.loads((ROOT / "src" / "tgtcheck" / "schema" / "run.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    each = next(t for t in doc["targets"] if t["id"] == "each")
    b = each["breakdown"]
    assert (b["dimension"], b["every"], b["needed"], b["met"], b["keys_total"]) == ("prefecture", True, 6, 2, 6)
    assert b["counts"]["pending"] == 1 and b["counts"]["not_met"] == 0  # a key still 集計中 is pending, not failed
    fukuoka = next(k for k in b["keys"] if k["key"] == "福岡県")
    assert fukuoka["status"] == "pending" and fukuoka["missing"][0]["marker"] == "pending"
    assert next(t for t in doc["targets"] if t["id"] == "tokyo")["breakdown"] is None
    assert sum(doc["summary"].values()) == len(doc["targets"])  # each for-each target counted once


def test_markdown_has_a_table_per_breakdown_target_keys_best_first() -> None:
    out = run_cli("run", str(EUROPE), "--format", "markdown").stdout
    section = out.split("#### national ")[1].split("####")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith(("| country", "| ---"))]
    assert rows[0].startswith("| DE | met | 80% | 77% |")  # the highest achievement ratio first
    assert rows[-1].startswith("| EL | **not met** | 61.1% | 70% |")
    assert len(rows) == 5


def test_junit_lists_the_keys_under_the_target_and_sarif_counts_them() -> None:
    xml = run_cli("run", str(PENDING), "--as-of", "R5", "--format", "junit").stdout
    cases = {c.get("name"): c for c in ET.fromstring(xml).iter("testcase")}
    assert len(cases) == 7  # one testcase per target, whatever its keys
    failure = cases["each 全都道府県で受診率70%以上"].find("failure")
    assert failure is not None and "\n  沖縄県: behind:" in (failure.text or "")
    sarif = json.loads(run_cli("run", str(PENDING), "--as-of", "R5", "--format", "sarif").stdout)
    result = next(r for r in sarif["runs"][0]["results"] if r.get("properties", {}).get("target") == "each")
    assert result["properties"]["breakdown"]["counts"] == {"met": 2, "on_track": 1, "behind": 1, "pending": 1, "insufficient_data": 1}
    assert any("checkups[prefecture=福岡県]" in loc["message"]["text"] for loc in result["relatedLocations"])


def test_explain_shows_the_keys_and_derives_one() -> None:
    out = run_cli("explain", str(EUROPE), "national").stdout
    assert "met in 3 of 5 country" in out and "rule: not_met.keys_short" in out
    one = run_cli("explain", str(EUROPE), "national", "--key", "DE", "--lang", "ja")
    assert one.returncode == 0 and "value(employment[country=DE])" in one.stdout and "判定: 達成" in one.stdout
    bad = run_cli("explain", str(EUROPE), "national", "--key", "XX")
    assert bad.returncode == 2 and 'no key "XX"' in bad.stderr


def test_report_has_a_key_table() -> None:
    out = run_cli("report", str(EUROPE), "--format", "markdown", "-o", "-").stdout
    assert "| country | Status | Value | Target | Achievement |" in out
    assert "| DE | ◎ met | 80% | 77% | ≈103.90% |" in out


def test_a_key_missing_from_one_indicator_is_insufficient_for_that_key_only() -> None:
    result = run(load(str(PENDING)), 2023)
    assert result is not None
    own = next(v for v in result.verdicts if v.target.id == "own")
    assert own.breakdown is not None
    kyoto = dict(own.breakdown.keys)["京都府"]
    assert kyoto.rule == "insufficient.value_missing"
    assert [r.indicator for r in kyoto.missing] == ["checkups[prefecture=京都府]"]
