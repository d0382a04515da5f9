// The VS Code side of tgtcheck: start `tgtcheck lsp` for .tgt files.
//
// Highlighting needs nothing of this file (package.json contributes the grammar);
// diagnostics, completion and hover come from the language server it starts.
// Settings: tgtcheck.command (default ["tgtcheck", "lsp"]), tgtcheck.lang, tgtcheck.strict.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("tgtcheck");
  const [command, ...args] = config.get("command", ["tgtcheck", "lsp"]);
  client = new LanguageClient(
    "tgtcheck",
    "tgtcheck",
    { command, args },
    {
      documentSelector: [
        { scheme: "file", language: "tgt" },
        { scheme: "untitled", language: "tgt" },
      ],
      initializationOptions: { lang: config.get("lang", "ja"), strict: config.get("strict", false) },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
