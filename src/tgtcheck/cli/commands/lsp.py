"""`tgtcheck lsp`: the language server for editors, over stdio.

Needs the optional extra ``lsp`` (pygls; the error says how to add it, ``install.py``); the import
happens here, in ``run``, so no other command pays for it.  Statuses and
explanations follow the client's ``initializationOptions: {"lang": "en"}``,
else ``--lang``, else the one rule of every command (``TGTCHECK_LANG``, else
the locale: ``language.py``); docs/editors.md shows how to hook
it into VS Code and Neovim.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    from .common import add_lang_option

    p.add_argument("--stdio", action="store_true", help="talk LSP over stdin/stdout (the default and only transport)")
    add_lang_option(p, "statuses, explanations and hover (the client's initializationOptions.lang wins over the default)")


def run(args: argparse.Namespace) -> int:
    try:
        from ...editor.lsp.server import start_stdio
    except ImportError as exc:
        from ...core.install import install_hint

        sys.stderr.write(f"tgtcheck: error[TGT501]: the language server needs the `lsp` extra ({exc.name} is missing)\n"
                         f"  help: {install_hint('lsp')}\n")
        return 2
    start_stdio(args.lang)
    return 0
