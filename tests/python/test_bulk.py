"""Synthetic caseloads, the columnar form and bulk evaluation through the binding: numpy arrays in and
out, a pandas DataFrame from the result without Python loops, agreement with midway.schedule and
midway.drift on a sample of cases, thread-count invariance, and bad columns refused with errors naming
the array and the index. (Mirrors tests/cpp/test_bulk.cpp.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

import midway

AS_OF = dt.date(2026, 11, 22)
EVENT_KEYS = {"event_case", "event_kind", "event_date", "event_flags", "event_other_date"}
CASE_KEYS = {"case_id", "child_id", "case_kind", "partial_history", "short_breaks"}
MEETING_KEYS = {"meeting_case", "meeting_review", "meeting_arranged_for", "meeting_scheduled_for", "meeting_status",
                "meeting_reschedules", "reschedule_day"}
RECOMMENDATION_KEYS = {"recommendation_case", "recommendation_due", "recommendation_open", "recommendation_urgent"}
STATUS = {s: s.name.lower() for s in midway.ItemStatus}


def codes(value: Any) -> npt.NDArray[np.uint8]:
    """The codes of an enum column (a pandas.Categorical over the enum's names) as uint8, a copy."""
    return np.asarray(value.codes, dtype=np.uint8).copy()


def day(value: dt.date | None) -> np.datetime64:
    return np.datetime64("NaT", "D") if value is None else np.datetime64(value, "D")


@pytest.fixture(scope="module")
def columns() -> dict[str, npt.NDArray[Any]]:
    return midway.synthetic_columns(1200, seed=11, as_of=AS_OF)


def test_synthetic_columns_are_numpy_arrays_with_the_documented_dtypes(columns: dict[str, npt.NDArray[Any]]) -> None:
    assert set(columns) == EVENT_KEYS | CASE_KEYS | MEETING_KEYS | RECOMMENDATION_KEYS
    assert columns["event_case"].dtype == np.int32
    # The enum columns are pandas.Categorical over the enums' names, int8 codes in table order.
    enums: dict[str, Any] = {key: columns[key] for key in ("event_kind", "case_kind", "meeting_status")}
    assert list(enums["event_kind"].categories) == midway.event_kinds()
    assert enums["event_kind"].codes.dtype == np.int8
    assert columns["event_flags"].dtype == np.uint16
    assert columns["event_date"].dtype == np.dtype("datetime64[D]")
    assert columns["event_other_date"].dtype == np.dtype("datetime64[D]")
    assert list(enums["case_kind"].categories) == ["LAC", "CP"]
    assert list(enums["meeting_status"].categories) == [s.name.lower() for s in midway.MeetingStatus]
    assert columns["partial_history"].dtype == np.bool_
    assert columns["case_id"].dtype == object and len(columns["case_id"]) == 1200
    assert 33 < len(columns["event_kind"]) / 1200 < 43
    assert columns["event_date"].max() <= np.datetime64(AS_OF, "D")
    assert midway.event_kinds()[8] == "visit"
    assert midway.event_flags()["seen"] == 1


def test_same_seed_same_caseload(columns: dict[str, npt.NDArray[Any]]) -> None:
    again = midway.synthetic_columns(1200, seed=11, as_of=AS_OF)
    other = midway.synthetic_columns(1200, seed=12, as_of=AS_OF)
    for key in columns:
        np.testing.assert_array_equal(again[key], columns[key])
    assert not np.array_equal(other["event_date"][:1000], columns["event_date"][:1000])


def test_synthetic_options_are_checked() -> None:
    with pytest.raises(midway.InvalidArgumentError) as e:
        midway.synthetic_columns(10, lac_share=2.0)
    assert e.value.field == "lac_share"
    with pytest.raises(midway.UnknownCodeError):
        midway.synthetic_columns(10, lac_shares=0.5)
    assert not (midway.synthetic_columns(10, lac_share=1.0)["case_kind"] == "CP").any()  # all LAC


def test_columns_round_trip_through_a_caseload() -> None:
    caseload = midway.synthetic_caseload(200, seed=5, as_of=AS_OF)
    cols = midway.to_columns(caseload)
    back = midway.from_columns(cols)
    assert back.cases == caseload.cases
    again = midway.to_columns(back)
    for key in cols:
        np.testing.assert_array_equal(again[key], cols[key])


def test_evaluate_returns_numpy_columns_that_pandas_takes_as_they_are(columns: dict[str, npt.NDArray[Any]]) -> None:
    pd: Any = pytest.importorskip("pandas")
    result = midway.evaluate(columns, as_of=AS_OF)
    frame = pd.DataFrame(result)
    assert len(frame) == 1200
    assert list(frame["case_id"][:2]) == list(columns["case_id"][:2])
    assert result["review_due"].dtype == np.dtype("datetime64[D]")
    assert result["visit_gaps"].dtype == np.int32
    assert set(frame["review_status"]) <= set(STATUS.values())
    assert set(frame["kind"]) == {"LAC", "CP"}
    assert (frame["visit_status"] == "overdue").sum() > 0
    overdue = frame[frame["review_status"] == "overdue"]
    assert (overdue["review_due"] < pd.Timestamp(AS_OF)).all()


def test_evaluate_agrees_with_schedule_and_drift_on_a_sample(columns: dict[str, npt.NDArray[Any]]) -> None:
    result = midway.evaluate(columns, as_of=AS_OF)
    caseload = midway.from_columns(columns)
    for i in range(0, 1200, 7):
        case = caseload.cases[i]
        s = midway.schedule(case, as_of=AS_OF)
        assert result["case_id"][i] == case.case_id
        assert result["review_item"][i] == s.next_review.kind.name.lower()
        for item, key in ((s.next_review, "review"), (s.midway_review, "midway"), (s.next_visit, "visit"), (s.next_core_group, "core_group")):
            assert result[f"{key}_status"][i] == STATUS[item.status], (case.case_id, key)
            due = result[f"{key}_due"][i]
            assert (np.isnat(due) and item.due is None) or due == day(item.due), (case.case_id, key)
        gaps = [g for g in s.history if not g.kept and not g.open]
        assert result["visit_gaps"][i] == sum(g.kind == midway.ItemKind.VISIT for g in gaps)
        assert result["core_group_gaps"][i] == sum(g.kind == midway.ItemKind.CORE_GROUP for g in gaps)
        assert result["findings"][i] == len(midway.drift(case, as_of=AS_OF))


def test_threads_and_caseload_input_give_the_same_result(columns: dict[str, npt.NDArray[Any]]) -> None:
    one = midway.evaluate(columns, as_of=AS_OF, threads=1)
    for other in (
        midway.evaluate(columns, as_of=AS_OF, threads=2),
        midway.evaluate(columns, as_of=AS_OF, threads=0),
        midway.evaluate(midway.from_columns(columns), as_of=AS_OF),
    ):
        assert set(other) == set(one)
        for key in one:
            np.testing.assert_array_equal(other[key], one[key])
    with pytest.raises(midway.OutOfRangeError) as negative:
        midway.evaluate(columns, as_of=AS_OF, threads=-1)
    assert negative.value.field == "threads"
    with pytest.raises(midway.InvalidArgumentError) as text:
        midway.evaluate(columns, as_of=AS_OF, threads="2")  # type: ignore[arg-type]
    assert text.value.field == "threads"


def test_policy_and_calendar_are_used(columns: dict[str, npt.NDArray[Any]]) -> None:
    strict = midway.evaluate(columns, as_of=AS_OF, policy=midway.Policy.england(cp_visit_interval=midway.Period(5, "working_days")))
    usual = midway.evaluate(columns, as_of=AS_OF, calendar=midway.Calendar("england-and-wales"))
    assert strict["visit_gaps"].sum() > usual["visit_gaps"].sum()


def test_progress_bar_on_stderr_only_when_asked(columns: dict[str, npt.NDArray[Any]], capsys: pytest.CaptureFixture[str]) -> None:
    midway.evaluate(columns, as_of=AS_OF)
    assert capsys.readouterr().err == ""
    midway.evaluate(columns, as_of=AS_OF, progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "100%  1,200 of 1,200 cases" in captured.err


def test_columns_built_by_hand_from_plain_arrays() -> None:
    kinds = {name: code for code, name in enumerate(midway.event_kinds())}
    cols: dict[str, npt.ArrayLike] = {
        "case_id": ["CP-1"],
        "case_kind": np.array([1]),
        "event_case": np.array([0, 0, 0]),
        "event_kind": np.array([kinds["strategy_discussion"], kinds["initial_conference"], kinds["visit"]]),
        "event_date": np.array(["2026-01-05", "2026-01-19", "2026-01-30"], dtype="datetime64[D]"),
        "event_flags": np.array([midway.event_flags()["s47_started"], midway.event_flags()["plan_started"], midway.event_flags()["seen"]]),
    }
    r = midway.evaluate(cols, as_of=dt.date(2026, 5, 1))
    assert r["review_item"][0] == "rcpc"
    assert r["review_due"][0] == np.datetime64("2026-04-17")  # 3 months after 19 Jan is Sun 19 Apr: brought forward
    assert r["visit_due"][0] == np.datetime64("2026-02-13")
    assert r["visit_status"][0] == "overdue"


def bad(columns: dict[str, npt.NDArray[Any]], **changes: Any) -> dict[str, Any]:
    out: dict[str, Any] = {k: v.copy() for k, v in columns.items()}
    out.update(changes)
    return out


def test_mismatched_lengths_name_the_array(columns: dict[str, npt.NDArray[Any]]) -> None:
    with pytest.raises(midway.InvalidArgumentError) as e:
        midway.evaluate(bad(columns, event_flags=columns["event_flags"][:-1]), as_of=AS_OF)
    assert e.value.field == "event_flags"


def test_child_ids_are_checked_though_evaluate_reads_none(columns: dict[str, npt.NDArray[Any]]) -> None:
    # evaluate() reads no child id, so it does not copy them; each is still checked, and the column's length.
    with pytest.raises(midway.InvalidArgumentError) as e:
        midway.evaluate(bad(columns, child_id=columns["child_id"][:-1]), as_of=AS_OF)
    assert e.value.field == "child_id"
    assert "1199 elements" in str(e.value)
    ids = columns["child_id"].copy()
    ids[3] = 7
    with pytest.raises(midway.InvalidArgumentError) as t:
        midway.evaluate(bad(columns, child_id=ids), as_of=AS_OF)
    assert t.value.field == "child_id[3]"
    as_list = midway.evaluate(bad(columns, child_id=list(columns["child_id"])), as_of=AS_OF)
    np.testing.assert_array_equal(as_list["review_due"], midway.evaluate(columns, as_of=AS_OF)["review_due"])


def test_unknown_kind_code_names_the_index(columns: dict[str, npt.NDArray[Any]]) -> None:
    kinds = codes(columns["event_kind"])
    kinds[7] = 40
    with pytest.raises(midway.UnknownCodeError) as e:
        midway.evaluate(bad(columns, event_kind=kinds), as_of=AS_OF)
    assert e.value.field == "event_kind[7]"
    assert e.value.record_id == columns["case_id"][columns["event_case"][7]]
    wide = kinds.astype(np.int64)
    wide[7] = 300
    with pytest.raises(midway.OutOfRangeError) as r:
        midway.evaluate(bad(columns, event_kind=wide), as_of=AS_OF)
    assert r.value.field == "event_kind[7]"


def test_out_of_order_dates_name_the_index(columns: dict[str, npt.NDArray[Any]]) -> None:
    dates = columns["event_date"].copy()
    dates[4] = dates[3] - np.timedelta64(1, "D")
    with pytest.raises(midway.InvalidArgumentError) as e:
        midway.evaluate(bad(columns, event_date=dates), as_of=AS_OF)
    assert e.value.field == "event_date[4]"
    dates[4] = np.datetime64("NaT")
    with pytest.raises(midway.OutOfRangeError) as r:
        midway.evaluate(bad(columns, event_date=dates), as_of=AS_OF)
    assert r.value.field == "event_date[4]"


def test_wrong_types_and_unknown_columns_are_refused(columns: dict[str, npt.NDArray[Any]]) -> None:
    with pytest.raises(midway.InvalidArgumentError) as e:
        midway.evaluate(bad(columns, event_kind=codes(columns["event_kind"]).astype(float)), as_of=AS_OF)
    assert e.value.field == "event_kind"
    with pytest.raises(midway.UnknownCodeError) as u:
        midway.evaluate(bad(columns, event_colour=np.zeros(3)), as_of=AS_OF)
    assert u.value.field == "event_colour"
    with pytest.raises(midway.InvalidArgumentError):
        midway.evaluate({k: v for k, v in columns.items() if k != "event_date"}, as_of=AS_OF)
    with pytest.raises(midway.InvalidArgumentError):
        midway.evaluate([1, 2, 3], as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(midway.RuleViolationError) as v:
        kinds = codes(columns["event_kind"])
        first_lac = int(np.argmax(codes(columns["case_kind"])[columns["event_case"]] == 0))
        kinds[first_lac] = midway.event_kinds().index("core_group")
        midway.evaluate(bad(columns, event_kind=kinds), as_of=AS_OF)
    assert v.value.field == f"event_kind[{first_lac}]"


def test_evaluate_command_through_python() -> None:
    from midway import _cli

    status, out, err = _cli.main(["midway", "evaluate", "--synthetic", "300", "--as-of", "2026-11-22"])
    assert status == 0 and err == b""
    assert out.startswith(b"midway evaluate: 300 cases")


def int32_days(a: npt.NDArray[Any]) -> npt.NDArray[np.int32]:
    """datetime64[D] as int32 days since 1970, NaT as midway.NO_DATE (Arrow's date32 form)."""
    v = a.astype("datetime64[D]").view("int64")
    return np.where(v == np.iinfo(np.int64).min, midway.NO_DATE, v).astype(np.int32)


def test_int32_day_columns_are_read_as_datetime64_ones_are(columns: dict[str, npt.NDArray[Any]]) -> None:
    # The same caseload with its date columns as int32 days: read where they are (no copy), same answers.
    c32 = dict(columns)
    c32["event_date"] = int32_days(columns["event_date"])
    c32["event_other_date"] = int32_days(columns["event_other_date"])
    a = midway.evaluate(columns, as_of=AS_OF)
    b = midway.evaluate(c32, as_of=AS_OF)
    assert set(a) == set(b)
    for key in a:
        assert np.array_equal(np.asarray(a[key], dtype=object), np.asarray(b[key], dtype=object)), key
    assert midway.NO_DATE == -(2**31)


def test_int32_day_columns_are_checked_like_dates(columns: dict[str, npt.NDArray[Any]]) -> None:
    c32 = dict(columns)
    c32["event_date"] = int32_days(columns["event_date"]).copy()
    c32["event_date"][5] = midway.NO_DATE  # "no date" where a date is required
    with pytest.raises(midway.OutOfRangeError) as e:
        midway.evaluate(c32, as_of=AS_OF)
    assert e.value.field == "event_date[5]"


def test_statuses_kinds_and_items_are_categorical_with_the_enums_names(columns: dict[str, npt.NDArray[Any]]) -> None:
    pd: Any = pytest.importorskip("pandas")

    r = midway.evaluate(columns, as_of=AS_OF)
    statuses = [s.name.lower() for s in midway.ItemStatus]
    for key in ("review_status", "midway_status", "visit_status", "core_group_status"):
        assert isinstance(r[key], pd.Categorical), key
        assert list(r[key].categories) == statuses
        assert r[key].codes.dtype == np.int8
    assert list(r["review_item"].categories) == [k.name.lower() for k in midway.ItemKind]
    assert list(r["kind"].categories) == ["LAC", "CP"]
    assert (r["visit_status"] == "overdue").sum() == (np.asarray(r["visit_status"], dtype=object) == "overdue").sum()
    frame = pd.DataFrame(r)
    assert str(frame["review_status"].dtype) == "category"


def test_count_columns_are_views_of_the_result_not_copies(columns: dict[str, npt.NDArray[Any]]) -> None:
    r = midway.evaluate(columns, as_of=AS_OF)
    for key in ("visit_gaps", "core_group_gaps", "findings", "finding_rules"):
        assert r[key].base is not None, key  # owned by the result, no second copy
        assert not r[key].flags.owndata


def test_errors_name_the_case_of_the_row(columns: dict[str, npt.NDArray[Any]]) -> None:
    # evaluate() reads the case ids only to name a case in an error: the record id is the case of the row.
    bad = dict(columns)
    bad["case_kind"] = codes(columns["case_kind"])
    bad["case_kind"][3] = 7
    with pytest.raises(midway.UnknownCodeError) as e:
        midway.evaluate(bad, as_of=AS_OF)
    assert (e.value.field, e.value.record_id) == ("case_kind[3]", columns["case_id"][3])
    bad = dict(columns)
    bad["event_flags"] = columns["event_flags"].copy()
    row = int(np.flatnonzero(columns["event_case"] == 5)[0])
    bad["event_flags"][row] = 1 << 15
    with pytest.raises(midway.InvalidArgumentError) as f:
        midway.evaluate(bad, as_of=AS_OF)
    assert (f.value.field, f.value.record_id) == (f"event_flags[{row}]", columns["case_id"][5])
