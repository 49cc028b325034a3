#include "convert.hpp"

#include <midway/json.hpp>
#include <midway/report.hpp>
#include <midway/worklist.hpp>

#include "enums.hpp"

namespace py = pybind11;
using namespace py::literals;

namespace midway::python {

namespace {

policy policy_with(policy p, const py::kwargs& overrides) {
  assign_fields(p, overrides, "Policy");
  return p;
}

std::vector<std::string> id_strings(const std::vector<event_id>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids) out.push_back(id.str());
  return out;
}

}  // namespace

void register_schedule(py::module_& m) {
  bind_enum<period_unit>(m);
  bind_enum<month_basis>(m);
  bind_enum<non_working_due>(m);
  bind_enum<midway_rule>(m);
  bind_enum<item_kind>(m);
  bind_enum<item_status>(m);

  py::class_<period>(m, "Period", "A timescale: Period(15, 'working_days'), Period(3, PeriodUnit.MONTHS).")
      .def(py::init([](py::handle count, py::handle unit) {
             return checked_period(from_py<std::int32_t>(count, "count"), from_py<period_unit>(unit, "unit"), "count");
           }),
           "count"_a, "unit"_a)
      .def_readonly("count", &period::count)
      .def_readonly("unit", &period::unit)
      .def("__eq__", [](const period& a, py::handle b) { return py::isinstance<period>(b) && a == b.cast<period>(); }, py::is_operator())
      .def("__hash__", [](const period& p) { return py::hash(py::make_tuple(p.count, static_cast<int>(p.unit))); })
      .def("__str__", [](const period& p) { return to_string(p); })
      .def("__repr__", [](const period& p) {
        return "Period(" + std::to_string(p.count) + ", '" + std::string(to_string(p.unit)) + "')";
      });

  auto pol = py::class_<policy>(m, "Policy",
                                "Timescales and counting conventions. Policy.england(**overrides), wales(), scotland(); "
                                "every field is a keyword (docs/schedule.md).");
  pol.def(py::init([](const py::kwargs& kw) { return policy_with(policy::england(), kw); }))
      .def_static("england", [](const py::kwargs& kw) { return policy_with(policy::england(), kw); })
      .def_static("wales", [](const py::kwargs& kw) { return policy_with(policy::wales(), kw); })
      .def_static("scotland", [](const py::kwargs& kw) { return policy_with(policy::scotland(), kw); })
      .def_static("preset", [](py::handle name, const py::kwargs& kw) { return policy_with(policy::preset(text_arg(name, "name"), "name"), kw); },
                  "name"_a)
      .def("replace", [](const policy& p, const py::kwargs& kw) { return policy_with(p, kw); },
           "A copy with the given fields changed.")
      .def("to_json", [](const policy& p, py::handle indent_h) { const int indent = from_py<int>(indent_h, "indent"); return to_json(p, indent); }, "indent"_a = 2)
      .def_static("from_json", [](py::handle t) { return policy_from_json(text_arg(t, "text")); }, "text"_a)
      .def_static("field_names", [] {
        std::vector<std::string> names;
        detail::for_each_field<policy>([&](const auto& f) { names.emplace_back(f.name); });
        return names;
      })
      .def("__eq__", [](const policy& a, py::handle b) { return py::isinstance<policy>(b) && a == b.cast<const policy&>(); }, py::is_operator())
      .def(py::pickle([](const policy& p) { return py::make_tuple(to_json(p, -1)); },
                      [](const py::tuple& t) { return policy_from_json(t[0].cast<std::string>()); }))
      .def("__copy__", [](const policy& p) { return p; })
      .def("__deepcopy__", [](const policy& p, py::handle) { return p; }, "memo"_a)
      .def("__repr__", [](const policy& p) { return "Policy('" + p.name + "')"; });
  pol.attr("__hash__") = py::none();
  detail::for_each_field<policy>([&](const auto& f) {
    using M = typename std::decay_t<decltype(f)>::member_type;
    const auto member = f.member;
    pol.def_property_readonly(f.name.data(), [member](const policy& p) -> M { return p.*member; });
  });

  py::class_<due_item>(m, "DueItem", "One thing due on a case.")
      .def_readonly("kind", &due_item::kind)
      .def_readonly("due", &due_item::due)
      .def_readonly("status", &due_item::status)
      .def_property_readonly("from_events", [](const due_item& i) { return id_strings(i.from); })
      .def_readonly("explanation", &due_item::explanation)
      .def("__repr__", [](const due_item& i) {
        return "DueItem(" + std::string(to_string(i.kind)) + ", due=" + (i.due ? i.due->to_iso() : "None") + ", status=" +
               std::string(to_string(i.status)) + ")";
      });

  py::class_<interval_check>(m, "IntervalCheck", "One interval of the history against policy.")
      .def_readonly("kind", &interval_check::kind)
      .def_readonly("start", &interval_check::from)
      .def_readonly("end", &interval_check::to)
      .def_readonly("limit", &interval_check::limit)
      .def_readonly("length", &interval_check::length)
      .def_readonly("unit", &interval_check::unit)
      .def_readonly("kept", &interval_check::kept)
      .def_readonly("open", &interval_check::open)
      .def_property_readonly("events", [](const interval_check& g) { return id_strings(g.events); })
      .def_readonly("explanation", &interval_check::explanation)
      .def("__repr__", [](const interval_check& g) { return "IntervalCheck('" + g.explanation + "')"; });

  py::class_<case_schedule>(m, "CaseSchedule", "What is due on one case, and how its history kept to policy.")
      .def("_repr_html_", [](const case_schedule& s) { return to_html(s); })
      .def_property_readonly("case_id", [](const case_schedule& s) { return s.case_id.str(); })
      .def_readonly("kind", &case_schedule::kind)
      .def_readonly("as_of", &case_schedule::as_of)
      .def_readonly("next_review", &case_schedule::next_review)
      .def_readonly("midway_review", &case_schedule::midway_review)
      .def_readonly("next_visit", &case_schedule::next_visit)
      .def_readonly("next_core_group", &case_schedule::next_core_group)
      .def_property_readonly("items", &case_schedule::items)
      .def_readonly("history", &case_schedule::history)
      .def("to_json", [](const case_schedule& s, py::handle indent_h) { const int indent = from_py<int>(indent_h, "indent"); return to_json(s, indent); }, "indent"_a = 2)
      .def("__repr__", [](const case_schedule& s) { return "CaseSchedule('" + s.case_id.str() + "', as_of=" + s.as_of.to_iso() + ")"; });

  m.def("schedule",
        [](py::handle c, py::handle as_of, py::handle p, py::handle cal) {
          return schedule(ref_arg<child_case>(c, "case", "midway.Case"), date_arg(as_of, "as_of"), policy_arg(p), calendar_arg(cal));
        },
        "case"_a, py::kw_only(), "as_of"_a, "policy"_a = py::none(), "calendar"_a = py::none(),
        "What is due on `case` as of `as_of` (policy: england; calendar: england-and-wales by default).");

  py::class_<worklist_entry>(m, "WorklistEntry")
      .def_property_readonly("case_id", [](const worklist_entry& e) { return e.case_id.str(); })
      .def_property_readonly("child_id", [](const worklist_entry& e) { return e.child_id.str(); })
      .def_readonly("kind", &worklist_entry::kind)
      .def_readonly("item", &worklist_entry::item);
  py::class_<worklist_group>(m, "WorklistGroup")
      .def_readonly("role", &worklist_group::role)
      .def_property_readonly("person_id", [](const worklist_group& g) -> std::optional<std::string> {
        return g.person ? std::optional(g.person->str()) : std::nullopt;
      })
      .def_readonly("name", &worklist_group::name)
      .def_readonly("entries", &worklist_group::entries);
  py::class_<worklist_problem>(m, "WorklistProblem", "A case that could not be scheduled, with the error.")
      .def_property_readonly("case_id", [](const worklist_problem& p) { return p.case_id.str(); })
      .def_property_readonly("code", [](const worklist_problem& p) { return std::string(to_string(p.code)); })
      .def_readonly("field", &worklist_problem::field)
      .def_readonly("message", &worklist_problem::message);
  py::class_<worklist>(m, "Worklist", "Items overdue, due soon or upcoming, by person; and cases that could not be scheduled.")
      .def_readonly("as_of", &worklist::as_of)
      .def_readonly("groups", &worklist::groups)
      .def_readonly("problems", &worklist::problems)
      .def("to_table", [](const worklist& w) { return to_table(w); })
      .def("to_csv", [](const worklist& w) { return to_csv(w); })
      .def("to_json", [](const worklist& w, py::handle indent_h) { const int indent = from_py<int>(indent_h, "indent"); return to_json(w, indent); }, "indent"_a = 2);
  m.def("worklist",
        [](py::handle cl, py::handle as_of, py::handle p, py::handle cal, py::handle horizon) {
          return make_worklist(ref_arg<caseload>(cl, "caseload", "midway.Caseload"), date_arg(as_of, "as_of"), policy_arg(p), calendar_arg(cal),
                               worklist_options{.horizon_days = from_py<std::int32_t>(horizon, "horizon_days")});
        },
        "caseload"_a, py::kw_only(), "as_of"_a, "policy"_a = py::none(), "calendar"_a = py::none(), "horizon_days"_a = 28);
  m.def("report",
        [](py::handle cl, py::handle as_of, py::handle p, py::handle cal, py::handle horizon) {
          return html_report(ref_arg<caseload>(cl, "caseload", "midway.Caseload"), date_arg(as_of, "as_of"), policy_arg(p), calendar_arg(cal),
                             report_options{.horizon_days = from_py<std::int32_t>(horizon, "horizon_days"), .timeline_months = 12});
        },
        "caseload"_a, py::kw_only(), "as_of"_a, "policy"_a = py::none(), "calendar"_a = py::none(), "horizon_days"_a = 28,
        "The caseload report: one self-contained HTML page (docs/report.md).");
}

}  // namespace midway::python
