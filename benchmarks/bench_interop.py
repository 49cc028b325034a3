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
  cin      midway.import_cin_census of the CIN census sample (tests/data/cin_census/CIN_Census_2026.xml)
           scaled --cin-copies times (default 5000; each copy's LAchildID suffixed "_<copy>"):
           the XML reader, the CP cases, every finding and the CIN validator rules

--before PYTHONPATH runs midway (and cin) a second time with another build of midway first
on the path (say, the build before a change), in the same run, labelled "before".

Each tool runs in a process of its own (so that its peak resident set is its own, and Polars'
thread count is set before it starts), interleaved, best of --repeat; each figure is the wall
time and the CPU time (user + sys, every thread) of the work, and the process's peak RSS. The
ratios are peer time / midway time (above 1: midway is faster).

Usage: python benchmarks/bench_interop.py [--copies 100] [--cin-copies 5000] [--repeat 3] [--threads 1,2]
       [--tools pandas,polars,midway,cin] [--before PYTHONPATH] [--json PATH]
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import midway

SAMPLE = Path(__file__).parents[1] / "tests" / "data" / "ssda903"
CIN_SAMPLE = Path(__file__).parents[1] / "tests" / "data" / "cin_census" / "CIN_Census_2026.xml"
CIN_FILE = "cin_census.xml"
TABLES = ("header.csv", "episodes.csv", "reviews.csv", "missing.csv")


def scale(text: str, copies: int) -> str:
    header, _, body = text.partition("\n")
    rows = [line.split(",", 1) for line in body.splitlines() if line]
    out = [header]
    for k in range(copies):
        out.extend(f"{child}_{k},{rest}" for child, rest in rows)
    return "\n".join(out) + "\n"


def scale_cin(text: str, copies: int) -> str:
    """The CIN census sample with its Child elements repeated `copies` times, LAchildID suffixed."""
    start, end = text.index("<Children>") + len("<Children>"), text.index("</Children>")
    children = text[start:end]
    body = "".join(re.sub(r"<LAchildID>([^<]*)</LAchildID>", rf"<LAchildID>\1_{k}</LAchildID>", children) for k in range(copies))
    return text[:start] + body + text[end:]


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

    elif tool == "cin":

        def work() -> None:
            result = midway.import_cin_census(folder / CIN_FILE)
            assert result.totals().read > 0
            del result

    else:

        def work() -> None:
            result = midway.import_ssda903(folder, threads=threads)
            assert result.totals().read > 0
            del result

    wall0, cpu0 = time.perf_counter(), time.process_time()
    work()
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {"wall_s": wall, "cpu_s": cpu, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def in_process(tool: str, folder: Path, threads: int, before: str | None = None) -> dict[str, float]:
    env = dict(os.environ, POLARS_MAX_THREADS=str(threads))
    if before is not None:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (before, env.get("PYTHONPATH", "")) if p)
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
    parser.add_argument("--cin-copies", type=int, default=5000)
    parser.add_argument("--tools", default="pandas,polars,midway,cin")
    parser.add_argument("--before", help="PYTHONPATH of another build of midway, run as well (labelled before)")
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
        if "cin" in tools:
            (folder / CIN_FILE).write_text(scale_cin(CIN_SAMPLE.read_text(), args.cin_copies))
        cin_mb = (folder / CIN_FILE).stat().st_size / 1e6 if "cin" in tools else 0.0
        runs: list[tuple[str, int]] = []
        for tool in tools:
            runs.extend((tool, t) for t in ([1] if tool in ("pandas", "cin") else thread_counts))
            if args.before and tool in ("midway", "cin"):
                runs.extend((tool + "_before", t) for t in ([1] if tool == "cin" else thread_counts))
        # Interleaved, so that a slow spell of the machine hits every tool alike.
        results: dict[tuple[str, int], list[dict[str, float]]] = {r: [] for r in runs}
        for _ in range(args.repeat):
            for tool, t in runs:
                before = tool.endswith("_before")
                results[(tool, t)].append(in_process(tool.removesuffix("_before"), folder, t, args.before if before else None))
        best_of = {
            r: {
                "wall_s": round(min(x["wall_s"] for x in v), 4),
                "cpu_s": round(min(x["cpu_s"] for x in v), 4),
                "peak_rss_mb": round(min(x["peak_rss_mb"] for x in v), 1),
            }
            for r, v in results.items()
        }

    print(f"SSDA903 x{args.copies}: {rows:,} rows (best of {args.repeat}; each tool in its own process)")
    if "cin" in tools:
        print(f"CIN census x{args.cin_copies}: {cin_mb:.1f} MB of XML")
    print(f"  {'tool':<53} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
    labels = {
        "pandas": "pandas.read_csv, 4 files, parse only",
        "polars": "Polars: parse, dates, join, sort",
        "midway": "midway.import_ssda903: everything",
        "cin": "midway.import_cin_census: everything",
    }
    for (tool, t), f in best_of.items():
        name = tool.removesuffix("_before")
        label = f"{labels[name]}{' [before]' if tool != name else ''} ({t} thread{'s' if t != 1 else ''})"
        print(f"  {label:<53} {f['wall_s']:8.3f} {f['cpu_s']:8.3f} {f['peak_rss_mb']:8.0f}")
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
    for tool in ("midway", "cin"):
        for t in thread_counts:
            now, then = best_of.get((tool, t)), best_of.get((tool + "_before", t))
            if now and then:
                ratios[f"{tool}_before_over_now_{t}_cpu"] = round(then["cpu_s"] / now["cpu_s"], 2)
                ratios[f"{tool}_before_over_now_{t}_peak"] = round(then["peak_rss_mb"] / now["peak_rss_mb"], 2)
                print(
                    f"  ratio {tool} before / now ({t} thr): cpu {then['cpu_s'] / now['cpu_s']:.2f}, "
                    f"peak {then['peak_rss_mb'] / now['peak_rss_mb']:.2f}"
                )
    figures: dict[str, Any] = {
        "copies": args.copies,
        "cin_copies": args.cin_copies,
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
