"""A target's chart as inline SVG, drawn by matplotlib.

Matplotlib (the optional extra ``tgtcheck[report]``) is imported here and
nowhere else, and only when an HTML report is asked for.  It draws through
its object API (``Figure``, no pyplot state) with the SVG backend:

- ``svg.fonttype = "none"`` keeps text as ``<text>``, so the browser sets it
  in its own fonts (the page's CSS names Japanese-capable ones) and no font
  is needed, or embedded, when the chart is built;
- ``svg.hashsalt`` and ``metadata={"Date": None}`` make the output the same
  bytes for the same input;
- the XML prolog, the metadata block and the namespace declarations are
  removed (an HTML parser does not need them, and the page then names no
  ``http://`` address at all), and every ``id`` gets the chart's prefix so
  seven charts in one page never share one.

What is drawn, in the chart's units (see ``model.Chart``): the yearly values
as bars; 集計中 as a hatched, dashed box with the word, － and missing years
as a label, never as a bar at zero; the target at its deadline (a star with
its tolerance, or a band for a range); every-year thresholds as a line over
their period; the progress method's line from the base year; the base year
and the as-of year as vertical lines, and later years shaded.
"""

from __future__ import annotations

import io
import re
from fractions import Fraction
from typing import Any, cast

from ..core.years import era_label
from ..judging.wording import number
from .model import NO_ENTRY, NOT_APPLICABLE, NUMBER, PENDING, UNKNOWN, Chart, Point, word

# Okabe–Ito colours (distinct for the colour-blind); shapes and line styles carry the meaning too.
VALUE = "#0072B2"
TARGET = "#D55E00"
LINE = "#222222"
MARKER = "#555555"
MARKER_LIGHT = "#8A8A8A"
FUTURE = "#F2F2F2"

FONTS = ["Noto Sans CJK JP", "IPAexGothic", "IPAGothic", "Hiragino Sans", "Yu Gothic", "Meiryo", "DejaVu Sans"]


def missing_library() -> str | None:
    """None when matplotlib can be imported, else why not."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:
        return str(exc) or "matplotlib is not installed"
    return None


def svg(chart: Chart, lang: str, chart_id: str, title: str) -> str:
    """The chart as an ``<svg>`` element for an HTML page (ids prefixed with ``chart_id``)."""
    import warnings

    import matplotlib
    from matplotlib.figure import Figure

    params: dict[str, Any] = {
        "svg.fonttype": "none",
        "svg.hashsalt": "tgtcheck",
        "font.family": _font_family(),
        "font.size": 9,
        "hatch.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with matplotlib.rc_context(cast(Any, params)), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Glyph missing" when no Japanese font is installed: the browser draws the text
        fig = Figure(figsize=(7.2, 3.3), layout="constrained")
        _draw(fig.add_subplot(), chart, lang)
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
    return _inline(out.getvalue(), chart_id, title)


def _font_family() -> list[str]:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in FONTS if f in installed] or ["sans-serif"]


def _f(chart: Chart, x: Fraction) -> float:
    return float(x * 100 if chart.percent else x)


def _n(chart: Chart, x: Fraction) -> str:
    return number(x, chart.percent)


def _draw(ax: Any, chart: Chart, lang: str) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ja = lang == "ja"
    values = [_f(chart, p.value) for p in chart.points if p.value is not None]
    values += [_f(chart, y) for _, y in chart.path] + [_f(chart, y) for _, y in chart.milestones]
    if chart.low is not None:
        tol = chart.tolerance or Fraction(0)
        values += [_f(chart, chart.low - tol), _f(chart, (chart.high if chart.high is not None else chart.low) + tol)]
    bottom = min([0.0, *values])
    top = max([*values, 1.0 if not values else 0.0]) or 1.0
    top = top + (top - bottom) * 0.22
    ax.set_ylim(bottom, top)
    x0, x1 = chart.first_year - 0.6, chart.last_year + 0.6
    ax.set_xlim(x0, x1)
    height = top - bottom
    handles: list[Any] = []

    # later years than the as-of year: not known yet
    if chart.as_of < chart.last_year:
        ax.axvspan(chart.as_of + 0.5, x1, color=FUTURE, zorder=0, lw=0)
    ax.axvline(chart.as_of + 0.5, color=LINE, lw=1.2, zorder=1, gid="as-of")
    ax.text(chart.as_of + 0.5, 1.0, f" {word('as_of_mark', lang)} {era_label(chart.as_of)}", transform=ax.get_xaxis_transform(),
            ha="left", va="bottom", fontsize=8, color=LINE)
    if chart.base_year is not None and chart.first_year <= chart.base_year <= chart.last_year:
        ax.axvline(chart.base_year, color=MARKER, lw=0.9, ls=":", zorder=1, gid="base-year")
        ax.text(chart.base_year, 1.0, word("base_mark", lang), transform=ax.get_xaxis_transform(),
                ha="center", va="bottom", fontsize=8, color=MARKER)

    # the yearly values; markers are drawn as what they are, never as a bar at zero
    kinds = {p.kind for p in chart.points}
    for p in chart.points:
        _draw_point(ax, chart, p, bottom, height, lang)
    if NUMBER in kinds:
        handles.append(Patch(color=VALUE, label=word("actual", lang)))
    if PENDING in kinds:
        handles.append(Patch(fill=False, hatch="///", edgecolor=MARKER, ls="--", label=word("pending_long", lang)))
    if NOT_APPLICABLE in kinds:
        handles.append(Patch(fill=False, edgecolor=MARKER_LIGHT, ls=":", label="－ " + word("n/a_long", lang)))
    if kinds & {UNKNOWN, NO_ENTRY}:
        handles.append(Patch(fill=False, edgecolor=MARKER_LIGHT, ls=":", label=f"{word(UNKNOWN, lang)} / {word(NO_ENTRY, lang)}"))

    if chart.broken:
        for year in chart.broken:
            ax.plot([year], [top - height * 0.06], marker="x", ms=9, mew=2, color=TARGET, ls="none", zorder=6,
                    gid=f"broken-{era_label(year)}")
        handles.append(Line2D([], [], ls="none", marker="x", ms=8, mew=2, color=TARGET, label=word("broken", lang)))
    handles += _draw_target(ax, chart, lang)
    ax.set_xticks(range(chart.first_year, chart.last_year + 1))
    ax.set_xticklabels([era_label(y) if ja else f"{era_label(y)}\n{y}" for y in range(chart.first_year, chart.last_year + 1)])
    for tick in ax.get_xticklabels():
        if tick.get_text().startswith(era_label(chart.as_of)):
            tick.set_fontweight("bold")
    ax.set_xlabel(word("fiscal_year", lang), fontsize=8)
    unit = "%" if chart.percent else chart.unit
    ax.set_title(f"{chart.title}（{unit}）" if unit and ja else f"{chart.title} ({unit})" if unit else chart.title,
                 loc="left", fontsize=10, pad=14)
    ax.tick_params(labelsize=8)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)


def _draw_point(ax: Any, chart: Chart, p: Point, bottom: float, height: float, lang: str) -> None:
    """One year: a bar with its value, or a full-height column with the marker's label.

    Each year's shapes get an SVG id (value-H13, pending-H14, na-H10, missing-H10; the chart's
    prefix is added later), so a reader of the SVG (and the tests) can tell them apart.
    """
    from matplotlib.patches import Rectangle

    ja, year = lang == "ja", era_label(p.year)
    if p.kind == NUMBER:
        assert p.value is not None
        v = _f(chart, p.value)
        bar = ax.bar(p.year, v, width=0.6, color=VALUE, zorder=2)
        bar.patches[0].set_gid(f"value-{year}")
        ax.text(p.year, max(v, 0) + height * 0.015, _n(chart, p.value), ha="center", va="bottom", fontsize=8, zorder=5,
                gid=f"value-{year}-label")
        return
    pending, na = p.kind == PENDING, p.kind == NOT_APPLICABLE
    gid = f"pending-{year}" if pending else f"na-{year}" if na else f"missing-{year}"
    # the whole column, so it cannot be read as a value: hatched and dashed when pending, dotted and empty otherwise
    ax.add_patch(Rectangle((p.year - 0.3, bottom), 0.6, height, fill=False, hatch="///" if pending else None,
                           edgecolor=MARKER if pending else MARKER_LIGHT, ls="--" if pending else ":", lw=0.9, zorder=2, gid=gid))
    text = "－" if na else "\n".join(word(p.kind, lang)) if ja else word(p.kind, lang)
    ax.text(p.year, bottom + height * 0.4, text, ha="center", va="center", fontsize=11 if na else 8, color=LINE if pending else MARKER,
            rotation=0 if ja or na else 90, linespacing=1.1, zorder=5, gid=f"{gid}-label",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})


def _draw_target(ax: Any, chart: Chart, lang: str) -> list[Any]:
    """The target (and the line towards it); the legend entries it adds."""
    from matplotlib.lines import Line2D

    handles: list[Any] = []
    target = word("target_mark", lang)
    if chart.kind == "trend":  # no number to aim at: the direction, in the legend (clear of the columns)
        rising = chart.op == "increasing"
        what = ("increasing", "増加") if rising else ("decreasing", "減少")
        handles.append(Line2D([], [], ls="none", marker=r"$\nearrow$" if rising else r"$\searrow$", ms=10, color=TARGET,
                              label=f"{target}：{what[1]}" if lang == "ja" else f"{target}: {what[0]}"))
        return handles
    if chart.low is None:
        return handles
    tol = chart.tolerance or Fraction(0)
    sign = {"between": "", ">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< ", "==": "= ", "!=": "≠ "}.get(chart.op, "")
    text = f"{sign}{_n(chart, chart.low)}" + (f"–{_n(chart, chart.high)}" if chart.high is not None else "")
    text += f" ± {_n(chart, tol)}" if tol else ""
    if chart.path:
        xs = [y for y, _ in chart.path]
        ys = [_f(chart, v) for _, v in chart.path]
        ax.plot(xs, ys, ls="--", color=LINE, lw=1.1, zorder=3, gid="path")
        line_word = word("milestone_line", lang) if chart.milestones else word("line", lang).format(method=chart.method)
        handles.append(Line2D([], [], ls="--", color=LINE, label=line_word))
        if chart.expected is not None:
            ax.plot([chart.as_of], [_f(chart, chart.expected)], marker="o", mfc="white", mec=LINE, ms=6, ls="none", zorder=6,
                    gid="expected")
            # beside the as-of boundary, clear of the as-of year's bar
            ax.text(chart.as_of + 0.6, _f(chart, chart.expected), f"{word('expected', lang)} {_n(chart, chart.expected)}",
                    ha="left", va="top", fontsize=8, color=LINE, zorder=6)
            handles.append(Line2D([], [], ls="none", marker="o", mfc="white", mec=LINE, label=word("expected", lang)))
    if chart.kind == "every_year" and chart.period is not None:
        start, end = chart.period[0], max(chart.period[1], chart.deadline or chart.period[1])
        ax.hlines(_f(chart, chart.low), start - 0.4, end + 0.4, colors=TARGET, lw=1.6, ls="-.", zorder=4, gid="target")
        ax.annotate(text, (end + 0.4, _f(chart, chart.low)), xytext=(0, 4), textcoords="offset points", ha="right", va="bottom",
                    fontsize=8, color=TARGET)
        handles.append(Line2D([], [], ls="-.", color=TARGET, label=f"{target}（{word('every_year', lang)} {text}）" if lang == "ja"
                              else f"{target} ({word('every_year', lang)} {text})"))
        return handles
    if chart.kind == "open" or chart.deadline is None:
        ax.axhline(_f(chart, chart.low), color=TARGET, lw=1.2, ls="-.", zorder=4, gid="target")
        handles.append(Line2D([], [], ls="-.", color=TARGET, label=f"{target} {text}"))
        return handles
    for i, (year, value) in enumerate(chart.milestones):  # the milestones before the deadline: smaller marks, labelled
        ax.plot([year], [_f(chart, value)], marker="D", ms=6, color=TARGET, mec="white", mew=0.6, ls="none", zorder=6,
                gid=f"milestone-{i}")
        ax.annotate(f"{era_label(year)} {_n(chart, value)}", (year, _f(chart, value)), xytext=(-6, 6), textcoords="offset points",
                    ha="right", va="bottom", fontsize=7, color=TARGET, zorder=6)
    if chart.milestones:
        handles.append(Line2D([], [], ls="none", marker="D", ms=6, color=TARGET, label=word("milestone", lang)))
    x = chart.deadline
    lo, hi = _f(chart, chart.low), _f(chart, chart.high if chart.high is not None else chart.low)
    if chart.high is not None:  # a range: a band from its lower to its upper bound
        ax.plot([x, x], [lo, hi], color=TARGET, lw=6, alpha=0.45, solid_capstyle="butt", zorder=4)
    if tol:
        t = _f(chart, tol)
        ax.errorbar([x], [(lo + hi) / 2], yerr=[[(hi - lo) / 2 + t], [(hi - lo) / 2 + t]], fmt="none", ecolor=TARGET,
                    elinewidth=1, capsize=5, zorder=4)
    for i, y in enumerate(sorted({lo, hi})):
        ax.plot([x], [y], marker="*", ms=12, color=TARGET, mec="white", mew=0.6, ls="none", zorder=6, gid=f"target-{i}")
    ax.annotate(f"{target} {era_label(x)}\n{text}", (x, hi), xytext=(-10, 10), textcoords="offset points", ha="right",
                va="bottom", fontsize=8, color=TARGET, zorder=6)
    handles.append(Line2D([], [], ls="none", marker="*", ms=10, color=TARGET, label=f"{target} {era_label(x)}"))
    return handles


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_DROP = (re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL), re.compile(r"\s*<style[^>]*>.*?</style>", re.DOTALL),
         re.compile(r"\s*<defs>\s*</defs>", re.DOTALL), re.compile(r'\s+xmlns(:\w+)?="[^"]*"'))
_SIZE = re.compile(r'\s+(width|height)="[\d.]+pt"')  # the page's CSS sizes the chart; the viewBox keeps its shape


def _inline(text: str, prefix: str, title: str) -> str:
    """Matplotlib's SVG file as an element for an HTML page: no prolog, no namespaces or metadata, ids prefixed."""
    from html import escape

    s = _PROLOG.sub("", text)
    for pattern in _DROP:
        s = pattern.sub("", s)
    head = s.index(">") + 1
    s = _SIZE.sub("", s[:head]).replace("<svg ", f'<svg class="chart" role="img" aria-labelledby="{prefix}-title" ', 1) + s[head:]
    ids = set(re.findall(r'\bid="([^"]+)"', s))
    s = re.sub(r'(\bid="|url\(#|href="#)([^")]+)', lambda m: m.group(1) + (f"{prefix}-{m.group(2)}" if m.group(2) in ids else m.group(2)), s)
    head = s.index(">") + 1
    return s[:head] + f'\n <title id="{prefix}-title">{escape(title)}</title>' + s[head:].rstrip() + "\n"
