"""Issue 16, "the seeds, completely": each point of seeds 000 and 002 that did not hold, with the
expected answer worked by hand. (Mirrors tests/cpp/test_seeds.cpp.) England and Wales calendar,
England policy: Good Friday 2026-04-03, Easter Monday 2026-04-06, early May 2026-05-04."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import midway

D = dt.date


def plan(ends: bool = False, midway_date: dt.date | None = None) -> midway.Case:
    """s.47 strategy discussion Mon 5 Jan 2026, ICPC Mon 19 Jan, first RCPC Thu 16 Apr."""
    c = midway.Case(case_id="CP-16", child_id="C-16", kind="CP")
    c.people = [midway.Person("SW-1", "social_worker"), midway.Person("CH-1", "chair"),
                midway.Person("CPA-1", "cpa"), midway.Person("TM-1", "team_manager")]
    c.record(midway.StrategyDiscussion(date=D(2026, 1, 5), s47_started=True), id="sd")
    c.record(midway.InitialConference(date=D(2026, 1, 19)), id="icpc")
    c.record(midway.ReviewConference(date=D(2026, 4, 16), plan_continues=not ends, midway_date=midway_date), id="rcpc1")
    return c


def of_rule(c: midway.Case, as_of: dt.date, rule: str) -> list[midway.Finding]:
    return [f for f in midway.drift(c, as_of=as_of) if f.rule == rule]


# 10. Mon 5 Jan + 15 working days = Mon 26 Jan (6-9 Jan: 4, 12-16: 9, 19-23: 14, 26: 15); a
# reconvened discussion on 12 Jan does not move it to 2 Feb.
def test_icpc_counts_from_the_first_s47_strategy_discussion() -> None:
    c = midway.Case(case_id="CP-10", child_id="C-10", kind="CP")
    c.record(midway.StrategyDiscussion(date=D(2026, 1, 5), s47_started=True), id="sd1")
    c.record(midway.StrategyDiscussion(date=D(2026, 1, 12), s47_started=True), id="sd2")
    s = midway.schedule(c, as_of=D(2026, 1, 13))
    assert s.next_review.due == D(2026, 1, 26)
    assert s.next_review.from_events == ["sd1"]


# 3. The plan ended at the first RCPC: nothing due (before: 16 Apr + 84 days = 9 Jul), a typed error.
def test_closed_plan_has_no_checklist_due_and_proposing_is_a_rule_error() -> None:
    assert midway.cpa_checklist_due(plan()) == D(2026, 7, 9)
    closed = plan(ends=True)
    assert midway.cpa_checklist_due(closed) is None
    with pytest.raises(midway.RuleViolationError) as e:
        midway.propose_cpa_checklist(closed, "K1", on=D(2026, 7, 9))
    assert e.value.message.startswith("[checklist.plan_ended] the CP plan ended on 2026-04-16")
    assert e.value.record_id == "CP-16"


# 4. Parents' views alone are not evidence of direct work with the family.
def test_item5_needs_direct_work_with_the_family_or_tools() -> None:
    c = plan()
    c.record(midway.ParentsViewsRecorded(date=D(2026, 5, 1)), id="pv")
    item5 = midway.propose_cpa_checklist(c, "K1", on=D(2026, 7, 9)).content.items[4].proposed
    assert item5.answer is None
    assert item5.summary.startswith("no evidence recorded: no direct work with the family and no tools in use")
    c.record(midway.DirectWork(date=D(2026, 5, 14), tool="Words and Pictures", with_family=True), id="dwf")
    items = midway.propose_cpa_checklist(c, "K1", on=D(2026, 7, 9)).content.items
    assert items[4].proposed.answer == midway.Answer.YES
    assert items[4].proposed.summary.startswith("1 direct work session with the family (Words and Pictures)")
    assert items[3].proposed.answer is None  # not direct work with the child


# 5. A legal planning meeting since the RCPC is evidence for item 2.
def test_item2_uses_legal_planning_meetings() -> None:
    c = plan()
    c.record(midway.LegalPlanningMeeting(date=D(2026, 5, 6)), id="lpm")
    item2 = midway.propose_cpa_checklist(c, "K1", on=D(2026, 7, 9)).content.items[1].proposed
    assert item2.answer == midway.Answer.YES
    assert item2.summary.endswith("; 1 legal planning meeting since, the last on 2026-05-06")
    assert [(e.text, e.events) for e in item2.evidence] == [("legal planning meeting 2026-05-06", ["lpm"])]


# 2. No midway date and no "not required" at the RCPC of Thu 16 Apr: a low finding from Fri 17 Apr.
def test_midway_date_not_set() -> None:
    assert of_rule(plan(), D(2026, 4, 16), "midway_date_not_set") == []
    (f,) = of_rule(plan(), D(2026, 4, 17), "midway_date_not_set")
    assert (f.id, f.severity, f.first_raised) == ("CP-16/midway_date_not_set/rcpc1", midway.Severity.LOW, D(2026, 4, 17))
    assert of_rule(plan(midway_date=D(2026, 7, 9)), D(2026, 4, 17), "midway_date_not_set") == []
    assert "midway_date_not_set" in [r.id for r in midway.drift_rules()]


# 2. Honoured: a meeting arranged at the ICPC for Mon 2 Mar is due, and overdue on Tue 3 Mar.
def test_midway_set_at_the_icpc_is_honoured() -> None:
    c = plan()
    c2 = midway.Case(case_id="CP-2", child_id="C-2", kind="CP")
    c2.people = c.people
    c2.record(midway.StrategyDiscussion(date=D(2026, 1, 5), s47_started=True), id="sd")
    c2.record(midway.InitialConference(date=D(2026, 1, 19)), id="icpc")
    midway.arrange_midway_review(c2, "MR-1", "icpc", D(2026, 3, 2))
    s = midway.schedule(c2, as_of=D(2026, 3, 3))
    assert (s.midway_review.due, s.midway_review.status) == (D(2026, 3, 2), midway.ItemStatus.OVERDUE)
    assert len(of_rule(c2, D(2026, 3, 3), "overdue_midway_review")) == 1


def test_chairs_report_midway_section() -> None:
    assert "Midway review date: 2026-07-09" in midway.chairs_report_midway(plan(midway_date=D(2026, 7, 9)), "rcpc1").text()
    n = plan()
    n.record(midway.MidwayReview(date=D(2026, 4, 16), outcome="not_required", decided_by="chair",
                                 reason="no issues in implementing the plan"), id="nr")
    report = midway.chairs_report_midway(n, "rcpc1")
    assert report.type == "Chair's Report"
    assert "Midway review: not required: decided by the Chair on 2026-04-16 (no issues in implementing the plan)" in report.text()


# 6. Item 6 Yes with an action: an escalation_to_tm event, on TM-1's list, with who and when.
def test_checklist_escalation_is_recorded_and_listed() -> None:
    c = plan()
    k = midway.propose_cpa_checklist(c, "K1", on=D(2026, 7, 9))
    items = k.content.items
    for item in items:
        item.answer = item.proposed.answer if item.proposed.answer is not None else midway.Answer.NOT_APPLICABLE
    assert items[5].proposed.answer == midway.Answer.YES
    items[5].action_needed = items[5].proposed.action
    content = k.content
    content.items = items
    content.summary = "Drift: escalated to the team manager."
    k.content = content
    k.tm_contact = midway.TmContact(on=D(2026, 7, 10), team_manager="TM-1")
    midway.record_cpa_checklist(c, k)
    doc = json.loads(c.to_json())
    last = doc["events"][-1]
    assert (last["type"], last["date"], last["raised_by"], last["team_manager"]) == ("escalation_to_tm", "2026-07-10", "CPA-1", "TM-1")
    report = midway.drift_report(midway.Caseload([c]), as_of=D(2026, 7, 10))
    (esc,) = report.escalations[0].cases[0].escalated
    assert (esc.on, esc.raised_by, esc.team_manager) == (D(2026, 7, 10), "CPA-1", "TM-1")


# 7. Every heading addressed: content, or "nothing recorded" with a reason.
def test_each_signs_of_safety_heading_is_addressed() -> None:
    s = midway.SignsOfSafety(date=D(2026, 5, 1), context="other")
    with pytest.raises(midway.RuleViolationError) as e:
        midway.validate_signs_of_safety(s, "sos", "CP-16")
    assert e.value.field == "sos.not_recorded"
    s.harm = ["bruising"]
    s.not_recorded = [midway.HeadingNotRecorded(heading=h, reason="not discussed")
                      for h in (midway.SosHeading.WORKING_WELL, midway.SosHeading.NEEDS_TO_HAPPEN, midway.SosHeading.SCALE)]
    midway.validate_signs_of_safety(s, "sos", "CP-16")


# 9. 10 working days after the birth of Thu 12 Mar: Thu 26 Mar, sooner than 3 months after the
# ICPC of Mon 2 Feb (Sat 2 May, rolled back to Fri 1 May).
def test_pre_birth_first_rcpc_counts_from_the_birth() -> None:
    pol = midway.Policy.england(pre_birth_first_rcpc=(10, "working_days"))
    c = midway.Case(case_id="CP-9", child_id="C-9", kind="CP")
    c.record(midway.InitialConference(date=D(2026, 2, 2), pre_birth=True), id="icpc")
    assert midway.schedule(c, as_of=D(2026, 2, 3), policy=pol).next_review.due == D(2026, 5, 1)
    c.record(midway.Birth(date=D(2026, 3, 12)), id="b")
    s = midway.schedule(c, as_of=D(2026, 3, 13), policy=pol)
    assert s.next_review.due == D(2026, 3, 26)
    assert s.next_review.explanation == "RCPC due 2026-03-26: 10 working days after the birth of 2026-03-12 (pre-birth plan)"


# 8. Notified Mon 2 Mar: due Mon 23 Mar (3-6: 4, 9-13: 9, 16-20: 14, 23: 15), on the worklist.
def test_transfer_in_notified_is_pending() -> None:
    c = midway.Case(case_id="CP-8", child_id="C-8", kind="CP")
    c.people = [midway.Person("CH-1", "chair")]
    c.record(midway.TransferInNotified(date=D(2026, 3, 2), from_la="Northshire"), id="n")
    s = midway.schedule(c, as_of=D(2026, 3, 3))
    assert (s.next_review.kind, s.next_review.due) == (midway.ItemKind.TRANSFER_IN_CONFERENCE, D(2026, 3, 23))
    w = midway.worklist(midway.Caseload([c]), as_of=D(2026, 3, 16))
    assert "Transfer-in conference due 2026-03-23" in w.to_table()


# 1. The core-group section, prefilled: the core group of 14 May came after 16 Apr (5 Mar + 6 weeks).
def test_core_group_section_is_prefilled() -> None:
    c = plan(midway_date=D(2026, 7, 9))
    for day in (D(2026, 1, 29), D(2026, 3, 5), D(2026, 5, 14), D(2026, 6, 18)):
        c.record(midway.CoreGroup(date=day, agencies=["school"]))
    g = midway.core_groups_since(c, on=D(2026, 7, 9))
    assert [(m.date, m.due_by, m.within_policy) for m in g.meetings] == [
        (D(2026, 5, 14), D(2026, 4, 16), False), (D(2026, 6, 18), D(2026, 6, 25), True)]
    midway.arrange_midway_review(c, "MR-1", "rcpc1")
    m = midway.prefill_midway_review(c, "MR-1", D(2026, 7, 9))
    assert m.core_groups == g


# 12. Case.personal, from the JSON.
def test_case_personal_from_json() -> None:
    doc = {"schema": "midway.case", "version": 1, "case_id": "CP-1", "child_id": "C-1", "kind": "CP",
           "personal": {"name": "Test Child", "date_of_birth": "2019-03-04"}}
    c = midway.Case.from_json(json.dumps(doc))
    assert c.personal is not None and c.personal.date_of_birth == D(2019, 3, 4)
