"""Breakdowns at the scale of an ordinary sheet: `.venv/bin/python benchmarks/breakdowns.py`.

Generates, in a temporary directory deleted afterwards (never committed), a varied spec of 50 targets over
50 indicators broken down by 50 regions (47 prefectures and 3 cities, Japanese names), 20 years each, plus a
per-region target series: `for each prefecture` targets (comparisons, ranges, growth, a target read from the
data), `for at least N of prefecture` counts, and targets on one key; values with 集計中, －, empty cells and
keys missing from some indicators.  The data is written as YAML and as a long CSV.

Then it times whole processes (fresh each run, median of --runs): `tgtcheck run` (text), `run --format json`,
`run --keys` (every key printed), `check`, for both data files, and the floor `python -c "import lark, yaml"`
measured in the same run, and prints each as seconds and as a ratio to the floor, with the peak memory.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
TGTCHECK = VENV_BIN / "tgtcheck"

PREFECTURES = [
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県",
    "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄県", "札幌市", "仙台市", "福岡市",
]
TOPICS = ("特定健診受診率", "がん検診受診率", "就業率", "待機児童数", "救急搬送時間", "再生可能エネルギー比率", "自殺死亡率", "空き家率",
          "交通事故死者数", "学力調査正答率")
YEARS = range(2005, 2025)  # 20 calendar years


def make(folder: Path, n_targets: int, n_regions: int, seed: int = 15) -> tuple[Path, Path, Path]:
    rng = random.Random(seed)
    regions = PREFECTURES[:n_regions]
    indicators = [f"ind_{i:02d}" for i in range(n_targets)]
    data: dict[str, dict[str, dict[int, str]]] = {}
    for ind in indicators:
        level, slope = rng.uniform(20, 80), rng.uniform(-0.8, 1.5)
        per: dict[str, dict[int, str]] = {}
        for r in regions:
            if rng.random() < 0.02:  # a key this indicator does not have
                continue
            shift = rng.uniform(-15, 15)
            row: dict[int, str] = {}
            for k, y in enumerate(YEARS):
                x = rng.random()
                row[y] = "集計中" if y == YEARS[-1] and x < 0.08 else "－" if k < 2 and x < 0.05 else "" if x < 0.01 else \
                    f"{max(0.0, level + shift + slope * k + rng.uniform(-2, 2)):.1f}"
            per[r] = row
        data[ind] = per
    goals = {r: {2015: f"{rng.uniform(40, 90):.1f}"} for r in regions}  # the regions' own targets, set in 2015
    yaml_path, csv_path, spec_path = folder / "data.yaml", folder / "data.csv", folder / "spec.tgt"
    with yaml_path.open("w", encoding="utf-8") as f:
        f.write("indicators:\n")
        for i, ind in enumerate(indicators):
            f.write(f"  {ind}:\n    label: {TOPICS[i % len(TOPICS)]}（{i}）\n    unit: \"%\"\n    kind: percent\n    by:\n      prefecture:\n")
            for r, row in data[ind].items():
                f.write(f"        {r}: {{" + ", ".join(f"{y}: {v if v else 'null'}" for y, v in row.items()) + "}\n")
        f.write("  regional_goal:\n    unit: \"%\"\n    kind: percent\n    by:\n      prefecture:\n")
        for r, row in goals.items():
            f.write(f"        {r}: {{2015: {row[2015]}}}\n")
    with csv_path.open("w", encoding="utf-8") as f:
        f.write("indicator,unit,kind,prefecture,year,value\n")
        for ind in indicators:
            for r, row in data[ind].items():
                for y, v in row.items():
                    f.write(f"{ind},%,percent,{r},{y},{v}\n")
        for r, row in goals.items():
            f.write(f"regional_goal,%,percent,{r},2015,{row[2015]}\n")
    with spec_path.open("w", encoding="utf-8") as f:
        f.write('policy "BENCH" "都道府県別の目標（ベンチマーク）" base 2010 due 2030 data "data.yaml" years calendar\n\n')
        for i, ind in enumerate(indicators):
            f.write(f'indicator {ind} "{TOPICS[i % len(TOPICS)]}（{i}）" unit "%"\n')
        f.write('indicator regional_goal "都道府県の目標値" unit "%"\n\n')
        for i, ind in enumerate(indicators):
            t = rng.uniform(30, 85)
            kind = i % 5
            title = f"{TOPICS[i % len(TOPICS)]}の目標 {i}"
            if kind == 0:
                cond = f"value({ind}) >= {t:.1f}% by 2030\n  for each prefecture"
            elif kind == 1:
                cond = f"value({ind}) between {t - 10:.1f}% and {t + 5:.1f}% by 2028 better higher\n  for at least {rng.randint(10, 45)} of prefecture"
            elif kind == 2:
                cond = f"growth({ind}, 2010) >= {rng.randint(5, 30)}% by 2030\n  for each prefecture"
            elif kind == 3:
                cond = f"value({ind}) >= value(regional_goal, 2015) by 2030\n  for at least {rng.randint(20, 40)} of prefecture"
            else:
                cond = f"value({ind}[prefecture=\"{rng.choice(regions)}\"]) <= {t:.1f}% by 2030"
            f.write(f'target "T{i:02d}" "{title}"\n  {cond}\n\n')
    return spec_path, yaml_path, csv_path


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """(median seconds, peak resident MB of the children) of ``runs`` fresh processes."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - t)
        assert proc.returncode in (0, 1), (cmd, proc.stderr[:2000])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--targets", type=int, default=50)
    ap.add_argument("--regions", type=int, default=50)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        spec, yaml_path, csv_path = make(folder, args.targets, args.regions)
        env_note = f"{args.targets} targets x {args.regions} regions x {len(YEARS)} years"
        floor, _ = timed([sys.executable, "-c", "import lark, yaml"], args.runs)
        rows = [("python -c \"import lark, yaml\" (floor)", floor, None)]
        for label, cmd in (
            ("run (text), YAML data", [str(TGTCHECK), "run", str(spec)]),
            ("run --keys (every key printed)", [str(TGTCHECK), "run", str(spec), "--keys"]),
            ("run --format json", [str(TGTCHECK), "run", str(spec), "--format", "json"]),
            ("run (text), long CSV data", [str(TGTCHECK), "run", str(spec), "--data", str(csv_path)]),
            ("check", [str(TGTCHECK), "check", str(spec)]),
        ):
            seconds, peak = timed(cmd, args.runs)
            rows.append((label, seconds, peak))
        print(f"### Breakdowns: {env_note} ({os.cpu_count()} cores, Python {sys.version.split()[0]}, median of {args.runs})\n")
        print("| command | seconds | × floor | peak MB (children so far) |")
        print("| --- | ---: | ---: | ---: |")
        for label, seconds, peak in rows:
            print(f"| {label} | {seconds:.2f} | {seconds / floor:.1f} | {'' if peak is None else f'{peak:.0f}'} |")
        print(f"\ndata: {yaml_path.stat().st_size / 2**20:.1f} MB YAML, {csv_path.stat().st_size / 2**20:.1f} MB CSV")


if __name__ == "__main__":
    main()
