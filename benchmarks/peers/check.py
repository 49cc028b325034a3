"""Case-by-case agreement of a peer's answer with midway.evaluate's."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

# The result columns a peer is checked on (midway.evaluate's names).
COLUMNS = ("review_item", "review_due", "review_status", "midway_due", "midway_status", "visit_due", "visit_status",
           "core_group_due", "core_group_status", "visit_gaps", "core_group_gaps", "findings", "finding_rules")
COUNTS = ("visit_gaps", "core_group_gaps", "findings", "finding_rules")
DUES = ("review_due", "midway_due", "visit_due", "core_group_due")
NO_DAY = -(2**31)  # no date in int32 day columns (midway's convention)


def as_text(a: Any) -> npt.NDArray[np.str_]:
    """A column of names as a numpy str array, whatever it came as: a numpy str or object array, a list, a
    pandas.Categorical (midway.evaluate's statuses, kinds and items), a pandas or Polars string column."""
    out: npt.NDArray[np.str_] = np.asarray(a, dtype=object).astype(str)
    return out


def as_dates(a: Any) -> npt.NDArray[np.datetime64]:
    """A column of days as datetime64[D] (NaT for none): datetime64 as it is; int32 days since 1970 with
    -2**31 for none; numbers with None/NaN for none."""
    arr = np.asarray(a)
    if arr.dtype.kind == "M":
        return arr.astype("datetime64[D]")
    f = arr.astype("float64")
    d = np.full(len(f), np.datetime64("NaT"), dtype="datetime64[D]")
    ok = ~np.isnan(f) & (f > NO_DAY)
    d[ok] = f[ok].astype("int64").astype("datetime64[D]")
    return d


def normalise(peer: Mapping[str, Any]) -> dict[str, npt.NDArray[Any]]:
    """A peer's columns (numpy or list-like; days as int with None/NaN/sentinel for none) as midway's dtypes."""
    out: dict[str, npt.NDArray[Any]] = {}
    for name in COLUMNS:
        if name not in peer:
            continue  # not covered by this peer
        a = peer[name]
        if name in DUES:
            out[name] = as_dates(a)
        elif name in COUNTS:
            out[name] = np.asarray(a).astype(np.int64)
        else:
            out[name] = as_text(a)
    return out


def first_difference(ref: Mapping[str, npt.NDArray[Any]], got: Mapping[str, npt.NDArray[Any]]) -> tuple[int, str] | None:
    """(row, column) of the first disagreement, or None."""
    n = len(ref["case_id"])
    diffs: dict[str, npt.NDArray[np.bool_]] = {}
    for name in covered(got):
        b = got[name]
        if len(b) != n:
            return (min(len(b), n - 1) if n else 0, name + " (length)")
        if name in DUES:
            a = as_dates(ref[name])
            diffs[name] = ~((a == b) | (np.isnat(a) & np.isnat(b)))
        elif name in COUNTS:
            diffs[name] = np.asarray(ref[name]).astype(np.int64) != b
        else:
            diffs[name] = as_text(ref[name]) != b
    bad = np.logical_or.reduce(list(diffs.values())) if diffs else np.zeros(n, dtype=bool)
    if not bad.any():
        return None
    i = int(np.argmax(bad))
    return i, next(name for name, d in diffs.items() if d[i])

def covered(got: Mapping[str, Any]) -> list[str]:
    """The result columns a peer's answer has (in midway's order)."""
    return [name for name in COLUMNS if name in got]


def report(peer: str, row: int, column: str, cols: Mapping[str, npt.NDArray[Any]], ref: Mapping[str, npt.NDArray[Any]],
           got: Mapping[str, npt.NDArray[Any]], kinds: list[str], flags: Mapping[str, int]) -> None:
    """Prints the first differing case: its events and both answers."""
    err = sys.stderr
    print(f"DISAGREE: {peer} differs from midway.evaluate on case {ref['case_id'][row]} (row {row}), first in {column}",
          file=err)
    sel = np.flatnonzero(cols["event_case"] == row)
    dates = as_dates(cols["event_date"][sel])
    others = as_dates(cols["event_other_date"][sel]) if "event_other_date" in cols else np.full(len(sel), np.datetime64("NaT"))
    print(f"  case kind {'CP' if cols['case_kind'][row] == 1 else 'LAC'}, {len(sel)} events:", file=err)
    for i, d, other in zip(sel, dates, others):
        f = int(cols["event_flags"][i])
        names = ",".join(k for k, bit in flags.items() if f & bit)
        extra = f" other_date={other}" if not np.isnat(other) else ""
        print(f"    {d}  {kinds[int(cols['event_kind'][i])]:<26} {names}{extra}", file=err)
    print(f"  {'column':<18} {'midway':<16} {peer}", file=err)
    mine = normalise({name: ref[name] for name in COLUMNS})
    for name in COLUMNS:
        if name not in got:
            print(f"  {name:<18} {str(mine[name][row]):<16} (not covered)", file=err)
            continue
        a, b = mine[name][row], got[name][row]
        mark = "" if str(a) == str(b) else "   <-- differs"
        print(f"  {name:<18} {str(a):<16} {b}{mark}", file=err)
