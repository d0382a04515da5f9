"""`tgtcheck run SPEC`: evaluate every target and print the verdicts.

Exit 0 when no target has a failing status (--fail-on, default: behind,
not_met), 1 when one does (0 with --exit-zero), 2 for an invalid spec, data
or usage.  Diagnostics always go to stderr as text; the verdicts go to
stdout in the chosen format.  When the spec cannot be evaluated, a machine
format still writes its document (the diagnostics as results), so a CI step
that uploads SARIF or reads JUnit sees why.
"""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, add_data_encoding_option, add_output_options, year_arg


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..formats import FORMATS

    p.add_argument("spec", metavar="SPEC", help="the .tgt file")
    p.add_argument("--data", metavar="FILE", help="data file: .yaml, .json, .csv or .xlsx (default: the one the spec names)")
    add_data_encoding_option(p)
    p.add_argument("--as-of", type=year_arg, metavar="YEAR", help="evaluation year (default: the latest year in the data)")
    add_output_options(p, sorted(FORMATS))
    p.add_argument("--fail-on", default="behind,not_met", metavar="STATUS[,STATUS…]",
                   help="statuses that make the exit code 1 (default: behind,not_met; '' for none)")
    p.add_argument("--ratios", action="store_true",
                   help="text output: show each target's achievement and progress ratios (and a rating method's grade)")
    p.add_argument("--keys", action="store_true",
                   help="text output: list every key of a breakdown target (for each region …) under it, best first, "
                        "each with its status and explanation")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when a target fails (2 still means trouble)")


def fail_statuses(text: str) -> frozenset[str] | str:
    """The statuses of --fail-on, or the message for an unknown one."""
    from ..evaluate import Status

    # as the text output writes them ("not met", "on track") or as the machine formats do (not_met)
    names = [" ".join(s.split()).replace(" ", "_").replace("-", "_").lower() for s in text.split(",") if s.strip()]
    known = {s.value for s in Status}
    bad = [n for n in names if n not in known]
    if bad:
        return f"unknown status {', '.join(bad)} in --fail-on; known: {', '.join(s.value for s in Status)}"
    return frozenset(names)


def run(args: argparse.Namespace) -> int:
    from ..gcpause import paused

    with paused():  # parse to output is one batch of acyclic objects: no cyclic GC rescans (see gcpause)
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from ..formats import Options, get
    from ..pipeline import PiecesResult, RunResult, load, run_pieces
    from ..pipeline import run as evaluate
    from .common import data_loader, print_diagnostics, print_notices, render_check, sources_for, use_color

    fail_on = fail_statuses(args.fail_on)
    if isinstance(fail_on, str):
        sys.stderr.write(f"tgtcheck: error[TGT501]: {fail_on}\n")
        return EXIT_TROUBLE
    loaded = load(args.spec, args.data, data_loader=data_loader(args))
    print_notices(loaded.data)
    fmt = get(args.format)
    opts = Options(lang=args.lang, color=use_color(args.color, sys.stdout, args.format), fail_on=fail_on, ratios=args.ratios,
                   keys=getattr(args, "keys", False))
    result: PiecesResult | RunResult | None = None
    if loaded.ok and hasattr(fmt, "target_piece"):  # written target by target, a large spec's in two processes
        result = run_pieces(loaded, args.as_of, lambda v: fmt.target_piece(v, opts, loaded.spec_file))
    elif loaded.ok:
        result = evaluate(loaded, args.as_of)
    sources = sources_for({args.spec: loaded.text}, loaded.diagnostics) if loaded.diagnostics else {}
    print_diagnostics(loaded.diagnostics, sources, use_color(args.color, sys.stderr), args.lang)
    if result is None:
        if args.format != "text":
            if hasattr(fmt, "render_failed_run"):
                sys.stdout.write(fmt.render_failed_run(loaded, sources, opts))
            else:
                sys.stdout.write(render_check(fmt, {args.spec: loaded.diagnostics}, sources, opts))
        return EXIT_TROUBLE
    if isinstance(result, PiecesResult):
        sys.stdout.write(fmt.render_pieces(result, opts))
        statuses = result.statuses
    else:
        sys.stdout.write(fmt.render_run(result, opts))
        from ..recorded import final_status  # a recorded judgement decides the exit code (docs/language.md)

        statuses = [final_status(v) for v in result.verdicts]
    failing = any(s.value in fail_on for s in statuses)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN
