"""What every pass shares, and nothing about the language or its numbers.

Owns: diagnostics (the ``Diagnostic`` type and the code registry, with the Japanese view), years (every year form
to a western fiscal year), digits, reading a spec's bytes (``sources``), did-you-mean suggestions, the output
language, the console streams, and the run-time helpers (``memo``, ``gcpause``, ``parallel``, ``install`` hints).

May import: the standard library only (no other tgtcheck package).  Every other package may import it.
"""
