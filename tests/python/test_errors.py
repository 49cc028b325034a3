"""Errors across the binding: for each bad input the exact class, its built-in bases, and the
code, message, field and record id it carries. (Mirrors tests/cpp/test_errors.cpp.)"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import midway
from midway import _core

D = dt.date
CAL = midway.Calendar()
DAYS3 = np.array(["2026-12-18", "2026-12-21", "2026-12-24"], dtype="datetime64[D]")

ALL_CLASSES: dict[str, type[midway.Error]] = {
    "invalid_date": midway.InvalidDateError,
    "out_of_range": midway.OutOfRangeError,
    "unknown_code": midway.UnknownCodeError,
    "parse_error": midway.ParseError,
    "invalid_argument": midway.InvalidArgumentError,
    "rule_violation": midway.RuleViolationError,
    "not_found": midway.NotFoundError,
}
# Which built-in exceptions each class also derives from (docs/errors.md).
ALSO: dict[type[midway.Error], tuple[type[Exception], ...]] = {
    midway.InvalidDateError: (ValueError,),
    midway.OutOfRangeError: (ValueError,),
    midway.UnknownCodeError: (KeyError, ValueError),
    midway.ParseError: (ValueError,),
    midway.InvalidArgumentError: (ValueError,),
    midway.RuleViolationError: (ValueError,),
    midway.NotFoundError: (KeyError,),
}


def check(
    call: Callable[[], object],
    cls: type[midway.Error],
    field: str | None,
    message: str | None = None,
) -> midway.Error:
    """Calls `call`, which must raise exactly `cls` with `field`; returns the error."""
    with pytest.raises(midway.Error) as info:
        call()
    e = info.value
    assert type(e) is cls, f"{type(e).__name__}: {e}"
    for base in ALSO[cls]:
        assert isinstance(e, base)
    assert isinstance(e, ValueError) == (ValueError in ALSO[cls])
    assert isinstance(e, KeyError) == (KeyError in ALSO[cls])
    assert e.code == {v: k for k, v in ALL_CLASSES.items()}[cls]
    assert e.field == field
    assert e.record_id is None
    if message is not None:
        assert e.message == message
    # str(e) is the message with its location, and names the field (KeyError would quote it).
    expected = e.message if field is None else f"{e.message} (field '{field}')"
    assert str(e) == expected
    assert e.args == (expected,)
    return e


# ---- unknown names ----

DIVISION_MESSAGE = "'wales' is not a division; expected one of: england-and-wales, scotland, northern-ireland"


@pytest.mark.parametrize(
    "call",
    [
        lambda: midway.Calendar("wales"),  # type: ignore[arg-type]
        lambda: midway.Calendar(division="wales"),  # type: ignore[arg-type]
        lambda: midway.HolidayRules.builtin().holidays("wales", 2026),  # type: ignore[arg-type]
        lambda: midway.division_name("wales"),  # type: ignore[arg-type]
        lambda: midway.Calendar.from_govuk_json_text("{}", "wales"),  # type: ignore[arg-type]
    ],
    ids=["Calendar", "Calendar(division=)", "HolidayRules.holidays", "division_name", "from_govuk_json_text"],
)
def test_unknown_division(call: Callable[[], object]) -> None:
    e = check(call, midway.UnknownCodeError, "division", DIVISION_MESSAGE)
    assert isinstance(e, KeyError) and isinstance(e, ValueError)
    # Caught by code that knows nothing of midway.
    with pytest.raises(KeyError):
        call()
    with pytest.raises(ValueError):
        call()


def test_unknown_division_in_a_proclamation() -> None:
    with pytest.raises(midway.UnknownCodeError) as info:
        midway.Proclamation("add", D(2026, 6, 15), name="x", divisions=["scotland", "wales"])  # type: ignore[list-item]
    assert info.value.message == DIVISION_MESSAGE
    assert info.value.field is not None and info.value.field.startswith("division")


def test_wrong_type_for_an_enum_argument() -> None:
    check(
        lambda: midway.Calendar(0),  # type: ignore[arg-type]
        midway.InvalidArgumentError,
        "division",
        "expected an enum member or its name for 'division', not int",
    )
    check(lambda: midway.Calendar(None), midway.InvalidArgumentError, "division")  # type: ignore[arg-type]
    check(
        lambda: CAL.add_working_days(D(2026, 1, 5), 1, midway.Division.SCOTLAND),  # type: ignore[call-overload]
        midway.InvalidArgumentError,
        "counting",
    )


@pytest.mark.parametrize("counting", ["incl", "INCLUSIVE", "day-zero", ""])
def test_unknown_counting(counting: Any) -> None:
    message = f"'{counting}' is not a day count convention; expected one of: day_zero, inclusive"
    check(lambda: CAL.add_working_days(D(2026, 1, 5), 1, counting), midway.UnknownCodeError, "counting", message)
    check(lambda: CAL.working_days_between(D(2026, 1, 5), D(2026, 2, 5), counting), midway.UnknownCodeError, "counting")
    check(lambda: CAL.add_working_days(DAYS3, 1, counting=counting), midway.UnknownCodeError, "counting")


def test_unknown_proclamation_names() -> None:
    check(lambda: midway.Proclamation("addd", D(2026, 1, 5), name="x"), midway.UnknownCodeError, "action")  # type: ignore[arg-type]
    check(
        lambda: midway.Proclamation("move", D(2026, 1, 5), moved="xmas"),  # type: ignore[arg-type]
        midway.UnknownCodeError,
        "moved",
    )


# ---- closures ----


@pytest.mark.parametrize(
    "bad",
    ["2026-12-24", 20261224, None, (D(2026, 12, 24),), (D(2026, 12, 24), 5), (D(2026, 12, 24), "x", "y"), ["a"]],
    ids=repr,
)
def test_closure_with_a_bad_item(bad: Any) -> None:
    check(
        lambda: midway.Calendar(closures=[D(2026, 12, 24), bad]),
        midway.InvalidArgumentError,
        "closures[1]",
        "expected a datetime.date or a (datetime.date, name) pair",
    )


def test_closure_out_of_range() -> None:
    for day in (D(1977, 12, 31), D(2200, 1, 1)):
        check(
            lambda: midway.Calendar("scotland", closures=[D(2026, 12, 24), (day, "Jane Doe's funeral")]),
            midway.OutOfRangeError,
            "closures[1]",
            f"{day.isoformat()} is outside the calendar's range 1978-01-01..2199-12-31",
        )


def test_closures_must_be_iterable() -> None:
    check(lambda: midway.Calendar(closures=5), midway.InvalidArgumentError, "closures")  # type: ignore[arg-type]


# ---- bulk arguments ----


def test_mismatched_array_shapes() -> None:
    two = np.array([1, 2])
    e = check(lambda: CAL.add_working_days(DAYS3, two), midway.InvalidArgumentError, "n")
    assert e.message == "shape (2,) does not match date's shape (3,) (equal shapes, or one of size 1)"
    check(lambda: CAL.add_working_days(DAYS3, np.zeros((3, 1), dtype=int)), midway.InvalidArgumentError, "n")
    check(lambda: CAL.add_working_days(DAYS3.reshape(3, 1), np.ones((1, 3), dtype=int)), midway.InvalidArgumentError, "n")
    e = check(lambda: CAL.working_days_between(DAYS3, DAYS3[:2]), midway.InvalidArgumentError, "b")
    assert e.message == "shape (2,) does not match a's shape (3,) (equal shapes, or one of size 1)"
    check(lambda: CAL.working_days_between(DAYS3[:2], DAYS3), midway.InvalidArgumentError, "b")
    check(lambda: CAL.add_working_days(DAYS3[:0], two), midway.InvalidArgumentError, "n")


@pytest.mark.parametrize(
    "n", [1.0, 1.5, np.float64(2.0), np.array([1.0, 2.0, 3.0]), [1, 2.5, 3], True, np.array([True] * 3), "1", None], ids=repr
)
def test_non_integer_offsets(n: Any) -> None:
    for day in (D(2026, 12, 18), DAYS3):
        e = check(lambda: CAL.add_working_days(day, n), midway.InvalidArgumentError, "n")
        assert e.message.startswith("expected integers, not an array of dtype ")


def test_nat_element() -> None:
    days = np.array(["2026-12-18", "2026-12-21", "NaT", "2026-12-24"], dtype="datetime64[D]")
    check(lambda: CAL.is_working_day(days), midway.OutOfRangeError, "date[2]", "NaT is not a date")
    check(lambda: CAL.add_working_days(days, 1), midway.OutOfRangeError, "date[2]", "NaT is not a date")
    check(lambda: CAL.working_days_between(days, D(2027, 1, 1)), midway.OutOfRangeError, "a[2]", "NaT is not a date")
    check(lambda: CAL.working_days_between(D(2026, 1, 1), days), midway.OutOfRangeError, "b[2]", "NaT is not a date")
    # NaT in a finer unit is NaT too; None in a list of dates is not a date, named by index.
    check(lambda: CAL.is_working_day(days.astype("datetime64[ns]")), midway.OutOfRangeError, "date[2]")
    with_none: Any = [D(2026, 1, 5), D(2026, 1, 6), None]
    check(lambda: CAL.is_working_day(with_none), midway.InvalidArgumentError, "date[2]", "expected datetime.date values, not NoneType")


def test_datetime64_with_a_time_of_day() -> None:
    message = "datetime64 values with a time of day are not dates; convert with .astype('datetime64[D]')"
    stamps = np.array(["2026-12-18T00:00", "2026-12-21T09:30", "NaT"], dtype="datetime64[ns]")
    check(lambda: CAL.is_working_day(stamps), midway.InvalidArgumentError, "date", message)
    check(lambda: CAL.add_working_days(stamps, 1), midway.InvalidArgumentError, "date", message)
    check(lambda: CAL.working_days_between(stamps, D(2027, 1, 1)), midway.InvalidArgumentError, "a", message)
    check(lambda: CAL.working_days_between(D(2026, 1, 1), stamps), midway.InvalidArgumentError, "b", message)
    check(lambda: CAL.is_working_day(np.datetime64("2026-12-18T12:00")), midway.InvalidArgumentError, "date", message)


@pytest.mark.parametrize(
    "value",
    [
        np.array(["2026-12-18", "2026-12-21"]),
        ["2026-12-18", "2026-12-21"],
        np.array([20261218]),
        np.array([1.5]),
    ],
    ids=["str-array", "str-list", "int-array", "float-array"],
)
def test_non_date_arrays(value: Any) -> None:
    check(lambda: CAL.is_working_day(value), midway.InvalidArgumentError, "date")
    check(lambda: CAL.add_working_days(value, 1), midway.InvalidArgumentError, "date")
    check(lambda: CAL.working_days_between(value, D(2027, 1, 1)), midway.InvalidArgumentError, "a")
    check(lambda: CAL.working_days_between(D(2026, 1, 1), value), midway.InvalidArgumentError, "b")


@pytest.mark.parametrize(
    "value",
    [
        [D(2026, 12, 18), "2026-12-21"],
        [D(2026, 12, 18), 20000],
        np.array(["2026-12-21"], dtype=object),
        np.array([D(2026, 12, 18), 20000], dtype=object),
    ],
    ids=["date-and-str", "date-and-int", "object-str", "object-date-and-int"],
)
def test_sequences_mixing_dates_with_other_values(value: Any) -> None:
    # A list of strings or integers is refused (above); a list or object array that mixes them
    # with dates must be refused as well, not parsed as ISO text or read as days since 1970
    # (20000 would silently be 2024-10-04).
    calls: list[Callable[[], object]] = [
        lambda: CAL.is_working_day(value),
        lambda: CAL.add_working_days(value, 1),
        lambda: CAL.working_days_between(value, D(2027, 1, 1)),
    ]
    for call in calls:
        with pytest.raises(midway.InvalidArgumentError) as info:
            call()
        assert info.value.field is not None and re.fullmatch(r"(date|a)(\[[01]\])?", info.value.field)


def test_holidays_out_of_range() -> None:
    check(lambda: CAL.holidays(1977), midway.OutOfRangeError, "year", "year 1977 is outside the supported years 1978..2199")
    check(lambda: midway.HolidayRules.builtin().holidays("scotland", 2200), midway.OutOfRangeError, "year")


# ---- HolidayRules ----


@pytest.mark.parametrize(
    ("proclamations", "field", "message"),
    [
        ([midway.Proclamation("move", D(2026, 5, 8))], "proclamations[0].moved", "a move must name the holiday it moves"),
        ([midway.Proclamation("add", D(2026, 5, 8))], "proclamations[0].name", "an added holiday needs a name"),
        (
            [midway.Proclamation("add", D(2026, 5, 8), name="x"), midway.Proclamation("add", D(1977, 6, 7), name="y")],
            "proclamations[1].date",
            "the date 1977-06-07 is outside the supported years 1978..2199",
        ),
        (
            [
                midway.Proclamation("add", D(2026, 5, 8), name="x"),
                midway.Proclamation("add", D(2026, 5, 8), name="y", divisions=["scotland"]),
            ],
            "proclamations[1]",
            "a second add on 2026-05-08 for scotland repeats an earlier entry",
        ),
    ],
    ids=["move-without-id", "add-without-name", "date-out-of-range", "duplicate"],
)
def test_invalid_holiday_rules(proclamations: list[midway.Proclamation], field: str, message: str) -> None:
    check(lambda: midway.HolidayRules("v", proclamations), midway.InvalidArgumentError, field, message)
    # extended validates the combined table; the index counts the built-in entries first.
    offset = len(midway.HolidayRules.builtin().proclamations)
    shifted = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", field)
    check(lambda: midway.HolidayRules.builtin().extended("v", proclamations), midway.InvalidArgumentError, shifted, message)


# ---- the GOV.UK feed ----


def test_from_govuk_json_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-feed.json"
    e = check(lambda: midway.Calendar.from_govuk_json(missing), midway.NotFoundError, "path", "cannot open the GOV.UK feed file (missing, not a file, or unreadable)")
    assert isinstance(e, KeyError) and not isinstance(e, ValueError)
    with pytest.raises(KeyError):
        midway.Calendar.from_govuk_json(str(missing))
    # The message does not echo the path (which may hold a user name or a case reference).
    assert str(tmp_path) not in str(e)


def test_from_govuk_json_on_a_directory(tmp_path: Path) -> None:
    # A directory cannot be read as a feed: holidays.hpp promises not_found_error for a file
    # that "cannot be read", not a JSON parse error about byte 1.
    check(lambda: midway.Calendar.from_govuk_json(tmp_path), midway.NotFoundError, "path")


def test_feed_without_the_division() -> None:
    text = json.dumps({"scotland": {"division": "scotland", "events": [{"title": "x", "date": "2026-01-05"}]}})
    check(
        lambda: midway.Calendar.from_govuk_json_text(text, "northern-ireland"),
        midway.NotFoundError,
        "division",
        "the GOV.UK feed has no events for northern-ireland",
    )
    empty = json.dumps({"scotland": {"division": "scotland", "events": []}})
    check(lambda: midway.Calendar.from_govuk_json_text(empty, "scotland"), midway.NotFoundError, "division")


def scotland(*events: Any, **body: Any) -> Any:
    return {"scotland": {"division": "scotland", "events": list(events), **body}}


GOOD_EVENT = {"title": "2nd January", "date": "2026-01-02", "notes": "", "bunting": True}

# (document, JSON path in e.field, message or None).
MALFORMED_FEEDS: list[tuple[str, Any, str, str | None]] = [
    ("not-json", "{", "$", None),
    ("empty", "", "$", None),
    ("truncated", '{"scotland": {"division": "scotland", "events": [', "$", None),
    ("top-level-array", [], "$", "the GOV.UK feed must be a JSON object keyed by division"),
    ("unknown-division", {"wales": {"division": "wales", "events": []}}, "$['wales']", None),
    ("division-not-object", {"scotland": []}, "$['scotland']", "expected an object, found array"),
    ("missing-events", {"scotland": {"division": "scotland"}}, "$['scotland']", "missing member 'events'"),
    ("missing-division", {"scotland": {"events": []}}, "$['scotland']", "missing member 'division'"),
    ("events-not-array", scotland() | {"scotland": {"division": "scotland", "events": {}}}, "$['scotland'].events",
     "expected an array, found object"),
    ("division-mismatch", {"scotland": {"division": "england-and-wales", "events": []}}, "$['scotland'].division",
     "division 'england-and-wales' does not match its key"),
    ("division-not-string", {"scotland": {"division": 1, "events": []}}, "$['scotland'].division",
     "expected a string, found number"),
    ("event-not-object", scotland(GOOD_EVENT, "2026-01-05"), "$['scotland'].events[1]", "expected an object, found string"),
    ("missing-date", scotland({"title": "x"}), "$['scotland'].events[0]", "missing member 'date'"),
    ("missing-title", scotland({"date": "2026-01-05"}), "$['scotland'].events[0]", "missing member 'title'"),
    ("title-not-string", scotland({"title": 5, "date": "2026-01-05"}), "$['scotland'].events[0].title",
     "expected a string, found number"),
    ("empty-title", scotland({"title": "", "date": "2026-01-05"}), "$['scotland'].events[0].title", "empty title"),
    ("date-not-string", scotland({"title": "x", "date": 20260105}), "$['scotland'].events[0].date",
     "expected a string, found number"),
    ("impossible-date", scotland({"title": "x", "date": "2026-02-30"}), "$['scotland'].events[0].date",
     "2026-02 has no day 30"),
    ("not-iso-date", scotland(GOOD_EVENT, {"title": "x", "date": "05/01/2026"}), "$['scotland'].events[1].date", None),
    ("date-with-time", scotland({"title": "x", "date": "2026-01-05T00:00"}), "$['scotland'].events[0].date", None),
    ("date-out-of-range", scotland({"title": "x", "date": "1977-12-26"}), "$['scotland'].events[0].date",
     "the date 1977-12-26 is outside the supported years 1978..2199"),
    ("notes-not-string", scotland({"title": "x", "date": "2026-01-05", "notes": None}), "$['scotland'].events[0].notes",
     "expected a string, found null"),
    ("bunting-not-bool", scotland({"title": "x", "date": "2026-01-05", "bunting": "yes"}),
     "$['scotland'].events[0].bunting", "expected a boolean, found string"),
    ("two-events-one-date", scotland(GOOD_EVENT, GOOD_EVENT), "$['scotland'].events", "two events on 2026-01-02"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("document", "field", "message"), [m[1:] for m in MALFORMED_FEEDS], ids=[m[0] for m in MALFORMED_FEEDS]
)
def test_malformed_feed(tmp_path: Path, document: Any, field: str, message: str | None) -> None:
    text = document if isinstance(document, str) else json.dumps(document)
    path = tmp_path / "feed.json"
    path.write_text(text, encoding="utf-8")
    from_file = check(lambda: midway.Calendar.from_govuk_json(path, "scotland"), midway.ParseError, field, message)
    from_text = check(lambda: midway.Calendar.from_govuk_json_text(text, "scotland"), midway.ParseError, field, message)
    assert from_file.message == from_text.message
    if field == "$" and message is None:
        assert re.fullmatch(r"malformed JSON at byte \d+ of the GOV.UK feed", from_text.message)


def test_parse_errors_do_not_echo_titles() -> None:
    # A title can be anything (a local feed could name a person); errors report paths only.
    text = json.dumps(scotland({"title": "Funeral of Jane Doe", "date": "2026-02-30"}))
    e = check(lambda: midway.Calendar.from_govuk_json_text(text, "scotland"), midway.ParseError, "$['scotland'].events[0].date")
    assert "Jane" not in str(e)


# ---- messages carry only dates, ids and field names ----

# The whole vocabulary of the calendar's error messages. Any other word (a closure's name, a
# file path, a holiday title) would be data the caller passed in, echoed back.
ALLOWED_WORDS = set(
    """is outside the calendar's range working days from day since NaT not a date offset out of
    shape does match date's a's n's equal shapes or one size expected integers an array dtype
    float64 datetime64 values with time are dates convert year supported years""".split()
)


def words_of(message: str) -> list[str]:
    """The words of `message` once dates, date ranges and the astype hint are taken out."""
    text = re.sub(r"\.astype\('datetime64\[D\]'\)", " ", message)
    text = re.sub(r"\d{4}-\d{2}-\d{2}", " ", text)
    return re.findall(r"[A-Za-z][A-Za-z0-9']*", text)


def calendar_errors() -> list[midway.Error]:
    private = (D(1977, 12, 31), "Jane Doe's funeral")
    calls: list[Callable[[], object]] = [
        lambda: midway.Calendar(closures=[D(2026, 1, 5), private]),
        lambda: CAL.is_working_day(D(2200, 1, 1)),
        lambda: CAL.add_working_days(D(2199, 12, 24), 10),
        lambda: CAL.add_working_days(D(2026, 1, 5), 2**40),
        lambda: CAL.working_days_between(D(1977, 1, 1), D(2026, 1, 1)),
        lambda: CAL.is_working_day(np.array(["2026-01-05", "NaT"], dtype="datetime64[D]")),
        lambda: CAL.is_working_day(np.array(["1970-01-06"], dtype="datetime64[D]")),
        lambda: CAL.add_working_days(np.array(["2199-12-24"], dtype="datetime64[D]"), 10),
        lambda: CAL.add_working_days(DAYS3, np.array([1, 2])),
        lambda: CAL.add_working_days(DAYS3, 1.5),  # type: ignore[call-overload]
        lambda: CAL.is_working_day(np.array(["2026-01-05T10:00"], dtype="datetime64[s]")),
        lambda: CAL.holidays(1977),
    ]
    out: list[midway.Error] = []
    for call in calls:
        with pytest.raises(midway.Error) as info:
            call()
        out.append(info.value)
    return out


def test_calendar_error_messages_hold_only_dates_ids_and_field_names() -> None:
    errors = calendar_errors()
    assert len(errors) == 12
    for e in errors:
        assert "Jane" not in str(e)
        assert e.record_id is None
        assert e.field is not None and re.fullmatch(r"[a-z_]+(\[\d+\])?", e.field), e.field
        assert [w for w in words_of(e.message) if w not in ALLOWED_WORDS] == [], e.message
        assert e.message.isascii()


# ---- the C++ error codes through the translator ----


def test_error_classes_table() -> None:
    table = _core._error_classes()
    assert table == {code: cls.__name__ for code, cls in ALL_CLASSES.items()}
    for name in table.values():
        assert name in midway.errors.__all__
        assert issubclass(getattr(midway, name), midway.Error)


@pytest.mark.parametrize("code", list(ALL_CLASSES))
def test_raise_error_maps_each_code_to_its_class(code: str) -> None:
    cls_name = _core._error_classes()[code]
    cls = getattr(midway.errors, cls_name)
    assert cls is ALL_CLASSES[code]
    with pytest.raises(midway.Error) as info:
        _core._raise_error(code, "something is wrong", "cases[3].date", "CP-1")
    e = info.value
    assert type(e) is cls
    for base in ALSO[cls]:
        assert isinstance(e, base)
    assert (e.code, e.message, e.field, e.record_id) == (code, "something is wrong", "cases[3].date", "CP-1")
    assert str(e) == "something is wrong (field 'cases[3].date', record 'CP-1')"
    # Without a location: field and record_id are None and str(e) is the bare message.
    with pytest.raises(cls) as bare:
        _core._raise_error(code, "bare")
    assert (bare.value.field, bare.value.record_id, str(bare.value)) == (None, None, "bare")
    with pytest.raises(cls) as record_only:
        _core._raise_error(code, "m", record_id="R-7")
    assert (record_only.value.field, str(record_only.value)) == (None, "m (record 'R-7')")


def test_raise_error_with_an_unknown_code() -> None:
    check(lambda: _core._raise_error("no_such_code", "m"), midway.UnknownCodeError, "code",
          "'no_such_code' is not an error code; expected one of: " + ", ".join(c.name.lower() for c in midway.ErrorCode))


def test_python_error_classes_standalone() -> None:
    # The pure-Python classes behave the same when raised from Python code.
    e = midway.NotFoundError("no case 'CP-9' (field 'id')", code="not_found", message="no case 'CP-9'", field="id")
    assert str(e) == "no case 'CP-9' (field 'id')"  # not quoted, although a KeyError
    assert (e.code, e.message, e.field, e.record_id) == ("not_found", "no case 'CP-9'", "id", None)
    plain = midway.Error("what")
    assert (plain.code, plain.message, str(plain)) == ("error", "what", "what")
