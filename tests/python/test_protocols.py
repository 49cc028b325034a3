"""Python protocols of the object API: Caseload is a sequence; Case, Calendar, Policy (and
Caseload, PersonalDetails) copy and pickle, so multiprocessing and concurrent.futures work;
Case.personal is exposed and typed."""

from __future__ import annotations

import collections.abc
import concurrent.futures
import copy
import datetime as dt
import multiprocessing
import pickle
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import midway
from process_workers import round_trip, schedule_json

ROOT = Path(__file__).resolve().parents[2]
CASELOAD = ROOT / "examples" / "caseload.json"


@pytest.fixture(scope="module")
def caseload() -> midway.Caseload:
    return midway.load_caseload(CASELOAD)


def test_caseload_is_a_sequence(caseload: midway.Caseload) -> None:
    cases = caseload.cases
    assert isinstance(caseload, collections.abc.Sequence)
    assert len(caseload) == len(cases) == 41
    assert list(caseload) == list(cases)
    assert [c.case_id for c in caseload] == [c.case_id for c in cases]
    assert caseload[0] == cases[0] and caseload[-1] == cases[-1] and caseload[-41] == cases[0]
    assert list(reversed(caseload)) == list(reversed(cases))
    for key in (slice(1, 4), slice(None, None, -1), slice(-3, None), slice(5, 1), slice(0, 40, 7), slice(None, None, -13)):
        part = caseload[key]
        assert isinstance(part, midway.Caseload)
        assert part.cases == cases[key], key
    assert caseload[2] in caseload
    assert midway.Case(case_id="X-1", child_id="C-X", kind="CP") not in caseload
    assert "CP-001" not in caseload  # only a Case is ever in a caseload
    assert caseload.index(caseload[7]) == 7 and caseload.count(caseload[7]) == 1
    assert caseload.index(caseload[7], 5, 10) == 7
    with pytest.raises(ValueError):
        caseload.index(caseload[7], 8)
    for bad in (41, -42, 2**70):
        with pytest.raises(IndexError):
            caseload[bad]
    with pytest.raises(TypeError):
        caseload["CP-001"]  # type: ignore[call-overload]
    assert len(midway.Caseload()) == 0 and list(midway.Caseload()) == []


SAMPLE = midway.load_caseload(CASELOAD)
SAMPLE_CASES = SAMPLE.cases


@given(st.slices(60), st.integers(-60, 60))
def test_caseload_indexes_and_slices_as_a_tuple_does(key: slice, index: int) -> None:
    # Slices and indices beyond the ends too: exactly what the tuple of cases gives.
    assert SAMPLE[key].cases == SAMPLE_CASES[key]
    if -len(SAMPLE_CASES) <= index < len(SAMPLE_CASES):
        assert SAMPLE[index] == SAMPLE_CASES[index]
    else:
        with pytest.raises(IndexError):
            SAMPLE[index]


def test_caseload_items_are_copies(caseload: midway.Caseload) -> None:
    first = caseload[0]
    first.extra = {"x_note": "changed"}
    assert caseload[0].extra == {}


@pytest.mark.parametrize("dump", [copy.copy, copy.deepcopy, *(
    (lambda x, p=p: pickle.loads(pickle.dumps(x, protocol=p))) for p in range(pickle.HIGHEST_PROTOCOL + 1))])
def test_copy_and_pickle(caseload: midway.Caseload, dump: collections.abc.Callable[[object], object]) -> None:
    case = caseload[0]
    case.personal = midway.PersonalDetails(name="Test Child", date_of_birth=dt.date(2019, 3, 4))
    case.extra = {"lcs_ref": "LCS-1", "nested": {"a": [1, 2.5, None]}}
    values: list[object] = [
        case,
        caseload,
        case.personal,
        midway.Policy.england(),
        midway.Policy.scotland(cp_visit_interval=(15, "working_days"), name="local"),
        midway.Calendar(),
        midway.Calendar("scotland", closures=[dt.date(2026, 12, 24), dt.date(2026, 12, 25)]),
        midway.Calendar.from_govuk_json(ROOT / "tests" / "data" / "govuk-bank-holidays.json", "northern-ireland"),
    ]
    for value in values:
        again = dump(value)
        assert type(again) is type(value)
        assert again == value, value


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_what_does_not_pickle_raises(protocol: int) -> None:
    # Every protocol: a TypeError, never an aborted interpreter (pybind11 objects under protocols 0 and 1).
    for value in (midway.Period(3, "months"), midway.Visit(date=dt.date(2026, 1, 5))):
        with pytest.raises(TypeError):
            pickle.dumps(value, protocol=protocol)


def test_copies_are_independent(caseload: midway.Caseload) -> None:
    case = caseload[0]
    clone = copy.deepcopy(case)
    clone.record(midway.Visit(date=dt.date(2026, 11, 30), seen=True))
    assert len(clone.history) == len(case.history) + 1


def test_calendar_pickle_keeps_every_holiday() -> None:
    rules = midway.HolidayRules.builtin()
    cal = midway.Calendar("england-and-wales", closures=[dt.date(2030, 12, 24)], rules=rules)
    again = pickle.loads(pickle.dumps(cal))
    assert again == cal and hash(again) == hash(cal)
    assert again.source == cal.source and again.rules_version == cal.rules_version
    for year in (1978, 2026, 2030, 2199):
        assert again.holidays(year) == cal.holidays(year)
    assert not again.is_working_day(dt.date(2030, 12, 24))
    assert again.add_working_days(dt.date(2030, 12, 20), 5) == cal.add_working_days(dt.date(2030, 12, 20), 5)
    assert midway.Calendar("scotland") != midway.Calendar()
    assert midway.Calendar(closures=[dt.date(2026, 12, 24)]) != midway.Calendar()


def test_process_pool_schedules_like_this_process(caseload: midway.Caseload) -> None:
    policy = midway.Policy.england(cp_visit_interval=(15, "working_days"))
    calendar = midway.Calendar(closures=[dt.date(2026, 12, 24)])
    as_of = dt.date(2026, 11, 22)
    expected = [schedule_json(c, as_of, policy, calendar) for c in caseload]
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as pool:
        got = list(pool.map(schedule_json, caseload, [as_of] * len(caseload), [policy] * len(caseload),
                            [calendar] * len(caseload)))
        back = pool.submit(round_trip, caseload).result()
    assert got == expected
    assert back == caseload


def test_personal_details() -> None:
    case = midway.Case(case_id="LAC-1", child_id="C-1", kind="LAC")
    assert case.personal is None
    details = midway.PersonalDetails(name="Test Child", date_of_birth=dt.date(2019, 3, 4))
    case.personal = details
    assert case.personal == details
    assert case.personal.name == "Test Child" and case.personal.date_of_birth == dt.date(2019, 3, 4)
    assert "Test Child" not in repr(details) and "2019" not in repr(details) and "Test Child" not in repr(case)
    assert midway.Case.from_json(case.to_json()).personal == details
    assert midway.Case(case_id="LAC-1", child_id="C-1", kind="LAC", personal=details) == case
    assert midway.PersonalDetails() == midway.PersonalDetails(name="", date_of_birth=None)
    assert midway.PersonalDetails(name="A") != midway.PersonalDetails(name="B")
    case.personal = None
    assert case.personal is None and '"personal"' not in case.to_json()
    with pytest.raises(midway.InvalidArgumentError) as e:
        case.personal = "Test Child"  # type: ignore[assignment]
    assert e.value.field == "personal" and "Test Child" not in str(e.value)
    with pytest.raises(midway.InvalidArgumentError):
        midway.PersonalDetails(name="A", date_of_birth=dt.datetime(2019, 3, 4, 12, 0))


def test_personal_details_round_trip_through_the_sample(caseload: midway.Caseload) -> None:
    with_personal = [c for c in caseload if c.personal is not None]
    assert with_personal
    for c in with_personal:
        assert isinstance(c.personal, midway.PersonalDetails)
        assert midway.Case.from_json(c.to_json()).personal == c.personal
