"""The bad-input catalogue (issue 15), Python side; its twin is tests/cpp/test_bad_input.cpp.

Each test asserts the error class (or finding), the field path and record id, and that no
personal value (name, date of birth) is in the message.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import midway

ROOT = Path(__file__).resolve().parents[2]
CASELOAD = ROOT / "examples" / "caseload.json"
AS_OF = dt.date(2026, 11, 22)


def caseload_text(member: str = "", events: str = "", personal: str = "") -> str:
    """A caseload with one CP case; `member` is spliced into the case before its case_id."""
    case = (member + ", " if member else "") + '"case_id": "CP-1", "child_id": "C-1", "kind": "CP"'
    if personal:
        case += ', "personal": ' + personal
    case += ', "events": [' + events + "]"
    return '{"schema": "midway.caseload", "version": 1, "cases": [{' + case + "}]}"


CHILD_EVENTS = (
    '{"type": "strategy_discussion", "date": "2026-01-05", "s47_started": true},'
    '{"type": "initial_conference", "date": "2026-01-23"}'
)


def a_case() -> midway.Case:
    case = midway.Case(case_id="CP-1", child_id="C-1", kind=midway.CaseKind.CP)
    case.record(midway.StrategyDiscussion(date=dt.date(2026, 1, 5), s47_started=True))
    case.record(midway.InitialConference(date=dt.date(2026, 1, 23)))
    return case


# ---- JSON nesting --------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [65, 5_000, 100_000])
def test_deep_nesting_is_a_parse_error_naming_path_and_case(depth: int) -> None:
    text = caseload_text('"deep": ' + "[" * depth + "]" * depth)
    with pytest.raises(midway.ParseError) as info:
        midway.Caseload.from_json(text)
    assert info.value.field is not None and info.value.field.startswith("$.cases[0].deep[0][0]")
    assert info.value.record_id == "CP-1"
    assert "64 levels" in info.value.message


def test_nesting_up_to_the_limit_is_read_and_extra_converts() -> None:
    cl = midway.Caseload.from_json(caseload_text('"deep": ' + "[" * 61 + "]" * 61))
    value: Any = cl.cases[0].extra["deep"]
    for _ in range(60):
        value = value[0]
    assert value == []


def test_case_extra_nested_too_deep_from_python_is_typed() -> None:
    case = a_case()
    deep: Any = 1
    for _ in range(5_000):
        deep = [deep]
    with pytest.raises(midway.InvalidArgumentError) as info:
        case.extra = {"deep": deep}
    assert info.value.field == "extra['deep']"
    shallow: Any = 1
    for _ in range(100):
        shallow = {"a": shallow}
    with pytest.raises(midway.InvalidArgumentError) as info:
        case.extra = {"deep": shallow}
    assert info.value.field == "extra['deep']"
    assert case.extra == {}  # nothing half-applied


def test_every_json_reader_has_the_limit() -> None:
    with pytest.raises(midway.ParseError) as info:
        midway.Policy.from_json('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert info.value.field is not None and info.value.field.startswith("$.x[0]")
    with pytest.raises(midway.ParseError) as info:
        midway.Calendar.from_govuk_json_text('{"scotland": ' + "[" * 1000 + "]" * 1000 + "}", "scotland")
    assert info.value.field is not None and info.value.field.startswith("$.scotland")


# ---- duplicate member names ------------------------------------------------------------------


def test_duplicate_member_names_are_refused() -> None:
    text = caseload_text('"kind": "LAC"')
    with pytest.raises(midway.ParseError) as info:
        midway.Caseload.from_json(text)
    assert info.value.field == "$.cases[0].kind"
    assert info.value.record_id == "CP-1"
    assert "'kind' appears twice" in info.value.message


# ---- personal data ---------------------------------------------------------------------------


@pytest.mark.parametrize("dob", ["09/07/2014", "2014-02-30", "2014-13-01"])
def test_the_date_of_birth_is_never_echoed(dob: str) -> None:
    text = caseload_text(personal=json.dumps({"name": "Secret Name", "date_of_birth": dob}))
    with pytest.raises(midway.Error) as info:
        midway.Caseload.from_json(text)
    assert info.value.field == "$.cases[0].personal.date_of_birth"
    assert info.value.record_id == "CP-1"
    assert "the date of birth is not a valid date" in str(info.value)
    assert dob not in str(info.value) and "2014" not in str(info.value)
    assert "Secret Name" not in str(info.value)


def test_python_command_line_keeps_the_date_of_birth_out(tmp_path: Path) -> None:
    path = tmp_path / "caseload.json"
    path.write_text(caseload_text(personal='{"name": "Secret Name", "date_of_birth": "2014-02-30"}'), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "midway", "worklist", str(path), "--as-of", "2026-11-22"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        timeout=60,
        check=False,
    )
    assert result.returncode == 3
    assert "the date of birth is not a valid date" in result.stderr
    assert "2014" not in result.stderr and "Secret Name" not in result.stderr + result.stdout


# ---- plausibility ----------------------------------------------------------------------------


def test_an_event_before_the_date_of_birth() -> None:
    text = caseload_text(events=CHILD_EVENTS, personal='{"name": "N", "date_of_birth": "2026-01-10"}')
    with pytest.raises(midway.RuleViolationError) as info:
        midway.Caseload.from_json(text)
    assert info.value.field == "$.cases[0].events[0].date"
    assert info.value.record_id == "CP-1"
    assert "2026-01-10" not in str(info.value)


def test_a_date_of_birth_in_1899_and_one_more_than_25_years_before_an_event() -> None:
    with pytest.raises(midway.OutOfRangeError) as old:
        midway.Caseload.from_json(caseload_text(events=CHILD_EVENTS, personal='{"name": "N", "date_of_birth": "1899-05-01"}'))
    assert old.value.field == "$.cases[0].personal.date_of_birth" and old.value.record_id == "CP-1"
    assert "1899" not in str(old.value)
    with pytest.raises(midway.RuleViolationError) as far:
        midway.Caseload.from_json(caseload_text(events=CHILD_EVENTS, personal='{"name": "N", "date_of_birth": "2000-01-04"}'))
    assert far.value.field == "$.cases[0].personal.date_of_birth" and far.value.record_id == "CP-1"
    assert "2000" not in str(far.value)


def test_the_sample_caseload_is_plausible() -> None:
    assert len(midway.Caseload.from_json(CASELOAD.read_text(encoding="utf-8")).cases) == 41


# ---- the argument checker --------------------------------------------------------------------

CASE = a_case()


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: midway.schedule(None, as_of=AS_OF), midway.InvalidArgumentError, "case"),  # type: ignore[arg-type]
        (lambda: midway.schedule(CASE, as_of="2026-02-01"), midway.InvalidArgumentError, "as_of"),  # type: ignore[arg-type]
        (lambda: midway.schedule(CASE, as_of=dt.datetime(2026, 2, 1, 10)), midway.InvalidArgumentError, "as_of"),
        (lambda: midway.schedule(CASE, as_of=AS_OF, policy="england"), midway.InvalidArgumentError, "policy"),  # type: ignore[arg-type]
        (lambda: midway.drift(CASE, as_of=None), midway.InvalidArgumentError, "as_of"),  # type: ignore[arg-type]
        (lambda: midway.add_months(AS_OF, 10**30), midway.OutOfRangeError, "n"),
        (lambda: midway.add_months(dt.datetime(2026, 1, 5, 10), 1), midway.InvalidArgumentError, "date"),
        (lambda: midway.Caseload.from_json(None), midway.InvalidArgumentError, "text"),  # type: ignore[arg-type]
        (lambda: midway.Case.from_json(b"{}"), midway.InvalidArgumentError, "text"),  # type: ignore[arg-type]
        (lambda: midway.propose_cpa_checklist(CASE, "CK", on=None), midway.InvalidArgumentError, "on"),  # type: ignore[arg-type]
        (lambda: midway.synthetic_caseload(-1), midway.OutOfRangeError, "n_cases"),
        (lambda: midway.synthetic_caseload(10**30), midway.OutOfRangeError, "n_cases"),
        (lambda: midway.Calendar().add_working_days(dt.datetime(2026, 1, 5, 10), 5), midway.InvalidArgumentError, "date"),
        (lambda: midway.worklist(None, as_of=AS_OF), midway.InvalidArgumentError, "caseload"),  # type: ignore[arg-type]
        (lambda: midway.drift_report(midway.Caseload(), as_of="x"), midway.InvalidArgumentError, "as_of"),  # type: ignore[arg-type]
    ],
)
def test_arguments_give_typed_errors_naming_them(call: Any, error: type[midway.Error], field: str) -> None:
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, midway.Error) and isinstance(info.value, ValueError)
    assert info.value.field == field


def test_a_latin1_child_id_is_a_finding_not_a_unicode_error(tmp_path: Path) -> None:
    # One rule (docs/interop.md): UTF-8 unless an encoding is given; a byte that is not is read as
    # U+FFFD, with a warning naming the line and byte offset. Never a UnicodeDecodeError.
    (tmp_path / "episodes.csv").write_bytes(b"CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\n10\xe9,01/02/2024,S,C2,N1,U1,,\n")
    r = midway.import_ssda903(tmp_path)
    [f] = [f for f in r.findings if "not UTF-8" in f.reason]
    assert f.kind == midway.FindingKind.WARNING and "byte offset" in f.reason
    assert [c.child_id for c in r.cases.cases] == ["10\ufffd"]
    assert [c.child_id for c in midway.import_ssda903(tmp_path, encoding="latin-1").cases.cases] == ["10\u00e9"]


# ---- SSDA903 and CIN -------------------------------------------------------------------------


def test_ssda903_plausibility_findings() -> None:
    r = midway.import_ssda903_csv(
        header="CHILD,DOB\n101,09/07/2014\n",
        episodes="CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\n101,01/02/2014,S,C2,N1,U1,,\n",
        reviews="CHILD,REVIEW,REVIEW_CODE,DOB\n101,01/02/2024,PN1,31/02/2014\n",
    )
    by_field = {f.field: f for f in r.findings if f.child_id == "101"}
    assert by_field["DECOM"].kind == midway.FindingKind.WARNING
    assert by_field["DOB"].file == "reviews.csv"
    for f in r.findings:
        assert "09/07/2014" not in f.reason and "31/02/2014" not in f.reason
    empty = midway.import_ssda903_csv(episodes="")
    assert [f.reason for f in empty.findings] == ["episodes.csv is empty: it has no header row and no rows"]


def test_xml_entities_and_foreign_namespaces_are_refused() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">'
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Message><Children><Child><ChildIdentifiers>'
        "<LAchildID>&lol2;</LAchildID></ChildIdentifiers></Child></Children></Message>"
    )
    r = midway.import_cin_census_xml(laughs)
    assert len(r.cases.cases) == 0 and r.count("rejected") == 1 and "DOCTYPE" in r.findings[0].reason
    ns = midway.import_cin_census_xml('<Message xmlns="urn:other"><Children/></Message>')
    assert [f.field for f in ns.findings] == ["xmlns"]
    bad_dob = midway.import_cin_census_xml(
        "<Message><Children><Child><ChildIdentifiers><LAchildID>C7</LAchildID>"
        "<PersonBirthDate>2014-02-30</PersonBirthDate></ChildIdentifiers></Child></Children></Message>"
    )
    [f] = [f for f in bad_dob.findings if f.field == "PersonBirthDate"]
    assert f.child_id == "C7" and "2014" not in f.reason


def test_interop_entry_points_check_their_arguments() -> None:
    # Issue 15: every interop function converts its arguments through the one checker
    # (bindings/python/convert.hpp): a wrong type is midway.InvalidArgumentError naming the
    # argument, never pybind11's TypeError.
    bad: list[tuple[Any, str]] = [
        (lambda: midway.import_ssda903(None), "path"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903(42), "path"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903(".", threads="2"), "threads"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903(".", validator_rules=1), "validator_rules"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903(".", calendar="england"), "calendar"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903(".", encoding=None), "encoding"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903_csv(episodes=b"CHILD\n"), "episodes"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903_xml(None), "text"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903_xml("<EXPSSDA903/>", name=3), "name"),  # type: ignore[arg-type]
        (lambda: midway.import_cin_census(None), "path"),  # type: ignore[arg-type]
        (lambda: midway.import_cin_census_xml(b"<Message/>"), "text"),  # type: ignore[arg-type]
        (lambda: midway.review_timeliness(None, as_of=dt.date(2026, 1, 1)), "caseload"),  # type: ignore[arg-type]
        (lambda: midway.review_timeliness(midway.Caseload([]), as_of="2026-01-01"), "as_of"),  # type: ignore[arg-type]
        (lambda: midway.review_timeliness(midway.Caseload([]), as_of=dt.date(2026, 1, 1), policy="england"), "policy"),  # type: ignore[arg-type]
        (lambda: midway.annex_a_list7(None, as_of=dt.date(2026, 1, 1)), "caseload"),  # type: ignore[arg-type]
        (lambda: midway.annex_a_list8(midway.Caseload([]), as_of=None), "as_of"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903_csv().count_rule(166), "rule"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903_csv().report(max_listed="all"), "max_listed"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903_csv().case(None), "index"),  # type: ignore[arg-type]
    ]
    for call, argument in bad:
        with pytest.raises(midway.InvalidArgumentError) as e:
            call()
        assert e.value.field == argument, argument
        assert isinstance(e.value, midway.Error)
