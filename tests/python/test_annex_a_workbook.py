"""`midway annex-a ... --format xlsx`: Ofsted Annex A as a workbook, read back with openpyxl and
compared with the CSV of the same lists (docs/cli.md, "midway annex-a")."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
CIN = DATA / "cin_census" / "CIN_Census_2026.xml"
SSDA903 = DATA / "ssda903"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "midway", *args], capture_output=True, cwd=cwd, env=env, timeout=300, check=False)


def template_headings(name: str) -> list[str]:
    """The headings of Ofsted's sample list (tests/data/annex_a), read with the csv module."""
    with (DATA / "annex_a" / name).open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def csv_rows(*source: str, list_: str, as_of: str, cwd: Path) -> list[dict[str, str]]:
    result = run_cli("annex-a", list_, *source, "--as-of", as_of, "--iso-dates", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"), newline="")))


def expected_cell(heading: str, text: str) -> Any:
    """What a CSV field of midway's should be in the workbook: a date, a count ("Number of ..." columns),
    text (ids stay text even when they are digits), or blank."""
    if text == "":
        return None
    if heading.startswith("Number of") and text.isdigit():
        return int(text)
    try:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
    except ValueError:
        return text


@pytest.mark.parametrize(
    ("source", "as_of"),
    [(("cin", str(CIN)), "2023-04-01"), (("ssda903", str(SSDA903)), "2018-03-31")],
    ids=["cin", "ssda903"],
)
def test_the_workbook_holds_the_lists_in_the_templates_layout(tmp_path: Path, source: tuple[str, str], as_of: str) -> None:
    out = tmp_path / "annex-a.xlsx"
    result = run_cli("annex-a", "all", *source, "--as-of", as_of, "--format", "xlsx", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["List 7", "List 8"]
    assert book.properties.title == f"Ofsted Annex A lists as of {as_of}"
    for sheet_name, list_, template in (("List 7", "7", "List_7.csv"), ("List 8", "8", "List_8.csv")):
        sheet = book[sheet_name]
        rows = list(sheet.iter_rows(values_only=True))
        headings = template_headings(template)
        assert list(rows[0]) == headings  # every heading of the template, in its order
        expected = csv_rows(*source, list_=list_, as_of=as_of, cwd=tmp_path)
        assert len(rows) - 1 == len(expected)
        for got, want in zip(rows[1:], expected):
            cells = dict(zip(headings, got))
            for heading, value in cells.items():
                if heading in want:
                    assert value == expected_cell(heading, want[heading]), (sheet_name, heading)
                else:
                    assert value is None, (sheet_name, heading)  # left to the case system
        # Dates are real Excel dates, shown as the template shows them.
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, dt.datetime):
                    assert cell.is_date and cell.number_format == "dd/mm/yyyy"


def test_one_list_gives_one_sheet(tmp_path: Path) -> None:
    out = tmp_path / "list7.xlsx"
    result = run_cli("annex-a", "7", "cin", str(CIN), "--as-of", "2023-04-01", "--format", "xlsx", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["List 7"]
    assert book["List 7"]["A2"].value == "DfEX0000001"
    assert book["List 7"]["G2"].value == dt.datetime(2022, 2, 17)  # Child Protection Plan Start Date


def test_xlsx_needs_out_and_all_needs_xlsx(tmp_path: Path) -> None:
    no_out = run_cli("annex-a", "7", "cin", str(CIN), "--format", "xlsx", cwd=tmp_path)
    assert no_out.returncode == 2
    assert no_out.stderr.decode() == "midway annex-a: --format xlsx needs --out FILE.xlsx\nsee `midway annex-a --help`\n"
    all_csv = run_cli("annex-a", "all", "cin", str(CIN), cwd=tmp_path)
    assert all_csv.returncode == 2
    assert list(tmp_path.iterdir()) == []


def test_a_failed_workbook_leaves_the_old_one(tmp_path: Path) -> None:
    out = tmp_path / "keep.xlsx"
    out.write_bytes(b"old workbook")
    result = run_cli("annex-a", "7", "cin", str(tmp_path / "missing.xml"), "--format", "xlsx", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 3
    assert out.read_bytes() == b"old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.xlsx"]

