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
YEARS = [None, 1995, 2004, 2010]


def documents(spec: Path, as_of: int | None, lang: str) -> tuple[str, str, dict[str, Any]]:
    result = run(load(str(spec)), as_of)
    assert result is not None, spec
    opts = Options(lang=lang)
    doc = run_document(result, opts)
    return render_run(result, opts), json.dumps(doc, ensure_ascii=False, indent=2) + "\n", doc


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("as_of", YEARS)
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.parent.name)
def test_fast_text_is_json_dumps(spec: Path, as_of: int | None, lang: str) -> None:
    fast, reference, _ = documents(spec, as_of, lang)
    assert fast == reference


def test_the_fixtures_fill_every_field() -> None:
    """Each field of a target appears filled (not null, not empty) somewhere above, so each is compared."""
    filled: set[str] = set()
    for spec in SPECS:
        for as_of in YEARS:
            for target in documents(spec, as_of, "en")[2]["targets"]:
                filled.update(k for k, v in target.items() if v not in (None, [], False))
                for r in target["readings"]:
                    filled.update(f"readings.{k}" for k, v in r.items() if v is not None)
    fields = {"upper", "tolerance", "base_value", "goal", "expected", "broken_years", "readings", "missing", "undefined",
              "percent", "deadline", "base_year", "judged_year", "actual", "threshold",
              "readings.value", "readings.marker", "readings.note"}
    assert fields <= filled, fields - filled
