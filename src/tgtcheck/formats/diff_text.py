"""`tgtcheck diff` for the terminal: edits grouped (changed, added, removed, renamed, split), then verdicts.

Each changed field is one line ``field: old → new``; a long pair (a title,
a goal) puts the new value under the old one, so two Japanese sentences can
be compared by eye.  Colour only when asked for: red for the old value,
green for the new one, as ``git diff`` does.
"""

from __future__ import annotations

from ..analysis.differ import Added, Changed, Edit, FieldChange, Removed, Renamed, Split
from . import Options
from .diff_common import (
    DiffReport,
    as_of_text,
    change_summary,
    described,
    edit_id,
    field_word,
    group_word,
    grouped,
    kind_word,
    phrase,
    shown,
    status_arrow,
    status_text,
    target_text,
)
from .text import pad, width

_LONG = 56  # display cells beyond which old and new go on two lines


def render_diff(report: DiffReport, opts: Options) -> str:
    lang = opts.lang
    names = report.old_name if report.old_name == report.new_name else f"{report.old_name} → {report.new_name}"
    lines = [report.header or names]
    if not report.edits:
        lines.append(f"  {phrase('no_change', lang)}")
    for group, edits in grouped(report.edits):
        lines.append(f"{group_word(group, lang)} ({len(edits)})")
        for e in edits:
            lines.extend(_edit_lines(e, opts))
    if report.verdicts is not None:
        lines.append("")
        lines.extend(render_verdicts(report, opts))
    return "\n".join(lines) + "\n"


def _paint(text: str, code: str, opts: Options) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if opts.color else text


def _edit_lines(e: Edit, opts: Options) -> list[str]:
    lang = opts.lang
    head = f"  {kind_word(e.kind, lang)} {edit_id(e)}"
    if isinstance(e, (Added, Removed)):
        sign = ("+", "32") if isinstance(e, Added) else ("-", "31")
        return [_paint(f"{head}  {described(e)}", sign[1], opts)]
    if isinstance(e, Split):
        return [head] + [f"    {p.id} \"{p.title}\"  {target_text(p)}" for p in e.new]
    assert isinstance(e, (Changed, Renamed))
    return [head] + [line for c in e.changes for line in field_lines(c, opts)]


def field_lines(c: FieldChange, opts: Options, indent: str = "    ") -> list[str]:
    lang = opts.lang
    name = field_word(c.field, lang)
    old = _paint(shown(c.field, c.old, lang), "31", opts)
    new = _paint(shown(c.field, c.new, lang), "32", opts)
    plain_old, plain_new = shown(c.field, c.old, lang), shown(c.field, c.new, lang)
    if width(plain_old) + width(plain_new) + width(name) > _LONG:
        return [f"{indent}{name}: {old}", f"{indent}{' ' * width(name)}→ {new}"]
    return [f"{indent}{name}: {old} → {new}"]


def render_verdicts(report: DiffReport, opts: Options) -> list[str]:
    lang = opts.lang
    assert report.verdicts is not None and report.old_as_of is not None and report.new_as_of is not None
    lines = [f"{phrase('verdicts', lang)}: {as_of_text(report.old_as_of, lang)} → {as_of_text(report.new_as_of, lang)}"]
    changes = report.verdict_changes
    if not changes:
        lines.append(f"  {phrase('no_verdict_change', lang)}")
    id_w = max([width(_ids(c.id, c.old_id)) for c in changes] + [6])
    arrow_w = max([width(status_arrow(c, lang)) for c in changes] + [6])
    for c in changes:
        plain = status_arrow(c, lang)
        arrow = pad(plain, arrow_w)
        if c.status_changed:
            arrow = _paint(plain, "1", opts) + arrow[len(plain):]
        summary = change_summary(c, lang)
        lines.append(f"  {pad(_ids(c.id, c.old_id), id_w)}  {arrow}  {'; '.join(summary)}".rstrip())
    same = [c for c in report.verdicts if not c.changed]
    if same:
        sep = "、" if lang == "ja" else ", "
        listed = sep.join(f"{c.id} ({status_text(c.new, lang, True)})" for c in same)
        lines.append(f"{phrase('unchanged', lang)}: {listed}")
    return lines


def _ids(new_id: str, old_id: str | None) -> str:
    return new_id if old_id is None or old_id == new_id else f"{old_id} → {new_id}"
