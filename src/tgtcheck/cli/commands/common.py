"""Options and output helpers shared by the commands.

Colour follows the usual conventions: ``--color always|never|auto``; in
auto, NO_COLOR (any non-empty value, https://no-color.org) turns colour off,
else FORCE_COLOR (non-empty, not "0") turns it on, else colour only when the
stream is a terminal.  The flag beats both variables.  Machine formats
(json, junit, sarif, github, markdown) never get colour, whatever is asked.

Exit codes are the same for every command (docs/ci.md): 0 clean, 1 findings,
2 trouble; ``EXIT_*`` names them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from types import ModuleType
from typing import TextIO

from ...core.diagnostics import Diagnostic
from ...core.years import YearError, parse_year
from ...data.dataset import Dataset

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_TROUBLE = 2


def add_output_options(p: argparse.ArgumentParser, formats: list[str]) -> None:
    p.add_argument("--format", choices=formats, default="text", help="output format (default: text)")
    add_lang_option(p, "statuses and explanations")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="colour in text output (auto: on a terminal, off with NO_COLOR, on with FORCE_COLOR)")


def add_lang_option(p: argparse.ArgumentParser, what: str) -> None:
    from ...core.output_language import RULE

    p.add_argument("--lang", choices=["en", "ja"], default=None, help=f"language of {what} ({RULE})")


def add_data_encoding_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-encoding", metavar="NAME",
                   help="the data file's text encoding (utf-8, cp932, euc_jp …); default: UTF-8, and a CSV that is not UTF-8 "
                        "is read as Shift_JIS (CP932) with a notice")


def data_loader(args: argparse.Namespace) -> Callable[[str], tuple[Dataset | None, list[Diagnostic]]] | None:
    """The data loader for ``--data-encoding`` (None: the default one); exits 2 for an unknown encoding."""
    name = getattr(args, "data_encoding", None)
    if name is None:
        return None
    from ...data.encoding import known_encoding
    from ...data.load import load_data

    if known_encoding(name) is None:
        sys.stderr.write(f"tgtcheck: error[TGT501]: --data-encoding {name}: no such encoding\n"
                         "  help: give utf-8, cp932 (Shift_JIS as Excel writes it) or euc_jp\n")
        sys.exit(EXIT_TROUBLE)
    return lambda path: load_data(path, name)


def print_notices(*datasets: Dataset | None) -> None:
    """How the data was read, when the user should know it (a CSV read as CP932, a hidden sheet skipped)."""
    for dataset in datasets:
        for notice in dataset.notices if dataset is not None else ():
            sys.stderr.write(f"tgtcheck: note: {notice}\n")


def use_color(choice: str, stream: TextIO, fmt: str = "text") -> bool:
    if fmt != "text" or choice == "never":
        return False
    if choice == "always":
        return True
    if os.environ.get("NO_COLOR", "") != "":
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    return stream.isatty()


def year_arg(text: str) -> int:
    """argparse type for --as-of: every year form of the language."""
    from ...core.digits import HELP, refusal

    why = refusal(text)
    if why is not None:
        raise argparse.ArgumentTypeError(f"{why} ({HELP})")
    parsed = parse_year(text)
    if isinstance(parsed, YearError):
        raise argparse.ArgumentTypeError(f"{parsed.message} ({parsed.help})")
    return parsed.value


def sources_of(files: dict[str, str | None]) -> dict[str, list[str]]:
    return {name: text.split("\n") for name, text in files.items() if text is not None}


def sources_for(files: dict[str, str | None], diags: list[Diagnostic]) -> dict[str, list[str]]:
    """The lines of the specs, plus those of any other file a diagnostic points into (a data file)."""
    sources = sources_of(files)
    for d in diags:
        for loc in (d.location, *d.related):
            if loc.file not in sources and loc.span is not None:
                sources[loc.file] = _lines(loc.file)
    return sources


def _lines(path: str, limit: int = 8 * 1024 * 1024) -> list[str]:
    try:
        if os.path.getsize(path) > limit:  # a data file too large to load is not shown either
            return []
        with open(path, encoding="utf-8-sig") as f:
            return f.read().replace("\r\n", "\n").split("\n")
    except (OSError, UnicodeDecodeError):  # not text: show no source line rather than mojibake
        return []


def write_output(path: str | None, text: str) -> bool:
    """``text`` to the file ``path`` (stdout for None or "-"); False, with TGT502 and a fix on stderr, if it cannot be
    written (a folder that does not exist, no permission, a full disk), as for every output."""
    if not path or path == "-":
        sys.stdout.write(text)
        return True
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except OSError as exc:
        folder = os.path.dirname(os.path.abspath(path))
        help = (f"the folder {folder} does not exist: create it first (mkdir -p {folder})" if not os.path.isdir(folder)
                else "check the disk space and that you may write there")
        sys.stderr.write(f"tgtcheck: error[TGT502]: cannot write {path}: {exc.strerror or exc}\n  help: {help}\n")
        return False
    return True


def print_diagnostics(diags: list[Diagnostic], sources: dict[str, list[str]], color: bool, lang: str = "en") -> None:
    from ...formats import Options
    from ...formats.text import render_diagnostics

    if diags:
        sys.stderr.write(render_diagnostics(diags, sources, Options(lang=lang, color=color)))


def render_check(fmt: ModuleType, checked: dict[str, list[Diagnostic]], sources: dict[str, list[str]], opts: object) -> str:
    """A format's report of checked specs: ``render_check`` where the format has it, else the flat list."""
    if hasattr(fmt, "render_check"):
        return str(fmt.render_check(checked, sources, opts))
    return str(fmt.render_diagnostics([d for ds in checked.values() for d in ds], sources, opts))
