"""Dates across the binding: datetime.date in and out, datetime.datetime refused, and the
calendar's supported range 1978-01-01..2199-12-31. (Mirrors tests/cpp/test_date.cpp.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import midway

D = dt.date
CAL = midway.Calendar()
NOON = dt.datetime(2026, 12, 18, 12, 30)
MIDNIGHT = dt.datetime(2026, 12, 18)


def test_dates_out_are_plain_dates() -> None:
    values: list[object] = [
        CAL.add_working_days(D(2026, 12, 18), 5),
        CAL.next_working_day(D(2026, 12, 18)),
        CAL.previous_working_day(D(2026, 12, 18)),
        midway.add_months(D(2026, 12, 18), 1),
        midway.easter_sunday(2026),
        midway.Calendar.first_date(),
        midway.Calendar.last_date(),
        CAL.holidays(2026)[0].date,
        midway.HolidayRules.builtin().proclamations[0].date,
    ]
    assert all(type(v) is dt.date for v in values)


def test_date_subclasses_are_accepted() -> None:
    class MyDate(dt.date):
        pass

    assert CAL.add_working_days(MyDate(2026, 12, 18), 5) == D(2026, 12, 29)
    assert CAL.is_working_day(MyDate(2026, 12, 25)) is False
    assert CAL.next_working_day(MyDate(2026, 12, 24)) == D(2026, 12, 29)


# Every entry point that takes a single date. A datetime.datetime is a datetime.date
# subclass, but its time of day would be dropped silently: each must refuse it with
# InvalidArgumentError (a midway.Error and a ValueError, never pybind11's TypeError) naming it.
SCALAR_DATE_CALLS: dict[str, Callable[[Any], object]] = {
    "is_working_day": lambda d: CAL.is_working_day(d),
    "next_working_day": lambda d: CAL.next_working_day(d),
    "previous_working_day": lambda d: CAL.previous_working_day(d),
    "add_working_days": lambda d: CAL.add_working_days(d, 5),
    "add_working_days(inclusive)": lambda d: CAL.add_working_days(d, 5, "inclusive"),
    "working_days_between(a)": lambda d: CAL.working_days_between(d, D(2026, 12, 31)),
    "working_days_between(b)": lambda d: CAL.working_days_between(D(2026, 12, 1), d),
    "add_months": lambda d: midway.add_months(d, 1),
    "Proclamation": lambda d: midway.Proclamation("add", d, name="x"),
}


@pytest.mark.parametrize("call", SCALAR_DATE_CALLS.values(), ids=SCALAR_DATE_CALLS.keys())
@pytest.mark.parametrize("value", [NOON, MIDNIGHT], ids=["noon", "midnight"])
def test_datetime_is_refused_with_invalid_argument_error(call: Callable[[Any], object], value: dt.datetime) -> None:
    with pytest.raises(midway.InvalidArgumentError) as info:
        call(value)
    assert info.value.field in ("date", "a", "b")


def test_datetime_closure_is_refused() -> None:
    # closures name the offending item instead (a midway error, a ValueError).
    with pytest.raises(midway.InvalidArgumentError) as info:
        midway.Calendar(closures=[D(2026, 12, 24), NOON])
    assert info.value.field == "closures[1]"


@pytest.mark.parametrize(
    "value",
    [[D(2026, 12, 17), NOON], np.array([NOON], dtype=object)],
    ids=["list", "object-array"],
)
def test_datetimes_with_a_time_of_day_in_arrays_are_refused(value: Any) -> None:
    # As for datetime64 values with a time of day: refused, not silently truncated.
    with pytest.raises((TypeError, midway.InvalidArgumentError)):
        CAL.is_working_day(value)
    with pytest.raises((TypeError, midway.InvalidArgumentError)):
        CAL.add_working_days(value, 1)


@pytest.mark.parametrize("value", ["2026-12-18", 20261218, None, 1.5], ids=repr)
def test_non_dates_are_refused(value: Any) -> None:
    # Typed, naming the argument (the argument checker, docs/errors.md), never a TypeError.
    with pytest.raises(midway.InvalidArgumentError) as info:
        CAL.next_working_day(value)
    assert info.value.field == "date"
    with pytest.raises(midway.InvalidArgumentError) as info:
        midway.add_months(value, 1)
    assert info.value.field == "date"
    # The bulk-capable form refuses them too, as a TypeError or a midway error (None becomes
    # NaT on the way through numpy and is reported as such).
    with pytest.raises((TypeError, midway.Error)):
        CAL.is_working_day(value)


# ---- the supported range ----

BEFORE = D(1977, 12, 31)
AFTER = D(2200, 1, 1)


@pytest.mark.parametrize("day", [BEFORE, D(1900, 6, 1), AFTER, D(9999, 12, 31)], ids=str)
def test_dates_outside_the_calendar_raise_out_of_range_naming_the_argument(day: dt.date) -> None:
    calls: list[tuple[str, Callable[[], object]]] = [
        ("date", lambda: CAL.is_working_day(day)),
        ("date", lambda: CAL.next_working_day(day)),
        ("date", lambda: CAL.previous_working_day(day)),
        ("date", lambda: CAL.add_working_days(day, 1)),
        ("date", lambda: CAL.add_working_days(day, 0)),
        ("a", lambda: CAL.working_days_between(day, D(2026, 1, 1))),
        ("b", lambda: CAL.working_days_between(D(2026, 1, 1), day)),
        ("closures[1]", lambda: midway.Calendar(closures=[D(2026, 1, 5), day])),
        ("date[1]", lambda: CAL.is_working_day([D(2026, 1, 5), day])),
        ("date[1]", lambda: CAL.add_working_days([D(2026, 1, 5), day], 1)),
        ("a[0]", lambda: CAL.working_days_between([day], D(2026, 1, 1))),
        ("b[0]", lambda: CAL.working_days_between(D(2026, 1, 1), np.array([day], dtype="datetime64[D]"))),
    ]
    for field, call in calls:
        with pytest.raises(midway.OutOfRangeError) as info:
            call()
        e = info.value
        assert isinstance(e, midway.Error) and isinstance(e, ValueError)
        assert e.code == "out_of_range"
        assert e.field == field
        assert f"(field '{field}')" in str(e)
        assert "1978-01-01..2199-12-31" in e.message


def test_range_ends_are_inside() -> None:
    assert CAL.is_working_day(D(1978, 1, 1)) is False  # a Sunday
    assert CAL.is_working_day(D(2199, 12, 31)) is True  # a Tuesday
    assert CAL.working_days_between(D(1978, 1, 1), D(2199, 12, 31)) > 56000
    np.testing.assert_array_equal(
        CAL.is_working_day(np.array(["1978-01-01", "2199-12-31"], dtype="datetime64[D]")), [False, True]
    )


def test_results_outside_the_calendar_raise_out_of_range() -> None:
    # 2199-12-31 is the last working day: 5 working days later is past the end.
    with pytest.raises(midway.OutOfRangeError) as info:
        CAL.add_working_days(D(2199, 12, 24), 10)
    assert info.value.field == "n"
    assert info.value.message.startswith("10 working days from 2199-12-24 is outside")
    with pytest.raises(midway.OutOfRangeError) as info:
        CAL.add_working_days(np.array(["2026-01-05", "2199-12-24"], dtype="datetime64[D]"), 10)
    assert info.value.field == "n[0]"  # the (broadcast) offset that overflows
    with pytest.raises(midway.OutOfRangeError) as info:
        CAL.add_working_days(D(1978, 1, 3), -1)
    assert info.value.field == "n"


@pytest.mark.parametrize(
    ("call", "day"),
    [
        # 1978-01-03 is the first working day (Sun 1 Jan, Mon 2 Jan the New Year substitute).
        (lambda: CAL.previous_working_day(D(1978, 1, 3)), "1978-01-03"),
        (lambda: CAL.next_working_day(D(2199, 12, 31)), "2199-12-31"),
    ],
    ids=["previous_working_day", "next_working_day"],
)
def test_next_and_previous_past_the_ends_name_their_argument(call: Callable[[], object], day: str) -> None:
    # These functions have no argument `n`: the error must name `date`.
    with pytest.raises(midway.OutOfRangeError) as info:
        call()
    assert day in info.value.message
    assert info.value.field == "date"


def test_offsets_beyond_int32_raise_out_of_range() -> None:
    with pytest.raises(midway.OutOfRangeError) as info:
        CAL.add_working_days(D(2026, 1, 5), 2**31)
    assert info.value.field == "n"
    with pytest.raises(midway.OutOfRangeError) as info:
        CAL.add_working_days(D(2026, 1, 5), -(2**40))
    assert info.value.field == "n"
    with pytest.raises(midway.OutOfRangeError) as info:
        CAL.add_working_days(np.array(["2026-01-05"] * 2, dtype="datetime64[D]"), np.array([1, 2**40]))
    assert info.value.field == "n[1]"


@pytest.mark.parametrize("n", [2**63, 2**70, -(2**70)], ids=["2**63", "2**70", "-2**70"])
def test_offsets_beyond_int64_raise_out_of_range(n: int) -> None:
    # A Python int too large for C++ must still be a midway error naming `n`, not a
    # RuntimeError from pybind11's cast.
    with pytest.raises(midway.OutOfRangeError) as info:
        CAL.add_working_days(D(2026, 1, 5), n)
    assert info.value.field == "n"


def test_dates_before_1400_are_invalid_dates() -> None:
    # midway.date covers 1400-01-01..9999-12-31; an earlier datetime.date is an invalid date.
    with pytest.raises(midway.InvalidDateError) as info:
        CAL.is_working_day(D(1399, 12, 31))
    assert info.value.field == "date"
    assert isinstance(info.value, ValueError)
    with pytest.raises(midway.InvalidDateError):
        midway.add_months(D(1, 1, 1), 1)


def test_add_months_past_year_9999() -> None:
    with pytest.raises(midway.OutOfRangeError) as info:
        midway.add_months(D(9999, 12, 1), 1)
    assert "9999-12-01" in info.value.message


def test_holidays_year_range() -> None:
    assert CAL.holidays(1978)[0].date == D(1978, 1, 2)  # Sun 1 Jan 1978: substitute Mon 2 Jan
    assert CAL.holidays(2199)[-1].date.year == 2199
    for year in (1977, 2200, -1, 0):
        calls: list[Callable[[], object]] = [
            lambda: CAL.holidays(year),
            lambda: midway.HolidayRules.builtin().holidays("scotland", year),
        ]
        for call in calls:
            with pytest.raises(midway.OutOfRangeError) as info:
                call()
            assert info.value.field == "year"
            assert info.value.message == f"year {year} is outside the supported years 1978..2199"
    # numpy integers are accepted as years.
    assert CAL.holidays(np.int64(2026)) == CAL.holidays(2026)
