"""Evaluation cases as data: tests/cases/run/<name>/{spec.tgt, data.yaml, expected.yaml}.

expected.yaml gives the as-of year (optional), the status of every target,
optionally the rule that chose some of them, the year of the value each
rests on (``value_years``), the grade a rating method gave (``grades``), the grade on the rating scale (``ratings``, with the
value banded: ``rating_values``), the policy's judgement (``assessment``, with words of its text:
``assessment_words``), words its explanation must contain in English
and Japanese (``explain: {id: {en: [...], ja: [...]}}``), and the exit code
of `tgtcheck run`.  Each case runs through the library and once through the
installed command, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tgtcheck.core.years import parse_year
from tgtcheck.judging.json_numbers import exact
from tgtcheck.judging.wording import explanation
from tgtcheck.pipeline import load, run

from .conftest import run_cli

CASES = sorted(p for p in (Path(__file__).parent / "cases" / "run").iterdir() if p.is_dir())


def expected_of(case: Path) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_statuses(case: Path) -> None:
    exp = expected_of(case)
    as_of = parse_year(str(exp["as_of"])).value if "as_of" in exp else None  # type: ignore[union-attr]
    loaded = load(str(case / "spec.tgt"))
    assert loaded.ok, [d.message for d in loaded.diagnostics]
    result = run(loaded, as_of)
    assert result is not None
    got = {v.target.id: v.status.value for v in result.verdicts}
    assert got == exp["statuses"]
    rules = {v.target.id: v.rule for v in result.verdicts}
    for tid, rule in (exp.get("rules") or {}).items():
        assert rules[tid] == rule, tid
    value_years = {v.target.id: v.value_year for v in result.verdicts}
    for tid, year in (exp.get("value_years") or {}).items():
        assert value_years[tid] == (parse_year(str(year)).value if year is not None else None), tid  # type: ignore[union-attr]
    grades = {v.target.id: v.grade for v in result.verdicts}
    for tid, grade in (exp.get("grades") or {}).items():
        assert grades[tid] == grade, tid
    ratings = {v.target.id: (v.rating.grade if v.rating is not None else None) for v in result.verdicts}
    for tid, grade in (exp.get("ratings") or {}).items():  # the grade on the rating scale (`rated on`)
        assert ratings[tid] == grade, tid
    values = {v.target.id: (exact(v.rating.value, True) if v.rating is not None else None) for v in result.verdicts}
    for tid, value in (exp.get("rating_values") or {}).items():  # the measure's value that fell in the band, in percent
        assert values[tid] == value, tid
    if "assessment" in exp:  # the policy's judgement (its roll-up)
        assert result.assessment.key == exp["assessment"]
    for lang, words in (exp.get("assessment_words") or {}).items():
        for w in words:
            assert w in result.assessment.word(lang) + " " + result.assessment.rule(lang), (lang, w)
    by_id = {v.target.id: v for v in result.verdicts}
    for tid, status in (exp.get("recorded") or {}).items():  # the recorded judgement that applies, beside the rule's
        got_recorded = by_id[tid].recorded
        assert (got_recorded.status.value if got_recorded else None) == status, tid
    for tid, differs in (exp.get("differs") or {}).items():
        got_recorded = by_id[tid].recorded
        assert got_recorded is not None and got_recorded.differs is differs, tid
    for tid, want in (exp.get("breakdowns") or {}).items():  # a breakdown target: its count per status, and which keys
        b = by_id[tid].breakdown
        assert b is not None, tid
        assert {k: n for k, n in b.counts().items() if n} == want["counts"], tid
        for status, keys in want.items():
            if status != "counts":
                assert sorted(k for k, v in b.keys if v.status.value == status or (status == "met" and v.status.value == "exceeded")) \
                    == sorted(keys), (tid, status)
    for tid, langs in (exp.get("explain") or {}).items():
        for lang, words in langs.items():
            text = explanation(by_id[tid], lang)
            for w in words:
                assert w in text, (tid, lang, w, text)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli_agrees(case: Path) -> None:
    exp = expected_of(case)
    args = ["run", str(case / "spec.tgt"), "--format", "json"]
    if "as_of" in exp:
        args += ["--as-of", str(exp["as_of"])]
    proc = run_cli(*args)
    assert proc.returncode == exp["exit"], proc.stderr
    doc = json.loads(proc.stdout)
    assert {t["id"]: t["status"] for t in doc["targets"]} == exp["statuses"]
    assert sum(doc["summary"].values()) == len(exp["statuses"])
    for tid, status in (exp.get("recorded") or {}).items():
        recorded = next(t["recorded"] for t in doc["targets"] if t["id"] == tid)
        assert (recorded["status"] if recorded else None) == status, tid
    for t in doc["targets"]:
        if t["id"] in (exp.get("ratings") or {}):
            assert (t["rating"]["grade"] if t["rating"] else None) == exp["ratings"][t["id"]], t["id"]
    if "assessment" in exp:
        assert doc["assessment"]["key"] == exp["assessment"]
    assert "Traceback" not in proc.stderr
