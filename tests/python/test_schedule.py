"""The schedule engine through the binding: worked scenarios for every rule and every setting of
docs/schedule.md, around Christmas 2026 and Easter 2027 so that the calendar matters.
(Mirrors tests/cpp/test_schedule.cpp with dates of its own.)

Every expected date is worked out by hand in a comment on the england-and-wales calendar unless a
test says otherwise. "wd" = working days; day-0 counting unless the test says inclusive.

    November 2026       December 2026       January 2027        February 2027
    Mo Tu We Th Fr      Mo Tu We Th Fr      Mo Tu We Th Fr      Mo Tu We Th Fr
    23 24 25 26 27       7  8  9 10 11       4  5  6  7  8       1  2  3  4  5
    30                  14 15 16 17 18      11 12 13 14 15       8  9 10 11 12
                        21 22 23 24 25*     18 19 20 21 22      ...
                        28* 29 30 31  1*    25 26 27 28 29      22 23 24 25 26

    March 2027          April 2027          May 2027 ...        September 2027
    Mo Tu We Th Fr      Mo Tu We Th Fr      Mo Tu We Th Fr      Mo Tu We Th Fr
    15 16 17 18 19      29* 30 31  1  2      3* 4  5  6  7      20 21 22 23 24 (Sat 25)
    22 23 24 25 26*      5  6  7  8  9      ...                 27 28 29 30
    29*                 12 13 14 15 16      31*

Bank holidays (*), england-and-wales: Fri 25 Dec 2026 Christmas Day; Mon 28 Dec 2026 Boxing Day
(substitute for Sat 26); Fri 1 Jan 2027 New Year's Day; Fri 26 Mar 2027 Good Friday; Mon 29 Mar
2027 Easter Monday; Mon 3 May 2027 early May; Mon 31 May 2027 spring; Mon 30 Aug 2027 summer.
Scotland 2027 also has Mon 4 Jan (2nd January, substitute for Sat 2 Jan).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import midway
from midway import ItemKind, ItemStatus, PeriodUnit, Policy

D = dt.date
CAL = midway.Calendar("england-and-wales")
SCOT = midway.Calendar("scotland")
ENGLAND = Policy.england()
WD, CD, WK, MO = PeriodUnit.WORKING_DAYS, PeriodUnit.CALENDAR_DAYS, PeriodUnit.WEEKS, PeriodUnit.MONTHS
UP, SOON, LATE = ItemStatus.UPCOMING, ItemStatus.DUE_SOON, ItemStatus.OVERDUE
DONE, NOT_REQUIRED, NA = ItemStatus.DONE, ItemStatus.NOT_REQUIRED, ItemStatus.NOT_APPLICABLE


def run(case: midway.Case, as_of: dt.date, policy: Policy = ENGLAND, calendar: midway.Calendar = CAL) -> midway.CaseSchedule:
    return midway.schedule(case, as_of=as_of, policy=policy, calendar=calendar)


def add(case: midway.Case, id: str, data: Any, *, correction: bool = False) -> None:
    case.record(data, id=id, correction=correction)


def expect_item(
    item: midway.DueItem,
    kind: ItemKind,
    due: dt.date | None,
    status: ItemStatus,
    from_events: list[str],
    explanation: str,
) -> None:
    assert item.explanation == explanation
    assert item.kind is kind
    assert item.due == due, item.explanation
    assert item.status is status, item.explanation
    assert item.from_events == from_events


def expect_due(item: midway.DueItem, due: dt.date, status: ItemStatus) -> None:
    assert item.due == due, item.explanation
    assert item.status is status, item.explanation


def expect_na(item: midway.DueItem, kind: ItemKind, why: str) -> None:
    expect_item(item, kind, None, NA, [], why)


def checks(s: midway.CaseSchedule, kind: ItemKind) -> list[midway.IntervalCheck]:
    return [g for g in s.history if g.kind is kind]


def check_from(s: midway.CaseSchedule, kind: ItemKind, start: dt.date) -> midway.IntervalCheck:
    found = [g for g in s.history if g.kind is kind and g.start == start]
    assert len(found) == 1, [g.explanation for g in s.history]
    return found[0]


def expect_check(
    g: midway.IntervalCheck, end: dt.date, limit: dt.date, length: int, unit: PeriodUnit, kept: bool, open: bool
) -> None:
    assert (g.end, g.limit, g.length, g.unit, g.kept, g.open) == (end, limit, length, unit, kept, open), g.explanation


def cp(*, partial: bool = False) -> midway.Case:
    return midway.Case(case_id="CP-1", child_id="C-1", kind="CP", partial_history=partial)


def lac(*, partial: bool = False) -> midway.Case:
    return midway.Case(case_id="LAC-1", child_id="C-2", kind="LAC", partial_history=partial)


def cp_with_icpc(**icpc: Any) -> midway.Case:
    """Strategy discussion (s.47) Mon 2026-12-07; ICPC Tue 2026-12-29, 14 wd later (on time)."""
    c = cp()
    add(c, "sd", midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True))
    add(c, "icpc", midway.InitialConference(date=D(2026, 12, 29), **icpc))
    return c


def cp_with_rcpc(midway_date: dt.date | None = None) -> midway.Case:
    """... then the first RCPC on Thu 2027-03-25, the day it was due."""
    c = cp_with_icpc()
    add(c, "r1", midway.ReviewConference(date=D(2027, 3, 25), midway_date=midway_date))
    return c


def lac_started(**placement: Any) -> midway.Case:
    """Start of care and placement Fri 2026-11-27."""
    c = lac()
    add(c, "s1", midway.StartedLookedAfter(date=D(2026, 11, 27), legal_status="C2"))
    add(c, "p1", midway.PlacementStart(date=D(2026, 11, 27), **placement))
    return c


def lac_two_reviews(midway_date: dt.date | None = None) -> midway.Case:
    """... first review Tue 2026-12-29 (20 wd, on time), second Thu 2027-03-25 (on time)."""
    c = lac_started()
    add(c, "r1", midway.LacReview(date=D(2026, 12, 29)))
    add(c, "r2", midway.LacReview(date=D(2027, 3, 25), midway_date=midway_date))
    return c


# =============================================================================================
# CP: before the ICPC
# =============================================================================================


def test_icpc_due_15_working_days_after_the_strategy_discussion() -> None:
    c = cp()
    c.record(midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True))
    s = run(c, D(2026, 12, 14))
    # Mon 7 Dec + 15 wd: 8-11 (4), 14-18 (9), 21-24 (13), [25, 28 holidays], Tue 29 (14), Wed 30 (15).
    # As of Mon 14 Dec the due-soon window (5 wd) ends Mon 21 Dec: upcoming.
    expect_item(
        s.next_review, ItemKind.ICPC, D(2026, 12, 30), UP, ["e1"],
        "ICPC due 2026-12-30: 15 working days after the strategy discussion of 2026-12-07",
    )
    expect_na(s.midway_review, ItemKind.MIDWAY_REVIEW, "no CP plan yet")
    expect_na(s.next_visit, ItemKind.VISIT, "no CP plan yet")
    expect_na(s.next_core_group, ItemKind.CORE_GROUP, "no CP plan yet")
    assert s.history == []
    assert (s.case_id, s.kind, s.as_of) == ("CP-1", midway.CaseKind.CP, D(2026, 12, 14))


def test_icpc_from_the_first_strategy_discussion_that_started_a_s47() -> None:
    # Issue 16: Working Together counts from the discussion "at which section 47 enquiries were
    # initiated", the first of the episode; the reconvened sd2 does not move the deadline.
    c = cp()
    add(c, "sd1", midway.StrategyDiscussion(date=D(2026, 11, 30), s47_started=True))
    add(c, "sd2", midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True))
    add(c, "sd3", midway.StrategyDiscussion(date=D(2026, 12, 10), s47_started=False))  # no s.47: ignored
    add(c, "sd4", midway.StrategyDiscussion(date=D(2026, 12, 21), s47_started=True))  # after as-of: ignored
    s = run(c, D(2026, 12, 18))
    # From sd1, Mon 30 Nov + 15 wd: 1-4 Dec (4), 7-11 (9), 14-18 (14), Mon 21 Dec (15). Fri 18 Dec +
    # 5 wd = 21, 22, 23, 24, Tue 29: due soon. (From sd2, Mon 7 Dec, it would have been Wed 30 Dec.)
    expect_item(
        s.next_review, ItemKind.ICPC, D(2026, 12, 21), midway.ItemStatus.DUE_SOON, ["sd1"],
        "ICPC due 2026-12-21: 15 working days after the strategy discussion of 2026-11-30",
    )


def test_no_icpc_due_without_a_s47_strategy_discussion_or_start() -> None:
    c = cp()
    add(c, "sd", midway.StrategyDiscussion(date=D(2026, 12, 10), s47_started=False))
    s = run(c, D(2026, 12, 14))
    expect_na(s.next_review, ItemKind.ICPC, "no strategy discussion has started a s.47 enquiry")
    assert s.history == []


def test_icpc_counts_from_the_s47_start_when_no_strategy_discussion_started_it() -> None:
    # The CIN census records the s.47 start and no strategy discussion: the ICPC is counted from
    # it (policy icpc_anchor falls back), as review_timeliness() counts it. Fri 11 Dec 2026 + 15
    # working days: 14-18 (5), 21-24 (9), 25 and 28 Dec bank holidays, 29-31 (12), 1 Jan bank
    # holiday, 4-6 Jan (15): Wed 6 Jan 2027.
    c = cp()
    add(c, "sd", midway.StrategyDiscussion(date=D(2026, 12, 10), s47_started=False))
    add(c, "s47", midway.S47Enquiry(date=D(2026, 12, 11)))
    s = run(c, D(2026, 12, 14))
    assert s.next_review.kind is ItemKind.ICPC
    assert s.next_review.due == D(2027, 1, 6)
    assert s.next_review.explanation == "ICPC due 2027-01-06: 15 working days after the s.47 start of 2026-12-11"


def test_statuses_over_christmas() -> None:
    c = cp()
    add(c, "sd", midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True))  # ICPC due Wed 30 Dec
    # Fri 18 Dec + 5 wd = 21, 22, 23, 24, Tue 29: 30 Dec is outside the window: upcoming.
    assert run(c, D(2026, 12, 18)).next_review.status is UP
    # Mon 21 Dec + 5 wd = 22, 23, 24, 29, Wed 30: the window's last day: due soon, 9 days away.
    assert run(c, D(2026, 12, 21)).next_review.status is SOON
    # As of Christmas Day itself (a holiday): + 5 wd = 29, 30, 31, 4, 5 Jan: due soon.
    assert run(c, D(2026, 12, 25)).next_review.status is SOON
    # Due on the as-of date: due soon, and nothing is late yet.
    s = run(c, D(2026, 12, 30))
    expect_due(s.next_review, D(2026, 12, 30), SOON)
    assert s.history == []
    # The day after: overdue, with an open interval of 16 wd (8 Dec .. 31 Dec).
    s = run(c, D(2026, 12, 31))
    expect_due(s.next_review, D(2026, 12, 30), LATE)
    (g,) = s.history
    assert g.kind is ItemKind.ICPC and g.start == D(2026, 12, 7)
    expect_check(g, D(2026, 12, 31), D(2026, 12, 30), 16, WD, False, True)
    assert g.events == ["sd"]
    assert g.explanation == (
        "ICPC timeliness 2026-12-07 to 2026-12-31 (open): 16 working days, over the 15 working days allowed (limit 2026-12-30)"
    )
    # As of Sun 3 Jan: Fri 1 Jan and the weekend add nothing: still 16 wd.
    expect_check(run(c, D(2027, 1, 3)).history[0], D(2027, 1, 3), D(2026, 12, 30), 16, WD, False, True)


def test_due_soon_window_setting() -> None:
    c = cp()
    add(c, "sd", midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True))  # ICPC due Wed 30 Dec
    # Default: Wed 16 Dec + 5 wd = 17, 18, 21, 22, 23: upcoming.
    assert run(c, D(2026, 12, 16)).next_review.status is UP
    two_weeks = ENGLAND.replace(due_soon_window=(2, "weeks"))
    # Wed 16 Dec + 14 days = Wed 30 Dec: due soon; Tue 15 Dec + 14 days = Tue 29 Dec: upcoming.
    assert run(c, D(2026, 12, 16), two_weeks).next_review.status is SOON
    assert run(c, D(2026, 12, 15), two_weeks).next_review.status is UP


# =============================================================================================
# CP: the plan
# =============================================================================================


def test_after_the_icpc() -> None:
    s = run(cp_with_icpc(), D(2026, 12, 30))
    # Tue 29 Dec + 3 months = Mon 29 Mar 2027, Easter Monday: back over Sun 28, Sat 27 and Good
    # Friday 26 Mar to Thu 25 Mar.
    expect_item(s.next_review, ItemKind.RCPC, D(2027, 3, 25), UP, ["icpc"], "RCPC due 2027-03-25: 3 months after the ICPC of 2026-12-29")
    # Tue 29 Dec + 10 wd: 30, 31 (2), [Fri 1 Jan], 4-8 (7), 11, 12, Wed 13 Jan (10). Wed 30 Dec
    # + 5 wd = 31, 4, 5, 6, Thu 7 Jan: upcoming.
    expect_item(
        s.next_core_group, ItemKind.CORE_GROUP, D(2027, 1, 13), UP, ["icpc"],
        "Core group due 2027-01-13: 10 working days after the ICPC of 2026-12-29",
    )
    expect_item(
        s.next_visit, ItemKind.VISIT, D(2027, 1, 13), UP, ["icpc"], "Visit due 2027-01-13: 10 working days after the ICPC of 2026-12-29"
    )
    expect_na(s.midway_review, ItemKind.MIDWAY_REVIEW, "no midway review between the ICPC that started the plan and the first RCPC")
    # The ICPC was on time: 14 wd against a limit of Wed 30 Dec.
    g = check_from(s, ItemKind.ICPC, D(2026, 12, 7))
    expect_check(g, D(2026, 12, 29), D(2026, 12, 30), 14, WD, True, False)
    assert g.events == ["sd", "icpc"]
    assert g.explanation == "ICPC timeliness 2026-12-07 to 2026-12-29: 14 working days, within 15 working days (limit 2026-12-30)"
    assert [i.kind for i in s.items] == [ItemKind.RCPC, ItemKind.MIDWAY_REVIEW, ItemKind.VISIT, ItemKind.CORE_GROUP]
    assert [i.explanation for i in s.items] == [
        s.next_review.explanation,
        s.midway_review.explanation,
        s.next_visit.explanation,
        s.next_core_group.explanation,
    ]


def test_icpc_held_late_is_not_kept() -> None:
    c = cp()
    add(c, "sd", midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True))
    add(c, "icpc", midway.InitialConference(date=D(2026, 12, 31)))  # Thu 31 Dec is wd 16
    g = check_from(run(c, D(2026, 12, 31)), ItemKind.ICPC, D(2026, 12, 7))
    expect_check(g, D(2026, 12, 31), D(2026, 12, 30), 16, WD, False, False)
    assert g.explanation == "ICPC timeliness 2026-12-07 to 2026-12-31: 16 working days, over the 15 working days allowed (limit 2026-12-30)"


def test_icpc_timeliness_is_still_reported_after_a_later_s47() -> None:
    c = cp()
    add(c, "sd1", midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True))
    add(c, "icpc", midway.InitialConference(date=D(2026, 12, 31)))  # 16 wd: late
    add(c, "sd2", midway.StrategyDiscussion(date=D(2027, 3, 1), s47_started=True))  # further risk during the plan
    (g,) = checks(run(c, D(2027, 3, 2)), ItemKind.ICPC)
    assert g.start == D(2026, 12, 7)
    expect_check(g, D(2026, 12, 31), D(2026, 12, 30), 16, WD, False, False)
    assert g.events == ["sd1", "icpc"]


def test_core_groups_first_after_the_icpc_then_six_weekly() -> None:
    c = cp_with_icpc()
    add(c, "cg1", midway.CoreGroup(date=D(2027, 1, 13), agencies=["school", "health visitor"]))
    s = run(c, D(2027, 1, 14))
    # Wed 13 Jan + 6 weeks = Wed 24 Feb.
    expect_item(
        s.next_core_group, ItemKind.CORE_GROUP, D(2027, 2, 24), UP, ["cg1"],
        "Core group due 2027-02-24: 6 weeks after the core group of 2027-01-13",
    )
    add(c, "cg2", midway.CoreGroup(date=D(2027, 2, 12)))
    s = run(c, D(2027, 2, 12))
    # Fri 12 Feb + 6 weeks = Fri 26 Mar, Good Friday: brought back to Thu 25 Mar.
    expect_item(
        s.next_core_group, ItemKind.CORE_GROUP, D(2027, 3, 25), UP, ["cg2"],
        "Core group due 2027-03-25: 6 weeks after the core group of 2027-02-12",
    )
    # History: the first against 10 wd (exactly 10: kept), the second against 6 weeks:
    # 13 Jan to 12 Feb is 30 days, 4 whole weeks, within the limit of 24 Feb.
    first = check_from(s, ItemKind.CORE_GROUP, D(2026, 12, 29))
    expect_check(first, D(2027, 1, 13), D(2027, 1, 13), 10, WD, True, False)
    assert first.events == ["icpc", "cg1"]
    second = check_from(s, ItemKind.CORE_GROUP, D(2027, 1, 13))
    expect_check(second, D(2027, 2, 12), D(2027, 2, 24), 4, WK, True, False)
    assert second.events == ["cg1", "cg2"]
    assert second.explanation == "core group gap 2027-01-13 to 2027-02-12: 30 days, within 6 weeks (limit 2027-02-24)"


def test_cp_visits_from_the_last_visit_where_the_child_was_seen() -> None:
    c = cp_with_icpc()
    add(c, "v1", midway.Visit(date=D(2027, 1, 13), seen=True, seen_alone=True))
    add(c, "v2", midway.Visit(date=D(2027, 1, 18), seen=False))  # not seen: does not count
    s = run(c, D(2027, 1, 19))
    # Wed 13 Jan + 10 wd: 14, 15 (2), 18-22 (7), 25, 26, Wed 27 Jan (10). Tue 19 Jan + 5 wd = Tue 26: upcoming.
    expect_item(
        s.next_visit, ItemKind.VISIT, D(2027, 1, 27), UP, ["v1"], "Visit due 2027-01-27: 10 working days after the visit of 2027-01-13"
    )
    for g in checks(s, ItemKind.VISIT):
        assert "v2" not in g.events


def test_cp_visit_over_easter() -> None:
    c = cp_with_icpc()
    add(c, "v1", midway.Visit(date=D(2027, 3, 24)))
    s = run(c, D(2027, 3, 24))
    # Wed 24 Mar + 10 wd: Thu 25 (1), [Good Friday, weekend, Easter Monday], 30, 31, 1 Apr, 2 Apr (5),
    # 5-9 Apr (10): Fri 9 Apr. Wed 24 Mar + 5 wd = 25, 30, 31, 1, Fri 2 Apr: upcoming.
    expect_item(
        s.next_visit, ItemKind.VISIT, D(2027, 4, 9), UP, ["v1"], "Visit due 2027-04-09: 10 working days after the visit of 2027-03-24"
    )


def test_visits_before_the_icpc_do_not_count() -> None:
    c = cp()
    add(c, "sd", midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True))
    add(c, "v0", midway.Visit(date=D(2026, 12, 14)))
    add(c, "icpc", midway.InitialConference(date=D(2026, 12, 29)))
    s = run(c, D(2026, 12, 30))
    expect_due(s.next_visit, D(2027, 1, 13), UP)
    assert s.next_visit.from_events == ["icpc"]


def test_rcpc_six_months_after_the_previous_with_a_midway_review_84_days_after() -> None:
    c = cp_with_rcpc()
    s = run(c, D(2027, 3, 26))
    # Thu 25 Mar + 6 months = Sat 25 Sep -> Fri 24 Sep.
    expect_item(s.next_review, ItemKind.RCPC, D(2027, 9, 24), UP, ["r1"], "RCPC due 2027-09-24: 6 months after the RCPC of 2027-03-25")
    # Thu 25 Mar + 84 days: 31 Mar +6, 30 Apr +36, 31 May +67, Thu 17 Jun +84.
    expect_item(
        s.midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 6, 17), UP, ["r1"],
        "Midway review due 2027-06-17: 84 days after the RCPC of 2027-03-25",
    )
    # No visit was recorded: the visit was due 10 wd after the ICPC (Wed 13 Jan) and is overdue.
    expect_due(s.next_visit, D(2027, 1, 13), LATE)
    assert s.next_visit.from_events == ["icpc"]
    # The ICPC -> RCPC interval was kept: 29 Dec to 25 Mar is 86 days (2 + 31 + 28 + 25), 2 whole
    # months (29 Dec + 3 months would be 29 Mar), at the limit of 25 Mar.
    g = check_from(s, ItemKind.RCPC, D(2026, 12, 29))
    expect_check(g, D(2027, 3, 25), D(2027, 3, 25), 2, MO, True, False)
    assert g.events == ["icpc", "r1"]
    assert g.explanation == "review interval 2026-12-29 to 2027-03-25: 86 days, within 3 months (limit 2027-03-25)"

    add(c, "r2", midway.ReviewConference(date=D(2027, 9, 24)))
    s = run(c, D(2027, 9, 27))
    # Fri 24 Sep 2027 + 6 months = Fri 24 Mar 2028; + 84 days: 30 Sep +6, 31 Oct +37, 30 Nov +67,
    # Fri 17 Dec +84.
    expect_item(s.next_review, ItemKind.RCPC, D(2028, 3, 24), UP, ["r2"], "RCPC due 2028-03-24: 6 months after the RCPC of 2027-09-24")
    expect_item(
        s.midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 12, 17), UP, ["r2"],
        "Midway review due 2027-12-17: 84 days after the RCPC of 2027-09-24",
    )
    # 25 Mar to 24 Sep: 183 days, 5 whole months (25 Mar + 6 months = 25 Sep), within the limit.
    expect_check(check_from(s, ItemKind.RCPC, D(2027, 3, 25)), D(2027, 9, 24), D(2027, 9, 24), 5, MO, True, False)


def test_late_rcpc_re_anchors_the_next_on_the_date_held() -> None:
    c = cp_with_icpc()
    add(c, "r1", midway.ReviewConference(date=D(2027, 4, 6)))  # due Thu 25 Mar; held Tue 6 Apr
    s = run(c, D(2027, 4, 7))
    # 6 months after the date held (Wed 6 Oct), not after the due date (which would give Fri 24 Sep).
    expect_item(s.next_review, ItemKind.RCPC, D(2027, 10, 6), UP, ["r1"], "RCPC due 2027-10-06: 6 months after the RCPC of 2027-04-06")
    # Midway: Tue 6 Apr + 84 days: 30 Apr +24, 31 May +55, Tue 29 Jun +84.
    expect_due(s.midway_review, D(2027, 6, 29), UP)
    # 29 Dec to 6 Apr: 98 days (86 + 12), 3 whole months (29 Dec + 3 months = 29 Mar <= 6 Apr), over.
    g = check_from(s, ItemKind.RCPC, D(2026, 12, 29))
    expect_check(g, D(2027, 4, 6), D(2027, 3, 25), 3, MO, False, False)
    assert g.explanation == "review interval 2026-12-29 to 2027-04-06: 98 days, over the 3 months allowed (limit 2027-03-25)"


def test_overdue_rcpc_shows_an_open_review_interval() -> None:
    s = run(cp_with_icpc(), D(2027, 3, 26))
    expect_due(s.next_review, D(2027, 3, 25), LATE)
    # As of Good Friday 26 Mar: 87 days, 2 whole months, open, over the limit of 25 Mar.
    g = check_from(s, ItemKind.RCPC, D(2026, 12, 29))
    expect_check(g, D(2027, 3, 26), D(2027, 3, 25), 2, MO, False, True)
    assert g.explanation == "review interval 2026-12-29 to 2027-03-26 (open): 87 days, over the 3 months allowed (limit 2027-03-25)"


def test_transfer_in_conference_starts_the_plan() -> None:
    c = cp()
    add(c, "tic", midway.TransferInConference(date=D(2026, 12, 29), notified=D(2026, 12, 7)))
    s = run(c, D(2026, 12, 30))
    # As for an ICPC on Tue 29 Dec: RCPC Thu 25 Mar (Easter), visit and core group Wed 13 Jan.
    expect_item(
        s.next_review, ItemKind.RCPC, D(2027, 3, 25), UP, ["tic"], "RCPC due 2027-03-25: 3 months after the transfer-in conference of 2026-12-29"
    )
    expect_na(
        s.midway_review, ItemKind.MIDWAY_REVIEW, "no midway review between the transfer-in conference that started the plan and the first RCPC"
    )
    expect_due(s.next_visit, D(2027, 1, 13), UP)
    expect_due(s.next_core_group, D(2027, 1, 13), UP)
    # Timeliness from the notification, Mon 7 Dec: 14 wd against a limit of 15 (Wed 30 Dec): kept.
    (g,) = checks(s, ItemKind.TRANSFER_IN_CONFERENCE)
    assert g.start == D(2026, 12, 7)
    expect_check(g, D(2026, 12, 29), D(2026, 12, 30), 14, WD, True, False)
    # With 10 wd allowed: Mon 7 Dec + 10 wd = 8-11 (4), 14-18 (9), Mon 21 Dec (10): not kept.
    (strict,) = checks(run(c, D(2026, 12, 30), ENGLAND.replace(transfer_in_after_notification=(10, "working_days"))),
                       ItemKind.TRANSFER_IN_CONFERENCE)
    expect_check(strict, D(2026, 12, 29), D(2026, 12, 21), 14, WD, False, False)


def test_cp_partial_history_starts_at_an_rcpc() -> None:
    c = cp(partial=True)
    add(c, "r1", midway.ReviewConference(date=D(2027, 3, 25)))
    s = run(c, D(2027, 3, 26))
    expect_item(s.next_review, ItemKind.RCPC, D(2027, 9, 24), UP, ["r1"], "RCPC due 2027-09-24: 6 months after the RCPC of 2027-03-25")
    expect_due(s.midway_review, D(2027, 6, 17), UP)
    # Visits from the RCPC: Thu 25 Mar + 10 wd: [26, 29 Mar], 30, 31, 1, 2 (4), 5-9 (9), Mon 12 Apr (10).
    # Fri 26 Mar + 5 wd = 30, 31, 1, 2, Mon 5 Apr: upcoming.
    expect_due(s.next_visit, D(2027, 4, 12), UP)
    assert s.next_visit.from_events == ["r1"]


# ---- CP midway reviews ----


def test_cp_midway_date_set_at_the_rcpc_overrides() -> None:
    s = run(cp_with_rcpc(D(2027, 6, 10)), D(2027, 3, 26))
    expect_item(
        s.midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 6, 10), UP, ["r1"],
        "Midway review due 2027-06-10: set at the RCPC of 2027-03-25 (Chair's Report)",
    )
    # The day before the next RCPC is due (Fri 24 Sep) is still between the two reviews.
    expect_due(run(cp_with_rcpc(D(2027, 9, 23)), D(2027, 3, 26)).midway_review, D(2027, 9, 23), UP)


@pytest.mark.parametrize("bad", [D(2027, 9, 24), D(2027, 10, 1)], ids=str)
def test_cp_midway_date_on_or_after_the_next_review_due_is_a_rule_violation(bad: dt.date) -> None:
    c = cp_with_rcpc(bad)
    with pytest.raises(midway.RuleViolationError) as info:
        run(c, D(2027, 3, 26))
    e = info.value
    assert e.field == "events['r1'].midway_date"
    assert e.record_id == "CP-1"
    assert isinstance(e, ValueError)


def test_cp_midway_held_is_done() -> None:
    c = cp_with_rcpc()
    add(c, "m0", midway.MidwayReview(date=D(2027, 3, 10)))  # in the previous interval: does not count
    add(c, "m1", midway.MidwayReview(date=D(2027, 6, 15)))
    s = run(c, D(2027, 6, 18))
    expect_item(
        s.midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 6, 17), DONE, ["r1", "m1"], "Midway review held on 2027-06-15 (due 2027-06-17)"
    )
    # As of Mon 14 Jun m1 has not happened: Mon 14 Jun + 5 wd = 15-18, Mon 21: due soon.
    s = run(c, D(2027, 6, 14))
    expect_due(s.midway_review, D(2027, 6, 17), SOON)
    assert s.midway_review.from_events == ["r1"]
    # Overdue once the due date has passed without one.
    assert run(cp_with_rcpc(), D(2027, 6, 18)).midway_review.status is LATE


def test_cp_midway_not_required() -> None:
    c = cp_with_rcpc()
    add(c, "m1", midway.MidwayReview(date=D(2027, 5, 4), outcome="not_required", decided_by="chair", reason="plan progressing well"))
    s = run(c, D(2027, 6, 30))
    expect_item(
        s.midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 6, 17), NOT_REQUIRED, ["r1", "m1"],
        "Midway review not required: decided by the Chair on 2027-05-04 (plan progressing well)",
    )


def test_cp_midway_not_required_decided_at_the_review_itself() -> None:
    c = cp_with_rcpc()
    add(c, "m1", midway.MidwayReview(date=D(2027, 3, 25), outcome="not_required", decided_by="chair", reason="no issues"))
    expect_item(
        run(c, D(2027, 3, 26)).midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 6, 17), NOT_REQUIRED, ["r1", "m1"],
        "Midway review not required: decided by the Chair on 2027-03-25 (no issues)",
    )
    # A midway review "held" on the day of the review is not the midway review of the interval.
    held = cp_with_rcpc()
    add(held, "m1", midway.MidwayReview(date=D(2027, 3, 25)))
    s = run(held, D(2027, 3, 26))
    expect_due(s.midway_review, D(2027, 6, 17), UP)
    assert s.midway_review.from_events == ["r1"]


def test_cp_midway_in_short_intervals() -> None:
    s = run(cp_with_icpc(), D(2026, 12, 30), ENGLAND.replace(midway_in_short_intervals=True))
    # Tue 29 Dec + 84 days: 31 Dec +2, 31 Jan +33, 28 Feb +61, Tue 23 Mar +84; before the RCPC (25 Mar).
    expect_item(
        s.midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 3, 23), UP, ["icpc"],
        "Midway review due 2027-03-23: 84 days after the ICPC of 2026-12-29",
    )


def test_cp_midway_halfway_and_other_spans() -> None:
    s = run(cp_with_rcpc(), D(2027, 3, 26), ENGLAND.replace(cp_midway_rule="halfway"))
    # 25 Mar to the next RCPC due Fri 24 Sep: 183 days; half (91): 25 Mar + 84 = 17 Jun, + 7 = Thu 24 Jun.
    expect_item(
        s.midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 6, 24), UP, ["r1"],
        "Midway review due 2027-06-24: halfway between the RCPC of 2027-03-25 and the next review, due 2027-09-24",
    )
    # 10 weeks: Thu 25 Mar + 70 days = Thu 3 Jun.
    s = run(cp_with_rcpc(), D(2027, 3, 26), ENGLAND.replace(cp_midway_after_review=(10, "weeks")))
    expect_item(
        s.midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 6, 3), UP, ["r1"], "Midway review due 2027-06-03: 10 weeks after the RCPC of 2027-03-25"
    )
    # 39 days: 31 Mar +6, 30 Apr +36, Mon 3 May +39, the early May bank holiday: back to Fri 30 Apr.
    s = run(cp_with_rcpc(), D(2027, 3, 26), ENGLAND.replace(cp_midway_after_review=(39, "calendar_days")))
    expect_item(
        s.midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 4, 30), UP, ["r1"], "Midway review due 2027-04-30: 39 days after the RCPC of 2027-03-25"
    )


# ---- pre-birth ----


def test_pre_birth_first_rcpc() -> None:
    c = cp_with_icpc(pre_birth=True)
    # No pre-birth rule in the England preset: 3 months as usual (Thu 25 Mar).
    expect_due(run(c, D(2026, 12, 30)).next_review, D(2027, 3, 25), UP)
    # Counted from the birth (issue 16), none recorded yet: 3 months still.
    expect_due(run(c, D(2026, 12, 30), ENGLAND.replace(pre_birth_first_rcpc=(6, "weeks"))).next_review, D(2027, 3, 25), UP)
    # Counted from the ICPC (pre_birth_from_birth false): 6 weeks: Tue 29 Dec + 42 days = Tue 9 Feb, sooner than 25 Mar.
    six_weeks = ENGLAND.replace(pre_birth_first_rcpc=(6, "weeks"), pre_birth_from_birth=False)
    expect_item(
        run(c, D(2026, 12, 30), six_weeks).next_review, ItemKind.RCPC, D(2027, 2, 9), UP, ["icpc"],
        "RCPC due 2027-02-09: 6 weeks after the ICPC of 2026-12-29 (pre-birth plan)",
    )
    # A pre-birth period longer than 3 months: the sooner (3 months) wins.
    expect_item(
        run(c, D(2026, 12, 30), ENGLAND.replace(pre_birth_first_rcpc=(4, "months"))).next_review, ItemKind.RCPC, D(2027, 3, 25), UP,
        ["icpc"], "RCPC due 2027-03-25: 3 months after the ICPC of 2026-12-29",
    )
    # Not a pre-birth plan: the setting does not apply.
    expect_due(run(cp_with_icpc(), D(2026, 12, 30), six_weeks).next_review, D(2027, 3, 25), UP)
    # The history measures the first RCPC against the pre-birth limit: held Thu 11 Feb, limit Tue 9 Feb.
    add(c, "r1", midway.ReviewConference(date=D(2027, 2, 11)))
    g = check_from(run(c, D(2027, 2, 12), six_weeks), ItemKind.RCPC, D(2026, 12, 29))
    assert g.limit == D(2027, 2, 9)
    assert g.kept is False


# ---- end of the plan ----


def test_plan_ended_means_nothing_is_due() -> None:
    c = cp_with_rcpc()
    add(c, "end", midway.PlanEnded(date=D(2027, 5, 10), reason="no_longer_at_risk"))
    s = run(c, D(2027, 5, 14))
    why = "the CP plan ended on 2027-05-10: nothing is due"
    expect_na(s.next_review, ItemKind.RCPC, why)
    expect_na(s.midway_review, ItemKind.MIDWAY_REVIEW, why)
    expect_na(s.next_visit, ItemKind.VISIT, why)
    expect_na(s.next_core_group, ItemKind.CORE_GROUP, why)
    for g in s.history:
        assert g.end <= D(2027, 5, 10), g.explanation
    # Before the end the plan is live.
    expect_due(run(c, D(2027, 5, 7)).next_review, D(2027, 9, 24), UP)


def test_rcpc_that_ends_the_plan() -> None:
    c = cp_with_icpc()
    add(c, "r1", midway.ReviewConference(date=D(2027, 3, 25), plan_continues=False))
    for item in run(c, D(2027, 3, 26)).items:
        assert item.status is NA and item.due is None and item.from_events == []
        assert item.explanation == "the CP plan ended on 2027-03-25: nothing is due"


def test_icpc_without_a_plan() -> None:
    for item in run(cp_with_icpc(plan_started=False), D(2026, 12, 30)).items:
        assert item.status is NA
        assert item.explanation == "the CP plan ended on 2026-12-29: nothing is due"


def test_open_gaps_stop_at_the_end_of_the_plan() -> None:
    c = cp_with_icpc()  # no visit at all
    add(c, "end", midway.PlanEnded(date=D(2027, 2, 1)))
    s = run(c, D(2027, 3, 1))
    # 29 Dec to Mon 1 Feb: 30, 31 (2), 4-8 (7), 11-15 (12), 18-22 (17), 25-29 (22), 1 Feb (23) wd.
    expect_check(check_from(s, ItemKind.VISIT, D(2026, 12, 29)), D(2027, 2, 1), D(2027, 1, 13), 23, WD, False, True)
    for r in checks(s, ItemKind.RCPC):
        assert not r.open


def test_events_after_the_as_of_date_are_ignored() -> None:
    c = cp_with_rcpc()
    add(c, "end", midway.PlanEnded(date=D(2027, 5, 10)))
    # As of Wed 24 Mar neither the RCPC nor the end has happened: + 5 wd = 25, 30, 31, 1, 2 Apr.
    s = run(c, D(2027, 3, 24))
    expect_item(s.next_review, ItemKind.RCPC, D(2027, 3, 25), SOON, ["icpc"], "RCPC due 2027-03-25: 3 months after the ICPC of 2026-12-29")
    # A pure function of (case, as_of): the same input gives the same output.
    assert run(c, D(2027, 3, 24)).to_json() == s.to_json()


# =============================================================================================
# LAC
# =============================================================================================


def test_lac_first_review_and_first_visit() -> None:
    s = run(lac_started(), D(2026, 11, 30))
    # Fri 27 Nov + 20 wd: 30 Nov (1), 1-4 Dec (5), 7-11 (10), 14-18 (15), 21-24 (19), [25, 28], Tue 29 Dec (20).
    expect_item(
        s.next_review, ItemKind.LAC_REVIEW, D(2026, 12, 29), UP, ["s1"],
        "LAC review due 2026-12-29: 20 working days after the start of care of 2026-11-27",
    )
    # Within 1 week of the placement: Fri 4 Dec. Mon 30 Nov + 5 wd = Mon 7 Dec: due soon.
    expect_item(
        s.next_visit, ItemKind.VISIT, D(2026, 12, 4), SOON, ["p1"], "Visit due 2026-12-04: 1 week after the placement start of 2026-11-27"
    )
    expect_na(s.midway_review, ItemKind.MIDWAY_REVIEW, "midway reviews fall between 6-monthly reviews only")
    expect_na(s.next_core_group, ItemKind.CORE_GROUP, "core groups are for CP plans only")
    assert (s.case_id, s.kind) == ("LAC-1", midway.CaseKind.LAC)


def test_lac_second_review_three_months_after_the_first() -> None:
    c = lac_started()
    add(c, "r1", midway.LacReview(date=D(2026, 12, 29)))
    s = run(c, D(2026, 12, 30))
    # Tue 29 Dec + 3 months = Mon 29 Mar 2027, Easter Monday -> Thu 25 Mar.
    expect_item(
        s.next_review, ItemKind.LAC_REVIEW, D(2027, 3, 25), UP, ["r1"], "LAC review due 2027-03-25: 3 months after the LAC review of 2026-12-29"
    )
    expect_na(s.midway_review, ItemKind.MIDWAY_REVIEW, "midway reviews fall between 6-monthly reviews only")
    # The first review was held on its due date: 20 wd, kept.
    g = check_from(s, ItemKind.LAC_REVIEW, D(2026, 11, 27))
    expect_check(g, D(2026, 12, 29), D(2026, 12, 29), 20, WD, True, False)
    assert g.events == ["s1", "r1"]


def test_lac_first_review_held_late() -> None:
    c = lac_started()
    add(c, "r1", midway.LacReview(date=D(2026, 12, 30)))  # Wed 30 Dec is wd 21
    expect_check(check_from(run(c, D(2026, 12, 30)), ItemKind.LAC_REVIEW, D(2026, 11, 27)), D(2026, 12, 30), D(2026, 12, 29), 21, WD,
                 False, False)
    # Overdue and not held: as of Thu 31 Dec, an open interval of 21 wd.
    s = run(lac_started(), D(2026, 12, 31))
    expect_due(s.next_review, D(2026, 12, 29), LATE)
    expect_check(check_from(s, ItemKind.LAC_REVIEW, D(2026, 11, 27)), D(2026, 12, 31), D(2026, 12, 29), 22, WD, False, True)


def test_lac_later_reviews_six_monthly_with_a_midway_halfway() -> None:
    s = run(lac_two_reviews(), D(2027, 3, 26))
    # Thu 25 Mar + 6 months = Sat 25 Sep -> Fri 24 Sep.
    expect_item(
        s.next_review, ItemKind.LAC_REVIEW, D(2027, 9, 24), UP, ["r2"], "LAC review due 2027-09-24: 6 months after the LAC review of 2027-03-25"
    )
    # 25 Mar to 24 Sep: 183 days; half 91: Thu 24 Jun.
    expect_item(
        s.midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 6, 24), UP, ["r2"],
        "Midway review due 2027-06-24: halfway between the LAC review of 2027-03-25 and the next review, due 2027-09-24",
    )
    # The second review was held on its due date (25 Mar): 2 whole months (29 Dec + 3 = 29 Mar), kept.
    expect_check(check_from(s, ItemKind.LAC_REVIEW, D(2026, 12, 29)), D(2027, 3, 25), D(2027, 3, 25), 2, MO, True, False)


def lac_reviewed_on_28_september() -> midway.Case:
    """Start of care Mon 2026-06-01, reviews Mon 29 Jun and Mon 28 Sep 2026 (the next is 6-monthly)."""
    c = lac()
    add(c, "s1", midway.StartedLookedAfter(date=D(2026, 6, 1)))
    add(c, "r1", midway.LacReview(date=D(2026, 6, 29)))
    add(c, "r2", midway.LacReview(date=D(2026, 9, 28)))
    return c


def test_lac_midway_halfway_at_christmas_and_the_non_working_day_settings() -> None:
    c = lac_reviewed_on_28_september()
    # Previous working day (default): Mon 28 Sep + 6 months = Sun 28 Mar 2027 -> Sat 27, Good Friday
    # 26 -> Thu 25 Mar. 28 Sep to 25 Mar = 178 days (30 Sep +2, 31 Oct +33, 30 Nov +63, 31 Dec +94,
    # 31 Jan +125, 28 Feb +153, 25 Mar +178); half 89: Sat 26 Dec -> Christmas Day -> Thu 24 Dec.
    s = run(c, D(2026, 9, 29))
    expect_due(s.next_review, D(2027, 3, 25), UP)
    expect_item(
        s.midway_review, ItemKind.MIDWAY_REVIEW, D(2026, 12, 24), UP, ["r2"],
        "Midway review due 2026-12-24: halfway between the LAC review of 2026-09-28 and the next review, due 2027-03-25",
    )
    # Stands: the review is due Sun 28 Mar; 181 days, half 90: Sun 27 Dec stands.
    s = run(c, D(2026, 9, 29), ENGLAND.replace(due_on_non_working_day="stands"))
    expect_due(s.next_review, D(2027, 3, 28), UP)
    expect_due(s.midway_review, D(2026, 12, 27), UP)
    # Next working day: Sun 28 Mar -> Easter Monday 29 -> Tue 30 Mar; 183 days, half 91: Mon 28 Dec
    # (Boxing Day substitute) -> Tue 29 Dec.
    s = run(c, D(2026, 9, 29), ENGLAND.replace(due_on_non_working_day=midway.NonWorkingDue.NEXT_WORKING_DAY))
    expect_due(s.next_review, D(2027, 3, 30), UP)
    expect_due(s.midway_review, D(2026, 12, 29), UP)


def test_late_lac_review_re_anchors_the_next() -> None:
    c = lac_started()
    add(c, "r1", midway.LacReview(date=D(2026, 12, 29)))
    add(c, "r2", midway.LacReview(date=D(2027, 4, 12)))  # due Thu 25 Mar; held Mon 12 Apr
    s = run(c, D(2027, 4, 13))
    # Mon 12 Apr + 6 months = Tue 12 Oct (from the due date it would have been Fri 24 Sep).
    expect_item(
        s.next_review, ItemKind.LAC_REVIEW, D(2027, 10, 12), UP, ["r2"], "LAC review due 2027-10-12: 6 months after the LAC review of 2027-04-12"
    )
    # 29 Dec to 12 Apr: 3 whole months (29 Mar <= 12 Apr), over the limit of 25 Mar.
    expect_check(check_from(s, ItemKind.LAC_REVIEW, D(2026, 12, 29)), D(2027, 4, 12), D(2027, 3, 25), 3, MO, False, False)


def test_lac_midway_set_at_the_review_held_and_not_required() -> None:
    s = run(lac_two_reviews(D(2027, 6, 10)), D(2027, 3, 26))
    expect_item(
        s.midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 6, 10), UP, ["r2"],
        "Midway review due 2027-06-10: set at the LAC review of 2027-03-25 (Chair's Report)",
    )
    with pytest.raises(midway.RuleViolationError) as info:
        run(lac_two_reviews(D(2027, 9, 24)), D(2027, 3, 26))  # on the next review's due date
    assert info.value.field == "events['r2'].midway_date"
    assert info.value.record_id == "LAC-1"

    held = lac_two_reviews()
    add(held, "m1", midway.MidwayReview(date=D(2027, 6, 22), outcome="held", decided_by="iro"))
    expect_item(
        run(held, D(2027, 6, 25)).midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 6, 24), DONE, ["r2", "m1"],
        "Midway review held on 2027-06-22 (due 2027-06-24)",
    )
    skipped = lac_two_reviews()
    add(skipped, "m1", midway.MidwayReview(date=D(2027, 6, 1), outcome="not_required", decided_by="iro", reason="placement stable"))
    expect_item(
        run(skipped, D(2027, 6, 25)).midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 6, 24), NOT_REQUIRED, ["r2", "m1"],
        "Midway review not required: decided by the IRO on 2027-06-01 (placement stable)",
    )


def test_lac_midway_in_short_intervals() -> None:
    c = lac_started()
    add(c, "r1", midway.LacReview(date=D(2026, 12, 29)))
    short = ENGLAND.replace(midway_in_short_intervals=True)
    # 29 Dec to 25 Mar = 86 days; half 43: 31 Dec +2, 31 Jan +33, Wed 10 Feb +43.
    expect_item(
        run(c, D(2026, 12, 30), short).midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 2, 10), UP, ["r1"],
        "Midway review due 2027-02-10: halfway between the LAC review of 2026-12-29 and the next review, due 2027-03-25",
    )
    # Nothing before the first review.
    assert run(lac_started(), D(2026, 11, 30), short).midway_review.status is NA


def test_lac_midway_fixed_span_setting() -> None:
    p = ENGLAND.replace(lac_midway_rule="fixed_span", lac_midway_after_review=(12, "weeks"))
    # Thu 25 Mar + 12 weeks = Thu 17 Jun.
    expect_item(
        run(lac_two_reviews(), D(2027, 3, 26), p).midway_review, ItemKind.MIDWAY_REVIEW, D(2027, 6, 17), UP, ["r2"],
        "Midway review due 2027-06-17: 12 weeks after the LAC review of 2027-03-25",
    )


def test_lac_partial_history_starts_at_a_six_monthly_review() -> None:
    c = lac(partial=True)
    add(c, "r1", midway.LacReview(date=D(2027, 3, 25)))
    s = run(c, D(2027, 3, 26))
    expect_item(
        s.next_review, ItemKind.LAC_REVIEW, D(2027, 9, 24), UP, ["r1"], "LAC review due 2027-09-24: 6 months after the LAC review of 2027-03-25"
    )
    expect_due(s.midway_review, D(2027, 6, 24), UP)  # half of 183 days, as above


def test_lac_without_a_start_of_care() -> None:
    s = run(lac(), D(2026, 11, 30))
    expect_na(s.next_review, ItemKind.LAC_REVIEW, "no start of care recorded")
    expect_na(s.midway_review, ItemKind.MIDWAY_REVIEW, "no start of care recorded")
    expect_na(s.next_visit, ItemKind.VISIT, "no start of care recorded")
    expect_na(s.next_core_group, ItemKind.CORE_GROUP, "core groups are for CP plans only")


# ---- reg 28 visits ----


def test_lac_visits_six_weekly_in_the_first_year() -> None:
    c = lac_started()
    add(c, "v1", midway.Visit(date=D(2026, 12, 4)))
    add(c, "v2", midway.Visit(date=D(2026, 12, 10), seen=False))  # not seen: does not count
    s = run(c, D(2026, 12, 11))
    # Fri 4 Dec + 6 weeks = Fri 15 Jan.
    expect_item(s.next_visit, ItemKind.VISIT, D(2027, 1, 15), UP, ["v1"], "Visit due 2027-01-15: 6 weeks after the visit of 2026-12-04")
    # The first visit kept to the week: 27 Nov to 4 Dec, 1 week, limit 4 Dec.
    g = check_from(s, ItemKind.VISIT, D(2026, 11, 27))
    expect_check(g, D(2026, 12, 4), D(2026, 12, 4), 1, WK, True, False)
    assert g.events == ["p1", "v1"]


def test_lac_visit_due_on_christmas_day_is_brought_forward() -> None:
    c = lac()
    add(c, "s1", midway.StartedLookedAfter(date=D(2026, 11, 2)))
    add(c, "p1", midway.PlacementStart(date=D(2026, 11, 2)))
    add(c, "v1", midway.Visit(date=D(2026, 11, 13)))
    # Fri 13 Nov + 6 weeks = Fri 25 Dec -> Thu 24 Dec.
    expect_item(
        run(c, D(2026, 11, 16)).next_visit, ItemKind.VISIT, D(2026, 12, 24), UP, ["v1"], "Visit due 2026-12-24: 6 weeks after the visit of 2026-11-13"
    )


@pytest.mark.parametrize("long_term", [True, False], ids=["long-term", "other"])
def test_lac_visits_after_the_first_year_depend_on_long_term(long_term: bool) -> None:
    c = lac()
    add(c, "s1", midway.StartedLookedAfter(date=D(2025, 6, 2)))
    add(c, "p1", midway.PlacementStart(date=D(2025, 6, 2), long_term=long_term))
    add(c, "v1", midway.Visit(date=D(2026, 5, 29)))  # in the placement's first year (before 2 Jun 2026)
    # Fri 29 May + 6 weeks = Fri 10 Jul, either way.
    expect_due(run(c, D(2026, 6, 1)).next_visit, D(2026, 7, 10), UP)
    add(c, "v2", midway.Visit(date=D(2026, 12, 29)))  # after the first year
    s = run(c, D(2026, 12, 30))
    if long_term:
        # Tue 29 Dec + 3 months = Mon 29 Mar 2027, Easter Monday -> Thu 25 Mar.
        expect_item(s.next_visit, ItemKind.VISIT, D(2027, 3, 25), UP, ["v2"], "Visit due 2027-03-25: 3 months after the visit of 2026-12-29")
    else:
        # Tue 29 Dec + 6 weeks = Tue 9 Feb.
        expect_item(s.next_visit, ItemKind.VISIT, D(2027, 2, 9), UP, ["v2"], "Visit due 2027-02-09: 6 weeks after the visit of 2026-12-29")


@pytest.mark.parametrize("placed_with_parent", [True, False], ids=["placed-with-parent", "temporary-approval"])
def test_lac_visits_weekly_until_the_first_review_when_placed_with_a_parent(placed_with_parent: bool) -> None:
    c = lac_started(placed_with_parent=placed_with_parent, temporary_approval=not placed_with_parent)
    add(c, "v1", midway.Visit(date=D(2026, 12, 18)))
    # Fri 18 Dec + 1 week = Fri 25 Dec -> Thu 24 Dec. Fri 18 Dec + 5 wd = 21-24, Tue 29: due soon.
    expect_item(
        run(c, D(2026, 12, 18)).next_visit, ItemKind.VISIT, D(2026, 12, 24), SOON, ["v1"], "Visit due 2026-12-24: 1 week after the visit of 2026-12-18"
    )
    add(c, "r1", midway.LacReview(date=D(2026, 12, 29)))
    add(c, "v2", midway.Visit(date=D(2026, 12, 29)))
    # After the first review: 6-weekly again: Tue 29 Dec + 6 weeks = Tue 9 Feb.
    expect_due(run(c, D(2026, 12, 30)).next_visit, D(2027, 2, 9), UP)


def test_lac_new_placement_re_anchors_visits() -> None:
    c = lac_started()
    add(c, "v1", midway.Visit(date=D(2027, 3, 15)))
    add(c, "p2", midway.PlacementStart(date=D(2027, 3, 22)))
    s = run(c, D(2027, 3, 22))
    # Within a week of the new placement: Mon 29 Mar, Easter Monday -> back over the weekend and
    # Good Friday to Thu 25 Mar (not 6 weeks after the visit of 15 Mar). Mon 22 + 5 wd = 23, 24,
    # 25, 30, 31: due soon.
    expect_item(
        s.next_visit, ItemKind.VISIT, D(2027, 3, 25), SOON, ["p2"], "Visit due 2027-03-25: 1 week after the placement start of 2027-03-22"
    )


def test_ceased_looked_after_means_nothing_is_due() -> None:
    c = lac_started()
    add(c, "r1", midway.LacReview(date=D(2026, 12, 29)))
    add(c, "end", midway.CeasedLookedAfter(date=D(2027, 3, 1), reason="E11"))
    s = run(c, D(2027, 3, 10))
    why = "the child ceased to be looked after on 2027-03-01: nothing is due"
    expect_na(s.next_review, ItemKind.LAC_REVIEW, why)
    expect_na(s.midway_review, ItemKind.MIDWAY_REVIEW, why)
    expect_na(s.next_visit, ItemKind.VISIT, why)
    expect_na(s.next_core_group, ItemKind.CORE_GROUP, "core groups are for CP plans only")
    assert not any(g.open and g.kind is ItemKind.LAC_REVIEW for g in s.history)
    # The day before it ended, the second review was still due on 25 Mar.
    expect_due(run(c, D(2027, 2, 28)).next_review, D(2027, 3, 25), UP)


# =============================================================================================
# History: intervals at the limit and one day over
# =============================================================================================


def test_history_cp_visit_gaps() -> None:
    c = cp_with_icpc()
    add(c, "v1", midway.Visit(date=D(2027, 1, 13)))  # ICPC + 10 wd exactly
    add(c, "vx", midway.Visit(date=D(2027, 1, 20), seen=False))  # unseen: no effect
    add(c, "v2", midway.Visit(date=D(2027, 1, 28)))  # v1 + 10 wd = Wed 27 Jan; Thu 28 is one over
    s = run(c, D(2027, 1, 29))
    first = check_from(s, ItemKind.VISIT, D(2026, 12, 29))
    expect_check(first, D(2027, 1, 13), D(2027, 1, 13), 10, WD, True, False)
    assert first.events == ["icpc", "v1"]
    assert first.explanation == "visit gap 2026-12-29 to 2027-01-13: 10 working days, within 10 working days (limit 2027-01-13)"
    second = check_from(s, ItemKind.VISIT, D(2027, 1, 13))
    expect_check(second, D(2027, 1, 28), D(2027, 1, 27), 11, WD, False, False)
    assert second.events == ["v1", "v2"]
    assert second.explanation == "visit gap 2027-01-13 to 2027-01-28: 11 working days, over the 10 working days allowed (limit 2027-01-27)"
    assert len(checks(s, ItemKind.VISIT)) == 2  # the gap since v2 is open but not late


def test_history_open_gaps_are_listed_once_over_their_limit() -> None:
    c = cp_with_icpc()  # no visit, no core group
    # As of the limit (Wed 13 Jan) nothing is late yet.
    s = run(c, D(2027, 1, 13))
    assert checks(s, ItemKind.VISIT) == [] and checks(s, ItemKind.CORE_GROUP) == []
    # One day over: open gaps measured to the as-of date.
    s = run(c, D(2027, 1, 14))
    v = check_from(s, ItemKind.VISIT, D(2026, 12, 29))
    expect_check(v, D(2027, 1, 14), D(2027, 1, 13), 11, WD, False, True)
    assert v.events == ["icpc"]
    assert v.explanation == "visit gap 2026-12-29 to 2027-01-14 (open): 11 working days, over the 10 working days allowed (limit 2027-01-13)"
    expect_check(check_from(s, ItemKind.CORE_GROUP, D(2026, 12, 29)), D(2027, 1, 14), D(2027, 1, 13), 11, WD, False, True)


def test_history_core_group_gaps() -> None:
    c = cp_with_icpc()
    add(c, "cg1", midway.CoreGroup(date=D(2027, 1, 14)))  # one wd over (limit Wed 13 Jan)
    add(c, "cg2", midway.CoreGroup(date=D(2027, 2, 25)))  # Thu 14 Jan + 6 weeks = Thu 25 Feb: kept
    add(c, "cg3", midway.CoreGroup(date=D(2027, 4, 9)))  # Thu 25 Feb + 6 weeks = Thu 8 Apr; Fri 9 one day over
    s = run(c, D(2027, 4, 9))
    expect_check(check_from(s, ItemKind.CORE_GROUP, D(2026, 12, 29)), D(2027, 1, 14), D(2027, 1, 13), 11, WD, False, False)
    expect_check(check_from(s, ItemKind.CORE_GROUP, D(2027, 1, 14)), D(2027, 2, 25), D(2027, 2, 25), 6, WK, True, False)
    # 43 days is 6 whole weeks: the length alone does not show it is over; `kept` does.
    late = check_from(s, ItemKind.CORE_GROUP, D(2027, 2, 25))
    expect_check(late, D(2027, 4, 9), D(2027, 4, 8), 6, WK, False, False)
    assert late.explanation == "core group gap 2027-02-25 to 2027-04-09: 43 days, over the 6 weeks allowed (limit 2027-04-08)"


def test_history_lac_visit_gaps() -> None:
    c = lac_started()
    add(c, "v1", midway.Visit(date=D(2026, 12, 4)))  # placement + 1 week exactly
    add(c, "v2", midway.Visit(date=D(2027, 1, 15)))  # + 6 weeks exactly
    add(c, "v3", midway.Visit(date=D(2027, 3, 1)))  # Fri 15 Jan + 6 weeks = Fri 26 Feb; Mon 1 Mar is over
    s = run(c, D(2027, 3, 1))
    expect_check(check_from(s, ItemKind.VISIT, D(2026, 11, 27)), D(2026, 12, 4), D(2026, 12, 4), 1, WK, True, False)
    expect_check(check_from(s, ItemKind.VISIT, D(2026, 12, 4)), D(2027, 1, 15), D(2027, 1, 15), 6, WK, True, False)
    expect_check(check_from(s, ItemKind.VISIT, D(2027, 1, 15)), D(2027, 3, 1), D(2027, 2, 26), 6, WK, False, False)


# =============================================================================================
# Policy settings
# =============================================================================================


def test_inclusive_counting() -> None:
    inclusive = ENGLAND.replace(counting="inclusive")
    c = cp()
    add(c, "sd", midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True))
    # Mon 7 Dec is day 1: 8-11 (5), 14-18 (10), 21-24 (14), [25, 28], Tue 29 Dec (15).
    expect_item(
        run(c, D(2026, 12, 14), inclusive).next_review, ItemKind.ICPC, D(2026, 12, 29), UP, ["sd"],
        "ICPC due 2026-12-29: 15 working days after the strategy discussion of 2026-12-07",
    )
    # An ICPC on Wed 30 Dec, on time by day-0 counting, is 16 working days counted inclusively: late.
    add(c, "icpc", midway.InitialConference(date=D(2026, 12, 30)))
    expect_check(check_from(run(c, D(2026, 12, 30), inclusive), ItemKind.ICPC, D(2026, 12, 7)), D(2026, 12, 30), D(2026, 12, 29), 16,
                 WD, False, False)
    expect_check(check_from(run(c, D(2026, 12, 30)), ItemKind.ICPC, D(2026, 12, 7)), D(2026, 12, 30), D(2026, 12, 30), 15, WD, True,
                 False)


def test_months_as_calendar_months_or_91_days() -> None:
    c = cp_with_icpc()
    # Calendar months (default): Tue 29 Dec + 3 months = Easter Monday 29 Mar -> Thu 25 Mar.
    expect_due(run(c, D(2026, 12, 30)).next_review, D(2027, 3, 25), UP)
    # 91 days: 31 Dec +2, 31 Jan +33, 28 Feb +61, Tue 30 Mar +91 (a working day).
    fixed = ENGLAND.replace(month_counting="fixed_days")
    expect_due(run(c, D(2026, 12, 30), fixed).next_review, D(2027, 3, 30), UP)
    # 6 months = 183 days after an RCPC on Mon 5 Oct 2026 (a partial history): 31 Oct +26,
    # 30 Nov +56, 31 Dec +87, 31 Jan +118, 28 Feb +146, 31 Mar +177, Tue 6 Apr 2027 +183;
    # calendar months give Mon 5 Apr 2027 (Easter Monday 2027 is 29 Mar, so 5 Apr is a working day).
    autumn = cp(partial=True)
    add(autumn, "r1", midway.ReviewConference(date=D(2026, 10, 5)))
    expect_due(run(autumn, D(2026, 10, 6), fixed).next_review, D(2027, 4, 6), UP)
    expect_due(run(autumn, D(2026, 10, 6)).next_review, D(2027, 4, 5), UP)
    # In the history, 91 days is 3 months of 91 days: an RCPC on Tue 30 Mar was on time.
    on_time = cp_with_icpc()
    add(on_time, "r1", midway.ReviewConference(date=D(2027, 3, 30)))
    expect_check(check_from(run(on_time, D(2027, 3, 30), fixed), ItemKind.RCPC, D(2026, 12, 29)), D(2027, 3, 30), D(2027, 3, 30), 3,
                 MO, True, False)


def test_non_working_due_date_rolls_back_forward_or_stands() -> None:
    c = cp_with_icpc()
    # Tue 29 Dec + 3 months = Mon 29 Mar 2027, Easter Monday.
    expect_due(run(c, D(2026, 12, 30)).next_review, D(2027, 3, 25), UP)  # back over Good Friday: Thu 25
    expect_due(run(c, D(2026, 12, 30), ENGLAND.replace(due_on_non_working_day="stands")).next_review, D(2027, 3, 29), UP)
    expect_due(run(c, D(2026, 12, 30), ENGLAND.replace(due_on_non_working_day="next_working_day")).next_review, D(2027, 3, 30), UP)
    # Working-day periods land on working days and are never moved: the visit stays Wed 13 Jan.
    for rule in ("previous_working_day", "stands", "next_working_day"):
        expect_due(run(c, D(2026, 12, 30), ENGLAND.replace(due_on_non_working_day=rule)).next_visit, D(2027, 1, 13), UP)


def test_cp_visits_in_calendar_days_or_working_days() -> None:
    c = cp_with_icpc()
    add(c, "v1", midway.Visit(date=D(2027, 3, 16)))
    # 10 working days: Tue 16 Mar + 10 wd: 17, 18, 19 (3), 22-25 (7), [26, 29], 30, 31, Thu 1 Apr (10).
    expect_item(
        run(c, D(2027, 3, 17)).next_visit, ItemKind.VISIT, D(2027, 4, 1), UP, ["v1"], "Visit due 2027-04-01: 10 working days after the visit of 2027-03-16"
    )
    # 10 calendar days: Fri 26 Mar, Good Friday -> Thu 25 Mar (stands: 26 Mar; next: Tue 30 Mar).
    days = ENGLAND.replace(cp_visit_interval=(10, "calendar_days"))
    expect_item(
        run(c, D(2027, 3, 17), days).next_visit, ItemKind.VISIT, D(2027, 3, 25), UP, ["v1"], "Visit due 2027-03-25: 10 days after the visit of 2027-03-16"
    )
    expect_due(run(c, D(2027, 3, 17), days.replace(due_on_non_working_day="stands")).next_visit, D(2027, 3, 26), UP)
    expect_due(run(c, D(2027, 3, 17), days.replace(due_on_non_working_day="next_working_day")).next_visit, D(2027, 3, 30), UP)
    # The history measures the gap in the period's unit: 16 Mar to Tue 30 Mar is 14 days, over.
    add(c, "v2", midway.Visit(date=D(2027, 3, 30)))
    g = check_from(run(c, D(2027, 3, 30), days), ItemKind.VISIT, D(2027, 3, 16))
    expect_check(g, D(2027, 3, 30), D(2027, 3, 25), 14, CD, False, False)
    assert g.explanation == "visit gap 2027-03-16 to 2027-03-30: 14 days, over the 10 days allowed (limit 2027-03-25)"
    # In working days the same gap is 16 Mar to 30 Mar: 17-19 (3), 22-25 (7), 30 (8): kept.
    expect_check(check_from(run(c, D(2027, 3, 30)), ItemKind.VISIT, D(2027, 3, 16)), D(2027, 3, 30), D(2027, 4, 1), 8, WD, True, False)


def test_other_interval_settings() -> None:
    p = ENGLAND.replace(
        icpc_after_strategy=(10, "working_days"),  # Mon 7 Dec + 10 wd: 8-11 (4), 14-18 (9), Mon 21 Dec
        first_core_group_after_icpc=(5, "working_days"),  # Tue 29 Dec + 5 wd: 30, 31, 4, 5, Wed 6 Jan
        core_group_interval=(4, "weeks"),
        first_rcpc_after_icpc=(2, "months"),  # 29 Dec + 2 months = 28 Feb (clamped), a Sunday -> Fri 26 Feb
        rcpc_interval=(3, "months"),
    )
    c = cp()
    add(c, "sd", midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True))
    expect_due(run(c, D(2026, 12, 8), p).next_review, D(2026, 12, 21), UP)
    add(c, "icpc", midway.InitialConference(date=D(2026, 12, 29)))
    s = run(c, D(2026, 12, 30), p)
    expect_due(s.next_core_group, D(2027, 1, 6), SOON)  # Wed 30 Dec + 5 wd = Thu 7 Jan
    expect_item(s.next_review, ItemKind.RCPC, D(2027, 2, 26), UP, ["icpc"], "RCPC due 2027-02-26: 2 months after the ICPC of 2026-12-29")
    add(c, "cg1", midway.CoreGroup(date=D(2027, 1, 6)))
    expect_due(run(c, D(2027, 1, 7), p).next_core_group, D(2027, 2, 3), UP)  # Wed 6 Jan + 4 weeks
    add(c, "r1", midway.ReviewConference(date=D(2027, 2, 26)))
    expect_due(run(c, D(2027, 3, 1), p).next_review, D(2027, 5, 26), UP)  # Fri 26 Feb + 3 months = Wed 26 May

    q = ENGLAND.replace(
        first_lac_review=(15, "working_days"),  # Fri 27 Nov + 15 wd: 30 (1), 1-4 (5), 7-11 (10), 14-18: Fri 18 Dec
        second_lac_review=(2, "months"),
        lac_review_interval=(4, "months"),
        lac_visit_after_placement=(3, "calendar_days"),  # Fri 27 Nov + 3 = Mon 30 Nov
        lac_visit_first_year=(4, "weeks"),
    )
    lc = lac_started()
    ls = run(lc, D(2026, 11, 27), q)
    expect_due(ls.next_review, D(2026, 12, 18), UP)
    expect_due(ls.next_visit, D(2026, 11, 30), SOON)
    add(lc, "v1", midway.Visit(date=D(2026, 11, 30)))
    add(lc, "r1", midway.LacReview(date=D(2026, 12, 18)))
    ls = run(lc, D(2026, 12, 18), q)
    expect_due(ls.next_review, D(2027, 2, 18), UP)  # Fri 18 Dec + 2 months = Thu 18 Feb
    # Mon 30 Nov + 4 weeks = Mon 28 Dec, Boxing Day (substitute) -> back over the weekend and
    # Christmas Day to Thu 24 Dec. Fri 18 Dec + 5 wd = 21-24, 29: due soon.
    expect_due(ls.next_visit, D(2026, 12, 24), SOON)
    add(lc, "r2", midway.LacReview(date=D(2027, 2, 18)))
    expect_due(run(lc, D(2027, 2, 19), q).next_review, D(2027, 6, 18), UP)  # Thu 18 Feb + 4 months = Fri 18 Jun

    for long_term, due in ((True, D(2027, 4, 29)), (False, D(2027, 2, 23))):
        y = lac()
        add(y, "s1", midway.StartedLookedAfter(date=D(2025, 6, 2)))
        add(y, "p1", midway.PlacementStart(date=D(2025, 6, 2), long_term=long_term))
        add(y, "v1", midway.Visit(date=D(2026, 12, 29)))
        # Tue 29 Dec + 4 months = Thu 29 Apr; + 8 weeks = Tue 23 Feb.
        r = ENGLAND.replace(lac_visit_long_term=(4, "months"), lac_visit_other=(8, "weeks"))
        expect_due(run(y, D(2026, 12, 30), r).next_visit, due, UP)

    # Weekly visits while placed with a parent, as 5 working days: Fri 18 Dec + 5 wd = 21-24, Tue 29.
    w = lac_started(placed_with_parent=True)
    add(w, "v1", midway.Visit(date=D(2026, 12, 18)))
    expect_due(run(w, D(2026, 12, 18), ENGLAND.replace(lac_visit_parent_or_temporary=(5, "working_days"))).next_visit, D(2026, 12, 29),
               SOON)


def test_scotland_preset_and_calendar() -> None:
    scotland = Policy.scotland()
    c = cp()
    add(c, "sd", midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True))
    # 28 calendar days: Mon 7 Dec + 28 = Mon 4 Jan 2027. In Scotland that is the 2nd January
    # holiday (substitute for Sat 2 Jan): back over the weekend and New Year's Day to Thu 31 Dec.
    expect_item(
        run(c, D(2026, 12, 8), scotland, SCOT).next_review, ItemKind.ICPC, D(2026, 12, 31), UP, ["sd"],
        "ICPC due 2026-12-31: 28 days after the strategy discussion of 2026-12-07",
    )
    # On the england-and-wales calendar Mon 4 Jan is a working day.
    expect_due(run(c, D(2026, 12, 8), scotland, CAL).next_review, D(2027, 1, 4), UP)
    add(c, "icpc", midway.InitialConference(date=D(2026, 12, 31)))
    s = run(c, D(2027, 1, 5), scotland, SCOT)
    # First core group within 15 wd, Scotland: [1, 4 Jan], 5-8 (4), 11-15 (9), 18-22 (14), Mon 25 Jan (15).
    expect_due(s.next_core_group, D(2027, 1, 25), UP)
    # England's calendar: 4-8 (5), 11-15 (10), 18-22 (15): Fri 22 Jan.
    expect_due(run(c, D(2027, 1, 5), scotland, CAL).next_core_group, D(2027, 1, 22), UP)
    # First review within 6 months: 31 Dec + 6 months = 30 Jun (clamped), a Wednesday.
    expect_item(s.next_review, ItemKind.RCPC, D(2027, 6, 30), UP, ["icpc"], "RCPC due 2027-06-30: 6 months after the ICPC of 2026-12-31")
    # Pre-birth: 3 months: 31 Mar 2027, a Wednesday.
    pb = cp()
    add(pb, "icpc", midway.InitialConference(date=D(2026, 12, 31), pre_birth=True))
    expect_item(
        run(pb, D(2027, 1, 5), scotland, SCOT).next_review, ItemKind.RCPC, D(2027, 3, 31), UP, ["icpc"],
        "RCPC due 2027-03-31: 3 months after the ICPC of 2026-12-31 (pre-birth plan)",
    )
    # LAC: first review within 6 weeks: Fri 27 Nov + 6 weeks = Fri 8 Jan; visits 3-monthly in the
    # first year: Fri 4 Dec + 3 months = Thu 4 Mar.
    lc = lac_started()
    add(lc, "v1", midway.Visit(date=D(2026, 12, 4)))
    ls = run(lc, D(2026, 12, 7), scotland, SCOT)
    expect_item(
        ls.next_review, ItemKind.LAC_REVIEW, D(2027, 1, 8), UP, ["s1"], "LAC review due 2027-01-08: 6 weeks after the start of care of 2026-11-27"
    )
    expect_due(ls.next_visit, D(2027, 3, 4), UP)


def test_wales_schedules_as_england() -> None:
    c = cp_with_rcpc()
    assert run(c, D(2027, 3, 26), Policy.wales()).to_json() == run(c, D(2027, 3, 26)).to_json()


# =============================================================================================
# Defaults, JSON, errors
# =============================================================================================


def test_defaults_are_england_and_england_and_wales() -> None:
    c = cp_with_rcpc()
    assert midway.schedule(c, as_of=D(2027, 3, 26)).to_json() == run(c, D(2027, 3, 26)).to_json()
    assert midway.schedule(c, as_of=D(2027, 3, 26), policy=None, calendar=None).to_json() == run(c, D(2027, 3, 26)).to_json()


def test_schedule_json() -> None:
    c = cp()
    add(c, "sd", midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True))
    s = run(c, D(2026, 12, 31))
    doc = json.loads(s.to_json())
    assert (doc["schema"], doc["version"], doc["case_id"], doc["kind"], doc["as_of"]) == ("midway.schedule", 1, "CP-1", "CP", "2026-12-31")
    assert doc["next_review"] == {
        "kind": "icpc",
        "due": "2026-12-30",
        "status": "overdue",
        "from": ["sd"],
        "explanation": "ICPC due 2026-12-30: 15 working days after the strategy discussion of 2026-12-07",
    }
    assert doc["next_visit"]["due"] is None and doc["next_visit"]["status"] == "not_applicable"
    (g,) = doc["history"]
    assert g == {
        "kind": "icpc",
        "from": "2026-12-07",
        "to": "2026-12-31",
        "limit": "2026-12-30",
        "length": 16,
        "unit": "working_days",
        "kept": False,
        "open": True,
        "events": ["sd"],
        "explanation": s.history[0].explanation,
    }


def test_dates_beyond_the_calendar_are_out_of_range() -> None:
    c = cp()
    add(c, "icpc", midway.InitialConference(date=D(2199, 11, 1)))
    # 1 Nov 2199 + 3 months = 1 Feb 2200: past the calendar's last date (2199-12-31).
    with pytest.raises(midway.OutOfRangeError):
        run(c, D(2199, 11, 2))


def test_schedule_leaves_the_case_unchanged() -> None:
    c = cp_with_rcpc(D(2027, 9, 24))  # a midway date the schedule refuses
    before = c.to_json()
    with pytest.raises(midway.RuleViolationError):
        run(c, D(2027, 3, 26))
    assert c.to_json() == before
