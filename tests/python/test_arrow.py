"""Arrow in and out (issue 17, section 2): midway.evaluate's result and the caseload columns speak
the Arrow PyCapsule interface, and evaluate reads any object that does (pyarrow, Polars, DuckDB).
Each library gives the same values as the numpy form (docs/bulk.md, "Arrow")."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from typing import Any

import numpy as np
import pytest

import midway

pd: Any = pytest.importorskip("pandas")
pa: Any = pytest.importorskip("pyarrow")
pl: Any = pytest.importorskip("polars")
duckdb: Any = pytest.importorskip("duckdb")

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def columns() -> Any:
    return midway.synthetic_columns(300, seed=17, as_of=AS_OF)


@pytest.fixture(scope="module")
def result(columns: Any) -> Any:
    return midway.evaluate(columns, as_of=AS_OF)


def pylist(value: Any) -> list[Any]:
    """A numpy-form column as Python values: str for categoricals, datetime.date or None for dates."""
    if isinstance(value, pd.Categorical):
        return [str(x) for x in np.asarray(value)]
    return list(np.asarray(value).astype(object).tolist())


def numpy_form(result: Any) -> dict[str, list[Any]]:
    return {key: pylist(value) for key, value in result.items()}


def event_rows(columns: Any) -> dict[str, list[Any]]:
    """The caseload columns as the one-row-per-event table their Arrow form is."""
    case = np.asarray(columns["event_case"])
    out: dict[str, list[Any]] = {
        "event_case": case.tolist(),
        "event_kind": pylist(columns["event_kind"]),
        "event_date": pylist(columns["event_date"]),
        "event_flags": pylist(columns["event_flags"]),
        "event_other_date": pylist(columns["event_other_date"]),
    }
    for key in ("case_id", "child_id", "partial_history", "short_breaks", "case_kind"):
        out[key] = pylist(np.asarray(columns[key])[case])
    return out


def stream_reader(obj: Any) -> Any:
    return pa.RecordBatchReader.from_stream(obj)


# --- out --------------------------------------------------------------------------------------


def test_result_is_still_a_dict_of_numpy_arrays(result: Any) -> None:
    assert isinstance(result, dict) and isinstance(result, midway.Columns)
    assert isinstance(result["visit_gaps"], np.ndarray) and isinstance(result["visit_status"], pd.Categorical)
    frame = pd.DataFrame(result)
    assert list(frame.columns) == list(result) and len(frame) == 300


def test_pyarrow_gives_the_numpy_values(result: Any) -> None:
    expected = numpy_form(result)
    for table in (stream_reader(result).read_all(), pa.table(result)):
        assert table.column_names == list(result)
        assert {name: table.column(name).to_pylist() for name in table.column_names} == expected


def test_arrow_types(result: Any, columns: Any) -> None:
    schema = stream_reader(result).schema
    assert schema.field("visit_status").type == pa.dictionary(pa.int8(), pa.string())
    assert schema.field("review_item").type == pa.dictionary(pa.int8(), pa.string())
    assert schema.field("kind").type == pa.dictionary(pa.int8(), pa.string())
    assert schema.field("review_due").type == pa.date32()
    assert schema.field("visit_gaps").type == pa.int32()
    assert schema.field("finding_rules").type == pa.uint16()
    assert schema.field("case_id").type == pa.string()
    events = stream_reader(columns).schema
    assert events.field("event_kind").type == pa.dictionary(pa.int8(), pa.string())
    assert events.field("case_kind").type == pa.dictionary(pa.int8(), pa.string())
    assert events.field("event_date").type == pa.date32()
    assert events.field("event_flags").type == pa.uint16()
    assert events.field("partial_history").type == pa.bool_()


def test_validity_bitmap_only_where_there_are_missing_dates(result: Any) -> None:
    table = stream_reader(result).read_all()
    for name in ("review_due", "midway_due", "visit_due", "core_group_due"):
        chunk = table.column(name).chunk(0)
        missing = int(np.isnat(result[name]).sum())
        assert chunk.null_count == missing
        assert (chunk.buffers()[0] is None) == (missing == 0), name
    assert table.column("core_group_due").null_count > 0  # LAC cases have no core group
    assert table.column("visit_gaps").chunk(0).buffers()[0] is None


def test_zero_copy(result: Any, columns: Any) -> None:
    table = stream_reader(result).read_all()
    for name in ("visit_gaps", "core_group_gaps", "findings", "finding_rules"):
        assert table.column(name).chunk(0).buffers()[1].address == result[name].__array_interface__["data"][0], name
    codes = result["visit_status"].codes
    assert table.column("visit_status").chunk(0).indices.buffers()[1].address == codes.__array_interface__["data"][0]
    events = stream_reader(columns).read_all()
    for name in ("event_case", "event_flags"):
        assert events.column(name).chunk(0).buffers()[1].address == columns[name].__array_interface__["data"][0], name
    kinds = columns["event_kind"].codes  # a categorical's codes are the dictionary's indices
    assert events.column("event_kind").chunk(0).indices.buffers()[1].address == kinds.__array_interface__["data"][0]


def test_polars_gives_the_numpy_values(result: Any) -> None:
    expected = numpy_form(result)
    frame = pl.from_arrow(result)
    assert isinstance(frame, pl.Series)  # Polars reads a PyCapsule stream as a struct Series
    frame = frame.struct.unnest()
    assert frame.columns == list(result)
    assert {name: frame[name].to_list() for name in frame.columns} == expected
    assert frame.schema["visit_status"] == pl.Categorical or isinstance(frame.schema["visit_status"], (pl.Categorical, pl.Enum))
    assert frame.schema["review_due"] == pl.Date


def test_duckdb_gives_the_numpy_values(result: Any) -> None:
    expected = numpy_form(result)
    # DuckDB scans a dict as a dict of numpy arrays, and the categoricals are not numpy arrays: it refuses
    # the result, by name and through from_arrow. Through a pyarrow reader it reads the stream.
    with pytest.raises(duckdb.InvalidInputException):
        duckdb.sql("select * from result")
    with pytest.raises(duckdb.InvalidInputException):
        duckdb.from_arrow(result).fetchall()
    relation = duckdb.from_arrow(stream_reader(result))
    rows = relation.fetchall()
    assert relation.columns == list(result)
    assert {name: [row[i] for row in rows] for i, name in enumerate(relation.columns)} == expected
    stream = stream_reader(result)  # a reader is read once: a new one for each query
    overdue = duckdb.sql("select count(*) from stream where visit_status = 'overdue'").fetchall()
    assert overdue == [(int((result["visit_status"] == "overdue").sum()),)]
    # An object that has __arrow_c_stream__ and is not a dict is scanned by name.
    stream = stream_reader(result)
    relation = duckdb.sql("select * from stream")
    rows = relation.fetchall()
    assert {name: [row[i] for row in rows] for i, name in enumerate(relation.columns)} == expected


def test_caseload_columns_export_one_row_per_event(columns: Any) -> None:
    expected = event_rows(columns)
    table = stream_reader(columns).read_all()
    assert {name: table.column(name).to_pylist() for name in table.column_names} == expected
    frame = pl.from_arrow(columns).struct.unnest()
    assert {name: frame[name].to_list() for name in frame.columns} == expected


def test_struct_array(result: Any) -> None:
    schema, array = result.__arrow_c_array__()
    imported = pa.RecordBatch._import_from_c_capsule(schema, array)
    assert imported.to_pydict() == numpy_form(result)


def test_unconsumed_capsules_release_their_hold(result: Any) -> None:
    gaps = result["visit_gaps"]
    gc.collect()
    before = sys.getrefcount(gaps)
    for _ in range(50):
        stream = result.__arrow_c_stream__()
        schema, array = result.__arrow_c_array__()
        assert sys.getrefcount(gaps) > before  # the capsules hold the array
        del stream, schema, array
    gc.collect()
    assert sys.getrefcount(gaps) == before


def test_export_outlives_the_result(columns: Any) -> None:
    r = midway.evaluate(columns, as_of=AS_OF)
    expected = numpy_form(r)
    reader = stream_reader(r)
    del r
    gc.collect()
    table = reader.read_all()
    assert {name: table.column(name).to_pylist() for name in table.column_names} == expected


def test_a_stream_is_read_once_and_each_call_gives_a_new_one(result: Any) -> None:
    capsule = result.__arrow_c_stream__()
    first = pa.RecordBatchReader._import_from_c_capsule(capsule)
    with pytest.raises(Exception, match="(?i)released"):
        pa.RecordBatchReader._import_from_c_capsule(capsule)
    assert first.read_all().num_rows == 300
    assert first.read_all().num_rows == 0  # the end, again
    assert stream_reader(result).read_all().num_rows == 300  # a fresh stream
    reader = stream_reader(midway.synthetic_columns(20, seed=3))
    assert len(midway.evaluate(reader, as_of=AS_OF)["case"]) == 20
    assert len(midway.evaluate(reader, as_of=AS_OF)["case"]) == 0  # pyarrow's reader is read to its end


# --- in ---------------------------------------------------------------------------------------


def assert_same(a: Any, b: Any) -> None:
    assert numpy_form(a) == numpy_form(b)


def events_table(columns: Any) -> Any:
    return pa.table(stream_reader(columns).read_all())


def test_evaluate_reads_pyarrow_polars_and_duckdb(columns: Any, result: Any) -> None:
    events = events_table(columns)
    assert_same(midway.evaluate(events, as_of=AS_OF), result)
    assert_same(midway.evaluate(pl.from_arrow(events), as_of=AS_OF), result)
    assert_same(midway.evaluate(duckdb.sql("select * from events order by event_case"), as_of=AS_OF), result)
    # The exported columns read straight back, and without the optional columns.
    assert_same(midway.evaluate(columns_stream(columns), as_of=AS_OF), result)
    minimal = events.drop_columns(["event_case", "child_id", "partial_history", "short_breaks"])
    assert_same(midway.evaluate(minimal, as_of=AS_OF), result)


def columns_stream(columns: Any) -> Any:
    class Stream:
        def __arrow_c_stream__(self, requested_schema: object = None) -> object:
            return columns.__arrow_c_stream__(requested_schema)

    return Stream()


def test_plain_types_and_codes_are_read_too(columns: Any, result: Any) -> None:
    table = events_table(columns)
    # Kinds as plain strings, and as integer codes; dates as date32 with nulls for "no date".
    plain = table.set_column(table.schema.get_field_index("event_kind"), "event_kind", table.column("event_kind").cast(pa.string()))
    assert_same(midway.evaluate(plain, as_of=AS_OF), result)
    codes = table.set_column(
        table.schema.get_field_index("event_kind"), "event_kind", pa.array(np.asarray(columns["event_kind"].codes, dtype=np.uint8), pa.uint8())
    )
    codes = codes.set_column(codes.schema.get_field_index("case_kind"), "case_kind",
                             pa.array(np.asarray(columns["case_kind"].codes, dtype=np.uint8)[np.asarray(columns["event_case"])], pa.uint8()))
    assert_same(midway.evaluate(codes, as_of=AS_OF), result)
    assert table.column("event_other_date").null_count > 0
    # Case ids dictionary-encoded (int32 indices), kinds as large strings.
    ids = table.set_column(table.schema.get_field_index("case_id"), "case_id", table.column("case_id").dictionary_encode())
    ids = ids.set_column(ids.schema.get_field_index("event_kind"), "event_kind", table.column("event_kind").cast(pa.large_string()))
    assert_same(midway.evaluate(ids, as_of=AS_OF), result)
    # Polars' own types: string views, categoricals with uint32 indices.
    frame = pl.from_arrow(table).with_columns(pl.col("event_kind").cast(pl.String).cast(pl.Categorical))
    assert_same(midway.evaluate(frame, as_of=AS_OF), result)


def test_chunked_input(columns: Any, result: Any) -> None:
    table = events_table(columns)
    batches = table.to_batches(max_chunksize=997)
    assert len(batches) > 5
    chunked = pa.Table.from_batches(batches)
    assert_same(midway.evaluate(chunked, as_of=AS_OF), result)
    assert_same(midway.evaluate(pl.from_arrow(chunked, rechunk=False), as_of=AS_OF), result)


def test_wrong_schema_errors(columns: Any) -> None:
    table = events_table(columns)
    with pytest.raises(midway.InvalidArgumentError) as e:
        midway.evaluate(table.drop_columns(["event_date"]), as_of=AS_OF)
    assert e.value.field == "event_date"
    with pytest.raises(midway.InvalidArgumentError) as e:
        midway.evaluate(table.drop_columns(["case_id"]), as_of=AS_OF)
    assert e.value.field == "case_id"
    floats = table.set_column(table.schema.get_field_index("event_flags"), "event_flags", table.column("event_flags").cast(pa.float64()))
    with pytest.raises(midway.InvalidArgumentError) as e:
        midway.evaluate(floats, as_of=AS_OF)
    assert e.value.field == "event_flags"
    extra = table.append_column("event_note", pa.array([1] * table.num_rows, pa.int32()))
    with pytest.raises(midway.UnknownCodeError) as u:
        midway.evaluate(extra, as_of=AS_OF)
    assert u.value.field == "event_note"
    listed = table.set_column(table.schema.get_field_index("event_flags"), "event_flags", pa.array([[1]] * table.num_rows))
    with pytest.raises(midway.InvalidArgumentError) as e:
        midway.evaluate(listed, as_of=AS_OF)
    assert e.value.field == "event_flags"
    # A null where a value is required, an unknown kind name, an event date missing.
    flags = table.column("event_flags").to_pylist()
    flags[5] = None
    nulls = table.set_column(table.schema.get_field_index("event_flags"), "event_flags", pa.array(flags, pa.uint16()))
    with pytest.raises(midway.InvalidArgumentError) as e:
        midway.evaluate(nulls, as_of=AS_OF)
    assert e.value.field == "event_flags[5]"
    kinds = table.column("event_kind").cast(pa.string()).to_pylist()
    kinds[7] = "tea_party"
    unknown = table.set_column(table.schema.get_field_index("event_kind"), "event_kind", pa.array(kinds))
    with pytest.raises(midway.UnknownCodeError) as u:
        midway.evaluate(unknown, as_of=AS_OF)
    assert u.value.field == "event_kind[7]"
    dates = table.column("event_date").to_pylist()
    dates[4] = None
    missing = table.set_column(table.schema.get_field_index("event_date"), "event_date", pa.array(dates, pa.date32()))
    with pytest.raises(midway.OutOfRangeError) as o:
        midway.evaluate(missing, as_of=AS_OF)
    assert o.value.field == "event_date[4]"
    # A case's events must be consecutive rows.
    order = np.arange(table.num_rows)
    order[[0, -1]] = order[[-1, 0]]
    with pytest.raises(midway.InvalidArgumentError) as e:
        midway.evaluate(table.drop_columns(["event_case"]).take(pa.array(order)), as_of=AS_OF)
    assert (e.value.field or "").startswith("case_id[")


def test_numpy_input_takes_categoricals(columns: Any, result: Any) -> None:
    cols = dict(columns)
    # The columns' own categoricals, and their codes as plain uint8 arrays.
    assert isinstance(cols["event_kind"], pd.Categorical) and isinstance(cols["case_kind"], pd.Categorical)
    cols["event_kind"] = np.asarray(columns["event_kind"].codes, dtype=np.uint8)
    cols["case_kind"] = np.asarray(columns["case_kind"].codes, dtype=np.uint8)
    assert_same(midway.evaluate(cols, as_of=AS_OF), result)
    # Categories in another order are mapped to the codes.
    cols["event_kind"] = pd.Categorical(list(np.asarray(columns["event_kind"])))
    assert_same(midway.evaluate(cols, as_of=AS_OF), result)
    cols["event_kind"] = pd.Categorical(["visit"] * len(columns["event_kind"]), categories=["visit", "tea_party"])
    cols["event_kind"][3] = "tea_party"
    with pytest.raises(midway.UnknownCodeError) as u:
        midway.evaluate(cols, as_of=AS_OF)
    assert u.value.field == "event_kind[3]"
