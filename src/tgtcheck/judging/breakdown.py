"""Breakdown targets: ``for each region`` and ``for at least 10 of region``, judged key by key.

The condition is judged once per key of the dimension, as an ordinary target: every indicator of the
condition that the data breaks down by the dimension is read at that key (``employment`` becomes
``employment[region=DE]``, a national target series ``national_target`` becomes
``national_target[region=DE]``), the others (a total, a constant) stay as written.  Each key's verdict
is the evaluator's own, with its rule, readings and explanation; so a key whose value is 集計中 is
**pending**, never failed, and a key missing from one indicator is **insufficient_data** for that key.

The keys are those the data has for the dimension in any indicator of the condition (with the other
dimensions held at the keys written, ``employment[sex=F]``), sorted; as of a year, only the keys the data gives an
entry for in that year or before (a key first given later did not exist yet: the as-of cut).

The target itself gets one status, from the count of its keys (docs/language.md, *Breakdowns*), with
N the keys needed (``at least N``; every key for ``for each``), M met or exceeded, O on track, B behind,
P pending, U insufficient_data; first match wins:

1. no key in the data                    -> insufficient_data  ``insufficient.no_keys``
2. M >= N                                -> met                ``met.keys_met``
3. M + O + B + P + U < N                 -> not_met            ``not_met.keys_short`` (too few keys can still meet)
4. M + O >= N                            -> on_track           ``on_track.keys_on_track``
5. M + O + P >= N                        -> pending            ``pending.keys_pending`` (the keys 集計中 decide)
6. M + O + P + U >= N                    -> insufficient_data  ``insufficient.keys_missing`` (keys without data decide)
7. otherwise                             -> behind             ``behind.keys_behind``

So the target counts once in the policy's judgement (``assessment``), with this status.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, Protocol

from ..data.dataset import Dataset
from ..language.nodes import Approx, Between, BinOp, Call, Compare, Deadline, Indicator, Milestone, Neg, Ref, Target, Trend
from .verdict import Breakdown, Status, Verdict


class Evaluator(Protocol):
    """What this module needs of ``evaluate.Evaluator`` (which calls it: a Protocol, so no import loop)."""

    data: Dataset
    as_of: int
    indicators: dict[str, Indicator]

    def target(self, t: Target) -> Verdict: ...

_WALKED = (Compare, Between, Trend, Call, BinOp, Neg, Approx, Deadline, Milestone)


def refs(node: Any) -> list[Ref]:
    """Every ``Ref`` under a condition or schedule (indicators and constants alike)."""
    out: list[Ref] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Ref):
            out.append(n)
        elif isinstance(n, tuple):
            stack.extend(n)
        elif isinstance(n, _WALKED):
            stack.extend(getattr(n, f.name) for f in fields(n) if f.name != "span")
    return out


def keyed(node: Any, dimension: str, key: str, broken: frozenset[str]) -> Any:
    """``node`` with every ref to an indicator in ``broken`` (those the data breaks down by ``dimension``) read at ``key``."""
    if isinstance(node, Ref):
        if node.name in broken and all(d != dimension for d, _ in node.keys):
            return Ref(node.name, node.span, (*node.keys, (dimension, key)))
        return node
    if isinstance(node, tuple):
        return tuple(keyed(n, dimension, key, broken) for n in node)
    if isinstance(node, _WALKED):
        changes = {f.name: keyed(getattr(node, f.name), dimension, key, broken) for f in fields(node) if f.name not in ("span", "func_span")}
        return replace(node, **changes)
    return node


def keys_of(ev: Evaluator, t: Target) -> tuple[tuple[str, ...], frozenset[str]]:
    """(the keys to judge, the indicators read per key) of a breakdown target."""
    assert t.each is not None
    dimension = t.each.dimension
    data = ev.data
    found: set[str] = set()
    broken: set[str] = set()
    for r in refs((t.condition, t.schedule)):
        if r.name in ev.indicators and dimension in data.dimensions(r.name):
            broken.add(r.name)
            found.update(data.keys(r.name, dimension, r.pairs, by=ev.as_of))  # the as-of cut: no key first given later
    return tuple(sorted(found)), frozenset(broken)


def judge_each(ev: Evaluator, t: Target) -> Verdict:
    """The target's verdict: one verdict per key (``Verdict.breakdown``), the target's status by the count rule above."""
    assert t.each is not None
    each = t.each
    keys, broken = keys_of(ev, t)
    plain = replace(t, each=None)
    verdicts = []
    for key in keys:
        one = replace(plain, condition=keyed(t.condition, each.dimension, key, broken),
                      schedule=keyed(t.schedule, each.dimension, key, broken))
        verdicts.append((key, ev.target(one)))
    needed = int(each.at_least.value) if each.at_least is not None else len(keys)
    b = Breakdown(each.dimension, needed, tuple(verdicts), each.at_least is None)
    status, rule = count_rule(b)
    first = verdicts[0][1] if verdicts else ev.target(plain)
    missing = tuple(dict.fromkeys(r for _, v in verdicts for r in v.missing))
    return Verdict(t, status, rule, ev.as_of, judged_year=first.judged_year, deadline=first.deadline, percent=first.percent,
                   method=first.method, direction=first.direction, missing=missing, breakdown=b)


def count_rule(b: Breakdown) -> tuple[Status, str]:
    """The target's status from its keys' statuses (the module's table)."""
    if not b.keys:
        return Status.INSUFFICIENT_DATA, "insufficient.no_keys"
    n = b.needed
    met, on = b.met, b.count(Status.ON_TRACK)
    behind, pending, unknown = b.count(Status.BEHIND), b.count(Status.PENDING), b.count(Status.INSUFFICIENT_DATA)
    if met >= n:
        return Status.MET, "met.keys_met"
    if met + on + behind + pending + unknown < n:
        return Status.NOT_MET, "not_met.keys_short"
    if met + on >= n:
        return Status.ON_TRACK, "on_track.keys_on_track"
    if met + on + pending >= n:
        return Status.PENDING, "pending.keys_pending"
    if met + on + pending + unknown >= n:
        return Status.INSUFFICIENT_DATA, "insufficient.keys_missing"
    return Status.BEHIND, "behind.keys_behind"
