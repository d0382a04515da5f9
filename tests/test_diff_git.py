"""`tgtcheck diff` with git: REV:path sides, their data, and the external diff driver in a real repository.

Every test builds its own repository in tmp_path (git init, a local user,
the 6-2 spec and data committed), never touching the project's repository.
Git's global and system configuration are ignored, so a developer's pager or
diff settings cannot change the result.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tgtcheck.cli import COMMANDS

from .conftest import SPEC_6_2, run_cli, tgtcheck_command

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_PAGER": "cat", "PAGER": "cat",
           "GIT_AUTHOR_DATE": "2003-04-01T00:00:00", "GIT_COMMITTER_DATE": "2003-04-01T00:00:00"}
DRIVER = " ".join(tgtcheck_command() + ["diff", "--git-external"])


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV}
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc


def diff(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = run_cli("diff", *args, cwd=cwd, env=GIT_ENV)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits: the 6-2 spec and data, then the threshold of 6-2-1 raised 10 -> 15."""
    root = tmp_path / "repo"
    (root / "spec").mkdir(parents=True)
    git(root, "init", "-q")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.invalid")
    shutil.copy(SPEC_6_2, root / "spec" / "policy_6_2.tgt")
    shutil.copy(SPEC_6_2.with_suffix(".yaml"), root / "spec" / "policy_6_2.yaml")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "6-2 as evaluated in H14")
    replace_in(root / "spec" / "policy_6_2.tgt", ">= about 10 ± 1", ">= about 15 ± 1")
    git(root, "commit", "-q", "-am", "raise 6-2-1 to 15 hubs")
    return root


# -- REV:path -----------------------------------------------------------------------
def test_two_revisions(repo: Path) -> None:
    proc = diff(repo, "HEAD~1:spec/policy_6_2.tgt", "HEAD:spec/policy_6_2.tgt")
    assert proc.returncode == 1
    assert proc.stdout.startswith("HEAD~1:spec/policy_6_2.tgt → HEAD:spec/policy_6_2.tgt")
    assert "threshold: 10 → 15" in proc.stdout


def test_revision_against_working_file_relative_to_cwd(repo: Path) -> None:
    replace_in(repo / "spec" / "policy_6_2.tgt", "value(policy_outlines) >= prefectures_and_cities by H18",
               "value(policy_outlines) >= prefectures_and_cities by H22")
    proc = diff(repo / "spec", "HEAD:./policy_6_2.tgt", "policy_6_2.tgt")
    assert proc.returncode == 1
    assert "deadline: H18 → H22" in proc.stdout and "threshold" not in proc.stdout


def test_same_revision_no_change(repo: Path) -> None:
    assert diff(repo, "HEAD:spec/policy_6_2.tgt", "spec/policy_6_2.tgt").returncode == 0


def test_bad_revision(repo: Path) -> None:
    proc = diff(repo, "HEAD~7:spec/policy_6_2.tgt", "spec/policy_6_2.tgt")
    assert proc.returncode == 2
    assert "error[TGT520]: cannot read HEAD~7:spec/policy_6_2.tgt from git" in proc.stderr


def test_missing_path_in_revision(repo: Path) -> None:
    proc = diff(repo, "HEAD:spec/nope.tgt", "spec/policy_6_2.tgt")
    assert proc.returncode == 2
    assert "TGT520" in proc.stderr and "nope.tgt" in proc.stderr


def test_not_a_repository(tmp_path: Path) -> None:
    shutil.copy(SPEC_6_2, tmp_path / "p.tgt")
    proc = diff(tmp_path, "HEAD:p.tgt", "p.tgt")
    assert proc.returncode == 2 and "TGT520" in proc.stderr


def test_invalid_spec_at_a_revision(repo: Path) -> None:
    with (repo / "spec" / "policy_6_2.tgt").open("a", encoding="utf-8") as fh:
        fh.write('target "x" "unclosed\n')
    git(repo, "commit", "-q", "-am", "broken")
    proc = diff(repo, "HEAD:spec/policy_6_2.tgt", "HEAD~1:spec/policy_6_2.tgt")
    assert proc.returncode == 2
    assert "HEAD:spec/policy_6_2.tgt:56:12: error[TGT104]" in proc.stderr and "^" in proc.stderr


def test_existing_file_wins_over_revision(repo: Path) -> None:
    shutil.copy(repo / "spec" / "policy_6_2.tgt", repo / "HEAD:spec")  # a file whose name looks like REV:path
    proc = diff(repo, "HEAD:spec", "spec/policy_6_2.tgt")
    assert proc.returncode == 0, proc.stderr


def test_data_read_from_the_same_revision(repo: Path) -> None:
    data = repo / "spec" / "policy_6_2.yaml"
    replace_in(data, "H14: 12}", "H14: 8}")  # cluster_hubs, committed
    git(repo, "commit", "-q", "-am", "correct cluster_hubs")
    replace_in(data, "H14: 8}", "H14: 30}")  # uncommitted: must not be read for either revision
    proc = diff(repo, "HEAD~1:spec/policy_6_2.tgt", "HEAD:spec/policy_6_2.tgt", "--as-of", "H14", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    import json

    doc = json.loads(proc.stdout)
    assert doc["verdicts"]["old_data"] == "HEAD~1:spec/policy_6_2.yaml"
    t = {v["id"]: v for v in doc["verdicts"]["targets"]}["6-2-1"]
    assert (t["old"]["actual"], t["new"]["actual"]) == ("12", "8")


def test_data_falls_back_to_the_working_file(repo: Path) -> None:
    spec = repo / "spec" / "policy_6_2.tgt"
    replace_in(spec, 'data "policy_6_2.yaml"', 'data "renamed.yaml"')
    git(repo, "commit", "-q", "-am", "data file renamed, not committed")
    shutil.copy(repo / "spec" / "policy_6_2.yaml", repo / "spec" / "renamed.yaml")
    proc = diff(repo, "HEAD:spec/policy_6_2.tgt", "--as-of", "H14")
    assert proc.returncode == 0, proc.stderr
    assert "note: HEAD:spec/renamed.yaml cannot be read from git" in proc.stderr
    assert "using the working file spec/renamed.yaml" in proc.stderr


# -- the external diff driver ---------------------------------------------------------------
def with_driver(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.tgt diff=tgtcheck\n", encoding="utf-8")


def test_git_diff_shows_semantic_changes(repo: Path) -> None:
    with_driver(repo)
    out = git(repo, "-c", f"diff.tgtcheck.command={DRIVER}", "diff", "HEAD~1", "HEAD").stdout
    assert "diff --tgtcheck a/spec/policy_6_2.tgt b/spec/policy_6_2.tgt" in out
    assert "threshold: 10 → 15" in out
    assert "-  count(cluster_hubs)" not in out  # no line diff for this file


def test_driver_from_git_config_and_layout_only_change(repo: Path) -> None:
    with_driver(repo)
    git(repo, "config", "diff.tgtcheck.command", DRIVER)
    spec = repo / "spec" / "policy_6_2.tgt"
    replace_in(spec, "count(cluster_hubs) >= about 15 ± 1 by H18", "count(cluster_hubs)\n    >= about 15 ± 1\n    by 2006  # 15拠点")
    out = git(repo, "diff").stdout
    assert "diff --tgtcheck a/spec/policy_6_2.tgt" in out and "no semantic change" in out


def test_driver_new_file_and_broken_file(repo: Path) -> None:
    with_driver(repo)
    shutil.copy(repo / "spec" / "policy_6_2.tgt", repo / "spec" / "copy.tgt")
    with (repo / "spec" / "policy_6_2.tgt").open("a", encoding="utf-8") as fh:
        fh.write('target "x" "unclosed\n')
    git(repo, "add", ".")
    out = git(repo, "-c", f"diff.tgtcheck.command={DRIVER}", "diff", "--cached").stdout
    assert "diff --tgtcheck a/spec/copy.tgt b/spec/copy.tgt (new file)" in out
    assert "added (15)" in out
    assert "cannot compare semantically (b/spec/policy_6_2.tgt does not parse)" in out
    assert "TGT104" in out and '+target "x" "unclosed' in out  # the line diff as a fallback


def test_driver_on_a_renamed_file(repo: Path) -> None:
    """With rename detection git passes nine arguments: the new path comes eighth."""
    with_driver(repo)
    git(repo, "mv", "spec/policy_6_2.tgt", "spec/p62.tgt")
    replace_in(repo / "spec" / "p62.tgt", ">= about 15 ± 1", ">= about 16 ± 1")
    git(repo, "add", "-A")
    out = git(repo, "-c", f"diff.tgtcheck.command={DRIVER}", "diff", "--cached", "-M").stdout
    assert "diff --tgtcheck a/spec/policy_6_2.tgt b/spec/p62.tgt" in out
    assert "threshold: 15 → 16" in out


def test_driver_arguments(tmp_path: Path) -> None:
    old, new = tmp_path / "old.tgt", tmp_path / "new.tgt"
    shutil.copy(SPEC_6_2, old)
    shutil.copy(SPEC_6_2, new)
    replace_in(new, ">= about 10 ± 1", ">= about 12 ± 1")
    args = ["--git-external", "spec/p.tgt", str(old), "0" * 40, "100644", str(new), "1" * 40, "100644"]
    proc = diff(tmp_path, *args)
    assert proc.returncode == 0  # always 0: git stops at a non-zero driver
    assert proc.stdout.startswith("diff --tgtcheck a/spec/p.tgt b/spec/p.tgt\n")
    assert "threshold: 10 → 12" in proc.stdout
    assert diff(tmp_path, "--git-external", "only", "three", "args").returncode == 2
    assert diff(tmp_path, "--git-external", "spec/p.tgt").stdout == "* Unmerged path spec/p.tgt\n"


@pytest.mark.skipif("fmt" not in COMMANDS, reason="tgtcheck fmt is not available")
def test_textconv_alternative(repo: Path) -> None:
    """The documented textconv: canonical text, then git's own line diff."""
    with_driver(repo)
    textconv = " ".join(tgtcheck_command() + ["fmt", "-", "<"])
    replace_in(repo / "spec" / "policy_6_2.tgt", "count(cluster_hubs) >= about 15 ± 1 by H18",
               "count(cluster_hubs)   >=   about 15 ± 1 by H18")
    out = git(repo, "-c", f"diff.tgtcheck.textconv={textconv}", "diff").stdout
    assert out == ""  # spacing only: the canonical texts are equal
