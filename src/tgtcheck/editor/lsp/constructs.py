"""Hover over the language's own words: keywords, clause words, milestones and recorded judgements.

What each one means comes from one record (``keywords.py``; a method's from
``methods.METHODS``, a status's name from ``wording.status_word``), in the
user's language.  A clause word is read in its clause (`judge year` is not
`every year`), so the word before it decides.  Over a milestone the hover
names its year and value; over a recorded judgement, what it records and,
when the server has verdicts, whether it applies as of the as-of year and
whether it differs from the rule's status.
"""

from __future__ import annotations

import re

from ...core.years import label
from ...judging.methods import METHODS
from ...judging.wording import status_word
from ...language.keywords import CLAUSE_WORD_MEANINGS, KEYWORDS, MILESTONE, STATUS_MEANINGS
from ...language.nodes import CLAUSE_WORDS, Deadline, Judgement, Milestone, Target
from ...language.printer import expr_text, judgement_text, year_text
from .analysis import Analysis

_BEFORE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*$")


def construct_hover(word: str, start: int, offset: int, target: Target | None, analysis: Analysis, lang: str) -> str | None:
    """The meaning of the construct at ``offset`` (``word`` starts at ``start``), or None."""
    if target is not None:
        for j in target.judgements:
            if j.span.start_pos <= offset < j.span.end_pos:
                return judgement_hover(j, target, analysis, lang)
        sched = target.schedule
        if isinstance(sched, Deadline) and sched.milestones:
            for m in sched.milestones:
                if m.span.start_pos <= offset < m.span.end_pos:
                    return milestone_hover(m, lang)
    before = _BEFORE.search(analysis.normalized, 0, start)
    clause = before.group(1) if before is not None else None
    if clause == "method" and word in METHODS:
        method = METHODS[word]
        return _shown(f"method {method.name}", method.ja if lang == "ja" else method.en)
    if clause in ("better", "judge", "years") and word in CLAUSE_WORDS[clause] and word in CLAUSE_WORD_MEANINGS:
        w = CLAUSE_WORD_MEANINGS[word]
        return _shown(w.usage, w.text(lang))
    record = KEYWORDS.get(word)
    if record is None:
        return None
    text = _shown(record.usage, record.text(lang))
    if word == "by" and target is not None and isinstance(target.schedule, Deadline) and target.schedule.milestones:
        text += "\n\n" + _milestone_list(target.schedule, lang)
    return text


def milestone_hover(m: Milestone, lang: str) -> str:
    where = f"{label(m.year.value, lang)}の中間目標: {expr_text(m.value)}" if lang == "ja" else \
        f"milestone for {label(m.year.value, lang)}: {expr_text(m.value)}"
    return f"{_shown(MILESTONE.usage, MILESTONE.text(lang))}\n\n{where}"


def _milestone_list(d: Deadline, lang: str) -> str:
    years = [d.year, *(m.year for m in d.milestones)]
    shown = ", ".join(year_text(y) for y in years)
    return f"中間目標の年度: {shown}（最後が期限）" if lang == "ja" else f"milestone years: {shown} (the last is the deadline)"


def judgement_hover(j: Judgement, target: Target, analysis: Analysis, lang: str) -> str:
    """What a recorded judgement says, and how it stands as of the as-of year (when there are verdicts)."""
    ja = lang == "ja"
    out = [_shown(KEYWORDS["judged"].usage, KEYWORDS["judged"].text(lang)), f"`{judgement_text(j)}`"]
    meaning = STATUS_MEANINGS.get(j.status)
    if meaning is not None:
        name = status_word_of(j.status, lang)
        out.append(f"**{name}**: {meaning[ja]}")
    result = analysis.result()
    if result is not None:
        verdict = next((v for v in result.verdicts if v.target.id == target.id), None)
        as_of = label(result.as_of, lang)
        if verdict is not None and verdict.recorded is not None and verdict.recorded.year == j.year.value:
            rule = status_word(verdict.recorded.mechanical, lang)
            if ja:
                diff = "異なる" if verdict.recorded.differs else "同じ"
                out.append(f"{as_of}時点で用いる。規則による判定は{rule}（{diff}）。施策の評価にはこの判断を用いる。")
            else:
                diff = "differs" if verdict.recorded.differs else "agrees"
                out.append(f"Used as of {as_of}. By the rule: {rule} ({diff}). The policy's judgement counts this one.")
        elif verdict is not None:
            out.append(f"{as_of}時点では用いない（{label(j.year.value, lang)}の判断のため）" if ja
                       else f"Not used as of {as_of}: it is the judgement for {label(j.year.value, lang)}.")
    return "\n\n".join(out)


def status_word_of(word: str, lang: str) -> str:
    from ...judging.verdict import Status

    return status_word(Status(word), lang)


def _shown(usage: str, text: str) -> str:
    return f"`{usage}`\n\n{text}"
