"""CSV rows with breakdown columns (``indicator,region,2010,2020``) or in the long layout
(``indicator,region,year,value``), to the tree a YAML file with ``by:`` gives (``data_breakdown``).

- Wide: one row per indicator and key; a row whose breakdown cells are all empty holds the total.
- Long: one row per value; the ``year`` column holds the year as written (any form), ``value`` the value.
Cells stay text, so ``data.build`` reads them exactly as YAML's (集計中, －, empty = unknown).  A key row given
twice, or a value given twice, is TGT302 naming both lines; positions point at the cell (``CsvPositions.keyed``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .data_csv import ID_COLUMN, LONG_VALUE, LONG_YEAR
from .data_tree import Tree, dotted
from .diagnostics import DATA_SHAPE, DUPLICATE_KEY, Location, Span

if TYPE_CHECKING:
    from .data_csv import CsvPositions, _Table


def keyed_tree(table: _Table, rows: list[tuple[int, list[str]]], meta: list[tuple[int, str]],
               years: list[tuple[int, str]]) -> tuple[Tree, CsvPositions, list[Any]]:
    pos = table.pos
    long = LONG_VALUE in pos.column or LONG_YEAR in pos.column
    if long and not (LONG_VALUE in pos.column and LONG_YEAR in pos.column):
        missing = LONG_YEAR if LONG_VALUE in pos.column else LONG_VALUE
        table.report(DATA_SHAPE.code, ("header",), Span(pos.header_line, 1, pos.header_line, 2),
                     f"the long layout needs both a '{LONG_YEAR}' and a '{LONG_VALUE}' column; the header has no '{missing}'",
                     f"write the header as {ID_COLUMN},region,{LONG_YEAR},{LONG_VALUE} (one row per value), or use year columns")
        return {"indicators": {}}, pos, table.diags
    if long and years:
        i, name = years[0]
        table.report(DATA_SHAPE.code, ("header", name), pos.cell(pos.header_line, pos.header_fields, i),
                     f"a year column ('{name}') beside the long layout's '{LONG_YEAR}' and '{LONG_VALUE}' columns",
                     "use one layout: a row per value (year, value columns) or a column per year")
        return {"indicators": {}}, pos, table.diags
    dims = [(i, name) for i, name in pos.dimensions if name not in (LONG_YEAR, LONG_VALUE)]
    id_index = pos.column[ID_COLUMN]
    indicators: dict[str, Any] = {}
    for line, fields in rows:
        n = len(fields)
        id = fields[id_index].strip() if id_index < n else ""
        if not id:
            table.report(DATA_SHAPE.code, (), pos.cell(line, fields, id_index), "the row has no indicator id",
                         f"write the indicator's id in the '{ID_COLUMN}' column")
            continue
        entry = indicators.setdefault(id, {})
        if id not in pos.rows:
            pos.rows[id] = (line, fields)
        for i, name in meta:
            value = fields[i].strip() if i < n else ""
            if value and name and name != ID_COLUMN:
                entry.setdefault(name, value)
        named = [(name, fields[i].strip() if i < n else "") for i, name in dims]
        filled = [(d, k) for d, k in named if k]
        spec, key = ", ".join(d for d, _ in filled), ", ".join(k for _, k in filled)
        if long:
            year = fields[pos.column[LONG_YEAR]].strip() if pos.column[LONG_YEAR] < n else ""
            value = fields[pos.column[LONG_VALUE]] if pos.column[LONG_VALUE] < n else ""
            where: tuple[str, ...] = (id, spec, key, year)
        else:
            where = (id, spec, key)
        first = pos.keyed.get(where)
        path = ("indicators", id, "by", spec, key) if filled else ("indicators", id, "values")
        if first is not None:
            what = f"the value of '{id}'{' for ' + key if key else ''} in {year}" if long else f"the row of '{id}'{' for ' + key if key else ''}"
            table.report(DUPLICATE_KEY.code, path, Span(line, 1, line, 2), f"{what} is given twice (lines {first[0]} and {line})",
                         "keep one: a second one would silently replace the first",
                         (Location(table.file, Span(first[0], 1, first[0], 2), dotted(path)),))
            continue
        pos.keyed[where] = (line, fields)
        if filled:
            cells = entry.setdefault("by", {}).setdefault(spec, {}).setdefault(key, {})
        else:
            cells = entry.setdefault("values", {})
        if long:
            cells[year] = value
        else:
            cells.update({name: (fields[i] if i < n else "") for i, name in years})
    return {"indicators": indicators}, pos, table.diags
