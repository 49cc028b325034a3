// Drift and delay (drift.hpp) and the CPA midway monitoring checklist (checklist.hpp).
#include "convert.hpp"

#include "enums.hpp"

namespace py = pybind11;
using namespace py::literals;

namespace midway::python {

namespace {

py::list ids(const std::vector<event_id>& v) {
  py::list out;
  for (const auto& id : v) out.append(id.str());
  return out;
}

}  // namespace

void register_drift(py::module_& m) {
  bind_enum<answer>(m);
  bind_enum<severity>(m);

  // ---- drift ----
  py::class_<drift_rule>(m, "DriftRule", "A drift rule: id, severity, title (docs/drift.md).")
      .def_property_readonly("id", [](const drift_rule& r) { return std::string(r.id); })
      .def_readonly("severity", &drift_rule::severity)
      .def_property_readonly("title", [](const drift_rule& r) { return std::string(r.title); })
      .def("__repr__", [](const drift_rule& r) { return "DriftRule('" + std::string(r.id) + "')"; });
  m.def("drift_rules", [] { return std::vector<drift_rule>(drift_rules().begin(), drift_rules().end()); },
        "Every drift rule, in order.");
  py::class_<finding>(m, "Finding", "A drift finding: stable id, rule, severity, first-raised date, events, explanation.")
      .def_readonly("id", &finding::id)
      .def_readonly("rule", &finding::rule)
      .def_readonly("severity", &finding::severity)
      .def_property_readonly("case_id", [](const finding& f) { return f.case_id.str(); })
      .def_readonly("first_raised", &finding::first_raised)
      .def_property_readonly("events", [](const finding& f) { return ids(f.events); })
      .def_readonly("explanation", &finding::explanation)
      .def("__eq__", [](const finding& a, py::handle b) { return py::isinstance<finding>(b) && a == b.cast<const finding&>(); }, py::is_operator())
      .def("__repr__", [](const finding& f) { return "Finding('" + f.id + "', first_raised=" + f.first_raised.to_iso() + ")"; });
  m.attr("Finding").attr("__hash__") = py::none();
  m.def("drift",
        [](py::handle c, py::handle as_of, py::handle p, py::handle cal) {
          return drift(ref_arg<child_case>(c, "case", "midway.Case"), date_arg(as_of, "as_of"), policy_arg(p), calendar_arg(cal));
        },
        "case"_a, py::kw_only(), "as_of"_a, "policy"_a = py::none(), "calendar"_a = py::none(),
        "The drift and delay findings of `case` as of `as_of`.");
  py::class_<tm_escalation>(m, "TmEscalation", "An escalation to the team manager recorded on a case: when, by whom, to whom, why.")
      .def_property_readonly("event", [](const tm_escalation& e) { return e.event.str(); })
      .def_readonly("on", &tm_escalation::on)
      .def_readonly("raised_by", &tm_escalation::raised_by)
      .def_readonly("team_manager", &tm_escalation::team_manager)
      .def_readonly("reason", &tm_escalation::reason);
  py::class_<escalation_case>(m, "EscalationCase", "One case's findings on a team manager's list, and its escalations.")
      .def_property_readonly("case_id", [](const escalation_case& e) { return e.case_id.str(); })
      .def_readonly("social_worker", &escalation_case::social_worker)
      .def_readonly("findings", &escalation_case::findings)
      .def_readonly("escalated", &escalation_case::escalated);
  py::class_<escalation_list>(m, "EscalationList", "A team manager's escalation list.")
      .def_readonly("team_manager", &escalation_list::team_manager)
      .def_readonly("cases", &escalation_list::cases);
  py::class_<drift_count>(m, "DriftCount", "Cases and findings for a rule, team manager or worker.")
      .def_readonly("key", &drift_count::key)
      .def_readonly("cases", &drift_count::cases)
      .def_readonly("findings", &drift_count::findings)
      .def("__repr__", [](const drift_count& c) {
        return "DriftCount('" + c.key + "', cases=" + std::to_string(c.cases) + ", findings=" + std::to_string(c.findings) + ")";
      });
  py::class_<drift_report>(m, "DriftReport", "The caseload drift report (docs/drift.md).")
      .def_readonly("as_of", &drift_report::as_of)
      .def_readonly("escalations", &drift_report::escalations)
      .def_readonly("by_rule", &drift_report::by_rule)
      .def_readonly("by_team_manager", &drift_report::by_team_manager)
      .def_readonly("by_worker", &drift_report::by_worker)
      .def_readonly("cases", &drift_report::cases)
      .def_readonly("cases_with_findings", &drift_report::cases_with_findings)
      .def("to_table", [](const drift_report& r) { return to_table(r); })
      .def("to_json", [](const drift_report& r, py::handle indent_h) { const int indent = from_py<int>(indent_h, "indent"); return to_json(r, indent); }, "indent"_a = 2)
      .def("to_csv", [](const drift_report& r) { return to_csv(r); })
      .def("__repr__", [](const drift_report& r) {
        return "DriftReport(as_of=" + r.as_of.to_iso() + ", cases_with_findings=" + std::to_string(r.cases_with_findings) + ")";
      });
  m.def("drift_report",
        [](py::handle cl, py::handle as_of, py::handle p, py::handle cal) {
          return drift_report_for(ref_arg<caseload>(cl, "caseload", "midway.Caseload"), date_arg(as_of, "as_of"), policy_arg(p),
                                  calendar_arg(cal));
        },
        "caseload"_a, py::kw_only(), "as_of"_a, "policy"_a = py::none(), "calendar"_a = py::none(),
        "Escalation lists by team manager and counts by rule, team manager and worker.");

  // ---- the CPA checklist ----
  py::class_<checklist_question>(m, "ChecklistQuestion", "An item of seed 002: number, title, wording.")
      .def_readonly("number", &checklist_question::number)
      .def_property_readonly("title", [](const checklist_question& q) { return std::string(q.title); })
      .def_property_readonly("wording", [](const checklist_question& q) { return std::string(q.wording); });
  m.def("cpa_checklist_questions",
        [] { return std::vector<checklist_question>(cpa_checklist_questions().begin(), cpa_checklist_questions().end()); },
        "The ten items of seed 002, in order.");
  bind_record<evidence>(m, "Evidence", "What a proposal rests on: a line of text and the events behind it.");
  bind_record<proposal>(m, "Proposal", "The library's proposed answer for an item, with its evidence (answer None: no evidence).");
  bind_record<checklist_item>(m, "ChecklistItem", "An item 1-9: the proposal, the CPA's answer, comment and action needed.");
  bind_record<checklist_content>(m, "ChecklistContent", "Items 1-9 and item 10's summary.");
  bind_record<checklist_amendment>(m, "ChecklistAmendment", "An earlier version of a checklist: who changed it, when and why.");
  bind_record<tm_contact>(m, "TmContact", "The CPA's contact with the team manager: who (person id) and when.");
  bind_record<cpa_checklist>(m, "CpaChecklist", "A CPA midway monitoring checklist.").def("version", &cpa_checklist::version);
  m.def("cpa_checklist_due",
        [](py::handle c, py::handle p, py::handle cal) {
          return cpa_checklist_due(ref_arg<child_case>(c, "case", "midway.Case"), policy_arg(p), calendar_arg(cal));
        },
        "case"_a, py::kw_only(), "policy"_a = py::none(), "calendar"_a = py::none(),
        "When the checklist is due (12 weeks after the first RCPC by default), or None.");
  m.def("propose_cpa_checklist",
        [](py::handle c, py::handle id, py::handle on, py::handle p, py::handle cal) {
          const child_case& k = ref_arg<child_case>(c, "case", "midway.Case");
          return propose_cpa_checklist(k, record_id(from_py<std::string>(id, "id"), "id"), date_arg(on, "on"), policy_arg(p),
                                       calendar_arg(cal));
        },
        "case"_a, "id"_a, py::kw_only(), "on"_a, "policy"_a = py::none(), "calendar"_a = py::none(),
        "The checklist with proposals for items 1-9 drawn from the history; answers left to the CPA.");
  m.def("record_cpa_checklist", [](py::handle c_h, py::handle k) { child_case& c = mut_arg<child_case>(c_h, "case", "midway.Case"); return record_cpa_checklist(c, from_py<cpa_checklist>(k, "checklist")); },
        "case"_a, "checklist"_a, "Checks the recording rules and adds the checklist to the case.");
  m.def("amend_cpa_checklist",
        [](py::handle c_h, py::handle id, py::handle content, py::handle changed_by, py::handle changed_on, py::handle reason) { child_case& c = mut_arg<child_case>(c_h, "case", "midway.Case");
          amend_cpa_checklist(c, record_id(from_py<std::string>(id, "id"), "id"), from_py<checklist_content>(content, "content"),
                              from_py<std::string>(changed_by, "changed_by"), from_py<date>(changed_on, "changed_on"),
                              from_py<std::string>(reason, "reason"));
        },
        "case"_a, "id"_a, "content"_a, "changed_by"_a, "changed_on"_a, "reason"_a,
        "Replaces a recorded checklist's content, keeping the earlier version.");
  m.def("cpa_monitoring_note",
        [](py::handle c_h, py::handle id) { const child_case& c = ref_arg<child_case>(c_h, "case", "midway.Case"); return cpa_monitoring_note(c, record_id(from_py<std::string>(id, "id"), "id")); },
        "case"_a, "id"_a, "The CPA Midway Monitoring case note of a recorded checklist.");
}

}  // namespace midway::python
