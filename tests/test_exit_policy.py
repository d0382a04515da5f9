"""Exit codes 0 / 1 / 2, --fail-on and --exit-zero, and the CI page that documents them.

The cases are a table: command line, spec, expected exit code.  They run
through the installed ``tgtcheck`` command, the way CI runs it.  The last
tests read docs/ci.md: its exit-code table says what these cases pin, and
its GitHub Actions workflow has the steps it promises, with commands that
work.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
TGTCHECK = str(Path(sys.executable).with_name("tgtcheck"))
CI_DOC = ROOT / "docs" / "ci.md"

SPECS = {
    # behind, not_met, exceeded, met, pending as of H14
    "mixed": ('policy "M" "m" base H13 due H18 data "data.yaml"\nindicator x "x"\nindicator pend "p"\n'
              'target "behind" "t" value(x) >= 100 by H18\ntarget "not-met" "t" value(x) >= 100 by H14\n'
              'target "exceeded" "t" value(x) between 10 and 40 by H18 better higher\ntarget "met" "t" value(x) >= 50 by H18\n'
              'target "pending" "t" value(pend) >= 1 by H18\n'),
    # met and on track only
    "fine": ('policy "F" "f" base H13 due H18 data "data.yaml"\nindicator x "x"\n'
             'target "met" "t" value(x) >= 50 by H18\ntarget "on-track" "t" value(x) >= 60 by H18\n'),
    # a --strict warning (no deadline), nothing else
    "lint": ('policy "L" "l" base H13 due H18 data "data.yaml"\nindicator x "x"\n'
             'target "met" "t" value(x) >= 50\n'),
    # an error: an unknown indicator
    "broken": ('policy "B" "b" base H13 due H18 data "data.yaml"\nindicator x "x"\n'
               'target "1" "t" value(y) >= 10 by H18\n'),
    # a syntax error
    "syntax": 'policy "S" "s" base H13 due H18\ntarget\n',
    # the data file is missing
    "no-data": 'policy "D" "d" base H13 due H18 data "missing.yaml"\nindicator x "x"\ntarget "1" "t" value(x) >= 1 by H18\n',
}
DATA = "indicators:\n  x: {values: {H13: 46, H14: 50}}\n  pend: {values: {H13: 1, H14: 集計中}}\n"
LINT_DATA = "indicators:\n  x: {values: {H13: 46, H14: 50}}\n"

CASES: list[tuple[str, str, list[str], int]] = [
    # name, spec, arguments (SPEC stands for the spec's path), exit code
    ("run: nothing fails", "fine", ["run", "SPEC"], 0),
    ("run: behind and not met fail by default", "mixed", ["run", "SPEC"], 1),
    ("run: --exit-zero", "mixed", ["run", "SPEC", "--exit-zero"], 0),
    ("run: --fail-on a status that is there", "mixed", ["run", "SPEC", "--fail-on", "exceeded"], 1),
    ("run: --fail-on with spaces", "mixed", ["run", "SPEC", "--fail-on", " pending , met "], 1),
    ("run: --fail-on a status that is not there", "fine", ["run", "SPEC", "--fail-on", "pending,exceeded"], 0),
    ("run: --fail-on nothing", "mixed", ["run", "SPEC", "--fail-on", ""], 0),
    ("run: --fail-on on_track", "fine", ["run", "SPEC", "--fail-on", "on_track"], 1),
    ("run: unknown status in --fail-on", "mixed", ["run", "SPEC", "--fail-on", "late"], 2),
    ("run: unknown status, even with --exit-zero", "mixed", ["run", "SPEC", "--fail-on", "late", "--exit-zero"], 2),
    ("run: invalid spec", "broken", ["run", "SPEC"], 2),
    ("run: invalid spec with --exit-zero", "broken", ["run", "SPEC", "--exit-zero"], 2),
    ("run: syntax error", "syntax", ["run", "SPEC"], 2),
    ("run: missing data file", "no-data", ["run", "SPEC"], 2),
    ("run: missing spec file", "fine", ["run", "nowhere.tgt"], 2),
    ("run: bad --as-of", "fine", ["run", "SPEC", "--as-of", "H0"], 2),
    ("run: unknown option", "fine", ["run", "SPEC", "--no-such-option"], 2),
    ("run: --as-of moves the judgement", "mixed", ["run", "SPEC", "--as-of", "H13", "--fail-on", "not_met"], 0),
    ("check: clean", "fine", ["check", "SPEC"], 0),
    ("check: clean with --strict", "fine", ["check", "--strict", "SPEC"], 0),
    ("check: a target without a deadline is fine without --strict", "lint", ["check", "SPEC"], 0),
    ("check: --strict warning is a finding", "lint", ["check", "--strict", "SPEC"], 1),
    ("check: --strict warning with --exit-zero", "lint", ["check", "--strict", "--exit-zero", "SPEC"], 0),
    ("check: error", "broken", ["check", "SPEC"], 2),
    ("check: error with --exit-zero", "broken", ["check", "--exit-zero", "SPEC"], 2),
    ("check: syntax error", "syntax", ["check", "SPEC"], 2),
    ("check: missing data file", "no-data", ["check", "SPEC"], 2),
    ("check: missing data file, data not checked", "no-data", ["check", "--no-data", "SPEC"], 0),
    ("check: behind targets are not check's business", "mixed", ["check", "SPEC"], 0),
]


def tgtcheck(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_WORKSPACE")}
    return subprocess.run([TGTCHECK, *args], check=False, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60)


def make(tmp: Path, name: str) -> Path:
    (tmp / "spec.tgt").write_text(SPECS[name], encoding="utf-8")
    (tmp / "data.yaml").write_text(LINT_DATA if name in ("lint", "fine") else DATA, encoding="utf-8")
    return tmp / "spec.tgt"


@pytest.mark.parametrize(("spec", "args", "code"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_exit_code(tmp_path: Path, spec: str, args: list[str], code: int) -> None:
    path = make(tmp_path, spec)
    proc = tgtcheck(*[str(path) if a == "SPEC" else a for a in args], cwd=tmp_path)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    if code == 2:
        assert proc.stderr.strip(), "trouble is always explained on stderr"


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "junit-xunit1", "sarif", "github", "markdown"])
@pytest.mark.parametrize(("spec", "code"), [("fine", 0), ("mixed", 1), ("broken", 2)])
def test_every_format_keeps_the_exit_code(tmp_path: Path, fmt: str, spec: str, code: int) -> None:
    proc = tgtcheck("run", str(make(tmp_path, spec)), "--format", fmt)
    assert proc.returncode == code
    if fmt != "text" and (fmt != "github" or code != 0):  # github annotates only what needs attention
        assert proc.stdout, "a machine format writes its document even when the spec cannot be evaluated"


def test_fail_on_statuses_reach_the_report(tmp_path: Path) -> None:
    proc = tgtcheck("run", str(make(tmp_path, "mixed")), "--format", "json", "--fail-on", "pending,exceeded")
    doc: dict[str, Any] = json.loads(proc.stdout)
    assert doc["fail_on"] == ["exceeded", "pending"]


def test_unknown_fail_on_status_is_named(tmp_path: Path) -> None:
    proc = tgtcheck("run", str(make(tmp_path, "mixed")), "--fail-on", "behind,late")
    assert "late" in proc.stderr and "TGT501" in proc.stderr and "not_met" in proc.stderr


def test_check_reports_to_stderr_in_text_and_stdout_in_machine_formats(tmp_path: Path) -> None:
    path = str(make(tmp_path, "broken"))
    text = tgtcheck("check", path)
    assert "TGT201" in text.stderr and text.stdout == ""
    machine = tgtcheck("check", path, "--format", "json")
    assert "TGT201" in machine.stdout


# -- docs/ci.md ------------------------------------------------------------------------
def ci_doc() -> str:
    return CI_DOC.read_text(encoding="utf-8")


def test_exit_code_table_is_one_table_of_0_1_2() -> None:
    section = ci_doc().split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if re.match(r"^\| [0-9] \|", line)]
    assert [r.split("|")[1].strip() for r in rows] == ["0", "1", "2"]
    assert "clean" in rows[0] and "findings" in rows[1] and "trouble" in rows[2]
    for word in ("--fail-on", "--strict", "fmt --check", "diff"):
        assert word in rows[1], word


def workflow() -> dict[str, Any]:
    blocks = re.findall(r"```yaml\n(.*?)```", ci_doc(), re.DOTALL)
    docs = [yaml.safe_load(b) for b in blocks]
    (wf,) = [d for d in docs if isinstance(d, dict) and "jobs" in d and "runs-on" in next(iter(d["jobs"].values()))]
    return wf


def steps() -> list[dict[str, Any]]:
    (job,) = workflow()["jobs"].values()
    return job["steps"]  # type: ignore[no-any-return]


def test_workflow_runs_tgtcheck_with_github_annotations() -> None:
    runs = [s["run"] for s in steps() if "run" in s]
    assert any(re.search(r"\btgtcheck run\b.*--format github", r) for r in runs)


def test_workflow_uploads_the_sarif_it_writes() -> None:
    wf, all_steps = workflow(), steps()
    writes = [m.group(1) for s in all_steps if "run" in s
              for m in [re.search(r"tgtcheck run .*--format sarif.*> *(\S+)", s["run"])] if m]
    uploads = [s for s in all_steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    assert len(writes) == 1 and len(uploads) == 1
    assert uploads[0]["with"]["sarif_file"] == writes[0]
    assert uploads[0].get("if") == "always()", "upload even when the evaluation step failed the job"
    sarif_step = next(s for s in all_steps if "--format sarif" in s.get("run", ""))
    assert sarif_step.get("if") == "always()"
    assert all_steps.index(sarif_step) < all_steps.index(uploads[0])
    assert wf["permissions"]["security-events"] == "write"
    assert any(str(s.get("uses", "")).startswith("actions/checkout@") for s in all_steps[:1])


def test_workflow_commands_work_here(tmp_path: Path) -> None:
    """Each tgtcheck command of the workflow runs in this repository, as written."""
    commands = [s["run"] for s in steps() if str(s.get("run", "")).startswith("tgtcheck ")]
    assert len(commands) >= 3
    for command in commands:
        words = shlex.split(command.split(">")[0])
        proc = tgtcheck(*words[1:])
        assert proc.returncode in (0, 1), (command, proc.stderr)
        assert proc.stdout or "github" in words, command


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("unbuffered", [False, True])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_that_cannot_be_written_is_trouble_not_a_bug(fmt: str, unbuffered: bool) -> None:
    """A full disk is the machine's problem: exit 2 with TGT502, not 'internal error (a bug …)', and not
    Python's 'Exception ignored' at exit (exit 120) when the output was still in the buffer."""
    from .conftest import SPEC_6_2, tgtcheck_command

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    with open("/dev/full", "w") as full:
        proc = subprocess.run([*tgtcheck_command(), "run", str(SPEC_6_2), "--format", fmt], stdout=full,
                              stderr=subprocess.PIPE, text=True, check=False, env=env)
    assert proc.returncode == 2
    assert "error[TGT502]: cannot write the output: No space left on device" in proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


def test_a_reader_that_stops_early_is_no_error(tmp_path: Path) -> None:
    """`tgtcheck run … | head -1`: exit 0 and nothing on stderr, also when Python flushes at exit.

    3,000 targets: megabytes of JSON, far more than a pipe holds, written by two processes."""
    from .conftest import tgtcheck_command

    targets = "".join(f'target "t{i}" "t" value(x) >= {i % 60} by H18\n' for i in range(3000))
    (tmp_path / "spec.tgt").write_text('policy "P" "p" base H13 due H18 data "data.yaml"\nindicator x "x"\n' + targets, encoding="utf-8")
    (tmp_path / "data.yaml").write_text(LINT_DATA, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    proc = subprocess.Popen([*tgtcheck_command(), "run", "spec.tgt", "--format", "json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(1) == b"{"
    proc.stdout.close()  # the reader goes away long before the writer is done
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert err == ""
