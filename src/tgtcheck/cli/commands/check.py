"""`tgtcheck check SPEC…`: every static problem of specs and their data, without evaluating.

A data file given instead of a spec (``tgtcheck check spec/policy_6_2.yaml``, as the pre-commit
hook passes a yearly update) checks every spec of the repository that uses it (``data_users``).
A folder checks every ``.tgt`` under it (``spec_files``: sorted, hidden folders skipped, link loops
and unreadable folders reported); many specs are checked over every CPU (``parallel.in_chunks``),
the report in the order of the files whatever the scheduling.  ``--data`` keeps its meaning with
several specs: one data file for every spec.

Exit 0 when there is no diagnostic, 1 when there are only warnings (for
example the findings of --strict), 2 when there is an error; --exit-zero
turns the 1 into 0 (an error is still 2).  Text goes to stderr as ruff and
mypy do; a machine format (--format json|junit|sarif|github|markdown) goes
to stdout, one document for all the specs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .common import EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, add_data_encoding_option, add_output_options

if TYPE_CHECKING:
    from ...core.diagnostics import Diagnostic


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ...formats import FORMATS

    p.add_argument("specs", nargs="+", metavar="SPEC", help=".tgt files or folders (every .tgt under them); a data file (.yaml, .json, .csv, .xlsx) checks "
                        "every spec that uses it")
    p.add_argument("--data", metavar="FILE", help="data file for every spec (default: the one each spec names)")
    add_data_encoding_option(p)
    p.add_argument("--strict", action="store_true",
                   help="also report unused indicators and constants, targets without a deadline, approximations without a tolerance")
    p.add_argument("--no-data", action="store_true", help="check the specs only, not their data files")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are warnings (an error still exits 2)")
    add_output_options(p, sorted(FORMATS))


def _specs(files: list[str], found: list[Diagnostic] | None = None) -> list[str]:
    """The specs to check: the .tgt files given, those under the folders given (their problems added to ``found``),
    and for each data file given the specs that use it."""
    import os

    from ...data.load import DATA_SUFFIXES

    specs: dict[str, None] = {}
    candidates: list[str] | None = None
    for file in files:
        if os.path.isdir(file):
            from ...pipeline.spec_files import expand

            under = expand([file])
            specs.update(dict.fromkeys(under.files))
            if found is not None:
                found.extend(under.diagnostics)
            continue
        if os.path.splitext(file)[1].lower() not in DATA_SUFFIXES:
            specs[file] = None
            continue
        from ..data_users import candidate_specs, specs_using

        if candidates is None:
            candidates = candidate_specs()
        users = specs_using(file, candidates)
        if not users:
            sys.stderr.write(f"tgtcheck: note: no spec uses {file}: nothing to check for it\n")
        specs.update(dict.fromkeys(users))
    return list(specs)


def run(args: argparse.Namespace) -> int:
    from ...core.parallel import in_chunks
    from ...formats import Options, get
    from ...pipeline import load
    from .common import data_loader, render_check, sources_for, use_color

    checked: dict[str, list[Diagnostic]] = {}
    texts: dict[str, str | None] = {}
    loader = data_loader(args)
    folder_problems: list[Diagnostic] = []
    specs = _specs(args.specs, folder_problems)  # a spec named twice is checked once

    def work(chunk: Sequence[str]) -> list[tuple[list[Diagnostic], str | None, tuple[str, ...]]]:
        out = []
        for spec in chunk:
            loaded = load(spec, args.data, strict=args.strict, with_data=not args.no_data, data_loader=loader)
            out.append((loaded.diagnostics, loaded.text, tuple(loaded.data.notices) if loaded.data is not None else ()))
        return out

    for problem in folder_problems:
        checked.setdefault(problem.location.file, []).append(problem)
    for spec, (found, text, notices) in zip(specs, in_chunks(work, specs), strict=True):
        for notice in notices:
            sys.stderr.write(f"tgtcheck: note: {notice}\n")
        checked.setdefault(spec, []).extend(found)
        texts[spec] = text
    diags = [d for ds in checked.values() for d in ds]
    stream = sys.stderr if args.format == "text" else sys.stdout
    opts = Options(lang=args.lang, color=use_color(args.color, stream, args.format))
    stream.write(render_check(get(args.format), checked, sources_for(texts, diags), opts))
    if args.format == "text" and not diags:
        sys.stderr.write(f"{len(checked)} spec{'s' if len(checked) != 1 else ''} checked: no problems.\n")
    if any(d.is_error for d in diags):
        return EXIT_TROUBLE
    return EXIT_FINDINGS if diags and not args.exit_zero else EXIT_CLEAN
