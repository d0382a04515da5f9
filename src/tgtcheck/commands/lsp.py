"""`tgtcheck lsp`: the language server for editors, over stdio.

Needs the optional extra: ``pip install 'tgtcheck[lsp]'`` (pygls); the import
happens here, in ``run``, so no other command pays for it.  Statuses and
explanations are Japanese unless the client sends
``initializationOptions: {"lang": "en"}``; docs/editors.md shows how to hook
it into VS Code and Neovim.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--stdio", action="store_true", help="talk LSP over stdin/stdout (the default and only transport)")


def run(args: argparse.Namespace) -> int:
    try:
        from ..lsp.server import start_stdio
    except ImportError as exc:
        sys.stderr.write(f"tgtcheck: error[TGT501]: the language server needs the `lsp` extra ({exc.name} is missing)\n"
                         "  help: pip install 'tgtcheck[lsp]'\n")
        return 2
    start_stdio()
    return 0
