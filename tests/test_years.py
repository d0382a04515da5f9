"""Year forms: all mean Japanese fiscal years."""

from __future__ import annotations

import re

import pytest

from tgtcheck.core.years import YearError, era_label, label, parse_year


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


# -- every form, in every place a year is written (issue 11, item 7) ---------------------
from pathlib import Path  # noqa: E402

from tgtcheck.core.years import FORMS, YEAR_HELP  # noqa: E402

SPEC_FORMS = [(text, year) for text, year in FORMS] + [("Ｒ元年度", 2019), ("ｆｙ２００２", 2002), ("平成１４年度", 2002)]


@pytest.mark.parametrize("text, year", SPEC_FORMS)
def test_form_in_years_py(text: str, year: int) -> None:
    parsed = parse_year(text)
    assert not isinstance(parsed, YearError) and parsed.value == year


@pytest.mark.parametrize("text, year", SPEC_FORMS)
def test_form_in_a_spec_both_parsers(text: str, year: int) -> None:
    """As a deadline, a base year and the end of a period; read alike by descent and by Lark."""
    from tgtcheck.language import descent
    from tgtcheck.language.parser import parse

    source = (f'policy "p" "t" base {text} due {text}\nindicator x "x"\n'
              f'target "1" "t" value(x) >= 1 by {text} base {text}\ntarget "2" "t" value(x) >= 1 every year from H1 to {text}\n')
    spec, diags = parse(source)
    assert diags == [] and spec is not None
    assert {spec.policy.base.value, spec.policy.due.value, spec.targets[0].schedule.year.value,  # type: ignore[union-attr]
            spec.targets[0].base.value, spec.targets[1].schedule.end.value} == {year}  # type: ignore[union-attr]
    fast = descent.parse(source)
    assert fast is None or fast == spec


@pytest.mark.parametrize("text, year", [(t, y) for t, y in SPEC_FORMS if not t[:1].islower() and t[:1] not in "ｆｈｒ"])
def test_form_as_a_function_argument(text: str, year: int) -> None:
    from tgtcheck.language.nodes import Year
    from tgtcheck.language.parser import parse

    if text.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}).isdigit():
        return  # a bare number in an expression is a number
    spec, diags = parse(f'policy "p" "t" base H13 due H18\nindicator x "x"\ntarget "1" "t" growth(x, {text}) >= 1% by H18\n')
    assert diags == [] and spec is not None
    assert spec.targets[0].condition.left.args[1] == Year(year)  # type: ignore[union-attr]


def test_lower_case_letters_are_names_in_expressions() -> None:
    """`h1` is a year only where only a year fits; elsewhere it stays the name it always was."""
    from tgtcheck.language.nodes import Ref
    from tgtcheck.language.parser import parse

    spec, diags = parse('policy "p" "t" base h13 due h18\nindicator h1 "x"\ntarget "1" "t" value(h1) >= 1 by h18\n')
    assert diags == [] and spec is not None
    assert spec.indicators[0].id == "h1" and spec.targets[0].condition.left.args == (Ref("h1"),)  # type: ignore[union-attr]
    assert spec.targets[0].schedule.year.value == 2006  # type: ignore[union-attr]


def _data_files(tmp: Path, key: str) -> list[Path]:
    yaml_file, json_file, csv_file = tmp / "d.yaml", tmp / "d.json", tmp / "d.csv"
    quoted = key.replace('"', '\\"')
    yaml_file.write_text(f'indicators:\n  x:\n    values:\n      "{quoted}": 7\n', encoding="utf-8")
    json_file.write_text(f'{{"indicators": {{"x": {{"values": {{"{quoted}": 7}}}}}}}}', encoding="utf-8")
    csv_file.write_text(f"indicator,{key}\nx,7\n", encoding="utf-8")
    plain_yaml = tmp / "plain.yaml"
    plain_yaml.write_text(f"indicators:\n  x:\n    values:\n      {key}: 7\n", encoding="utf-8")  # unquoted, as people write
    return [yaml_file, json_file, csv_file, plain_yaml]


@pytest.mark.parametrize("text, year", SPEC_FORMS)
def test_form_as_a_data_key(tmp_path: Path, text: str, year: int) -> None:
    from tgtcheck.data.load import load_data

    for path in _data_files(tmp_path, text):
        data, diags = load_data(str(path))
        assert diags == [] and data is not None, (path.name, diags)
        assert data.series["x"].years() == [year], path.name


@pytest.mark.parametrize("text, year", SPEC_FORMS)
def test_form_as_as_of(text: str, year: int) -> None:
    import json

    from .conftest import SPEC_6_2, run_cli

    proc = run_cli("run", str(SPEC_6_2), "--format", "json", "--as-of", text)
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["as_of"] == year


@pytest.mark.parametrize("text", ["令和7年", "平成十四年度", "H1৪", "FY20２"])
def test_a_bad_year_gets_forms_that_work(text: str) -> None:
    parsed = parse_year(text)
    assert isinstance(parsed, YearError)
    forms = [t for t in re.findall(r"[^\s,();]+", YEAR_HELP) if re.search("[0-9元]", t)]
    assert len(forms) == 6
    for form in forms:
        assert not isinstance(parse_year(form), YearError), form  # the help only suggests forms that work


@pytest.mark.parametrize("text, year", SPEC_FORMS)
def test_form_in_the_data_schema(text: str, year: int) -> None:
    """The data file's JSON Schema (editors check data files with it) takes every form the loaders take."""
    import json

    schema = json.loads((Path(__file__).parents[1] / "src" / "tgtcheck" / "schema" / "data.schema.json").read_text(encoding="utf-8"))
    assert re.search(schema["$defs"]["year"]["pattern"], text)


@pytest.mark.parametrize("text", ["令和7年", "平成十四年度", "Q18", "20x6", "FY99", "H"])
def test_not_a_year_in_the_data_schema(text: str) -> None:
    import json

    schema = json.loads((Path(__file__).parents[1] / "src" / "tgtcheck" / "schema" / "data.schema.json").read_text(encoding="utf-8"))
    assert not re.search(schema["$defs"]["year"]["pattern"], text) and isinstance(parse_year(text), YearError)


def test_one_help_for_a_bad_year() -> None:
    from tgtcheck.core.diagnostics import NOT_A_YEAR

    assert NOT_A_YEAR.fix == YEAR_HELP  # TGT105's fix (diagnostics) and a YearError's help (years): the same forms
