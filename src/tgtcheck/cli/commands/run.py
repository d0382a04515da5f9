"""`tgtcheck run SPEC`: evaluate every target and print the verdicts.

Exit 0 when no target has a failing status (--fail-on, default: behind,
not_met), 1 when one does (0 with --exit-zero), 2 for an invalid spec, data
or usage.  Diagnostics always go to stderr as text; the verdicts go to
stdout in the chosen format.  When the spec cannot be evaluated, a machine
format still writes its document (the diagnostics as results), so a CI step
that uploads SARIF or reads JUnit sees why.

Several specs, or folders (every ``.tgt`` under them: ``spec_files``), are a
portfolio (``portfolio.py``): each spec judged with its own data, as alone,
over every CPU (``TGTCHECK_JOBS=1``: one process), then one combined
result, per spec and then an overall count, in the order of the files; the
exit code is the worst (2 if any spec could not be judged, the others still
judged and shown).  ``--data`` names one spec's data, so it is refused with
several specs (TGT501): each spec names its own.  One spec file alone keeps
the single-spec output, byte for byte; a folder, even with one spec in it,
gives the portfolio's, so a CI step's output keeps its shape as the folder
grows.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from .common import EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, add_data_encoding_option, add_output_options, data_loader, year_arg

if TYPE_CHECKING:
    from ...core.diagnostics import Diagnostic
    from ...formats import Options


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ...formats import FORMATS

    p.add_argument("specs", nargs="+", metavar="SPEC",
                   help="the .tgt file; several files or folders (every .tgt under them) are judged together, each with its own data")
    p.add_argument("--data", metavar="FILE",
                   help="data file: .yaml, .json, .csv or .xlsx (default: the one the spec names); one spec only")
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
    from ...judging.evaluate import Status

    # as the text output writes them ("not met", "on track") or as the machine formats do (not_met)
    names = [" ".join(s.split()).replace(" ", "_").replace("-", "_").lower() for s in text.split(",") if s.strip()]
    known = {s.value for s in Status}
    bad = [n for n in names if n not in known]
    if bad:
        return f"unknown status {', '.join(bad)} in --fail-on; known: {', '.join(s.value for s in Status)}"
    return frozenset(names)


def run(args: argparse.Namespace) -> int:
    from ...core.gcpause import paused

    with paused():  # parse to output is one batch of acyclic objects: no cyclic GC rescans (see gcpause)
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from ...formats import Options, get
    from ...pipeline import PiecesResult, RunResult, load, run_pieces
    from ...pipeline import run as evaluate
    from .common import print_diagnostics, print_notices, render_check, sources_for, use_color

    fail_on = fail_statuses(args.fail_on)
    if isinstance(fail_on, str):
        sys.stderr.write(f"tgtcheck: error[TGT501]: {fail_on}\n")
        return EXIT_TROUBLE
    if len(args.specs) > 1 or os.path.isdir(args.specs[0]):
        return _run_portfolio(args, fail_on)
    args.spec = args.specs[0]
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
        from ...judging.recorded import final_status  # a recorded judgement decides the exit code (docs/language.md)

        statuses = [final_status(v) for v in result.verdicts]
    failing = any(s.value in fail_on for s in statuses)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _run_portfolio(args: argparse.Namespace, fail_on: frozenset[str]) -> int:
    """Several specs or folders: each judged with its own data, then one combined result (portfolio.py)."""
    from ...formats import Options, get
    from ...pipeline import Loaded
    from ...pipeline.portfolio import Portfolio, judge
    from ...pipeline.spec_files import expand
    from .common import sources_for, use_color

    if args.data:
        sys.stderr.write(f"tgtcheck: error[TGT501]: --data {args.data} with several specs: each spec is judged with its own data\n"
                         "  help: leave out --data (each spec's `data \"…\"` clause names its file), or run one spec at a time\n"
                         + ("  説明: 複数の仕様には --data を使えません。各仕様はそれぞれの data 句のデータで判定します。"
                            "--data を外すか、仕様を一つずつ実行してください。\n" if args.lang == "ja" else ""))
        return EXIT_TROUBLE
    found = expand(args.specs)
    fmt = get(args.format)
    opts = Options(lang=args.lang, color=use_color(args.color, sys.stdout, args.format), fail_on=fail_on, ratios=args.ratios)
    err_opts = Options(lang=args.lang, color=use_color(args.color, sys.stderr))
    loader = data_loader(args)

    def describe(loaded: Loaded) -> tuple[dict[str, list[str]], str]:
        notices = "".join(f"tgtcheck: note: {n}\n" for n in (loaded.data.notices if loaded.data is not None else ()))
        if not loaded.diagnostics:
            return {}, notices
        sources = sources_for({loaded.spec_file: loaded.text}, loaded.diagnostics)
        return sources, notices + _diagnostic_blocks(loaded.diagnostics, sources, err_opts)

    outcomes = judge(found.files, fmt, opts, args.as_of, loader, describe)
    portfolio = Portfolio(outcomes, found.diagnostics, args.as_of)
    if found.diagnostics:
        sys.stderr.write(_diagnostic_blocks(found.diagnostics, {}, err_opts))
    for o in outcomes:
        sys.stderr.write(o.stderr)
    if portfolio.errors or portfolio.warnings:
        sys.stderr.write(_found(portfolio.errors, portfolio.warnings, args.lang))
    sys.stdout.write(fmt.render_portfolio(portfolio, opts))  # also with no spec at all: the folders' problems say why
    return portfolio.exit_code(fail_on, args.exit_zero)


def _diagnostic_blocks(diags: list[Diagnostic], sources: dict[str, list[str]], opts: Options) -> str:
    """The diagnostics as the text format writes them, without its count line (one count ends the portfolio's)."""
    from ...core.diagnostics import render_diagnostic
    from ...formats.text import capped

    shown, hidden = capped(diags)
    out = [render_diagnostic(d, sources.get(d.location.file), opts.color, opts.lang) + "\n" for d in shown]
    for (file, code), n in hidden.items():
        out.append(f"{file}: … and {n} more {code} not shown (--format json lists every one)\n" if opts.lang != "ja"
                   else f"{file}: … ほか {code} {n} 件（--format json ですべて表示）\n")
    return "".join(out)


def _found(errors: int, warnings: int, lang: str) -> str:
    if lang == "ja":
        return f"エラー {errors} 件" + (f"、警告 {warnings} 件。\n" if warnings else "。\n")
    return (f"Found {errors} error{'s' if errors != 1 else ''}"
            + (f" and {warnings} warning{'s' if warnings != 1 else ''}.\n" if warnings else ".\n"))

