"""Indicator data: files to an exact ``Dataset``.

Owns: the loaders (YAML, JSON, CSV, Excel through the ``excel`` extra), the plain tree they share, the CSV encodings,
and ``Dataset``: yearly values as exact ``Fraction`` s and the sheet's markers (集計中, －, null).

May import: ``core``.  Nothing here knows the spec: checking data against a spec is ``analysis.check``'s.
"""
