"""`tgtcheck fmt`: fixtures per construct (tests/cases/fmt/NAME.tgt -> NAME.expected.tgt),
the properties every fixture must keep (round trip, idempotence, every comment),
refused files (tests/cases/fmt_refused, expected codes inline as `# E: CODE`),
and the command through the installed entry point.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from tgtcheck.language.formatter import format_bytes, format_spec, format_text
from tgtcheck.language.nodes import Spec
from tgtcheck.language.parser import parse

from .conftest import ROOT, SPEC_6_2, run_cli

CASES = ROOT / "tests" / "cases" / "fmt"
REFUSED = ROOT / "tests" / "cases" / "fmt_refused"
INPUTS = sorted(p for p in CASES.glob("*.tgt") if not p.name.endswith(".expected.tgt"))


def expected_of(path: Path) -> str:
    return path.with_name(path.name.removesuffix(".tgt") + ".expected.tgt").read_text(encoding="utf-8")


def tree(text: str) -> Spec:
    spec, diags = parse(text)
    assert spec is not None, diags
    return spec


def comments(text: str) -> Counter[str]:
    """The comments of a text as the formatter writes them (# for ＃, no trailing spaces)."""
    return Counter("#" + c.text.rstrip()[1:] for c in tree(text).comments)


def fmt(text: str) -> str:
    out, diags = format_text(text)
    assert out is not None, diags
    return out


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
class TestConstructs:
    def test_canonical_layout(self, path: Path) -> None:
        assert fmt(path.read_text(encoding="utf-8")) == expected_of(path)

    def test_same_tree(self, path: Path) -> None:
        source = path.read_text(encoding="utf-8")
        assert tree(fmt(source)) == tree(source)

    def test_idempotent(self, path: Path) -> None:
        once = fmt(path.read_text(encoding="utf-8"))
        assert fmt(once) == once

    def test_every_comment_kept(self, path: Path) -> None:
        source = path.read_text(encoding="utf-8")
        assert comments(fmt(source)) == comments(source)

    def test_without_source_same_tree(self, path: Path) -> None:
        spec = tree(path.read_text(encoding="utf-8"))
        assert tree(format_spec(spec)) == spec


def test_fixtures_exist_for_each_construct() -> None:
    names = {p.stem for p in INPUTS}
    assert {"policy_header", "indicators", "constants", "compare_operators", "about_tolerance", "between", "trends",
            "schedules", "target_clauses", "expressions", "numbers", "strings", "comments", "messy"} <= names
    assert all(expected_of(p) for p in INPUTS)


def test_policy_6_2_is_canonical() -> None:
    text = SPEC_6_2.read_text(encoding="utf-8")
    assert fmt(text) == text


def test_comments_stay_next_to_their_code() -> None:
    out = fmt((CASES / "comments.tgt").read_text(encoding="utf-8")).splitlines()
    assert out[:2] == ["# file header 1", "# file header 2"]
    assert 'policy "6-2" "t"  # trailing on the header' in out
    assert out[out.index("  # before due") + 1] == "  due H18  # after due"  # moved with its clause
    assert "  count(a) >= 10 by H18  # after 10" in out
    assert out[-1] == "# end of file 2"


def test_crlf_and_bom_become_lf_utf8() -> None:
    messy = (CASES / "messy.tgt").read_text(encoding="utf-8")
    raw = b"\xef\xbb\xbf" + messy.replace("\n", "\r\n").encode("utf-8")
    out, diags = format_bytes(raw)
    assert diags == [] and out == expected_of(CASES / "messy.tgt")


def test_full_width_becomes_ascii_outside_strings() -> None:
    out = fmt('policy "p" "ｔｉｔｌｅ　全角"\ntarget "1" "t" ｖａｌｕｅ（ｘ）≧　３０％ ｂｙ Ｈ１８\n')
    assert out == 'policy "p" "ｔｉｔｌｅ　全角"\n\ntarget "1" "t"\n  value(x) >= 30% by H18\n'


@pytest.mark.parametrize("path", sorted(REFUSED.glob("*.tgt")), ids=lambda p: p.stem)
def test_refused(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    out, diags = format_text(text, path.name)
    assert out is None
    assert sorted(d.code for d in diags) == sorted(re.findall(r"# E: (TGT\d+)", text))


# -- the command -----------------------------------------------------------------------
@pytest.fixture
def messy(tmp_path: Path) -> Path:
    p = tmp_path / "messy.tgt"
    p.write_bytes((CASES / "messy.tgt").read_bytes())
    return p


@pytest.fixture
def canonical(tmp_path: Path) -> Path:
    p = tmp_path / "canonical.tgt"
    p.write_bytes(SPEC_6_2.read_bytes())
    return p


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    p = tmp_path / "broken.tgt"
    p.write_bytes((REFUSED / "syntax_error.tgt").read_bytes())
    return p


def test_check_clean_exits_0(canonical: Path) -> None:
    r = run_cli("fmt", "--check", str(canonical))
    assert (r.returncode, r.stdout) == (0, "")


def test_check_lists_files_that_would_change(canonical: Path, messy: Path) -> None:
    before = messy.read_bytes()
    r = run_cli("fmt", "--check", str(canonical), str(messy))
    assert r.returncode == 1
    assert r.stdout.splitlines() == [str(messy)]
    assert messy.read_bytes() == before


def test_diff_prints_unified_diff(messy: Path) -> None:
    before = messy.read_bytes()
    r = run_cli("fmt", "--diff", str(messy))
    assert r.returncode == 1
    assert r.stdout.startswith(f"--- {messy}\n+++ {messy}\n@@ ")  # absolute: as is, no a//tmp (issue 14)
    assert "+  growth(patents, H13) >= about 30% ± 3% by H18\n" in r.stdout
    assert messy.read_bytes() == before


def test_diff_clean_is_empty(canonical: Path) -> None:
    r = run_cli("fmt", "--diff", str(canonical))
    assert (r.returncode, r.stdout) == (0, "")


def test_stdin_to_stdout() -> None:
    r = run_cli("fmt", "-", input=(CASES / "messy.tgt").read_text(encoding="utf-8"))
    assert (r.returncode, r.stdout) == (0, expected_of(CASES / "messy.tgt"))


def test_stdin_check() -> None:
    r = run_cli("fmt", "--check", "-", input=(CASES / "messy.tgt").read_text(encoding="utf-8"))
    assert (r.returncode, r.stdout) == (1, "<stdin>\n")


def test_rewrites_in_place(messy: Path, canonical: Path) -> None:
    os.chmod(messy, 0o640)
    r = run_cli("fmt", str(messy), str(canonical))
    assert r.returncode == 0, r.stderr
    assert messy.read_text(encoding="utf-8") == expected_of(CASES / "messy.tgt")
    assert canonical.read_bytes() == SPEC_6_2.read_bytes()
    assert os.stat(messy).st_mode & 0o777 == 0o640
    assert [p.name for p in messy.parent.iterdir() if p.name.endswith(".tmp")] == []
    again = run_cli("fmt", "--check", str(messy))
    assert again.returncode == 0


def test_rewrites_crlf_and_bom(tmp_path: Path) -> None:
    p = tmp_path / "crlf.tgt"
    p.write_bytes(b"\xef\xbb\xbf" + SPEC_6_2.read_bytes().replace(b"\n", b"\r\n"))
    assert run_cli("fmt", "--check", str(p)).returncode == 1
    assert run_cli("fmt", str(p)).returncode == 0
    assert p.read_bytes() == SPEC_6_2.read_bytes()


def test_follows_a_symlink(tmp_path: Path, messy: Path) -> None:
    link = tmp_path / "link.tgt"
    link.symlink_to(messy)
    assert run_cli("fmt", str(link)).returncode == 0
    assert link.is_symlink()
    assert messy.read_text(encoding="utf-8") == expected_of(CASES / "messy.tgt")


def test_unparsable_file_is_left_untouched(broken: Path, messy: Path) -> None:
    before = broken.read_bytes()
    r = run_cli("fmt", str(broken), str(messy))
    assert r.returncode == 2
    assert f"{broken}:3:8: error[TGT102]" in r.stderr
    assert broken.read_bytes() == before
    assert messy.read_text(encoding="utf-8") == expected_of(CASES / "messy.tgt")  # the others are still formatted


@pytest.mark.parametrize("flag", ["--check", "--diff"])
def test_unparsable_file_in_ci_modes_exits_2(broken: Path, flag: str) -> None:
    r = run_cli("fmt", flag, str(broken))
    assert r.returncode == 2 and "error[TGT102]" in r.stderr


def test_unparsable_stdin_writes_nothing() -> None:
    r = run_cli("fmt", "-", input=(REFUSED / "syntax_error.tgt").read_text(encoding="utf-8"))
    assert (r.returncode, r.stdout) == (2, "")
    assert "<stdin>:3:8: error[TGT102]" in r.stderr


def test_missing_file(tmp_path: Path) -> None:
    r = run_cli("fmt", str(tmp_path / "nope.tgt"))
    assert r.returncode == 2 and "error[TGT100]" in r.stderr


def test_not_utf8(tmp_path: Path) -> None:
    p = tmp_path / "sjis.tgt"
    p.write_bytes('policy "p" "施策"\n'.encode("cp932"))
    r = run_cli("fmt", str(p))
    assert r.returncode == 2 and "error[TGT107]" in r.stderr
    assert p.read_bytes() == 'policy "p" "施策"\n'.encode("cp932")
