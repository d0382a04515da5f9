"""The language server (`tgtcheck lsp`): diagnostics, completion and hover for .tgt files.

Split so that only ``server.py`` imports pygls:
- ``analysis``: the editor's text (not the file on disk) through the same
  passes as ``tgtcheck check`` and ``tgtcheck run``; plain tgtcheck values.
- ``positions``: tgtcheck spans (1-based, columns in characters) to LSP
  positions (0-based, columns in UTF-16 code units by default) and back.
- ``features``: analysis results to LSP values (diagnostics, completion
  items, hover), with lsprotocol types only.
- ``server``: the pygls wiring over stdio.
"""
