"""Resources stay bounded whatever the input: the same size limit for every command, linear paths, short output.

Each test builds its hostile input in ``tmp_path`` (they are too large or too regular to be fixtures) and
pins what a user would notice: the code and exit status, the time, the size of what reaches the terminal.
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from tgtcheck.analysis.check import check
from tgtcheck.cli import main
from tgtcheck.core import sources
from tgtcheck.core.diagnostics import Diagnostic, Location, Severity, Span, render_diagnostic
from tgtcheck.data.load import load_data
from tgtcheck.formats import Options
from tgtcheck.formats.text import MAX_PER_CODE, render_diagnostics
from tgtcheck.language.parser import parse

HEAD = 'policy "P" "t" base H13 due H18 data "d.yaml"\n'


def cpu_time(f: object) -> float:
    start = time.process_time()
    f()  # type: ignore[operator]
    return time.process_time() - start


@pytest.mark.parametrize("check_only", [True, False])
def test_fmt_applies_the_spec_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                         check_only: bool) -> None:
    """`fmt` read a 36 MB spec whole (257 s, 6.3 GB); `check` refused it at once.  Now fmt refuses it like check."""
    monkeypatch.setattr(sources, "MAX_SPEC_BYTES", 1000)
    spec = tmp_path / "big.tgt"
    spec.write_text(HEAD + "# comment\n" * 200, encoding="utf-8")
    before = spec.read_bytes()
    assert main(["fmt", *(["--check"] if check_only else []), str(spec)]) == 2
    assert "error[TGT100]" in capsys.readouterr().err
    assert spec.read_bytes() == before


def test_fmt_applies_the_limit_to_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sources, "MAX_SPEC_BYTES", 1000)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((HEAD + "# c\n" * 500).encode())))
    assert main(["fmt", "-"]) == 2
    captured = capsys.readouterr()
    assert "error[TGT100]" in captured.err and captured.out == ""


def test_csv_with_thousands_of_quoted_headers_is_linear(tmp_path: Path) -> None:
    """5,000 quoted non-year headers took 131 s and 880 MB: each column's position rescanned the header line."""
    path = tmp_path / "wide.csv"
    header = ",".join(["indicator", *(f'"col{i}"' for i in range(5000))])
    path.write_text(header + "\nx," + ",".join(["1"] * 5000) + "\n", encoding="utf-8")
    result: list[list[Diagnostic]] = []
    assert cpu_time(lambda: result.append(load_data(str(path))[1])) < 10
    diags = result[0]
    assert len(diags) == 5000 and {d.code for d in diags} == {"TGT306"}
    assert diags[-1].location.span is not None and diags[-1].location.span.column == header.index('"col4999"') + 1


def test_did_you_mean_for_thousands_of_misspelt_names_is_bounded() -> None:
    """3,000 misspelt indicator references among 3,000 declared took 114 s in did-you-mean."""
    text = HEAD + "".join(f'indicator ind_{i} "x"\n' for i in range(3000)) + "".join(
        f'target "{i}" "t" value(idn_{i}) >= 1 by H18\n' for i in range(3000))
    spec, diags = parse(text, "refs.tgt")
    assert spec is not None and not diags
    found: list[list[Diagnostic]] = []
    assert cpu_time(lambda: found.append(check(spec, "refs.tgt"))) < 10
    assert [d.code for d in found[0]] == ["TGT201"] * 3000
    assert found[0][0].help == "did you mean 'ind_0'?"  # the first misspellings still get their suggestion


def test_a_long_line_is_cut_around_the_column() -> None:
    line = '{"a": "' + "x" * 5000 + '", "b": "bad", "c": "' + "y" * 5000 + '"}'
    column = line.index('"bad"') + 1
    d = Diagnostic("TGT303", Severity.ERROR, "found text 'bad'", Location("d.json", Span(1, column, 1, column + 5)))
    rendered = render_diagnostic(d, [line]).split("\n")
    source, caret = rendered[1], rendered[2]
    assert len(source) < 200 and len(caret) < 200
    assert source[caret.index("^"): caret.index("^") + 5] == '"bad"'  # the caret stays under the value


def test_one_line_json_with_600_bad_values_prints_little(tmp_path: Path) -> None:
    """A 10 KB one-line JSON file with 600 bad values printed 7.2 MB: the whole line under each message."""
    values = {f"FY{1900 + i}": "bad" for i in range(300)} | {f"H{i}": "bad" for i in range(1, 31)}
    values |= {str(2000 + i): "bad" for i in range(1, 200)} | {f"R{i}": "bad" for i in range(1, 72)}
    path = tmp_path / "line.json"
    path.write_text(json.dumps({"indicators": {"x": {"values": values}}}), encoding="utf-8")
    _, diags = load_data(str(path))
    assert len(diags) >= 600
    text = render_diagnostics(diags, {str(path): path.read_text(encoding="utf-8").split("\n")}, Options())
    assert len(text) < 60_000
    assert f"and {len([d for d in diags if d.code == 'TGT303']) - MAX_PER_CODE} more TGT303" in text
