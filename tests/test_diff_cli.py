"""`tgtcheck diff` through the installed entry point: exit codes, formats, languages, --as-of and data options.

Exit codes: 0 no semantic change and no verdict change, 1 changes, 2 trouble
(unreadable file, invalid spec or data, usage) with diagnostics and never a
traceback.  Every JSON output is validated against schema/diff.schema.json.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from .conftest import ROOT, SPEC_6_2, run_cli

REVISED = ROOT / "tests" / "cases" / "diff" / "policy_6_2_revised.tgt"
SCHEMA = json.loads((ROOT / "src" / "tgtcheck" / "schema" / "diff.schema.json").read_text(encoding="utf-8"))


def diff(*args: str, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    proc = run_cli("diff", *args, cwd=cwd)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc


def validated(stdout: str) -> dict:  # type: ignore[type-arg]
    doc = json.loads(stdout)
    jsonschema.validate(doc, SCHEMA, cls=jsonschema.Draft202012Validator)
    return doc  # type: ignore[no-any-return]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the 6-2 spec and its data in tmp_path, to edit."""
    shutil.copy(SPEC_6_2, tmp_path / "policy_6_2.tgt")
    shutil.copy(SPEC_6_2.with_suffix(".yaml"), tmp_path / "policy_6_2.yaml")
    return tmp_path / "policy_6_2.tgt"


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


# -- exit codes -----------------------------------------------------------------------
def test_exit_0_same_file() -> None:
    proc = diff(str(SPEC_6_2), str(SPEC_6_2))
    assert proc.returncode == 0
    assert "no semantic change" in proc.stdout


def test_exit_0_layout_comments_and_year_forms(copy: Path) -> None:
    edit(copy, "# 「程度」は about、許容幅は ± で明示する。\n", "")
    edit(copy, "count(cluster_hubs) >= about 10 ± 1 by H18", "count( cluster_hubs )  ≧ about １０ ± 1\n    by FY2006  # 10拠点")
    edit(copy, "growth(joint_research, H13) >= about 30%", "growth(joint_research, 2001) >= about 3割")
    proc = diff(str(SPEC_6_2), str(copy))
    assert (proc.returncode, proc.stdout.splitlines()[-1].strip()) == (0, "no semantic change")


def test_exit_1_threshold(copy: Path) -> None:
    edit(copy, ">= about 10 ± 1", ">= about 15 ± 1")
    proc = diff(str(SPEC_6_2), str(copy))
    assert proc.returncode == 1
    assert "threshold: 10 → 15" in proc.stdout


def test_exit_2_missing_file() -> None:
    proc = diff(str(SPEC_6_2), "no/such/file.tgt")
    assert proc.returncode == 2
    assert "TGT100" in proc.stderr and proc.stdout == ""


def test_exit_2_syntax_error_shows_diagnostics_like_check(copy: Path) -> None:
    edit(copy, 'target "6-2-7" "', 'target "6-2-7 "')
    proc = diff(str(SPEC_6_2), str(copy))
    check = run_cli("check", str(copy))
    assert proc.returncode == 2 and check.returncode == 2
    assert proc.stderr.splitlines()[0] == check.stderr.splitlines()[0]  # file:line:col: error[TGT…]: …
    assert "^" in proc.stderr


def test_exit_2_invalid_spec(copy: Path) -> None:
    edit(copy, "count(cluster_hubs)", "count(cluster_hub)")
    proc = diff(str(copy), str(SPEC_6_2))
    assert proc.returncode == 2 and "TGT201" in proc.stderr


@pytest.mark.parametrize("args", [
    ["a.tgt", "b.tgt", "c.tgt"],
    [str(SPEC_6_2)],
    [str(SPEC_6_2), "--as-of", "H14", "--as-of", "H15", "--as-of", "H16"],
    [str(SPEC_6_2), "--as-of", "H0"],
])
def test_exit_2_usage(args: list[str]) -> None:
    proc = diff(*args)
    assert proc.returncode == 2 and "TGT501" in proc.stderr


def test_exit_2_data_missing_when_evaluating(copy: Path) -> None:
    (copy.parent / "policy_6_2.yaml").unlink()
    assert diff(str(copy), str(copy)).returncode == 0  # the spec diff needs no data
    proc = diff(str(copy), str(copy), "--as-of", "H14")
    assert proc.returncode == 2 and "TGT300" in proc.stderr


# -- verdicts ---------------------------------------------------------------------------
def test_one_spec_two_years() -> None:
    proc = diff(str(REVISED), "--as-of", "H14", "--as-of", "H15")
    assert proc.returncode == 1
    assert "verdicts: H14 (2002) → H15 (2003)" in proc.stdout
    assert "on track → behind" in proc.stdout  # 6-2-4


def test_one_as_of_for_both_sides_no_change() -> None:
    proc = diff(str(SPEC_6_2), str(SPEC_6_2), "--as-of", "H14")
    assert proc.returncode == 0
    assert "no verdict change" in proc.stdout
    assert "unchanged: 6-2-1 (met)" in proc.stdout


def test_verdicts_at_latest_years() -> None:
    doc = validated(diff(str(SPEC_6_2), str(REVISED), "--verdicts", "--format", "json").stdout)
    assert (doc["verdicts"]["old_as_of"]["label"], doc["verdicts"]["new_as_of"]["label"]) == ("H14", "H15")


def test_per_side_data(copy: Path, tmp_path: Path) -> None:
    tallied = tmp_path / "tallied.yaml"
    shutil.copy(copy.parent / "policy_6_2.yaml", tallied)
    edit(tallied, "H13: 208, H14: 集計中", "H13: 208, H14: 240")
    proc = diff(str(copy), "--as-of", "H14", "--new-data", str(tallied), "--format", "json")
    assert proc.returncode == 1
    doc = validated(proc.stdout)
    t = {v["id"]: v for v in doc["verdicts"]["targets"]}["6-2-4"]
    assert (t["old_status"], t["new_status"]) == ("pending", "on_track")  # 15.4% against the line's 5.4%
    assert doc["verdicts"]["new_data"] == str(tallied)
    both = validated(diff(str(copy), "--as-of", "H14", "--data", str(tallied), "--format", "json").stdout)
    assert both["summary"]["verdict_changes"] == 0


# -- formats and languages ----------------------------------------------------------------
def test_json_spec_only(copy: Path) -> None:
    edit(copy, "by H18\n\ntarget \"6-2-2\"", "by H22\n\ntarget \"6-2-2\"")
    doc = validated(diff(str(SPEC_6_2), str(copy), "--format", "json").stdout)
    assert doc["verdicts"] is None and doc["semantic_change"] is True
    (e,) = doc["edits"]
    assert (e["edit"], e["kind"], e["new_id"]) == ("changed", "target", "6-2-1")
    assert e["changes"] == [{"field": "deadline", "field_text": "deadline", "old": "H18", "new": "H22",
                             "old_year": 2006, "new_year": 2010}]


def test_json_no_change_and_ja() -> None:
    doc = validated(diff(str(SPEC_6_2), str(SPEC_6_2), "--format", "json", "--lang", "ja", "--as-of", "H14").stdout)
    assert doc["edits"] == [] and doc["semantic_change"] is False and doc["lang"] == "ja"
    assert doc["verdicts"]["targets"][0]["old"]["status_text"] == "達成"


def test_japanese_words() -> None:
    out = diff(str(SPEC_6_2), str(REVISED), "--lang", "ja", "--as-of", "H14", "--as-of", "H15").stdout
    for word in ("変更", "追加", "削除", "名称変更", "分割", "判定の変化", "目標値: 10 → 15", "達成年度: H18 → H22", "集計中 → 遅れ"):
        assert word in out, word


def test_markdown() -> None:
    out = diff(str(SPEC_6_2), str(REVISED), "--format", "markdown", "--as-of", "H14", "--as-of", "H15").stdout
    assert "| Change | Item | Field | Before | After |" in out
    assert "| changed | target 6-2-1 |" in out and "| `10` | `15` |" in out
    assert "| 6-2-4 | **pending** | **behind** |" in out
    ja = diff(str(SPEC_6_2), str(REVISED), "--format", "markdown", "--lang", "ja").stdout
    assert "| 区分 | 項目 | 内容 | 変更前 | 変更後 |" in ja


def test_markdown_escapes_pipes(copy: Path) -> None:
    edit(copy, '"知的クラスター創成事業実施拠点数"', '"拠点数 | クラスター"')
    out = diff(str(SPEC_6_2), str(copy), "--format", "markdown").stdout
    assert "拠点数 \\| クラスター" in out


def test_text_groups_in_order() -> None:
    out = diff(str(SPEC_6_2), str(REVISED)).stdout
    heads = [line.split(" (")[0] for line in out.splitlines() if line and not line.startswith(" ") and "(" in line and "→" not in line]
    assert heads == ["changed", "added", "removed", "renamed", "split"]


def test_color_only_when_asked(copy: Path) -> None:
    edit(copy, ">= about 10 ± 1", ">= about 15 ± 1")
    assert "\x1b[" not in diff(str(SPEC_6_2), str(copy)).stdout
    assert "\x1b[32m15\x1b[0m" in diff(str(SPEC_6_2), str(copy), "--color", "always").stdout


def test_options_before_the_specs() -> None:
    proc = diff("--as-of", "H14", "--format", "json", str(SPEC_6_2), str(REVISED), "--as-of", "H15")
    assert proc.returncode == 1
    assert validated(proc.stdout)["verdicts"]["new_as_of"]["label"] == "H15"
