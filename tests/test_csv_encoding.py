"""A CSV as Excel on Japanese Windows saves it (CP932) is read with a notice; EUC-JP and garbage are refused
with the byte position; --data-encoding reads the file in the encoding it names (data_encoding)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tgtcheck.data.load import load_data

from .conftest import SPEC_6_2, run_cli

CSV_6_2 = (SPEC_6_2.parent / "policy_6_2.csv").read_text(encoding="utf-8")


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "policy_6_2.csv"
    path.write_bytes(data)
    return path


def test_a_cp932_csv_is_read_with_a_notice(tmp_path: Path) -> None:
    path = write(tmp_path, CSV_6_2.replace("\n", "\r\n").encode("cp932"))
    r = run_cli("run", str(SPEC_6_2), "--data", str(path))
    assert r.returncode == 0, r.stderr
    assert r.stdout == run_cli("run", str(SPEC_6_2), "--data", str(SPEC_6_2.parent / "policy_6_2.csv")).stdout.replace(
        str(SPEC_6_2.parent / "policy_6_2.csv"), str(path))
    assert "note: " in r.stderr and "read as Shift_JIS (CP932)" in r.stderr
    dataset, diags = load_data(str(path))
    assert diags == [] and dataset is not None and dataset.series["patents"].label == "特許出願件数"
    assert any("CP932" in n for n in dataset.notices)


@pytest.mark.parametrize("command", [["check"], ["explain", "6-2-7"], ["report", "--format", "markdown"]])
def test_every_command_that_reads_data_gives_the_notice(tmp_path: Path, command: list[str]) -> None:
    path = write(tmp_path, CSV_6_2.encode("cp932"))
    name, *rest = command
    r = run_cli(name, str(SPEC_6_2), *rest, "--data", str(path))
    assert r.returncode == 0 and "read as Shift_JIS (CP932)" in r.stderr, r.stderr


def test_utf8_is_read_without_a_notice(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + CSV_6_2.encode("utf-8"))
    r = run_cli("run", str(SPEC_6_2), "--data", str(path))
    assert r.returncode == 0 and "note:" not in r.stderr


def test_euc_jp_is_refused_with_the_byte_and_the_flag(tmp_path: Path) -> None:
    path = write(tmp_path, CSV_6_2.replace("－", "n/a").encode("euc_jp"))
    r = run_cli("run", str(SPEC_6_2), "--data", str(path))
    assert r.returncode == 2 and "error[TGT300]" in r.stderr and "Traceback" not in r.stderr
    assert "neither UTF-8 nor Shift_JIS (CP932)" in r.stderr and "at byte offset" in r.stderr and "looks like EUC-JP" in r.stderr
    assert "--data-encoding euc_jp" in r.stderr
    r = run_cli("run", str(SPEC_6_2), "--data", str(path), "--data-encoding", "euc_jp")
    assert r.returncode == 0 and "note:" not in r.stderr, r.stderr


def test_bytes_that_are_no_japanese_text_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"indicator,H13\npatents,\x80\xff\xfe\n")
    r = run_cli("run", str(SPEC_6_2), "--data", str(path))
    assert r.returncode == 2 and "at byte offset 22 (line 2, byte 9 of the line)" in r.stderr, r.stderr


def test_an_explicit_encoding_that_does_not_fit(tmp_path: Path) -> None:
    path = write(tmp_path, CSV_6_2.encode("cp932"))
    r = run_cli("run", str(SPEC_6_2), "--data", str(path), "--data-encoding", "utf-8")
    assert r.returncode == 2 and "is not utf-8: at byte offset" in r.stderr
    r = run_cli("run", str(SPEC_6_2), "--data", str(path), "--data-encoding", "klingon")
    assert r.returncode == 2 and "error[TGT501]: --data-encoding klingon: no such encoding" in r.stderr
