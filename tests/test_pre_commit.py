"""The pre-commit hooks (.pre-commit-hooks.yaml): a valid manifest, and entries that behave as hooks must."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, SPEC_6_2, run_cli

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
    h = hooks()
    assert h["tgtcheck-fmt"]["entry"] == "tgtcheck fmt --check"
    assert h["tgtcheck-check"]["entry"] == "tgtcheck check"
    assert all(hook["files"] == r"\.tgt$" for hook in h.values())


@pytest.mark.parametrize("hook", ["tgtcheck-fmt", "tgtcheck-check"])
def test_entry_passes_a_good_spec(hook: str) -> None:
    r = run_cli(*shlex.split(hooks()[hook]["entry"])[1:], str(SPEC_6_2))
    assert r.returncode == 0, r.stdout + r.stderr


def test_fmt_entry_fails_on_a_messy_spec(tmp_path: Path) -> None:
    messy = tmp_path / "messy.tgt"
    messy.write_text(SPEC_6_2.read_text(encoding="utf-8").replace("\n  base H13", " base  H13"), encoding="utf-8")
    before = messy.read_bytes()
    r = run_cli(*shlex.split(hooks()["tgtcheck-fmt"]["entry"])[1:], str(messy))
    assert r.returncode == 1 and str(messy) in r.stdout
    assert messy.read_bytes() == before  # a hook that checks never rewrites
