"""midway.evaluate from Python on the England-size caseload: CPU time and the memory of the whole run.

The date columns are given as int32 days since 1970 (Arrow's date32 form), so the binding reads every
event column where it is. Prints the best CPU time of 7 calls (ns per event) and the bytes per event of
the input event columns plus the growth of the resident set at the peak of the calls (Linux: VmHWM,
reset through /proc/self/clear_refs). Compare with `midway_bench --benchmark_filter=BM_Evaluate/cases:130000`
(docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from typing import Any

import numpy as np
import numpy.typing as npt

import midway

AS_OF = dt.date(2026, 11, 22)


def status(key: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1]) * 1024
    raise KeyError(key)


def int32_days(a: npt.NDArray[Any]) -> npt.NDArray[np.int32]:
    v = a.view("int64")
    return np.where(v == np.iinfo(np.int64).min, midway.NO_DATE, v).astype(np.int32)


def main() -> None:
    cols = midway.synthetic_columns(130_000, seed=2026, as_of=AS_OF)
    cols["event_date"] = int32_days(cols["event_date"])
    cols["event_other_date"] = int32_days(cols["event_other_date"])
    n = len(cols["event_kind"])
    inp = sum(v.nbytes for k, v in cols.items() if k.startswith("event_"))
    midway.evaluate(cols, as_of=AS_OF)  # the first call imports pandas
    gc.collect()
    with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
        f.write("5")
    base = status("VmRSS:")
    best = float("inf")
    for _ in range(7):
        t = time.process_time()
        r = midway.evaluate(cols, as_of=AS_OF)
        best = min(best, time.process_time() - t)
        del r
    peak = status("VmHWM:")
    print(f"events {n:,}; midway.evaluate best CPU {best * 1e3:.1f} ms = {best * 1e9 / n:.2f} ns/event")
    print(f"input event columns {inp / n:.1f} B/event; at the peak of the calls +{(peak - base) / n:.1f} B/event; "
          f"whole run {(inp + peak - base) / n:.1f} B/event")


if __name__ == "__main__":
    main()
