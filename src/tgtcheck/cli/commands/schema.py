"""`tgtcheck schema data|run|check|diff [-o FILE]`: the JSON Schemas shipped in the package.

Editors validate and complete a data file against ``data.schema.json`` (``# yaml-language-server:
$schema=…``), and scripts check the JSON outputs against the others.  A path into this repository
(``../src/tgtcheck/schema/…``) means nothing in a policy repository, and a path into site-packages
changes with each environment: so the schema is written next to the data, where a relative
``$schema=data.schema.json`` finds it.
"""

from __future__ import annotations

import argparse
import os
import sys

SCHEMAS = ("data", "run", "check", "diff")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", choices=SCHEMAS, help="data: the indicator data files; run, check, diff: those commands' --format json")
    p.add_argument("-o", "--output", metavar="FILE", help="write it to FILE (default: stdout)")


def run(args: argparse.Namespace) -> int:
    from importlib import resources

    text = resources.files("tgtcheck").joinpath("schema", f"{args.name}.schema.json").read_text(encoding="utf-8")
    from .common import write_output

    if not write_output(args.output, text):
        return 2
    if not args.output or args.output == "-":
        return 0
    sys.stderr.write(f"tgtcheck: wrote {os.path.normpath(args.output)}"
                     + (f" (in a YAML data file beside it: # yaml-language-server: $schema={os.path.basename(args.output)})\n"
                        if args.name == "data" else "\n"))
    return 0
