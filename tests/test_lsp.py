"""The language server: position conversion and features in-process, then end to end over stdio.

The end-to-end tests start `python -m tgtcheck lsp` as a subprocess and talk
LSP to it through pytest-lsp's client with VS Code's capabilities, so they
exercise the real JSON-RPC framing, initialisation and notifications.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tgtcheck.core.diagnostics import Span
from tgtcheck.editor.lsp.analysis import analyse, declared_names
from tgtcheck.editor.lsp.features import completions, diagnostics, hover
from tgtcheck.editor.lsp.positions import UTF8, UTF16, UTF32, Lines, span_range

from .conftest import SPEC_6_2, tgtcheck_command

SPEC_TEXT = SPEC_6_2.read_text(encoding="utf-8")
SPEC_LINES = SPEC_TEXT.split("\n")


def at(needle: str, offset: int = 0, text: str = SPEC_TEXT) -> tuple[int, int]:
    """0-based line and character column of the first occurrence of ``needle`` (plus ``offset``)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if needle in line:
            return i, line.index(needle) + offset
    raise AssertionError(f"{needle!r} not in text")


# -- positions ------------------------------------------------------------------------
def test_columns_count_utf16_units_after_an_astral_character() -> None:
    lines = Lines.of('target "1" "𠮷野家" value(x)\n')
    char = lines.line(0).index("value")
    assert lines.to_client(0, char, UTF16) == (0, char + 1)  # 𠮷 is a surrogate pair
    assert lines.to_client(0, char, UTF32) == (0, char)
    assert lines.to_client(0, char, UTF8) == (0, len(lines.line(0)[:char].encode()))
    assert lines.from_client(0, char + 1, UTF16) == (0, char)


def test_japanese_bmp_text_is_one_unit_a_character() -> None:
    lines = Lines.of("# 施策目標\nindicator x「指標」")
    assert lines.to_client(1, 12) == (1, 12)


def test_span_to_range_is_zero_based_and_widens_empty_spans() -> None:
    lines = Lines.of("abc\ndef\n")
    assert span_range(Span(2, 2, 2, 4), lines) == ((1, 1), (1, 3))
    assert span_range(Span(1, 1, 1, 1), lines) == ((0, 0), (0, 1))
    assert span_range(None, lines) == ((0, 0), (0, 0))


# -- features in-process ---------------------------------------------------------------
def test_the_6_2_spec_has_no_problems() -> None:
    assert analyse(SPEC_TEXT, str(SPEC_6_2)).diagnostics == []


def test_declared_names_survive_a_syntax_error() -> None:
    broken = SPEC_TEXT + '\ntarget "x" "t" value(patents) >=\n# indicator commented_out\n'
    assert analyse(broken, str(SPEC_6_2)).spec is None
    names = declared_names(broken)
    assert "patents" in names["indicator"] and "prefectures_and_cities" in names["constant"]
    assert "commented_out" not in names["indicator"]
    labels = {c.label for c in completions(analyse(broken, str(SPEC_6_2)))}
    assert {"patents", "prefectures_and_cities", "growth", "indicator"} <= labels


def test_full_width_keywords_are_found_too() -> None:
    assert declared_names("ｉｎｄｉｃａｔｏｒ ｐａｔｅｎｔｓ 「特許」")["indicator"] == ["patents"]


def test_a_data_problem_is_shown_on_the_indicator_declaration(tmp_path: Path) -> None:
    data = (SPEC_6_2.parent / "policy_6_2.yaml").read_text(encoding="utf-8").replace("H13: 208", "H13: 多数")
    (tmp_path / "policy_6_2.yaml").write_text(data, encoding="utf-8")
    spec = tmp_path / "policy_6_2.tgt"
    analysis = analyse(SPEC_TEXT, str(spec))
    found = diagnostics(analysis, spec.as_uri())
    bad = [d for d in found if d.code == "TGT303"]
    assert len(bad) == 1, [(d.code, d.message) for d in found]
    line, col = at("indicator patents", len("indicator "))
    assert (bad[0].range.start.line, bad[0].range.start.character) == (line, col)
    assert bad[0].range.end.character == col + len("patents")
    assert bad[0].message.startswith("policy_6_2.yaml:")
    assert bad[0].related_information and bad[0].related_information[0].location.uri.endswith("policy_6_2.yaml")
    assert bad[0].related_information[0].location.range.start.line == at("H13: 多数", text=data)[0]


def test_a_missing_data_file_is_shown_on_the_data_clause(tmp_path: Path) -> None:
    spec = tmp_path / "policy_6_2.tgt"
    found = diagnostics(analyse(SPEC_TEXT, str(spec)), spec.as_uri())
    assert [d.code for d in found] == ["TGT300"]
    assert found[0].range.start.line == at('data "policy_6_2.yaml"')[0]


def test_hover_in_english() -> None:
    analysis = analyse(SPEC_TEXT, str(SPEC_6_2))
    shown = hover(analysis, *at('"6-2-7"', 2), lang="en")
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "on track" in shown.contents.value and "48.8" in shown.contents.value
    shown = hover(analysis, *at("indicator policy_outlines", 12), lang="en")
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "latest: H14 (2002) 50件" in shown.contents.value


def test_hover_over_a_function_and_over_nothing() -> None:
    analysis = analyse(SPEC_TEXT, str(SPEC_6_2))
    shown = hover(analysis, *at("growth(patents", 1))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "growth(indicator, base_year)" in shown.contents.value and "基準年度からの増加率" in shown.contents.value
    keyword = hover(analysis, *at("base H13", 0))  # a keyword: what it means (issue 13.7; tests/test_lsp_constructs.py)
    assert keyword is not None and "基準年度" in keyword.contents.value
    assert hover(analysis, SPEC_LINES.index(""), 0) is None  # an empty line between declarations: nothing


# -- end to end over stdio -------------------------------------------------------------
SERVER = ClientServerConfig(server_command=[*tgtcheck_command(), "lsp"])  # the installed entry point, as editors start it
UNKNOWN_URI = (SPEC_6_2.parent / "unsaved_unknown.tgt").as_uri()  # never on disk: the server reads the editor's text
SPEC_URI = SPEC_6_2.as_uri()


async def _start(client: LanguageClient, lang: str) -> None:
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), initialization_options={"lang": lang},
    ))


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await _start(lsp_client, "ja")
    yield
    await lsp_client.shutdown_session()


async def published(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """The diagnostics the server publishes for this version of the document."""

    async def wait() -> list[types.Diagnostic]:
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)

    return await asyncio.wait_for(wait(), timeout=60)


async def open_document(client: LanguageClient, uri: str, text: str) -> list[types.Diagnostic]:
    waiting = asyncio.ensure_future(published(client, uri, 1))
    await asyncio.sleep(0)  # let the waiter register before the server can answer
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "tgt", 1, text)))
    return await waiting


async def change_document(client: LanguageClient, uri: str, version: int, text: str) -> list[types.Diagnostic]:
    waiting = asyncio.ensure_future(published(client, uri, version))
    await asyncio.sleep(0)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(version, uri), [types.TextDocumentContentChangeWholeDocument(text)],
    ))
    return await waiting


e2e = pytest.mark.asyncio(loop_scope="module")  # the tests share the module's server


@e2e
async def test_e2e_the_6_2_spec_opens_without_errors(client: LanguageClient) -> None:
    found = await open_document(client, SPEC_URI, SPEC_TEXT)
    assert [d for d in found if d.severity == types.DiagnosticSeverity.Error] == []


@e2e
async def test_e2e_unknown_indicator_then_fixed_by_a_change(client: LanguageClient) -> None:
    bad = SPEC_TEXT.replace("value(policy_outlines)", "value(policy_outline)")
    found = await open_document(client, UNKNOWN_URI, bad)
    assert [d.code for d in found] == ["TGT201"]
    d = found[0]
    line, col = at("value(policy_outline)", len("value("), bad)
    assert d.range == types.Range(types.Position(line, col), types.Position(line, col + len("policy_outline")))
    assert d.severity == types.DiagnosticSeverity.Error and d.source == "tgtcheck"
    assert "did you mean 'policy_outlines'" in d.message

    assert await change_document(client, UNKNOWN_URI, 2, SPEC_TEXT) == []

    astral = bad.replace('target "6-2-7" "', 'target "6-2-7" "𠮷 ').replace("\n  value(policy_outline)", " value(policy_outline)")
    found = await change_document(client, UNKNOWN_URI, 3, astral)
    assert [d.code for d in found] == ["TGT201"]
    line, col = at("value(policy_outline)", len("value("), astral)
    assert found[0].range.start == types.Position(line, col + 1)  # one extra UTF-16 unit for 𠮷
    assert found[0].range.end == types.Position(line, col + 1 + len("policy_outline"))


@e2e
async def test_e2e_completion_lists_names_and_functions(client: LanguageClient) -> None:
    await open_document(client, (SPEC_6_2.parent / "unsaved_completion.tgt").as_uri(), SPEC_TEXT + "\ntarget \"9\" \"t\" gr")
    result = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier((SPEC_6_2.parent / "unsaved_completion.tgt").as_uri()), types.Position(len(SPEC_LINES), 17),
    ))
    items = result.items if isinstance(result, types.CompletionList) else result or []
    by_label = {i.label: i for i in items}
    assert {"patents", "growth", "prefectures_and_cities", "target"} <= set(by_label)
    assert by_label["growth"].kind == types.CompletionItemKind.Function
    assert by_label["growth"].detail == "growth(indicator, base_year)"
    assert by_label["patents"].kind == types.CompletionItemKind.Variable


@e2e
async def test_e2e_hover_over_an_indicator(client: LanguageClient) -> None:
    await open_document(client, SPEC_URI, SPEC_TEXT)
    line, col = at("growth(patents", len("growth(") + 2)
    result = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(SPEC_URI), types.Position(line, col)))
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    text = result.contents.value
    assert "特許出願件数" in text
    assert "平成14年度 集計中" in text and "平成13年度 208件" in text  # latest entry, and the latest number
    assert result.range == types.Range(types.Position(line, col - 2), types.Position(line, col - 2 + len("patents")))


@e2e
async def test_e2e_hover_over_target_6_2_7(client: LanguageClient) -> None:
    await open_document(client, SPEC_URI, SPEC_TEXT)
    for needle, offset in (('"6-2-7"', 3), ("value(policy_outlines) >= prefectures", 24)):
        line, col = at(needle, offset)
        result = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(SPEC_URI), types.Position(line, col)))
        assert result is not None and isinstance(result.contents, types.MarkupContent)
        text = result.contents.value
        assert "on_track" in text and "順調" in text and "48.8" in text, text


@pytest_lsp.fixture(config=SERVER)
async def english_client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await _start(lsp_client, "en")
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_e2e_initialization_options_choose_english(english_client: LanguageClient) -> None:
    await open_document(english_client, SPEC_URI, SPEC_TEXT)
    line, col = at('"6-2-7"', 3)
    result = await english_client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(SPEC_URI), types.Position(line, col)))
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    assert "on track" in result.contents.value and "as of H14 (2002)" in result.contents.value


def test_lsp_command_is_registered(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("lsp", "--help")
    assert out.returncode == 0 and "stdio" in out.stdout
