#include <midway/worklist.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <map>
#include <sstream>

namespace midway {

namespace {

// Roles that act on an item, in the order groups are listed.
std::vector<role> responsible(case_kind kind, item_kind item) {
  switch (item) {
    case item_kind::lac_review: return {role::iro, role::social_worker};
    case item_kind::icpc:
    case item_kind::transfer_in_conference:
    case item_kind::rcpc: return {role::chair, role::social_worker};
    case item_kind::midway_review:
      return kind == case_kind::lac ? std::vector<role>{role::iro, role::social_worker}
                                    : std::vector<role>{role::chair, role::cpa, role::social_worker};
    case item_kind::visit:
    case item_kind::core_group: return {role::social_worker};
  }
  return {role::social_worker};
}

int role_rank(role r) {
  switch (r) {
    case role::iro: return 0;
    case role::chair: return 1;
    case role::cpa: return 2;
    case role::social_worker: return 3;
    case role::team_manager: return 4;
    case role::supervisor: return 5;
  }
  return 6;
}

std::string group_label(const worklist_group& g) {
  std::string label = std::string(display_name(g.role));
  label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  if (!g.person) return label + " (unassigned)";
  label += " " + g.person->str();
  if (!g.name.empty()) label += " (" + g.name + ")";
  return label;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

worklist make_worklist(const caseload& cl, date as_of, const policy& pol, const calendar& cal,
                       const worklist_options& options) {
  using key = std::pair<int, std::string>;  // (role rank, person id or "" for unassigned)
  std::map<key, worklist_group> groups;
  const date horizon = as_of + calendar_days(options.horizon_days);
  std::vector<worklist_problem> problems;
  for (const child_case& c : cl.cases) {
    std::optional<case_schedule> scheduled;
    try {
      scheduled = schedule(c, as_of, pol, cal);
    } catch (const error& e) {
      problems.push_back({.case_id = c.id(), .code = e.code(), .field = e.field(), .message = e.message()});
      continue;
    }
    const case_schedule& s = *scheduled;
    for (const due_item& item : s.items()) {
      const bool listed = item.status == item_status::overdue || item.status == item_status::due_soon ||
                          (item.status == item_status::upcoming && item.due && *item.due <= horizon);
      if (!listed) continue;
      for (role r : responsible(c.kind(), item.kind)) {
        const person* p = c.person_in(r);
        if (!p && r == role::cpa) continue;  // not every authority has CPAs
        const key k{role_rank(r), p ? p->id.str() : std::string{}};
        auto [it, fresh] = groups.try_emplace(
            k, worklist_group{.role = r, .person = p ? std::optional(p->id) : std::nullopt, .name = p ? p->name : "", .entries = {}});
        it->second.entries.push_back({.case_id = c.id(), .child_id = c.child(), .kind = c.kind(), .item = item});
      }
    }
  }
  worklist w{.as_of = as_of, .groups = {}, .problems = std::move(problems)};
  for (auto& [k, g] : groups) {
    std::stable_sort(g.entries.begin(), g.entries.end(), [](const worklist_entry& a, const worklist_entry& b) {
      return std::tie(*a.item.due, a.case_id) < std::tie(*b.item.due, b.case_id);
    });
    w.groups.push_back(std::move(g));
  }
  return w;
}

std::string to_table(const worklist& w) {
  std::ostringstream out;
  out << "Worklist as of " << w.as_of << "\n";
  if (w.groups.empty()) out << "\nNothing overdue or due soon.\n";
  for (const auto& g : w.groups) {
    out << "\n" << group_label(g) << "\n";
    out << "  " << std::left << std::setw(10) << "due" << "  " << std::setw(8) << "status" << "  " << std::setw(10)
        << "case" << "  " << std::setw(14) << "item" << "  explanation\n";
    for (const auto& e : g.entries) {
      const std::string status = e.item.status == item_status::due_soon ? "due soon" : std::string(to_string(e.item.status));
      out << "  " << std::setw(10) << e.item.due->to_iso() << "  " << std::setw(8) << status << "  " << std::setw(10)
          << e.case_id.str() << "  " << std::setw(14) << to_string(e.item.kind) << "  " << e.item.explanation << "\n";
    }
  }
  if (!w.problems.empty()) {
    out << "\nCould not schedule (fix the record, then run again)\n";
    for (const auto& p : w.problems) {
      out << "  " << p.case_id.str() << "  [" << to_string(p.code) << "] " << p.message << " (field '" << p.field << "')\n";
    }
  }
  return out.str();
}

std::string to_csv(const worklist& w) {
  std::ostringstream out;
  out << "group_role,person_id,person_name,case_id,child_id,case_kind,item,due,status,explanation\r\n";
  for (const auto& g : w.groups) {
    for (const auto& e : g.entries) {
      out << to_string(g.role) << "," << csv_field(g.person ? g.person->str() : "") << "," << csv_field(g.name) << ","
          << csv_field(e.case_id.str()) << "," << csv_field(e.child_id.str()) << "," << to_string(e.kind) << ","
          << to_string(e.item.kind) << "," << e.item.due->to_iso() << "," << to_string(e.item.status) << ","
          << csv_field(e.item.explanation) << "\r\n";
    }
  }
  for (const auto& p : w.problems) {
    out << ",,," << csv_field(p.case_id.str()) << ",,,,,error," << csv_field(p.message + " (field '" + p.field + "')") << "\r\n";
  }
  return out.str();
}

std::string to_json(const worklist& w, int indent) {
  using json = nlohmann::ordered_json;
  json j{{"schema", "midway.worklist"}, {"version", json_schema_version}, {"as_of", w.as_of.to_iso()}, {"groups", json::array()}};
  for (const auto& g : w.groups) {
    json entries = json::array();
    for (const auto& e : g.entries) {
      entries.push_back(json{{"case_id", e.case_id.str()}, {"child_id", e.child_id.str()},
                             {"case_kind", std::string(to_string(e.kind))}, {"item", std::string(to_string(e.item.kind))},
                             {"due", e.item.due->to_iso()}, {"status", std::string(to_string(e.item.status))},
                             {"explanation", e.item.explanation}});
    }
    j["groups"].push_back(json{{"role", std::string(to_string(g.role))},
                               {"person_id", g.person ? json(g.person->str()) : json(nullptr)},
                               {"name", g.name},
                               {"entries", entries}});
  }
  j["problems"] = json::array();
  for (const auto& p : w.problems) {
    j["problems"].push_back(json{{"case_id", p.case_id.str()}, {"code", std::string(to_string(p.code))}, {"field", p.field},
                                 {"message", p.message}});
  }
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace midway
