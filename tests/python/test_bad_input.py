"""The bad-input catalogue (issue 15), Python side; its twin is tests/cpp/test_bad_input.cpp.

Each test asserts the error class (or finding), the field path and record id, and that no
personal value (name, date of birth) is in the message.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import midway

ROOT = Path(__file__).resolve().parents[2]
CASELOAD = ROOT / "examples" / "caseload.json"
AS_OF = dt.date(2026, 11, 22)


def caseload_text(member: str = "", events: str = "", personal: str = "") -> str:
    """A caseload with one CP case; `member` is spliced into the case before its case_id."""
    case = (member + ", " if member else "") + '"case_id": "CP-1", "child_id": "C-1", "kind": "CP"'
    if personal:
        case += ', "personal": ' + personal
    case += ', "events": [' + events + "]"
    return '{"schema": "midway.caseload", "version": 1, "cases": [{' + case + "}]}"


CHILD_EVENTS = (
    '{"type": "strategy_discussion", "date": "2026-01-05", "s47_started": true},'
    '{"type": "initial_conference", "date": "2026-01-23"}'
)


def a_case() -> midway.Case:
    case = midway.Case(case_id="CP-1", child_id="C-1", kind=midway.CaseKind.CP)
    case.record(midway.StrategyDiscussion(date=dt.date(2026, 1, 5), s47_started=True))
    case.record(midway.InitialConference(date=dt.date(2026, 1, 23)))
    return case


# ---- JSON nesting --------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [65, 5_000, 100_000])
def test_deep_nesting_is_a_parse_error_naming_path_and_case(depth: int) -> None:
    text = caseload_text('"deep": ' + "[" * depth + "]" * depth)
    with pytest.raises(midway.ParseError) as info:
        midway.Caseload.from_json(text)
    assert info.value.field is not None and info.value.field.startswith("$.cases[0].deep[0][0]")
    assert info.value.record_id == "CP-1"
    assert "64 levels" in info.value.message


def test_nesting_up_to_the_limit_is_read_and_extra_converts() -> None:
    cl = midway.Caseload.from_json(caseload_text('"deep": ' + "[" * 61 + "]" * 61))
    value: Any = cl.cases[0].extra["deep"]
    for _ in range(60):
        value = value[0]
    assert value == []


def test_case_extra_nested_too_deep_from_python_is_typed() -> None:
    case = a_case()
    deep: Any = 1
    for _ in range(5_000):
        deep = [deep]
    with pytest.raises(midway.InvalidArgumentError) as info:
        case.extra = {"deep": deep}
    assert info.value.field == "extra['deep']"
    shallow: Any = 1
    for _ in range(100):
        shallow = {"a": shallow}
    with pytest.raises(midway.InvalidArgumentError) as info:
        case.extra = {"deep": shallow}
    assert info.value.field == "extra['deep']"
    assert case.extra == {}  # nothing half-applied


def test_every_json_reader_has_the_limit() -> None:
    with pytest.raises(midway.ParseError) as info:
        midway.Policy.from_json('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert info.value.field is not None and info.value.field.startswith("$.x[0]")
    with pytest.raises(midway.ParseError) as info:
        midway.Calendar.from_govuk_json_text('{"scotland": ' + "[" * 1000 + "]" * 1000 + "}", "scotland")
    assert info.value.field is not None and info.value.field.startswith("$.scotland")


# ---- duplicate member names ------------------------------------------------------------------


def test_duplicate_member_names_are_refused() -> None:
    text = caseload_text('"kind": "LAC"')
    with pytest.raises(midway.ParseError) as info:
        midway.Caseload.from_json(text)
    assert info.value.field == "$.cases[0].kind"
    assert info.value.record_id == "CP-1"
    assert "'kind' appears twice" in info.value.message


# ---- personal data ---------------------------------------------------------------------------


@pytest.mark.parametrize("dob", ["09/07/2014", "2014-02-30", "2014-13-01"])
def test_the_date_of_birth_is_never_echoed(dob: str) -> None:
    text = caseload_text(personal=json.dumps({"name": "Secret Name", "date_of_birth": dob}))
    with pytest.raises(midway.Error) as info:
        midway.Caseload.from_json(text)
    assert info.value.field == "$.cases[0].personal.date_of_birth"
    assert info.value.record_id == "CP-1"
    assert "the date of birth is not a valid date" in str(info.value)
    assert dob not in str(info.value) and "2014" not in str(info.value)
    assert "Secret Name" not in str(info.value)


def test_python_command_line_keeps_the_date_of_birth_out(tmp_path: Path) -> None:
    path = tmp_path / "caseload.json"
    path.write_text(caseload_text(personal='{"name": "Secret Name", "date_of_birth": "2014-02-30"}'), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "midway", "worklist", str(path), "--as-of", "2026-11-22"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        timeout=60,
        check=False,
    )
    assert result.returncode == 3
    assert "the date of birth is not a valid date" in result.stderr
    assert "2014" not in result.stderr and "Secret Name" not in result.stderr + result.stdout


# ---- plausibility ----------------------------------------------------------------------------


def test_an_event_before_the_date_of_birth() -> None:
    text = caseload_text(events=CHILD_EVENTS, personal='{"name": "N", "date_of_birth": "2026-01-10"}')
    with pytest.raises(midway.RuleViolationError) as info:
        midway.Caseload.from_json(text)
    assert info.value.field == "$.cases[0].events[0].date"
    assert info.value.record_id == "CP-1"
    assert "2026-01-10" not in str(info.value)


def test_a_date_of_birth_in_1899_and_one_more_than_25_years_before_an_event() -> None:
    with pytest.raises(midway.OutOfRangeError) as old:
        midway.Caseload.from_json(caseload_text(events=CHILD_EVENTS, personal='{"name": "N", "date_of_birth": "1899-05-01"}'))
    assert old.value.field == "$.cases[0].personal.date_of_birth" and old.value.record_id == "CP-1"
    assert "1899" not in str(old.value)
    with pytest.raises(midway.RuleViolationError) as far:
        midway.Caseload.from_json(caseload_text(events=CHILD_EVENTS, personal='{"name": "N", "date_of_birth": "2000-01-04"}'))
    assert far.value.field == "$.cases[0].personal.date_of_birth" and far.value.record_id == "CP-1"
    assert "2000" not in str(far.value)


def test_the_sample_caseload_is_plausible() -> None:
    assert len(midway.Caseload.from_json(CASELOAD.read_text(encoding="utf-8")).cases) == 41


# ---- the argument checker --------------------------------------------------------------------

CASE = a_case()


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: midway.schedule(None, as_of=AS_OF), midway.InvalidArgumentError, "case"),  # type: ignore[arg-type]
        (lambda: midway.schedule(CASE, as_of="2026-02-01"), midway.InvalidArgumentError, "as_of"),  # type: ignore[arg-type]
        (lambda: midway.schedule(CASE, as_of=dt.datetime(2026, 2, 1, 10)), midway.InvalidArgumentError, "as_of"),
        (lambda: midway.schedule(CASE, as_of=AS_OF, policy="england"), midway.InvalidArgumentError, "policy"),  # type: ignore[arg-type]
        (lambda: midway.drift(CASE, as_of=None), midway.InvalidArgumentError, "as_of"),  # type: ignore[arg-type]
        (lambda: midway.add_months(AS_OF, 10**30), midway.OutOfRangeError, "n"),
        (lambda: midway.add_months(dt.datetime(2026, 1, 5, 10), 1), midway.InvalidArgumentError, "date"),
        (lambda: midway.Caseload.from_json(None), midway.InvalidArgumentError, "text"),  # type: ignore[arg-type]
        (lambda: midway.Case.from_json(b"{}"), midway.InvalidArgumentError, "text"),  # type: ignore[arg-type]
        (lambda: midway.propose_cpa_checklist(CASE, "CK", on=None), midway.InvalidArgumentError, "on"),  # type: ignore[arg-type]
        (lambda: midway.synthetic_caseload(-1), midway.OutOfRangeError, "n_cases"),
        (lambda: midway.synthetic_caseload(10**30), midway.OutOfRangeError, "n_cases"),
        (lambda: midway.Calendar().add_working_days(dt.datetime(2026, 1, 5, 10), 5), midway.InvalidArgumentError, "date"),
        (lambda: midway.worklist(None, as_of=AS_OF), midway.InvalidArgumentError, "caseload"),  # type: ignore[arg-type]
        (lambda: midway.drift_report(midway.Caseload(), as_of="x"), midway.InvalidArgumentError, "as_of"),  # type: ignore[arg-type]
    ],
)
def test_arguments_give_typed_errors_naming_them(call: Any, error: type[midway.Error], field: str) -> None:
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, midway.Error) and isinstance(info.value, ValueError)
    assert info.value.field == field


def test_a_latin1_child_id_is_a_finding_not_a_unicode_error(tmp_path: Path) -> None:
    # One rule (docs/interop.md): UTF-8 unless an encoding is given; a byte that is not is read as
    # U+FFFD, with a warning naming the line and byte offset. Never a UnicodeDecodeError.
    (tmp_path / "episodes.csv").write_bytes(b"CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\n10\xe9,01/02/2024,S,C2,N1,U1,,\n")
    r = midway.import_ssda903(tmp_path)
    [f] = [f for f in r.findings if "not UTF-8" in f.reason]
    assert f.kind == midway.FindingKind.WARNING and "byte offset" in f.reason
    assert [c.child_id for c in r.cases.cases] == ["10\ufffd"]
    assert [c.child_id for c in midway.import_ssda903(tmp_path, encoding="latin-1").cases.cases] == ["10\u00e9"]


# ---- SSDA903 and CIN -------------------------------------------------------------------------


def test_ssda903_plausibility_findings() -> None:
    r = midway.import_ssda903_csv(
        header="CHILD,DOB\n101,09/07/2014\n",
        episodes="CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\n101,01/02/2014,S,C2,N1,U1,,\n",
        reviews="CHILD,REVIEW,REVIEW_CODE,DOB\n101,01/02/2024,PN1,31/02/2014\n",
    )
    by_field = {f.field: f for f in r.findings if f.child_id == "101"}
    assert by_field["DECOM"].kind == midway.FindingKind.WARNING
    assert by_field["DOB"].file == "reviews.csv"
    for f in r.findings:
        assert "09/07/2014" not in f.reason and "31/02/2014" not in f.reason
    empty = midway.import_ssda903_csv(episodes="")
    assert [f.reason for f in empty.findings] == ["episodes.csv is empty: it has no header row and no rows"]


def test_xml_entities_and_foreign_namespaces_are_refused() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">'
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Message><Children><Child><ChildIdentifiers>'
        "<LAchildID>&lol2;</LAchildID></ChildIdentifiers></Child></Children></Message>"
    )
    r = midway.import_cin_census_xml(laughs)
    assert len(r.cases.cases) == 0 and r.count("rejected") == 1 and "DOCTYPE" in r.findings[0].reason
    ns = midway.import_cin_census_xml('<Message xmlns="urn:other"><Children/></Message>')
    assert [f.field for f in ns.findings] == ["xmlns"]
    bad_dob = midway.import_cin_census_xml(
        "<Message><Children><Child><ChildIdentifiers><LAchildID>C7</LAchildID>"
        "<PersonBirthDate>2014-02-30</PersonBirthDate></ChildIdentifiers></Child></Children></Message>"
    )
    [f] = [f for f in bad_dob.findings if f.field == "PersonBirthDate"]
    assert f.child_id == "C7" and "2014" not in f.reason


def test_interop_entry_points_check_their_arguments() -> None:
    # Issue 15: every interop function converts its arguments through the one checker
    # (bindings/python/convert.hpp): a wrong type is midway.InvalidArgumentError naming the
    # argument, never pybind11's TypeError.
    bad: list[tuple[Any, str]] = [
        (lambda: midway.import_ssda903(None), "path"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903(42), "path"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903(".", threads="2"), "threads"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903(".", validator_rules=1), "validator_rules"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903(".", calendar="england"), "calendar"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903(".", encoding=None), "encoding"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903_csv(episodes=b"CHILD\n"), "episodes"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903_xml(None), "text"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903_xml("<EXPSSDA903/>", name=3), "name"),  # type: ignore[arg-type]
        (lambda: midway.import_cin_census(None), "path"),  # type: ignore[arg-type]
        (lambda: midway.import_cin_census_xml(b"<Message/>"), "text"),  # type: ignore[arg-type]
        (lambda: midway.review_timeliness(None, as_of=dt.date(2026, 1, 1)), "caseload"),  # type: ignore[arg-type]
        (lambda: midway.review_timeliness(midway.Caseload([]), as_of="2026-01-01"), "as_of"),  # type: ignore[arg-type]
        (lambda: midway.review_timeliness(midway.Caseload([]), as_of=dt.date(2026, 1, 1), policy="england"), "policy"),  # type: ignore[arg-type]
        (lambda: midway.annex_a_list7(None, as_of=dt.date(2026, 1, 1)), "caseload"),  # type: ignore[arg-type]
        (lambda: midway.annex_a_list8(midway.Caseload([]), as_of=None), "as_of"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903_csv().count_rule(166), "rule"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903_csv().report(max_listed="all"), "max_listed"),  # type: ignore[arg-type]
        (lambda: midway.import_ssda903_csv().case(None), "index"),  # type: ignore[arg-type]
    ]
    for call, argument in bad:
        with pytest.raises(midway.InvalidArgumentError) as e:
            call()
        assert e.value.field == argument, argument
        assert isinstance(e.value, midway.Error)


# ---- every entry point through the argument checker --------------------------------------------
#
# Walks every public function of `midway` and every public method, static method and constructor
# of its classes, as the stubs (_core.pyi) declare them, and calls each with a wrong-typed value
# for each argument in turn (the other required arguments valid): a midway.Error, never
# pybind11's TypeError, never a crash.

# Every callable is walked: register_interop.cpp and register_bulk.cpp route their arguments
# through the same checker. Left out: what the walker cannot call with valid other arguments
# (listed with the reason).
WALK_EXCLUDED_OTHER_FILES: set[str] = set()
# Dunder methods are left out by construction: their TypeError is the Python protocol (__eq__
# returning NotImplemented, __getitem__ with a non-index, pickle's __setstate__/__reduce_ex__,
# __copy__/__deepcopy__). Also left out:
WALK_EXCLUDED = {
    "Error", "InvalidDateError", "OutOfRangeError", "UnknownCodeError", "ParseError", "InvalidArgumentError",
    "RuleViolationError", "NotFoundError",  # the error classes: Python exceptions, any message is accepted
    "Caseload.index", "Caseload.count",  # collections.abc.Sequence: any value may be looked for
}

BAD_VALUES: list[tuple[str, Any]] = [
    ("None", None),
    ("object()", object()),
    ("a str", "x"),
    ("a datetime", dt.datetime(2026, 1, 5, 10)),
    ("10**30", 10**30),
]


def _stub_tree() -> tuple[dict[str, Any], dict[str, str]]:
    import ast

    tree = ast.parse((Path(midway._core.__file__).parent / "_core.pyi").read_text(encoding="utf-8"))
    defs: dict[str, Any] = {}
    aliases: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            aliases[node.target.id] = ast.unparse(node.value)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            aliases[node.targets[0].id] = ast.unparse(node.value)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defs.setdefault(node.name, []).append(node)
    return defs, aliases


def _expand(annotation: str, aliases: dict[str, str]) -> str:
    import re

    for _ in range(5):
        annotation = re.sub(r"\b_[A-Za-z0-9]+\b", lambda m: "(" + aliases.get(m.group(0), m.group(0)) + ")", annotation)
    return annotation


class _Walk:
    def __init__(self, tmp: Path) -> None:
        self.defs, self.aliases = _stub_tree()
        self.tmp = tmp
        self.caseload_text = CASELOAD.read_text(encoding="utf-8")

    def sample(self, cls: str) -> Any:
        """A valid instance of the class named `cls`."""
        factories: dict[str, Any] = {
            "Case": a_case,
            "Caseload": lambda: midway.Caseload.from_json(self.caseload_text),
            "Policy": midway.Policy.england,
            "Calendar": midway.Calendar,
            "HolidayRules": midway.HolidayRules.builtin,
            "CaseSchedule": lambda: midway.schedule(a_case(), as_of=AS_OF),
            "Worklist": lambda: midway.worklist(midway.Caseload.from_json(self.caseload_text), as_of=AS_OF),
            "DriftReport": lambda: midway.drift_report(midway.Caseload.from_json(self.caseload_text), as_of=AS_OF),
            "Period": lambda: midway.Period(1, "weeks"),
            "SignsOfSafety": lambda: midway.SignsOfSafety(date=dt.date(2026, 1, 23), context="conference"),
            "Note": _a_note,
            "ImportResult": midway.import_ssda903_csv,
            "TimelinessReport": lambda: midway.review_timeliness(midway.Caseload.from_json(self.caseload_text), as_of=AS_OF),
        }
        if cls in factories:
            return factories[cls]()
        obj = getattr(midway, cls)
        if isinstance(obj, type) and issubclass(obj, enum.Enum):
            return next(iter(list(obj)))
        init = self.method(cls, "__init__")
        if init is None:
            raise LookupError(f"no sample of {cls}")
        return obj(**self.required(init, skip_self=True))

    def method(self, cls: str, name: str) -> Any:
        import ast

        for c in self.defs.get(cls, []):
            for node in c.body:
                if isinstance(node, ast.FunctionDef) and node.name == name:
                    return node
        return None

    def good(self, annotation: str) -> Any:
        import re

        a = _expand(annotation, self.aliases)
        if a.startswith("(") and a.endswith(")") and a.count("(") == 1:
            a = a[1:-1]
        alternatives = [x.strip("() ") for x in a.split(" | ")]
        first = next((x for x in alternatives if not x.startswith(("npt.", "np."))), alternatives[0])
        if first.startswith("Literal["):
            return re.findall(r"['\"]([^'\"]*)['\"]", first)[0]
        if first == "datetime.date":
            return dt.date(2026, 1, 5)
        if first in ("int", "SupportsIndex"):
            return 1
        if first == "float":
            return 1.0
        if first == "bool":
            return False
        if first == "str":
            return "x"
        if first.startswith(("os.PathLike", "Path")):
            return self.tmp / "out"
        if first.split("[")[0] in ("Sequence", "Iterable", "list", "Collection"):
            return []
        if first.split("[")[0] in ("dict", "Mapping"):
            return {}
        return self.sample(first)

    def required(self, fn: Any, skip_self: bool) -> dict[str, Any]:
        import ast

        args = fn.args
        positional = args.posonlyargs + args.args
        if skip_self and positional and positional[0].arg in ("self", "cls"):
            positional = positional[1:]
        n_defaults = len(args.defaults)
        out: dict[str, Any] = {}
        for i, a in enumerate(positional):
            if i < len(positional) - n_defaults:
                out[a.arg] = self.good(_annotation(a))
        for a, d in zip(args.kwonlyargs, args.kw_defaults):
            if d is None:
                out[a.arg] = self.good(_annotation(a))
        return out

    def params(self, fn: Any, skip_self: bool) -> list[tuple[str, str, bool]]:
        """(name, expanded annotation, positional only) of each parameter."""
        import ast

        args = fn.args
        out = [(a.arg, _annotation(a), True) for a in args.posonlyargs]
        out += [(a.arg, _annotation(a), False) for a in args.args + args.kwonlyargs]
        if skip_self and out and out[0][0] in ("self", "cls"):
            out = out[1:]
        return [(n, _expand(t, self.aliases), p) for n, t, p in out]


def _annotation(arg: Any) -> str:
    import ast

    return "Any" if arg.annotation is None else ast.unparse(arg.annotation)


def _a_note() -> midway.Note:
    case = a_case()
    case.record(midway.ReviewConference(date=dt.date(2026, 4, 20)), id="rc1")
    return midway.chairs_report_midway(case, "rc1")


def _accepts(annotation: str, label: str) -> bool:
    """True when the stub's annotation admits the bad value, so that it is not wrong-typed."""
    import re

    if annotation in ("object", "Any") or "Any" in annotation.split(" | "):
        return True
    if label == "None":
        return re.search(r"\bNone\b", annotation) is not None
    if label == "a str":
        return re.search(r"(?<![\w.])str\b(?!\])", annotation) is not None or "PathLike" in annotation
    if label == "10**30":
        return "float" in annotation
    return False


def _walk_targets() -> list[str]:
    targets = []
    for name in sorted(dir(midway)):
        if name.startswith("_") or name in WALK_EXCLUDED_OTHER_FILES or name in WALK_EXCLUDED:
            continue
        obj = getattr(midway, name)
        if isinstance(obj, type) or callable(obj):
            targets.append(name)
    return targets


@pytest.mark.parametrize("name", _walk_targets())
def test_every_entry_point_gives_typed_errors_for_wrong_types(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ast

    monkeypatch.chdir(tmp_path)  # a str where a path is wanted names a file here
    walk = _Walk(tmp_path)
    obj = getattr(midway, name)
    calls: list[tuple[str, Any, Any]] = []  # (label, the callable's factory, its stub)
    if isinstance(obj, type):
        if issubclass(obj, enum.Enum) or issubclass(obj, BaseException):
            return
        if name not in walk.defs:
            pytest.fail(f"{name} has no stub")
        cls_node = walk.defs[name][0]
        for node in cls_node.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            decorators = [ast.unparse(d) for d in node.decorator_list]
            if node.name == "__init__":
                calls.append((name, lambda: obj, node))
            elif node.name.startswith("_") or f"{name}.{node.name}" in WALK_EXCLUDED:
                continue
            elif "property" in decorators:
                continue
            elif any(d.endswith(".setter") for d in decorators):
                calls.append((f"{name}.{node.name} =", lambda n=node.name: (lambda value: setattr(walk.sample(name), n, value)), node))
            elif "staticmethod" in decorators or "classmethod" in decorators:
                calls.append((f"{name}.{node.name}", lambda n=node.name: getattr(obj, n), node))
            else:
                calls.append((f"{name}.{node.name}", lambda n=node.name: getattr(walk.sample(name), n), node))
    else:
        for node in walk.defs.get(name, []):
            calls.append((name, lambda: obj, node))
        if not calls:
            pytest.fail(f"{name} has no stub")
    problems: list[str] = []
    tried = 0
    for label, target, node in calls:
        skip_self = label != name or isinstance(obj, type)
        params = walk.params(node, skip_self=skip_self)
        if label.endswith(" ="):
            params = params[-1:]
        for pname, annotation, positional_only in params:
            if pname.startswith("*") or node.args.vararg is not None and node.args.vararg.arg == pname:
                continue
            for bad_label, bad in BAD_VALUES:
                if _accepts(annotation, bad_label):
                    continue
                tried += 1
                try:
                    if label.endswith(" ="):
                        target()(bad)
                        continue
                    kwargs = walk.required(node, skip_self=skip_self)
                    posonly = [a.arg for a in node.args.posonlyargs if a.arg not in ("self", "cls")]
                    kwargs[pname] = bad
                    positional = [kwargs.pop(p) for p in posonly if p in kwargs]
                    target()(*positional, **kwargs)
                except midway.Error:
                    pass
                except Exception as e:  # noqa: BLE001 - the point of the test
                    problems.append(f"{label}({pname}={bad_label}): {type(e).__name__}: {str(e)[:120]}")
    assert not problems, "\n".join(problems)
    assert tried > 0 or all(not walk.params(n, skip_self=True) for _, _, n in calls), f"nothing of {name} was tried"


# ---- extension values nest only as deep as a caseload reads back -------------------------------


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def test_extension_values_from_python_round_trip_at_the_limit_and_are_refused_beyond() -> None:
    # A case is level 3 of a caseload, an event, person or recommendation level 5, and any
    # record (here a danger statement) may sit at level 11; the readers stop at 64 (docs/json.md).
    case = a_case()
    case.extra = {"deep": _nested(61)}
    case.record(midway.CoreGroup(date=dt.date(2026, 2, 5)), id="cg1", extra={"deep": _nested(59)})
    case.people = [midway.Person("sw1", "social_worker", extra={"deep": _nested(59)})]
    case.plan = [midway.Recommendation("r1", "Visit", extra={"deep": _nested(59)})]
    record = midway.SignsOfSafety(
        date=dt.date(2026, 1, 23),
        context="conference",
        event="e2",
        danger_statements=[midway.DangerStatement(id="d1", who_is_worried="w", about_what="a", extra={"deep": _nested(53)})],
        not_recorded=[midway.HeadingNotRecorded(heading=h, reason="in the minutes") for h in ("working_well", "needs_to_happen", "scale")],
    )
    midway.add_signs_of_safety(case, record)
    caseload = midway.Caseload([case])
    assert midway.Caseload.from_json(caseload.to_json()) == caseload
    assert midway.Case.from_json(case.to_json()) == case

    setters: list[tuple[Any, str]] = [
        (lambda: setattr(case, "extra", {"deep": _nested(62)}), "extra['deep']"),
        (lambda: case.record(midway.CoreGroup(date=dt.date(2026, 2, 6)), extra={"deep": _nested(60)}), "extra['deep']"),
    ]
    for setter, field in setters:
        with pytest.raises(midway.InvalidArgumentError) as info:
            setter()
        assert info.value.field == field
        assert info.value.record_id == "CP-1"
        assert "at most" in info.value.message
    with pytest.raises(midway.InvalidArgumentError) as person:
        midway.Person("sw2", "social_worker", extra={"deep": _nested(60)})
    assert person.value.field == "extra['deep']" and person.value.record_id == "sw2"
    with pytest.raises(midway.InvalidArgumentError) as danger:
        midway.DangerStatement(id="d2", who_is_worried="w", about_what="a", extra={"deep": _nested(54)})
    assert danger.value.field == "extra['deep']"
    assert midway.Caseload.from_json(caseload.to_json()) == caseload  # nothing half-applied


# ---- the date of birth rule, for a case made in Python --------------------------------------------


def test_the_date_of_birth_rule_applies_to_a_case_made_in_python() -> None:
    secret = midway.PersonalDetails(name="Secret Name", date_of_birth=dt.date(2026, 1, 10))
    case = a_case()  # events on 2026-01-05 and 2026-01-23
    with pytest.raises(midway.RuleViolationError) as before:
        case.personal = secret
    assert before.value.field == "events['e1'].date" and before.value.record_id == "CP-1"
    assert "2026-01-10" not in str(before.value) and "Secret" not in str(before.value)
    assert case.personal is None  # unchanged

    with pytest.raises(midway.OutOfRangeError) as old:
        midway.Case(case_id="CP-2", child_id="C-2", kind="CP",
                    personal=midway.PersonalDetails(name="N", date_of_birth=dt.date(1899, 5, 1)))
    assert old.value.field == "personal.date_of_birth" and old.value.record_id == "CP-2"
    assert "1899" not in str(old.value)

    case.personal = midway.PersonalDetails(name="N", date_of_birth=dt.date(2001, 1, 23))
    with pytest.raises(midway.RuleViolationError) as far:
        case.record(midway.CoreGroup(date=dt.date(2026, 2, 5)))
    assert far.value.field == "personal.date_of_birth" and "2001" not in str(far.value)

    born_later = midway.Case(case_id="CP-3", child_id="C-3", kind="CP",
                             personal=midway.PersonalDetails(name="N", date_of_birth=dt.date(2026, 3, 10)))
    with pytest.raises(midway.RuleViolationError) as not_born:
        born_later.record(midway.StrategyDiscussion(date=dt.date(2026, 1, 5)))
    assert not_born.value.field == "events['e1'].date"
    assert born_later.history == ()
    born_later.record(midway.InitialConference(date=dt.date(2026, 1, 23), pre_birth=True))
    born_later.record(midway.CoreGroup(date=dt.date(2026, 2, 5)))  # a pre-birth plan: allowed
    assert midway.Case.from_json(born_later.to_json()) == born_later


# ---- string -> enum from the one table ----------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "field", "what"),
    [
        (lambda: midway.Period(1, "fortnights"), "unit", "period unit"),  # type: ignore[arg-type]
        (lambda: midway.Calendar().add_working_days(AS_OF, 1, counting="x"), "counting", "day count convention"),  # type: ignore[call-overload]
        (lambda: midway.Person("p", "mayor"), "role", "role"),  # type: ignore[arg-type]
        (lambda: _a_note().render("pdf"), "format", "note format"),  # type: ignore[arg-type]
        (lambda: midway.Case(case_id="C", child_id="C", kind="XX"), "kind", "case kind"),  # type: ignore[arg-type]
    ],
)
def test_enum_names_convert_through_the_one_table(call: Any, field: str, what: str) -> None:
    with pytest.raises(midway.UnknownCodeError) as info:
        call()
    assert info.value.field == field
    assert f"is not a {what}; expected one of: " in info.value.message
