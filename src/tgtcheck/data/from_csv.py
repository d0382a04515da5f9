"""CSV data files, the wide layout of the sheet's table ⑥, to a plain tree.

The header names the columns: ``indicator`` (required), optional metadata
(``label``, ``unit``, ``kind``, ``footnote``) and one column per year in any
year form (``H10``, ``2001``, ``FY2001``).  Each row is one indicator; its
cells are text and mean what the same text means in YAML (empty = unknown).

Shape and reasons:
- The rows become the same tree a YAML file gives (cells stay text), and
  ``data.build`` checks and converts them, so CSV cannot drift from YAML.
- Header problems (unknown column, a year twice, a column without a header)
  are reported once here and the column is left out, instead of once per row.
- Positions: a diagnostic points at its cell (line and column, from the
  lengths of the fields before it, or from a scan of the raw line when it
  has quotes); paths are ``indicators.<id>.values.<year>``.  A loaded cell
  carries its row's span (the whole row, shared by the row's cells): one
  span per cell would cost a third of the one-second budget for 10,000
  indicators x 20 years, and the row is what a reader looks for.
"""

from __future__ import annotations

import io
from typing import Any

from ..core.diagnostics import CODES, DATA_SHAPE, DATA_SYNTAX, DUPLICATE_KEY, NOT_A_YEAR_KEY, UNKNOWN_FIELD, Diagnostic, Location, Severity, Span
from ..core.years import YearError
from .tree import Path, Tree, did_you_mean, dotted, year_of

ID_COLUMN = "indicator"
META_COLUMNS: tuple[str, ...] = ("label", "unit", "kind", "footnote")
LONG_YEAR, LONG_VALUE = "year", "value"  # the long layout: indicator,region,year,value (one row per value)


BY_PREFIX = "by:"  # a breakdown column of the wide layout: by:region (the long layout's columns need no prefix)


def dimension_of(name: str, long: bool) -> str | None:
    """The dimension a header names, or None: in the long layout (``year`` and ``value`` columns) any name that is not
    a metadata column (``region``, and ``year`` / ``value`` themselves); in the wide layout only ``by:region``, so a
    stray column (``remarks``) stays an error and a near-miss of a metadata column (``lable``) gets its did-you-mean."""
    from .breakdown import DIMENSION_RE

    if not long:
        dim = name[len(BY_PREFIX):].strip() if name.startswith(BY_PREFIX) else None
        return dim if dim is not None and DIMENSION_RE.fullmatch(dim) else None
    return name if DIMENSION_RE.fullmatch(name) and did_you_mean(name, (ID_COLUMN, *META_COLUMNS)) is None else None


def parse_csv(text: str, file: str) -> tuple[Tree, CsvPositions | None, list[Diagnostic]]:
    """The tree of a CSV data file, where its cells are, and what is wrong with it."""
    import csv

    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text), strict=True)
    previous = 0
    try:
        for fields in reader:
            line, previous = previous + 1, reader.line_num
            if any(f.strip() for f in fields):
                rows.append((line, fields))
    except csv.Error as exc:
        line = reader.line_num or 1
        return None, None, [Diagnostic(DATA_SYNTAX.code, Severity.ERROR, f"CSV syntax error: {exc}", Location(file, Span(line, 1, line, 2)),
                                       'fix the row: a field with a comma or a quote must be in "quotes", with "" for a quote inside')]
    positions = CsvPositions(text)
    if not rows:
        return None, positions, []
    return _Table(file, positions).tree(rows)


class CsvPositions:
    """Row lines and column offsets of the cells."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None
        self.header_line = 1
        self.header: list[str] = []  # the column names, stripped
        self.header_fields: list[str] = []  # as read
        self.column: dict[str, int] = {}  # tree key (a meta field or a year as written) -> column index
        self.rows: dict[str, tuple[int, list[str]]] = {}  # indicator id -> (line, fields)
        self.year_keys: list[str] = []  # the keys of the year columns
        self.spans_of: dict[int, list[Span]] = {}  # line -> the spans of its row's fields, once asked for
        self.dimensions: list[tuple[int, str]] = []  # breakdown columns (region, sex) and the long layout's year, value
        # breakdown rows: (indicator, dimensions, keys) -> (line, fields); the long layout: + the year as written
        self.keyed: dict[tuple[str, ...], tuple[int, list[str]]] = {}

    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def field_spans(self, line: int, fields: list[str]) -> list[Span]:
        """The span of each field of the row that starts on ``line`` (quotes and all)."""
        lines = self.lines()
        raw = lines[line - 1] if 0 < line <= len(lines) else ""
        out: list[Span] = []
        if '"' not in raw:
            col = 1
            for f in fields:
                out.append(Span(line, col, line, col + len(f)))
                col += len(f) + 1
            return out
        quoted, start, ln = False, (line, 1), line
        for ln in range(line, len(lines) + 1):  # a quoted field may run over several lines
            text = lines[ln - 1]
            for i, ch in enumerate(text):
                if ch == '"':
                    quoted = not quoted
                elif ch == "," and not quoted:
                    out.append(Span(start[0], start[1], ln, i + 1))
                    start = (ln, i + 2)
            if not quoted:
                break
        out.append(Span(start[0], start[1], ln, len(lines[ln - 1]) + 1 if ln <= len(lines) else start[1]))
        return out

    def row_span(self, line: int, fields: list[str]) -> Span:
        """The whole row, which may run over several lines when a quoted field has line breaks."""
        raw = self.lines()[line - 1] if 0 < line <= len(self.lines()) else ""
        if '"' not in raw:
            return Span(line, 1, line, len(raw) + 1)
        last = self.field_spans(line, fields)[-1]
        return Span(line, 1, last.end_line, last.end_column)

    def cell(self, line: int, fields: list[str], index: int) -> Span:
        """The span of one field; the row's spans are computed once and kept (a row of 5,000 cells, each reported)."""
        spans = self.spans_of.get(line)
        if spans is None:
            lines = self.lines()
            if index < len(fields) and 0 < line <= len(lines) and '"' not in lines[line - 1] and index < 8:
                col = sum(len(f) for f in fields[:index]) + index + 1  # the common case: an early column, no quotes
                return Span(line, col, line, col + len(fields[index]))
            spans = self.spans_of[line] = self.field_spans(line, fields)
        return spans[index] if index < len(spans) else Span(line, 1, line, 2)

    def keyed_span(self, path: Path, key: bool) -> Span | None:
        """A cell of a breakdown row (wide) or of a value row (long): ``indicators.ID.by.DIMS.KEYS.YEAR``."""
        long = LONG_VALUE in self.column
        head = (path[1], path[3], path[4]) if path[2] == "by" else (path[1], "", "")
        year = path[5] if path[2] == "by" and len(path) > 5 else path[3] if path[2] == "values" else None
        row = self.keyed.get((*head, year) if long and year is not None else head) or (
            next((r for k, r in self.keyed.items() if k[:3] == head), None))
        if row is None:
            return None
        line, fields = row
        if year is None:
            return self.row_span(line, fields)
        column = (LONG_YEAR if key else LONG_VALUE) if long else year
        return self.cell(line, fields, self.column.get(column, 0))

    def spans(self, mapping: dict[str, Any], path: Path, key: bool) -> dict[str, Span] | None:
        if len(path) == 5 and path[2] == "by" or LONG_VALUE in self.column and len(path) == 3 and path[2] == "values":
            # the happy path: each value carries its row's span, as in the wide layout (an error finds its cell: ``span``)
            head: tuple[str, ...] = (path[1], path[3], path[4]) if len(path) == 5 else (path[1], "", "")
            if LONG_VALUE not in self.column:
                row = self.keyed.get(head)
                return dict.fromkeys(mapping, self.row_span(*row)) if row is not None else None
            keyed = self.keyed
            return {year: self.row_span(*row) for year in mapping if (row := keyed.get((*head, year))) is not None}
        if path == ("indicators",):
            i = self.column.get(ID_COLUMN, 0)
            return {id: self.cell(line, fields, i) for id, (line, fields) in self.rows.items()}
        if len(path) == 3 and path[2] == "values" and path[1] in self.rows:
            line, fields = self.rows[path[1]]
            if not self.year_keys:
                self.year_keys = [name for name, i in self.column.items() if name not in META_COLUMNS and name != ID_COLUMN]
            return dict.fromkeys(self.year_keys, self.row_span(line, fields))
        return None

    def span(self, path: Path, key: bool = False) -> Span | None:
        if len(path) >= 5 and path[2] == "by" or LONG_VALUE in self.column and len(path) == 4 and path[2] == "values":
            return self.keyed_span(path, key)
        if path[:1] == ("header",) and len(path) == 2:
            i = self.header.index(path[1]) if path[1] in self.header else 0
            return self.cell(self.header_line, self.header_fields, i)
        if len(path) < 2 or path[0] != "indicators" or path[1] not in self.rows:
            return None
        line, fields = self.rows[path[1]]
        name = path[3] if len(path) == 4 and path[2] == "values" else (path[2] if len(path) == 3 else ID_COLUMN)
        return self.cell(line, fields, self.column.get(name, self.column.get(ID_COLUMN, 0)))


class _Table:
    def __init__(self, file: str, positions: CsvPositions) -> None:
        self.file = file
        self.pos = positions
        self.diags: list[Diagnostic] = []

    def report(self, code: str, path: Path, span: Span | None, message: str, help: str | None = None,
               related: tuple[Location, ...] = ()) -> None:
        self.diags.append(Diagnostic(code, Severity.ERROR, message, Location(self.file, span, dotted(path)),
                                     help or CODES[code].fix, related))

    def header(self, line: int, fields: list[str]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        """(meta columns, year columns) as (index, key); reports and drops bad columns."""
        pos = self.pos
        pos.header_line, pos.header, pos.header_fields = line, [f.strip() for f in fields], fields
        meta: list[tuple[int, str]] = []
        years: list[tuple[int, str]] = []
        seen: dict[Any, int] = {}
        long = LONG_YEAR in pos.header or LONG_VALUE in pos.header
        for i, name in enumerate(pos.header):
            span = pos.cell(line, fields, i)
            if not name:
                meta.append((i, ""))  # checked per row: it must stay empty
                continue
            if name in (ID_COLUMN, *META_COLUMNS):
                meaning: Any = name
            else:
                parsed = year_of(name)
                dim = dimension_of(name, long) if isinstance(parsed, YearError) else None
                if dim is not None:
                    meaning = dim  # a breakdown dimension (region), or the long layout's year / value column
                    if dim not in pos.column:
                        pos.dimensions.append((i, dim))
                elif isinstance(parsed, YearError):
                    guess = did_you_mean(name, (ID_COLUMN, *META_COLUMNS))
                    if guess:
                        self.report(UNKNOWN_FIELD.code, ("header", name), span, f"unknown column '{name}'; did you mean '{guess}'?",
                                    f"rename the column to '{guess}'")
                    else:
                        self.report(NOT_A_YEAR_KEY.code, ("header", name), span,
                                    f"column '{name}' is neither a year nor one of {', '.join((ID_COLUMN, *META_COLUMNS))}: {parsed.message}",
                                    f"{parsed.help}; a breakdown column is written {BY_PREFIX}{name}" if parsed.help
                                    else f"a breakdown column is written {BY_PREFIX}{name}")
                    continue
                else:
                    meaning = parsed.value
            if meaning in seen:
                first = pos.header[seen[meaning]]
                same = f"'{name}' and '{first}' are the same year ({meaning})" if name != first else f"column '{name}' is given twice"
                self.report(DUPLICATE_KEY.code, ("header", name), span, f"{same}: columns {seen[meaning] + 1} and {i + 1}",
                            "keep one column: a second one would silently replace the first",
                            (Location(self.file, pos.cell(line, fields, seen[meaning]), dotted(("header", first))),))
                continue
            seen[meaning] = i
            pos.column[name if (i, meaning) not in pos.dimensions else meaning] = i
            if (i, meaning) not in pos.dimensions:
                (years if isinstance(meaning, int) else meta).append((i, name))
        if ID_COLUMN not in pos.column:
            self.report(DATA_SHAPE.code, ("header",), Span(line, 1, line, 2), f"the header has no '{ID_COLUMN}' column",
                        f"start the header with {ID_COLUMN},label,unit,kind,H10,H11,… (the first row names the columns)")
        return meta, years

    def tree(self, rows: list[tuple[int, list[str]]]) -> tuple[Tree, CsvPositions, list[Diagnostic]]:
        pos = self.pos
        meta, years = self.header(*rows[0])
        if ID_COLUMN not in pos.column:
            return {"indicators": {}}, pos, self.diags
        if pos.dimensions:
            return keyed_tree(self, rows[1:], meta, years)
        id_index = pos.column[ID_COLUMN]
        width = len(pos.header)
        indicators: dict[str, Any] = {}
        for line, fields in rows[1:]:
            n = len(fields)
            if n > width and any(f.strip() for f in fields[width:]):
                self.report(DATA_SHAPE.code, (), pos.cell(line, fields, width), f"the row has {n} cells but the header names {width} columns",
                            "remove the extra cells or add a header for their column")
            id = fields[id_index].strip() if id_index < n else ""
            if not id:
                self.report(DATA_SHAPE.code, (), pos.cell(line, fields, id_index), "the row has no indicator id",
                            f"write the indicator's id in the '{ID_COLUMN}' column")
                continue
            if id in pos.rows:
                first = pos.rows[id][0]
                self.report(DUPLICATE_KEY.code, ("indicators", id), pos.cell(line, fields, id_index),
                            f"indicator '{id}' is given twice (rows on lines {first} and {line})",
                            "keep one row per indicator: a second one would silently replace the first",
                            (Location(self.file, Span(first, 1, first, 2), dotted(("indicators", id))),))
                continue
            pos.rows[id] = (line, fields)
            entry: dict[str, Any] = {}
            for i, name in meta:
                value = fields[i].strip() if i < n else ""
                if not value or name == ID_COLUMN:
                    continue
                if not name:
                    self.report(DATA_SHAPE.code, ("indicators", id), pos.cell(line, fields, i),
                                f"column {i + 1} has a value but no header", "name the column in the header or empty the cell")
                    continue
                entry[name] = value
            entry["values"] = {name: (fields[i] if i < n else "") for i, name in years}
            indicators[id] = entry
        return {"indicators": indicators}, pos, self.diags

# -- breakdown columns (by:region) and the long layout (indicator,region,year,value) ----------------------------
# Rows become the tree a YAML file with ``by:`` gives (``data_breakdown``): wide, one row per indicator and key (a row
# whose breakdown cells are all empty holds the total); long, one row per value, the ``year`` column in any year
# form.  Cells stay text, so ``data.build`` reads them as YAML's (集計中, －, empty = unknown).  A key row or a value
# given twice is TGT302 naming both lines; positions point at the cell (``CsvPositions.keyed``).
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
