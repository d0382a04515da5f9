"""The grammar itself: one file, LALR, conflict-free, and the design card's examples parse."""

from __future__ import annotations

from fractions import Fraction

import pytest
from lark import Lark

from tgtcheck.language.nodes import Call, Compare, Deadline, Number, Ref, Year
from tgtcheck.language.parser import grammar_path, grammar_text, parse

from .conftest import ROOT


def test_grammar_builds_strict_lalr() -> None:
    # strict=True turns any shift/reduce or terminal collision into an error
    Lark(grammar_text(), parser="lalr", lexer="contextual", strict=True, keep_all_tokens=True, maybe_placeholders=True)


def test_one_grammar_file_is_shipped() -> None:
    assert grammar_path().resolve() == (ROOT / "grammar" / "tgt.lark").resolve()


def _target_condition(source: str):  # type: ignore[no-untyped-def]
    spec, diags = parse('policy "p" "t" base H13 due H18\n' + source)
    assert diags == []
    assert spec is not None
    return spec.targets[0]


def test_design_card_examples_parse_as_written() -> None:
    t = _target_condition('target "1" "t" count(cluster_hubs) >= 10 by H18')
    assert t.condition == Compare(Call("count", (Ref("cluster_hubs"),)), ">=", Number(Fraction(10)))
    assert t.schedule == Deadline(Year(2006))
    t = _target_condition('target "2" "t" growth(patents, H13) >= 30% by H18')
    assert t.condition == Compare(Call("growth", (Ref("patents"), Year(2001))), ">=", Number(Fraction(30), percent=True))


@pytest.mark.parametrize(
    "a, b",
    [
        ("value(x) >= 1,000", "value(x) >= 1000"),
        ("value(x) >= 30%", "value(x) >= 3割"),
        ("value(x) >= 30% by H18", "value(x) >= 30% by 2006"),
        ("value(x) >= 30% by H18", "value(x) >= 30% by FY2006"),
        ("value(x) ≧ ３０％ by Ｈ１８", "value(x) >= 30% by H18"),
        ("value(x) ＞＝ 1", "value(x) >= 1"),
        ("value(x) >= 1 by R元", "value(x) >= 1 by H31"),
        ("value(x)\n   >=\n 1", "value(x) >= 1"),
        ("value(x) >= about 10 +- 1", "value(x) >= about 10 ± 1"),
        ("value(x) >= 10 ± 1", "value(x) >= about 10 ± 1"),  # a tolerance alone also means about
        ("value(x) >= 1 + 2 * 3", "value(x) >= 1 + (2 * 3)"),
    ],
)
def test_same_meaning_same_tree(a: str, b: str) -> None:
    assert _target_condition(f'target "1" "t" {a}') == _target_condition(f'target "1" "t" {b}')


def test_precedence_and_associativity() -> None:
    t = _target_condition('target "1" "t" value(x) >= 10 - 2 - 3 * 2')
    # (10 - 2) - (3 * 2) = 2
    from tgtcheck.judging.evaluate import fold_constant

    assert fold_constant(t.condition.right, {}) == 2


def test_positions_are_those_of_the_file_with_full_width_text() -> None:
    src = 'policy "p" "施策" base H13 due H18\ntarget "1" "全角の題名" value(ｘｘ) >= １０ by H18\n'
    spec, diags = parse(src)
    assert spec is not None
    ref = spec.targets[0].condition.left.args[0]
    assert ref.name == "xx"
    line = src.splitlines()[1]
    assert line[ref.span.column - 1 : ref.span.end_column - 1] == "ｘｘ"


def test_comments_are_collected_with_positions() -> None:
    spec, _ = parse('# head\npolicy "p" "t" base H13 due H18 # tail\n# 日本語のコメント\n')
    assert spec is not None
    assert [(c.text, c.span.line) for c in spec.comments] == [("# head", 1), ("# tail", 2), ("# 日本語のコメント", 3)]


def test_japanese_brackets_are_strings_and_titles_keep_full_width() -> None:
    spec, diags = parse('policy "6-2" 「地域における科学技術振興」 base H13 due H18\ntarget "1" "１０拠点" value(x) >= 1')
    assert diags == [] and spec is not None
    assert spec.policy.title == "地域における科学技術振興"
    assert spec.targets[0].title == "１０拠点"  # full-width inside strings is kept as written


def test_judging_clauses_fill_their_fields() -> None:
    spec, diags = parse('policy "p" "t" base 2010 due 2020 judge latest years calendar\n'
                        'indicator wait "w" unit "日" better lower\n'
                        'target "1" "t" value(wait) <= 30 by 2020 better within judge year\n')
    assert diags == [] and spec is not None
    assert (spec.policy.judge, spec.policy.years) == ("latest", "calendar")
    assert spec.indicators[0].better == "lower"
    assert (spec.targets[0].better, spec.targets[0].judge) == ("within", "year")
    t = _target_condition('target "1" "t" value(x) >= 1')
    assert (t.better, t.judge) == (None, None)


def test_judging_clause_given_twice_is_kept_for_the_checker() -> None:
    spec, _ = parse('policy "p" "t" base H13 due H18\ntarget "1" "t" value(x) >= 1 judge year judge latest\n')
    assert spec is not None and spec.targets[0].judge == "year"
    assert [(name, span.column) for name, span in spec.duplicates] == [("judge", 41)]
