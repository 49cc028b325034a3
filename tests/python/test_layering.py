"""The layers of docs/architecture.md, checked on the public headers' include graph.

The core case model (case.hpp) names the case file's records but includes none of their
layers: meetings, Signs of Safety and checklists include the case, not the other way round.
"""

from __future__ import annotations

import re
from pathlib import Path

INCLUDE = Path(__file__).resolve().parents[2] / "include"
_INCLUDE_RE = re.compile(r"^#include <(midway/[^>]+)>", re.MULTILINE)


def _closure(header: str) -> set[str]:
    seen: set[str] = set()
    todo = [header]
    while todo:
        h = todo.pop()
        if h in seen:
            continue
        seen.add(h)
        todo.extend(_INCLUDE_RE.findall((INCLUDE / h).read_text(encoding="utf-8")))
    return seen


def test_case_model_includes_no_record_layer() -> None:
    reached = _closure("midway/case.hpp")
    for upper in ("midway/meeting.hpp", "midway/signs_of_safety.hpp", "midway/checklist.hpp",
                  "midway/json.hpp", "midway/caseload.hpp", "midway/schedule.hpp"):
        assert upper not in reached, f"case.hpp reaches {upper}"


def test_record_layers_build_on_the_case() -> None:
    for upper in ("midway/meeting.hpp", "midway/signs_of_safety.hpp", "midway/checklist.hpp"):
        assert "midway/case.hpp" in _closure(upper)


def test_no_include_cycles() -> None:
    headers = sorted(str(p.relative_to(INCLUDE)) for p in (INCLUDE / "midway").rglob("*.hpp"))
    for h in headers:
        direct = _INCLUDE_RE.findall((INCLUDE / h).read_text(encoding="utf-8"))
        for d in direct:
            assert h not in _closure(d), f"{h} and {d} include each other"
