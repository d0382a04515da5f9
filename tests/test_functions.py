"""Built-in functions are one record each (``functions.FUNCTIONS``), and every pass reads it.

The proof: a function registered only inside a test (``mean_growth``, the
average yearly growth since a base year) is checked, evaluated with the right
percent flag in `run --format json`, explained with its formula, and charted
in the report, with no other change.  The docs' function table is generated
from the records; run ``python -m tests.test_functions`` to write it again.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest

from tgtcheck.cli import main
from tgtcheck.judging import functions
from tgtcheck.judging.functions import FUNCTIONS, Arguments, Computation, Formula, Function, Kind, Param, exactly
from tgtcheck.judging.why import Why

from .conftest import ROOT

DOCS = ROOT / "docs" / "language.md"
BEGIN = "<!-- functions: generated from src/tgtcheck/judging/functions.py by `python -m tests.test_functions`; do not edit by hand -->\n"
END = "<!-- end functions -->\n"


def _mean_growth(a: Arguments) -> Computation:
    x, since = a.indicator(0), a.year_or_judged(1)
    years = Fraction(a.year - since)

    def yearly(now: Fraction, base: Fraction, n: Fraction) -> Fraction | Why:
        if base and n:
            return (now - base) / base / n
        return Why(f"mean growth of {x} from {since} is undefined", f"{x} の{since}年度からの年平均伸び率は定義できない")

    return exactly((a.read(x, a.year), a.read(x, since), years), yearly)


MEAN_GROWTH = Function(
    "mean_growth", (Param("indicator", Kind.INDICATOR), Param("base_year", Kind.YEAR)), Kind.PERCENT,
    "average yearly growth since `base_year`: growth / (y − base_year)", "基準年度からの年平均増加率",
    _mean_growth, Formula("({0} - {1}) / {1} / {2}", (0, 0, None)),
)

SPEC = """policy "T" "test"
  base H13
  due H18
  data "data.yaml"
indicator patents "特許出願件数"
  unit "件"
target "1" "年平均5%以上増加" mean_growth(patents, H13) >= 5% by H18
"""
DATA = """indicators:
  patents:
    label: 特許出願件数
    unit: 件
    values: {H13: 200, H14: 230}
"""


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setitem(FUNCTIONS, MEAN_GROWTH.name, MEAN_GROWTH)
    (tmp_path / "spec.tgt").write_text(SPEC, encoding="utf-8")
    (tmp_path / "data.yaml").write_text(DATA, encoding="utf-8")
    yield tmp_path / "spec.tgt"


def test_a_function_registered_in_a_test_is_checked(registered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(registered)]) == 0
    wrong = registered.with_name("wrong.tgt")
    wrong.write_text(SPEC.replace("mean_growth(patents, H13) >= 5%", "mean_growth(patents) >= 5"), encoding="utf-8")
    assert main(["check", str(wrong)]) == 2
    err = capsys.readouterr().err
    assert "TGT206" in err and "mean_growth(indicator, base_year)" in err  # arity, in the record's words
    assert "TGT204" in err  # a percent compared with a count: the result kind is the record's


def test_a_function_registered_in_a_test_runs_with_its_percent_flag(registered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["run", str(registered), "--as-of", "H14", "--format", "json"]) == 0
    target = json.loads(capsys.readouterr().out)["targets"][0]
    assert target["status"] == "met"
    # in percent, as `>= 5%` is written: not "percent": false with a threshold of 0.05
    assert (target["percent"], target["actual"], target["threshold"]) == (True, "15", "5")


def test_a_function_registered_in_a_test_is_explained(registered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["explain", str(registered), "1", "--as-of", "H14"]) == 0
    text = capsys.readouterr().out
    assert "mean_growth(patents, H13) in H14 = (230 - 200) / 200 / 1 = 15%" in text


def test_a_function_registered_in_a_test_is_in_the_report_model(registered: Path) -> None:
    from tgtcheck.pipeline import load, run
    from tgtcheck.report.model import NUMBER, build

    result = run(load(str(registered)), 2002)
    assert result is not None
    chart = build(result, "en").targets[0].chart
    assert chart.percent and chart.low == Fraction(5, 100)
    assert [(p.year, p.value) for p in chart.points if p.kind == NUMBER] == [(2002, Fraction(15, 100))]


def test_a_function_registered_in_a_test_is_offered_by_the_language_server(registered: Path) -> None:
    pytest.importorskip("lsprotocol")
    from tgtcheck.editor.lsp.analysis import analyse
    from tgtcheck.editor.lsp.features import completions

    items = {i.label: i for i in completions(analyse(SPEC, str(registered)))}
    assert items["mean_growth"].detail == "mean_growth(indicator, base_year)"


def test_every_numeric_function_computes_and_every_trend_is_a_condition() -> None:
    for f in FUNCTIONS.values():
        assert (f.compute is None) == (f.result is Kind.TREND), f.name
        if f.formula is not None:
            assert all(i is None or i < len(f.params) for i in f.formula.of), f.name


def test_docs_function_table_is_current() -> None:
    assert _docs_with_table(DOCS.read_text(encoding="utf-8")) == DOCS.read_text(encoding="utf-8"), \
        "docs/language.md's function table is stale: run `python -m tests.test_functions`"


def _docs_with_table(text: str) -> str:
    head, rest = text.split(BEGIN)
    _, tail = rest.split(END)
    return head + BEGIN + functions.markdown_table() + END + tail


if __name__ == "__main__":
    DOCS.write_text(_docs_with_table(DOCS.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"wrote the function table of {DOCS.relative_to(ROOT)}\n")
