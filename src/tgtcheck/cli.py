"""The command line: `tgtcheck <command> …`, a thin shell over the passes.

``main(argv) -> int`` returns the exit code: 0 clean, 1 findings (a target
behind or not met, a file that `fmt --check` would change, a semantic
difference), 2 trouble (invalid spec, data or usage).  Results go to stdout,
diagnostics to stderr.  Each command is a module in ``commands/`` with
``add_arguments(parser)`` and ``run(args) -> int``; a command's heavy imports
happen inside its ``run``, so start-up stays lean.  No input, however
broken, shows a Python traceback (set TGTCHECK_DEBUG=1 to see one for a bug).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from . import __version__

COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("tgtcheck.commands.run", "evaluate every target of a spec against its data"),
    "check": ("tgtcheck.commands.check", "report every static problem of specs and their data, without evaluating"),
    "diff": ("tgtcheck.commands.diff", "what changed between two spec versions (files or git revisions), and how the verdicts moved"),
    "explain": ("tgtcheck.commands.explain", "show step by step how one target's status was derived: values, computations, rule"),
    "fmt": ("tgtcheck.commands.fmt", "rewrite .tgt files in the canonical layout, keeping every comment (--check, --diff for CI)"),
    "report": ("tgtcheck.commands.report", "the evaluation sheet as a self-contained HTML page with charts (or Markdown)"),
    "lsp": ("tgtcheck.commands.lsp", "language server for editors (diagnostics, completion, hover) over stdio; needs the lsp extra"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"tgtcheck: error[TGT501]: {message}\n  help: see `tgtcheck --help`\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tgtcheck", description="Policy targets as code, checked against the numbers.")
    parser.add_argument("--version", action="version", version=f"tgtcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(module).add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .streams import PipeAware, tolerant

    tolerant()  # before argparse writes anything: --help has "…", which an ASCII console lacks
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
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
