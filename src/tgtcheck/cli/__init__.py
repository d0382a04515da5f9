"""The command line: `tgtcheck <command> …`, a thin shell over the passes.

``main(argv) -> int`` returns the exit code: 0 clean, 1 findings (a target
behind or not met, a file that `fmt --check` would change, a semantic
difference), 2 trouble (invalid spec, data or usage).  Results go to stdout,
diagnostics to stderr.  Each command is a module in ``commands/`` with
``add_arguments(parser)`` and ``run(args) -> int``; a command's heavy imports
happen inside its ``run``, so start-up stays lean.  No input, however
broken, shows a Python traceback (set TGTCHECK_DEBUG=1 to see one for a bug).

May import: every other package; none imports it.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Collection

from .. import __version__

COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("tgtcheck.cli.commands.run", "evaluate every target of a spec (or of every spec in a folder) against its data"),
    "check": ("tgtcheck.cli.commands.check", "report every static problem of specs and their data, without evaluating"),
    "diff": ("tgtcheck.cli.commands.diff", "what changed between two spec versions (files or git revisions), and how the verdicts moved"),
    "explain": ("tgtcheck.cli.commands.explain", "show step by step how one target's status was derived: values, computations, rule"),
    "fmt": ("tgtcheck.cli.commands.fmt", "rewrite .tgt files in the canonical layout, keeping every comment (--check, --diff for CI)"),
    "report": ("tgtcheck.cli.commands.report", "the evaluation sheet as a self-contained HTML page with charts (or Markdown)"),
    "lsp": ("tgtcheck.cli.commands.lsp", "language server for editors (diagnostics, completion, hover) over stdio; needs the lsp extra"),
    "schema": ("tgtcheck.cli.commands.schema", "print or write a JSON Schema (data files; run/check/diff --format json) for editors and scripts"),
    "completion": ("tgtcheck.cli.commands.completion", "print the shell completion script for bash, zsh or fish; needs the completion extra"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"tgtcheck: error[TGT501]: {message}\n  help: see `tgtcheck --help`\n")
        sys.exit(2)


EPILOG = """\
examples:
  tgtcheck run spec/policy_6_2.tgt                     evaluate every target (data: the file the spec names)
  tgtcheck run spec/policy_6_2.tgt --as-of H14 --data data.xlsx
  tgtcheck run spec/                                   every spec under spec/, each with its data; then overall
  tgtcheck check --strict spec/                        every static problem, without evaluating
  tgtcheck explain spec/policy_6_2.tgt 6-2-7           how one target's status was derived
  tgtcheck fmt spec/*.tgt                              canonical layout, in place
  tgtcheck diff HEAD~1:spec/policy_6_2.tgt spec/policy_6_2.tgt
  tgtcheck report spec/policy_6_2.tgt -o policy_6_2.html

exit codes:
  0  clean
  1  findings: a target with a --fail-on status, a check warning, fmt --check would change a file, diff found changes
  2  trouble: invalid spec, data or command line, a file that cannot be read or written

language (run, check, explain, diff, report, lsp):
  --lang ja|en, else TGTCHECK_LANG=ja|en, else Japanese when LC_ALL, LC_MESSAGES or LANG
  (the first one set) starts with ja (ja_JP.UTF-8), else English.

`tgtcheck COMMAND --help` lists a command's options.  Documentation: README.md and docs/ in the repository.
"""

_COMMAND_EXAMPLES: dict[str, str] = {
    "run": "examples:\n  tgtcheck run spec/policy_6_2.tgt --as-of H14\n  tgtcheck run spec/policy_6_2.tgt --format json --fail-on 'behind,not met'"
           "\n  tgtcheck run spec/ --format sarif     (every .tgt under spec/, each with its own data; one SARIF run per spec)",
    "check": "examples:\n  tgtcheck check --strict spec/\n  tgtcheck check spec/policy_6_2.yaml     (a data file: every spec that uses it)",
    "diff": "examples:\n  tgtcheck diff HEAD~1:spec/policy_6_2.tgt spec/policy_6_2.tgt\n  tgtcheck diff spec/policy_6_2.tgt --as-of H14 --as-of H15",
    "explain": "examples:\n  tgtcheck explain spec/policy_6_2.tgt 6-2-7 --as-of H14",
    "fmt": "examples:\n  tgtcheck fmt spec/*.tgt\n  tgtcheck fmt --check spec/*.tgt",
    "report": "examples:\n  tgtcheck report spec/policy_6_2.tgt -o policy_6_2.html\n  tgtcheck report spec/policy_6_2.tgt --format markdown",
    "lsp": "examples:\n  tgtcheck lsp --lang en",
    "schema": "examples:\n  tgtcheck schema data -o spec/data.schema.json   (then, in spec/*.yaml: # yaml-language-server: $schema=data.schema.json)",
    "completion": "examples:\n  eval \"$(tgtcheck completion bash)\"\n  tgtcheck completion fish > ~/.config/fish/completions/tgtcheck.fish",
}
_EXIT_CODES = "exit codes: 0 clean, 1 findings, 2 trouble (invalid input or usage)"


def build_parser(commands: Collection[str] = COMMANDS) -> argparse.ArgumentParser:
    """The parser, with the options of ``commands`` (each one's module is imported for them).

    The other commands are listed by name and help text alone, so `tgtcheck run` never imports
    the modules of `fmt`, `diff` or `report` (nor difflib, tempfile, subprocess they use).
    """
    parser = _Parser(prog="tgtcheck", description="Policy targets as code, checked against the numbers.",
                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"tgtcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module, help_text) in COMMANDS.items():
        epilog = "\n\n".join(x for x in (_COMMAND_EXAMPLES.get(name, ""), _EXIT_CODES) if x)
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=epilog,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        if name in commands:
            importlib.import_module(module).add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def _command_in(argv: list[str]) -> tuple[str, ...]:
    """The subcommand named on the command line: the first word that is not an option (the top level takes no values)."""
    return tuple(a for a in argv if not a.startswith("-"))[:1]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from ..core.streams import PipeAware, tolerant

    tolerant()  # before argparse writes anything: --help has "…", which an ASCII console lacks
    if "_ARGCOMPLETE" in os.environ:  # a TAB in a shell set up with `tgtcheck completion SHELL`: every command's options
        try:
            import argcomplete
        except ImportError:
            return 2
        argcomplete.autocomplete(build_parser())  # completes and exits
    parser = build_parser(_command_in(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    if "lang" in args:
        from ..core.output_language import UsageError, resolve

        try:
            args.lang = resolve(args.lang)
        except UsageError as exc:
            sys.stderr.write(f"tgtcheck: error[TGT501]: {exc}\n  help: or give --lang ja / --lang en\n")
            return 2
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout = out = PipeAware(stdout)
    sys.stderr = PipeAware(stderr)  # `2>&1 | head`: diagnostics into a closed pipe do not change the exit code either
    try:
        code = int(importlib.import_module(args._module).run(args))
        out.flush()  # here, so that output which cannot be written is reported below, not at exit
        return code  # also when the reader stopped reading (`| head`): the verdicts decide, not the reader
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # written around sys.stdout and sys.stderr: nothing more can be reported
        _stdout_to_devnull()
        return 2
    except OSError as exc:  # the output could not be written (a full disk): the machine's problem, not a bug
        if exc.filename is None:
            _stdout_to_devnull()
        what = f"cannot read or write {exc.filename}" if exc.filename else "cannot write the output"
        try:
            sys.stderr.write(f"tgtcheck: error[TGT502]: {what}: {exc.strerror or exc}\n"
                             "  help: check the disk space and that the output file or pipe is still open\n")
        except OSError:
            pass
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug must not show a traceback to policy staff
        if os.environ.get("TGTCHECK_DEBUG"):
            raise
        sys.stderr.write(f"tgtcheck: internal error (a bug in tgtcheck, please report it): {type(exc).__name__}: {exc}\n")
        return 2
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _stdout_to_devnull() -> None:
    """Point stdout at the null device, so that Python's flush at exit does not fail a second time
    ("Exception ignored … OSError", exit 120): the recipe of the `signal` module's documentation."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real descriptor behind stdout (an in-process caller's capture)
        pass


if __name__ == "__main__":
    sys.exit(main())
