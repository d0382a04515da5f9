"""A ministry's portfolio: `.venv/bin/python benchmarks/portfolio.py [--specs 500] [--targets 20] [--runs 3]`.

Generates, in a temporary directory deleted afterwards (never committed), 500 spec files of 20
targets each, one per policy measure in folders by bureau, each with its own YAML data file, as a
ministry keeps them: varied indicators (counts, amounts, percents, lower-is-better rates), varied
conditions (>=, <=, ranges, growth, every year, trends, milestones, ratios), thresholds and
deadlines, Japanese titles and notes, fiscal years in era form and a sixth of the specs in calendar
years, some values still 集計中 or missing.  The same 10,000 targets are also written as ONE spec
(ids and indicator names made unique) with one data file holding every indicator.

Then it times whole processes, each run in a fresh process, the commands taking turns, and takes
the peak memory of the process tree (the sum of VmRSS of the process and its forked children,
sampled every 5 ms from /proc; on a system without /proc, the largest child's ru_maxrss):

- ``python -c "import lark, yaml"``: the floor, in the same run;
- ``tgtcheck run specs/ --format json`` over every CPU, and with ``TGTCHECK_JOBS=1``;
- ``tgtcheck run specs/`` (text) and ``--format sarif``, ``tgtcheck check specs/``;
- ``tgtcheck run one.tgt --format json`` (10,000 targets in one file), default and ``TGTCHECK_JOBS=1``.

It prints a Markdown table; docs/performance.md holds a copy with the machine it ran on.  It is a
benchmark, not a test: nothing fails when a figure is slow.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import child_env, machine  # noqa: E402  (benchmarks/run.py: the same environment and machine line)

VENV_BIN = Path(sys.executable).parent
TGTCHECK = VENV_BIN / "tgtcheck"

BUREAUS = ["01_科学技術", "02_道路", "03_健康", "04_環境", "05_雇用", "06_教育", "07_観光", "08_農業", "09_防災", "10_デジタル"]
THEMES = [  # (indicator, label, unit, kind, better, typical value)
    ("patents", "特許出願件数", "件", "count", "higher", 200),
    ("clusters", "知的クラスター数", "拠点", "count", "higher", 12),
    ("visitors", "訪日外国人旅行者数", "万人", "amount", "higher", 3000),
    ("budget", "研究開発費", "億円", "amount", "higher", 1800),
    ("employment", "就業率", "%", "percent", "higher", 72),
    ("smokers", "成人の喫煙率", "%", "percent", "lower", 18),
    ("deaths", "交通事故死者数", "人", "count", "lower", 3500),
    ("waiting", "待機児童数", "人", "count", "lower", 12000),
    ("emissions", "温室効果ガス排出量", "百万トン", "amount", "lower", 1200),
    ("broadband", "光回線の世帯カバー率", "%", "percent", "higher", 95),
]


def era(year: int, calendar: bool) -> str:
    if calendar:
        return str(year)
    return f"H{year - 1988}" if year < 2019 else ("R元" if year == 2019 else f"R{year - 2018}")


def spec_and_data(rng: random.Random, n: int, prefix: str, calendar: bool) -> tuple[str, str, str]:
    """(header, declarations and targets, data lines) of one policy measure of n targets."""
    base, due = rng.choice([(2013, 2022), (2015, 2025), (2016, 2024), (2018, 2027)])
    themes = rng.sample(THEMES, 6)
    decls, data, targets = [], [], []
    for name, label, unit, kind, better, typical in themes:
        ind = f"{prefix}{name}"
        bet = f" better {better}" if better == "lower" else ""
        decls.append(f'indicator {ind} "{label}" unit "{unit}"{bet}\n  note "※ {label}は{unit}単位。出典：各府省調べ。"')
        values = []
        v = typical * rng.uniform(0.8, 1.2)
        for y in range(base - 2, 2024):
            v *= rng.uniform(0.97, 1.06) if better == "higher" else rng.uniform(0.93, 1.02)
            shown = f"{v:.1f}" if kind != "count" else str(round(v))
            r = rng.random()
            values.append(f"{era(y, calendar) if not calendar else y}: " + ("集計中" if y == 2023 and r < 0.3 else "null" if r < 0.03 else shown))
        unit_line = ", unit: \"%\"" if unit == "%" else ""
        data.append(f"  {ind}: {{label: {label}{unit_line}, values: {{{', '.join(values)}}}}}")
    for i in range(n):
        name, label, unit, kind, better, typical = themes[i % len(themes)]
        ind = f"{prefix}{name}"
        pct = "%" if unit == "%" else ""
        op = ">=" if better == "higher" else "<="
        goal = typical * (rng.uniform(1.05, 1.5) if better == "higher" else rng.uniform(0.5, 0.95))
        goal_t = f"{goal:.1f}" if pct or kind == "amount" else f"{round(goal):,}"
        deadline = era(rng.randint(base + 3, due), calendar)
        shape = i % 7
        if shape == 0:
            cond = f"value({ind}) {op} {goal_t}{pct} by {deadline}"
            title = f"{deadline}までに{label}を{goal_t}{unit}{'以上' if op == '>=' else '以下'}にする"
        elif shape == 1:
            g = rng.choice([10, 20, 30, 50])
            sign = "" if better == "higher" else "-"
            cond = f"growth({ind}, {era(base, calendar)}) {op} about {sign}{g}% ± 3% by {deadline}"
            title = f"{deadline}までに{label}を{era(base, calendar)}比で{g}%程度{'増加' if sign == '' else '削減'}させる"
        elif shape == 2:
            lo, hi = sorted((typical * 0.9, goal))
            cond = f"value({ind}) between {lo:.1f}{pct} and {hi:.1f}{pct} by {deadline}"
            title = f"{label}を{lo:.1f}～{hi:.1f}{unit}の範囲に保つ"
        elif shape == 3:
            cond = f"value({ind}) {op} {typical * 0.7 if better == 'higher' else typical * 1.3:.1f}{pct} every year from {era(base + 1, calendar)}"
            title = f"{label}を毎年一定の水準に保つ"
        elif shape == 4:
            cond = f"{'increasing' if better == 'higher' else 'decreasing'}({ind}) by {deadline}"
            title = f"{label}を{'増加' if better == 'higher' else '減少'}させる"
        elif shape == 5:
            mid = era(base + 2, calendar)
            first = typical * (1.02 if better == "higher" else 0.98)
            cond = f"value({ind}) {op} {first:.1f}{pct} by {mid}, {goal:.1f}{pct} by {deadline}"
            title = f"{label}：{mid}に{first:.1f}{unit}、{deadline}に{goal:.1f}{unit}"
        else:
            cond = f"value({ind}) {op} {goal_t}{pct} by {deadline}\n  method {rng.choice(['linear', 'trend'])}"
            title = f"{deadline}までに{label}の目標（{goal_t}{unit}）を達成する（傾向で判定）"
        targets.append(f'target "{prefix}{i + 1}" "{title}"\n  {cond}')
    years = " years calendar" if calendar else ""
    header = f"base {era(base, calendar)} due {era(due, calendar)}{years}"
    return header, "\n".join(decls) + "\n\n" + "\n\n".join(targets) + "\n", "\n".join(data) + "\n"


def generate(root: Path, n_specs: int, n_targets: int) -> tuple[Path, Path]:
    """The folder of n_specs specs (each with its data) and one spec holding all of their targets."""
    rng = random.Random(15)
    specs = root / "specs"
    one_body, one_data = [], []
    for k in range(n_specs):
        bureau = BUREAUS[k % len(BUREAUS)]
        folder = specs / bureau
        folder.mkdir(parents=True, exist_ok=True)
        calendar = k % 6 == 5
        header, body, data = spec_and_data(rng, n_targets, "", calendar)
        pid = f"{k // len(BUREAUS) + 1}-{k % len(BUREAUS) + 1}"
        (folder / f"policy_{k:03d}.tgt").write_text(
            f'# 施策目標{pid}（自動生成、ベンチマーク用）\npolicy "{pid}" "{bureau[3:]}分野の施策{k}" {header} data "policy_{k:03d}.yaml"\n'
            f'  goal "{bureau[3:]}分野の政策目標を達成する"\n\n{body}', encoding="utf-8")
        (folder / f"policy_{k:03d}.yaml").write_text("indicators:\n" + data, encoding="utf-8")
        _, body1, data1 = spec_and_data(random.Random(k), n_targets, f"p{k}_", False)
        one_body.append(body1)
        one_data.append(data1)
    one = root / "one.tgt"
    one.write_text('policy "ALL" "全施策（一つのファイル）" base H25 due R9 data "one.yaml"\n\n' + "\n".join(one_body), encoding="utf-8")
    (root / "one.yaml").write_text("indicators:\n" + "".join(one_data), encoding="utf-8")
    return specs, one


# -- measuring --------------------------------------------------------------------------------------------------
def tree_rss_kb(pid: int) -> int:
    """VmRSS of pid and its descendants, in kB (0 when gone)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int]:
    """(seconds, peak MB of the process tree, exit code)."""
    peak = [0]
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    if os.path.exists("/proc/self/status"):
        sampler.start()
    code = proc.wait()
    elapsed = time.perf_counter() - start
    done.set()
    if sampler.is_alive():
        sampler.join()
    if not peak[0]:
        import resource

        peak[0] = int(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return elapsed, peak[0] / 1024, code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--specs", type=int, default=500)
    ap.add_argument("--targets", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="tgtcheck-portfolio-") as name:
        tmp = Path(name)
        specs, one = generate(tmp, args.specs, args.targets)
        env = child_env(tmp)
        one_process = {**env, "TGTCHECK_JOBS": "1"}
        n = args.specs * args.targets
        commands: dict[str, tuple[list[str], dict[str, str]]] = {
            'python -c "import lark, yaml"': ([sys.executable, "-c", "import lark, yaml"], env),
            f"run specs/ --format json ({args.specs} files, {n:,} targets)": ([str(TGTCHECK), "run", "specs", "--format", "json"], env),
            "same, TGTCHECK_JOBS=1": ([str(TGTCHECK), "run", "specs", "--format", "json"], one_process),
            "run specs/ (text)": ([str(TGTCHECK), "run", "specs"], env),
            "run specs/ --format sarif": ([str(TGTCHECK), "run", "specs", "--format", "sarif"], env),
            "check specs/": ([str(TGTCHECK), "check", "specs"], env),
            f"run one.tgt --format json (1 file, {n:,} targets)": ([str(TGTCHECK), "run", "one.tgt", "--format", "json"], env),
            "same, TGTCHECK_JOBS=1 ": ([str(TGTCHECK), "run", "one.tgt", "--format", "json"], one_process),
        }
        for command, run_env in commands.values():  # warm-up: bytecode compiled, files in the page cache
            measure(command, run_env, tmp)
        times: dict[str, list[float]] = {k: [] for k in commands}
        peaks: dict[str, list[float]] = {k: [] for k in commands}
        codes: dict[str, int] = {}
        for _ in range(args.runs):  # the commands take turns, so a busy moment of the machine is shared
            for key, (command, run_env) in commands.items():
                seconds, mb, code = measure(command, run_env, tmp)
                times[key].append(seconds)
                peaks[key].append(mb)
                codes[key] = code
        floor = statistics.median(times['python -c "import lark, yaml"'])
        print(f"{machine()}; {args.runs} runs each, medians; {args.specs} specs x {args.targets} targets\n")
        print("| command | exit | time (s) | x floor | peak memory of the process tree (MB) |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for key in commands:
            t = statistics.median(times[key])
            print(f"| `{key.strip()}` | {codes[key]} | {t:.3f} | {t / floor:.1f} | {max(peaks[key]):.0f} |")


if __name__ == "__main__":
    main()
