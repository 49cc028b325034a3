"""Worklists through the binding: grouping by role and person, sorting by due date, what is
listed, the table / CSV / JSON renderings, the sample caseload (examples/caseload.json, as
described in examples/README.md) and `python -m midway worklist`. (Mirrors tests/cpp/test_worklist.cpp.)

A small caseload, as of Mon 2026-03-02 with the default 28-day horizon (to Mon 30 Mar); "due soon"
is due by Mon 9 Mar (5 wd: 3, 4, 5, 6, 9 Mar). Bank holidays that matter: Thu 25 Dec 2025, Fri 26 Dec
2025, Thu 1 Jan 2026, Fri 3 Apr 2026 (Good Friday), Mon 6 Apr 2026 (Easter Monday).
  CP-1 (SW-1 Ann Lee, CH-1 Bob Roe, CPA-1 Cy Poe): ICPC 2025-09-01, RCPC Fri 2025-11-28, core group
       Mon 2026-01-26, visit Mon 2026-02-23.
       RCPC 28 Nov + 6 months = Thu 28 May 2026: beyond the horizon.
       Midway 28 Nov + 84 days (30 Nov +2, 31 Dec +33, 31 Jan +64, 20 Feb +84) = Fri 20 Feb: overdue.
       Visit 23 Feb + 10 wd (24-27: 4, 2-6 Mar: 9, 9 Mar: 10) = Mon 9 Mar: due soon.
       Core group 26 Jan + 6 weeks = Mon 9 Mar: due soon.
  CP-2 (SW-2 only): strategy discussion (s.47) Mon 2026-02-23: ICPC + 15 wd = Mon 16 Mar: upcoming.
  CP-3 (CH-1, SW-2, no CPA): ICPC 2025-10-01, RCPC Fri 2025-12-19, core group Fri 2026-02-20, visit Fri 2026-02-27.
       RCPC Fri 19 Jun: not listed. Midway 19 Dec + 84 days (31 Dec +12, 31 Jan +43, 28 Feb +71,
       13 Mar +84) = Fri 13 Mar: upcoming. Visit 27 Feb + 10 wd = Fri 13 Mar: upcoming.
       Core group 20 Feb + 6 weeks = Fri 3 Apr (Good Friday) -> Thu 2 Apr: beyond the horizon.
  LAC-1 (SW-1, IRO-1 Di Fay): start of care and placement 2025-06-02, reviews 2025-06-27 and Fri
       2025-09-26, visit Fri 2026-02-20. Review 26 Sep + 6 months = Thu 26 Mar: upcoming (24 days).
       Midway: 26 Sep to 26 Mar is 181 days, half 90 = Thu 25 Dec 2025 -> Wed 24 Dec: overdue.
       Visit 20 Feb + 6 weeks = Fri 3 Apr -> Thu 2 Apr: not listed.
  LAC-2 (nobody): start of care Mon 2026-02-16. First review + 20 wd = Mon 16 Mar: upcoming.
       Visit within 1 week of the start of care = Mon 23 Feb: overdue.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import midway
from midway import ItemKind, ItemStatus, Role

D = dt.date
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "caseload.json"
AS_OF = D(2026, 3, 2)

LAC1_MIDWAY = "Midway review due 2025-12-24: halfway between the LAC review of 2025-09-26 and the next review, due 2026-03-26"
LAC1_REVIEW = "LAC review due 2026-03-26: 6 months after the LAC review of 2025-09-26"
LAC2_REVIEW = "LAC review due 2026-03-16: 20 working days after the start of care of 2026-02-16"
LAC2_VISIT = "Visit due 2026-02-23: 1 week after the start of care of 2026-02-16"
CP1_MIDWAY = "Midway review due 2026-02-20: 84 days after the RCPC of 2025-11-28"
CP1_VISIT = "Visit due 2026-03-09: 10 working days after the visit of 2026-02-23"
CP1_CORE_GROUP = "Core group due 2026-03-09: 6 weeks after the core group of 2026-01-26"
CP2_ICPC = "ICPC due 2026-03-16: 15 working days after the strategy discussion of 2026-02-23"
CP3_MIDWAY = "Midway review due 2026-03-13: 84 days after the RCPC of 2025-12-19"
CP3_VISIT = "Visit due 2026-03-13: 10 working days after the visit of 2026-02-27"
CHILD = {"CP-1": "C-1", "CP-2": "C-2", "CP-3": "C-3", "LAC-1": "C-4", "LAC-2": "C-5"}

# (case, item, due, status, explanation)
Entry = tuple[str, ItemKind, dt.date, ItemStatus, str]
UP, SOON, LATE = ItemStatus.UPCOMING, ItemStatus.DUE_SOON, ItemStatus.OVERDUE

EXPECTED: list[tuple[Role, str | None, str, list[Entry]]] = [
    (Role.IRO, None, "", [("LAC-2", ItemKind.LAC_REVIEW, D(2026, 3, 16), UP, LAC2_REVIEW)]),
    (
        Role.IRO,
        "IRO-1",
        "Di Fay",
        [
            ("LAC-1", ItemKind.MIDWAY_REVIEW, D(2025, 12, 24), LATE, LAC1_MIDWAY),
            ("LAC-1", ItemKind.LAC_REVIEW, D(2026, 3, 26), UP, LAC1_REVIEW),
        ],
    ),
    (Role.CHAIR, None, "", [("CP-2", ItemKind.ICPC, D(2026, 3, 16), UP, CP2_ICPC)]),
    (
        Role.CHAIR,
        "CH-1",
        "Bob Roe",
        [
            ("CP-1", ItemKind.MIDWAY_REVIEW, D(2026, 2, 20), LATE, CP1_MIDWAY),
            ("CP-3", ItemKind.MIDWAY_REVIEW, D(2026, 3, 13), UP, CP3_MIDWAY),
        ],
    ),
    (Role.CPA, "CPA-1", "Cy Poe", [("CP-1", ItemKind.MIDWAY_REVIEW, D(2026, 2, 20), LATE, CP1_MIDWAY)]),
    (
        Role.SOCIAL_WORKER,
        None,
        "",
        [
            ("LAC-2", ItemKind.VISIT, D(2026, 2, 23), LATE, LAC2_VISIT),
            ("LAC-2", ItemKind.LAC_REVIEW, D(2026, 3, 16), UP, LAC2_REVIEW),
        ],
    ),
    (
        Role.SOCIAL_WORKER,
        "SW-1",
        "Ann Lee",
        [
            ("LAC-1", ItemKind.MIDWAY_REVIEW, D(2025, 12, 24), LATE, LAC1_MIDWAY),
            ("CP-1", ItemKind.MIDWAY_REVIEW, D(2026, 2, 20), LATE, CP1_MIDWAY),
            ("CP-1", ItemKind.VISIT, D(2026, 3, 9), SOON, CP1_VISIT),
            ("CP-1", ItemKind.CORE_GROUP, D(2026, 3, 9), SOON, CP1_CORE_GROUP),
            ("LAC-1", ItemKind.LAC_REVIEW, D(2026, 3, 26), UP, LAC1_REVIEW),
        ],
    ),
    (
        Role.SOCIAL_WORKER,
        "SW-2",
        'Eve Smith, "Jr"',
        [
            ("CP-3", ItemKind.MIDWAY_REVIEW, D(2026, 3, 13), UP, CP3_MIDWAY),
            ("CP-3", ItemKind.VISIT, D(2026, 3, 13), UP, CP3_VISIT),
            ("CP-2", ItemKind.ICPC, D(2026, 3, 16), UP, CP2_ICPC),
        ],
    ),
]


def person(id: str, role: str, name: str) -> midway.Person:
    return midway.Person(id, role, name=name)  # type: ignore[arg-type]


def small_cases() -> list[midway.Case]:
    cp1 = midway.Case(case_id="CP-1", child_id="C-1", kind="CP")
    cp1.people = [person("SW-1", "social_worker", "Ann Lee"), person("CH-1", "chair", "Bob Roe"), person("CPA-1", "cpa", "Cy Poe")]
    cp1.record(midway.InitialConference(date=D(2025, 9, 1)), id="icpc")
    cp1.record(midway.ReviewConference(date=D(2025, 11, 28)), id="r1")
    cp1.record(midway.CoreGroup(date=D(2026, 1, 26)), id="cg")
    cp1.record(midway.Visit(date=D(2026, 2, 23)), id="v")

    cp2 = midway.Case(case_id="CP-2", child_id="C-2", kind="CP")
    cp2.people = [person("SW-2", "social_worker", 'Eve Smith, "Jr"')]
    cp2.record(midway.StrategyDiscussion(date=D(2026, 2, 23), s47_started=True), id="sd")

    cp3 = midway.Case(case_id="CP-3", child_id="C-3", kind="CP")
    cp3.people = [person("CH-1", "chair", "Bob Roe"), person("SW-2", "social_worker", 'Eve Smith, "Jr"')]
    cp3.record(midway.InitialConference(date=D(2025, 10, 1)), id="icpc")
    cp3.record(midway.ReviewConference(date=D(2025, 12, 19)), id="r1")
    cp3.record(midway.CoreGroup(date=D(2026, 2, 20)), id="cg")
    cp3.record(midway.Visit(date=D(2026, 2, 27)), id="v")

    lac1 = midway.Case(case_id="LAC-1", child_id="C-4", kind="LAC")
    lac1.people = [person("SW-1", "social_worker", "Ann Lee"), person("IRO-1", "iro", "Di Fay")]
    lac1.record(midway.StartedLookedAfter(date=D(2025, 6, 2)), id="s1")
    lac1.record(midway.PlacementStart(date=D(2025, 6, 2)), id="p1")
    lac1.record(midway.LacReview(date=D(2025, 6, 27)), id="r1")
    lac1.record(midway.LacReview(date=D(2025, 9, 26)), id="r2")
    lac1.record(midway.Visit(date=D(2026, 2, 20)), id="v")

    lac2 = midway.Case(case_id="LAC-2", child_id="C-5", kind="LAC")
    lac2.record(midway.StartedLookedAfter(date=D(2026, 2, 16)), id="s1")
    return [cp1, cp2, cp3, lac1, lac2]


@pytest.fixture
def caseload() -> midway.Caseload:
    return midway.Caseload(small_cases())


@pytest.fixture
def wl(caseload: midway.Caseload) -> midway.Worklist:
    return midway.worklist(caseload, as_of=AS_OF)


def entries(w: midway.Worklist) -> list[tuple[Role, str | None, str, list[Entry]]]:
    return [
        (g.role, g.person_id, g.name, [(e.case_id, e.item.kind, e.item.due, e.item.status, e.item.explanation) for e in g.entries])  # type: ignore[misc]
        for g in w.groups
    ]


# ---- grouping, sorting, what is listed ----


def test_groups_by_role_and_person_sorted_by_due_date(wl: midway.Worklist) -> None:
    assert wl.as_of == AS_OF
    assert entries(wl) == EXPECTED
    for g in wl.groups:
        dues = [e.item.due for e in g.entries]
        assert all(d is not None for d in dues)
        assert dues == sorted(dues)  # type: ignore[type-var]
        for e in g.entries:
            assert e.child_id == CHILD[e.case_id]
            assert e.kind is (midway.CaseKind.CP if e.case_id.startswith("CP") else midway.CaseKind.LAC)
    assert wl.problems == []


def test_entries_are_the_schedule_items(caseload: midway.Caseload, wl: midway.Worklist) -> None:
    by_id = {c.case_id: c for c in caseload.cases}
    for g in wl.groups:
        for e in g.entries:
            items = midway.schedule(by_id[e.case_id], as_of=AS_OF).items
            assert any(
                (i.kind, i.due, i.status, i.explanation, i.from_events)
                == (e.item.kind, e.item.due, e.item.status, e.item.explanation, e.item.from_events)
                for i in items
            ), e.item.explanation


def test_cpa_group_only_where_a_cpa_is_recorded(wl: midway.Worklist) -> None:
    cpa = [g for g in wl.groups if g.role is Role.CPA]
    assert len(cpa) == 1 and cpa[0].person_id == "CPA-1"
    assert {e.case_id for e in cpa[0].entries} == {"CP-1"}


def test_horizon_limits_upcoming_items_only(caseload: midway.Caseload) -> None:
    def has_lac1_review(w: midway.Worklist) -> bool:
        return any(e.case_id == "LAC-1" and e.item.kind is ItemKind.LAC_REVIEW for g in w.groups for e in g.entries)

    # LAC-1's review is due Thu 26 Mar, 24 days after Mon 2 Mar.
    assert has_lac1_review(midway.worklist(caseload, as_of=AS_OF, horizon_days=24))
    assert not has_lac1_review(midway.worklist(caseload, as_of=AS_OF, horizon_days=23))
    # Horizon 0: only overdue and due-soon items: IRO-1 LAC-1 midway; CH-1 CP-1 midway; CPA-1 CP-1
    # midway; unassigned SW LAC-2 visit; SW-1 LAC-1 midway, CP-1 midway, visit and core group.
    now = midway.worklist(caseload, as_of=AS_OF, horizon_days=0)
    listed = [e for g in now.groups for e in g.entries]
    assert len(listed) == 8
    assert len(now.groups) == 5
    assert all(e.item.status in (LATE, SOON) for e in listed)


def test_done_not_required_and_not_applicable_items_are_not_listed() -> None:
    c = midway.Case(case_id="CP-7", child_id="C-7", kind="CP")
    c.people = [person("SW-1", "social_worker", "Ann Lee")]
    c.record(midway.InitialConference(date=D(2025, 9, 1)), id="icpc")
    c.record(midway.ReviewConference(date=D(2025, 11, 28)), id="r1")
    c.record(midway.MidwayReview(date=D(2026, 2, 20)), id="m1")  # held: done
    c.record(midway.CoreGroup(date=D(2026, 2, 27)), id="cg")  # next Fri 10 Apr: beyond the horizon
    c.record(midway.Visit(date=D(2026, 2, 27)), id="v")  # next Fri 13 Mar: upcoming, listed
    ended = midway.Case(case_id="CP-8", child_id="C-8", kind="CP")
    ended.record(midway.InitialConference(date=D(2025, 9, 1)), id="icpc")
    ended.record(midway.PlanEnded(date=D(2026, 1, 5)), id="end")
    skipped = midway.Case(case_id="CP-9", child_id="C-9", kind="CP")
    skipped.people = [person("CH-9", "chair", "Chair Nine")]
    skipped.record(midway.InitialConference(date=D(2025, 9, 1)), id="icpc")
    skipped.record(midway.ReviewConference(date=D(2025, 11, 28)), id="r1")
    skipped.record(midway.MidwayReview(date=D(2026, 1, 5), outcome="not_required", decided_by="chair", reason="fine"), id="m1")
    w = midway.worklist(midway.Caseload([c, ended, skipped]), as_of=AS_OF)
    sw1 = [g for g in w.groups if g.person_id == "SW-1"]
    assert len(sw1) == 1
    assert [(e.case_id, e.item.kind, e.item.due, e.item.status) for e in sw1[0].entries] == [
        ("CP-7", ItemKind.VISIT, D(2026, 3, 13), UP)
    ]
    listed = [(g.role, g.person_id, e.case_id, e.item.kind) for g in w.groups for e in g.entries]
    # CP-8's plan ended: nothing. CP-9's midway review was not required, and its RCPC (Thu 28 May)
    # is beyond the horizon: nothing for its Chair. Only CP-9's visit and core group, never made
    # since the ICPC, are listed (overdue) for its unassigned social worker.
    assert all(case != "CP-8" for _, _, case, _ in listed)
    assert all(kind is not ItemKind.MIDWAY_REVIEW for _, _, _, kind in listed)
    assert all(pid != "CH-9" for _, pid, _, _ in listed)
    assert sorted((role.name, pid, case, kind.name) for role, pid, case, kind in listed if case == "CP-9") == [
        ("SOCIAL_WORKER", None, "CP-9", "CORE_GROUP"), ("SOCIAL_WORKER", None, "CP-9", "VISIT")
    ]


def test_empty_caseload() -> None:
    w = midway.worklist(midway.Caseload(), as_of=AS_OF)
    assert w.groups == [] and w.problems == []
    assert w.to_csv() == "group_role,person_id,person_name,case_id,child_id,case_kind,item,due,status,explanation\r\n"
    assert "Nothing overdue or due soon." in w.to_table()
    assert json.loads(w.to_json())["groups"] == []


def test_a_case_that_cannot_be_scheduled_is_listed_as_a_problem(caseload: midway.Caseload, wl: midway.Worklist) -> None:
    bad = midway.Case(case_id="CP-5", child_id="C-6", kind="CP")
    bad.record(midway.InitialConference(date=D(2025, 9, 1)), id="icpc")
    # A midway date after the next RCPC's due date (28 Nov + 6 months = Thu 28 May 2026).
    bad.record(midway.ReviewConference(date=D(2025, 11, 28), midway_date=D(2026, 6, 1)), id="r1")
    cases = list(caseload.cases)
    cases.insert(1, bad)
    w = midway.worklist(midway.Caseload(cases), as_of=AS_OF)
    assert entries(w) == EXPECTED  # the other cases are listed as before
    (p,) = w.problems
    assert (p.case_id, p.code, p.field) == ("CP-5", "rule_violation", "events['r1'].midway_date")
    assert p.message
    assert "CP-5" in w.to_table()
    last_row = w.to_csv().rstrip("\r\n").split("\r\n")[-1]
    assert last_row.startswith(",,,CP-5,,,,,error,")
    assert "events['r1'].midway_date" in last_row
    doc = json.loads(w.to_json())
    assert doc["problems"] == [{"case_id": "CP-5", "code": "rule_violation", "field": "events['r1'].midway_date", "message": p.message}]
    assert json.loads(wl.to_json())["problems"] == []


def test_policy_and_calendar_are_used(caseload: midway.Caseload) -> None:
    # With a closure on Mon 9 Mar, CP-1's visit (23 Feb + 10 wd) moves to Tue 10 Mar, and the
    # due-soon window from Mon 2 Mar (3, 4, 5, 6, then 10 Mar) still takes it in.
    closed = midway.Calendar("england-and-wales", closures=[D(2026, 3, 9)])
    w = midway.worklist(caseload, as_of=AS_OF, calendar=closed)
    sw1 = next(g for g in w.groups if g.person_id == "SW-1")
    visit = next(e for e in sw1.entries if e.item.kind is ItemKind.VISIT)
    assert (visit.item.due, visit.item.status) == (D(2026, 3, 10), SOON)
    # Under a policy with 4-weekly core groups CP-1's (26 Jan + 4 weeks = Mon 23 Feb) is overdue.
    w = midway.worklist(caseload, as_of=AS_OF, policy=midway.Policy.england(core_group_interval=(4, "weeks")))
    sw1 = next(g for g in w.groups if g.person_id == "SW-1")
    cg = next(e for e in sw1.entries if e.item.kind is ItemKind.CORE_GROUP)
    assert (cg.item.due, cg.item.status) == (D(2026, 2, 23), LATE)


# ---- renderings ----


def test_csv(wl: midway.Worklist) -> None:
    text = wl.to_csv()
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["group_role", "person_id", "person_name", "case_id", "child_id", "case_kind", "item", "due", "status", "explanation"]
    expected_rows = [
        [role.name.lower(), pid or "", name, case, CHILD[case], "CP" if case.startswith("CP") else "LAC", kind.name.lower(), due.isoformat(),
         status.name.lower(), why]
        for role, pid, name, group in EXPECTED
        for case, kind, due, status, why in group
    ]
    assert rows[1:] == expected_rows
    # The LAC midway explanation has a comma; SW-2's name has a comma and quotes: quoted, quotes doubled.
    assert f'"{LAC1_MIDWAY}"' in text
    assert '"Eve Smith, ""Jr"""' in text


def test_json(wl: midway.Worklist) -> None:
    doc = json.loads(wl.to_json())
    assert (doc["schema"], doc["version"], doc["as_of"]) == ("midway.worklist", 1, "2026-03-02")
    got = [
        (g["role"], g["person_id"], g["name"], [(e["case_id"], e["child_id"], e["case_kind"], e["item"], e["due"], e["status"], e["explanation"])
                                               for e in g["entries"]])
        for g in doc["groups"]
    ]
    want = [
        (role.name.lower(), pid, name, [(case, CHILD[case], "CP" if case.startswith("CP") else "LAC", kind.name.lower(), due.isoformat(),
                                         status.name.lower(), why) for case, kind, due, status, why in group])
        for role, pid, name, group in EXPECTED
    ]
    assert got == want
    assert json.loads(wl.to_json(indent=-1)) == doc


def test_table_has_the_group_headers_in_order(wl: midway.Worklist) -> None:
    t = wl.to_table()
    assert t.startswith("Worklist as of 2026-03-02\n")
    headers = [
        "\nIRO (unassigned)\n",
        "\nIRO IRO-1 (Di Fay)\n",
        "\nChair (unassigned)\n",
        "\nChair CH-1 (Bob Roe)\n",
        "\nCPA CPA-1 (Cy Poe)\n",
        "\nSocial worker (unassigned)\n",
        "\nSocial worker SW-1 (Ann Lee)\n",
        '\nSocial worker SW-2 (Eve Smith, "Jr")\n',
    ]
    positions = [t.find(h) for h in headers]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert "due soon" in t and "overdue" in t and "upcoming" in t
    assert CP1_VISIT in t and LAC1_MIDWAY in t


def test_no_personal_details_in_any_rendering(caseload: midway.Caseload, wl: midway.Worklist) -> None:
    named = [midway.Case.from_json(json.dumps({**json.loads(c.to_json()), "personal": {"name": "Zed Child", "date_of_birth": "2014-07-09"}}))
             for c in caseload.cases]
    assert "Zed Child" in named[0].to_json()
    w = midway.worklist(midway.Caseload(named), as_of=AS_OF)
    assert entries(w) == entries(wl)
    for text in (w.to_table(), w.to_csv(), w.to_json()):
        assert "Zed" not in text and "2014-07-09" not in text


# ---- the sample caseload (examples/README.md, "What the worklist shows") ----

SAMPLE_AS_OF = D(2026, 11, 22)
# group -> (rows, overdue, due soon, upcoming), from the table in examples/README.md.
SAMPLE_GROUPS: dict[tuple[str, str | None], tuple[int, int, int, int]] = {
    ("iro", None): (1, 0, 1, 0),
    ("iro", "IRO-1"): (5, 1, 1, 3),
    ("iro", "IRO-2"): (4, 2, 1, 1),
    ("iro", "IRO-3"): (4, 0, 1, 3),
    ("chair", "CH-1"): (5, 1, 0, 4),
    ("chair", "CH-2"): (4, 0, 1, 3),  # + CP-021's transfer-in conference, notified, due 2026-11-30 (issue 16)
    ("chair", "CH-3"): (3, 2, 0, 1),
    ("cpa", "CPA-1"): (1, 0, 1, 0),
    ("cpa", "CPA-2"): (3, 1, 0, 2),
    ("social_worker", "SW-01"): (10, 1, 1, 8),  # + CP-021's transfer-in conference
    ("social_worker", "SW-02"): (11, 3, 2, 6),
    ("social_worker", "SW-03"): (13, 2, 1, 10),
    ("social_worker", "SW-04"): (4, 0, 0, 4),
    ("social_worker", "SW-05"): (8, 2, 3, 3),
    ("social_worker", "SW-06"): (9, 2, 1, 6),
    ("social_worker", "SW-07"): (8, 1, 1, 6),
    ("social_worker", "SW-08"): (3, 0, 0, 3),
}


@pytest.fixture(scope="module")
def sample() -> midway.Worklist:
    return midway.worklist(midway.load_caseload(SAMPLE), as_of=SAMPLE_AS_OF)


def test_sample_caseload_loads_and_round_trips_byte_for_byte() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    cl = midway.Caseload.from_json(text)
    assert len(cl) == 41
    assert Counter(c.kind for c in cl.cases) == {midway.CaseKind.CP: 21, midway.CaseKind.LAC: 20}
    assert len({c.child_id for c in cl.cases}) == 40
    # examples/README.md: "Loading the file and writing it back ... reproduces it byte for byte".
    assert cl.to_json() == text


def test_sample_worklist_groups_and_counts(sample: midway.Worklist) -> None:
    assert sample.problems == []
    counts = {
        (g.role.name.lower(), g.person_id): (
            len(g.entries),
            sum(e.item.status is LATE for e in g.entries),
            sum(e.item.status is SOON for e in g.entries),
            sum(e.item.status is UP for e in g.entries),
        )
        for g in sample.groups
    }
    assert counts == SAMPLE_GROUPS
    assert list(counts) == list(SAMPLE_GROUPS)  # iro, chair, cpa, social worker; unassigned first, then by id
    rows = [e for g in sample.groups for e in g.entries]
    assert len(rows) == 96
    # Counted once per item: 66 items from 36 cases; 11 overdue, 9 due soon, 46 upcoming.
    items = {(e.case_id, e.item.kind): e.item.status for e in rows}
    assert len(items) == 66
    assert len({case for case, _ in items}) == 36
    assert Counter(items.values()) == {LATE: 11, SOON: 9, UP: 46}
    for g in sample.groups:
        dues = [e.item.due for e in g.entries]
        assert dues == sorted(dues)  # type: ignore[type-var]
        for e in g.entries:
            assert e.item.due is not None and e.item.due <= D(2026, 12, 20)  # 28-day horizon


def test_sample_worklist_cases(sample: midway.Worklist) -> None:
    listed: dict[str, set[tuple[str | None, ItemKind, dt.date | None, ItemStatus]]] = {}
    for g in sample.groups:
        for e in g.entries:
            listed.setdefault(e.case_id, set()).add((g.person_id if g.role is not Role.SOCIAL_WORKER else "sw", e.item.kind,
                                                    e.item.due, e.item.status))
    # CP-002: first RCPC Tue 1 Sep + 84 days = Tue 24 Nov, due soon, for the Chair, the CPA and the SW.
    assert {(p, d, s) for p, k, d, s in listed["CP-002"] if k is ItemKind.MIDWAY_REVIEW} == {
        ("CH-2", D(2026, 11, 24), SOON), ("CPA-1", D(2026, 11, 24), SOON), ("sw", D(2026, 11, 24), SOON)
    }
    # CP-012: s.47 strategy discussion Mon 9 Nov + 15 wd = Mon 30 Nov, upcoming.
    icpc = {(p, d, s) for p, k, d, s in listed["CP-012"] if k is ItemKind.ICPC}
    assert {(d, s) for _, d, s in icpc} == {(D(2026, 11, 30), UP)}
    assert "sw" in {p for p, _, _ in icpc} and any(p is not None and p.startswith("CH-") for p, _, _ in icpc)
    # CP-006: a late review re-anchors: RCPC held 2 Jun, next 2 Dec.
    assert any(k is ItemKind.RCPC and d == D(2026, 12, 2) for _, k, d, _ in listed["CP-006"])
    # LAC-005: 19 Mar + 6 months = Sat 19 Sep -> Fri 18 Sep, overdue.
    assert any(k is ItemKind.LAC_REVIEW and d == D(2026, 9, 18) and s is LATE for _, k, d, s in listed["LAC-005"])
    # LAC-014: no IRO: the first review (Fri 30 Oct + 20 wd = Fri 27 Nov) is under "iro (unassigned)".
    unassigned = next(g for g in sample.groups if g.role is Role.IRO and g.person_id is None)
    assert [(e.case_id, e.item.kind, e.item.due, e.item.status) for e in unassigned.entries] == [
        ("LAC-014", ItemKind.LAC_REVIEW, D(2026, 11, 27), SOON)
    ]
    # Ended, ceased or with nothing due within 28 days: nothing listed.
    for case in ("CP-007", "CP-008", "CP-016", "LAC-007", "LAC-020"):
        assert case not in listed, case
    # Midway not required (CP-009, LAC-008) is not listed.
    assert all(k is not ItemKind.MIDWAY_REVIEW for _, k, _, _ in listed["CP-009"] | listed["LAC-008"])


def test_sample_renderings_name_no_child(sample: midway.Worklist) -> None:
    # Three cases carry obviously fake names in `personal`; no rendering may print them.
    for text in (sample.to_table(), sample.to_csv(), sample.to_json()):
        for name in ("Child A", "Baby B", "Child C"):
            assert name not in text


# ---- python -m midway worklist ----


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    # Bytes, decoded without newline translation: the CSV rendering ends its rows with CRLF.
    raw = subprocess.run([sys.executable, "-m", "midway", *args], capture_output=True, cwd=ROOT, env=env, timeout=120, check=False)
    return subprocess.CompletedProcess(raw.args, raw.returncode, raw.stdout.decode("utf-8"), raw.stderr.decode("utf-8"))


def test_cli_worklist_table(sample: midway.Worklist) -> None:
    result = run_cli("worklist", "examples/caseload.json", "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith("Worklist as of 2026-11-22\n")
    assert "\nIRO (unassigned)\n" in out
    assert "LAC review due 2026-11-27: 20 working days after the start of care of 2026-10-30" in out
    assert "Midway review due 2026-11-24: 84 days after the RCPC of 2026-09-01" in out
    assert "CP-007" not in out
    assert out.rstrip("\n") == sample.to_table().rstrip("\n")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_worklist_formats(fmt: str, sample: midway.Worklist) -> None:
    result = run_cli("worklist", "examples/caseload.json", "--as-of", "2026-11-22", "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "csv":
        assert result.stdout == sample.to_csv()
        assert len(list(csv.reader(io.StringIO(result.stdout, newline="")))) == 97  # header + 96 rows
    else:
        doc: dict[str, Any] = json.loads(result.stdout)
        assert doc == json.loads(sample.to_json())
        assert sum(len(g["entries"]) for g in doc["groups"]) == 96


def test_cli_worklist_errors(tmp_path: Path) -> None:
    bad_date = run_cli("worklist", "examples/caseload.json", "--as-of", "2026-11-31")
    assert bad_date.returncode == 2  # an option's value: a usage error
    assert bad_date.stderr == "midway worklist: --as-of: 2026-11 has no day 31\nsee `midway worklist --help`\n"
    missing = run_cli("worklist", str(tmp_path / "missing.json"), "--as-of", "2026-11-22")
    assert missing.returncode == 3  # input that cannot be read
    assert missing.stderr.startswith("midway: error [not_found]")
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "midway.caseload", "version": 1, "cases": [{"case_id": "CP-1", "child_id": "C-1", "kind": "CIN"}]}',
                      encoding="utf-8")
    bad_kind = run_cli("worklist", str(broken), "--as-of", "2026-11-22")
    assert bad_kind.returncode == 3
    assert bad_kind.stderr.startswith("midway: error [unknown_code]")
    assert "$.cases[0].kind" in bad_kind.stderr and "CP-1" in bad_kind.stderr
    usage = run_cli("worklist", "examples/caseload.json", "--as-of", "2026-11-22", "--format", "xml")
    assert usage.returncode == 2
    assert "--format" in usage.stderr
