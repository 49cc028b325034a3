"""The CPA midway monitoring checklist through the binding: the good, drifting and sparse cases of
tests/cpp/test_checklist.cpp built in Python with the same proposals (answers and summaries, worked out by
hand), the recording rules with their errors, amendments with history, JSON round trips, the CPA Midway
Monitoring note against the golden files, `python -m midway checklist`, and docs/cpa-checklist.md.
(Mirrors tests/cpp/test_checklist.cpp.)

Records are values: a property returns a copy, so a test changes an item by assigning whole fields
(`items = k.content.items`; change `items[5]`; `content = k.content`; `content.items = items`;
`k.content = content`).

England and Wales calendar; bank holidays that matter: Good Friday 3 Apr 2026, Easter Monday 6 Apr 2026,
early May Mon 4 May 2026, spring Mon 25 May 2026.

    February 2026       March 2026          June 2026           July 2026
    Mo Tu We Th Fr      Mo Tu We Th Fr      Mo Tu We Th Fr      Mo Tu We Th Fr
     2  3  4  5  6       2  3  4  5  6       1  2  3  4  5             1  2  3
     9 10 11 12 13       9 10 11 12 13       8  9 10 11 12       6  7  8  9 10
    16 17 18 19 20      16 17 18 19 20      15 16 17 18 19      13 14 15 16 17
    23 24 25 26 27      23 24 25 26 27      22 23 24 25 26
                        30 31               29 30
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pytest

import midway
from docpages import page_blocks, run_python_blocks
from midway import Answer

D = dt.date
ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden"
PAGE = ROOT / "docs" / "cpa-checklist.md"
SAMPLE = ROOT / "examples" / "caseload.json"
CAL = midway.Calendar("england-and-wales")
ENGLAND = midway.Policy.england()
YES, NO, NA = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE
OPEN, DONE = midway.RecommendationStatus.OPEN, midway.RecommendationStatus.DONE

E = TypeVar("E", bound=midway.Error)


def iso(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# ---- the cases of tests/cpp/test_checklist.cpp ---------------------------------------------------


def good(drifting: bool = False) -> midway.Case:
    """Good practice: ICPC Mon 19 Jan 2026, first RCPC Thu 16 Apr (3 months would be Sun 19 Apr); the
    checklist 12 weeks later, Thu 9 Jul. Visits every Thursday; core groups 29 Jan (8 wd after the ICPC),
    then 5-weekly; the plan updated the day after each meeting; an urgent recommendation done early; a
    missing episode answered the next day.

    Drifting: no visit between 26 Feb and 19 Mar; no core group on 14 May; no plan update after the core
    group of 18 Jun; the urgent recommendation open; the missing episode unanswered; no management
    oversight; the Signs of Safety next step open past its due date."""
    c = midway.Case(case_id="CP-DRIFT" if drifting else "CP-GOOD", child_id="C-9", kind=midway.CaseKind.CP)
    c.people = [midway.Person("SW-1", "social_worker"), midway.Person("CPA-1", "cpa"), midway.Person("TM-1", "team_manager")]
    c.record(midway.StrategyDiscussion(date=iso("2026-01-05"), s47_started=True), id="sd")
    c.record(midway.InitialConference(date=iso("2026-01-19")), id="icpc")
    n = 0
    d = iso("2026-01-22")
    while d <= iso("2026-07-09"):
        if not (drifting and iso("2026-02-26") < d < iso("2026-03-19")):
            n += 1
            c.record(midway.Visit(date=d, seen=True), id=f"v{n}")
        d += dt.timedelta(days=7)
    for day in ("2026-01-29", "2026-03-05", "2026-04-09", "2026-05-14", "2026-06-18"):
        if drifting and day == "2026-05-14":
            continue  # drifting: 9 Apr to 18 Jun is 10 weeks
        c.record(midway.CoreGroup(date=iso(day), agencies=["school", "health visiting"]))
        if not drifting or day != "2026-06-18":
            c.record(midway.PlanUpdated(date=iso(day) + dt.timedelta(days=1)))
    c.record(midway.ReviewConference(date=iso("2026-04-16"), midway_date=iso("2026-07-09")), id="rcpc1")
    c.record(midway.PlanUpdated(date=iso("2026-04-17")))
    c.plan = [
        midway.Recommendation(
            "U1",
            "Separate living arrangements",
            owner=midway.Role.SOCIAL_WORKER,
            made_on=iso("2026-04-16"),
            due=iso("2026-04-30"),
            status=OPEN if drifting else DONE,
            done_on=None if drifting else iso("2026-04-28"),
            urgent=True,
        )
    ]
    c.record(midway.MissingEpisode(date=iso("2026-05-20")), id="miss")
    if not drifting:
        c.record(midway.StrategyDiscussion(date=iso("2026-05-21")), id="sd2")
    c.record(midway.DirectWork(date=iso("2026-05-07"), tool="Three Houses"), id="dw")
    c.record(midway.ChildViewsRecorded(date=iso("2026-05-07")), id="cv")
    c.record(midway.ParentsViewsRecorded(date=iso("2026-06-04")), id="pv")
    c.record(midway.SafePersonIdentified(date=iso("2026-05-28")), id="safe")
    if not drifting:
        c.record(midway.ManagementOversight(date=iso("2026-06-25")), id="mo")
    sos = midway.SignsOfSafety(
        date=iso("2026-04-16"),
        context=midway.SosContext.CONFERENCE,
        event="rcpc1",
        next_steps=[midway.Action(text="Parenting course", owner="social_worker", due=iso("2026-06-30"), status=OPEN if drifting else DONE)],
        # Each heading addressed (issue 16): the other three are in the conference minutes.
        not_recorded=[midway.HeadingNotRecorded(heading=h, reason="in the conference minutes")
                      for h in (midway.SosHeading.WORRIED, midway.SosHeading.WORKING_WELL, midway.SosHeading.SCALE)],
    )
    midway.add_signs_of_safety(c, sos)
    return c


def sparse() -> midway.Case:
    """Missing records: an ICPC and an RCPC and nothing else."""
    c = midway.Case(case_id="CP-SPARSE", child_id="C-8", kind=midway.CaseKind.CP)
    c.record(midway.InitialConference(date=iso("2026-01-19")), id="icpc")
    c.record(midway.ReviewConference(date=iso("2026-04-16")), id="rcpc1")
    return c


def propose(c: midway.Case, on: str = "2026-07-09") -> midway.CpaChecklist:
    return midway.propose_cpa_checklist(c, "CK-1", on=iso(on), policy=ENGLAND, calendar=CAL)


def answers(k: midway.CpaChecklist) -> list[Answer | None]:
    return [i.proposed.answer for i in k.content.items]


def summaries(k: midway.CpaChecklist) -> list[str]:
    return [i.proposed.summary for i in k.content.items]


def confirmed(k: midway.CpaChecklist) -> midway.CpaChecklist:
    """The CPA confirms every proposal (the ones without a proposal answered N/A, with a comment)."""
    items = k.content.items
    for i in items:
        i.answer = i.proposed.answer if i.proposed.answer is not None else NA
        if i.proposed.answer is None:
            i.comment = "Discussed with the social worker"
    content = k.content
    content.items = items
    content.summary = "Plan progressing; next RCPC to consider stepping down."
    k.content = content
    return k


def golden_checklist(c: midway.Case) -> midway.CpaChecklist:
    """As ChecklistNoteGolden.CpaMidwayMonitoring: confirmed, with item 6's action and comment."""
    k = confirmed(propose(c))
    items = k.content.items
    items[5].action_needed = items[5].proposed.action
    items[5].comment = "Visit gap in March, core group missed in May, U1 open: discussed with TM-1"
    content = k.content
    content.items = items
    k.content = content
    return k


def golden(name: str) -> str:
    """tests/data/golden/<name>, byte for byte (no newline translation)."""
    return (GOLDEN / name).read_bytes().decode("utf-8")


# ---- the questions and when the checklist is due -------------------------------------------------


SEED_WORDING = [
    "Have statutory requirements been completed: Seeing the child (every 10 days); Core groups (within 6 weekly)",
    "Have urgent safeguarding issues been addressed following the RCPC, e.g LPM /recommendation about living arrangements being "
    "separated, contact arrangements. Has there been an appropriate response to further risk (strategy disc/ s.47, missing, CSE)",
    "Has the child protection plan been updated with the recommendations from the last conference/core group? Is there evidence of "
    "partnership working/Intervention?",
    "Is the SW engaging with the child via direct work using child friendly tools? Views of child",
    "Is the direct work with the family to reduce risk progressing as per the C P Plan? Are tools being used to progress and inform "
    "assessment and work? Views of parent(s)",
    "Is there any evidence of drift and delay that require escalation with managers?",
    "Is there evidence the child has a safe person to engage with. Prompt- Referral for mentor?",
    "In the event the Child Protection Plans is not progressing, what is the contingency plan",
    "Is there evidence of Management oversight and decision making",
    "CPA summary and recommendations",
]
TITLES = [
    "Statutory requirements",
    "Urgent safeguarding issues and further risk",
    "Plan updated; partnership working",
    "Direct work with the child; views of the child",
    "Direct work with the family; views of parents",
    "Drift and delay",
    "Safe person",
    "Contingency plan",
    "Management oversight",
    "CPA summary and recommendations",
]


def test_ten_items_in_the_seeds_order_and_wording() -> None:
    q = midway.cpa_checklist_questions()
    assert [x.number for x in q] == list(range(1, 11))
    assert [x.title for x in q] == TITLES
    assert [x.wording for x in q] == SEED_WORDING


def test_due_twelve_weeks_after_the_first_rcpc() -> None:
    # Thu 16 Apr + 84 days: 30 Apr (14), 31 May (45), 30 Jun (75), Thu 9 Jul (84).
    assert midway.cpa_checklist_due(good(), policy=ENGLAND, calendar=CAL) == iso("2026-07-09")
    c = midway.Case(case_id="X", child_id="C", kind="CP")
    c.record(midway.InitialConference(date=iso("2026-01-19")))
    assert midway.cpa_checklist_due(c) is None
    # A later RCPC does not move it: it is 12 weeks after the *first* RCPC.
    d = good()
    d.record(midway.ReviewConference(date=iso("2026-10-15")))
    assert midway.cpa_checklist_due(d) == iso("2026-07-09")


# ---- proposals ---------------------------------------------------------------------------------


def test_good_practice() -> None:
    k = propose(good())
    assert (k.id, k.date, k.cpa, k.conference) == ("CK-1", iso("2026-07-09"), "CPA-1", "rcpc1")
    assert [i.number for i in k.content.items] == list(range(1, 10))
    assert all(i.answer is None and i.comment == "" and i.action_needed is None for i in k.content.items)
    assert k.content.summary == ""
    assert answers(k) == [YES, YES, YES, YES, YES, NO, YES, NA, YES]
    assert summaries(k) == [
        # 25 weekly visits, Thu 22 Jan to Thu 9 Jul; the first gap is from the ICPC: 25 gaps, none over 10 wd.
        # Core groups: ICPC -> 29 Jan (8 wd), then 5-weekly: 5 gaps.
        "0 of 25 visit gaps exceeded 10 working days. 0 of 5 core group gaps exceeded policy; the first core group was "
        "within 10 working days of the plan's start.",
        "1 of 1 urgent recommendations of the conference of 2026-04-16 done; 1 of 1 missing episodes or CSE concerns since "
        "followed by a strategy discussion or s.47",
        "plan updated on 2026-06-19, after the core group of 2026-06-18",
        "1 direct work session since the conference of 2026-04-16 (Three Houses); child's views recorded 1 time",
        "no direct work with the family; parents' views recorded 1 time since the conference of 2026-04-16; next steps of the Signs of Safety record of "
        "2026-04-16: 1 of 1 done, 0 overdue",
        "no drift or delay found",
        "safe person or mentor referral recorded on 2026-05-28",
        "items 1-5 show the plan progressing; no contingency plan recorded",
        "management oversight recorded on 2026-06-25",
    ]
    items = k.content.items
    assert items[2].proposed.evidence[-1].text == "core-group attendance by agency (5 meetings): health visiting 5, school 5"
    assert [(e.text, e.events) for e in items[1].proposed.evidence] == [
        ("urgent recommendation U1 (Separate living arrangements): done on 2026-04-28", []),
        ("missing episode of 2026-05-20: strategy discussion on 2026-05-21", ["miss", "sd2"]),
    ]
    assert [(e.text, e.events) for e in items[3].proposed.evidence] == [
        ("direct work 2026-05-07 (Three Houses)", ["dw"]),
        ("child's views recorded 2026-05-07", ["cv"]),
    ]
    assert items[0].proposed.evidence == []  # nothing over policy
    assert items[5].proposed.evidence == [] and items[5].proposed.action is None
    assert all(i.proposed.action is None for i in items)  # nothing to do


def test_drifting_practice() -> None:
    k = propose(good(drifting=True))
    assert answers(k) == [NO, NO, NO, YES, NO, YES, YES, NO, None]
    assert summaries(k) == [
        # Visits: Thu 26 Feb to Thu 19 Mar is 15 wd (27 Feb, 2-6, 9-13, 16-19 Mar), over the 10 allowed. Core
        # groups: Thu 9 Apr to Thu 18 Jun is 70 days, over 6 weeks. 25 weekly visits less 5 and 12 Mar leave 23,
        # so 23 gaps (the first from the ICPC); 4 core groups, 4 gaps.
        "1 of 23 visit gaps exceeded 10 working days; longest 15, 2026-02-26 to 2026-03-19. 1 of 4 core group gaps exceeded "
        "policy; the first core group was within 10 working days of the plan's start.",
        "0 of 1 urgent recommendations of the conference of 2026-04-16 done; 0 of 1 missing episodes or CSE concerns since "
        "followed by a strategy discussion or s.47",
        # Thu 18 Jun + 10 wd: 19 (1), 22-26 (6), 29 Jun-2 Jul (10) = Thu 2 Jul.
        "no plan update since the core group of 2026-06-18 (due by 2026-07-02)",
        "1 direct work session since the conference of 2026-04-16 (Three Houses); child's views recorded 1 time",
        "no direct work with the family; parents' views recorded 1 time since the conference of 2026-04-16; next steps of the Signs of Safety record of "
        "2026-04-16: 0 of 1 done, 1 overdue",
        "6 drift and delay findings: escalate to the team manager",
        "safe person or mentor referral recorded on 2026-05-28",
        "items 1-5 show the plan is not progressing and no contingency plan is recorded",
        "no evidence recorded: no management oversight since the conference of 2026-04-16",
    ]
    items = k.content.items
    assert [e.text for e in items[0].proposed.evidence] == [
        "visit gap 2026-02-26 to 2026-03-19: 15 working days, over the 10 working days allowed (limit 2026-03-12)",
        "core group gap 2026-04-09 to 2026-06-18: 70 days, over the 6 weeks allowed (limit 2026-05-21)",
    ]
    # Item 6's evidence is the case's drift findings, one line each, with the events behind them.
    found = midway.drift(good(drifting=True), as_of=iso("2026-07-09"), calendar=CAL)
    assert [(e.text, e.events) for e in items[5].proposed.evidence] == [
        (f"[{f.severity.name.lower()}] {f.rule}: {f.explanation}", f.events) for f in found
    ]
    assert [f.rule for f in found] == ["visit_gap", "core_group_gap", "recommendation_overdue", "no_plan_update",
                                       "no_management_oversight", "risk_not_responded"]
    # The suggested actions: to the social worker for 1, 2, 3, 5 and 8; the escalation is the CPA's.
    actions = {i.number: i.proposed.action for i in items if i.proposed.action is not None}
    assert {n: (a.text, a.owner) for n, a in actions.items()} == {
        1: ("Visits every 10 working days and core groups to timescale", midway.Role.SOCIAL_WORKER),
        2: ("Address the urgent recommendations and further risk", midway.Role.SOCIAL_WORKER),
        3: ("Update the CP plan with the recommendations of the core group of 2026-06-18", midway.Role.SOCIAL_WORKER),
        5: ("Progress the overdue next steps with the family", midway.Role.SOCIAL_WORKER),
        6: ("Escalate drift and delay to the team manager", midway.Role.CPA),
        8: ("Record a contingency plan", midway.Role.SOCIAL_WORKER),
    }


def test_missing_records_say_no_evidence() -> None:
    k = propose(sparse())
    # 1: no visit since the ICPC: the open gap (19 Jan to 9 Jul) is over policy: No.
    # 2: nothing urgent, no new risk: N/A. 3: no plan update since the RCPC: No. 4, 5, 7, 9: no evidence.
    # 6: drift (overdue visit and more): Yes. 8: not progressing, no contingency plan: No.
    assert answers(k) == [NO, NA, NO, None, None, YES, None, NO, None]
    assert (k.cpa, k.conference) == ("", "rcpc1")
    s = summaries(k)
    for i in (3, 4, 6, 8):
        assert s[i].startswith("no evidence recorded: "), (i, s[i])
    assert s[1] == "no urgent recommendations at the conference of 2026-04-16; no missing episode or CSE concern since"
    # Thu 16 Apr + 10 wd: 17 (1), 20-24 (6), 27-30 (10) = Thu 30 Apr.
    assert s[2] == "no plan update since the conference of 2026-04-16 (due by 2026-04-30)"
    assert s[3] == "no evidence recorded: no direct work with the child since the conference of 2026-04-16"
    assert s[4] == "no evidence recorded: no direct work with the family and no tools in use since the conference of 2026-04-16"
    assert s[6] == "no evidence recorded: no safe person identified and no mentor referral"
    assert s[8] == "no evidence recorded: no management oversight since the conference of 2026-04-16"
    # No answer is proposed where there is no evidence: nothing is guessed.
    for i in (3, 4, 6, 8):
        assert k.content.items[i].proposed.answer is None
        assert k.content.items[i].proposed.evidence == []


def test_no_visit_or_core_group_at_all_is_no_evidence() -> None:
    c = midway.Case(case_id="CP-NEW", child_id="C-7", kind="CP")
    c.record(midway.InitialConference(date=iso("2026-01-19")), id="icpc")
    # On the day of the ICPC nothing is late yet: no interval to measure.
    k = midway.propose_cpa_checklist(c, "CK-1", on=iso("2026-01-19"), calendar=CAL)
    item = k.content.items[0]
    assert item.proposed.answer is None
    assert item.proposed.summary == "no evidence recorded: no visits or core groups since the plan started"


def test_not_yet_due_proposes_no_answer() -> None:
    c = good()
    # As of Tue 30 Jun: the plan was updated 19 Jun after the core group of 18 Jun; the urgent recommendation
    # U1 is done, but a CSE concern of Mon 29 Jun is still within its 3 wd (by Thu 2 Jul): no answer yet for 2.
    c.record(midway.CseConcern(date=iso("2026-06-29")), id="cse")
    item = propose(c, "2026-06-30").content.items[1]
    assert item.proposed.answer is None
    # Only the missing episode (answered on 21 May) has been followed by a strategy discussion: 1 of 2, with the
    # CSE concern still within its window. (src/checklist.cpp counts every risk not yet past its window as
    # answered, and says "2 of 2".)
    assert item.proposed.summary == (
        "1 of 1 urgent recommendations of the conference of 2026-04-16 done; 1 of 2 missing episodes or CSE concerns since "
        "followed by a strategy discussion or s.47 (1 not yet due: no answer proposed)"
    )
    assert item.proposed.evidence[-1].text == "CSE concern of 2026-06-29: response due by 2026-07-02"


def test_only_for_cp_plans() -> None:
    lac = midway.Case(case_id="L", child_id="C", kind="LAC")
    e = expect_error(lac, lambda: propose(lac), midway.RuleViolationError, "cpa_checklists['CK-1']", "checklist.case_kind")
    assert "CP plans" in e.message
    early = midway.Case(case_id="E", child_id="C", kind="CP")
    early.record(midway.StrategyDiscussion(date=iso("2026-01-05"), s47_started=True))
    e = expect_error(early, lambda: propose(early, "2026-01-10"), midway.RuleViolationError, "cpa_checklists['CK-1']",
                     "checklist.case_kind")
    assert "no CP plan has started by 2026-01-10" in e.message


def test_proposing_changes_nothing() -> None:
    c = good(drifting=True)
    before = c.to_json()
    propose(c)
    assert c.to_json() == before
    assert c.cpa_checklists == ()


# ---- recording rules -----------------------------------------------------------------------------

# errors.py: the built-in exception each class also derives from.
ALSO: dict[type[midway.Error], tuple[type[Exception], ...]] = {
    midway.UnknownCodeError: (KeyError, ValueError),
    midway.InvalidArgumentError: (ValueError,),
    midway.RuleViolationError: (ValueError,),
    midway.NotFoundError: (KeyError,),
}


def expect_error(c: midway.Case, change: Callable[[], object], cls: type[E], field: str, rule: str = "") -> E:
    """`change` must raise exactly `cls` at `field`, naming the case and (when given) the rule in brackets,
    and leave the case exactly as it was."""
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
    if rule:
        assert f"[{rule}]" in e.message, e.message
    assert str(e) == f"{e.message} (field '{field}', record '{c.case_id}')"
    assert c.to_json() == before, "a rejected change left the case changed"
    assert c == copy
    return e


def with_items(k: midway.CpaChecklist, change: Callable[[list[midway.ChecklistItem]], None]) -> midway.CpaChecklist:
    """A copy of `k` with its items changed by `change`."""
    out = midway.CpaChecklist(id=k.id, date=k.date, conference=k.conference, cpa=k.cpa, content=k.content)
    items = out.content.items
    change(items)
    content = out.content
    content.items = items
    out.content = content
    return out


def test_recording_rules() -> None:
    c = good(drifting=True)
    k = confirmed(propose(c))

    def unanswer(items: list[midway.ChecklistItem]) -> None:
        items[4].answer = None

    expect_error(c, lambda: midway.record_cpa_checklist(c, with_items(k, unanswer)), midway.RuleViolationError,
                 "cpa_checklists['CK-1'].content.items[4].answer", "checklist.items")

    def override(items: list[midway.ChecklistItem]) -> None:
        items[0].answer = YES  # proposed No

    overridden = with_items(k, override)
    e = expect_error(c, lambda: midway.record_cpa_checklist(c, overridden), midway.RuleViolationError,
                     "cpa_checklists['CK-1'].content.items[0].override_reason", "checklist.override")
    assert e.message == "[checklist.override] item 1: the answer Yes overrides the proposed No: give a reason"

    def blank_reason(items: list[midway.ChecklistItem]) -> None:
        items[0].answer = YES
        items[0].override_reason = " \t"

    expect_error(c, lambda: midway.record_cpa_checklist(c, with_items(k, blank_reason)), midway.RuleViolationError,
                 "cpa_checklists['CK-1'].content.items[0].override_reason", "checklist.override")

    no_summary = with_items(k, lambda items: None)
    content = no_summary.content
    content.summary = "  "
    no_summary.content = content
    e = expect_error(c, lambda: midway.record_cpa_checklist(c, no_summary), midway.RuleViolationError,
                     "cpa_checklists['CK-1'].content.summary", "checklist.summary")
    assert "always required" in e.message

    def drop_9(items: list[midway.ChecklistItem]) -> None:
        del items[8]

    e = expect_error(c, lambda: midway.record_cpa_checklist(c, with_items(k, drop_9)), midway.RuleViolationError,
                     "cpa_checklists['CK-1'].content.items", "checklist.items")
    assert e.message == "[checklist.items] a checklist has items 1 to 9 (item 10 is the summary); found 8"

    def renumber(items: list[midway.ChecklistItem]) -> None:
        items[3].number = 5

    expect_error(c, lambda: midway.record_cpa_checklist(c, with_items(k, renumber)), midway.RuleViolationError,
                 "cpa_checklists['CK-1'].content.items[3].number", "checklist.items")

    def empty_action(items: list[midway.ChecklistItem]) -> None:
        items[2].action_needed = midway.Action()

    expect_error(c, lambda: midway.record_cpa_checklist(c, with_items(k, empty_action)), midway.RuleViolationError,
                 "cpa_checklists['CK-1'].content.items[2].action_needed.text", "checklist.action")

    # Not answered where no answer was proposed is still refused: every item 1-9 is answered.
    def unanswer_9(items: list[midway.ChecklistItem]) -> None:
        items[8].answer = None

    expect_error(c, lambda: midway.record_cpa_checklist(c, with_items(k, unanswer_9)), midway.RuleViolationError,
                 "cpa_checklists['CK-1'].content.items[8].answer", "checklist.items")

    # The override with a reason is recorded, keeping both the proposal and the CPA's answer.
    def reasoned(items: list[midway.ChecklistItem]) -> None:
        items[0].answer = YES
        items[0].override_reason = "Visits were made but recorded late on the system"

    ok = midway.Case.from_json(c.to_json())
    rec = midway.record_cpa_checklist(ok, with_items(k, reasoned))
    assert rec.content.items[0].proposed.answer is NO
    assert rec.content.items[0].answer is YES
    assert ok.cpa_checklists == (rec,)
    # The same id again: invalid_argument.
    expect_error(ok, lambda: midway.record_cpa_checklist(ok, with_items(k, reasoned)), midway.InvalidArgumentError,
                 "cpa_checklists['CK-1']")


def test_an_answer_where_none_was_proposed_needs_no_reason() -> None:
    # Item 9 of the drifting case has no proposal (no evidence): any answer stands without a reason.
    c = good(drifting=True)

    def answer_9(items: list[midway.ChecklistItem]) -> None:
        items[8].answer = NO
        items[8].comment = ""

    rec = midway.record_cpa_checklist(c, with_items(confirmed(propose(c)), answer_9))
    assert rec.content.items[8].proposed.answer is None and rec.content.items[8].answer is NO


def test_a_lac_case_cannot_record_one() -> None:
    lac = midway.Case(case_id="LAC-1", child_id="C-1", kind="LAC")
    k = confirmed(propose(good()))
    expect_error(lac, lambda: midway.record_cpa_checklist(lac, k), midway.RuleViolationError, "cpa_checklists['CK-1']",
                 "checklist.case_kind")


def test_the_conference_must_be_on_the_case() -> None:
    c = good()
    k = confirmed(propose(c))
    k.conference = "nope"
    expect_error(c, lambda: midway.record_cpa_checklist(c, k), midway.NotFoundError, "cpa_checklists['CK-1'].conference")


def test_answers_take_enum_members_or_names() -> None:
    item = midway.ChecklistItem(number=1, answer="not_applicable")
    assert item.answer is NA
    item.answer = "yes"
    assert item.answer is YES
    with pytest.raises(midway.UnknownCodeError):
        item.answer = "yep"  # type: ignore[assignment]


# ---- amendments and JSON -------------------------------------------------------------------------


def test_amendments_keep_history_and_json_round_trips() -> None:
    c = good(drifting=True)
    midway.record_cpa_checklist(c, confirmed(propose(c)))
    (k,) = c.cpa_checklists
    assert k.version() == 1 and k.amendments == []
    before = k.content
    items = k.content.items
    items[5].action_needed = midway.Action(text="Escalated to TM-1", owner="cpa", due=iso("2026-07-10"))
    content = k.content
    content.items = items
    content.extra = {"ics_note_id": "4471"}
    midway.amend_cpa_checklist(c, "CK-1", content, "CPA-1", iso("2026-07-10"), "Escalation recorded")
    (k,) = c.cpa_checklists
    assert k.version() == 2
    (a,) = k.amendments
    assert (a.version, a.changed_on, a.changed_by, a.reason) == (1, iso("2026-07-10"), "CPA-1", "Escalation recorded")
    assert a.previous == before
    assert k.content == content
    assert k.content.extra == {"ics_note_id": "4471"}
    # A second amendment keeps both earlier versions, oldest first.
    second = k.content
    second.summary = "Escalated; next RCPC to consider the contingency plan."
    midway.amend_cpa_checklist(c, "CK-1", second, "CPA-1", iso("2026-07-14"), "Summary updated")
    (k,) = c.cpa_checklists
    assert k.version() == 3
    assert [x.version for x in k.amendments] == [1, 2]
    assert k.amendments[1].previous == content
    # JSON carries the whole history.
    text = c.to_json()
    assert midway.Case.from_json(text) == c
    assert midway.Case.from_json(text).to_json() == text
    doc: dict[str, Any] = json.loads(text)
    (ck,) = doc["cpa_checklists"]
    assert ck["id"] == "CK-1" and len(ck["amendments"]) == 2
    assert ck["content"]["ics_note_id"] == "4471"  # an extension member, after the known ones
    assert list(ck["content"]) == ["items", "summary", "ics_note_id"]


def test_amendment_rules() -> None:
    c = good(drifting=True)
    midway.record_cpa_checklist(c, confirmed(propose(c)))
    content = c.cpa_checklists[0].content
    expect_error(c, lambda: midway.amend_cpa_checklist(c, "CK-1", content, "CPA-1", iso("2026-07-10"), ""), midway.RuleViolationError,
                 "cpa_checklists['CK-1'].amendments", "checklist.reason")
    expect_error(c, lambda: midway.amend_cpa_checklist(c, "CK-1", content, "", iso("2026-07-10"), "x"), midway.RuleViolationError,
                 "cpa_checklists['CK-1'].amendments", "checklist.reason")
    expect_error(c, lambda: midway.amend_cpa_checklist(c, "CK-1", content, "CPA-1", iso("2026-07-08"), "x"), midway.RuleViolationError,
                 "cpa_checklists['CK-1'].amendments", "checklist.reason")
    expect_error(c, lambda: midway.amend_cpa_checklist(c, "CK-9", content, "CPA-1", iso("2026-07-10"), "x"), midway.NotFoundError,
                 "cpa_checklists['CK-9']")
    # The new content is checked as when recording.
    blank = c.cpa_checklists[0].content
    blank.summary = ""
    expect_error(c, lambda: midway.amend_cpa_checklist(c, "CK-1", blank, "CPA-1", iso("2026-07-10"), "x"), midway.RuleViolationError,
                 "cpa_checklists['CK-1'].content.summary", "checklist.summary")
    assert c.cpa_checklists[0].version() == 1


def test_json_errors_name_the_path() -> None:
    c = good(drifting=True)
    midway.record_cpa_checklist(c, confirmed(propose(c)))
    text = c.to_json()
    assert '"answer": "yes"' in text
    with pytest.raises(midway.UnknownCodeError) as info:
        midway.Case.from_json(text.replace('"answer": "yes"', '"answer": "yep"', 1))
    assert info.value.field is not None and info.value.field.startswith("$.cpa_checklists[0]."), info.value.field
    # A checklist read from JSON is checked against its case like a recorded one.
    doc: dict[str, Any] = json.loads(text)
    doc["cpa_checklists"][0]["content"]["summary"] = ""
    with pytest.raises(midway.RuleViolationError) as rule:
        midway.Case.from_json(json.dumps(doc))
    assert "[checklist.summary]" in rule.value.message


def test_records_are_values() -> None:
    c = good(drifting=True)
    k = propose(c)
    items = k.content.items
    items[0].comment = "changed"
    assert k.content.items[0].comment == ""  # the property returned a copy
    midway.record_cpa_checklist(c, confirmed(k))
    rec = c.cpa_checklists[0]
    rec.cpa = "CPA-9"
    assert c.cpa_checklists[0].cpa == "CPA-1"


# ---- the CPA Midway Monitoring note ----------------------------------------------------------------


def golden_case() -> midway.Case:
    c = good(drifting=True)
    midway.record_cpa_checklist(c, golden_checklist(c))
    return c


@pytest.mark.parametrize("fmt,name", [("text", "txt"), ("markdown", "md"), ("html", "html"), ("json", "json")])
def test_the_note_is_the_golden_file(fmt: str, name: str) -> None:
    n = midway.cpa_monitoring_note(golden_case(), "CK-1")
    assert n.type == "CPA Midway Monitoring"
    assert n.title == "CPA Midway Monitoring: CP-DRIFT, 2026-07-09"
    expected = golden(f"cpa-monitoring.{name}")
    rendered = {"text": n.text, "markdown": n.markdown, "html": n.html, "json": n.json}[fmt]()
    assert rendered == expected
    assert n.render(fmt) == expected  # type: ignore[arg-type]
    assert str(n) == golden("cpa-monitoring.txt")


def test_the_golden_json_note_parses() -> None:
    doc: dict[str, Any] = json.loads(golden("cpa-monitoring.json"))
    assert (doc["schema"], doc["version"], doc["type"]) == ("midway.note", 1, "CPA Midway Monitoring")
    (table,) = doc["sections"][0]["blocks"]
    assert table["table"]["header"] == ["Item", "Yes/No", "Comment", "Action needed"]
    assert [row[1] for row in table["table"]["rows"]] == ["No", "No", "No", "Yes", "No", "Yes", "Yes", "No", "N/A"]


def test_an_amended_note_says_its_version_and_shows_the_override() -> None:
    c = golden_case()
    items = c.cpa_checklists[0].content.items
    items[0].answer = YES
    items[0].override_reason = "Visits were made but recorded late"
    items[0].comment = "Checked with the SW"
    items[5].action_needed = midway.Action(text="Escalated to TM-1", owner="cpa", due=iso("2026-07-10"))
    content = c.cpa_checklists[0].content
    content.items = items
    midway.amend_cpa_checklist(c, "CK-1", content, "CPA-1", iso("2026-07-10"), "Escalation recorded")
    text = midway.cpa_monitoring_note(c, "CK-1").text()
    assert "\nVersion: 2 (amended 2026-07-10 by CPA-1)\n" in text
    assert ("Item: 1. Statutory requirements\n  Yes/No: Yes\n  Comment: Checked with the SW (Proposed No: Visits were made but "
            "recorded late)\n") in text
    assert "  Action needed: Escalated to TM-1 (CPA, by 2026-07-10)\n" in text
    with pytest.raises(midway.NotFoundError):
        midway.cpa_monitoring_note(c, "CK-2")


def test_the_note_names_no_child() -> None:
    c = golden_case()
    c2 = midway.Case.from_json(c.to_json().replace('"child_id": "C-9"', '"child_id": "C-9", "personal": {"name": "Child Z"}', 1))
    n = midway.cpa_monitoring_note(c2, "CK-1")
    for text in (n.text(), n.markdown(), n.html(), n.json()):
        assert "Child Z" not in text


# ---- python -m midway checklist ------------------------------------------------------------------


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    raw = subprocess.run([sys.executable, "-m", "midway", *args], capture_output=True, cwd=cwd, env=env, timeout=120, check=False)
    return subprocess.CompletedProcess(raw.args, raw.returncode, raw.stdout.decode("utf-8"), raw.stderr.decode("utf-8"))


def cli_draft(c: midway.Case, on: dt.date) -> midway.Note:
    """What `midway checklist --case` prints: the proposal as a draft, each item answered as proposed (N/A
    where the history cannot answer), the proposal's summary as the comment and its action as the action
    needed; item 10 left for the CPA."""
    k = midway.propose_cpa_checklist(c, "proposal", on=on)
    items = k.content.items
    for i in items:
        i.answer = i.proposed.answer if i.proposed.answer is not None else NA
        i.comment = i.proposed.summary
        i.action_needed = i.proposed.action
    content = k.content
    content.items = items
    content.summary = "(proposal: for the CPA to complete)"
    k.content = content
    draft = midway.Case.from_json(c.to_json())
    midway.record_cpa_checklist(draft, k)
    return midway.cpa_monitoring_note(draft, "proposal")


def test_cli_checklist_proposal_for_cp_003() -> None:
    result = run_cli("checklist", "examples/caseload.json", "--case", "CP-003", "--as-of", "2026-11-22")
    assert (result.returncode, result.stderr) == (0, "")
    (cp3,) = [c for c in midway.load_caseload(SAMPLE).cases if c.case_id == "CP-003"]
    assert result.stdout == cli_draft(cp3, iso("2026-11-22")).text()
    out = result.stdout
    assert out.startswith("CPA Midway Monitoring: CP-003, 2026-11-22\n")
    # CP-003 (examples/README.md): no midway review after the RCPC of 11 Aug (due 3 Nov) and no core group
    # since 29 Sep (due 10 Nov): item 6 proposes Yes and the escalation.
    assert "Item: 6. Drift and delay\n  Yes/No: Yes\n" in out
    assert "  Action needed: Escalate drift and delay to the team manager (CPA)\n" in out
    assert "[medium] overdue_midway_review: Midway review due 2026-11-03: 84 days after the RCPC of 2026-08-11 (overdue)" in out
    assert "[medium] overdue_core_group: Core group due 2026-11-10: 6 weeks after the core group of 2026-09-29 (overdue)" in out
    assert "\n10. CPA SUMMARY AND RECOMMENDATIONS\n(proposal: for the CPA to complete)\n" in out


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_cli_checklist_formats(fmt: str) -> None:
    result = run_cli("checklist", "examples/caseload.json", "--case", "CP-003", "--as-of", "2026-11-22", "--format", fmt)
    assert (result.returncode, result.stderr) == (0, "")
    (cp3,) = [c for c in midway.load_caseload(SAMPLE).cases if c.case_id == "CP-003"]
    assert result.stdout == cli_draft(cp3, iso("2026-11-22")).render(fmt)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt,name", [("text", "txt"), ("markdown", "md"), ("html", "html"), ("json", "json")])
def test_cli_checklist_of_a_recorded_checklist_is_the_golden_note(fmt: str, name: str, tmp_path: Path) -> None:
    path = tmp_path / "caseload.json"
    path.write_text(midway.Caseload([golden_case()]).to_json(), encoding="utf-8")
    result = run_cli("checklist", str(path), "--case", "CP-DRIFT", "--id", "CK-1", "--format", fmt)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == golden(f"cpa-monitoring.{name}")


def test_cli_checklist_errors(tmp_path: Path) -> None:
    lac = run_cli("checklist", "examples/caseload.json", "--case", "LAC-001", "--as-of", "2026-11-22")
    assert lac.returncode == 3
    assert lac.stderr.startswith("midway: error [rule_violation]: [checklist.case_kind] the CPA checklist is for CP plans")
    missing = run_cli("checklist", "examples/caseload.json", "--case", "CP-999", "--as-of", "2026-11-22")
    assert missing.returncode == 3
    assert missing.stderr.startswith("midway: error [not_found]") and "--case" in missing.stderr
    no_case = run_cli("checklist", "examples/caseload.json", "--as-of", "2026-11-22")
    assert no_case.returncode == 2
    assert no_case.stderr == "midway checklist: --case is required\nsee `midway checklist --help`\n"
    no_such_id = run_cli("checklist", "examples/caseload.json", "--case", "CP-003", "--id", "CK-1")
    assert no_such_id.returncode == 3
    assert no_such_id.stderr.startswith("midway: error [not_found]")
    bad_format = run_cli("checklist", "examples/caseload.json", "--case", "CP-003", "--as-of", "2026-11-22", "--format", "pdf")
    assert bad_format.returncode == 2
    assert bad_format.stderr.startswith("midway checklist: --format: pdf not in {text,markdown,html,json}\n")


# ---- docs/cpa-checklist.md -----------------------------------------------------------------------

def test_the_page_shows_the_golden_note_verbatim() -> None:
    texts = [content for lang, content in page_blocks("cpa-checklist.md") if lang == "text"]
    # The note, then what the C++ example prints (built and run by CTest: docs.cpa-checklist.cpp).
    assert texts[0] == golden("cpa-monitoring.txt")
    assert texts[1:] == ["due 2026-07-09\nescalation_to_tm 2026-07-10 by CPA-1 to TM-1\nCPA Midway Monitoring: CP-1, 2026-07-09\n"]


def test_the_pages_python_blocks_build_the_golden_case_and_print_the_note(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # As tests/python/test_examples.py runs them: one namespace with the README's imports.
    monkeypatch.chdir(tmp_path)
    ran, printed, namespace = run_python_blocks("cpa-checklist.md")
    assert ran >= 3
    assert printed == [golden("cpa-monitoring.txt")]
    # The page's case is the drifting case of this file, with the golden checklist recorded.
    assert namespace["case"] == golden_case()


def test_the_page_gives_the_seeds_wording_and_every_recording_rule() -> None:
    page = re.sub(r"\s+", " ", PAGE.read_text(encoding="utf-8"))
    for wording in SEED_WORDING:
        assert wording in page, wording
    header = (ROOT / "include" / "midway" / "checklist.hpp").read_text(encoding="utf-8")
    rules = set(re.findall(r"^//\s+(checklist\.[a-z_]+)\s", header, re.MULTILINE))
    assert rules == {"checklist.case_kind", "checklist.items", "checklist.override", "checklist.summary", "checklist.action"}
    for rule in sorted(rules | {"checklist.reason"}):
        assert f"`{rule}`" in page, rule
    assert "no evidence recorded" in page


def test_the_cli_page_shows_the_checklist_commands_output() -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    block = re.search(r"^\$ midway checklist [^\n]*\n(.*?)^```", page, re.MULTILINE | re.DOTALL)
    assert block is not None
    shown = [part.strip("\n").splitlines() for part in block.group(1).split("...\n")]
    out = run_cli("checklist", "examples/caseload.json", "--case", "CP-003", "--as-of", "2026-11-22").stdout.splitlines()
    assert len(shown) == 3 and shown[-1] == []
    for part in shown[:-1]:
        start = out.index(part[0])
        assert out[start : start + len(part)] == part


def test_the_cli_page_shows_the_note_commands_output(tmp_path: Path) -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    block = re.search(r"^\$ midway note [^\n]*\n(.*?)^```", page, re.MULTILINE | re.DOTALL)
    assert block is not None
    # The worked CP example of docs/midway-review.md: its contact form is the golden file.
    assert block.group(1) == golden("midway-cp-contact-form.txt")
