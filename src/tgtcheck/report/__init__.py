"""`tgtcheck report`: the evaluation sheet as a self-contained HTML page or as Markdown.

``model`` decides what the report says (from a ``RunResult``), ``html`` and
``markdown`` lay it out, ``charts`` draws each target's chart with
matplotlib (the optional extra ``tgtcheck[report]``, imported only for HTML).
``render(result, lang, fmt)`` is the whole pipeline; docs/report.md
explains what each chart shows and why.

May import: ``core``, ``language``, ``data``, ``judging``, ``analysis``, ``pipeline``, ``formats``.
"""

from __future__ import annotations

from ..pipeline import RunResult

FORMATS = ("html", "markdown")


def render(result: RunResult, lang: str = "ja", fmt: str = "html") -> str:
    from .model import build

    report = build(result, lang)
    if fmt == "markdown":
        from . import markdown

        return markdown.render(report)
    from . import html

    return html.render(report)
