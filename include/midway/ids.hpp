// midway/ids.hpp: strong id types. A case id cannot be passed where a child id is meant.
//
// Ids are the only way records refer to children and people: errors and logs name ids,
// never names or dates of birth.
#pragma once

#include <midway/error.hpp>

#include <compare>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace midway {

namespace detail {

// True if `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
inline bool valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (n - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80u) || b > (k == 1 ? hi : 0xBFu)) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace detail

template <class Tag>
class strong_id {
 public:
  // Throws invalid_argument_error naming `field` if `value` is empty, has control characters or
  // is not well-formed UTF-8 (a Latin-1 byte read from a CSV file, say).
  explicit strong_id(std::string value, std::string_view field = Tag::field) : value_(std::move(value)) {
    if (value_.empty()) throw invalid_argument_error("an id must not be empty", std::string(field));
    for (char c : value_) {
      if (static_cast<unsigned char>(c) < 0x20) {
        throw invalid_argument_error("an id must not contain control characters", std::string(field));
      }
    }
    if (!detail::valid_utf8(value_)) throw invalid_argument_error("an id must be UTF-8 text", std::string(field));
  }

  const std::string& str() const noexcept { return value_; }

  friend bool operator==(const strong_id&, const strong_id&) = default;
  friend auto operator<=>(const strong_id&, const strong_id&) = default;
  friend std::ostream& operator<<(std::ostream& os, const strong_id& id) { return os << id.value_; }

 private:
  std::string value_;
};

struct case_id_tag { static constexpr std::string_view field = "case_id"; };
struct child_id_tag { static constexpr std::string_view field = "child_id"; };
struct person_id_tag { static constexpr std::string_view field = "person_id"; };
struct event_id_tag { static constexpr std::string_view field = "event_id"; };
struct recommendation_id_tag { static constexpr std::string_view field = "recommendation_id"; };
// A record kept beside the history: a midway review meeting, a CPA checklist.
struct record_id_tag { static constexpr std::string_view field = "record_id"; };

using case_id = strong_id<case_id_tag>;
using child_id = strong_id<child_id_tag>;
using person_id = strong_id<person_id_tag>;
using event_id = strong_id<event_id_tag>;
using recommendation_id = strong_id<recommendation_id_tag>;
using record_id = strong_id<record_id_tag>;

}  // namespace midway

template <class Tag>
struct std::hash<midway::strong_id<Tag>> {
  std::size_t operator()(const midway::strong_id<Tag>& id) const noexcept { return std::hash<std::string>{}(id.str()); }
};
