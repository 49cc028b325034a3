"""`midway ics`: a person's due items as an iCalendar feed, read back with the `icalendar`
package and compared with the worklist (docs/cli.md, "midway ics")."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

import midway

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "caseload.json"
AS_OF = dt.date(2026, 11, 22)


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "midway", *args], capture_output=True, cwd=cwd, env=env, timeout=120, check=False)


def feed(person: str, *extra: str) -> icalendar.Calendar:
    result = run_cli("ics", str(SAMPLE), "--person", person, "--as-of", AS_OF.isoformat(), *extra)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    return icalendar.Calendar.from_ical(result.stdout)


def people() -> list[str]:
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return sorted({p["id"] for case in doc["cases"] for p in case.get("people", [])})


def worklist_items(person: str, horizon_days: int = 28) -> list[tuple[str, str, dt.date, str]]:
    """(case id, item kind, due, status) of each worklist entry of `person`, in any role."""
    w = midway.worklist(midway.load_caseload(SAMPLE), as_of=AS_OF, horizon_days=horizon_days)
    out = []
    for group in w.groups:
        if group.person_id != person:
            continue
        for entry in group.entries:
            assert entry.item.due is not None
            out.append((entry.case_id, entry.item.kind.name.lower(), entry.item.due, entry.item.status.name.lower()))
    return sorted(out)


def events_of(cal: icalendar.Calendar) -> list[icalendar.Component]:
    return list(cal.walk("VEVENT"))


@pytest.mark.parametrize("person", ["SW-01", "CH-1", "CPA-1", "IRO-1"])
def test_the_feed_holds_the_persons_worklist_items(person: str) -> None:
    cal = feed(person)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == f"-//midway//midway {midway.__version__}//EN"
    got = []
    for ev in events_of(cal):
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND")
        assert type(start) is dt.date and end == start + dt.timedelta(days=1)  # all-day events
        case_id = str(ev["SUMMARY"]).split(": ", 1)[1].removesuffix(" (overdue)")
        categories = ev["CATEGORIES"]
        assert isinstance(categories, icalendar.vCategory)
        kind = str(categories.cats[0])
        status = "overdue" if str(ev["SUMMARY"]).endswith(" (overdue)") else None
        got.append((case_id, kind, start, status))
    expected = worklist_items(person)
    assert expected, person  # the sample gives each of these people something to do
    assert sorted((c, k, d) for c, k, d, _ in got) == [(c, k, d) for c, k, d, _ in expected]
    assert sum(1 for *_, s in got if s == "overdue") == sum(1 for *_, s in expected if s == "overdue")
    if person.startswith("CPA-"):  # the CPA midway monitoring checklist is due at the CP midway review
        assert all(str(ev["SUMMARY"]).startswith("Midway review and CPA checklist: ") for ev in events_of(cal))


def test_each_event_has_a_reminder_and_an_explanation() -> None:
    cal = feed("SW-01", "--remind", "3")
    for ev in events_of(cal):
        alarms = list(ev.walk("VALARM"))
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == -dt.timedelta(days=3)
        assert " due " in str(ev["DESCRIPTION"])
        assert str(ev["UID"]).endswith("@midway")


def test_uids_are_stable_and_unique() -> None:
    first = run_cli("ics", str(SAMPLE), "--person", "SW-01", "--as-of", "2026-11-22").stdout
    second = run_cli("ics", str(SAMPLE), "--person", "SW-01", "--as-of", "2026-11-22").stdout
    assert first == second  # byte for byte
    uids = [str(ev["UID"]) for ev in events_of(icalendar.Calendar.from_ical(first))]
    assert len(uids) == len(set(uids))
    # A week later: an item still pending keeps its UID (a calendar client updates it, never duplicates it).
    later = run_cli("ics", str(SAMPLE), "--person", "SW-01", "--as-of", "2026-11-29").stdout
    later_uids = {str(ev["UID"]) for ev in events_of(icalendar.Calendar.from_ical(later))}
    assert set(uids) & later_uids


def test_no_childs_name_or_date_of_birth(tmp_path: Path) -> None:
    # The sample, with a name and a date of birth on every case that appear nowhere else.
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    event_dates = {e["date"] for case in doc["cases"] for e in case["events"]}
    for index, case in enumerate(doc["cases"]):
        birth = dt.date(2012, 1, 1) + dt.timedelta(days=index)
        assert birth.isoformat() not in event_dates
        case["personal"] = {"name": f"Secret Name {index}", "date_of_birth": birth.isoformat()}
    caseload = tmp_path / "caseload.json"
    caseload.write_text(json.dumps(doc), encoding="utf-8")
    for person in people():
        result = run_cli("ics", str(caseload), "--person", person, "--as-of", "2026-11-22")
        assert result.returncode == 0, (person, result.stderr)
        text = result.stdout.decode("utf-8")
        assert "Secret Name" not in text, person
        for index in range(len(doc["cases"])):
            birth = dt.date(2012, 1, 1) + dt.timedelta(days=index)
            for spelling in (birth.isoformat(), birth.strftime("%Y%m%d"), birth.strftime("%d/%m/%Y")):
                assert spelling not in text, person


def test_an_unknown_person_is_refused(tmp_path: Path) -> None:
    result = run_cli("ics", str(SAMPLE), "--person", "SW-99", "--as-of", "2026-11-22")
    assert result.returncode == 3
    assert result.stdout == b""
    assert result.stderr.decode() == (
        "midway: error [not_found]: no one with this id is assigned to a case in the caseload (field '--person')\n"
    )
    missing = run_cli("ics", str(SAMPLE), "--as-of", "2026-11-22")
    assert missing.returncode == 2
    assert missing.stderr.decode() == "midway ics: --person is required\nsee `midway ics --help`\n"


def test_out_writes_the_same_feed(tmp_path: Path) -> None:
    out = tmp_path / "sw.ics"
    result = run_cli("ics", str(SAMPLE), "--person", "SW-01", "--as-of", "2026-11-22", "--out", str(out))
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    assert out.read_bytes() == run_cli("ics", str(SAMPLE), "--person", "SW-01", "--as-of", "2026-11-22").stdout
