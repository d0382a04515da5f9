"""The language: text to syntax tree and back.

Owns: the grammar (``grammar/tgt.lark``, one file, a symlink in a checkout), the syntax tree (``nodes``: small frozen
dataclasses that declare their children), the fast parser (``descent``) and Lark's (``parser``, every syntax error),
syntax errors in the language's words, the printer and the formatter (the one way back to text), constant folding
and the desirable direction a condition states.

May import: ``core``.  It knows nothing of data, verdicts or outputs.
"""
