#include <midway/drift.hpp>

#include "drivers.hpp"

#include <midway/detail/enum_table.hpp>
#include <midway/json.hpp>
#include <midway/schedule.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <sstream>

namespace midway {

namespace {

constexpr auto& severity_names = detail::enum_traits<severity>::table;

constexpr std::array<drift_rule, drift_rule_count> rules{{
    {drift_rule_id::overdue_review, "overdue_review", severity::high, "Review overdue"},
    {drift_rule_id::overdue_midway_review, "overdue_midway_review", severity::medium, "Midway review overdue"},
    {drift_rule_id::overdue_visit, "overdue_visit", severity::high, "Statutory visit overdue"},
    {drift_rule_id::overdue_core_group, "overdue_core_group", severity::medium, "Core group overdue"},
    {drift_rule_id::visit_gap, "visit_gap", severity::medium, "Visit gap beyond policy"},
    {drift_rule_id::core_group_gap, "core_group_gap", severity::medium, "Core group gap beyond policy"},
    {drift_rule_id::recommendation_overdue, "recommendation_overdue", severity::medium, "Recommendation past its due date"},
    {drift_rule_id::no_plan_update, "no_plan_update", severity::medium, "Plan not updated after the last conference or core group"},
    {drift_rule_id::no_management_oversight, "no_management_oversight", severity::medium, "No management oversight within the interval"},
    {drift_rule_id::risk_not_responded, "risk_not_responded", severity::high, "Missing episode or CSE concern without a strategy discussion or s.47"},
    {drift_rule_id::plan_open_18_months, "plan_open_18_months", severity::medium, "CP plan open 18 months or more"},
    {drift_rule_id::plan_open_2_years, "plan_open_2_years", severity::high, "CP plan open 2 years or more"},
    {drift_rule_id::repeated_rescheduling, "repeated_rescheduling", severity::low, "Midway review rescheduled repeatedly"},
    {drift_rule_id::midway_date_not_set, "midway_date_not_set", severity::low,
     "Midway review date not set at the review (nor decided not required)"},
}};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (static_cast<std::size_t>(rules[i].rule) != i) return false;
  }
  return true;
}
static_assert(in_enum_order(), "the rule table follows drift_rule_id");

// The findings of one kernel run (drivers.hpp), with their ids and explanations.
std::vector<finding> render_findings(const child_case& c, const kernel::rules& x, const detail::case_run& run) {
  std::vector<finding> out;
  if (run.result.ended()) return out;
  const policy& pol = x.pol;
  const auto& h = c.history();
  const auto ev = [&](std::int32_t row) -> const event& { return h[static_cast<std::size_t>(row)]; };
  const auto iso = [](std::int32_t day) { return kernel::rules::to_date(day).to_iso(); };
  auto raise = [&](drift_rule_id rule, std::string about, std::int32_t first, std::vector<event_id> events, std::string why,
                   std::optional<severity> sev = std::nullopt) {
    const drift_rule& r = drift_rule_of(rule);
    out.push_back(finding{.id = c.id().str() + "/" + std::string(r.id) + "/" + about,
                          .rule = std::string(r.id),
                          .severity = sev.value_or(r.severity),
                          .case_id = c.id(),
                          .first_raised = kernel::rules::to_date(first),
                          .events = std::move(events),
                          .explanation = std::move(why)});
  };
  const case_schedule s = detail::render_schedule(c, x, run);
  for (const kernel::finding_row& f : run.findings) {
    switch (f.rule) {
      case drift_rule_id::overdue_review:
      case drift_rule_id::overdue_midway_review:
      case drift_rule_id::overdue_visit:
      case drift_rule_id::overdue_core_group: {
        const due_item& i = f.rule == drift_rule_id::overdue_review          ? s.next_review
                            : f.rule == drift_rule_id::overdue_midway_review ? s.midway_review
                            : f.rule == drift_rule_id::overdue_visit         ? s.next_visit
                                                                             : s.next_core_group;
        raise(f.rule, i.from.empty() ? i.due->to_iso() : i.from.front().str(), f.first_raised, i.from, i.explanation + " (overdue)");
        break;
      }
      case drift_rule_id::recommendation_overdue: {
        const recommendation& r = c.plan[static_cast<std::size_t>(f.about)];
        raise(f.rule, r.id.str(), f.first_raised, {},
              "recommendation " + r.id.str() + (r.urgent ? " (urgent)" : "") + " was due " + r.due->to_iso() + " and is still open",
              r.urgent ? std::optional(severity::high) : std::nullopt);
        break;
      }
      case drift_rule_id::no_plan_update: {
        const event& m = ev(f.about);
        raise(f.rule, m.id.str(), f.first_raised, {m.id},
              "no plan update recorded since the " + std::string(std::holds_alternative<core_group>(m.data) ? "core group" : "conference") +
                  " of " + m.date().to_iso() + " (due within " + to_string(pol.plan_update_after_meeting) + ", by " + iso(f.limit) + ")");
        break;
      }
      case drift_rule_id::no_management_oversight: {
        const event& a = ev(f.about);
        raise(f.rule, a.id.str(), f.first_raised, {a.id},
              f.recorded ? "management oversight last recorded " + a.date().to_iso() + ": none within " +
                               to_string(pol.management_oversight_interval) + " (due by " + iso(f.limit) + ")"
                         : "no management oversight recorded since " + a.date().to_iso() + " (due by " + iso(f.limit) + ")");
        break;
      }
      case drift_rule_id::risk_not_responded: {
        const event& e = ev(f.about);
        raise(f.rule, e.id.str(), f.first_raised, {e.id},
              std::string(std::holds_alternative<missing_episode>(e.data) ? "missing episode" : "CSE concern") + " of " +
                  e.date().to_iso() + ": no strategy discussion or s.47 enquiry within " + to_string(pol.risk_response_within) +
                  " (by " + iso(f.limit) + ")");
        break;
      }
      case drift_rule_id::plan_open_18_months:
      case drift_rule_id::plan_open_2_years: {
        const event& e = ev(f.about);
        const period& p = f.rule == drift_rule_id::plan_open_18_months ? pol.plan_open_warning : pol.plan_open_alert;
        raise(f.rule, e.id.str(), f.first_raised, {e.id},
              "CP plan open since " + e.date().to_iso() + ": " + to_string(p) + " on " + iso(f.first_raised));
        break;
      }
      case drift_rule_id::repeated_rescheduling: {
        const midway_review_record& r = c.midway_reviews[static_cast<std::size_t>(f.about)];
        raise(f.rule, r.id.str(), f.first_raised, {r.arranged_at},
              "midway review " + r.id.str() + " rescheduled " + std::to_string(r.reschedules.size()) + " times, now " +
                  r.scheduled_for().to_iso());
        break;
      }
      case drift_rule_id::midway_date_not_set: {
        const event& e = ev(f.about);
        raise(f.rule, e.id.str(), f.first_raised, {e.id},
              "the " + std::string(kernel::title_of_code(static_cast<std::uint8_t>(e.data.index()))) + " of " + e.date().to_iso() +
                  " recorded no midway review date and no \"not required\" decision (seed 000: set at each 6-monthly review"
                  " and recorded on the Chair's Report)");
        break;
      }
      case drift_rule_id::visit_gap:
      case drift_rule_id::core_group_gap: break;  // from the intervals, below
    }
  }
  // Past gaps between visits or core groups beyond policy.
  for (const kernel::interval& i : run.intervals) {
    if (i.kept || i.open || (i.kind != item_kind::visit && i.kind != item_kind::core_group)) continue;
    const interval_check g = detail::render_interval(c, x, i);
    raise(i.kind == item_kind::visit ? drift_rule_id::visit_gap : drift_rule_id::core_group_gap,
          g.events.empty() ? g.to.to_iso() : g.events.back().str(), i.limit + 1, g.events, g.explanation);
  }
  std::stable_sort(out.begin(), out.end(), [](const finding& a, const finding& b) {
    const auto ra = drift_rule_of(a.rule).rule, rb = drift_rule_of(b.rule).rule;
    return ra != rb ? ra < rb : a.first_raised < b.first_raised;
  });
  return out;
}

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

// The escalation_to_tm events of `c` from its latest review or conference up to `as_of` (all up to
// `as_of` before any review), unless the plan or care has ended by then.
std::vector<tm_escalation> escalations_since_review(const child_case& c, date as_of) {
  std::vector<tm_escalation> out;
  for (const auto& e : c.history()) {
    if (e.date() > as_of) break;
    if (ends_on(e)) return {};
    if (std::holds_alternative<initial_conference>(e.data) || std::holds_alternative<review_conference>(e.data) ||
        std::holds_alternative<transfer_in_conference>(e.data) || std::holds_alternative<lac_review>(e.data)) {
      out.clear();
    }
    if (const auto* x = std::get_if<escalation_to_tm>(&e.data)) {
      out.push_back(tm_escalation{.event = e.id, .on = e.date(), .raised_by = x->raised_by, .team_manager = x->team_manager,
                                  .reason = x->reason});
    }
  }
  return out;
}

// "1 finding in 1 case", "3 findings in 2 cases"
std::string counted(const drift_count& c) {
  return std::to_string(c.findings) + (c.findings == 1 ? " finding in " : " findings in ") + std::to_string(c.cases) +
         (c.cases == 1 ? " case" : " cases");
}

}  // namespace

std::string_view to_string(severity s) noexcept { return detail::name_of(severity_names, s); }
severity severity_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<severity>(text, field);
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

const drift_rule& drift_rule_of(drift_rule_id rule) noexcept { return rules[static_cast<std::size_t>(rule)]; }
std::string_view to_string(drift_rule_id rule) noexcept { return rules[static_cast<std::size_t>(rule)].id; }

std::vector<finding> drift(const child_case& c, date as_of, const policy& pol, const calendar& cal) {
  const kernel::rules x(pol, cal, as_of);
  detail::case_run run;
  detail::run_case(c, x, run);
  return render_findings(c, x, run);
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
    auto escalated = escalations_since_review(*c, as_of);
    if (found.empty() && escalated.empty()) continue;
    const std::string tm = person_or_empty(*c, role::team_manager);
    const std::string sw = person_or_empty(*c, role::social_worker);
    if (found.empty()) {
      auto& list = lists[tm];
      list.team_manager = tm;
      list.cases.push_back(escalation_case{.case_id = c->id(), .social_worker = sw, .findings = {}, .escalated = std::move(escalated)});
      continue;
    }
    ++r.cases_with_findings;
    count(by_tm, tm, found.size());
    count(by_worker, sw, found.size());
    std::map<std::string, std::size_t> rules_here;
    for (const auto& f : found) ++rules_here[f.rule];
    for (const auto& [rule, n] : rules_here) count(by_rule, rule, n);
    auto& list = lists[tm];
    list.team_manager = tm;
    list.cases.push_back(
        escalation_case{.case_id = c->id(), .social_worker = sw, .findings = std::move(found), .escalated = std::move(escalated)});
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
      for (const auto& x : c.escalated) {
        out << "    escalated to " << or_none(x.team_manager) << " on " << x.on.to_iso() << " by " << or_none(x.raised_by) << ": "
            << x.reason << "\n";
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
      json esc = json::array();
      for (const auto& x : c.escalated) {
        esc.push_back(json{{"event", x.event.str()}, {"on", x.on.to_iso()}, {"raised_by", x.raised_by},
                           {"team_manager", x.team_manager}, {"reason", x.reason}});
      }
      cases.push_back(json{{"case_id", c.case_id.str()}, {"social_worker", c.social_worker}, {"findings", fs}, {"escalated", esc}});
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
