"""Options and output helpers shared by the commands.

Colour follows the usual conventions: ``--color always|never|auto``; in
auto, NO_COLOR (any value) turns colour off and FORCE_COLOR turns it on,
otherwise colour only when the stream is a terminal.  Machine formats never
get colour.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from ..diagnostics import Diagnostic
from ..years import YearError, parse_year


def add_output_options(p: argparse.ArgumentParser, formats: list[str]) -> None:
    p.add_argument("--format", choices=formats, default="text", help="output format (default: text)")
    p.add_argument("--lang", choices=["en", "ja"], default="en", help="language of statuses and explanations")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour in text output")


def use_color(choice: str, stream: TextIO, fmt: str = "text") -> bool:
    if fmt != "text" or choice == "never":
        return False
    if choice == "always":
        return True
    if "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != "":
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    return stream.isatty()


def year_arg(text: str) -> int:
    """argparse type for --as-of: every year form of the language."""
    parsed = parse_year(text)
    if isinstance(parsed, YearError):
        raise argparse.ArgumentTypeError(f"{parsed.message} ({parsed.help})")
    return parsed.value


def sources_of(files: dict[str, str | None]) -> dict[str, list[str]]:
    return {name: text.split("\n") for name, text in files.items() if text is not None}


def print_diagnostics(diags: list[Diagnostic], sources: dict[str, list[str]], color: bool) -> None:
    from ..formats import Options
    from ..formats.text import render_diagnostics

    if diags:
        sys.stderr.write(render_diagnostics(diags, sources, Options(color=color)))
