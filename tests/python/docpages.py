"""The fenced blocks of a docs page, and running its Python blocks as readers would.

Shared by the tests that check a page against the library (test_meeting.py, test_checklist.py,
test_drift.py): each block that prints must be followed by a ```text block showing exactly
what it printed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import numpy as np

import midway

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def page_blocks(page: str) -> list[tuple[str, str]]:
    """The fenced blocks of docs/<page> in order: (language, content)."""
    return [(m.group(1), m.group(2)) for m in FENCE.finditer((ROOT / "docs" / page).read_bytes().decode("utf-8"))]


def run_python_blocks(page: str) -> tuple[int, list[str], dict[str, Any]]:
    """Runs the ```python blocks of docs/<page> in one namespace holding the README's imports.

    Returns how many blocks ran, the text each printing block printed (checked against the
    ```text block after it), and the namespace. Run it from a temporary directory.
    """
    namespace: dict[str, Any] = {"dt": dt, "np": np, "midway": midway, "__name__": "__doc_example__"}
    blocks = page_blocks(page)
    printed: list[str] = []
    ran = 0
    for index, (lang, content) in enumerate(blocks):
        if lang != "python":
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(content, f"docs/{page}[block {index}]", "exec"), namespace)
        ran += 1
        if out.getvalue():
            assert index + 1 < len(blocks) and blocks[index + 1][0] == "text", index
            assert out.getvalue() == blocks[index + 1][1] + "\n"
            printed.append(blocks[index + 1][1])
    return ran, printed, namespace
