"""Recorded judgements (`judged met in H18 by "…" because "…"`): the sheet's author's status beside the rule's.

Sheets sometimes judge a target otherwise than the rule would, and say why
(「当初の目的は達成されている」).  The spec records that judgement per target
and year, with who made it and the reason.  The rule is simple and exact:

- a judgement applies when its year is the as-of year (one per year: TGT241);
  a judgement of another year is not used (``check --strict`` warns: TGT242);
- the verdict keeps the rule's status (``Verdict.status``, the mechanical
  one) and carries the recorded one beside it (``Verdict.recorded``); every
  output shows both and marks a difference;
- the policy's judgement and the exit code follow the recorded status
  (``final_status``), and say so.

The words for a recorded judgement, in both languages, are here too, so that
the text output, `explain`, the report and the language server say it the
same way.
"""

from __future__ import annotations

from .nodes import JUDGED_STATUSES, Target
from .verdict import Recorded, Status, Verdict


def recorded_for(t: Target, as_of: int, mechanical: Status) -> Recorded | None:
    """The recorded judgement of ``t`` for the as-of year (the first one, if the checker's TGT241 was ignored)."""
    for j in t.judgements:
        if j.year.value == as_of and j.status in JUDGED_STATUSES:
            return Recorded(Status(j.status), j.year.value, j.by, j.because, mechanical)
    return None


def final_status(v: Verdict) -> Status:
    """The status the policy's judgement and the exit code count: the recorded one where there is one."""
    return v.recorded.status if v.recorded is not None else v.status


# -- words ------------------------------------------------------------------------------------------------------
WORDS = {
    "recorded": ("recorded judgement", "記録された判断"),
    "mechanical": ("by the rule", "規則による判定"),
    "differs": ("differs from the rule", "規則による判定と異なる"),
    "same": ("agrees with the rule", "規則による判定と同じ"),
    "by": ("judged by", "判断者"),
    "because": ("reason", "理由"),
    "counted": ("the policy's judgement counts the recorded judgement", "施策の評価には記録された判断を用いる"),
}


def word(key: str, lang: str = "en") -> str:
    return WORDS[key][1 if lang == "ja" else 0]


def line(v: Verdict, lang: str = "en") -> str | None:
    """The recorded judgement of a verdict as one line for people, or None when it has none."""
    r = v.recorded
    if r is None:
        return None
    from .wording import status_word
    from .years import label

    return sentence(r, status_word(r.status, lang), status_word(r.mechanical, lang), label(r.year, lang), lang)


def sentence(r: Recorded, status_word: str, mechanical_word: str, year_label: str, lang: str = "en") -> str:
    """One line for people: 'recorded judgement for H27: met (by …: "…"); by the rule: not met — differs from the rule'."""
    if lang == "ja":
        mark = "（規則による判定と異なる）" if r.differs else ""
        return (f"記録された判断（{year_label}）：{status_word}（判断者：{r.by}、理由：「{r.because}」）。"
                f"規則による判定：{mechanical_word}{mark}")
    mark = " — differs from the rule" if r.differs else ""
    return (f"recorded judgement for {year_label}: {status_word} (by {r.by}: \"{r.because}\"); "
            f"by the rule: {mechanical_word}{mark}")
