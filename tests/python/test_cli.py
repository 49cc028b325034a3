"""``python -m midway``: the C++ command line behind the Python entry point.
(Mirrors tests/cpp/test_cli.cpp.)"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import midway
from midway import _cli
from midway.__main__ import main

ROOT = Path(__file__).resolve().parents[2]

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


def test_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    result = run("calendar", "--date", "2026-02-30", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "midway calendar: --date: 2026-02 has no day 30\nsee `midway calendar --help`\n"


def test_unknown_command_exits_2(tmp_path: Path) -> None:
    result = run("frobnicate", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "midway: unknown command 'frobnicate'\nsee `midway --help`\n"


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


USAGE_ERRORS = [
    (["calendar", "--date", "2026-02-30"], "midway calendar: --date: 2026-02 has no day 30"),
    (["calendar", "--division", "wales"], "midway calendar: --division: wales not in {england-and-wales,scotland,northern-ireland}"),
    (["calendar", "--date", "2026-01-01", "--counting", "x"], "midway calendar: --counting: x not in {day_zero,inclusive}"),
    (["calendar", "--closure", "1977-01-01", "--date", "2026-01-01"], "midway calendar: --closure: "),
    (["holidays", "--year", "1977"], "midway holidays: --year: Value 1977 not in range 1978 to 2199"),
    (["holidays"], "midway holidays: --year is required"),
    (["calendar", "--days", "x"], "midway calendar: --days: Value x not in range 0 to 366"),
    (["calendar", "--days", "400"], "midway calendar: --days: Value 400 not in range 0 to 366"),
    (["calendar", "--bogus", "1"], "midway calendar: unexpected arguments: --bogus 1"),
    (["calendar", "--date"], "midway calendar: --date: 1 required DATE missing"),
    (["calendar", "stray"], "midway calendar: unexpected argument: stray"),
    (["worklist", "a.json", "--format", "xml"], "midway worklist: --format: xml not in {table,json,csv}"),
    (["worklist", "a.json", "--format", "pdf"], "midway worklist: --format: pdf not in {table,json,csv}"),
    (["worklist", "a.json", "b.json"], "midway worklist: unexpected argument: b.json"),
    (["worklist"], "midway worklist: CASELOAD is required"),
    (["frobnicate"], "midway: unknown command 'frobnicate'"),
    ([], "midway: no command given"),
]


@pytest.mark.parametrize(("args", "first_line"), USAGE_ERRORS, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_main_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], first_line: str) -> None:
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert 1 <= len(lines) <= 3, err
    assert lines[0].startswith(first_line), err
    command = args[0] if args and args[0] != "frobnicate" else ""
    assert lines[-1] == f"see `midway {command + ' ' if command else ''}--help`"


@pytest.mark.parametrize(
    ("args", "stderr_start"),
    [
        (["calendar", "--feed", "/nonexistent/feed.json"], "midway: error [not_found]: cannot open the GOV.UK feed"),
        (["worklist", "/nonexistent/caseload.json"], "midway: error [not_found]"),
        (["import", "cin", "/nonexistent/census.xml"], "midway: error [not_found]"),
    ],
)
def test_main_unreadable_input_exits_3(capsys: pytest.CaptureFixture[str], args: list[str], stderr_start: str) -> None:
    assert main(args) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(stderr_start), err
    assert len(err.splitlines()) == 1


def test_main_help(capsys: pytest.CaptureFixture[str]) -> None:
    for flag in ("--help", "-h", "help"):
        assert main([flag]) == 0
        out, err = capsys.readouterr()
        assert out.startswith(f"midway {midway.__version__}: ") and err == ""
        assert "Usage: midway [OPTIONS] SUBCOMMAND" in out


def commands() -> list[str]:
    status, out, _ = _cli.main(["midway", "--help"])
    assert status == 0
    listing = out.decode().split("Subcommands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in listing.splitlines()]


def test_every_command_has_its_own_help_three_ways(capsys: pytest.CaptureFixture[str]) -> None:
    names = commands()
    assert {"worklist", "schedule", "drift", "evaluate", "import", "annex-a", "help", "completion"} <= set(names)
    for name in names:
        texts = []
        for args in ([name, "--help"], [name, "-h"], ["help", name]):
            assert main(args) == 0, args
            out, err = capsys.readouterr()
            assert err == ""
            texts.append(out)
        assert texts[0] == texts[1] == texts[2]
        assert f"Usage: midway {name} [OPTIONS]" in texts[0]


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"midway {midway.__version__}\n"


def test_cli_main_returns_status_and_streams() -> None:
    status, out, err = _cli.main(["midway", "version"])
    assert (status, out, err) == (0, f"midway {midway.__version__}\n".encode(), b"")
    status, out, err = _cli.main(["midway", "calendar", "--date", "2026-02-30"])
    assert status == 2 and out == b"" and err.endswith(b"see `midway calendar --help`\n")


# ---- exit statuses and outputs, as the C++ tool (tests/cpp/test_cli.cpp) ----


def test_findings_exit_1(tmp_path: Path) -> None:
    result = run("drift", str(ROOT / "examples" / "caseload.json"), "--as-of", "2026-11-22", "--format", "csv", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("team_manager,case_id,")


def test_a_failed_import_leaves_the_output_untouched(tmp_path: Path) -> None:
    (tmp_path / "bad.xml").write_text("<Message><Children>", encoding="utf-8")
    keep = tmp_path / "keep.json"
    keep.write_text('{"keep": true}\n', encoding="utf-8")
    result = run("import", "cin", "bad.xml", "--out", "keep.json", cwd=tmp_path)
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith("midway: error [parse_error]: bad.xml:1: malformed XML")
    assert keep.read_text(encoding="utf-8") == '{"keep": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xml", "keep.json"]  # no temporary file left


def test_out_replaces_the_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "holidays.txt"
    out.write_text("x" * 100_000, encoding="utf-8")
    result = run("holidays", "--year", "2026", "--division", "scotland", "--out", str(out), cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert out.read_text(encoding="utf-8") == SCOTLAND_2026
    assert [p.name for p in tmp_path.iterdir()] == ["holidays.txt"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output_exits_4_in_one_line(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    with open("/dev/full", "wb") as full:
        raw = subprocess.run(
            [sys.executable, "-m", "midway", "holidays", "--year", "2026"],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            env=env,
            timeout=60,
            check=False,
        )
    assert raw.returncode == 4
    assert raw.stderr.decode() == "midway: cannot write to standard output: No space left on device\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_out_file_exits_4(tmp_path: Path) -> None:
    result = run("holidays", "--year", "2026", "--out", "/dev/full", cwd=tmp_path)
    assert result.returncode == 4
    assert result.stderr == "midway: cannot write '/dev/full': No space left on device\n"


def test_progress_stays_quiet_when_piped(tmp_path: Path) -> None:
    result = run("evaluate", "--synthetic", "500", "--as-of", "2026-11-22", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == ""
    forced = run("evaluate", "--synthetic", "500", "--as-of", "2026-11-22", "--progress", cwd=tmp_path)
    assert "100%  500 of 500 cases\n" in forced.stderr


def run_with_a_terminal(*args: str, cwd: Path) -> tuple[int, bytes, bytes]:
    """Runs `python -m midway ARGS` with standard error on a pseudo-terminal and standard output on a pipe;
    returns (status, stdout, what the terminal received)."""
    import pty
    import threading

    leader, follower = pty.openpty()
    received = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed
                return
            if not chunk:
                return
            received.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "midway", *args], stdout=subprocess.PIPE, stderr=follower, cwd=cwd, timeout=120, check=False
        )
    finally:
        os.close(follower)
        reader.join(timeout=30)
        os.close(leader)
    return result.returncode, result.stdout, bytes(received)


@pytest.mark.skipif(sys.platform != "linux", reason="needs a pseudo-terminal")
def test_progress_on_a_terminal(tmp_path: Path) -> None:
    status, out, terminal = run_with_a_terminal("evaluate", "--synthetic", "2000", "--as-of", "2026-11-22", cwd=tmp_path)
    assert status == 0
    assert out.startswith(b"midway evaluate: 2,000 cases")
    assert b"100%  2,000 of 2,000 cases" in terminal
    status, _, terminal = run_with_a_terminal("evaluate", "--synthetic", "2000", "--as-of", "2026-11-22", "--no-progress", cwd=tmp_path)
    assert status == 0 and b"%" not in terminal
    status, _, terminal = run_with_a_terminal("import", "cin", str(ROOT / "tests/data/cin_census/CIN2rows.xml"), "--out", "c.json", cwd=tmp_path)
    assert status == 0
    assert b"midway: reading the CIN census return..." in terminal
    assert re.search(rb"midway: read \d+ cases in \d+\.\d s", terminal), terminal


# ---- the C++ tool and python -m midway, side by side ----


def cpp_tool() -> Path | None:
    """The C++ `midway` of a CMake build of this tree, if there is one (MIDWAY_CLI names another)."""
    if os.environ.get("MIDWAY_CLI"):
        return Path(os.environ["MIDWAY_CLI"])
    for preset in ("dev", "release"):
        tool = ROOT / "build" / preset / "src" / "cli" / "midway"
        if tool.is_file():
            return tool
    return None


SIDE_BY_SIDE = [
    ["--version"],
    ["--help"],
    ["worklist", "--help"],
    ["help", "import"],
    ["frobnicate"],
    [],
    ["calendar", "--date", "2026-02-30"],
    ["calendar", "--colour", "red"],
    ["worklist", "examples/caseload.json", "--format", "pdf"],
    ["worklist", "examples/caseload.json", "--as-of", "2026-11-22", "--format", "csv"],
    ["drift", "examples/caseload.json", "--as-of", "2026-11-22"],
    ["schedule", "examples/caseload.json", "--as-of", "2026-11-22", "--case", "NOPE"],
    ["ics", "examples/caseload.json", "--as-of", "2026-11-22", "--person", "CH-1"],
    ["annex-a", "7", "cin", "tests/data/cin_census/CIN2rows.xml", "--as-of", "2023-04-01"],
    ["import", "cin", "/nonexistent.xml"],
    ["completion", "bash"],
]


@pytest.mark.skipif(cpp_tool() is None, reason="no CMake build of the C++ tool in build/dev or build/release")
@pytest.mark.parametrize("args", SIDE_BY_SIDE, ids=lambda a: " ".join(a) or "(none)")
def test_python_and_cpp_behave_identically(args: list[str]) -> None:
    tool = cpp_tool()
    assert tool is not None
    python = subprocess.run([sys.executable, "-m", "midway", *args], capture_output=True, cwd=ROOT, timeout=120, check=False)
    cpp = subprocess.run([str(tool), *args], capture_output=True, cwd=ROOT, timeout=120, check=False)
    assert (python.returncode, python.stdout, python.stderr) == (cpp.returncode, cpp.stdout, cpp.stderr)


# ---- the bash completion script ----


def complete(script: Path, *words: str) -> list[str]:
    """What bash completes for `midway WORDS...` (the last word being completed)."""
    quoted = " ".join(shlex.quote(w) for w in ("midway", *words))
    program = "\n".join(
        [
            f"source {shlex.quote(str(script))}",
            f"COMP_WORDS=({quoted})",
            f"COMP_CWORD={len(words)}",
            "_midway",
            'printf "%s\\n" "${COMPREPLY[@]}"',
        ]
    )
    out = subprocess.run(["bash", "-c", program], capture_output=True, text=True, check=True, timeout=30).stdout
    return [w for w in out.splitlines() if w]


def test_the_completion_script_completes_commands_options_and_values(tmp_path: Path) -> None:
    status, out, _ = _cli.main(["midway", "completion", "bash"])
    assert status == 0
    script = tmp_path / "midway.bash"
    script.write_bytes(out)
    assert complete(script, "wo") == ["worklist"]
    assert set(complete(script, "")) >= {"worklist", "drift", "annex-a", "--version"}
    assert complete(script, "worklist", "x.json", "--ho") == ["--horizon"]
    assert complete(script, "worklist", "x.json", "--format", "") == ["table", "json", "csv"]
    assert complete(script, "calendar", "--division", "sc") == ["scotland"]
    assert complete(script, "help", "dr") == ["drift"]


# ---- docs/cli.md ----


def test_every_example_on_the_cli_page_prints_what_it_shows(tmp_path: Path) -> None:
    """Each `$ midway ...` line of docs/cli.md, run where `examples/` and `tests/` are the repository's (files it
    writes land in a scratch directory): its output starts with the lines shown (up to a `...`), and
    `$ echo $?` after it shows its status."""
    for name in ("examples", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```\n(.*?)^```", page, re.MULTILINE | re.DOTALL)
    ran = 0
    for block in blocks:
        for example in re.split(r"^(?=\$ )", block, flags=re.MULTILINE):
            if not example.startswith("$ midway "):
                continue
            command, *shown = example.rstrip("\n").split("\n")
            args = shlex.split(command)[2:]
            if "cases.json" in args:  # the worked example of docs/midway-review.md: tests/python/test_checklist.py
                continue
            status_shown = None
            if len(shown) >= 2 and shown[-2] == "$ echo $?":
                status_shown = int(shown[-1])
                shown = shown[:-2]
            if "..." in shown:
                shown = shown[: shown.index("...")]
            result = run(*args, cwd=tmp_path)
            printed = (result.stdout + result.stderr).splitlines()
            assert printed[: len(shown)] == shown, command
            if status_shown is not None:
                assert result.returncode == status_shown, command
            ran += 1
    assert ran >= 7
