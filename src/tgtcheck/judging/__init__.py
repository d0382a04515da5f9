"""Judging: a spec and its data to verdicts, and the words for them.

Owns: the built-in functions (one ``Function`` record each), the rating methods (one ``Method`` each), the rule table
(one ``Rule`` per id), the evaluator with its three guarantees (the as-of cut, the latest value, the direction),
the ``Verdict`` values, the policy's judgement (``assessment``), the wording in English and Japanese, and ``explain``'s
derivation.

May import: ``core``, ``language``, ``data``.
"""
