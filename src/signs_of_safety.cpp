#include <midway/signs_of_safety.hpp>

#include <midway/meeting.hpp>

#include <midway/case.hpp>
#include <midway/detail/enum_table.hpp>
#include <midway/detail/extension_names.hpp>

#include <algorithm>
#include <array>
#include <set>

namespace midway {

namespace {

constexpr auto& sos_heading_names = detail::enum_traits<sos_heading>::table;

constexpr auto& sos_context_names = detail::enum_traits<sos_context>::table;

constexpr auto& trend_direction_names = detail::enum_traits<trend_direction>::table;

std::string at(std::string_view path, std::string_view member, std::size_t i) {
  return std::string(path) + "." + std::string(member) + "[" + std::to_string(i) + "]";
}

// The direction of a change in score, given which end of the scale is safe.
trend_direction direction_of(double change, bool ten_is_safe) {
  if (change == 0) return trend_direction::unchanged;
  return (change > 0) == ten_is_safe ? trend_direction::improving : trend_direction::worsening;
}

}  // namespace

std::string_view to_string(sos_heading h) noexcept { return detail::name_of(sos_heading_names, h); }
sos_heading sos_heading_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<sos_heading>(text, field);
}
std::string_view question_of(sos_heading h) noexcept {
  switch (h) {
    case sos_heading::worried: return "What are we worried about?";
    case sos_heading::working_well: return "What's working well?";
    case sos_heading::needs_to_happen: return "What needs to happen?";
    case sos_heading::scale: return "What is the scale of worries?";
  }
  return "?";
}

std::string_view to_string(sos_context c) noexcept { return detail::name_of(sos_context_names, c); }
sos_context sos_context_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<sos_context>(text, field);
}

std::string_view to_string(trend_direction t) noexcept { return detail::name_of(trend_direction_names, t); }

void validate(const signs_of_safety& s, std::string_view path, std::string_view owner_id) {
  const std::string rid(owner_id);
  detail::check_extension_names(s, std::string(path), rid);
  std::set<std::string, std::less<>> statements;
  for (std::size_t i = 0; i < s.danger_statements.size(); ++i) {
    const auto& d = s.danger_statements[i];
    if (d.id.empty()) {
      throw rule_violation_error("[sos.danger_statement] a danger statement needs an id (safety goals refer to it)",
                                 at(path, "danger_statements", i) + ".id", rid);
    }
    if (!statements.insert(d.id).second) {
      throw invalid_argument_error("danger statement id '" + d.id + "' is used twice", at(path, "danger_statements", i) + ".id",
                                   rid);
    }
  }
  for (std::size_t i = 0; i < s.safety_goals.size(); ++i) {
    if (!statements.contains(s.safety_goals[i].danger_statement)) {
      throw not_found_error("[sos.safety_goal] safety goal links to danger statement '" +
                                s.safety_goals[i].danger_statement.substr(0, 40) + "', which is not in the record",
                            at(path, "safety_goals", i) + ".danger_statement", rid);
    }
  }
  std::set<std::string, std::less<>> scored;
  for (std::size_t i = 0; i < s.scaling.size(); ++i) {
    const auto& sc = s.scaling[i];
    if (sc.score < 0 || sc.score > 10) {
      throw out_of_range_error("a scaling score is 0 to 10, not " + std::to_string(sc.score), at(path, "scaling", i) + ".score",
                               rid);
    }
    if (sc.who.empty()) {
      throw rule_violation_error("[sos.scaling] a score says whose it is ('who')", at(path, "scaling", i) + ".who", rid);
    }
    if (!scored.insert(sc.who).second) {
      throw invalid_argument_error("a second score for the same person", at(path, "scaling", i) + ".who", rid);
    }
  }
  for (std::size_t i = 0; i < s.next_steps.size(); ++i) {
    if (s.next_steps[i].text.empty()) {
      throw rule_violation_error("[sos.next_step] a next step says what will be done", at(path, "next_steps", i) + ".text", rid);
    }
  }
  // Each heading addressed (seed 000): content, or an explicit "nothing recorded" with a reason.
  const std::array<bool, 4> has{!s.harm.empty() || !s.danger_statements.empty() || !s.complicating_factors.empty(),
                                !s.existing_strengths.empty() || !s.existing_safety.empty(),
                                !s.safety_goals.empty() || !s.next_steps.empty(), !s.scaling.empty()};
  std::array<bool, 4> marked{};
  for (std::size_t i = 0; i < s.not_recorded.size(); ++i) {
    const auto& n = s.not_recorded[i];
    const auto h = static_cast<std::size_t>(n.heading);
    const std::string q(question_of(n.heading));
    if (n.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      throw rule_violation_error("[sos.heading] '" + q + "' marked nothing recorded needs a reason", at(path, "not_recorded", i) + ".reason",
                                 rid);
    }
    if (has[h]) {
      throw rule_violation_error("[sos.heading] '" + q + "' has content and is marked nothing recorded", at(path, "not_recorded", i) + ".heading",
                                 rid);
    }
    if (marked[h]) throw invalid_argument_error("'" + q + "' is marked nothing recorded twice", at(path, "not_recorded", i) + ".heading", rid);
    marked[h] = true;
  }
  for (std::size_t h = 0; h < has.size(); ++h) {
    if (!has[h] && !marked[h]) {
      throw rule_violation_error("[sos.heading] '" + std::string(question_of(static_cast<sos_heading>(h))) +
                                     "' is not addressed: record it, or mark it nothing recorded with a reason",
                                 std::string(path) + ".not_recorded", rid);
    }
  }
}

std::vector<const signs_of_safety*> signs_of_safety_history(const child_case& c) {
  std::vector<const signs_of_safety*> out;
  for (const auto& s : c.signs_of_safety_records) out.push_back(&s);
  for (const auto& r : c.midway_reviews) {
    if (r.status == meeting_status::held && r.content.signs_of_safety) out.push_back(&*r.content.signs_of_safety);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->date < b->date; });
  return out;
}

sos_trend compare_scaling(const signs_of_safety* previous, const signs_of_safety& current) {
  sos_trend t{};
  const bool ten_is_safe = current.anchors.ten_is_safe;
  double cur_all = 0;
  for (const auto& sc : current.scaling) {
    score_trend st{.who = sc.who, .previous = std::nullopt, .current = sc.score, .change = 0,
                   .direction = previous ? trend_direction::new_score : trend_direction::no_previous};
    if (previous) {
      auto it = std::find_if(previous->scaling.begin(), previous->scaling.end(), [&](const auto& p) { return p.who == sc.who; });
      if (it != previous->scaling.end()) {
        // A previous record on the opposite scale is turned round before comparing.
        const std::int32_t prev = previous->anchors.ten_is_safe == ten_is_safe ? it->score : 10 - it->score;
        st.previous = prev;
        st.change = sc.score - prev;
        st.direction = direction_of(st.change, ten_is_safe);
      }
    }
    cur_all += sc.score;
    t.by_person.push_back(std::move(st));
  }
  if (!current.scaling.empty()) t.current_mean = cur_all / static_cast<double>(current.scaling.size());
  if (!previous) return t;
  t.previous_date = previous->date;
  if (previous->scaling.empty()) {
    t.overall = trend_direction::no_previous;
    return t;
  }
  // Overall: people scored both times, when there are any; else every score of each record.
  double prev_sum = 0, cur_sum = 0;
  std::size_t both = 0;
  for (const auto& st : t.by_person) {
    if (st.previous) {
      prev_sum += *st.previous;
      cur_sum += st.current;
      ++both;
    }
  }
  if (both == 0) {
    for (const auto& p : previous->scaling) {
      prev_sum += previous->anchors.ten_is_safe == ten_is_safe ? p.score : 10 - p.score;
    }
    t.previous_mean = prev_sum / static_cast<double>(previous->scaling.size());
  } else {
    t.previous_mean = prev_sum / static_cast<double>(both);
    t.current_mean = cur_sum / static_cast<double>(both);
  }
  t.overall = t.current_mean ? direction_of(*t.current_mean - *t.previous_mean, ten_is_safe) : trend_direction::no_previous;
  return t;
}

sos_trend scaling_trend(const child_case& c, const signs_of_safety& current) {
  const signs_of_safety* previous = nullptr;
  for (const auto* s : signs_of_safety_history(c)) {
    if (s->date < current.date && s != &current) previous = s;
  }
  return compare_scaling(previous, current);
}

void add_signs_of_safety(child_case& c, signs_of_safety s) {
  const std::string path = "signs_of_safety_records[" + std::to_string(c.signs_of_safety_records.size()) + "]";
  if (c.kind() != case_kind::cp) {
    throw rule_violation_error("[sos.case_kind] Signs of Safety records are kept on CP cases", path, c.id().str());
  }
  validate(s, path, c.id().str());
  if (s.event) {
    const auto& h = c.history();
    auto it = std::find_if(h.begin(), h.end(), [&](const event& e) { return e.id == *s.event; });
    if (it == h.end()) {
      throw not_found_error("no event '" + s.event->str() + "' on the case", path + ".event", c.id().str());
    }
    const bool meeting = std::holds_alternative<initial_conference>(it->data) ||
                         std::holds_alternative<review_conference>(it->data) ||
                         std::holds_alternative<transfer_in_conference>(it->data) ||
                         std::holds_alternative<core_group>(it->data);
    if (!meeting || it->date() != s.date) {
      throw rule_violation_error("[sos.event] the record belongs to a conference or core group held on its date (" +
                                     s.date.to_iso() + "); '" + s.event->str() + "' is a " + std::string(it->kind()) +
                                     " of " + it->date().to_iso(),
                                 path + ".event", c.id().str());
    }
  }
  c.signs_of_safety_records.push_back(std::move(s));  // the only change: strong guarantee
}

}  // namespace midway
