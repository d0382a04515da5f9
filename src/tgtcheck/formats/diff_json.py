"""`tgtcheck diff --format json`: the edits and verdict changes for machines (shape: schema/diff.schema.json).

Values are given as written on each side (``"old": "H18", "new": "H22"``),
with the western year beside a year (``"old_year": 2006``); verdict numbers
are exact strings as in `run --format json` (``"48.8"``, ``"5264/4029"``,
percents as the percent number with ``"percent": true``).  Keys come in a
fixed order, so one input always gives the same bytes.  docs/diff.md
documents every key.
"""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..analysis.differ import Added, Changed, Edit, FieldChange, Removed, Renamed, Split
from ..analysis.verdict_diff import VerdictChange
from ..judging.json_numbers import exact, year
from ..language.nodes import Target
from ..language.printer import expr_text
from . import Options
from .diff_common import (
    DiffReport,
    field_word,
    group_of,
    missing_readings,
    status_value,
    target_text,
    value_text,
    verdict_word,
    year_of,
)


def diff_document(report: DiffReport, opts: Options) -> dict[str, Any]:
    lang = opts.lang
    counts = {g: 0 for g in ("changed", "added", "removed", "renamed", "split")}
    for e in report.edits:
        counts[group_of(e)] += 1
    verdicts = None
    if report.verdicts is not None:
        assert report.old_as_of is not None and report.new_as_of is not None
        verdicts = {
            "old_as_of": year(report.old_as_of),
            "new_as_of": year(report.new_as_of),
            "old_data": report.old_data,
            "new_data": report.new_data,
            "targets": [_verdict(c, lang) for c in report.verdicts],
        }
    return {
        "tool": {"name": "tgtcheck", "version": __version__},
        "kind": "diff",
        "lang": lang,
        "old": {"source": report.old_name, "policy": report.old.policy.id},
        "new": {"source": report.new_name, "policy": report.new.policy.id},
        "semantic_change": bool(report.edits),
        "edits": [_edit(e, lang) for e in report.edits],
        "verdicts": verdicts,
        "summary": {**counts, "verdict_changes": len(report.verdict_changes),
                    "status_changes": sum(1 for c in report.verdict_changes if c.status_changed)},
    }


def _edit(e: Edit, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {"edit": group_of(e), "kind": e.kind}
    if isinstance(e, (Added, Removed)):
        ident = e.id
        out.update(old_id=None if isinstance(e, Added) else ident, new_id=ident if isinstance(e, Added) else None)
        out["title"] = getattr(e.node, "title", None) or getattr(e.node, "label", None)
        out["text"] = target_text(e.node) if isinstance(e.node, Target) else _declaration_text(e.node)
        out["changes"] = []
    elif isinstance(e, Split):
        out.update(old_id=e.old.id, new_id=None, title=e.old.title, text=target_text(e.old), changes=[])
        out["pieces"] = [_piece(p) for p in e.new]
    else:
        assert isinstance(e, (Changed, Renamed))
        out.update(old_id=e.old.id, new_id=e.new.id, title=getattr(e.new, "title", None) or getattr(e.new, "label", None))
        out["text"] = target_text(e.new) if isinstance(e.new, Target) else None
        out["changes"] = [_field(c, lang) for c in e.changes]
    return out


def _declaration_text(node: Any) -> str:
    """An indicator's unit, a constant's value: what the declaration says beside its id and label."""
    if hasattr(node, "label"):
        return f"unit {node.unit}" if node.unit else ""
    if hasattr(node, "grades"):  # a rating scale: its grades and bands
        from ..language.printer import band_text

        return ", ".join(f"{g.id} ({band_text(g)})" for g in node.grades)
    return expr_text(node.value)


def _piece(t: Target) -> dict[str, Any]:
    return {"id": t.id, "title": t.title, "text": target_text(t)}


def _field(c: FieldChange, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {"field": c.field, "field_text": field_word(c.field, lang),
                           "old": value_text(c.field, c.old, lang, quote=False), "new": value_text(c.field, c.new, lang, quote=False)}
    years = year_of(c)
    if years is not None:
        out["old_year"], out["new_year"] = years
    return out


def _verdict(c: VerdictChange, lang: str) -> dict[str, Any]:
    from ..judging.wording import reading_text, status_word

    def side(v: Any) -> dict[str, Any] | None:
        if v is None:
            return None
        return {
            "status": v.status.value, "status_text": status_word(v.status, lang), "rule": v.rule,
            "percent": v.percent, "judged_year": year(v.judged_year),
            "actual": exact(v.actual, v.percent), "expected": exact(v.expected, v.percent),
            "threshold": exact(v.threshold, v.percent), "upper": exact(v.upper, v.percent),
            "missing": [reading_text(r, lang) for r in missing_readings(v)],
        }

    return {
        "id": c.id,
        "old_id": c.old_id,
        "old_status": status_value(c.old),
        "new_status": status_value(c.new),
        "status_changed": c.status_changed,
        "changed": c.changed,
        "moved": [{"field": m.field, "field_text": verdict_word(m.field, lang),
                   "old": exact(m.old, m.old_percent), "new": exact(m.new, m.new_percent),
                   "old_percent": m.old_percent, "new_percent": m.new_percent} for m in c.moved],
        "old": side(c.old),
        "new": side(c.new),
    }


def render_diff(report: DiffReport, opts: Options) -> str:
    return json.dumps(diff_document(report, opts), ensure_ascii=False, indent=2) + "\n"
