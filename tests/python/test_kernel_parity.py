"""One rule kernel, many views (the Python twin of tests/cpp/test_kernel_parity.cpp).

midway.schedule and midway.drift per case, midway.evaluate on a Caseload and on its columns, and
midway.review_timeliness must agree wherever they answer the same question: three regression
cases worked by hand, then a differential property test on random caseloads (the seed is printed
on failure; MIDWAY_SEED=<n> replays one).
"""

from __future__ import annotations

import datetime as dt
import os
import random
from typing import Any

import numpy as np
import pytest

import midway

D = dt.date
STATUS = {s: s.name.lower() for s in midway.ItemStatus}


def day(value: dt.date | None) -> Any:
    return np.datetime64("NaT", "D") if value is None else np.datetime64(value, "D")


def test_short_breaks_are_reviewed_by_reg_48_in_every_view() -> None:
    # A V3 episode from 2020-05-01: the first review within 3 months (reg 48), 2020-08-01, a
    # Saturday, brought forward to Friday 2020-07-31.
    r = midway.import_ssda903_csv(episodes="CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\nA,01/05/2020,S,V3,N1,U1,PR1,,\n")
    (case,) = r.cases.cases
    assert case.short_breaks
    as_of = D(2020, 7, 1)
    s = midway.schedule(case, as_of=as_of)
    assert s.next_review.due == D(2020, 7, 31)
    assert s.next_review.explanation == "LAC review due 2020-07-31: 3 months after the start of care of 2020-05-01"
    result = midway.evaluate(r.cases, as_of=as_of)
    assert result["review_due"][0] == np.datetime64("2020-07-31")
    (row,) = midway.review_timeliness(r.cases, as_of=as_of).rows
    assert row.due == D(2020, 7, 31)
    later = D(2020, 9, 1)
    assert midway.schedule(case, as_of=later).next_review.status is midway.ItemStatus.OVERDUE
    assert midway.evaluate(r.cases, as_of=later)["review_status"][0] == "overdue"
    assert midway.review_timeliness(r.cases, as_of=later).rows[0].status is midway.TimelinessStatus.OVERDUE


def test_a_rescheduled_midway_review_moves_evaluate_too() -> None:
    # RCPC 2026-04-20, midway date 2026-07-13 on the Chair's Report, the meeting moved to
    # 2026-08-03: as of 2026-07-20 every view says 2026-08-03, upcoming.
    case = midway.Case(case_id="CP-1", child_id="C-1", kind=midway.CaseKind.CP)
    case.record(midway.StrategyDiscussion(date=D(2026, 1, 5), s47_started=True))
    case.record(midway.InitialConference(date=D(2026, 1, 23)))
    rcpc = case.record(midway.ReviewConference(date=D(2026, 4, 20), midway_date=D(2026, 7, 13)))
    midway.arrange_midway_review(case, "M1", rcpc.id)
    midway.reschedule_midway_review(case, "M1", D(2026, 8, 3), "Chair on leave", decided_by="chair", decided_on=D(2026, 7, 1))
    as_of = D(2026, 7, 20)
    s = midway.schedule(case, as_of=as_of)
    assert s.midway_review.due == D(2026, 8, 3)
    assert s.midway_review.status is midway.ItemStatus.UPCOMING
    cl = midway.Caseload([case])
    for data in (cl, midway.to_columns(cl)):
        result = midway.evaluate(data, as_of=as_of)
        assert result["midway_due"][0] == np.datetime64("2026-08-03")
        assert result["midway_status"][0] == "upcoming"


def test_two_starts_of_care_anchor_on_the_first() -> None:
    # Started 2025-01-06 and again 2025-03-03 with no end between: one episode; the first review is
    # due 20 working days after 2025-01-06: 2025-02-03.
    case = midway.Case(case_id="LAC-1", child_id="C-1", kind=midway.CaseKind.LAC)
    case.record(midway.StartedLookedAfter(date=D(2025, 1, 6)))
    case.record(midway.StartedLookedAfter(date=D(2025, 3, 3)))
    as_of = D(2025, 3, 10)
    assert midway.schedule(case, as_of=as_of).next_review.due == D(2025, 2, 3)
    cl = midway.Caseload([case])
    assert midway.evaluate(cl, as_of=as_of)["review_due"][0] == np.datetime64("2025-02-03")
    (row,) = midway.review_timeliness(cl, as_of=as_of).rows
    assert row.due == D(2025, 2, 3)
    assert row.status is midway.TimelinessStatus.OVERDUE


def random_case(rng: random.Random, i: int) -> midway.Case:
    cp = rng.random() < 0.5
    partial = rng.random() < 0.15
    case = midway.Case(case_id=f"{'CP' if cp else 'LAC'}-{i}", child_id=f"C-{i}", kind="CP" if cp else "LAC", partial_history=partial)
    reviews: list[tuple[str, dt.date]] = []

    def add(event: Any) -> Any:
        try:
            return case.record(event)
        except midway.Error:
            return None

    d = D(2023, 1, 2) + dt.timedelta(days=rng.randint(0, 1200))
    stop = d + dt.timedelta(days=rng.randint(20, 800))
    if cp:
        if partial:
            add(midway.ReviewConference(date=d))
        else:
            add(midway.StrategyDiscussion(date=d, s47_started=rng.random() < 0.9))
            d += dt.timedelta(days=rng.randint(3, 30))
            if rng.random() < 0.1:
                add(midway.TransferInConference(date=d, notified=d - dt.timedelta(days=rng.randint(5, 30))))
            else:
                add(midway.InitialConference(date=d, pre_birth=rng.random() < 0.15, plan_started=rng.random() < 0.93))
    else:
        case.short_breaks = rng.random() < 0.15
        if partial:
            add(midway.LacReview(date=d))
        else:
            add(midway.StartedLookedAfter(date=d))
        add(midway.PlacementStart(date=d, long_term=rng.random() < 0.3, placed_with_parent=rng.random() < 0.2))
    t = d
    while True:
        t += dt.timedelta(days=rng.randint(3, 25))
        if t > stop:
            break
        roll = rng.random()
        if roll < 0.45:
            add(midway.Visit(date=t, seen=rng.random() < 0.9))
        elif roll < 0.6 and cp:
            add(midway.CoreGroup(date=t, agencies=["health"]))
        elif roll < 0.72:
            midway_date = t + dt.timedelta(days=rng.randint(20, 200)) if rng.random() < 0.3 else None
            e = add(midway.ReviewConference(date=t, plan_continues=rng.random() < 0.95, midway_date=midway_date) if cp
                    else midway.LacReview(date=t, midway_date=midway_date))
            if e is not None:
                reviews.append((e.id, t))
        elif roll < 0.78:
            add(midway.PlanUpdated(date=t))
        elif roll < 0.83:
            add(midway.ManagementOversight(date=t))
        elif roll < 0.87:
            add(midway.MissingEpisode(date=t))
        elif roll < 0.9:
            add(midway.StrategyDiscussion(date=t, s47_started=True))
        elif roll < 0.95:
            add(midway.MidwayReview(date=t, outcome="held") if rng.random() < 0.6 else
                midway.MidwayReview(date=t, outcome="not_required", decided_by="chair" if cp else "iro", reason="on track"))
        elif roll < 0.97:
            add(midway.PlanEnded(date=t) if cp else midway.CeasedLookedAfter(date=t))
    for n, (review, when) in enumerate(reviews):
        if rng.random() < 0.3:
            try:
                midway.arrange_midway_review(case, f"M{n}", review, when + dt.timedelta(days=rng.randint(20, 110)))
                for _ in range(rng.randint(0, 3)):
                    rec = [m for m in case.midway_reviews if m.id == f"M{n}"][0]
                    last = rec.reschedules[-1].to_date if rec.reschedules else rec.arranged_for
                    midway.reschedule_midway_review(case, f"M{n}", last + dt.timedelta(days=rng.randint(1, 30)), "moved",
                                                    decided_by="chair" if cp else "iro", decided_on=last)
            except midway.Error:
                pass
    case.plan = [midway.Recommendation(f"R{k}", due=d + dt.timedelta(days=rng.randint(10, 400)), urgent=rng.random() < 0.3,
                                       status="open" if rng.random() < 0.7 else "done") for k in range(rng.randint(0, 3))]
    return case


@pytest.mark.parametrize("seed", [20261205, int(os.environ.get("MIDWAY_SEED", random.randrange(2**32)))])
def test_random_caseloads_agree_everywhere(seed: int) -> None:
    rng = random.Random(seed)
    cases = [random_case(rng, i) for i in range(250)]
    odd = midway.Policy.england(counting="inclusive", month_counting="fixed_days", due_on_non_working_day="next_working_day",
                                midway_in_short_intervals=True, reschedule_limit=1)
    compared = 0
    for policy in (midway.Policy.england(), odd):
        for as_of in (D(2024, 3, 15), D(2025, 11, 22), D(2026, 12, 5)):
            ok = []
            for case in cases:
                try:
                    midway.schedule(case, as_of=as_of, policy=policy)
                    ok.append(case)
                except midway.RuleViolationError:
                    with pytest.raises(midway.RuleViolationError):
                        midway.evaluate(midway.Caseload([case]), as_of=as_of, policy=policy)
            cl = midway.Caseload(ok)
            result = midway.evaluate(cl, as_of=as_of, policy=policy)
            columns_result = midway.evaluate(midway.to_columns(cl), as_of=as_of, policy=policy)
            for key in result:
                np.testing.assert_array_equal(np.asarray(result[key]), np.asarray(columns_result[key]), err_msg=f"seed {seed}: {key}")
            for i, case in enumerate(ok):
                where = f"seed {seed} (replay: MIDWAY_SEED={seed}), policy {policy.name}, as of {as_of}, case {case.case_id}"
                s = midway.schedule(case, as_of=as_of, policy=policy)
                for item, key in ((s.next_review, "review"), (s.midway_review, "midway"), (s.next_visit, "visit"),
                                  (s.next_core_group, "core_group")):
                    assert result[f"{key}_status"][i] == STATUS[item.status], (where, key)
                    due = result[f"{key}_due"][i]
                    assert (np.isnat(due) and item.due is None) or due == day(item.due), (where, key)
                gaps = [g for g in s.history if not g.kept and not g.open]
                assert result["visit_gaps"][i] == sum(g.kind == midway.ItemKind.VISIT for g in gaps), where
                assert result["findings"][i] == len(midway.drift(case, as_of=as_of, policy=policy)), where
                compared += 1
    assert compared > 1000
