"""The examples run: examples/quickstart.py (as a script, output checked) and every ```python block
of README.md and docs/*.md, executed in order, one namespace per document.

The docs pages write their blocks as a continuing session that has done the README's imports
(`import datetime as dt`, `import numpy as np`, `import midway`) and share names from block to block
(docs/calendar.md builds `cal` in one block and uses it in the next), so each document's blocks run
in one namespace that starts with those three imports, in a temporary directory holding the GOV.UK
feed as `bank-holidays.json` (the file name docs/calendar.md loads). A line `expression  # <literal>`
states the expression's value: it is evaluated and compared.

Blocks that are fragments, not meant to run, are listed in FRAGMENTS with the reason."""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import doctest
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import midway

ROOT = Path(__file__).resolve().parents[2]
FEED = ROOT / "tests" / "data" / "govuk-bank-holidays.json"
DOCUMENTS = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)

# (document, index of the ```python block in it) -> why it does not run.
FRAGMENTS: dict[tuple[str, int], str] = {
    ("docs/errors.md", 0): "a try/except pattern around `cal.add_working_days(dates, offsets)` with `dates` and `offsets` "
    "undefined and `...` as the handler body",
    ("docs/scale-out.md", 0): "the Dask recipe: run by test_scale_out.py (a LocalCluster), with its printed output checked",
    ("docs/scale-out.md", 1): "the Spark mapInArrow recipe: needs a Spark session (`events` is a Spark DataFrame)",
}

QUICKSTART_OUTPUT = (
    # Thu 10 Dec 2026 + 15 wd with Thu 24 Dec closed: 11 (1), 14-18 (6), 21-23 (9), [24 closure,
    # 25 Christmas, 28 Boxing Day substitute], 29-31 (12), [1 Jan], Mon 4, Tue 5, Wed 6 Jan (15).
    # + 3 calendar months = Tue 6 Apr 2027 (after Easter Monday 29 Mar).
    "ICPC due 2027-01-06 ; first RCPC due 2027-04-06\n"
    # Bulk: as above, and Mon 1 Mar 2027 + 15 wd: 2-5 (4), 8-12 (9), 15-19 (14), Mon 22 Mar (15).
    "['2027-01-06' '2027-03-22']\n"
)

# What blocks print, where they print: (document, block) -> stdout.
EXPECTED_OUTPUT: dict[tuple[str, int], str] = {
    ("README.md", 0): QUICKSTART_OUTPUT,
    ("README.md", 1): (
        # RCPC Mon 20 Apr 2026 + 6 months = Tue 20 Oct; + 84 days = Mon 13 Jul (30 Apr +10,
        # 31 May +41, 30 Jun +71, 13 Jul +84). Visit Fri 30 Jan + 10 wd = Fri 13 Feb: overdue on 1 May.
        "RCPC due 2026-10-20: 6 months after the RCPC of 2026-04-20\n"
        "Midway review due 2026-07-13: 84 days after the RCPC of 2026-04-20\n"
        "ItemStatus.OVERDUE\n"
    ),
}


def blocks(document: str) -> list[str]:
    return BLOCK.findall((ROOT / document).read_text(encoding="utf-8"))


def stated_values(code: str) -> list[tuple[str, Any]]:
    """`expr  # literal` lines at the top level of a block: (expr, literal)."""
    out: list[tuple[str, Any]] = []
    for stmt in ast.parse(code).body:
        if not isinstance(stmt, ast.Expr) or isinstance(stmt.value, ast.Call) and getattr(stmt.value.func, "id", "") == "print":
            continue
        line = code.splitlines()[stmt.lineno - 1]
        if "#" not in line:
            continue
        comment = line.split("#", 1)[1].strip()
        try:
            value = ast.literal_eval(comment)
        except (ValueError, SyntaxError):
            continue
        out.append((ast.get_source_segment(code, stmt) or "", value))
    return out


def test_every_document_has_python_blocks_and_the_fragment_list_is_current() -> None:
    found = {doc: len(blocks(doc)) for doc in DOCUMENTS}
    assert found["README.md"] == 2
    assert sum(found.values()) >= 8
    assert "docs/calendar.md" in RUNNABLE and "docs/schedule.md" in RUNNABLE
    # The drift and CPA checklist pages' worked examples run (their printed output is checked against the
    # ```text block after them in test_drift.py and test_checklist.py).
    assert "docs/drift.md" in RUNNABLE and "docs/cpa-checklist.md" in RUNNABLE
    assert found["docs/drift.md"] >= 5 and found["docs/cpa-checklist.md"] >= 5
    for doc, index in FRAGMENTS:
        assert index < found[doc], (doc, index)
    for doc, index in EXPECTED_OUTPUT:
        assert index < found[doc], (doc, index)


RUNNABLE = [d for d in DOCUMENTS if any((d, i) not in FRAGMENTS for i in range(len(blocks(d))))]


@pytest.mark.parametrize("document", RUNNABLE)
def test_python_blocks_run(document: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(FEED, tmp_path / "bank-holidays.json")
    shutil.copy(ROOT / "examples" / "caseload.json", tmp_path / "caseload.json")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"dt": dt, "np": np, "midway": midway, "__name__": "__doc_example__"}
    ran = stated = 0
    for index, code in enumerate(blocks(document)):
        if (document, index) in FRAGMENTS:
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"{document}[python block {index}]", "exec"), namespace)
        ran += 1
        if (document, index) in EXPECTED_OUTPUT:
            assert out.getvalue() == EXPECTED_OUTPUT[(document, index)]
        for expression, value in stated_values(code):
            assert eval(expression, namespace) == value, f"{document} block {index}: {expression}"
            stated += 1
    assert ran >= 1
    if document == "docs/calendar.md":
        # `cal.source   # 'rules 2023-05-08 + GOV.UK feed 2012-2028'` was checked.
        assert stated >= 1


def test_calendar_page_values() -> None:
    # docs/calendar.md's blocks leave values that the page describes; check them directly.
    rules = midway.HolidayRules.builtin().extended(
        "builtin+scotland-2026-06-15",
        [midway.Proclamation("add", dt.date(2026, 6, 15), name="Bank holiday", divisions=["scotland"])],
    )
    cal = midway.Calendar("scotland", rules=rules)
    assert cal.rules_version == "builtin+scotland-2026-06-15"
    assert not cal.is_working_day(dt.date(2026, 6, 15))
    closures = midway.Calendar("england-and-wales", closures=[dt.date(2026, 12, 24), (dt.date(2026, 12, 31), "New Year's Eve closure")])
    assert not closures.is_working_day(dt.date(2026, 12, 24)) and not closures.is_working_day(dt.date(2026, 12, 31))
    dates = np.array(["2026-12-18", "2027-01-04"], dtype="datetime64[D]")
    # Fri 18 Dec + 5 wd = 21-24, Tue 29 Dec; Mon 4 Jan + 15 wd = 5-8 (4), 11-15 (9), 18-22 (14), Mon 25 Jan.
    assert closures.add_working_days(dates, np.array([5, 15])).tolist() == [dt.date(2026, 12, 30), dt.date(2027, 1, 25)]
    assert midway.Calendar().add_working_days(dates, np.array([5, 15])).tolist() == [dt.date(2026, 12, 29), dt.date(2027, 1, 25)]


def test_readme_quick_start_is_examples_quickstart_py() -> None:
    script = (ROOT / "examples" / "quickstart.py").read_text(encoding="utf-8")
    assert blocks("README.md")[0].strip() in script


def test_quickstart_script(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "quickstart.py")],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == QUICKSTART_OUTPUT


def test_package_docstring_example() -> None:
    failures, tried = doctest.testmod(midway, verbose=False, report=False)
    assert tried >= 2
    assert failures == 0
