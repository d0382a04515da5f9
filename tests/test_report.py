"""`tgtcheck report`: the HTML and Markdown evaluation sheet of policy 6-2.

Unit tests read the rendered text (self-contained, statuses as words and
symbols, markers drawn as markers, the table, en/ja, exit codes).  The
browser tests open the page in a real headless Chromium, driven over the
DevTools protocol through a pipe (``--remote-debugging-pipe``: no port, no
websocket library), collect console messages, exceptions and every network
request, query the rendered DOM and keep full-page screenshots in
``test-artifacts/``.  Without Chromium they skip, except under CI=true,
where they fail.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NoReturn

import pytest

from tgtcheck.judging.evaluate import Status
from tgtcheck.pipeline import RunResult, load, run
from tgtcheck.report import render
from tgtcheck.report.model import NOT_APPLICABLE, PENDING, SYMBOLS, build

from .conftest import ROOT, SPEC_6_2, run_cli

TARGET_IDS = [f"6-2-{i}" for i in range(1, 8)]
EXPECTED_STATUS = {
    "6-2-1": Status.MET, "6-2-2": Status.MET, "6-2-3": Status.PENDING, "6-2-4": Status.PENDING,
    "6-2-5": Status.MET, "6-2-6": Status.INSUFFICIENT_DATA, "6-2-7": Status.ON_TRACK,
}
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def result() -> RunResult:
    r = run(load(str(SPEC_6_2)))
    assert r is not None
    return r


def missing(message: str) -> NoReturn:
    """Skip for want of an optional tool, except under CI=true, where every tool must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; CI=true, so this fails instead of skipping")
    pytest.skip(message)


def need(module: str, install: str) -> None:
    try:
        __import__(module)
    except ImportError:
        missing(f"{module} is not installed ({install})")


@pytest.fixture(scope="module")
def html_ja(result: RunResult) -> str:
    need("matplotlib", "pip install -e '.[report]'")
    return render(result, "ja", "html")


@pytest.fixture(scope="module")
def html_en(result: RunResult) -> str:
    need("matplotlib", "pip install -e '.[report]'")
    return render(result, "en", "html")


class _Sections(HTMLParser):
    """The target sections of a page: id -> (status, svg count, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, dict[str, Any]] = {}
        self._current: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and "target" in (a.get("class") or "").split():
            self._current, self._depth = a["id"], 0
            self.sections[a["id"] or ""] = {"status": a.get("data-status"), "svg": 0, "text": ""}
        if self._current is None:
            return
        if tag == "section":
            self._depth += 1
        if tag == "svg":
            self.sections[self._current]["svg"] += 1

    def handle_endtag(self, tag: str) -> None:
        if self._current is not None and tag == "section":
            self._depth -= 1
            if self._depth == 0:
                self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self.sections[self._current]["text"] += data


def sections(html: str) -> dict[str, dict[str, Any]]:
    p = _Sections()
    p.feed(html)
    return p.sections


def chart_svg(html: str, target: str) -> str:
    m = re.search(rf'<section class="target[^"]*" id="{re.escape(target)}".*?(<svg\b.*?</svg>)', html, re.DOTALL)
    assert m, f"no chart in section {target}"
    return m.group(1)


def group(svg: str, gid: str) -> str:
    """The whole <g id="gid"> element, nested groups included."""
    start = svg.index(f'<g id="{gid}">')
    depth, pos = 0, start
    for m in re.finditer(r"<g\b|</g>", svg[start:]):
        depth += 1 if m.group(0) == "<g" else -1
        if depth == 0:
            pos = start + m.end()
            break
    return svg[start:pos]


# -- the page ------------------------------------------------------------------
def test_html_is_self_contained(html_ja: str, html_en: str) -> None:
    for html in (html_ja, html_en):
        assert not re.search(r"https?://", html, re.IGNORECASE), "the page must name no network address"
        assert not re.search(r"<(script|link|iframe|img|object|embed)\b", html, re.IGNORECASE)
        assert "@import" not in html and "@font-face" not in html
        assert not re.search(r"url\((?!#)", html), "only in-page references (url(#id)) are allowed"
        assert not re.search(r"\b(src|xlink:href|href)=\"(?!#)", html), "links stay inside the page"
        assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html


def test_every_target_has_a_section_with_one_chart(html_ja: str) -> None:
    found = sections(html_ja)
    assert list(found) == TARGET_IDS
    assert all(s["svg"] == 1 for s in found.values())
    assert html_ja.count("<svg") == 7


def test_header_goal_and_overall_judgement(html_ja: str, result: RunResult) -> None:
    assert "施策目標6-2 地域における科学技術振興のための環境整備" in html_ja
    assert "基準年度</dt><dd>平成13年度" in html_ja and "達成年度</dt><dd>平成18年度" in html_ja
    assert result.spec.policy.goal and result.spec.policy.goal in html_ja
    assert result.assessment.word("ja") == "概ね順調に進捗"
    assert '<span class="word">概ね順調に進捗</span>' in html_ja
    assert result.assessment.rule("ja") in html_ja  # the rule that produced it


def test_statuses_are_words_and_distinct_symbols(html_ja: str, html_en: str) -> None:
    assert len(set(SYMBOLS.values())) == len(Status), "one symbol per status"
    for html, lang in ((html_ja, "ja"), (html_en, "en")):
        from tgtcheck.judging.wording import status_word

        found = sections(html)
        for tid, status in EXPECTED_STATUS.items():
            assert found[tid]["status"] == status.value
            badge = f'<span class="sym" aria-hidden="true">{SYMBOLS[status]}</span>{status_word(status, lang)}</span>'
            assert badge in re.search(rf'id="{tid}".*?</header>', html, re.DOTALL).group(0)  # type: ignore[union-attr]


def test_each_target_shows_its_explanation_and_condition(html_ja: str, result: RunResult) -> None:
    from html import escape

    from tgtcheck.judging.wording import explanation

    for v in result.verdicts:
        section = re.search(rf'<section class="target[^"]*" id="{v.target.id}".*?</section>', html_ja, re.DOTALL).group(0)  # type: ignore[union-attr]
        assert escape(explanation(v, "ja")) in section
        assert escape(v.target.title) in section


def test_pending_and_not_applicable_years_are_not_bars(html_ja: str) -> None:
    svg = chart_svg(html_ja, "6-2-3")  # joint_research: H10–H13 numbers, H14 集計中
    assert [f"value-H{y}" for y in (10, 11, 12, 13)] == re.findall(r'id="c6-2-3-(value-H\d+)"', svg)
    assert 'id="c6-2-3-pending-H14"' in svg and 'id="c6-2-3-value-H14"' not in svg
    pending = group(svg, "c6-2-3-pending-H14")
    assert "url(#" in pending and "stroke-dasharray" in pending  # hatched and dashed: not a bar at zero
    assert re.findall(r">(.)</text>", group(svg, "c6-2-3-pending-H14-label")) == ["集", "計", "中"]
    svg = chart_svg(html_ja, "6-2-1")  # cluster_hubs: － until H13, 12 in H14
    assert re.findall(r'id="c6-2-1-(na-H\d+)"', svg) == [f"na-H{y}" for y in (10, 11, 12, 13)]
    assert re.findall(r'id="c6-2-1-(value-H\d+)"', svg) == ["value-H14"]
    assert svg.count(">－</text>") == 4


def test_chart_marks_base_year_target_line_and_as_of(html_ja: str) -> None:
    svg = chart_svg(html_ja, "6-2-7")
    for part in ("base-year", "as-of", "path", "expected", "target-0"):
        assert f'id="c6-2-7-{part}"' in svg
    assert "見込み 48.8" in svg and "評価時点 H14" in svg
    assert 'id="c6-2-5-target"' in html_ja  # every year: a threshold over the period
    assert "目標：増加" in chart_svg(html_ja, "6-2-6")  # a trend has no number to aim at: its direction


def test_chart_ids_are_unique_and_output_is_deterministic(result: RunResult, html_ja: str) -> None:
    ids = re.findall(r'\bid="([^"]+)"', html_ja)
    assert len(ids) == len(set(ids))
    assert render(result, "ja", "html") == html_ja


def test_growth_target_is_charted_in_the_indicators_units(result: RunResult) -> None:
    report = build(result, "ja")
    charts = {t.id: t.chart for t in report.targets}
    c = charts["6-2-3"]  # growth(joint_research, H13) >= about 30% ± 3%: 5,264 in H13
    assert (c.low, c.tolerance) == (Fraction(5264) * Fraction(13, 10), Fraction(5264) * Fraction(3, 100))
    assert c.path[0] == (2001, Fraction(5264)) and c.path[-1] == (2006, Fraction(5264) * Fraction(127, 100))
    assert [p.kind for p in c.points][-1] == PENDING
    assert any("6,843.2" in n for n in c.notes)
    c = charts["6-2-7"]
    verdict = result.verdicts[6]
    assert c.expected == verdict.expected == Fraction(244, 5)
    assert charts["6-2-1"].path == () and any("－" in n for n in charts["6-2-1"].notes)
    assert [p.kind for p in charts["6-2-1"].points][:4] == [NOT_APPLICABLE] * 4


def test_indicator_table_with_footnotes(html_ja: str) -> None:
    table = re.search(r'<table class="indicators">.*?</table>', html_ja, re.DOTALL).group(0)  # type: ignore[union-attr]
    assert re.findall(r'<th scope="col"[^>]*>(H\d+)</th>', table) == ["H10", "H11", "H12", "H13", "H14"]
    assert table.count('data-kind="pending">集計中<') == 2
    assert table.count('data-kind="n/a">－<') == 16
    assert ">5,264<" in table and "（達成目標6-2-3関係）" in table
    for mark in ("※1", "※2", "※3", "※4"):
        assert mark in table and f"<li>{mark} " in html_ja
    assert "都道府県、政令指定都市の数（平成15年4月時点）" in html_ja  # the constant's note, beside 6-2-7


def test_english_report(html_en: str) -> None:
    assert '<html lang="en">' in html_en
    assert '<span class="word">mostly on schedule</span>' in html_en
    assert "Base year</dt><dd>H13 (2001)" in html_en
    assert "Target 6-2-3" in html_en and ">pending<" in html_en


# -- Markdown --------------------------------------------------------------------
def test_markdown_has_the_same_content_without_charts(result: RunResult) -> None:
    md = render(result, "ja", "markdown")
    assert md.startswith("# 施策目標6-2 地域における科学技術振興のための環境整備\n")
    assert "**達成度合い又は進捗状況：概ね順調に進捗**" in md
    assert "| 指標名 | 単位 | H10 | H11 | H12 | H13 | H14 |" in md
    assert "| 産学官共同研究実施件数 ※1（達成目標6-2-3関係） | 件 | 2,568 | 3,129 | 4,029 | 5,264 | 集計中 |" in md
    assert "| 知的クラスター創成事業実施拠点数（達成目標6-2-1関係） | 拠点 | － | － | － | － | 12 |" in md
    assert "- ※4 平成15年4月時点の都道府県、政令指定都市の数は60。" in md
    for tid, status in EXPECTED_STATUS.items():
        assert f"### 達成目標{tid} {SYMBOLS[status]}" in md
    assert "<svg" not in md and "http" not in md
    en = render(result, "en", "markdown")
    assert "**Overall progress: mostly on schedule**" in en and "| Indicator | Unit | H10 |" in en


# -- the command -----------------------------------------------------------------
def test_cli_writes_html(tmp_path: Path) -> None:
    need("matplotlib", "pip install -e '.[report]'")
    out = tmp_path / "report.html"
    r = run_cli("report", str(SPEC_6_2), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and "report.html" in r.stderr
    assert out.read_text(encoding="utf-8").count("<svg") == 7


def test_cli_markdown_to_stdout_in_english() -> None:
    r = run_cli("report", str(SPEC_6_2), "--format", "markdown", "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert "| Indicator | Unit |" in r.stdout and "mostly on schedule" in r.stdout


def test_cli_as_of_limits_the_years() -> None:
    r = run_cli("report", str(SPEC_6_2), "--format", "markdown", "--as-of", "H13", "--lang", "ja")
    assert r.returncode == 0, r.stderr
    assert "| 指標名 | 単位 | H10 | H11 | H12 | H13 |\n" in r.stdout and "評価時点：平成13年度" in r.stdout


def test_cli_invalid_spec_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tgt"
    bad.write_text('policy "x" "y"\n  base H13\ntarget "t" "t"\n  count(nothing) >= \n', encoding="utf-8")
    r = run_cli("report", str(bad), "-o", str(tmp_path / "out.html"))
    assert r.returncode == 2
    assert "error[TGT" in r.stderr and not (tmp_path / "out.html").exists()
    assert run_cli("report", str(tmp_path / "missing.tgt")).returncode == 2
    assert run_cli("report", str(SPEC_6_2), "--format", "pdf").returncode == 2
    assert run_cli("report", str(SPEC_6_2), "--as-of", "H0").returncode == 2


def test_cli_unwritable_output_exits_2(tmp_path: Path) -> None:
    r = run_cli("report", str(SPEC_6_2), "--format", "markdown", "-o", str(tmp_path / "no" / "such" / "dir.md"))
    assert r.returncode == 2 and "cannot write" in r.stderr


def test_without_matplotlib_html_exits_2_and_markdown_works(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from tgtcheck.cli import main

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises ImportError
    assert main(["report", str(SPEC_6_2)]) == 2
    err = capsys.readouterr().err
    assert "-m pip install" in err and "[report]" in err  # the hint for this installation (install.py)
    assert main(["report", str(SPEC_6_2), "--format", "markdown", "--lang", "ja"]) == 0
    assert "| 指標名 |" in capsys.readouterr().out


def test_matplotlib_is_imported_only_for_the_html_report() -> None:
    code = ("import sys; from tgtcheck.cli import main; import io, contextlib\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['run', {str(SPEC_6_2)!r}]); main(['report', {str(SPEC_6_2)!r}, '--format', 'markdown'])\n"
            "print('matplotlib' in sys.modules)\n")
    r = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert r.stdout.strip() == "False", r.stderr


# -- in a real browser -------------------------------------------------------------
_TRAMPOLINE = (  # puts the two pipe ends on fds 3 and 4, where --remote-debugging-pipe expects them
    "import os, sys\n"
    "r, w = os.dup(int(sys.argv[1])), os.dup(int(sys.argv[2]))\n"
    "os.dup2(r, 3)\nos.dup2(w, 4)\n"
    "os.set_inheritable(3, True)\nos.set_inheritable(4, True)\n"  # dup2(3, 3) keeps close-on-exec
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)


class Browser:
    """Headless Chromium over the DevTools protocol (NUL-separated JSON on fds 3 and 4)."""

    def __init__(self, exe: str, user_data_dir: Path) -> None:
        child_in, self._out = os.pipe()
        self._in, child_out = os.pipe()
        args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", f"--user-data-dir={user_data_dir}", "--remote-debugging-pipe", "about:blank"]
        self.proc = subprocess.Popen([sys.executable, "-c", _TRAMPOLINE, str(child_in), str(child_out), *args],
                                     pass_fds=(child_in, child_out), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(child_in)
        os.close(child_out)
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.events: list[dict[str, Any]] = []
        self._next = 0
        threading.Thread(target=self._read, daemon=True).start()
        page = next(t for t in self.send("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.send("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=True)

    def _read(self) -> None:
        buf = b""
        with os.fdopen(self._in, "rb", buffering=0) as f:
            while chunk := f.read(1 << 16):
                buf += chunk
                *messages, buf = buf.split(b"\0")
                for m in messages:
                    self._messages.put(json.loads(m))
        self._messages.put(None)

    def send(self, method: str, params: dict[str, Any] | None = None, session: bool = False, timeout: float = 60) -> Any:
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        os.write(self._out, json.dumps(msg).encode() + b"\0")
        reply = self._wait(lambda m: m.get("id") == self._next, timeout)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def _wait(self, match: Callable[[dict[str, Any]], bool], timeout: float) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while True:
            m = self._messages.get(timeout=max(0.01, end - time.monotonic()))
            if m is None:
                raise RuntimeError("the browser closed the connection")
            if match(m):
                return m
            self.events.append(m)

    def open(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", {"url": url}, session=True)
        self._wait(lambda m: m.get("method") == "Page.loadEventFired", 60)
        self.evaluate("1")  # a round trip, so console messages of the load have arrived

    def evaluate(self, expression: str) -> Any:
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        return reply["result"].get("value")

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions, log errors."""
        out = []
        for e in self.events:
            method, p = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and p["type"] in ("error", "warning", "assert"):
                out.append(f"console.{p['type']}: {[a.get('value') for a in p['args']]}")
            elif method == "Runtime.exceptionThrown":
                out.append(f"exception: {p['exceptionDetails'].get('text')}")
            elif method == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                out.append(f"log {p['entry']['level']}: {p['entry']['text']}")
        return out

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, path: Path, width: int = 1280) -> None:
        height = int(self.evaluate("document.documentElement.scrollHeight"))
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                  session=True)
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=True)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except (RuntimeError, queue.Empty):
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._out)


def find_browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if path := shutil.which(name):
            return path
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    exe = find_browser()
    if exe is None:
        missing("no Chromium to render the report in (apt-get install chromium)")
    b = Browser(exe, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield b
    finally:
        b.close()


_DOM = """JSON.stringify({
  targets: [...document.querySelectorAll('section.target')].map(s => ({
    id: s.id,
    status: s.querySelector('.status').innerText,
    svgs: s.querySelectorAll('svg').length,
    chart: (r => [r.width, r.height])(s.querySelector('svg').getBoundingClientRect()),
  })),
  svgs: document.querySelectorAll('svg').length,
  judgement: document.querySelector('.judgement .word').innerText,
  pendingCells: [...document.querySelectorAll('td[data-kind="pending"]')].map(td => td.innerText),
  width: document.documentElement.scrollWidth,
})"""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_report_renders_in_chromium(browser: Browser, request: pytest.FixtureRequest, tmp_path: Path, lang: str) -> None:
    page = tmp_path / f"report_6_2_{lang}.html"
    page.write_text(request.getfixturevalue(f"html_{lang}"), encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.problems() == []
    assert browser.requests() == [page.as_uri()], "the page must load nothing but itself"
    dom = json.loads(browser.evaluate(_DOM))
    assert [t["id"] for t in dom["targets"]] == TARGET_IDS
    assert dom["svgs"] == 7 and all(t["svgs"] == 1 for t in dom["targets"])
    assert all(w > 400 and h > 150 for w, h in (t["chart"] for t in dom["targets"])), "every chart is drawn at a readable size"
    assert dom["width"] <= 1280, "nothing overflows the window sideways"
    assert dom["judgement"] == ("概ね順調に進捗" if lang == "ja" else "mostly on schedule")
    assert dom["pendingCells"] == (["集計中"] * 2 if lang == "ja" else ["pending"] * 2)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"report_6_2_{lang}.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_browser_harness_sees_console_errors_and_requests(browser: Browser, tmp_path: Path) -> None:
    """The checks above are not vacuous: an error and a fetch on a page are seen."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><title>x</title><img src='missing.png'><script>console.error('boom')</script>", encoding="utf-8")
    browser.open(page.as_uri())
    assert any("boom" in p for p in browser.problems())
    assert (tmp_path / "missing.png").as_uri() in browser.requests()


def test_charts_follow_the_direction() -> None:
    """A range to keep within has no progress line to a bound; a directed range runs to its bound on the better side;
    a downward target's line falls (issue 11.3)."""
    cases = ROOT / "tests" / "cases" / "run"
    loaded = load(str(cases / "range_direction" / "spec.tgt"))
    result = run(loaded, 2025)
    assert result is not None
    charts = {t.id: t.chart for t in build(result, "ja").targets}
    assert charts["keep"].path == ()  # 8–10 minutes: nothing to progress along, being outside is the failure
    assert charts["fall"].path[0] == (2020, Fraction(12)) and charts["fall"].path[-1] == (2025, Fraction(10))
    assert charts["grow"].path[-1] == (2025, Fraction(14))  # to 15 less the tolerance 1
    loaded = load(str(cases / "direction_lower" / "spec.tgt"))
    result = run(loaded, 2021)
    assert result is not None
    charts = {t.id: t.chart for t in build(result, "ja").targets}
    assert charts["wait"].path[0] == (2020, Fraction(40)) and charts["wait"].path[-1] == (2025, Fraction(30))
    assert charts["wait"].expected == Fraction(38)


def test_a_milestone_targets_chart_runs_through_its_milestones() -> None:
    """Issue 13.1: the chart's path goes from the base year's value through each milestone to the deadline (the
    evaluator's line between milestones), each milestone before the deadline is marked, and the expected value in
    the as-of year is read off that path."""
    loaded = load(str(ROOT / "tests" / "cases" / "run" / "milestones" / "spec.tgt"))
    result = run(loaded, 2021)
    assert result is not None
    charts = {t.id: t.chart for t in build(result, "ja").targets}
    path = charts["path"]
    assert path.milestones == ((2021, Fraction(40)), (2022, Fraction(100)))
    assert [y for y, _ in path.path] == [2020, 2021, 2022, 2023] and path.path[1:] == ((2021, Fraction(40)), (2022, Fraction(100)),
                                                                                     (2023, Fraction(200)))
    assert path.expected == Fraction(40)
    gap = charts["gap"]  # 40 by R3, 200 by R5: R4's expected value is halfway between the two milestones
    assert gap.milestones == ((2021, Fraction(40)),)
    assert gap.path[1:] == ((2021, Fraction(40)), (2023, Fraction(200)))
    result = run(loaded, 2022)
    assert result is not None
    gap = {t.id: t.chart for t in build(result, "ja").targets}["gap"]
    assert gap.expected == Fraction(120)
    html = render(result, "ja", "html")
    assert 'id="milestone-0"' in html or "milestone-0" in html
    assert "各年度の目標値を結ぶ線" in html
