"""`tgtcheck check SPEC…`: every static problem of specs and their data, without evaluating.

Exit 0 when there is no error (warnings allowed), 2 when there is one.
"""

from __future__ import annotations

import argparse
import sys

from .common import add_output_options


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..formats import FORMATS

    p.add_argument("specs", nargs="+", metavar="SPEC", help=".tgt files")
    p.add_argument("--data", metavar="FILE", help="data file for every spec (default: the one each spec names)")
    p.add_argument("--strict", action="store_true",
                   help="also report unused indicators and constants, targets without a deadline, approximations without a tolerance")
    p.add_argument("--no-data", action="store_true", help="check the specs only, not their data files")
    add_output_options(p, sorted(FORMATS))


def run(args: argparse.Namespace) -> int:
    from ..formats import Options, get
    from ..pipeline import load
    from .common import sources_of, use_color

    diags = []
    texts: dict[str, str | None] = {}
    for spec in args.specs:
        loaded = load(spec, args.data, strict=args.strict, with_data=not args.no_data)
        diags.extend(loaded.diagnostics)
        texts[spec] = loaded.text
    stream = sys.stderr if args.format == "text" else sys.stdout
    opts = Options(lang=args.lang, color=use_color(args.color, stream, args.format))
    out = get(args.format).render_diagnostics(diags, sources_of(texts), opts)
    stream.write(out)
    if args.format == "text" and not diags:
        sys.stderr.write(f"{len(args.specs)} spec{'s' if len(args.specs) != 1 else ''} checked: no problems.\n")
    if any(d.is_error for d in diags):
        return 2
    return 1 if diags else 0  # warnings (e.g. --strict findings) are findings
