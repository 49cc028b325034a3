"""Working-day arithmetic: worked examples, counting conventions, properties against a naive
day-by-day reference, and the numpy bulk API against the scalar API and numpy.busday_*.
(Mirrors tests/cpp/test_calendar.cpp.)"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given
from hypothesis import strategies as st

import midway
from midway import DayCount, Division

if sys.version_info >= (3, 11):
    from typing import assert_type
else:  # pragma: no cover - Python 3.10 (typing_extensions comes with mypy and hypothesis)
    from typing_extensions import assert_type

D = dt.date
EW, SC, NI = Division.ENGLAND_AND_WALES, Division.SCOTLAND, Division.NORTHERN_IRELAND

Calendars = dict[Division, midway.Calendar]
Holidays = dict[Division, frozenset[dt.date]]

dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))
offsets = st.integers(min_value=-130, max_value=130)
divisions = st.sampled_from(list(Division))
countings = st.sampled_from(list(DayCount))


# ---- a naive reference, one day at a time ----


def ref_is_working(day: dt.date, holidays: frozenset[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def ref_add(day: dt.date, n: int, holidays: frozenset[dt.date], counting: DayCount = DayCount.DAY_ZERO) -> dt.date:
    """The n-th working day after (n > 0) or before (n < 0) `day`; with INCLUSIVE, `day`
    itself is day 1 (or -1) when it is a working day."""
    if counting is DayCount.INCLUSIVE and n != 0 and ref_is_working(day, holidays):
        n -= 1 if n > 0 else -1
    step = dt.timedelta(days=1 if n > 0 else -1)
    for _ in range(abs(n)):
        day += step
        while not ref_is_working(day, holidays):
            day += step
    return day


def ref_between(a: dt.date, b: dt.date, holidays: frozenset[dt.date], counting: DayCount = DayCount.DAY_ZERO) -> int:
    """b >= a: working days in (a, b]; b < a: minus those in [b, a). INCLUSIVE counts a too."""
    one = dt.timedelta(days=1)
    if b >= a:
        span = (a + one + dt.timedelta(days=k) for k in range((b - a).days))
        count = sum(ref_is_working(d, holidays) for d in span)
    else:
        span = (b + dt.timedelta(days=k) for k in range((a - b).days))
        count = -sum(ref_is_working(d, holidays) for d in span)
    if counting is DayCount.INCLUSIVE and ref_is_working(a, holidays):
        count += 1 if b >= a else -1
    return count


def ref_add_months(day: dt.date, n: int) -> dt.date:
    month0 = day.year * 12 + day.month - 1 + n
    year, month = divmod(month0, 12)
    return dt.date(year, month + 1, min(day.day, pycalendar.monthrange(year, month + 1)[1]))


# ---- worked examples (england-and-wales unless named) ----


def test_add_working_days_over_christmas_2026(calendars: Calendars) -> None:
    cal = calendars[EW]
    # Fri 18 Dec + 5: Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4); Fri 25 Christmas Day,
    # Sat 26 / Sun 27 weekend, Mon 28 Boxing Day (substitute for Sat 26); Tue 29 (5).
    assert cal.add_working_days(D(2026, 12, 18), 5) == D(2026, 12, 29)
    assert type(cal.add_working_days(D(2026, 12, 18), 5)) is dt.date
    # With Christmas Eve as a closure: 21, 22, 23 are 1-3, Thu 24 is closed, Tue 29 (4), Wed 30 (5).
    closed = midway.Calendar("england-and-wales", closures=[D(2026, 12, 24)])
    assert closed.add_working_days(D(2026, 12, 18), 5) == D(2026, 12, 30)
    # And back again: the inverse.
    assert cal.working_days_between(D(2026, 12, 18), D(2026, 12, 29)) == 5
    assert closed.working_days_between(D(2026, 12, 18), D(2026, 12, 30)) == 5
    # Going backwards from Tue 29: Thu 24 (-1), Wed 23 (-2), ..., Mon 21 (-4), Fri 18 (-5).
    assert cal.add_working_days(D(2026, 12, 29), -5) == D(2026, 12, 18)
    assert cal.working_days_between(D(2026, 12, 29), D(2026, 12, 18)) == -5


def test_closures_are_listed_with_their_names() -> None:
    cal = midway.Calendar(
        Division.ENGLAND_AND_WALES,
        closures=[D(2026, 12, 24), (D(2026, 12, 31), "New Year's Eve closure"), (D(2026, 12, 25), "Also Christmas")],
    )
    december = [(h.date, h.name, h.origin) for h in cal.holidays(2026) if h.date.month == 12]
    assert december == [
        (D(2026, 12, 24), "Local closure", midway.HolidayOrigin.CLOSURE),
        # A closure on a bank holiday is listed once, as the bank holiday.
        (D(2026, 12, 25), "Christmas Day", midway.HolidayOrigin.RULE),
        (D(2026, 12, 28), "Boxing Day", midway.HolidayOrigin.RULE),
        (D(2026, 12, 31), "New Year's Eve closure", midway.HolidayOrigin.CLOSURE),
    ]
    # A closure at a weekend changes nothing; any iterable of closures will do.
    weekend = midway.Calendar(closures=iter([D(2026, 12, 26)]))
    assert weekend.add_working_days(D(2026, 12, 18), 5) == D(2026, 12, 29)
    assert [h.date for h in weekend.holidays(2026)][-3:] == [D(2026, 12, 25), D(2026, 12, 26), D(2026, 12, 28)]


def test_start_on_a_weekend_or_holiday(calendars: Calendars) -> None:
    cal = calendars[EW]
    # Sat 3 Jan 2026 is day 0; Mon 5 is the first working day after it.
    assert cal.add_working_days(D(2026, 1, 3), 1) == D(2026, 1, 5)
    assert cal.add_working_days(D(2026, 1, 4), 1) == D(2026, 1, 5)
    # n == 0 returns the date itself, working day or not.
    assert cal.add_working_days(D(2026, 1, 3), 0) == D(2026, 1, 3)
    # Backwards from Sun 4 Jan: Fri 2 Jan is a working day in England and Wales...
    assert cal.add_working_days(D(2026, 1, 4), -1) == D(2026, 1, 2)
    # ...but not in Scotland (2nd January), nor Thu 1 Jan: Wed 31 Dec 2025.
    assert calendars[SC].add_working_days(D(2026, 1, 4), -1) == D(2025, 12, 31)
    # From Christmas Day (Fri): Mon 28 is Boxing Day (substitute), so Tue 29.
    assert cal.add_working_days(D(2026, 12, 25), 1) == D(2026, 12, 29)
    assert cal.add_working_days(D(2026, 12, 25), -1) == D(2026, 12, 24)
    # Counting from a non-working day: (Sat 3 Jan, Fri 9 Jan] holds Mon 5 to Fri 9.
    assert cal.working_days_between(D(2026, 1, 3), D(2026, 1, 9)) == 5
    assert cal.working_days_between(D(2026, 1, 3), D(2026, 1, 3)) == 0


def test_next_and_previous_working_day(calendars: Calendars) -> None:
    cal = calendars[EW]
    assert cal.next_working_day(D(2026, 12, 24)) == D(2026, 12, 29)  # strictly after
    assert cal.next_working_day(D(2026, 12, 21)) == D(2026, 12, 22)
    assert cal.previous_working_day(D(2026, 12, 29)) == D(2026, 12, 24)
    assert cal.previous_working_day(D(2026, 1, 5)) == D(2026, 1, 2)
    assert calendars[SC].previous_working_day(D(2026, 1, 5)) == D(2025, 12, 31)
    # The calendar's ends: 1978-01-01 is a Sunday and Mon 2 Jan the New Year substitute;
    # 2199-12-31 is a Tuesday.
    assert midway.Calendar.first_date() == D(1978, 1, 1)
    assert midway.Calendar.last_date() == D(2199, 12, 31)
    assert cal.next_working_day(D(1978, 1, 1)) == D(1978, 1, 3)
    assert cal.previous_working_day(D(2199, 12, 31)) == D(2199, 12, 30)
    assert cal.next_working_day(D(2199, 12, 30)) == D(2199, 12, 31)


def test_scotland_2_january(calendars: Calendars) -> None:
    # Fri 2 Jan 2026 is a bank holiday in Scotland only.
    assert [calendars[d].is_working_day(D(2026, 1, 2)) for d in Division] == [True, False, True]
    # Wed 31 Dec 2025 + 1: Thu 1 Jan is a holiday everywhere; Fri 2 Jan works except in Scotland.
    assert calendars[EW].add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 2)
    assert calendars[SC].add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
    # (31 Dec, 9 Jan]: Fri 2, Mon 5 .. Fri 9 = 6 in England and Wales; 5 in Scotland.
    assert calendars[EW].working_days_between(D(2025, 12, 31), D(2026, 1, 9)) == 6
    assert calendars[SC].working_days_between(D(2025, 12, 31), D(2026, 1, 9)) == 5


def test_2020_ve_day_move(calendars: Calendars) -> None:
    for cal in calendars.values():
        # The early May bank holiday moved from Mon 4 May to Fri 8 May 2020.
        assert cal.is_working_day(D(2020, 5, 4)) is True
        assert cal.is_working_day(D(2020, 5, 8)) is False
        # Thu 7 May + 1: Fri 8 holiday, weekend, so Mon 11.
        assert cal.add_working_days(D(2020, 5, 7), 1) == D(2020, 5, 11)
        # (Fri 1 May, Mon 11 May]: 4, 5, 6, 7 and 11 May.
        assert cal.working_days_between(D(2020, 5, 1), D(2020, 5, 11)) == 5


def test_2022_moved_spring_bank_holiday(calendars: Calendars) -> None:
    for cal in calendars.values():
        # Spring bank holiday moved from Mon 30 May to Thu 2 June 2022; Fri 3 June was the
        # Platinum Jubilee holiday.
        assert cal.is_working_day(D(2022, 5, 30)) is True
        assert cal.is_working_day(D(2022, 6, 2)) is False
        assert cal.is_working_day(D(2022, 6, 3)) is False
        # Wed 1 June + 1: Thu 2, Fri 3 holidays, weekend: Mon 6 June.
        assert cal.add_working_days(D(2022, 6, 1), 1) == D(2022, 6, 6)
        # (Fri 27 May, Mon 6 June]: 30, 31 May, 1 June, 6 June.
        assert cal.working_days_between(D(2022, 5, 27), D(2022, 6, 6)) == 4
        # Fri 16 Sept 2022 + 1: Mon 19 was the Queen's state funeral, so Tue 20.
        assert cal.add_working_days(D(2022, 9, 16), 1) == D(2022, 9, 20)


def test_leap_years(calendars: Calendars) -> None:
    cal = calendars[EW]
    assert cal.add_working_days(D(2024, 2, 28), 1) == D(2024, 2, 29)  # Wed -> Thu 29 Feb
    assert cal.add_working_days(D(2023, 2, 28), 1) == D(2023, 3, 1)  # Tue -> Wed 1 Mar
    assert cal.add_working_days(D(2000, 2, 28), 1) == D(2000, 2, 29)  # 2000 is a leap year (400)
    assert cal.add_working_days(D(2100, 2, 26), 1) == D(2100, 3, 1)  # 2100 is not: Fri -> Mon 1 Mar
    # February 2024 (starts Thu, 29 days) has 21 weekdays; (1 Feb, 1 Mar] drops Thu 1 Feb and
    # adds Fri 1 Mar: 21. February 2023 (starts Wed, 28 days) has 20; likewise 20.
    assert cal.working_days_between(D(2024, 2, 1), D(2024, 3, 1)) == 21
    assert cal.working_days_between(D(2023, 2, 1), D(2023, 3, 1)) == 20


def test_working_days_in_a_year(calendars: Calendars) -> None:
    # 2026 starts on a Thursday: 52 weeks and a Thursday, so 261 weekdays. Weekday holidays:
    # England and Wales 8 -> 253; Scotland 9 (2 Jan, 3 Aug, 30 Nov; no Easter Monday or
    # 31 Aug) -> 252; Northern Ireland 10 (17 Mar, and 13 Jul for Sun 12 Jul) -> 251.
    a, b = D(2025, 12, 31), D(2026, 12, 31)
    assert [calendars[d].working_days_between(a, b) for d in Division] == [253, 252, 251]
    assert [calendars[d].working_days_between(b, a) for d in Division] == [-253, -252, -251]


def test_between_for_b_before_a(calendars: Calendars) -> None:
    cal = calendars[EW]
    # b < a counts [b, a) negatively: [Fri 18, Thu 24) holds 18, 21, 22, 23.
    assert cal.working_days_between(D(2026, 12, 24), D(2026, 12, 18)) == -4
    # From a non-working a: [Mon 21, Fri 25) holds 21, 22, 23, 24.
    assert cal.working_days_between(D(2026, 12, 25), D(2026, 12, 21)) == -4
    # So add(a, between(a, b)) == b when b is a working day.
    assert cal.add_working_days(D(2026, 12, 25), -4) == D(2026, 12, 21)


def test_inclusive_counting(calendars: Calendars) -> None:
    cal = calendars[EW]
    start = D(2026, 12, 18)  # a Friday, a working day
    # Inclusive: Fri 18 is day 1, Mon 21 (2), Tue 22 (3), Wed 23 (4), Thu 24 (5).
    assert cal.add_working_days(start, 5, DayCount.INCLUSIVE) == D(2026, 12, 24)
    assert cal.add_working_days(start, 5, "inclusive") == D(2026, 12, 24)
    assert cal.add_working_days(start, 5, counting="inclusive") == D(2026, 12, 24)
    # The default and "day_zero" are the day-0 convention.
    assert cal.add_working_days(start, 5, "day_zero") == cal.add_working_days(start, 5) == D(2026, 12, 29)
    # Starting on a non-working day (Sat 19) the two conventions agree: 21, 22, 23, 24, 29.
    assert cal.add_working_days(D(2026, 12, 19), 5, "inclusive") == D(2026, 12, 29)
    assert cal.add_working_days(D(2026, 12, 19), 5) == D(2026, 12, 29)
    # Backwards: Fri 18 is day -1, Thu 17 (-2), Wed 16 (-3), Tue 15 (-4), Mon 14 (-5);
    # day zero: Thu 17 (-1) .. Mon 14 (-4), Fri 11 (-5).
    assert cal.add_working_days(start, -5, DayCount.INCLUSIVE) == D(2026, 12, 14)
    assert cal.add_working_days(start, -5) == D(2026, 12, 11)
    # Day 1 inclusive is the start itself; n == 0 is the start under both conventions.
    assert cal.add_working_days(start, 1, "inclusive") == start
    assert cal.add_working_days(start, -1, "inclusive") == start
    assert cal.add_working_days(start, 0, "inclusive") == start
    # between counts a too when it is a working day: (18, 24] has 4, [18, 24] has 5.
    assert cal.working_days_between(start, D(2026, 12, 24)) == 4
    assert cal.working_days_between(start, D(2026, 12, 24), DayCount.INCLUSIVE) == 5
    assert cal.working_days_between(start, D(2026, 12, 24), "inclusive") == 5
    assert cal.working_days_between(start, start, "inclusive") == 1
    assert cal.working_days_between(D(2026, 12, 19), D(2026, 12, 24), "inclusive") == 4
    # b < a: [18, 24) has 4; inclusive counts a = Thu 24 as well: -5.
    assert cal.working_days_between(D(2026, 12, 24), start, "inclusive") == -5
    assert cal.add_working_days(D(2026, 12, 24), -5, "inclusive") == start


def test_add_months_clamps_to_month_end() -> None:
    assert midway.add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)  # leap February
    assert midway.add_months(D(2022, 11, 30), 3) == D(2023, 2, 28)  # common February
    assert midway.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert midway.add_months(D(2024, 3, 31), -1) == D(2024, 2, 29)
    assert midway.add_months(D(2024, 8, 31), 1) == D(2024, 9, 30)
    # The end of a month does not "snap": 28 Feb + 1 month is 28 Mar, not 31 Mar.
    assert midway.add_months(D(2023, 2, 28), 1) == D(2023, 3, 28)
    assert midway.add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert midway.add_months(D(2024, 2, 29), 48) == D(2028, 2, 29)
    assert midway.add_months(D(2024, 1, 15), -1) == D(2023, 12, 15)
    assert midway.add_months(D(2026, 5, 17), 0) == D(2026, 5, 17)
    # Not limited to the calendar's range (it is date arithmetic, not working days).
    assert midway.add_months(D(1977, 12, 31), 2) == D(1978, 2, 28)
    assert type(midway.add_months(D(2026, 5, 17), 6)) is dt.date


@given(day=st.dates(min_value=D(1500, 1, 1), max_value=D(9000, 12, 31)), n=st.integers(-1200, 1200))
def test_add_months_matches_reference(day: dt.date, n: int) -> None:
    assert midway.add_months(day, n) == ref_add_months(day, n)


def test_calendar_attributes() -> None:
    cal = midway.Calendar()
    assert cal.division is Division.ENGLAND_AND_WALES
    assert cal.rules_version == "2023-05-08"
    assert cal.source == "rules 2023-05-08"
    assert repr(cal) == "Calendar('england-and-wales', source='rules 2023-05-08')"
    assert midway.Calendar("northern-ireland").division is NI
    assert midway.Calendar(division=SC).division is SC


# ---- properties against the naive reference ----


@given(division=divisions, day=dates, n=offsets)
def test_between_inverts_add(calendars: Calendars, division: Division, day: dt.date, n: int) -> None:
    cal = calendars[division]
    assert cal.working_days_between(day, cal.add_working_days(day, n)) == n


@given(division=divisions, day=dates, n=offsets.filter(lambda k: k != 0))
def test_between_inverts_add_inclusive(calendars: Calendars, division: Division, day: dt.date, n: int) -> None:
    cal = calendars[division]
    result = cal.add_working_days(day, n, "inclusive")
    if n == -1 and cal.is_working_day(day):
        # Day -1 of a working day is the day itself, and inclusive between(d, d) is +1:
        # the one place where the inclusive pair cannot be inverted.
        assert result == day
        assert cal.working_days_between(day, result, "inclusive") == 1
    else:
        assert cal.working_days_between(day, result, "inclusive") == n


@given(division=divisions, a=dates, b=dates)
def test_add_inverts_between_on_working_days(calendars: Calendars, division: Division, a: dt.date, b: dt.date) -> None:
    cal = calendars[division]
    b = b if cal.is_working_day(b) else cal.next_working_day(b)
    assert cal.add_working_days(a, cal.working_days_between(a, b)) == b


@given(division=divisions, day=dates, n=offsets.filter(lambda k: k != 0), counting=countings)
def test_results_are_working_days(
    calendars: Calendars, division: Division, day: dt.date, n: int, counting: DayCount
) -> None:
    cal = calendars[division]
    result = cal.add_working_days(day, n, counting)
    assert cal.is_working_day(result)
    assert (result > day if n > 0 else result < day) or (counting is DayCount.INCLUSIVE and abs(n) == 1)


@given(division=divisions, day=dates, n=offsets, counting=countings)
def test_add_is_monotonic_in_n(
    calendars: Calendars, division: Division, day: dt.date, n: int, counting: DayCount
) -> None:
    cal = calendars[division]
    here, after = cal.add_working_days(day, n, counting), cal.add_working_days(day, n + 1, counting)
    if counting is DayCount.DAY_ZERO:
        assert here < after
    else:
        assert here <= after  # inclusive: -1, 0 and 1 all give the (working) start date


@given(division=divisions, day=dates, n=offsets, counting=countings)
def test_add_matches_reference(
    calendars: Calendars, reference_holidays: Holidays, division: Division, day: dt.date, n: int, counting: DayCount
) -> None:
    expected = ref_add(day, n, reference_holidays[division], counting)
    assert calendars[division].add_working_days(day, n, counting) == expected


@given(division=divisions, a=dates, n=st.integers(-200, 200), counting=countings)
def test_between_matches_reference(
    calendars: Calendars, reference_holidays: Holidays, division: Division, a: dt.date, n: int, counting: DayCount
) -> None:
    b = a + dt.timedelta(days=n)
    expected = ref_between(a, b, reference_holidays[division], counting)
    assert calendars[division].working_days_between(a, b, counting) == expected


@given(division=divisions, day=st.dates(min_value=D(2012, 1, 1), max_value=D(2028, 12, 31)))
def test_is_working_day_matches_feed(
    calendars: Calendars, reference_holidays: Holidays, division: Division, day: dt.date
) -> None:
    # For 2012-2028 the reference holiday set is the GOV.UK feed read with json alone.
    assert calendars[division].is_working_day(day) is ref_is_working(day, reference_holidays[division])


@given(division=divisions, day=dates)
def test_next_and_previous_match_add(calendars: Calendars, division: Division, day: dt.date) -> None:
    cal = calendars[division]
    assert cal.next_working_day(day) == cal.add_working_days(day, 1)
    assert cal.previous_working_day(day) == cal.add_working_days(day, -1)


# ---- the numpy bulk API ----


def random_days(rng: np.random.Generator, shape: int | tuple[int, ...]) -> npt.NDArray[np.datetime64]:
    lo = np.datetime64("1990-01-01", "D").astype(np.int64)
    hi = np.datetime64("2060-12-31", "D").astype(np.int64)
    return rng.integers(lo, hi, size=shape, endpoint=True).astype("datetime64[D]")


def as_dates(days: npt.NDArray[np.datetime64]) -> list[dt.date]:
    out: list[dt.date] = days.astype("datetime64[D]").ravel().tolist()
    return out


def all_holidays(cal: midway.Calendar) -> npt.NDArray[np.datetime64]:
    return np.array([h.date for year in range(1978, 2200) for h in cal.holidays(year)], dtype="datetime64[D]")


@pytest.mark.parametrize("counting", list(DayCount), ids=lambda c: c.name.lower())
def test_bulk_equals_scalar(calendar: midway.Calendar, counting: DayCount) -> None:
    rng = np.random.default_rng(20261218)
    days = random_days(rng, 3000)
    ns = rng.integers(-130, 130, size=3000, endpoint=True)
    other = random_days(rng, 3000)

    added = calendar.add_working_days(days, ns, counting)
    assert added.dtype == np.dtype("datetime64[D]") and added.shape == (3000,)
    assert as_dates(added) == [calendar.add_working_days(d, int(n), counting) for d, n in zip(as_dates(days), ns)]

    between = calendar.working_days_between(days, other, counting)
    assert between.dtype == np.int64 and between.shape == (3000,)
    assert between.tolist() == [calendar.working_days_between(a, b, counting) for a, b in zip(as_dates(days), as_dates(other))]

    working = calendar.is_working_day(days)
    assert working.dtype == np.bool_ and working.shape == (3000,)
    assert working.tolist() == [calendar.is_working_day(d) for d in as_dates(days)]


def test_bulk_accepts_date_representations(calendars: Calendars) -> None:
    cal = calendars[EW]
    as_list = [D(2026, 12, 18), D(2026, 12, 24), D(2026, 12, 25), D(2027, 1, 1)]
    day_array = np.array(as_list, dtype="datetime64[D]")
    # + 5: Fri 18 Dec -> Tue 29 Dec (as above); Thu 24 Dec -> 29, 30, 31, (1 Jan holiday), 4, Tue 5 Jan;
    # Christmas Day -> the same Tue 5 Jan; Fri 1 Jan 2027 -> Mon 4 .. Fri 8 Jan.
    expected = np.array(["2026-12-29", "2027-01-05", "2027-01-05", "2027-01-08"], dtype="datetime64[D]")
    for value in (
        day_array,
        day_array.astype("datetime64[ns]"),  # midnight in a finer unit
        day_array.astype("datetime64[s]"),
        day_array.astype("datetime64[h]"),
        as_list,  # a list of datetime.date
        tuple(as_list),
        [np.datetime64(d, "D") for d in as_list],
        np.array(as_list, dtype=object),
    ):
        got = cal.add_working_days(value, 5)
        assert got.dtype == np.dtype("datetime64[D]")
        np.testing.assert_array_equal(got, expected)
        np.testing.assert_array_equal(cal.is_working_day(value), [True, True, False, False])
        np.testing.assert_array_equal(cal.working_days_between(value, expected), [5, 5, 5, 5])
    # A coarser unit is a whole day too: months are their first day.
    months = np.array(["2026-01", "2026-02"], dtype="datetime64[M]")
    np.testing.assert_array_equal(cal.is_working_day(months), [False, False])  # 1 Jan holiday, 1 Feb Sunday
    # Non-contiguous and big-endian inputs.
    long = np.arange("2026-12-14", "2027-01-11", dtype="datetime64[D]")
    np.testing.assert_array_equal(cal.is_working_day(long[::7]), [True, True, False, True])  # Mondays; 28 Dec holiday
    np.testing.assert_array_equal(cal.is_working_day(long.astype(">M8[D]")), cal.is_working_day(long))
    # Offsets: any integer dtype, lists of int.
    for n in (np.array([5] * 4, dtype=np.int8), np.array([5] * 4, dtype=np.uint16), [5, 5, 5, 5], np.int32(5)):
        np.testing.assert_array_equal(cal.add_working_days(day_array, n), expected)


def test_bulk_broadcasts_size_one_operands(calendars: Calendars) -> None:
    cal = calendars[EW]
    days = np.array(["2026-12-18", "2026-12-21", "2026-12-24"], dtype="datetime64[D]")
    # A scalar datetime.date with an array of offsets: Fri 18 Dec + 1..3.
    got = cal.add_working_days(D(2026, 12, 18), np.array([1, 2, 3]))
    np.testing.assert_array_equal(got, np.array(["2026-12-21", "2026-12-22", "2026-12-23"], dtype="datetime64[D]"))
    # An array of dates with a scalar int, or a size-1 array.
    expected = np.array(["2026-12-21", "2026-12-22", "2026-12-29"], dtype="datetime64[D]")
    np.testing.assert_array_equal(cal.add_working_days(days, 1), expected)
    np.testing.assert_array_equal(cal.add_working_days(days, np.array([1])), expected)
    np.testing.assert_array_equal(cal.add_working_days(days, [[1]]), expected)
    np.testing.assert_array_equal(cal.add_working_days(days[:1], np.array([1, 2, 3])), got)
    # working_days_between with a scalar on either side: (Fri 18, Thu 31] holds 21-24 and
    # 29-31 (7); from Mon 21, 6; from Thu 24, 29-31 (3). Backwards, [b, 31 Dec) holds as many.
    np.testing.assert_array_equal(cal.working_days_between(days, D(2026, 12, 31)), [7, 6, 3])
    np.testing.assert_array_equal(cal.working_days_between(D(2026, 12, 31), days), [-7, -6, -3])
    np.testing.assert_array_equal(cal.working_days_between(days, days[2:]), [4, 3, 0])
    # Empty arrays give empty results.
    empty = np.array([], dtype="datetime64[D]")
    assert cal.add_working_days(empty, 1).shape == (0,)
    assert cal.working_days_between(empty, D(2026, 1, 1)).shape == (0,)
    assert cal.is_working_day(empty).shape == (0,)


def test_bulk_output_dtypes_and_shapes(calendar: midway.Calendar) -> None:
    rng = np.random.default_rng(7)
    days = random_days(rng, (4, 5))
    ns = rng.integers(-130, 130, size=(4, 5), endpoint=True)
    added = calendar.add_working_days(days, ns)
    between = calendar.working_days_between(days, added)
    working = calendar.is_working_day(days)
    assert (added.dtype, between.dtype, working.dtype) == (np.dtype("datetime64[D]"), np.dtype(np.int64), np.dtype(bool))
    assert added.shape == between.shape == working.shape == (4, 5)
    np.testing.assert_array_equal(between, ns)
    for i in range(4):
        for j in range(5):
            d = days[i, j].item()
            assert added[i, j].item() == calendar.add_working_days(d, int(ns[i, j]))
            assert bool(working[i, j]) is calendar.is_working_day(d)
    # Fortran-ordered and transposed inputs keep their logical layout.
    np.testing.assert_array_equal(calendar.add_working_days(days.T, ns.T), added.T)
    np.testing.assert_array_equal(calendar.is_working_day(np.asfortranarray(days)), working)
    # A 2-D array with a size-1 operand keeps the 2-D shape; 3-D works too.
    assert calendar.add_working_days(days, 3).shape == (4, 5)
    assert calendar.working_days_between(D(2026, 1, 1), days).shape == (4, 5)
    assert calendar.is_working_day(days.reshape(2, 2, 5)).shape == (2, 2, 5)


def test_bulk_zero_dimensional_inputs_keep_their_shape(calendars: Calendars) -> None:
    # A numpy scalar or 0-d array in gives a 0-d result out, as numpy's own functions do
    # (np.busday_offset(np.datetime64("2026-12-18"), 5) is a scalar).
    cal = calendars[EW]
    day = np.datetime64("2026-12-18", "D")
    assert np.shape(np.busday_offset(day, 5)) == ()
    assert np.shape(cal.is_working_day(day)) == ()
    assert np.shape(cal.is_working_day(np.array(day))) == ()
    assert np.shape(cal.add_working_days(day, 5)) == ()
    assert np.shape(cal.working_days_between(day, np.datetime64("2026-12-29", "D"))) == ()


@pytest.mark.parametrize("seed", [1, 2])
def test_bulk_matches_numpy_busday(calendar: midway.Calendar, seed: int) -> None:
    rng = np.random.default_rng(seed)
    holidays = all_holidays(calendar)
    days = random_days(rng, 5000)
    ns = rng.integers(1, 130, size=5000, endpoint=True)
    # Positive offsets: roll a non-working start back to the previous working day, then step.
    expected = np.busday_offset(days, ns, roll="backward", holidays=holidays)
    np.testing.assert_array_equal(calendar.add_working_days(days, ns), expected)
    # Negative offsets: the mirror image.
    expected = np.busday_offset(days, -ns, roll="forward", holidays=holidays)
    np.testing.assert_array_equal(calendar.add_working_days(days, -ns), expected)
    # between(a, b) for b >= a counts (a, b], numpy's [a + 1, b + 1).
    other = days + rng.integers(0, 400, size=5000)
    one = np.timedelta64(1, "D")
    np.testing.assert_array_equal(
        calendar.working_days_between(days, other), np.busday_count(days + one, other + one, holidays=holidays)
    )
    # For b < a it is minus the count of [b, a), numpy's busday_count(b, a). (numpy's own
    # negative count, busday_count(a, b), is minus (b, a] instead; midway's choice is the one
    # that makes add_working_days(a, between(a, b)) == b.)
    np.testing.assert_array_equal(calendar.working_days_between(other, days), -np.busday_count(days, other, holidays=holidays))
    np.testing.assert_array_equal(calendar.is_working_day(days), np.is_busday(days, holidays=holidays))


def test_bulk_error_leaves_inputs_unchanged(calendars: Calendars) -> None:
    # An error part-way (NaT at index 2) raises; the inputs are not modified.
    cal = calendars[EW]
    days = np.array(["2026-12-18", "2026-12-21", "NaT", "2026-12-24"], dtype="datetime64[D]")
    before = days.copy()
    with pytest.raises(midway.OutOfRangeError):
        cal.add_working_days(days, 1)
    np.testing.assert_array_equal(days, before)


def test_scalar_and_bulk_result_types(calendars: Calendars) -> None:
    # assert_type is checked by mypy (the _core.pyi overloads); isinstance by pytest.
    cal = calendars[EW]
    day = D(2026, 12, 18)
    days = np.array(["2026-12-18", "2026-12-21"], dtype="datetime64[D]")
    ns = np.array([1, 2], dtype=np.int64)

    scalar_add = assert_type(cal.add_working_days(day, 5), dt.date)
    scalar_between = assert_type(cal.working_days_between(day, D(2026, 12, 29)), int)
    scalar_working = assert_type(cal.is_working_day(day), bool)
    assert type(scalar_add) is dt.date and type(scalar_between) is int and type(scalar_working) is bool

    bulk_add = assert_type(cal.add_working_days(days, ns), npt.NDArray[np.datetime64])
    bulk_add_scalar_n = assert_type(cal.add_working_days(days, 5), npt.NDArray[np.datetime64])
    bulk_add_scalar_date = assert_type(cal.add_working_days(day, ns), npt.NDArray[np.datetime64])
    bulk_add_list = assert_type(cal.add_working_days([day, day], [1, 2]), npt.NDArray[np.datetime64])
    bulk_between = assert_type(cal.working_days_between(days, day), npt.NDArray[np.int64])
    bulk_between_rev = assert_type(cal.working_days_between(day, days), npt.NDArray[np.int64])
    bulk_working = assert_type(cal.is_working_day(days), npt.NDArray[np.bool_])
    bulk_working_list = assert_type(cal.is_working_day([day]), npt.NDArray[np.bool_])
    for array in (bulk_add, bulk_add_scalar_n, bulk_add_scalar_date, bulk_add_list):
        assert isinstance(array, np.ndarray) and array.dtype == np.dtype("datetime64[D]")
    for counts in (bulk_between, bulk_between_rev):
        assert isinstance(counts, np.ndarray) and counts.dtype == np.int64
    for flags in (bulk_working, bulk_working_list):
        assert isinstance(flags, np.ndarray) and flags.dtype == np.bool_

    assert_type(cal.holidays(2026), list[midway.Holiday])
    assert_type(cal.division, Division)
    assert_type(midway.Calendar.first_date(), dt.date)
    assert_type(midway.division_name(SC), Literal["england-and-wales", "scotland", "northern-ireland"])


def test_bulk_calls_from_many_threads(calendars: Calendars) -> None:
    # The bulk loops run without the GIL; concurrent calls on one calendar must agree with
    # a single-threaded run.
    cal = calendars[SC]
    rng = np.random.default_rng(99)
    days = random_days(rng, 20_000)
    ns = rng.integers(-130, 130, size=20_000, endpoint=True)
    expected = cal.add_working_days(days, ns)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: cal.add_working_days(days, ns), range(16)))
    for result in results:
        np.testing.assert_array_equal(result, expected)
