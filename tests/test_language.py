"""One rule for the output's language in every command: --lang, else TGTCHECK_LANG, else the locale, else English."""

from __future__ import annotations

from pathlib import Path

import pytest

from tgtcheck.core.output_language import UsageError, default_lang

from .conftest import SPEC_6_2, run_cli

JA = {"LANG": "ja_JP.UTF-8"}


@pytest.mark.parametrize(("env", "lang"), [
    ({}, "en"),
    ({"LANG": "ja_JP.UTF-8"}, "ja"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_ALL": "ja_JP.eucJP", "LANG": "en_US.UTF-8"}, "ja"),
    ({"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, "en"),  # LC_ALL wins, as POSIX says
    ({"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "C"}, "ja"),
    ({"TGTCHECK_LANG": "en", "LANG": "ja_JP.UTF-8"}, "en"),
    ({"TGTCHECK_LANG": "ja", "LC_ALL": "C"}, "ja"),
    ({"TGTCHECK_LANG": "ja_JP.UTF-8"}, "ja"),
])
def test_default_lang(env: dict[str, str], lang: str) -> None:
    assert default_lang(env) == lang


def test_a_misspelt_variable_is_an_error_not_english() -> None:
    with pytest.raises(UsageError, match="TGTCHECK_LANG='jp'"):
        default_lang({"TGTCHECK_LANG": "jp"})
    r = run_cli("run", str(SPEC_6_2), env={"TGTCHECK_LANG": "jp"})
    assert r.returncode == 2 and "error[TGT501]" in r.stderr and "TGTCHECK_LANG=ja" in r.stderr and "Traceback" not in r.stderr


def test_run_follows_the_locale_the_variable_and_the_flag() -> None:
    assert "総合判定" in run_cli("run", str(SPEC_6_2), env=JA).stdout
    assert "overall:" in run_cli("run", str(SPEC_6_2)).stdout
    assert "overall:" in run_cli("run", str(SPEC_6_2), env={**JA, "TGTCHECK_LANG": "en"}).stdout
    assert "総合判定" in run_cli("run", str(SPEC_6_2), "--lang", "ja", env={"TGTCHECK_LANG": "en"}).stdout


def test_check_explain_diff_report_follow_the_locale(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tgt"
    bad.write_text('policy "x" "y"\n  base H13\ntarget "t" "t"\n  value(nothing) >= 1 by H18\n', encoding="utf-8")
    assert "説明:" in run_cli("check", str(bad), env=JA).stderr
    assert "説明:" not in run_cli("check", str(bad)).stderr
    assert "判定" in run_cli("explain", str(SPEC_6_2), "6-2-7", env=JA).stdout
    assert "判定" not in run_cli("explain", str(SPEC_6_2), "6-2-7").stdout
    new = tmp_path / "new.tgt"
    new.write_text(SPEC_6_2.read_text(encoding="utf-8").replace(">= about 10", ">= about 12"), encoding="utf-8")
    ja_diff = run_cli("diff", str(SPEC_6_2), str(new), "--data", str(SPEC_6_2.with_suffix(".yaml")), "--as-of", "H14", "--as-of", "H14", env=JA)
    en_diff = run_cli("diff", str(SPEC_6_2), str(new), "--data", str(SPEC_6_2.with_suffix(".yaml")), "--as-of", "H14", "--as-of", "H14")
    assert ja_diff.returncode == en_diff.returncode == 1 and ja_diff.stdout != en_diff.stdout
    assert "| 指標名 |" in run_cli("report", str(SPEC_6_2), "--format", "markdown", env=JA).stdout
    assert "| Indicator |" in run_cli("report", str(SPEC_6_2), "--format", "markdown").stdout


@pytest.mark.parametrize("command", ["run", "check", "explain", "diff", "report", "lsp"])
def test_help_states_the_rule(command: str) -> None:
    out = " ".join(run_cli(command, "--help").stdout.split())
    assert "TGTCHECK_LANG" in out and "LANG is ja_*" in out


def test_the_language_server_takes_the_same_default() -> None:
    pytest.importorskip("pygls")
    from tgtcheck.editor.lsp.server import build_server

    assert build_server("ja").lang == "ja" and build_server().lang == "en"
