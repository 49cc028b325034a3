"""Bank holidays: the built-in rules and proclamations against the GOV.UK feed, the feed
loader, HolidayRules.extended, Proclamation, Holiday and easter_sunday.
(Mirrors tests/cpp/test_holidays.cpp.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

import midway
from midway import Division, HolidayId, HolidayOrigin, ProclamationAction

FEED_YEARS = range(2012, 2029)
FeedEvent = tuple[dt.date, str, str]
Feed = dict[Division, dict[int, list[FeedEvent]]]

D = dt.date

# GOV.UK contradicts itself on Scotland when 1 January is a Sunday: in 2017 it calls Mon 2 Jan
# "2nd January" and Tue 3 Jan the substitute "New Year's Day"; in 2023 it gives Mon 2 Jan the
# name "New Year's Day" and Tue 3 Jan "2nd January". The rules follow 2017 (each fixed day keeps
# its own date when it can), so for 2023 the dates agree and the two titles are swapped. This
# table pins that one known difference; every other (division, year) must match the feed exactly.
KNOWN_TITLE_DIFFERENCES: dict[tuple[Division, int], list[tuple[dt.date, str]]] = {
    (Division.SCOTLAND, 2023): [
        (D(2023, 1, 2), "2nd January"),  # feed: "New Year’s Day" (substitute)
        (D(2023, 1, 3), "New Year’s Day"),  # feed: "2nd January" (substitute)
    ],
}

DIVISION_YEARS = [(d, y) for d in Division for y in FEED_YEARS]
DIVISION_YEAR_IDS = [f"{midway.division_name(d)}-{y}" for d, y in DIVISION_YEARS]


def expected_from_feed(feed: Feed, division: Division, year: int) -> list[tuple[dt.date, str]]:
    expected = [(day, title) for day, title, _ in feed[division][year]]
    for day, title in KNOWN_TITLE_DIFFERENCES.get((division, year), []):
        index = [d for d, _ in expected].index(day)
        expected[index] = (day, title)
    return expected


# ---- built-in rules against the GOV.UK feed ----


@pytest.mark.parametrize(("division", "year"), DIVISION_YEARS, ids=DIVISION_YEAR_IDS)
def test_builtin_rules_match_govuk_feed(feed: Feed, division: Division, year: int) -> None:
    rules = midway.HolidayRules.builtin()
    got = rules.holidays(division, year)
    assert [(h.date, h.name) for h in got] == expected_from_feed(feed, division, year)
    # The string name selects the same division.
    assert rules.holidays(midway.division_name(division), year) == got
    assert all(h.origin in (HolidayOrigin.RULE, HolidayOrigin.PROCLAMATION) for h in got)


@pytest.mark.parametrize(("division", "year"), DIVISION_YEARS, ids=DIVISION_YEAR_IDS)
def test_calendar_holidays_match_govuk_feed(
    feed: Feed, calendars: dict[Division, midway.Calendar], division: Division, year: int
) -> None:
    got = calendars[division].holidays(year)
    assert [(h.date, h.name) for h in got] == expected_from_feed(feed, division, year)
    assert got == midway.HolidayRules.builtin().holidays(division, year)


def test_known_title_differences_are_only_titles(feed: Feed) -> None:
    # The pinned Scotland 2023 difference: same dates, both names present, only swapped.
    for (division, year), pinned in KNOWN_TITLE_DIFFERENCES.items():
        from_feed = {day: title for day, title, _ in feed[division][year]}
        from_rules = {h.date: h.name for h in midway.HolidayRules.builtin().holidays(division, year)}
        assert from_feed.keys() == from_rules.keys()
        assert sorted(from_feed.values()) == sorted(from_rules.values())
        assert [(day, from_rules[day]) for day, _ in pinned] == pinned
        assert all(from_feed[day] != title for day, title in pinned)


def test_substitute_days_are_flagged(calendars: dict[Division, midway.Calendar]) -> None:
    # 2026-12-26 is a Saturday: Boxing Day moves to Monday 28 December.
    boxing = [h for h in calendars[Division.ENGLAND_AND_WALES].holidays(2026) if h.name == "Boxing Day"]
    assert [(h.date, h.substitute, h.origin) for h in boxing] == [(D(2026, 12, 28), True, HolidayOrigin.RULE)]
    # 2021: Christmas Day (Sat) and Boxing Day (Sun) give Mon 27 and Tue 28.
    late = [(h.date, h.name, h.substitute) for h in calendars[Division.SCOTLAND].holidays(2021) if h.date.month == 12]
    assert late == [(D(2021, 12, 27), "Christmas Day", True), (D(2021, 12, 28), "Boxing Day", True)]
    # Scotland 2022: 1 Jan is a Saturday, 2 Jan a Sunday: Mon 3 and Tue 4 January.
    early = [(h.date, h.name, h.substitute) for h in calendars[Division.SCOTLAND].holidays(2022) if h.date.month == 1]
    assert early == [(D(2022, 1, 3), "New Year’s Day", True), (D(2022, 1, 4), "2nd January", True)]


def test_proclaimed_holidays_have_proclamation_origin(calendars: dict[Division, midway.Calendar]) -> None:
    for division in Division:
        by_date = {h.date: h for year in (2020, 2022, 2023) for h in calendars[division].holidays(year)}
        assert by_date[D(2020, 5, 8)].name == "Early May bank holiday (VE day)"
        assert by_date[D(2022, 6, 2)].name == "Spring bank holiday"
        assert by_date[D(2022, 6, 3)].name == "Platinum Jubilee bank holiday"
        assert by_date[D(2022, 9, 19)].name == "Bank Holiday for the State Funeral of Queen Elizabeth II"
        assert by_date[D(2023, 5, 8)].name == "Bank holiday for the coronation of King Charles III"
        for day in (D(2020, 5, 8), D(2022, 6, 2), D(2022, 6, 3), D(2022, 9, 19), D(2023, 5, 8)):
            assert by_date[day].origin is HolidayOrigin.PROCLAMATION
            assert by_date[day].substitute is False
        # The regular dates the proclamations moved are not holidays.
        assert D(2020, 5, 4) not in by_date
        assert D(2022, 5, 30) not in by_date


def test_division_specific_holidays(calendars: dict[Division, midway.Calendar]) -> None:
    def names(division: Division, year: int) -> set[str]:
        return {h.name for h in calendars[division].holidays(year)}

    ew, sc, ni = (names(d, 2026) for d in Division)
    assert "2nd January" in sc and "2nd January" not in ew | ni
    assert "St Andrew’s Day" in sc and "St Andrew’s Day" not in ew | ni
    assert "Easter Monday" in ew & ni and "Easter Monday" not in sc
    assert {"St Patrick’s Day", "Battle of the Boyne (Orangemen’s Day)"} <= ni - ew - sc
    # St Andrew's Day is a bank holiday from 2007 only.
    assert "St Andrew’s Day" not in names(Division.SCOTLAND, 2006)
    assert "St Andrew’s Day" in names(Division.SCOTLAND, 2007)
    # Summer: first Monday in August in Scotland, last elsewhere.
    summer = {d: [h.date for h in calendars[d].holidays(2026) if h.name == "Summer bank holiday"] for d in Division}
    assert summer == {
        Division.ENGLAND_AND_WALES: [D(2026, 8, 31)],
        Division.SCOTLAND: [D(2026, 8, 3)],
        Division.NORTHERN_IRELAND: [D(2026, 8, 31)],
    }


def test_every_supported_year_has_holidays_in_order(calendars: dict[Division, midway.Calendar]) -> None:
    for division, cal in calendars.items():
        for year in range(1978, 2200):
            days = [h.date for h in cal.holidays(year)]
            assert days == sorted(set(days))
            assert all(d.year == year and d.weekday() < 5 for d in days)
            # 8 in England and Wales, 9 in Scotland, 10 in Northern Ireland, plus proclaimed extras.
            assert len(days) >= {Division.ENGLAND_AND_WALES: 8, Division.SCOTLAND: 9, Division.NORTHERN_IRELAND: 10}[
                division
            ] - (1 if division is Division.SCOTLAND and year < 2007 else 0)


# ---- the GOV.UK feed loader ----


@pytest.mark.parametrize("division", list(Division), ids=midway.division_name)
def test_from_govuk_json_holidays_are_the_feeds(
    feed: Feed, feed_path: Path, feed_calendars: dict[Division, midway.Calendar], division: Division
) -> None:
    cal = feed_calendars[division]
    assert cal.division is division
    assert cal.source == "rules 2023-05-08 + GOV.UK feed 2012-2028"
    assert cal.rules_version == "2023-05-08"
    for year in FEED_YEARS:
        got = cal.holidays(year)
        assert [(h.date, h.name) for h in got] == [(day, title) for day, title, _ in feed[division][year]]
        assert [h.substitute for h in got] == ["Substitute" in notes for _, _, notes in feed[division][year]]
        assert all(h.origin is HolidayOrigin.GOVUK_FEED for h in got)
    # Outside the feed's years the rules extend it.
    builtin = midway.Calendar(division)
    for year in (1978, 2011, 2029, 2199):
        assert cal.holidays(year) == builtin.holidays(year)


@pytest.mark.parametrize("division", list(Division), ids=midway.division_name)
def test_from_govuk_json_agrees_with_rules_on_working_days(
    feed_calendars: dict[Division, midway.Calendar],
    calendars: dict[Division, midway.Calendar],
    reference_holidays: dict[Division, frozenset[dt.date]],
    division: Division,
) -> None:
    days = np.arange("2012-01-01", "2029-01-01", dtype="datetime64[D]")
    from_feed = feed_calendars[division].is_working_day(days)
    from_rules = calendars[division].is_working_day(days)
    assert from_feed.dtype == np.bool_ and from_feed.shape == days.shape
    np.testing.assert_array_equal(from_feed, from_rules)
    # And both agree with the feed read by the json module: weekdays not in the feed.
    holidays = reference_holidays[division]
    expected = np.array([d.weekday() < 5 and d not in holidays for d in days.tolist()])
    np.testing.assert_array_equal(from_feed, expected)
    assert int(from_feed.sum()) == len(days) - int((~expected).sum())


def test_from_govuk_json_accepts_str_and_path(feed_path: Path) -> None:
    a = midway.Calendar.from_govuk_json(str(feed_path), "scotland")
    b = midway.Calendar.from_govuk_json(feed_path, Division.SCOTLAND)
    assert a.holidays(2026) == b.holidays(2026)
    assert repr(a) == "Calendar('scotland', source='rules 2023-05-08 + GOV.UK feed 2012-2028')"
    # The default division is england-and-wales.
    assert midway.Calendar.from_govuk_json(feed_path).division is Division.ENGLAND_AND_WALES


def test_from_govuk_json_text_equals_from_file(feed_path: Path) -> None:
    text = feed_path.read_text(encoding="utf-8")
    for division in Division:
        a = midway.Calendar.from_govuk_json_text(text, division)
        b = midway.Calendar.from_govuk_json(feed_path, division)
        assert a.source == b.source
        for year in (2011, 2012, 2020, 2028, 2029):
            assert a.holidays(year) == b.holidays(year)


def test_feed_with_fewer_years_is_extended_by_rules() -> None:
    text = (
        '{"scotland": {"division": "scotland", "events": ['
        '{"title": "Local day", "date": "2026-06-15", "notes": "", "bunting": true},'
        '{"title": "Christmas Day", "date": "2026-12-25", "notes": "", "bunting": true}]}}'
    )
    cal = midway.Calendar.from_govuk_json_text(text, "scotland")
    assert cal.source == "rules 2023-05-08 + GOV.UK feed 2026-2026"
    # For 2026 the feed replaces the rules entirely: only its two days are holidays.
    assert [(h.date, h.name, h.origin) for h in cal.holidays(2026)] == [
        (D(2026, 6, 15), "Local day", HolidayOrigin.GOVUK_FEED),
        (D(2026, 12, 25), "Christmas Day", HolidayOrigin.GOVUK_FEED),
    ]
    assert cal.is_working_day(D(2026, 1, 2)) is True  # 2nd January is not in this feed
    assert cal.is_working_day(D(2026, 6, 15)) is False
    # Other years come from the rules.
    assert cal.holidays(2025) == midway.Calendar("scotland").holidays(2025)
    assert cal.is_working_day(D(2027, 1, 1)) is False


# ---- HolidayRules, Proclamation ----


def scotland_2026_06_15() -> midway.Proclamation:
    return midway.Proclamation(
        "add", D(2026, 6, 15), name="Bank holiday", divisions=["scotland"], source="Scottish Government, 2026"
    )


def test_extended_with_scotland_only_day_changes_only_scotland() -> None:
    builtin = midway.HolidayRules.builtin()
    rules = builtin.extended("builtin+scotland-2026-06-15", [scotland_2026_06_15()])
    assert rules.version == "builtin+scotland-2026-06-15"
    assert len(rules.proclamations) == len(builtin.proclamations) + 1
    assert repr(rules.proclamations[-1]) == "Proclamation('add', 2026-06-15, name='Bank holiday')"

    new = rules.holidays("scotland", 2026)
    old = builtin.holidays("scotland", 2026)
    added = [h for h in new if h not in old]
    assert [(h.date, h.name, h.substitute, h.origin) for h in added] == [
        (D(2026, 6, 15), "Bank holiday", False, HolidayOrigin.PROCLAMATION)
    ]
    assert [h for h in new if h.date != D(2026, 6, 15)] == old
    for year in range(2012, 2029):
        for division in (Division.ENGLAND_AND_WALES, Division.NORTHERN_IRELAND):
            assert rules.holidays(division, year) == builtin.holidays(division, year)
        if year != 2026:
            assert rules.holidays(Division.SCOTLAND, year) == builtin.holidays(Division.SCOTLAND, year)

    # The built-in table itself is untouched.
    assert midway.HolidayRules.builtin().version == "2023-05-08"
    assert len(midway.HolidayRules.builtin().proclamations) == len(builtin.proclamations)

    # Calendars built with the extended rules see the day; others do not.
    scotland = midway.Calendar("scotland", rules=rules)
    assert scotland.rules_version == "builtin+scotland-2026-06-15"
    assert scotland.source == "rules builtin+scotland-2026-06-15"
    assert scotland.is_working_day(D(2026, 6, 15)) is False
    # Fri 12 June + 1 working day: Mon 15 is the new holiday, so Tue 16.
    assert scotland.add_working_days(D(2026, 6, 12), 1) == D(2026, 6, 16)
    assert midway.Calendar("scotland").add_working_days(D(2026, 6, 12), 1) == D(2026, 6, 15)
    assert midway.Calendar("england-and-wales", rules=rules).is_working_day(D(2026, 6, 15)) is True
    assert midway.Calendar("northern-ireland", rules=rules).is_working_day(D(2026, 6, 15)) is True


def test_feed_overrides_extended_rules_for_its_years(feed_path: Path) -> None:
    # The shipped feed lacks 2026-06-15 and covers 2026, so the feed wins over the rules.
    rules = midway.HolidayRules.builtin().extended("x", [scotland_2026_06_15()])
    cal = midway.Calendar.from_govuk_json(feed_path, "scotland", rules=rules)
    assert cal.rules_version == "x"
    assert cal.is_working_day(D(2026, 6, 15)) is True


def test_extended_later_entries_win() -> None:
    builtin = midway.HolidayRules.builtin()
    renamed = midway.Proclamation("add", D(2023, 5, 8), name="Coronation")
    rules = builtin.extended("renamed", [renamed])
    # Same action, date and divisions: the new entry replaces the old one.
    assert len(rules.proclamations) == len(builtin.proclamations)
    assert [h.name for h in rules.holidays("england-and-wales", 2023) if h.date == D(2023, 5, 8)] == ["Coronation"]


def test_remove_proclamation() -> None:
    # Remove Christmas Day 2026 (a Friday) in Northern Ireland only.
    rules = midway.HolidayRules.builtin().extended(
        "no-xmas", [midway.Proclamation(ProclamationAction.REMOVE, D(2026, 12, 25), divisions=[Division.NORTHERN_IRELAND])]
    )
    ni = [h.date for h in rules.holidays("northern-ireland", 2026)]
    assert D(2026, 12, 25) not in ni and D(2026, 12, 28) in ni
    assert D(2026, 12, 25) in [h.date for h in rules.holidays("england-and-wales", 2026)]


def test_holiday_rules_from_scratch() -> None:
    # An empty table: the statutory rules only, so 2020's early May holiday is Mon 4 May.
    rules = midway.HolidayRules("rules-only", [])
    assert repr(rules) == "HolidayRules(version='rules-only', proclamations=0)"
    assert rules.proclamations == []
    early_may = [h for h in rules.holidays("england-and-wales", 2020) if h.date.month == 5]
    assert [(h.date, h.name, h.origin) for h in early_may] == [
        (D(2020, 5, 4), "Early May bank holiday", HolidayOrigin.RULE),
        (D(2020, 5, 25), "Spring bank holiday", HolidayOrigin.RULE),
    ]


def test_builtin_holiday_rules() -> None:
    rules = midway.HolidayRules.builtin()
    assert rules.version == "2023-05-08"
    assert repr(rules) == "HolidayRules(version='2023-05-08', proclamations=13)"
    by_date = {p.date: p for p in rules.proclamations}
    ve = by_date[D(2020, 5, 8)]
    assert ve.action is ProclamationAction.MOVE
    assert ve.moved is HolidayId.EARLY_MAY
    assert ve.name == "Early May bank holiday (VE day)"
    assert ve.divisions == []
    assert "VE day" in ve.source
    assert repr(ve) == "Proclamation('move', 2020-05-08, name='Early May bank holiday (VE day)', moved='early_may')"
    coronation = by_date[D(2023, 5, 8)]
    assert coronation.action is ProclamationAction.ADD and coronation.moved is None
    # The 13 proclamations of 1978-2023 listed in docs/calendar.md, one per date.
    assert len(by_date) == len(rules.proclamations) == 13
    assert set(by_date) == {
        D(1981, 7, 29), D(1995, 5, 8), D(1999, 12, 31), D(2002, 6, 3), D(2002, 6, 4), D(2011, 4, 29),
        D(2012, 6, 4), D(2012, 6, 5), D(2020, 5, 8), D(2022, 6, 2), D(2022, 6, 3), D(2022, 9, 19),
        D(2023, 5, 8),
    }  # fmt: skip
    assert all(p.divisions == [] and p.source.startswith("Proclamation") for p in rules.proclamations)


def test_proclamation_attributes_and_repr() -> None:
    p = midway.Proclamation(
        ProclamationAction.MOVE,
        D(2020, 5, 8),
        name="VE day",
        moved=HolidayId.EARLY_MAY,
        divisions=[Division.SCOTLAND, "northern-ireland"],
        source="a citation",
    )
    assert p.action is ProclamationAction.MOVE
    assert p.date == D(2020, 5, 8) and type(p.date) is dt.date
    assert p.name == "VE day"
    assert p.moved is HolidayId.EARLY_MAY
    assert p.divisions == [Division.SCOTLAND, Division.NORTHERN_IRELAND]
    assert p.source == "a citation"
    assert repr(p) == "Proclamation('move', 2020-05-08, name='VE day', moved='early_may')"
    # String names for the enums; defaults for the keyword arguments.
    q = midway.Proclamation("move", D(2020, 5, 8), moved="early_may")
    assert (q.action, q.moved, q.name, q.divisions, q.source) == (
        ProclamationAction.MOVE, HolidayId.EARLY_MAY, "", [], ""
    )  # fmt: skip
    assert repr(q) == "Proclamation('move', 2020-05-08, name='', moved='early_may')"
    r = midway.Proclamation("add", D(2030, 1, 7), name="Extra")
    assert repr(r) == "Proclamation('add', 2030-01-07, name='Extra')"


def test_proclamation_arguments_after_date_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        midway.Proclamation("add", D(2030, 1, 7), "Extra")  # type: ignore[call-arg]


def test_holiday_value_semantics(calendars: dict[Division, midway.Calendar]) -> None:
    a = calendars[Division.ENGLAND_AND_WALES].holidays(2026)
    b = midway.Calendar().holidays(2026)
    assert a == b and a[0] == b[0] and a[0] != a[1]
    assert a[0] != "New Year’s Day"
    h = a[-1]
    assert (h.date, h.name, h.substitute, h.origin) == (D(2026, 12, 28), "Boxing Day", True, HolidayOrigin.RULE)
    assert repr(h) == "Holiday(2026-12-28, 'Boxing Day', substitute=True, origin='rule')"
    assert repr(a[0]) == "Holiday(2026-01-01, 'New Year’s Day', origin='rule')"
    with pytest.raises(TypeError):
        hash(h)
    with pytest.raises(TypeError):
        midway.Holiday()


def test_enums() -> None:
    assert [(m.name, m.value) for m in Division] == [("ENGLAND_AND_WALES", 0), ("SCOTLAND", 1), ("NORTHERN_IRELAND", 2)]
    assert [m.value for m in HolidayId] == list(range(12))
    assert [m.name for m in HolidayOrigin] == ["RULE", "PROCLAMATION", "GOVUK_FEED", "CLOSURE"]
    assert [m.name for m in ProclamationAction] == ["MOVE", "ADD", "REMOVE"]
    assert [m.name for m in midway.DayCount] == ["DAY_ZERO", "INCLUSIVE"]
    assert [midway.division_name(d) for d in Division] == ["england-and-wales", "scotland", "northern-ireland"]
    assert midway.division_name("scotland") == "scotland"


# ---- Easter ----


def easter_oudin(year: int) -> dt.date:
    """Easter Sunday by Oudin's algorithm (1940), a different derivation from midway's."""
    g = year % 19
    c = year // 100
    h = (c - c // 4 - (8 * c + 13) // 25 + 19 * g + 15) % 30
    i = h - (h // 28) * (1 - (h // 28) * (29 // (h + 1)) * ((21 - g) // 11))
    j = (year + year // 4 + i + 2 - c + c // 4) % 7
    n = i - j
    month = 3 + (n + 40) // 44
    return dt.date(year, month, n + 28 - 31 * (month // 4))


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1978, D(1978, 3, 26)),
        (2000, D(2000, 4, 23)),
        (2008, D(2008, 3, 23)),
        (2011, D(2011, 4, 24)),  # latest in a century: 24 April
        (2019, D(2019, 4, 21)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2038, D(2038, 4, 25)),  # the latest possible date
        (2285, D(2285, 3, 22)),  # the earliest possible date
    ],
)
def test_easter_sunday_known_years(year: int, expected: dt.date) -> None:
    got = midway.easter_sunday(year)
    assert got == expected and type(got) is dt.date and got.weekday() == 6


def test_easter_sunday_agrees_with_oudin() -> None:
    for year in range(1583, 4100):
        assert midway.easter_sunday(year) == easter_oudin(year), year


def test_good_friday_and_easter_monday_follow_easter(feed: Feed) -> None:
    for year in FEED_YEARS:
        easter = midway.easter_sunday(year)
        ew = {day: title for day, title, _ in feed[Division.ENGLAND_AND_WALES][year]}
        assert ew[easter - dt.timedelta(days=2)] == "Good Friday"
        assert ew[easter + dt.timedelta(days=1)] == "Easter Monday"
