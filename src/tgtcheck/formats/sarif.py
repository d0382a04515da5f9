"""SARIF 2.1.0 for code scanning: spec diagnostics and failing targets as results.

One run, tool ``tgtcheck``.  Rules are the diagnostic codes (``TGT204``)
and, for targets, ``target/<status>`` (``target/not_met``, ``target/behind``);
``tool.driver.rules`` lists the rules the results use, each with the short
and full description and help that GitHub code scanning shows.  Levels: a
diagnostic's severity; a failing target (status in --fail-on) is an error
when not met and a warning otherwise, as in the github format.

Every result has a location in a file relative to the repository root
(``artifactLocation.uri``, percent-encoded) with a region in characters
(``columnKind: unicodeCodePoints``: a Japanese character is one column),
related locations for the data cells a verdict read or the spec line a
data problem concerns, and a ``partialFingerprints`` entry of our own
(``tgtcheck/v1``: rule, file and target id or message, not the line), so an
alert survives lines moving above it.  GitHub's own ``primaryLocationLineHash``
is left to the upload action, which computes it.

Several specs (``tgtcheck run specs/``) give one run per spec, each with
its own ``automationDetails.id`` (``tgtcheck/<spec path>/``): GitHub code
scanning takes the id up to its last ``/`` as the run's category and
refuses several runs of one tool under one category in an upload; the
upload action keeps an id a run already has.  Folders that could not be
read are a last run of their own (``tgtcheck/folders/``).

``tool.driver.informationUri`` and each rule's ``helpUri`` (absolute URIs,
SARIF 3.19.2 and 3.49.12) point into tgtcheck's docs when their address is
known (``docs_url``): ``TGTCHECK_DOCS_URL``, else the package's
``Documentation`` project URL, else the docs at the commit a git install
from github.com came from; without one they are left out rather than
invented (the help text is in the log either way).

References: the OASIS SARIF 2.1.0 standard (errata 01) and GitHub's
"SARIF support for code scanning" page.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .. import __version__
from ..core.diagnostics import CODES, Diagnostic, Location, Span
from ..core.years import era_label
from ..judging.evaluate import Status, Verdict
from ..judging.wording import explanation, rating_text, status_word
from ..pipeline import Loaded, RunResult
from . import Options
from .github import repo_path, target_level

if TYPE_CHECKING:
    from ..pipeline.portfolio import Portfolio

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

FAMILIES = {"1": "syntax", "2": "static-check", "3": "data", "4": "evaluation", "5": "usage"}

# what each status means when a target fails with it, and what to do
TARGET_RULES: dict[Status, tuple[str, str]] = {
    Status.NOT_MET: ("The target's deadline is reached and its condition does not hold.",
                     "Report the target as not met in the evaluation; if the data is wrong, correct the data file."),
    Status.BEHIND: ("The target is not reached yet and its value falls short of the progress line from the base year to the "
                    "deadline (or, for a range to keep within, lies outside it).",
                    "Look at the measures behind the target; the explanation names the expected and the actual value."),
    Status.EXCEEDED: ("The value is beyond the target's range on the side the target declares better: achieved beyond the range.",
                      "Nothing to do; --fail-on named this status."),
    Status.PENDING: ("A value the target needs is still being tallied (集計中).",
                     "Enter the value in the data file once it is tallied."),
    Status.INSUFFICIENT_DATA: ("A value the target needs is missing, not applicable, a division by zero, or not judgeable yet as of "
                               "the year (a later year, the base year, a period not started).",
                               "Add the missing value to the data file, or give the target a base year with data."),
    Status.ON_TRACK: ("The target is not reached yet but at or beyond its progress line in the desirable direction.",
                      "Nothing to do; --fail-on named this status."),
    Status.MET: ("The target's condition holds.", "Nothing to do; --fail-on named this status."),
}


def uri(path: str) -> str:
    return quote(repo_path(path), safe="/")


def region(span: Span | None) -> dict[str, int]:
    if span is None or span.line < 1:
        return {"startLine": 1}
    r = {"startLine": span.line, "startColumn": max(1, span.column)}
    if span.end_line >= span.line:
        r["endLine"] = span.end_line
        if span.end_column > 0 and (span.end_line > span.line or span.end_column >= r["startColumn"]):
            r["endColumn"] = span.end_column
    return r


def physical(loc: Location) -> dict[str, Any]:
    return {"artifactLocation": {"uri": uri(loc.file)}, "region": region(loc.span)}


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


class _Log:
    """Results and the rules they use, in the order first used."""

    def __init__(self, opts: Options) -> None:
        self.opts = opts
        self.docs = docs_url()
        self.rules: dict[str, dict[str, Any]] = {}
        self.results: list[dict[str, Any]] = []

    def rule_index(self, rule_id: str, make: Any) -> int:
        if rule_id not in self.rules:
            self.rules[rule_id] = make()
        return list(self.rules).index(rule_id)

    def diagnostic(self, d: Diagnostic) -> None:
        level = "error" if d.is_error else "warning"
        index = self.rule_index(d.code, lambda: code_rule(d.code, level, self.docs))
        text = d.message + (f"\nhelp: {d.help}" if d.help else "")
        result: dict[str, Any] = {
            "ruleId": d.code, "ruleIndex": index, "level": level, "message": {"text": text},
            "locations": [{"physicalLocation": physical(d.location)}],
            "partialFingerprints": {"tgtcheck/v1": fingerprint(d.code, repo_path(d.location.file), d.location.path or "", d.message)},
        }
        if d.related:
            result["relatedLocations"] = [{"id": i, "physicalLocation": physical(r)} for i, r in enumerate(d.related, 1)]
        if d.location.path:
            result["properties"] = {"dataPath": d.location.path}
        self.results.append(result)

    def target(self, v: Verdict, result: RunResult) -> None:
        rule_id = f"target/{v.status.value}"
        level = target_level(v.status)
        index = self.rule_index(rule_id, lambda: status_rule(v.status, level, self.docs))
        t, spec_file = v.target, result.loaded.spec_file
        policy = result.spec.policy.id
        title = f"{t.id} {t.title}: {status_word(v.status, self.opts.lang)}"
        entry: dict[str, Any] = {
            "ruleId": rule_id, "ruleIndex": index, "level": level,
            "message": {"text": f"{title}. {explanation(v, self.opts.lang)}" + _recorded_text(v, self.opts.lang)
                                + (f" {rating_text(v, self.opts.lang)}" if v.rating is not None else "")},
            "locations": [{
                "physicalLocation": physical(Location(spec_file, t.span)),
                "logicalLocations": [{"name": t.id, "fullyQualifiedName": f"{policy}/{t.id}"}],
            }],
            "partialFingerprints": {"tgtcheck/v1": fingerprint("target", repo_path(spec_file), policy, t.id)},
            "properties": {"policy": policy, "target": t.id, "status": v.status.value, "rule": v.rule,
                           **({"grade": v.rating.grade, "scale": v.rating.scale} if v.rating is not None else {})},
        }
        b = v.breakdown
        if b is not None:  # the keys grouped under their target: the count, and each key's status (one result per target)
            entry["properties"]["breakdown"] = {
                "dimension": b.dimension, "needed": b.needed, "met": b.met, "keys_total": len(b.keys),
                "counts": {s: n for s, n in b.counts().items() if n},
                "keys": {key: {"status": k.status.value, "rule": k.rule} for key, k in b.keys},
            }
        related = self.cells(v, result)
        if related:
            entry["relatedLocations"] = related
        self.results.append(entry)

    def cells(self, v: Verdict, result: RunResult) -> list[dict[str, Any]]:
        """The data cells the verdict read, where the data file says where they are."""
        data = result.loaded.data
        out: list[dict[str, Any]] = []
        if data is None:
            return out
        readings = [*v.readings, *v.missing]
        if v.breakdown is not None:  # the cells each key read
            readings += [r for _, k in v.breakdown.keys for r in (*k.readings, *k.missing)]
        for indicator, year in dict.fromkeys((r.indicator, r.year) for r in readings):
            series = data.series.get(indicator)
            cell = series.get(year) if series else None
            if cell is not None and cell.span is not None:
                out.append({"id": len(out) + 1, "physicalLocation": physical(Location(data.file, cell.span)),
                            "message": {"text": f"{indicator} {era_label(year)}"}})
        return out

    def document(self) -> dict[str, Any]:
        return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [self.run()]}

    def run(self) -> dict[str, Any]:
        driver: dict[str, Any] = {"name": "tgtcheck", "version": __version__, "semanticVersion": __version__}
        if self.docs:
            driver["informationUri"] = self.docs
        driver["rules"] = list(self.rules.values())
        return {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": self.results}

    def render(self) -> str:
        return json.dumps(self.document(), ensure_ascii=False, indent=2) + "\n"


def _name(title: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in title.replace("-", " ").split() if w.isascii() and w.isalnum())


def code_rule(code: str, level: str, docs: str | None = None) -> dict[str, Any]:
    c = CODES.get(code)
    title = c.title if c else code
    fix = (c.fix if c else "see docs/diagnostics.md").rstrip(".") + "."
    example = c.example if c else ""
    anchor = re.sub(r"[^a-z0-9 -]", "", f"{code}: {title}".lower()).replace(" ", "-")  # GitHub's heading anchors
    md = f"**{code}: {title}**\n\nFix: {fix}\n"
    if example:
        md += f"\nExample of the problem:\n\n```\n{example}\n```\n"
    md += f"\nSee docs/diagnostics.md#{anchor}."
    return {
        "id": code,
        "name": _name(title) or code,
        "shortDescription": {"text": f"{code}: {title}"},
        "fullDescription": {"text": f"{title[:1].upper()}{title[1:]}. Fix: {fix}"},
        **({"helpUri": f"{docs}/diagnostics.md#{anchor}"} if docs else {}),
        "help": {"text": fix + (f" Example of the problem: {example}" if example else ""), "markdown": md},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["tgtcheck", FAMILIES.get(code[3:4], "other")], "precision": "very-high",
                       "problem.severity": level},
    }


def status_rule(status: Status, level: str, docs: str | None = None) -> dict[str, Any]:
    what, todo = TARGET_RULES[status]
    word = status_word(status)
    return {
        "id": f"target/{status.value}",
        "name": "Target" + _name(word),
        "shortDescription": {"text": f"target {word}"},
        "fullDescription": {"text": what},
        **({"helpUri": f"{docs}/language.md#statuses"} if docs else {}),
        "help": {"text": todo, "markdown": f"**Target {word}.** {what}\n\n{todo}"},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["tgtcheck", "target"], "precision": "very-high", "problem.severity": level},
    }


def render_run(result: RunResult, opts: Options) -> str:
    log = _Log(opts)
    for d in result.loaded.diagnostics:
        log.diagnostic(d)
    from ..judging.recorded import final_status  # a recorded judgement decides whether a target fails, as for the exit code

    for v in result.verdicts:
        if final_status(v).value in opts.fail_on:
            log.target(v, result)
    return log.render()


def render_check(checked: dict[str, list[Diagnostic]], sources: dict[str, list[str]], opts: Options) -> str:
    log = _Log(opts)
    for diags in checked.values():
        for d in diags:
            log.diagnostic(d)
    return log.render()


def render_failed_run(loaded: Loaded, sources: dict[str, list[str]], opts: Options) -> str:
    return render_check({loaded.spec_file: loaded.diagnostics}, sources, opts)


def _recorded_text(v: Verdict, lang: str) -> str:
    """The recorded judgement after the explanation (' recorded judgement for …'), or ''."""
    from ..judging.recorded_words import line

    recorded = line(v, lang)
    return f" {recorded}" if recorded else ""


@functools.lru_cache(maxsize=1)  # once per process: a portfolio makes a log per spec
def docs_url() -> str | None:
    """The web address of tgtcheck's docs folder, when it is known; None rather than an invented one.

    ``TGTCHECK_DOCS_URL`` (an organisation's copy of tgtcheck, e.g. ``https://git.example.go.jp/tools/tgtcheck/-/blob/v1/docs``),
    else the package's ``Documentation`` project URL, else, for a git install from github.com (PEP 610's
    ``direct_url.json``), ``https://github.com/OWNER/REPO/blob/COMMIT/docs``."""
    given = os.environ.get("TGTCHECK_DOCS_URL", "").strip()
    if given:
        return given.rstrip("/") if re.match(r"^https?://[^/\s]+", given) else None
    from importlib import metadata

    try:
        dist = metadata.distribution("tgtcheck")
    except metadata.PackageNotFoundError:
        return None
    for entry in dist.metadata.get_all("Project-URL") or []:
        name, _, url = str(entry).partition(",")
        if name.strip().lower() in ("documentation", "docs") and url.strip().startswith("https://"):
            return str(url.strip().rstrip("/"))
    try:
        info = json.loads(dist.read_text("direct_url.json") or "{}")
    except ValueError:
        return None
    vcs = info.get("vcs_info") if isinstance(info, dict) else None
    found = re.match(r"^(?:git\+)?https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?$", str(info.get("url", "")))
    if isinstance(vcs, dict) and vcs.get("commit_id") and found:
        return f"https://github.com/{found.group(1)}/{found.group(2)}/blob/{vcs['commit_id']}/docs"
    return None


# -- several specs (portfolio.py): one run per spec ------------------------------------------------------------
def automation_id(spec_file: str) -> str:
    """The run's id, whose part up to the last ``/`` is its category in GitHub code scanning: one per spec."""
    return f"tgtcheck/{repo_path(spec_file)}/"


def portfolio_piece(loaded: Loaded, result: RunResult | None, sources: dict[str, list[str]], opts: Options) -> dict[str, Any]:
    """One spec's run (its diagnostics, and its failing targets when judged), with its own ``automationDetails``."""
    log = _Log(opts)
    for d in loaded.diagnostics:
        log.diagnostic(d)
    if result is not None:
        from ..judging.recorded import final_status  # a recorded judgement decides whether a target fails

        for v in result.verdicts:
            if final_status(v).value in opts.fail_on:
                log.target(v, result)
    run = log.run()
    run["automationDetails"] = {"id": automation_id(loaded.spec_file),
                                "description": {"text": f"tgtcheck run {repo_path(loaded.spec_file)}"}}
    return run


def render_portfolio(portfolio: Portfolio, opts: Options) -> str:
    runs = [o.piece for o in portfolio.outcomes]
    if portfolio.diagnostics:
        log = _Log(opts)
        for d in portfolio.diagnostics:
            log.diagnostic(d)
        folders = log.run()
        folders["automationDetails"] = {"id": "tgtcheck/folders/", "description": {"text": "tgtcheck run: the folders given"}}
        runs.append(folders)
    doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": runs}
    from .json_text import dumps  # json.dumps(indent=2)'s bytes, several times faster on a large log

    return dumps(doc, end="\n")
