"""No import loops across the package: the modules form layers, each importing only those below it.

Every ``import`` counts, including those inside functions (a lazy import is
still a dependency, only a later one) and those under ``TYPE_CHECKING``.
The graph is read from the source with ``ast``, so the test needs no
import-linter; a loop is a strongly connected set of modules (Tarjan).
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "src" / "tgtcheck"
# being taken apart in the parser's own rework (issue 10, item 3); nothing may join it
KNOWN_LOOPS: list[frozenset[str]] = [frozenset({"tgtcheck.language.parser", "tgtcheck.language.descent"})]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the modules of the package it imports."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                found |= {f"{target}.{a.name}" if f"{target}.{a.name}" in modules else target for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def loops(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected sets of more than one module (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            step = next(edges, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph[step]))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                members = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.add(member)
                    if member == node:
                        break
                if len(members) > 1:
                    found.append(frozenset(members))
    return found


def test_the_graph_sees_the_package() -> None:
    graph = import_graph()
    assert "tgtcheck.data.tree" in graph["tgtcheck.data.from_yaml"]
    assert "tgtcheck.judging.json_numbers" in graph["tgtcheck.formats.json_targets"]
    assert "tgtcheck.cli.commands.common" in graph["tgtcheck.cli.commands.run"]  # a relative import inside a subpackage


def test_loops_are_found() -> None:
    assert loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset({"a", "b", "c"})]


def test_no_import_loops() -> None:
    unexpected = [sorted(loop) for loop in loops(import_graph()) if loop not in KNOWN_LOOPS]
    assert unexpected == [], "modules that import one another: move what they share into a module below both"
