"""midway's bulk evaluation against a straightforward pandas implementation, in one run.

Builds the England-size synthetic caseload once (130,000 cases, about 5 million events; fully
synthetic, see docs/bulk.md) as columns, then times, best of --repeat runs with
time.perf_counter:

  (a) midway.evaluate(columns, as_of=..., threads=1): every case's schedule and drift counts;
  (b) the pandas peer below, on the same columns: per case, the number of past visit gaps and
      core-group gaps over policy, and the next review's due date, with groupby/shift for the
      gaps and numpy.busday_offset over the GOV.UK bank holidays (tests/data) for working days.

The peer implements the England policy's rules for those three figures (docs/schedule.md):
CP visits every 10 working days from the first conference, core groups 10 working days after
it then 6-weekly, reviews 3 then 6 months; LAC reviews 20 working days, 3 then 6 months after
the start of care, reg 28 visits from the current placement (1 week, 6 weeks in the first year,
then 3 months for long-term placements; weekly until the first review when placed with a
parent); calendar-period due dates on a non-working day brought forward; nothing due once the
plan or care has ended. Before it prints anything the script checks that both give the same
figures for every case, and exits with status 1 naming the first case that differs.

Usage: python benchmarks/bench_bulk.py [--cases 130000] [--seed 2026] [--repeat 3] [--threads N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped]

import midway
from timing import best_of

AS_OF: Final = np.datetime64("2026-11-22", "D")
FEED: Final = Path(__file__).resolve().parent.parent / "tests" / "data" / "govuk-bank-holidays.json"

# Event kind codes (midway.event_kinds()) and flag bits (midway.event_flags()).
KIND: Final = {name: code for code, name in enumerate(midway.event_kinds())}
FLAG: Final = midway.event_flags()

Columns = Mapping[str, npt.NDArray[np.generic]]


def govuk_holidays() -> npt.NDArray[np.datetime64]:
    feed = json.loads(FEED.read_text(encoding="utf-8"))
    return np.array([e["date"] for e in feed["england-and-wales"]["events"]], dtype="datetime64[D]")


class Peer:
    """The pandas implementation: visit gaps, core-group gaps and next review due, per case."""

    def __init__(self, holidays: npt.NDArray[np.datetime64]) -> None:
        self.cal = np.busdaycalendar(weekmask="1111100", holidays=holidays)

    # ---- date arithmetic (numpy) ----
    def add_wd(self, d: npt.NDArray[np.datetime64], n: int) -> npt.NDArray[np.datetime64]:
        """The n-th working day after d (d is day 0, whether or not it is a working day)."""
        d = d.astype("datetime64[D]")
        out = np.full(d.shape, np.datetime64("NaT"), dtype="datetime64[D]")
        ok = ~np.isnat(d)
        out[ok] = np.busday_offset(d[ok], n, roll="backward", busdaycal=self.cal)
        return out

    def back_to_working(self, d: npt.NDArray[np.datetime64]) -> npt.NDArray[np.datetime64]:
        out = d.astype("datetime64[D]")
        ok = ~np.isnat(out)
        out[ok] = np.busday_offset(out[ok], 0, roll="backward", busdaycal=self.cal)
        return out

    @staticmethod
    def add_months_raw(d: npt.NDArray[np.datetime64], n: int) -> npt.NDArray[np.datetime64]:
        """The same day n months on, clamped to the month's end."""
        d = d.astype("datetime64[D]")
        month = d.astype("datetime64[M]")
        day = (d - month.astype("datetime64[D]")).astype("int64")
        target = month + np.timedelta64(n, "M")
        length = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")).astype("int64")
        out: npt.NDArray[np.datetime64] = target.astype("datetime64[D]") + np.minimum(day, length - 1).astype("timedelta64[D]")
        return out

    def add_months(self, d: npt.NDArray[np.datetime64], n: int) -> npt.NDArray[np.datetime64]:
        return self.back_to_working(self.add_months_raw(d, n))

    def add_days(self, d: npt.NDArray[np.datetime64], n: int) -> npt.NDArray[np.datetime64]:
        shifted: npt.NDArray[np.datetime64] = d.astype("datetime64[D]") + np.timedelta64(n, "D")  # type: ignore[assignment]
        return self.back_to_working(shifted)

    # ---- the computation ----
    def run(self, cols: Columns, as_of: np.datetime64) -> pd.DataFrame:
        n_cases = len(cols["case_kind"])
        ev = pd.DataFrame(
            {
                "case": cols["event_case"],
                "kind": cols["event_kind"],
                "date": cols["event_date"],
                "flags": cols["event_flags"],
            }
        )
        ev = ev[ev["date"] <= as_of]
        case_kind = pd.Series(cols["case_kind"])
        is_cp = ev["case"].map(case_kind).to_numpy() == 1
        flags = ev["flags"].to_numpy()
        kind = ev["kind"].to_numpy()

        def has(bit: str) -> npt.NDArray[np.bool_]:
            out: npt.NDArray[np.bool_] = (flags & FLAG[bit]) != 0
            return out

        ends = ~has("correction") & (
            (kind == KIND["plan_ended"])
            | (kind == KIND["ceased_looked_after"])
            | ((kind == KIND["review_conference"]) & ~has("plan_continues"))
            | ((kind == KIND["initial_conference"]) & ~has("plan_started"))
        )
        ended = pd.Series(False, index=range(n_cases))
        ended[ev.loc[ends, "case"].unique()] = True
        seen_visit = (kind == KIND["visit"]) & has("seen")
        nat = pd.Series(np.datetime64("NaT", "D"), index=range(n_cases), dtype="datetime64[s]")

        out = pd.DataFrame({"visit_gaps": 0, "core_group_gaps": 0, "review_due": nat}, index=range(n_cases))

        # ---- CP ----
        conf = ev[is_cp & np.isin(kind, [KIND["initial_conference"], KIND["review_conference"], KIND["transfer_in_conference"]])]
        first_conf = conf.groupby("case")["date"].first()
        last_conf = conf.groupby("case")[["kind", "date"]].last()

        def gaps(rows: pd.DataFrame, anchor: pd.Series, limit: Callable[[pd.DataFrame], npt.NDArray[np.datetime64]]) -> pd.Series:
            """Per case, the events later than policy allows after the one before (or the anchor)."""
            rows = rows[rows["date"].to_numpy() >= rows["case"].map(anchor).to_numpy()]
            prev = rows.groupby("case")["date"].shift(1)
            first = prev.isna()
            prev = prev.fillna(rows["case"].map(anchor))
            rows = rows.assign(prev=prev.to_numpy().astype("datetime64[D]"), first=first.to_numpy())
            late = rows["date"].to_numpy().astype("datetime64[D]") > limit(rows)
            return pd.Series(late).groupby(rows["case"].to_numpy()).sum()

        cp_visits = ev[is_cp & seen_visit & ev["case"].isin(first_conf.index).to_numpy()]
        g = gaps(cp_visits, first_conf, lambda r: self.add_wd(r["prev"].to_numpy(), 10))
        out.loc[g.index, "visit_gaps"] = g.to_numpy()
        groups = ev[is_cp & (kind == KIND["core_group"]) & ev["case"].isin(first_conf.index).to_numpy()]
        g = gaps(
            groups,
            first_conf,
            lambda r: np.where(r["first"].to_numpy(), self.add_wd(r["prev"].to_numpy(), 10), self.add_days(r["prev"].to_numpy(), 42)),
        )
        out.loc[g.index, "core_group_gaps"] = g.to_numpy()
        # Next review: ICPC 15 working days after the latest s.47 strategy discussion; RCPC 3 months after the
        # first conference, 6 months after a review conference.
        last_d = last_conf["date"].to_numpy().astype("datetime64[D]")
        due = np.where(last_conf["kind"].to_numpy() == KIND["review_conference"], self.add_months(last_d, 6), self.add_months(last_d, 3))
        out.loc[last_conf.index, "review_due"] = due
        strategy = ev[is_cp & (kind == KIND["strategy_discussion"]) & has("s47_started")].groupby("case")["date"].last()
        strategy = strategy[~strategy.index.isin(last_conf.index)]
        out.loc[strategy.index, "review_due"] = self.add_wd(strategy.to_numpy().astype("datetime64[D]"), 15)

        # ---- LAC ----
        lac = ev[~is_cp]
        lk = lac["kind"].to_numpy()
        start = lac[lk == KIND["started_looked_after"]].groupby("case")["date"].last()
        since_start = lac["date"].to_numpy() >= lac["case"].map(start).fillna(pd.Timestamp("1900-01-01")).to_numpy()
        reviews = lac[(lk == KIND["lac_review"]) & since_start]
        n_reviews = reviews.groupby("case").size()
        last_review = reviews.groupby("case")["date"].last()
        first_review = reviews.groupby("case")["date"].first()
        placements = lac[(lk == KIND["placement_start"]) & since_start].groupby("case")[["date", "flags"]].last()
        place = placements["date"].combine_first(start).combine_first(first_review)
        pflags = placements["flags"].reindex(place.index).fillna(0).astype("int64")
        weekly = (pflags & (FLAG["placed_with_parent"] | FLAG["temporary_approval"])) != 0
        long_term = (pflags & FLAG["long_term"]) != 0
        # The first review on or after the placement, for "weekly until the first review".
        r = reviews.assign(place=reviews["case"].map(place))
        review_after_place = r[r["date"] >= r["place"]].groupby("case")["date"].first()
        year_end = pd.Series(self.add_months_raw(place.to_numpy().astype("datetime64[D]"), 12), index=place.index)

        def visit_limit(rows: pd.DataFrame) -> npt.NDArray[np.datetime64]:
            prev = rows["prev"].to_numpy()
            c = rows["case"]
            six_weeks = self.add_days(prev, 42)
            week = self.add_days(prev, 7)
            after_first_year = np.where(c.map(long_term).to_numpy(), self.add_months(prev, 3), six_weeks)
            limit = np.where(prev < c.map(year_end).to_numpy().astype("datetime64[D]"), six_weeks, after_first_year)
            reviewed_later = c.map(review_after_place).to_numpy().astype("datetime64[D]")
            weekly_now = c.map(weekly).to_numpy() & ~(reviewed_later <= week)  # NaT: no review yet
            limit = np.where(weekly_now, week, limit)
            return np.where(rows["first"].to_numpy(), week, limit)

        lac_visits = lac[((lk == KIND["visit"]) & ((lac["flags"].to_numpy() & FLAG["seen"]) != 0)) & lac["case"].isin(place.index).to_numpy()]
        g = gaps(lac_visits, place, visit_limit)
        out.loc[g.index, "visit_gaps"] = g.to_numpy()
        last = last_review.combine_first(start)
        k = n_reviews.reindex(last.index).fillna(0).to_numpy()
        has_start = last.index.isin(start.index)
        last_d = last.to_numpy().astype("datetime64[D]")
        due = np.where(
            ~has_start | (k >= 2),
            self.add_months(last_d, 6),
            np.where(k == 1, self.add_months(last_d, 3), self.add_wd(last_d, 20)),
        )
        out.loc[last.index, "review_due"] = due

        out.loc[ended.to_numpy(), "review_due"] = pd.NaT
        return out



def machine() -> dict[str, object]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "nproc": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__, "pandas": pd.__version__,
            "midway": midway.__version__}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=130_000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1, help="midway threads (0: all cores); the peer has one")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    cols = midway.synthetic_columns(args.cases, seed=args.seed, as_of=AS_OF.astype(object))
    build = time.perf_counter() - t0
    # The pandas peer computes on codes: the enum columns (pandas.Categorical) as uint8 codes; evaluate reads both.
    for key in ("event_kind", "case_kind", "meeting_status"):
        cols[key] = np.asarray(cols[key].codes, dtype=np.uint8)
    n_events = len(cols["event_kind"])
    input_bytes = sum(a.nbytes for k, a in cols.items() if k.startswith("event_"))
    peer = Peer(govuk_holidays())
    as_of = AS_OF.astype(object)

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t_midway, res = best_of(args.repeat, lambda: midway.evaluate(cols, as_of=as_of, threads=args.threads))
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t_pandas, ref = best_of(args.repeat, lambda: peer.run(cols, AS_OF))

    got = pd.DataFrame(res)
    checks = {
        "visit_gaps": (got["visit_gaps"].to_numpy(), ref["visit_gaps"].to_numpy()),
        "core_group_gaps": (got["core_group_gaps"].to_numpy(), ref["core_group_gaps"].to_numpy()),
        "review_due": (got["review_due"].to_numpy().astype("datetime64[D]"), ref["review_due"].to_numpy().astype("datetime64[D]")),
    }
    for name, (a, b) in checks.items():
        same = (a == b) | (pd.isna(a) & pd.isna(b))
        if not same.all():
            i = int(np.argmin(same))
            print(f"DISAGREE on {name}: case {got['case_id'][i]} (row {i}): midway {a[i]}, pandas {b[i]}", file=sys.stderr)
            return 1

    ratio = t_pandas / t_midway
    print(f"England-size synthetic caseload: {args.cases:,} cases, {n_events:,} events (built in {build:.2f} s)")
    print(f"midway.evaluate, {args.threads or os.cpu_count()} thread(s): {t_midway * 1e3:9.1f} ms  ({t_midway / n_events * 1e9:6.1f} ns/event)")
    print(f"pandas peer, 1 thread:        {t_pandas * 1e3:9.1f} ms  ({t_pandas / n_events * 1e9:6.1f} ns/event)")
    print(f"pandas / midway: {ratio:.1f}x; the two agree on all {args.cases:,} cases "
          f"(visit gaps, core-group gaps, next review due)")
    print(f"input columns: {input_bytes / n_events:.1f} bytes/event; maxrss growth during midway.evaluate: "
          f"{(rss1 - rss0) * 1024 / n_events:.1f} bytes/event")
    if args.json:
        args.json.write_text(json.dumps({"cases": args.cases, "events": n_events, "midway_s": t_midway, "pandas_s": t_pandas,
                                         "ratio": ratio, "threads": args.threads, "machine": machine()}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
