"""The case model through the binding: construction, every event class, date order and generated
ids, every rule checked by Case.record with its error class and location, the strong guarantee,
and errors that name ids but never personal details. (Mirrors tests/cpp/test_case.cpp.)"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

import midway

D = dt.date

# Every event class the package exports, with its JSON/C++ type name (docs/schedule.md, Events).
EVENT_CLASSES: dict[str, type[Any]] = {
    "strategy_discussion": midway.StrategyDiscussion,
    "s47_enquiry": midway.S47Enquiry,
    "initial_conference": midway.InitialConference,
    "review_conference": midway.ReviewConference,
    "transfer_in_conference": midway.TransferInConference,
    "core_group": midway.CoreGroup,
    "plan_ended": midway.PlanEnded,
    "started_looked_after": midway.StartedLookedAfter,
    "placement_start": midway.PlacementStart,
    "lac_review": midway.LacReview,
    "ceased_looked_after": midway.CeasedLookedAfter,
    "visit": midway.Visit,
    "midway_review": midway.MidwayReview,
    "plan_updated": midway.PlanUpdated,
    "management_oversight": midway.ManagementOversight,
    "child_views_recorded": midway.ChildViewsRecorded,
    "parents_views_recorded": midway.ParentsViewsRecorded,
    "cse_concern": midway.CseConcern,
    "legal_planning_meeting": midway.LegalPlanningMeeting,
    "contingency_plan_recorded": midway.ContingencyPlanRecorded,
    "direct_work": midway.DirectWork,
    "missing_episode": midway.MissingEpisode,
    "safe_person_identified": midway.SafePersonIdentified,
    "escalation_to_tm": midway.EscalationToTm,
}
CP_ONLY = ("initial_conference", "review_conference", "transfer_in_conference", "core_group", "plan_ended")
LAC_ONLY = ("started_looked_after", "placement_start", "lac_review", "ceased_looked_after")
EITHER = tuple(k for k in EVENT_CLASSES if k not in CP_ONLY and k not in LAC_ONLY)


def cp_case(*, partial: bool = False, opened: dt.date | None = None) -> midway.Case:
    return midway.Case(case_id="CP-1", child_id="C-1", kind=midway.CaseKind.CP, opened=opened, partial_history=partial)


def lac_case(*, partial: bool = False, opened: dt.date | None = None) -> midway.Case:
    return midway.Case(case_id="LAC-1", child_id="C-2", kind="LAC", opened=opened, partial_history=partial)


def ids_of(case: midway.Case) -> list[str]:
    return [e.id for e in case.history]


def snapshot(case: midway.Case) -> list[tuple[str, Any, bool, dict[str, Any]]]:
    """The history, element by element, in a form that compares by value."""
    return [(e.id, e.data, e.correction, e.extra) for e in case.history]


def rejected(
    case: midway.Case,
    event: Any,
    cls: type[midway.Error],
    field: str,
    *,
    id: str | None = None,
    correction: bool = False,
) -> midway.Error:
    """Records `event`, which must raise exactly `cls` at `field` naming the case, and leave the
    case exactly as it was (strong guarantee)."""
    before_json = case.to_json()
    before = snapshot(case)
    copy = midway.Case.from_json(before_json)
    with pytest.raises(midway.Error) as info:
        case.record(event, id=id, correction=correction)
    e = info.value
    assert type(e) is cls, f"{type(e).__name__}: {e}"
    assert e.field == field
    assert e.record_id == case.case_id
    assert e.message
    # docs/errors.md: str(e) is "<message> (field '<field>', record '<record_id>')".
    assert str(e) == f"{e.message} (field '{field}', record '{case.case_id}')"
    assert snapshot(case) == before
    assert case == copy
    assert case.to_json() == before_json
    return e


# ---- construction and accessors ----


def test_construction_keeps_its_arguments() -> None:
    c = midway.Case(case_id="CP-7", child_id="C-9", kind="CP", opened=D(2026, 12, 1), partial_history=True)
    assert c.case_id == "CP-7"
    assert c.child_id == "C-9"
    assert c.kind is midway.CaseKind.CP
    assert c.opened == D(2026, 12, 1)
    assert c.partial_history is True
    assert c.history == ()
    assert c.people == ()
    assert c.plan == ()
    assert c.extra == {}

    d = lac_case()
    assert d.kind is midway.CaseKind.LAC
    assert d.opened is None
    assert d.partial_history is False


def test_cases_compare_by_value() -> None:
    a, b = cp_case(), cp_case()
    assert a == b
    b.record(midway.Visit(date=D(2026, 12, 1)))
    assert a != b
    assert a != lac_case()
    assert a != "CP-1"


def test_people_plan_and_extra() -> None:
    c = cp_case()
    assert c.person_in("chair") is None
    c.people = [
        midway.Person("SW-1", "social_worker", name="Ann"),
        midway.Person("CH-1", midway.Role.CHAIR, name="Bob", extra={"x_phone": {"ext": 12}}),
        midway.Person("CH-2", "chair", name="Cy"),
    ]
    assert [p.id for p in c.people] == ["SW-1", "CH-1", "CH-2"]
    chair = c.person_in(midway.Role.CHAIR)
    assert chair is not None and chair.id == "CH-1"  # the first in the role
    assert chair.extra == {"x_phone": {"ext": 12}}
    sw = c.person_in("social_worker")
    assert sw is not None and sw.name == "Ann" and sw.role is midway.Role.SOCIAL_WORKER
    assert c.person_in("cpa") is None

    c.plan = [midway.Recommendation("R1", "Refer to CAMHS", owner="chair", due=D(2027, 1, 8), urgent=True)]
    (r,) = c.plan
    assert (r.id, r.text, r.owner, r.due, r.urgent) == ("R1", "Refer to CAMHS", midway.Role.CHAIR, D(2027, 1, 8), True)
    # Defaults (docs/json.md, recommendation).
    assert r.status is midway.RecommendationStatus.OPEN
    assert r.made_on is None and r.done_on is None
    assert midway.Recommendation("R2").owner is midway.Role.SOCIAL_WORKER

    c.extra = {"lcs_ref": "LCS-1", "x_n": [1, 2.5, None, True]}
    assert c.extra == {"lcs_ref": "LCS-1", "x_n": [1, 2.5, None, True]}
    c.extra = None
    assert c.extra == {}


# ---- every event class ----


def all_events_cp() -> list[Any]:
    """A CP history using every CP and either-kind event class, non-default fields throughout."""
    return [
        midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True),
        midway.S47Enquiry(date=D(2026, 12, 7)),
        midway.InitialConference(date=D(2026, 12, 29), pre_birth=True, plan_started=True),
        midway.TransferInConference(date=D(2026, 12, 30), notified=D(2026, 12, 14)),
        midway.CoreGroup(date=D(2027, 1, 13), agencies=["school", "health visitor"]),
        midway.Visit(date=D(2027, 1, 13), seen=True, seen_alone=True),
        midway.ReviewConference(date=D(2027, 3, 25), plan_continues=True, midway_date=D(2027, 6, 17)),
        midway.PlanUpdated(date=D(2027, 3, 30)),
        midway.ManagementOversight(date=D(2027, 3, 31)),
        midway.DirectWork(date=D(2027, 4, 1), tool="Three Houses"),
        midway.ChildViewsRecorded(date=D(2027, 4, 1)),
        midway.ParentsViewsRecorded(date=D(2027, 4, 2)),
        midway.MissingEpisode(date=D(2027, 4, 5), returned=D(2027, 4, 6)),
        midway.CseConcern(date=D(2027, 4, 7)),
        midway.LegalPlanningMeeting(date=D(2027, 4, 8)),
        midway.SafePersonIdentified(date=D(2027, 4, 9), mentor_referral=True),
        midway.ContingencyPlanRecorded(date=D(2027, 4, 12)),
        midway.EscalationToTm(date=D(2027, 4, 13), reason="no core group"),
        midway.MidwayReview(date=D(2027, 6, 17), outcome="not_required", decided_by="chair", reason="no issues"),
        midway.PlanEnded(date=D(2027, 7, 1), reason=midway.PlanEndReason.MOVED_TO_ANOTHER_LA),
    ]


def all_events_lac() -> list[Any]:
    return [
        midway.StartedLookedAfter(date=D(2026, 11, 27), legal_status="C2"),
        midway.PlacementStart(date=D(2026, 11, 27), long_term=True, placed_with_parent=True, temporary_approval=True),
        midway.Visit(date=D(2026, 12, 4), seen=False),
        midway.LacReview(date=D(2026, 12, 29), midway_date=D(2027, 2, 10)),
        midway.MidwayReview(date=D(2027, 2, 10), outcome=midway.MidwayOutcome.HELD, decided_by=midway.Role.IRO),
        midway.CeasedLookedAfter(date=D(2027, 3, 1), reason="E11"),
    ]


def test_every_event_class_is_recorded_with_its_fields() -> None:
    cp = cp_case()
    for i, data in enumerate(all_events_cp()):
        e = cp.record(data)
        assert e.id == f"e{i + 1}"
        assert e.data == data
        assert e.date == data.date
        assert e.kind == type(data).kind
        assert e.correction is False and e.extra == {}
    lac = lac_case()
    for data in all_events_lac():
        assert lac.record(data).data == data
    kinds = {e.kind for e in cp.history} | {e.kind for e in lac.history}
    assert kinds == set(EVENT_CLASSES)
    for kind, cls in EVENT_CLASSES.items():
        assert cls.kind == kind
    # Fields read back as recorded.
    by_kind: dict[str, Any] = {e.kind: e.data for e in cp.history}
    assert by_kind["core_group"].agencies == ["school", "health visitor"]
    assert by_kind["review_conference"].midway_date == D(2027, 6, 17)
    assert by_kind["midway_review"].decided_by is midway.Role.CHAIR
    assert by_kind["midway_review"].outcome is midway.MidwayOutcome.NOT_REQUIRED
    assert by_kind["plan_ended"].reason is midway.PlanEndReason.MOVED_TO_ANOTHER_LA
    assert by_kind["transfer_in_conference"].notified == D(2026, 12, 14)
    assert by_kind["missing_episode"].returned == D(2027, 4, 6)
    lac_by_kind: dict[str, Any] = {e.kind: e.data for e in lac.history}
    assert lac_by_kind["started_looked_after"].legal_status == "C2"


def test_event_defaults() -> None:
    d = D(2026, 12, 7)
    assert midway.StrategyDiscussion(date=d).s47_started is False
    assert midway.InitialConference(date=d).pre_birth is False
    assert midway.InitialConference(date=d).plan_started is True
    assert midway.ReviewConference(date=d).plan_continues is True
    assert midway.ReviewConference(date=d).midway_date is None
    assert midway.Visit(date=d).seen is True
    assert midway.Visit(date=d).seen_alone is False
    assert midway.MidwayReview(date=d).outcome is midway.MidwayOutcome.HELD
    assert midway.MidwayReview(date=d).decided_by is None
    assert midway.MidwayReview(date=d).reason == ""
    assert midway.CoreGroup(date=d).agencies == []
    assert midway.PlacementStart(date=d) == midway.PlacementStart(
        date=d, long_term=False, placed_with_parent=False, temporary_approval=False
    )
    assert midway.PlanEnded(date=d).reason is midway.PlanEndReason.NO_LONGER_AT_RISK


def test_event_fields_are_writable_and_compare_by_value() -> None:
    v = midway.Visit(date=D(2026, 12, 7))
    assert v == midway.Visit(date=D(2026, 12, 7), seen=True)
    v.seen = False
    v.date = D(2026, 12, 8)
    assert v == midway.Visit(date=D(2026, 12, 8), seen=False)
    assert v != midway.Visit(date=D(2026, 12, 8))
    assert v != midway.CseConcern(date=D(2026, 12, 8))
    m = midway.MidwayReview(date=D(2027, 1, 4))
    m.outcome = "not_required"
    m.decided_by = "iro"
    assert m.outcome is midway.MidwayOutcome.NOT_REQUIRED and m.decided_by is midway.Role.IRO
    m.decided_by = None
    assert m.decided_by is None


def test_events_of_either_kind_go_on_both_kinds_of_case() -> None:
    d = D(2026, 12, 7)
    for kind in EITHER:
        for case in (cp_case(), lac_case()):
            case.record(EVENT_CLASSES[kind](date=d), id="x")
            assert ids_of(case) == ["x"]


# ---- order and ids ----


def test_history_is_in_date_order_with_same_day_events_in_recording_order() -> None:
    c = cp_case()
    c.record(midway.InitialConference(date=D(2026, 12, 29)), id="icpc")
    c.record(midway.Visit(date=D(2027, 1, 13)), id="v-13a")
    c.record(midway.Visit(date=D(2027, 1, 6)), id="v-06")
    c.record(midway.CoreGroup(date=D(2027, 1, 13)), id="cg-13")
    c.record(midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True), id="sd")
    c.record(midway.Visit(date=D(2027, 1, 13), seen=False), id="v-13b")
    assert ids_of(c) == ["sd", "icpc", "v-06", "v-13a", "cg-13", "v-13b"]
    dates = [e.date for e in c.history]
    assert dates == sorted(dates)


def test_generated_ids_count_up_and_skip_ids_in_use() -> None:
    c = cp_case()
    assert c.record(midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True)).id == "e1"
    assert c.record(midway.InitialConference(date=D(2026, 12, 29))).id == "e2"
    # An earlier date still gets the next id; the history is in date order.
    assert c.record(midway.S47Enquiry(date=D(2026, 12, 8))).id == "e3"
    assert ids_of(c) == ["e1", "e3", "e2"]

    d = cp_case()
    d.record(midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True), id="e2")
    # case.hpp: "e<n+1>" for a history of n events, or the next such number not yet used.
    assert d.record(midway.S47Enquiry(date=D(2026, 12, 8))).id == "e3"
    d.record(midway.S47Enquiry(date=D(2026, 12, 9)), id="e5")
    assert d.record(midway.S47Enquiry(date=D(2026, 12, 10))).id == "e4"
    # A correction without an id gets a generated one too.
    e = d.record(midway.Visit(date=D(2026, 12, 11)), correction=True)
    assert e.id == "e6" and e.correction is True


def test_record_returns_the_event_with_its_id_correction_and_extra() -> None:
    c = cp_case()
    e = c.record(midway.Visit(date=D(2026, 12, 7), seen_alone=True), id="v1", extra={"x_loc": "home", "x_n": [1, None]})
    assert (e.id, e.kind, e.date, e.correction) == ("v1", "visit", D(2026, 12, 7), False)
    assert e.extra == {"x_loc": "home", "x_n": [1, None]}
    assert c.history[0].extra == {"x_loc": "home", "x_n": [1, None]}


# ---- the rules checked by record ----


def test_event_of_the_wrong_case_kind() -> None:
    d = D(2026, 12, 7)
    lac = lac_case()
    for kind in CP_ONLY:
        e = rejected(lac, EVENT_CLASSES[kind](date=d), midway.RuleViolationError, "events['x'].type", id="x")
        assert kind in e.message
    cp = cp_case()
    for kind in LAC_ONLY:
        rejected(cp, EVENT_CLASSES[kind](date=d), midway.RuleViolationError, "events['x'].type", id="x")
    # With a generated id, the error names the id the event would have had.
    rejected(lac, midway.CoreGroup(date=d), midway.RuleViolationError, "events['e1'].type")


def test_event_before_the_case_opened() -> None:
    c = cp_case(opened=D(2026, 12, 1))
    rejected(
        c, midway.StrategyDiscussion(date=D(2026, 11, 30), s47_started=True), midway.RuleViolationError, "events['sd'].date", id="sd"
    )
    # On the opening date itself: fine.
    c.record(midway.StrategyDiscussion(date=D(2026, 12, 1), s47_started=True), id="sd")
    assert ids_of(c) == ["sd"]


def test_duplicate_event_id_is_an_invalid_argument() -> None:
    c = cp_case()
    c.record(midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True), id="x")
    e = rejected(c, midway.S47Enquiry(date=D(2026, 12, 8)), midway.InvalidArgumentError, "events['x'].id", id="x")
    assert isinstance(e, ValueError) and not isinstance(e, KeyError)
    assert e.code == "invalid_argument"
    # Also on the same date as the first.
    rejected(c, midway.S47Enquiry(date=D(2026, 12, 7)), midway.InvalidArgumentError, "events['x'].id", id="x")


def test_review_conference_needs_an_earlier_initial_or_transfer_in_conference() -> None:
    c = cp_case()
    e = rejected(c, midway.ReviewConference(date=D(2027, 3, 25)), midway.RuleViolationError, "events['r1'].type", id="r1")
    assert e.code == "rule_violation" and isinstance(e, ValueError)
    # An ICPC after the RCPC does not help.
    c.record(midway.InitialConference(date=D(2027, 4, 1)), id="icpc")
    rejected(c, midway.ReviewConference(date=D(2027, 3, 25)), midway.RuleViolationError, "events['r1'].type", id="r1")
    c.record(midway.ReviewConference(date=D(2027, 7, 1)), id="r1")

    t = cp_case()
    t.record(midway.TransferInConference(date=D(2026, 12, 30), notified=D(2026, 12, 14)), id="tic")
    t.record(midway.ReviewConference(date=D(2027, 3, 25)), id="r1")
    assert ids_of(t) == ["tic", "r1"]


def test_lac_review_needs_an_earlier_start_of_care() -> None:
    c = lac_case()
    c.record(midway.PlacementStart(date=D(2026, 11, 27)), id="p1")  # a placement is not a start of care
    rejected(c, midway.LacReview(date=D(2026, 12, 29)), midway.RuleViolationError, "events['r1'].type", id="r1")
    c.record(midway.StartedLookedAfter(date=D(2026, 11, 27)), id="s1")
    c.record(midway.LacReview(date=D(2026, 12, 29)), id="r1")
    assert ids_of(c) == ["p1", "s1", "r1"]


def test_partial_history_starts_at_its_first_review() -> None:
    # Imported data often begins mid-plan: the first review stands in for the ICPC or the start of
    # care, and the reviews after it follow it (docs/schedule.md).
    cp = cp_case(partial=True)
    cp.record(midway.ReviewConference(date=D(2027, 3, 25)), id="r1")
    cp.record(midway.ReviewConference(date=D(2027, 9, 24)), id="r2")
    lac = lac_case(partial=True)
    lac.record(midway.LacReview(date=D(2027, 3, 25)), id="r1")
    lac.record(midway.LacReview(date=D(2027, 9, 24)), id="r2")
    lac.record(midway.LacReview(date=D(2027, 1, 20)), id="r0")  # an earlier one becomes the first
    assert ids_of(lac) == ["r0", "r1", "r2"]
    full = lac_case(partial=False)
    rejected(full, midway.LacReview(date=D(2027, 3, 25)), midway.RuleViolationError, "events['r1'].type", id="r1")


@pytest.mark.parametrize(
    "ending",
    [
        midway.PlanEnded(date=D(2027, 5, 10), reason="no_longer_at_risk"),
        midway.ReviewConference(date=D(2027, 5, 10), plan_continues=False),
    ],
    ids=["plan_ended", "rcpc-ends-plan"],
)
def test_nothing_but_a_correction_after_the_cp_plan_ended(ending: Any) -> None:
    c = cp_case()
    c.record(midway.InitialConference(date=D(2026, 12, 29)), id="icpc")
    c.record(ending, id="end")
    rejected(c, midway.Visit(date=D(2027, 5, 11)), midway.RuleViolationError, "events['v1'].date", id="v1")
    rejected(c, midway.CoreGroup(date=D(2027, 6, 1)), midway.RuleViolationError, "events['cg'].date", id="cg")
    # The same day is not after the end.
    c.record(midway.Visit(date=D(2027, 5, 10)), id="v0")
    # A correction may come later.
    late = c.record(midway.Visit(date=D(2027, 5, 11)), id="v1", correction=True)
    assert late.correction is True
    assert ids_of(c) == ["icpc", "end", "v0", "v1"]


def test_nothing_after_an_icpc_that_started_no_plan() -> None:
    c = cp_case()
    c.record(midway.InitialConference(date=D(2026, 12, 29), plan_started=False), id="icpc")
    rejected(c, midway.Visit(date=D(2026, 12, 30)), midway.RuleViolationError, "events['v1'].date", id="v1")


def test_nothing_but_a_correction_after_ceased_looked_after() -> None:
    c = lac_case()
    c.record(midway.StartedLookedAfter(date=D(2026, 11, 27)), id="s1")
    c.record(midway.CeasedLookedAfter(date=D(2027, 3, 1), reason="E11"), id="end")
    rejected(c, midway.Visit(date=D(2027, 3, 2)), midway.RuleViolationError, "events['v1'].date", id="v1")
    rejected(c, midway.LacReview(date=D(2027, 3, 10)), midway.RuleViolationError, "events['r1'].date", id="r1")
    c.record(midway.LacReview(date=D(2027, 3, 10)), id="r1", correction=True)
    assert ids_of(c) == ["s1", "end", "r1"]


def test_an_ending_before_an_event_already_recorded() -> None:
    c = cp_case()
    c.record(midway.InitialConference(date=D(2026, 12, 29)), id="icpc")
    c.record(midway.Visit(date=D(2027, 1, 13)), id="v1")
    rejected(c, midway.PlanEnded(date=D(2027, 1, 12)), midway.RuleViolationError, "events['end'].date", id="end")
    rejected(
        c, midway.ReviewConference(date=D(2027, 1, 12), plan_continues=False), midway.RuleViolationError, "events['r1'].date", id="r1"
    )
    # On the date of the last event it is fine.
    c.record(midway.PlanEnded(date=D(2027, 1, 13)), id="end")

    lac = lac_case()
    lac.record(midway.StartedLookedAfter(date=D(2026, 11, 27)), id="s1")
    lac.record(midway.Visit(date=D(2026, 12, 4)), id="v1")
    rejected(lac, midway.CeasedLookedAfter(date=D(2026, 12, 1)), midway.RuleViolationError, "events['end'].date", id="end")


def test_midway_date_set_at_a_review_must_be_after_the_review() -> None:
    cp = cp_case()
    cp.record(midway.InitialConference(date=D(2026, 12, 29)), id="icpc")
    for bad in (D(2027, 3, 25), D(2027, 3, 24)):
        rejected(
            cp,
            midway.ReviewConference(date=D(2027, 3, 25), midway_date=bad),
            midway.RuleViolationError,
            "events['r1'].midway_date",
            id="r1",
        )
    cp.record(midway.ReviewConference(date=D(2027, 3, 25), midway_date=D(2027, 3, 26)), id="r1")

    lac = lac_case()
    lac.record(midway.StartedLookedAfter(date=D(2026, 11, 27)), id="s1")
    rejected(
        lac, midway.LacReview(date=D(2026, 12, 29), midway_date=D(2026, 12, 29)), midway.RuleViolationError,
        "events['r1'].midway_date", id="r1",
    )
    lac.record(midway.LacReview(date=D(2026, 12, 29), midway_date=D(2027, 2, 10)), id="r1")


def not_required(decided_by: Any, reason: str, day: dt.date = D(2027, 5, 4)) -> midway.MidwayReview:
    return midway.MidwayReview(date=day, outcome="not_required", decided_by=decided_by, reason=reason)


def test_midway_not_required_is_decided_by_the_chair_on_cp_with_a_reason() -> None:
    c = cp_case()
    c.record(midway.InitialConference(date=D(2026, 12, 29)), id="icpc")
    c.record(midway.ReviewConference(date=D(2027, 3, 25)), id="r1")
    for wrong in ("social_worker", "iro", "cpa", "team_manager", "supervisor", None):
        rejected(c, not_required(wrong, "fine"), midway.RuleViolationError, "events['m'].decided_by", id="m")
    rejected(c, not_required("chair", ""), midway.RuleViolationError, "events['m'].reason", id="m")
    c.record(not_required("chair", "no issues in implementing the plan"), id="m")
    # A held midway review needs neither.
    c.record(midway.MidwayReview(date=D(2027, 5, 4)), id="m2")
    assert ids_of(c) == ["icpc", "r1", "m", "m2"]


def test_midway_not_required_is_decided_by_the_iro_on_lac_with_a_reason() -> None:
    c = lac_case()
    c.record(midway.StartedLookedAfter(date=D(2026, 11, 27)), id="s1")
    for wrong in ("chair", "social_worker", "supervisor", None):
        rejected(c, not_required(wrong, "stable"), midway.RuleViolationError, "events['m'].decided_by", id="m")
    rejected(c, not_required(midway.Role.IRO, ""), midway.RuleViolationError, "events['m'].reason", id="m")
    c.record(not_required(midway.Role.IRO, "placement stable"), id="m")
    assert ids_of(c) == ["s1", "m"]


def test_strong_guarantee_on_every_kind_of_rejection() -> None:
    c = cp_case(opened=D(2026, 12, 1))
    c.people = [midway.Person("SW-1", "social_worker", name="Ann")]
    c.extra = {"lcs_ref": "LCS-9"}
    c.record(midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True), id="sd")
    c.record(midway.InitialConference(date=D(2026, 12, 29)), id="icpc")
    c.record(midway.Visit(date=D(2027, 1, 13)), id="v1", extra={"x_loc": "school"})
    c.record(midway.Visit(date=D(2027, 1, 13), seen=False), id="v2")
    c.record(midway.PlanEnded(date=D(2027, 5, 10)), id="end")
    attempts: list[tuple[Any, str, type[midway.Error], str]] = [
        (midway.LacReview(date=D(2027, 3, 1)), "x1", midway.RuleViolationError, "events['x1'].type"),
        (midway.Visit(date=D(2026, 11, 30)), "x2", midway.RuleViolationError, "events['x2'].date"),
        (midway.Visit(date=D(2027, 1, 14)), "v1", midway.InvalidArgumentError, "events['v1'].id"),
        (midway.Visit(date=D(2027, 5, 11)), "x3", midway.RuleViolationError, "events['x3'].date"),
        (midway.PlanEnded(date=D(2027, 1, 12)), "x4", midway.RuleViolationError, "events['x4'].date"),
        (
            midway.ReviewConference(date=D(2027, 3, 25), midway_date=D(2027, 3, 1)),
            "x5",
            midway.RuleViolationError,
            "events['x5'].midway_date",
        ),
        (midway.MidwayReview(date=D(2027, 4, 1), outcome="not_required"), "x6", midway.RuleViolationError, "events['x6'].decided_by"),
    ]
    for data, eid, cls, field in attempts:
        rejected(c, data, cls, field, id=eid)
    # The generated-id form too: a visit after the end would be e6.
    rejected(c, midway.Visit(date=D(2027, 6, 1)), midway.RuleViolationError, "events['e6'].date")
    assert ids_of(c) == ["sd", "icpc", "v1", "v2", "end"]
    assert c.people[0].id == "SW-1" and c.extra == {"lcs_ref": "LCS-9"}


# ---- errors name ids, never personal details ----


def case_with_personal_details(kind: str = "CP") -> midway.Case:
    """Personal details can only come in through JSON (docs/json.md, `personal`)."""
    doc = {
        "schema": "midway.case",
        "version": 1,
        "case_id": f"{kind}-1",
        "child_id": "C-1",
        "kind": kind,
        "personal": {"name": "Jane Doe", "date_of_birth": "2015-06-01"},
    }
    return midway.Case.from_json(json.dumps(doc))


def test_errors_name_ids_not_personal_details() -> None:
    c = case_with_personal_details()
    assert "Jane Doe" in c.to_json()  # the details are on the case
    failures: list[Callable[[], object]] = [
        lambda: c.record(midway.ReviewConference(date=D(2027, 3, 25)), id="r1"),
        lambda: c.record(midway.LacReview(date=D(2027, 3, 25)), id="r1"),
        lambda: c.record(midway.MidwayReview(date=D(2027, 3, 25), outcome="not_required"), id="r1"),
    ]
    for call in failures:
        with pytest.raises(midway.Error) as info:
            call()
        e = info.value
        text = str(e)
        assert "Jane" not in text and "Doe" not in text
        assert "2015-06-01" not in text and "2015" not in text
        assert "CP-1" in text and "r1" in text
        assert e.record_id == "CP-1"
        assert e.field is not None and e.field.startswith("events['r1'].")
        assert "Jane" not in e.message
    # And through schedule(): a midway date on or after the next review's due date.
    c.record(midway.InitialConference(date=D(2026, 12, 29)), id="icpc")
    c.record(midway.ReviewConference(date=D(2027, 3, 25), midway_date=D(2027, 12, 1)), id="r1")
    with pytest.raises(midway.RuleViolationError) as sched:
        midway.schedule(c, as_of=D(2027, 3, 26))
    assert "Jane" not in str(sched.value) and "2015-06-01" not in str(sched.value)
    assert sched.value.record_id == "CP-1"


# ---- bad arguments ----


def check_argument_error(call: Callable[[], object], cls: type[midway.Error], field: str) -> midway.Error:
    with pytest.raises(midway.Error) as info:
        call()
    e = info.value
    assert type(e) is cls, f"{type(e).__name__}: {e}"
    assert e.field == field
    assert e.record_id is None
    assert isinstance(e, ValueError)
    return e


def test_bad_case_arguments() -> None:
    check_argument_error(lambda: midway.Case(case_id="", child_id="C-1", kind="CP"), midway.InvalidArgumentError, "case_id")
    check_argument_error(lambda: midway.Case(case_id="CP-1", child_id="", kind="CP"), midway.InvalidArgumentError, "child_id")
    check_argument_error(lambda: midway.Case(case_id="CP\n1", child_id="C", kind="CP"), midway.InvalidArgumentError, "case_id")
    e = check_argument_error(
        lambda: midway.Case(case_id="X", child_id="C", kind="CIN"),  # type: ignore[arg-type]
        midway.UnknownCodeError,
        "kind",
    )
    assert isinstance(e, KeyError) and "CIN" in e.message and "LAC" in e.message
    check_argument_error(
        lambda: midway.Case(case_id="X", child_id="C", kind=1),  # type: ignore[arg-type]
        midway.InvalidArgumentError,
        "kind",
    )
    check_argument_error(
        lambda: midway.Case(case_id=7, child_id="C", kind="CP"),  # type: ignore[arg-type]
        midway.InvalidArgumentError,
        "case_id",
    )
    check_argument_error(
        lambda: midway.Case(case_id="X", child_id="C", kind="CP", opened="2026-12-01"),  # type: ignore[arg-type]
        midway.InvalidArgumentError,
        "opened",
    )
    check_argument_error(
        lambda: midway.Case(case_id="X", child_id="C", kind="CP", partial_history=1),  # type: ignore[arg-type]
        midway.InvalidArgumentError,
        "partial_history",
    )


def test_bad_record_arguments_leave_the_case_unchanged() -> None:
    c = cp_case()
    c.record(midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True), id="sd")
    before = snapshot(c)
    check_argument_error(lambda: c.record("visit"), midway.InvalidArgumentError, "event")  # type: ignore[arg-type]
    check_argument_error(lambda: c.record(midway.Visit(date=D(2026, 12, 8)), id=""), midway.InvalidArgumentError, "id")
    check_argument_error(
        lambda: c.record(midway.Visit(date=D(2026, 12, 8)), id=5),  # type: ignore[arg-type]
        midway.InvalidArgumentError,
        "id",
    )
    check_argument_error(
        lambda: c.record(midway.Visit(date=D(2026, 12, 8)), correction=1),  # type: ignore[arg-type]
        midway.InvalidArgumentError,
        "correction",
    )
    check_argument_error(
        lambda: c.record(midway.Visit(date=D(2026, 12, 8)), extra={"x": object()}), midway.InvalidArgumentError, "extra['x']"
    )
    check_argument_error(
        lambda: c.record(midway.Visit(date=D(2026, 12, 8)), extra=[1]),  # type: ignore[arg-type]
        midway.InvalidArgumentError,
        "extra",
    )
    assert snapshot(c) == before


def test_bad_event_fields() -> None:
    check_argument_error(lambda: midway.Visit(date="2026-12-07"), midway.InvalidArgumentError, "date")  # type: ignore[arg-type]
    check_argument_error(lambda: midway.Visit(date=dt.datetime(2026, 12, 7, 9, 30)), midway.InvalidArgumentError, "date")
    check_argument_error(lambda: midway.Visit(date=D(2026, 12, 7), seen=1), midway.InvalidArgumentError, "seen")  # type: ignore[arg-type]
    check_argument_error(
        lambda: midway.CoreGroup(date=D(2026, 12, 7), agencies="school"),  # type: ignore[arg-type]
        midway.InvalidArgumentError,
        "agencies",
    )
    check_argument_error(
        lambda: midway.CoreGroup(date=D(2026, 12, 7), agencies=["school", 3]),  # type: ignore[list-item]
        midway.InvalidArgumentError,
        "agencies[1]",
    )
    e = check_argument_error(
        lambda: midway.MidwayReview(date=D(2026, 12, 7), outcome="maybe"),  # type: ignore[arg-type]
        midway.UnknownCodeError,
        "outcome",
    )
    assert isinstance(e, KeyError)
    check_argument_error(
        lambda: midway.MidwayReview(date=D(2026, 12, 7), decided_by="boss"),  # type: ignore[arg-type]
        midway.UnknownCodeError,
        "decided_by",
    )
    check_argument_error(
        lambda: midway.PlanEnded(date=D(2026, 12, 7), reason="closed"),  # type: ignore[arg-type]
        midway.UnknownCodeError,
        "reason",
    )
    v = midway.Visit(date=D(2026, 12, 7))
    with pytest.raises(midway.InvalidArgumentError) as info:
        v.seen_alone = "yes"  # type: ignore[assignment]
    assert info.value.field == "seen_alone"
    assert v == midway.Visit(date=D(2026, 12, 7))


def test_bad_people_and_plan() -> None:
    check_argument_error(lambda: midway.Person("", "iro"), midway.InvalidArgumentError, "id")
    check_argument_error(lambda: midway.Person("P", "boss"), midway.UnknownCodeError, "role")  # type: ignore[arg-type]
    check_argument_error(lambda: midway.Recommendation("R", owner="boss"), midway.UnknownCodeError, "owner")  # type: ignore[arg-type]
    check_argument_error(
        lambda: midway.Recommendation("R", status="closed"),  # type: ignore[arg-type]
        midway.UnknownCodeError,
        "status",
    )
    c = cp_case()
    check_argument_error(lambda: c.person_in("boss"), midway.UnknownCodeError, "role")  # type: ignore[arg-type]


def test_a_wrong_type_in_the_people_list_is_a_midway_error() -> None:
    # Every other wrong type given to the binding raises InvalidArgumentError naming the field
    # (tests/python/test_date.py: "a midway error naming `n`, not a RuntimeError from pybind11's
    # cast"); README: errors are subclasses of midway.Error. A str among the people must be too,
    # and must leave the case's people as they were.
    c = cp_case()
    c.people = [midway.Person("SW-1", "social_worker")]
    with pytest.raises(midway.InvalidArgumentError) as info:
        c.people = ["SW-2"]  # type: ignore[list-item]
    assert info.value.field is not None and info.value.field.startswith("people")
    assert [p.id for p in c.people] == ["SW-1"]


def test_a_wrong_type_in_the_plan_list_is_a_midway_error() -> None:
    c = cp_case()
    with pytest.raises(midway.InvalidArgumentError) as info:
        c.plan = [1]  # type: ignore[list-item]
    assert info.value.field is not None and info.value.field.startswith("plan")
    assert c.plan == ()
