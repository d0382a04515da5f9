"""`tgtcheck explain SPEC TARGET_ID`: how one target's status was derived, step by step.

Loads and evaluates the spec exactly as `tgtcheck run` does (``pipeline``),
then lays out the derivation of the one verdict (``derivation``): every value
read with its footnotes, every computation with its formula and exact
result, the threshold and tolerance, the progress line, the rule.  Exit 0
when the target is explained, 2 for an invalid spec or data, an unknown
target id (with a did-you-mean) or bad usage; the status itself never
changes the exit code (that is `tgtcheck run`'s job).
"""

from __future__ import annotations

import argparse
import sys

from .common import add_data_encoding_option, add_output_options, year_arg


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("spec", metavar="SPEC", help="the .tgt file")
    p.add_argument("target", metavar="TARGET_ID", help='the target\'s id, e.g. 6-2-7 (as in target "6-2-7" …)')
    p.add_argument("--key", metavar="KEY", help="a breakdown target (for each region …): derive this key's verdict, e.g. --key DE")
    p.add_argument("--data", metavar="FILE", help="data file: .yaml, .json, .csv or .xlsx (default: the one the spec names)")
    add_data_encoding_option(p)
    p.add_argument("--as-of", type=year_arg, metavar="YEAR", help="evaluation year (default: the latest year in the data)")
    add_output_options(p, ["json", "text"])


def run(args: argparse.Namespace) -> int:
    import json

    from ...analysis.check import lookalike
    from ...core.diagnostics import USAGE, Diagnostic, Location, Severity
    from ...core.suggest import Budget, suggest
    from ...judging.derivation import derive, render_text, to_json
    from ...pipeline import load
    from ...pipeline import run as evaluate
    from .common import data_loader, print_diagnostics, print_notices, sources_of, use_color

    loaded = load(args.spec, args.data, data_loader=data_loader(args))
    print_notices(loaded.data)
    color = use_color(args.color, sys.stderr)
    sources = sources_of({args.spec: loaded.text})
    spec = loaded.spec
    if spec is not None and args.target not in {t.id for t in spec.targets}:
        ids = [t.id for t in spec.targets]
        guess = next((i for i in ids if lookalike(i) == lookalike(args.target)), None) or suggest(args.target, ids, Budget())
        shown = ", ".join(ids[:20]) + (f", … ({len(ids) - 20} more)" if len(ids) > 20 else "")
        help_text = f'did you mean "{guess}"?' if guess else ("targets: " + shown if ids else "the spec has no targets")
        unknown = Diagnostic(USAGE.code, Severity.ERROR, f'no target "{args.target}" in {args.spec}', Location(args.spec), help_text)
        print_diagnostics([unknown], sources, color, args.lang)
        return 2
    result = evaluate(loaded, args.as_of) if loaded.ok else None
    print_diagnostics(loaded.diagnostics, sources, color, args.lang)
    if result is None or loaded.data is None:
        return 2
    verdicts = [v for v in result.verdicts if v.target.id == args.target]
    key = getattr(args, "key", None)
    if key is not None:  # one key of a breakdown target, derived as any target is
        keyed = [k for v in verdicts if v.breakdown is not None for name, k in v.breakdown.keys if name == key]
        if not keyed:
            known = [name for v in verdicts if v.breakdown is not None for name, _ in v.breakdown.keys]
            guess = suggest(key, known, Budget()) if known else None
            help_text = (f'did you mean "{guess}"? ' if guess else "") + (
                f"keys: {', '.join(known[:30])}" if known else f'target "{args.target}" is not judged per key (no `for each`)')
            print_diagnostics([Diagnostic(USAGE.code, Severity.ERROR, f'target "{args.target}" has no key "{key}"', Location(args.spec),
                                          help_text)], sources, color, args.lang)
            return 2
        verdicts = keyed
    derivations = [derive(v, result.spec, loaded.data) for v in verdicts]
    if args.format == "json":
        doc = {"spec": args.spec, "data": loaded.data_file, "targets": [to_json(d, args.lang) for d in derivations]}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(render_text(d, args.lang) for d in derivations))
    return 0
