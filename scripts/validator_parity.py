"""Flags of the DfE validators against midway's, row by row (issue 14).

Three commands:

  variants DIR   write the boundary variants (SSDA903 CSV and XML, CIN census XML) into DIR
  flags DIR OUT  run the real validators' ingress and rules (csc-validator-be-903 0.1.17,
                 csc-validator-be-cin 0.1.13; needs their venv) on the shared samples in
                 tests/data and the variants in DIR, and write every flag to OUT (JSON)
  compare DIR EXPECTED
                 run midway (needs the midway module) on the same inputs and compare its flags
                 with EXPECTED row by row; exit 1 on a difference that is not a documented one

scripts/validator_parity.sh runs the three; the tests read the committed fixtures
(tests/data/validator_parity/: the variants and expected.json). Not run by CI.

A flag is [rule, table, row, child]: `row` is the 0-based row of the validator's table
(CSV: the data row; XML: the element in document order), which midway's line or path maps to.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"

SSDA903_RULES = ["166", "167", "440", "441"]
CIN_RULES = {  # rule: the table midway flags (the rule's module)
    "2885": "ChildProtectionPlans",
    "8841": "Reviews",
    "8842Q": "Reviews",
    "8870Q": "Section47",
    "8875": "Section47",
    "8675Q": "Section47",
}

# Where the validator itself is wrong and midway keeps its answer (docs/interop.md, "Where the
# validator is wrong"): variant -> the flags midway gives that the validator does not (or the reverse).
KNOWN = {
    "cin_8870q_saturday": "8870Q: the validator parses InitialCPCtarget as dd-mm-yyyy, so no xs:date value is ever flagged",
    "cin_8842q_second_date_missing": "8842Q: the validator reads only the first CPPreviewDate of a Reviews group",
    "cin_8842q_empty_group": "8842Q: the validator drops a Reviews group with no CPPreviewDate",
}

# ---------------------------------------------------------------------------------------------
# variants

EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    "A,01/01/2010,S,C2,N1,U1,PR1,,,,,,\n"
    "B,01/01/2010,S,C2,N1,U1,PR1,,,,,,\n"
)
HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,01/01/2006,WBRI,,,\nB,1,01/01/2012,WBRI,,,\n"
# Boundary review rows (each independent of the others for rules 166, 167, 440, 441).
REVIEWS = [
    "A,01/01/2006,01/01/2011,PN1",     # fine (over 4)
    "A,01/01/2006,01/01/2011,pn3",     # lower-case code: upper-cased on ingress, fine
    "B,01/01/2004,16/09/2016,pn0",     # lower-case PN0 at 12: 440, not 167
    "A,01/01/2006,01/01/2011, PN3",    # space before the code: 167
    "A,01/01/2006, 16/09/2016,PN3",    # space before the date: 166 (and 167? the date is given)
    "A,01/01/2006,16/09/2016 ,PN3",    # space after the date: 166
    ",01/01/2006,01/02/2011,PN9",      # blank CHILD: 167 all the same
    ",01/01/2006,31/02/2011,PN1",      # blank CHILD and no such date: 166
    "A,01/01/2006,01/03/2011",         # ragged (no REVIEW_CODE field): 167
    "A,01/01/2006",                    # ragged (no REVIEW, no REVIEW_CODE): 166
    "A,,01/04/2011,PN0",               # blank DOB in reviews.csv (header has one): no 440
    "B,,01/04/2013,PN3",               # blank DOB (header says under 4): no 441
    "A,01/01/2007,01/01/2011,PN0",     # the 4th birthday itself: no 440
    "A,01/01/2007,02/01/2011,PN0",     # the day after: 440
    "A,01/01/2007,31/12/2010,PN3",     # the day before: 441
    "A,01/01/2007,01/01/2011,PN3",     # on it: no 441
    "A,29/02/2008,28/02/2012,PN3",     # leap-day birth, 28 Feb of the 4th year: 441
    "A,29/02/2008,01/03/2012,PN0",     # 1 March: 440
    "A,01/01/2006,1/2/2011,PN2",       # one-digit day and month: a date
    "A,01/01/2006,,",                  # blank both: 166 only
    "A,01/01/2006,,PN1",               # code without a date: 166, 167
    "A,01/01/2006,2011-01-01,PN1",     # ISO: 166
    "A,01/01/2006,01/01/2011,PN10",    # 167
    "A,01/01/2006,01/01/2011,Pn7",     # mixed case: fine
    "A,1/1/2006,01/01/2011,PN0",       # one-digit DOB: 440
]

XML_CHILDREN = [
    # (CHILDID, DOB, [(REVIEW, REVIEW_CODE)], AMISSING under HEADER)
    ("X1", "01/01/2006", [("01/01/2011", "pn3"), ("16/09/2016", "pn0"), (" 16/09/2016", "PN3"), ("01/01/2011", " PN3")], True),
    ("X2", "", [("01/04/2011", "PN0")], False),
    ("", "01/01/2006", [("01/01/2011", "PN9"), ("01/01/2011", "PN0")], False),
    ("X4", "01/01/2010", [("01/01/2013", "PN4"), ("02/01/2014", "PN0")], False),
]


def ssda903_xml() -> str:
    out = ["<?xml version='1.0' encoding='utf-8'?>\n<EXPSSDA903>\n"]
    for child, dob, reviews, missing in XML_CHILDREN:
        out.append(f"<CHILD><HEADER><CHILDID>{child}</CHILDID><SEX>1</SEX><DOB>{dob}</DOB>\n")
        for review, code in reviews:
            out.append(f"<AREVIEW><REVIEW>{review}</REVIEW><REVIEW_CODE>{code}</REVIEW_CODE></AREVIEW>\n")
        if missing:
            out.append("<AMISSING><MISSING>M</MISSING><MIS_START>01/02/2010</MIS_START><MIS_END>03/02/2010</MIS_END></AMISSING>\n")
        out.append("</HEADER>\n<EPISODE><DECOM>01/01/2010</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL><DEC /><REC /></EPISODE>\n</CHILD>\n")
    out.append("</EXPSSDA903>\n")
    return "".join(out)


def cin_variants() -> dict[str, str]:
    """CIN_Census_2024.xml (ReferenceDate 2024-03-31; a Section47 with ICPC 2022-06-17; a plan
    2022-02-17 with a review 2023-02-15) changed at one boundary each."""
    base = (DATA / "cin_census" / "CIN_Census_2024.xml").read_text(encoding="utf-8")

    def sub(text: str, *pairs: tuple[str, str]) -> str:
        for old, new in pairs:
            if old not in text:
                raise SystemExit(f"CIN_Census_2024.xml lacks {old!r}")
            text = text.replace(old, new, 1)
        return text

    plan = "<CPPstartDate>2022-02-17"
    icpc = "<DateOfInitialCPC>2022-06-17</DateOfInitialCPC>"
    details_icpc = "<DateOfInitialCPC>2022-12-06</DateOfInitialCPC>"  # the CINdetails' own
    return {
        "cin_base": base,
        # 2885: the year starts on ReferenceDate - 1 year + 1 day.
        "cin_2885_year_start_minus_one": sub(base, (plan, "<CPPstartDate>2023-03-31")),
        "cin_2885_year_start": sub(base, (plan, "<CPPstartDate>2023-04-01")),
        "cin_2885_reference_date": sub(base, (plan, "<CPPstartDate>2024-03-31")),
        "cin_2885_matches_s47": sub(base, (plan, "<CPPstartDate>2023-06-01"), (icpc, "<DateOfInitialCPC>2023-06-01</DateOfInitialCPC>")),
        # ICPCnotRequired 1: the Section47 is left out, the CINdetails' DateOfInitialCPC decides.
        "cin_2885_not_required_falls_back": sub(
            base,
            (plan, "<CPPstartDate>2023-06-01"),
            ("<ICPCnotRequired>false", "<ICPCnotRequired>1"),
            (details_icpc, "<DateOfInitialCPC>2023-06-01</DateOfInitialCPC>"),
        ),
        "cin_2885_not_required_no_match": sub(
            base,
            (plan, "<CPPstartDate>2023-06-01"),
            ("<ICPCnotRequired>false", "<ICPCnotRequired>1"),
            (icpc, "<DateOfInitialCPC>2023-06-01</DateOfInitialCPC>"),
        ),
        "cin_8675q_icpc_not_a_date": sub(
            base, (icpc, "<DateOfInitialCPC>not a date</DateOfInitialCPC>"), ("<S47ActualStartDate>2022-06-02", "<S47ActualStartDate>2024-03-08")
        ),
        "cin_8675q_no_icpc_on_threshold": sub(base, (icpc, ""), ("<S47ActualStartDate>2022-06-02", "<S47ActualStartDate>2024-03-11")),
        "cin_8675q_no_icpc_before": sub(base, (icpc, ""), ("<S47ActualStartDate>2022-06-02", "<S47ActualStartDate>2024-03-08")),
        "cin_8675q_not_required_0": sub(base, (icpc, ""), ("<ICPCnotRequired>false", "<ICPCnotRequired>0")),
        "cin_8675q_not_required_true": sub(base, (icpc, ""), ("<ICPCnotRequired>false", "<ICPCnotRequired>true")),
        "cin_8841_review_on_start": sub(base, ("<CPPreviewDate>2023-02-15", "<CPPreviewDate>2022-02-17")),
        "cin_8841_review_day_after": sub(base, ("<CPPreviewDate>2023-02-15", "<CPPreviewDate>2022-02-18")),
        "cin_8875_sunday": sub(base, (icpc, "<DateOfInitialCPC>2022-06-19</DateOfInitialCPC>")),
        "cin_8870q_saturday": sub(base, ("<InitialCPCtarget>2022-06-23", "<InitialCPCtarget>2022-06-25")),
        "cin_8842q_second_date_missing": sub(
            base, ("<CPPreviewDate>2023-02-15</CPPreviewDate>", "<CPPreviewDate>2023-02-15</CPPreviewDate><CPPreviewDate></CPPreviewDate>")
        ),
        "cin_8842q_empty_group": sub(base, ("<CPPreviewDate>2023-02-15</CPPreviewDate>", "")),
    }


def write_variants(out: Path) -> None:
    (out / "ssda903_boundaries").mkdir(parents=True, exist_ok=True)
    (out / "ssda903_boundaries" / "episodes.csv").write_text(EPISODES, encoding="utf-8")
    (out / "ssda903_boundaries" / "header.csv").write_text(HEADER, encoding="utf-8")
    (out / "ssda903_boundaries" / "reviews.csv").write_text(
        "CHILD,DOB,REVIEW,REVIEW_CODE\n" + "".join(r + "\n" for r in REVIEWS), encoding="utf-8"
    )
    (out / "ssda903_boundaries.xml").write_text(ssda903_xml(), encoding="utf-8")
    for name, text in cin_variants().items():
        (out / f"{name}.xml").write_text(text, encoding="utf-8")


def inputs(variants: Path) -> dict[str, tuple[str, Path]]:
    """Every input compared: name -> (kind, path). kind: 903csv, 903xml, cin."""
    out: dict[str, tuple[str, Path]] = {
        "sample_903_csv": ("903csv", DATA / "ssda903"),
        "sample_903_xml": ("903xml", DATA / "ssda903" / "fake_903.xml"),
        "ssda903_boundaries": ("903csv", variants / "ssda903_boundaries"),
        "ssda903_boundaries_xml": ("903xml", variants / "ssda903_boundaries.xml"),
    }
    for p in sorted((DATA / "cin_census").glob("*.xml")):
        out["sample_" + p.stem] = ("cin", p)
    for p in sorted(variants.glob("cin_*.xml")):
        out[p.stem] = ("cin", p)
    return out


# ---------------------------------------------------------------------------------------------
# the validators (their venv)


def validator_flags(kind: str, path: Path) -> list[list[Any]]:
    import importlib

    flags: list[list[Any]] = []
    if kind in ("903csv", "903xml"):
        from lac_validator.ingress import read_csvs_from_text, read_xml_from_text  # type: ignore[import-not-found]

        if kind == "903csv":
            files = [
                {"name": p.name, "file_content": p.read_bytes(), "description": "This year"}
                for p in sorted(path.glob("*.csv"))
                if p.stem in ("header", "episodes", "reviews", "missing")
            ]
            dfs = read_csvs_from_text(files)
        else:
            dfs = read_xml_from_text(path.read_text(encoding="utf-8"))
        reviews = dfs["Reviews"]
        for code in SSDA903_RULES:
            rule = importlib.import_module(f"lac_validator.rules.lac2022_23.rule_{code}")
            result = rule.validate({k: v.copy() for k, v in dfs.items()})
            for row in sorted(result.get("Reviews", [])):
                child = reviews.loc[row, "CHILD"]
                flags.append([code, "reviews", int(row), "" if not isinstance(child, str) else child])
        return flags
    import xml.etree.ElementTree as ET

    from cin_validator.cin_validator import CinValidator, convert_data, process_data  # type: ignore[import-not-found]
    from cin_validator.rules.cin2022_23 import registry  # type: ignore[import-not-found]

    root = ET.parse(path).getroot()
    v = CinValidator(process_data(convert_data(root)), registry, selected_rules=list(CIN_RULES))
    df = v.full_issue_df
    for _, r in df.iterrows():
        code = str(r["rule_code"])
        if code not in CIN_RULES or r["tables_affected"] != CIN_RULES[code]:
            continue
        flags.append([code, CIN_RULES[code], int(r["row_id"]), "" if not isinstance(r["child_id"], str) else r["child_id"]])
    return sorted(set(map(tuple, flags)))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# midway


def cin_rows(path: Path) -> dict[str, tuple[str, int]]:
    """XML path of each Section47, ChildProtectionPlans and Reviews element (midway's finding
    path) -> (table, row in document order), as the validator numbers its tables' rows."""
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    out: dict[str, tuple[str, int]] = {}
    counts = {"Section47": 0, "ChildProtectionPlans": 0, "Reviews": 0}
    for ci, child in enumerate(root.find("Children").findall("Child"), 1):  # type: ignore[union-attr]
        for di, details in enumerate(child.findall("CINdetails"), 1):
            dpath = f"/Message/Children/Child[{ci}]/CINdetails[{di}]"
            for si, _ in enumerate(details.findall("Section47"), 1):
                out[f"{dpath}/Section47[{si}]"] = ("Section47", counts["Section47"])
                counts["Section47"] += 1
            for pi, plan in enumerate(details.findall("ChildProtectionPlans"), 1):
                ppath = f"{dpath}/ChildProtectionPlans[{pi}]"
                out[ppath] = ("ChildProtectionPlans", counts["ChildProtectionPlans"])
                counts["ChildProtectionPlans"] += 1
                for ri, _ in enumerate(plan.findall("Reviews"), 1):
                    out[f"{ppath}/Reviews[{ri}]"] = ("Reviews", counts["Reviews"])
                    counts["Reviews"] += 1
    return out


def csv_rows(path: Path) -> dict[int, int]:
    """Line of each data row of reviews.csv -> its 0-based row (pandas skips blank lines)."""
    import csv

    out: dict[int, int] = {}
    with open(path / "reviews.csv", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        row = 0
        for _ in reader:
            if reader.line_num and _:
                out[reader.line_num] = row
                row += 1
    return out


def midway_flags(kind: str, path: Path) -> list[list[Any]]:
    import re

    import midway

    flags: list[list[Any]] = []
    if kind == "903csv":
        r = midway.import_ssda903(path)
        rows = csv_rows(path)
        for f in r.findings:
            if f.kind == midway.FindingKind.RULE:
                flags.append([f.rule, "reviews", rows[f.line], f.child_id])
    elif kind == "903xml":
        r = midway.import_ssda903(path)
        # /EXPSSDA903/CHILD[c]/HEADER/AREVIEW[k]: the validator numbers reviews in document order.
        import xml.etree.ElementTree as ET

        order: dict[tuple[int, int], int] = {}
        n = 0
        for ci, child in enumerate(ET.parse(path).getroot().findall("CHILD"), 1):
            header = child.find("HEADER")
            for k, _ in enumerate([] if header is None else header.findall("AREVIEW"), 1):
                order[(ci, k)] = n
                n += 1
        for f in r.findings:
            if f.kind == midway.FindingKind.RULE:
                m = re.match(r"/EXPSSDA903/CHILD\[(\d+)\]/HEADER/AREVIEW\[(\d+)\]", f.path)
                assert m, f.path
                flags.append([f.rule, "reviews", order[(int(m.group(1)), int(m.group(2)))], f.child_id])
    else:
        r = midway.import_cin_census(path)
        elements = cin_rows(path)
        for f in r.findings:
            if f.kind != midway.FindingKind.RULE:
                continue
            table, row = elements[f.path.rsplit("/", 1)[0]]
            flags.append([f.rule, table, row, f.child_id])
    return sorted(map(list, set(map(tuple, flags))))


def to_json(flags: dict[str, list[list[Any]]]) -> str:
    """The fixture file: the validators' versions, then one flag a line (small diffs)."""
    lines = ['{"validators": {"csc-validator-be-903": "0.1.17", "csc-validator-be-cin": "0.1.13"},', ' "flags": {']
    names = list(flags)
    for i, name in enumerate(names):
        rows = [json.dumps(list(f)) for f in flags[name]]
        body = ("\n  " + ",\n  ".join(rows) + "\n ") if rows else ""
        lines.append(f"  {json.dumps(name)}: [{body}]" + ("," if i + 1 < len(names) else ""))
    lines.append(" }\n}\n")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "variants":
        write_variants(Path(argv[1]))
        return 0
    if len(argv) >= 3 and argv[0] == "flags":
        variants, out = Path(argv[1]), Path(argv[2])
        result = {name: validator_flags(kind, path) for name, (kind, path) in inputs(variants).items()}
        out.write_text(to_json(result))
        return 0
    if len(argv) >= 3 and argv[0] == "compare":
        variants, expected = Path(argv[1]), json.loads(Path(argv[2]).read_text())["flags"]
        failed = 0
        for name, (kind, path) in inputs(variants).items():
            want = {tuple(f) for f in expected[name]}
            got = {tuple(f) for f in midway_flags(kind, path)}
            only_midway, only_validator = sorted(got - want), sorted(want - got)
            status = "same" if not (only_midway or only_validator) else ("known" if name in KNOWN else "DIFFERENT")
            print(f"{name:40} {len(want):6} flags  {status}")
            for f in only_midway:
                print(f"    midway only:    {f}")
            for f in only_validator:
                print(f"    validator only: {f}")
            if status == "known":
                print(f"    documented: {KNOWN[name]}")
            failed += status == "DIFFERENT"
        return 1 if failed else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
