"""tgtcheck: policy targets as code, checked against the numbers.

Modules, in the order text flows through them:
``sources`` (bytes to text) -> ``parser`` (text to ``nodes``) -> ``check``
(static diagnostics) -> ``data`` (indicator data) -> ``evaluate``
(verdicts) -> ``assessment`` (the policy's judgement) -> ``wording`` and
``formats`` (words for people and machines).  ``cli`` is the thin shell.
"""

__version__ = "0.1.0"
