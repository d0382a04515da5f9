"""Start-up stays lean: `tgtcheck run` imports what `run` needs and nothing else.

Measured in a fresh interpreter, by the modules loaded once the command is done
(``-X importtime`` does not see modules loaded through ``importlib``, as the
command modules are): the other commands' modules (and the standard modules only they use: difflib,
tempfile, subprocess, pathlib) are never imported, and a well-formed spec
never imports Lark.
"""

from __future__ import annotations

import subprocess
import sys

from tgtcheck.cli import COMMANDS

from .conftest import ROOT, SPEC_6_2


def imported_by(*args: str) -> set[str]:
    script = ("import sys\nfrom tgtcheck.cli import main\n"
              "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
              "sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    return set(done.stderr.rsplit("MODULES ", 1)[1].split())


def test_run_imports_no_other_command() -> None:
    modules = imported_by("run", str(SPEC_6_2))
    assert "tgtcheck.cli.commands.run" in modules
    others = {module for name, (module, _) in COMMANDS.items() if name != "run"}
    assert not others & modules
    assert not {"difflib", "tempfile", "subprocess", "pathlib", "lark", "tgtcheck.report", "tgtcheck.editor.lsp"} & modules


def test_help_imports_no_command() -> None:
    modules = imported_by("--version")
    assert not {module for module, _ in COMMANDS.values()} & modules
