#include <midway/checklist.hpp>

#include "drivers.hpp"

#include <midway/case.hpp>
#include <midway/detail/enum_table.hpp>
#include <midway/detail/extension_names.hpp>
#include <midway/drift.hpp>
#include <midway/schedule.hpp>

#include <algorithm>
#include <array>
#include <map>

namespace midway {

namespace {

constexpr auto& answer_names = detail::enum_traits<answer>::table;

// Seed 002, in its order and wording.
constexpr std::array<checklist_question, 10> questions{{
    {1, "Statutory requirements",
     "Have statutory requirements been completed: Seeing the child (every 10 days); Core groups (within 6 weekly)"},
    {2, "Urgent safeguarding issues and further risk",
     "Have urgent safeguarding issues been addressed following the RCPC, e.g LPM /recommendation about living arrangements "
     "being separated, contact arrangements. Has there been an appropriate response to further risk (strategy disc/ s.47, "
     "missing, CSE)"},
    {3, "Plan updated; partnership working",
     "Has the child protection plan been updated with the recommendations from the last conference/core group? Is there "
     "evidence of partnership working/Intervention?"},
    {4, "Direct work with the child; views of the child",
     "Is the SW engaging with the child via direct work using child friendly tools? Views of child"},
    {5, "Direct work with the family; views of parents",
     "Is the direct work with the family to reduce risk progressing as per the C P Plan? Are tools being used to progress "
     "and inform assessment and work? Views of parent(s)"},
    {6, "Drift and delay", "Is there any evidence of drift and delay that require escalation with managers?"},
    {7, "Safe person", "Is there evidence the child has a safe person to engage with. Prompt- Referral for mentor?"},
    {8, "Contingency plan", "In the event the Child Protection Plans is not progressing, what is the contingency plan"},
    {9, "Management oversight", "Is there evidence of Management oversight and decision making"},
    {10, "CPA summary and recommendations", "CPA summary and recommendations"},
}};

constexpr std::string_view no_evidence = "no evidence recorded";

// "1 session", "3 sessions"
std::string count_of(std::size_t n, std::string_view what) {
  return std::to_string(n) + " " + std::string(what) + (n == 1 ? "" : "s");
}

std::string path_of(const record_id& id) { return "cpa_checklists['" + id.str() + "']"; }

template <class T>
bool is(const event& e) {
  return std::holds_alternative<T>(e.data);
}

class proposer {
 public:
  proposer(const child_case& c, date on, const policy& pol, const calendar& cal) : c_(c), on_(on), pol_(pol), cal_(cal), x_(pol, cal, on) {
    detail::run_case(c, x_, run_);
    for (const auto& e : c.history()) {
      if (e.date() > on) break;
      events_.push_back(&e);
      const auto* i = std::get_if<initial_conference>(&e.data);
      if ((i && i->plan_started) || is<transfer_in_conference>(e) || (c.partial_history() && !start_ && is<review_conference>(e))) {
        start_ = &e;
      }
      if (is<initial_conference>(e) || is<review_conference>(e) || is<transfer_in_conference>(e)) conference_ = &e;
      if (is<core_group>(e)) core_group_ = &e;
    }
  }

  const event* conference() const { return conference_; }
  bool has_plan() const { return start_ != nullptr; }
  // The event that ended the plan by `on`, or nullptr (issue 16: nothing is due after it).
  const event* end() const { return run_.result.ended() ? &event_at(run_.result.end_row) : nullptr; }

  std::vector<proposal> run() {
    std::vector<proposal> out;
    out.push_back(statutory());
    out.push_back(urgent_and_risk());
    out.push_back(plan_and_partnership());
    out.push_back(child_work());
    out.push_back(family_work());
    out.push_back(drift_item());
    out.push_back(safe_person());
    bool progressing = true;
    for (std::size_t i = 0; i < 5; ++i) progressing = progressing && out[i].answer != answer::no;
    out.push_back(contingency(progressing));
    out.push_back(oversight());
    return out;
  }

 private:
  date add(date from, const period& p) const { return add_period(from, p, pol_, cal_); }

  std::vector<const event*> since(date from, bool (*pred)(const event&)) const {
    std::vector<const event*> out;
    for (const event* e : events_) {
      if (e->date() >= from && pred(*e)) out.push_back(e);
    }
    return out;
  }

  static evidence of(const event& e, std::string text) { return evidence{.text = std::move(text), .events = {e.id}}; }

  proposal statutory() const {
    const case_schedule s = schedule(c_, on_, pol_, cal_);
    proposal p;
    std::size_t visits = 0, visits_over = 0, groups = 0, groups_over = 0;
    const interval_check* longest = nullptr;
    const interval_check* first_group = nullptr;
    for (const auto& g : s.history) {
      if (g.kind == item_kind::visit) {
        ++visits;
        if (!g.kept) {
          ++visits_over;
          if (!longest || g.length > longest->length) longest = &g;
          p.evidence.push_back(evidence{.text = g.explanation, .events = g.events});
        }
      } else if (g.kind == item_kind::core_group) {
        if (!first_group && start_ && g.from == start_->date()) first_group = &g;
        ++groups;
        if (!g.kept) {
          ++groups_over;
          p.evidence.push_back(evidence{.text = g.explanation, .events = g.events});
        }
      }
    }
    if (visits == 0 && groups == 0) {
      p.summary = std::string(no_evidence) + ": no visits or core groups since the plan started";
      return p;
    }
    std::string v = std::to_string(visits_over) + " of " + std::to_string(visits) + " visit gaps exceeded " +
                    to_string(pol_.cp_visit_interval);
    if (longest) {
      v += "; longest " + std::to_string(longest->length) + ", " + longest->from.to_iso() + " to " + longest->to.to_iso();
    }
    std::string g = std::to_string(groups_over) + " of " + std::to_string(groups) + " core group gaps exceeded policy";
    if (first_group) {
      g += first_group->kept ? "; the first core group was within " : "; the first core group was not within ";
      g += to_string(pol_.first_core_group_after_icpc) + " of the plan's start";
    }
    p.summary = v + ". " + g + ".";
    p.answer = visits_over + groups_over == 0 ? answer::yes : answer::no;
    if (p.answer == answer::no) {
      p.action = action{.text = "Visits every " + to_string(pol_.cp_visit_interval) + " and core groups to timescale",
                        .owner = role::social_worker};
    }
    return p;
  }

  proposal urgent_and_risk() const {
    proposal p;
    const date from = conference_->date();
    std::size_t urgent = 0, done = 0, late_or_open = 0, pending = 0;
    for (const auto& r : c_.plan) {
      if (!r.urgent || r.made_on != from) continue;
      ++urgent;
      std::string text = "urgent recommendation " + r.id.str() + (r.text.empty() ? "" : " (" + r.text + ")");
      if (r.status == recommendation_status::done) {
        ++done;
        const bool late = r.due && r.done_on && *r.done_on > *r.due;
        late_or_open += late ? 1 : 0;
        text += ": done" + (r.done_on ? " on " + r.done_on->to_iso() : std::string()) + (late ? ", after its due date " + r.due->to_iso() : "");
      } else if (r.due && *r.due < on_) {
        ++late_or_open;
        text += ": " + std::string(to_string(r.status)) + ", due " + r.due->to_iso();
      } else {
        ++pending;
        text += ": " + std::string(to_string(r.status)) + (r.due ? ", due " + r.due->to_iso() : std::string());
      }
      p.evidence.push_back(evidence{.text = std::move(text), .events = {}});
    }
    std::size_t risks = 0, unanswered = 0, waiting = 0;
    for (const detail::risk_response& k : run_.risks) {
      const event& e = event_at(k.row);
      if (e.date() < from) continue;
      ++risks;
      const date limit = kernel::rules::to_date(k.limit);
      const std::string what = is<missing_episode>(e) ? "missing episode" : "CSE concern";
      if (k.response >= 0) {
        const event& response = event_at(k.response);
        std::string answered_by(response.kind());
        std::replace(answered_by.begin(), answered_by.end(), '_', ' ');
        p.evidence.push_back(evidence{.text = what + " of " + e.date().to_iso() + ": " + answered_by + " on " +
                                              response.date().to_iso(),
                                      .events = {e.id, response.id}});
      } else if (on_ > limit) {
        ++unanswered;
        p.evidence.push_back(of(e, what + " of " + e.date().to_iso() + ": no strategy discussion or s.47 within " +
                                       to_string(pol_.risk_response_within)));
      } else {
        ++pending;
        ++waiting;
        p.evidence.push_back(of(e, what + " of " + e.date().to_iso() + ": response due by " + limit.to_iso()));
      }
    }
    // Legal planning meetings since the conference: evidence that urgent safeguarding issues are
    // being addressed (seed 002: "e.g LPM").
    const auto lpms = since(from, is<legal_planning_meeting>);
    for (const event* e : lpms) p.evidence.push_back(of(*e, "legal planning meeting " + e->date().to_iso()));
    const std::string lpm_text =
        lpms.empty() ? std::string() : "; " + count_of(lpms.size(), "legal planning meeting") + " since, the last on " + lpms.back()->date().to_iso();
    const std::string at = "the conference of " + from.to_iso();
    if (urgent == 0 && risks == 0) {
      p.answer = lpms.empty() ? answer::not_applicable : answer::yes;
      p.summary = "no urgent recommendations at " + at + "; no missing episode or CSE concern since" + lpm_text;
      return p;
    }
    p.summary = std::to_string(done) + " of " + std::to_string(urgent) + " urgent recommendations of " + at + " done; " +
                std::to_string(risks - unanswered - waiting) + " of " + std::to_string(risks) +
                " missing episodes or CSE concerns since followed by a strategy discussion or s.47" + lpm_text;
    if (late_or_open + unanswered > 0) {
      p.answer = answer::no;
      p.action = action{.text = "Address the urgent recommendations and further risk", .owner = role::social_worker};
    } else if (pending == 0) {
      p.answer = answer::yes;
    } else {
      p.summary += " (" + std::to_string(pending) + " not yet due: no answer proposed)";
    }
    return p;
  }

  proposal plan_and_partnership() const {
    proposal p;
    const kernel::result& k = run_.result;
    const event* last = &event_at(k.plan_meeting);
    const event* update = k.plan_update >= 0 ? &event_at(k.plan_update) : nullptr;
    const date limit = kernel::rules::to_date(k.plan_update_limit);
    const std::string meeting = std::string(is<core_group>(*last) ? "core group" : "conference") + " of " + last->date().to_iso();
    if (update) {
      p.answer = answer::yes;
      p.summary = "plan updated on " + update->date().to_iso() + ", after the " + meeting;
      p.evidence.push_back(of(*update, "plan updated " + update->date().to_iso()));
    } else if (on_ > limit) {
      p.answer = answer::no;
      p.summary = "no plan update since the " + meeting + " (due by " + limit.to_iso() + ")";
      p.action = action{.text = "Update the CP plan with the recommendations of the " + meeting, .owner = role::social_worker};
    } else {
      p.summary = "no plan update yet since the " + meeting + "; due by " + limit.to_iso() + ": no answer proposed";
    }
    // Partnership working: core-group attendance by agency since the plan started.
    std::map<std::string, std::size_t> agencies;
    std::size_t meetings = 0;
    for (const event* e : since(start_->date(), is<core_group>)) {
      ++meetings;
      for (const auto& a : std::get<core_group>(e->data).agencies) ++agencies[a];
    }
    if (meetings) {
      std::string text = "core-group attendance by agency (" + std::to_string(meetings) + " meetings):";
      bool first = true;
      for (const auto& [a, n] : agencies) {
        text += (first ? " " : ", ") + a + " " + std::to_string(n);
        first = false;
      }
      if (agencies.empty()) text += " no agencies recorded";
      p.evidence.push_back(evidence{.text = std::move(text), .events = {}});
    }
    return p;
  }

  proposal child_work() const {
    proposal p;
    const date from = conference_->date();
    const auto work = since(from, [](const event& e) { return is<direct_work>(e) && !std::get<direct_work>(e.data).with_family; });
    const auto views = since(from, is<child_views_recorded>);
    std::string tools;
    for (const event* e : work) {
      const auto& t = std::get<direct_work>(e->data).tool;
      p.evidence.push_back(of(*e, "direct work " + e->date().to_iso() + (t.empty() ? "" : " (" + t + ")")));
      if (!t.empty() && tools.find(t) == std::string::npos) tools += (tools.empty() ? "" : ", ") + t;
    }
    for (const event* e : views) p.evidence.push_back(of(*e, "child's views recorded " + e->date().to_iso()));
    const std::string since_text = " since the conference of " + from.to_iso();
    if (work.empty()) {
      p.summary = std::string(no_evidence) + ": no direct work with the child" + since_text +
                  (views.empty() ? "" : " (child's views recorded " + count_of(views.size(), "time") + ")");
      return p;
    }
    p.summary = count_of(work.size(), "direct work session") + since_text + (tools.empty() ? "" : " (" + tools + ")") +
                "; child's views recorded " + count_of(views.size(), "time");
    p.answer = views.empty() ? answer::no : answer::yes;
    if (views.empty()) p.action = action{.text = "Record the child's views", .owner = role::social_worker};
    return p;
  }

  proposal family_work() const {
    proposal p;
    const date from = conference_->date();
    const auto views = since(from, is<parents_views_recorded>);
    for (const event* e : views) p.evidence.push_back(of(*e, "parents' views recorded " + e->date().to_iso()));
    // Direct work with the family, and tools in use (issue 16: parents' views alone are not
    // evidence that the work is progressing).
    const auto work = since(from, [](const event& e) { return is<direct_work>(e) && std::get<direct_work>(e.data).with_family; });
    std::string tools;
    for (const event* e : work) {
      const auto& t = std::get<direct_work>(e->data).tool;
      p.evidence.push_back(of(*e, "direct work with the family " + e->date().to_iso() + (t.empty() ? "" : " (" + t + ")")));
      if (!t.empty() && tools.find(t) == std::string::npos) tools += (tools.empty() ? "" : ", ") + t;
    }
    const auto history = signs_of_safety_history(c_);
    const signs_of_safety* latest = nullptr;
    for (const auto* s : history) {
      if (s->date <= on_) latest = s;
    }
    // A Signs of Safety record since the conference is a tool in use.
    const bool sos_in_use = latest && latest->date >= from;
    if (sos_in_use) p.evidence.push_back(evidence{.text = "Signs of Safety record of " + latest->date.to_iso(), .events = {}});
    const bool worked = !work.empty() || sos_in_use;
    std::size_t steps = 0, done = 0, overdue = 0;
    if (latest) {
      for (const auto& a : latest->next_steps) {
        ++steps;
        if (a.status == recommendation_status::done) {
          ++done;
        } else if (a.status == recommendation_status::open && a.due && *a.due < on_) {
          ++overdue;
          p.evidence.push_back(evidence{.text = "next step '" + a.text + "' of the Signs of Safety record of " + latest->date.to_iso() +
                                                    " open past its due date " + a.due->to_iso(),
                                        .events = {}});
        }
      }
    }
    if (!worked) {
      p.summary = std::string(no_evidence) + ": no direct work with the family and no tools in use since the conference of " +
                  from.to_iso() + (views.empty() ? "" : " (parents' views recorded " + count_of(views.size(), "time") + ")");
      return p;
    }
    p.summary = (work.empty() ? std::string("no direct work with the family")
                              : count_of(work.size(), "direct work session") + " with the family" + (tools.empty() ? "" : " (" + tools + ")")) +
                "; parents' views recorded " + count_of(views.size(), "time") + " since the conference of " + from.to_iso();
    if (latest) {
      p.summary += "; next steps of the Signs of Safety record of " + latest->date.to_iso() + ": " + std::to_string(done) + " of " +
                   std::to_string(steps) + " done, " + std::to_string(overdue) + " overdue";
    }
    if (overdue > 0) {
      p.answer = answer::no;
      p.action = action{.text = "Progress the overdue next steps with the family", .owner = role::social_worker};
    } else if (!views.empty()) {
      p.answer = answer::yes;
    } else {
      p.summary += "; parents' views not recorded: no answer proposed";
    }
    return p;
  }

  proposal drift_item() const {
    proposal p;
    const auto found = drift(c_, on_, pol_, cal_);
    for (const auto& f : found) {
      p.evidence.push_back(evidence{.text = "[" + std::string(to_string(f.severity)) + "] " + f.rule + ": " + f.explanation,
                                    .events = f.events});
    }
    if (found.empty()) {
      p.answer = answer::no;
      p.summary = "no drift or delay found";
      return p;
    }
    p.answer = answer::yes;
    p.summary = count_of(found.size(), "drift and delay finding") + ": escalate to the team manager";
    p.action = action{.text = "Escalate drift and delay to the team manager", .owner = role::cpa};
    return p;
  }

  proposal safe_person() const {
    proposal p;
    const auto found = since(start_->date(), is<safe_person_identified>);
    if (found.empty()) {
      p.summary = std::string(no_evidence) + ": no safe person identified and no mentor referral";
      return p;
    }
    for (const event* e : found) {
      p.evidence.push_back(of(*e, std::string(std::get<safe_person_identified>(e->data).mentor_referral ? "mentor referral "
                                                                                                       : "safe person identified ") +
                                      e->date().to_iso()));
    }
    p.answer = answer::yes;
    p.summary = "safe person or mentor referral recorded on " + found.back()->date().to_iso();
    return p;
  }

  proposal contingency(bool progressing) const {
    proposal p;
    const auto found = since(start_->date(), is<contingency_plan_recorded>);
    for (const event* e : found) p.evidence.push_back(of(*e, "contingency plan recorded " + e->date().to_iso()));
    if (!found.empty()) {
      p.answer = answer::yes;
      p.summary = "contingency plan recorded on " + found.back()->date().to_iso();
    } else if (progressing) {
      p.answer = answer::not_applicable;
      p.summary = "items 1-5 show the plan progressing; no contingency plan recorded";
    } else {
      p.answer = answer::no;
      p.summary = "items 1-5 show the plan is not progressing and no contingency plan is recorded";
      p.action = action{.text = "Record a contingency plan", .owner = role::social_worker};
    }
    return p;
  }

  proposal oversight() const {
    proposal p;
    const auto found = since(conference_->date(), is<management_oversight>);
    for (const event* e : found) p.evidence.push_back(of(*e, "management oversight " + e->date().to_iso()));
    if (found.empty()) {
      p.summary = std::string(no_evidence) + ": no management oversight since the conference of " + conference_->date().to_iso();
      return p;
    }
    const date limit = kernel::rules::to_date(run_.result.oversight_limit);
    if (on_ <= limit) {
      p.answer = answer::yes;
      p.summary = "management oversight recorded on " + found.back()->date().to_iso();
    } else {
      p.answer = answer::no;
      p.summary = "management oversight last recorded " + found.back()->date().to_iso() + ", more than " +
                  to_string(pol_.management_oversight_interval) + " ago";
      p.action = action{.text = "Management oversight and decision making to be recorded", .owner = role::team_manager};
    }
    return p;
  }

  const event& event_at(std::int32_t row) const { return c_.history()[static_cast<std::size_t>(row)]; }

  const child_case& c_;
  date on_;
  const policy& pol_;
  const calendar& cal_;
  kernel::rules x_;
  detail::case_run run_;
  std::vector<const event*> events_;
  const event* start_ = nullptr;
  const event* conference_ = nullptr;
  const event* core_group_ = nullptr;
};

[[noreturn]] void broken(std::string_view rule, const std::string& what, const record_id& id, const std::string& field,
                         const child_case& c) {
  throw rule_violation_error("[" + std::string(rule) + "] " + what, path_of(id) + (field.empty() ? "" : "." + field), c.id().str());
}

void check_content(const child_case& c, const record_id& id, const checklist_content& k) {
  detail::check_extension_names(k, path_of(id) + ".content", c.id().str());
  if (k.items.size() != 9) {
    broken("checklist.items", "a checklist has items 1 to 9 (item 10 is the summary); found " + std::to_string(k.items.size()), id,
           "content.items", c);
  }
  for (std::size_t i = 0; i < k.items.size(); ++i) {
    const auto& item = k.items[i];
    const std::string at = "content.items[" + std::to_string(i) + "]";
    if (item.number != static_cast<std::int32_t>(i + 1)) {
      broken("checklist.items", "item " + std::to_string(i + 1) + " is numbered " + std::to_string(item.number), id, at + ".number", c);
    }
    if (!item.answer) broken("checklist.items", "item " + std::to_string(i + 1) + " has no answer", id, at + ".answer", c);
    if (item.proposed.answer && *item.answer != *item.proposed.answer &&
        item.override_reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      broken("checklist.override",
             "item " + std::to_string(i + 1) + ": the answer " + std::string(display_name(*item.answer)) + " overrides the proposed " +
                 std::string(display_name(*item.proposed.answer)) + ": give a reason",
             id, at + ".override_reason", c);
    }
    if (item.action_needed && item.action_needed->text.empty()) {
      broken("checklist.action", "an action needed says what", id, at + ".action_needed.text", c);
    }
  }
  if (k.summary.find_first_not_of(" \t\r\n") == std::string::npos) {
    broken("checklist.summary", "item 10, the CPA's summary and recommendations, is always required", id, "content.summary", c);
  }
}

}  // namespace

std::string_view to_string(answer a) noexcept { return detail::name_of(answer_names, a); }
answer answer_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<answer>(text, field);
}
std::string_view display_name(answer a) noexcept {
  switch (a) {
    case answer::yes: return "Yes";
    case answer::no: return "No";
    case answer::not_applicable: return "N/A";
  }
  return "?";
}

std::span<const checklist_question> cpa_checklist_questions() noexcept { return questions; }

namespace {
struct facts_only : kernel::ignore {
  static constexpr bool wants_intervals = false;
  static constexpr bool wants_findings = false;
  static constexpr bool wants_midway = false;
};
}  // namespace

std::optional<date> cpa_checklist_due(const child_case& c, const policy& pol, const calendar& cal) {
  if (c.kind() != case_kind::cp || c.history().empty()) return std::nullopt;
  // Over the whole history; the midway review is not needed (nor checked) for this.
  facts_only sink;
  const kernel::rules x(pol, cal, c.history().back().date());
  kernel::case_storage storage;
  const kernel::result r = kernel::run(kernel::view_of(c, storage), x, sink);
  if (r.cpa_checklist_due == no_date) return std::nullopt;
  return kernel::rules::to_date(r.cpa_checklist_due);
}

cpa_checklist propose_cpa_checklist(const child_case& c, record_id id, date on, const policy& pol, const calendar& cal) {
  if (c.kind() != case_kind::cp) broken("checklist.case_kind", "the CPA checklist is for CP plans", id, "", c);
  proposer p(c, on, pol, cal);
  if (!p.has_plan()) broken("checklist.case_kind", "no CP plan has started by " + on.to_iso(), id, "", c);
  if (const event* end = p.end()) {
    broken("checklist.plan_ended",
           "the CP plan ended on " + end->date().to_iso() + " (" + std::string(kernel::title_of_code(static_cast<std::uint8_t>(end->data.index()))) +
               ", event '" + end->id.str() + "'): no CPA checklist is due",
           id, "", c);
  }
  cpa_checklist k{.id = std::move(id), .date = on, .conference = p.conference()->id, .cpa = {}, .content = {}, .amendments = {},
                  .extra = {}};
  const person* cpa = c.person_in(role::cpa);
  if (cpa) k.cpa = cpa->id.str();
  auto proposals = p.run();
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    k.content.items.push_back(checklist_item{.number = static_cast<std::int32_t>(i + 1), .proposed = std::move(proposals[i])});
  }
  return k;
}

void validate(const child_case& c, const cpa_checklist& k) {
  if (c.kind() != case_kind::cp) broken("checklist.case_kind", "the CPA checklist is for CP plans", k.id, "", c);
  if (k.conference) {
    const auto& h = c.history();
    if (std::none_of(h.begin(), h.end(), [&](const event& e) { return e.id == *k.conference; })) {
      throw not_found_error("no event '" + k.conference->str() + "' on the case", path_of(k.id) + ".conference", c.id().str());
    }
  }
  check_content(c, k.id, k.content);
}

namespace {
// Item 6 answered Yes with an action needed: drift and delay to escalate to the team manager.
const checklist_item* escalating(const checklist_content& k) {
  if (k.items.size() < 6) return nullptr;
  const checklist_item& i = k.items[5];
  return i.answer == answer::yes && i.action_needed ? &i : nullptr;
}
// The escalation_to_tm event a checklist records (issue 16), or nothing when it has none to record
// or the case already holds it (read back from JSON, amended again).
std::optional<escalation_to_tm> escalation_of(const child_case& c, const cpa_checklist& k, const checklist_content& content) {
  const checklist_item* i = escalating(content);
  if (!i) return std::nullopt;
  const std::string tag = "CPA checklist " + k.id.str() + " item 6: ";
  for (const auto& e : c.history()) {
    const auto* x = std::get_if<escalation_to_tm>(&e.data);
    if (x && x->reason.rfind(tag, 0) == 0) return std::nullopt;
  }
  const person* tm = c.person_in(role::team_manager);
  std::string reason = tag + i->action_needed->text;
  if (!i->comment.empty()) reason += " (" + i->comment + ")";
  return escalation_to_tm{.date = k.tm_contact ? k.tm_contact->on : k.date,
                          .reason = std::move(reason),
                          .raised_by = k.cpa,
                          .team_manager = k.tm_contact ? k.tm_contact->team_manager : tm ? tm->id.str() : std::string()};
}
}  // namespace

const cpa_checklist& record_cpa_checklist(child_case& c, cpa_checklist k) {
  for (const auto& x : c.cpa_checklists) {
    if (x.id == k.id) throw invalid_argument_error("checklist id '" + k.id.str() + "' is used twice", path_of(k.id), c.id().str());
  }
  validate(c, k);
  c.cpa_checklists.reserve(c.cpa_checklists.size() + 1);
  if (auto e = escalation_of(c, k, k.content)) c.record(std::move(*e));  // may throw: nothing recorded yet
  c.cpa_checklists.push_back(std::move(k));
  return c.cpa_checklists.back();
}

void amend_cpa_checklist(child_case& c, const record_id& id, checklist_content content, std::string changed_by, date changed_on,
                         std::string reason) {
  auto it = std::find_if(c.cpa_checklists.begin(), c.cpa_checklists.end(), [&](const cpa_checklist& k) { return k.id == id; });
  if (it == c.cpa_checklists.end()) throw not_found_error("no checklist '" + id.str() + "' on the case", path_of(id), c.id().str());
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) broken("checklist.reason", "an amendment gives a reason", id, "amendments", c);
  if (changed_by.empty()) broken("checklist.reason", "an amendment says who made it", id, "amendments", c);
  if (changed_on < it->date) broken("checklist.reason", "an amendment is made after the checklist (" + it->date.to_iso() + ")", id, "amendments", c);
  check_content(c, id, content);
  if (!escalating(it->content)) {
    if (auto e = escalation_of(c, *it, content)) c.record(std::move(*e));
  }
  it->amendments.push_back(checklist_amendment{.changed_on = changed_on, .version = it->version(), .changed_by = std::move(changed_by),
                                               .reason = std::move(reason), .previous = std::move(it->content)});
  it->content = std::move(content);
}

note cpa_monitoring_note(const child_case& c, const record_id& id) {
  auto it = std::find_if(c.cpa_checklists.begin(), c.cpa_checklists.end(), [&](const cpa_checklist& k) { return k.id == id; });
  if (it == c.cpa_checklists.end()) throw not_found_error("no checklist '" + id.str() + "' on the case", path_of(id), c.id().str());
  const cpa_checklist& k = *it;
  note n{.type = "CPA Midway Monitoring", .title = "CPA Midway Monitoring: " + c.id().str() + ", " + k.date.to_iso(),
         .summary = {}, .sections = {}};
  std::string conference = "-";
  for (const auto& e : c.history()) {
    if (k.conference && e.id == *k.conference) {
      conference = std::string(is<review_conference>(e) ? "RCPC" : is<initial_conference>(e) ? "ICPC" : "transfer-in conference") +
                   " of " + e.date().to_iso();
    }
  }
  n.summary.items = {{"Case", c.id().str()}, {"Child", c.child().str()}, {"Date", k.date.to_iso()},
                     {"CPA", k.cpa.empty() ? "-" : k.cpa}, {"Following", conference}};
  if (k.tm_contact) {
    n.summary.items.emplace_back("Team manager contacted", k.tm_contact->team_manager + " on " + k.tm_contact->on.to_iso() +
                                                               (k.tm_contact->outcome.empty() ? "" : " (" + k.tm_contact->outcome + ")"));
  }
  if (!k.amendments.empty()) {
    n.summary.items.emplace_back("Version", std::to_string(k.version()) + " (amended " + k.amendments.back().changed_on.to_iso() +
                                                " by " + k.amendments.back().changed_by + ")");
  }
  note_table t{.header = {"Item", "Yes/No", "Comment", "Action needed"}, .rows = {}};
  for (const auto& item : k.content.items) {
    const auto& q = questions[static_cast<std::size_t>(item.number - 1)];
    std::string act;
    if (item.action_needed) {
      act = item.action_needed->text + " (" + std::string(display_name(item.action_needed->owner)) +
            (item.action_needed->due ? ", by " + item.action_needed->due->to_iso() : "") + ")";
    }
    std::string comment = item.comment;
    if (!item.override_reason.empty()) {
      comment += (comment.empty() ? "" : " ") + std::string("(Proposed ") +
                 std::string(item.proposed.answer ? display_name(*item.proposed.answer) : "no answer") + ": " + item.override_reason + ")";
    }
    t.rows.push_back({std::to_string(q.number) + ". " + std::string(q.title),
                      item.answer ? std::string(display_name(*item.answer)) : "-", comment, act});
  }
  n.sections.push_back(note_section{.heading = "Midway monitoring", .blocks = {std::move(t)}, .level = 2});
  n.sections.push_back(note_section{.heading = "10. CPA summary and recommendations", .blocks = {k.content.summary}, .level = 2});
  note_section ev{.heading = "Evidence from the case record", .blocks = {}, .level = 2};
  for (const auto& item : k.content.items) {
    std::vector<std::string> lines;
    lines.push_back("Proposed: " + std::string(item.proposed.answer ? display_name(*item.proposed.answer) : "no answer") + ": " +
                    item.proposed.summary);
    for (const auto& e : item.proposed.evidence) lines.push_back(e.text);
    ev.blocks.emplace_back(std::to_string(item.number) + ". " + std::string(questions[static_cast<std::size_t>(item.number - 1)].title));
    ev.blocks.emplace_back(note_bullets{std::move(lines)});
  }
  n.sections.push_back(std::move(ev));
  return n;
}

}  // namespace midway
