"""Constants and constant expressions, folded to exact numbers.

A spec's ``constant`` declarations may use each other (``a = b * 2``), so
they are folded in dependency order (``constant_order``), each once, without
recursion: a chain of 10,000 constants costs 10,000 folds.  A constant that
reads data, divides by zero, grows past ``MAX_BITS`` or depends on itself
has no value (None).  The checker (TGT2xx), the evaluator and the language
server all fold through here; ``evaluate`` re-exports these names.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from .nodes import BinOp, Constant, Expr, Neg, Number, Ref, walk


def fold_constant(e: Expr, constants: dict[str, Constant]) -> Fraction | None:
    """The value of an expression of numbers and constants (None if it reads data or cannot be computed)."""
    return fold_with(e, constant_values(constants, _refs(e)))


def constant_values(constants: dict[str, Constant], names: Iterable[str] | None = None) -> dict[str, Fraction | None]:
    """The values of the constants ``names`` (default: all) and of those they use.

    None for a constant that reads data, divides by zero or depends on itself.
    Each constant is folded once, after the ones it uses, so a chain of
    10,000 constants costs 10,000 folds and no deep recursion.
    """
    order, cyclic = constant_order(constants, names)
    values: dict[str, Fraction | None] = {}
    for name in order:
        values[name] = None if name in cyclic else fold_with(constants[name].value, values)
    return values


def constant_order(constants: dict[str, Constant], names: Iterable[str] | None = None) -> tuple[list[str], dict[str, list[str]]]:
    """The constants ``names`` (default: all) and those they use, each after the ones it uses,
    and the cycles: for each constant on one, the cycle from it back to it (``[a, b, a]``)."""
    order: list[str] = []
    cycles: dict[str, list[str]] = {}
    done: set[str] = set()
    for root in (constants if names is None else names):
        if root in done or root not in constants:
            continue
        path = [root]  # an explicit stack: a depth-first walk without recursion
        todo = [iter(_refs(constants[root].value))]
        on_path = {root}
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                todo.pop()
                name = path.pop()
                on_path.discard(name)
                done.add(name)
                order.append(name)
            elif nxt in on_path:
                loop = path[path.index(nxt):]
                for i, member in enumerate(loop):
                    cycles.setdefault(member, loop[i:] + loop[:i] + [member])
            elif nxt not in done and nxt in constants:
                path.append(nxt)
                on_path.add(nxt)
                todo.append(iter(_refs(constants[nxt].value)))
    return order, cycles


def _refs(e: Expr) -> list[str]:
    """The names an expression refers to, left to right."""
    return [node.name for node in walk(e) if isinstance(node, Ref)]


def fold_with(e: Expr, values: dict[str, Fraction | None]) -> Fraction | None:
    """The value of an expression given the constants' values (``constant_values``); None as for fold_constant."""
    if isinstance(e, Number):
        return e.fraction
    if isinstance(e, Ref):
        return values.get(e.name)
    if isinstance(e, Neg):
        v = fold_with(e.operand, values)
        return None if v is None else -v
    if isinstance(e, BinOp):
        a, b = fold_with(e.left, values), fold_with(e.right, values)
        if a is None or b is None or (e.op == "/" and b == 0):
            return None
        return _arith(e.op, a, b)
    return None


# No policy figure needs more than a few dozen digits.  The cap keeps every exact number a spec can
# build small: a chain of squared constants would otherwise grow past memory, and Python refuses
# to print integers of more than 4,300 digits.
MAX_BITS = 4096  # about 1,230 decimal digits, in the numerator or the denominator


def _arith(op: str, a: Fraction, b: Fraction) -> Fraction | None:
    """``a op b``, or None when the result would be larger than MAX_BITS."""
    if op == "+":
        r = a + b
    elif op == "-":
        r = a - b
    elif op == "*":
        r = a * b
    else:
        r = a / b
    if r.numerator.bit_length() > MAX_BITS or r.denominator.bit_length() > MAX_BITS:
        return None  # the operands are at most MAX_BITS each, so computing r was cheap
    return r
