"""JSON through the binding (docs/json.md): round trips of cases and caseloads, extension members
kept verbatim on the caseload, case, people, recommendations and events, a Hypothesis property
over random valid cases, and every load error with its class, JSON path and case id.
(Mirrors tests/cpp/test_json.cpp.) The json module is the independent reader of what midway writes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import midway

D = dt.date

CASE_HEAD: dict[str, Any] = {"schema": "midway.case", "version": 1}
CP1: dict[str, Any] = {"case_id": "CP-1", "child_id": "C-1", "kind": "CP"}


def caseload_doc(*cases: dict[str, Any], **extra: Any) -> str:
    return json.dumps({"schema": "midway.caseload", "version": 1, "cases": list(cases), **extra})


def case_doc(**members: Any) -> str:
    return json.dumps({**CASE_HEAD, **CP1, **members})


def with_personal(case: midway.Case, name: str, dob: str) -> midway.Case:
    """Personal details come in through JSON only (the binding has no setter for them)."""
    doc = json.loads(case.to_json())
    doc["personal"] = {"name": name, "date_of_birth": dob}
    return midway.Case.from_json(json.dumps(doc))


def rich_cp_case() -> midway.Case:
    """Every CP and either-kind event type with non-default fields, people, a plan, and extension
    members on the case, a person, a recommendation and events; personal details."""
    c = midway.Case(case_id="CP-9", child_id="C-9", kind="CP", opened=D(2026, 12, 1))
    c.people = [
        midway.Person("SW-1", "social_worker", name="Ann Lee", extra={"x_team": "North"}),
        midway.Person("CH-1", "chair", name="Bob Roe"),
        midway.Person("CPA-1", "cpa"),
        midway.Person("TM-1", "team_manager", name="Tia"),
    ]
    c.plan = [
        midway.Recommendation(
            "R1", 'Refer to CAMHS, "urgent"', owner="social_worker", made_on=D(2026, 12, 29), due=D(2027, 1, 29),
            status="done", done_on=D(2027, 1, 27), urgent=True, extra={"x_ics_ref": 12345},
        ),
        midway.Recommendation("R2", owner="chair", status=midway.RecommendationStatus.DROPPED),
    ]
    c.extra = {"x_num": 3.25, "x_int": -42, "x_null": None, "x_str": "plain", "x_bool": True}
    c.record(midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=True), id="sd", extra={"x_src": "ICS"})
    c.record(midway.S47Enquiry(date=D(2026, 12, 7)), id="s47")
    c.record(midway.InitialConference(date=D(2026, 12, 29), pre_birth=True), id="icpc")
    c.record(midway.TransferInConference(date=D(2026, 12, 30), notified=D(2026, 12, 14)), id="tic")
    c.record(midway.CoreGroup(date=D(2027, 1, 13), agencies=["school", "health visitor"]), id="cg")
    c.record(midway.Visit(date=D(2027, 1, 13), seen=False, seen_alone=True), id="v1")
    c.record(midway.ReviewConference(date=D(2027, 3, 25), midway_date=D(2027, 6, 17)), id="r1")
    c.record(midway.PlanUpdated(date=D(2027, 3, 30)), id="pu")
    c.record(midway.ManagementOversight(date=D(2027, 3, 31)), id="mo")
    c.record(midway.DirectWork(date=D(2027, 4, 1), tool="Three Houses"), id="dw")
    c.record(midway.ChildViewsRecorded(date=D(2027, 4, 1)), id="cv")
    c.record(midway.ParentsViewsRecorded(date=D(2027, 4, 2)), id="pv")
    c.record(midway.MissingEpisode(date=D(2027, 4, 5), returned=D(2027, 4, 6)), id="me")
    c.record(midway.CseConcern(date=D(2027, 4, 7)), id="cse")
    c.record(midway.LegalPlanningMeeting(date=D(2027, 4, 8)), id="lpm")
    c.record(midway.SafePersonIdentified(date=D(2027, 4, 9), mentor_referral=True), id="sp")
    c.record(midway.ContingencyPlanRecorded(date=D(2027, 4, 12)), id="cpr")
    c.record(midway.EscalationToTm(date=D(2027, 4, 13), reason='drift: "no core group", escalate'), id="esc")
    c.record(midway.MidwayReview(date=D(2027, 6, 1), outcome="not_required", decided_by="chair", reason="no issues"), id="m1")
    c.record(midway.PlanEnded(date=D(2027, 7, 1), reason="moved_to_another_la"), id="end")
    c.record(midway.Visit(date=D(2027, 7, 8)), id="corr", correction=True, extra={"x_note": "late entry"})
    return with_personal(c, "Jane Doe", "2015-06-01")


def rich_lac_case() -> midway.Case:
    """Every LAC event type, partial history, no opening date."""
    c = midway.Case(case_id="LAC-3", child_id="C-3", kind="LAC", partial_history=True)
    c.people = [midway.Person("IRO-1", "iro", name="Di Fay")]
    c.record(midway.StartedLookedAfter(date=D(2026, 11, 27), legal_status="C2"), id="s1")
    c.record(midway.PlacementStart(date=D(2026, 11, 27), long_term=True, placed_with_parent=True, temporary_approval=True), id="p1")
    c.record(midway.Visit(date=D(2026, 12, 4), seen_alone=True), id="v1")
    c.record(midway.LacReview(date=D(2026, 12, 29), midway_date=D(2027, 2, 10)), id="r1")
    c.record(midway.MidwayReview(date=D(2027, 2, 10), decided_by="iro"), id="m1")
    c.record(midway.CeasedLookedAfter(date=D(2027, 3, 1), reason="E11"), id="end")
    return c


# ---- round trips ----


@pytest.mark.parametrize("make", [rich_cp_case, rich_lac_case], ids=["cp", "lac"])
def test_case_round_trip(make: Callable[[], midway.Case]) -> None:
    original = make()
    text = original.to_json()
    loaded = midway.Case.from_json(text)
    assert loaded == original
    assert [(e.id, e.data, e.correction, e.extra) for e in loaded.history] == [
        (e.id, e.data, e.correction, e.extra) for e in original.history
    ]
    assert loaded.people == original.people
    assert loaded.plan == original.plan
    assert loaded.extra == original.extra
    assert (loaded.case_id, loaded.child_id, loaded.kind, loaded.opened, loaded.partial_history) == (
        original.case_id, original.child_id, original.kind, original.opened, original.partial_history
    )
    # Byte-identical on the second write, compact or indented.
    assert loaded.to_json() == text
    assert loaded.to_json(indent=-1) == original.to_json(indent=-1)
    assert json.loads(original.to_json(indent=-1)) == json.loads(text)


def test_what_is_written_reads_as_expected() -> None:
    doc = json.loads(rich_cp_case().to_json())
    assert (doc["schema"], doc["version"]) == ("midway.case", 1)
    assert (doc["case_id"], doc["child_id"], doc["kind"], doc["opened"]) == ("CP-9", "C-9", "CP", "2026-12-01")
    assert doc["personal"] == {"name": "Jane Doe", "date_of_birth": "2015-06-01"}
    assert doc["people"][0] == {"id": "SW-1", "role": "social_worker", "name": "Ann Lee", "x_team": "North"}
    assert doc["plan"][0]["x_ics_ref"] == 12345
    assert doc["plan"][0]["done_on"] == "2027-01-27"
    assert doc["plan"][1]["status"] == "dropped"
    assert doc["x_num"] == 3.25 and doc["x_null"] is None
    events = doc["events"]
    assert len(events) == 21
    assert [e["id"] for e in events][:3] == ["sd", "s47", "icpc"]
    assert events[0] == {"id": "sd", "type": "strategy_discussion", "date": "2026-12-07", "s47_started": True, "x_src": "ICS"}
    assert events[5] == {"id": "v1", "type": "visit", "date": "2027-01-13", "seen": False, "seen_alone": True}
    assert events[6]["midway_date"] == "2027-06-17"
    assert events[18]["decided_by"] == "chair" and events[18]["outcome"] == "not_required"
    assert events[19]["reason"] == "moved_to_another_la"
    assert "correction" not in events[19]  # written only when true
    assert events[20]["correction"] is True and events[20]["x_note"] == "late entry"
    # Known members first, in a fixed order; extension members after them.
    assert list(doc)[:5] == ["schema", "version", "case_id", "child_id", "kind"]
    assert list(doc)[-5:] == sorted(["x_num", "x_int", "x_null", "x_str", "x_bool"])
    # In date order, whatever order the events were recorded in.
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)


def test_caseload_round_trip() -> None:
    cl = midway.Caseload([rich_cp_case(), rich_lac_case()])
    assert len(cl) == 2
    text = cl.to_json()
    loaded = midway.Caseload.from_json(text)
    assert loaded.cases == cl.cases
    assert loaded.to_json() == text
    doc = json.loads(text)
    assert (doc["schema"], doc["version"]) == ("midway.caseload", 1)
    assert [c["case_id"] for c in doc["cases"]] == ["CP-9", "LAC-3"]
    # Cases inside a caseload carry no schema/version of their own.
    assert "schema" not in doc["cases"][0] and "version" not in doc["cases"][0]
    empty = midway.Caseload.from_json(caseload_doc())
    assert len(empty) == 0 and empty.cases == ()
    assert len(midway.Caseload()) == 0


def test_caseload_extension_members_are_kept() -> None:
    text = caseload_doc(CP1, x_la="Anytown", x_meta={"source": "ICS", "n": [1, 2]}, x_flag=None)
    cl = midway.Caseload.from_json(text)
    assert cl.extra == {"x_la": "Anytown", "x_meta": {"source": "ICS", "n": [1, 2]}, "x_flag": None}
    out = json.loads(cl.to_json())
    assert out["x_la"] == "Anytown"
    assert out["x_meta"] == {"source": "ICS", "n": [1, 2]}
    assert out["x_flag"] is None
    assert midway.Caseload.from_json(cl.to_json()).to_json() == cl.to_json()


def test_load_caseload_from_a_file(tmp_path: Path) -> None:
    cl = midway.Caseload([rich_lac_case()])
    path = tmp_path / "caseload.json"
    path.write_text(cl.to_json(), encoding="utf-8")
    assert midway.load_caseload(path).to_json() == cl.to_json()
    assert midway.load_caseload(str(path)).cases == cl.cases
    with pytest.raises(midway.NotFoundError) as info:
        midway.load_caseload(tmp_path / "missing.json")
    assert info.value.field == "path"
    assert isinstance(info.value, KeyError)


def test_defaults_when_members_are_left_out() -> None:
    c = midway.Case.from_json(
        case_doc(events=[{"type": "strategy_discussion", "date": "2026-12-07"}, {"type": "visit", "date": "2026-12-08"}])
    )
    # Missing ids are numbered by position; other fields take their defaults.
    assert [e.id for e in c.history] == ["e1", "e2"]
    assert c.history[0].data == midway.StrategyDiscussion(date=D(2026, 12, 7), s47_started=False)
    assert c.history[1].data == midway.Visit(date=D(2026, 12, 8), seen=True, seen_alone=False)
    assert c.opened is None and c.partial_history is False
    assert c.people == () and c.plan == () and c.extra == {}
    # Written back with every field spelt out.
    assert json.loads(c.to_json())["events"][1] == {"id": "e2", "type": "visit", "date": "2026-12-08", "seen": True, "seen_alone": False}


def test_the_documented_example_loads_and_round_trips() -> None:
    text = json.dumps(
        {
            "schema": "midway.case",
            "version": 1,
            "case_id": "CP-1",
            "child_id": "C-1",
            "kind": "CP",
            "people": [{"id": "SW-1", "role": "social_worker", "name": "A. Worker", "x_team": "North"}],
            "plan": [{"id": "R1", "text": "Referral to family support", "owner": "social_worker", "made_on": "2026-01-23",
                      "due": "2026-02-20", "status": "open", "done_on": None, "urgent": True}],
            "events": [
                {"id": "e1", "type": "strategy_discussion", "date": "2026-01-05", "s47_started": True},
                {"id": "e2", "type": "initial_conference", "date": "2026-01-23", "pre_birth": False, "plan_started": True},
                {"id": "e3", "type": "visit", "date": "2026-01-30", "seen": True, "seen_alone": False, "ics_note_id": 17},
            ],
            "lcs_ref": "LCS-000123",
        }
    )
    c = midway.Case.from_json(text)
    assert c.extra == {"lcs_ref": "LCS-000123"}
    assert c.people[0].extra == {"x_team": "North"}
    assert c.history[2].extra == {"ics_note_id": 17}
    assert c.plan[0].urgent is True and c.plan[0].made_on == D(2026, 1, 23)
    assert json.loads(c.to_json()) == json.loads(text)  # nothing lost, nothing added


# ---- extension members ----


def test_every_json_type_is_kept_and_written_back() -> None:
    text = case_doc(
        x_obj={"a": [1, 2], "b": {"c": None}},
        x_arr=[1, "two", True, None, {"k": "v"}],
        x_num=3.25,
        x_int=-7,
        x_null=None,
        x_str='a "b", c é',
        x_bool=False,
        people=[{"id": "SW-1", "role": "social_worker", "x_phone": {"ext": 123}}],
        plan=[{"id": "R1", "text": "t", "x_prio": [3]}],
        events=[{"id": "e1", "type": "visit", "date": "2026-12-08", "x_loc": "home", "x_dur": 45.5}],
    )
    c = midway.Case.from_json(text)
    assert c.extra == {
        "x_obj": {"a": [1, 2], "b": {"c": None}},
        "x_arr": [1, "two", True, None, {"k": "v"}],
        "x_num": 3.25,
        "x_int": -7,
        "x_null": None,
        "x_str": 'a "b", c é',
        "x_bool": False,
    }
    assert c.people[0].extra == {"x_phone": {"ext": 123}}
    assert c.plan[0].extra == {"x_prio": [3]}
    assert c.history[0].extra == {"x_loc": "home", "x_dur": 45.5}
    doc_in, doc_out = json.loads(text), json.loads(c.to_json())
    for key in ("x_obj", "x_arr", "x_num", "x_int", "x_null", "x_str", "x_bool"):
        assert doc_out[key] == doc_in[key], key
    assert doc_out["people"][0]["x_phone"] == {"ext": 123}
    assert doc_out["plan"][0]["x_prio"] == [3]
    assert doc_out["events"][0]["x_dur"] == 45.5
    assert midway.Case.from_json(c.to_json()) == c


def test_numbers_may_be_respelt() -> None:
    # docs/json.md: "1e3 is written 1000.0".
    c = midway.Case.from_json('{"schema": "midway.case", "version": 1, "case_id": "CP-1", "child_id": "C-1", "kind": "CP", "x_n": 1e3}')
    assert c.extra == {"x_n": 1000.0}
    assert '"x_n": 1000.0' in c.to_json()


def test_extension_members_set_from_python_are_written() -> None:
    c = midway.Case(case_id="CP-1", child_id="C-1", kind="CP")
    c.extra = {"lcs_ref": "LCS-1", "x_n": 2}
    c.record(midway.Visit(date=D(2026, 12, 8)), id="v", extra={"x_loc": "school"})
    doc = json.loads(c.to_json())
    assert doc["lcs_ref"] == "LCS-1" and doc["x_n"] == 2
    assert doc["events"][0]["x_loc"] == "school"


def test_round_trip_equality_with_structured_extension_values() -> None:
    # docs/json.md: "every member midway does not know ... is kept and written back with its JSON
    # value". A case whose extension values are a list, an object or non-ASCII text, set from
    # Python, must equal itself after a JSON round trip.
    c = midway.Case(case_id="CP-1", child_id="C-1", kind="CP")
    c.extra = {"x_list": [1, "x"], "x_obj": {"b": 1, "a": 2}, "x_text": "Zoë"}
    loaded = midway.Case.from_json(c.to_json())
    assert loaded.extra == c.extra  # the values survive...
    assert loaded == c  # ...and so must equality


@pytest.mark.parametrize(
    ("where", "setup", "path"),
    [
        ("case", lambda c: setattr(c, "extra", {"case_id": "X", "kind": "LAC"}), ("case_id",)),
        (
            "event",
            lambda c: c.record(midway.Visit(date=D(2026, 12, 8)), id="v", extra={"date": "2030-01-01"}),
            ("events", 0, "date"),
        ),
        ("person", lambda c: setattr(c, "people", [midway.Person("P", "iro", extra={"role": "chair"})]), ("people", 0, "role")),
    ],
    ids=["case", "event", "person"],
)
def test_an_extension_member_cannot_overwrite_a_known_member(where: str, setup: Callable[[midway.Case], object], path: tuple[Any, ...]) -> None:
    # Extension members are the members "midway does not know" (docs/json.md). One named like a
    # known member must be refused, or at least must not replace the known value when written:
    # otherwise a case id, an event date (past every rule of Case.record) or a role is silently
    # changed by to_json.
    c = midway.Case(case_id="CP-1", child_id="C-1", kind="CP")
    expected_before = {"case": "CP-1", "event": "2026-12-08", "person": "iro"}[where]
    try:
        setup(c)
    except midway.InvalidArgumentError:
        return  # refused: the known member cannot be replaced
    node: Any = json.loads(c.to_json())
    for key in path:
        node = node[key]
    assert node == expected_before


def test_everything_a_caseload_writes_it_reads() -> None:
    # A Caseload built in Python may hold two cases with the same id, and writes them; the JSON it
    # writes must load (docs/json.md: a duplicate case id is refused on load). Either the
    # constructor refuses it, or the round trip works.
    a = midway.Case(case_id="CP-1", child_id="C-1", kind="CP")
    b = midway.Case(case_id="CP-1", child_id="C-2", kind="CP")
    try:
        cl = midway.Caseload([a, b])
    except midway.InvalidArgumentError:
        return
    assert len(midway.Caseload.from_json(cl.to_json())) == 2


def test_everything_a_case_writes_it_reads() -> None:
    # As above for a plan with two recommendations of the same id, set through Case.plan.
    c = midway.Case(case_id="CP-1", child_id="C-1", kind="CP")
    try:
        c.plan = [midway.Recommendation("R1"), midway.Recommendation("R1", "again")]
    except midway.InvalidArgumentError:
        return
    assert len(midway.Case.from_json(c.to_json()).plan) == 2


# ---- a property: every valid case round-trips ----

DATES = st.dates(min_value=D(2026, 1, 1), max_value=D(2027, 12, 31))
OPT_DATES = st.none() | DATES
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
IDS = st.text(alphabet=st.characters(min_codepoint=0x20, codec="utf-8"), min_size=1, max_size=6)
ROLES = st.sampled_from(list(midway.Role))
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT
)
JSON_VALUES = st.recursive(
    JSON_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=6
)
# Extension member names must not be the name of a known member: "x_" + something.
EXTRA_KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=6).map(lambda s: "x_" + s)


def extras(values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(EXTRA_KEYS, values, max_size=3)


def event_data(kind: midway.CaseKind) -> st.SearchStrategy[Any]:
    either: list[st.SearchStrategy[Any]] = [
        st.builds(midway.StrategyDiscussion, date=DATES, s47_started=st.booleans()),
        st.builds(midway.S47Enquiry, date=DATES),
        st.builds(midway.Visit, date=DATES, seen=st.booleans(), seen_alone=st.booleans()),
        st.builds(
            midway.MidwayReview,
            date=DATES,
            outcome=st.sampled_from(list(midway.MidwayOutcome)),
            decided_by=st.none() | ROLES,
            reason=TEXT,
        ),
        st.builds(midway.PlanUpdated, date=DATES),
        st.builds(midway.ManagementOversight, date=DATES),
        st.builds(midway.DirectWork, date=DATES, tool=TEXT),
        st.builds(midway.ChildViewsRecorded, date=DATES),
        st.builds(midway.ParentsViewsRecorded, date=DATES),
        st.builds(midway.MissingEpisode, date=DATES, returned=OPT_DATES),
        st.builds(midway.CseConcern, date=DATES),
        st.builds(midway.LegalPlanningMeeting, date=DATES),
        st.builds(midway.SafePersonIdentified, date=DATES, mentor_referral=st.booleans()),
        st.builds(midway.ContingencyPlanRecorded, date=DATES),
        st.builds(midway.EscalationToTm, date=DATES, reason=TEXT),
    ]
    if kind is midway.CaseKind.CP:
        own: list[st.SearchStrategy[Any]] = [
            st.builds(midway.InitialConference, date=DATES, pre_birth=st.booleans(), plan_started=st.booleans()),
            st.builds(midway.ReviewConference, date=DATES, plan_continues=st.booleans(), midway_date=OPT_DATES),
            st.builds(midway.TransferInConference, date=DATES, notified=OPT_DATES),
            st.builds(midway.CoreGroup, date=DATES, agencies=st.lists(TEXT, max_size=3)),
            st.builds(midway.PlanEnded, date=DATES, reason=st.sampled_from(list(midway.PlanEndReason))),
        ]
    else:
        own = [
            st.builds(midway.StartedLookedAfter, date=DATES, legal_status=TEXT),
            st.builds(
                midway.PlacementStart, date=DATES, long_term=st.booleans(), placed_with_parent=st.booleans(),
                temporary_approval=st.booleans(),
            ),
            st.builds(midway.LacReview, date=DATES, midway_date=OPT_DATES),
            st.builds(midway.CeasedLookedAfter, date=DATES, reason=TEXT),
        ]
    return st.one_of(*own, *either)


@st.composite
def valid_cases(draw: st.DrawFn, values: st.SearchStrategy[Any] = JSON_VALUES) -> midway.Case:
    """A random case built through Case.record: every event the rules refuse is left out, so the
    case is valid by construction. Each refusal is also checked to leave the case unchanged."""
    kind = draw(st.sampled_from(list(midway.CaseKind)))
    c = midway.Case(
        case_id=draw(IDS), child_id=draw(IDS), kind=kind, opened=draw(OPT_DATES), partial_history=draw(st.booleans())
    )
    c.people = draw(st.lists(st.builds(midway.Person, IDS, ROLES, name=TEXT, extra=extras(values)), max_size=3))
    c.plan = draw(
        st.lists(
            st.builds(
                midway.Recommendation, IDS, TEXT, owner=ROLES, made_on=OPT_DATES, due=OPT_DATES,
                status=st.sampled_from(list(midway.RecommendationStatus)), done_on=OPT_DATES, urgent=st.booleans(),
                extra=extras(values),
            ),
            max_size=3,
            unique_by=lambda r: r.id,
        )
    )
    c.extra = draw(extras(values))
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        data = draw(event_data(kind))
        eid = draw(st.none() | IDS)
        correction = draw(st.booleans())
        extra = draw(extras(values))
        before = c.to_json()
        try:
            c.record(data, id=eid, correction=correction, extra=extra)
        except (midway.RuleViolationError, midway.InvalidArgumentError):
            assert c.to_json() == before  # strong guarantee
    if draw(st.booleans()):
        # A plausible date of birth: before every event (2026-2027), within 25 years of them.
        c = with_personal(c, draw(TEXT), draw(st.dates(min_value=D(2010, 1, 1), max_value=D(2025, 12, 31))).isoformat())
    return c


@given(valid_cases())
def test_every_valid_case_round_trips(c: midway.Case) -> None:
    text = c.to_json()
    loaded = midway.Case.from_json(text)
    assert loaded == c
    assert loaded.to_json() == text
    assert midway.Case.from_json(c.to_json(indent=-1)) == c


@given(valid_cases().map(lambda c: midway.Case.from_json(c.to_json())))
def test_every_valid_case_read_from_json_round_trips(c: midway.Case) -> None:
    # The same property for cases as a case system gives them: read from JSON text.
    text = c.to_json()
    loaded = midway.Case.from_json(text)
    assert loaded == c
    assert loaded.to_json() == text
    assert [(e.id, e.data, e.correction, e.extra) for e in loaded.history] == [(e.id, e.data, e.correction, e.extra) for e in c.history]
    cl = midway.Caseload([c])
    assert midway.Caseload.from_json(cl.to_json()).cases == (c,)


# ---- errors ----


def load_error(call: Callable[[], object], cls: type[midway.Error], field: str, record_id: str | None) -> midway.Error:
    with pytest.raises(midway.Error) as info:
        call()
    e = info.value
    assert type(e) is cls, f"{type(e).__name__}: {e}"
    assert e.field == field
    assert e.record_id == record_id
    where = f"field '{field}'" + ("" if record_id is None else f", record '{record_id}'")
    assert str(e) == f"{e.message} ({where})"
    assert isinstance(e, ValueError)
    return e


@pytest.mark.parametrize("bad", ["{", "", "[1,", '{"case_id": }', "nope", "{} extra"], ids=repr)
def test_malformed_json(bad: str) -> None:
    load_error(lambda: midway.Case.from_json(bad), midway.ParseError, "$", None)
    load_error(lambda: midway.Caseload.from_json(bad), midway.ParseError, "$", None)
    load_error(lambda: midway.Policy.from_json(bad), midway.ParseError, "$", None)


def test_valid_json_that_is_not_an_object() -> None:
    load_error(lambda: midway.Caseload.from_json("[]"), midway.ParseError, "$", None)
    load_error(lambda: midway.Case.from_json("42"), midway.ParseError, "$", None)
    load_error(lambda: midway.Case.from_json('"CP-1"'), midway.ParseError, "$", None)


def test_missing_members() -> None:
    e = load_error(lambda: midway.Caseload.from_json(caseload_doc({"child_id": "C-1", "kind": "CP"})), midway.ParseError,
                   "$.cases[0].case_id", None)
    assert "case_id" in e.message
    load_error(lambda: midway.Case.from_json(json.dumps({**CASE_HEAD, "child_id": "C-1", "kind": "CP"})), midway.ParseError,
               "$.case_id", None)
    # Once the case id is read, errors name it.
    load_error(lambda: midway.Caseload.from_json(caseload_doc({"case_id": "CP-1", "kind": "CP"})), midway.ParseError,
               "$.cases[0].child_id", "CP-1")
    load_error(lambda: midway.Caseload.from_json(caseload_doc({**CP1, "events": [{"id": "x", "date": "2026-12-07"}]})),
               midway.ParseError, "$.cases[0].events[0].type", "CP-1")
    load_error(lambda: midway.Caseload.from_json(caseload_doc({**CP1, "events": [{"id": "x", "type": "visit"}]})),
               midway.ParseError, "$.cases[0].events[0].date", "CP-1")
    load_error(lambda: midway.Caseload.from_json(caseload_doc({**CP1, "people": [{"id": "P"}]})), midway.ParseError,
               "$.cases[0].people[0].role", "CP-1")
    load_error(lambda: midway.Caseload.from_json(json.dumps({"schema": "midway.caseload", "version": 1})), midway.ParseError,
               "$.cases", None)


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ({**CP1, "events": [{"id": "icpc", "type": "initial_conference", "date": "2026-12-29"},
                            {"id": "v1", "type": "visit", "date": "2027-01-13", "seen": "yes"}]}, "$.cases[0].events[1].seen"),
        ({**CP1, "events": {}}, "$.cases[0].events"),
        ({**CP1, "partial_history": 1}, "$.cases[0].partial_history"),
        ({**CP1, "events": [{"type": "core_group", "date": "2026-12-07", "agencies": ["a", 2]}]}, "$.cases[0].events[0].agencies[1]"),
        ({**CP1, "events": [{"type": "visit", "date": 20261207}]}, "$.cases[0].events[0].date"),
        ({**CP1, "events": [{"id": 5, "type": "visit", "date": "2026-12-07"}]}, "$.cases[0].events[0].id"),
        ({**CP1, "people": {}}, "$.cases[0].people"),
        ({**CP1, "plan": [{"id": "R1", "urgent": "no"}]}, "$.cases[0].plan[0].urgent"),
        ({**CP1, "child_id": 7}, "$.cases[0].child_id"),
        ({**CP1, "opened": 2026}, "$.cases[0].opened"),
        ({**CP1, "personal": "Jane"}, "$.cases[0].personal"),
    ],
    ids=["seen", "events", "partial_history", "agencies", "date", "event-id", "people", "urgent", "child_id", "opened", "personal"],
)
def test_wrong_types(case: dict[str, Any], field: str) -> None:
    load_error(lambda: midway.Caseload.from_json(caseload_doc(case)), midway.ParseError, field, "CP-1")


def test_wrong_types_without_a_case_id() -> None:
    load_error(lambda: midway.Caseload.from_json(caseload_doc({"case_id": 7, "child_id": "C-1", "kind": "CP"})), midway.ParseError,
               "$.cases[0].case_id", None)
    load_error(lambda: midway.Caseload.from_json(json.dumps({"schema": "midway.caseload", "version": 1, "cases": {}})),
               midway.ParseError, "$.cases", None)


def test_empty_case_id() -> None:
    load_error(lambda: midway.Caseload.from_json(caseload_doc({"case_id": "", "child_id": "C-1", "kind": "CP"})),
               midway.InvalidArgumentError, "$.cases[0].case_id", None)


@pytest.mark.parametrize(
    ("case", "field", "word"),
    [
        ({**CP1, "kind": "CIN"}, "$.cases[0].kind", "CIN"),
        ({**CP1, "people": [{"id": "P", "role": "boss"}]}, "$.cases[0].people[0].role", "boss"),
        ({**CP1, "plan": [{"id": "R1", "status": "closed"}]}, "$.cases[0].plan[0].status", "closed"),
        ({**CP1, "plan": [{"id": "R1", "owner": "judge"}]}, "$.cases[0].plan[0].owner", "judge"),
        ({**CP1, "events": [{"id": "icpc", "type": "initial_conference", "date": "2026-12-29"},
                            {"id": "end", "type": "plan_ended", "date": "2027-03-01", "reason": "closed"}]},
         "$.cases[0].events[1].reason", "closed"),
        ({**CP1, "events": [{"id": "m", "type": "midway_review", "date": "2027-03-01", "outcome": "skipped"}]},
         "$.cases[0].events[0].outcome", "skipped"),
        ({**CP1, "events": [{"id": "m", "type": "midway_review", "date": "2027-03-01", "decided_by": "judge"}]},
         "$.cases[0].events[0].decided_by", "judge"),
        ({**CP1, "events": [{"id": "x", "type": "home_visit", "date": "2026-12-07"}]}, "$.cases[0].events[0].type", "home_visit"),
    ],
    ids=["kind", "role", "status", "owner", "plan-end-reason", "outcome", "decided_by", "event-type"],
)
def test_unknown_enum_strings(case: dict[str, Any], field: str, word: str) -> None:
    e = load_error(lambda: midway.Caseload.from_json(caseload_doc(case)), midway.UnknownCodeError, field, "CP-1")
    assert isinstance(e, KeyError)
    assert word in e.message


def test_unknown_event_type_lists_the_valid_ones() -> None:
    with pytest.raises(midway.UnknownCodeError) as info:
        midway.Case.from_json(case_doc(events=[{"id": "x", "type": "home_visit", "date": "2026-12-07"}]))
    assert info.value.field == "$.events[0].type"
    assert "strategy_discussion" in info.value.message


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ({**CP1, "events": [{"id": "icpc", "type": "initial_conference", "date": "2026-12-29"},
                            {"id": "v1", "type": "visit", "date": "2027-02-29"}]}, "$.cases[0].events[1].date"),
        ({**CP1, "opened": "01/12/2026"}, "$.cases[0].opened"),
        ({**CP1, "opened": "2026-12-1"}, "$.cases[0].opened"),
        ({**CP1, "events": [{"id": "icpc", "type": "initial_conference", "date": "2026-12-29"},
                            {"id": "r1", "type": "review_conference", "date": "2027-03-25", "midway_date": "2027-13-01"}]},
         "$.cases[0].events[1].midway_date"),
        ({**CP1, "events": [{"id": "t", "type": "transfer_in_conference", "date": "2026-12-29", "notified": "2026-12-32"}]},
         "$.cases[0].events[0].notified"),
        ({**CP1, "plan": [{"id": "R1", "due": "2027-04-31"}]}, "$.cases[0].plan[0].due"),
        ({**CP1, "events": [{"id": "v", "type": "visit", "date": "2026-12-07T10:00:00"}]}, "$.cases[0].events[0].date"),
    ],
    ids=["29-feb-2027", "opened-uk-format", "opened-short", "midway_date", "notified", "plan-due", "datetime"],
)
def test_impossible_dates(case: dict[str, Any], field: str) -> None:
    load_error(lambda: midway.Caseload.from_json(caseload_doc(case)), midway.InvalidDateError, field, "CP-1")


def test_impossible_date_of_birth_is_not_repeated() -> None:
    e = load_error(
        lambda: midway.Caseload.from_json(caseload_doc({**CP1, "personal": {"name": "Jane Doe", "date_of_birth": "2015-02-30"}})),
        midway.InvalidDateError, "$.cases[0].personal.date_of_birth", "CP-1",
    )
    assert "Jane" not in str(e) and "2015" not in str(e)


def test_schema_and_version() -> None:
    def caseload_with(**head: Any) -> Callable[[], object]:
        return lambda: midway.Caseload.from_json(json.dumps({**head, "cases": []}))

    load_error(caseload_with(schema="midway.caseload", version=2), midway.ParseError, "$.version", None)
    load_error(caseload_with(schema="midway.caseload", version=0), midway.ParseError, "$.version", None)
    load_error(caseload_with(schema="midway.caseload", version="1"), midway.ParseError, "$.version", None)
    load_error(caseload_with(schema="midway.case", version=1), midway.ParseError, "$.schema", None)
    load_error(caseload_with(version=1), midway.ParseError, "$", None)  # schema missing
    load_error(caseload_with(schema="midway.caseload"), midway.ParseError, "$", None)  # version missing
    load_error(lambda: midway.Case.from_json(json.dumps({"schema": "midway.caseload", "version": 1, **CP1})), midway.ParseError,
               "$.schema", None)
    load_error(lambda: midway.Case.from_json(json.dumps({"schema": "midway.case", "version": 9, **CP1})), midway.ParseError,
               "$.version", None)


def test_duplicate_ids() -> None:
    load_error(
        lambda: midway.Caseload.from_json(caseload_doc(CP1, {"case_id": "LAC-1", "child_id": "C-1", "kind": "LAC"},
                                                       {"case_id": "CP-1", "child_id": "C-2", "kind": "CP"})),
        midway.InvalidArgumentError, "$.cases[2].case_id", "CP-1",
    )
    load_error(lambda: midway.Caseload.from_json(caseload_doc({**CP1, "plan": [{"id": "R1"}, {"id": "R2"}, {"id": "R1"}]})),
               midway.InvalidArgumentError, "$.cases[0].plan[2].id", "CP-1")
    load_error(
        lambda: midway.Caseload.from_json(caseload_doc({**CP1, "events": [{"id": "v", "type": "visit", "date": "2026-12-07"},
                                                                         {"id": "v", "type": "visit", "date": "2026-12-08"}]})),
        midway.InvalidArgumentError, "$.cases[0].events[1].id", "CP-1",
    )


def test_rule_violations_are_reported_at_the_json_path() -> None:
    events = [
        {"id": "sd", "type": "strategy_discussion", "date": "2026-12-07", "s47_started": True},
        {"id": "icpc", "type": "initial_conference", "date": "2026-12-29"},
        {"id": "r1", "type": "lac_review", "date": "2027-03-25"},
    ]
    load_error(lambda: midway.Caseload.from_json(caseload_doc({**CP1, "events": events})), midway.RuleViolationError,
               "$.cases[0].events[2].type", "CP-1")
    load_error(
        lambda: midway.Case.from_json(case_doc(events=[
            {"id": "icpc", "type": "initial_conference", "date": "2026-12-29"},
            {"id": "r1", "type": "review_conference", "date": "2027-03-25", "midway_date": "2027-03-25"},
        ])),
        midway.RuleViolationError, "$.events[1].midway_date", "CP-1",
    )
    load_error(lambda: midway.Case.from_json(case_doc(opened="2026-12-01", events=[{"type": "visit", "date": "2026-11-30"}])),
               midway.RuleViolationError, "$.events[0].date", "CP-1")
    load_error(
        lambda: midway.Case.from_json(case_doc(events=[
            {"type": "initial_conference", "date": "2026-12-29"},
            {"type": "plan_ended", "date": "2027-03-01"},
            {"type": "visit", "date": "2027-03-02"},
        ])),
        midway.RuleViolationError, "$.events[2].date", "CP-1",
    )
    load_error(
        lambda: midway.Case.from_json(case_doc(events=[
            {"type": "midway_review", "date": "2027-03-02", "outcome": "not_required", "decided_by": "iro", "reason": "x"},
        ])),
        midway.RuleViolationError, "$.events[0].decided_by", "CP-1",
    )
    # A correction after the end is accepted, and written back with "correction": true.
    c = midway.Case.from_json(case_doc(events=[
        {"type": "initial_conference", "date": "2026-12-29"},
        {"type": "plan_ended", "date": "2027-03-01"},
        {"type": "visit", "date": "2027-03-02", "correction": True},
    ]))
    assert c.history[2].correction is True
    assert json.loads(c.to_json())["events"][2]["correction"] is True


def test_a_failed_load_names_no_personal_details() -> None:
    text = caseload_doc({**CP1, "personal": {"name": "Jane Doe", "date_of_birth": "2015-06-01"},
                         "events": [{"id": "r1", "type": "review_conference", "date": "2027-03-25"}]})
    with pytest.raises(midway.RuleViolationError) as info:
        midway.Caseload.from_json(text)
    assert info.value.field == "$.cases[0].events[0].type"
    assert "Jane" not in str(info.value) and "2015-06-01" not in str(info.value)


def test_a_failed_load_returns_nothing() -> None:
    # There is no partial caseload: the first case is fine, the second is not.
    text = caseload_doc(CP1, {"case_id": "CP-2", "child_id": "C-2", "kind": "CP", "events": [{"type": "visit", "date": "2026-13-01"}]})
    with pytest.raises(midway.InvalidDateError) as info:
        midway.Caseload.from_json(text)
    assert info.value.field == "$.cases[1].events[0].date"
    assert info.value.record_id == "CP-2"
