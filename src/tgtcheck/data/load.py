"""Indicator data files (YAML, JSON, CSV) to a ``Dataset``, or diagnostics.

``load_data`` is the one entry point: it reads the file (size cap, UTF-8
with BOM/CRLF accepted), hands the text to the format's parser
(``data_yaml``, ``data_json``, ``data_csv``, imported lazily so start-up
never pays for PyYAML or csv) and builds the model here, once for all
formats, so the three formats cannot drift apart in meaning.

Shape and reasons:
- Each parser turns its text into a plain tree (dicts with text keys;
  leaves ``int``, ``Decimal``, ``str``, ``None``) plus a ``Positions``
  object that finds the line and column of a data path.  Parsers keep
  numbers exact (never through binary ``float``) and report what the plain
  tree would lose: duplicate keys, YAML aliases, syntax errors.
- ``_Builder`` validates the shape by hand in the same walk that builds the
  cells.  ``schema/data.schema.json`` is the documented contract (and what
  editors use); tests check that schema and builder agree on the fixtures.
  A hand walk reports every error with its path, gives did-you-mean hints,
  and costs nothing extra on the happy path: a schema pass over 10,000
  indicators x 20 years takes about 1 s with fastjsonschema (14 s with
  jsonschema), the whole budget for loading such a file.
- Nothing raises for bad input: every problem is a ``Diagnostic`` naming
  the file, the line and column (when the format knows them) and the data
  path such as ``indicators.patents.values.H14``.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from ..core.diagnostics import (
    CODES,
    DATA_HEISEI_AFTER_ITS_END,
    DATA_SHAPE,
    DATA_TOO_LARGE,
    DATA_UNREADABLE,
    DUPLICATE_KEY,
    NEGATIVE_COUNT,
    NOT_FINITE,
    UNKNOWN_FIELD,
    VALUE_NOT_A_NUMBER,
    Diagnostic,
    Location,
    Severity,
    Span,
)
from ..core.digits import refusal
from ..core.years import YearError
from .dataset import Cell, Dataset, Marker, Pairs, Series, Value
from .tree import Oversized, Path, Positions, Tree, clip, did_you_mean, dotted, year_of

DATA_SUFFIXES: tuple[str, ...] = (".yaml", ".yml", ".json", ".csv", ".xlsx")
MAX_DATA_BYTES = 64 * 1024 * 1024
MAX_DIGITS = 1000  # digits of a value written as text (a YAML/JSON number's exponent is bounded by MAX_EXPONENT)
MAX_EXPONENT = 100  # |decimal exponent| of a value: 1e999999999 would exhaust memory as a Fraction
KINDS: tuple[str, ...] = ("count", "amount", "percent")
TOP_FIELDS: tuple[str, ...] = ("indicators", "notes", "$schema")
INDICATOR_FIELDS: tuple[str, ...] = ("label", "unit", "kind", "footnote", "values", "notes", "by")
TEXT_FIELDS: tuple[str, ...] = ("label", "unit", "footnote")

NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# text values: full-width digits, signs and separators read as ASCII, one for one
_FULLWIDTH = str.maketrans("０１２３４５６７８９，．－＋−", "0123456789,.-+-")  # − is U+2212 MINUS SIGN
_THOUSANDS_GROUP_RE = re.compile(r"[0-9]{3}")  # a year key that is the tail of 12,400
_PLAIN_DECIMAL_RE = re.compile(r"[0-9]+\.[0-9]+")
_NUMBER_RE = re.compile(r"[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_PENDING = frozenset({"pending", "集計中"})
_NOT_APPLICABLE = frozenset({"n/a", "-", "―", "—"})  # "－" is "-" after _FULLWIDTH
# the spellings met in practice, looked up before any normalisation
_MARKERS: dict[str, Marker] = {
    "集計中": Marker.PENDING, "pending": Marker.PENDING, "－": Marker.NOT_APPLICABLE,
    "n/a": Marker.NOT_APPLICABLE, "-": Marker.NOT_APPLICABLE, "": Marker.UNKNOWN,
}
VALUE_HELP = VALUE_NOT_A_NUMBER.fix


def load_data(path: str, encoding: str | None = None) -> tuple[Dataset | None, list[Diagnostic]]:
    """Read an indicator data file; ``None`` and the reasons if anything is wrong.

    ``encoding`` (``--data-encoding``) reads a text file in that encoding only; without it a CSV
    that is not UTF-8 may be read as CP932, with a notice (``data_encoding``)."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".xlsx":
        return _load_workbook(path)
    if suffix in (".xls", ".xlsm", ".xlsb", ".ods"):
        return None, [_file_error(
            path, f"{path} is a workbook format tgtcheck does not read ({suffix}); it reads .xlsx workbooks",
            "open it in Excel and save it as 'Excel Workbook (*.xlsx)', then give that file",
        )]
    if suffix not in DATA_SUFFIXES:
        return None, [_file_error(
            path, f"{path} is not a data file tgtcheck reads: the known extensions are {', '.join(DATA_SUFFIXES)}",
            "save the data as YAML (.yaml/.yml), JSON (.json), CSV (.csv) or an Excel workbook (.xlsx) and give that file",
        )]
    notices: tuple[str, ...] = ()
    if suffix == ".csv" or encoding is not None:
        text, diag, notices = read_text_guessing(path, encoding)
    else:
        text, diag = read_text(path)
    if text is None:
        return None, [diag] if diag else []
    return load_text(text, path, notices)


def load_text(text: str, path: str, notices: tuple[str, ...] = ()) -> tuple[Dataset | None, list[Diagnostic]]:
    """The data of a file's text (LF line endings), its format from ``path``'s extension: the loader without the disk.

    ``notices``: what reading the file noticed (a CSV read as CP932), kept on the dataset."""
    suffix = os.path.splitext(path)[1].lower()
    parse: Callable[[str, str], tuple[Tree, Positions | None, list[Diagnostic]]]
    if suffix == ".json":
        from .from_json import parse_json as parse
    elif suffix == ".csv":
        from .from_csv import parse_csv as parse
    else:
        from .from_yaml import parse_yaml as parse
    # Bulk loading makes hundreds of thousands of objects and no cycles: the
    # cyclic GC would rescan them all again and again (YAML, 10,000 x 20: 6.5 s -> 3 s).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        tree, positions, diags = parse(text, path)
        dataset = None
        if positions is not None:  # the text parsed: build (and find more errors) even after a duplicate key
            dataset, more = build(tree, path, positions)
            diags = diags + more
    finally:
        if gc_was_enabled:
            gc.enable()
    if any(d.is_error for d in diags):
        dataset = None
    elif dataset is not None and notices:
        dataset = replace(dataset, notices=notices)
    diags.sort(key=lambda d: d.location.span.line if d.location.span else 0)
    return dataset, diags


def _load_workbook(path: str) -> tuple[Dataset | None, list[Diagnostic]]:
    """An Excel workbook: ``data_xlsx`` reads the sheets into the same tree, built here as every format is."""
    from .from_xlsx import parse_xlsx

    tree, cells, diags, notices = parse_xlsx(path, MAX_DATA_BYTES)
    dataset, more = build(tree, path, cells) if cells is not None else (None, [])
    if dataset is not None and notices and not more:
        dataset = replace(dataset, notices=notices)
    return (None if diags or more else dataset), diags + more


def read_text(path: str) -> tuple[str | None, Diagnostic | None]:
    """The file's text with LF line endings, or a TGT300/TGT309 diagnostic."""
    from ..core.sources import decode

    raw, problem = read_bytes(path)
    if raw is None:
        return None, problem
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"; decode() would call it binary (NUL bytes)
        return None, _file_error(path, "the file is not UTF-8; it is UTF-16",
                                 f"convert it to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8 {path} > fixed{os.path.splitext(path)[1]}`, "
                                 "or save it as 'CSV UTF-8' / 'UTF-8' in your editor")
    text, diag = decode(raw, path)
    if diag is not None:
        suffix = os.path.splitext(path)[1]
        help = (diag.help or "").replace("fixed.tgt", f"fixed{suffix}").replace("a spec must be", "a data file must be")
        return None, Diagnostic("TGT300", Severity.ERROR, diag.message, diag.location, help)
    return text, None


def read_text_guessing(path: str, encoding: str | None) -> tuple[str | None, Diagnostic | None, tuple[str, ...]]:
    """A CSV's text (UTF-8, else CP932 with a notice) or that of a file with an explicit encoding."""
    from .encoding import decode_csv

    if encoding is None and raw_starts_utf16(path):  # Excel's "Unicode text" (tab-separated): read_text names it
        text, problem = read_text(path)
        return text, problem, ()
    raw, problem = read_bytes(path)
    if raw is None:
        return None, problem, ()
    text, notice, diag = decode_csv(raw, path, encoding)
    return text, diag, (notice,) if notice else ()


def raw_starts_utf16(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(2) in (b"\xff\xfe", b"\xfe\xff")
    except (OSError, ValueError):
        return False


def read_bytes(path: str) -> tuple[bytes | None, Diagnostic | None]:
    """The bytes of a regular data file within the size limit, or a TGT300/TGT309 diagnostic."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return None, _file_error(path, f"{path} is a directory, not a data file", "give the path of a .yaml, .json or .csv file")
        if not stat.S_ISREG(info.st_mode):
            return None, _file_error(path, f"{path} is not a regular file", "give the path of a .yaml, .json or .csv file")
        size = info.st_size
        if size > MAX_DATA_BYTES:
            return None, Diagnostic(
                DATA_TOO_LARGE.code, Severity.ERROR,
                f"{path} is {size / 2**20:.0f} MB; data files may be at most {MAX_DATA_BYTES // 2**20} MB",
                Location(path), "split the data into several files",
            )
        with open(path, "rb") as f:
            return f.read(), None
    except (OSError, ValueError) as exc:
        return None, _file_error(path, f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}", CODES["TGT300"].fix)


def _file_error(path: str, message: str, help: str) -> Diagnostic:
    return Diagnostic(DATA_UNREADABLE.code, Severity.ERROR, message, Location(path), help)


def build(tree: Tree, file: str, positions: Positions) -> tuple[Dataset | None, list[Diagnostic]]:
    """Check a parsed tree against the data shape and build the ``Dataset``."""
    b = _Builder(file, positions)
    dataset = b.dataset(tree)
    return (None if any(d.is_error for d in b.diags) else dataset), b.diags  # warnings (TGT313) keep the data


class Bad(NamedTuple):
    """Why a value is refused: the code and what was found ("text '多数'")."""

    code: str
    found: str


def text_value(text: str) -> Value | Bad:
    """A value written as text (``2,568``, ``１２``, ``集計中``, ``－``, ``""``), or why it is none."""
    s = text.strip().translate(_FULLWIDTH)
    if not s:
        return Marker.UNKNOWN
    why = refusal(s)
    if why is not None:
        return Bad("TGT303", f"text {why}")
    low = s.lower()
    if low in _PENDING:
        return Marker.PENDING
    if low in _NOT_APPLICABLE:
        return Marker.NOT_APPLICABLE
    if _NUMBER_RE.fullmatch(s):
        if len(s) > MAX_DIGITS:
            return Bad("TGT305", f"a number of {len(s):,} characters, too large for a data value")
        return decimal_value(Decimal(s.replace(",", "")))
    if low.lstrip("+-.") in ("nan", "inf", "infinity"):
        return Bad(NOT_FINITE.code, f"'{text}'")
    if s.endswith("%") and _NUMBER_RE.fullmatch(s[:-1].strip()):
        return Bad(VALUE_NOT_A_NUMBER.code, f"text '{text}' (write the number without %: the indicator's kind, percent, gives the unit)")
    return Bad(VALUE_NOT_A_NUMBER.code, f"text '{text}'")


def decimal_value(d: Decimal) -> Fraction | Bad:
    if not d.is_finite():
        return Bad(NOT_FINITE.code, str(d))
    if not -MAX_EXPONENT <= d.adjusted() <= MAX_EXPONENT:
        return Bad(NOT_FINITE.code, f"{d:.3e}, too large or too small for a data value")
    return Fraction(d)


def describe(raw: Any) -> str:
    """What a value is, for 'found …' in messages."""
    if raw is None:
        return "nothing (null)"
    if isinstance(raw, bool):
        return f"a boolean ({str(raw).lower()}; in YAML yes/no/on/off/true/false are booleans: quote text)"
    if isinstance(raw, (int, Decimal, Fraction)):
        return f"a number ({raw})"
    if isinstance(raw, str):
        return f"text '{raw}'"
    if isinstance(raw, dict):
        return "a mapping"
    if isinstance(raw, list):
        if raw == [None]:
            return "a list (in YAML a lone - starts a list: write '-' in quotes, or －)"
        return "a list"
    return f"a {type(raw).__name__} ({raw})"


class _Builder:
    """One walk over the tree: shape checks, value checks, and the cells."""

    def __init__(self, file: str, positions: Positions) -> None:
        self.file = file
        self.pos = positions
        self.diags: list[Diagnostic] = []
        self.years: dict[str, int | YearError] = {}
        self.keyed: dict[str, Series] = {}  # breakdown series by their id (employment[region=DE])
        self.breakdowns: dict[str, tuple[Pairs, ...]] = {}

    def report(self, code: str, path: Path, message: str, help: str | None = None, *, key: bool = False,
               span: Span | None = None, related: tuple[Location, ...] = ()) -> None:
        if span is None:
            span = self.pos.span(path, key)
        cell = getattr(self.pos, "sheet_cell", None)  # a workbook has cells, not lines: "data.xlsx: sheet 'R3', cell C7"
        file = (cell(path, key) or self.file) if cell is not None else self.file
        self.diags.append(Diagnostic(
            code, CODES[code].severity, message, Location(file, span, dotted(path)), help or CODES[code].fix, related,
        ))

    def dataset(self, tree: Tree) -> Dataset:
        series: dict[str, Series] = {}
        notes: dict[str, str] = {}
        if tree is None:
            self.report(DATA_SHAPE.code, (), "the data file is empty: expected a mapping with `indicators`",
                        "start the file with `indicators:` and one entry per indicator", span=Span(1, 1, 1, 1))
        elif not isinstance(tree, dict):
            self.report(DATA_SHAPE.code, (), f"expected a mapping with `indicators` at the top of the file, found {describe(tree)}",
                        "start the file with `indicators:` and one entry per indicator")
        else:
            misspelt = self.unknown_fields(tree, (), TOP_FIELDS, "at the top of the file")
            if not isinstance(tree.get("$schema", ""), str):
                self.report(DATA_SHAPE.code, ("$schema",), f"expected the schema's path or URL, found {describe(tree['$schema'])}")
            indicators = tree.get("indicators", _MISSING)
            if indicators is _MISSING:
                if "indicators" not in misspelt:
                    self.report(DATA_SHAPE.code, (), "the data has no `indicators`", "add `indicators:` with one entry per indicator",
                                span=Span(1, 1, 1, 1))
            elif not isinstance(indicators, dict):
                self.report(DATA_SHAPE.code, ("indicators",), f"expected a mapping from indicator ids to their data, found {describe(indicators)}",
                            "write `indicators:` then one `id:` entry per indicator, each with its `values:`")
            else:
                spans = self.pos.spans(indicators, ("indicators",), True) or {}
                for id, raw in indicators.items():
                    s = self.series(id, raw, ("indicators", id), spans.get(id))
                    if s is not None:
                        series[id] = s
            notes = self.texts(tree.get("notes"), ("notes",))
        if self.keyed:
            series.update(self.keyed)
            return Dataset(self.file, series, notes, breakdowns=self.breakdowns)
        return Dataset(self.file, series, notes)

    def unknown_fields(self, mapping: dict[str, Any], path: Path, allowed: tuple[str, ...], where: str) -> set[str]:
        """Reports TGT308 for each key not in ``allowed``; returns the fields suggested instead."""
        guesses: set[str] = set()
        for key in mapping:
            if key not in allowed:
                guess = did_you_mean(str(key), allowed)
                hint = f"; did you mean '{guess}'?" if guess else ""
                help = f"rename it to '{guess}'" if guess else f"the fields allowed here are {', '.join(allowed)}: remove '{key}'"
                self.report(UNKNOWN_FIELD.code, (*path, str(key)), f"unknown field '{key}' {where}{hint}", help, key=True)
                guesses.add(guess or "")
        return guesses

    def text(self, raw: dict[str, Any], field: str, path: Path) -> str | None:
        value = raw.get(field)
        if value is None:
            return value
        if isinstance(value, str):
            return self.printable(value, (*path, field))
        self.report("TGT307", (*path, field), f"expected text for `{field}`, found {describe(value)}",
                    f"write the {field} as text; put it in quotes if it looks like a number")
        return None

    def texts(self, raw: Any, path: Path) -> dict[str, str]:
        """The table's free footnotes: text by text key."""
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.report(DATA_SHAPE.code, path, f"expected footnotes as a mapping (※1: text), found {describe(raw)}")
            return {}
        out: dict[str, str] = {}
        for key, value in raw.items():
            if isinstance(value, str):
                if self.printable(value, (*path, key)) is not None:
                    out[key] = value
            else:
                self.report(DATA_SHAPE.code, (*path, key), f"expected the footnote's text, found {describe(value)}",
                            "write the footnote as text; put it in quotes if it looks like a number")
        return out

    def series(self, id: str, raw: Any, path: Path, span: Span | None) -> Series | None:
        if not NAME_RE.fullmatch(id):
            self.report(DATA_SHAPE.code, path, f"indicator id '{id}' is not a name", key=True,
                        help="use letters, digits and _ (starting with a letter or _), the name the spec uses in `indicator NAME`")
        if not isinstance(raw, dict):
            optional = ", ".join(f for f in INDICATOR_FIELDS if f != "values")
            self.report(DATA_SHAPE.code, path, f"expected the fields of indicator '{id}' (values, and optionally {optional}), found {describe(raw)}",
                        "write `values: {H13: 208, …}` under the indicator")
            return None
        misspelt = self.unknown_fields(raw, path, INDICATOR_FIELDS, f"in indicator '{id}'")
        label, unit, footnote = (self.text(raw, f, path) for f in TEXT_FIELDS)
        kind = raw.get("kind")
        if kind is not None and kind not in KINDS:
            guess = did_you_mean(str(kind), KINDS) if isinstance(kind, str) else None
            self.report(DATA_SHAPE.code, (*path, "kind"), f"expected kind count, amount or percent, found {describe(kind)}",
                        f"write kind: {guess}" if guess else "write one of count (never negative), amount, percent")
            kind = None
        notes = self.year_notes(raw.get("notes"), (*path, "notes"))
        values = raw.get("values", _MISSING)
        cells: dict[int, Cell] = {}
        if "by" in raw:
            from .breakdown import breakdown_series

            keyed = breakdown_series(self, id, raw["by"], (*path, "by"), Series(id, {}, label, unit, kind, footnote, span), describe)
            if keyed:
                self.breakdowns[id] = tuple(keyed)
                self.keyed.update((s.id, s) for s in keyed.values())
            if values is _MISSING:  # the breakdown instead of the total: the total has no values
                return Series(id, {}, label, unit, kind, footnote, span)
        if values is _MISSING:
            if "values" not in misspelt:
                self.report(DATA_SHAPE.code, path, f"indicator '{id}' has no `values`", "add `values: {H13: 208, …}` with one entry per year",
                            key=True)
        elif not isinstance(values, dict):
            self.report(DATA_SHAPE.code, (*path, "values"), f"expected the values of '{id}' as a mapping from years to values, found {describe(values)}",
                        "write `values: {H13: 208, H14: 集計中}`")
        else:
            cells = self.cells(id, values, (*path, "values"), kind == "count", notes)
        valued = {self.years.get(k) for k in values} if notes and isinstance(values, dict) else set()
        for year, (key, _) in notes.items():
            if year not in valued and isinstance(values, dict):
                self.report(DATA_SHAPE.code, (*path, "notes", key), f"a note for {key} but '{id}' has no value for {key}",
                            f"add a value for {key} to `values` (null if unknown), or remove the note", key=True)
        return Series(id, cells, label, unit, kind, footnote, span)

    def year(self, key: str, path: Path) -> int | None:
        """The western year of a year key, cached by its text; reports TGT306."""
        year = self.years.get(key)
        if year is None:
            parsed = year_of(key)
            year = self.years[key] = parsed if isinstance(parsed, YearError) else parsed.value
            if not isinstance(parsed, YearError) and parsed.warning is not None:  # H40: once per key, at its first use
                reading = parsed.warning.split("it means ", 1)[-1].rstrip(")") + ")" if "it means " in parsed.warning else str(parsed.value)
                self.report(DATA_HEISEI_AFTER_ITS_END.code, (*path, key), DATA_HEISEI_AFTER_ITS_END.text(key=key, reading=reading), key=True)
        if isinstance(year, YearError):
            help = year.help or None
            if isinstance(key, str) and _THOUSANDS_GROUP_RE.fullmatch(key):  # {R2: 12,400}: a comma in a flow mapping ends the entry
                help = (f"a comma inside {{…}} separates entries, so `12,{key}` was read as 12 and a year '{key}': "
                        f"put the number in quotes (R2: \"12,{key}\") or write it without the comma (R2: 12{key})")
            self.report("TGT306", (*path, key), f"{year.message} (the keys here must be years)", help, key=True)
            return None
        return year

    def duplicate_year(self, seen: dict[int, str], year: int, key: str, path: Path) -> bool:
        """Record ``key`` as ``year``'s key; True (and TGT302) if another key already meant that year."""
        first = seen.get(year)
        if first is None:
            seen[year] = key
            return False
        first_span, span = self.pos.span((*path, first), True), self.pos.span((*path, key), True)
        lines = f" (lines {first_span.line} and {span.line})" if first_span and span else ""
        self.report(DUPLICATE_KEY.code, (*path, key), f"'{first}' and '{key}' are the same year ({year}){lines}",
                    "keep one entry per year: a second one would silently replace the first", span=span,
                    related=(Location(self.file, first_span, dotted((*path, first))),))
        return True

    def year_notes(self, raw: Any, path: Path) -> dict[int, tuple[str, str]]:
        """Per-year footnotes: year -> (key as written, text)."""
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.report(DATA_SHAPE.code, path, f"expected notes as a mapping from years to text, found {describe(raw)}",
                        "write `notes: {H14: \"…\"}`")
            return {}
        out: dict[int, tuple[str, str]] = {}
        seen: dict[int, str] = {}
        for key, text in raw.items():
            year = self.year(key, path)
            if year is None or self.duplicate_year(seen, year, key, path):
                continue
            if not isinstance(text, str):
                self.report(DATA_SHAPE.code, (*path, key), f"expected the note's text, found {describe(text)}",
                            "write the note as text; put it in quotes if it looks like a number")
                continue
            if self.printable(text, (*path, key)) is not None:
                out[year] = (key, text)
        return out

    def printable(self, text: str, path: Path) -> str | None:
        """``text`` if it has no control character (a YAML "\\e" or JSON "\\u001b" would reach the terminal), else TGT307."""
        control = _CONTROL.search(text)
        if control is None:
            return text
        from ..core.digits import named

        self.report("TGT307", path, f"the text has the control character {named(control.group(0))}",
                    "remove the escape (\\e, \\0, \\u001b …): texts are shown to people and written into reports")
        return None

    def cells(self, id: str, values: dict[str, Any], path: Path, count: bool,
              notes: dict[int, tuple[str, str]]) -> dict[int, Cell]:
        """The hot loop: one cell per year key (200,000 of them in a large file)."""
        spans = self.pos.spans(values, path, False) or {}
        years = self.years
        cells: dict[int, Cell] = {}
        seen: dict[int, str] = {}
        for key, raw in values.items():
            year = years.get(key)
            if type(year) is not int:
                year = self.year(key, path)
                if year is None:
                    continue
            if year in seen:
                self.duplicate_year(seen, year, key, path)
                continue
            seen[year] = key
            kind = type(raw)
            value: Value | Bad
            if kind is int:
                value = Fraction(raw) if -_HUGE < raw < _HUGE else decimal_value(Decimal(raw))
            elif kind is str:
                value = _MARKERS.get(raw)  # type: ignore[assignment]
                if value is None:
                    if raw.isdigit() and raw.isascii() and len(raw) < 19:
                        value = Fraction(int(raw))
                    elif len(raw) < 40 and _PLAIN_DECIMAL_RE.fullmatch(raw):
                        value = Fraction(Decimal(raw))
                    else:
                        value = text_value(raw)
            elif raw is None:
                value = Marker.UNKNOWN
            elif kind is Decimal:
                value = decimal_value(raw)
            elif kind is Oversized:
                value = Bad("TGT305", f"{clip(raw)}, too large or too small for a data value")
            elif isinstance(raw, (dict, list)):
                self.report(DATA_SHAPE.code, (*path, key), f"{id} in {key}: expected one value, found {describe(raw)}", VALUE_HELP)
                continue
            else:
                value = Bad(VALUE_NOT_A_NUMBER.code, describe(raw))
            if isinstance(value, Bad):
                code, found = value
                expected = "a finite number" if code == NOT_FINITE.code else "a number, 集計中/pending, －/n/a or null"
                self.report(code, (*path, key), f"{id} in {key}: expected {expected}, found {found}",
                            NOT_FINITE.fix if code == NOT_FINITE.code else VALUE_HELP)
                continue
            if count and type(value) is Fraction and value.numerator < 0:
                self.report(NEGATIVE_COUNT.code, (*path, key), f"{id} in {key} is {value}, but '{id}' is a count (kind: count), which cannot be negative",
                            "check the number; if the indicator can be negative, write kind: amount")
                continue
            note = notes.get(year) if notes else None
            cells[year] = Cell(year, value, spans.get(key), note[1] if note else None)
        return cells


_MISSING: Any = object()
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and line feed (a YAML block text has line feeds)
_HUGE = 10 ** (MAX_EXPONENT + 1)
