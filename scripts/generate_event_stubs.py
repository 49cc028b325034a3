"""Print the .pyi stubs of midway's event classes, read from the built module.

The event classes are bound generically from their C++ field tables, so their stubs follow
mechanically: run this after adding an event or a field and paste the output into
bindings/python/midway/_core.pyi between the "events" markers. mypy.stubtest (run by the
test command) fails if the two drift apart.
"""

from __future__ import annotations

import enum
import inspect
import re

import midway._core as core

# Field types that the defaults alone cannot tell.
OPTIONAL_DATES = {"midway_date", "notified", "returned"}
TYPES = {
    "date": "datetime.date",
    "agencies": "list[str]",
    "outcome": "MidwayOutcome | _MidwayOutcomeName",
    "decided_by": "Role | _RoleName | None",
}


def field_type(cls: type, name: str, default: object) -> str:
    if name in OPTIONAL_DATES:
        return "datetime.date | None"
    if name in TYPES:
        return TYPES[name]
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, enum.Enum):
        return f"{type(default).__name__} | _{type(default).__name__}Name"
    return "str"


def getter_type(setter_type: str) -> str:
    return re.sub(r" \| _\w+Name", "", setter_type)


def event_classes() -> list[type]:
    return [c for c in vars(core).values() if isinstance(c, type) and isinstance(getattr(c, "kind", None), str)]


def main() -> None:
    for cls in sorted(event_classes(), key=lambda c: c.__name__):
        doc = cls.__init__.__doc__ or ""
        params = re.search(r"\*, (.*)\) -> None", doc)
        assert params, cls
        fields: list[tuple[str, str, str | None]] = []
        for part in re.split(r", (?=\w+: )", params.group(1)):
            name, _, rest = part.partition(": ")
            default = rest.split(" = ", 1)[1] if " = " in rest else None
            value = getattr(cls(date=__import__("datetime").date(2000, 1, 1)), name)
            fields.append((name, field_type(cls, name, value), default))
        print(f"class {cls.__name__}:")
        print(f'    """{inspect.getdoc(cls)}"""\n')
        print(f"    kind: ClassVar[str]")
        args = ", ".join(f"{n}: {t}" + (" = ..." if d is not None else "") for n, t, d in fields)
        print(f"    def __init__(self, *, {args}) -> None: ...")
        for name, typ, _ in fields:
            print("    @property")
            print(f"    def {name}(self) -> {getter_type(typ)}: ...")
            print(f"    @{name}.setter")
            print(f"    def {name}(self, value: {typ}) -> None: ...")
        print("    def __eq__(self, other: object) -> bool: ...")
        print("    __hash__: ClassVar[None]  # type: ignore[assignment]")
        print()


if __name__ == "__main__":
    main()
