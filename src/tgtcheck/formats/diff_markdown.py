"""`tgtcheck diff --format markdown`: tables to paste into the next year's evaluation sheet.

Two tables: the target changes (one row per changed field, one per added,
removed, renamed or split declaration) and the verdict changes (one row per
target whose verdict moved).  Cells escape ``|`` and line breaks, so a
title with a pipe cannot break the table; values are in code spans only
where they are the language's own text (conditions, years, numbers).
"""

from __future__ import annotations

from ..analysis.differ import Added, Changed, Edit, Removed, Renamed, Split
from ..language.nodes import Target
from . import Options
from .diff_common import (
    DiffReport,
    as_of_text,
    change_summary,
    described,
    edit_id,
    field_word,
    group_of,
    group_word,
    grouped,
    kind_word,
    phrase,
    status_text,
    target_text,
    value_text,
)


def render_diff(report: DiffReport, opts: Options) -> str:
    lang = opts.lang
    lines = [f"### {phrase('target_changes', lang)}: `{_cell(report.old_name)}` → `{_cell(report.new_name)}`", ""]
    if not report.edits:
        lines.append(f"{phrase('no_change', lang)}.")
    else:
        heads = [phrase(k, lang) for k in ("change", "item", "field", "before", "after")]
        lines += [_row(heads), _row(["---"] * len(heads))]
        for _, edits in grouped(report.edits):
            for e in edits:
                lines += [_row(r) for r in _edit_rows(e, lang)]
    if report.verdicts is not None:
        assert report.old_as_of is not None and report.new_as_of is not None
        years = f"{as_of_text(report.old_as_of, lang)} → {as_of_text(report.new_as_of, lang)}"
        lines += ["", f"### {phrase('verdict_changes', lang)}: {years}", ""]
        changes = report.verdict_changes
        if not changes:
            lines.append(f"{phrase('no_verdict_change', lang)}.")
        else:
            heads = [phrase("target_col", lang), phrase("before", lang), phrase("after", lang), phrase("numbers_moved", lang)]
            lines += [_row(heads), _row(["---"] * len(heads))]
            for c in changes:
                ident = c.id if c.old_id in (None, c.id) else f"{c.old_id} → {c.id}"
                before, after = status_text(c.old, lang, False), status_text(c.new, lang, True)
                if c.status_changed:
                    before, after = f"**{before}**", f"**{after}**"
                lines.append(_row([ident, before, after, "; ".join(change_summary(c, lang))]))
    return "\n".join(lines) + "\n"


def _edit_rows(e: Edit, lang: str) -> list[list[str]]:
    change = group_word(group_of(e), lang)
    item = f"{kind_word(e.kind, lang)} {edit_id(e)}"
    if isinstance(e, Added):
        return [[change, item, "", "", _added_text(e)]]
    if isinstance(e, Removed):
        return [[change, item, "", _added_text(e), ""]]
    if isinstance(e, Split):
        pieces = "<br>".join(f"{p.id} {p.title} `{target_text(p)}`" for p in e.new)
        return [[change, item, "", f"{e.old.title} `{target_text(e.old)}`", pieces]]
    assert isinstance(e, (Changed, Renamed))
    if not e.changes:  # a rename and nothing else
        return [[change, item, field_word("id", lang), e.old.id, e.new.id]]
    return [[change if i == 0 else "", item if i == 0 else "", field_word(c.field, lang),
             _value(c.field, c.old, lang), _value(c.field, c.new, lang)] for i, c in enumerate(e.changes)]


def _added_text(e: Added | Removed) -> str:
    if isinstance(e.node, Target):
        return f"{e.node.title} `{target_text(e.node)}`"
    return described(e, quote=False)


def _value(field: str, value: object, lang: str) -> str:
    text = value_text(field, value, lang, quote=False)
    if text is None:
        return phrase("none", lang)
    if isinstance(value, (str, bool)):
        return text
    return f"`{text}`"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>").replace("`", "'")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_escape_keep_code(c) for c in cells) + " |"


def _escape_keep_code(text: str) -> str:
    # backticks we put there delimit code spans; everything else is escaped
    return text.replace("|", "\\|").replace("\n", "<br>")
