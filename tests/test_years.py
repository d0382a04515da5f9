"""Year forms: all mean Japanese fiscal years."""

from __future__ import annotations

import pytest

from tgtcheck.years import YearError, era_label, label, parse_year


@pytest.mark.parametrize(
    "text, year",
    [("H13", 2001), ("H18", 2006), ("R1", 2019), ("R元", 2019), ("H31", 2019), ("S64", 1989), ("M1", 1868), ("T15", 1926),
     ("2006", 2006), ("FY2006", 2006), ("Ｈ１８", 2006), ("ＦＹ２００６", 2006)],
)
def test_forms(text: str, year: int) -> None:
    parsed = parse_year(text)
    assert not isinstance(parsed, YearError) and parsed.value == year and parsed.warning is None


def test_heisei_after_the_era_warns_with_the_reiwa_year() -> None:
    parsed = parse_year("H32")
    assert not isinstance(parsed, YearError)
    assert parsed.value == 2020 and "R2" in (parsed.warning or "")


@pytest.mark.parametrize("text", ["H0", "S65", "T16", "Q18", "20x6", "1500", "FY99", "", "H"])
def test_not_years(text: str) -> None:
    assert isinstance(parse_year(text), YearError)


def test_labels() -> None:
    assert era_label(2001) == "H13" and era_label(2019) == "R1"
    assert label(2002, "ja") == "平成14年度" and label(2019, "ja") == "令和元年度"
    assert label(2002) == "H14 (2002)"
