// midway/events.hpp: what happens on a case, as small dated records.
//
// A case's history is a list of `event`s; each holds one of the structs below in a
// std::variant, handled with exhaustive std::visit. Every struct has a `date`, its
// `kind` name (the JSON "type" and the Python class's snake_case twin) and a field
// list (detail/fields.hpp) that drives JSON and the Python bindings.
//
// CP events: initial_conference, review_conference, transfer_in_conference, core_group, plan_ended.
// LAC events: started_looked_after, placement_start, lac_review, ceased_looked_after.
// Either: the rest.
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/date.hpp>
#include <midway/detail/fields.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

namespace midway {

// People by role. IRO: LAC reviews; chair: CP conferences; CPA: CP midway monitoring.
enum class role { social_worker, iro, chair, cpa, team_manager, supervisor };
MIDWAY_ENUM_TRAITS_DESCRIBED(role, 6, "Role", "role", "People by role.",
                   {role::social_worker, "social_worker"},
                   {role::iro, "iro"},
                   {role::chair, "chair"},
                   {role::cpa, "cpa"},
                   {role::team_manager, "team_manager"},
                   {role::supervisor, "supervisor"});
std::string_view to_string(role r) noexcept;  // "social_worker", ...
role role_from_string(std::string_view text, std::string_view field = "role");
std::span<const role> all_roles() noexcept;
// For people to read: "social worker", "IRO", "Chair", "CPA", "team manager", "supervisor".
std::string_view display_name(role r) noexcept;

enum class midway_outcome { held, not_required };
MIDWAY_ENUM_TRAITS_DESCRIBED(midway_outcome, 2, "MidwayOutcome", "midway review outcome", "A midway review held, or not required.",
                   {midway_outcome::held, "held"},
                   {midway_outcome::not_required, "not_required"});
std::string_view to_string(midway_outcome o) noexcept;  // "held", "not_required"
midway_outcome midway_outcome_from_string(std::string_view text, std::string_view field = "outcome");

// Why a CP plan ended (Working Together 2018; shared/domain.md §3).
enum class plan_end_reason { no_longer_at_risk, moved_to_another_la, turned_18, died, left_uk, became_looked_after, other };
MIDWAY_ENUM_TRAITS_DESCRIBED(plan_end_reason, 7, "PlanEndReason", "plan end reason", "Why a CP plan ended.",
                   {plan_end_reason::no_longer_at_risk, "no_longer_at_risk"},
                   {plan_end_reason::moved_to_another_la, "moved_to_another_la"},
                   {plan_end_reason::turned_18, "turned_18"},
                   {plan_end_reason::died, "died"},
                   {plan_end_reason::left_uk, "left_uk"},
                   {plan_end_reason::became_looked_after, "became_looked_after"},
                   {plan_end_reason::other, "other"});
std::string_view to_string(plan_end_reason r) noexcept;  // "no_longer_at_risk", ...
plan_end_reason plan_end_reason_from_string(std::string_view text, std::string_view field = "reason");

#define MIDWAY_EVENT(name) \
  static constexpr std::string_view kind = #name; \
  friend bool operator==(const name&, const name&) = default

// A multi-agency strategy discussion; `s47_started` when it started a s.47 enquiry
// (the ICPC is then due within 15 working days of the latest such discussion).
struct strategy_discussion {
  MIDWAY_EVENT(strategy_discussion);
  midway::date date;
  bool s47_started = false;
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &strategy_discussion::date),
                      detail::field("s47_started", &strategy_discussion::s47_started)};
  }
};

// A s.47 enquiry started (DfE CIN census S47ActualStartDate).
struct s47_enquiry {
  MIDWAY_EVENT(s47_enquiry);
  midway::date date;
  static constexpr auto fields() { return std::tuple{detail::field("date", &s47_enquiry::date)}; }
};

// Initial child protection conference. `plan_started`: the child was made subject to a CP plan.
struct initial_conference {
  MIDWAY_EVENT(initial_conference);
  midway::date date;
  bool pre_birth = false;
  bool plan_started = true;
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &initial_conference::date),
                      detail::field("pre_birth", &initial_conference::pre_birth),
                      detail::field("plan_started", &initial_conference::plan_started)};
  }
};

// Review child protection conference. `midway_date`: the midway review date set at it and
// written on the Chair's Report (seed 000).
struct review_conference {
  MIDWAY_EVENT(review_conference);
  midway::date date;
  bool plan_continues = true;
  std::optional<midway::date> midway_date{};
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &review_conference::date),
                      detail::field("plan_continues", &review_conference::plan_continues),
                      detail::field("midway_date", &review_conference::midway_date)};
  }
};

// A transfer-in conference held by the receiving LA; it starts the plan there as an ICPC would.
struct transfer_in_conference {
  MIDWAY_EVENT(transfer_in_conference);
  midway::date date;
  std::optional<midway::date> notified{};  // when the new LA was notified (due within 15 working days)
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &transfer_in_conference::date),
                      detail::field("notified", &transfer_in_conference::notified)};
  }
};

struct started_looked_after {
  MIDWAY_EVENT(started_looked_after);
  midway::date date;
  std::string legal_status{};  // SSDA903 LS code (C1, C2, E1, V2, ...), optional
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &started_looked_after::date),
                      detail::field("legal_status", &started_looked_after::legal_status)};
  }
};

// A placement starts (reg 28 visits are counted from it).
struct placement_start {
  MIDWAY_EVENT(placement_start);
  midway::date date;
  bool long_term = false;            // intended to last until the child is 18
  bool placed_with_parent = false;   // before assessment: weekly visits until the first review
  bool temporary_approval = false;   // temporarily approved connected person: likewise
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &placement_start::date), detail::field("long_term", &placement_start::long_term),
                      detail::field("placed_with_parent", &placement_start::placed_with_parent),
                      detail::field("temporary_approval", &placement_start::temporary_approval)};
  }
};

// A LAC statutory review chaired by the IRO. `midway_date` as for review_conference.
struct lac_review {
  MIDWAY_EVENT(lac_review);
  midway::date date;
  std::optional<midway::date> midway_date{};
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &lac_review::date), detail::field("midway_date", &lac_review::midway_date)};
  }
};

// A statutory visit. Only visits where the child was seen count for the visit timescales.
struct visit {
  MIDWAY_EVENT(visit);
  midway::date date;
  bool seen = true;
  bool seen_alone = false;
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &visit::date), detail::field("seen", &visit::seen),
                      detail::field("seen_alone", &visit::seen_alone)};
  }
};

// A core group meeting; `agencies` present (for partnership-working evidence).
struct core_group {
  MIDWAY_EVENT(core_group);
  midway::date date;
  std::vector<std::string> agencies{};
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &core_group::date), detail::field("agencies", &core_group::agencies)};
  }
};

// A midway review held, or decided not to be required (only by the IRO for LAC or the Chair
// for CP, with a reason: seed 000).
struct midway_review {
  MIDWAY_EVENT(midway_review);
  midway::date date;
  midway_outcome outcome = midway_outcome::held;
  std::optional<role> decided_by{};
  std::string reason{};
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &midway_review::date), detail::field("outcome", &midway_review::outcome),
                      detail::field("decided_by", &midway_review::decided_by),
                      detail::field("reason", &midway_review::reason)};
  }
};

struct plan_updated {
  MIDWAY_EVENT(plan_updated);
  midway::date date;
  static constexpr auto fields() { return std::tuple{detail::field("date", &plan_updated::date)}; }
};

struct management_oversight {
  MIDWAY_EVENT(management_oversight);
  midway::date date;
  static constexpr auto fields() { return std::tuple{detail::field("date", &management_oversight::date)}; }
};

// Direct work with the child (CPA checklist item 4) or, `with_family`, with the family to
// reduce risk (item 5); `tool`: "Three Houses", "Words and Pictures", "Safety House", ...
struct direct_work {
  MIDWAY_EVENT(direct_work);
  midway::date date;
  std::string tool{};
  bool with_family = false;
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &direct_work::date), detail::field("tool", &direct_work::tool),
                      detail::field("with_family", &direct_work::with_family)};
  }
};

struct child_views_recorded {
  MIDWAY_EVENT(child_views_recorded);
  midway::date date;
  static constexpr auto fields() { return std::tuple{detail::field("date", &child_views_recorded::date)}; }
};

struct parents_views_recorded {
  MIDWAY_EVENT(parents_views_recorded);
  midway::date date;
  static constexpr auto fields() { return std::tuple{detail::field("date", &parents_views_recorded::date)}; }
};

struct missing_episode {
  MIDWAY_EVENT(missing_episode);
  midway::date date;
  std::optional<midway::date> returned{};
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &missing_episode::date), detail::field("returned", &missing_episode::returned)};
  }
};

struct cse_concern {
  MIDWAY_EVENT(cse_concern);
  midway::date date;
  static constexpr auto fields() { return std::tuple{detail::field("date", &cse_concern::date)}; }
};

struct legal_planning_meeting {
  MIDWAY_EVENT(legal_planning_meeting);
  midway::date date;
  static constexpr auto fields() { return std::tuple{detail::field("date", &legal_planning_meeting::date)}; }
};

// A safe person identified for the child, or (`mentor_referral`) a referral for a mentor.
struct safe_person_identified {
  MIDWAY_EVENT(safe_person_identified);
  midway::date date;
  bool mentor_referral = false;
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &safe_person_identified::date),
                      detail::field("mentor_referral", &safe_person_identified::mentor_referral)};
  }
};

struct contingency_plan_recorded {
  MIDWAY_EVENT(contingency_plan_recorded);
  midway::date date;
  static constexpr auto fields() { return std::tuple{detail::field("date", &contingency_plan_recorded::date)}; }
};

// Drift and delay escalated to the team manager (seed 002: "highlighted to the TM"; "contact the
// Team Manager"): on `date`, by `raised_by` (a person id: the CPA, the IRO or Chair) to
// `team_manager` (a person id), for `reason`. Recorded by a held midway review's escalation and
// by a CPA checklist whose item 6 is Yes with an action needed.
struct escalation_to_tm {
  MIDWAY_EVENT(escalation_to_tm);
  midway::date date;
  std::string reason{};
  std::string raised_by{};
  std::string team_manager{};
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &escalation_to_tm::date), detail::field("reason", &escalation_to_tm::reason),
                      detail::field("raised_by", &escalation_to_tm::raised_by),
                      detail::field("team_manager", &escalation_to_tm::team_manager)};
  }
};

// The CP plan ended (an RCPC with plan_continues = false ends it too).
struct plan_ended {
  MIDWAY_EVENT(plan_ended);
  midway::date date;
  plan_end_reason reason = plan_end_reason::no_longer_at_risk;
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &plan_ended::date), detail::field("reason", &plan_ended::reason)};
  }
};

// The child ceased to be looked after; `reason`: SSDA903 REC code (E11, E4A, ...), optional.
struct ceased_looked_after {
  MIDWAY_EVENT(ceased_looked_after);
  midway::date date;
  std::string reason{};
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &ceased_looked_after::date),
                      detail::field("reason", &ceased_looked_after::reason)};
  }
};

// CP, pre-birth plan: the baby was born. The first RCPC of a pre-birth plan is due
// pre_birth_first_rcpc after the birth, or first_rcpc_after_icpc after the ICPC, whichever is
// sooner (docs/schedule.md).
struct birth {
  MIDWAY_EVENT(birth);
  midway::date date;
  static constexpr auto fields() { return std::tuple{detail::field("date", &birth::date)}; }
};

// CP: the receiving LA was notified of a child on a plan moving in; the transfer-in conference is
// due within transfer_in_after_notification (15 working days) of `date`, and is pending (on the
// worklist) until it is held.
struct transfer_in_notified {
  MIDWAY_EVENT(transfer_in_notified);
  midway::date date;
  std::string from_la{};  // the transferring LA, optional
  static constexpr auto fields() {
    return std::tuple{detail::field("date", &transfer_in_notified::date), detail::field("from_la", &transfer_in_notified::from_la)};
  }
};

#undef MIDWAY_EVENT

using event_data =
    std::variant<strategy_discussion, s47_enquiry, initial_conference, review_conference, transfer_in_conference,
                 started_looked_after, placement_start, lac_review, visit, core_group, midway_review, plan_updated,
                 management_oversight, direct_work, child_views_recorded, parents_views_recorded, missing_episode,
                 cse_concern, legal_planning_meeting, safe_person_identified, contingency_plan_recorded,
                 escalation_to_tm, plan_ended, ceased_looked_after, birth, transfer_in_notified>;

// The event's date and kind name, whatever it holds.
inline midway::date date_of(const event_data& e) {
  return std::visit([](const auto& x) { return x.date; }, e);
}
inline std::string_view kind_of(const event_data& e) noexcept {
  return std::visit([](const auto& x) { return std::decay_t<decltype(x)>::kind; }, e);
}

}  // namespace midway
