"""midway's bulk working-day arithmetic against numpy's business-day functions, in one run.

Builds N random inputs (a seeded numpy Generator: dates uniform in 1990-01-01..2060-12-31,
offsets uniform in 1..130) and the bank holidays of england-and-wales for 1990..2061 as
midway lists them, then times, best of --repeat runs with time.perf_counter:

  midway Calendar.add_working_days(d, n)      vs numpy.busday_offset(d, n, roll="backward")
  midway Calendar.working_days_between(a, b)  vs numpy.busday_count(a + 1, b + 1)
  midway Calendar.is_working_day(d)           vs numpy.is_busday(d)

numpy is given a numpy.busdaycalendar built once from the same holidays (weekmask Mon-Fri),
and the shifted dates a + 1, b + 1 are computed outside the timing, so numpy does no
per-call preparation that midway is spared. midway counts day 0 (the start date is not
counted) and working_days_between counts (a, b]; with b = a + n calendar days (b >= a) and
n >= 1 the two libraries compute the same thing, and the script checks that the results
agree exactly before it reports anything: it exits with status 1 if they do not.

Usage: python benchmarks/bench_calendar.py [--n 1000000] [--repeat 5] [--json PATH]
"""

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

import midway
from timing import best_of

DIVISION: Final = "england-and-wales"
FIRST_DATE = np.datetime64("1990-01-01", "D")
LAST_DATE = np.datetime64("2060-12-31", "D")
MAX_OFFSET = 130
HOLIDAY_YEARS = range(1990, 2062)  # offsets from 2060-12-31 reach into 2061
SEED = 20261218



@dataclass(frozen=True)
class Inputs:
    """The random inputs: b = dates + offsets calendar days, so b >= dates."""

    dates: npt.NDArray[np.datetime64]
    offsets: npt.NDArray[np.int64]
    b: npt.NDArray[np.datetime64]


@dataclass(frozen=True)
class Result:
    """One row of the table: best wall-clock seconds of each library over the repeats."""

    operation: str
    numpy_call: str
    midway_seconds: float
    numpy_seconds: float

    @property
    def ratio(self) -> float:
        """numpy seconds / midway seconds: how many times faster midway is."""
        return self.numpy_seconds / self.midway_seconds


def make_inputs(n: int, seed: int = SEED) -> Inputs:
    """N random dates in 1990-01-01..2060-12-31 and offsets in 1..130, from a seeded Generator."""
    rng = np.random.default_rng(seed)
    lo = int(FIRST_DATE.astype(np.int64))
    hi = int(LAST_DATE.astype(np.int64))
    dates = rng.integers(lo, hi, size=n, endpoint=True, dtype=np.int64).astype("datetime64[D]")
    offsets = rng.integers(1, MAX_OFFSET, size=n, endpoint=True, dtype=np.int64)
    b = dates + offsets.astype("timedelta64[D]")
    return Inputs(dates=dates, offsets=offsets, b=b)


def holiday_dates(cal: midway.Calendar) -> npt.NDArray[np.datetime64]:
    """The calendar's bank holidays for 1990..2061, as sorted datetime64[D]."""
    days = [h.date for year in HOLIDAY_YEARS for h in cal.holidays(year)]
    return np.array(days, dtype="datetime64[D]")



def check_equal(operation: str, ours: npt.NDArray[np.generic], theirs: npt.NDArray[np.generic]) -> None:
    """Raises AssertionError, naming the first differing element, unless the arrays are identical."""
    if ours.shape != theirs.shape or not np.array_equal(ours, theirs):
        if ours.shape != theirs.shape:
            raise AssertionError(f"{operation}: midway returned shape {ours.shape}, numpy {theirs.shape}")
        i = int(np.flatnonzero(ours != theirs)[0])
        raise AssertionError(f"{operation}: results differ at element {i}: midway {ours[i]!r}, numpy {theirs[i]!r}")


def run(n: int, repeat: int) -> list[Result]:
    """Times the three operations on N inputs; raises AssertionError if the libraries disagree."""
    inputs = make_inputs(n)
    cal = midway.Calendar(DIVISION)
    np_cal = np.busdaycalendar(weekmask="1111100", holidays=holiday_dates(cal))
    dates, offsets, b = inputs.dates, inputs.offsets, inputs.b
    a1, b1 = dates + np.timedelta64(1, "D"), b + np.timedelta64(1, "D")

    results: list[Result] = []

    t_mw, r_mw = best_of(repeat, warm_up=True, fn=lambda: cal.add_working_days(dates, offsets))
    t_np, r_np = best_of(repeat, warm_up=True, fn=lambda: np.busday_offset(dates, offsets, roll="backward", busdaycal=np_cal))
    check_equal("add_working_days", r_mw, r_np)
    results.append(Result("add_working_days", "busday_offset(roll='backward')", t_mw, t_np))

    t_mw, c_mw = best_of(repeat, warm_up=True, fn=lambda: cal.working_days_between(dates, b))
    t_np, c_np = best_of(repeat, warm_up=True, fn=lambda: np.busday_count(a1, b1, busdaycal=np_cal))
    check_equal("working_days_between", c_mw, c_np.astype(np.int64))
    results.append(Result("working_days_between", "busday_count(a + 1, b + 1)", t_mw, t_np))

    t_mw, w_mw = best_of(repeat, warm_up=True, fn=lambda: cal.is_working_day(dates))
    t_np, w_np = best_of(repeat, warm_up=True, fn=lambda: np.is_busday(dates, busdaycal=np_cal))
    check_equal("is_working_day", w_mw, w_np)
    results.append(Result("is_working_day", "is_busday", t_mw, t_np))

    return results


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, or platform.processor() elsewhere."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def table(results: Sequence[Result]) -> str:
    """The results as a fixed-width text table."""
    header = f"{'operation':<22} {'midway (s)':>11} {'numpy (s)':>11}  {'numpy/midway':<22} numpy call"
    lines = [header, "-" * len(header)]
    for r in results:
        lines.append(
            f"{r.operation:<22} {r.midway_seconds:>11.6f} {r.numpy_seconds:>11.6f}  "
            f"{f'{r.ratio:.1f}x faster':<22} {r.numpy_call}"
        )
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=1_000_000, help="number of random inputs (default 1000000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each call; the best counts (default 5)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures to PATH as JSON")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the comparison; returns 0, or 1 if midway and numpy disagree."""
    args = parse_args(argv)
    n: int = args.n
    repeat: int = args.repeat
    try:
        results = run(n, repeat)
    except AssertionError as e:
        print(f"bench_calendar.py: midway and numpy disagree: {e}", file=sys.stderr)
        return 1

    machine = {
        "cpu": cpu_model(),
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "midway": midway.__version__,
    }
    print(
        f"midway {machine['midway']} vs numpy {machine['numpy']}: {n:,} random inputs ({DIVISION}), "
        f"best of {repeat}; {machine['nproc']} x {machine['cpu']}"
    )
    print(table(results))
    print("results agree exactly")

    if args.json:
        report = {
            "machine": machine,
            "n": n,
            "repeat": repeat,
            "division": DIVISION,
            "results": [{**asdict(r), "ratio": r.ratio} for r in results],
        }
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
