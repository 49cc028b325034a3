"""Functions that tests run in other processes (concurrent.futures, multiprocessing).

A spawned worker imports its function by module name, so these live in a module of their own on
the tests' path (pyproject.toml: pythonpath), not in a test file.
"""

from __future__ import annotations

import datetime as dt

import midway


def schedule_json(case: midway.Case, as_of: dt.date, policy: midway.Policy, calendar: midway.Calendar) -> str:
    """The schedule of `case`, computed in the worker from the objects it was sent."""
    return midway.schedule(case, as_of=as_of, policy=policy, calendar=calendar).to_json()


def round_trip(value: object) -> object:
    """`value` as the worker received it, sent back."""
    return value
