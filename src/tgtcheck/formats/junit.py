"""JUnit XML for CI test reports: one testcase per target, or per spec for `check`.

`run`: a testsuite per policy; each target is a testcase (classname = the
policy id, name = target id and title).  A status in --fail-on (default
behind, not_met) is a ``<failure>`` whose text is the explanation;
``pending`` and ``insufficient_data`` are ``<skipped>`` (not judged yet);
every other status passes, its explanation in ``<system-out>``.  `check`:
a testcase per spec file, each diagnostic a ``<failure>`` (type = code).

Two families, as pytest has (its ``junit_family``), because the Jenkins
JUnit XSD (tests/schemas/junit-10.xsd, from pytest's sources) allows no
``file`` or ``line`` attribute on a testcase:
- ``junit`` (xunit2) is valid against that XSD: the spec file is the
  testsuite's ``file`` attribute and ``FILE:LINE`` starts every text;
- ``junit-xunit1`` adds ``file`` and ``line`` to each testcase, which
  GitLab and the test-report actions read to link a result to its line.
No ``time`` or ``timestamp``: the same input gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..core.diagnostics import Diagnostic, render_diagnostic
from ..core.years import era_label
from ..judging.evaluate import Status, Verdict
from ..judging.recorded import final_status
from ..judging.recorded_words import line as recorded_line
from ..judging.wording import explanation, rating_text, status_word
from ..pipeline import Loaded, RunResult
from . import Options

if TYPE_CHECKING:
    from ..pipeline.portfolio import Portfolio

SKIPPED = frozenset({Status.PENDING.value, Status.INSUFFICIENT_DATA.value})

# characters XML 1.0 cannot carry, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(s: str) -> str:
    return _NOT_XML.sub("\ufffd", s)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = clean(text)
    return el


def _testcase(suite: ET.Element, classname: str, name: str, file: str, line: int | None, xunit1: bool) -> ET.Element:
    attrs = {"classname": classname, "name": name}
    if xunit1:
        attrs["file"] = file
        if line is not None:
            attrs["line"] = str(line)
    return _element(suite, "testcase", **attrs)


def _finish(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _counts(suite: ET.Element, tests: int, failures: int, skipped: int) -> None:
    for key, n in (("tests", tests), ("failures", failures), ("errors", 0), ("skipped", skipped)):
        suite.set(key, str(n))


def _totals(root: ET.Element) -> None:
    suites = root.findall("testsuite")
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in suites)))


def _verdict(suite: ET.Element, v: Verdict, result: RunResult, opts: Options, xunit1: bool) -> str:
    """Add a target's testcase; return its outcome: failure, skipped or passed."""
    t, spec_file = v.target, result.loaded.spec_file
    case = _testcase(suite, result.spec.policy.id, f"{t.id} {t.title}", spec_file, t.span.line, xunit1)
    word = status_word(v.status, opts.lang)
    text = f"{spec_file}:{t.span.line}: {word}\n{explanation(v, opts.lang)}"
    recorded = recorded_line(v, opts.lang)  # a recorded judgement decides the outcome, as it decides the exit code
    if recorded:
        text += f"\n{recorded}"
    if result.spec.policy.rated is not None:  # the grade on the rating scale beside the status
        text += f"\n{rating_text(v, opts.lang)}"
    if v.breakdown is not None:  # the keys under their target, best first: the target stays one testcase, counted once
        text += "".join(f"\n  {key}: {status_word(k.status, opts.lang)}: {explanation(k, opts.lang)}"
                        for key, k in v.breakdown.by_achievement())
    if final_status(v).value in opts.fail_on:
        _element(case, "failure", text, type=final_status(v).value, message=f"{word}: {explanation(v, opts.lang)}")
        return "failure"
    if v.status.value in SKIPPED:
        _element(case, "skipped", text, type=v.status.value, message=f"{word}: {explanation(v, opts.lang)}")
        return "skipped"
    _element(case, "system-out", text)
    return "passed"


def run_xml(result: RunResult, opts: Options, xunit1: bool = False) -> str:
    root = ET.Element("testsuites", {"name": "tgtcheck run"})
    run_suite(root, result, opts, xunit1)
    _totals(root)
    return _finish(root)


def run_suite(root: ET.Element, result: RunResult, opts: Options, xunit1: bool = False) -> ET.Element:
    """The testsuite of one spec's run: a testcase per target."""
    p, loaded = result.spec.policy, result.loaded
    suite = _element(root, "testsuite", name=f"{p.id} {p.title}", file=loaded.spec_file)
    props = _element(suite, "properties")
    for name, value in (("spec", loaded.spec_file), ("data", loaded.data_file or ""), ("as_of", era_label(result.as_of)),
                        ("fail_on", ",".join(sorted(opts.fail_on))), ("assessment", result.assessment.word(opts.lang))):
        _element(props, "property", name=name, value=value)
    outcomes = [_verdict(suite, v, result, opts, xunit1) for v in result.verdicts]
    _counts(suite, len(outcomes), outcomes.count("failure"), outcomes.count("skipped"))
    return suite


def check_xml(checked: dict[str, list[Diagnostic]], sources: dict[str, list[str]], name: str, xunit1: bool = False) -> str:
    root = ET.Element("testsuites", {"name": name})
    suite = _element(root, "testsuite", name=name)
    failing = 0
    for spec, diags in checked.items():
        first = next((d.location.span.line for d in diags if d.location.file == spec and d.location.span), None)
        case = _testcase(suite, name.replace(" ", "."), spec, spec, first, xunit1)
        for d in diags:
            _element(case, "failure", render_diagnostic(d, sources.get(d.location.file)), type=d.code,
                     message=f"{d.severity.value}[{d.code}]: {d.message}")
        failing += bool(diags)
    _counts(suite, len(checked), failing, 0)
    _totals(root)
    return _finish(root)


def render_run(result: RunResult, opts: Options) -> str:
    return run_xml(result, opts)


def render_check(checked: dict[str, list[Diagnostic]], sources: dict[str, list[str]], opts: Options) -> str:
    return check_xml(checked, sources, "tgtcheck check")


def render_failed_run(loaded: Loaded, sources: dict[str, list[str]], opts: Options) -> str:
    return check_xml({loaded.spec_file: loaded.diagnostics}, sources, "tgtcheck run")


# -- several specs (portfolio.py): one testsuite per spec ------------------------------------------------------
def portfolio_piece(loaded: Loaded, result: RunResult | None, sources: dict[str, list[str]], opts: Options,
                    xunit1: bool = False) -> str:
    """One spec's testsuite as XML text: its targets, or for a spec that could not be judged one testcase (the spec)
    with a failure per diagnostic, as ``check`` writes it."""
    holder = ET.Element("testsuites")
    if result is not None:
        suite = run_suite(holder, result, opts, xunit1)
    else:
        suite = _element(holder, "testsuite", name=loaded.spec_file, file=loaded.spec_file)
        spec = loaded.spec_file
        first = next((d.location.span.line for d in loaded.diagnostics if d.location.file == spec and d.location.span), None)
        case = _testcase(suite, "tgtcheck.run", spec, spec, first, xunit1)
        for d in loaded.diagnostics:
            _element(case, "failure", render_diagnostic(d, sources.get(d.location.file)), type=d.code,
                     message=f"{d.severity.value}[{d.code}]: {d.message}")
        _counts(suite, 1, 1, 0)
    return ET.tostring(suite, encoding="unicode")


def portfolio_xml(portfolio: Portfolio, opts: Options, xunit1: bool = False) -> str:
    """The testsuites of every spec, in order, and a last one for the folders that could not be read, if any."""
    root = ET.Element("testsuites", {"name": "tgtcheck run"})
    for o in portfolio.outcomes:
        root.append(ET.fromstring(str(o.piece)))
    if portfolio.diagnostics:
        suite = _element(root, "testsuite", name="tgtcheck run: folders")
        for d in portfolio.diagnostics:
            case = _testcase(suite, "tgtcheck.run", d.location.file, d.location.file, None, xunit1)
            _element(case, "failure", render_diagnostic(d), type=d.code, message=f"{d.severity.value}[{d.code}]: {d.message}")
        _counts(suite, len(portfolio.diagnostics), len(portfolio.diagnostics), 0)
    _totals(root)
    return _finish(root)


def render_portfolio(portfolio: Portfolio, opts: Options) -> str:
    return portfolio_xml(portfolio, opts)
