"""Diagnostics for Japanese policy staff: `--lang ja` adds the meaning and the fix in Japanese."""

from __future__ import annotations

from tgtcheck.core.diagnostics import CODES
from tgtcheck.core.diagnostics_ja import JA

from .conftest import run_cli


def test_every_code_has_a_japanese_title_and_fix() -> None:
    assert set(JA) == set(CODES)
    assert all(title and fix for title, fix in JA.values())


def test_check_and_run_explain_in_japanese_and_keep_the_parsable_first_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    spec = tmp_path / "bad.tgt"
    spec.write_text('policy "p" "t" base H13 due H18\nindicator patents "特許"\ntarget "1" "t" growth(patent, H13) >= 30% by H18\n',
                    encoding="utf-8")
    for command in (["check", "--no-data"], ["run"]):
        proc = run_cli(*command, str(spec), "--lang", "ja")
        assert proc.returncode == 2
        assert f"{spec}:3:23: error[TGT201]: unknown indicator 'patent'" in proc.stderr
        assert "説明: 未定義の指標または定数です。" in proc.stderr
        assert "エラー " in proc.stderr and " 件" in proc.stderr
    english = run_cli("check", "--no-data", str(spec))
    assert "説明" not in english.stderr and "Found 1 error" in english.stderr
