"""YAML data files to a plain tree, with positions, exact numbers and no surprises.

Shape and reasons:
- libyaml's C parser and composer (``yaml.CSafeLoader``) when PyYAML has
  it, else the pure-Python ``SafeLoader``: the composer is C, the
  constructors stay Python, so the custom constructors below work with both.
- Keys are the scalar's source text (``2001:`` is the key ``"2001"``, not an
  int), numbers come from the source text too (``0.1`` is ``Decimal("0.1")``,
  never a binary float; ``010`` is ten, not octal eight).
- PyYAML keeps the last of two equal keys silently; ``construct_map``
  reports both lines instead (TGT302).
- Data files never need anchors or aliases, and aliases are how a small file
  becomes a huge tree ("billion laughs"): an alias is refused (TGT309) when
  composed (pure loader) or, with the C composer, when its node is met a
  second time while constructing.  Nesting depth and the number of nodes are
  capped too, so memory stays bounded by the file.
- ``YamlPositions`` keeps the composed nodes: marks give line and column.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..core.diagnostics import CODES, DATA_SHAPE, DATA_SYNTAX, DATA_TOO_LARGE, DUPLICATE_KEY, Diagnostic, Location, Severity, Span
from .tree import MAX_DEPTH, Oversized, Path, Tree, dotted

MAX_NODES = 2_000_000  # ~700 MB of composed nodes; 10,000 indicators x 20 years is 500,000
_MERGE = "tag:yaml.org,2002:merge"


class Refused(Exception):
    """A document tgtcheck will not build (alias, nesting, size): TGT309."""

    def __init__(self, message: str, mark: Any, path: Path = ()) -> None:
        super().__init__(message)
        self.message, self.mark, self.path = message, mark, path


def parse_yaml(text: str, file: str, pure: bool = False) -> tuple[Tree, YamlPositions | None, list[Diagnostic]]:
    """The tree of a YAML data file, where its nodes are, and what is wrong with it."""
    import yaml

    loader = None
    try:
        loader = loader_class(pure)(text)  # the pure reader checks the characters here
        loader.file = file
        node = loader.get_single_node()
        tree = None if node is None else loader.construct_object(node)
        return tree, YamlPositions(node, loader.node_of), loader.problems
    except Refused as exc:
        help = "remove the anchors (&name) and aliases (*name): write the values out" if "alias" in exc.message or "merge" in exc.message \
            else DATA_TOO_LARGE.fix
        return None, None, [_diag(file, DATA_TOO_LARGE.code, exc.message, exc.mark, exc.path, help)]
    except RecursionError:
        return None, None, [_diag(file, DATA_TOO_LARGE.code, f"the data is nested too deeply (more than {MAX_DEPTH} levels)", None, ())]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p)
        code = "TGT307" if isinstance(exc, yaml.constructor.ConstructorError) else "TGT301"
        help = _TAG_HELP if code == "TGT307" else "fix the YAML syntax at the position shown"
        line = text.split("\n", mark.line + 1)[mark.line] if mark is not None and mark.line < text.count("\n") + 1 else ""
        if "\t" in line[: mark.column + 1 if mark is not None else 0]:
            help = "indent YAML with spaces, not tabs"
        elif "block sequence entries are not allowed" in message:
            help = "a lone - starts a list in YAML: for 'not applicable' write \"-\" in quotes, or －"
        return None, None, [_diag(file, code, message or str(exc), mark, getattr(exc, "path", ()), help)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (U+0080-U+009F, U+FFFE …), at its position
        position = max(0, min(exc.position, len(text)))
        row = text.count("\n", 0, position) + 1
        column = position - text.rfind("\n", 0, position)
        from ..core.digits import named

        ch = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)[:1] or "?"
        return None, None, [Diagnostic("TGT301", Severity.ERROR, f"YAML does not allow the character {named(ch)}",
                                       Location(file, Span(row, column, row, column + 1, position, position + 1)),
                                       "remove the character, or write it as an escape inside double quotes (\"\\u0085\")")]
    except yaml.YAMLError as exc:
        return None, None, [_diag(file, DATA_SYNTAX.code, f"YAML error: {exc}", None, ())]
    finally:
        if loader is not None:
            loader.dispose()


_TAG_HELP = "remove the tag (!!null, !name): data files take values as written; quote a text ('12')"


def _diag(file: str, code: str, message: str, mark: Any, path: Path, help: str | None = None,
          related: tuple[Location, ...] = ()) -> Diagnostic:
    span = _mark_span(mark) if mark is not None else None
    return Diagnostic(code, Severity.ERROR, message, Location(file, span, dotted(path)), help or CODES[code].fix, related)


def _mark_span(mark: Any) -> Span:
    return Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2, mark.index, mark.index + 1)


def _node_span(node: Any) -> Span:
    s, e = node.start_mark, node.end_mark
    return Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1, s.index, e.index)


def exact_number(text: str) -> int | Decimal | str:
    """A YAML number's source text to an exact value; text that is no plain decimal stays text."""
    t = text.replace("_", "")
    low = t.lower()
    if low in (".nan", "nan"):
        return Decimal("NaN")
    if low in (".inf", "+.inf", "-.inf"):
        return Decimal("-Infinity" if low[0] == "-" else "Infinity")
    try:
        if _INT_RE.fullmatch(t):
            return int(t) if len(t) < 19 else Decimal(t)  # a long one through Decimal: its size is checked
        if _FLOAT_RE.fullmatch(t):
            return Decimal(t)
    except InvalidOperation:  # an exponent beyond what Decimal holds: 1.5e+99999999999999999999
        return Oversized(text)
    return text  # 0x1F, 0o17, 1:30 (base 60): not numbers in a data file


_INT_RE = re.compile(r"[-+]?[0-9]+")
_FLOAT_RE = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def short_tag(tag: str) -> str:
    """``tag:yaml.org,2002:null`` as it is written: ``!!null``."""
    return "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag


_YAML_TAG = "tag:yaml.org,2002:"
_MEANING = {f"{_YAML_TAG}{k}": v for k, v in (("null", "null (unknown)"), ("bool", "a boolean"), ("int", "a whole number"),
                                               ("float", "a decimal number"), ("str", "text"), ("timestamp", "a date"))}


class YamlPositions:
    """Positions from the composed nodes: by data path, or for all entries of a mapping at once."""

    def __init__(self, root: Any, node_of: dict[int, Any]) -> None:
        self.root = root
        self.node_of = node_of  # id(constructed dict) -> its MappingNode
        self.index: dict[int, dict[str, tuple[Any, Any]]] = {}  # id(MappingNode) -> its entries by key

    def span(self, path: Path, key: bool = False) -> Span | None:
        from yaml.nodes import MappingNode

        node = target = self.root
        if node is None:
            return None
        for i, part in enumerate(path):
            pair = self.entry(node, part) if isinstance(node, MappingNode) else None
            if pair is None:
                break
            target = pair[0] if key and i == len(path) - 1 else pair[1]
            node = pair[1]
        return _node_span(target)

    def entry(self, node: Any, key: str) -> tuple[Any, Any] | None:
        """The (key node, value node) of ``key`` in a mapping node; the first if given twice."""
        index = self.index.get(id(node))
        if index is None:
            index = self.index[id(node)] = {}
            for k, v in node.value:
                if type(k.value) is str:
                    index.setdefault(k.value, (k, v))
        return index.get(key)

    def spans(self, mapping: dict[str, Any], path: Path, key: bool) -> dict[str, Span] | None:
        node = self.node_of.get(id(mapping))
        if node is None:
            return None
        i = 0 if key else 1
        out: dict[str, Span] = {}
        for pair in node.value:
            k = pair[0].value
            if type(k) is str and k not in out:
                s, e = pair[i].start_mark, pair[i].end_mark
                out[k] = Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1, s.index, e.index)
        return out


@functools.lru_cache(maxsize=2)
def loader_class(pure: bool = False) -> type:
    """A loader class on libyaml's C parser (or the pure one) with the data constructors."""
    import yaml
    from yaml.constructor import ConstructorError, SafeConstructor
    from yaml.events import AliasEvent
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    class TagRefused(ConstructorError):
        path: Path = ()

    base = yaml.SafeLoader if pure or not getattr(yaml, "__with_libyaml__", False) else yaml.CSafeLoader
    resolvers = yaml.SafeLoader.yaml_implicit_resolvers
    tags = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "tag:yaml.org,2002:null")
    STR, SEQ, MAP, NULL = tags

    class DataLoader(base):  # type: ignore[valid-type, misc]
        ALIAS = "YAML aliases (*name) are not allowed in data files"

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.file = ""
            self.path: list[str] = []
            self.problems: list[Diagnostic] = []
            self.node_of: dict[int, Any] = {}
            self.seen: set[int] = set()
            self.nodes = 0
            self.depth = 0
            self.key_node: Any = None  # the key being checked for a tag, for the data path of a refusal

        # -- composing: the C composer calls these too ---------------------------
        def descend_resolver(self, parent: Any, index: Any) -> None:
            """Called once per composed node (not per alias): counts them to bound memory."""
            self.nodes += 1
            if self.nodes > MAX_NODES:
                raise Refused(f"the data has more than {MAX_NODES:,} YAML nodes; use CSV or JSON for data this large", None)

        def ascend_resolver(self) -> None:
            pass  # no path resolvers

        def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
            """The stock implicit typing (YAML 1.1 as PyYAML has it), leaner."""
            if kind is ScalarNode:
                if implicit[0]:
                    if value == "":
                        return NULL
                    for tag, regexp in resolvers.get(value[0], ()):
                        if regexp.match(value):
                            found: str = tag
                            return found
                return STR
            return SEQ if kind is SequenceNode else MAP

        def compose_node(self, parent: Any, index: Any) -> Any:  # the pure composer only
            if self.check_event(AliasEvent):
                event = self.peek_event()
                raise Refused(f"YAML alias *{event.anchor} is not allowed in data files", event.start_mark)
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise Refused(f"the data is nested too deeply (more than {MAX_DEPTH} levels)", self.peek_event().start_mark)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        # -- constructing --------------------------------------------------------
        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if id(node) in self.seen:
                raise Refused(self.ALIAS, node.start_mark, tuple(self.path))
            self.seen.add(id(node))
            if len(self.path) > MAX_DEPTH:
                raise Refused(f"the data is nested too deeply (more than {MAX_DEPTH} levels)", node.start_mark, tuple(self.path))
            constructor = self.yaml_constructors.get(node.tag)
            if constructor is None:
                raise ConstructorError(None, None, f"tag {short_tag(node.tag)} is not allowed in data files", node.start_mark)
            if type(node) is ScalarNode:
                self.untagged(node)
            return constructor(self, node)

        def untagged(self, node: Any) -> None:
            """Refuse a scalar whose tag (``!!null 12``) makes it mean other than what it says untagged.

            The composer resolves only untagged scalars, so a node whose tag differs from the
            implicit one was tagged by hand; a tag that changes nothing (``!!int 12``) is read as written.
            """
            implicit = self.resolve(ScalarNode, node.value, (not node.style, False))
            if node.tag != implicit:
                error = TagRefused(
                    None, None,
                    f"tag {short_tag(node.tag)} on '{node.value}' is not allowed: it reads the value as "
                    f"{_MEANING.get(node.tag, short_tag(node.tag))}, where untagged it is {_MEANING.get(implicit, 'text')}",
                    node.start_mark)
                error.path = (*self.path, node.value) if node is not None and self.key_node is node else tuple(self.path)
                raise error

        def construct_map(self, node: Any) -> dict[str, Any]:
            if not isinstance(node, MappingNode):
                raise ConstructorError(None, None, "expected a mapping", node.start_mark)
            result: dict[str, Any] = {}
            first: dict[str, Any] = {}
            path = self.path
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE:
                    raise Refused("YAML merge keys (<<) are not allowed in data files", key_node.start_mark, tuple(path))
                if type(key_node) is not ScalarNode:
                    self.problems.append(_diag(self.file, DATA_SHAPE.code, "expected a name or a year as key, found a list or mapping",
                                               key_node.start_mark, tuple(path), "write the key as plain text"))
                    continue
                if key_node.tag != STR:
                    self.key_node = key_node
                    self.untagged(key_node)
                key = key_node.value
                if key in first:
                    self.duplicate(key, first[key], key_node)
                    continue
                first[key] = key_node
                path.append(key)
                if id(value_node) in self.seen:  # the C composer shares an aliased node: point at its key
                    raise Refused(self.ALIAS, key_node.start_mark, tuple(path))
                result[key] = self.construct_object(value_node)
                path.pop()
            self.node_of[id(result)] = node
            return result

        def duplicate(self, key: str, first: Any, second: Any) -> None:
            path = (*self.path, key)
            line1, line2 = first.start_mark.line + 1, second.start_mark.line + 1
            where = (f"lines {line1} and {line2}" if line1 != line2
                     else f"line {line1}, columns {first.start_mark.column + 1} and {second.start_mark.column + 1}")
            self.problems.append(Diagnostic(
                DUPLICATE_KEY.code, Severity.ERROR,
                f"'{key}' is given twice in {dotted(tuple(self.path)) or 'the top of the file'} ({where})",
                Location(self.file, _node_span(second), dotted(path)),
                "keep one entry: YAML would silently keep only the last one",
                (Location(self.file, _node_span(first), dotted(path)),),
            ))

        def construct_seq(self, node: Any) -> list[Any]:
            if not isinstance(node, SequenceNode):
                raise ConstructorError(None, None, "expected a list", node.start_mark)
            out = []
            for i, child in enumerate(node.value):
                self.path.append(str(i))
                if id(child) in self.seen:
                    raise Refused(self.ALIAS, node.start_mark, tuple(self.path))
                out.append(self.construct_object(child))
                self.path.pop()
            return out

        def construct_number(self, node: Any) -> Any:
            return exact_number(self.scalar(node))

        def construct_str(self, node: Any) -> str:
            return self.scalar(node)

        def scalar(self, node: Any) -> str:
            if type(node) is not ScalarNode:
                raise ConstructorError(None, None, f"expected a single value for tag {node.tag}", node.start_mark)
            value: str = node.value
            return value

    DataLoader.yaml_constructors = {
        "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
        "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
        "tag:yaml.org,2002:int": DataLoader.construct_number,
        "tag:yaml.org,2002:float": DataLoader.construct_number,
        "tag:yaml.org,2002:timestamp": DataLoader.construct_str,  # a date is text here, reported as not a number
        STR: DataLoader.construct_str,
        SEQ: DataLoader.construct_seq,
        MAP: DataLoader.construct_map,
    }
    DataLoader.__name__ = DataLoader.__qualname__ = "DataLoader" + ("Pure" if base is yaml.SafeLoader else "C")
    return DataLoader
