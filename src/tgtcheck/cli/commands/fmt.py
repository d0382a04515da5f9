"""`tgtcheck fmt [--check] [--diff] FILE…`: rewrite specs in the canonical layout.

Without options each file that is not canonical is rewritten in place,
atomically (a temporary file in the same directory, then ``os.replace``; the
file's permissions are kept, a symbolic link is followed).  ``-`` reads
standard input and writes the formatted text to standard output.
``--check`` lists (on stdout) the files that would change and ``--diff``
prints a unified diff; neither writes anything, and both exit 1 when some
file would change.  A file that cannot be read or parsed is reported like
`tgtcheck check` does, never written, and makes the exit code 2.

The canonical output is UTF-8 without a byte order mark, with LF line
endings: a file saved with CRLF or a BOM "would change" even when its text
is already canonical (``--diff`` then says so on stderr).
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
from dataclasses import dataclass

from ...core.diagnostics import Diagnostic

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One file: its canonical text (None if it could not be formatted) and what was wrong."""

    name: str
    raw: bytes
    formatted: str | None
    diagnostics: tuple[Diagnostic, ...] = ()
    text: str | None = None  # the decoded input, for the diagnostics' source lines

    @property
    def label(self) -> str:
        return "<stdin>" if self.name == STDIN else self.name

    @property
    def changed(self) -> bool:
        return self.formatted is not None and self.formatted.encode("utf-8") != self.raw


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help=".tgt files; - reads standard input and writes standard output")
    p.add_argument("--check", action="store_true", help="write nothing; list the files that would change and exit 1 if any")
    p.add_argument("--diff", action="store_true", help="write nothing; print a unified diff of the changes and exit 1 if any")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour in diagnostics")


def run(args: argparse.Namespace) -> int:
    from .common import print_diagnostics, sources_of, use_color

    dry = args.check or args.diff
    outcomes = [format_file(name) for name in args.files]
    trouble = changed = 0
    for o in outcomes:
        if o.diagnostics:
            print_diagnostics(list(o.diagnostics), sources_of({o.label: o.text}), use_color(args.color, sys.stderr))
        if o.formatted is None:
            trouble += 1
            continue
        changed += o.changed
        if args.diff and o.changed:
            sys.stdout.write(unified_diff(o))
        if args.check and o.changed:
            sys.stdout.write(f"{o.label}\n")
        if not dry:
            if o.name == STDIN:
                sys.stdout.write(o.formatted)
            elif o.changed:
                trouble += not write(o)
    summarize(outcomes, dry)
    if trouble:
        return 2
    return 1 if dry and changed else 0


def format_file(name: str) -> Outcome:
    from ...core.sources import decode, read_spec_bytes
    from ...language.formatter import format_bytes

    shown = "<stdin>" if name == STDIN else name
    raw, problem = read_spec_bytes(shown, sys.stdin.buffer if name == STDIN else None)
    if raw is None:
        return Outcome(name, b"", None, (problem,) if problem else ())
    formatted, diags = format_bytes(raw, shown)
    text = decode(raw, shown)[0] if diags else None
    return Outcome(name, raw, formatted, tuple(diags), text)


def unified_diff(o: Outcome) -> str:
    from ...core.sources import decode

    assert o.formatted is not None
    before = decode(o.raw, o.name)[0] or ""
    label = o.label
    # git's a/ b/ prefixes for a relative path; an absolute one is written as is (as `diff -u` does), not a//tmp/…
    old_name, new_name = (label, label) if os.path.isabs(label) else (f"a/{label}", f"b/{label}")
    lines = difflib.unified_diff(before.splitlines(keepends=True), o.formatted.splitlines(keepends=True),
                                 fromfile=old_name, tofile=new_name)
    diff = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    encoding = [what for what, present in (("byte order mark removed", o.raw.startswith(b"\xef\xbb\xbf")),
                                           ("line endings CRLF -> LF", b"\r" in o.raw)) if present]
    if encoding:
        sys.stderr.write(f"{label}: {', '.join(encoding)}\n")
    return diff


def write(o: Outcome) -> bool:
    """Replace the file with its canonical text atomically; False (and a message) if that fails."""
    assert o.formatted is not None
    target = os.path.realpath(o.name)
    try:
        mode = os.stat(target).st_mode & 0o7777
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".", suffix=".tgt.tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(o.formatted.encode("utf-8"))
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        sys.stderr.write(f"{o.name}: error[TGT502]: cannot write the file: {exc.strerror or exc}\n")
        return False
    return True


def summarize(outcomes: list[Outcome], dry: bool) -> None:
    """One line on stderr: how many files changed, were already canonical, could not be formatted."""
    files = [o for o in outcomes if o.name != STDIN]
    changed = sum(1 for o in files if o.changed)
    same = sum(1 for o in files if o.formatted is not None and not o.changed)
    failed = sum(1 for o in files if o.formatted is None)
    counts = [(changed, "would be reformatted" if dry else "reformatted"), (same, "already canonical"), (failed, "could not be formatted")]
    parts = [f"{k} file{'s' if k != 1 else ''} {what}" for k, what in counts if k]
    if parts:
        sys.stderr.write(", ".join(parts) + ".\n")
