"""midway's errors.

Every error midway raises is a :class:`Error`. Each also derives from the built-in
exception that fits, so ``except ValueError`` keeps working in code that does not know
midway. Messages name field paths and record ids, never a child's name or date of birth.

============================  ====================  =========================================
class                         also a                raised for
============================  ====================  =========================================
:class:`InvalidDateError`     ``ValueError``        an impossible or malformed date
:class:`OutOfRangeError`      ``ValueError``        a valid value outside what is supported
:class:`UnknownCodeError`     ``KeyError``,         a name or code that means nothing here
                              ``ValueError``
:class:`ParseError`           ``ValueError``        malformed JSON, XML or CSV
:class:`InvalidArgumentError` ``ValueError``        an argument breaking a precondition
:class:`RuleViolationError`   ``ValueError``        a broken domain rule
:class:`NotFoundError`        ``KeyError``          a lookup that finds nothing
============================  ====================  =========================================
"""

from __future__ import annotations

__all__ = [
    "Error",
    "InvalidDateError",
    "OutOfRangeError",
    "UnknownCodeError",
    "ParseError",
    "InvalidArgumentError",
    "RuleViolationError",
    "NotFoundError",
]


class Error(Exception):
    """Base class of every midway error.

    Attributes:
        code: the error code, e.g. ``"invalid_date"`` (docs/errors.md).
        message: what is wrong, without the location.
        field: path of the offending field or argument (``"closures[2]"``), or None.
        record_id: id of the record the field belongs to (``"CP-1"``), or None.
    """

    code: str
    message: str
    field: str | None
    record_id: str | None

    def __init__(
        self,
        what: str,
        *,
        code: str = "error",
        message: str | None = None,
        field: str | None = None,
        record_id: str | None = None,
    ) -> None:
        super().__init__(what)
        self.code = code
        self.message = what if message is None else message
        self.field = field
        self.record_id = record_id

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""


class InvalidDateError(Error, ValueError):
    """Not a calendar date: 2026-02-30, or text that is not YYYY-MM-DD."""


class OutOfRangeError(Error, ValueError):
    """A valid value outside what is supported (a year before 1978, a score of 11)."""


class UnknownCodeError(Error, KeyError, ValueError):
    """A name or code that means nothing here ("wales" as a division)."""


class ParseError(Error, ValueError):
    """Malformed input text (JSON, XML, CSV); ``field`` holds the path."""


class InvalidArgumentError(Error, ValueError):
    """An argument breaking a documented precondition (mismatched array shapes)."""


class RuleViolationError(Error, ValueError):
    """A domain rule is broken (a review conference without an initial conference)."""


class NotFoundError(Error, KeyError):
    """A lookup by id or key that finds nothing."""
