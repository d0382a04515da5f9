"""Diagnostic codes are data: one entry each in ``diagnostics.CODES``, used by name.

A code's text ("TGT105") is written once, in its entry; producers use the
named entry (``NOT_A_YEAR``), so a code cannot be mistyped and its help,
Japanese words and severity cannot drift apart.  The modules listed in
``NOT_YET_CONVERTED`` still write codes as text; the list may only shrink.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections import Counter
from pathlib import Path

from tgtcheck.analysis.check import check
from tgtcheck.core import diagnostics
from tgtcheck.core.diagnostics import CODES, Severity
from tgtcheck.language.parser import parse

from .conftest import ROOT

SRC = ROOT / "src" / "tgtcheck"
CODE_LITERAL = re.compile(r"""^[rbuRBU]*["']TGT\d{3}["']$""")
# modules that still write a code's text where they report it (the parser's own work, and the data loaders, whose
# hostile-input hardening landed beside the registry's conversion)
NOT_YET_CONVERTED = {"data/load.py", "data/from_json.py", "data/from_yaml.py", "language/parser.py", "core/sources.py", "language/syntax_errors.py"}


def code_literals(path: Path) -> list[str]:
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return [t.string.strip("\"'") for t in tokens if t.type == tokenize.STRING and CODE_LITERAL.match(t.string)]


def test_each_code_is_written_once_in_the_registry() -> None:
    counts = Counter(code_literals(SRC / "core" / "diagnostics.py"))
    assert set(counts) == set(CODES) and set(counts.values()) == {1}


def test_producers_use_named_entries() -> None:
    found = {str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if p.name != "diagnostics.py" and code_literals(p)}
    assert found - NOT_YET_CONVERTED == set(), "use the code's named entry in tgtcheck.core.diagnostics, not its text"
    assert NOT_YET_CONVERTED - found == set(), "converted: remove it from NOT_YET_CONVERTED"


def test_every_entry_is_named_and_worded_in_both_languages() -> None:
    named = {entry.code for entry in vars(diagnostics).values() if isinstance(entry, diagnostics.Code)}
    assert named == set(CODES)
    assert all(e.title and e.fix and e.title_ja and e.fix_ja for e in CODES.values())


def test_a_warning_code_is_reported_as_a_warning() -> None:
    spec, errors = parse('policy "p" "t" base H13 due H18\nindicator x "x"\nindicator unused "u"\ntarget "1" "t" value(x) >= about 10\n', "s.tgt")
    assert spec is not None and errors == []
    found = {d.code: d.severity for d in check(spec, "s.tgt", strict=True)}
    assert found == {"TGT217": Severity.WARNING, "TGT218": Severity.WARNING, "TGT219": Severity.WARNING}


def test_the_year_help_is_written_once() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    assert text.count("a western year (2006) or FY2006") == 1  # years.YEAR_HELP, used everywhere a year is refused
