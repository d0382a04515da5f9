"""The editor's text through tgtcheck's passes: the same problems as `tgtcheck check`.

``analyse`` runs ``pipeline.load`` on the editor's unsaved text (parse,
check, the data file the spec names, check_data) and hands the result to
``pipeline.run`` for verdicts, so problems and evaluation are exactly the CLI's.  The
data file is read from disk, relative to the document's path, and kept in
a cache keyed by its modification time and size, so typing in the spec does
not re-read the data on every key stroke, while saving the data is seen on
the next change.

When the text does not parse, ``declared_names`` still finds the names
declared with `indicator NAME` / `constant NAME`, so completion keeps
working in a half-written file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from ...core.diagnostics import Diagnostic
from ...data.dataset import Dataset
from ...language.lexical import normalize
from ...language.nodes import Spec
from ...pipeline import Loaded, RunResult, load, run

_DECLARED = re.compile(r"(?m)(?:^|(?<=\s))(indicator|constant)\s+([A-Za-z_][A-Za-z0-9_]*)")


class DataCache:
    """Data files by path, re-read only when their modification time or size changes."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple[int, int], Dataset | None, list[Diagnostic]]] = {}

    def load(self, path: str) -> tuple[Dataset | None, list[Diagnostic]]:
        from ...data.load import load_data

        try:
            st = os.stat(path)
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = (-1, -1)  # missing: load_data reports it; not cached
        hit = self._entries.get(path)
        if hit is not None and hit[0] == stamp and stamp != (-1, -1):
            return hit[1], list(hit[2])
        data, diags = load_data(path)
        if stamp != (-1, -1):
            self._entries[path] = (stamp, data, list(diags))
        return data, diags


@dataclass
class Analysis:
    """One version of one document: its tree (if it parses), problems, data and, on demand, verdicts."""

    path: str
    text: str
    spec: Spec | None = None
    data: Dataset | None = None
    data_file: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _result: RunResult | None = None
    _evaluated: bool = False

    @property
    def normalized(self) -> str:
        """The text as the lexer sees it: full-width forms mapped to ASCII, same length."""
        return normalize(self.text)[0]

    def result(self) -> RunResult | None:
        """Verdicts for the latest year of the data; None when the spec or data has errors."""
        if not self._evaluated:
            self._evaluated = True
            loaded = Loaded(self.path, self.spec, self.text, self.data, self.data_file, list(self.diagnostics))
            self._result = run(loaded) if loaded.ok else None
        return self._result


def analyse(text: str, path: str, cache: DataCache | None = None, strict: bool = False, with_data: bool = True) -> Analysis:
    """Parse and check ``text`` as the spec at ``path``; read the data it names from disk (cached)."""
    loaded = load(path, None, strict, with_data, text=text, data_loader=(cache or DataCache()).load)
    return Analysis(path, text, loaded.spec, loaded.data, loaded.data_file, loaded.diagnostics)


def declared_names(text: str) -> dict[str, list[str]]:
    """Names declared in a text that may not parse: {"indicator": [...], "constant": [...]}."""
    lexed, _, _ = normalize(text)
    found: dict[str, list[str]] = {"indicator": [], "constant": []}
    for m in _DECLARED.finditer(_without_strings(lexed)):
        if m.group(2) not in found[m.group(1)]:
            found[m.group(1)].append(m.group(2))
    return found


def _without_strings(lexed: str) -> str:
    """Strings and comments blanked out (same length), so their words are not read as declarations."""
    return re.sub(r'"[^"\n]*"|「[^」\n]*」|#[^\n]*', lambda m: " " * len(m.group(0)), lexed)
