"""DfE data returns (SSDA903, CIN census), review timeliness and Annex A, from Python.

The validator-parity tests recompute rules 166, 167, 440 and 441 with pandas exactly as the
DfE's csc-validator-be-903 does (lac_validator/rules/lac2022_23/rule_166.py, ...), on the
same sample file, and compare the flagged rows with midway's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import midway

DATA = Path(__file__).parents[1] / "data"
SSDA903 = DATA / "ssda903"
CIN_2026 = DATA / "cin_census" / "CIN_Census_2026.xml"
CIN_2024 = DATA / "cin_census" / "CIN_Census_2024.xml"

EPISODES_HEADER = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"


def rule_lines(result: midway.ImportResult, rule: str) -> set[int]:
    return {f.line for f in result.findings if f.kind is midway.FindingKind.RULE and f.rule == rule}


def test_ssda903_sample_directory_loads_every_row_accounted_for() -> None:
    r = midway.import_ssda903(SSDA903)
    tables = {t.table: t for t in r.tables}
    assert tables["episodes"].read == 5050
    assert tables["reviews"].read == 12582
    for t in r.tables:
        assert t.read == t.loaded + t.rejected
    assert r.totals().read == sum(t.read for t in r.tables)
    assert len({c.child_id for c in r.cases.cases}) == 2123
    assert all(c.kind is midway.CaseKind.LAC for c in r.cases.cases)
    assert r.count("rejected") == r.count(midway.FindingKind.REJECTED) > 0
    assert "episodes.csv" in r.report(5)
    assert r.findings_csv().startswith("kind,rule,file,line,path,child_id,field,reason\r\n")


def test_ssda903_xml_sample_names_xml_paths() -> None:
    r = midway.import_ssda903(SSDA903 / "fake_903.xml")
    assert {t.table for t in r.tables} == {"header", "episodes", "reviews", "missing"}
    rejected = [f for f in r.findings if f.kind is midway.FindingKind.REJECTED]
    assert rejected and all(f.path.startswith("/EXPSSDA903/CHILD[") for f in rejected)


@pytest.mark.parametrize("threads", [0, 2, 3])
def test_ssda903_threads_give_the_same_result(threads: int) -> None:
    one = midway.import_ssda903(SSDA903)
    many = midway.import_ssda903(SSDA903, threads=threads)
    assert many.cases.to_json() == one.cases.to_json()
    assert many.findings == one.findings
    assert [(t.file, t.read, t.loaded, t.rejected) for t in many.tables] == [
        (t.file, t.read, t.loaded, t.rejected) for t in one.tables
    ]
    xml = (SSDA903 / "fake_903.xml").read_text()
    assert midway.import_ssda903_xml(xml, threads=threads).findings == midway.import_ssda903_xml(xml).findings
    with pytest.raises(midway.OutOfRangeError) as negative:
        midway.import_ssda903(SSDA903, threads=-1)
    assert negative.value.field == "threads"


def test_bad_rows_become_findings_and_the_rest_loads() -> None:
    episodes = EPISODES_HEADER + "A,01/01/2020,S,C2,N1,U1,PR1,,\nB,31/02/2020,S,C2,N1,U1,PR1,,\nC,01/01/2020,S\n"
    r = midway.import_ssda903_csv(episodes=episodes)
    assert [c.case_id for c in r.cases.cases] == ["LAC-A-1"]
    found = [(f.line, f.child_id, f.field) for f in r.findings]
    assert found == [(3, "B", "DECOM"), (4, "C", "")]
    assert "2020" in r.findings[0].reason  # the bad value is shown (it is not a date of birth)


def test_findings_never_show_a_date_of_birth() -> None:
    r = midway.import_ssda903_csv(
        episodes=EPISODES_HEADER + "A,06/01/2020,S,C2,N1,U1,PR1,,\n",
        header="CHILD,SEX,DOB\nA,1,31/31/2011\n",
        reviews="CHILD,DOB,REVIEW,REVIEW_CODE\nA,17/09/2011,bad,PN1\n",
    )
    assert r.findings
    for f in r.findings:
        assert "2011" not in f.reason and "31/31" not in f.reason


def test_ssda903_rules_triggered_and_not_triggered() -> None:
    reviews = (
        "CHILD,DOB,REVIEW,REVIEW_CODE\n"
        "A,01/01/2006,01/01/2011,PN1\n"
        "A,01/01/2006,38/04/2011,PN1\n"
        "A,01/01/2006,01/02/2011,PN9\n"
        "A,01/01/2006,01/04/2011,PN0\n"
        "A,01/01/2008,01/06/2011,PN3\n"
    )
    r = midway.import_ssda903_csv(episodes=EPISODES_HEADER + "A,01/01/2010,S,C2,N1,U1,PR1,,\n", reviews=reviews)
    assert rule_lines(r, "166") == {3}
    assert rule_lines(r, "167") == {4}
    assert rule_lines(r, "440") == {5}
    assert rule_lines(r, "441") == {6}
    quiet = midway.import_ssda903_csv(episodes=EPISODES_HEADER, reviews=reviews, validator_rules=False)
    assert quiet.count(midway.FindingKind.RULE) == 0


def test_ssda903_rules_match_the_dfe_validator_on_the_sample() -> None:
    pd: Any = pytest.importorskip("pandas")
    reviews = pd.read_csv(SSDA903 / "reviews.csv", dtype=str, keep_default_na=True)
    review = pd.to_datetime(reviews["REVIEW"], format="%d/%m/%Y", errors="coerce")
    dob = pd.to_datetime(reviews["DOB"], format="%d/%m/%Y", errors="coerce")
    codes = ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"]
    expected = {
        "166": review.isna(),
        "167": ~((reviews["REVIEW"].notna() & reviews["REVIEW_CODE"].isin(codes)) | (reviews["REVIEW"].isna() & reviews["REVIEW_CODE"].isna())),
        "440": reviews["REVIEW_CODE"].eq("PN0") & (review > dob + pd.offsets.DateOffset(years=4)),
        "441": reviews["REVIEW_CODE"].isin(codes[1:]) & (review < dob + pd.offsets.DateOffset(years=4)),
    }
    r = midway.import_ssda903(SSDA903)
    for rule, mask in expected.items():
        # Data rows start on line 2 of the file; pandas indexes them from 0.
        assert rule_lines(r, rule) == {int(i) + 2 for i in reviews.index[mask]}, rule


def test_cin_census_builds_cp_cases() -> None:
    r = midway.import_cin_census(CIN_2026)
    assert r.reference_date == dt.date(2024, 3, 31)
    assert [c.case_id for c in r.cases.cases] == ["CP-DfEX0000001-1", "CP-DfEX0000001-2"]
    assert all(c.kind is midway.CaseKind.CP for c in r.cases.cases)
    assert r.count(midway.FindingKind.REJECTED) == 0


@pytest.mark.parametrize(
    ("rule", "edit", "flagged"),
    [
        ("2885", ("<CPPstartDate>2022-02-17", "<CPPstartDate>2023-06-01"), True),
        ("2885", None, False),
        ("8841", ("<CPPreviewDate>2023-02-15", "<CPPreviewDate>2022-02-17"), True),
        ("8841", None, False),
        ("8842Q", ("<CPPreviewDate>2023-02-15</CPPreviewDate>", ""), True),
        ("8842Q", None, False),
        ("8870Q", ("<InitialCPCtarget>2022-06-23", "<InitialCPCtarget>2022-06-25"), True),
        ("8870Q", None, False),
        ("8875", ("<DateOfInitialCPC>2022-06-17", "<DateOfInitialCPC>2022-06-18"), True),
        ("8875", None, False),
        ("8675Q", ("<DateOfInitialCPC>2022-06-17</DateOfInitialCPC>", ""), True),
        ("8675Q", None, False),
    ],
)
def test_cin_rules_triggered_and_not_triggered(rule: str, edit: tuple[str, str] | None, flagged: bool) -> None:
    text = CIN_2024.read_text()
    if edit is not None:
        assert edit[0] in text
        text = text.replace(edit[0], edit[1], 1)
    r = midway.import_cin_census_xml(text, "t.xml")
    assert (r.count_rule(rule) > 0) is flagged


def test_rule_8675q_threshold_matches_pandas_custom_business_day() -> None:
    pd: Any = pytest.importorskip("pandas")
    np: Any = pytest.importorskip("numpy")
    cal = midway.Calendar("england-and-wales")
    holidays = [h.date for year in range(2023, 2025) for h in cal.holidays(year)]
    ref = pd.Timestamp("2024-03-31")
    # The validator: collection_end - england_working_days(15), i.e. CustomBusinessDay(n=14).
    threshold = (ref - pd.offsets.CustomBusinessDay(n=14, calendar=np.busdaycalendar(holidays=holidays))).date()
    assert threshold == dt.date(2024, 3, 11)
    base = CIN_2024.read_text().replace("<DateOfInitialCPC>2022-06-17</DateOfInitialCPC>", "", 1)
    for start, flagged in ((threshold - dt.timedelta(days=1), True), (threshold, False)):
        text = base.replace("<S47ActualStartDate>2022-06-02", f"<S47ActualStartDate>{start.isoformat()}", 1)
        assert (midway.import_cin_census_xml(text).count_rule("8675Q") == 1) is flagged


def test_review_timeliness_anchor_and_statuses() -> None:
    case = midway.Case(case_id="CP-1", child_id="C-1", kind=midway.CaseKind.CP)
    case.record(midway.StrategyDiscussion(date=dt.date(2024, 2, 28), s47_started=True))
    case.record(midway.S47Enquiry(date=dt.date(2024, 3, 1)))
    case.record(midway.InitialConference(date=dt.date(2024, 3, 21)))
    caseload = midway.Caseload([case])
    guidance = midway.review_timeliness(caseload, as_of=dt.date(2024, 5, 1))
    first = guidance.rows[0]
    assert (first.item, first.anchor, first.due, first.status) == (
        midway.ItemKind.ICPC,
        "strategy_discussion",
        dt.date(2024, 3, 20),
        midway.TimelinessStatus.LATE,
    )
    assert guidance.rows[1].status is midway.TimelinessStatus.PENDING
    dfe = midway.review_timeliness(caseload, as_of=dt.date(2024, 5, 1), anchor="s47_start")
    assert (dfe.rows[0].anchor, dfe.rows[0].status) == ("s47_start", midway.TimelinessStatus.ON_TIME)
    assert dfe.count("on_time", midway.ItemKind.ICPC) == 1
    assert "Summary" in dfe.to_table()
    assert dfe.to_csv().startswith("case_id,child_id,case_kind,item,number,anchor")


def test_timeliness_on_the_ssda903_sample() -> None:
    r = midway.import_ssda903(SSDA903)
    report = midway.review_timeliness(r.cases, as_of=dt.date(2018, 3, 31), policy=midway.Policy.england())
    assert len(report) > 1000
    assert not report.problems
    # Short breaks (V3/V4) are measured by reg 48, not left out.
    assert report.count(midway.TimelinessStatus.NOT_REQUIRED) == 0
    breaks = {c.case_id for c in r.cases.cases if c.short_breaks}
    assert breaks
    assert any(row.case_id in breaks for row in report.rows)


def test_annex_a_lists() -> None:
    list7_header = (DATA / "annex_a" / "List_7.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert set(midway.annex_a_list7_columns()) <= set(list7_header)
    cin = midway.import_cin_census(CIN_2026)
    csv7 = midway.annex_a_list7(cin.cases, as_of=dt.date(2023, 4, 1))
    assert "DfEX0000001,17/02/2022,Physical abuse" in csv7
    lac = midway.import_ssda903(SSDA903)
    csv8 = midway.annex_a_list8(lac.cases, as_of=dt.date(2018, 3, 31), uk_dates=False)
    assert csv8.splitlines()[0].startswith("Child Unique ID,Date Started to be Looked After")
    assert len(csv8.splitlines()) > 100


def test_errors_are_midway_errors() -> None:
    with pytest.raises(midway.NotFoundError):
        midway.import_ssda903(DATA / "no-such-dir")
    with pytest.raises(midway.NotFoundError):
        midway.import_cin_census(DATA / "no-such.xml")
    with pytest.raises(midway.UnknownCodeError):
        midway.review_timeliness(midway.Caseload(), as_of=dt.date(2024, 1, 1), anchor="referral")  # type: ignore[arg-type]
    with pytest.raises(midway.Error):
        midway.import_ssda903_csv(episodes=EPISODES_HEADER, validator_rules=1)  # type: ignore[arg-type]


def test_malformed_xml_is_a_finding() -> None:
    r = midway.import_cin_census_xml("<Message><Children>", "x.xml")
    assert r.count(midway.FindingKind.REJECTED) == 1
    assert r.findings[0].file == "x.xml"


def test_findings_are_compact_records_that_name_their_check() -> None:
    # Each finding names the reader check or validator rule it comes from; a rule's flag is the
    # check "rule_<code>", and its reason is the check's one template (the same text for every flag).
    paths = [SSDA903, CIN_2026, DATA / "cin_census" / "BAR_cin_2022.xml"]
    results = [midway.import_ssda903(SSDA903), midway.import_cin_census(paths[1]), midway.import_cin_census(paths[2])]
    findings = [f for r in results for f in r.findings]
    assert findings
    reasons: dict[str, set[str]] = {}
    for f in findings:
        assert f.check and f.reason
        assert (f.kind is midway.FindingKind.RULE) == f.check.startswith("rule_")
        if f.kind is midway.FindingKind.RULE:
            assert f.check == "rule_" + f.rule
            reasons.setdefault(f.check, set()).add(f.reason)
    assert reasons and all(len(texts) == 1 for texts in reasons.values())
    # Copies share the reader's strings and compare by value.
    first = results[0].findings[0]
    assert first == results[0].findings[0] and first.reason == results[0].findings[0].reason
