"""Excel workbooks as data (data_xlsx): the sheet's wide table, the long layout, exact numbers, and
bad workbooks refused with the sheet and cell.  Workbooks are written at test time with openpyxl."""

from __future__ import annotations

import csv
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from tgtcheck.data.from_xlsx import cell_value, year_key
from tgtcheck.data.load import load_data

from .conftest import SPEC_6_2, run_cli

openpyxl = pytest.importorskip("openpyxl")

SPEC = '''policy "x" "y"
  base H13
  due H18
  data "data.xlsx"

indicator patents "特許出願件数"
  unit "件"

target "t" "特許を増やす"
  value(patents) >= 100 by H18
'''


def workbook(path: Path, sheets: dict[str, list[list[Any]]], *, merged: dict[str, list[str]] | None = None,
             hidden: tuple[str, ...] = ()) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merged or {}).get(name, []):
            ws.merge_cells(rng)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def sheet_6_2() -> list[list[Any]]:
    rows = list(csv.reader((SPEC_6_2.parent / "policy_6_2.csv").open(encoding="utf-8")))
    out: list[list[Any]] = [["施策目標6-2 地域における科学技術振興のための環境整備 指標一覧"],
                            [*rows[0][:5], "平成10年度", "H11", "2000年度", "FY2001", "平成14年度"]]
    for r in rows[1:]:
        values = [int(v.replace(",", "")) if v.replace(",", "").isdigit() else v for v in r[5:]]
        out.append([c or None for c in r[:5]] + values)
    return [*out, [], ["※5 出典：文部科学省調べ"]]


def table(dataset: Any) -> dict[str, dict[int, Any]]:
    return {i: {y: c.value for y, c in s.cells.items()} for i, s in dataset.series.items()}


def spec_with_data(tmp_path: Path, data: Path) -> Path:
    spec = tmp_path / "s.tgt"
    spec.write_text(SPEC.replace("data.xlsx", data.name), encoding="utf-8")
    return spec


# -- good workbooks ---------------------------------------------------------------------------------
def test_the_6_2_sheet_reads_as_the_yaml_does(tmp_path: Path) -> None:
    data = workbook(tmp_path / "p.xlsx", {"R3": sheet_6_2()}, merged={"R3": ["A1:J1"]})  # a merged title above the table
    from_xlsx, diags = load_data(str(data))
    from_yaml, _ = load_data(str(SPEC_6_2.with_suffix(".yaml")))
    assert diags == [] and from_xlsx is not None and from_yaml is not None
    assert table(from_xlsx) == table(from_yaml)
    assert {i: (s.label, s.unit, s.kind, s.footnote) for i, s in from_xlsx.series.items()} == \
           {i: (s.label, s.unit, s.kind, s.footnote) for i, s in from_yaml.series.items()}
    assert from_xlsx.notes == {"※5": "出典：文部科学省調べ"}
    r = run_cli("run", str(SPEC_6_2), "--data", str(data))
    assert r.returncode == 0, r.stderr
    assert r.stdout == run_cli("run", str(SPEC_6_2)).stdout.replace("policy_6_2.yaml", "p.xlsx")


def test_the_long_layout(tmp_path: Path) -> None:
    data = workbook(tmp_path / "data.xlsx", {"long": [
        ["indicator", "年度", "値", "単位"],
        ["patents", "平成13年度", 208, "件"],
        ["patents", "H14", "集計中", None],
        ["patents", 2003, 250, None],
    ]})
    dataset, diags = load_data(str(data))
    assert diags == [] and dataset is not None
    assert table(dataset) == {"patents": {2001: Fraction(208), 2002: table(dataset)["patents"][2002], 2003: Fraction(250)}}
    assert str(table(dataset)["patents"][2002]).endswith("PENDING")
    r = run_cli("run", str(spec_with_data(tmp_path, data)), "--as-of", "H15")
    assert r.returncode == 0 and "met" in r.stdout, r.stderr


def test_numbers_are_the_decimals_excel_shows(tmp_path: Path) -> None:
    data = workbook(tmp_path / "data.xlsx", {"S": [["indicator", "H13", "H14", "H15"], ["patents", 0.1, 12.5, 1e-7]]})
    dataset, diags = load_data(str(data))
    assert diags == [] and dataset is not None
    assert table(dataset)["patents"] == {2001: Fraction(1, 10), 2002: Fraction(25, 2), 2003: Fraction(1, 10**7)}
    assert cell_value(0.1 + 0.2) == Decimal("0.3")  # a formula's binary result, as the sheet shows it
    assert cell_value(12400.0) == 12400 and cell_value(1 / 3) == Decimal("0.333333333333333")


@pytest.mark.parametrize(("header", "key"), [("平成10年度", "H10"), ("H10", "H10"), ("2002年度", "2002"), ("FY2002", "FY2002"),
                                             (2002, "2002"), ("令和元年度", "R元"), ("Ｈ１８", "Ｈ18"), ("平成 14 年度", "H14"), ("指標", None)])
def test_year_headers_as_written(header: Any, key: str | None) -> None:
    assert year_key(header) == key


def test_two_sheets_and_a_hidden_one(tmp_path: Path) -> None:
    data = workbook(tmp_path / "data.xlsx", {
        "R3": [["indicator", "H13"], ["patents", 208]],
        "R4": [["indicator", "H13"], ["other", 5]],
        "calc": [["indicator", "H13"], ["patents", 999]],  # hidden: skipped, with a notice
    }, hidden=("calc",))
    r = run_cli("check", "--strict", str(spec_with_data(tmp_path, data)))
    assert "note: " in r.stderr and "hidden sheet 'calc' not read" in r.stderr
    assert "other" in r.stderr  # the second sheet's row is read (and not declared: TGT311)
    dataset, _ = load_data(str(data))
    assert dataset is not None and table(dataset)["patents"] == {2001: Fraction(208)}


# -- bad workbooks: the sheet and the cell -----------------------------------------------------------
def run_bad(tmp_path: Path, sheets: dict[str, list[list[Any]]], **kw: Any) -> str:
    data = workbook(tmp_path / "data.xlsx", sheets, **kw)
    r = run_cli("run", str(spec_with_data(tmp_path, data)))
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    return r.stderr


def test_text_where_a_number_belongs(tmp_path: Path) -> None:
    err = run_bad(tmp_path, {"R3": [["title"], ["indicator", "H13", "H14"], ["patents", 208, "多数"]]})
    assert "data.xlsx: sheet 'R3', cell C3: indicators.patents.values.H14: error[TGT303]" in err


def test_merged_cells_in_the_table(tmp_path: Path) -> None:
    err = run_bad(tmp_path, {"R3": [["indicator", "H13", "H14"], ["patents", 208, None]]}, merged={"R3": ["B2:C2"]})
    assert "sheet 'R3', cell B2: error[TGT307]: cells B2:C2 are merged inside the table" in err and "Unmerge" in err


def test_a_formula_without_a_saved_value(tmp_path: Path) -> None:
    err = run_bad(tmp_path, {"R3": [["indicator", "H13", "H14"], ["patents", 208, "=B2*2"]]})  # openpyxl saves no value
    assert "sheet 'R3', cell C2: error[TGT303]: the cell holds a formula that was saved without its value" in err


def test_the_same_indicator_on_two_sheets(tmp_path: Path) -> None:
    err = run_bad(tmp_path, {"A": [["indicator", "H13"], ["patents", 1]], "B": [["indicator", "H14"], ["patents", 2]]})
    assert "sheet 'B', cell A2: error[TGT302]: indicator 'patents' is there twice (also sheet 'A', cell A2)" in err


def test_a_sheet_without_a_header_and_a_bad_year_header(tmp_path: Path) -> None:
    err = run_bad(tmp_path, {"表紙": [["政策評価書"]], "R3": [["indicator", "H13", "前年"], ["patents", 1, 2]]})
    assert "sheet '表紙': error[TGT307]: sheet '表紙' has no header row" in err
    assert "sheet 'R3', cell C1: error[TGT306]: the column header '前年' is neither a year" in err


def test_a_date_and_an_error_value(tmp_path: Path) -> None:
    import datetime

    err = run_bad(tmp_path, {"R3": [["indicator", "H13", "H14"], ["patents", datetime.datetime(2002, 4, 1), "#N/A"]]})
    assert "cell B2" in err and "cell C2" in err and err.count("error[TGT303]") == 2


def test_not_a_workbook_and_an_old_xls(tmp_path: Path) -> None:
    (tmp_path / "data.xlsx").write_bytes(b"not a zip")
    r = run_cli("run", str(spec_with_data(tmp_path, tmp_path / "data.xlsx")))
    assert r.returncode == 2 and "error[TGT301]" in r.stderr and "not a valid .xlsx workbook" in r.stderr
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    r = run_cli("run", str(SPEC_6_2), "--data", str(tmp_path / "old.xls"))
    assert r.returncode == 2 and "save it as 'Excel Workbook (*.xlsx)'" in r.stderr


def test_without_openpyxl_the_message_says_how_to_install(tmp_path: Path) -> None:
    data = workbook(tmp_path / "data.xlsx", {"R3": [["indicator", "H13"], ["patents", 1]]})
    code = ("import sys; sys.modules['openpyxl'] = None\n"
            "from tgtcheck.cli import main\n"
            f"sys.exit(main(['run', {str(spec_with_data(tmp_path, data))!r}]))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "needs openpyxl" in r.stderr and "-m pip install" in r.stderr and "[excel]" in r.stderr


def test_openpyxl_is_imported_only_for_a_workbook() -> None:
    code = ("import sys, io, contextlib; from tgtcheck.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['run', {str(SPEC_6_2)!r}])\n"
            "print('openpyxl' in sys.modules)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "False", r.stderr


def test_a_formula_is_read_as_its_saved_value_as_the_sheet_shows_it(tmp_path: Path) -> None:
    import zipfile

    written = workbook(tmp_path / "w.xlsx", {"R3": [["indicator", "H13", "H14"], ["patents", 0.1, "=0.1+0.2"]]})
    data = tmp_path / "data.xlsx"
    with zipfile.ZipFile(written) as src, zipfile.ZipFile(data, "w") as dst:  # what Excel saves: the formula and its value
        for item in src.infolist():
            body = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                assert b"<f>0.1+0.2</f><v />" in body
                body = body.replace(b"<f>0.1+0.2</f><v />", b"<f>0.1+0.2</f><v>0.30000000000000004</v>")
            dst.writestr(item, body)
    dataset, diags = load_data(str(data))
    assert diags == [] and dataset is not None
    assert table(dataset)["patents"] == {2001: Fraction(1, 10), 2002: Fraction(3, 10)}
