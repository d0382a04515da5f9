"""No input breaks tgtcheck: bad input gets one clear diagnostic and exit 2, never a traceback.

Fixed cases are files in tests/cases/robust/ whose first line says what must
be reported (``# expect: TGT104 at 4:12``); inputs that cannot be fixture files
(empty, 50 MB, binary, Shift_JIS, CRLF, generated at scale) are made here in
``tmp_path``.  Every case goes through the installed ``tgtcheck`` command, as
policy staff and CI run it, and the output is searched for "Traceback".
Tests assert codes and positions, not wording.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tgtcheck.analysis.check import check
from tgtcheck.core.sources import MAX_SPEC_BYTES, decode
from tgtcheck.language.nodes import BinOp, Compare, Number, Spec, Target
from tgtcheck.language.parser import MAX_DEPTH, parse

from .conftest import ROOT, SPEC_6_2, run_cli, tgtcheck_command

CASES = Path(__file__).parent / "cases" / "robust"
EXPECT = re.compile(r"^# expect: (TGT\d{3}) at (\d+):(\d+)$")
HEAD = 'policy "R-1" "robustness" base H13 due H18 data "robust.yaml"\nindicator x "x"\n'


def fixtures() -> list[Path]:
    return sorted(CASES.glob("*.tgt"))


def assert_refused(proc: subprocess.CompletedProcess[str], code: str, where: str | None) -> None:
    """Exit 2, the code at ``file:line:col`` (or no position) on stderr, no traceback anywhere."""
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "internal error" not in proc.stderr
    assert f"error[{code}]" in proc.stderr, proc.stderr
    if where is not None:
        assert f"{where}: error[{code}]" in proc.stderr, proc.stderr


@pytest.mark.parametrize("spec", fixtures(), ids=lambda p: p.stem)
@pytest.mark.parametrize("command", [["check", "--no-data"], ["run"]], ids=["check", "run"])
def test_fixture_is_refused_with_its_diagnostic(spec: Path, command: list[str]) -> None:
    m = EXPECT.match(spec.read_text(encoding="utf-8").splitlines()[0])
    assert m, f"{spec.name} must start with '# expect: CODE at LINE:COL'"
    code, line, col = m.groups()
    proc = run_cli(*command, spec.name, cwd=CASES)
    assert_refused(proc, code, f"{spec.name}:{line}:{col}")


# -- generated inputs ---------------------------------------------------------------------
def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    (tmp_path / "robust.yaml").write_bytes((CASES / "robust.yaml").read_bytes())
    return path


GENERATED = [
    # (name, content, code, line:col or None for a whole-file problem)
    ("empty", "", "TGT109", "1:1"),
    ("blank lines", "\n\n   \n", "TGT109", "1:1"),
    ("10,000 nested parentheses", HEAD + 'target "1" "t" value(x) >= ' + "(" * 10_000 + "1" + ")" * 10_000 + " by H18\n",
     "TGT108", "3:128"),
    ("a chain of 10,000 terms", HEAD + 'target "1" "t" value(x) >= ' + " + ".join(["1"] * 10_000) + " by H18\n", "TGT108", "3:1"),
    ("10,000 minus signs", HEAD + 'target "1" "t" value(x) >= ' + "-" * 10_000 + "1 by H18\n", "TGT108", "3:1"),
    ("a constant of 10,000 terms", HEAD + "constant c = " + "1 * " * 9_999 + "1\n", "TGT108", "3:1"),
    ("binary garbage", bytes(range(256)) * 64, "TGT107", None),
    ("a NUL inside text", HEAD.encode() + b'target "1" "t\x00" value(x) >= 1\n', "TGT107", None),
    # past the first 4 KB a NUL was accepted and printed; a stray NUL is no sign of UTF-16
    ("a NUL past byte 4096", HEAD.encode() + b"# " + b"x" * 5000 + b'\ntarget "1" "t\x00" value(x) >= 1\n', "TGT107", "4:14"),
    ("an ESC in a title", HEAD.encode() + b'target "1" "t\x1b[2J" value(x) >= 1\n', "TGT107", "3:14"),
    ("a C1 CSI in a title", HEAD.encode() + 'target "1" "t\x9b2J" value(x) >= 1\n'.encode(), "TGT107", "3:14"),
]


@pytest.mark.parametrize("name, content, code, where", GENERATED, ids=[g[0] for g in GENERATED])
def test_generated_input_is_refused(tmp_path: Path, name: str, content: str | bytes, code: str, where: str | None) -> None:
    spec = write(tmp_path, "spec.tgt", content)
    for command in (["check", "--no-data"], ["run"]):
        proc = run_cli(*command, spec.name, cwd=tmp_path)
        assert_refused(proc, code, f"spec.tgt:{where}" if where else None)


def test_shift_jis_spec_names_the_encoding_and_the_fix(tmp_path: Path) -> None:
    text = SPEC_6_2.read_text(encoding="utf-8")
    spec = write(tmp_path, "sjis.tgt", text.encode("cp932"))
    first_bad = next(n for n, ln in enumerate(text.splitlines(), 1) if not ln.isascii())
    proc = run_cli("run", spec.name, cwd=tmp_path)
    assert_refused(proc, "TGT107", f"sjis.tgt:{first_bad}:1")
    assert "Shift_JIS" in proc.stderr and "iconv -f CP932 -t UTF-8 sjis.tgt" in proc.stderr


@pytest.mark.parametrize("encoding, label", [("cp932", "Shift_JIS (CP932)"), ("euc_jp", "EUC-JP"), ("utf-16", "UTF-16")])
def test_decode_names_the_encoding(encoding: str, label: str) -> None:
    text = 'policy "6-2" "地域における科学技術振興のための環境整備" base H13 due H18\n# 施策目標\n'
    decoded, problem = decode(text.encode(encoding), "old.tgt")
    assert decoded is None and problem is not None
    assert problem.code == "TGT107" and label in problem.message
    assert problem.help is not None and "UTF-8" in problem.help and "old.tgt" in problem.help


def test_utf16_without_a_bom_is_named_and_a_stray_nul_is_not_utf16() -> None:
    text = 'policy "6-2" "地域における科学技術振興のための環境整備" base H13 due H18\n# 施策目標\n'
    for encoding in ("utf-16-le", "utf-16-be"):
        _, problem = decode(text.encode(encoding), "old.tgt")
        assert problem is not None and "UTF-16" in problem.message
    _, problem = decode(text.encode() + b"\x00", "stray.tgt")
    assert problem is not None and problem.code == "TGT107" and "UTF-16" not in problem.message
    assert problem.location.span is not None and problem.location.span.line == 3


def test_bom_and_crlf_are_accepted_and_change_nothing(tmp_path: Path) -> None:
    text = SPEC_6_2.read_text(encoding="utf-8")
    (tmp_path / "policy_6_2.yaml").write_bytes((SPEC_6_2.parent / "policy_6_2.yaml").read_bytes())
    (tmp_path / "plain.tgt").write_text(text, encoding="utf-8")
    (tmp_path / "windows.tgt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    plain = run_cli("run", "plain.tgt", "--format", "json", cwd=tmp_path)
    windows = run_cli("run", "windows.tgt", "--format", "json", cwd=tmp_path)
    assert plain.returncode == windows.returncode == 0, windows.stderr
    assert windows.stdout == plain.stdout.replace('"plain.tgt"', '"windows.tgt"')
    assert run_cli("check", "windows.tgt", cwd=tmp_path).returncode == 0


def test_crlf_positions_are_those_of_the_file(tmp_path: Path) -> None:
    lines = ['policy "p" "t" base H13 due H18', 'indicator x "x"', '    $target "1" "t" value(x) >= 1']
    spec = write(tmp_path, "crlf.tgt", b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\r\n")
    proc = run_cli("check", "--no-data", spec.name, cwd=tmp_path)
    assert_refused(proc, "TGT101", "crlf.tgt:3:5")
    spec, diags = parse(decode(spec.read_bytes(), "crlf.tgt")[0] or "")
    assert [(d.location.span.line, d.location.span.column) for d in diags if d.location.span] == [(3, 5)]


def test_50_mb_spec_is_refused_quickly_with_bounded_memory(tmp_path: Path) -> None:
    block = SPEC_6_2.read_text(encoding="utf-8").split("# 「程度」", 1)[1].encode("utf-8")
    spec = tmp_path / "huge.tgt"
    with spec.open("wb") as f:
        while f.tell() < 50 * 2**20:
            f.write(block)
    assert spec.stat().st_size > MAX_SPEC_BYTES
    # a wrapper process reports the command's peak memory (RUSAGE_CHILDREN covers only its own child)
    probe = ("import resource, subprocess, sys, time\n"
             "t = time.perf_counter()\n"
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
             "print(p.returncode, round(time.perf_counter() - t, 3), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
             "sys.stderr.write(p.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", probe, *tgtcheck_command(), "run", str(spec)],
                          capture_output=True, text=True, timeout=120, check=False)
    rc, seconds, max_kb = proc.stdout.split()
    assert rc == "2" and "Traceback" not in proc.stderr
    assert "error[TGT100]" in proc.stderr and f"at most {MAX_SPEC_BYTES // 2**20} MB" in proc.stderr
    assert int(max_kb) < 150 * 1024, f"{max_kb} KB: the file was read"
    assert float(seconds) < 10  # refused from its size: a start-up's time, with a wide margin for a busy machine


def test_a_spec_that_is_a_directory_or_missing(tmp_path: Path) -> None:
    # a folder is read as every .tgt under it (issue 15): an empty one is refused as such
    for path, code in ((str(tmp_path), "TGT503"), (str(tmp_path / "missing.tgt"), "TGT100")):
        proc = run_cli("run", path, cwd=tmp_path)
        assert_refused(proc, code, None)


# -- scale ----------------------------------------------------------------------------------
def many_targets(n: int, bad_at: int | None = None, bad: str = "$") -> str:
    out = [HEAD]
    for i in range(n):
        cond = f"value(x) >= {i % 7 + 1}"
        out.append(f'target "t-{i}" "target {i}" {cond} {bad if i == bad_at else ""} by H18\n')
    return "".join(out)


@pytest.mark.parametrize("bad, code, culprit", [("$", "TGT101", "$"), ("+ y", "TGT201", "y")], ids=["syntax", "unknown name"])
def test_10000_targets_with_one_error_near_the_end(tmp_path: Path, bad: str, code: str, culprit: str) -> None:
    text = many_targets(10_000, bad_at=9_990, bad=bad)
    spec = write(tmp_path, "big.tgt", text)
    proc = run_cli("check", "--no-data", spec.name, cwd=tmp_path)
    line = 2 + 9_990 + 1
    column = text.splitlines()[line - 1].index(culprit + " by") + 1
    assert_refused(proc, code, f"big.tgt:{line}:{column}")
    assert proc.stderr.count("error[") == 1


def test_a_chain_of_10000_constants_is_no_problem(tmp_path: Path) -> None:
    n = 10_000
    consts = "".join(f"constant c{i} = c{i + 1} + 1\n" for i in range(n)) + f"constant c{n} = 1\n"
    spec = write(tmp_path, "chain.tgt", HEAD + consts + 'target "1" "t" value(x) >= c0 - 10000 by H18\n')
    proc = run_cli("run", spec.name, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    [target] = json.loads(proc.stdout)["targets"]
    assert (target["status"], target["threshold"]) == ("met", "1")


def test_constants_on_a_cycle_are_reported_once_each(tmp_path: Path) -> None:
    spec = write(tmp_path, "cycle.tgt", HEAD + "constant a = b + 1\nconstant b = a\nconstant c = a\n")
    proc = run_cli("check", "--no-data", spec.name, cwd=tmp_path)
    assert_refused(proc, "TGT221", "cycle.tgt:3:1")
    assert "cycle.tgt:4:1: error[TGT221]" in proc.stderr and proc.stderr.count("error[") == 2


def test_every_pass_works_at_the_deepest_expression_the_parser_allows() -> None:
    from tgtcheck.judging.evaluate import evaluate, fold_constant
    from tgtcheck.language.formatter import format_text
    from tgtcheck.language.printer import condition_text

    terms = MAX_DEPTH - 1  # the comparison is one level, each + one more
    src = HEAD + 'target "1" "t" value(x) >= ' + " + ".join(["1"] * terms) + " by H18\n"
    spec, diags = parse(src)
    assert spec is not None and diags == []
    assert check(spec, "deep.tgt") == []
    cond = spec.targets[0].condition
    assert isinstance(cond, Compare) and fold_constant(cond.right, {}) == terms
    assert condition_text(cond).count("+") == terms - 1
    assert spec == parse(src)[0] and hash(cond) == hash(parse(src)[0].targets[0].condition)  # type: ignore[union-attr]
    formatted, problems = format_text(src)
    assert problems == [] and formatted is not None and parse(formatted)[0] == spec
    from tgtcheck.data.dataset import Cell, Dataset, Series

    data = Dataset("d.yaml", {"x": Series("x", {2002: Cell(2002, 1)})})
    [verdict] = evaluate(spec, data, 2002)
    assert verdict.status.value in ("on_track", "behind", "insufficient_data")
    src_too_deep = HEAD + 'target "1" "t" value(x) >= ' + " + ".join(["1"] * (terms + 1)) + " by H18\n"
    assert [d.code for d in parse(src_too_deep)[1]] == ["TGT108"]


def test_the_checker_refuses_a_deep_tree_it_did_not_get_from_the_parser() -> None:
    expr: BinOp | Number = Number(1)  # type: ignore[call-arg]
    for _ in range(10_000):
        expr = BinOp("+", expr, Number(1))  # type: ignore[call-arg]
    spec0, _ = parse(HEAD + 'target "1" "t" value(x) >= 1 by H18\n')
    assert spec0 is not None
    target = spec0.targets[0]
    deep = Target(target.id, target.title, Compare(target.condition.left, ">=", expr), target.schedule)  # type: ignore[union-attr]
    spec = Spec(spec0.policy, (spec0.declarations[0], deep))
    assert [d.code for d in check(spec, "deep.tgt")] == ["TGT108"]


# -- evaluation -----------------------------------------------------------------------------
def test_division_by_zero_is_explained_and_the_other_targets_are_evaluated() -> None:
    case = ROOT / "tests" / "cases" / "run" / "division_by_zero"
    proc = run_cli("run", str(case / "spec.tgt"), "--format", "json")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    targets = {t["id"]: t for t in json.loads(proc.stdout)["targets"]}
    for tid in ("growth-zero", "ratio-zero", "div-zero"):
        t = targets[tid]
        assert t["status"] == "insufficient_data" and t["rule"] == "insufficient.undefined"
        assert t["undefined"] and all("zero" in reason or " 0" in reason for reason in t["undefined"])
        assert t["undefined"][0] in t["explanation"]  # the reason is in the words people read
    assert "undefined: its value there is 0" in targets["growth-zero"]["undefined"][0]
    assert "zero is 0" in targets["ratio-zero"]["undefined"][0]
    assert targets["fine"]["status"] == "met"


# -- data files: the data engineer's tests cover their contents; these cover the command ----
@pytest.mark.parametrize("make", ["missing", "directory"])
def test_a_data_file_that_is_missing_or_a_directory(tmp_path: Path, make: str) -> None:
    spec = write(tmp_path, "spec.tgt", HEAD.replace("robust.yaml", "data.yaml") + 'target "1" "t" value(x) >= 1 by H18\n')
    if make == "directory":
        (tmp_path / "data.yaml").mkdir()
    for args in (["run", spec.name], ["check", spec.name], ["run", spec.name, "--data", "other.yaml"]):
        proc = run_cli(*args, cwd=tmp_path)
        assert_refused(proc, "TGT300", None)


def test_no_traceback_even_for_a_bug(tmp_path: Path) -> None:
    """A bug (here: a module that fails) is reported in one line, exit 2; TGTCHECK_DEBUG=1 shows the traceback."""
    env = {"PYTHONPATH": str(tmp_path) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    (tmp_path / "sitecustomize.py").write_text(
        "import tgtcheck.judging.evaluate as e\n"
        "def broken(*a, **k):\n    raise ValueError('simulated bug')\n"
        "e.evaluate = broken\n", encoding="utf-8")
    proc = run_cli("run", str(SPEC_6_2), env=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "internal error" in proc.stderr and "simulated bug" in proc.stderr


# -- the grammar cache ------------------------------------------------------------------------
LOAD_PARSER = ("import logging, lark\n"
               "lark.logger.setLevel(logging.DEBUG)\n"
               "from tgtcheck.language.parser import cache_path, lark_parser\n"
               "lark_parser()\n"
               "print(cache_path())\n")


def test_the_grammar_cache_is_written_once_then_used(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", LOAD_PARSER], capture_output=True, text=True, env=env, check=True)
    path = Path(first.stdout.strip())
    assert path.parent == tmp_path / "cache" / "tgtcheck" and path.is_file()
    assert "Saving grammar to cache" in first.stderr
    assert (path.parent.stat().st_mode & 0o777) == 0o700  # nobody else can plant a pickle there
    second = subprocess.run([sys.executable, "-c", LOAD_PARSER], capture_output=True, text=True, env=env, check=True)
    assert "Loading grammar from cache" in second.stderr and "Saving" not in second.stderr


def test_no_writable_cache_directory_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from tgtcheck.language.parser import cache_path

    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(blocked))
    assert cache_path() is None
    shared = tmp_path / "shared"
    (shared / "tgtcheck").mkdir(parents=True)
    (shared / "tgtcheck").chmod(0o777)  # writable by others: a planted cache would run as the user
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    assert cache_path() is None
    # and the command still works, building the tables itself
    env = {"XDG_CACHE_HOME": str(blocked), "HOME": str(blocked), "TMPDIR": str(blocked)}
    proc = run_cli("run", str(SPEC_6_2), env=env)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
