"""Every diagnostic code is documented, and every code the parser and checker emit is triggered by a fixture.

Fixtures live in tests/cases/check/: a ``NAME.tgt`` file, or a ``NAME/``
directory with ``spec.tgt`` and its data file.  Expected diagnostics are
written inline, as mypy's test files do, on the line where they must be:
``# E: TGT204`` (error), ``# W: TGT217`` (warning), and ``# N: TGT303`` for
the line a diagnostic's related location ("note: see …") points at.  The
markers may stand in the spec or in the data file (YAML comments).  A line
``# flags: --strict`` gives the `check` options (default: ``--no-data``).

Each fixture runs through the CLI (``tgtcheck check --format json``), so the
test also pins the exit code and validates the JSON against its schema;
it compares codes and lines, never the wording.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tgtcheck.cli import main
from tgtcheck.core.diagnostics import CODES

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).parent / "cases" / "check"
DOCS = ROOT / "docs" / "diagnostics.md"
MARKER = re.compile(r"#\s*([EWN]):\s*(TGT\d{3})")
FLAGS = re.compile(r"^#\s*flags:(.*)$", re.MULTILINE)

# the modules whose diagnostics this file covers: the parser, the reader of spec files, the checker
EMITTERS = ("language/parser.py", "core/sources.py", "analysis/check.py")
# codes that point at no line of any file, so no marker can stand for them: tested below by hand
WITHOUT_LINE = {"TGT100"}

Key = tuple[str, int, str, str]  # file, line, E/W/N, code


def fixtures() -> list[Path]:
    return sorted([*CASES.glob("*.tgt"), *CASES.glob("*/spec.tgt")])


def _id(spec: Path) -> str:
    return spec.parent.name if spec.name == "spec.tgt" else spec.stem


def fixture_files(spec: Path) -> list[Path]:
    """The files of a fixture: the spec alone, or every file of its directory."""
    if spec.name != "spec.tgt":
        return [spec]
    return sorted(p for p in spec.parent.iterdir() if p.is_file())


def expected(spec: Path) -> Counter[Key]:
    keys: Counter[Key] = Counter()
    for path in fixture_files(spec):
        # latin-1 maps each byte to one character, so a file that is not UTF-8 (TGT107) still has its lines
        for n, line in enumerate(path.read_bytes().decode("latin-1").split("\n"), 1):
            for kind, code in MARKER.findall(line):
                keys[(path.name, n, kind, code)] += 1
    return keys


def flags(spec: Path) -> list[str]:
    m = FLAGS.search(spec.read_bytes().decode("latin-1"))
    return m.group(1).split() if m else ["--no-data"]


def check_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main(["check", "--format", "json", *args])
    out = capsys.readouterr().out
    doc = json.loads(out)
    schema = json.loads(resources.files("tgtcheck").joinpath("schema/check.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(doc)
    return code, doc


def actual(doc: dict[str, Any]) -> Counter[Key]:
    keys: Counter[Key] = Counter()
    for d in doc["diagnostics"]:
        kind = "E" if d["severity"] == "error" else "W"
        keys[(Path(d["file"]).name, d["line"], kind, d["code"])] += 1
        for rel in d["related"]:
            if rel["line"] is not None:
                keys[(Path(rel["file"]).name, rel["line"], "N", d["code"])] += 1
    return keys


@pytest.mark.parametrize("spec", fixtures(), ids=_id)
def test_fixture(spec: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(spec.parent)
    code, doc = check_json([*flags(spec), spec.name], capsys)
    want = expected(spec)
    assert sorted(actual(doc).elements()) == sorted(want.elements())
    kinds = {k[2] for k in want}
    assert code == (2 if "E" in kinds else 1 if "W" in kinds else 0)


@pytest.mark.parametrize(("path", "problem"), [("no-such-spec.tgt", "TGT100"), (".", "TGT503")])  # "." is a folder with no spec
def test_unreadable_spec_has_no_line(path: str, problem: str, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, doc = check_json([path], capsys)
    assert code == 2
    assert [(d["code"], d["line"]) for d in doc["diagnostics"]] == [(problem, None)]


def emitted_codes() -> set[str]:
    """The codes written literally in the parser, the spec reader and the checker."""
    src = ROOT / "src" / "tgtcheck"
    return {c for name in EMITTERS for c in re.findall(r'"(TGT\d{3})"', (src / name).read_text(encoding="utf-8"))}


def test_every_emitted_code_has_a_fixture() -> None:
    covered = {code for spec in fixtures() for (_, _, kind, code) in expected(spec) if kind in "EW"} | WITHOUT_LINE
    emitted = emitted_codes()
    assert {c for c in emitted if c[3] in "12"}, "found no TGT1xx/TGT2xx code in the parser and checker"
    assert sorted(emitted - covered) == []


def test_fixture_markers_name_known_codes() -> None:
    unknown = {(_id(s), code) for s in fixtures() for (_, _, _, code) in expected(s) if code not in CODES}
    assert unknown == set()


def test_every_code_is_documented() -> None:
    documented = re.findall(r"^## (TGT\d{3})\b", DOCS.read_text(encoding="utf-8"), re.MULTILINE)
    assert sorted(set(CODES) - set(documented)) == []
    assert sorted(set(documented) - set(CODES)) == [], "docs/diagnostics.md documents codes that no longer exist"
    assert len(documented) == len(set(documented)), "a code is documented twice"


def test_documented_titles_match_the_registry() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for code, entry in CODES.items():
        assert f"## {code}: {entry.title}" in text, code


# -- docs/diagnostics.md is generated from CODES and the fixtures --------------------
FAMILIES = {"1": "syntax", "2": "static check", "3": "data", "4": "evaluation", "5": "usage"}

INTRO = """\
# Diagnostics

Every problem tgtcheck finds is a diagnostic with a stable code, shown as

```
policy.tgt:6:56: error[TGT204]: a percent is compared with a count or amount (left side is a percent, right side is not)
    6 | target "1" "percent against a count" growth(x, H13) >= 30 by H18
      |                                                        ^^
  help: write both sides as percents (30%) or both as plain numbers
```

and in the machine formats (`--format json|sarif|junit|github|markdown`, see
[ci.md](ci.md)) with the same code.  Codes never change meaning; a code that
is retired is not reused.  They come in families:

| codes | family | found by |
| --- | --- | --- |
| TGT1xx | syntax: the file cannot be read as a spec | `tgtcheck check`, every command |
| TGT2xx | static checks: the spec reads, but does not make sense | `tgtcheck check`, every command |
| TGT3xx | data: the data file, or the data against the spec | `tgtcheck check` (not with `--no-data`), `run` |
| TGT4xx | evaluation: a value cannot be computed | `tgtcheck run` (in the explanation) |
| TGT5xx | usage: the command line | every command |

An **error** stops evaluation (`run` and `check` exit 2).  A **warning**
(the `--strict` findings, a Heisei year past the era's end) is a finding:
`check` exits 1, `run` still evaluates.  A problem in an indicator's data
also names the spec's `indicator` declaration ("note: see spec.tgt:4"),
and a spec indicator with no data names the data file.

This page is generated from `tgtcheck.core.diagnostics.CODES` and the fixtures
in `tests/cases/check/` (each example below is a line of a fixture that
triggers the code); `python tests/test_diagnostic_codes.py` rewrites it and
the test suite fails when it is out of date.
"""


def warnings() -> set[str]:
    """Codes that fixtures mark as warnings."""
    return {code for spec in fixtures() for (_, _, kind, code) in expected(spec) if kind == "W"}


WARNINGS = warnings()


def first_examples() -> dict[str, tuple[Path, int, str, str]]:
    """For each code: the first fixture line marked with it (file, line number, text without the marker, E/W)."""
    found: dict[str, tuple[Path, int, str, str]] = {}
    for spec in fixtures():
        for path in fixture_files(spec):
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue  # the not-UTF-8 fixture shows nothing readable
            for n, line in enumerate(text.split("\n"), 1):
                for kind, code in MARKER.findall(line):
                    shown = line.split("  #")[0].rstrip()
                    # a comment-only line (TGT109) or a line too long to read (TGT108) shows CODES' example instead
                    if kind in "EW" and code not in found and shown and not shown.startswith("#") and len(shown) <= 120:
                        found[code] = (path, n, shown, kind)
    return found


def render_docs() -> str:
    examples = first_examples()
    out = [INTRO, "| code | title |", "| --- | --- |"]
    out += [f"| [{code}](#{code.lower()}-{_anchor(c.title)}) | {c.title} |" for code, c in CODES.items()]
    for code, c in CODES.items():
        out += ["", f"## {code}: {c.title}", ""]
        example = examples.get(code)
        severity = "warning" if code in WARNINGS else "error"
        out.append(f"Family: {FAMILIES.get(code[3], 'other')}. Severity: {severity}.")
        out.append("")
        if example:
            path, line, shown, _ = example
            lang = "yaml" if path.suffix in (".yaml", ".yml") else ""
            rel = path.relative_to(ROOT).as_posix()
            out += [f"Example ([{rel}](../{rel}), line {line}):", "", f"```{lang}", shown, "```"]
        elif c.example:
            out += ["Example:", "", "```", c.example, "```"]
        out += ["", f"Fix: {c.fix}" + ("" if c.fix.endswith(".") else ".")]
    return "\n".join(out) + "\n"


def _anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", title.lower()).replace(" ", "-")


def test_docs_are_generated_from_the_registry() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_docs(), "run: python tests/test_diagnostic_codes.py"


if __name__ == "__main__":
    DOCS.write_text(render_docs(), encoding="utf-8")
    print(f"wrote {DOCS}")
