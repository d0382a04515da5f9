"""The smaller faults a new user meets first (issue 14), each through the installed command."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import SPEC_6_2, run_cli

DATA_6_2 = SPEC_6_2.with_suffix(".yaml")


def test_report_into_a_missing_folder_is_tgt502_with_the_fix(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "report.md"
    r = run_cli("report", str(SPEC_6_2), "--format", "markdown", "-o", str(out))
    assert r.returncode == 2 and "error[TGT502]" in r.stderr and "does not exist" in r.stderr and "mkdir" in r.stderr


def test_fail_on_takes_the_words_the_text_output_writes() -> None:
    r = run_cli("run", str(SPEC_6_2), "--fail-on", "not met, on track")  # 6-2-7 is on track
    assert r.returncode == 1, r.stderr
    assert run_cli("run", str(SPEC_6_2), "--fail-on", "Insufficient Data").returncode == 1
    bad = run_cli("run", str(SPEC_6_2), "--fail-on", "late")
    assert bad.returncode == 2 and "unknown status late" in bad.stderr


def test_a_thousands_comma_in_a_yaml_flow_map_suggests_quotes(tmp_path: Path) -> None:
    (tmp_path / "s.tgt").write_text('policy "x" "y"\n  base H13\n  due R3\n  data "d.yaml"\nindicator a "A"\n'
                                    'target "t" "t"\n  value(a) >= 1 by R3\n', encoding="utf-8")
    (tmp_path / "d.yaml").write_text("indicators:\n  a:\n    values: {R2: 12,400}\n", encoding="utf-8")
    r = run_cli("run", str(tmp_path / "s.tgt"))
    assert r.returncode == 2 and "error[TGT306]" in r.stderr
    assert 'R2: "12,400"' in r.stderr and "R2: 12400" in r.stderr


def test_diff_with_the_edited_copy_elsewhere_uses_the_old_data(tmp_path: Path) -> None:
    copy = tmp_path / "edited.tgt"
    copy.write_text(SPEC_6_2.read_text(encoding="utf-8").replace(">= about 10", ">= about 12"), encoding="utf-8")
    r = run_cli("diff", str(SPEC_6_2), str(copy), "--as-of", "H14")
    assert r.returncode == 1, r.stderr
    assert "threshold 10 → 12" in r.stdout
    assert "note:" in r.stderr and "does not exist" in r.stderr and str(DATA_6_2.relative_to(SPEC_6_2.parents[1])) in r.stderr
    shutil.copy(DATA_6_2, tmp_path / DATA_6_2.name)  # beside the copy: that one is used, no note
    r = run_cli("diff", str(SPEC_6_2), str(copy), "--as-of", "H14")
    assert r.returncode == 1 and "note:" not in r.stderr


def test_fmt_diff_of_an_absolute_path_has_no_doubled_slash(tmp_path: Path) -> None:
    messy = tmp_path / "messy.tgt"
    messy.write_text('policy "x" "y"\n base H13\n', encoding="utf-8")
    r = run_cli("fmt", "--diff", str(messy))
    assert r.returncode == 1
    assert f"--- {messy}\n+++ {messy}\n" in r.stdout and "//" not in r.stdout
    r = run_cli("fmt", "--diff", "messy.tgt", cwd=tmp_path)
    assert "--- a/messy.tgt\n+++ b/messy.tgt\n" in r.stdout


def test_help_has_examples_exit_codes_and_the_language_rule() -> None:
    top = run_cli("--help").stdout
    assert "examples:" in top and "exit codes:" in top and "TGTCHECK_LANG" in top
    for command in ("run", "check", "diff", "explain", "fmt", "report"):
        out = run_cli(command, "--help").stdout
        assert "examples:" in out and "exit codes: 0 clean, 1 findings, 2 trouble" in out, command
