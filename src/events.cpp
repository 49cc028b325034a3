#include <midway/events.hpp>

#include <midway/detail/enum_table.hpp>

namespace midway {

namespace {

constexpr auto& role_names = detail::enum_traits<role>::table;

constexpr auto& midway_outcome_names = detail::enum_traits<midway_outcome>::table;

constexpr auto& plan_end_reason_names = detail::enum_traits<plan_end_reason>::table;

}  // namespace

std::string_view to_string(role r) noexcept { return detail::name_of(role_names, r); }
role role_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<role>(text, field);
}
std::span<const role> all_roles() noexcept {
  static constexpr auto all = detail::values_of(role_names);
  return all;
}

std::string_view display_name(role r) noexcept {
  switch (r) {
    case role::social_worker: return "social worker";
    case role::iro: return "IRO";
    case role::chair: return "Chair";
    case role::cpa: return "CPA";
    case role::team_manager: return "team manager";
    case role::supervisor: return "supervisor";
  }
  return "?";
}

std::string_view to_string(midway_outcome o) noexcept { return detail::name_of(midway_outcome_names, o); }
midway_outcome midway_outcome_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<midway_outcome>(text, field);
}

std::string_view to_string(plan_end_reason r) noexcept { return detail::name_of(plan_end_reason_names, r); }
plan_end_reason plan_end_reason_from_string(std::string_view text, std::string_view field) {
  return detail::enum_from_string<plan_end_reason>(text, field);
}

}  // namespace midway
