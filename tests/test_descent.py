"""The recursive-descent fast path (descent.py) is the LALR parser, where it answers at all.

For every text, ``descent.parse`` either gives up (None) or returns exactly
the tree the LALR parser builds, spans included.  And it must answer for
the specs people write: the 6-2 spec, every fixture the LALR parser reads,
and random valid specs in random layouts; otherwise the fast path would
silently stop being used and only the benchmark would notice.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tgtcheck.language import descent
from tgtcheck.language.formatter import format_spec
from tgtcheck.language.lexical import MAX_NESTING, normalize
from tgtcheck.language.nodes import Spec
from tgtcheck.language.parser import lark_parser, parse, terminals_source

from .conftest import ROOT, SPEC_6_2
from .test_fmt_properties import specs
from .test_properties import SETTINGS, mutated_spec, pieces, structure

CASES = sorted((ROOT / "tests" / "cases").rglob("*.tgt"))


def both(text: str) -> tuple[Any, Any]:
    """(descent's tree or None, the LALR path's tree or its exception's type), as comparable structures.

    The LALR path is Lark's own parser on the whole ``normalize``d text, with the comments ``normalize`` collects.
    """
    fast = descent.parse(text)
    lexed, comments, depth = normalize(text)
    if depth > MAX_NESTING:  # refused before parsing (TGT108)
        return (structure(fast) if fast is not None else None), "too deep"
    try:
        tree = lark_parser().parse(lexed)
        reference: Any = structure(Spec(tree.policy, tree.declarations, tuple(comments), tree.duplicates))
    except Exception as err:  # noqa: BLE001 - a syntax error (or a number too long) of the LALR parser
        reference = type(err).__name__
    return (structure(fast) if fast is not None else None), reference


def test_the_6_2_spec_takes_the_fast_path() -> None:
    fast, reference = both(SPEC_6_2.read_text(encoding="utf-8"))
    assert fast is not None, "descent gave up on spec/policy_6_2.tgt"
    assert fast == reference


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(ROOT / "tests" / "cases")))
def test_fixtures(path: Path) -> None:
    """Every fixture: the same tree, and no giving up on one the LALR parser reads (the odd corners are below)."""
    fast, reference = both(path.read_text(encoding="utf-8-sig", errors="replace"))
    if isinstance(reference, str):
        assert fast is None, "descent accepted a spec the LALR parser refuses"
    else:
        assert fast == reference


# valid specs where a plain lexer and Lark's contextual lexer read different tokens: descent gives up,
# and the LALR parser reads them (a keyword as a name, a year where a name fits, a keyword glued to a year)
CORNERS = [
    'policy "p" "t"\ntarget "a" "b" value(year) >= 1 by H18\n',
    'policy "p" "t" dueH18\n',
    'policy "p" "t"\nindicator H18 "x"\n',
    'policy "p" "t" method by\n',
    # (a digit of another script, `constant c = \u0663`, was a corner read by Lark's \\d: now refused by both, test_digits.py)
]


@pytest.mark.parametrize("text", CORNERS)
def test_corners_go_to_the_lalr_parser(text: str) -> None:
    fast, reference = both(text)
    assert fast is None
    assert not isinstance(reference, str), reference
    spec, diags = parse(text)
    assert spec is not None and not diags


# what only normalize reads: full-width digits, letters, operators, parentheses and spaces, full-width quotes
FULL_WIDTH = [
    'policy "p" "t"\ntarget "a" "b" value(x) ＞＝ １０ by Ｈ１８  ＃ コメント\n',
    'policy "p" "t"\u3000base H13\n',
    'policy ＂p＂ "t"\n',
    'policy "p＂ "t" # "x"\n',
    'policy "p" "t"\nconstant c = 1 − 2\n',
    'policy "p" "t"\nconstant c = （1）\n',
]


@pytest.mark.parametrize("text", FULL_WIDTH)
def test_full_width_is_read_after_normalize(text: str) -> None:
    fast, reference = both(text)
    assert not isinstance(reference, str), reference
    assert fast == reference


def test_gives_up_on_errors() -> None:
    for text in ['policy "p" "t"\ntarget "a" "b" value(x) >= by H18\n', 'policy "p" "t" $', 'policy "p" "t"\nconstant c = 1' + "0" * 200,
                 'policy "p" "t"\nconstant c = 1 +- 2\n', 'policy "p" "t"\ntarget "a" "b" value(x) +- 1 >= 2\n']:
        fast, reference = both(text)
        assert fast is None and isinstance(reference, str), text


def relaid(text: str, seed: int) -> str:
    """The same spec laid out differently: line breaks become spaces, blank lines, comments, tabs, CRLF."""
    rng = random.Random(seed)
    seps = ["\n", " ", "\n\n", "\t", "\r\n", "  # a comment\n", "\n   ", " \u3000"]
    lines = text.split("\n")
    return "".join(line + rng.choice(seps) for line in lines[:-1]) + lines[-1]


@settings(max_examples=int(os.environ.get("TGTCHECK_EXAMPLES", "300")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs, st.integers(0, 2**32))
def test_valid_specs_take_the_fast_path(spec: Spec, seed: int) -> None:
    text = relaid(format_spec(spec), seed)
    fast, reference = both(text)
    assert not isinstance(reference, str), (text, reference)
    assert fast is not None, f"descent gave up on a valid spec:\n{text}"
    assert fast == reference


@SETTINGS
@given(mutated_spec() | pieces().map(lambda s: 'policy "p" "t" ' + s))
def test_any_text_same_tree_or_gives_up(text: str) -> None:
    fast, reference = both(text)
    if fast is not None:
        assert fast == reference


def test_terminals_module_is_current() -> None:
    """terminals.py is what the grammar generates today (else the fast path would be off, or wrong)."""
    current = (ROOT / "src" / "tgtcheck" / "language" / "terminals.py").read_text(encoding="utf-8")
    assert current == terminals_source(), "grammar/tgt.lark changed: run `python -m tests.test_descent`"
    assert descent._scanner() is not None


if __name__ == "__main__":
    target = ROOT / "src" / "tgtcheck" / "language" / "terminals.py"
    target.write_text(terminals_source(), encoding="utf-8")
    print(f"wrote {target}")


def test_without_the_pattern_scanner(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a Python whose compiled patterns have no ``scanner``, the fast path matches token after token itself."""
    compile_ = descent.re.compile

    class NoScanner:
        def __init__(self, pattern: Any) -> None:
            self.pattern = pattern

        def __getattr__(self, name: str) -> Any:
            if name == "scanner":
                raise AttributeError(name)
            return getattr(self.pattern, name)

    monkeypatch.setattr(descent.re, "compile", lambda *args: NoScanner(compile_(*args)))
    descent._scanner.cache_clear()
    try:
        for text in [SPEC_6_2.read_text(encoding="utf-8"), 'policy "p" "t" $', 'policy "p" "t"\n# trailing comment']:
            fast, reference = both(text)
            assert fast == (None if isinstance(reference, str) else reference)
        assert both(SPEC_6_2.read_text(encoding="utf-8"))[0] is not None
    finally:
        monkeypatch.undo()
        descent._scanner.cache_clear()


def test_judging_clauses_take_the_fast_path() -> None:
    """`judge year`: the keyword `year` is the clause's word there, read by descent as Lark's contextual lexer reads it."""
    text = ('policy "p" "t" base 2010 due 2020 judge year years fiscal\nindicator x "x" better higher note "n"\n'
            'target "1" "t" increasing(x) better higher judge year\ntarget "2" "t" value(x) >= 1 by 2020 judge latest\n')
    fast, reference = both(text)
    assert fast is not None and fast == reference


# -- the error path: Lark reads only the pieces descent cannot ---------------------------------
def test_a_broken_declaration_leaves_lark_only_its_piece_and_the_next() -> None:
    targets = [f'target "{i}" "t" value(x) >= {i} by H18\n' for i in range(200)]
    targets[120] = 'target "120" "t" value(x) >= by H18\n'
    text = 'policy "p" "t" base H13 due H18\nindicator x "x"\n' + "".join(targets)
    read = descent.read(text)
    assert isinstance(read, descent.Partial)
    kept = [read.text[a:b] for a, b in read.keep]
    assert kept == ['policy "p" "t" base H13 due H18\n', targets[120] + targets[121]]
    assert len(read.declarations) == 1 + 200 - 2  # the indicator and every target but the broken one and the next
    spec, diags = parse(text, "x.tgt")
    assert spec is None and [(d.code, d.location.span.line, d.location.span.column) for d in diags] == [("TGT102", 123, 30)]


def test_a_valid_corner_among_fast_declarations_is_one_tree() -> None:
    """`value(year)`: descent gives up on that declaration alone; Lark's reading of it joins descent's of the rest."""
    text = ('policy "p" "t" base H13 due H18\nindicator x "x"\nindicator year "y"\n'
            'target "1" "t" value(x) >= 1 by H18\ntarget "2" "t" value(year) >= 2 by H18  # corner\n'
            'target "3" "t" value(x) >= 3 by H18\n')
    assert descent.parse(text) is None
    spec, diags = parse(text)
    lexed, comments, _ = normalize(text)
    reference = lark_parser().parse(lexed)
    assert diags == [] and spec is not None
    assert structure(spec) == structure(type(spec)(reference.policy, reference.declarations, tuple(comments), reference.duplicates))


def test_no_import_loop_and_no_lark_internals() -> None:
    """descent imports lexical, never parser; no module reads Lark's tables or builds on its private modules."""
    import ast

    source = ROOT / "src" / "tgtcheck"
    tree = ast.parse((source / "language" / "descent.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "parser" not in imported and "lexical" in imported
    assert not (source / "lalr.py").exists()
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for private in ("parse_table", "lalr_analysis", "parse_tree_builder", "parser_frontends", "ParseConf", "import Shift"):
            assert private not in text, f"{path.name} reaches into Lark: {private}"
