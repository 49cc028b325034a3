"""The CIN census reader writes columns, with child_case::record's rules of order kept (issue 14).

Each return in tests/data/cin_record_rules breaks one rule that recording the events on a case
would break (src/record_rules.hpp holds the rules once, for record() and for the reader). The
event is left out with a not_recorded finding whose reason is the rule's message, and the
columns the reader wrote agree with the cases built on demand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

import midway

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "cin_record_rules"
PLAN = "CINdetails[1]/ChildProtectionPlans[1]"

# name -> (reason of the one not_recorded finding, its field, Reviews rejected, event ids of the case)
CASES: dict[str, tuple[str, str, int, list[str]]] = {
    "review_before_icpc": (
        f"not recorded on case CP-RR001-1: review_conference '{PLAN}/Reviews[2]' of 2022-09-05 "
        "needs an earlier initial or transfer-in conference",
        "CPPreviewDate",
        1,
        ["CINdetails[1]/Section47[1]", f"{PLAN}:icpc", f"{PLAN}/Reviews[1]"],
    ),
    "review_after_end": (
        f"not recorded on case CP-RR002-1: review_conference '{PLAN}/Reviews[1]' of 2022-11-24 "
        "is after the CP plan ended on 2022-09-01 (record it as a correction if it is one)",
        "CPPreviewDate",
        1,
        [f"{PLAN}:icpc", f"{PLAN}/Reviews[2]"],
    ),
    "end_before_review": (
        f"not recorded on case CP-RR003-1: plan_ended '{PLAN}:end' of 2022-10-03 ends the plan before "
        f"the review_conference '{PLAN}/Reviews[2]' of 2022-11-14",
        "CPPendDate",
        0,
        [f"{PLAN}:icpc", f"{PLAN}/Reviews[1]", f"{PLAN}/Reviews[2]"],
    ),
    "icpc_before_s47": (
        "not recorded on case CP-RR004-1: initial_conference 'CINdetails[1]/Section47[1]:icpc' of 2022-10-14 "
        "ends the plan before the s47_enquiry 'CINdetails[1]/Section47[1]' of 2022-10-20",
        "DateOfInitialCPC",
        0,
        ["CINdetails[1]/Section47[1]"],
    ),
}
CHILD = {"review_before_icpc": "RR001", "review_after_end": "RR002", "end_before_review": "RR003", "icpc_before_s47": "RR004"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_rule_is_a_finding_with_the_rules_message(name: str) -> None:
    reason, field, reviews_rejected, ids = CASES[name]
    r = midway.import_cin_census(DATA / f"{name}.xml")
    left_out = [f for f in r.findings if f.check == "not_recorded"]
    assert [f.reason for f in left_out] == [reason]
    assert left_out[0].kind == midway.FindingKind.REJECTED
    assert left_out[0].field == field
    assert left_out[0].child_id == CHILD[name]
    assert {t.table: t.rejected for t in r.tables}["Reviews"] == reviews_rejected
    assert r.case_count() == 1
    assert [e.id for e in r.case(0).history] == ids


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_columns_are_the_cases_built_on_demand(name: str) -> None:
    r = midway.import_cin_census(DATA / f"{name}.xml")
    for as_of in (dt.date(2022, 10, 1), dt.date(2023, 3, 31)):
        direct = midway.evaluate(r, as_of=as_of)
        via_cases = midway.evaluate(r.to_caseload(), as_of=as_of)
        assert direct.keys() == via_cases.keys()
        for k in direct:
            assert [str(x) for x in np.asarray(direct[k])] == [str(x) for x in np.asarray(via_cases[k])], k


def test_the_messages_are_those_of_record() -> None:
    case = midway.Case(case_id="CP-RR003-1", child_id="RR003", kind="CP")
    case.record(midway.InitialConference(date=dt.date(2022, 6, 6), plan_started=True), id=f"{PLAN}:icpc")
    case.record(midway.ReviewConference(date=dt.date(2022, 11, 14)), id=f"{PLAN}/Reviews[2]")
    with pytest.raises(midway.RuleViolationError) as e:
        case.record(midway.PlanEnded(date=dt.date(2022, 10, 3)), id=f"{PLAN}:end")
    reason = CASES["end_before_review"][0]
    assert reason == f"not recorded on case CP-RR003-1: {e.value.message}"


def test_the_extra_members_are_kept() -> None:
    c = midway.import_cin_census(DATA / "review_before_icpc.xml").case(0)
    assert c.extra == {
        "source": "cin_census",
        "initial_category_of_abuse": "NEG",
        "latest_category_of_abuse": "EMO",
        "number_of_previous_cpp": "1",
        "initial_cpc_target": "2022-09-15",
    }
    s47_only = midway.import_cin_census(DATA / "icpc_before_s47.xml").case(0)
    assert s47_only.extra == {"source": "cin_census", "initial_cpc_target": "2022-11-10"}
