"""Digits of other scripts in specs: refused and named, never read (issue 12, item 2, spec side).

Python's ``\\d`` and ``int()`` accept every Unicode decimal digit: a Bengali
৪ (which looks like 8) would be read as 4.  The language reads ASCII digits
and full-width ones (mapped by ``normalize``); any other digit in a number or
a year is TGT111 with the character named, at its line and column, in
``check``, ``run`` and ``fmt`` (exit 2).  In strings and comments it is text.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tgtcheck.language.formatter import format_text
from tgtcheck.language.parser import parse

from .conftest import run_cli

SPEC = '''policy "p" "t ৪ in a title is text" base H13 due R7
indicator x "x"  # ৪ in a comment is text
constant c = 1,000
target "1" "t" value(x) >= 25 by H18
target "2" "t" growth(x, 2001) >= 30% every year from FY2002 to 平成18年度
target "3" "t" value(x) between about 1.5 and 20 ± 2 by 2020年度 base R1
target "4" "t" value(x) <= c * 3割 by R元年度
'''
# the ASCII digits of numbers and years, outside strings and comments: where a foreign digit goes
CODE = re.sub(r'"[^"\n]*"|#[^\n]*', lambda m: " " * len(m.group()), SPEC)  # strings and comments blanked
CODE_DIGITS = [m.start() for m in re.finditer(r"[0-9]", CODE)]

foreign_digits = st.characters(categories=["Nd"]).filter(lambda c: not ("0" <= c <= "9" or "０" <= c <= "９"))


def test_the_spec_is_valid_as_written() -> None:
    spec, diags = parse(SPEC)
    assert spec is not None and diags == [] and len(CODE_DIGITS) > 20


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(foreign_digits, st.sampled_from(CODE_DIGITS), st.booleans())
def test_any_foreign_digit_in_a_number_or_year_is_refused_and_named(digit: str, at: int, replace: bool) -> None:
    text = SPEC[:at] + digit + SPEC[at + 1 if replace else at:]
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    spec, diags = parse(text, "s.tgt")
    assert spec is None, f"{digit!r} ({unicodedata.name(digit, '?')}) was read"
    named = [d for d in diags if d.code == "TGT111"]
    assert [(d.location.span.line, d.location.span.column) for d in named] == [(line, column)]  # type: ignore[union-attr]
    assert f"U+{ord(digit):04X}" in named[0].message
    assert format_text(text)[0] is None  # fmt refuses it too, rather than keep it


def test_the_repro_through_the_commands(tmp_path: Path) -> None:
    spec = tmp_path / "s.tgt"
    spec.write_text('policy "P" "t" base H13 due H18\nindicator x "x"\ntarget "1" "t" value(x) >= 1৪ by H18\n', encoding="utf-8")
    for command in (["check", "--no-data"], ["fmt", "--check"], ["fmt"]):
        proc = run_cli(*command, str(spec))
        assert proc.returncode == 2, (command, proc.stderr)
        assert f"{spec}:3:29: error[TGT111]" in proc.stderr and "U+09EA BENGALI DIGIT FOUR" in proc.stderr
        assert "Traceback" not in proc.stderr
    assert spec.read_text(encoding="utf-8").count("1৪") == 1  # fmt left the file as it was
