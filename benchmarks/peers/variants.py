"""Checks the peers against midway.evaluate on what the synthetic caseload does not hold (issue 16's rules).

midway.synthetic_columns draws one s.47 strategy discussion per CP case, no transfer-in notification, no birth and
no midway date at a first LAC review. This script takes a synthetic caseload and adds, to a share of the cases:

  * a later strategy discussion that also started a s.47 enquiry, and a s.47 enquiry start after it (the ICPC
    counts from the FIRST s.47 strategy discussion, not the latest);
  * on a CP case with no conference yet, a transfer-in notification (the transfer-in conference is then due
    15 working days after it);
  * on a pre-birth ICPC, a birth after it (England's policy has no pre-birth rule: nothing changes);
  * a midway date at the first LAC review (honoured, outside the 6-monthly intervals; no midway_date_not_set);

then compares every peer with midway on every case and column, as bench_peers.py does. Not timed.

Usage: python3 benchmarks/peers/variants.py [--cases 20000] [--seed 7] [--as-of 2026-11-22] [--generated 2026-11-22]
                                           [--peers polars,pandas,duckdb,numpy]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from peers import check, common  # noqa: E402


def with_variants(cols: dict[str, Any], as_of: int, seed: int) -> tuple[dict[str, Any], dict[str, int]]:
    """The columns with the added rows (int32 days), each case's rows still in date order; and how many of each."""
    rng = np.random.default_rng(seed)
    case, kind, day = cols["event_case"], cols["event_kind"], cols["event_date"]
    flags, other = cols["event_flags"], cols["event_other_date"]
    n = len(cols["case_kind"])
    is_cp = cols["case_kind"] == common.CASE_CP
    add: list[tuple[int, int, int, int, int]] = []  # case, kind, day, flags, other
    counts = dict.fromkeys(("second_s47_strategy", "transfer_in_notified", "birth", "first_review_midway_date"), 0)

    def first_of(mask: Any) -> Any:
        out = np.full(n, common.NONE, dtype=np.int64)
        idx = np.flatnonzero(mask)[::-1]
        out[case[idx]] = day[idx]
        return out

    strategy = first_of((kind == common.STRATEGY) & ((flags & common.S47_STARTED) != 0))
    conference = first_of(np.isin(kind, [common.ICPC, common.RCPC, common.TRANSFER_IN]))
    for c in np.flatnonzero(is_cp & (strategy != common.NONE)):
        if rng.random() >= 0.5:
            continue
        limit = min(as_of, conference[c] if conference[c] != common.NONE else as_of)
        if limit - strategy[c] < 4:
            continue
        later = int(rng.integers(strategy[c] + 1, limit))
        add.append((int(c), common.STRATEGY, later, common.S47_STARTED, common.NONE))
        add.append((int(c), common.S47, later + 1, 0, common.NONE))
        counts["second_s47_strategy"] += 1
    for c in np.flatnonzero(is_cp & ((conference == common.NONE) | (conference > as_of))):  # no conference yet
        if rng.random() < 0.6:
            add.append((int(c), common.TRANSFER_NOTIFIED, as_of - int(rng.integers(0, 40)), 0, common.NONE))
            counts["transfer_in_notified"] += 1
    pre_birth = np.flatnonzero((kind == common.ICPC) & ((flags & 128) != 0))  # pre_birth flag
    for i in pre_birth:
        add.append((int(case[i]), common.BIRTH, min(as_of, int(day[i]) + int(rng.integers(0, 60))), 0, common.NONE))
        counts["birth"] += 1
    # The first LAC review of the episode: a midway date 20..60 days after it (before the second, due 3 months on).
    lac_review = np.flatnonzero(kind == common.LAC_REVIEW)
    first = lac_review[np.r_[True, case[lac_review][1:] != case[lac_review][:-1]]] if len(lac_review) else lac_review
    other = other.copy()
    pick = first[rng.random(len(first)) < 0.4]
    other[pick] = day[pick] + rng.integers(20, 60, len(pick)).astype(np.int32)
    counts["first_review_midway_date"] = len(pick)

    a = np.array(add, dtype=np.int64).reshape(-1, 5)
    new_case = np.r_[case, a[:, 0]].astype(np.int32)
    new_day = np.r_[day, a[:, 2]].astype(np.int32)
    order = np.lexsort((np.arange(len(new_case)), new_day, new_case))  # the added rows after the same day's own
    out = dict(cols)
    out["event_case"] = new_case[order]
    out["event_kind"] = np.r_[kind, a[:, 1]].astype(np.uint8)[order]
    out["event_date"] = new_day[order]
    out["event_flags"] = np.r_[flags, a[:, 3]].astype(np.uint16)[order]
    out["event_other_date"] = np.r_[other, a[:, 4]].astype(np.int32)[order]
    return out, counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--as-of", default="2026-11-22", help="the date evaluated as of")
    ap.add_argument("--generated", default="2026-11-22", help="the caseload's own as-of date (synthetic_columns)")
    ap.add_argument("--peers", default="polars,pandas,duckdb,numpy")
    args = ap.parse_args(argv)
    import midway

    as_of_date = np.datetime64(args.as_of, "D")
    as_of = int(as_of_date.astype("int64"))
    generated = np.datetime64(args.generated, "D").astype(object)
    cols = common.int32_days(midway.synthetic_columns(args.cases, seed=args.seed, as_of=generated))
    cols, counts = with_variants(cols, as_of, args.seed)
    ref = midway.evaluate(cols, as_of=as_of_date.astype(object), threads=1)
    rules = np.asarray(ref["finding_rules"])
    items = check.as_text(ref["review_item"])
    print(f"{args.cases} cases, seed {args.seed}, generated as of {args.generated}, evaluated as of {args.as_of}; added: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"  midway: {int(((rules >> common.MIDWAY_DATE_NOT_SET) & 1).sum())} cases with midway_date_not_set, "
          f"{int((items == 'transfer_in_conference').sum())} with a transfer-in conference due")
    status = 0
    for peer in [p.strip() for p in args.peers.split(",") if p.strip()]:
        mod = importlib.import_module(f"peers.{peer}_peer")
        lo, hi = common.DayTables.span_of(cols["event_date"], as_of)
        extra = {"con": mod.connect(1)} if peer == "duckdb" else {}
        got = check.normalise(mod.to_columns(mod.run(cols, as_of, common.soon_of(as_of), common.DayTables(lo, hi), **extra)))
        diff = check.first_difference(ref, got)
        if diff is None:
            print(f"  {peer}: agrees on every case, {len(check.covered(got))} columns")
        else:
            check.report(peer, diff[0], diff[1], cols, ref, got, midway.event_kinds(), midway.event_flags())
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
