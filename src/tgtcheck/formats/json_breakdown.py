"""A breakdown target's keys as the JSON run document gives them (``breakdown`` of a target; schema/run.schema.json).

One definition for both writers: ``json_format.verdict`` (the dict) and ``json_targets`` (the text, which
writes this dict with ``json.dumps`` at its depth), so the two stay byte for byte the same.
"""

from __future__ import annotations

from typing import Any

from ..dataset import Marker
from ..verdict import Verdict
from ..wording import breakdown_summary, explanation, status_word
from .json_numbers import exact, year


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
