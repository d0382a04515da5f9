"""`tgtcheck report SPEC`: the evaluation sheet as a self-contained HTML page (or Markdown).

Writes the report to ``-o FILE`` or to stdout.  Exit 0 when the report is
written, whatever the targets' statuses (the report shows them; `tgtcheck
run` is the gate that fails on them); 2 for an invalid spec, data or usage,
a file that cannot be written, or HTML asked for without matplotlib (the
optional extra ``tgtcheck[report]``).
"""

from __future__ import annotations

import argparse
import os
import sys

from .common import add_data_encoding_option, add_lang_option, year_arg


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("spec", metavar="SPEC", help="the .tgt file")
    p.add_argument("--data", metavar="FILE", help="data file: .yaml, .json, .csv or .xlsx (default: the one the spec names)")
    add_data_encoding_option(p)
    p.add_argument("--as-of", type=year_arg, metavar="YEAR", help="evaluation year (default: the latest year in the data)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (default: stdout)")
    add_lang_option(p, "the report")
    p.add_argument("--format", choices=["html", "markdown"], default="html",
                   help="html: one self-contained file with charts (needs tgtcheck[report]); markdown: the same without charts")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour in diagnostics")


def run(args: argparse.Namespace) -> int:
    from ...pipeline import load
    from ...pipeline import run as evaluate
    from .common import data_loader, print_diagnostics, print_notices, sources_of, use_color, write_output

    if args.format == "html":
        from ...core.install import install_hint
        from ...report.charts import missing_library

        why = missing_library()
        if why is not None:
            sys.stderr.write(f"tgtcheck: error[TGT501]: the HTML report draws its charts with matplotlib, which cannot be imported ({why})\n"
                             f"  help: {install_hint('report')}; or use --format markdown (no charts)\n")
            return 2
    loaded = load(args.spec, args.data, data_loader=data_loader(args))
    print_notices(loaded.data)
    result = evaluate(loaded, args.as_of) if loaded.ok else None
    print_diagnostics(loaded.diagnostics, sources_of({args.spec: loaded.text}), use_color(args.color, sys.stderr), args.lang)
    if result is None:
        return 2
    from ...report import render

    text = render(result, args.lang, args.format)
    if not write_output(args.output, text):
        return 2
    if args.output and args.output != "-":
        sys.stderr.write(f"tgtcheck: wrote {os.path.normpath(args.output)}\n")
    return 0
