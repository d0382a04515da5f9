"""The pre-commit hooks (.pre-commit-hooks.yaml): a valid manifest, and entries that behave as hooks must."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, SPEC_6_2, run_cli, tgtcheck_command

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def pre_commit() -> list[str]:
    script = Path(sys.executable).with_name("pre-commit")
    if not script.exists():
        pytest.skip("pre-commit is not installed: pip install -e '.[test]'")
    return [str(script)]


def hooks() -> dict[str, dict[str, str]]:
    return {h["id"]: h for h in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}


def test_manifest_is_valid() -> None:
    r = subprocess.run([*pre_commit(), "validate-manifest", str(MANIFEST)], check=False, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_hooks_and_their_files() -> None:
    """tgtcheck-fmt fixes in place (as ruff-format), tgtcheck-fmt-check only reports; the check hook also
    takes data files, so that a data-only commit (the yearly update) is checked (issue 14)."""
    h = hooks()
    assert h["tgtcheck-fmt"]["entry"] == "tgtcheck fmt"
    assert h["tgtcheck-fmt-check"]["entry"] == "tgtcheck fmt --check"
    assert h["tgtcheck-check"]["entry"] == "tgtcheck check"
    assert h["tgtcheck-fmt"]["files"] == h["tgtcheck-fmt-check"]["files"] == r"\.tgt$"
    assert h["tgtcheck-check"]["files"] == r"\.(tgt|ya?ml|json|csv|xlsx)$"


@pytest.mark.parametrize("hook", ["tgtcheck-fmt", "tgtcheck-fmt-check", "tgtcheck-check"])
def test_entry_passes_a_good_spec(hook: str) -> None:
    r = run_cli(*shlex.split(hooks()[hook]["entry"])[1:], str(SPEC_6_2))
    assert r.returncode == 0, r.stdout + r.stderr


def test_fmt_entry_fails_on_a_messy_spec(tmp_path: Path) -> None:
    messy = tmp_path / "messy.tgt"
    messy.write_text(SPEC_6_2.read_text(encoding="utf-8").replace("\n  base H13", " base  H13"), encoding="utf-8")
    before = messy.read_bytes()
    r = run_cli(*shlex.split(hooks()["tgtcheck-fmt-check"]["entry"])[1:], str(messy))
    assert r.returncode == 1 and str(messy) in r.stdout
    assert messy.read_bytes() == before  # a hook that checks never rewrites


# -- the real pre-commit tool, in a temporary repository ------------------------------------------
# The hooks are the manifest's, word for word (id, entry, files, exclude), run as `repo: local` with
# the installed command (language: system), so the test needs no network; what pre-commit decides
# (which files a hook gets, that a hook which rewrites a file fails the commit) is its own.
def _policy_repo(tmp_path: Path, hook_ids: list[str]) -> Path:
    import shutil

    repo = tmp_path / "policies"
    (repo / "spec").mkdir(parents=True)
    shutil.copy(SPEC_6_2, repo / "spec" / SPEC_6_2.name)
    shutil.copy(SPEC_6_2.with_suffix(".yaml"), repo / "spec" / SPEC_6_2.with_suffix(".yaml").name)
    command = tgtcheck_command()[0]
    local = []
    for id in hook_ids:
        h = dict(hooks()[id])
        h["entry"] = h["entry"].replace("tgtcheck", shlex.quote(command), 1)
        h["language"] = "system"
        local.append(h)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}), encoding="utf-8")
    for args in (["init", "-q"], ["config", "user.email", "t@example.org"], ["config", "user.name", "t"], ["add", "."],
                 ["commit", "-q", "--no-verify", "-m", "start"]):
        _git(repo, *args)
    r = subprocess.run([*pre_commit(), "install"], cwd=repo, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    return repo


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "GIT_CONFIG_GLOBAL": os.devnull}
    r = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, timeout=300, env=env)
    r.stdout += r.stderr  # a hook's output goes to git's stderr; the assertions read both
    return r


def test_a_data_only_commit_runs_the_check(tmp_path: Path) -> None:
    repo = _policy_repo(tmp_path, ["tgtcheck-check"])
    data = repo / "spec" / "policy_6_2.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("H14: 50", "H14: 多数"), encoding="utf-8")  # a bad yearly update
    _git(repo, "add", "spec/policy_6_2.yaml")
    r = _git(repo, "commit", "-m", "H14 data")
    assert r.returncode != 0, r.stdout + r.stderr
    assert "tgtcheck check" in r.stdout and "error[TGT303]" in r.stdout and "policy_outlines" in r.stdout
    data.write_text(data.read_text(encoding="utf-8").replace("H14: 多数", "H14: 52"), encoding="utf-8")
    _git(repo, "add", "spec/policy_6_2.yaml")
    r = _git(repo, "commit", "-m", "H14 data")
    assert r.returncode == 0 and "tgtcheck check" in r.stdout and "Passed" in r.stdout, r.stdout + r.stderr


def test_the_fmt_hook_fixes_and_the_check_hook_reports(tmp_path: Path) -> None:
    repo = _policy_repo(tmp_path, ["tgtcheck-fmt", "tgtcheck-fmt-check"])
    spec = repo / "spec" / "policy_6_2.tgt"
    canonical = spec.read_text(encoding="utf-8").replace(">= about 10", ">= about 12")  # an edit, written untidily
    spec.write_text(canonical.replace("\n  base H13", " base  H13"), encoding="utf-8")
    _git(repo, "add", ".")
    r = _git(repo, "commit", "-m", "messy")
    assert r.returncode != 0 and "files were modified by this hook" in r.stdout, r.stdout + r.stderr
    assert spec.read_text(encoding="utf-8") == canonical  # fixed in place
    _git(repo, "add", ".")
    r = _git(repo, "commit", "-m", "formatted")
    assert r.returncode == 0, r.stdout + r.stderr


def test_check_given_a_data_file_checks_the_specs_that_use_it(tmp_path: Path) -> None:
    repo = _policy_repo(tmp_path, ["tgtcheck-check"])
    r = run_cli("check", "spec/policy_6_2.yaml", cwd=repo)
    assert r.returncode == 0 and "1 spec checked" in r.stderr, r.stderr
    r = run_cli("check", ".pre-commit-config.yaml", cwd=repo)
    assert r.returncode == 0 and "no spec uses .pre-commit-config.yaml" in r.stderr
