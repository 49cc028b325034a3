"""``python -m midway``: the C++ command line behind the Python entry point.
(Mirrors tests/cpp/test_cli.cpp.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import midway
from midway import _core
from midway.__main__ import main

CALENDAR_2026_12_25 = """\
Working days, england-and-wales (rules 2023-05-08)

date        day        working  note
2026-12-22  Tuesday    yes
2026-12-23  Wednesday  yes
2026-12-24  Thursday   yes
2026-12-25  Friday     no       Christmas Day  <- 2026-12-25
2026-12-26  Saturday   no       weekend
2026-12-27  Sunday     no       weekend
2026-12-28  Monday     no       Boxing Day (substitute day)

10 working days after 2026-12-25 (day_zero): 2027-01-12 (Tuesday)
15 working days after 2026-12-25 (day_zero): 2027-01-19 (Tuesday)
20 working days after 2026-12-25 (day_zero): 2027-01-26 (Tuesday)
"""
# From Fri 25 Dec (day 0): Tue 29, Wed 30, Thu 31 are 1-3; Fri 1 Jan is New Year's Day;
# 4-8 Jan are 4-8; 11 Jan is 9; Tue 12 Jan is 10. Then 13-15 and 18, Tue 19 is 15;
# 20-22 and 25, Tue 26 is 20.

SCOTLAND_2026 = """\
Bank holidays 2026, scotland (rules 2023-05-08)
2026-01-01  Thursday   New Year’s Day
2026-01-02  Friday     2nd January
2026-04-03  Friday     Good Friday
2026-05-04  Monday     Early May bank holiday
2026-05-25  Monday     Spring bank holiday
2026-08-03  Monday     Summer bank holiday
2026-11-30  Monday     St Andrew’s Day
2026-12-25  Friday     Christmas Day
2026-12-28  Monday     Boxing Day (substitute day)
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "midway", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


# ---- python -m midway in a subprocess ----


def test_calendar_command(tmp_path: Path) -> None:
    result = run("calendar", "--date", "2026-12-25", "--days", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == CALENDAR_2026_12_25
    assert result.stderr == ""


def test_holidays_command(tmp_path: Path) -> None:
    result = run("holidays", "--year", "2026", "--division", "scotland", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2026-11-30  Monday     St Andrew’s Day\n" in result.stdout
    assert result.stdout == SCOTLAND_2026
    assert result.stderr == ""


def test_bad_date_exits_1_naming_the_field(tmp_path: Path) -> None:
    result = run("calendar", "--date", "2026-02-30", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "midway: error [invalid_date]: 2026-02 has no day 30 (field '--date')\n"


def test_unknown_command_exits_2_with_usage(tmp_path: Path) -> None:
    result = run("frobnicate", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("midway: unknown command 'frobnicate'\n\nusage: midway <command> [options]\n")


def test_version_command(tmp_path: Path) -> None:
    result = run("version", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"midway {midway.__version__}\n", "")


# ---- midway.__main__.main, in process ----


def test_main_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "--date", "2026-12-25", "--days", "3"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (CALENDAR_2026_12_25, "")


def test_main_reads_sys_argv(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["midway", "holidays", "--year", "2026", "--division", "scotland"])
    assert main() == 0
    assert capsys.readouterr().out == SCOTLAND_2026


def test_main_counting_closures_and_add(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["calendar", "--date", "2026-12-18", "--days", "0", "--closure", "2026-12-24", "--add", "5"]
    assert main(args) == 0
    out = capsys.readouterr().out
    # As Calendar(closures=[24 Dec]).add_working_days(18 Dec, 5): 21, 22, 23, 29, 30.
    assert out.endswith("\n5 working days after 2026-12-18 (day_zero): 2026-12-30 (Wednesday)\n")
    assert main([*args, "--counting", "inclusive"]) == 0
    # Inclusive: Fri 18 is day 1, then 21, 22, 23 and Tue 29.
    assert capsys.readouterr().out.endswith("5 working days after 2026-12-18 (inclusive): 2026-12-29 (Tuesday)\n")


def test_main_with_the_feed(capsys: pytest.CaptureFixture[str], feed_path: Path) -> None:
    assert main(["holidays", "--year", "2023", "--division", "scotland", "--feed", str(feed_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Bank holidays 2023, scotland (rules 2023-05-08 + GOV.UK feed 2012-2028)\n")
    # The feed's own titles for Scotland 2023.
    assert "2023-01-02  Monday     New Year’s Day (substitute day)\n" in out
    assert "2023-01-03  Tuesday    2nd January (substitute day)\n" in out


@pytest.mark.parametrize(
    ("args", "status", "stderr_start"),
    [
        (["calendar", "--date", "2026-02-30"], 1, "midway: error [invalid_date]: 2026-02 has no day 30 (field '--date')"),
        (["calendar", "--division", "wales"], 1, "midway: error [unknown_code]: 'wales' is not a division"),
        (["calendar", "--date", "2026-01-01", "--counting", "x"], 1, "midway: error [unknown_code]: 'x' is not a day"),
        (["calendar", "--closure", "1977-01-01", "--date", "2026-01-01"], 1, "midway: error [out_of_range]"),
        (["calendar", "--feed", "/nonexistent/feed.json"], 1, "midway: error [not_found]: cannot open the GOV.UK feed"),
        (["holidays", "--year", "1977"], 1, "midway: error [out_of_range]: year 1977 is outside"),
        (["holidays"], 2, "midway: midway holidays needs --year\n"),
        (["calendar", "--days", "x"], 2, "midway: option --days needs a whole number, not 'x'\n"),
        (["calendar", "--days", "400"], 2, "midway: option --days must be 0..366\n"),
        (["calendar", "--bogus", "1"], 2, "midway: unknown option --bogus\n"),
        (["calendar", "--date"], 2, "midway: option --date needs a value\n"),
        (["calendar", "stray"], 2, "midway: unexpected argument 'stray'\n"),
        (["frobnicate"], 2, "midway: unknown command 'frobnicate'\n"),
        ([], 2, "usage: midway <command> [options]\n"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_main_errors(capsys: pytest.CaptureFixture[str], args: list[str], status: int, stderr_start: str) -> None:
    assert main(args) == status
    _, err = capsys.readouterr()
    assert err.startswith(stderr_start), err
    if status == 2:
        assert "usage: midway <command> [options]" in err


def test_main_help(capsys: pytest.CaptureFixture[str]) -> None:
    for flag in ("--help", "-h", "help"):
        assert main([flag]) == 0
        out, err = capsys.readouterr()
        assert out.startswith("usage: midway <command> [options]\n") and err == ""


def test_cli_main_returns_status_and_streams() -> None:
    status, out, err = _core._cli_main(["midway", "version"])
    assert (status, out, err) == (0, f"midway {midway.__version__}\n", "")
    status, out, err = _core._cli_main(["midway", "calendar", "--date", "2026-02-30"])
    assert status == 1 and out == "" and "(field '--date')" in err
