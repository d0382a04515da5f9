"""Machine-readable output of `tgtcheck run` / `check`.

Shapes: ``schema/run.schema.json`` and ``schema/check.schema.json``, shipped
in the package; the tests validate every document against them.  Every
document starts with ``tool`` and ``kind`` ("run" or "check").  A run that
could not evaluate (an invalid spec or data) is still a run document, with
``"ok": false``, no targets and the diagnostics that stopped it, so a CI
step always gets one shape to read.

Exact numbers are strings: a finite decimal as such ("48.8"), any other
fraction as "numerator/denominator" ("5264/4029"); percents are given as
the percent number ("30" for 30%) with ``"percent": true``.  Keys come in a
fixed order, so the output of one input is byte-for-byte the same.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core.diagnostics import CODES, Diagnostic, Location
from ..data.dataset import Marker
from ..judging.assessment import Assessment
from ..judging.evaluate import Verdict
from ..judging.json_numbers import exact, year, year_label
from ..judging.json_parts import breakdown, rating
from ..judging.wording import explanation, status_word
from ..pipeline import Loaded, PiecesResult, RunResult
from . import Options

if TYPE_CHECKING:
    from ..pipeline.portfolio import Portfolio


def location(loc: Location) -> dict[str, Any]:
    s = loc.span
    return {
        "file": loc.file,
        "line": s.line if s else None,
        "column": s.column if s else None,
        "end_line": s.end_line if s else None,
        "end_column": s.end_column if s else None,
        "path": loc.path,
    }


def diagnostic(d: Diagnostic) -> dict[str, Any]:
    code = CODES.get(d.code)
    return {
        "code": d.code,
        "title": code.title if code else None,
        "severity": d.severity.value,
        "message": d.message,
        **location(d.location),
        "help": d.help,
        "related": [location(r) for r in d.related],
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
        "direction": v.direction,
        "percent": v.percent,
        "judged_year": year(v.judged_year),
        "value_year": year(v.value_year),
        "deadline": year(v.deadline),
        "base_year": year(v.base_year),
        "actual": exact(v.actual, v.percent),
        "threshold": exact(v.threshold, v.percent),
        "upper": exact(v.upper, v.percent),
        "tolerance": exact(v.tolerance, v.percent),
        "base_value": exact(v.base_value, v.percent),
        "goal": exact(v.goal, v.percent),
        "expected": exact(v.expected, v.percent),
        "projection": exact(v.projection, v.percent),
        "achievement": exact(v.achievement, True),
        "progress": exact(v.progress, True),
        "grade": v.grade,
        "milestone": None if v.milestone is None else {"year": year(v.milestone[0]), "value": exact(v.milestone[1], v.percent)},
        "main": t.main,
        "rating": rating(v.rating, lang),
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
        "undefined": [u.en for u in v.undefined],
        "later": [year(y) for y in v.later],
        "recorded": None if v.recorded is None else {
            "status": v.recorded.status.value, "status_text": status_word(v.recorded.status, lang),
            "year": year(v.recorded.year), "by": v.recorded.by, "because": v.recorded.because,
            "mechanical": v.recorded.mechanical.value, "differs": v.recorded.differs,
        },
        "breakdown": breakdown(v, lang),
    }


def _rollup(a: Assessment, lang: str) -> dict[str, Any]:
    """How the judgement was reached (`rollup`): the number of main targets, or the mean score and its grade."""
    return {"rollup": a.rollup, "main_targets": a.over, "mean_score": exact(a.mean), "scored": a.graded if a.rollup == "score" else None,
            "rating": rating(a.rating, lang)}


def _tool() -> dict[str, Any]:
    return {"name": "tgtcheck", "version": __version__}


def _policy(loaded: Loaded) -> dict[str, Any] | None:
    if loaded.spec is None:
        return None
    p = loaded.spec.policy
    return {
        "id": p.id, "title": p.title, "goal": p.goal,
        "base_year": year(p.base.value if p.base else None),
        "due_year": year(p.due.value if p.due else None),
    }


def run_document(result: RunResult, opts: Options) -> dict[str, Any]:
    """The run document, every target as a dict (``verdict``): the definition ``render_run`` writes fast."""
    return _run_document(result.loaded, result.as_of, result.assessment,
                         [verdict(v, opts.lang, result.loaded.spec_file) for v in result.verdicts], opts)


def _run_document(loaded: Loaded, as_of: int, assessment: Assessment, targets: list[Any], opts: Options) -> dict[str, Any]:
    return {
        "tool": _tool(),
        "kind": "run",
        "ok": True,
        "spec": loaded.spec_file,
        "data": loaded.data_file,
        "lang": opts.lang,
        "as_of": as_of,
        "as_of_label": year_label(as_of),
        "fail_on": sorted(opts.fail_on),
        "policy": _policy(loaded),
        "assessment": {"key": assessment.key, "text": assessment.word(opts.lang), "rule": assessment.rule(opts.lang),
                       "recorded": assessment.recorded, "recorded_differs": assessment.recorded_differs,
                       "recorded_note": assessment.note(opts.lang),
                       **_rollup(assessment, opts.lang)},
        "targets": targets,
        "summary": assessment.counts,
        "diagnostics": [diagnostic(d) for d in loaded.diagnostics],
    }


def failed_run_document(loaded: Loaded, opts: Options) -> dict[str, Any]:
    """The run document of a spec that could not be evaluated: the diagnostics say why."""
    return {
        "tool": _tool(),
        "kind": "run",
        "ok": False,
        "spec": loaded.spec_file,
        "data": loaded.data_file,
        "lang": opts.lang,
        "as_of": None,
        "as_of_label": None,
        "fail_on": sorted(opts.fail_on),
        "policy": _policy(loaded),
        "assessment": None,
        "targets": [],
        "summary": None,
        "diagnostics": [diagnostic(d) for d in loaded.diagnostics],
    }


def _counts(diags: list[Diagnostic]) -> dict[str, int]:
    errors = sum(1 for d in diags if d.is_error)
    return {"errors": errors, "warnings": len(diags) - errors}


def check_document(checked: dict[str, list[Diagnostic]]) -> dict[str, Any]:
    every = [d for diags in checked.values() for d in diags]
    return {
        "tool": _tool(),
        "kind": "check",
        "files": [{"spec": spec, **_counts(diags)} for spec, diags in checked.items()],
        "diagnostics": [diagnostic(d) for d in every],
        "summary": _counts(every),
    }


def _dump(doc: dict[str, Any]) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=2)``, written by ``json_text`` (the same bytes, faster)."""
    from .json_text import dumps

    return dumps(doc, end="\n")


def render_run(result: RunResult, opts: Options) -> str:
    """``json.dumps(run_document(result, opts), ensure_ascii=False, indent=2)``, each target written by ``json_targets``."""
    pieces = [target_piece(v, opts, result.loaded.spec_file) for v in result.verdicts]
    return _render_pieces(result.loaded, result.as_of, result.assessment, pieces, opts)


def target_piece(v: Verdict, opts: Options, spec_file: str) -> str:
    """One target's object, as text in its place in the document (``pipeline.run_pieces`` collects them)."""
    from .json_targets import target_text

    return target_text(v, opts.lang, spec_file)


def render_pieces(result: PiecesResult, opts: Options) -> str:
    """The run document around targets already written by ``target_piece``."""
    return _render_pieces(result.loaded, result.as_of, result.assessment, result.pieces, opts)


def _render_pieces(loaded: Loaded, as_of: int, assessment: Assessment, pieces: list[str], opts: Options) -> str:
    from .json_text import Raw

    return _dump(_run_document(loaded, as_of, assessment, [Raw(p) for p in pieces], opts))


def render_failed_run(loaded: Loaded, sources: dict[str, list[str]], opts: Options) -> str:
    return _dump(failed_run_document(loaded, opts))


def render_check(checked: dict[str, list[Diagnostic]], sources: dict[str, list[str]], opts: Options) -> str:
    return _dump(check_document(checked))



# -- several specs (portfolio.py) ------------------------------------------------------------------------------
def portfolio_piece(loaded: Loaded, result: RunResult | None, sources: dict[str, list[str]], opts: Options) -> str:
    """One spec's run document, exactly as ``tgtcheck run SPEC --format json`` writes it."""
    return render_run(result, opts) if result is not None else render_failed_run(loaded, sources, opts)


def portfolio_document(portfolio: Portfolio, opts: Options, specs: list[Any]) -> dict[str, Any]:
    """The portfolio document (``$defs/portfolio`` of run.schema.json): every spec's run document in ``specs``."""
    return {
        "tool": _tool(),
        "kind": "portfolio",
        "lang": opts.lang,
        "as_of": portfolio.as_of,  # --as-of; each spec's document says the year it was judged in
        "as_of_label": None if portfolio.as_of is None else year_label(portfolio.as_of),
        "fail_on": sorted(opts.fail_on),
        "specs": specs,
        "summary": portfolio.summary(),
        "diagnostics": [diagnostic(d) for d in portfolio.diagnostics],
    }


def render_portfolio(portfolio: Portfolio, opts: Options) -> str:
    """The portfolio document, each spec's run document copied in its place (indented two levels)."""
    from .json_text import Raw

    specs = [Raw(str(o.piece).rstrip("\n").replace("\n", "\n    ")) for o in portfolio.outcomes]
    return _dump(portfolio_document(portfolio, opts, specs))
