"""The C API (libmidway_c, include/midway/c/midway.h) through ctypes.

Its output must be what the command line prints for the same input (docs/embedding.md), so each
function is compared with ``midway <command> --format json`` run through the Python module.
The library is $MIDWAY_C_LIBRARY, or the one the dev build made (build/dev/src/c); the test is
skipped only when neither exists (``scripts/dev.sh test`` builds it before running pytest).
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from midway._cli import main as _cli_main

ROOT = Path(__file__).resolve().parents[2]
CASELOAD = ROOT / "examples" / "caseload.json"
CP_CASE = ROOT / "tests" / "c" / "case_cp.json"


def packaged_library() -> Path | None:
    """The libmidway_c that a wheel installs beside the modules (Linux; src/c/CMakeLists.txt)."""
    import midway

    packaged = Path(midway.__file__).parent / "libmidway_c.so.1"
    return packaged if packaged.exists() else None


def library_path() -> Path | None:
    env = os.environ.get("MIDWAY_C_LIBRARY")
    if env:
        return Path(env)
    built = ROOT / "build" / "dev" / "src" / "c" / "libmidway_c.so.1"
    return built if built.exists() else packaged_library()


class Error(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_int32),
        ("message", ctypes.c_char * 512),
        ("field", ctypes.c_char * 256),
        ("record_id", ctypes.c_char * 128),
    ]


class CError(Exception):
    def __init__(self, status: int, err: Error) -> None:
        self.status = status
        self.code = err.code
        self.message = err.message.decode()
        self.field = err.field.decode()
        self.record_id = err.record_id.decode()
        super().__init__(f"{status}: {self.message} (field {self.field!r})")


class Midway:
    """The C API with Python types: text in, text out, CError for a failure."""

    def __init__(self, path: Path) -> None:
        lib = ctypes.CDLL(str(path))
        c_char_p, err_p = ctypes.c_char_p, ctypes.POINTER(Error)
        out_p = ctypes.POINTER(ctypes.c_void_p)
        lib.midway_version.restype = c_char_p
        lib.midway_status_name.restype = c_char_p
        lib.midway_status_name.argtypes = [ctypes.c_int32]
        lib.midway_free.argtypes = [ctypes.c_void_p]
        lib.midway_free.restype = None
        for name in ("schedule", "worklist", "drift", "checklist_proposal"):
            f = getattr(lib, f"midway_{name}_json")
            f.argtypes = [c_char_p, c_char_p, c_char_p, out_p, err_p]
            f.restype = ctypes.c_int
        lib.midway_note_json.argtypes = [c_char_p, c_char_p, c_char_p, out_p, err_p]
        lib.midway_note_json.restype = ctypes.c_int
        lib.midway_calendar_new.argtypes = [c_char_p, err_p]
        lib.midway_calendar_new.restype = ctypes.c_void_p
        lib.midway_calendar_free.argtypes = [ctypes.c_void_p]
        lib.midway_calendar_free.restype = None
        lib.midway_policy_new.argtypes = [c_char_p, err_p]
        lib.midway_policy_new.restype = ctypes.c_void_p
        lib.midway_policy_free.argtypes = [ctypes.c_void_p]
        lib.midway_policy_free.restype = None
        lib.midway_schedule_json_with.argtypes = [ctypes.c_void_p, ctypes.c_void_p, c_char_p, c_char_p, out_p, err_p]
        lib.midway_schedule_json_with.restype = ctypes.c_int
        lib.midway_calendar_is_working_day.argtypes = [ctypes.c_void_p, c_char_p, err_p]
        lib.midway_calendar_is_working_day.restype = ctypes.c_int32
        self.lib = lib

    @staticmethod
    def _b(text: str | None) -> bytes | None:
        return None if text is None else text.encode()

    def _take(self, call: Any, *args: bytes | int | None) -> str:
        out = ctypes.c_void_p()
        err = Error()
        status = call(*args, ctypes.byref(out), ctypes.byref(err))
        if status != 0:
            assert out.value is None
            assert err.code == status
            raise CError(status, err)
        assert err.code == 0 and err.message == b"" and out.value is not None
        try:
            return ctypes.string_at(out.value).decode()
        finally:
            self.lib.midway_free(out)

    def json(self, name: str, document: str | None, as_of: str | None, options: str | None = None) -> str:
        return self._take(getattr(self.lib, f"midway_{name}_json"), self._b(document), self._b(as_of), self._b(options))

    def note(self, case: str, review_id: str, form: str | None = None) -> str:
        return self._take(self.lib.midway_note_json, case.encode(), review_id.encode(), self._b(form))


@pytest.fixture(scope="module")
def c_api() -> Midway:
    path = library_path()
    if path is None:
        pytest.skip("libmidway_c not built: run `cmake --workflow --preset dev` or set MIDWAY_C_LIBRARY")
    return Midway(path)


def cli(*args: str) -> str:
    status, out, err = _cli_main(["midway", *args])
    assert err == b""
    return out.decode("utf-8")


def case_documents() -> Iterator[tuple[str, str]]:
    """Each case of the sample caseload as a case document (schema midway.case)."""
    for c in json.loads(CASELOAD.read_text())["cases"]:
        yield c["case_id"], json.dumps({"schema": "midway.case", "version": 1, **c})


def test_the_installed_package_carries_the_library() -> None:
    """`pip install` puts libmidway_c and midway.h in the package: ctypes needs no build tree."""
    import midway

    path = packaged_library()
    if path is None:
        pytest.skip("midway is not installed from a wheel here (a build tree's scratch package)")
    assert (path.parent / "include" / "midway" / "c" / "midway.h").exists()
    packaged = Midway(path)
    assert packaged.lib.midway_version().decode() == midway.__version__
    assert json.loads(packaged.json("schedule", CP_CASE.read_text(), "2026-05-01"))["schema"] == "midway.schedule"


def test_version(c_api: Midway) -> None:
    import midway

    assert c_api.lib.midway_version().decode() == midway.__version__
    assert c_api.lib.midway_status_name(6) == b"rule_violation"


def test_schedule_is_the_cli_output_for_every_sample_case(c_api: Midway) -> None:
    for case_id, document in case_documents():
        expected = cli("schedule", str(CASELOAD), "--as-of", "2026-11-22", "--case", case_id)
        assert c_api.json("schedule", document, "2026-11-22") == expected, case_id
        options = '{"policy": "wales", "division": "england-and-wales", "closures": ["2026-12-24"]}'
        expected = cli("schedule", str(CASELOAD), "--as-of", "2026-11-22", "--case", case_id, "--policy", "wales",
                       "--closure", "2026-12-24")
        assert c_api.json("schedule", document, "2026-11-22", options) == expected, case_id


def test_worklist_and_drift_are_the_cli_output(c_api: Midway) -> None:
    text = CASELOAD.read_text()
    for as_of in ("2026-11-22", "2027-03-01"):
        assert c_api.json("worklist", text, as_of) == cli("worklist", str(CASELOAD), "--as-of", as_of, "--format", "json")
        assert c_api.json("worklist", text, as_of, '{"horizon_days": 7}') == cli(
            "worklist", str(CASELOAD), "--as-of", as_of, "--format", "json", "--horizon", "7")
        assert c_api.json("drift", text, as_of) == cli("drift", str(CASELOAD), "--as-of", as_of, "--format", "json")


def test_checklist_proposal_is_the_cli_output(c_api: Midway) -> None:
    documents = dict(case_documents())
    cp_cases = [case_id for case_id in documents if case_id.startswith("CP-")]
    assert cp_cases
    compared = 0
    for case_id in cp_cases:
        try:
            got = c_api.json("checklist_proposal", documents[case_id], "2026-11-22")
        except CError as e:
            assert e.code == 6  # rule_violation: no CP plan yet
            continue
        assert got == cli("checklist", str(CASELOAD), "--case", case_id, "--as-of", "2026-11-22", "--format", "json")
        compared += 1
    assert compared > 0


def test_notes_are_the_cli_output(c_api: Midway, tmp_path: Path) -> None:
    case = CP_CASE.read_text()
    document = json.loads(case)
    del document["schema"], document["version"]
    caseload = tmp_path / "caseload.json"
    caseload.write_text(json.dumps({"schema": "midway.caseload", "version": 1, "cases": [document]}))
    for form in ("case-note", "contact-form"):
        expected = cli("note", str(caseload), "--case", "CP-1", "--id", "MR-1", "--form", form, "--format", "json")
        assert c_api.note(case, "MR-1", form) == expected
    assert c_api.note(case, "MR-1") == c_api.note(case, "MR-1", "case-note")


def test_errors_are_typed_and_name_no_personal_data(c_api: Midway) -> None:
    case = CP_CASE.read_text()
    with pytest.raises(CError) as e:
        c_api.json("schedule", case, "2026-02-30")
    assert (e.value.status, e.value.field) == (1, "as_of")
    with pytest.raises(CError) as e:
        c_api.json("schedule", case.replace('"initial_conference"', '"visit"'), "2026-05-01")
    assert e.value.status == 6 and e.value.record_id == "CP-1"
    assert "Test Child Name" not in e.value.message and "2019-03-04" not in e.value.message
    with pytest.raises(CError) as e:
        c_api.json("schedule", case.replace('"2019-03-04"', '"2019-02-30"'), "2026-05-01")
    assert e.value.status == 1 and e.value.field == "$.personal.date_of_birth" and "2019" not in e.value.message
    with pytest.raises(CError) as e:
        c_api.json("schedule", None, "2026-05-01")
    assert (e.value.status, e.value.field) == (5, "case_json")
    with pytest.raises(CError) as e:
        c_api.json("worklist", "{}", "2026-05-01", '{"policy": {"preset": "mars"}}')
    assert (e.value.status, e.value.field) == (3, "options.policy.preset")
    with pytest.raises(CError) as e:
        c_api.note(case, "MR-2")
    assert e.value.status == 7


def test_handles_shared_between_threads(c_api: Midway) -> None:
    lib = c_api.lib
    err = Error()
    cal = lib.midway_calendar_new(b'{"division": "scotland"}', ctypes.byref(err))
    pol = lib.midway_policy_new(b'{"policy": "scotland"}', ctypes.byref(err))
    assert cal and pol
    try:
        assert lib.midway_calendar_is_working_day(cal, b"2026-11-30", ctypes.byref(err)) == 0  # St Andrew's Day
        documents = dict(case_documents())
        expected = {k: c_api.json("schedule", v, "2026-11-22", '{"policy": "scotland", "division": "scotland"}')
                    for k, v in documents.items()}

        def run(case_id: str) -> str:
            return c_api._take(lib.midway_schedule_json_with, cal, pol, documents[case_id].encode(), b"2026-11-22")

        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            got = dict(zip(documents, pool.map(run, documents)))
        assert got == expected
    finally:
        lib.midway_calendar_free(cal)
        lib.midway_policy_free(pol)


def test_the_date_of_birth_rules_are_the_case_layers(c_api: Midway) -> None:
    # One rule (midway::check_date_of_birth), reached through the case reader: out of 1978..2199,
    # an event before the birth (no pre-birth conference), more than 25 years before an event.
    case = CP_CASE.read_text()
    for dob, status, field in [
        ("1899-05-01", 2, "$.personal.date_of_birth"),
        ("2026-01-10", 6, "$.events[0].date"),
        ("2000-01-04", 6, "$.personal.date_of_birth"),
    ]:
        with pytest.raises(CError) as e:
            c_api.json("schedule", case.replace('"2019-03-04"', f'"{dob}"'), "2026-05-01")
        assert (e.value.status, e.value.field, e.value.record_id) == (status, field, "CP-1")
        assert dob not in e.value.message and dob[:4] not in e.value.message
