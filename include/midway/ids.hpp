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

template <class Tag>
class strong_id {
 public:
  // Throws invalid_argument_error naming `field` if `value` is empty or has control characters.
  explicit strong_id(std::string value, std::string_view field = Tag::field) : value_(std::move(value)) {
    if (value_.empty()) throw invalid_argument_error("an id must not be empty", std::string(field));
    for (char c : value_) {
      if (static_cast<unsigned char>(c) < 0x20) {
        throw invalid_argument_error("an id must not contain control characters", std::string(field));
      }
    }
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
