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


def normalise(peer: Mapping[str, Any]) -> dict[str, npt.NDArray[Any]]:
    """A peer's columns (numpy or list-like; days as int with None/NaN/sentinel for none) as midway's dtypes."""
    out: dict[str, npt.NDArray[Any]] = {}
    for name in COLUMNS:
        if name not in peer:
            continue  # not covered by this peer
        a = peer[name]
        if name in DUES:
            a = np.asarray(a)
            if a.dtype.kind == "M":
                out[name] = a.astype("datetime64[D]")
            else:
                f = a.astype("float64")  # None/NaN for none
                d = np.full(len(f), np.datetime64("NaT"), dtype="datetime64[D]")
                ok = ~np.isnan(f) & (f > -2**31)
                d[ok] = f[ok].astype("int64").astype("datetime64[D]")
                out[name] = d
        elif name in COUNTS:
            out[name] = np.asarray(a).astype(np.int64)
        else:
            out[name] = np.asarray(a).astype(str)
    return out


def first_difference(ref: Mapping[str, npt.NDArray[Any]], got: Mapping[str, npt.NDArray[Any]]) -> tuple[int, str] | None:
    """(row, column) of the first disagreement, or None."""
    n = len(ref["case_id"])
    diffs: dict[str, npt.NDArray[np.bool_]] = {}
    for name in covered(got):
        a = np.asarray(ref[name])
        b = got[name]
        if len(b) != n:
            return (min(len(b), n - 1) if n else 0, name + " (length)")
        if name in DUES:
            a = a.astype("datetime64[D]")
            diffs[name] = ~((a == b) | (np.isnat(a) & np.isnat(b)))
        elif name in COUNTS:
            diffs[name] = a.astype(np.int64) != b
        else:
            diffs[name] = a.astype(str) != b
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
    print(f"  case kind {'CP' if cols['case_kind'][row] == 1 else 'LAC'}, {len(sel)} events:", file=err)
    for i in sel:
        f = int(cols["event_flags"][i])
        names = ",".join(k for k, bit in flags.items() if f & bit)
        other = cols["event_other_date"][i] if "event_other_date" in cols else np.datetime64("NaT")
        extra = f" other_date={other}" if not np.isnat(other) else ""
        print(f"    {cols['event_date'][i]}  {kinds[int(cols['event_kind'][i])]:<26} {names}{extra}", file=err)
    print(f"  {'column':<18} {'midway':<16} {peer}", file=err)
    for name in COLUMNS:
        if name not in got:
            print(f"  {name:<18} {str(ref[name][row]):<16} (not covered)", file=err)
            continue
        a, b = ref[name][row], got[name][row]
        mark = "" if str(np.asarray(a).astype(b.dtype) if name in DUES else a) == str(b) else "   <-- differs"
        print(f"  {name:<18} {str(a):<16} {b}{mark}", file=err)
