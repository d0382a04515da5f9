"""The JSON run document written fast (json_targets) is ``json.dumps`` of its dict definition, byte for byte.

Every run fixture, the rule fixture of `explain` and the 6-2 spec, in both
languages and several evaluation years, so every rule and every field of a
target (empty and filled) is written both ways.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tgtcheck.formats import Options
from tgtcheck.formats.json_format import render_run, run_document
from tgtcheck.pipeline import load, run

from .conftest import ROOT, SPEC_6_2

SPECS = [SPEC_6_2, ROOT / "tests" / "cases" / "explain" / "rules" / "spec.tgt", *sorted((ROOT / "tests" / "cases" / "run").glob("*/spec.tgt"))]
# None: the data's latest year; "base": the policy's base year (nothing progressed yet); 2004 and 2010: years
# inside, and after, the data of most specs (an as-of year before a spec's base year is TGT402: skipped there)
YEARS: list[int | str | None] = [None, "base", 2004, 2010]


def documents(spec: Path, as_of: int | str | None, lang: str) -> tuple[str, str, dict[str, Any]] | None:
    """The fast text, json.dumps of the document, and the document; None when the as-of year is before the base year."""
    loaded = load(str(spec))
    if as_of == "base":
        assert loaded.spec is not None and loaded.spec.policy.base is not None
        as_of = loaded.spec.policy.base.value
    assert not isinstance(as_of, str)
    result = run(loaded, as_of)
    if result is None and any(d.code == "TGT402" for d in loaded.diagnostics):
        return None
    assert result is not None, spec
    opts = Options(lang=lang)
    doc = run_document(result, opts)
    return render_run(result, opts), json.dumps(doc, ensure_ascii=False, indent=2) + "\n", doc


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("as_of", YEARS)
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.parent.name)
def test_fast_text_is_json_dumps(spec: Path, as_of: int | str | None, lang: str) -> None:
    docs = documents(spec, as_of, lang)
    if docs is None:
        pytest.skip(f"{as_of} is before the base year of {spec}")
    fast, reference, _ = docs
    assert fast == reference


def test_the_fixtures_fill_every_field() -> None:
    """Each field of a target appears filled (not null, not empty) somewhere above, so each is compared."""
    filled: set[str] = set()
    for spec in SPECS:
        for as_of in YEARS:
            docs = documents(spec, as_of, "en")
            for target in docs[2]["targets"] if docs is not None else []:
                filled.update(k for k, v in target.items() if v not in (None, [], False))
                for r in target["readings"]:
                    filled.update(f"readings.{k}" for k, v in r.items() if v is not None)
    fields = {"upper", "tolerance", "base_value", "goal", "expected", "broken_years", "readings", "missing", "undefined",
              "percent", "deadline", "base_year", "judged_year", "actual", "threshold", "value_year", "direction", "later",
              "milestone", "grade", "projection", "achievement", "progress",
              "readings.value", "readings.marker", "readings.note"}
    assert fields <= filled, fields - filled
