"""Editors: the language server (``lsp``, the ``lsp`` extra, pygls) and the Pygments lexer (``highlight``).

The TextMate grammar for VS Code lives outside the package, in ``editors/vscode``.

May import: ``core``, ``language``, ``data``, ``judging``, ``analysis``, ``pipeline``, ``formats``.
"""
