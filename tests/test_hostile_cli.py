"""The command line against hostile surroundings: consoles that lack characters, readers that stop reading.

Run through the installed entry point, as a user would; the tests pin exit codes and what reaches the
streams, never the wording of messages.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .conftest import SPEC_6_2, tgtcheck_command

COMMANDS = [
    ["run", str(SPEC_6_2)],
    ["run", str(SPEC_6_2), "--lang", "ja"],
    ["run", str(SPEC_6_2), "--format", "markdown", "--lang", "ja"],
    ["explain", str(SPEC_6_2), "6-2-2"],
    ["explain", str(SPEC_6_2), "6-2-2", "--lang", "ja"],
    ["report", str(SPEC_6_2), "--format", "markdown"],
    ["check", str(SPEC_6_2)],
    ["diff", str(SPEC_6_2), str(SPEC_6_2)],
]


@pytest.mark.parametrize("encoding", ["cp932", "ascii", "latin-1"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:]))
def test_output_survives_any_stdout_encoding(encoding: str, args: list[str]) -> None:
    """`PYTHONIOENCODING=cp932 tgtcheck run … > out.txt` (a Japanese Windows console): the same exit code as in UTF-8,
    output in the console's encoding, no internal error."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    utf8 = subprocess.run([*tgtcheck_command(), *args], capture_output=True, env=env, timeout=120, check=False)
    env["PYTHONIOENCODING"] = encoding
    proc = subprocess.run([*tgtcheck_command(), *args], capture_output=True, env=env, timeout=120, check=False)
    assert proc.returncode == utf8.returncode, proc.stderr.decode(encoding, "replace")
    assert b"internal error" not in proc.stderr
    proc.stdout.decode(encoding)  # every byte is in the console's encoding
    assert proc.stdout.count(b"\n") == utf8.stdout.count(b"\n")


def test_cp932_keeps_japanese_and_replaces_the_en_dash() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp932"}
    proc = subprocess.run([*tgtcheck_command(), "run", str(SPEC_6_2)], capture_output=True, env=env, timeout=120, check=False)
    text = proc.stdout.decode("cp932")
    assert "知的クラスター" in text and "15-20" in text and "?" not in text


def _failing_spec(tmp_path: Path, n: int) -> Path:
    targets = "".join(f'target "t{i}" "t" value(x) >= 100 by H14\n' for i in range(n))
    (tmp_path / "spec.tgt").write_text('policy "P" "p" base H13 due H18 data "data.yaml"\nindicator x "x"\n' + targets, encoding="utf-8")
    (tmp_path / "data.yaml").write_text("indicators:\n  x: {values: {H13: 46, H14: 50}}\n", encoding="utf-8")
    return tmp_path / "spec.tgt"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_a_reader_that_stops_early_does_not_hide_findings(tmp_path: Path, fmt: str) -> None:
    """`tgtcheck run many.tgt | head -1` with targets not met: exit 1 (for `set -o pipefail`), nothing on stderr."""
    _failing_spec(tmp_path, 3000)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    proc = subprocess.Popen([*tgtcheck_command(), "run", "spec.tgt", "--format", fmt], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(1)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1, err
    assert err == ""


@pytest.mark.parametrize("output", ["/dev/full", "no/such/dir/report.md"])
def test_report_that_cannot_be_written_is_tgt502(tmp_path: Path, output: str) -> None:
    proc = subprocess.run([*tgtcheck_command(), "report", str(SPEC_6_2), "--format", "markdown", "-o", output],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False)
    assert proc.returncode == 2
    assert "error[TGT502]" in proc.stderr and "TGT501" not in proc.stderr
