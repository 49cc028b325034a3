"""Arrow in and out of midway.evaluate, against pyarrow's own conversion of the same dict, in one run.

On a synthetic caseload (--cases, default 130,000: about 5 million events), CPU time of the calling
process (time.process_time: user + sys), best of --repeat, single-threaded evaluate:

  out, midway    pa.RecordBatchReader.from_stream(result).read_all(): the result's Arrow stream
                 (numeric columns and the categoricals' codes exported without a copy)
  out, peer      pa.table(result): pyarrow's own conversion of the result as a dict of numpy
                 arrays and pandas.Categorical
  in, numpy      midway.evaluate(columns): the numpy mapping (event columns read in place)
  in, pyarrow    midway.evaluate(table): the events table, one row per event, one batch
  in, polars     midway.evaluate(polars DataFrame of that table)
  in, duckdb     midway.evaluate(duckdb relation over that table)

The "in" figures include evaluate itself; the difference from "in, numpy" is the cost of the
import (for DuckDB, also running its scan). Prints one line per figure and the ratios.

Usage: python benchmarks/bench_arrow.py [--cases 130000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from typing import Any, Callable

import midway


def best(f: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        f()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=130_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import duckdb
    import polars as pl
    import pyarrow as pa

    as_of = dt.date(2026, 11, 22)
    cols = midway.synthetic_columns(args.cases, seed=2026, as_of=as_of)
    result = midway.evaluate(cols, as_of=as_of)
    events = pa.RecordBatchReader.from_stream(cols).read_all()
    frame = pl.from_arrow(events)
    n_events = events.num_rows
    print(f"{args.cases:,} cases, {n_events:,} events; best of {args.repeat}, CPU seconds")
    out_midway = best(lambda: pa.RecordBatchReader.from_stream(result).read_all(), args.repeat)
    out_peer = best(lambda: pa.table(result), args.repeat)
    print(f"out, midway stream  {out_midway:.4f}")
    print(f"out, pa.table(dict) {out_peer:.4f}   peer/midway {out_peer / out_midway:.2f}")
    figures = {
        "numpy": best(lambda: midway.evaluate(cols, as_of=as_of), args.repeat),
        "pyarrow": best(lambda: midway.evaluate(events, as_of=as_of), args.repeat),
        "polars": best(lambda: midway.evaluate(frame, as_of=as_of), args.repeat),
        "duckdb": best(lambda: midway.evaluate(duckdb.from_arrow(events), as_of=as_of), args.repeat),
    }
    for name, t in figures.items():
        print(f"in, {name:<8} {t:.4f}   {t / figures['numpy']:.2f}x numpy   {t / n_events * 1e9:.1f} ns/event")


if __name__ == "__main__":
    main()
