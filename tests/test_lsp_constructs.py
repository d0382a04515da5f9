"""The language server's hover over the language's own constructs (issue 13.7): cases as data.

tests/cases/lsp_hover/hovers.yaml lists where the cursor is in spec.tgt and
the words the hover must show: a keyword's meaning, a clause word's in its
clause (`judge year` is not `every year`), a method's, a milestone's year and
value, a recorded judgement with how it stands as of the as-of year, and a
target's verdict with its recorded judgement; in English and Japanese.
``test_every_keyword_has_a_record`` holds keywords.py to the grammar.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

pytest.importorskip("pygls")

from tgtcheck.editor.lsp.analysis import analyse
from tgtcheck.editor.lsp.features import hover

CASE = Path(__file__).parent / "cases" / "lsp_hover"
SPEC = CASE / "spec.tgt"
TEXT = SPEC.read_text(encoding="utf-8")
HOVERS: list[dict[str, Any]] = yaml.safe_load((CASE / "hovers.yaml").read_text(encoding="utf-8"))


def at(needle: str, offset: int) -> tuple[int, int]:
    for i, line in enumerate(TEXT.split("\n")):
        if needle in line:
            return i, line.index(needle) + offset
    raise AssertionError(f"{needle!r} not in {SPEC}")


@pytest.fixture(scope="module")
def analysis() -> Any:
    a = analyse(TEXT, str(SPEC))
    assert a.diagnostics == []
    return a


@pytest.mark.parametrize("case", HOVERS, ids=[f"{c['at']}+{c['offset']}-{c['lang']}" for c in HOVERS])
def test_hover(analysis: Any, case: dict[str, Any]) -> None:
    h = hover(analysis, *at(case["at"], case["offset"]), lang=case["lang"])
    assert h is not None
    text = h.contents.value
    for words in case["has"]:
        assert words in text, (words, text)
    for words in case.get("not", []):
        assert words not in text, (words, text)


def test_every_keyword_has_a_record() -> None:
    from tgtcheck.language.keywords import KEYWORDS
    from tgtcheck.language.parser import grammar_file

    grammar = Path(grammar_file()).read_text(encoding="utf-8")
    rules = "\n".join(line.split("//")[0] for line in grammar.splitlines() if not line.lstrip().startswith("//"))
    keywords = set(re.findall(r'"([a-z]+|程度)"', rules))
    assert keywords == set(KEYWORDS)
