"""How fast an Excel workbook loads, with each reader considered: `.venv/bin/python benchmarks/xlsx.py`.

Writes (in a temporary directory, deleted afterwards) a workbook of 10,000 indicators x 20 years in
the sheet's wide layout (id, label, unit, then H1 … H20; integers, decimals, 集計中 and － mixed), then
times (CPU seconds of the process, imports included), each in a fresh process, best of --runs (default 3):

1. `tgtcheck.data.load.load_data` on it: openpyxl read-only + the XML scan for merged cells and formulas
   + the shared builder (what `tgtcheck run --data big.xlsx` pays);
2. openpyxl read-only alone: every row's values, nothing else;
3. python-calamine alone (when installed): every row's values;
4. the same table as CSV through `load_data`, for scale.
Prints a Markdown table; docs/performance.md holds a copy with the machine it ran on.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CODE = {
    "tgtcheck load_data (openpyxl)": "from tgtcheck.data.load import load_data; d, e = load_data(PATH); assert d is not None and not e, e",
    "openpyxl read-only, values only": (
        "import openpyxl; wb = openpyxl.load_workbook(PATH, read_only=True, data_only=True)\n"
        "n = sum(len(r) for ws in wb.worksheets for r in ws.iter_rows(values_only=True)); wb.close()"),
    "python-calamine, values only": (
        "import python_calamine as c; wb = c.CalamineWorkbook.from_path(PATH)\n"
        "n = sum(len(r) for s in wb.sheet_names for r in wb.get_sheet_by_name(s).to_python())"),
    "the same table as CSV: load_data": "from tgtcheck.data.load import load_data; d, e = load_data(CSV); assert d is not None and not e, e",
}


def write(folder: Path, indicators: int, years: int) -> tuple[Path, Path]:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("R3")
    header = ["indicator", "label", "unit", *(f"H{y}" for y in range(1, years + 1))]
    ws.append(header)
    lines = [",".join(header)]
    for i in range(indicators):
        values: list[object] = []
        for y in range(1, years + 1):
            k = (i * 7 + y) % 50
            values.append("集計中" if k == 0 else "－" if k == 1 else (i * 7 + y) % 1000 + (0.25 if k % 3 == 0 else 0))
        ws.append([f"ind{i}", f"指標{i}", "件", *values])
        lines.append(",".join([f"ind{i}", f"指標{i}", "件", *(str(v) for v in values)]))
    path = folder / "big.xlsx"
    wb.save(path)
    csv = folder / "big.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, csv


def best(code: str, path: Path, csv: Path, runs: int) -> float | None:
    # CPU time of the child (process_time): on a shared machine wall time mostly measures the neighbours
    script = f"import time; PATH = {str(path)!r}; CSV = {str(csv)!r}\nt = time.process_time()\n{code}\nprint(time.process_time() - t)\n"
    times = []
    for _ in range(runs):
        r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        if r.returncode != 0:
            if "ModuleNotFoundError" in r.stderr:
                return None
            raise SystemExit(r.stderr)
        times.append(float(r.stdout.strip().splitlines()[-1]))
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--indicators", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", help="run only the readers whose name contains this text")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        path, csv = write(Path(tmp), args.indicators, args.years)
        print(f"workbook: {args.indicators:,} indicators x {args.years} years, {path.stat().st_size / 2**20:.1f} MB, "
              f"written in {time.perf_counter() - start:.1f} s\n")
        print(f"| what | CPU seconds (best of {args.runs}) |")
        print("|---|---:|")
        for name, code in CODE.items():
            if args.only and args.only not in name:
                continue
            t = best(code, path, csv, args.runs)
            print(f"| {name} | {'not installed' if t is None else f'{t:.2f}'} |")


if __name__ == "__main__":
    main()
