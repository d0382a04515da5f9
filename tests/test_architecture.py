"""The import contract: each package imports only the packages its ``__init__`` says it may.

The layout shows the passes (docs/architecture.md): ``core`` below everything, then ``language`` and ``data``,
``judging``, ``analysis``, ``pipeline``, ``formats``, ``report`` and ``editor``, ``cli`` on top.  Each package's
docstring ends with a ``May import:`` line naming, in double backquotes, the packages it may import; this test reads
that line, so the contract is written once, where a reader of the package looks.  Every import counts, lazy ones
included (the graph is the one ``test_import_loops`` reads).  Importing the root package (``__version__``) is free.
"""

from __future__ import annotations

import ast
import re

from .conftest import ROOT
from .test_import_loops import import_graph

PACKAGE = ROOT / "src" / "tgtcheck"
EVERYTHING = "every other package"


def layer_of(module: str) -> str | None:
    """The top-level package (or module, for ``pipeline``) a module belongs to; None for the root package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def contracts() -> dict[str, set[str] | None]:
    """Each layer's allowed imports from its docstring (None: may import anything)."""
    found: dict[str, set[str] | None] = {}
    for path in sorted(PACKAGE.iterdir()):
        init = path / "__init__.py" if path.is_dir() else path
        if not init.is_file() or init.suffix != ".py" or init.name == "__main__.py" or init == PACKAGE / "__init__.py":
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        line = next((ln for ln in doc.splitlines() if ln.startswith("May import:")), None)
        assert line is not None, f"{init.relative_to(ROOT)}: its docstring needs a 'May import:' line (the import contract)"
        name = path.name if path.is_dir() else path.stem
        found[name] = None if EVERYTHING in line else set(re.findall(r"``(\w+)``", line))
    return found


def test_every_package_states_its_contract_and_the_contracts_form_layers() -> None:
    allowed = contracts()
    assert {"core", "language", "data", "judging", "analysis", "pipeline", "formats", "report", "editor", "cli"} <= set(allowed)
    for name, may in allowed.items():
        assert may is None or may <= set(allowed), f"{name} may import an unknown package: {sorted(may - set(allowed))}"
    # no loop among the allowed edges: repeatedly remove a layer that may import only removed ones
    left = {name: may for name, may in allowed.items() if may is not None}
    while left:
        free = [name for name, may in left.items() if not may & set(left)]
        assert free, f"the contracts form a loop among {sorted(left)}"
        for name in free:
            del left[name]


def test_every_import_keeps_the_contract() -> None:
    allowed = contracts()
    broken = []
    for module, imports in sorted(import_graph().items()):
        layer = layer_of(module)
        if layer is None or layer == "__main__":
            continue
        may = allowed[layer]
        for imported in sorted(imports):
            other = layer_of(imported)
            if other is None or other == layer or may is None:
                continue
            if other not in may:
                broken.append(f"{module} imports {imported}: '{layer}' may import only {sorted(may)}")
    assert broken == []
