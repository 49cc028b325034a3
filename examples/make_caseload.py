#!/usr/bin/env python3
"""Write examples/caseload.json: a fully synthetic sample caseload for midway.

41 cases (21 child protection, 20 looked after; one child has both) as of the
reference date 2026-11-22, a Sunday. Nobody in it is real: practitioner names are
plainly made up, children are ids ("C-1001") and two have a clearly fake name
("Child A") only to show the optional "personal" member.

Each case is a short spec below (the dates that decide what the worklist shows); the
routine history around those dates (visits, core groups, supervision, direct work,
views, plan updates, recommendations) is filled in by a seeded random.Random, so the
output is the same on every run and on every machine. No wall clock is read.

The JSON is written exactly as midway writes it (member order, defaults spelt out,
extension members after the known ones, sorted), so `load` then `write` reproduces
the file byte for byte.

Usage: python3 examples/make_caseload.py [--output PATH]
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Final

AS_OF: Final = date(2026, 11, 22)  # the reference date: a Sunday
SEED: Final = 20261122
OUTPUT: Final = Path(__file__).resolve().parent / "caseload.json"

# England and Wales bank holidays 2024-2027 (GOV.UK; 2026-12-28 is the Boxing Day substitute).
BANK_HOLIDAYS: Final = frozenset(
    date.fromisoformat(d)
    for d in (
        "2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26 "
        "2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26 "
        "2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28 "
        "2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28"
    ).split()
)

Json = dict[str, object]
Day = date  # for dataclasses whose field named "date" hides the type


def d(text: str) -> date:
    return date.fromisoformat(text)


# ---- working days (England and Wales; "N working days after X": X is day 0) ------------------
def is_working(day: date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def next_working(day: date) -> date:
    while not is_working(day):
        day += timedelta(days=1)
    return day


def add_wd(day: date, n: int) -> date:
    step = timedelta(days=1 if n >= 0 else -1)
    for _ in range(abs(n)):
        day += step
        while not is_working(day):
            day += step
    return day


def wd_between(a: date, b: date) -> int:
    """Working days in (a, b]."""
    return sum(1 for k in range(1, (b - a).days + 1) if is_working(a + timedelta(days=k)))


# ---- the JSON model (midway.caseload, version 1) ----------------------------------------------
# Every event type with its fields in midway's order and their defaults (include/midway/events.hpp).
EVENT_FIELDS: Final[dict[str, Json]] = {
    "strategy_discussion": {"s47_started": False},
    "s47_enquiry": {},
    "initial_conference": {"pre_birth": False, "plan_started": True},
    "review_conference": {"plan_continues": True, "midway_date": None},
    "transfer_in_conference": {"notified": None},
    "started_looked_after": {"legal_status": ""},
    "placement_start": {"long_term": False, "placed_with_parent": False, "temporary_approval": False},
    "lac_review": {"midway_date": None},
    "visit": {"seen": True, "seen_alone": False},
    "core_group": {"agencies": []},
    "midway_review": {"outcome": "held", "decided_by": None, "reason": ""},
    "plan_updated": {},
    "management_oversight": {},
    "direct_work": {"tool": "", "with_family": False},
    "child_views_recorded": {},
    "parents_views_recorded": {},
    "missing_episode": {"returned": None},
    "cse_concern": {},
    "legal_planning_meeting": {},
    "safe_person_identified": {"mentor_referral": False},
    "contingency_plan_recorded": {},
    "escalation_to_tm": {"reason": "", "raised_by": "", "team_manager": ""},
    "plan_ended": {"reason": "no_longer_at_risk"},
    "ceased_looked_after": {"reason": ""},
    "birth": {},
    "transfer_in_notified": {"from_la": ""},
}
CP_ONLY: Final = frozenset(
    {"strategy_discussion", "s47_enquiry", "initial_conference", "review_conference", "transfer_in_conference",
     "core_group", "plan_ended", "birth", "transfer_in_notified"}
)
LAC_ONLY: Final = frozenset({"started_looked_after", "placement_start", "lac_review", "ceased_looked_after"})


def jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


@dataclass
class Event:
    type: str
    date: date
    fields: Json
    extra: Json
    seq: int

    def ends(self) -> bool:
        return (
            self.type in ("plan_ended", "ceased_looked_after")
            or (self.type == "review_conference" and self.fields["plan_continues"] is False)
            or (self.type == "initial_conference" and self.fields["plan_started"] is False)
        )


@dataclass
class Recommendation:
    text: str
    owner: str
    made_on: date | None
    due: date | None
    status: str = "open"
    done_on: date | None = None
    urgent: bool = False


@dataclass
class Case:
    case_id: str
    child_id: str
    kind: str  # "CP" or "LAC"
    opened: date | None
    partial_history: bool = False
    personal: tuple[str, date | None] | None = None
    people: list[Json] = field(default_factory=list)
    plan: list[Recommendation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    extra: Json = field(default_factory=dict)

    def add(self, type_: str, when: date, extra: Json | None = None, **values: object) -> None:
        self.put(type_, when, values, extra)

    def put(self, type_: str, when: date, values: Json, extra: Json | None = None) -> None:
        defaults = EVENT_FIELDS[type_]
        unknown = set(values) - set(defaults)
        if unknown:
            raise ValueError(f"{self.case_id}: {type_} has no field {sorted(unknown)}")
        self.events.append(Event(type_, when, {k: values.get(k, v) for k, v in defaults.items()}, extra or {},
                                 len(self.events)))

    def history(self) -> list[Event]:
        return sorted(self.events, key=lambda e: (e.date, e.seq))

    def end(self) -> date | None:
        return min((e.date for e in self.events if e.ends()), default=None)

    def to_json(self) -> Json:
        out: Json = {"case_id": self.case_id, "child_id": self.child_id, "kind": self.kind}
        if self.opened is not None:
            out["opened"] = self.opened.isoformat()
        if self.partial_history:
            out["partial_history"] = True
        if self.personal is not None:
            out["personal"] = {"name": self.personal[0], "date_of_birth": jsonable(self.personal[1])}
        out["people"] = self.people
        out["plan"] = [
            {"id": f"R{i}", "text": r.text, "owner": r.owner, "made_on": jsonable(r.made_on), "due": jsonable(r.due),
             "status": r.status, "done_on": jsonable(r.done_on), "urgent": r.urgent}
            for i, r in enumerate(self.plan, start=1)
        ]
        events: list[object] = []
        for i, e in enumerate(self.history(), start=1):
            ev: Json = {"id": f"e{i}", "type": e.type, "date": e.date.isoformat()}
            ev.update({k: jsonable(v) for k, v in e.fields.items()})
            ev.update(sorted(e.extra.items()))
            events.append(ev)
        out["events"] = events
        out.update(sorted(self.extra.items()))
        return out

    def check(self) -> None:
        """The rules midway applies on load (child_case::record), plus: nothing after AS_OF."""
        def fail(why: str) -> None:
            raise ValueError(f"{self.case_id}: {why}")

        end = self.end()
        started = False
        first_review = True
        for e in self.history():
            if e.type in (CP_ONLY if self.kind == "LAC" else LAC_ONLY):
                fail(f"{e.type} on a {self.kind} case")
            if self.opened is not None and e.date < self.opened:
                fail(f"{e.type} of {e.date} before the case opened")
            if e.date > AS_OF:
                fail(f"{e.type} of {e.date} after the reference date")
            if end is not None and e.date > end:
                fail(f"{e.type} of {e.date} after the end on {end}")
            if e.type in ("initial_conference", "transfer_in_conference", "started_looked_after"):
                started = True
            if e.type in ("review_conference", "lac_review"):
                if not (started or (self.partial_history and first_review)):
                    fail(f"{e.type} of {e.date} without an earlier start")
                first_review = False
                midway_date = e.fields["midway_date"]
                if isinstance(midway_date, date) and midway_date <= e.date:
                    fail(f"midway date {midway_date} not after the review of {e.date}")
            if e.type == "midway_review" and e.fields["outcome"] == "not_required":
                if e.fields["decided_by"] != ("iro" if self.kind == "LAC" else "chair") or not e.fields["reason"]:
                    fail("a midway review not required needs the IRO/Chair and a reason")
        for r in self.plan:
            for when in (r.made_on, r.done_on):
                if when is not None and (when > AS_OF or (end is not None and when > end)):
                    fail(f"recommendation date {when} out of range")


# ---- people (fictional, plainly synthetic names) ------------------------------------------------
NAMES: Final = {
    "SW-01": "Alex Example", "SW-02": "Jordan Sample", "SW-03": "Casey Placeholder", "SW-04": "Riley Fictional",
    "SW-05": "Morgan Demo", "SW-06": "Jamie Testcase", "SW-07": "Quinn Synthetic", "SW-08": "Taylor Madeup",
    "IRO-1": "Harper Notreal", "IRO-2": "Rowan Invented", "IRO-3": "Sky Imaginary",
    "CH-1": "Frankie Pretend", "CH-2": "Devon Fabricated", "CH-3": "Ellis Dummy",
    "CPA-1": "Charlie Mockup", "CPA-2": "Reese Specimen",
    "TM-1": "Sasha Exemplar", "TM-2": "Drew Prototype", "TM-3": "Avery Standin",
}
ROLES: Final = {"SW": "social_worker", "IRO": "iro", "CH": "chair", "CPA": "cpa", "TM": "team_manager"}
TEAMS: Final = {"SW-01": "North", "SW-02": "North", "SW-03": "South", "SW-04": "South",
                "SW-05": "Children in Care", "SW-06": "Children in Care", "SW-07": "Children in Care",
                "SW-08": "Children in Care"}


def person(pid: str) -> Json:
    out: Json = {"id": pid, "role": ROLES[pid.split("-")[0]], "name": NAMES[pid]}
    if pid in TEAMS:
        out["x_team"] = TEAMS[pid]  # an extension member a case system might add
    return out


# ---- specs --------------------------------------------------------------------------------------
@dataclass
class Midway:
    """What happened to the midway review of the interval after a review."""
    date: date
    outcome: str = "held"
    reason: str = ""


@dataclass
class Review:
    date: date
    midway: Midway | None = None
    midway_date: Day | None = None  # set at the review, written on the Chair's Report
    plan_continues: bool = True      # CP only


@dataclass
class Placement:
    date: date
    long_term: bool = False
    placed_with_parent: bool = False
    temporary_approval: bool = False


@dataclass
class Common:
    case_id: str
    child_id: str
    opened: date
    sw: str
    tm: str
    age: str  # "unborn", "baby", "child", "teen": who can be seen alone, which tools fit
    last_visit: date | None
    unseen_after: tuple[date, ...] = ()  # visits where the child was not seen, after the last seen one
    drop_visit_near: date | None = None  # leave out the visit nearest this date: a past gap over policy
    extra_events: tuple[tuple[str, date, Json], ...] = ()
    personal: tuple[str, date | None] | None = None
    extra: Json = field(default_factory=dict)
    recommendations: int = 4


@dataclass
class CPSpec(Common):
    chair: str = "CH-1"
    cpa: str | None = None
    strategy: date | None = None             # a strategy discussion that started a s.47 enquiry
    icpc: date | None = None
    pre_birth: bool = False
    transfer: tuple[date, date] | None = None  # (notified, conference)
    transfer_pending: tuple[date, str] | None = None  # (notified, from LA): a transfer-in conference not yet held
    partial_start: Review | None = None       # an imported history that starts at this RCPC
    reviews: tuple[Review, ...] = ()
    last_core_group: date | None = None
    plan_ended: tuple[date, str] | None = None
    contingency: bool = False


@dataclass
class LACSpec(Common):
    iro: str | None = "IRO-1"
    started: date = AS_OF
    legal_status: str = "C2"
    placements: tuple[Placement, ...] = ()
    reviews: tuple[Review, ...] = ()
    visit_segments: tuple[tuple[date, int, int], ...] = ()  # (until, min gap, max gap) in days; default 6-weekly
    ceased: tuple[date, str] | None = None


def esc(text: str) -> Json:
    return {"reason": text}


CP_SPECS: Final = (
    CPSpec("CP-001", "C-1001", d("2026-02-16"), "SW-01", "TM-1", "child", d("2026-11-18"), chair="CH-1", cpa="CPA-1",
           strategy=d("2026-02-17"), icpc=d("2026-03-10"),
           reviews=(Review(d("2026-06-09"), Midway(d("2026-09-01"))),), last_core_group=d("2026-11-03"),
           personal=("Child C", d("2017-06-01"))),
    CPSpec("CP-002", "C-1002", d("2026-05-11"), "SW-01", "TM-1", "child", d("2026-11-16"), chair="CH-2", cpa="CPA-1",
           strategy=d("2026-05-12"), icpc=d("2026-06-02"),
           reviews=(Review(d("2026-09-01")),), last_core_group=d("2026-10-27")),
    CPSpec("CP-003", "C-1003", d("2025-10-20"), "SW-02", "TM-1", "teen", d("2026-11-17"), chair="CH-1", cpa="CPA-2",
           strategy=d("2025-10-21"), icpc=d("2025-11-11"),
           reviews=(Review(d("2026-02-11"), Midway(d("2026-05-06"))), Review(d("2026-08-11"))),
           last_core_group=d("2026-09-29"), contingency=True,
           extra_events=(("escalation_to_tm", d("2026-11-13"),
                          {**esc("CPA: core group not held since 29 September and midway review not held"),
                           "raised_by": "CPA-2", "team_manager": "TM-1"}),
                         ("direct_work", d("2026-09-03"), {"tool": "Safety House", "with_family": True}))),
    CPSpec("CP-004", "C-1004", d("2026-03-30"), "SW-02", "TM-1", "child", d("2026-10-26"),
           unseen_after=(d("2026-11-04"), d("2026-11-12")), chair="CH-2", cpa="CPA-1",
           strategy=d("2026-03-31"), icpc=d("2026-04-21"),
           reviews=(Review(d("2026-07-21"), Midway(d("2026-10-13"))),), last_core_group=d("2026-11-10"),
           extra_events=(("escalation_to_tm", d("2026-11-13"),
                          esc("Child not seen since 26 October: two no-access visits")),)),
    CPSpec("CP-005", "C-1005", d("2026-06-22"), "SW-03", "TM-2", "child", d("2026-11-19"), chair="CH-3", cpa="CPA-2",
           strategy=d("2026-06-23"), icpc=d("2026-07-14"), last_core_group=d("2026-11-05"),
           extra_events=(("escalation_to_tm", d("2026-10-20"), esc("First review conference not yet booked")),)),
    CPSpec("CP-006", "C-1006", d("2025-12-15"), "SW-03", "TM-2", "child", d("2026-11-20"), chair="CH-1", cpa="CPA-1",
           strategy=d("2025-12-16"), icpc=d("2026-01-13"),
           reviews=(Review(d("2026-06-02"), Midway(d("2026-08-27"))),), last_core_group=d("2026-10-20"),
           drop_visit_near=d("2026-02-20")),
    CPSpec("CP-007", "C-1007", d("2025-08-26"), "SW-04", "TM-2", "child", d("2026-09-14"), chair="CH-2", cpa="CPA-2",
           strategy=d("2025-08-27"), icpc=d("2025-09-16"),
           reviews=(Review(d("2025-12-16"), Midway(d("2026-03-10"))), Review(d("2026-06-16"), Midway(d("2026-09-08")))),
           last_core_group=d("2026-09-01"), plan_ended=(d("2026-09-18"), "moved_to_another_la")),
    CPSpec("CP-008", "C-1008", d("2025-09-15"), "SW-04", "TM-2", "child", d("2026-10-02"), chair="CH-3",
           strategy=d("2025-09-16"), icpc=d("2025-10-07"),
           reviews=(Review(d("2026-01-07"), Midway(d("2026-04-01"))), Review(d("2026-07-07"), Midway(d("2026-09-29"))),
                    Review(d("2026-10-06"), plan_continues=False)),
           last_core_group=d("2026-09-22")),
    CPSpec("CP-009", "C-1009", d("2025-09-29"), "SW-01", "TM-1", "child", d("2026-11-17"), chair="CH-2",
           strategy=d("2025-09-30"), icpc=d("2025-10-21"),
           reviews=(Review(d("2026-01-20"), Midway(d("2026-04-14"))),
                    Review(d("2026-07-14"), Midway(d("2026-09-29"), "not_required",
                                                   "Plan progressing well and the core group is working; "
                                                   "no issues in implementing the CP plan"))),
           last_core_group=d("2026-11-12")),
    CPSpec("CP-010", "C-1010", d("2026-06-19"), "SW-02", "TM-1", "teen", d("2026-11-20"), chair="CH-3", cpa="CPA-2",
           strategy=d("2026-06-22"), icpc=d("2026-07-13"),
           reviews=(Review(d("2026-10-13"), midway_date=d("2026-12-15")),), last_core_group=d("2026-11-10")),
    CPSpec("CP-011", "C-1011", d("2026-09-21"), "SW-03", "TM-2", "unborn", d("2026-11-18"), chair="CH-1", cpa="CPA-1",
           strategy=d("2026-09-29"), icpc=d("2026-10-20"), pre_birth=True, last_core_group=d("2026-11-02"),
           personal=("Baby B", d("2026-11-09")), recommendations=3,
           extra_events=(("birth", d("2026-11-09"), {}),)),
    CPSpec("CP-012", "C-1012", d("2026-11-04"), "SW-04", "TM-2", "teen", None, chair="CH-2", cpa="CPA-2",
           strategy=d("2026-11-09"), recommendations=1,
           extra_events=(("missing_episode", d("2026-11-04"), {"returned": d("2026-11-05")}),
                         ("strategy_discussion", d("2026-11-06"), {"s47_started": False}),
                         ("visit", d("2026-11-10"), {"seen_alone": True}),
                         ("child_views_recorded", d("2026-11-12"), {}))),
    CPSpec("CP-013", "C-1013", d("2026-10-16"), "SW-01", "TM-1", "teen", None, chair="CH-3",
           strategy=d("2026-10-19"), recommendations=1,
           extra_events=(("cse_concern", d("2026-10-16"), {}),
                         ("visit", d("2026-10-21"), {"seen_alone": True}),
                         ("escalation_to_tm", d("2026-11-12"), esc("ICPC not yet convened: no Chair available")))),
    CPSpec("CP-014", "C-1014", d("2026-08-17"), "SW-02", "TM-1", "child", d("2026-11-19"), chair="CH-1", cpa="CPA-1",
           transfer=(d("2026-08-17"), d("2026-09-01")), last_core_group=d("2026-11-03"),
           extra={"lcs_ref": "LCS-000114"}),
    CPSpec("CP-015", "C-1015", d("2026-06-03"), "SW-03", "TM-2", "child", d("2026-11-16"), chair="CH-2", cpa="CPA-2",
           partial_start=Review(d("2026-06-03"), Midway(d("2026-08-26"))), last_core_group=d("2026-10-29"),
           extra={"lcs_ref": "LCS-000115"}),
    CPSpec("CP-016", "C-1016", d("2026-02-02"), "SW-04", "TM-2", "child", d("2026-06-12"), chair="CH-3", cpa="CPA-1",
           strategy=d("2026-02-03"), icpc=d("2026-02-24"), reviews=(Review(d("2026-05-21")),),
           last_core_group=d("2026-06-09"), plan_ended=(d("2026-06-15"), "became_looked_after"),
           extra_events=(("legal_planning_meeting", d("2026-05-28"), {}),)),
    CPSpec("CP-017", "C-1017", d("2026-03-23"), "SW-01", "TM-1", "teen", d("2026-11-18"), chair="CH-1", cpa="CPA-2",
           strategy=d("2026-03-24"), icpc=d("2026-04-14"),
           reviews=(Review(d("2026-07-14"), Midway(d("2026-10-07"))),), last_core_group=d("2026-11-17"),
           extra_events=(("cse_concern", d("2026-10-05"), {}),
                         ("strategy_discussion", d("2026-10-06"), {"s47_started": False}),
                         ("safe_person_identified", d("2026-10-20"), {"mentor_referral": True}))),
    CPSpec("CP-018", "C-1018", d("2025-11-10"), "SW-02", "TM-1", "child", d("2026-11-11"), chair="CH-2", cpa="CPA-1",
           strategy=d("2025-11-11"), icpc=d("2025-12-02"),
           reviews=(Review(d("2026-03-02"), Midway(d("2026-05-21"))), Review(d("2026-08-27"), Midway(d("2026-11-19")))),
           last_core_group=d("2026-10-16")),
    CPSpec("CP-019", "C-1019", d("2026-10-09"), "SW-03", "TM-2", "baby", d("2026-11-12"), chair="CH-3",
           strategy=d("2026-10-13"), icpc=d("2026-11-02"), recommendations=3),
    CPSpec("CP-020", "C-1020", d("2024-11-18"), "SW-04", "TM-2", "child", d("2026-11-19"), chair="CH-1", cpa="CPA-2",
           strategy=d("2024-11-19"), icpc=d("2024-12-10"),
           reviews=(Review(d("2025-03-10"), Midway(d("2025-06-02"))), Review(d("2025-09-09"), Midway(d("2025-12-02"))),
                    Review(d("2026-03-09"), Midway(d("2026-06-01"))), Review(d("2026-09-08"))),
           last_core_group=d("2026-10-27"), drop_visit_near=d("2025-07-15"), contingency=True,
           extra_events=(("escalation_to_tm", d("2025-07-28"), esc("Visits missed over the summer: drift")),
                         ("legal_planning_meeting", d("2026-06-16"), {}))),
)

# Issue 16: a transfer-in notified on Mon 9 Nov and not yet held: the conference is due within 15 working
# days, Mon 30 Nov, and is on the Chair's worklist. Built after the LAC cases (its own draws of the random
# stream), listed after the other CP cases.
CP_PENDING_SPECS: Final = (
    CPSpec("CP-021", "C-1041", d("2026-11-09"), "SW-01", "TM-1", "child", None, chair="CH-2", cpa="CPA-1",
           transfer_pending=(d("2026-11-09"), "Northshire"), recommendations=0),
)

LAC_SPECS: Final = (
    LACSpec("LAC-001", "C-1021", d("2024-12-02"), "SW-05", "TM-3", "child", d("2026-10-20"), iro="IRO-1",
            started=d("2024-12-02"), placements=(Placement(d("2024-12-02")), Placement(d("2025-06-16"), long_term=True)),
            reviews=(Review(d("2024-12-20")), Review(d("2025-03-18")), Review(d("2025-09-16"), Midway(d("2025-12-16"))),
                     Review(d("2026-03-12"), Midway(d("2026-06-11"))), Review(d("2026-09-10"))),
            visit_segments=((d("2026-06-23"), 30, 42), (d("2026-10-20"), 50, 85)),
            personal=("Child A", d("2015-03-14")), extra={"lcs_ref": "LCS-000201"}),
    LACSpec("LAC-002", "C-1022", d("2026-10-26"), "SW-05", "TM-3", "child", d("2026-11-12"), iro="IRO-2",
            started=d("2026-10-26"), placements=(Placement(d("2026-10-26"), temporary_approval=True),),
            visit_segments=((d("2026-11-12"), 6, 7),), recommendations=2),
    LACSpec("LAC-003", "C-1023", d("2026-08-24"), "SW-06", "TM-3", "baby", d("2026-10-22"), iro="IRO-3",
            started=d("2026-08-24"), placements=(Placement(d("2026-08-24"), placed_with_parent=True),),
            reviews=(Review(d("2026-09-17")),), visit_segments=((d("2026-09-16"), 6, 7), (d("2026-10-22"), 30, 40)),
            recommendations=3),
    LACSpec("LAC-004", "C-1024", d("2026-02-09"), "SW-06", "TM-3", "teen", d("2026-09-29"),
            unseen_after=(d("2026-11-05"),), iro="IRO-1", started=d("2026-02-09"), legal_status="V2",
            placements=(Placement(d("2026-02-09")), Placement(d("2026-05-11"))),
            reviews=(Review(d("2026-03-05")), Review(d("2026-06-04"), Midway(d("2026-09-08")))),
            extra_events=(("missing_episode", d("2026-10-30"), {"returned": d("2026-10-31")}),
                          ("escalation_to_tm", d("2026-11-16"), esc("Statutory visit overdue; child missing 30 October")))),
    LACSpec("LAC-005", "C-1025", d("2025-12-01"), "SW-07", "TM-3", "child", d("2026-11-03"), iro="IRO-2",
            started=d("2025-12-01"), placements=(Placement(d("2025-12-01")),),
            reviews=(Review(d("2025-12-22")), Review(d("2026-03-19"), Midway(d("2026-06-23")))),
            extra_events=(("escalation_to_tm", d("2026-10-02"), esc("IRO: third review not held, due 18 September")),)),
    LACSpec("LAC-006", "C-1026", d("2025-02-03"), "SW-07", "TM-3", "child", d("2026-11-03"), iro="IRO-3",
            started=d("2025-02-03"), placements=(Placement(d("2025-02-03")),),
            reviews=(Review(d("2025-02-27")), Review(d("2025-05-22")), Review(d("2025-11-20"), Midway(d("2026-02-19"))),
                     Review(d("2026-06-04"), Midway(d("2026-09-08"))))),
    LACSpec("LAC-007", "C-1027", d("2025-06-02"), "SW-08", "TM-3", "child", d("2026-08-10"), iro="IRO-1",
            started=d("2025-06-02"), legal_status="V2", placements=(Placement(d("2025-06-02")),),
            reviews=(Review(d("2025-06-27")), Review(d("2025-09-25"), Midway(d("2025-12-18"))),
                     Review(d("2026-03-24"), Midway(d("2026-06-23")))),
            ceased=(d("2026-08-14"), "E4A")),
    LACSpec("LAC-008", "C-1028", d("2025-04-22"), "SW-08", "TM-3", "child", d("2026-10-28"), iro="IRO-2",
            started=d("2025-04-22"), placements=(Placement(d("2025-04-22")),),
            reviews=(Review(d("2025-05-16")), Review(d("2025-08-07"), Midway(d("2025-11-06"))),
                     Review(d("2026-02-05"), Midway(d("2026-05-07"))),
                     Review(d("2026-08-04"), Midway(d("2026-10-21"), "not_required",
                                                    "Placement stable and every recommendation on track; "
                                                    "no issues in implementing the care plan")))),
    LACSpec("LAC-009", "C-1029", d("2025-12-08"), "SW-05", "TM-3", "child", d("2026-11-05"), iro="IRO-3",
            started=d("2025-12-08"), placements=(Placement(d("2025-12-08")),),
            reviews=(Review(d("2026-01-06")), Review(d("2026-03-31"), Midway(d("2026-07-01"))),
                     Review(d("2026-09-22"), midway_date=d("2026-12-08")))),
    LACSpec("LAC-010", "C-1030", d("2024-11-18"), "SW-06", "TM-3", "child", d("2026-09-10"), iro="IRO-1",
            started=d("2024-11-18"), placements=(Placement(d("2024-11-18")), Placement(d("2025-03-03"), long_term=True)),
            reviews=(Review(d("2024-12-12")), Review(d("2025-03-11"), Midway(d("2025-06-10"))),
                     Review(d("2025-09-09"), Midway(d("2025-12-09"))), Review(d("2026-03-05"), Midway(d("2026-06-04"))),
                     Review(d("2026-09-03"))),
            visit_segments=((d("2026-03-10"), 30, 42), (d("2026-09-10"), 75, 88))),
    LACSpec("LAC-011", "C-1031", d("2025-09-01"), "SW-07", "TM-3", "child", d("2026-11-10"), iro="IRO-2",
            started=d("2025-09-01"), placements=(Placement(d("2025-09-01")),),
            reviews=(Review(d("2025-09-26")), Review(d("2025-12-17"), Midway(d("2026-03-17"))),
                     Review(d("2026-06-16"), Midway(d("2026-09-15"))))),
    LACSpec("LAC-012", "C-1032", d("2025-06-09"), "SW-08", "TM-3", "teen", d("2026-11-06"), iro="IRO-3",
            started=d("2025-06-09"), legal_status="V2",
            placements=(Placement(d("2025-06-09")), Placement(d("2026-09-14"))),
            reviews=(Review(d("2025-07-04")), Review(d("2025-10-01"), Midway(d("2026-01-07"))),
                     Review(d("2026-03-31"), Midway(d("2026-06-30"))), Review(d("2026-09-29"))),
            extra_events=(("missing_episode", d("2026-08-22"), {"returned": d("2026-08-23")}),
                          ("cse_concern", d("2026-08-26"), {}),
                          ("escalation_to_tm", d("2026-08-27"),
                           esc("Missing episode and CSE concern: multi-agency strategy discussion requested")),
                          ("safe_person_identified", d("2026-09-21"), {"mentor_referral": True}))),
    LACSpec("LAC-013", "C-1033", d("2026-06-01"), "SW-05", "TM-3", "child", d("2026-11-09"), iro="IRO-1",
            started=d("2026-06-01"), placements=(Placement(d("2026-06-01")),), reviews=(Review(d("2026-06-26")),),
            extra_events=(("escalation_to_tm", d("2026-10-06"), esc("IRO: second review not held, due 25 September")),)),
    LACSpec("LAC-014", "C-1034", d("2026-10-30"), "SW-06", "TM-3", "child", d("2026-11-05"), iro=None,
            started=d("2026-10-30"), legal_status="V2", placements=(Placement(d("2026-10-30")),), recommendations=2),
    LACSpec("LAC-015", "C-1035", d("2026-03-02"), "SW-07", "TM-3", "teen", d("2026-10-23"), iro="IRO-2",
            started=d("2026-03-02"), legal_status="V2",
            placements=(Placement(d("2026-03-02")), Placement(d("2026-10-19"))),
            reviews=(Review(d("2026-03-27")), Review(d("2026-06-25"), Midway(d("2026-09-24"))))),
    LACSpec("LAC-016", "C-1016", d("2026-06-15"), "SW-08", "TM-3", "child", d("2026-10-29"), iro="IRO-3",
            started=d("2026-06-15"), legal_status="C1", placements=(Placement(d("2026-06-15")),),
            reviews=(Review(d("2026-07-09")), Review(d("2026-10-08"))), extra={"lcs_ref": "LCS-000216"}),
    LACSpec("LAC-017", "C-1037", d("2025-08-04"), "SW-05", "TM-3", "teen", d("2026-10-15"), iro="IRO-1",
            started=d("2025-08-04"), placements=(Placement(d("2025-08-04")),),
            reviews=(Review(d("2025-08-29")), Review(d("2025-11-26"), Midway(d("2026-02-24"))),
                     Review(d("2026-05-26"), Midway(d("2026-08-25"))))),
    LACSpec("LAC-018", "C-1038", d("2026-03-23"), "SW-06", "TM-3", "child", d("2026-11-13"), iro="IRO-2",
            started=d("2026-03-23"), placements=(Placement(d("2026-03-23")),),
            reviews=(Review(d("2026-04-21")), Review(d("2026-07-21")))),
    LACSpec("LAC-019", "C-1039", d("2026-04-27"), "SW-07", "TM-3", "child", d("2026-11-04"), iro="IRO-3",
            started=d("2026-04-27"), placements=(Placement(d("2026-04-27")),),
            reviews=(Review(d("2026-05-26")), Review(d("2026-08-25")))),
    LACSpec("LAC-020", "C-1040", d("2024-12-05"), "SW-08", "TM-3", "teen", d("2026-11-17"), iro="IRO-1",
            started=d("2024-12-09"), placements=(Placement(d("2024-12-09")), Placement(d("2025-05-19"))),
            reviews=(Review(d("2025-01-07")), Review(d("2025-04-03"), Midway(d("2025-07-03"))),
                     Review(d("2025-10-01"), Midway(d("2025-12-30"))), Review(d("2026-03-26"), Midway(d("2026-06-25"))),
                     Review(d("2026-09-24"))),
            extra_events=(("missing_episode", d("2026-01-17"), {"returned": d("2026-01-18")}),
                          ("safe_person_identified", d("2026-02-10"), {"mentor_referral": True}))),
)

# ---- routine history ----------------------------------------------------------------------------
AGENCIES: Final = ("school", "health visitor", "GP", "school nurse", "CAMHS", "police", "housing",
                   "substance misuse service", "domestic abuse service", "nursery", "midwife", "youth service")
TOOLS: Final = {"child": ("Three Houses", "Words and Pictures", "Safety House", "Wishes and Feelings"),
                "teen": ("Three Houses", "Wishes and Feelings", "Safety House", "Words and Pictures"),
                "baby": ("Words and Pictures",), "unborn": ("Words and Pictures",)}
CP_RECOMMENDATIONS: Final = (
    ("Core group to agree the safety plan with the safety network", "social_worker"),
    ("Parents to engage with the substance misuse service and share test results", "social_worker"),
    ("Referral to the domestic abuse service for the mother", "social_worker"),
    ("Health visitor to complete the developmental review", "social_worker"),
    ("School to report attendance and presentation to each core group", "social_worker"),
    ("Social worker to complete Three Houses with the child before the next conference", "social_worker"),
    ("Family group conference to be arranged", "social_worker"),
    ("Legal gateway meeting to consider the Public Law Outline", "team_manager"),
    ("Contingency plan to be written into the CP plan", "team_manager"),
    ("Chair to review progress with the core group at the midway point", "chair"),
)
LAC_RECOMMENDATIONS: Final = (
    ("Care plan to be updated after the review", "social_worker"),
    ("Review health assessment to be completed", "social_worker"),
    ("Personal education plan to be reviewed with the designated teacher", "social_worker"),
    ("Life story work to begin", "social_worker"),
    ("Family time arrangements to be reviewed with the child", "social_worker"),
    ("Referral for an independent visitor", "social_worker"),
    ("Permanence planning meeting to be held", "team_manager"),
    ("IRO to meet the child before the next review", "iro"),
    ("Return interview to be offered after any missing episode", "social_worker"),
    ("Placement stability meeting to be held", "team_manager"),
)


def spread(rng: random.Random, first: date, last: date, lo: int, hi: int, *, working: bool) -> list[date]:
    """Working days after `first` up to and including `last`, each gap lo..hi (working days if `working`,
    else calendar days snapped to a working day); only the gap after `first` may be shorter."""
    out = [last]
    here = last
    while (wd_between(first, here) if working else (here - first).days) > hi:
        step = rng.randint(lo, hi)
        here = add_wd(here, -step) if working else next_working(here - timedelta(days=step))
        out.append(here)
    return sorted(out)


def some(rng: random.Random, items: Iterable[str], lo: int, hi: int) -> list[str]:
    pool = list(items)
    return sorted(rng.sample(pool, rng.randint(lo, hi)), key=pool.index)


class Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.note = 4000  # ICS case note numbers (an extension member on midway review events)

    def ics_note(self) -> Json:
        self.note += self.rng.randint(3, 90)
        return {"ics_note_id": f"ICS-CN-{self.note:06d}"}

    # -- visits -----------------------------------------------------------------------------------
    def visits(self, c: Case, dates: list[date], spec: Common, *, unseen_p: float = 0.08) -> None:
        if spec.drop_visit_near is not None and len(dates) > 2:
            near = spec.drop_visit_near
            dates = [x for x in dates if x != min(dates[:-1], key=lambda v: abs((v - near).days))]
        previous: date | None = None
        for when in dates:
            if previous is not None and (when - previous).days > 6 and self.rng.random() < unseen_p:
                no_access = next_working(previous + (when - previous) / 2)
                if no_access < when:
                    c.add("visit", no_access, seen=False)  # a no-access visit between two seen ones
            alone = spec.age == "teen" or (spec.age == "child" and self.rng.random() < 0.5)
            c.add("visit", when, seen_alone=alone)
            previous = when
        for when in spec.unseen_after:
            c.add("visit", when, seen=False)

    # -- what every case has around its key dates -------------------------------------------------
    def routine(self, c: Case, spec: Common, start: date, meetings: list[date], until: date) -> None:
        rng = self.rng
        for m in meetings:
            if m <= until:
                c.add("plan_updated", min(add_wd(m, rng.randint(1, 4)), until))
            before = add_wd(m, -rng.randint(2, 6))
            if before >= max(start, spec.opened) and spec.age in ("child", "teen"):
                c.add("child_views_recorded", before)
            if before >= spec.opened and (c.kind == "CP" or rng.random() < 0.6):
                c.add("parents_views_recorded", add_wd(before, rng.randint(0, 1)))
        supervision_from = add_wd(start, rng.randint(5, 15))
        if supervision_from < until:
            for when in spread(rng, supervision_from, add_wd(until, -rng.randint(1, 8)), 21, 35, working=False):
                if start < when <= until:
                    c.add("management_oversight", when)
        tools = TOOLS[spec.age]
        work_from = add_wd(start, rng.randint(10, 20))
        if spec.age not in ("unborn", "baby") and work_from < until:
            for i, when in enumerate(spread(rng, work_from, add_wd(until, -rng.randint(3, 20)), 35, 63, working=False)):
                if start < when <= until:
                    c.add("direct_work", when, tool=tools[i % len(tools)])

    def recommendations(self, c: Case, spec: Common, made: list[date], texts: tuple[tuple[str, str], ...],
                        until: date) -> None:
        rng = self.rng
        ended = c.end() is not None
        for text, owner in rng.sample(list(texts), spec.recommendations):
            made_on = made[-1] if rng.random() < 0.5 else rng.choice(made)  # the latest review's are live
            due = next_working(made_on + timedelta(weeks=rng.choice((2, 4, 6, 8, 12))))
            urgent = rng.random() < 0.25
            if urgent:
                due = add_wd(made_on, 10)
            r = Recommendation(text, owner, made_on, due, urgent=urgent)
            roll = rng.random()
            if roll < (0.7 if ended or due < until else 0.3):
                latest = min(until, due + timedelta(days=14))
                if latest > made_on:
                    r.status = "done"
                    r.done_on = next_working(made_on + timedelta(days=rng.randint(1, (latest - made_on).days)))
                    if r.done_on > latest:
                        r.done_on = made_on
            elif ended or roll > 0.93:
                r.status = "dropped"
            c.plan.append(r)

    # -- child protection -------------------------------------------------------------------------
    def cp_case(self, s: CPSpec) -> Case:
        rng = self.rng
        c = Case(s.case_id, s.child_id, "CP", s.opened, partial_history=s.partial_start is not None,
                 personal=s.personal, extra=dict(s.extra))
        c.people = [person(p) for p in (s.sw, s.chair, s.cpa, s.tm) if p is not None]
        until = s.plan_ended[0] if s.plan_ended else AS_OF
        if s.strategy is not None:
            c.add("strategy_discussion", s.strategy, s47_started=True)
            c.add("s47_enquiry", s.strategy)
            if s.icpc is not None:
                c.add("visit", add_wd(s.strategy, rng.randint(1, 2)), seen_alone=s.age == "teen")  # s.47 visit
        start: date | None = None
        meetings: list[date] = []
        if s.icpc is not None:
            c.add("initial_conference", s.icpc, pre_birth=s.pre_birth)
            start = s.icpc
        elif s.transfer is not None:
            c.add("transfer_in_conference", s.transfer[1], notified=s.transfer[0])
            start = s.transfer[1]
        elif s.transfer_pending is not None:
            c.add("transfer_in_notified", s.transfer_pending[0], from_la=s.transfer_pending[1])
        reviews = ((s.partial_start,) if s.partial_start else ()) + s.reviews
        if start is None and s.partial_start is not None:
            start = s.partial_start.date
        if start is not None and s.partial_start is None:
            meetings.append(start)
        for r in reviews:
            c.add("review_conference", r.date, plan_continues=r.plan_continues, midway_date=r.midway_date)
            meetings.append(r.date)
            if r.midway is not None:
                self.midway(c, r.midway, "chair")
        if start is not None and s.last_visit is not None:
            self.visits(c, spread(rng, start, s.last_visit, 6, 9, working=True), s)
        if start is not None and s.last_core_group is not None:
            first = add_wd(start, rng.randint(6, 10))
            groups = [first] + spread(rng, first, s.last_core_group, 28, 42, working=False)
            for when in groups if (s.last_core_group - first).days >= 28 else [s.last_core_group]:
                c.add("core_group", when, agencies=some(rng, AGENCIES, 3, 6))
        if s.contingency and start is not None:
            c.add("contingency_plan_recorded", add_wd(meetings[-1], rng.randint(5, 15)))
        if s.age in ("child", "teen") and start is not None and (AS_OF - start).days > 120 \
                and not any(e[0] == "safe_person_identified" for e in s.extra_events):
            c.add("safe_person_identified", add_wd(start, rng.randint(15, 40)), mentor_referral=s.age == "teen")
        for type_, when, values in s.extra_events:
            c.put(type_, when, values)
        if s.plan_ended is not None:
            c.add("plan_ended", s.plan_ended[0], reason=s.plan_ended[1])
        if start is not None:
            self.routine(c, s, start, meetings, min(until, c.end() or until))
        made = meetings or [s.strategy or s.opened]
        self.recommendations(c, s, made, CP_RECOMMENDATIONS if start is not None else
                             (("Complete the s.47 enquiry and convene the ICPC", "team_manager"),),
                             min(until, c.end() or until))
        return c

    def midway(self, c: Case, m: Midway, decider: str) -> None:
        if m.outcome == "held":
            c.add("midway_review", m.date, extra=self.ics_note())
        else:
            c.add("midway_review", m.date, outcome="not_required", decided_by=decider, reason=m.reason)

    # -- looked after -----------------------------------------------------------------------------
    def lac_case(self, s: LACSpec) -> Case:
        rng = self.rng
        c = Case(s.case_id, s.child_id, "LAC", s.opened, personal=s.personal, extra=dict(s.extra))
        c.people = [person(p) for p in (s.sw, s.iro, s.tm) if p is not None]
        c.add("started_looked_after", s.started, legal_status=s.legal_status)
        for p in s.placements:
            c.add("placement_start", p.date, long_term=p.long_term, placed_with_parent=p.placed_with_parent,
                  temporary_approval=p.temporary_approval)
        meetings = []
        for r in s.reviews:
            c.add("lac_review", r.date, midway_date=r.midway_date)
            meetings.append(r.date)
            if r.midway is not None:
                self.midway(c, r.midway, "iro")
        until = s.ceased[0] if s.ceased else AS_OF
        # Visits: within a week of each placement, then by the segments given (default 6-weekly).
        visits: list[date] = []
        for i, p in enumerate(s.placements):
            first = add_wd(p.date, rng.randint(1, 3))
            assert (first - p.date).days <= 7, "a visit within a week of the placement"
            if i + 1 < len(s.placements):
                last = add_wd(s.placements[i + 1].date, -rng.randint(2, 6))
                visits += spread(rng, first, last, 28, 40, working=False) if last > first else []
                visits.append(first)
                continue
            assert s.last_visit is not None
            segments = s.visit_segments or ((s.last_visit, 28, 40),)
            here = first
            visits.append(first)
            for until_seg, lo, hi in segments:
                if until_seg > here:
                    visits += spread(rng, here, until_seg, lo, hi, working=False)
                    here = until_seg
        self.visits(c, sorted(set(visits)), s, unseen_p=0.05)
        for type_, when, values in s.extra_events:
            c.put(type_, when, values)
        if s.ceased is not None:
            c.add("ceased_looked_after", s.ceased[0], reason=s.ceased[1])
        self.routine(c, s, s.started, meetings, until)
        self.recommendations(c, s, meetings or [s.started], LAC_RECOMMENDATIONS, until)
        return c


def build(seed: int = SEED) -> Json:
    writer = Writer(random.Random(seed))
    cp = [writer.cp_case(s) for s in CP_SPECS]
    lac = [writer.lac_case(s) for s in LAC_SPECS]
    cases = cp + [writer.cp_case(s) for s in CP_PENDING_SPECS] + lac
    for c in cases:
        c.check()
    return {"schema": "midway.caseload", "version": 1, "cases": [c.to_json() for c in cases]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write (default {OUTPUT})")
    args = parser.parse_args()
    text = json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
    out: Path = args.output
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({text.count(chr(10))} lines)")


if __name__ == "__main__":
    main()
