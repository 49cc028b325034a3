// midway/plan.hpp: the plan of a case (care plan or CP plan): its recommendations and
// actions, and the `extensions` every record carries for members a case system adds.
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/date.hpp>
#include <midway/detail/fields.hpp>
#include <midway/events.hpp>
#include <midway/ids.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace midway {

// Members a case system adds to a record that midway does not know: key -> the member's JSON
// text, kept so that serialisation round-trips them (numbers may be re-spelt: 1e3 -> 1000.0).
using extensions = std::map<std::string, std::string>;

enum class recommendation_status { open, done, dropped };
MIDWAY_ENUM_TRAITS_DESCRIBED(recommendation_status, 3, "RecommendationStatus", "recommendation status", "Where a recommendation stands.",
                   {recommendation_status::open, "open"},
                   {recommendation_status::done, "done"},
                   {recommendation_status::dropped, "dropped"});
std::string_view to_string(recommendation_status s) noexcept;  // "open", "done", "dropped"
recommendation_status recommendation_status_from_string(std::string_view text, std::string_view field = "status");

// A recommendation of a review or conference, or an action of the plan.
struct recommendation {
  recommendation_id id;
  std::string text;
  role owner = role::social_worker;
  std::optional<midway::date> made_on;  // the review or conference that made it
  std::optional<midway::date> due;
  recommendation_status status = recommendation_status::open;
  std::optional<midway::date> done_on;
  bool urgent = false;
  extensions extra;
  friend bool operator==(const recommendation&, const recommendation&) = default;
};

// An action: a next step of a Signs of Safety record, an action on an implementation issue,
// or an action agreed at a midway review. `recommendation`: the id of the plan recommendation
// it changes; empty for a new one (holding a midway review adds it to the plan).
struct action {
  std::string text;
  role owner = role::social_worker;
  std::optional<midway::date> due{};
  recommendation_status status = recommendation_status::open;
  std::optional<midway::date> done_on{};
  std::string recommendation{};
  extensions extra{};
  static constexpr auto fields() {
    return std::tuple{detail::field("text", &action::text), detail::field("owner", &action::owner),
                      detail::field("due", &action::due), detail::field("status", &action::status),
                      detail::field("done_on", &action::done_on), detail::field("recommendation", &action::recommendation),
                      detail::field("extra", &action::extra)};
  }
  friend bool operator==(const action&, const action&) = default;
};

}  // namespace midway
