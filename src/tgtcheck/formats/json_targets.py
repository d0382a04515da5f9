"""The targets of a JSON run document, written straight to text.

``json_format.verdict`` defines a target's object as a dict; this module
writes the same object as the text ``json.dumps(doc, ensure_ascii=False,
indent=2)`` gives it in its place in a run document (an item of the
top-level ``targets`` list, so at depth 2), without building the dict or
walking it.  A target's object has one fixed shape, so the layout is
written out once, below, and the values are encoded with the standard
library's C string encoder; years and the other repeated pieces are made
once per run.  For 10,000 targets this is about a fifth of the cost of
building the dicts and writing them with ``json_text``.

The dict stays the definition: ``tests/test_json_targets.py`` compares
this text with ``json.dumps`` of ``verdict(…)`` for every verdict of every
run fixture (every rule, every field empty and filled), so a field added to
one and not the other fails there.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from json.encoder import encode_basestring  # the C function when the _json module is there

from ..core.years import calendar_years
from ..data.dataset import Marker
from ..judging.evaluate import Reading, Verdict
from ..judging.json_numbers import exact_text, year_label
from ..judging.wording import explanation, status_word

# indentation of a target's keys (depth 3), of a year's or a reading's keys (4), of a reading's year (5)
_K = "\n      "
_K4 = "\n        "


def _year(y: int | None, depth: int) -> str:
    """``{"year": …, "label": …}`` (or null) as a value at ``depth``, in the spec's year style."""
    return _year_text(y, depth, calendar_years())


@functools.lru_cache(maxsize=1024)
def _year_text(y: int | None, depth: int, calendar: bool) -> str:  # calendar: a key of the cache, as the label depends on it
    if y is None:
        return "null"
    inner = "\n" + "  " * (depth + 1)
    return f'{{{inner}"year": {y},{inner}"label": {encode_basestring(year_label(y))}\n{"  " * depth}}}'


def _opt(text: str | None) -> str:
    return "null" if text is None else encode_basestring(text)


def _number(value: Fraction | None, percent: bool) -> str:
    return "null" if value is None else encode_basestring(exact_text(value, percent))


def _list(items: list[str]) -> str:
    """Items already written at depth 4, as a list at depth 3."""
    if not items:
        return "[]"
    return "[" + _K4 + ("," + _K4).join(items) + _K + "]"


# A reading is one cell of the data, and the evaluator hands every target that reads a cell the same
# Reading object: its text is written once per run.  Keyed by identity (a Reading's own hash is slow),
# the object kept beside its text so that its id cannot be reused while the entry lives.
_readings: dict[int, tuple[Reading, str]] = {}
_missing: dict[int, tuple[Reading, str]] = {}
_BOUND = 4096


def _reading(r: Reading) -> str:
    known = _readings.get(id(r))
    if known is not None and known[0] is r:
        return known[1]
    value = r.value
    number = encode_basestring(exact_text(value, False)) if isinstance(value, Fraction) else "null"
    marker = _opt(value.value if isinstance(value, Marker) else "missing" if value is None else None)
    k = _K4 + "  "
    text = (f'{{{k}"indicator": {encode_basestring(r.indicator)},{k}"year": {_year(r.year, 5)},{k}"value": {number},'
            f'{k}"marker": {marker},{k}"note": {_opt(r.note)}{_K4}}}')
    _keep(_readings, r, text)
    return text


def _missing_reading(r: Reading) -> str:
    known = _missing.get(id(r))
    if known is not None and known[0] is r:
        return known[1]
    marker = r.value.value if isinstance(r.value, Marker) else "missing"
    k = _K4 + "  "
    text = f'{{{k}"indicator": {encode_basestring(r.indicator)},{k}"year": {_year(r.year, 5)},{k}"marker": {encode_basestring(marker)}{_K4}}}'
    _keep(_missing, r, text)
    return text


def _keep(table: dict[int, tuple[Reading, str]], r: Reading, text: str) -> None:
    if len(table) >= _BOUND:  # a long-running process (the language server) reads many data files
        table.clear()
    table[id(r)] = (r, text)


def _milestone(v: Verdict, percent: bool) -> str:
    """``{"year": {…}, "value": "…"}`` at depth 3, or null."""
    if v.milestone is None:
        return "null"
    at, value = v.milestone
    return f'{{\n        "year": {_year(at, 4)},\n        "value": {_number(value, percent)}\n      }}'


def _rating(v: Verdict, lang: str) -> str:
    """The grade on the rating scale (``json_format.rating``) at depth 3, or null."""
    r = v.rating
    if r is None:
        return "null"
    return (f'{{{_K4}"scale": {encode_basestring(r.scale)},{_K4}"grade": {encode_basestring(r.grade)},'
            f'{_K4}"text": {encode_basestring(r.word(lang))},{_K4}"measure": {encode_basestring(r.measure)},'
            f'{_K4}"value": {_number(r.value, True)},{_K4}"band": {encode_basestring(r.band)},'
            f'{_K4}"score": {_number(r.score, False)}\n      }}')


def target_text(v: Verdict, lang: str, spec_file: str) -> str:
    """``json_format.verdict(v, lang, spec_file)`` as an item of the run document's ``targets``."""
    t = v.target
    p = v.percent
    return (
        f'{{{_K}"id": {encode_basestring(t.id)},{_K}"title": {encode_basestring(t.title)},'
        f'{_K}"status": {encode_basestring(v.status.value)},{_K}"status_text": {encode_basestring(status_word(v.status, lang))},'
        f'{_K}"explanation": {encode_basestring(explanation(v, lang))},{_K}"rule": {encode_basestring(v.rule)},'
        f'{_K}"file": {encode_basestring(spec_file)},{_K}"line": {t.span.line},{_K}"method": {encode_basestring(v.method)},'
        f'{_K}"direction": {encode_basestring(v.direction) if v.direction else "null"},'
        f'{_K}"percent": {"true" if p else "false"},{_K}"judged_year": {_year(v.judged_year, 3)},'
        f'{_K}"value_year": {_year(v.value_year, 3)},'
        f'{_K}"deadline": {_year(v.deadline, 3)},{_K}"base_year": {_year(v.base_year, 3)},'
        f'{_K}"actual": {_number(v.actual, p)},{_K}"threshold": {_number(v.threshold, p)},{_K}"upper": {_number(v.upper, p)},'
        f'{_K}"tolerance": {_number(v.tolerance, p)},{_K}"base_value": {_number(v.base_value, p)},'
        f'{_K}"goal": {_number(v.goal, p)},{_K}"expected": {_number(v.expected, p)},'
        f'{_K}"projection": {_number(v.projection, p)},{_K}"achievement": {_number(v.achievement, True)},'
        f'{_K}"progress": {_number(v.progress, True)},{_K}"grade": {encode_basestring(v.grade) if v.grade else "null"},'
        f'{_K}"milestone": {_milestone(v, p)},'
        f'{_K}"main": {"true" if t.main else "false"},{_K}"rating": {_rating(v, lang)},'
        f'{_K}"broken_years": {_list([_year(b, 4) for b in v.broken_years])},'
        f'{_K}"readings": {_list([_reading(r) for r in v.readings])},'
        f'{_K}"missing": {_list([_missing_reading(r) for r in v.missing])},'
        f'{_K}"undefined": {_list([encode_basestring(u.en) for u in v.undefined])},'
        f'{_K}"later": {_list([_year(y, 4) for y in v.later])},'
        f'{_K}"recorded": {_recorded(v, lang)},'
        f'{_K}"breakdown": {_breakdown(v, lang)}'
        "\n    }"
    )


def _recorded(v: Verdict, lang: str) -> str:
    """``{"status": …, …}`` at depth 3: the recorded judgement of the as-of year, or null."""
    r = v.recorded
    if r is None:
        return "null"
    return (f'{{{_K4}"status": {encode_basestring(r.status.value)},{_K4}"status_text": {encode_basestring(status_word(r.status, lang))},'
            f'{_K4}"year": {_year(r.year, 4)},{_K4}"by": {encode_basestring(r.by)},{_K4}"because": {encode_basestring(r.because)},'
            f'{_K4}"mechanical": {encode_basestring(r.mechanical.value)},{_K4}"differs": {"true" if r.differs else "false"}{_K}}}')


def _breakdown(v: Verdict, lang: str) -> str:
    """``json_format.breakdown`` at depth 3: rare and small beside the targets, so written by ``json.dumps`` itself."""
    if v.breakdown is None:
        return "null"
    import json

    from ..judging.json_parts import breakdown

    return json.dumps(breakdown(v, lang), ensure_ascii=False, indent=2).replace("\n", _K)
