"""Fuzz targets, one per input kind (spec text, YAML, JSON, CSV), and the hostile inputs that feed them.

A target takes the bytes of a file and runs them through what the command
line runs (decode, parse or load, check, evaluate, explain, every output
format, output to a console that lacks characters).  It returns normally for
any input, however broken: a user's mistake is a diagnostic.  Any exception
it raises is a bug, as is a diagnostic without a known code.

tests/test_fuzz.py drives the targets with hypothesis (a few hundred inputs
in CI); ``python -m tests.fuzz_targets KIND --examples N`` runs one of them
longer and prints how many inputs it tried and what crashed.  docs/fuzzing.md
says how to run them and what one long run found.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from tgtcheck.analysis.check import check, check_data
from tgtcheck.core.diagnostics import CODES, Diagnostic, render_diagnostic
from tgtcheck.core.sources import decode
from tgtcheck.core.streams import HANDLER
from tgtcheck.data.dataset import Dataset
from tgtcheck.formats import Options, get
from tgtcheck.language.parser import parse
from tgtcheck.pipeline import Loaded, run

ENCODINGS = ("utf-8", "cp932", "ascii", "latin-1")


# -- the targets ----------------------------------------------------------------------------
def spec_text(raw: bytes) -> None:
    """A spec file's bytes: decode, parse, check, format, evaluate against fixed data, every output."""
    from tgtcheck.language.formatter import format_text

    text, problem = decode(raw, "fuzz.tgt")
    if text is None:
        _diagnostics([problem] if problem else [], [])
        return
    spec, diags = parse(text, "fuzz.tgt")
    lines = text.split("\n")
    if spec is None:
        _diagnostics(diags, lines)
        return
    diags = diags + check(spec, "fuzz.tgt")
    _diagnostics(diags, lines)
    format_text(text, "fuzz.tgt")
    if not any(d.is_error for d in diags):
        data = _fixed_data()
        _outputs(Loaded("fuzz.tgt", spec, text, data, "fuzz.yaml", diags + check_data(spec, "fuzz.tgt", data)))


def yaml_data(raw: bytes) -> None:
    _data(raw, "fuzz.yaml")


def json_data(raw: bytes) -> None:
    _data(raw, "fuzz.json")


def csv_data(raw: bytes) -> None:
    _data(raw, "fuzz.csv")


TARGETS: dict[str, Callable[[bytes], None]] = {"spec": spec_text, "yaml": yaml_data, "json": json_data, "csv": csv_data}


def _data(raw: bytes, name: str) -> None:
    """A data file's bytes: decode, load, check against a spec that uses its rows, evaluate, every output."""
    from tgtcheck.data.load import load_text

    text, problem = decode(raw, name)
    if text is None:
        _diagnostics([problem] if problem else [], [])
        return
    data, diags = load_text(text, name)
    _diagnostics(diags, text.split("\n"))
    assert (data is None) == any(d.is_error for d in diags)
    if data is None or not data.series:
        return
    ids = list(data.series)[:3]
    spec_source = ('policy "F" "fuzz" base H13 due H18\n' + "".join(f'indicator {i} "{i}"\n' for i in ids) + "".join(
        f'target "{n}-{k}" "t" {cond.format(i)}\n' for n, i in enumerate(ids) for k, cond in enumerate(CONDITIONS)))
    spec, spec_diags = parse(spec_source, "fuzz.tgt")
    assert spec is not None and not spec_diags, spec_diags
    _outputs(Loaded("fuzz.tgt", spec, spec_source, data, name, check_data(spec, "fuzz.tgt", data)))


CONDITIONS = (
    "value({0}) >= about 10 ± 1 by H18", "growth({0}, H13) >= 30% by H18", "change({0}, H13) <= -5 by H20",
    "increasing({0})", "decreasing({0}, H14)", "value({0}) between 1 and 1000 every year from H14 to H18",
    "ratio({0}, {0}) >= 50% by R2", "count({0}) >= 1 every year from H13",
)


def _outputs(loaded: Loaded) -> None:
    """Evaluate and write every output a user can ask for, in every console encoding."""
    from tgtcheck.judging.derivation import derive, render_text, to_json
    from tgtcheck.report import render

    if loaded.spec is None or loaded.data is None:
        return
    for as_of in (None, 2001, 2030):
        result = run(loaded, as_of)
        if result is None:
            continue
        texts = [get(fmt).render_run(result, Options(lang=lang)) for fmt in ("text", "json", "markdown") for lang in ("en", "ja")]
        for v in result.verdicts:
            d = derive(v, loaded.spec, loaded.data)
            texts += [render_text(d, "en"), render_text(d, "ja"), json.dumps(to_json(d), ensure_ascii=False)]
        texts.append(render(result, "ja", "markdown"))
        _survive(texts)


def _diagnostics(diags: list[Diagnostic], lines: list[str]) -> None:
    for d in diags:
        assert d.code in CODES, d
    _survive([render_diagnostic(d, lines, lang="ja") for d in diags])


def _survive(texts: list[str]) -> None:
    """What would go to stdout, written to consoles of every encoding (as cli.main sets them up)."""
    for encoding in ENCODINGS:
        stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors=HANDLER)
        for t in texts:
            stream.write(t)
        stream.flush()


def _fixed_data() -> Dataset:
    from tgtcheck.data.load import load_text

    data, diags = load_text(FIXED_DATA, "fuzz.yaml")
    assert data is not None, diags
    return data


FIXED_DATA = """indicators:
  x: {values: {H10: 1, H13: 5, H14: 集計中, H15: 7, H16: －, H17: null, H18: 12}}
  y: {kind: percent, values: {H13: 10.5, H14: 20, H15: 0}}
  patents: {kind: count, values: {H13: 208, H14: 250, R1: 400}}
  a: {values: {H13: 0}}
  b: {values: {H13: -3.25}}
"""


# -- hostile inputs --------------------------------------------------------------------------
HOSTILE_TEXTS = [
    "", " ", "集計中", "pending", "－", "-", "―", "n/a", "null", "~", "yes", "no", "on", "true", "12", "-5", "+5", "0", "010",
    "12.5", "1,234", "1,23", "12%", "１２", "１２．５", "−3", "1e3", "1e999", "1e99999999999999999999",
    "1.5e+99999999999999999999", ".5E-99999999999999999999", "9" * 5000,
    ".nan", "-.inf", "NaN", "Infinity", "0x1F", "0o17", "1:30", "2001-01-01", "1৪", "১", "²", "①", "٣", "H1৪", "\x00",
    "\x1b[31m", "a\tb", "a\nb", "\u200b", "\ufeff", "\u202e", "é", "漢字", "x" * 300, '"', "'", "\\", "#", ": ", "- ", "&a", "*a",
    "!!null", "<<",
]
HOSTILE_KEYS = [
    "H13", "H14", "H31", "H32", "R元", "R1", "2001", "FY2001", "13", "H0", "H99999", "H1৪", "平成14年度", "2002年度", "Ｈ１４",
    "fy2001", " H13 ", "H13\u200b", "S64", "T15", "M45", "M46", "1867", "2201", "9" * 5000, "",
]
TAGS = ["", "", "", "", "", "", "", "", "", "", "!!null ", "!!bool ", "!!str ", "!!int ", "!!float ", "!!timestamp ", "!!binary ", "!foo ", "! ",
        "!!python/object/apply:os.system ", "!!set ", "!!omap ", "&a ", "!<tag:yaml.org,2002:null> "]
FIELDS = ["label", "unit", "kind", "footnote", "notes", "valeus", "values"]
KINDS = ["count", "amount", "percent", "Count", "", "12"]

# any text but control characters and lone surrogates (a file with those is refused before loading: HOSTILE_TEXTS has a few)
printable = st.characters(blacklist_categories=("Cc", "Cs"))
# well-formed pieces most of the time, so that inputs get past loading to evaluation and output
numbers = st.one_of(st.integers(-10**6, 10**6).map(str), st.decimals(-10**6, 10**6, places=3).map(str))
texts = st.one_of(numbers, numbers, numbers, st.sampled_from(HOSTILE_TEXTS), st.text(printable, max_size=20))
years = st.sampled_from(["H10", "H13", "H14", "H15", "H16", "H18", "H20", "R元", "R2", "2001", "FY2003", "2010"])
keys = st.one_of(years, years, years, years, st.sampled_from(HOSTILE_KEYS), st.text(printable, max_size=12))
names = st.sampled_from(["x", "y", "patents", "_a", "x1"])
ids = st.one_of(names, names, names, st.sampled_from(["1x", "x-y", "ｘ", "indicators", ""]), st.text(printable, max_size=8))
few = st.sampled_from([0, 0, 0, 0, 1, 2, 3])


def _yaml_scalar(draw: Any, value: str | None = None) -> str:
    """A YAML scalar as source text: plain when it is a simple word, else mostly quoted (plain now and then)."""
    if value is None:
        value = draw(st.one_of(texts, st.integers().map(str), st.decimals().map(str)))
    simple = value.replace(".", "").replace("-", "").replace("+", "").isalnum() or value in ("", "－", "~")
    style = draw(st.sampled_from(["plain", "plain", "double", "single"] if simple else ["double", "double", "double", "single", "plain"]))
    if style == "double":
        return json.dumps(value, ensure_ascii=False)  # PyYAML refuses \\u escapes of surrogate pairs (TGT301)
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return value


@st.composite
def yaml_documents(draw: Any) -> bytes:
    lines = ["indicators:"]
    for _ in range(draw(st.integers(1, 3))):
        lines.append(f"  {_yaml_scalar(draw, draw(ids))}:")
        for field in ["values", *draw(st.lists(st.sampled_from(FIELDS), max_size=2, unique=True))]:
            if field in ("values", "notes", "valeus"):
                lines.append(f"    {field}:")
                for _ in range(draw(st.integers(1, 5))):
                    key = _yaml_scalar(draw, draw(keys))
                    lines.append(f"      {draw(st.sampled_from(TAGS))}{key}: {draw(st.sampled_from(TAGS))}{_yaml_scalar(draw)}")
            else:
                lines.append(f"    {field}: {draw(st.sampled_from(TAGS))}{_yaml_scalar(draw)}")
    if draw(st.booleans()):
        lines.append(f"notes: {{{_yaml_scalar(draw, draw(keys))}: {_yaml_scalar(draw)}}}")
    return _mutated(draw, "\n".join(lines) + "\n")


def _json_value(draw: Any) -> str:
    """A JSON value as source text, hostile numbers and escapes included."""
    return draw(st.one_of(
        numbers, numbers, numbers,
        st.sampled_from(["1e99999999999999999999", "-1e-99999999999999999999", "9" * 5000, "NaN", "-Infinity", "true", "null",
                         "[]", "{}", "[1, 2]", '"\\ud800"', '"\\udc00x"', '"\\ud83d\\ude00"', '"\\u0000"', '"\\u001b[2J"',
                         "12", "-0", "0.1", "1E+2"]),
        texts.map(lambda t: json.dumps(t)),
        st.integers().map(str),
        st.decimals(allow_nan=False).map(str),
    ))


@st.composite
def json_documents(draw: Any) -> bytes:
    indicators = []
    for _ in range(draw(st.integers(1, 3))):
        fields = []
        for field in ["values", *draw(st.lists(st.sampled_from(FIELDS), max_size=2, unique=True))]:
            if field in ("values", "notes", "valeus"):
                entries = [f"{json.dumps(draw(keys))}: {_json_value(draw)}" for _ in range(draw(st.integers(1, 5)))]
                fields.append(f'"{field}": {{{", ".join(entries)}}}')
            else:
                fields.append(f'"{field}": {_json_value(draw)}')
        indicators.append(f'{json.dumps(draw(ids))}: {{{", ".join(fields)}}}')
    return _mutated(draw, '{"indicators": {' + ", ".join(indicators) + "}}\n")


@st.composite
def csv_documents(draw: Any) -> bytes:
    header = ["indicator", *draw(st.lists(st.one_of(keys, st.sampled_from(["label", "unit", "kind", "footnote", "labl"])), max_size=6))]
    rows = [header]
    for _ in range(draw(st.integers(1, 4))):
        rows.append([draw(ids), *(draw(texts) for _ in range(draw(st.integers(0, len(header) + 1))))])
    out = io.StringIO()
    csv.writer(out, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))).writerows(rows)
    return _mutated(draw, out.getvalue())


SPEC_PIECES = [
    '"', "「", "」", "#", "(", ")", "\n", " ", "　", ",", ".", "%", "±", ">=", "≧", "１", "৪", "²", "9", "H", "Ｈ", "R元",
    "H0", "FY2006", "2006", "平成14年度", "by", "about", "between", "and", "every year from", "to", "target", "indicator",
    "constant", "note", "base", "due", "policy", "value(x)", "growth(x, H13)", "ratio(x, y)", "increasing(x)", "x", "y",
    "\x00", "\u200b", "\x1b", "1,23", "1,234", "9" * 200, "- ", "*", "/", "=",
]
SPEC_HEAD = 'policy "F" "fuzz" base H13 due H18\nindicator x "x"\nindicator y "y" unit "%"\n'


LEFT = ["value(x)", "growth(x, H13)", "count(x)", "change(x, H14)", "ratio(x, patents)", "value(y)", "value(x, H13)",
        "value(x) + 1", "value(x) / value(a)", "-value(b)", "c", "growth(patents, H13)", "value(patents) * 2"]
RIGHT = ["10", "1,234", "１０", "30%", "about 10 ± 1", "about 30% ± 3%", "1 / 0", "c", "H13", "-5", "0.5", "about 10 ± c",
         "about 10 ± value(x)", "about 5", "1 / value(a)", "value(x, H17)", "1৪", "1,23", "9" * 120, "0"]
SCHEDULES = ["by H18", "every year from H14", "every year from H14 to H16", "", "by R2", "by H13", "every year from H18 to H14"]
CONSTANTS = ["1", "H13", "1 / 0", "2 * 3", "10%", "c", "value(x)", "1,5"]


@st.composite
def spec_documents(draw: Any) -> bytes:
    """Well-formed specs with hostile parts (a year in a constant, 1 / 0, foreign digits), or piles of pieces."""
    if draw(st.integers(0, 3)) == 0:
        body = "".join(draw(st.lists(st.one_of(st.sampled_from(SPEC_PIECES), st.text(max_size=3)), max_size=40)))
        template = draw(st.sampled_from([
            SPEC_HEAD + 'target "1" "t" {} by H18\n', SPEC_HEAD + 'constant c = {}\ntarget "1" "t" value(x) >= c by H18\n',
            SPEC_HEAD + 'target {} "t" value(x) >= 1 by H18\n', SPEC_HEAD + "{}", "{}"]))
        return _mutated(draw, template.replace("{}", body))
    lines = [SPEC_HEAD + 'indicator patents "p"\nindicator a "a"\nindicator b "b"', f"constant c = {draw(st.sampled_from(CONSTANTS))}"]
    for n in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from([">=", "<=", ">", "<", "==", "!="]))
        if draw(st.integers(0, 4)) == 0:
            cond = draw(st.sampled_from(["increasing(x)", "decreasing(x, H14)", "increasing(patents)", "value(x) between 1 and c"]))
        else:
            cond = f"{draw(st.sampled_from(LEFT))} {op} {draw(st.sampled_from(RIGHT))}"
        tid = draw(st.sampled_from([str(n), f"6-2-{n}", "６-2-1", "6-2-1", ""]))
        lines.append(f'target "{tid}" "t" {cond} {draw(st.sampled_from(SCHEDULES))}')
    return _mutated(draw, "\n".join(lines) + "\n")


def _mutated(draw: Any, text: str) -> bytes:
    """The text, sometimes with a few characters deleted, inserted or replaced, sometimes as raw bytes."""
    for _ in range(draw(few)):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["delete", "insert", "replace"]))
        piece = draw(st.sampled_from(['"', ":", "{", "}", "\n", " ", "-", ",", "!", "&", "*", "\t", "#", "\x00", "৪", "'"]))
        text = text[:i] + (piece if op != "delete" else "") + text[i + (op != "insert"):]
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 20)) == 0:
        raw = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b""])) + raw + draw(st.sampled_from([b"", b"\x80", b"\r\n"]))
    return raw


DOCUMENTS = {"spec": spec_documents(), "yaml": yaml_documents(), "json": json_documents(), "csv": csv_documents()}


def main(argv: list[str] | None = None) -> int:
    """Run one target for a number of hostile inputs; print how many were tried and what failed."""
    from hypothesis import HealthCheck, given, settings

    p = argparse.ArgumentParser(prog="python -m tests.fuzz_targets", description=main.__doc__)
    p.add_argument("kind", choices=sorted(TARGETS))
    p.add_argument("--examples", type=int, default=10_000, help="inputs to try (default: 10,000)")
    p.add_argument("--minutes", type=float, help="stop after this long instead, whatever the count")
    args = p.parse_args(argv)
    tried = 0
    crashes: dict[str, bytes] = {}
    started = time.monotonic()
    deadline = started + args.minutes * 60 if args.minutes else None

    @settings(max_examples=1000, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(DOCUMENTS[args.kind])
    def explore(raw: bytes) -> None:
        nonlocal tried
        if tried >= args.examples or (deadline is not None and time.monotonic() > deadline):
            return
        tried += 1
        try:
            TARGETS[args.kind](raw)
        except Exception as exc:  # noqa: BLE001 - every kind of crash is counted, the first input of each kept
            crashes.setdefault(f"{type(exc).__name__}: {str(exc)[:200]}", raw)

    while tried < args.examples and (deadline is None or time.monotonic() < deadline):
        explore()  # rounds of 1,000 fresh inputs each, so that one round's crash does not end the run
    print(f"{args.kind}: {tried} inputs in {time.monotonic() - started:.0f} s, {len(crashes)} distinct crashes")
    for what, raw in crashes.items():
        print(f"  {what}\n    input: {raw[:300]!r}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
