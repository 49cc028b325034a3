// The IRO contact form entry and the Midway Review case note (meeting.hpp).
#include <midway/case.hpp>
#include <midway/meeting.hpp>

#include <cstdio>

namespace midway {

namespace {

constexpr std::string_view none = "None recorded.";

std::string date_or(const std::optional<date>& d, std::string_view otherwise = "not set") {
  return d ? d->to_iso() : std::string(otherwise);
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? std::string(sep) : "") + items[i];
  return out;
}

std::string words(std::string_view snake) {
  std::string out(snake);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

std::string who(const participant& p) {
  return std::string(display_name(p.role)) + (p.person.empty() ? "" : " (" + p.person + ")");
}

std::string review_title(const child_case& c, const midway_review_record& r) {
  for (const auto& e : c.history()) {
    if (e.id != r.arranged_at) continue;
    std::string t = std::holds_alternative<lac_review>(e.data)            ? "LAC review"
                    : std::holds_alternative<initial_conference>(e.data)  ? "ICPC"
                    : std::holds_alternative<review_conference>(e.data)   ? "RCPC"
                                                                           : "transfer-in conference";
    return t + " of " + e.date().to_iso();
  }
  return r.arranged_at.str();
}

// "2027-01-12 (held)", "2027-01-12 (scheduled)", ...
std::string when_line(const midway_review_record& r) {
  switch (r.status) {
    case meeting_status::held: return r.held_on->to_iso();
    case meeting_status::not_required:
    case meeting_status::cancelled: return date_or(r.decided_on, r.scheduled_for().to_iso());
    case meeting_status::scheduled:
    case meeting_status::rescheduled: return r.scheduled_for().to_iso();
  }
  return r.scheduled_for().to_iso();
}

std::string status_line(const midway_review_record& r) {
  switch (r.status) {
    case meeting_status::held: return "Held";
    case meeting_status::scheduled: return "Scheduled for " + r.scheduled_for().to_iso();
    case meeting_status::rescheduled:
      return "Rescheduled to " + r.scheduled_for().to_iso() + " (from " + r.reschedules.back().from_date.to_iso() + ": " +
             r.reschedules.back().reason + ")";
    case meeting_status::not_required:
      return "Not required: decided by the " + (r.decided_by ? std::string(display_name(*r.decided_by)) : std::string("?")) +
             " (" + r.reason + ")";
    case meeting_status::cancelled: return "Cancelled (" + r.reason + ")";
  }
  return "?";
}

std::string escalation_line(const midway_review_record& r) {
  if (r.status != meeting_status::held || !r.content.outcome.escalation) return "None";
  const auto& e = *r.content.outcome.escalation;
  return "Escalated to the team manager on " + e.on.value_or(*r.held_on).to_iso() + ": " + e.reason;
}

std::string next_line(const meeting_outcome& o) {
  std::vector<std::string> parts;
  if (o.next_midway) parts.push_back("midway review " + o.next_midway->to_iso());
  if (o.next_review) parts.push_back("review " + o.next_review->to_iso());
  return parts.empty() ? "not set" : join(parts, "; ");
}

note_fields header(const child_case& c, const midway_review_record& r) {
  return note_fields{{{"Case", c.id().str()},
                      {"Child", c.child().str()},
                      {"Case type", c.kind() == case_kind::lac ? "Looked after child (LAC)" : "Child protection (CP)"},
                      {"Date", when_line(r)},
                      {"Status", status_line(r)},
                      {"Arranged at", review_title(c, r) + " (Chair's Report: " + r.arranged_for.to_iso() + ")"}}};
}

note_section section(std::string heading, std::vector<note_block> blocks, int level = 2) {
  if (blocks.empty()) blocks.emplace_back(std::string(none));
  return note_section{.heading = std::move(heading), .blocks = std::move(blocks), .level = level};
}

std::vector<note_block> bullets(const std::vector<std::string>& items) {
  if (items.empty()) return {};
  return {note_bullets{items}};
}

note_table actions_table(const std::vector<action>& actions) {
  note_table t{.header = {"Action", "Owner", "Due", "Status"}, .rows = {}};
  for (const auto& a : actions) {
    std::string text = a.text.empty() ? "(recommendation " + a.recommendation + ")" : a.text;
    if (!a.text.empty() && !a.recommendation.empty()) text += " (recommendation " + a.recommendation + ")";
    t.rows.push_back({text, std::string(display_name(a.owner)), date_or(a.due),
                      std::string(to_string(a.status)) + (a.done_on ? " " + a.done_on->to_iso() : "")});
  }
  return t;
}

std::vector<note_block> table_or_none(note_table t) {
  if (t.rows.empty()) return {};
  return {std::move(t)};
}

std::string score_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

void lac_sections(note& n, const lac_agenda& a) {
  std::vector<std::string> changes;
  for (const auto& k : a.key_changes) changes.push_back((k.area ? "[" + std::string(to_string(*k.area)) + "] " : "") + k.text);
  n.sections.push_back(section("Key changes since the review", bullets(changes)));
  note_table recs{.header = {"Recommendation", "What has been done", "Progress", "Note"}, .rows = {}};
  for (const auto& p : a.recommendations) {
    recs.rows.push_back({p.recommendation + (p.text.empty() ? "" : ": " + p.text), p.done_so_far, words(to_string(p.progress)), p.note});
  }
  n.sections.push_back(section("What has been done to implement the review's recommendations", table_or_none(std::move(recs))));
  note_table issues{.header = {"Issue or difficulty", "Action", "Owner", "Due"}, .rows = {}};
  for (const auto& i : a.issues) {
    issues.rows.push_back({i.issue, i.action.text, std::string(display_name(i.action.owner)), date_or(i.action.due)});
  }
  n.sections.push_back(section("Issues or difficulties around implementation", table_or_none(std::move(issues))));
}

// "Nothing recorded: <reason>" under a heading marked not recorded.
std::vector<note_block> not_recorded(const signs_of_safety& s, sos_heading h) {
  for (const auto& x : s.not_recorded) {
    if (x.heading == h) return {std::string("Nothing recorded: " + x.reason)};
  }
  return {};
}

void sos_sections(note& n, const child_case& c, const signs_of_safety& s) {
  std::vector<std::string> dangers;
  for (const auto& d : s.danger_statements) {
    dangers.push_back(d.id + ": " + d.who_is_worried + " worried about " + d.about_what + ". If nothing changes: " +
                      d.if_nothing_changes);
  }
  n.sections.push_back(note_section{.heading = "What are we worried about?", .blocks = not_recorded(s, sos_heading::worried), .level = 2});
  n.sections.push_back(section("Harm", bullets(s.harm), 3));
  n.sections.push_back(section("Danger statements", bullets(dangers), 3));
  n.sections.push_back(section("Complicating factors", bullets(s.complicating_factors), 3));
  n.sections.push_back(note_section{.heading = "What's working well?", .blocks = not_recorded(s, sos_heading::working_well), .level = 2});
  n.sections.push_back(section("Existing strengths", bullets(s.existing_strengths), 3));
  n.sections.push_back(section("Existing safety", bullets(s.existing_safety), 3));
  n.sections.push_back(note_section{.heading = "What needs to happen?", .blocks = not_recorded(s, sos_heading::needs_to_happen), .level = 2});
  std::vector<std::string> goals;
  for (const auto& g : s.safety_goals) goals.push_back("(" + g.danger_statement + ") " + g.goal);
  n.sections.push_back(section("Safety goals", bullets(goals), 3));
  n.sections.push_back(section("Next steps", table_or_none(actions_table(s.next_steps)), 3));

  const sos_trend t = scaling_trend(c, s);
  std::vector<note_block> scale{"Scale: 0 = " + s.anchors.zero + "; 10 = " + s.anchors.ten + "."};
  note_table scores{.header = {"Who", "Score", "Previous", "Trend", "Rationale"}, .rows = {}};
  for (std::size_t i = 0; i < s.scaling.size(); ++i) {
    const auto& sc = s.scaling[i];
    const auto& st = t.by_person[i];
    const bool named_by_role = sc.role && sc.who == display_name(*sc.role);
    scores.rows.push_back({sc.who + (sc.role && !named_by_role ? " (" + std::string(display_name(*sc.role)) + ")" : ""), std::to_string(sc.score),
                           st.previous ? std::to_string(*st.previous) : "-", words(to_string(st.direction)), sc.rationale});
  }
  if (!scores.rows.empty()) scale.emplace_back(std::move(scores));
  if (t.current_mean) {
    std::string overall = "Overall: " + score_text(*t.current_mean);
    if (t.previous_mean && t.previous_date) {
      overall += " against " + score_text(*t.previous_mean) + " at the record of " + t.previous_date->to_iso() + ": " +
                 words(to_string(t.overall));
    } else {
      overall += " (no earlier Signs of Safety record on the case)";
    }
    scale.emplace_back(overall + ".");
  } else {
    scale.emplace_back(std::string("No scores recorded."));
  }
  for (auto& b : not_recorded(s, sos_heading::scale)) scale.push_back(std::move(b));
  n.sections.push_back(section("What is the scale of worries?", std::move(scale)));

  std::vector<note_block> voice;
  if (s.child_voice) {
    const auto& v = *s.child_voice;
    voice.emplace_back(note_fields{{{"Tool", v.tool},
                                    {"Seen alone", v.seen_alone ? (*v.seen_alone ? "yes" : "no") : "not recorded"}}});
    auto part = [&](std::string label, const std::vector<std::string>& items) {
      if (items.empty()) return;
      voice.emplace_back(label + ":");
      voice.emplace_back(note_bullets{items});
    };
    part("Worries", v.worries);
    part("Good things", v.good_things);
    part("Hopes and dreams", v.hopes_and_dreams);
    part("In the child's words", v.other);
  }
  n.sections.push_back(section("The child's voice", std::move(voice)));
  n.sections.push_back(section("Parents' views", bullets(s.parents_views)));
  std::vector<std::string> network;
  for (const auto& m : s.safety_network) network.push_back(m.who + (m.relationship.empty() ? "" : " (" + m.relationship + ")"));
  n.sections.push_back(section("Safety network", bullets(network)));
  std::vector<note_block> plan;
  if (s.safety_plan) {
    note_table rules{.header = {"Rule", "Monitored by"}, .rows = {}};
    for (const auto& r : s.safety_plan->rules) rules.rows.push_back({r.rule, r.monitored_by});
    if (!rules.rows.empty()) plan.emplace_back(std::move(rules));
    if (!s.safety_plan->red_flags.empty()) {
      plan.emplace_back(std::string("Red flags:"));
      plan.emplace_back(note_bullets{s.safety_plan->red_flags});
    }
  }
  n.sections.push_back(section("Safety plan", std::move(plan)));
}

// The core-group section of a CP midway review (seed 000: "the functioning of the core group").
void core_group_sections(note& n, const core_group_review& g) {
  note_table meetings{.header = {"Core group", "Due by", "Within policy", "Agencies"}, .rows = {}};
  for (const auto& m : g.meetings) {
    meetings.rows.push_back({m.date.to_iso() + (m.event.empty() ? "" : " (" + m.event + ")"), date_or(m.due_by), m.within_policy ? "yes" : "no",
                             m.agencies.empty() ? std::string(none) : join(m.agencies, ", ")});
  }
  n.sections.push_back(note_section{.heading = "The core group", .blocks = {}, .level = 2});
  n.sections.push_back(section("Core groups since the conference", table_or_none(std::move(meetings)), 3));
  note_table actions{.header = {"Action", "Set on", "Due", "Status"}, .rows = {}};
  for (const auto& a : g.actions) {
    actions.rows.push_back({a.recommendation + (a.text.empty() ? "" : ": " + a.text), a.set_on.to_iso(), date_or(a.due),
                            words(to_string(a.status)) + (a.done_on ? " " + a.done_on->to_iso() : "")});
  }
  n.sections.push_back(section("Actions set by the core group", table_or_none(std::move(actions)), 3));
  n.sections.push_back(section("The Chair's view", g.chair_view.empty() ? std::vector<note_block>{} : std::vector<note_block>{g.chair_view}, 3));
}

// "3 core groups since the conference, 1 outside policy; 2 of 3 actions done; Chair: ..."
std::string core_group_line(const core_group_review& g) {
  std::size_t late = 0, done = 0;
  for (const auto& m : g.meetings) late += m.within_policy ? 0 : 1;
  for (const auto& a : g.actions) done += a.status == recommendation_status::done ? 1 : 0;
  return std::to_string(g.meetings.size()) + (g.meetings.size() == 1 ? " core group" : " core groups") + " since the conference, " +
         std::to_string(late) + " outside policy; " + std::to_string(done) + " of " + std::to_string(g.actions.size()) +
         " actions done" + (g.chair_view.empty() ? "" : "; Chair's view: " + g.chair_view);
}

}  // namespace

note iro_contact_form(const child_case& c, const record_id& id) {
  const midway_review_record& r = get_midway_review(c, id);
  note n{.type = "IRO contact form", .title = "IRO contact form: midway review, " + c.id().str() + ", " + when_line(r),
         .summary = header(c, r), .sections = {}};
  if (r.status == meeting_status::held) {
    std::vector<std::string> people;
    for (const auto& p : r.content.participants) {
      people.push_back(who(p) + (p.attendance == attendance::attended ? "" : ": " + words(to_string(p.attendance))));
    }
    n.summary.items.emplace_back("Participants", join(people, "; "));
    n.summary.items.emplace_back("Outcome", r.content.outcome.decisions.empty() ? std::string(none)
                                                                                 : join(r.content.outcome.decisions, "; "));
    if (!r.content.outcome.supervisor_decision.empty()) {
      n.summary.items.emplace_back("Supervisor's decision", r.content.outcome.supervisor_decision);
    }
    if (r.content.core_groups) n.summary.items.emplace_back("Core group", core_group_line(*r.content.core_groups));
    n.summary.items.emplace_back("Actions", std::to_string(r.content.outcome.actions.size()));
    n.summary.items.emplace_back("Escalation", escalation_line(r));
    n.summary.items.emplace_back("Next", next_line(r.content.outcome));
    n.summary.items.emplace_back("Case note", "Midway Review (fuller details)");
  }
  return n;
}

note midway_review_note(const child_case& c, const record_id& id) {
  const midway_review_record& r = get_midway_review(c, id);
  note n{.type = "Midway Review", .title = "Midway Review: " + c.id().str() + ", " + when_line(r), .summary = header(c, r),
         .sections = {}};
  if (!r.reschedules.empty()) {
    std::vector<std::string> moves;
    for (const auto& m : r.reschedules) moves.push_back(m.from_date.to_iso() + " to " + m.to_date.to_iso() + ": " + m.reason);
    n.summary.items.emplace_back("Rescheduled", join(moves, "; "));
  }
  if (r.status != meeting_status::held) return n;
  if (!r.amendments.empty()) {
    const auto& last = r.amendments.back();
    n.summary.items.emplace_back("Version", std::to_string(r.version()) + " (amended " + last.changed_on.to_iso() + " by " +
                                                last.changed_by + ")");
  }
  note_table people{.header = {"Role", "Person", "Attendance"}, .rows = {}};
  for (const auto& p : r.content.participants) {
    people.rows.push_back({std::string(display_name(p.role)), p.person.empty() ? "-" : p.person, words(to_string(p.attendance))});
  }
  n.sections.push_back(section("Participants", table_or_none(std::move(people))));
  if (r.content.lac) lac_sections(n, *r.content.lac);
  if (r.content.signs_of_safety) sos_sections(n, c, *r.content.signs_of_safety);
  if (r.content.core_groups) core_group_sections(n, *r.content.core_groups);

  const auto& o = r.content.outcome;
  std::vector<note_block> outcome;
  if (!o.decisions.empty()) {
    outcome.emplace_back(std::string("Decisions:"));
    outcome.emplace_back(note_bullets{o.decisions});
  }
  if (!o.actions.empty()) outcome.emplace_back(actions_table(o.actions));
  note_fields f{{{"Escalation", escalation_line(r)}, {"Next", next_line(o)}}};
  if (!o.supervisor_decision.empty()) f.items.emplace_back("Supervisor's decision", o.supervisor_decision);
  outcome.emplace_back(std::move(f));
  n.sections.push_back(section("Outcome", std::move(outcome)));
  if (!r.content.notes.empty()) n.sections.push_back(section("Notes", {r.content.notes}));
  if (!r.amendments.empty()) {
    note_table h{.header = {"Version", "Changed on", "By", "Reason"}, .rows = {}};
    for (const auto& a : r.amendments) h.rows.push_back({std::to_string(a.version), a.changed_on.to_iso(), a.changed_by, a.reason});
    n.sections.push_back(section("Amendment history", {std::move(h)}));
  }
  return n;
}

note midway_review_document(const child_case& c, const record_id& id, std::string_view form, std::string_view field) {
  if (form == "case-note") return midway_review_note(c, id);
  if (form == "contact-form") return iro_contact_form(c, id);
  throw unknown_code_error("'" + std::string(form.substr(0, 60)) + "' is not a note form; expected one of: case-note, contact-form",
                           std::string(field));
}

}  // namespace midway
