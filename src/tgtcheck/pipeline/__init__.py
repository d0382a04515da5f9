"""From file names to verdicts: parse, check, load data, check data, evaluate.

Every command that needs verdicts (run, explain, report, diff, the language
server) goes through ``load`` and ``run``, so they all report the same
problems in the same way; ``run_pieces`` is ``run`` for an output written
target by target (JSON), which can use a second process.  Problems are collected as diagnostics; a result
with an error diagnostic has no verdicts.

May import: ``core``, ``language``, ``data``, ``judging``, ``analysis``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ..analysis.check import check, check_data
from ..core.diagnostics import AS_OF_AFTER_DATA, AS_OF_TOO_EARLY, DATA_UNREADABLE, NO_DATA, Diagnostic, Location, Severity
from ..core.years import use_calendar_years
from ..data.dataset import Dataset
from ..judging.assessment import Assessment
from ..judging.evaluate import Status, Verdict, evaluate
from ..language.nodes import Spec, Target
from ..language.parser import parse, parse_file


@dataclass
class Loaded:
    spec_file: str
    spec: Spec | None = None
    text: str | None = None
    data: Dataset | None = None
    data_file: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


@dataclass
class RunResult:
    loaded: Loaded
    as_of: int
    verdicts: list[Verdict]
    assessment: Assessment

    @property
    def spec(self) -> Spec:
        assert self.loaded.spec is not None
        return self.loaded.spec


def data_path(spec_file: str, spec: Spec, override: str | None) -> str | None:
    """--data wins; else the spec's `data "…"` clause, relative to the spec file."""
    if override:
        return override
    if spec.policy.data is None:
        return None
    return os.path.normpath(os.path.join(os.path.dirname(spec_file), spec.policy.data))


def load(spec_file: str, data_override: str | None = None, strict: bool = False, with_data: bool = True,
         text: str | None = None, data_loader: Callable[[str], tuple[Dataset | None, list[Diagnostic]]] | None = None) -> Loaded:
    """Parse and check a spec, then load and check its data.

    ``text`` is the spec's text when it is not (yet) on disk, as in an editor;
    ``data_loader`` replaces ``data.load_data`` (the language server caches data files).
    """
    out = Loaded(spec_file)
    if text is None:
        spec, diags, text = parse_file(spec_file)
    else:
        spec, diags = parse(text, spec_file)
    out.text, out.spec = text, spec
    out.diagnostics.extend(diags)
    if spec is None:
        return out
    use_calendar_years(spec.policy.years == "calendar")  # how every output prints this spec's years
    out.diagnostics.extend(check(spec, spec_file, strict))
    if not with_data:
        return out
    path = data_path(spec_file, spec, data_override)
    if path is None:
        out.diagnostics.append(Diagnostic(DATA_UNREADABLE.code, Severity.ERROR, "the spec names no data file", Location(spec_file, spec.policy.span),
                                          'add `data "FILE.yaml"` to the policy header, or pass --data FILE'))
        return out
    if data_loader is None:
        from ..data.load import load_data

        data_loader = load_data
    out.data_file = path
    data, data_diags = data_loader(path)
    out.diagnostics.extend(_with_declaration(d, spec, spec_file) for d in data_diags)
    if data is not None:
        out.data = data
        out.diagnostics.extend(check_data(spec, spec_file, data, strict))
    return out


def _with_declaration(d: Diagnostic, spec: Spec, spec_file: str) -> Diagnostic:
    """A problem in an indicator's data also points at the spec's `indicator` declaration."""
    path = d.location.path or ""
    for ind in spec.indicators:
        if path == f"indicators.{ind.id}" or path.startswith(f"indicators.{ind.id}."):
            return replace(d, related=d.related + (Location(spec_file, ind.span),))
    return d


def run(loaded: Loaded, as_of: int | None = None) -> RunResult | None:
    """Evaluate a loaded spec; None if it has errors or there is no year to evaluate."""
    year = _evaluation_year(loaded, as_of)
    if year is None or loaded.spec is None or loaded.data is None:
        return None
    verdicts = evaluate(loaded.spec, loaded.data, year)
    spec = loaded.spec
    from ..judging.recorded import final_status
    from ..judging.rollup import roll_up  # the sheet rule (the default) included

    recorded = [v.recorded for v in verdicts if v.recorded is not None]
    assessment = roll_up(spec, [final_status(v) for v in verdicts], [v.target.main for v in verdicts],
                         [v.rating.grade if v.rating is not None else None for v in verdicts], year, _due(spec),
                         len(recorded), sum(r.differs for r in recorded))
    return RunResult(loaded, year, verdicts, assessment)


@dataclass
class PiecesResult:
    """A run written target by target: each target's piece of output and status, not its verdict."""

    loaded: Loaded
    as_of: int
    statuses: list[Status]
    pieces: list[str]
    assessment: Assessment


def run_pieces(loaded: Loaded, as_of: int | None, piece: Callable[[Verdict], str]) -> PiecesResult | None:
    """As ``run``, for an output written target by target (``piece`` writes one verdict).

    Each verdict becomes its piece of output as soon as it is made, so
    verdicts are not kept, and a large spec's targets are judged and written
    in two processes (``parallel.in_halves``): the pieces and the statuses
    are the same, in the same order, as from ``run`` and the format's
    ``render_run``.
    """
    year = _evaluation_year(loaded, as_of)
    spec, data = loaded.spec, loaded.data
    if year is None or spec is None or data is None:
        return None
    from ..core.parallel import in_halves
    from ..judging.evaluate import Evaluator

    evaluator = Evaluator(spec, data, year)

    from ..judging.recorded import final_status

    def work(targets: Sequence[Target]) -> list[tuple[str, str, str]]:
        out = []
        for t in targets:
            v = evaluator.target(t)
            # the status counted (the recorded judgement's, where there is one), and whether it was recorded
            # (+) and differs from the rule's (!): three characters that cross the process boundary
            mark = "" if v.recorded is None else "!" if v.recorded.differs else "+"
            out.append((mark + final_status(v).value, v.rating.grade if v.rating is not None else "", piece(v)))
        return out

    triples = in_halves(work, spec.targets)
    statuses = [Status(s.lstrip("+!")) for s, _, _ in triples]
    recorded = sum(s[0] in "+!" for s, _, _ in triples)
    differs = sum(s[0] == "!" for s, _, _ in triples)
    pieces = [p for _, _, p in triples]
    from ..judging.rollup import roll_up  # the sheet rule (the default) included

    assessment = roll_up(spec, statuses, [t.main for t in spec.targets], [g or None for _, g, _ in triples], year, _due(spec),
                         recorded, differs)
    return PiecesResult(loaded, year, statuses, pieces, assessment)


def _evaluation_year(loaded: Loaded, as_of: int | None) -> int | None:
    """The year to evaluate in: --as-of, else the data's latest; None (with an error) when there is none.

    An as-of year before the policy's base year (or, without one, before every data year) is an error
    (TGT402): nothing can be judged yet.  One after the latest data year is evaluated on the latest values,
    with a warning naming that year (TGT403), so a typo in --as-of never passes silently."""
    if not loaded.ok or loaded.spec is None or loaded.data is None:
        return None
    latest = loaded.data.latest_year()
    year = as_of if as_of is not None else latest
    if year is None:
        loaded.diagnostics.append(Diagnostic(NO_DATA.code, Severity.ERROR, "the data has no values, so there is no year to evaluate",
                                             Location(loaded.data_file or loaded.spec_file), "add values, or pass --as-of YEAR"))
        return None
    if as_of is None:
        return year
    from ..core.years import era_label, label  # as --as-of takes a year (H14), and as people read it ("H14 (2002)")

    policy = loaded.spec.policy
    first = loaded.data.first_year()
    if policy.base is not None and as_of < policy.base.value:
        loaded.diagnostics.append(Diagnostic(
            AS_OF_TOO_EARLY.code, AS_OF_TOO_EARLY.severity, f"--as-of {label(as_of)} is before the policy's base year "
            f"{label(policy.base.value)}: there is nothing to evaluate yet",
            Location(loaded.spec_file, policy.base.span), f"pass --as-of {era_label(policy.base.value)} or later"))
        return None
    if policy.base is None and first is not None and as_of < first:
        loaded.diagnostics.append(Diagnostic(
            AS_OF_TOO_EARLY.code, AS_OF_TOO_EARLY.severity, f"--as-of {label(as_of)} is before every year of the data (the first is "
            f"{label(first)}): there is nothing to evaluate yet",
            Location(loaded.data_file or loaded.spec_file), f"pass --as-of {era_label(first)} or later"))
        return None
    if latest is not None and as_of > latest:
        loaded.diagnostics.append(Diagnostic(
            AS_OF_AFTER_DATA.code, AS_OF_AFTER_DATA.severity, f"the data has no year after {label(latest)}: as of {label(as_of)} "
            f"the targets are judged on the latest values",
            Location(loaded.data_file or loaded.spec_file), f"add the values of the years after {label(latest)}, "
            f"or pass --as-of {era_label(latest)}"))
    return year


def _due(spec: Spec) -> int | None:
    return spec.policy.due.value if spec.policy.due else None
