"""Syntax errors: a code, the right line and column, a hint, never an exception."""

from __future__ import annotations

import pytest

from tgtcheck.language.parser import parse

HEAD = 'policy "p" "t" base H13 due H18\n'

CASES = [
    # (name, source, code, line, column)
    ("string closed too early", HEAD + 'target "1 "t" value(x) >= 1', "TGT102", 2, 12),
    ("unclosed title", HEAD + 'target "1" "t value(x) >= 1', "TGT104", 2, 12),
    ("stray character", HEAD + 'target "1" "t" value(x) >= 1 $', "TGT101", 2, 30),
    ("missing deadline year", HEAD + 'target "1" "t" value(x) >= 1 by', "TGT103", 2, 32),
    ("unknown era letter", HEAD + 'target "1" "t" value(x) >= 1 by Q18', "TGT105", 2, 33),
    ("year with letters", HEAD + 'target "1" "t" value(x) >= 1 by 20x6', "TGT105", 2, 33),
    ("unquoted id", HEAD + "target 6-2-1 \"t\" value(x) >= 1", "TGT102", 2, 8),
    ("empty file", "", "TGT109", 1, 1),
    ("only comments", "# a\n# b\n", "TGT109", 1, 1),
    ("deep parentheses", HEAD + 'target "1" "t" value(x) >= ' + "(" * 10_000 + "1" + ")" * 10_000, "TGT108", 2, 128),
    ("tolerance without threshold", HEAD + 'target "1" "t" value(x) >= ± 1', "TGT102", 2, 28),
]


@pytest.mark.parametrize("name, source, code, line, column", CASES, ids=[c[0] for c in CASES])
def test_syntax_error(name: str, source: str, code: str, line: int, column: int) -> None:
    spec, diags = parse(source, "x.tgt")
    assert spec is None
    assert [(d.code, d.location.span.line, d.location.span.column) for d in diags] == [(code, line, column)]
    assert diags[0].location.file == "x.tgt"
    assert diags[0].help or code in ("TGT101", "TGT102")


def test_h0_parses_and_the_checker_reports_it() -> None:
    from tgtcheck.analysis.check import check

    spec, diags = parse(HEAD + 'target "1" "t" value(x) >= 1 by H0')
    assert spec is not None and diags == []
    codes = [(d.code, d.location.span.line, d.location.span.column) for d in check(spec, "x.tgt")]
    assert ("TGT105", 2, 33) in codes


def test_h32_is_a_warning_naming_the_reiwa_year() -> None:
    from tgtcheck.analysis.check import check

    spec, _ = parse(HEAD.replace("H18", "H32"))
    assert spec is not None
    [d] = [d for d in check(spec, "x.tgt") if d.code == "TGT106"]
    assert d.severity.value == "warning" and "R2" in d.message


def test_syntax_errors_of_several_declarations_in_one_run() -> None:
    source = (HEAD + 'indicator x "x"\n'
              'target "1" "t" value(x) >= 1 $\n'
              'target "2" "t" value(x) >= 1 by Q18\n'
              'target "3" "t" value(x) >= 1\n'
              'target "4" "t" value(x) >=\n'
              '  "oops"\n'
              'target "5" "t" value(x) >= 2\n')
    spec, diags = parse(source, "x.tgt")
    assert spec is None
    assert [(d.code, d.location.span.line, d.location.span.column) for d in diags] == [
        ("TGT101", 3, 30), ("TGT105", 4, 33), ("TGT102", 7, 3)]


def test_a_broken_header_is_reported_once() -> None:
    spec, diags = parse('policy "p" base H13\ntarget "1" "t" value(x) >= 1 $\n', "x.tgt")
    assert spec is None and len(diags) == 1 and diags[0].location.span.line == 1


def test_a_missing_threshold_before_by_is_named() -> None:
    spec, diags = parse(HEAD + 'target "1" "t" value(x) >= by H18\n', "x.tgt")
    assert [(d.code, d.location.span.line, d.location.span.column) for d in diags] == [("TGT102", 2, 28)]
    assert "before `by`" in diags[0].message


def test_parentheses_in_a_title_are_text_not_nesting() -> None:
    """Only the code's parentheses count towards TGT108, also in a declaration the fast path leaves to Lark."""
    source = HEAD + 'indicator year "y"\ntarget "1" "' + "(" * 150 + '" value(year) >= 1  # ' + "(" * 150 + "\n"
    spec, diags = parse(source, "x.tgt")
    assert diags == [] and spec is not None and spec.targets[0].title == "(" * 150
