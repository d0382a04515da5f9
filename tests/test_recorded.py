"""Recorded judgements (`judged STATUS in YEAR by "WHO" because "WHY"`) through the commands a user runs.

The statuses, the policy's judgement and the JSON are cases as data
(tests/cases/run/recorded_judgement, tests/cases/check/judged*.tgt,
tests/cases/fmt/recorded_judgement, tests/cases/diff/unit); here: what `run`,
`explain` and `diff` print in both languages, the exit code, `--fail-on`, and
the target-by-target path (``run_pieces``) agreeing with ``run``.
"""

from __future__ import annotations

import json
from pathlib import Path

from tgtcheck.core.years import parse_year
from tgtcheck.formats import Options
from tgtcheck.formats.json_format import target_piece
from tgtcheck.pipeline import load, run, run_pieces

from .conftest import run_cli

CASE = Path(__file__).parent / "cases" / "run" / "recorded_judgement"
SPEC = CASE / "spec.tgt"


def test_run_shows_both_statuses_and_says_the_judgement_counts_the_recorded_one() -> None:
    en = run_cli("run", str(SPEC), "--lang", "en").stdout
    assert "recorded judgement for R5 (2023): met (by 評価担当課: \"当初の目的は達成されている\"); by the rule: not met — differs from the rule" in en
    assert "note: counts 2 recorded judgements instead of the rule's status (1 differs from the rule)" in en
    ja = run_cli("run", str(SPEC), "--lang", "ja").stdout
    assert ("記録された判断（令和5年度）：達成（判断者：評価担当課、理由：「当初の目的は達成されている」）。"
            "規則による判定：未達成（規則による判定と異なる）") in ja
    assert "※記録された判断を用いた（2件、うち規則による判定と異なるもの1件）" in ja


def test_exit_code_follows_the_recorded_status(tmp_path: Path) -> None:
    # "other_year" is not_met by the rule and has no judgement for R5: exit 1
    assert run_cli("run", str(SPEC)).returncode == 1
    # recorded as met for R5, the only failing target passes: exit 0
    spec = tmp_path / "spec.tgt"
    spec.write_text(SPEC.read_text(encoding="utf-8").replace("judged met in R4", "judged met in R5"), encoding="utf-8")
    (tmp_path / "data.yaml").write_text((CASE / "data.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("run", str(spec)).returncode == 0
    # a judgement of behind makes a met target fail, as the rule's behind would
    spec.write_text(SPEC.read_text(encoding="utf-8").replace('judged met in R5 by "評価担当課" because "目標値を上回った"',
                                                            'judged behind in R5 by "評価担当課" because "質が伴わない"'),
                    encoding="utf-8")
    proc = run_cli("run", str(spec), "--fail-on", "behind")
    assert proc.returncode == 1, proc.stdout


def test_explain_has_a_section_for_the_recorded_judgement() -> None:
    en = run_cli("explain", str(SPEC), "judged", "--lang", "en").stdout
    assert "recorded judgement (R5 (2023)): met" in en and "by the rule: not met — differs from the rule" in en
    assert "reason: 当初の目的は達成されている" in en
    ja = run_cli("explain", str(SPEC), "judged", "--lang", "ja").stdout
    assert "記録された判断（令和5年度）: 達成" in ja and "規則による判定: 未達成 — 規則による判定と異なる" in ja
    doc = json.loads(run_cli("explain", str(SPEC), "judged", "--format", "json").stdout)
    target = doc["targets"][0] if "targets" in doc else doc
    assert target["recorded"]["differs"] is True and target["recorded"]["mechanical"] == "not_met"
    other = run_cli("explain", str(SPEC), "other_year", "--lang", "en").stdout
    assert "recorded judgement" not in other  # its judgement is for R4: not used as of R5


def test_diff_names_a_changed_judgement_in_words(tmp_path: Path) -> None:
    new = tmp_path / "spec.tgt"
    new.write_text(SPEC.read_text(encoding="utf-8").replace('judged met in R5 by "評価担当課" because "当初の目的は達成されている"',
                                                           'judged not_met in R5 by "評価担当課" because "目標値に届かなかった"'),
                   encoding="utf-8")
    ja = run_cli("diff", str(SPEC), str(new), "--lang", "ja").stdout
    assert "記録された判断: met in R5 by \"評価担当課\" because \"当初の目的は達成されている\"" in ja
    assert "→ not_met in R5 by \"評価担当課\" because \"目標値に届かなかった\"" in ja


def test_target_by_target_path_counts_as_run_does() -> None:
    loaded = load(str(SPEC))
    as_of = parse_year("R5").value  # type: ignore[union-attr]
    whole = run(loaded, as_of)
    pieces = run_pieces(load(str(SPEC)), as_of, lambda v: target_piece(v, Options(), str(SPEC)))
    assert whole is not None and pieces is not None
    assert pieces.assessment == whole.assessment
    assert pieces.statuses == [v.recorded.status if v.recorded else v.status for v in whole.verdicts]


def test_the_rule_status_is_untouched() -> None:
    loaded = load(str(SPEC))
    result = run(loaded, parse_year("R5").value)  # type: ignore[union-attr]
    assert result is not None
    v = next(v for v in result.verdicts if v.target.id == "judged")
    assert (v.status.value, v.rule) == ("not_met", "not_met.deadline_reached")
    assert v.recorded is not None and (v.recorded.status.value, v.recorded.by, v.recorded.because) == \
        ("met", "評価担当課", "当初の目的は達成されている")
