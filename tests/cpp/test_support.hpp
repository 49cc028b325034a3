// Shared helpers for the GoogleTest suite: test-data paths, error capture, printers.
#pragma once

#include <midway/midway.hpp>

#include <gtest/gtest.h>

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
