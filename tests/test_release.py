"""A release installs: sdist -> wheel built from the sdist -> fresh venv -> the 6-2 spec runs (.ci/release-check).

Also the metadata a package index shows: the licence file, classifiers, project URLs, and a `test`
extra without the linters (they live in `dev`)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib

import pytest

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_sdist_wheel_fresh_venv_runs_the_6_2_spec() -> None:
    for module in ("build", "hatchling"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed: pip install -e '.[test]'")
    r = subprocess.run(["bash", str(ROOT / ".ci" / "release-check"), sys.executable], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "overall: mostly on schedule" in r.stdout
    assert "carry the grammar and the LICENSE" in r.stdout


def test_metadata() -> None:
    project = PYPROJECT["project"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert any(c.startswith("Programming Language :: Python :: 3.11") for c in project["classifiers"])
    assert {"Homepage", "Source", "Documentation"} <= set(project["urls"])


def test_test_extra_is_lean() -> None:
    extras = PYPROJECT["project"]["optional-dependencies"]
    names = {d.split(">")[0].split("=")[0].split("[")[0].strip().lower() for d in extras["test"]}
    assert not names & {"ruff", "mypy", "types-pyyaml"}
    assert {"ruff>=0.6", "mypy>=1.10"} <= set(extras["dev"])
