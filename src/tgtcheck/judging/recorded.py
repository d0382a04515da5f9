"""Recorded judgements (`judged met in H18 by "…" because "…"`): the sheet's author's status beside the rule's.

Sheets sometimes judge a target otherwise than the rule would, and say why
(「当初の目的は達成されている」).  The spec records that judgement per target
and year, with who made it and the reason.  The rule is simple and exact:

- a judgement applies when its year is the as-of year (one per year: TGT261);
  a judgement of another year is not used (``check --strict`` warns: TGT262);
- the verdict keeps the rule's status (``Verdict.status``, the mechanical
  one) and carries the recorded one beside it (``Verdict.recorded``); every
  output shows both and marks a difference;
- the policy's judgement and the exit code follow the recorded status
  (``final_status``), and say so.

The words for a recorded judgement, in both languages, are in
``recorded_words.py`` (it reads ``wording``, which this module, imported by
the evaluator, must not).
"""

from __future__ import annotations

from ..language.nodes import JUDGED_STATUSES, Target
from .verdict import Recorded, Status, Verdict


def recorded_for(t: Target, as_of: int, mechanical: Status) -> Recorded | None:
    """The recorded judgement of ``t`` for the as-of year (the first one, if the checker's TGT261 was ignored)."""
    for j in t.judgements:
        if j.year.value == as_of and j.status in JUDGED_STATUSES:
            return Recorded(Status(j.status), j.year.value, j.by, j.because, mechanical)
    return None


def final_status(v: Verdict) -> Status:
    """The status the policy's judgement and the exit code count: the recorded one where there is one."""
    return v.recorded.status if v.recorded is not None else v.status
