"""The tree protocol: every node class declares its children once, and one ``walk`` visits any tree.

A field that takes part in equality and holds a node (or a tuple of nodes,
or an optional one) is a child and must be named in the class's
``CHILDREN``; the check reads the type hints, so a new node class that
forgets fails here with the line to add.  Positions and comments
(``compare=False``) are beside the tree, not in it.
"""

from __future__ import annotations

import dataclasses
import sys
import typing
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest

from tgtcheck.judging.derivation import _constants
from tgtcheck.language import nodes
from tgtcheck.language.folding import _refs
from tgtcheck.language.nodes import BinOp, Call, Compare, Neg, Number, Ref, Target, children, depth, walk
from tgtcheck.language.parser import parse
from tgtcheck.report.model import refs


def node_classes(namespace: dict[str, Any]) -> dict[str, type]:
    return {name: cls for name, cls in namespace.items()
            if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == namespace["__name__"]}


def holds_node(hint: Any, classes: set[type]) -> bool:
    if hint in classes:
        return True
    return any(holds_node(arg, classes) for arg in typing.get_args(hint) if arg is not Ellipsis)


NODE_CLASSES = node_classes(vars(nodes))


def undeclared(cls: type, namespace: dict[str, Any], classes: set[type]) -> str | None:
    """What is wrong with ``cls``'s ``CHILDREN`` (None: it names exactly the fields that hold nodes, in order)."""
    hints = typing.get_type_hints(cls, globalns=namespace)
    expected = tuple(f.name for f in dataclasses.fields(cls) if f.compare and holds_node(hints[f.name], classes))
    declared = cls.__dict__.get("CHILDREN")
    if declared == expected:
        return None
    fix = f"write `CHILDREN: ClassVar[tuple[str, ...]] = {expected!r}` as the first line of its body"
    if declared is None:
        return f"{cls.__name__} does not declare its children: {fix}"
    return f"{cls.__name__} declares CHILDREN = {declared!r}, but its fields holding nodes are {expected!r}: {fix}"


@pytest.mark.parametrize("name", sorted(NODE_CLASSES))
def test_every_node_class_declares_its_children(name: str) -> None:
    problem = undeclared(NODE_CLASSES[name], vars(nodes), set(NODE_CLASSES.values()))
    assert problem is None, problem


# a node class that forgets: the check above must name it and say what to add
@dataclass(frozen=True, slots=True)
class Forgetful:
    label: str
    parts: tuple[nodes.Expr, ...]
    extra: nodes.Year | None = None
    span: nodes.Span = dataclasses.field(default=nodes.NOSPAN, compare=False)


@dataclass(frozen=True, slots=True)
class Wrong:
    CHILDREN: ClassVar[tuple[str, ...]] = ("parts",)
    extra: nodes.Year | None
    parts: tuple[nodes.Expr, ...]


def test_a_forgotten_declaration_is_named_with_its_fix() -> None:
    namespace, classes = {**globals(), "ClassVar": ClassVar}, {*NODE_CLASSES.values(), Forgetful, Wrong}
    assert undeclared(Forgetful, namespace, classes) == (
        "Forgetful does not declare its children: write `CHILDREN: ClassVar[tuple[str, ...]] = ('parts', 'extra')` "
        "as the first line of its body")
    assert undeclared(Wrong, namespace, classes) == (
        "Wrong declares CHILDREN = ('parts',), but its fields holding nodes are ('extra', 'parts'): "
        "write `CHILDREN: ClassVar[tuple[str, ...]] = ('extra', 'parts')` as the first line of its body")


SPEC = '''policy "P" "t" base H13 due H18
indicator x "x"
constant c = 2 * k
constant k = 10
target "1" "t" growth(x, H13) >= about c ± 1 by H18, 40 by H19
'''


def test_walk_visits_parents_first_children_in_field_order() -> None:
    spec, diags = parse(SPEC, "p.tgt")
    assert spec is not None and not diags
    assert [type(n).__name__ for n in walk(spec)] == [
        "Spec", "Policy", "Year", "Year",
        "Indicator",
        "Constant", "BinOp", "Number", "Ref",
        "Constant", "Number",
        "Target", "Compare", "Call", "Ref", "Year", "Ref", "Approx", "Number", "Deadline", "Year", "Milestone", "Number", "Year",
    ]
    target = spec.targets[0]
    assert [type(n).__name__ for n in children(target.condition)] == ["Call", "Ref", "Approx"]
    assert children(Compare(Ref("a"), ">=", Number(1))) == [Ref("a"), Number(1)]  # no about: no child for it


def chain(levels: int) -> Any:
    """``-(-(…(x + 1)…))``, ``levels`` deep, built in code (no parser limit applies)."""
    e: Any = BinOp("+", Ref("x"), Number(1))
    for _ in range(levels - 1):
        e = Neg(e)
    return e


def test_walk_and_the_passes_over_it_do_not_recurse() -> None:
    levels = sys.getrecursionlimit() * 3
    e = chain(levels)
    assert sum(1 for _ in walk(e)) == levels + 2
    assert depth(e) == levels + 1
    assert _refs(e) == ["x"]
    t = Target("1", "t", Compare(Call("value", (e,)), ">=", Number(1)))
    assert refs(t) == ["x"]


def test_depth_counts_an_about_clause_as_part_of_its_condition() -> None:
    deep = chain(5)
    assert depth(Compare(Ref("x"), ">=", Number(1), nodes.Approx(deep))) == 1 + depth(deep)
    assert depth(Compare(deep, ">=", Number(1))) == 1 + depth(deep)


def test_explain_finds_the_constants_a_condition_uses_through_others() -> None:
    from tgtcheck.data.dataset import Dataset
    from tgtcheck.judging.evaluate import Evaluator, evaluate

    spec, _ = parse(SPEC, "p.tgt")
    assert spec is not None
    data = Dataset("d.yaml", {})
    verdict = evaluate(spec, data, 2006)[0]
    assert [c.name for c in _constants(verdict, spec, Evaluator(spec, data, 2006))] == ["c", "k"]


def test_spans_hold_offsets_and_answer_lines_and_columns() -> None:
    import pickle
    from dataclasses import FrozenInstanceError

    from tgtcheck.core.diagnostics import LineStarts, Span, span_at

    text = SPEC.replace("indicator x", "indicator  ｘｘ")  # full-width: one character each, as the editor counts
    spec, _ = parse(text, "p.tgt")
    assert spec is not None
    ref = next(n for n in walk(spec.targets[0]) if isinstance(n, Ref) and n.name == "c")
    start = text.index("about c") + len("about ")
    assert ref.span == Span(5, start - text.rindex("\n", 0, start), 5, start - text.rindex("\n", 0, start) + 1, start, start + 1)
    assert (ref.span.line, ref.span.column) == (5, 40)
    lines = LineStarts(text)
    assert span_at(0, 6, lines) == Span(1, 1, 1, 7, 0, 6) and hash(span_at(0, 6, lines)) == hash(Span(1, 1, 1, 7, 0, 6))
    assert pickle.loads(pickle.dumps(ref.span)) == ref.span  # sent with its figures, without the text's table
    with pytest.raises(FrozenInstanceError):
        ref.span.start_pos = 0  # type: ignore[misc]
