"""The C API's bulk evaluation through Arrow (midway_evaluate_arrow, include/midway/c/midway.h),
called with ctypes on streams that pyarrow exports and imports through the C Stream Interface:
its result equals midway.evaluate's on the same caseload, and its errors name the column.
Skipped when libmidway_c is not built (as test_c_api.py)."""

from __future__ import annotations

import ctypes
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

import midway
from test_c_api import Error, library_path

pa: Any = pytest.importorskip("pyarrow")

AS_OF = dt.date(2026, 11, 22)


class ArrowArrayStream(ctypes.Structure):
    _fields_ = [
        ("get_schema", ctypes.c_void_p),
        ("get_next", ctypes.c_void_p),
        ("get_last_error", ctypes.c_void_p),
        ("release", ctypes.c_void_p),
        ("private_data", ctypes.c_void_p),
    ]


class CArrow:
    """midway_evaluate_arrow with pyarrow in and out; (status, err, table or None)."""

    def __init__(self) -> None:
        path = library_path()
        if path is None:
            pytest.skip("libmidway_c not built: run `cmake --workflow --preset dev` or set MIDWAY_C_LIBRARY")
        lib = ctypes.CDLL(str(path))
        err_p = ctypes.POINTER(Error)
        lib.midway_calendar_new.argtypes = [ctypes.c_char_p, err_p]
        lib.midway_calendar_new.restype = ctypes.c_void_p
        lib.midway_calendar_free.argtypes = [ctypes.c_void_p]
        lib.midway_calendar_free.restype = None
        lib.midway_policy_new.argtypes = [ctypes.c_char_p, err_p]
        lib.midway_policy_new.restype = ctypes.c_void_p
        lib.midway_policy_free.argtypes = [ctypes.c_void_p]
        lib.midway_policy_free.restype = None
        stream_p = ctypes.POINTER(ArrowArrayStream)
        lib.midway_evaluate_arrow.argtypes = [
            ctypes.c_void_p, ctypes.c_void_p, stream_p, ctypes.c_char_p, ctypes.c_uint32, stream_p, err_p,
        ]
        lib.midway_evaluate_arrow.restype = ctypes.c_int
        self.lib = lib
        err = Error()
        self.cal = lib.midway_calendar_new(None, ctypes.byref(err))
        self.pol = lib.midway_policy_new(None, ctypes.byref(err))
        assert self.cal and self.pol

    def close(self) -> None:
        self.lib.midway_policy_free(self.pol)
        self.lib.midway_calendar_free(self.cal)

    def evaluate(self, table: Any, threads: int = 1) -> tuple[int, Error, Any]:
        reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches())
        inp, out, err = ArrowArrayStream(), ArrowArrayStream(), Error()
        reader._export_to_c(ctypes.addressof(inp))
        status = self.lib.midway_evaluate_arrow(
            self.cal, self.pol, ctypes.byref(inp), AS_OF.isoformat().encode(), threads, ctypes.byref(out), ctypes.byref(err)
        )
        assert inp.release is None  # consumed, on success and failure alike
        if status != 0:
            assert out.release is None
            return status, err, None
        return status, err, pa.RecordBatchReader._import_from_c(ctypes.addressof(out)).read_all()


@pytest.fixture(scope="module")
def c_arrow() -> Iterator[CArrow]:
    c = CArrow()
    yield c
    c.close()


@pytest.fixture(scope="module")
def columns() -> Any:
    return midway.synthetic_columns(2000, seed=29, as_of=AS_OF)


@pytest.fixture(scope="module")
def events(columns: Any) -> Any:
    return pa.RecordBatchReader.from_stream(columns).read_all()


def test_the_c_abi_gives_what_midway_evaluate_gives(c_arrow: CArrow, columns: Any, events: Any) -> None:
    expected = pa.RecordBatchReader.from_stream(midway.evaluate(columns, as_of=AS_OF)).read_all()
    for threads in (1, 2):
        status, err, table = c_arrow.evaluate(events, threads)
        assert status == 0 and err.code == 0 and err.field == b""
        assert table.num_rows == 2000
        assert table.schema == expected.schema
        assert table.to_pydict() == expected.to_pydict()
    # Chunked input, kinds as plain strings.
    chunked = pa.Table.from_batches(events.to_batches(max_chunksize=777))
    chunked = chunked.set_column(chunked.schema.get_field_index("event_kind"), "event_kind",
                                 chunked.column("event_kind").cast(pa.string()))
    status, _, table = c_arrow.evaluate(chunked)
    assert status == 0 and table.to_pydict() == expected.to_pydict()


def test_errors_name_the_column(c_arrow: CArrow, events: Any) -> None:
    status, err, _ = c_arrow.evaluate(events.drop_columns(["event_date"]))
    assert (status, err.field) == (5, b"event_date")  # MIDWAY_INVALID_ARGUMENT
    floats = events.set_column(events.schema.get_field_index("event_flags"), "event_flags",
                               events.column("event_flags").cast(pa.float64()))
    status, err, _ = c_arrow.evaluate(floats)
    assert (status, err.field) == (5, b"event_flags")
    assert b"not read here" in err.message
    kinds = events.column("event_kind").cast(pa.string()).to_pylist()
    kinds[7] = "tea_party"
    status, err, _ = c_arrow.evaluate(events.set_column(events.schema.get_field_index("event_kind"), "event_kind", pa.array(kinds)))
    assert (status, err.field) == (3, b"event_kind[7]")  # MIDWAY_UNKNOWN_CODE
    assert err.record_id == events.column("case_id")[7].as_py().encode()
    status, err, _ = c_arrow.evaluate(events.append_column("note", pa.array(["x"] * events.num_rows)))
    assert (status, err.field) == (3, b"note")
