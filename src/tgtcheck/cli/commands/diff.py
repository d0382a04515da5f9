"""`tgtcheck diff OLD [NEW]`: what changed in the targets, and how each verdict moved.

OLD and NEW are spec files or git revisions (``REV:path``, read with
``git cat-file blob``, which prints what ``git show REV:path`` does for a
file; ``REV:./path`` is relative to the current directory, as in git).  An
existing file wins over the revision reading.  A git spec's data file is its
``data`` clause read from the same revision, else the working file (with a
note).

Verdicts are compared when ``--as-of`` or ``--verdicts`` is given: one
``--as-of`` applies to both sides, two are OLD's and NEW's; ``--verdicts``
alone evaluates each side at the latest year of its data.  NEW may be left
out to compare two evaluation years of one spec.

``--git-external`` makes this git's external diff driver (``git config
diff.tgtcheck.command 'tgtcheck diff --git-external'``): git passes ``path
old-file old-hex old-mode new-file new-hex new-mode`` and expects exit 0.

Exit 0: no semantic change and no verdict change; 1: changes; 2: trouble
(unreadable file, bad revision, invalid spec or data, usage).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from .common import add_output_options, year_arg

if TYPE_CHECKING:
    from ...formats import Options
    from ...formats.diff_common import DiffReport
    from ...language.nodes import Spec

FORMATS = {
    "text": "tgtcheck.formats.diff_text",
    "json": "tgtcheck.formats.diff_json",
    "markdown": "tgtcheck.formats.diff_markdown",
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    # one positional list: argparse cannot put options before optional positionals (`--as-of H14 OLD NEW`)
    p.usage = "tgtcheck diff [options] OLD [NEW]"
    p.add_argument("specs", nargs="+", metavar="OLD [NEW]",
                   help="the old and the new spec: files, or REV:PATH from git (HEAD~1:spec/policy_6_2.tgt); "
                        "NEW defaults to OLD, to compare two --as-of years")
    p.add_argument("--as-of", type=year_arg, action="append", metavar="YEAR",
                   help="evaluate and compare verdicts: once for both sides, or twice (OLD's year, then NEW's)")
    p.add_argument("--verdicts", action="store_true", help="compare verdicts at each side's latest data year (implied by --as-of)")
    p.add_argument("--data", metavar="FILE", help="data file for both sides (default: the one each spec names)")
    p.add_argument("--old-data", metavar="FILE", help="data file for OLD (wins over --data)")
    p.add_argument("--new-data", metavar="FILE", help="data file for NEW (wins over --data)")
    add_output_options(p, sorted(FORMATS))
    p.add_argument("--git-external", action="store_true",
                   help="act as git's external diff driver: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE; always exits 0")


def _usage(message: str) -> int:
    sys.stderr.write(f"tgtcheck: error[TGT501]: {message}\n  help: see `tgtcheck diff --help`\n")
    return 2


def run(args: argparse.Namespace) -> int:
    from ...formats import Options
    from .common import use_color

    opts = Options(lang=args.lang, color=use_color(args.color, sys.stdout, args.format))
    files: list[str] = args.specs
    if args.git_external:
        return git_external(files, opts)
    if len(files) > 2:
        return _usage(f"diff takes at most two specs, got {len(files)}")
    args.old, args.new = files[0], files[1] if len(files) == 2 else None
    as_of = args.as_of or []
    if len(as_of) > 2:
        return _usage("give --as-of once (both sides) or twice (OLD's year, then NEW's)")
    evaluate = bool(as_of) or args.verdicts
    if args.new is None and not evaluate:
        return _usage("give NEW, or --as-of twice to compare two evaluation years of one spec")
    return compare_specs(args, opts, (as_of[0], as_of[-1]) if as_of else (None, None), evaluate)


def compare_specs(args: argparse.Namespace, opts: Options, as_of: tuple[int | None, int | None], evaluate: bool) -> int:
    from ...analysis.differ import diff, renamed_targets
    from ...analysis.verdict_diff import compare
    from ...formats.diff_common import DiffReport
    from ...pipeline import run as evaluate_spec
    from .common import print_diagnostics, sources_of, use_color
    from .diff_sources import read_new_side, read_side

    new_name = args.new or args.old
    old = read_side(args.old, args.old_data or args.data, evaluate)
    same = new_name == args.old and (args.new_data or args.data) == (args.old_data or args.data)
    new = old if same else read_new_side(new_name, args.new_data or args.data, evaluate, old)
    results = None
    if old.loaded.ok and new.loaded.ok and evaluate:
        results = evaluate_spec(old.loaded, as_of[0]), evaluate_spec(new.loaded, as_of[1])
    diags = old.loaded.diagnostics + ([] if same else new.loaded.diagnostics)
    notices = [n for data in (old.loaded.data, new.loaded.data) if data is not None for n in data.notices]  # how data was read
    for note in dict.fromkeys(old.notes + new.notes + notices):
        sys.stderr.write(f"tgtcheck: note: {note}\n")
    print_diagnostics(diags, sources_of({old.name: old.loaded.text, new.name: new.loaded.text}), use_color(args.color, sys.stderr), args.lang)
    if not old.loaded.ok or not new.loaded.ok or (results is not None and None in results):
        return 2
    assert old.loaded.spec is not None and new.loaded.spec is not None
    edits = diff(old.loaded.spec, new.loaded.spec)
    report = DiffReport(old.name, new.name, old.loaded.spec, new.loaded.spec, edits)
    if results is not None:
        r_old, r_new = results
        assert r_old is not None and r_new is not None
        report = DiffReport(old.name, new.name, old.loaded.spec, new.loaded.spec, edits,
                            compare(r_old.verdicts, r_new.verdicts, renamed_targets(edits)), r_old.as_of, r_new.as_of,
                            old.loaded.data_file, new.loaded.data_file)
    sys.stdout.write(render(report, args.format, opts))
    return 1 if report.changed else 0


def render(report: DiffReport, fmt: str, opts: Options) -> str:
    import importlib

    return str(importlib.import_module(FORMATS[fmt]).render_diff(report, opts))


# -- git's external diff driver -------------------------------------------------------------
def git_external(files: list[str], opts: Options) -> int:
    """Print the semantic diff of one path for `git diff`; exit 0 so git goes on to the next path."""
    from ...analysis.differ import Added, Edit, Removed, diff
    from ...formats.diff_common import DiffReport
    from ...language.nodes import Policy, Spec

    if len(files) == 1:  # git passes only the path of an unmerged file
        sys.stdout.write(f"* Unmerged path {files[0]}\n")
        return 0
    if len(files) not in (7, 9):
        return _usage("--git-external takes the 7 arguments git passes "
                      f"(path old-file old-hex old-mode new-file new-hex new-mode), got {len(files)}")
    path, old_file, new_file = files[0], files[1], files[4]
    new_path = files[7] if len(files) == 9 else path
    header = f"diff --tgtcheck a/{path} b/{new_path}"
    old, old_problem = _parse_for_git(old_file, f"a/{path}")
    new, new_problem = _parse_for_git(new_file, f"b/{new_path}")
    if old_problem or new_problem:
        sys.stdout.write(f"{header}\n{old_problem}{new_problem}")
        sys.stdout.write(_line_diff(old_file, new_file, path, new_path))
        return 0
    empty = Spec(Policy("", ""), ())
    if old is None or new is None:  # a new or a deleted file
        present = new or old
        assert present is not None
        kinds = {"Indicator": "indicator", "Constant": "constant", "Target": "target"}
        record = Added if old is None else Removed
        edits: tuple[Edit, ...] = tuple(record(kinds[type(d).__name__], d) for d in present.declarations)
    else:
        edits = diff(old, new)
    note = " (new file)" if old is None else " (deleted file)" if new is None else ""
    report = DiffReport(f"a/{path}", f"b/{new_path}", old or empty, new or empty, edits, header=header + note)
    sys.stdout.write(render(report, "text", opts))
    return 0


def _parse_for_git(file: str, name: str) -> tuple[Spec | None, str]:
    """(spec or None for /dev/null, problem text): a syntax error is shown, not fatal, in git's output.

    Git hands over temporary files; diagnostics name the file as ``a/PATH`` or ``b/PATH`` instead.
    """
    from ...core.diagnostics import render_diagnostic
    from ...core.sources import read_spec
    from ...language.parser import parse

    if file in (os.devnull, "/dev/null"):
        return None, ""
    text, problem = read_spec(file)
    if text is None:
        diags = [replace(problem, location=replace(problem.location, file=name))] if problem else []
    else:
        spec, diags = parse(text, name)
        if spec is not None:
            return spec, ""
    lines = text.split("\n") if text is not None else None
    shown = "\n".join(render_diagnostic(d, lines) for d in diags)
    return None, f"cannot compare semantically ({name} does not parse):\n{shown}\n"


def _line_diff(old_file: str, new_file: str, path: str, new_path: str) -> str:
    import difflib

    def lines(f: str) -> list[str]:
        if f in (os.devnull, "/dev/null"):
            return []
        try:
            with open(f, encoding="utf-8", errors="replace") as fh:
                return fh.read().splitlines(keepends=True)
        except OSError:
            return []

    out = "".join(difflib.unified_diff(lines(old_file), lines(new_file), f"a/{path}", f"b/{new_path}"))
    return out if out.endswith("\n") or not out else out + "\n"
