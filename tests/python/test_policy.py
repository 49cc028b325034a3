"""Policy through the binding: the presets and their documented values, keyword overrides, bad
keywords and bad types, and the JSON round trip. (Mirrors tests/cpp/test_policy.cpp; the effect of
each setting on due dates is in test_schedule.py.)"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

import midway
from midway import DayCount, MidwayRule, MonthBasis, NonWorkingDue, Period, PeriodUnit, Policy

WD, CD, WK, MO = PeriodUnit.WORKING_DAYS, PeriodUnit.CALENDAR_DAYS, PeriodUnit.WEEKS, PeriodUnit.MONTHS

# docs/schedule.md, "Policy: timescales as data": the England default of every field.
ENGLAND: dict[str, Any] = {
    "icpc_after_strategy": Period(15, WD),
    "transfer_in_after_notification": Period(15, WD),
    "first_core_group_after_icpc": Period(10, WD),
    "core_group_interval": Period(6, WK),
    "first_rcpc_after_icpc": Period(3, MO),
    "rcpc_interval": Period(6, MO),
    "cp_visit_interval": Period(10, WD),
    "first_lac_review": Period(20, WD),
    "second_lac_review": Period(3, MO),
    "lac_review_interval": Period(6, MO),
    "lac_visit_after_placement": Period(1, WK),
    "lac_visit_first_year": Period(6, WK),
    "lac_visit_long_term": Period(3, MO),
    "lac_visit_other": Period(6, WK),
    "lac_visit_parent_or_temporary": Period(1, WK),
    "short_breaks_first_review": Period(3, MO),
    "short_breaks_review_interval": Period(6, MO),
    "short_breaks_first_visit": Period(3, MO),
    "short_breaks_visit_interval": Period(6, MO),
    "cp_midway_rule": MidwayRule.FIXED_SPAN,
    "cp_midway_after_review": Period(84, CD),
    "lac_midway_rule": MidwayRule.HALFWAY,
    "lac_midway_after_review": Period(91, CD),
    "midway_in_short_intervals": False,
    "counting": DayCount.DAY_ZERO,
    "month_counting": MonthBasis.CALENDAR_MONTHS,
    "due_on_non_working_day": NonWorkingDue.PREVIOUS_WORKING_DAY,
    "due_soon_window": Period(5, WD),
    # drift and delay, the CPA checklist (docs/drift.md)
    "plan_update_after_meeting": Period(10, WD),
    "management_oversight_interval": Period(3, MO),
    "risk_response_within": Period(3, WD),
    "plan_open_warning": Period(18, MO),
    "plan_open_alert": Period(24, MO),
    "reschedule_limit": 2,
    "recommendation_grace": Period(0, WD),
    "pre_birth_from_birth": True,  # issue 16: pre_birth_first_rcpc counts from the birth
}

# docs/schedule.md: where Scotland differs (National Guidance 2021/2023; LAC (Scotland) Regs 2009).
SCOTLAND_DIFFERENCES: dict[str, Any] = {
    "icpc_after_strategy": Period(28, CD),
    "first_core_group_after_icpc": Period(15, WD),
    "first_rcpc_after_icpc": Period(6, MO),
    "pre_birth_first_rcpc": Period(3, MO),
    "pre_birth_from_birth": False,  # "3 months for pre-birth": from the pre-birth conference
    "first_lac_review": Period(6, WK),
    "lac_visit_first_year": Period(3, MO),
    "lac_visit_other": Period(3, MO),
}


def fields(p: Policy) -> dict[str, Any]:
    return {name: getattr(p, name) for name in Policy.field_names()}


# ---- presets ----


def test_england_preset_has_the_documented_defaults() -> None:
    e = Policy.england()
    assert e.name == "england"
    for name, value in ENGLAND.items():
        assert getattr(e, name) == value, name
    # "none (0)": no pre-birth rule.
    assert e.pre_birth_first_rcpc.count == 0
    assert set(Policy.field_names()) == {"name", "pre_birth_first_rcpc", *ENGLAND}


def test_england_is_the_default() -> None:
    assert Policy() == Policy.england()
    assert Policy.preset("england") == Policy.england()
    assert Policy.from_json("{}") == Policy.england()


def test_wales_differs_only_in_name() -> None:
    w = Policy.wales()
    assert w.name == "wales"
    assert w != Policy.england()
    assert w.replace(name="england") == Policy.england()
    assert Policy.preset("wales") == w


def test_scotland_differs_where_documented() -> None:
    s = Policy.scotland()
    assert s.name == "scotland"
    assert Policy.preset("scotland") == s
    for name, value in SCOTLAND_DIFFERENCES.items():
        assert getattr(s, name) == value, name
    assert s.lac_visit_long_term == Period(3, MO)  # 3-monthly, as in England
    e, sc = fields(Policy.england()), fields(s)
    differing = {name for name in e if e[name] != sc[name]}
    # The documented differences, the name, and transfer-in timing (the CP planning meeting's
    # 28 calendar days apply to a transfer-in too).
    assert differing == {"name", "transfer_in_after_notification", *SCOTLAND_DIFFERENCES}
    assert s.transfer_in_after_notification == Period(28, CD)


@pytest.mark.parametrize("name", ["x", "England", "northern-ireland", ""])
def test_unknown_preset(name: str) -> None:
    with pytest.raises(midway.UnknownCodeError) as info:
        Policy.preset(name)
    e = info.value
    assert isinstance(e, KeyError) and isinstance(e, ValueError)
    assert e.field == "name"
    assert "england" in e.message and "scotland" in e.message


# ---- keyword overrides ----


def test_keyword_overrides() -> None:
    # docs/schedule.md's example.
    p = Policy.england(cp_visit_interval=(10, "calendar_days"), counting="inclusive")
    assert p.cp_visit_interval == Period(10, CD)
    assert p.counting is DayCount.INCLUSIVE
    assert p.name == "england"
    # Everything else as England.
    assert p.replace(cp_visit_interval=Period(10, WD), counting=DayCount.DAY_ZERO) == Policy.england()

    q = Policy.scotland(
        core_group_interval=Period(4, "weeks"),
        month_counting=MonthBasis.FIXED_DAYS,
        due_on_non_working_day="next_working_day",
        midway_in_short_intervals=True,
        lac_midway_rule="fixed_span",
        name="camden",
    )
    assert q.name == "camden"
    assert q.core_group_interval == Period(4, WK)
    assert q.month_counting is MonthBasis.FIXED_DAYS
    assert q.due_on_non_working_day is NonWorkingDue.NEXT_WORKING_DAY
    assert q.midway_in_short_intervals is True
    assert q.lac_midway_rule is MidwayRule.FIXED_SPAN
    assert q.first_lac_review == Period(6, WK)  # still Scotland's
    assert Policy(counting="inclusive") == Policy.england(counting="inclusive")
    assert Policy.preset("wales", rcpc_interval=(5, "months")).rcpc_interval == Period(5, MO)


def test_replace_returns_a_copy() -> None:
    p = Policy.england()
    q = p.replace(due_soon_window=(2, "weeks"))
    assert q.due_soon_window == Period(2, WK)
    assert p.due_soon_window == Period(5, WD)
    assert p == Policy.england()


def test_every_field_can_be_overridden() -> None:
    overrides: dict[str, Any] = {}
    for name, value in fields(Policy.england()).items():
        if isinstance(value, Period):
            overrides[name] = Period(value.count + 1, value.unit)
        elif isinstance(value, bool):
            overrides[name] = not value
        elif isinstance(value, str):
            overrides[name] = value + "-x"
        elif isinstance(value, int):
            overrides[name] = value + 1
        else:  # an enum: the other member (every policy enum has two or three)
            enum_cls: Any = type(value)
            members = list(enum_cls)
            overrides[name] = members[(members.index(value) + 1) % len(members)]
    p = Policy.england(**overrides)
    assert fields(p) == overrides
    assert p != Policy.england()


def test_period() -> None:
    p = Period(15, "working_days")
    assert (p.count, p.unit) == (15, WD)
    assert p == Period(15, PeriodUnit.WORKING_DAYS)
    assert p != Period(15, CD)
    assert hash(p) == hash(Period(15, WD))
    assert str(p) == "15 working days"
    assert str(Period(1, WD)) == "1 working day"
    assert str(Period(6, WK)) == "6 weeks"
    assert str(Period(1, MO)) == "1 month"
    assert str(Period(84, CD)) == "84 days"
    assert repr(p) == "Period(15, 'working_days')"
    with pytest.raises(midway.UnknownCodeError) as info:
        Period(2, "fortnights")  # type: ignore[arg-type]
    assert info.value.field == "unit"
    with pytest.raises(midway.InvalidArgumentError) as bad:
        Period(2.5, "weeks")  # type: ignore[arg-type]
    assert bad.value.field == "count"
    assert Period(0, WD).count == 0  # "no special rule" or "at once"
    with pytest.raises(midway.OutOfRangeError) as negative:
        Period(-1, "weeks")
    assert negative.value.field == "count"
    assert isinstance(negative.value, ValueError)
    assert "negative" in negative.value.message


# ---- bad keywords and bad types ----


def check(call: Callable[[], object], cls: type[midway.Error], field: str) -> midway.Error:
    with pytest.raises(midway.Error) as info:
        call()
    e = info.value
    assert type(e) is cls, f"{type(e).__name__}: {e}"
    assert e.field == field
    assert e.record_id is None
    assert str(e) == f"{e.message} (field '{field}')"
    return e


@pytest.mark.parametrize(
    "factory",
    [Policy, Policy.england, Policy.wales, Policy.scotland, Policy.england().replace, lambda **kw: Policy.preset("wales", **kw)],
    ids=["Policy", "england", "wales", "scotland", "replace", "preset"],
)
def test_unknown_keyword(factory: Callable[..., Policy]) -> None:
    e = check(lambda: factory(cp_visit_intervall=(2, "weeks")), midway.UnknownCodeError, "cp_visit_intervall")
    assert e.message == "'cp_visit_intervall' is not a field of Policy"
    assert isinstance(e, KeyError) and isinstance(e, ValueError)


def test_bad_types() -> None:
    check(lambda: Policy.england(cp_visit_interval=10), midway.InvalidArgumentError, "cp_visit_interval")
    check(lambda: Policy.england(cp_visit_interval=(10,)), midway.InvalidArgumentError, "cp_visit_interval")
    check(lambda: Policy.england(cp_visit_interval=[10, "weeks"]), midway.InvalidArgumentError, "cp_visit_interval")
    check(lambda: Policy.england(cp_visit_interval=(10.5, "weeks")), midway.InvalidArgumentError, "cp_visit_interval[0]")
    check(lambda: Policy.england(cp_visit_interval=(True, "weeks")), midway.InvalidArgumentError, "cp_visit_interval[0]")
    check(lambda: Policy.england(cp_visit_interval=(10, "fortnights")), midway.UnknownCodeError, "cp_visit_interval[1]")
    check(lambda: Policy.england(cp_visit_interval=(10, 3)), midway.InvalidArgumentError, "cp_visit_interval[1]")
    check(lambda: Policy.england(cp_visit_interval=(-2, "weeks")), midway.OutOfRangeError, "cp_visit_interval[0]")
    check(lambda: Policy.england(counting="both"), midway.UnknownCodeError, "counting")
    check(lambda: Policy.england(counting=MonthBasis.FIXED_DAYS), midway.InvalidArgumentError, "counting")
    check(lambda: Policy.england(month_counting="lunar"), midway.UnknownCodeError, "month_counting")
    check(lambda: Policy.england(due_on_non_working_day="ignore"), midway.UnknownCodeError, "due_on_non_working_day")
    check(lambda: Policy.england(cp_midway_rule="third"), midway.UnknownCodeError, "cp_midway_rule")
    check(lambda: Policy.england(midway_in_short_intervals="yes"), midway.InvalidArgumentError, "midway_in_short_intervals")
    check(lambda: Policy.england(midway_in_short_intervals=1), midway.InvalidArgumentError, "midway_in_short_intervals")
    check(lambda: Policy.england(name=5), midway.InvalidArgumentError, "name")


def test_a_count_too_large_for_the_policy_is_a_midway_error() -> None:
    # tests/python/test_date.py: an int too large for C++ "must still be a midway error naming
    # `n`, not a RuntimeError from pybind11's cast". Counts are int32 in C++ (policy.hpp).
    with pytest.raises(midway.Error) as info:
        Policy.england(cp_visit_interval=(2**40, "weeks"))
    assert isinstance(info.value, ValueError)
    assert info.value.field == "cp_visit_interval[0]"
    with pytest.raises(midway.Error) as period:
        Period(2**40, "weeks")
    assert period.value.field == "count"


# ---- JSON ----


@pytest.mark.parametrize("preset", [Policy.england(), Policy.wales(), Policy.scotland()], ids=lambda p: p.name)
def test_every_preset_round_trips(preset: Policy) -> None:
    text = preset.to_json()
    assert Policy.from_json(text) == preset
    assert Policy.from_json(text).to_json() == text  # byte-identical on the second write
    doc = json.loads(text)
    assert doc["schema"] == "midway.policy"
    assert doc["version"] == 1
    assert doc["name"] == preset.name
    # Written with every field, in field order, after schema and version.
    assert list(doc) == ["schema", "version", *Policy.field_names()]
    assert doc["icpc_after_strategy"] == {"count": preset.icpc_after_strategy.count, "unit": preset.icpc_after_strategy.unit.name.lower()}
    assert doc["counting"] == "day_zero"
    assert Policy.from_json(preset.to_json(indent=-1)) == preset


def test_custom_policy_round_trips() -> None:
    p = Policy.england(
        name="camden",
        icpc_after_strategy=(14, "working_days"),
        transfer_in_after_notification=(20, "calendar_days"),
        core_group_interval=(4, "weeks"),
        pre_birth_first_rcpc=(20, "working_days"),
        cp_visit_interval=(2, "weeks"),
        lac_visit_long_term=(6, "months"),
        cp_midway_rule="halfway",
        cp_midway_after_review=(13, "weeks"),
        lac_midway_rule="fixed_span",
        lac_midway_after_review=(90, "calendar_days"),
        midway_in_short_intervals=True,
        counting="inclusive",
        month_counting="fixed_days",
        due_on_non_working_day="stands",
        due_soon_window=(10, "calendar_days"),
    )
    text = p.to_json()
    q = Policy.from_json(text)
    assert q == p
    assert fields(q) == fields(p)
    doc = json.loads(text)
    assert doc["cp_visit_interval"] == {"count": 2, "unit": "weeks"}
    assert doc["due_on_non_working_day"] == "stands"
    assert doc["month_counting"] == "fixed_days"
    assert doc["cp_midway_rule"] == "halfway"
    assert doc["midway_in_short_intervals"] is True


def test_json_preset_with_overrides() -> None:
    p = Policy.from_json(
        json.dumps(
            {
                "preset": "scotland",
                "cp_visit_interval": {"count": 2, "unit": "weeks"},
                "counting": "inclusive",
                "month_counting": "fixed_days",
                "due_on_non_working_day": "next_working_day",
                "midway_in_short_intervals": True,
                "lac_midway_rule": "fixed_span",
            }
        )
    )
    assert p == Policy.scotland(
        cp_visit_interval=(2, "weeks"),
        counting="inclusive",
        month_counting="fixed_days",
        due_on_non_working_day="next_working_day",
        midway_in_short_intervals=True,
        lac_midway_rule="fixed_span",
    )
    assert p.name == "scotland"
    assert Policy.from_json('{"preset": "wales"}') == Policy.wales()
    assert Policy.from_json('{"schema": "midway.policy", "version": 1, "name": "camden"}').name == "camden"


@pytest.mark.parametrize(
    ("text", "cls", "field"),
    [
        ('{"preset": "wales", "cp_visit_intervall": {"count": 2, "unit": "weeks"}}', midway.UnknownCodeError, "$.cp_visit_intervall"),
        ('{"preset": "x"}', midway.UnknownCodeError, "$.preset"),
        ('{"cp_visit_interval": {"count": 2, "unit": "fortnights"}}', midway.UnknownCodeError, "$.cp_visit_interval.unit"),
        ('{"counting": "both"}', midway.UnknownCodeError, "$.counting"),
        ('{"cp_visit_interval": {"count": 2, "unit": "weeks", "days": 1}}', midway.ParseError, "$.cp_visit_interval.days"),
        ('{"cp_visit_interval": {"count": 2}}', midway.ParseError, "$.cp_visit_interval"),
        ('{"cp_visit_interval": {"count": 2.5, "unit": "weeks"}}', midway.ParseError, "$.cp_visit_interval.count"),
        ('{"cp_visit_interval": {"count": -2, "unit": "weeks"}}', midway.OutOfRangeError, "$.cp_visit_interval.count"),
        ('{"cp_visit_interval": 10}', midway.ParseError, "$.cp_visit_interval"),
        ('{"midway_in_short_intervals": "yes"}', midway.ParseError, "$.midway_in_short_intervals"),
        ('{"schema": "midway.case"}', midway.ParseError, "$.schema"),
        ("{", midway.ParseError, "$"),
        ("", midway.ParseError, "$"),
        ("[]", midway.ParseError, "$"),
    ],
)
def test_bad_policy_json(text: str, cls: type[midway.Error], field: str) -> None:
    with pytest.raises(midway.Error) as info:
        Policy.from_json(text)
    e = info.value
    assert type(e) is cls, f"{type(e).__name__}: {e}"
    assert e.field == field
    assert isinstance(e, ValueError)


def test_json_policy_drives_the_schedule() -> None:
    # A policy read from JSON is used like any other: CP visits every 2 weeks (calendar).
    # Visit Wed 2027-03-10 + 2 weeks = Wed 24 Mar 2027, a working day.
    import datetime as dt

    p = Policy.from_json('{"cp_visit_interval": {"count": 2, "unit": "weeks"}}')
    c = midway.Case(case_id="CP-1", child_id="C-1", kind="CP")
    c.record(midway.InitialConference(date=dt.date(2027, 3, 1)), id="icpc")
    c.record(midway.Visit(date=dt.date(2027, 3, 10)), id="v1")
    s = midway.schedule(c, as_of=dt.date(2027, 3, 11), policy=p)
    assert s.next_visit.due == dt.date(2027, 3, 24)
    assert s.next_visit.explanation == "Visit due 2027-03-24: 2 weeks after the visit of 2027-03-10"
