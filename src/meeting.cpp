#include <midway/meeting.hpp>

#include <midway/case.hpp>
#include <midway/detail/enum_table.hpp>
#include <midway/detail/extension_names.hpp>
#include <midway/schedule.hpp>

#include <algorithm>
#include <array>

namespace midway {

namespace {

constexpr auto& meeting_status_names = detail::enum_traits<meeting_status>::table;
constexpr auto& attendance_names = detail::enum_traits<attendance>::table;
constexpr auto& change_area_names = detail::enum_traits<change_area>::table;
constexpr auto& progress_names = detail::enum_traits<progress>::table;

// Where a record sits on the case: "midway_reviews['MR-1']".
std::string path_of(const record_id& id) { return "midway_reviews['" + id.str() + "']"; }

[[noreturn]] void broken(std::string_view rule, const std::string& what, const record_id& id, std::string_view field,
                         const child_case& c) {
  throw rule_violation_error("[" + std::string(rule) + "] " + what,
                             path_of(id) + (field.empty() ? "" : ".") + std::string(field), c.id().str());
}

midway_review_record& find_mutable(child_case& c, const record_id& id) {
  for (auto& r : c.midway_reviews) {
    if (r.id == id) return r;
  }
  throw not_found_error("no midway review '" + id.str() + "' on the case", path_of(id), c.id().str());
}

const event* event_with(const child_case& c, const event_id& id) {
  for (const auto& e : c.history()) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

// The review of `c` that may arrange a midway review, and the midway date on its Chair's Report.
struct review_ref {
  const event* e;
  std::optional<date> midway_date;
};

std::optional<review_ref> review_of(const child_case& c, const event& e) {
  if (c.kind() == case_kind::lac) {
    if (const auto* r = std::get_if<lac_review>(&e.data)) return review_ref{&e, r->midway_date};
    return std::nullopt;
  }
  if (const auto* r = std::get_if<review_conference>(&e.data)) return review_ref{&e, r->midway_date};
  if (std::holds_alternative<initial_conference>(e.data) || std::holds_alternative<transfer_in_conference>(e.data)) {
    return review_ref{&e, std::nullopt};
  }
  return std::nullopt;
}

const event& arranging_review(const child_case& c, const midway_review_record& r) {
  const event* e = event_with(c, r.arranged_at);
  if (!e) throw not_found_error("no event '" + r.arranged_at.str() + "' on the case", path_of(r.id) + ".arranged_at", c.id().str());
  return *e;
}

void require_status(const child_case& c, const midway_review_record& r, std::string_view doing) {
  if (r.status != meeting_status::scheduled && r.status != meeting_status::rescheduled) {
    broken("midway.status", "a midway review that is " + std::string(to_string(r.status)) + " cannot be " + std::string(doing),
           r.id, "status", c);
  }
}

void require_reason(const child_case& c, const midway_review_record& r, const std::string& reason, std::string_view doing) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    broken("midway.reason", std::string(doing) + " needs a reason", r.id, "reason", c);
  }
}

void require_after_review(const child_case& c, const midway_review_record& r, date d, std::string_view field) {
  const event& review = arranging_review(c, r);
  if (d <= review.date()) {
    broken("midway.date", "the midway review must be after the review that arranged it (" + review.date().to_iso() + "), not " +
                              d.to_iso(),
           r.id, field, c);
  }
}

role chair_role(const child_case& c) { return c.kind() == case_kind::lac ? role::iro : role::chair; }

bool attended(const midway_review_content& m, role who) {
  return std::any_of(m.participants.begin(), m.participants.end(),
                     [&](const participant& p) { return p.role == who && p.attendance == attendance::attended; });
}

const recommendation* find_recommendation(const child_case& c, std::string_view id) {
  for (const auto& r : c.plan) {
    if (r.id.str() == id) return &r;
  }
  return nullptr;
}

// The checks shared by holding and amending.
void check_content(const child_case& c, const midway_review_record& r, date on, const midway_review_content& m) {
  detail::check_extension_names(m, path_of(r.id) + ".content", c.id().str());
  const role chair = chair_role(c);
  for (role needed : {role::social_worker, chair}) {
    if (!attended(m, needed)) {
      broken("midway.participants",
             "the " + std::string(display_name(needed)) + " takes part in a " + std::string(to_string(c.kind())) +
                 " midway review (seed 000): no participant with role '" + std::string(to_string(needed)) +
                 "' attended",
             r.id, "content.participants", c);
    }
  }
  const bool supervisor = attended(m, role::supervisor);
  if (supervisor && m.outcome.supervisor_decision.empty()) {
    broken("midway.supervisor", "a supervisor takes part only to decide the outcome: record the decision",
           r.id, "content.outcome.supervisor_decision", c);
  }
  if (!supervisor && !m.outcome.supervisor_decision.empty()) {
    broken("midway.supervisor", "a supervisor's decision is recorded but no supervisor attended", r.id,
           "content.outcome.supervisor_decision", c);
  }
  if (c.kind() == case_kind::lac) {
    if (!m.lac) broken("midway.agenda", "a LAC midway review records the LAC agenda", r.id, "content.lac", c);
    if (m.core_groups) broken("midway.agenda", "core groups are for CP plans: a LAC midway review has no core-group section", r.id, "content.core_groups", c);
    if (m.signs_of_safety) {
      broken("midway.agenda", "a LAC midway review uses the LAC agenda, not a Signs of Safety record", r.id,
             "content.signs_of_safety", c);
    }
    for (std::size_t i = 0; i < m.lac->recommendations.size(); ++i) {
      if (!find_recommendation(c, m.lac->recommendations[i].recommendation)) {
        throw not_found_error("[midway.recommendation] recommendation '" +
                                  m.lac->recommendations[i].recommendation.substr(0, 40) + "' is not in the plan",
                              path_of(r.id) + ".content.lac.recommendations[" + std::to_string(i) + "].recommendation",
                              c.id().str());
      }
    }
  } else {
    if (!m.signs_of_safety) {
      broken("midway.agenda", "a CP midway review addresses the Signs of Safety headings: record them", r.id,
             "content.signs_of_safety", c);
    }
    if (m.lac) broken("midway.agenda", "a CP midway review uses Signs of Safety, not the LAC agenda", r.id, "content.lac", c);
    const auto& s = *m.signs_of_safety;
    if (s.context != sos_context::midway_review || s.date != on) {
      broken("midway.agenda", "the meeting's Signs of Safety record has context 'midway_review' and the date it was held (" +
                                  on.to_iso() + ")",
             r.id, "content.signs_of_safety", c);
    }
    validate(s, path_of(r.id) + ".content.signs_of_safety", c.id().str());
  }
  for (std::size_t i = 0; i < m.outcome.actions.size(); ++i) {
    const auto& a = m.outcome.actions[i];
    const std::string field = path_of(r.id) + ".content.outcome.actions[" + std::to_string(i) + "]";
    if (a.text.empty() && a.recommendation.empty()) {
      throw rule_violation_error("[midway.recommendation] an action says what will be done", field + ".text", c.id().str());
    }
    if (!a.recommendation.empty() && !find_recommendation(c, a.recommendation)) {
      throw not_found_error("[midway.recommendation] recommendation '" + a.recommendation.substr(0, 40) + "' is not in the plan",
                            field + ".recommendation", c.id().str());
    }
  }
  if (m.outcome.escalation && m.outcome.escalation->reason.empty()) {
    broken("midway.reason", "an escalation to the team manager needs a reason", r.id, "content.outcome.escalation.reason", c);
  }
}

// Applies an outcome to the plan and history; `applied`: the record's earlier content (when
// amending), so nothing is applied twice. Works on `c` in place: callers work on a copy.
void apply_outcome(child_case& c, const midway_review_record& r, date on, const midway_review_content& m,
                   const std::vector<const midway_review_content*>& earlier) {
  // New actions get ids by position in this version's outcome: "<record>-a<n>".
  for (std::size_t i = 0; i < m.outcome.actions.size(); ++i) {
    const auto& a = m.outcome.actions[i];
    if (a.recommendation.empty()) {
      const std::string id = r.id.str() + "-a" + std::to_string(i + 1);
      recommendation rec{.id = recommendation_id(id), .text = a.text, .owner = a.owner, .made_on = on, .due = a.due,
                         .status = a.status, .done_on = a.done_on, .urgent = false, .extra = a.extra};
      auto it = std::find_if(c.plan.begin(), c.plan.end(), [&](const recommendation& x) { return x.id.str() == id; });
      if (it == c.plan.end()) {
        c.plan.push_back(std::move(rec));
      } else {
        it->text = a.text, it->owner = a.owner, it->due = a.due, it->status = a.status, it->done_on = a.done_on;
      }
    } else {
      auto it = std::find_if(c.plan.begin(), c.plan.end(), [&](const recommendation& x) { return x.id.str() == a.recommendation; });
      if (!a.text.empty()) it->text = a.text;
      it->owner = a.owner;
      if (a.due) it->due = a.due;
      it->status = a.status;
      if (a.done_on) it->done_on = a.done_on;
    }
  }
  if (m.outcome.escalation) {
    const bool already = std::any_of(earlier.begin(), earlier.end(), [](const midway_review_content* e) {
      return e->outcome.escalation.has_value();
    });
    if (!already) {
      const person* by = c.person_in(chair_role(c));
      const person* tm = c.person_in(role::team_manager);
      c.record(escalation_to_tm{.date = m.outcome.escalation->on.value_or(on), .reason = m.outcome.escalation->reason,
                                .raised_by = by ? by->id.str() : std::string(), .team_manager = tm ? tm->id.str() : std::string()});
    }
  }
}

}  // namespace

std::string_view to_string(meeting_status s) noexcept { return detail::name_of(meeting_status_names, s); }
meeting_status meeting_status_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<meeting_status>(text, field);
}
std::string_view to_string(attendance a) noexcept { return detail::name_of(attendance_names, a); }
attendance attendance_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<attendance>(text, field);
}
std::string_view to_string(change_area a) noexcept { return detail::name_of(change_area_names, a); }
change_area change_area_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<change_area>(text, field);
}
std::string_view to_string(progress p) noexcept { return detail::name_of(progress_names, p); }
progress progress_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<progress>(text, field);
}

const midway_review_record* find_midway_review(const child_case& c, const record_id& id) noexcept {
  for (const auto& r : c.midway_reviews) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const midway_review_record& get_midway_review(const child_case& c, const record_id& id) {
  if (const auto* r = find_midway_review(c, id)) return *r;
  throw not_found_error("no midway review '" + id.str() + "' on the case", path_of(id), c.id().str());
}

const midway_review_record* midway_review_arranged_at(const child_case& c, const event_id& review) noexcept {
  for (const auto& r : c.midway_reviews) {
    if (r.arranged_at == review) return &r;
  }
  return nullptr;
}

void validate(const child_case& c, const midway_review_record& r) {
  const event& e = arranging_review(c, r);
  if (!review_of(c, e)) {
    broken("midway.arranged_at", "a midway review is arranged at a review or conference, not a " + std::string(e.kind()), r.id,
           "arranged_at", c);
  }
  require_after_review(c, r, r.arranged_for, "arranged_for");
  for (const auto& m : r.reschedules) require_after_review(c, r, m.to_date, "reschedules");
  if (r.event && !event_with(c, *r.event)) {
    throw not_found_error("no event '" + r.event->str() + "' on the case", path_of(r.id) + ".event", c.id().str());
  }
  switch (r.status) {
    case meeting_status::held:
      if (!r.held_on) broken("midway.status", "a held midway review has the date it was held", r.id, "held_on", c);
      require_after_review(c, r, *r.held_on, "held_on");
      check_content(c, r, *r.held_on, r.content);
      break;
    case meeting_status::not_required:
      if (r.decided_by != chair_role(c)) {
        broken("midway.not_required.role",
               "only the " + std::string(display_name(chair_role(c))) + " may decide a midway review is not required", r.id,
               "decided_by", c);
      }
      [[fallthrough]];
    case meeting_status::cancelled: require_reason(c, r, r.reason, "this decision"); break;
    case meeting_status::rescheduled:
      if (r.reschedules.empty()) broken("midway.status", "a rescheduled midway review lists its reschedules", r.id, "reschedules", c);
      break;
    case meeting_status::scheduled: break;
  }
  if (!r.amendments.empty() && r.status != meeting_status::held) {
    broken("midway.status", "only a held midway review has amendments", r.id, "amendments", c);
  }
}

const midway_review_record& arrange_midway_review(child_case& c, record_id id, const event_id& at, std::optional<date> on) {
  if (find_midway_review(c, id)) {
    throw invalid_argument_error("midway review id '" + id.str() + "' is used twice", path_of(id), c.id().str());
  }
  midway_review_record r{.id = std::move(id), .arranged_at = at, .arranged_for = date(2000, 1, 1)};
  const event* e = event_with(c, at);
  if (!e) throw not_found_error("no event '" + at.str() + "' on the case", path_of(r.id) + ".arranged_at", c.id().str());
  const auto review = review_of(c, *e);
  if (!review) {
    broken("midway.arranged_at",
           "a midway review is arranged at " +
               std::string(c.kind() == case_kind::lac ? "a LAC review" : "a conference (ICPC, transfer-in or RCPC)") + ", not a " +
               std::string(e->kind()),
           r.id, "arranged_at", c);
  }
  if (const auto* other = midway_review_arranged_at(c, at)) {
    broken("midway.arranged_at", "the review '" + at.str() + "' already arranged midway review '" + other->id.str() + "'", r.id,
           "arranged_at", c);
  }
  if (!on && !review->midway_date) {
    broken("midway.date", "give the date: the review '" + at.str() + "' has no midway date on its Chair's Report", r.id,
           "arranged_for", c);
  }
  if (on && review->midway_date && *on != *review->midway_date) {
    broken("midway.date",
           "the Chair's Report of '" + at.str() + "' sets the midway review for " + review->midway_date->to_iso() +
               ": arrange it for that date and reschedule it",
           r.id, "arranged_for", c);
  }
  r.arranged_for = on ? *on : *review->midway_date;
  require_after_review(c, r, r.arranged_for, "arranged_for");
  c.midway_reviews.push_back(std::move(r));
  return c.midway_reviews.back();
}

void reschedule_midway_review(child_case& c, const record_id& id, date to, std::string reason, std::optional<role> decided_by,
                              std::optional<date> decided_on) {
  midway_review_record& r = find_mutable(c, id);
  require_status(c, r, "rescheduled");
  require_reason(c, r, reason, "rescheduling");
  require_after_review(c, r, to, "reschedules");
  if (to == r.scheduled_for()) broken("midway.date", "the meeting is already set for " + to.to_iso(), r.id, "reschedules", c);
  r.reschedules.push_back(
      reschedule{.from_date = r.scheduled_for(), .to_date = to, .reason = std::move(reason), .decided_by = decided_by, .decided_on = decided_on});
  r.status = meeting_status::rescheduled;
}

void cancel_midway_review(child_case& c, const record_id& id, std::string reason, date on, std::optional<role> decided_by) {
  midway_review_record& r = find_mutable(c, id);
  require_status(c, r, "cancelled");
  require_reason(c, r, reason, "cancelling");
  r.status = meeting_status::cancelled;
  r.reason = std::move(reason);
  r.decided_on = on;
  r.decided_by = decided_by;
}

std::vector<std::string> implementation_issues(const child_case& c, const midway_review_record& r, date on) {
  std::vector<std::string> out;
  for (const auto& rec : c.plan) {
    if (rec.status == recommendation_status::open && rec.due && *rec.due < on) {
      out.push_back("recommendation " + rec.id.str() + " was due " + rec.due->to_iso() + " and is still open");
    }
  }
  if (r.content.lac) {
    for (const auto& p : r.content.lac->recommendations) {
      if (p.progress == progress::blocked) out.push_back("recommendation " + p.recommendation + " is blocked");
    }
    for (const auto& i : r.content.lac->issues) out.push_back("implementation issue recorded: " + i.issue);
  }
  const event* review = event_with(c, r.arranged_at);
  for (const auto& e : c.history()) {
    if (std::holds_alternative<escalation_to_tm>(e.data) && review && e.date() >= review->date() && e.date() <= on) {
      out.push_back("escalated to the team manager on " + e.date().to_iso() + " (event " + e.id.str() + ")");
    }
  }
  return out;
}

void midway_review_not_required(child_case& c, const record_id& id, role decided_by, std::string reason, date on) {
  const midway_review_record& r = get_midway_review(c, id);
  require_status(c, r, "decided not required");
  const role chair = chair_role(c);
  if (decided_by != chair) {
    broken("midway.not_required.role",
           "only the " + std::string(display_name(chair)) + " may decide a " + std::string(to_string(c.kind())) +
               " midway review is not required (seed 000), not the " + std::string(display_name(decided_by)),
           r.id, "decided_by", c);
  }
  require_reason(c, r, reason, "deciding a midway review is not required");
  if (const auto issues = implementation_issues(c, r, on); !issues.empty()) {
    broken("midway.not_required.issues",
           "a midway review may be not required only where there are no issues in implementing the plan; " +
               std::to_string(issues.size()) + " recorded, the first: " + issues.front(),
           r.id, "status", c);
  }
  child_case next = c;
  const event& e = next.record(midway_review{.date = on, .outcome = midway_outcome::not_required, .decided_by = decided_by, .reason = reason});
  auto& rec = find_mutable(next, id);
  rec.event = e.id;
  rec.status = meeting_status::not_required;
  rec.decided_by = decided_by;
  rec.decided_on = on;
  rec.reason = std::move(reason);
  c = std::move(next);
}

core_group_review core_groups_since(const child_case& c, date on, const policy& pol, const calendar& cal) {
  core_group_review g;
  if (c.kind() != case_kind::cp) return g;
  std::optional<date> conference;
  for (const auto& e : c.history()) {
    if (e.date() > on) break;
    if (std::holds_alternative<initial_conference>(e.data) || std::holds_alternative<review_conference>(e.data) ||
        std::holds_alternative<transfer_in_conference>(e.data)) {
      conference = e.date();
    }
  }
  if (!conference) return g;
  // Each core group against policy: the schedule's closed core-group intervals end at it.
  const case_schedule s = schedule(c, on, pol, cal);
  for (const auto& e : c.history()) {
    if (e.date() > on) break;
    const auto* cg = std::get_if<core_group>(&e.data);
    if (!cg || e.date() < *conference) continue;
    core_group_meeting m{.date = e.date(), .event = e.id.str(), .due_by = std::nullopt, .within_policy = true, .agencies = cg->agencies};
    for (const auto& i : s.history) {
      if (i.kind == item_kind::core_group && !i.open && !i.events.empty() && i.events.back() == e.id) {
        m.due_by = i.limit;
        m.within_policy = i.kept;
      }
    }
    g.meetings.push_back(std::move(m));
  }
  for (const auto& rec : c.plan) {
    if (!rec.made_on) continue;
    const bool at_core_group = std::any_of(g.meetings.begin(), g.meetings.end(), [&](const core_group_meeting& m) { return m.date == *rec.made_on; });
    if (!at_core_group) continue;
    g.actions.push_back(core_group_action{.set_on = *rec.made_on, .recommendation = rec.id.str(), .text = rec.text, .due = rec.due,
                                          .status = rec.status, .done_on = rec.done_on});
  }
  return g;
}

note chairs_report_midway(const child_case& c, const event_id& review) {
  const event* e = event_with(c, review);
  if (!e) throw not_found_error("no event '" + review.str() + "' on the case", "review", c.id().str());
  const auto* rc = std::get_if<review_conference>(&e->data);
  const auto* lr = std::get_if<lac_review>(&e->data);
  if (!rc && !lr && !std::holds_alternative<initial_conference>(e->data) && !std::holds_alternative<transfer_in_conference>(e->data)) {
    throw rule_violation_error("[midway.arranged_at] event '" + review.str() + "' is not a review or conference: it has no Chair's Report",
                               "review", c.id().str());
  }
  const std::string what = std::string(rc ? "RCPC" : lr ? "LAC review" : std::holds_alternative<initial_conference>(e->data) ? "ICPC"
                                                                                                                            : "transfer-in conference") +
                           " of " + e->date().to_iso();
  note n{.type = "Chair's Report", .title = "Chair's Report: midway review, " + c.id().str() + ", " + what, .summary = {}, .sections = {}};
  n.summary.items = {{"Case", c.id().str()}, {"Child", c.child().str()}, {"Review", what + " (" + review.str() + ")"}};
  const std::optional<date> set = rc ? rc->midway_date : lr ? lr->midway_date : std::nullopt;
  const midway_review_record* r = midway_review_arranged_at(c, review);
  // A "not required" decision: the meeting's, else a midway_review event (not required) from the
  // review's date up to the next review or conference.
  const midway_review* decision = nullptr;
  const event* decision_event = nullptr;
  bool after = false;
  for (const auto& x : c.history()) {
    if (&x == e) {
      after = true;
      continue;
    }
    if (!after || x.date() < e->date()) continue;
    if (std::holds_alternative<review_conference>(x.data) || std::holds_alternative<lac_review>(x.data) ||
        std::holds_alternative<initial_conference>(x.data) || std::holds_alternative<transfer_in_conference>(x.data)) {
      break;
    }
    const auto* m = std::get_if<midway_review>(&x.data);
    if (m && m->outcome == midway_outcome::not_required) {
      decision = m;
      decision_event = &x;
    }
  }
  const std::string chair(display_name(chair_role(c)));
  if (r && r->status == meeting_status::not_required) {
    n.summary.items.emplace_back("Midway review", "not required: decided by the " +
                                                      (r->decided_by ? std::string(display_name(*r->decided_by)) : chair) + " on " +
                                                      (r->decided_on ? r->decided_on->to_iso() : std::string("?")) + " (" + r->reason + ")");
  } else if (!r && decision) {
    n.summary.items.emplace_back("Midway review", "not required: decided by the " +
                                                      (decision->decided_by ? std::string(display_name(*decision->decided_by)) : chair) +
                                                      " on " + decision_event->date().to_iso() + " (" + decision->reason + ")");
  } else if (r) {
    n.summary.items.emplace_back("Midway review date", r->arranged_for.to_iso());
    std::string status(to_string(r->status));
    if (r->status == meeting_status::held && r->held_on) status += " on " + r->held_on->to_iso();
    if (!r->reschedules.empty()) status += "; rescheduled to " + r->scheduled_for().to_iso();
    n.summary.items.emplace_back("Meeting", r->id.str() + ": " + status);
  } else if (set) {
    n.summary.items.emplace_back("Midway review date", set->to_iso());
  } else {
    n.summary.items.emplace_back("Midway review", "not set (neither a date nor a \"not required\" decision is recorded)");
  }
  return n;
}

midway_review_content prefill_midway_review(const child_case& c, const record_id& id, date on) {
  return prefill_midway_review(c, id, on, policy::england(), calendar(division::england_and_wales));
}

midway_review_content prefill_midway_review(const child_case& c, const record_id& id, date on, const policy& pol, const calendar& cal) {
  const midway_review_record& r = get_midway_review(c, id);
  midway_review_content m;
  for (role who : {role::social_worker, chair_role(c)}) {
    const person* p = c.person_in(who);
    m.participants.push_back(participant{.role = who, .person = p ? p->id.str() : std::string{}, .attendance = attendance::attended});
  }
  const event* review = event_with(c, r.arranged_at);
  if (c.kind() == case_kind::lac) {
    lac_agenda a;
    for (const auto& rec : c.plan) {
      const bool from_review = review && rec.made_on == review->date();
      if (from_review || rec.status == recommendation_status::open) {
        a.recommendations.push_back(recommendation_progress{
            .recommendation = rec.id.str(), .text = rec.text,
            .progress = rec.status == recommendation_status::done ? progress::done : progress::not_started});
      }
    }
    m.lac = std::move(a);
  } else {
    signs_of_safety s{.date = on, .context = sos_context::midway_review};
    const auto history = signs_of_safety_history(c);
    if (!history.empty()) {
      s.danger_statements = history.back()->danger_statements;
      s.safety_goals = history.back()->safety_goals;
      s.anchors = history.back()->anchors;
    }
    m.signs_of_safety = std::move(s);
    m.core_groups = core_groups_since(c, on, pol, cal);
  }
  return m;
}

void hold_midway_review(child_case& c, const record_id& id, date on, midway_review_content content) {
  const midway_review_record& r = get_midway_review(c, id);
  require_status(c, r, "held");
  require_after_review(c, r, on, "held_on");
  check_content(c, r, on, content);
  child_case next = c;  // every change below is made on a copy: strong guarantee
  const event& e = next.record(midway_review{.date = on, .outcome = midway_outcome::held});
  const event_id eid = e.id;
  apply_outcome(next, r, on, content, {});
  auto& rec = find_mutable(next, id);
  rec.event = eid;
  rec.status = meeting_status::held;
  rec.held_on = on;
  rec.content = std::move(content);
  c = std::move(next);
}

void amend_midway_review(child_case& c, const record_id& id, midway_review_content content, std::string changed_by,
                         date changed_on, std::string reason) {
  const midway_review_record& r = get_midway_review(c, id);
  if (r.status != meeting_status::held) {
    broken("midway.status", "only a held midway review is amended; this one is " + std::string(to_string(r.status)), r.id,
           "status", c);
  }
  require_reason(c, r, reason, "an amendment");
  if (changed_by.empty()) broken("midway.reason", "an amendment says who made it", r.id, "amendments", c);
  if (changed_on < *r.held_on) {
    broken("midway.date", "an amendment is made after the meeting (" + r.held_on->to_iso() + ")", r.id, "amendments", c);
  }
  check_content(c, r, *r.held_on, content);
  child_case next = c;
  std::vector<const midway_review_content*> earlier{&r.content};
  for (const auto& a : r.amendments) earlier.push_back(&a.previous);
  apply_outcome(next, r, *r.held_on, content, earlier);
  auto& rec = find_mutable(next, id);
  rec.amendments.push_back(amendment{.changed_on = changed_on, .version = rec.version(), .changed_by = std::move(changed_by),
                                     .reason = std::move(reason), .previous = std::move(rec.content)});
  rec.content = std::move(content);
  c = std::move(next);
}

}  // namespace midway
