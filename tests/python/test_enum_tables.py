"""Each enum's one C++ table (detail::enum_traits<E>) drives the Python enum, the stubs and the
categories of evaluate()'s result columns (issue 13, point 6).

The stub check is scripts/gen_stubs.py's: it fails when an enum class of _core.pyi (members,
values, docstring) or its name literal differs from the module. `python scripts/gen_stubs.py
--write` fixes the stubs.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import midway
import midway._core as core

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "gen_stubs.py"

# Every Python member name and value before the tables drove the bindings: user code that
# names them must keep working.
KEPT: dict[str, list[str]] = {
    "Division": ["ENGLAND_AND_WALES", "SCOTLAND", "NORTHERN_IRELAND"],
    "CaseKind": ["LAC", "CP"],
    "PeriodUnit": ["WORKING_DAYS", "CALENDAR_DAYS", "WEEKS", "MONTHS"],
    "ItemStatus": ["UPCOMING", "DUE_SOON", "OVERDUE", "DONE", "NOT_REQUIRED", "NOT_APPLICABLE"],
    "ItemKind": ["ICPC", "TRANSFER_IN_CONFERENCE", "RCPC", "LAC_REVIEW", "MIDWAY_REVIEW", "VISIT", "CORE_GROUP"],
    "ProclamationAction": ["MOVE", "ADD", "REMOVE"],
    "TimelinessStatus": ["ON_TIME", "LATE", "MISSED", "OVERDUE", "PENDING", "NOT_ASSESSED", "NOT_REQUIRED"],
}


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_stubs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_stubs"] = module
    spec.loader.exec_module(module)
    return module


def enums() -> dict[str, type[enum.Enum]]:
    return {n: c for n, c in vars(core).items() if isinstance(c, type) and issubclass(c, enum.Enum) and n == c.__name__}


def json_names() -> dict[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = getattr(core, "_enum_names")
    return names


def test_every_enum_of_the_module_comes_from_a_table() -> None:
    assert set(enums()) == set(json_names())
    assert len(enums()) >= 29


@pytest.mark.parametrize("name", sorted(json_names()))
def test_members_are_the_tables_names_in_value_order(name: str) -> None:
    cls = enums()[name]
    names = json_names()[name]
    assert [m.value for m in cls] == list(range(len(names)))
    assert [m.name for m in cls] == [n.upper().replace("-", "_") for n in names]
    assert cls.__doc__


@pytest.mark.parametrize("name", sorted(KEPT))
def test_python_member_names_are_kept(name: str) -> None:
    assert [m.name for m in enums()[name]] == KEPT[name]


def test_string_names_are_accepted_where_an_enum_is() -> None:
    # The JSON name from the table is what the bindings accept in place of the member.
    assert midway.Period(3, "working_days") == midway.Period(3, midway.PeriodUnit.WORKING_DAYS)
    assert midway.division_name(midway.Division.ENGLAND_AND_WALES) == json_names()["Division"][0]


def test_the_stubs_enum_classes_and_literals_match_the_module() -> None:
    gen: Any = load_script()
    problems, _ = gen.differences(SCRIPT.parents[1].joinpath("bindings/python/midway/_core.pyi").read_text("utf-8"), gen.runtime_enums())
    assert problems == []


def test_the_stub_check_finds_a_changed_member(tmp_path: Path) -> None:
    gen: Any = load_script()
    text = gen.STUBS.read_text("utf-8").replace("    DUE_SOON = 1\n", "    DUE_SOON = 7\n", 1)
    text = text.replace('"due_soon"', '"soon"', 1).replace("'due_soon'", "'soon'", 1)
    problems, fixes = gen.differences(text, gen.runtime_enums())
    assert any(p.startswith("ItemStatus:") for p in problems)
    assert any(p.startswith("_ItemStatusName:") for p in problems)
    fixed = tmp_path / "_core.pyi"
    fixed.write_text(gen.apply(text, fixes), "utf-8")
    assert gen.differences(fixed.read_text("utf-8"), gen.runtime_enums())[0] == []


def test_gen_stubs_check_passes_from_the_command_line() -> None:
    run = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_evaluate_categories_are_the_tables_names() -> None:
    pytest.importorskip("pandas")
    result: dict[str, Any] = midway.evaluate(midway.synthetic_columns(50, seed=3, as_of=dt.date(2026, 11, 22)), as_of=dt.date(2026, 11, 22))
    names = json_names()
    assert list(result["kind"].categories) == list(names["CaseKind"])
    assert list(result["review_item"].categories) == list(names["ItemKind"])
    for column in ("review_status", "midway_status", "visit_status", "core_group_status"):
        assert list(result[column].categories) == list(names["ItemStatus"])
    # A code is the enum's value: the category at a member's value is that member's name.
    assert result["kind"].categories[midway.CaseKind.CP.value] == "CP"


def test_every_table_in_the_headers_is_bound_and_no_enum_is_bound_by_hand() -> None:
    import re

    headers = "".join(p.read_text("utf-8") for p in sorted((ROOT / "include" / "midway").glob("*.hpp")))
    declared = re.findall(r'MIDWAY_ENUM_TRAITS(?:_DESCRIBED)?\([\w:]+, \d+, "(\w+)"', headers)
    assert sorted(declared) == sorted(json_names())
    for source in (ROOT / "bindings" / "python").glob("*.cpp"):
        assert "py::native_enum<" not in source.read_text("utf-8"), f"{source.name}: bind_enum<E>(m), from the enum's table"


def test_the_cpp_table_check_lists_every_table_in_the_headers() -> None:
    """tests/cpp/test_enum_tables.cpp checks each listed enum's table at compile time (every
    enumerator once, in order); its list is written by hand, so this test holds it to the headers."""
    import re

    headers = "".join(p.read_text("utf-8") for p in sorted((ROOT / "include" / "midway").glob("*.hpp")))
    declared = {name.split("::")[-1] for name in re.findall(r"MIDWAY_ENUM_TRAITS(?:_DESCRIBED)?\(([\w:]+), \d+,", headers)}
    source = (ROOT / "tests" / "cpp" / "test_enum_tables.cpp").read_text("utf-8")
    listed_text = re.search(r"using all_enums = std::tuple<([^>]*)>;", source)
    assert listed_text is not None, "test_enum_tables.cpp: the all_enums list"
    listed = {name.strip().split("::")[-1] for name in listed_text.group(1).split(",")}
    assert declared - listed == set(), "tables the C++ check does not cover"
    assert listed - declared == set(), "the C++ check lists an enum with no table"
