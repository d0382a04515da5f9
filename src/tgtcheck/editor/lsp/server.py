"""The pygls wiring: a language server for .tgt files over stdio.

The server keeps one ``Analysis`` per open document, made from the editor's
text (full sync) on open and on every change, and publishes its
diagnostics; completion and hover read the latest analysis.  Options come
from the client's ``initializationOptions``:

- ``lang``: ``"ja"`` or ``"en"``, for statuses, explanations and hover words
  (default: ``tgtcheck lsp --lang``, else the rule of ``language.py``:
  ``TGTCHECK_LANG``, else the locale, else English);
- ``strict``: ``true`` to report what ``tgtcheck check --strict`` reports.

Positions are converted in the encoding pygls negotiated with the client
(UTF-16 unless the client offers another).  A bug in a handler is logged to
the client and never stops the server.
"""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from ... import __version__
from .analysis import Analysis, DataCache, analyse
from .features import completions, diagnostics, hover
from .positions import UTF16

log = logging.getLogger(__name__)


class TgtServer(LanguageServer):
    def __init__(self, lang: str = "en") -> None:
        super().__init__("tgtcheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.lang = lang
        self.strict = False
        self.cache = DataCache()
        self.analyses: dict[str, Analysis] = {}

    @property
    def encoding(self) -> str:
        enc = self.workspace.position_encoding
        return str(getattr(enc, "value", enc) or UTF16)

    def analyse(self, uri: str) -> Analysis:
        doc = self.workspace.get_text_document(uri)
        path = doc.path
        if path:
            analysis = analyse(doc.source, path, self.cache, self.strict)
        else:  # an unsaved buffer: no directory to find the data file in
            analysis = analyse(doc.source, uri, self.cache, self.strict, with_data=False)
        self.analyses[uri] = analysis
        return analysis

    def publish(self, uri: str) -> None:
        try:
            analysis = self.analyse(uri)
            found = diagnostics(analysis, uri, self.encoding)
        except Exception as exc:  # noqa: BLE001 - a bug must not stop the server
            log.exception("analysis failed")
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"tgtcheck: internal error: {exc!r}"))
            return
        version = self.workspace.get_text_document(uri).version
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, found, version))

    def current(self, uri: str) -> Analysis:
        return self.analyses.get(uri) or self.analyse(uri)


def build_server(lang: str = "en") -> TgtServer:
    server = TgtServer(lang)

    @server.feature(types.INITIALIZE)
    def initialize(ls: TgtServer, params: types.InitializeParams) -> None:
        options: Any = params.initialization_options or {}
        if isinstance(options, dict):
            if options.get("lang") in ("ja", "en"):
                ls.lang = options["lang"]
            ls.strict = bool(options.get("strict", False))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TgtServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TgtServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TgtServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)  # the data file may have changed on disk meanwhile

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TgtServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.analyses.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(params.text_document.uri, []))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["("]))
    def completion(ls: TgtServer, params: types.CompletionParams) -> types.CompletionList:
        items = completions(ls.current(params.text_document.uri), ls.lang)
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: TgtServer, params: types.HoverParams) -> types.Hover | None:
        pos = params.position
        return hover(ls.current(params.text_document.uri), pos.line, pos.character, ls.encoding, ls.lang)

    return server


def start_stdio(lang: str = "en") -> None:
    build_server(lang).start_io()

