// Shared helpers for the GoogleTest suite: test-data paths, error capture, printers.
#pragma once

#include <midway/midway.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#ifndef MIDWAY_TEST_DATA_DIR
#error "MIDWAY_TEST_DATA_DIR must be defined by tests/cpp/CMakeLists.txt"
#endif

namespace midway_test {

inline std::filesystem::path data_path(std::string_view name) {
  return std::filesystem::path(MIDWAY_TEST_DATA_DIR) / std::filesystem::path(name);
}

inline std::filesystem::path govuk_feed_path() { return data_path("govuk-bank-holidays.json"); }

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("test data missing: " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `f` and returns the `E` it throws, or nullopt (with a test failure) if it returns
// normally. Any other exception propagates, which GoogleTest reports as a failure.
template <class E, class F>
std::optional<E> capture(F&& f) {
  try {
    std::forward<F>(f)();
  } catch (const E& e) {
    return e;
  }
  ADD_FAILURE() << "expected an exception, none was thrown";
  return std::nullopt;
}

// GoogleTest parameter names must be identifiers.
inline std::string division_param_name(const testing::TestParamInfo<midway::division>& info) {
  std::string name(midway::to_string(info.param));
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

// Shorthand: a date from an ISO string (the tests' literals are all valid).
inline midway::date iso(std::string_view text) { return midway::date::from_iso(text); }

// The England and Wales calendar with its built-in holidays, built once.
inline const midway::calendar& england_and_wales() {
  static const midway::calendar c(midway::division::england_and_wales);
  return c;
}

// An event with that id and data, not a correction, no extension members.
inline midway::event ev(std::string id, midway::event_data d) {
  return midway::event{.id = midway::event_id(std::move(id)), .data = std::move(d), .correction = false, .extra = {}};
}

// Checks row `i` of an evaluate() result against schedule() and drift() of the same case: every
// due date and status, the gap counts, the finding count and the rule bits.
inline void expect_row_agrees(const midway::child_case& c, const midway::bulk_result& r, std::size_t i, midway::date as_of,
                              const midway::policy& pol, const midway::calendar& cal) {
  using namespace midway;
  const auto days = [](const std::optional<date>& d) { return d ? static_cast<std::int32_t>(d->days_since_epoch()) : no_date; };
  const case_schedule s = schedule(c, as_of, pol, cal);
  const std::vector<finding> f = drift(c, as_of, pol, cal);
  EXPECT_EQ(r.review_kind[i], static_cast<std::uint8_t>(s.next_review.kind));
  EXPECT_EQ(r.review_due[i], days(s.next_review.due));
  EXPECT_EQ(r.review_status[i], static_cast<std::uint8_t>(s.next_review.status));
  EXPECT_EQ(r.midway_due[i], days(s.midway_review.due));
  EXPECT_EQ(r.midway_status[i], static_cast<std::uint8_t>(s.midway_review.status));
  EXPECT_EQ(r.visit_due[i], days(s.next_visit.due));
  EXPECT_EQ(r.visit_status[i], static_cast<std::uint8_t>(s.next_visit.status));
  EXPECT_EQ(r.core_group_due[i], days(s.next_core_group.due));
  EXPECT_EQ(r.core_group_status[i], static_cast<std::uint8_t>(s.next_core_group.status));
  const auto over = [&](item_kind k) {
    return static_cast<std::int32_t>(
        std::count_if(s.history.begin(), s.history.end(), [&](const interval_check& g) { return g.kind == k && !g.kept && !g.open; }));
  };
  EXPECT_EQ(r.visit_gaps[i], over(item_kind::visit));
  EXPECT_EQ(r.core_group_gaps[i], over(item_kind::core_group));
  EXPECT_EQ(r.findings[i], static_cast<std::int32_t>(f.size()));
  std::uint16_t rules = 0;
  for (const finding& x : f) rules = static_cast<std::uint16_t>(rules | (1u << static_cast<unsigned>(drift_rule_of(x.rule).rule)));
  EXPECT_EQ(r.finding_rules[i], rules);
}


}  // namespace midway_test

// Readable failure output for the library's value types (found by ADL).
namespace midway {
inline void PrintTo(const holiday& h, std::ostream* os) {
  *os << "{" << h.date << ", \"" << h.name << "\", substitute=" << (h.substitute ? "true" : "false")
      << ", origin=" << to_string(h.origin) << "}";
}
inline void PrintTo(division d, std::ostream* os) { *os << to_string(d); }
inline void PrintTo(weekday d, std::ostream* os) { *os << to_string(d); }
inline void PrintTo(error_code c, std::ostream* os) { *os << to_string(c); }
template <class Tag>
void PrintTo(span<Tag> s, std::ostream* os) {
  *os << s.count();
}
}  // namespace midway
