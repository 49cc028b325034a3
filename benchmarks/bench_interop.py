"""midway's SSDA903 load against pandas.read_csv on the same files, in one run.

Writes the SSDA903 sample (tests/data/ssda903: header, episodes, reviews, missing) scaled
--copies times (default 100: 505,000 episodes, 1,258,200 reviews; each copy's CHILD ids
suffixed "_<copy>") to a temporary directory, then times, best of --repeat runs with
time.perf_counter:

  pandas   pandas.read_csv of the four files (parsing only: no date parsing, no join, no checks),
           in pandas' default configuration (with pyarrow installed: pyarrow-backed strings)
  polars   Polars (POLARS_MAX_THREADS=T), lazy: read the four files (the columns midway reads),
           parse the dd/mm/yyyy dates, join reviews to episodes on CHILD and sort by CHILD and
           dates (issue 14's peer pipeline)
  midway   midway.import_ssda903(dir, threads=T) for each T of --threads: the CSV reader,
           dd/mm/yyyy dates, periods of care, LAC cases with their events, every finding, and
           the validator rules 166/167/440/441; the result is freed inside the timing, as
           pandas' frames are

Each tool runs in a process of its own (so that its peak resident set is its own, and Polars'
thread count is set before it starts), interleaved, best of --repeat; each figure is the wall
time and the CPU time (user + sys, every thread) of the work, and the process's peak RSS. The
ratios are peer time / midway time (above 1: midway is faster).

Usage: python benchmarks/bench_interop.py [--copies 100] [--repeat 3] [--threads 1,2] [--tools pandas,polars,midway] [--json PATH]
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import midway

SAMPLE = Path(__file__).parents[1] / "tests" / "data" / "ssda903"
TABLES = ("header.csv", "episodes.csv", "reviews.csv", "missing.csv")


def scale(text: str, copies: int) -> str:
    header, _, body = text.partition("\n")
    rows = [line.split(",", 1) for line in body.splitlines() if line]
    out = [header]
    for k in range(copies):
        out.extend(f"{child}_{k},{rest}" for child, rest in rows)
    return "\n".join(out) + "\n"


def polars_pipeline(folder: Path) -> int:
    """The Polars peer: parse the four files (the columns midway reads), parse the dates, join
    reviews to episodes on CHILD, sort by child and dates; lazy, so Polars plans it as a whole."""
    pl: Any = importlib.import_module("polars")

    def scan(name: str, columns: list[str]) -> Any:
        return pl.scan_csv(folder / name, infer_schema=False).select(columns)

    def dates(*names: str) -> list[Any]:
        return [pl.col(n).str.to_date("%d/%m/%Y", strict=False) for n in names]

    episodes = scan("episodes.csv", ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "DEC", "REC"]).with_columns(dates("DECOM", "DEC"))
    reviews = scan("reviews.csv", ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]).with_columns(dates("DOB", "REVIEW"))
    header = scan("header.csv", ["CHILD", "DOB"]).with_columns(dates("DOB"))
    missing = scan("missing.csv", ["CHILD", "MISSING", "MIS_START", "MIS_END"]).with_columns(dates("MIS_START", "MIS_END"))
    joined = reviews.join(episodes, on="CHILD", how="inner").sort(["CHILD", "DECOM", "REVIEW"])
    frames = pl.collect_all([joined, header, missing])
    return sum(int(f.height) for f in frames)


def run_tool(tool: str, folder: Path, threads: int) -> dict[str, float]:
    """One run of `tool` in this process: wall and CPU seconds of the work, and peak RSS (MB)."""
    if tool == "pandas":
        pd: Any = importlib.import_module("pandas")

        def work() -> None:
            for name in TABLES:
                pd.read_csv(folder / name)

    elif tool == "polars":
        importlib.import_module("polars")

        def work() -> None:
            polars_pipeline(folder)

    else:

        def work() -> None:
            result = midway.import_ssda903(folder, threads=threads)
            assert result.totals().read > 0
            del result

    wall0, cpu0 = time.perf_counter(), time.process_time()
    work()
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {"wall_s": wall, "cpu_s": cpu, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def in_process(tool: str, folder: Path, threads: int) -> dict[str, float]:
    env = dict(os.environ, POLARS_MAX_THREADS=str(threads))
    out = subprocess.run(
        [sys.executable, __file__, "--run-one", tool, "--dir", str(folder), "--threads", str(threads)],
        capture_output=True, text=True, env=env, check=True,
    )
    figures: dict[str, float] = json.loads(out.stdout)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts for midway and Polars")
    parser.add_argument("--tools", default="pandas,polars,midway")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--run-one", help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_one:
        print(json.dumps(run_tool(args.run_one, args.dir, int(args.threads))))
        return 0
    tools = args.tools.split(",")
    thread_counts = [int(t) for t in args.threads.split(",")]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in TABLES:
            (folder / name).write_text(scale((SAMPLE / name).read_text(), args.copies))
        rows = sum(max(0, (folder / name).read_text().count("\n") - 1) for name in TABLES)
        runs: list[tuple[str, int]] = []
        for tool in tools:
            runs.extend((tool, t) for t in ([1] if tool == "pandas" else thread_counts))
        # Interleaved, so that a slow spell of the machine hits every tool alike.
        results: dict[tuple[str, int], list[dict[str, float]]] = {r: [] for r in runs}
        for _ in range(args.repeat):
            for tool, t in runs:
                results[(tool, t)].append(in_process(tool, folder, t))
        best_of = {
            r: {
                "wall_s": round(min(x["wall_s"] for x in v), 4),
                "cpu_s": round(min(x["cpu_s"] for x in v), 4),
                "peak_rss_mb": round(min(x["peak_rss_mb"] for x in v), 1),
            }
            for r, v in results.items()
        }

    print(f"SSDA903 x{args.copies}: {rows:,} rows (best of {args.repeat}; each tool in its own process)")
    print(f"  {'tool':<44} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
    labels = {
        "pandas": "pandas.read_csv, 4 files, parse only",
        "polars": "Polars: parse, dates, join, sort",
        "midway": "midway.import_ssda903: everything",
    }
    for (tool, t), f in best_of.items():
        label = f"{labels[tool]} ({t} thread{'s' if t != 1 else ''})"
        print(f"  {label:<44} {f['wall_s']:8.3f} {f['cpu_s']:8.3f} {f['peak_rss_mb']:8.0f}")
    ratios: dict[str, float] = {}
    for t in thread_counts:
        m = best_of.get(("midway", t))
        if not m:
            continue
        for peer in ("pandas", "polars"):
            p = best_of.get((peer, 1 if peer == "pandas" else t))
            if p:
                ratios[f"{peer}_over_midway_{t}_wall"] = round(p["wall_s"] / m["wall_s"], 2)
                ratios[f"{peer}_over_midway_{t}_cpu"] = round(p["cpu_s"] / m["cpu_s"], 2)
                print(
                    f"  ratio {peer} ({1 if peer == 'pandas' else t} thr) / midway ({t} thr): "
                    f"wall {p['wall_s'] / m['wall_s']:.2f}, cpu {p['cpu_s'] / m['cpu_s']:.2f}"
                )
    figures: dict[str, Any] = {
        "copies": args.copies,
        "rows": rows,
        "results": {f"{tool}_{t}": f for (tool, t), f in best_of.items()},
        "ratios": ratios,
        "midway": midway.__version__,
    }
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
