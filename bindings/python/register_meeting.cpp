// Midway review meetings, Signs of Safety records and notes (meeting.hpp, signs_of_safety.hpp,
// note.hpp). Records are values: a property returns a copy, so change a nested list by
// assigning the whole field (content.outcome = ...), then pass the record back.
#include "convert.hpp"

#include "enums.hpp"

namespace py = pybind11;
using namespace py::literals;

namespace midway::python {

void register_meeting(py::module_& m) {

  bind_enum<sos_context>(m);
  bind_enum<sos_heading>(m);
  bind_enum<meeting_status>(m);
  bind_enum<attendance>(m);
  bind_enum<change_area>(m);
  bind_enum<progress>(m);
  bind_enum<trend_direction>(m);
  bind_enum<note_format>(m);

  bind_record<action>(m, "Action", "An action: owner, due date, status; `recommendation` names the plan item it changes.");
  bind_record<danger_statement>(m, "DangerStatement", "Who is worried, about what, and what happens if nothing changes.");
  bind_record<safety_goal>(m, "SafetyGoal", "A safety goal, linked to a danger statement by its id.");
  bind_record<scale_score>(m, "ScaleScore", "One person's 0-10 answer to the scaling question, with a rationale.");
  bind_record<scale_anchors>(m, "ScaleAnchors", "What 0 and 10 mean on the record's scale, and which end is safe.");
  bind_record<child_voice>(m, "ChildVoice", "The child's voice: Three Houses or another named tool, in the child's words.");
  bind_record<network_member>(m, "NetworkMember", "A member of the safety network.");
  bind_record<safety_rule>(m, "SafetyRule", "A rule of the safety plan and who monitors it.");
  bind_record<safety_plan>(m, "SafetyPlan", "The safety plan: rules and red flags.");
  bind_record<heading_not_recorded>(m, "HeadingNotRecorded", "A Signs of Safety heading with nothing recorded, and why.");
  bind_record<signs_of_safety>(m, "SignsOfSafety", "A Signs of Safety record (conference, core group or midway review).");
  bind_record<participant>(m, "Participant", "Who took part in a meeting, by role, and whether they attended.");
  bind_record<key_change>(m, "KeyChange", "LAC agenda: a key change since the review.");
  bind_record<recommendation_progress>(m, "RecommendationProgress", "LAC agenda: what has been done on a recommendation.");
  bind_record<implementation_issue>(m, "ImplementationIssue", "LAC agenda: an issue around implementation and its action.");
  bind_record<lac_agenda>(m, "LacAgenda", "The LAC midway review agenda (seed 000).");
  bind_record<escalation>(m, "Escalation", "An escalation to the team manager.");
  bind_record<meeting_outcome>(m, "MeetingOutcome", "Decisions, actions, escalation and next dates of a meeting.");
  bind_record<core_group_meeting>(m, "CoreGroupMeeting", "A core group since the conference: its date against policy and its agencies.");
  bind_record<core_group_action>(m, "CoreGroupAction", "An action a core group set (a plan recommendation) and whether it is done.");
  bind_record<core_group_review>(m, "CoreGroupReview", "The core-group section of a CP midway review, with the Chair's view.");
  bind_record<midway_review_content>(m, "MidwayReviewContent", "What was said and decided at a held midway review.");
  bind_record<reschedule>(m, "Reschedule", "A meeting moved from one date to another, and why.");
  bind_record<amendment>(m, "Amendment", "An earlier version of a held record: who changed it, when and why.");
  bind_record<midway_review_record>(m, "MidwayReviewRecord",
                                    "A midway review meeting on a case (read-only: change it through the functions).", true)
      .def("scheduled_for", &midway_review_record::scheduled_for, "The date it is (or was) set for.")
      .def("version", &midway_review_record::version, "1 + the number of amendments.");

  py::class_<score_trend>(m, "ScoreTrend", "One person's score against the previous record.")
      .def_readonly("who", &score_trend::who)
      .def_readonly("previous", &score_trend::previous)
      .def_readonly("current", &score_trend::current)
      .def_readonly("change", &score_trend::change)
      .def_readonly("direction", &score_trend::direction)
      .def("__repr__", [](const score_trend& t) {
        return "ScoreTrend('" + t.who + "', " + std::to_string(t.current) + ", " + std::string(to_string(t.direction)) + ")";
      });
  py::class_<sos_trend>(m, "SosTrend", "The scale of worries of a record against the case's previous record.")
      .def_readonly("previous_date", &sos_trend::previous_date)
      .def_readonly("by_person", &sos_trend::by_person)
      .def_readonly("previous_mean", &sos_trend::previous_mean)
      .def_readonly("current_mean", &sos_trend::current_mean)
      .def_readonly("overall", &sos_trend::overall)
      .def("__repr__", [](const sos_trend& t) { return "SosTrend(overall=" + std::string(to_string(t.overall)) + ")"; });

  py::class_<note>(m, "Note", "A case note; str() gives the plain text.")
      .def_readonly("type", &note::type)
      .def_readonly("title", &note::title)
      .def("render", [](const note& n, py::handle f) { return n.render(from_py<note_format>(f, "format")); }, "format"_a)
      .def("text", &note::text)
      .def("markdown", &note::markdown)
      .def("html", &note::html)
      .def("json", &note::json)
      .def("__str__", &note::text)
      .def("__eq__", [](const note& a, py::handle b) { return py::isinstance<note>(b) && a == b.cast<const note&>(); }, py::is_operator())
      .def("__repr__", [](const note& n) { return "Note('" + n.type + "', '" + n.title + "')"; });
  m.attr("Note").attr("__hash__") = py::none();
  m.def("html_escape", [](py::handle t) { return html_escape(text_arg(t, "text")); }, "text"_a, "The text with & < > \" ' escaped for HTML.");

  auto rid = [](py::handle v, std::string_view field) { return record_id(from_py<std::string>(v, field), field); };
  auto opt_role = [](py::handle v, std::string_view field) { return from_py<std::optional<role>>(v, field); };

  m.def("validate_signs_of_safety", [](py::handle s, py::handle path, py::handle owner) {
        validate(from_py<signs_of_safety>(s, "record"), from_py<std::string>(path, "path"), from_py<std::string>(owner, "owner_id"));
      }, "record"_a, "path"_a = "signs_of_safety", "owner_id"_a = "",
      "Checks scores (0-10), danger statement ids and goal links; raises a midway.Error naming path.");
  m.def("signs_of_safety_history", [](py::handle c_h) { const child_case& c = ref_arg<child_case>(c_h, "case", "midway.Case");
        py::list out;
        for (const auto* s : signs_of_safety_history(c)) out.append(py::cast(*s));
        return out;
      }, "case"_a, "The case's Signs of Safety records in date order (standalone and held midway reviews).");
  m.def("compare_scaling", [](py::handle previous_h, py::handle current) {
        const auto previous = from_py<std::optional<signs_of_safety>>(previous_h, "previous");
        return compare_scaling(previous ? &*previous : nullptr, from_py<signs_of_safety>(current, "current"));
      }, "previous"_a, "current"_a, "The scale of worries of `current` against `previous` (None: no previous).");
  m.def("scaling_trend", [](py::handle c, py::handle current) {
        return scaling_trend(ref_arg<child_case>(c, "case", "midway.Case"), from_py<signs_of_safety>(current, "current"));
      }, "case"_a, "current"_a,
        "The scale of worries of `current` against the case's latest record before it.");
  m.def("add_signs_of_safety", [](py::handle c_h, py::handle s) { child_case& c = mut_arg<child_case>(c_h, "case", "midway.Case"); add_signs_of_safety(c, from_py<signs_of_safety>(s, "record")); },
        "case"_a, "record"_a, "Adds a record made at a conference or core group to a CP case.");

  m.def("find_midway_review", [rid](py::handle c_h, py::handle id) -> std::optional<midway_review_record> { const child_case& c = ref_arg<child_case>(c_h, "case", "midway.Case");
        const auto* r = find_midway_review(c, rid(id, "id"));
        return r ? std::optional(*r) : std::nullopt;
      }, "case"_a, "id"_a, "The record with this id, or None.");
  m.def("arrange_midway_review", [rid](py::handle c_h, py::handle id, py::handle at, py::handle on) { child_case& c = mut_arg<child_case>(c_h, "case", "midway.Case");
        return arrange_midway_review(c, rid(id, "id"), event_id(from_py<std::string>(at, "at"), "at"),
                                     from_py<std::optional<date>>(on, "on"));
      }, "case"_a, "id"_a, "at"_a, "on"_a = py::none(),
      "Arranges a midway review at review event `at` for `on` (default: the midway date on its Chair's Report).");
  m.def("reschedule_midway_review", [rid, opt_role](py::handle c_h, py::handle id, py::handle to, py::handle reason,
                                                    py::handle decided_by, py::handle decided_on) { child_case& c = mut_arg<child_case>(c_h, "case", "midway.Case");
        reschedule_midway_review(c, rid(id, "id"), from_py<date>(to, "to"), from_py<std::string>(reason, "reason"),
                                 opt_role(decided_by, "decided_by"), from_py<std::optional<date>>(decided_on, "decided_on"));
      }, "case"_a, "id"_a, "to"_a, "reason"_a, py::kw_only(), "decided_by"_a = py::none(), "decided_on"_a = py::none(),
      "Moves a scheduled meeting, keeping the old date.");
  m.def("cancel_midway_review", [rid, opt_role](py::handle c_h, py::handle id, py::handle reason, py::handle on, py::handle decided_by) { child_case& c = mut_arg<child_case>(c_h, "case", "midway.Case");
        cancel_midway_review(c, rid(id, "id"), from_py<std::string>(reason, "reason"), from_py<date>(on, "on"),
                             opt_role(decided_by, "decided_by"));
      }, "case"_a, "id"_a, "reason"_a, "on"_a, py::kw_only(), "decided_by"_a = py::none(), "Cancels a scheduled meeting.");
  m.def("implementation_issues", [rid](py::handle c_h, py::handle id, py::handle on) { const child_case& c = ref_arg<child_case>(c_h, "case", "midway.Case");
        return implementation_issues(c, get_midway_review(c, rid(id, "id")), from_py<date>(on, "on"));
      }, "case"_a, "id"_a, "on"_a, "What would stop a 'not required' decision, as plain-English lines.");
  m.def("midway_review_not_required", [rid](py::handle c_h, py::handle id, py::handle decided_by, py::handle reason, py::handle on) { child_case& c = mut_arg<child_case>(c_h, "case", "midway.Case");
        midway_review_not_required(c, rid(id, "id"), from_py<role>(decided_by, "decided_by"), from_py<std::string>(reason, "reason"),
                                   from_py<date>(on, "on"));
      }, "case"_a, "id"_a, "decided_by"_a, "reason"_a, "on"_a, "Records that the meeting is not required (IRO/Chair only).");
  m.def("prefill_midway_review", [rid](py::handle c_h, py::handle id, py::handle on, py::handle p,
                                       py::handle cal) { const child_case& c = ref_arg<child_case>(c_h, "case", "midway.Case");
        return prefill_midway_review(c, rid(id, "id"), from_py<date>(on, "on"), policy_arg(p), calendar_arg(cal));
      }, "case"_a, "id"_a, "on"_a, py::kw_only(), "policy"_a = py::none(), "calendar"_a = py::none(),
      "A starting point for holding the meeting: participants and agenda pre-filled; for CP, the core-group section.");
  m.def("core_groups_since", [](py::handle c_h, py::handle on, py::handle p, py::handle cal) { const child_case& c = ref_arg<child_case>(c_h, "case", "midway.Case");
        return core_groups_since(c, from_py<date>(on, "on"), policy_arg(p), calendar_arg(cal));
      }, "case"_a, py::kw_only(), "on"_a, "policy"_a = py::none(), "calendar"_a = py::none(),
      "CP: the core groups since the latest conference against policy, their agencies and the actions they set.");
  m.def("chairs_report_midway", [](py::handle c_h, py::handle review) { const child_case& c = ref_arg<child_case>(c_h, "case", "midway.Case");
        return chairs_report_midway(c, event_id(from_py<std::string>(review, "review"), "review"));
      }, "case"_a, "review"_a,
      "The midway section of the Chair's Report of a review: the date set, or not required (who, when, why), or not set.");
  m.def("hold_midway_review", [rid](py::handle c_h, py::handle id, py::handle on, py::handle content) { child_case& c = mut_arg<child_case>(c_h, "case", "midway.Case");
        hold_midway_review(c, rid(id, "id"), from_py<date>(on, "on"), from_py<midway_review_content>(content, "content"));
      }, "case"_a, "id"_a, "on"_a, "content"_a, "Holds the meeting: records the event, applies the outcome.");
  m.def("amend_midway_review", [rid](py::handle c_h, py::handle id, py::handle content, py::handle changed_by,
                                     py::handle changed_on, py::handle reason) { child_case& c = mut_arg<child_case>(c_h, "case", "midway.Case");
        amend_midway_review(c, rid(id, "id"), from_py<midway_review_content>(content, "content"),
                            from_py<std::string>(changed_by, "changed_by"), from_py<date>(changed_on, "changed_on"),
                            from_py<std::string>(reason, "reason"));
      }, "case"_a, "id"_a, "content"_a, "changed_by"_a, "changed_on"_a, "reason"_a,
      "Replaces a held record's content, keeping the earlier version.");
  m.def("iro_contact_form", [rid](py::handle c_h, py::handle id) { const child_case& c = ref_arg<child_case>(c_h, "case", "midway.Case"); return iro_contact_form(c, rid(id, "id")); },
        "case"_a, "id"_a, "The IRO contact form entry for the meeting.");
  m.def("midway_review_note", [rid](py::handle c_h, py::handle id) { const child_case& c = ref_arg<child_case>(c_h, "case", "midway.Case"); return midway_review_note(c, rid(id, "id")); },
        "case"_a, "id"_a, "The Midway Review case note for the meeting.");
}

}  // namespace midway::python
