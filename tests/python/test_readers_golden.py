"""The readers write columns; the cases built on demand are what the readers gave before (issue 14).

tests/data/readers_golden holds, for every shared sample in tests/data, the caseload JSON, the
findings CSV and the findings report that the readers gave when they built every case as an
object (the build of commit a7fb5a7; generate.py made them). Both readers, SSDA903 and the CIN
census, now fill the columns as they parse and build a case only when asked: case(i), iteration,
to_caseload(), and `cases` (the slow path, kept). Each must give exactly the old output.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import midway

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
GOLDEN = DATA / "readers_golden"

SAMPLES: dict[str, tuple[str, Path]] = {
    "ssda903_csv": ("ssda903", DATA / "ssda903"),
    "ssda903_xml": ("ssda903", DATA / "ssda903" / "fake_903.xml"),
    "ssda903_boundaries": ("ssda903", DATA / "validator_parity" / "ssda903_boundaries"),
    "ssda903_boundaries_xml": ("ssda903", DATA / "validator_parity" / "ssda903_boundaries.xml"),
    **{"cin_" + f.stem: ("cin", f) for f in sorted((DATA / "cin_census").glob("*.xml"))},
}


def read(name: str, threads: int = 1) -> midway.ImportResult:
    kind, path = SAMPLES[name]
    if kind == "ssda903":
        return midway.import_ssda903(path, threads=threads)
    return midway.import_cin_census(path)


def golden(name: str, what: str) -> str:
    with gzip.open(GOLDEN / f"{name}.{what}.gz", "rt", encoding="utf-8", newline="") as f:
        return f.read()


def test_every_sample_has_its_fixtures() -> None:
    assert len(SAMPLES) == 10
    for name in SAMPLES:
        for what in ("caseload.json", "findings.csv", "report.txt"):
            assert (GOLDEN / f"{name}.{what}.gz").is_file(), (name, what)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_cases_built_on_demand_are_the_readers_cases_before(name: str) -> None:
    r = read(name)
    expected = golden(name, "caseload.json")
    assert r.to_caseload().to_json() == expected
    assert r.cases.to_json() == expected
    assert r.cases is r.cases  # built once, then kept
    assert r.case_count() == len(r.cases)
    cases = list(r)
    assert cases == list(r.cases)
    if cases:
        assert r.case(0) == cases[0]
        assert r.case(-1) == cases[-1]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_findings_renderings_are_byte_identical(name: str) -> None:
    r = read(name)
    assert r.findings_csv() == golden(name, "findings.csv")
    assert r.report(max_listed=100000) == golden(name, "report.txt")


@pytest.mark.parametrize("threads", [2, 3])
def test_the_same_on_threads(threads: int) -> None:
    for name in ("ssda903_csv", "ssda903_xml"):
        r = read(name, threads)
        assert r.to_caseload().to_json() == golden(name, "caseload.json")
        assert r.findings_csv() == golden(name, "findings.csv")


def test_case_out_of_range_is_a_typed_error() -> None:
    r = read("ssda903_boundaries")
    with pytest.raises(midway.OutOfRangeError) as e:
        r.case(r.case_count())
    assert e.value.field == "index"
    with pytest.raises(midway.InvalidArgumentError):
        r.case("0")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["ssda903_csv", "ssda903_xml", "cin_CIN_Census_2024"])
def test_evaluate_reads_the_columns_as_the_caseload_gives(name: str) -> None:
    r = read(name)
    as_of = dt.date(2020, 3, 31)
    direct = midway.evaluate(r, as_of=as_of)
    via_cases = midway.evaluate(r.to_caseload(), as_of=as_of)
    assert direct.keys() == via_cases.keys()
    for k in direct:
        assert [str(x) for x in np.asarray(direct[k])] == [str(x) for x in np.asarray(via_cases[k])], k  # NaT as 'NaT' 


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "midway", *args], capture_output=True, text=True, cwd=cwd, check=False)


def test_cli_evaluates_a_return_from_its_files(tmp_path: Path) -> None:
    out = tmp_path / "due.csv"
    done = cli("evaluate", str(DATA / "ssda903"), "--as-of", "2020-03-31", "--format", "csv", "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "reviews.csv" in done.stderr  # the findings report's counts
    r = read("ssda903_csv")
    direct = midway.evaluate(r, as_of=dt.date(2020, 3, 31))
    with out.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert [row["case_id"] for row in rows] == direct["case_id"].tolist()
    assert [row["review_status"] for row in rows] == [str(s) for s in direct["review_status"]]
    assert [row["review_due"] for row in rows] == ["" if np.isnat(d) else str(d) for d in direct["review_due"]]
    as_json = cli("evaluate", str(DATA / "ssda903" / "fake_903.xml"), "--as-of", "2020-03-31", "--format", "json", cwd=tmp_path)
    assert as_json.returncode == 0, as_json.stderr
    doc = json.loads(as_json.stdout)
    assert doc["schema"] == "midway.evaluation" and len(doc["cases"]) == read("ssda903_xml").case_count()
    # Malformed XML: unreadable input, status 3, an existing output left as it was.
    (tmp_path / "bad.xml").write_text("<EXPSSDA903><CHILD>")
    out.write_text("keep")
    bad = cli("evaluate", "bad.xml", "--format", "csv", "--out", str(out), cwd=tmp_path)
    assert bad.returncode == 3 and out.read_text() == "keep"
