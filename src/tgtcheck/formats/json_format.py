"""Machine-readable output of `tgtcheck run` / `check` (shape: schema/run.schema.json).

Exact numbers are strings: a finite decimal as such ("48.8"), any other
fraction as "numerator/denominator" ("5264/4029"); percents are given as
the percent number ("30" for 30%) with ``"percent": true``.  Keys come in a
fixed order, so the output of one input is byte-for-byte the same.
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from .. import __version__
from ..dataset import Marker
from ..diagnostics import Diagnostic
from ..evaluate import Verdict
from ..pipeline import RunResult
from ..wording import explanation, status_word
from ..years import era_label
from . import Options


def exact(value: Fraction | None, percent: bool = False) -> str | None:
    if value is None:
        return None
    v = value * 100 if percent else value
    if v.denominator == 1:
        return str(v.numerator)
    den = v.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    if den == 1:
        from ..printer import number_text

        return number_text(v)
    return f"{v.numerator}/{v.denominator}"


def year(y: int | None) -> dict[str, Any] | None:
    return None if y is None else {"year": y, "label": era_label(y)}


def diagnostic(d: Diagnostic) -> dict[str, Any]:
    s = d.location.span
    return {
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "file": d.location.file,
        "line": s.line if s else None,
        "column": s.column if s else None,
        "end_line": s.end_line if s else None,
        "end_column": s.end_column if s else None,
        "path": d.location.path,
        "help": d.help,
        "related": [{"file": r.file, "line": r.span.line if r.span else None, "path": r.path} for r in d.related],
    }


def verdict(v: Verdict, lang: str, spec_file: str) -> dict[str, Any]:
    t = v.target
    return {
        "id": t.id,
        "title": t.title,
        "status": v.status.value,
        "status_text": status_word(v.status, lang),
        "explanation": explanation(v, lang),
        "rule": v.rule,
        "file": spec_file,
        "line": t.span.line,
        "method": v.method,
        "percent": v.percent,
        "judged_year": year(v.judged_year),
        "deadline": year(v.deadline),
        "base_year": year(v.base_year),
        "actual": exact(v.actual, v.percent),
        "threshold": exact(v.threshold, v.percent),
        "upper": exact(v.upper, v.percent),
        "tolerance": exact(v.tolerance, v.percent),
        "base_value": exact(v.base_value, v.percent),
        "goal": exact(v.goal, v.percent),
        "expected": exact(v.expected, v.percent),
        "broken_years": [year(b) for b in v.broken_years],
        "readings": [
            {"indicator": r.indicator, "year": year(r.year),
             "value": exact(r.value) if isinstance(r.value, Fraction) else None,
             "marker": (r.value.value if isinstance(r.value, Marker) else "missing" if r.value is None else None),
             "note": r.note}
            for r in v.readings
        ],
        "missing": [{"indicator": r.indicator, "year": year(r.year),
                     "marker": r.value.value if isinstance(r.value, Marker) else "missing"} for r in v.missing],
        "undefined": list(v.undefined),
    }


def run_document(result: RunResult, opts: Options) -> dict[str, Any]:
    spec, loaded = result.spec, result.loaded
    p = spec.policy
    return {
        "tool": {"name": "tgtcheck", "version": __version__},
        "spec": loaded.spec_file,
        "data": loaded.data_file,
        "lang": opts.lang,
        "as_of": result.as_of,
        "as_of_label": era_label(result.as_of),
        "policy": {
            "id": p.id, "title": p.title, "goal": p.goal,
            "base_year": year(p.base.value if p.base else None),
            "due_year": year(p.due.value if p.due else None),
        },
        "assessment": {"key": result.assessment.key, "text": result.assessment.word(opts.lang),
                       "rule": result.assessment.rule(opts.lang)},
        "targets": [verdict(v, opts.lang, loaded.spec_file) for v in result.verdicts],
        "summary": result.assessment.counts,
        "diagnostics": [diagnostic(d) for d in loaded.diagnostics],
    }


def render_run(result: RunResult, opts: Options) -> str:
    return json.dumps(run_document(result, opts), ensure_ascii=False, indent=2) + "\n"


def render_diagnostics(diags: list[Diagnostic], sources: dict[str, list[str]], opts: Options) -> str:
    errors = sum(1 for d in diags if d.is_error)
    doc = {"tool": {"name": "tgtcheck", "version": __version__},
           "diagnostics": [diagnostic(d) for d in diags],
           "summary": {"errors": errors, "warnings": len(diags) - errors}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
