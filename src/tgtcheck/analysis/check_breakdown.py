"""Checks of breakdowns (``employment[region=DE]``, ``for each region``, ``for at least 10 of region``).

Without data (``static``): a key written after a name that is not an indicator, a dimension given twice
(TGT270), a count of keys that is not a whole number from 1 (TGT271).  With the data (``against_data``,
called by ``check.check_data``): a dimension no indicator of the target is broken down by (TGT330) and a
key the data does not have (TGT331), each with a did-you-mean from what the data has.  A key missing
for one indicator only (a national target without a value) is not an error: the evaluator judges that
key **insufficient_data** and says which value is missing.
"""

from __future__ import annotations

from ..core.diagnostics import (
    KEY_COUNT_NOT_WHOLE,
    KEY_NOT_ON_INDICATOR,
    MORE_KEYS_THAN_DATA,
    UNKNOWN_DIMENSION,
    UNKNOWN_KEY,
    Code,
    Diagnostic,
    Location,
    Span,
)
from ..core.suggest import suggest
from ..data.dataset import Dataset, series_id
from ..judging.breakdown import refs
from ..language.nodes import Ref, Spec, Target


def _diag(code: Code, file: str, span: Span, message: str, help: str, related: tuple[Location, ...] = ()) -> Diagnostic:
    return Diagnostic(code.code, code.severity, message, Location(file, span), help, related)


def _hint(word: str, choices: list[str], fallback: str) -> str:
    best = suggest(word, choices) if choices else None
    listed = ", ".join(choices[:12]) + (" …" if len(choices) > 12 else "")
    if best:
        return f"did you mean '{best}'? known: {listed}"
    return f"{fallback}; known: {listed}" if choices else fallback


def _keyed_refs(t: Target) -> list[Ref]:
    return [r for r in refs((t.condition, t.schedule)) if r.keys]


def static(spec: Spec, file: str) -> list[Diagnostic]:
    indicators = {i.id for i in spec.indicators}
    out: list[Diagnostic] = []
    for t in spec.targets:
        for r in _keyed_refs(t):
            dims = [d for d, _ in r.keys]
            if r.name not in indicators:
                out.append(_diag(KEY_NOT_ON_INDICATOR, file, r.span, f"'{r.name}' is not an indicator: only an indicator's data has "
                                 f"breakdown keys ({r.name}[{r.keys[0][0]}=…])", KEY_NOT_ON_INDICATOR.fix))
            elif len(set(dims)) != len(dims):
                twice = next(d for d in dims if dims.count(d) > 1)
                out.append(_diag(KEY_NOT_ON_INDICATOR, file, r.span, f"dimension '{twice}' is given twice in {r.name}[…]",
                                 "give each dimension once: employment[region=DE, sex=F]"))
        each = t.each
        if each is not None and each.at_least is not None:
            n = each.at_least.value
            if n.denominator != 1 or n < 1:
                out.append(_diag(KEY_COUNT_NOT_WHOLE, file, each.at_least.span,
                                 f"'for at least {each.at_least.text or n} of {each.dimension}' needs a whole number of keys, 1 or more",
                                 KEY_COUNT_NOT_WHOLE.fix))
    return out


def against_data(spec: Spec, spec_file: str, data: Dataset) -> list[Diagnostic]:
    if not any(t.each is not None or _keyed_refs(t) for t in spec.targets):
        return []
    indicators = {i.id for i in spec.indicators}
    every_dimension = sorted({d for ind in data.breakdowns for d in data.dimensions(ind)})
    out: list[Diagnostic] = []
    data_loc = (Location(data.file),)
    for t in spec.targets:
        each = t.each
        if each is not None:
            used = [r.name for r in refs((t.condition, t.schedule)) if r.name in indicators]
            dims = sorted({d for name in used for d in data.dimensions(name)})
            if each.dimension not in dims:
                where = ", ".join(dict.fromkeys(used)) or "no indicator"
                out.append(_diag(UNKNOWN_DIMENSION, spec_file, each.span,
                                 f"no indicator of target '{t.id}' ({where}) is broken down by '{each.dimension}' in {data.file}",
                                 _hint(each.dimension, dims or every_dimension,
                                       f"add `by: {{{each.dimension}: …}}` to the indicator's data"), data_loc))
            elif each.at_least is not None and each.at_least.value.denominator == 1:
                have = len({k for name in used for k in data.keys(name, each.dimension)})
                if each.at_least.value > have:
                    out.append(Diagnostic(MORE_KEYS_THAN_DATA.code, MORE_KEYS_THAN_DATA.severity,
                                          MORE_KEYS_THAN_DATA.text(id=t.id, needed=each.at_least.text or str(each.at_least.value),
                                                                   dimension=each.dimension, file=data.file, have=have),
                                          Location(spec_file, each.span), MORE_KEYS_THAN_DATA.fix, data_loc))
        for r in _keyed_refs(t):
            if r.name not in indicators or len({d for d, _ in r.keys}) != len(r.keys):
                continue  # reported by ``static``
            dims = list(data.dimensions(r.name))
            bad = next(((d, k) for d, k in r.keys if d not in dims), None)
            if bad is not None:
                out.append(_diag(UNKNOWN_DIMENSION, spec_file, r.span, f"'{r.name}' is not broken down by '{bad[0]}' in {data.file}",
                                 _hint(bad[0], dims, f"add `by: {{{bad[0]}: …}}` under '{r.name}' in the data"), data_loc))
                continue
            if series_id(r.name, r.pairs) in data.series:
                continue
            for d, k in r.keys:
                fixed = tuple(p for p in r.pairs if p[0] != d)
                keys = list(data.keys(r.name, d, fixed))
                if k not in keys:
                    out.append(_diag(UNKNOWN_KEY, spec_file, r.span, f"'{r.name}' has no values for {d}={k} in {data.file}",
                                     _hint(k, keys, f"add `{k}: {{…}}` under `by: {d}:` of '{r.name}' in the data"), data_loc))
                    break
            else:
                out.append(_diag(UNKNOWN_KEY, spec_file, r.span,
                                 f"'{r.name}' has no values for {', '.join(f'{d}={k}' for d, k in r.keys)} in {data.file}",
                                 f"add the cross `{', '.join(d for d, _ in r.pairs)}` with the key `{', '.join(k for _, k in r.pairs)}` to the data",
                                 data_loc))
    return out
