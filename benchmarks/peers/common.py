"""What the peers share: the England policy's due dates precomputed once per calendar day.

Every rule of the England policy that the synthetic caseload exercises measures a period from one day to
another. The peers never do date arithmetic per event: `DayTables` computes, once for every calendar day of
the caseload's span, the due date each period gives from that day (numpy.busday_offset over the GOV.UK
England-and-Wales bank holidays, tests/data/govuk-bank-holidays.json; calendar periods by date arithmetic and
then brought back to the previous working day), and each peer looks them up by day (a gather or a join).

Days are int32 days since 1970-01-01 throughout; `NONE` (-2**31) stands for "no date", as in midway's own int32
day columns. bench_peers.py hands every tool (midway included) the same columns, `event_date` and `event_other_date`
already as int32 days (`int32_days`, done once, outside the timing).
"""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Final

import numpy as np
import numpy.typing as npt

FEED: Final = Path(__file__).resolve().parents[2] / "tests" / "data" / "govuk-bank-holidays.json"
NONE: Final = np.iinfo(np.int32).min  # no date (int32 sentinel for the numpy formulations)

# Event kind codes (midway.event_kinds()) and flag bits (midway.event_flags()); checked against midway
# at start-up by bench_peers.py.
STRATEGY, S47, ICPC, RCPC, TRANSFER_IN, STARTED, PLACEMENT, LAC_REVIEW, VISIT, CORE_GROUP, MIDWAY = range(11)
# BIRTH (24) changes nothing under the England policy (pre_birth_first_rcpc is 0 months: no pre-birth rule);
# TRANSFER_NOTIFIED (25): a CP case with no conference yet has its transfer-in conference due 15 working days
# from the first notification (transfer_in_after_notification).
PLAN_ENDED, CEASED, BIRTH, TRANSFER_NOTIFIED = 22, 23, 24, 25
SEEN, S47_STARTED, PLAN_CONTINUES, LONG_TERM, PLACED_WITH_PARENT, TEMPORARY_APPROVAL = 1, 4, 8, 16, 32, 64
PLAN_STARTED, NOT_REQUIRED, CORRECTION = 256, 512, 2048
CASE_LAC, CASE_CP = 0, 1

# The England policy (docs/schedule.md), as the names of the per-day tables below.
#   icpc_after_strategy 15 wd (from the FIRST s.47 strategy discussion, else the first s.47 start);
#   transfer_in_after_notification 15 wd; first_core_group_after_icpc 10 wd; core_group_interval 6 weeks;
#   first_rcpc_after_icpc 3 months; rcpc_interval 6 months; cp_visit_interval 10 wd;
#   cp_midway_after_review 84 days (fixed span); first_lac_review 20 wd; second_lac_review 3 months;
#   lac_review_interval 6 months; lac visits: 1 week after placement, 6 weeks in the placement's first
#   year (12 calendar months, not moved), then 3 months (long term) or 6 weeks; 1 week while placed with a
#   parent or temporarily approved until the first review; lac midway review halfway; due_soon 5 wd.
#   Drift (docs/drift.md): plan_update_after_meeting 10 wd; management_oversight_interval 3 months;
#   risk_response_within 3 wd; plan_open_warning 18 and plan_open_alert 24 months (the anniversary stands).
TABLES: Final = ("wd3", "wd10", "wd15", "wd20", "wk1", "wk6", "m3", "m6", "m12", "d84", "back0", "m18", "m24")

# Drift rules (midway.drift_rules() order): the bit of finding_rules for each.
OVERDUE_REVIEW, OVERDUE_MIDWAY, OVERDUE_VISIT, OVERDUE_CORE_GROUP, VISIT_GAP, CORE_GROUP_GAP = range(6)
NO_PLAN_UPDATE, NO_OVERSIGHT, RISK_NOT_RESPONDED, PLAN_OPEN_18, PLAN_OPEN_24 = 7, 8, 9, 10, 11
# 12 is repeated_rescheduling (meetings: not modelled). midway_date_not_set (issue 16): a 6-monthly review (an
# RCPC; a LAC review from the second on, or any in a history with no start of care) that recorded no midway date,
# while its midway review is neither held nor recorded not required, from the day after the review.
MIDWAY_DATE_NOT_SET = 13
PLAN_UPDATED, OVERSIGHT, MISSING, CSE = 11, 12, 16, 17

STATUS: Final = ("overdue", "due_soon", "upcoming", "done", "not_required", "not_applicable")


def govuk_holidays() -> npt.NDArray[np.datetime64]:
    feed = json.loads(FEED.read_text(encoding="utf-8"))
    return np.array([e["date"] for e in feed["england-and-wales"]["events"]], dtype="datetime64[D]")


def add_months_raw(d: npt.NDArray[np.datetime64], n: int) -> npt.NDArray[np.datetime64]:
    """The same day n months on, clamped to the month's end (calendar months)."""
    month = d.astype("datetime64[M]")
    day = (d - month.astype("datetime64[D]")).astype("int64")
    target = month + np.timedelta64(n, "M")
    length = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")).astype("int64")
    out: npt.NDArray[np.datetime64] = target.astype("datetime64[D]") + np.minimum(day, length - 1).astype("timedelta64[D]")
    return out


class DayTables:
    """For every day lo..hi (int32 days), the due date of each England period counted from it."""

    def __init__(self, lo: int, hi: int, holidays: npt.NDArray[np.datetime64] | None = None) -> None:
        cal = np.busdaycalendar(weekmask="1111100", holidays=govuk_holidays() if holidays is None else holidays)
        self.lo, self.hi = int(lo), int(hi)
        days = np.arange(self.lo, self.hi + 1, dtype="int64").astype("datetime64[D]")

        def wd(n: int) -> npt.NDArray[np.datetime64]:  # day 0 convention: the n-th working day after
            out: npt.NDArray[np.datetime64] = np.busday_offset(days, n, roll="backward", busdaycal=cal)
            return out

        def back(d: npt.NDArray[np.datetime64]) -> npt.NDArray[np.datetime64]:  # a non-working day: the previous working day
            out: npt.NDArray[np.datetime64] = np.busday_offset(d, 0, roll="backward", busdaycal=cal)
            return out

        cols: dict[str, npt.NDArray[np.datetime64]] = {
            "wd3": wd(3),
            "wd10": wd(10),
            "wd15": wd(15),
            "wd20": wd(20),
            "wk1": back(later(days, 7)),
            "wk6": back(later(days, 42)),
            "m3": back(add_months_raw(days, 3)),
            "m6": back(add_months_raw(days, 6)),
            "m12": add_months_raw(days, 12),  # reg 28's first year: the date stands
            "d84": back(later(days, 84)),
            "back0": back(days),
            "m18": add_months_raw(days, 18),
            "m24": add_months_raw(days, 24),
        }
        self.day = np.arange(self.lo, self.hi + 1, dtype=np.int32)
        self.t: dict[str, npt.NDArray[np.int32]] = {k: v.astype("int64").astype(np.int32) for k, v in cols.items()}

    @staticmethod
    def span_of(event_days: npt.NDArray[np.int32], as_of: int) -> tuple[int, int]:
        """The days a run can look up: the first event to beyond the last due date (6 months after as_of)."""
        lo = int(event_days.min()) if len(event_days) else as_of
        return min(lo, as_of), max(int(event_days.max()) if len(event_days) else as_of, as_of) + 400


def later(d: npt.NDArray[np.datetime64], n: int) -> npt.NDArray[np.datetime64]:
    """n calendar days on."""
    out: npt.NDArray[np.datetime64] = (d + np.timedelta64(n, "D")).astype("datetime64[D]")
    return out


def days_of(d: npt.NDArray[Any]) -> npt.NDArray[np.int32]:
    """int32 days since 1970-01-01 (NONE for none) from int32 days (as they are, no copy) or datetime64 (NaT)."""
    if d.dtype == np.int32:
        return d
    raw = d.astype("datetime64[D]").view("int64")
    out: npt.NDArray[np.int32] = np.where(np.isnat(d), NONE, raw).astype(np.int32)
    return out


def soon_of(as_of: int, holidays: npt.NDArray[np.datetime64] | None = None) -> int:
    """The last "due soon" day: 5 working days after as_of (day 0)."""
    cal = np.busdaycalendar(weekmask="1111100", holidays=govuk_holidays() if holidays is None else holidays)
    d = np.array([as_of], dtype="int64").astype("datetime64[D]")
    return int(np.busday_offset(d, 5, roll="backward", busdaycal=cal).astype("int64")[0])


def int32_days(cols: Mapping[str, npt.NDArray[Any]]) -> dict[str, npt.NDArray[Any]]:
    """The columns with event_date and event_other_date as int32 days since 1970 (no date: NONE), the form
    midway.evaluate reads without a copy, and the enum columns (pandas.Categorical in midway's columns) as their
    uint8 codes, the form the peers compute on. Done once, before anything is timed; every tool gets the result."""
    out = dict(cols)
    for key in ("event_kind", "case_kind", "meeting_status"):
        if key in out and hasattr(out[key], "codes"):
            out[key] = np.asarray(out[key].codes, dtype=np.uint8)
    for key in ("event_date", "event_other_date"):
        if key in out:
            out[key] = np.ascontiguousarray(days_of(out[key]))
    return out
