"""midway: keep children's plans from drifting.

Statutory reviews, midway reviews, visits and core groups for looked after children
and child protection cases, counted in UK working days. The C++ library does the work;
this package re-exports its Python bindings.

>>> import datetime as dt, midway
>>> cal = midway.Calendar("england-and-wales", closures=[dt.date(2026, 12, 24)])
>>> cal.add_working_days(dt.date(2026, 12, 18), 5)
datetime.date(2026, 12, 30)
"""

from __future__ import annotations

from . import errors
from ._core import (
    Calendar,
    DayCount,
    Division,
    Holiday,
    HolidayId,
    HolidayOrigin,
    HolidayRules,
    Proclamation,
    ProclamationAction,
    __version__,
    add_months,
    division_name,
    easter_sunday,
)
from .errors import (
    Error,
    InvalidArgumentError,
    InvalidDateError,
    NotFoundError,
    OutOfRangeError,
    ParseError,
    RuleViolationError,
    UnknownCodeError,
)

__all__ = [
    "Calendar",
    "DayCount",
    "Division",
    "Error",
    "Holiday",
    "HolidayId",
    "HolidayOrigin",
    "HolidayRules",
    "InvalidArgumentError",
    "InvalidDateError",
    "NotFoundError",
    "OutOfRangeError",
    "ParseError",
    "Proclamation",
    "ProclamationAction",
    "RuleViolationError",
    "UnknownCodeError",
    "__version__",
    "add_months",
    "division_name",
    "easter_sunday",
    "errors",
]
