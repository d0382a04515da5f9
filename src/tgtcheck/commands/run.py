"""`tgtcheck run SPEC`: evaluate every target and print the verdicts.

Exit 0 when no target has a failing status (default: behind, not_met),
1 when one does, 2 for an invalid spec, data or usage.
"""

from __future__ import annotations

import argparse
import sys

from .common import add_output_options, year_arg


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..formats import FORMATS

    p.add_argument("spec", metavar="SPEC", help="the .tgt file")
    p.add_argument("--data", metavar="FILE", help="data file (default: the one the spec names)")
    p.add_argument("--as-of", type=year_arg, metavar="YEAR", help="evaluation year (default: the latest year in the data)")
    add_output_options(p, sorted(FORMATS))
    p.add_argument("--fail-on", default="behind,not_met", metavar="STATUS[,STATUS…]",
                   help="statuses that make the exit code 1 (default: behind,not_met)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when a target fails (2 still means trouble)")


def fail_statuses(text: str) -> frozenset[str] | str:
    from ..evaluate import Status

    names = [s.strip() for s in text.split(",") if s.strip()]
    known = {s.value for s in Status}
    bad = [n for n in names if n not in known]
    if bad:
        return f"unknown status {', '.join(bad)} in --fail-on; known: {', '.join(s.value for s in Status)}"
    return frozenset(names)


def run(args: argparse.Namespace) -> int:
    from ..formats import Options, get
    from ..pipeline import load, run as evaluate
    from .common import print_diagnostics, sources_of, use_color

    fail_on = fail_statuses(args.fail_on)
    if isinstance(fail_on, str):
        sys.stderr.write(f"tgtcheck: error[TGT501]: {fail_on}\n")
        return 2
    loaded = load(args.spec, args.data)
    err_color = use_color(args.color, sys.stderr)
    result = evaluate(loaded, args.as_of) if loaded.ok else None
    print_diagnostics(loaded.diagnostics, sources_of({args.spec: loaded.text}), err_color)
    if result is None:
        return 2
    opts = Options(lang=args.lang, color=use_color(args.color, sys.stdout, args.format), fail_on=fail_on)
    sys.stdout.write(get(args.format).render_run(result, opts))
    failing = any(v.status.value in fail_on for v in result.verdicts)
    return 1 if failing and not args.exit_zero else 0
