"""``json.dumps(doc, ensure_ascii=False, indent=2)``, byte for byte, several times faster.

With ``indent`` set, the standard library encodes in pure Python, and every
piece of text climbs through one generator per level of nesting: for a run of
10,000 targets (15 MB of JSON) that was a second, more than the evaluation.
This writer walks the document once, appends to one list, and encodes
strings with the standard library's C function.  It knows the types the
formats put in a document (dict, list, tuple, str, int, bool, None and
their subclasses, such as ``str`` enums), and ``Raw`` pieces of JSON text
written elsewhere; for anything else (a float, a non-text key) it hands the
whole document to ``json.dumps``, so the output is always exactly the
standard library's.  A property test compares the two
on random documents.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C function when the _json module is there
from typing import Any


class Raw:
    """JSON text already written for its place in the document (``json_targets``): copied as it is.

    Not a ``str``, so a document holding one can never be encoded as a string by mistake.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _Other(Exception):
    """A value this writer leaves to the standard library."""


def dumps(doc: Any, end: str = "") -> str:
    """The document as ``json.dumps(doc, ensure_ascii=False, indent=2)`` writes it, then ``end``."""
    out: list[str] = []
    try:
        _value(doc, "\n", out, {})
    except (_Other, RecursionError):
        return json.dumps(doc, ensure_ascii=False, indent=2) + end
    out.append(end)  # here, not added to the result: that would copy all of it once more
    return "".join(out)


def _value(o: Any, nl: str, out: list[str], keys: dict[str, dict[str, str]]) -> None:
    t = type(o)
    if t is str:
        out.append(encode_basestring(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif t is int:
        out.append(int.__repr__(o))
    elif t is dict:
        _dict(o, nl, out, keys)
    elif t is list or t is tuple:
        _list(o, nl, out, keys)
    elif t is Raw:
        out.append(o.text)
    elif isinstance(o, str):
        out.append(encode_basestring(o))
    elif isinstance(o, int) and not isinstance(o, bool):
        out.append(int.__repr__(o))
    elif isinstance(o, dict):
        _dict(o, nl, out, keys)
    elif isinstance(o, (list, tuple)):
        _list(o, nl, out, keys)
    else:
        raise _Other


def _dict(o: dict[Any, Any], nl: str, out: list[str], keys: dict[str, dict[str, str]]) -> None:
    if not o:
        out.append("{}")
        return
    inner = nl + "  "
    # ',\n    "key": ' for each key at this depth, made once per document: keys repeat in every target
    prefixes = keys.get(inner)
    if prefixes is None:
        prefixes = keys[inner] = {}
    append = out.append
    first = True
    for key, v in o.items():
        prefix = prefixes.get(key)
        if prefix is None:
            if type(key) is not str:
                raise _Other
            prefix = prefixes[key] = "," + inner + encode_basestring(key) + ": "
        if first:
            append("{" + prefix[1:])
            first = False
        else:
            append(prefix)
        t = type(v)
        if t is str:
            append(encode_basestring(v))
        elif v is None:
            append("null")
        elif t is dict:
            _dict(v, inner, out, keys)
        elif t is int:
            append(int.__repr__(v))
        else:
            _value(v, inner, out, keys)
    append(nl + "}")


def _list(o: list[Any] | tuple[Any, ...], nl: str, out: list[str], keys: dict[str, dict[str, str]]) -> None:
    if not o:
        out.append("[]")
        return
    inner = nl + "  "
    if type(o[0]) is Raw and all(type(v) is Raw for v in o):  # a run's targets, written by json_targets
        parts = ["," + inner] * (2 * len(o))  # separator, item, separator, item, …: no copy of the items' text
        parts[0] = "[" + inner
        parts[1::2] = [v.text for v in o]
        out.extend(parts)
        out.append(nl + "]")
        return
    sep = "[" + inner
    for v in o:
        start = len(out)
        out.append(sep)
        _value(v, inner, out, keys)
        if len(out) - start > 64:  # a large item (a target) becomes one string: far fewer pieces held at once
            out[start:] = ["".join(out[start:])]
        sep = "," + inner
    out.append(nl + "]")
