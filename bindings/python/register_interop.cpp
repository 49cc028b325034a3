// The data-return readers, review timeliness and the Annex A export (midway/interop.hpp).
#include "convert.hpp"

#include <midway/interop.hpp>

#include "enums.hpp"
#include <pybind11/stl/filesystem.h>

namespace py = pybind11;
using namespace py::literals;

namespace midway::python {

namespace {

import_options options_of(py::handle validator_rules, py::handle cal, py::handle threads = py::int_(1),
                          py::handle encoding = py::str("utf-8")) {
  import_options o;
  o.validator_rules = from_py<bool>(validator_rules, "validator_rules");
  if (!cal.is_none()) o.calendar = ref_arg<calendar>(cal, "calendar", "midway.Calendar");
  o.threads = from_py<unsigned>(threads, "threads");
  o.encoding = text_encoding_from_string(from_py<std::string>(encoding, "encoding"), "encoding");
  return o;
}

std::optional<csv_source> source_of(py::handle text, const char* name, const char* argument) {
  if (text.is_none()) return std::nullopt;
  return csv_source{.name = name, .text = from_py<std::string>(text, argument)};
}

}  // namespace

void register_interop(py::module_& m) {
  bind_enum<finding_kind>(m);
  bind_enum<icpc_anchor>(m);
  bind_enum<timeliness_status>(m);

  py::class_<import_finding>(m, "ImportFinding", "A row that was rejected, a warning, or a DfE validator rule's flag; never personal data.")
      .def_property_readonly("kind", &import_finding::kind)
      .def_property_readonly("check", [](const import_finding& f) { return std::string(f.check()); },
                             "The reader check or validator rule the finding comes from (midway's id, e.g. 'ssda903_date_format').")
      .def_property_readonly("rule", &import_finding::rule)
      .def_property_readonly("file", &import_finding::file)
      .def_property_readonly("line", &import_finding::line)
      .def_property_readonly("path", &import_finding::path)
      .def_property_readonly("child_id", &import_finding::child_id)
      .def_property_readonly("field", &import_finding::field)
      .def_property_readonly("reason", &import_finding::reason, "Plain English, made from the check's template when read.")
      .def("__eq__", [](const import_finding& a, py::handle b) { return py::isinstance<import_finding>(b) && a == b.cast<const import_finding&>(); }, py::is_operator())
      .def("__repr__", [](const import_finding& f) {
        const std::string rule = f.rule();
        return "ImportFinding(" + std::string(to_string(f.kind())) + (rule.empty() ? "" : " " + rule) + ", '" + f.file() +
               (f.line() ? ":" + std::to_string(f.line()) : "") + "', child_id='" + f.child_id() + "', field='" + f.field() + "')";
      })
      .attr("__hash__") = py::none();

  py::class_<table_count>(m, "TableCount", "Rows (or XML records) of one table read, loaded and rejected.")
      .def_readonly("file", &table_count::file)
      .def_readonly("table", &table_count::table)
      .def_readonly("read", &table_count::read)
      .def_readonly("loaded", &table_count::loaded)
      .def_readonly("rejected", &table_count::rejected)
      .def("__repr__", [](const table_count& t) {
        return "TableCount('" + t.table + "', read=" + std::to_string(t.read) + ", loaded=" + std::to_string(t.loaded) +
               ", rejected=" + std::to_string(t.rejected) + ")";
      });

  py::class_<import_result>(m, "ImportResult",
                            "What a reader gives: the cases as columns (evaluate() reads them directly), the findings and the "
                            "table counts. Case objects are built on demand: case(i), iteration, to_caseload(); `cases` is the "
                            "slow path (every case built once, then kept).",
                            py::dynamic_attr())
      .def_property_readonly("cases",
                             [](py::object self) -> py::object {
                               // Built once, on first use, and kept on the object: the slow path.
                               if (py::hasattr(self, "_cases")) return self.attr("_cases");
                               py::object cl = py::cast(self.cast<const import_result&>().to_caseload());
                               self.attr("_cases") = cl;
                               return cl;
                             },
                             "Every case as a Caseload, built on first use and kept (the slow path: evaluate() reads the columns "
                             "without it).")
      .def("case",
           [](const import_result& r, py::handle index) {
             auto i = from_py<std::int64_t>(index, "index");
             const auto n = static_cast<std::int64_t>(r.case_count());
             if (i < 0) i += n;
             if (i < 0 || i >= n) {
               throw out_of_range_error("case " + std::string(py::str(index)) + " of a return of " + std::to_string(n) + " cases", "index");
             }
             return r.case_at(static_cast<std::size_t>(i));
           },
           "index"_a, "Case `index` (negative: from the end), built on demand from the columns.")
      .def("to_caseload", &import_result::to_caseload, "Every case, built on demand (what `cases` keeps).")
      .def("case_count", &import_result::case_count, "How many cases the return holds.")
      .def("__iter__",
           [](py::object self) {
             // map(self.case, range(n)): each case is built when the iteration reaches it.
             const auto& r = self.cast<const import_result&>();
             const py::module_ builtins = py::module_::import("builtins");
             return py::iter(builtins.attr("map")(self.attr("case"), builtins.attr("range")(r.case_count())));
           },
           "Iterates over the cases, each built when reached.")
      .def_property_readonly("findings", [](const import_result& r) { return py::tuple(py::cast(r.findings)); })
      .def_property_readonly("tables", [](const import_result& r) { return py::tuple(py::cast(r.tables)); })
      .def_readonly("reference_date", &import_result::reference_date)
      .def("totals", &import_result::totals)
      .def("count", [](const import_result& r, py::handle k) { return r.count(enum_arg<finding_kind>(k, "kind", finding_kind_from_string)); }, "kind"_a)
      .def("count_rule", [](const import_result& r, py::handle rule) { return r.count_rule(from_py<std::string>(rule, "rule")); }, "rule"_a)
      .def("findings_csv", [](const import_result& r) { return findings_to_csv(r.findings); })
      .def("report", [](const import_result& r, py::handle max_listed) { return findings_report(r, from_py<std::size_t>(max_listed, "max_listed")); },
           "max_listed"_a = 200)
      .def("__repr__", [](const import_result& r) {
        const table_count t = r.totals();
        return "ImportResult(cases=" + std::to_string(r.case_count()) + ", read=" + std::to_string(t.read) +
               ", rejected=" + std::to_string(t.rejected) + ", findings=" + std::to_string(r.findings.size()) + ")";
      });

  m.def("import_ssda903",
        [](py::handle path, py::handle rules, py::handle cal, py::handle threads, py::handle encoding) {
          const std::filesystem::path p = path_arg(path, "path");
          const import_options options = options_of(rules, cal, threads, encoding);
          const py::gil_scoped_release release;
          return import_ssda903(p, options);
        },
        "path"_a, py::kw_only(), "validator_rules"_a = true, "calendar"_a = py::none(), "threads"_a = 1, "encoding"_a = "utf-8",
        "Reads an SSDA903 return: a directory of CSV tables, one CSV table, or the XML layout. "
        "threads: the reader's threads (0: every core); the result is the same for any number. "
        "encoding: 'utf-8' (default; bytes that are not UTF-8 are reported), 'latin-1' or 'cp1252'.");
  m.def("import_ssda903_csv",
        [](py::handle header, py::handle episodes, py::handle reviews, py::handle missing, py::handle rules, py::handle cal, py::handle threads) {
          const ssda903_csv in{.header = source_of(header, "header.csv", "header"),
                               .episodes = source_of(episodes, "episodes.csv", "episodes"),
                               .reviews = source_of(reviews, "reviews.csv", "reviews"),
                               .missing = source_of(missing, "missing.csv", "missing")};
          const import_options options = options_of(rules, cal, threads);
          const py::gil_scoped_release release;
          return import_ssda903(in, options);
        },
        py::kw_only(), "header"_a = py::none(), "episodes"_a = py::none(), "reviews"_a = py::none(), "missing"_a = py::none(),
        "validator_rules"_a = true, "calendar"_a = py::none(), "threads"_a = 1,
        "Reads SSDA903 CSV tables given as text. threads: as for import_ssda903.");
  m.def("import_ssda903_xml",
        [](py::handle text, py::handle name, py::handle rules, py::handle cal, py::handle threads) {
          const std::string t = from_py<std::string>(text, "text"), n = from_py<std::string>(name, "name");
          const import_options options = options_of(rules, cal, threads);
          const py::gil_scoped_release release;
          return import_ssda903_xml(t, n, options);
        },
        "text"_a, "name"_a = "ssda903.xml", py::kw_only(), "validator_rules"_a = true, "calendar"_a = py::none(), "threads"_a = 1,
        "Reads an SSDA903 return in the XML layout, given as text. threads: as for import_ssda903.");
  m.def("import_cin_census",
        [](py::handle path, py::handle rules, py::handle cal, py::handle encoding) {
          const std::filesystem::path p = path_arg(path, "path");
          return import_cin_census(p, options_of(rules, cal, py::int_(1), encoding));
        },
        "path"_a, py::kw_only(), "validator_rules"_a = true, "calendar"_a = py::none(), "encoding"_a = "utf-8",
        "Reads a CIN census XML file. encoding: as for import_ssda903.");
  m.def("import_cin_census_xml",
        [](py::handle text, py::handle name, py::handle rules, py::handle cal) {
          return import_cin_census_xml(from_py<std::string>(text, "text"), from_py<std::string>(name, "name"), options_of(rules, cal));
        },
        "text"_a, "name"_a = "cin_census.xml", py::kw_only(), "validator_rules"_a = true, "calendar"_a = py::none(),
        "Reads a CIN census given as XML text.");

  py::class_<timeliness_row>(m, "TimelinessRow", "One review (or ICPC) of a case against its due date.")
      .def_property_readonly("case_id", [](const timeliness_row& r) { return r.case_id.str(); })
      .def_property_readonly("child_id", [](const timeliness_row& r) { return r.child_id.str(); })
      .def_readonly("kind", &timeliness_row::kind)
      .def_readonly("item", &timeliness_row::item)
      .def_readonly("number", &timeliness_row::number)
      .def_readonly("anchor", &timeliness_row::anchor)
      .def_readonly("anchor_date", &timeliness_row::anchor_date)
      .def_readonly("due", &timeliness_row::due)
      .def_readonly("held", &timeliness_row::held)
      .def_readonly("status", &timeliness_row::status)
      .def_readonly("days_late", &timeliness_row::days_late)
      .def_readonly("explanation", &timeliness_row::explanation)
      .def("__repr__", [](const timeliness_row& r) { return "TimelinessRow('" + r.case_id.str() + "', '" + r.explanation + "')"; });

  py::class_<timeliness_report>(m, "TimelinessReport", "Review timeliness for every case of a caseload.")
      .def_readonly("as_of", &timeliness_report::as_of)
      .def_property_readonly("rows", [](const timeliness_report& r) { return py::tuple(py::cast(r.rows)); })
      .def_property_readonly("problems", [](const timeliness_report& r) { return py::tuple(py::cast(r.problems)); })
      .def("count",
           [](const timeliness_report& r, py::handle status, py::handle item) {
             return r.count(enum_arg<timeliness_status>(status, "status", timeliness_status_from_string), item.is_none() ? std::nullopt : std::optional(enum_arg<item_kind>(item, "item", item_kind_from_string)));
           },
           "status"_a, "item"_a = py::none())
      .def("to_table", [](const timeliness_report& r) { return to_table(r); })
      .def("to_csv", [](const timeliness_report& r) { return to_csv(r); })
      .def("__len__", [](const timeliness_report& r) { return r.rows.size(); });

  m.def("review_timeliness",
        [](py::handle cl, py::handle as_of, py::handle p, py::handle cal, py::handle anchor) {
          return review_timeliness(ref_arg<caseload>(cl, "caseload", "midway.Caseload"), date_arg(as_of, "as_of"), policy_arg(p), calendar_arg(cal),
                                   timeliness_options{.anchor = enum_arg<icpc_anchor>(anchor, "anchor", icpc_anchor_from_string)});
        },
        "caseload"_a, py::kw_only(), "as_of"_a, "policy"_a = py::none(), "calendar"_a = py::none(),
        "anchor"_a = icpc_anchor::strategy_discussion,
        "Review timeliness per case (policy: england; calendar: england-and-wales by default).");

  auto annex = [](std::string (*list)(const caseload&, date, const annex_a_options&)) {
    return [list](py::handle cl, py::handle as_of, py::handle lookback, py::handle uk_dates) {
      return list(ref_arg<caseload>(cl, "caseload", "midway.Caseload"), date_arg(as_of, "as_of"),
                  annex_a_options{.lookback_months = from_py<std::int32_t>(lookback, "lookback_months"),
                                  .uk_dates = from_py<bool>(uk_dates, "uk_dates")});
    };
  };
  m.def("annex_a_list7", annex(&annex_a_list7), "caseload"_a, py::kw_only(), "as_of"_a, "lookback_months"_a = 6, "uk_dates"_a = true,
        "Ofsted Annex A List 7 (children on a CP plan): the columns midway fills, as CSV.");
  m.def("annex_a_list8", annex(&annex_a_list8), "caseload"_a, py::kw_only(), "as_of"_a, "lookback_months"_a = 6, "uk_dates"_a = true,
        "Ofsted Annex A List 8 (children looked after): the columns midway fills, as CSV.");
  m.def("annex_a_list7_columns", &annex_a_list7_columns, "The column headings annex_a_list7 writes.");
  m.def("annex_a_list8_columns", &annex_a_list8_columns, "The column headings annex_a_list8 writes.");
}

}  // namespace midway::python
