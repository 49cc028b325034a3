"""Print the .pyi stubs of midway's record classes and their enums, read from the built module.

Record classes (Action, SignsOfSafety, MidwayReviewContent, ...) are bound generically from
their C++ field tables, and each carries __midway_fields__: (name, type as read, type as
accepted, required). Run this after adding a record or a field and paste the output into
bindings/python/midway/_core.pyi between the "records" markers. mypy.stubtest (run by the
test command) fails if the two drift apart.
"""

from __future__ import annotations

import inspect

import midway._core as core

# The enums bound with the records (register_meeting.cpp, register_drift.cpp). scripts/gen_stubs.py
# checks and writes every enum class of the stubs.
ENUMS = ["SosContext", "SosHeading", "MeetingStatus", "Attendance", "ChangeArea", "Progress", "TrendDirection", "NoteFormat", "Answer", "Severity"]


def main() -> None:
    for name in ENUMS:
        values = ", ".join(repr(n) for n in core._enum_names[name])  # the C++ table's JSON names
        print(f"_{name}Name: TypeAlias = Literal[{values}]")
    print()
    for name in ENUMS:
        cls = getattr(core, name)
        print(f"class {name}(enum.Enum):")
        print(f'    """{inspect.getdoc(cls)}"""\n')
        for m in cls:
            print(f"    {m.name} = {m.value}")
        print()
    records = sorted(
        (c for c in vars(core).values() if isinstance(c, type) and hasattr(c, "__midway_fields__")), key=lambda c: c.__name__
    )
    for cls in records:
        fields = cls.__midway_fields__
        read_only = not any(isinstance(getattr(cls, f[0], None), property) and getattr(cls, f[0]).fset for f in fields)
        print(f"class {cls.__name__}:")
        print(f'    """{inspect.getdoc(cls)}"""\n')
        print("    __midway_fields__: ClassVar[list[tuple[str, str, str, bool]]]")
        if not read_only:
            required = [f"{n}: {acc}" for n, _, acc, req in fields if req]
            optional = [f"{n}: {acc} = ..." for n, _, acc, req in fields if not req]
            print(f"    def __init__(self, *, {', '.join(required + optional)}) -> None: ...")
        for n, typ, acc, _ in fields:
            print("    @property")
            print(f"    def {n}(self) -> {typ}: ...")
            if not read_only:
                print(f"    @{n}.setter")
                print(f"    def {n}(self, value: {acc}) -> None: ...")
        if cls.__name__ == "MidwayReviewRecord":
            print("    def scheduled_for(self) -> datetime.date: ...")
        if cls.__name__ in ("MidwayReviewRecord", "CpaChecklist"):
            print("    def version(self) -> int: ...")
        print("    def __eq__(self, other: object) -> bool: ...")
        print("    __hash__: ClassVar[None]  # type: ignore[assignment]")
        print()


if __name__ == "__main__":
    main()
