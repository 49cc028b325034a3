"""The numpy peer: the same stages in plain numpy on the event columns, which are already grouped by case and
in date order: per-case first/last by the boundaries of a masked selection, the previous event of a case by a
shifted copy, counts by bincount, due dates by indexing DayTables, the risk rule by searchsorted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from .common import (
    CASE_CP,
    CASE_LAC,
    CEASED,
    CORE_GROUP,
    CORE_GROUP_GAP,
    CORRECTION,
    CSE,
    ICPC,
    LAC_REVIEW,
    LONG_TERM,
    MIDWAY,
    MIDWAY_DATE_NOT_SET,
    MISSING,
    NO_OVERSIGHT,
    NO_PLAN_UPDATE,
    NONE,
    NOT_REQUIRED,
    OVERDUE_CORE_GROUP,
    OVERDUE_MIDWAY,
    OVERDUE_REVIEW,
    OVERDUE_VISIT,
    OVERSIGHT,
    PLACED_WITH_PARENT,
    PLACEMENT,
    PLAN_CONTINUES,
    PLAN_ENDED,
    PLAN_OPEN_18,
    PLAN_OPEN_24,
    PLAN_STARTED,
    PLAN_UPDATED,
    RCPC,
    RISK_NOT_RESPONDED,
    S47,
    S47_STARTED,
    SEEN,
    STARTED,
    STRATEGY,
    TEMPORARY_APPROVAL,
    TRANSFER_IN,
    TRANSFER_NOTIFIED,
    VISIT,
    VISIT_GAP,
    DayTables,
    days_of,
)

NAME = "numpy"
I32 = npt.NDArray[Any]  # int32 days or case numbers
B = npt.NDArray[Any]  # bool


def run(cols: Mapping[str, npt.NDArray[np.generic]], as_of: int, soon: int, tables: DayTables) -> dict[str, npt.NDArray[np.generic]]:
    """One row per case, in case order (days as int32, NONE for none)."""
    lo = tables.lo
    n = len(cols["case_kind"])

    def look(table: str, d: I32) -> I32:
        out = np.full(len(d), NONE, dtype=np.int32)
        ok = d != NONE
        out[ok] = tables.t[table][d[ok] - lo]
        return out

    keep = days_of(cols["event_date"]) <= as_of
    case = cols["event_case"][keep]
    kind = cols["event_kind"][keep]
    day = days_of(cols["event_date"][keep])
    flags = cols["event_flags"][keep].astype(np.int32)
    other = days_of(cols["event_other_date"][keep])
    ckind = cols["case_kind"]
    is_cp, is_lac = ckind == CASE_CP, ckind == CASE_LAC

    def has(bit: int) -> B:
        out: B = (flags & bit) != 0
        return out

    def bounds(idx: npt.NDArray[Any]) -> tuple[I32, B, B]:
        """The case of each selected row, and whether it is the first / last selected row of its case."""
        c = case[idx]
        if len(c) == 0:
            return c, np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
        edge = c[1:] != c[:-1]
        return c, np.r_[True, edge], np.r_[edge, True]

    def first_last(mask: B) -> tuple[I32, I32, npt.NDArray[Any]]:
        """Per case: the first and last selected day (NONE) and the last selected row (-1)."""
        idx = np.flatnonzero(mask)
        c, is_first, is_last = bounds(idx)
        first = np.full(n, NONE, dtype=np.int32)
        last = np.full(n, NONE, dtype=np.int32)
        row = np.full(n, -1, dtype=np.intp)
        first[c[is_first]] = day[idx[is_first]]
        last[c[is_last]] = day[idx[is_last]]
        row[c[is_last]] = idx[is_last]
        return first, last, row

    def chain(mask: B, anchor: I32) -> tuple[npt.NDArray[Any], I32, I32, B]:
        """The selected rows on or after their case's anchor day: rows, cases, previous day (the anchor for the first), first?"""
        idx = np.flatnonzero(mask & (day >= anchor[case]) & (anchor[case] != NONE))
        c, is_first, _ = bounds(idx)
        d = day[idx]
        prev = np.r_[np.int32(NONE), d[:-1]].astype(np.int32)[: len(d)]
        prev[is_first] = anchor[c[is_first]]
        return idx, c, prev, is_first

    def count(c: I32, late: B) -> npt.NDArray[np.int64]:
        return np.bincount(c[late], minlength=n)

    def last_of(idx: npt.NDArray[Any]) -> I32:
        """Per case, the day of its last row in idx (NONE)."""
        out = np.full(n, NONE, dtype=np.int32)
        if len(idx):
            c, _, is_last = bounds(idx)
            out[c[is_last]] = day[idx[is_last]]
        return out

    # ---- the end of the plan or care ----
    ends = ~has(CORRECTION) & (np.isin(kind, [PLAN_ENDED, CEASED]) | ((kind == RCPC) & ~has(PLAN_CONTINUES))
                               | ((kind == ICPC) & ~has(PLAN_STARTED)))
    ended = np.zeros(n, dtype=bool)
    ended[case[ends]] = True

    review_due = np.full(n, NONE, dtype=np.int32)
    visit_due = np.full(n, NONE, dtype=np.int32)
    core_group_due = np.full(n, NONE, dtype=np.int32)
    midway_due = np.full(n, NONE, dtype=np.int32)
    midway_anchor = np.full(n, NONE, dtype=np.int32)
    review_item = np.where(is_lac, "lac_review", "rcpc").astype("<U22")

    # ---- child protection ----
    cp_ev = is_cp[case]
    start, last, last_row = first_last(cp_ev & np.isin(kind, [ICPC, RCPC, TRANSFER_IN]))
    has_plan = start != NONE
    last_kind = np.where(last_row >= 0, kind[last_row], 255)
    last_other = np.where(last_row >= 0, other[last_row], NONE)
    # The ICPC counts from the FIRST strategy discussion that started a s.47 enquiry, else the first s.47 start;
    # a transfer-in notified (and no conference yet) is due from the first notification.
    strategy, _, _ = first_last(cp_ev & (kind == STRATEGY) & has(S47_STARTED))
    s47, _, _ = first_last(cp_ev & (kind == S47))
    notified, _, _ = first_last(cp_ev & (kind == TRANSFER_NOTIFIED))
    idx, c, prev, _ = chain(cp_ev & (kind == VISIT) & has(SEEN), start)
    visit_gaps = count(c, day[idx] > look("wd10", prev))
    last_visit = last_of(idx)
    idx, c, prev, first = chain(cp_ev & (kind == CORE_GROUP), start)
    core_group_gaps = count(c, day[idx] > np.where(first, look("wd10", prev), look("wk6", prev)))
    last_group = last_of(idx)
    rcpc = is_cp & (last_kind == RCPC)
    pending = notified != NONE
    icpc_due = look("wd15", np.where(pending, notified, np.where(strategy != NONE, strategy, s47)))
    review_item[is_cp & ~has_plan] = "icpc"
    review_item[is_cp & ~has_plan & pending] = "transfer_in_conference"
    review_due[is_cp] = np.where(~has_plan, icpc_due, np.where(rcpc, look("m6", last), look("m3", last)))[is_cp]
    visit_due[is_cp] = look("wd10", np.where(last_visit != NONE, last_visit, start))[is_cp]
    core_group_due[is_cp] = np.where(last_group != NONE, look("wk6", last_group), look("wd10", start))[is_cp]
    midway_anchor[rcpc] = last[rcpc]
    midway_due[rcpc] = np.where(last_other != NONE, last_other, look("d84", last))[rcpc]

    # ---- looked after children ----
    lac_ev = is_lac[case]
    care, _, _ = first_last(lac_ev & (kind == STARTED))
    since = lac_ev & (day >= np.where(care == NONE, np.iinfo(np.int32).min, care)[case])
    rmask = since & (kind == LAC_REVIEW)
    first_review, last_review, review_row = first_last(rmask)
    reviews = np.bincount(case[rmask], minlength=n)
    _, placement, placement_row = first_last(since & (kind == PLACEMENT))
    valid = is_lac & ((care != NONE) | (reviews > 0))
    place = np.where(placement != NONE, placement, np.where(care != NONE, care, first_review))
    place[~valid] = NONE
    pflags = np.where(placement_row >= 0, flags[placement_row], 0)
    weekly = (placement != NONE) & ((pflags & (PLACED_WITH_PARENT | TEMPORARY_APPROVAL)) != 0)
    long_term = (placement != NONE) & ((pflags & LONG_TERM) != 0)
    first_year_end = look("m12", place)
    after_place, _, _ = first_last(rmask & (day >= place[case]) & (place[case] != NONE))
    after_place = np.where(after_place == NONE, np.iinfo(np.int32).max, after_place)

    def visit_limit(anchor: I32, at_place: B, c: npt.NDArray[Any] | slice) -> I32:
        week = look("wk1", anchor)
        later = np.where(long_term[c], look("m3", anchor), look("wk6", anchor))
        return np.where(at_place | (weekly[c] & (after_place[c] > week)), week,
                        np.where(anchor < first_year_end[c], look("wk6", anchor), later))

    idx, c, prev, first = chain(since & (kind == VISIT) & has(SEEN), place)
    visit_gaps += count(c, day[idx] > visit_limit(prev, first, c))
    lac_last_visit = last_of(idx)
    no_care = care == NONE
    last = np.where(last_review != NONE, last_review, care)
    due = np.where(no_care | (reviews >= 2), look("m6", last), np.where(reviews == 1, look("m3", last), look("wd20", last)))
    review_due[valid] = due[valid]
    anchor = np.where(lac_last_visit != NONE, lac_last_visit, place)
    visit_due[valid] = visit_limit(anchor, lac_last_visit == NONE, slice(None))[valid]
    six = valid & ((reviews >= 2) | ((reviews >= 1) & no_care))
    review_other = np.where(review_row >= 0, other[review_row], NONE)
    # A midway date set at the first (or second) review is honoured too, outside the 6-monthly intervals.
    mid = six | (valid & (reviews >= 1) & (review_other != NONE))
    halfway = look("back0", np.where(six, last_review + (due - last_review) // 2, NONE).astype(np.int32))
    midway_anchor[mid] = last_review[mid]
    midway_due[mid] = np.where(review_other != NONE, review_other, halfway)[mid]

    # ---- midway reviews held or not required, and the statuses ----
    a = midway_anchor[case]
    _, _, closed_row = first_last((kind == MIDWAY) & (a != NONE) & ((day > a) | ((day == a) & has(NOT_REQUIRED))))
    out: dict[str, npt.NDArray[np.generic]] = {"review_item": review_item}
    for item, d in (("review", review_due), ("midway", midway_due), ("visit", visit_due), ("core_group", core_group_due)):
        d[ended] = NONE
        out[f"{item}_due"] = d
        out[f"{item}_status"] = np.select([d == NONE, d < as_of, d <= soon], ["not_applicable", "overdue", "due_soon"], "upcoming")
    closed = (midway_due != NONE) & (closed_row >= 0)
    not_required = (flags[closed_row] & NOT_REQUIRED) != 0
    out["midway_status"][closed] = np.where(not_required, "not_required", "done")[closed]
    # A 6-monthly review (an RCPC, a LAC review from the second on) that set no midway date, its midway review
    # still to come (neither held nor not required), from the day after the review.
    not_set = (rcpc & (last_other == NONE)) | (six & (review_other == NONE))
    midway_not_set = not_set & ~ended & ~closed & (midway_due != NONE) & (midway_anchor < as_of)
    out["visit_gaps"] = visit_gaps.astype(np.int32)
    out["core_group_gaps"] = core_group_gaps.astype(np.int32)

    # ---- drift (docs/drift.md): what a plan or care still open is found to lack ----
    _, plan_meeting, _ = first_last(np.isin(kind, [ICPC, RCPC, TRANSFER_IN, CORE_GROUP]))
    _, plan_update, _ = first_last(kind == PLAN_UPDATED)
    _, oversight, _ = first_last(kind == OVERSIGHT)
    oversight_start, _, _ = first_last(np.isin(kind, [ICPC, TRANSFER_IN, STARTED]))
    _, plan_start, _ = first_last(((kind == ICPC) & has(PLAN_STARTED)) | (kind == TRANSFER_IN))
    # A missing episode or CSE concern on a CP case with no strategy discussion or s.47 start within
    # risk_response_within: the first response on or after its day, by searchsorted on (case, day).
    risk = np.flatnonzero(cp_ev & np.isin(kind, [MISSING, CSE]))
    resp = np.flatnonzero(np.isin(kind, [STRATEGY, S47]))
    key = (case.astype(np.int64) << 32) + (day.astype(np.int64) - np.iinfo(np.int32).min)
    j = np.searchsorted(key[resp], key[risk])
    limit = look("wd3", day[risk])
    jr = resp[np.minimum(j, len(resp) - 1)] if len(resp) else np.zeros(len(risk), dtype=np.intp)
    answered = (j < len(resp)) & (case[jr] == case[risk]) & (day[jr] <= limit)
    unanswered = np.bincount(case[risk][~answered & (limit < as_of)], minlength=n)

    counts = {
        OVERDUE_REVIEW: out["review_status"] == "overdue",
        OVERDUE_MIDWAY: out["midway_status"] == "overdue",
        OVERDUE_VISIT: out["visit_status"] == "overdue",
        OVERDUE_CORE_GROUP: out["core_group_status"] == "overdue",
        VISIT_GAP: visit_gaps,
        CORE_GROUP_GAP: core_group_gaps,
        NO_PLAN_UPDATE: is_cp & (plan_meeting != NONE) & ~((plan_update != NONE) & (plan_update >= plan_meeting))
        & (look("wd10", plan_meeting) < as_of),
        NO_OVERSIGHT: (lambda t: (t != NONE) & (t < as_of))(look("m3", np.where(oversight != NONE, oversight, oversight_start))),
        RISK_NOT_RESPONDED: unanswered,
        PLAN_OPEN_18: is_cp & (plan_start != NONE) & (look("m18", plan_start) <= as_of),
        PLAN_OPEN_24: is_cp & (plan_start != NONE) & (look("m24", plan_start) <= as_of),
        MIDWAY_DATE_NOT_SET: midway_not_set,
    }
    findings = np.zeros(n, dtype=np.int64)
    rules = np.zeros(n, dtype=np.int64)
    for bit, cnt in counts.items():
        cnt = np.asarray(cnt, dtype=np.int64)
        findings += cnt
        rules |= (cnt > 0).astype(np.int64) << bit
    out["findings"] = np.where(ended, 0, findings).astype(np.int32)
    out["finding_rules"] = np.where(ended, 0, rules).astype(np.uint16)
    return out


def to_columns(out: dict[str, npt.NDArray[np.generic]]) -> dict[str, npt.NDArray[np.generic]]:
    """The result as numpy arrays (already)."""
    return out
