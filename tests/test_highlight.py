"""Syntax highlighting: the Pygments lexer and the editors' TextMate grammar, on the 6-2 spec.

The TextMate grammar is run two ways:
- through VS Code's own engine (npm vscode-textmate + vscode-oniguruma, run
  with node from editors/vscode/test/), when node is installed; the
  packages are installed there with `npm ci` on first use (node_modules is
  not committed);
- always, through ``tm_tokenize`` below: a small TextMate engine (leftmost
  match wins, ties by pattern order; match/captures and begin/end rules)
  over Python's ``re``.  The grammar keeps to the regex syntax Oniguruma
  and ``re`` share, and when node is there a test checks the two engines
  give the same tokens for the whole spec.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, SPEC_6_2

SPEC_TEXT = SPEC_6_2.read_text(encoding="utf-8")
VSCODE = ROOT / "editors" / "vscode"
GRAMMAR_FILE = VSCODE / "syntaxes" / "tgt.tmLanguage.json"
HARNESS = VSCODE / "test"

# Written the way people write specs in Japanese input modes.
EXTRAS = """\
target "x" 「全角の題名」
  ratio(a, b) ≧ 程度 ３割 ± 1割 by 2006
target "y" "t" value(a, FY2006) ＞＝ １，０００ every year from R元 to R5
constant c = (1 + 2) * 3 ≠
"""

Token = tuple[str, tuple[str, ...]]  # text, scopes (outermost first)


# -- Pygments -----------------------------------------------------------------------------
try:
    from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
    from pygments.token import Comment, Error, Keyword, Literal, Name, Number, Operator, String

    from tgtcheck.editor.highlight.lexer import TgtLexer, css, html
except ImportError:  # the highlight extra is not installed: the TextMate tests still run
    TgtLexer = None  # type: ignore[assignment,misc]

needs_pygments = pytest.mark.skipif(TgtLexer is None, reason="the highlight extra (pygments) is not installed")


def pyg_tokens(text: str) -> list[tuple[Any, str]]:
    return list(TgtLexer().get_tokens(text))


def pyg_type(tokens: list[tuple[Any, str]], value: str) -> Any:
    return next(t for t, v in tokens if v == value)


@needs_pygments
def test_pygments_finds_the_lexer_by_name_and_file_name() -> None:
    assert isinstance(get_lexer_by_name("tgt"), TgtLexer)
    assert isinstance(get_lexer_for_filename("policy_6_2.tgt"), TgtLexer)


@needs_pygments
def test_pygments_round_trips_the_6_2_spec_without_errors() -> None:
    tokens = pyg_tokens(SPEC_TEXT)
    assert "".join(v for _, v in tokens) == SPEC_TEXT
    assert [v for t, v in tokens if t in Error] == []


@needs_pygments
def test_pygments_token_types_on_the_6_2_spec() -> None:
    tokens = pyg_tokens(SPEC_TEXT)
    expect = {
        "policy": Keyword.Declaration, "target": Keyword.Declaration, "indicator": Keyword.Declaration,
        "base": Keyword, "due": Keyword, "data": Keyword, "goal": Keyword, "unit": Keyword, "note": Keyword,
        "by": Keyword, "every": Keyword, "year": Keyword, "from": Keyword, "to": Keyword,
        "between": Keyword, "and": Keyword, "about": Keyword,
        '"6-2-1"': String, '"policy_6_2.yaml"': String,
        "H13": Literal.Date, "H18": Literal.Date,
        "count": Name.Builtin, "growth": Name.Builtin, "increasing": Name.Builtin, "value": Name.Builtin,
        "cluster_hubs": Name.Variable,  # first seen in its declaration
        "10": Number, "30%": Number, "60": Number,
        ">=": Operator, "±": Operator, "=": Operator,
    }
    for value, kind in expect.items():
        assert pyg_type(tokens, value) in kind, value
    assert all(t in Comment for t, v in tokens if v.startswith("#"))
    assert (Name, "prefectures_and_cities") in tokens  # a reference


@needs_pygments
def test_pygments_full_width_forms_and_corner_quotes() -> None:
    tokens = pyg_tokens(EXTRAS)
    assert "".join(v for _, v in tokens) == EXTRAS
    assert [v for t, v in tokens if t in Error] == []
    assert pyg_type(tokens, "「全角の題名」") in String
    assert pyg_type(tokens, "程度") in Keyword
    assert pyg_type(tokens, "３割") in Number and pyg_type(tokens, "１，０００") in Number
    assert pyg_type(tokens, "≧") in Operator and pyg_type(tokens, "＞＝") in Operator and pyg_type(tokens, "≠") in Operator
    assert pyg_type(tokens, "2006") in Literal.Date and pyg_type(tokens, "FY2006") in Literal.Date and pyg_type(tokens, "R元") in Literal.Date
    assert pyg_type(tokens, "ratio") in Name.Builtin


@needs_pygments
def test_pygments_marks_what_the_language_does_not_have() -> None:
    tokens = pyg_tokens('target "1" "t" value(x) >= 10 $\n')
    assert [v for t, v in tokens if t in Error] == ["$"]


@needs_pygments
def test_pygments_html_for_the_report() -> None:
    out = html('target "1" "t" value(x) >= 10 by H18\n')
    assert 'class="highlight"' in out and "<span" in out and "H18" in out
    assert ".highlight" in css()


# -- the TextMate grammar -------------------------------------------------------------------
def load_grammar() -> dict[str, Any]:
    return json.loads(GRAMMAR_FILE.read_text(encoding="utf-8"))


def _rules(grammar: dict[str, Any], patterns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Patterns with includes resolved, in order."""
    out: list[dict[str, Any]] = []
    for p in patterns:
        if "include" in p:
            out.extend(_rules(grammar, [grammar["repository"][p["include"].lstrip("#")]]))
        elif "match" in p or "begin" in p:
            out.append(p)
        else:
            out.extend(_rules(grammar, p.get("patterns", [])))
    return out


def _captured(m: re.Match[str], scopes: tuple[str, ...], captures: dict[str, Any]) -> list[Token]:
    """The match split into tokens, each capture with its own scope."""
    marks = [(m.start(int(k)), m.end(int(k)), v["name"]) for k, v in captures.items() if k != "0" and m.start(int(k)) >= 0]
    whole = scopes + ((captures["0"]["name"],) if "0" in captures else ())
    out: list[Token] = []
    pos = m.start()
    for start, end, name in sorted(marks):
        if start > pos:
            out.append((m.string[pos:start], whole))
        out.append((m.string[start:end], whole + (name,)))
        pos = end
    if pos < m.end():
        out.append((m.string[pos : m.end()], whole))
    return out


def tm_tokenize(grammar: dict[str, Any], text: str) -> list[list[Token]]:
    """Tokens of each line, as a TextMate engine gives them (enough of one for this grammar)."""
    rules = _rules(grammar, grammar["patterns"])
    compiled = [(re.compile(r.get("match") or r["begin"]), r) for r in rules]
    base = (grammar["scopeName"],)
    lines_out: list[list[Token]] = []
    inside: dict[str, Any] | None = None  # an open begin/end rule
    for line in text.split("\n"):
        tokens: list[Token] = []
        pos = 0
        while pos <= len(line):
            if inside is not None:
                scopes = base + (inside["name"],)
                m = re.compile(inside["end"]).search(line, pos)
                assert m is not None  # every end pattern here can match at the line's end
                if m.start() > pos:
                    tokens.append((line[pos : m.start()], scopes))
                tokens.extend(_captured(m, scopes, inside.get("endCaptures", {})))
                pos, inside = m.end(), None
                continue
            found = [(m, r) for rx, r in compiled if (m := rx.search(line, pos)) is not None]
            if not found:
                break
            m, rule = min(found, key=lambda mr: mr[0].start())  # min keeps the first of equals: pattern order
            if m.start() > pos:
                tokens.append((line[pos : m.start()], base))
            scopes = base + ((rule["name"],) if "name" in rule else ())
            if "begin" in rule:
                tokens.extend(_captured(m, scopes, rule.get("beginCaptures", {})))
                inside = rule
            else:
                tokens.extend(_captured(m, scopes, rule.get("captures", {})))
            if m.end() == m.start():
                raise AssertionError(f"empty match of {rule} at {pos}")
            pos = m.end()
        if pos < len(line):
            tokens.append((line[pos:], base))
        lines_out.append(_merged(tokens))
    return lines_out


def _merged(tokens: list[Token]) -> list[Token]:
    """Adjacent tokens with the same scopes as one, empty ones dropped (engines split differently)."""
    out: list[Token] = []
    for text, scopes in tokens:
        if not text:
            continue
        if out and out[-1][1] == scopes:
            out[-1] = (out[-1][0] + text, scopes)
        else:
            out.append((text, scopes))
    return out


def scope_of(lines: list[list[Token]], text: str, line_containing: str | None = None) -> str:
    """The innermost scope of the first token ``text`` (on the first line containing ``line_containing``)."""
    for tokens in lines:
        joined = "".join(t for t, _ in tokens)
        if line_containing is not None and line_containing not in joined:
            continue
        for t, scopes in tokens:
            if t == text:
                return scopes[-1]
    raise AssertionError(f"no token {text!r}")


SPEC_SCOPES = {
    "policy": "keyword.other.declaration.tgt",
    "indicator": "keyword.other.declaration.tgt",
    "target": "keyword.other.declaration.tgt",
    "cluster_hubs": "entity.name.variable.tgt",
    "base": "keyword.other.clause.tgt",
    "data": "keyword.other.clause.tgt",
    "goal": "keyword.other.clause.tgt",
    "unit": "keyword.other.clause.tgt",
    "note": "keyword.other.clause.tgt",
    "H13": "constant.other.year.era.tgt",
    "6-2": "string.quoted.double.tgt",
    "count": "support.function.builtin.tgt",
    "growth": "support.function.builtin.tgt",
    "increasing": "support.function.builtin.tgt",
    ">=": "keyword.operator.comparison.tgt",
    "about": "keyword.other.approximately.tgt",
    "±": "keyword.operator.tolerance.tgt",
    "10": "constant.numeric.tgt",
    "30%": "constant.numeric.percent.tgt",
    "by": "keyword.control.schedule.tgt",
    "every": "keyword.control.schedule.tgt",
    "year": "keyword.control.schedule.tgt",
    "from": "keyword.control.schedule.tgt",
    "to": "keyword.control.schedule.tgt",
    "between": "keyword.control.range.tgt",
    "and": "keyword.control.range.tgt",
    "prefectures_and_cities": "entity.name.variable.tgt",
}

EXTRA_SCOPES = {
    "全角の題名": "string.quoted.other.corner-bracket.tgt",
    "「": "punctuation.definition.string.begin.tgt",
    "程度": "keyword.other.approximately.tgt",
    "≧": "keyword.operator.comparison.tgt",
    "＞＝": "keyword.operator.comparison.tgt",
    "≠": "keyword.operator.comparison.tgt",
    "３割": "constant.numeric.percent.tgt",
    "１，０００": "constant.numeric.tgt",
    "2006": "constant.other.year.western.tgt",
    "FY2006": "constant.other.year.fiscal.tgt",
    "R元": "constant.other.year.era.tgt",
    "ratio": "support.function.builtin.tgt",
    "*": "keyword.operator.arithmetic.tgt",
    "=": "keyword.operator.assignment.tgt",
}


def assert_scopes(lines: list[list[Token]], expected: dict[str, str]) -> None:
    for text, scope in expected.items():
        assert scope_of(lines, text) == scope, text


def assert_everything_scoped(lines: list[list[Token]]) -> None:
    """No visible text is left with only the file's scope: every word is something."""
    bare = [t for tokens in lines for t, scopes in tokens if len(scopes) == 1 and t.strip()]
    assert bare == []


def test_grammar_is_a_vscode_extension_folder() -> None:
    grammar = load_grammar()
    assert grammar["scopeName"] == "source.tgt"
    manifest = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    (language,) = manifest["contributes"]["languages"]
    (contributed,) = manifest["contributes"]["grammars"]
    assert language["id"] == contributed["language"] == "tgt" and ".tgt" in language["extensions"]
    assert contributed["scopeName"] == grammar["scopeName"]
    assert (VSCODE / contributed["path"]).resolve() == GRAMMAR_FILE.resolve()
    config = json.loads((VSCODE / language["configuration"]).read_text(encoding="utf-8"))
    assert config["comments"]["lineComment"] == "#"
    assert (VSCODE / manifest["main"]).is_file()
    for rule in _rules(grammar, grammar["patterns"]):
        for key in ("match", "begin", "end"):
            if key in rule:
                re.compile(rule[key])


def test_grammar_names_every_builtin_function() -> None:
    from tgtcheck.judging.functions import FUNCTIONS

    calls = "\n".join(f"{name}(x)" for name in FUNCTIONS)
    lines = tm_tokenize(load_grammar(), calls)
    assert [scope_of([line], name) for line, name in zip(lines, FUNCTIONS, strict=False)] == ["support.function.builtin.tgt"] * len(FUNCTIONS)


def test_grammar_in_python_engine_on_the_6_2_spec() -> None:
    lines = tm_tokenize(load_grammar(), SPEC_TEXT)
    assert_scopes(lines, SPEC_SCOPES)
    assert all(s == "comment.line.number-sign.tgt" for tokens in lines for t, (*_, s) in tokens if t.startswith("#"))
    assert_everything_scoped(lines)


def test_grammar_in_python_engine_on_full_width_forms() -> None:
    lines = tm_tokenize(load_grammar(), EXTRAS)
    assert_scopes(lines, EXTRA_SCOPES)
    assert_everything_scoped(lines)


# -- VS Code's engine, through node ------------------------------------------------------------
@pytest.fixture(scope="module")
def vscode_textmate() -> Path:
    """The harness folder with vscode-textmate installed (npm ci on first use)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed: the grammar was checked with the Python engine only")
    if not (HARNESS / "node_modules" / "vscode-textmate").is_dir():
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HARNESS, capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0:
            pytest.skip(f"npm ci failed in {HARNESS}: {done.stderr.strip()[-500:]}")
    return HARNESS


def node_tokenize(harness: Path, text: str, tmp_path: Path) -> list[list[Token]]:
    source = tmp_path / "input.tgt"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(["node", str(harness / "tokenize.mjs"), str(GRAMMAR_FILE), str(source)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return [_merged([(t["text"], tuple(t["scopes"])) for t in line]) for line in json.loads(done.stdout)]


def test_grammar_in_vscode_textmate_on_the_6_2_spec(vscode_textmate: Path, tmp_path: Path) -> None:
    lines = node_tokenize(vscode_textmate, SPEC_TEXT, tmp_path)
    assert_scopes(lines, SPEC_SCOPES)
    assert_everything_scoped(lines)
    assert lines == tm_tokenize(load_grammar(), SPEC_TEXT)  # the Python engine is faithful


def test_grammar_in_vscode_textmate_on_full_width_forms(vscode_textmate: Path, tmp_path: Path) -> None:
    lines = node_tokenize(vscode_textmate, EXTRAS, tmp_path)
    assert_scopes(lines, EXTRA_SCOPES)
    assert lines == tm_tokenize(load_grammar(), EXTRAS)


def test_vscode_extension_script_is_valid_javascript(vscode_textmate: Path) -> None:
    done = subprocess.run(["node", "--check", str(VSCODE / "extension.js")], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr


YEAR_FORMS = ('policy "p" "t" base 平成13年度 due h18 judge latest years fiscal\n'
              'indicator x "x" better higher\n'
              'target "1" "t" growth(x, H13年度) >= 10% by 令和元年度 judge year\n'
              'target "2" "t" value(x) >= 1 every year from 2002年度 to fy2006 better lower\n')


@needs_pygments
def test_pygments_years_as_written_and_the_judging_clauses() -> None:
    tokens = pyg_tokens(YEAR_FORMS)
    assert [v for t, v in tokens if t in Error] == []
    for year in ("平成13年度", "h18", "H13年度", "令和元年度", "2002年度", "fy2006"):
        assert pyg_type(tokens, year) in Literal.Date, year
    for keyword in ("better", "judge", "years"):
        assert pyg_type(tokens, keyword) in Keyword, keyword


def test_grammar_years_as_written_and_the_judging_clauses() -> None:
    lines = tm_tokenize(load_grammar(), YEAR_FORMS)
    assert_everything_scoped(lines)
    for year in ("平成13年度", "h18", "H13年度", "令和元年度", "2002年度", "fy2006"):
        assert scope_of(lines, year).startswith("constant.other.year"), year
    for keyword in ("better", "judge", "years"):
        assert scope_of(lines, keyword) == "keyword.other.clause.tgt", keyword
