"""The README's promises: its two opening commands, its language example, its exit-code table."""

from __future__ import annotations

import re

from tgtcheck.language.formatter import format_text
from tgtcheck.language.parser import parse

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_opens_with_the_two_commands_ci_runs() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    install_and_run, install_and_test = blocks[0].strip(), blocks[1].strip()
    assert "pip install ." in install_and_run and "tgtcheck run spec/policy_6_2.tgt" in install_and_run
    assert "pytest" in install_and_test
    assert install_and_test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_language_example_parses_and_is_canonical() -> None:
    example = re.search(r"```tgt\n(.*?)```", README, re.S)
    assert example is not None
    spec, diags = parse(example.group(1))
    assert diags == [] and spec is not None
    assert format_text(example.group(1)) == (example.group(1), [])


def test_github_actions_workflow_runs_tgtcheck_and_uploads_sarif() -> None:
    import yaml

    block = re.search(r"```yaml\n(# \.github/workflows/.*?)```", README, re.S)
    assert block is not None
    workflow = yaml.safe_load(block.group(1))
    steps = workflow["jobs"]["targets"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "tgtcheck run --format github" in runs and "--format sarif" in runs
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps)


def test_github_actions_workflow_checks_a_whole_folder_with_one_sarif_upload() -> None:
    """The example judges every spec of a folder in one step each, and uploads one SARIF file whose runs carry their own
    categories (automationDetails.id: the upload's `category` would not replace them, so it is not given)."""
    import shlex

    import yaml

    block = re.search(r"```yaml\n(# \.github/workflows/.*?)```", README, re.S)
    assert block is not None
    steps = yaml.safe_load(block.group(1))["jobs"]["targets"]["steps"]
    commands = [shlex.split(step["run"].split("#")[0].split(">")[0]) for step in steps if "tgtcheck" in step.get("run", "")]
    for args in commands:
        specs = [a for a in args[2:] if not a.startswith("-") and a not in ("github", "sarif", "markdown", "ja")]
        assert specs == ["spec/"], args  # a folder, not a file
        assert (ROOT / specs[0]).is_dir()
    assert {args[1] for args in commands} == {"check", "run"}
    uploads = [step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert len(uploads) == 1 and "category" not in uploads[0]["with"]
