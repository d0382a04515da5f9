"""The words of a recorded judgement, in English and Japanese: one place for the text output, `explain`,
the report, the run formats and the language server (the rules are ``recorded.py``'s)."""

from __future__ import annotations

from .verdict import Recorded, Verdict

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
    from ..core.years import label
    from .wording import status_word

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
