"""Several specs in one run (portfolio.py, spec_files.py), every output format, as data.

Cases: tests/cases/portfolio/<name>/ holds a folder of specs with their data, a README saying what
it shows, and expected.yaml: the command's arguments (run from the case's folder), its exit code,
and per spec in order its file and either the statuses of its targets and the policy's judgement,
or the error codes that kept it from being judged.  Every format goes through the installed
command and is read by its consumer (the JSON Schema, the JUnit XSD, the SARIF schema and GitHub's
demands, the runner's annotation grammar, cmark-gfm); the text output is read as a person would.
Then the output is the same, byte for byte, in one process and in several (``in_chunks`` forced to
fork on a few specs), and the folder rules hold: hidden folders skipped, link loops and unreadable
folders reported, an empty folder refused.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from tgtcheck.cli import main
from tgtcheck.core import parallel
from tgtcheck.pipeline.spec_files import expand

from .test_formats import (
    github_problems,
    junit_schema,
    outcomes,
    parse_junit,
    read_annotations,
    rendered_rows,
    sarif_schema_errors,
    tgtcheck,
    validate_json,
)

CASES = sorted(p for p in (Path(__file__).parent / "cases" / "portfolio").iterdir() if p.is_dir())
FORMATS = ["text", "json", "junit", "junit-xunit1", "sarif", "github", "markdown"]


def expected_of(case: Path) -> dict[str, Any]:
    return yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def run_case(case: Path, fmt: str, *extra: str, env: dict[str, str] | None = None) -> Any:
    exp = expected_of(case)
    proc = tgtcheck("run", *exp["args"], "--format", fmt, *extra, cwd=case, env=env)
    assert proc.returncode == exp["exit"], proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def judged(exp: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in exp["specs"] if "statuses" in s]


def failing(statuses: dict[str, str]) -> list[str]:
    return [t for t, s in statuses.items() if s in ("behind", "not_met")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_json(case: Path) -> None:
    exp = expected_of(case)
    doc = json.loads(run_case(case, "json").stdout)
    validate_json(doc, "run")
    assert doc["kind"] == "portfolio"
    assert [s["spec"] for s in doc["specs"]] == [s["file"] for s in exp["specs"]]
    for got, want in zip(doc["specs"], exp["specs"], strict=True):
        assert got["kind"] == "run"  # each spec's document as `tgtcheck run SPEC --format json` writes it
        if "statuses" in want:
            assert got["ok"] and {t["id"]: t["status"] for t in got["targets"]} == want["statuses"]
            assert got["assessment"]["key"] == want["assessment"]
        else:
            assert not got["ok"] and [d["code"] for d in got["diagnostics"]] == want["errors"]
    summary = doc["summary"]
    assert (summary["specs"], summary["judged"]) == (len(exp["specs"]), len(judged(exp)))
    every = [s for spec in judged(exp) for s in spec["statuses"].values()]
    assert {k: n for k, n in summary["targets"].items() if n} == {s: every.count(s) for s in set(every)}
    assessments = [spec["assessment"] for spec in judged(exp)]
    assert {k: n for k, n in summary["assessments"].items() if n} == {a: assessments.count(a) for a in set(assessments)}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_one_spec_alone_keeps_the_single_document(case: Path) -> None:
    """A spec of a portfolio, named alone, gives the run document it has inside the portfolio's."""
    exp = expected_of(case)
    first = exp["specs"][0]["file"]
    flags = [a for i, a in enumerate(exp["args"]) if any(b.startswith("--") for b in exp["args"][:i + 1])]
    alone = tgtcheck("run", first, "--format", "json", *flags, cwd=case)
    doc = json.loads(run_case(case, "json").stdout)
    assert json.loads(alone.stdout) == doc["specs"][0]


@pytest.mark.parametrize("fmt", ["junit", "junit-xunit1"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_junit_one_testsuite_per_spec(case: Path, fmt: str) -> None:
    exp = expected_of(case)
    xml = run_case(case, fmt).stdout
    junit_schema(extra_testcase_attributes=fmt == "junit-xunit1").validate(xml)
    suites = list(parse_junit(xml))
    assert len(suites) == len(exp["specs"])
    got = outcomes(xml)
    for suite, want in zip(suites, exp["specs"], strict=True):
        assert suite._elem.get("file") == want["file"]
        if "statuses" in want:
            assert (suite.tests, suite.failures) == (len(want["statuses"]), len(failing(want["statuses"])))
        else:
            assert got[want["file"]] == ",".join(f"failure:{c}" for c in want["errors"])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_sarif_one_run_per_spec(case: Path) -> None:
    exp = expected_of(case)
    docs = "https://git.example.go.jp/tools/tgtcheck/-/blob/v1/docs"
    log = json.loads(run_case(case, "sarif", env={"TGTCHECK_DOCS_URL": docs}).stdout)
    assert sarif_schema_errors(log) == [] and github_problems(log) == []
    runs = log["runs"]
    ids = [r["automationDetails"]["id"] for r in runs]
    assert ids == [f"tgtcheck/{s['file'].removeprefix('./')}/" for s in exp["specs"]]
    assert len(set(ids)) == len(ids)  # GitHub refuses two runs of one tool under one category
    for run, want in zip(runs, exp["specs"], strict=True):
        driver = run["tool"]["driver"]
        assert driver["informationUri"] == docs
        assert all(r["helpUri"].startswith(docs + "/") for r in driver["rules"])
        if "statuses" in want:
            assert sorted(r["properties"]["target"] for r in run["results"]) == sorted(failing(want["statuses"]))
        else:
            assert [r["ruleId"] for r in run["results"]] == want["errors"]
            assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == want["file"] for r in run["results"])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_sarif_without_a_docs_address_invents_none(case: Path) -> None:
    log = json.loads(run_case(case, "sarif", env={"TGTCHECK_DOCS_URL": ""}).stdout)
    assert sarif_schema_errors(log) == []
    text = json.dumps(log)
    assert "informationUri" not in text and "helpUri" not in text


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_github_annotations_for_every_spec(case: Path) -> None:
    exp = expected_of(case)
    got = read_annotations(run_case(case, "github").stdout)
    want = [(want["file"].removeprefix("./"), level) for want in exp["specs"]
            for level in (["error"] * len(want.get("errors", [])) +
                          ["error" if want["statuses"][t] == "not_met" else "warning" for t in failing(want.get("statuses", {}))])]
    assert [(p["file"], level) for level, p, _ in got] == want


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_markdown(case: Path, lang: str) -> None:
    exp = expected_of(case)
    out = run_case(case, "markdown", "--lang", lang).stdout
    rows = rendered_rows(out)
    assert rows[0] == (["Spec", "Policy", "Judgement", "Targets"] if lang == "en" else ["仕様", "施策目標", "総合判定", "達成目標"])
    assert [r[0] for r in rows[1:len(exp["specs"]) + 1]] == [s["file"] for s in exp["specs"]]
    assert out.startswith("## " + ("portfolio: " if lang == "en" else "全体："))
    for spec in exp["specs"]:
        if "errors" in spec:
            assert "not judged" in out or "判定できず" in out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_text_per_spec_then_overall(case: Path) -> None:
    exp = expected_of(case)
    proc = run_case(case, "text")
    heads = [line[3:] for line in proc.stdout.splitlines() if line.startswith("== ")]
    assert heads == [s["file"] for s in exp["specs"]]
    n, ok = len(exp["specs"]), len(judged(exp))
    last = proc.stdout.rstrip("\n").splitlines()[-3:]
    assert last[0].startswith(f"portfolio: {n} spec{'s' if n != 1 else ''}, {ok} judged")
    for spec in exp["specs"]:
        for code in spec.get("errors", []):
            assert f"{spec['file']}:" in proc.stderr and f"error[{code}]" in proc.stderr
    ja = run_case(case, "text", "--lang", "ja").stdout
    assert f"全体：仕様 {n} 件（判定 {ok} 件" in ja and "達成目標の内訳：" in ja


# -- one process or several: the same output -------------------------------------------------------------------
def in_process(case: Path, fmt: str, jobs: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    monkeypatch.chdir(case)
    monkeypatch.setenv("TGTCHECK_JOBS", jobs)
    code = main(["run", *expected_of(case)["args"], "--format", fmt])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here: everything runs in one process")
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_same_output_in_one_process_and_in_several(case: Path, fmt: str, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(parallel, "MIN_SPECS", 2)
    one = in_process(case, fmt, "1", monkeypatch, capsys)
    forks: list[int] = []
    fork = os.fork

    def counted_fork() -> int:
        pid = fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted_fork)
    several = in_process(case, fmt, "3", monkeypatch, capsys)
    assert several == one
    assert len(forks) == min(3, len(expected_of(case)["specs"])) - 1  # the specs were judged in other processes


def test_chunks_come_back_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TGTCHECK_JOBS", "3")

    def with_pid(items: Sequence[int]) -> list[tuple[int, int]]:
        return [(i, os.getpid()) for i in items]

    got = parallel.in_chunks(with_pid, list(range(10)), min_items=2)
    assert [i for i, _ in got] == list(range(10))
    if hasattr(os, "fork"):
        assert len({p for _, p in got}) == 3 and got[0][1] == os.getpid()


def test_a_failing_child_is_redone_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TGTCHECK_JOBS", "4")
    parent = os.getpid()

    def dies_in_child(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            os.kill(os.getpid(), 9)
        return [i * 2 for i in items]

    assert parallel.in_chunks(dies_in_child, list(range(9)), min_items=2) == [i * 2 for i in range(9)]


# -- usage and folders -----------------------------------------------------------------------------------------
def test_data_with_several_specs_is_refused() -> None:
    case = CASES[0]
    proc = tgtcheck("run", *expected_of(case)["args"], "--data", "health.yaml", cwd=case)
    assert proc.returncode == 2 and "error[TGT501]" in proc.stderr and "each spec is judged with its own data" in proc.stderr
    assert proc.stdout == ""


def test_check_takes_folders(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "ministry")
    proc = tgtcheck("check", "specs", "--format", "json", cwd=case)
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    validate_json(doc, "check")
    assert [(f["spec"], f["errors"]) for f in doc["files"]] == [
        ("specs/01_science/policy.tgt", 0), ("specs/02_roads/broken.tgt", 1), ("specs/02_roads/policy.tgt", 0),
        ("specs/03_health/policy.tgt", 0)]


def write(path: Path, text: str = 'policy "P" "p" base H13 due H18\n') -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_folder_order_hidden_folders_and_duplicates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ["specs/b.tgt", "specs/a-b/x.tgt", "specs/a/x.tgt", "specs/a/y.TGT", "specs/.git/z.tgt", "specs/notes.txt"]:
        write(tmp_path / name)
    found = expand(["specs", "specs/b.tgt"])
    assert found.files == ["specs/a/x.tgt", "specs/a/y.TGT", "specs/a-b/x.tgt", "specs/b.tgt"]
    assert found.diagnostics == [] and found.folders


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_loop_is_read_once_and_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "specs" / "a" / "x.tgt")
    os.symlink("..", tmp_path / "specs" / "a" / "up")  # specs/a/up -> specs: a loop
    os.symlink("a", tmp_path / "specs" / "same")  # a second way to the same folder
    found = expand(["specs"])
    assert found.files == ["specs/a/x.tgt"]
    assert [(d.code, d.location.file) for d in found.diagnostics] == [("TGT505", "specs/a/up")]  # a second way in is no loop
    proc = tgtcheck("run", "specs", cwd=tmp_path)
    assert "warning[TGT505]" in proc.stderr and "Traceback" not in proc.stderr


def test_an_unreadable_folder_is_an_error_the_rest_is_judged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "specs" / "a" / "x.tgt")
    write(tmp_path / "specs" / "locked" / "y.tgt")
    scandir = os.scandir

    def refusing(path: Any = ".") -> Any:  # as chmod 000 would, also for root (who may read anything)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    found = expand(["specs"])
    assert found.files == ["specs/a/x.tgt"]
    assert [(d.code, d.location.file, d.is_error) for d in found.diagnostics] == [("TGT504", "specs/locked", True)]


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for fmt in ("text", "json"):
        proc = tgtcheck("run", "empty", "--format", fmt, cwd=tmp_path)
        assert proc.returncode == 2 and "error[TGT503]" in proc.stderr and "no .tgt file under empty" in proc.stderr
    doc = json.loads(proc.stdout)
    validate_json(doc, "run")
    assert doc["specs"] == [] and [d["code"] for d in doc["diagnostics"]] == ["TGT503"]
