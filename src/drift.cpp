#include <midway/drift.hpp>

#include <midway/detail/enum_table.hpp>
#include <midway/schedule.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <sstream>

namespace midway {

namespace {

constexpr std::array severity_names{
    detail::enum_name<severity>{severity::low, "low"},
    detail::enum_name<severity>{severity::medium, "medium"},
    detail::enum_name<severity>{severity::high, "high"},
};

constexpr std::array<drift_rule, 13> rules{{
    {"overdue_review", severity::high, "Review overdue"},
    {"overdue_midway_review", severity::medium, "Midway review overdue"},
    {"overdue_visit", severity::high, "Statutory visit overdue"},
    {"overdue_core_group", severity::medium, "Core group overdue"},
    {"visit_gap", severity::medium, "Visit gap beyond policy"},
    {"core_group_gap", severity::medium, "Core group gap beyond policy"},
    {"recommendation_overdue", severity::medium, "Recommendation past its due date"},
    {"no_plan_update", severity::medium, "Plan not updated after the last conference or core group"},
    {"no_management_oversight", severity::medium, "No management oversight within the interval"},
    {"risk_not_responded", severity::high, "Missing episode or CSE concern without a strategy discussion or s.47"},
    {"plan_open_18_months", severity::medium, "CP plan open 18 months or more"},
    {"plan_open_2_years", severity::high, "CP plan open 2 years or more"},
    {"repeated_rescheduling", severity::low, "Midway review rescheduled repeatedly"},
}};

class detector {
 public:
  detector(const child_case& c, date as_of, const policy& pol, const calendar& cal)
      : c_(c), as_of_(as_of), pol_(pol), cal_(cal) {
    for (const auto& e : c.history()) {
      if (e.date() > as_of) break;
      events_.push_back(&e);
      if (!ended_ && ends_on(e)) ended_ = true;
    }
  }

  std::vector<finding> run() {
    if (ended_) return {};
    const case_schedule s = schedule(c_, as_of_, pol_, cal_);
    overdue(s.next_review, "overdue_review");
    overdue(s.midway_review, "overdue_midway_review");
    overdue(s.next_visit, "overdue_visit");
    overdue(s.next_core_group, "overdue_core_group");
    for (const auto& g : s.history) {
      if (g.kept || g.open) continue;
      if (g.kind == item_kind::visit) gap(g, "visit_gap");
      if (g.kind == item_kind::core_group) gap(g, "core_group_gap");
    }
    recommendations();
    if (c_.kind() == case_kind::cp) plan_updates();
    oversight();
    if (c_.kind() == case_kind::cp) risks();
    if (c_.kind() == case_kind::cp) plan_length();
    rescheduling();
    std::stable_sort(out_.begin(), out_.end(), [](const finding& a, const finding& b) {
      const auto ra = rank(a.rule), rb = rank(b.rule);
      return ra != rb ? ra < rb : a.first_raised < b.first_raised;
    });
    return std::move(out_);
  }

 private:
  static std::size_t rank(std::string_view rule) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (rules[i].id == rule) return i;
    }
    return rules.size();
  }

  date add(date from, const period& p) const { return add_period(from, p, pol_, cal_); }

  void raise(std::string_view rule, std::string about, date first, std::vector<event_id> events, std::string why,
             std::optional<severity> sev = std::nullopt) {
    const drift_rule& r = drift_rule_of(rule);
    out_.push_back(finding{.id = c_.id().str() + "/" + std::string(rule) + "/" + about,
                           .rule = std::string(rule),
                           .severity = sev.value_or(r.severity),
                           .case_id = c_.id(),
                           .first_raised = first,
                           .events = std::move(events),
                           .explanation = std::move(why)});
  }

  template <class T>
  static bool is(const event& e) {
    return std::holds_alternative<T>(e.data);
  }

  void overdue(const due_item& i, std::string_view rule) {
    if (i.status != item_status::overdue || !i.due) return;
    const std::string about = i.from.empty() ? i.due->to_iso() : i.from.front().str();
    raise(rule, about, *i.due + calendar_days(1), i.from, i.explanation + " (overdue)");
  }

  void gap(const interval_check& g, std::string_view rule) {
    raise(rule, g.events.empty() ? g.to.to_iso() : g.events.back().str(), g.limit + calendar_days(1), g.events, g.explanation);
  }

  void recommendations() {
    for (const auto& r : c_.plan) {
      if (r.status != recommendation_status::open || !r.due) continue;
      const date limit = add(*r.due, pol_.recommendation_grace);
      if (as_of_ <= limit) continue;
      raise("recommendation_overdue", r.id.str(), limit + calendar_days(1), {},
            "recommendation " + r.id.str() + (r.urgent ? " (urgent)" : "") + " was due " + r.due->to_iso() +
                " and is still open",
            r.urgent ? std::optional(severity::high) : std::nullopt);
    }
  }

  void plan_updates() {
    const event* meeting = nullptr;
    for (const event* e : events_) {
      if (is<initial_conference>(*e) || is<review_conference>(*e) || is<transfer_in_conference>(*e) || is<core_group>(*e)) {
        meeting = e;
      }
    }
    if (!meeting) return;
    for (const event* e : events_) {
      if (is<plan_updated>(*e) && e->date() >= meeting->date()) return;
    }
    const date limit = add(meeting->date(), pol_.plan_update_after_meeting);
    if (as_of_ <= limit) return;
    const std::string what = is<core_group>(*meeting) ? "core group" : "conference";
    raise("no_plan_update", meeting->id.str(), limit + calendar_days(1), {meeting->id},
          "no plan update recorded since the " + what + " of " + meeting->date().to_iso() + " (due within " +
              to_string(pol_.plan_update_after_meeting) + ", by " + limit.to_iso() + ")");
  }

  void oversight() {
    const event* anchor = nullptr;
    for (const event* e : events_) {
      if (is<management_oversight>(*e)) anchor = e;
    }
    const bool recorded = anchor != nullptr;
    if (!anchor) {
      // Counted from the start of the plan or of care.
      for (const event* e : events_) {
        if (is<initial_conference>(*e) || is<transfer_in_conference>(*e) || is<started_looked_after>(*e) ||
            (c_.partial_history() && (is<review_conference>(*e) || is<lac_review>(*e)))) {
          anchor = e;
          break;
        }
      }
    }
    if (!anchor) return;
    const date limit = add(anchor->date(), pol_.management_oversight_interval);
    if (as_of_ <= limit) return;
    raise("no_management_oversight", anchor->id.str(), limit + calendar_days(1), {anchor->id},
          recorded ? "management oversight last recorded " + anchor->date().to_iso() + ": none within " +
                         to_string(pol_.management_oversight_interval) + " (due by " + limit.to_iso() + ")"
                   : "no management oversight recorded since " + anchor->date().to_iso() + " (due by " + limit.to_iso() + ")");
  }

  void risks() {
    for (const event* e : events_) {
      if (!is<missing_episode>(*e) && !is<cse_concern>(*e)) continue;
      const date limit = add(e->date(), pol_.risk_response_within);
      bool answered = false;
      for (const event* r : events_) {
        answered = answered || ((is<strategy_discussion>(*r) || is<s47_enquiry>(*r)) && r->date() >= e->date() && r->date() <= limit);
      }
      if (answered || as_of_ <= limit) continue;
      raise("risk_not_responded", e->id.str(), limit + calendar_days(1), {e->id},
            std::string(is<missing_episode>(*e) ? "missing episode" : "CSE concern") + " of " + e->date().to_iso() +
                ": no strategy discussion or s.47 enquiry within " + to_string(pol_.risk_response_within) + " (by " +
                limit.to_iso() + ")");
    }
  }

  void plan_length() {
    const event* start = nullptr;
    for (const event* e : events_) {
      const auto* i = std::get_if<initial_conference>(&e->data);
      if ((i && i->plan_started) || is<transfer_in_conference>(*e)) start = e;
    }
    if (!start) return;
    policy exact = pol_;  // the anniversary itself, whatever day it falls on
    exact.due_on_non_working_day = non_working_due::stands;
    for (auto [rule, p] : {std::pair{"plan_open_18_months", pol_.plan_open_warning}, std::pair{"plan_open_2_years", pol_.plan_open_alert}}) {
      const date at = add_period(start->date(), p, exact, cal_);
      if (as_of_ < at) continue;
      raise(rule, start->id.str(), at, {start->id},
            "CP plan open since " + start->date().to_iso() + ": " + to_string(p) + " on " + at.to_iso());
    }
  }

  void rescheduling() {
    if (pol_.reschedule_limit <= 0) return;
    const auto limit = static_cast<std::size_t>(pol_.reschedule_limit);
    for (const auto& r : c_.midway_reviews) {
      if (r.reschedules.size() < limit) continue;
      if (r.status != meeting_status::rescheduled && r.status != meeting_status::scheduled) continue;
      const auto& nth = r.reschedules[limit - 1];
      raise("repeated_rescheduling", r.id.str(), nth.decided_on.value_or(nth.from_date), {r.arranged_at},
            "midway review " + r.id.str() + " rescheduled " + std::to_string(r.reschedules.size()) + " times, now " +
                r.scheduled_for().to_iso());
    }
  }

  const child_case& c_;
  date as_of_;
  const policy& pol_;
  const calendar& cal_;
  std::vector<const event*> events_;
  bool ended_ = false;
  std::vector<finding> out_;
};

std::string person_or_empty(const child_case& c, role r) {
  const person* p = c.person_in(r);
  return p ? p->id.str() : std::string{};
}

void count(std::map<std::string, drift_count>& m, const std::string& key, std::size_t findings) {
  auto& x = m[key];
  x.key = key;
  ++x.cases;
  x.findings += findings;
}

std::vector<drift_count> values(const std::map<std::string, drift_count>& m) {
  std::vector<drift_count> out;
  for (const auto& [k, v] : m) out.push_back(v);
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    out += ch;
    if (ch == '"') out += '"';
  }
  return out + "\"";
}

std::string or_none(const std::string& s) { return s.empty() ? "(none)" : s; }

// "1 finding in 1 case", "3 findings in 2 cases"
std::string counted(const drift_count& c) {
  return std::to_string(c.findings) + (c.findings == 1 ? " finding in " : " findings in ") + std::to_string(c.cases) +
         (c.cases == 1 ? " case" : " cases");
}

}  // namespace

std::string_view to_string(severity s) noexcept { return detail::name_of(severity_names, s); }
severity severity_from_string(std::string_view text, std::string_view field) {
  return detail::value_of(severity_names, text, field, "severity");
}

std::span<const drift_rule> drift_rules() noexcept { return rules; }

const drift_rule& drift_rule_of(std::string_view id, std::string_view field) {
  for (const auto& r : rules) {
    if (r.id == id) return r;
  }
  std::string names;
  for (const auto& r : rules) names += (names.empty() ? "" : ", ") + std::string(r.id);
  throw unknown_code_error("'" + std::string(id.substr(0, 60)) + "' is not a drift rule; expected one of: " + names,
                           std::string(field));
}

std::vector<finding> drift(const child_case& c, date as_of, const policy& pol, const calendar& cal) {
  return detector(c, as_of, pol, cal).run();
}

drift_report drift_report_for(const caseload& cl, date as_of, const policy& pol, const calendar& cal) {
  drift_report r{.as_of = as_of, .escalations = {}, .by_rule = {}, .by_team_manager = {}, .by_worker = {}, .cases = cl.cases.size(),
                 .cases_with_findings = 0};
  std::map<std::string, escalation_list> lists;
  std::map<std::string, drift_count> by_rule, by_tm, by_worker;
  std::vector<const child_case*> cases;
  for (const auto& c : cl.cases) cases.push_back(&c);
  std::sort(cases.begin(), cases.end(), [](const auto* a, const auto* b) { return a->id() < b->id(); });
  for (const child_case* c : cases) {
    auto found = drift(*c, as_of, pol, cal);
    if (found.empty()) continue;
    ++r.cases_with_findings;
    const std::string tm = person_or_empty(*c, role::team_manager);
    const std::string sw = person_or_empty(*c, role::social_worker);
    count(by_tm, tm, found.size());
    count(by_worker, sw, found.size());
    std::map<std::string, std::size_t> rules_here;
    for (const auto& f : found) ++rules_here[f.rule];
    for (const auto& [rule, n] : rules_here) count(by_rule, rule, n);
    auto& list = lists[tm];
    list.team_manager = tm;
    list.cases.push_back(escalation_case{.case_id = c->id(), .social_worker = sw, .findings = std::move(found)});
  }
  for (auto& [k, v] : lists) r.escalations.push_back(std::move(v));
  for (const auto& rule : rules) {
    auto it = by_rule.find(std::string(rule.id));
    r.by_rule.push_back(it == by_rule.end() ? drift_count{.key = std::string(rule.id), .cases = 0, .findings = 0} : it->second);
  }
  r.by_team_manager = values(by_tm);
  r.by_worker = values(by_worker);
  return r;
}

std::string to_table(const drift_report& r) {
  std::ostringstream out;
  out << "Drift and delay as of " << r.as_of.to_iso() << ": " << r.cases_with_findings << " of " << r.cases
      << " cases with findings\n";
  for (const auto& l : r.escalations) {
    out << "\nTeam manager " << or_none(l.team_manager) << "\n";
    for (const auto& c : l.cases) {
      out << "  " << c.case_id.str() << " (social worker " << or_none(c.social_worker) << ")\n";
      for (const auto& f : c.findings) {
        out << "    [" << to_string(f.severity) << "] " << f.rule << " since " << f.first_raised.to_iso() << ": "
            << f.explanation << "\n";
      }
    }
  }
  out << "\nBy rule\n";
  for (const auto& c : r.by_rule) out << "  " << c.key << ": " << counted(c) << "\n";
  out << "\nBy team manager\n";
  for (const auto& c : r.by_team_manager) out << "  " << or_none(c.key) << ": " << counted(c) << "\n";
  out << "\nBy worker\n";
  for (const auto& c : r.by_worker) out << "  " << or_none(c.key) << ": " << counted(c) << "\n";
  return out.str();
}

std::string to_json(const drift_report& r, int indent) {
  using json = nlohmann::ordered_json;
  auto counts = [](const std::vector<drift_count>& v) {
    json a = json::array();
    for (const auto& c : v) a.push_back(json{{"key", c.key}, {"cases", c.cases}, {"findings", c.findings}});
    return a;
  };
  json j{{"schema", "midway.drift"}, {"version", json_schema_version}, {"as_of", r.as_of.to_iso()}, {"cases", r.cases},
         {"cases_with_findings", r.cases_with_findings}, {"escalations", json::array()}};
  for (const auto& l : r.escalations) {
    json cases = json::array();
    for (const auto& c : l.cases) {
      json fs = json::array();
      for (const auto& f : c.findings) {
        json ev = json::array();
        for (const auto& e : f.events) ev.push_back(e.str());
        fs.push_back(json{{"id", f.id}, {"rule", f.rule}, {"severity", std::string(to_string(f.severity))},
                          {"first_raised", f.first_raised.to_iso()}, {"events", ev}, {"explanation", f.explanation}});
      }
      cases.push_back(json{{"case_id", c.case_id.str()}, {"social_worker", c.social_worker}, {"findings", fs}});
    }
    j["escalations"].push_back(json{{"team_manager", l.team_manager}, {"cases", cases}});
  }
  j["by_rule"] = counts(r.by_rule);
  j["by_team_manager"] = counts(r.by_team_manager);
  j["by_worker"] = counts(r.by_worker);
  return j.dump(indent < 0 ? -1 : indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + (indent < 0 ? "" : "\n");
}

std::string to_csv(const drift_report& r) {
  std::string out = "team_manager,case_id,social_worker,rule,severity,first_raised,finding_id,explanation\r\n";
  for (const auto& l : r.escalations) {
    for (const auto& c : l.cases) {
      for (const auto& f : c.findings) {
        out += csv_field(l.team_manager) + "," + csv_field(c.case_id.str()) + "," + csv_field(c.social_worker) + "," + f.rule +
               "," + std::string(to_string(f.severity)) + "," + f.first_raised.to_iso() + "," + csv_field(f.id) + "," +
               csv_field(f.explanation) + "\r\n";
      }
    }
  }
  return out;
}

}  // namespace midway
