"""The policy's overall judgement: every row of the rule table."""

from __future__ import annotations

import pytest

from tgtcheck.judging.assessment import RULES, WORDS, assess
from tgtcheck.judging.evaluate import Status, Verdict
from tgtcheck.language.nodes import Compare, Number, Target

T = Target("t", "t", Compare(Number(1), ">=", Number(1)))  # type: ignore[arg-type]


def verdicts(*statuses: str) -> list[Verdict]:
    return [Verdict(target=T, status=Status(s), rule="x", as_of=2002) for s in statuses]


@pytest.mark.parametrize(
    "statuses, as_of, key",
    [
        (("pending", "insufficient_data"), 2002, "not_assessable"),
        (("met", "exceeded"), 2006, "achieved"),
        (("met", "not_met"), 2006, "not_achieved"),
        (("met", "met"), 2002, "on_schedule"),
        (("met", "on_track", "pending", "insufficient_data"), 2002, "mostly_on_schedule"),
        (("met", "met", "behind"), 2002, "partly_delayed"),
        (("met", "behind"), 2002, "delayed"),
        (("not_met", "behind", "on_track"), 2002, "delayed"),
    ],
)
def test_rule_table(statuses: tuple[str, ...], as_of: int, key: str) -> None:
    a = assess(verdicts(*statuses), as_of, due=2006)
    assert a.key == key
    assert a.word("ja") == WORDS[key][1] and a.rule("en") == RULES[key][0]


def test_sheet_wording() -> None:
    assert WORDS["mostly_on_schedule"][1] == "概ね順調に進捗"
