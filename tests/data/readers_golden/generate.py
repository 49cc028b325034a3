# Generates tests/data/readers_golden from the reader as it was before it wrote columns.
import json, pathlib, sys, midway
root = pathlib.Path(sys.argv[1]); out = pathlib.Path(sys.argv[2])
samples = {
  "ssda903_csv": ("ssda903", root / "ssda903"),
  "ssda903_xml": ("ssda903", root / "ssda903" / "fake_903.xml"),
  "ssda903_boundaries": ("ssda903", root / "validator_parity" / "ssda903_boundaries"),
  "ssda903_boundaries_xml": ("ssda903", root / "validator_parity" / "ssda903_boundaries.xml"),
}
for f in sorted((root / "cin_census").glob("*.xml")):
  samples["cin_" + f.stem] = ("cin", f)
for name, (kind, path) in samples.items():
  r = midway.import_ssda903(path) if kind == "ssda903" else midway.import_cin_census(path)
  (out / f"{name}.caseload.json").write_text(r.cases.to_json())
  (out / f"{name}.findings.csv").write_text(r.findings_csv())
  (out / f"{name}.report.txt").write_text(r.report(max_listed=100000))
  print(name, len(r.cases), len(r.findings))
