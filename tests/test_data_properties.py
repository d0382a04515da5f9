"""Properties of the data loaders that must hold for every input (hypothesis, bounded in CI).

- a tagged YAML scalar is refused at its line or read exactly as the same scalar untagged: a tag never
  changes a number silently (``!!null 12`` made 12 unknown);
- a digit of another script (U+09EA BENGALI DIGIT FOUR, which looks like 8) is refused in year keys,
  values, CSV headers and ``--as-of``, with the character named: never read as a digit;
- any value, however large or strange, gives a value or a positioned diagnostic, never an exception;
- output written to a console of any encoding (CP932, ASCII, Latin-1) never fails.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tgtcheck.cli.commands.common import year_arg
from tgtcheck.core.digits import foreign_digit
from tgtcheck.core.streams import HANDLER
from tgtcheck.data.load import Bad, load_text, text_value

from .fuzz_targets import HOSTILE_TEXTS

SETTINGS = settings(max_examples=int(os.environ.get("TGTCHECK_EXAMPLES", "200")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
FOREIGN = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isdigit() and chr(c) not in "0123456789０１２３４５６７８９"]
TAGS = ["!!null", "!!bool", "!!str", "!!int", "!!float", "!!timestamp", "!!binary", "!!set", "!!seq", "!!map", "!foo", "!",
        "!<tag:yaml.org,2002:int>", "!!python/object/apply:os.system"]
SCALARS = ["12", "12.5", "-3", "0", "010", "1e3", "1_000", "0x1F", ".nan", ".inf", "null", "~", "", "yes", "no", "true", "集計中",
           "－", "n/a", '"12"', "'12'", '"集計中"', "2001-01-01", "1:30", "１２"]


def _values(cell: str) -> tuple[object, list[tuple[str, int | None]]]:
    data, diags = load_text(f"indicators:\n  x:\n    values:\n      H13: 1\n      H14: {cell}\n", "t.yaml")
    value = data.series["x"].cells[2002].value if data is not None and 2002 in data.series["x"].cells else None
    return value, [(d.code, d.location.span.line if d.location.span else None) for d in diags]


@SETTINGS
@given(tag=st.sampled_from(TAGS), scalar=st.one_of(st.sampled_from(SCALARS), st.integers().map(str),
                                                   st.decimals(allow_nan=False).map(str)))
def test_a_tag_is_refused_or_changes_nothing(tag: str, scalar: str) -> None:
    tagged, problems = _values(f"{tag} {scalar}")
    untagged, _ = _values(scalar)
    if problems:
        assert problems[0][1] == 5, problems  # at the tagged value's line
    else:
        assert tagged == untagged


def test_the_tag_repro_of_the_issue() -> None:
    assert _values("!!null 12") == (None, [("TGT307", 5)])
    assert _values("!!bool 12") == (None, [("TGT307", 5)])


@pytest.mark.parametrize("digit", FOREIGN, ids=lambda c: f"U+{ord(c):04X}")
def test_every_foreign_digit_is_refused_and_named(digit: str) -> None:
    """All 768 of them, in a year key, a value, a CSV header and --as-of."""
    name = f"U+{ord(digit):04X}"
    for text in (f"H1{digit}", f"{digit}", f"200{digit}"):
        with pytest.raises(argparse.ArgumentTypeError, match=re.escape(name)):
            year_arg(text)
    bad = text_value(f"1{digit}")
    assert isinstance(bad, Bad) and bad.code == "TGT303" and name in bad.found
    _, diags = load_text(f"indicators:\n  x:\n    values: {{H1{digit}: 3}}\n", "t.yaml")
    assert [(d.code, d.location.span.line if d.location.span else None) for d in diags] == [("TGT306", 3)]
    assert name in diags[0].message
    _, diags = load_text(f"indicator,H13,H1{digit}\nx,1,2\n", "t.csv")
    assert [(d.code, d.location.path) for d in diags] == [("TGT306", f"header.H1{digit}")]


@SETTINGS
@given(st.text(max_size=12))
def test_foreign_digit_is_exactly_the_digits_python_would_misread(text: str) -> None:
    found = foreign_digit(text)
    if found is None:
        assert all(not c.isdigit() or c in "0123456789０１２３４５６７８９" for c in text)
    else:
        assert found.isdigit() and unicodedata.name(found, "")


@SETTINGS
@given(value=st.one_of(st.sampled_from(HOSTILE_TEXTS), st.text(), st.integers(1, 6000).map(lambda n: "-" * (n % 2) + "9" * n),
                       st.from_regex(r"-?[0-9]{1,30}(\.[0-9]{0,30})?[eE][-+]?[0-9]{1,30}", fullmatch=True)),
       fmt=st.sampled_from(["yaml", "json", "csv"]))
def test_any_value_loads_or_is_positioned(value: str, fmt: str) -> None:
    if fmt == "yaml":
        text = f"indicators:\n  x:\n    values:\n      H13: {json.dumps(value, ensure_ascii=False)}\n"
    elif fmt == "json":
        raw = value if value.lstrip("-").replace(".", "").replace("e", "").replace("E", "").replace("+", "").replace("-", "").isdigit() \
            else json.dumps(value)
        text = f'{{"indicators": {{"x": {{"values": {{"H13": {raw}}}}}}}}}\n'
    else:
        text = f"indicator,H13\nx,{json.dumps(value, ensure_ascii=False)}\n"
    data, diags = load_text(text, f"t.{fmt}")
    assert (data is None) == bool(diags)
    for d in diags:
        assert d.code.startswith("TGT3") and d.location.span is not None, d


@SETTINGS
@given(text=st.text(), encoding=st.sampled_from(["cp932", "ascii", "latin-1", "cp1252", "euc_jp", "shift_jis", "utf-8"]))
def test_output_survives_any_stdout_encoding(text: str, encoding: str) -> None:
    out = io.BytesIO()
    stream = io.TextIOWrapper(out, encoding=encoding, errors=HANDLER)
    stream.write(text)
    stream.flush()
    out.getvalue().decode(encoding)
