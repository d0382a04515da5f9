// Tokenize a file with the .tgt TextMate grammar through VS Code's own engine.
//
//   node tokenize.mjs GRAMMAR.json FILE.tgt  ->  JSON on stdout: one array per line of
//   {start, end, text, scopes} (offsets in UTF-16 code units, as VS Code counts them).
//
// Driven by tests/test_highlight.py; run `npm ci` here first (node_modules is not committed).
import fs from "node:fs";
import { createRequire } from "node:module";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

const [grammarPath, filePath] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

const registry = new vsctm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async (scopeName) =>
    scopeName === "source.tgt" ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath) : null,
});

const grammar = await registry.loadGrammar("source.tgt");
if (!grammar) throw new Error(`cannot load ${grammarPath}`);
let stack = vsctm.INITIAL;
const out = [];
for (const line of fs.readFileSync(filePath, "utf8").split("\n")) {
  const result = grammar.tokenizeLine(line, stack);
  out.push(result.tokens.map((t) => ({ start: t.startIndex, end: t.endIndex, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
  stack = result.ruleStack;
}
process.stdout.write(JSON.stringify(out));
