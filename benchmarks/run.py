"""How fast tgtcheck is on large specs and data: `.venv/bin/python benchmarks/run.py`.

Generates, in a temporary directory that is deleted afterwards (never
committed): specs of 1,000, 10,000 and 100,000 targets, each with its data
(benchmarks/generate.py: varied kinds of target, thresholds, indicators and
Japanese titles, as a ministry's sheets mix them, seeded), and data
files of 10,000 indicators x 20 years as YAML, JSON and CSV.  Then it measures

1. each stage (read + parse, check, data load, evaluation, JSON output) in a
   fresh process per size, one after the other (the cyclic GC paused, as
   `tgtcheck run` does), with the peak resident memory after each stage; then
   evaluation + JSON output the way `tgtcheck run --format json` does them
   (target by target, half of them in a forked process);
2. loading the large data files (fresh process each);
3. whole `tgtcheck` processes with hyperfine when it is installed (else
   repeated subprocess timing): `run --format json` on each spec with Lark's
   grammar cache warm and cold (cache file removed before every run), and
   `run spec/policy_6_2.tgt` against `python -c "import lark, yaml"`, and
   the 10,000-target run in one process (TGTCHECK_JOBS=1).  A well-formed
   spec never builds Lark's tables (descent.py), so "cache removed" is the
   same run with no cache of any earlier run.

Processes get compiled bytecode (``PYTHONPYCACHEPREFIX`` in the temp dir,
``PYTHONDONTWRITEBYTECODE`` unset) and their own grammar cache directory
(``XDG_CACHE_HOME``), as an installed tgtcheck has.  Prints Markdown tables;
docs/performance.md holds a copy with the machine it ran on.

Options: --sizes 1000,10000 (fewer sizes), --runs N (hyperfine runs, default 5),
--no-processes (stages only).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import policy  # noqa: E402 - the benchmarks' own generator, beside this file

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec" / "policy_6_2.tgt"
VENV_BIN = Path(sys.executable).parent
TGTCHECK = VENV_BIN / "tgtcheck"

# -- generated inputs ------------------------------------------------------------------------


def make_spec(n: int, path: Path) -> None:
    """A varied policy of n targets (generate.py: every kind of target, Japanese titles) and its data beside it."""
    spec, data = policy(n, seed=n, data_file=path.with_suffix(".yaml").name)
    path.write_text(spec, encoding="utf-8")
    path.with_suffix(".yaml").write_text(data, encoding="utf-8")


def make_data(n_indicators: int, n_years: int, folder: Path) -> dict[str, Path]:
    """n indicators x n_years yearly values (H1 …), as YAML, JSON and CSV with the same content."""
    years = [f"H{y}" for y in range(1, n_years + 1)]
    rows = [(f"indicator_{i}", [(i * 7 + y * 13) % 100_000 for y in range(n_years)]) for i in range(n_indicators)]
    paths = {"yaml": folder / "big.yaml", "json": folder / "big.json", "csv": folder / "big.csv"}
    with paths["yaml"].open("w", encoding="utf-8") as f:
        f.write("indicators:\n")
        for name, values in rows:
            f.write(f"  {name}:\n    label: 指標 {name}\n    unit: 件\n    kind: count\n    values: {{")
            f.write(", ".join(f"{y}: {v}" for y, v in zip(years, values, strict=True)) + "}\n")
    doc = {"indicators": {name: {"label": f"指標 {name}", "unit": "件", "kind": "count", "values": dict(zip(years, values, strict=True))}
                          for name, values in rows}}
    paths["json"].write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    with paths["csv"].open("w", encoding="utf-8") as f:
        f.write("indicator,label,unit,kind," + ",".join(years) + "\n")
        for name, values in rows:
            f.write(f"{name},指標 {name},件,count," + ",".join(map(str, values)) + "\n")
    return paths


# -- stages, in a child process --------------------------------------------------------------
STAGES = r'''
import json, resource, sys, time
from tgtcheck.core.gcpause import paused

def rss_mb():
    # VmHWM: this process's peak since exec (ru_maxrss would carry over the parent's peak on Linux)
    try:
        with open("/proc/self/status") as f:
            return next(int(ln.split()[1]) for ln in f if ln.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

spec_file, data_file = sys.argv[1], sys.argv[2]
out = {}
t0 = time.perf_counter()
from tgtcheck.judging.assessment import assess
from tgtcheck.analysis.check import check
from tgtcheck.data.load import load_data
from tgtcheck.judging.evaluate import evaluate
from tgtcheck.formats import Options
from tgtcheck.formats.json_format import render_pieces, render_run, target_piece
from tgtcheck.language.parser import parse_file
from tgtcheck.pipeline import Loaded, RunResult, run_pieces
out["start-up"] = (time.perf_counter() - t0, rss_mb())

def stage(name, fn):
    t = time.perf_counter()
    value = fn()
    out[name] = (time.perf_counter() - t, rss_mb())
    return value

with paused():  # as `tgtcheck run` does (commands/run.py)
    spec, diags, text = stage("read + parse", lambda: parse_file(spec_file))
    assert spec is not None and not diags, diags
    diags = stage("check", lambda: check(spec, spec_file))
    assert not diags, diags[:3]
    data, data_diags = stage("data load", lambda: load_data(data_file))
    assert data is not None, data_diags[:3]
    as_of = data.latest_year()
    verdicts = stage("evaluation", lambda: evaluate(spec, data, as_of))
    loaded = Loaded(spec_file, spec, text, data, data_file)
    result = RunResult(loaded, as_of, verdicts, assess(verdicts, as_of, spec.policy.due.value))
    doc = stage("JSON output", lambda: render_run(result, Options()))
    del result, verdicts
    # as `tgtcheck run --format json` does them: each target judged and written at once, in two processes
    pieces = stage("both, as run", lambda: render_pieces(run_pieces(loaded, as_of, lambda v: target_piece(v, Options(), spec_file)), Options()))
    assert pieces == doc
    out["targets"] = len(spec.targets)
    out["json_mb"] = len(doc.encode("utf-8")) / 2**20
print(json.dumps(out))
'''

DATA_LOAD = r'''
import json, resource, sys, time
t = time.perf_counter()
from tgtcheck.data.load import load_data
imported = time.perf_counter() - t
t = time.perf_counter()
data, diags = load_data(sys.argv[1])
seconds = time.perf_counter() - t
assert data is not None and not diags, diags[:3]
cells = sum(len(s.cells) for s in data.series.values())
try:
    with open("/proc/self/status") as f:
        rss = next(int(ln.split()[1]) for ln in f if ln.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "import": imported, "cells": cells, "indicators": len(data.series), "rss_mb": rss}))
'''


def child_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    env["XDG_CACHE_HOME"] = str(tmp / "cache")
    return env


def run_child(code: str, args: list[str], env: dict[str, str]) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=3600, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# -- whole processes ----------------------------------------------------------------------------
def time_commands(commands: dict[str, str], runs: int, env: dict[str, str], tmp: Path, prepare: str | None = None) -> dict[str, dict[str, float]]:
    """{name: {mean, min, user, system}} in seconds, by hyperfine or by repeated subprocess timing."""
    if shutil.which("hyperfine"):
        export = tmp / "hyperfine.json"
        cmd = ["hyperfine", "-i", "--warmup", "1", "--runs", str(runs), "--export-json", str(export), "--output=null", "-N"]
        # -i: a spec with a target not met exits 1, and that is a result, not a failure
        if prepare:
            cmd = [c for c in cmd if c != "-N"] + ["--prepare", prepare]
        for name, command in commands.items():
            cmd += ["--command-name", name, command]
        subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
        results = json.loads(export.read_text())["results"]
        return {r["command"]: {"mean": r["mean"], "min": r["min"], "user": r["user"], "system": r["system"]} for r in results}
    out = {}
    for name, command in commands.items():
        times, cpu = [], []
        for i in range(runs + 1):
            if prepare:
                subprocess.run(prepare, shell=True, env=env, check=True)
            before = os.times()
            t = time.perf_counter()
            subprocess.run(command, shell=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            elapsed = time.perf_counter() - t
            after = os.times()
            if i:  # the first run warms up
                times.append(elapsed)
                cpu.append((after.children_user - before.children_user, after.children_system - before.children_system))
        out[name] = {"mean": statistics.mean(times), "min": min(times),
                     "user": statistics.mean(c[0] for c in cpu), "system": statistics.mean(c[1] for c in cpu)}
    return out


# -- report ---------------------------------------------------------------------------------------
def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    import lark

    return (f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, lark {lark.__version__}, "
            f"load average {load:.2f} at start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-processes", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"# tgtcheck benchmark\n\n`{' '.join([Path(sys.executable).name, *sys.argv])}` on {machine()}\n")
    with tempfile.TemporaryDirectory(prefix="tgtcheck-bench-") as name:
        tmp = Path(name)
        env = child_env(tmp)
        specs = {}
        for n in sizes:
            specs[n] = tmp / f"targets_{n}.tgt"
            make_spec(n, specs[n])
        subprocess.run([str(TGTCHECK), "run", str(SPEC)], env=env, capture_output=True, check=False)  # bytecode and grammar cache

        print("## Stages (one fresh process per size): seconds, and the process's peak memory (RSS) after the stage\n")
        names = ["read + parse", "check", "data load", "evaluation", "JSON output"]
        print("| targets | spec MB | start-up | " + " | ".join(names) + " | total (no start-up) | evaluation + JSON as `run` does them |")
        print("|---:|---:|---:|" + "---:|" * len(names) + "---:|---:|")
        totals = {}
        for n in sizes:
            r = run_child(STAGES, [str(specs[n]), str(specs[n].with_suffix(".yaml"))], env)
            totals[n] = sum(r[s][0] for s in names)  # type: ignore[index]
            cells = " | ".join(f"{r[s][0]:.3f} s, {r[s][1]:.0f} MB" for s in names)  # type: ignore[index]
            print(f"| {n:,} | {specs[n].stat().st_size / 2**20:.1f} | {r['start-up'][0]:.3f} s, {r['start-up'][1]:.0f} MB | "  # type: ignore[index]
                  f"{cells} | {totals[n]:.3f} s | {r['both, as run'][0]:.3f} s |")  # type: ignore[index]
        print("\nThe stages run one after the other in one process; `tgtcheck run --format json` judges and writes "
              "each target at once, the second half in a forked process (`parallel.py`): the last column.")
        if 10_000 in totals and 100_000 in totals:
            print(f"\ntime(100,000) / time(10,000) = {totals[100_000] / totals[10_000]:.1f} (target: at most 12)")

        print("\n## Data at scale: 10,000 indicators x 20 years (fresh process each)\n")
        print("| format | file MB | load + validate | peak RSS |")
        print("|---|---:|---:|---:|")
        for fmt, path in make_data(10_000, 20, tmp).items():
            r = run_child(DATA_LOAD, [str(path)], env)
            assert r["cells"] == 200_000, r
            loader = "libyaml C loader" if fmt == "yaml" else fmt.upper()
            print(f"| {loader} | {path.stat().st_size / 2**20:.1f} | {r['seconds']:.3f} s | {r['rss_mb']:.0f} MB |")

        if args.no_processes:
            return
        print(f"\n## Whole processes ({'hyperfine' if shutil.which('hyperfine') else 'subprocess timing'}, {args.runs} runs; seconds)\n")
        cache = tmp / "cache" / "tgtcheck"
        warm = {f"run {n:,}": f"{TGTCHECK} run {specs[n]} --format json" for n in sizes}
        if 10_000 in sizes:
            warm["run 10,000, one process (TGTCHECK_JOBS=1)"] = f"env TGTCHECK_JOBS=1 {TGTCHECK} run {specs[10_000]} --format json"
        warm["run 6-2"] = f"{TGTCHECK} run {SPEC}"
        warm["python -c 'import lark, yaml'"] = f"{sys.executable} -c 'import lark, yaml'"
        hot = time_commands(warm, args.runs, env, tmp)
        cold_cmds = {f"run {n:,}": f"{TGTCHECK} run {specs[n]} --format json" for n in sizes if n <= 10_000}
        cold_cmds["run 6-2"] = f"{TGTCHECK} run {SPEC}"
        cold = time_commands(cold_cmds, args.runs, env, tmp, prepare=f"rm -rf {cache}")
        print("| command | mean (grammar cache warm) | user + sys CPU | mean (cache removed) |")
        print("|---|---:|---:|---:|")
        for name, r in hot.items():
            c = cold.get(name)
            cold_text = f"{c['mean']:.3f}" if c else "–"
            print(f"| `{name}` | {r['mean']:.3f} | {r['user'] + r['system']:.3f} | {cold_text} |")
        base = hot["python -c 'import lark, yaml'"]["mean"]
        print(f"\n`tgtcheck run spec/policy_6_2.tgt` / `python -c 'import lark, yaml'` = {hot['run 6-2']['mean'] / base:.2f} "
              "(target: under 3)")
        if "run 10,000" in hot and "run 100,000" in hot:
            print(f"whole process, time(100,000) / time(10,000) = {hot['run 100,000']['mean'] / hot['run 10,000']['mean']:.1f}")


if __name__ == "__main__":
    main()
