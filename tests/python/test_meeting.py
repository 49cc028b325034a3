"""Midway review meetings, Signs of Safety records and their notes through the binding: the worked
LAC and CP examples of docs/midway-review.md built from arrangement to case note, compared byte for
byte with the golden files of tests/cpp/test_meeting.cpp; every rule's error with its class, field,
record id and rule id, and the strong guarantee; amendments and their history; JSON round trips with
extension members; HTML escaping; the scaling trend; and the page itself (its ```text blocks are the
golden notes, its ```python blocks print them). (Mirrors tests/cpp/test_meeting.cpp.)

Records are values: a property returns a copy, so a test changes a nested list by assigning the whole
field (`m.outcome = o`, `lac.recommendations = recs`, `m.lac = lac`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import midway
from docpages import page_blocks, run_python_blocks

D = dt.date
ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden"
PAGE = ROOT / "docs" / "midway-review.md"
CAL = midway.Calendar("england-and-wales")
ENGLAND = midway.Policy.england()

E = TypeVar("E", bound=midway.Error)

# errors.py: the built-in exception each class also derives from.
ALSO: dict[type[midway.Error], tuple[type[Exception], ...]] = {
    midway.InvalidDateError: (ValueError,),
    midway.OutOfRangeError: (ValueError,),
    midway.UnknownCodeError: (KeyError, ValueError),
    midway.ParseError: (ValueError,),
    midway.InvalidArgumentError: (ValueError,),
    midway.RuleViolationError: (ValueError,),
    midway.NotFoundError: (KeyError,),
}


def iso(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def record_of(c: midway.Case, id: str) -> midway.MidwayReviewRecord:
    r = midway.find_midway_review(c, id)
    assert r is not None, id
    return r


def agenda_of(m: midway.MidwayReviewContent) -> midway.LacAgenda:
    assert m.lac is not None
    return m.lac


def sos_of(m: midway.MidwayReviewContent) -> midway.SignsOfSafety:
    assert m.signs_of_safety is not None
    return m.signs_of_safety


def rec(id: str, text: str, made_on: str, due: str) -> midway.Recommendation:
    return midway.Recommendation(id, text, owner=midway.Role.SOCIAL_WORKER, made_on=iso(made_on), due=iso(due), status="open")


# ---- the worked LAC example (docs/midway-review.md) ----------------------------------------
# Looked after since 2026-01-05; third review 2026-10-27 sets the midway review for 2027-01-26 on
# its Chair's Report (halfway to the next review, due 2027-04-27).
def lac_example_case() -> midway.Case:
    c = midway.Case(case_id="LAC-7", child_id="C-7", kind=midway.CaseKind.LAC)
    c.people = [
        midway.Person("SW-1", midway.Role.SOCIAL_WORKER),
        midway.Person("IRO-1", midway.Role.IRO),
        midway.Person("SUP-1", midway.Role.SUPERVISOR),
    ]
    c.record(midway.StartedLookedAfter(date=iso("2026-01-05"), legal_status="C2"), id="start")
    c.record(midway.PlacementStart(date=iso("2026-01-05"), long_term=False), id="p1")
    c.record(midway.LacReview(date=iso("2026-01-30")), id="r1")
    c.record(midway.LacReview(date=iso("2026-04-28")), id="r2")
    c.record(midway.LacReview(date=iso("2026-10-27"), midway_date=iso("2027-01-26")), id="r3")
    c.plan = [
        rec("R1", "Arrange a health assessment", "2026-10-27", "2026-12-15"),
        rec("R2", "Complete the life story book", "2026-10-27", "2027-03-31"),
        rec("R3", "Agree contact with siblings", "2026-10-27", "2027-01-15"),
    ]
    return c


def lac_example_arranged() -> midway.Case:
    c = lac_example_case()
    midway.arrange_midway_review(c, "MR-7", "r3")
    return c


def lac_example_content(c: midway.Case) -> midway.MidwayReviewContent:
    m = midway.prefill_midway_review(c, "MR-7", iso("2027-01-28"))
    m.participants = [*m.participants, midway.Participant(role=midway.Role.SUPERVISOR, person="SUP-1", attendance=midway.Attendance.ATTENDED)]
    lac = agenda_of(m)
    lac.key_changes = [
        midway.KeyChange(text="Moved up to Year 8 at the same school", area=midway.ChangeArea.EDUCATION),
        midway.KeyChange(text="Dental check completed", area="health"),
    ]
    recs = lac.recommendations
    recs[0].done_so_far = "Health assessment held on 2026-12-10"
    recs[0].progress = midway.Progress.DONE
    recs[1].done_so_far = "Three sessions done with the foster carer"
    recs[1].progress = "on_track"
    recs[2].done_so_far = "Siblings' carers agree; transport not arranged"
    recs[2].progress = midway.Progress.BLOCKED
    recs[2].note = "Placement is 40 miles from the siblings"
    lac.recommendations = recs
    lac.issues = [
        midway.ImplementationIssue(
            issue="Transport for sibling contact is not funded",
            action=midway.Action(text="Request transport funding", owner=midway.Role.TEAM_MANAGER, due=iso("2027-02-11")),
        )
    ]
    m.lac = lac
    o = m.outcome
    o.decisions = ["The care plan continues", "Sibling contact starts once transport is agreed"]
    o.actions = [
        midway.Action(text="", owner=midway.Role.SOCIAL_WORKER, due=iso("2027-02-25"), recommendation="R3"),
        midway.Action(text="Book four sibling contact sessions", owner="social_worker", due=iso("2027-03-11")),
    ]
    o.next_review = iso("2027-04-27")
    o.supervisor_decision = "Transport for sibling contact agreed, funded by the team"
    m.outcome = o
    return m


def lac_example_rescheduled() -> midway.Case:
    c = lac_example_arranged()
    midway.reschedule_midway_review(c, "MR-7", iso("2027-01-28"), "IRO on leave", decided_by=midway.Role.IRO, decided_on=iso("2027-01-20"))
    return c


def lac_example() -> midway.Case:
    c = lac_example_rescheduled()
    midway.hold_midway_review(c, "MR-7", iso("2027-01-28"), lac_example_content(c))
    return c


# ---- the worked CP example -------------------------------------------------------------------
# ICPC 2026-05-20 (Signs of Safety record there); first RCPC 2026-08-19 sets the midway review for
# 2026-11-11: 84 days later (12 days to 31 Aug, 30 in Sep, 31 in Oct, 11 in Nov).
def icpc_sos() -> midway.SignsOfSafety:
    return midway.SignsOfSafety(
        date=iso("2026-05-20"),
        context=midway.SosContext.CONFERENCE,
        event="icpc",
        harm=["Police called to three incidents of domestic abuse in 2026"],
        danger_statements=[
            midway.DangerStatement(
                id="D1",
                who_is_worried="The social worker and the school are",
                about_what="the child seeing more violence at home",
                if_nothing_changes="the child may be hurt and grow more withdrawn",
            )
        ],
        safety_goals=[midway.SafetyGoal(danger_statement="D1", goal="Everyone knows the child is safe when father visits")],
        scaling=[
            midway.ScaleScore(who="social worker", role=midway.Role.SOCIAL_WORKER, score=3, rationale="Early days"),
            midway.ScaleScore(who="mother", score=5, rationale="Father has moved out"),
            midway.ScaleScore(who="health visitor", score=4, rationale=""),
        ],
        not_recorded=[midway.HeadingNotRecorded(heading=midway.SosHeading.WORKING_WELL, reason="not discussed at the ICPC")],
    )


def cp_example_case() -> midway.Case:
    c = midway.Case(case_id="CP-3", child_id="C-3", kind="CP")
    c.people = [
        midway.Person("SW-2", midway.Role.SOCIAL_WORKER),
        midway.Person("CH-1", midway.Role.CHAIR),
        midway.Person("CPA-1", midway.Role.CPA),
    ]
    c.record(midway.StrategyDiscussion(date=iso("2026-05-01"), s47_started=True), id="sd")
    c.record(midway.InitialConference(date=iso("2026-05-20")), id="icpc")
    c.record(midway.CoreGroup(date=iso("2026-06-03"), agencies=["school", "health visiting"]), id="cg1")
    c.record(midway.ReviewConference(date=iso("2026-08-19"), midway_date=iso("2026-11-11")), id="rcpc1")
    # A core group since the RCPC: 3 Jun + 6 weeks = 15 Jul, so 30 Sep was late.
    c.record(midway.CoreGroup(date=iso("2026-09-30"), agencies=["school", "health visiting", "police"]), id="cg2")
    midway.add_signs_of_safety(c, icpc_sos())
    c.plan = [rec("P1", "Father to complete a domestic abuse programme", "2026-08-19", "2026-12-31")]
    return c


def cp_example_arranged() -> midway.Case:
    c = cp_example_case()
    midway.arrange_midway_review(c, "MR-3", "rcpc1")
    return c


def cp_example_content(c: midway.Case) -> midway.MidwayReviewContent:
    m = midway.prefill_midway_review(c, "MR-3", iso("2026-11-11"))
    s = sos_of(m)
    s.harm = ["No further incidents reported since the RCPC"]
    s.complicating_factors = ["Father's contact is not yet supervised by a named person"]
    s.existing_strengths = ["Mother has kept every appointment", "The child is attending school every day"]
    s.existing_safety = ["Grandmother supervises contact at weekends"]
    s.next_steps = [midway.Action(text="Agree a written safety plan with the family", owner=midway.Role.SOCIAL_WORKER, due=iso("2026-11-25"))]
    s.scaling = [
        midway.ScaleScore(who="social worker", role="social_worker", score=5, rationale="Plan progressing"),
        midway.ScaleScore(who="mother", score=6, rationale="Feels safer"),
        midway.ScaleScore(who="health visitor", score=4, rationale="Wants the safety plan in place"),
    ]
    s.child_voice = midway.ChildVoice(
        tool="Three Houses",
        worries=["When mum and dad shout"],
        good_things=["My nan's house", "Football"],
        hopes_and_dreams=["Dad to come to my birthday"],
        seen_alone=True,
    )
    s.parents_views = ["Mother: things are calmer and she wants the plan to end at the next review"]
    s.safety_network = [midway.NetworkMember(who="maternal grandmother", relationship="supervises contact")]
    s.safety_plan = midway.SafetyPlan(
        rules=[midway.SafetyRule(rule="Father sees the child only when grandmother is there", monitored_by="maternal grandmother")],
        red_flags=["Father arrives unannounced"],
    )
    m.signs_of_safety = s
    groups = m.core_groups
    assert groups is not None
    groups.chair_view = "The core group works well together but has not met 6-weekly"
    m.core_groups = groups
    o = m.outcome
    o.decisions = ["Core group to meet on 2026-11-25 to agree the safety plan"]
    o.actions = [midway.Action(text="Refer father to the programme's next intake", owner=midway.Role.SOCIAL_WORKER, due=iso("2026-12-04"))]
    o.next_review = iso("2027-02-19")
    m.outcome = o
    return m


def cp_example() -> midway.Case:
    c = cp_example_arranged()
    midway.hold_midway_review(c, "MR-3", iso("2026-11-11"), cp_example_content(c))
    return c


def golden(name: str) -> str:
    """tests/data/golden/<name>, byte for byte (no newline translation)."""
    return (GOLDEN / name).read_bytes().decode("utf-8")


def expect_error(c: midway.Case, change: Callable[[], object], cls: type[E], field: str, rule: str = "") -> E:
    """`change` must raise exactly `cls` at `field`, naming the case and (when given) the rule, and
    leave the case exactly as it was."""
    before = c.to_json()
    copy = midway.Case.from_json(before)
    with pytest.raises(midway.Error) as info:
        change()
    e = info.value
    assert type(e) is cls, f"{type(e).__name__}: {e}"
    assert isinstance(e, cls)
    for base in (ValueError, KeyError):
        assert isinstance(e, base) == (base in ALSO[cls]), (cls.__name__, base.__name__)
    assert e.field == field
    assert e.record_id == c.case_id
    assert e.message
    if rule:
        assert f"[{rule}]" in e.message, e.message
    assert str(e) == f"{e.message} (field '{field}', record '{c.case_id}')"
    assert c.to_json() == before, "a rejected change left the case changed"
    assert c == copy
    return e


def escalations(c: midway.Case) -> list[midway.Event]:
    return [e for e in c.history if isinstance(e.data, midway.EscalationToTm)]


# ---- the LAC example, step by step -----------------------------------------------------------


def test_lac_arranged_from_the_chairs_report() -> None:
    c = lac_example_arranged()
    (r,) = c.midway_reviews
    assert r == record_of(c, "MR-7")
    assert r.id == "MR-7"
    assert r.arranged_at == "r3"
    assert r.arranged_for == iso("2027-01-26")  # the midway_date on review r3
    assert r.status is midway.MeetingStatus.SCHEDULED
    assert r.scheduled_for() == iso("2027-01-26")
    assert r.version() == 1
    assert r.held_on is None and r.event is None and r.reschedules == [] and r.amendments == []
    assert midway.find_midway_review(c, "MR-8") is None
    # arrange_midway_review returns the record; giving the Chair's Report's own date arranges the same.
    d = lac_example_case()
    got = midway.arrange_midway_review(d, "MR-7", "r3", iso("2027-01-26"))
    assert got == record_of(d, "MR-7") == r


def test_lac_reschedule_keeps_the_old_date_and_moves_the_schedule() -> None:
    c = lac_example_arranged()
    midway.reschedule_midway_review(c, "MR-7", iso("2027-01-28"), "IRO on leave", decided_by="iro", decided_on=iso("2027-01-20"))
    r = record_of(c, "MR-7")
    assert r.status is midway.MeetingStatus.RESCHEDULED
    assert r.arranged_for == iso("2027-01-26")
    assert r.scheduled_for() == iso("2027-01-28")
    (moved,) = r.reschedules
    assert moved == midway.Reschedule(
        from_date=iso("2027-01-26"), to_date=iso("2027-01-28"), reason="IRO on leave", decided_by=midway.Role.IRO, decided_on=iso("2027-01-20")
    )
    # The schedule follows the new date: as of 2027-01-27 it is due tomorrow.
    s = midway.schedule(c, as_of=iso("2027-01-27"), policy=ENGLAND, calendar=CAL)
    assert s.midway_review.due == iso("2027-01-28")
    assert s.midway_review.explanation == "Midway review due 2027-01-28: rescheduled from 2027-01-26 (IRO on leave)"


def test_lac_prefill_lists_the_reviews_recommendations() -> None:
    c = lac_example_arranged()
    m = midway.prefill_midway_review(c, "MR-7", iso("2027-01-28"))
    assert [(p.role, p.person, p.attendance) for p in m.participants] == [
        (midway.Role.SOCIAL_WORKER, "SW-1", midway.Attendance.ATTENDED),
        (midway.Role.IRO, "IRO-1", midway.Attendance.ATTENDED),
    ]
    assert m.signs_of_safety is None
    lac = agenda_of(m)
    assert [(p.recommendation, p.text, p.progress) for p in lac.recommendations] == [
        ("R1", "Arrange a health assessment", midway.Progress.NOT_STARTED),
        ("R2", "Complete the life story book", midway.Progress.NOT_STARTED),
        ("R3", "Agree contact with siblings", midway.Progress.NOT_STARTED),
    ]
    assert lac.key_changes == [] and lac.issues == []
    assert m.outcome == midway.MeetingOutcome()
    assert m.notes == "" and m.extra == {}


def test_lac_held_records_the_event_and_flows_actions_into_the_plan() -> None:
    c = lac_example()
    r = record_of(c, "MR-7")
    assert r.status is midway.MeetingStatus.HELD
    assert r.held_on == iso("2027-01-28")
    assert r.content == lac_example_content(lac_example_rescheduled())
    last = c.history[-1]
    assert r.event is not None and last.id == r.event
    assert isinstance(last.data, midway.MidwayReview)
    assert last.data.outcome is midway.MidwayOutcome.HELD
    assert last.date == iso("2027-01-28")
    # R3's due date moved; the new action became recommendation MR-7-a2 (the second action).
    assert len(c.plan) == 4
    assert c.plan[2].id == "R3"
    assert c.plan[2].due == iso("2027-02-25")
    assert c.plan[2].text == "Agree contact with siblings"  # an action without text keeps the text
    new = c.plan[3]
    assert (new.id, new.text, new.made_on, new.due) == ("MR-7-a2", "Book four sibling contact sessions", iso("2027-01-28"), iso("2027-03-11"))
    assert new.owner is midway.Role.SOCIAL_WORKER and new.status is midway.RecommendationStatus.OPEN
    # No escalation in the outcome, none in the history.
    assert escalations(c) == []
    # The schedule shows the midway review done.
    s = midway.schedule(c, as_of=iso("2027-02-01"), policy=ENGLAND, calendar=CAL)
    assert s.midway_review.status is midway.ItemStatus.DONE


def test_records_are_values() -> None:
    c = lac_example()
    r = record_of(c, "MR-7")
    m = r.content
    # A property returns a copy: changing what it returned changes neither the record nor the content.
    m.outcome.decisions.append("not kept")
    assert m.outcome.decisions == ["The care plan continues", "Sibling contact starts once transport is agreed"]
    o = m.outcome
    o.decisions = [*o.decisions, "kept"]
    assert m.outcome.decisions[-1] == "Sibling contact starts once transport is agreed"
    m.outcome = o
    assert m.outcome.decisions[-1] == "kept"
    assert record_of(c, "MR-7").content.outcome.decisions[-1] == "Sibling contact starts once transport is agreed"
    # The record on the case is read-only: it changes through the functions.
    with pytest.raises(AttributeError):
        setattr(r, "status", midway.MeetingStatus.CANCELLED)
    with pytest.raises(AttributeError):
        setattr(c, "midway_reviews", ())


def test_amendment_keeps_the_earlier_version() -> None:
    c = lac_example()
    original = record_of(c, "MR-7").content
    m = record_of(c, "MR-7").content
    o = m.outcome
    o.decisions = [*o.decisions, "Life story work to include the siblings"]
    o.escalation = midway.Escalation(reason="Transport funding delayed beyond two weeks", on=iso("2027-02-12"))
    m.outcome = o
    midway.amend_midway_review(c, "MR-7", m, "IRO-1", iso("2027-02-12"), "Escalation added after the funding panel")
    r = record_of(c, "MR-7")
    assert r.version() == 2
    (a,) = r.amendments
    assert a.version == 1
    assert a.changed_by == "IRO-1"
    assert a.changed_on == iso("2027-02-12")
    assert a.reason == "Escalation added after the funding panel"
    assert a.previous == original
    assert r.content == m
    assert r.status is midway.MeetingStatus.HELD and r.held_on == iso("2027-01-28")
    # The escalation was recorded in the history once, and the plan did not gain a second copy of the action.
    (esc,) = escalations(c)
    assert isinstance(esc.data, midway.EscalationToTm)
    assert esc.date == iso("2027-02-12")
    assert esc.data.reason == "Transport funding delayed beyond two weeks"
    assert len(c.plan) == 4
    # Amending again keeps both earlier versions and records no second escalation.
    second = r.content
    m.notes = "Corrected the date of the dental check"
    midway.amend_midway_review(c, "MR-7", m, "SW-1", iso("2027-02-13"), "Typo")
    r = record_of(c, "MR-7")
    assert r.version() == 3
    assert [(x.version, x.changed_by, x.changed_on, x.reason) for x in r.amendments] == [
        (1, "IRO-1", iso("2027-02-12"), "Escalation added after the funding panel"),
        (2, "SW-1", iso("2027-02-13"), "Typo"),
    ]
    assert r.amendments[0].previous == original
    assert r.amendments[1].previous == second
    assert r.content.notes == "Corrected the date of the dental check"
    assert len(escalations(c)) == 1
    assert len(c.plan) == 4
    # The JSON carries the history, oldest first.
    doc = json.loads(c.to_json())
    (written,) = doc["midway_reviews"]
    assert [x["version"] for x in written["amendments"]] == [1, 2]
    assert [x["changed_by"] for x in written["amendments"]] == ["IRO-1", "SW-1"]
    assert written["amendments"][0]["previous"]["outcome"]["escalation"] is None
    assert written["amendments"][1]["previous"]["outcome"]["escalation"] == {
        "reason": "Transport funding delayed beyond two weeks",
        "on": "2027-02-12",
    }
    assert written["content"]["notes"] == "Corrected the date of the dental check"


def test_json_round_trip_keeps_records_amendments_and_extension_members() -> None:
    c = lac_example()
    m = record_of(c, "MR-7").content
    m.extra = {"ics_form_id": "F-991"}
    lac = agenda_of(m)
    changes = lac.key_changes
    changes[0].extra = {"ics_tag": 17}
    lac.key_changes = changes
    m.lac = lac
    ps = m.participants
    ps[0].extra = {"x_seen": [1, 2.5, None, True], "x_org": {"team": "North"}}
    m.participants = ps
    midway.amend_midway_review(c, "MR-7", m, "IRO-1", iso("2027-02-12"), "Form id added")
    text = c.to_json()
    back = midway.Case.from_json(text)
    assert back == c
    assert back.to_json() == text
    assert back.to_json(indent=-1) == c.to_json(indent=-1)
    r = record_of(back, "MR-7")
    assert r.content.extra == {"ics_form_id": "F-991"}
    assert agenda_of(r.content).key_changes[0].extra == {"ics_tag": 17}
    assert r.content.participants[0].extra == {"x_seen": [1, 2.5, None, True], "x_org": {"team": "North"}}
    assert r.amendments[0].previous.extra == {}  # the earlier version did not have them
    # Extension members sit beside the known ones in the JSON.
    doc = json.loads(text)
    content = doc["midway_reviews"][0]["content"]
    assert content["ics_form_id"] == "F-991"
    assert content["lac"]["key_changes"][0] == {"text": "Moved up to Year 8 at the same school", "area": "education", "ics_tag": 17}
    # The CP example: Signs of Safety records on the case and in the meeting, with extras of their own.
    cp = cp_example_arranged()
    s = icpc_sos()
    s.event = "cg1"
    s.date = iso("2026-06-03")
    s.context = midway.SosContext.CORE_GROUP
    s.scaling = [
        midway.ScaleScore(who="social worker", role="social_worker", score=4),
        midway.ScaleScore(who="mother", score=5, rationale="Calmer", extra={"x_tool": "scaling cards"}),
    ]
    s.danger_statements = [midway.DangerStatement(id="D1", who_is_worried="The school is", about_what="x", if_nothing_changes="y", extra={"x_rank": 1})]
    s.extra = {"x_minutes": "CG-2026-06-03"}
    midway.add_signs_of_safety(cp, s)
    midway.hold_midway_review(cp, "MR-3", iso("2026-11-11"), cp_example_content(cp))
    back = midway.Case.from_json(cp.to_json())
    assert back == cp
    assert back.signs_of_safety_records[1] == s
    assert back.signs_of_safety_records[1].scaling[1].extra == {"x_tool": "scaling cards"}
    assert back.signs_of_safety_records[1].extra == {"x_minutes": "CG-2026-06-03"}
    assert back.signs_of_safety_records[1].danger_statements[0].extra == {"x_rank": 1}
    # The meeting's record carries forward the core group's danger statement, extension members and all.
    assert sos_of(record_of(back, "MR-3").content).danger_statements == s.danger_statements
    assert midway.Case.from_json(cp_example().to_json()) == cp_example()


def test_extension_members_may_not_take_a_known_name() -> None:
    # As midway.Person("SW-1", "iro", extra={"role": 1}) is refused (InvalidArgumentError at
    # "extra['role']"), a record's extension member named like a member midway writes is refused
    # when it is set: the JSON writer could not write it beside the known member.
    with pytest.raises(midway.InvalidArgumentError) as person:
        midway.Person("SW-1", "iro", extra={"role": 1})
    assert person.value.field == "extra['role']"
    with pytest.raises(midway.InvalidArgumentError) as info:
        midway.KeyChange(text="x", extra={"area": "legal"})
    assert info.value.field == "extra['area']"
    k = midway.KeyChange(text="x")
    with pytest.raises(midway.InvalidArgumentError):
        k.extra = {"text": "y"}
    assert k.extra == {}


def test_a_case_the_library_accepted_can_always_be_written() -> None:
    # An extension member named like a known member must not reach the case: if holding the
    # meeting accepts it, Case.to_json() must still write the case.
    c = lac_example_arranged()
    m = lac_example_content(c)
    lac = agenda_of(m)
    changes = lac.key_changes
    try:
        changes[0].extra = {"area": "legal"}
        lac.key_changes = changes
        m.lac = lac
        midway.hold_midway_review(c, "MR-7", iso("2027-01-28"), m)
    except midway.InvalidArgumentError as e:
        assert e.field is not None and e.field.endswith("extra['area']"), e.field
        assert record_of(c, "MR-7").status is midway.MeetingStatus.SCHEDULED
    else:
        assert midway.Case.from_json(c.to_json()) == c


# ---- the CP example --------------------------------------------------------------------------


def test_cp_prefill_carries_forward_danger_statements_and_goals() -> None:
    c = cp_example_arranged()
    m = midway.prefill_midway_review(c, "MR-3", iso("2026-11-11"))
    assert m.lac is None
    assert [(p.role, p.person) for p in m.participants] == [(midway.Role.SOCIAL_WORKER, "SW-2"), (midway.Role.CHAIR, "CH-1")]
    s = sos_of(m)
    assert s.date == iso("2026-11-11")
    assert s.context is midway.SosContext.MIDWAY_REVIEW
    assert s.event is None
    assert s.danger_statements == icpc_sos().danger_statements
    assert s.safety_goals == icpc_sos().safety_goals
    assert s.scaling == []
    assert s.harm == []  # what happened before is not carried forward
    assert s.anchors == midway.ScaleAnchors()


def test_cp_held_flows_the_action_into_the_plan() -> None:
    c = cp_example()
    r = record_of(c, "MR-3")
    assert r.status is midway.MeetingStatus.HELD
    assert r.held_on == iso("2026-11-11")
    assert r.reschedules == []
    assert [p.id for p in c.plan] == ["P1", "MR-3-a1"]
    assert c.plan[1].text == "Refer father to the programme's next intake"
    assert c.plan[1].due == iso("2026-12-04")
    last = c.history[-1]
    assert last.id == r.event and isinstance(last.data, midway.MidwayReview)
    s = midway.schedule(c, as_of=iso("2026-11-20"), policy=ENGLAND, calendar=CAL)
    assert s.midway_review.status is midway.ItemStatus.DONE


def test_default_anchors_are_the_domain_ones() -> None:
    a = midway.ScaleAnchors()
    assert a.zero == "the child cannot live at home"
    assert a.ten == "everyone knows the child is safe enough to close the case"
    assert a.ten_is_safe is True
    assert midway.SignsOfSafety(date=iso("2026-01-01")).anchors == a
    assert midway.SignsOfSafety(date=iso("2026-01-01")).context is midway.SosContext.MIDWAY_REVIEW
    assert midway.ChildVoice().tool == "Three Houses"


def test_trend_against_the_previous_record_of_the_case() -> None:
    c = cp_example()
    s = sos_of(record_of(c, "MR-3").content)
    t = midway.scaling_trend(c, s)
    assert t.previous_date == iso("2026-05-20")  # the ICPC's record
    assert [(p.who, p.previous, p.current, p.change, p.direction) for p in t.by_person] == [
        ("social worker", 3, 5, 2, midway.TrendDirection.IMPROVING),
        ("mother", 5, 6, 1, midway.TrendDirection.IMPROVING),
        ("health visitor", 4, 4, 0, midway.TrendDirection.UNCHANGED),
    ]
    assert t.previous_mean == pytest.approx(4.0)  # (3 + 5 + 4) / 3
    assert t.current_mean == pytest.approx(5.0)  # (5 + 6 + 4) / 3
    assert t.overall is midway.TrendDirection.IMPROVING
    # The history holds both records in date order.
    h = midway.signs_of_safety_history(c)
    assert [x.date for x in h] == [iso("2026-05-20"), iso("2026-11-11")]
    assert h[0] == icpc_sos() and h[1] == s
    # The first record has nothing before it.
    first = midway.scaling_trend(c, icpc_sos())
    assert first.previous_date is None
    assert first.overall is midway.TrendDirection.NO_PREVIOUS
    assert [(p.previous, p.change, p.direction) for p in first.by_person] == [(None, 0, midway.TrendDirection.NO_PREVIOUS)] * 3
    assert first.previous_mean is None and first.current_mean == pytest.approx(4.0)


def test_reversed_anchors_read_a_falling_score_as_improving() -> None:
    reversed_scale = midway.ScaleAnchors(ten_is_safe=False)
    a = midway.SignsOfSafety(date=iso("2026-01-01"), anchors=reversed_scale, scaling=[midway.ScaleScore(who="sw", score=8)])
    b = midway.SignsOfSafety(
        date=iso("2026-02-01"),
        anchors=reversed_scale,
        scaling=[midway.ScaleScore(who="sw", score=6), midway.ScaleScore(who="dad", score=2)],
    )
    t = midway.compare_scaling(a, b)
    assert t.by_person[0].direction is midway.TrendDirection.IMPROVING
    assert t.by_person[1].direction is midway.TrendDirection.NEW_SCORE
    assert t.by_person[1].previous is None
    assert t.overall is midway.TrendDirection.IMPROVING  # people scored both times: 8 -> 6
    # On the standard scale the same fall is worsening.
    assert midway.compare_scaling(midway.SignsOfSafety(date=iso("2026-01-01"), scaling=a.scaling), midway.SignsOfSafety(date=iso("2026-02-01"), scaling=b.scaling)).overall is midway.TrendDirection.WORSENING
    # A previous record on the standard scale is turned round: its 2 is a reversed 8.
    a.anchors = midway.ScaleAnchors()
    a.scaling = [midway.ScaleScore(who="sw", score=2)]
    assert midway.compare_scaling(a, b).by_person[0].previous == 8
    assert midway.compare_scaling(None, b).overall is midway.TrendDirection.NO_PREVIOUS


def test_validate_rejects_bad_signs_of_safety_records() -> None:
    def invalid(s: midway.SignsOfSafety, cls: type[E], field: str | None = None) -> E:
        with pytest.raises(midway.Error) as info:
            midway.validate_signs_of_safety(s, "sos", "CP-3")
        e = info.value
        assert type(e) is cls, f"{type(e).__name__}: {e}"
        assert isinstance(e, cls)
        assert e.record_id == "CP-3"
        if field is not None:
            assert e.field == field
        return e

    midway.validate_signs_of_safety(icpc_sos(), "sos", "CP-3")  # the example is valid
    s = icpc_sos()
    scores = s.scaling
    scores[1].score = 11
    s.scaling = scores
    e = invalid(s, midway.OutOfRangeError, "sos.scaling[1].score")
    assert isinstance(e, ValueError)
    scores[1].score = -1
    s.scaling = scores
    invalid(s, midway.OutOfRangeError, "sos.scaling[1].score")
    scores[1].score = 10
    s.scaling = scores
    midway.validate_signs_of_safety(s, "sos", "CP-3")  # both ends are in range
    scores[1].score = 0
    s.scaling = scores
    midway.validate_signs_of_safety(s, "sos", "CP-3")
    s = icpc_sos()
    s.safety_goals = [midway.SafetyGoal(danger_statement="D9", goal="x")]
    nf = invalid(s, midway.NotFoundError, "sos.safety_goals[0].danger_statement")
    assert isinstance(nf, KeyError)
    s = icpc_sos()
    s.danger_statements = [*s.danger_statements, *s.danger_statements]
    invalid(s, midway.InvalidArgumentError)
    s = icpc_sos()
    s.scaling = [*s.scaling, s.scaling[0]]
    invalid(s, midway.InvalidArgumentError)
    s = icpc_sos()
    scores = s.scaling
    scores[0].who = ""
    s.scaling = scores
    invalid(s, midway.RuleViolationError)


@given(st.integers(min_value=-100000, max_value=100000))
def test_a_score_is_in_range_exactly_from_0_to_10(score: int) -> None:
    s = midway.SignsOfSafety(date=iso("2026-05-20"), scaling=[midway.ScaleScore(who="mother", score=score)],
                             not_recorded=[midway.HeadingNotRecorded(heading=h, reason="not discussed")
                                           for h in ("worried", "working_well", "needs_to_happen")])
    if 0 <= score <= 10:
        midway.validate_signs_of_safety(s, "sos", "CP-3")
    else:
        with pytest.raises(midway.OutOfRangeError) as info:
            midway.validate_signs_of_safety(s, "sos", "CP-3")
        assert (info.value.field, info.value.record_id) == ("sos.scaling[0].score", "CP-3")


def test_record_fields_take_only_their_type() -> None:
    score: Any = midway.ScaleScore
    with pytest.raises(midway.OutOfRangeError) as big:
        score(who="x", score=2**40)
    assert big.value.field == "score"
    for bad in (1.5, "3", True):
        with pytest.raises(midway.InvalidArgumentError) as info:
            score(who="x", score=bad)
        assert info.value.field == "score"
    s = midway.ScaleScore(who="x")
    with pytest.raises(midway.InvalidArgumentError):
        setattr(s, "score", "7")
    assert s.score == 0


def test_add_signs_of_safety_checks_the_case_and_the_event() -> None:
    c = cp_example_arranged()
    s = icpc_sos()
    s.event = "cg1"  # a core group, but of 2026-06-03, not the record's date
    expect_error(c, lambda: midway.add_signs_of_safety(c, s), midway.RuleViolationError, "signs_of_safety_records[1].event", "sos.event")
    s.event = "nope"
    expect_error(c, lambda: midway.add_signs_of_safety(c, s), midway.NotFoundError, "signs_of_safety_records[1].event")
    s.event = "sd"
    s.date = iso("2026-05-01")
    expect_error(c, lambda: midway.add_signs_of_safety(c, s), midway.RuleViolationError, "signs_of_safety_records[1].event", "sos.event")
    bad = icpc_sos()
    scores = bad.scaling
    scores[2].score = 12
    bad.scaling = scores
    expect_error(c, lambda: midway.add_signs_of_safety(c, bad), midway.OutOfRangeError, "signs_of_safety_records[1].scaling[2].score")
    lac = lac_example_arranged()
    expect_error(lac, lambda: midway.add_signs_of_safety(lac, icpc_sos()), midway.RuleViolationError, "signs_of_safety_records[0]", "sos.case_kind")
    # A core group's record on its day is taken.
    s.event = "cg1"
    s.date = iso("2026-06-03")
    s.context = "core_group"
    midway.add_signs_of_safety(c, s)
    assert c.signs_of_safety_records == (icpc_sos(), s)


# ---- renderings --------------------------------------------------------------------------------

EXAMPLES: dict[str, tuple[Callable[[], midway.Case], str]] = {"lac": (lac_example, "MR-7"), "cp": (cp_example, "MR-3")}


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_golden_case_note(kind: str) -> None:
    build, id = EXAMPLES[kind]
    c = build()
    n = midway.midway_review_note(c, id)
    assert str(n) == golden(f"midway-{kind}-case-note.txt")
    assert n.text() == golden(f"midway-{kind}-case-note.txt")
    assert n.markdown() == golden(f"midway-{kind}-case-note.md")
    assert n.html() == golden(f"midway-{kind}-case-note.html")
    assert n.json() == golden(f"midway-{kind}-case-note.json")
    assert midway.iro_contact_form(c, id).text() == golden(f"midway-{kind}-contact-form.txt")
    # render(format) is the same as the named methods, by enum or by name.
    assert n.render(midway.NoteFormat.TEXT) == n.text()
    assert n.render("markdown") == n.markdown()
    assert n.render(midway.NoteFormat.HTML) == n.html()
    assert n.render("json") == n.json()


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_note_type_title_and_json(kind: str) -> None:
    build, id = EXAMPLES[kind]
    c = build()
    n = midway.midway_review_note(c, id)
    form = midway.iro_contact_form(c, id)
    held = record_of(c, id).held_on
    assert held is not None
    assert n.type == "Midway Review"
    assert n.title == f"Midway Review: {c.case_id}, {held.isoformat()}"
    assert form.title == f"IRO contact form: midway review, {c.case_id}, {held.isoformat()}"
    assert n != form and n == midway.midway_review_note(c, id)
    doc = json.loads(n.json())
    assert (doc["schema"], doc["version"], doc["type"], doc["title"]) == ("midway.note", 1, n.type, n.title)
    assert doc["summary"][0] == {"label": "Case", "value": c.case_id}
    assert {next(iter(b)) for s in doc["sections"] for b in s["blocks"]} <= {"paragraph", "bullets", "fields", "table"}
    # The first line of the text is the title.
    assert n.text().splitlines()[0] == n.title


def test_cp_case_note_uses_the_signs_of_safety_headings_in_seed_order() -> None:
    text = str(midway.midway_review_note(cp_example(), "MR-3"))
    at = 0
    for heading in ("WHAT ARE WE WORRIED ABOUT?", "WHAT'S WORKING WELL?", "WHAT NEEDS TO HAPPEN?", "WHAT IS THE SCALE OF WORRIES?"):
        found = text.find(heading, at)
        assert found > at, heading
        at = found
    # The LAC note uses the LAC agenda's three headings instead.
    lac = str(midway.midway_review_note(lac_example(), "MR-7"))
    assert "WHAT ARE WE WORRIED ABOUT?" not in lac
    at = 0
    for heading in (
        "KEY CHANGES SINCE THE REVIEW",
        "WHAT HAS BEEN DONE TO IMPLEMENT THE REVIEW'S RECOMMENDATIONS",
        "ISSUES OR DIFFICULTIES AROUND IMPLEMENTATION",
    ):
        found = lac.find(heading, at)
        assert found > at, heading
        at = found


def test_html_escapes_every_piece_of_user_text() -> None:
    c = lac_example_arranged()
    m = lac_example_content(c)
    m.notes = "<script>alert('x')</script> & \"quoted\""
    lac = agenda_of(m)
    changes = lac.key_changes
    changes[0].text = "<img src=x onerror=alert(1)>"
    lac.key_changes = changes
    m.lac = lac
    midway.hold_midway_review(c, "MR-7", iso("2027-01-26"), m)
    n = midway.midway_review_note(c, "MR-7")
    html = n.html()
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # The plain text keeps the worker's words as written.
    assert "<script>alert('x')</script> & \"quoted\"" in n.text()
    assert midway.html_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;"


def test_no_personal_details_in_the_notes() -> None:
    # Personal details are not settable from Python; a case system's JSON carries them.
    doc = json.loads(cp_example().to_json())
    doc["personal"] = {"name": "Ellie Example", "date_of_birth": "2019-03-14"}
    c = midway.Case.from_json(json.dumps(doc))
    assert "Ellie Example" in c.to_json()  # they were read, and are kept
    for n in (midway.midway_review_note(c, "MR-3"), midway.iro_contact_form(c, "MR-3")):
        for f in midway.NoteFormat:
            out = n.render(f)
            assert "Ellie" not in out
            assert "2019-03-14" not in out
    # The same notes as without them.
    assert midway.midway_review_note(c, "MR-3") == midway.midway_review_note(cp_example(), "MR-3")


def test_rendering_is_deterministic() -> None:
    assert midway.midway_review_note(cp_example(), "MR-3").html() == midway.midway_review_note(cp_example(), "MR-3").html()
    assert midway.midway_review_note(lac_example(), "MR-7").json() == midway.midway_review_note(lac_example(), "MR-7").json()


def test_not_required_and_scheduled_records_render_their_status() -> None:
    c = cp_example_arranged()
    c.plan = []  # nothing open: no implementation issue
    assert midway.implementation_issues(c, "MR-3", iso("2026-08-19")) == []
    midway.midway_review_not_required(c, "MR-3", midway.Role.CHAIR, "Plan on track; core group functioning well", iso("2026-08-19"))
    t = midway.iro_contact_form(c, "MR-3").text()
    assert "Status: Not required: decided by the Chair (Plan on track; core group functioning well)" in t
    s = midway.schedule(c, as_of=iso("2026-09-01"), policy=ENGLAND, calendar=CAL)
    assert s.midway_review.status is midway.ItemStatus.NOT_REQUIRED
    n = midway.midway_review_note(cp_example_arranged(), "MR-3").text()
    assert "Status: Scheduled for 2026-11-11" in n


def test_amended_note_shows_the_amendment_history() -> None:
    c = lac_example()
    m = record_of(c, "MR-7").content
    m.notes = "Corrected the date of the dental check"
    midway.amend_midway_review(c, "MR-7", m, "IRO-1", iso("2027-02-12"), "Typo in the notes")
    text = str(midway.midway_review_note(c, "MR-7"))
    assert text != golden("midway-lac-case-note.txt")
    assert "Corrected the date of the dental check" in text
    assert "Typo in the notes" in text
    assert "IRO-1" in text
    assert "2027-02-12" in text


# ---- every rule's error ------------------------------------------------------------------------


def test_arranged_at_a_review_only_once_per_review() -> None:
    c = lac_example_arranged()
    rv, nf = midway.RuleViolationError, midway.NotFoundError
    expect_error(c, lambda: midway.arrange_midway_review(c, "X", "p1", iso("2026-03-01")), rv, "midway_reviews['X'].arranged_at", "midway.arranged_at")
    expect_error(c, lambda: midway.arrange_midway_review(c, "X", "r3"), rv, "midway_reviews['X'].arranged_at", "midway.arranged_at")
    expect_error(c, lambda: midway.arrange_midway_review(c, "X", "nope", iso("2026-03-01")), nf, "midway_reviews['X'].arranged_at")
    expect_error(c, lambda: midway.arrange_midway_review(c, "MR-7", "r2", iso("2026-06-01")), midway.InvalidArgumentError, "midway_reviews['MR-7']")
    # r2 has no date on its Chair's Report: the date is then required, and after the review.
    expect_error(c, lambda: midway.arrange_midway_review(c, "X", "r2"), rv, "midway_reviews['X'].arranged_for", "midway.date")
    expect_error(c, lambda: midway.arrange_midway_review(c, "X", "r2", iso("2026-04-28")), rv, "midway_reviews['X'].arranged_for", "midway.date")
    # A CP meeting is arranged at a conference, not a core group.
    cp = cp_example_arranged()
    expect_error(cp, lambda: midway.arrange_midway_review(cp, "X", "cg1", iso("2026-07-01")), rv, "midway_reviews['X'].arranged_at", "midway.arranged_at")
    # r2 with a date after it is fine: one meeting per review.
    midway.arrange_midway_review(c, "X", "r2", iso("2026-07-28"))
    assert [r.id for r in c.midway_reviews] == ["MR-7", "X"]


def test_the_chairs_report_date_is_the_one_arranged() -> None:
    c = lac_example_case()
    expect_error(c, lambda: midway.arrange_midway_review(c, "X", "r3", iso("2027-01-27")), midway.RuleViolationError, "midway_reviews['X'].arranged_for", "midway.date")
    assert c.midway_reviews == ()


def test_reschedule_and_cancel() -> None:
    c = lac_example_arranged()
    rv = midway.RuleViolationError
    id = "MR-7"
    expect_error(c, lambda: midway.reschedule_midway_review(c, id, iso("2027-01-28"), " "), rv, "midway_reviews['MR-7'].reason", "midway.reason")
    expect_error(c, lambda: midway.reschedule_midway_review(c, id, iso("2026-10-27"), "x"), rv, "midway_reviews['MR-7'].reschedules", "midway.date")
    expect_error(c, lambda: midway.reschedule_midway_review(c, id, iso("2027-01-26"), "x"), rv, "midway_reviews['MR-7'].reschedules", "midway.date")
    expect_error(c, lambda: midway.reschedule_midway_review(c, "nope", iso("2027-01-28"), "x"), midway.NotFoundError, "midway_reviews['nope']")
    expect_error(c, lambda: midway.cancel_midway_review(c, id, "", iso("2027-01-20")), rv, "midway_reviews['MR-7'].reason", "midway.reason")
    midway.cancel_midway_review(c, id, "Child in hospital", iso("2027-01-20"), decided_by="iro")
    r = record_of(c, id)
    assert r.status is midway.MeetingStatus.CANCELLED
    assert (r.decided_by, r.decided_on, r.reason) == (midway.Role.IRO, iso("2027-01-20"), "Child in hospital")
    # A cancelled meeting is not held: the schedule shows the midway review overdue after its date.
    s = midway.schedule(c, as_of=iso("2027-02-01"), policy=ENGLAND, calendar=CAL)
    assert s.midway_review.status is midway.ItemStatus.OVERDUE
    m = lac_example_content(c)
    expect_error(c, lambda: midway.hold_midway_review(c, id, iso("2027-01-26"), m), rv, "midway_reviews['MR-7'].status", "midway.status")
    expect_error(c, lambda: midway.reschedule_midway_review(c, id, iso("2027-01-29"), "x"), rv, "midway_reviews['MR-7'].status", "midway.status")
    expect_error(c, lambda: midway.cancel_midway_review(c, id, "again", iso("2027-01-21")), rv, "midway_reviews['MR-7'].status", "midway.status")


def test_not_required_only_by_the_iro_or_chair_with_a_reason_and_no_issues() -> None:
    c = lac_example_arranged()
    rv = midway.RuleViolationError
    id = "MR-7"
    nov1 = iso("2026-11-01")
    expect_error(c, lambda: midway.midway_review_not_required(c, id, "social_worker", "fine", nov1), rv, "midway_reviews['MR-7'].decided_by", "midway.not_required.role")
    expect_error(c, lambda: midway.midway_review_not_required(c, id, midway.Role.CHAIR, "fine", nov1), rv, "midway_reviews['MR-7'].decided_by", "midway.not_required.role")
    expect_error(c, lambda: midway.midway_review_not_required(c, id, midway.Role.IRO, "", nov1), rv, "midway_reviews['MR-7'].reason", "midway.reason")
    # On 2026-12-16, R1 (due 2026-12-15) is open past its due date: an issue in implementing the plan.
    dec16 = iso("2026-12-16")
    expect_error(c, lambda: midway.midway_review_not_required(c, id, "iro", "fine", dec16), rv, "midway_reviews['MR-7'].status", "midway.not_required.issues")
    assert midway.implementation_issues(c, id, dec16) == ["recommendation R1 was due 2026-12-15 and is still open"]
    assert midway.implementation_issues(c, id, nov1) == []
    # An escalation to the TM since the review is an issue too.
    e = midway.Case.from_json(c.to_json())
    e.record(midway.EscalationToTm(date=iso("2026-11-02"), reason="Placement at risk"))
    expect_error(e, lambda: midway.midway_review_not_required(e, id, "iro", "fine", iso("2026-11-03")), rv, "midway_reviews['MR-7'].status", "midway.not_required.issues")
    assert len(midway.implementation_issues(e, id, iso("2026-11-03"))) == 1
    # On 2026-11-01 nothing is overdue: the IRO may decide it is not required.
    midway.midway_review_not_required(c, id, midway.Role.IRO, "Care plan on track", nov1)
    r = record_of(c, id)
    assert r.status is midway.MeetingStatus.NOT_REQUIRED
    assert r.decided_by is midway.Role.IRO
    assert r.decided_on == nov1
    assert r.reason == "Care plan on track"
    last = c.history[-1]
    assert last.id == r.event
    assert isinstance(last.data, midway.MidwayReview)
    assert last.data.outcome is midway.MidwayOutcome.NOT_REQUIRED
    assert last.data.decided_by is midway.Role.IRO
    assert last.data.reason == "Care plan on track"
    s = midway.schedule(c, as_of=iso("2026-12-01"), policy=ENGLAND, calendar=CAL)
    assert s.midway_review.status is midway.ItemStatus.NOT_REQUIRED
    # A decided meeting is not decided again, nor held.
    expect_error(c, lambda: midway.midway_review_not_required(c, id, "iro", "again", nov1), rv, "midway_reviews['MR-7'].status", "midway.status")
    expect_error(c, lambda: midway.hold_midway_review(c, id, iso("2027-01-26"), lac_example_content(lac_example_arranged())), rv, "midway_reviews['MR-7'].status", "midway.status")


def test_cp_not_required_is_the_chairs_decision() -> None:
    c = cp_example_arranged()
    c.plan = []
    rv = midway.RuleViolationError
    expect_error(c, lambda: midway.midway_review_not_required(c, "MR-3", "iro", "fine", iso("2026-08-20")), rv, "midway_reviews['MR-3'].decided_by", "midway.not_required.role")
    midway.midway_review_not_required(c, "MR-3", "chair", "fine", iso("2026-08-20"))
    assert record_of(c, "MR-3").decided_by is midway.Role.CHAIR


def test_holding_checks_participants_supervisor_agenda_and_recommendations() -> None:
    c = lac_example_arranged()
    id = "MR-7"
    on = iso("2027-01-26")
    rv, nf = midway.RuleViolationError, midway.NotFoundError
    at = "midway_reviews['MR-7']"

    def hold(x: midway.MidwayReviewContent) -> Callable[[], None]:
        return lambda: midway.hold_midway_review(c, id, on, x)

    def fresh() -> midway.MidwayReviewContent:
        return lac_example_content(c)

    no_iro = fresh()
    ps = no_iro.participants
    ps[1].attendance = midway.Attendance.APOLOGIES
    no_iro.participants = ps
    expect_error(c, hold(no_iro), rv, f"{at}.content.participants", "midway.participants")

    no_sw = fresh()
    no_sw.participants = no_sw.participants[1:]
    expect_error(c, hold(no_sw), rv, f"{at}.content.participants", "midway.participants")

    silent_supervisor = fresh()
    o = silent_supervisor.outcome
    o.supervisor_decision = ""
    silent_supervisor.outcome = o
    expect_error(c, hold(silent_supervisor), rv, f"{at}.content.outcome.supervisor_decision", "midway.supervisor")

    absent_supervisor = fresh()
    absent_supervisor.participants = absent_supervisor.participants[:-1]
    expect_error(c, hold(absent_supervisor), rv, f"{at}.content.outcome.supervisor_decision", "midway.supervisor")

    no_agenda = fresh()
    no_agenda.lac = None
    expect_error(c, hold(no_agenda), rv, f"{at}.content.lac", "midway.agenda")

    sos_on_lac = fresh()
    sos_on_lac.signs_of_safety = midway.SignsOfSafety(date=on)
    expect_error(c, hold(sos_on_lac), rv, f"{at}.content.signs_of_safety", "midway.agenda")

    unknown_rec = fresh()
    lac = agenda_of(unknown_rec)
    recs = lac.recommendations
    recs[0].recommendation = "R9"
    lac.recommendations = recs
    unknown_rec.lac = lac
    expect_error(c, hold(unknown_rec), nf, f"{at}.content.lac.recommendations[0].recommendation")

    unknown_action = fresh()
    o = unknown_action.outcome
    actions = o.actions
    actions[0].recommendation = "R9"
    o.actions = actions
    unknown_action.outcome = o
    expect_error(c, hold(unknown_action), nf, f"{at}.content.outcome.actions[0].recommendation")

    empty_action = fresh()
    o = empty_action.outcome
    actions = o.actions
    actions[1].text = ""
    o.actions = actions
    empty_action.outcome = o
    expect_error(c, hold(empty_action), rv, f"{at}.content.outcome.actions[1].text")

    silent_escalation = fresh()
    o = silent_escalation.outcome
    o.escalation = midway.Escalation()
    silent_escalation.outcome = o
    expect_error(c, hold(silent_escalation), rv, f"{at}.content.outcome.escalation.reason", "midway.reason")

    expect_error(c, lambda: midway.hold_midway_review(c, id, iso("2026-10-27"), fresh()), rv, f"{at}.held_on", "midway.date")

    # After the child ceased to be looked after, the midway_review event is refused: case unchanged.
    ended = midway.Case.from_json(c.to_json())
    ended.record(midway.CeasedLookedAfter(date=iso("2027-01-10")))
    m = fresh()
    expect_error(ended, lambda: midway.hold_midway_review(ended, id, on, m), rv, "events['e7'].date")

    # The unchanged content is accepted.
    midway.hold_midway_review(c, id, on, fresh())
    assert record_of(c, id).status is midway.MeetingStatus.HELD


def test_holding_with_an_escalation_records_it_in_the_history() -> None:
    c = lac_example_arranged()
    m = lac_example_content(c)
    o = m.outcome
    o.escalation = midway.Escalation(reason="Transport not funded")  # dated the day it was held
    m.outcome = o
    midway.hold_midway_review(c, "MR-7", iso("2027-01-26"), m)
    (esc,) = escalations(c)
    assert esc.date == iso("2027-01-26")
    assert isinstance(esc.data, midway.EscalationToTm) and esc.data.reason == "Transport not funded"
    assert "Escalation: Escalated to the team manager on 2027-01-26: Transport not funded" in str(midway.iro_contact_form(c, "MR-7"))


def test_cp_holding_needs_a_valid_signs_of_safety_record_of_that_day() -> None:
    c = cp_example_arranged()
    id = "MR-3"
    on = iso("2026-11-11")
    rv = midway.RuleViolationError
    at = "midway_reviews['MR-3']"

    def hold(x: midway.MidwayReviewContent) -> Callable[[], None]:
        return lambda: midway.hold_midway_review(c, id, on, x)

    none = cp_example_content(c)
    none.signs_of_safety = None
    expect_error(c, hold(none), rv, f"{at}.content.signs_of_safety", "midway.agenda")

    wrong_day = cp_example_content(c)
    s = sos_of(wrong_day)
    s.date = iso("2026-11-10")
    wrong_day.signs_of_safety = s
    expect_error(c, hold(wrong_day), rv, f"{at}.content.signs_of_safety", "midway.agenda")

    score = cp_example_content(c)
    s = sos_of(score)
    scores = s.scaling
    scores[2].score = 12
    s.scaling = scores
    score.signs_of_safety = s
    e = expect_error(c, hold(score), midway.OutOfRangeError, f"{at}.content.signs_of_safety.scaling[2].score")
    assert isinstance(e, ValueError)

    negative = cp_example_content(c)
    s = sos_of(negative)
    scores = s.scaling
    scores[0].score = -1
    s.scaling = scores
    negative.signs_of_safety = s
    expect_error(c, hold(negative), midway.OutOfRangeError, f"{at}.content.signs_of_safety.scaling[0].score")

    no_chair = cp_example_content(c)
    ps = no_chair.participants
    ps[1].role = midway.Role.IRO
    no_chair.participants = ps
    expect_error(c, hold(no_chair), rv, f"{at}.content.participants", "midway.participants")

    lac_agenda_on_cp = cp_example_content(c)
    lac_agenda_on_cp.lac = midway.LacAgenda()
    expect_error(c, hold(lac_agenda_on_cp), rv, f"{at}.content.lac", "midway.agenda")


def test_amend_only_a_held_record_with_who_and_why() -> None:
    c = lac_example_arranged()
    id = "MR-7"
    rv = midway.RuleViolationError
    m = lac_example_content(c)
    feb1 = iso("2027-02-01")
    expect_error(c, lambda: midway.amend_midway_review(c, id, m, "IRO-1", feb1, "x"), rv, "midway_reviews['MR-7'].status", "midway.status")
    midway.hold_midway_review(c, id, iso("2027-01-26"), m)
    expect_error(c, lambda: midway.amend_midway_review(c, id, m, "IRO-1", feb1, ""), rv, "midway_reviews['MR-7'].reason", "midway.reason")
    expect_error(c, lambda: midway.amend_midway_review(c, id, m, "", feb1, "x"), rv, "midway_reviews['MR-7'].amendments", "midway.reason")
    expect_error(c, lambda: midway.amend_midway_review(c, id, m, "IRO-1", iso("2027-01-25"), "x"), rv, "midway_reviews['MR-7'].amendments", "midway.date")
    bad = lac_example_content(lac_example_arranged())
    bad.participants = []
    expect_error(c, lambda: midway.amend_midway_review(c, id, bad, "IRO-1", feb1, "x"), rv, "midway_reviews['MR-7'].content.participants", "midway.participants")
    expect_error(c, lambda: midway.amend_midway_review(c, "nope", m, "IRO-1", feb1, "x"), midway.NotFoundError, "midway_reviews['nope']")
    assert record_of(c, id).amendments == []


def test_json_errors_name_the_path() -> None:
    good = cp_example().to_json()

    def load(old: str, new: str) -> Callable[[], object]:
        assert old in good, old
        text = good.replace(old, new, 1)
        return lambda: midway.Case.from_json(text)

    def fails(change: Callable[[], object], cls: type[E], field: str) -> E:
        with pytest.raises(midway.Error) as info:
            change()
        e = info.value
        assert type(e) is cls, f"{type(e).__name__}: {e}"
        assert isinstance(e, cls)
        assert e.field == field
        assert e.record_id == "CP-3"
        return e

    fails(load('"score": 6', '"score": 11'), midway.OutOfRangeError, "$.midway_reviews[0].content.signs_of_safety.scaling[1].score")
    e = fails(load('"status": "held"', '"status": "done"'), midway.UnknownCodeError, "$.midway_reviews[0].status")
    assert isinstance(e, KeyError) and isinstance(e, ValueError)
    fails(load('"attendance": "attended"', '"attendance": "apologies"'), midway.RuleViolationError, "$.midway_reviews[0].content.participants")
    fails(load('"arranged_for": "2026-11-11",', ""), midway.ParseError, "$.midway_reviews[0].arranged_for")
    fails(load('"zero":', '"nought": 1, "zero":'), midway.ParseError, "$.midway_reviews[0].content.signs_of_safety.anchors.nought")
    fails(load('"held_on": "2026-11-11"', '"held_on": "2026-11-31"'), midway.InvalidDateError, "$.midway_reviews[0].held_on")


def test_rule_errors_are_also_value_and_key_errors() -> None:
    # errors.py: code that does not know midway catches them as ValueError / KeyError.
    c = lac_example_arranged()
    with pytest.raises(ValueError):
        midway.reschedule_midway_review(c, "MR-7", iso("2027-01-28"), "")
    with pytest.raises(KeyError):
        midway.reschedule_midway_review(c, "nope", iso("2027-01-28"), "x")
    with pytest.raises(ValueError):
        midway.hold_midway_review(c, "MR-7", iso("2026-10-27"), lac_example_content(c))
    with pytest.raises(KeyError):
        midway.iro_contact_form(c, "nope")
    with pytest.raises(midway.Error):
        midway.midway_review_note(c, "nope")
    assert record_of(c, "MR-7").status is midway.MeetingStatus.SCHEDULED


def test_record_constructors_name_bad_fields() -> None:
    ctor: Any = midway.KeyChange
    with pytest.raises(midway.UnknownCodeError) as unknown:
        ctor(txt="x")
    assert unknown.value.field == "txt"
    with pytest.raises(midway.UnknownCodeError) as area:
        ctor(text="x", area="school")
    assert area.value.field == "area"
    sos: Any = midway.SignsOfSafety
    with pytest.raises(midway.InvalidArgumentError) as missing:
        sos()
    assert missing.value.field == "date"
    assert midway.KeyChange(text="x", area="contact").area is midway.ChangeArea.CONTACT


# ---- docs/midway-review.md ---------------------------------------------------------------------

GOLDEN_TEXT = ("midway-lac-case-note.txt", "midway-lac-contact-form.txt", "midway-cp-case-note.txt", "midway-cp-contact-form.txt")


def test_the_page_shows_the_golden_notes_verbatim() -> None:
    texts = [content for lang, content in page_blocks("midway-review.md") if lang == "text"]
    assert texts == [golden(name) for name in GOLDEN_TEXT]


def test_the_pages_python_blocks_print_the_notes_shown_after_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # As tests/python/test_examples.py runs them: one namespace with the README's imports.
    monkeypatch.chdir(tmp_path)
    ran, printed, namespace = run_python_blocks("midway-review.md")
    assert ran >= 2
    assert printed == [golden(name) for name in GOLDEN_TEXT]
    # The page's cases are the worked examples of this file.
    assert namespace["lac"] == lac_example()
    assert namespace["cp"] == cp_example()


def test_the_page_lists_every_rule_of_meeting_hpp() -> None:
    header = (ROOT / "include" / "midway" / "meeting.hpp").read_text(encoding="utf-8")
    rules = set(re.findall(r"^//\s+(midway\.[a-z_.]+)\s", header, re.MULTILINE))
    assert len(rules) == 10, sorted(rules)
    page = PAGE.read_text(encoding="utf-8")
    for rule in sorted(rules):
        assert f"`{rule}`" in page, rule
