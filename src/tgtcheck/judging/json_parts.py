"""Parts of a verdict as every JSON document gives them: a breakdown target's keys (``breakdown``) and a grade on the
rating scale (``rating``); schema/run.schema.json.

One definition for every writer: ``formats.json_format`` (the dict), ``formats.json_targets`` (the text, which
writes these dicts with ``json.dumps`` at its depth, so the two stay byte for byte the same) and ``explain --format
json`` (``derivation``), which is why it lives in judging, below the formats.
"""

from __future__ import annotations

from typing import Any

from ..data.dataset import Marker
from .json_numbers import exact, year
from .rating import Rating
from .verdict import Verdict
from .wording import breakdown_summary, explanation, status_word


def breakdown(v: Verdict, lang: str) -> dict[str, Any] | None:
    """The count, and each key's verdict in brief, in key order; None for a target without keys."""
    b = v.breakdown
    if b is None:
        return None
    return {
        "dimension": b.dimension,
        "every": b.every,
        "needed": b.needed,
        "keys_total": len(b.keys),
        "met": b.met,
        "summary": breakdown_summary(b, lang),
        "counts": b.counts(),
        "keys": [{
            "key": key,
            "status": k.status.value,
            "status_text": status_word(k.status, lang),
            "explanation": explanation(k, lang),
            "rule": k.rule,
            "value_year": year(k.value_year),
            "actual": exact(k.actual, k.percent),
            "threshold": exact(k.threshold, k.percent),
            "upper": exact(k.upper, k.percent),
            "achievement": exact(k.achievement, True),
            "missing": [{"indicator": r.indicator, "year": year(r.year),
                         "marker": r.value.value if isinstance(r.value, Marker) else "missing"} for r in k.missing],
        } for key, k in b.keys],
    }


def rating(r: Rating | None, lang: str) -> dict[str, Any] | None:
    """A grade on the rating scale: the grade, its label, the measure and its value (a percent), the band as written."""
    if r is None:
        return None
    return {"scale": r.scale, "grade": r.grade, "text": r.word(lang), "measure": r.measure, "value": exact(r.value, True),
            "band": r.band, "score": exact(r.score)}
