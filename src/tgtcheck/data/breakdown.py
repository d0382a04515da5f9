"""An indicator's values per breakdown key (region, sex, …): the ``by`` field of a data file, checked and built.

Shape (docs/data.md, *Breakdowns*), the same in YAML, JSON, CSV and Excel (whose parsers make this tree)::

    employment:
      unit: "%"
      values: {2010: 68.6, 2020: 72.4}        # the total (optional when `by` is given)
      by:
        region:                               # one dimension: a key per region
          DE: {2010: 74.9, 2020: 80.1}
          EL: {2010: 63.8, 2020: 58.3}
        region, sex:                          # a cross of two dimensions: keys "DE, F"
          DE, F: {2010: 69.6}

Each key's years mean what an indicator's ``values`` mean (集計中, －, null, exact numbers, the same
errors at the same kind of path: ``indicators.employment.by.region.DE.2020``).  Each key's series is
kept in the dataset under ``series_id`` (``employment[region=DE]``) with the indicator's label, unit and
kind; ``Dataset.breakdowns`` lists the keys.  Shape problems are TGT301 (DATA_SHAPE), like the rest of
the file, so a breakdown needs no code of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

from ..core.diagnostics import DATA_SHAPE, DUPLICATE_KEY
from .dataset import Cell, Pairs, Series, series_id
from .tree import Path


class Builder(Protocol):
    """What this module needs of ``data._Builder`` (which calls it: a Protocol, so no import loop)."""

    def report(self, code: str, path: Path, message: str, help: str | None = None, *, key: bool = False) -> None: ...

    def cells(self, id: str, values: dict[str, Any], path: Path, count: bool, notes: dict[int, tuple[str, str]]) -> dict[int, Cell]: ...

DIMENSION_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BAD_KEY = re.compile(r"[\[\]=,\x00-\x1f]")  # a key is written inside employment[region=KEY]


def split_names(text: str) -> list[str]:
    """``"region, sex"`` -> ``["region", "sex"]`` (also for keys: ``"DE, F"``)."""
    return [part.strip() for part in text.split(",")]


def breakdown_series(b: Builder, id: str, raw: Any, path: Path, total: Series, describe: Callable[[Any], str]) -> dict[Pairs, Series]:
    """The series of every key under ``by``; problems reported on ``b`` (TGT307, TGT302); ``describe`` says what a value is."""
    out: dict[Pairs, Series] = {}
    if not isinstance(raw, dict):
        b.report(DATA_SHAPE.code, path, f"expected the breakdowns of '{id}' as a mapping from dimensions to keys, found {describe(raw)}",
                 "write `by: {region: {DE: {2020: 80.1}, …}}`")
        return out
    for spec, keys in raw.items():
        dims = split_names(str(spec))
        where = (*path, str(spec))
        bad = [d for d in dims if not DIMENSION_RE.fullmatch(d)]
        if bad or len(set(dims)) != len(dims):
            b.report(DATA_SHAPE.code, where, f"'{spec}' is not a dimension name (or names separated by commas)",
                     "name a dimension with letters, digits and _ (region, sex), or a cross as `region, sex`", key=True)
            continue
        if not isinstance(keys, dict):
            b.report(DATA_SHAPE.code, where, f"expected the keys of dimension '{spec}' with their values, found {describe(keys)}",
                     f"write `{spec}: {{KEY: {{2020: 80.1}}}}`")
            continue
        for key, values in keys.items():
            parts = split_names(str(key))
            kpath = (*where, str(key))
            if len(parts) != len(dims) or any(not p or _BAD_KEY.search(p) for p in parts):
                b.report(DATA_SHAPE.code, kpath,
                         f"'{key}' is not a key of '{spec}': expected {len(dims)} non-empty key(s) separated by commas, "
                         "without [ ] = or control characters", f"write one key per dimension of '{spec}', e.g. DE", key=True)
                continue
            pairs: Pairs = tuple(sorted(zip(dims, parts, strict=True)))
            if pairs in out:
                b.report(DUPLICATE_KEY.code, kpath, f"the key {', '.join(f'{d}={k}' for d, k in pairs)} of '{id}' is given twice",
                         "keep one entry per key: a second one would silently replace the first", key=True)
                continue
            if not isinstance(values, dict):
                b.report(DATA_SHAPE.code, kpath, f"expected the values of '{id}' for {key} as a mapping from years to values, found {describe(values)}",
                         "write `DE: {2010: 74.9, 2020: 集計中}`")
                continue
            sid = series_id(id, pairs)
            cells = b.cells(sid, values, kpath, total.kind == "count", {})
            out[pairs] = Series(sid, cells, total.label, total.unit, total.kind, total.footnote, total.span)
    return out
