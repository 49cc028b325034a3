"""midway's bulk evaluation against Polars, pandas and DuckDB peers, checked case by case, then timed.

Needs (besides midway and numpy): polars, duckdb, pyarrow, pandas (3.x). Install them with
    python3 -m pip install polars duckdb pyarrow "pandas>=3"
The script exits with status 2 naming any that is missing.

Builds the England-size synthetic caseload (midway.synthetic_columns(130000, seed=2026, as_of=2026-11-22):
about 5 million events, fully synthetic, docs/bulk.md) as columns, with event_date and event_other_date as int32
days since 1970 (no date: -2**31; converted once, before anything is timed, and the same columns go to every tool:
midway.evaluate reads them in place), then for each peer (benchmarks/peers/):

  polars  lazy, staged queries (filter, group_by first/last, shift over the case, joins);
  pandas  the same stages with boolean masks, groupby and merges (default configuration; with pyarrow
          installed pandas 3 keeps its strings as pyarrow-backed `str`);
  duckdb  one SQL query of staged CTEs and window functions over the columns handed over as Arrow;
  numpy   plain numpy on the event columns (grouped by case, in date order): first/last per case from the
          boundaries of a masked selection, the previous event by a shifted copy, bincount, searchsorted;

computes per case, under the England policy and the GOV.UK England-and-Wales bank holidays
(tests/data/govuk-bank-holidays.json), all 13 of midway.evaluate's result columns besides the ids:
review_item, review_due, review_status, midway_due, midway_status, visit_due, visit_status, core_group_due,
core_group_status, visit_gaps, core_group_gaps, findings and finding_rules (the drift rules that the
synthetic caseload can raise: overdue items, gaps, no plan update, no management oversight, risk not
responded, plan open 18 months / 2 years, midway date not set). Every peer looks its due dates up in one table per period,
computed once per calendar day of the caseload's span with numpy.busday_offset (benchmarks/peers/common.py);
that table is built inside the timed run.

Before any time is measured each peer's answer is compared with midway.evaluate(columns, as_of=...,
threads=1) on every case and every covered column; on a difference the script prints the first differing
case, its events and both answers, and exits with status 1.

Times are the best of --repeat runs, by CPU time (time.process_time) and by wall time (time.perf_counter), of the whole call: from the numpy columns to the
result (midway: the dict of numpy arrays; Polars: a DataFrame; pandas: a DataFrame; DuckDB: an Arrow table;
numpy: a dict of arrays). Each peer runs in its own process once per thread count, so that the thread
count can be set before the library is imported: POLARS_MAX_THREADS=N, DuckDB `SET threads=N`, midway
threads=N. pandas and numpy are single-threaded: they run once and appear under 1 thread only.

Usage: python3 benchmarks/bench_peers.py [--cases 130000] [--seed 2026] [--repeat 3]
                                         [--peers polars,pandas,duckdb,numpy] [--threads 1,2] [--json PATH]
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Final

HERE: Final = Path(__file__).resolve().parent
REQUIRED: Final = {"polars": "polars", "duckdb": "duckdb", "pyarrow": "pyarrow", "pandas": "pandas>=3", "numpy": "numpy"}
PEERS: Final = ("polars", "pandas", "duckdb", "numpy")
THREADED: Final = {"midway", "polars", "duckdb"}
AS_OF: Final = "2026-11-22"  # as bench_bulk.py
from timing import best_wall_and_cpu



def missing_packages() -> list[str]:
    return [spec for module, spec in REQUIRED.items() if importlib.util.find_spec(module) is None]



def import_midway() -> Any:
    """midway, waiting for a reinstall in progress (the module can be missing for a few seconds)."""
    for attempt in range(6):
        try:
            return importlib.import_module("midway")
        except ImportError:
            if attempt == 5:
                raise
            time.sleep(20)
    raise AssertionError


# ---------------------------------------------------------------- worker: one peer, one thread count
def worker(peer: str, threads: int, cases: int, seed: int, repeat: int) -> int:
    """Builds the caseload, checks the peer against midway on every case, then times it. Prints one JSON line."""
    if peer == "polars":
        os.environ["POLARS_MAX_THREADS"] = str(threads)  # before polars is imported
    import numpy as np

    midway = import_midway()
    sys.path.insert(0, str(HERE))
    from peers import check, common

    as_of_date = np.datetime64(AS_OF, "D")
    as_of_py = as_of_date.astype(object)
    t0 = time.perf_counter()
    cols = midway.synthetic_columns(cases, seed=seed, as_of=as_of_py)
    build = time.perf_counter() - t0
    # The same input for every tool, prepared once and outside the timing: the event dates as int32 days since
    # 1970 (no date: -2**31), the form midway.evaluate reads in place (no copy, no conversion) and the form the
    # peers work in (their day tables are indexed by it).
    cols = common.int32_days(cols)
    assert all(cols[k].dtype == np.int32 for k in ("event_date", "event_other_date", "event_case"))
    n_events = len(cols["event_kind"])

    # The codes the peers use are midway's.
    kinds = midway.event_kinds()
    flags = midway.event_flags()
    assert [kinds.index(k) for k in ("strategy_discussion", "s47_enquiry", "initial_conference", "review_conference",
                                      "transfer_in_conference", "started_looked_after", "placement_start", "lac_review",
                                      "visit", "core_group", "midway_review")] == list(range(11))
    assert kinds.index("plan_ended") == common.PLAN_ENDED and kinds.index("ceased_looked_after") == common.CEASED
    assert kinds.index("birth") == common.BIRTH and kinds.index("transfer_in_notified") == common.TRANSFER_NOTIFIED
    assert midway.drift_rules()[common.MIDWAY_DATE_NOT_SET].id == "midway_date_not_set"
    assert (flags["seen"], flags["s47_started"], flags["plan_continues"], flags["long_term"], flags["placed_with_parent"],
            flags["temporary_approval"], flags["plan_started"], flags["not_required"], flags["correction"]) == (
        common.SEEN, common.S47_STARTED, common.PLAN_CONTINUES, common.LONG_TERM, common.PLACED_WITH_PARENT,
        common.TEMPORARY_APPROVAL, common.PLAN_STARTED, common.NOT_REQUIRED, common.CORRECTION)
    # What the peers do not model must be absent from the input.
    for key in ("meeting_case", "recommendation_case"):
        if key in cols and len(cols[key]):
            print(f"bench_peers: the caseload has {key} rows, which the peers do not model", file=sys.stderr)
            return 2
    if cols.get("partial_history", np.zeros(1, bool)).any() or cols.get("short_breaks", np.zeros(1, bool)).any():
        print("bench_peers: the caseload has partial histories or short breaks, which the peers do not model", file=sys.stderr)
        return 2

    as_of = int(as_of_date.astype("int64"))
    versions: dict[str, str] = {"midway": midway.__version__, "numpy": np.__version__}

    if peer == "midway":
        covered = list(check.COLUMNS)
        # One untimed call first, as each peer's checked run comes before its timing: the first call imports
        # pandas (the categorical result columns), which would otherwise count against midway with --repeat 1.
        midway.evaluate(cols, as_of=as_of_py, threads=threads)
        seconds, cpu, _ = best_wall_and_cpu(repeat, lambda: midway.evaluate(cols, as_of=as_of_py, threads=threads))
    else:
        mod = importlib.import_module(f"peers.{peer}_peer")
        lib = importlib.import_module({"numpy": "numpy"}.get(peer, peer))
        versions[peer] = lib.__version__
        if peer == "pandas":
            import pyarrow  # type: ignore[import-untyped]

            versions["pyarrow"] = pyarrow.__version__
        extra: dict[str, Any] = {}
        if peer == "duckdb":
            extra["con"] = mod.connect(threads)

        def once() -> Any:
            lo, hi = common.DayTables.span_of(common.days_of(cols["event_date"]), as_of)
            tables = common.DayTables(lo, hi)
            return mod.run(cols, as_of, common.soon_of(as_of), tables, **extra)

        ref = midway.evaluate(cols, as_of=as_of_py, threads=1)
        got = check.normalise(mod.to_columns(once()))
        covered = check.covered(got)
        diff = check.first_difference(ref, got)
        if diff is not None:
            check.report(peer, diff[0], diff[1], cols, ref, got, kinds, flags)
            return 1
        seconds, cpu, _ = best_wall_and_cpu(repeat, once)
    print(json.dumps({"peer": peer, "threads": threads, "cases": cases, "events": n_events, "seconds": seconds,
                      "ns_per_event": seconds / n_events * 1e9, "cpu_seconds": cpu, "cpu_ns_per_event": cpu / n_events * 1e9,
                      "build_seconds": build, "versions": versions, "columns": covered, "loadavg": os.getloadavg()[0]}))
    return 0


# ---------------------------------------------------------------- driver
def machine() -> dict[str, object]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}


def run_worker(peer: str, threads: int, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", peer, "--worker-threads", str(threads),
           "--cases", str(args.cases), "--seed", str(args.seed), "--repeat", str(args.repeat)]
    env = dict(os.environ)
    if peer == "polars":
        env["POLARS_MAX_THREADS"] = str(threads)
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(proc.returncode)
    figures: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=130_000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peers", default="polars,pandas,duckdb,numpy", help="comma-separated, of: " + ",".join(PEERS))
    ap.add_argument("--threads", default="1,2", help="thread counts to time, comma-separated (default 1,2)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--worker-threads", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    missing = missing_packages()
    if missing:
        print("bench_peers: missing packages: " + ", ".join(missing) + "\n  install them with: python3 -m pip install "
              + " ".join(f'"{m}"' for m in missing), file=sys.stderr)
        return 2
    if args.worker:
        return worker(args.worker, args.worker_threads, args.cases, args.seed, args.repeat)

    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    unknown = [p for p in peers if p not in PEERS]
    if unknown:
        ap.error(f"unknown peer(s) {', '.join(unknown)}; choose from {', '.join(PEERS)}")
    thread_counts = [int(t) for t in args.threads.split(",") if t.strip()]

    # Every peer is checked (in its worker, before it is timed); the times are printed only once all agree.
    runs: list[dict[str, Any]] = []
    for t in thread_counts:
        for peer in ["midway", *peers]:
            if peer not in THREADED and t != thread_counts[0]:
                continue
            print(f"  {peer}, {t} thread(s) ...", file=sys.stderr, flush=True)
            runs.append(run_worker(peer, t, args))

    n_events = runs[0]["events"]
    by = {(r["peer"], r["threads"]): r for r in runs}
    print(f"England-size synthetic caseload: {args.cases:,} cases, {n_events:,} events, seed {args.seed}, as of {AS_OF}")
    for peer in peers:
        cov = by[(peer, thread_counts[0])]["columns"]
        what = "all 13 result columns" if len(cov) == len(runs[0]["columns"]) else f"{len(cov)} columns: {', '.join(cov)}"
        print(f"  {peer} agrees with midway.evaluate(threads=1) on every case, {what}")
    print(f"best of {args.repeat}, the whole call from the numpy columns to the result; "
          f"load average during the runs {min(r['loadavg'] for r in runs):.1f}-{max(r['loadavg'] for r in runs):.1f}")
    for clock, key, what in (("CPU time", "cpu_seconds", "time.process_time: user + system of every thread of the process"),
                             ("wall time", "seconds", "time.perf_counter")):
        print(f"{clock} ({what}):")
        header = f"{'':<8}" + "".join(f"{f'{t} thread(s)':>30}" for t in thread_counts)
        print(header)
        print(f"{'':<8}" + "".join(f"{'ms':>10}{'ns/event':>10}{'x midway':>10}" for _ in thread_counts))
        for peer in ["midway", *peers]:
            line = f"{peer:<8}"
            for t in thread_counts:
                r = by.get((peer, t))
                if r is None:
                    line += f"{'(single-threaded)':>30}"
                    continue
                ratio = r[key] / by[("midway", t)][key]
                line += f"{r[key] * 1e3:>10.1f}{r[key] / n_events * 1e9:>10.1f}{ratio:>9.1f}x"
            print(line)
    print("(x midway: the peer's time / midway's at the same thread count; pandas and numpy: 1 thread. With more than one\n"
          " thread, CPU time adds up the threads: compare speed there by wall time)")
    if args.json:
        versions: dict[str, str] = {}
        for r in runs:
            versions.update(r["versions"])
        args.json.write_text(json.dumps({
            "cases": args.cases, "seed": args.seed, "as_of": AS_OF, "events": n_events, "repeat": args.repeat,
            "runs": [{k: r[k] for k in ("peer", "threads", "seconds", "ns_per_event", "cpu_seconds", "cpu_ns_per_event", "loadavg")} |
                     {"ratio_to_midway": r["seconds"] / by[("midway", r["threads"])]["seconds"],
                      "cpu_ratio_to_midway": r["cpu_seconds"] / by[("midway", r["threads"])]["cpu_seconds"]} for r in runs],
            "columns_checked": {r["peer"]: r["columns"] for r in runs if r["peer"] != "midway"},
            "versions": versions, "machine": machine(),
        }, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
