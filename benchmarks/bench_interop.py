"""midway's SSDA903 load against pandas.read_csv on the same files, in one run.

Writes the SSDA903 sample (tests/data/ssda903: header, episodes, reviews, missing) scaled
--copies times (default 100: 505,000 episodes, 1,258,200 reviews; each copy's CHILD ids
suffixed "_<copy>") to a temporary directory, then times, best of --repeat runs with
time.perf_counter:

  pandas   pandas.read_csv of the four files (parsing only: no date parsing, no join, no checks)
  midway   midway.import_ssda903(dir, threads=T) for each T of --threads: the CSV reader,
           dd/mm/yyyy dates, periods of care, LAC cases with their events, every finding, and
           the validator rules 166/167/440/441; the result is freed inside the timing, as
           pandas' frames are

and prints each with the ratio pandas time / midway time (above 1: midway is faster).
pandas.read_csv runs on one thread.

Usage: python benchmarks/bench_interop.py [--copies 100] [--repeat 3] [--threads 1,2] [--json PATH]
"""

from __future__ import annotations

import argparse
import importlib
import json
import tempfile
import time
from collections.abc import Callable
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


def best(repeat: int, run: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts for midway")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    pd: Any = importlib.import_module("pandas")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in TABLES:
            (folder / name).write_text(scale((SAMPLE / name).read_text(), args.copies))
        rows = sum(len(pd.read_csv(folder / name)) for name in TABLES)

        def with_pandas() -> None:
            for name in TABLES:
                pd.read_csv(folder / name)

        def with_midway(threads: int) -> None:
            result = midway.import_ssda903(folder, threads=threads)
            assert result.totals().read == rows, (result.totals().read, rows)

        thread_counts = [int(t) for t in args.threads.split(",")]
        # Interleaved, so that a slow spell of the machine hits both tools alike.
        pandas_runs: list[float] = []
        midway_runs: dict[int, list[float]] = {t: [] for t in thread_counts}
        for _ in range(args.repeat):
            pandas_runs.append(best(1, with_pandas))
            for t in thread_counts:
                midway_runs[t].append(best(1, lambda: with_midway(t)))
        pandas_s = min(pandas_runs)
        midway_s = {t: min(runs) for t, runs in midway_runs.items()}

    figures: dict[str, Any] = {
        "copies": args.copies,
        "rows": rows,
        "pandas_read_csv_s": round(pandas_s, 4),
        "midway_import_s": {str(t): round(s, 4) for t, s in midway_s.items()},
        "ratio_pandas_over_midway": {str(t): round(pandas_s / s, 2) for t, s in midway_s.items()},
        "pandas": pd.__version__,
        "midway": midway.__version__,
    }
    print(f"SSDA903 x{args.copies}: {rows:,} rows (best of {args.repeat})")
    print(f"  pandas.read_csv (4 files, parse only, 1 thread)        {pandas_s:8.3f} s")
    for t, s in midway_s.items():
        label = f"midway.import_ssda903 (parse, join, checks, {t} thread{'s' if t != 1 else ''})"
        print(f"  {label:<54} {s:8.3f} s   ratio pandas / midway {pandas_s / s:5.2f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
