"""Rating scales and roll-ups: the rules under the data cases (tests/cases/run/scale_*, rollup_*).

- the shipped scales are the texts docs/language.md shows, and they pass the checker;
- a better value never gives a worse grade (hypothesis), on every shipped scale and a local one,
  for targets whose value should rise and fall;
- a value exactly on a band's edge falls in the band whose limit includes it;
- `rollup score` rounds the mean to the nearest score, a halfway mean to the lower;
- `explain` shows the measure and the band; the language server completes the new words;
- fmt round-trips every construct (parse(fmt(x)) == parse(x), fmt(fmt(x)) == fmt(x)).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tgtcheck.analysis.check import check
from tgtcheck.data.dataset import Cell, Dataset, Series
from tgtcheck.judging.derivation import derive, render_text
from tgtcheck.judging.evaluate import evaluate
from tgtcheck.judging.rollup import nearest
from tgtcheck.judging.scales import SHIPPED_TEXT, interval, shipped
from tgtcheck.language.formatter import format_text
from tgtcheck.language.nodes import Spec
from tgtcheck.language.parser import parse

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE_DOC = ROOT / "docs" / "language.md"

LOCAL = """\
scale local "達成率による評価" "rating by achievement ratio"
  grade A "目標達成" "target met" when achievement >= 100% score 3
  grade B "概ね達成" "mostly met" when achievement >= 80% and < 100% score 2
  grade C "やや遅れ" "somewhat behind" when achievement >= 60% and < 80% score 1
  grade D "遅れ" "behind" when achievement < 60% score 0
"""


def spec_of(text: str) -> Spec:
    spec, diags = parse(text)
    assert spec is not None, [d.message for d in diags]
    return spec


@pytest.mark.parametrize("name", sorted(SHIPPED_TEXT))
def test_shipped_scale_is_documented_verbatim_and_clean(name: str) -> None:
    assert SHIPPED_TEXT[name] in LANGUAGE_DOC.read_text(encoding="utf-8"), f"docs/language.md does not show the {name} scale as shipped"
    spec = spec_of(f'policy "S" "s" base R1 due R5 rated on {name} rollup score\nindicator x "x"\n'
                   f'target "1" "t" value(x) >= 10 by R5\n')
    assert check(spec, "s.tgt") == []
    scale = shipped(name)
    assert scale is not None and all(not isinstance(interval(g), str) for g in scale.grades)


def _grade_rank(scale_line: str, base: Fraction, target: Fraction, actual: Fraction, lower: bool) -> int | None:
    op = "<=" if lower else ">="
    text = (f'policy "P" "p" base R1 due R5 rated on {scale_line}\nindicator x "x"\n'
            + (LOCAL if scale_line == "local" else "")
            + f'target "t" "t" value(x) {op} {target} by R5\n')
    spec = spec_of(text)
    data = Dataset("d.yaml", {"x": Series("x", {2019: Cell(2019, base), 2021: Cell(2021, actual)})})
    v = evaluate(spec, data, 2021)[0]
    return v.rating.rank if v.rating is not None else None


values = st.integers(min_value=-200, max_value=400).map(Fraction)


@settings(max_examples=150, deadline=None)
@given(scale=st.sampled_from(["local", *sorted(SHIPPED_TEXT)]), lower=st.booleans(),
       target=st.integers(min_value=1, max_value=300).map(Fraction), a=values, b=values)
def test_a_better_value_never_gets_a_worse_grade(scale: str, lower: bool, target: Fraction, a: Fraction, b: Fraction) -> None:
    """Of two values, the better (higher, or lower for a target that should fall) has a grade no worse (rank no larger)."""
    base = target + 100 if lower else Fraction(0)  # the base year has the target still to reach
    worse, better = (max(a, b), min(a, b)) if lower else (min(a, b), max(a, b))
    if lower and (worse <= 0 or better <= 0):
        return  # a ratio of a target that should fall divides by the actual: positive values only
    if worse < 0 and scale in ("local",):
        return  # an achievement ratio is of amounts: a negative value has none, so it is not graded on one
    r_worse, r_better = _grade_rank(scale, base, target, worse, lower), _grade_rank(scale, base, target, better, lower)
    assert r_worse is not None and r_better is not None
    assert r_better <= r_worse, (worse, better)


@pytest.mark.parametrize(("actual", "grade"), [(100, 0), (99, 1), (80, 1), (79, 2), (60, 2), (59, 3), (0, 3)])
def test_band_edges(actual: int, grade: int) -> None:
    """An achievement exactly on an edge is in the band whose `>=` includes it."""
    assert _grade_rank("local", Fraction(0), Fraction(100), Fraction(actual), False) == grade


@pytest.mark.parametrize(("scores", "mean_grade"), [((3, 2), "B"), ((3, 3, 2, 0), "B"), ((3, 0), "C"), ((2, 1), "C"), ((1, 0), "D")])
def test_mean_score_rounds_to_the_nearest_and_halfway_down(scores: tuple[int, ...], mean_grade: str) -> None:
    scale = spec_of(f'policy "P" "p"\n{LOCAL}').scales[0]
    assert nearest(scale, Fraction(sum(scores), len(scores))) == mean_grade


def test_explain_names_the_measure_and_the_band() -> None:
    spec = spec_of('policy "P" "p" base R1 due R5 rated on eurostat\nindicator x "x"\ntarget "t" "t" value(x) >= 100 by R5\n')
    data = Dataset("d.yaml", {"x": Series("x", {2019: Cell(2019, Fraction(0)), 2021: Cell(2021, Fraction(30))})})
    v = evaluate(spec, data, 2021)[0]
    text = render_text(derive(v, spec, data))
    assert "pace ratio = 60% (progress ratio 30% ÷ share of the period elapsed (R3 − R1) ÷ (R5 − R1) = 0.5)" in text
    assert ">= 60% and < 95% holds: grade moderate_progress (moderate progress towards the target), score 2" in text
    ja = render_text(derive(v, spec, data), "ja")
    assert "区分 moderate_progress「目標に向けて緩やかに進展」" in ja


EVERY_CONSTRUCT = f"""\
policy "P" "p" base R1 due R5 data "d.yaml" rated on local rollup main
indicator x "x"

{LOCAL}  grade E "評価困難" "cannot be rated" when status pending, insufficient_data

target "1" "t" value(x) >= 10 by R5 主要
target "2" "t" value(x) >= 10 by R5 main base R2
"""


def test_fmt_round_trips_every_construct() -> None:
    once, diags = format_text(EVERY_CONSTRUCT)
    assert once is not None, diags
    assert spec_of(once) == spec_of(EVERY_CONSTRUCT)
    assert format_text(once)[0] == once


def test_language_server_completes_the_new_words() -> None:
    from tgtcheck.editor.lsp.analysis import analyse
    from tgtcheck.editor.lsp.features import completions

    labels = {item.label for item in completions(analyse(EVERY_CONSTRUCT, "/tmp/x.tgt", with_data=False))}
    assert {"rated", "rollup", "main", "主要", "scale", "grade", "when", "score"} <= labels
    assert {"eurostat", "mic", "local", "achievement", "progress", "pace", "status", "insufficient_data", "sheet"} <= labels


def test_hover_shows_the_grade() -> None:
    from lsprotocol import types

    from tgtcheck.editor.lsp.analysis import analyse
    from tgtcheck.editor.lsp.features import hover

    case = ROOT / "tests" / "cases" / "run" / "scale_local_bands" / "spec.tgt"
    text = case.read_text(encoding="utf-8")
    line = next(n for n, s in enumerate(text.split("\n")) if s.startswith('target "on_80"'))
    shown = hover(analyse(text, str(case)), line, 9, lang="en")
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "rating: mostly met (achievement ratio 80%: >= 80% and < 100%)" in shown.contents.value


@pytest.mark.parametrize("case", ["rollup_main", "rollup_score_halfway", "scale_eurostat_pace"])
def test_a_run_written_target_by_target_rolls_up_the_same(case: str) -> None:
    """`run --format json` on a large spec writes each target as it is judged (pipeline.run_pieces): same judgement."""
    from tgtcheck.formats.json_targets import target_text
    from tgtcheck.pipeline import load, run, run_pieces

    loaded = load(str(ROOT / "tests" / "cases" / "run" / case / "spec.tgt"))
    whole = run(loaded, 2021)
    pieces = run_pieces(loaded, 2021, lambda v: target_text(v, "en", "s.tgt"))
    assert whole is not None and pieces is not None
    assert pieces.assessment == whole.assessment
    assert pieces.pieces == [target_text(v, "en", "s.tgt") for v in whole.verdicts]


def test_no_achievement_ratio_of_a_negative_target_or_value() -> None:
    """A fall written as a negative target (`change(x, BASE) <= -10`) has no achievement ratio: dividing two negative
    numbers would grade a fall of 20 (met) D and a fall of 5 (not met) A (a new user's trial). It is not graded on an
    achievement scale; a progress scale grades it the right way round."""
    def grade(scale: str, actual: int) -> str | None:
        text = (f'policy "P" "p" base R1 due R5 rated on {scale}\nindicator x "x"\n' + (LOCAL if scale == "local" else "")
                + 'target "t" "t" change(x, R1) <= -10 by R5\n')
        data = Dataset("d.yaml", {"x": Series("x", {2019: Cell(2019, Fraction(100)), 2023: Cell(2023, Fraction(actual))})})
        v = evaluate(spec_of(text), data, 2023)[0]
        assert v.achievement is None
        return v.rating.grade if v.rating is not None else None

    assert grade("local", 80) is None and grade("local", 95) is None  # a fall of 20 (met) and of 5 (not met): no ratio
    assert grade("mic", 80) in ("exceeded", "achieved") and grade("mic", 95) == "considerable"  # progress 200 % and 50 %


def test_a_falling_targets_grade_is_not_called_its_achievement_ratio() -> None:
    """`<= 50` with 62.5 has an achievement ratio of 125 % (actual ÷ target) and is graded on 80 % (target ÷ actual):
    the grade's line names its figure otherwise, so the two never read as two different 達成率 (a new user's trial)."""
    from tgtcheck.judging.wording import rating_text

    text = (f'policy "P" "p" base R1 due R5 rated on local\nindicator x "x"\n{LOCAL}'
            'target "t" "t" value(x) <= 50 by R5\n')
    data = Dataset("d.yaml", {"x": Series("x", {2019: Cell(2019, Fraction(80)), 2021: Cell(2021, Fraction(125, 2))})})
    v = evaluate(spec_of(text), data, 2021)[0]
    assert v.achievement == Fraction(5, 4) and v.rating is not None and v.rating.value == Fraction(4, 5)
    assert "達成度（目標÷実績、少ないほどよい）80%" in rating_text(v, "ja") and "達成率" not in rating_text(v, "ja")
    assert "achievement (target ÷ actual, fewer is better) 80%" in rating_text(v, "en")
