"""Excel workbooks (.xlsx) to the plain tree of a data file, as ministries keep the sheet's table ⑥.

Imported only when a ``.xlsx`` is read; needs the optional extra ``tgtcheck[excel]`` (openpyxl).
The rows become the same tree a YAML file gives, and ``data.build`` checks and converts them,
so a workbook means what the same table means in YAML or CSV (集計中, －, empty cells, counts).

Layouts (docs/data.md), found from the header row, the first row with an ``indicator`` cell
(rows above it are the sheet's title):
- wide, the sheet's own: one row per indicator, one column per year, headers as written
  (``平成10年度``, ``H10``, ``2002年度``, ``FY2002``, ``2002``), optional ``label``/``unit``/``kind``/
  ``footnote`` columns (also 指標名, 単位, 種類, 脚注);
- long: columns ``indicator``, ``year``, ``value`` (also 年度, 値), one row per value.
A row whose first cell starts with ``※`` is a footnote of the table (``notes``).  Every visible
sheet is read; a hidden sheet is skipped with a notice; the same indicator on two sheets is an error.

Numbers.  Excel keeps a number as a binary double and shows at most 15 significant digits; the
value read is that decimal, ``format(x, ".15g")``, made exact: a cell holding 0.1 is 1/10 (not
0.1000000000000000055…), and a formula's 0.30000000000000004 is the 0.3 the sheet shows.
A formula is read as the value Excel saved with it; one saved without a value (files written
by scripts) is refused, as are merged cells inside the table, dates and error values (#N/A).

Reader: openpyxl in read-only mode, measured against python-calamine in docs/performance.md.
openpyxl is pure Python (installs wherever tgtcheck does) and keeps what the messages need;
merged ranges and cells whose formula has no saved value are found by a scan of the sheet's XML,
which read-only mode does not expose.  Problems name the sheet and cell:
``data.xlsx: sheet 'R3', cell C7: indicators.patents.values.H14: error[TGT303]: …``.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

from ..core.diagnostics import (
    DATA_SHAPE,
    DATA_SYNTAX,
    DATA_TOO_LARGE,
    DATA_UNREADABLE,
    DUPLICATE_KEY,
    NOT_A_YEAR_KEY,
    VALUE_NOT_A_NUMBER,
    Code,
    Diagnostic,
    Location,
    Severity,
    Span,
)
from ..core.years import YearError, parse_year
from .breakdown import DIMENSION_RE
from .tree import Path, Tree, dotted

MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # a zip bomb is refused before anything is unpacked
ID_HEADERS = ("indicator", "指標id")
META_HEADERS: dict[str, str] = {
    "label": "label", "指標名": "label", "unit": "unit", "単位": "unit",
    "kind": "kind", "種類": "kind", "footnote": "footnote", "脚注": "footnote",
}
LONG_HEADERS: dict[str, str] = {"year": "year", "年度": "year", "value": "value", "値": "value", "note": "note", "注記": "note"}
_ERAS_JA = {"明治": "M", "大正": "T", "昭和": "S", "平成": "H", "令和": "R"}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_JA_YEAR_RE = re.compile(r"(明治|大正|昭和|平成|令和)(\d+|元)年度?")
_YEAR_SUFFIX_RE = re.compile(r"(.+?)年度?")
_FOOTNOTE_RE = re.compile(r"(※\s*[0-9０-９]*)[\s　:：.．]*(.*)", re.S)
_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+)(?::([A-Z]+[0-9]+))?"')
_CELL_RE = re.compile(rb"<(?:\w+:)?c\s([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF_RE = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_VALUE_RE = re.compile(rb"<(?:\w+:)?v>[^<]")
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def parse_xlsx(path: str, max_bytes: int) -> tuple[Tree, _Workbook | None, list[Diagnostic], tuple[str, ...]]:
    """The tree of a workbook, its cells (the ``Positions``), what is wrong with it, and notices (hidden sheets).

    Like the text formats' parsers: ``data.load_data`` builds the dataset from the tree."""
    problem = _check_file(path, max_bytes)
    if problem is not None:
        return None, None, [problem], ()
    try:
        import openpyxl
    except ImportError:
        from ..core.install import install_hint

        return None, None, [Diagnostic(DATA_UNREADABLE.code, Severity.ERROR, f"reading {path} needs openpyxl, which is not installed",
                                       Location(path), f"{install_hint('excel')}; or save the sheet as CSV UTF-8")], ()
    try:
        with zipfile.ZipFile(path) as z:
            parts, bad = _sheet_parts(z, path)
            if bad is not None:
                return None, None, [bad], ()
            scans = {name: _scan(z, part) for name, part in parts.items()}
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ElementTree.ParseError, TypeError, AttributeError) as exc:
        return None, None, [Diagnostic(DATA_SYNTAX.code, Severity.ERROR, f"{path} is not a valid .xlsx workbook ({type(exc).__name__}: {exc})",
                                       Location(path), "open it in Excel and save it again as 'Excel Workbook (*.xlsx)'")], ()
    reader = _Workbook(path, scans)
    try:
        for sheet in book.worksheets:
            reader.sheet(sheet)
    finally:
        book.close()
    return reader.tree, (None if reader.diags else reader), reader.diags, tuple(reader.notices)


def _check_file(path: str, max_bytes: int) -> Diagnostic | None:
    try:
        info = os.stat(path)
    except OSError as exc:
        return Diagnostic(DATA_UNREADABLE.code, Severity.ERROR, f"cannot read {path}: {exc.strerror or exc}", Location(path),
                          "check the data path given in the spec or with --data")
    if not stat.S_ISREG(info.st_mode):
        return Diagnostic(DATA_UNREADABLE.code, Severity.ERROR, f"{path} is not a regular file", Location(path), "give the path of a .xlsx file")
    if info.st_size > max_bytes:
        return Diagnostic(DATA_TOO_LARGE.code, Severity.ERROR, f"{path} is {info.st_size / 2**20:.0f} MB; data files may be at most "
                          f"{max_bytes // 2**20} MB", Location(path), "split the data into several workbooks")
    return None


def _sheet_parts(z: zipfile.ZipFile, path: str) -> tuple[dict[str, str], Diagnostic | None]:
    """Sheet name -> its XML part, from the workbook's relationships; refuses zip bombs and DTDs."""
    if sum(i.file_size for i in z.infolist()) > MAX_UNPACKED_BYTES:
        return {}, Diagnostic(DATA_TOO_LARGE.code, Severity.ERROR, f"{path} unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB",
                              Location(path), "split the data into several workbooks")
    for info in z.infolist():
        if info.filename.endswith((".xml", ".rels")):
            with z.open(info) as f:
                if b"<!DOCTYPE" in f.read(4096).upper():
                    return {}, Diagnostic(DATA_TOO_LARGE.code, Severity.ERROR, f"{path}: {info.filename} declares a DTD, which no Excel file does",
                                          Location(path), "save the workbook again from Excel")
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", _NS)}
    book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    parts: dict[str, str] = {}
    for sheet in book.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts, None


class _Scan:
    """What read-only openpyxl does not tell: merged ranges, and cells whose formula has no saved value."""

    def __init__(self) -> None:
        self.merged: list[tuple[int, int, str]] = []  # (first row, last row, "C7:D7")
        self.unvalued_formulas: list[str] = []


def _scan(z: zipfile.ZipFile, part: str) -> _Scan:
    scan = _Scan()
    if part not in z.namelist():
        return scan
    xml = z.read(part)
    for m in _MERGE_RE.finditer(xml):
        first, last = m.group(1).decode(), (m.group(2) or m.group(1)).decode()
        scan.merged.append((_row(first), _row(last), f"{first}:{last}" if m.group(2) else first))
    if b"<f" in xml or b":f>" in xml or b":f " in xml:
        for m in _CELL_RE.finditer(xml):
            body = m.group(2) or b""
            if (b"<f" in body or b":f" in body) and not _VALUE_RE.search(body):
                ref = _REF_RE.search(m.group(1))
                if ref:
                    scan.unvalued_formulas.append(ref.group(1).decode())
    return scan


def _row(ref: str) -> int:
    return int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def _ref(row: int, column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def year_key(raw: Any) -> str | None:
    """A header or year cell as a year key parse_year reads (平成10年度 -> H10, 2002年度 -> 2002), or None."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer()):
        text = str(int(raw))
    elif isinstance(raw, str):
        text = "".join(raw.split()).translate(_FULLWIDTH)
    else:
        return None
    m = _JA_YEAR_RE.fullmatch(text)
    if m:
        text = _ERAS_JA[m.group(1)] + m.group(2)
    else:
        m = _YEAR_SUFFIX_RE.fullmatch(text)
        if m and text.endswith(("年", "年度")):
            text = m.group(1)
    return text if not isinstance(parse_year(text), YearError) else None


def cell_value(raw: Any) -> Any:
    """A cell's value as the tree holds it: text stays text, a number becomes the decimal Excel shows."""
    if isinstance(raw, float):
        d = Decimal(format(raw, ".15g"))
        return int(d) if d == d.to_integral_value() and abs(d) < 10**15 else d
    return raw


class _Workbook:
    """Sheets to one tree; also the ``Positions`` of that tree (cells, not lines)."""

    def __init__(self, path: str, scans: dict[str, _Scan]) -> None:
        self.path = path
        self.scans = scans
        self.tree: dict[str, Any] = {"indicators": {}}
        self.cells: dict[str, tuple[str, str]] = {}  # dotted path -> (sheet, value cell)
        self.keys: dict[str, tuple[str, str]] = {}  # dotted path -> (sheet, key cell: a year header, an id)
        self.diags: list[Diagnostic] = []
        self.notices: list[str] = []
        self.owner: dict[str, tuple[str, str, str]] = {}  # indicator id -> (sheet, id cell, layout) where first seen

    # -- Positions: a workbook's places are cells; the location's file names them -------------------
    def span(self, path: Path, key: bool = False) -> Span | None:
        return None

    def spans(self, mapping: dict[str, Any], path: Path, key: bool) -> dict[str, Span] | None:
        return None

    def sheet_cell(self, path: Path, key: bool = False) -> str | None:
        dotted_path = dotted(path) or ""
        found = (self.keys.get(dotted_path) if key else None) or self.cells.get(dotted_path) or self.keys.get(dotted_path)
        while found is None and path:  # a field of an indicator: its row's id cell
            path = path[:-1]
            found = self.keys.get(dotted(path) or "")
        return self.where(*found) if found else None

    def where(self, sheet: str, ref: str | None = None) -> str:
        return f"{self.path}: sheet '{sheet}'" + (f", cell {ref}" if ref else "")

    def error(self, code: Code, sheet: str, ref: str | None, message: str, help: str) -> None:
        self.diags.append(Diagnostic(code.code, code.severity, message, Location(self.where(sheet, ref)), help))

    # -- reading ---------------------------------------------------------------------------------------
    def sheet(self, ws: Any) -> None:
        name = ws.title
        if ws.sheet_state != "visible":
            self.notices.append(f"{self.path}: {ws.sheet_state} sheet '{name}' not read (unhide it in Excel to read it)")
            return
        ws.reset_dimensions()  # read every cell, whatever the sheet's stored dimension says
        rows = [(n, list(r)) for n, r in enumerate(ws.iter_rows(values_only=True), start=1) if any(v not in (None, "") for v in r)]
        if not rows:
            return
        scan = self.scans.get(name, _Scan())
        for ref in scan.unvalued_formulas:
            self.error(VALUE_NOT_A_NUMBER, name, ref, "the cell holds a formula that was saved without its value",
                       "open the workbook in Excel and save it (Excel saves each formula's value), or type the number in")
        header_at = next((i for i, (_, cells) in enumerate(rows) if any(_norm(c) in ID_HEADERS for c in cells)), None)
        if header_at is None:
            self.error(DATA_SHAPE, name, None, f"sheet '{name}' has no header row with an `indicator` column",
                       "add a header row: indicator, label, unit, then one column per year (H13, 平成14年度 …); "
                       "or hide the sheet if it is not data")
            return
        header_row, header = rows[header_at]
        body = [(n, cells) for n, cells in rows[header_at + 1:]]
        notes = [(n, cells) for n, cells in body if _footnote(cells) is not None]
        table_rows = {header_row} | {n for n, _ in body} - {n for n, _ in notes}
        for r1, r2, text in scan.merged:
            if any(r1 <= r <= r2 for r in table_rows):
                self.error(DATA_SHAPE, name, text.split(":")[0], f"cells {text} are merged inside the table",
                           "unmerge them (Home → Merge & Center → Unmerge Cells) and give each year and indicator its own cell")
        columns = {_norm(c): i for i, c in enumerate(header) if _norm(c)}
        if "year" in {LONG_HEADERS.get(k) for k in columns} and "value" in {LONG_HEADERS.get(k) for k in columns}:
            self.long_table(name, header_row, header, [b for b in body if b not in notes])
        else:
            self.wide_table(name, header_row, header, [b for b in body if b not in notes])
        for n, cells in notes:
            self.footnote(name, n, cells)

    def wide_table(self, sheet: str, header_row: int, header: list[Any], body: list[tuple[int, list[Any]]]) -> None:
        id_col = next(i for i, c in enumerate(header) if _norm(c) in ID_HEADERS)
        fields: dict[int, str] = {}  # column -> meta field or year key
        seen: dict[str, str] = {}
        for col, raw in enumerate(header):
            ref = _ref(header_row, col + 1)
            if col == id_col or raw in (None, ""):
                if raw in (None, "") and any(col < len(cells) and cells[col] not in (None, "") for _, cells in body):
                    self.error(DATA_SHAPE, sheet, ref, "a column with values has no header",
                               "write the year (H13, 平成13年度, 2001) or the field (label, unit, kind, footnote) in the header cell")
                continue
            key = META_HEADERS.get(_norm(raw)) or year_key(raw)
            if key is None:
                self.error(NOT_A_YEAR_KEY, sheet, ref, f"the column header {_show(raw)} is neither a year nor one of "
                           "indicator, label (指標名), unit (単位), kind (種類), footnote (脚注)",
                           "write a year (H13, 平成13年度, 2001年度, FY2001) or one of those fields")
                continue
            if key in seen:
                self.error(DUPLICATE_KEY, sheet, ref, f"the column {_show(raw)} is there twice (also {seen[key]})",
                           "keep one column per year: a second one would silently replace the first")
                continue
            seen[key] = ref
            fields[col] = key
        for row, cells in body:
            ident = self.row_id(sheet, row, cells, id_col, "wide")
            if ident is None:
                continue
            entry: dict[str, Any] = {"values": {}}
            for col, key in fields.items():
                raw = cells[col] if col < len(cells) else None
                if key in META_HEADERS.values():
                    if raw not in (None, ""):
                        entry[key] = raw
                        self.cells[f"indicators.{ident}.{key}"] = (sheet, _ref(row, col + 1))
                    continue
                entry["values"][key] = cell_value(raw)
                self.cells[f"indicators.{ident}.values.{key}"] = (sheet, _ref(row, col + 1))
                self.keys[f"indicators.{ident}.values.{key}"] = (sheet, _ref(header_row, col + 1))
            self.tree["indicators"][ident] = entry

    def long_table(self, sheet: str, header_row: int, header: list[Any], body: list[tuple[int, list[Any]]]) -> None:
        cols: dict[str, int] = {}
        dims: list[tuple[int, str]] = []  # breakdown columns (region, sex): docs/data.md, *Breakdowns*
        for col, raw in enumerate(header):
            field = "id" if _norm(raw) in ID_HEADERS else META_HEADERS.get(_norm(raw)) or LONG_HEADERS.get(_norm(raw))
            if field is None and isinstance(raw, str) and DIMENSION_RE.fullmatch(raw.strip()):
                dims.append((col, raw.strip()))
            elif field is None and raw not in (None, ""):
                self.error(DATA_SHAPE, sheet, _ref(header_row, col + 1), f"the column header {_show(raw)} is not a field of the long layout",
                           "the long layout's columns are indicator, year (年度), value (値), and optionally label, unit, kind, footnote, note")
            elif field is not None:
                cols[field] = col
        for row, cells in body:
            ident = self.row_id(sheet, row, cells, cols["id"], "long")
            if ident is None:
                continue
            entry = self.tree["indicators"].setdefault(ident, {"values": {}})

            def get(field: str, cells: list[Any] = cells) -> Any:
                return cells[cols[field]] if field in cols and cols[field] < len(cells) else None

            year_raw, year_ref = get("year"), _ref(row, cols["year"] + 1)
            key = year_key(year_raw)
            if key is None:
                self.error(NOT_A_YEAR_KEY, sheet, year_ref, f"{_show(year_raw)} is not a year", "write a year: H13, 平成13年度, 2001年度, FY2001")
                continue
            filled = [(d, str(cells[c]).strip()) for c, d in dims if c < len(cells) and cells[c] not in (None, "")]
            values = entry["values"]
            path = f"indicators.{ident}.values.{key}"
            if filled:
                spec, k = ", ".join(d for d, _ in filled), ", ".join(v for _, v in filled)
                values = entry.setdefault("by", {}).setdefault(spec, {}).setdefault(k, {})
                path = f"indicators.{ident}.by.{spec}.{k}.{key}"
            if key in values:
                self.error(DUPLICATE_KEY, sheet, year_ref, f"{ident} has a second row for {key} (the first: {self.cells[path][1]})",
                           "keep one row per indicator and year: a second one would silently replace the first")
                continue
            values[key] = cell_value(get("value"))
            self.cells[path] = (sheet, _ref(row, cols["value"] + 1))
            self.keys[path] = (sheet, year_ref)
            note = get("note")
            if note not in (None, ""):
                entry.setdefault("notes", {})[key] = note
            for field in ("label", "unit", "kind", "footnote"):
                value = get(field)
                if value in (None, ""):
                    continue
                if field in entry and entry[field] != value:
                    self.error(DUPLICATE_KEY, sheet, _ref(row, cols[field] + 1),
                               f"{ident}'s {field} is {_show(value)} here but {_show(entry[field])} on an earlier row",
                               f"write the same {field} on every row of {ident}, or only on its first row")
                entry[field] = value
                self.cells.setdefault(f"indicators.{ident}.{field}", (sheet, _ref(row, cols[field] + 1)))

    def row_id(self, sheet: str, row: int, cells: list[Any], id_col: int, layout: str) -> str | None:
        """The indicator id of a row, reporting an empty or repeated one (a long table repeats an id on its own sheet)."""
        raw = cells[id_col] if id_col < len(cells) else None
        ref = _ref(row, id_col + 1)
        if raw in (None, ""):
            self.error(DATA_SHAPE, sheet, ref, f"row {row} has values but no indicator id",
                       "write the indicator's id (the name the spec declares with `indicator NAME`) in this cell")
            return None
        ident = str(raw).strip()
        first = self.owner.get(ident)
        if first is None:
            self.owner[ident] = (sheet, ref, layout)
            self.keys[f"indicators.{ident}"] = (sheet, ref)
        elif layout == "wide" or first[2] == "wide" or first[0] != sheet:
            self.error(DUPLICATE_KEY, sheet, ref, f"indicator '{ident}' is there twice (also sheet '{first[0]}', cell {first[1]})",
                       "keep one row per indicator: a second one would silently replace the first")
            return None
        return ident

    def footnote(self, sheet: str, row: int, cells: list[Any]) -> None:
        parsed = _footnote(cells)
        assert parsed is not None
        col, key, text = parsed
        others = [i for i, c in enumerate(cells) if c not in (None, "") and i != col]
        if others:
            self.error(DATA_SHAPE, sheet, _ref(row, others[0] + 1), f"the footnote row {row} ({key}) has other cells filled",
                       "keep a footnote's text in one cell (※1 …), or move the values to an indicator's row")
            return
        notes = self.tree.setdefault("notes", {})
        if key in notes:
            self.error(DUPLICATE_KEY, sheet, _ref(row, col + 1), f"footnote {key} is there twice", "number the footnotes ※1, ※2 … once each")
            return
        notes[key] = text


def _norm(raw: Any) -> str:
    return "".join(raw.split()).lower() if isinstance(raw, str) else ""


def _show(raw: Any) -> str:
    return f"'{raw}'" if isinstance(raw, str) else f"{raw!r} ({type(raw).__name__})"


def _footnote(cells: list[Any]) -> tuple[int, str, str] | None:
    """(column, ※1, text) when the row's first filled cell is a footnote."""
    for col, raw in enumerate(cells):
        if raw in (None, ""):
            continue
        if isinstance(raw, str) and raw.lstrip().startswith("※"):
            m = _FOOTNOTE_RE.match(raw.strip())
            assert m is not None
            key = "".join(m.group(1).split()).translate(_FULLWIDTH)
            return col, key, m.group(2).strip() or raw.strip()
        return None
    return None
