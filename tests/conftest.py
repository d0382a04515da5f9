"""Shared test helpers: the repository root, the installed `tgtcheck` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC_6_2 = ROOT / "spec" / "policy_6_2.tgt"


def tgtcheck_command() -> list[str]:
    """The installed console script (the entry point users run), next to this Python."""
    script = Path(sys.executable).with_name("tgtcheck")
    if script.exists():
        return [str(script)]
    found = shutil.which("tgtcheck")
    if found:
        return [found]
    raise RuntimeError("the tgtcheck entry point is not installed: pip install -e '.[test]'")


def run_cli(*args: str, input: str | None = None, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # the output's language follows TGTCHECK_LANG and the locale: tests start from neither (English)
    unset = ("NO_COLOR", "FORCE_COLOR", "TGTCHECK_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
    full_env = {k: v for k, v in os.environ.items() if k not in unset}
    full_env.update(env or {})
    return subprocess.run(
        [*tgtcheck_command(), *args], input=input, capture_output=True, text=True, encoding="utf-8",
        cwd=cwd or ROOT, env=full_env, timeout=120,
    )


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process calls of ``main`` start from no TGTCHECK_LANG and no Japanese locale, as ``run_cli`` does."""
    for var in ("TGTCHECK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli
