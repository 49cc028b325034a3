"""Shared fixtures for the midway Python tests.

The GOV.UK bank-holidays feed shipped in tests/data is parsed here with the json module,
independently of midway, so that tests can compare midway's rules and parser against it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import midway

# Hypothesis: enough examples to find edge cases, few enough to keep the whole suite
# well under a minute on two cores. HYPOTHESIS_PROFILE=thorough for a longer run.
settings.register_profile(
    "midway",
    max_examples=300,
    deadline=None,
)
settings.register_profile("thorough", parent=settings.get_profile("midway"), max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "midway"))

# When a property test fails, Hypothesis's pytest plugin imports hypothesis.extra._patching
# (and with it libcst) to suggest an @example patch. libcst imports mypy_extensions.TypedDict,
# which emits a DeprecationWarning; under filterwarnings=error that turns a plain test failure
# into a pytest INTERNALERROR that hides the falsifying example. Import it once here, with that
# third-party warning silenced, so the plugin finds it already loaded.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        importlib.import_module("hypothesis.extra._patching")
    except ImportError:  # libcst is optional; without it Hypothesis skips the patch
        pass

FEED_PATH = Path(__file__).parents[1] / "data" / "govuk-bank-holidays.json"
FEED_YEARS = range(2012, 2029)  # the years the shipped feed covers, for every division
DIVISION_NAMES = ("england-and-wales", "scotland", "northern-ireland")

# One feed event: (date, title, notes).
FeedEvent = tuple[dt.date, str, str]


@pytest.fixture(scope="session")
def feed_path() -> Path:
    assert FEED_PATH.is_file(), FEED_PATH
    return FEED_PATH


@pytest.fixture(scope="session")
def feed_json(feed_path: Path) -> dict[str, Any]:
    """The feed exactly as json.load reads it."""
    with feed_path.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@pytest.fixture(scope="session")
def feed(feed_json: dict[str, Any]) -> dict[midway.Division, dict[int, list[FeedEvent]]]:
    """The feed's events by division and year, sorted by date."""
    out: dict[midway.Division, dict[int, list[FeedEvent]]] = {}
    for name in DIVISION_NAMES:
        body = feed_json[name]
        assert body["division"] == name
        by_year: dict[int, list[FeedEvent]] = {year: [] for year in FEED_YEARS}
        for event in body["events"]:
            day = dt.date.fromisoformat(event["date"])
            by_year[day.year].append((day, event["title"], event["notes"]))
        for events in by_year.values():
            events.sort()
        out[division_of(name)] = by_year
    return out


@pytest.fixture(scope="session")
def calendars() -> dict[midway.Division, midway.Calendar]:
    """midway.Calendar(division) with the built-in rules, one per division."""
    return {d: midway.Calendar(d) for d in midway.Division}


@pytest.fixture(scope="session")
def feed_calendars(feed_path: Path) -> dict[midway.Division, midway.Calendar]:
    """midway.Calendar.from_govuk_json(feed, division), one per division."""
    return {d: midway.Calendar.from_govuk_json(feed_path, d) for d in midway.Division}


@pytest.fixture(params=list(midway.Division), ids=lambda d: midway.division_name(d))
def division(request: pytest.FixtureRequest) -> midway.Division:
    value: midway.Division = request.param
    return value


@pytest.fixture
def calendar(division: midway.Division, calendars: dict[midway.Division, midway.Calendar]) -> midway.Calendar:
    return calendars[division]


@pytest.fixture(scope="session")
def reference_holidays(
    feed: dict[midway.Division, dict[int, list[FeedEvent]]],
    calendars: dict[midway.Division, midway.Calendar],
) -> dict[midway.Division, frozenset[dt.date]]:
    """Every non-working weekday of each division, 1978-2199: from the GOV.UK feed for
    2012-2028 (independent of midway), from Calendar.holidays for the other years."""
    out: dict[midway.Division, frozenset[dt.date]] = {}
    for d in midway.Division:
        days: set[dt.date] = set()
        for year in range(1978, 2200):
            if year in FEED_YEARS:
                days.update(day for day, _, _ in feed[d][year])
            else:
                days.update(h.date for h in calendars[d].holidays(year))
        out[d] = frozenset(days)
    return out


def division_of(name: str) -> midway.Division:
    """The enum member for a feed key, without going through midway's own parser."""
    return midway.Division[name.upper().replace("-", "_")]

